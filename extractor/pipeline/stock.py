"""Availability a reader sees: stock wording in many languages and the state of the buy button.

* **out of stock** — a short text of the page's own product area says so ("Currently unavailable", "Sold out",
  "Agotado", "Nedostupné", "Ausverkauft", "在庫切れ", ...), or its buy button's label does (a button that is only
  disabled is not enough: shops disable it until their scripts have loaded);
* **the platform's stock class** — the block that holds the product's title carries its stock status as a class
  (WooCommerce's ``instock`` / ``outofstock`` / ``onbackorder``, Squarespace's ``sold-out``): markup the shop's
  platform writes, read before the wording (a back-order item's buy button is enabled, its class says so);
* **in stock** — an enabled buy button ("Add to cart", "In den Warenkorb", ...; an icon button by its
  ``aria-label``) or in-stock wording;
* **pre-order** — pre-order wording or button; **back-order** — back-order wording ("Back-order", "Nachbestellt"),
  even beside an enabled buy button; **discontinued** — out-of-stock wording that says for good ("No longer
  available", "Nicht mehr lieferbar").

Texts in navigation, footers and recommendation blocks (where other products' "Sold out" badges live), in
``<option>`` lists (one size sold out) and in scripts are not read. When the page says both (an out-of-stock text
and an enabled buy button), the answer is ``None``: the evidence conflicts, so nothing is claimed.
"""

from __future__ import annotations

import re

from .prices import _off_page, buy_label
from .rules import rule

# out of stock for good ("No longer available", "Nicht mehr lieferbar", "販売終了"): the schema's Discontinued
_DISCONTINUED_PHRASES = (
    r"no\s+longer\s+(?:available|sold|offered)|discontinued|nicht\s+mehr\s+(?:erhältlich|lieferbar|verfügbar)|"
    r"n'est\s+plus\s+disponible|plus\s+disponible|ya\s+no\s+(?:está\s+)?disponible|descatalogado|"
    r"fuori\s+produzione|non\s+più\s+disponibile|niet\s+meer\s+(?:leverbaar|verkrijgbaar)|uit\s+assortiment|"
    r"wycofan[yae]|nie\s+jest\s+już\s+dostępn|již\s+není\s+(?:v\s+nabídce|dostupn)|utgått|udgået|"
    r"ei\s+enää\s+saatavilla|снят\s+с\s+(?:производства|продажи)|販売終了|生産終了|停产|단종"
)
_DISCONTINUED_RE = re.compile(_DISCONTINUED_PHRASES, re.IGNORECASE)
_OUT_PHRASES = (
    r"out[\s-]+of[\s-]+stock|sold[\s-]+out|unavailable|not\s+available|agotado|"
    r"sin\s+stock|no\s+disponible|esgotado|indispon[ií]vel|épuisé|rupture\s+de\s+stock|indisponible|ausverkauft|"
    r"nicht\s+verfügbar|nicht\s+lieferbar|nicht\s+auf\s+lager|esaurito|non\s+disponibile|uitverkocht|"
    r"niet\s+op\s+voorraad|niet\s+beschikbaar|wyprzedan[yae]|niedostępn[yae]|brak\s+w\s+magazynie|vyprodáno|"
    r"nedostupn[éýá]|není\s+skladem|slutsåld|slut\s+i\s+lager|ej\s+i\s+lager|utsolgt|ikke\s+på\s+lager|udsolgt|"
    r"loppuunmyyty|ei\s+varastossa|elfogyott|nincs\s+készleten|stoc\s+epuizat|indisponibil|нет\s+в\s+наличии|"
    r"распродано|немає\s+в\s+наявності|stokta\s+yok|tükendi|hết\s+hàng|在庫切れ|売り切れ|品切れ|缺货|售完|已售完|품절|สินค้าหมด|"
    r"nem\s+elérhető|vypredané|nie\s+je\s+(?:skladom|dostupn[ýé])|rasprodan[oa]|nije\s+dostupn[oa]|nema\s+na\s+(?:zalihi|stanju)|"
    r"razprodan[oa]|ni\s+na\s+zalogi|изчерпан[ао]?|няма\s+наличност|išparduota|nėra\s+sandėlyje|izpārdots|"
    r"nav\s+noliktavā|välja\s+müüdud|εξαντλήθηκε|μη\s+διαθέσιμο|εκτός\s+αποθέματος|stok\s+habis|habis\s+terjual|"
    r"غير\s+متوفر|نفدت\s+الكمية|نفذت\s+الكمية|אזל\s+(?:מה|ב)מלאי|לא\s+במלאי|缺貨|售罄|已售罄|在庫なし|"
    r"fora\s+de\s+estoque|sem\s+estoque|fuera\s+de\s+stock|sin\s+existencias|esgotat|vergriffen|"
    r"out\s+of\s+stock\s+online|non\s+disponible|slut|nie\s+je\s+na\s+sklade|нет\s+на\s+складе|"
    r"εξαντλημένο|otsas|品切れ中|在庫切れ中|재고\s*없음|habis|stok\s+tidak\s+tersedia|نف[دذ]\s+من\s+المخزون|"
    r"לא\s+זמין(?:\s+במלאי)?|" + _DISCONTINUED_PHRASES
)
# the whole short text says it: "Currently unavailable.", "Produkt niedostępny", "Sold out" (not "Image not available")
_OUT_RE = re.compile(
    r"^\W*(?:(?:this\s+)?(?:item|product|produkt|produto|producto|prodotto|produit|artikel|article|termék)\s+"
    r"(?:is\s+|ist\s+|est\s+|è\s+)?)?(?:currently|temporarily|derzeit|zurzeit|momentan|aktuell|attualmente|"
    r"actuellement|temporairement|actualmente|temporalmente|obecnie|momentálně|tijdelijk|tillfälligt|"
    r"midlertidig|väliaikaisesti|jelenleg|momentan|временно|geçici\s+olarak|chwilowo|tymczasowo|dočasně|"
    r"dočasne|privremeno|začasno|προσωρινά|untuk\s+sementara|일시)?\s*(?:" + _OUT_PHRASES + r")\W*$",
    re.IGNORECASE,
)
# sold now, shipped when the shop gets it ("Back-order", "On backorder", "Nachbestellt", "お取り寄せ")
_BACKORDER_RE = re.compile(
    r"^\W*(?:(?:available\s+(?:on|for)|on)\s+)?back[\s-]?order(?:ed|\s+only)?\W*$|^\W*(?:nachbestellt|"
    r"im\s+zulauf|en\s+réapprovisionnement|bajo\s+pedido|sob\s+encomenda|su\s+ordinazione|in\s+nabestelling|"
    r"na\s+zamówienie|na\s+objednávku|beställningsvara|restordre|под\s+заказ|お取り寄せ|取り寄せ|预订)\W*$",
    re.IGNORECASE,
)
_IN_RE = re.compile(
    r"\b(?:in\s+stock|auf\s+lager|sofort\s+lieferbar|en\s+stock|en\s+existencia|disponibile|op\s+voorraad|"
    r"na\s+stanie|skladem|i\s+lager|på\s+lager|varastossa|raktáron|în\s+stoc|в\s+наличии|stokta\s+var|còn\s+hàng)\b|"
    r"在庫あり|有货|재고\s*있음",
    re.IGNORECASE,
)
# more ways of saying it (rule ``stock_wording_more``): the availability label before the wording ("Availability:
# Out of stock", "Verfügbarkeit: Ausverkauft"), a qualifier after it ("Agotado temporalmente", "Unavailable online")
_STOCK_LABEL = (
    r"(?:availability|stock(?:\s+status)?|status|disponibilit[éàa]|disponibilidad(?:e)?|verfügbarkeit|lagerstatus|"
    r"lagerbestand|beschikbaarheid|dostępność|dostupnost|dostupnosť|tillgänglighet|tilgængelighed|saatavuus|"
    r"elérhetőség|disponibilitate|наличие|stok\s+durumu|在庫状況|在庫|재고|库存)\s*[:：]\s*"
)
# the label and the qualifier are taken off the text, and what is left is read as the whole text
_STOCK_LABEL_RE = re.compile(r"^\W*" + _STOCK_LABEL, re.IGNORECASE)
# stock_rows_languages: the availability label of stock rows in more languages and scripts ("Наявність:",
# "Διαθεσιμότητα:", "التوفر:", "זמינות:", "库存状态："), and "not available" wording a platform writes in such a row
# ("Dostupnost: Není k dispozici", "Ej tillgänglig", "Mevcut değil", "Недоступно"), the whole text after the label
_STOCK_LABEL_SCRIPTS_RE = re.compile(
    r"^\W*(?:" + _STOCK_LABEL + r"|(?:наявність|наличност|доступност|διαθεσιμότητα|التوفر|التوافر|حالة\s+المخزون|"
    r"זמינות|מצב\s+מלאי|库存状态|庫存狀態|庫存|stokta|disponibilità|tilgjengelighet|lagerstatus)\s*[:：]\s*)",
    re.IGNORECASE,
)
_NOT_AVAILABLE_MORE_RE = re.compile(
    r"^\W*(?:není\s+k\s+dispozici|ej\s+tillgänglig|ikke\s+tilgjengelig|mevcut\s+değil|недоступно|недоступен|"
    r"недоступний|недоступна)\W*$",
    re.IGNORECASE,
)


