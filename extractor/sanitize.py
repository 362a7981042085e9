"""Request-time sanitising of tenant content.

``sanitize_content`` runs when a tenant POSTs content; the worker later runs the
extraction pipeline (``extractor.pipeline``) on what this module returns, so the
sanitiser keeps everything extraction needs while removing executable content.

HTML is done on one lxml parse of the page, in C where it can be, with no html5lib pass (the input is read by the
pipeline, never served; see the README's "Sanitising" section):

1. **pre-strip**: ``script`` elements are dropped except JSON-LD (``application/ld+json``), whose payload is parsed
   and re-serialised with ``<``, ``>`` and ``&`` escaped so it can never close its element;
   ``style``/``noscript``/``iframe``/``object``/``embed``/``svg``/``math``/``template``/``base`` and friends are
   removed with their content; the ``<head>`` is reduced to ``title``, ``meta`` (no ``http-equiv``) and ``link``
   rel canonical/alternate/amphtml; comments and processing instructions are dropped.
2. **allow-list** on the ``<body>``, the one bleach applies (``ALLOWED_TAGS``, ``ALLOWED_ATTRIBUTES``,
   ``ALLOWED_PROTOCOLS``): other tags are unwrapped (content kept), other attributes removed (every ``on*`` handler,
   ``style``), URL-valued attributes whose scheme is not http/https/mailto/tel removed by bleach's own rule
   (:func:`uri_allowed`); an element whose removed ``style`` draws a line through its text (an old price struck by
   inline CSS) is marked with the empty attribute ``STRUCK_ATTR`` instead (never taken from the input); the body is then serialised once by lxml, which escapes text and attribute values.
   The tests check that bleach, given the result, finds nothing to remove.

What is *served* — the output ``html`` field — is cleaned by bleach with the narrower output allow-list
(:func:`clean_fragment`, or :func:`clean_children`'s checked fast path).

The head built in step 1 and the JSON-LD blocks are then re-attached around the
cleaned body. Markdown/text are normalised text (control characters removed,
newlines normalised; in markdown raw HTML tags are escaped and ``javascript:``
link targets removed). JSON is scrubbed recursively with depth / size limits.
"""

from __future__ import annotations

import html as html_lib
import json
import re
import threading
import unicodedata
from typing import Any

import bleach
import lxml.etree
import lxml.html
from bleach import parse_shim

from . import appstate

__all__ = [
    "SanitizeError",
    "sanitize_content",
    "normalize_for_cache_key",
    "sanitize_html",
    "sanitize_text",
    "sanitize_markdown",
    "sanitize_json",
    "FORMATS",
    "MAX_CONTENT_CHARS",
    "MAX_JSON_DEPTH",
]

FORMATS = ("html", "markdown", "text", "json")
# Bumped whenever the sanitised form of the same input changes (2: the lxml allow-list pass replaced bleach on the
# input; 3: the application state's product objects kept as an inert JSON block; 4: also the product objects of
# JSON data attributes; 5: an inline strike-through kept as ``STRUCK_ATTR``, ``aria-disabled`` kept on buttons and
# links; 6: a style sheet's simple class rule that strikes text marks its elements ``STRUCK_ATTR="sheet"``; 7: the
# sheet's comments, strings and unquoted ``url(...)`` skipped in one pass, so a ``}`` or a quote inside them no
# longer ends or hides a rule; 8: ``aria-pressed`` / ``-checked`` / ``-selected`` / ``-disabled`` / ``-labelledby``
# kept on every element, the state of swatches built without inputs); the raw → sanitised digest memo is keyed by it, so a memo entry never points at
# another version's digest.
SANITIZER_VERSION = 8
MAX_CONTENT_CHARS = 10_000_000
MAX_JSON_DEPTH = 40
MAX_JSON_NODES = 200_000
MAX_JSON_STRING = 2_000_000


