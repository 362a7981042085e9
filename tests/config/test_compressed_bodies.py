"""Request bodies sent with a `Content-Encoding`, through the real gunicorn. Both APIs decode gzip (`x-gzip`) and
deflate (zlib or raw) within the plan's byte limit; a body that decodes to more is 413 after at most that many
bytes of output (a decompression bomb costs what an honest body does), an unknown or layered coding 415 with
`Accept-Encoding`, corrupt or truncated data 400, each in the path's dialect, charging and creating nothing. Before,
the coding was ignored: a compressed body was refused as invalid UTF-8 and one declared `br` or `zstd` but sent plain
was accepted."""

from __future__ import annotations

import gzip
import json
import time
import zlib

import requests

from billing import services as billing
from billing.models import CreditEntry, RequestLog
from extractor.models import Extraction, IdempotencyKey
from tests.config.test_hostile_input import exchange, head_of, jpeg, send
from workflows.models import WorkflowJob

CREATE = "/v1/extractor/extractions"
LIMIT = 5 * 1024 * 1024  # the default plan's max_body_bytes


def raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def article(text: str) -> bytes:
    return json.dumps({"type": "article", "content": f"<h1>{text}</h1><p>Some text about {text}.</p>"}).encode()


def test_gzip_and_deflate_bodies_are_decoded_in_both_apis(server):
    key = billing.tenant_create(name="Compressed", credits=10).issued.raw
    ex = {"x-api-key": key, "Content-Type": "application/json"}
    encoded = [
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("GZip", gzip.compress),
        ("gzip", lambda body: gzip.compress(body[:10]) + gzip.compress(body[10:])),  # two members, as `cat` joins
        ("deflate", zlib.compress),  # the zlib format, as RFC 9110 says
        ("deflate", raw_deflate),  # raw deflate, as some clients send it
        ("identity, gzip", gzip.compress),
        ("identity", lambda body: body),
    ]
    ids = set()
    for index, (coding, encode) in enumerate(encoded):
        status, _, raw = send(
            server, "POST", CREATE, encode(article(f"case {index}")), {**ex, "Content-Encoding": coding}
        )
        assert (status, json.loads(raw)["code"]) == (202, "queued"), (coding, raw[:300])
        ids.add(json.loads(raw)["data"]["id"])
    assert len(ids) == len(encoded) == Extraction.objects.count()  # each its own decoded content

    # The idempotency fingerprint is the decoded body's: the same JSON compressed again (another gzip mtime, or
    # deflate) is the same request, replayed.
    body = article("idempotent")
    answers = []
    for coding, sent in (
        ("gzip", gzip.compress(body, mtime=1)),
        ("gzip", gzip.compress(body, mtime=2)),
        ("deflate", zlib.compress(body)),
    ):
        headers = {**ex, "Content-Encoding": coding, "Idempotency-Key": "compressed-1"}
        status, response_headers, raw = send(server, "POST", CREATE, sent, headers)
        answers.append((status, json.loads(raw)["data"]["id"], response_headers.get("Idempotent-Replayed")))
    assert {status for status, _, _ in answers} == {202} and len({id_ for _, id_, _ in answers}) == 1, answers
    assert [replayed for _, _, replayed in answers] == [None, "true", "true"], answers

    upload = requests.post(
        server + "/v1/uploads",
        headers={"Authorization": f"Bearer {key}"},
        files={"file": ("a.jpg", jpeg(), "image/jpeg")},
        timeout=30,
    )
    dispatch = json.dumps({"trial_image": upload.json()["key"]}).encode()
    wf = {"Authorization": f"Bearer {key}", "Content-Type": "application/json", "Content-Encoding": "gzip"}
    status, _, raw = send(server, "POST", "/v1/extract", gzip.compress(dispatch), wf)
    assert status == 202, raw[:300]
    assert WorkflowJob.objects.count() == 1
    # A chunked gzip body (no Content-Length) is decoded too.
    chunked = gzip.compress(article("chunked"))
    head = head_of("POST", CREATE, {**ex, "Content-Encoding": "gzip", "Transfer-Encoding": "chunked"})
    status, _, raw, _ = exchange(server, head, b"%x\r\n%s\r\n0\r\n\r\n" % (len(chunked), chunked))
    assert (status, json.loads(raw)["code"]) == (202, "queued"), raw[:300]


