"""WSGI entry point. Gunicorn: `gunicorn config.wsgi:application`."""

import io
import os
from urllib.parse import urlsplit

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_wsgi_application()


def buffer_chunked_body(environ: dict, cap: int) -> None:
    """Django reads a body only as far as CONTENT_LENGTH, so a chunked upload would arrive empty. When the server has
    already de-chunked the stream (`wsgi.input_terminated`, set by gunicorn), read it here — at most cap + 1 bytes, so
    an oversized body still ends in 413 — and give Django the length it needs."""
    if environ.get("CONTENT_LENGTH") or not environ.get("wsgi.input_terminated"):
        return
    if "chunked" not in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
        return
    try:
        body = environ["wsgi.input"].read(cap + 1)
    except Exception as exc:  # noqa: BLE001 - read deadline, bad chunk, client gone: Django answers it (408 / 400)
        environ["wsgi.input"], environ["CONTENT_LENGTH"] = _FailedBody(exc), "1"
        return
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))


class _FailedBody:
    """A chunked body whose reading failed, handed to Django as it would have met the failure itself: a read
    deadline stays a TimeoutError, anything else (gunicorn's chunk errors, a client gone) is an OSError. Django turns
    either into UnreadablePostError when a view reads the body, and the API answers in its dialect (408, 400); a view
    that never reads the body answers as usual."""

    def __init__(self, exc: Exception):
        timed_out = isinstance(exc, TimeoutError)
        self.error = TimeoutError if timed_out else OSError
        self.message = str(exc) if timed_out else f"The chunked body could not be read: {exc!r}"

    def read(self, *args):
        raise self.error(self.message)

    readline = read  # Django's LimitedStream takes both


def absolute_form_host(environ: dict) -> None:
    """A request target in absolute form (`GET http://host/v1/… HTTP/1.1`) names the host the request is for, and the
    `Host` header is then ignored (RFC 9112 3.2.2): Django checks and uses that host. gunicorn serves the path and
    kept the header, so such a request was answered as one for whatever host the header named."""
    target = environ.get("RAW_URI") or ""
    if target.startswith("/") or "://" not in target:
        return
    try:
        authority = urlsplit(target).netloc
    except ValueError:  # gunicorn splits it before us: not expected
        return
    if authority:
        environ["HTTP_HOST"] = authority.rpartition("@")[2]


def application(environ, start_response):
    from django.conf import settings

    absolute_form_host(environ)
    buffer_chunked_body(environ, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return django_application(environ, start_response)
