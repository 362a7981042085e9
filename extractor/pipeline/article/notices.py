"""Page notices that trafilatura's body keeps among the article's blocks: a cookie-consent banner or dialog (its
text, its category descriptions, its "Manage consent" buttons) and a read-time line ("8 min read", "Jun 8, 2023 •
11 Minute Read") standing in the text or over a teaser. Both are read by their wording, wherever they stand in the
body; the datelines that open the body are :func:`.body._drop_leading_meta`'s. A forum thread's posters' cards
("Posts: 1204", "Joined: 2019") go the same way, and a post written as "text<br><br>text" gets its runs put in
paragraphs before trafilatura reads the page (:func:`paragraphs_of_broken_text`).

Chosen on the article pages of one half of the webpages-dev hosts and checked on the other half and on the pages of
the other types (docs/history/quality.md, "Articles: consent notices and read times")."""

from __future__ import annotations

import re

from .body import _is_meta_line, _remove_block

# A banner's text speaks of cookies in the site's own voice: "We use cookies …", "We and our partners store … cookies",
# "This website uses cookies …", "These cookies are set by …", "… on our Cookie Settings page"; in German, French,
# Spanish, Italian, Dutch and Portuguese too ("Wir verwenden Cookies", "Nous utilisons des cookies", "Utilizamos
# cookies", "Utilizziamo i cookie", "Wij gebruiken cookies"). A text about cookies (an HTTP library's session cookies,
# a law that asks for consent, a recipe) does not speak so.
_COOKIE_RE = re.compile(r"\bcookies?\b", re.IGNORECASE)
_SITE_VOICE_RE = re.compile(
    r"\b(?:we (?:use|may use|only use|don['’]t use|do not use)|we and our partners|we(?:['’]d| would)(?: also)? like to (?:set|use)|"
    r"this (?:web)?site uses|our (?:web)?site uses|these cookies|(?:cookie|privacy|consent) (?:preferences|settings|policy)|"
    r"accept all|browsing experience|nous utilisons|ce site utilise|wir verwenden|diese (?:web)?seite verwendet|"
    r"utilizamos|usamos|este sitio (?:web )?utiliza|utilizziamo|questo sito utilizza|wij gebruiken|"
    r"deze (?:web)?site gebruikt)\b",
    re.IGNORECASE,
)
# The banner's description of a category of cookies, opening the block: "Necessary cookies are absolutely essential
# …", "Analytical cookies are used to …"; it goes with a banner that speaks in the site's voice only.
_COOKIE_CATEGORY_RE = re.compile(
    r"^(?:strictly )?(?:necessary|essential|functional|functionality|performance|analytic(?:al|s)?|statistics|"
    r"advertisement|advertising|marketing|targeting|optional|preference|third[- ]party|social media) cookies\b",
    re.IGNORECASE,
)
# A banner's button or title of a few words: "Manage consent", "Cookies Policy", "Customize Your Cookie Settings".
_CONSENT_CONTROL_RE = re.compile(
    r"\b(?:cookies?|consent)\b.*\b(?:settings|preferences|policy|manage)\b|"
    r"\b(?:manage|customi[sz]e|accept|allow)\b.*\b(?:cookies?|consent)\b",
    re.IGNORECASE,
)
CONSENT_CONTROL_WORDS = 8
CONSENT_MAX_WORDS = 150  # a longer block is the page itself in one block, not a banner's paragraph
# The words of the body that must stay once the notices are gone: a body that is all banner is left as it is.
CONSENT_MIN_LEFT_WORDS = 100

# A read time: "8 min read", "11 Minute Read", "3 MIN. READ", "Reading time: 5 minutes".
_READ_TIME_RE = re.compile(
    r"\b\d+\s*(?:min(?:ute)?s?\.?|mins?)\s+read(?:ing)?\b|\bread(?:ing)?\s+time\b|"
    r"\b\d+\s*min(?:uten|\.)?\s+lesezeit\b|\blesezeit\b|\b\d+\s*min(?:utes)?\s+de\s+lecture\b|"
    r"\b\d+\s*min(?:utos)?\s+de\s+(?:lectura|leitura)\b|\b\d+\s*min(?:uti)?\s+di\s+lettura\b|\b\d+\s*min\s+leestijd\b",
    re.IGNORECASE,
)
# Read-time lines go as long as this many blocks stay: a listing of posts, each with its read time, stays whole.
READ_TIME_MIN_LEFT = 3


def _block_text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _consent_kind(text: str) -> str | None:
    """ "voice", "category" or "control" when ``text`` (a body block's) is a part of a cookie-consent banner."""
    n = len(text.split())
    if n > CONSENT_MAX_WORDS:
        return None
    if n <= CONSENT_CONTROL_WORDS:
        return "control" if _CONSENT_CONTROL_RE.search(text) else None
    if not _COOKIE_RE.search(text):
        return None
    if _SITE_VOICE_RE.search(text):
        return "voice"
    return "category" if _COOKIE_CATEGORY_RE.search(text) else None


