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


FRENCH_PARAGRAPH = (
    "<p>Le paragraphe {} du guide explique comment se passe la location de la voiture, ce que le guichet demande "
    "et quels frais le tarif du jour laisse de cote avant la signature du contrat.</p>"
)


def page(text: str, lang: str | None = None, paragraph: str = PARAGRAPH) -> str:
    paragraphs = "".join(paragraph.format(i) for i in range(1, 4))
    html = f'<html lang="{lang}">' if lang else "<html>"
    return (
        f'{html}<head><meta charset="utf-8"><title>Renting a car</title></head><body><article><h1>Renting a car</h1>'
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
    """Latin-1: "’" (E2 80 99), "—", "“", "”" are read as "â" and two C1 control characters, which sanitising removes;
    the lone "â" left is the apostrophe of a contraction, the dash between words, the quotation marks at a word's
    start and end."""
    text = "We’ll drive — slowly — to the “coast”; it’s far, isn’t it? The driver’s seat."
    mangled = read_as(page("Schön: " + text), "latin-1")
    assert "Weâ\x80\x99ll" in mangled
    data = through_api(xkey, mangled)
    assert text in data["text"], data["text"]


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Le château et la pâte à tout âge — « la tradition » du “château”, même à Noël."),
        ("vi", "Tâm sự, nâng cao, cân bằng — “tâm” là chất lượng."),
    ],
)
def test_a_circumflex_a_decoded_again_stays_a_letter(xkey, codec, lang, text):
    """A page of mojibake whose own "â" ("Ã¢") is decoded again: that "â" is a letter, not a stripped mark's "â"."""
    data = through_api(xkey, page(read_as(text, codec), lang))
    assert text in data["text"], data["text"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Le château et la pâte à tout âge, c’est « la tradition ». Â© 2025 Le Journal"),
        ("de", "Das ist „Spaß“, sagt er über den Fußball-Abend in München: „Grüße“. Preis:Â\u00a0€5"),
        ("pt", "O «CAFÉ» é bom, «PORQUÊ»? A câmera e a lâmpada não são caras. Â© 2025"),
    ],
)
def test_a_correct_page_with_a_stray_mojibake_run_stays(xkey, lang, text):
    """One "Â©" or "Â\xa0" in a page of correct text: the page is not decoded again („Spaß“ would read „Spaߓ, «CAFÉ»
    «CAFɻ) nor its "â" read as marks."""
    data = through_api(xkey, page(text, lang))
    assert text.split(" Â")[0].split(":Â")[0] in data["text"], data["text"]


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
        # "âre" ends Romanian words; "râs" ends as "itâs" does, but the page's other words hold "â" as a letter
        "Guvernul a adoptat o hotărâre. Ministrul a semnat o hotărâre, iar consiliul o altă hotărâre de coborâre.",
        "Am râs, ai râs, au râs de hotărâre și coborâre în România, când mâine e sâmbătă.",
    ],
)
def test_a_lone_circumflex_a_of_another_language_stays(xkey, text):
    data = through_api(xkey, page(text))
    assert text in data["text"], data["text"]


def test_a_page_in_another_language_shows_no_stripped_apostrophes(xkey):
    """A page declared Romanian: "râs" is a word of its own, not "itâs"."""
    text = "Am râs, ai râs, au râs, și el a râs."
    data = through_api(xkey, page(text, "ro"))
    assert text in data["text"], data["text"]


ELIDED = "C’est l’âme d’un homme qu’il aime, jusqu’à l’hôtel — dit-il, et l’on s’y rend. Le château de Tâm."


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
@pytest.mark.parametrize("lang", ["fr", None])
def test_a_french_elided_apostrophe_whose_bytes_are_gone_is_an_apostrophe(xkey, codec, lang):
    """ "c’est" read as Latin-1 arrives as "câest" once sanitising removed its C1 bytes: between an elided word (c, d,
    j, l, m, n, s, t, qu …) and a word opening with a vowel or "h", on a page in a language that elides (declared, or
    undeclared and showing more elisions than English contractions), the lone "â" is the apostrophe, not a dash; the
    page's own "â" (château, Tâm) and its real dash stay."""
    data = through_api(xkey, page(read_as(ELIDED, codec), lang, FRENCH_PARAGRAPH))
    assert ELIDED in data["text"], data["text"]


@pytest.mark.parametrize("lang", ["fr", None])
def test_a_lone_circumflex_a_on_a_page_written_in_english_stays_a_dash_whatever_it_declares(xkey, lang):
    """Declared French (a template's default) or undeclared with long possessives ("company’s"): the text reads as
    English, so "D—and", "C—every" and "all—every" keep their dashes."""
    text = (
        "Schön: the company’s plan, the industry’s view and the nation’s mood. Take vitamin D—and vitamin C—every "
        "day; it’s all—every bit—in the diet, and you’ll see."
    )
    data = through_api(xkey, page(read_as(text, "latin-1"), lang))
    assert text in data["text"], data["text"]


def test_a_lone_circumflex_a_after_a_letter_on_an_english_page_stays_a_dash(xkey):
    """An English page: "D—and" is a dash after a letter, not an elision."""
    text = "Schön: we’ll take vitamin D—and it’s cheap; you’ll see, the doctor’s view is plain."
    data = through_api(xkey, page(read_as(text, "latin-1")))
    assert text in data["text"], data["text"]
