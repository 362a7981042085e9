"""Articles from HTML: metadata from JSON-LD / meta tags / the page, body from trafilatura (see the package docstring)."""

from __future__ import annotations

import copy
import html as _html
import re
from typing import Any
from urllib.parse import unquote, urlsplit

import trafilatura
from lxml import etree
from trafilatura.htmlprocessing import convert_to_html
from trafilatura.metadata import extract_catstags
from trafilatura.utils import line_processing
from trafilatura.xml import xmltotxt

from ...sanitize import clean_children
from .. import structured as S
from ..trafilatura_recall import recall_pass
from ..trafilatura_xpaths import mirrored
from .authors import (
    _author_links,
    _people_from_meta,
    _tf_author,
    _twitter_written_by,
    byline_names,
    clean_author,
    coauthors,
    desk_name,
    in_comment_part,
    not_a_byline_name,
    person_name,
    without_organisation,
)
from .body import (
    CONTAINER_SHARE,
    SHORT_BODY_WORDS,
    SHORT_FACTOR,
    InlineEdges,
    _container_words,
    _drop_boilerplate,
    _drop_leading_meta,
    _drop_leading_title,
    _drop_repeated_run,
    _drop_trailing_bio,
    article_containers,
    drop_calls_to_action,
    drop_closing_bio,
    drop_sign_up_pitches,
    ol_starts,
    plain_text,
    space_item_headings,
    unwrap_page_parts,
)
from .common import ARTICLE_TYPES, PAGE_TYPES, _tokens, language_tag
from .dates import (
    DATE_BEFORE_HEADLINE_NODES,
    PageWording,
    _htmldate,
    _numeric_date,
    dateline_date,
    dates_in_text,
    days_apart,
    headline_text_index,
    iso_date,
    labelled_text_date,
    numeric_dayfirst,
    text_date,
    text_dates,
    unswapped,
    url_date,
    without_dated_sidebars,
)
from .ending import trim_ending
from .notices import drop_consent_notices, drop_poster_cards, drop_read_times, paragraphs_of_broken_text
from .titles import _tf_sitename, _title_candidates, choose_title, headline_h1s


def _images_from_tree(containers: list, base: str | None, limit: int = 20) -> list[dict]:
    """The images of the page's first article or main container (:func:`.body.article_containers`)."""
    out: list[dict] = []
    if not containers:
        return out
    root = containers[0]
    for img in root.iter("img"):
        src = img.get("src") or img.get("data-src")
        if not src or src.startswith("data:"):
            continue
        url = S.join_url(base, src)
        if url is None or any(i["url"] == url for i in out):
            continue
        out.append({"url": url, "alt": (img.get("alt") or "").strip() or None})
        if len(out) >= limit:
            break
    return out


