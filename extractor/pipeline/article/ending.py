"""Where the article body ends, decided by the page's layout: the blocks that close trafilatura's body but come from
outside the element of the page that holds the article's text (a sign-up band, a "more articles" strip, a footer
note, an author card placed below the article) are cut; then the closing blocks that sit, inside that element, in a
part whose class or id names page furniture (a call to action, a disclaimer, an author box, a subscription form, a
licence note, related links, a sidebar), as long as they are a small part of the body. A closing line of a few words
left over from a part that is gone ("Related posts:", a bare "Back to top") goes, and so do a short opening
paragraph that the page holds outside the article's element ("Back to blog", "Share", a section label) and an opening
headline that the page sets as an ``<h1>`` outside that element. Anywhere in the body, a block from a part of that
element whose class or id names a box set into the text (a call to action, a promotion, a disclaimer, an author card)
goes, and so does one from a part whose class or id names a part the labels leave out in every language (a paywall's
offer, a pagination, an affiliate disclosure, a newsletter box, a feedback form, an ad slot), and the title of a box of
in-page links (a table of contents, a live blog's "key events"); a link's text left after the last block goes when the
link is outside that element or in such a part. Then the learned cut of :mod:`.edges` weighs the first and last blocks
left. Last, a section heading of that element that trafilatura left out (its recovery pass keeps no heading) is put
back where it stands right before a body block (a figure between the two passed over). First of all, the readers'
comments go: a block titling them ("36 Comments", "Kommentare") and all after it, found by its words where no class
names the comments' part (a page built with CSS-in-JS or utility classes: ``_comments_start``).

Each body block is located in the page by its text; the element holding the article is the deepest one that contains
``MAIN_SHARE`` of the located words. Blocks that close the body and were located outside that element are page
furniture; the cut stops at the first block (from the end) located inside it, and passes over blocks not located
at all only when a block located outside comes before them (see :func:`_outside_end`).
"""

from __future__ import annotations

import re

from .body import _BOILERPLATE_RE
from .edges import trim_edges

