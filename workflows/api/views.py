"""Workflows API views: parse, call a service, serialize."""

from __future__ import annotations

from django.http import HttpResponseRedirect
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from config.errors import FieldError, NotFound, PayloadTooLarge, RequestInvalid
from config.idempotency import IDEMPOTENCY_HEADER, IdempotentPostMixin
from config.parsers import JSONBodyParser, MultiPartBodyParser
from workflows import selectors, services
from workflows.api.base import WorkflowsView
from workflows.api.serializers import (
    PresignRequestSerializer,
    PresignResponseSerializer,
    UploadResponseSerializer,
    WorkflowAcceptedResponseSerializer,
    WorkflowRequestSerializer,
    accepted_body,
    request_body,
)
from workflows.registry import get_workflow
from workflows.storage import (
    MAX_UPLOAD_BYTES,
    SERVED_TYPES,
    file_response,
    file_url,
    is_s3,
    key_belongs_to,
    tenant_prefix,
)
from workflows.validation import Obj, Str, validate

DETAIL = inline_serializer("Detail", {"detail": serializers.CharField()})
VALIDATION = OpenApiResponse(
    response=inline_serializer(
        "HTTPValidationError",
        {
            "detail": inline_serializer(
                "ValidationError",
                {
                    "loc": serializers.ListField(child=serializers.JSONField()),
                    "msg": serializers.CharField(),
                    "type": serializers.CharField(),
                },
                many=True,
            )
        },
    ),
    description="Validation Error: every invalid field at once, as `{loc, msg, type}` (pydantic types).",
    examples=[
        OpenApiExample(
            "missing field",
            response_only=True,
            value={
                "detail": [{"type": "missing", "loc": ["body", "trial_image"], "msg": "Field required", "input": {}}]
            },
        )
    ],
)
REQUEST_ID = "01J9Z3K4Q8V6W2X5Y7A1B3C5D7"
# Request examples of each workflow, from the spec document (with a key as `POST /v1/uploads` returns it).
DISPATCH_EXAMPLES = {
    "extract": [
        OpenApiExample(
            "extract",
            request_only=True,
            value={
                "trial_image": "tenants/3/uploads/photo.jpg",
                "runtime_config": {},
                "extraction_context": {"max_items": 1, "product_name": "example", "product_description": "example"},
            },
        )
    ],
}
JOB = {
    "request_id": REQUEST_ID,
    "workflow": "extract",
    "status": "COMPLETED",
    "credits_cost": 1,
    "credits_refunded": 0,
    "created_at": "2026-11-25T10:00:00.000000Z",
    "started_at": "2026-11-25T10:00:00.500000Z",
    "finished_at": "2026-11-25T10:00:02.100000Z",
    "error": None,
    "result": {
        "items": [
            {
                "label": "top",
                "score": 0.93,
                "bbox": {"x": 120, "y": 80, "width": 260, "height": 310},
                "image_key": f"tenants/3/jobs/{REQUEST_ID}/items/0-top.png",
                "mask_key": f"tenants/3/jobs/{REQUEST_ID}/items/0-top-mask.png",
                "image_url": f"/v1/files/tenants/3/jobs/{REQUEST_ID}/items/0-top.png",
            }
        ]
    },
}
JOB_RESPONSE = OpenApiResponse(
    WorkflowRequestSerializer,
    description="The request: status, and its result or error.",
    examples=[OpenApiExample("completed", value=JOB, response_only=True)],
)
BAD_KEY = OpenApiResponse(
    DETAIL,
    description="The Idempotency-Key header is not 1 to 255 printable ASCII characters.",
    examples=[
        OpenApiExample(
            "bad key",
            response_only=True,
            value={"detail": "Idempotency-Key must be 1 to 255 printable ASCII characters."},
        )
    ],
)
KEY_BUSY = OpenApiResponse(
    DETAIL,
    description="A request with this Idempotency-Key is still running.",
    examples=[
        OpenApiExample(
            "in progress",
            response_only=True,
            value={"detail": "A request with this Idempotency-Key is still being processed."},
        )
    ],
)
KEY_REUSED = OpenApiResponse(
    VALIDATION.response,
    description="The Idempotency-Key was used with another request (`idempotency_key_reused`).",
    examples=[
        OpenApiExample(
            "key reused",
            response_only=True,
            value={
                "detail": [
                    {
                        "type": "idempotency_key_reused",
                        "loc": ["header", "Idempotency-Key"],
                        "msg": "This Idempotency-Key was used with a different request.",
                    }
                ]
            },
        )
    ],
)
NOT_FOUND = OpenApiResponse(
    DETAIL,
    description="No such request among yours.",
    examples=[OpenApiExample("not found", value={"detail": "Request not found."}, response_only=True)],
)


