"""Product fields from the page's application state (``__NEXT_DATA__``, ``window.__X__ = {...}``, dataLayer), through
the API: POST (the sanitiser keeps the product-shaped objects as inert data), run, GET."""

from __future__ import annotations

import json

import pytest

from .test_product_visible_page import through_api

pytestmark = pytest.mark.django_db

DESK = {"name": "Oak Desk 120", "sku": "OD-12", "price": {"amount": "249.0", "currencyCode": "EUR"}}
LAMP = {"name": "Brass Lamp", "sku": "BL-7", "price": 39, "available": True}


def next_data(*products) -> str:
    state = {"props": {"pageProps": {"product": products[0], "related": list(products[1:])}}}
    return f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(state)}</script>'


def test_app_state_gives_sku_and_stock_the_page_does_not_show(xkey):
    page = next_data({**DESK, "availableForSale": False}, LAMP) + "<h1>Oak Desk 120</h1><p>249,00 €</p>"
    data, sources = through_api(xkey, page)
    assert (data["sku"], data["availability"], data["price"], data["currency"]) == (
        "OD-12",
        "OutOfStock",
        "249.00",
        "EUR",
    )
    assert (sources["sku"], sources["availability"]) == ("appstate", "appstate")


def test_a_related_product_in_the_state_is_not_the_page_s_product(xkey):
    page = next_data(LAMP) + "<h1>Walnut Shelf</h1><p>$89.00</p>"
    data, sources = through_api(xkey, page)
    assert (data["sku"], data["price"], data["availability"]) == (None, "89.00", None)
    assert "appstate" not in sources.values()


def test_a_price_in_cents_is_read_when_the_page_shows_the_amount(xkey):
    variant = {"name": "Oak Desk 120 - Natural", "sku": "OD-12-N", "price": 24900, "available": True}
    page = (
        f"<script>window.__INITIAL_STATE__ = {json.dumps({'product': variant})};</script>"
        "<h1>Oak Desk 120</h1><p>$249.00</p>"
    )
    data, sources = through_api(xkey, page)
    assert (data["price"], data["sku"], sources["sku"]) == ("249.00", "OD-12-N", "appstate")


def test_an_unconfirmed_state_price_is_not_used(xkey):
    # 24900 is neither shown nor 100 times a shown amount: no price from the state, the rest still agrees
    variant = {"name": "Oak Desk 120", "sku": "OD-12", "price": 24900}
    page = next_data(variant) + "<h1>Oak Desk 120</h1><p>Call us for a quote</p>"
    data, sources = through_api(xkey, page)
    assert (data["price"], data["sku"], sources["sku"]) == (None, "OD-12", "appstate")


def test_data_layer_ecommerce_push(xkey):
    push = {"event": "view_item", "ecommerce": {"currency": "GBP", "items": [{"item_name": "Oak Desk 120",
            "item_brand": "Woodline", "price": 249}]}}  # fmt: skip
    page = f"<script>dataLayer.push({json.dumps(push)});</script><h1>Oak Desk 120</h1><p>£249</p>"
    data, sources = through_api(xkey, page)
    assert (data["brand"], data["price"], data["currency"]) == ("Woodline", "249", "GBP")
    assert sources["brand"] == "appstate"


def test_variants_from_the_state_in_the_scale_the_page_confirmed(xkey):
    product = {
        "title": "Oak Desk 120",
        "price": 24900,
        "options": ["Colour", "Size"],
        "variants": [
            {"sku": "OD-12-N-S", "price": 24900, "available": True, "option1": "Natural", "option2": "S"},
            {"sku": "OD-12-B-L", "price": 27900, "available": False, "option1": "Black", "option2": "L"},
        ],
    }
    page = (
        f'<script type="application/json" data-product-json>{json.dumps(product)}</script>'
        "<h1>Oak Desk 120</h1><p>$249.00</p>"
    )
    data, sources = through_api(xkey, page)
    assert data["variants"] == [
        {"sku": "OD-12-N-S", "price": "249", "availability": "InStock", "color": "Natural", "size": "S"},
        {"sku": "OD-12-B-L", "price": "279", "availability": "OutOfStock", "color": "Black", "size": "L"},
    ]
    assert (data["price"], sources["variants"]) == ("249.00", "appstate")


