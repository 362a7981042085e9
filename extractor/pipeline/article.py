"""Article extraction.

HTML: metadata from JSON-LD (Article types), OpenGraph / ``<meta>`` and the page itself;
trafilatura's own metadata pass is not run — its costly parts (byline search, htmldate,
category/tag links) are called only when nothing else gave the field.

* title: the h1 that agrees with the document-level titles, without a site-name segment
  or an appended " | label"; when no h1 agrees, the document-level title on which
  og/twitter, the JSON-LD headline and ``<title>`` agree; else a page's single h1.
* authors: JSON-LD, meta author tags, Yoast "Written by" twitter labels, trafilatura's
  byline, author links, a visible "By …" byline; an organisation (the site / publisher or a
  JSON-LD Organization) gives way to a person named by a later source.
* publishedAt: WebPage / meta publication dates, ``<time>``, the date the page shows,
  the Article node's datePublished, then htmldate.

The body comes from one trafilatura ``bare_extraction`` on the shared lxml tree with
``favor_recall`` and without comments; a leading heading that repeats the page title
and short furniture blocks (table-of-contents labels, share / newsletter prompts,
affiliate disclosures) are dropped. ``text``/``markdown``/``html`` are rendered from the
same trafilatura XML body; ``html`` is allow-list sanitised (bleach, with a verified
fast path in :func:`extractor.sanitize.clean_children`).
"""
from __future__ import annotations

import copy
import math
import re
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura
from trafilatura.htmlprocessing import convert_to_html
from htmldate import find_date
from trafilatura.metadata import extract_author, extract_catstags, extract_sitename
from trafilatura.settings import set_date_params
from trafilatura.xml import xmltotxt

from ..sanitize import clean_children, clean_fragment
from . import structured as S
from .formats import TextDoc, render_blocks_html

ARTICLE_TYPES = (
    "Article", "NewsArticle", "BlogPosting", "Report", "TechArticle", "ScholarlyArticle",
    "AnalysisNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle",
    "BackgroundNewsArticle", "LiveBlogPosting", "SocialMediaPosting", "Blog", "Review",
    "HowTo", "Recipe", "MedicalWebPage", "DiscussionForumPosting", "Posting",
)
PAGE_TYPES = ("WebPage", "ItemPage", "AboutPage", "FAQPage", "CollectionPage")

_WORD_RE = re.compile(r"\w+")
WORDS_PER_MINUTE = 230
SHORT_BODY_WORDS = 500
SHORT_FACTOR = 3.0
# The page's own article container (<article>, <main>, itemprop=articleBody) holding far more words than the body
# found is the other sign that the recall-oriented pass stopped early.
CONTAINER_SHARE = 0.3


def _tokens(text: str | None) -> list[str]:
    return _WORD_RE.findall((text or "").lower())


def iso_date(value: Any) -> str | None:
    """Normalise a date/datetime string to ISO 8601 (date or datetime). Nothing is invented: a value without a day
    ("2024", "March 2024") or a year ("Mar 5") is None, an impossible time is dropped, offsets are kept."""
    value = S.as_text(value)
    if not value:
        return None
    v = value.strip()
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?", v)
    if m:
        y, mo, d, hh, mm, ss, tz = m.groups()
        try:
            day = datetime(int(y), int(mo), int(d))
        except ValueError:
            return None
        if not _PLAUSIBLE_YEARS[0] <= day.year <= _PLAUSIBLE_YEARS[1]:
            return None
        date = day.date().isoformat()
        if hh is None or int(hh) > 23 or int(mm) > 59 or int(ss or 0) > 59:
            return date
        tz = tz or ""
        if tz and tz != "Z":
            tz = tz[:3] + ":" + (tz[3:].lstrip(":") or "00")
        return f"{date}T{int(hh):02d}:{mm}:{ss or '00'}{tz}"
    try:
        from dateutil import parser as dparser  # type: ignore

        # Parsed against two different defaults: any part the text lacks shows up as a difference.
        a = dparser.parse(v, fuzzy=False, default=datetime(2000, 1, 1)).date()
        b = dparser.parse(v, fuzzy=False, default=datetime(2001, 2, 2)).date()
    except (ValueError, OverflowError):
        return None
    if a != b or not _PLAUSIBLE_YEARS[0] <= a.year <= _PLAUSIBLE_YEARS[1]:
        return None
    return a.isoformat()


_PLAUSIBLE_YEARS = (1900, 2100)


_MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH_RE = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_TEXT_DATE_MDY = re.compile(r"\b" + _MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b", re.I)
_TEXT_DATE_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE + r",?\s+((?:19|20)\d{2})\b", re.I)


_NUMERIC_DATE_RE = re.compile(r"^(?:(\d{1,2})([./])(\d{1,2})\2((?:19|20)\d{2})|((?:19|20)\d{2})-(\d{2})-(\d{2}))$")


def body_text_nodes(tree, max_nodes: int, skip: int = 0):
    """The body's non-empty text nodes (stripped), in document order: `max_nodes` of them after the first `skip`."""
    body = tree.find("body")
    if body is None:
        return
    seen = 0
    for t in body.itertext():
        t = t.strip()
        if not t:
            continue
        seen += 1
        if seen <= skip:
            continue
        if seen > skip + max_nodes:
            return
        yield t


