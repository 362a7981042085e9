"""SSRF guard for outbound HTTP to tenant-supplied URLs.

Two entry points:

* :func:`check_url` validates a URL (scheme, host, every resolved address) and
  returns the vetted addresses, raising :class:`UnsafeUrl` otherwise. Use it to
  validate URLs when they are submitted (API / form validation).
* :func:`safe_request` re-checks the URL at request time and performs the
  request over a connection *pinned* to one of the vetted addresses, so a DNS
  answer that changes between the check and the connect (DNS rebinding) can
  never reach an internal host. The ``Host`` header, TLS SNI and certificate
  verification still use the URL's hostname. Redirects are never followed and
  the body read is bounded.

``settings.UNSAFE_URL_ALLOWLIST`` (list of CIDR strings) lists networks that are
allowed despite the rules (e.g. a local test server). Cloud metadata addresses
and names are refused even when allowlisted.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

__all__ = ["UnsafeUrl", "check_url", "is_uri", "safe_request", "DEFAULT_MAX_BYTES", "TotalTimeout"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

DEFAULT_MAX_BYTES = 1024 * 1024
_MAX_ADDRESS_ATTEMPTS = 3

_ALLOWED_SCHEMES = {"http", "https"}

_METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS / GCP / Azure / OpenStack / DigitalOcean ...
        "169.254.170.2",  # AWS ECS task metadata
        "fd00:ec2::254",  # AWS IMDS over IPv6
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud (legacy)
    )
)
_METADATA_HOSTNAMES = frozenset(
    {
        "metadata.google.internal",
        "metadata.goog",
        "metadata",
        "instance-data",
        "instance-data.ec2.internal",
    }
)

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")
_BROADCAST = ipaddress.ip_address("255.255.255.255")
_NAT64_WKP = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_SIXTOFOUR = ipaddress.ip_network("2002::/16")
_TEREDO = ipaddress.ip_network("2001::/32")
_V4_COMPATIBLE = ipaddress.ip_network("::/96")

_DEC_PART = re.compile(r"[0-9]+\Z")
_OCT_PART = re.compile(r"0[0-7]+\Z")
_HEX_PART = re.compile(r"0x[0-9a-f]*\Z", re.IGNORECASE)
# A last label that looks numeric marks the host as an IPv4 literal attempt
# (WHATWG URL rules); such hosts are never sent to DNS.
_NUMERIC_LABEL = re.compile(r"([0-9]+|0x[0-9a-f]*)\Z", re.IGNORECASE)
_FORBIDDEN_URL_CHARS = re.compile(r"[\x00-\x20\x7f\\]")


# Private and loopback addresses (never cloud metadata) can be allowed by the operator, e.g. to receive webhooks on a
# laptop: the refusal says how.
ALLOWLIST_HINT = (
    " (the service's UNSAFE_URL_ALLOWLIST setting can allow such addresses, e.g. 127.0.0.0/8 in development)"
)


# An RFC 3986 URI (JSON Schema's `format: uri`), as its characters go: unreserved, sub-delims, `:` `@` `/` `?` where the
# grammar has them, `%` only before two hex digits; a bracketed host is left to the SSRF guard (zone ids, IPvFuture).
_PCHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})"
_URI = re.compile(
    r"[A-Za-z][A-Za-z0-9+.\-]*://"
    r"(?:(?:[A-Za-z0-9\-._~!$&'()*+,;=:]|%[0-9A-Fa-f]{2})*@)?"  # userinfo
    r"(?:\[[A-Za-z0-9\-._~:%]+\]|(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)"  # host
    r"(?::[0-9]*)?"  # port
    rf"(?:/{_PCHAR}*)*(?:\?(?:{_PCHAR}|[/?])*)?(?:#(?:{_PCHAR}|[/?])*)?"  # path, query, fragment
)


def is_uri(value: str) -> bool:
    """Whether `value` is an absolute RFC 3986 URI (JSON Schema's `format: uri`), character by character; whether its
    host may be called is `check_url`'s decision."""
    return _URI.fullmatch(value) is not None


class UnsafeUrl(Exception):
    """The URL is not allowed for outbound requests.

    ``reason`` is a short human-readable message safe to show to the tenant
    (it never contains the addresses a hostname resolved to).
    ``address`` is the offending address when there is one (for logs).
    """

    def __init__(self, reason: str, *, address: IPAddress | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.address = address


class TotalTimeout(requests.exceptions.Timeout):
    """The whole call (connect + headers + body) did not finish within its total deadline."""


class Unresolvable(UnsafeUrl):
    """The host name did not resolve (now). Not proof of danger: callers may accept it or try again later."""

    def __init__(self) -> None:
        super().__init__("host could not be resolved")


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str  # as requests will see it: lower-case, IDNA-encoded, no brackets
    port: int | None  # explicit port from the URL, None = scheme default
    addresses: list[IPAddress]

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        if self.port is not None and self.port != default:
            return f"{host}:{self.port}"
        return host


# --------------------------------------------------------------------------
# Address rules
# --------------------------------------------------------------------------


def _parse_allowlist(allowlist: Iterable[str] | None) -> list[IPNetwork]:
    if allowlist is None:
        from django.conf import settings

        allowlist = getattr(settings, "UNSAFE_URL_ALLOWLIST", []) or []
    if isinstance(allowlist, str):
        allowlist = [allowlist]
    networks = []
    for cidr in allowlist:
        try:
            networks.append(ipaddress.ip_network(str(cidr).strip(), strict=False))
        except ValueError as exc:
            raise ValueError(f"invalid CIDR in UNSAFE_URL_ALLOWLIST: {cidr!r}") from exc
    return networks


def _embedded_v4(ip: IPAddress) -> tuple[ipaddress.IPv4Address, str] | None:
    """The IPv4 address an IPv6 address tunnels to, with the mechanism name."""
    if ip.version != 6:
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped, "IPv4-mapped"
    if ip in _NAT64_WKP:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF), "NAT64"
    if ip.sixtofour is not None:
        return ip.sixtofour, "6to4"
    if ip.teredo is not None:
        return ip.teredo[1], "Teredo"
    if ip in _V4_COMPATIBLE and int(ip) > 0xFFFF:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF), "IPv4-compatible"
    return None


