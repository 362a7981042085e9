"""An article page whose UTF-8 was decoded as Latin-1 / Windows-1252 (mojibake), through the API (POST, run, GET): its
text is read as its UTF-8 said, also where sanitising removed the C1 control characters of a quotation mark, an
apostrophe or a dash ("itâ\\x80\\x99s" arrives as "itâs"; extractor/pipeline/__init__.py ``_repaired``,
article/common.py ``repair_stripped_mojibake``)."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = (
    "It’s a long drive to the coast — and you’ll “love” every mile of it… The rental desk asks for a licence, "
    "a card in your own name and the booking; the car’s tank comes full and goes back full. Schön, says "
    "the café by the harbour rents bikes for €12 a day."
)
PARAGRAPH = (
    "<p>Paragraph {} of the guide explains how renting a car works, what the counter will ask for, and which "
    "fees the daily rate leaves out until you sign the contract at the desk.</p>"
)


def page(text: str) -> str:
    paragraphs = "".join(PARAGRAPH.format(i) for i in range(1, 4))
    return (
        '<html><head><meta charset="utf-8"><title>Renting a car</title></head><body><article><h1>Renting a car</h1>'
        f"<p>{text}</p>{paragraphs}</article></body></html>"
    )


def read_as(text: str, codec: str) -> str:
    """The text as a page shows it when its UTF-8 bytes were decoded as ``codec`` (a byte Windows-1252 leaves
    undefined, such as the 0x9D of "”", becomes the C1 character of the same number, as browsers read it)."""
    return "".join(bytes((b,)).decode(codec, errors="ignore") or chr(b) for b in text.encode("utf-8"))


def through_api(xkey, html: str) -> dict:
    return extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.com/guide"})["data"]


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_an_article_whose_utf8_was_read_as_latin1_reads_as_written(xkey, codec):
    data = through_api(xkey, page(read_as(TEXT, codec)))
    assert TEXT in data["text"], data["text"]
    assert "â" not in data["text"] and "Ã" not in data["text"]


def test_marks_whose_control_bytes_are_gone_are_told_by_what_surrounds_them(xkey):
    """Latin-1: "’" (E2 80 99), "—", "“", "”" lose both bytes after the "â"; the apostrophe of a contraction, the
    dash between words, the quotation marks at a word's start and end."""
    mangled = "Weâll drive â slowly â to the âcoastâ; itâs far, isnât it? The driverâs seat."
    data = through_api(xkey, read_as(page("Schön: " + mangled), "latin-1"))
    assert "We’ll drive — slowly — to the “coast”; it’s far, isn’t it? The driver’s seat." in data["text"]


def test_an_article_in_a_language_that_writes_a_circumflex_stays(xkey):
    """No "Ã…" / "Â…" / "â€…" anywhere: "âge", "pâte", "château" are French, not mojibake."""
    text = "À tout âge, la pâte du château se mange crue ; c’est « la tradition » — même à Noël."
    data = through_api(xkey, page(text))
    assert text in data["text"], data["text"]


def test_a_page_left_with_only_its_stripped_apostrophes_is_repaired(xkey):
    """No intact "Ã…" / "Â…" / "â€…" run anywhere (every "’" lost its C1 bytes): three or more contractions whose
    apostrophe is a lone "â" tell the page."""
    mangled = "Itâs early, weâre ready and youâll see the driverâs seat."
    data = through_api(xkey, page(mangled))
    assert "It’s early, we’re ready and you’ll see the driver’s seat." in data["text"], data["text"]


@pytest.mark.parametrize(
    "text",
    [
        "Cât costă? Nu știu cât, dar cât de mult contează: tâm sự, nâng cao.",  # Romanian, Vietnamese
        "Le théâtre, c’est l’âme : Zâs and Tâs are the shop’s names.",  # two such words are not yet a page's tell
    ],
)
def test_a_lone_circumflex_a_of_another_language_stays(xkey, text):
    data = through_api(xkey, page(text))
    assert text in data["text"], data["text"]
