"""Month names of more languages in the date a page shows, through the API (POST, run, GET), when no structured data
dates it: Slovak, Slovene, Estonian, Serbian and Bulgarian names ("17. decembra 2025", "17. detsember 2025", "17.
децембар 2025.", "17 декември 2025 г."), the "17. december 2025" of Danish, Dutch, Hungarian and Slovene pages and the
Danish "marts", the abbreviations Russian, Ukrainian, Turkish, Polish, Italian and Portuguese pages use ("4 окт. 2025",
"4 Oca 2025", "4 lut 2025", "4 mag 2025", "4 fev 2025") — on pages of that language only, since elsewhere they are
words (pt "tem", ru "трав", it "mag") or another month (Croatian "lip" is June, "lis" October), and Ukrainian's with
their dot only ("лист" is a letter) —, and the Catalan "d'" before a vowel ("4 d'abril de 2025")
(extractor/pipeline/article/dates.py ``_INTL_MONTHS``, ``_SHORT_MONTHS``, ``_TEXT_DATE_DMY_INTL``)."""

from __future__ import annotations

import time

import pytest

from extractor.pipeline.article.dates import dates_in_text
from tests.helpers import article_published_at as published_at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "shown", "expected"),
    [
        ("sk", "17. decembra 2025", "2025-12-17"),
        ("sk", "4. apríla 2025", "2025-04-04"),
        ("sl", "17. decembra 2025", "2025-12-17"),
        ("sl", "4. julija 2025", "2025-07-04"),
        ("et", "17. detsember 2025", "2025-12-17"),
        ("sr", "17. децембар 2025.", "2025-12-17"),
        ("bg", "17 декември 2025 г.", "2025-12-17"),
        ("da", "17. december 2025", "2025-12-17"),
        ("da", "4. marts 2025", "2025-03-04"),
        ("nl", "17 december 2025", "2025-12-17"),
        ("ru", "4 окт. 2025", "2025-10-04"),
        ("ru", "4 дек 2025", "2025-12-04"),
        ("uk", "4 жовт. 2025", "2025-10-04"),
        ("tr", "4 Oca 2025", "2025-01-04"),
        ("tr", "4 Şub 2025", "2025-02-04"),
        ("pl", "4 lut 2025", "2025-02-04"),
        ("pl", "4 paź 2025", "2025-10-04"),
        ("it", "4 mag 2025", "2025-05-04"),
        ("it", "4 lug 2025", "2025-07-04"),
        ("pl", "4 lip 2025", "2025-07-04"),
        ("pt", "4 fev 2025", "2025-02-04"),
        ("ca", "4 d'abril de 2025", "2025-04-04"),
        ("ca", "17 d’octubre de 2025", "2025-10-17"),
    ],
)
def test_a_date_shown_with_another_languages_month(xkey, lang, shown, expected):
    assert published_at(xkey, lang, f"<p>{shown}</p>") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Issue 4 of 2025 is out",
        "We planted 4 lutins in 2025",  # a word that opens like an abbreviation is no month
        "It sold 17 decks in 2025",
    ],
)
def test_words_beside_a_number_and_a_year_are_no_date(xkey, text):
    assert published_at(xkey, "en", f"<p>{text}</p>") is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("pt", "A Fórmula 1 tem 2025 como o ano do maior calendário da sua história."),  # "has"
        ("ru", "Сбор из 9 трав 2025 года урожая уже в продаже."),  # "of herbs"
        ("uk", "Відповідь на 3 лист 2025 року."),  # a letter
        ("uk", "Збір із 9 трав 2025 року."),
        ("en", "Bölüm 12 Kas 2024"),  # Turkish "Kas" on a page of another language
        ("en", "Galaxy 5 Mag 2024 review"),
        # Croatian "lip" (June) and "lis" (October) are Polish July and November: not read on a page of another
        # language (on Croatian pages as Croatian's: test_article_dates_shared_months.py; "lis" is Czech's own short
        # November, read on Czech pages since the twenty-first metadata pass: test_article_dates_probes_more.py)
        ("en", "4. lip 2025."),
        ("sk", "4. lis 2025."),
    ],
)
def test_a_word_or_another_languages_abbreviation_is_no_month(xkey, lang, text):
    assert published_at(xkey, lang, f"<p>{text}</p>") is None


def test_a_date_two_patterns_match_is_read_once():
    assert dates_in_text("16 December 2025", first_only=False) == ["2025-12-16"]
    assert sorted(dates_in_text("17. december 2025 and 18 December 2025")) == ["2025-12-17", "2025-12-18"]


@pytest.mark.parametrize("text", ["1 d'" * 30_000, "4 " * 50_000 + "oca", "17. december " * 10_000, "4 Oca " * 20_000])
def test_hostile_lines_are_read_in_linear_time(text):
    started = time.process_time()  # CPU of this process (the request runs in it), not the wall clock
    dates_in_text(text)
    dates_in_text(text, months="tr")
    assert time.process_time() - started < 3
