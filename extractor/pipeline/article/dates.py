"""Publication dates: ISO normalisation, dates the page shows in its text, htmldate as the last resort."""

from __future__ import annotations

import calendar
import re
import unicodedata
from copy import deepcopy
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlparse

from htmldate import find_date
from trafilatura.settings import set_date_params

from .. import structured as S
from .common import language_tag
from .titles import headline_h1s

# a Unix time in seconds or milliseconds, as some CMSs write a publication time ("1741082400", "1741082400000"):
# 2001-09-09 to 2033-05-18, so that no compact date ("2025030410") reads as one
_UNIX_TIME_RE = re.compile(r"1\d{9}(?:\d{3})?")


def _unix_time(value: str) -> str | None:
    """The UTC time a Unix time names, to the second ("1741082400" → "2025-03-04T10:00:00Z")."""
    seconds = int(value) // 1000 if len(value) == 13 else int(value)
    moment = datetime.fromtimestamp(seconds, tz=UTC)
    if not _PLAUSIBLE_YEARS[0] <= moment.year <= _PLAUSIBLE_YEARS[1]:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_date(value: Any) -> str | None:
    """Normalise a date/datetime string to ISO 8601 (date or datetime). Nothing is invented: a value without a day
    ("2024", "March 2024") or a year ("Mar 5") is None, an impossible time is dropped, offsets are kept; so is a
    numeric date whose day and month could be read either way round ("02-12-2025", "3/10/2023"): the page's other
    dates decide."""
    value = S.as_text(value)
    if not value:
        return None
    v = value.strip()
    m = re.match(
        r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?", v
    )
    if m:
        y, mo, d, hh, mm, ss, tz = m.groups()
        try:
            day = datetime(int(y), int(mo), int(d))
        except ValueError:
            return None
        if not _PLAUSIBLE_YEARS[0] <= day.year <= _PLAUSIBLE_YEARS[1]:
            return None
        date = day.date().isoformat()
        if hh is None or int(hh) > 23 or int(mm) > 59 or int(ss or 0) > 59:
            return date
        tz = tz or ""
        if tz and tz != "Z":
            tz = tz[:3] + ":" + (tz[3:].lstrip(":") or "00")
        return f"{date}T{int(hh):02d}:{mm}:{ss or '00'}{tz}"
    if _ISO_WEEK_RE.match(v) or _ISO_ORDINAL_RE.match(v):
        return _iso_week_or_ordinal(v)
    if _UNIX_TIME_RE.fullmatch(v):
        return _unix_time(v)
    ambiguous = _AMBIGUOUS_NUMERIC_RE.match(v)
    if ambiguous and int(ambiguous.group(1)) != int(ambiguous.group(2)):
        return None
    try:
        from dateutil import parser as dparser  # type: ignore

        # Parsed against two different defaults: any part the text lacks shows up as a difference.
        a = dparser.parse(v, fuzzy=False, default=datetime(2000, 1, 1)).date()
        b = dparser.parse(v, fuzzy=False, default=datetime(2001, 2, 2)).date()
    except (ValueError, OverflowError):
        # a date in the page's language ("4 de marzo de 2025", "4. März 2025", "2025. március 4."), as shown dates
        shown = dates_in_text(v, first_only=True) if len(v) <= _WRITTEN_DATE_CHARS else []
        return shown[0] if shown else None
    if a != b or not _PLAUSIBLE_YEARS[0] <= a.year <= _PLAUSIBLE_YEARS[1]:
        return None
    return a.isoformat()


def _iso_week_or_ordinal(v: str) -> str | None:
    """ISO 8601's week date ("2025-W51-3", "2025W513": Wednesday of week 51) and ordinal date ("2025-351": the year's
    351st day), with a time of day at most, as an ISO date; a week without its day ("2025-W51") is None."""
    week, ordinal = _ISO_WEEK_RE.match(v), _ISO_ORDINAL_RE.match(v)
    try:
        if week:
            day = date.fromisocalendar(int(week.group(1)), int(week.group(2)), int(week.group(3)))
        elif ordinal and 0 < int(ordinal.group(2)) <= (366 if calendar.isleap(int(ordinal.group(1))) else 365):
            day = date(int(ordinal.group(1)), 1, 1) + timedelta(days=int(ordinal.group(2)) - 1)
        else:
            return None
    except ValueError:
        return None
    return day.isoformat()


_PLAUSIBLE_YEARS = (1900, 2100)
# a structured date written out in words is read as a shown date up to this length
_WRITTEN_DATE_CHARS = 60
# ISO 8601's ordinal date, with a time of day at most ("2025-351", "2025-351T10:15:00Z")
_ISO_TIME = r"(?:T\d{2}:?\d{2}(?::?\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
_ISO_WEEK_RE = re.compile(r"((?:19|20)\d{2})-?W(\d{2})-?([1-7])" + _ISO_TIME)
_ISO_ORDINAL_RE = re.compile(r"((?:19|20)\d{2})-(\d{3})" + _ISO_TIME)
# "02-12-2025", "03/10/2023": day and month could be either way round
_AMBIGUOUS_NUMERIC_RE = re.compile(r"(0?[1-9]|1[0-2])[-/.](0?[1-9]|1[0-2])[-/.]\d{4}\b")


_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH_RE = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_TEXT_DATE_MDY = re.compile(r"\b" + _MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b", re.IGNORECASE)
_TEXT_DATE_DMY = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE + r",?\s+((?:19|20)\d{2})\b", re.IGNORECASE
)
# joined by hyphens ("04-Mar-2025", "4-March-2025"); a two-digit year ("4-Mar-25") is not read
_TEXT_DATE_DMY_HYPHENS = re.compile(r"(?<![\w-])(\d{1,2})-" + _MONTH_RE + r"-((?:19|20)\d{2})(?![\w-])", re.IGNORECASE)

# month names of other languages, in day-month-year dates ("17. Dezember 2025", "1er janvier 2025", "17 de diciembre
# de 2025", "17 grudnia 2025", "13. April 2023"); the English names they share are read by the two patterns above too
_INTL_MONTHS = {
    name: month
    for month, names in enumerate(
        (
            # de fr es it pt nl sv pl, then cs ru uk tr fi el id/ms ro hu hr ca ar (genitive forms where dates use them),
            # then sk sl et sr bg, da's "marts" and the "17. december" of da / nl / hu / sl (the abbreviations of one
            # language: ``_SHORT_MONTHS``)
            "januar jänner janvier enero gennaio janeiro januari stycznia jän janv ene gen "
            "ledna января січня ocak tammikuuta ιανουαρίου ianuarie január siječnja gener يناير "
            "januára januarja jaanuar јануар януари",
            "februar février fevrier febrero febbraio fevereiro februari lutego févr fév "
            "února февраля лютого şubat helmikuuta φεβρουαρίου februarie február veljače febrer فبراير "
            "februára februarja veebruar фебруар февруари",
            "märz maerz mars marzo março maart marca mär mrt "
            "března марта березня mart maaliskuuta μαρτίου maret martie március ožujka març مارس "
            "marts märts март",
            "april avril abril aprile kwietnia avr abr "
            "dubna апреля квітня nisan huhtikuuta απριλίου aprilie április travnja أبريل ابريل إبريل "
            "apríla aprila aprill април",
            "mai mayo maggio maio mei maj maja května мая травня mayıs toukokuuta μαΐου μαίου május svibnja maig مايو "
            "mája мај май",
            "juni juin junio giugno junho czerwca "
            "června июня червня haziran kesäkuuta ιουνίου jun iunie június lipnja juny يونيو "
            "júna junija juuni јун юни",
            "juli juillet julio luglio julho lipca juil "
            "července июля липня temmuz heinäkuuta ιουλίου julai iulie július srpnja juliol يوليو "
            "júla julija juuli јул юли",
            "august août aout agosto augustus augusti sierpnia ago avgust "
            "srpna августа серпня ağustos elokuuta αυγούστου agustus ogos augusztus kolovoza agost أغسطس اغسطس "
            "augusta avgusta август",
            "september septembre septiembre setiembre settembre setembro września set sett "
            "září сентября вересня eylül syyskuuta σεπτεμβρίου septembrie szeptember rujna setembre سبتمبر "
            "septembra septembar септембар септември",
            "oktober octobre octubre ottobre outubro października okt out ott "
            "října октября жовтня ekim lokakuuta οκτωβρίου octombrie október أكتوبر اكتوبر "
            "októbra oktobra oktoober oktobar октобар октомври",
            "november novembre noviembre novembro listopada "
            "listopadu ноября листопада kasım marraskuuta νοεμβρίου noiembrie studenoga نوفمبر "
            "novembra novembar новембар ноември",
            "dezember décembre decembre diciembre dicembre dezembro grudnia dez déc dic "
            "prosince декабря грудня aralık joulukuuta δεκεμβρίου desember disember decembrie prosinca desembre ديسمبر "
            "december decembra decembar detsember децембар декември",
        ),
        start=1,
    )
    for name in names.split()
}

