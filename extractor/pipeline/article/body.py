"""The article body: trafilatura's passes, then furniture dropped from its start and end (repeated title, meta
lines, boilerplate blocks, author boxes), and its plain-text rendering."""

from __future__ import annotations

import copy
import re
from contextlib import contextmanager
from itertools import islice

from lxml import etree
from trafilatura.xml import xmltotxt

from .authors import _NAME_CONNECTORS
from .common import _tokens
from .dates import _MONTH_RE

SHORT_BODY_WORDS = 500
SHORT_FACTOR = 3.0
# The page's own article container (<article>, <main>, itemprop=articleBody) holding far more words than the body
# found is the other sign that the recall-oriented pass stopped early.
CONTAINER_SHARE = 0.3


def _drop_leading_title(body, candidates: set[str], chrome: tuple = ()) -> None:
    """Remove the first body element when it only repeats the page title. Blocks without text before it (an empty
    ``<p/>``) do not hide it, nor do the lines of the page's header in ``chrome`` (:func:`unwrap_page_parts`), which
    go with it."""
    if body is None or not len(body):
        return
    first = body[0]
    first = next((el for el in body if el not in chrome and "".join(el.itertext()).strip()), first)
    text = " ".join(_tokens("".join(first.itertext())))
    n = len(text.split())
    if (
        text
        and n <= 30
        and (
            text in candidates
            or any(
                # the headline followed by a short dateline ("... / Dec 2025")
                len(c.split()) >= 4 and n - len(c.split()) <= 3 and text.startswith(c + " ")
                for c in candidates
            )
        )
    ):
        for el in (*chrome, first):
            _remove_block(body, el)


def _remove_block(body, el) -> None:
    """Remove ``el`` from its parent ``body``, its tail text kept (after the block before it, or as the parent's text)."""
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            body.text = (body.text or "") + el.tail
    body.remove(el)


# Page regions that trafilatura's passes sometimes leave unconverted inside one body block: the page's header,
# sections, main and article elements wrapped in a single paragraph together with the headline and the text.
_PAGE_PARTS = frozenset(("header", "section", "main", "article", "figure", "footer", "nav", "aside"))
# trafilatura's own block elements, kept as they are when a wrapped page part is taken apart
_BLOCKS = frozenset(("p", "head", "list", "table", "quote", "code"))
DIV_WRAP_BLOCKS = 3


def unwrap_page_parts(body) -> tuple:
    """Take apart a body of one block that wraps whole page regions (``<p>Skip Navigation<header>…<head>Title</head>…
    </header><main><p>…</p>…</main></p>``, trafilatura's recall pass on some pages): its blocks become body blocks in
    their order, and the loose text between them paragraphs of their own, so that the passes after this one (the
    headline, furniture lines, the ending) see the blocks they read on other pages. One walk, no recursion."""
    if body is None or len(body) != 1:
        return ()
    block = body[0]
    if block.tag in _PAGE_PARTS or (next(block.iter(*_PAGE_PARTS), None) is None and not _div_of_blocks(block)):
        return ()
    parts, loose = _split_parts(block)
    tail = block.tail
    for el in parts:
        el.tail = None
        block.addprevious(el)
    body.remove(block)
    if tail and tail.strip() and parts:
        parts[-1].tail = tail
    heading = next((i for i, el in enumerate(parts) if el.tag == "head"), 0)
    return tuple(el for el in parts[:heading] if el in loose)


def _div_of_blocks(block) -> bool:
    """Is ``block`` a ``<div>`` that wraps ``DIV_WRAP_BLOCKS`` of trafilatura's blocks or more (its fallback's output on a
    short page: the page's column or text kept whole, a paywall's offer in it), with its headline first (an ``<h1>``
    heading) or with no loose text between its own blocks? Taking apart a ``<div>`` whose line runs on around an
    inline link ("<p>… remain the</p>backbone of the economy<p>in …</p>") would leave the link's words alone."""
    if block.tag != "div" or sum(1 for _ in islice(block.iter(*_BLOCKS), DIV_WRAP_BLOCKS)) < DIV_WRAP_BLOCKS:
        return False
    first = next(block.iter(*_BLOCKS), None)
    if first.tag == "head" and first.get("rend") == "h1":
        return True
    el = block
    while len(el) == 1 and el[0].tag == "div" and not (el.text or "").strip():
        el = el[0]  # the <div>s that only wrap one another
    return not (el.text or "").strip() and not any((child.tail or "").strip() for child in el)


