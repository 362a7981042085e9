"""Product extraction.

Order of evidence per field: JSON-LD Product (and its offers), microdata Product,
OpenGraph / ``product:*`` meta, then heuristics on the page (``itemprop`` elements,
price-classed elements parsed with price-parser, currency symbols, "SKU:" labels).
The structured price is then checked against the page (``_reconcile_price``): a price
the page shows only struck through gives way to the current one, and when the sources
disagree the price most of them agree on wins.
No trafilatura here: product pages only need the structured layer, which keeps
throughput high.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import islice
from typing import Any
from urllib.parse import parse_qsl, unquote, urlparse

import lxml.etree
import lxml.html
from price_parser import Price

from .. import appstate
from . import extras as E
from . import prices as P
from . import skus as SK
from . import stock
from . import structured as S
from .formats import TextDoc
from .rules import RULES, rule, rules_disabled  # noqa: F401 - RULES / rules_disabled: the bench's switches

PRODUCT_TYPES = (
    "Product",
    "ProductGroup",
    "IndividualProduct",
    "ProductModel",
    "SomeProducts",
    "Book",
    "Vehicle",
    "Car",
    "Motorcycle",
    "Drug",
    "Game",
    "VideoGame",
    "MusicAlbum",
    "Movie",
    "SoftwareApplication",
    "MobileApplication",
    "WebApplication",
)
OFFER_TYPES = ("Offer", "AggregateOffer")
# event_offers: a ticket page's event with offers stands for its product when the page names no product and has
# that one event with offers
EVENT_TYPES = (
    "Event",
    "MusicEvent",
    "TheaterEvent",
    "ComedyEvent",
    "DanceEvent",
    "SportsEvent",
    "Festival",
    "ExhibitionEvent",
    "ScreeningEvent",
    "EducationEvent",
    "ChildrensEvent",
    "LiteraryEvent",
    "SocialEvent",
    "FoodEvent",
)

_AVAIL = {
    "instock": "InStock",
    "in stock": "InStock",
    "onlineonly": "InStock",
    "instoreonly": "InStock",
    "limitedavailability": "InStock",
    "available": "InStock",
    "in_stock": "InStock",
    "outofstock": "OutOfStock",
    "out of stock": "OutOfStock",
    "out_of_stock": "OutOfStock",
    "soldout": "OutOfStock",
    "sold out": "OutOfStock",
    "oos": "OutOfStock",
    "unavailable": "OutOfStock",
    "preorder": "PreOrder",
    "pre-order": "PreOrder",
    "presale": "PreOrder",
    "pre_order": "PreOrder",
    "backorder": "BackOrder",
    "back_order": "BackOrder",
    "available for order": "BackOrder",
    "discontinued": "Discontinued",
    "madetoorder": "BackOrder",
}

# Active ISO 4217 currency codes (precious metals, bond units, test and
# "no currency" codes excluded).
ISO_4217_CURRENCIES = frozenset(
    [
        "AED",
        "AFN",
        "ALL",
        "AMD",
        "ANG",
        "AOA",
        "ARS",
        "AUD",
        "AWG",
        "AZN",
        "BAM",
        "BBD",
        "BDT",
        "BGN",
        "BHD",
        "BIF",
        "BMD",
        "BND",
        "BOB",
        "BOV",
        "BRL",
        "BSD",
        "BTN",
        "BWP",
        "BYN",
        "BZD",
        "CAD",
        "CDF",
        "CHE",
        "CHF",
        "CHW",
        "CLF",
        "CLP",
        "CNY",
        "COP",
        "COU",
        "CRC",
        "CUC",
        "CUP",
        "CVE",
        "CZK",
        "DJF",
        "DKK",
        "DOP",
        "DZD",
        "EGP",
        "ERN",
        "ETB",
        "EUR",
        "FJD",
        "FKP",
        "GBP",
        "GEL",
        "GHS",
        "GIP",
        "GMD",
        "GNF",
        "GTQ",
        "GYD",
        "HKD",
        "HNL",
        "HRK",
        "HTG",
        "HUF",
        "IDR",
        "ILS",
        "INR",
        "IQD",
        "IRR",
        "ISK",
        "JMD",
        "JOD",
        "JPY",
        "KES",
        "KGS",
        "KHR",
        "KMF",
        "KPW",
        "KRW",
        "KWD",
        "KYD",
        "KZT",
        "LAK",
        "LBP",
        "LKR",
        "LRD",
        "LSL",
        "LYD",
        "MAD",
        "MDL",
        "MGA",
        "MKD",
        "MMK",
        "MNT",
        "MOP",
        "MRU",
        "MUR",
        "MVR",
        "MWK",
        "MXN",
        "MXV",
        "MYR",
        "MZN",
        "NAD",
        "NGN",
        "NIO",
        "NOK",
        "NPR",
        "NZD",
        "OMR",
        "PAB",
        "PEN",
        "PGK",
        "PHP",
        "PKR",
        "PLN",
        "PYG",
        "QAR",
        "RON",
        "RSD",
        "RUB",
        "RWF",
        "SAR",
        "SBD",
        "SCR",
        "SDG",
        "SEK",
        "SGD",
        "SHP",
        "SLE",
        "SLL",
        "SOS",
        "SRD",
        "SSP",
        "STN",
        "SVC",
        "SYP",
        "SZL",
        "THB",
        "TJS",
        "TMT",
        "TND",
        "TOP",
        "TRY",
        "TTD",
        "TWD",
        "TZS",
        "UAH",
        "UGX",
        "USD",
        "USN",
        "UYI",
        "UYU",
        "UYW",
        "UZS",
        "VED",
        "VES",
        "VND",
        "VUV",
        "WST",
        "XAF",
        "XCD",
        "XCG",
        "XOF",
        "XPF",
        "YER",
        "ZAR",
        "ZMW",
        "ZWG",
        "ZWL",
    ]
)

_CODE_ALIASES = {"RMB": "CNY", "YEN": "JPY", "NTD": "TWD"}  # three letters shops write that ISO 4217 does not

CURRENCY_SYMBOLS = P.CURRENCY_SYMBOLS  # symbol -> ISO 4217 code (in prices.py, beside the reader of shown prices)
_TLD_CURRENCY = {
    "uk": "GBP",
    "de": "EUR",
    "fr": "EUR",
    "it": "EUR",
    "es": "EUR",
    "nl": "EUR",
    "be": "EUR",
    "at": "EUR",
    "ie": "EUR",
    "pt": "EUR",
    "fi": "EUR",
    "gr": "EUR",
    "lv": "EUR",
    "lt": "EUR",
    "ee": "EUR",
    "sk": "EUR",
    "si": "EUR",
    "pl": "PLN",
    "ro": "RON",
    "ch": "CHF",
    "se": "SEK",
    "dk": "DKK",
    "no": "NOK",
    "cz": "CZK",
    "hu": "HUF",
    "br": "BRL",
    "jp": "JPY",
    "kr": "KRW",
    "in": "INR",
    "au": "AUD",
    "ca": "CAD",
    "nz": "NZD",
    "tw": "TWD",
    "bg": "BGN",
    "ru": "RUB",
    "ua": "UAH",
    "tr": "TRY",
    "mx": "MXN",
    "cn": "CNY",
    "sg": "SGD",
    "hk": "HKD",
    "is": "ISK",
    "za": "ZAR",
    "ar": "ARS",
    "cl": "CLP",
    "uy": "UYU",
    "pe": "PEN",
    "ph": "PHP",
    "my": "MYR",
    "id": "IDR",
    "th": "THB",
    "vn": "VND",
    "il": "ILS",
    "ae": "AED",
    "sa": "SAR",
    "qa": "QAR",
    "kw": "KWD",
    "om": "OMR",
    "bh": "BHD",
    "jo": "JOD",
    "tn": "TND",
    "ir": "IRR",
    "hr": "EUR",
    "by": "BYN",
    "eg": "EGP",
    "pk": "PKR",
    "lk": "LKR",
    "np": "NPR",
    "bd": "BDT",
    "ng": "NGN",
    "ke": "KES",
    "ma": "MAD",
    "dz": "DZD",
}
# language_region_currency: the region of the page's language tag ("es-CO", "ar-EG") names the shop's country as a
# host's country code does; "co" only here (a ".co" host is as often a start-up's as a Colombian shop's)
_REGION_CURRENCY = {**_TLD_CURRENCY, "co": "COP"}
# currency_signs_further: the CFA franc's two members by the countries of the language tag's region (left out of the
# host's: ".ml", ".ga", ".cf", ".gq" were free domains anyone used, ".cm" a common typing slip of ".com")
_REGION_CURRENCY.update(dict.fromkeys(("sn", "ci", "ml", "bf", "ne", "tg", "bj", "gw"), "XOF"))
_REGION_CURRENCY.update(dict.fromkeys(("cm", "ga", "cg", "td", "cf", "gq"), "XAF"))
# a language written in one country of a symbol's family names that member ("kr" on a Norwegian page is NOK)
_LANGUAGE_CURRENCY = {"da": "DKK", "nb": "NOK", "nn": "NOK", "no": "NOK", "is": "ISK", "sv": "SEK"}
# A symbol read from the page names one currency of a family; the shop's country picks the right one.
_SYMBOL_FAMILIES = {
    "USD": {"AUD", "CAD", "NZD", "MXN", "SGD", "HKD", "TWD", "ARS", "CLP", "UYU", "COP"},
    "SEK": {"DKK", "NOK", "ISK"},
    "DKK": {"SEK", "NOK", "ISK"},
    "JPY": {"CNY"},
    "INR": {"PKR", "LKR", "NPR"},
    "XOF": {"XAF"},
}
# the signs each family's members write alike: only an amount written so is read in the shop's country's member
# ("US$", "₹", "円" name theirs)
_BARE_SIGNS = {
    "USD": {"$"},
    "SEK": {"kr"},
    "DKK": {"kr."},
    "JPY": {"¥", "￥"},
    "INR": {"Rs", "Rs.", "₨"},
    "XOF": {"CFA", "FCFA", "F CFA"},
}


# UTF-8 read as Latin-1 / Windows-1252: a lead byte's letter, then continuation bytes' characters ("Ã©", "Â£",
# "â‚¬"), or the euro sign whose C1 middle byte sanitising removed ("â¬")
_CONT = (
    "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018"
    "\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
)
# what tells such a page: "Ã" / "Â" before a continuation byte, "â€" / "â‚" / "â¬" (no language writes these; a
# page is repaired only when it shows one, so "ß…" in German text elsewhere stays)
_CONT_BYTES = frozenset(chr(c) for c in range(0x80, 0xC0))
_MOJIBAKE_TELLS = (("\u00c2", _CONT_BYTES), ("\u00c3", _CONT_BYTES), ("\u00e2", _CONT_BYTES | {"\u20ac", "\u201a"}))


def shows_mojibake(content: str) -> bool:
    """Does the page show a sequence no language writes ("Ã©", "Â£", "â‚¬", see ``_MOJIBAKE_TELLS``)?"""
    for lead, follows in _MOJIBAKE_TELLS:  # str.find, not a pattern: a pattern's scan costs ms on a large page
        i = content.find(lead)
        while i != -1:
            if content[i + 1 : i + 2] in follows:
                return True
            i = content.find(lead, i + 1)
    return False


# a lead byte's character and its continuation bytes' characters
_MOJIBAKE_RUN_RE = re.compile(f"[\u00c2-\u00f4][{_CONT}]{{1,3}}")


def _redecode(m: re.Match) -> str:
    run = m.group(0)
    for codec in ("latin-1", "cp1252"):
        try:
            return run.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return run


def repair_mojibake(content: str, type: str = "product") -> str:
    """UTF-8 that was decoded as Latin-1 or Windows-1252 ("â‚¬25" for "€25", "Â£9" for "£9") decoded again, run by
    run: a run whose characters are not one character's UTF-8 bytes (a genuine "Ã©" in Latin-1 text) stays. Only on
    a product page that shows such a sequence ("Ã©", "Â£", "â‚¬"); articles: ``article.common.repair_encoding``."""
    if type != "product" or not isinstance(content, str) or not rule("mojibake_repair"):
        return content
    if not shows_mojibake(content):
        return content
    return redecode_mojibake(content)


def redecode_mojibake(content: str, circumflex: str = "\u00e2") -> str:
    """Each run of a lead byte's and continuation bytes' characters decoded again; a decoded "â" written as
    ``circumflex`` (the articles' repair marks it so, to tell it from the lone "â" of a mark sanitising stripped)."""
    if circumflex == "\u00e2":
        sub = _redecode
    else:

        def sub(m: re.Match) -> str:
            out = _redecode(m)
            return out.replace("\u00e2", circumflex) if out != m.group(0) else out

    # the euro sign's middle byte is a C1 control character, which sanitising removes: "â\x82¬" arrives as "â¬"
    return _MOJIBAKE_RUN_RE.sub(sub, content).replace("\u00e2\u00ac", "\u20ac")


def mojibake_runs(content: str):
    """The runs of the page that decode again (``re.Match`` and the decoded text)."""
    for m in _MOJIBAKE_RUN_RE.finditer(content):
        out = _redecode(m)
        if out != m.group(0):
            yield m, out


def norm_availability(value: Any) -> str | None:
    value = S.as_text(value) if not isinstance(value, str) else value
    if not value:
        return None
    v = value.strip().rstrip("/").rsplit("/", 1)[-1].strip().lower()
    if v in _AVAIL:
        return _AVAIL[v]
    v2 = v.replace(" ", "").replace("_", "").replace("-", "")
    for key, label in _AVAIL.items():
        if key.replace(" ", "").replace("_", "").replace("-", "") == v2:
            return label
    return None


def norm_price(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        if isinstance(value, (int, float)):  # a JSON number, exponent form included (1e20)
            d = Decimal(repr(value) if isinstance(value, float) else value)
        else:
            v = (value if isinstance(value, str) else S.as_text(value) or "").strip()
            if not v:
                return None
            if re.fullmatch(r"-?\d+(?:\.\d+)?", v):
                d = Decimal(v)
            else:
                amount = Price.fromstring(v).amount
                if amount is None:
                    return None
                d = Decimal(amount)
        if not d.is_finite() or d < 0:
            return None
        # cents as the source wrote them: "59.00" stays "59.00", "59" stays "59", "19.9" becomes "19.90"
        # (beyond the decimal context's precision quantize raises: no real price)
        written_with_cents = d.as_tuple().exponent < 0
        d = d.quantize(Decimal("0.01")) if d != d.to_integral() or written_with_cents else d.quantize(Decimal(1))
    except (InvalidOperation, ValueError):
        return None
    return format(d, "f")


def norm_currency(value: Any) -> str | None:
    v = S.as_text(value)
    if not v:
        return None
    v = v.strip()
    if re.fullmatch(r"[A-Za-z]{3}", v):
        code = _CODE_ALIASES.get(v.upper(), v.upper())
        return code if code in ISO_4217_CURRENCIES else None
    if v in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[v]
    low = v.lower()
    for sym in sorted(CURRENCY_SYMBOLS, key=len, reverse=True):
        if sym.lower() in low:
            return CURRENCY_SYMBOLS[sym]
    return None


_COUNT_RE = re.compile(r"(\d{1,3}(?:[,.\s']\d{3})+|\d+)(?:\.0+)?")


def review_count(value: str | None) -> int | None:
    """ "1,234", "1.234", "1 234" and "12.0" are counts; anything else is no count (the rating is kept)."""
    m = _COUNT_RE.fullmatch((value or "").strip())
    return int(re.sub(r"\D", "", m.group(1))) if m else None


# what a shop's template writes where a product has no code (WooCommerce's "SKU: N/A", "Art.-Nr.: -", "k. A."):
# no code (rule ``id_placeholder_none``)
_ID_PLACEHOLDER_RE = re.compile(
    r"(?:n\s*/\s*a|n\.\s*a\.?|na|none|null|nil|undefined|unknown|tbd|tba|k\.\s*a\.?|keine\s+angabe|non\s+disponible|"
    r"no\s+disponible|sin\s+referencia|not\s+available|[-–—_.?*/]+|0+)",
    re.IGNORECASE,
)


def placeholder_id(value: str | None) -> bool:
    """A product code field holding a template's placeholder ("N/A", "-", "null", "0"), not a code."""
    return bool(value) and rule("id_placeholder_none") and bool(_ID_PLACEHOLDER_RE.fullmatch(str(value).strip()))


def _clean_id(value: Any) -> str | None:
    v = S.as_text(value)
    if not v:
        return None
    v = v.strip()
    if v.startswith(("http://", "https://", "#")) or placeholder_id(v):
        return None
    return v or None


def clean_brand(value: str | None) -> str | None:
    if not value:
        return None
    v = value.strip()
    if v.startswith(("$", "{{", "%", "http://", "https://")) or "{{" in v:
        return None  # unrendered template placeholder or a URL
    if ":" in v and len(v) > 25:
        v = v.rsplit(":", 1)[-1].strip()  # "More from the brand: Foo" -> "Foo"
    return v or None


_URL_ID_SPLIT_RE = re.compile(r"[/\-_.=?&#+,;]+")


_SKU_QUERY_KEYS = {"sku", "childsku", "variantsku", "variant_sku", "itemsku", "item_sku"}
_ID_VALUE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{1,30}")


def sku_from_url(url: str | None, html_text: str) -> str | None:
    """A query parameter the URL names a sku ("?sku=SS24-SD-3.0"), else an id-like token of the URL (letters+digits
    or digits, >= 5 chars) that the page repeats."""
    if not url:
        return None
    for key, value in parse_qsl(urlparse(url).query):
        if key.casefold() in _SKU_QUERY_KEYS and _ID_VALUE_RE.fullmatch(value) and re.search(r"\d", value):
            return value
    path = re.sub(r"^https?://[^/]+", "", url)
    for token in reversed(_URL_ID_SPLIT_RE.split(path)):
        if len(token) < 5 or len(token) > 20 or not token.isalnum() or not re.search(r"\d", token):
            continue
        if re.fullmatch(r"(?:19|20)\d{2}", token) or (not token.isdigit() and not token.isupper()):
            continue
        if html_text.count(token) >= 2:
            return token
    return None


# an image file's name without its extension and the size a CDN or a CMS appends ("_800x", "-300x300", "_large")
_IMAGE_SIZE_SUFFIX_RE = re.compile(
    r"(?:[_-](?:\d+x\d*|x\d+|small|medium|large|grande|master|thumb|scaled|compact|pico|icon))+$", re.IGNORECASE
)
# the code a file name opens with: letters and digits, hyphens between, up to the first "_" / "." / space
_IMAGE_CODE_RE = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
_IMAGE_CODE_MIN_FILES = 3
_IMAGE_SCAN_LIMIT = 400


def _image_stem(src: str) -> str:
    name = unquote(urlparse(src.strip()).path).rsplit("/", 1)[-1]
    return _IMAGE_SIZE_SUFFIX_RE.sub("", name.split(".", 1)[0])


def _image_code(stem: str) -> str | None:
    """The product code a file name opens with ("856500016979_E_iPhone", "SS-CY0001-001_front"): 5-24 characters
    with a digit, digits or upper-case (a CDN's hash "81mBeW85X5L" or a word is none), not a year nor a camera's
    frame number ("DSC04156"), the whole name or followed by "_" / a space."""
    m = _IMAGE_CODE_RE.match(stem)
    if not m or (m.end() < len(stem) and stem[m.end()] not in "_ "):
        return None
    code = m.group(0)
    flat = code.replace("-", "")
    if not 5 <= len(code) <= 24 or not re.search(r"\d", flat) or not (flat.isdigit() or flat.isupper()):
        return None
    if re.fullmatch(r"(?:19|20)\d{2}", flat) or re.fullmatch(r"(?:IMG|DSC[FN]?|DCIM|PXL|MVIMG|SAM|GOPR)\d+", flat):
        return None
    return code


def sku_from_image_names(tree, main_image: str | None) -> str | None:
    """Rule ``sku_image_names``: the code that opens the file name of the product's main image, when it opens the
    names of at least three different images of the page too: a gallery a shop names by the product's code
    ("856500016979_A_Front.jpg", "856500016979_B_Back.jpg", …). One image named so is no evidence (an upload's id)."""
    code = _image_code(_image_stem(main_image)) if main_image else None
    if not code:
        return None
    stems = set()
    for el in islice(tree.iter("img", "source"), _IMAGE_SCAN_LIMIT):
        for attr in ("src", "data-src", "srcset", "data-srcset"):
            for part in (el.get(attr) or "").split(","):
                if part.strip():
                    stem = _image_stem(part.split()[0])
                    if _image_code(stem) == code:
                        stems.add(stem)
        if len(stems) >= _IMAGE_CODE_MIN_FILES:
            return code
    return None


# the add-to-cart form's product field where the shop software makes it the sku a shop without one is known by
# (WooCommerce's "add-to-cart", osCommerce's "products_id", a listing's id); a bare "product_id" / "id_product" is
# mostly an internal number beside a sku the page names otherwise (2 of 8 pages agree), so it is not read as a sku,
# but it does say that the form adds one product to the cart (the page probability's `cart_form`)
_CART_SKU_FIELDS = frozenset({"products_id", "listing_id", "add-to-cart"})
_CART_ID_FIELDS = _CART_SKU_FIELDS | {"product_id", "id_product", "product-id", "productId"}


def _form_fields(tree) -> list[tuple[str, str]]:
    """(name, value) of the page's hidden inputs and of its buttons named add-to-cart (one pass over those tags)."""
    out = []
    for el in tree.iter("input", "button"):
        kind = (el.get("type") or "").lower()
        if (el.tag == "input" and kind == "hidden") or (el.tag == "button" and el.get("name") == "add-to-cart"):
            out.append((el.get("name") or "", (el.get("value") or "").strip()))
    return out[:200]


def sku_from_cart_form(fields: list[tuple[str, str]]) -> str | None:
    """The id a tracking payload of the page's item carries (a hidden input holding an analytics item, {"item_id":
    ...}), else the one product id the add-to-cart form posts; None when the form posts several."""
    for _, raw in fields:
        if '"item_id"' not in raw:
            continue
        try:
            item = json.loads(raw)
        except (ValueError, RecursionError):  # nested past the decoder's depth
            continue
        value = str(item.get("item_id") or "") if isinstance(item, dict) else ""
        if _ID_VALUE_RE.fullmatch(value):
            return value
    values = {v for name, v in fields if name in _CART_SKU_FIELDS and _ID_VALUE_RE.fullmatch(v)}
    return values.pop() if len(values) == 1 else None


def _first_token_id(value: str | None) -> str | None:
    """'AB123-0 Some product words' -> 'AB123-0' (ids carry no spaces)."""
    if value and " " in value and rule("sku_first_token"):
        first_tok = value.split()[0]
        if re.search(r"\d", first_tok) and len(first_tok) >= 3:
            return first_tok
    return value


def _offers(node: dict) -> list[dict]:
    offers = node.get("offers")
    out: list[dict] = []
    stack = offers if isinstance(offers, list) else [offers]
    for o in stack:
        if not isinstance(o, dict):
            continue
        out.append(o)
        inner = o.get("offers")
        if isinstance(inner, (list, dict)):
            out.extend(x for x in (inner if isinstance(inner, list) else [inner]) if isinstance(x, dict))
    return out


def _offer_price(o: dict) -> tuple[str | None, str | None, str | None]:
    """(price, currency, regularPrice) from an Offer / AggregateOffer."""
    price = norm_price(o.get("price"))
    currency = norm_currency(o.get("priceCurrency"))
    regular = None
    specs = o.get("priceSpecification")
    specs = specs if isinstance(specs, list) else [specs]
    for spec in specs:
        if not isinstance(spec, dict):
            continue
        ptype = (S.as_text(spec.get("priceType")) or "").rsplit("/", 1)[-1]
        p = norm_price(spec.get("price"))
        if ptype in ("ListPrice", "StrikethroughPrice", "SRP", "MSRP"):
            regular = regular or p
        elif p and not price:
            price = p
        currency = currency or norm_currency(spec.get("priceCurrency"))
    if not price:
        price = norm_price(o.get("lowPrice"))
    return price, currency, regular


def _jsonld_product(st: S.Structured, url: str | None) -> tuple[dict, str]:
    nodes = S.nodes_of_type(st.jsonld, *PRODUCT_TYPES)
    if not nodes and rule("event_offers"):
        events = [n for n in S.nodes_of_type(st.jsonld, *EVENT_TYPES) if n.get("offers")]
        nodes = events if len(events) == 1 else []  # a listing of events ("What's on") is no one ticket's page
    if not nodes:
        return {}, "jsonld"
    # prefer a node with offers, then the one with most keys
    nodes.sort(key=lambda n: (bool(n.get("offers")), len(n)), reverse=True)
    return map_schema_product(nodes[0], url), "jsonld"


VARIANT_FIELDS = ("name", "sku", "gtin", "price", "currency", "availability", "color", "size", "image")
_GTIN_KEYS = {"gtin8": "gtin8", "gtin12": "gtin12", "gtin13": "gtin13", "gtin14": "gtin14", "isbn": "isbn"}


def gtin_type(digits: str, key: str = "gtin") -> str | None:
    """``gtin8`` / ``gtin12`` (UPC) / ``gtin13`` (EAN) / ``gtin14`` / ``isbn``: the key that named it, else its length (a
    13-digit number starting 978 / 979 is an ISBN)."""
    if key in _GTIN_KEYS:
        return _GTIN_KEYS[key]
    if len(digits) == 13 and digits.startswith(("978", "979")):
        return "isbn"
    if len(digits) == 10 and E.isbn10_valid(digits) and rule("isbn10_row"):
        return "isbn"
    return {8: "gtin8", 12: "gtin12", 13: "gtin13", 14: "gtin14"}.get(len(digits))


def map_schema_product(node: dict, url: str | None) -> dict:
    """A schema.org Product node (JSON-LD or microdata, as a dict) as the output's fields, in the output's order."""
    d: dict[str, Any] = {}
    d["name"] = S.as_text(node.get("name"))
    brand = node.get("brand") or node.get("manufacturer")
    d["brand"] = clean_brand(S.as_text(brand))
    d["sku"] = _first_token_id(_clean_id(node.get("sku")) or _clean_id(node.get("productID")))
    d["mpn"] = _clean_id(node.get("mpn"))
    _schema_gtin(node, d, ("gtin13", "gtin", "gtin12", "gtin14", "gtin8", "isbn", "ean"))
    d["description"] = S.as_text(node.get("description"))
    images = S.all_urls(node.get("image"), url)
    d["images"] = images
    d["mainImage"] = images[0] if images else None
    d["url"] = S.as_url(node.get("url"), url)
    for o in _offers(node):
        _map_schema_offer(o, d)
    d["rating"] = _schema_rating(node.get("aggregateRating"))
    d["color"] = S.as_text(node.get("color"))
    d["size"] = S.as_text(node.get("size"))
    variants = []
    variants_src = node.get("hasVariant")
    for v in variants_src if isinstance(variants_src, list) else []:
        if isinstance(v, dict):
            vd = map_schema_product(v, url)
            vd["image"] = vd.get("mainImage")
            variants.append({k: vd.get(k) for k in VARIANT_FIELDS if vd.get(k)})
    d["variants"] = [v for v in variants if v] or (_offer_variants(node) if rule("offer_variants") else [])
    d["additionalProperties"] = _schema_properties(node)
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


def _offer_variants(node: dict) -> list[dict]:
    """offer_variants: a product's offers, one per variant, each with its own sku (as many shop themes write a product
    with sizes): its variants with their sku, price, currency and availability. Offers without a sku of their own
    (sellers' offers of an AggregateOffer), or all with the same, are no variants."""
    offers = [o for o in _offers(node) if _clean_id(o.get("sku"))]
    if len(offers) < 2 or len({_clean_id(o.get("sku")) for o in offers}) < len(offers):
        return []
    out = []
    for o in offers:
        price, currency, _ = _offer_price(o)
        item = {
            "name": S.as_text(o.get("name")),
            "sku": _clean_id(o.get("sku")),
            "price": price,
            "currency": currency,
            "availability": norm_availability(o.get("availability")),
        }
        out.append({k: v for k, v in item.items() if v})
    return out


def _schema_gtin(node: dict, d: dict, keys: tuple[str, ...]) -> None:
    """The first GTIN-like key with digits as ``gtin`` (an ISBN keeps its check letter X) and its type."""
    for key in keys:
        g = _clean_id(node.get(key))
        if g and re.sub(r"\D", "", g):
            d["gtin"] = re.sub(r"[^\dX]", "", g.upper()) if key == "isbn" else re.sub(r"\D", "", g)
            d["gtinType"] = gtin_type(d["gtin"], key)
            return


def _map_schema_offer(o: dict, d: dict) -> None:
    """One offer into the product's fields: the first priced offer's price, regular price and currency; in stock
    if any offer is (several offers: sizes, sellers); ids the product node lacks."""
    price, currency, regular = _offer_price(o)
    if price and not d.get("price"):
        d["price"], d["regularPrice"] = price, regular
        d["currency"] = currency
    elif currency and not d.get("currency"):
        d["currency"] = currency
    av = norm_availability(o.get("availability"))
    if av and (not d.get("availability") or av == "InStock"):
        d["availability"] = av
    if not d.get("sku"):
        d["sku"] = _clean_id(o.get("sku"))
    if not d.get("gtin"):
        _schema_gtin(o, d, ("gtin13", "gtin", "gtin12", "gtin14", "gtin8"))
    if not d.get("mpn"):
        d["mpn"] = _clean_id(o.get("mpn"))


def _schema_rating(rating) -> dict | None:
    """``aggregateRating`` as {value, count}; none for a value that is not a finite number ("NaN", "Infinity",
    "1e999": JSON, and the database, have no such number)."""
    if not isinstance(rating, dict):
        return None
    value = S.as_text(rating.get("ratingValue"))
    count = S.as_text(rating.get("reviewCount") or rating.get("ratingCount"))
    if not value:
        return None
    try:
        rated = float(value.replace(",", "."))
    except ValueError:
        return None
    return {"value": rated, "count": review_count(count)} if math.isfinite(rated) else None


def _schema_properties(node: dict) -> list[dict]:
    """``additionalProperty`` name / value pairs, then the node's own colour, material, size, model and weight."""
    props = []
    ap = node.get("additionalProperty")
    for p in ap if isinstance(ap, list) else ([ap] if isinstance(ap, dict) else []):
        if isinstance(p, dict) and S.as_text(p.get("name")):
            props.append({"name": S.as_text(p.get("name")), "value": S.as_text(p.get("value"))})
    for key in ("color", "material", "size", "model", "weight"):
        val = S.as_text(node.get(key))
        if val:
            props.append({"name": key, "value": val})
    return props


def _microdata_product(st: S.Structured, url: str | None) -> dict:
    items = [i for i in st.microdata if set(S.type_names({"@type": i.get("type")})) & set(PRODUCT_TYPES)]
    if not items:
        offers = [i for i in st.microdata if set(S.type_names({"@type": i.get("type")})) & set(OFFER_TYPES)]
        if not offers:
            return {}
        items = [{"properties": {"offers": offers[0]}}]
    items.sort(key=lambda i: ("offers" in S.micro_props(i), len(S.micro_props(i))), reverse=True)
    props = S.micro_props(items[0])
    node: dict[str, Any] = {}
    for key, value in props.items():
        node[key] = _micro_to_schema(value)
    return map_schema_product(node, url)


def _micro_to_schema(value: Any) -> Any:
    if isinstance(value, list):
        return [_micro_to_schema(v) for v in value]
    if S.micro_props(value):
        out = {k: _micro_to_schema(v) for k, v in S.micro_props(value).items()}
        if value.get("type"):
            out["@type"] = value["type"]
        return out
    return value


def _meta_product(st: S.Structured, url: str | None) -> dict:
    d: dict[str, Any] = {}
    d["name"] = st.meta_first("og:title", "twitter:title")
    d["price"] = norm_price(
        st.meta_first("product:price:amount", "og:price:amount", "product:sale_price:amount", "twitter:data1")
    )
    d["currency"] = norm_currency(
        st.meta_first("product:price:currency", "og:price:currency", "product:sale_price:currency")
    )
    d["availability"] = norm_availability(st.meta_first("product:availability", "og:availability", "availability"))
    d["brand"] = st.meta_first("product:brand", "og:brand", "brand")
    d["sku"] = st.meta_first("product:retailer_item_id", "product:sku", "sku")
    d["gtin"] = st.meta_first("product:ean", "product:gtin", "product:upc", "product:isbn")
    d["mpn"] = st.meta_first("product:mfr_part_no", "product:mpn")
    d["regularPrice"] = norm_price(st.meta_first("product:original_price:amount"))
    d["description"] = st.meta_first("og:description", "description", "twitter:description")
    img = S.as_url(st.meta_first("og:image", "og:image:url", "og:image:secure_url", "twitter:image"), url)
    if img:
        d["mainImage"] = img
        d["images"] = [img]
    d["url"] = S.as_url(st.meta_first("og:url"), url)
    if d.get("price") and not d.get("currency"):
        d["currency"] = None
    # twitter:data1 is often not a price; keep only if it looks like one
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


_PRICE_XPATH = (
    "//*[@itemprop='price'] | //*[@data-price] | "
    "//*[contains(concat(' ', translate(@class,'PRICE','price'), ' '), 'price')]"
)
_AMOUNT_RE = re.compile(r"\d[\d\s.,']*\d|\d")
# a sku label the page shows next to its value ("SKU: X", "Art.-Nr. X", "Cod produs: X", "品番：X"), in the languages
# of the shops the issue lists; a Latin label starts a word, a label in another script may follow text directly.
# Each label opens with a literal character: a look-ahead on those lets the search skip every other position
# (the alternation alone cost 2.4 ms a products-dev page, with the look-ahead 0.2 ms more than the old 13 labels).
_SKU_LABELS_LATIN = (
    r"SKU",
    r"Item\s*(?:No|#|number|code)",
    r"Art(?:ikel)?\.?\s*-?\s*(?:Nr|No)",
    r"Artikel(?:nummer|nr|code)",
    r"Artikuls",
    r"Product\s*(?:code|no|number)",
    r"Produkt(?:nummer|code|nr)",
    r"Productcode",
    r"Bestell(?:nummer|-?\s*Nr)",
    r"R[ée]f(?:[ée]rence|erencia|erência|erenza)?",
    r"Rif(?:erimento)?",
    r"C[oó]d(?:ice|igo|e)?\.?\s*(?:(?:de|do|del)\s+)?(?:art(?:icolo|icle|ículo|igo|icol)?|prod(?:otto|uto|ucto|uit|us)?)",
    r"Nr\.?\s*art\.?",
    r"Kód(?:\s*produktu)?",
    r"Kod\s*(?:produktu|towaru|produk)",
    r"Kode\s*produk",
    r"Numer\s*katalogowy",
    r"Cikkszám",
    r"Termékkód",
    r"Vare?(?:nr|nummer)",
    r"Tuote(?:numero|koodi)",
    r"Katalógové\s*číslo",
    r"Objednací\s*číslo",
    r"Šifra(?:\s*(?:proizvoda|artikla))?",
    r"Ürün\s*kodu",
    r"Stok\s*kodu",
    r"Mã\s*(?:sản\s*phẩm|SP)",
    r"Prekės\s*kodas",
    r"Produkta\s*kods",
    r"Tootekood",
)
_SKU_LABELS_OTHER = (
    r"Артикул",
    r"Код\s*товар[аиу]",
    r"Κωδικός(?:\s*προϊόντος)?",
    r"品番",
    r"商品番号",
    r"商品コード",
    r"商品编号",
    r"商品編號",
    r"貨號",
    r"货号",
    r"產品編號",
    r"상품번호",
    r"상품코드",
    r"품번",
    r'מק"?ט',
    r"رمز\s*المنتج",
    r"رقم\s*المنتج",
    r"كود\s*المنتج",
    r"รหัสสินค้า",
)
_SKU_RE = re.compile(
    r"(?=["
    + re.escape("".join(sorted({label[0] for label in _SKU_LABELS_LATIN + _SKU_LABELS_OTHER})))
    + r"])(?:(?:\b(?:"
    + "|".join(_SKU_LABELS_LATIN)
    + r")|(?:"
    + "|".join(_SKU_LABELS_OTHER)
    + r"))\.?\s*[:#.：]\s*|\bItem\s*#\s*)([A-Za-z0-9][A-Za-z0-9._/-]{2,30})",
    re.IGNORECASE,
)

# more sku labels (rule ``sku_labels_more``): catalogue and style numbers, the bare "Kod" / "Código" / "Код" of
# Central European, Iberian and Russian shops, Czech, Spanish and Chinese article numbers
_SKU_LABELS_MORE = (
    r"Cat(?:alog(?:ue)?)?\.?\s*(?:No|#|number)",
    r"Style\s*(?:No|#|number|code)",
    r"Artikul",
    r"Kod",
    r"Kód",
    r"Katalogov[éé]\s*číslo",
    r"Číslo\s*(?:produktu|zboží)",
    r"Número\s*de\s*(?:artículo|referencia|produto)",
    r"Código",
    r"Codice",
    r"C[oó]d",
    r"Код",
    r"品號",
    r"產品型號",
    r"N[°º]\s*d['’]article",
    r"Numéro\s*d['’]article",
    r"Referentie",
    r"Bestelnr",
    r"Item\s*ID",
    r"Symbol",
    r"Indeks",
    r"Numer\s*produktu",
    r"Nr\.?\s*katalogowy",
    r"Kód\s*tovaru",
    r"Ürün\s*No",
    r"Αρ\.?\s*προϊόντος",
    r"Арт",
    r"产品编号",
    r"SKU\s*编号",
)


@lru_cache(maxsize=8)
def _sku_more_re(more: bool, languages: bool, platforms: bool = False) -> re.Pattern:
    """The label search of ``_visible_sku_labels``: the base labels, with the more labels (rule ``sku_labels_more``)
    and those of more languages and scripts (rules ``sku_labels_languages``, ``sku_labels_platforms``) as on."""
    latin = (
        (_SKU_LABELS_LATIN + _SKU_LABELS_MORE if more else ())
        + (SK.SKU_LABELS_LANGUAGES_LATIN if languages else ())
        + (SK.SKU_LABELS_PLATFORMS_LATIN if platforms else ())
    )
    other = (
        (_SKU_LABELS_OTHER if more else ())
        + (SK.SKU_LABELS_LANGUAGES_OTHER if languages else ())
        + (SK.SKU_LABELS_PLATFORMS_OTHER if platforms else ())
    )
    forms = r"|\bItem\s*#\s*|\bSKU\s+[-–]\s+" if more else ""
    return re.compile(
        r"(?=["
        + re.escape("".join(sorted({label[0] for label in latin + other})))
        + r"])(?:(?:\b(?:"
        + "|".join(latin)
        + r")|(?:"
        + "|".join(other)
        + r"))"
        r"\.?\s*(?:[:#.：]\s*){1,2}" + forms + r")([A-Za-z0-9][A-Za-z0-9._/-]{2,30})",
        re.IGNORECASE,
    )


# a model number the page shows (rule ``sku_model_label``): the product's code when it shows no other
_MODEL_RE = re.compile(
    r"(?=[Mm型모М])(?:\bMod(?:el|ell|elo|èle|ello)\s*(?:No\.?|#|number)?|型号|型號|型番|모델명|\bМодель)\s*[:#：]\s*"
    r"([A-Za-z0-9][A-Za-z0-9._/-]{2,30})(?!\s*(?:cm|mm|in\b|kg|lbs?\b|\"|''))",
    re.IGNORECASE,
)


def _model_code(value: str | None) -> str | None:
    """A model number: letters and digits, or five digits or more ("TR3021", "WH-1000XM5"; not "185" of a model's
    height)."""
    token = (value or "").split()[0].rstrip(".,;") if (value or "").split() else ""
    if re.fullmatch(r"[\d.,]+(?:cm|mm|m|in|kg|g|lbs?|ft)", token, re.IGNORECASE):
        return None  # a measure ("Model: 185cm", the height of the one wearing it)
    if re.search(r"\d", token) and (re.search(r"[A-Za-z]", token) or len(re.sub(r"\D", "", token)) >= 5):
        return token
    return None


def _row_model_code(value: str | None) -> str | None:
    """A "Model" spec row's code: its whole value, one code ("Modèle: Petit 21 cm" names a size, not a model number)."""
    return _model_code(value) if value and len(value.split()) == 1 else None


# spec tables / definition lists / "Label: value" rows
_LABELS = {
    "sku": (
        "sku",
        "item number",
        "item no",
        "item #",
        "product code",
        "product id",
        "product number",
        "id produto",
        "art.-nr",
        "art.nr",
        "art. nr",
        "artikelnummer",
        "artikel-nr",
        "article number",
        "article no",
        "code produit",
        "codice prodotto",
        "codice articolo",
        "código",
        "código do produto",
        "kod produktu",
        "numer katalogowy",
        "cod produs",
        "stock code",
        "part code",
        "item code",
        "product sku",
        "product ref",
        "product reference",
        "ref",
        "reference",
        "référence",
        "référence produit",
        "référence interne",
        "referência",
        "referência produto",
        "referencia",
        "referencia del producto",
        "riferimento",
        "codice",
        "artikelnr",
        "artikel-nr",
        "bestellnummer",
        "produkta kods",
        "preces kods",
        "artikula numurs",
        "prekės kodas",
        "tootekood",
        "tuotekoodi",
        "tuotenumero",
        "kód produktu",
        "katalógové číslo",
        "cikkszám",
        "varenummer",
        "varenr",
        "šifra",
        "šifra proizvoda",
        "код товара",
        "артикул",
        "商品番号",
        "品番",
        "商品编号",
        "상품번호",
    ),
    "brand": (
        "brand",
        "brand name",
        "marca",
        "marke",
        "marque",
        "merk",
        "hersteller",
        "manufacturer",
        "fabricant",
        "producent",
        "producător",
        "značka",
        "märke",
        "merke",
        "brand/manufacturer",
        "designer",
    ),
    "mpn": (
        "mpn",
        "manufacturer part number",
        "part number",
        "herstellernummer",
        "modelnummer",
        "model number",
        "item model number",
        "numéro de pièce",
        "numero parte",
    ),
    "gtin": (
        "ean",
        "gtin",
        "upc",
        "isbn",
        "ean13",
        "ean-13",
        "isbn-13",
        "isbn13",
        "barcode",
        "código de barras",
        "ean code",
    ),
}
# labels of the pseudo-fields "sku_more" (rule ``sku_labels_more``) and "model" (rule ``sku_model_label``): never
# fields of the answer, read in ``_visible_sku_labels``
_LABELS["sku_more"] = (
    "cat. no",
    "cat no",
    "catalog",
    "catalog no",
    "catalog number",
    "catalogue number",
    "style",
    "style no",
    "style number",
    "style code",
    "artikul",
    "kod",
    "kód",
    "katalogové číslo",
    "číslo produktu",
    "número de artículo",
    "código de artículo",
    "código de referencia",
    "cod. articolo",
    "cod articolo",
    "код",
    "品號",
    "n° d'article",
    "numéro d'article",
    "referentie",
    "bestelnr",
    "item id",
    "symbol",
    "indeks",
    "numer produktu",
    "nr katalogowy",
    "kód tovaru",
    "ürün no",
    "产品编号",
)
_LABELS["model"] = (
    "model",
    "modell",
    "modelo",
    "modèle",
    "modello",
    "model no",
    "型号",
    "型號",
    "型番",
    "모델명",
    "модель",
)
# labels of the pseudo-field "mpn_more" (rule ``mpn_labels_more``): the manufacturer's model or part number in more
# wordings and languages, the product's mpn where the page labels none as such
_LABELS["mpn_more"] = (
    "model name / number",
    "model name/number",
    "model number/name",
    "model code",
    "manufacturer model number",
    "manufacturer reference",
    "manufacturer code",
    "mfr part number",
    "mfg part number",
    "modellnummer",
    "modellbezeichnung",
    "herstellerartikelnummer",
    "hersteller-artikelnummer",
    "herstellerreferenz",
    "numero modello",
    "numero modello articolo",
    "numero di modello",
    "codice produttore",
    "numéro de modèle",
    "référence fabricant",
    "référence constructeur",
    "número de modelo",
    "referencia del fabricante",
    "número de pieza",
    "número do modelo",
    "referência do fabricante",
    "código do fabricante",
    "fabrikantnummer",
    "onderdeelnummer",
    "numer modelu",
    "kod producenta",
    "kód výrobce",
    "číslo modelu",
    "kód výrobcu",
    "ražotāja kods",
    "modeļa numurs",
    "gamintojo kodas",
    "tootja kood",
    "tillverkarens artikelnummer",
    "valmistajan tuotekoodi",
    "mallinumero",
    "gyártói cikkszám",
    "modellszám",
    "cod producător",
    "număr model",
    "model numarası",
    "üretici parça numarası",
    "артикул производителя",
    "номер модели",
    "код производителя",
    "артикул виробника",
    "код виробника",
    "номер моделі",
    "κωδικός κατασκευαστή",
    "αριθμός μοντέλου",
    "メーカー型番",
    "制造商型号",
    "모델 번호",
    "رقم الموديل",
    "מספר דגם",
    "หมายเลขรุ่น",
    "nomor model",
)
_LABEL_TO_FIELD = {label: f for f, labels in _LABELS.items() for label in labels}
_LABEL_TAGS = ("th", "td", "dt", "strong", "b", "span", "label", "div", "li", "p")


def _norm_label(text: str) -> str:
    return " ".join(text.replace("\u200e", "").replace("\u200f", "").split()).strip(" :：-–—#.\u00a0").lower()


# "Produkta kods 520501927", "Référence interne MART-00001": label and id in one short text, no colon needed
_ID_FIELDS = ("sku", "mpn", "gtin", "sku_more", "model")
_LABEL_ID_RE = re.compile(
    r"^("
    + "|".join(
        re.escape(label).replace("\\ ", r"\s+")
        for label in sorted((lab for f in _ID_FIELDS for lab in _LABELS[f]), key=len, reverse=True)
    )
    + r")\.?\s*[:：#]?\s*([A-Za-z0-9][A-Za-z0-9._/-]{2,30})$",
    re.IGNORECASE,
)


# gtin_labels_languages: a barcode's label in more languages and forms ("Código EAN", "Kod EAN", "JANコード", "GTIN-14")
_GTIN_LABELS_MORE = frozenset(
    (
        "code ean|código ean|codice ean|ean-code|ean-kod|ean kod|kod ean|ean kód|kód ean|ean-koodi|ean koodi|"
        "ean-nummer|ean nummer|ean-nr|ean nr|numéro ean|número ean|ean/upc|upc code|upc-code|jan|janコード|jan コード|"
        "gtin-8|gtin-12|gtin-13|gtin-14|gtin13|gtin14|stregkode|streckkod|strekkode|čárový kód|kod kreskowy|"
        "viivakoodi|código de barras ean|codice a barre|barcode ean|ean13 code"
    ).split("|")
)


def _field_of_label(label: str) -> str | None:
    """The field a spec row's label names; "Manufacturer Part Number (MPN)", "EAN (barcode)": the words before a
    closing parenthesis name it, or the words in it (rule ``label_parenthetical``)."""
    field = _LABEL_TO_FIELD.get(label)
    if not field and label in _GTIN_LABELS_MORE and rule("gtin_labels_languages"):
        return "gtin"
    if not field and label in ("isbn-10", "isbn10", "isbn 10") and rule("isbn10_row"):
        return "isbn10"  # the gtin only where no other row gives one (an ISBN-13 row after it is the better code)
    if field or not label.endswith(")") or not rule("label_parenthetical"):
        return field
    m = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", label)
    return (_LABEL_TO_FIELD.get(m.group(1)) or _LABEL_TO_FIELD.get(m.group(2).strip())) if m else None


def _spec_label_form(label: str) -> str | None:
    """A label cell holding a sku label form the text search reads, which a cell writes without a colon (rule
    ``sku_spec_label_forms``), or one of more languages (``sku_labels_languages``): the pseudo-field "sku_form"."""
    forms, languages, platforms = (
        rule("sku_spec_label_forms"),
        rule("sku_labels_languages"),
        rule("sku_labels_platforms"),
    )
    if not (forms or languages or platforms) or len(label) > 30:
        return None
    return "sku_form" if _spec_label_re(forms, languages, platforms).fullmatch(label) else None


@lru_cache(maxsize=8)
def _spec_label_re(forms: bool, languages: bool, platforms: bool = False) -> re.Pattern:
    latin = (_SKU_LABELS_LATIN if forms else ()) + (SK.SKU_LABELS_LANGUAGES_LATIN if languages else ())
    other = (_SKU_LABELS_OTHER if forms else ()) + (SK.SKU_LABELS_LANGUAGES_OTHER if languages else ())
    latin += SK.SKU_LABELS_PLATFORMS_LATIN if platforms else ()
    other += SK.SKU_LABELS_PLATFORMS_OTHER if platforms else ()
    return SK.whole_label_re(latin, other)


def _chrome_sku(field: str, el) -> bool:
    """A sku row in the page's footer or in a header without the title (rule ``sku_label_page_chrome``)."""
    return field in ("sku", "sku_more", "sku_form") and rule("sku_label_page_chrome") and SK.page_chrome(el)


def label_values(tree, limit: int = 3000) -> dict:
    """Values of spec rows whose label is a known product-field label."""
    out: dict[str, str] = {}
    count = 0
    # label_in_small: a label and its value in small print ("<small>Art.-Nr. 100234</small>" under the title)
    for el in tree.iter(*_LABEL_TAGS, *(("small",) if rule("label_in_small") else ())):
        count += 1
        if count > limit:
            break
        own = el.text or ""
        if len(el):
            # label wrapped in a single child (e.g. <td><span>Brand</span></td>)
            if len(el) == 1 and not own.strip():
                own = el[0].text_content()
            else:
                own = own if own.strip() else ""
        if not own or (len(own) > 40 and len(" ".join(own.split())) > 40):
            continue
        label = _norm_label(own)
        field = _field_of_label(label)
        if not field and " " in label and any(c.isdigit() for c in label):
            m = _LABEL_ID_RE.match(" ".join(own.split()))
            if m and any(c.isdigit() for c in m.group(2)):
                field = _LABEL_TO_FIELD.get(_norm_label(m.group(1)))
                if field and field not in out and not _chrome_sku(field, el):
                    out[field] = m.group(2)
                continue
        field = field or _spec_label_form(label)
        if not field or field in out or _chrome_sku(field, el):
            continue
        value = None
        # inline "Label: value" / "<strong>Label - </strong>value"
        full = " ".join(el.text_content().split())
        m = re.match(r"^\s*" + re.escape(own.strip()) + r"\s*[:：\-–—]?\s*(.+)$", full)
        if m:
            value = m.group(1)
        if not value and el.tail and el.tail.strip(" :：-–—\n\t\u00a0"):
            value = el.tail.strip(" :：-–—\n\t\u00a0")
        if not value:
            nxt = el.getnext()
            column = SK.column_below(el) if field in _ID_FIELDS and rule("spec_column_table") else None
            if column is not None:
                value = column[0] if len(column) == 1 else None  # several rows below: a table of variants
            elif nxt is not None:
                value = nxt.text_content()
        if not value:
            parent = el.getparent()
            if parent is not None and parent.tag in ("td", "th", "dt", "li", "span", "strong", "b", "label"):
                nxt = parent.getnext()
                if nxt is not None:
                    value = nxt.text_content()
        value = " ".join((value or "").split()).strip(" :：-–—\u200e\u200f")
        if value and len(value) <= 80:
            out[field] = value
    return out


# a manufacturer's code written in two or three pieces, capitals and digits ("HMP 2000", "175004 5066", "KX 44 B")
_SPACED_CODE = re.compile(r"(?=.*\d)[A-Z0-9][A-Z0-9./-]*(?: [A-Z0-9][A-Z0-9./-]*){1,2}")


def _mpn_otherwise(labelled: dict, extra: dict) -> None:
    """No row labelled as the mpn: a model or part number row in more wordings (rule ``mpn_labels_more``), else the
    one code of a "Model" row (``mpn_from_model``; "Modello: WERPOWER001", not "Modèle: Petit 21 cm")."""
    if labelled.get("mpn"):
        return
    if rule("mpn_labels_more") and extra.get("mpn_more"):
        labelled["mpn"] = extra["mpn_more"]
    elif rule("mpn_from_model") and (code := _row_model_code(extra.get("model"))):
        labelled["mpn"] = code


_ITEMPROP_FIELDS = (
    ("sku", "sku"),
    ("brand", "brand"),
    ("mpn", "mpn"),
    ("gtin13", "gtin"),
    ("priceCurrency", "currency"),
    ("availability", "availability"),
)


def _heuristic_product(tree, url: str | None, st: S.Structured) -> dict:
    """What the page says of its product outside its structured data, one field family at a time: the name, the
    itemprop / RDFa fragments, the spec rows, the prices (with the ones marked superseded), the shown codes.
    Underscored keys are evidence for ``extract_product``'s reconciliation, popped there."""
    d: dict[str, Any] = {}
    h1 = tree.xpath("//h1")
    if h1:
        d["name"] = " ".join(h1[0].text_content().split()) or None
    _itemprop_fields(tree, d)
    extra = _spec_row_fields(tree, d)
    candidates = tree.xpath(_PRICE_XPATH)
    # a price class repeated many times belongs to a product grid / carousel (recommendations), not to the
    # product of the page
    class_values: dict[str, set] = {}
    for el in candidates[:400]:
        cls = el.get("class")
        if cls:
            class_values.setdefault(cls, set()).add(" ".join(el.text_content().split())[:40])
    d["_old_prices"] = _marked_old_prices(tree, candidates)
    # grid_title_block: the one amount of a grid's class that shares the title's block with no other is the product's
    grids = {cls for cls, values in class_values.items() if len(values) >= 4}
    alone = {
        P.alone_by_title([c for c in candidates[:400] if c.get("class") == cls], h1[0] if h1 else None) for cls in grids
    }
    _first_prices(candidates[:60], class_values, alone, d)
    if d.get("brand"):
        d["brand"] = clean_brand(d["brand"])
    text = None
    if rule("sku_text_label"):
        text = _short_text(tree)
        m = _SKU_RE.search(text)
        if m and re.search(r"\d", m.group(1)):
            d["_label_sku"] = m.group(1).rstrip(".")
            d["sku"] = d.get("sku") or d["_label_sku"]
    _visible_sku_labels(tree, d, extra, text)
    d["_text"] = text if text is not None or not rule("visible_rating") else _short_text(tree)
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


def _itemprop_fields(tree, d: dict) -> None:
    """Microdata fragments outside an itemscope and RDFa-ish attributes: the first non-empty value of each field."""
    for prop, key in _ITEMPROP_FIELDS:
        els = tree.xpath(f"//*[@itemprop='{prop}' or @property='product:{prop}' or @property='{prop}']")
        for el in els:
            val = el.get("content") or el.get("href") or el.get("value") or el.text_content()
            val = " ".join((val or "").split())
            if not val:
                continue
            if key == "currency":
                val = norm_currency(val)
            elif key == "availability":
                val = norm_availability(val)
            elif key in ("sku", "mpn", "gtin") and placeholder_id(val):
                continue
            if val:
                d[key] = val
                break


def _spec_row_fields(tree, d: dict) -> dict:
    """The spec rows' (labelled values') fields into ``d`` where the fragments gave none (``_spec_sku``: the row's
    sku); returns the rows kept for ``_visible_sku_labels`` (more sku / model / mpn labels)."""
    labelled = label_values(tree) if rule("spec_labels") else {}
    extra = {k: labelled.pop(k) for k in ("sku_more", "sku_form", "model", "mpn_more") if k in labelled}
    isbn10 = re.sub(r"[^\dX]", "", labelled.pop("isbn10", "").upper())
    if isbn10 and not labelled.get("gtin") and E.isbn10_valid(isbn10):
        labelled["gtin"] = isbn10
    _mpn_otherwise(labelled, extra)
    for key, value in labelled.items():
        if key == "gtin":
            isbn10 = re.sub(r"[^\dX]", "", value.upper())
            value = re.sub(r"\D", "", value)
            if len(value) not in (8, 12, 13, 14) and not (rule("isbn10_row") and E.isbn10_valid(isbn10)):
                continue
            value = value if len(value) in (8, 12, 13, 14) else isbn10  # isbn10_row: "ISBN-10: 0-8044-2957-X"
        if key == "mpn" and rule("mpn_spaced_code") and _SPACED_CODE.fullmatch(value):
            pass  # "HMP 2000", "175004 5066": the whole code
        elif key in ("sku", "mpn") and (" " in value and not re.search(r"\d", value.split()[0])):
            continue
        elif key in ("sku", "mpn"):
            value = value.split()[0]
            if placeholder_id(value):
                continue
        if key == "sku":
            d["_spec_sku"] = value
        if not d.get(key):
            d[key] = value
    return extra


def _marked_old_prices(tree, candidates: list) -> set[str]:
    """Prices the page marks as superseded (struck through, "old-price", "was" ...)."""
    old_prices: set[str] = set()
    for el in candidates[:60] + tree.xpath(f"//del|//s|//strike|//*[@{P.STRUCK_ATTR}]")[:20]:
        attrs = " ".join(filter(None, [el.get("class"), el.get("id")]))
        if not (P.struck_here(el) or P.names_old_price(attrs)):
            continue
        raw = " ".join(el.text_content().split())
        if raw and len(raw) <= 60:
            p = Price.fromstring(raw)
            if p.amount is not None and p.amount > 0:
                old_prices.add(norm_price(str(p.amount)))
    return old_prices


def _skipped_price_candidate(el, class_values: dict, alone: set) -> bool:
    """A candidate that is not the product's current price: a grid's amount (unless alone by the title), an old or
    other offer's price by its attributes, struck, or an element that never shows a price."""
    own = el.get("itemprop") == "price"
    grid = el.get("class") and len(class_values.get(el.get("class"), ())) >= 4
    if not own and grid and rule("grid_price_skip") and el not in alone:
        return True
    attrs = " ".join(filter(None, [el.get("class"), el.get("id"), el.get("itemprop")]))
    if not own and P.names_not_current_price(attrs) and rule("old_price_attr_skip"):
        return True
    if el.tag in ("del", "s", "strike", "script", "style", "option", "input", "select"):
        return True
    if not own and rule("class_price_off_page") and P.others_block(el):
        return True
    return (not own and P.another_offer(el)) or P.struck_here(el)


def _first_prices(candidates: list, class_values: dict, alone: set, d: dict) -> None:
    """The first current price (``price``, with its currency) and the first one a reader sees (``_visible_price``:
    not a ``<meta>`` / hidden microdata value; a wrapper holding several amounts, old + new, is left to its
    children)."""
    for el in candidates:
        if _skipped_price_candidate(el, class_values, alone):
            continue
        raw = el.get("content") or el.get("data-price") or P.joined_text(el)
        raw = " ".join((raw or "").split())
        if not raw or len(raw) > 60:
            continue
        p = Price.fromstring(raw)
        if p.amount is None or p.amount <= 0:
            continue
        if not d.get("price"):
            d["price"] = norm_price(str(p.amount))
            d["_price_itemprop"] = el.get("itemprop") == "price"
            if rule("data_currency_attribute") and _data_currency(el):
                d["currency"] = d.get("currency") or _data_currency(el)
            cur = norm_currency(p.currency) if p.currency else None
            if cur and not d.get("currency"):
                d["currency"] = d["_parsed_currency"] = cur
        if (
            el.tag != "meta"
            and not (el.get("content") and not el.text_content().strip())
            and not (len(el) and len(_AMOUNT_RE.findall(raw)) > 1)
        ):
            d["_visible_price"] = norm_price(str(p.amount))
            break


def _data_currency(el) -> str | None:
    """data_currency_attribute: the ISO code a price element's ``data-currency`` names, on it or on its parent (the
    one data attribute of a currency the sanitiser keeps)."""
    for node in (el, el.getparent()):
        value = (node.get("data-currency") or "").strip() if node is not None else ""
        if re.fullmatch(r"[A-Za-z]{3}", value):
            return norm_currency(value)
    return None


_SHORT_TEXT_XPATH = "//body//text()[normalize-space()][string-length() < 200]"
# rule ``sku_label_page_chrome``: not the texts of the page's footer or of a header that does not hold the title ("Ref:
# 2023/45" of a footer's legal line, a mini cart's item); asking each text whether its header holds the title costs
# milliseconds, so that is asked only of a page where a header does
_OUT_OF_CHROME = "[not(ancestor::footer or ancestor::header)]"
_OUT_OF_CHROME_TITLED = "[not(ancestor::footer or ancestor::header[not(.//h1)])]"


def _short_text(tree) -> str:
    """The page's short texts, in order, as one text (where labels and their values are searched)."""
    xpath = _SHORT_TEXT_XPATH
    if rule("sku_label_page_chrome"):
        xpath += _OUT_OF_CHROME_TITLED if tree.xpath("boolean(//header//h1)") else _OUT_OF_CHROME
    return " ".join(tree.xpath(xpath)[:4000])


def _visible_sku_labels(tree, d: dict, extra: dict, text: str | None) -> None:
    """More labels of the product's code the page shows: ``_spec_sku`` (a spec row's sku, or one of the more labels),
    ``_model_sku`` (a model number), for ``_shown_sku_over_hidden`` to weigh against a structured sku."""
    more, languages, platforms = rule("sku_labels_more"), rule("sku_labels_languages"), rule("sku_labels_platforms")
    spec = labelled_sku = d.get("_spec_sku")
    if (more or languages or platforms) and not d.get("_label_sku") and rule("sku_text_label"):
        text = text if text is not None else _short_text(tree)
        found = {v.rstrip(".") for v in _sku_more_re(more, languages, platforms).findall(text) if re.search(r"\d", v)}
        if len(found) == 1:  # several codes (a listing's cards) conflict: none is named
            d["_label_sku"] = found.pop()
    # "sku_form": ``sku_spec_label_forms`` / ``sku_labels_languages``'s rows, only where the text search for a label
    # ran and found none (so that they never stand in for ``sku_text_label`` in the ablation)
    form = rule("sku_text_label") and not d.get("_label_sku")
    for key in ("sku_more", "sku_form"):
        if (more if key == "sku_more" else form) and not spec and extra.get(key):
            token = extra[key].split()[0]
            spec = token if re.search(r"\d", token) else None
    d["_spec_sku"] = spec or labelled_sku
    d["sku"] = d.get("sku") or d.get("_label_sku") or d["_spec_sku"]
    if rule("sku_label_no_colon"):  # read only where the page names no sku otherwise (``_sku_otherwise``)
        text = text if text is not None else _short_text(tree)
        d["_bare_sku"] = SK.label_without_colon(text, rule("sku_labels_platforms"))
    if rule("sku_model_label"):
        model = _row_model_code(extra.get("model"))
        text = text if text is not None else _short_text(tree)
        shown = {code for v in _MODEL_RE.findall(text) if (code := _model_code(v))}
        # several model numbers shown (a listing's cards, a comparison) conflict: none is named
        d["_model_sku"] = None if len(shown | {model} - {None}) > 1 else model or next(iter(shown), None)


def _breadcrumbs(st: S.Structured) -> list[str]:
    for node in S.nodes_of_type(st.jsonld, "BreadcrumbList"):
        items = node.get("itemListElement")
        if not isinstance(items, list):
            continue

        def pos(i):
            try:
                return float(i.get("position"))
            except (TypeError, ValueError):
                return 0.0

        names = []
        for it in sorted((i for i in items if isinstance(i, dict)), key=pos):
            name = S.as_text(it.get("name")) or S.as_text(it.get("item"))
            if name:
                names.append(name)
        if names:
            return names
    return []


def _south_african(tree, url: str | None) -> bool:
    """The host's country (.co.za) or the page's language tag ("en-ZA", "af") says South Africa."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    lang = (root.get("lang") or "").lower().replace("_", "-")
    return _currency_from_url(url) == "ZAR" or lang.endswith("-za") or lang == "af"


def _local_currency(tree, url: str | None) -> str | None:
    """The currency of the shop's country: its host's (``_currency_from_url``), or its language tag's region
    ("ar-KW", "fr_TN")."""
    return _currency_from_url(url) or _TLD_CURRENCY.get(_lang_parts(tree)[1])


def _lang_parts(tree) -> tuple[str, str]:
    """The page's language tag as (language, region): "es-CO" -> ("es", "co"), "nb" -> ("nb", ""); a tag with a
    script ("zh-Hant-TW" -> ("zh", "tw"), ``language_tag_script``); a tag without a region completed by the page's
    og:locale or language meta ("en_CA", ``og_locale_region``)."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    language, region = _tag_parts(root.get("lang") or "")
    if not region and rule("og_locale_region"):
        for tag in root.xpath("head/meta[@property='og:locale' or @name='og:locale' or @name='language']/@content")[:2]:
            meta_language, meta_region = _tag_parts(tag)
            if meta_region and (not language or meta_language == language):
                return meta_language, meta_region
    return language, region


def _tag_parts(tag: str) -> tuple[str, str]:
    """(language, region) of a language tag ("es-CO", "en_CA", "zh-Hant-TW" with ``language_tag_script``)."""
    parts = tag.strip().lower().replace("_", "-").split("-")
    if len(parts) > 2 and len(parts[1]) == 4 and parts[1].isalpha() and rule("language_tag_script"):
        parts = parts[:1] + parts[2:]  # the script ("Hant", "Latn") between the language and the region
    return parts[0], "-".join(parts[1:])


def _language_currency(tree) -> str | None:
    """language_region_currency: the currency the page's language tag names ("es-CO" COP, "ar-EG" EGP, "nb" NOK)."""
    language, region = _lang_parts(tree)
    if language == "zh" and region in ("", "hans") and rule("language_tag_script"):
        return "CNY"  # "¥" on a Chinese page with no region (or in simplified script) is the yuan
    return _REGION_CURRENCY.get(region) or _LANGUAGE_CURRENCY.get(language)


def _currency_from_url(url: str | None) -> str | None:
    if not url:
        return None
    m = re.match(r"https?://([^/:]+)", url)
    if not m:
        return None
    host = m.group(1).lower()
    tld = host.rsplit(".", 1)[-1]
    if host.endswith(".co.uk"):
        return "GBP"
    return _TLD_CURRENCY.get(tld)


def _reconcile_price(
    data: dict, sources: dict, layers: list, old_prices: set, visible: str | None, current: str | None = None
) -> None:
    """Check the structured price against the page.

    * the structured price is shown on the page only as a superseded (struck-through /
      "old") price while the page shows a lower current price: take the current price
      and keep the structured one as ``regularPrice``;
    * the sources disagree: take the price more independent sources (JSON-LD, microdata,
      ``product:price`` meta, the visible price) agree on; a tie keeps the structured one.

    The visible price is the first amount of an element classed "price"; when the page marks that amount as
    superseded (struck, classed "original-price", after "Was") and the current price read beside the title / buy
    button (``current``) is another amount, that current price is the one the page shows."""
    chosen = data.get("price")
    if visible in old_prices and current and current not in old_prices:
        visible = current
    if (
        not rule("reconcile_price")
        or not chosen
        or not visible
        or chosen == visible
        or sources.get("price") == "heuristic"
    ):
        return
    try:
        lower = Decimal(visible) < Decimal(chosen)
    except (InvalidOperation, ValueError):
        return
    votes = [layer.get("price") for layer, _ in layers[:-1]] + [visible]
    if (chosen in old_prices and visible not in old_prices and lower) or votes.count(visible) > votes.count(chosen):
        if chosen in old_prices and not data.get("regularPrice"):
            data["regularPrice"] = chosen
            sources["regularPrice"] = sources["price"]
        data["price"] = visible
        sources["price"] = "heuristic"


def from_html(tree, url: str | None, st: S.Structured) -> tuple[dict, dict]:
    heuristic = _heuristic_product(tree, url, st)
    label_sku, bare_sku = heuristic.pop("_label_sku", None), heuristic.pop("_bare_sku", None)
    shown_skus = (heuristic.pop("_spec_sku", None), heuristic.pop("_model_sku", None))
    old_prices = heuristic.pop("_old_prices", set())
    visible_price = heuristic.pop("_visible_price", None)
    price_itemprop = heuristic.pop("_price_itemprop", False)
    parsed_currency = heuristic.pop("_parsed_currency", None)
    short_text, shown_gtin = heuristic.pop("_text", None), heuristic.get("gtin")
    layers = [
        (_jsonld_product(st, url)[0], "jsonld"),
        (_microdata_product(st, url), "microdata"),
        (_meta_product(st, url), "opengraph"),
    ]
    shown = _own_shown(tree, P.shown_prices(tree, rand=_south_african(tree, url), local=_local_currency(tree, url)))
    if rule("app_state"):
        layers.append((_app_state_product(tree, url, layers, heuristic, shown), "appstate"))
    layers.append((heuristic, "heuristic"))
    data: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for layer, source in layers:
        for key, value in layer.items():
            if value in (None, "", [], {}):
                continue
            if data.get(key) in (None, "", [], {}) and not (key in ("sku", "mpn") and placeholder_id(value)):
                data[key] = value
                sources[key] = source
    current, regular = P.current_and_regular(tree, shown)
    current, regular, sale_over_class = _sale_box_current(tree, data, sources, shown, current, regular)
    if rule("visible_struck"):
        old_prices = old_prices | {p.amount for p in shown if p.struck}
        visible_price = visible_price or (current.amount if current else None)
    # the price came from no structured layer, only from an element classed "price" (before reconciling: a
    # structured price reconciled with the visible one is not such a price)
    class_price = (
        sources.get("price") == "heuristic"
        and not price_itemprop
        and not any(_same_amount(data.get("price"), p.amount) for p in shown if _plain_current(p, shown))
    )
    _reconcile_price(data, sources, layers, old_prices, visible_price, current.amount if current else None)
    _visible_prices(data, sources, current, regular, class_price or sale_over_class, parsed_currency)
    _availability_and_offer(tree, data, sources, current)
    _withdrawn_price(tree, data, sources, current)
    sign = current.sign if current and _same_amount(data.get("price"), current.amount) else None
    _sku_currency_and_links(tree, url, st, data, sources, label_sku, sign)
    _sku_otherwise(tree, url, data, sources, bare_sku)
    _shown_sku_over_hidden(tree, data, sources, *shown_skus, label_sku)
    if not data.get("sku") and rule("sku_image_names"):
        sku = sku_from_image_names(tree, data.get("mainImage"))
        if sku:
            data["sku"], sources["sku"] = sku, "heuristic"
    _page_extras(tree, url, st, data, sources, {"gtin": shown_gtin, "text": short_text})
    data["_probability"] = product_page_probability(tree, url, st, data, shown)
    return data, sources


_OTHERS_BLOCK_LEVELS = 4  # a heading over other products stands at most this many levels below their block


def _own_shown(tree, shown: list) -> list:
    """other_products_heading_prices: the amounts shown without the blocks other products' headings open ("You may
    also like", "Related products"): their cards' amounts, even where no class names the block (a page of hashed
    CSS-in-JS classes), neither make the product's price one of a grid nor stand for it. A heading's block is its
    nearest ancestor holding an amount, all of them after the heading (the cards it stands over), never one holding
    the title (the first ``<h1>``) or the page's main part."""
    if not shown or not rule("other_products_heading_prices"):
        return shown
    headings = stock.other_products_headings(tree)
    if not headings:
        return shown
    h1 = tree.find(".//h1")
    titled = set(h1.iterancestors()) if h1 is not None else set()
    order = {el: i for i, el in enumerate(tree.find("body").iter())}
    above = {id(p): set(p.el.iterancestors()) for p in shown if p.el is not None}
    theirs: set = set()
    for heading in headings:
        for level, block in enumerate(heading.iterancestors()):
            if level >= _OTHERS_BLOCK_LEVELS or block in titled or block.tag in ("body", "html", "main"):
                break
            inside = [p for p in shown if block in above.get(id(p), ())]
            if any(p.order < order.get(heading, 0) for p in inside):
                break  # a block that holds amounts before the heading is more than its cards (the product's column)
            if inside:
                theirs.update(id(p) for p in inside)
                break
    return [p for p in shown if id(p) not in theirs]


_WORD_RE = re.compile(r"\w+")


def _plain_current(p: P.Shown, shown: list) -> bool:
    """An amount shown as a current price: not another offer's (``mechanics_offer``) and, with
    ``member_class_price``, not a members' or subscription price ("Subscribe &amp; Save: $21.24"), where the page
    shows the price everyone pays as well."""
    if p.struck:
        return False
    if p.offer and any(not q.offer and not q.struck for q in shown):
        return False  # mechanics_offer: a multi-buy's, a coupon's amount... beside the price everyone pays
    return not (p.member and rule("member_class_price") and any(not q.member and not q.struck for q in shown))


def _sale_box_current(
    tree, data: dict, sources: dict, shown: list, current: P.Shown | None, regular: P.Shown | None
) -> tuple[P.Shown | None, P.Shown | None, bool]:
    """sale_word_box: the current and regular price read with the plain amount beside a sale-marked one in its box
    ("$49.99 Sale $34.99") taken as old; only where no structured layer gave a price (the heuristic's amount, a
    "price"-classed element, is then replaced when it is that old one: the third value) or where the structured price
    is the sale amount. A structured price is never overruled."""
    old = [p for p in shown if p.sale_old]
    if not old or not rule("sale_word_box"):
        return current, regular, False
    marked = [dataclasses.replace(p, struck=True) if p.sale_old else p for p in shown]
    sale_current, sale_regular = P.current_and_regular(tree, marked)
    if sale_current is None or not any(p.sale and p.amount == sale_current.amount for p in shown):
        return current, regular, False
    price = data.get("price")
    if sources.get("price") in (None, "heuristic"):
        return sale_current, sale_regular, any(_same_amount(price, p.amount) for p in old)
    if _same_amount(price, sale_current.amount):
        return sale_current, sale_regular, False
    return current, regular, False


def _name_agreement(a: str | None, b: str | None) -> float:
    """How much two product names agree: the share of the shorter name's words found in the other (0 when either
    has fewer than two words in common with the other and they are not equal)."""
    wa, wb = set(_WORD_RE.findall((a or "").casefold())), set(_WORD_RE.findall((b or "").casefold()))
    if not wa or not wb:
        return 0.0
    common = len(wa & wb)
    if common < 2 and wa != wb:
        return 0.0
    return common / min(len(wa), len(wb))


def _app_state_product(tree, url: str | None, layers: list, heuristic: dict, shown: list) -> dict:
    """The page's product in its application state (``extractor.appstate``: the product-shaped objects the sanitiser
    kept), chosen by agreement with the other sources: its name agrees with the page's product name (or its sku with
    theirs), and its price counts only when the page or another source shows that amount (a whole number that is
    100 times a shown amount is in cents)."""
    objects = appstate.read_state(tree)
    if not objects:
        return {}
    names = [layer.get("name") for layer, _ in layers if layer.get("name")] + [heuristic.get("name")]
    skus = {layer.get("sku") for layer, _ in layers if layer.get("sku")}
    best, best_score, best_node = None, 0.0, {}
    agreeing = []  # the objects that are the page's product (its variants, when the state lists them one by one)
    for obj in objects:
        if obj.get(appstate.FROM_ATTRIBUTE) and not rule("state_from_attribute") or appstate.VARIATIONS_KEY in obj:
            continue  # (a list of variation records is no product: ``E.state_variations`` reads it)
        node = {k: v for k, v in obj.items() if k != "id" or _id_like_sku(v)}
        d = map_schema_product(node, url) if ("offers" in node or "@type" in node) else plain_fields(node, url)
        if not d.get("price"):
            d["price"], d["currency"] = _nested_amount(node.get("priceRange") or node.get("prices"))
        score = (
            1.0
            if d.get("sku") and d["sku"] in skus
            else max((_name_agreement(d.get("name"), n) for n in names), default=0)
        )
        if obj.get(appstate.FROM_ATTRIBUTE) and score < 1:
            continue  # an attribute is as often a product card's ("Related products"): its whole name must agree
        if score >= 0.75:
            agreeing.append(node)
        if score >= 0.75 and score > best_score:
            best, best_score, best_node = d, score, node
    if best is None:
        return {}
    amounts = [p.amount for p in shown if not p.struck] + [
        layer.get("price") for layer, _ in layers if layer.get("price")
    ]
    price = best.pop("price", None)
    best.pop("regularPrice", None)
    scale = None  # how the state writes amounts, once one of them is confirmed by the page: 1, or 100 (cents)
    if price and any(_same_amount(price, a) for a in amounts):
        best["price"], scale = price, 1
    elif price and re.fullmatch(r"\d+", price):
        cents = norm_price(str(Decimal(price) / 100))
        best["price"] = next((a for a in amounts if _same_amount(cents, a)), None)  # as the page writes it
        scale = 100 if best["price"] else None
    if not best.get("price"):
        best.pop("currency", None)
    best["rating"] = _state_rating(best_node) if rule("state_rating") else None
    best["variants"] = _app_state_variants(best_node, url, scale)
    if not best["variants"] and len({str(n.get("sku")) for n in agreeing if n.get("sku")}) >= 2:
        best["variants"] = _app_state_variants({"variants": agreeing}, url, scale)
    variant_skus = {v["sku"] for v in best["variants"] if v.get("sku")}
    if not best.get("sku") and len(variant_skus) == 1 and rule("single_variant_sku"):
        best["sku"] = variant_skus.pop()  # a product sold in one variant is known by that variant's sku
    if best.get("sku") and re.fullmatch(r"0{4,}[1-9]\d*", best["sku"]):
        best["sku"] = best["sku"].lstrip("0")  # a number padded to a fixed width (18 digits in SAP) is shown unpadded
    return {k: v for k, v in best.items() if k in _APP_STATE_FIELDS}


def _id_like_sku(value: Any) -> bool:
    """An application's ``id`` is a sku only when it reads like one ("SS24-SD-3.0"): letters and digits, short; a
    number, a uuid or a "gid://..." is the application's database key."""
    return (
        isinstance(value, str)
        and len(value) <= 24
        and bool(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", value))
        and bool(re.search(r"[A-Za-z]", value))
        and bool(re.search(r"\d", value))
        and not re.fullmatch(r"[0-9a-f-]{16,}", value)
    )


def _nested_amount(value: Any, depth: int = 0) -> tuple[str | None, str | None]:
    """The first amount in a price object ({"minVariantPrice": {"amount": "22.0", "currencyCode": "USD"}}, ...)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, dict) or depth > 3:
        return None, None
    for key in ("amount", "value", "price"):
        if isinstance(value.get(key), (str, int, float)) and norm_price(value[key]):
            currency = next((value[k] for k in ("currencyCode", "currency") if isinstance(value.get(k), str)), None)
            return norm_price(value[key]), norm_currency(currency)
    for child in value.values():
        if isinstance(child, (dict, list)):
            found = _nested_amount(child, depth + 1)
            if found[0]:
                return found
    return None, None


# what the application state may give: identifiers, offer and stock (its names, texts, urls and images are often a
# router's paths, html fragments or thumbnails)
_APP_STATE_FIELDS = ("brand", "sku", "mpn", "gtin", "price", "currency", "availability", "variants", "rating")
# a state product's rating: its value, count and scale, as keys of its own or of a rating / reviews object
_RATING_VALUE_KEYS = ("ratingValue", "averageRating", "average_rating", "avgRating", "ratingAverage", "rating")
_RATING_INNER_VALUE_KEYS = ("ratingValue", "average", "averageRating", "avg", "value", "rating", "score")
_RATING_COUNT_KEYS = ("reviewCount", "ratingCount", "reviewsCount", "ratingsCount", "numberOfReviews", "totalReviews")
_RATING_INNER_COUNT_KEYS = ("reviewCount", "ratingCount", "count", "total", "totalReviews", "totalCount")
_RATING_SCALE_KEYS = ("bestRating", "ratingScale", "maxRating", "ratingMax", "scale", "outOf")
_RATING_OBJECT_KEYS = ("aggregateRating", "rating", "reviews", "ratings", "reviewSummary", "reviewStatistics")


def _state_number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _first_state_number(obj: dict, keys: tuple[str, ...]) -> float | None:
    return next((n for k in keys if (n := _state_number(obj.get(k))) is not None), None)


def _state_rating(node: dict) -> dict | None:
    """state_rating: a state product's rating ({value, count}) from its own keys (``rating``, ``averageRating``,
    ``reviewCount``...) or a rating / reviews object (``reviews: {average, count}``, ``aggregateRating``). A value
    on a stated scale (``bestRating`` / ``ratingScale`` 10 or 100) is read down to 5; with no scale a value outside
    0–5 is refused (a percentage, a score of 10 unsaid), and so is a rating of nothing (0, or 0 reviews: a
    template's default) and one with no count of ratings (a platform's own "rating" attribute, a merchandiser's)."""
    inner = [node[k] for k in _RATING_OBJECT_KEYS if isinstance(node.get(k), dict)]
    places = [(node, _RATING_VALUE_KEYS, _RATING_COUNT_KEYS)] + [
        (obj, _RATING_INNER_VALUE_KEYS, _RATING_INNER_COUNT_KEYS) for obj in inner
    ]
    value = count = scale = None
    for obj, value_keys, count_keys in places:
        value = value if value is not None else _first_state_number(obj, value_keys)
        count = count if count is not None else _first_state_number(obj, count_keys)
        scale = scale or next((v for k in _RATING_SCALE_KEYS if (v := _state_number(obj.get(k)))), None)
    if value is None or value <= 0 or count is None or count <= 0 or count != int(count):
        return None  # no count: a template's field (a merchandiser's "rating": 5), not the shoppers' average
    if scale and scale != 5:
        if scale not in (10, 100) or value > scale:
            return None
        value = round(value / scale * 5, 2)
    if value > 5:
        return None
    return {"value": value, "count": int(count)}


def _option_values(variant: dict, option_names: list) -> dict:
    """A variant's colour and size: named options ({"name": "Color", "value": "Blue"}), numbered ones (``option1``
    named by the product's ``options``), or plain ``color`` / ``colour`` / ``size`` keys."""
    pairs = []
    for opt in variant.get("selectedOptions") or []:
        if isinstance(opt, dict):
            pairs.append((S.as_text(opt.get("name")), S.as_text(opt.get("value"))))
    for i, name in enumerate(option_names[:3], start=1):
        pairs.append((name, S.as_text(variant.get(f"option{i}"))))
    pairs += [(key, S.as_text(variant.get(key))) for key in ("color", "colour", "size")]
    out: dict[str, str] = {}
    for name, value in pairs:
        key = (name or "").casefold()
        field = "color" if key in ("color", "colour", "farbe", "couleur", "colore", "kleur") else None
        field = "size" if key in ("size", "größe", "grösse", "taille", "taglia", "talla", "maat") else field
        if field and value and field not in out:
            out[field] = value
    return out


def _app_state_variants(node: dict, url: str | None, scale: int | None) -> list[dict]:
    """The variants listed in the chosen state object (``variants``: a list, or GraphQL ``edges``/``nodes``); their
    prices only in the scale the page confirmed for the product's own price."""
    raw = node.get("variants")
    if isinstance(raw, dict):
        raw = raw.get("nodes") or [e.get("node") for e in raw.get("edges") or [] if isinstance(e, dict)]
    if not isinstance(raw, list):
        return []
    options = node.get("options") or []
    option_names = [S.as_text(o.get("name")) if isinstance(o, dict) else S.as_text(o) for o in options]
    out = []
    for v in raw:
        if not isinstance(v, dict):
            continue
        d = plain_fields({k: x for k, x in v.items() if k != "id" or _id_like_sku(x)}, url)
        price = d.get("price") or _nested_amount(v.get("price"))[0]
        if price and scale:
            d["price"] = norm_price(str(Decimal(price) / scale))
        else:
            d.pop("price", None)
            d.pop("currency", None)
        d["image"] = d.get("mainImage") or S.as_url(_nested_src(v.get("featured_image") or v.get("image")), url)
        d.update(_option_values(v, option_names))
        item = {k: d.get(k) for k in VARIANT_FIELDS if d.get(k)}
        if item.get("sku") or item.get("price"):
            out.append(item)
    return out


def _nested_src(value: Any) -> Any:
    return value.get("src") or value.get("url") if isinstance(value, dict) else value


def _shown_sku_over_hidden(
    tree, data: dict, sources: dict, spec_sku: str | None, model_sku: str | None, label_sku: str | None
) -> None:
    """A product code the page shows beside its label (a spec row's sku, else a model number) over a structured sku
    the reader never sees (an internal id), and a model number as the sku of a page that names no other
    (rules ``spec_sku_over_structured``, ``sku_model_label``). Only where the text search for a label ran and found
    none: a labelled code is ``visible_sku_over_structured``'s, and a rule that stands in for another when that one
    is switched off would hide both from the leave-one-shop-out judgement."""
    if label_sku or not rule("sku_text_label"):
        return
    shown = spec_sku if rule("spec_sku_over_structured") else None
    if sources.get("sku") == "heuristic" or not (shown or model_sku):
        return
    if not data.get("sku"):
        if model_sku:
            data["sku"], sources["sku"] = model_sku, "heuristic"
        return
    if data["sku"] in (shown, model_sku):
        return
    body = tree.find("body")
    visible = (
        " ".join(body.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]")) if body is not None else ""
    )
    # a structured value of several words is a malformed field (``sku_first_token``'s), not an internal id
    if " " in str(data["sku"]).strip() or str(data["sku"]).lower() in visible.lower():
        return
    # a model number stands for the product over a structured sku only when that sku is a bare internal number
    if shown or str(data["sku"]).isdigit():
        data["sku"], sources["sku"] = shown or model_sku, "heuristic"


def _family_member(tree, url: str | None, currency: str, sign: str | None) -> str:
    """symbol_family: the member of the family of the read ``currency`` that the shop's country names (its host's,
    else a family code the page writes, else its language tag's: ``language_region_currency``). The rupee family and
    the language tag need the amount written with the family's bare sign (``sign``: "$", "kr", "¥", "Rs."; "US$",
    "₹", "円" name their own currency)."""
    family = _SYMBOL_FAMILIES[currency]
    bare = sign in _BARE_SIGNS[currency]
    if currency in ("INR", "DKK", "XOF") and not bare:
        return currency  # "₹", "DKK": the rupee family and "kr." are new here, read only from the bare sign
    host = local = _currency_from_url(url)
    if local not in family and rule("currency_named_on_page"):
        local = _family_code_shown(tree, family | {currency})
    if local is None and rule("currency_named_in_words"):  # a code the page writes ("USD") comes first
        local = _family_name_shown(tree, family | {currency})
    if host is None and local is None and bare and rule("language_region_currency"):
        local = _language_currency(tree)
    return local if local in family else currency


def _sku_otherwise(tree, url: str | None, data: dict, sources: dict, bare_sku: str | None) -> None:
    """A page that names no sku by a structured layer or a label: a label without a colon (``bare_sku``, read with
    the other labels), the bare code of a "sku" element, a hidden input named for it, an id-like URL token, the
    add-to-cart form's product id (in that order)."""
    readers = (
        ("sku_label_no_colon", lambda t: bare_sku),
        ("sku_class_value", SK.sku_from_class_values),
        ("sku_form_input", SK.sku_from_form_inputs),
        ("sku_from_url", lambda t: sku_from_url(url, lxml.html.tostring(t, encoding="unicode"))),
        ("sku_cart_form", lambda t: sku_from_cart_form(_form_fields(t))),
    )
    for name, reader in readers:
        sku = reader(tree) if not data.get("sku") and rule(name) else None
        if sku and (name in ("sku_from_url", "sku_cart_form") or not placeholder_id(sku)):
            data["sku"], sources["sku"] = sku, "heuristic"


def _sku_currency_and_links(
    tree, url: str | None, st: S.Structured, data: dict, sources: dict, label_sku, sign: str | None = None
) -> None:
    """The last fields, after the price: a visible sku label over a structured internal id, the currency from the
    shop's country where the price has none, an id-like URL token as sku, breadcrumbs, the product's url."""
    if (
        label_sku
        and data.get("sku")
        and data["sku"] != label_sku
        and sources.get("sku") != "heuristic"
        and rule("visible_sku_over_structured")
    ):
        data["sku"], sources["sku"] = label_sku, "heuristic"
    # currency belongs with the price: prefer the currency from the price's layer
    if data.get("price") and not data.get("currency") and rule("currency_from_tld"):
        guess = _currency_from_url(url)
        if guess == "IRR" and "تومان" in tree.xpath("string(//body)"):
            guess = None  # an amount in tomans (ten rials, no code of its own) is not one in rials
        if guess:
            data["currency"] = guess
            sources["currency"] = "heuristic"
    elif sources.get("currency") == "heuristic" and data.get("currency") in _SYMBOL_FAMILIES and rule("symbol_family"):
        data["currency"] = _family_member(tree, url, data["currency"], sign)
    crumbs = _breadcrumbs(st)
    if crumbs:
        data["breadcrumbs"] = crumbs
        sources["breadcrumbs"] = "jsonld"
    _default_url(data, sources, url)
    canon = tree.xpath("//link[@rel='canonical']/@href")
    if not data.get("url") and canon and (joined := S.join_url(url, canon[0])) is not None:
        data["url"] = joined
        sources["url"] = "heuristic"


_FEATURES_HEADING_RE = re.compile(
    r"^\s*(?:key\s+|product\s+|main\s+)?(?:features|highlights|feature\s+bullets|caract[ée]ristiques(?:\s+principales)?|"
    r"merkmale|produktmerkmale|caracter[íi]sticas(?:\s+principales)?|caratteristiche(?:\s+principali)?|"
    r"kenmerken|funktionen|особенности)\s*:?\s*$",
    re.IGNORECASE,
)
# features_heading_languages: the heading in more languages ("Cechy produktu", "Egenskaper", "Vlastnosti", "特長")
_FEATURES_HEADING_MORE_RE = re.compile(
    r"^\s*(?:produktets\s+|produktens\s+|tuotteen\s+)?(?:cechy(?:\s+produktu)?|egenskaper|egenskaber|vlastnosti|"
    r"ominaisuudet|kenmerken|características|funcionalidades|jellemzők|özellikler|χαρακτηριστικά|特長|特徴|主な特長|"
    r"产品特点|產品特色|주요\s*특징|zalety|fördelar|fordele|výhody)\s*:?\s*$",
    re.IGNORECASE,
)
# plain contains() in the usual spellings: translate() over every element of a page costs milliseconds
_FEATURE_LIST_XPATH = (
    "//ul[contains(@id,'feature') or contains(@id,'Feature') or contains(@class,'feature') or "
    "contains(@class,'Feature') or contains(@class,'highlights') or contains(@class,'Highlights')]"
)


def _list_items(ul) -> list[str]:
    items = [" ".join(li.text_content().split()) for li in ul.iter("li")][:30]
    return [t for t in items if 3 <= len(t) <= 400]


def _features_heading(text: str) -> bool:
    return bool(
        _FEATURES_HEADING_RE.match(text)
        or (rule("features_heading_languages") and _FEATURES_HEADING_MORE_RE.match(text))
    )


def _features(tree) -> list[str]:
    """The product's feature bullets: a list under a "Features" / "Highlights" / "Caractéristiques" ... heading, or a
    list the page classes as features."""
    for heading in tree.iter("h2", "h3", "h4", "h5", "dt", "strong", "b"):
        text = heading.text
        if text and len(text) < 40 and not len(heading) and _features_heading(text):
            following = heading.getnext()
            hops = 0
            while following is not None and following.tag != "ul" and hops < 2:
                found = following.find(".//ul")
                if found is not None:
                    following = found
                    break
                following, hops = following.getnext(), hops + 1
            if following is None and heading.getparent() is not None:
                following = heading.getparent().getnext()
                following = following if following is not None and following.tag == "ul" else None
            items = _list_items(following) if following is not None and following.tag == "ul" else []
            if items:
                return items
    for ul in tree.xpath(_FEATURE_LIST_XPATH)[:3]:
        items = _list_items(ul)
        if len(items) >= 2:
            return items
    return []


def _crumb_marked(el) -> bool:
    if any("readcrumb" in (el.get(a) or "") for a in ("class", "id", "aria-label")):
        return True
    # crumb_marked_type: an RDFa / microdata trail is marked by its type ("typeof='BreadcrumbList'")
    return rule("crumb_marked_type") and "BreadcrumbList" in (el.get("typeof") or el.get("itemtype") or "")


def _visible_breadcrumbs(tree) -> list[str]:
    """The trail the page shows: the links of a list or ``nav`` labelled or classed "breadcrumb" (or inside an element
    that is)."""
    for el in tree.xpath("//nav|//ol|//ul")[:300]:
        parent = el.getparent()
        if not (_crumb_marked(el) or (parent is not None and _crumb_marked(parent))):
            continue
        names = [" ".join(a.text_content().split()) for a in el.iter("a")]
        names = [n for n in names if n and len(n) <= 100]
        if names:
            return names[:12]
    if rule("crumb_marked_div"):  # a div classed or named as the trail, its links directly in it
        for el in tree.xpath(_CRUMB_DIV_XPATH)[:5]:
            names = [" ".join(a.text_content().split()) for a in el.iterchildren("a")]
            names = [n for n in names if n and len(n) <= 100]
            if len(names) >= 2:
                return names[:12]
    return []


_CRUMB_DIV_XPATH = "//div[contains(@class,'readcrumb') or contains(@id,'readcrumb')][a]"


_ARTICLE_TYPES = ("Article", "NewsArticle", "BlogPosting", "Recipe", "HowTo", "QAPage", "FAQPage")
# (signal, weight) of the product-page probability, a logistic over the sum of the weights of the signals present.
# Fitted by bench/fit_probability.py: an L2-penalised (1.0) logistic regression on the 1,563 pages of
# `bench-quality --only probability` (every webpages-dev page, a product page when WCXB says so, and products-dev), the
# signal set chosen by its log loss out of fold, five folds that each leave a fifth of the sites out. Out of fold the
# fit has log loss 0.079 (hand-set weights 0.140), AUC 0.984 (0.965), at 0.5 precision 0.926 (0.905), recall 0.811
# (0.827); see README "bench-quality". Of page_signals' other signals, breadcrumbs, brand, gtin / mpn and images were
# tried and left out (they did not lower the log loss).
_PAGE_WEIGHTS = {
    "bias": -4.29,
    "one_product": 2.36,  # exactly one product named by the structured data
    "several_products": -1.42,  # three or more: a listing / collection
    "offer": 0.88,  # a structured price (JSON-LD / microdata offers, product:price meta)
    "og_product": 1.66,  # og:type product
    "buy_button": 0.46,  # an enabled "add to cart" / "buy" button outside navigation and recommendations
    "price": 1.87,  # a price found at all
    "price_grid": -0.40,  # eight or more different amounts shown: a grid of products
    "article": -1.85,  # og:type article or an Article / Recipe / FAQ node
    "cart_form": 0.84,  # a form that posts one product id to the cart (a listing's quick-add forms post several)
    "quantity_input": 1.01,  # an input / select named quantity or qty
    "sku": 1.83,  # an sku found at all
    "availability": 1.35,  # an availability found at all
    "product_url": 3.00,  # the url's path names one product ("/product/drill-18v", "/p/123")
    "one_h1": -0.68,  # exactly one h1: articles and service pages have one more often than product pages
}
# a path segment that names one product ("/product/drill-18v", "/p/123", "/dp/B0...", "/produkt/..."), followed by
# another segment ("/products" alone is a listing)
_PRODUCT_PATH_RE = re.compile(r"/(?:products?|p|dp|item|produkt|produit|producto|prodotto|artikel)/[^/]+", re.I)
_QUANTITY_FIELDS = {"qty", "quantity", "qty_input", "quantity_input"}


def product_page_probability(tree, url: str | None, st: S.Structured, data: dict, shown: list) -> float:
    """How sure the pipeline is that the page is one product's page (not a listing, an article or a service page),
    so that a client can tell "not a product page" from "a product with no price"."""
    signals = page_signals(tree, url, st, data, shown)
    z = sum(_PAGE_WEIGHTS[k] for k, on in signals.items() if on and k in _PAGE_WEIGHTS)
    return round(1 / (1 + math.exp(-z)), 3)


def page_signals(tree, url: str | None, st: S.Structured, data: dict, shown: list) -> dict[str, bool]:
    """The yes/no signals the product-page probability weighs (bench/fit_probability.py refits their weights)."""
    product_nodes = S.nodes_of_type(st.jsonld, *PRODUCT_TYPES)
    names = {(S.as_text(n.get("name")) or "").casefold() for n in product_nodes}
    names |= {
        (S.as_text(S.micro_props(i).get("name")) or "").casefold()
        for i in st.microdata
        if set(S.type_names({"@type": i.get("type")})) & set(PRODUCT_TYPES)
    }
    og_type = (st.meta_first("og:type") or "").lower()
    return {
        "bias": True,
        "one_product": len(names) == 1,
        "several_products": len(names) >= 3,
        "offer": bool(
            any(_offers(n) for n in product_nodes)
            or any(set(S.type_names({"@type": i.get("type")})) & set(OFFER_TYPES) for i in st.microdata)
            or st.meta_first("product:price:amount", "og:price:amount")
        ),
        "og_product": og_type.startswith("product") or og_type == "og:product",
        "buy_button": any(enabled for enabled, _ in stock.buy_buttons(tree)),
        "price": bool(data.get("price")),
        "price_grid": len({p.amount for p in shown if not p.struck}) >= 8,
        "article": og_type == "article" or bool(S.nodes_of_type(st.jsonld, *_ARTICLE_TYPES)),
        "cart_form": len({v for name, v in _form_fields(tree) if name in _CART_ID_FIELDS and v}) == 1,
        "quantity_input": any(
            (el.get("name") or "").lower().rstrip("[]") in _QUANTITY_FIELDS for el in tree.iter("input", "select")
        ),
        "sku": bool(data.get("sku")),
        "breadcrumbs": bool(data.get("breadcrumbs")),
        "availability": bool(data.get("availability")),
        "brand": bool(data.get("brand")),
        "gtin": bool(data.get("gtin") or data.get("mpn")),
        "images": bool(data.get("images")),
        "one_h1": len(list(islice(tree.iter("h1"), 2))) == 1,
        "product_url": bool(_PRODUCT_PATH_RE.search(urlparse(url or "").path)),
    }


def _family_code_shown(tree, family: set) -> str | None:
    """The one currency code of a symbol's family the page's text writes ("You are now shopping in the currency AUD",
    "AUD $"); None when it writes none or several (a currency picker listing them all)."""
    body = tree.find("body")
    if body is None:
        return None
    glued = lxml.etree.tostring(body, method="text", encoding="unicode")  # fast, but texts run into each other
    candidates = [c for c in family if c in glued]
    if not candidates:
        return None
    text = "\n".join(body.itertext())
    seen = [c for c in candidates if re.search(rf"(?<![A-Za-z]){c}(?![A-Za-z])", text)]
    if len(seen) > 1 and rule("currency_picker_choice"):
        return _family_code_chosen(tree, set(seen))
    return seen[0] if len(seen) == 1 else None


# currency_picker_choice: a currency picker's chosen entry — its selected option, or the entry its class or ARIA marks as
# the current one ("<option value='CAD' selected>CAD $</option>", "<li class='active'><a>$ USD</a></li>")
_CHOSEN_XPATH = (
    "//option[@selected]|//*[@aria-selected='true' or @aria-current='true' or @aria-current='page']|"
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' active ') or "
    "contains(concat(' ', normalize-space(@class), ' '), ' selected ') or "
    "contains(concat(' ', normalize-space(@class), ' '), ' current ')]"
)


def _family_code_chosen(tree, codes: set) -> str | None:
    """The one of ``codes`` (a symbol family's codes a currency picker lists) that the picker marks as chosen, its
    entry's whole text or value being that code with a sign at most; None when none or several are marked."""
    chosen = set()
    for el in tree.xpath(_CHOSEN_XPATH):
        for value in (el.get("value") or "", " ".join(el.text_content().split())):
            words = re.findall(r"[A-Za-z]{3}", value)
            if len(words) == 1 and words[0] in codes and len(value) <= 8:
                chosen.add(words[0])
    return chosen.pop() if len(chosen) == 1 else None


# currency_named_in_words: a family member's name as a shop writes it ("All prices are in Canadian dollars", "Preise in
# Schweizer Franken" is no family's), in the languages of the countries that use it and in English
_CURRENCY_NAMES = {
    "USD": r"US dollars?|U\.S\. dollars?|American dollars?|dólares estadounidenses|dollars américains",
    "CAD": r"Canadian dollars?|dollars? canadiens?",
    "AUD": r"Australian dollars?",
    "NZD": r"New Zealand dollars?",
    "SGD": r"Singapore dollars?",
    "HKD": r"Hong Kong dollars?|港幣|港元",
    "TWD": r"New Taiwan dollars?|Taiwan dollars?|新台幣|新臺幣",
    "MXN": r"pesos mexicanos|Mexican pesos?",
    "ARS": r"pesos argentinos|Argentine pesos?",
    "CLP": r"pesos chilenos|Chilean pesos?",
    "COP": r"pesos colombianos|Colombian pesos?",
    "UYU": r"pesos uruguayos|Uruguayan pesos?",
    "SEK": r"svenska kronor|Swedish kronor|Swedish krona",
    "DKK": r"danske kroner|Danish kroner|Danish krone",
    "NOK": r"norske kroner|Norwegian kroner|Norwegian krone",
    "ISK": r"íslenskar krónur|Icelandic krónur|Icelandic kron[ae]",
    "JPY": r"Japanese yen|日本円",
    "CNY": r"Chinese yuan|renminbi|人民币|人民幣",
    "INR": r"Indian rupees?",
    "PKR": r"Pakistani rupees?",
    "LKR": r"Sri Lankan rupees?",
    "NPR": r"Nepalese rupees?|Nepali rupees?",
}
_CURRENCY_NAME_RES = {
    code: re.compile(rf"(?<!\w)(?:{names})(?!\w)", re.IGNORECASE) for code, names in _CURRENCY_NAMES.items()
}


def _family_name_shown(tree, family: set) -> str | None:
    """The one member of a symbol's family whose name the page's text writes ("All prices in Canadian dollars",
    "Priser i norske kroner"); None when it writes none or several (a currency picker's list)."""
    body = tree.find("body")
    if body is None:
        return None
    text = "\n".join(body.itertext())  # not the glued text: "dollarsAdd to cart" would hide the word's end
    seen = [c for c in sorted(family) if c in _CURRENCY_NAME_RES and _CURRENCY_NAME_RES[c].search(text)]
    return seen[0] if len(seen) == 1 else None


def _page_extras(tree, url: str | None, st: S.Structured, data: dict, sources: dict, seen: dict) -> None:
    """Fields only the visible page gives, when no structured source did: feature bullets, the breadcrumb trail (a
    microdata one first), a rating written as text, colour / size and variants, the main image; and the gtin's type
    (or no gtin, ``E.checked_gtin``). ``seen``: the heuristic layer's evidence (its gtin, the page's short text)."""
    found = {"features": lambda: _features(tree)}
    if rule("microdata_breadcrumbs"):
        found["breadcrumbs"] = lambda: E.microdata_breadcrumbs(st)
    if rule("visible_rating") and seen.get("text") is not None:
        found["rating"] = lambda: E.page_rating(tree, seen["text"])
    if rule("visible_main_image"):
        found["mainImage"] = lambda: E.visible_main_image(tree, url)
    for key, read in found.items():
        if not data.get(key) and (value := read()):
            data[key], sources[key] = value, "microdata" if key == "breadcrumbs" else "heuristic"
    if not data.get("breadcrumbs"):
        crumbs = _visible_breadcrumbs(tree)
        if crumbs:
            data["breadcrumbs"], sources["breadcrumbs"] = crumbs, "heuristic"
    if data.get("mainImage") and not data.get("images"):
        data["images"], sources["images"] = [data["mainImage"]], sources["mainImage"]
    _colour_size_variants(tree, data, sources)
    if data.get("gtin") and sources.get("gtinType") != sources.get("gtin"):  # the type of the gtin that was kept
        data["gtinType"], sources["gtinType"] = gtin_type(data["gtin"]), sources["gtin"]
    E.checked_gtin(data, sources, seen.get("gtin"))
    if not data.get("gtin"):
        data.pop("gtinType", None)


def _colour_size_variants(tree, data: dict, sources: dict) -> None:
    """A spec row's colour / size (``spec_colour_size``), else the picker's chosen one, and the variation records of
    the variation form (``state_variations``), else the picker's variants (``picker_variants``), where no structured
    source gave them."""
    rows = E.spec_colour_size(tree) if rule("spec_colour_size") else {}
    chosen, variants = E.picker_fields(tree) if rule("picker_variants") else ({}, [])
    for key in ("color", "size"):
        value = rows.get(key) or chosen.get(key)
        if value and not data.get(key):
            data[key], sources[key] = value, "heuristic"
    if data.get("variants"):
        return  # (the variation records are read only for a page no other source gave variants)
    source = "heuristic"
    if rule("state_variations") and (records := E.state_variations(tree, data.get("currency"), norm_price)):
        variants, source = records, "appstate"
    if variants:
        data["variants"], sources["variants"] = variants, source


def _visible_prices(
    data: dict,
    sources: dict,
    current: P.Shown | None,
    regular: P.Shown | None,
    class_price: bool = False,
    parsed_currency: str | None = None,
) -> None:
    """The price shown beside the title / buy button when nothing else gave one (or only an element classed "price"
    whose amount the page shows nowhere as a current price: misread, hidden, or struck), the currency the page
    writes beside the price, and the struck price beside it."""
    replace = not data.get("price") or (class_price and rule("visible_over_class_price"))
    if current and replace and rule("visible_price"):
        data["price"], sources["price"] = current.amount, "heuristic"
        if current.currency and not _member_named(data, current):
            data["currency"], sources["currency"] = current.currency, "heuristic"
    elif (
        current
        and current.currency
        and (not data.get("currency") or _parser_currency_differs(data, sources, current, parsed_currency))
        and _same_amount(data.get("price"), current.amount)
        and rule("visible_price")
    ):
        data["currency"], sources["currency"] = current.currency, "heuristic"
    if (
        regular
        and current
        and not data.get("regularPrice")
        and rule("visible_regular")
        and _same_amount(data.get("price"), current.amount)
    ):
        data["regularPrice"], sources["regularPrice"] = regular.amount, "heuristic"


def _member_named(data: dict, current: P.Shown) -> bool:
    """structured_currency_family: a "$" / "kr" / "¥" shown where the page's markup names a member of that sign's
    family (``<meta property="priceCurrency" content="NZD">``, ``data-currency="CAD"``) is an amount in that member."""
    family = _SYMBOL_FAMILIES.get(current.currency or "", set())
    return (
        data.get("currency") in family
        and current.sign in _BARE_SIGNS[current.currency]
        and rule("structured_currency_family")
    )


def _parser_currency_differs(data: dict, sources: dict, current: P.Shown, parsed: str | None) -> bool:
    """shown_currency_over_parser: the currency price-parser read from an element classed "price" ("E£ 1,299" as £,
    "MX$" as $, "499 kr." as kr, "бел. руб." as руб.) gives way to the one the page's own reader read beside the same
    amount (its signs and codes are the longer and the more)."""
    return (
        sources.get("currency") == "heuristic"
        and data.get("currency") == parsed
        and parsed != current.currency
        and rule("shown_currency_over_parser")
    )


def _availability_and_offer(tree, data: dict, sources: dict, current: P.Shown | None) -> None:
    """Availability the page shows; no price when nothing is offered (a 0, or an unavailable item whose structured
    price the page does not show)."""
    if rule("stock_class") and not data.get("availability"):
        marked = stock.class_availability(tree)
        if marked:
            data["availability"], sources["availability"] = marked, "heuristic"
    if rule("visible_stock") and not data.get("availability"):
        shown = stock.visible_availability(tree)
        if shown:
            data["availability"], sources["availability"] = shown, "heuristic"
    elif (
        rule("sold_out_disabled_buy")
        and data.get("availability") == "InStock"
        and sources.get("availability") != "heuristic"
        and len(data.get("variants") or ()) < 2
        and (shown := stock.sold_out_over_structured(tree, current.el if current else None))
    ):
        # "Sold out" by the title and the buy button disabled or none at all: a stale offer, the page's word wins
        data["availability"], sources["availability"] = shown, "heuristic"
    if rule("zero_price_none") and data.get("price") and _same_amount(data["price"], "0"):
        data.pop("price")
        sources.pop("price", None)
    if (
        rule("no_price_when_unavailable")
        and data.get("price")
        and data.get("availability") in ("OutOfStock", "Discontinued")
        and sources.get("price") != "heuristic"
        and current is None
    ):
        data.pop("price")
        sources.pop("price", None)


def _withdrawn_price(tree, data: dict, sources: dict, current: P.Shown | None) -> None:
    """no_price_when_shown_unavailable: a structured price whose offer still says in stock (stale) while the page
    shows no amount and says the item cannot be bought ("Sold out", a "Notify me" button): no price is offered, and
    the offer's "in stock" is as stale as its price (rule ``withdrawn_availability``: the page's reading replaces it)."""
    if (
        rule("no_price_when_shown_unavailable")
        and data.get("price")
        and sources.get("price") != "heuristic"
        and current is None
        and data.get("availability") not in ("OutOfStock", "Discontinued")
        and (shown := stock.visible_availability(tree)) in ("OutOfStock", "Discontinued")
    ):
        data.pop("price")
        sources.pop("price", None)
        if rule("withdrawn_availability"):
            data["availability"], sources["availability"] = shown, "heuristic"
    if (
        rule("price_on_request")
        and data.get("price")
        and sources.get("price") != "heuristic"
        and current is None
        and P.price_on_request(tree)
    ):  # a placeholder ("1", "0.01") in the structured data of a page that says its price is given on request
        data.pop("price")
        sources.pop("price", None)


def _same_amount(a: str | None, b: str | None) -> bool:
    try:
        return a is not None and b is not None and Decimal(a) == Decimal(b)
    except (InvalidOperation, ValueError):
        return False


def _default_url(data: dict, sources: dict, url: str | None) -> None:
    """A product the content gives no URL for is the one at the request's ``url``."""
    if not data.get("url") and url:
        data["url"], sources["url"] = url, "request"


_JSON_PLAIN = {
    "name": ("name", "title", "productName", "product_name", "item_name"),
    "brand": ("brand", "manufacturer", "vendor", "item_brand"),
    "sku": ("sku", "productSKU", "productID", "product_id", "id"),
    "mpn": ("mpn",),
    "gtin": ("gtin", "gtin13", "gtin12", "gtin14", "gtin8", "ean", "upc", "isbn"),
    "price": ("price", "salePrice", "sale_price", "currentPrice", "amount"),
    "regularPrice": ("regularPrice", "regular_price", "listPrice", "list_price", "originalPrice", "compareAtPrice"),
    "currency": ("currency", "priceCurrency", "currencyCode"),
    "availability": (
        "availability",
        "stock",
        "stockStatus",
        "inStock",
        "in_stock",
        "isInStock",
        "availableForSale",
        "available",
    ),
    "description": ("description", "body", "text", "summary"),
    "mainImage": ("image", "mainImage", "imageUrl", "image_url", "images"),
    "url": ("url", "link", "productUrl"),
    "breadcrumbs": ("breadcrumbs", "categories", "category"),
}


def plain_fields(node: dict, url: str | None) -> dict:
    """A product's fields from an object with common keys (a plain JSON document, an application's state)."""
    data: dict[str, Any] = {}
    for field, keys in _JSON_PLAIN.items():
        for key in keys:
            value = node.get(key)
            if value in (None, "", [], {}):
                continue
            if field in ("price", "regularPrice"):
                if isinstance(value, dict):
                    data.setdefault("currency", norm_currency(value.get("currency") or value.get("currencyCode")))
                    value = value.get("amount") or value.get("value")
                p = norm_price(value)
                if p and isinstance(value, str) and not data.get("currency"):
                    cur = Price.fromstring(value).currency
                    data["currency"] = norm_currency(cur) if cur else None
                value = p
            elif field == "currency":
                value = norm_currency(value)
            elif field == "availability":
                value = ("InStock" if value else "OutOfStock") if isinstance(value, bool) else norm_availability(value)
            elif field == "mainImage":
                urls = S.all_urls(value, url)
                data["images"] = urls
                value = urls[0] if urls else None
            elif field in ("url",):
                value = S.as_url(value, url)
            elif field == "breadcrumbs":
                value = [t for t in (S.as_text(v) for v in (value if isinstance(value, list) else [value])) if t]
            elif field == "gtin":
                value = re.sub(r"\D", "", S.as_text(value) or "") or None
            else:
                value = S.as_text(value)
            if value not in (None, "", []):
                data[field] = value
                break
    return {k: v for k, v in data.items() if v not in (None, "", [])}


def from_json(obj: Any, url: str | None) -> tuple[dict, dict]:
    from .article import pick_node

    node, source = pick_node(obj, PRODUCT_TYPES)
    if not node:
        return {}, {}
    if source == "jsonld" or "offers" in node:
        data = map_schema_product(node, url)
        sources = {k: "jsonld" for k in data}
        if isinstance(obj, (dict, list)):
            crumbs = _breadcrumbs(S.Structured(jsonld=S.flatten_jsonld([obj])))
            if crumbs:
                data["breadcrumbs"], sources["breadcrumbs"] = crumbs, "jsonld"
        _default_url(data, sources, url)
        return data, sources
    data = plain_fields(node, url)
    sources = {k: "heuristic" for k in data}
    _default_url(data, sources, url)
    return data, sources


# A symbol then an amount, or an amount then a currency. The amount-first form is tried once per run of digits, dots
# and commas, from its start (the leading dots / commas stripped after): tried from every digit, a 100,000-digit run
# took minutes (each start scanned to the run's end) and the job passed its time limit. Same candidates.
_TEXT_PRICE_RE = re.compile(
    r"(?:[$€£¥₹]\s?\d[\d.,\s]*\d?|(?<![\d.,])[.,]*+\d[\d.,]*+\s?(?:€|£|USD|EUR|GBP|CHF|zł|kr|lei))"
)


def from_text(doc: TextDoc, url: str | None) -> tuple[dict, dict]:
    """Products described in text/markdown: name from the title, price by price-parser."""
    data: dict[str, Any] = {}
    if doc.title:
        data["name"] = doc.title
    full = "\n".join(doc.paragraphs)
    m = re.search(r"(?:^|\b)(?:price|preis|prix|precio|prezzo|cost)\s*[:=]?\s*([^\n]{1,40})", full, re.IGNORECASE)
    candidates = [m.group(1)] if m else []
    candidates += [c.lstrip(".,") for c in _TEXT_PRICE_RE.findall(full)]
    for c in candidates:
        p = Price.fromstring(c)
        if p.amount is not None and p.amount > 0:
            data["price"] = norm_price(str(p.amount))
            if p.currency:
                data["currency"] = norm_currency(p.currency)
            break
    for label, key in (("sku", "sku"), ("brand", "brand"), ("mpn", "mpn"), ("gtin", "gtin"), ("ean", "gtin")):
        value_re = (
            r"([^\n,;]{1,60}?)(?=\s+\w+\s*:|\s+(?:in stock|out of stock)|$|\n|[,;])"
            if key == "brand"
            else r"([^\s,;]{1,60})"
        )
        mm = re.search(rf"\b{label}\s*[:#]\s*" + value_re, full, re.IGNORECASE)
        if mm and not data.get(key):
            data[key] = mm.group(1).strip()
    mm = re.search(r"\b(in stock|out of stock|sold out|pre-?order|back-?order|discontinued)\b", full, re.IGNORECASE)
    if mm:
        data["availability"] = norm_availability(mm.group(1).lower())
    if doc.paragraphs:
        data["description"] = doc.paragraphs[0]
    if doc.images:
        data["images"] = [u for u, _ in doc.images]
        data["mainImage"] = data["images"][0]
    data = {k: v for k, v in data.items() if v not in (None, "", [])}
    sources = {k: "heuristic" for k in data}
    _default_url(data, sources, url)
    return data, sources
