"""Structured data helpers: JSON-LD, microdata, OpenGraph / ``<meta>`` (RDFa-lite).

All extractors work on one already parsed lxml tree. JSON-LD and microdata go
through extruct's extractors; OpenGraph and other ``<meta property|name>`` pairs
are read directly (cheaper than extruct's RDFa path, which is not used).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from extruct.jsonld import JsonLdExtractor
from extruct.w3cmicrodata import LxmlMicrodataExtractor as MicrodataExtractor

from ..sanitize import url_scheme

_jsonld_extractor = JsonLdExtractor()
_microdata_extractor = MicrodataExtractor()


@dataclass
class Structured:
    jsonld: list[dict] = field(default_factory=list)  # flattened nodes (@graph expanded)
    microdata: list[dict] = field(default_factory=list)  # flattened items, {"type":..., "properties":...}
    meta: dict[str, list[str]] = field(default_factory=dict)  # lower-cased property/name -> contents

    def meta_first(self, *keys: str) -> str | None:
        for key in keys:
            for value in self.meta.get(key, []):
                if value and value.strip():
                    return value.strip()
        return None


def type_names(node: Any) -> list[str]:
    if not isinstance(node, dict):
        return []
    t = node.get("@type", node.get("type"))
    if t is None:
        return []
    if not isinstance(t, list):
        t = [t]
    out = []
    for item in t:
        if isinstance(item, str):
            out.append(item.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])
    return out


def _walk_jsonld(node: Any, depth: int = 0) -> Iterator[dict]:
    if depth > 12:
        return
    if isinstance(node, list):
        for item in node:
            yield from _walk_jsonld(item, depth + 1)
    elif isinstance(node, dict):
        yield node
        graph = node.get("@graph")
        if graph is not None:
            yield from _walk_jsonld(graph, depth + 1)
        for key in ("mainEntity", "mainEntityOfPage", "itemListElement", "item", "about"):
            child = node.get(key)
            if isinstance(child, (dict, list)):
                yield from _walk_jsonld(child, depth + 1)


def flatten_jsonld(items: Iterable[Any]) -> list[dict]:
    return list(_walk_jsonld(list(items)))


def _walk_microdata(item: Any, depth: int = 0) -> Iterator[dict]:
    if depth > 10 or not isinstance(item, dict):
        return
    yield item
    for value in micro_props(item).values():
        values = value if isinstance(value, list) else [value]
        for v in values:
            if micro_props(v):
                yield from _walk_microdata(v, depth + 1)


def extract_structured(tree, url: str | None = None, *, microdata: bool = True) -> Structured:
    st = Structured()
    try:
        st.jsonld = flatten_jsonld(_jsonld_extractor.extract_items(tree, base_url=url))
    except Exception:
        # one bad block must not hide the others: parse them one by one
        nodes = []
        for script in tree.xpath('//script[contains(translate(@type,"LDJSON","ldjson"),"ld+json")]'):
            try:
                nodes.append(json.loads(script.text or "", strict=False))
            except ValueError:
                continue
        st.jsonld = flatten_jsonld(nodes)
    if microdata and tree.xpath("//*[@itemscope][1]"):
        try:
            items = _microdata_extractor.extract_items(tree, url)
            st.microdata = [i for item in items for i in _walk_microdata(item)]
        except Exception:
            st.microdata = []
    meta: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        content = el.get("content")
        if key and content is not None:
            meta.setdefault(key.strip().lower(), []).append(content)
    st.meta = meta
    return st


# --------------------------------------------------------------------------- value helpers


def first(value: Any) -> Any:
    while isinstance(value, list):
        if not value:
            return None
        value = value[0]
    return value


def as_text(value: Any) -> str | None:
    """A string from a JSON-LD / microdata value (dicts: name / @value / value / @id)."""
    value = first(value)
    if value is None:
        return None
    if isinstance(value, dict):
        for key in ("name", "@value", "value"):
            if key in value:
                return as_text(value[key])
        return as_text(micro_props(value).get("name"))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        if "&" in value:
            value = html.unescape(value)
        s = " ".join(value.split())
        return s or None
    return None


_URL_NOISE_RE = re.compile(r"[\t\r\n]|^[\x00-\x20]+|[\x00-\x20]+$")


def join_url(base: str | None, value: str) -> str | None:
    """`value` resolved against `base` (as is without one); None when urllib cannot split it (an unclosed IPv6
    bracket: "http://[::1" raised ValueError and the job failed until `dead`)."""
    if not base:
        return value
    try:
        return urljoin(base, value)
    except ValueError:
        return None


def as_url(value: Any, base: str | None) -> str | None:
    value = first(value)
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl") or value.get("@id") or micro_props(value).get("url")
        value = first(value)
    if not isinstance(value, str):
        return None
    # as a browser reads it: tabs and newlines anywhere and surrounding controls/spaces are dropped
    value = _URL_NOISE_RE.sub("", value)
    if not value or url_scheme(value) not in (None, "http", "https"):
        return None
    return join_url(base, value)


def all_urls(value: Any, base: str | None) -> list[str]:
    out = []
    values = value if isinstance(value, list) else [value]
    for v in values:
        u = as_url(v, base)
        if u and u not in out:
            out.append(u)
    return out


def nodes_of_type(nodes: Iterable[dict], *names: str) -> list[dict]:
    wanted = set(names)
    return [n for n in nodes if wanted.intersection(type_names(n))]


def micro_props(item: Any) -> dict:
    """A microdata item's properties; {} for anything else (tenant JSON may use "properties" for other things)."""
    props = item.get("properties") if isinstance(item, dict) else None
    return props if isinstance(props, dict) else {}


