"""trafilatura's recall pass without the copies it discards (`extractor.pipeline.trafilatura_recall`): the same
body, text and comments as `trafilatura.bare_extraction` with the pipeline's options, on real pages and on pages
built to reach each stage (the comparison with readability / jusText, the baseline rescue, a forum thread, nothing
to extract)."""

import gzip
import json
from pathlib import Path

import lxml.html
import pytest
import trafilatura
from lxml.etree import tostring

from extractor.pipeline import trafilatura_recall
from extractor.pipeline.formats import parse_html
from extractor.pipeline.trafilatura_xpaths import mirrored
from extractor.sanitize import sanitize_content

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
PAGE_FILES = sorted(PAGES.glob("*/html/*.html.gz"))
URL = "https://example.com/news/a-story"


def _fields(doc):
    if doc is None:
        return None
    return tostring(doc.body, encoding="unicode"), doc.raw_text, tostring(doc.commentsbody, encoding="unicode")


def _bare(tree):
    return trafilatura.bare_extraction(
        tree, url=URL, favor_recall=True, include_comments=False, include_tables=True, output_format="txt"
    )


def _assert_same(tree):
    before = tostring(tree, encoding="unicode")
    expected = _fields(_bare(tree))
    assert _fields(trafilatura_recall.recall_pass(tree, URL)) == expected
    with mirrored():
        assert _fields(trafilatura_recall.recall_pass(tree, URL)) == expected
    assert tostring(tree, encoding="unicode") == before  # the caller's tree is left as it was


def test_the_lean_pass_runs_on_this_trafilatura():
    """If this fails, trafilatura's version changed: `recall_pass` calls `bare_extraction` (correct, slower) until
    `trafilatura_recall` is checked against the new `trafilatura_sequence`."""
    assert trafilatura_recall.LEAN


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_real_pages(path):
    with gzip.open(path) as fh:
        raw = fh.read().decode("utf-8", "replace")
    _assert_same(parse_html(sanitize_content(format="html", content=raw), controls=False))


_PARAGRAPH = "This paragraph of the story carries enough words to be read as prose by every extractor. "
_FORUM = json.dumps({"@context": "https://schema.org", "@type": "DiscussionForumPosting", "headline": "Thread"})
BUILT = {
    # long: compare_extraction returns at once
    "long article": f"<article><h1>Title</h1>{''.join(f'<p>{_PARAGRAPH * 3}</p>' for _ in range(12))}</article>",
    # short: readability and jusText are tried
    "short article": f"<div class='post'><h1>Title</h1><p>{_PARAGRAPH}</p><p>{_PARAGRAPH}</p></div>",
    "short, unclean": f"<div><p>{_PARAGRAPH}</p><nav><a href='/'>Home</a></nav><p>{_PARAGRAPH}</p></div>",
    # very short: the baseline rescue
    "a line": "<div><span>Just one short line of text here.</span></div>",
    "text in a table": "<table><tr><td>Cell text that is the only content of the page.</td></tr></table>",
    # comment sections pruned, but not on a forum thread
    "comments": f"<article><p>{_PARAGRAPH * 4}</p></article><div id='comments'><p>{_PARAGRAPH}</p></div>",
    "forum": f"<script type='application/ld+json'>{_FORUM}</script><div class='comment-list'><p>{_PARAGRAPH}</p>"
    f"<p>{_PARAGRAPH * 2}</p></div>",
    "infinite scroll": f"<article><h1>A</h1><p>{_PARAGRAPH * 4}</p></article><div class='infinite-scroll'>"
    f"<p>{_PARAGRAPH * 4}</p></div>",
    "nothing": "<div><img src='a.png'></div>",
}


@pytest.mark.parametrize("case", BUILT)
def test_built_pages(case):
    _assert_same(lxml.html.document_fromstring(f"<html><head><title>T</title></head><body>{BUILT[case]}</body></html>"))