def _plain_problem(ip: IPAddress) -> str | None:
    """Rule check of a single address, ignoring any embedded IPv4."""
    if ip.is_unspecified:
        return "unspecified address"
    if ip.is_loopback:
        return "loopback address"
    if ip.is_link_local:
        return "link-local address"
    if ip.is_multicast:
        return "multicast address"
    if ip.version == 4:
        if ip == _BROADCAST:
            return "broadcast address"
        if ip in _CGNAT:
            return "carrier-grade NAT address"
        if ip in _THIS_NETWORK:
            return "reserved address"
    if ip.is_reserved:
        return "reserved address"
    if ip.is_private:
        return "private address"
    if not ip.is_global:
        return "non-public address"
    return None


def _address_problem(ip: IPAddress) -> str | None:
    embedded = _embedded_v4(ip)
    if embedded is not None:
        v4, mechanism = embedded
        if mechanism in ("Teredo", "IPv4-compatible"):
            # Tunnelling/deprecated forms: never a legitimate webhook target.
            return f"{mechanism} address"
        problem = _plain_problem(v4)
        return f"{mechanism} {problem}" if problem else None
    if ip.version == 6 and ip in _NAT64_LOCAL:
        return "private address"
    return _plain_problem(ip)


def _is_metadata(ip: IPAddress) -> bool:
    if ip in _METADATA_ADDRESSES:
        return True
    embedded = _embedded_v4(ip)
    return embedded is not None and embedded[0] in _METADATA_ADDRESSES


def _is_allowlisted(ip: IPAddress, networks: list[IPNetwork]) -> bool:
    candidates = [ip]
    embedded = _embedded_v4(ip)
    if embedded is not None:
        candidates.append(embedded[0])
    return any(c.version == n.version and c in n for c in candidates for n in networks)


