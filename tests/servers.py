"""Real local HTTP servers standing in for what we do not own (webhook receivers, Studio, LLM providers).

`FakeServer` is the one base: a real `ThreadingHTTPServer` on a free loopback port, served from a daemon
thread, quiet about clients that hang up. A fake declares a `Handler` (subclass of `FakeServer.Handler`)
whose `self.fake` is the server object, so the handler records into and reads its script from it.

    with Recorder() as receiver:          # or: server = Recorder().start(); ...; server.close()
        ... receiver.url ... receiver.requests
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # clients that time out and hang up (truncation, TLS failures, timeouts) are expected


class _QuietServer6(_QuietServer):
    address_family = socket.AF_INET6


class FakeServer:
    """Base of every fake server. `host` "::1" serves IPv6; `tls` wraps the socket (server side)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        fake: FakeServer

        def log_message(self, *args):
            pass

        def read_body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def reply(self, status: int, body: bytes | dict | list = b"", headers: dict | None = None) -> None:
            """Send a whole response (JSON-encoding dicts and lists); a client that hung up is not an error."""
            if isinstance(body, (dict, list)):
                body = json.dumps(body).encode()
                headers = {"Content-Type": "application/json", **(headers or {})}
            try:
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def __init__(self, *, host: str = "127.0.0.1", tls: ssl.SSLContext | None = None):
        server_class = _QuietServer6 if ":" in host else _QuietServer
        handler = type(self.Handler.__name__, (self.Handler,), {"fake": self})
        self.server = server_class((host, 0), handler)
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.host = host
        self.scheme = "https" if tls is not None else "http"
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"

    def start(self):
        self._thread.start()
        return self

    def close(self) -> None:
        if self._thread.is_alive():
            self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()