# Page elements a body block (paragraph, heading, list item, quote, caption, table cell) can come from.
_SOURCE_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "td", "dd", "pre")
# A block is looked up by the first characters of its whitespace-normalised text.
KEY_CHARS = 60
MIN_KEY_CHARS = 3
# The share of the located body words that the article's element holds (0.65 / 0.75 / 0.85 / 0.95 were measured on
# webpages-dev, both halves by host: 0.75 is best on body F1 at the same exact match as 0.85; 0.95 cuts real endings).
MAIN_SHARE = 0.75
MIN_BLOCKS = 3
# class / id words (whole words of the attribute, split at "-", "_" and spaces) naming page furniture. Words that page
# builders put on every block ("widget", "embed") were measured and are not in the list: they cut whole articles.
_FURNITURE_ATTR_RE = re.compile(
    r"(?:^|[-_\s])(?:cta|calltoaction|call-to-action|disclaimer|newsletter|subscribe|subscription|signup|sign-up|"
    r"optin|opt-in|related|share|sharing|social|author|authors|byline|bio|tags?|promo|banner|"
    r"republish|republication|license|licence|comments?|footer|sidebar|ads?|advert|advertisement|"
    r"sponsor|sponsored|donate|donation|recommended|recirc|more-stories|read-more|readmore|follow)(?:$|[-_\s])",
    re.IGNORECASE,
)
# The furniture words that also mark a part set inside the article's text (a call-to-action or promotion box, a
# disclaimer, a sponsor's note, an author card, a sidebar): a body block from such a part goes wherever it stands. Chosen
# on one half of the webpages-dev hosts and checked on the other (README, "Where the body ends"); "social", "related",
# "license", "share" mark parts that the labels keep (embedded posts, inline "related" lines, a licence paragraph).
_INSERT_ATTR_RE = re.compile(
    r"(?:^|[-_\s])(?:cta|calltoaction|call-to-action|promo|sponsored|signup|sign-up|disclaimer|read-more|readmore|"
    r"recommended|author|sidebar)(?:$|[-_\s])",
    re.IGNORECASE,
)
# The share of the body's words that the marked closing blocks may hold: a larger run is the article in a part that
# happens to carry such a word.
MARKED_SHARE = 0.25
# Parts set into the text that the webpages-dev labels leave out wherever they stand, named by their class or id in
# every language (``inserted_part``): a paywall's subscription offer, a list's pagination, an affiliate disclosure,
# a newsletter sign-up, a "was this page helpful?" feedback form, an edit link, an ad slot. The labels hold the text
# of 2 of the 461 newsletter parts of the dev pages, 3 of 93 disclosure and 1 of 220 "ad" parts, none of the 14
# paywall, 196 pagination, 33 affiliate, 49 feedback and 113 edit parts. Not "print": a class names what a page hides
# or shows in print ("hide-for-print", "d-print-none" on a menu, a column of text) as often as a print button.
_INSERTED_PART_ATTR_RE = re.compile(
    r"(?:^|[-_\s])(?:paywall|regwall|pagination|pager|disclosure|affiliate|newsletter|feedback|edit|"
    r"ad|ads|advert|advertisement|ad-slot|adslot)(?:$|[-_\s])",
    re.IGNORECASE,
)
# A box of in-page links (a table of contents, a live blog's "key events"): at least this many links, every one to an
# anchor of the page ("#…"), and at least this share of the box's text theirs; its title (in any language) is no line
# of the text.
JUMP_BOX_LINKS = 2
JUMP_BOX_LINK_SHARE = 0.5
JUMP_BOX_LEVELS = 3  # the box is at most this many levels above its links
JUMP_BOX_TITLE_WORDS = 8
# A closing block this short that ends with a colon or is not located in the page is left over (see _dangling).
DANGLING_WORDS = 4
# A short line that announces links to other pages ("You might also like:", "Related articles that may interest you",
# "More from <site>"): it and what follows it close the body's text when they are a small part of it (see
# _closing_links). Lines the labels keep ("Also read: …", "See also:", "Further reading", "Read next: …") are not in it.
# A byline or review credit set after the text ("Written by Jane Doe", "Reviewed by,") opens the author card or the
# disclosure that closes the page, not the article's text: it goes the same way.
_CLOSING_LINKS_RE = re.compile(
    r"(?:you (?:might|may) also (?:like|enjoy)|related (?:articles|posts|stories|reading|content)|more from|"
    # the same in other languages: es de fr it nl pt
    r"(?:tambi[ée]n )?te puede interesar|(?:tambi[ée]n )?le puede interesar|das könnte sie (?:auch )?interessieren|"
    r"vous aimerez aussi|(?:ça|cela) pourrait vous intéresser|(?:ti )?potrebbe(?:ro)? (?:anche )?interessarti|"
    r"potrebbe interessarti anche|dit vind je (?:misschien )?ook interessant|voc[êe] (?:tamb[ée]m )?pode gostar)\b",
    re.IGNORECASE,
)
_CLOSING_CREDIT_RE = re.compile(r"(?:written|reviewed|edited|fact[- ]checked|medically reviewed) by\b", re.IGNORECASE)
CLOSING_LINKS_WORDS = 8
# The line of a post's tags that closes it ("Tags: harbour, city council", "Tagged: DNS", "Schlagwörter: Hafen",
# "Etiquetas: …", "Mots-clés : …", "Parole chiave: …", "Trefwoorden: …"): the labels of webpages-dev leave it out.
_CLOSING_TAGS_RE = re.compile(
    r"(?:tags?|tagged(?: with)?|schlagw[öo]rter|stichw[öo]rter|etiquetas|mots[- ]cl[ée]s|[ée]tiquettes|"
    r"parole chiave|trefwoorden)\s*:",
    re.IGNORECASE,
)
CLOSING_TAGS_WORDS = 15
# A short line that titles a box closing the page, in several languages: an author card ("About the author", "Über
# den Autor", "Sobre el autor", "À propos de l'auteur", "Sull'autore", "Over de auteur") or a newsletter sign-up ("Sign
# up for our newsletter", "Newsletter abonnieren", "Abonnez-vous à notre newsletter", "Suscríbete a nuestro
# boletín"). On webpages-dev the labels leave such a box out on all but two of the about 120 pages that show one. A
# sign-up's title counts as a heading only: a paragraph "Subscribe to our newsletter" before the text's last
# paragraph is a line of the text (tests/extractor/test_article_body_text.py).
_AUTHOR_BOX_RE = re.compile(
    r"(?:about the authors?|about the writer|über (?:den|die) autor(?:in)?|zum autor|zur autorin|sobre (?:el|la) "
    r"autora?|à propos de l['’]auteur|sull['’]autore|sull['’]autrice|over de auteur)\W*$",
    re.IGNORECASE,
)
_NEWSLETTER_BOX_RE = re.compile(
    r"(?:(?:sign up|subscribe)(?: (?:for|to))? (?:our|the|my) (?:free |weekly |daily )?newsletter|"
    r"newsletter abonnieren|abonnez-vous à (?:notre|la) newsletter|inscrivez-vous à (?:notre|la) newsletter|"
    r"suscr[ií]bete a (?:nuestro|nuestra) (?:bolet[ií]n|newsletter)|iscriviti alla (?:nostra )?newsletter|"
    r"schrijf je in voor (?:onze|de) nieuwsbrief)\W*$",
    re.IGNORECASE,
)

