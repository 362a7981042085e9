"""An old / list price named by a class or id word, read from the visible page through the API (POST, run, GET): the
word must be a word of the class name ("old-price", "price--old", "oldPrice", "price_old", "was-price"), never part
of another word ("font-bold", "gold", "sold-out", "placeholder", "threshold"), which used to mark the current price
as superseded. Each page small and written here.
"""

from __future__ import annotations

import pytest

from tests.helpers import product_through_api

pytestmark = pytest.mark.django_db


through_api = product_through_api


@pytest.mark.parametrize(
    "old",
    [
        '<del class="text-lg text-gray-500 line-through">$49.99</del>',
        '<s class="text-sm text-gray-400 line-through decoration-2">$49.99</s>',
    ],
)
def test_a_tailwind_bold_current_price_beside_a_struck_old_one(xkey, old):
    """ "font-bold" holds "old": the current price of a utility-class shop is not superseded."""
    page = (
        '<h1 class="text-3xl font-extrabold">Canvas Tote</h1><div class="mt-4 flex items-baseline gap-2">'
        f'<span class="text-2xl font-bold text-gray-900">$34.99</span>{old}</div>'
        '<button class="w-full rounded bg-black font-semibold text-white">Add to cart</button>'
    )
    data, sources = through_api(xkey, page)
    assert (data["price"], data["regularPrice"], data["currency"]) == ("34.99", "49.99", "USD")
    assert sources["price"] == "heuristic"


def test_the_old_price_before_a_bold_current_one(xkey):
    page = (
        "<h1>Canvas Tote</h1><div class='flex gap-2'><s class='text-gray-500 line-through'>$49.99</s>"
        "<span class='font-bold text-red-600'>$34.99</span></div><button>Add to cart</button>"
    )
    data, _ = through_api(xkey, page)
    assert (data["price"], data["regularPrice"]) == ("34.99", "49.99")


def test_a_gold_colour_class_is_no_old_price(xkey):
    page = (
        "<h1>Signet Ring</h1><p class='text-gold-600 font-semibold'><span class='price-gold'>$120.00</span></p>"
        "<p class='text-sm'>Was <span>$150.00</span></p><button>Add to cart</button>"
    )
    data, _ = through_api(xkey, page)
    assert (data["price"], data["regularPrice"]) == ("120.00", "150.00")


def test_a_sold_out_card_keeps_its_price(xkey):
    page = (
        "<h1>Enamel Mug</h1><div class='card sold-out'><span class='text-xl'>$18.00</span> "
        "<span class='badge sold-out-badge'>Sold out</span></div>"
    )
    data, _ = through_api(xkey, page)
    assert (data["price"], data["availability"]) == ("18.00", "OutOfStock")


@pytest.mark.parametrize("wrapper", ["price-placeholder", "price-holder", "price-threshold bolder", "swatch-holder"])
def test_holder_and_threshold_classes_are_no_old_price(xkey, wrapper):
    page = (
        f"<h1>Desk Lamp</h1><div class='{wrapper}'><span class='amount'>€45,00</span></div>"
        "<button>In den Warenkorb</button>"
    )
    data, _ = through_api(xkey, page)
    assert (data["price"], data["currency"]) == ("45.00", "EUR")


@pytest.mark.parametrize(
    "cls",
    ["old-price", "price--old", "oldPrice", "price_old", "was-price", "ProductPrice--compareAt", "list-price", "rrp"],
)
def test_old_price_class_words_still_mark_the_old_price(xkey, cls):
    """The old price nearer the buy button than the current one: only its class word tells them apart."""
    page = (
        f"<h1>Enamel Mug</h1><p><span>$18.00</span></p><p><span class='{cls}'>$24.00</span></p>"
        "<button>Add to cart</button>"
    )
    data, _ = through_api(xkey, page)
    assert (data["price"], data["regularPrice"]) == ("18.00", "24.00")


# The class-price reader (an element classed "price" when no structured source gives one, and the amounts it marks as
# superseded when checking a structured price) reads the same class words as whole words: "font-bold" holds no "old",
# "price-wrapper" no "per" (a per-unit amount), "model" no "del".

_BUNDLE = "<div class='bundle'><h3>Matching wallet</h3><span class='price'>$12.00</span></div>"


@pytest.mark.parametrize(
    "current",
    [
        "<span class='price font-bold'>$34.99</span>",
        "<div class='price-wrapper'>$34.99</div>",
        "<span class='product-price price--model'>$34.99</span>",
    ],
)
def test_the_class_price_is_not_read_as_another_word(xkey, current):
    """The current price's class holds an old-price or not-current word only inside another word: it is still the
    page's price, not the amount of a bundle offered below it."""
    data, sources = through_api(xkey, f"<h1>Canvas Tote</h1>{current}<button>Add to cart</button>{_BUNDLE}")
    assert (data["price"], data["currency"], sources["price"]) == ("34.99", "USD", "heuristic")


def test_a_bold_structured_price_is_not_superseded_by_an_instalment(xkey):
    """A structured price shown in a "font-bold" price element is not an old price that a lower amount classed
    "price" (an instalment) would replace."""
    ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product", "name": '
        '"Canvas Tote", "offers": {"@type": "Offer", "price": "34.99", "priceCurrency": "USD"}}</script>'
    )
    page = (
        f"{ld}<h1>Canvas Tote</h1><span class='price font-bold'>$34.99</span>"
        "<p>or 4 payments of <span class='price'>$8.75</span></p><button>Add to cart</button>"
    )
    data, sources = through_api(xkey, page)
    assert (data["price"], sources["price"]) == ("34.99", "jsonld")
    assert data["regularPrice"] is None


@pytest.mark.parametrize("cls", ["price unit-price", "price price-per-unit", "price price--from", "price total-price"])
def test_a_not_current_price_class_word_is_still_skipped(xkey, cls):
    """A per-unit / "from" / total amount classed "price" before the current price is not the page's price."""
    page = (
        f"<h1>Canvas Tote</h1><span class='{cls}'>$5.00</span><span class='price'>$34.99</span>"
        f"<button>Add to cart</button>{_BUNDLE}"
    )
    data, _ = through_api(xkey, page)
    assert data["price"] == "34.99"
