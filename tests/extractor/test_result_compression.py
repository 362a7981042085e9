import pytest
from django.db import connection


@pytest.mark.django_db
def test_result_data_is_written_with_lz4_where_postgresql_has_it():
    """Migration 0007: a result's `data` is compressed with lz4, not pglz (≈ 1 ms of database CPU a page less)."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL column setting")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")
        if not cursor.fetchone()[0]:
            pytest.skip("this PostgreSQL server was built without lz4")
        cursor.execute(
            "SELECT attcompression FROM pg_attribute WHERE attrelid = 'extractor_extraction'::regclass "
            "AND attname = 'data'"
        )
        assert cursor.fetchone()[0] == "l"
