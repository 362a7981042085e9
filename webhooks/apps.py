from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    """No models of its own (the delivery tables are the extractor's): an app so that Celery finds `tasks.py`."""

    name = "webhooks"