def _stock_labelled(s: str) -> bool:
    """A stock row's text opens with its availability label (``stock_rows_languages``: of more languages too)."""
    return (_STOCK_LABEL_SCRIPTS_RE if rule("stock_rows_languages") else _STOCK_LABEL_RE).match(s) is not None


def _rows_languages(s: str) -> tuple[str, bool]:
    """stock_rows_languages: the text without a label of more languages, and whether it says "not available"."""
    if not rule("stock_rows_languages"):
        return s, False
    bare = _STOCK_LABEL_SCRIPTS_RE.sub("", s, count=1)
    # "not available" only in a labelled row: alone it is as often a feature's or an option's (a spec cell)
    return bare, bare != s and _NOT_AVAILABLE_MORE_RE.match(bare) is not None


_QUALIFIER_RE = re.compile(
    r"\s+(?:online|en\s+línea|en\s+ligne|al\s+momento|momentaneamente|temporalmente|temporairement|for\s+now|"
    r"at\s+the\s+moment|right\s+now|at\s+this\s+time|in\s+store|im\s+online-?shop)\W*$",
    re.IGNORECASE,
)
_OUT_MORE_RE = re.compile(
    r"^\W*(?:sem\s+stock|sem\s+estoque|nicht\s+vorrätig|agotad[oa]|esgotad[oa]|niedostępn\w*)\W*$", re.IGNORECASE
)
# a sentence that says it of the product ("Sorry, this item is currently out of stock.", "Leider ist dieser Artikel
# ausverkauft.", "Ce produit est actuellement épuisé."); of a size or colour it says nothing of the product
_OUT_SENTENCE_RE = re.compile(
    r"^\W*(?:(?:sorry|unfortunately|leider|lo\s+sentimos|désolé|purtroppo|helaas|niestety|bohužel)\W+)?"
    r"(?:(?:ist|is|está|est|è|jest|je)\s+)?(?:this|the|dieser|diese|dieses|der|die|das|este|esta|el|la|ce|cet|cette|"
    r"le|questo|questa|il|dit|deze|het|ten|ta|to|tento|ten\s+)?\s*(?:item|product|artikel|produkt|producto|produto|"
    r"produit|prodotto|article|artículo|articolo|artigo|towar|zboží)\s+(?:(?:is|ist|está|est|è|es|jest|je|é)\s+)?"
    r"(?:(?:currently|now|leider|derzeit|momentan|zurzeit|actuellement|actualmente|attualmente|temporarily|"
    r"temporairement|temporalmente|obecnie|momentálně|helaas|niestety|bohužel|already)\s+)*(?:"
    + _OUT_PHRASES
    + r")\W*$",
    re.IGNORECASE,
)
# an apology before the wording ("Leider nicht mehr lieferbar", "Sorry, sold out"), taken off like the label
_APOLOGY_RE = re.compile(
    r"^\W*(?:sorry|unfortunately|we'?re\s+sorry|leider|lo\s+sentimos|désolé|malheureusement|purtroppo|helaas|"
    r"niestety|bohužel|tyvärr|desværre|valitettavasti|sajnos|к\s+сожалению)\W+",
    re.IGNORECASE,
)
# a request to be told when the item can be bought, as the page's offer ("Notify me when available", "Email me when
# back in stock", "Benachrichtigen, wenn verfügbar", "M'avertir de la disponibilité"): not available now
_NOTIFY_OUT_RE = re.compile(
    r"^\W*(?:notify\s+me|email\s+me|e-mail\s+me|alert\s+me|tell\s+me|let\s+me\s+know|get\s+notified|"
    r"benachrichtig\w*(?:\s+mich)?|m'avertir|me\s+prévenir|prévenez-moi|avísame|avisarme|avvisami|"
    r"houd\s+me\s+op\s+de\s+hoogte|powiadom\s+mnie|upozornit|bevaka|meld\s+mij)\b[^.!?]{0,40}?"
    r"(?:available|availability|in\s+stock|back|restock\w*|verfügbar\w*|lieferbar|disponib\w*|dostępn\w*|"
    r"beschikbaar|leverbaar|naskladnění|skladem)\W*$",
    re.IGNORECASE,
)
# notify_wording_languages: the request of more languages ("Meddela mig när varan finns i lager", "Giv mig besked, når
# varen er på lager", "Mail mij als het product weer op voorraad is", "M'alerter du retour en stock", "Avise-me quando
# estiver disponível", "Hlídat dostupnost", "入荷お知らせ"); its in-stock words speak of later, not now
_NOTIFY_OUT_MORE_RE = re.compile(
    r"^\W*(?:(?:meddela|bevaka)\s+mig|giv\s+mig\s+besked|gi\s+meg\s+beskjed|(?:e-?)?mail\s+mij|m'alerter|"
    r"alertez-moi|avise-?me|avisem-?me|hlídat|sledovat\s+dostupnost|ilmoita\s+minulle|powiadom\s+mnie|"
    r"informuj\s+mnie)(?![^\W\d_])[^.!?]{0,50}?(?:lager|voorraad|verkrijgbaar|beschikbaar|dispon[ií]vel|"
    r"disponible|dostupnost\w*|dostępn\w*|skladem|retour|stock|saatavilla)(?:\s+(?:is|er|är|est))?\W*$|"
    r"^\W*再?入荷(?:お知らせ|通知)",
    re.IGNORECASE,
)
# none left: "0 in stock", "Stock: 0", "0 disponibles"
_ZERO_BEFORE_RE = re.compile(r"(?:^|\s)0\s+(?:items?\s+|pcs\.?\s+|stück\s+|unidades\s+|pièces?\s+|szt\.?\s+)?$")
_ZERO_STOCK_RE = re.compile(
    r"^\W*(?:(?:stock|in\s+stock|lagerbestand|auf\s+lager|existencias|disponibles?|en\s+stock|na\s+stanie|"
    r"skladem|op\s+voorraad)\s*[:：]?\s*0(?:\s+(?:items?|pcs\.?|stück|unidades|pièces?|szt\.?))?|"
    r"0\s+(?:items?\s+|pcs\.?\s+|unidades\s+)?(?:available|disponibles?|verfügbar|dostępn\w*))\W*$",
    re.IGNORECASE,
)
# back-order wording that goes on ("Backordered - ships in 2 weeks", "Nachbestellt, Lieferung in 3 Wochen")
_BACKORDER_LEAD_RE = re.compile(r"^\W*(?:back[\s-]?order(?:ed)?|nachbestellt|bajo\s+pedido|sob\s+encomenda)\b", re.I)
# not in stock yet: "Coming soon", "In stock soon", "Bientôt disponible" (out of stock now; a pre-order button or
# wording beside it makes it a pre-order)
_SOON_RE = re.compile(
    r"^\W*(?:(?:back\s+)?in\s+stock\s+soon|(?:available|back|coming(?:\s+back)?)\s+soon|bientôt\s+(?:disponible|"
    r"en\s+stock)|próximamente|pronto\s+disponible|disponible\s+pronto|em\s+breve|demnächst(?:\s+verfügbar)?|"
    r"bald\s+(?:verfügbar|wieder\s+da)|binnenkort(?:\s+(?:beschikbaar|leverbaar))?|prossimamente|wkrótce(?:\s+dostępn\w*)?|"
    r"brzy\s+skladem|скоро\s+в\s+продаже|近日入荷|入荷予定|即将上市|即将到货|coming\s+soon)\W*$",
    re.IGNORECASE,
)
# in stock, a few left ("Only 2 left", "Nur noch 3 Stück", "Últimas unidades") or the whole text one availability
# word ("Available", "Disponible", "Lieferbar")
_IN_FEW_RE = re.compile(
    r"(?=[oflnpúsquоп残仅僅])(?:\b(?:only\s+\d+\s+(?:left|remaining)|(?:only\s+a\s+)?few\s+left|low\s+stock|"
    r"nur\s+noch\s+\d+|plus\s+que\s+\d+|últimas?\s+unidades|solo\s+quedan\s+\d+|quedan\s+\d+|ultimi\s+\d+\s+pezzi|"
    r"nog\s+\d+\s+(?:stuks?|op\s+voorraad)|ostatni[ae]?\s+(?:sztuk|\d)|poslední\s+kus|осталось\s+\d)\b|"
    r"残り\d+点|仅剩\d+|僅剩\d+)",
    re.IGNORECASE,
)
_IN_WORD_RE = re.compile(
    r"\W*(?:" + _STOCK_LABEL + r")?(?:available|disponible|disponível|disponibile|verfügbar|lieferbar|dostępny|"
    r"dostępne|dostupné|beschikbaar|leverbaar|tillgänglig|tilgængelig|saatavilla|elérhető|disponibil|доступно|"
    r"есть\s+в\s+наличии)\W*$",
    re.IGNORECASE,
)
_PRE_RE = re.compile(
    r"\b(?:pre-?order|vorbestell\w*|précommande|pré-?commander|reserva|preordina\w*|przedsprzedaż)\b", re.IGNORECASE
)
# preorder_wording_languages: pre-order wording of more languages, in a text or a button's label ("Preventa",
# "Pré-venda", "In prevendita", "Voorbestellen", "Předobjednávka", "Förhandsbeställ", "Предзаказ", "予約受付中", "预售",
# "預購", "예약판매", "Ön sipariş", "Przedsprzedaży"); not a booking's words ("Reservar mesa", "Prenota ora")
_PRE_MORE_RE = re.compile(
    r"(?<![^\W\d_])(?:pre-?ventas?|pré-?vendas?|prevendit\w*|voorbestel\w*|předobjedn\w*|predobjedn\w*|"
    r"förhandsbeställ\w*|förbeställ\w*|förbok\w*|pré-?reserv\w*|forhåndsbestill\w*|forudbestil\w*|ennakkotilau\w*|ennakkomyyn\w*|előrendel\w*|"
    r"precomand\w*|przedsprzeda\w*|предзаказ\w*|передзамовлен\w*|προπαραγγελ\w*|ön\s+sipariş\w*|pre-?venda|"
    r"طلب\s+مسبق|הזמנה\s+מוקדמת|pesan\s+sekarang\s+\(pre-?order\)|pre-?pesan)(?![^\W\d_])|"
    r"予約(?:受付中?|商品|注文|販売|する|購入)|预售|預購|预订中|預訂|예약\s*(?:판매|주문|구매)",
    re.IGNORECASE,
)
# backorder_wording_more: back-order and made-to-order wording of more languages, the whole text ("Nachlieferung",
# "Wird nachbestellt", "Sur commande", "Disponible bajo pedido", "Op bestelling", "Rendelésre", "取り寄せ商品")
_BACKORDER_MORE_RE = re.compile(
    r"^\W*(?:(?:item|product|article|artikel|artículo|articolo|produit|produkt|producto|prodotto|towar|товар)\s+)?"
    r"(?:(?:available|disponible|verfügbar|lieferbar|disponibile|leverbaar|dostępn\w*|k\s+dispozici)\s+)?"
    r"(?:nachlieferung|wird\s+nachbestellt|auf\s+bestellung|(?:sur|à\s+la)\s+commande|bajo\s+encargo|por\s+encargo|"
    r"bajo\s+pedido|sob\s+encomenda|su\s+richiesta|su\s+ordinazione|op\s+bestelling|na\s+zamówienie|"
    r"na\s+objednávku|na\s+objednanie|beställningsvara|bestillingsvare|tilaustuote|rendelésre|siparişe\s+özel|"
    r"под\s+заказ|на\s+замовлення|κατόπιν\s+παραγγελίας|取り寄せ(?:商品|品)?|お取り寄せ(?:商品|品)?|made\s+to\s+order)"
    r"\W*$",
    re.IGNORECASE,
)
# made_to_order_lead: made-to-order wording that opens a lead-time sentence ("Made to order – ships in 6–8 weeks",
# "Wird auf Bestellung für Sie gefertigt – Lieferzeit 6–8 Wochen", "Fabriqué sur commande", "Realizzato su ordinazione",
# "Wordt op bestelling gemaakt", "受注生産品"): schema.org's MadeToOrder, which the pipeline reads as BackOrder
_MADE_TO_ORDER_RE = re.compile(
    r"^\W*(?:(?:this\s+(?:item|product)\s+is\s+)?made\s+to\s+order|(?:wird\s+)?(?:auf|nach)\s+bestellung\s+"
    r"(?:für\s+sie\s+)?(?:gefertigt|angefertigt|hergestellt|produziert)|fabriqué\w*\s+sur\s+commande|"
    r"(?:fabricado|hecho|elaborado)\w*\s+(?:por|bajo|a)\s+(?:encargo|pedido)|(?:realizzat|prodott)[oaie]\s+su\s+"
    r"ordinazione|(?:wordt\s+)?op\s+bestelling\s+(?:gemaakt|vervaardigd)|(?:produkt\s+)?(?:wykonywany|produkowany)\s+"
    r"na\s+zamówienie|vyráb\w*\s+na\s+objednávku|tillverkas\s+på\s+beställning|produceres\s+på\s+bestilling|"
    r"feito\s+por\s+encomenda)(?![^\W\d_])|^\W*受注生産",
    re.IGNORECASE,
)
# sold_badge_languages: a classified ad's or a one-off item's "Sold" badge, the whole text ("Verkauft", "Verkocht",
# "Vendu", "Vendido", "Venduto", "Sprzedany", "Prodáno", "Såld", "Solgt", "売約済み"): not in stock. Not a count's
# label: no number stands in its element or beside it in its line ("Sold <span>1,204</span>", "<span>1448包</span>已售出")
_SOLD_BADGE_RE = re.compile(
    r"^\W*(?:sold|verkauft|verkocht|vendu|vendue|vendido|vendida|venduto|venduta|sprzedan[yae]|prodáno|prodaný|"
    r"såld|sålt|solgt|myyty|eladva|売約済み?)\W*$",
    re.IGNORECASE,
)
_INLINE_TAGS = frozenset(("span", "b", "strong", "em", "i", "small", "a", "sup", "sub", "font"))


