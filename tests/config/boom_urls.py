"""A urlconf for tests: the real one plus one view per API that fails unexpectedly."""

from django.urls import path

from config.urls import handler400, handler500  # noqa: F401 - Django reads them from the ROOT_URLCONF
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


def plain_boom(request):
    """A failure outside any API view (as in a middleware): Django's own 500 handler answers."""
    raise RuntimeError("kaboom")


urlpatterns = [
    path("v1/extractor/plainboom", plain_boom),
    path("v1/plainboom", plain_boom),
    path("plainboom", plain_boom),
    path("v1/extractor/boom", ExtractorBoom.as_view()),
    path("v1/boom", WorkflowsBoom.as_view()),
    *real,
]
