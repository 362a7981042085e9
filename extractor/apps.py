from django.apps import AppConfig


class ExtractorConfig(AppConfig):
    name = "extractor"
    default_auto_field = "django.db.models.BigAutoField"
