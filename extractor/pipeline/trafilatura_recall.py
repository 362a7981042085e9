"""trafilatura's recall-oriented pass as the article pipeline calls it, without the tree copies it would discard.

``bare_extraction(tree, favor_recall=True, include_comments=False, include_tables=True, output_format="txt")``
copies the page four times (trafilatura 2.3.1, ``core.trafilatura_sequence``): the caller's tree, the pruned tree
before cleaning it, the cleaned tree before converting its tags (for jusText) and the pruned tree again (for
readability). In recall mode the last two serve only ``compare_extraction``, which trafilatura itself skips once the
extraction passes ``10 × MIN_EXTRACTED_SIZE`` characters (≈ 80 % of article pages), and the pruned tree is read
again only by that comparison and by the baseline rescue of a short extraction. :func:`recall_pass` runs the same
stages on one copy, cleaned in place, and rebuilds the pruned tree (a copy of the caller's tree pruned again:
the same tree) only on the pages that reach those stages. ≈ 2 ms a page less; the same ``Document`` fields the
pipeline reads (``body``, ``raw_text``, ``commentsbody``).

Another trafilatura version gets ``bare_extraction`` itself; ``tests/extractor/test_trafilatura_recall.py``
compares the two.
"""

from __future__ import annotations

from copy import copy

import trafilatura
from lxml.etree import Element
from lxml.html import HtmlElement
from trafilatura.core import (
    _forum_thread_page,
    baseline,
    compare_extraction,
    convert_tags,
    extract_content,
    prune_unwanted_nodes,
    tree_cleaning,
)
from trafilatura.metadata import Document
from trafilatura.settings import Extractor
from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

from .trafilatura_xpaths import PINNED

LEAN = PINNED  # the stages below are trafilatura_xpaths.TRAFILATURA_VERSION's


def _pruned(tree):
    """A copy of the page pruned as ``trafilatura_sequence`` prunes it first (comments off)."""
    raw = copy(tree)
    forum = _forum_thread_page(raw)
    raw = prune_unwanted_nodes(raw, RAW_TREE_PRUNE_XPATH)
    if not forum:
        raw = prune_unwanted_nodes(raw, REMOVE_COMMENTS_AND_LISTS_XPATH)
    return raw


def _sequence(tree, options: Extractor, url: str | None):
    """``trafilatura_sequence`` for recall mode without comments: stages 1-3 (no escalation: balanced mode only)."""
    cleaned = convert_tags(tree_cleaning(_pruned(tree), options), options, url)
    body, text = extract_content(cleaned, options)
    raw = None
    if len(text) <= options.min_extracted_size * 10:  # else compare_extraction returns at once (recall mode)
        raw = _pruned(tree)
        body, text = compare_extraction(tree_cleaning(copy(raw), options), copy(raw), body, text, options)
    if len(text) < options.min_extracted_size:  # then the comparison above ran: `raw` is the pruned tree
        b_body, b_text, b_len = baseline(raw)
        if b_len > len(text):
            body, text = b_body, b_text
    return body, text


def recall_pass(tree, url: str | None):
    """What ``trafilatura.bare_extraction(tree, url=url, favor_recall=True, include_comments=False,
    include_tables=True, output_format="txt")`` returns (``body``, ``raw_text``, ``commentsbody``), or None."""
    options = Extractor(output_format="txt", recall=True, comments=False, tables=True, url=url)
    # another version, a configured tree size limit, or no parsed HTML tree (bare_extraction parses or refuses it)
    if not LEAN or options.max_tree_size or not isinstance(tree, HtmlElement):
        return trafilatura.bare_extraction(
            tree, url=url, favor_recall=True, include_comments=False, include_tables=True, output_format="txt"
        )
    try:
        body, text = _sequence(tree, options, url)
        if len(text) < options.min_output_size:  # and no comments (< min_output_comm_size)
            raise ValueError
    except (TypeError, ValueError):  # bare_extraction's "discarding data"
        return None
    document = Document()
    document.body, document.raw_text, document.commentsbody = body, text, Element("body")
    return document
