"""`make run`'s supervisor (scripts/serve.py), for real: the banner again once everything is up, a killed worker and
a killed beat started again while the API keeps answering, and Ctrl-C a warm shutdown with no ERROR line and no
process left behind."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest
import requests
from django.conf import settings
from kombu import Connection

from tests import workers
from tests.helpers import free_port


class Output:
    def __init__(self, proc: subprocess.Popen):
        self.proc, self.lines = proc, []
        import threading

        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for raw in self.proc.stdout:
            self.lines.append(raw.decode(errors="replace"))

    def text(self) -> str:
        return "".join(self.lines)

    def wait_for(self, pattern: str, timeout: float = 60, after: int = 0) -> re.Match:
        deadline = time.time() + timeout
        while time.time() < deadline:
            match = re.search(pattern, "".join(self.lines[after:]))
            if match:
                return match
            time.sleep(0.2)
        raise AssertionError(f"{pattern!r} not seen within {timeout}s:\n{self.text()[-4000:]}")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL")
def test_make_run_supervisor(transactional_db, tmp_path):
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        pytest.skip("the subprocesses need the shared PostgreSQL test database")
    port = str(free_port())
    (tmp_path / "run-banner.txt").write_text("DEMO BANNER: key sk_demo, admin admin/admin\n")
    env = {
        **os.environ,
        "DATABASE_URL": workers.test_database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "PORT": port,
        "VAR_DIR": str(tmp_path),
        "WEB_CONCURRENCY": "1",
        "WORKER_CONCURRENCY": "1",
        "SERVE_STOP_SECONDS": "20",
    }
    env.pop("TEST_DATABASE_NAME", None)
    with Connection(settings.REDIS_URL) as conn:  # messages earlier tests left are not this test's subject
        for queue in ("default", "extract", "studio", "webhooks"):
            conn.default_channel.queue_purge(queue)
    proc = subprocess.Popen(
        [sys.executable, "scripts/serve.py"],
        cwd=workers.ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    out = Output(proc)
    pids: dict[str, int] = {}
    try:
        for name in ("web", "worker", "beat"):
            pids[name] = int(out.wait_for(rf"\[serve\] {name} started \(pid (\d+)\)").group(1))
        out.wait_for(r"\[serve\] everything is up\n+DEMO BANNER", timeout=180)
        assert (tmp_path / f"gunicorn-{port}.ctl").exists()  # this instance's own control socket

        for name in ("worker", "beat"):
            mark = len(out.lines)
            os.killpg(pids[name], signal.SIGKILL)
            restarted = int(out.wait_for(rf"\[serve\] {name} started \(pid (\d+)\)", after=mark, timeout=30).group(1))
            assert restarted != pids[name] and alive(restarted)
            pids[name] = restarted
            assert requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200
        out.wait_for(r"\[serve\] everything is up\n+DEMO BANNER", after=mark, timeout=180)  # printed again

        proc.send_signal(signal.SIGINT)  # Ctrl-C
        assert proc.wait(60) == 0
        out.wait_for(r"\[serve\] stopped")
        text = out.text()
        assert "warm shutdown" in text.lower(), text[-4000:]
        assert not [line for line in text.splitlines() if "ERROR" in line], text[-4000:]
        assert "did not stop in time" not in text, text[-6000:]
        time.sleep(0.5)
        assert not any(alive(pid) for pid in pids.values())
    finally:  # never leave the supervisor or its children (each in its own session) behind
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(40)
            except subprocess.TimeoutExpired:
                proc.kill()
        for started in re.findall(r"\[serve\] \w+ started \(pid (\d+)\)", out.text()):
            try:
                os.killpg(int(started), signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
