"""Product fields beyond price / sku / stock on pages written as shops nobody tuned for build them (issue 14 item 4),
through the API (POST, run, GET): ``rating`` written as text in 13 languages ("4,5 von 5 Sternen (123 Bewertungen)",
"5つ星のうち4.4"), ``gtin`` rows of more languages and an ISBN-10, gtins whose check digit fails (none), a structured
gtin the page contradicts (none), microdata / RDFa / div trails, feature headings of more languages, a spec row's
colour and size, variant pickers (selects and swatches of Shopify, WooCommerce, Magento, PrestaShop, Shopware,
BigCommerce, OpenCart and Salesforce templates) with the chosen colour / size, one variant per offer with its own
sku, the gallery's main image, list vs sale prices, and pages that are no product's (category listings, search
results, carts, reviews, a comparison) with a low ``metadata.probability`` and no invented fields. Each field's
source is checked in ``metadata.sources``. The pages and their expectations are in ``product_extra_fields_pages``;
the near misses (seller and shop ratings, a gallery counter, a menu, pagination, quantity / country / sort selects,
two pickers, sellers' offers, a size list "S, M, L") are probes like the others."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

from .product_extra_fields_pages import PROBES, mismatches

pytestmark = pytest.mark.django_db


def _param(probe):
    marks = [pytest.mark.xfail(reason=probe.xfail, strict=True)] if probe.xfail else []
    return pytest.param(probe, id=probe.id, marks=marks)


@pytest.mark.parametrize("probe", [_param(p) for p in PROBES])
def test_extra_fields_probe(xkey, probe):
    got = extract_through_api(xkey, {"type": "product", "content": probe.html, "url": probe.url})
    assert mismatches(probe, got["data"] or {}, got["metadata"] or {}) == []


def test_probe_ids_are_unique_and_many():
    ids = [p.id for p in PROBES]
    assert len(ids) == len(set(ids)) and len(ids) >= 150
    assert sum(1 for p in PROBES if p.xfail) <= 3