class _Fields:
    """The result being built: the first source that gives a field wins."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}
        self.sources: dict[str, str] = {}

    def put(self, key: str, value: Any, source: str) -> None:
        if value not in (None, "", [], {}) and self.data.get(key) in (None, "", []):
            self.data[key] = value
            self.sources[key] = source

    def get(self, key: str) -> Any:
        return self.data.get(key)

    def replace(self, key: str, value: Any, source: str) -> None:
        """A later, better-founded reading over the one already put."""
        self.data[key] = value
        self.sources[key] = source


def from_html(tree, url: str | None, st: S.Structured) -> tuple[dict, dict]:
    containers = article_containers(tree)
    # the body is read with a space where the page runs two words together at an inline element's edge; the metadata
    # readers see the page as it is
    edges = InlineEdges(tree)
    paragraphs_of_broken_text(tree)
    with edges.spaced():
        doc = _body_doc(tree, url, containers)
    art_nodes = _own_nodes(S.nodes_of_type(st.jsonld, *ARTICLE_TYPES), st)
    page_nodes = S.nodes_of_type(st.jsonld, *PAGE_TYPES)
    keys = _PageKeys(tree, url, st)
    node = _this_page_node(art_nodes, keys)
    page = _this_page_node(page_nodes, keys)
    out = _Fields()
    # the visible headline (h1) when it agrees with the document title
    publisher = node.get("publisher")
    site = (
        st.meta_first("og:site_name", "application-name", "apple-mobile-web-app-title")
        or S.as_text(publisher if isinstance(publisher, (dict, str, list)) else None)
        or _tf_sitename(tree)
    )
    out.put("title", *choose_title(tree, st, None, site))
    out.put("title", S.as_text(node.get("headline")) or S.as_text(node.get("name")), "jsonld")
    out.put("title", st.meta_first("og:title"), "opengraph")
    _authors(out, tree, st, node, site)
    _dates(out, tree, st, node, page, url)
    _page_metadata(out, tree, st, node, url, site, containers)
    with edges.spaced():
        _body(out, tree, st, node, doc)
    return out.data, out.sources


def _own_nodes(nodes: list[dict], st: S.Structured) -> list[dict]:
    """``nodes`` less those listed in an ``ItemList`` (other articles' cards: "Related posts"), unless that leaves
    none."""
    lists = S.nodes_of_type(st.jsonld, "ItemList") if len(nodes) > 1 else []
    if not lists:
        return nodes
    listed = {id(n) for lst in lists for n in S.flatten_jsonld([lst.get("itemListElement") or []])}
    return [n for n in nodes if id(n) not in listed] or nodes


class _PageKeys:
    """What names this page, to tell its own JSON-LD node from another page's: its URL (the one requested, the
    canonical link, og:url) and its titles (og / twitter titles, ``<title>``, the h1s), read on first use."""

    def __init__(self, tree, url: str | None, st: S.Structured) -> None:
        self._tree, self._url, self._st = tree, url, st
        self._urls: set[str] | None = None
        self._titles: set[str] | None = None

    def urls(self) -> set[str]:
        if self._urls is None:
            canonical = [el.get("href") for el in self._tree.iterfind(".//link") if el.get("rel") == "canonical"]
            given = (self._url, *canonical, self._st.meta_first("og:url"))
            self._urls = {k for k in map(_url_key, given) if k}
        return self._urls

    def titles(self) -> set[str]:
        if self._titles is None:
            title = self._tree.find(".//title")
            given = [
                self._st.meta_first("og:title"),
                self._st.meta_first("twitter:title"),
                title.text_content() if title is not None else None,
                *(h1.text_content() for h1 in self._tree.iter("h1")),
            ]
            self._titles = {k for k in map(_title_key, given) if k}
        return self._titles


def _url_key(value: Any) -> str | None:
    """A URL as compared with the page's: host without "www.", path without its closing "/"; scheme, query and
    fragment left out ("https://www.example.com/a/#article" is "example.com/a"). None for a relative one."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{unquote(parts.path).rstrip('/')}" if host else None


def _title_key(value: Any) -> str | None:
    text = " ".join(_html.unescape(value).split()).casefold() if isinstance(value, str) else ""
    return text or None


def _node_urls(node: dict) -> list[Any]:
    main = node.get("mainEntityOfPage")
    mains = main if isinstance(main, list) else [main]
    return [node.get("url"), node.get("@id")] + [
        m.get("@id") or m.get("url") if isinstance(m, dict) else m for m in mains
    ]


def _is_this_page(node: dict, keys: _PageKeys) -> bool:
    """Does ``node`` name this page: its ``url``, ``@id`` or ``mainEntityOfPage`` is the page's URL, or its headline
    is one of the page's titles?"""
    urls = {k for k in map(_url_key, _node_urls(node)) if k}
    if urls & keys.urls():
        return True
    names = (S.as_text(node.get("headline")), S.as_text(node.get("name")))
    return bool({k for k in map(_title_key, names) if k} & keys.titles())


def _this_page_node(nodes: list[dict], keys: _PageKeys) -> dict:
    """The page's own node among ``nodes``: the first, unless it does not name this page and a later one does (a page
    whose JSON-LD describes other articles too, in separate scripts or one ``@graph``: a related story's
    ``NewsArticle`` before the page's own, a section's ``WebPage`` before the article's). {} for none."""
    if len(nodes) < 2 or _is_this_page(nodes[0], keys):
        return nodes[0] if nodes else {}
    return next((n for n in nodes[1:] if _is_this_page(n, keys)), nodes[0])