# The title of the readers' comments below the article, alone or with their count, in several languages (en de fr es it
# pt nl pl sv da): "Comments", "36 Comments", "Kommentare (4)", "3 commentaires", "Comentarios". Not "Discussion" or
# "Responses": articles have sections of those names. It counts past this many words of the body (``_comments_start``).
COMMENTS_AFTER_WORDS = 50
_COMMENTS_TITLE_RE = re.compile(
    r"(?:\d+\s+)?(?:comments?|kommentare?|commentaires?|comentarios?|commenti|commento|coment[áa]rios?|reacties|"
    r"reactie|komentarze?|kommentarer?)(?:\s*\(\d+\))?",
    re.IGNORECASE,
)


def _key(text: str) -> str:
    return " ".join(text.split())[:KEY_CHARS]


def _words(el) -> int:
    return len("".join(el.itertext()).split())


def _source_map(tree) -> tuple[dict, set]:
    """First page element for each block text key, and the keys that more than one element has."""
    out: dict = {}
    repeats: set = set()
    for el in tree.iter(*_SOURCE_TAGS):  # document order, as an XPath union gives them, without its sort (0.3 ms)
        k = _key(el.text_content())
        if len(k) >= MIN_KEY_CHARS:
            if k in out:
                repeats.add(k)
            else:
                out[k] = el
    return out, repeats


def _block_key(el) -> str:
    """The key of a body block: its text, or for a list / table the text of its first item / cell."""
    first = el
    if el.tag == "list":
        first = next((c for c in el if c.tag == "item"), None)
    elif el.tag == "table":
        first = next(el.iter("cell"), None)
    return _key("".join(first.itertext())) if first is not None else ""


def _main_container(sources: list, weights: list[int]):
    """The deepest page element holding ``MAIN_SHARE`` of the located body words."""
    total = sum(weights)
    counts: dict = {}
    depth: dict = {}
    for src, w in zip(sources, weights, strict=True):
        if src is None or not w:
            continue
        ancestors = list(src.iterancestors())
        for d, anc in enumerate(reversed(ancestors)):
            counts[anc] = counts.get(anc, 0) + w
            depth[anc] = d
    best = None
    for anc, c in counts.items():
        if c >= MAIN_SHARE * total and (best is None or depth[anc] > depth[best]):
            best = anc
    return best


def _remove(body, el) -> None:
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
    body.remove(el)


def _inside(src, main) -> bool:
    """Does the page element ``src`` sit below ``main``?"""
    return any(el is main for el in src.iterancestors())


def _marked_inside(src, main, words) -> bool:
    """Does ``src`` sit below ``main``, in a part of it whose class or id ``words`` names? (One walk up.)"""
    marked = False
    for el in (src, *src.iterancestors()):
        if el is main:
            return marked
        if not marked:
            attrs = f"{el.get('class') or ''} {el.get('id') or ''}"
            marked = bool(attrs.strip() and words.search(attrs))
    return False


def _marked(src, main, words=_FURNITURE_ATTR_RE) -> bool:
    """Does the page element ``src`` sit, below ``main``, in a part whose class or id names page furniture?"""
    el = src
    while el is not None and el is not main:
        attrs = f"{el.get('class') or ''} {el.get('id') or ''}"
        if attrs.strip() and words.search(attrs):
            return True
        el = el.getparent()
    return False


def _outside_end(sources: list, words: list[int], main) -> int:
    """Where the run of closing blocks located outside ``main`` starts. Blocks not located in the page (text in a bare
    div, text trafilatura rewrote) do not stop it when a located one comes before them, as long as they hold at most
    ``MARKED_SHARE`` of the body's words and, between two located blocks, those two sit in one part of the page (the
    lowest element holding both is not one of ``main``'s ancestors: one sign-up band)."""
    above = {main, *main.iterancestors()}
    end = i = len(sources)
    last = None
    unlocated = 0
    while i > 1:
        i -= 1
        src = sources[i]
        if src is None:
            unlocated += words[i]
            continue
        if _inside(src, main):
            break
        if i + 1 < end and (
            unlocated > MARKED_SHARE * sum(words) or (last is not None and not _one_part(src, last, above))
        ):
            break
        end, last = i, src
    return end


