"""Workflows API views: parse, call a service, serialize."""
from __future__ import annotations

import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponseRedirect
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from config.api import FieldError, RequestInvalid
from config.parsers import JSONBodyParser
from config.errors import NotFound, PayloadTooLarge
from workflows import selectors, services
from workflows.api.base import WorkflowsView
from workflows.api.serializers import (
    PresignRequestSerializer, PresignResponseSerializer, UploadResponseSerializer,
    WorkflowAcceptedResponseSerializer, WorkflowRequestSerializer, accepted_body, request_body,
)
from workflows.api.validation import Obj, Str, validate
from workflows.registry import get_workflow
from workflows.storage import MAX_UPLOAD_BYTES, is_s3, key_belongs_to, tenant_prefix

DETAIL = inline_serializer("Detail", {"detail": serializers.CharField()})
VALIDATION = OpenApiResponse(
    response=inline_serializer("HTTPValidationError", {"detail": inline_serializer("ValidationError", {
        "loc": serializers.ListField(child=serializers.JSONField()),
        "msg": serializers.CharField(),
        "type": serializers.CharField(),
    }, many=True)}),
    description="Validation Error",
)


class DispatchView(WorkflowsView):
    """`POST /v1/{name}`: dispatch a registered workflow (202 WorkflowAcceptedResponse)."""

    parser_classes = [JSONBodyParser]

    def initial(self, request, *args, **kwargs):
        # An unknown workflow is a 404 whatever the method or credentials, like any unknown URL.
        if get_workflow(kwargs.get("name", "")) is None:
            raise NotFound(f"Workflow '{kwargs.get('name', '')}' not found.")
        super().initial(request, *args, **kwargs)

    @extend_schema(exclude=True)  # documented once per workflow, see `dispatch_view_for`
    def post(self, request, name: str):
        job = services.workflow_dispatch(tenant=request.user, name=name, body=request.data, request_id=request.request_id)
        return Response(accepted_body(job), status=202, headers={"Location": f"/v1/requests/{job.pk}"})


def dispatch_view_for(workflow):
    """The dispatch view of one workflow, with its own entry in the OpenAPI document (`POST /v1/<name>`)."""

    @extend_schema(
        operation_id=f"dispatch_{workflow.name}",
        summary=workflow.title,
        description=(f"Dispatch a `{workflow.studio_job_type}` workflow. Credits are charged now and refunded "
                     "automatically on any failure path; poll `GET /v1/requests/{request_id}`."),
        request=workflow.openapi_request,
        responses={202: WorkflowAcceptedResponseSerializer, 401: DETAIL, 402: DETAIL, 403: DETAIL, 422: VALIDATION},
        tags=["workflows"],
    )
    def post(self, request, name: str = workflow.name):
        return DispatchView.post(self, request, name)

    name = "".join(part.title() for part in workflow.name.replace("-", "_").split("_"))
    return type(f"Dispatch{name}View", (DispatchView,), {"post": post, "__doc__": workflow.title}).as_view()


class RequestDetailView(WorkflowsView):
    @extend_schema(operation_id="get_request", summary="A workflow request: status, result or error",
                   responses={200: WorkflowRequestSerializer, 404: DETAIL}, tags=["workflows"])
    def get(self, request, request_id: str):
        job = selectors.job_for_tenant(tenant_id=request.user.pk, job_id=request_id)
        if job is None:
            raise NotFound("Request not found.")
        return Response(request_body(job, request=request))


class RequestCancelView(WorkflowsView):
    @extend_schema(operation_id="cancel_request", summary="Cancel a workflow request (refunds its credits)",
                   request=None, responses={200: WorkflowRequestSerializer, 404: DETAIL, 409: DETAIL},
                   tags=["workflows"])
    def post(self, request, request_id: str):
        job = services.job_cancel(job_id=request_id, tenant_id=request.user.pk, actor="tenant")
        return Response(request_body(job, request=request))


class UploadView(WorkflowsView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="upload_image",
        summary="Upload a JPEG, PNG or WebP image (≤ 15 MB)",
        request={"multipart/form-data": inline_serializer("Upload", {"file": serializers.FileField()})},
        responses={201: UploadResponseSerializer, 413: DETAIL, 422: VALIDATION},
        tags=["workflows"],
    )
    def post(self, request):
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_UPLOAD_BYTES + 64 * 1024:
            raise PayloadTooLarge("The file is larger than 15 MB.")
        uploaded = request.FILES.get("file")
        if uploaded is None:
            raise RequestInvalid([FieldError(("file",), "missing", "Field required")])
        body = services.upload_store(tenant_id=request.user.pk, uploaded=uploaded)
        return Response(body, status=201)


PRESIGN_SCHEMA = Obj(fields={"content_type": Str(required=True)})
CONTENT_TYPES = ("image/jpeg", "image/png", "image/webp")


class PresignView(WorkflowsView):
    parser_classes = [JSONBodyParser]

    @extend_schema(
        operation_id="presign_upload",
        summary="A presigned S3 POST for a large upload (S3 storage only)",
        request=PresignRequestSerializer,
        responses={201: PresignResponseSerializer, 404: DETAIL, 422: VALIDATION},
        tags=["workflows"],
    )
    def post(self, request):
        if not is_s3():
            raise NotFound("Presigned uploads need S3 storage; use POST /v1/uploads.")

        def known_type(partial, errors):
            if "content_type" in partial and partial["content_type"] not in CONTENT_TYPES:
                expected = "'image/jpeg', 'image/png' or 'image/webp'"
                errors.append(FieldError(("content_type",), "literal_error", f"Input should be {expected}",
                                         input=partial["content_type"], ctx={"expected": expected}))

        cleaned = validate(PRESIGN_SCHEMA, request.data, extra_checks=known_type)
        body = services.upload_presign(tenant_id=request.user.pk, content_type=cleaned["content_type"])
        return Response(body, status=201)


class FileView(WorkflowsView):
    """The caller's own stored files (local storage; on S3 a redirect to a presigned URL)."""

    @extend_schema(operation_id="get_file", summary="Download one of your stored files",
                   responses={(200, "application/octet-stream"): bytes, 404: DETAIL}, tags=["workflows"])
    def get(self, request, key: str):
        if not key_belongs_to(key, tenant_prefix(request.user.pk)):
            raise NotFound("File not found.")
        if is_s3():
            return HttpResponseRedirect(default_storage.url(key))
        try:
            handle = default_storage.open(key, "rb")
        except (FileNotFoundError, OSError):
            raise NotFound("File not found.") from None
        content_type = mimetypes.guess_type(key)[0] or "application/octet-stream"
        response = FileResponse(handle, content_type=content_type)
        response["Cache-Control"] = "private, max-age=300"
        response["X-Content-Type-Options"] = "nosniff"
        return response
