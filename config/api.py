"""What both APIs share: one mapping of every exception to (status, code, message, details),
rendered by each API's own `Dialect` (workflows: FastAPI style; extractor: the envelope)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import Http404, HttpResponse, UnreadablePostError
from django.http.response import HttpResponseRedirectBase
from django.urls import Resolver404, resolve
from django.utils.encoding import escape_uri_path, iri_to_uri
from rest_framework import exceptions as drf
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from config import errors, limits
from config.errors import ErrorDetail, FieldError, RequestInvalid

log = logging.getLogger(__name__)


@dataclass
class Problem:
    status: int
    code: str
    message: str
    details: list[ErrorDetail] = field(default_factory=list)
    field_errors: list[FieldError] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    loc: tuple = ()  # where in the body a document-level problem (malformed JSON) is, when known

    def __post_init__(self):
        self.field_errors = self.field_errors[: limits.MAX_REPORTED]  # the first ones, in the body's order


def flatten_drf_errors(errors, loc: tuple = ()) -> list[FieldError]:
    """DRF's nested `serializer.errors` (with ErrorDetail codes) → a flat list of FieldError."""
    out: list[FieldError] = []
    if isinstance(errors, dict):
        for key, value in errors.items():
            sub = loc if key in ("non_field_errors", "__all__") else loc + (key,)
            out.extend(flatten_drf_errors(value, sub))
    elif isinstance(errors, list):
        if errors and all(isinstance(item, (dict, list)) for item in errors):
            for index, item in enumerate(errors):
                out.extend(flatten_drf_errors(item, loc + (index,)))
        else:
            for item in errors:
                if isinstance(item, (dict, list)):
                    out.extend(flatten_drf_errors(item, loc))
                else:
                    out.append(FieldError(loc, getattr(item, "code", "invalid"), str(item)))
    else:
        out.append(FieldError(loc, getattr(errors, "code", "invalid"), str(errors)))
    return out


# DRF's own exceptions → the error class (code, status) both APIs answer with.
_DRF_ERRORS: dict[type[drf.APIException], type[errors.DomainError]] = {
    drf.NotAuthenticated: errors.Unauthorized,
    drf.AuthenticationFailed: errors.Unauthorized,
    drf.PermissionDenied: errors.Forbidden,
    drf.NotFound: errors.NotFound,
    drf.MethodNotAllowed: errors.MethodNotAllowed,
    drf.NotAcceptable: errors.NotAcceptable,
    drf.UnsupportedMediaType: errors.UnsupportedMediaType,
    drf.Throttled: errors.RateLimited,
    drf.ParseError: errors.MalformedJson,
}


def problem_of(error: type[errors.DomainError], message: str | None = None, **fields) -> Problem:
    """The Problem an error class names (its status and code), with its own message unless one is given."""
    return Problem(error.status_code, error.code, message or error.message, **fields)


def timed_out(exc: BaseException) -> bool:
    """A body read that failed on the server's read deadline (the client stalled), however Django wrapped it."""
    while exc is not None and not isinstance(exc, TimeoutError):
        exc = exc.__cause__
    return exc is not None


