"""The current price against an old / list / reference price, and amounts in more currencies, read from the visible
page through the API (POST, run, GET); issue 14's held-out price classes, each page small and written here.
"""

from __future__ import annotations

import pytest

from tests.helpers import product_through_api

pytestmark = pytest.mark.django_db


through_api = product_through_api


@pytest.mark.parametrize(
    ("wording", "shown_old"),
    [
        # was_wording_languages: the old price's name stands just before it, after the current price and nearer the
        # buy button (the nearest current-looking amount would otherwise win)
        ("Original price:", "€219.99"),
        ("Regular price", "€219.99"),
        ("Typical price:", "€219.99"),
        ("M.R.P.:", "€219.99"),
        ("Listenpreis:", "219,99 €"),
        ("Prix barré", "219,99 €"),
        ("Precio anterior:", "219,99 €"),
        ("Prezzo consigliato", "219,99 €"),
        ("Adviesprijs", "€ 219,99"),
        ("Ord. pris", "219,99 €"),
        ("Původní cena:", "219,99 €"),
        ("Régi ár:", "219,99 €"),
        ("Preț vechi:", "219,99 €"),
        ("Старая цена:", "219,99 €"),
        ("Eski fiyat:", "219,99 €"),
        ("Παλιά τιμή:", "219,99 €"),
        ("原價：", "€219.99"),
        ("시중가", "€219.99"),
        ("ราคาปกติ", "€219.99"),
        ("Giá gốc:", "€219.99"),
        ("السعر الأصلي", "€219.99"),
        ("מחיר קודם:", "€219.99"),
        # the EU's "lowest price of the last 30 days" beside a reduction is a reference, not the price asked
        ("Najniższa cena z 30 dni przed obniżką:", "219,99 €"),
        ("Niedrigster Preis der letzten 30 Tage:", "219,99 €"),
    ],
)
def test_an_old_price_named_in_many_languages_is_not_the_price(xkey, wording, shown_old):
    page = (
        f"<h1>Red Bag</h1><p><span>€110.00</span></p><p>{wording} <span>{shown_old}</span></p>"
        "<button>Add to cart</button>"
    )
    data, sources = through_api(xkey, page)
    assert (data["price"], data["currency"], sources["price"]) == ("110.00", "EUR", "heuristic")
    assert data["regularPrice"] == "219.99"


def test_a_stale_structured_price_the_page_names_as_the_old_one(xkey):
    """A structured price the page shows only under an old-price name gives way to the current amount."""
    ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product", "name": "Red Bag",'
        ' "offers": {"@type": "Offer", "price": "219.99", "priceCurrency": "EUR"}}</script>'
    )
    page = f"{ld}<h1>Red Bag</h1><p><span>110,00 €</span></p><p>Prezzo consigliato <span>219,99 €</span></p>"
    data, _ = through_api(xkey, page + "<button>Aggiungi al carrello</button>")
    assert (data["price"], data["regularPrice"]) == ("110.00", "219.99")


@pytest.mark.parametrize("offer", ["Used for", "Refurbished from", "Gebraucht ab", "Usato da"])
def test_another_condition_s_offer_is_not_the_price(xkey, offer):
    """other_condition_offer: a link to the used / refurbished offers beside a discontinued item's page names
    another offer's amount, even when its wording opens the elements around the amount."""
    page = (
        "<h1>Camera body</h1><p><span>No Longer Available</span></p>"
        f"<div><a href='/used/1'><div>{offer} <span><span class='weight-700'><span>$1,149.95</span></span></span>"
        "</div></a></div>"
    )
    data, _ = through_api(xkey, page)
    assert (data.get("price"), data["availability"]) == (None, "Discontinued")


def test_a_currency_word_several_countries_share_names_no_currency(xkey):
    """ "ريال" is the riyal of several countries: the amount is read, its currency is not guessed."""
    data, _ = through_api(xkey, "<h1>Kettle</h1><p><span>110 ريال</span></p><button>Add to cart</button>")
    assert (data["price"], data.get("currency")) == ("110", None)


@pytest.mark.parametrize(
    "wording",
    [
        # visible_stock: sold-out wording of more languages and forms
        "Non disponible",
        "Tillfälligt slut",
        "Nie je na sklade",
        "Нет на складе",
        "Εξαντλημένο",
        "品切れ中",
        "재고 없음",
        "Stok tidak tersedia",
        "نفذ من المخزون",
        "לא זמין במלאי",
        "Out of Stock Online",
    ],
)
def test_sold_out_wording_of_more_languages(xkey, wording):
    data, sources = through_api(xkey, f"<h1>Dye</h1><p>$12.00</p><p><span>{wording}</span></p>")
    assert (data["availability"], sources["availability"]) == ("OutOfStock", "heuristic")


@pytest.mark.parametrize("text", ["AMD Ryzen 5 5600X", "SHOP ALL 2024", "SHOWER GEL 250 ML", "Weight 10 KGS"])
def test_codes_that_are_words_or_units_beside_a_number_are_no_currency(xkey, text):
    """currency_signs_more leaves out the codes that are as often a brand, a word or a unit beside a number."""
    data, _ = through_api(xkey, f"<h1>Kettle</h1><p>{text}</p><p><span>€110.00</span></p><button>Add to cart</button>")
    assert (data["price"], data["currency"]) == ("110.00", "EUR")
