"""Operations shared by the apps' migrations. Kept small and stable: a migration that imports this runs this code
whenever it is applied, so a change here changes how every such migration builds a fresh database."""

from __future__ import annotations

import logging

from django.db import DatabaseError, migrations

log = logging.getLogger(__name__)


def concurrent_indexes(indexes: dict[str, str], *, extension: str = "") -> migrations.RunPython:
    """Build `indexes` (`{name: "ON table (columns)"}`) with CREATE INDEX CONCURRENTLY on PostgreSQL, so a big table
    keeps taking writes while they build, and drop them (also CONCURRENTLY) when migrating backwards. Nothing on
    another database. The migration must say `atomic = False` (CONCURRENTLY cannot run in a transaction).

    `extension` (e.g. `pg_trgm`) is created first; where the database role may not create it, the indexes are skipped
    with a warning (the queries they serve keep working, as scans)."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        if extension:
            try:
                schema_editor.execute(f"CREATE EXTENSION IF NOT EXISTS {extension}")
            except DatabaseError as exc:
                log.warning("%s is not available (%s): indexes %s not built", extension, exc, ", ".join(indexes))
                return
        for name, definition in indexes.items():
            schema_editor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} {definition}")

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name in indexes:
            schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")

    return migrations.RunPython(create, drop, elidable=False)
