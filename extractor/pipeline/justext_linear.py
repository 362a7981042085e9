"""jusText's context-sensitive pass in linear time (trafilatura's second fallback calls it).

jusText 3.0.2 `revise_paragraph_classification` finds each short / near-good paragraph's neighbours by walking the
list from that paragraph, so a run of n short paragraphs costs n² steps: a page with 5,000 headlines in a row took
the fallback about 10 s (20,000: minutes, and the job timed out until `dead`). This version computes the same
neighbours in one scan each way and assigns exactly the classes jusText's own loops assign (same order of in-place
updates). It replaces the function in `justext.core` and in `trafilatura.external` (which imported it by name).
"""

from __future__ import annotations

import justext.core as _core

_GOOD_OR_BAD = _core.GOOD_OR_BAD
_JUSTEXTS = _core.revise_paragraph_classification  # jusText's own (tests compare with it)


def _nearest(classes: list[str], ignore_neargood: bool, reverse: bool) -> list[str]:
    """For each index, the class `_get_neighbour` returns walking backwards (or forwards when `reverse`)."""
    n = len(classes)
    out = ["bad"] * n
    found = "bad"
    order = range(n - 1, -1, -1) if reverse else range(n)
    for i in order:
        out[i] = found
        c = classes[i]
        if c in _GOOD_OR_BAD or (c == "neargood" and not ignore_neargood):
            found = c
    return out


def _good_follows(paragraphs, i: int, max_heading_distance: int) -> bool:
    """Is a paragraph classed good within `max_heading_distance` characters after paragraph `i` (jusText's walk
    from a heading; the class read is the one the paragraph has at that moment)?"""
    j, distance = i + 1, 0
    while j < len(paragraphs) and distance <= max_heading_distance:
        if paragraphs[j].class_type == "good":
            return True
        distance += len(paragraphs[j].text)
        j += 1
    return False


def revise_paragraph_classification(paragraphs, max_heading_distance=_core.MAX_HEADING_DISTANCE_DEFAULT):
    """Same result as `justext.core.revise_paragraph_classification`, in linear time."""
    # good headings (bounded by max_heading_distance characters, as in jusText)
    for i, paragraph in enumerate(paragraphs):
        paragraph.class_type = paragraph.cf_class
        if paragraph.heading and paragraph.class_type == "short" and _good_follows(paragraphs, i, max_heading_distance):
            paragraph.class_type = "neargood"

    # classify short: every neighbour is read before any class changes
    classes = [p.class_type for p in paragraphs]
    prev_gb = _nearest(classes, True, False)
    next_gb = _nearest(classes, True, True)
    prev_any = _nearest(classes, False, False)
    next_any = _nearest(classes, False, True)
    new_classes = {}
    for i, c in enumerate(classes):
        if c != "short":
            continue
        prev_neighbour, next_neighbour = prev_gb[i], next_gb[i]
        if prev_neighbour == "good" and next_neighbour == "good":
            new_classes[i] = "good"
        elif prev_neighbour == "bad" and next_neighbour == "bad":
            new_classes[i] = "bad"
        elif (prev_neighbour == "bad" and prev_any[i] == "neargood") or (
            next_neighbour == "bad" and next_any[i] == "neargood"
        ):
            new_classes[i] = "good"
        else:
            new_classes[i] = "bad"
    for i, c in new_classes.items():
        paragraphs[i].class_type = c

    # revise neargood: jusText updates in place, so the previous neighbour is read after its own revision (the
    # nearest good / bad paragraph before, once earlier near-good ones are good or bad); the next one before
    classes = [p.class_type for p in paragraphs]
    next_gb = _nearest(classes, True, True)
    prev_neighbour = "bad"
    for i, paragraph in enumerate(paragraphs):
        if paragraph.class_type == "neargood":
            paragraph.class_type = "bad" if (prev_neighbour, next_gb[i]) == ("bad", "bad") else "good"
        if paragraph.class_type in _GOOD_OR_BAD:
            prev_neighbour = paragraph.class_type

    # more good headings
    for i, paragraph in enumerate(paragraphs):
        if not (paragraph.heading and paragraph.class_type == "bad" and paragraph.cf_class != "bad"):
            continue
        if _good_follows(paragraphs, i, max_heading_distance):
            paragraph.class_type = "good"


JUSTEXT_VERSION = "3.0.2"  # the release whose function this reproduces (pinned in pyproject.toml)


def install() -> None:
    """Replace jusText's quadratic pass where trafilatura calls it (idempotent). Another jusText release keeps its
    own function: its loops may differ from the ones reproduced here."""
    import justext
    import trafilatura.external as _external

    if getattr(justext, "__version__", None) != JUSTEXT_VERSION:
        return

    _core.revise_paragraph_classification = revise_paragraph_classification
    _external.revise_paragraph_classification = revise_paragraph_classification