# the months of scripts and languages the lists above lack, one language a line, January first ("17 दिसंबर 2025",
# "17 בדצמבר 2025", "۱۷ دسامبر ۲۰۲۵", "17 كانون الأول 2025", "17 Desemba 2025", "17 gruodžio 2025"): hi (with and
# without the nukta), he (bare and after the "in" of a date, "ב"), fa, ur, ar's Levantine names, bn, ta, sw, cy, lt
# (genitive), lv (locative and nominative). Read in day-month-year dates, as ``_INTL_MONTHS``; the Persian solar and
# the Thai months, whose years are of another era, in ``_ERA_DATES``
_MORE_MONTHS = (
    "जनवरी फ़रवरी/फरवरी मार्च अप्रैल/अप्रेल मई जून जुलाई अगस्त सितंबर/सितम्बर अक्टूबर/अक्तूबर नवंबर/नवम्बर दिसंबर/दिसम्बर",
    "ינואר פברואר מרץ/מרס אפריל מאי יוני יולי אוגוסט ספטמבר אוקטובר נובמבר דצמבר",
    "בינואר בפברואר במרץ/במרס באפריל במאי ביוני ביולי באוגוסט בספטמבר באוקטובר בנובמבר בדצמבר",
    "ژانویه فوریه - آوریل مه ژوئن ژوئیه/جولای اوت/آگوست سپتامبر اکتبر نوامبر دسامبر",
    "جنوری فروری مارچ اپریل مئی - جولائی اگست ستمبر اکتوبر نومبر دسمبر",
    "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول",
    "জানুয়ারি/জানুয়ারী ফেব্রুয়ারি/ফেব্রুয়ারী মার্চ এপ্রিল মে জুন জুলাই আগস্ট সেপ্টেম্বর অক্টোবর নভেম্বর ডিসেম্বর",
    "ஜனவரி பிப்ரவரி மார்ச் ஏப்ரல் மே ஜூன் ஜூலை ஆகஸ்ட் செப்டம்பர் அக்டோபர் நவம்பர் டிசம்பர்",
    "- - machi aprili - - - agosti septemba oktoba novemba desemba",
    "ionawr chwefror - ebrill - mehefin gorffennaf awst medi hydref tachwedd rhagfyr",
    # sl's nominatives ("5. marec 2024"), ka, hy (genitive: "5 մարտի 2024")
    "- - marec - - junij julij - - - - -",
    "იანვარი თებერვალი მარტი აპრილი მაისი ივნისი ივლისი აგვისტო სექტემბერი ოქტომბერი ნოემბერი დეკემბერი",
    "հունվարի փետրվարի մարտի ապրիլի մայիսի հունիսի հուլիսի օգոստոսի սեպտեմբերի հոկտեմբերի նոյեմբերի դեկտեմբերի",
    "sausio vasario kovo balandžio gegužės birželio liepos rugpjūčio rugsėjo spalio lapkričio gruodžio",
    "janvārī februārī martā aprīlī maijā jūnijā jūlijā augustā septembrī oktobrī novembrī decembrī",
    "janvāris februāris marts aprīlis maijs jūnijs jūlijs augusts septembris oktobris novembris decembris",
)
_INTL_MONTHS.update(
    {
        unicodedata.normalize("NFC", name.replace("_", " ")): month
        for spelled in _MORE_MONTHS
        for month, names in enumerate(spelled.split(), start=1)
        for name in names.split("/")
        if name != "-"
    }
)

# the abbreviations of one language ("4 окт. 2025", "4 Oca 2025", "4 lut 2025", "4 mag 2025", "4 fev 2025"), read on
# pages of that language only: elsewhere they are words (pt "tem", ru "трав" of herbs, it "mag" a magazine) or another
# month (Croatian "lip" is June, "lis" October, Polish July and November: each on its own pages); Ukrainian's with
# their dot only ("4 жовт. 2025": "лист" is a letter)
_SHORT_MONTHS = {
    lang: {name: month for month, names in enumerate(spelled.split(), start=1) for name in names.split("/")}
    for lang, spelled in (
        ("ru", "янв фев мар апр - июн июл авг сен/сент окт ноя дек"),
        ("bg", "янв фев мар апр - июн июл авг сен/сент окт ноя дек"),
        ("uk", "січ лют бер квіт трав черв лип серп вер жовт лист груд"),
        ("tr", "oca şub - nis - haz tem ağu eyl eki kas ara"),
        ("pl", "sty lut - kwi - cze lip sie wrz paź lis gru"),
        ("it", "- - - - mag giu lug - - - - -"),
        # es and pt whole, as their dates write them with "de" ("4 de mar. de 2024", "4 de out. de 2024")
        ("es", "ene feb mar abr may jun jul ago sep/sept oct nov dic"),
        ("pt", "jan fev mar abr mai jun jul ago set out nov dez"),
        ("fr", "- fevr - - - - - - - - - -"),
        ("hr", "sij velj ožu tra svi lip srp kol ruj lis stu pro"),
        # ms: "5 Mac 2024" (a word of English elsewhere: "Top 5 Mac 2024")
        ("ms", "jan feb mac apr mei jun jul ogo sep okt nov dis"),
        # cs: "04. bře 2024" (phpBB's and other software's Czech short names)
        ("cs", "led úno bře dub kvě čvn čvc srp zář říj lis pro"),
    )
}
_DOTTED_SHORT_MONTHS = ("uk",)
_TEXT_DATE_DMY_SHORT = re.compile(r"\b(\d{1,2})\.?\s+(?:de\s+)?([^\W\d_]{3,4})(\.?),?\s+(?:de\s+)?((?:19|20)\d{2})\b")


def _short_month_dates(text: str, months: str) -> list[str]:
    """The dates of ``text`` written with an abbreviation of the page's language ``months`` (``_SHORT_MONTHS``)."""
    names = _SHORT_MONTHS.get(months)
    out: list[str] = []
    for m in _TEXT_DATE_DMY_SHORT.finditer(text) if names else ():
        month = names.get(_fold_month(m.group(2)))
        if month and (m.group(3) or months not in _DOTTED_SHORT_MONTHS):
            try:
                out.append(datetime(int(m.group(4)), month, int(m.group(1))).date().isoformat())
            except ValueError:
                continue
    return out


