"""Articles from HTML: metadata from JSON-LD / meta tags / the page, body from trafilatura (see the package docstring)."""

from __future__ import annotations

import copy
import re
from typing import Any

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
)
from .ending import trim_ending
from .titles import _tf_sitename, _title_candidates, choose_title


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
    with edges.spaced():
        doc = _body_doc(tree, url, containers)
    art_nodes = _own_nodes(S.nodes_of_type(st.jsonld, *ARTICLE_TYPES), st)
    page_nodes = S.nodes_of_type(st.jsonld, *PAGE_TYPES)
    node = art_nodes[0] if art_nodes else {}
    page = page_nodes[0] if page_nodes else {}
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
        # names given by structured data are kept as written ("SFist Contributor"), less a trailing site or publisher
        # name; the page's own bylines lose the role words glued to them ("Jane Doe Senior Writer")
        structured = i <= 2
        names = [
            n.strip()
            for x in names
            for n in (clean_author(x, roles=not structured, lang=tree.get("lang")) or "").split(";")
            if n.strip()
        ]
        if structured:
            names = [without_organisation(n, org_names) for n in names]
        if not names:
            continue
        names = list(dict.fromkeys(names))
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
    wording = PageWording(tree, (S.as_text(node.get("inLanguage")),))
    out.put("publishedAt", _time_element_date(tree, wording), "heuristic")
    if not (iso_date(node.get("datePublished")) or iso_date(node.get("dateCreated"))):
        _meta_date(out, st, _OTHER_PUBLISHED_META)
    window = None
    if not out.get("publishedAt"):
        # the date the page shows ("March 5, 2024" / "5 March 2024") before the
        # Article node's datePublished, which is often the first-publication date of
        # a since-updated page (htmldate's extensive mode does this through dateparser,
        # which costs ~1 s per call)
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
        shown = labelled_text_date(tree, 600, skip, dayfirst, **spellings) or text_date(
            tree, 600, skip, dayfirst, **spellings
        )
        out.put("publishedAt", unswapped(shown, iso_date(node.get("datePublished"))), "heuristic")
    out.put("publishedAt", iso_date(node.get("datePublished")) or iso_date(node.get("dateCreated")), "jsonld")
    _older_shown_date(out, tree, window, wording)
    if not out.get("publishedAt"):
        out.put("publishedAt", iso_date(_htmldate(tree, url)), "heuristic")
    _day_of_url(out, url)
    out.put("modifiedAt", iso_date(node.get("dateModified")) or iso_date(page.get("dateModified")), "jsonld")
    out.put(
        "modifiedAt", iso_date(st.meta_first("article:modified_time", "og:updated_time", "dateModified")), "opengraph"
    )


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
    for time in tree.iter("time"):
        if not time.get("datetime"):
            undated.append(time)
            continue
        shown = _time_text_date(time, wording)
        value = iso_date(time.get("datetime"))
        return _undated_time_date(tree, undated, wording) or (
            shown if shown and days_apart(shown, value) == 1 else value
        )
    return _undated_time_date(tree, undated, wording)


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
    _drop_boilerplate(body)
    _drop_trailing_bio(body, out.get("authors") or [])
    _drop_repeated_run(body)
    trim_ending(body, tree)
    drop_calls_to_action(body)
    drop_sign_up_pitches(body)
    drop_closing_bio(body, out.get("authors") or [])
    space_item_headings(body)
    html_tree = convert_to_html(copy.deepcopy(body))
    body_el = html_tree[0] if len(html_tree) else html_tree
    out.put("text", plain_text(body, ol_starts(body, tree)), "heuristic")
    out.put("markdown", xmltotxt(body, True).strip(), "heuristic")  # with formatting, xmltotxt works on its own copy
    out.put("html", clean_children(body_el).strip() or None, "heuristic")