def _one_part(a, b, above: set) -> bool:
    """Do page elements ``a`` and ``b`` sit in one part of the page: is the lowest element holding both outside
    ``above``?"""
    b_anc = {b, *b.iterancestors()}
    lowest = next((x for x in (a, *a.iterancestors()) if x in b_anc), None)
    return lowest is not None and lowest not in above


def trim_ending(body, tree) -> None:
    """Cut the blocks closing ``body`` (trafilatura's XML body) that the page ``tree`` holds outside the article's
    element, then those in a furniture-named part of it (see the module docstring)."""
    if body is None or len(body) < MIN_BLOCKS:
        return
    children = list(body)
    words = [_words(el) for el in children]
    comments = _comments_start(children, words, len(children))  # first: a long thread would be the "main" element
    for el in children[comments:]:
        _remove(body, el)
    children, words = children[:comments], words[:comments]
    smap, repeats = _source_map(tree)
    sources = [smap.get(_block_key(el)) for el in children]
    main = _main_container(sources, [w if s is not None else 0 for w, s in zip(words, sources, strict=True)])
    if main is None:
        return
    end = _outside_end(sources, words, main)
    marked = end
    while marked > 1 and sources[marked - 1] is not None and _marked(sources[marked - 1], main):
        marked -= 1
    if sum(words[marked:end]) <= MARKED_SHARE * sum(words):
        end = marked
    end = _closing_links(children, sources, words, end)
    while end > MIN_BLOCKS and _dangling(children[end - 1], sources[end - 1]):
        end -= 1
    start = 0
    while start < end - MIN_BLOCKS and _stray_opening(children[start], sources[start], main):
        start += 1
    boxes: dict = {}  # the page's boxes of in-page links, found once a block may be a box's title
    inserted = [
        el
        for el, src in zip(children[start:end], sources[start:end], strict=True)
        if src is not None
        and (
            _marked_inside(src, main, _INSERT_ATTR_RE)
            or inserted_part(src, main)
            or _in_jump_box(src, main, el, repeats, (tree, boxes))
        )
    ]
    if end - start - len(inserted) < MIN_BLOCKS:
        inserted = []
    kept = [(el, src) for el, src in zip(children[start:end], sources[start:end], strict=True) if el not in inserted]
    total = sum(w for el, w in zip(children[start:end], words[start:end], strict=True) if el not in inserted)
    trimmed = trim_edges(kept, main, repeats, total)
    gone = {el for el, _src in kept} - {el for el, _src in trimmed}
    for el in children[end:] + children[:start] + inserted + [el for el, _src in kept if el in gone]:
        _remove(body, el)
    _drop_closing_button(body, tree, main)
    _restore_headings(body, trimmed, main)


def inserted_part(src, main) -> bool:
    """Does the page element ``src`` sit, below ``main``, in a part that ``_INSERTED_PART_ATTR_RE`` names (a paywall's
    offer, a pagination, a disclosure, a sign-up, a feedback form, an ad slot)?"""
    return src is not None and _marked_inside(src, main, _INSERTED_PART_ATTR_RE)


def _drop_closing_button(body, tree, main) -> None:
    """Remove the text trafilatura left after the body's last block when it is the text of a link outside ``main`` or
    in a part of it that ``_INSERTED_PART_ATTR_RE`` names (a store button under an affiliate disclosure)."""
    last = body[-1] if len(body) else None
    tail = " ".join((last.tail or "").split()) if last is not None else ""
    if not MIN_KEY_CHARS <= len(tail) <= KEY_CHARS:
        return
    link = next((a for a in tree.iter("a") if " ".join(a.text_content().split()) == tail), None)
    if link is not None and (not _inside(link, main) or inserted_part(link, main)):
        last.tail = None


def _jump_boxes(tree) -> set:
    """The page's boxes of in-page links: elements at most ``JUMP_BOX_LEVELS`` above a link to an anchor of the page
    that hold ``JUMP_BOX_LINKS`` links or more, all of them to anchors, whose text is ``JUMP_BOX_LINK_SHARE`` theirs
    or more (a table of contents with its title, a live blog's "key events")."""
    candidates: dict = {}
    for a in tree.iter("a"):
        if (a.get("href") or "").startswith("#") and a.text_content().strip():
            for level, anc in enumerate(a.iterancestors()):
                if level >= JUMP_BOX_LEVELS or anc.tag in ("body", "html"):
                    break
                candidates.setdefault(anc, None)
    return {el for el in candidates if _jump_box(el)}


