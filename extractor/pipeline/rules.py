"""The product pipeline's heuristic rules, each with a name, and the switch that turns some off.

bench/quality.py switches them off one at a time to judge each rule on shops it was not derived from
(leave-one-shop-out); in production all are on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

RULES = (
    "reconcile_price",  # a structured price the page shows only struck through / outvoted gives way to the visible one
    "grid_price_skip",  # a price class repeated >= 4 times belongs to a product grid, not to the page's product
    "grid_title_block",  # an amount classed like a grid's that shares the title's block with no other of its class
    "old_price_attr_skip",  # price elements whose class says old/was/list/... are not the current price
    "spec_labels",  # "Brand" / "SKU" / "EAN" rows of spec tables and definition lists
    "sku_text_label",  # "SKU: X" / "Art.-Nr. X" / "Item # X" anywhere in the visible text
    "sku_from_url",  # an id-like URL token the page repeats
    "sku_cart_form",  # no sku otherwise: the analytics item id of a hidden input, or the add-to-cart form's product id
    "sku_first_token",  # "AB123 some words" in a sku field -> "AB123"
    "currency_from_tld",  # a price without currency: the shop's country names it
    "rand_bare_r",  # on a South African page (host or language), "R 1 299" is an amount in rand
    "symbol_family",  # "$" / "kr" / "¥" read from the page: the shop's country picks the family member
    "currency_named_on_page",  # "$" with no country in the host: the one family code the page writes ("AUD") names it
    "currency_named_in_words",  # "$" and "All prices in Canadian dollars" / "Priser i norske kroner": that member
    "visible_price",  # no price anywhere else: the current amount shown next to the title / buy button
    "visible_over_class_price",  # no structured price: that amount beats a "price"-classed one the page never shows
    "split_cents",  # "<span class=price-whole>49</span><span class=price-fraction>99</span>" is 49.99, not 4999
    "amounts_in_one_text",  # "Was $49.99 Now $34.99" in one element's own text: both amounts are read
    "tail_text_price",  # an amount in the text after an element ("<del>$599</del> Now $499") is the parent's, not struck
    "visible_regular",  # a struck / "was" amount shown beside the current price is the regularPrice
    "was_wording_languages",  # "Original price:", "Prezzo consigliato", "Původní cena:", "原價": the amount after is old
    "currency_signs_more",  # "110 ريال", "1,100 บาท", "110 дин.", "110 RSD": more currencies' signs, words and codes
    "ex_tax_pair",  # "€100 excl. VAT" beside "€121 incl. VAT": the amount without tax is not the price asked
    "other_condition_offer",  # "Used for $1,149.95", "Refurbished from", "Gebraucht ab": another offer, not the price
    "inline_style_strike",  # an amount struck by inline CSS (the sanitiser's data-struck mark) is an old price
    "visible_struck",  # amounts the page shows struck through / as "was" count as superseded when checking prices
    "visible_stock",  # no availability anywhere else: stock wording and the buy button's state
    "stock_class",  # no availability otherwise: the stock status class of the block around the title ("outofstock")
    "buy_button_aria_label",  # a buy button with no text (an icon) is read by its aria-label / title
    "visible_backorder_discontinued",  # "Back-order" / "No longer available" wording: BackOrder / Discontinued
    "visible_sku_over_structured",  # a "SKU:" / "Ref." / "Art.-Nr." the page shows beats a structured internal id
    "zero_price_none",  # a price of 0 is no price
    "no_price_when_unavailable",  # out of stock with a structured price the page does not show: no price offered
    "no_price_when_shown_unavailable",  # the same when only the page says so (a stale structured "InStock")
    "price_card_addon_skip",  # an amount in a link (another product's card) or a checkbox's label (an add-on)
    "mojibake_repair",  # a page wholly UTF-8 read as Latin-1 ("â‚¬25", "Â£9") is decoded again ("€25", "£9")
    "app_state",  # the product object of the page's application state (__NEXT_DATA__, dataLayer...), by agreement
    "state_from_attribute",  # application state also from a JSON data attribute (a theme's data-context='{...}')
    "single_variant_sku",  # a state product with no sku of its own whose variants carry one sku is known by it
    "sku_labels_more",  # "Cat. No.", "Style #", "Kód:", "Código:", "Код:", "品號": more labels of the product's code
    "label_in_small",  # "<small>Art.-Nr. 100234</small>": a label and its value in small print are a spec row
    "spec_sku_over_structured",  # a spec row's shown sku beats a structured sku the page never shows (internal id)
    "sku_model_label",  # "Model: TR3021" / "型番": the product's code when the page shows no other (or a hidden one)
    "label_parenthetical",  # "Manufacturer Part Number (MPN)", "EAN (barcode)": a spec label with a remark in brackets
    "mpn_labels_more",  # "Modellnummer", "Numero modello articolo", "Model name / number", "Ražotāja kods": the mpn
    "mpn_from_model",  # "Modello: WERPOWER001" and no mpn row: the model's one code is the manufacturer's number
    "mpn_spaced_code",  # "Modellnummer: HMP 2000": an mpn in capitals and digits with spaces is read whole
    "stock_wording_more",  # "Availability: Out of stock", "Agotado temporalmente", "Coming soon", "Only 2 left"
    "other_products_heading",  # stock texts and buy buttons after "You may also like" / "Customers also viewed"
    "variant_choice_stock",  # "Sold out" inside one of several swatches / size labels is that variant's state
    "card_stock_skip",  # "Sold out" in a link to a page, or beside a link holding a picture: another product's card
    "sold_out_button_class",  # a disabled buy button classed "sold-out" / "unavailable" says out of stock
    "disabled_class_variant",  # "disabled:bg-gray-200" (a utility class's look when disabled) does not disable a button
    "stock_apology_notify",  # "Leider nicht mehr lieferbar" (an apology first); a lone "Notify me when available"
    "class_strike",  # an amount whose class strikes it ("line-through", "text-decoration-line-through"): an old price
    "style_sheet_strike",  # '.old { text-decoration: line-through }' in a <style>: an amount of that class is old
    "ex_tax_label_before",  # "Excl. VAT: €100" beside "Incl. VAT: €121" (labels before amounts): the price is 121
    "glued_amount_skip",  # "<h1>iPhone 15</h1><span>€ 999</span>": the title's number glued to the next sign is no amount
    "old_price_class_languages",  # "prix-barre", "precioTachado", "alter-preis", "streichpreis": an old price's class
    "labelled_bare_amount",  # "Price: 25.00", "Preis: 25,00" with no sign: an amount, its currency the shop's country's
    "three_decimal_currency",  # "KWD 12.500", "1,250.500 BHD": a dinar's point before three digits is its decimal point
    "stock_wording_languages",  # "Nincs raktáron", "Pas en stock", "Inte i lager": negated in-stock words are not in
    # stock; more languages' out-of-stock and in-stock wording ("Brak towaru", "В наявності", "Σε απόθεμα")
    "local_dinar_sign",  # "KD 12.500", "45,900 DT": a dinar's Latin abbreviation, where the host or language names it
    "local_minor_digits",  # "12.500 دينار" on a .kw shop: a sign naming no currency is read in the country's (12.50)
    "withdrawn_availability",  # a stale structured "InStock" whose price the page withdraws ("Sold out"): not in stock
    "tunisian_decimal_comma",  # "45,900 DT", "1.250,500 TND": the Tunisian dinar's millimes after a comma
    "event_offers",  # a ticket page's JSON-LD Event with offers (no Product on the page): its price and availability
    "language_region_currency",  # "$" on an "es-CO" page is COP, "kr" on a Norwegian one NOK: the language tag's country
    "sale_word_box",  # "$49.99 Sale $34.99" alone in a small box (words read, no classes): the plain higher one is old
    "sold_out_disabled_buy",  # "Sold out" by the title and the buy button disabled or absent: over a structured InStock
    "stock_wording_scripts",  # "สินค้าหมด", "स्टॉक में नहीं", "ناموجود", "მარაგშია", "Skladom": whole-text stock wording
    "currency_words_scripts",  # "১,২০০ টাকা", "रू 1,500", "45 ლარი", "12万円": currencies' words in more scripts
    "was_wording_scripts",  # "Önceki fiyat", "قبل", "قیمت قبلی", "Dating presyo", "एमआरपी": the amount after is old
    "dash_whole_amount",  # "Pris 399,-", "Før 499,-": a whole amount with a dash for cents after a price / was / sale word
    "was_wording_more",  # "定价 ¥599", "ราคาเต็ม", "Harga asli", "Était", "Было", "Normal fiyat": the amount after is old
    "stock_wording_temporary",  # "Momenteel niet beschikbaar", "Временно отсутствует", "Stok kosong": whole-text out
    "id_placeholder_none",  # "SKU: N/A", "Art.-Nr.: -", a structured sku "null" / "0": a template's placeholder, no code
    "sku_image_names",  # no sku otherwise: the code that opens the file names of the product's gallery ("856500016979_A")
    "reference_days_price",  # "Lowest 30-day price: €49.99", "Tiefstpreis der letzten 30 Tage": a reference, not the price
    "grid_buy_block",  # an amount classed like a grid's that shares the buy button's block with no other of its class
    "shipping_cost_label",  # "Versandkosten: 4,99 €", "Shipping & handling: $5.00", "送料": the cost of shipping, no price
    "shipping_included_price",  # "Free shipping" / "Price incl. shipping:" just before an amount: no shipping cost
    "stock_wording_forms",  # "Épuisée", "Agotados", "Vyprodaný", "Slutsålt", "Товар закінчився", "Sold out - Notify me"
    "sku_labels_languages",  # "Bestelnummer", "Stock #", "Kód zboží", "رقم الصنف", "کد محصول", "製品番号": more sku labels
    "sku_spec_label_forms",  # "<th>Artikelcode</th><td>KX-4471</td>": a spec row labelled by any form the text search reads
    "sku_class_value",  # no sku otherwise: the one bare code of the elements classed "sku" ("product__sku")
    "sku_form_input",  # no sku otherwise: the one value of the hidden inputs named "sku" / "product_sku" / "item_number"
    "sku_label_page_chrome",  # a sku label in the footer or in a header without the title is not the product's
    "sku_label_no_colon",  # "SKU 4471022 · EAN …", "Artikelnummer 4471022", "品番 KX-4471": a label with no colon
    "spec_column_table",  # "<tr><th>SKU</th><th>Colour</th></tr><tr><td>KX-1</td>…": the label's column, one row below
    "apostrophe_grouping",  # "CHF 1’234.50", "12ʼ990.00": the typographic apostrophe groups thousands as "'" does
    "unit_price_label",  # "Grundpreis: 9,98 €/kg", "Prix au kilo :", "$0.42/oz", "7,90 € le litre": a price per measure
    "instalment_offer",  # "4 × 25 €", "Pay in 3 instalments of £16.67", "3 rate da 33,33 €", "20,83 € mtl.": one payment
    "split_amount_later",  # "<s>$<sup>19</sup>99</s> $<span>12</span><sup>99</sup>": a piece of the second amount is its own
    "member_price",  # "Clubpreis: 39,99 €", "Member price", "Medlemspris", "会員価格": the price everyone pays beats it
    "preorder_wording_languages",  # "Preventa", "Pré-venda", "Voorbestellen", "Předobjednávka", "Предзаказ", "予約受付中"
    "backorder_wording_more",  # "Nachlieferung", "Sur commande", "Disponible bajo pedido", "Op bestelling", "取り寄せ商品"
    "few_left_languages",  # "Il ne reste que 2 articles", "Últimas 2 unidades", "Zostały tylko 2 sztuki": in stock
    "price_on_request",  # "Price on request", "Preis auf Anfrage", "POA" and no amount shown: a structured price is a placeholder
    "invisible_format_chars",  # "\u200f49.90 \u200f₪", "$\u200b49.99", "۲۵۰٬۰۰۰\u200cتومان": bidi marks, zero-width characters unread
    "filter_option_skip",  # "Sur commande" / "In stock" as a listing's filter option (class "facet", "filter"): no claim
    "store_only_wording",  # "Available for in-store pickup only", "Click & Collect only", "Nur im Markt erhältlich"
    "language_tag_script",  # "zh-Hant-TW", "zh-Hans-CN": the region after a script subtag; "¥" on a "zh" page is the yuan
    "og_locale_region",  # <html lang="en"> or none, og:locale "en_CA": the locale's region names the "$" / "kr" / "¥"
    "currency_signs_further",  # "RD$1,290", "$U 1.290", "B/. 49.99", "USh 45,000", "15 000 FCFA", "֏12,900", "VES 120"
    "structured_currency_family",  # "$49.99" where the markup names NZD (RDFa priceCurrency, data-currency): NZD
    "data_currency_attribute",  # '<div class="price" data-currency="CAD">': the price element's attribute names its code
    "shown_currency_over_parser",  # "E£ 1,299", "MX$1,299", "499 kr." classed "price": the page reader's sign, not price-parser's
    "buy_words_more",  # "Add to Shopping Bag", "Add to my cart", "Add item to basket": buy buttons' longer English labels
    "labelled_stock_row",  # "Availability: Out of stock" as a labelled row beats an enabled buy button (a platform default)
    "sku_labels_platforms",  # "UGS", "Referens", "Numero prodotto", "Ürün numarası", "المرجع": shop software's code rows
    "tax_words_scripts",  # "Без ПДВ:", "Χωρίς ΦΠΑ:", "بدون ضريبة", "Sem impostos", "Imponibile": an amount without tax
    "box_with_old_price_class",  # "price with-list-price", "has-old-price": the box has an old price; it is not one
    "buy_link_button",  # "<a class='btn' href='javascript:void(0)'>В корзину</a>": a link styled as a buy button, to no page
    "stock_rows_languages",  # "Наявність: Немає в наявності", "Διαθεσιμότητα:", "Dostupnost: Není k dispozici"
    "multi_buy_offer",  # "Buy 2 for £10", "2 Stück für 40,00 €", "2 por 40 €", "2点で2,000円": the price of several
    "coupon_price",  # "€49.99 with code SAVE10", "Mit Code HERBST nur 49,99 €", "クーポン利用で": a price with a code
    "deposit_amount",  # "Reserve with a $50 deposit", "Anzahlung:", "Acompte de", "Pfand: 3,10 €": a deposit, no price
    "trade_in_offer",  # "From $599 with trade-in", "Avec reprise : dès 699 €", "Mit Inzahlungnahme ab": not the price
    "saving_words_languages",  # "Ahorras 20 €", "Je bespaart", "Du sparar", "Экономия", "Poupa": a saving, no price
    "option_tail_before",  # "<input> Subscribe &amp; Save <span>$21.24</span>": the text after the previous element
    "class_price_off_page",  # a "price"-classed amount in a recently-viewed / related / mini-cart block is no candidate
    "member_class_price",  # a "price"-classed amount that is a subscription's / members' gives way to everyone's price
    "subscription_price_languages",  # "Spar-Abo (10 % sparen)", "Abonnement -10 %", "定期便", "Prenumerera": subscribers'
    "variant_group_choice",  # "<div class='sizes'>…<button disabled>L – ausverkauft</button>": one size's state
    "tax_words_abbreviated",  # "ekskl. moms", "eks. mva", "s/ IVA", "c/ IVA", "o. MwSt.": an amount without / with tax
    "currency_picker_choice",  # "<option value='CAD' selected>CAD $</option>" among USD / CAD / AUD: "$59.00" in CAD
    "rental_deposit",  # "Kaution: 300 €", "Security deposit: $300", "Caution :", "Fianza:", "保証金": a rental's deposit
    "auction_starting_bid",  # "Starting bid: $50", "Startpreis", "Mise à prix", "Enter $127.50 or more": not the current bid
    "other_sellers_offer",  # "Autres vendeurs à partir de", "Otros vendedores desde", "他の出品者": other sellers' offers
    "rental_rate_price",  # "$45.00 / day", "29,00 € al giorno", "590 Kč / den": a rental's rate is the price asked
    "notify_wording_languages",  # "Meddela mig när varan finns i lager", "Giv mig besked", "M'alerter", "入荷お知らせ"
    "pickup_row_state",  # "Abholung im Markt: Nicht verfügbar" beside "Lieferung: Verfügbar": a store's state, no claim
    "made_to_order_lead",  # "Made to order – ships in 6–8 weeks", "Wird auf Bestellung gefertigt –", "受注生産": BackOrder
    "sold_badge_languages",  # a classified ad's "Verkauft", "Verkocht", "Såld", "Vendu" badge (the whole text): sold
    "quantity_tier_offer",  # "<tr><td>ab 10</td><td>13,39 €</td></tr>": a quantity table's price of several, not of one
    "online_sold_out",  # "Online ausverkauft", "En ligne : épuisé", "Online: Uitverkocht": the online shop's state first
    "table_cell_boundaries",  # "<td>1 Stück</td><td>4,99 €</td><td>10 Stück</td>": cells read apart, "€10" is no amount
    "other_products_heading_prices",  # amounts after "Related products" / "Livros relacionados" below the title: theirs
    "gtin_check_digit",  # a gtin whose GS1 (or ISBN-10) check digit fails is none: an internal number, a typo
    "gtin_shown_conflict",  # a structured gtin the spec rows contradict with another valid one: none, not a guess
    "gtin_labels_languages",  # "Código EAN", "Kod EAN", "EAN-kod", "JANコード", "GTIN-14", "ISBN-10" rows
    "isbn10_row",  # "ISBN-10: 0-306-40615-2" (its mod-11 check right) is the gtin, typed isbn
    "visible_rating",  # "4,5 von 5 Sternen (123 Bewertungen)", "5つ星のうち4.4": the rating when no structured one
    "percent_rating",  # "Rating: 90% (124 reviews)", "Bewertung: 84 % 25 Bewertungen": 4.5 / 4.2 of 5 (a label and a count)
    "state_rating",  # the state product's rating / averageRating / reviews: {average, count}, a scale of 10 / 100 read to 5
    "microdata_breadcrumbs",  # a microdata BreadcrumbList's names by position
    "crumb_marked_type",  # a list typed BreadcrumbList (RDFa typeof, microdata itemtype) is the visible trail
    "crumb_marked_div",  # "<div id='breadcrumb'><a>Inicio</a> › <a>Jardín</a>": a div's links as the trail
    "features_heading_languages",  # "Cechy produktu", "Egenskaper", "Vlastnosti", "Ominaisuudet", "特長" headings
    "spec_colour_size",  # "<th>Farbe</th><td>Schwarz</td>": a spec row's colour / size, one value each
    "picker_variants",  # a size / colour select or swatch group: the chosen value; one picker's options as variants
    "aria_pickers",  # '<button aria-pressed>', role="radio" aria-checked, role="option" aria-selected swatches: a picker
    "offer_variants",  # several offers each with its own sku: the product's variants
    "state_variations",  # a variation form's data attribute lists the variation records: variants with sku and price
    "visible_main_image",  # an itemprop image, else the gallery's first image, when no structured image
)
_disabled: frozenset[str] = frozenset()


def rule(name: str) -> bool:
    return name not in _disabled


@contextmanager
def rules_disabled(names: Iterable[str]) -> Iterator[None]:
    """Run with some heuristic rules switched off (the bench's ablation; not used by the service)."""
    global _disabled
    before = _disabled
    unknown = set(names) - set(RULES)
    if unknown:
        raise ValueError(f"unknown rules {sorted(unknown)}")
    _disabled = frozenset(names)
    try:
        yield
    finally:
        _disabled = before
