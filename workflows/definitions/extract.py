"""`extract` (extract-trial-items): cut the product items out of a model / trial photo."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from config.errors import FieldError
from workflows.api.serializers import ExtractTrialItemsSerializer  # the body as the OpenAPI document shows it, only
from workflows.images import ImageTooCostly
from workflows.models import ErrorType
from workflows.registry import Workflow, register
from workflows.storage import (
    EXTENSIONS,
    MAX_KEY_LENGTH,
    MAX_UPLOAD_BYTES,
    key_belongs_to,
    object_exists,
    read_bounded,
    read_image,
    tenant_prefix,
)
from workflows.studio.base import StudioJobFailed
from workflows.validation import Int, Obj, Str, validate

SCHEMA = Obj(
    fields={
        "trial_image": Str(
            required=True,
            max_length=MAX_KEY_LENGTH,
            description="Storage key of the model / trial image (under tenants/<your id>/).",
        ),
        "runtime_config": Obj(
            fields={
                "priority": Int(default=0, ge=0, le=10, description="0..10, higher first (forwarded to Studio)."),
                "timeout_seconds": Int(
                    default=None, ge=10, le=3600, description="Studio must finish within this many seconds."
                ),
            }
        ),
        "extraction_context": Obj(
            fields={
                "max_items": Int(default=4, ge=1, le=8),
                "product_name": Str(default="", max_length=200, nullable=True),
                "product_description": Str(default="", max_length=2000, nullable=True),
            }
        ),
    }
)


NOT_AN_IMAGE = "Value error, the object at this key is not a JPEG, PNG or WebP image"


def clean_input(body, tenant_id: int, *, read_files: bool = True) -> dict:
    """The validated input. The photo is read (one bounded read) and checked as an upload is, unless `read_files` is
    false: the worker's attempt for a remote Studio reads it once in `pin_input`, which checks the bytes it copies."""

    def check_trial_image(partial: dict, errors: list[FieldError]) -> None:
        key = partial.get("trial_image")
        if key is None:
            return
        prefix = tenant_prefix(tenant_id)
        if not key_belongs_to(key, prefix):
            message = f"Value error, trial_image must be a storage key under your namespace '{prefix}'"
        elif not read_files:
            return
        else:
            try:
                if read_image(key)[1] is not None:
                    return
                message = NOT_AN_IMAGE
            except ImageTooCostly as exc:
                message = f"Value error, {exc}"
            except Exception:  # noqa: BLE001 - missing, or storage cannot read it: which one, asked only now
                message = NOT_AN_IMAGE if object_exists(key) else "Value error, no object exists at this key"
        errors.append(FieldError(("trial_image",), "value_error", message, input=key))

    return validate(SCHEMA, body, extra_checks=check_trial_image)


def pin_input(cleaned: dict, output_prefix: str) -> dict:
    """The input a remote Studio is handed: the trial photo read once, checked as an upload is, and copied under the job's
    prefix (`input/trial.<ext>`), so that Studio decodes the bytes we checked whatever happens to the upload's key."""
    key = cleaned["trial_image"]
    try:
        data, content_type = read_image(key)
    except ImageTooCostly as exc:
        raise StudioJobFailed(ErrorType.INVALID_INPUT, f"trial_image: Value error, {exc}") from exc
    except Exception as exc:
        if default_storage.exists(key):
            raise  # storage refuses for a moment (or cannot tell): the attempt is retried
        raise StudioJobFailed(
            ErrorType.INVALID_INPUT, "trial_image: Value error, no object exists at this key"
        ) from exc  # deleted since the check
    if content_type is None:
        raise StudioJobFailed(ErrorType.INVALID_INPUT, f"trial_image: {NOT_AN_IMAGE}")
    pinned = f"{output_prefix}input/trial.{EXTENSIONS[content_type]}"
    if default_storage.exists(pinned):  # a later attempt of the same job
        default_storage.delete(pinned)
    return {**cleaned, "trial_image": default_storage.save(pinned, ContentFile(data))}


def run_local(cleaned: dict, output_prefix: str) -> dict:
    """Segment the garments with the CPU model and write each cut-out (RGBA PNG) and mask (PNG)."""
    from workflows.studio import garments

    context = cleaned.get("extraction_context") or {}
    try:
        image_bytes = read_bounded(cleaned["trial_image"])  # one request, at most 15 MB + 1 byte of it
    except Exception as exc:  # noqa: BLE001 - deleted since dispatch, or storage refuses
        raise StudioJobFailed(ErrorType.IMAGE_UNREADABLE, "The trial image could not be read from storage.") from exc
    if len(image_bytes) > MAX_UPLOAD_BYTES:  # replaced since the worker's check
        raise StudioJobFailed(
            ErrorType.IMAGE_UNREADABLE, "The trial image could not be decoded: the object is larger than 15 MB."
        )
    product_text = " ".join(filter(None, [context.get("product_name"), context.get("product_description")]))
    try:
        items = garments.extract_items(
            image_bytes, max_items=int(context.get("max_items") or 4), product_text=product_text
        )
    except garments.ImageTooCostly as exc:
        raise StudioJobFailed(ErrorType.IMAGE_UNREADABLE, f"The trial image could not be decoded: {exc}.") from exc
    except garments.ImageUnreadable as exc:
        raise StudioJobFailed(ErrorType.IMAGE_UNREADABLE, "The trial image could not be decoded.") from exc
    except garments.NoItemsFound as exc:
        raise StudioJobFailed(
            ErrorType.NO_ITEMS_FOUND, str(exc) or "No person or garment was found in the image."
        ) from exc
    if not items:
        raise StudioJobFailed(ErrorType.NO_ITEMS_FOUND, "No person or garment was found in the image.")

    out = []
    for index, item in enumerate(items):
        x, y, w, h = (int(v) for v in item.bbox)
        image_key = _save_png(f"{output_prefix}items/{index}-{item.label}.png", item.cutout.convert("RGBA"))
        mask_key = _save_png(
            f"{output_prefix}items/{index}-{item.label}-mask.png", Image.fromarray(item.mask).convert("L")
        )
        out.append(
            {
                "label": item.label,
                "score": round(float(item.score), 4),
                "bbox": {"x": x, "y": y, "width": w, "height": h},
                "image_key": image_key,
                "mask_key": mask_key,
            }
        )
    return {"items": out}


def _save_png(key: str, image: Image.Image) -> str:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    if default_storage.exists(key):  # a retry of the same job writes the same names
        default_storage.delete(key)
    return default_storage.save(key, ContentFile(buffer.getvalue()))


EXTRACT = register(
    Workflow(
        name="extract",
        title="Dispatch an extract-trial-items workflow",
        studio_job_type="extract-trial-items",
        clean_input=clean_input,
        run_local=run_local,
        pin_input=pin_input,
        openapi_request=ExtractTrialItemsSerializer,
    )
)
