"""Indexes for the staff console's searches and filters at production scale (PostgreSQL only; built CONCURRENTLY so a
big table keeps taking writes while they build). Workflow jobs found by their Studio job id."""

from django.db import migrations

from config.migration_ops import concurrent_indexes

INDEXES = {
    "wfjob_studio_job_id": "ON workflows_workflowjob (studio_job_id) WHERE studio_job_id <> ''",
}


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("workflows", "0002_staff_retries")]

    operations = [concurrent_indexes(INDEXES)]
