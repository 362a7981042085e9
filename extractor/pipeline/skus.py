"""More places a product page names its sku when it carries no structured data (issue 14's held-out sku classes).

Each reader is a named rule of ``RULES`` (``rules.py``), switched off by the bench's ablation:

* ``sku_labels_languages``: label forms of more languages and scripts ("Bestelnummer", "Artikkelnummer", "Kód zboží",
  "Stock #", "رقم الصنف", "کد محصول", "Код на продукта", "製品番号", "제품번호"), read like the other sku labels;
* ``sku_spec_label_forms``: a spec row (label cell, value cell) labelled by any form the text search reads, which
  needs no colon there ("<th>Artikelcode</th><td>KX-4471</td>", "<dt>貨號</dt><dd>KX-4471</dd>");
* ``sku_class_value``: an element the shop's template classes "sku" that holds the bare code
  (``<span class="product__sku">KX-4471-B</span>``);
* ``sku_form_input``: a hidden input of the page's forms named for the sku (``name="sku"``, ``"product_sku"``,
  ``"item_number"``, ``"artikelnummer"``).

The last two are read only where the page names no sku otherwise; several different values (a listing's cards, a
variant picker) name none.
"""

from __future__ import annotations

import re
from itertools import islice

from . import stock

# label forms of the product's code in more languages and scripts (rule ``sku_labels_languages``); each opens with a
# literal character (the label search looks ahead for the first characters of its labels)
SKU_LABELS_LANGUAGES_LATIN = (
    r"Bestelnummer",
    r"Artikel-\s*Nummer",
    r"Productnummer",
    r"Artikkel(?:nummer|nr)",
    r"Koda\s*izdelka",
    r"Kód\s*zboží",
    r"Stock\s*(?:No|#|number|code)",
    r"Article\s*(?:ID|No|number|code)",
    r"Ref(?:erencia|erência|érence)\s+(?:del|do|du)\s+(?:producto|produto|produit)",
    r"Numer\s*artyku[łl]u",
    r"Vörunúmer",
    r"Kodi\s*i\s*produktit",
    r"Kode\s*barang",
    r"Mã\s*hàng",
    r"Tuotenro",
)
SKU_LABELS_LANGUAGES_OTHER = (
    r"رقم\s*الصنف",
    r"كود\s*الصنف",
    r"رمز\s*الصنف",
    r"کد\s*(?:محصول|کالا)",
    r"Код\s*на\s*(?:продукта|артикула)",
    r"Продуктов\s*код",
    r"Шифра(?:\s*(?:производа|артикла))?",
    r"उत्पाद\s*कोड",
    r"製品番号",
    r"商品管理番号",
    r"제품번호",
    r"商品貨號",
    r"商品货号",
    r"არტიკული",
    r"מק״ט",
)

# the code row's label shop software writes in more languages (rule ``sku_labels_platforms``): French "UGS", the
# Swedish and Arabic "reference", "product number" of Italian, Spanish, Portuguese and Turkish, Nordic, Hungarian and
# Romanian item numbers, a spaced Korean "product code"
SKU_LABELS_PLATFORMS_LATIN = (
    r"UGS",
    r"Referens",
    r"Numero\s*(?:prodotto|articolo)",
    r"Número\s*(?:de|del)\s*producto",
    r"Número\s*do\s*produto",
    r"Ürün\s*numarası",
    r"Stok\s*kodu",
    r"Varenummer",
    r"Varenr",
    r"Tuotenumero",
    r"Cikkszám",
    r"Cod\s*produs",
)
SKU_LABELS_PLATFORMS_OTHER = (
    r"المرجع",
    r"상품\s+코드",
    r"제품\s*코드",
    r"商品编码",
    r"商品編碼",
)


def whole_label_re(latin: tuple[str, ...], other: tuple[str, ...]) -> re.Pattern:
    """A label cell's whole text (``product._norm_label``: lower case, no colon) that is one of these label forms."""
    return re.compile(r"(?:" + "|".join(latin + other) + r")\.?", re.IGNORECASE)


# a code a template writes alone into its "sku" element: letters and digits, a digit among them
_CODE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{1,30}")
# a class or id token naming the sku ("sku", "product__sku", "product-sku-value", "ProductSku"), not a wrapper whose
# text is the label as well (that text is the label reader's)
_SKU_TOKEN_RE = re.compile(r"(?:^|[-_])sku(?:$|[-_])|(?<=[a-z])Sku(?:$|[-_A-Z])|^SKU$")
_CLASS_SCAN_LIMIT = 60
_INPUT_SCAN_LIMIT = 200


def _names_sku(el) -> bool:
    names = f"{el.get('class') or ''} {el.get('id') or ''}".split()
    return any(_SKU_TOKEN_RE.search(name) or name.lower() == "sku" for name in names)


def page_chrome(el) -> bool:
    """In the page's footer, or in a header that does not hold the product's title (a mini cart, a
    newsletter form): not the product's."""
    return bool(el.xpath("ancestor::footer or ancestor::header[not(.//h1)]"))