def _sold_badge(el, s: str) -> bool:
    """sold_badge_languages: the whole text ``s`` (``el``'s text or tail) is a "Sold" badge, not a count's label."""
    if not rule("sold_badge_languages") or _SOLD_BADGE_RE.match(s) is None:
        return False
    if " ".join((el.tail or "").split()) == s:  # the tail of ``el``: ``el`` and what follows stand beside it
        beside, texts = [el, el.getnext()], []
    else:
        parent = el.getparent()
        beside = [el, el.getprevious(), el.getnext()]
        texts = [el.tail or "", (parent.text or "") if parent is not None and parent.index(el) == 0 else ""]
    inline = [n.text_content() for n in beside if n is not None and (n is el or n.tag in _INLINE_TAGS)]
    return not any(re.search(r"\d", t) for t in inline + texts)


# online_sold_out: the online shop's state named first ("Online ausverkauft", "Online nicht verfügbar", "En ligne :
# épuisé", "Online: Uitverkocht"), the whole text: out of stock where the page sells (a qualifier after it was read)
_ONLINE_OUT_RE = re.compile(
    r"^\W*(?:online(?:-?shop)?|im\s+online-?shop|en\s+ligne|en\s+línea|in\s+linea|internetowo|v\s+e-?shopu)\s*[:：]?\s*"
    r"(?:" + _OUT_PHRASES + r")\W*$",
    re.IGNORECASE,
)
# few_left_languages: "only N left" in more languages, in stock ("Il ne reste que 2 articles", "Últimas 2 unidades",
# "Solo 2 disponibili", "Zostały tylko 2 sztuki", "Poslední 2 kusy", "Bara 2 kvar", "Vain 2 jäljellä", "Son 2 ürün")
_FEW_N = r"[1-9]\d?"  # a count that is no 0 ("Zostało 0 sztuk" says none left)
_FEW_MORE_RE = re.compile(
    r"(?<![^\W\d_])(?:il\s+(?:ne\s+)?reste\s+(?:que\s+|seulement\s+)?_N|últim[oa]s\s+_N|sol[oa]\s+_N\s+"
    r"(?:disponibil[ie]|pezz[io]|rimast[ie])|rimangono\s+(?:solo\s+)?_N|zosta(?:ł[ay]?|ło)\s+(?:tylko\s+|już\s+tylko\s+)?_N|"
    r"posledn[íi]\s+_N\s+kus\w*|(?:už\s+)?jen\s+_N\s+kus\w*|bara\s+_N\s+kvar|kun\s+_N\s+(?:tilbage|igjen)|"
    r"vain\s+_N\s+(?:jäljellä|kpl)|залишил(?:ось|ася|ося)\s+_N|son\s+_N\s+(?:ürün|adet)|(?:már\s+)?csak\s+_N\s+"
    r"(?:db|darab)|doar\s+_N\s+(?:bucăți|produse)|μόνο\s+_N\s+(?:τεμάχια|διαθέσιμα)|still\s+_N\s+available|"
    r"apenas\s+_N\s+(?:unidades|em\s+estoque)|nur\s+_N\s+(?:stück|verfügbar|auf\s+lager))(?![^\W\d_])".replace(
        "_N", _FEW_N
    ),
    re.IGNORECASE,
)
# store_only_wording: sold in the shop's stores only ("Available for in-store pickup only", "Click & Collect only",
# "Nur im Markt erhältlich", "Uniquement en magasin"): schema.org's InStoreOnly, which the pipeline reads as in stock
_STORE_ONLY_RE = re.compile(
    r"^\W*(?:(?:available|sold)\s+)?(?:(?:for\s+)?in[\s-]store(?:\s+(?:pick[\s-]?up|purchase|collection))?\s+only|"
    r"only\s+(?:available\s+)?in[\s-]stores?|click\s*(?:&|and|\+)\s*collect\s+only|(?:nur|ausschließlich)\s+(?:im\s+"
    r"(?:markt|geschäft|laden|store)|in\s+(?:der\s+)?filiale)(?:\s+(?:erhältlich|verfügbar))?|(?:disponible\s+)?"
    r"uniquement\s+en\s+magasin|(?:disponible\s+)?(?:solo|sólo|únicamente)\s+(?:disponible\s+)?en\s+tienda(?:s)?(?:\s+física)?|"
    r"disponibile\s+solo\s+in\s+negozio|solo\s+in\s+negozio|alleen\s+(?:verkrijgbaar\s+)?in\s+de\s+winkel(?:\s+verkrijgbaar)?|"
    r"tylko\s+w\s+sklepie(?:\s+stacjonarnym)?|pouze\s+na\s+prodejně|endast\s+i\s+butik|kun\s+i\s+butikken|"
    r"только\s+в\s+магазин\w*|店舗限定|仅限门店)\W*$",
    re.IGNORECASE,
)
_NEGATED_IN_RE = re.compile(r"\b(?:not|nicht|non|no|niet|nie|ne|ej|ikke|ei)\s+$", re.IGNORECASE)
# stock_wording_languages: the negation before in-stock words in more languages ("Nincs raktáron", "Nu este în
# stoc", "Brak na stanie", "Pas en stock", "N'est plus en stock", "Inte i lager", "Not currently in stock"): never
# in stock (an opposite read before); said as the whole text, out of stock (``_OUT_LANG_RE``). Not an English word
# ("Pole in stock", "Car nav in stock", "Free shipping plus in stock"): "plus" only after "ne" / "n'est"; Estonian
# "pole" and Latvian "nav" never stand before the in-stock words read (``_IN_RE``)
_NEGATED_MORE_RE = re.compile(
    r"(?:\b(?:not|nicht|non|no|niet|nie|ne|ej|ikke|ei|nincs|nem|není|nie\s+je|nu(?:\s+(?:este|e))?|δεν(?:\s+είναι)?|"
    r"nije|nema|brak|нет|немає|нема|не|não|sem|sin|pas|(?:n['’]\w+|ne(?:\s+\w+)?)\s+plus|inte|kein\w*|geen|nėra|"
    r"không|tidak|غير|لا|"
    r"אין|לא)(?:\s+(?:currently|presently|momentan|derzeit|mehr|more|longer|actuellement|attualmente|actualmente|"
    r"jelenleg|momentálně|obecnie))?|n't)\s+$",
    re.IGNORECASE,
)
# ... and out-of-stock wording of more languages, each the whole text (after a label, before a qualifier; the older
# phrases too after a qualifier of more languages: "Vorübergehend ausverkauft")
_OUT_LANG_RE = re.compile(
    r"^\W*(?:(?:vorübergehend|temporaneamente|momentaneamente|momentáneamente|temporairement|tijdelijk|"
    r"currently|temporarily|tạm|暂时|暫時|目前)\s*)?(?:"
    r"not\s+in\s+stock|nincs\s+raktáron|nu\s+(?:este|e)\s+(?:în|in)\s+sto[cg]|brak\s+(?:na\s+stanie|towaru)|"
    r"(?:n'est\s+)?(?:pas|plus)\s+en\s+stock|en\s+rupture(?:\s+de\s+stock)?|hors\s+stock|inte\s+i\s+lager|"
    r"niet\s+leverbaar|geen\s+voorraad|kein(?:e)?\s+(?:lagerbestand|ware\s+verfügbar)|nicht\s+mehr\s+auf\s+lager|non\s+(?:è\s+)?disponibile|"
    r"esaurit[oa]|agotad[oa]|não\s+disponível|no\s+hay\s+(?:stock|existencias)|ikke\s+tilgængelig|"
    r"ei\s+saatavilla|läbi\s*müüdud|nav\s+pieejams|nėra\s+(?:prekyboje|sandėlyje)|tidak\s+tersedia|"
    r"δεν\s+υπάρχει\s+απόθεμα|nije\s+na\s+(?:stanju|zalihi)|нема\s+в\s+наявності|немає\s+на\s+складі|"
    r"товар\s+закончился|закончился|(?:товара?\s+)?(?:нет|не)\s+в\s+наличии(?:\s+на\s+складе)?|товар\s+отсутствует|"
    r"нет\s+в\s+продаже|немає\s+в\s+продажу|loppu\s+varastosta|stokta\s+(?:bulunmamaktadır|yok)|"
    r"(?:sản\s+phẩm\s+)?tạm\s+hết(?:\s+hàng)?|hết\s+hàng\s+tạm\s+thời|売り切れました|(?:現在)?在庫切れです|"
    r"품절되었습니다|nie\s+ma\s+(?:w\s+magazynie|na\s+magazynie|na\s+stanie)|"
    r"niet\s+in\s+voorraad|não\s+(?:há|temos)\s+em\s+estoque|"
    r"(?:không|chưa)\s+có\s+(?:hàng|sẵn)|hết\s+hàng|在庫がありません|缺货|缺貨|無庫存|无库存|غير\s+متوفرة?|"
    r"אין\s+במלאי|" + _OUT_PHRASES + r")(?:\s+(?:online|al\s+momento|temporaneamente|temporalmente|حاليا|حالياً))?\W*$",
    re.IGNORECASE,
)
# ... and in-stock wording of more languages, as the whole text ("Na skladě", "В наявності", "Σε απόθεμα")
_IN_LANG_RE = re.compile(
    r"^\W*(?:na\s+skladě|na\s+sklade|na\s+stanju|na\s+zalihi|na\s+zalogi|є\s+в\s+наявності|в\s+наявності|"
    r"stokta|σε\s+απόθεμα|διαθέσιμο|наличен|налично|(?:stok\s+)?tersedia|現貨|有現貨|متوفر(?:\s+في\s+المخزون)?|"
    r"במלאי|in\s+magazzino|disponibilità\s+immediata|sofort\s+verfügbar|disponible\s+inmediatamente|"
    r"ready\s+to\s+ship|available\s+online|em\s+estoque|hay\s+existencias|có\s+sẵn|có\s+hàng|"
    r"disponible\s+immédiatement|na\s+magazynie|dostępny\s+od\s+ręki|in\s+voorraad)\W*$",
    re.IGNORECASE,
)
# stock_wording_scripts: the same, whole texts, in more languages and scripts (Thai, Hindi, Bengali, Persian,
# Georgian, Armenian, Burmese, Khmer, Kazakh, Azerbaijani, Serbian, Icelandic, Basque, Malay, Filipino; more Chinese,
# Japanese, Arabic, Ukrainian wording). No bare word another context uses ("Laos", "Bar", "Жоқ", the Persian "موجود"),
# nor "not available" / "available" wording a spec cell says of a feature ("غير متاح", "उपलब्ध नहीं", "Ekki til"), nor
# a lone "หมด" ("ended": a promotion's badge too), is read
_OUT_SCRIPTS_RE = re.compile(
    r"^\W*(?:kehabisan\s+stok|stok\s+habis|habis\s+dijual|ubos\s+na(?:\s+ang\s+stock)?|"
    r"สินค้าหมด(?:ชั่วคราว|แล้ว)?|หมดชั่วคราว|หมดสต็อก|ไม่มีสินค้า|補貨中|补货中|已?售完|暫無庫存|暂无库存|暂时无货|無貨|无货|完売(?:しました)?|"
    r"入荷待ち|品切れ中|स्टॉक\s+में\s+नहीं(?:\s+है)?|नहीं\s+है\s+स्टॉक\s+में|आउट\s+ऑफ\s+स्टॉक|"
    r"স্টকে?\s+নেই|স্টক\s+আউট|نفد\s+المخزون|نفذ\s+من\s+المخزون|[إا]نتهى\s+من\s+المخزون|"
    r"ناموجود(?:\s+در\s+انبار)?|موجود\s+نیست|اتمام\s+موجودی|закінчився|розпродано|"
    r"nema\s+na\s+(?:lageru|zalihama)|нема\s+на\s+(?:лагеру|стању|залихама)|rasprodato|распродато|"
    r"slut\s+i\s+lager|tillfälligt\s+slut|uppselt|ekki\s+til\s+á\s+lager|agortuta|"
    r"sto[kq]da\s+yoxdur|қоймада\s+жоқ|сатылып\s+кетті|მარაგში\s+არ\s+არის|ამოწურულია|առկա\s+չէ|"
    r"սպառված\s+է|ကုန်သွားပါပြီ|ပစ္စည်းပြတ်|អស់(?:ពី)?ស្តុក)\W*$",
    re.IGNORECASE,
)
# stock_wording_temporary: "temporarily / currently out of stock" and plain "no stock" wording of more languages,
# whole texts ("Momenteel niet beschikbaar", "Временно отсутствует", "一時的に在庫切れ", "Stok kosong")
_OUT_TEMPORARY_RE = re.compile(
    r"^\W*(?:(?:momenteel|tijdelijk)\s+niet\s+(?:beschikbaar|leverbaar|op\s+voorraad)|midlertidigt?\s+(?:udsolgt|utsolgt)|"
    r"chwilowo\s+(?:brak|niedostępny|niedostępna|niedostępne)(?:\s+w\s+magazynie)?|"
    r"átmenetileg\s+(?:nem\s+elérhető|nincs\s+készleten|elfogyott)|"
    r"временно\s+(?:отсутствует|нет\s+в\s+наличии|недоступен|недоступно)|тимчасово\s+(?:відсутній|відсутня|відсутнє|"
    r"немає\s+в\s+наявності)|sementara\s+(?:habis|kosong)|stok\s+kosong|一時的に在庫切れ|一時在庫切れ|"
    r"נגמר\s+במלאי|אזל\s+במלאי)\W*$",
    re.IGNORECASE,
)
# stock_wording_forms: the inflected forms of out-of-stock words the lists above hold in one form ("Épuisée",
# "Agotados", "Esauriti", "Vyprodaný", "Slutsålt", "Nedostupno"), a product noun before them ("Товар закінчився"),
# more whole phrases ("Sin existencia", "Fuori stock", "Стокът е изчерпан", "אזל המלאי"), and "Sold out - Notify me"
_OUT_FORMS_RE = re.compile(
    r"^\W*(?:(?:товар|tovar|zboží|produkt|продукт|artikel|ürün)\s+)?(?:slutsål[dt]a?|vyprodan[ýéáo]|nedostupn[oý]|"
    r"agotad[oa]s|esaurit[ieao]|épuisée?s?|esgotad[oa]s|sin\s+existencias?|fuori\s+stock|rupture|"
    r"нема\s+на\s+складі|закінчи(?:вся|лася|лось)|закончи(?:лся|лась|лось)|стокът\s+е\s+изчерпан|"
    r"tilapäisesti\s+loppu|loppu\s+varastosta|אזל\s+(?:ה|מה)מלאי|nie\s+je\s+na\s+sklade|"
    r"(?:sold\s+out|out\s+of\s+stock|ausverkauft|épuisé|agotado)\s*[-–—|:]\s*(?:notify\s+me|email\s+me|"
    r"benachrichtig\w*(?:\s+mich)?|m'avertir|avísame))\W*$",
    re.IGNORECASE,
)
_IN_SCRIPTS_RE = re.compile(
    r"^\W*(?:ada\s+stok|dalam\s+stok|มีสินค้า(?:พร้อมส่ง)?|พร้อมส่ง|स्टॉक\s+में(?:\s+है)?|"
    r"স্টকে?\s+আছে|موجود\s+در\s+انبار|άμεσα\s+διαθέσιμο|в\s+наличност|na\s+lageru|на\s+(?:лагеру|стању)|"
    r"skladom|készleten|w\s+magazynie|(?:ir\s+)?noliktavā|(?:yra\s+)?sandėlyje|laos\s+olemas|on\s+laos|"
    r"til\s+á\s+lager|sto[kq]da\s+var|მარაგშია|მარაგში\s+არის|առկա\s+է|қоймада\s+бар)\W*$",
    re.IGNORECASE,
)
# "Get notified when this product is in stock", "Email me when back in stock", "We don't know when or if this
# item will be back in stock": it is not in stock now
_WHEN_IN_RE = re.compile(
    r"\b(?:when|once|until|as\s+soon\s+as|sobald|wenn|quand|dès\s+que|cuando|quando|appena|zodra|gdy|až)\b"
    r"(?:\s+\S+){0,7}\s+(?:back\s+|wieder\s+|de\s+nouveau\s+)?$",
    re.IGNORECASE,
)


