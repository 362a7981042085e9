"""Scoring functions for bench/quality.py, as described in /work/shared/data/README.md.

Article body: word tokens (``\\w+``, Unicode), multisets of overlapping 4-token
sequences; precision = shared / predicted, recall = shared / truth (empty vs empty
scores 1 for both); average P and R over pages, F1 = harmonic mean of the averages.
Exact match: token lists equal.
Title / author / date: exact after whitespace + case normalisation (dates: same day).

Product fields: per page and field, TP / FP / FN counting as in the README, F1 per
field over pages.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

_WORD_RE = re.compile(r"\w+", re.UNICODE)


def tokenize(text: str | None) -> list[str]:
    return _WORD_RE.findall(text or "")


def ngrams(tokens: Sequence[str], n: int = 4) -> Counter:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def body_pr(predicted: str | None, truth: str | None, n: int = 4) -> tuple[float, float]:
    """Precision and recall of one page's body on 4-gram multisets."""
    p = ngrams(tokenize(predicted), n)
    t = ngrams(tokenize(truth), n)
    if not p and not t:
        return 1.0, 1.0
    shared = sum((p & t).values())
    precision = shared / sum(p.values()) if p else 0.0
    recall = shared / sum(t.values()) if t else 0.0
    return precision, recall


def exact_match(predicted: str | None, truth: str | None) -> bool:
    return tokenize(predicted) == tokenize(truth)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if (p + r) else 0.0


@dataclass
class BodyScore:
    precisions: list[float] = field(default_factory=list)
    recalls: list[float] = field(default_factory=list)
    exact: list[bool] = field(default_factory=list)

    def add(self, predicted: str | None, truth: str | None) -> None:
        p, r = body_pr(predicted, truth)
        self.precisions.append(p)
        self.recalls.append(r)
        self.exact.append(exact_match(predicted, truth))

    @property
    def precision(self) -> float:
        return sum(self.precisions) / len(self.precisions) if self.precisions else 0.0

    @property
    def recall(self) -> float:
        return sum(self.recalls) / len(self.recalls) if self.recalls else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    @property
    def exact_accuracy(self) -> float:
        return sum(self.exact) / len(self.exact) if self.exact else 0.0


def normalize_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value if v)
    return " ".join(str(value).split()).casefold()


def text_match(predicted, truth) -> bool:
    """Exact after whitespace and case normalisation (missing == empty)."""
    return normalize_text(predicted) == normalize_text(truth)


_DATE_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def date_day(value) -> str | None:
    if not value:
        return None
    m = _DATE_RE.search(str(value))
    if not m:
        return None
    y, mo, d = m.groups()
    return f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"


def date_match(predicted, truth) -> bool:
    """Same calendar day (missing == missing)."""
    return date_day(predicted) == date_day(truth)


# --------------------------------------------------------------------------- products

CURRENCY_SYMBOLS: dict[str, set[str]] = {
    "$": {"USD", "CAD", "AUD", "NZD", "TWD", "HKD", "SGD", "MXN", "ARS", "CLP", "COP"},
    "US$": {"USD"},
    "C$": {"CAD"},
    "CA$": {"CAD"},
    "A$": {"AUD"},
    "AU$": {"AUD"},
    "NZ$": {"NZD"},
    "NT$": {"TWD"},
    "HK$": {"HKD"},
    "S$": {"SGD"},
    "R$": {"BRL"},
    "€": {"EUR"},
    "EURO": {"EUR"},
    "£": {"GBP"},
    "¥": {"JPY", "CNY"},
    "円": {"JPY"},
    "元": {"CNY"},
    "₩": {"KRW"},
    "원": {"KRW"},
    "₹": {"INR"},
    "RS": {"INR"},
    "₽": {"RUB"},
    "РУБ": {"RUB"},
    "₴": {"UAH"},
    "ГРН": {"UAH"},
    "₺": {"TRY"},
    "TL": {"TRY"},
    "ZŁ": {"PLN"},
    "ZL": {"PLN"},
    "KČ": {"CZK"},
    "LEI": {"RON"},
    "LEU": {"RON"},
    "FT": {"HUF"},
    "KR": {"SEK", "NOK", "DKK", "ISK"},
    "KN": {"HRK"},
    "₪": {"ILS"},
    "฿": {"THB"},
    "₫": {"VND"},
    "₱": {"PHP"},
    "RM": {"MYR"},
    "RP": {"IDR"},
    "CHF": {"CHF"},
    "FR.": {"CHF"},
    "R": {"ZAR"},
    "ЛВ": {"BGN"},
    "ЛВ.": {"BGN"},
}


