"""Where an article's body ends, through the API (POST, run, GET): the blocks closing trafilatura's body that the page
holds outside the article's element are cut, and so are a short closing label left over ("Related posts:") and a
short opening line from outside that element ("Back to blog") (extractor/pipeline/article/ending.py)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from extractor.pipeline.article import edges
from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db
# Real pages committed with their licence (tests/fixtures/pages/NOTICE.md).
PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "webpages-dev"


def through_api(xkey, html: str, url: str | None = None) -> dict:
    body = {"type": "article", "content": html, **({"url": url} if url else {})}
    return extract_through_api(xkey, body)["data"]


def copied_page(name: str) -> tuple[str, dict]:
    """A webpages-dev page copied under tests/fixtures (see its NOTICE) and its label."""
    with gzip.open(PAGES / "html" / f"{name}.html.gz") as fh:
        html = fh.read().decode("utf-8", "replace")
    return html, json.loads((PAGES / "ground-truth" / f"{name}.json").read_text())


def _words(text: str | None) -> list[str]:
    return re.findall(r"\w+", text or "")


def test_more_articles_strip_below_the_article_is_cut(xkey):
    # 4583: three teasers of other posts follow the article, outside its element; the label ends before them
    html, gt = copied_page("4583")
    data = through_api(xkey, html, gt["url"])
    assert "How to Eat Vegan on a Budget" not in data["text"]
    assert "How to Eat Vegan on a Budget" not in data["markdown"]
    assert _words(data["text"]) == _words(gt["ground_truth"]["main_content"])


# Plain divs, no class or id to go by: the closing promotion sits in a sibling of the element holding the article.
PROMO_PAGE = """<html><head><title>Pruning roses</title></head><body><div><div><h1>Pruning roses</h1>{}</div>
<div><p>Our rose guide covers varieties, feeding and the care of climbing roses through the year, with photos.</p>
</div></div></body></html>"""
PARAGRAPH = (
    "<p>Paragraph {} of the article explains when and how to prune roses, which tools to use, and what to do "
    "with the cut stems so that the plant grows back strong in spring.</p>"
)


def test_block_after_the_article_element_is_cut_and_the_article_kept(xkey):
    html = PROMO_PAGE.format("".join(PARAGRAPH.format(i) for i in range(1, 7)))
    data = through_api(xkey, html, "https://example.com/roses")
    assert "Paragraph 1 of the article" in data["text"] and "Paragraph 6 of the article" in data["text"]
    assert "rose guide" not in data["text"]


def test_article_split_over_sibling_elements_keeps_its_end(xkey):
    # the last two paragraphs sit in a sibling element but hold more than a quarter of the text: they are article
    first = "".join(PARAGRAPH.format(i) for i in range(1, 4))
    last = "".join(PARAGRAPH.format(i) for i in range(4, 6))
    html = f"<html><body><div><div><h1>Pruning roses</h1>{first}</div><div>{last}</div></div></body></html>"
    data = through_api(xkey, html, "https://example.com/roses")
    assert "Paragraph 5 of the article" in data["text"]


# inside the article's element, a closing part whose class names page furniture (a disclaimer, a call to action)
MARKED_PAGE = """<html><body><div><div class="post-body"><h1>Pruning roses</h1>{}
<div class="{}"><p>Views expressed here are the writer's own and do not reflect those of the publisher or its staff.</p>
</div></div></div></body></html>"""


@pytest.mark.parametrize("marker", ["post-disclaimer", "cta_box", "author-info"])
def test_closing_part_marked_as_furniture_is_cut(xkey, marker):
    html = MARKED_PAGE.format("".join(PARAGRAPH.format(i) for i in range(1, 7)), marker)
    data = through_api(xkey, html, "https://example.com/roses")
    assert "Paragraph 6 of the article" in data["text"]
    assert "Views expressed" not in data["text"]


def test_closing_part_with_an_ordinary_class_is_kept(xkey):
    html = MARKED_PAGE.format("".join(PARAGRAPH.format(i) for i in range(1, 7)), "post-footnote")
    data = through_api(xkey, html, "https://example.com/roses")
    assert "Views expressed" in data["text"]


def test_unlocated_blocks_after_a_block_outside_the_article_are_cut(xkey):
    # 0124: after the article, a "Sustainable concepts" part outside its element whose footnotes ("*", "**") trafilatura
    # turns into list items not found in the page; the cut no longer stops at them
    html, gt = copied_page("0124")
    data = through_api(xkey, html, gt["url"])
    assert data["text"].endswith("freely available to members of the SUN Business Network .")
    assert "approvals of Kosher" not in data["text"] and "SUSTAINABLE CONCEPTS" not in data["text"]


def test_text_rendered_twice_is_given_once(xkey):
    # page builders render the text once per screen size and hide one copy with their style sheet
    sections = "".join(
        f"<h2>Step {i}</h2><p>Step {i} of pruning roses: cut the stem just above an outward-facing bud, at an angle, "
        f"so that rain runs off and the new shoot grows away from the centre of the plant ({i}).</p>"
        for i in range(1, 7)
    )
    html = (
        "<html><body><main><h1>Pruning roses</h1>"
        f'<div class="desktop">{sections}</div><div class="mobile">{sections}</div></main></body></html>'
    )
    data = through_api(xkey, html, "https://example.com/roses")
    assert data["text"].count("Step 6 of pruning roses") == 1
    assert data["text"].count("Step 1 of pruning roses") == 1


def test_a_few_repeated_paragraphs_are_kept(xkey):
    # a summary box repeating two paragraphs is what the page shows: kept
    article = "".join(PARAGRAPH.format(i) for i in range(1, 7))
    html = f"<html><body><main><h1>Pruning roses</h1>{article}{PARAGRAPH.format(1)}{PARAGRAPH.format(2)}</main></body></html>"
    data = through_api(xkey, html, "https://example.com/roses")
    assert data["text"].count("Paragraph 2 of the article") == 2


def test_closing_label_announcing_what_is_gone_is_cut(xkey):
    paragraphs = "".join(PARAGRAPH.format(i) for i in range(1, 7))
    html = f"<html><body><div><div><h1>Pruning roses</h1>{paragraphs}<p>Related posts:</p></div></div></body></html>"
    text = through_api(xkey, html, "https://example.com/roses")["text"]
    assert text.endswith("grows back strong in spring.") and "Paragraph 6" in text


def test_short_opening_line_outside_the_article_element_is_cut(xkey):
    paragraphs = "".join(PARAGRAPH.format(i) for i in range(1, 7))
    html = (
        "<html><body><div><div><p>Back to blog</p></div>"
        f"<div><h1>Pruning roses</h1>{paragraphs}</div></div></body></html>"
    )
    text = through_api(xkey, html, "https://example.com/roses")["text"]
    assert text.startswith("Paragraph 1 of the article")


def test_headline_set_above_the_article_element_is_cut(xkey):
    # 2862: the body opens with the page's <h1>, which sits above the element holding the article's text; the label
    # starts with the first paragraph (the headline is the title, not body text)
    html, gt = copied_page("2862")
    data = through_api(xkey, html, gt["url"])
    assert data["text"].startswith("Go has the usual mechanisms for control flow")
    assert _words(data["text"]) == _words(gt["ground_truth"]["main_content"])


# inside the article's element, mid-text, a box whose class names a call to action / promotion / disclaimer
INSERT_PAGE = """<html><body><div><div class="post-body"><h1>Pruning roses</h1>{}<div class="{}"><p>Try our garden
planner free for thirty days and get a reminder every time your roses need care, no card needed.</p></div>{}
</div></div></body></html>"""


@pytest.mark.parametrize("marker", ["wp-block-cta", "promo-box", "inline-disclaimer"])
def test_box_set_into_the_article_text_is_cut(xkey, marker):
    first = "".join(PARAGRAPH.format(i) for i in range(1, 4))
    last = "".join(PARAGRAPH.format(i) for i in range(4, 8))
    data = through_api(xkey, INSERT_PAGE.format(first, marker, last), "https://example.com/roses")
    assert "Paragraph 3 of the article" in data["text"] and "Paragraph 7 of the article" in data["text"]
    assert "garden planner" not in data["text"]


def test_licence_note_inside_the_article_text_is_kept(xkey):
    # a closing-furniture word that the labels keep mid-text ("license": a licence paragraph) does not cut it there
    first = "".join(PARAGRAPH.format(i) for i in range(1, 4))
    last = "".join(PARAGRAPH.format(i) for i in range(4, 8))
    data = through_api(xkey, INSERT_PAGE.format(first, "license-note", last), "https://example.com/roses")
    assert "garden planner" in data["text"]


def test_headings_left_out_between_paragraphs_are_put_back(xkey):
    # 0184: trafilatura gives the article's paragraphs without its five <h2> section headings; each sits in the
    # article's element right before a paragraph of the body, and the label keeps them
    html, gt = copied_page("0184")
    data = through_api(xkey, html, gt["url"])
    lines = data["text"].split("\n")
    heading = lines.index("Enter AI: The Great Equalizer")
    assert lines[heading + 1].startswith("AI-powered development tools have radically shifted")
    assert "\n## Enter AI: The Great Equalizer\n" in data["markdown"]
    assert "<h2>Enter AI: The Great Equalizer</h2>" in data["html"]
    assert _words(data["text"]) == _words(gt["ground_truth"]["main_content"])


def test_learned_edge_cut_removes_a_closing_related_link_line(xkey):
    # 4810: the post ends with a "Related Reading: <other post>" link line inside the article's element, in a part
    # with no furniture class; the served edge model (edges_model.json) cuts it and the body is the label's
    assert edges.load_model() is not None
    html, gt = copied_page("4810")
    data = through_api(xkey, html, gt["url"])
    assert "Related Reading" not in data["text"]
    assert "Related Reading" not in data["markdown"] and "Related Reading" not in data["html"]
    assert _words(data["text"]) == _words(gt["ground_truth"]["main_content"])
    # the markup rules alone keep it
    with edges.model_weights(None):
        body = {"type": "article", "content": html, "url": gt["url"], "forceRefresh": True}
        data = extract_through_api(xkey, body)["data"]
    assert data["text"].rstrip().endswith("Related Reading: 4 Best Robot Vacuums for Hardwood Floors")


LINKS = (
    '<p><a href="/climbing">How to train a climbing rose up a wall</a>: ties, supports and the first cut.</p>'
    '<p><a href="/feeding">Feeding roses through the summer months</a>: what to give them and when.</p>'
)


@pytest.mark.parametrize(
    "line",
    [
        "<h3>You might also like:</h3>",
        "<p>Related articles that may interest you</p>",
        "<h2>More from Rose Garden</h2>",
    ],
)
def test_closing_line_announcing_links_to_other_pages_is_cut_with_them(xkey, line):
    """Inside the article's element, no class to go by: a closing line that announces other pages ("You might also
    like:", "Related articles …", "More from …") and the links after it close the text."""
    paragraphs = "".join(PARAGRAPH.format(i) for i in range(1, 7))
    html = f"<html><body><article><h1>Pruning roses</h1>{paragraphs}{line}{LINKS}</article></body></html>"
    text = through_api(xkey, html, "https://example.com/roses")["text"]
    assert text.endswith("grows back strong in spring.") and "Paragraph 6" in text, text