def numeric_text_date(tree, max_nodes: int = 600, skip: int = 0) -> str | None:
    """A text node that is only a numeric date: "23.07.2025" (day first with dots),
    "2/24/2026" (month first with slashes unless the first number is > 12), "2025-12-17".
    The first ``skip`` non-empty text nodes are passed over."""
    for t in body_text_nodes(tree, max_nodes, skip):
        if not (8 <= len(t) <= 10):
            continue
        m = _NUMERIC_DATE_RE.match(t)
        if not m:
            continue
        if m.group(5):
            y, mo, d = int(m.group(5)), int(m.group(6)), int(m.group(7))
        else:
            a, sep, b, y = int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4))
            d, mo = (a, b) if sep == "." or a > 12 else (b, a)
        try:
            return datetime(y, mo, d).date().isoformat()
        except ValueError:
            continue
    return None


# dates shown more than this many text nodes above the headline are page furniture
# (a masthead's "today", a sidebar of recent posts), not the article's date
DATE_BEFORE_HEADLINE_NODES = 10


def headline_text_index(tree) -> int:
    """How many non-empty text nodes of the body come before the article's headline
    (its first h1 that is not a masthead); 0 when there is none."""
    h1s = headline_h1s(tree)
    if not h1s:
        return 0
    before = h1s[0].xpath("count(preceding::text()[normalize-space()])")
    in_head = tree.xpath("count(/html/head//text()[normalize-space()])")
    return max(0, int(before - in_head))


def text_date(tree, max_nodes: int = 600, skip: int = 0) -> str | None:
    """First English month-name date among the page's short text nodes, else a
    node holding only a numeric date. With ``skip``, dates in the first ``skip`` text
    nodes are taken only when none comes later."""
    for start in ((skip, 0) if skip else (0,)):
        dates = text_dates(tree, max_nodes, first_only=True, skip=start)
        date = dates[0] if dates else numeric_text_date(tree, max_nodes, skip=start)
        if date:
            return date
    return None


def text_dates(tree, max_nodes: int = 600, first_only: bool = False, skip: int = 0) -> list[str]:
    """English month-name dates ("March 5, 2024", "5 March 2024") shown in the page's
    short text nodes, in document order (ISO dates)."""
    out: list[str] = []
    for t in body_text_nodes(tree, max_nodes, skip):
        if len(t) > 200:
            continue
        for rx, order in ((_TEXT_DATE_MDY, (3, 1, 2)), (_TEXT_DATE_DMY, (3, 2, 1))):
            for m in rx.finditer(t):
                y, mo, d = (m.group(i) for i in order)
                try:
                    out.append(datetime(int(y), _MONTHS[mo.lower().rstrip(".")], int(d)).date().isoformat())
                except (ValueError, KeyError):
                    continue
                if first_only:
                    return out
    return out


def reading_time(word_count: int) -> int:
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE)) if word_count else 0


