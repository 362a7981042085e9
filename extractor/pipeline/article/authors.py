"""Authors: cleaning of names, meta author tags, Yoast labels, bylines and author links."""

from __future__ import annotations

import re
from copy import deepcopy

from lxml import etree
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import extract_author
from trafilatura.utils import trim
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

from .. import structured as S
from .common import html_unescape
from .dates import _numeric_date, dates_in_text, is_month_name
from .places import in_place_markup, page_language, place_name
from .titles import headline_h1s

# one or more labels before a name ("Author Posted by Soliant")
_AUTHOR_PREFIX_RE = re.compile(
    r"^(?:(?:(?:written|posted|published|article|recipe|reviewed|words|story|text|photos?|compiled|edited)\s+by|by|"
    r"author(?:ed)?(?:\s+by)?|authors|view all posts by|posts by|read more (?:about|from)|more from|about(?: the author)?)"
    r"\s*:?(?:\s+|$))+",
    re.IGNORECASE,
)
_AUTHOR_ROLE_RE = re.compile(
    r"\s+(?:Writer|Editor|Reporter|Founder|Contributor|Contributing|Expert|Correspondent|Senior|Lead|"
    r"Co-Founder|CEO|Reviewed|Certified|Journalist|Former|Coordinator|"
    r"Manager|Consultant|Specialist|Strategist|Director|Content Marketing|Sponsored|Columnist|Analyst|Producer|"
    r"Photographer|Researcher|Engineer|Scientist|Designer|Developer|"
    # a rank before a title ("Head Winemaker", "Managing Editor"), a desk before a writer's title ("Tech Reporter")
    r"(?:Head|Chief|Managing|Associate|Assistant|Executive|Principal)\s+[A-Z]\w*|"
    r"(?:Tech|Staff|Freelance|News|Features|Science|Health)\s+(?:Writer|Editor|Reporter|Journalist)|"
    # other languages' (de fr es it pt nl pl cs ru), as trafilatura capitalises them ("Juan García; Periodista")
    r"Redakteur(?:in)?|Korrespondent(?:in)?|Journalistin|Chefredakteur(?:in)?|Journaliste|Rédacteur|Rédactrice|"
    r"Correspondant(?:e)?|Periodista|Redactor(?:a)?|Corresponsal|Giornalista|Redattore|Redattrice|Corrispondente|"
    r"Jornalista|Repórter|Redator(?:a)?|Correspondente|Redacteur|Verslaggever|Dziennikarz(?:ka)?|Redaktor(?:ka)?|"
    r"Novinář(?:ka)?|Журналист(?:ка)?|Корреспондент|Редактор)\b.*$"
)
# a date or date label glued after a name ("Jane Doe March 5, 2024", "Jane Doe Updated ..."); "May" only before a
# number (Tom May)
_AUTHOR_DATE_RE = re.compile(
    r"\s+(?:Updated|Published|Last [Uu]pdated|"
    r"January|February|March|April|May(?=\s*\d)|June|July|August|September|October|November|December|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?$)\b.*$"
)
_AUTHOR_BAD_RE = re.compile(
    r"\d|\.head\.|\bposts?\b|written by|^updated|@|©|\b(?:sub)?menu\b|"
    r"^(?:admin|administrator|author|guest|unknown|the author|name|"
    # a template's placeholder or a site's role account, not a name ("undefined", "Webmaster", "Category")
    r"undefined|null|none|n/a|webmaster|category|categories|uncategori[sz]ed|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec|january|february|march|april|june|july|august|"
    r"september|october|november|december)$",
    re.IGNORECASE,
)
# a handle or an address after a name ("Jane Doe @janedoe", "Jane Doe (jane@example.org)"): the name is kept
_HANDLE_RE = r"\s+[(\[<]?(?:@\w+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)[)\]>]?"
_HANDLE_AFTER_RE = re.compile(r"(?<=\S)" + _HANDLE_RE + "$")
# the same after each name of a byline ("By A (a@example.org) and B (b@example.org)")
_HANDLES_RE = re.compile(r"(?<=\S)" + _HANDLE_RE + r"(?=\s|$|[,;|])")
# a description in the page's byline, not a name: a capital, then words in lower case only ("Extension horticulture
# educators" after "Authors: Julie Weisenhorn and Natalie Hoidal,"; "Staff writer")
_LOWER_CASE_ROLE_RE = re.compile(r"[A-Z][a-z]+(?:\s+[a-z][a-z-]*)+")
# " - FullStack Editorial Team", " | Staff Writer", " • " after a name; a forum post's "Jane Doe » Mon Mar 04, 2024"
_AUTHOR_SUFFIX_RE = re.compile(r"\s+[-–—|•·»›]\s*(?:\S.*)?$")


def clean_author(value: str | None, roles: bool = True, lang: str | None = None) -> str | None:
    if not value:
        return None
    v = " ".join(html_unescape(value).split())
    v = _AUTHOR_PREFIX_RE.sub("", v)
    v = _without_label(v, lang)
    v = _AUTHOR_DATE_RE.sub("", v)
    if roles:
        # a note in brackets right after the name ("Jane Doe (Content Manager)") is kept whole, its words are no glued
        # role; after a role that is cut ("Jane Doe, Managing Editor (Reuters)") it goes with the role
        note = _BRACKETED_AFTER_NAME_RE.search(v)
        name = v[: note.start()] if note else v
        v = _AUTHOR_ROLE_RE.sub("", name)
        if note and v == name:
            v += note.group(0)
        # "Extension horticulture educators", "Staff writer": a role, alone or as one of the names ("A; B; role")
        v = ";".join(n for n in v.split(";") if not _LOWER_CASE_ROLE_RE.fullmatch(n.strip()))
    v = _AUTHOR_SUFFIX_RE.sub("", v)
    v = _HANDLE_AFTER_RE.sub("", v).strip(" ,|-\u2013\u2014\u2022\u00b7\"'\u201c\u201d")
    if not v or len(v) > 80 or _AUTHOR_BAD_RE.search(v) or v.startswith(("http://", "https://")):
        return None
    return v


def _without_label(value: str, lang: str | None = None) -> str:
    """:func:`_label_cut` of ``value``, or of its part before a meta line's separator ("Par Claire Martin » lun. 4 mars
    2024 10:30", a forum post's author line) when that part is a labelled name."""
    head = _AUTHOR_SUFFIX_RE.sub("", value)
    if head and head != value:
        cut = _label_cut(head, lang)
        if cut != head:
            return cut
    return _label_cut(value, lang)


def _label_cut(value: str, lang: str | None = None) -> str:
    """A name given with another language's byline label (``_BYLINE_RE``: "Por Juan García", "Autor: Jan Kowalski",
    "Автор Иван Петров", "Par Marie Dupont et Jean Martin", an author element's or ``<meta>``'s text) without it, when
    what follows is names. A bare preposition only on a page of its language (``lang``: "Door County Pulse Staff" on
    an English page stays) and before names of two words or more; never a bare "Di" / "Von", which open surnames
    ("Di Stefano Maria", surname first), nor a label that is a first name too ("Yazan", "Oleh", "Ni")."""
    m = _BYLINE_RE.match(value) if len(value) <= LIST_MAX_CHARS else None
    if not m or not m.group(1):
        return value
    label = _label_of(value, m)
    if label in _FIRST_NAME_LABELS or _ENGLISH_LABEL_RE.fullmatch(label) or _gated_out(label, lang):
        return value
    names = [n for n in _NAME_SPLIT_RE.split(m.group(1)) if n.strip()]
    bare = _BARE_PREPOSITION_RE.match(value) and not value[m.start(1) - 1 : m.start(1)].strip(" ")
    if bare and not (lang or "").lower().startswith(_BARE_LABEL_LANGUAGES.get(label, ())):
        return value
    if not names or not all(_plausible_name(n) and (len(n.split()) > 1 or not bare) for n in names):
        return value
    return m.group(1)


# the bare prepositions cut from a name given as the author's, on pages of their language only ("Di", "Von": never)
_BARE_LABEL_LANGUAGES = {
    "par": ("fr",),
    "por": ("es", "pt", "gl"),
    "door": ("nl",),
    "av": ("sv", "no", "nb", "nn"),
    "af": ("da",),
    "da": ("it",),
    "przez": ("pl",),
    "od": ("cs", "sk", "pl"),
}


# a link to the index of the site's writers, not to one writer's page ("/authors/", "/author", "/writers/?page=2")
_WRITERS_INDEX_RE = re.compile(r"/(?:authors?|writers?)/?(?:[?#].*)?$", re.IGNORECASE)
# a link to writers that names none: a phrase ("Our Authors", "All Contributors", "View all posts", "More articles from
# this author", "Author profile", "Posts by …") or the word alone ("Stories"), not a name holding the word ("Jane Stories")
_WRITER_WORDS = r"(?:authors|writers|contributors|posts|articles|stories|profile)"
_NOT_A_WRITER_RE = re.compile(
    r"\W*(?:(?:more|all|other|latest|recent|view|see|read|browse|our|meet|full|visit|author|writer|his|her|their)\b"
    rf".*\b{_WRITER_WORDS}\b|(?:the\s+)?{_WRITER_WORDS}\W*$|{_WRITER_WORDS}\s+(?:by|from|of)\b)",
    re.IGNORECASE,
)


def _author_links(tree) -> list[str]:
    """The text of the first link to a writer's page (``rel="author"``, ``/author/<name>``) that may name one: not in
    a menu, not to the index of all writers, not a phrase about writers or posts ("More articles from this author");
    one at or after the headline before one above it (a sidebar's or a menu's writer)."""
    found = []
    for el in tree.xpath(
        "//a[contains(concat(' ', normalize-space(@rel), ' '), ' author ')] | "
        "//a[contains(@href, '/author/') or contains(@href, '/authors/') or contains(@href, '/writer/')]"
    )[:10]:
        text = " ".join(el.text_content().split())
        if not text or not 2 <= len(text) <= 60 or _NOT_A_WRITER_RE.match(text):
            continue
        if not _WRITERS_INDEX_RE.search(el.get("href") or ""):
            found.append((el, text))
    # the walk up to the headline runs only when two links qualify or one lies in a <nav>
    placed = len(found) > 1 or any(next(el.iterancestors("nav"), None) is not None for el, _ in found)
    above = _above_headline(tree, {el for el, _ in found}) if placed else set()
    found = [f for f in found if not _in_menu(f[0], f[0] in above)]
    found = [f for f in found if f[0] not in above] + [f for f in found if f[0] in above]
    return [found[0][1]] if found else []


