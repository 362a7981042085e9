"""Swatches built as buttons and ARIA widgets (no input: the pickers of shops whose CSS-in-JS class names say
nothing) and ratings held in the application state, through the API (POST, run, GET): ``<button aria-pressed>``,
``role="radio" aria-checked``, ``<li role="option" aria-selected>`` groups named by an ``aria-label``, an
``aria-labelledby`` heading, a legend or the short text before them give the chosen colour / size and (one axis) the
variants, a disabled / ``aria-disabled`` / struck-through one out of stock (rule ``aria_pickers``); a product-shaped
state object's ``rating`` / ``averageRating`` / ``reviews: {average, count}`` gives the rating, a scale of 10 or 100
read down to 5 (rule ``state_rating``); "Rating: 90% (124 reviews)" is 4.5 of 5 (rule ``percent_rating``). Guards: an "Add to cart" or wishlist button with ``aria-pressed``, tabs, a
related product's rating in the state, a rating out of range with no scale, "92% recommend"."""

from __future__ import annotations

import json

import pytest

from extractor.sanitize import sanitize_html
from tests.helpers import extract_through_api

from .product_extra_fields_pages import HOST, Probe, buy, chrome, ld, mismatches

pytestmark = pytest.mark.django_db

PROBES: list[Probe] = []


def add(id_: str, url: str, html: str, expect: dict) -> None:
    PROBES.append(Probe(id_, url, html, expect))


def _buttons(label: str, values: list[str], pressed: str, out: tuple = (), prefix: str = "") -> str:
    return "".join(
        f"<button type='button' aria-label='{prefix}{v}' aria-pressed='{'true' if v == pressed else 'false'}'"
        f"{' disabled' if v in out else ''} class='css-1q2w3e'><span class='css-9x8y7z'></span></button>"
        for v in values
    )


add(
    "aria-buttons-en-colour",
    f"{HOST['en']}/products/field-jacket",
    chrome(
        "en",
        "<h1>Field Jacket</h1>"
        + buy(
            "en",
            "$149.00",
            "<div class='css-a1' role='group' aria-label='Colour'>"
            + _buttons("Colour", ["Navy", "Sand", "Olive"], "Navy", out=("Olive",), prefix="Colour: ")
            + "</div>",
        ),
    ),
    {
        "color": "Navy",
        "variants": [
            {"color": "Navy", "availability": None},
            {"color": "Sand"},
            {"color": "Olive", "availability": "OutOfStock"},
        ],
        "sources": {"color": "heuristic", "variants": "heuristic"},
    },
)
add(
    "aria-buttons-de-chosen-note",
    f"{HOST['de']}/p/uhr",
    chrome(
        "de",
        "<h1>Armbanduhr Classic</h1>"
        + buy(
            "de",
            "129,00 €",
            "<div class='v1ff'><button type='button' aria-pressed='true' aria-label='Farbe: Schwarz (ausgewählt)'>"
            "</button><button type='button' aria-pressed='false' aria-label='Farbe: Silber'></button></div>",
        ),
    ),
    {"color": "Schwarz", "variants": [{"color": "Schwarz"}, {"color": "Silber"}]},
)
add(
    "aria-radio-de-size-labelledby",
    f"{HOST['de']}/p/laufschuh",
    chrome(
        "de",
        "<h1>Laufschuh Nova</h1>"
        + buy(
            "de",
            "89,95 €",
            "<div class='css-b2'><h3 id='sz-head' class='css-c3'>Größe</h3><div role='radiogroup' aria-labelledby='sz-head'>"
            "<div role='radio' aria-checked='false' tabindex='0'>40</div><div role='radio' aria-checked='true'>41</div>"
            "<div role='radio' aria-checked='false' aria-disabled='true'>42</div></div></div>",
        ),
    ),
    {
        "size": "41",
        "variants": [{"size": "40"}, {"size": "41"}, {"size": "42", "availability": "OutOfStock"}],
        "sources": {"size": "heuristic"},
    },
)
add(
    "aria-listbox-fr-colour-struck",
    f"{HOST['fr']}/produit/pull",
    chrome(
        "fr",
        "<h1>Pull marin</h1>"
        + buy(
            "fr",
            "59,00 €",
            "<div class='sc-x1'><span class='sc-x2'>Couleur</span><ul role='listbox' class='sc-x3'>"
            "<li role='option' aria-selected='true'>Rouge</li><li role='option' aria-selected='false'>Bleu</li>"
            "<li role='option' aria-selected='false'><s>Vert</s></li></ul></div>",
        ),
    ),
    {
        "color": "Rouge",
        "variants": [{"color": "Rouge"}, {"color": "Bleu"}, {"color": "Vert", "availability": "OutOfStock"}],
    },
)
add(
    "aria-buttons-ja-legend",
    f"{HOST['ja']}/items/tote",
    chrome(
        "ja",
        "<h1>キャンバストート</h1>"
        + buy(
            "ja",
            "¥4,980",
            "<fieldset class='e1x'><legend>カラー</legend>"
            "<button type='button' aria-pressed='false'>ブラック</button>"
            "<button type='button' aria-pressed='true'>ホワイト</button></fieldset>",
        ),
    ),
    {"color": "ホワイト", "variants": [{"color": "ブラック"}, {"color": "ホワイト"}]},
)
add(
    "aria-two-axes-es-no-variants",
    f"{HOST['es']}/producto/camiseta",
    chrome(
        "es",
        "<h1>Camiseta básica</h1>"
        + buy(
            "es",
            "19,99 €",
            "<div role='radiogroup' aria-label='Color'><span role='radio' aria-checked='true' aria-label='Negro'></span>"
            "<span role='radio' aria-checked='false' aria-label='Blanco'></span></div>"
            "<div role='radiogroup' aria-label='Talla'><span role='radio' aria-checked='false'>S</span>"
            "<span role='radio' aria-checked='true'>M</span><span role='radio' aria-checked='false'>L</span></div>",
        ),
    ),
    {"color": "Negro", "size": "M", "variants": None},
)
add(
    "guard-aria-pressed-buy-and-wishlist",
    f"{HOST['en']}/products/mug",
    chrome(
        "en",
        "<h1>Stoneware Mug</h1>"
        + buy(
            "en",
            "$24.00",
            "<div class='css-q'><button type='button' aria-pressed='false'>Add to cart</button>"
            "<button type='button' aria-pressed='true' aria-label='Add to wishlist'>♥</button></div>"
            "<div role='tablist'><button role='tab' aria-selected='true'>Description</button>"
            "<button role='tab' aria-selected='false'>Size guide</button></div>",
        ),
    ),
    {"color": None, "size": None, "variants": None},
)
add(
    "guard-aria-swatches-of-related-card",
    f"{HOST['en']}/products/scarf",
    chrome(
        "en",
        "<h1>Wool Scarf</h1>"
        + buy("en", "$39.00")
        + "<div class='recommendations'><div class='product-card'><a href='/p/hat'>Hat</a>"
        "<div role='radiogroup' aria-label='Colour'><span role='radio' aria-checked='true'>Grey</span>"
        "<span role='radio' aria-checked='false'>Black</span></div></div></div>",
    ),
    {"color": None, "variants": None},
)


