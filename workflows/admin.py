"""Staff console for workflow jobs: find them, see their cut-outs, cancel (refunds) or retry dead ones.
Actions call the same services as the API; nothing here writes a state field directly."""

from __future__ import annotations

import posixpath
from urllib.parse import urlencode

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from config.admin_actions import run_action
from config.admin_display import pretty_json
from config.admin_scale import ScaledAdminMixin, TenantFilter, ulid_or_none
from config.request_id import is_ulid
from workflows import services
from workflows.models import RemoteCancel, WorkflowJob
from workflows.selectors import credits_refunded, remote_cancels_given_up
from workflows.storage import EXTENSIONS, file_response, file_url, is_s3, job_prefix, key_belongs_to, object_exists


class WorkflowFilter(admin.SimpleListFilter):
    """The registered workflows (Django's default would be a SELECT DISTINCT over every job)."""

    title = "workflow"
    parameter_name = "workflow__exact"

    def lookups(self, request, model_admin):
        from workflows.registry import all_workflows

        return [(w.name, w.name) for w in all_workflows()]

    def queryset(self, request, queryset):
        return queryset.filter(workflow=self.value()) if self.value() else queryset


class RemoteCancelFilter(admin.SimpleListFilter):
    """Jobs whose remote run is owed a cancel: still being tried, or given up (a run that may still go on)."""

    title = "remote cancel"
    parameter_name = "remote_cancel"

    def lookups(self, request, model_admin):
        return [("owed", "being tried"), ("given_up", "given up")]

    def queryset(self, request, queryset):
        if self.value() == "owed":
            return queryset.filter(pk__in=RemoteCancel.objects.exclude(next_try_at=None).values("job_id"))
        if self.value() == "given_up":
            return queryset.filter(pk__in=remote_cancels_given_up().values("job_id"))
        return queryset