def _fold_month(name: str) -> str:
    """A month name as looked up: lower case, the Turkish dotted / dotless i folded to "i" ("KASIM", "HAZİRAN" are
    "kasım", "haziran" written in capitals; the pattern matched them case-insensitively)."""
    return name.lower().replace("\u0307", "").replace("ı", "i")


_INTL_MONTHS_FOLDED = {_fold_month(name): month for name, month in _INTL_MONTHS.items()}

# a month name two languages read as different months: the Croatian "listopad" (and Bosnian's, Serbian's and
# Montenegrin's Latin writing of it) is October, the Polish, Czech, Slovak and Slovene "listopad" November, and the
# genitive dates use is the same word ("4. listopada 2025." / "4 listopada 2025"). Read by the page's declared language
# when it is one of them, else by the wording of the line and then of the page (``_WORDING``), else as in
# ``_INTL_MONTHS`` (Polish, the commoner on the web)
_SHARED_MONTHS = {
    "listopada": {"hr": 10, "bs": 10, "sr": 10, "sh": 10, "cnr": 10, "pl": 11, "cs": 11, "sk": 11, "sl": 11},
}
# what each of those languages writes and the other does not: letters, a few of its commonest words, and how it
# punctuates a date (Croatian closes the day and the year with a dot, "4. listopada 2025."; Polish writes "2025 r.")
_WORDING = {
    "hr": (
        "čđšž",
        "se su godine što koji koja nije ili kao nakon prema kako također objavljeno",
        r"\d\.\s+\w+\s+\d{4}\.",
    ),
    "pl": ("ąęłńóśźż", "się jest że oraz przez roku który która lub tego jego nie opublikowano", r"\d{4}\s*r\."),
}
_WORDING_DATES = {lang: re.compile(spelled[2]) for lang, spelled in _WORDING.items()}
_WORDING_RE = re.compile(r"[^\W\d_]+")
# the page's text nodes whose wording is counted
_WORDING_NODES = 600


def _wording_scores(text: str) -> dict[str, int]:
    """How many of each ``_WORDING`` language's own letters and words ``text`` holds."""
    text = text.lower()
    words = _WORDING_RE.findall(text)
    counts: dict[str, int] = {}
    for lang, (letters, common, _dates) in _WORDING.items():
        own = set(common.split())
        counts[lang] = (
            sum(w in own for w in words) + sum(text.count(c) for c in letters) + len(_WORDING_DATES[lang].findall(text))
        )
    return counts


def _wording_language(scores: dict[str, int], candidates) -> str | None:
    """The one language of ``candidates`` whose wording ``scores`` count most of; None on a tie."""
    ranked = sorted(((scores.get(lang, 0), lang) for lang in candidates if lang in _WORDING), reverse=True)
    if not ranked or ranked[0][0] == 0 or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
        return None
    return ranked[0][1]


class PageWording:
    """What tells the language of a page's dates where a month name reads two ways (``_SHARED_MONTHS``): the tags the
    page declares (``<html lang>``, ``og:locale``, ``content-language``, the Article's ``inLanguage``), else the
    letters and words of its text nodes. Each is read once, when the first such name is met (most pages have none)."""

    def __init__(self, tree=None, declared=()):
        self.tree, self.declared = tree, declared
        self._tags: list[str] | None = None
        self._declared: list[str] = []
        self._scores: dict[str, int] | None = None

    def language(self) -> str | None:
        """The page's declared language, as a tag ("en-GB"): ``<html lang>``, else its ``<meta>``'s, else the
        Article's."""
        self.tags()
        return self._declared[0] if self._declared else None

    def tags(self) -> list[str]:
        """The primary subtags of the languages the page declares ("hr", "en"), ``<html lang>`` first."""
        if self._tags is None:
            tags = [self.tree.get("lang")] if self.tree is not None else []
            for el in self.tree.iter("meta") if self.tree is not None else ():
                key = (el.get("http-equiv") or el.get("property") or el.get("name") or "").lower()
                if key in ("content-language", "og:locale", "language", "dc.language"):
                    tags.append(el.get("content"))
            tags += list(self.declared)
            self._declared = [language_tag(t) or "" for t in tags if t and (language_tag(t) or "").strip()]
            self._tags = [t.lower().split("-")[0] for t in self._declared]
        return self._tags

    def month(self, name: str, line: str) -> int | None:
        """The month the shared name ``name`` (folded) means in ``line`` of this page."""
        readings = _SHARED_MONTHS[name]
        lang = next((t for t in self.tags() if t in readings), None) or _wording_language(
            _wording_scores(line), readings
        )
        if lang is None and self.tree is not None:
            if self._scores is None:
                self._scores = _wording_scores(" ".join(body_text_nodes(self.tree, _WORDING_NODES)))
            lang = _wording_language(self._scores, readings)
        return readings.get(lang) if lang else _INTL_MONTHS_FOLDED.get(name)


def _month_number(name: str, line: str, wording: PageWording | None) -> int:
    """The month an English or other language's name stands for (``KeyError`` when none)."""
    folded = _fold_month(name)
    if folded in _SHARED_MONTHS:
        return (wording or PageWording()).month(folded, line)
    return (
        _MONTHS.get(name.lower().rstrip("."))
        or _INTL_MONTHS_FOLDED.get(folded)
        or _CJK_MONTH_NUMERALS.get(name)
        or _HU_ABBREVIATED[name.lower()]
    )


def is_month_name(word: str) -> bool:
    """Is ``word`` the name of a month (English, its abbreviations, ``_INTL_MONTHS``)?"""
    folded = _fold_month(word.rstrip("."))
    return folded in _MONTHS or folded in _INTL_MONTHS_FOLDED