def _body_doc(tree, url: str | None, containers: list):
    """trafilatura's passes (:func:`_passes`) with its pruning and body-finding XPaths walked in Python
    (:mod:`..trafilatura_xpaths`: the same elements, ≈ 10 ms a page less than libxml2 calling back into Python)."""
    with mirrored():
        return _passes(tree, url, containers)


def _passes(tree, url: str | None, containers: list):
    """trafilatura's recall-oriented pass; its default pass too when the first one stopped short."""
    # bare_extraction(tree, url=url, favor_recall=True, include_comments=False, include_tables=True,
    # output_format="txt") without the tree copies it discards (:mod:`..trafilatura_recall`). Not its metadata pass
    # (~12 ms a page): the structured data already read gives most fields, and its costly parts (byline search,
    # htmldate, category/tag links) run below only when nothing else gave the field. Not its "python" output, which
    # renders the body as text once more (xmltotxt) for `text`, which is not used: the word counts below read
    # trafilatura's own text of the extraction (`raw_text`)
    doc = recall_pass(tree, url)
    # short output: trafilatura's default mode (readability/jusText fallbacks) sometimes
    # finds the long body that the recall-oriented pass missed; take it when much longer
    words = len((doc.raw_text or "").split()) if doc is not None else 0
    if words < SHORT_BODY_WORDS or words < CONTAINER_SHARE * _container_words(containers):
        alt = trafilatura.bare_extraction(
            tree, url=url, include_comments=False, include_tables=True, output_format="txt"
        )
        if (
            alt is not None
            and alt.body is not None
            and len((alt.raw_text or "").split()) > SHORT_FACTOR * max(words, 1)
        ):
            if doc is None:
                doc = alt
            else:
                doc.body, doc.raw_text = alt.body, alt.raw_text
    return doc


# bylines more than this many text nodes above the headline are navigation ("Filter by Use Case"), as for dates
BYLINE_BEFORE_HEADLINE_NODES = DATE_BEFORE_HEADLINE_NODES
# an organisation of any kind, or the site itself, given as author
_ORG_TYPES = S.ORGANIZATION_TYPES | {"WebSite"}


def _without_listed_organisations(authors: Any) -> Any:
    """A JSON-LD author list less the organisations it names beside a person (the publisher or an agency listed
    after the writer: ``[{"@type": "Person", …}, {"@type": "Organization", …}]``); a list of organisations only stays."""
    if not isinstance(authors, list):
        return authors
    people = [a for a in authors if not _is_organisation(a)]
    return people if S.people_names(people) else authors  # a person entry with no name keeps the organisation


def _is_organisation(author: Any) -> bool:
    return isinstance(author, dict) and bool(set(S.type_names(author)) & _ORG_TYPES)


def _authors(out: _Fields, tree, st: S.Structured, node: dict, site: str | None) -> None:
    """JSON-LD, meta author tags, Yoast labels, trafilatura's byline, author links, a visible byline. An organisation
    given as author (the site / publisher itself, or a JSON-LD Organization) gives way to a person named later; a
    login, handle or credit line (:func:`.authors.not_a_byline_name`) to a person of two words or more named by the
    visible "By …" byline (not by trafilatura's byline, which on a forum is a poster box with its rank, nor by an author
    link alone); a structured author loses a trailing ", <site or publisher>"."""
    # an author given by reference to a Person / Organization node of the page's @graph (Yoast) is that node
    authors_raw = _without_listed_organisations(S.referenced(node.get("author"), st.jsonld))
    lang = S.as_text(node.get("inLanguage")) or tree.get("lang")  # orders a name given by its parts
    creators = S.referenced(node.get("creator"), st.jsonld)
    candidates = [
        (S.people_names(authors_raw, lang) or S.people_names(creators, lang), "jsonld", False),
        (*_people_from_meta(st), False),
        (_twitter_written_by(st), "opengraph", False),
        (lambda: _tf_author(tree), "heuristic", False),
        (lambda: _author_links(tree), "heuristic", False),
        (
            lambda: byline_names(tree, skip=max(0, headline_text_index(tree) - BYLINE_BEFORE_HEADLINE_NODES)),
            "heuristic",
            True,
        ),
    ]
    org_names = {x.casefold() for x in (site, st.meta_first("og:site_name"), S.as_text(node.get("publisher"))) if x}
    org_tokens = set(_tokens(" ".join(org_names)))
    ld_org = any(_is_organisation(a) for a in (authors_raw if isinstance(authors_raw, list) else [authors_raw]))
    fallback = None  # an organisation named as author
    handle = None  # a login, handle or credit line named as author
    for i, (names, source, byline) in enumerate(candidates):
        if callable(names):  # the costlier page scans run only when needed
            names = names()
        structured = i <= 2
        names = _cleaned_names(names, structured, tree.get("lang"), org_names)
        if not names:
            continue
        is_org = (i == 0 and ld_org) or all(
            n.casefold() in org_names or (set(_tokens(n)) and set(_tokens(n)) <= org_tokens) or desk_name(n)
            for n in names
        )
        if is_org:
            fallback = fallback or (names, source)
            continue
        if handle and not (byline and all(person_name(n) for n in names)):
            continue
        if not handle and not_a_byline_name(names, structured):
            handle = (names, source)
            continue
        if len(names) == 1:  # a name given alone, whose byline may list co-authors
            names = coauthors(tree, names[0]) or names
        out.put("authors", names, source)
        break
    for given in (handle, fallback):
        if given and not out.get("authors"):
            out.put("authors", *given)