def problem_from_exception(exc: Exception) -> Problem:
    if isinstance(exc, RequestDataTooBig):  # Django's absolute cap (MAX_REQUEST_BYTES), above any plan's limit
        return problem_of(errors.PayloadTooLarge, "The request body is larger than this service accepts.")
    if isinstance(exc, TooManyFieldsSent):
        return problem_of(
            errors.PayloadTooLarge, f"A multipart body may have at most {limits.MAX_MULTIPART_FIELDS} fields."
        )
    if isinstance(exc, TooManyFilesSent):
        return problem_of(
            errors.PayloadTooLarge, f"A multipart body may have at most {limits.MAX_MULTIPART_FILES} files."
        )
    if type(exc) is TimeoutError:  # the builtin only (not a client library's): a client stalled sending its body
        return problem_of(errors.RequestTimeout)
    if isinstance(exc, UnreadablePostError):  # Django's wrapper (once or twice) of a body read that failed
        if timed_out(exc):  # the server's read deadline: the client stalled
            return problem_of(errors.RequestTimeout)
        return problem_of(errors.MalformedRequest, "The request body could not be read.")  # cut off, bad chunks
    if isinstance(exc, Http404):  # Django's (DRF's content negotiation raises it for an unknown `?format=`)
        return problem_of(errors.NotFound)
    if isinstance(exc, SuspiciousOperation):
        return problem_of(errors.MalformedRequest)
    if isinstance(exc, limits.JsonRejected):
        path = ".".join(str(part) for part in exc.loc)
        return problem_of(
            errors.MalformedJson, exc.message, details=[ErrorDetail(path, exc.reason, exc.message)], loc=exc.loc
        )
    if isinstance(exc, limits.NulInString):
        field_errors = [
            FieldError(loc, "invalid_character", "String should not contain NUL (\\u0000) characters")
            for loc in exc.locs
        ]
        return problem_of(errors.ValidationFailed, field_errors=field_errors)
    if isinstance(exc, RequestInvalid):
        return problem_of(errors.ValidationFailed, field_errors=exc.errors)
    if isinstance(exc, errors.DomainError):
        return Problem(exc.status_code, exc.code, exc.message, list(exc.details), headers=dict(exc.headers))
    if isinstance(exc, drf.ValidationError):
        return problem_of(errors.ValidationFailed, field_errors=flatten_drf_errors(exc.detail))
    if isinstance(exc, drf.APIException):
        error = next((e for cls, e in _DRF_ERRORS.items() if isinstance(exc, cls)), None)
        headers = {}
        if isinstance(exc, drf.Throttled) and exc.wait is not None:
            headers["Retry-After"] = str(int(exc.wait))
        message = str(exc.detail if isinstance(exc.detail, str) else exc.default_detail)
        if error is None:  # a DRF exception without a class of ours: its own status and code
            return Problem(exc.status_code, exc.default_code, message, headers=headers)
        return problem_of(error, message, headers=headers)
    if isinstance(exc, PermissionDenied):  # Django's; the builtin PermissionError (an OS error) is a 500
        return problem_of(errors.Forbidden)
    log.exception("unhandled error", exc_info=exc)
    return problem_of(errors.InternalError)


MAX_QUERY_FIELDS = limits.MAX_MULTIPART_FIELDS  # Django's one cap (DATA_UPLOAD_MAX_NUMBER_FIELDS) counts both


def _query_fields(request) -> int:
    """How many parameters the query string holds, as Django's QueryDict splits it."""
    return sum(1 for part in request.META.get("QUERY_STRING", "").split("&") if part)


class Dialect:
    """How one API writes its errors. Subclasses implement `render`."""

    api: str = ""
    authenticate_header: str = ""

    def render(self, problem: Problem, request) -> Response:  # pragma: no cover - abstract
        raise NotImplementedError

    def handle(self, exc: Exception, context: dict) -> Response:
        request = context.get("request")
        if isinstance(exc, TooManyFieldsSent) and request is not None and _query_fields(request) > MAX_QUERY_FIELDS:
            problem = problem_of(
                errors.MalformedRequest, f"The query string may have at most {MAX_QUERY_FIELDS} parameters."
            )
        else:
            problem = problem_from_exception(exc)
        if problem.status == 401 and self.authenticate_header:
            problem.headers.setdefault("WWW-Authenticate", self.authenticate_header)
        if problem.status == 413 and request is not None:
            limits.discard_body(request)  # so that every client reads this answer (no broken pipe)
        response = self.render(problem, request)
        for name, value in problem.headers.items():
            response[name] = value
        response.error_code = problem.code
        return response