def _vet_address(ip: IPAddress, networks: list[IPNetwork], *, literal: bool) -> None:
    shown = ip if literal else None
    if _is_metadata(ip):
        raise UnsafeUrl("cloud metadata address is not allowed", address=ip)
    problem = _address_problem(ip)
    if problem and not _is_allowlisted(ip, networks):
        where = "host is" if literal else "host resolves to"
        article = "an" if problem[0].lower() in "aeiou" else "a"
        suffix = f" ({shown})" if shown is not None else ""
        raise UnsafeUrl(f"{where} {article} {problem}{suffix}{ALLOWLIST_HINT}", address=ip)


# --------------------------------------------------------------------------
# Host parsing
# --------------------------------------------------------------------------


def _parse_legacy_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """inet_aton()-style parse: ``127.1``, ``2130706433``, ``0x7f.1``, ``0177.0.0.1``.

    Returns None when the host is not a numeric IPv4 form; raises UnsafeUrl when
    it looks numeric but is not a valid address.
    """
    labels = host.split(".")
    if len(labels) > 1 and labels[-1] == "":
        labels = labels[:-1]
    if not labels or not _NUMERIC_LABEL.match(labels[-1]):
        return None
    if len(labels) > 4:
        raise UnsafeUrl("invalid IP address")
    numbers = []
    for label in labels:
        if _HEX_PART.match(label):
            numbers.append(int(label[2:] or "0", 16))
        elif label.startswith("0") and len(label) > 1:
            if not _OCT_PART.match(label):
                raise UnsafeUrl("invalid IP address")
            numbers.append(int(label, 8))
        elif _DEC_PART.match(label):
            numbers.append(int(label, 10))
        else:
            raise UnsafeUrl("invalid IP address")
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(numbers)):
        raise UnsafeUrl("invalid IP address")
    value = 0
    for i, n in enumerate(head):
        value |= n << (24 - 8 * i)
    value |= last
    return ipaddress.IPv4Address(value)


def _literal_address(host: str) -> IPAddress | None:
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host)
        except ValueError as exc:
            raise UnsafeUrl("invalid IP address") from exc
    return _parse_legacy_ipv4(host)


def _normalise(url: str) -> tuple[str, str, int | None]:
    """Return (scheme, host, port) exactly as ``requests`` will see them."""
    if not isinstance(url, str) or not url:
        raise UnsafeUrl("URL is required")
    if len(url) > 8192:
        raise UnsafeUrl("URL is too long")
    if _FORBIDDEN_URL_CHARS.search(url):
        raise UnsafeUrl("URL contains whitespace, control characters or backslashes")
    raw = urlsplit(url)
    scheme = raw.scheme.lower()
    if scheme not in _ALLOWED_SCHEMES:
        raise UnsafeUrl("only http and https URLs are allowed")
    if not raw.hostname:
        raise UnsafeUrl("URL has no host")
    # Let requests normalise the URL (IDNA/UTS46 mapping etc.) so that the host
    # we vet is byte-for-byte the host the transport adapter will see.
    prepared = requests.models.PreparedRequest()
    try:
        prepared.prepare_url(url, None)
    except (requests.exceptions.RequestException, UnicodeError, ValueError) as exc:
        raise UnsafeUrl("invalid URL") from exc
    parts = urlsplit(prepared.url or "")
    try:
        port = parts.port
    except ValueError as exc:
        raise UnsafeUrl("invalid port") from exc
    host = parts.hostname or ""
    if not host:
        raise UnsafeUrl("URL has no host")
    if "%" in host:  # a zone id ("[fe80::1%25eth0]"), or a percent-escape requests could not decode ("%ff.com")
        raise UnsafeUrl("IPv6 zone identifiers are not allowed" if ":" in host else "invalid host name")
    if not re.fullmatch(r"[a-z0-9._:\-]+", host):
        raise UnsafeUrl("invalid host name")
    if port == 0:
        raise UnsafeUrl("invalid port")
    return scheme, host, port


# Lookups waited for with a deadline run in threads of their own, at most this many at once per process: a guard only
# (a request starts no lookup once its deadline has passed, so each of gunicorn's 32 threads leaves at most a few
# behind it, each ending with the resolver's own timeout); one tenant's stuck lookups must not make others wait.
_TIMED_LOOKUPS = threading.BoundedSemaphore(128)