def verify_signature(secret: str, headers: dict, body: bytes) -> bool:
    """What a webhook receiver does (Standard Webhooks, the README's snippet): one of the signatures matches."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(sig.split(",", 1)[1] == expected for sig in headers["webhook-signature"].split(" "))


class Recorder(FakeServer):
    """A webhook receiver answering POSTs from a script of (status, body, delay, headers) — then `default` —
    and recording every request. `body` may be a callable of the posted JSON."""

    class Handler(FakeServer.Handler):
        def do_POST(self):
            recorder = self.fake
            body = self.read_body()
            recorder.requests.append(
                {"path": self.path, "headers": dict(self.headers), "body": body, "at": time.time()}
            )
            status, payload, delay, headers = recorder.script.pop(0) if recorder.script else recorder.default
            if callable(payload):
                payload = payload(json.loads(body or b"{}"))
            if isinstance(payload, (dict, list)):
                payload = json.dumps(payload).encode()
            if delay:
                time.sleep(delay)
            self.reply(status, payload, headers)

    def __init__(self, script=None, default=(200, b"ok", 0.0, {})):
        super().__init__()
        self.requests: list[dict] = []
        self.script = list(script or [])
        self.default = default


class FakeStudio(FakeServer):
    """A scripted remote Studio (`docs/studio.md`). `submit_script` / `status_script` / `lookup_script` /
    `cancel_script`: lists of actions
    consumed one per call (the last one repeats): ("ok",), (code,), ("sleep", seconds); a submit's ("late", seconds)
    starts the run, then answers after `seconds` (a client that timed out never learns the run's id). A job's `"raw"`
    (bytes) is sent as its status answer as it is (with its `"raw_headers"`), and `submit_raw` as every submit's answer
    (a hostile or broken Studio). `GET /v1/jobs?idempotency_key=K` lists the run that key started."""

    class Handler(FakeServer.Handler):
        protocol_version = "HTTP/1.0"  # one request per connection, as the Studio client expects nothing else

        def _send(self, code, body=None):
            self.reply(code, body if body is not None else {"detail": "error"})

        def _act(self, script):
            with self.fake.lock:
                action = script.pop(0) if len(script) > 1 else script[0]
            if action[0] == "sleep":
                time.sleep(action[1])
                return None
            if action[0] == "late":
                return action
            if action[0] != "ok":
                self._send(action[0])
                return None
            return True

        def do_POST(self):
            fake = self.fake
            body = json.loads(self.read_body() or b"{}")
            fake.calls.append(("POST", self.path, dict(self.headers), body))
            if self.path == "/v1/jobs":
                action = self._act(fake.submit_script)
                if action:
                    job_id = "st-" + self.headers.get("Idempotency-Key", body["client_ref"])
                    fake.jobs.setdefault(job_id, {"status": "NOT_STARTED", "progress": 0.0, "submitted": body})
                    if action is not True:  # ("late", seconds): the run is started, the answer comes too late
                        time.sleep(action[1])
                    if fake.submit_raw is not None:
                        self.reply(202, fake.submit_raw, {"Content-Type": "application/json"})
                        return
                    self._send(202, {"job_id": job_id, "status": fake.jobs[job_id]["status"]})
            elif self.path.endswith("/cancel"):
                job_id = self.path.split("/")[3]
                if not self._act(fake.cancel_script):
                    return
                if job_id in fake.jobs:
                    fake.jobs[job_id]["status"] = "CANCELLED"
                self._send(200, {"job_id": job_id, "status": "CANCELLED"})
            else:
                self._send(404)

        def do_GET(self):
            fake = self.fake
            fake.calls.append(("GET", self.path, dict(self.headers), {}))
            path, _, query = self.path.partition("?")
            if path == "/v1/jobs":
                return self._lookup(parse_qs(query).get("idempotency_key", [""])[0])
            job_id = self.path.split("/")[-1]
            if job_id not in fake.jobs:
                return self._send(404, {"detail": "no such job"})
            if self._act(fake.status_script):
                job = fake.jobs[job_id]
                if "raw" in job:
                    self.reply(200, job["raw"], {"Content-Type": "application/json", **job.get("raw_headers", {})})
                    return
                self._send(200, {k: v for k, v in job.items() if k != "submitted"})

        def _lookup(self, key: str):
            fake = self.fake
            if self._act(fake.lookup_script):
                job_id = "st-" + key
                runs = [{"job_id": job_id, **fake.jobs[job_id]}] if key and job_id in fake.jobs else []
                self._send(200, {"jobs": [{k: v for k, v in run.items() if k != "submitted"} for run in runs]})

    def __init__(self):
        super().__init__()
        self.jobs: dict[str, dict] = {}
        self.calls: list[tuple[str, str, dict, dict]] = []
        self.submit_script: list = [("ok",)]
        self.status_script: list = [("ok",)]
        self.lookup_script: list = [("ok",)]
        self.cancel_script: list = [("ok",)]
        self.submit_raw: bytes | None = None
        self.lock = threading.Lock()

    def complete(self, job_id: str, *, prefix: str | None = None):
        """Finish like a real Studio: write the cut-outs under the job's output prefix."""
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage
        from PIL import Image

        job = self.jobs[job_id]
        prefix = prefix or job["submitted"]["output_prefix"]
        buffer = io.BytesIO()
        Image.new("RGBA", (20, 30), (255, 0, 0, 255)).save(buffer, format="PNG")
        image_key = default_storage.save(f"{prefix}items/0-top.png", ContentFile(buffer.getvalue()))
        mask_key = default_storage.save(f"{prefix}items/0-top-mask.png", ContentFile(buffer.getvalue()))
        job.update(
            status="COMPLETED",
            progress=1.0,
            result={
                "items": [
                    {
                        "label": "top",
                        "score": 0.93,
                        "bbox": {"x": 5, "y": 6, "width": 20, "height": 30},
                        "image_key": image_key,
                        "mask_key": mask_key,
                    }
                ]
            },
        )


class SlowDrip:
    """A hostile receiver on loopback: reads the request, then sends bytes one at a time, `interval` seconds apart.

    `phase="body"` sends a complete status line and headers at once (promising a large body) and then drips the
    body; `phase="headers"` drips the status line and headers themselves. Every connection is recorded with the
    time it was accepted and the time the client hung up."""

    def __init__(self, *, interval: float = 2.0, phase: str = "body", body_bytes: int = 10_000):
        self.interval, self.phase, self.body_bytes = interval, phase, body_bytes
        self.connections: list[dict] = []
        self._stop = threading.Event()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.thread = threading.Thread(target=self._accept, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            record = {"accepted": time.time(), "closed": None, "sent": 0}
            self.connections.append(record)
            threading.Thread(target=self._serve, args=(conn, record), daemon=True).start()

    def _serve(self, conn, record: dict) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % self.body_bytes
        try:
            conn.settimeout(5)
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
            record["request"] = data
            if self.phase == "body":
                conn.sendall(head)
                drip = b"x" * self.body_bytes
            else:
                drip = head
            for i in range(len(drip)):
                if self._stop.wait(self.interval if i else 0):
                    return
                conn.sendall(drip[i : i + 1])
                record["sent"] += 1
        except OSError:
            pass
        finally:
            record["closed"] = time.time()
            conn.close()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self.sock.close()


class RedisProxy:
    """A real TCP proxy in front of the test Redis that spoils chosen commands: each command the client sends is
    read whole (RESP arrays) and forwarded, except those for which `spoil(name, args)` is true, which go out without
    their arguments, so that Redis itself answers that one command with an error (wrong number of arguments) and
    every other command of the same pipeline as usual.

        with RedisProxy(settings.REDIS_URL, spoil=lambda name, args: ...) as proxy:
            ... proxy.url ...
    """

    def __init__(self, upstream_url: str, spoil):
        from urllib.parse import urlsplit

        parts = urlsplit(upstream_url)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 6379)
        self.db = parts.path.lstrip("/") or "0"
        self.spoil = spoil
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"redis://127.0.0.1:{self._listener.getsockname()[1]}/{self.db}"

    def __enter__(self):
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            threading.Thread(target=self._commands, args=(client, server), daemon=True).start()
            threading.Thread(target=self._replies, args=(server, client), daemon=True).start()

    def _commands(self, client: socket.socket, server: socket.socket) -> None:
        reader = client.makefile("rb")
        try:
            while True:
                header = reader.readline()
                if not header:
                    break
                count = int(header[1:])
                parts = []
                for _ in range(count):
                    size = int(reader.readline()[1:])
                    parts.append(reader.read(size + 2)[:-2])
                name = parts[0].upper().decode()
                if self.spoil(name, parts[1:]):
                    parts = parts[:1]
                server.sendall(
                    b"*%d\r\n" % len(parts) + b"".join(b"$%d\r\n%s\r\n" % (len(part), part) for part in parts)
                )
        except (OSError, ValueError):
            pass
        finally:
            server.close()

    @staticmethod
    def _replies(server: socket.socket, client: socket.socket) -> None:
        try:
            while data := server.recv(65536):
                client.sendall(data)
        except OSError:
            pass
        finally:
            client.close()
