"""Settings, read from the environment with embedded defaults (see the README's configuration table)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlparse

from config.env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env_str("SECRET_KEY", "dev-insecure-secret-key-change-me-in-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc served from our own static files (no CDN)
    "billing",
    "workflows",
    "extractor",
    "webhooks",  # signed deliveries of both APIs (no models of its own)
    "config",  # project-level management commands (check_ledger, check_invariants) that read several apps
]

MIDDLEWARE = [
    "config.request_id.RequestIdMiddleware",
    "config.ratelimit.AdminLoginThrottleMiddleware",
    "billing.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.admin_guard.AdminInputGuardMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
APPEND_SLASH = False

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]


def database_from_url(url: str) -> dict:
    """Turn `postgres://user:pass@host:port/name` or `sqlite:///path` into a DATABASES entry."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path[1:] if parsed.path.startswith("//") else parsed.path)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path or str(VAR_DIR / "db.sqlite3"),
            # WAL + a busy timeout let the web process and the worker write the same file.
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
        options = dict(parse_qsl(parsed.query))
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
            "TEST": {"NAME": env_str("TEST_DATABASE_NAME") or None},
        }
    raise ValueError(f"DATABASE_URL scheme not supported: {parsed.scheme!r}")


DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
DATABASES = {"default": database_from_url(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: broker and counters. Unset → an embedded fallback (filesystem broker, local-memory counters)
# that works on one machine with no Redis at all.
REDIS_URL = env_str("REDIS_URL", "")
BROKER_CONNECT_TIMEOUT = env_float("BROKER_CONNECT_TIMEOUT", 0.5)  # Redis calls on the request path: broker, counters,
BROKER_READ_TIMEOUT = env_float("BROKER_READ_TIMEOUT", 0.5)  # cache (see config/breaker.py)
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # Short socket timeouts: a broker that accepts connections but never answers costs a publish (on the request
    # path, after commit) at most about BROKER_CONNECT_TIMEOUT + BROKER_READ_TIMEOUT; the row is in PostgreSQL and
    # the sweeper sends its message later. Workers block on the queue with BRPOP, which these timeouts do not cut.
    if REDIS_URL.startswith("redis://"):  # one redis.Redis per connection pool (config/breaker.py)
        CELERY_BROKER_TRANSPORT = "config.breaker:RedisTransport"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
        "socket_connect_timeout": BROKER_CONNECT_TIMEOUT,
        "socket_timeout": BROKER_READ_TIMEOUT,
    }
    CACHES = {
        "default": {
            "BACKEND": "config.breaker.GuardedRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": BROKER_CONNECT_TIMEOUT, "socket_timeout": BROKER_READ_TIMEOUT},
        }
    }
else:
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("out", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_SOFT_TIME_LIMIT", 300)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_HARD_TIME_LIMIT", 360)
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A pool process is replaced after this many tasks, or after a task that leaves it above this RSS (KiB), so worker
# memory stays flat whatever a library keeps (parser caches, fragmentation after a huge page). 0 turns either off.
CELERY_WORKER_MAX_TASKS_PER_CHILD = env_int("CELERY_WORKER_MAX_TASKS_PER_CHILD", 1000) or None
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", 1_000_000) or None
# Celery's Django fixup closes every database connection before and after each task unless this is set: a new
# PostgreSQL connection per job cost ≈ 1.6 ms of the worker's CPU and ≈ 6 ms of the server's (a backend started and
# torn down). It now closes them every this many tasks; in between, config/celery.py applies Django's own per-request
# rule (`close_old_connections`: CONN_MAX_AGE, health check, a connection left in error) around every task.
CELERY_DB_REUSE_MAX = env_int("CELERY_DB_REUSE_MAX", 1000)

# Object storage: `local` (var/media) or `s3` (any S3-compatible endpoint).
STORAGE_BACKEND = env_str("STORAGE_BACKEND", "local")
MEDIA_ROOT = env_str("MEDIA_ROOT", str(VAR_DIR / "media"))
AWS_ACCESS_KEY_ID = env_str("AWS_ACCESS_KEY_ID", "")
AWS_SECRET_ACCESS_KEY = env_str("AWS_SECRET_ACCESS_KEY", "")
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL", "") or None
AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME", "us-east-1")
AWS_QUERYSTRING_EXPIRE = env_int("AWS_QUERYSTRING_EXPIRE", 3600)
AWS_DEFAULT_ACL = None
AWS_S3_FILE_OVERWRITE = False
if STORAGE_BACKEND == "s3":
    _default_storage = {"BACKEND": "storages.backends.s3.S3Storage"}
elif STORAGE_BACKEND == "local":
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT},
    }
else:
    raise ValueError(f"STORAGE_BACKEND must be 'local' or 's3', not {STORAGE_BACKEND!r}")
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
SERVE_STATIC = env_bool("SERVE_STATIC", False)
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["config.parsers.JSONBodyParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Workflows and Extractor APIs",
    "DESCRIPTION": "Paid image workflows (`POST /v1/{name}`) and article/product extraction (`/v1/extractor/...`).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.schema_hooks.add_dialect_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ExtractionStatusEnum": "extractor.models.Status",
        "InputFormatEnum": "extractor.models.InputFormat",
        "SuccessStatusEnum": ["success"],
        "ErrorStatusEnum": ["error"],
        "JobStatusEnum": ["NOT_STARTED", "IN_PROGRESS", "COMPLETED", "FAILED", "CANCELLED", "DEAD_LETTER"],
    },
}

LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "config.logging.RequestIdFilter"},
        "periodic_noop": {"()": "config.logging.PeriodicNoOpFilter"},  # idle beat/worker chatter at DEBUG
    },
    "formatters": {"json": {"()": "config.logging.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id", "periodic_noop"]}
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Product settings.
DEFAULT_PLAN_NAME = env_str("DEFAULT_PLAN_NAME", "default")
API_KEY_PREFIX = "sk_"
UNSAFE_URL_ALLOWLIST = env_list("UNSAFE_URL_ALLOWLIST", "")
# Seconds a submission (one create, one bulk, one dispatch) may spend resolving its URLs' host names for the SSRF
# check, all of them together; a host not resolved by then is accepted as unresolvable (checked at every delivery).
SUBMIT_RESOLVE_SECONDS = env_float("SUBMIT_RESOLVE_SECONDS", 5.0)
EXTRACTION_RETENTION_DAYS = env_int("EXTRACTION_RETENTION_DAYS", 30)
IDEMPOTENCY_TTL_HOURS = env_int("IDEMPOTENCY_TTL_HOURS", 24)
IDEMPOTENCY_STALE_SECONDS = env_int("IDEMPOTENCY_STALE_SECONDS", 120)  # a reservation this old was abandoned
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("MAX_REQUEST_BYTES", 64 * 1024 * 1024)  # plans set lower limits per tenant

# Features listed here make responses carry `deprecation` and `Deprecation`/`Sunset` headers. JSON object:
# {"format=text": {"sunset": "2027-06-30T00:00:00Z", "successor": "format=markdown", "note": "..."}}
import json as _json  # noqa: E402


def _deprecated_features(raw: str) -> dict:
    """Checked at start-up so a bad entry stops the deploy instead of failing requests. Dates may be date-only
    (midnight UTC) or full ISO 8601 times; they are stored as ISO 8601 UTC strings."""
    from datetime import UTC
    from datetime import datetime as _dt

    from django.core.exceptions import ImproperlyConfigured

    def when(feature: str, field: str, value) -> str:
        try:
            moment = _dt.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            raise ImproperlyConfigured(
                f"DEPRECATED_FEATURES[{feature!r}].{field} is not an ISO 8601 date: {value!r}"
            ) from None
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC).isoformat()

    try:
        features = _json.loads(raw or "{}")
    except ValueError:
        raise ImproperlyConfigured("DEPRECATED_FEATURES is not valid JSON.") from None
    if not isinstance(features, dict):
        raise ImproperlyConfigured("DEPRECATED_FEATURES must be a JSON object.")
    for name, feature in features.items():
        if not isinstance(feature, dict) or "sunset" not in feature:
            raise ImproperlyConfigured(f"DEPRECATED_FEATURES[{name!r}] needs at least a 'sunset' date.")
        for field in ("sunset", "since"):
            if feature.get(field):
                feature[field] = when(name, field, feature[field])
    return features


DEPRECATED_FEATURES = _deprecated_features(env_str("DEPRECATED_FEATURES", "{}"))

LLM_BASE_URL = env_str("LLM_BASE_URL", "") or None
LLM_API_KEY = env_str("LLM_API_KEY", "")
LLM_DEFAULT_MODEL = env_str("LLM_DEFAULT_MODEL", "gpt-4o-mini")
LLM_TIMEOUT_SECONDS = env_int("LLM_TIMEOUT_SECONDS", 30)
# page text sent to the model is cut at this many characters; temperature "none" = not sent; max tokens 0 = not sent
LLM_MAX_CONTENT_CHARS = env_int("LLM_MAX_CONTENT_CHARS", 24_000)
LLM_TEMPERATURE = None if env_str("LLM_TEMPERATURE", "0").lower() == "none" else env_float("LLM_TEMPERATURE", 0.0)
LLM_MAX_TOKENS = env_int("LLM_MAX_TOKENS", 0) or None
EXTRACTION_LEASE_SECONDS = env_int("EXTRACTION_LEASE_SECONDS", 120)
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 10)

# Studio (the backend that runs workflow jobs): `local` (in the worker) or `http` (a remote GPU service, docs/studio.md).
STUDIO_BACKEND = env_str("STUDIO_BACKEND", "local")
STUDIO_URL = env_str("STUDIO_URL", "")
STUDIO_TOKEN = env_str("STUDIO_TOKEN", "")
STUDIO_CONNECT_TIMEOUT = env_float("STUDIO_CONNECT_TIMEOUT", 3.0)
STUDIO_READ_TIMEOUT = env_float("STUDIO_READ_TIMEOUT", 10.0)
STUDIO_RETRIES = env_int("STUDIO_RETRIES", 2)  # extra attempts per call on connection errors / 5xx
STUDIO_RETRY_BACKOFF = env_float("STUDIO_RETRY_BACKOFF", 0.5)
STUDIO_POLL_INTERVAL = env_int("STUDIO_POLL_INTERVAL", 5)
STUDIO_MAX_POLL_FAILURES = env_int("STUDIO_MAX_POLL_FAILURES", 10)
STUDIO_DEFAULT_TIMEOUT = env_int("STUDIO_DEFAULT_TIMEOUT", 600)
STUDIO_CANCEL_MAX_ATTEMPTS = env_int("STUDIO_CANCEL_MAX_ATTEMPTS", 12)  # an ended job's owed remote cancel, swept
WORKFLOW_LEASE_SECONDS = env_int("WORKFLOW_LEASE_SECONDS", 420)
