"""Issue 14's held-out classes, third round, through the API (POST, run, GET): three-decimal currencies, a strike
drawn by a class (a utility class, a style sheet's rule), a tax label written before its amount. Each page is small
and written here; the rule each case covers is named, and near-misses where it must not fire stand beside it."""

from __future__ import annotations

import pytest

from tests.helpers import product_through_api

pytestmark = pytest.mark.django_db


def _page(block: str, head: str = "") -> str:
    """A product page: ``head`` (e.g. a style sheet) before the body's title, ``block`` and a buy button."""
    return f"<html><head>{head}</head><body><h1>Leather Wallet</h1>{block}<button>Add to cart</button></body></html>"


# --- three_decimal_currency


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        ("KWD 12.500", ("12.50", "KWD")),
        ("12.500 KWD", ("12.50", "KWD")),
        ("BHD 1.250", ("1.25", "BHD")),
        ("KWD 1,250.500", ("1250.50", "KWD")),
        ("1 250.500 KWD", ("1250.50", "KWD")),
        ("OMR 3.750", ("3.75", "OMR")),
        ("JOD 12.575", ("12.575", "JOD")),
        ("12.500 TND", ("12.50", "TND")),
        ("LYD 7.250", ("7.25", "LYD")),
        ("12.500 د.ك", ("12.50", "KWD")),
        ("د.ك 12.500", ("12.50", "KWD")),
        ("ر.ع 3.750", ("3.75", "OMR")),
        ("KWD 0.750", ("0.75", "KWD")),
    ],
)
def test_a_three_decimal_currency_reads_its_point_as_decimals(xkey, shown, expected):
    data, _ = product_through_api(xkey, _page(f"<p>{shown}</p>"))
    assert (data.get("price"), data.get("currency")) == expected


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        # a point before three digits stays a thousands group in other currencies
        ("23.450 €", ("23450", "EUR")),
        ("EUR 23.450", ("23450", "EUR")),
        # two points, or a comma before three digits: groups of thousands in a dinar too
        ("TND 1.250.000", ("1250000", "TND")),
        ("KWD 12,500", ("12500", "KWD")),
        # the Iraqi dinar's fils are not used: its prices are thousands
        ("IQD 25.000", ("25000", "IQD")),
    ],
)
def test_a_point_before_three_digits_in_other_currencies_groups_thousands(xkey, shown, expected):
    data, _ = product_through_api(xkey, _page(f"<p>{shown}</p>"))
    assert (data.get("price"), data.get("currency")) == expected


def test_a_three_decimal_old_price_beside_the_price(xkey):
    data, _ = product_through_api(xkey, _page("<p><del>KWD 15.750</del> <span class='price'>KWD 12.500</span></p>"))
    assert (data.get("price"), data.get("regularPrice"), data.get("currency")) == ("12.50", "15.75", "KWD")
