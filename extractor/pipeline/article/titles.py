"""Titles: the visible headline (h1) checked against the document-level titles, site names stripped."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from trafilatura.metadata import extract_sitename

from .. import structured as S
from .common import ARTICLE_TYPES, _tokens, html_unescape


def _title_candidates(tree, st: S.Structured, doc) -> set[str]:
    cands = set()
    for value in (
        S.first(
            [S.as_text(n.get("headline") or n.get("name")) for n in S.nodes_of_type(st.jsonld, *ARTICLE_TYPES)]
            or [None]
        ),
        st.meta_first("og:title"),
        st.meta_first("twitter:title"),
        getattr(doc, "title", None),
    ):
        if value:
            cands.add(" ".join(_tokens(value)))
    for el in tree.xpath("//title|//h1"):
        cands.add(" ".join(_tokens(el.text_content())))
    cands.discard("")
    return cands


_BLOCK_TAGS = frozenset(("br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "header"))
_INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


def clean_title_text(value: str | None) -> str:
    """Whitespace-normalised title text without invisible characters (zero-width spaces,
    BOM, soft hyphens); full-width ASCII forms (``？``, ``！``) become ASCII."""
    return " ".join(_INVISIBLE_RE.sub("", value or "").translate(_FULLWIDTH).split())


_NOT_HEADLINE_TAGS = {"time", "h2", "h3", "h4", "h5", "h6"}


def heading_text(el) -> str:
    """Text of a heading, with a space where a ``<br>`` or block child breaks the line
    (``text_content()`` would glue "WEEKEND<br>CODING" into one word), without a ``<time>`` or a lower heading set
    inside it (a dateline)."""
    parts = [el.text or ""]
    for child in el:
        if child.tag in _NOT_HEADLINE_TAGS:  # a date or a sub-heading set inside the headline ("Posted on …")
            parts.append(" ")
        elif isinstance(child.tag, str):
            brk = child.tag in _BLOCK_TAGS
            if brk or child.tag == "br":
                parts.append(" ")
            parts.append(heading_text(child))
            if brk:
                parts.append(" ")
        parts.append(child.tail or "")
    return "".join(parts)


# the letters of the scripts written without spaces between words (kana, CJK ideographs, Hangul)
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
# a separator of a title's segments: spaced ("Title | Site", "Title - Site"), a bar written without spaces, as the
# scripts without spaces write it ("桜の季節がやってきた｜花ニュース", "Title|Site"), or, after one of their letters, a low line or
# hyphen ("樱花季节到了_新浪新闻", "樱花季节到了-新浪新闻")
_SPLIT_TITLE_RE = re.compile(
    r"\s+[|\u2013\u2014\-:\u00b7\u2022\u00bb]\s+|\s*[|\uff5c\u4e28]\s*|(?<=[" + _CJK + r"])[_\-](?=\S)"
)


def _pick_title(tree, refs: list[str], site: str | None = None) -> str | None:
    """The h1 that best matches the document title(s) without the site name; else
    the document title without its site-name segment, as written (:func:`_document_title`)."""
    site_tokens = set(_tokens(site)) if site else set()
    ref_tokens: set[str] = set()
    main_refs: list[str] = []
    for r in refs:
        r = " ".join(html_unescape(r).split())
        parts = [p for p in _SPLIT_TITLE_RE.split(r) if p.strip()]
        if len(parts) > 1:
            # drop segments that are the site name (or the last, short one)
            kept = [p for p in parts if not (site_tokens and set(_tokens(p)) <= site_tokens)]
            if len(kept) == len(parts) and len(parts[-1]) < len(" ".join(parts[:-1])):
                kept = parts[:-1]
            parts = kept or parts
        main_refs.append(" - ".join(parts))
        for p in parts:
            ref_tokens.update(_tokens(p))
    best, best_score = None, 0.0
    for h1 in headline_h1s(tree)[:8]:
        text = clean_title_text(heading_text(h1))
        toks = _tokens(text)
        if not toks or len(toks) > 40:
            continue
        if site_tokens and set(toks) <= site_tokens and not set(toks) <= ref_tokens - site_tokens:
            continue
        score = sum(t in ref_tokens for t in toks) / len(toks)
        if score > best_score and _covers_a_ref(toks, main_refs):
            best, best_score = text, score
    if best and (best_score >= 0.5 or not ref_tokens):
        return best
    if not ref_tokens:
        return None
    for h2 in tree.xpath("//h2")[:5]:
        text = " ".join(h2.text_content().split())
        toks = _tokens(text)
        if toks and len(toks) <= 40 and sum(t in ref_tokens for t in toks) / len(toks) >= 0.8 and len(toks) >= 3:
            return text
    # the document title as the page writes it (its own dashes and colons), less the site's segment
    return next((v for v in (_document_title(r, site_tokens) for r in refs) if v), None)


def _document_title(value: str, site_tokens: set[str]) -> str | None:
    """The document title as written, less its site-name segment and what follows it
    ("Title | Site | News") and a one-word section after a bar before it ("Title | News | Site");
    a site segment first is dropped alone ("Site | Title").
    Without a site segment, a last segment shorter than the rest is taken for the site
    (as before). A headline's own dash clause is never cut once the site segment is found."""
    v = " ".join(html_unescape(value).split())
    ms = list(_SPLIT_TITLE_RE.finditer(v))
    if not ms:
        return v or None
    starts, ends = [0] + [m.end() for m in ms], [m.start() for m in ms] + [len(v)]
    segs = [v[a:b] for a, b in zip(starts, ends, strict=True)]
    site = [i for i, g in enumerate(segs) if site_tokens and _tokens(g) and set(_tokens(g)) <= site_tokens]
    if not site:
        return v[: ends[-2]].strip() if len(segs[-1]) < len(v[: ends[-2]]) else v
    first = next((i for i in range(len(segs)) if i not in site), None)
    if first is None:
        return None
    last = next((i for i in range(first, len(segs)) if i in site), len(segs)) - 1
    if last > first and ms[last - 1].group().strip() == "|" and re.fullmatch(r"[^\W\d_]+", segs[last]):
        last -= 1  # a one-word section after a bar ("Title | News | Site")
    return v[starts[first] : ends[last]].strip() or None


