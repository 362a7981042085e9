"""The staff console answers 400, not 500, to input the database cannot hold or a filter cannot use: NUL characters
in the path or query (PostgreSQL text refuses them) and out-of-range filter values (a year of 99999)."""

from __future__ import annotations

import logging

from django.db import DataError
from django.http import HttpResponseBadRequest

log = logging.getLogger(__name__)

PREFIX = "/admin/"


class AdminInputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(PREFIX) and (
            "\x00" in request.path
            or any("\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values)
        ):
            return HttpResponseBadRequest("NUL characters are not allowed.")
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.path.startswith(PREFIX) and isinstance(exception, (DataError, OverflowError, ValueError)):
            log.warning("admin request refused: %s", exception, exc_info=exception)  # logged: a real bug stays visible
            return HttpResponseBadRequest("A filter or parameter value is out of range.")
        return None
