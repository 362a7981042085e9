"""One way for every staff action to act on the selected rows: each row on its own, refusals reported per row."""

from __future__ import annotations

from django.contrib import messages

from config.errors import DomainError


def run_action(request, queryset, fn, done_message: str, *, label=lambda obj: obj.pk) -> int:
    """Call `fn(obj)` for each selected row; a DomainError (e.g. a job in the wrong state) skips that row with a
    message naming it. `done_message` has an `{n}` for the count. Returns how many rows were done."""
    done, failed = 0, []
    for obj in queryset:
        try:
            fn(obj)
            done += 1
        except DomainError as exc:
            failed.append(f"{label(obj)}: {exc.message}")
    if done:
        messages.success(request, done_message.format(n=done))
    for message in failed:
        messages.error(request, message)
    return done
