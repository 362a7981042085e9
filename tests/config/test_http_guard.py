"""Tests for config.http_guard (no database)."""

from __future__ import annotations

import datetime
import ipaddress
import json
import socket
import ssl
import time

import pytest
import requests

from config.http_guard import UnsafeUrl, check_url, safe_request
from tests.servers import FakeServer

LOCAL = ["127.0.0.0/8"]

_real_getaddrinfo = socket.getaddrinfo


def _info(addr: str, port: int):
    ip = ipaddress.ip_address(addr)
    if ip.version == 6:
        return (socket.AF_INET6, socket.SOCK_STREAM, 6, "", (addr, port, 0, 0))
    return (socket.AF_INET, socket.SOCK_STREAM, 6, "", (addr, port))


@pytest.fixture
def fake_dns(monkeypatch):
    """Map host names to address lists; other names pass through to the real resolver.

    Returns (table, calls) where calls records every name looked up.
    A table value may be a callable returning the list (for rebinding tests).
    """
    table: dict[str, object] = {}
    calls: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        calls.append(name)
        if name in table:
            entry = table[name]
            addrs = entry() if callable(entry) else entry
            if not addrs:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
            return [_info(a, int(port or 0)) for a in addrs]
        return _real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table, calls


# ---------------------------------------------------------------------------
# check_url: literal hosts
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, reason",
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://127.1/", "loopback"),
        ("http://2130706433/", "loopback"),
        ("http://0x7f.1/", "loopback"),
        ("http://0x7f000001/", "loopback"),
        ("http://0177.0.0.1/", "loopback"),
        ("http://0177.1/", "loopback"),
        ("http://127.0.0.1./", "loopback"),
        ("https://[::1]/", "loopback"),
        ("http://[0:0:0:0:0:0:0:1]:8080/", "loopback"),
        ("http://10.0.0.1/", "private"),
        ("http://172.16.5.4/", "private"),
        ("http://192.168.1.1/", "private"),
        ("http://012.0.0.1/", "private"),  # octal 10.0.0.1
        ("http://[fc00::1]/", "private"),
        ("http://[fd12:3456::1]/", "private"),
        ("http://169.254.1.1/", "link-local"),
        ("http://[fe80::1]/", "link-local"),
        ("http://100.64.0.1/", "carrier-grade NAT"),
        ("http://100.127.255.254/", "carrier-grade NAT"),
        ("http://224.0.0.1/", "multicast"),
        ("http://239.255.255.250/", "multicast"),
        ("http://[ff02::1]/", "multicast"),
        ("http://240.0.0.1/", "reserved"),
        ("http://0.1.2.3/", "reserved"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://0/", "unspecified"),
        ("http://[::]/", "unspecified"),
        ("http://255.255.255.255/", "broadcast"),
        ("http://4294967295/", "broadcast"),
        # cloud metadata
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://0xa9fea9fe/", "metadata"),
        ("http://[fd00:ec2::254]/", "metadata"),
        ("http://100.100.100.200/latest/meta-data/", "metadata"),
        ("http://metadata.google.internal/computeMetadata/v1/", "metadata"),
        ("http://METADATA.GOOGLE.INTERNAL./", "metadata"),
        ("http://[::ffff:169.254.169.254]/", "metadata"),
        # IPv6 forms embedding a bad IPv4
        ("http://[::ffff:127.0.0.1]/", "IPv4-mapped loopback"),
        ("http://[::ffff:7f00:1]/", "IPv4-mapped loopback"),
        ("http://[::ffff:10.1.2.3]/", "IPv4-mapped private"),
        ("http://[2002:7f00:1::]/", "6to4 loopback"),
        ("http://[2002:a00:1::1]/", "6to4 private"),
        ("http://[2002:a9fe:a9fe::]/", "metadata"),
        ("http://[64:ff9b::127.0.0.1]/", "NAT64 loopback"),
        ("http://[64:ff9b::a00:1]/", "NAT64 private"),
        ("http://[64:ff9b:1::a00:1]/", "private"),
        ("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "Teredo"),
        ("http://[::127.0.0.1]/", "IPv4-compatible"),
        # numeric host forms that are not valid addresses never reach DNS
        ("http://999.0.0.1/", "invalid IP"),
        ("http://1.2.3.4.5/", "invalid IP"),
        ("http://0x1ffffffff/", "invalid IP"),
        ("http://08.0.0.1/", "invalid IP"),
    ],
)
def test_literal_hosts_refused(url, reason, fake_dns):
    _table, calls = fake_dns
    with pytest.raises(UnsafeUrl) as excinfo:
        check_url(url, allowlist=[])
    assert reason.lower() in excinfo.value.reason.lower()
    assert str(excinfo.value) == excinfo.value.reason


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/",
        "file:///etc/passwd",
        "gopher://example.com/",
        "javascript:alert(1)",
        "data:text/plain,hi",
        "example.com/path",
        "//example.com/",
        "http://",
        "http:///path",
        "http://:80/",
        "",
        "http://exa mple.com/",
        "http://example.com\\@127.0.0.1/",
        "http://example.com/\r\nX-Injected: 1",
        "http://[fe80::1%25eth0]/",
        "http://example.com:99999/",
        "http://example.com:0/",
    ],
)
def test_bad_urls_refused(url):
    with pytest.raises(UnsafeUrl):
        check_url(url, allowlist=[])