def required_body(request):
    """The parsed JSON body of an operation whose body is required: none at all, or `null`, is FastAPI's `missing` at
    `["body"]` (DRF would read an empty body as `{}`)."""
    body = request.data
    if body is None or request.stream is None:
        raise RequestInvalid([FieldError((), "missing", "Field required")])
    return body


class DispatchView(IdempotentPostMixin, WorkflowsView):
    """`POST /v1/{name}`: dispatch a registered workflow (202 WorkflowAcceptedResponse); honours Idempotency-Key."""

    parser_classes = [JSONBodyParser]

    def initial(self, request, *args, **kwargs):
        # An unknown workflow is a 404 whatever the method or credentials, like any unknown URL.
        if get_workflow(kwargs.get("name", "")) is None:
            raise NotFound(f"Workflow '{kwargs.get('name', '')}' not found.")
        super().initial(request, *args, **kwargs)

    @extend_schema(exclude=True)  # documented once per workflow, see `dispatch_view_for`
    def post(self, request, name: str):
        return self.idempotent(request, name)

    def handle_post(self, request, name: str):
        body = required_body(request)
        job = services.workflow_dispatch(tenant=request.user, name=name, body=body, request_id=request.request_id)
        return Response(accepted_body(job), status=202, headers={"Location": f"/v1/requests/{job.pk}"})


def dispatch_view_for(workflow):
    """The dispatch view of one workflow, with its own entry in the OpenAPI document (`POST /v1/<name>`)."""

    @extend_schema(
        operation_id=f"dispatch_{workflow.name}",
        summary=workflow.title,
        description=(
            f"Start a `{workflow.studio_job_type}` job on an image you uploaded (`POST /v1/uploads`). The "
            "answer comes at once (202) with the `request_id` to poll at `GET /v1/requests/{request_id}`. "
            "Its price in credits is charged now and refunded automatically if the job does not complete "
            "(failure, cancel, retries exhausted); without enough credits the answer is 402 and nothing is "
            "charged."
        ),
        request=workflow.openapi_request,
        parameters=[IDEMPOTENCY_HEADER],
        examples=DISPATCH_EXAMPLES.get(workflow.name),
        responses={
            202: OpenApiResponse(
                WorkflowAcceptedResponseSerializer,
                description="Accepted: the job is queued.",
                examples=[
                    OpenApiExample(
                        "accepted",
                        response_only=True,
                        value={"request_id": REQUEST_ID, "status": "NOT_STARTED", "credits_cost": 1},
                    )
                ],
            ),
            402: OpenApiResponse(
                DETAIL,
                description="Not enough credits: no job, no charge.",
                examples=[
                    OpenApiExample(
                        "no credits", response_only=True, value={"detail": "Not enough credits: 1 needed, 0 available."}
                    )
                ],
            ),
            400: BAD_KEY,
            409: KEY_BUSY,
            422: VALIDATION,
        },
        tags=["workflows"],
    )
    def post(self, request, name: str = workflow.name):
        return DispatchView.post(self, request, name)

    name = "".join(part.title() for part in workflow.name.replace("-", "_").split("_"))
    return type(f"Dispatch{name}View", (DispatchView,), {"post": post, "__doc__": workflow.title}).as_view()


class RequestDetailView(WorkflowsView):
    @extend_schema(
        operation_id="get_request",
        summary="Get a workflow request",
        tags=["workflows"],
        description="Poll a request you dispatched: `status` moves `NOT_STARTED` → `IN_PROGRESS` → `COMPLETED`, "
        "`FAILED`, `CANCELLED` or `DEAD_LETTER`. `COMPLETED` carries `result.items` (each cut-out with its "
        "box and a download URL); every other end carries `error` and shows the refund in "
        "`credits_refunded`.",
        responses={200: JOB_RESPONSE, 404: NOT_FOUND},
    )
    def get(self, request, request_id: str):
        job = selectors.job_for_tenant(tenant_id=request.user.pk, job_id=request_id)
        if job is None:
            raise NotFound("Request not found.")
        return Response(request_body(job, request=request))