def _split_parts(block) -> tuple[list, list]:
    """The blocks of ``block`` (trafilatura's own: paragraphs, headings, lists, tables, quotes, code) in document
    order; the loose text of the page regions around them, each run a paragraph where a block or a region's edge
    interrupts it; and those paragraphs of loose text. Inline markup (emphasis, a link) gives its words to the run."""
    parts: list = []
    loose: list = []
    text: list[str] = []

    def flush() -> None:
        line = " ".join("".join(text).split())
        text.clear()
        if line:
            p = etree.Element("p")
            p.text = line
            parts.append(p)
            loose.append(p)

    walker = etree.iterwalk(block, events=("start", "end", "comment", "pi"))
    for event, el in walker:
        if el is block:
            text.append((el.text or "") if event == "start" else "")
            continue
        if event in ("comment", "pi"):
            text.append(el.tail or "")
        elif event == "start" and el.tag in _BLOCKS:
            flush()
            parts.append(el)
            walker.skip_subtree()
        elif event == "start" and (el.tag in _PAGE_PARTS or el.tag == "div"):
            flush()
            text.append(el.text or "")
        elif event == "start":  # inline markup: its words join the run (a line break is a space)
            text.append(" " if el.tag == "lb" else "".join(el.itertext()))
            walker.skip_subtree()
        else:
            if el.tag in _PAGE_PARTS or el.tag == "div":
                flush()
            text.append(el.tail or "")
    flush()
    return parts, loose


