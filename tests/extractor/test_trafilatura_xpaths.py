"""trafilatura's pruning and body-finding XPaths walked in Python (`extractor.pipeline.trafilatura_xpaths`): each
mirror selects the elements its XPath selects, on the trees the pipeline hands trafilatura for real pages and on
built cases of each test and quirk; trafilatura's output is the same with them; they are in place only inside
`mirrored()`."""

import gzip
from pathlib import Path

import lxml.html
import pytest
import trafilatura
import trafilatura.xpaths as tx
from lxml.etree import XPath, tostring

from extractor.pipeline import extract
from extractor.pipeline import trafilatura_xpaths as mirrors
from extractor.pipeline.formats import parse_html
from extractor.sanitize import sanitize_content

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
PAGE_FILES = sorted(PAGES.glob("*/html/*.html.gz"))


def _page(path: Path) -> str:
    with gzip.open(path) as fh:
        return sanitize_content(format="html", content=fh.read().decode("utf-8", "replace"))


def _tree(body: str):
    return lxml.html.document_fromstring(f"<html><head><title>T</title></head><body>{body}</body></html>")


def _same(xpath, mirror, tree) -> bool:
    expected, got = xpath(tree), list(mirror(tree))
    return len(expected) == len(got) and all(a is b for a, b in zip(expected, got, strict=True))


def test_every_mirrored_xpath_is_trafilaturas():
    """If this fails, trafilatura's XPaths changed (or its version did): the ones no longer mirrored run as
    trafilatura's own (correct, slower) until the classes of `trafilatura_xpaths` follow them."""
    assert [type(m).__name__ for *_, m in mirrors.MIRRORS] == [cls.__name__ for *_, cls in mirrors._PLACES]


def test_an_xpath_of_another_structure_is_not_mirrored():
    assert not mirrors.OverallDiscard(
        XPath(".//*[self::div][re:test(@id, 'x')]", namespaces={"re": tx.REGEXP_NS})
    ).usable
    assert not mirrors.ClassContains(XPath(".//*[self::div or self::section][contains(@class, 'x')]")).usable


def test_the_mirrors_are_in_place_only_inside_the_block():
    xpaths = {(id(found), index): xpath for found, index, xpath, _ in mirrors.MIRRORS}
    with mirrors.mirrored():
        assert all(found[index] is mirror for found, index, _, mirror in mirrors.MIRRORS)
    assert all(found[index] is xpaths[(id(found), index)] for found, index, *_ in mirrors.MIRRORS)
    with pytest.raises(RuntimeError), mirrors.mirrored():
        raise RuntimeError
    assert all(isinstance(found[index], XPath) for found, index, *_ in mirrors.MIRRORS)


class _Checking:
    """Stands in for a mirror: returns the XPath's elements and records whether the mirror selected the same."""

    def __init__(self, xpath, mirror, seen: list):
        self.xpath, self.mirror, self.seen, self.path = xpath, mirror, seen, xpath.path

    def __call__(self, tree):
        self.seen.append((type(self.mirror).__name__, _same(self.xpath, self.mirror, tree)))
        return self.xpath(tree)


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: f"{p.parts[-3]}/{p.name}")
def test_real_pages_select_the_same_elements(path, monkeypatch):
    """At every call trafilatura makes during the article pipeline, the mirror selects the XPath's elements."""
    seen: list = []
    checking = [(f, i, x, _Checking(x, m, seen)) for f, i, x, m in mirrors.MIRRORS]
    monkeypatch.setattr(mirrors, "MIRRORS", checking)
    extract(type="article", format="html", content=_page(path), url="https://example.com/news/a-story")
    assert seen and all(same for _, same in seen), [name for name, same in seen if not same]


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: f"{p.parts[-3]}/{p.name}")
@pytest.mark.parametrize("recall", [True, False])
def test_real_pages_give_trafilaturas_output(path, recall):
    tree = parse_html(_page(path), controls=False)

    def run():
        doc = trafilatura.bare_extraction(
            tree, favor_recall=recall, include_comments=False, include_tables=True, output_format="txt"
        )
        return None if doc is None else (tostring(doc.body, encoding="unicode"), doc.raw_text)

    expected = run()
    with mirrors.mirrored():
        assert run() == expected


CASES = {
    # source order decides XPath's string of @id|@class (and of @id|@style)
    "class before id": '<div class="cookie-box" id="main">a</div><div id="cookie" class="x">b</div>',
    "id before class": '<p id="x" class="cookie">a</p><span id="reply-1" class="c">b</span>',
    "reply class first": '<div class="reply-form" id="f">a</div><div id="r" class="reply-x">b</div>',
    "hidden id or style": '<div style="color: hidden" id="x">a</div><div id="hidden-x" style="a">b</div>',
    "styles": '<p style="display:none">a</p><p style="display: none">b</p><i style="display:block">c</i>',
    "aria": '<b aria-hidden="true">a</b><b aria-hidden="false">b</b><b aria-hidden="">c</b>',
    "title": '<h3 class="comments-title">a</h3><h3 class="comments-title x">b</h3><h3 class="">c</h3>',
    "role": '<div role="Navigation">a</div><span role="main navigation">b</span><p role="NAV">c</p>',
    "data attributes": '<div data-lp-replacement-content="">a</div><div data-component="MostPopularStories">b</div>',
    "tags only": '<em class="sidebar">a</em><section class="sidebar">b</section><item class="menu">c</item>',
    "nested": '<div class="share-x"><div class="menu"><p class="meta">a</p></div></div><p>b</p>',
    "comments": '<div id="comments">a</div><ul class="comment-list">b</ul><ol id="commentary">c</ol><ul id="x">d</ul>',
    "disqus": '<div id="disqus_thread">a</div><ol id="disqus_thread">b</ol><details class="post-comments">c</details>',
    "infinite scroll": '<div class="infinite-scroll"><h1>H</h1></div><aside id="infinite-scroll">a</aside>'
    '<section class="mvp-post-add-box"><h1>H</h1></section>',
    "share buttons": '<div class="elementor-share-buttons--x">a</div><span class="elementor-share-buttons">b</span>',
    "captions": '<div id="image-caption">a</div><p class="wp-caption-text">b</p><figcaption class="caption">c</figcaption>',
    "comment nodes": "<!-- a comment --><div><!-- x --><p class='meta'>a</p></div>",
    "no attributes": "<div><p>a</p><span>b</span></div>",
    # the body containers: .//*[…][1] is the first match among each element's children
    "article bodies": '<div class="post"><div class="entry">a</div><div class="entry">b</div></div>'
    '<section itemprop="articleBody">c</section><main id="articleContent">d</main>',
    "article body patterns": '<div id="x"><article class="post-content">a</article></div><div id="art-content">b</div>',
    "story": '<div class="FullText">a</div><section role="article">b</section><div id="story">c</div>',
    "story patterns": '<div class="x"><div class="article main">a</div><main class="single-post">b</main></div>',
    "main content": '<div id="Main-Content">a</div><div class="Page-Content">b</div><section class="content">c</section>',
    "main content patterns": '<div id="contentBody">a</div><article class="content__body">b</article>',
    "none": "<p>Nothing to find here.</p>",
}


@pytest.mark.parametrize("case", CASES)
def test_built_cases_select_the_same_elements(case):
    for *_, xpath, mirror in mirrors.MIRRORS:
        tree = _tree(CASES[case])
        assert _same(xpath, mirror, tree), type(mirror).__name__
        assert _same(xpath, mirror, tree.find("body")), type(mirror).__name__
