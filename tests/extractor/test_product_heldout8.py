"""Issue 14's held-out classes, eighth round, through the API (POST, run, GET): a page with no structured data and no
sku label whose gallery a shop names by the product's code (``sku_image_names``), and the pages that must not read an
image's name as the sku. Each page is small and written here."""

from __future__ import annotations

import json

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

_CDN = "https://cdn.example.com/files/"
_BUY = "<p class='price'>€49,99</p><button type='submit'>Add to cart</button>"


def _product(xkey, images: list[str], block: str = _BUY, head: str = "") -> dict:
    """A product page whose first image is its main image (also its og:image) and the others its gallery."""
    og = f"<meta property='og:image' content='{_CDN}{images[0]}'>" if images else ""
    gallery = "".join(f"<img src='{_CDN}{name}' alt='Leather Wallet'>" for name in images)
    html = (
        f"<html><head><title>Leather Wallet</title>{og}{head}</head><body><h1>Leather Wallet</h1>"
        f"<div class='gallery'>{gallery}</div>{block}</body></html>"
    )
    body = {"type": "product", "content": html, "url": "https://shop.example.com/products/leather-wallet"}
    return extract_through_api(xkey, body)


@pytest.mark.parametrize(
    ("images", "sku"),
    [
        (["856500016979_A_Front.jpg", "856500016979_B_Back.jpg", "856500016979_C_Side.jpg"], "856500016979"),
        (["SS-CY0001-001_front.png", "SS-CY0001-001_back.png", "SS-CY0001-001_detail.png"], "SS-CY0001-001"),
        # a CDN's size suffixes and the bare code as the first file
        (["WL2231BR_800x.jpg", "WL2231BR_2_800x.jpg", "WL2231BR_3_800x.jpg", "WL2231BR_4.jpg"], "WL2231BR"),
        (["WL2231BR.jpg", "WL2231BR_2.jpg", "WL2231BR_3-300x300.jpg"], "WL2231BR"),
    ],
)
def test_a_gallery_named_by_the_product_code_names_the_sku(xkey, images, sku):
    """No structured data, no label: the code that opens the names of the product's images is its sku (the page had
    none)."""
    data = _product(xkey, images)
    assert data["data"].get("sku") == sku
    assert data["metadata"]["sources"].get("sku") == "heuristic"


@pytest.mark.parametrize(
    "images",
    [
        ["856500016979_A_Front.jpg"],  # one image named so: an upload's id as likely as a code
        ["856500016979_A_Front.jpg", "856500016979_A_Front_800x.jpg", "856500016979_A_Front_1200x.jpg"],  # one image
        ["DSC04156.jpg", "DSC04157.jpg", "DSC04158.jpg"],  # a camera's frame numbers
        ["DSC04156_edit.jpg", "DSC04156_crop.jpg", "DSC04156_web.jpg"],  # one frame, edited three times
        ["81mBeW85X5L._AC_SL1500_.jpg", "71xYz12AbCL._AC_SL1500_.jpg", "61QwE34RtYL._AC_SL1500_.jpg"],  # CDN hashes
        ["2024_summer_1.jpg", "2024_summer_2.jpg", "2024_summer_3.jpg"],  # a year
        ["wallet-brown-1.jpg", "wallet-brown-2.jpg", "wallet-brown-3.jpg"],  # words
        ["WL2231BR_front.jpg", "KX9000_back.jpg", "ZZ1234_side.jpg"],  # three codes: three products' images
    ],
)
def test_image_names_that_are_no_gallery_of_one_code_name_no_sku(xkey, images):
    assert _product(xkey, images)["data"].get("sku") is None


def test_a_labelled_sku_beats_the_image_names(xkey):
    images = ["856500016979_A_Front.jpg", "856500016979_B_Back.jpg", "856500016979_C_Side.jpg"]
    data = _product(xkey, images, block=_BUY + "<p>SKU: WL-2231-BR</p>")
    assert data["data"].get("sku") == "WL-2231-BR"


def test_a_structured_sku_beats_the_image_names(xkey):
    images = ["856500016979_A_Front.jpg", "856500016979_B_Back.jpg", "856500016979_C_Side.jpg"]
    node = {
        "@type": "Product",
        "name": "Leather Wallet",
        "sku": "LW-100",
        "offers": {"@type": "Offer", "price": "49.99", "priceCurrency": "EUR"},
    }
    head = f"<script type='application/ld+json'>{json.dumps(node)}</script>"
    assert _product(xkey, images, head=head)["data"].get("sku") == "LW-100"


# --- a template's placeholder where a product has no code (id_placeholder_none)

_PRICED = "<p class='price'>$49.99</p><button type='submit'>Add to cart</button>"


def _page(xkey, block: str, node: dict | None = None) -> dict:
    head = f"<script type='application/ld+json'>{json.dumps(node)}</script>" if node else ""
    html = f"<html><head>{head}</head><body><h1>Leather Wallet</h1>{_PRICED}{block}</body></html>"
    body = {"type": "product", "content": html, "url": "https://shop.example.com/product/leather-wallet/"}
    return extract_through_api(xkey, body)["data"]


def test_a_shop_template_s_sku_n_a_is_no_sku(xkey):
    """WooCommerce writes "SKU: N/A" under a product that has none: it was returned as the sku."""
    block = "<div class='product_meta'><span class='sku_wrapper'>SKU: <span class='sku'>N/A</span></span></div>"
    assert _page(xkey, block).get("sku") is None


def test_a_structured_placeholder_sku_and_mpn_are_none(xkey):
    node = {
        "@type": "Product",
        "name": "Leather Wallet",
        "sku": "N/A",
        "mpn": "null",
        "offers": {"@type": "Offer", "price": "49.99", "priceCurrency": "USD"},
    }
    data = _page(xkey, "", node)
    assert (data.get("sku"), data.get("mpn"), data.get("price")) == (None, None, "49.99")


def test_a_placeholder_sku_gives_way_to_the_model_number(xkey):
    assert _page(xkey, "<p>SKU: N/A</p><p>Model: TR-3021</p>").get("sku") == "TR-3021"


@pytest.mark.parametrize(
    ("block", "sku"), [("<p>SKU: NA-100</p>", "NA-100"), ("<dl><dt>SKU</dt><dd>NAV</dd></dl>", "NAV")]
)
def test_a_code_that_starts_like_a_placeholder_is_a_code(xkey, block, sku):
    assert _page(xkey, block).get("sku") == sku