def _state(product: dict, related: list | None = None) -> str:
    state = {"props": {"pageProps": {"product": product, "related": related or []}}}
    return f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(state)}</script>'


DESK = {"name": "Oak Desk 120", "sku": "OD-12", "price": 249.0, "currency": "EUR"}
DESK_PAGE = "<h1>Oak Desk 120</h1>" + buy("de", "249,00 €")
add(
    "state-rating-next-flat",
    f"{HOST['de']}/p/oak-desk",
    chrome("de", _state({**DESK, "rating": 4.6, "reviewCount": 87}) + DESK_PAGE),
    {"rating": {"value": 4.6, "count": 87}, "sources": {"rating": "appstate"}},
)
add(
    "state-rating-reviews-object",
    f"{HOST['en']}/products/lamp",
    chrome(
        "en",
        "<script>window.__INITIAL_STATE__ = "
        + json.dumps(
            {
                "pdp": {
                    "product": {
                        "productName": "Brass Lamp",
                        "price": "39.00",
                        "reviews": {"average": "4.2", "count": 31},
                    }
                }
            }
        )
        + ";</script><h1>Brass Lamp</h1>"
        + buy("en", "$39.00"),
    ),
    {"rating": {"value": 4.2, "count": 31}, "sources": {"rating": "appstate"}},
)
add(
    "state-rating-data-layer-fr",
    f"{HOST['fr']}/produit/theiere",
    chrome(
        "fr",
        "<script>dataLayer.push("
        + json.dumps(
            {
                "event": "view_item",
                "ecommerce": {
                    "currency": "EUR",
                    "items": [
                        {"item_name": "Théière en fonte", "price": 59.0, "averageRating": "4,3", "reviewsCount": 18}
                    ],
                },
            }
        )
        + ");</script><h1>Théière en fonte</h1>"
        + buy("fr", "59,00 €"),
    ),
    {"rating": {"value": 4.3, "count": 18}, "sources": {"rating": "appstate"}},
)
add(
    "state-rating-out-of-ten",
    f"{HOST['de']}/p/oak-desk-10",
    chrome("de", _state({**DESK, "averageRating": 9.2, "ratingScale": 10, "ratingCount": "40"}) + DESK_PAGE),
    {"rating": {"value": 4.6, "count": 40}, "sources": {"rating": "appstate"}},
)
add(
    "state-rating-percent-scale",
    f"{HOST['de']}/p/oak-desk-100",
    chrome("de", _state({**DESK, "ratingValue": 90, "bestRating": 100, "reviewCount": 12}) + DESK_PAGE),
    {"rating": {"value": 4.5, "count": 12}},
)
add(
    "guard-state-rating-no-scale-out-of-range",
    f"{HOST['de']}/p/oak-desk-86",
    chrome("de", _state({**DESK, "rating": 8.6, "reviewCount": 10}) + DESK_PAGE),
    {"rating": None},
)
add(
    "guard-state-rating-no-count",
    f"{HOST['de']}/p/oak-desk-nc",
    chrome("de", _state({**DESK, "rating": 5}) + DESK_PAGE),
    {"rating": None, "sku": "OD-12"},
)
add(
    "guard-state-rating-zero-reviews",
    f"{HOST['de']}/p/oak-desk-0",
    chrome("de", _state({**DESK, "averageRating": 0, "reviewCount": 0}) + DESK_PAGE),
    {"rating": None},
)
add(
    "guard-state-rating-of-related-product",
    f"{HOST['de']}/p/oak-desk-rel",
    chrome("de", _state(DESK, [{"name": "Brass Lamp", "price": 39, "rating": 4.9, "reviewCount": 200}]) + DESK_PAGE),
    {"rating": None, "sku": "OD-12"},
)
add(
    "guard-state-rating-jsonld-first",
    f"{HOST['de']}/p/oak-desk-ld",
    chrome(
        "de",
        _state({**DESK, "rating": 4.1, "reviewCount": 9}) + DESK_PAGE,
        head=ld(
            {
                "@context": "https://schema.org",
                "@type": "Product",
                "name": "Oak Desk 120",
                "aggregateRating": {"@type": "AggregateRating", "ratingValue": "4.4", "reviewCount": "52"},
            }
        ),
    ),
    {"rating": {"value": 4.4, "count": 52}, "sources": {"rating": "jsonld"}},
)
add(
    "percent-rating-en",
    f"{HOST['en']}/products/kettle-pct",
    chrome(
        "en",
        "<h1>Kettle</h1>"
        + buy("en", "$49.99")
        + "<div><span>★★★★½</span> <span>Rating: 90%</span> <a href='#r'>(124 Reviews)</a></div>",
    ),
    {"rating": {"value": 4.5, "count": 124}, "sources": {"rating": "heuristic"}},
)
add(
    "percent-rating-de",
    f"{HOST['de']}/p/wasserkocher-pct",
    chrome("de", "<h1>Wasserkocher</h1>" + buy("de", "49,99 €") + "<p>Bewertung: 84 % <span>25 Bewertungen</span></p>"),
    {"rating": {"value": 4.2, "count": 25}},
)
add(
    "guard-percent-rating-no-count",
    f"{HOST['en']}/products/kettle-pct-nc",
    chrome("en", "<h1>Kettle</h1>" + buy("en", "$49.99") + "<p>Rating: 90%</p><p>Energy rating: 95%</p>"),
    {"rating": None},
)
add(
    "guard-percent-ratings-of-a-listing",
    f"{HOST['en']}/c/garden",
    chrome(
        "en",
        "<h1>Garden tools</h1>"
        + "".join(
            f"<div><a href='/p/{i}'>Tool {i}</a> Rating: {p}% {n} Reviews <span>${10 + i}.00</span></div>"
            for i, (p, n) in enumerate([(100, 3), (91, 7), (70, 2)])
        ),
    ),
    {"rating": None},
)
add(
    "guard-recommend-percent-no-rating",
    f"{HOST['en']}/products/kettle",
    chrome("en", "<h1>Kettle</h1>" + buy("en", "$49.99") + "<p>92% of reviewers recommend this product</p>"),
    {"rating": None},
)


@pytest.mark.parametrize("probe", [pytest.param(p, id=p.id) for p in PROBES])
def test_aria_picker_and_state_rating_probe(xkey, probe):
    got = extract_through_api(xkey, {"type": "product", "content": probe.html, "url": probe.url})
    assert mismatches(probe, got["data"] or {}, got["metadata"] or {}) == []


def test_sanitiser_keeps_the_inert_aria_state_attributes():
    html = (
        "<html><body><h2 id='h'>Size</h2><div role='radiogroup' aria-labelledby='h'>"
        "<div role='radio' aria-checked='true' aria-disabled='true'>M</div></div>"
        "<ul role='listbox'><li role='option' aria-selected='true'>Red</li></ul>"
        "<button aria-pressed='true' onclick='x()'>Navy</button></body></html>"
    )
    out = sanitize_html(html)
    for kept in (
        'aria-labelledby="h"',
        'aria-checked="true"',
        'aria-disabled="true"',
        'aria-selected="true"',
        'aria-pressed="true"',
        'role="radio"',
    ):
        assert kept in out
    assert "onclick" not in out