def hostile_cases(key: str) -> list[tuple]:
    """(name, path, headers, body, chunked, status, workflows detail or extractor (code, message))."""
    ex = {"x-api-key": key, "Content-Type": "application/json"}
    wf = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    bomb = gzip.compress(b'{"type": "article", "content": "' + b"x" * 1_000_000_000 + b'"}', compresslevel=9)
    deflate_bomb = zlib.compress(b"[" + b"0," * 100_000_000 + b"0]", 9)
    small = b'{"type": "article", "content": "<p>Hello there</p>"}'
    too_big = f"The body decompresses to more than the {LIMIT} bytes the plan allows."
    refused = "is not supported: send the body as is, or in one of gzip, deflate."
    out = []
    for api, path, headers in (("extractor", CREATE, ex), ("workflows", "/v1/extract", wf)):
        out += [
            (f"{api} gzip bomb (1 GB)", path, {**headers, "Content-Encoding": "gzip"}, bomb, False, 413, too_big),
            (f"{api} chunked gzip bomb", path, {**headers, "Content-Encoding": "gzip"}, bomb, True, 413, too_big),
            (
                f"{api} deflate bomb",
                path,
                {**headers, "Content-Encoding": "deflate"},
                deflate_bomb,
                False,
                413,
                too_big,
            ),
            (
                f"{api} br",
                path,
                {**headers, "Content-Encoding": "br"},
                small,
                False,
                415,
                f"Content-Encoding 'br' {refused}",
            ),
            (
                f"{api} zstd, sent plain",
                path,
                {**headers, "Content-Encoding": "zstd"},
                small,
                False,
                415,
                f"Content-Encoding 'zstd' {refused}",
            ),
            (
                f"{api} gzip twice",
                path,
                {**headers, "Content-Encoding": "gzip, gzip"},
                gzip.compress(gzip.compress(small)),
                False,
                415,
                f"Content-Encoding 'gzip, gzip' {refused}",
            ),
            (
                f"{api} not gzip at all",
                path,
                {**headers, "Content-Encoding": "gzip"},
                small,
                False,
                400,
                "The request body is not valid gzip data (Error -3 while decompressing data: incorrect header check).",
            ),
            (
                f"{api} gzip cut short",
                path,
                {**headers, "Content-Encoding": "gzip"},
                gzip.compress(small)[:-6],
                False,
                400,
                "The request body is not valid gzip data (it is cut short).",
            ),
            (
                f"{api} bytes after the gzip member",
                path,
                {**headers, "Content-Encoding": "gzip"},
                gzip.compress(small) + b"{}",
                False,
                400,
                "The request body is not valid gzip data (bytes follow its end).",
            ),
            (
                f"{api} 17 gzip members",
                path,
                {**headers, "Content-Encoding": "gzip"},
                gzip.compress(b" ") * 16 + gzip.compress(small),
                False,
                400,
                "The request body has more than 16 gzip members.",
            ),
            (
                f"{api} bytes after the deflate stream",
                path,
                {**headers, "Content-Encoding": "deflate"},
                zlib.compress(small) + b"x",
                False,
                400,
                "The request body is not valid deflate data (bytes follow its end).",
            ),
        ]
    return out


def test_compressed_bodies_a_bomb_an_unknown_or_a_corrupt_coding_are_clean_4xx(server):
    key = billing.tenant_create(name="Bombs", credits=10).issued.raw
    cases = hostile_cases(key)
    codes = {400: "bad_request", 413: "payload_too_large", 415: "unsupported_media_type"}
    failures = []
    for name, path, headers, body, chunked, status, message in cases:
        started = time.monotonic()
        if chunked:
            head = head_of("POST", path, {**headers, "Transfer-Encoding": "chunked"})
            got, response_headers, raw, _ = exchange(server, head, b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body))
        else:
            got, response_headers, raw = send(server, "POST", path, body, headers)
        seconds = time.monotonic() - started
        try:
            assert got == status, (got, raw[:300])
            assert response_headers.get("Content-Type") == "application/json", response_headers
            answer = json.loads(raw)
            if path == CREATE:
                assert answer["status"] == "error" and answer["code"] == codes[status], answer
                assert answer["error"]["message"] == message and answer["error"]["requestId"], answer
            else:
                assert answer == {"detail": message}, answer
            if status == 415:
                assert response_headers.get("Accept-Encoding") == "gzip, deflate", response_headers
            assert seconds < 5, seconds  # a bomb is decoded only to the limit: ~0.05 s
        except (AssertionError, KeyError, ValueError) as exc:
            failures.append(f"{name}: {exc}")
    assert not failures, "\n".join(failures)
    # An upload is read as sent: any coding is 415.
    upload = requests.post(
        server + "/v1/uploads",
        headers={"Authorization": f"Bearer {key}", "Content-Encoding": "gzip"},
        files={"file": ("a.jpg", jpeg(), "image/jpeg")},
        timeout=30,
    )
    assert upload.status_code == 415 and upload.headers["Accept-Encoding"] == "identity", upload.text
    assert upload.json() == {"detail": "An upload is read as sent: send it without a Content-Encoding."}
    assert list(CreditEntry.objects.values_list("kind", flat=True)) == ["grant"]
    assert not WorkflowJob.objects.exists() and not Extraction.objects.exists()
    assert not IdempotencyKey.objects.exists()
    assert not RequestLog.objects.filter(status_code__gte=500).exists()
