"""How the staff console shows and edits structured values: JSON pretty-printed, lists as checkboxes."""

from __future__ import annotations

import json

from django import forms
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


class PrettyJSONFormField(forms.JSONField):
    """A JSON textarea whose initial text is indented (Django's is one line)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 6, "cols": 60, "class": "vLargeTextField json"}))
        super().__init__(*args, **kwargs)

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