# a button that says the item cannot be bought, anywhere in its label ("Sold Out - Notify me when available")
_OUT_LABEL_RE = re.compile(r"\b(?:" + _OUT_PHRASES + r")", re.IGNORECASE)
# a button that offers a message instead of the item ("Notify me", "Benachrichtigen", "Avísame"): not a buy button
_NOTIFY_RE = re.compile(
    r"\b(?:notify\s+me|email\s+me|alert\s+me|benachrichtig\w*|m'avertir|me\s+prévenir|avísame|avisarme|"
    r"avvisami|houd\s+me\s+op\s+de\s+hoogte|powiadom|upozornit|bevaka)\b",
    re.IGNORECASE,
)


_HIDDEN_CLASS_RE = re.compile(
    r"(?:^|\s)(?:hidden|d-none|is-hidden|hide|invisible|sr-only|visually-hidden)(?:\s|$)", re.IGNORECASE
)


def _hidden(el) -> bool:
    """In an element the reader does not see (a template for another state of the page)."""
    node = el
    while node is not None and isinstance(node.tag, str):
        style = (node.get("style") or "").replace(" ", "").lower()
        if (
            node.get("hidden") is not None
            or "display:none" in style
            or "visibility:hidden" in style
            or (node.get("aria-hidden") or "").lower() == "true"
            or _HIDDEN_CLASS_RE.search(node.get("class") or "")
        ):
            return True
        node = node.getparent()
    return False