def test_unresolvable_host_refused(fake_dns):
    table, _ = fake_dns
    table["nowhere.test"] = []
    with pytest.raises(UnsafeUrl, match="could not be resolved"):
        check_url("https://nowhere.test/hook", allowlist=[])


# ---------------------------------------------------------------------------
# check_url: resolved hosts
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "addresses, reason",
    [
        (["127.0.0.1"], "loopback"),
        (["::1"], "loopback"),
        (["10.1.2.3"], "private"),
        (["192.168.0.10"], "private"),
        (["fd00::5"], "private"),
        (["169.254.3.4"], "link-local"),
        (["fe80::abcd"], "link-local"),
        (["100.64.10.10"], "carrier-grade NAT"),
        (["224.1.1.1"], "multicast"),
        (["240.1.1.1"], "reserved"),
        (["0.0.0.0"], "unspecified"),
        (["255.255.255.255"], "broadcast"),
        (["169.254.169.254"], "metadata"),
        (["fd00:ec2::254"], "metadata"),
        (["100.100.100.200"], "metadata"),
        (["::ffff:127.0.0.1"], "IPv4-mapped loopback"),
        (["2002:c0a8:101::1"], "6to4 private"),
        (["64:ff9b::10.0.0.1"], "NAT64 private"),
        (["2001:0:4136:e378:8000:63bf:3fff:fdd2"], "Teredo"),
        # ANY bad address refuses the host
        (["93.184.215.14", "10.0.0.7"], "private"),
        (["2606:4700::1111", "::1"], "loopback"),
    ],
)
def test_resolved_bad_addresses_refused(addresses, reason, fake_dns):
    table, _ = fake_dns
    table["evil.test"] = addresses
    with pytest.raises(UnsafeUrl) as excinfo:
        check_url("https://evil.test/path?q=1", allowlist=[])
    assert reason.lower() in excinfo.value.reason.lower()
    # Resolved addresses are not disclosed to the tenant.
    for addr in addresses:
        assert addr not in excinfo.value.reason
    assert excinfo.value.address is not None


@pytest.mark.parametrize(
    "host, expected",
    [
        ("8.8.8.8", ["8.8.8.8"]),
        ("[2606:4700:4700::1111]", ["2606:4700:4700::1111"]),
        ("[::ffff:8.8.8.8]", ["::ffff:8.8.8.8"]),
        ("[64:ff9b::8.8.8.8]", ["64:ff9b::8.8.8.8"]),
        ("[2002:808:808::1]", ["2002:808:808::1"]),
    ],
)
def test_public_literals_allowed(host, expected):
    assert check_url(f"http://{host}/x", allowlist=[]) == [ipaddress.ip_address(e) for e in expected]