def _getaddrinfo(host: str, port: int, resolve_by: float | None) -> list:
    """`socket.getaddrinfo`, waited for until the `time.monotonic()` instant `resolve_by` at most (None: as long as the
    system resolver takes, seconds per attempt when a name server does not answer). A lookup cannot be interrupted: one
    still running at the deadline is left to its thread, which ends with the resolver's own timeout; `TimeoutError`."""
    if resolve_by is None:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    left = resolve_by - time.monotonic()
    if left <= 0 or not _TIMED_LOOKUPS.acquire(timeout=left):
        raise TimeoutError("the deadline passed before the host name lookup could start")
    answer: dict[str, Any] = {}
    done = threading.Event()

    def lookup() -> None:
        try:
            answer["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except Exception as exc:  # noqa: BLE001 - handed to the waiting caller
            answer["error"] = exc
        finally:
            _TIMED_LOOKUPS.release()
            done.set()

    threading.Thread(target=lookup, name="dns-lookup", daemon=True).start()
    if not done.wait(max(0.0, resolve_by - time.monotonic())):
        raise TimeoutError("the host name lookup did not finish before the deadline")
    if "error" in answer:
        raise answer["error"]
    return answer["infos"]


def _resolve(host: str, port: int | None, scheme: str, resolve_by: float | None = None) -> list[IPAddress]:
    try:
        infos = _getaddrinfo(host, port or (443 if scheme == "https" else 80), resolve_by)
    except (socket.gaierror, UnicodeError, OSError) as exc:  # TimeoutError is an OSError
        raise Unresolvable() from exc
    addresses: list[IPAddress] = []
    for family, _type, _proto, _canon, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        try:
            ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        except ValueError as exc:
            raise UnsafeUrl("host resolved to an invalid address") from exc
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise Unresolvable()
    return addresses


def _check(url: str, allowlist: Iterable[str] | None, resolve_by: float | None = None) -> _Target:
    scheme, host, port = _normalise(url)
    networks = _parse_allowlist(allowlist)
    bare = host.rstrip(".")
    if bare in _METADATA_HOSTNAMES:
        raise UnsafeUrl("cloud metadata host is not allowed")
    literal = _literal_address(host)
    if literal is not None:
        _vet_address(literal, networks, literal=True)
    addresses = _resolve(host, port, scheme, resolve_by)
    for ip in addresses:
        _vet_address(ip, networks, literal=literal is not None)
    return _Target(scheme=scheme, host=host, port=port, addresses=addresses)


def check_url(url: str, *, allowlist: list[str] | None = None, resolve_by: float | None = None) -> list[IPAddress]:
    """Validate ``url`` for an outbound request and return its vetted addresses.

    Raises :class:`UnsafeUrl` if the scheme is not http/https, the host is
    missing or unresolvable, or ANY resolved address is loopback, private,
    link-local, CGNAT, multicast, reserved, unspecified, broadcast or a cloud
    metadata address (also when tunnelled through IPv4-mapped, NAT64, 6to4 or
    Teredo IPv6 forms). ``allowlist`` (CIDR strings) defaults to
    ``settings.UNSAFE_URL_ALLOWLIST``; metadata addresses are never allowed.
    ``resolve_by`` (a ``time.monotonic()`` instant) bounds the host name lookup:
    one not answered by then is :class:`Unresolvable`.
    """
    return list(_check(url, allowlist, resolve_by).addresses)


# --------------------------------------------------------------------------
# Pinned transport
# --------------------------------------------------------------------------


class _Watchdog:
    """Holds the sockets of one call and shuts them down when its total deadline passes.

    Socket timeouts bound each read, not the call: a server that sends one byte every few seconds keeps
    a per-read timeout from ever firing. Shutting the socket down from a timer thread ends any blocked
    connect, TLS handshake, header or body read at once, whatever phase the call is in."""

    def __init__(self, seconds: float) -> None:
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self.expired = False
        self._timer = threading.Timer(max(0.0, seconds), self._expire)
        self._timer.daemon = True

    def start(self) -> None:
        self._timer.start()

    def finish(self) -> None:
        """Stop the timer and close every socket of the call (from the calling thread, once it is done with them:
        a socket the pool did not get back would otherwise stay open until garbage collection)."""
        self._timer.cancel()
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            try:
                sock.close()
            except OSError:
                pass

    def add(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            _shutdown(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _pool_classes(watchdog: _Watchdog) -> dict:
    """urllib3 pools whose connections hand their socket to `watchdog` as soon as it exists."""

    class WatchedHTTPConnection(HTTPConnection):
        def _new_conn(self):
            sock = super()._new_conn()
            watchdog.add(sock)
            return sock

    class WatchedHTTPSConnection(HTTPSConnection):
        def _new_conn(self):
            sock = super()._new_conn()
            watchdog.add(sock)
            return sock

    class WatchedHTTPPool(HTTPConnectionPool):
        ConnectionCls = WatchedHTTPConnection

    class WatchedHTTPSPool(HTTPSConnectionPool):
        ConnectionCls = WatchedHTTPSConnection

    return {"http": WatchedHTTPPool, "https": WatchedHTTPSPool}


class _PinnedAdapter(HTTPAdapter):
    """Connects to one vetted IP while keeping Host/SNI/cert checks on the name."""

    def __init__(self, target: _Target, ip: IPAddress, watchdog: _Watchdog | None = None) -> None:
        self._target = target
        self._ip = ip
        self._watchdog = watchdog
        super().__init__(max_retries=0, pool_connections=1, pool_maxsize=1)

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        if self._watchdog is not None:
            self.poolmanager.pool_classes_by_scheme = _pool_classes(self._watchdog)

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(request, verify, cert)
        port = host_params.get("port")
        if (
            (host_params.get("host") or "").lower() != self._target.host
            or host_params.get("scheme") != self._target.scheme
            or port != self._target.port
        ):
            raise requests.exceptions.InvalidURL("request URL does not match the vetted URL", request=request)
        host_params["host"] = str(self._ip)
        if self._target.scheme == "https":
            pool_kwargs["server_hostname"] = self._target.host
            pool_kwargs["assert_hostname"] = self._target.host
        return host_params, pool_kwargs

    def add_headers(self, request, **kwargs) -> None:
        request.headers["Host"] = self._target.host_header


def _is_connect_failure(exc: requests.exceptions.ConnectionError) -> bool:
    """True when the request certainly never reached the server."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    from urllib3.exceptions import NewConnectionError

    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(reason, NewConnectionError)


def _total_seconds(timeout: Any) -> float:
    if isinstance(timeout, tuple):
        return float(sum(t for t in timeout if t is not None))
    return 2.0 * float(timeout)


def safe_request(
    method: str,
    url: str,
    *,
    timeout: float | tuple[float, float],
    allowlist: list[str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_seconds: float | None = None,
    **kwargs: Any,
) -> requests.Response:
    """Perform an HTTP request to a tenant-supplied URL safely.

    * :func:`check_url` is applied first (raises :class:`UnsafeUrl`).
    * The connection goes only to a vetted address (DNS is not consulted again);
      ``Host``, TLS SNI and certificate verification use the URL's hostname.
      If connecting to one vetted address fails, the next one (at most 3) is
      tried; a request is never re-sent once it may have reached a server.
    * Redirects are never followed (3xx is returned as is; a caller that wants
      to follow one must call ``safe_request`` again with the Location URL).
    * ``timeout`` is mandatory (seconds, or a ``(connect, read)`` tuple) and
      ``max_seconds`` is a hard total deadline for the whole call — connect, TLS,
      headers and body, across every address tried (default: 2 × timeout, or
      connect+read for a tuple). When it passes, the socket is shut down from a
      timer thread and :class:`TotalTimeout` is raised, however slowly the
      server drips bytes.
    * At most ``max_bytes`` of the (decoded) body are read; the response is
      returned with ``.content`` holding them and ``.truncated`` set to True if
      more were available. The connection is closed afterwards.
    * Environment proxies / .netrc are ignored. Other ``kwargs`` go to
      :meth:`requests.Session.request` (``headers``, ``data``, ``json``,
      ``params``, ``verify``, ``cert``, ``auth``...).

    Network errors are raised as the usual ``requests`` exceptions.
    """
    _check_arguments(timeout, max_bytes, kwargs)
    started = time.monotonic()
    total = max_seconds if max_seconds is not None else _total_seconds(timeout)
    deadline = started + total
    target = _check(url, allowlist, resolve_by=deadline)  # the lookup is part of the total deadline too

    watchdog = _Watchdog(deadline - time.monotonic())
    watchdog.start()
    try:
        return _request_pinned(method, url, target, watchdog, deadline, timeout, max_bytes, kwargs)
    except (requests.exceptions.RequestException, OSError) as exc:
        if watchdog.expired:
            raise TotalTimeout(f"no complete answer within the total deadline of {total:g} s") from exc
        raise
    finally:
        watchdog.finish()


def _check_arguments(timeout, max_bytes: int, kwargs: dict) -> None:
    """``safe_request``'s arguments a caller can get wrong: a timeout is mandatory and positive, redirects are never
    followed (``allow_redirects`` is dropped from ``kwargs``; true raises), no proxies, streaming or hooks."""
    if timeout is None:
        raise ValueError("safe_request requires an explicit timeout")
    if isinstance(timeout, tuple):
        if len(timeout) != 2 or any(t is None or t <= 0 for t in timeout):
            raise ValueError("timeout must be a positive number or a (connect, read) tuple")
    elif not timeout > 0:
        raise ValueError("timeout must be positive")
    if kwargs.pop("allow_redirects", False):
        raise ValueError("safe_request never follows redirects")
    for forbidden in ("proxies", "stream", "hooks"):
        if forbidden in kwargs:
            raise TypeError(f"safe_request does not accept {forbidden!r}")
    if max_bytes < 0:
        raise ValueError("max_bytes must be >= 0")


def _request_pinned(
    method: str,
    url: str,
    target: _Target,
    watchdog: _Watchdog,
    deadline: float,
    timeout: Any,
    max_bytes: int,
    kwargs: dict,
) -> requests.Response:
    last_error: Exception | None = None
    for ip in target.addresses[:_MAX_ADDRESS_ATTEMPTS]:
        if last_error is not None and time.monotonic() >= deadline:
            break
        session = requests.Session()
        session.trust_env = False
        adapter = _PinnedAdapter(target, ip, watchdog)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        try:
            response = session.request(
                method,
                url,
                timeout=timeout,
                allow_redirects=False,
                stream=True,
                proxies={},
                **kwargs,
            )
        except requests.exceptions.ConnectionError as exc:
            session.close()
            if _is_connect_failure(exc):
                last_error = exc
                continue
            raise
        except BaseException:
            session.close()
            raise
        try:
            _read_bounded(response, max_bytes, deadline)
            if watchdog.expired:  # the body ended because the watchdog closed the socket, not because it was complete
                raise TotalTimeout("response body not received within the time limit", response=response)
        finally:
            response.close()
            session.close()
        response.pinned_address = ip  # type: ignore[attr-defined]
        return response
    assert last_error is not None
    raise last_error


def _body_chunks(response: requests.Response):
    """The body's chunks. requests reports a read timeout in the body as a ConnectionError (wrapping urllib3's
    ReadTimeoutError); it is a timeout, and is raised as one, whichever of it and the watchdog comes first."""
    from urllib3.exceptions import ReadTimeoutError

    try:
        yield from response.iter_content(chunk_size=64 * 1024)
    except requests.exceptions.ConnectionError as exc:
        if exc.args and isinstance(exc.args[0], ReadTimeoutError):
            raise requests.exceptions.ReadTimeout(exc.args[0], response=response) from exc
        raise


def _read_bounded(response: requests.Response, max_bytes: int, deadline: float) -> None:
    chunks: list[bytes] = []
    total = 0
    truncated = False
    for chunk in _body_chunks(response):
        if time.monotonic() > deadline:
            raise TotalTimeout("response body not received within the time limit", response=response)
        if not chunk:
            continue
        remaining = max_bytes - total
        if len(chunk) > remaining:
            chunks.append(chunk[:remaining])
            total = max_bytes
            truncated = True
            break
        chunks.append(chunk)
        total += len(chunk)
    response._content = b"".join(chunks)
    response._content_consumed = True
    response.truncated = truncated  # type: ignore[attr-defined]