def _short_texts(tree, limit: int = 3000):
    body = tree.find("body")
    if body is None:
        return
    for text in body.xpath(".//text()[normalize-space()]")[:limit]:
        s = " ".join(text.split())
        if len(s) > 80:
            continue
        el = text.getparent()
        if el is None or not isinstance(el.tag, str) or el.tag in ("option", "select", "script", "style", "title"):
            continue
        yield s, el


# a class that says the button is disabled ("btn disabled", "is-disabled"); a utility class's state variant
# ("disabled:bg-gray-200", how the button looks *when* disabled) says nothing (rule ``disabled_class_variant``)
_DISABLED_CLASS_RE = re.compile(r"\bdisabled\b|is-disabled|btn-disabled", re.IGNORECASE)
_DISABLED_CLASS_STATE_RE = re.compile(r"\bdisabled\b(?!:)|is-disabled|btn-disabled", re.IGNORECASE)


def _disabled_class(value: str) -> bool:
    pattern = _DISABLED_CLASS_STATE_RE if rule("disabled_class_variant") else _DISABLED_CLASS_RE
    return pattern.search(value) is not None


# buy_link_button: a link or a block the shop's script makes a buy button ("<a class='btn buy-button'
# href='javascript:void(0)'>В корзину</a>", "<div class='add-to-cart-button' role='button'>In den Warenkorb</div>"):
# a link classed as a button that leads to no page, a block whose role is a button
_BUTTON_CLASS_RE = re.compile(r"(?:^|[\s_-])(?:btn|button)(?:$|[\s_-])", re.IGNORECASE)
_BUY_XPATH = "//button|//input[@type='submit' or @type='button']|//a[@role='button']"
_SCRIPT_BUTTONS_XPATH = (
    "//a[not(@role='button')][contains(@class, 'btn') or contains(@class, 'button')]|//div[@role='button']"
)