def _jump_box(el) -> bool:
    """Does ``el`` hold ``JUMP_BOX_LINKS`` links or more, all to anchors of the page, with ``JUMP_BOX_LINK_SHARE`` of
    its text theirs? (Read no further than its first link elsewhere.)"""
    linked = count = 0
    for a in el.iter("a"):
        href = a.get("href")
        if href is None:
            continue
        if not href.startswith("#"):
            return False
        count += 1
        linked += len(a.text_content().strip())
    return count >= JUMP_BOX_LINKS and linked >= JUMP_BOX_LINK_SHARE * len(el.text_content().strip())


def _in_jump_box(src, main, el, repeats: set, page: tuple) -> bool:
    """Is the body block ``el`` (page element ``src``) the title of a box of in-page links (:func:`_jump_boxes`) below
    ``main``: a line of at most ``JUMP_BOX_TITLE_WORDS`` words that holds no such link itself ("Table of contents",
    "Key events")? The box's entries are not: the labels keep a table of contents' list on some pages. Nor is a block
    whose text is on the page twice: a section heading that a table of contents lists is located at the list's entry,
    the first of the two. ``page``: the page's tree and a dict that keeps its boxes once found."""
    if _words(el) > JUMP_BOX_TITLE_WORDS or _block_key(el) in repeats:
        return False
    if any((a.get("href") or "").startswith("#") for a in src.iter("a")):
        return False
    tree, found = page
    if "boxes" not in found:
        found["boxes"] = _jump_boxes(tree)
    boxes = found["boxes"]
    for anc in (src, *src.iterancestors()):
        if anc is main:
            return False
        if anc in boxes:
            return True
    return False


def _closing_links(children: list, sources: list, words: list[int], end: int) -> int:
    """Where the body ends once a closing line that announces links to other pages, credits the writer or titles a
    closing box (at most ``CLOSING_LINKS_WORDS`` words) goes with what follows it, as long as they hold at most
    ``MARKED_SHARE`` of the body's words and ``MIN_BLOCKS`` blocks stay: links (``_CLOSING_LINKS_RE``) when what follows
    is mostly the text of links on the page (``_mostly_links``: a list of other pages, not the article's own closing
    paragraphs); a credit (``_CLOSING_CREDIT_RE``) when it is no sentence (ends without a full stop); a box's title
    (``_box_title``: an author card, a newsletter sign-up) unless it is a heading at the level of the article's own
    sections (``_section_heading``)."""
    limit, after, cut = MARKED_SHARE * sum(words), 0, end
    for i in range(end - 1, MIN_BLOCKS - 1, -1):
        after += words[i]
        if after > limit:
            break
        text = " ".join("".join(children[i].itertext()).split())
        if len(text.split()) > CLOSING_LINKS_WORDS:
            continue
        if _CLOSING_LINKS_RE.match(text) and _mostly_links(sources[i + 1 : end]):
            cut = i
        elif _CLOSING_CREDIT_RE.match(text) and not text.endswith((".", "!", "?")):
            cut = i  # "Written by Jane Doe", not a sentence ("Edited by Jane Smith and Tom Brown.")
        elif _box_title(children[i], text) and not _section_heading(children, i):
            cut = i  # "About the author" and the card under it
    return cut


def _comments_start(children: list, words: list[int], end: int) -> int:
    """Where the body ends once the readers' comments go: the first block past ``MIN_BLOCKS`` blocks and
    ``COMMENTS_AFTER_WORDS`` words that titles them ("36 Comments", "Comments", "12 Kommentare", "Commentaires",
    ``_COMMENTS_TITLE_RE``) and all after it, however long (a thread can be longer than the article). The title is found
    by its words, whatever the class of its part says; a count of comments under the headline is no title."""
    before = sum(words[:MIN_BLOCKS])
    for i in range(MIN_BLOCKS, end):
        el = children[i]
        if (
            before >= COMMENTS_AFTER_WORDS
            and el.tag in ("p", "head")
            and _COMMENTS_TITLE_RE.fullmatch(" ".join("".join(el.itertext()).split()))
        ):
            return i
        before += words[i]
    return end


