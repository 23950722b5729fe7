"""Load and check the time layer's data files (status cues, date words)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

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


@dataclass(frozen=True, slots=True)
class DateWords:
    anaphora: dict[str, int]  # phrase -> day offset from the last stated date
    numbers: dict[str, int]
    not_event_date_prefixes: frozenset[str]
    span_anchors: tuple[str, ...] = ()  # "as part of the visit": tied to a multi-day span, no single day


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


def _line(node: yaml.Node | None, keys: tuple[Any, ...]) -> str:
    """'line N' of the node reached by ``keys`` (mapping keys or list indexes), if known."""
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
    return f"line {node.start_mark.line + 1}" if node is not None else "top level"


class _Checker:
    def __init__(self, name: str, data: Any, root: yaml.Node | None) -> None:
        self.name, self.data, self.root = name, data, root

    def fail(self, keys: tuple[Any, ...], message: str) -> VocabularyError:
        where = ".".join(str(k) for k in keys) or "document"
        return VocabularyError(f"{self.name} ({_line(self.root, keys)}): {where}: {message}")

    def get(self, *keys: Any) -> Any:
        value = self.data
        for depth, key in enumerate(keys):
            if not isinstance(value, dict) or key not in value:
                raise self.fail(keys[: depth + 1], "missing required key")
            value = value[key]
        return value

    def strings(self, *keys: Any) -> list[str]:
        value = self.get(*keys)
        if not isinstance(value, list):
            raise self.fail(keys, "must be a list of strings")
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(keys + (index,), f"entry {index + 1} must be a non-empty string, got {item!r}")
        return [item.strip().lower() for item in value]

    def int_map(self, *keys: Any) -> dict[str, int]:
        value = self.get(*keys)
        if not isinstance(value, dict):
            raise self.fail(keys, "must be a mapping of phrase -> integer")
        for key, item in value.items():
            if not isinstance(key, str) or not key.strip() or isinstance(item, bool) or not isinstance(item, int):
                raise self.fail(keys + (key,), f"entry {key!r} must map a phrase to an integer, got {item!r}")
        return {key.strip().lower(): item for key, item in value.items()}


@lru_cache(maxsize=8)
def load_status_cues(path: Path | None = None) -> StatusCues:
    """Status cue words from ``path`` (default: the built-in data file)."""
    check = _Checker(*_read_yaml(path, STATUS_CUES_FILE))
    return StatusCues(
        planned_phrases=tuple(tuple(p.split()) for p in check.strings("planned", "phrases")),
        planned_auxiliaries=frozenset(check.strings("planned", "auxiliaries")),
        planned_heads=frozenset(check.strings("planned", "heads")),
        ongoing_phrases=tuple(tuple(p.split()) for p in check.strings("ongoing", "phrases")),
        ongoing_verbs=frozenset(check.strings("ongoing", "verbs")),
        onset_verbs=frozenset(check.strings("ongoing", "onsets") if "onsets" in (check.data.get("ongoing") or {})
                              else ()),
        onset_nouns=frozenset(check.strings("ongoing", "onset_nouns")
                              if "onset_nouns" in (check.data.get("ongoing") or {}) else ()),
    )


@lru_cache(maxsize=8)
def load_date_words(path: Path | None = None) -> DateWords:
    """Date vocabulary from ``path`` (default: the built-in data file)."""
    check = _Checker(*_read_yaml(path, DATE_WORDS_FILE))
    return DateWords(
        anaphora={" ".join(k.split()): v for k, v in check.int_map("anaphora").items()},
        numbers=check.int_map("numbers"),
        not_event_date_prefixes=frozenset(check.strings("not_event_date_prefixes")),
        span_anchors=tuple(" ".join(p.lower().split()) for p in check.strings("span_anchors")),
    )
