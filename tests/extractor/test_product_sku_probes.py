"""The sku of a product page with no structured data (issue 14's held-out sku, the weak field of distant supervision),
through the API (POST, run, GET). Each page is small and written here, in many languages and layouts: spec rows
labelled by any form the text search reads (``sku_spec_label_forms``), labels of more languages and scripts
(``sku_labels_languages``), the bare code of an element classed "sku" (``sku_class_value``), a hidden input named for
the sku (``sku_form_input``), and labels in the page's footer or in a header without the title
(``sku_label_page_chrome``). The decoys (phone, order, VAT and postal numbers, barcodes, other products' codes) must
name no sku."""

from __future__ import annotations

import json

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

CODE = "KX-4471-B"


def _page(block: str = "", *, lang: str = "en", header: str = "", footer: str = "", after: str = "") -> str:
    return (
        f"<html lang='{lang}'><head><title>Trail Runner 2</title></head><body>"
        f"<header><a href='/'>Shop</a>{header}</header><main><div class='product'><h1>Trail Runner 2</h1>"
        f"<p class='price'>€89,95</p>{block}<form action='/cart/add' method='post'>"
        f"<button type='submit'>Add to cart</button></form>{after}</div></main><footer>{footer}</footer></body></html>"
    )


def _internal_id(sku: str = "99887766") -> str:
    node = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": "Trail Runner 2",
        "sku": sku,
        "offers": {"@type": "Offer", "price": "89.95", "priceCurrency": "EUR"},
    }
    return f'<script type="application/ld+json">{json.dumps(node)}</script>'


def _sku(xkey, content: str) -> tuple[str | None, str | None]:
    got = extract_through_api(xkey, {"type": "product", "content": content})
    return got["data"].get("sku"), got["metadata"]["sources"].get("sku")


# label forms the text search reads after a colon ("Artikelcode: X"), which a spec table writes in a cell of its own
_SPEC_FORMS = [
    ("en", "Item code"),
    ("fr", "Code article"),
    ("es", "Cód. artículo"),
    ("pt", "Cód. produto"),
    ("nl", "Artikelcode"),
    ("nl", "Productcode"),
    ("ro", "Cod articol"),
    ("hr", "Šifra artikla"),
    ("hu", "Termékkód"),
    ("pl", "Kod towaru"),
    ("cs", "Objednací číslo"),
    ("tr", "Stok Kodu"),
    ("tr", "Ürün Kodu"),
    ("id", "Kode produk"),
    ("vi", "Mã sản phẩm"),
    ("vi", "Mã SP"),
    ("el", "Κωδικός προϊόντος"),
    ("uk", "Код товару"),
    ("ja", "商品コード"),
    ("zh", "货号"),
    ("zh", "貨號"),
    ("zh", "產品編號"),
    ("ko", "상품코드"),
    ("ko", "품번"),
    ("he", 'מק"ט'),
    ("ar", "رمز المنتج"),
    ("ar", "كود المنتج"),
    ("th", "รหัสสินค้า"),
]


def _rows(label: str) -> list[str]:
    return [
        f"<table class='specs'><tr><th>Colour</th><td>Blue</td></tr><tr><th>{label}</th><td>{CODE}</td></tr>"
        "<tr><th>EAN</th><td>4006381333931</td></tr></table>",
        f"<dl><dt>Material</dt><dd>Cotton</dd><dt>{label}</dt><dd>{CODE}</dd></dl>",
        f"<ul><li><strong>{label}</strong> {CODE}</li><li><strong>Weight</strong> 320 g</li></ul>",
        f"<div class='product-code'><span class='label'>{label}</span><span class='value'>{CODE}</span></div>",
    ]


@pytest.mark.parametrize(("lang", "label"), _SPEC_FORMS)
def test_a_spec_row_labelled_by_a_text_label_form(xkey, lang, label):
    """sku_spec_label_forms: the table, definition list, bullet and two-span shapes of a spec row."""
    for row in _rows(label):
        assert _sku(xkey, _page(row, lang=lang)) == (CODE, "heuristic"), row


