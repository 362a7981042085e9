"""A writer's name beside the article's date with the writer's role between them, through the API (POST, run, GET)
(extractor/pipeline/article/authors.py ``name_beside_date`` / ``_past_role``): "Jane Doe / Staff Writer / March 4,
2025" on three lines (a card's name, title and date) names Jane Doe; before, the role line next to the date was read
as the name's place and no author was given. On the dev pages the rule alone (whatever the pipeline takes first)
changes six labelled pages, three of each host half, each to the label's name (one from the role "Senior Autos")."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

TEXT = "".join(
    f"<p>Paragraph {i} of the article explains how the city council reads its budget, which lines grew this year and "
    "what the vote next month will decide for the schools and the roads.</p>"
    for i in range(1, 6)
)


def extract(xkey, meta: str) -> dict:
    html = (
        '<html lang="en"><head><title>Budget talks resume</title></head><body><nav><p>Menu</p></nav><article>'
        f"<h1>Budget talks resume</h1>{meta}{TEXT}</article></body></html>"
    )
    return extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.com/news/budget"})[
        "data"
    ]


@pytest.mark.parametrize(
    "meta",
    [
        "<p>Jane Doe<br>Staff Writer<br>March 4, 2025</p>",
        '<div class="meta"><span>Jane Doe</span><span>Senior Reporter</span><span>March 4, 2025</span></div>',
        "<div><p>March 4, 2025</p><p>Contributing Editor</p><p>Jane Doe</p></div>",
    ],
)
def test_a_name_past_the_writers_role(xkey, meta):
    data = extract(xkey, meta)
    assert data["authors"] == ["Jane Doe"]
    assert data["publishedAt"].startswith("2025-03-04")


@pytest.mark.parametrize(
    "meta",
    [
        # past the role stands no name
        "<p>Politics<br>Staff Writer<br>March 4, 2025</p>",
        # the name is a credit's, not the writer's
        "<p>Reviewed by<br>Staff Writer<br>March 4, 2025</p>",
    ],
)
def test_no_writer_past_the_role(xkey, meta):
    assert not extract(xkey, meta).get("authors")
