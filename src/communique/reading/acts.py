"""What the consolidate stage knows of acts and words: the classes of acts by which an act is told
from its parts (``reading/act_classes.yaml``), the types of acts aimed at a party
(``reading/directed.yaml``), and the coder's word classes and classes of acts it shares with the
events stage (``patterns/words.yaml``, ``patterns/code_classes.yaml``). Each is the built-in file
or a file of the same format that replaces it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import data_files
from ..events.codeclasses import CodeClasses, load_code_classes
from ..events.patterns import Lexicon, load_lexicon


@dataclass(frozen=True)
class ActClasses:
    """The classes of acts of ``data/reading/act_classes.yaml`` (see there)."""

    disapproval: frozenset[str]
    preferred_disapproval: str
    parts: dict[str, frozenset[str]]
    asked: frozenset[str]
    means: frozenset[str]


def act_classes(path: str | Path | None = None) -> ActClasses:
    """The built-in classes of acts by which an act is told from its parts, or those of ``path``."""
    return _act_classes(str(path) if path else None)


@lru_cache(maxsize=4)
def _act_classes(path: str | None) -> ActClasses:
    data = data_files.load_replaceable("reading/act_classes.yaml", path)
    return ActClasses(disapproval=frozenset(data["disapproval"]), preferred_disapproval=data["preferred_disapproval"],
                      parts={k: frozenset(v) for k, v in data["parts"].items()},
                      asked=frozenset(data["asked"]), means=frozenset(data["means"]))


def directed_types(path: str | Path | None = None) -> frozenset[str]:
    """The PLOVER types of acts aimed at a party (``data/reading/directed.yaml``, or ``path``)."""
    return _directed(str(path) if path else None)


@lru_cache(maxsize=4)
def _directed(path: str | None) -> frozenset[str]:
    data = data_files.load_replaceable("reading/directed.yaml", path)
    return frozenset(data["types"])


@dataclass(frozen=True)
class ConsolidationWords:
    """Everything the consolidate stage reads from data files, the same for every article."""

    lex: Lexicon
    classes: CodeClasses
    acts: ActClasses
    directed: frozenset[str]


def load_consolidation_words(words: str | None = None, code_classes: str | None = None,
                             acts: str | None = None, directed: str | None = None) -> ConsolidationWords:
    """The built-in files, or the files named replacing them."""
    return ConsolidationWords(load_lexicon(words=words), load_code_classes(code_classes), act_classes(acts),
                              directed_types(directed))
