"""Serve the API (gunicorn), a Celery worker and Celery beat together, as a small supervisor.

* A process that exits on its own is started again (after 1 s, then longer); one that keeps crashing (5 times within
  a minute) stops everything, and says so.
* Ctrl-C (or SIGTERM) is a warm shutdown: each process gets SIGTERM on its main process only — gunicorn finishes its
  requests, Celery finishes its running tasks (or hands them back to the broker) — and only what is still there after
  `STOP_SECONDS` is killed.
* The banner `make run` printed before starting (`var/run-banner.txt`: key, admin login, curl examples) is printed
  again once the web server answers and the worker is ready, so it is on screen when the service is.
* gunicorn's control socket is this instance's own (`var/gunicorn-<port>.ctl`).
* The Celery worker runs two pool processes per core by default (`WORKER_CONCURRENCY`): a job spends part of its
  time waiting on PostgreSQL, Redis and storage, and one process per core leaves that time idle.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
VAR = Path(os.environ.get("VAR_DIR") or ROOT / "var")
STOP_SECONDS = float(os.environ.get("SERVE_STOP_SECONDS", "30"))
MAX_CRASHES, CRASH_WINDOW = 5, 60.0


_OUT = threading.Lock()  # whole lines from every child and from us, never interleaved


def write(text: str) -> None:
    with _OUT:
        sys.stdout.write(text)
        sys.stdout.flush()


def say(message: str) -> None:
    write(f"[serve] {message}\n")


class Child:
    def __init__(self, name: str, command: list[str], env: dict[str, str], ready_marker: str | None = None):
        self.name, self.command, self.env, self.ready_marker = name, command, env, ready_marker
        self.proc: subprocess.Popen | None = None
        self.ready = threading.Event()
        self.crashes: deque[float] = deque()
        self.next_start = 0.0

    def start(self) -> None:
        self.ready.clear()
        self.proc = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        threading.Thread(target=self._forward, args=(self.proc,), daemon=True).start()
        say(f"{self.name} started (pid {self.proc.pid})")

    def _forward(self, proc: subprocess.Popen) -> None:
        """The child's output on ours, line by line; marks the child ready when its marker shows."""
        for raw in proc.stdout:
            line = raw.decode(errors="replace")
            write(line)
            if self.ready_marker and self.ready_marker in line:
                self.ready.set()

    def exited(self) -> int | None:
        return None if self.proc is None else self.proc.poll()

    def terminate(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)  # the main process only: its own warm shutdown

    def kill_group(self) -> None:
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):  # the whole group is gone already
            pass


def worker_concurrency() -> int:
    """Celery pool processes: `WORKER_CONCURRENCY`, else two per core (see the README's bench-throughput section)."""
    return int(os.environ.get("WORKER_CONCURRENCY") or 2 * (os.cpu_count() or 1))


def web_answers(host: str, port: str) -> bool:
    try:
        with urllib.request.urlopen(f"http://{host}:{port}/healthz", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def main() -> int:
    """The supervisor's whole life in order: start the three processes, restart a crashed one (``_restart_due``),
    print the banner once all are up, stop them all warmly (``_stop_all``)."""
    host, port = os.environ.get("HOST", "127.0.0.1"), os.environ.get("PORT", "8000")
    env = {**os.environ, "SERVE_STATIC": os.environ.get("SERVE_STATIC", "1"), "PYTHONUNBUFFERED": "1"}
    VAR.mkdir(parents=True, exist_ok=True)
    children = _children(host, port, env)
    stopping = threading.Event()

    def on_signal(signum, _frame):
        stopping.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    for child in children:
        child.start()
    say(f"serving on http://{host}:{port} (web, worker, beat); Ctrl-C stops all")
    banner_due = True
    code = 0
    while not stopping.is_set():
        now = time.monotonic()
        for child in children:
            due = _restart_due(child, now)
            if due is None:
                stopping.set()
                code = 1
                break
            if due:
                child.next_start = 0.0
                child.start()
                banner_due = True
        if banner_due and not stopping.is_set() and children[1].ready.is_set() and web_answers(host, port):
            banner_due = False
            banner = VAR / "run-banner.txt"
            write("[serve] everything is up\n" + (banner.read_text() + "\n" if banner.exists() else ""))
        stopping.wait(0.5)
    _stop_all(children)
    return code


def _children(host: str, port: str, env: dict) -> list[Child]:
    """The web server, the Celery worker (on every queue) and beat, as the supervisor runs them."""
    web = [str(BIN / "gunicorn"), "-c", "config/gunicorn.py", "config.wsgi:application", "--bind", f"{host}:{port}"]
    web += ["--workers", os.environ.get("WEB_CONCURRENCY", "2"), "--access-logfile", "-"]
    web += ["--control-socket", str(VAR / f"gunicorn-{port}.ctl")]
    worker = [str(BIN / "celery"), "-A", "config", "worker", "-Q", "default,extract,studio,webhooks"]
    worker += ["--concurrency", str(worker_concurrency()), "--loglevel", "INFO"]
    beat = [str(BIN / "celery"), "-A", "config", "beat", "--loglevel", "INFO"]
    beat += ["--schedule", str(VAR / "celerybeat-schedule")]
    return [Child("web", web, env), Child("worker", worker, env, ready_marker=" ready."), Child("beat", beat, env)]


def _restart_due(child: Child, now: float) -> bool | None:
    """Whether an exited child is to be started again now; a crash just noticed schedules the restart with a
    doubling delay (at most 30 s), and ``MAX_CRASHES`` within ``CRASH_WINDOW`` give None: stop everything."""
    status = child.exited()
    if status is None or now < child.next_start:
        return False
    if child.next_start != 0.0:
        return True
    child.crashes.append(now)  # just noticed the exit
    while child.crashes and child.crashes[0] < now - CRASH_WINDOW:
        child.crashes.popleft()
    if len(child.crashes) >= MAX_CRASHES:
        say(
            f"{child.name} exited with {status} {len(child.crashes)} times within {CRASH_WINDOW:.0f} s; stopping everything"
        )
        return None
    delay = min(30.0, 2.0 ** (len(child.crashes) - 1))
    say(f"{child.name} exited with {status}; starting it again in {delay:.0f} s")
    child.next_start = now + delay
    return False


def _stop_all(children: list[Child]) -> None:
    """Stop warmly: running requests and tasks finish, up to ``STOP_SECONDS`` in all; then kill what is left."""
    say(f"stopping (warm: running requests and tasks finish, up to {STOP_SECONDS:.0f} s)")
    for child in children:
        child.terminate()
    deadline = time.monotonic() + STOP_SECONDS
    for child in children:
        if child.proc is None:
            continue
        try:
            child.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            say(f"{child.name} did not stop in time; killing it")
        child.kill_group()  # whatever is left of its process group (a pool child that outlived its parent)
    say("stopped")


if __name__ == "__main__":
    sys.exit(main())
