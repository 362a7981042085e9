"""Article pages in the shapes WordPress's default themes and common plugins write, in the themes' localised wording,
through the API (POST, run, GET): each case states the title, the writers, the day and where the body starts and ends
(``tests/extractor/cms_template_pages.py`` builds the pages). Read wrong before this pass: a localised "by" in the
byline (``da`` on Italian pages, ``przez`` on Polish, ``od`` on Czech, "投稿者", "글쓴이": kept in the name), a
screen-reader label before the name ("Auteur de l’article Par Claire Martin", ``_shown_text``), a comment's ``<time>``
taken as the post's date (``in_comment_part``), the recent-comments widget's commenter taken as the writer, the
author box's localised "View all posts by …" link read whole as the name (``_posts_link_name``). Beside them, the
same templates in languages that were read right stay so."""

from __future__ import annotations

import pytest

from tests.extractor.cms_template_pages import read_whole

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("template", "code"),
    [
        # the footer's meta line (entry-footer after the text) and the header's, the updated <time> first
        *(("wp_footer_meta", code) for code in ("it", "pl", "ja", "ko", "cs", "en", "fr", "de")),
        *(("wp_updated_first", code) for code in ("it", "pl", "ja", "en", "es")),
        *(("wp_meta_above_title", code) for code in ("ko", "cs", "nl")),
        # a list of post meta with screen-reader labels, the date shown only as text, a comment's <time> below
        *(("wp_post_meta_list", code) for code in ("en", "fr", "de", "ja", "zh", "tr")),
        # a block theme's "Written by" and its post date
        *(("wp_block_theme", code) for code in ("en", "de", "ja")),
        # Jetpack's blocks in the content, the author box with its "View all posts by …" link
        *(("wp_jetpack", code) for code in ("en", "fr", "de", "es", "pl", "ru", "ja", "zh", "ko", "tr", "cs")),
        # Twenty Ten: "Posted on <date> by <name>" with no <time>, "This entry was posted in …" closing the post
        *(("wp_twentyten", code) for code in ("en", "it", "nl", "sv")),
        # a tags line and the post links written into the content
        *(("content_closing_lines", code) for code in ("en", "de", "fr", "ja")),
        # a related-posts list and share links written into the content, a plain tags paragraph closing it
        *(("content_related_list", code) for code in ("en", "de", "ja", "ko", "pl")),
        *(("content_plain_tags", code) for code in ("fr", "pl", "ru", "ja")),
    ],
)
def test_a_wordpress_theme_s_post_is_read_whole(xkey, template, code):
    read_whole(xkey, template, code)
