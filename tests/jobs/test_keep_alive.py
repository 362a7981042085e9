"""Lease renewal during a long step: one thread per process renews every held lease when it is due."""

from __future__ import annotations

import dataclasses
import time

from django.utils import timezone

import jobs
from extractor import services
from extractor.api.views import validate_create
from extractor.models import Extraction, Status


def _claimed_job(make_tenant, kind: jobs.JobKind) -> jobs.Lease:
    tenant = make_tenant("Keep alive", credits=10).tenant
    body = validate_create({"type": "article", "format": "text", "content": "Keep alive\n\nOne paragraph."})
    pk = services.extraction_submit(tenant=tenant, body=body).extraction.pk
    return jobs.claim(kind, pk, claimed_at=timezone.now())


def test_a_held_lease_is_renewed_until_it_is_lost(transactional_db, redis_broker, make_tenant):
    kind = dataclasses.replace(services.KIND, lease_seconds=1)  # renewed every 0.5 s
    lease = _claimed_job(make_tenant, kind)
    first = Extraction.objects.get(pk=lease.pk).lease_expires_at
    with jobs.keep_alive(kind, lease) as alive:
        time.sleep(1.2)
        renewed = Extraction.objects.get(pk=lease.pk).lease_expires_at
        assert renewed > first and not alive.lost
        Extraction.objects.filter(pk=lease.pk).update(status=Status.CANCELLED, lease_token="")
        time.sleep(1.0)
        assert alive.lost
    with jobs.keep_alive(kind, lease) as short:  # a step shorter than the interval: no renewal at all
        pass
    assert not short.lost
