"""What keeps the staff console fast on tables of millions of rows: counts that stop early, a tenant filter that does
not list every tenant, and searches that try indexed exact matches before anything that scans."""

from __future__ import annotations

import json
import re

from django.contrib import admin, messages
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

from config.limits import ascii_int
from config.request_id import is_ulid

HEX64 = re.compile(r"[0-9a-fA-F]{64}")


def ulid_or_none(term: str) -> str | None:
    """Request ids are shown upper case; staff paste them in any case."""
    term = term.strip().upper()
    return term if is_ulid(term) else None


def is_hex64(term: str) -> bool:
    return HEX64.fullmatch(term.strip()) is not None


class EstimatedCountPaginator(Paginator):
    """`COUNT(*)` reads every matching row in PostgreSQL. Count exactly up to `exact_up_to` rows (a LIMITed subquery,
    cheap); beyond that use the planner's estimate — the number is then approximate, the pages are exact."""

    exact_up_to = 10_000
    estimated = False  # True once the count is the planner's estimate (the page then says "about N")

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        capped = queryset.order_by()[: self.exact_up_to + 1].count()
        if capped <= self.exact_up_to:
            return capped
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return queryset.count()
        self.estimated = True
        sql, params = queryset.order_by().query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return max(int(plan[0]["Plan"]["Plan Rows"]), capped)


class BoundedActionsMixin:
    """Staff actions act on at most `max_action_rows` rows: "Select all N" hands an action every row the list
    matches, and acting on each of 200,000 extractions, or listing them all on the delete confirmation (22 s and
    46 MB of HTML measured), outlives the web server's request timeout. The delete confirmation posts one field per
    row, so the bound stays under Django's 1,000 fields."""

    max_action_rows = 500

    def response_action(self, request, queryset):
        across = request.POST.get("select_across", "")
        across = bool(across) and across.lower() not in ("0", "false")  # as Django's BooleanField reads it
        if across and queryset.order_by()[: self.max_action_rows + 1].count() > self.max_action_rows:
            self.message_user(
                request,
                f"An action takes at most {self.max_action_rows:,} rows at once: narrow the list with its filters "
                "or search first. Nothing was done.",
                messages.ERROR,
            )
            return None  # the change list again, with the message
        return super().response_action(request, queryset)


class ScaledAdminMixin(BoundedActionsMixin):
    """Change lists of big tables: no full count, an estimated paginator count, no filter facet counts, no date
    hierarchy (its year list is a DISTINCT over the whole table: the date filter in the sidebar does that job)."""

    paginator = EstimatedCountPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # "Show counts" would COUNT every filter choice over the whole table
    # Big JSON columns (an extraction's whole result) the list never shows: not read for a change list.
    list_defer: tuple[str, ...] = ()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = getattr(request, "resolver_match", None)
        if self.list_defer and match is not None and (match.url_name or "").endswith("_changelist"):
            queryset = queryset.defer(*self.list_defer)
        return queryset


def _row_id(value) -> int | None:
    """A filter value that is a row id or a status code: ASCII digits that fit a bigint ("²" or 5,000 digits: None)."""
    return ascii_int(value, 18)


class TenantFilter(admin.SimpleListFilter):
    """Filter by tenant without rendering thousands of them: up to `list_up_to` tenants are listed; beyond that only
    the selected one is shown (staff reach a tenant's rows from the tenant's page links)."""

    title = "tenant"
    parameter_name = "tenant__id__exact"
    list_up_to = 100

    def lookups(self, request, model_admin):
        from billing.models import Tenant

        tenants = list(Tenant.objects.order_by("name").values_list("pk", "name")[: self.list_up_to + 1])
        if len(tenants) > self.list_up_to:
            tenants = []
            if _row_id(self.value()) is not None:
                tenants = list(Tenant.objects.filter(pk=_row_id(self.value())).values_list("pk", "name"))
        return [(str(pk), f"{name} (#{pk})") for pk, name in tenants]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if _row_id(value) is None:
            return queryset.none()
        return queryset.filter(tenant_id=_row_id(value))


class StatusClassFilter(admin.SimpleListFilter):
    """HTTP status by class or by the codes the APIs answer, from fixed choices (Django's default filter for a plain
    integer column is a `SELECT DISTINCT` over the whole table)."""

    title = "status code"
    parameter_name = "status_code"
    codes = (200, 201, 202, 400, 401, 402, 403, 404, 409, 413, 415, 422, 429, 500)

    def lookups(self, request, model_admin):
        return [("2xx", "2xx"), ("4xx", "4xx"), ("5xx", "5xx")] + [(str(code), str(code)) for code in self.codes]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if value in ("2xx", "3xx", "4xx", "5xx"):
            low = int(value[0]) * 100
            return queryset.filter(status_code__gte=low, status_code__lt=low + 100)
        if _row_id(value) is not None and len(value) == 3:
            return queryset.filter(status_code=int(value))
        return queryset.none()
