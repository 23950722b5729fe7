"""Load the time layer's data files (status cues, date words), checked against their schemas in
:mod:`communique.data_schemas` by the common checker."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .. import data_schemas
from ..data_files import problems
from ..yaml_files import compose_yaml, load_yaml

DATA_PACKAGE = "communique"
DATA_DIR = ("data", "time")
STATUS_CUES_FILE = "status_cues.yaml"
DATE_WORDS_FILE = "date_words.yaml"


class VocabularyError(ValueError):
    """A data file of the time layer does not follow its schema."""


@dataclass(frozen=True, slots=True)
class StatusCues:
    planned_phrases: tuple[tuple[str, ...], ...]
    planned_auxiliaries: frozenset[str]
    planned_heads: frozenset[str]
    ongoing_phrases: tuple[tuple[str, ...], ...]
    ongoing_verbs: frozenset[str]
    onset_verbs: frozenset[str] = frozenset()  # "began", "launched": under way if just before publication
    onset_nouns: frozenset[str] = frozenset()  # "the beginning of the exercise": the same
    planned_ahead: tuple[tuple[str, ...], ...] = ()  # "ahead of a visit": the noun's act comes later


@dataclass(frozen=True, slots=True)
class DateWords:
    anaphora: dict[str, int]  # phrase -> day offset from the last stated date
    numbers: dict[str, int]
    not_event_date_prefixes: frozenset[str]
    span_anchors: tuple[str, ...] = ()  # "as part of the visit": tied to a multi-day span, no single day
    holding_participles: frozenset[str] = frozenset()  # "a reception held on Thursday": the story's own time


def _read_yaml(path: Path | None, default_name: str) -> tuple[str, Any, yaml.Node | None]:
    if path is None:
        ref = resources.files(DATA_PACKAGE).joinpath(*DATA_DIR, default_name)
        name, text = str(ref), ref.read_text(encoding="utf-8")
    else:
        name, text = str(path), Path(path).read_text(encoding="utf-8")
    try:
        return name, load_yaml(text), compose_yaml(text)
    except yaml.YAMLError as exc:
        raise VocabularyError(f"{name}: not valid YAML: {exc}") from None


def _checked(name: str, data: Any, root: yaml.Node | None, schema: Any) -> Any:
    """``data`` once it follows ``schema`` (the common data-file schema); the first problem names
    the file, the line and the entry."""
    found, _ = problems(data, schema, root)
    if found:
        line, where, message = found[0]
        raise VocabularyError(f"{name} ({f'line {line}' if line else 'top level'}): {where}: {message}")
    return data


def _words(values: list[str]) -> list[str]:
    return [v.strip().lower() for v in values]


@lru_cache(maxsize=8)
def load_status_cues(path: Path | None = None) -> StatusCues:
    """Status cue words from ``path`` (default: the built-in data file)."""
    data = _checked(*_read_yaml(path, STATUS_CUES_FILE), data_schemas.StatusCues)
    planned, ongoing = data["planned"], data["ongoing"]
    return StatusCues(
        planned_phrases=tuple(tuple(p.split()) for p in _words(planned["phrases"])),
        planned_auxiliaries=frozenset(_words(planned["auxiliaries"])),
        planned_heads=frozenset(_words(planned["heads"])),
        ongoing_phrases=tuple(tuple(p.split()) for p in _words(ongoing["phrases"])),
        ongoing_verbs=frozenset(_words(ongoing["verbs"])),
        onset_verbs=frozenset(_words(ongoing.get("onsets") or [])),
        onset_nouns=frozenset(_words(ongoing.get("onset_nouns") or [])),
        planned_ahead=tuple(tuple(p.split()) for p in _words(planned.get("ahead") or [])),
    )


@lru_cache(maxsize=8)
def load_date_words(path: Path | None = None) -> DateWords:
    """Date vocabulary from ``path`` (default: the built-in data file)."""
    data = _checked(*_read_yaml(path, DATE_WORDS_FILE), data_schemas.DateWords)
    return DateWords(
        anaphora={" ".join(k.strip().lower().split()): v for k, v in data["anaphora"].items()},
        numbers={k.strip().lower(): v for k, v in data["numbers"].items()},
        not_event_date_prefixes=frozenset(_words(data["not_event_date_prefixes"])),
        span_anchors=tuple(" ".join(p.split()) for p in _words(data["span_anchors"])),
        holding_participles=frozenset(_words(data.get("holding_participles", []))),
    )
