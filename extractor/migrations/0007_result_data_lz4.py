"""Results are stored compressed with lz4 instead of PostgreSQL's default pglz.

A result's `data` (text, markdown and html of a page: ≈ 40 KB of JSON for a 250 KB article page) is compressed by
PostgreSQL when it is written. pglz costs ≈ 1.1 ms of the database server's CPU a page (in-process benchmark, 60 dev
pages alternately: 4.5 ms → 3.4 ms of backend CPU per extraction), lz4 a fraction of that. Only values written from
now on use lz4; PostgreSQL reads both. Nothing to do on SQLite or on a server built without lz4.
"""

from django.db import migrations


def _set_compression(method: str):
    def apply(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql" or connection.pg_version < 140000:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT %s = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'", [method]
            )
            row = cursor.fetchone()
            if row and row[0]:
                cursor.execute(f"ALTER TABLE extractor_extraction ALTER COLUMN data SET COMPRESSION {method}")

    return apply


class Migration(migrations.Migration):
    dependencies = [("extractor", "0006_deliveries_are_engine_jobs")]

    operations = [migrations.RunPython(_set_compression("lz4"), _set_compression("pglz"))]
