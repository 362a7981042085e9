"""Slow and idle clients against the documented deployment (`config/gunicorn.py`, 2 workers): 60 connections that
send nothing or drip their headers do not stop normal traffic, and each is closed by its deadline."""

from __future__ import annotations

import socket
import threading
import time

import requests

from billing import services as billing


def test_sixty_slow_or_idle_connections_do_not_stop_normal_traffic(gunicorn):
    server = gunicorn("--workers", "2")
    port = server.port
    key = billing.tenant_create(name="Normal", credits=1).issued.raw
    closed_after: list[float] = []

    def idle():
        with socket.create_connection(("127.0.0.1", port)) as sock:
            started = time.monotonic()
            sock.settimeout(30)
            try:
                sock.recv(1)  # the server closes it: b"" (or a reset)
            except OSError:
                pass
            closed_after.append(time.monotonic() - started)

    def drip():
        with socket.create_connection(("127.0.0.1", port)) as sock:
            started = time.monotonic()
            sock.sendall(b"GET /v1/credits HTTP/1.1\r\nHost: x\r\n")
            sock.settimeout(2)
            for n in range(15):  # one header line every 2 s, for up to 30 s
                try:
                    if sock.recv(1) == b"":
                        break  # closed by the server
                except TimeoutError:
                    pass
                except OSError:
                    break
                try:
                    sock.sendall(f"X-Drip-{n}: y\r\n".encode())
                except OSError:
                    break
            else:
                return  # never closed: the assertion below counts it missing
            closed_after.append(time.monotonic() - started)

    attackers = [threading.Thread(target=idle if n % 2 else drip, daemon=True) for n in range(60)]
    for thread in attackers:
        thread.start()
    time.sleep(1.0)  # every attacker is connected
    latencies = []
    try:
        for _ in range(20):
            started = time.monotonic()
            response = requests.get(server.base + "/v1/credits", headers={"Authorization": f"Bearer {key}"}, timeout=10)
            latencies.append(time.monotonic() - started)
            assert response.status_code == 200
            time.sleep(0.25)
    finally:
        for thread in attackers:
            thread.join(40)
    print(
        f"normal requests under 60 slow/idle connections: max {max(latencies):.2f} s, "
        f"attackers closed after {min(closed_after):.1f}..{max(closed_after):.1f} s"
    )
    assert max(latencies) < 2.0, latencies
    assert len(closed_after) == 60 and max(closed_after) < 20  # idle: keepalive (5 s); dripping: header deadline (10 s)