def sku_from_class_values(tree) -> str | None:
    """Rule ``sku_class_value``: the one code the elements classed (or id'd) "sku" hold bare; none in another
    product's card (``stock.in_card``) or in the page's chrome; several different codes name none."""
    found = set()
    # the attribute axis: asking each element's class and id with contains() six times costs three times as much
    names = tree.xpath(
        "//body//@class[contains(.,'sku') or contains(.,'Sku') or contains(.,'SKU')] | "
        "//body//@id[contains(.,'sku') or contains(.,'Sku') or contains(.,'SKU')]"
    )
    candidates = list(dict.fromkeys(name.getparent() for name in names))
    for el in islice(candidates, _CLASS_SCAN_LIMIT):
        text = " ".join(el.text_content().split()) if _names_sku(el) else ""
        if _CODE_RE.fullmatch(text) and re.search(r"\d", text) and not (stock.in_card(el) or page_chrome(el)):
            found.add(text.rstrip("."))
    return found.pop() if len(found) == 1 else None


# the name of a form field that posts the product's sku ("sku", "product_sku", "items[0][sku]", "productCode",
# "item_number", "artikelnummer"), not its database id ("id", "product_id": ``sku_cart_form``'s)
_SKU_FIELD_RE = re.compile(
    r"(?:^|[^a-z])(?:(?:product|variant|item)[_-]?)?sku(?:$|[^a-z])|"
    r"(?:^|[^a-z])(?:product|item|article)[_-]?(?:code|number|no)(?:$|[^a-z])|"
    r"(?:^|[^a-z])artikel[_-]?(?:nummer|nr)(?:$|[^a-z])",
    re.IGNORECASE,
)


def sku_from_form_inputs(tree) -> str | None:
    """Rule ``sku_form_input``: the one value of the page's hidden inputs named for the sku, outside the page's chrome
    (a newsletter's or a gift card's form in the footer); several different values (a listing's forms) name none."""
    values = set()
    for el in islice(tree.iter("input"), _INPUT_SCAN_LIMIT):
        value = (el.get("value") or "").strip()
        if (
            (el.get("type") or "").lower() == "hidden"
            and _SKU_FIELD_RE.search(el.get("name") or "")
            and _CODE_RE.fullmatch(value)
            and re.search(r"\d", value)
            and not page_chrome(el)
        ):
            values.add(value)
    return values.pop() if len(values) == 1 else None


def column_below(label) -> list[str] | None:
    """Rule ``spec_column_table``: a label heading a column of a table ("<tr><th>SKU</th><th>Colour</th></tr>", every
    cell of its row a ``th``, the rows below of ``td`` cells) names the cells under it, one per row; None where the
    label heads no such column (a table of ``th`` cells only reads on along its row)."""
    row = label.getparent()
    if label.tag != "th" or row is None or row.tag != "tr" or len(row) < 2 or any(c.tag != "th" for c in row):
        return None
    column = list(row).index(label)
    rows = list(row.itersiblings("tr"))
    if not rows and row.getparent() is not None and row.getparent().tag == "thead":
        rows = [r for body in row.getparent().itersiblings("tbody") for r in body.iter("tr")]
    rows = rows[:50]
    if not rows or any(len(r) <= column or r[column].tag != "td" for r in rows):
        return None
    return [r[column].text_content() for r in rows]


# a label the text writes without a colon before the code ("SKU 4471022 · EAN …", "Artikelnummer 4471022", "品番
# KX-4471"; rule ``sku_label_no_colon``): only labels that name nothing else, the code followed by a separator or the
# end, a digit in it and five characters or letters and digits (not "SKU 2024", a year)
_NO_COLON_RE = re.compile(
    r"(?=[SsAaIi品商货貨상А])(?:\b(?:SKU|Art(?:ikel)?\.?\s*-?\s*Nr\.?|Artikelnummer|Item\s+No\.?)|品番|商品番号|货号|貨號|"
    r"상품번호|\bАртикул)\s+([A-Za-z0-9][A-Za-z0-9._/-]{2,30})(?=$|[\s,;|·•/)])",
    re.IGNORECASE,
)


# sku_labels_platforms: more labels shop software writes without a colon ("UGS EC-2490", "N° d’article M1234569",
# "Référence demo_13", "Artikelnr. KX-4471", "Varenummer 4471022")
_NO_COLON_PLATFORMS_RE = re.compile(
    r"(?=[UuNnRrAaVvPpBb])\b(?:UGS|N[°º]\s*d['’]article|Numéro\s+d['’]article|R[ée]f[ée]rence|Referencia|Referência|"
    r"Riferimento|Referentie|Referens|Artikelnr\.?|Varenummer|Produktnummer|Productnummer|Bestelnummer)"
    r"\s+([A-Za-z0-9][A-Za-z0-9._/-]{2,30})(?=$|[\s,;|·•/)])",
    re.IGNORECASE,
)


def label_without_colon(text: str, platforms: bool = False) -> str | None:
    """The one code after a sku label written without a colon (with ``sku_labels_platforms``' labels as on);
    several different codes name none."""
    found = {
        code.rstrip(".")
        for label_re in ((_NO_COLON_RE, _NO_COLON_PLATFORMS_RE) if platforms else (_NO_COLON_RE,))
        for code in label_re.findall(text)
        if re.search(r"\d", code) and (len(code) >= 5 or re.search(r"[A-Za-z]", code))
    }
    return found.pop() if len(found) == 1 else None