def _script_button(el) -> bool:
    """buy_link_button: a block with a button's role, or a link classed as a button that leads to no page."""
    if el.tag != "a":
        return True
    return not _page_link(el) and _BUTTON_CLASS_RE.search(el.get("class") or "") is not None


def _buy_button_elements(tree) -> list[tuple]:
    """(element, enabled, label) of the page's buy buttons, outside navigation and recommendations."""
    out = []
    more = (
        [el for el in tree.xpath(_SCRIPT_BUTTONS_XPATH)[:300] if _script_button(el)] if rule("buy_link_button") else []
    )
    for el in tree.xpath(_BUY_XPATH)[:300] + more:
        label = " ".join(((el.get("value") if el.tag == "input" else el.text_content()) or "").split())
        if not label and rule("buy_button_aria_label"):  # an icon button: its accessible name is its label
            label = " ".join((el.get("aria-label") or el.get("title") or "").split())
        if not label or len(label) > 60 or not buy_label(label) or _off_page(el) or _hidden(el):
            continue
        if rule("variant_group_choice") and _in_choice_group(el) and _choice_out(label):
            continue  # "L – ausverkauft" as one of a size picker's buttons: that size's state, no buy button
        disabled = (
            el.get("disabled") is not None
            or (el.get("aria-disabled") or "").lower() == "true"
            or _disabled_class(el.get("class") or "")
        )
        out.append((el, not disabled, label))
    return out


def buy_buttons(tree) -> list[tuple[bool, str]]:
    """(enabled, label) of the page's buy buttons, outside navigation and recommendations."""
    return [(enabled, label) for _, enabled, label in _buy_button_elements(tree)]


# a disabled buy button whose class says why ("btn sold-out", "product-form__submit--unavailable")
_SOLD_OUT_CLASS_RE = re.compile(
    r"sold-?out|out-?of-?stock|outofstock|unavailable|not-available|no-stock", re.IGNORECASE
)
# a heading over other products ("You may also like", "Customers also viewed"): what follows it is theirs
_OTHER_PRODUCTS_HEADING_RE = re.compile(
    r"^\W*(?:you\s+(?:may|might)\s+also\s+(?:like|love|need)|customers\s+(?:also|who)|similar\s+(?:items|products)|"
    r"related\s+(?:items|products)|recently\s+viewed|frequently\s+bought|more\s+from|complete\s+the\s+look|"
    r"shop\s+the\s+look|people\s+also|others\s+also|das\s+könnte\s+(?:ihnen|dir)|ähnliche\s+(?:artikel|produkte)|"
    r"zuletzt\s+angesehen|kunden\s+kauften|vous\s+aimerez|vous\s+pourriez|produits\s+similaires|"
    r"te\s+puede\s+interesar|productos\s+(?:similares|relacionados)|también\s+te|potrebbe\s+piacerti|"
    r"prodotti\s+(?:simili|correlati)|misschien\s+ook|vergelijkbare|może\s+(?:ci|cię)|podobné|"
    r"похожие\s+товары|с\s+этим\s+товаром|おすすめ|関連商品|相关商品|猜你喜欢|추천\s*상품|관련\s*상품)",
    re.IGNORECASE,
)
# other_products_heading_prices: the same heading over other products' prices, and the related-items form of more
# languages ("Livros relacionados", "Artículos relacionados", "Articoli correlati", "Verwandte Produkte")
_RELATED_HEADING_RE = re.compile(
    r"^\W*(?:[^\W\d_]+\s+(?:relacionad[oa]s|correlat[ie]|relatert|relaterade|relaterede)|verwandte\s+\w+|"
    r"articles?\s+(?:similaires|associés))\W*$",
    re.IGNORECASE,
)


_HEADINGS_READ = 200


def other_products_headings(tree) -> list:
    """other_products_heading_prices: the page's headings over other products ("You may also like", "Related
    products", "Livros relacionados"), of its first ``_HEADINGS_READ`` h2 / h3 / h4."""
    body = tree.find("body")
    if body is None:
        return []
    out = []
    for n, heading in enumerate(body.iter("h2", "h3", "h4")):
        if n >= _HEADINGS_READ:
            break
        text = " ".join(heading.text_content().split())
        if len(text) < 80 and (_OTHER_PRODUCTS_HEADING_RE.search(text) or _RELATED_HEADING_RE.match(text)):
            out.append(heading)
    return out


# the choices of one option (a size, a colour): "M – Sold out" there is one variant's state, not the product's
_VARIANT_CHOICE_RE = re.compile(r"swatch|variant|size|option|choice", re.IGNORECASE)


def _variant_choice(el) -> bool:
    """In one of several choices of an option (a swatch, a size's label): the element, or one of its near
    ancestors, is a label or classed as a choice and stands among siblings of its own kind."""
    for node, _ in _near_ancestors(el, ("body", "main", "form")):
        parent = node.getparent()
        if (
            (node.tag == "label" or _VARIANT_CHOICE_RE.search(node.get("class") or ""))
            and parent is not None
            and sum(1 for sib in parent if sib.tag == node.tag) >= 2
        ):
            return True
    return False


def _in_choice_group(el) -> bool:
    """variant_group_choice: the element stands among siblings of its own tag in a block classed as an option's
    choices ("<div class='sizes'><button>S</button><button>M</button><button disabled>L – Sold out</button>")."""
    parent = el.getparent()
    return (
        parent is not None
        and _VARIANT_CHOICE_RE.search(parent.get("class") or "") is not None
        and sum(1 for sib in parent if sib.tag == el.tag) >= 2
    )


_CHOICE_NAME_RE = re.compile(r"^[^\W_][\w./ ]{0,15}?\s*(?:[–—:-]|\(|（)\s*")


def _choice_out(label: str) -> bool:
    """An option's label that says it is out of stock: "Sold out", "L – ausverkauft", "XL (Épuisé)"."""
    bare = _CHOICE_NAME_RE.sub("", label, count=1).rstrip(")） ")
    return _reading(label)[0] or (bare != label and _reading(bare)[0])


def _near_ancestors(el, stop: tuple[str, ...]):
    """(element, depth) for ``el`` and its ancestors up to three levels above it, until an element of ``stop``."""
    node, depth = el, 0
    while node is not None and isinstance(node.tag, str) and depth < 4 and node.tag not in stop:
        yield node, depth
        node, depth = node.getparent(), depth + 1


_IMAGE_FILE_RE = re.compile(r"\.(?:jpe?g|png|webp|gif|avif)(?:[?#]|$)", re.IGNORECASE)


def _page_link(a) -> bool:
    href = (a.get("href") or "").strip()
    return bool(href) and not href.startswith(("#", "javascript:")) and not _IMAGE_FILE_RE.search(href)


CARD_TEXT = 300


def in_card(el) -> bool:
    """In another product's card (rule ``card_stock_skip``): inside a link to a page, or beside a link that holds a
    picture, within a small block that does not hold the product's title."""
    for node, depth in _near_ancestors(el, ("body", "main")):
        if node.tag == "a" and _page_link(node):
            return True
        if depth and (node.find(".//h1") is not None or len(node.text_content()) > CARD_TEXT):
            return False  # the product's own block, or a block too large to be a card
        if depth and any(_page_link(a) for a in node.iterfind(".//a") if a.find(".//img") is not None):
            return True
    return False


# a stock status written as a whole class name ("product type-product instock", "sold-out"); a card in a list of
# other products carries one too, so only the title's own block is read
_STOCK_CLASSES = {
    "instock": "InStock",
    "in-stock": "InStock",
    "outofstock": "OutOfStock",
    "out-of-stock": "OutOfStock",
    "sold-out": "OutOfStock",
    "soldout": "OutOfStock",
    "onbackorder": "BackOrder",
    "on-backorder": "BackOrder",
    "preorder": "PreOrder",
    "pre-order": "PreOrder",
}


def class_availability(tree) -> str | None:
    """The stock status the classes of the blocks around the product's title (its first h1) name; None when they
    name none, or several different ones."""
    body = tree.find("body")
    h1 = body.find(".//h1") if body is not None else None
    found = set()
    node = h1.getparent() if h1 is not None else None
    while node is not None and isinstance(node.tag, str) and node.tag not in ("body", "html"):
        found.update(_STOCK_CLASSES[c] for c in (node.get("class") or "").lower().split() if c in _STOCK_CLASSES)
        node = node.getparent()
    return found.pop() if len(found) == 1 else None


NEAR_TITLE_ELEMENTS = 400
LIST_REPEATS = 3