def test_variants_listed_one_by_one_in_the_state(xkey):
    # each variant is its own product-shaped object (a theme's variant JSON); a related product does not join them
    variants = [
        {"name": "Dark Roast Coffee - Ground / 1 lb", "sku": "DR-G1", "price": 1999, "available": True},
        {"name": "Dark Roast Coffee - Whole Bean / 1 lb", "sku": "DR-W1", "price": 1999, "available": False},
        {"name": "Dark Roast Pods - 10 count", "sku": "EP-10", "price": 1499, "available": True},
    ]
    page = (
        f'<script type="application/json">{json.dumps(variants)}</script>'
        "<h1>Dark Roast Coffee</h1><p>$19.99</p><button>Add to cart</button>"
    )
    data, sources = through_api(xkey, page)
    assert [(v["sku"], v["price"], v["availability"]) for v in data["variants"]] == [
        ("DR-G1", "19.99", "InStock"),
        ("DR-W1", "19.99", "OutOfStock"),
    ]
    assert (data["sku"], data["price"], sources["variants"]) == ("DR-G1", "19.99", "appstate")


def test_nuxt_function_wrapped_state(xkey):
    # Nuxt 2: a JS literal (unquoted keys, parameters standing for repeated values, !0 for true) returned by a
    # function called with the values; read as data, never run
    nuxt = (
        'window.__NUXT__=(function(a,b,c){return {layout:"default",data:[{product:{name:"Oak Desk 120",'
        'sku:"OD-12",price:b,currency:"EUR",inStock:!0,related:[{name:"Brass Lamp",sku:"BL-7",price:a}]}}],'
        "error:c}}(39,249,null));"
    )
    page = f"<script>{nuxt}</script><h1>Oak Desk 120</h1><p>249,00 €</p>"
    data, sources = through_api(xkey, page)
    assert (data["sku"], data["price"], sources["sku"]) == ("OD-12", "249", "appstate")


def test_nuxt_state_that_calls_code_is_not_read(xkey):
    nuxt = 'window.__NUXT__=(function(a){return {data:[{product:{name:"Oak Desk 120",sku:"OD-12",price:a,at:new Date(0)}}]}}(249));'
    data, _ = through_api(xkey, f"<script>{nuxt}</script><h1>Oak Desk 120</h1><p>249,00 €</p>")
    assert data.get("sku") is None


@pytest.mark.parametrize(
    "escape",
    [
        r"\u{FFFFFFFFFFFF}",  # past the last code point (was an OverflowError: a 500)
        r"\u{110000}",  # one past it (a ValueError)
        r"\ud800",  # a lone surrogate (UTF-8 cannot write it: the state block failed; raw in the body it is a 400)
    ],
)
def test_nuxt_state_with_an_impossible_escape_is_read_with_a_replacement(xkey, escape):
    nuxt = f'window.__NUXT__=(function(a){{return {{data:[{{product:{{name:"Oak{escape} Desk",sku:"OD-12",price:a}}}}]}}}}(249));'
    data, sources = through_api(xkey, f"<script>{nuxt}</script><h1>Oak Desk</h1><p>249,00 €</p>")
    assert (data["sku"], sources["sku"]) == ("OD-12", "appstate")


def test_nuxt_state_joins_an_escaped_surrogate_pair(xkey):
    nuxt = r'window.__NUXT__=(function(a){return {data:[{product:{name:"Oak Desk \ud83d\ude00",sku:"OD-12",price:a}}]}}(249));'
    data, _ = through_api(xkey, f"<script>{nuxt}</script><h1>Oak Desk</h1><p>249,00 €</p>")
    assert data["sku"] == "OD-12"