def _above_headline(tree, links: set) -> set:
    """The elements of ``links`` that come before the page's headline (one walk up to it)."""
    h1s = headline_h1s(tree)
    if not h1s:
        return set()
    above = set()
    for el in tree.iter():
        if el is h1s[0]:
            return above
        if el in links:
            above.add(el)
    return above


_BYLINE_RE = re.compile(
    # the writer credited with the pictures too: "Texto y fotos: …", "Text und Fotos: …", "Words and pictures by …"
    r"^(?:(?:text|texto|texte|testo|tekst|words)\s+(?:and|y|und|et|e|en|i|&)\s+(?:foto['’]s|photos?|fotos?|foto|"
    r"pictures|photographs|images|bilder|zdjęcia)(?:\s+(?:by|von|de|di|por|par|door|av))?|"
    # the label in its inclusive spellings ("Autor/a:", "Autor(a):", "Autor*in:", "Autor:in:"), before "Autor"; an
    # interview's interviewer ("Interview by …", "Propos recueillis par …", "Entrevista de …")
    r"autor(?:/a|\(a\)|/in|\*in|:in|_in)(?=\s*[:：])|"
    r"interview\s+(?:by|von|door)|propos\s+recueillis\s+par|entrevista\s+(?:de|por)|intervista\s+di|"
    r"(?:this (?:post|article|story|piece|guide) (?:was|is) )?(?:written|posted|published|article|words|story|"
    r"reported|reporting)\s+by|by|authors?|contributors?|"
    # other languages: "Von …", "Par …", "Por …", "Di …", "Geschrieben von …", "Escrito por …", "Autor: …"
    r"von|par|por|di|(?:geschrieben|verfasst)\s+von|(?:écrit|rédigé|publié)\s+par|(?:escrito|publicado)\s+por|"
    r"(?:scritto|pubblicato)\s+da|autor|autorin|autora|autore|auteur|autorka|författare|forfatter|"
    # "Door …" (nl), "Av …" (sv, no), "Af …" (da): read on pages in those languages only (``_LANGUAGE_LABELS``)
    r"door|geschreven\s+door|text\s+von|texte\s+de|texto\s+de|testo\s+di|av|af|skrevet\s+a[fv]|skriven\s+av|a\s+cura\s+di|napisała?|napsala?|"
    r"tekst|texto|testo|text(?=\s*:)|автор|авторы|текст|yazar|yazan|kirjoittaja|szerző|írta|συντάκτης|"
    r"著者|筆者|執筆者|作者|撰文|记者|記者|글(?=\s*[:：/／=＝])|بقلم|كتب|מאת|"
    # "文：", "文・写真：", "取材・文：", "写真・文／": the writer with the other credits they hold (ja, zh)
    r"(?:(?:取材|写真|撮影|構成|编辑|編集|图)[・·/／])*文(?:[・·/／](?:写真|撮影|構成|图|圖))*(?=\s*[:：/／=＝])|"
    # el: "Του Γιάννη Παπαδόπουλου", "Της Μαρίας …" (the writer's name in the genitive, after its article), on
    # Greek pages only
    r"του|της|"
    # de it fr ca fi hr/sr/bs sl lv lt el ("Γράφει ο …") id/ms vi hi fa th; "Oleh …" (id, ms: a Ukrainian first name too; not the
    # "Oleh-Oleh" of souvenirs), "Ni …" (tl) on pages in those languages only
    r"(?:ein\s+)?(?:gast)?beitrag\s+von|articolo\s+di|texte(?=\s*:)|escrit\s+per|kirjoittanut|teksti|piše|avtor|"
    r"autors|autorius|γράφει(?:\s+[οη](?=\s))?|penulis|oleh(?![-‐‑])|tác\s+giả|लेखक|نویسنده|ผู้เขียน|ni|"
    # the plurals: de es/pt fr it/hr/ro pl cs sk et lt da/no fi tr hu uk/bg/sr el
    r"autoren|autores|auteurs|autori|autorzy|autoři|autorky|autorki|autorid|autoriai|forfattere|kirjoittajat|"
    r"yazarlar|szerzők|автори|συντάκτες|συγγραφείς|"
    # sv hr/bs/sr sl ro es sr-Cyrl eu fa ur ar bn ta th, and a "Reporter:" / "כתב:" / "रिपोर्ट:" with its
    # colon; "โดย …" (th), "Eftir …" (is), "Nga …" (sq: a Vietnamese first name too) on pages in those languages only
    r"skrivet\s+av|napisao|napisala|napisal|scris\s+de|redactado\s+por|аутор|egilea|به\s+قلم|تحریر|"
    r"بواسطة|লেখক|எழுதியவர்|เขียนโดย|โดย|eftir|nga|(?:reporter|כתב|रिपोर्ट)(?=\s*[:：])|"
    # "Un article de …", "Article rédigé par …", "Ein Artikel von …", "Un artículo de …" (fr de es it pt nl); the
    # newsroom as the label of its writer's name ("Redacción: María López", with its colon); the writer credited with
    # the pictures too (first in the pattern, before "Texto")
    r"(?:un\s+|ein\s+|een\s+|um\s+)?(?:article|artículo|articolo|artikel|artigo)\s+(?:de|di|von|van|door|"
    r"(?:rédigé|écrit|escrito|redactado|scritto|geschrieben|geschreven)\s+(?:par|por|da|von|door))|"
    r"(?:redacci[óo]n|redacció|rédaction|redazione|redaktion|redação|redactie)(?=\s*[:：])|"
    # the "by" and "submitted / posted by" of publishing software's localised templates ("Pubblicato il … da …",
    # "Opublikowano … przez …", "Submitted by … on …", "Eingestellt von …", "投稿者: …", "글쓴이: …", "发布者：…", "由 …"); the bare
    # "da", "przez", "od" on pages of their languages only (``_LANGUAGE_LABELS``)
    r"(?:submitted|uploaded)\s+by|eingereicht\s+von|eingestellt\s+von|soumis\s+par|inviato\s+da|"
    r"enviado\s+por|postado\s+por|ingezonden\s+door|geplaatst\s+door|przesłane\s+przez|opublikowany\s+przez|"
    r"upplagd\s+av|inskickat\s+av|vložil|odesláno\s+uživatelem|napisane\s+przez|gönderen|da|przez|od|投稿者|发布者|由(?=\s|$)|"
    r"發布者|글쓴이|작성자)"
    # not followed by a letter (a label ending in a vowel sign or virama, "எழுதியவர்", has no word boundary after it)
    r"(?!\w)\s*[:：\-–—/／=＝]?\s*(.*)$",
    re.IGNORECASE,
)
# labels that are words of English too ("Door Knob Styles", "AV Receivers") or a first name ("Yazan Haddad"): a byline
# only in their language
_LANGUAGE_LABELS = {
    "door": ("nl",),
    "av": ("sv", "no", "nb", "nn"),
    "af": ("da",),
    "yazan": ("tr",),
    "oleh": ("id", "ms"),
    "ni": ("tl", "fil"),
    "του": ("el",),
    "της": ("el",),
    "โดย": ("th",),
    "eftir": ("is",),
    "nga": ("sq",),
    "da": ("it",),
    "przez": ("pl",),
    "od": ("cs", "sk", "pl"),
    "gönderen": ("tr",),
}
# the labels that are first names too, never cut from a name given as the author's ("Yazan Haddad", "Oleh Petrenko")
_FIRST_NAME_LABELS = frozenset(("yazan", "oleh", "ni", "nga"))
# English labels: ``_AUTHOR_PREFIX_RE`` cuts those a name may carry; "This post was written by …, Head of …" is a
# sentence, which ``_AUTHOR_BAD_RE`` refuses as a name
_ENGLISH_LABEL_RE = re.compile(
    r"this\b.*|(?:written|posted|published|article|words|story|reported|reporting)\s+by|by|authors?|contributors?|text"
)
# a Korean byline writes the name before its label ("김민준 기자", "김민준 특파원 kim@…")
_REPORTER_AFTER_RE = re.compile(r"^([가-힣]{2,4})\s*(?:기자|특파원)(?![가-힣])")
_NAME_CONNECTORS = {
    "and",
    "&",
    "de",
    "da",
    "del",
    "dela",
    "delos",
    "der",
    "van",
    "von",
    "la",
    "le",
    "du",
    "di",
    "bin",
    "al",
}
# the particles of other languages' names, written in lower case between its words: pt "dos" / "das" / "do", nl "ten" /
# "ter" / "den", de "zu" / "zur", it "della" / "dei", fr "des", ms "binti" / "bte", ar "ibn" / "bint" ("Maria dos
# Santos", "Corrie ten Boom", "Siti binti Abdullah", "Ali ibn Hassan"); capitalised, several are surnames ("Mahua Das",
# "Tran Do") and read as any other word
_NAME_PARTICLES = frozenset("dos das do ten ter den zu zur della dei des binti bte ibn bint".split())
# a particle glued to the name it opens: ar "al-" / "el-", fr / it "d'" / "l'" ("Omar al-Farouq", "Valéry d'Estaing")
_GLUED_PARTICLE_RE = re.compile(r"(?:al|el|ad|ar|as|at|az|ash|d|l|dell)['’-](?=[^\W\d_])")
# "updated" and "published" in other languages (de fr es it pt nl sv da no pl cs fi tr ru), after a byline's name
_UPDATE_OR_PUBLISHED_WORDS = (
    r"(?:aktualisiert|veröffentlicht|mis\s+à\s+jour|publié|publiée|actualizad[oa]|publicad[oa]|aggiornat[oa]|"
    r"pubblicat[oa]|atualizad[oa]|bijgewerkt|gepubliceerd|uppdaterad|publicerad|opdateret|publiceret|oppdatert|"
    r"publisert|zaktualizowano|opublikowano|aktualizováno|publikováno|päivitetty|julkaistu|güncellendi|yayınlandı|"
    r"обновлено|опубликовано)(?![^\W\d_])"
)
_NAME_CUT_RE = re.compile(
    r"\s*(?:[|｜•·,;/]|\s[-–—]\s|\bon\s|\bin\s|\bupdated\b|\bpublished\b|\b(?:am|le|el|il|em|op)\s+\d|\s\d|"
    # an update's or the publication's label of another language ("Por Juan García Actualizado 4 de marzo …")
    rf"\s{_UPDATE_OR_PUBLISHED_WORDS}|"
    # a reviewer or editor after the writer ("Written by Jane Doe and reviewed by Dr. John Roe")
    r"\s(?:and\s+)?(?:medically\s+)?(?:reviewed|edited|fact[- ]checked)\b).*$",
    re.IGNORECASE,
)
# the outlet a syndicated writer wrote for ("By Jane Doe for The Guardian", "… For The Associated Press"), not the
# "for" of an organisation's name ("Texas Coalition for Heritage Spanish", "Center for Science in the Public Interest")
_FOR_OUTLET_RE = re.compile(r"\s+[Ff]or\s+(?=[A-Z])")
_ORGANISATION_HEADS = frozenset(
    "center centre centers centres coalition institute association society foundation alliance council office "
    "department committee network fund campaign partnership project initiative agency commission league union board "
    "federation organization organisation academy college school museum trust group team program programme "
    "consortium forum movement services friends".split()
)
# a writer's part of a byline: "A for X, B and C for Y" (the separators kept, at odd places of the split)
_WRITER_SPLIT_RE = re.compile(r"(,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+)")
# words of no writer's name in a list or before "for": outlets, roles, organisations ("Staff Writers", "Los Angeles
# Times", "Ann Poe Associated Press", "Jane Doe Reporting for Duty"), with _NOT_NAME_WORDS and _LABEL_WORDS below
_OUTLET_AND_ROLE_WORDS = frozenset(
    "the times post press associated journal herald tribune gazette daily weekly magazine media wire reuters "
    "bloomberg writer writers reporter reporters reporting writing correspondent correspondents contributing "
    "contributor contributors special editor editors columnist".split()
)
# a list of three writers or more on the byline's line: "A, B, and C", "A, B & C" (the commas end a name otherwise);
# the "and" / "&" before the last name, read in a line of at most LIST_MAX_CHARS
# the "and" of other languages too ("Von A, B und C", "Por A, B y C", "Par A, B et C"): the words of _NAME_SPLIT_RE
_AND_WORDS_LATIN = ("and", "und", "et", "y", "e", "en", "och", "og")  # read between word boundaries
_AND_WORDS_OTHER = ("и", "і", "és", "ja", "ve", "i", "a", "și", "şi", "και", "dan")  # read between spaces
_LAST_NAME_JOIN_RE = re.compile(
    r"(?:,\s*|\s+)(?:" + "|".join(("&", *_AND_WORDS_LATIN, *_AND_WORDS_OTHER)) + r")\s+(?=[^,]*$)"
)
LIST_MAX_CHARS = 160