def test_public_hostname_returns_vetted_addresses(fake_dns):
    table, calls = fake_dns
    table["hooks.example.com"] = ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "93.184.215.14"]
    result = check_url("https://Hooks.Example.COM:8443/in", allowlist=[])
    assert result == [
        ipaddress.ip_address("93.184.215.14"),
        ipaddress.ip_address("2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
    ]
    assert calls == ["hooks.example.com"]


# ---------------------------------------------------------------------------
# allowlist
# ---------------------------------------------------------------------------


def test_allowlist_argument(fake_dns):
    table, _ = fake_dns
    table["internal.test"] = ["10.20.30.40"]
    with pytest.raises(UnsafeUrl):
        check_url("http://internal.test/", allowlist=[])
    assert check_url("http://internal.test/", allowlist=["10.20.0.0/16"]) == [ipaddress.ip_address("10.20.30.40")]
    # Every address must be allowed.
    table["mixed.test"] = ["10.20.30.40", "192.168.1.1"]
    with pytest.raises(UnsafeUrl, match="private"):
        check_url("http://mixed.test/", allowlist=["10.20.0.0/16"])


def test_allowlist_defaults_to_settings(settings):
    settings.UNSAFE_URL_ALLOWLIST = []
    with pytest.raises(UnsafeUrl):
        check_url("http://127.0.0.1:9/")
    settings.UNSAFE_URL_ALLOWLIST = ["127.0.0.0/8", "::1/128"]
    assert check_url("http://127.0.0.1:9/") == [ipaddress.ip_address("127.0.0.1")]
    assert check_url("http://127.1/") == [ipaddress.ip_address("127.0.0.1")]
    assert check_url("http://[::1]/") == [ipaddress.ip_address("::1")]
    # explicit argument wins over the setting
    with pytest.raises(UnsafeUrl):
        check_url("http://127.0.0.1:9/", allowlist=[])


def test_allowlist_applies_to_embedded_ipv4():
    assert check_url("http://[::ffff:127.0.0.1]/", allowlist=LOCAL)


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/",
        "http://[::ffff:169.254.169.254]/",
        "http://[fd00:ec2::254]/",
        "http://100.100.100.200/",
        "http://metadata.google.internal/",
    ],
)
def test_metadata_refused_even_when_allowlisted(url):
    with pytest.raises(UnsafeUrl, match="metadata"):
        check_url(url, allowlist=["0.0.0.0/0", "::/0"])


def test_invalid_allowlist_entry():
    with pytest.raises(ValueError):
        check_url("http://8.8.8.8/", allowlist=["not-a-cidr"])


# ---------------------------------------------------------------------------
# safe_request against a real local server
# ---------------------------------------------------------------------------


class GuardTarget(FakeServer):
    """Echoes path and Host; `/redirect` redirects, `/big` sends 3 MB, `/slow` answers after 1.5 s, `/stall` sends
    headers and half its body, then nothing for 1.5 s; `hits` records paths."""

    class Handler(FakeServer.Handler):
        def do_GET(self):
            self.fake.hits.append(self.path)
            if self.path == "/redirect":
                self.reply(302, b"", {"Location": f"http://127.0.0.1:{self.fake.port}/target"})
            elif self.path == "/big":
                self.reply(200, b"x" * (3 * 1024 * 1024))
            elif self.path == "/slow":
                time.sleep(1.5)
                self.reply(200, b"late")
            elif self.path == "/stall":  # headers and half the body at once, then silence
                self.send_response(200)
                self.send_header("Content-Length", "8")
                self.end_headers()
                self.wfile.write(b"half")
                self.wfile.flush()
                time.sleep(1.5)
            else:
                self.reply(200, {"path": self.path, "host": self.headers.get("Host")})

        def do_POST(self):
            data = self.read_body()
            self.fake.hits.append(self.path)
            self.reply(201, data)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hits: list[str] = []
        self.sni_names: list[str] = []


@pytest.fixture
def local_server():
    with GuardTarget() as server:
        yield server


def test_safe_request_refused_without_allowlist(local_server):
    url = f"http://127.0.0.1:{local_server.port}/"
    with pytest.raises(UnsafeUrl, match="loopback"):
        safe_request("GET", url, timeout=2, allowlist=[])
    assert local_server.hits == []


def test_safe_request_refused_with_default_settings(local_server, settings):
    settings.UNSAFE_URL_ALLOWLIST = []
    with pytest.raises(UnsafeUrl):
        safe_request("GET", f"http://localhost:{local_server.port}/", timeout=2)
    assert local_server.hits == []


