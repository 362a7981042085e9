"""Article extraction.

HTML: metadata from JSON-LD (Article types), OpenGraph / ``<meta>`` and the page itself;
trafilatura's own metadata pass is not run — its costly parts (byline search, htmldate,
category/tag links) are called only when nothing else gave the field.

* title: the h1 that agrees with the document-level titles, without a site-name segment
  or an appended " | label"; when no h1 agrees, the document-level title on which
  og/twitter, the JSON-LD headline and ``<title>`` agree; else a page's single h1.
* authors: JSON-LD, meta author tags, Yoast "Written by" twitter labels, trafilatura's
  byline, author links, a visible "By …" byline; an organisation (the site / publisher or a
  JSON-LD Organization) gives way to a person named by a later source; a login, handle or credit line
  ("kffjdoe", "content: …, design: …") to a person of two words or more named by the visible byline; a place beside
  the date ("Los Angeles · Dec 17, 2025") is no writer (``places``).
* publishedAt: WebPage / meta publication dates, a live blog's start (before its entries' ``<time>``s), ``<time>`` (the
  text of one without ``datetime`` before the first with it), the date the page shows (the first after a "Posted on" /
  "Published:" label, else a dateline opening a paragraph, else the first; a numeric one read the way the Article's
  datePublished reads it; never a sidebar's list of dated posts), the Article node's datePublished, then htmldate; the
  day the URL names wins over a date one day off it (a UTC time past midnight).

The body comes from one trafilatura ``bare_extraction`` on the shared lxml tree with
``favor_recall`` and without comments; a leading heading that repeats the page title
and short furniture blocks (table-of-contents labels, share / newsletter prompts,
affiliate disclosures) are dropped, and so is a second copy of the text (a run of blocks repeating earlier ones: a
page that renders its text once per screen size). ``text``/``markdown``/``html`` are rendered from the
same trafilatura XML body; ``html`` is allow-list sanitised (bleach, with a verified
fast path in :func:`extractor.sanitize.clean_children`).

Modules: ``html`` (from_html), ``documents`` (markdown / text / json), ``titles``, ``authors``, ``dates``, ``body``
(trafilatura passes and the trimming of the body), ``ending`` (the blocks closing the body that the page holds
outside the article's element; the section headings trafilatura left out), ``edges`` (the learned cut of the body's
first and last blocks, weights in ``edges_model.json``), ``places`` (a dateline's place is no writer), ``common``.
"""

from __future__ import annotations

from .authors import byline_names, clean_author
from .body import plain_text
from .common import _WORD_RE, ARTICLE_TYPES, PAGE_TYPES, reading_time
from .dates import (
    DATE_BEFORE_HEADLINE_NODES,
    headline_text_index,
    iso_date,
    numeric_text_date,
    text_date,
    text_dates,
)
from .documents import from_json, from_text, pick_node
from .html import from_html
from .titles import _pick_title, choose_title

__all__ = [
    "ARTICLE_TYPES",
    "DATE_BEFORE_HEADLINE_NODES",
    "PAGE_TYPES",
    "_WORD_RE",
    "_pick_title",
    "byline_names",
    "choose_title",
    "clean_author",
    "from_html",
    "from_json",
    "from_text",
    "headline_text_index",
    "iso_date",
    "numeric_text_date",
    "pick_node",
    "plain_text",
    "reading_time",
    "text_date",
    "text_dates",
]
