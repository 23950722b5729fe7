"""How the coder treats classes of acts (PLOVER types, CAMEO codes and code prefixes), read from
``patterns/code_classes.yaml`` or a file of the same keys that replaces it; and the word classes
of the tagger it reads triggers with."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import data_files, data_schemas
from ..data_files import DataFileError
from .patterns import PatternError

VERB_POS = {"VERB", "AUX"}
NOUN_POS = {"NOUN", "PROPN"}
ARTICLE_SENTENCES = 3  # enough sentences for an article's two states to be known


@dataclass(frozen=True)
class CodeClasses:
    """The classes of ``code_classes.yaml`` (see there): PLOVER types, codes, and code prefixes
    (a code is of a prefix class when it starts with one of them)."""

    verbal_types: frozenset[str]
    spoken_types: frozenset[str]
    cooperative_types: frozenset[str]
    directed_types: frozenset[str]
    hostile_types: frozenset[str]
    place_target_types: frozenset[str]
    abroad_target_types: frozenset[str]
    given_types: frozenset[str]
    dyad_target_types: frozenset[str]
    unasserted_aims: frozenset[str]
    domestic_target_types: frozenset[str]
    international_types: frozenset[str]
    scene_only_types: frozenset[str]
    told_by_victim_types: frozenset[str]
    with_counterpart_types: frozenset[str]
    ultimatum: str
    refusal: str
    refusal_to_meet: str
    demand: str
    bare_intent: str
    demonstration: str
    official_protest: str
    victims_accusation: str
    wronged_accusation: str
    official_sectors: frozenset[str]
    domestic_sectors: frozenset[str]
    body_codes: frozenset[str]
    transnational_sectors: frozenset[str]
    law_sectors: frozenset[str]
    gathering_sector: str
    travel: tuple[str, ...]
    ceasefire: tuple[str, ...]
    scheduled: tuple[str, ...]
    asked_to_act: tuple[str, ...]
    appeals: tuple[str, ...]
    reciprocal: tuple[str, ...]
    joint_symmetric: tuple[str, ...]
    intents: tuple[str, ...]
    threats: tuple[str, ...]
    spoken: tuple[str, ...]
    released: tuple[str, ...]
    violent: tuple[str, ...]
    by_authorities: tuple[str, ...]
    domestic: tuple[str, ...]
    charge: tuple[str, ...]


def load_code_classes(path: str | Path | None = None) -> CodeClasses:
    """The built-in code classes, or those of the file ``path`` replacing them."""
    return _load(str(path) if path else None)


@lru_cache(maxsize=4)
def _load(path: str | None) -> CodeClasses:
    try:
        if path is None:
            data = data_files.load_builtin("patterns/code_classes.yaml")
        else:
            data = data_files.load(path, data_schemas.CodeClasses)
    except DataFileError as exc:
        raise PatternError(str(exc)) from None
    types = {f"{key}_types" if key != "unasserted_aims" else key: frozenset(value)
             for key, value in data["types"].items()}
    prefixes = {key: tuple(value) for key, value in data["prefixes"].items()}
    sectors = {key: frozenset(data[key]) for key in ("official_sectors", "domestic_sectors", "body_codes",
                                                     "transnational_sectors", "law_sectors")}
    return CodeClasses(**types, **data["codes"], **sectors, **prefixes, gathering_sector=data["gathering_sector"])