_TEXT_DATE_DMY_INTL = re.compile(
    # Catalan elides "de" before a vowel: "4 d'abril de 2025"
    r"\b(\d{1,2})(?:\.|er|º|°)?\s+(?:de\s+|d['’])?("
    + "|".join(sorted(_INTL_MONTHS, key=len, reverse=True))
    # Arabic pages name the month twice, its Gregorian and its Levantine name ("17 ديسمبر/كانون الأول 2025")
    + r")(?:\s*[/／]\s*(?:"
    + "|".join(sorted((n for n in _INTL_MONTHS if re.search("[\u0600-\u06ff]", n)), key=len, reverse=True))
    + r"))?\.?,?\s+(?:de\s+)?((?:19|20)\d{2})\b",
    re.IGNORECASE,
)
# year-month-day with CJK unit signs ("2025年12月17日", "2025년 12월 17일")
_TEXT_DATE_YMD_CJK = re.compile(r"((?:19|20)\d{2})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
# day, month, year as a template's "j F, Y" writes it with a CJK month's name ("14 3月, 2024", "14 三月, 2024", "14 3월,
# 2024": Drupal's default themes in their Japanese, Chinese and Korean translations)
_CJK_MONTH_NUMERALS = {n: i for i, n in enumerate("一 二 三 四 五 六 七 八 九 十 十一 十二".split(), start=1)}
_TEXT_DATE_DMY_CJK = re.compile(
    r"(?<![\d年년])(\d{1,2})\s+(\d{1,2}|十[一二]?|[一二三四五六七八九])\s*[月월],?\s+((?:19|20)\d{2})(?![\d年년])"
)
# year, month name, day: Hungarian ("2025. december 17."), also abbreviated with the day's closing dot or suffix
# ("2025. márc. 4.", "2025. márc. 4-én": it keeps "in 2021. Dec. 9 we …" out)
_HU_MONTHS = "január február március április május június július augusztus szeptember október november december"
_HU_ABBREVIATIONS = "jan febr márc ápr máj jún júl aug szept okt nov dec"
_TEXT_DATE_YMD_INTL = re.compile(
    r"\b((?:19|20)\d{2})\.\s+(?:("
    + "|".join(_HU_MONTHS.split())
    + r")\s+(\d{1,2})\b|("
    + "|".join(_HU_ABBREVIATIONS.split())
    + r")\.\s*(\d{1,2})(?:\.|-[^\W\d_]{1,3}\b))",
    re.IGNORECASE,
)
# the year first in Lithuanian ("2025 m. gruodžio 17 d.") and Latvian ("2025. gada 17. decembrī"): month and day, or day
# and month, after the year's own word
_LT_MONTHS, _LV_MONTHS = _MORE_MONTHS[-3], " ".join(_MORE_MONTHS[-2:])
_TEXT_DATE_YMD_BALTIC = re.compile(
    r"\b((?:19|20)\d{2})\s*m\.\s+("
    + "|".join(_LT_MONTHS.split())
    + r")\s+(\d{1,2})\s*d\b|\b((?:19|20)\d{2})\.\s*gada\s+(\d{1,2})\.\s*("
    + "|".join(_LV_MONTHS.split())
    + r")(?![^\W\d_])",
    re.IGNORECASE,
)
_HU_ABBREVIATED = {name: month for month, name in enumerate(_HU_ABBREVIATIONS.split(), start=1)}
# Vietnamese: day, "tháng" and the month's number, "năm" and the year ("17 tháng 12 năm 2025", "ngày 17 tháng 12, 2025")
_TEXT_DATE_VI = re.compile(r"\b(\d{1,2})\s+tháng\s+(\d{1,2}),?\s+(?:năm\s+)?((?:19|20)\d{2})\b", re.IGNORECASE)
# dates of other eras, each with its months and how its years count: the Thai Buddhist era (543 years ahead; "17
# ธันวาคม 2568", "4 มี.ค. 2568", "พ.ศ. 2568"; a Gregorian year with them, "17 ธันวาคม 2025", read as it is), the Persian
# solar year ("۱۷ دی ۱۴۰۳": its months' names, years 1300-1499), the Japanese eras Reiwa and Heisei ("令和7年12月17日",
# "令和元年") and Taiwan's Minguo years after their era's name ("民國114年12月17日"); a year of another era without its
# months or era name (a bare "114年", "1403/10/17", a Hijri "1446") stays unread
_THAI_MONTHS = (
    "มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม กันยายน ตุลาคม พฤศจิกายน ธันวาคม",
    "ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค.",
)
_THAI_MONTH = {name: month for spelled in _THAI_MONTHS for month, name in enumerate(spelled.split(), start=1)}
_JALALI_MONTH = {
    name: month
    for month, name in enumerate("فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند".split(), start=1)
}
_ERA_DATES = (
    (
        "th",
        re.compile(
            r"(?<!\d)(\d{1,2})\s*("
            + "|".join(re.escape(n) for n in sorted(_THAI_MONTH, key=len, reverse=True))
            + r")\s*(?:(พ\.\s?ศ\.)|ค\.\s?ศ\.)?\s*(\d{4})(?!\d)"
        ),
    ),
    (
        "fa",
        re.compile(r"(?<!\d)(\d{1,2})\s+(" + "|".join(_JALALI_MONTH) + r")(?:\s+ماه)?\s+(1[34]\d{2})(?!\d)"),
    ),
    ("ja", re.compile(r"(令和|平成|民國|民国)\s*(元|\d{1,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")),
)
# the first day of each era (its first year is "元年", 1) and, for Heisei, the last
_ERAS = {"令和": (date(2019, 5, 1), None), "平成": (date(1989, 1, 8), date(2019, 4, 30))}


def _era_dates(text: str) -> list[str]:
    """The dates of ``text`` written in another era's years (``_ERA_DATES``), as ISO dates."""
    out = []
    for era, rx in _ERA_DATES:
        for m in rx.finditer(text):
            try:
                day = _era_day(era, m)
            except ValueError:
                continue
            if day and _PLAUSIBLE_YEARS[0] <= day.year <= _PLAUSIBLE_YEARS[1]:
                out.append(day.isoformat())
    return out


# a numeric date of the Persian solar year ("۱۴۰۲/۱۲/۱۵", years 1300-1439: no Gregorian year a page is dated in, nor a
# Hijri year of today, 1440 on, which Persian pages write too), read on Persian pages only (an Arabic page's
# "1446/09/05" is of the Hijri year)
_JALALI_NUMERIC_RE = re.compile(r"(?<![\d/.-])(13\d{2}|14[0-3]\d)([/.-])(\d{1,2})\2(\d{1,2})(?![\d/.-])")


def _jalali_numeric_dates(text: str) -> list[str]:
    """The numeric Persian solar dates of ``text`` (its digits already ASCII), as ISO dates."""
    out = []
    for m in _JALALI_NUMERIC_RE.finditer(text):
        try:
            out.append(jalali_to_gregorian(int(m.group(1)), int(m.group(3)), int(m.group(4))).isoformat())
        except ValueError:
            continue
    return out


# a Thai page's numeric date in the Buddhist era, day first ("04/03/2567" is 4 March 2024)
_THAI_NUMERIC_RE = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(25\d{2})(?![\d/.-])")


def _thai_numeric_dates(text: str) -> list[str]:
    """The numeric Buddhist-era dates of ``text`` (its digits already ASCII), as ISO dates."""
    out = []
    for m in _THAI_NUMERIC_RE.finditer(text):
        try:
            out.append(date(int(m.group(4)) - 543, int(m.group(3)), int(m.group(1))).isoformat())
        except ValueError:
            continue
    return out


# a Japanese or Taiwanese date that gives its year in two eras, one in brackets ("2024年（令和6年）3月4日", "令和6年
# （2024年）3月4日"): read with the Gregorian year alone
_TWO_ERA_YEARS_RE = re.compile(
    r"((?:19|20)\d{2})年\s*[（(][^()（）]{1,6}年[)）]|[^\W\d_]{0,3}(?:\d{1,3}|元)年\s*[（(]((?:19|20)\d{2})年[)）]"
)


def _one_era_year(text: str) -> str:
    return _TWO_ERA_YEARS_RE.sub(lambda m: f"{m.group(1) or m.group(2)}年", text) if "年" in text else text


def _era_day(era: str, m: re.Match) -> date | None:
    """The Gregorian day one ``_ERA_DATES`` match names (``ValueError`` when there is no such day)."""
    if era == "th":
        year = int(m.group(4))
        if m.group(3) or 2443 <= year <= 2643:  # the Buddhist era's marker, or its years of 1900-2100
            year -= 543
        return date(year, _THAI_MONTH[m.group(2)], int(m.group(1)))
    if era == "fa":
        return jalali_to_gregorian(int(m.group(3)), _JALALI_MONTH[m.group(2)], int(m.group(1)))
    name, years = m.group(1), 1 if m.group(2) == "元" else int(m.group(2))
    if name in ("民國", "民国"):
        return date(1911 + years, int(m.group(3)), int(m.group(4)))
    first, last = _ERAS[name]
    day = date(first.year + years - 1, int(m.group(3)), int(m.group(4)))
    return day if first <= day and (last is None or day <= last) else None


def jalali_to_gregorian(year: int, month: int, day: int) -> date:
    """The Gregorian day of a day of the Persian solar calendar (its arithmetic 33-year cycle of leap years, right for
    1178-1633 AP), e.g. 1 Farvardin 1404 → 21 March 2025; ``ValueError`` for a day its month lacks."""
    if not 1 <= month <= 12 or not 1 <= day <= (31 if month <= 6 else 30):
        raise ValueError(f"no day {day} in month {month}")
    y = year + 1595
    days = -355668 + 365 * y + (y // 33) * 8 + ((y % 33) + 3) // 4 + day
    days += (month - 1) * 31 if month < 7 else (month - 7) * 30 + 186
    # ``days`` counts from 1 January of year 0 of the proleptic Gregorian calendar, where day 366 is 1 January 1
    return date.fromordinal(days - 365)


# the decimal digits of other scripts (Arabic-Indic, Persian, Devanagari, full-width…), read as ASCII digits
_DIGITS = {c: str(int(chr(c))) for c in range(0x80, 0x10000) if chr(c).isdecimal()}


_DIGIT_RE = re.compile(r"\d")
_NUMERIC_DATE_RE = re.compile(
    r"^(?:(\d{1,2})([./])(\d{1,2})\2((?:19|20)\d{2})|((?:19|20)\d{2})([-./])(\d{2})\6(\d{2}))$"
)


def body_text_nodes(tree, max_nodes: int, skip: int = 0):
    """The body's non-empty text nodes (stripped), in document order: `max_nodes` of them after the first `skip`."""
    body = tree.find("body")
    if body is None:
        return
    seen = 0
    for t in body.itertext():
        t = t.strip()
        if not t:
            continue
        seen += 1
        if seen <= skip:
            continue
        if seen > skip + max_nodes:
            return
        yield t


def numeric_text_date(
    tree, max_nodes: int = 600, skip: int = 0, dayfirst: bool = False, spaced: bool = False
) -> str | None:
    """A text node that is only a numeric date: "23.07.2025" (day first with dots),
    "2/24/2026" (month first with slashes unless the first number is > 12), "2025-12-17".
    The first ``skip`` non-empty text nodes are passed over."""
    for t in body_text_nodes(tree, max_nodes, skip):
        date = _numeric_date(t, dayfirst, spaced) or _updated_numeric_date(t, dayfirst, spaced)
        if date:
            return date
    return None


def _updated_numeric_date(text: str, dayfirst: bool, spaced: bool) -> str | None:
    """The numeric date after an update's label that opens the line ("Aktualisiert am 20.03.2024", "Actualizado:
    20/03/2024"), as a month-name date after one is read ("Last updated: March 20, 2025")."""
    label = _UPDATED_LABEL_RE.match(text) if len(text) <= 60 else None
    if not label:
        return None
    rest = re.sub(r"^(?:\s+(?:on|am|le|el|em|il|op|den))?[\s:：]*", "", text[label.end() :], flags=re.IGNORECASE)
    return _numeric_date(rest, dayfirst, spaced) if rest[:1].isdigit() else None


def numeric_dayfirst(lang: str | None) -> bool:
    """Does a page in this language write "03/10/2023" day first? Everywhere but in US English (and English with no
    country, where the month-first reading stays), and the Philippines' and Canada's English."""
    lang = (language_tag(lang) or "").lower()
    return bool(lang) and lang not in ("en", "en-us", "en-ph", "en-ca")


# a numeric date and the time of day after it ("04.03.2025, 10:15 Uhr", "2025-03-04 10:15", "04/03/2025 - 10h15",
# "04.03.2025 um 10:15", "03/04/2025 at 10:15 am EST"): the date part is read as a line of its own
_NUMERIC_DATE_TIME_RE = re.compile(
    r"^(\d[\d./-]{6,8}\d)(?:,?\s+|T)(?:[-–|·]\s+)?(?:at\s+|um\s+|à\s+|às\s+|alle\s+|a\s+las\s+|kl\.?\s*|klo\.?\s*)?"
    r"\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?\s*(?:uhr|h|[ap]\.?m\.?)?\s*(?:[a-z]{2,5}|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)


# a space after each dot of a numeric date, as Czech and Slovak pages write it ("4. 3. 2025"), read on their pages only
# (``spaced``)
_SPACED_DOTS_RE = re.compile(r"^(\d{1,2})\.\s(\d{1,2})\.\s(?=\d{4}\b)")
# the same inside a line ("Publikováno 4. 3. 2024 od …", "Autor: Jana Nováková · 4. 3. 2024"), written without its
# spaces so that a label's date and a meta line's part are read as the unspaced one is
_SPACED_DATE_IN_LINE_RE = re.compile(r"(?<![\d.])(\d{1,2})\.\s(\d{1,2})\.\s((?:19|20)\d{2})(?![\d])")


def unspaced(text: str) -> str:
    """``text`` with its spaced dotted dates ("4. 3. 2024") written without the spaces ("4.3.2024")."""
    return _SPACED_DATE_IN_LINE_RE.sub(r"\1.\2.\3", text) if ". " in text else text


# the year first, each part closed by a dot, as Hungarian and Korean write it ("2025. 03. 04.", "2025. 3. 4.",
# "2025.03.04."), with a time of day at most: always year, month, day; read on pages of any language (dateutil read
# it there before). Spaced, or with the closing dot: a version number ("2021.3.1") is neither
_YEAR_FIRST_DOTS_RE = re.compile(
    r"^((?:19|20)\d{2})\.(?:\s(\d{1,2})\.\s?(\d{1,2})\.?|(\d{1,2})\.(\d{1,2})\.)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)


# the weekday in brackets a Japanese, Korean or Chinese page writes after a numeric date ("2024/03/05(火) 10:30",
# "2024.03.05(화)", "2024-03-05（星期二）")
_CJK_WEEKDAY_RE = re.compile(
    r"\s*[(（](?:[月火水木金土日](?:曜日?)?|[월화수목금토일](?:요일)?|(?:星期|周|週)[一二三四五六日天])[)）]"
)


def _numeric_date(text: str, dayfirst: bool = False, spaced: bool = False) -> str | None:
    if text[:1].isdigit() and ("(" in text or "（" in text):
        text = _CJK_WEEKDAY_RE.sub("", text, count=1)
    year_first = _YEAR_FIRST_DOTS_RE.match(text) if len(text) <= 30 and text[:1].isdigit() else None
    if year_first:
        y, mo, d = (
            year_first.group(1),
            year_first.group(2) or year_first.group(4),
            year_first.group(3) or year_first.group(5),
        )
        try:
            return datetime(int(y), int(mo), int(d)).date().isoformat()
        except ValueError:
            return None
    if spaced and ". " in text:
        text = _SPACED_DOTS_RE.sub(r"\1.\2.", text)
    if 10 < len(text) <= 80 and text[:1].isdigit():
        # an update's label after the date and its time ("04/03/2024 10h30 Atualizado há 2 horas"): the date is read
        update = _UPDATE_AFTER_DATE_RE.search(text)
        text = text[: update.start()] if update else text
    if 10 < len(text) <= 40:
        timed = _NUMERIC_DATE_TIME_RE.match(text)
        text = timed.group(1) if timed else text
    if not (8 <= len(text) <= 10):
        return None
    m = _NUMERIC_DATE_RE.match(text)
    if not m:
        return None
    if m.group(5):  # year first: "2025-12-17", "2025.12.17", "2025/12/17"
        y, mo, d = int(m.group(5)), int(m.group(7)), int(m.group(8))
    else:
        a, sep, b, y = int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4))
        # day first with dots, on a page that writes it so, or when the first number is no month; month first
        # otherwise, and with slashes where the second is no month ("03/14/2024" on a Polish page: Drupal's default
        # format is month first in every language)
        d, mo = (a, b) if (sep == "." or dayfirst or a > 12) and not (sep == "/" and b > 12) else (b, a)
    try:
        return datetime(y, mo, d).date().isoformat()
    except ValueError:
        return None


# dates shown more than this many text nodes above the headline are page furniture
# (a masthead's "today", a sidebar of recent posts), not the article's date
DATE_BEFORE_HEADLINE_NODES = 10


def headline_text_index(tree) -> int:
    """How many non-empty text nodes of the body come before the article's headline
    (its first h1 that is not a masthead); 0 when there is none."""
    h1s = headline_h1s(tree)
    if not h1s:
        return 0
    before = h1s[0].xpath("count(preceding::text()[normalize-space()])")
    in_head = tree.xpath("count(/html/head//text()[normalize-space()])")
    return max(0, int(before - in_head))


def text_date(tree, max_nodes: int = 600, skip: int = 0, dayfirst: bool = False, **spellings: Any) -> str | None:
    """First English month-name date among the page's short text nodes, else a
    node holding only a numeric date. With ``skip``, dates in the first ``skip`` text
    nodes are taken only when none comes later."""
    for start in (skip, 0) if skip else (0,):
        dates = text_dates(tree, max_nodes, first_only=True, skip=start, dayfirst=dayfirst, **spellings)
        date = (
            dates[0] if dates else numeric_text_date(tree, max_nodes, start, dayfirst, spellings.get("spaced", False))
        )
        if date:
            return date
    return None


# words that label a shown date as the publication date ("Posted on April 13, 2023", "Published: 27/05/2024")
_PUBLISHED_WORDS = (
    # "Publish date:", "Posted time:", "Date published:" before the bare words
    r"(?:(?:publish(?:ed)?|post(?:ed)?)\s+(?:date|time)|date\s+(?:published|posted)|published|posted|"
    # the first publication's own words (de fr es pt it): "Erstveröffentlichung am …", "Première publication le …"
    r"erstveröffentlichung|(?:erstmals|zuerst)\s+veröffentlicht|première\s+publication|"
    r"publicad[oa]\s+originalmente|originalmente\s+publicad[oa]|pubblicat[oa]\s+originariamente|"
    r"publié|publiée|veröffentlicht|publicado|publicada|pubblicato|pubblicata|"
    r"gepubliceerd|geplaatst|publicerad|publiceret|publisert|opublikowano|publikováno|publikované|julkaistu|"
    r"yayınlanma tarihi|yayınlanma|yayınlandı|publikacja|опубликовано|дата публикации|公開日|投稿日|发布于|发布时间|發佈於|发表于|게시일|작성일|"
    # hr/sr/sl ro hu el ar he vi id/ms tr da uk de fr zh ja ko
    r"objavljeno|publicat|közzétéve|megjelent|δημοσιεύθηκε|δημοσίευση|نشر في|نُشر في|تاريخ النشر|פורסם|ngày đăng|"
    r"đăng ngày|diterbitkan|dipublikasikan|diposting|yayın tarihi|udgivet|опубліковано|erschienen|paru|发布日期|"
    r"發佈日期|發布日期|發表於|掲載日|입력|"
    # et lv lt bg sr cs sk
    r"avaldatud|publicēts|paskelbta|публикувано|објављено|publikovano|zveřejněno|uverejnené|"
    # hi th fa bn ur
    r"प्रकाशित|प्रकाशन\s+तिथि|วันที่เผยแพร่|เผยแพร่เมื่อ|เผยแพร่|تاریخ\s+انتشار|منتشر\s+شده|প্রকাশিত|شائع\s+ہوا)"
    r"(?![^\W\d_])(?:\s+(?:on|le|el|em|am|il|op|den|dne|w))?[\s:：]*"
)
_PUBLISHED_LABEL_RE = re.compile(
    # after a short kicker and a separator at most ("Essay - Published: 2025.12.17")
    r"(?:[^\W\d][^.!?\d]{0,30}?\s[-\u2013\u2014|\u00b7\u2022]\s)?\W*(?:(?:first|originally|initially)\s+)?"
    + _PUBLISHED_WORDS,
    re.IGNORECASE,
)
# a line that opens with an update's label ("Updated May 1, 2025 | Published March 4, 2025"): the publication label
# after a separator following the update's date ("|", "·", ",", " - ", an opening bracket: "Updated May 1, 2025
# (originally published March 4, 2025)") counts as well
_UPDATED_LABEL_RE = re.compile(
    # "last" in more languages: "Zuletzt aktualisiert", "Ultimo aggiornamento", "Última actualización", "Laatst
    # bijgewerkt", "Ostatnia aktualizacja", "Senast uppdaterad", "Son güncelleme", "最終更新日", "最后更新", "최종 업데이트"
    r"\W*(?:(?:last|zuletzt|ultim[oa]|últim[oa]|laatst|ostatni[ae]?|senast|son)\s+|最終|最后|最後|최종\s*)?"
    r"(?:updated|modified|aktualisiert|mis\s+à\s+jour|actualizado|atualizado|aggiornato|bijgewerkt|"
    r"aggiornamento|actualización|atualização|更新|"
    r"uppdaterad|opdateret|oppdatert|zaktualizowano|aktualizacja|aktualizováno|päivitetty|güncellendi|güncelleme|"
    r"обновлено|"
    # ja zh ko: "更新日：", "更新时间：", "수정 2024.03.20"
    r"更新日時|更新日|更新时间|更新時間|更新于|更新於|수정일?|업데이트|"
    r"frissítve|módosítva|actualizat|ažurirano|ενημερώθηκε|diperbarui|cập\s+nhật|aktualizované|оновлено|"
    # hi he ar fa th
    r"अपडेटेड|अपडेट|עודכן|آخر\s+تحديث|تم\s+التحديث|به[\s\u200c]?روزرسانی|بروزرسانی|อัปเดต|อัพเดท)(?![^\W\d_])",
    re.IGNORECASE,
)
# the same label after a numeric date and its time, before the end of the line
_UPDATE_AFTER_DATE_RE = re.compile(
    r"\s+(?:[-\u2013\u2014|\u00b7\u2022]\s+)?(?=[^\W\d])" + _UPDATED_LABEL_RE.pattern[3:], re.I
)
_PUBLISHED_AFTER_RE = re.compile(
    # or a space alone: "Uppdaterad 20 mars 2024 Publicerad 4 mars 2024", "更新日：2024年3月20日 公開日：2024年3月4日"
    r"(?:\s*[|\u00b7\u2022,;(\[]|\s[-\u2013\u2014]|\s)\s*(?:originally\s+|first\s+)?" + _PUBLISHED_WORDS,
    re.IGNORECASE,
)


# a text node longer than this is a paragraph of the body: the article's header (headline, byline, dateline) is over
HEADER_LINE_CHARS = 120


def _published_after_update(line: str) -> re.Match | None:
    """The publication label of a dateline that opens with an update's ("Updated May 1, 2025 | Published March 4,
    2025"): right after the update's own date and a separator, and followed by a date; not a sentence that goes on
    after the update's date ("Updated May 1, 2025 - published studies from 2019 were added")."""
    update = _UPDATED_LABEL_RE.match(line)
    label = _PUBLISHED_AFTER_RE.search(line, update.end()) if update else None
    if not label:
        return None
    between, first = line[update.end() : label.start()], (line[label.end() :].split() or [""])[0].strip(",.")
    # the update's date after its preposition at most ("Aktualisiert am 20.03.2024 – Erstveröffentlichung am …")
    between = re.sub(r"^\s*(?:on|am|le|el|em|il|op|den)\s+", "", between, flags=re.IGNORECASE)
    if len(between) > 40 or not dates_in_text(between.strip(" :："), spaced=True):
        return None
    opens_with_date = _DIGIT_RE.search(first) or first.lower() in _MONTHS or _fold_month(first) in _INTL_MONTHS_FOLDED
    return label if opens_with_date else None


def labelled_text_date(
    tree, max_nodes: int = 600, skip: int = 0, dayfirst: bool = False, **spellings: Any
) -> str | None:
    """The first date the page shows after a publication label that opens its text node or is the node before it."""
    prev = ""
    header = True  # the article's header: no date nor body paragraph yet, where an update-first line is read
    for t in body_text_nodes(tree, max_nodes, skip):
        # lines of 200 characters at most, as read below: the label's pattern, tried at the start of a 100 KB run of
        # " - - -", takes a second (the kicker and `\W*` give it back one character at a time)
        label = _PUBLISHED_LABEL_RE.match(t) if len(t) <= 200 else None
        if label is None and header and len(t) <= 200:
            label = _published_after_update(t)
        header = header and len(t) <= HEADER_LINE_CHARS and not (_DIGIT_RE.search(t) and dates_in_text(t))
        if (label or (len(prev) <= 200 and _PUBLISHED_LABEL_RE.fullmatch(prev))) and len(t) <= 200:
            rest = t[label.end() :] if label else t
            rest = unspaced(rest) if spellings.get("spaced") else rest
            dates = dates_in_text(rest, first_only=True, dayfirst=dayfirst, **spellings)
            # else a numeric date opening what follows the label ("Published: 2025.12.17 | Essay")
            date = dates[0] if dates else _numeric_date((rest.split(maxsplit=1) or [""])[0].strip(",;|"), dayfirst)
            if date:
                return date
        prev = t
    return None


def text_dates(
    tree, max_nodes: int = 600, first_only: bool = False, skip: int = 0, dayfirst: bool = False, **spellings: Any
) -> list[str]:
    """English month-name dates ("March 5, 2024", "5 March 2024") shown in the page's
    short text nodes, in document order (ISO dates); ``spellings``: as :func:`dates_in_text`'s."""
    out: list[str] = []
    for t in body_text_nodes(tree, max_nodes, skip):
        if len(t) > 200:
            continue
        out += dates_in_text(t, first_only=first_only, dayfirst=dayfirst, **spellings)
        if first_only and out:
            return out[:1]
    return out


def dates_in_text(
    text: str,
    *,
    first_only: bool = False,
    dayfirst: bool = False,
    hyphens: bool = True,
    spaced: bool = False,
    months: str = "",
    wording: PageWording | None = None,
    segments: bool = False,
) -> list[str]:
    """The month-name dates of one line of text, as ISO dates; a line that is only a numeric date gives that date.
    ``hyphens``: "04-Mar-2025" too; ``spaced``: "4. 3. 2025" (Czech and Slovak pages) too; ``months``: the page's
    language, whose abbreviations of months (``_SHORT_MONTHS``: "4 Oca 2025") are read too; ``wording``: what tells
    the page's language where a month's name reads two ways (``PageWording``; else the line alone); ``segments``: a
    numeric date standing as a part of a meta line too ("Hans Müller | 04.10.2025")."""
    out: list[str] = []
    read = set()  # where the dates read end: a date two patterns match ("16 December 2025") is read once
    if not _DIGIT_RE.search(text):  # most lines of a page: no year, so no date (one scan instead of four)
        return out
    if not text.isascii():
        # one spelling of the letters that may be written in two ("फ़" as one code point or "फ" and its nukta)
        text = _one_era_year(unicodedata.normalize("NFC", text.translate(_DIGITS)))
    for rx, order in (
        (_TEXT_DATE_MDY, (3, 1, 2)),
        (_TEXT_DATE_DMY, (3, 2, 1)),
        *([(_TEXT_DATE_DMY_HYPHENS, (3, 2, 1))] if hyphens else []),
        (_TEXT_DATE_DMY_INTL, (3, 2, 1)),
        (_TEXT_DATE_YMD_CJK, (1, 2, 3)),
        (_TEXT_DATE_DMY_CJK, (3, 2, 1)),
        (_TEXT_DATE_YMD_INTL, (1, (2, 4), (3, 5))),  # a month's name and its day, or its abbreviation and day
        (_TEXT_DATE_VI, (3, 2, 1)),
        (_TEXT_DATE_YMD_BALTIC, ((1, 4), (2, 6), (3, 5))),
    ):
        for m in rx.finditer(text):
            if m.end() in read:
                continue
            y, mo, d = (m.group(i) if isinstance(i, int) else m.group(i[0]) or m.group(i[1]) for i in order)
            try:
                month = int(mo) if mo.isdigit() else _month_number(mo, text, wording)
                out.append(datetime(int(y), month, int(d)).date().isoformat())
            except (ValueError, KeyError):
                continue
            read.add(m.end())
            if first_only:
                return out
    if not out:
        out += _era_dates(text)[: 1 if first_only else None]
    if not out and months == "fa":
        out += _jalali_numeric_dates(text)[: 1 if first_only else None]
    if not out and months == "th":
        out += _thai_numeric_dates(text)[: 1 if first_only else None]
    out += _short_month_dates(text, months)[: 1 if first_only else None]
    if not out:
        numeric = _numeric_date(text.strip(), dayfirst, spaced)
        if numeric:
            out.append(numeric)
        elif segments and len(text) <= _SEGMENTED_LINE_CHARS:
            out += _numeric_segment_dates(unspaced(text) if spaced else text, dayfirst)[: 1 if first_only else None]
    return out


# a numeric date standing as one part of a meta line, between its separators ("Hans Müller | 04.10.2025", "Jan
# Kowalski, 04.10.2025, 10:15", "04.10.2025 | Politik", "John Doe · 2025-10-04"), with a time of day after it at most
_NUMERIC_SEGMENT_RE = re.compile(
    r"(?:^|[|\u00b7\u2022,;]\s*|\s[-\u2013\u2014/]\s+)"
    r"(\d{1,2}([./])\d{1,2}\2(?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2})"
    r"(?=\s*(?:(?:um\s+|à\s+|at\s+|в\s+|o\s+|u\s+)?\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?\s*(?:uhr|h|[ap]\.?m\.?)?\s*)?"
    r"(?:$|[|\u00b7\u2022,;]|[-\u2013\u2014/]\s))",
    re.IGNORECASE,
)
# the meta lines read so: a line longer than this is a sentence
_SEGMENTED_LINE_CHARS = 120


def _numeric_segment_dates(text: str, dayfirst: bool) -> list[str]:
    """The numeric dates that stand as parts of a meta line (``_NUMERIC_SEGMENT_RE``), read as a line of their own;
    not the end of a range ("2025-12-12 - 2025-12-17": after a dash that follows a number), nor a dotted one on a page
    that writes the month first (``dayfirst`` False: "1.10.2025" beside "2.18.2025")."""
    out = []
    for m in _NUMERIC_SEGMENT_RE.finditer(text):
        if m.group(0)[:1].isspace() and text[: m.start()].rstrip()[-1:].isdigit():
            continue
        if m.group(2) == "." and not dayfirst:  # "2.18.2025, 1.10.2025" on a US page: either way round
            continue
        date = _numeric_date(m.group(1), dayfirst)
        if date:
            out.append(date)
    return out


_URL_DATE_RE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2}|" + _MONTH_RE.removesuffix(r"\.?") + r")[/-](?P<d>\d{1,2})(?=[/.-]|$)"
    # written together, opening a segment of the path ("/news/20250305/slug", "/a/20250305-slug")
    r"|/(?P<cy>(?:19|20)\d{2})(?P<cm>0[1-9]|1[0-2])(?P<cd>0[1-9]|[12]\d|3[01])(?=[/.-]|$)",
    re.IGNORECASE,
)