class JsonOnly(DefaultContentNegotiation):
    """Both APIs answer JSON whatever `Accept` or `?format=` say (RFC 9110 12.5.1 lets a server disregard `Accept`, as
    the contract's FastAPI service does): neither documents a 406, nor DRF's `?format=` override (a 404 for an unknown
    renderer); `format` is an ordinary query parameter (ignored by the workflows API, unknown to the extractor's list)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def without_allow_on_404(response):
    """A 404 names no resource whose methods `Allow` could list (FastAPI sends `Allow` on a 405 only; DRF adds the
    view's methods to every answer): an unknown workflow said `Allow: POST, OPTIONS`, an unknown request `GET, …`."""
    if response.status_code == 404:
        response.headers.pop("Allow", None)
    return response


class DialectAPIView(APIView):
    """Base view of an API: its dialect renders every error raised while serving it."""

    dialect: Dialect
    content_negotiation_class = JsonOnly

    def initial(self, request, *args, **kwargs):
        # The query string is parsed first, as DRF's negotiation did for `?format=`: more than 1,000 parameters is
        # the documented 400 before anything else (README "Limits").
        request.query_params  # noqa: B018 - the parse is the check
        super().initial(request, *args, **kwargs)

    def get_exception_handler(self):
        return self.dialect.handle

    def finalize_response(self, request, response, *args, **kwargs):
        return without_allow_on_404(super().finalize_response(request, response, *args, **kwargs))

    def options(self, request, *args, **kwargs):
        """204 with `Allow` (RFC 9110): DRF's metadata (`{"name": "Dispatch Extract", "renders": …}`) is in neither
        API's dialect and documents nothing the OpenAPI schema does not."""
        return Response(status=204)

    def permission_denied(self, request, message=None, code=None):
        if request.authenticators and not request.successful_authenticator:
            raise drf.NotAuthenticated()
        raise errors.KeyNotPermitted(message)


def error_response(dialect: Dialect, error: type[errors.DomainError]) -> HttpResponse:
    """`error` in `dialect`, for a request Django answers itself before (or after) any API view ran: a Host header
    it refuses (400), an exception raised by a middleware (500)."""
    response = dialect.render(problem_of(error), None)
    body = JSONRenderer().render(response.data)
    return HttpResponse(body, status=response.status_code, content_type="application/json")


class TemporaryRedirect(HttpResponseRedirectBase):
    status_code = 307  # the method and body are sent again (RFC 9110 15.4.8)


def slashless_route(request) -> str | None:
    """Where FastAPI's `redirect_slashes` (Starlette's router) sends a path that matches no route: the same path
    without its trailing slashes, when that one is a route, as a relative reference (RFC 9110 10.2.2: behind a
    TLS-terminating proxy an absolute one built from the request would say http://), query string kept."""
    path = request.path_info
    if not path.endswith("/") or not path.rstrip("/"):
        return None
    try:
        match = resolve(path.rstrip("/"))
    except Resolver404:
        return None
    if getattr(getattr(match.func, "view_class", None), "catch_all", False):
        return None
    location = escape_uri_path(request.path.rstrip("/"))
    query = request.META.get("QUERY_STRING", "")
    return f"{location}?{iri_to_uri(query)}" if query else location


def catch_all_view(base: type[DialectAPIView], *, redirect_slashes: bool = False):
    """A view answering 404 (in `base`'s dialect) for every method on URLs under an API prefix; with
    `redirect_slashes`, 307 to the path without its trailing slashes when that is a route (`slashless_route`)."""

    def not_found(self, request, *args, **kwargs):
        location = slashless_route(request) if redirect_slashes else None
        if location is None:
            raise drf.NotFound("Not Found")
        limits.discard_body(request)  # so that the client reads the answer it is to follow
        response = TemporaryRedirect(location)
        del response["Content-Type"]  # no body, as Starlette's RedirectResponse
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = base.finalize_response(self, request, response, *args, **kwargs)
        response.headers.pop("Allow", None)  # no resource here (the 307 too): DRF's header would list every method
        return response

    attrs = {m: not_found for m in ("get", "post", "put", "patch", "delete", "head", "options")}
    attrs.update(
        authentication_classes=[],
        permission_classes=[],
        schema=None,
        finalize_response=finalize_response,
        catch_all=True,
    )
    return type(f"{base.__name__}NotFound", (base,), attrs).as_view()