# Short body blocks that are page furniture, not article text: table-of-contents and
# "on this page" labels, skip/share links, newsletter prompts, affiliate disclosures,
# "Related: <other article>" links, "Follow us on ..." prompts, photo credits, a shortcode the site did not render
# ("[convertkit form=1630175]", "[adthrive-in-post-video-player video-id=…]": a name and attributes in brackets), a
# link or ad label standing alone ("Read more", "Learn more »", "Advertisement", "Sponsored", "Share").
_BOILERPLATE_RE = re.compile(
    r"""^(?:[-*\u2022]\s*)?(?:
    (?:table\ of\ contents|contents|in\ this\ article|on\ this\ page|jump\ to(?:\ section)?):?|
    skip\ to\ (?:main\ )?content|
    share\ this(?:\ (?:post|article|story|page))?|
    thanks\ for\ subscribing!?.*|awesome,\ you're\ subscribed!?.*|no\ thanks|by\ entering\ your\ email.*|
    (?:we|this\ (?:post|article|page))\ (?:may\ )?(?:earn|receive|contains?)\ (?:a\ )?(?:small\ )?(?:commission|affiliate\ links?).*|
    .*\bwe\ may\ earn\ (?:a\ )?(?:small\ )?(?:commission|compensation)\b.*|
    products\ are\ chosen\ independently.*|we\ buy\ all\ the\ products\ we\ test.*|
    prices\ were\ accurate\ at\ the\ time.*|learn\ more\ about\ our\ editorial\ process\.?|
    related:\ .*|related\ (?:articles|posts|stories|reading|content)|follow\ (?:me|us)\b.*|
    (?:photos?|images?)\ courtesy\b.*|(?:image\ |photo\ )?credits?:\ .+|
    \[[a-z][\w-]*\ [\w-]+=[^\]]*\]|
    (?:read\ more|learn\ more|continue\ reading|advertisement|sponsored|share)\s*[.…»›→>]*|
    (?:anzeige|werbung|publicit[ée]|publicidad|pubblicit[àa]|publicidade|advertentie|reklama|реклама|reklam|annons|
    mainos|reklame|広告|广告|광고|إعلان|פרסומת)
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
BOILERPLATE_MAX_WORDS = 60


# Words of a dateline / byline / read-time / photo-credit line ("By Jane Doe | Updated on
# March 5, 2024 | 8 min read", "Credit: Getty Images"), removed by :func:`_is_meta_line`.
_META_DATE_RE = re.compile(
    _MONTH_RE
    + r"\s+\d{1,2}(?:st|nd|rd|th)?\b,?(?:\s+(?:19|20)\d{2})?|\d{1,2}(?:st|nd|rd|th)?\s+"
    + _MONTH_RE
    + r",?(?:\s+(?:19|20)\d{2})?|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?",
    re.IGNORECASE,
)
_META_READ_RE = re.compile(
    r"\b\d+\s*(?:min(?:ute)?s?\.?|mins?)(?:\s+read(?:ing)?(?:\s+time)?)?\b|\b(?:estimated\s+)?read(?:ing)?\s+time\b",
    re.IGNORECASE,
)
_META_LABEL_RE = re.compile(
    r"\b(?:last\s+)?(?:updated|modified|published|posted|written|reviewed|fact[- ]checked|edited)(?:\s+(?:on|by|at))?\b|"
    r"^\s*(?:by|on|date|image|photo|credit|image\s+credit|photo\s+credit|source)\b|\bvia\s+getty\s+images\b|\bgetty\s+images\b",
    re.IGNORECASE,
)
# a comment count or prompt in a dateline ("Posted on May 2, 2024 | 59 Comments", "… | Leave a comment")
_META_COMMENTS_RE = re.compile(
    r"\b\d[\d,.]*\s+(?:comments?|responses?|replies)\b|\b(?:no|leave\s+a|add\s+a)\s+comments?\b", re.IGNORECASE
)
_META_FILLER_RE = re.compile(r"\b(?:at|on)\b", re.IGNORECASE)  # "... on March 5, 2024 at 9:27 am"
_META_PUNCT_RE = re.compile(r"[|•·:,/\-–—()\[\]]+")
META_LINE_MAX_WORDS = 20
META_LEFTOVER_WORDS = 4


def _is_meta_line(text: str, authors: list[str]) -> bool:
    """Is ``text`` a dateline / byline / read-time / photo-credit line? Once its dates,
    read times, comment counts, labels ("Updated on", "By", "Credit") and the article's author names are
    taken out, at most a short name is left."""
    text = " ".join(text.split())
    if not text or len(text.split()) > META_LINE_MAX_WORDS:
        return False
    rest, found = text, False
    for rx in (_META_DATE_RE, _META_READ_RE, _META_LABEL_RE):
        rest, n = rx.subn(" ", rest)
        found = found or n > 0
    rest = _META_COMMENTS_RE.sub(" ", rest)  # a comment count alone is no dateline ("Top 10 Comments")
    for name in authors:
        if name and name.casefold() in rest.casefold():
            rest = re.sub(re.escape(name), " ", rest, flags=re.IGNORECASE)
            found = True
    left = " ".join(_META_PUNCT_RE.sub(" ", _META_FILLER_RE.sub(" ", rest)).split())
    return found and (not left or _short_name(left))


def _short_name(text: str) -> bool:
    """A few capitalised words ("Jane Doe", "Senior Writer", "Dr. Allen")."""
    words = text.split()
    return (
        1 <= len(words) <= META_LEFTOVER_WORDS
        and all(w[:1].isupper() or w.lower() in _NAME_CONNECTORS for w in words)
        and not text.endswith((".", "?", "!", ":"))
    )


LEADING_META_SCAN = 6


def _drop_leading_meta(body, authors: list[str]) -> bool:
    """Remove the datelines, bylines, read times and photo credits that open the extracted
    body ("Last updated on September 16th, 2023", "By Rick Steves", a list "Gabo / Jan 23 /
    11 min read"): article metadata shown above the text, not part of it; also such a line with a label ("Last
    updated on", "By") as the second or third block, after an opening note the label keeps. True when the body's
    first block went."""
    if body is None:
        return False
    opened = False
    for _ in range(LEADING_META_SCAN):
        if not len(body):
            return opened
        first = body[0]
        if first.tag == "list":
            items = [" ".join("".join(i.itertext()).split()) for i in first if i.tag == "item"]
            items = [i for i in items if i]
            meta = [i for i in items if _is_meta_line(i, authors)]
            drop = bool(meta) and all(i in meta or _short_name(i) for i in items)
        elif first.tag in ("p", "head", "quote"):
            text = "".join(first.itertext())
            # an empty block between the meta lines (``<p class="reading-minutes"/>``) goes with them
            drop = _is_meta_line(text, authors) or (opened and not text.strip() and not len(first))
        elif first.tag == "table":  # a layout table of one cell around a photo credit or a dateline
            drop = next(islice(first.iter("cell"), 1, None), None) is None and _is_meta_line(
                "".join(first.itertext()), authors
            )
        else:
            drop = False
        if not drop:
            break
        if first.tail and first.tail.strip():
            body.text = (body.text or "") + first.tail
        body.remove(first)
        opened = True
    # a labelled dateline / byline as the second or third block (after a disclosure, a kicker) goes too
    for el in list(body)[1:3]:
        if (
            el.tag in ("p", "head")
            and _META_LABEL_RE.search("".join(el.itertext()))
            and _is_meta_line("".join(el.itertext()), authors)
        ):
            prev = el.getprevious()
            if el.tail and el.tail.strip() and prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            body.remove(el)
    return opened


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
        if (
            text.startswith(starts)
            and len(text.split()) <= AUTHOR_BIO_MAX_WORDS
            and re.match(r"^[^.]{0,80}\b(?:is|was|has been|holds|writes|covers|joined)\b", text)
        ):
            if el.tail and el.tail.strip():
                prev = el.getprevious()
                if prev is not None:
                    prev.tail = (prev.tail or "") + el.tail
            body.remove(el)
            return


# An author box left closing the body once its ending is cut: a paragraph that presents one of the page's authors,
# named by any word of their name among its first words ("Manoj Jain is adjunct faculty …", "(Paul Fenaroli is an
# Associate Attorney …", "*Angela Holliday-Bell, MD, is a …", "Jean-Luc started CNX Software in 2010 …").
_BIO_OPENING_RE = re.compile(
    r"^[^.!?]{0,100}?\b(?:is|was|has been|holds|writes|covers|joined|started|founded|serves)\b", re.IGNORECASE
)
# the verbs of _BIO_OPENING_RE: a lone name word right before one of them opens a presentation ("Jean-Luc started")
_BIO_VERBS = frozenset(("is", "was", "has", "holds", "writes", "covers", "joined", "started", "founded", "serves"))
_BIO_LEAD_CHARS = "(*\"“'‘ "
_BIO_LABEL_RE = re.compile(r"^about the authors?\b\W*", re.IGNORECASE)  # "About the author: Jane Doe is …"
_NAME_WORD_RE = re.compile(r"[^\W\d_][\w'’-]+")
# words of a byline that name no one ("Health Editorial Team", "News Desk", "Jane Doe and John Roe")
_NOT_NAME_WORDS = frozenset(
    "and the von van der team staff editorial editors editor news desk admin official guest contributor contributors "
    "writer writers".split()
)
BIO_NAME_WORDS = 3  # an author's name word among the paragraph's first words
BIO_MIN_NAME_CHARS = 3
CLOSING_BIO_SCAN = 3
CLOSING_BIO_SHARE = 0.25  # the bio and what follows it hold at most this share of the body's words
CLOSING_BIO_MIN_LEFT = 3


def _presents_author(el, names: set[str], earlier: str) -> bool:
    """Is the body block ``el`` a paragraph of at most ``AUTHOR_BIO_MAX_WORDS`` words that opens by presenting one of
    the authors (two words of ``names`` among its first ``BIO_NAME_WORDS`` words, or one right before the verb, then
    "is", "was", "joined" …)? The name
    word must be one the body's text before the author box (``earlier``, lower case) does not hold: an author that is
    also the article's subject (a brand writing about its products: "QCY is already embracing …") is not presented."""
    if el.tag not in ("p", "quote"):
        return False
    text = _BIO_LABEL_RE.sub("", " ".join("".join(el.itertext()).split())).lstrip(_BIO_LEAD_CHARS)
    if not text or len(text.split()) > AUTHOR_BIO_MAX_WORDS or not _BIO_OPENING_RE.match(text):
        return False
    opening = [w.lower() for w in _NAME_WORD_RE.findall(text[:160])[: BIO_NAME_WORDS + 1]]
    first = [i for i, w in enumerate(opening[:BIO_NAME_WORDS]) if w in names]
    # two words of a name ("Manoj Jain is", "Ludovic (Ludo) Fourrage is"), or one right before the verb ("Jean-Luc
    # started"): a name word that is also a common word opens no presentation ("Mark my words: this is …")
    if not first:
        return False
    after = opening[first[0] + 1] if first[0] + 1 < len(opening) else ""
    if len({opening[i] for i in first}) < 2 and after not in _BIO_VERBS:
        return False
    return any(not re.search(rf"(?<!\w){re.escape(opening[i])}(?!\w)", earlier) for i in first)


def drop_closing_bio(body, authors: list[str]) -> None:
    """Remove an author box among the body's last ``CLOSING_BIO_SCAN`` blocks once its ending is cut: the paragraphs
    that present the authors (:func:`_presents_author`; two authors' bios in a row go together), a heading or a line
    ending with a colon ("About the Author:") right before them, and what follows them (a "Tags:" line, a donation
    pitch), as long as that holds at most ``CLOSING_BIO_SHARE`` of the body's words and ``CLOSING_BIO_MIN_LEFT``
    blocks stay."""
    if body is None or not authors:
        return
    names = {w.lower() for a in authors if a for w in _NAME_WORD_RE.findall(a) if len(w) >= BIO_MIN_NAME_CHARS}
    names -= _NOT_NAME_WORDS
    blocks = list(body)
    if not names or len(blocks) <= CLOSING_BIO_MIN_LEFT:
        return
    words = [len("".join(el.itertext()).split()) for el in blocks]
    last = [i for i in range(CLOSING_BIO_MIN_LEFT, len(blocks)) if words[i]][-CLOSING_BIO_SCAN:]  # blank ones passed
    if not last:
        return
    earlier = " ".join(" ".join(el.itertext()) for el in blocks[: last[0]]).lower()
    cut = next((i for i in reversed(last) if _presents_author(blocks[i], names, earlier)), None)
    if cut is None:
        return
    while cut - 1 >= last[0] and _presents_author(blocks[cut - 1], names, earlier):
        cut -= 1
    if cut - 1 >= CLOSING_BIO_MIN_LEFT:
        before = " ".join("".join(blocks[cut - 1].itertext()).split())
        if blocks[cut - 1].tag == "head" or (before.endswith(":") and len(before.split()) <= BIO_NAME_WORDS + 1):
            cut -= 1
    if sum(words[cut:]) > CLOSING_BIO_SHARE * sum(words):
        return
    for el in blocks[cut:]:
        body.remove(el)  # with its tail: loose text after the author box is the box's


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
        _remove_block(parent, el)


# A button's call to action standing alone ("Book a Demo", "Get Started →", "Contact Us", "Subscribe", "Check Price on
# Amazon", "Skip Advertisement"); a line with more words ("Contact us to book a demo.", "Subscribe to our newsletter")
# stays. Dropped after the body's ending is decided (:func:`drop_calls_to_action`).
_CALL_TO_ACTION_RE = re.compile(
    r"""^(?:[-*\u2022]\s*)?(?:
    skip\ advertisement|book\ a\ (?:demo|call|consultation)|request\ a\ (?:demo|quote)|get\ a\ (?:free\ )?(?:demo|quote)|
    start\ (?:your\ )?free\ trial|contact\ us(?:\ today|\ now)?|get\ started(?:\ today|\ now)?|download(?:\ it)?\ now|
    sign\ up(?:\ now|\ today|\ for\ free)?|subscribe(?:\ now|\ today)?|(?:shop|buy|apply|register|order|join|donate)\ now|
    check\ (?:the\ )?(?:latest\ )?price(?:\ on\ \w+)?|view\ deal
    )\s*[.!…»›→>]*$""",
    re.IGNORECASE | re.VERBOSE,
)


CALL_TO_ACTION_MAX_CHARS = 60  # longer than any label _CALL_TO_ACTION_RE matches: no need to read further
_NOT_A_BUTTON = frozenset(("item", "quote", "list", "cell", "row", "table", "head"))  # a step, a quote, a heading


def _button_label(text: str | None) -> bool:
    """Is ``text`` a button's call to action standing alone, not a sentence of the story ("Subscribe now.")?"""
    line = " ".join((text or "").split())
    return bool(line) and not line.endswith(".") and bool(_CALL_TO_ACTION_RE.match(line))


def _short_text(el) -> str | None:
    """``el``'s text if it is short enough to be a button's label (read no further than that), else None."""
    parts, size = [], 0
    for part in el.itertext():
        parts.append(part)
        size += len(part)
        if size > CALL_TO_ACTION_MAX_CHARS:
            return None
    return "".join(parts)


def _in_story_block(el, body) -> bool:
    """Is ``el`` inside a list item, a quote, a table or a heading of the body?"""
    for anc in el.iterancestors():
        if anc is body:
            return False
        if anc.tag in _NOT_A_BUTTON:
            return True
    return False


def drop_calls_to_action(body) -> None:
    """Remove a button's call to action standing alone (``_CALL_TO_ACTION_RE``) from the body: a lone paragraph that
    holds only it, and such a line that trafilatura left as text between two blocks ("<p>…</p>Check Price on Amazon").
    Never a heading, a list item or a paragraph inside one or a quote, never a line ending in a full stop (a sentence
    of the story), and never when nothing else of the body would be left. Run after the body's ending is cut, so that
    the ending's rules and the learned cut weigh the blocks they were made for."""
    if body is None:
        return
    drops = [
        el
        for el in body.iter("p")
        if el is not body and _button_label(_short_text(el)) and not _in_story_block(el, body)
    ]
    loose = [el for el in body if el.tail and _button_label(el.tail if len(el.tail) < 200 else None)]
    dropped = sum(len("".join(_short_text(el).split())) for el in drops) + sum(
        len("".join(e.tail.split())) for e in loose
    )
    if not dropped or dropped >= len("".join("".join(body.itertext()).split())):
        return
    for el in loose:
        el.tail = None
    moved: dict = {}  # (survivor, "tail" / "text") -> the pieces of its text, joined once at the end (linear)
    for el in drops:
        parent, prev = el.getparent(), el.getprevious()
        if el.tail and el.tail.strip():
            key = (prev, "tail") if prev is not None else (parent, "text")
            moved.setdefault(key, [getattr(key[0], key[1]) or ""]).append(el.tail)
        parent.remove(el)
        if (  # (len() of an lxml element counts its children: the first child is enough to know)
            parent is not body
            and next(iter(parent), None) is None
            and not (parent.text or "").strip()
            and not (parent.tail or "").strip()
            and (parent, "text") not in moved
        ):
            parent.getparent().remove(parent)  # an empty container left behind
    for (el, slot), pieces in moved.items():
        setattr(el, slot, " ".join(p.strip() for p in pieces if p.strip()))


# A paragraph that asks the reader to sign up for, subscribe to or follow the site's newsletter, e-mail, posts or
# social accounts ("Want more from …? Sign up for our newsletter.", "Subscribe to get the latest posts sent to your
# email.", "Follow me on Pinterest …"): the verb opens a sentence (an imperative, not "the newsletters I subscribe to"),
# and a channel is named. Chosen on half A of the webpages-dev hosts, confirmed on half B (README, body passes).
_SIGN_UP_RE = re.compile(
    r"(?:^|[.!?*»]\s*)(?:(?:just|please|be sure to|don'?t forget to|make sure to|jetzt)\s+)?(?:"
    r"sign up|subscribe|join (?:our|my) (?:mailing|e-?mail) list|follow (?:me|us)|"
    r"abonnieren sie|abonniere|melden sie sich|folgen sie (?:uns|mir)|folge (?:uns|mir)|"
    r"abonnez-vous|inscrivez-vous|suivez-(?:nous|moi)|"
    r"suscr[ií]bete|suscr[ií]base|reg[ií]strate|s[ií]guenos|iscriviti|seguici|"
    r"inscreva-se|assine|siga-nos|schrijf je in|abonneer je|volg ons"
    r")\b",
    re.IGNORECASE,
)
_SIGN_UP_CHANNEL_RE = re.compile(
    r"\b(?:newsletters?|inbox|e-?mails?|mailing list|posts|instagram|facebook|pinterest|youtube|tiktok|twitter|"
    r"linkedin|social media|posteingang|postfach|infolettre|lettre d'information|r[ée]seaux sociaux|bolet[ií]n|"
    r"correo|redes sociales|nieuwsbrief)\b",
    re.IGNORECASE,
)
SIGN_UP_MAX_WORDS = 45
SIGN_UP_MIN_WORDS = 6  # a shorter line is a button's label or a heading ("Subscribe to our newsletter"): left to
# drop_calls_to_action
SIGN_UP_MIN_LEFT = 3


def _sign_up_pitch(el) -> bool:
    """Is the body block ``el`` a paragraph of ``SIGN_UP_MIN_WORDS`` to ``SIGN_UP_MAX_WORDS`` words that asks the reader to sign up
    for or follow the site's newsletter or accounts (``_SIGN_UP_RE`` with ``_SIGN_UP_CHANNEL_RE``)?"""
    if el.tag != "p":
        return False
    words = "".join(el.itertext()).split()
    if not SIGN_UP_MIN_WORDS <= len(words) <= SIGN_UP_MAX_WORDS:
        return False
    text = " ".join(words)
    return bool(_SIGN_UP_RE.search(text)) and bool(_SIGN_UP_CHANNEL_RE.search(text))


def drop_sign_up_pitches(body) -> None:
    """Remove the body's paragraphs that pitch the site's newsletter or social accounts (:func:`_sign_up_pitch`),
    wherever they stand, as long as ``SIGN_UP_MIN_LEFT`` blocks stay. Run after the body's ending is cut, as
    :func:`drop_calls_to_action`."""
    if body is None:
        return
    drops = [el for el in body if _sign_up_pitch(el)]
    if not drops or len(body) - len(drops) < SIGN_UP_MIN_LEFT:
        return
    for el in drops:
        _remove_block(body, el)


# A run of at least REPEAT_RUN_BLOCKS blocks of REPEAT_MIN_WORDS words or more, each repeating an earlier block of the
# body: the page renders its text twice (one copy per screen size, hidden by its style sheet), the second copy goes.
REPEAT_RUN_BLOCKS = 5
REPEAT_MIN_WORDS = 8


def _drop_repeated_run(body) -> None:
    """Remove the runs of body blocks that repeat earlier blocks one by one (see ``REPEAT_RUN_BLOCKS``); blocks
    without text inside a run go with it."""
    if body is None or len(body) < 2 * REPEAT_RUN_BLOCKS:
        return
    children = list(body)
    texts = [" ".join("".join(el.itertext()).split()) for el in children]
    seen: set[str] = set()
    repeated = []
    for t in texts:
        repeated.append(bool(t) and t in seen)
        seen.add(t)
    i = 0
    while i < len(children):
        if not repeated[i]:
            i += 1
            continue
        j = i
        while j < len(children) and (repeated[j] or not texts[j]):
            j += 1
        if sum(len(texts[k].split()) >= REPEAT_MIN_WORDS for k in range(i, j)) >= REPEAT_RUN_BLOCKS:
            for el in children[i:j]:
                if el.tail and el.tail.strip():
                    prev = el.getprevious()
                    if prev is not None:
                        prev.tail = (prev.tail or "") + el.tail
                body.remove(el)
        i = j


# blocks trafilatura already sets apart inside an item (a space before them, a line for a list)
_SPACED_IN_ITEM = frozenset(("head", "p", "quote", "table", "list"))


def space_item_headings(body) -> None:
    """Give a heading inside a list item the space that ends it: trafilatura flattens an item's blocks onto one line
    and writes nothing after a heading there, so the text right behind it ran into the heading's last word ("Product
    Specs" over a table's first cell "Resolution" gave "SpecsResolution"). The next element's text starts with a
    space (a tail of the heading's own, or a paragraph, heading, quote, table or list behind it, already gets
    one); a code block behind it is left as it is."""
    if body is None:
        return
    for head in body.iter("head"):
        nxt = head.getnext()
        if (
            nxt is None
            or nxt.tag in _SPACED_IN_ITEM
            or (head.tail and head.tail.strip())
            or next(head.iterancestors("item"), None) is None
        ):
            continue
        target = nxt if nxt.text or not len(nxt) else nxt[0]
        # never into a code block: a space opening its first line would change the code (Python's indentation)
        if target.text and not target.text[0].isspace() and "code" not in (nxt.tag, target.tag):
            target.text = " " + target.text


_NUMBERED_ITEM_RE = re.compile(r"^(\s*)- (\d+\. )", re.MULTILINE)


def plain_text(body, starts: list[int] | None = None) -> str:
    """The body as plain text, items of ordered lists numbered ("1. ", "2. ") as on the
    page (trafilatura's plain-text rendering marks every item with "- "); ``starts`` gives the first number of each
    ordered list in document order (:func:`ol_starts`), 1 when absent."""
    body = copy.deepcopy(body)
    numbered = False
    ordered = [lst for lst in body.iter("list") if lst.get("rend") == "ol"]
    for i, lst in enumerate(ordered):
        items = [c for c in lst if c.tag == "item"]
        first = starts[i] if starts and i < len(starts) else 1
        if _numbered_by_page(items, first):
            continue
        for n, item in enumerate(items, first):
            item.text = f"{n}. " + (item.text or "").lstrip()
            numbered = True
    text = xmltotxt(body, False).strip()
    return _NUMBERED_ITEM_RE.sub(r"\1\2", text) if numbered else text


def _numbered_by_page(items: list, first: int) -> bool:
    """Does every item of an ordered list open with its own number as text (a step-number element set in the item,
    ``<li><div class="stepnum">1</div><p>…``)? Then the list is not numbered a second time ("1. 1 Look for a deal")."""
    return len(items) >= 2 and all(
        re.match(rf"{n}(?!\d)", " ".join("".join(item.itertext()).split())) for n, item in enumerate(items, first)
    )


def _list_key(text: str) -> str:
    return " ".join(text.split())[:60]


def ol_starts(body, tree) -> list[int]:
    """The first number of each ordered list of ``body`` (trafilatura's XML, document order): the ``start`` of the
    page's ``<ol>`` whose first item has the list's first item's text (an article whose numbered steps are split
    by pictures or paragraphs continues at ``<ol start="2">``), else 1. [] when the page sets no start."""
    starts: dict[str, int] = {}
    for ol in tree.iter("ol"):
        start = (ol.get("start") or "").strip()
        # ASCII digits only, at most nine: "²" passes str.isdigit() and int() refuses it; 5,000 digits would be slow
        if start.isascii() and start.isdigit() and len(start) <= 9 and int(start) != 1:
            li = next((c for c in ol if c.tag == "li"), None)
            if li is not None:
                starts.setdefault(_list_key(li.text_content()), int(start))
    if not starts or body is None:
        return []
    out = []
    for lst in body.iter("list"):
        if lst.get("rend") != "ol":
            continue
        item = next((c for c in lst if c.tag == "item"), None)
        out.append(starts.get(_list_key("".join(item.itertext())), 1) if item is not None else 1)
    return out


def article_containers(tree) -> list:
    """The elements the page marks as its article or main content (``<article>``, ``<main>``,
    ``itemprop="articleBody"``), in document order, in one walk (the XPath union read every element's attributes in
    libxml2 at twice the cost); read once a page, for the body's length check and the images."""
    return [
        el for el in tree.iter(etree.Element) if el.tag in ("article", "main") or el.get("itemprop") == "articleBody"
    ]


def _container_words(containers: list) -> int:
    """Words in the largest of the page's article or main containers (:func:`article_containers`)."""
    return max((len(el.text_content().split()) for el in containers), default=0)


# Inline elements of HTML: the page's text runs on across their edges (no line break, no space of its own).
_INLINE_HTML = frozenset(
    "a abbr b bdi bdo big cite code data del dfn em font i ins kbd mark q s samp small span strike strong sub sup "
    "time tt u var".split()
)
_HIDDEN_TEXT = frozenset(("script", "style", "noscript", "template", "textarea"))


def _heading_permalinks(tree) -> list:
    """The links in a heading whose whole text is their own in-page target ("#section2"): a permalink anchor showing
    its address, not words of the heading."""
    found = []
    for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        ids = {"#" + i for d in h.iter() for i in (d.get("id"), d.get("name")) if i}
        found += [
            a for a in h.iter("a") if len(a) == 0 and a.get("href") in ids and (a.text or "").strip() == a.get("href")
        ]
    return found


class InlineEdges:
    """The spaces the body's text needs where a word ends in a lower-case letter right at the edge of an inline
    element and the next word starts with a capital right behind it ("security<b>Cons:</b>", "<em>Name</em>There",
    "<a>Facebook</a><a>Instagram</a>"): words the page runs together in its markup, which trafilatura's text (and
    the scorer's tokens) would read as one. A capital right after a lower-case letter is rare inside a word at such
    an edge (webpages-dev's labels split 140 of 141 such edges, on pages of both host halves); a lower-case letter
    after the edge ("S<em>amurai</em>", a drop cap "M<b>osalingua</b>") is left alone: those go both ways.

    A heading's permalink whose text is its own target (``<h2 id="s2">Title<a href="#s2">#s2</a></h2>``) is read
    empty the same way: not words of the page.

    Found once a page (one walk); :meth:`spaced` puts the spaces into the page tree for the body's passes and takes
    them out again, so the metadata readers see the page as it is."""

    def __init__(self, tree) -> None:
        self.edits: list[tuple] = []  # (element, "text" / "tail", text as it is, text for the body)
        prev = ""  # the text right before the walk's position, "" after the edge of a non-inline element
        for action, el in etree.iterwalk(tree, events=("start", "end", "comment", "pi")):
            tag = el.tag
            if action in ("start", "end") and tag not in _INLINE_HTML:
                prev = ""
            if action == "start":
                if tag not in _HIDDEN_TEXT and el.text:
                    self._check(el, "text", prev, el.text)
                    prev = el.text
            elif el.tail:  # the end of an element, a comment (not rendered: only its tail is text)
                self._check(el, "tail", prev, el.tail)
                prev = el.tail
        self.edits += [(a, "text", a.text, "") for a in _heading_permalinks(tree)]

    def _check(self, el, slot: str, prev: str, text: str) -> None:
        if prev[-1:].islower() and text[:1].isupper():
            self.edits.append((el, slot, text, " " + text))

    def _set(self, spaced: bool) -> None:
        for el, slot, text, body_text in self.edits:
            setattr(el, slot, body_text if spaced else text)

    @contextmanager
    def spaced(self):
        self._set(True)
        try:
            yield
        finally:
            self._set(False)