def _cleaned_names(names, structured: bool, lang: str | None, org_names: set[str]) -> list[str]:
    """A source's author names, cleaned and deduplicated: names given by structured data are kept as written
    ("SFist Contributor"), less a trailing site or publisher name; the page's own bylines lose the role words glued
    to them ("Jane Doe Senior Writer")."""
    cleaned = [
        n.strip()
        for x in names
        for n in (clean_author(x, roles=not structured, lang=lang) or "").split(";")
        if n.strip()
    ]
    if structured:
        cleaned = [without_organisation(n, org_names) for n in cleaned]
    return list(dict.fromkeys(cleaned))


_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publish-date",
    "dc.date",
    "date",
    "published",
    "publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "citation_publication_date",
    "dc.date.issued",
    "dcterms.created",
)
# other publishers' and CMSs' names of the publication time: read only when neither JSON-LD nor a <time> dates the
# page, before a date it shows (htmldate reads them later still); some name another day as well (an event's
# "publishdate", a document's "dcterms.date"), so they never outrank those sources
_OTHER_PUBLISHED_META = (
    "og:article:published_time",
    "article:published",
    "article.published",
    "article_date_original",
    "og:pubdate",
    "publishdate",
    "publish_date",
    "date_published",
    "published-date",
    "originalpublicationdate",
    "prism.publicationdate",
    "rnews:datepublished",
    "cxenseparse:recs:publishtime",
    "dcterms.date",
)


def _meta_date(out: _Fields, st: S.Structured, names: tuple[str, ...]) -> None:
    key = next((k for k in names if st.meta_first(k)), None)
    if key:
        out.put("publishedAt", iso_date(st.meta_first(key)), "opengraph" if ":" in key else "meta")


def _dates(out: _Fields, tree, st: S.Structured, node: dict, page: dict, url: str | None) -> None:
    """Explicit publication metadata, then <time>, the date the page shows, the Article node, htmldate."""
    out.put("publishedAt", iso_date(page.get("datePublished")), "jsonld")
    _meta_date(out, st, _PUBLISHED_META)
    if S.as_text(node.get("@type")) == "LiveBlogPosting":
        # a live blog's entries are timed newest first: its start dates it, before their <time>s
        out.put("publishedAt", iso_date(node.get("datePublished")) or iso_date(node.get("coverageStartTime")), "jsonld")
    wording = PageWording(tree, (S.as_text(node.get("inLanguage")),))
    out.put("publishedAt", _time_element_date(tree, wording), "heuristic")
    if not (iso_date(node.get("datePublished")) or iso_date(node.get("dateCreated"))):
        _meta_date(out, st, _OTHER_PUBLISHED_META)
    window = None
    shown_tree = without_dated_sidebars(tree)  # what the page shows but a sidebar's list of other posts' days
    if not out.get("publishedAt"):
        # the date the page shows ("March 5, 2024" / "5 March 2024") before the
        # Article node's datePublished, which is often the first-publication date of
        # a since-updated page (htmldate's extensive mode does this through dateparser,
        # which costs ~1 s per call)
        window = _shown_date(out, shown_tree, node, wording, url)
    out.put("publishedAt", iso_date(node.get("datePublished")) or iso_date(node.get("dateCreated")), "jsonld")
    written = (S.as_text(node.get("datePublished")) or "").strip()
    if not out.get("publishedAt") and "." not in written:
        # "04/03/2025" as the Article's date, nothing else dating the page: read as the page's language writes it (not
        # a dotted one: a US page writes "2.18.2025" month first)
        out.put("publishedAt", _numeric_date(written, numeric_dayfirst(wording.language())), "jsonld")
    _older_shown_date(out, shown_tree, window, wording)
    if not out.get("publishedAt"):
        out.put("publishedAt", iso_date(_htmldate(shown_tree, url)), "heuristic")
    if not out.get("publishedAt"):
        out.put("publishedAt", _date_badge(shown_tree, wording), "heuristic")
    if not out.get("publishedAt"):  # the day the URL names (htmldate reads it, but not written together)
        out.put("publishedAt", url_date(url), "heuristic")
    _day_of_url(out, url)
    out.put("modifiedAt", iso_date(node.get("dateModified")) or iso_date(page.get("dateModified")), "jsonld")
    out.put(
        "modifiedAt", iso_date(st.meta_first("article:modified_time", "og:updated_time", "dateModified")), "opengraph"
    )


