"""WSGI entry point. Gunicorn: `gunicorn config.wsgi:application`."""

import io
import os

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
    body = environ["wsgi.input"].read(cap + 1)
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))


def application(environ, start_response):
    from django.conf import settings

    buffer_chunked_body(environ, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return django_application(environ, start_response)