def not_a_byline_name(names: list[str], structured: bool) -> bool:
    """Names as no byline writes a person's: a login or handle, one word in Latin letters ("kffnirmitap",
    "andrew.keaveney", "KatieS", "Fullysecret"), or, in structured data, a credit line ("content: Acme, design: Jane
    Doe"). A visible byline that names a person is taken over them."""
    return all(" " not in n and n.isascii() for n in names) or (structured and any(":" in n for n in names))


# a newsroom's collective name given as the author ("La Rédaction", "Redacción", "Editorial Team", "Редакция", "編集部"):
# its words, in the languages' spellings; a person the page names later is the writer, as over an organisation
_DESK_WORDS = frozenset(
    "the la le el il lo a die der de het redaktion redaction rédaction redacción redaccion redazione redakcja redakce "
    "redakcia redactie redaksjonen redaktionen redaksi redação redacao redacció uredništvo szerkesztőség toimitus "
    "редакция редакція редакцията редакција σύνταξη editorial editors editor team staff newsroom desk "
    "編集部 编辑部 編輯部 편집부".split()
)


def desk_name(value: str) -> bool:
    """Is ``value`` a newsroom's collective name (``_DESK_WORDS`` only, one of them no article: "La Rédaction",
    "Editorial Team", "編集部"), not a person's?"""
    words = value.casefold().split()
    return bool(words) and all(w in _DESK_WORDS for w in words) and words[-1] in _DESK_WORDS - _DESK_ARTICLES


_DESK_ARTICLES = frozenset("the la le el il lo a die der de het".split())


def person_name(value: str) -> bool:
    """A name of two words or more as a byline writes it ("Jane Doe", "Aoife O'Riordan")."""
    return len(value.split()) > 1 and _plausible_name(value)


def without_organisation(name: str, organisations: set[str]) -> str:
    """A structured author less the parts that name the site or its publisher ("Jane Doe and John Roe, The Daily
    Paper" → "Jane Doe and John Roe"); ``organisations`` are casefolded."""
    parts = name.split(", ")
    kept = [p for p in parts if p.casefold() not in organisations]
    return ", ".join(kept) if kept and len(kept) < len(parts) else name


# a note in brackets after a byline's name, kept as the page writes it: an agency or outlet ("Jane Doe (Reuters)"), a
# role ("Lance Ryan (Content Manager)"), a handle's owner
_BRACKETED_AFTER_NAME_RE = re.compile(r"\s+\((?=[^\W\d_])[^()\d@]{1,40}\)$")


def _plausible_name(value: str) -> bool:
    value = _BRACKETED_AFTER_NAME_RE.sub("", value)
    words = value.replace(" & ", " and ").split()
    if not words or len(words) > 8 or len(value) > 70 or re.search(r"\d|@|https?:", value):
        return False
    if any(w.lower() in _NAME_CONNECTORS or w in _NAME_PARTICLES for w in (words[0], words[-1])):
        return False
    return all(_capitalised(w) or w.lower() in _NAME_CONNECTORS or w in _NAME_PARTICLES for w in words)


# a word of a script without letter case (Chinese, Japanese, Korean, Arabic, Hebrew…) is a name's as written, up to
# this many characters (a name without spaces between its parts, "山田太郎"); a longer one is a phrase
_CASELESS_NAME_CHARS = 8


def _capitalised(word: str) -> bool:
    """A word written as a name is: capitalised, or in a script without letter case; after a particle glued to it
    at most ("al-Farouq", "d'Estaing")."""
    glued = _GLUED_PARTICLE_RE.match(word)
    if glued and glued.end() < len(word):
        word = word[glued.end() :]
    first = word[0]
    if first.isupper():
        return True
    return first.isalpha() and first.lower() == first.upper() and len(word) <= _CASELESS_NAME_CHARS


def byline_names(tree, max_nodes: int = 4000, skip: int = 0) -> list[str]:
    """Names from a visible byline: "By Jane Doe", "Written by" / "Author" followed by the
    name in the next text node ("<span>By</span> <a>Jane Doe</a>"). A byline among the first ``skip`` text nodes (the
    navigation above the headline: "Filter by Use Case") is taken only when none comes later."""
    body = tree.find("body")
    if body is None:
        return []
    texts = body.xpath(".//text()[normalize-space()]")[:max_nodes]
    lang = tree.get("lang")
    skip = min(skip, len(texts))  # the headline may come after the last node read
    lower = _LowerCaseWords(texts)
    comment_parts: dict = {}
    for start, stop in ((skip, len(texts)), (0, skip)) if skip else ((0, len(texts)),):
        for i in range(start, stop):
            t = texts[i]
            if len(t) > 120:
                continue
            parent = t.getparent()
            if parent is not None and parent.tag in ("script", "style", "option", "title", "button"):
                continue
            following = " ".join(texts[i + 1].split()) if i + 1 < len(texts) else ""
            names = byline_in_text(t, following, lang)
            if names and _BY_AFTER_NAME_RE.match(following) and in_comment_part(parent, comment_parts):
                continue  # a recent-comments widget's "<name>님이 <post>에 댓글"
            if names and not _in_navigation(parent) and not _in_credit(parent) and not lower.topics(names):
                return names
    return name_beside_date(texts, skip) or author_box_name(body)


# a "byline" listing this many names or more, each of which the page writes in lower case too, lists topics
_TOPIC_LIST_NAMES = 3
# the page's text is searched for at most this many names written in lower case: a page of list-like lines costs a
# bounded number of reads of it
_TOPIC_SEARCHES = 20


class _LowerCaseWords:
    """The words the page's text nodes write in lower case, read once when first asked, and the names (of a list) it
    writes whole in lower case, each searched once: a person's name is not there in lower case ("will fisher",
    "grace park"), a topic often is ("Kitchen Tools" beside "our kitchen tools")."""

    def __init__(self, texts: list) -> None:
        self.texts = texts
        self.words: set[str] | None = None
        self.text: str | None = None  # the page's words as written, joined by spaces
        self.written: dict[str, bool] = {}

    def topics(self, names: list[str]) -> bool:
        """Do ``names`` list topics, not writers ("By Home Decor, Kitchen Tools, and Garden Supplies")? Three names or
        more, each of which the page also writes whole in lower case ("will", "park" and "young" in the text do not
        make "Will Fisher, Grace Park, Tom Young" topics)."""
        if len(names) < _TOPIC_LIST_NAMES:
            return False
        if self.words is None:
            self.words = {w for t in self.texts for w in _WORD_RE.findall(t) if w.islower()}
        phrases = [[w.lower() for w in _WORD_RE.findall(n)] for n in names]
        if not all(ws and all(w in self.words for w in ws) for ws in phrases):
            return False
        return all(self._written(" ".join(ws)) for ws in phrases)

    def _written(self, phrase: str) -> bool:
        """Does the page write ``phrase`` (lower-case words) whole? False once ``_TOPIC_SEARCHES`` were searched."""
        if phrase not in self.written:
            if len(self.written) >= _TOPIC_SEARCHES:
                return False
            if self.text is None:
                self.text = " " + " ".join(" ".join(_WORD_RE.findall(t)) for t in self.texts) + " "
            self.written[phrase] = f" {phrase} " in self.text
        return self.written[phrase]


