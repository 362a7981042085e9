"""A urlconf for tests: the real one plus one view per API that fails unexpectedly."""

from django.urls import path

from config.urls import urlpatterns as real
from extractor.api.base import ExtractorView
from workflows.api.base import WorkflowsView


class ExtractorBoom(ExtractorView):
    authentication_classes = []
    permission_classes = []

    def get(self, request):
        raise RuntimeError("kaboom")


class WorkflowsBoom(WorkflowsView):
    authentication_classes = []
    permission_classes = []

    def get(self, request):
        raise RuntimeError("kaboom")


urlpatterns = [
    path("v1/extractor/boom", ExtractorBoom.as_view()),
    path("v1/boom", WorkflowsBoom.as_view()),
    *real,
]
