"""Small helpers shared by the test modules: ports, images, workflow clients and dispatches, extractions."""

from __future__ import annotations

import io
import socket

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image
from rest_framework.test import APIClient

from extractor import services as extractor_services
from extractor.models import Status as ExtractionStatus

EXTRACTIONS_URL = "/v1/extractor/extractions"


def free_port() -> int:
    """A loopback TCP port nobody listens on right now (for subprocesses that bind it themselves)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (32, 48), color=(10, 120, 200)) -> bytes:
    """A small one-colour image (Studio finds no items in it)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt)
    return buffer.getvalue()


def upload(tenant_id: int, data: bytes | None = None, name: str = "p.jpg") -> str:
    """Store an upload in the tenant's namespace, as `POST /v1/uploads` would; returns its key."""
    return default_storage.save(
        f"tenants/{tenant_id}/uploads/{name}", ContentFile(image_bytes() if data is None else data)
    )


def client_for(created) -> APIClient:
    """A workflows API client (Bearer) for a `tenant_create` result; `client.tenant` is the tenant."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {created.issued.raw}")
    client.tenant = created.tenant
    return client


def dispatch(client, key: str | None = None, **extra) -> str:
    """`POST /v1/extract` (uploading a small image unless `key` is given); asserts 202, returns the request id."""
    key = key or upload(client.tenant.pk)
    response = client.post("/v1/extract", {"trial_image": key, **extra}, format="json")
    assert response.status_code == 202, response.content
    return response.json()["request_id"]


def extract_through_api(xkey, body: dict) -> dict:
    """`POST /v1/extractor/extractions` (asserts 202), runs the job as a worker would, and returns the GET's `data`
    (the extraction: its `data` and `metadata`); asserts the job ended `done`."""
    created = xkey.post(EXTRACTIONS_URL, body, format="json")
    assert created.status_code == 202, created.content
    job_id = created.json()["data"]["id"]
    assert extractor_services.extraction_run(job_id) == ExtractionStatus.DONE
    return xkey.get(f"{EXTRACTIONS_URL}/{job_id}").json()["data"]


ARTICLE_TEXT = "".join(
    f"<p>Paragraph {i} of the article explains when and how to prune roses, which tools to use, and what to do with "
    "the cut stems so that the plant grows back strong in spring.</p>"
    for i in range(1, 6)
)


def article_published_at(xkey, lang: str, meta: str) -> str | None:
    """An article page of five paragraphs in ``lang`` with ``meta`` (a dateline, a byline) under its headline, through
    the API: the `publishedAt` the extraction gives."""
    html = (
        f'<html lang="{lang}"><head><title>Roses</title></head><body>'
        f"<article><h1>Roses</h1>{meta}{ARTICLE_TEXT}</article></body></html>"
    )
    return extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.com/roses"})[
        "data"
    ].get("publishedAt")


def article_authors(xkey, lang: str, byline: str) -> list[str] | None:
    """The same article page with ``byline`` as a paragraph under its headline, through the API: its `authors`."""
    html = (
        f"<html lang='{lang}'><head><title>Roses</title></head><body>"
        f"<article><h1>Roses</h1><p>{byline}</p>{ARTICLE_TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    return extract_through_api(xkey, body)["data"].get("authors")


def product_through_api(xkey, html: str, url: str | None = None) -> tuple[dict, dict]:
    """A product page of `html` (wrapped in a body) through the API: the extraction's `data` and `metadata.sources`."""
    body = {"type": "product", "content": f"<html><body>{html}</body></html>", **({"url": url} if url else {})}
    got = extract_through_api(xkey, body)
    return got["data"], got["metadata"]["sources"]


LIBRARIES = ["trafilatura", "extruct", "htmldate", "price-parser", "lxml", "bleach"]


def assert_metadata_order(meta: dict, fields, top: list[str]) -> None:
    """`metadata` in its documented order (README "Extractor API"), at every level: jsonb gives keys back shortest
    first (`sources`, `timings`, `libraries`, …; `lxml`, `bleach`, …; `name`, `price`, …)."""
    assert list(meta) == top, list(meta)
    assert list(meta["sources"]) == sorted(meta["sources"], key=fields.index) and len(meta["sources"]) > 2
    assert list(meta["libraries"]) == LIBRARIES
    assert list(meta["timings"]) == ["parseMs", "extractMs"]
