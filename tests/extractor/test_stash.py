"""The stash: gzip-compressed JSON in object storage, read back by the worker; older uncompressed stashes still read."""

from __future__ import annotations

import gzip
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from extractor.models import Extraction
from extractor.stash import stash_delete, stash_read, stash_write

PAGE = "<!DOCTYPE html><html><body>" + "<p>Ein Absatz über Größe, 価格 and prices.</p>" * 2000 + "</body></html>"


@pytest.fixture
def keys():
    written: list[str] = []
    yield written
    for key in written:
        stash_delete(key)


def test_html_is_stored_compressed_and_read_back(keys):
    key = stash_write(tenant_id=7, extraction_id="01JSTASHTEST0000000000000A", fmt="html", sanitized=PAGE)
    keys.append(key)
    assert key == "stash/7/01JSTASHTEST0000000000000A.json.gz"
    with default_storage.open(key, "rb") as handle:
        stored = handle.read()
    assert json.loads(gzip.decompress(stored)) == {"format": "html", "content": PAGE}
    assert len(stored) * 5 < len(PAGE.encode())
    assert stash_read(key) == PAGE


def test_json_content_and_lone_surrogates_round_trip(keys):
    content = {"name": "A \ud800 B", "offers": [{"price": "9.99"}], "nested": {"x": None, "y": True, "z": 1.5}}
    key = stash_write(tenant_id=7, extraction_id="01JSTASHTEST0000000000000B", fmt="json", sanitized=content)
    keys.append(key)
    assert stash_read(key) == content


def test_an_uncompressed_stash_of_an_earlier_version_is_still_read(keys):
    key = default_storage.save(
        "stash/7/01JSTASHTEST0000000000000C.json", ContentFile(json.dumps({"format": "html", "content": PAGE}).encode())
    )
    keys.append(key)
    assert stash_read(key) == PAGE


def test_a_missing_stash_raises_file_not_found():
    with pytest.raises(FileNotFoundError):
        stash_read("stash/7/01JSTASHTEST0000000000000D.json.gz")


@pytest.mark.django_db
def test_a_submission_stashes_compressed_input_the_worker_reads(xkey):
    from extractor import services

    page = "<html><head><title>Stashed</title></head><body><article><h1>Stashed</h1><p>Body text.</p></article></body></html>"
    response = xkey.post("/v1/extractor/extractions", {"type": "article", "content": page}, format="json")
    assert response.status_code == 202, response.content
    job = Extraction.objects.get(pk=response.json()["data"]["id"])
    assert job.input_key.endswith(".json.gz")
    assert "<h1>Stashed</h1>" in stash_read(job.input_key)
    assert services.extraction_run(job.pk) == "done"
    job.refresh_from_db()
    assert job.data["title"] == "Stashed"
    stash_delete(job.input_key)