@admin.register(WorkflowJob)
class WorkflowJobAdmin(ScaledAdminMixin, admin.ModelAdmin):
    list_display = (
        "id",
        "status",
        "created_at",
        "tenant",
        "workflow",
        "error_type",
        "credits_cost",
        "attempts",
        "finished_at",
    )
    list_filter = (
        "status",
        WorkflowFilter,
        TenantFilter,
        RemoteCancelFilter,
        ("created_at", admin.DateFieldListFilter),
    )
    list_select_related = ("tenant",)
    search_fields = ("id",)
    search_help_text = "A job's request id (ULID) or a Studio job id."
    ordering = ("-created_at", "-id")
    list_defer = ("result", "input")
    actions = ("cancel_jobs", "retry_dead_jobs", "retry_given_up_cancels")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "id",
                    "tenant",
                    "workflow",
                    "status",
                    "error_pretty",
                    "credits_cost",
                    "refunded",
                    "staff_retries",
                    "created_at",
                    "started_at",
                    "finished_at",
                    "links",
                )
            },
        ),
        ("Photo and cut-outs", {"fields": ("thumbnails",)}),
        ("Result", {"fields": ("result_pretty",)}),
        ("Input", {"fields": ("input_pretty",)}),
        (
            "Engine",
            {
                "fields": (
                    "studio_backend",
                    "studio_job_id",
                    "progress",
                    "attempts",
                    "max_attempts",
                    "available_at",
                    "enqueued_at",
                    "lease_expires_at",
                    "next_poll_at",
                    "poll_failures",
                    "deadline_at",
                    "remote_cancels_shown",
                ),
                "classes": ("collapse",),
            },
        ),
    )
    readonly_fields = (
        "refunded",
        "links",
        "thumbnails",
        "error_pretty",
        "result_pretty",
        "input_pretty",
        "remote_cancels_shown",
    )

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        job_id = ulid_or_none(term)
        if job_id:
            return queryset.filter(pk=job_id), False
        return queryset.filter(studio_job_id=term), False

    @admin.display(description="remote cancels")
    def remote_cancels_shown(self, obj):
        """The cancels its remote run was owed (the sweeper's tries): target, attempts, outcome or next try."""
        rows = [
            (
                owed.studio_job_id or f"run of key {owed.idempotency_key}",
                owed.attempts,
                owed.outcome or "not tried yet",
                f"next try {owed.next_try_at:%Y-%m-%d %H:%M:%S}" if owed.next_try_at else "settled",
            )
            for owed in obj.remote_cancels.all()[:10]
        ]
        return format_html_join("\n", "<div>{} — {} attempt(s): {} ({})</div>", rows) if rows else "-"

    @admin.display(description="error")
    def error_pretty(self, obj):
        return pretty_json(obj.error)

    @admin.display(description="result")
    def result_pretty(self, obj):
        return pretty_json(obj.result)

    @admin.display(description="input")
    def input_pretty(self, obj):
        return pretty_json(obj.input)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # read-only page; state changes go through the actions

    def has_delete_permission(self, request, obj=None):
        return False

    def has_operate_permission(self, request):
        return request.user.has_perm("workflows.change_workflowjob")

    @admin.display(description="error")
    def error_type(self, obj):
        return (obj.error or {}).get("type", "")

    @admin.display(description="credits refunded")
    def refunded(self, obj):
        return credits_refunded(job_id=obj.pk)

    @admin.display(description="links")
    def links(self, obj):
        log = reverse("admin:billing_requestlog_change", args=[obj.pk])
        ledger = reverse("admin:billing_creditentry_changelist") + "?" + urlencode({"q": obj.pk})
        tenant = reverse("admin:billing_tenant_change", args=[obj.tenant_id])
        return format_html(
            '<a href="{}">request log</a> · <a href="{}">ledger entries</a> · <a href="{}">tenant</a>',
            log,
            ledger,
            tenant,
        )

    @admin.display(description="photo and cut-outs")
    def thumbnails(self, obj):
        """The source photo beside what was cut out of it."""
        source = self._source_key(obj)
        items = [item for item in (obj.result or {}).get("items") or [] if item.get("image_key")]
        if not source and not items:
            return "—"
        photo = (
            format_html(
                '<figure class="source"><img src="{}" alt="source photo"><figcaption>source photo</figcaption>'
                "</figure>",
                self._file_url(obj, source),
            )
            if source
            else ""
        )
        cutouts = format_html_join(
            "",
            '<figure class="cutout"><img src="{}" alt="{}"><figcaption>{} ({})</figcaption></figure>',
            (
                (self._file_url(obj, item["image_key"]), item["label"], item["label"], item.get("score"))
                for item in items
            ),
        )
        return format_html('<div class="figures">{}{}</div>', photo, cutouts)

    @staticmethod
    def _source_key(obj) -> str:
        """The photo the job was dispatched with: the upload, only a key in the job tenant's own namespace; for a
        remote Studio the checked copy it was handed instead (`input/trial.<ext>` under the job's prefix, while it is
        kept), never the upload, which a presigned form may have replaced after our check."""
        key = (obj.input or {}).get("trial_image")
        if not (isinstance(key, str) and key_belongs_to(key, f"tenants/{obj.tenant_id}/")):
            return ""
        if obj.studio_backend == "local":
            return key
        extension = posixpath.splitext(key)[1].lstrip(".").lower()
        names = sorted(EXTENSIONS.values(), key=lambda name: name != extension)  # the upload's own type first
        copies = (f"{job_prefix(obj.tenant_id, obj.pk)}input/trial.{name}" for name in names)
        return next((copy for copy in copies if object_exists(copy)), "")

    def _file_url(self, obj, key: str) -> str:
        return reverse("admin:workflows_workflowjob_file", args=[obj.pk, key])

    def get_urls(self):
        own = [
            path(
                "<str:job_id>/file/<path:key>",
                self.admin_site.admin_view(self.file_view),
                name="workflows_workflowjob_file",
            )
        ]
        return own + super().get_urls()

    def file_view(self, request, job_id: str, key: str):
        """Staff who may view jobs: a file from the job's own prefix."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        if not is_ulid(job_id):
            raise Http404("No such file.")
        job = WorkflowJob.objects.filter(pk=job_id).only("pk", "tenant_id", "input", "studio_backend").first()
        if job is None or not (key_belongs_to(key, job_prefix(job.tenant_id, job.pk)) or key == self._source_key(job)):
            raise Http404("No such file.")
        if is_s3():
            return HttpResponseRedirect(file_url(key))
        try:
            return file_response(key)  # served as stored: the page never decodes a photo (staff's browser does)
        except OSError:
            raise Http404("No such file.") from None

    @admin.action(description="Cancel selected jobs (refunds their credits)", permissions=["operate"])
    def cancel_jobs(self, request, queryset):
        actor = _actor(request)
        _each_job(
            request,
            queryset,
            lambda pk: services.job_cancel(job_id=pk, actor=actor),
            "Cancelled and refunded {n} job(s).",
        )

    @admin.action(description="Retry selected dead-letter jobs", permissions=["operate"])
    def retry_dead_jobs(self, request, queryset):
        _each_job(request, queryset, lambda pk: services.job_retry_dead(job_id=pk), "Re-queued {n} job(s).")

    @admin.action(description="Try the given-up remote cancels of selected jobs again", permissions=["operate"])
    def retry_given_up_cancels(self, request, queryset):
        actor = _actor(request)
        again = lambda pk: services.remote_cancel_try_again(job_id=pk, actor=actor)  # noqa: E731
        _each_job(request, queryset, again, "The given-up remote cancels of {n} job(s) are due again.")


def _actor(request) -> str:
    return request.user.get_username() or "staff"


def _each_job(request, queryset, fn, done: str) -> None:
    """An action's service called on each selected job by id, refusals reported per job; `done` has an `{n}`."""
    run_action(request, queryset.select_related(None).only("pk"), lambda job: fn(job.pk), done)