def _shown_date(out: _Fields, tree, node: dict, wording: PageWording, url: str | None) -> tuple[int, bool]:
    """The date the page shows, labelled first, as the publication; returns the window it was read in."""
    skip, dayfirst = window = _shown_date_window(tree, wording)
    # the page's language: its <html lang>, else the one its <meta> or the Article declare
    lang = (wording.language() or "").lower()[:2]
    # "4. 3. 2025" on Czech and Slovak pages only; "15-Apr-2025" not over the Article's datePublished
    spellings = {
        "spaced": lang in ("cs", "sk"),
        # "4 Oca 2025", "4 lut 2025" on pages of the abbreviations' language only
        "months": lang,
        "hyphens": not iso_date(node.get("datePublished")),
        "wording": wording,
        "segments": True,
    }
    shown = (
        labelled_text_date(tree, 600, skip, dayfirst, **spellings)
        or dateline_date(tree, url, skip, dayfirst, **spellings)
        or text_date(tree, 600, skip, dayfirst, **spellings)
    )
    out.put("publishedAt", unswapped(shown, iso_date(node.get("datePublished"))), "heuristic")
    return window


# a date shown as a badge, its day, month and year in elements of their own ("<div class="post-date"><span>04</span>
# <span>Mar</span><span>2025</span></div>"): an element classed as a date whose text, of at most this many characters,
# is split over several text nodes
DATE_BADGE_CHARS = 40
_DATE_CLASS_RE = re.compile(r"date", re.IGNORECASE)


def _date_badge(tree, wording: PageWording | None = None) -> str | None:
    """The date the page's first date badge shows (``DATE_BADGE_CHARS``), outside navigation, sidebars and footers;
    read only when no other source dates the page, htmldate included (it reads each text node alone)."""
    body = tree.find("body")
    if body is None:
        return None
    for el in body.iter(etree.Element):
        if not _DATE_CLASS_RE.search(el.get("class") or "") or el.find("*") is None:
            continue
        parts, size = [], 0
        for t in el.itertext():  # read up to the bound only (an element classed "date…" may wrap the whole page)
            if t.strip():
                parts.append(t.strip())
                size += len(t.strip()) + 1
                if size > DATE_BADGE_CHARS + 1:
                    break
        text = " ".join(parts)
        if len(parts) < 2 or len(text) > DATE_BADGE_CHARS:
            continue
        if any(a.tag in ("nav", "aside", "footer") for a in el.iterancestors()):
            continue
        shown = dates_in_text(text, first_only=True, wording=wording)
        if shown:
            return shown[0]
    return None


# the text nodes, from DATE_BEFORE_HEADLINE_NODES above the headline, in which a shown date dates the article
SHOWN_DATE_NODES = 30