H1_MIN_COVER = 0.25


def _is_home_link(href: str | None) -> bool:
    """Does ``href`` point at a site's home page ("/", "https://example.com/")?"""
    if not href:
        return False
    href = href.strip()
    if href in ("/", "./", "#"):
        return True
    parts = urlsplit(href)
    return bool(parts.netloc) and parts.path in ("", "/") and not parts.query


def headline_h1s(tree) -> list:
    """The page's h1 elements except a masthead: an h1 whose whole text is a link to
    the home page is the site's logo / name (blog themes), not the article's headline."""
    out = []
    for h1 in tree.xpath("//h1"):
        links = h1.xpath(".//a[@href]")
        if len(links) == 1 and _is_home_link(links[0].get("href")):
            text = " ".join(h1.text_content().split())
            if text and " ".join(links[0].text_content().split()) == text:
                continue
        out.append(h1)
    return out


def _covers_a_ref(h1_tokens: list[str], main_refs: list[str]) -> bool:
    """Does the h1 hold a fair share (``H1_MIN_COVER``) of the words of some document-level
    title? A blog's masthead h1 ("Playful Tones", "Discord") is made of words that also occur
    in the document title, but covers little of it."""
    h1 = set(h1_tokens)
    for ref in main_refs:
        for seg in [ref, *_SPLIT_TITLE_RE.split(ref)]:
            ref_toks = set(_tokens(seg))
            if ref_toks and len(h1 & ref_toks) / len(ref_toks) >= H1_MIN_COVER:
                return True
    return not main_refs


def _tf_sitename(tree) -> str | None:
    try:
        return extract_sitename(tree)
    except Exception:  # noqa: BLE001 - a library edge case must not fail the extraction  # pragma: no cover
        return None


def _strip_site(value: str | None, site_tokens: set[str], *, guess: bool = True) -> str | None:
    """A title without a leading/trailing site-name segment ("Title | Site", "Site: Title").

    With ``guess`` and no known site name, a short last segment after ``|``, ``-``, a dash
    or ``»`` is taken for the site name. The rest of the string is kept as written.
    """
    if not value:
        return None
    v = " ".join(html_unescape(value).split())
    for _ in range(3):
        ms = list(_SPLIT_TITLE_RE.finditer(v))
        if not ms:
            break
        head, tail = v[: ms[0].start()], v[ms[-1].end() :]
        if site_tokens and _tokens(tail) and set(_tokens(tail)) <= site_tokens:
            v = v[: ms[-1].start()].strip()
        elif site_tokens and _tokens(head) and set(_tokens(head)) <= site_tokens:
            v = v[ms[0].end() :].strip()
        elif (
            guess and ms[-1].group().strip() != ":" and len(_tokens(tail)) <= 4 and len(tail) < len(v[: ms[-1].start()])
        ):
            v = v[: ms[-1].start()].strip()
            break
        else:
            break
    return v or None


_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"'}
)


def _title_key(value: str) -> str:
    """The title without its spacing and quote style: two renderings of one title
    ("Beginner’s Guide" / "Beginner's Guide", "End-to-EndInterpretability") share it.
    Case is kept: a headline set in capitals on the page keeps its capitals."""
    return "".join(value.translate(_QUOTES).split())


