from django.urls import path

from workflows.api.credits import CreditsView
from workflows.api.views import (
    DispatchView, FileView, PresignView, RequestCancelView, RequestDetailView, UploadView,
)

urlpatterns = [
    path("credits", CreditsView.as_view(), name="credits"),
    path("uploads", UploadView.as_view(), name="workflows-uploads"),
    path("uploads/presign", PresignView.as_view(), name="workflows-uploads-presign"),
    path("requests/<str:request_id>", RequestDetailView.as_view(), name="workflows-request"),
    path("requests/<str:request_id>/cancel", RequestCancelView.as_view(), name="workflows-request-cancel"),
    path("files/<path:key>", FileView.as_view(), name="workflows-file"),
    # Last: every other single segment is a workflow name.
    path("<str:name>", DispatchView.as_view(), name="workflows-dispatch"),
]
