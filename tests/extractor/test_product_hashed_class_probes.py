"""The price of a product page whose class names say nothing, through the API (POST, run, GET): the markup of a shop
built with CSS-in-JS ("css-1q2w3e", "sc-bdVaJa kZxYtb") or utility classes ("text-lg font-bold"), as most unseen
shops are (``bench/quality.py --only distant --hashed-classes``). No class says "price", "old-price" or "related"
there; the page still says it in words and headings: the heading over other products' cards
(``other_products_heading_prices``). The guards: a heading above the title or a grid between the title and the buy
box drops nothing of the product's, and pages whose tags or utility classes still strike an old price keep it.

The discount shown beside an old price ("£114.90 £94.90 -17%": ``discount_percent_pair``) recovers a page in each
shop half of the hashed bench but was held back again (docs/history/quality.md, "Products: passes"): its one
change on the pages as served is the stale structured price of a page that shows "-50%"; its probes are
``xfail`` until that label is settled."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

_DESCRIPTION = "".join(
    f"<p class='css-9k2l1m'>Line {i} of the description: materials, care, sizes and where it was made.</p>"
    for i in range(6)
)


def _page(box: str, *, lang: str = "en", title: str = "Trail Backpack 40L", after: str = "", before: str = "") -> str:
    """A product page of hashed classes: the title, ``box`` (the price box), a description, the buy button, then
    ``after`` (what follows the product: other products' cards)."""
    return (
        f"<html lang='{lang}'><head><title>{title}</title></head><body><div id='__next'>"
        f"<header class='sc-bdVaJa kZxYtb'><a href='/' class='css-1q2w3e'>Shop</a>{before}</header>"
        f"<main class='css-7ydh3b'><section class='css-0a1b2c'><h1 class='sc-htpNat dYqLNe'>{title}</h1>"
        f"<div class='css-4f5g6h'>{box}</div>"
        f"<form action='/cart/add' class='css-8j9k0l'><button type='submit' class='sc-bxivhb eTpeTG'>"
        f"Add to cart</button></form>{_DESCRIPTION}</section>{after}</main></div></body></html>"
    )


def _price(xkey, content: str) -> tuple:
    data = extract_through_api(xkey, {"type": "product", "content": content})["data"]
    return data.get("price"), data.get("currency"), data.get("regularPrice")


def _span(text: str, cls: str) -> str:
    return f"<span class='{cls}'>{text}</span>"


# --- discount_percent_pair: the old price marked by nothing but the discount shown beside the two amounts
# (old first: the old amount stands nearer the title; current first: nearer the buy button)
DISCOUNT_PAIRS = [
    (
        "en",
        _span("£114.90", "css-1x2y3z css-a1") + _span("£94.90", "css-1x2y3z css-b2") + _span("-17%", "css-c3"),
        ("94.90", "GBP", "114.90"),
    ),
    (
        "pt",
        _span("Desconto: 10%", "css-q1") + _span("71,91 €", "css-p0 css-p1") + _span("79,90 €", "css-p0 css-p2"),
        ("71.91", "EUR", "79.90"),
    ),
    (
        "de",
        _span("89,99 €", "sc-aXZVg kLmNo") + _span("-25 %", "sc-gEvEer") + _span("67,49 €", "sc-aXZVg pQrSt"),
        ("67.49", "EUR", "89.99"),
    ),
    (
        "ja",
        _span("¥12,000", "css-j1") + _span("¥8,990", "css-j2") + _span("25%オフ", "css-j3"),
        ("8990", "JPY", "12000"),
    ),
    (
        "pl",
        _span("999,00 zł", "css-z1") + _span("1 299,00 zł", "css-z2") + _span("Oszczędzasz 23%", "css-z3"),
        ("999.00", "PLN", "1299.00"),
    ),
    (
        "es",
        "<div class='flex gap-2 items-center'>"
        + _span("$1,499.00 MXN", "text-gray-500 text-sm")
        + _span("$1,199.00 MXN", "text-2xl font-bold")
        + _span("-20%", "rounded-md bg-red-600 px-2 text-white")
        + "</div>",
        ("1199.00", "MXN", "1499.00"),
    ),
]


@pytest.mark.xfail(reason="discount_percent_pair held back: waits for a stale distant label", strict=True)
@pytest.mark.parametrize(("lang", "box", "expected"), DISCOUNT_PAIRS, ids=[x[0] for x in DISCOUNT_PAIRS])
def test_the_higher_of_two_amounts_beside_their_discount_is_the_old_price(xkey, lang, box, expected):
    assert _price(xkey, _page(box, lang=lang)) == expected


@pytest.mark.parametrize(
    "box",
    [
        # a VAT rate beside a price with and without tax: not their discount
        _span("€121,00", "css-v1") + _span("€100,00", "css-v2") + _span("inkl. 21% MwSt.", "css-v3"),
        # a share of the price ("100% cotton", "0% APR") and a saving's own percentage off another amount
        _span("$59.00", "css-s1") + _span("$45.00", "css-s2") + _span("0% APR · 100% cotton", "css-s3"),
    ],
)
def test_a_percentage_of_something_else_marks_no_old_price(xkey, box):
    _, _, regular = _price(xkey, _page(box))
    assert regular is None


def test_a_struck_tag_and_a_line_through_class_still_mark_the_old_price(xkey):
    box = "<del>€89,99</del>" + _span("€67,49", "css-n1") + _span("-10%", "css-n2")  # the percentage matches nothing
    assert _price(xkey, _page(box, lang="de")) == ("67.49", "EUR", "89.99")
    box = _span("$80.00", "text-gray-400 line-through") + _span("$60.00", "text-xl font-bold")
    assert _price(xkey, _page(box)) == ("60.00", "USD", "80.00")


# --- other_products_heading_prices: the cards after "Related products" carry the product's price class too; the
# product shows its price twice (the box and the buy bar), so no one of its amounts stands alone by the title
def _cards(heading: str, amounts: list[str], cls: str = "css-pr1c3x") -> str:
    cards = "".join(
        f"<li class='css-c4rd'><a href='/p/{i}' class='css-l1nk'><img src='/i/{i}.jpg' alt=''></a>"
        f"<p class='css-n4me'>Item {i}</p><span class='{cls}'>{amount}</span></li>"
        for i, amount in enumerate(amounts)
    )
    return f"<section class='css-r3l'><h2 class='css-h2h2'>{heading}</h2><ul class='css-gr1d'>{cards}</ul></section>"


OTHERS = [
    ("en", "Related products", ["£7.01", "£4.49", "£5.49", "£3.20"], "£2.98", ("2.98", "GBP")),
    ("pt", "Livros Relacionados", ["35,91 €", "19,71 €", "15,92 €", "62,91 €"], "24,90 €", ("24.90", "EUR")),
    ("es", "Artículos relacionados", ["$349 MXN", "$129 MXN", "$89 MXN", "$450 MXN"], "$199 MXN", ("199", "MXN")),
    ("fr", "Vous aimerez aussi", ["12,00 €", "16,00 €", "14,00 €", "28,00 €"], "20,00 €", ("20.00", "EUR")),
    ("de", "Ähnliche Produkte", ["12,99 €", "8,49 €", "19,99 €", "5,99 €"], "14,99 €", ("14.99", "EUR")),
]


@pytest.mark.parametrize(("lang", "heading", "amounts", "own", "expected"), OTHERS, ids=[x[0] for x in OTHERS])
def test_amounts_after_a_heading_over_other_products_are_theirs(xkey, lang, heading, amounts, own, expected):
    box = _span(own, "css-pr1c3x") + f"<div class='css-st1cky'>{_span(own, 'css-pr1c3x')}</div>"
    assert _price(xkey, _page(box, lang=lang, after=_cards(heading, amounts)))[:2] == expected


def test_a_related_heading_above_the_title_drops_nothing(xkey):
    # a mega-menu's "Related products" above the title, the product's price below it
    box = _span("£2.98", "css-pr1c3x") + f"<div class='css-st1cky'>{_span('£2.98', 'css-pr1c3x')}</div>"
    page = _page(box, before="<nav><h3>Related products</h3></nav>")
    assert _price(xkey, page)[:2] == ("2.98", "GBP")


def test_a_grid_between_the_title_and_the_buy_box_keeps_the_product_s_price(xkey):
    # "Recently viewed" cards before the price box: the heading's block is the cards', the product's amounts stay
    own = _span("€39,00", "css-pr1c3x") + f"<div class='css-st1cky'>{_span('€39,00', 'css-pr1c3x')}</div>"
    cards = _cards("Recently viewed", ["€19,00", "€29,00", "€49,00", "€59,00"])
    page = _page(own, lang="de").replace("<div class='css-4f5g6h'>", cards + "<div class='css-4f5g6h'>", 1)
    assert _price(xkey, page)[:2] == ("39.00", "EUR")


def test_a_page_without_such_a_heading_keeps_its_price(xkey):
    assert _price(xkey, _page(_span("€49,90", "css-only1"), lang="de")) == ("49.90", "EUR", None)
