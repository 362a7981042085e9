"""trafilatura's pruning and body-finding XPaths as Python walks over the tree, during the pipeline's own calls.

trafilatura 2.3.1 prunes the page with XPaths whose ``re:test`` libxml2 evaluates by a call back into Python for
every candidate element (≈ 2-3.5 ms a page each, ≈ 15 ms of the ≈ 28 ms its recall pass costs the worker). Each
class below stands for one of them: called on an element, it returns the elements the XPath selects there, in
document order, testing the same attributes with the same patterns through Python's ``re`` (which is what lxml's
``re:test`` calls: ``re.compile(pattern, re.UNICODE).search(string)``). XPath's quirks are kept: the string of a
union ``@id|@class`` is its first attribute in the element's source order; a missing attribute reads as ``""``;
``.//*`` is the descendants, not the element itself; ``.//*[…][1]`` is the first match among each element's
children.

Each mirror reads its patterns from the installed XPath itself and is used only when that XPath has exactly the
structure the class tests (:func:`_parse`); a trafilatura whose expressions change keeps its own (slower, never
different), and ``tests/extractor/test_trafilatura_xpaths.py`` says so. :func:`mirrored` puts them in trafilatura's
lists for the duration of the pipeline's calls only: a plain ``trafilatura.extract`` elsewhere in the process (the
benchmarks' reference) runs trafilatura's own XPaths.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from importlib import metadata

import trafilatura.xpaths as _xpaths
from lxml import etree

TRAFILATURA_VERSION = "2.3.1"  # the release whose internals this module and ``trafilatura_recall`` reproduce


def _installed() -> str | None:
    try:
        return metadata.version("trafilatura")
    except metadata.PackageNotFoundError:  # pragma: no cover
        return None


PINNED = _installed() == TRAFILATURA_VERSION

_SLOT = "{}"  # a regular expression (or a literal) read from the installed XPath


def _parse(path: str, template: str) -> list[str] | None:
    """The literals at the template's slots when ``path`` is the template (whitespace aside), else None."""
    parts = template.split(_SLOT)
    pattern = "'([^']*)'".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)
    found = re.fullmatch(r"\s*" + pattern + r"\s*", path)
    return list(found.groups()) if found else None


def _first(get, keys, a: str, b: str) -> str:
    """XPath's string of ``@a|@b``: the first of the two attributes in source order ("" when neither is there)."""
    va, vb = get(a), get(b)
    if va is None:
        return vb or ""
    if vb is None:
        return va
    names = keys()
    return va if names.index(a) < names.index(b) else vb


class _Mirror:
    TEMPLATE = ""
    path = ""  # the XPath's own text, as trafilatura's XPath objects have it

    def __init__(self, xpath) -> None:
        self.path = xpath.path
        self.literals = _parse(xpath.path, self.TEMPLATE)

    @property
    def usable(self) -> bool:
        return self.literals is not None


class RawTreePrune(_Mirror):
    """Infinite-scroll containers holding follow-up articles (``RAW_TREE_PRUNE_XPATH[0]``)."""

    TEMPLATE = (
        ".//*[self::div or self::section or self::aside][ re:test(@id, {}) or re:test(@class, {})][ not(.//h1) or "
        "re:test(@id, {}) or re:test(@class, {})]"
    )

    def __init__(self, xpath) -> None:
        super().__init__(xpath)
        if self.usable:
            self.patterns = [re.compile(x) for x in self.literals]

    def __call__(self, tree) -> list:
        id_any, class_any, id_h1, class_h1 = self.patterns
        out = []
        for el in tree.iterdescendants("div", "section", "aside"):
            id_, cls = el.get("id") or "", el.get("class") or ""
            if (id_any.search(id_) or class_any.search(cls)) and (
                el.find(".//h1") is None or id_h1.search(id_) or class_h1.search(cls)
            ):
                out.append(el)
        return out


class ClassContains(_Mirror):
    """Share buttons (``RAW_TREE_PRUNE_XPATH[1]``)."""

    TEMPLATE = ".//*[self::div or self::section or self::aside][contains(@class, {})]"

    def __call__(self, tree) -> list:
        (needle,) = self.literals
        return [el for el in tree.iterdescendants("div", "section", "aside") if needle in (el.get("class") or "")]