def url_date(url: str | None) -> str | None:
    """The day a URL's path names ("/2025/12/18/slug", "/2025-12-18-slug", "/2025/dec/05/slug", "/20251218/slug"), as
    an ISO date."""
    m = _URL_DATE_RE.search(urlparse(url or "").path)
    if not m:
        return None
    y, mo, d = m.group("y", "m", "d") if m.group("y") else m.group("cy", "cm", "cd")
    try:
        return date(int(y), int(mo) if mo.isdigit() else _MONTHS[mo.lower()], int(d)).isoformat()
    except (ValueError, KeyError):
        return None


def days_apart(a: str | None, b: str | None) -> int | None:
    """How many days lie between the days of two ISO dates / datetimes (None when either is missing)."""
    if not a or not b:
        return None
    return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)


def unswapped(shown: str | None, structured: str | None) -> str | None:
    """A shown date whose day and month, read the other way round, give the structured date's day is that date
    ("09.10.2024" read day first beside a datePublished of 10 September); else the shown date."""
    if not shown or not structured or shown[:10] == structured[:10]:
        return shown
    y, m, d = shown[:10].split("-")
    return structured if int(d) <= 12 and f"{y}-{d}-{m}" == structured[:10] else shown


def _htmldate(tree, url: str | None) -> str | None:
    """htmldate without its "extensive" free-text search (dateparser: ~1 s a page, and
    no more accurate on the dev set once <meta>/<time>/visible dates come first)."""
    try:
        return find_date(tree, url=url, **{k: v for k, v in set_date_params(False).items() if k != "url"})
    except Exception:  # noqa: BLE001 - a library edge case must not fail the extraction  # pragma: no cover
        return None


