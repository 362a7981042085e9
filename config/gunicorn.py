"""Gunicorn settings of every deployment (`gunicorn -c config/gunicorn.py config.wsgi:application`; `make run` too).

Threaded workers (gthread): a connection that is idle or still sending its request waits in the worker's poller or
holds one of many cheap threads, not a whole process, and each read of a request has a deadline
(`config.gunicorn_worker`), so slow or idle clients cannot take the API down. In production a buffering proxy
(nginx, see the README) goes in front as well. Every value can be overridden on the command line.
"""

import gc
import os
from pathlib import Path

_VAR = Path(os.environ.get("VAR_DIR") or Path(__file__).resolve().parent.parent / "var")

wsgi_app = "config.wsgi:application"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "config.gunicorn_worker.DeadlineThreadWorker"
threads = int(os.environ.get("WEB_THREADS", "32"))
worker_connections = 1000
# the worker's heartbeat: a worker whose main loop stops answering for this long is killed and replaced. With threaded
# workers the main loop keeps beating while a request runs, so this does not end a slow request: the request paths
# bound their own work (read deadlines, SUBMIT_RESOLVE_SECONDS, outbound total deadlines, job time limits).
timeout = 30
graceful_timeout = 20
keepalive = 5
# Request line and headers: gunicorn's limits, answered 400 (request line 414, header too large 431 by the proxy).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# One control socket per instance (gunicorn's default path is shared by every instance of a user on a machine).
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET") or str(_VAR / f"gunicorn-{os.getpid()}.ctl")


def post_worker_init(worker):
    """The application is loaded: its objects (Django, DRF, lxml, the pipeline: ≈ 140,000) move to the cyclic
    collector's permanent generation, so a full collection during requests walks only what was made since. Before,
    each full collection of a web process walked them all (≈ 85 ms of CPU, twice per process in a 257-page run)."""
    gc.freeze()
