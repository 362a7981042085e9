"""Embedded application state: the product-shaped objects a page's scripts hold as data.

Shops built as single-page applications carry their product in the state they hand to the browser: a
``<script type="application/json">`` block (``__NEXT_DATA__``, Nuxt / Apollo payloads, theme product JSON), a JS
assignment of a JSON literal (``window.__INITIAL_STATE__ = {...}``), an analytics push
(``dataLayer.push({"ecommerce": ...})``) or Nuxt 2's function-wrapped state. The sanitiser drops every script; before
it does, :func:`product_objects` reads such a script's text as JSON (never as code: a literal that is not strict JSON
is ignored; Nuxt's literal is read by ``extractor.jsliteral``, which evaluates nothing) and keeps only the
objects shaped like a product (a name, and a price / offers / sku) and a list of a product's variation records
(``_variation_shaped``), pruned, which the sanitised page then carries as
one inert ``<script type="application/json" id="app-state">`` block (:func:`state_block`): data the worker reads,
never served, never executed.

Cost: a script is parsed only when its text holds a price-like JSON key (``"price":``, ``"salePrice":``, ``"offers":``;
substring tests done in C); most pages have none.
"""

from __future__ import annotations

import json
import re
from collections import deque
from typing import Any

import orjson

from . import jsliteral

STATE_BLOCK_ID = "app-state"
# the key marking an object read from a JSON data attribute (``data-context='{"product": ...}'``), not from a script
FROM_ATTRIBUTE = "x-from-attribute"
# the key of the one object holding a shop's list of variation records (``_variation_shaped``), which have no name
VARIATIONS_KEY = "x-variations"
MAX_OBJECTS = 25  # product-shaped objects kept per page (a page's product, its variants, a few recommendations)
MAX_DEPTH = 5  # levels kept under a kept object (product -> variants -> variant -> selectedOptions -> option)
MAX_LIST = 30
MAX_KEPT_CONTAINERS = 150  # objects and arrays kept under one product object
MAX_STRING = 500  # names, ids, urls; long texts (descriptions) are not read from the state
MAX_SCRIPT_CHARS = 4_000_000
MAX_CONTAINERS = 4000  # objects and arrays visited per script, breadth first (the product sits near the top)

_NAME_KEYS = ("name", "title", "productName", "product_name", "item_name")
_PRICE_KEYS = (
    "price",
    "offers",
    "salePrice",
    "sale_price",
    "currentPrice",
    "finalPrice",
    "priceRange",
    "prices",
    "productPrice",
)
_PRICE_KEY_SET = frozenset(_PRICE_KEYS)
# the cheap test before any parsing: one of those keys written as a JSON key ("price": / "salePrice" : / "offers":)
_KEY_MARKS = ('rice":', 'rice" :', 'riceRange":', '"offers":', '"offers" :')
# the same test for Nuxt 2's state, a JS literal whose keys are unquoted ("price:")
_NUXT_KEY_MARKS = ("rice:", "riceRange:", "offers:", 'rice":')
_CURRENCY_KEYS = ("currency", "currencyCode", "priceCurrency")
# a JSON literal assigned to a state-like name or pushed to the data layer; the literal itself is read as JSON
# (found by substring search, which keeps the scan of a megabyte of script cheap; the name before "__=" is checked after)
_JS_ANCHORS = ("__=", "__ =", "dataLayer.push(")
_STATE_NAME_RE = re.compile(r"__[A-Z][A-Z0-9_]*$")
_decoder = json.JSONDecoder(strict=False)


def _js_literal_starts(text: str) -> list[int]:
    starts = []
    for anchor in _JS_ANCHORS:
        i = text.find(anchor)
        while i != -1 and len(starts) < 20:
            end = i + len(anchor)
            j = end
            while j < len(text) and text[j] in " \t\r\n":
                j += 1
            ok = j < len(text) and text[j] in ("{" if anchor.startswith("data") else "{[")
            if ok and (anchor.startswith("data") or _STATE_NAME_RE.search(text, max(0, i - 60), i + 2)):
                starts.append(j)
            i = text.find(anchor, end)
    return starts


def _json_values(text: str, is_json: bool) -> list[Any]:
    if is_json:
        try:
            return [orjson.loads(text)]
        except (orjson.JSONDecodeError, RecursionError):
            return []
    out = []
    for start in _js_literal_starts(text):
        try:
            out.append(_decoder.raw_decode(text, start)[0])
        except (ValueError, RecursionError):
            continue
    return out


