"""The template probes' dates and names the twentieth metadata pass left unread, through the API (POST, run, GET;
pages by ``tests/extractor/cms_template_pages.py``, each read whole: title, writers, day, the body's first and last
paragraph). Drupal's default medium format is month first in every translation ("czw., 03/14/2024 - 10:30" on a
Polish page: a slashed date whose second number is no month reads month first, ``dates._numeric_date``); Olivero's
"j F, Y" with a CJK month ("14 3月, 2024", "14 三月, 2024", "14 3월, 2024": ``dates._TEXT_DATE_DMY_CJK``); the spaced
Czech "4. 3. 2024" inside a meta line, after its label and before the byline ("Publikováno 4. 3. 2024 od …",
``dates.unspaced``, ``authors._only_a_date``) or as a part of it ("Autor: … · 4. 3. 2024"); the Czech short month
names ("po 04. bře 2024 10:30", ``dates._SHORT_MONTHS``); Drupal's Turkish and Korean "Submitted by", which write
"by" after the name ("<name> tarafından <date> tarihinde gönderildi", "<name>님이 <date>에 작성":
``authors._BY_AFTER_NAME_RE``, a name alone before it; not in a recent-comments widget); Blogger's Japanese post title
("ガーデン日記: 早春のバラの剪定のしかた" over the masthead h1 and the post's h3: a headline written without spaces is
weighed by its characters, ``titles._title_in_h2``). All failed before this pass."""

from __future__ import annotations

import pytest

from tests.extractor.cms_template_pages import read_whole
from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("template", "code"),
    [
        ("drupal", "pl"),
        *(("drupal_olivero", code) for code in ("ja", "zh", "ko")),
        ("hugo_posted", "cs"),
        ("phpbb", "cs"),
        ("content_closing_lines", "cs"),
        ("drupal", "tr"),
        ("drupal", "ko"),
        ("blogger", "ja"),
    ],
)
def test_a_template_s_date_in_another_language_is_read(xkey, template, code):
    read_whole(xkey, template, code)


@pytest.mark.parametrize(
    ("lang", "meta", "authors"),
    [
        ("tr", "<p><span>Ayşe Yılmaz</span> tarafından 4 Mart 2024 tarihinde gönderildi</p>", ["Ayşe Yılmaz"]),
        ("ko", "<p><span>김민지</span>님이 2024년 3월 4일에 작성</p>", ["김민지"]),
        # no name before the word: a phrase ("this post"), a name of one Latin word
        ("tr", "<p><span>Bu yazı</span> tarafından hazırlandı</p>", []),
        ("tr", "<p><span>Admin</span> tarafından gönderildi</p>", []),
        # a recent-comments widget's commenter ("<name>님이 <post>에 댓글")
        (
            "ko",
            "<p>2024년 3월 4일</p><div class='widget_recent_comments'><span class='comment-author-link'>박서연</span>님이 "
            "<a>다른 글</a>에 댓글</div>",
            [],
        ),
    ],
)
def test_a_name_before_its_language_s_by(xkey, lang, meta, authors):
    text = "".join(
        f"<p>Paragraph {i} of the article, long enough to be read as the body of the page.</p>" for i in range(5)
    )
    html = (
        f"<html lang='{lang}'><head><title>Roses</title></head><body><article><h1>Roses</h1>{meta}{text}</article>"
        "</body></html>"
    )
    data = extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.com/roses"})["data"]
    assert (data.get("authors") or []) == authors
