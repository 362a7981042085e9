"""Publication and update labels of more languages, through the API (POST, run, GET): "Avaldatud:" (et), "Publicēts:"
(lv), "Paskelbta:" (lt), "Публикувано:" (bg), "Објављено:" (sr), "Zveřejněno:" (cs), "Uverejnené:" (sk) pick the
published date over an earlier unlabelled one; a dateline that opens with an update whose date is numeric and closed
by a colon ("Aktualisiert: 05.03.2025 | Veröffentlicht: 04.03.2025", "Frissítve: 2025. 03. 09. | Közzétéve: 2025. 03.
04.", "Mis à jour : 05/03/2025 · Publié : 04/03/2025") is dated by the publication. A date after another label ("Last
post:", "Reviewed on:") is not taken for the publication (extractor/pipeline/article/dates.py ``_PUBLISHED_WORDS``,
``_UPDATED_LABEL_RE``, ``_published_after_update``)."""

from __future__ import annotations

import time

import pytest

from extractor.pipeline.article.dates import labelled_text_date
from extractor.pipeline.formats import parse_html
from tests.helpers import article_published_at as published_at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("et", "Avaldatud:"),
        ("lv", "Publicēts:"),
        ("lt", "Paskelbta:"),
        ("bg", "Публикувано:"),
        ("sr", "Објављено:"),
        ("cs", "Zveřejněno:"),
        ("sk", "Uverejnené:"),
    ],
)
def test_a_publication_label_picks_its_date(xkey, lang, label):
    assert published_at(xkey, lang, f"<p>05.03.2025</p><p>{label} 04.03.2025</p>") == "2025-03-04"


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("de", "Aktualisiert: 05.03.2025 | Veröffentlicht: 04.03.2025"),
        ("hu", "Frissítve: 2025. 03. 09. | Közzétéve: 2025. 03. 04."),
        ("fr", "Mis à jour : 05/03/2025 · Publié : 04/03/2025"),
        ("ro", "Actualizat: 05.03.2025 | Publicat: 04.03.2025"),
    ],
)
def test_an_update_first_dateline_with_numeric_dates_gives_the_publication(xkey, lang, line):
    assert published_at(xkey, lang, f"<p>{line}</p>") == "2025-03-04"


@pytest.mark.parametrize(
    ("lang", "meta"),
    [
        # another label's date: the first date shown (an unlabelled one) stays the answer
        ("en", "<p>March 9, 2025</p><p>Last post: 03/04/2025</p>"),
        ("en", "<p>March 9, 2025</p><p>Reviewed on: 03/04/2025</p>"),
    ],
)
def test_other_labels_leave_the_shown_date(xkey, lang, meta):
    assert published_at(xkey, lang, meta) == "2025-03-09"


def test_an_update_alone_is_no_publication_date(xkey):
    # a numeric date is read after a publication label only; the update line has no publication after it
    assert published_at(xkey, "de", "<p>Aktualisiert: 09.03.2025 | Lesezeit: 5 Min.</p>") is None


def test_many_label_lines_are_read_in_linear_time():
    lines = "".join("<p>Frissítve: 2025. 03. 09. | Közzétéve: x</p>" for _ in range(5_000))
    tree = parse_html(f"<html><body><h1>Roses</h1>{lines}</body></html>")
    started = time.process_time()  # CPU of this process (the request runs in it), not the wall clock
    labelled_text_date(tree, 6_000)
    assert time.process_time() - started < 5