# labels of more languages and scripts: as a text label and as a spec row
_LANGUAGES = [
    ("nl", "Bestelnummer"),
    ("nl", "Productnummer"),
    ("no", "Artikkelnummer"),
    ("sl", "Koda izdelka"),
    ("cs", "Kód zboží"),
    ("en", "Stock No."),
    ("en", "Article No."),
    ("es", "Referencia del producto"),
    ("pl", "Numer artykułu"),
    ("is", "Vörunúmer"),
    ("sq", "Kodi i produktit"),
    ("id", "Kode barang"),
    ("vi", "Mã hàng"),
    ("ar", "رقم الصنف"),
    ("fa", "کد محصول"),
    ("fa", "کد کالا"),
    ("bg", "Код на продукта"),
    ("bg", "Продуктов код"),
    ("sr", "Шифра"),
    ("hi", "उत्पाद कोड"),
    ("ja", "製品番号"),
    ("ja", "商品管理番号"),
    ("ko", "제품번호"),
    ("ka", "არტიკული"),
    ("he", "מק״ט"),
]


@pytest.mark.parametrize(("lang", "label"), _LANGUAGES)
def test_a_sku_label_of_more_languages(xkey, lang, label):
    """sku_labels_languages: "Label: code" in the text, and the spec row."""
    assert _sku(xkey, _page(f"<p>{label}: {CODE}</p>", lang=lang)) == (CODE, "heuristic")
    row = f"<table><tr><th>{label}</th><td>{CODE}</td></tr></table>"
    assert _sku(xkey, _page(row, lang=lang)) == (CODE, "heuristic")


@pytest.mark.parametrize(
    "block",
    [
        "<table><tr><th>Artikelcode</th><td>KX-4471-B</td></tr></table>",
        "<dl><dt>Bestelnummer</dt><dd>KX-4471-B</dd></dl>",
        "<p>Kód zboží: KX-4471-B</p>",
    ],
)
def test_a_shown_label_beats_a_structured_id_the_page_never_shows(xkey, block):
    assert _sku(xkey, _page(block + _internal_id())) == (CODE, "heuristic")


def test_a_structured_sku_the_page_shows_stays(xkey):
    block = "<table><tr><th>Artikelcode</th><td>KX-4471-B</td></tr></table><p>Item 99887766</p>"
    assert _sku(xkey, _page(block + _internal_id())) == ("99887766", "jsonld")


@pytest.mark.parametrize(
    "block",
    [
        "<div class='product-meta'><span class='sku'>KX-4471-B</span></div>",
        "<p class='product__sku'>KX-4471-B</p>",
        "<span id='product-sku'>KX-4471-B</span>",
        "<div class='ProductSku'>KX-4471-B</div>",
        "<table><tr><td>Item</td><td class='sku'>KX-4471-B</td></tr></table>",
    ],
)
def test_the_bare_code_of_an_element_classed_sku(xkey, block):
    """sku_class_value: a template's "sku" element holding the code alone, no label."""
    assert _sku(xkey, _page(block)) == (CODE, "heuristic")


_RELATED = (
    "<section class='related'><h2>You may also like</h2>"
    "<div class='card'><a href='/p/a'><img src='/a.jpg'>Runner 1</a><span class='sku'>KX-1001</span></div>"
    "<div class='card'><a href='/p/b'><img src='/b.jpg'>Runner 3</a><span class='sku'>KX-1003</span></div></section>"
)


def test_the_sku_element_beside_other_products_cards(xkey):
    """Other products' cards with their own "sku" elements are not read; the product's own is."""
    assert _sku(xkey, _page("<p><span class='product-sku'>KX-4471-B</span></p>", after=_RELATED)) == (
        CODE,
        "heuristic",
    )


@pytest.mark.parametrize(
    ("block", "header"),
    [
        ("", _RELATED.replace("<section", "<div").replace("</section>", "</div>")),  # only other products' cards
        ("<ul><li class='variant-sku'>KX-4471-S</li><li class='variant-sku'>KX-4471-M</li></ul>", ""),  # variants
        ("<span class='sku-label'>SKU</span>", ""),  # a label alone, no code
        ("<div class='sku'>Select a size to see the item number</div>", ""),  # words
        (
            "",
            "<div class='minicart'><ul><li><a href='/p/z'>Socks</a><span class='item-sku'>SO-12345</span></li></ul></div>",
        ),
    ],
)
def test_sku_elements_that_name_no_sku(xkey, block, header):
    assert _sku(xkey, _page(block, header=header)) == (None, None)


