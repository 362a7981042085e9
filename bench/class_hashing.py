"""A page's class and id names made meaningless, as on a shop built with CSS-in-JS or utility classes.

``bench/quality.py --only distant --hashed-classes`` runs the visible-page (distant supervision) bench on pages so
rewritten: rules keyed on class words ("price", "old-price", "sku", "stock") find nothing there, as on the many
unseen shops whose markup is generated; ``--only articles --hashed-classes`` the article bench (bylines, related
links, comments named by their class).

``hash_class_names``: every class token and id value becomes a hash-like token ("css-3fa9c1"), the same one for the
same original token (a repeated class stays repeated, as CSS-in-JS emits it), and the page's ``<style>`` blocks name
the same tokens, so a style sheet that strikes an old price strikes it still (CSS-in-JS shops write such rules under
their hashed names). Kept as they are: tags (``<del>``, ``<s>``, ``<h1>``, ``<button>``), inline styles, text,
``aria-*``, ``role``, ``title`` and ``data-*`` attributes (a CSS-in-JS shop still writes ``data-testid`` and aria
labels: they are not styling), and form field names.

``utility_soup``: the same, then every hashed token of the sanitised page replaced by one to three utility classes of
a vocabulary that says nothing of prices or stock ("flex", "text-sm", "px-4"), and an element a style sheet struck
(the sanitiser's ``data-struck="sheet"``) given the utility class "line-through" instead, as a Tailwind shop writes it.
"""

from __future__ import annotations

import hashlib
import re

import lxml.etree
import lxml.html

from extractor.sanitize import _END_BODY_RE, SHEET_STRUCK, STRUCK_ATTR

SEED = "distant-hashed-1"
_SHEET_CLASS_RE = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
_SHEET_ID_RE = re.compile(r"#(-?[A-Za-z_][\w-]*)")
_HASHED_RE = re.compile(r"css-[0-9a-f]{6}")
# utility classes of layout, spacing, colour and type, none of which names a price, a strike, stock or a state
UTILITY_CLASSES = (
    "flex",
    "grid",
    "block",
    "inline-flex",
    "items-center",
    "justify-between",
    "gap-2",
    "gap-4",
    "mt-2",
    "mb-4",
    "px-3",
    "py-2",
    "p-4",
    "w-full",
    "rounded-md",
    "border",
    "shadow-sm",
    "text-sm",
    "text-lg",
    "text-2xl",
    "font-bold",
    "font-medium",
    "text-gray-500",
    "text-gray-900",
    "text-red-600",
    "bg-white",
    "bg-gray-100",
    "leading-tight",
    "tracking-wide",
    "uppercase",
)


def hashed_token(token: str, seed: str = SEED) -> str:
    """The hash-like name of one class or id token: "css-" and six hex digits (no letter run long enough to spell a
    word a rule reads, "old", "sale", "sku")."""
    return "css-" + hashlib.blake2b(f"{seed}\0{token}".encode(), digest_size=3).hexdigest()


def hash_class_names(html: str, seed: str = SEED) -> str:
    """The page with every class token and id value replaced by its ``hashed_token`` (``<label for>`` follows its
    id), and the class and id selectors of its ``<style>`` blocks likewise; everything else as it was. As the sanitiser
    does, an early ``</body>`` / ``</html>`` is dropped first: libxml2 would drop what follows it."""
    try:
        tree = lxml.html.document_fromstring(_END_BODY_RE.sub("", html))
    except (ValueError, lxml.etree.ParserError):  # nothing lxml can read: nothing to rename
        return html
    ids = set()
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        classes = el.get("class")
        if classes is not None:
            el.set("class", " ".join(hashed_token(t, seed) for t in classes.split()))
        for attr in ("id", "for"):
            value = el.get(attr)
            if value:
                ids.add(value)
                el.set(attr, hashed_token(value, seed))
    for el in tree.iter("style"):
        if el.text:
            text = _SHEET_CLASS_RE.sub(lambda m: "." + hashed_token(m.group(1), seed), el.text)
            el.text = _SHEET_ID_RE.sub(
                lambda m: "#" + hashed_token(m.group(1), seed) if m.group(1) in ids else m[0], text
            )
    return lxml.html.tostring(tree.getroottree(), encoding="unicode")


def utility_soup(sanitised: str, seed: str = SEED) -> str:
    """A sanitised page of ``hash_class_names`` with each hashed token made one to three ``UTILITY_CLASSES`` (the
    same ones for the same token) and a style sheet's strike (``data-struck="sheet"``) made the class "line-through"."""
    tree = lxml.html.fromstring(sanitised)
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        classes = [_utilities(t) if _HASHED_RE.fullmatch(t) else t for t in (el.get("class") or "").split()]
        if el.get(STRUCK_ATTR) == SHEET_STRUCK:
            del el.attrib[STRUCK_ATTR]
            classes.append("line-through")
        if classes:
            el.set("class", " ".join(dict.fromkeys(" ".join(classes).split())))
    return lxml.html.tostring(tree, encoding="unicode")


def _utilities(token: str) -> str:
    digest = hashlib.blake2b(token.encode(), digest_size=4).digest()
    return " ".join(UTILITY_CLASSES[b % len(UTILITY_CLASSES)] for b in digest[: 1 + digest[3] % 3])