def test_safe_request_allowed_via_allowlist(local_server):
    port = local_server.port
    resp = safe_request("GET", f"http://127.0.0.1:{port}/hello?x=1", timeout=2, allowlist=LOCAL)
    assert resp.status_code == 200
    assert resp.json() == {"path": "/hello?x=1", "host": f"127.0.0.1:{port}"}
    assert resp.truncated is False
    assert str(resp.pinned_address) == "127.0.0.1"


def test_safe_request_allowed_via_settings(local_server, settings):
    settings.UNSAFE_URL_ALLOWLIST = LOCAL
    resp = safe_request("POST", f"http://127.0.0.1:{local_server.port}/hook", timeout=2, json={"a": 1})
    assert resp.status_code == 201
    assert json.loads(resp.content) == {"a": 1}


def test_safe_request_does_not_follow_redirects(local_server):
    resp = safe_request("GET", f"http://127.0.0.1:{local_server.port}/redirect", timeout=2, allowlist=LOCAL)
    assert resp.status_code == 302
    assert resp.headers["Location"].endswith("/target")
    assert local_server.hits == ["/redirect"]
    with pytest.raises(ValueError):
        safe_request("GET", "http://8.8.8.8/", timeout=2, allow_redirects=True)


def test_safe_request_truncates_body(local_server):
    url = f"http://127.0.0.1:{local_server.port}/big"
    resp = safe_request("GET", url, timeout=5, allowlist=LOCAL)
    assert len(resp.content) == 1024 * 1024
    assert resp.truncated is True
    resp = safe_request("GET", url, timeout=5, allowlist=LOCAL, max_bytes=10)
    assert resp.content == b"x" * 10
    assert resp.truncated is True
    resp = safe_request("GET", f"http://127.0.0.1:{local_server.port}/", timeout=5, allowlist=LOCAL, max_bytes=10_000)
    assert resp.truncated is False


def test_safe_request_requires_timeout(local_server):
    url = f"http://127.0.0.1:{local_server.port}/"
    with pytest.raises(TypeError):
        safe_request("GET", url, allowlist=LOCAL)  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        safe_request("GET", url, timeout=None, allowlist=LOCAL)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        safe_request("GET", url, timeout=0, allowlist=LOCAL)
    with pytest.raises(TypeError):
        safe_request("GET", url, timeout=1, allowlist=LOCAL, proxies={"http": "http://x"})


def test_safe_request_timeout_is_enforced(local_server):
    url = f"http://127.0.0.1:{local_server.port}/slow"
    started = time.monotonic()
    with pytest.raises(requests.exceptions.Timeout):
        safe_request("GET", url, timeout=0.3, allowlist=LOCAL)
    assert time.monotonic() - started < 1.4


def test_a_read_timeout_in_the_body_is_a_timeout(local_server):
    """requests reports a read timeout after the headers as a ConnectionError; the guard raises it as a timeout, so
    callers (the LLM pass, webhooks) class a stalled answer as `timeout` and not as a network failure. The total
    deadline is far off here: only the read timeout can end the call."""
    url = f"http://127.0.0.1:{local_server.port}/stall"
    started = time.monotonic()
    with pytest.raises(requests.exceptions.ReadTimeout):
        safe_request("GET", url, timeout=(2, 0.3), max_seconds=5, allowlist=LOCAL)
    assert time.monotonic() - started < 1.4


def test_safe_request_pins_vetted_address_against_dns_rebinding(local_server, fake_dns):
    """The name is resolved once; the second (rebound) answer is never used."""
    table, calls = fake_dns
    answers = iter([["127.0.0.1"], ["10.255.255.1"], ["10.255.255.1"]])
    table["rebind.test"] = lambda: next(answers)
    port = local_server.port
    resp = safe_request("GET", f"http://rebind.test:{port}/pinned", timeout=2, allowlist=LOCAL)
    assert resp.status_code == 200
    # Host header keeps the host name although the socket went to 127.0.0.1.
    assert resp.json() == {"path": "/pinned", "host": f"rebind.test:{port}"}
    assert calls.count("rebind.test") == 1


def test_safe_request_rebinding_to_internal_is_refused(local_server, fake_dns):
    table, _ = fake_dns
    table["rebind.test"] = ["127.0.0.1"]
    with pytest.raises(UnsafeUrl):
        safe_request("GET", f"http://rebind.test:{local_server.port}/", timeout=2, allowlist=[])
    assert local_server.hits == []


