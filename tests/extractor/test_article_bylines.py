"""trafilatura's byline search read in one walk of the page (`authors._byline_search`): the same answer as
trafilatura's own `extract_author` (a pruned copy of the tree, four XPath passes), on real pages and on the cases
where the pruning matters; and the article / main containers read once (`body.article_containers`)."""

import gzip
from pathlib import Path

import lxml.html
import pytest
from trafilatura.metadata import extract_author

from extractor.pipeline.article import authors
from extractor.pipeline.article.body import article_containers
from extractor.pipeline.formats import parse_html
from extractor.sanitize import sanitize_content

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "webpages-dev" / "html"


def _tree(body: str):
    return lxml.html.document_fromstring(f"<html><head><title>T</title></head><body>{body}</body></html>")


def test_the_mirrored_xpaths_are_trafilaturas():
    """If this fails, trafilatura's author or discard XPaths changed: `_byline_search` falls back to trafilatura's
    own search (correct, slower) until `authors._MIRRORED` and the tests of `_byline_matches` follow them."""
    assert authors.MIRRORS_TRAFILATURA


@pytest.mark.parametrize("page", sorted(p.name for p in PAGES.glob("*.html.gz")))
def test_real_pages_give_trafilaturas_answer(page):
    with gzip.open(PAGES / page) as fh:
        raw = fh.read().decode("utf-8", "replace")
    tree = parse_html(sanitize_content(format="html", content=raw), controls=False)
    assert authors._byline_search(tree) == extract_author(tree)


BYLINE_CASES = {
    # the first XPath: rel / class / itemprop / data-testid tests, and its class pattern
    "rel author": '<p>Intro text.</p><a rel="author" href="/a">Jane Roe</a>',
    "class author-name": '<div class="post-author-name">Jane Roe</div><span class="author">Other Person</span>',
    "data-testid": '<div data-testid="AuthorCard">Jane Roe</div>',
    "itemprop exact": '<span itemprop="author name">Jane Roe</span>',
    # the second and third XPaths, in their order: the first expression that gives a name wins
    "second before third": '<div class="writer">Third Person</div><h4 class="byline">Jane Roe</h4>',
    "id pattern": '<p id="zuozhe-box">Li Wei</p>',
    "third only": '<section data-component="StoryByline">Jane Roe</section>',
    "itemprop contains": '<li itemprop="creator author">Jane Roe</li>',
    # too short, too long: the next match is taken
    "too short then ok": '<span class="author">JR</span><span class="author">Jane Roe</span>',
    "too long then ok": f'<span class="author">{"word " * 30}</span><a rel="author">Jane Roe</a>',
    # discard matches: a byline inside one is skipped, in every form the discard XPaths take
    "inside sidebar": '<div class="sidebar"><span class="author">Side Person</span></div><a rel="author">Jane Roe</a>',
    "inside comments id": '<div id="comments"><a rel="author">Commenter</a></div><p class="author">Jane Roe</p>',
    "inside figure": '<figure><span class="author">Photo Person</span></figure><span class="author">Jane Roe</span>',
    "inside time": '<time><span class="author">Odd</span></time><span class="author">Jane Roe</span>',
    "itself discarded": '<span class="author quote">Quoted</span><span class="author">Jane Roe</span>',
    "data-component figure": '<div data-component="Figure"><a rel="author">X Y</a></div><a rel="author">Jane Roe</a>',
    # a discard match inside the byline: the pruning moves its tail, trafilatura's own search decides
    "time inside byline": '<div class="author">By Jane Roe <time>May 5</time> in News</div>',
    "figure inside long byline": f'<div class="author"><figure>{"caption " * 30}</figure>Jane Roe</div>',
    "nothing": "<p>No byline on this page at all.</p>",
}


@pytest.mark.parametrize("body", BYLINE_CASES.values(), ids=BYLINE_CASES.keys())
def test_cases_give_trafilaturas_answer(body):
    tree = _tree(body)
    expected = extract_author(tree)
    assert authors._byline_search(tree) == expected
    assert authors._tf_author(tree) == ([expected] if expected else [])


def test_a_discard_match_inside_the_byline_is_left_to_trafilatura():
    """The pruning deletes the `<time>` inside the byline: with it the byline's text is past the length limit, without
    it a name. Only the pruned text gives the name, and it is what `_byline_search` returns."""
    long_date = "Monday " * 20
    tree = _tree(f'<p>Intro.</p><span class="author">Jane Roe <time>{long_date}</time></span>')
    byline = tree.find(".//span")
    assert len(" ".join(byline.itertext())) > authors.BYLINE_MAX_CHARS
    assert authors._byline_search(tree) == extract_author(tree) == "Jane Roe"


def test_a_rel_me_child_selects_its_parent():
    """XPath's `rel='me'`: an element whose child `<rel>` reads "me" (never after the sanitiser, which unwraps it)."""
    tree = _tree("<p>Intro.</p><span>Jane Roe<rel>me</rel></span>")
    first, *_ = authors._byline_matches(tree)
    assert [el.tag for el in first] == ["span"]
    assert authors._byline_search(tree) == extract_author(tree)


def test_article_containers_are_the_xpath_union_in_document_order():
    tree = _tree(
        '<main><div itemprop="articleBody"><article><p>a</p></article></div></main>'
        '<article><p>b</p></article><div itemprop="articleBodyX">c</div>'
    )
    expected = tree.xpath("//article|//main|//*[@itemprop='articleBody']")
    assert article_containers(tree) == expected and len(expected) == 4
