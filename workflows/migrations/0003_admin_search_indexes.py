"""Indexes for the staff console's searches and filters at production scale (PostgreSQL only; built CONCURRENTLY so a
big table keeps taking writes while they build). Workflow jobs found by their Studio job id."""

from django.db import migrations

INDEXES = {
    "wfjob_studio_job_id": "ON workflows_workflowjob (studio_job_id) WHERE studio_job_id <> ''",
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

    dependencies = [("workflows", "0002_staff_retries")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
