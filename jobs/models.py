"""The fields every job row carries for the engine (an abstract model: each kind keeps its own table)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class LeasedJob(models.Model):
    """Written only by the engine (`jobs.engine`): attempts, lease and message bookkeeping."""

    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=5)
    lease_token = models.CharField(max_length=32, blank=True, default="")
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    available_at = models.DateTimeField(default=timezone.now, help_text="Not to be claimed before (backoff).")
    enqueued_at = models.DateTimeField(null=True, blank=True, help_text="Last time a message was sent for it.")

    class Meta:
        abstract = True