def _declared_spelling(h1: str, declared: list[str]) -> str | None:
    """The document-level title (og:title, JSON-LD headline, ``<title>``, site name
    removed) that is the same title as the h1 up to spacing and quote marks, as the
    publisher declared it: an h1 split over inline elements loses spaces
    ("End-to-End<span>Interpretability</span>") and metadata titles are the plain-text
    spelling (straight quotes)."""
    key = _title_key(h1)
    for c in declared:
        if key and _title_key(c) == key:
            return clean_title_text(c)
    return None


# a kicker set before the headline inside its h1 ("Blog: Best Agencies of 2025", "Review: …"): at most this many words
KICKER_WORDS = 3


def _without_kicker(h1: str, declared: list[str]) -> str | None:
    """The document-level title that the h1 ends with when what comes before it is a short label closed by a colon
    ("<strong>Blog:</strong> Best Agencies …" beside the og:title "Best Agencies …"): a kicker, not the headline."""
    key = _title_key(h1)
    for c in declared:
        tail = _title_key(c)
        if not tail or not key.endswith(tail) or key == tail:
            continue
        kicker = h1[: len(h1) - len(h1.lstrip()) + _prefix_chars(h1, len(key) - len(tail))].strip()
        if kicker.endswith((":", "\uff1a")) and 1 <= len(_tokens(kicker)) <= KICKER_WORDS:
            return clean_title_text(c)
    return None


_INNER_LINE_TAGS = frozenset(("span", "small", "div", "p"))


def _without_inner_line(tree, h1_text: str, declared: list[str]) -> str | None:
    """The document-level title that the h1 is without one of its own elements at its start or end: a kicker or a
    subtitle set in the headline ("<h1><span>Gartentipps</span> Rosen richtig schneiden</h1>", "<h1>How to prune roses
    <small>A guide for spring</small></h1>" beside the og:title without it), in any language, no colon needed."""
    keys = {_title_key(c): c for c in declared if _title_key(c)}
    for h1 in headline_h1s(tree)[:8]:
        if clean_title_text(heading_text(h1)) != h1_text:
            continue
        key = _title_key(h1_text)
        children = [c for c in h1 if isinstance(c.tag, str) and c.tag != "br"]
        # a line of its own kind, not an emphasised word of the headline ("How to prune <em>roses</em>")
        children = [c for c in children if c.tag in _INNER_LINE_TAGS]
        for child, at_start in ((children[:1], True), (children[-1:], False)):
            part = _title_key(clean_title_text(heading_text(child[0]))) if child else ""
            if not part or part == key:
                continue
            rest = key[len(part) :] if at_start and key.startswith(part) else None
            if not at_start and key.endswith(part):
                rest = key[: len(key) - len(part)]
            if rest and rest in keys:
                return clean_title_text(keys[rest])
    return None


def _prefix_chars(text: str, key_chars: int) -> int:
    """How many characters of ``text`` hold its first ``key_chars`` characters of :func:`_title_key`."""
    seen = 0
    for i, ch in enumerate(text):
        if seen == key_chars:
            return i
        if not ch.isspace():
            seen += 1
    return len(text)


def _title_in_h2(tree, h1_text: str, doc_title: str | None, masthead: bool = False) -> str | None:
    """The h2 that the ``<title>`` names when the page's single h1 is the site's name, not the headline: an h1 that
    shares no word with the ``<title>``, or one that is a whole segment of it but not all of it ("Title | Jane's
    Garden Blog" over ``<h1>Jane's Garden Blog</h1><h2>Title</h2>``), beside an h2 of two words or more that is the
    ``<title>`` or one of its other segments, longer than the h1 when the h1 is a segment. A ``<title>`` that writes
    the site's name before a colon ("Garden Notes: How to prune roses", a blog platform's default) has that h1 as its
    first segment; beside a ``masthead`` h1 (the site's logo, not a headline h1), the headline may be an h3 (after the
    h2s): beside a headline h1, an h3 is a section's or the site's ("ORM Quick Start" over "<h3>SQLAlchemy 2.0
    Documentation</h3>")."""
    if not doc_title:
        return None
    title = clean_title_text(html_unescape(doc_title))
    whole = " ".join(_tokens(title))
    segments = {" ".join(_tokens(g)) for g in _SPLIT_TITLE_RE.split(title)} | {whole}
    h1 = " ".join(_tokens(h1_text))
    site, colon, rest = title.partition(": ")
    if colon and " ".join(_tokens(site)) == h1:
        segments |= {h1, " ".join(_tokens(rest))}
    if not h1 or h1 == whole or (set(h1.split()) & set(whole.split()) and h1 not in segments):
        return None
    # beside a segment h1, the headline is the longer segment ("Title - Guide" over <h1>Title</h1><h2>Guide</h2>)
    least = len(h1.split()) + 1 if h1 in segments else 2
    for h2 in tree.xpath("//h2")[:5] + (tree.xpath("//h3")[:5] if masthead else []):
        text = clean_title_text(heading_text(h2))
        key = " ".join(_tokens(text))
        # a headline written without spaces ("早春のバラの剪定のしかた"): longer than the h1, in characters
        unspaced = " " not in key and all(c.lower() == c.upper() for c in key) and len(key) > len(h1)
        if key != h1 and key in segments and (len(key.split()) >= least or unspaced):
            return text
    return None


