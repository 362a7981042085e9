"""Prices a reader sees: amounts written with a currency in the page's text.

Read from the visible page only (no structured data), so it works on shops whose markup nobody tuned for:

* an amount counts when a currency symbol or code stands before or after it ("$149.95", "149,95 €",
  "1 299 Kč", "3.980円", "NT$1,200"), in one short element or split over a few ("<span>$</span><b>149</b>");
* it is **superseded** (an old / list / "was" price) when it is struck through (``<del>``, ``<s>``, ``<strike>``,
  ``line-through``), when its element or a close ancestor is named for an old price, or when a "was"-word in one of
  many languages stands just before it;
* it is **not the product's price** when it sits in a recommendations / navigation container, is a unit price
  ("/ kg", "per 100 g"), an instalment ("/mo", "4 payments of"), a saving ("Save $30") or a shipping threshold;
* the current price is the non-superseded amount closest (in document order) to the product's title (its h1) and
  buy button; the regular price is a superseded amount next to it and higher than it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import islice

from lxml import etree

from ..sanitize import SHEET_STRUCK, STRUCK_ATTR
from .rules import rule

# the codes of the currencies written "$": one of them before the sign ("MXN $1,299") or after the amount ("$1,299 MXN")
# names the dollar
_DOLLAR_CODES = r"USD|CAD|AUD|NZD|MXN|HKD|SGD|TWD|ARS|CLP|COP"
_SYMBOLS_BEFORE = (
    # a dollar named by its code before the bare symbol; sols, yen written full-width, taka, tenge, lari, manat, kip
    # and tögrög beside the other signs
    rf"(?:{_DOLLAR_CODES})\s?\$|"
    r"(?<![\w/])S/(?:\.|(?=\s))|￥|৳|₸|₾|₼|₭|₮|US\$|C\$|CA\$|A\$|AU\$|NZ\$|NT\$|HK\$|S\$|R\$|MX\$|\$|€|£|¥|₩|₹|₽|₴|₺|₪|฿|₫|₱|₦|₲|₡|Rs\.?|RM|Rp\.?|CHF|Fr\.|"
    r"zł|Kč|kr\.?|lei|Ft|лв\.?|руб\.?|грн\.?|KSh|"
    r"EUR|USD|GBP|CAD|AUD|NZD|CHF|SEK|NOK|DKK|PLN|CZK|HUF|RON|BGN|HRK|TRY|RUB|UAH|JPY|CNY|KRW|INR|BRL|MXN|ZAR|"
    r"SGD|HKD|TWD|THB|VND|PHP|MYR|IDR|ILS|AED|SAR|CLP|COP|ARS|PEN|ISK"
)
_SYMBOLS_AFTER = (
    r"€|zł|Kč|kr\.?|lei|Ft|лв\.?|руб\.?|б\.\s?р\.|BYN|р\.|₽|грн\.?|₴|円|元|원|₩|₺|TL|₫|đ|₪|฿|Lei|RON|PLN|CZK|HUF|SEK|NOK|DKK|"
    r"EUR|USD|GBP|CHF|BGN|TRY|RUB|UAH|JPY|CNY|KRW|ISK|￥|৳|₸|₾|₼|₭|₮|ر\.س|د\.إ|\$"
)
# (the Arabic thousands separator "٬" too: "۲۵۰٬۰۰۰ تومان")
# the Arabic decimal separator "٫" once, before the last one to three digits ("١٢٫٥٠٠ د.ك": a dinar's 12.500)
# India's lakh grouping ("₹1,29,999": two digits a group before the last three) first; the full-width comma and
# point of Japanese and Chinese text ("￥４，４００") as the ASCII ones
_NUM = (
    r"\d{1,2},(?:\d{2},)++\d{3}(?!,\d)(?:\.\d{1,2})?|"
    r"\d{1,3}(?:[.,'\u00a0\u202f\u066c\uff0c ]\d{3})+(?:[.,\u066b\uff0e]\d{1,2}|\u066b\d{3})?|"
    r"\d+(?:[.,\u066b\uff0e]\d{1,2}|\u066b\d{3})?"
)
# apostrophe_grouping: Switzerland and Liechtenstein group thousands with an apostrophe, also the typographic one or
# the modifier letter a keyboard's autocorrect writes ("CHF 1’234.50", "12ʼ990.00"); the ASCII one was read before
_NUM_APOSTROPHES = _NUM.replace("'", "'\u2019\u02bc")
_AMOUNT_PATTERN = (
    r"(?:(?P<sym1>{before})\s?(?P<num1>{num})(?:[,.][-–—]{{1,2}})?)(?![\d%\u066b\u066c])|"
    r"(?<![\w.,\u066b\u066c])(?P<num2>{num})(?:[,.][-–—]{{1,2}})?\s?(?P<sym2>{after})(?!\w)"
)
# currency_signs_more: signs, words and codes of more currencies, most written after the amount in their own script
# ("110 ريال", "1,100 บาท", "110 ש\"ח", "110 дин.", "110 RSD"); a word several countries' currencies share (riyal,
# dinar, dirham, pound, rupee; the Persian "ریال" and "تومان", ten rials, which has no code) is an amount with no currency
# of its own (the shop's country may name it); a Gulf sign may stand before the amount ("ر.س 199"). Codes that are
# as often words or units beside a number are left out ("AMD 5600X", "SHOP ALL 2024", "10 KGS", "SHOWER GEL 250")
_MORE_BEFORE = r"E£|₨|GH₵|GH¢|₵|(?:ر\.س|د\.إ|ر\.ق|د\.ك|ر\.ع\.?|د\.ب|RSD|MKD|BAM|MDL|AZN|KZT|UZS|BYN|EGP|MAD|TND|DZD|QAR|KWD|BHD|OMR|JOD|LYD|IQD|LBP|NGN|KES|GHS|PKR|LKR|UYU|BOB|PYG|GTQ|DOP)(?=\s?\d)"
_MORE_AFTER = (
    r"RSD|MKD|BAM|MDL|GEL|AZN|KZT|UZS|EGP|MAD|TND|DZD|QAR|KWD|BHD|OMR|JOD|LYD|IQD|LBP|NGN|KES|GHS|PKR|LKR|UYU|BOB|PYG|GTQ|DOP|"
    r"INR|IDR|MYR|PHP|THB|VND|VNĐ|TWD|HKD|SGD|AUD|NZD|CAD|MXN|BRL|ARS|CLP|COP|PEN|UYU|ZAR|AED|SAR|ILS|HRK|ISK|"
    r"₹|₨|֏|៛|บาท|ש[\"״]ח|ש''ח|ден\.?|дин\.?|сом|сўм|сум|тенге|тг\.?|kn|lekë|Lek|"
    r"ريال|ریال|تومان|ر\.ق|ر\.ع\.?|دينار|د\.ك|د\.ب|د\.ا|د\.أ|د\.م\.?|د\.ت|د\.ج|د\.ل|ل\.د|د\.ع|ع\.د|درهم|جنيه|ج\.م|ل\.ل|ليرة"
)
# local_dinar_sign: the dinars' Latin abbreviations ("KD 12.500", "45,900 DT"), read only where the host's country or
# the page's language tag ("ar-KW", "fr-TN") names that dinar: elsewhere "KD 16", "BD 3", "DT 770" are models
_LOCAL_SIGNS = {"KWD": "KD", "BHD": "BD", "JOD": "JD", "TND": "DT"}


# currency_words_scripts: the currencies' words and signs in more scripts ("১,২০০ টাকা", "३,९९९ रुपये", "रू 1,500",
# "රු. 1,290", "15,000 ကျပ်", "45 ლარი", "1,290 ብር", "45,90 бел. руб."), and ten thousand yen / yuan / won written
# as one ("12万円" 120000, "1.2万元" 12000, "3만원" 30000); the Urdu and Tamil rupee words name no one country's rupee
_SCRIPT_BEFORE = r"रू\.?|රු\.?|ரூ\.?"
_SCRIPT_AFTER = (
    r"টাকা|রুপি|रुपये|रुपए|रू\.?|රු\.?|ரூ\.?|روپے|ကျပ်|ლარი|ብር|бел\.\s?руб\.?|ກີບ|төг\.?|төгрөг|դրամ|դր\.|сомонӣ|смн\.?|"
    r"រៀល|[万萬]\s?[円元]|만\s?원"
)
_TEN_THOUSAND = ("万", "萬", "만")

# currency_signs_further: the dollars written with a country's letters ("RD$", "TT$", "J$", "$U"), the signs of
# Panama's balboa, East Africa's shillings, Armenia's dram and Cambodia's riel before the amount, the CFA franc
# ("15 000 FCFA", West or Central Africa: the country picks), the Swiss franc's "Fr." after the amount ("45.90 Fr."),
# and the codes of more currencies next to an amount
# (not "KGS", "NAD", "MOP", "CRC", "NIO", "NPR", "BND": as often kilograms, a supplement, a mop, a checksum, a car
# maker, a broadcaster or a band beside a number)
_FURTHER_CODES = (
    r"VES|HNL|PAB|TTD|JMD|BZD|XCD|XOF|XAF|UGX|TZS|RWF|ETB|MUR|ZMW|BWP|MZN|AOA|KHR|LAK|MMK|MNT|TJS|MVR|FJD|BDT"
)
_FURTHER_BEFORE = (
    rf"(?<![\w$])(?:RD|TT|J|BZ|EC|FJ)\$|\$U|(?<!\w)B/\.|(?<!\w)(?:USh|TSh|Ksh)|₨|֏|៛|(?<!\w)F?\s?CFA(?=\s?\d)|"
    rf"(?:{_FURTHER_CODES})(?=\s?\d)"
)
_FURTHER_AFTER = rf"F\s?CFA|CFA|֏|៛|USh|TSh|Ksh|Fr\.|{_FURTHER_CODES}"
_FURTHER_SIGNS = {
    "RD$": "DOP",
    "TT$": "TTD",
    "J$": "JMD",
    "BZ$": "BZD",
    "EC$": "XCD",
    "FJ$": "FJD",
    "$U": "UYU",
    "B/.": "PAB",
    "USh": "UGX",
    "TSh": "TZS",
    "Ksh": "KES",
    "₨": "INR",
    "֏": "AMD",
    "៛": "KHR",
    "CFA": "XOF",
    "FCFA": "XOF",
    "F CFA": "XOF",
    "Fr.": "CHF",
}


@functools.lru_cache(maxsize=16)
def _amount_re(
    rand: bool,
    more: bool,
    local: str | None,
    scripts: bool = False,
    apostrophes: bool = False,
    further: bool = False,
) -> re.Pattern:
    """The shown-amount pattern: with ``rand`` a bare "R" before the amount, with ``more`` the signs of
    ``currency_signs_more``, with ``local`` (a currency code) that currency's local abbreviation, with ``scripts``
    those of ``currency_words_scripts``, with ``apostrophes`` the typographic apostrophes of ``apostrophe_grouping``,
    with ``further`` those of ``currency_signs_further``."""
    before, after = _SYMBOLS_BEFORE, _SYMBOLS_AFTER
    if further:
        before, after = _FURTHER_BEFORE + "|" + before, _FURTHER_AFTER + "|" + after
    if more:
        before, after = _MORE_BEFORE + "|" + before, _MORE_AFTER + "|" + after
    if scripts:
        before, after = rf"(?:{_SCRIPT_BEFORE})(?=\s?\d)|" + before, _SCRIPT_AFTER + "|" + after
    if rand:  # on a South African page a bare "R" is the rand; elsewhere "R 15" is as often a road, a size, a model
        before = r"(?<!\w)R(?=\s?\d)|" + before
    sign = _LOCAL_SIGNS.get(local or "")
    if sign:
        # before the amount only with decimals after a point ("KD 12.500"; "KD 16 Elite", "DT 770 PRO" are models);
        # after it only with decimals after a point or comma ("12.500 KD", "45,900 DT"; "50 BD-R", "3 BD / 2 BA")
        before, after = (
            rf"(?<![\w.]){sign}(?=\s?\d+(?:,\d{{3}})*[.\u066b]\d{{2,3}}(?!\d))|" + before,
            rf"(?:(?<=[.,\u066b]\d\d)|(?<=[.,\u066b]\d\d\s)|(?<=[.,\u066b]\d{{3}})|(?<=[.,\u066b]\d{{3}}\s)){sign}|"
            + after,
        )
    num = _NUM_APOSTROPHES if apostrophes else _NUM
    return re.compile(_AMOUNT_PATTERN.format(before=before, num=num, after=after))


# The symbols written beside a price and the ISO 4217 code each stands for (product.py reads structured currency
# fields with it too); the reader of shown prices knows a few more, written only beside an amount.
CURRENCY_SYMBOLS = {
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₩": "KRW",
    "₹": "INR",
    "₽": "RUB",
    "₴": "UAH",
    "₺": "TRY",
    "₪": "ILS",
    "฿": "THB",
    "₫": "VND",
    "₱": "PHP",
    "zł": "PLN",
    "Kč": "CZK",
    "lei": "RON",
    "Ft": "HUF",
    "R$": "BRL",
    "US$": "USD",
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "NT$": "TWD",
    "HK$": "HKD",
    "S$": "SGD",
    "CHF": "CHF",
    "Fr.": "CHF",
    "kr": "SEK",
    "RM": "MYR",
    "$": "USD",
    "원": "KRW",
    "円": "JPY",
    "元": "CNY",
    "лв": "BGN",
    "руб": "RUB",
    "грн": "UAH",
    "￥": "JPY",
    "৳": "BDT",
    "₸": "KZT",
    "₾": "GEL",
    "₼": "AZN",
    "₭": "LAK",
    "₮": "MNT",
}

_CODE_OF = {
    **CURRENCY_SYMBOLS,
    "MX$": "MXN",
    "Rs": "INR",
    "Rs.": "INR",
    "руб.": "RUB",
    "р.": "RUB",
    "б.р.": "BYN",
    "б. р.": "BYN",
    "грн.": "UAH",
    "TL": "TRY",
    "đ": "VND",
    "₦": "NGN",
    "₲": "PYG",
    "₡": "CRC",
    "Rp": "IDR",
    "Rp.": "IDR",
    "kr.": "DKK",
    "Lei": "RON",
    "лв.": "BGN",
    "KSh": "KES",
    "R": "ZAR",
    "S/": "PEN",
    "S/.": "PEN",
    "ر.س": "SAR",
    "د.إ": "AED",
    # currency_signs_more
    "E£": "EGP",
    "GH₵": "GHS",
    "GH¢": "GHS",
    "₵": "GHS",
    "VNĐ": "VND",
    "₹": "INR",
    "֏": "AMD",
    "៛": "KHR",
    "บาท": "THB",
    'ש"ח': "ILS",
    "ש״ח": "ILS",
    "ש''ח": "ILS",
    "ден": "MKD",
    "ден.": "MKD",
    "дин": "RSD",
    "дин.": "RSD",
    "сом": "KGS",
    "сўм": "UZS",
    "сум": "UZS",
    "тенге": "KZT",
    "тг": "KZT",
    "тг.": "KZT",
    "kn": "HRK",
    "lekë": "ALL",
    "Lek": "ALL",
    "ر.ق": "QAR",
    "ر.ع": "OMR",
    "ر.ع.": "OMR",
    "د.ك": "KWD",
    "د.ب": "BHD",
    "د.ا": "JOD",
    "د.أ": "JOD",
    "د.م": "MAD",
    "د.م.": "MAD",
    "د.ت": "TND",
    "د.ج": "DZD",
    "د.ل": "LYD",
    "ل.د": "LYD",
    "د.ع": "IQD",
    "ع.د": "IQD",
    "ج.م": "EGP",
    "ل.ل": "LBP",
    # currency_words_scripts
    "টাকা": "BDT",
    "রুপি": "INR",
    "रुपये": "INR",
    "रुपए": "INR",
    "रू": "NPR",
    "रू.": "NPR",
    "රු": "LKR",
    "රු.": "LKR",
    "ကျပ်": "MMK",
    "бел. руб.": "BYN",
    "бел. руб": "BYN",
    "бел.руб.": "BYN",
    "бел.руб": "BYN",
    "ლარი": "GEL",
    "ብር": "ETB",
    "ກີບ": "LAK",
    "төг": "MNT",
    "төг.": "MNT",
    "төгрөг": "MNT",
    "դրամ": "AMD",
    "դր.": "AMD",
    "сомонӣ": "TJS",
    "смн": "TJS",
    "смн.": "TJS",
    "រៀល": "KHR",
    # local_dinar_sign: read only where the page's country names that dinar (``_LOCAL_SIGNS``)
    "KD": "KWD",
    "BD": "BHD",
    "JD": "JOD",
    "DT": "TND",
}
_DOLLAR_CODE_AFTER_RE = re.compile(rf"^\s?({_DOLLAR_CODES})\b")

_SKIP_TAGS = {"script", "style", "noscript", "template", "option", "select", "textarea", "title", "head", "svg"}
_OFF_CONTAINER_RE = re.compile(
    r"related|recommend|upsell|up-sell|cross-?sell|similar|recently|also-|you-may|others|carousel|"
    r"footer|\bnav\b|navbar|menu|breadcrumb|mini-?cart|cart-drawer|header-cart|shipping|free-ship|banner|promo-bar",
    re.IGNORECASE,
)
_OFF_TAGS = {"nav", "footer", "aside"}
# the words of a class / id naming an old or list price, matched as whole words of the name ("old-price",
# "price--old", "oldPrice", "price_old", "wasprice", "compareAtPrice"), never inside another word: "font-bold",
# "gold", "sold-out", "placeholder", "threshold", "swatch", "before:absolute" (a variant), "flex-initial",
# "font-regular" name no old price
_OLD_WORDS = (
    "old|was|regular|strike|striked|strikeout|strikethrough|struck|before|compare|compareat|original|listprice|"
    "rrp|msrp|crossed|crossout|previous|uvp|reference|nonsale|fullprice|initial"
)
# an amount that is not the current price either: a saving, a "from" / range / per-unit amount, a total, a label, a
# price filter's bounds, tax ("price-wrapper", "delivery", "orange" name none of these: "per", "del", "range")
_NOT_CURRENT_WORDS = f"{_OLD_WORDS}|del|save|saving|savings|discount|from|range|per|unit|total|label|filter|slider|tax"


def _class_word_re(words: str) -> re.Pattern:
    return re.compile(rf"(?:price|pricing)?(?:{words})(?:price|prices|amount|value|cost)?")


_OLD_WORD_RE = _class_word_re(_OLD_WORDS)
_NOT_CURRENT_WORD_RE = _class_word_re(_NOT_CURRENT_WORDS)
# a utility class of a style whose value may be such a word ("font-regular", "flex-initial", "text-compare")
# box_with_old_price_class: a name that says its element has / comes with an old price ("with-list-price")
_HAS_WORDS = frozenset(("with", "has"))
_STYLE_CLASS_HEADS = frozenset(("font", "fw", "weight", "text", "typo", "ff", "flex", "grow", "shrink", "leading"))
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_LETTERS_RE = re.compile(r"[^\W\d_]+")


def _names_word(attrs: str, word_re: re.Pattern) -> bool:
    """Whether a class / id / itemprop holds a word of ``word_re``: one of its names, split on non-letters and
    camelCase (a Tailwind variant such as "before:" dropped), holds it as a word of its own or two adjacent words
    ("list-price", "non-sale", "full-price"); the names of a font / text / flex utility are skipped."""
    for name in attrs.split():
        words = [w.lower() for w in _LETTERS_RE.findall(_CAMEL_RE.sub(" ", name.rsplit(":", 1)[-1]))]
        if not words or words[0] in _STYLE_CLASS_HEADS:
            continue
        if rule("box_with_old_price_class") and _HAS_WORDS & set(words):
            continue  # "with-list-price", "has-old-price": the box that shows an old price beside the current one
        if any(word_re.fullmatch(w) for w in words) or any(
            word_re.fullmatch(a + b) for a, b in zip(words, words[1:], strict=False)
        ):
            return True
    return False


def names_old_price(attrs: str) -> bool:
    """Whether a class / id / itemprop names an old / list price ("old-price", "compareAtPrice", "prix-barre")."""
    return _names_word(attrs, _OLD_WORD_RE) or _names_old_in_languages(attrs)


def names_not_current_price(attrs: str) -> bool:
    """Whether a class / id / itemprop names an amount that is not the current price: an old / list price, a saving,
    a "from" / range / per-unit amount, a total, a label, a price filter's bounds, tax ("price-save", "unitPrice")."""
    return _names_word(attrs, _NOT_CURRENT_WORD_RE) or _names_old_in_languages(attrs)


