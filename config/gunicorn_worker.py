"""gthread workers whose request reads have deadlines, so a client dripping its headers cannot hold a thread, and
whose own error answers (a request gunicorn refuses before the application sees it) are JSON in the API's dialect."""

from __future__ import annotations

import errno
import json
import os
import re
import selectors
import socket
import time
from functools import partial
from urllib.parse import unquote, urlsplit

from gunicorn import util
from gunicorn.workers.gthread import TConn, ThreadWorker

# The request line and headers must arrive within this many seconds of the first read; a client that is slower is
# disconnected quietly (gunicorn logs a premature disconnection at DEBUG). Each later read of the body may wait this
# long for data: a stalled upload ends in 408, a slow but moving one goes on.
HEADER_SECONDS = 10.0
BODY_READ_SECONDS = float(os.environ.get("WEB_BODY_READ_SECONDS", "30"))
# The first bytes of each request are kept until its headers are read: the request line, whose path chooses the dialect
# of an error gunicorn answers itself when it could not make a request of them (gunicorn's line limit is 8,190).
HEAD_BYTES = 8192


class _DeadlineSocket:
    """The client socket as gunicorn's parser reads it."""

    def __init__(self, sock: socket.socket):
        self._sock = sock
        self.header_deadline: float | None = None
        self.headers_done = False
        self.head = b""

    def new_request(self, buffered: bytes = b"") -> None:
        self.header_deadline, self.headers_done, self.head = None, False, buffered[:HEAD_BYTES]

    def _keep_head(self, into: bool, args, result) -> None:
        if not into:
            self.head += result[: HEAD_BYTES - len(self.head)]
        elif result:
            self.head += bytes(memoryview(args[0])[: min(result, HEAD_BYTES - len(self.head))])

    def _read(self, into: bool, *args):
        method = self._sock.recv_into if into else self._sock.recv
        if self.headers_done:
            self._sock.settimeout(BODY_READ_SECONDS)
            return method(*args)
        if self.header_deadline is None:
            self.header_deadline = time.monotonic() + HEADER_SECONDS
        self._sock.settimeout(max(0.001, self.header_deadline - time.monotonic()))
        try:
            result = method(*args)
        except TimeoutError:
            return 0 if into else b""  # read as a disconnection: closed without an answer
        if len(self.head) < HEAD_BYTES:
            self._keep_head(into, args, result)
        return result

    def recv(self, *args):
        return self._read(False, *args)

    def recv_into(self, *args):
        return self._read(True, *args)

    def __getattr__(self, name):
        return getattr(self._sock, name)


class DeadlineThreadWorker(ThreadWorker):
    """gunicorn's gthread worker, with two changes against slow and idle clients: a new connection waits in the
    poller (not in a thread) until its first bytes arrive — idle ones are closed after `keepalive` seconds — and its
    reads have the deadlines above."""

    def accept(self, listener):
        try:
            client_sock, client_addr = listener.accept()
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        conn = TConn(self.cfg, client_sock, client_addr, listener.getsockname())  # non-blocking until it is read
        conn.timeout = time.monotonic() + self.cfg.keepalive
        self.pending_conns.append(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self.on_pending_socket_readable, conn))

    def handle(self, conn):
        if isinstance(conn.sock, _DeadlineSocket):  # a kept-alive connection: the next request starts its own clock
            conn.sock.new_request(_buffered(conn))
        elif not conn.initialized and not self.cfg.is_ssl:
            conn.sock = _DeadlineSocket(conn.sock)
        return super().handle(conn)

    def handle_request(self, req, conn):
        if isinstance(conn.sock, _DeadlineSocket):
            conn.sock.headers_done = True
        return super().handle_request(req, conn)

    def handle_error(self, req, client, addr, exc):
        """gunicorn's own answer to a request it refused (400 for a malformed request line or header, 414, 417, 431,
        501 for a transfer coding, 500 for a failure before the response started) — status and logging as gunicorn
        decides — but its HTML page is written as the JSON error of the API the path names (the workflows dialect
        when no path could be read), typed application/json, with `Connection: close`."""
        page = _Captured(client)
        super().handle_error(req, page, addr, exc)
        try:
            answer = json_error(page.data, request_path(req, exc, client), exc)
        except Exception:  # noqa: BLE001 - never worse than gunicorn's own page
            self.log.exception("Could not write gunicorn's error as JSON")
            answer = page.data
        try:
            util.write_nonblock(client, answer)
        except Exception:  # noqa: BLE001 - the client is gone: as gunicorn does
            self.log.debug("Failed to send error message.")