# a sidebar's list of posts: an <aside> (or a part named as a sidebar) outside the headline's article that shows this
# many dates or more
DATED_LIST_DATES = 2
# what a sidebar is written as: HTML's <aside>, ARIA's "complementary" role, a theme's "sidebar" / "widget-area" part
_SIDEBAR_RE = re.compile(r"sidebar|widget-area")


def _sidebars(tree) -> list:
    """The page's ``<aside>``s and the ``<div>``s / ``<section>``s of the "complementary" role or classed (or named) as
    a sidebar, in document order (one walk over those tags)."""
    return [
        el
        for el in tree.iter("aside", "div", "section")
        if el.tag == "aside"
        or el.get("role") == "complementary"
        or _SIDEBAR_RE.search(f"{el.get('class') or ''} {el.get('id') or ''}")
    ]


def without_dated_sidebars(tree):
    """The page without its sidebars of dated posts ("Recent posts" with each post's day): an ``<aside>``, an element
    of the "complementary" role or classed as a sidebar, outside the headline's ``<article>`` (and not holding an
    ``<h1>`` nor half of the page's text), that shows ``DATED_LIST_DATES`` dates or more in its short text nodes. Their
    dates are other posts'; read where the page's own date is searched in what it shows (and by htmldate), they dated
    a post that shows none, or one these searches do not read. The page itself when it has none (else a copy)."""
    asides = _sidebars(tree)
    if not asides:
        return tree
    h1s = headline_h1s(tree)
    home = next(h1s[0].iterancestors("article"), None) if h1s else None
    holders = set(h1s[0].iterancestors()) if h1s else set()
    if home is not None:
        holders |= {home, *home.iterdescendants()}
    listed, few, whole = [], set(), None
    for a in asides:  # inside a part that shows fewer dates, no part shows more
        if a in holders or any(p in few for p in a.iterancestors()):
            continue
        if _dated_texts(a) < DATED_LIST_DATES:
            few.add(a)
            continue
        if whole is None:  # the page's text, measured once for all its dated sidebars
            body = tree.find("body")
            whole = len(" ".join(body.itertext())) if body is not None else 0
        if _a_side_part(a, whole):
            listed.append(a)
    if not listed:
        return tree
    paths = [tree.getroottree().getpath(a) for a in listed]
    copy = deepcopy(tree)
    for path in paths:  # in document order: an outer sidebar goes first, and the paths inside it then find nothing
        for el in copy.getroottree().xpath(path):
            if el.getparent() is not None:
                el.getparent().remove(el)  # the tail goes with it: a list's aside is followed by markup, not text
    return copy