@pytest.mark.parametrize(
    "inputs",
    [
        "<input type='hidden' name='sku' value='KX-4471-B'>",
        "<input type='hidden' name='product_sku' value='KX-4471-B'>",
        "<input type='hidden' name='items[0][sku]' value='KX-4471-B'>",
        "<input type='hidden' name='productCode' value='KX-4471-B'>",
        "<input type='hidden' name='item_number' value='KX-4471-B'><input type='hidden' name='business' value='a@b.c'>",
        "<input type='hidden' name='artikelnummer' value='KX-4471-B'>",
    ],
)
def test_a_hidden_input_named_for_the_sku(xkey, inputs):
    """sku_form_input: the cart form (or a payment button's form) posts the product's code."""
    assert _sku(xkey, _page(after=f"<form action='/cart/add'>{inputs}<button>Buy</button></form>")) == (
        CODE,
        "heuristic",
    )


@pytest.mark.parametrize(
    ("after", "footer"),
    [
        ("<input type='hidden' name='id' value='39912345678901'>", ""),  # a variant's database id
        ("<input type='hidden' name='product_id' value='4471'>", ""),  # the product's database id
        ("<input type='hidden' name='form_key' value='AbC123xYz9'>", ""),  # a form token
        ("<input type='hidden' name='sku' value='000'>", ""),  # a placeholder
        (
            "<form><input type='hidden' name='product_code' value='KX-1001'></form>"
            "<form><input type='hidden' name='product_code' value='KX-1003'></form>",  # a listing's forms
            "",
        ),
        ("", "<form action='/notify'><input type='hidden' name='sku' value='GIFT-CARD-25'></form>"),  # the footer's
    ],
)
def test_hidden_inputs_that_name_no_sku(xkey, after, footer):
    assert _sku(xkey, _page(after=after, footer=footer)) == (None, None)


def test_a_structured_sku_beats_a_hidden_input(xkey):
    page = _page(after="<form><input type='hidden' name='sku' value='KX-4471-B'></form>" + _internal_id())
    assert _sku(xkey, page) == ("99887766", "jsonld")


@pytest.mark.parametrize(
    ("footer", "header"),
    [
        ("<p>Ref: 2023/45</p>", ""),  # a footer's legal reference
        ("<p>Gutschein für den Newsletter · Art.-Nr.: 100234</p>", ""),
        ("", "<div class='minicart'><p>Socks</p><p>SKU: SO-12345</p></div>"),  # a header's mini cart
    ],
)
def test_sku_labels_of_the_page_chrome_name_no_sku(xkey, footer, header):
    """sku_label_page_chrome: the footer, and a header that does not hold the product's title."""
    assert _sku(xkey, _page(footer=footer, header=header)) == (None, None)


def test_a_sku_label_in_the_product_s_own_header_or_breadcrumbs_stays(xkey):
    own = (
        "<html><body><main><article><header><h1>Trail Runner 2</h1><p>SKU: KX-4471-B</p></header>"
        "<p>€89,95</p><button>Add to cart</button></article></main></body></html>"
    )
    assert _sku(xkey, own) == (CODE, "heuristic")
    crumbs = "<nav><ol><li><a href='/'>Home</a></li><li><span>SKU: KX-4471-B</span></li></ol></nav>"
    assert _sku(xkey, _page(crumbs)) == (CODE, "heuristic")