_WORD_RE = re.compile(r"\w+")


# the article's date is looked for in this many text nodes from where a byline is read (around the headline)
_DATE_LINE_NODES = 40
# what separates the parts of a meta line ("Jane Doe | Senior Writer | July 2, 2025", "Dec 19, 2025 · Jane Doe")
# ("发布时间：2025-12-17　来源：新华网　作者：张伟": the ideographic space of a Chinese or Japanese meta line)
# (a slash between digits is a date's: "03/04/2024 · Jane Doe")
_META_SEPARATOR_RE = re.compile(r"\s*(?:[|·•\u3000]|(?<!\d)/|/(?!\d)|\s[-–—]\s)\s*")
# what follows a name in a meta line: its category ("Jane Doe in Guides"), the body it writes for
_AFTER_NAME_RE = re.compile(r"\s+(?:in|on behalf of|for)(?:\s.*)?$")


def name_beside_date(texts: list, start: int = 0) -> list[str]:
    """The name a meta line gives without a label, beside the article's date: "Dec 19, 2025 · Jane Doe", "<span>Dec
    17, 2025</span><span>Jane Doe</span>", "Jane Doe | Senior Writer | July 2, 2025". Only the first date from
    ``start`` (the article's, around its headline) is read, and only a person's name of two to four capitalised words
    beside it that is no place (:mod:`.places`: a dateline, "Los Angeles · Dec 17, 2025") is taken (the line's first other part, or the text node next to the date's, else the one before it)."""
    for i in range(start, min(len(texts), start + _DATE_LINE_NODES)):
        line = " ".join(texts[i].split())
        if len(line) > 120 or not _a_date_in(line):
            continue
        # split before the spaces are normalised: str.split() reads the ideographic space as one
        parts = [" ".join(p.split()) for p in _META_SEPARATOR_RE.split(str(texts[i]).strip()) if p.strip()] or [line]
        if len(parts) == 1:
            parts = _name_comma_date(line) or parts
        others = [p for p in parts if not _a_date_in(p)]
        if len(parts) > 1:
            # the part a byline label opens, else the first that is no date ("来源：新华网" before "作者：张伟")
            labelled = [p for p in others if _BYLINE_RE.match(p)]
            candidates = [((labelled or others)[0], i)] if others else []
        elif len(line) <= 40:  # a node that is only the date: its neighbours, past a writer's role between
            candidates = [_past_role(texts, _meta_part(texts, i, step), step) for step in (1, -1)]
        else:
            candidates = []
        for c, j in filter(None, candidates):
            names = _shown_name(c, texts, j)
            # a dateline's place ("Los Angeles · Dec 17, 2025", <span class="location">…</span>)
            if names and (in_place_markup(texts[j]) or place_name(names[0], page_language(texts[j]))):
                return []
            if names:
                return names
        if dates_in_text(line, first_only=True):
            return []
        # a relative time with no name beside it ("Updated 3 hours ago" above the byline's line) is passed over
    return []


def _name_comma_date(line: str) -> list[str]:
    """A meta line that writes its name and date apart by a comma only ("Hans Müller, 15. März 2024", "Jane Doe,
    March 4, 2024"): the two parts, when what follows the first comma is a date alone (:func:`_only_a_date`); [] for
    a sentence or a dateline ("London, March 4, 2024" goes to the place check as the name would)."""
    head, comma, tail = line.partition(",")
    if not comma or not head.strip() or len(head) > 40 or not _only_a_date(tail.strip()):
        return []
    return [head.strip(), tail.strip()]


# a time relative to the reader's, as a meta line shows the article's date: "3 days ago", "an hour ago"
_AGO = r"(?:\d{1,3}|an?|one)\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b"
_AGO_RE = re.compile(r"(?<!\w)" + _AGO, re.IGNORECASE)


# an ISO date in a meta line ("发布时间：2025-12-17 10:30")
_ISO_DATE_IN_TEXT_RE = re.compile(
    r"(?<![\d-])(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\d-])|"
    # a day, month and year in digits, dotted (also spaced: "4. 3. 2024", the Czech and Slovak way): "04.03.2024 |
    # Jan Novák"
    r"(?<![\d.,/])(?:0?[1-9]|[12]\d|3[01])\.\s?(?:0?[1-9]|1[0-2])\.\s?(?:19|20)\d{2}(?![\d.,]\d)|"
    # or slashed, either way round ("03/04/2024 · Jane Doe")
    r"(?<![\d.,/])(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|[12]\d|3[01])/(?:19|20)\d{2}(?![\d/]|[.,]\d)"
)


def _a_date_in(text: str) -> bool:
    """Does ``text`` show a date ("March 4, 2025", "2025-03-04"), or a time relative to the reader's ("3 days ago")?"""
    return bool(dates_in_text(text, first_only=True) or _AGO_RE.search(text) or _ISO_DATE_IN_TEXT_RE.search(text))


# words of a label, a control or a reading time, not of a name ("Posted On", "Last Updated", "Share Article")
_LABEL_WORDS = frozenset(
    "posted updated published written reviewed edited by on last read min minutes share about meet author autor auteur "
    "autore autorin".split()
)
# words of a meta line's other parts that are no person's name ("No Comments", "Press Release", "Breaking News")
_NOT_NAME_WORDS = frozenset(
    "no comments comment news release press breaking live update updates video photos gallery opinion analysis "
    "sponsored editorial staff desk team newsroom "
    # the same in other languages (de fr es it pt nl sv da pl cs): "Keine Kommentare", "Sin Comentarios", "Geen
    # Reacties", "Aktuelle Nachrichten", "Actualités Locales", "Redaktion" (German writes its nouns capitalised, so
    # the page's lower-case words do not tell them from names); not their "no" ("Sin", "Sem", "Inga" are names)
    "kommentar kommentare kommentieren nachrichten aktuell aktuelle aktuelles meinung redaktion "
    "commentaire commentaires actualité actualités rédaction "
    "comentario comentarios noticias noticia actualidad redacción opinión "
    "commento commenti notizie redazione comentário comentários notícias notícia redação "
    "reactie reacties nieuws redactie kommentarer nyheter nyheder redaktionen "
    "komentarzy komentarze wiadomości redakcja komentáře zprávy redakce".split()
)
_NOT_WRITER_WORDS = _OUTLET_AND_ROLE_WORDS | _ORGANISATION_HEADS | _NOT_NAME_WORDS | _LABEL_WORDS
# a credit that makes the name after it no writer's ("Medically reviewed by", "Photo:", "Image credit")
_CREDIT_RE = re.compile(
    r"(?:reviewed|checked|edited|photo\w*|illustrat\w*|images?|credits?|sources?|via)\b\W*(?:by)?\W*$", re.I
)


def _shown_name(text: str, texts: list, j: int) -> list[str]:
    """The writer ``text`` (a part of the text node ``texts[j]``) names as a meta line or a writer's box shows it:
    a byline ("By Jane Doe", "Written By" and the name in the next node), else a person's name of two to four
    capitalised words that is no credit, label nor words the page writes in lower case; [] when it names none."""
    node = texts[j]
    if not _named_by(node) or (j and _CREDIT_RE.search(" ".join(texts[j - 1].split())[-40:])):
        return []
    m = _BYLINE_RE.match(text)
    lang = page_language(node)
    # a label that is a first name too, on a page of another language, opens a name ("Per Nilsson", "Oleh Petrenko")
    if m and not (_label_of(text, m) in _FIRST_NAME_LABELS and _gated_out(_label_of(text, m), lang)):
        return byline_in_text(text, " ".join(texts[j + 1].split()) if j + 1 < len(texts) else "", lang)
    name = clean_author(_AFTER_NAME_RE.sub("", text).strip(" ,.:")) or ""
    if not _META_NAME_RE.fullmatch(name) or not person_name(name) or _words_of(name, texts):
        return []
    return [] if any(w.lower() in _LABEL_WORDS or w.lower() in _NOT_NAME_WORDS for w in name.split()) else [name]


# two to four words of letters (initials with a dot, hyphenated and apostrophised names)
_META_NAME_RE = re.compile(r"[^\W\d_][\w.'’-]*(?:\s[^\W\d_][\w.'’-]*){1,3}")
# a link in a meta line that may name the writer: to a page of people, not to a category, tag or the page's section
_PEOPLE_HREF_RE = re.compile(
    r"auth?or|auteur|autore|redac|redak|journalist|profile|people|person|team|staff|user|member|writer|contributor|expert|about"
)
_HEADINGS = frozenset(("h1", "h2", "h3", "title", "button", "label", "option"))


def _named_by(node) -> bool:
    """Is the text node one that may name a person: not a heading, a control, a menu, nor a link to a category?"""
    el = node.getparent()
    if el is not None and node.is_tail:  # a tail stands in its element's parent ("<h2>Sub</h2>Dec 17, 2025 · Jane")
        el = el.getparent()
    if el is None or _in_navigation(el):
        return False
    for a in (el, *el.iterancestors()):
        if a.tag in _HEADINGS:
            return False
        if a.tag == "a" and a.get("href") and not _PEOPLE_HREF_RE.search(a.get("href").lower()):
            return False
    return True


def _words_of(name: str, texts: list) -> bool:
    """Does a word of ``name`` appear in lower case in the page's text ("Healthy Eating Tips": "healthy eating" in
    the article)? A person's name does not."""
    words = [w for w in re.findall(r"[^\W\d_]{3,}", name) if w != w.lower()]
    if not words:
        return True
    found = re.compile(r"\b(?:" + "|".join(re.escape(w.lower()) for w in words) + r")\b")
    return any(found.search(t) for t in texts)


# an element that holds a writer's box or card: "author-box", "blog_author-wrapper", "tga-author-card", "post-author"
_AUTHOR_BOX_RE = re.compile(r"(?<![a-z])author(?!ity|ities|ize|ised|ized)", re.IGNORECASE)
# a writer's box holds the name in its first few text nodes (after a label: "About the author", "Written by")
_AUTHOR_BOX_NODES = 4


