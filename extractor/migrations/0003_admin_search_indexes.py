"""Indexes for the staff console's searches and filters at production scale (PostgreSQL only; built CONCURRENTLY so a
big table keeps taking writes while they build). Extractions found by request id or by URL (prefix,
`varchar_pattern_ops`), and filtered by status newest first."""

from django.db import migrations

from config.migration_ops import concurrent_indexes

INDEXES = {
    "extraction_request_id": "ON extractor_extraction (request_id) WHERE request_id <> ''",
    "extraction_url_prefix": "ON extractor_extraction (url varchar_pattern_ops)",
    "extraction_status_newest": "ON extractor_extraction (status, created_at DESC, id DESC)",
}


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("extractor", "0002_webhook_subscribers_replayed_headers")]

    operations = [concurrent_indexes(INDEXES)]