# the anchored forms above in one pattern, matched once at the text's start: which one matched names the reading
_MORE_RE = re.compile(
    "|".join(
        f"(?P<{name}>{rx.pattern})"
        for name, rx in (
            ("soon", _SOON_RE),
            ("sentence", _OUT_SENTENCE_RE),
            ("zero", _ZERO_STOCK_RE),
            ("back", _BACKORDER_LEAD_RE),
            ("word", _IN_WORD_RE),
        )
    ),
    re.IGNORECASE,
)


def _reading(s: str) -> tuple[bool, bool, bool, bool, bool]:
    """(out, soon, pre, back, in) a short text says."""
    more = _MORE_RE.match(s) if rule("stock_wording_more") else None
    said = more.lastgroup if more else None
    soon = said == "soon"
    out = soon or said in ("sentence", "zero") or _OUT_RE.search(s) is not None
    if not out and rule("stock_wording_more"):
        bare = _QUALIFIER_RE.sub("", _STOCK_LABEL_RE.sub("", s, count=1), count=1)
        out = bare != s and (_OUT_RE.search(bare) is not None or _OUT_MORE_RE.match(bare) is not None)
        out = out or _OUT_MORE_RE.match(s) is not None
        out = out or (rule("stock_apology_notify") and _weak_out(s, bare))
        out = out or (rule("stock_wording_languages") and _out_in_languages(s, bare))
    row, not_available = _rows_languages(s)
    if row != s and not (out or not_available or _STOCK_LABEL_RE.match(s)):  # its wording read as a whole text
        r_out, r_soon, r_pre, r_back, r_in = _reading(row)
        if r_out or r_pre or r_back or r_in:
            return r_out, r_soon, r_pre, r_back, r_in
    out = out or not_available
    out = out or (rule("online_sold_out") and _ONLINE_OUT_RE.match(s) is not None)
    pre = not out and (_PRE_RE.search(s) is not None or _pre_more(s))
    back = not (out or pre) and rule("visible_backorder_discontinued") and _BACKORDER_RE.search(s) is not None
    back = back or (not (out or pre) and said == "back")
    back = back or (not (out or pre) and rule("backorder_wording_more") and _BACKORDER_MORE_RE.match(s) is not None)
    back = back or (not (out or pre) and rule("made_to_order_lead") and _MADE_TO_ORDER_RE.match(s) is not None)
    m = None if out or pre or back else _IN_RE.search(s)
    zero = rule("stock_wording_more") and m is not None and _ZERO_BEFORE_RE.search(s[: m.start()]) is not None
    if m and (_WHEN_IN_RE.search(s[: m.start()]) or zero):
        out, m = True, None
    negated = _NEGATED_MORE_RE if rule("stock_wording_languages") else _NEGATED_IN_RE
    in_ = bool(m and not negated.search(s[: m.start()]))
    if not (out or pre or back or m) and (
        said == "word"
        or (said is None and rule("stock_wording_more") and _IN_FEW_RE.search(s))
        or (rule("stock_wording_languages") and _IN_LANG_RE.match(s))
        or (rule("stock_wording_scripts") and len(s) <= 60 and _IN_SCRIPTS_RE.match(s))
        or (rule("few_left_languages") and _DIGIT_RE.search(s) and _FEW_MORE_RE.search(s))
        or (rule("store_only_wording") and len(s) <= 60 and _STORE_ONLY_RE.match(s))
    ):
        in_ = True
    return out, soon, pre, back, in_


def _pre_more(s: str) -> bool:
    """preorder_wording_languages: pre-order wording of more languages (above)."""
    return rule("preorder_wording_languages") and _PRE_MORE_RE.search(s) is not None


_DIGIT_RE = re.compile(r"\d")


def _out_in_languages(s: str, bare: str) -> bool:
    """stock_wording_languages: the text, or the text without its label and qualifier, is out-of-stock wording of
    ``_OUT_LANG_RE`` (short and without digits: most texts are not tried)."""
    if len(s) > 60 or _DIGIT_RE.search(s):
        return False
    if _OUT_LANG_RE.match(s) is not None or (bare != s and _OUT_LANG_RE.match(bare) is not None):
        return True
    if rule("stock_wording_scripts") and any(_OUT_SCRIPTS_RE.match(t) is not None for t in {s, bare}):
        return True
    if rule("stock_wording_forms") and any(_OUT_FORMS_RE.match(t) is not None for t in {s, bare}):
        return True
    return rule("stock_wording_temporary") and any(_OUT_TEMPORARY_RE.match(t) is not None for t in {s, bare})


def _weak_out(s: str, bare: str) -> bool:
    """stock_apology_notify: out-of-stock wording after an apology ("Leider nicht verfügbar"), or a lone "Notify me
    when available"; weak: it counts only where no enabled buy button and no in-stock wording contradict it (a Q&A
    answer, a store-pickup widget, another variant's back-in-stock form)."""
    bare = _APOLOGY_RE.sub("", bare, count=1)
    apology = bare != s and (_OUT_RE.search(bare) is not None or _OUT_MORE_RE.match(bare) is not None)
    more = rule("notify_wording_languages") and _NOTIFY_OUT_MORE_RE.match(s) is not None
    return apology or more or _NOTIFY_OUT_RE.match(s) is not None


def _product_area(tree) -> tuple[dict, int, int, int | None]:
    """The order of the body's elements, the span of them that is the product's own (from its title on, not far
    below it, and not past a heading over other products), and where that heading stands (rule
    ``other_products_heading``)."""
    body = tree.find("body")
    order = {node: i for i, node in enumerate(body.iter())}
    h1 = body.find(".//h1")
    start = order.get(h1, 0)
    end, others = start + NEAR_TITLE_ELEMENTS, None
    if rule("other_products_heading"):
        for heading in body.iter("h2", "h3", "h4"):
            at = order.get(heading, 0)
            if start < at and _OTHER_PRODUCTS_HEADING_RE.search(" ".join(heading.text_content().split())):
                end, others = min(end, at), at
                break
    return order, start, end, others


# filter_option_skip: a listing's filter ("Sur commande", "In stock", "Pre-order" as facets to tick) names a kind of
# item to show, not the state of the page's product
_FILTER_CLASS_RE = re.compile(r"facet|(?<![a-z])filters?(?![a-z])", re.IGNORECASE)


def _filter_option(el) -> bool:
    """Is the element, or one of its three nearest ancestors, a listing's filter option (by its class or id)?"""
    node = el
    for _ in range(4):
        if node is None or not isinstance(node.tag, str):
            return False
        if _FILTER_CLASS_RE.search(" ".join(filter(None, (node.get("class"), node.get("id"))))):
            return True
        node = node.getparent()
    return False


# pickup_row_state: a store pickup's row ("Abholung im Markt: Nicht verfügbar", "Retrait en magasin : Indisponible",
# "Recogida en tienda: No disponible", "Afhalen in de winkel:", "Odbiór w sklepie:", "Osobní odběr na prodejně:") says
# whether a store has the item, not whether the shop sells it: its wording claims nothing beside the delivery row
_PICKUP_LABEL_RE = re.compile(
    r"^\W*(?:(?:in[\s-]store\s+|store\s+)?pick[\s-]?up(?:\s+in[\s-]store)?|collect(?:ion)?\s+in[\s-]store|"
    r"click\s*(?:&|and|\+)\s*collect|(?:filial)?abholung(?:\s+(?:im|in\s+der|in)\s+[^\W\d_]+)?|"
    r"retrait(?:\s+(?:en|au)\s+magasin)?|recogida(?:\s+en\s+tienda)?|afhalen(?:\s+in\s+de\s+winkel)?|"
    r"ritiro(?:\s+in\s+negozio)?|odbiór(?:\s+w\s+sklepie|\s+osobisty)?|osobní\s+odběr(?:\s+na\s+prodejně)?|"
    r"hämta\s+i\s+butik|(?:afhentning|afhent)\s+i\s+butik(?:ken)?|hent\s+i\s+butikk(?:en)?|"
    r"levantamento\s+em\s+loja|店舗受(?:け)?取り?|店頭受(?:け)?取り?)\s*[:：]",
    re.IGNORECASE,
)


def _pickup_row(el, s: str) -> bool:
    """pickup_row_state: the text, or the row it ends (its parent's or grandparent's text), is a pickup row."""
    if _PICKUP_LABEL_RE.match(s):
        return True
    node = el
    for _ in range(2):
        node = node.getparent()
        if node is None or not isinstance(node.tag, str):
            return False
        row = " ".join(node.text_content().split())
        if len(row) <= 120 and row.endswith(s) and _PICKUP_LABEL_RE.match(row):
            return True
    return False


