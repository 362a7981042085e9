"""gthread workers whose request reads have deadlines, so a client dripping its headers cannot hold a thread."""

from __future__ import annotations

import errno
import os
import selectors
import socket
import time
from functools import partial

from gunicorn.workers.gthread import TConn, ThreadWorker

# The request line and headers must arrive within this many seconds of the first read; a client that is slower is
# disconnected quietly (gunicorn logs a premature disconnection at DEBUG). Each later read of the body may wait this
# long for data: a stalled upload ends in 408, a slow but moving one goes on.
HEADER_SECONDS = 10.0
BODY_READ_SECONDS = float(os.environ.get("WEB_BODY_READ_SECONDS", "30"))


class _DeadlineSocket:
    """The client socket as gunicorn's parser reads it."""

    def __init__(self, sock: socket.socket):
        self._sock = sock
        self.header_deadline: float | None = None
        self.headers_done = False

    def new_request(self) -> None:
        self.header_deadline, self.headers_done = None, False

    def _read(self, method, *args):
        if self.headers_done:
            self._sock.settimeout(BODY_READ_SECONDS)
            return method(*args)
        if self.header_deadline is None:
            self.header_deadline = time.monotonic() + HEADER_SECONDS
        self._sock.settimeout(max(0.001, self.header_deadline - time.monotonic()))
        try:
            return method(*args)
        except TimeoutError:
            return b"" if method is self._sock.recv else 0  # read as a disconnection: closed without an answer

    def recv(self, *args):
        return self._read(self._sock.recv, *args)

    def recv_into(self, *args):
        return self._read(self._sock.recv_into, *args)

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
        if isinstance(conn.sock, _DeadlineSocket):
            conn.sock.new_request()  # a kept-alive connection: the next request starts its own clock
        elif not conn.initialized and not self.cfg.is_ssl:
            conn.sock = _DeadlineSocket(conn.sock)
        return super().handle(conn)

    def handle_request(self, req, conn):
        if isinstance(conn.sock, _DeadlineSocket):
            conn.sock.headers_done = True
        return super().handle_request(req, conn)