class RequestCancelView(IdempotentPostMixin, WorkflowsView):
    @extend_schema(
        operation_id="cancel_request",
        summary="Cancel a workflow request",
        tags=["workflows"],
        description="Stop a request that has not finished: it ends `CANCELLED` and its credits are refunded. A request "
        "that already finished answers 409 and keeps its result. No body.",
        request=None,
        parameters=[IDEMPOTENCY_HEADER],
        responses={
            200: JOB_RESPONSE,
            400: BAD_KEY,
            404: NOT_FOUND,
            409: OpenApiResponse(
                DETAIL,
                description="Already finished, or a request with this Idempotency-Key is still running.",
                examples=[
                    OpenApiExample(
                        "finished", response_only=True, value={"detail": "The request already finished (COMPLETED)."}
                    )
                ],
            ),
            422: KEY_REUSED,
        },
    )
    def post(self, request, request_id: str):
        return self.idempotent(request, request_id)

    def handle_post(self, request, request_id: str):
        job = services.job_cancel(job_id=request_id, tenant_id=request.user.pk, actor="tenant")
        return Response(request_body(job, request=request))


class UploadView(WorkflowsView):
    parser_classes = [MultiPartBodyParser]
    plan_body_limit = False  # its own: the file's 15 MB

    @extend_schema(
        operation_id="upload_image",
        summary="Upload an image",
        description="Store a JPEG, PNG or WebP image (at most 15 MB, checked by decoding it) in your own space and get "
        "its `key`, to pass as `trial_image` when dispatching. An image whose decode would cost far more than its "
        "size is refused (422) before it is decoded: over 50 megapixels, a JPEG of more than 100 scans, 10,000 "
        "marker segments or 65,536 bytes of fill between them, a PNG of more than 100,000 chunks; a dispatch "
        "refuses such a stored image the same way. On S3 storage a file can also go straight to the bucket: "
        "`POST /v1/uploads/presign`.",
        request={"multipart/form-data": inline_serializer("Upload", {"file": serializers.FileField()})},
        responses={
            201: OpenApiResponse(
                UploadResponseSerializer,
                description="Stored.",
                examples=[
                    OpenApiExample(
                        "stored",
                        response_only=True,
                        value={"key": "tenants/3/uploads/photo.jpg", "size": 482113, "content_type": "image/jpeg"},
                    )
                ],
            ),
            413: OpenApiResponse(DETAIL, description="The file is larger than 15 MB."),
            422: VALIDATION,
        },
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
        summary="Get a presigned upload form",
        description="On S3 storage: a presigned POST (`url` and form `fields`, valid 15 minutes, size-limited) so a "
        "large image goes straight to storage. Post the file there, then dispatch with the returned "
        "`key`. On local storage this answers 404: use `POST /v1/uploads`.",
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
                errors.append(
                    FieldError(
                        ("content_type",),
                        "literal_error",
                        f"Input should be {expected}",
                        input=partial["content_type"],
                        ctx={"expected": expected},
                    )
                )

        cleaned = validate(PRESIGN_SCHEMA, required_body(request), extra_checks=known_type)
        body = services.upload_presign(tenant_id=request.user.pk, content_type=cleaned["content_type"])
        return Response(body, status=201)


class FileView(WorkflowsView):
    """The caller's own stored files (local storage; on S3 a redirect to a presigned URL)."""

    @extend_schema(
        operation_id="get_file",
        summary="Download a file",
        tags=["workflows"],
        description="One of your stored files, such as a cut-out's `image_url`. On S3 storage the answer is a redirect "
        "(302) to a short-lived presigned URL. Another tenant's key answers 404.",
        responses={
            # served as its name says (`.jpg`, `.png`, `.webp`: the image type), any other name as a download
            **{
                (200, media_type): OpenApiResponse(bytes, description="The file, as stored.")
                for media_type in [*dict.fromkeys(SERVED_TYPES.values()), "application/octet-stream"]
            },
            302: OpenApiResponse(description="Redirect to a presigned URL (S3 storage)."),
            404: OpenApiResponse(DETAIL, description="No such file among yours."),
        },
    )
    def get(self, request, key: str):
        if not key_belongs_to(key, tenant_prefix(request.user.pk)):
            raise NotFound("File not found.")
        if is_s3():
            return HttpResponseRedirect(file_url(key))
        try:
            response = file_response(key)
        except OSError:
            raise NotFound("File not found.") from None
        response["Cache-Control"] = "private, max-age=300"
        return response
