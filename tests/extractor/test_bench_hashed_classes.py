"""bench/class_hashing.py on an article page (`bench/quality.py --only articles --hashed-classes`): the class and id
names hashed, as CSS-in-JS sites name them."""

import re

import lxml.html

from bench.class_hashing import hash_class_names, hashed_token

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Floods in the valley</title>
<meta name="author" content="Jane Doe"><meta property="og:title" content="Floods in the valley">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Floods in the valley"}</script>
</head><body class="single-post post-template">
<nav class="main-nav" aria-label="Main"><a href="/">Home</a></nav>
<article id="post-12" class="post entry" itemscope itemtype="https://schema.org/Article">
<h1 class="entry-title" itemprop="headline">Floods in the valley</h1>
<p class="byline author">By <a rel="author" href="/authors/jane" class="author-link">Jane Doe</a>
<time class="published" datetime="2024-03-02">2 March 2024</time></p>
<p class="lead" data-testid="lead">The river rose all night.</p>
<aside class="related-posts" role="complementary"><h2 class="widget-title">Related articles</h2></aside>
<footer id="comments" class="comments-area"><figure class="wp-image"><img src="a.jpg" alt=""></figure></footer>
</article></body></html>"""


def _elements(html: str) -> list:
    return [el for el in lxml.html.document_fromstring(html).iter() if isinstance(el.tag, str)]


def test_the_same_token_hashes_the_same_and_other_tokens_or_seeds_differently():
    assert hashed_token("author") == hashed_token("author")
    assert hashed_token("author") != hashed_token("byline")
    assert hashed_token("author", seed="other") != hashed_token("author")
    assert hashed_token("author").startswith("css-") and len(hashed_token("author")) == 10
    assert hash_class_names(PAGE) == hash_class_names(PAGE)


def test_every_class_token_and_id_is_replaced_and_repeated_classes_stay_repeated():
    before, after = _elements(PAGE), _elements(hash_class_names(PAGE))
    assert [el.tag for el in before] == [el.tag for el in after]
    changed = 0
    for old, new in zip(before, after, strict=True):
        if old.get("class") is not None:
            assert new.get("class").split() == [hashed_token(t) for t in old.get("class").split()]
            changed += 1
        if old.get("id") is not None:
            assert new.get("id") == hashed_token(old.get("id"))
            changed += 1
    assert changed == 14
    names = [n for el in after for n in (el.get("class") or "").split() + [el.get("id") or ""] if n]
    assert len(names) == 17 and all(re.fullmatch(r"css-[0-9a-z]{6}", n) for n in names)
    assert names.count(hashed_token("post")) == 1 and names.count(hashed_token("author")) == 1


def test_tags_semantic_attributes_structured_data_and_text_are_kept():
    before, after = _elements(PAGE), _elements(hash_class_names(PAGE))
    for old, new in zip(before, after, strict=True):
        assert {k: v for k, v in old.attrib.items() if k not in ("class", "id")} == {
            k: v for k, v in new.attrib.items() if k not in ("class", "id")
        }
        assert (old.text, old.tail) == (new.text, new.tail)
    hashed = hash_class_names(PAGE)
    assert hashed.startswith("<!DOCTYPE html>")
    for kept in (
        '{"@type": "NewsArticle", "headline": "Floods in the valley"}',
        '<meta name="author" content="Jane Doe">',
        'rel="author"',
        'itemprop="headline"',
        'aria-label="Main"',
        'role="complementary"',
        'data-testid="lead"',
        '<time class="css-',
        'datetime="2024-03-02"',
    ):
        assert kept in hashed


def test_a_page_lxml_cannot_read_is_returned_unchanged():
    assert hash_class_names("") == ""


def test_text_after_an_early_end_of_the_body_is_kept_as_the_sanitiser_keeps_it():
    page = "<html><body><header class='top'>Menu</header></body></html><div class='story'><p>The text.</p></div>"
    hashed = hash_class_names(page)
    assert "<p>The text.</p>" in hashed and "story" not in hashed
