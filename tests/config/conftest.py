"""A real gunicorn (the documented configuration, `config/gunicorn.py`) against the test database and Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings

from tests import workers
from tests.helpers import free_port

GUNICORN = str(Path(sys.executable).parent / "gunicorn")


class Server:
    def __init__(self, *args: str, env: dict[str, str] | None = None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        full_env = {
            **os.environ,
            "DATABASE_URL": workers.test_database_url(),
            "REDIS_URL": settings.REDIS_URL or "",
            **(env or {}),
        }
        full_env.pop("TEST_DATABASE_NAME", None)
        self.log_path = Path(settings.VAR_DIR) / f"test-gunicorn-{self.port}.log"
        self.log = open(self.log_path, "wb")  # noqa: SIM115 - open for the life of the server, closed by stop()
        self.proc = subprocess.Popen(
            [
                GUNICORN,
                "-c",
                "config/gunicorn.py",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--log-level",
                "warning",
                "--no-control-socket",
                *args,
            ],
            cwd=workers.ROOT,
            env=full_env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if requests.get(self.base + "/healthz", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(self.output()[-3000:])

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.log.close()


@pytest.fixture
def gunicorn(transactional_db):
    """Start real gunicorn servers (extra command-line options and environment); all stop at the end of the test."""
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        pytest.skip("the server subprocess needs the shared PostgreSQL test database")
    started: list[Server] = []

    def start(*args: str, **env: str) -> Server:
        server = Server(*args, env={k: str(v) for k, v in env.items()})
        started.append(server)
        return server

    yield start
    for server in started:  # never leave a server behind, whatever failed
        server.stop()


@pytest.fixture
def server(gunicorn) -> str:
    return gunicorn().base