class SanitizeError(ValueError):
    """Content cannot be sanitised (binary garbage, nesting too deep, too big...)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --------------------------------------------------------------------------- text helpers

# C0 controls except \t \n \r, DEL, C1 controls, unicode non-characters, and lone UTF-16 surrogates (valid UTF-8
# never holds one, but a JSON or JS string escape such as "\ud800" in a page's JSON-LD or state decodes to one, and
# no UTF-8 encoder, the cache key's included, accepts it).
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BINARY_RE = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def _check_binary(text: str, *, controls: bool = True) -> None:
    """SanitizeError for binary data: many control characters (skipped with ``controls=False``, when the caller has
    just found none) or replacement characters in the first 200,000 characters."""
    if not text:
        return
    sample = text[:200_000]
    bad = len(_BINARY_RE.findall(sample)) if controls else 0
    # a few stray control characters are tolerated and stripped; a high share
    # (or lots of replacement characters from a failed decode) means binary data
    if bad > 16 and bad / len(sample) > 0.01:
        raise SanitizeError("content looks like binary data")
    repl = sample.count("\ufffd")
    if repl > 16 and repl / len(sample) > 0.05:
        raise SanitizeError("content looks like undecodable binary data")


def _coerce_str(content: Any, *, controls: bool = True) -> str:
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SanitizeError("content is not valid UTF-8") from exc
    if not isinstance(content, str):
        raise SanitizeError(f"expected a string, got {type(content).__name__}")
    if len(content) > MAX_CONTENT_CHARS:
        raise SanitizeError("content too large")
    _check_binary(content, controls=controls)
    return content


def strip_controls(text: str) -> str:
    return _CONTROL_RE.sub("", text)


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")


def sanitize_text(content: Any) -> str:
    text = _coerce_str(content)
    text = normalize_newlines(strip_controls(text))
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_BLANKS_RE.sub("\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


# The text regular expressions below are linear in the content (a request's content is sanitised at submission, up
# to the plan's body size). Their first forms were not: `[ \t]+\n` tried a run of blanks not ending a line again from
# each of its characters (a run of 40,000 spaces: 2 s), the bad-link pattern backtracked over `\s*<?\s*` ("](" and
# 40,000 spaces: 54 s) and scanned to the end of the text from each "](javascript:" with no ")" after it, the
# bad-reference one spanned blank lines from every line start and scanned from each "[" to the text's end ("[a" lines
# without a "]"). Each now starts once per run, or stops at the next bracket, and gives nothing back (possessive).
# What they match is unchanged (so are text outputs and cache keys) but for a reference label, now read as CommonMark
# (and markdown-it) reads one: no unescaped bracket inside, backslash escapes honoured. Of 300,000 random markdown
# strings, 171 sanitise differently, and none of them renders (markdown-it, every link allowed) a javascript:,
# vbscript: or data: link the first form did not.
_TRAILING_BLANKS_RE = re.compile(r"(?<![ \t])[ \t]+\n")
_MD_HTML_TAG_RE = re.compile(r"<(?=[A-Za-z/!?])")
_MD_BAD_LINK_START_RE = re.compile(r"\]\(\s*+<?\s*+(?:javascript|vbscript|data)\s*+:", re.IGNORECASE)
# A label holds no unescaped bracket (CommonMark), so its scan stops at the next one; leading blanks stay on the line.
_MD_BAD_REF_RE = re.compile(
    r"^([^\S\n]*+\[(?:[^\[\]\\]|\\.)++\]:\s*+)(?:javascript|vbscript|data)\s*+:\S*+", re.IGNORECASE | re.MULTILINE
)
_MD_COLON_ENTITY_RE = re.compile(r"&(?:#0*58|#x0*3a|colon);?", re.IGNORECASE)
_MD_AUTOLINK_RE = re.compile(r"<((?:https?|mailto):[^>\s]+)>", re.IGNORECASE)


def _neutralise_bad_links(text: str) -> str:
    """Each `](javascript:…)` (vbscript, data) link target becomes `]()`, up to the first ")" after it. With no ")"
    after one, none comes after any later one either: the scan stops there instead of trying each again."""
    out, pos = [], 0
    while (start := _MD_BAD_LINK_START_RE.search(text, pos)) is not None:
        end = text.find(")", start.end())
        if end < 0:
            break
        out += [text[pos : start.start()], "]()"]
        pos = end + 1
    out.append(text[pos:])
    return "".join(out)


def sanitize_markdown(content: Any) -> str:
    """Normalised markdown: raw HTML neutralised (``<tag`` -> ``&lt;tag``), autolinks kept."""
    text = sanitize_text(content)
    # a colon written as an entity is still a colon to the renderer that turns the link into an href
    text = _MD_COLON_ENTITY_RE.sub(":", text)
    text = _neutralise_bad_links(text)
    text = _MD_BAD_REF_RE.sub(r"\1#", text)
    # keep <https://...> autolinks by turning them into plain URLs first
    text = _MD_AUTOLINK_RE.sub(r"\1", text)
    text = _MD_HTML_TAG_RE.sub("&lt;", text)
    return text


def _scrub_json(value: Any, depth: int, counter: list[int]) -> Any:
    if depth > MAX_JSON_DEPTH:
        raise SanitizeError(f"json nesting deeper than {MAX_JSON_DEPTH}")
    counter[0] += 1
    if counter[0] > MAX_JSON_NODES:
        raise SanitizeError("json document has too many values")
    if isinstance(value, str):
        if len(value) > MAX_JSON_STRING:
            raise SanitizeError("json string too long")
        return normalize_newlines(strip_controls(value))
    if isinstance(value, dict):
        return {strip_controls(str(k)): _scrub_json(v, depth + 1, counter) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_scrub_json(v, depth + 1, counter) for v in value]
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        return value
    raise SanitizeError(f"unsupported json value of type {type(value).__name__}")


def sanitize_json(content: Any) -> Any:
    if isinstance(content, (str, bytes)):
        text = _coerce_str(content)
        try:
            content = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise SanitizeError(f"invalid json: {exc}") from exc
    if not isinstance(content, (dict, list)):
        raise SanitizeError("json content must be an object or an array")
    try:
        return _scrub_json(content, 0, [0])
    except RecursionError as exc:  # pragma: no cover - depth limit hits first
        raise SanitizeError("json nesting too deep") from exc


# --------------------------------------------------------------------------- html

# Removed together with their content.
_DROP_WITH_CONTENT = (
    "style",
    "noscript",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "svg",
    "math",
    "template",
    "base",
    "canvas",
    "audio",
    "video",
    "dialog",
    "portal",
    "xml",
    "xmp",
    "plaintext",
    "param",
)

ALLOWED_TAGS = frozenset(
    (
        "a abbr address article aside b bdi bdo blockquote br button caption cite code col colgroup data dd "
        "del details dfn div dl dt em figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr i img input "
        "ins kbd label legend li link main mark meta nav ol optgroup option p picture pre q rp rt ruby s "
        "samp section select small source span strike strong sub summary sup table tbody td textarea tfoot "
        "th thead time tr tt u ul var wbr fieldset center font big"
    ).split()
)

_COMMON_ATTRS = [
    "class",
    "id",
    "role",
    "title",
    "lang",
    "dir",
    "hidden",
    "aria-hidden",
    "aria-label",
    # a widget's state and name, inert: the swatches built as buttons / ARIA radios / listbox options
    # (``aria-pressed="true"``, ``aria-checked``, ``aria-selected``, ``aria-disabled``, ``aria-labelledby``)
    "aria-pressed",
    "aria-checked",
    "aria-selected",
    "aria-disabled",
    "aria-labelledby",
    "itemprop",
    "itemscope",
    "itemtype",
    "itemid",
    "itemref",
    "property",
    "typeof",
    "vocab",
    "resource",
    "about",
    "prefix",
    "rel",
    "content",
    "datatype",
    "data-price",
    "data-currency",
    "data-sku",
    "data-product-id",
]

# the mark left where a removed inline style struck the text through ("text-decoration: line-through"): the old
# price of a shop that strikes it by CSS; set by the sanitiser only (an input's own attribute of that name is removed)
STRUCK_ATTR = "data-struck"
_LINE_THROUGH_RE = re.compile(r"text-decoration(?:-line)?\s*:[^;]{0,120}?line-through", re.IGNORECASE)
# ... and its value where a style sheet's rule struck one of the element's classes (".old { text-decoration:
# line-through }" in a <style> block, which the sanitiser drops)
SHEET_STRUCK = "sheet"
# a simple selector a sheet strikes by: an optional tag and one or more classes, nothing else (no combinator, no
# pseudo-class: ".card .price" or ".old:hover" strike more, or less, than the class)
_SIMPLE_SELECTOR_RE = re.compile(r"([a-z][a-z0-9]*)?((?:\.[A-Za-z_][\w-]*)+)")
_DECORATION_RE = re.compile(r"text-decoration(?:-line)?\s*:", re.IGNORECASE)
MAX_SHEET_CHARS = 2_000_000  # of style sheets read for strikes, a page's first
MAX_STRUCK_SELECTORS = 200


_BRACE_RE = re.compile(r"[{}]")
# where a comment or a string opens; a string runs to its closing quote (a backslash escapes the next character) or
# to the end of its line, as CSS reads an unterminated string; an unquoted url ("url(/img/men's.jpg)") runs to its
# ")" and opens no string, as CSS reads a url token
_CSS_OPENER_RE = re.compile(r"/\*|[\"']|\burl\(\s*(?=[^\"'\s])", re.IGNORECASE)
_CSS_STRING_REST_RE = {q: re.compile(rf"(?>[^{q}\\\n]+|\\.)*+{q}?") for q in "\"'"}


def _without_comments_and_strings(css: str) -> str:
    """The style sheet without its comments and the text of its strings (a "}" in `content: "}"` or in an attribute
    selector's value closes no block). Linear: each opener is found by one forward search, each comment's end by
    one `find`, each string's rest by one anchored match that takes no character twice."""
    out, at = [], 0
    while (m := _CSS_OPENER_RE.search(css, at)) is not None:
        out.append(css[at : m.start()])
        if m.group() == "/*":
            end = css.find("*/", m.end())
            at = len(css) if end < 0 else end + 2
        elif m.group()[0] in "uU":
            end = css.find(")", m.end())
            at = len(css) if end < 0 else end + 1
            out.append("url()")
        else:
            at = _CSS_STRING_REST_RE[m.group()].match(css, m.end()).end()
            out.append('""')
    out.append(css[at:])
    return "".join(out)


_CLASS_NAME_RE = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
# the elements whose <style> applies to nothing on the page shown (a fallback, an inert template)
_INERT_PARENTS = frozenset(("noscript", "template"))


def _sheet_rules(css: str) -> tuple[dict, frozenset]:
    """The simple selectors (tag or None, frozenset of classes; by their first class) of a style sheet's top-level
    rules that strike their text through (a rule inside an @media or another @-block, or nested in a rule, applies
    only sometimes, or to less), and the class names any selector mentions whose rule sets another text decoration
    (a "none" that may take a strike back, conservatively: ".sale .price { text-decoration: none }" takes back
    ".price"'s strike). Linear: one pass over the braces; a block's own text is what follows the brace before it."""
    css = _without_comments_and_strings(css)
    struck: dict = {}
    undone: set = set()
    count, last, stack = 0, 0, []  # the open blocks: (their selectors, whether they strike nothing: @-rule, nested)
    for brace in _BRACE_RE.finditer(css):
        text, last = css[last : brace.start()], brace.end()
        if brace.group() == "{":
            stack.append((text, bool(stack) or text.lstrip().startswith("@")))
            continue
        if not stack:
            continue
        selectors, inert = stack.pop()
        if not _DECORATION_RE.search(text):
            continue
        if not _LINE_THROUGH_RE.search(text):
            undone.update(_CLASS_NAME_RE.findall(selectors))
            continue
        for sel in selectors.split(",") if not inert else ():
            m = _SIMPLE_SELECTOR_RE.fullmatch(sel.strip())
            if m and count < MAX_STRUCK_SELECTORS:
                count += 1
                classes = m.group(2)[1:].split(".")  # indexed by its first class: an element looks up its own
                struck.setdefault(classes[0], []).append((m.group(1), frozenset(classes)))
    return struck, frozenset(undone)


def _struck_selectors(root) -> tuple[dict, frozenset]:
    """style_sheet_strike: the page's <style> blocks read (``_sheet_rules``) before they are dropped; not one in a
    <noscript> or <template>."""
    texts, size = [], 0
    for el in root.iter("style"):
        text = el.text or ""
        if size < MAX_SHEET_CHARS and "line-through" in text.lower():
            if any(a.tag in _INERT_PARENTS for a in el.iterancestors()):
                continue
            texts.append(text[: MAX_SHEET_CHARS - size])
            size += len(texts[-1])
    return _sheet_rules("}".join(texts)) if texts else ({}, frozenset())


def _sheet_struck(tag: str, classes: str, selectors: tuple[dict, frozenset]) -> bool:
    """Whether a style sheet's simple rule strikes an element of ``tag`` and ``classes``, and no rule that sets
    another decoration names one of its classes."""
    names = frozenset(classes.split())
    struck, undone = selectors
    hits = [c for name in names for t, c in struck.get(name, ()) if (t is None or t == tag) and c <= names]
    return bool(hits) and not any(c & undone for c in hits)


ALLOWED_ATTRIBUTES = {
    "*": [*_COMMON_ATTRS, STRUCK_ATTR],
    "a": ["href", "hreflang", "name"],
    "img": ["src", "alt", "width", "height", "srcset", "sizes", "data-src", "data-srcset", "loading"],
    "source": ["src", "srcset", "type", "media", "sizes"],
    "link": ["href", "hreflang", "type"],
    "meta": ["name", "charset"],
    "time": ["datetime", "pubdate"],
    "data": ["value"],
    "del": ["datetime", "cite"],
    "ins": ["datetime", "cite"],
    "blockquote": ["cite"],
    "q": ["cite"],
    "td": ["colspan", "rowspan", "headers"],
    "th": ["colspan", "rowspan", "headers", "scope"],
    "col": ["span"],
    "colgroup": ["span"],
    "ol": ["start", "type", "reversed"],
    "li": ["value"],
    "input": ["type", "name", "value", "checked", "disabled"],
    "select": ["name", "disabled"],
    "option": ["value", "selected", "disabled"],
    "button": ["type", "name", "value", "disabled"],
    "textarea": ["name"],
    "label": ["for"],
    "details": ["open"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})

_URL_ATTRS = ("href", "src", "action", "formaction", "poster", "data", "cite", "background", "xlink:href", "data-src")
_BAD_URL_RE = re.compile(r"^\s*(?:javascript|vbscript|data|livescript|mocha)\s*:", re.IGNORECASE)
_HEAD_LINK_RELS = {"canonical", "alternate", "amphtml", "shortlink", "author", "license"}

# bleach with the input allow-list: the reference the lxml pass is tested against (no longer on the request path).
_cleaner = bleach.sanitizer.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def _safe_url(value: str) -> bool:
    # remove whitespace/control characters browsers ignore inside a scheme
    compact = re.sub(r"[\s\x00-\x1f]+", "", html_lib.unescape(value))
    return not _BAD_URL_RE.match(compact)


def _jsonld_payload(text: str | None) -> str | None:
    """Validate a JSON-LD block and return a payload safe inside <script>."""
    if not text or not text.strip():
        return None
    raw = text.strip()
    # some sites wrap JSON-LD in comments / CDATA
    raw = re.sub(r"^\s*(?:<!--|/\*<!\[CDATA\[\*/|//<!\[CDATA\[)", "", raw)
    raw = re.sub(r"(?:-->|/\*\]\]>\*/|//\]\]>)\s*$", "", raw)
    try:
        data = json.loads(raw, strict=False)
    except RecursionError:  # nested past the decoder's depth: no structured data worth keeping
        return None
    except ValueError:
        try:
            import jstyleson  # tolerant parser shipped with extruct

            data = jstyleson.loads(raw)
        except Exception:
            return None
    try:
        data = _scrub_json(data, 0, [0])
    except SanitizeError:
        return None
    return appstate.script_safe_json(data)


def _state_objects(text: str | None, script_type: str) -> list[dict]:
    """A script's product-shaped application state (``extractor.appstate``), scrubbed like any tenant JSON."""
    try:
        return _scrub_json(appstate.product_objects(text, script_type), 0, [0])
    except (SanitizeError, RecursionError):
        return []


def _attribute_state(value: str) -> list[dict]:
    """The product-shaped objects of a JSON data attribute, each marked ``appstate.FROM_ATTRIBUTE``."""
    objects = _state_objects(value, "application/json")
    for obj in objects:
        obj[appstate.FROM_ATTRIBUTE] = True
    return objects


# The tag an element to be removed is renamed to, so that one `lxml.etree.strip_tags` call removes them all. A page
# that uses this name itself only has those elements unwrapped a step early (they are on no allow-list).
_STRIPPED = "x-stripped-by-sanitiser"


def _prestrip(root: lxml.etree._Element) -> tuple[list[str], list[str], list[dict]]:
    """Remove executable/irrelevant content in place; return (head_parts, data_blocks, state): the JSON-LD payloads
    as inert ``<script>`` elements, and the application state's product objects (written as one block once the
    data attributes have added theirs, ``_allow_list``)."""
    # one lxml pass over every element for the scripts, in one loop for speed (the request path's main cost)
    blocks: list[str] = []
    state: list[dict] = []
    # lxml's HTML parser lower-cases tag names; the selection below is done in C (no Python loop over the page)
    drop = list(
        root.iter(
            "script", *_DROP_WITH_CONTENT, lxml.etree.Comment, lxml.etree.ProcessingInstruction, lxml.etree.Entity
        )
    )
    for el in drop:
        if el.tag != "script":
            continue
        script_type = (el.get("type") or "").lower()
        if "ld+json" in script_type:
            payload = _jsonld_payload(el.text)
            if payload:
                blocks.append(f'<script type="application/ld+json">{payload}</script>')
        elif len(state) < appstate.MAX_OBJECTS and not el.get("src"):
            state += _state_objects(el.text, script_type)
    for el in drop:  # each emptied, keeping its tail unless blank, then all removed by one linear pass in C
        if isinstance(el.tag, str):
            el.clear(keep_tail=True)
            el.tag = _STRIPPED
        if el.tail is not None and not el.tail.strip():
            el.tail = None
    lxml.etree.strip_tags(root, _STRIPPED, lxml.etree.Comment, lxml.etree.ProcessingInstruction, lxml.etree.Entity)

    head = root.find("head")
    head_parts = [] if head is None else _head_parts(head)
    return head_parts, blocks, state


def _head_parts(head) -> list[str]:
    """The ``<head>``'s title, metas (no ``http-equiv``; no unsafe URL in a URL or image meta) and the page links
    kept (``_HEAD_LINK_RELS``), each rewritten from its vetted attributes only."""
    head_parts: list[str] = []
    for el in head:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag == "title":
            text = _text_content(el).strip()
            if text:
                head_parts.append(f"<title>{html_lib.escape(text, quote=False)}</title>")
        elif tag == "meta":
            if el.get("http-equiv"):
                continue
            attrs = []
            for name in ("charset", "name", "property", "itemprop", "content"):
                value = el.get(name)
                if value is None:
                    continue
                if (
                    name == "content"
                    and (el.get("property") or el.get("name") or "").lower().endswith(("url", "image"))
                    and not _safe_url(value)
                ):
                    continue
                attrs.append(f'{name}="{html_lib.escape(strip_controls(value), quote=True)}"')
            if attrs:
                head_parts.append(f"<meta {' '.join(attrs)}>")
        elif tag == "link":
            rel = (el.get("rel") or "").lower().split()
            href = el.get("href")
            if href and _safe_url(href) and (set(rel) & _HEAD_LINK_RELS):
                attrs = [f'rel="{html_lib.escape(" ".join(rel))}"', f'href="{html_lib.escape(href)}"']
                if el.get("hreflang"):
                    attrs.append(f'hreflang="{html_lib.escape(el.get("hreflang"))}"')
                head_parts.append(f"<link {' '.join(attrs)}>")
    return head_parts


# Attributes whose value is a URL: bleach's list (html5lib's `attr_val_is_uri`) plus `data-src`, a lazy image's URL.
_URI_ATTRS = frozenset(
    {
        "href",
        "src",
        "cite",
        "action",
        "longdesc",
        "poster",
        "background",
        "datasrc",
        "dynsrc",
        "lowsrc",
        "ping",
        "formaction",
        "data-src",
    }
)
_COMMON_ATTR_SET = frozenset(_COMMON_ATTRS)
_INPUT_ATTRS = {tag: _COMMON_ATTR_SET | frozenset(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items() if tag != "*"}
_URI_JUNK_RE = re.compile(r"[`\000-\040\177-\240\s]+")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def uri_allowed(value: str) -> bool:
    """bleach's rule for URL-valued attributes (``BleachSanitizerFilter.sanitize_uri_value``), applied to a value
    lxml has already entity-decoded, so entities are decoded twice — stricter, never looser: a scheme, once
    entities, backticks, whitespace, control and non-ASCII characters are removed and case is folded, must be one
    of ALLOWED_PROTOCOLS; relative URLs and fragments are kept."""
    if value.startswith(("https://", "http://", "/", "#", "?")):  # a scheme must start with a letter: relative
        return True
    normalized = _NON_ASCII_RE.sub("", _URI_JUNK_RE.sub("", html_lib.unescape(value))).lower()
    try:
        scheme = parse_shim.urlparse(normalized).scheme
    except ValueError:
        return False
    if scheme:
        return scheme in ALLOWED_PROTOCOLS
    return True  # a fragment, a path, or "x:..." that urlparse does not call a scheme: relative to an http(s) page


# lxml.html's helper, used on plain lxml.etree elements (it only uses the ElementTree API)
_text_content = lxml.html.HtmlMixin.text_content


def _reset_attributes(attrib, allowed) -> None:
    """The allowed attributes only, by clearing and setting them again: for names lxml cannot delete. Values are set
    anew, so a control character an entity decoded into (which lxml will not set) is dropped."""
    kept = [(n, v) for n, v in attrib.items() if n in allowed and (n not in _URI_ATTRS or uri_allowed(v))]
    attrib.clear()
    for name, value in kept:
        attrib[name] = _CONTROL_RE.sub("", value)


def _allow_list(
    body: lxml.etree._Element, state: list[dict], sheet: tuple[dict, frozenset] = ({}, frozenset())
) -> None:
    """The input allow-list (the one bleach applies, see ``_cleaner``) applied to the parsed body in place: elements
    of other tags are unwrapped (their content kept, as bleach's ``strip=True`` does), attributes not allowed for
    the tag are removed, URL-valued attributes with a scheme outside ALLOWED_PROTOCOLS are removed. A removed data
    attribute holding a JSON object or array adds its product-shaped objects to ``state`` (a shop theme's product
    JSON, ``data-context='{"product": {...}}'``, a variation form's ``data-product_variations='[...]'``), marked as read
    from an attribute. An element a removed inline style or
    a rule of ``sheet`` (``_struck_selectors``) struck through is marked ``STRUCK_ATTR``."""
    unwrap, remove = [], []
    for el in body.iterdescendants():
        tag = el.tag
        if tag not in ALLOWED_TAGS:  # also anything that is not an element (none is left after _prestrip)
            unwrap.append(el)
            continue
        items = el.items()  # one call; most elements have no attribute or only allowed ones
        if not items:
            continue
        if tag == "meta" and el.get("http-equiv") is not None:  # as in the head: a refresh or cookie, never content
            remove.append(el)
            continue
        allowed = _INPUT_ATTRS.get(tag, _COMMON_ATTR_SET)
        # inline_style_strike: read before the delete loop, which may stop at a name lxml cannot delete
        struck = any(name == "style" and _LINE_THROUGH_RE.search(value) is not None for name, value in items)
        for name, value in items:
            if name not in allowed or (name in _URI_ATTRS and not uri_allowed(value)):
                if value[:1] in ("{", "[") and name.startswith("data-") and len(state) < appstate.MAX_OBJECTS:
                    state += _attribute_state(value)
                attrib = el.attrib
                try:
                    del attrib[name]
                except (ValueError, KeyError):  # a name lxml reads as namespaced ("{category.id}", '{"a":1}x')
                    _reset_attributes(attrib, allowed)
                    break
        if struck:
            el.set(STRUCK_ATTR, "")
        elif sheet[0] and (classes := el.get("class")) and _sheet_struck(tag, classes, sheet):
            el.set(STRUCK_ATTR, SHEET_STRUCK)
    for el in unwrap:  # unwrapped: content and tail kept
        if isinstance(el.tag, str):
            el.tag = _STRIPPED
    for el in remove:  # removed with their content, tail kept
        el.clear(keep_tail=True)
        el.tag = _STRIPPED
    # One pass in C, linear in the page: lxml.html's drop_tag / drop_tree, one element at a time, looked each up in
    # its parent and re-concatenated the text they merged (quadratic: 5 MB of unknown tags took minutes).
    lxml.etree.strip_tags(body, _STRIPPED, lxml.etree.Comment, lxml.etree.ProcessingInstruction, lxml.etree.Entity)
    body.attrib.clear()


# lxml refuses a str that still declares its encoding; the text is already decoded, so the declaration says nothing.
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


_parsers = threading.local()
# Every element is an lxml.html.HtmlElement (text_content, drop_tree, …) chosen in C: lxml.html's default lookup
# calls a Python method for every element the code touches (≈ 10 % of the pipeline's time) to hand out form-field
# subclasses nothing here uses.
_HTML_LOOKUP = lxml.etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)


def _for_libxml(text: str, parsers: tuple) -> tuple[str | bytes, object]:
    """The text without its XML declaration, and which of ``parsers`` (str parser, UTF-8 parser) reads it: UTF-8
    bytes, which libxml2 reads ≈ 20 % faster than a str (lxml hands a str over in its internal width), or the str
    for a lone surrogate, which UTF-8 cannot hold."""
    text = _XML_DECL_RE.sub("", text, count=1)
    try:
        return text.encode("utf-8"), parsers[1]
    except UnicodeEncodeError:
        return text, parsers[0]


def parse_document(text: str):
    """lxml's HTML document parser on decoded text (an XHTML page's `<?xml … encoding=…?>` line removed), giving
    lxml.html elements. One parser per thread: lxml parsers must not be used by two threads at once."""
    parsers = getattr(_parsers, "documents", None)
    if parsers is None:
        # the text is decoded already: the UTF-8 parser is told so, and a page's own charset declaration is ignored
        parsers = _parsers.documents = (lxml.html.HTMLParser(), lxml.html.HTMLParser(encoding="utf-8"))
        for parser in parsers:
            parser.set_element_class_lookup(_HTML_LOOKUP)
    data, parser = _for_libxml(text, parsers)
    return lxml.html.document_fromstring(data, parser=parser)


def _parse_input(text: str) -> lxml.etree._Element:
    """The sanitiser's own parse: the same libxml2 HTML parser as :func:`parse_document`, but plain lxml.etree
    elements (no Python class lookup for every element touched) and comments / processing instructions never built.
    One parser per thread: lxml parsers must not be used by two threads at once."""
    parsers = getattr(_parsers, "inputs", None)
    if parsers is None:
        parsers = _parsers.inputs = tuple(
            lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, encoding=encoding)
            for encoding in (None, "utf-8")
        )
    data, parser = _for_libxml(text, parsers)
    root = lxml.etree.fromstring(data, parser)
    if root is None:
        raise lxml.etree.ParserError("Document is empty")
    return root


