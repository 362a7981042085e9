"""Indexes for the staff console's searches and filters at production scale (PostgreSQL only; built CONCURRENTLY so a
big table keeps taking writes while they build). Request logs filtered by status code, newest first."""

from django.db import migrations

INDEXES = {
    "reqlog_status_newest": "ON billing_requestlog (status_code, created_at DESC)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} {definition}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("billing", "0002_staff_change_once")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
