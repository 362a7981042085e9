"""Request bodies of the extractor API, field by field as the spec documents them."""

from __future__ import annotations

from urllib.parse import urlsplit

from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail, ValidationError

from config.http_guard import is_uri
from config.limits import JsonRejected, NulInString, parse_json
from config.serializers import BoundedListField, StrictBooleanField, StrictCharField, StrictSerializer
from extractor.models import ExtractionType, InputFormat, WebhookEvent

LLM_MODES = ("fill-missing", "correct")


class HttpUrlField(serializers.CharField):
    """An absolute http(s) URI with a host (RFC 3986: `format: uri`; an IRI's other characters percent-encoded).
    Whether the host is safe to call is the SSRF guard's decision (422 `unsafe_url`), so numeric hosts such as
    `127.1` pass this syntactic check."""

    default_error_messages = {"invalid": "Enter an absolute http(s) URL (RFC 3986: other characters percent-encoded)."}

    def __init__(self, **kwargs):
        kwargs.setdefault("trim_whitespace", False)  # " https://…" is not a URI either
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or "\x00" in data:
            self.fail("invalid")
        value = super().to_internal_value(data)
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018 - raises on a malformed port
        except ValueError:
            self.fail("invalid")
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname or not is_uri(value):
            self.fail("invalid")
        return value


class OptionsSerializer(StrictSerializer):
    useLlm = StrictBooleanField(required=False)
    llmModel = StrictCharField(required=False, max_length=200)
    llmPromptOverride = StrictCharField(required=False, max_length=8000, allow_blank=True, trim_whitespace=False)
    llmMode = serializers.ChoiceField(choices=LLM_MODES, required=False)


class ContentField(serializers.Field):
    """A string, or (format `json`) an object / array; checked against `format` by the serializer."""

    def to_internal_value(self, data):
        if not isinstance(data, (str, dict, list)):
            raise ValidationError("Input should be a string, or an object when format is json.", code="invalid")
        return data

    def to_representation(self, value):
        return value


class CreateExtractionSerializer(StrictSerializer):
    type = serializers.ChoiceField(choices=ExtractionType.values)
    format = serializers.ChoiceField(choices=InputFormat.values, default=InputFormat.HTML)
    content = ContentField()
    url = HttpUrlField(required=False, max_length=2048)
    domain = StrictCharField(required=False, max_length=253)
    webhookUrl = HttpUrlField(required=False, max_length=2048)
    webhookEventTypes = BoundedListField(
        child=serializers.ChoiceField(choices=WebhookEvent.values), required=False, allow_empty=True, max_length=3
    )
    forceRefresh = StrictBooleanField(required=False, default=False)
    options = OptionsSerializer(required=False)

    def validate(self, attrs):
        content, fmt = attrs["content"], attrs.get("format", InputFormat.HTML)
        if fmt == InputFormat.JSON:
            if isinstance(content, str):
                try:  # the body's own limits (depth, Unicode, numbers, NUL) apply to the document inside
                    content = parse_json(content, loc=("content",))
                except JsonRejected as exc:
                    code = "format_mismatch" if exc.reason == "malformed_json" else exc.reason
                    message = (
                        "format 'json' needs an object, or a string holding JSON."
                        if code == "format_mismatch"
                        else exc.message
                    )
                    raise ValidationError({"content": [ErrorDetail(message, code=code)]}) from None
                except NulInString:
                    raise ValidationError(
                        {
                            "content": [
                                ErrorDetail(
                                    "String should not contain NUL (\\u0000) characters", code="invalid_character"
                                )
                            ]
                        }
                    ) from None
            if not isinstance(content, (dict, list)) or not content:
                raise ValidationError(
                    {
                        "content": [
                            ErrorDetail("format 'json' needs a non-empty object or array.", code="format_mismatch")
                        ]
                    }
                )
        elif not isinstance(content, str):
            raise ValidationError({"content": [ErrorDetail(f"format '{fmt}' needs a string.", code="format_mismatch")]})
        elif not content.strip():
            raise ValidationError({"content": [ErrorDetail("content is empty.", code="too_short")]})
        attrs["content"] = content
        attrs["format"] = fmt
        # A webhook with no event types named gets every event.
        events = attrs.get("webhookEventTypes") or (WebhookEvent.values if attrs.get("webhookUrl") else [])
        attrs["webhookEventTypes"] = sorted(set(events))
        return attrs