def author_box_name(body) -> list[str]:
    """The writer a box or card classed as the author's names, at the top or the end of the article: the first person's
    name (two to four capitalised words, no word the page writes in lower case) among its first text nodes."""
    for el in body.iter(etree.Element):
        if not _AUTHOR_BOX_RE.search(el.get("class") or "") or _in_navigation(el) or _in_comments(el):
            continue
        shown = el.xpath(".//text()[normalize-space()]")
        if not shown:
            continue
        if len(" ".join(" ".join(shown).split())) < BYLINE_MAX_CHARS:
            return []  # a short box is a byline, read as one by trafilatura's search; or a forum's poster box
        shown = shown[:_AUTHOR_BOX_NODES]
        texts = body.xpath(".//text()[normalize-space()]")
        first = _node_index(texts, shown[0])
        for j in range(first, first + len(shown)):
            names = _shown_name(" ".join(texts[j].split()), texts, j)
            if names:
                return names
        return []  # the first box only: later ones are other articles' cards
    return []


def _node_index(texts: list, node) -> int:
    """Where the text node ``node`` stands in ``texts`` (the same text may stand earlier elsewhere)."""
    parent, tail = node.getparent(), node.is_tail
    return next(k for k, t in enumerate(texts) if t == node and t.getparent() is parent and t.is_tail == tail)


_COMMENT_RE = re.compile(r"comment|repl(?:y|ies)|respon", re.IGNORECASE)


def _in_comments(el) -> bool:
    """Does the element lie in the comments (a commenter's "comment-author" box is no writer's)?"""
    return any(
        _COMMENT_RE.search((a.get("class") or "") + " " + (a.get("id") or "")) for a in (el, *el.iterancestors())
    )


def _past_role(texts: list, part: tuple[str, int] | None, step: int) -> tuple[str, int] | None:
    """``part``, or the text node past it in direction ``step`` when ``part`` is only a writer's role ("Jane Doe /
    Staff Writer / March 4, 2025", a card's name, title and date on three lines)."""
    if part is None or len(part[0]) > 40 or not _AUTHOR_ROLE_RE.fullmatch(" " + part[0]):
        return part
    return _meta_part(texts, part[1], step)


def _meta_part(texts: list, i: int, step: int) -> tuple[str, int] | None:
    """The text node next to ``texts[i]`` in direction ``step`` that is more than a separator ("·", "|"), with its
    index; of a node that holds several parts of the meta line ("· 5 min · Jane Doe" after the date), the part nearest
    the date past a reading time."""
    j = i + step
    while 0 <= j < len(texts):
        part = " ".join(texts[j].split())
        if part.strip("|·•/-–— "):
            parts = [p for p in _META_SEPARATOR_RE.split(part) if p.strip() and not _READING_TIME_RE.fullmatch(p)]
            if len(parts) > 1 or (parts and parts[0] != part.strip("|·•/-–— ")):
                return (parts[0] if step > 0 else parts[-1]), j
            return part, j
        j += step
    return None


# a meta line's reading time ("5 min", "5 min read", "5 Min. Lesezeit", "5 min de lecture", "5分で読めます", "5분 읽기")
_READING_TIME_RE = re.compile(
    r"\d{1,3}\s*(?:min(?:ute)?s?\.?|мин\.?|分钟?|분|dk)(?:\s+[^\W\d_][\w.]*){0,3}|(?:阅读|閱讀)需?\s*\d{1,3}\s*分钟",
    re.IGNORECASE,
)


# a menu's heading is no byline ("By Use Case", "By Company Size"): text inside a <nav> or a <footer>, or in a list item
# / list classed as a menu ("menu-item", "sub-menu", "dropdown-menu", "nav-list")
_NAVIGATION_TAGS = frozenset(("nav", "footer"))
_MENU_CLASS_RE = re.compile(r"menu|nav", re.IGNORECASE)


# a "By …" in a figure's caption is a photo credit ("By Jane Doe/Reuters"), in a quotation its source's
_CREDIT_TAGS = frozenset(("figure", "figcaption", "blockquote"))


def _in_credit(el) -> bool:
    """Does the element lie in a figure, its caption or a quotation?"""
    return el is not None and (el.tag in _CREDIT_TAGS or any(a.tag in _CREDIT_TAGS for a in el.iterancestors()))


# a <nav> below the headline with this many links or more is a menu still (one with fewer: the post's meta line)
_MENU_LINKS = 5


def _in_menu(el, above: bool = True) -> bool:
    """Does the element lie in a ``<nav>`` or a list classed as a menu (not a footer: an article's own footer holds
    its byline)? A ``<nav>`` that holds a headline holds the page (a page whose menu is never closed); one below the
    headline (``above`` False) with fewer than ``_MENU_LINKS`` links is the post's meta line ("By Jane Doe · Politics")."""
    while el is not None:
        if el.tag == "nav" and el.find(".//h1") is None and (above or len(el.findall(".//a")) >= _MENU_LINKS):
            return True
        if el.tag in ("ul", "li") and _MENU_CLASS_RE.search(el.get("class") or ""):
            return True
        el = el.getparent()
    return False


def _in_navigation(el) -> bool:
    """Does the element lie in a navigation menu or a footer (not the ``<footer>`` of an ``<article>``, which holds
    the article's own byline: "<article>…<footer>Written by Jane Doe</footer></article>")?"""
    while el is not None:
        if el.tag == "footer" and any(a.tag == "article" for a in el.iterancestors()):
            el = el.getparent()
            continue
        if el.tag in _NAVIGATION_TAGS or (el.tag in ("ul", "li") and _MENU_CLASS_RE.search(el.get("class") or "")):
            return True
        el = el.getparent()
    return False


def byline_in_text(text: str, following: str = "", lang: str | None = None) -> list[str]:
    """The names of a byline line ("By Tom Baker, June 2, 2024", "Written by A and B | Updated ..."); a bare "By"
    takes its name from ``following``. [] when the line is no byline. ``lang``: the page's language, which the labels
    that are English words too ("Door", "Av") need."""
    line = " ".join(text.split())
    m = _BYLINE_RE.match(line)
    if not m:
        if following and _BY_AFTER_NAME_RE.match(following) and _name_alone(line):
            return [line]  # "<span>Ayşe Yılmaz</span> tarafından …", "<span>김민지</span>님이 … 작성"
        reporter = _REPORTER_AFTER_RE.match(line)
        if reporter:
            return [reporter.group(1)]
        dated = _DATE_THEN_BYLINE_RE.match(line) if len(line) <= 160 else None
        if dated and _only_a_date(dated.group(1)):  # "Posted on March 4, 2025 by Jane Doe"
            return byline_in_text(line[dated.end() :], following, lang)
        ago = _AGO_THEN_BYLINE_RE.match(line) if len(line) <= 160 else None
        if ago and ago.end() < len(line):  # "Posted 2 days ago by Jane Doe"
            return byline_in_text(line[ago.end() :], following, lang)
        review = _REVIEW_THEN_BYLINE_RE.match(line) if len(line) <= 160 else None
        if review:  # "Medically reviewed by Dr. John Roe — Written by Jane Doe on March 4, 2025": the writer's part
            return byline_in_text(line[review.end() :], following, lang)
        return []
    if _gated_out(_label_of(line, m), lang):
        return []
    rest = m.group(1).strip()
    if not rest and len(following.split()) > FOLLOWING_MAX_WORDS:
        return []  # "By:" before a paragraph of text: its first words are no name
    rest = _without_outlet(_HANDLES_RE.sub("", _before_other_credit(rest or following)))
    names = (
        _listed_names(rest)
        or _names_with_roles(rest)
        or (_plural_list(rest) if _label_of(line, m) in _PLURAL_LABELS else [])
    )
    if not names:
        rest = _NAME_CUT_RE.sub("", rest).strip(" :")
        rest = rest if _SUFFIX_DOT_RE.search(rest) else rest.strip(" .")
        names = [n.strip() for n in _NAME_SPLIT_RE.split(rest) if n.strip()]
    if _BARE_PREPOSITION_RE.match(text) and any(len(n.split()) < 2 for n in names):
        return []  # "Di Maio", "Von Trapp": a surname, not a byline
    names = _without_desk_after(names)
    return names if names and all(_plausible_name(n) for n in names) else []


# the words of a newsroom or a wire named after the writers ("By Jane Doe and the Daily Post staff", "… and staff
# reports", "… and wire services")
_DESK_AFTER_WORDS = frozenset("staff reports wire wires services agencies newsroom desk".split())


def _without_desk_after(names: list[str]) -> list[str]:
    """``names`` less a last part that is a newsroom or a wire written as no name is ("the Daily Post staff", "staff
    reports"), after persons' names of two words or more."""
    if len(names) < 2 or _plausible_name(names[-1]) or not all(person_name(n) for n in names[:-1]):
        return names
    return names[:-1] if any(w.casefold() in _DESK_AFTER_WORDS for w in names[-1].split()) else names


# a name's closing abbreviation keeps its dot ("John Roe Jr.", "John Roe Sr.")
_SUFFIX_DOT_RE = re.compile(r"\s(?:Jr|Sr)\.$")


# the credit of another contributor after the writer's ("Texto: Juan García. Fotos: María López", "By Jane Doe.
# Photography by John Roe", "文：山田太郎、写真：佐藤花子", "文/张三 图/李四"): a photographer, illustrator or translator
# is no writer
_OTHER_CREDIT_RE = re.compile(
    r"(?:[\s.,;|·•、，]+)(?:(?:additional\s+)?(?:photos?|photography|photographs|pictures?|images?|illustrations?|"
    r"illustrated|video|graphics?|translated|translation|fotos?|fotografie|fotografías?|fotografia|photographie|"
    r"illustration|bilder?|bild|zdjęcia|kuvat|valokuvat|traducción|tradução|übersetzung)"
    r"(?:\s+(?:by|von|de|di|por|par|av|af|door)(?!\w)|\s*[:：/／])|(?:写真|撮影|图|圖|照片|摄影|插图|插圖|イラスト|翻訳|翻译)\s*[:：/／=＝])",
    re.IGNORECASE,
)


