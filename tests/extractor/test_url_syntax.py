"""`url` and `webhookUrl` are `format: uri` in the spec: RFC 3986 URIs (http or https), refused otherwise with the
documented 400 `validation_error`, and the OpenAPI document says the same."""

from __future__ import annotations

import jsonschema_rs
import pytest

from extractor.api.serializers import HttpUrlField

pytestmark = pytest.mark.django_db
URL = "/v1/extractor/extractions"
PAGE = "<html><body><article><h1>Title</h1><p>Some text of the article body.</p></article></body></html>"
NOT_URIS = [
    "https://example.com/a|b",
    "https://example.com/<x>",
    "https://example.com/caf\u00e9",
    "https://example.com/a%2",
    "https://example.com/{id}",
    'https://example.com/"q"',
    " https://example.com/",
    "https://example.com/p#f#g",
]
URIS = ["https://example.com:65535/a%20b?q=a/b?c#f", "https://example.com/~u/(x)*;,=@:", "HTTP://EXAMPLE.COM"]


@pytest.mark.parametrize("field", ["url", "webhookUrl"])
@pytest.mark.parametrize("value", NOT_URIS)
def test_a_string_that_is_not_a_uri_is_a_validation_error(xkey, field, value):
    response = xkey.post(URL, {"type": "article", "content": PAGE, field: value}, format="json")
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "validation_error"
    assert [(d["path"], d["code"]) for d in body["error"]["details"]] == [(field, "invalid_type")]


@pytest.mark.parametrize("value", URIS)
def test_uris_with_every_kind_of_part_are_accepted(xkey, value):
    response = xkey.post(URL, {"type": "article", "content": PAGE, "url": value}, format="json")
    assert response.status_code == 202, response.content
    assert response.json()["data"]["url"] == value


def test_the_field_agrees_with_a_json_schema_uri_validator():
    """Our check against jsonschema-rs's `format: uri` (RFC 3986) for http(s): the same answer, except a port past
    65535 (a URI, but no port: refused) and an IPv6 zone id (left to the SSRF guard, which refuses it: 422)."""
    validator = jsonschema_rs.validator_for(
        {"type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"}, validate_formats=True
    )
    field = HttpUrlField()

    def accepted(value: str) -> bool:
        try:
            field.run_validation(value)
        except Exception:  # noqa: BLE001 - refused
            return False
        return True

    extra = ["http://[::1]/", "http://%ff.com/", "http://a.bc:/", "https://a.bc?x", "https://a.bc/?#", "http://a_b.c/"]
    for value in NOT_URIS + URIS + extra + ["https://a.bc/[x]", "https://a.bc/\\", "https://a.bc/`", "http://a.bc/\t"]:
        assert accepted(value) == validator.is_valid(value), value
    assert not accepted("https://a.bc:99999/") and validator.is_valid("https://a.bc:99999/")


def test_the_schema_says_format_uri_within_an_http_pattern(anon):
    import re

    document = anon.get("/v1/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    body = document["paths"]["/v1/extractor/extractions"]["post"]["requestBody"]["content"]["application/json"]
    for variant in body["schema"]["oneOf"]:
        for name in ("url", "webhookUrl"):
            prop = variant["properties"][name]
            assert prop["format"] == "uri", (variant["title"], name)
            assert re.fullmatch(prop["pattern"], "https://shop.example.com:65535/p?q=1#f")
            assert not re.fullmatch(prop["pattern"], "https://shop.example.com:65536/")