# a " | " in a headline separates it from an appended label ("Title | Opinion", "Title | Top 19")
H1_LABEL_SEP = r"\s+\|\s+"
SINGLE_H1 = True  # a page with a single h1: that is its headline


def choose_title(
    tree, st: S.Structured, doc_title: str | None = None, site: str | None = None
) -> tuple[str | None, str]:
    """The article title: the visible h1 that agrees with the document-level titles
    (see :func:`_pick_title`), without a site-name segment; when no h1 agrees, the
    document-level title on which independent sources (og/twitter, JSON-LD headline,
    ``<title>``) agree once their site-name segments are removed; else the best single one.
    """
    nodes = S.nodes_of_type(st.jsonld, *ARTICLE_TYPES)
    node = nodes[0] if nodes else {}
    ld = S.as_text(node.get("headline")) or S.as_text(node.get("name"))
    og = st.meta_first("og:title") or st.meta_first("twitter:title")
    doc_t = S.first(tree.xpath("//title/text()"))
    site = site or st.meta_first("og:site_name")
    site_tokens = set(_tokens(site)) if site else set()
    refs = [t for t in (doc_title, og, ld, doc_t) if t]
    picked = _pick_title(tree, refs, site)
    shown = {clean_title_text(heading_text(h)) for h in headline_h1s(tree)[:8]}
    cleaned = [c for c in (_strip_site(g, site_tokens) for g in (og, ld, doc_t)) if c]
    counts: dict[str, int] = {}
    for c in cleaned:
        k = " ".join(_tokens(c))
        if k:
            counts[k] = counts.get(k, 0) + 1
    if picked and picked in shown:
        h2 = _title_in_h2(tree, picked, doc_t)
        if h2:
            return h2, "heuristic"
        h1 = _strip_site(picked, site_tokens, guess=False)
        m = re.search(H1_LABEL_SEP, h1)
        # ... unless the publisher's headline (JSON-LD / og, not the <title>) has it too
        headlines = [c for c in (_strip_site(g, site_tokens) for g in (og, ld)) if c]
        if m and len(_tokens(h1[: m.start()])) >= 3 and not _declared_spelling(h1, headlines):
            h1 = h1[: m.start()].strip()
        return (
            _declared_spelling(h1, cleaned)
            or _without_kicker(h1, cleaned)
            or _without_inner_line(tree, picked, cleaned)
            or h1
        ), "heuristic"
    for c in cleaned:
        if counts.get(" ".join(_tokens(c)), 0) >= 2:
            return clean_title_text(c), "opengraph" if c == _strip_site(og, site_tokens) else "jsonld"
    # a one-word headline needs no corroboration when the <title> is the only document-level title
    single = _single_h1_title(tree, doc_t, 2 if (og or ld) else 1, site_tokens) if SINGLE_H1 else None
    if single:
        return single, "heuristic"
    if picked:
        return clean_title_text(picked), "heuristic"
    return (clean_title_text(cleaned[0]), "opengraph") if cleaned else (None, "heuristic")


def _single_h1_title(tree, doc_t: str | None, min_tokens: int, site_tokens: set) -> str | None:
    """The page's single headline h1 (of ``min_tokens`` words or more, not the site's name), or the h2 / h3 the
    ``<title>`` names beside it (:func:`_title_in_h2`). With no headline h1 but a masthead's ("<h1><a
    href="/">Garden Notes</a></h1>" over "<title>Garden Notes: Title</title>" and the post's ``<h3>``, a blog
    platform's default theme), the masthead's name is read as the site's segment of the ``<title>``."""
    h1s = [clean_title_text(heading_text(h)) for h in headline_h1s(tree)[:3]]
    h1s = [h for h in h1s if h]
    masthead = [clean_title_text(heading_text(h)) for h in tree.xpath("//h1")[:1]] if not h1s and doc_t else h1s[:1]
    h2 = _title_in_h2(tree, masthead[0], doc_t, masthead=not h1s) if len(h1s) == 1 or (masthead and not h1s) else None
    if h2:
        return h2
    if (
        len(h1s) == 1
        and min_tokens <= len(_tokens(h1s[0])) <= 30
        and not (site_tokens and set(_tokens(h1s[0])) <= site_tokens)
    ):
        return h1s[0]
    return None