@pytest.mark.parametrize("line", ["<p>Also read: How to train a climbing rose</p>", "<h3>Further reading</h3>"])
def test_closing_line_the_labels_keep_stays(xkey, line):
    paragraphs = "".join(PARAGRAPH.format(i) for i in range(1, 7))
    html = f"<html><body><article><h1>Pruning roses</h1>{paragraphs}{line}{LINKS}</article></body></html>"
    text = through_api(xkey, html, "https://example.com/roses")["text"]
    assert "Feeding roses through the summer months" in text and "Paragraph 6" in text, text


def test_a_line_announcing_links_before_much_text_stays(xkey):
    """ "More from …" followed by more than a quarter of the body is a section of the article, not its closing links."""
    first = "".join(PARAGRAPH.format(i) for i in range(1, 4))
    rest = "".join(PARAGRAPH.format(i) for i in range(4, 7))
    html = f"<html><body><article><h1>Pruning roses</h1>{first}<h2>More from the rose beds</h2>{rest}</article></body></html>"
    text = through_api(xkey, html, "https://example.com/roses")["text"]
    assert "More from the rose beds" in text and "Paragraph 6" in text, text


@pytest.mark.parametrize(
    "line", ["<p>Written by Jane Doe</p>", "<p>Reviewed by,</p>", "<h4>Medically reviewed by</h4>"]
)
def test_closing_byline_and_what_follows_it_are_cut(xkey, line):
    """A byline or review credit set after the text opens the author card or disclosure that closes the page."""
    paragraphs = "".join(PARAGRAPH.format(i) for i in range(1, 7))
    card = "<p>Jane Doe has written about gardens for twenty years and grows old roses in a walled garden in Kent.</p>"
    html = f"<html><body><article><h1>Pruning roses</h1>{paragraphs}{line}{card}</article></body></html>"
    text = through_api(xkey, html, "https://example.com/roses")["text"]
    assert text.endswith("grows back strong in spring.") and "Paragraph 6" in text, text


