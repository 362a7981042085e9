import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views import defaults
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.renderers import JSONRenderer

from config import errors
from config.api import Dialect, catch_all_view, error_response, without_allow_on_404
from config.health import healthz, readyz
from extractor.api.base import ExtractorView
from workflows.api.base import WorkflowsView

EXTRACTOR_URLS = re.compile(r"^v1/extractor(?:/[\s\S]*)?\Z")
WORKFLOWS_URLS = re.compile(r"^v1(?:/[\s\S]*)?\Z")
PAGE_METHODS = ["get", "head"]


class WorkflowsErrors:
    """A view under /v1/ that is not an API view (the schema, the docs pages): its errors are the workflows dialect's
    JSON, like every other answer under /v1/. Without this each rendered them with its own first renderer:
    drf-spectacular's schema as YAML (`detail: {string: …, code: not_acceptable}`) for an `Accept` or `?format=` naming
    no renderer and for any other method (and `OPTIONS` as DRF's metadata in YAML); the Swagger UI and Redoc pages as
    Django's one-line text typed `text/html` ("405 Method Not Allowed", "404 Not Found" for `?format=xml`)."""

    def get_exception_handler(self):
        return WorkflowsView.dialect.handle

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code >= 400:  # negotiation may have failed: the renderer it fell back to is the page's
            response.accepted_renderer, response.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
        return without_allow_on_404(response)


class SchemaView(WorkflowsErrors, SpectacularAPIView):
    """The OpenAPI document (YAML, or JSON by `Accept` / `?format=json`), GET and HEAD only."""

    http_method_names = PAGE_METHODS


class SwaggerView(WorkflowsErrors, SpectacularSwaggerView):
    http_method_names = PAGE_METHODS  # OPTIONS would render DRF's metadata through the page's template: a 500


class RedocView(WorkflowsErrors, SpectacularRedocView):
    http_method_names = PAGE_METHODS
    template_name = "docs/redoc.html"


urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("v1/schema", SchemaView.as_view(), name="schema"),
    # Swagger UI and Redoc load their JavaScript from our own static files (drf-spectacular-sidecar): no CDN.
    path("v1/docs", SwaggerView.as_view(url_name="schema"), name="docs"),
    path("v1/redoc", RedocView.as_view(url_name="schema"), name="redoc"),
    path("v1/extractor/", include("extractor.api.urls")),
    re_path(EXTRACTOR_URLS.pattern, catch_all_view(ExtractorView)),  # [\s\S]: %0a too
    path("v1/", include("workflows.api.urls")),
    re_path(WORKFLOWS_URLS.pattern, catch_all_view(WorkflowsView, redirect_slashes=True)),  # FastAPI's 307
]

if settings.SERVE_STATIC:  # `make run` serves the admin's static files itself (no separate web server)
    urlpatterns.append(re_path(r"^static/(?P<path>.*)$", serve, {"document_root": settings.STATIC_ROOT}))


def dialect_of(path: str) -> Dialect | None:
    """The dialect of the API a path (`request.path_info`, no query) names, or None outside the APIs. `/v1` is matched
    in any case: `/V1/requests` is no route (routes are lower case), but it is a client of the API that mistyped it,
    so its errors are in the dialect the rest of its path names, not Django's HTML pages."""
    path = path.lstrip("/")
    path = path[:2].lower() + path[2:]
    for pattern, base in ((EXTRACTOR_URLS, ExtractorView), (WORKFLOWS_URLS, WorkflowsView)):
        if pattern.match(path):
            return base.dialect
    return None


def _api_error(request, error: type[errors.DomainError], default):
    """Under /v1/ Django's own 400, 404 and 500 pages are written in the API's dialect, like every other answer there.
    Elsewhere they are Django's pages, whose views check the CSRF token again (`requires_csrf_token`) and so read the
    form: a form Django refuses to parse (`application/x-www-form-urlencoded` declared in a charset other than UTF-8:
    `BadRequest`, raised again at each read) made the 400 page a 500 and the 500 page fail in turn (gunicorn's own
    500) on every admin POST. The form is read as empty from here on, as Django does after a multipart body it cannot
    parse."""
    dialect = dialect_of(request.path_info)
    if dialect is not None:
        return error_response(dialect, error)
    if request.method == "POST" and not hasattr(request, "_post"):
        request._mark_post_parse_error()
    return default()


def handler400(request, exception=None):
    return _api_error(request, errors.MalformedRequest, lambda: defaults.bad_request(request, exception))


def handler404(request, exception=None):
    return _api_error(request, errors.NotFound, lambda: defaults.page_not_found(request, exception))


def handler500(request):
    return _api_error(request, errors.InternalError, lambda: defaults.server_error(request))