def _box_title(el, text: str) -> bool:
    """Does body block ``el`` (of text ``text``) title a closing box: an author card's line, a sign-up's heading?"""
    return bool(_AUTHOR_BOX_RE.match(text) or (el.tag == "head" and _NEWSLETTER_BOX_RE.match(text)))


def _section_heading(children: list, i: int) -> bool:
    """Is body block ``i`` a heading of the level that an earlier heading of the body has: one of the article's own
    sections (a writer's "About the Author" section that the labels keep), not the title of a box set below it?"""
    rend = children[i].get("rend") if children[i].tag == "head" else None
    return rend is not None and any(el.tag == "head" and el.get("rend") == rend for el in children[:i])


def _mostly_links(sources: list) -> bool:
    """Is at least half the text of these page elements (the blocks after a closing line) the text of links? True
    when there are none; False when one is not located in the page. An element inside a link (a teaser's heading
    wrapped in its ``<a>``) is link text as a whole."""
    linked = total = 0
    for src in sources:
        if src is None:
            return False
        size = len("".join(src.itertext()).strip())
        total += size
        in_link = next(src.iterancestors("a"), None) is not None
        linked += size if in_link else sum(len("".join(a.itertext()).strip()) for a in src.iter("a"))
    return linked * 2 >= total


def _stray_opening(el, src, main) -> bool:
    """Is the body's first block a short line of text that the page holds outside the article's element ("Back to
    blog", "Share", a section label, a byline's role), or the page's headline (an ``<h1>`` outside that element, worded
    unlike the titles that :func:`body._drop_leading_title` knows)? Other headings are kept: a summary box opens with
    one."""
    if src is None or _inside(src, main):
        return False
    if el.tag == "head":
        return src.tag == "h1"
    return el.tag == "p" and len("".join(el.itertext()).split()) <= DANGLING_WORDS


def _dangling(el, src) -> bool:
    """Is the body's last block a few words left over from a part that is gone: a label that announces what no longer
    follows it ("Related posts:", "Find more events in:"), or a line the page holds in no paragraph, heading or list
    item (a bare "Back to top", "Our brochures" in the page's furniture), or the line of the post's tags ("Tags: a, b")?"""
    text = " ".join("".join(el.itertext()).split())
    if len(text.split()) <= CLOSING_TAGS_WORDS and _CLOSING_TAGS_RE.match(text):
        return True  # a closing line of tags
    return len(text.split()) <= DANGLING_WORDS and (src is None or text.endswith(":"))


_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
HEADING_MAX_WORDS = 30


def _restore_headings(body, kept: list, main) -> None:
    """Put back the headings trafilatura left out between two body blocks (its recovery pass, which takes the page's
    paragraphs when it finds no article container, keeps none): a heading of the article's element that comes right
    before a located body block, after the previous one, and whose text the body does not hold. ``kept``: the body
    blocks with their page elements."""
    have = {_block_key(el) for el, _src in kept}
    prev_src = None
    for el, src in kept:
        if src is None:
            continue
        before = el.getprevious()
        if prev_src is not None and src.tag not in _HEADINGS and before is not None and before.tag != "head":
            heading = _heading_before(src, el.tag in ("list", "table"))
            text = " ".join(heading.text_content().split()) if heading is not None else ""
            if (
                text
                and heading is not prev_src
                and _inside(heading, main)
                and _key(text) not in have
                and len(text.split()) <= HEADING_MAX_WORDS
                and not _BOILERPLATE_RE.match(text)
            ):
                head = body.makeelement("head", {"rend": heading.tag})
                head.text = text
                el.addprevious(head)
                have.add(_key(text))
        prev_src = src


def _heading_before(src, whole: bool):
    """The heading element right before the page element ``src`` (before its list or table when ``whole``: a list
    block is located by its first item), passing over elements without text; a heading wrapped alone in an element
    counts. None when the element before is no heading."""
    if whole:
        src = next(src.iterancestors("ul", "ol", "dl", "table"), src)
    sib = src.getprevious()
    while sib is not None and (not isinstance(sib.tag, str) or sib.tag == "figure" or not sib.text_content().strip()):
        sib = sib.getprevious()  # a figure between a heading and its paragraph (a listicle's photo) is passed over
    if sib is None or sib.tag in _HEADINGS:
        return sib
    inner = next(sib.iter(*_HEADINGS), None)
    if inner is not None and " ".join(inner.text_content().split()) == " ".join(sib.text_content().split()):
        return inner
    return None