def _before_other_credit(text: str) -> str:
    """A byline's text up to the credit of another contributor that follows the writer's (``_OTHER_CREDIT_RE``)."""
    m = _OTHER_CREDIT_RE.search(text[:LIST_MAX_CHARS])
    return text[: m.start()] if m and m.start() > 0 else text


# the labels that name several writers: what follows is a list, its commas included ("Autoren: Hans Müller, Anna
# Schmidt"), where after a singular label a name after a comma is more often a role, desk or place
_PLURAL_LABELS = frozenset(
    "authors autoren autores auteurs autori autorzy autoři autorky autorki autorid autoriai forfattere kirjoittajat "
    "yazarlar szerzők автори авторы συντάκτες συγγραφείς".split()
)


def _plural_list(text: str) -> list[str]:
    """The persons' names a plural label lists ("Hans Müller, Anna Schmidt und Jan Novák | 4. März 2025"): the parts
    from the start, split at commas and the languages' "and", each a person's name (:func:`_listed_person`), up to
    the first that is not; [] for fewer than two."""
    names = []
    for part in _NAME_SPLIT_RE.split(text[:LIST_MAX_CHARS]):
        part = part.strip(" .")
        if not _listed_person(part):
            break
        names.append(part)
    return names if len(names) > 1 else []


def _label_of(line: str, m: re.Match) -> str:
    """The label of a byline line ``_BYLINE_RE`` matched, case-folded ("Escrito por: Juan" → "escrito por")."""
    return line[: m.start(1)].strip(" :：-–—/／=＝").casefold()


def _gated_out(label: str, lang: str | None) -> bool:
    """Is ``label`` a byline label only in other languages than the page's (``_LANGUAGE_LABELS``: "Door", "Oleh")?"""
    return label in _LANGUAGE_LABELS and not (lang or "").lower().startswith(_LANGUAGE_LABELS[label])


def _without_outlet(text: str) -> str:
    """A byline less the outlet each writer wrote for ("Jane Doe for The Guardian and John Roe for Reuters" → "Jane
    Doe and John Roe"): only after a person's name (:func:`_listed_person`); an organisation's own "for" ("Texas
    Coalition for Heritage Spanish", "Americans for Prosperity") stays."""
    parts = _WRITER_SPLIT_RE.split(text)
    for i in range(0, len(parts), 2):
        m = _FOR_OUTLET_RE.search(parts[i])
        if m and _listed_person(parts[i][: m.start()]):
            parts[i] = parts[i][: m.start()]
    return "".join(parts)


def _listed_person(name: str) -> bool:
    """A writer's name as a list or a "for" byline gives it: two to four capitalised words, none of an organisation,
    an outlet, a role or a label ("Staff Writers", "Los Angeles Times", "Ann Poe Associated Press"), and no place."""
    words = name.split()
    return (
        2 <= len(words) <= 4
        and ":" not in name
        and person_name(name)
        and not any(w.casefold().strip(".") in _NOT_WRITER_WORDS for w in words)
        and not place_name(name)
    )


def _listed_names(text: str) -> list[str]:
    """The names of a byline listing three writers or more ("Jane Doe, John Roe, and Ann Poe | March 4, 2025"):
    commas, then "and" / "&" before the last name, each a name of two to four words without a role; [] else."""
    if len(text) > LIST_MAX_CHARS or "," not in text:
        return []
    head = _NAME_CUT_RE.sub("", text.replace(",", "\x00")).replace("\x00", ",").strip(" .:")
    join = _LAST_NAME_JOIN_RE.search(head)
    if not join:
        return []
    names = [n.strip() for n in head[: join.start()].split(",")] + [head[join.end() :].strip()]
    if len(names) < 3 or not all(_listed_person(n) for n in names):
        return []
    return names if all(clean_author(n) == n for n in names) else []


def _names_with_roles(text: str) -> list[str]:
    """The writers of a byline that gives each one's role after a comma, joined by "and" / "&" ("Jane Doe, Staff Writer
    and John Roe, Contributing Editor | March 4, 2025"): each name of two to four words, each role one of
    ``_AUTHOR_ROLE_RE``'s; [] else (a comma then ends the first name, as before)."""
    if len(text) > LIST_MAX_CHARS or "," not in text:
        return []
    head = _NAME_CUT_RE.sub("", text.replace(",", "\x00")).replace("\x00", ",").strip(" .:")
    parts = re.split(r"\s+(?:and|&)\s+|\s*&\s*", head)
    if len(parts) < 2:
        return []
    names = []
    for part in parts:
        name, comma, role = part.partition(",")
        if (comma and not _AUTHOR_ROLE_RE.fullmatch(" " + role.strip())) or not _listed_person(name.strip()):
            return []
        names.append(name.strip())
    return names


# a byline label alone ("By:") takes its name from the next text when that is a line of at most this many words
# ("Jane Doe | March 4, 2025 | 5 min read"), not a paragraph
FOLLOWING_MAX_WORDS = 12
# a date (a year closing it, and a time of day) before the byline on the same line: "Posted on March 4, 2025 by Jane
# Doe", "4 mars 2025 par Marie Dupont", "2025-03-04 10:15 | By Jane Doe"
_DATE_THEN_BYLINE_RE = re.compile(
    # (a Chinese / Japanese / Korean date's year, month and day: "2024年3月4日 投稿者: …", "2024년 3월 4일 글쓴이: …")
    r"(.{0,40}?\b(?:19|20)\d{2}(?:(?:[-./]\d{1,2}[-./]\d{1,2})?\b|年\d{1,2}月\d{1,2}日|년\s*\d{1,2}월\s*\d{1,2}일)\.?)"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?)?)?\s*[,|·•\-–—]?\s*(?=\S)",
    re.IGNORECASE,
)
# a time relative to the reader's ("2 days ago", "an hour ago"), after a date's label at most, before the byline on
# the same line: "Posted 2 days ago by Jane Doe", "Updated 3 hours ago | By Jane Doe"
_AGO_THEN_BYLINE_RE = re.compile(
    r"\W*(?:(?:last\s+)?(?:posted|published|updated|modified)\b[\s:]*)?" + _AGO + r"\s*[,|·•\-–—]?\s*",
    re.IGNORECASE,
)
# a reviewer's or editor's credit before the writer's byline on the same line, up to its separator ("Medically
# reviewed by Dr. John Roe — Written by Jane Doe", "Fact checked by John Roe | By Jane Doe")
_REVIEW_THEN_BYLINE_RE = re.compile(
    r"(?:(?:medically|clinically|expert)\s+)?(?:reviewed|fact[- ]?checked|checked|edited)\s+by\s+[^|·•—–]{2,60}?"
    r"\s*[|·•—–]\s*(?=\S)",
    re.IGNORECASE,
)
# the label a date before a byline may carry ("Posted on", "Last updated:", "Publié le")
_DATE_LABEL_RE = re.compile(
    r"\W*(?:(?:last\s+)?(?:posted|published|updated|modified|dated?|publiée?|mis\s+à\s+jour|veröffentlicht|"
    r"aktualisiert|publicad[oa]|actualizad[oa]|atualizad[oa]|pubblicat[oa]|aggiornat[oa]|gepubliceerd|geplaatst|"
    r"bijgewerkt|opublikowano|опубликовано|publicerat|publicerad|publikováno|yayınlandı|投稿日|发布于|發佈於|게시일)"
    r"(?![^\W\d_])(?:\s+(?:on|le|el|em|am|il|op|den))?[\s:：]*)?",
    re.IGNORECASE,
)
# the words a date may hold besides its month: a weekday, "of" / "de", an ordinal's suffix
_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun of de del "
    "st nd rd th er lundi mardi mercredi jeudi vendredi samedi dimanche montag dienstag mittwoch donnerstag freitag "
    "samstag sonntag lunes martes miércoles jueves viernes sábado domingo lunedì martedì mercoledì giovedì venerdì "
    "sabato domenica segunda terça quarta quinta sexta feira maandag dinsdag woensdag donderdag vrijdag zaterdag "
    "zondag".split()
)


def _only_a_date(text: str) -> bool:
    """Is ``text`` a date, after a date's label at most ("Posted on March 4, 2025", "Monday, 4 mars 2025",
    "2025-03-04"), not a sentence that holds one ("The law was signed on March 4, 2025")?"""
    rest = text[_DATE_LABEL_RE.match(text).end() :]
    words = re.findall(r"[^\W\d_]+", _CJK_DATE_PARTS_RE.sub(" ", rest))
    if any(w.casefold() not in _DATE_WORDS and not is_month_name(w) for w in words):
        return False
    # a dotted date with a space after each dot too ("Publikováno 4. 3. 2024 od …", the Czech and Slovak way)
    return bool(dates_in_text(text, first_only=True) or _numeric_date(rest.strip(), True, spaced=True))


# the year, month and day marks of a Chinese, Japanese or Korean date ("2024年3月4日", "2024년 3월 4일")
_CJK_DATE_PARTS_RE = re.compile(r"(?<=\d)\s*[年月日년월일]")


# the bylines of other languages that open with a bare preposition ("Von …", "Par …") name a person in two words or more
_BARE_PREPOSITION_RE = re.compile(r"\s*(?:von|par|por|di|door|av|af|oleh|ni|da|przez|od)\b", re.IGNORECASE)
# what separates the names of a byline: commas (also the ideographic ones), "and" in several languages, "&"
_NAME_SPLIT_RE = re.compile(
    # "AND" / "UND" as a byline set in capitals writes them ("BY JANE DOE AND JOHN ROE"); not "E", "Y" (initials)
    r"\s*(?:[,、，]|\b(?:"
    + "|".join((*_AND_WORDS_LATIN, "AND", "UND"))
    + r")\b|(?<!\S)(?:"
    + "|".join(_AND_WORDS_OTHER)
    + r")(?!\S)|&)\s*"
)
# the same, keeping the separators (``re.split`` gives them between the names)
_NAME_SEPARATOR_RE = re.compile(f"({_NAME_SPLIT_RE.pattern})")