# HTML5 parsers ignore `</body>` and `</html>`: content after them still belongs to the body. libxml2 drops it,
# and pages that close the body early (after a header include, say) would lose their article.
_END_BODY_RE = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)


# A tag with more attributes than any page carries (the 1,563 dev pages: 204 at most) is refused before the parse:
# libxml2's HTML parser compares each attribute of a tag with every earlier one, so 400,000 of them (4 MB) held the
# submitting request past its timeout. One linear scan of the page's tags, as the HTML tokenizer reads them (quoted
# values may hold "<" and ">"; scripts, styles and comments are skipped, to their end or the page's), stops at the
# first tag with more than MAX_TAG_ATTRIBUTES: ≈ 0.3 ms per 100 KB, on pages long enough to hold such a tag
# (below ATTRIBUTE_SCAN_CHARS a tag's attributes cost little either way).
MAX_TAG_ATTRIBUTES = 1000
ATTRIBUTE_SCAN_CHARS = 16_384
_TAG_ATTR = (
    r"(?:(?:[ \t\n\f\r/]++|(?<=[\"']))"  # separated by white space or "/", or directly after a quoted value
    r"[^ \t\n\f\r/>][^ \t\n\f\r/>=]*+"  # its name
    r"(?:[ \t\n\f\r]*+=[ \t\n\f\r]*+(?:\"[^\"]*+\"|'[^']*+'|[^ \t\n\f\r>]*+))?+)"  # its value
)
# everything up to the first tag with too many attributes (possessive throughout: linear, no backtracking)
_TAGS_WITHIN_LIMIT_RE = re.compile(
    r"(?:[^<]++"
    r"|<(?i:script)\b(?:[^<]++|<(?!/(?i:script)))*+"  # to its end tag or the page's end
    r"|<(?i:style)\b(?:[^<]++|<(?!/(?i:style)))*+"
    r"|<!--(?:-?>|(?:[^-]++|-(?!-!?>))*+)"  # "<!-->" and "<!--->" are whole comments
    rf"|<[A-Za-z][^ \t\n\f\r/>]*+{_TAG_ATTR}{{0,{MAX_TAG_ATTRIBUTES}}}+(?!{_TAG_ATTR})"
    r"|<(?![A-Za-z]))*+"
)