# old_price_class_languages: an old price named in other languages: "price" in one and "old" / "struck" / "list" in
# one ("prix-barre", "precioTachado", "prezzo_pieno", "cena-przekreslona", "alter-preis", "oude-prijs"), in either
# order, or one word that says both ("streichpreis", "vanprijs", "normalpris"); a word that is as often something
# else ("alt", "normal", "de", "van" alone) is not one, nor an English homograph ("retail-price", "orig-price",
# "oud-price": a perfume's, "price-van", "prijs-van": a "from" price); "alter" only beside "preis"
_PRICE_WORDS = frozenset(
    "price prix precio prezzo preco preço preis prijs cena cijena cenа pris hinta ar ár pret preț fiyat fiyati "
    "tsena".split()
)
_OLD_WORDS_MORE = frozenset(
    "barre barré barrado barrada barrato barrata tachado tachada streich durchgestrichen doorgestreept przekreslona "
    "przekreślona anterior antigo antiga antes vechi stara stary stare staraya staraja alte oude pieno "
    "puvodni původní eredeti regi régi ordinarie vanha listino katalogowa riferimento referencia "
    "sugerido consigliato vorher".split()
)
_OLD_PRICE_COMPOUNDS = frozenset(
    "streichpreis streichpreise durchgestrichen doorgestreept przekreslona przekreślona tachado barrado barrato "
    "vanprijs adviesprijs normalpris ordinariepris førpris listenpreis altpreis originalpreis prixbarre "
    "preciotachado prezzobarrato".split()
)

_NEW_WORDS = frozenset(
    "new now current neu aktuell ahora despues después nuevo nueva actual nouveau nouvelle actuel nuovo attuale "
    "novo nova atual nieuw nieuwe nowa nowy obecna aktualna".split()
)


def _names_old_in_languages(attrs: str) -> bool:
    if not rule("old_price_class_languages"):
        return False
    for name in attrs.split():
        words = [w.lower() for w in _LETTERS_RE.findall(_CAMEL_RE.sub(" ", name.rsplit(":", 1)[-1]))]
        if not words or words[0] in _STYLE_CLASS_HEADS or not _NEW_WORDS.isdisjoint(words):
            continue  # "preis-alter-neu", "precio-antes-ahora": a wrapper of both the old and the new price
        if any(w in _OLD_PRICE_COMPOUNDS for w in words) or any(
            (a in _PRICE_WORDS and b in _OLD_WORDS_MORE)
            or (a in _OLD_WORDS_MORE and b in _PRICE_WORDS)
            or {a, b} == {"alter", "preis"}
            for a, b in zip(words, words[1:], strict=False)
        ):
            return True
    return False


# a "was"-word just before an amount; it starts a word even when glued to a digit ("Save 1/3Was £14.99")
_WAS_WORDS_RE = re.compile(
    r"(?:(?<![^\W\d])(?:was|statt|uvp|rrp|msrp|list(?:\s+price)?|reg(?:ular|\.)?|original(?:ly)?|before|antes|"
    r"prima|avant|au\s+lieu\s+de|era\b|vorher|zuvor|bisher|normal(?:pris|preis)?|ord(?:inarie)?\.?|"
    r"tidligere|ennen|voorheen|van\b|dříve|původn[ěí]|przed|regularna|było|было|ранее|старая|"
    r"cena\s+katalogowa|suggested|compare\s+at|value|pvp|preço\s+antigo|(?<!partir\s)de\b)|定価|原价|参考価格|通常価格|정가)"
    r"\s*[:：]?\s*$",
    re.IGNORECASE,
)
# was_wording_languages: the old / list / recommended price named in more languages, most as "<adjective> price"
# ("Original price:", "Prezzo consigliato", "Původní cena:", "Старая цена:", "原價：", "السعر الأصلي"), and the EU's
# "lowest price of the last 30 days" a shop must show beside a reduction (a reference, not the price asked)
_WAS_PHRASES_RE = re.compile(
    r"(?:(?<![^\W\d])(?:"
    r"(?:regular|original|orig\.?|old|previous|usual|normal|typical|retail|reference|recommended(?:\s+retail)?|"
    r"market|list|former|compare[-\s]at|suggested(?:\s+retail)?)\s+price|orig\.|previously|m\.?r\.?p\.?|retail|"
    r"listenpreis|streichpreis|alter\s+preis|originalpreis|ursprünglicher\s+preis|regulärer\s+preis|"
    r"unverbindliche\s+preisempfehlung|statt\s+bisher|"
    r"prix\s+(?:barré|de\s+référence|initial|conseillé|public(?:\s+conseillé)?|normal|habituel)|ancien\s+prix|"
    r"precio\s+(?:anterior|de\s+lista|original|regular|normal|habitual|recomendado|de\s+referencia)|"
    r"prezzo\s+(?:di\s+listino|consigliato|originale|precedente|pieno|di\s+riferimento)|invece\s+di|"
    r"preço\s+(?:original|anterior|de\s+tabela|normal|de\s+referência)|"
    r"adviesprijs|oude\s+prijs|originele\s+prijs|normale\s+prijs|vanprijs|"
    r"förr|ord\.?\s*pris|ordinarie\s+pris|tidigare\s+pris|tidligere\s+pris|ursprungligt\s+pris|"
    r"rek\.?\s+pris|vejledende\s+pris|vejl\.?\s+(?:udsalgs)?pris|veil\.?\s+pris|veiledende\s+pris|førpris|før|"
    r"alkuperäinen\s+hinta|normaalihinta|norm\.|ovh\.?|aiemmin|"
    r"sena\s+kaina|ankstesnė\s+kaina|vecā\s+cena|iepriekšējā\s+cena|vana\s+hind|tavahind|"
    r"poprzednia\s+cena|stara\s+cena|cena\s+pierwotna|cena\s+przed\s+obniżką|"
    r"najniższa\s+cena(?:\s+z\s+\d+\s+dni)?(?:\s+przed\s+obniżką)?|"
    r"niedrigster\s+preis(?:\s+der\s+letzten\s+\d+\s+tage)?|"
    r"prix\s+le\s+plus\s+bas(?:\s+des\s+\d+\s+derniers\s+jours)?|"
    r"lowest\s+price(?:\s+(?:in|of)\s+the\s+(?:last|past)\s+\d+\s+days)?|"
    r"precio\s+más\s+bajo(?:\s+de\s+los\s+últimos\s+\d+\s+días)?|"
    r"prezzo\s+più\s+basso(?:\s+degli\s+ultimi\s+\d+\s+giorni)?|"
    r"laagste\s+prijs(?:\s+(?:van\s+de|in\s+de)\s+afgelopen\s+\d+\s+dagen)?|"
    r"původní\s+cena|běžná\s+cena|doporučená\s+cena|pôvodná\s+cena|bežná\s+cena|predtým|"
    r"régi\s+ár|eredeti\s+ár|korábbi\s+ár|listaár|"
    r"pre[țţt]\s+(?:vechi|ini[țţt]ial|recomandat|de\s+list[ăa])|prp|"
    r"стара\s+ціна|старая\s+цена|прежняя\s+цена|предишна\s+цена|стара\s+цена|без\s+скидки|"
    r"eski\s+fiyat|piyasa\s+fiyat[ıi]|liste\s+fiyat[ıi]|"
    r"παλιά\s+τιμή|αρχική\s+τιμή|προηγούμενη\s+τιμή|"
    r"stara\s+cijena|redovna\s+cijena|redovna\s+cena|stara\s+cena|redna\s+cena|"
    r"giá\s+(?:gốc|cũ|niêm\s+yết|thị\s+trường)|harga\s+(?:asal|awal|coret|sebelumnya)"
    r")|原價|原售價|原售价|市價|市价|市場價|市场价|建議售價|建议售价|建議零售價|建议零售价|定價|专柜价|專櫃價|メーカー希望小売価格|希望小売価格|"
    r"시중가|소비자가|정상가|ราคาปกติ|ราคาเดิม|السعر\s+الأصلي|السعر\s+القديم|السعر\s+السابق|بدلاً\s+من|"
    r"מחיר\s+קודם|מחיר\s+מקורי|במקום)"
    r"\s*[:：]?\s*$",
    re.IGNORECASE,
)
# was_wording_scripts: the old price named in more languages and scripts, just before the amount ("Önceki fiyat",
# "قبل", "قیمت قبلی", "Dating presyo", "Purana daam", "एमआरपी", "আগের দাম"); each a whole word: "المكان" (the place),
# "المقبل" (the next) end in "كان" / "قبل" and say nothing of a price
_WAS_SCRIPTS_RE = re.compile(
    r"(?<![^\W\d_])(?:önceki\s+fiyat[ıi]?|dating\s+presyo|orihinal\s+na\s+presyo|purana\s+daam|"
    r"pehle\s+ka\s+daam|قبل|كان|السعر\s+قبل\s+الخصم|ق[يی]مت\s+(?:قبل[یي]|اصل[یي])|پرانی\s+قیمت|"
    r"एमआरपी|पुरानी?\s+(?:कीमत|दाम)|पुराना\s+(?:मूल्य|दाम)|মূল\s+দাম|আগের\s+দাম|পূর্বের\s+মূল্য)\s*[:：]?\s*$",
    re.IGNORECASE,
)
# was_wording_more: the old price named so in more languages, just before the amount ("定价 ¥599", "吊牌价",
# "ราคาเต็ม", "Harga asli", "Était", "Было", "Раньше", "Normal fiyat"); whole words
_WAS_MORE_RE = re.compile(
    r"(?<![^\W\d_])(?:定价|定價|吊牌价|吊牌價|ราคาเต็ม|harga\s+(?:asli|awal|normal)|était|étaient|было|було|раньше|"
    r"ранее|normal\s+fiyat[ıi]?|liste\s+fiyat[ıi]|piyasa\s+fiyat[ıi])\s*[:：]?\s*$",
    re.IGNORECASE,
)
# reference_days_price: the EU's "lowest price of the last 30 days" in any wording ("Lowest 30-day price:", "Tiefstpreis
# der letzten 30 Tage:", "Az elmúlt 30 nap legalacsonyabb ára:", "Χαμηλότερη τιμή 30 ημερών:"): a label just before the
# amount that names a number of days and a "lowest" word is a reference, not the price asked; a delivery time
# ("Lieferzeit: 2-3 Tage"), a return period or a "30-Day Price Match Guarantee" names no lowest price and stays out
_DAY_WORDS = (
    r"days?|tage?n?|dni|dní|dnů|jours|días|dias|giorni|dagen|dage|dagarna|dagar|dager|dana|dienų|dienās|dienu|päivän|"
    r"päeva|nap|napban|napos|zile|zilele|ημερών|ημέρες|дни|дней|днів|дана|dneh|gün|günün|günlük"
)
_REFERENCE_DAYS_RE = re.compile(
    rf"(?<!\d)\d{{1,3}}\s*-?\s*(?:[^\W\d_]{{1,9}}\s+)?(?:{_DAY_WORDS})(?![^\W\d_])[^\d]{{0,45}}$", re.IGNORECASE
)
_REFERENCE_WORD_RE = re.compile(
    r"(?<![^\W\d_])(?:lowest|niedrigste\w*|tiefst\w*|günstigste\w*|lägsta|laveste|laagste|alin|madalaim|mažiausia|"
    r"zemākā|legalacsonyabb|najni[žż]\w*|nejni[žz]\w*|mais\s+baixo|más\s+bajo|più\s+basso|plus\s+bas|mai\s+mic|"
    r"χαμηλότερη|най-ниска|самая\s+низкая|найнижча|en\s+düşük)(?![^\W\d_])",
    re.IGNORECASE,
)