def _people_from_meta(st: S.Structured) -> tuple[list[str], str]:
    """Names from the first author meta tag that has one, and its source: ``opengraph`` for ``article:author``,
    ``meta`` for ``<meta name="author">`` and the other named tags."""
    for key in (
        "author",
        "article:author",
        "parsely-author",
        "dc.creator",
        "sailthru.author",
        "byl",
        "citation_author",
        # other publishers' and CMSs' names of the writer
        "og:article:author",
        "article:author_name",
        "author_name",
        "dcterms.creator",
        "cxenseparse:author",
    ):
        out: list[str] = []
        for v in st.meta.get(key, []):
            v = " ".join(v.split())
            if v.lower().startswith("by "):
                v = v[3:]
            if v and not v.startswith(("http://", "https://")) and v not in out:
                out.append(v)
        if out:
            return out, "opengraph" if ":" in key else "meta"
    return [], "meta"


def _twitter_written_by(st: S.Structured) -> list[str]:
    """Yoast-style ``twitter:label1 = "Written by"`` / ``twitter:data1 = name`` pairs."""
    for i in range(1, 5):
        label = st.meta_first(f"twitter:label{i}")
        if label and label.strip().lower() in ("written by", "author", "by"):
            value = st.meta_first(f"twitter:data{i}")
            return [value] if value else []
    return []


def _tf_author(tree) -> list[str]:
    """trafilatura's byline search (only run when needed), each name spelt as the byline writes it: trafilatura's
    normalisation turns the dots of initials and titles into spaces ("Dr. Jane Q. Roe" → "Dr Jane Q Roe")."""
    written: list[str] = []
    try:
        author = _byline_search(tree, written)
    except Exception:  # noqa: BLE001 - a library edge case must not fail the extraction  # pragma: no cover
        return []
    if author and written:
        labelled = _foreign_byline(written[0], tree.get("lang"))
        if labelled:
            return ["; ".join(labelled)]
        author = "; ".join(_as_written(name, written[0]) for name in author.split("; "))
    return [author] if author else []


def _foreign_byline(text: str, lang: str | None) -> list[str]:
    """The names of an author element's text that opens with another language's byline label, read as a visible
    byline is ("Par Marie Dupont, le 4 mars 2025" → "Marie Dupont"; trafilatura's normalisation keeps the label and
    makes the date's "le" a second name); [] for any other text (English bylines keep trafilatura's reading)."""
    line = " ".join(text.split())
    line = _AUTHOR_SUFFIX_RE.sub("", line) or line  # "Par Claire Martin » lun. 4 mars 2024": the part before "»"
    m = _BYLINE_RE.match(line) if len(line) < BYLINE_MAX_CHARS else None
    if not m:
        return []
    label = _label_of(line, m)
    if _ENGLISH_LABEL_RE.fullmatch(label) or _gated_out(label, lang):
        return []
    return _co_authors(m.group(1)) or byline_in_text(line, "", lang)


def _co_authors(text: str) -> list[str]:
    """The persons' names that open ``text`` (what follows a byline's label), split at commas and the languages'
    "and": up to the first part that is no person's name ("Marie Dupont, envoyée spéciale à Kiev", "…, le 4 mars
    2025", "…, Europa Press", "…, Agencia EFE": no word in capitals), and up to the last joined by an "and" ("Juan
    García, María López y Pedro Ruiz", "Juan García y María López"); a name after a comma alone is more often a role,
    a desk, a city or an outlet written like one ("Juan García, Enviado Especial", "…, Ciudad de México")."""
    pieces = _NAME_SEPARATOR_RE.split(text)  # a name, its separator, a name, …
    names, last = [], 0
    for i in range(0, len(pieces), 2):
        part = pieces[i].strip(" .")
        if not _listed_person(part) or any(len(w) > 1 and w.isupper() for w in part.split()):
            break
        names.append(part)
        if i and pieces[i - 1].strip() not in ",、，":
            last = len(names) - 1
    return names[: last + 1]


def _as_written(name: str, text: str) -> str:
    """``name`` as ``text`` writes it when the two differ only by the dots after its words ("Dr Jane Q Roe" in "By
    Dr. Jane Q. Roe, Editor" → "Dr. Jane Q. Roe"); else ``name``."""
    words = name.split()
    if len(words) < 2 or "." not in text:
        return name
    m = re.search(r"(?<!\w)" + r"\.?\s*".join(re.escape(w) for w in words) + r"(?!\w)", text)
    return " ".join(m.group().split()) if m and "." in m.group() else name


BYLINE_MAX_CHARS = 120  # extract_author's length limit

# trafilatura's author and discard XPaths (``trafilatura.xpaths``), as the tests of one element. libxml2 evaluates
# each ``re:test`` by a call back into Python, for every element of the page (≈ 2-3 ms a page for each of the four
# XPaths); here one walk over the elements tests all four. The expressions they stand for are checked at import
# (``_MIRRORED``): if trafilatura's change, its own search runs instead (slower, never different), and a test says so.
_MIRRORED = (
    "//*[self::a or self::address or self::div or self::link or self::p or self::span or self::strong][ "
    "@rel='author' or @id='author' or @class='author' or @itemprop='author name' or rel='me' or "
    "@data-testid='AuthorCard' or @data-testid='AuthorURL' or re:test(@class, 'author-?name|AuthorName|authorName')]"
    "|//author",
    "//*[self::a or self::div or self::h3 or self::h4 or self::p or self::span][ @class='byline' or "
    "@class='username' or @class='byl' or @class='BBL' or contains(@itemprop, 'author') or "
    "re:test(@id, 'author|zuozhe|bianji|xiaobian') or re:test(@class, "
    "'author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name')]",
    "//*[ contains(@data-component, 'Byline') or contains(@itemprop, 'author') or re:test(@id, '[Aa]uthor') or "
    "re:test(@class, '[Aa]uthor|screenname|writer|[Bb]yline')]",
    ".//*[self::a or self::div or self::section or self::span][ @id='comments' or @class='comments' or "
    "@class='title' or @class='date' or re:test(@id, '^comments|comment-?list|ProductReviews') or "
    "re:test(@class, '^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
    "article-(?:share|support)|print|category|meta-date|meta-reviewer') or contains(@data-component, 'Figure')]",
    "//time|//figure",
)
MIRRORS_TRAFILATURA = tuple(" ".join(x.path.split()) for x in (*AUTHOR_XPATHS, *AUTHOR_DISCARD_XPATHS)) == _MIRRORED
_TAGS_1 = frozenset(("a", "address", "div", "link", "p", "span", "strong"))
_CLASS_1 = re.compile("author-?name|AuthorName|authorName")
_TAGS_2 = frozenset(("a", "div", "h3", "h4", "p", "span"))
_ID_2 = re.compile("author|zuozhe|bianji|xiaobian")
_CLASS_2 = re.compile("author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name")
_ID_3 = re.compile("[Aa]uthor")
_CLASS_3 = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
_DISCARD_TAGS = frozenset(("a", "div", "section", "span"))
_DISCARD_ID = re.compile("^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|article-(?:share|support)|"
    "print|category|meta-date|meta-reviewer"
)


def _byline_matches(tree) -> tuple[list, list, list, set]:
    """The elements each of trafilatura's three author XPaths selects (document order), and those its discard
    XPaths select, in one walk."""
    first: list = []
    second: list = []
    third: list = []
    discarded: set = set()
    # XPath's rel='me': a child element <rel> whose text is "me" (not an HTML element: the sanitiser unwraps it)
    rel_me = {rel.getparent() for rel in tree.iter("rel") if _string_value(rel) == "me"}
    for el in tree.iter(etree.Element):
        tag = el.tag
        if tag in ("time", "figure"):
            discarded.add(el)
        if not el.attrib:  # every test below but these two reads an attribute
            if tag == "author" or (tag in _TAGS_1 and el in rel_me):
                first.append(el)
            continue
        get = el.get
        cls, id_, itemprop = get("class") or "", get("id") or "", get("itemprop") or ""
        if tag == "author" or (
            tag in _TAGS_1
            and (
                get("rel") == "author"
                or id_ == "author"
                or cls == "author"
                or itemprop == "author name"
                or get("data-testid") in ("AuthorCard", "AuthorURL")
                or _CLASS_1.search(cls)
                or el in rel_me
            )
        ):
            first.append(el)
        if tag in _TAGS_2 and (
            cls in ("byline", "username", "byl", "BBL")
            or "author" in itemprop
            or _ID_2.search(id_)
            or _CLASS_2.search(cls)
        ):
            second.append(el)
        component = get("data-component") or ""
        if "Byline" in component or "author" in itemprop or _ID_3.search(id_) or _CLASS_3.search(cls):
            third.append(el)
        if (
            tag in _DISCARD_TAGS
            and el is not tree
            and (
                id_ == "comments"
                or cls in ("comments", "title", "date")
                or _DISCARD_ID.search(id_)
                or _DISCARD_CLASS.search(cls)
                or "Figure" in component
            )
        ):
            discarded.add(el)
    return first, second, third, discarded


# the link to a writer's posts that publishing software's templates write in the author box, localised ("View all
# posts by Jane Doe", "Voir tous les articles par …", "Alle Beiträge von … anzeigen", "… のすべての投稿を表示",
# "查看…的所有文章", "…의 모든 글 보기"): the name it holds
_POSTS_LINK_RE = re.compile(
    r"(?:view all posts by|voir tous les articles (?:par|de)|alle beiträge von|visualizza tutti gli articoli di|"
    r"ver todas las entradas de|ver todos os posts de|bekijk alle berichten van|"
    r"zobacz wszystkie wpisy,? których autorem jest|просмотреть все записи автора|visa alla inlägg av|"
    r"zobrazit všechny příspěvky,? jejichž autorem je|查看)\s*(?P<name>.+?)\s*"
    r"(?:anzeigen|的所有文章|)$|"
    r"(?P<before>.+?)\s*(?:のすべての投稿を表示|의 모든 글 보기|tarafından yazılmış tüm yazıları görüntüle)$",
    re.IGNORECASE,
)