def currency_codes(value) -> set[str]:
    """Map a currency code or symbol to the set of ISO 4217 codes it may denote."""
    if value is None:
        return set()
    s = str(value).strip()
    s = s.strip(string.whitespace + "~.:,;()[]")
    if not s:
        return set()
    up = s.upper()
    if up in CURRENCY_SYMBOLS:
        return set(CURRENCY_SYMBOLS[up])
    if re.fullmatch(r"[A-Z]{3}", up):
        return {up}
    # symbol followed/preceded by junk: try each known symbol, longest first
    for sym in sorted(CURRENCY_SYMBOLS, key=len, reverse=True):
        if len(sym) > 1 and sym in up:
            return set(CURRENCY_SYMBOLS[sym])
    for ch in up:
        if ch in CURRENCY_SYMBOLS:
            return set(CURRENCY_SYMBOLS[ch])
    return {up}


def to_decimal(value) -> Decimal | None:
    if value is None:
        return None
    s = str(value).strip()
    try:
        return Decimal(s)
    except (InvalidOperation, ValueError):
        pass
    try:
        from price_parser import Price

        amount = Price.fromstring(s).amount
        return amount
    except Exception:  # noqa: BLE001 - an unreadable label is no reading  # pragma: no cover
        return None


_THOUSANDS_ONLY_RE = re.compile(r"\d{1,3}(?:[.,]\d{3})+")


def price_readings(label) -> set[Decimal]:
    """The amounts a price label can mean: "23.450" is 23.45 or 23450 (its dot may group thousands), "1,299" is
    1299 or 1.299; any other label has one reading."""
    out = set()
    first = to_decimal(label)
    if first is not None:
        out.add(first)
    s = str(label).strip() if label is not None else ""
    if _THOUSANDS_ONLY_RE.fullmatch(s):
        out.add(Decimal(re.sub(r"[.,]", "", s)))
        if s.count(".") + s.count(",") == 1:
            out.add(Decimal(s.replace(",", ".")))
    return out


def _alnum(value) -> str:
    return "".join(ch for ch in str(value) if ch.isalnum()).casefold()


def _digits(value) -> str:
    return "".join(ch for ch in str(value) if ch.isdigit()).lstrip("0")


def _brand(value) -> str:
    s = unicodedata.normalize("NFKC", str(value)).casefold()
    s = "".join(ch for ch in s if not unicodedata.category(ch).startswith(("P", "S")))
    return " ".join(s.split())


def _availability(value) -> str:
    s = str(value or "InStock").strip()
    s = s.rsplit("/", 1)[-1]
    return s.casefold()


def field_match(field_name: str, predicted, accepted) -> bool:
    """Does ``predicted`` match the accepted value ``accepted`` for ``field_name``?"""
    if predicted is None or predicted == "":
        return False
    if field_name == "price":
        a = to_decimal(predicted)
        return a is not None and a in price_readings(accepted)
    if field_name == "currency":
        return bool(currency_codes(predicted) & currency_codes(accepted))
    if field_name in ("sku", "mpn"):
        return _alnum(predicted) == _alnum(accepted) and _alnum(accepted) != ""
    if field_name == "gtin":
        return _digits(predicted) == _digits(accepted) and _digits(accepted) != ""
    if field_name == "brand":
        return _brand(predicted) == _brand(accepted) and _brand(accepted) != ""
    if field_name == "availability":
        return _availability(predicted) == _availability(accepted)
    return normalize_text(predicted) == normalize_text(accepted)


@dataclass
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, field_name: str, predicted, accepted: Iterable | None) -> None:
        accepted = [a for a in (accepted or []) if a not in (None, "")]
        if field_name == "availability" and (predicted is None or predicted == ""):
            predicted = "InStock"
        has_pred = predicted is not None and predicted != ""
        if not accepted:
            if has_pred:
                self.fp += 1
            return
        if not has_pred:
            self.fn += 1
        elif any(field_match(field_name, predicted, a) for a in accepted):
            self.tp += 1
        else:
            self.fp += 1
            self.fn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if (self.tp + self.fp) else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if (self.tp + self.fn) else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


PRODUCT_SCORED_FIELDS = ("price", "currency", "sku", "availability", "brand", "gtin", "mpn")