def _is_price(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    if isinstance(value, str):
        return bool(re.search(r"\d", value)) and len(value) < 40
    return isinstance(value, (dict, list)) and bool(value)


def _product_shaped(node: dict) -> bool:
    if _PRICE_KEY_SET.isdisjoint(node.keys()):
        return False
    if not any(isinstance(node.get(k), str) and node.get(k).strip() for k in _NAME_KEYS):
        return False
    return any(_is_price(node.get(k)) for k in _PRICE_KEYS)


def _variation_shaped(node: dict) -> bool:
    """A shop's record of one variation of the page's product, as the variation form's data attribute lists them:
    its attribute values (``{"attribute_pa_size": "s"}``), an id or sku of its own and a price (``display_price``).
    It carries no name: it is the page's product's by where it stands."""
    attributes = node.get("attributes")
    return (
        isinstance(attributes, dict)
        and bool(attributes)
        and all(str(key).startswith("attribute_") for key in attributes)
        and (node.get("variation_id") is not None or isinstance(node.get("sku"), str))
        and any(_is_price(node.get(key)) for key in ("display_price", "price"))
    )


def _prune(value: Any, depth: int, budget: list[int]) -> Any:
    if isinstance(value, (dict, list)):
        budget[0] -= 1
        if depth >= MAX_DEPTH or budget[0] < 0:
            return None
        if isinstance(value, dict):
            return {str(k)[:100]: _prune(v, depth + 1, budget) for k, v in list(value.items())[:100]}
        return [_prune(v, depth + 1, budget) for v in value[:MAX_LIST]]
    if isinstance(value, str):
        return value[:MAX_STRING]
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    return value


def _collect(root: Any, out: list[dict]) -> None:
    """Breadth first (a page's product sits near the top of its state), within a budget of visited containers."""
    queue = deque([(root, None)])
    budget = MAX_CONTAINERS
    while queue and budget > 0 and len(out) < MAX_OBJECTS:
        node, currency = queue.popleft()
        budget -= 1
        if isinstance(node, list):
            variations = [item for item in node[:MAX_LIST] if isinstance(item, dict) and _variation_shaped(item)]
            if len(variations) >= 2:  # one object for the list: its records are no products of their own
                out.append({VARIATIONS_KEY: [_prune(item, 1, [MAX_KEPT_CONTAINERS]) for item in variations]})
                continue
            queue.extend((item, currency) for item in node[:500] if isinstance(item, (dict, list)))
            continue
        # a currency written beside the products (GA4 `ecommerce.currency`) applies to them
        for key in _CURRENCY_KEYS:
            if isinstance(node.get(key), str) and 2 <= len(node[key]) <= 5:
                currency = node[key]
                break
        if _product_shaped(node):
            kept = _prune(node, 0, [MAX_KEPT_CONTAINERS])
            if currency and not any(k in kept for k in _CURRENCY_KEYS):
                kept["currency"] = currency
            out.append(kept)
        queue.extend((value, currency) for value in node.values() if isinstance(value, (dict, list)))


def product_objects(text: str | None, script_type: str) -> list[dict]:
    """The product-shaped objects of one script's text (JSON when its type says so, else JSON literals assigned to
    a state variable or pushed to the data layer, or Nuxt 2's function-wrapped state); [] for most scripts, after
    one substring test."""
    if not text or len(text) > MAX_SCRIPT_CHARS:
        return []
    nuxt = "__NUXT__" in text and any(key in text for key in _NUXT_KEY_MARKS)
    if not nuxt and not any(key in text for key in _KEY_MARKS):
        return []
    values = _json_values(text, "json" in script_type)
    state = jsliteral.nuxt_state(text) if nuxt else None
    if isinstance(state, (dict, list)):
        values.append(state)
    out: list[dict] = []
    for value in values:
        _collect(value, out)
    return out


def state_block(objects: list[dict]) -> str:
    """The one inert block the sanitised page carries: ``<``, ``>``, ``&`` escaped so it cannot close its element."""
    seen: set[str] = set()
    unique = []
    for obj in objects:
        key = json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str)
        if key not in seen:
            seen.add(key)
            unique.append(obj)
    payload = script_safe_json(unique[:MAX_OBJECTS])
    return f'<script type="application/json" id="{STATE_BLOCK_ID}">{payload}</script>'


def script_safe_json(value: Any) -> str:
    """Compact JSON with ``<``, ``>``, ``&`` escaped, so it cannot close (or open anything in) its ``<script>``."""
    payload = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def read_state(tree) -> list[dict]:
    """The product-shaped objects the sanitised page carries (the worker's side)."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    head = root.find("head")  # the sanitiser writes the block into the head, after the JSON-LD
    scripts = head.iterchildren("script") if head is not None else ()
    for script in scripts:
        if script.get("id") != STATE_BLOCK_ID or script.get("type") != "application/json":
            continue
        try:
            value = json.loads(script.text or "")
        except ValueError:
            return []
        return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
    return []
