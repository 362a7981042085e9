"""Bylines that give the writer with other credits, or in a case of their own, through the API (POST, run, GET): the
Japanese and Chinese "文" joined to the other credits the writer holds ("文・写真：山田太郎", "取材・文：山田太郎",
"文/图：张伟"; before, only a bare "文："), and the Greek "Του …" / "Της …" before the writer's name in the genitive
("Του Γιάννη Παπαδόπουλου" → "Γιάννη Παπαδόπουλου"; before, the article was kept as part of the name), on Greek
pages only, since "της" opens sentences too (extractor/pipeline/article/authors.py ``_BYLINE_RE``,
``_LANGUAGE_LABELS``)."""

from __future__ import annotations

import pytest

from tests.helpers import article_authors as authors

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "byline", "expected"),
    [
        ("ja", "文・写真：山田太郎", ["山田太郎"]),
        ("ja", "取材・文：山田太郎", ["山田太郎"]),
        ("ja", "写真・文／山田太郎", ["山田太郎"]),
        ("zh", "文/图：张伟", ["张伟"]),
        ("el", "Του Γιάννη Παπαδόπουλου", ["Γιάννη Παπαδόπουλου"]),
        ("el", "Της Μαρίας Οικονόμου", ["Μαρίας Οικονόμου"]),
    ],
)
def test_a_byline_with_credits_or_a_case_names_the_writer(xkey, lang, byline, expected):
    assert authors(xkey, lang, byline) == expected


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("el", "Της έδωσε το βραβείο ο δήμαρχος της πόλης."),  # "gave her the prize": a sentence
        ("ja", "文化の日に公園を訪れた人は多かった。"),  # 文 opening a word
    ],
)
def test_a_sentence_is_no_byline(xkey, lang, line):
    assert not authors(xkey, lang, line)
