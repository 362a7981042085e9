"""bench/class_hashing.py: the distant bench's pages with meaningless class and id names (``--markup hashed``,
``utility``): every class and id changes, the same token the same way, and what is not styling stays."""

import lxml.html

from bench.class_hashing import UTILITY_CLASSES, hash_class_names, hashed_token, utility_soup
from bench.quality import visible_page
from extractor.sanitize import STRUCK_ATTR

PAGE = (
    "<html><head><style>.old-price{text-decoration:line-through} #buy .label{color:red}</style></head><body>"
    "<main id='product'><h1 class='product-title h1'>Trail Runner</h1>"
    "<span class='old-price price' data-testid='price-was'>€99,00</span>"
    "<span class='price price--sale' aria-label='Sale price' role='text'>€79,00</span>"
    "<label for='qty' class='label'>Qty</label><input id='qty' name='quantity' value='1'>"
    "<button id='buy' class='btn btn-primary' data-sku='KX-1' title='Add to cart'>Add to cart</button>"
    "<del>€120</del><p style='font-size:24px'>In stock</p></main></body></html>"
)


def _tree(html: str):
    return lxml.html.fromstring(html)


def test_every_class_and_id_changes_and_the_same_token_the_same_way():
    tree = _tree(hash_class_names(PAGE))
    before = _tree(PAGE)
    for old, new in zip(before.iter(), tree.iter(), strict=True):
        if old.get("class"):
            assert new.get("class") == " ".join(hashed_token(t) for t in old.get("class").split())
            assert not set(old.get("class").split()) & set(new.get("class").split())
        if old.get("id"):
            assert new.get("id") == hashed_token(old.get("id")) != old.get("id")
    # "price" on two elements is one hashed token on both
    spans = tree.xpath("//span")
    assert set(spans[0].get("class").split()) & set(spans[1].get("class").split()) == {hashed_token("price")}
    assert tree.xpath("//label")[0].get("for") == tree.xpath("//input")[0].get("id")


def test_hashing_is_deterministic_and_names_no_word():
    assert hash_class_names(PAGE) == hash_class_names(PAGE)
    assert hashed_token("price") == hashed_token("price") != hashed_token("price", seed="other")
    tokens = {hashed_token(f"class-{i}") for i in range(2000)}
    assert all(t.startswith("css-") and len(t) == 10 for t in tokens)
    assert not any(w in t for t in tokens for w in ("old", "sale", "sku", "was", "now", "price", "stock"))


def test_aria_role_data_title_names_tags_styles_and_text_stay():
    html = hash_class_names(PAGE)
    for kept in (
        'data-testid="price-was"',
        'aria-label="Sale price"',
        'role="text"',
        'data-sku="KX-1"',
        'title="Add to cart"',
        'name="quantity"',
        "<del>€120</del>",
        'style="font-size:24px"',
        ">Trail Runner</h1>",
    ):
        assert kept in html
    for gone in ("old-price", "btn-primary", "product-title", "price--sale"):
        assert gone not in html


def test_the_style_sheet_names_the_hashed_classes_so_its_strike_still_strikes():
    hashed = hash_class_names(PAGE)
    assert f".{hashed_token('old-price')}{{text-decoration:line-through}}" in hashed
    assert f"#{hashed_token('buy')} .{hashed_token('label')}" in hashed
    # the sanitiser reads the sheet: the old price is marked struck on the hashed page as on the page served
    for markup in ("served", "hashed"):
        struck = _tree(visible_page(PAGE, markup)).xpath(f"//*[@{STRUCK_ATTR}]")
        assert [" ".join(el.text_content().split()) for el in struck] == ["€99,00"]


def test_utility_soup_writes_the_sheet_strike_as_a_class_and_keeps_no_hashed_token():
    page = _tree(visible_page(PAGE, "utility"))
    (old,) = page.xpath("//span[contains(., '99')]")
    assert "line-through" in old.get("class").split() and old.get(STRUCK_ATTR) is None
    for el in page.iter():
        for token in (el.get("class") or "").split():
            assert token in UTILITY_CLASSES or token == "line-through"
    assert visible_page(PAGE, "utility") == utility_soup(visible_page(PAGE, "hashed"))
