"""One JSON object per log line, carrying the request id of the request or task being served."""

from __future__ import annotations

import ast
import json
import logging
from datetime import UTC, datetime

from config.request_id import current_request_id

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "request_id"}


class RequestIdFilter(logging.Filter):
    """The id of the request or task being served. Django logs a request's 4xx/5xx (`django.request`) after the
    middleware returned, so for those records the id comes from the request they carry."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = current_request_id() or getattr(getattr(record, "request", None), "request_id", None)
        return True


_NOTHING_DONE = (None, 0, False, "", (), [], {})


def _did_nothing(return_repr) -> bool:
    """A periodic job's return value that says it found no work: None, 0, empty, or a dict of those."""
    try:
        value = ast.literal_eval(return_repr) if isinstance(return_repr, str) else return_repr
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return False
    if isinstance(value, dict) and value:
        return all(v in _NOTHING_DONE for v in value.values())
    return value in _NOTHING_DONE


class PeriodicNoOpFilter(logging.Filter):
    """Beat sending a periodic job, a worker receiving one, and a periodic run that found nothing to do are
    logged at DEBUG: an idle system says nothing at INFO. A run that did something stays INFO."""

    _periodic: frozenset[str] | None = None

    @classmethod
    def periodic_tasks(cls) -> frozenset[str]:
        if cls._periodic is None:
            from config.celery import app

            cls._periodic = frozenset(entry["task"] for entry in app.conf.beat_schedule.values())
        return cls._periodic

    def routine(self, record: logging.LogRecord) -> bool:
        if record.name == "celery.beat":
            return str(record.msg).startswith("Scheduler: Sending due task")
        if record.name not in ("celery.worker.strategy", "celery.app.trace"):
            return False
        data = getattr(record, "data", None)
        if not isinstance(data, dict) or data.get("name") not in self.periodic_tasks():
            return False
        # "received" carries no return value; "succeeded" does
        return "return_value" not in data or _did_nothing(data["return_value"])

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.INFO and self.routine(record):
            record.levelno, record.levelname = logging.DEBUG, "DEBUG"
            return logging.getLogger().isEnabledFor(logging.DEBUG)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "ts": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                payload[key] = value
        request = payload.pop("request", None)  # django.request passes the request object itself
        if request is not None and hasattr(request, "path"):
            payload.setdefault("method", request.method)
            payload.setdefault("path", request.path)
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return json.dumps(payload, default=str)
