"""Product fields beyond price / sku / stock that the visible page gives when its structured data does not (issue 14
item 4): a rating written as text, the check digit of a gtin, a microdata trail, the variant picker's options and
the chosen colour / size, a spec row's colour / size, the gallery's main image. Each is a named rule of ``RULES``;
each abstains (gives nothing) where the page's evidence conflicts."""

from __future__ import annotations

import re

from .. import appstate
from . import structured as S
from .rules import rule
from .stock import _OUT_LABEL_RE


# --- gtin check digits -----------------------------------------------------------------------------------------------
def gs1_valid(digits: str) -> bool:
    """A GTIN-8 / 12 / 13 / 14 whose last digit is the GS1 check digit of the others (and not all zeros)."""
    if not digits.isdigit() or len(digits) not in (8, 12, 13, 14) or not digits.strip("0"):
        return False
    return gs1_check_digit_ok(digits)


def gs1_check_digit_ok(digits: str) -> bool:
    """Is the last of ``digits`` (all digits) the GS1 check digit of the others?"""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits[:-1])))
    return (10 - total % 10) % 10 == int(digits[-1])


def isbn10_valid(code: str) -> bool:
    """An ISBN-10 whose last character (a digit or X) is the mod-11 check of the nine digits before it."""
    if not re.fullmatch(r"\d{9}[\dX]", code):
        return False
    total = sum((10 - i) * int(d) for i, d in enumerate(code[:9]))
    check = (11 - total % 11) % 11
    return code[-1] == ("X" if check == 10 else str(check))


def gtin_checked(code: str | None, kind: str | None) -> bool | None:
    """gtin_check_digit: True / False for a code of a length whose check the standards define (GTIN-8/12/13/14, an
    ISBN-10), None for another length (not judged)."""
    if not code:
        return None
    if len(code) == 10 and kind == "isbn":
        return isbn10_valid(code)
    if len(code) in (8, 12, 13, 14) and code.isdigit():
        return gs1_valid(code)
    return None


def checked_gtin(data: dict, sources: dict, shown: str | None) -> None:
    """Drop a gtin whose check digit fails (``gtin_check_digit``: a shop's internal number in the field, a typo), and
    a structured gtin the page's spec rows contradict with another valid one (``gtin_shown_conflict``: the page
    shows another product's code, or the structured data is stale) — no gtin rather than a guess."""
    gtin = data.get("gtin")
    if not gtin:
        return
    if rule("gtin_check_digit") and gtin_checked(gtin, data.get("gtinType")) is False:
        for key in ("gtin", "gtinType"):
            data.pop(key, None)
            sources.pop(key, None)
        return
    if (
        rule("gtin_shown_conflict")
        and shown
        and sources.get("gtin") != "heuristic"
        and shown.lstrip("0") != gtin.lstrip("0")
        and gs1_valid(shown)
        and gtin_checked(gtin, data.get("gtinType"))
    ):
        for key in ("gtin", "gtinType"):
            data.pop(key, None)
            sources.pop(key, None)