def _shown_date_window(tree, wording: PageWording | None = None) -> tuple[int, bool]:
    """Where the date the page shows is read: the text nodes to pass over (all but DATE_BEFORE_HEADLINE_NODES above
    the headline), and whether a numeric date reads day first (by the page's declared language, ``wording``). Walks
    the page: computed only when a date is read."""
    lang = wording.language() if wording is not None else tree.get("lang")
    return max(0, headline_text_index(tree) - DATE_BEFORE_HEADLINE_NODES), numeric_dayfirst(lang)


def _older_shown_date(out: _Fields, tree, window: tuple[int, bool] | None, wording: PageWording | None = None) -> None:
    """A publication date from structured data (JSON-LD, ``<meta>``) later by more than a day than the date shown
    around the headline gives way to that date: the page was republished, migrated or imported after the day it
    shows as its own ("Dec 30, 2013" under the headline of a post whose ``article:published_time`` is 2024). A later
    shown date (an update, a masthead's "today") leaves it alone."""
    if out.sources.get("publishedAt") not in ("jsonld", "opengraph", "meta"):
        return
    skip, dayfirst = window or _shown_date_window(tree, wording)
    # a body's "15-Apr-2025" (a deadline, a code) never replaces a structured date
    shown = text_dates(
        tree, SHOWN_DATE_NODES, first_only=True, skip=skip, dayfirst=dayfirst, hyphens=False, wording=wording
    )
    if shown and days_apart(shown[0], out.get("publishedAt")) > 1 and shown[0] < out.get("publishedAt")[:10]:
        out.replace("publishedAt", shown[0], "heuristic")


def _time_element_date(tree, wording: PageWording | None = None) -> str | None:
    """The ``datetime`` of the page's first ``<time>``; the day its own text shows when that is one day off (a UTC
    time of a story the site dates in its own time zone: ``datetime="2026-02-24T04:13Z"`` shown "February 23"). A
    ``<time>`` without ``datetime`` before it gives the date it shows when that is the first date the page shows
    where the article's date is read (``_shown_date_window``: from DATE_BEFORE_HEADLINE_NODES text nodes above the
    headline, SHOWN_DATE_NODES of them): "<time>Page updated: 12 November 2025</time>" under the headline, before the
    ``<time datetime>`` of the cards of other articles; not a sidebar's list above, a related card's or a comment's
    ``<time>`` below, nor one after a date shown under the headline."""
    undated = []  # the <time>s without datetime before the first with it
    times = tree.iter("time")
    above = None  # the <time datetime>s far above the headline
    comment_parts: dict = {}  # in_comment_part's answer per part, for a thread's many <time>s
    for time in times:
        if not time.get("datetime"):
            undated.append(time)
            continue
        above = _times_far_above_headline(tree) if above is None else above
        if time in above or in_comment_part(
            time, comment_parts
        ):  # a sidebar's list of posts before the article; a comment's date
            continue
        if _time_kind(time) == "updated":  # the update's <time> first, the publication's right after it
            following = next((t for t in times if t.get("datetime")), None)
            if following is not None and _time_kind(following) == "published" and iso_date(following.get("datetime")):
                time = following
        shown = _time_text_date(time, wording)
        value = iso_date(time.get("datetime"))
        return _undated_time_date(tree, undated, wording) or (
            shown if shown and days_apart(shown, value) == 1 else value
        )
    return _undated_time_date(tree, undated, wording)


def _times_far_above_headline(tree) -> set:
    """The ``<time datetime>``s above the headline when the first of them stands more than DATE_BEFORE_HEADLINE_NODES
    text nodes above it (the dates of a sidebar's or a menu's list of posts that the page writes before its article,
    down to the headline); else none (a date right above the headline is the article's). One walk up to it."""
    h1s = headline_h1s(tree)
    body = tree.find("body")
    if not h1s or body is None:
        return set()
    seen, dated = 0, []  # text nodes walked; each <time datetime> with the count before it
    for event, el in etree.iterwalk(body, events=("start", "end")):
        if event == "start" and el is h1s[0]:
            return {t for t, _ in dated} if dated and seen - dated[0][1] > DATE_BEFORE_HEADLINE_NODES else set()
        if not isinstance(el.tag, str):
            continue
        if event == "start" and el.tag == "time" and el.get("datetime"):
            dated.append((el, seen))
        text = el.text if event == "start" else el.tail
        seen += bool(text and text.strip())
    return set()


