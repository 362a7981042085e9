"""What every part of article extraction shares: schema.org types, word tokens, reading time."""

from __future__ import annotations

import math
import re

from ..product import mojibake_runs, redecode_mojibake, shows_mojibake
from ..rules import rule

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
    # schema.org's other kinds of Article
    "SatiricalArticle",
    "AdvertiserContentArticle",
    "AskPublicNewsArticle",
    "MedicalScholarlyArticle",
    "APIReference",
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


# placeholders for a decoded "â" (noncharacters and private-use characters): the first the page does not hold
_CIRCUMFLEX_MARKS = ("\ufdd0", "\ufdd1", "\ue000", "\ue001")


def _letter(char: str) -> bool:
    """A letter, or the placeholder of a decoded "â" (``_CIRCUMFLEX_MARKS``)."""
    return char.isalpha() or char in _CIRCUMFLEX_MARKS


# An elided word of French, Italian, Catalan … before a word that opens with a vowel or an "h" ("c’est", "l’âme",
# "qu’il", "jusqu’à", "dell’anno", "un’altra"): its apostrophe, stripped to a lone "â", is read as one, not as a dash.
_ELIDED_RE = re.compile(
    r"(?<![^\W\d_])(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|[dn]ell|dall|all|sull|coll|quell|quest|un|tutt)\Z",
    re.IGNORECASE,
)
_VOWELS = frozenset("aeiouyhàáâäãåæèéêëìíîïòóôöõœùúûüÿAEIOUYHÀÁÂÄÅÆÈÉÊËÌÍÎÏÒÓÔÖŒÙÚÛÜ") | frozenset(_CIRCUMFLEX_MARKS)
# languages that elide so; a page declared in another one, or undeclared and showing more English contractions than
# elisions of a lone "â", reads such an "â" as before (a dash)
_ELIDING_LANGS = frozenset(
    ("fr", "it", "ca", "oc", "wa", "co", "frp", "fur", "lij", "lld", "nap", "pms", "sc", "scn", "vec")
)
_LONE_BETWEEN_RE = re.compile(r"(?<![^\W\d_])([^\W\d_]{1,6})\u00e2(?=[^\W\d_])")


def _elided(text: str, i: int, j: int) -> bool:
    """Is the lone "â" at ``i`` (mark ending at ``j``) the apostrophe of an elided word before a vowel?"""
    return text[j : j + 1] in _VOWELS and _ELIDED_RE.search(text, max(0, i - 8), i) is not None


# a few of the commonest words of English and of the languages that elide: the page's text must read as one of the
# latter (more of their words than of English's) for a lone "â" to be an elision, whatever the page declares
_ENGLISH_WORDS_RE = re.compile(r"\b(?:the|and|of|to|is|that|with|for|this|you|are|was)\b", re.IGNORECASE)
_ELIDING_WORDS_RE = re.compile(
    r"\b(?:le|la|les|des|du|et|est|une|dans|pour|qui|il|che|di|per|non|sono|della|nel|gli|una|com|els|amb)\b",
    re.IGNORECASE,
)
_LANGUAGE_SAMPLE = 200_000


def _elides(content: str) -> bool:
    """Is the page in a language that elides: its text reads as one (``_ELIDING_WORDS_RE`` against
    ``_ENGLISH_WORDS_RE``), and it is declared so, or undeclared and its lone "â" between letters read as elisions
    more often than as English contractions?"""
    sample = content[:_LANGUAGE_SAMPLE]
    if len(_ELIDING_WORDS_RE.findall(sample)) <= len(_ENGLISH_WORDS_RE.findall(sample)):
        return False
    lang = _PAGE_LANG_RE.search(content)
    if lang:
        return lang.group(1).lower() in _ELIDING_LANGS
    elisions = contractions = 0
    for m in _LONE_BETWEEN_RE.finditer(content):
        if _elided(content, m.end(1), m.end(1) + 1):
            elisions += 1
        elif _CONTRACTION_RE.match(content, m.end(1) + 1):
            contractions += 1
    return elisions > contractions


def _stripped_mark(m: re.Match, elides: bool = False) -> str:
    if m.group(1):
        return bytes((0xE2, 0x80, ord(m.group(1)))).decode("utf-8")
    text, i, j = m.string, m.start(), m.end()
    before = _letter(text[i - 1 : i])
    after = _letter(text[j : j + 1])
    if before and after:
        if elides and j == i + 1 and _elided(text, i, j):
            return "\u2019"
        return "\u2019" if _CONTRACTION_RE.match(text, j) else "\u2014"
    if after:
        return "\u201c"
    if before:
        return "\u201d"
    return "\u2014"


def repair_stripped_mojibake(content: str) -> str:
    """A page already known to be UTF-8 read as Latin-1 (its intact runs decoded again): the characters whose control
    bytes sanitising removed, told by what surrounds the lone "â" (see ``_STRIPPED_RE``; on a page in a language that
    elides, ``_ELIDED_RE``). Only the "â" the page holds is read so: ``repair_encoding`` has written each "â" that
    decoding gave as a placeholder ("Ã¢" → "â" of "château")."""
    if "\u00e2" not in content:
        return content
    elides = _elides(content)
    return _STRIPPED_RE.sub(lambda m: _stripped_mark(m, elides), content)


