"""Where workflow files live in object storage, and how a caller reaches them.

Every tenant owns the prefix `tenants/<tenant_id>/`: uploads go to `.../uploads/`, a job's outputs
to `.../jobs/<job_id>/`. A key outside the caller's prefix is never read, listed or served.
"""

from __future__ import annotations

import posixpath
from contextlib import closing

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.urls import reverse
from storages.utils import clean_name

from workflows.images import ImageTooCostly, open_image

# Pillow names a JPEG whose APP2 segment (MPF) lists more than one picture "MPO": phones write one for a gain map or
# a depth map behind the photo (Ultra HDR). The file is a JPEG whose first picture is the photo.
IMAGE_FORMATS = {"JPEG": "image/jpeg", "MPO": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_KEY_LENGTH = 1024


def tenant_prefix(tenant_id: int) -> str:
    return f"tenants/{tenant_id}/"


def job_prefix(tenant_id: int, job_id: str) -> str:
    return f"tenants/{tenant_id}/jobs/{job_id}/"


def key_is_safe(key: str) -> bool:
    """No traversal, no absolute paths, no empty segments: what you see is the object you get."""
    if not key or len(key) > MAX_KEY_LENGTH or key.startswith("/") or "\\" in key or "\x00" in key:
        return False
    parts = key.split("/")
    return all(part not in ("", ".", "..") for part in parts) and posixpath.normpath(key) == key


def key_belongs_to(key: str, prefix: str) -> bool:
    return key_is_safe(key) and key.startswith(prefix) and len(key) > len(prefix)


def is_s3() -> bool:
    return settings.STORAGES["default"]["BACKEND"].startswith("storages.backends.s3")


def read_bounded(key: str) -> bytes:
    """At most MAX_UPLOAD_BYTES + 1 bytes of the object at `key`, in one request whose answer is read no further,
    whatever the object is when the request reaches it (no size checked first by another request: the object can be
    replaced in between). S3: one GET, read from its stream (django-storages' file object would HEAD, then download
    the whole object at its first read). Storage errors (a missing key) pass through."""
    if is_s3():
        storage = default_storage
        stream = storage.bucket.Object(storage._normalize_name(clean_name(key))).get()["Body"]
    else:
        stream = default_storage.open(key, "rb")
    with closing(stream):
        chunks, size = [], 0
        while size <= MAX_UPLOAD_BYTES:
            chunk = stream.read(min(1024 * 1024, MAX_UPLOAD_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    return b"".join(chunks)


def read_image(key: str) -> tuple[bytes, str | None]:
    """The object at `key` read whole (`read_bounded`: one request) and its content type (JPEG / PNG / WebP by its
    header), None when it is no such image; ImageTooCostly for one the upload endpoint would refuse as such (over
    15 MB: no more than 15 MB + 1 byte is ever read). Storage errors (a missing key) pass through."""
    data = read_bounded(key)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImageTooCostly("the object is larger than 15 MB")
    try:
        with open_image(data) as image:
            return data, IMAGE_FORMATS.get(image.format or "")
    except ImageTooCostly:
        raise
    except Exception:  # noqa: BLE001 - Pillow raises many kinds of errors on data that is no image
        return data, None


def stored_png_problem(key: str) -> str:
    """Why the object at `key` is not a PNG image we may serve as one (a cut-out or mask a remote Studio wrote), or
    "". Read and checked as `read_image` does (at most 15 MB, chunk count, pixels from its header): never decoded.
    A storage error on an object that exists passes through."""
    try:
        _data, content_type = read_image(key)
    except ImageTooCostly as exc:
        return f"is not a PNG image we can serve: {exc}"
    except Exception:
        if not default_storage.exists(key):
            return "names no stored object"
        raise  # there but unreadable for now (or storage cannot tell): the caller tries again
    return "" if content_type == "image/png" else "is not a PNG image"


def object_exists(key: str) -> bool:
    try:
        return default_storage.exists(key)
    except Exception:  # noqa: BLE001
        return False


def file_url(key: str, *, request=None) -> str:
    """A URL the tenant can fetch: presigned on S3 (the bucket told to answer with the type we serve the name as,
    whatever type its writer gave the object), else the authenticated file view."""
    if is_s3():
        content_type = served_type(key)
        parameters = {"ResponseContentType": content_type or "application/octet-stream"}
        if content_type is None:
            parameters["ResponseContentDisposition"] = "attachment"
        return default_storage.url(key, parameters=parameters)
    path = reverse("workflows-file", kwargs={"key": key})
    return request.build_absolute_uri(path) if request is not None else path


# What a stored file is served as, by its name: the photo types, each as itself. Any other name under a tenant's or a
# job's prefix (a remote Studio writes there: `items/0.html`) is a download, never a page of our origin.
SERVED_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}


def served_type(key: str) -> str | None:
    """The type a stored file is served as, by its name (`SERVED_TYPES`); None: served as a download."""
    return SERVED_TYPES.get(posixpath.splitext(key)[1].lower())


def file_response(key: str) -> FileResponse:
    """The stored file at `key` as it is (never decoded), typed by its name; OSError when it cannot be opened."""
    handle = default_storage.open(key, "rb")
    content_type = served_type(key)
    response = FileResponse(
        handle, content_type=content_type or "application/octet-stream", as_attachment=content_type is None
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def delete_prefix(prefix: str) -> None:
    """Best effort: remove the files written under a job prefix (a result that was discarded)."""
    try:
        dirs, files = default_storage.listdir(prefix)
    except Exception:  # noqa: BLE001
        return
    for name in files:
        try:
            default_storage.delete(prefix + name)
        except Exception:  # noqa: BLE001
            pass
    for name in dirs:
        delete_prefix(f"{prefix}{name}/")