def _posts_link_name(text: str) -> str | None:
    """The name a localised "View all posts by …" link holds (``_POSTS_LINK_RE``); None for any other text."""
    m = _POSTS_LINK_RE.fullmatch(" ".join(text.split()))
    return (m.group("name") or m.group("before")) if m else None


# the words after a name that make it the writer's, as Turkish and Korean write "by" after the name ("Ayşe Yılmaz
# tarafından … gönderildi", "김민지님이 … 작성": a publishing system's translated "Submitted by {name} on {date}")
_BY_AFTER_NAME_RE = re.compile(r"(?:tarafından|님이)(?![^\W\d_])")


def _name_alone(text: str) -> bool:
    """Is ``text`` a person's name alone: two words or more as a byline writes them, or one word of a script without
    letter case ("김민지", up to ``_CASELESS_NAME_CHARS``)?"""
    if person_name(text):
        return True
    return 2 <= len(text) <= _CASELESS_NAME_CHARS and all(c.isalpha() and c.lower() == c.upper() for c in text)


def _two_letter_name(text: str) -> bool:
    """A name of two characters of a script without letter case ("王芳", "李伟"), which trafilatura's length bound (more
    than two characters) leaves out."""
    return len(text) == 2 and all(c.isalpha() and c.lower() == c.upper() for c in text)


def _string_value(el) -> str:
    return "".join(el.itertext())


# a part of the page whose class or id names comments ("comments-area", "comment-author vcard", "comment__author", a
# sidebar's "widget_recent_comments" with its "comment-author-link"s): an author element there names a commenter
_COMMENT_PART_RE = re.compile(r"comment", re.IGNORECASE)


def in_comment_part(el, memo: dict | None = None) -> bool:
    """Does the element lie in a part of the page (below ``<body>``) whose class or id names comments? Not one that
    holds an ``<h1>`` or more than ``COMMENT_PART_SHARE`` of the page's text: a forum's or a Q&A page's thread, its
    first post the page's own ("<section id="comments" class="DiscussionBoard">"). ``memo`` keeps each part's answer
    for a caller that asks of many elements (every comment's ``<time>`` or author), so a part's text is measured once."""
    part = None
    for a in (el, *el.iterancestors()):
        if a.tag in ("body", "html"):
            break
        if _COMMENT_PART_RE.search(f"{a.get('class') or ''} {a.get('id') or ''}"):
            part = a
    if part is None:
        return False
    if memo is not None and part in memo:
        return memo[part]
    body = part.getroottree().getroot().find("body")
    answer = part.find(".//h1") is None and (
        body is None or len(part.text_content()) <= COMMENT_PART_SHARE * len(body.text_content())
    )
    if memo is not None:
        memo[part] = answer
    return answer


# the share of the page's text beyond which a part named for comments is the page's thread, not its comments
COMMENT_PART_SHARE = 0.5


def _commenter_or_menu(el, memo: dict | None = None) -> bool:
    """Does an author element lie in the comments (:func:`in_comment_part`) or in a list classed as a menu (a menu item
    classed "authorities-…", its hidden "Open submenu" label aside)? Not a menu that holds the headline: a page whose
    menu is never closed holds the whole page in it."""
    if in_comment_part(el, memo):
        return True
    return any(
        a.tag in ("ul", "li") and _MENU_CLASS_RE.search(a.get("class") or "") and a.find(".//h1") is None
        for a in (el, *el.iterancestors())
    )


# a template's label written for screen readers only ("<span class="screen-reader-text">Post author</span>", localised:
# "Auteur de l’article", "Beitrags-Autor"), hidden on the page
_READER_ONLY_RE = re.compile(
    r"(?:^|\s)(?:screen-reader-text|screen-reader-only|sr-only|visually-hidden|visuallyhidden|assistive-text)(?:\s|$)"
)


def _shown_text(elem) -> str:
    """The text of an author element as the page shows it: without the parts written for screen readers only."""
    hidden = [x for x in elem.iter(etree.Element) if x is not elem and _READER_ONLY_RE.search(x.get("class") or "")]
    if not hidden:
        return " ".join(elem.itertext())
    copy = deepcopy(elem)
    copy.tail = None
    for x in [x for x in copy.iter(etree.Element) if x is not copy and _READER_ONLY_RE.search(x.get("class") or "")]:
        x.text = None
        for child in list(x):
            x.remove(child)
    return " ".join(copy.itertext())


def _byline_search(tree, written: list | None = None) -> str | None:
    """trafilatura's ``extract_author``, read on the page itself rather than on a pruned copy of it. trafilatura
    copies the whole tree, deletes its discard matches (comments, sidebars, dates, figures…) and takes the first
    match of its author XPaths there with 2-119 characters of text. The same match is the first one found here that
    lies outside every discard match: its text is the page's, unless a discard match lies inside it, where the
    pruning moves tails and changes the text; then trafilatura's own search decides (a rare case). Same result,
    without the copy, the deletions and four XPath passes. The byline's own text is appended to ``written``."""
    if not MIRRORS_TRAFILATURA:  # pragma: no cover - a trafilatura whose XPaths changed
        return extract_author(tree)
    *selected, discarded = _byline_matches(tree)
    comment_parts: dict = {}  # in_comment_part's answer per part, for the many author elements of a comment thread
    for matches in selected:
        for elem in matches:
            if (
                elem in discarded
                or any(a in discarded for a in elem.iterancestors())
                or _commenter_or_menu(elem, comment_parts)
            ):
                continue
            if any(elem in d.iterancestors() for d in discarded):
                return extract_author(tree)
            content = trim(_shown_text(elem))
            content = _posts_link_name(content) or content
            if content and (len(content) > 2 or _two_letter_name(content)) and len(content) < BYLINE_MAX_CHARS:
                content = _name_over_bio(elem) or content
                content = _HANDLES_RE.sub("", content)  # "By Jane Doe jane@example.org": the name
                if written is not None:
                    written.append(content)
                return normalize_authors(None, content)
    return None


# a writer's card: the words of the sentence under the name that make it a bio, not a role ("Staff Writer")
_BIO_WORDS = 5


def _name_over_bio(elem) -> str | None:
    """The name that heads a short writer's card, its own first line over a sentence about the writer ("<h4>Jane
    Doe</h4><p>Jane Doe is a reporter at the Daily Post.</p>"): trafilatura reads the card's whole text as the byline
    and keeps its first words ("Jane Doe Jane Doe is a reporter")."""
    texts = elem.xpath(".//text()[normalize-space()]")
    if len(texts) < 2 or texts[0].getparent() is texts[1].getparent():
        return None
    first, second = " ".join(texts[0].split()), " ".join(texts[1].split())
    if not person_name(first) or len(second.split()) < _BIO_WORDS:
        return None
    return first


# a name's co-authors are looked for in at most this many of its mentions and this many levels above each
_COAUTHOR_MENTIONS = 20
_COAUTHOR_LEVELS = 3


# elements that hold a line of their own (a byline's block), not an inline part of one
_BLOCK_TAGS = frozenset(("div", "p", "li", "header", "section", "address", "dd", "td", "h2", "h3", "h4", "h5", "h6"))


def coauthors(tree, name: str) -> list[str]:
    """The byline that lists ``name`` with co-authors, each name in an element of its own and of the same kind
    ("Written by <span>A</span>, <span>B</span> and <span>C</span>", author links "A, B & C"): from an element whose
    text holds the name, the nearest of its three closest ancestors whose text is nothing but the names of such
    elements, ``name`` first, separated by commas / "and" / "&", after an optional byline label. [] when none is (a
    name glued to its role, "Jane Doe, Senior Editor", a list of other people), and when a block that names the writer
    alone (the article's own byline) comes a paragraph or more before the list (a later card lists the names of another
    article); a block around each name of the byline, or an avatar's name just above it, does not count so."""
    body = tree.find("body")
    name = " ".join(name.split())
    key = name.casefold()
    if body is None or not key:
        return []
    alone = None  # the first block whose text is the name alone
    # the text nodes that hold the name as written (libxml2's search: the page's text is not copied into Python)
    for t in body.xpath(".//text()[contains(., $name)]", name=name)[:_COAUTHOR_MENTIONS]:
        if len(" ".join(t.split())) > len(key) + 10 or not t.is_text:
            continue
        holder = t.getparent()
        kind = (holder.tag, holder.get("class"))
        el = holder
        for _ in range(_COAUTHOR_LEVELS):
            el = el.getparent()
            if el is None or el.tag in ("body", "script", "style", "title"):
                break
            line = " ".join(el.text_content().split())
            if len(line) > 200:
                break
            if alone is None and el.tag in _BLOCK_TAGS and line.casefold() == key:
                alone = el
            label = _BYLINE_RE.match(line)
            names = _name_list(label.group(1) if label else line)
            shown = [" ".join(x.text_content().split()) for x in el.iter(holder.tag) if (x.tag, x.get("class")) == kind]
            if len(names) > 1 and names == shown and key in names[0].casefold():
                return names if alone is None or _near(alone, el) else []
    return []


# a list of names this many characters of text or more after the block that names the writer alone is another card
_COAUTHOR_GAP_CHARS = 120


def _near(alone, el) -> bool:
    """Is ``el`` ``alone`` or one of its ancestors, or does less than ``_COAUTHOR_GAP_CHARS`` of text lie between the
    end of ``alone`` and ``el``? One walk of the page up to ``el``, at most that much text after ``alone``."""
    if alone is el or any(a is el for a in alone.iterancestors()):
        return True
    gap = None  # the text after ``alone``, once it has ended
    for event, x in etree.iterwalk(alone.getroottree().getroot(), events=("start", "end")):
        if gap is None:
            gap = len((x.tail or "").strip()) if event == "end" and x is alone else None
            continue
        if x is el:
            return True
        text = (x.text if isinstance(x.tag, str) else None) if event == "start" else x.tail
        gap += len((text or "").strip())
        if gap >= _COAUTHOR_GAP_CHARS:
            return False
    return False


def _name_list(line: str) -> list[str]:
    """A line that is nothing but names ("A, B & C", "A and B", "A y B", "A und B"); [] otherwise."""
    names = [n.strip() for n in _NAME_SPLIT_RE.split(line) if n.strip()]
    return names if names and all(_plausible_name(n) for n in names) else []
