import pytest

from bench.scoring import (
    BodyScore,
    FieldScore,
    body_pr,
    currency_codes,
    date_match,
    exact_match,
    field_match,
    text_match,
)


def test_body_pr_ngrams():
    assert body_pr("", "") == (1.0, 1.0)
    assert body_pr("a b c d", "a b c d") == (1.0, 1.0)
    p, r = body_pr("a b c d e", "a b c d")  # pred 2 grams, truth 1, shared 1
    assert p == 0.5 and r == 1.0
    assert body_pr("x y z w", "") == (0.0, 0.0)
    # multisets: repeated grams counted
    p, r = body_pr("a b c d a b c d", "a b c d")
    assert r == 1.0 and p == pytest.approx(1 / 5)


def test_body_score_average_and_exact():
    s = BodyScore()
    s.add("a b c d", "a, b. c d!")
    s.add("a b c d e", "a b c d")
    assert s.precision == pytest.approx(0.75) and s.recall == 1.0
    assert s.f1 == pytest.approx(2 * 0.75 / 1.75)
    assert s.exact_accuracy == 0.5
    assert exact_match("Héllo  wörld", "héllo wörld") is False
    assert exact_match("Hello, world", "Hello world")


def test_metadata_matches():
    assert text_match("  The  Title ", "the title")
    assert not text_match("Title", "Title 2")
    assert date_match("2024-01-02T23:00:00+00:00", "2024-01-02")
    assert not date_match("2024-01-03", "2024-01-02")


def test_product_field_matching():
    assert field_match("price", "19.9", "19.90")
    assert not field_match("price", "19.99", "19.90")
    # a label whose only separator groups three digits has both readings
    assert field_match("price", "23450", "23.450") and field_match("price", "23.45", "23.450")
    assert field_match("price", "1299", "1,299") and field_match("price", "1.299", "1,299")
    assert not field_match("price", "2345", "23.450") and not field_match("price", "2345", "23.45")
    assert field_match("price", "1234567", "1.234.567") and not field_match("price", "1.234567", "1.234.567")
    assert field_match("currency", "EUR", "€") and field_match("currency", "TWD", "$")
    assert field_match("currency", "RON", "Lei") and field_match("currency", "KRW", "원~")
    assert currency_codes("GBP") == {"GBP"}
    assert field_match("sku", "ab-12 3", "AB123")
    assert field_match("gtin", "0012345", "12345")
    assert field_match("brand", "Caran d'Ache", "CARAN D'ACHE") and field_match("brand", "Tikkers", "Tikkers ")
    assert field_match("availability", "https://schema.org/InStock", "InStock")


def test_field_score_counts():
    s = FieldScore()
    s.add("price", "10", ["10"])  # tp
    s.add("price", "11", ["10"])  # fp + fn
    s.add("price", None, ["10"])  # fn
    s.add("price", "5", None)  # fp
    s.add("price", None, None)  # nothing
    assert (s.tp, s.fp, s.fn) == (1, 2, 2)
    a = FieldScore()
    a.add("availability", None, ["InStock"])  # missing prediction counts as InStock
    a.add("availability", None, ["OutOfStock"])
    assert (a.tp, a.fp, a.fn) == (1, 1, 1)


def test_bench_groups_shops_and_hides_structured_data():
    from bench.quality import hide_structured, shop_of, structured_labels

    assert shop_of("https://www.amazon.co.uk/dp/1") == shop_of("https://amazon.de/x") == "amazon"
    assert shop_of("https://shop.example.com/p") == "example" and shop_of("https://i3fresh.tw/a") == "i3fresh"
    page = """<html><head><meta property="product:price:amount" content="9.00">
    <script type="application/ld+json">{"@type":"Product","name":"Cup","sku":"C-1",
    "offers":{"@type":"Offer","price":"9.00","priceCurrency":"EUR","availability":"https://schema.org/InStock"}}</script>
    <script id="__NEXT_DATA__" type="application/json">{"price": 9}</script></head>
    <body><div itemscope itemtype="https://schema.org/Offer"><span itemprop="price" content="9.00">9,00 €</span></div>
    </body></html>"""
    labels = structured_labels(page, "https://shop.example/cup")
    assert labels == {"price": ["9.00"], "currency": ["EUR"], "availability": ["InStock"], "sku": ["C-1"]}
    hidden = hide_structured(page)
    for gone in ("ld+json", "__NEXT_DATA__", "itemprop", "itemscope", "product:price", 'content="9.00"'):
        assert gone not in hidden
    assert "9,00 €" in hidden
    # two products with prices (a listing): no single label
    two = """<html><head><script type="application/ld+json">[{"@type":"Product","name":"Cup","offers":{"price":"9"}},
    {"@type":"Product","name":"Mug","offers":{"price":"3"}}]</script></head><body></body></html>"""
    assert structured_labels(two, None) is None


def test_distant_supervision_weighs_each_shop_as_one():
    """bench/quality's shop-weighted figure: a shop with three right pages counts as much as a shop with one wrong."""
    from bench.quality import _shops_weighted_equally

    outcomes = [("big", "price", (1, 0, 0))] * 3 + [("small", "price", (0, 1, 1))]
    score = _shops_weighted_equally(outcomes)["price"]
    assert (score.tp, score.fp, score.fn, score.f1) == (1, 1, 1, 0.5)