def _area_readings(tree) -> tuple[dict, tuple | None]:
    """What the short texts of the product's own area say: counts of strong and weak out-of-stock texts and whether
    soon / in-stock / pre-order / back-order / discontinued wording stands there; and the area (``_product_area``)."""
    seen = {"out": 0, "weak": False, "soon": False, "in": False, "pre": False, "back": False, "discontinued": False}
    seen["out_at"] = []  # where the strong out-of-stock texts stand (sold_out_disabled_buy reads how near)
    seen["labelled_out"] = False  # one of them is a labelled row ("Availability: Out of stock")
    area = None
    for s, el in _short_texts(tree):
        out, soon, pre, back, in_ = _reading(s)
        out = out or _sold_badge(el, s)
        weak = out and not soon and _weak_out(s, s) and not _OUT_RE.search(s)
        if not (out or pre or back or in_):
            continue  # the costlier position checks only for texts that say something
        area = area or _product_area(tree)
        order, start, end, _ = area
        # the product's own area: from its title on, not far below it
        if _off_page(el) or _hidden(el) or not (start <= order.get(el, 0) <= end):
            continue
        if out and rule("variant_choice_stock") and _variant_choice(el):
            continue
        if out and rule("variant_group_choice") and _in_choice_group(el):
            continue
        if rule("card_stock_skip") and in_card(el):
            continue
        if rule("filter_option_skip") and _filter_option(el):
            continue
        if rule("pickup_row_state") and _pickup_row(el, s):
            continue
        seen["out"] += out and not weak
        if out and not weak:
            seen["out_at"].append(order.get(el, 0))
            seen["labelled_out"] = seen["labelled_out"] or _stock_labelled(s)
        seen["weak"] = seen["weak"] or weak
        seen["soon"] = seen["soon"] or soon
        seen["discontinued"] = seen["discontinued"] or (out and _DISCONTINUED_RE.search(s) is not None)
        seen["pre"], seen["back"], seen["in"] = seen["pre"] or pre, seen["back"] or back, seen["in"] or in_
    return seen, area


def visible_availability(tree, readings: tuple | None = None) -> str | None:
    """``InStock`` / ``OutOfStock`` / ``PreOrder`` as the page shows it; None when it shows nothing or conflicts.
    ``readings``: ``_area_readings(tree)`` when the caller has them."""
    seen, area = readings or _area_readings(tree)
    out_seen, weak_seen, soon_seen, in_seen = seen["out"], seen["weak"], seen["soon"], seen["in"]
    pre_seen, back_seen, discontinued = seen["pre"], seen["back"], seen["discontinued"]
    # the same "sold out" repeated down the product area belongs to a list (variants, other sellers' offers)
    out_seen = 0 < out_seen < LIST_REPEATS
    buttons = _buy_button_elements(tree)
    if rule("other_products_heading") and buttons:
        order, _, _, others = area or _product_area(tree)
        buttons = [b for b in buttons if others is None or order.get(b[0], 0) < others]
    enabled_buy = any(
        ok
        and not _OUT_LABEL_RE.search(label)
        and not _PRE_RE.search(label)
        and not _NOTIFY_RE.search(label)
        and not _pre_more(label)
        for _, ok, label in buttons
    )
    # a disabled button alone says little (shops disable it until their scripts load); its label saying so counts,
    # and so does its class (rule ``sold_out_button_class``)
    disabled_buy = any(
        _OUT_LABEL_RE.search(label)
        or (not ok and rule("sold_out_button_class") and _SOLD_OUT_CLASS_RE.search(el.get("class") or ""))
        for el, ok, label in buttons
    )
    out_seen = out_seen or (weak_seen and not (enabled_buy or in_seen))
    if out_seen and seen["labelled_out"] and not in_seen and rule("labelled_stock_row"):
        enabled_buy = False  # the shop's own labelled row outweighs a buy button its platform leaves enabled
    if pre_seen and not (out_seen and not soon_seen):
        return "PreOrder"
    if back_seen and not out_seen:  # a back-order item can be bought: its enabled buy button does not contradict it
        return "BackOrder"
    if (out_seen or disabled_buy) and not (enabled_buy or in_seen):
        return "Discontinued" if discontinued and out_seen and rule("visible_backorder_discontinued") else "OutOfStock"
    if (enabled_buy or in_seen) and not (out_seen or disabled_buy):
        return "InStock"
    return None


# sold_out_disabled_buy: the controls of the product's area that may buy it or stand in for its buy button; and the
# stems of buy labels in many languages, read anywhere in a label ("Add to Shopping Bag", "Adicionar ao carrinho",
# "Legg i handlekurven"): a button whose label holds one may buy the item, whether or not ``_BUY_RE`` knows its words
_CONTROLS_XPATH = (
    "//button|//input[@type='submit' or @type='button' or @type='image' or @type='email']|//a[@role='button']|//form"
)
_BUY_STEM_RE = re.compile(
    r"cart|bag|basket|buy|purchase|order|checkout|trolley|warenkorb|kaufen|bestellen|panier|achet|commander|carrito|"
    r"carrinho|comprar|compra|sacola|cesta|bolsa|carrello|acquista|winkelwagen|koop|bestel|kundvagn|köp|varukorg|"
    r"handlekurv|kjøp|kurv|indkøb|ostoskori|osta|koszyk|kup|košík|koupit|kosár|vásárl|coș|cumpăr|sepet|satın|"
    r"кошик|корзин|куп|καλάθι|αγορ|カート|購入|购|購|장바구니|구매|giỏ|mua|keranjang|beli|ตะกร้า|ซื้อ|سلة|شراء|"
    r"اشتر|סל|עגלה|קנ",
    re.IGNORECASE,
)


_AREA_CONTROLS = 40  # at most this many controls in the product's area are read (each walks its ancestors)


def _buy_control_state(tree, area: tuple) -> tuple[str, list]:
    """sold_out_disabled_buy: "disabled" when the product's area has a buy control disabled by its attribute
    (``disabled``, ``aria-disabled="true"``; a class is not enough) and no enabled one; "absent" when it has no
    button, submit, form or email field at all; else "other" (an enabled or unknown button, a back-in-stock form).
    With it, the disabled buy controls. An area with more than ``_AREA_CONTROLS`` controls is "other"."""
    order, start, end, _ = area
    controls = [el for el in tree.xpath(_CONTROLS_XPATH)[:300] if start <= order.get(el, -1) <= end]
    if len(controls) > _AREA_CONTROLS:  # a form of many controls, or controls nested deep: not read
        return "other", []
    controls = [el for el in controls if not _off_page(el) and not _hidden(el)]
    if not controls:
        return "absent", []
    disabled, enabled = [], False
    for el in controls:
        if el.tag == "form" or (el.tag == "input" and (el.get("type") or "").lower() == "email"):
            continue
        label = " ".join(((el.get("value") if el.tag == "input" else el.text_content()) or "").split())
        label = label or " ".join((el.get("aria-label") or el.get("title") or "").split())
        buy = buy_label(label) or _BUY_STEM_RE.search(label) is not None
        off = buy or _OUT_LABEL_RE.search(label) is not None
        if el.get("disabled") is not None or (el.get("aria-disabled") or "").lower() == "true":
            disabled += [el] if off else []
        elif (
            buy
            and not (_OUT_LABEL_RE.search(label) or _NOTIFY_RE.search(label) or _PRE_RE.search(label))
            and not (_pre_more(label))
        ):
            enabled = True
    return ("disabled", disabled) if disabled and not enabled else ("other", [])


NEAR_ANCHOR_ELEMENTS = 60


def sold_out_over_structured(tree, price_el=None) -> str | None:
    """sold_out_disabled_buy: "OutOfStock" / "Discontinued" when out-of-stock wording stands in the product's own
    area (strong wording, not a notify form's; no in-stock, soon, pre- or back-order wording beside it), the page
    reads as out of stock, its buy button is disabled or there is none (``_buy_control_state``), and the wording
    stands near what it speaks of: the disabled button or the product's shown price ``price_el`` (a page's template
    of messages, "DISCONTINUED" beside "Coming soon!" under the menu, is near neither). The page's word over a
    structured "InStock"; None otherwise: an unknown or enabled buy button keeps the structured value."""
    area = _product_area(tree)
    state, disabled = _buy_control_state(tree, area)  # first: most pages have an enabled buy button, read no text
    if state == "other":
        return None
    seen, _ = readings = _area_readings(tree)
    if not seen["out"] or any(seen[k] for k in ("in", "soon", "pre", "back")):
        return None
    shown = visible_availability(tree, readings)
    if shown not in ("OutOfStock", "Discontinued"):
        return None
    anchors = [area[0].get(el) for el in (*disabled, price_el) if el is not None]
    near = any(abs(at - a) <= NEAR_ANCHOR_ELEMENTS for at in seen["out_at"] for a in anchors if a is not None)
    return shown if near else None