def _title_candidates(tree, st: S.Structured, doc) -> set[str]:
    cands = set()
    for value in (
        S.first([S.as_text(n.get("headline") or n.get("name")) for n in S.nodes_of_type(st.jsonld, *ARTICLE_TYPES)] or [None]),
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


def _drop_leading_title(body, candidates: set[str]) -> None:
    """Remove the first body element when it only repeats the page title."""
    if body is None or not len(body):
        return
    first = body[0]
    text = " ".join(_tokens("".join(first.itertext())))
    n = len(text.split())
    if text and n <= 30 and (text in candidates or any(
        # the headline followed by a short dateline ("... / Dec 2025")
        len(c.split()) >= 4 and n - len(c.split()) <= 3 and text.startswith(c + " ") for c in candidates
    )):
        if first.tail and first.tail.strip():
            body.text = (body.text or "") + first.tail
        body.remove(first)


_BLOCK_TAGS = frozenset(("br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "header"))
_INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


def clean_title_text(value: str | None) -> str:
    """Whitespace-normalised title text without invisible characters (zero-width spaces,
    BOM, soft hyphens); full-width ASCII forms (``？``, ``！``) become ASCII."""
    return " ".join(_INVISIBLE_RE.sub("", value or "").translate(_FULLWIDTH).split())


def heading_text(el) -> str:
    """Text of a heading, with a space where a ``<br>`` or block child breaks the line
    (``text_content()`` would glue "WEEKEND<br>CODING" into one word)."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str):
            brk = child.tag in _BLOCK_TAGS
            if brk or child.tag == "br":
                parts.append(" ")
            parts.append(heading_text(child))
            if brk:
                parts.append(" ")
        parts.append(child.tail or "")
    return "".join(parts)


# Short body blocks that are page furniture, not article text: table-of-contents and
# "on this page" labels, skip/share links, newsletter prompts, affiliate disclosures,
# "Related: <other article>" links, "Follow us on ..." prompts, photo credits.
_BOILERPLATE_RE = re.compile(
    r"""^(?:[-*\u2022]\s*)?(?:
    table\ of\ contents|contents|in\ this\ article|on\ this\ page|jump\ to(?:\ section)?|skip\ to\ (?:main\ )?content|
    share\ this(?:\ (?:post|article|story|page))?|
    thanks\ for\ subscribing!?.*|awesome,\ you're\ subscribed!?.*|no\ thanks|by\ entering\ your\ email.*|
    (?:we|this\ (?:post|article|page))\ (?:may\ )?(?:earn|receive|contains?)\ (?:a\ )?(?:small\ )?(?:commission|affiliate\ links?).*|
    .*\bwe\ may\ earn\ (?:a\ )?(?:small\ )?(?:commission|compensation)\b.*|
    products\ are\ chosen\ independently.*|we\ buy\ all\ the\ products\ we\ test.*|
    prices\ were\ accurate\ at\ the\ time.*|learn\ more\ about\ our\ editorial\ process\.?|
    related:\ .*|related\ (?:articles|posts|stories|reading|content)|follow\ (?:me|us)\b.*|
    (?:photos?|images?)\ courtesy\b.*|(?:image\ |photo\ )?credits?:\ .+
    )$""",
    re.I | re.X,
)
BOILERPLATE_MAX_WORDS = 60


# Words of a dateline / byline / read-time / photo-credit line ("By Jane Doe | Updated on
# March 5, 2024 | 8 min read", "Credit: Getty Images"), removed by :func:`_is_meta_line`.
_META_DATE_RE = re.compile(
    _MONTH_RE + r"\s+\d{1,2}(?:st|nd|rd|th)?\b,?(?:\s+(?:19|20)\d{2})?|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH_RE
    + r",?(?:\s+(?:19|20)\d{2})?|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?",
    re.I,
)
_META_READ_RE = re.compile(r"\b\d+\s*(?:min(?:ute)?s?\.?|mins?)(?:\s+read(?:ing)?(?:\s+time)?)?\b|\b(?:estimated\s+)?read(?:ing)?\s+time\b", re.I)
_META_LABEL_RE = re.compile(
    r"\b(?:last\s+)?(?:updated|modified|published|posted|written|reviewed|fact[- ]checked|edited)(?:\s+(?:on|by|at))?\b|"
    r"^\s*(?:by|on|date|image|photo|credit|image\s+credit|photo\s+credit|source)\b|\bvia\s+getty\s+images\b|\bgetty\s+images\b",
    re.I,
)
_META_FILLER_RE = re.compile(r"\b(?:at|on)\b", re.I)  # "... on March 5, 2024 at 9:27 am"
_META_PUNCT_RE = re.compile(r"[|•·:,/\-–—()\[\]]+")
META_LINE_MAX_WORDS = 20
META_LEFTOVER_WORDS = 4


def _is_meta_line(text: str, authors: list[str]) -> bool:
    """Is ``text`` a dateline / byline / read-time / photo-credit line? Once its dates,
    read times, labels ("Updated on", "By", "Credit") and the article's author names are
    taken out, at most a short name is left."""
    text = " ".join(text.split())
    if not text or len(text.split()) > META_LINE_MAX_WORDS:
        return False
    rest, found = text, False
    for rx in (_META_DATE_RE, _META_READ_RE, _META_LABEL_RE):
        rest, n = rx.subn(" ", rest)
        found = found or n > 0
    for name in authors:
        if name and name.casefold() in rest.casefold():
            rest = re.sub(re.escape(name), " ", rest, flags=re.I)
            found = True
    left = " ".join(_META_PUNCT_RE.sub(" ", _META_FILLER_RE.sub(" ", rest)).split())
    return found and (not left or _short_name(left))


def _short_name(text: str) -> bool:
    """A few capitalised words ("Jane Doe", "Senior Writer", "Dr. Allen")."""
    words = text.split()
    return 1 <= len(words) <= META_LEFTOVER_WORDS and all(
        w[:1].isupper() or w.lower() in _NAME_CONNECTORS for w in words
    ) and not text.endswith((".", "?", "!", ":"))


LEADING_META_SCAN = 6


def _drop_leading_meta(body, authors: list[str]) -> None:
    """Remove the datelines, bylines, read times and photo credits that open the extracted
    body ("Last updated on September 16th, 2023", "By Rick Steves", a list "Gabo / Jan 23 /
    11 min read"): article metadata shown above the text, not part of it."""
    if body is None:
        return
    for _ in range(LEADING_META_SCAN):
        if not len(body):
            return
        first = body[0]
        if first.tag == "list":
            items = [" ".join("".join(i.itertext()).split()) for i in first if i.tag == "item"]
            items = [i for i in items if i]
            meta = [i for i in items if _is_meta_line(i, authors)]
            drop = bool(meta) and all(i in meta or _short_name(i) for i in items)
        elif first.tag in ("p", "head", "quote"):
            drop = _is_meta_line("".join(first.itertext()), authors)
        else:
            drop = False
        if not drop:
            return
        if first.tail and first.tail.strip():
            body.text = (body.text or "") + first.tail
        body.remove(first)


AUTHOR_BIO_MAX_WORDS = 120
TRAILING_BIO_SCAN = 3


def _drop_trailing_bio(body, authors: list[str]) -> None:
    """Remove an author box that closes the extracted body: a last paragraph that opens
    with the author's name and presents them ("Jane Doe is a freelance writer ...")."""
    if body is None or not authors:
        return
    starts = tuple(f"{a} " for a in authors if a) + tuple(f"{a}," for a in authors if a)
    for el in list(body)[-TRAILING_BIO_SCAN:][::-1]:
        if el.tag not in ("p", "quote"):
            continue
        text = " ".join("".join(el.itertext()).split())
        if text.startswith(starts) and len(text.split()) <= AUTHOR_BIO_MAX_WORDS and re.match(
            r"^[^.]{0,80}\b(?:is|was|has been|holds|writes|covers|joined)\b", text
        ):
            if el.tail and el.tail.strip():
                prev = el.getprevious()
                if prev is not None:
                    prev.tail = (prev.tail or "") + el.tail
            body.remove(el)
            return


def _drop_boilerplate(body) -> None:
    """Remove short paragraphs / headings / list items of the extracted body that are
    page furniture (see ``_BOILERPLATE_RE``)."""
    if body is None:
        return
    for el in body.xpath(".//*[self::p or self::head or self::item][string-length(normalize-space(.)) < 600]"):
        text = " ".join("".join(el.itertext()).split())
        if not text or len(text.split()) > BOILERPLATE_MAX_WORDS or not _BOILERPLATE_RE.match(text):
            continue
        parent = el.getparent()
        if parent is None:
            continue
        if el.tail and el.tail.strip():
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)


_NUMBERED_ITEM_RE = re.compile(r"^(\s*)- (\d+\. )", re.M)


def plain_text(body) -> str:
    """The body as plain text, items of ordered lists numbered ("1. ", "2. ") as on the
    page (trafilatura's plain-text rendering marks every item with "- ")."""
    body = copy.deepcopy(body)
    numbered = False
    for lst in body.iter("list"):
        if lst.get("rend") != "ol":
            continue
        items = [c for c in lst if c.tag == "item"]
        for n, item in enumerate(items, 1):
            item.text = f"{n}. " + (item.text or "").lstrip()
            numbered = True
    text = xmltotxt(body, False).strip()
    return _NUMBERED_ITEM_RE.sub(r"\1\2", text) if numbered else text


_SPLIT_TITLE_RE = re.compile(r"\s+[|\u2013\u2014\-:\u00b7\u2022\u00bb]\s+")


def _pick_title(tree, refs: list[str], site: str | None = None) -> str | None:
    """The h1 that best matches the document title(s) without the site name; else
    the document title without its site-name suffix."""
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
    for r in main_refs:
        if r:
            return r
    return None


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


_AUTHOR_PREFIX_RE = re.compile(
    r"^(?:(?:written|posted|published|article|recipe|reviewed|words|story|text|photos?|compiled|edited)\s+by|by|"
    r"author(?:ed)?(?:\s+by)?|view all posts by|posts by|read more (?:about|from)|more from|about(?: the author)?)\s*:?\s+",
    re.I,
)
_AUTHOR_ROLE_RE = re.compile(
    r"\s+(?:Writer|Editor|Reporter|Founder|Contributor|Contributing|Expert|Correspondent|Senior|Lead|"
    r"Co-Founder|CEO|Updated|Reviewed|Certified|Journalist|Published|Last [Uu]pdated|Former|Coordinator|"
    r"Manager|Consultant|Specialist|Strategist|Director|Content Marketing|"
    r"Sponsored|January|February|March|April|May|June|July|August|September|October|November|December|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?$)\b.*$"
)
_AUTHOR_BAD_RE = re.compile(
    r"\d|\.head\.|\bposts?\b|written by|^updated|@|^(?:admin|administrator|author|guest|unknown|the author|"
    r"name|jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec|january|february|march|april|june|july|august|"
    r"september|october|november|december)$",
    re.I,
)
# " - FullStack Editorial Team", " | Staff Writer", " • " after a name
_AUTHOR_SUFFIX_RE = re.compile(r"\s+[-–—|•·]\s*(?:\S.*)?$")


def language_tag(value: str | None) -> str | None:
    """A BCP 47 tag as pages write it in any of its forms ("en_US", "en-US, fr")."""
    return (value or "").replace("_", "-").split(",")[0].strip() or None


def clean_author(value: str | None) -> str | None:
    if not value:
        return None
    v = " ".join(html_unescape(value).split())
    v = _AUTHOR_PREFIX_RE.sub("", v)
    v = _AUTHOR_ROLE_RE.sub("", v)
    v = _AUTHOR_SUFFIX_RE.sub("", v).strip(" ,|-\u2013\u2014\u2022\u00b7\"'\u201c\u201d")
    if not v or len(v) > 80 or _AUTHOR_BAD_RE.search(v) or v.startswith(("http://", "https://")):
        return None
    return v


def _author_links(tree) -> list[str]:
    for el in tree.xpath(
        "//a[contains(concat(' ', normalize-space(@rel), ' '), ' author ')] | "
        "//a[contains(@href, '/author/') or contains(@href, '/authors/') or contains(@href, '/writer/')]"
    )[:10]:
        text = " ".join(el.text_content().split())
        if text and 2 <= len(text) <= 60:
            return [text]
    return []


_BYLINE_RE = re.compile(
    r"^(?:(?:written|posted|published|article|words|story|reported)\s+by|by|authors?|contributors?)\b\s*[:\-–—]?\s*(.*)$", re.I
)
_NAME_CONNECTORS = {"and", "&", "de", "da", "del", "der", "van", "von", "la", "le", "du", "di", "bin", "al"}
_NAME_CUT_RE = re.compile(r"\s*(?:[|•·,;/]|\s[-–—]\s|\bon\s|\bin\s|\bupdated\b|\bpublished\b).*$", re.I)


def _plausible_name(value: str) -> bool:
    words = value.replace(" & ", " and ").split()
    if not words or len(words) > 8 or len(value) > 70 or re.search(r"\d|@|https?:", value):
        return False
    if words[0].lower() in _NAME_CONNECTORS or words[-1].lower() in _NAME_CONNECTORS:
        return False
    return all(w[0].isupper() or w.lower() in _NAME_CONNECTORS for w in words)


def byline_names(tree, max_nodes: int = 4000) -> list[str]:
    """Names from a visible byline: "By Jane Doe", "Written by" / "Author" followed by the
    name in the next text node ("<span>By</span> <a>Jane Doe</a>")."""
    body = tree.find("body")
    if body is None:
        return []
    texts = body.xpath(".//text()[normalize-space()]")[:max_nodes]
    for i, t in enumerate(texts):
        if len(t) > 120:
            continue
        s = " ".join(t.split())
        m = _BYLINE_RE.match(s)
        if not m:
            continue
        parent = t.getparent()
        if parent is not None and parent.tag in ("script", "style", "option", "title", "button"):
            continue
        rest = m.group(1).strip()
        if not rest and i + 1 < len(texts):
            rest = " ".join(texts[i + 1].split())
        rest = _NAME_CUT_RE.sub("", rest).strip(" .:")
        if not rest:
            continue
        names = [n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", rest) if n.strip()]
        if names and all(_plausible_name(n) for n in names):
            return names
    return []


def html_unescape(value: str | None) -> str:
    import html as _h

    return _h.unescape(value or "")


def _people_from_meta(st: S.Structured) -> list[str]:
    out = []
    for key in ("author", "article:author", "parsely-author", "dc.creator", "sailthru.author", "byl", "citation_author"):
        for v in st.meta.get(key, []):
            v = " ".join(v.split())
            if v.lower().startswith("by "):
                v = v[3:]
            if v and not v.startswith(("http://", "https://")) and v not in out:
                out.append(v)
        if out:
            return out
    return out


def _twitter_written_by(st: S.Structured) -> list[str]:
    """Yoast-style ``twitter:label1 = "Written by"`` / ``twitter:data1 = name`` pairs."""
    for i in range(1, 5):
        label = st.meta_first(f"twitter:label{i}")
        if label and label.strip().lower() in ("written by", "author", "by"):
            value = st.meta_first(f"twitter:data{i}")
            return [value] if value else []
    return []


def _images_from_tree(tree, base: str | None, limit: int = 20) -> list[dict]:
    scope = tree.xpath("//article|//main|//*[@itemprop='articleBody']")
    root = scope[0] if scope else None
    out: list[dict] = []
    if root is None:
        return out
    for img in root.iter("img"):
        src = img.get("src") or img.get("data-src")
        if not src or src.startswith("data:"):
            continue
        url = urljoin(base, src) if base else src
        if any(i["url"] == url for i in out):
            continue
        out.append({"url": url, "alt": (img.get("alt") or "").strip() or None})
        if len(out) >= limit:
            break
    return out


def _tf_author(tree) -> list[str]:
    """trafilatura's byline search (copies the tree: only run when needed)."""
    try:
        author = extract_author(tree)
    except Exception:  # pragma: no cover - library edge cases
        return []
    return [author] if author else []


def _tf_sitename(tree) -> str | None:
    try:
        return extract_sitename(tree)
    except Exception:  # pragma: no cover
        return None


def _htmldate(tree, url: str | None) -> str | None:
    """htmldate without its "extensive" free-text search (dateparser: ~1 s a page, and
    no more accurate on the dev set once <meta>/<time>/visible dates come first)."""
    try:
        return find_date(tree, url=url, **{k: v for k, v in set_date_params(False).items() if k != "url"})
    except Exception:  # pragma: no cover
        return None


def _container_words(tree) -> int:
    """Words in the largest element the page marks as its article or main content."""
    containers = tree.xpath("//article|//main|//*[@itemprop='articleBody']")
    return max((len(el.text_content().split()) for el in containers), default=0)


def from_html(tree, url: str | None, st: S.Structured) -> tuple[dict, dict]:
    data: dict[str, Any] = {}
    sources: dict[str, str] = {}

    def put(key, value, source):
        if value not in (None, "", [], {}) and data.get(key) in (None, "", []):
            data[key] = value
            sources[key] = source

    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        favor_recall=True,
        include_comments=False,
        include_tables=True,
        # trafilatura's metadata pass (~12 ms a page) is not run: the structured data
        # already read gives most fields, and its costly parts (byline search, htmldate,
        # category/tag links) run below only when nothing else gave the field
        with_metadata=False,
    )
    # short output: trafilatura's default mode (readability/jusText fallbacks) sometimes
    # finds the long body that the recall-oriented pass missed; take it when much longer
    words = len((doc.text or "").split()) if doc is not None else 0
    if words < SHORT_BODY_WORDS or words < CONTAINER_SHARE * _container_words(tree):
        alt = trafilatura.bare_extraction(tree, url=url, include_comments=False, include_tables=True)
        if alt is not None and alt.body is not None and len((alt.text or "").split()) > SHORT_FACTOR * max(words, 1):
            if doc is None:
                doc = alt
            else:
                doc.body, doc.text = alt.body, alt.text

    art_nodes = S.nodes_of_type(st.jsonld, *ARTICLE_TYPES)
    page_nodes = S.nodes_of_type(st.jsonld, *PAGE_TYPES)
    node = art_nodes[0] if art_nodes else {}
    page = page_nodes[0] if page_nodes else {}

    # ---- title: the visible headline (h1) when it agrees with the document title
    publisher = node.get("publisher")
    site = (st.meta_first("og:site_name", "application-name", "apple-mobile-web-app-title")
            or S.as_text(publisher if isinstance(publisher, (dict, str, list)) else None) or _tf_sitename(tree))
    put("title", *choose_title(tree, st, None, site))
    put("title", S.as_text(node.get("headline")) or S.as_text(node.get("name")), "jsonld")
    put("title", st.meta_first("og:title"), "opengraph")

    # ---- authors: JSON-LD, meta author, trafilatura's byline, then author links
    candidates = [
        (S.people_names(node.get("author")) or S.people_names(node.get("creator")), "jsonld"),
        (_people_from_meta(st), "opengraph"),
        (_twitter_written_by(st), "opengraph"),
        (lambda: _tf_author(tree), "heuristic"),
        (lambda: _author_links(tree), "heuristic"),
        (lambda: byline_names(tree), "heuristic"),
    ]
    # an organisation given as author (the site / publisher itself, or a JSON-LD
    # Organization) gives way to a person named by a later source
    org_names = {x.casefold() for x in (site, st.meta_first("og:site_name"), S.as_text(node.get("publisher"))) if x}
    org_tokens = set(_tokens(" ".join(org_names)))
    authors_raw = node.get("author")
    ld_org = any(
        set(S.type_names(a)) & {"Organization", "WebSite", "NewsMediaOrganization", "Corporation"}
        for a in (authors_raw if isinstance(authors_raw, list) else [authors_raw]) if isinstance(a, dict)
    )
    fallback = None
    for i, (names, source) in enumerate(candidates):
        if callable(names):  # the costlier page scans run only when needed
            names = names()
        names = [n.strip() for x in names for n in (clean_author(x) or "").split(";") if n.strip()]
        if not names:
            continue
        names = list(dict.fromkeys(names))
        is_org = (i == 0 and ld_org) or all(
            n.casefold() in org_names or (set(_tokens(n)) and set(_tokens(n)) <= org_tokens) for n in names
        )
        if is_org:
            fallback = fallback or (names, source)
            continue
        put("authors", names, source)
        break
    if fallback and not data.get("authors"):
        put("authors", *fallback)

    # ---- dates: explicit publication metadata, then <time>, then htmldate
    put("publishedAt", iso_date(page.get("datePublished")), "jsonld")
    put("publishedAt", iso_date(st.meta_first("article:published_time", "og:published_time", "datepublished", "pubdate", "publish-date", "dc.date", "date",
                                           "published", "publication_date", "parsely-pub-date", "sailthru.date",
                                           "citation_publication_date", "dc.date.issued", "dcterms.created")), "opengraph")
    put("publishedAt", iso_date(S.first(tree.xpath("//time[@datetime][1]/@datetime"))), "heuristic")
    if not data.get("publishedAt"):
        # the date the page shows ("March 5, 2024" / "5 March 2024") before the
        # Article node's datePublished, which is often the first-publication date of
        # a since-updated page (htmldate's extensive mode does this through dateparser,
        # which costs ~1 s per call)
        put("publishedAt", text_date(tree, skip=max(0, headline_text_index(tree) - DATE_BEFORE_HEADLINE_NODES)), "heuristic")
    put("publishedAt", iso_date(node.get("datePublished")) or iso_date(node.get("dateCreated")), "jsonld")
    if not data.get("publishedAt"):
        put("publishedAt", iso_date(_htmldate(tree, url)), "heuristic")
    put("modifiedAt", iso_date(node.get("dateModified")) or iso_date(page.get("dateModified")), "jsonld")
    put("modifiedAt", iso_date(st.meta_first("article:modified_time", "og:updated_time", "dateModified")), "opengraph")

    # ---- misc metadata
    lang = tree.get("lang") or S.as_text(node.get("inLanguage")) or st.meta_first("og:locale", "content-language", "language")
    if lang:
        put("language", language_tag(lang), "heuristic" if tree.get("lang") else "opengraph")

    put("siteName", st.meta_first("og:site_name"), "opengraph")
    put("siteName", S.as_text((node.get("publisher") or {}) if isinstance(node.get("publisher"), dict) else node.get("publisher")), "jsonld")
    put("siteName", site, "heuristic")
    put("description", S.as_text(node.get("description")), "jsonld")
    put("description", st.meta_first("og:description", "description", "twitter:description"), "opengraph")
    canon = tree.xpath("//link[@rel='canonical']/@href")
    if canon and canon[0].strip():
        put("canonicalUrl", urljoin(url, canon[0].strip()) if url else canon[0].strip(), "heuristic")
    put("canonicalUrl", S.as_url(st.meta_first("og:url"), url), "opengraph")
    put("canonicalUrl", S.as_url(node.get("url") or node.get("mainEntityOfPage"), url), "jsonld")
    put("mainImage", S.as_url(node.get("image"), url), "jsonld")
    put("mainImage", S.as_url(st.meta_first("og:image", "og:image:url", "twitter:image"), url), "opengraph")
    images = _images_from_tree(tree, url)
    if data.get("mainImage") and not any(i["url"] == data["mainImage"] for i in images):
        images.insert(0, {"url": data["mainImage"], "alt": None})
    put("images", images, "heuristic")
    kw = node.get("keywords")
    if isinstance(kw, str):
        kw = [k.strip() for k in kw.split(",")]
    if isinstance(kw, list):
        put("tags", [k for k in (S.as_text(x) for x in kw) if k], "jsonld")
    put("tags", [t.strip() for t in st.meta.get("article:tag", []) if t.strip()], "opengraph")
    if not data.get("tags"):
        put("tags", list(dict.fromkeys([*extract_catstags("tag", tree), *extract_catstags("category", tree)])), "heuristic")

    # ---- body
    if doc is not None and doc.body is not None:
        body = doc.body
        _drop_leading_title(body, _title_candidates(tree, st, doc) | ({" ".join(_tokens(data.get("title")))} if data.get("title") else set()))
        _drop_leading_meta(body, data.get("authors") or [])
        _drop_boilerplate(body)
        _drop_trailing_bio(body, data.get("authors") or [])
        text = plain_text(body)
        markdown = xmltotxt(copy.deepcopy(body), True).strip()
        html_tree = convert_to_html(copy.deepcopy(body))
        body_el = html_tree[0] if len(html_tree) else html_tree
        put("text", text, "heuristic")
        put("markdown", markdown, "heuristic")
        put("html", clean_children(body_el).strip() or None, "heuristic")
    else:
        body_text = S.as_text(node.get("articleBody"))
        if body_text:
            put("text", body_text, "jsonld")
            put("markdown", body_text, "jsonld")
    return data, sources


def from_text(doc: TextDoc, *, markdown: bool) -> tuple[dict, dict]:
    data: dict[str, Any] = {}
    sources: dict[str, str] = {}
    if doc.title:
        data["title"] = doc.title
        sources["title"] = "heuristic"
    text = "\n\n".join(doc.paragraphs)
    if text:
        data["text"] = text
        data["markdown"] = doc.markdown if markdown else text
        data["html"] = clean_fragment(render_blocks_html(doc.blocks)) or None
        sources.update(text="heuristic", markdown="heuristic", html="heuristic")
    if doc.images:
        data["images"] = [{"url": u, "alt": a or None} for u, a in doc.images if not u.lower().startswith(("javascript:", "data:"))]
        if data["images"]:
            data["mainImage"] = data["images"][0]["url"]
            sources["images"] = sources["mainImage"] = "heuristic"
    if doc.paragraphs:
        data["description"] = doc.paragraphs[0][:300]
        sources["description"] = "heuristic"
    return data, sources


_JSON_KEYS = {
    "title": ("headline", "title", "name"),
    "text": ("articleBody", "body", "text", "content", "contentText"),
    "markdown": ("markdown",),
    "html": ("html", "contentHtml", "bodyHtml"),
    "description": ("description", "summary", "excerpt", "abstract"),
    "publishedAt": ("datePublished", "publishedAt", "published_at", "published", "date", "pubDate", "created_at"),
    "modifiedAt": ("dateModified", "modifiedAt", "modified_at", "updated_at", "updated"),
    "language": ("inLanguage", "language", "lang", "locale"),
    "siteName": ("siteName", "site_name", "publisher", "source"),
    "canonicalUrl": ("canonicalUrl", "canonical_url", "url", "link", "mainEntityOfPage"),
    "mainImage": ("image", "mainImage", "main_image", "thumbnail", "thumbnailUrl", "imageUrl", "image_url"),
    "tags": ("keywords", "tags", "categories", "articleSection"),
    "authors": ("author", "authors", "creator", "byline"),
}


def pick_node(obj: Any, *preference: tuple[str, ...]) -> tuple[dict | None, str]:
    """The first node of the most wanted types (e.g. an Article before the WebPage that holds it); else the object."""
    nodes = S.flatten_jsonld([obj])
    for types in preference:
        typed = S.nodes_of_type(nodes, *types)
        if typed:
            return typed[0], "jsonld"
    if isinstance(obj, dict):
        return obj, "heuristic"
    if isinstance(obj, list) and obj and isinstance(obj[0], dict):
        return obj[0], "heuristic"
    return None, "heuristic"


def from_json(obj: Any, url: str | None) -> tuple[dict, dict]:
    node, source = pick_node(obj, ARTICLE_TYPES, PAGE_TYPES)
    data: dict[str, Any] = {}
    sources: dict[str, str] = {}
    if not node:
        return data, sources
    for field, keys in _JSON_KEYS.items():
        for key in keys:
            value = node.get(key)
            if value in (None, "", [], {}):
                continue
            if field == "authors":
                value = list(dict.fromkeys(n for n in (clean_author(x) for x in S.people_names(value)) if n))
            elif field == "language":
                value = language_tag(S.as_text(value))
            elif field in ("publishedAt", "modifiedAt"):
                value = iso_date(value)
            elif field in ("canonicalUrl", "mainImage"):
                value = S.as_url(value, url)
            elif field == "tags":
                if isinstance(value, str):
                    value = [v.strip() for v in value.split(",")]
                value = [t for t in (S.as_text(v) for v in (value if isinstance(value, list) else [value])) if t]
            elif field in ("text", "markdown", "description", "html"):
                value = value if isinstance(value, str) else S.as_text(value)
                value = value.strip() if value else None
            else:
                value = S.as_text(value)
            if value not in (None, "", []):
                data[field] = value
                sources[field] = source
                break
    if data.get("html"):
        data["html"] = clean_fragment(data["html"]) or None
        if not data.get("text"):
            data["text"] = " ".join(lxml.html.fromstring(data["html"]).text_content().split()) if data["html"] else None
    if data.get("text") and not data.get("html"):
        paras = [p.strip() for p in re.split(r"\n\s*\n", data["text"]) if p.strip()]
        data["html"] = clean_fragment(render_blocks_html([("p", " ".join(p.split())) for p in paras])) or None
        sources["html"] = "heuristic"
    if data.get("text") and not data.get("markdown"):
        data["markdown"] = data["text"]
        sources["markdown"] = sources.get("text", source)
    if data.get("mainImage"):
        data["images"] = [{"url": u, "alt": None} for u in S.all_urls(node.get("image") or node.get("images"), url)] or [
            {"url": data["mainImage"], "alt": None}
        ]
        sources["images"] = source
    return data, sources



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
        head, tail = v[: ms[0].start()], v[ms[-1].end():]
        if site_tokens and _tokens(tail) and set(_tokens(tail)) <= site_tokens:
            v = v[: ms[-1].start()].strip()
        elif site_tokens and _tokens(head) and set(_tokens(head)) <= site_tokens:
            v = v[ms[0].end():].strip()
        elif guess and ms[-1].group().strip() != ":" and len(_tokens(tail)) <= 4 \
                and len(tail) < len(v[: ms[-1].start()]):
            v = v[: ms[-1].start()].strip()
            break
        else:
            break
    return v or None


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"'})


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


# a " | " in a headline separates it from an appended label ("Title | Opinion", "Title | Top 19")
H1_LABEL_SEP = r"\s+\|\s+"
SINGLE_H1 = True  # a page with a single h1: that is its headline


def choose_title(tree, st: S.Structured, doc_title: str | None = None, site: str | None = None) -> tuple[str | None, str]:
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
        h1 = _strip_site(picked, site_tokens, guess=False)
        m = re.search(H1_LABEL_SEP, h1)
        # ... unless the publisher's headline (JSON-LD / og, not the <title>) has it too
        headlines = [c for c in (_strip_site(g, site_tokens) for g in (og, ld)) if c]
        if m and len(_tokens(h1[: m.start()])) >= 3 and not _declared_spelling(h1, headlines):
            h1 = h1[: m.start()].strip()
        return _declared_spelling(h1, cleaned) or h1, "heuristic"
    for c in cleaned:
        if counts.get(" ".join(_tokens(c)), 0) >= 2:
            return clean_title_text(c), "opengraph" if c == _strip_site(og, site_tokens) else "jsonld"
    if SINGLE_H1:
        h1s = [clean_title_text(heading_text(h)) for h in headline_h1s(tree)[:3]]
        h1s = [h for h in h1s if h]
        if len(h1s) == 1 and 2 <= len(_tokens(h1s[0])) <= 30 and not (site_tokens and set(_tokens(h1s[0])) <= site_tokens):
            return h1s[0], "heuristic"
    if picked:
        return clean_title_text(picked), "heuristic"
    return (clean_title_text(cleaned[0]), "opengraph") if cleaned else (None, "heuristic")
