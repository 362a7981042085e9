"""Real local HTTP servers standing in for what we do not own (webhook receivers, LLM providers)."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Recorder:
    """A local HTTP server answering from a script of (status, body, delay, headers) and recording requests."""

    def __init__(self, script=None, default=(200, b"ok", 0.0, {})):
        self.requests: list[dict] = []
        self.script = list(script or [])
        self.default = default
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                recorder.requests.append({"path": self.path, "headers": dict(self.headers), "body": body, "at": time.time()})
                status, payload, delay, headers = recorder.script.pop(0) if recorder.script else recorder.default
                if callable(payload):
                    payload = payload(json.loads(body or b"{}"))
                if isinstance(payload, (dict, list)):
                    payload = json.dumps(payload).encode()
                if delay:
                    time.sleep(delay)
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
