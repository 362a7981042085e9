"""Workflow jobs: one row per paid dispatch, keyed by the request's ULID."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from jobs.models import LeasedJob


class JobStatus(models.TextChoices):
    """The states Studio reports, plus a dead letter for jobs whose retries ran out."""

    NOT_STARTED = "NOT_STARTED"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"
    DEAD_LETTER = "DEAD_LETTER"


TERMINAL = (JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.DEAD_LETTER)
UNFINISHED = (JobStatus.NOT_STARTED, JobStatus.IN_PROGRESS)


class WebhookEvent(models.TextChoices):
    """The ends a workflow job calls back (`request.<event>`)."""

    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"
    DEAD_LETTER = "dead_letter"


# The event each terminal status sends.
END_EVENTS = {
    JobStatus.COMPLETED: WebhookEvent.COMPLETED,
    JobStatus.FAILED: WebhookEvent.FAILED,
    JobStatus.CANCELLED: WebhookEvent.CANCELLED,
    JobStatus.DEAD_LETTER: WebhookEvent.DEAD_LETTER,
}


class ErrorType(models.TextChoices):
    """Stable `error.type` values of a job that did not complete (each one refunded)."""

    STUDIO_ERROR = "studio_error"
    STUDIO_TIMEOUT = "studio_timeout"
    NO_ITEMS_FOUND = "no_items_found"
    IMAGE_UNREADABLE = "image_unreadable"
    INVALID_INPUT = "invalid_input"
    CANCELLED = "cancelled"
    WORKER_LOST = "worker_lost"
    RETRIES_EXHAUSTED = "retries_exhausted"


class WorkflowJob(LeasedJob):
    """`status` NOT_STARTED is the engine's *queued*, IN_PROGRESS its *claimed*, DEAD_LETTER its *dead*.

    Local backend: the worker holds the lease for the whole run. Http backend: the worker submits,
    records `studio_job_id`, drops the lease and sets `next_poll_at`; the poller takes it from there.
    """

    id = models.CharField(primary_key=True, max_length=26, help_text="The dispatch request's ULID (= RequestLog id).")
    tenant = models.ForeignKey("billing.Tenant", on_delete=models.PROTECT, related_name="workflow_jobs")
    workflow = models.CharField(max_length=64)
    status = models.CharField(max_length=16, choices=JobStatus.choices, default=JobStatus.NOT_STARTED)
    credits_cost = models.PositiveIntegerField()
    input = models.JSONField(default=dict)
    result = models.JSONField(null=True, blank=True)
    error = models.JSONField(null=True, blank=True, help_text="{type, message}")
    studio_backend = models.CharField(max_length=16)
    studio_job_id = models.CharField(max_length=128, blank=True, default="")
    progress = models.FloatField(null=True, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True)
    poll_failures = models.PositiveSmallIntegerField(default=0)
    staff_retries = models.PositiveSmallIntegerField(
        default=0, help_text="Times staff ran this dead-letter job again (free: its charge was refunded when it died)."
    )
    deadline_at = models.DateTimeField(null=True, blank=True, help_text="Studio must finish by then.")
    webhook_url = models.URLField(max_length=2048, null=True, blank=True, help_text="Called back when the job ends.")
    webhook_events = models.JSONField(default=list, blank=True, help_text="Which ends are called back (empty: all).")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["tenant", "-created_at"], name="wfjob_tenant_newest"),
            models.Index(fields=["status", "-created_at"], name="wfjob_status_newest"),
            # Queue queries touch only the few unfinished rows.
            models.Index(fields=["available_at"], condition=Q(status="NOT_STARTED"), name="wfjob_queued_due"),
            models.Index(
                fields=["lease_expires_at"],
                condition=Q(status="IN_PROGRESS", lease_expires_at__isnull=False),
                name="wfjob_lease_expiry",
            ),
            models.Index(
                fields=["next_poll_at"],
                condition=Q(status="IN_PROGRESS", next_poll_at__isnull=False),
                name="wfjob_poll_due",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=JobStatus.values), name="wfjob_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.workflow} {self.pk} ({self.status})"

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL


GAVE_UP = "gave up: "  # an owed cancel's outcome once its attempts ran out (`next_try_at` None)


class RemoteCancel(models.Model):
    """A cancel a remote Studio run is owed: written with the end of a job whose run may go on (cancelled by a tenant or
    staff, failed by the poller, dead) and tried by the sweeper (`workflows.cancel_remote_runs`) until Studio confirms
    it, says the run is unknown or over, or the attempts run out. Never touches the job's status nor its credits.

    `studio_job_id` set: that run is cancelled; else the run a submit with `idempotency_key` may have started is looked
    up first. `next_try_at` None: settled (`outcome` says how)."""

    job = models.ForeignKey(WorkflowJob, on_delete=models.CASCADE, related_name="remote_cancels")
    backend = models.CharField(max_length=16)
    studio_job_id = models.CharField(max_length=128, blank=True, default="")
    idempotency_key = models.CharField(max_length=64, blank=True, default="")
    attempts = models.PositiveSmallIntegerField(default=0)
    next_try_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=300, blank=True, default="", help_text="Settled, or the last failure.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["next_try_at"], condition=Q(next_try_at__isnull=False), name="wfcancel_due"),
        ]

    def __str__(self) -> str:
        return f"cancel of {self.studio_job_id or self.idempotency_key} ({self.outcome or 'owed'})"