def repair_encoding(content: str) -> str:
    """An article page whose UTF-8 was read as Latin-1 / Windows-1252: decoded again run by run when it is mostly
    mojibake (``mostly_mojibake``), then the marks whose control bytes sanitising removed read from the lone "â"
    the page held (``repair_stripped_mojibake``), also on a page that shows only those (``shows_stripped_mojibake``).
    A page of correct text with a stray "Â©" or "Â\xa0" stays as it is (rule ``mojibake_repair``)."""
    if not isinstance(content, str) or not rule("mojibake_repair"):
        return content
    redecode = shows_mojibake(content) and mostly_mojibake(content)
    if not redecode and not shows_stripped_mojibake(content):
        return content
    mark = next((c for c in _CIRCUMFLEX_MARKS if c not in content), "\u00e2")
    if redecode:
        content = redecode_mojibake(content, mark)
    return repair_stripped_mojibake(content).replace(mark, "\u00e2")


# the non-ASCII letters of a page, and those that are what is left of a UTF-8 character whose continuation bytes
# sanitising removed: "Â", "Ã", "â", and a lead byte's capital inside a word ("wÅasny", Polish "własny")
_NON_ASCII_LETTER_RE = re.compile(r"[^\W\d_\x00-\x7f]")
_LEFTOVER_RE = re.compile("[\u00c2\u00c3\u00e2]|(?<=[a-z\u00df-\u00ff\u0100-\u017f])[\u00c2-\u00de]")


# a lone "â" that is a mark sanitising stripped, not a letter: before no letter ("â ", "coastâ;"), before a capital
# at a word's start ("âThe"; not "âge", French), or before a contraction's ending on a word of ASCII letters ("itâs")
_LONE_MARK_RE = re.compile(
    r"\u00e2(?![^\W\d_])|(?<![^\W\d_])\u00e2(?=[A-Z])|(?<![^\W\d_])[A-Za-z]+\u00e2(?:s|t|d|m|re|ve|ll)(?![^\W\d_])"
)


def _plausible(decoded: str) -> bool:
    """Is the decoded run what mojibake decodes to, not a correct letter before a quotation mark ("É»" → "ɻ", "ß“"
    → "ߓ": IPA, spacing modifiers, combining marks U+0250–U+036F; Syriac, Thaana, NKo U+0700–U+07FF)?"""
    return not any(0x250 <= ord(c) <= 0x36F or 0x700 <= ord(c) <= 0x7FF for c in decoded)


def mostly_mojibake(content: str) -> bool:
    """Do the page's runs that decode again and its lone "â" of stripped marks (``_LONE_MARK_RE``) outnumber its
    correct non-ASCII letters (the letters outside those runs, but for what is left of a character sanitising
    stripped, ``_LEFTOVER_RE``)? A page of mojibake holds hardly any other; a correct French or German page with one
    "Â©" in its footer holds many ("«CAFÉ»", "„Spaß“")."""
    runs, parts, last = 0, [], 0
    for m, decoded in mojibake_runs(content):
        if _plausible(decoded):
            runs += 1
            parts.append(content[last : m.start()])
            last = m.end()
    rest = " ".join((*parts, content[last:]))
    letters = len(_NON_ASCII_LETTER_RE.findall(rest)) - len(_LEFTOVER_RE.findall(rest))
    return runs + len(_LONE_MARK_RE.findall(rest)) > letters


# An apostrophe of an English possessive or contraction left as a lone "â" ("itâs", "youâll", "Iâve"; a word of ASCII
# letters before it): a page that shows a few of them was UTF-8 read as Latin-1 even when no intact run of the tells
# is left (every such character lost its C1 bytes). Not "âre" / "ât" / "âm" / "âd": Romanian "hotărâre", "cât",
# Vietnamese "tâm" end so.
_STRIPPED_APOSTROPHE_RE = re.compile(r"(?<![^\W\d_])[A-Za-z]+\u00e2(?:s|ve|ll)(?![^\W\d_])")
# a word with "â" between letters that no contraction reads ("château", "pâte", "nâng", "hotărâre", "România")
_CIRCUMFLEX_WORD_RE = re.compile(r"[^\W\d_]+\u00e2[^\W\d_]+")
_CONTRACTED_RE = re.compile(r"[A-Za-z]+\u00e2(?:s|t|d|m|re|ve|ll)")
# a page declared in a language other than English: its "â" are its own ("râs", Romanian)
_PAGE_LANG_RE = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?\s*([A-Za-z]+)", re.IGNORECASE)
STRIPPED_APOSTROPHES = 3


def shows_stripped_mojibake(content: str) -> bool:
    """Does the page show ``STRIPPED_APOSTROPHES`` contractions whose apostrophe is a lone "â", more than words that
    hold "â" as a letter, and declare no language but English?"""
    if "\u00e2" not in content:
        return False
    found = sum(1 for _m in _STRIPPED_APOSTROPHE_RE.finditer(content))
    if found < STRIPPED_APOSTROPHES:
        return False
    lang = _PAGE_LANG_RE.search(content)
    if lang and lang.group(1).lower() != "en":
        return False
    words = sum(1 for m in _CIRCUMFLEX_WORD_RE.finditer(content) if not _CONTRACTED_RE.fullmatch(m.group(0)))
    return found > words