def reference_days(before: str) -> bool:
    """reference_days_price: the text just before an amount is a "lowest price of N days" label (above)."""
    tail = before[-90:]
    m = _REFERENCE_DAYS_RE.search(tail)
    if m is None:
        return False
    label = tail[max(0, m.start() - 45) :]
    return _REFERENCE_WORD_RE.search(label) is not None


_NOT_A_PRICE_BEFORE_RE = re.compile(
    r"(?:save|saving|you\s+save|sie\s+sparen|spare|ahorra|économisez|risparmi|bespaar|oszczędzasz|ušetříte|"
    r"spar|payments?\s+of|\d+\s*x|över|over|above|orders?|shipping|versand|\+|"
    r"delivery|livraison|envío|spedizione|verzending|wysyłka|doprava|frakt|credit|gift\s+card|up\s+to|bis\s+zu|"
    # a conversion into the reader's currency ("Approximately EUR 5,663.94"), not the price the shop asks
    r"approx(?:\.|imately)?|ca\.|circa|ungefähr|environ|aprox(?:\.|imadamente)?|circa|około|cca\.?|примерно|約)"
    r"\s*:?\s*$",
    re.IGNORECASE,
)
# shipping_cost_label: an amount labelled as the cost of shipping ("Versandkosten: 4,99 €", "Shipping & handling:
# $5.00", "Frais de port : 4,99 €", "Koszt wysyłki:", "送料"; the delivery word and at most two more words just before
# it) is no price of the product; "Price incl. shipping: $149" (an inclusion word first) is the price, and a sentence
# ("Shipping calculated at checkout") is no label
_SHIPPING_LABEL_RE = re.compile(
    r"(?<![^\W\d_])(?:shipping|postage|delivery|versand\w*|liefer\w*kosten|porto|frais\s+(?:de\s+)?(?:port|livraison|"
    r"transport|d'envoi)|livraison|gastos\s+de\s+env[ií]o|env[ií]o|spese\s+di\s+spedizione|spedizione|verzend\w*|"
    r"bezorg\w*|wysyłk\w*|dostaw\w*|doprav\w*|doručení|frakt\w*|fragt\w*|toimitus\w*|szállítás\w*|kargo|доставк\w*|"
    r"frete|portes|送料|配送料|运费|運費|배송비)(?![^\W\d_])(?:\s*[^\s\d]+){0,2}\s*[:：]?\s*$",
    re.IGNORECASE,
)
_SHIPPING_WORD_RE = re.compile(
    r"(?<![^\W\d_])(?:shipping|versand|delivery|livraison|envío|spedizione|verzending|wysyłka|"
    r"doprava|frakt)",
    re.IGNORECASE,
)
_SHIPPING_INCLUDED_RE = re.compile(
    r"(?<![^\W\d_])(?:incl\.?|inkl\.?|including|included|inclus|incluido|incluso|inclusa|inclusief|with|mit|avec|con|"
    r"met|med|z|s|w\s+tym|free|gratis|grátis|kostenlos\w*|kostenfrei\w*|versandkostenfrei|offert\w*|gratuit\w*|darmow\w*|"
    r"bezpłatn\w*|zdarma|ingyenes|免费|無料)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)


def shipping_included(before: str, said: re.Match) -> bool:
    """shipping_included_price: "Free shipping", "Kostenloser Versand", "Price incl. shipping:" just before an amount
    say nothing against it being the price (the delivery word alone, ``said``, would make it a shipping cost); "Free
    shipping on orders $59+" is still a threshold."""
    tail = before[-30:]
    return (
        rule("shipping_included_price")
        and _SHIPPING_WORD_RE.search(said.group(0)) is not None
        and _SHIPPING_INCLUDED_RE.search(tail) is not None
    )


def shipping_cost(before: str) -> bool:
    """shipping_cost_label: the text just before an amount labels it the cost of shipping (above)."""
    m = _SHIPPING_LABEL_RE.search(before[-50:])
    return m is not None and _SHIPPING_INCLUDED_RE.search(before[-50:]) is None


# other_condition_offer: another offer of the same item in another condition ("Used for $1,149.95", "Refurbished
# from", "Gebraucht ab"), a link beside the buy box, not the price of the item the page sells
_OTHER_CONDITION_RE = re.compile(
    r"(?:(?:used|pre-?owned|refurbished|renewed|open[-\s]box|second[-\s]hand)\s+(?:for|from)|gebraucht\s+ab|"
    r"generalüberholt\s+ab|d'occasion\s+(?:à\s+partir\s+de|dès)|reconditionné\s+(?:à\s+partir\s+de|dès)|"
    r"usado\s+desde|usato\s+da|ricondizionato\s+da|tweedehands\s+vanaf|używany\s+od)\s*:?\s*$",
    re.IGNORECASE,
)
# a free-delivery threshold ("livraison offerte à partir de 250€", "Free shipping on orders over $50"), whatever
# stands between the delivery word and the "from" / "over"
_THRESHOLD_RE = re.compile(
    r"(?:livraison|shipping|delivery|versand|lieferung|envío|envio|spedizione|verzending|bezorging|frete|wysyłka|"
    r"doprava|porto|frakt)\b(?:\s+[^\s\d]+){0,4}\s+(?:à\s+partir\s+de|a\s+partir\s+de|dès|from|over|above|ab|"
    r"desde|da|vanaf|od|från|fra)\s*:?\s*$",
    re.IGNORECASE,
)
_NOT_A_PRICE_AFTER_RE = re.compile(
    r"^\s*(?:/|per\b|pro\b|je\b|par\b|por\b|al\b|за\b)\s*(?:\d+\s*)?(?:kg|g|l|ml|m|cm|m²|m2|st|stk|pcs|piece|unit|"
    r"100|month|mo|mon|monat|mois|mes|yr|year|week|wk|day)|^\s*(?:/\s*mo|a\s+month|monthly|per\s+month|x\s+\d)|"
    r"^\s*(?:off|rabatt|korting|de\s+descuento|di\s+sconto|de\s+réduction)\b|^\s*%|"
    r"^\s*(?:postage|shipping|delivery|versand|livraison|envío|spedizione|verzending|porto)\b",
    re.IGNORECASE,
)
# rental_rate_price: a rental's or a hire's rate per day or week ("$45.00 / day", "29,00 € al giorno", "590 Kč / den",
# "295 kr/dygn", "¥2,980 / 日") on a page that rents the item is the price it asks, not a unit price nor an instalment
# ("al g…" is no gram)
_RENTAL_RATE_AFTER_RE = re.compile(
    r"^\s*(?:/|per\b|pro\b|par\b|por\b|al\b|a\b|za\b|je\b)\s*(?:day|night|week|wk|tag|woche|jour|nuit|semaine|día|"
    r"dia|noche|semana|giorno|notte|settimana|dag|nacht|doba|dzień|dobę|tydzień|dygn|vecka|den|týden|døgn|uge|日|泊|週)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
_RENTAL_WORDS_RE = re.compile(
    r"(?<![^\W\d_])(?:rent\w*|hire|miete\w*|mietpreis|verleih|location|louer|alquil\w*|noleggi\w*|huur|huren|"
    r"wynaj\w*|wypożycz\w*|hyr\w*|uthyrning|půjč\w*|pronájem|lej|leje|udlejning|alug\w*)(?![^\W\d_])|レンタル|租赁|租賃",
    re.IGNORECASE,
)


def _rental_rate(el, after: str) -> bool:
    """rental_rate_price: the amount is a rate per day or week (``after``) on a page that rents the item: its title
    or a button says so ("Rotary Hammer Rental", "Jetzt mieten", "Louer"); a phone's "$1.37/day" stays no price."""
    if not rule("rental_rate_price") or not _RENTAL_RATE_AFTER_RE.match(after):
        return False
    labels = el.getroottree().xpath("//h1|//button[position() <= 20]|//input[@type='submit'][position() <= 20]")
    return any(_RENTAL_WORDS_RE.search(" ".join((n.text_content() or n.get("value") or "").split())) for n in labels)


# unit_price_label: a price per measure beside the price asked. Its label just before the amount ("Grundpreis:",
# "Prix au kilo :", "Cena za 1 kg:", "Jmf pris", "100gあたり", "1 l ="; a measure, never a piece: "Cena za kus" and
# "Prijs per stuk" are the price of one), or the measure just after it in more forms ("$0.42/oz", "7,90 € le litre")
_MEASURES = (
    r"kg|kilo(?:gram+e?s?)?|g|gr|100\s*g|100\s*ml|l|lt|lit(?:re|er)s?|ml|cl|dl|m|m²|m2|lb|lbs|oz|fl\.?\s*oz|sq\.?\s*ft"
)
_UNIT_BEFORE_RE = re.compile(
    r"(?<![^\W\d_])(?:grundpreis|base\s+price|vergleichspreis|comparison\s+price|jämförpris|jmf\.?\s*pris|kilopris|"
    r"literpris|kiloprijs|literprijs|kilohinta|litrahinta|"
    r"(?:price|preis|prix|precio|prezzo|preço|prijs|pris|cena|цена|hinta|ár|fiyat)\s+(?:per|pro|par|au|à\s+la|du|le|"
    r"por|al|x|za|за|per)\s+(?:\d+\s*)?(?:" + _MEASURES + r"|kilo|litre|liter|litro|kilogramme|kilogramo|kilogrammo|"
    r"литр|кг)|\d+\s*(?:" + _MEASURES + r")\s*(?:=|あたり|当たり|당))\s*[:：]?\s*$",
    re.IGNORECASE,
)
_UNIT_AFTER_RE = re.compile(
    r"^\s*(?:/|per\b|pro\b|je\b|par\b|por\b|le\b|la\b|au\b|the\b|за\b)\s*(?:\d+\s*)?(?:" + _MEASURES + r"|kilo|litre|"
    r"liter|litro|stück|stk)(?![^\W\d_])",
    re.IGNORECASE,
)
# instalment_offer: one of several payments, not the price: "4 × 25 €", "Pay in 3 instalments of £16.67", "3 rate da
# 33,33 €", "Rata już od", "10x de R$ 119,90", "月々 ¥2,500", and a monthly amount ("20,83 € mtl.", "× 12回")
_INSTALMENT_BEFORE_RE = re.compile(
    r"(?:\d+\s*[x×]\s*(?:de\s+)?|(?<![^\W\d_])(?:\d+\s+)?_WORDS(?:\s+_LINKS)+|月々|月額|分期)"
    r"\s*[:：]?\s*$".replace(
        "_WORDS",
        r"(?:instal+ments?|payments?|raten?|rate|rat[ay]?|cuotas?|parcelas?|prestações|mensualidades|termijnen|"
        r"taksit|splátk\w*|részlet\w*|взнос\w*|платеж\w*)",
    ).replace(
        "_LINKS",
        r"(?:sin\s+interés|sem\s+juros|senza\s+interessi|zonder\s+rente|interest-free|à|a|von|zu|van|de|da|od|of|ab|"
        r"już|from|just)",
    ),
    re.IGNORECASE,
)
_INSTALMENT_AFTER_RE = re.compile(
    r"^\s*(?:mtl\.?|monatl(?:ich)?\.?|/\s*monat|pro\s+monat|im\s+monat|par\s+mois|/\s*mois|al\s+mes|/\s*mes|al\s+mese|"
    r"/\s*mese|per\s+maand|p\.\s?m\.|miesięcznie|/\s*mies|měsíčně|/\s*měs|i\s+månaden|/\s*mån|kuukaudessa|/\s*kk|"
    r"havonta|/\s*hó|в\s+месяц|/\s*мес|aylık|[x×]\s*\d+|×\s*\d+\s*回)",
    re.IGNORECASE,
)
# member_price: the price for a club's, a card's or a subscription's members ("Clubpreis:", "Member price", "Precio
# socio", "Medlemspris", "会員価格", "Subscribe & Save"), shown beside the price everyone pays: that one is the price
_MEMBER_BEFORE_RE = re.compile(
    r"(?<![^\W\d_])(?:members?(?:['’]s?)?(?:\s+(?:price|pay|only|deal))?|for\s+members|club(?:card)?\s*price|clubcard|"
    r"clubpreis|kundenkartenpreis|mitglied(?:er|s)preis|vip(?:\s+(?:price|preis|prix|precio))?|"
    r"prix\s+(?:adhérents?|membres?|club|fidélité)|precio\s+(?:socios?|miembros?|club)|preço\s+(?:sócios?|membros?)|"
    r"prezzo\s+(?:soci|socio|membri|club|fedeltà)|leden-?prijs|clubprijs|medlemspris|klubbpris|jäsenhinta|"
    r"cena\s+klubowa|cena\s+dla\s+członków|členská\s+cena|klubová\s+cena|клубная\s+цена|цена\s+для\s+членов\s+клуба|"
    r"会員価格|会员价|會員價|회원가|üye\s+fiyatı|subscribe\s*(?:&|and)\s*save(?:\s+\d+\s*%)?|abo-?preis|im\s+abo)"
    r"\s*[:：]?\s*$",
    re.IGNORECASE,
)
# subscription_price_languages: a subscription's price in more languages, its saving or a remark after the word
# ("Spar-Abo (10 % sparen)", "Abonnement -10 %", "Suscríbete y ahorra un 10 %", "Abbonati e risparmia il 10%",
# "定期便（10%オフ）", "Prenumerera och spara 10 %", "Subskrypcja -10%"): a price for subscribers, as members' is
_SUBSCRIPTION_BEFORE_RE = re.compile(
    r"(?<![^\W\d_])(?:subscri(?:be|ption)|spar-?abo|abo(?:nnement)?|abonnier\w*|abonnez|suscr[ií]\w*|"
    r"abbona\w*|abbonamento|assinatura|assine|prenumer\w*|abonnér\w*|subskrypc\w*|předplatné|"
    r"подписк\w*|定期便|定期購入|定期おトク便|定期|订阅|訂閱|정기\s*배송|구독)(?![^\W\d_])[^\d]{0,30}"
    r"(?:\d{1,2}(?:[.,]\d)?\s*%[^\d]{0,12})?$",
    re.IGNORECASE,
)
_NON_MEMBER_RE = re.compile(
    r"(?:non|nicht|sans|sin|senza|niet|bez)[-\s]?(?:members?|mitglied\w*|adhérents?|socios?|soci|leden)\W*$", re.I
)
_MEMBER_AFTER_RE = re.compile(
    r"^\s*(?:with\s+(?:clubcard|membership|(?:your\s+)?(?:loyalty|member|rewards?|club)\s+card)|for\s+members|"
    r"members?\s+only|mit\s+(?:kundenkarte|clubkarte|mitgliedschaft)|avec\s+(?:la\s+)?carte\s+(?:de\s+)?fidélité|"
    r"con\s+(?:la\s+)?tarjeta\s+(?:de\s+)?socio)",
    re.IGNORECASE,
)


# multi_buy_offer: the price of several ("Buy 2 for £10", "2 Stück für 40,00 €", "2 por 40 €", "2 pour 40 €",
# "2 voor € 40", "2 szt. za 80 zł", "Im Set: 3 Artikel für 89,99 €", "2点で2,000円"): a count of two or more, a unit
# word at most, and "for" just before the amount
_MULTI_BUY_RE = re.compile(
    r"(?<![\d.,])(?:[2-9]|[1-9]\d)\s*(?:[^\W\d_]{1,10}\.?\s+)?(?:for|für|por|pour|voor|za|för)\s*[:：]?\s*$|"
    r"(?<![\d.,])(?:[2-9]|[1-9]\d)\s*(?:点|個|つ|件|개)\s*で\s*$",
    re.IGNORECASE,
)
# coupon_price: a price after a coupon or a voucher code ("€49.99 with code SAVE10", "Mit Code HERBST nur 49,99 €",
# "49,99 € avec le code AUTOMNE", "con el código", "con il codice", "met code", "z kodem", "クーポン利用で"): the
# price before the code is the one asked
_COUPON_WORDS = (
    r"(?:promo\s*|discount\s*|voucher\s*|coupon\s*)?code|coupon|voucher|gutschein(?:code)?|rabattcode|"
    r"(?:le\s+)?code(?:\s+promo)?|(?:el\s+)?c[oó]digo(?:\s+promocional)?|(?:il\s+)?codice(?:\s+sconto)?|"
    r"kortingscode|kod(?:em)?(?:\s+rabatowym)?|kupon(?:em)?|cupom|cup[oó]n|rabattkod|rabatkode|slevov[ýý]m\s+kódem"
)
_COUPON_BEFORE_RE = re.compile(
    rf"(?<![^\W\d_])(?:with|mit|avec|con|met|z|ze|med|com|s)\s+(?:the\s+)?(?:{_COUPON_WORDS})\s+[\w-]{{2,20}}"
    r"(?:\s+(?:only|nur|seulement|solo|slechts|tylko|just))?\s*[:：]?\s*$|"
    r"クーポン(?:利用|適用|使用)(?:で|後)\s*$|쿠폰\s*(?:적용가|할인가)\s*[:：]?\s*$|券后(?:价)?\s*[:：]?\s*$",
    re.IGNORECASE,
)
_COUPON_AFTER_RE = re.compile(
    rf"^\s*(?:with|mit|avec|con|met|z|ze|med|com|s|using|using\s+the)\s+(?:the\s+|le\s+|el\s+|il\s+)?"
    rf"(?:{_COUPON_WORDS})(?![^\W\d_])",
    re.IGNORECASE,
)
# deposit_amount: a deposit, not the price: a pre-order's down payment ("Reserve with a $50.00 deposit",
# "Anzahlung: 50,00 €", "Acompte de 50 €", "Resérvalo con 50 €") and a bottle's deposit ("Pfand: 3,10 €",
# "statiegeld")
_DEPOSIT_BEFORE_RE = re.compile(
    r"(?<![^\W\d_])(?:deposit(?:\s+of)?|down\s*payment(?:\s+of)?|anzahlung(?:\s+von)?|pfand|acompte(?:\s+de)?|"
    r"arrhes(?:\s+de)?|dep[oó]sito(?:\s+de)?|se[nñ]al(?:\s+de)?|anticipo(?:\s+di)?|caparra(?:\s+di)?|aanbetaling|"
    r"statiegeld|zaliczka|záloha|zálohu|handpenning|depositum|reserv\w*\s+(?:con|with|mit|avec|com|met)(?:\s+a)?|"
    r"予約金|内金|定金|订金)\s*[:：]?\s*$",
    re.IGNORECASE,
)
_DEPOSIT_AFTER_RE = re.compile(
    r"^\s*(?:deposit|down\s*payment|anzahlung|pfand|acompte|d'acompte|de\s+(?:depósito|señal)|di\s+(?:anticipo|"
    r"caparra)|aanbetaling|statiegeld|zaliczki|zálohy)(?![^\W\d_])",
    re.IGNORECASE,
)
# trade_in_offer: the price after trading in an old device ("From $599.00 with trade-in", "Avec reprise : dès
# 699 €", "Mit Inzahlungnahme ab 599 €", "con permuta", "met inruil")
_TRADE_IN_WORDS = (
    r"trade[-\s]?in|reprise|inzahlungnahme|eintausch|permuta|entrega\s+(?:de\s+)?(?:tu\s+)?usado|supervalutazione|"
    r"inruil|trade\s+up|下取り|以旧换新|보상\s*판매"
)
_TRADE_IN_BEFORE_RE = re.compile(
    rf"(?<![^\W\d_])(?:{_TRADE_IN_WORDS})(?![^\W\d_])[^\d]{{0,25}}$",
    re.IGNORECASE,
)
_TRADE_IN_AFTER_RE = re.compile(
    rf"^\s*(?:(?:with|after|mit|nach|avec|après|con|met|na)\s+(?:a\s+|an\s+|eligible\s+|your\s+)?)"
    rf"(?:{_TRADE_IN_WORDS})(?![^\W\d_])",
    re.IGNORECASE,
)
# saving_words_languages: a saving's amount after the forms the older list missed ("Ahorras", "Je bespaart", "Du
# sparar", "Экономия", "Poupa", "Du sparer", "Säästät", "Zaoszczędź", "Ušetríte", "Economisești", "お得")
_SAVING_BEFORE_RE = re.compile(
    r"(?<![^\W\d_])(?:ahorras|ahorro(?:\s+de)?|ahórrate|bespaart|bespaar\s+je|je\s+bespaart|sparar|sparer|sparen\s+sie|"
    r"du\s+sparst|sparst|экономия|вы\s+экономите|экономите|економія|заощаджуєте|poupa|poupe|poupança\s+de|"
    r"economizas?|economia\s+de|säästät|säästö|zaoszczędź|oszczędność|ušetríte|úspora|economisești|economisiți|"
    r"megtakarítás|spórolsz|tasarruf(?:unuz)?|kazancınız|risparmio\s+di|risparmiate|vous\s+économisez|économie\s+de|"
    r"you\s+saved|saving\s+of|お得|節約|省下|立省|절약)\s*[:：]?\s*$",
    re.IGNORECASE,
)

# rental_deposit: a rental's or a hire's security deposit ("Security deposit: $300", "Kaution: 300 €", "Caution :",
# "Fianza:", "Cauzione:", "Borg:", "Kaucja:", "Kauce:", "Deposition:", "保証金"), returned later, not the price
_RENTAL_DEPOSIT_BEFORE_RE = re.compile(
    r"(?<![^\W\d_])(?:security\s+deposit|damage\s+deposit|refundable\s+deposit|kaution|caution|fianza|cauzione|borg|"
    r"kaucja|kauce|kaucia|deposition|depositum|garantía|保証金|押金)\s*[:：]?\s*$",
    re.IGNORECASE,
)
# auction_starting_bid: an auction's starting bid or the next bid's minimum ("Starting bid: $50", "Startpreis:", "Mise
# à prix :", "Cena wywoławcza:", "Base d'asta:", "Enter $127.50 or more", "mindestens 49,00 €"): the current bid
# shown beside it is the price; alone (no bids yet) it still is
_STARTING_BID_BEFORE_RE = re.compile(
    r"(?<![^\W\d_])(?:starting\s+(?:bid|price)|opening\s+bid|minimum\s+bid|start(?:preis|gebot)|mindestgebot|"
    r"mindestens|mise\s+à\s+prix|prix\s+de\s+départ|enchère\s+minimum|puja\s+(?:inicial|mínima)|precio\s+de\s+salida|"
    r"base\s+d'asta|prezzo\s+(?:di\s+partenza|base)|offerta\s+minima|start(?:bod|prijs)|minimumbod|"
    r"cena\s+wywoławcza|minimalna\s+oferta|utropspris|startpris|vyvolávací\s+cena|lance\s+inicial|開始価格|"
    r"入札開始価格|起拍价)\s*[:：]?\s*$",
    re.IGNORECASE,
)
_NEXT_BID_AFTER_RE = re.compile(
    r"^\s*(?:or\s+more|oder\s+mehr|ou\s+plus|o\s+más|o\s+più|of\s+meer|lub\s+więcej|eller\s+mer|nebo\s+více|"
    r"以上)(?![^\W\d_])",
    re.IGNORECASE,
)
# other_sellers_offer: other sellers' offers of the same item on a marketplace ("Other sellers from $29.49", "New
# (7) from", "Autres vendeurs à partir de", "Otros vendedores desde", "Andere verkopers vanaf", "Inne oferty od",
# "他の出品者"): not the price of the offer the page sells
_OTHER_SELLERS_BEFORE_RE = re.compile(
    r"(?<![^\W\d_])(?:(?:other|more)\s+(?:sellers?|offers|buying\s+choices)|(?:new|used|new\s+(?:&|and)\s+used)\s*"
    r"\(\d+\)\s*from|weitere\s+(?:angebote|anbieter|verkäufer)|andere\s+(?:anbieter|verkäufer|verkopers|aanbieders)|"
    r"autres\s+(?:vendeurs|offres)|otros\s+vendedores|otras\s+ofertas|altri\s+venditori|altre\s+offerte|"
    r"outros\s+vendedores|inne\s+oferty|pozostałe\s+oferty|další\s+prodejci|andra\s+säljare|andre\s+sælgere|"
    r"andre\s+forhandlere|他の出品者|その他の出品者)[^\d]{0,30}$",
    re.IGNORECASE,
)


# an amount just before a phrase ("$49.99 with code SAVE10", "$50.00 deposit", "$599 with trade-in"): the phrase is
# that amount's, not the next one's that reads it as the text before it
_AMOUNT_BEFORE_PHRASE_RE = re.compile(
    r"\d[\s\u00a0]*[^\w\s]{0,3}[\s\u00a0]*(?:(?:with|after|mit|nach|avec|après|con|met|na|z|s|an?|the)\s+)*$",
    re.IGNORECASE,
)


def _phrase_before(tail: str, phrase_re: re.Pattern) -> bool:
    """``phrase_re`` ends the text before an amount, and no other amount stands just before the phrase."""
    m = phrase_re.search(tail)
    return m is not None and _AMOUNT_BEFORE_PHRASE_RE.search(tail[: m.start()]) is None


def mechanics_offer(before: str, after: str) -> bool:
    """multi_buy_offer / coupon_price / deposit_amount / trade_in_offer / saving_words_languages / rental_deposit /
    auction_starting_bid / other_sellers_offer: the amount is the price of several, a price with a code, a deposit, a
    price after a trade-in, a saving, a rental's deposit, a starting or minimum bid, or another seller's (above). Such an amount
    gives way to any other current amount (``current_and_regular``), as a members' price does: a page whose only
    amount reads "Set of 2 for $20" still has a price."""
    tail = before[-40:]
    checks = (
        ("multi_buy_offer", lambda: _phrase_before(tail, _MULTI_BUY_RE)),
        ("coupon_price", lambda: _phrase_before(tail, _COUPON_BEFORE_RE) or _COUPON_AFTER_RE.search(after)),
        ("deposit_amount", lambda: _phrase_before(tail, _DEPOSIT_BEFORE_RE) or _DEPOSIT_AFTER_RE.search(after)),
        ("trade_in_offer", lambda: _phrase_before(tail, _TRADE_IN_BEFORE_RE) or _TRADE_IN_AFTER_RE.search(after)),
        ("saving_words_languages", lambda: _phrase_before(tail, _SAVING_BEFORE_RE)),
        ("rental_deposit", lambda: _phrase_before(tail, _RENTAL_DEPOSIT_BEFORE_RE)),
        (
            "auction_starting_bid",
            lambda: _phrase_before(tail, _STARTING_BID_BEFORE_RE) or _NEXT_BID_AFTER_RE.search(after),
        ),
        ("other_sellers_offer", lambda: _OTHER_SELLERS_BEFORE_RE.search(before[-60:]) is not None),
    )
    return any(rule(name) and found() for name, found in checks)


def _other_payment(before: str, after: str) -> bool:
    """unit_price_label / instalment_offer: the amount is a price per measure or one payment of several."""
    if rule("unit_price_label") and (_UNIT_BEFORE_RE.search(before[-40:]) or _UNIT_AFTER_RE.search(after)):
        return True
    return rule("instalment_offer") and bool(
        _INSTALMENT_BEFORE_RE.search(before[-40:]) or _INSTALMENT_AFTER_RE.search(after)
    )


_BUY_RE = re.compile(
    r"add\s+to\s+(?:cart|bag|basket|trolley)|buy\s+(?:now|it)|in\s+den\s+warenkorb|warenkorb|ajouter\s+au\s+panier|"
    r"añadir\s+al\s+carrito|agregar\s+al\s+carrito|aggiungi\s+al\s+carrello|in\s+winkelwagen|toevoegen|"
    r"do\s+koszyka|do\s+košíku|vložit\s+do|lägg\s+i|legg\s+i|læg\s+i|lisää\s+ostoskoriin|kosárba|în\s+coș|"
    r"adaugă\s+în|в\s+корзину|до\s+кошика|sepete\s+ekle|カートに入れる|加入购物车|加入購物車|장바구니|comprar|kaufen|acheter|"
    r"sold\s+out|out\s+of\s+stock|ausverkauft|agotado|épuisé|esaurito|uitverkocht|wyprzedane|vyprodáno|slutsåld|"
    r"notify\s+me|pre-?order|einkaufswagen|\b(?:koupit|köp|kjøp|køb|osta|acquista|koop|beli)\b|satın\s+al|купить|"
    r"купити|kup\s+teraz|in\s+(?:de\s+)?winkelmand|thêm\s+vào\s+giỏ|mua\s+ngay|tambah\s+ke\s+(?:keranjang|troli)|"
    r"หยิบใส่ตะกร้า|ซื้อเลย|購入する|カートに追加|立即购买|立即購買|구매하기|أضف\s+إلى\s+السلة|اشتر\s+الآن|הוסף\s+ל(?:סל|עגלה)|"
    r"στο\s+καλάθι|u\s+košaricu|do\s+košíka|в\s+количката|į\s+krepšelį|grozā|ostukorvi|v\s+košarico",
    re.IGNORECASE,
)
# buy_words_more: the longer English labels ("Add to Shopping Bag", "Add to my cart", "Add item to basket") and the
# Romance languages' other bags and baskets ("Añadir a la cesta", "Adicionar ao carrinho", "Ajouter au sac"), and
# more languages' wordings ("Order now", "Tilføj til kurv", "+ Keranjang", "加入购物袋", "買い物かごに入れる", "أضف للسلة")
_BUY_MORE_RE = re.compile(
    r"\badd\s+(?:(?:this\s+|the\s+)?(?:item|product|items)\s+)?to\s+(?:(?:my|your|the)\s+)?(?:shopping\s+)?"
    r"(?:cart|bag|basket|trolley)\b|"
    r"\b(?:añadir|agregar|adicionar|ajouter|aggiungi)\s+(?:a\s+la|à\s+la|al|alla|ao|à|au|a)\s+"
    r"(?:cesta|bolsa|sacola|cesto|carrinho|carrito|sac|borsa|carrello|panier)\b|"
    r"\border\s+now\b|\bcompra\s+ora\b|\btilføj\s+til\s+(?:indkøbs)?kurv|\b(?:додати\s+)?в\s+кошик|\bgrozam\b|"
    r"(?:\bmasukkan\s+(?:ke\s+)?|^\+\s*)keranjang|加入(?:购物|購物)(?:车|車|袋)|放入(?:购物车|購物車)|カートへ入れる|"
    r"(?:買い物)?かごに(?:入れる|追加)|바로\s*구매|הוספה\s+ל(?:סל|עגלה)|"
    # Arabic's verb and noun, with and without the hamza ("أضف للسلة", "إضافة إلى السلة", "اضف الى عربة التسوق"; not
    # "تمت الإضافة إلى السلة", added)
    r"(?<![^\W\d_])(?:أضف|اضف|إضافة|اضافة)\s+(?:(?:إلى|الى|إلي)\s+)?(?:لل|ال)?(?:سلة|عربة)",
    re.IGNORECASE,
)


def buy_label(label: str) -> bool:
    """Whether a control's label is a buy label (``_BUY_RE``; the longer English ones with ``buy_words_more``)."""
    return _BUY_RE.search(label) is not None or (rule("buy_words_more") and _BUY_MORE_RE.search(label) is not None)


@dataclass
class Shown:
    amount: str  # a decimal string
    currency: str | None
    struck: bool
    order: int  # the element's position in document order
    key: str  # the element's class signature (grids repeat it)
    el: object = field(default=None, repr=False, compare=False)  # the element the amount was read from
    tax: str | None = None  # "ex" / "inc": the page says the amount is without / with tax ("excl. VAT", "TTC")
    tax_before: str | None = None  # the same said by a label just before it ("Excl. VAT: €100"), if it has no other
    bare: bool = False  # labelled_bare_amount: a number a price label names, with no currency sign or code
    sign: str = ""  # the sign or code as written ("$", "US$", "kr", "Rs."): a bare "$" may be another dollar
    sale: bool = False  # sale_word_box: a sale word stands in the visible text just before it ("Sale $34.99", "Nu 399")
    member: bool = False  # member_price: the price for members ("Clubpreis: 39,99 €"), not the one everyone pays
    sale_old: bool = False  # sale_word_box: the plain higher amount beside a sale-marked one in one small price box
    offer: bool = False  # mechanics_offer: the price of several, with a code, a deposit, after a trade-in, a saving


def _decimal(num: str, currency: str | None = None, local: str | None = None) -> Decimal | None:
    """The amount a shown number writes; None when it is none, or too long to be a price (a run of hundreds of
    digits would not even round to cents in Decimal's 28-digit context). In a currency of three minor digits a
    point before the last three digits is the decimal point (``three_decimal_currency``)."""
    value = None
    if currency in THREE_DECIMAL_CURRENCIES and rule("three_decimal_currency"):
        value = _three_decimals(num, currency, local)
    if value is None:
        value = _read_decimal(num)
    return value if value is not None and value.adjusted() < _MAX_DIGITS else None


# three_decimal_currency: the dinars, rials and their kin divided into 1,000 fils / baisa / millimes, written with
# three decimals ("KWD 12.500", "1,250.500 BHD"). Not the Iraqi dinar: its fils are not used, its prices are
# thousands ("25.000 IQD" is 25,000)
THREE_DECIMAL_CURRENCIES = frozenset(("KWD", "BHD", "OMR", "JOD", "TND", "LYD"))
# one point before the last three digits; before it, digits grouped by commas or spaces (never another point)
_THREE_DECIMALS_RE = re.compile(r"\d{1,3}(?:[,\u00a0\u202f\u066c ]\d{3})*[.\u066b]\d{3}|\d+[.\u066b]\d{3}")
# tunisian_decimal_comma: Tunisia writes its millimes after a comma, its thousands with points or spaces ("45,900
# DT", "1.250,500 TND", "1 250,500 TND"); a second comma groups thousands ("TND 1,250,000")
_COMMA_THREE_DECIMALS_RE = re.compile(r"\d{1,3}(?:[.\u00a0\u202f ]\d{3})*,\d{3}|\d+,\d{3}")


def _three_decimals(num: str, currency: str | None = None, local: str | None = None) -> Decimal | None:
    """ "12.500" -> 12.500, "1,250.500" -> 1250.500 (and in TND "45,900" -> 45.900 on a Tunisian page, "1.250,500"
    anywhere); None when the number is not written so ("1.250.000")."""
    if _THREE_DECIMALS_RE.fullmatch(num):
        whole, _, minor = num.replace("\u066b", ".").rpartition(".")
    elif currency == "TND" and rule("tunisian_decimal_comma") and _tunisian_comma(num, local):
        whole, _, minor = num.rpartition(",")
    else:
        return None
    return Decimal(re.sub(r"\D", "", whole) + "." + minor)


def _tunisian_comma(num: str, local: str | None) -> bool:
    """A comma before three digits is the millimes' only on a Tunisian page (host or language), or where points or
    spaces group the thousands before it ("1.250,500 TND"); elsewhere "TND 1,250" groups thousands."""
    return _COMMA_THREE_DECIMALS_RE.fullmatch(num) is not None and (
        local == "TND" or num.lstrip("0123456789")[:1] != ","
    )


_MAX_DIGITS = 15  # a quadrillion: past any price


def _read_decimal(num: str) -> Decimal | None:
    if "\u066b" in num:  # the Arabic decimal separator: decimals after it when one or two ("١٢٫٥٠ ر.س"); before three
        # digits outside a three-decimal currency it groups thousands ("۱۲۵٫۰۰۰ تومان": the toman has no minor unit)
        whole, _, minor = num.rpartition("\u066b")
        if not minor.isdigit() or "\u066b" in whole:
            return None
        return Decimal(re.sub(r"\D", "", whole) + ("." if len(minor) < 3 else "") + minor)
    s = (
        num.replace("\u00a0", " ")
        .replace("\u202f", " ")
        .replace("'", " ")
        .replace("\u2019", " ")
        .replace("\u02bc", " ")
        .replace("\u066c", ",")
        .replace("\u066b", ".")
        .replace("\uff0c", ",")
        .replace("\uff0e", ".")
    )
    s = s.strip()
    groups = re.split(r"[., ]", s)
    seps = re.findall(r"[., ]", s)
    try:
        if not seps:
            return Decimal(s)
        last = seps[-1]
        tail = groups[-1]
        if last != " " and len(tail) in (1, 2):
            return Decimal(re.sub(r"[., ]", "", "".join(groups[:-1])) + "." + tail)
        # three digits after the last separator: it groups thousands (prices are not written to a tenth of a cent)
        return Decimal("".join(groups))
    except InvalidOperation:
        return None


def _fmt(d: Decimal) -> str:
    """As the pipeline writes prices: the cents when the page wrote them ("1.249,00" -> "1249.00"); a dinar's
    third decimal when it is not 0 ("12.575")."""
    if d.as_tuple().exponent == -3 and d != d.quantize(Decimal("0.01")):
        return format(d, "f")
    with_cents = d.as_tuple().exponent < 0 or d != d.to_integral()
    return format(d.quantize(Decimal("0.01")) if with_cents else d.quantize(Decimal(1)), "f")


def _attrs(el) -> str:
    return " ".join(filter(None, (el.get("class"), el.get("id"), el.get("itemprop"), el.get("data-testid"))))


_CURRENT_ATTR_RE = re.compile(r"sale|special|final|now|current", re.IGNORECASE)


def struck_by_style(el) -> bool:
    """The sanitiser's mark of an inline ``text-decoration: line-through`` (rule ``inline_style_strike``) or of a
    style sheet's rule that strikes one of the element's classes (its value "sheet", rule ``style_sheet_strike``), or
    a class that is itself a strike (``struck_by_class``)."""
    mark = el.get(STRUCK_ATTR)
    if mark is not None and rule("style_sheet_strike" if mark == SHEET_STRUCK else "inline_style_strike"):
        return True
    return struck_by_class(el.get("class"))


# class_strike: a class that draws a line through its text: a utility class ("line-through", Bootstrap's
# "text-decoration-line-through"), a theme's "strike" / "strikethrough" / "crossed-out", with no variant or only a
# breakpoint's ("md:line-through"); "hover:line-through" strikes nothing until hovered
_STRIKE_CLASS_RE = re.compile(
    r"(?:(?:sm|md|lg|xl|2xl):)?(?:(?:u|is|has)-)?(?:text-?)?(?:decoration-?)?(?:line-?through|strike(?:-?through|out|d)?|"
    r"crossed-?out|crossed)",
    re.IGNORECASE,
)
# ... unless another class takes the line away, at some width or always ("line-through md:no-underline",
# "text-decoration-none"); one that does so only on hover or focus leaves the strike
_UNSTRIKE_CLASS_RE = re.compile(
    r"(?:(?!(?:group-|peer-)?(?:hover|focus|active|visited)\b)[\w-]+:)*"
    r"(?:no-underline|(?:text-)?decoration-none|text-decoration-none|no-line-?through|no-strike(?:through)?)",
    re.IGNORECASE,
)


def struck_by_class(classes: str | None) -> bool:
    """Whether a class attribute holds a class that strikes its text (rule ``class_strike``) and none that takes the
    strike back."""
    if (
        not classes
        or not rule("class_strike")
        or ("through" not in classes and "trike" not in classes and "ross" not in classes)
    ):
        return False
    names = classes.split()
    return any(_STRIKE_CLASS_RE.fullmatch(n) for n in names) and not any(_UNSTRIKE_CLASS_RE.fullmatch(n) for n in names)


def struck_here(el) -> bool:
    """Is ``el`` or its parent struck through: a ``<del>`` / ``<s>`` / ``<strike>``, the sanitiser's mark of an
    inline or style-sheet line-through, or a striking class (``struck_by_style``)?"""
    return any(
        node is not None and (node.tag in ("del", "s", "strike") or struck_by_style(node))
        for node in (el, el.getparent())
    )


def _is_struck(el, before: str) -> bool:
    node, depth = el, 0
    while node is not None and depth < 4:
        if not isinstance(node.tag, str):
            break
        if node.tag in ("del", "s", "strike"):
            return True
        if "line-through" in (node.get("style") or "") or struck_by_style(node):
            return True
        if depth < 3 and names_old_price(attrs := _attrs(node)) and not _CURRENT_ATTR_RE.search(attrs):
            return True
        node = node.getparent()
        depth += 1
    return (
        bool(_WAS_WORDS_RE.search(before[-40:]))
        or (rule("was_wording_languages") and _WAS_PHRASES_RE.search(before[-60:]) is not None)
        or (rule("was_wording_scripts") and _WAS_SCRIPTS_RE.search(before[-40:]) is not None)
        or (rule("was_wording_more") and _WAS_MORE_RE.search(before[-40:]) is not None)
        or (rule("reference_days_price") and reference_days(before))
    )


def _off_page(el) -> bool:
    """In navigation, footer, recommendations: not the page's own product."""
    return _in_block(el, _OFF_TAGS | _SKIP_TAGS, _OFF_CONTAINER_RE)


def _in_block(el, tags: set, container_re: re.Pattern) -> bool:
    """Does the element lie, below ``<body>`` / ``<main>``, in one of ``tags`` or in a block whose class or id
    ``container_re`` names, that block not holding the page's title (a block holding the product's title is the
    product's own, whatever its classes say)?"""
    node = el
    while node is not None and isinstance(node.tag, str) and node.tag not in ("body", "main"):
        if node.tag in tags:
            return True
        attrs = _attrs(node)
        if attrs and container_re.search(attrs):
            return node.find(".//h1") is None
        node = node.getparent()
    return False


# class_price_off_page: the blocks of other products' amounts and of the cart's total, by their class or id (not a
# sticky bar's, a banner's or a menu's: a product's own price stands in those as often)
_OTHERS_BLOCK_RE = re.compile(
    r"related|recommend|upsell|up-sell|cross-?sell|similar|recently|also-|you-may|mini-?cart|cart-drawer|header-cart",
    re.IGNORECASE,
)


def others_block(el) -> bool:
    """class_price_off_page: the element stands in navigation, a footer, an aside, or a block of other products or
    of the cart (above) that does not hold the page's title."""
    return _in_block(el, _OFF_TAGS, _OTHERS_BLOCK_RE)


# price_on_request: the page says its price is given on request ("Price on request", "Call for price", "POA",
# "Preis auf Anfrage", "Prix sur demande", "Precio a consultar", "Cena na zapytanie", "Цена по запросу", "価格はお問い
# 合わせください"), the whole short text, a price label before it at most
_ON_REQUEST_RE = re.compile(
    r"^\W*(?:(?:price|preis|prix|precio|prezzo|preço|prijs|pris|cena|цена|ціна|hinta|ár|fiyat|価格|价格|價格)\s*[:：]\s*)?"
    r"(?:price\s+(?:up)?on\s+(?:request|application)|poa|p\.o\.a\.?|call\s+for\s+(?:a\s+)?(?:price|pricing|quote)|"
    r"(?:contact\s+us|enquire|inquire|ask)\s+for\s+(?:a\s+)?(?:price|pricing|quote)|(?:price|pricing)\s+available\s+on\s+"
    r"request|(?:preis\s+)?auf\s+anfrage|(?:prix\s+)?sur\s+demande|(?:precio\s+)?(?:a|bajo)\s+consulta(?:r)?|"
    r"consultar\s+precio|(?:prezzo\s+)?su\s+richiesta|(?:prijs\s+)?op\s+aanvraag|(?:cena\s+)?na\s+(?:zapytanie|dotaz|"
    r"vyžiadanie|upit)|(?:pris\s+)?på\s+(?:förfrågan|forespørsel|forespørgsel)|hinta\s+pyydettäessä|ár\s+kérésre|"
    r"(?:preț|pret)\s+la\s+cerere|(?:preço\s+)?sob\s+consulta|(?:цена\s+)?по\s+запросу|ціна\s+за\s+запитом|"
    r"fiyat\s+(?:sorunuz|için\s+arayınız)|(?:価格|値段)は?お問(?:い)?合(?:わ)?せ(?:ください)?|询价|價格面議|面议|面議|"
    r"가격\s*문의|السعر\s+عند\s+الطلب)\W*$",
    re.IGNORECASE,
)


def price_on_request(tree, limit: int = 3000) -> bool:
    """price_on_request: a short text of the page, outside navigation and recommendations, says the price is given on
    request (above)."""
    body = tree.find("body")
    if body is None:
        return False
    for text in body.xpath(".//text()[normalize-space()]")[:limit]:
        if len(text) > 60 or not _ON_REQUEST_RE.match(" ".join(text.split())):
            continue
        el = text.getparent()
        if el is not None and isinstance(el.tag, str) and el.tag not in _SKIP_TAGS and not _off_page(el):
            return True
    return False


def _card_or_addon(el) -> bool:
    """An amount in a link (another product's card: the page's own price links nowhere) or in a checkbox's label
    (an add-on: "3-Year Plan - $24.00")."""
    if not rule("price_card_addon_skip"):
        return False
    node = el
    for _ in range(4):
        if node is None or not isinstance(node.tag, str) or node.tag in ("body", "main"):
            return False
        if node.tag == "a" and (node.get("href") or "#")[:1] != "#":
            return True
        if node.tag == "label" and (
            node.find(".//input[@type='checkbox']") is not None or _checkbox(node.getprevious())
        ):
            return True
        if (
            node is not el
            and node.find(".//h1") is None
            and node.find(".//a[@href]//img") is not None
            and any(map(_names_a_product, node.iter("a")))
        ):
            return True
        node = node.getparent()
    return False


def another_offer(el) -> bool:
    """An element classed "price" (``product.py``'s class-price reader) whose amount is another offer's, as the
    visible reader tells: another product's card or link, an add-on, another condition ("Used for $1,149.95")."""
    return _card_or_addon(el) or (
        rule("other_condition_offer") and _OTHER_CONDITION_RE.search(_text_before_block(el)) is not None
    )


def _names_a_product(a) -> bool:
    """A link to a product: a picture, or a text that reads like a product's name (four words or more), with the
    block around the amount holding both (a card)."""
    if (a.get("href") or "#")[:1] == "#":
        return False
    text = a.text_content().split()
    return len(text) >= 4 and len(" ".join(text)) >= 25


def _checkbox(el) -> bool:
    return el is not None and el.tag == "input" and (el.get("type") or "").lower() == "checkbox"


def _before_text(el, within: str, start: int) -> str:
    """The text just before the amount: in its own element, else the previous sibling's / parent's own text; with
    ``option_tail_before``, the text after the previous sibling when there is one ("<input> Subscribe &amp; Save
    <span>$21.24</span>": the option's label, not the empty input)."""
    head = within[:start]
    if head.strip():
        return head
    prev = el.getprevious()
    if prev is not None and isinstance(prev.tag, str):
        tail = " ".join((prev.tail or "").split())
        if tail and rule("option_tail_before"):
            return (_last_text(prev) + " " + tail)[-80:]
        return _last_text(prev)
    parent = el.getparent()
    return " ".join((parent.text or "").split()) if parent is not None else ""


def _text_before_block(el, levels: int = 3) -> str:
    """The text before an amount that opens its elements ("<div>Used for <span><span>$1,149.95</span></span>"): the
    previous sibling's or the parent's own text of the nearest of ``levels`` ancestors that has one."""
    node = el
    for _ in range(levels):
        prev, parent = node.getprevious(), node.getparent()
        if prev is not None and isinstance(prev.tag, str):
            return _last_text(prev) + " " + " ".join((prev.tail or "").split())
        if parent is None or not isinstance(parent.tag, str):
            return ""
        if (parent.text or "").strip():
            return " ".join(parent.text.split())
        node = parent
    return ""


def _amounts_of(el, s: str, m, amount_re, position: int, local: str | None) -> list[Shown]:
    """The amounts of one element's text from its first match ``m``: with ``amounts_in_one_text``, "Was $49.99 Now
    $34.99" in an element's own text is two; a range's upper bound ("$0 - $50", "¥3,000〜¥5,000") is none."""
    more = amount_re.finditer(s, m.end()) if len(el) == 0 and rule("amounts_in_one_text") else ()
    out, end = [], None
    for found in (m, *more):
        ranged = end and _RANGE_GAP_RE.fullmatch(s[end : found.start()])
        shown = None if ranged else _shown(el, s, found, position, local)
        end = found.end()
        if shown:
            out.append(shown)
    return out


def shown_prices(tree, limit: int = 4000, rand: bool = False, local: str | None = None) -> list[Shown]:
    """The amounts the page shows with a currency; with ``rand``, a bare "R" before an amount is one too. ``local``:
    the currency of the shop's country (its host, its language tag), which reads a dinar's local abbreviation
    (``local_dinar_sign``) and the number of an amount whose sign names no currency (``local_minor_digits``)."""
    sign_local = local if rule("local_dinar_sign") else None
    scripts = rule("currency_words_scripts")
    amount_re = _amount_re(
        rand and rule("rand_bare_r"),
        rule("currency_signs_more"),
        sign_local,
        scripts,
        rule("apostrophe_grouping"),
        rule("currency_signs_further"),
    )
    local = local if rule("local_minor_digits") else None
    body = tree.find("body")
    if body is None:
        return []
    order = {el: i for i, el in enumerate(body.iter())}
    out: list[Shown] = []
    seen: set = set()
    long: set = set()  # elements whose text is too long to be an amount (read once: a page of digits under one parent)
    for text in body.xpath(".//text()[normalize-space()]")[:limit]:
        if len(text) > 120 or not re.search(r"\d", text):
            continue
        if text.is_tail and _tail_amount(text, amount_re, order, out, local):
            continue
        el = text.getparent()
        bare, read = None, False  # labelled_bare_amount: a label's bare number, read when no amount with a sign is
        for _ in range(3):  # the amount may be split over a few elements
            if el is None or not isinstance(el.tag, str) or el.tag in _SKIP_TAGS or el in long:
                break
            s = _joined_text(el)
            if len(s) > 80:
                long.add(el)
                break
            m = amount_re.search(s)
            if m and el is not text.getparent() and not _digits_in(text, m.group()):
                m = _later_match(text, s, m, amount_re)
            if not m and bare is None and (lm := _labelled_amount(s, el)) and _digits_in(text, lm.group()):
                bare = (el, s, lm)
            if m and el is not text.getparent() and (not _digits_in(text, m.group()) or _glued(text, s, m)):
                break  # the amount found higher up is another element's, not one this text is part of
            if m:
                read = True
                if el not in seen:
                    seen.add(el)
                    out += _amounts_of(el, s, m, amount_re, order.get(el, 0), local)
                break
            el = el.getparent()
        if not read:
            _add_bare(bare, order, seen, out, local)
    if rule("ex_tax_pair"):
        _ex_tax_superseded(out)
    if rule("sale_word_box"):
        _sale_box_pairs(out, amount_re)
    return _without_bare(out)


def _add_bare(bare: tuple | None, order: dict, seen: set, out: list, local: str | None = None) -> None:
    """labelled_bare_amount: the bare number a price label names, when the climb found no amount with a sign."""
    if bare is None or bare[0] in seen:
        return
    el, s, m = bare
    seen.add(el)
    shown = _shown(el, s, m, order.get(el, 0), local)
    if shown:
        shown.bare = True
        out.append(shown)


def _without_bare(out: list) -> list:
    """labelled_bare_amount: a bare labelled number counts only on a page that shows no amount with a sign or code:
    it never beats, nor stands beside, an amount written with its currency."""
    return [p for p in out if not p.bare] if any(not p.bare for p in out) else out


# labelled_bare_amount: a number with no currency that a price label names, the whole short text ("Price: 25.00",
# "Preis: 25,00", "Цена: 2 500", "<span>Price</span><span>25.00</span>"): an amount whose currency the shop's
# country or the page names
_PRICE_LABELS = (
    r"(?:(?:our|your|sale|special)\s+)?price|preis|prix|precio|prezzo|preço|preco|prijs|cena|cijena|pris|hinta|ár|"
    r"preț|pret|fiyat|fiyatı|цена|ціна|τιμή|価格|价格|價格|售價|售价|가격|판매가|ราคา|السعر|מחיר|giá|harga"
)
_PRICE_LABEL_RE = re.compile(rf"^\W{{0,3}}(?:(?:regular|original|old|list)\s+)?(?:{_PRICE_LABELS})\s*[:：]?\s*", re.I)
# the number, matched from where the label ends (so the label is the text before it, as a "was" label would be)
_BARE_AMOUNT_RE = re.compile(rf"(?P<sym1>)(?P<num1>{_NUM})(?P<num2>(?!))?(?P<sym2>(?!))?\s*\*?$")


# sale_word_box, dash_whole_amount: the words that mark an amount as the sale price, just before it
_SALE_WORDS = (
    r"sale(?:\s+price)?|now(?:\s+only)?|special(?:\s+price)?|offer(?:\s+price)?|deal(?:\s+price)?|"
    r"promo(?:\s+price)?|jetzt(?:\s+nur)?|angebot|aktionspreis|sonderpreis|ahora|oferta|precio\s+oferta|"
    r"maintenant|prix\s+promo|promo|soldes?|ora|offerta|prezzo\s+scontato|agora|por|nu|nu\s+kun|nå|tilbud|"
    r"tilbudspris|erbjudande|rea(?:pris)?|kampanjpris|kampanjehinta|tarjous(?:hinta)?|nú|"
    r"teraz|cena\s+promocyjna|promocja|akční\s+cena|akce|akciós\s+ár|most|acum|reducere|indirimli\s+fiyat|şimdi|"
    r"сейчас|цена\s+со\s+скидкой|акция|зараз|акційна\s+ціна|τώρα|προσφορά|特價|特价|促销价|促銷價|優惠價|优惠价|"
    r"セール価格|特別価格|セール|할인가|세일가|ราคาพิเศษ|ลดเหลือ|giá\s+khuyến\s+mãi|harga\s+promo|السعر\s+الآن|"
    r"الآن|عرض|מבצע|עכשיו"
)


# dash_whole_amount: "399,-" / "1.299,–" (whole units, a dash for the cents: Nordic, German, Dutch, Czech shops), the
# short text's end, is an amount without a sign only directly after a price, "was" or sale word ("Pris 399,-", "Før
# 499,-", "Nu 399,-") or as the whole text of a price element (class or itemprop "price"); after any other words
# ("Gutschein 10,-", "Doprava zdarma nad 500,-", "Versand 49,-") it is none
_DASH_WHOLE_RE = re.compile(
    r"(?P<sym1>)(?P<num1>\d{1,3}(?:[.\u00a0\u202f ]\d{3})+|\d{2,})(?P<num2>(?!))?(?P<sym2>(?!))?,[-–—]\s*$"
)
_DASH_LEAD_RE = re.compile(
    rf"^\W{{0,3}}(?:(?:(?:regular|original|old|list)\s+)?(?:{_PRICE_LABELS})|{_SALE_WORDS})\s*[:：]?\s*$", re.I
)
_PRICE_ELEMENT_RE = re.compile(r"price|preis|pris|prix|precio|prezzo|preco|prijs|cena|hinta|hind|kaina", re.I)


def _dash_whole_amount(s: str, el) -> re.Match | None:
    """dash_whole_amount: "399,-" after a price / was / sale word, or alone in a price element (see above)."""
    start = next((i for i, c in enumerate(s[:31]) if c.isdigit()), None)
    dash = _DASH_WHOLE_RE.match(s, start) if start is not None else None
    if dash is None:
        return None
    head = s[:start]
    if not head.strip():
        named = (n for n in (el, *_ancestors(el, 2)) if _PRICE_ELEMENT_RE.search(_attrs(n)))
        return dash if next(named, None) is not None else None
    if _DASH_LEAD_RE.match(head):
        return dash
    was = _WAS_WORDS_RE.search(head) or (rule("was_wording_languages") and _WAS_PHRASES_RE.search(head))
    return dash if was and not head[: was.start()].strip(" \t:-–|") else None


def _labelled_amount(s: str, el=None) -> re.Match | None:
    """The bare number a price label names ("Price: 25.00", "Cena: 129"); a whole number only after a colon, and
    not a single digit, a year ("Price: 4" is a rating's, "Prix 2021" a prize) or a point before three digits.
    Also "399,-" (rule ``dash_whole_amount``)."""
    if el is not None and rule("dash_whole_amount") and (dash := _dash_whole_amount(s, el)):
        return dash
    label = _PRICE_LABEL_RE.match(s) if rule("labelled_bare_amount") else None
    m = _BARE_AMOUNT_RE.match(s, label.end()) if label else None
    if m is None or re.search(r"[.,\u066b]\d{1,2}$", m.group("num1")):
        return m
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", m.group("num1")):
        return None  # "12.500": twelve and a half in a dinar of three decimals, 12,500 elsewhere; no sign says which
    whole = re.sub(r"\D", "", m.group("num1"))
    colon = re.search(r"[:：]", s[: m.start()]) is not None
    return m if colon and len(whole) >= 2 and not re.fullmatch(r"(?:19|20)\d\d", whole) else None


def _digits_in(text: str, found: str) -> bool:
    """Are the digits of ``text`` part of those of the amount ``found`` (this text a piece of that amount)?"""
    return re.sub(r"\D", "", text) in re.sub(r"\D", "", found)


def _later_match(text: str, s: str, m: re.Match, amount_re: re.Pattern) -> re.Match:
    """split_amount_later: in a block that shows two split amounts ("<s>$<span>19</span><sup>99</sup></s>
    $<span>12</span><sup>99</sup>"), the later amount a piece of text belongs to, not the first one the block holds.
    ``m`` when no later one has the text's digits (then the climb stops there, as before)."""
    own = _unmarked(" ".join(text.split()))
    if not rule("split_amount_later") or not re.search(r"\d", own):
        return m
    end = m.end()
    for later in islice(amount_re.finditer(s, m.end()), 3):
        # the text is a piece of it (not a count beside it, "(9)"), and it is no range's upper bound ("$750 to $999")
        if own in later.group() and not _RANGE_GAP_RE.fullmatch(s[end : later.start()]):
            return later
        end = later.end()
    return m


def _glued(text: str, s: str, m: re.Match) -> bool:
    """glued_amount_skip: an amount found above a text that is more than a piece of one (it has words: a title
    "iPhone 15", "Trail Runner 3"), whose match starts in that text and runs on into the next element's amount: its
    number goes on there ("Trail Runner 3" + "1 490 руб." read as 31490), or the sign after it opens that element's
    amount ("iPhone 15" + "€ 999" read as 15 €)."""
    if not rule("glued_amount_skip") or not _LETTERS_RE.search(text):
        return False
    own = " ".join(text.split())
    at = s.find(own)
    if at < 0 or not at <= m.start() < at + len(own) < m.end():
        return False
    runs_on = re.search(r"\d", s[at + len(own) : m.end()]) is not None
    return runs_on or (m.group("sym2") is not None and re.match(r"\s?\d", s[m.end() :]) is not None)


_RANGE_GAP_RE = re.compile(r"\s*(?:[-–—~〜～]|to|bis|à|a|al|tot|do|–)\s*", re.IGNORECASE)


def _tail_amount(text, amount_re: re.Pattern, order: dict, out: list[Shown], local: str | None = None) -> bool:
    """An amount in the text after an element ("Was <del>$599</del> Now $499"): it is the enclosing element's, not
    the struck one's it follows; True when one was read."""
    owner = text.getparent().getparent()
    tail = _unmarked(" ".join(text.split()))
    if owner is None or owner.tag in _SKIP_TAGS or not rule("tail_text_price") or not amount_re.search(tail):
        return False
    before = _last_text(text.getparent())  # the element it follows ("Was", "$599")
    s = f"{before} {tail}"
    m = amount_re.search(s, len(before) + 1)
    if not m:
        return False
    shown = _shown(owner, s, m, order.get(text.getparent(), 0), local)
    if shown:
        out.append(shown)
    return True


def _last_text(el, n: int = 40) -> str:
    """The last ``n`` characters of the element's text, whitespace collapsed, read backwards from its end: the cost
    does not grow with the text before them (nested elements each holding a long text are read once, not once per
    level)."""
    pieces: list[str] = []
    letters = 0
    stack: list = [el]
    while stack and letters < n:
        item = stack.pop()
        if isinstance(item, str):
            piece = item.rstrip()
            piece = piece[-4 * n :] + item[len(piece) :][:1]  # keep a space the text ends with
            pieces.append(piece)
            letters += len("".join(piece.split()))
            continue
        stack.append(item.text or "")
        for child in item:
            if isinstance(child.tag, str):
                stack.append(child)
            stack.append(child.tail or "")
    return _unmarked(" ".join("".join(reversed(pieces)).split()))[-n:]


_FRACTION_CLASS_RE = re.compile(r"fraction|cents?\b|decimals?\b|\bdec\b|\bfrac\b|minor|penny|pence", re.IGNORECASE)


def _cents_child(child, before: str) -> bool:
    """A child holding an amount's two decimals, written without their point after the whole part: a superscript
    ("63<sup>07</sup>"), or with split_cents an element classed for them ("<span class=price-whole>49</span><span
    class=price-fraction>99</span>")."""
    if not re.fullmatch(r"\d{2}", (child.text or "").strip()) or not re.search(r"\d\s*$", before):
        return False
    return child.tag == "sup" or (rule("split_cents") and bool(_FRACTION_CLASS_RE.search(child.get("class") or "")))


# invisible_format_chars: marks that give text its direction or say where a line may break, never seen: the bidi marks
# a locale's number format writes around an amount ("\u200f49.90 \u200f₪", "\u200fAED\u200f 99"), zero-width spaces and
# joiners ("$\u200b49.99", "۲۵۰٬۰۰۰\u200cتومان"), soft hyphens; read as if absent
_FORMAT_CHARS_RE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _unmarked(s: str) -> str:
    """The text without the invisible format characters (rule ``invisible_format_chars``)."""
    if rule("invisible_format_chars") and _FORMAT_CHARS_RE.search(s):
        return " ".join(_FORMAT_CHARS_RE.sub("", s).split())
    return s


_TABLE_ROW_TAGS = frozenset(("tr", "table", "tbody", "thead", "tfoot"))


def _joined_text(el) -> str:
    """The element's text; cents written as a superscript ("63<sup>07</sup>") or in an element classed for them keep
    their decimal point. A table's row or body is read with a space between its cells (``table_cell_boundaries``:
    "<td>1 Stück</td><td>4,99 €</td><td>10 Stück</td>…" is not "1 Stück4,99 €10 Stück", whose "€10" is no amount)."""
    if rule("table_cell_boundaries") and el.tag in _TABLE_ROW_TAGS:
        return _unmarked(" ".join(" ".join(el.itertext()).split()))
    text = _unmarked(" ".join(el.text_content().split()))
    if len(text) > 80 or (
        el.find(".//sup") is None
        and not (
            len(el)
            and rule("split_cents")
            and any(_FRACTION_CLASS_RE.search(c.get("class") or "") for c in el.iterdescendants())
        )
    ):
        return text  # (the readers take no longer text for an amount)
    parts: list[str] = []

    def walk(node) -> None:
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                if _cents_child(child, "".join(parts)):
                    parts.append(".")
                walk(child)
            parts.append(child.tail or "")

    walk(el)
    return _unmarked(" ".join(re.sub(r"(\d)\s+\.(\d)", r"\1.\2", "".join(parts)).split()))


def joined_text(el) -> str:
    """``_joined_text`` for the class-price reader (product.py)."""
    return _joined_text(el)


_RANGE_LOW_RE = re.compile(rf"(?<![\w.,])({_NUM})\s*[–—-]\s*$")


# quantity_tier_offer: a row of a quantity price table whose first cell is a quantity of two or more ("ab 10",
# "10 – 49", "50+", "à partir de 25", "od 5 szt.", "10個以上"): the price of each of several, not of one
_TIER_QUANTITY_RE = re.compile(
    r"^\W*(?:ab|from|over|über|à\s+partir\s+de|dès|a\s+partir\s+de|desde|da|vanaf|od|från|fra|fr\.)?\s*(\d{1,5})\s*"
    r"(?:\+|[-–]\s*\d{1,5})?\s*(?:[^\W\d_]{1,8}\.?)?\s*(?:以上)?\W*$",
    re.IGNORECASE,
)


def _tier_row(el) -> bool:
    """quantity_tier_offer: the amount stands in a table row (not its first cell) whose first cell is a quantity of
    two or more."""
    cell = next((a for a in [el, *el.iterancestors()][:4] if a.tag in ("td", "th")), None)
    row = cell.getparent() if cell is not None else None
    cells = [c for c in row if c.tag in ("td", "th")] if row is not None else []
    if not cells or cells[0] is cell:
        return False
    m = _TIER_QUANTITY_RE.match(" ".join(cells[0].text_content().split()))
    return m is not None and int(m.group(1)) >= 2


def _shown(el, s: str, m: re.Match, position: int, local: str | None = None) -> Shown | None:
    """The amount ``m`` matched in ``el``'s text ``s``; its number read in its own currency or, when its sign names
    none ("12.500 دينار"), in that of the shop's country ``local`` (rule ``local_minor_digits``)."""
    sym = (m.group("sym1") or m.group("sym2") or "").strip()
    num = m.group("num1") or m.group("num2")
    currency = _CODE_OF.get(sym) or (sym[:3] if re.fullmatch(r"[A-Z]{3}(?:\s?\$)?", sym) else None)
    if sym in _FURTHER_SIGNS and rule("currency_signs_further"):
        currency = _FURTHER_SIGNS[sym]
    if sym[:1] in _TEN_THOUSAND:  # currency_words_scripts: "12万円" is 120,000 yen
        currency = {"円": "JPY", "元": "CNY", "원": "KRW"}[sym[-1]]
        sym = sym[-1]
    if sym == "$" and (code := _DOLLAR_CODE_AFTER_RE.match(s[m.end() :])):
        currency = code.group(1)
    amount = _decimal(num, currency or local, local)
    if amount is None or amount <= 0:
        return None
    if m.group("sym2") and m.group("sym2").strip()[:1] in _TEN_THOUSAND:
        amount = Decimal(int(amount * 10000)) if amount * 10000 == int(amount * 10000) else amount * 10000
    before = _before_text(el, s, m.start())
    low = _RANGE_LOW_RE.search(before)
    if low and m.group("num2"):  # "502,20 – 558,00 б.р.": a range is offered from its lower bound
        amount = _decimal(low.group(1), currency or local, local) or amount
    after = s[m.end() :]
    if not after.strip():  # "<span>$50.00</span>/month": what follows the element qualifies the amount too
        after = " ".join((el.tail or "").split())[:30]
    if (
        (_NOT_A_PRICE_AFTER_RE.search(after) and not _rental_rate(el, after))
        or _other_payment(before, after)
        or ((nb := _NOT_A_PRICE_BEFORE_RE.search(before[-30:])) and not shipping_included(before, nb))
        or _THRESHOLD_RE.search(before[-60:])
        or (rule("shipping_cost_label") and shipping_cost(before))
        or (rule("other_condition_offer") and _OTHER_CONDITION_RE.search(before[-40:] or _text_before_block(el)))
        or _off_page(el)
        or _card_or_addon(el)
    ):
        return None
    offer = mechanics_offer(before, after)  # (the amount's own "after", not the next element's start read below)
    offer = offer or (rule("quantity_tier_offer") and _tier_row(el))
    tax = tax_before = None
    if rule("ex_tax_pair"):
        after = _after_text(el, s[m.end() :])
        tax = _tax_said(before, after)
        tax_before = _tax_label_before(before, after) if rule("ex_tax_label_before") else None
    struck = _is_struck(el, before)
    sale = rule("sale_word_box") and not struck and _SALE_BEFORE_RE.search(before[-30:]) is not None
    shown = Shown(_fmt(amount), currency, struck, position, _attrs(el) or el.tag, el, tax, tax_before, sign=sym)
    shown.sale = sale
    shown.member = rule("member_price") and bool(
        (_MEMBER_BEFORE_RE.search(before[-40:]) and not _NON_MEMBER_RE.search(before[-40:]))
        or _MEMBER_AFTER_RE.search(after)
        or (rule("subscription_price_languages") and _SUBSCRIPTION_BEFORE_RE.search(before[-60:]))
    )
    shown.offer = offer
    return shown


# ex_tax_pair: the words that say an amount is without tax ("excl. VAT", "zzgl. MwSt.", "Prix HT", "netto") or with
# it ("incl. VAT", "inkl. MwSt.", "TTC", "brutto"), just after the amount (in its text or the next element's) or
# just before it ("Excl. VAT: €100")
_TAX_WORDS = (
    r"(?:vat|tax|taxes|mwst\.?|ust\.?|btw|moms|mva|iva|tva|taxe|dph|alv|áfa|gst|hst|pdv|ндс|kdv|ppn|sst|ddv|dds)"
)
_EX_TAX_RE = re.compile(
    rf"(?:(?:\b(?:excl\.?|excluding|exclusive\s+of|ex\.?|exkl\.?|exklusive|zzgl\.?|zuzüglich|ohne|hors|sans|sin|"
    rf"senza|bez|utan|uden|uten|ilman|without|plus)|\+)\s*{_TAX_WORDS}|\bnett[oa]?(?:preis)?\b(?!\s*-|\s*\d|\s+[^\W\d_])|\bnet\s+price\b|\bh\.?t\.?(?:\W|$)|"
    rf"\bprix\s+ht\b|без\s+ндс|kdv\s+hariç|\bexcl\.?\s*btw|exc\.?\s+{_TAX_WORDS}|税抜き?|税別|本体価格|未税|未稅|不含税|不含稅)",
    re.IGNORECASE,
)
_INC_TAX_RE = re.compile(
    rf"(?:\b(?:incl\.?|including|inclusive\s+of|inc\.?|inkl\.?|inklusive|einschl\.?|with|con|avec|met|med|mit|"
    rf"iva\s+incluida|s|z|včetně|vč\.?|sis\.?|dahil)\s*{_TAX_WORDS}|{_TAX_WORDS}\s+(?:incl\.?|included|inclusa|"
    rf"incluse|inbegrepen|inkludert|inkluderad|dahil)|\bbrutt[oa]\b|\bt\.?t\.?c\.?(?:\W|$)|\bgross\s+price\b|"
    rf"с\s+ндс|kdv\s+dahil|税込み?|(?<!不)含税|(?<!不)含稅)",
    re.IGNORECASE,
)


# tax_words_scripts: words for "without tax" / "with tax" of more languages and scripts ("Без ПДВ", "Χωρίς ΦΠΑ",
# "بدون ضريبة", "ללא מע"מ", "Sem impostos", "Fără TVA", "Nettó", "Imponibile"; "З ПДВ", "Με ΦΠΑ", "شامل الضريبة")
# tax_words_abbreviated: the abbreviated forms ("ekskl. moms", "eks. mva", "s/ IVA", "o. MwSt."; "c/ IVA", "m. moms")
_EX_TAX_SHORT_RE = re.compile(
    rf"(?:\b(?:ekskl\.?|eksl\.?|eks\.?|o\.|exkl\.)\s*{_TAX_WORDS}|(?<![^\W\d_])s/\s*(?:iva|impostos)\b)", re.IGNORECASE
)
_INC_TAX_SHORT_RE = re.compile(
    rf"(?:\b(?:inkl\.?|m\.)\s*{_TAX_WORDS}|(?<![^\W\d_])c/\s*(?:iva|impostos)\b)", re.IGNORECASE
)
_EX_TAX_SCRIPTS_RE = re.compile(
    r"(?:без\s+пдв|без\s+ддс|χωρίς\s+φπα|προ\s+φπα|بدون\s+(?:ال)?ضريبة|غير\s+شامل\s+(?:ل)?(?:ال)?ضريبة|"
    r"ללא\s+מע\"?מ|לפני\s+מע\"?מ|\bsem\s+(?:impostos|iva|icms)\b|\bfără\s+tva\b|\bnettó\b|\bimponibile\b|"
    r"\biva\s+esclusa\b|\bvat\s+별도|부가세\s*별도)",
    re.IGNORECASE,
)
_INC_TAX_SCRIPTS_RE = re.compile(
    r"(?:(?<!\w)(?:з\s+пдв|с\s+ддс|με\s+φπα)|شامل\s+(?:ال)?ضريبة|כולל\s+מע\"?מ|\bcom\s+(?:impostos|iva)\b|"
    r"\biva\s+incluído\b|\bcu\s+tva\b|\bbruttó\b|부가세\s*포함)",
    re.IGNORECASE,
)


def _tax_res() -> tuple[tuple[str, re.Pattern, re.Pattern | None], ...]:
    """("ex", its words, more of them), ("inc", ...): with ``tax_words_scripts``'s words of more languages as on."""
    more = rule("tax_words_scripts")
    return (
        ("ex", _EX_TAX_RE, _EX_TAX_SCRIPTS_RE if more else None),
        ("inc", _INC_TAX_RE, _INC_TAX_SCRIPTS_RE if more else None),
    )


def _tax_search(text: str, kind: str):
    """The first tax word of ``kind`` ("ex" / "inc") in ``text``."""
    for k, base, more in _tax_res():
        if k == kind:
            found = base.search(text) or (more.search(text) if more else None)
            if found is None and rule("tax_words_abbreviated"):
                found = (_EX_TAX_SHORT_RE if kind == "ex" else _INC_TAX_SHORT_RE).search(text)
            return found
    return None


def _after_text(el, after: str) -> str:
    """The words just after an amount: in its own text, else its element's tail, else the next element's start (30
    characters at most; a content after "Netto" taken out: "Netto 500 g" is no price without tax)."""
    after = " ".join(after.split())[:30]
    if not after:
        after = " ".join((el.tail or "").split())[:30]
        nxt = el.getnext()
        if not after and nxt is not None and isinstance(nxt.tag, str):
            after = " ".join(_prefix(nxt, 30).split())[:30]
    return _NET_CONTENT_RE.sub(" ", after)


def _tax_said(before: str, after: str) -> str | None:
    """ "ex" / "inc" when the words just after the amount (or else just before it) say it is without / with tax."""
    after = re.split(r"\d", after, maxsplit=1)[0]  # up to the next amount ("€100 (€121 incl. VAT)": not the first's)
    for text in (after, before[-30:]):
        ex, inc = _tax_search(text, "ex"), _tax_search(text, "inc")
        if ex and not inc:
            return "ex"
        if inc and not ex:
            return "inc"
    return None


_NET_CONTENT_RE = re.compile(r"\bnett[oa]?\b\s*-?\s*[^\W\d_]*\s*:?\s*\d", re.IGNORECASE)
# ex_tax_label_before: what may stand between a label and its amount ("Excl. VAT: €100", "HT : 83,33 €", "inkl.
# MwSt. EUR 119"): a colon, a dash, and a currency sign or code (the reader's match starts at the sign, or the
# label's text ends before the next element's amount)
_LABEL_GAP_RE = re.compile(r"\w*\.?[\s:：=\-–(]*(?:[^\s\d]{1,4}\s?)?$")


def _label_at_end(text: str) -> str | None:
    """ "ex" / "inc" when ``text`` ends with a tax label (only a colon or a currency sign after it)."""
    text = text[-40:]
    for kind, label_re, more in _tax_res():
        found = sorted(
            [m.end() for m in label_re.finditer(text)] + [m.end() for m in (more.finditer(text) if more else ())]
        )
        if found and _LABEL_GAP_RE.match(text, found[-1]):
            return kind
    return None


def _tax_label_before(before: str, after: str) -> str | None:
    """ex_tax_label_before: "ex" / "inc" when a tax label stands just before the amount ("Excl. VAT: €100", "Prix TTC
    : 100,00 €") and the words after it say nothing of their own: no label, or only one that leads into the next
    amount ("… €100 Incl. VAT: €121": the next amount's label)."""
    digit = re.search(r"\d", after)
    head = after[: digit.start()] if digit else after
    own = _tax_search(head, "ex") or _tax_search(head, "inc")
    if own and not (digit and _label_at_end(head)):
        return None
    return _label_at_end(before)


def _prefix(el, limit: int) -> str:
    """About the first limit characters of an element's text, read without walking the whole subtree."""
    parts, size = [], 0
    for piece in el.itertext():
        parts.append(piece)
        size += len(piece)
        if size >= limit:
            break
    return "".join(parts)


# the ratios of a price with tax to the same price without it (VAT / GST / sales tax of 4 % to 27 %)
_TAX_RATIOS = (Decimal("1.04"), Decimal("1.28"))


def _ex_tax_superseded(prices: list[Shown]) -> None:
    """ex_tax_pair: an amount the page says is without tax, shown just beside an amount higher by a tax rate (the
    nearest amount not itself without tax, a few elements away when said with tax and else next to it, not a
    shipping cost), is not the price asked: it is
    marked superseded, as a struck one is (never the regular price: it is the lower of the two)."""
    ranked = sorted(prices, key=lambda x: x.order)
    for i, p in enumerate(ranked):
        if p.tax != "ex" or p.struck:
            continue
        near = [q for q in (*ranked[i + 1 : i + 2], *ranked[max(i - 1, 0) : i]) if q.tax != "ex" and not q.struck]
        near = [q for q in near if abs(q.order - p.order) <= (_PAIR_GAP if q.tax == "inc" else 2)]
        if not near:
            continue
        q = min(near, key=lambda x: abs(x.order - p.order))
        if _with_tax_of(p, q):
            p.struck = True
    for i, p in enumerate(ranked):
        # ex_tax_label_before: "Excl. VAT: €100" beside "Incl. VAT: €121", each label before its amount
        if p.tax_before != "ex" or p.struck:
            continue
        near = [q for q in (*ranked[i + 1 : i + 2], *ranked[max(i - 1, 0) : i]) if q.tax_before == "inc"]
        if any(abs(q.order - p.order) <= _PAIR_GAP and not q.struck and _with_tax_of(p, q) for q in near):
            p.struck = True


def _with_tax_of(p: Shown, q: Shown) -> bool:
    """Whether ``q`` may be ``p`` with tax: the same currency, higher by a tax rate, not a shipping cost."""
    ratio = Decimal(q.amount) / Decimal(p.amount) if Decimal(p.amount) else Decimal(0)
    return q.currency == p.currency and _TAX_RATIOS[0] <= ratio <= _TAX_RATIOS[1] and not _shipping(q)


_PAIR_GAP = 4
_SHIPPING_RE = re.compile(
    r"versand|shipping|delivery|livraison|env[íi]o|spedizione|verzend|porto|frakt|fragt|доставк|postage|p&p|送料|运费|運費|"
    r"配送",
    re.IGNORECASE,
)
# a free-shipping threshold said after its amount, in the amount's own text ("税込¥2,200以上で送料無料", "满¥99包邮")
_THRESHOLD_AFTER_RE = re.compile(
    r"\d\s*円?\s*以上|(?:送料|运费|運費|配送料?)\s*(?:無料|免费|免費)|包邮|包郵|免运费|免運費"
)


def _shipping(q: Shown) -> bool:
    """The amount is a shipping cost: shipping words just before it, in its element or the one before."""
    el = q.el
    if el is None:
        return False
    prev, parent = el.getprevious(), el.getparent()
    if prev is not None:
        before = (_prefix(prev, 40) if isinstance(prev.tag, str) else "") + (prev.tail or "")
    else:
        before = (parent.text or "") if parent is not None else ""
    before += el.text or ""
    return bool(_SHIPPING_RE.search(before[-60:]) or _THRESHOLD_AFTER_RE.search(_prefix(el, 80)))


def alone_by_title(els: list, title) -> object | None:
    """grid_title_block: of elements sharing one class signature (a grid's, by its repeated amounts), the one whose
    smallest block holding it and the page's title (its h1) holds none of the others, if any. A grid card's amount
    shares only a page-wide block with the title, and the other cards' amounts with it; the product's own amount,
    classed like the cards' ("price" in the buy box and in "You may also like"), shares the product's block with the
    title alone. The blocks are the title's ancestors, so each element is placed by how far above the title its block
    is, and the one nearest below all the others' is alone in its block."""
    if title is None or not rule("grid_title_block"):
        return None
    el, _ = _alone_by(els, title)
    return el


def alone_by_buy_button(els: list, buttons: list) -> object | None:
    """grid_buy_block: the same as ``alone_by_title`` with the page's buy button for the title: a layout whose title
    stands above the product's columns shares its block with the whole page, the buy box with the product's price.
    Only on a page with one buy button (two: a sticky bar's copy; ``buttons``: the page's first three), none of whose
    blocks up to the price's stands beside siblings of its own kind: a listing's cards each carry a quick "Add to
    cart"."""
    if not buttons or len(buttons) > 2 or not rule("grid_buy_block"):
        return None
    el, block = _alone_by(els, buttons[0])
    if el is None:
        return None
    node = buttons[0]
    while node is not None and node is not block.getparent():
        if _repeated(node):
            return None
        node = node.getparent()
    return el


_SIBLINGS_READ = 400


def _repeated(block) -> bool:
    """Has ``block`` a sibling of the same tag and class (the next card of a grid)?"""
    parent = block.getparent()
    if parent is None:
        return False
    kind = (block.tag, block.get("class"))
    siblings = islice(parent.iterchildren(), _SIBLINGS_READ)  # a hostile parent of 100,000 children is read in part
    return sum((sib.tag, sib.get("class")) == kind for sib in siblings) > 1


def _alone_by(els: list, title) -> tuple[object | None, object | None]:
    """The element of ``els`` alone with ``title`` in its smallest block holding both, and that block."""
    level = {up: n for n, up in enumerate((title, *title.iterancestors()))}
    placed = []
    for el in dict.fromkeys(els):  # (one element may show two amounts)
        block = el
        while block is not None and block not in level:
            block = block.getparent()
        if block is not None:
            placed.append((level[block], el, block))
    placed.sort(key=lambda x: x[0])
    if not placed or (len(placed) > 1 and placed[1][0] == placed[0][0]) or placed[0][2].tag in ("body", "html"):
        return None, None
    return placed[0][1], placed[0][2]


def _anchors(tree, order: dict) -> list[int]:
    """Document positions of the product's title (first h1) and its buy button."""
    body = tree.find("body")
    out = []
    h1 = body.find(".//h1") if body is not None else None
    if h1 is not None and h1 in order:
        out.append(order[h1])
    out.extend(order[button] for button in _buy_buttons(tree, 1, order))
    return out


def _buy_buttons(tree, most: int, among: dict | None = None) -> list:
    """The page's first ``most`` buy buttons (a button, submit or cart / buy link whose label is a buy word), only
    those in ``among`` when it is given."""
    out = []
    for el in tree.xpath("//button|//input[@type='submit']|//a[contains(@class,'cart') or contains(@class,'buy')]")[
        :200
    ]:
        label = " ".join(((el.text_content() if el.tag != "input" else el.get("value")) or "").split())
        if label and len(label) < 60 and buy_label(label) and (among is None or el in among):
            out.append(el)
            if len(out) >= most:
                break
    return out


def current_and_regular(tree, prices: list[Shown] | None = None) -> tuple[Shown | None, Shown | None]:
    """The current price a reader sees for the page's product, and the superseded price shown beside it."""
    prices = shown_prices(tree) if prices is None else prices
    if not prices:
        return None, None
    body = tree.find("body")
    order = {el: i for i, el in enumerate(body.iter())} if body is not None else {}
    # a class signature repeated with different amounts is a grid of other products
    amounts_by_key: dict[str, set] = {}
    for p in prices:
        amounts_by_key.setdefault(p.key, set()).add(p.amount)
    title = body.find(".//h1") if body is not None else None
    grids = {key for key, amounts in amounts_by_key.items() if len(amounts) >= 4}
    alone = {alone_by_title([p.el for p in prices if p.key == key], title) for key in grids}
    buttons = _buy_buttons(tree, 3) if grids and rule("grid_buy_block") else []
    alone |= {alone_by_buy_button([p.el for p in prices if p.key == key], buttons) for key in grids}
    live = [p for p in prices if p.key not in grids or (p.el is not None and p.el in alone)]
    anchors = _anchors(tree, order)
    current_ones = [p for p in live if not p.struck]
    if not current_ones:
        return None, None
    if any(not p.member for p in current_ones):  # member_price: the price everyone pays, where the page shows one
        current_ones = [p for p in current_ones if not p.member]
    if any(not p.offer for p in current_ones):  # mechanics_offer: the same over a multi-buy's, a coupon's, a deposit
        current_ones = [p for p in current_ones if not p.offer]

    def distance(p: Shown) -> int:
        return min((abs(p.order - a) for a in anchors), default=p.order)

    current = min(current_ones, key=lambda p: (distance(p), p.order))
    if current.currency is None:  # labelled_bare_amount: the same amount shown with its currency elsewhere
        current = next((p for p in current_ones if p.currency and p.amount == current.amount), current)
    regular = None
    for p in sorted(live, key=lambda p: abs(p.order - current.order)):
        if abs(p.order - current.order) > 40:
            break
        if p.struck and Decimal(p.amount) > Decimal(current.amount):
            regular = p
            break
    return current, regular


# sale_word_box: a price box whose visible text marks one amount as the sale price ("$49.99 Sale $34.99", "59,90 €
# Angebot 44,90 €", "NT$1,290 特價 NT$990"): the word stands just before the amount (never a minus sign: "-$15.00",
# "Sale -$15" are savings), and the box holds nothing but the two amounts, sale or saving words and a percentage.
# The plain higher amount is then the old price (``Shown.sale_old``); product.py reads it so only where no structured
# layer gave a price, or where the structured price is the sale amount: it never overrules a structured price.
_SALE_BEFORE_RE = re.compile(rf"(?:^|(?<![^\W\d_]))(?:{_SALE_WORDS})\s*[:：!]?\s*$", re.IGNORECASE)
_SALE_RE = re.compile(rf"(?<![^\W\d_])(?:{_SALE_WORDS})(?![^\W\d_])", re.IGNORECASE)
# the only other words a sale box may hold: a saving and its percentage ("-30%", "Save 30%", "30% off")
_SAVING_WORDS_RE = re.compile(
    r"(?<![^\W\d_])(?:you\s+save|save|off|discount|sie\s+sparen|sparen|rabatt|ahorra|ahorras|descuento|économisez|"
    r"remise|risparmi|sconto|economize|desconto|korting|bespaar|spar|rabat|oszczędzasz|sleva|ušetříte|скидка|"
    r"экономия|знижка|έκπτωση|折扣|割引|할인|ส่วนลด|giảm|hemat|خصم|הנחה|price|preis|prix|precio|prezzo|preço|pris)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
_PERCENT_RE = re.compile(r"[-−–]?\s?\d{1,2}(?:[.,]\d)?\s?%")
_BOX_NODES = 40  # a price box is small: its subtree is read to at most this many elements
_BOX_CHARS = 200
_SALE_SHARE = Decimal("0.2")  # the sale amount is at least a fifth of the old one (a smaller one is a saving)


def _sale_box_pairs(prices: list[Shown], amount_re: re.Pattern) -> None:
    """sale_word_box: of two neighbouring amounts in one small box that holds nothing else (see above), the plain
    higher one beside a sale-marked lower one is its old price. Each amount is paired with its two neighbours only
    and each box read once, at most ``_BOX_NODES`` elements: linear in the page."""
    ranked = sorted((p for p in prices if not p.bare and p.el is not None), key=lambda x: x.order)
    boxes: dict = {}
    for i, p in enumerate(ranked):
        if not p.sale or p.struck:
            continue
        low = Decimal(p.amount)
        for q in (*ranked[max(i - 1, 0) : i], *ranked[i + 1 : i + 2]):
            high = Decimal(q.amount)
            if q.struck or q.sale or q.currency != p.currency or not high * _SALE_SHARE <= low < high:
                continue
            box = _common_box(p.el, q.el)
            if box is not None and box not in boxes:
                boxes[box] = _sale_box_text(box, amount_re)
            if box is not None and boxes[box]:
                q.sale_old = True


def _common_box(a, b, levels: int = 3):
    """The smallest element holding both ``a`` and ``b``, at most ``levels`` above each; None when none is."""
    above_a = [a, *_ancestors(a, levels)]
    above_b = set(_ancestors(b, levels))
    above_b.add(b)
    return next((node for node in above_a if node in above_b), None)


def _ancestors(el, levels: int) -> list:
    out, node = [], el.getparent()
    while node is not None and len(out) < levels and isinstance(node.tag, str):
        out.append(node)
        node = node.getparent()
    return out


def _sale_box_text(box, amount_re: re.Pattern) -> bool:
    """Whether the box's visible text is two amounts, one sale word and only saving words or a percentage besides."""
    if box.tag in ("body", "html", "main"):
        return False
    parts: list[str] = []
    for n, (event, node) in enumerate(etree.iterwalk(box, events=("start", "end"))):
        if n > 2 * _BOX_NODES or (isinstance(node.tag, str) and node.tag in _SKIP_TAGS):
            return False
        if event == "start":
            parts.append((node.text or "") if isinstance(node.tag, str) else "")
        elif node is not box:
            parts.append(node.tail or "")
    text = " ".join(" ".join(parts).split())
    if len(text) > _BOX_CHARS or len(amount_re.findall(text)) != 2:
        return False
    rest = _PERCENT_RE.sub(" ", amount_re.sub(" ", text))
    sales = len(_SALE_RE.findall(rest))
    rest = _SAVING_WORDS_RE.sub(" ", _SALE_RE.sub(" ", rest))
    return sales == 1 and _LETTERS_RE.search(rest) is None