# what a <time>'s class or itemprop says it dates: the publication ("published", "datePublished") or an update
# ("updated", "dateModified"); WordPress's "entry-date" is the post's date, even beside "updated" ("entry-date updated")
_PUBLISHED_TIME_RE = re.compile(r"publish|entry-date", re.IGNORECASE)
_UPDATED_TIME_RE = re.compile(r"updated|modified", re.IGNORECASE)


def _time_kind(time) -> str | None:
    """ "published" or "updated" when a ``<time>``'s class or itemprop says which (WordPress themes write
    ``<time class="updated">`` then ``<time class="entry-date published">``), else None."""
    marks = f"{time.get('class') or ''} {time.get('itemprop') or ''}"
    if _PUBLISHED_TIME_RE.search(marks):
        return "published"
    return "updated" if _UPDATED_TIME_RE.search(marks) else None


def _time_text_date(time, wording: PageWording | None = None) -> str | None:
    text = " ".join(time.text_content().split())
    shown = dates_in_text(text, first_only=True, wording=wording) if text and len(text) <= 200 else None
    return shown[0] if shown else None


def _undated_time_date(tree, undated: list, wording: PageWording | None = None) -> str | None:
    """The date a ``<time>`` of ``undated`` shows when it is the first date shown in the window the article's date is
    read in; one pass over the text nodes up to the window's end."""
    body = tree.find("body")
    if not undated or body is None:
        return None
    skip, dayfirst = _shown_date_window(tree, wording)
    times = set(undated)
    seen = 0
    for event, el in etree.iterwalk(body, events=("start", "end")):
        # a text node stands in the element it opens (its text) or, as a tail, in the element's parent
        text, holder = (el.text, el) if event == "start" else (el.tail, el.getparent())
        if (event == "start" and not isinstance(el.tag, str)) or (event == "end" and el is body):
            continue
        if not text or not text.strip():
            continue
        seen += 1
        if seen <= skip:
            continue
        if seen > skip + SHOWN_DATE_NODES:
            return None
        time = next((a for a in (holder, *holder.iterancestors()) if a in times), None) if holder is not None else None
        if time is not None:
            shown = _time_text_date(time, wording)
            if shown:
                return shown
        elif len(text) <= 200 and dates_in_text(text.strip(), first_only=True, dayfirst=dayfirst):
            return None  # a date shown outside a <time> comes first
    return None


def _day_of_url(out: _Fields, url: str | None) -> None:
    """The day the URL names over a publication date one day off it: the same moment on the other side of a time
    zone's midnight (a UTC timestamp of a story the site dates, and files, the evening before)."""
    day = url_date(url)
    if days_apart(day, out.get("publishedAt")) == 1 or (day and unswapped(out.get("publishedAt"), day) == day):
        out.replace("publishedAt", day, "heuristic")


def _page_metadata(
    out: _Fields, tree, st: S.Structured, node: dict, url: str | None, site: str | None, containers: list
) -> None:
    lang = (
        tree.get("lang")
        or S.as_text(node.get("inLanguage"))
        or st.meta_first("og:locale", "content-language", "language")
    )
    if lang:
        out.put("language", language_tag(lang), "heuristic" if tree.get("lang") else "opengraph")
    publisher = node.get("publisher")
    out.put("siteName", st.meta_first("og:site_name"), "opengraph")
    out.put("siteName", S.as_text((publisher or {}) if isinstance(publisher, dict) else publisher), "jsonld")
    out.put("siteName", site, "heuristic")
    out.put("description", S.as_text(node.get("description")), "jsonld")
    out.put("description", st.meta_first("og:description"), "opengraph")
    out.put("description", st.meta_first("description", "twitter:description"), "meta")
    canon = tree.xpath("//link[@rel='canonical']/@href")
    if canon and canon[0].strip():
        out.put("canonicalUrl", S.join_url(url, canon[0].strip()), "heuristic")
    out.put("canonicalUrl", S.as_url(st.meta_first("og:url"), url), "opengraph")
    out.put("canonicalUrl", S.as_url(node.get("url") or node.get("mainEntityOfPage"), url), "jsonld")
    out.put("mainImage", S.as_url(node.get("image"), url), "jsonld")
    out.put("mainImage", S.as_url(st.meta_first("og:image", "og:image:url", "twitter:image"), url), "opengraph")
    images = _images_from_tree(containers, url)
    if out.get("mainImage") and not any(i["url"] == out.get("mainImage") for i in images):
        images.insert(0, {"url": out.get("mainImage"), "alt": None})
    out.put("images", images, "heuristic")
    kw = node.get("keywords")
    if isinstance(kw, str):
        kw = [k.strip() for k in kw.split(",")]
    if isinstance(kw, list):
        out.put("tags", [k for k in (S.as_text(x) for x in kw) if k], "jsonld")
    out.put("tags", [t.strip() for t in st.meta.get("article:tag", []) if t.strip()], "opengraph")
    if not out.get("tags"):
        hrefs = "\n".join(tree.xpath("//a/@href"))
        tags = [*_catstags("tag", tree, hrefs), *_catstags("category", tree, hrefs)]
        out.put("tags", list(dict.fromkeys(tags)), "heuristic")