class CommentsAndLists(_Mirror):
    """Comment sections, and ol/ul comment lists (``REMOVE_COMMENTS_AND_LISTS_XPATH[0]``)."""

    TEMPLATE = (
        ".//*[self::div or self::list or self::section or self::details or self::ol or self::ul][ re:test(@id, {}) "
        "or re:test(@class, {})][ not(self::ol or self::ul) or re:test(@id, {}) or re:test(@class, {})]"
    )

    def __init__(self, xpath) -> None:
        super().__init__(xpath)
        if self.usable:
            self.patterns = [re.compile(x) for x in self.literals]

    def __call__(self, tree) -> list:
        id_any, class_any, id_list, class_list = self.patterns
        out = []
        for el in tree.iterdescendants("div", "list", "section", "details", "ol", "ul"):
            id_, cls = el.get("id") or "", el.get("class") or ""
            if (id_any.search(id_) or class_any.search(cls)) and (
                el.tag not in ("ol", "ul") or id_list.search(id_) or class_list.search(cls)
            ):
                out.append(el)
        return out


_BLOCKS = ("div", "item", "list", "p", "section", "span")


class OverallDiscard(_Mirror):
    """Navigation, sharing, ads, footers, related links… (``OVERALL_DISCARD_XPATH[0]``)."""

    TEMPLATE = (
        ".//*[self::div or self::item or self::list or self::p or self::section or self::span][ "
        "@data-lp-replacement-content or contains(translate(@role, 'N', 'n'), {}) or contains(@data-component, {}) "
        "or re:test(@id|@class, {}) or re:test(@id, {}) or re:test(@class, {})]"
    )

    def __init__(self, xpath) -> None:
        super().__init__(xpath)
        if self.usable:
            self.role, self.component = self.literals[:2]
            self.first, self.id_, self.class_ = (re.compile(x) for x in self.literals[2:])

    def __call__(self, tree) -> list:
        out = []
        for el in tree.iterdescendants(*_BLOCKS):
            get = el.get
            if (
                get("data-lp-replacement-content") is not None
                or self.role in (get("role") or "").replace("N", "n")
                or self.component in (get("data-component") or "")
                or self.first.search(_first(get, el.keys, "id", "class"))
                or self.id_.search(get("id") or "")
                or self.class_.search(get("class") or "")
            ):
                out.append(el)
        return out


class HiddenAndReplies(_Mirror):
    """Hidden elements, reply forms, comment titles (``OVERALL_DISCARD_XPATH[1]``), any element."""

    TEMPLATE = (
        ".//*[@class={} or starts-with(@id|@class, {}) or re:test(@id|@style, {}) or contains(@style, {}) or "
        "contains(@style, {}) or re:test(@id, {}) or re:test(@class, {}) or @aria-hidden={}]"
    )

    def __init__(self, xpath) -> None:
        super().__init__(xpath)
        if self.usable:
            self.title, self.reply, hidden, self.style1, self.style2, id_, class_, self.aria = self.literals
            self.hidden, self.id_, self.class_ = re.compile(hidden), re.compile(id_), re.compile(class_)
            self.bare = self._matches({}.get, list)  # does an element without attributes match?

    def _matches(self, get, keys) -> bool:
        cls, style = get("class"), get("style") or ""
        return bool(
            cls == self.title
            or _first(get, keys, "id", "class").startswith(self.reply)
            or self.hidden.search(_first(get, keys, "id", "style"))
            or self.style1 in style
            or self.style2 in style
            or self.id_.search(get("id") or "")
            or self.class_.search(cls or "")
            or get("aria-hidden") == self.aria
        )

    def __call__(self, tree) -> list:
        out = []
        for el in tree.iterdescendants(etree.Element):
            if el.attrib:
                if self._matches(el.get, el.keys):
                    out.append(el)
            elif self.bare:
                out.append(el)
        return out


class CaptionDiscard(_Mirror):
    """Captions, when images are not kept (``DISCARD_IMAGE_ELEMENTS[0]``)."""

    TEMPLATE = (
        ".//*[self::div or self::item or self::list or self::p or self::section or self::span][ contains(@id, {}) "
        "or contains(@class, {})]"
    )

    def __call__(self, tree) -> list:
        in_id, in_class = self.literals
        return [
            el
            for el in tree.iterdescendants(*_BLOCKS)
            if in_id in (el.get("id") or "") or in_class in (el.get("class") or "")
        ]


_CONTAINERS = ("article", "div", "main", "section")


class ArticleBody(_Mirror):
    """The first article-body container (``BODY_XPATH[0]``): ``.//*[…][1]``, the first match among each element's
    children, lazily (trafilatura takes the first)."""

    TEMPLATE = (
        ".//*[self::article or self::div or self::main or self::section][ @class={} or @class={} or @itemprop={} or "
        "@id={} or re:test(@id, {}) or re:test(@class, {}) ][1]"
    )

    def __init__(self, xpath) -> None:
        super().__init__(xpath)
        if self.usable:
            self.classes = set(self.literals[:2])
            self.itemprop, self.id_value = self.literals[2:4]
            self.id_, self.class_ = (re.compile(x) for x in self.literals[4:])

    def __call__(self, tree):
        parents = set()
        for el in tree.iterdescendants(*_CONTAINERS):
            get = el.get
            cls, id_ = get("class"), get("id")
            if (
                cls in self.classes
                or get("itemprop") == self.itemprop
                or id_ == self.id_value
                or self.id_.search(id_ or "")
                or self.class_.search(cls or "")
            ):
                parent = el.getparent()
                if parent not in parents:
                    parents.add(parent)
                    yield el


