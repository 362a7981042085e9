"""discount_percent_pair: an old price the page marks by nothing but the discount it shows beside it.

A shop whose class names say nothing (hashed CSS-in-JS classes, utility classes) and which strikes its old price by a
style sheet we do not see still writes the discount: "£114.90 £94.90 -17%", "Desconto: 10% 71,91 € 79,90 €",
"EUR219.99 -50% EUR110.00". Of two neighbouring amounts of one currency in one small price box, the higher is the
old price when a percentage shown by them is the discount from the higher to the lower (to within a point: shops
round, floor or ceil it). A percentage of anything else (a VAT rate, "100% cotton", "0% APR", a saving's share of
the price next to the saving itself) does not match the two amounts but by a rare chance.
"""

from __future__ import annotations

import re
from decimal import Decimal

# a percentage written alone or with a sign or a word ("-17%", "−10 %", "Desconto: 10%", "Save 20%"): 1 to 99
_PERCENT_RE = re.compile(r"(?<![\d.,])[-−–]?\s?([1-9]\d?)(?:[.,]\d+)?\s?%")
_PERCENT_TEXT_CHARS = 60  # a percentage's text is short: a label, not a sentence
_PAIR_GAP = 24  # the two amounts stand at most this many elements apart
_PERCENT_NEAR = 30  # the percentage stands at most this many elements from either amount
_BOX_LEVELS = 5  # the two amounts share an element at most this many levels above each
_PERCENTS_READ = 400  # texts with a "%" read on a page


def _percents(body, order: dict) -> list[tuple[int, Decimal]]:
    """(position, value) of the short texts of the body that write a percentage, the first ``_PERCENTS_READ``."""
    out = []
    for text in body.xpath(".//text()[contains(., '%')]")[:_PERCENTS_READ]:
        if len(text) > _PERCENT_TEXT_CHARS:
            continue
        parent = text.getparent()
        position = order.get(parent)
        if position is None:
            continue
        out.extend((position, Decimal(m.group(1))) for m in _PERCENT_RE.finditer(text))
    return out


def _box_shared(a, b) -> bool:
    """Whether ``a`` and ``b`` share an element at most ``_BOX_LEVELS`` above each, below the body."""
    above = set()
    node = a
    for _ in range(_BOX_LEVELS + 1):
        if node is None or not isinstance(node.tag, str) or node.tag in ("body", "html", "main"):
            break
        above.add(node)
        node = node.getparent()
    node = b
    for _ in range(_BOX_LEVELS + 1):
        if node is None or not isinstance(node.tag, str) or node.tag in ("body", "html", "main"):
            return False
        if node in above:
            return True
        node = node.getparent()
    return False


def mark_discount_pairs(body, order: dict, prices: list) -> None:
    """The higher of two neighbouring amounts (``Shown``) beside the percentage of their discount is struck: the
    old price. Each amount is paired with the next one only; linear in the page's amounts and percentages."""
    ranked = sorted((p for p in prices if not p.bare and p.el is not None), key=lambda p: p.order)
    if len(ranked) < 2:
        return
    percents = _percents(body, order)
    if not percents:
        return
    for a, b in zip(ranked, ranked[1:], strict=False):
        if a.struck or b.struck or a.currency != b.currency or b.order - a.order > _PAIR_GAP:
            continue
        high, low = (a, b) if Decimal(a.amount) > Decimal(b.amount) else (b, a)
        top = Decimal(high.amount)
        if top <= Decimal(low.amount) or not _box_shared(a.el, b.el):
            continue
        discount = (1 - Decimal(low.amount) / top) * 100
        if any(
            a.order - _PERCENT_NEAR <= at <= b.order + _PERCENT_NEAR and abs(value - discount) < 1
            for at, value in percents
        ):
            high.struck = True