@pytest.mark.parametrize(
    ("block", "lang", "header", "footer"),
    [
        ("", "en", "<p>Call us: 0800 123 4567</p>", ""),
        ("", "de", "<p>Tel.: +49 30 1234567</p>", ""),
        ("", "en", "<p>Order #: 100045321</p>", ""),
        ("", "de", "", "<p>USt-IdNr.: DE123456789</p>"),
        ("", "nl", "", "<p>KvK-nummer: 12345678</p>"),
        ("", "pl", "", "<p>Kod pocztowy: 00-950</p>"),
        ("<p>EAN: 4006381333931</p>", "en", "", ""),
        ("<p>Código de barras: 7891234567890</p>", "es", "", ""),
        ("<table><tr><th>JANコード</th><td>4901234567894</td></tr></table>", "ja", "", ""),
        ("<p>Manufacturer part number: PN-7781</p>", "en", "", ""),
        ("<p>Stock: 12</p><p>Stock level: 12 units</p>", "en", "", ""),
        ("<p>Use code: SAVE20 at checkout</p>", "en", "", ""),
        ("<p>Шифрование: AES256</p>", "sr", "", ""),
    ],
)
def test_numbers_that_are_not_the_sku(xkey, block, lang, header, footer):
    assert _sku(xkey, _page(block, lang=lang, header=header, footer=footer)) == (None, None)


def test_the_sku_beside_a_barcode_and_a_part_number(xkey):
    block = "<p>EAN: 4006381333931</p><p>Stock #: 44710</p><p>Mfr. part number: PN-7781</p>"
    assert _sku(xkey, _page(block)) == ("44710", "heuristic")


@pytest.mark.parametrize(
    ("block", "lang", "sku"),
    [
        ("<p>SKU 4471022 · EAN 4006381333931</p>", "en", "4471022"),
        ("<p>Artikelnummer 4471022 · Farbe Blau</p>", "de", "4471022"),
        ("<p>Art.-Nr 4471022 | Hersteller: Acme</p>", "de", "4471022"),
        ("<p>ブランド: ACME 品番 KX-4471 カラー: 黒</p>", "ja", "KX-4471"),
        ("<p>Артикул 4471022</p>", "ru", "4471022"),
    ],
)
def test_a_sku_label_written_without_a_colon(xkey, block, lang, sku):
    """sku_label_no_colon: a label that names nothing else, then the code, in running text."""
    assert _sku(xkey, _page(block, lang=lang)) == (sku, "heuristic")


@pytest.mark.parametrize(
    "block",
    [
        "<p>Every SKU 2024 collection piece ships free</p>",  # a year
        "<p>SKU 123 of our range</p>",  # a short number
        "<p>SKU 4471022-S, SKU 4471022-M</p>",  # several codes
        "<p>4471022 (SKU)</p>",  # the label after the code
    ],
)
def test_bare_sku_words_that_name_no_sku(xkey, block):
    assert _sku(xkey, _page(block)) == (None, None)


def test_a_label_in_a_table_s_header_row_names_the_cell_below(xkey):
    """spec_column_table: "SKU" heads a column; its value is the cell under it, not the next header ("Colour")."""
    table = "<table><tr><th>SKU</th><th>Colour</th></tr><tr><td>KX-4471-B</td><td>Blue</td></tr></table>"
    assert _sku(xkey, _page(table)) == (CODE, "heuristic")
    tbody = (
        "<table><thead><tr><th>Colour</th><th>Art.-Nr.</th></tr></thead>"
        "<tbody><tr><td>Blau</td><td>KX-4471-B</td></tr></tbody></table>"
    )
    assert _sku(xkey, _page(tbody, lang="de")) == (CODE, "heuristic")


def test_a_table_of_header_cells_only_reads_along_its_row(xkey):
    table = "<table><tr><th>SKU</th><th>KX-4471-B</th></tr><tr><th>Colour</th><th>Blue</th></tr></table>"
    assert _sku(xkey, _page(table)) == (CODE, "heuristic")


def test_a_header_row_over_several_rows_names_no_sku(xkey):
    """A table of variants, one row each: several codes, none of them the product's."""
    table = (
        "<table><tr><th>SKU</th><th>Size</th></tr><tr><td>KX-4471-S</td><td>S</td></tr>"
        "<tr><td>KX-4471-M</td><td>M</td></tr></table>"
    )
    assert _sku(xkey, _page(table)) == (None, None)


def test_a_german_article_number_spelled_with_a_hyphen(xkey):
    assert _sku(xkey, _page("<p>Artikel-Nummer: 4471022</p>", lang="de")) == ("4471022", "heuristic")