def test_safe_request_falls_back_to_next_vetted_address(local_server, fake_dns):
    table, _ = fake_dns
    # nothing listens on 127.0.0.2:<port>; the second vetted address works
    table["multi.test"] = ["127.0.0.2", "127.0.0.1"]
    resp = safe_request("GET", f"http://multi.test:{local_server.port}/", timeout=2, allowlist=LOCAL)
    assert resp.status_code == 200
    assert str(resp.pinned_address) == "127.0.0.1"


def test_safe_request_ipv6_literal(fake_dns):
    try:
        server = GuardTarget(host="::1").start()
    except OSError:
        pytest.skip("no IPv6 loopback")
    try:
        url = f"http://[::1]:{server.port}/v6"
        with pytest.raises(UnsafeUrl):
            safe_request("GET", url, timeout=2, allowlist=[])
        resp = safe_request("GET", url, timeout=2, allowlist=["::1/128"])
        assert resp.json() == {"path": "/v6", "host": f"[::1]:{server.port}"}
    finally:
        server.close()


def test_safe_request_ignores_environment_proxies(local_server, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://10.0.0.1:3128")
    monkeypatch.setenv("http_proxy", "http://10.0.0.1:3128")
    monkeypatch.setenv("NO_PROXY", "")
    resp = safe_request("GET", f"http://127.0.0.1:{local_server.port}/", timeout=2, allowlist=LOCAL)
    assert resp.status_code == 200


# ---------------------------------------------------------------------------
# HTTPS: SNI and certificate verification stay on the host name
# ---------------------------------------------------------------------------


def _make_cert(tmp_path, hostname: str):
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hostname)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(hostname)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path = tmp_path / "cert.pem"
    key_path = tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    return str(cert_path), str(key_path)


@pytest.fixture
def tls_server(tmp_path):
    cert, key = _make_cert(tmp_path, "secure.test")
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    with GuardTarget(tls=ctx) as server:
        ctx.sni_callback = lambda sock, name, _ctx: server.sni_names.append(name)
        server.cafile = cert
        yield server


def test_https_pinned_with_sni_and_verification_on_hostname(tls_server, fake_dns):
    table, calls = fake_dns
    table["secure.test"] = ["127.0.0.1"]
    port = tls_server.port
    resp = safe_request("GET", f"https://secure.test:{port}/tls", timeout=3, allowlist=LOCAL, verify=tls_server.cafile)
    assert resp.status_code == 200
    assert resp.json() == {"path": "/tls", "host": f"secure.test:{port}"}
    assert tls_server.sni_names == ["secure.test"]
    assert calls.count("secure.test") == 1


def test_https_certificate_for_other_name_is_rejected(tls_server, fake_dns):
    table, _ = fake_dns
    table["other.test"] = ["127.0.0.1"]
    with pytest.raises(requests.exceptions.SSLError):
        safe_request(
            "GET",
            f"https://other.test:{tls_server.port}/",
            timeout=3,
            allowlist=LOCAL,
            verify=tls_server.cafile,
        )


# ---------------------------------------------------------------------------
# The total deadline: connect + headers + body, however slowly a server drips
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("phase", ["body", "headers"])
def test_total_deadline_ends_a_dripping_answer(phase):
    from config.http_guard import TotalTimeout
    from tests.servers import SlowDrip

    with SlowDrip(interval=0.5, phase=phase) as server:
        started = time.monotonic()
        with pytest.raises(TotalTimeout):
            # each read gets a byte well within its 5 s timeout: only the total deadline can end the call
            safe_request("POST", server.url + "/hook", data=b"{}", timeout=(2, 5), max_seconds=2, allowlist=LOCAL)
        elapsed = time.monotonic() - started
    assert 1.9 < elapsed < 3.0
    assert server.connections and server.connections[0]["sent"] >= 2  # the server was really dripping


def test_total_deadline_leaves_a_prompt_answer_alone(local_server):
    resp = safe_request(
        "GET", f"http://127.0.0.1:{local_server.port}/x", timeout=(2, 5), max_seconds=2, allowlist=LOCAL
    )
    assert resp.status_code == 200 and resp.json()["path"] == "/x"