def _buffered(conn) -> bytes:
    """What gunicorn has read already of a kept-alive connection's next request: all of it that a client sent along
    with the previous one (pipelining), whose body gunicorn drained before taking the connection back. Its request
    line is there, not in what the socket reads next (it was the workflows dialect's default for an extractor path)."""
    buf = getattr(getattr(getattr(conn, "parser", None), "unreader", None), "buf", None)
    return buf.getvalue() if buf is not None else b""


class _Captured:
    """The client socket as gunicorn's `handle_error` writes its page to it: the page is kept, not sent."""

    def __init__(self, sock):
        self._sock, self.data = sock, b""

    def gettimeout(self):
        return 0.0  # util.write_nonblock: no blocking mode to switch

    def sendall(self, data):
        self.data += data

    def __getattr__(self, name):
        return getattr(self._sock, name)


_STATUS_LINE = re.compile(rb"HTTP/1\.[01] (\d{3}) ([^\r\n]*)\r\n")


def request_path(req, exc, sock) -> str:
    """The path of a request gunicorn refused: as parsed, when it got that far, else read from the request line's
    raw bytes (`_DeadlineSocket.head`) if it has a target at all; "" when there is none."""
    for candidate in (req, getattr(exc, "req", None)):
        path = getattr(candidate, "path", None)
        if isinstance(path, str):
            return path
    parts = getattr(sock, "head", b"").split(b"\n", 1)[0].split()
    if len(parts) < 2:
        return ""
    target = parts[1].decode("latin-1")
    try:
        target = urlsplit(target).path if "://" in target else target.split("?", 1)[0].split("#", 1)[0]
    except ValueError:  # an absolute URL urlsplit refuses (a bad IPv6 literal)
        return ""
    return unquote(target, errors="replace")


def json_error(page: bytes, path: str, exc: BaseException) -> bytes:
    """The whole response for gunicorn's error `page` (its status and reason kept), in the dialect `path` names."""
    from config import errors
    from config.api import Problem
    from config.request_id import bind_request_id, new_request_id, reset_request_id
    from config.urls import dialect_of
    from workflows.api.errors import DIALECT as WORKFLOWS

    match = _STATUS_LINE.match(page)
    status = int(match[1])
    reason = "Not Implemented" if status == 501 else match[2].decode("latin-1")  # gunicorn's 501 says "Bad Request"
    error = {
        400: errors.MalformedRequest,
        403: errors.Forbidden,
        414: errors.RequestLineTooLong,
        417: errors.ExpectationFailed,
        431: errors.HeaderFieldsTooLarge,
        501: errors.NotImplementedByServer,
    }.get(status, errors.InternalError if status >= 500 else errors.MalformedRequest)
    message = error.message
    if error is errors.MalformedRequest:  # what gunicorn could not read: a method, a version, a header, line folding
        message = f"The request line or a header could not be read: {str(exc)[:200]}"
    request_id = new_request_id()
    token = bind_request_id(request_id)
    try:
        data = (dialect_of(path) or WORKFLOWS).render(Problem(status, error.code, message), None).data
    finally:
        reset_request_id(token)
    body = json.dumps(data, ensure_ascii=True, separators=(",", ":")).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nX-Request-Id: {request_id}\r\n\r\n"
    )
    return head.encode("latin-1") + body
