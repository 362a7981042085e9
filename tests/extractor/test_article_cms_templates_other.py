"""Article pages in the shapes other publishing software writes (Ghost, Drupal, Joomla, Blogger, Hugo and Jekyll
themes, a Medium export, Substack, a news CMS, phpBB, Discourse), in its localised wording, through the API (POST,
run, GET); the pages come from ``tests/extractor/cms_template_pages.py``. Read wrong before this pass: Drupal's
"Submitted by … on …" and Joomla's "Written by" (the sidebar's recent commenter was taken: ``in_comment_part``),
Blogger's post title under the blog's masthead h1 with a "Blog: Post" ``<title>`` (``titles._title_in_h2``),
PaperMod's "date · 5 min · name" (``_meta_part`` past the reading time), a Hugo theme's "Pubblicato il … da …" in
other languages (the date labels and localised "by" of ``_DATE_LABEL_RE`` / ``_BYLINE_RE``), a phpBB post's "by
<name> » <date>" and the topic's title opening its body, and a two-character Chinese name in an author element."""

from __future__ import annotations

import pytest

from tests.extractor.cms_template_pages import read_whole

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("template", "code"),
    [
        *(("ghost", code) for code in ("en", "fr", "ja")),
        *(("drupal", code) for code in ("en", "fr", "de", "it", "es", "nl", "ja", "sv", "zh")),
        *(("drupal_olivero", code) for code in ("en", "de")),
        *(("joomla", code) for code in ("en", "it", "es", "pl", "ru", "sv", "cs")),
        *(("blogger", code) for code in ("en", "it", "nl", "sv", "de")),
        *(("hugo_papermod", code) for code in ("en", "fr", "de", "ru", "tr")),
        *(("jekyll", code) for code in ("en", "zh")),
        *(("hugo_posted", code) for code in ("it", "pl", "sv", "tr", "en")),
        *(("medium_export", code) for code in ("en", "de")),
        *(("substack", code) for code in ("en", "es")),
        *(("news_multi", code) for code in ("en", "es", "de")),
        *(("phpbb", code) for code in ("en", "fr", "nl", "pl", "ko", "sv", "tr")),
        *(("discourse", code) for code in ("en", "zh")),
    ],
)
def test_a_publishing_system_s_article_is_read_whole(xkey, template, code):
    read_whole(xkey, template, code)
