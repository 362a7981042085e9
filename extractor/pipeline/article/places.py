"""Place names: a dateline's place beside an article's date ("Los Angeles · Dec 17, 2025") is no writer.

Three signals, none of them a list of this project's own: the words place names are built of ("New …", "Fort …",
"St. …", "… City", "… County"); the cities of the time-zone database and the countries, as CLDR names them in English
and in the page's language (Babel's CLDR data, installed with trafilatura through courlan); and markup that says the
text is a place (``class="location"``, ``itemprop="contentLocation"``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global

# words that open a place's name and open no person's: "New York", "Fort Worth", "St. Louis", "North Carolina";
# "Lake", "El", "La" left out ("Lake Bell", "El Khoury", "La Toya"), and "San", "Santa", "Santo", "São" (given names:
# "Santa Montefiore", "Santo Cilauro"; "São Paulo", "Santo Domingo" are CLDR's cities)
_PLACE_FIRST = frozenset(
    "new saint st. ste. fort ft. port mount mt. los las north south east west upper lower greater".split()
)
# words that close a place's name and close few people's: "Salt Lake City", "Orange County"; "Beach", "Bay", "Park",
# "Hill", "Harbour", "Falls", "Valley", "Springs", "Island", "Village", "Kingdom" left out (surnames: "Sarah Rudell
# Beach", "Michael Bay", "David Harbour", "Cyril Falls")
_PLACE_LAST = frozenset("city county heights province region district republic territory township borough".split())
# CLDR territories that are no country and may be a person's name ("Diego Garcia"), or a grouping ("European Union")
_NOT_COUNTRIES = frozenset(("AC", "CP", "DG", "EA", "IC", "TA", "EU", "EZ", "UN", "QO", "XA", "XB", "XK"))
# class / id words of an element that holds a place ("article-location", "dateline-city", "story-place")
# ("region" and "address" left out: a CMS's "region-content" holds whole pages, an <address> the writer's contact)
_PLACE_CLASS_RE = re.compile(r"(?<![a-z])(?:location|place|city|geo|locality|country|venue)(?![a-z])")
_PLACE_ITEMPROPS = frozenset(("contentlocation", "locationcreated", "addresslocality", "location"))
# the text node's element and its parent are read for that markup
_PLACE_MARKUP_DEPTH = 2


def place_name(name: str, lang: str | None = None) -> bool:
    """Does ``name`` read as a place: built of the words place names are ("New Delhi", "Orange County"), or a city
    of the time-zone database or a country, as named in English or in the page's language ``lang``?"""
    words = name.casefold().split()
    if len(words) > 1 and (words[0] in _PLACE_FIRST or words[-1] in _PLACE_LAST):
        return True
    key = " ".join(words)
    language = (lang or "").split("-")[0].split("_")[0].lower()  # "de-AT" → "de": one set of names a language
    return key in _known_places("en") or (language.isalpha() and key in _known_places(language))


@lru_cache(maxsize=16)
def _known_places(lang: str) -> frozenset[str]:
    """The CLDR names, case-folded, of the time-zone database's cities and of the countries in the language ``lang``
    ("en", "de"); empty for a language CLDR does not know. Built once a language and process (≈ 40 ms the first
    time, loading CLDR; a few ms for each further language)."""
    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError, TypeError):
        return frozenset()
    names = {v.casefold() for k, v in locale.territories.items() if k.isalpha() and k not in _NOT_COUNTRIES}
    # a zone's city as babel.dates.get_timezone_location names it: the language's exemplar city, else the zone's own
    # ("America/Los_Angeles": "Los Angeles"); the zones CLDR places in a country, not the system's tz database
    for zone in get_global("zone_territories"):
        if "/" in zone and not zone.startswith("Etc/"):
            city = locale.time_zones.get(zone, {}).get("city") or zone.rpartition("/")[2].replace("_", " ")
            names.add(city.casefold())
    return frozenset(names)


def in_place_markup(node) -> bool:
    """Is the text node (an lxml "smart" string) inside an element classed or marked up as a place?"""
    el = node.getparent() if hasattr(node, "getparent") else None
    if el is not None and node.is_tail:
        el = el.getparent()
    for _ in range(_PLACE_MARKUP_DEPTH):
        if el is None:
            return False
        words = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
        if _PLACE_CLASS_RE.search(words) or (el.get("itemprop") or "").lower() in _PLACE_ITEMPROPS:
            return True
        el = el.getparent()
    return False


def page_language(node) -> str | None:
    """The ``lang`` of the page a text node stands in."""
    el = node.getparent() if hasattr(node, "getparent") else None
    return el.getroottree().getroot().get("lang") if el is not None else None
