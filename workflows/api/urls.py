from django.urls import path

from workflows.api.credits import CreditsView
from workflows.api.views import (
    DispatchView,
    FileView,
    PresignView,
    RequestCancelView,
    RequestDetailView,
    UploadView,
    dispatch_view_for,
)
from workflows.registry import all_workflows

urlpatterns = [
    path("credits", CreditsView.as_view(), name="credits"),
    path("uploads", UploadView.as_view(), name="workflows-uploads"),
    path("uploads/presign", PresignView.as_view(), name="workflows-uploads-presign"),
    path("requests/<str:request_id>", RequestDetailView.as_view(), name="workflows-request"),
    path("requests/<str:request_id>/cancel", RequestCancelView.as_view(), name="workflows-request-cancel"),
    path("files/<path:key>", FileView.as_view(), name="workflows-file"),
    # One documented route per registered workflow, then the catch-all (unknown name → 404).
    *[
        path(
            workflow.name,
            dispatch_view_for(workflow),
            {"name": workflow.name},
            name=f"workflows-dispatch-{workflow.name}",
        )
        for workflow in all_workflows()
    ],
    path("<str:name>", DispatchView.as_view(), name="workflows-dispatch"),
]
