"""What every part of article extraction shares: schema.org types, word tokens, reading time."""

from __future__ import annotations

import itertools
import math
import re

ARTICLE_TYPES = (
    "Article",
    "NewsArticle",
    "BlogPosting",
    "Report",
    "TechArticle",
    "ScholarlyArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "BackgroundNewsArticle",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "Blog",
    "Review",
    "HowTo",
    "Recipe",
    "MedicalWebPage",
    "DiscussionForumPosting",
    "Posting",
)
PAGE_TYPES = ("WebPage", "ItemPage", "AboutPage", "FAQPage", "CollectionPage")

_WORD_RE = re.compile(r"\w+")
WORDS_PER_MINUTE = 230


def _tokens(text: str | None) -> list[str]:
    return _WORD_RE.findall((text or "").lower())


def reading_time(word_count: int) -> int:
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE)) if word_count else 0


def language_tag(value: str | None) -> str | None:
    """A BCP 47 tag as pages write it in any of its forms ("en_US", "en-US, fr")."""
    return (value or "").replace("_", "-").split(",")[0].strip() or None


def html_unescape(value: str | None) -> str:
    import html as _h

    return _h.unescape(value or "")


# What is left of a three-byte UTF-8 character read as Latin-1 once sanitising has removed its C1 control characters
# (U+0080–U+009F): "’" (E2 80 99) arrives as a lone "â" ("itâs"; read as Windows-1252, whose 0x9D is undefined, "”"
# arrives as "â€"), "…" (E2 80 A6) as "â¦". A lone "â" followed by a continuation byte's character is read with the
# middle byte 0x80 (the general-punctuation block: "…", "•", "†"); one followed by anything else was a quotation
# mark, apostrophe or dash whose bytes are all gone.
_STRIPPED_RE = re.compile("\u00e2\u20ac?([\u00a0-\u00bf])?")
_CONTRACTION_RE = re.compile(r"(?:s|t|d|m|re|ve|ll)(?![^\W\d_])", re.IGNORECASE)


def _stripped_mark(m: re.Match) -> str:
    if m.group(1):
        return bytes((0xE2, 0x80, ord(m.group(1)))).decode("utf-8")
    text, i, j = m.string, m.start(), m.end()
    before = text[i - 1 : i].isalpha()
    after = text[j : j + 1].isalpha()
    if before and after:
        return "\u2019" if _CONTRACTION_RE.match(text, j) else "\u2014"
    if after:
        return "\u201c"
    if before:
        return "\u201d"
    return "\u2014"


def repair_stripped_mojibake(content: str) -> str:
    """A page already known to be UTF-8 read as Latin-1 (its intact runs decoded again by the products' repair): the
    characters whose control bytes sanitising removed, told by what surrounds the lone "â" (see ``_STRIPPED_RE``)."""
    return _STRIPPED_RE.sub(_stripped_mark, content)


# An apostrophe of an English possessive or contraction left as a lone "â" ("itâs", "weâre", "youâll", "Iâve"): a page
# that shows a few of them was UTF-8 read as Latin-1 even when no intact run of the products' tells is left (every such
# character lost its C1 bytes). Not "ât" / "âm" / "âd": Romanian "cât", Vietnamese "tâm" end so.
_STRIPPED_APOSTROPHE_RE = re.compile(r"[a-z]\u00e2(?:s|re|ve|ll)\b")
STRIPPED_APOSTROPHES = 3


def shows_stripped_mojibake(content: str) -> bool:
    """Does the page show ``STRIPPED_APOSTROPHES`` contractions whose apostrophe is a lone "â"?"""
    if "\u00e2" not in content:
        return False
    found = _STRIPPED_APOSTROPHE_RE.finditer(content)
    return sum(1 for _m in itertools.islice(found, STRIPPED_APOSTROPHES)) >= STRIPPED_APOSTROPHES