def _catstags(kind: str, tree, hrefs: str) -> list[str]:
    """trafilatura's ``extract_catstags``: the text of links to ``/tag/``, ``/category/`` … pages inside its meta and
    footer containers, else (categories) the ``article:section`` / ``subject`` meta. Its container XPaths (regular
    expressions evaluated element by element, ≈ 1 ms a page each time) only ever keep links whose ``href`` has that
    path, so they are skipped when no link of the page (``hrefs``, newline-joined) has it: same result."""
    if re.search("/" + kind.rstrip("y") + "(?:y|ies|s)?/", hrefs):
        return extract_catstags(kind, tree)
    if kind != "category":
        return []
    # extract_catstags' fallback when no link matched, as it reads it
    found = tree.xpath('.//head//meta[@property="article:section" or contains(@name, "subject")][@content]')
    return [
        r for r in dict.fromkeys(line_processing(el.attrib["content"]) for el in found if el.attrib["content"]) if r
    ]


def _body(out: _Fields, tree, st: S.Structured, node: dict, doc) -> None:
    if doc is None or doc.body is None:
        body_text = S.as_text(node.get("articleBody"))
        if body_text:
            out.put("text", body_text, "jsonld")
            out.put("markdown", body_text, "jsonld")
        return
    body = doc.body
    title = out.get("title")
    candidates = _title_candidates(tree, st, doc) | ({" ".join(_tokens(title))} if title else set())
    chrome = unwrap_page_parts(body)
    _drop_leading_title(body, candidates, chrome)
    # the headline under a read time or dateline the meta pass took away: only a heading that is the chosen title
    # (a section's <h1>, a <title> naming a section, a post whose text is its title stay)
    if _drop_leading_meta(body, out.get("authors") or []) and title and len(body) and body[0].tag == "head":
        _drop_leading_title(body, {" ".join(_tokens(title))})
    opening = body[0] if len(body) else None
    _drop_boilerplate(body)
    _drop_trailing_bio(body, out.get("authors") or [])
    _drop_repeated_run(body)
    trim_ending(body, tree)
    drop_calls_to_action(body)
    drop_sign_up_pitches(body)
    drop_closing_bio(body, out.get("authors") or [])
    drop_consent_notices(body)
    drop_read_times(body, out.get("authors") or [])
    drop_poster_cards(body)
    # the headline left opening the body once the lines above it went (a forum post's poster box, "Jane Doe / Member /
    # Posts: 12", above the post's own copy of the topic's title, an <h2> / <h3>); not one that opened it all along, nor
    # an <h1> (a product's or a section's name heading its text, which the labels keep as often as not)
    if title and len(body) and body[0].tag == "head" and body[0].get("rend") != "h1" and body[0] is not opening:
        _drop_leading_title(body, {" ".join(_tokens(title))})
    space_item_headings(body)
    html_tree = convert_to_html(copy.deepcopy(body))
    body_el = html_tree[0] if len(html_tree) else html_tree
    out.put("text", plain_text(body, ol_starts(body, tree)), "heuristic")
    out.put("markdown", xmltotxt(body, True).strip(), "heuristic")  # with formatting, xmltotxt works on its own copy
    out.put("html", clean_children(body_el).strip() or None, "heuristic")
