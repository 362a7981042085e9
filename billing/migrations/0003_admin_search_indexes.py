"""Indexes for the staff console's searches and filters at production scale (PostgreSQL only; built CONCURRENTLY so a
big table keeps taking writes while they build). Request logs filtered by status code, newest first."""

from django.db import migrations

from config.migration_ops import concurrent_indexes

INDEXES = {
    "reqlog_status_newest": "ON billing_requestlog (status_code, created_at DESC)",
}


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("billing", "0002_staff_change_once")]

    operations = [concurrent_indexes(INDEXES)]
