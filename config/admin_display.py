"""How the staff console shows and edits structured values: JSON pretty-printed, lists as checkboxes."""

from __future__ import annotations

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html


def compact_time(value) -> str:
    """`2026-11-25 22:08:15` (local time): a third of the width of Django's "Nov. 25, 2026, 10:08 p.m."."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if value else "—"


def pretty_json(value) -> str:
    """A JSON value indented, in a block that wraps instead of running off the page."""
    if value is None:
        return "—"
    return format_html('<pre class="json">{}</pre>', json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False))


# The JSON settings staff edit (a plan's prices) are flat objects; text nested deeper is refused before any recursive walk.
MAX_JSON_DEPTH = 20


def nested_deeper(value, limit: int) -> bool:
    """Whether lists and objects in `value` nest more than `limit` levels (walked with a stack, not recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return False


class PrettyJSONFormField(forms.JSONField):
    """A JSON textarea whose initial text is indented (Django's is one line). Text Python's `json` cannot read for
    another reason than a syntax error — nested past the recursion limit (`RecursionError`: a 500 from Django's field),
    an integer of more than 4,300 digits (`ValueError`) — or nested deeper than `MAX_JSON_DEPTH` (the indented form
    is written by recursive Python: ~1,000 levels were a 500 on the form shown again) is "Enter a valid JSON." too."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 6, "cols": 60, "class": "vLargeTextField json"}))
        super().__init__(*args, **kwargs)

    def _read(self, text: str):
        """The value of `text`, or `InvalidJSONInput` (shown again as typed) when it is none we keep."""
        try:
            value = json.loads(text, cls=self.decoder)
        except (RecursionError, ValueError):  # json.JSONDecodeError is a ValueError
            return forms.fields.InvalidJSONInput(text)
        return forms.fields.InvalidJSONInput(text) if nested_deeper(value, MAX_JSON_DEPTH) else value

    def to_python(self, value):
        left_to_django = not isinstance(value, str) or value in self.empty_values or self.disabled
        if not left_to_django and isinstance(self._read(value), forms.fields.InvalidJSONInput):
            raise ValidationError(self.error_messages["invalid"], code="invalid", params={"value": value})
        return super().to_python(value)

    def bound_data(self, data, initial):
        if self.disabled or data is None:
            return super().bound_data(data, initial)
        return self._read(data)

    def prepare_value(self, value):
        if isinstance(value, forms.fields.InvalidJSONInput):
            return value
        return json.dumps(value, indent=2, ensure_ascii=False, cls=self.encoder)


class ListCheckboxField(forms.MultipleChoiceField):
    """A JSON list of strings edited as checkboxes."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, choices, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(choices=choices, **kwargs)

    def clean(self, value):
        return list(super().clean(value))