def _a_side_part(el, whole: int) -> bool:
    """Is ``el`` a part beside the page's text: no ``<h1>`` in it, and less than half of the body's text (``whole``
    characters)?"""
    if el.find(".//h1") is not None:
        return False
    return len(" ".join(el.itertext())) * 2 < whole


def _dated_texts(el) -> int:
    """How many of ``el``'s short text nodes show a date (counting up to ``DATED_LIST_DATES``)."""
    n = 0
    for t in el.itertext():
        t = t.strip()
        if t and len(t) <= 200 and _DIGIT_RE.search(t) and dates_in_text(t, first_only=True, spaced=True):
            n += 1
            if n >= DATED_LIST_DATES:
                break
    return n


# a dateline opening the article's first paragraph: its place (in capitals, or any before a credit in brackets), a
# comma, the day, a credit in brackets at most, then a dash: "PARIS, 4 mars 2024 (XNA) – …", "BERLIN, 4. März –"
_DATELINE_RE = re.compile(
    r"([^\W\d_][^\W\d_'’.-]*(?:[ '’.-]+[^\W\d_]+){0,3}),\s+([^()\-\u2013\u2014]{3,40}?)\s*(\([^()]{1,30}\)\s*)?"
    r"[-\u2013\u2014]\s"
)
# the year and month a URL's path names ("/2024/03/slug")
_URL_YEAR_MONTH_RE = re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])/")
# the text nodes from the article's date window in which a paragraph's dateline is looked for
DATELINE_NODES = 40


def dateline_date(tree, url: str | None, skip: int = 0, dayfirst: bool = False, **spellings: Any) -> str | None:
    """The day a dateline opening a paragraph names, however long the paragraph (the shown-date search reads lines
    of 200 characters at most); a dateline without its year ("PARIS, 4 mars (XNA) –") takes the year of the URL's
    "/2024/03/" when the URL's month is the dateline's."""
    ym = None
    for t in body_text_nodes(tree, DATELINE_NODES, skip):
        m = _DATELINE_RE.match(t)
        if not m or not (m.group(1).isupper() or m.group(3)):
            continue
        part = m.group(2).strip()
        dates = dates_in_text(part, first_only=True, dayfirst=dayfirst, **spellings)
        if dates:
            return dates[0]
        ym = ym or _URL_YEAR_MONTH_RE.search(urlparse(url or "").path)
        dates = dates_in_text(f"{part} {ym.group(1)}", first_only=True, **spellings) if ym else []
        if dates and int(dates[0][5:7]) == int(ym.group(2)):
            return dates[0]
    return None