def drop_consent_notices(body) -> None:
    """Remove the body's paragraphs, headings and quotes that are a cookie-consent banner's text, category
    descriptions or controls (:func:`_consent_kind`), wherever they stand, when one of them speaks in the site's voice
    and ``CONSENT_MIN_LEFT_WORDS`` words of the body stay."""
    if body is None:
        return
    drops, kinds, left = [], set(), 0
    for el in body:
        text = _block_text(el)
        kind = _consent_kind(text) if el.tag in ("p", "head", "quote") else None
        if kind:
            drops.append(el)
            kinds.add(kind)
        else:
            left += len(text.split())
    if "voice" in kinds and left >= CONSENT_MIN_LEFT_WORDS:
        for el in drops:
            _remove_block(body, el)


def _read_time_line(el, authors: list[str]) -> bool:
    """Is the body block ``el`` a line of a read time, with at most a date, a label and a name beside it?"""
    if el.tag not in ("p", "head"):
        return False
    text = _block_text(el)
    return bool(_READ_TIME_RE.search(text)) and _is_meta_line(_READ_TIME_RE.sub(" 5 min read ", text), authors)


def drop_read_times(body, authors: list[str]) -> None:
    """Remove the body's read-time lines (:func:`_read_time_line`) wherever they stand, as long as
    ``READ_TIME_MIN_LEFT`` blocks stay."""
    if body is None:
        return
    drops = [el for el in body if _read_time_line(el, authors)]
    if drops and len(body) - len(drops) >= READ_TIME_MIN_LEFT:
        for el in drops:
            _remove_block(body, el)


# A poster's card in a forum thread ("tramfan77 / Posts: 1,204 / Joined: 2019"): a short list whose items are a few
# words each, two or more of them a label and a number only ("Beiträge: 1204", "投稿数: 1204", "Registado em: 2019").
_POSTER_STAT_RE = re.compile(r"^[^\d:：]{1,30}[:：]\s*\d[\d.,\s]*$")
POSTER_CARD_ITEMS = 5
POSTER_ITEM_WORDS = 4
POSTER_STATS = 2


def _poster_card(el) -> bool:
    """Is the body block ``el`` a list of at most ``POSTER_CARD_ITEMS`` items of at most ``POSTER_ITEM_WORDS`` words
    that opens with a name (one or two words, no colon: the poster's) and has ``POSTER_STATS`` or more items of a label
    and a number (``_POSTER_STAT_RE``)? A fact list that opens with a figure ("Locations: 67 / Founded: 2000") is none."""
    if el.tag != "list":
        return False
    items = [_block_text(item) for item in el if item.tag == "item"]
    if not items or len(items) > POSTER_CARD_ITEMS or any(len(t.split()) > POSTER_ITEM_WORDS for t in items):
        return False
    if len(items[0].split()) > 2 or ":" in items[0] or "：" in items[0]:
        return False
    return sum(bool(_POSTER_STAT_RE.match(t)) for t in items[1:]) >= POSTER_STATS


def drop_poster_cards(body) -> None:
    """Remove the posters' cards of a forum thread (:func:`_poster_card`) wherever they stand, as long as
    ``READ_TIME_MIN_LEFT`` blocks stay."""
    if body is None:
        return
    drops = [el for el in body if _poster_card(el)]
    if drops and len(body) - len(drops) >= READ_TIME_MIN_LEFT:
        for el in drops:
            _remove_block(body, el)


# Inline elements a run of text broken by <br>s may hold; a block child makes the element no such run.
_INLINE_TAGS = frozenset(("a", "b", "strong", "i", "em", "u", "span", "small", "sup", "sub", "code", "abbr", "mark"))
BROKEN_TEXT_MIN_CHARS = 200


def _double_break(br) -> bool:
    """Is ``br`` followed, with only blanks between, by another ``<br>``?"""
    nxt = br.getnext()
    return nxt is not None and nxt.tag == "br" and not (br.tail or "").strip()


def paragraphs_of_broken_text(tree) -> None:
    """Give each run of a ``<div>``'s text between double ``<br>``s its own ``<p>`` (a forum post or an old blog's text
    written as "text<br><br>text"): trafilatura reads no ``<div>`` text on a page that has paragraphs elsewhere, so
    such a post lost its runs. Only a ``<div>`` whose own text opens it, whose children are ``<br>``s and inline
    elements, with a double break and ``BROKEN_TEXT_MIN_CHARS`` of text; the text itself is unchanged."""
    parents = {br.getparent() for br in tree.iter("br")}
    for div in parents:
        if div is None or div.tag != "div" or not (div.text or "").strip():
            continue
        children = list(div)
        if any(c.tag != "br" and c.tag not in _INLINE_TAGS for c in children):
            continue
        if not any(c.tag == "br" and _double_break(c) for c in children):
            continue
        if len(div.text_content()) < BROKEN_TEXT_MIN_CHARS:
            continue
        _split_runs(div, children)


def _split_runs(div, children: list) -> None:
    """Move ``div``'s text and ``children`` into ``<p>``s, a new one after each double ``<br>`` (the two go)."""
    pairs = {i for i, c in enumerate(children[:-1]) if c.tag == "br" and _double_break(c)}
    paras = [div.makeelement("p", {})]
    paras[0].text, div.text = div.text, None
    i = 0
    while i < len(children):
        c = children[i]
        div.remove(c)
        if i in pairs:
            div.remove(children[i + 1])
            paras.append(div.makeelement("p", {}))
            paras[-1].text = children[i + 1].tail
            i += 2
            continue
        paras[-1].append(c)
        i += 1
    for p in paras:
        if (p.text or "").strip() or len(p):
            div.append(p)