# --- a rating written as text ------------------------------------------------------------------------------------------
_OUT_OF = r"(?:out\s+of|von|sur|de|su|van|na|av|z|ze|ud\s+af|af|of|/|из|από)"
_STARS = (
    r"(?:stars?|Sternen?|étoiles?|estrellas?|stelle|sterren|gwiazd(?:ek|ki|ka|y)?|stjärnor|estrelas|hvězd(?:iček|ičky|y)?|"
    r"stjerner|tähte(?:ä|stä)|звезд|αστέρια)"
)
_REVIEWS = (
    r"(?:customer\s+)?(?:ratings?|reviews?|Bewertung(?:en)?|Rezension(?:en)?|avis|évaluations?|notes?|opini(?:ón|ones)|"
    r"valoraci(?:ón|ones)|reseñas?|recension[ei]|valutazion[ei]|beoordeling(?:en)?|recensies?|opinii|ocen[ay]?|"
    r"recenzj[ia]|recension(?:er)?|omdömen?|betyg|avalia(?:ção|ções)|opini(?:ão|ões)|hodnocení|recenz[eí]|"
    r"anmeldelser?|bedømmelser?|arvostelu(?:a)?|arvio(?:ta)?|отзыв(?:ов|а)?|αξιολογήσεις|件の評価|件のレビュー|件)"
)
_NUMBER = r"\d{1,3}(?:[.,\s\u00a0]\d{3})+|\d+"
# the count after the scale: "(123 Bewertungen)", "based on 87 customer ratings", "2.345 Sternebewertungen", "1,204
# global ratings", "(23)", a few words ("Customer Rating") between
_COUNT = (
    rf"(?:\s+[^\d()（<>]{{0,24}}?)?\s*(?:[(（]?\s*(?:based\s+on\s+)?(?P<c>{_NUMBER})\s*(?:\w+\s+)?\w*?{_REVIEWS}"
    rf"\s*[)）]?|[(（]\s*(?P<cp>{_NUMBER})\s*[)）])"
)
_RATING_RE = re.compile(
    rf"(?:(?:Rated\s+)?(?P<v>[0-5](?:[.,]\d{{1,2}})?)\s*{_OUT_OF}\s*5(?:[.,]0{{1,2}})?(?![\d.,])(?P<s>\s*{_STARS})?"
    rf"|5つ星のうち\s*(?P<vj>[0-5](?:\.\d{{1,2}})?)(?P<sj>))(?:{_COUNT})?",
    re.IGNORECASE,
)
# percent_rating: a rating written as a percentage after a rating label, with its count ("Rating: 90% (124 reviews)",
# "Bewertung: 84 % 25 Bewertungen"): the share of the five stars; a percentage with no label ("92% of reviewers
# recommend") or no count is none
_PERCENT_RATING_RE = re.compile(
    rf"(?:average\s+rating|rating|rated|bewertung|note|évaluation|valoración|valutazione|beoordeling|ocena|betyg|"
    rf"avaliação|hodnocení|bedømmelse|評価)\s*[:：]?\s*(?P<p>\d{{1,3}})\s*%\s*[(（]?\s*(?P<c>{_NUMBER})\s*{_REVIEWS}",
    re.IGNORECASE,
)
# whose rating it is: the seller's, the shop's, a trust badge's — not the product's
_NOT_PRODUCT_RATING_RE = re.compile(
    r"(?:seller|merchant|shop|store|vendor|verkäufer|händler|vendeur|boutique|vendedor|tienda|venditore|negozio|"
    r"verkoper|winkel|sprzedawc|sklep|säljare|butik|vendedor|loja|prodejce|obchod|sælger|myyjä|kauppa|trusted|"
    r"trustpilot|ショップ|販売者)[\w-]*\W*(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)


# not in a recommendation's card or a quick-add form of another product (a carousel, "related", "upsell")
_OUT_OF_CARD = (
    "[not(ancestor::*[contains(@class,'carousel') or contains(@class,'related') or contains(@class,'recommend') or "
    "contains(@class,'upsell') or contains(@class,'cross-sell') or contains(@class,'product-card') or "
    "contains(@class,'quick')])]"
)
# the page's recommendations, whose cards carry their own products' ratings
_OUT_OF_CARDS = (
    "//body//text()[normalize-space()][string-length() < 200][not(ancestor::footer or ancestor::header or ancestor::*["
    "contains(@class,'carousel') or contains(@class,'related') or contains(@class,'recommend') or "
    "contains(@class,'similar') or contains(@class,'upsell') or contains(@class,'cross-sell') or "
    "contains(@class,'crosssell') or contains(@class,'sponsored') or contains(@class,'product-card')])]"
)


def page_rating(tree, text: str) -> dict | None:
    """visible_rating: the one rating the page's short texts write (``text_ratings``); where they write several, the
    one written outside the recommendations' cards (carousels, "related", "sponsored"), if one is."""
    found = text_ratings(text)
    if found:
        found = text_ratings(" ".join(tree.xpath(_OUT_OF_CARDS)[:4000]))
    if len(found) != 1:
        return None
    value, (count, times) = found.popitem()
    if count is None and times >= 3:
        return None  # the same stars on every card or review, no count of ratings: a list's, not the product's
    return {"value": value, "count": count} if 0 < value <= 5 else None


def text_ratings(text: str) -> dict:
    """The ratings a text writes, {value: count}: "4,5 von 5 Sternen (123 Bewertungen)", "Rated 4.6 out of 5 based on
    87 customer ratings", "5つ星のうち4.4 (1,024件の評価)", "Rating: 90% (124 reviews)" (``percent_rating``). A match counts when it says it is a rating (a star word or a
    count of ratings) or writes a decimal ("Image 3 of 5" is a gallery's counter); one written after a seller's or
    shop's name is theirs. Several different values (recommendations' ratings, a review's own) conflict. Returns
    {value: (count, how many times the value is written)}."""
    found: dict[float, tuple[int | None, int]] = {}
    for m in _RATING_RE.finditer(text):
        value = m.group("v") or m.group("vj")
        counted = m.group("c") or m.group("cp")
        rated = bool(m.group("s") or counted or m.group("vj") or re.search(r"[.,]", value))
        if not rated or _NOT_PRODUCT_RATING_RE.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        _found_rating(found, float(value.replace(",", ".")), int(re.sub(r"\D", "", counted)) if counted else None)
    for m in _PERCENT_RATING_RE.finditer(text) if rule("percent_rating") else ():
        if 0 < int(m.group("p")) <= 100 and not _NOT_PRODUCT_RATING_RE.search(text[max(0, m.start() - 40) : m.start()]):
            _found_rating(found, round(int(m.group("p")) / 20, 2), int(re.sub(r"\D", "", m.group("c"))))
    return found


def _found_rating(found: dict, key: float, count: int | None) -> None:
    before, times = found.get(key, (None, 0))
    found[key] = (before if before is not None else count, times + 1)


# --- a microdata trail -------------------------------------------------------------------------------------------------
def microdata_breadcrumbs(st: S.Structured) -> list[str]:
    """microdata_breadcrumbs: a microdata BreadcrumbList's names by position (a ListItem's ``name``, or its item's)."""
    for item in st.microdata:
        if "BreadcrumbList" not in S.type_names({"@type": item.get("type")}):
            continue
        elements = S.micro_props(item).get("itemListElement")
        names = []
        for i, el in enumerate(elements if isinstance(elements, list) else [elements]):
            props = S.micro_props(el) if isinstance(el, dict) else {}
            name = S.as_text(props.get("name"))
            inner = props.get("item")
            if not name and isinstance(inner, dict):
                name = S.as_text(S.micro_props(inner).get("name"))
            try:
                pos = float(S.as_text(props.get("position")) or i + 1)
            except ValueError:
                pos = float(i + 1)
            if name:
                names.append((pos, " ".join(name.split())))
        if names:
            return [n for _, n in sorted(names, key=lambda p: p[0])]
    return []


# --- colour and size: spec rows, variant pickers ---------------------------------------------------------------------
_AXIS_WORDS = {
    "color": (
        "color",
        "colour",
        "farbe",
        "couleur",
        "colore",
        "kleur",
        "kolor",
        "färg",
        "cor",
        "barva",
        "farve",
        "farge",
        "väri",
        "szín",
        "culoare",
        "цвет",
        "χρώμα",
        "renk",
        "カラー",
        "色",
        "颜色",
        "顏色",
    ),
    "size": (
        "size",
        "größe",
        "grösse",
        "taille",
        "talla",
        "taglia",
        "maat",
        "rozmiar",
        "storlek",
        "tamanho",
        "velikost",
        "størrelse",
        "koko",
        "méret",
        "mărime",
        "размер",
        "μέγεθος",
        "beden",
        "サイズ",
        "尺码",
        "尺寸",
    ),
}
_AXIS_OF_WORD = {w: axis for axis, words in _AXIS_WORDS.items() for w in words}
# a control's name or id that names its axis: "attribute_pa_size", "option-color", "sizes" (not "font-size")
_AXIS_NAME_RE = re.compile(
    r"(?:^|[_\-\[\s.])(colou?r|size|farbe|couleur|taille|talla|taglia|maat|kleur|groesse)s?(?:$|[_\-\]\s.\d])", re.I
)


def axis_of_label(text: str | None) -> str | None:
    """The axis ("color" / "size") a label names, the whole label ("Farbe", "Size:", "Couleur : Sable" before its
    colon)."""
    if not text:
        return None
    head = " ".join(text.split()).split(":")[0].split("：")[0].strip(" *").casefold()
    return _AXIS_OF_WORD.get(head)


def nxt_control(el) -> bool:
    nxt = el.getnext()
    return nxt is not None and bool(nxt.xpath(".//select|.//input"))


def spec_colour_size(tree) -> dict:
    """spec_colour_size: a spec row's colour and size ("<th>Farbe</th><td>Schwarz</td>", "<dt>Size</dt><dd>XL</dd>",
    "<li><b>Couleur :</b> Rouge</li>"); a field given two different values (a size chart, a variant table) gives
    none."""
    seen: dict[str, set] = {}
    for el in tree.xpath("//th|//dt|//td|//li/b|//li/strong|//li/span")[:2000]:
        own = el.text_content()
        if len(own) > 40:
            continue
        axis = axis_of_label(own)
        if not axis:
            continue
        value = own.split(":", 1)[1] if ":" in own else ""
        if not value.strip():
            nxt = el.getnext()
            if nxt is None or nxt.tag not in ("td", "dd") or el.tag == "td" and el.getparent().index(el) != 0:
                tail = (el.tail or "").strip(" :\u00a0") if el.tag in ("b", "strong", "span") else ""
                value = tail
            else:
                value = nxt.text_content()
        value = " ".join(value.split()).strip(" :")
        if nxt_control(el) or re.search(r"[,;|]\s", value):
            continue  # a picker's cell ("<td><select>"), a list of the values the variants have ("S, M, L"): no one value
        if axis == "color" and re.fullmatch(r"(?=(?:\D*\d){3})[\w-]+", value):
            continue  # a code in the colour's row ("UK-OYD1-4018"), no colour
        if value and len(value) <= 40 and not axis_of_label(value):
            seen.setdefault(axis, set()).add(value)
    return {axis: values.pop() for axis, values in seen.items() if len(values) == 1}


_PLACEHOLDER_RE = re.compile(
    r"^\W*$|^[-–—\s]+|^(?:choose|select|pick|bitte|wähle|choisi|sélectionne|elige|selecciona|"
    r"scegli|seleziona|kies|selecteer|wybierz|välj|escolha|selecione|vyberte|vælg|valitse|"
    r"選択|请选择|請選擇)|^default(?:\s+title)?$",
    re.I,
)
_DELTA_RE = re.compile(r"\s*[(\[]?\s*[+-]\s*[\d€$£¥]|\s*[(\[][^)\]]*\d[^)\]]*[)\]]\s*$")


def _option_value(text: str, out: bool) -> str:
    """An option's value without the note after it: its stock ("L - ausverkauft", "L (Out of stock)") or a price
    delta ("Navy (+2,00 €)")."""
    value = " ".join(text.split())
    m = _OUT_LABEL_RE.search(value)
    if out and m and m.start() > 0:
        value = value[: m.start()]
    m = _DELTA_RE.search(value)
    if m and m.start() > 0:
        value = value[: m.start()]
    return value.strip(" -–—(:,")


def _labels_by_for(tree) -> dict:
    """Each ``<label for>``'s target id -> the first such label in the page (one scan for all the page's controls)."""
    labels: dict = {}
    for label in tree.xpath("//label[@for]"):
        labels.setdefault(label.get("for"), label)
    return labels


def _control_labels(labels: dict, el, own_label: bool):
    """The texts that may label a form control: its ``label for`` (a select's; a radio's own label is its value;
    ``labels``: ``_labels_by_for``), then for it and up to three of its ancestors the short text just before it and a
    fieldset's legend."""
    if own_label and el.get("id") and el.get("id") in labels:
        yield labels[el.get("id")].text_content()
    node = el
    for _ in range(4):
        if node is None:
            return
        prev = node.getprevious()
        if prev is not None and prev.tag not in ("input", "select") and len(prev.text_content()) < 40:
            yield prev.text_content()
        legend = node.find("legend") if node.tag == "fieldset" else None
        if legend is not None:
            yield legend.text_content()
        node = node.getparent()


def _axis_of_name(name: str) -> str | None:
    """The axis a control's name or id names ("attribute_pa_size", "option-color")."""
    m = _AXIS_NAME_RE.search(name)
    if not m:
        return None
    return "color" if m.group(1).casefold() in ("color", "colour", "farbe", "couleur", "kleur") else "size"


def _axis_of_control(labels: dict, el, name: str, own_label: bool = True) -> str | None:
    if axis := _axis_of_name(name):
        return axis
    if not own_label and re.fullmatch(r"[^\W\d_]+(?:\s[^\W\d_]+)*", name.strip()):
        return axis_of_label(name)  # a swatch group named in words ("Title", "Seat Shape", "Färg") names its own axis
    return next((axis for text in _control_labels(labels, el, own_label) if (axis := axis_of_label(text))), None)


def _select_picker(labels: dict, sel) -> tuple[str, list] | None:
    axis = _axis_of_control(labels, sel, f"{sel.get('name') or ''} {sel.get('id') or ''}")
    if not axis:
        return None
    options = []
    for opt in sel.iter("option"):
        text = " ".join(opt.text_content().split())
        if opt.get("value") == "" or _PLACEHOLDER_RE.search(text):
            continue
        out = opt.get("disabled") is not None or bool(_OUT_LABEL_RE.search(text))
        options.append((_option_value(text, out), out, opt.get("selected") is not None))
    return axis, _without_common_words(options)


_SEPARATOR_WORDS = ("-", "–", "—", "|", "/", "·")


def _without_common_words(options: list) -> list:
    """Options without the words all of them share: a label before a colon ("Tamanho: XS", "Tamanho: S"), a note
    after a separator ("40 - check size table", "XS - Em Stock"); not other shared words ("Dark Blue", "Light Blue")."""
    words = [value.split() for value, _, _ in options]
    if len(words) < 2 or min(len(w) for w in words) < 2:
        return options
    head = 0
    while all(len(w) > head + 1 and w[head] == words[0][head] for w in words):
        head += 1
    head = head if head and words[0][head - 1].endswith(":") else 0
    tail = 0
    while all(len(w) > head + tail + 1 and w[-tail - 1] == words[0][-tail - 1] for w in words):
        tail += 1
    if tail and words[0][-tail] not in _SEPARATOR_WORDS and not words[0][-tail].startswith("("):
        tail = 0
    return [
        (" ".join(w[head : len(w) - tail]), out, picked) for w, (_, out, picked) in zip(words, options, strict=True)
    ]


_HIDDEN_TEXT_XPATH = (
    ".//text()[not(ancestor::*[contains(@class,'visually-hidden') or contains(@class,'sr-only') or "
    "contains(@class,'screen-reader')])]"
)


def _label_text(label) -> str:
    """A swatch label's shown words (a screen reader's "Variant" / "sold out" beside them left out), else its hidden
    ones (a colour swatch whose name only a screen reader gets)."""
    shown = " ".join(" ".join(label.xpath(_HIDDEN_TEXT_XPATH)).split())
    return shown or " ".join(" ".join(label.itertext()).split())


def _radio_pickers(tree, labels: dict) -> list[tuple[str, list]]:
    """Swatches: radio inputs sharing a name, each value the text of its label (or its title / value)."""
    groups: dict[str, list] = {}
    for inp in tree.xpath(f"//input[@type='radio'][@name]{_OUT_OF_CARD}")[:200]:
        groups.setdefault(inp.get("name"), []).append(inp)
    out = []
    for name, inputs in groups.items():
        axis = _axis_of_control(labels, inputs[0], name, own_label=False)
        if not axis or len(inputs) < 2:
            continue
        options = []
        for inp in inputs:
            label = [labels[inp.get("id")]] if inp.get("id") and inp.get("id") in labels else []
            label = label or [a for a in inp.iterancestors("label")][:1]  # a radio inside its label
            text = _label_text(label[0]) if label else ""
            text = text or inp.get("title") or inp.get("value")
            out_of_stock = inp.get("disabled") is not None or bool(text and _OUT_LABEL_RE.search(text))
            if text and not _PLACEHOLDER_RE.search(text):
                options.append((_option_value(text, out_of_stock), out_of_stock, inp.get("checked") is not None))
        if sum(picked for _, _, picked in options) <= 1:  # several checked: groups of several products share the name
            out.append((axis, _without_common_words(options)))
    return out


# swatches that are no form control: pressed buttons, ARIA radios, listbox options (not inputs and options, read above)
_ARIA_ITEM_XPATH = (
    "//*[self::button[@aria-pressed] or (@role='radio' or @role='option') and not(self::input or self::option)]"
    + _OUT_OF_CARD
)
_ARIA_GROUP_ROLES = ("radiogroup", "listbox", "group")


def _aria_group(item):
    """The element holding an ARIA swatch's group: its nearest radiogroup / listbox / group or fieldset (within four
    levels), else its parent (the grandparent when each swatch sits in a wrapper of its own)."""
    for depth, node in enumerate(item.iterancestors()):
        if depth >= 4:
            break
        if node.get("role") in _ARIA_GROUP_ROLES or node.tag == "fieldset":
            return node
    parent = item.getparent()
    wrapped = parent is not None and len(parent) == 1 and parent.getparent() is not None
    return parent.getparent() if wrapped else parent


def _aria_axis(tree, labels: dict, group, items) -> str | None:
    """The axis an ARIA swatch group names: its ``aria-label``, the element its ``aria-labelledby`` names, the
    swatches' own labels ("Colour: Navy"), else a legend or the short text before the group."""
    texts = [group.get("aria-label")]
    for ref in (group.get("aria-labelledby") or "").split()[:3]:
        texts += [el.text_content() for el in tree.xpath("//*[@id=$i]", i=ref)[:1]]
    texts += [label for item in items[:1] if ":" in (label := item.get("aria-label") or "")]
    if axis := next((axis for text in texts if (axis := axis_of_label(text))), None):
        return axis
    return next((axis for text in _control_labels(labels, group, False) if (axis := axis_of_label(text))), None)


# a screen reader's note of the chosen swatch after its name ("Color: Black - selected", "Farbe: Schwarz (ausgewählt)")
_CHOSEN_NOTE_RE = re.compile(
    r"\s*[-–—,(]?\s*(?:currently\s+)?(?:selected|chosen|ausgewählt|gewählt|sélectionnée?|seleccionad[oa]|"
    r"selezionat[oa]|geselecteerd|wybran[ya]|vald|valgt|selecionad[oa]|vybráno|valittu|選択中|選択済み)\)?\s*$",
    re.I,
)


def _aria_option(item) -> tuple[str, bool, bool] | None:
    """One ARIA swatch as (value, out of stock, chosen): its ``aria-label`` (after an axis word and colon), else its
    shown words, else its title; out of stock when disabled, ``aria-disabled``, struck through or saying so."""
    label = " ".join((item.get("aria-label") or "").split())
    if ":" in label and axis_of_label(label):
        label = label.split(":", 1)[1].strip()
    text = label or _label_text(item) or (item.get("title") or "").strip()
    note = _CHOSEN_NOTE_RE.search(text)
    text = text[: note.start()] if note and note.start() > 0 else text
    struck = bool(item.xpath("self::*[@data-struck]|.//s|.//del|.//strike|.//*[@data-struck]"))
    out = (
        item.get("disabled") is not None
        or item.get("aria-disabled") == "true"
        or struck
        or bool(_OUT_LABEL_RE.search(text))
    )
    if not text or _PLACEHOLDER_RE.search(text) or len(text) > 60:
        return None
    chosen = "true" in (item.get("aria-pressed"), item.get("aria-checked"), item.get("aria-selected"))
    return _option_value(text, out), out, chosen


def _aria_pickers(tree, labels: dict) -> list[tuple[str, list]]:
    """aria_pickers: swatches built with no input (CSS-in-JS shops): ``<button aria-pressed>``, ``role="radio"
    aria-checked``, ``<li role="option" aria-selected>``, grouped by their radiogroup / listbox / fieldset (or common
    parent), the group named a colour or a size (``_aria_axis``); read as ``_radio_pickers`` reads a radio group."""
    groups: dict = {}
    for item in tree.xpath(_ARIA_ITEM_XPATH)[:200]:
        group = _aria_group(item)
        if group is not None:
            groups.setdefault(group, []).append(item)
    out = []
    for group, items in groups.items():
        if len(items) < 2 or not (axis := _aria_axis(tree, labels, group, items)):
            continue
        options = [opt for item in items if (opt := _aria_option(item))]
        if len(options) >= 2 and sum(picked for _, _, picked in options) <= 1:
            out.append((axis, _without_common_words(options)))
    return out


def picker_fields(tree) -> tuple[dict, list[dict]]:
    """picker_variants: the product's colour / size a variant picker has chosen (a ``selected`` option, a ``checked``
    swatch), and its variants when the page has one picker (one axis): one item per option, out of stock when the
    option is disabled or says so. Two axes (colour and size) list values, not variants (which pairs exist the page
    does not say): no variants. Pickers are selects, radio groups and ARIA swatch groups (``_aria_pickers``) whose name or label names a colour or a size in
    the languages of ``_AXIS_WORDS`` ("attribute_pa_size", "<label>Größe</label>"; a quantity, country or sort select
    names none)."""
    labels = _labels_by_for(tree)
    pickers = [p for sel in tree.xpath(f"//select{_OUT_OF_CARD}")[:20] if (p := _select_picker(labels, sel))]
    pickers += _radio_pickers(tree, labels)
    if rule("aria_pickers"):
        pickers += _aria_pickers(tree, labels)
    chosen: dict[str, set] = {}
    for axis, options in pickers:
        for value, _, picked in options:
            if picked and value:
                chosen.setdefault(axis, set()).add(value)
    fields = {axis: values.pop() for axis, values in chosen.items() if len(values) == 1}
    pickers = [(axis, options) for axis, options in pickers if len(options) >= 2]
    if len(pickers) != 1 or len({value for value, _, _ in pickers[0][1]}) < len(pickers[0][1]):
        return fields, []
    axis, options = pickers[0]
    variants = [{axis: value, **({"availability": "OutOfStock"} if out else {})} for value, out, _ in options if value]
    return fields, variants


def state_variations(tree, currency: str | None, norm_price) -> list[dict]:
    """state_variations: the variation records a variation form lists in a data attribute (``appstate``'s
    ``VARIATIONS_KEY`` object, kept by the sanitiser) as the product's variants: each one's sku, price (in the
    product's currency), stock (``is_in_stock``) and image, its colour and size from the attributes whose name says
    so ("attribute_pa_size"), written as the form's select shows the value ("s" -> "S"). ``norm_price``: the
    product pipeline's amount normaliser."""
    records = next((o[appstate.VARIATIONS_KEY] for o in appstate.read_state(tree) if appstate.VARIATIONS_KEY in o), [])
    shown = _select_labels(tree)
    out = []
    for record in records:
        if not isinstance(record, dict):
            continue
        item: dict = {"sku": S.as_text(record.get("sku"))}
        for key, value in (record.get("attributes") or {}).items():
            axis = _axis_of_name(str(key))
            if axis and isinstance(value, str) and value:
                item.setdefault(axis, shown.get((str(key), value), value))
        price = norm_price(record.get("display_price"))
        if price:
            item["price"], item["currency"] = price, currency
        if record.get("is_in_stock") is False:
            item["availability"] = "OutOfStock"
        image = record.get("image")
        item["image"] = S.as_url(image.get("src") or image.get("url"), None) if isinstance(image, dict) else None
        item = {k: v for k, v in item.items() if v}
        if item.get("sku") or item.get("color") or item.get("size"):
            out.append(item)
    return out if len(out) >= 2 else []


def _select_labels(tree) -> dict[tuple[str, str], str]:
    """(select name, option value) -> the option's text as the picker reads it (without a stock or price note and
    the words all options share), for the selects named like a variation attribute."""
    labels = {}
    for sel in tree.xpath("//select[starts-with(@name,'attribute_')]")[:20]:
        options = [(opt.get("value"), " ".join(opt.text_content().split())) for opt in sel.iter("option")]
        options = [(value, text) for value, text in options if value and text]
        cleaned = _without_common_words([(_option_value(text, True), False, False) for _, text in options])
        for (value, _), (text, _, _) in zip(options, cleaned, strict=True):
            labels[(sel.get("name"), value)] = text
    return labels


# --- the gallery's main image ------------------------------------------------------------------------------------------
_MAIN_IMAGE_XPATH = (
    "//img[@itemprop='image' and not(ancestor::*[@itemscope])]|"
    "//*[contains(@class,'gallery') or contains(@class,'product-media') or contains(@class,'product-image') or "
    "contains(@class,'product__media') or contains(@class,'productView-image') or contains(@class,'primary-image') or "
    "contains(@class,'product-cover') or contains(@class,'main-image') or contains(@id,'main-image')]"
    "[not(ancestor::footer) and not(ancestor::*[contains(@class,'related')])]//img"
)


def visible_main_image(tree, url: str | None) -> str | None:
    """visible_main_image: the product's picture when no structured source names one: an ``itemprop="image"``
    img, else the first image of an element classed as the product's gallery / media / image."""
    for img in tree.xpath(_MAIN_IMAGE_XPATH)[:5]:
        src = img.get("src") or img.get("data-src")
        if src and not src.startswith("data:"):
            return S.as_url(src, url)
    return None
