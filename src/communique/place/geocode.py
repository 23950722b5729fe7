"""Offline geocoding of place names: exact lookups in the gazetteer, never fuzzy matches.

Order of lookup: seas, straits and regions; then the name as written (countries, first-level
divisions, cities); then the name less a trailing generic word ("Dongxing city"). Among
homonyms the country hint decides first, then population.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from ..records import Location
from .gazetteer import Place, capitals_of, country_names, fold, gazetteer, generic_words

# A city this large whose name is also a division's name is meant as the city ("Washington").
BIG_CITY = 100_000

_POSSESSIVE = re.compile(r"['\u2019]s?$")
_EDGE_PUNCT = " \t\n\"'\u201c\u201d\u2018\u2019,;:()[]"
_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.)+$")  # "U.S.", "D.C."


def clean_name(name: str) -> str:
    """Trim quotes, punctuation, a possessive and a leading article: "the Philippines'" -> "Philippines"."""
    name = " ".join(name.split()).strip(_EDGE_PUNCT)
    name = _POSSESSIVE.sub("", name).strip(_EDGE_PUNCT)
    if name.endswith(".") and not _ABBREVIATION.search(name):
        name = name.rstrip(".").strip(_EDGE_PUNCT)
    if name[:4].casefold() == "the ":
        name = name[4:]
    return name


def geocode(name: str, country_hint: str | None = None, *, admin1_hint: str | None = None) -> Location | None:
    """The place that ``name`` names, or None. ``country_hint`` is an ISO alpha-3 code;
    ``admin1_hint`` a first-level division the place lies in (both only break ties)."""
    if not name or not name.strip():
        return None
    found = _geocode(name, country_hint, admin1_hint)
    return dataclasses.replace(found) if found else None


@lru_cache(maxsize=65536)
def _geocode(name: str, country_hint: str | None, admin1_hint: str | None) -> Location | None:
    text = clean_name(name)
    if not text:
        return None
    gaz = gazetteer()
    for variant, implied in _variants(text):
        key = fold(variant)
        if key in generic_words().not_places:
            continue
        water = gaz.hinted_waters.get((country_hint or "", key)) or gaz.waters.get(key)
        if water is not None:
            return _location(water)
        place = _choose(key, implied, country_hint, admin1_hint)
        if place is not None:
            return _location(place)
    return _with_demonym(text, admin1_hint)


def _with_demonym(text: str, admin1_hint: str | None) -> Location | None:
    """"Pakistani Kashmir", "Iraqi Kurdistan": the rest of the name read in the country the demonym
    names; the country itself when the rest is a place elsewhere ("Iranian Kurdistan" vs Iraq's)."""
    first, _, rest = text.partition(" ")
    country = _demonym_country(first)
    if country is None or not rest:
        return None
    found = _geocode(rest, country, admin1_hint)
    if found is None:
        return None  # "Chinese Defense Ministry" names no place
    if found.country == country:
        return found
    if found.country is None and found.feature == "region":
        return dataclasses.replace(found, country=country)
    place = gazetteer().country_by_iso3.get(country)
    return _location(place) if place is not None else None


@lru_cache(maxsize=1)
def _demonym_table() -> dict[str, str]:
    return {fold(d): iso3 for iso3, entry in country_names().items() for d in entry["demonyms"]}


def _demonym_country(word: str) -> str | None:
    return _demonym_table().get(fold(word))


def _variants(text: str) -> list[tuple[str, str | None]]:
    """The name as written, then less a trailing generic word (with the feature it implies)."""
    variants: list[tuple[str, str | None]] = [(text, None)]
    if "." in text:
        variants.append((text.replace(".", ""), None))  # "U.S" -> "US"
    for words, feature in generic_words().suffixes:
        if text.endswith(" " + words):
            base = text[: -len(words) - 1].rstrip(" ,")
            if base:
                variants.append((base, feature))
                variants.append((base, "any"))  # "Baghlan province" is named after its capital
            break
    return variants


def _choose(key: str, implied: str | None, hint: str | None, admin1_hint: str | None) -> Place | None:
    gaz = gazetteer()
    countries = gaz.countries.get(key, []) if implied is None else []
    divisions = gaz.divisions.get(key, []) if implied in (None, "admin1", "any") else []
    cities = gaz.cities.get(key, []) if implied in (None, "city", "any") else []
    if hint and any(p.country == hint for p in (*countries, *divisions, *cities)):
        countries = [p for p in countries if p.country == hint]
        divisions = [p for p in divisions if p.country == hint]
        cities = [p for p in cities if p.country == hint]
    cities = [c for c in cities if not c.alternate] or cities  # a main name beats an alternate one
    if admin1_hint:
        inside = [c for c in cities if c.admin1 and fold(c.admin1) == fold(admin1_hint)]
        cities = inside or cities
    if countries:
        return countries[0]
    division = max(divisions, key=lambda p: p.population, default=None)
    city = max(cities, key=lambda p: p.population, default=None)
    if division is None or city is None:
        return division or city
    if city.admin1_key == division.admin1_key:
        return city  # "Beijing", "Tokyo": the city that is also its division
    if city.capital or (city.population >= BIG_CITY and not city.alternate):
        return city  # "Washington"; "Kiev", an alternate name of the capital Kyiv
    return division


@lru_cache(maxsize=1)
def _capitals() -> dict[str, Place]:
    gaz = gazetteer()
    return gaz.capitals or capitals_of(gaz)


def seat_of(country: str) -> Location | None:
    """Where a state's government sits: its capital, else the country itself."""
    place = _capitals().get(country) or gazetteer().country_by_iso3.get(country)
    return _location(place) if place is not None else None


def country_location(country: str) -> Location | None:
    """The country itself as a place."""
    place = gazetteer().country_by_iso3.get(country)
    return _location(place) if place is not None else None


def _location(place: Place) -> Location:
    return Location(
        name=place.name,
        admin1=place.admin1 if place.feature in ("city", "admin1") else None,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        geonameid=place.geonameid,
        feature=place.feature,
    )