# the types of JSON-LD node that may be an author: a person, an organisation of any of its kinds (schema.org's
# subtypes of Organization, less LocalBusiness's many own subtypes, which are read as themselves only)
PERSON_TYPES = frozenset(("Person",))
ORGANIZATION_TYPES = frozenset(
    (
        "Organization",
        "Airline",
        "Consortium",
        "Corporation",
        "EducationalOrganization",
        "CollegeOrUniversity",
        "ElementarySchool",
        "HighSchool",
        "MiddleSchool",
        "Preschool",
        "School",
        "FundingScheme",
        "GovernmentOrganization",
        "LibrarySystem",
        "LocalBusiness",
        "MedicalOrganization",
        "Hospital",
        "NGO",
        "NewsMediaOrganization",
        "OnlineBusiness",
        "OnlineStore",
        "PerformingGroup",
        "MusicGroup",
        "TheaterGroup",
        "DanceGroup",
        "PoliticalParty",
        "Project",
        "ResearchProject",
        "FundingAgency",
        "ResearchOrganization",
        "SearchRescueOrganization",
        "SportsOrganization",
        "SportsTeam",
        "WorkersUnion",
    )
)
_AUTHOR_NODE_TYPES = PERSON_TYPES | ORGANIZATION_TYPES


def referenced(value: Any, nodes: list[dict]) -> Any:
    """``value`` with each reference to a node of the page's JSON-LD (``{"@id": …}`` with no name, as Yoast's
    ``@graph`` gives an Article's author: ``{"@id": "…/#/schema/person/1"}``) replaced by that node, when the first of
    ``nodes`` that carries that ``@id`` as a person or an organisation (``PERSON_TYPES``, ``ORGANIZATION_TYPES``: not
    the WebPage, the Article itself, an image) names it (``name``, or ``givenName`` and ``familyName``); other values
    as they are. One pass over ``nodes``, only when a reference is given."""
    values = value if isinstance(value, list) else [value]
    wanted = {
        v["@id"] for v in values if isinstance(v, dict) and isinstance(v.get("@id"), str) and v.get("name") is None
    }
    if not wanted:
        return value
    named = {}
    for n in nodes:
        key = n.get("@id")
        if not isinstance(key, str) or key not in wanted or key in named:
            continue
        if _AUTHOR_NODE_TYPES.intersection(type_names(n)) and people_names(n):
            named[key] = n
    out = [named.get(v["@id"], v) if isinstance(v, dict) and v.get("@id") in named else v for v in values]
    return out if isinstance(value, list) else out[0]


# a name written in Han, kana or hangul only: Chinese, Japanese, Korean names, family name first and no space
_CJK_NAME_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u30fb\u00b7]+")


# languages that write the family name first, spaced (Hungarian "Kovács János"); CJK scripts are told by their letters
_FAMILY_FIRST_LANGUAGES = ("hu",)
# the letters of Hungarian names beyond ASCII ("János", "Kovács", "Gergő"); a name without any keeps its given order
_HUNGARIAN_LETTERS_RE = re.compile("[áéíóöőúüűÁÉÍÓÖŐÚÜŰ]")


def _given_family(person: dict, lang: str | None = None) -> str | None:
    """A Person's name from its parts when it gives no ``name`` ("givenName": "Jane", "familyName": "Doe"; in CJK
    scripts the family name first, unspaced: "familyName": "山田", "givenName": "太郎" is 山田太郎; on a page in a
    language that writes the family name first, spaced: "Kovács János" on a Hungarian page)."""
    parts = [as_text(person.get(k)) for k in ("givenName", "additionalName", "familyName")]
    if not (parts[0] and parts[2]):
        return None
    if all(_CJK_NAME_RE.fullmatch(p) for p in (parts[0], parts[2])):
        return parts[2] + parts[0]
    # only a name in Hungarian letters: a Hungarian page writes a foreign name ("John Smith") given name first
    hungarian = _HUNGARIAN_LETTERS_RE.search(parts[0] + parts[2])
    if hungarian and re.split(r"[-_]", (lang or "").strip().lower())[0] in _FAMILY_FIRST_LANGUAGES:
        parts = [parts[2], parts[0], parts[1]]
    return " ".join(p for p in parts if p)


def people_names(value: Any, lang: str | None = None) -> list[str]:
    """The names of the people (or organisations) ``value`` gives; ``lang``: the page's language, which orders a name
    given by its parts."""
    values = value if isinstance(value, list) else [value]
    out: list[str] = []
    seen: set[str] = set()
    for v in values:
        if isinstance(v, dict):
            name = as_text(v.get("name")) or as_text(micro_props(v).get("name")) or _given_family(v, lang)
        elif isinstance(v, str):
            name = " ".join(v.split())
            if name.startswith(("http://", "https://")):
                name = None
        else:
            name = None
        if name:
            for part in re.split(r"\s*(?:,|;|\band\b|&)\s*", name) if len(name) > 60 else [name]:
                if part and part not in seen:
                    seen.add(part)
                    out.append(part)
    return out
