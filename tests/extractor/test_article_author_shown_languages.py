"""A meta line's other part beside the article's date in another language, through the API (POST, run, GET): the
comments count, a news section or the editorial desk ("4. März 2025 · Keine Kommentare", "4 de marzo de 2025 | Sin
Comentarios", "4 maart 2025 · Geen Reacties", "4 mars 2025 · Actualités Locales", "Redaktion") names no writer —
German writes its nouns capitalised, so the page's lower-case words cannot tell them from a name; a person beside the
date, also one named "Sin" or "Inga", still is (extractor/pipeline/article/authors.py ``_NOT_NAME_WORDS``). A writer
whose first name is a byline label of another language ("Per", "Oleh", "Ni"), shown beside the date or in a writer's
box on a page of another language, is a name, not a label (``_shown_name``)."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains when and how to prune roses, which tools to use, and what to do with "
    "the cut stems so that the plant grows back strong in spring.</p>"
    for i in range(1, 6)
)


def authors_of(xkey, lang: str, meta: str) -> list[str] | None:
    html = (
        f"<html lang='{lang}'><head><title>Roses</title></head><body>"
        f"<article><h1>Roses</h1><p>{meta}</p>{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    return extract_through_api(xkey, body)["data"].get("authors")


@pytest.mark.parametrize(
    ("lang", "meta"),
    [
        ("de", "4. März 2025 · Keine Kommentare"),
        ("de", "4. März 2025 | Kommentare Deaktiviert"),
        ("de", "4. März 2025 | Aktuelle Nachrichten"),
        ("de", "4. März 2025 · Redaktion Politik"),
        ("fr", "4 mars 2025 · Actualités Locales"),
        ("es", "4 de marzo de 2025 | Sin Comentarios"),
        ("it", "4 marzo 2025 · Nessun Commento"),
        ("pt", "4 de março de 2025 · Sem Comentários"),
        ("nl", "4 maart 2025 · Geen Reacties"),
        ("pl", "4 marca 2025 · Brak Komentarzy"),
    ],
)
def test_a_meta_lines_furniture_names_no_writer(xkey, lang, meta):
    assert authors_of(xkey, lang, meta) in ([], None)


@pytest.mark.parametrize(
    ("lang", "meta", "names"),
    [
        ("de", "4. März 2025 · Hans Müller", ["Hans Müller"]),
        ("es", "4 de marzo de 2025 · Juan García", ["Juan García"]),
        ("ko", "2025년 3월 4일 · Jane Sin", ["Jane Sin"]),
        ("sv", "4 mars 2025 · Inga Lindqvist", ["Inga Lindqvist"]),
        ("nl", "4 maart 2025 · Sem de Jong", ["Sem de Jong"]),
    ],
)
def test_a_person_beside_the_date_is_still_the_writer(xkey, lang, meta, names):
    assert authors_of(xkey, lang, meta) == names


@pytest.mark.parametrize(
    ("lang", "meta", "names"),
    [
        ("sv", "<p>Per Nilsson | 4 mars 2025</p>", ["Per Nilsson"]),
        ("en", "<div><span>Dec 17, 2025</span><span>Per Nilsson</span></div>", ["Per Nilsson"]),
        ("en", "<p>Oleh Petrenko | Senior Writer | July 2, 2025</p>", ["Oleh Petrenko"]),
        ("en", "<div><span>Dec 17, 2025</span><span>Ni Yuchen</span></div>", ["Ni Yuchen"]),
        # on a page of the label's language it is the label
        ("id", "<p>Oleh Budi Santoso | 4 Maret 2025</p>", ["Budi Santoso"]),
    ],
)
def test_a_writer_named_like_a_label_beside_the_date_is_the_writer(xkey, lang, meta, names):
    html = (
        f"<html lang='{lang}'><head><title>Roses</title></head><body>"
        f"<article><h1>Roses</h1>{meta}{TEXT}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    assert extract_through_api(xkey, body)["data"].get("authors") == names


def test_a_writer_named_like_a_label_in_the_writers_box_is_the_writer(xkey):
    box = (
        "<div class='author-box'><p>About the author</p><p>Oleh Petrenko</p><p>Has grown roses for twenty years, "
        "taught gardening classes at the community college and written three books on pruning.</p></div>"
    )
    html = (
        "<html lang='en'><head><title>Roses</title></head><body>"
        f"<article><h1>Roses</h1>{TEXT}{box}</article></body></html>"
    )
    body = {"type": "article", "content": html, "url": "https://example.com/roses"}
    assert extract_through_api(xkey, body)["data"].get("authors") == ["Oleh Petrenko"]
