from email.message import Message

from billing.auth import BearerKeyAuthentication, HasScope, PlanAllowsService, PlanBodyLimited, PlanRateLimited
from billing.models import Scope, Service
from config.api import DialectAPIView, JsonOnly
from config.parsers import JSONBodyParser
from workflows.api.errors import DIALECT


def is_json_type(content_type: str) -> bool:
    """Whether FastAPI reads a body of this Content-Type as JSON: none at all, or `application/json` or
    `application/<anything>+json` (RFC 6839's suffix: `vnd.api+json`, `merge-patch+json`), in any case. It parses the
    header with the standard library's `email.message.Message`, as this does."""
    if not content_type:
        return True
    message = Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (subtype == "json" or subtype.endswith("+json"))


class FastApiBodies(JsonOnly):
    """A view that parses JSON reads it for every type FastAPI does (`is_json_type`); any other type is 415."""

    def select_parser(self, request, parsers):
        parser = super().select_parser(request, parsers)
        if parser is None and is_json_type(request.content_type):
            parser = next((p for p in parsers if isinstance(p, JSONBodyParser)), None)
        return parser


class WorkflowsView(PlanRateLimited, PlanBodyLimited, DialectAPIView):
    """Base of every workflows API view: Bearer keys, scopes, plan, rate limit, body size, FastAPI-style errors."""

    dialect = DIALECT
    content_negotiation_class = FastApiBodies
    authentication_classes = [BearerKeyAuthentication]
    permission_classes = [HasScope, PlanAllowsService]
    service = Service.WORKFLOWS
    required_scopes = {"GET": Scope.WORKFLOWS_READ, "POST": Scope.WORKFLOWS_WRITE}