def test_nuxt_state_with_a_number_too_long_for_int_is_not_read(xkey):
    # 5,000 digits: int() refuses past 4,300 (a ValueError the reader did not catch: the POST was a 500)
    nuxt = f'window.__NUXT__=(function(a){{return {{data:[{{product:{{name:"Oak Desk",sku:"OD-12",price:{"9" * 5000}}}}}]}}}}(1));'
    data, sources = through_api(xkey, f"<script>{nuxt}</script><h1>Oak Desk</h1><p>249,00 €</p>")
    assert (data.get("sku"), data["price"]) == (None, "249.00")
    assert "appstate" not in sources.values()


def _variation(sku, price, stock=True, image=None, **attributes):
    record = {"attributes": {f"attribute_pa_{k}": v for k, v in attributes.items()}, "sku": sku}
    record |= {"display_price": price, "is_in_stock": stock, "variation_id": hash(sku) % 1000}
    return record | ({"image": {"src": image, "alt": ""}} if image else {})


def _variation_form(records, selects: str) -> str:
    attribute = json.dumps(records).replace("'", "&#39;")
    return (
        "<h1>Linen Shirt</h1><p class='price'>£45.00 – £49.00</p>"
        f"<form class='variations_form cart' data-product_id='77' data-product_variations='{attribute}'>{selects}"
        "<button type='submit'>Add to basket</button></form>"
    )


SHIRT_SELECTS = (
    "<label for='pa_colour'>Colour</label><select id='pa_colour' name='attribute_pa_colour'>"
    "<option value=''>Choose an option</option><option value='sage-green'>Sage green</option>"
    "<option value='navy'>Navy</option></select><label for='pa_size'>Size</label><select id='pa_size' "
    "name='attribute_pa_size'><option value=''>Choose an option</option><option value='m'>M</option>"
    "<option value='xl'>XL</option></select>"
)


def test_a_variation_form_s_records_are_the_variants(xkey):
    # a variable product's form lists its variations as a JSON array in a data attribute: each one's colour and size
    # as the selects show them, its sku, price, stock and image (two axes: the records say which pairs exist)
    records = [
        _variation("LS-SG-M", 45, image="https://shop.example/img/ls-sg.jpg", colour="sage-green", size="m"),
        _variation("LS-NV-XL", 49, stock=False, colour="navy", size="xl"),
    ]
    data, sources = through_api(xkey, _variation_form(records, SHIRT_SELECTS))
    assert data["variants"] == [
        {"sku": "LS-SG-M", "color": "Sage green", "size": "M", "price": "45", "currency": "GBP",
         "image": "https://shop.example/img/ls-sg.jpg"},
        {"sku": "LS-NV-XL", "color": "Navy", "size": "XL", "price": "49", "currency": "GBP",
         "availability": "OutOfStock"},
    ]  # fmt: skip
    assert sources["variants"] == "appstate"


@pytest.mark.parametrize(
    "attribute",
    [
        # a list of options, not of variation records
        [{"value": "m", "label": "M"}, {"value": "xl", "label": "XL"}],
        # one record: no list of variants
        [_variation("LS-SG-M", 45, colour="sage-green", size="m")],
        # records without a price or an id of their own
        [{"attributes": {"attribute_pa_size": "m"}}, {"attributes": {"attribute_pa_size": "xl"}}],
        # attributes that are not a shop's variation attributes
        [
            {"attributes": {"size": "m"}, "sku": "A", "display_price": 4},
            {"attributes": {"size": "l"}, "sku": "B", "display_price": 5},
        ],
    ],
    ids=["options", "one-record", "no-price-no-id", "other-attributes"],
)
def test_other_json_arrays_in_data_attributes_give_no_variants_of_their_own(xkey, attribute):
    data, _ = through_api(xkey, _variation_form(attribute, SHIRT_SELECTS))
    assert all("sku" not in v for v in data.get("variants") or [])  # the two-axis selects list no variants either


def test_a_huge_variation_list_is_read_within_its_bounds(xkey):
    records = [_variation(f"LS-{i}", 45 + i % 7, colour="navy", size=f"s{i}") for i in range(20_000)]
    data, _ = through_api(xkey, _variation_form(records, ""))
    assert [v["sku"] for v in data["variants"]] == [f"LS-{i}" for i in range(30)]  # appstate.MAX_LIST records kept
