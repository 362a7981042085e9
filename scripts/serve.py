"""Serve the API (gunicorn), the Celery workers (jobs; webhooks) and Celery beat together; one Ctrl-C stops all."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
VAR = ROOT / "var"


def main() -> int:
    host, port = os.environ.get("HOST", "127.0.0.1"), os.environ.get("PORT", "8000")
    env = {**os.environ, "SERVE_STATIC": os.environ.get("SERVE_STATIC", "1")}
    VAR.mkdir(exist_ok=True)
    commands = {
        "web": [str(BIN / "gunicorn"), "-c", "config/gunicorn.py", "config.wsgi:application", "--bind", f"{host}:{port}",
                "--workers", os.environ.get("WEB_CONCURRENCY", "2"), "--access-logfile", "-"],
        "worker": [str(BIN / "celery"), "-A", "config", "worker", "-Q", "default,extract,studio", "-n", "jobs@%h",
                   "--concurrency", os.environ.get("WORKER_CONCURRENCY", "2"), "--loglevel", "INFO"],
        # Webhook deliveries wait on tenants' receivers: their own pool, so a slow one never holds a job slot.
        "webhooks": [str(BIN / "celery"), "-A", "config", "worker", "-Q", "webhooks", "-n", "webhooks@%h",
                     "--concurrency", os.environ.get("WEBHOOK_CONCURRENCY", "2"), "--loglevel", "INFO"],
        "beat": [str(BIN / "celery"), "-A", "config", "beat", "--loglevel", "INFO",
                 "--schedule", str(VAR / "celerybeat-schedule")],
    }
    procs = {name: subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True) for name, cmd in commands.items()}
    print(f"serving on http://{host}:{port} (web, worker, webhooks, beat); Ctrl-C stops all", flush=True)

    def stop(*_):
        for proc in procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.time() + 10
        for proc in procs.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.time()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)

    signal.signal(signal.SIGTERM, lambda *_: (stop(), sys.exit(0)))
    # Also when started from a shell that ignores SIGINT for background jobs.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        while True:
            for name, proc in procs.items():
                if proc.poll() is not None:
                    print(f"{name} exited with {proc.returncode}; stopping the others", flush=True)
                    stop()
                    return proc.returncode or 1
            time.sleep(0.5)
    except KeyboardInterrupt:
        stop()
        return 0


if __name__ == "__main__":
    sys.exit(main())