def _check_attribute_counts(text: str) -> None:
    if len(text) > ATTRIBUTE_SCAN_CHARS and _TAGS_WITHIN_LIMIT_RE.match(text).end() < len(text):
        raise SanitizeError(f"a tag carries more than {MAX_TAG_ATTRIBUTES} attributes")


def sanitize_html(content: Any) -> str:
    # one scan for control characters: a page has none, most of the time, and then neither the binary check's count
    # nor strip_controls has anything to do (≈ 0.5 ms of a 250 KB page)
    controls = _CONTROL_RE.search(content) is not None if isinstance(content, str) else True
    text = _coerce_str(content, controls=controls)
    if controls:
        text = strip_controls(text)
    if not text.strip():
        raise SanitizeError("empty html document")
    text = _END_BODY_RE.sub("", text)
    _check_attribute_counts(text)
    try:
        root = _parse_input(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise SanitizeError(f"unparseable html: {exc}") from exc
    lang = root.get("lang") or ""
    sheet = _struck_selectors(root)
    head_parts, blocks, state = _prestrip(root)
    body = root.find("body")
    if body is None:
        clean_body = ""
    else:
        _allow_list(body, state, sheet)
        # one serialisation of the cleaned body; lxml escapes text and attribute values
        clean_body = lxml.html.tostring(body, encoding="unicode")[len("<body>") : -len("</body>")]
    if state:
        blocks.append(appstate.state_block(state))
    scripts = "".join(blocks)
    lang_attr = (
        f' lang="{html_lib.escape(lang)}"' if re.fullmatch(r"[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*", lang) else ""
    )
    return (
        f'<!DOCTYPE html><html{lang_attr}><head><meta charset="utf-8">'
        f"{''.join(head_parts)}{scripts}</head><body>{clean_body}</body></html>"
    )


# What a tenant receives in `html` is content only: no form controls (a fake login form), no `<link>` (external CSS)
# and no `<meta>`, even though the input allow-list keeps them for the extractors.
OUTPUT_TAGS = ALLOWED_TAGS - {
    "textarea",
    "select",
    "option",
    "optgroup",
    "input",
    "button",
    "form",
    "meta",
    "link",
    "label",
    "fieldset",
    "legend",
}
_output_cleaner = bleach.sanitizer.Cleaner(
    tags=OUTPUT_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def clean_fragment(html: str) -> str:
    """bleach a small HTML fragment (pipeline output) with the output allow-list."""
    return _output_cleaner.clean(html or "")


def clean_rendered(html: str) -> str:
    """The output allow-list's check of a fragment the pipeline rendered itself from escaped text (the paragraphs of
    a text or markdown document): parsed by lxml, it is returned as is when :func:`clean_children`'s check finds only
    allow-listed tags and attributes and lxml's serialisation gives back the same bytes; otherwise it goes through
    bleach (once). html5lib's tree builder joins a text node's pieces one by one (each entity is a piece), which grows with
    the square of a paragraph's length: 1.6 MB of ``&lt;div&gt;`` took bleach 57 s, past the job's time limit."""
    if not html:
        return ""
    holder = _fragment(html)
    if holder is not None and _allow_listed(holder) and _inner_html(holder) == html:
        return html
    return clean_fragment(html)


def _fragment(html: str) -> lxml.html.HtmlElement | None:
    """`html` parsed by lxml under one `<div>`; None when lxml refuses it."""
    try:
        return lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return None


# Only output tags take the fast path below; attributes that hold URL lists never do.
_FAST_TAGS = OUTPUT_TAGS
_FAST_ATTRS = {
    tag: _COMMON_ATTR_SET | frozenset(a for a in attrs if "srcset" not in a)
    for tag, attrs in ALLOWED_ATTRIBUTES.items()
}
_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def url_scheme(value: str) -> str | None:
    """The scheme a browser would act on, lower-cased: whitespace and control characters anywhere in it are ignored
    ("java\tscript:" is `javascript`); None for a relative URL."""
    m = _SCHEME_RE.match(re.sub(r"[\s\x00-\x1f]+", "", value))
    return m.group(1).lower() if m else None


def _fast_url_ok(value: str) -> bool:
    scheme = url_scheme(html_lib.unescape(value))
    return scheme is None or scheme in ALLOWED_PROTOCOLS


def clean_children(el: lxml.html.HtmlElement) -> str:
    """Sanitised inner HTML of an element the pipeline built (e.g. trafilatura's body
    rendered as HTML).

    When every descendant is an allow-listed tag carrying only allow-listed attributes
    with http(s)/mailto/tel or relative URLs, lxml's serialisation (which escapes text
    and attribute values) is already an allow-listed fragment and is returned as is;
    otherwise (comments, any other tag or attribute, other URL schemes) the fragment
    goes through bleach (:func:`clean_fragment`). This skips html5lib's slow
    re-parse on the common case without widening what can come out.
    """
    inner = _inner_html(el)
    return inner if _allow_listed(el) else clean_fragment(inner)


def _inner_html(el: lxml.html.HtmlElement) -> str:
    return html_lib.escape(el.text or "", quote=False) + "".join(
        lxml.html.tostring(c, encoding="unicode", with_tail=True) for c in el
    )


def _allow_listed(el: lxml.html.HtmlElement) -> bool:
    """Every descendant an output-allow-listed tag with only allow-listed attributes and safe URLs."""
    for node in el.iterdescendants():
        tag = node.tag
        if not isinstance(tag, str) or tag not in _FAST_TAGS:
            return False
        allowed = _FAST_ATTRS.get(tag, _COMMON_ATTR_SET)
        for key, value in node.attrib.items():
            if key not in allowed or (key in _URL_ATTRS and not _fast_url_ok(value)):
                return False
    return True


# bleach's html5lib tree builder joins a text node's pieces one by one (each entity is a piece): its time grows with
# the square of a paragraph's length (1.1 MB of `&lt;div&gt;` 14 s, 4 MB minutes). Markup longer than this that needs
# bleach is served as its text's paragraphs instead.
BLEACH_MAX_CHARS = 200_000
_BLOCK_TAGS = frozenset(("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "td", "th", "br"))


def clean_markup(html: str) -> str:
    """A tenant's own markup (the `html` a JSON document carries) for serving: lxml's serialisation when every element
    is allow-listed (as :func:`clean_children`), else bleach; past :data:`BLEACH_MAX_CHARS`, a fragment bleach would
    have to clean is served as its text, one escaped paragraph per block."""
    if not html:
        return ""
    holder = _fragment(html)
    if holder is not None and _allow_listed(holder):
        return _inner_html(holder)
    if len(html) <= BLEACH_MAX_CHARS or holder is None:
        return clean_fragment(html[:BLEACH_MAX_CHARS] if holder is None else html)
    for bad in holder.xpath("//script|//style|//template|//noscript"):
        bad.drop_tree()
    for block in holder.iter(*_BLOCK_TAGS):
        block.tail = "\n\n" + (block.tail or "")
        if block.tag != "br":
            block.text = "\n\n" + (block.text or "")
    paragraphs = [" ".join(p.split()) for p in holder.text_content().split("\n\n")]
    return "".join(f"<p>{html_lib.escape(p, quote=False)}</p>" for p in paragraphs if p)


# --------------------------------------------------------------------------- public API


def sanitize_content(*, format: str, content: str | dict) -> str | dict:
    """Return the normalised safe form of ``content`` for ``format``.

    Raises :class:`SanitizeError` when the content cannot be sanitised.
    """
    if format == "html":
        return sanitize_html(content)
    if format == "markdown":
        return sanitize_markdown(content)
    if format == "text":
        return sanitize_text(content)
    if format == "json":
        return sanitize_json(content)
    raise SanitizeError(f"unknown format {format!r}")


def normalize_for_cache_key(format: str, content: str | dict) -> bytes:
    """Canonical byte form of content for cache keys.

    json: compact, key-sorted dump; html/markdown/text: control characters
    removed, newlines normalised and whitespace runs collapsed. The format is part
    of the key.
    """
    if format == "json" or not isinstance(content, (str, bytes)):
        if isinstance(content, (str, bytes)):
            try:
                content = json.loads(content)
            except ValueError:
                pass
        body = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    else:
        if isinstance(content, bytes):
            content = content.decode("utf-8", "replace")
        # newlines need no normalising first: every character normalize_newlines replaces is whitespace to split()
        body = " ".join(strip_controls(content).split())
        body = unicodedata.normalize("NFC", body)
    return f"{format}\n".encode() + body.encode("utf-8")
