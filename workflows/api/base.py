from billing.auth import BearerKeyAuthentication, HasScope, PlanAllowsService, PlanBodyLimited, PlanRateLimited
from billing.models import Scope, Service
from config.api import DialectAPIView
from workflows.api.errors import DIALECT


class WorkflowsView(PlanRateLimited, PlanBodyLimited, DialectAPIView):
    """Base of every workflows API view: Bearer keys, scopes, plan, rate limit, body size, FastAPI-style errors."""

    dialect = DIALECT
    authentication_classes = [BearerKeyAuthentication]
    permission_classes = [HasScope, PlanAllowsService]
    service = Service.WORKFLOWS
    required_scopes = {"GET": Scope.WORKFLOWS_READ, "POST": Scope.WORKFLOWS_WRITE}