class StoryBody(_Mirror):
    """The first story container (``BODY_XPATH[2]``), ``(…)[1]``."""

    TEMPLATE = (
        "(.//*[self::article or self::div or self::main or self::section][ @role={} or @id={} or @id={} or "
        "@class={} or @class={} or @class={} or @class={} or @class={} or re:test(@id, {}) or "
        "re:test(@class, {}, 'i') or re:test(@class, {}) ])[1]"
    )

    def __init__(self, xpath) -> None:
        super().__init__(xpath)
        if self.usable:
            lit = self.literals
            self.role, self.ids, self.classes = lit[0], set(lit[1:3]), set(lit[3:8])
            self.id_, self.class_i, self.class_ = re.compile(lit[8]), re.compile(lit[9], re.I), re.compile(lit[10])

    def __call__(self, tree) -> list:
        for el in tree.iterdescendants(*_CONTAINERS):
            get = el.get
            cls, id_ = get("class"), get("id")
            if (
                get("role") == self.role
                or id_ in self.ids
                or cls in self.classes
                or self.id_.search(id_ or "")
                or self.class_i.search(cls or "")
                or self.class_.search(cls or "")
            ):
                return [el]
        return []


class MainContent(_Mirror):
    """The first main-content container (``BODY_XPATH[3]``), ``(…)[1]``."""

    TEMPLATE = (
        "(.//*[self::article or self::div or self::main or self::section][ @id={} or @class={} or re:test(@id, {}) "
        "or re:test(@class, {}) or contains(translate(@id, 'CM','cm'), {}) or contains(translate(@class, "
        "'CM','cm'), {}) or contains(translate(@class, 'CP','cp'), {}) ])[1]"
    )

    def __init__(self, xpath) -> None:
        super().__init__(xpath)
        if self.usable:
            lit = self.literals
            self.id_value, self.class_value = lit[:2]
            self.id_, self.class_ = re.compile(lit[2]), re.compile(lit[3])
            self.id_main, self.class_main, self.class_page = lit[4:]

    def __call__(self, tree) -> list:
        for el in tree.iterdescendants(*_CONTAINERS):
            get = el.get
            id_, cls = get("id") or "", get("class") or ""
            if (
                get("id") == self.id_value
                or get("class") == self.class_value
                or self.id_.search(id_)
                or self.class_.search(cls)
                or self.id_main in id_.replace("C", "c").replace("M", "m")
                or self.class_main in cls.replace("C", "c").replace("M", "m")
                or self.class_page in cls.replace("C", "c").replace("P", "p")
            ):
                return [el]
        return []


# (trafilatura's list, index, the class that stands for that XPath)
_PLACES = (
    ("RAW_TREE_PRUNE_XPATH", 0, RawTreePrune),
    ("RAW_TREE_PRUNE_XPATH", 1, ClassContains),
    ("REMOVE_COMMENTS_AND_LISTS_XPATH", 0, CommentsAndLists),
    ("OVERALL_DISCARD_XPATH", 0, OverallDiscard),
    ("OVERALL_DISCARD_XPATH", 1, HiddenAndReplies),
    ("DISCARD_IMAGE_ELEMENTS", 0, CaptionDiscard),
    ("BODY_XPATH", 0, ArticleBody),
    ("BODY_XPATH", 2, StoryBody),
    ("BODY_XPATH", 3, MainContent),
)


def _mirrors() -> list[tuple[list, int, object, _Mirror]]:
    """(trafilatura's list, index, its XPath, the mirror) for each XPath whose structure is the one mirrored."""
    if not PINNED:
        return []
    out = []
    for name, index, cls in _PLACES:
        found = getattr(_xpaths, name, None)
        if isinstance(found, list) and len(found) > index:
            mirror = cls(found[index])
            if mirror.usable:
                out.append((found, index, found[index], mirror))
    return out


MIRRORS = _mirrors()


@contextmanager
def mirrored():
    """trafilatura's XPaths replaced by their mirrors inside the block (each list item swapped: a trafilatura call
    in another thread meanwhile gets one or the other, and the same elements either way). The swap is inside the
    ``try``: a soft time limit raised during it still puts every XPath back."""
    try:
        for found, index, _, mirror in MIRRORS:
            found[index] = mirror
        yield
    finally:
        for found, index, xpath, _ in MIRRORS:
            found[index] = xpath