CLOSING = (
    "<p>Real closing paragraph {}: the last cuts of the season wait for the first frost, and the roses rest until the "
    "spring sun wakes the buds along the stems again.</p>"
)


@pytest.mark.parametrize(
    "tail",
    [
        # a section of the article headed so, its paragraphs the article's own
        "<h2>More from the interview</h2>" + CLOSING.format(1) + CLOSING.format(2),
        # a related box inside the article, its last paragraphs after it
        '<p><strong>Related articles:</strong></p><ul><li><a href="/x">How to train a climbing rose</a></li></ul>'
        + CLOSING.format(1)
        + CLOSING.format(2),
        # a sentence that opens so, not a credit
        "<p>Edited by Jane Smith and Tom Brown.</p>" + CLOSING.format(1),
        "<p>Written by hand, every single page.</p>" + CLOSING.format(1),
        "<p>More from her, then. Always more.</p>" + CLOSING.format(1),
    ],
)
def test_a_closing_line_before_the_article_s_own_text_stays(xkey, tail):
    paragraphs = "".join(PARAGRAPH.format(i) for i in range(1, 8))
    html = f"<html><body><article><h1>Pruning roses</h1>{paragraphs}{tail}</article></body></html>"
    text = through_api(xkey, html, "https://example.com/roses")["text"]
    assert text.rstrip().endswith("along the stems again."), text
