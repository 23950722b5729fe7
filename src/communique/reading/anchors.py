"""The frame cue words (data/frame/anchors.yaml), schema-checked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..yaml_files import load_yaml

ANCHORS_FILE = ("data", "frame", "anchors.yaml")
KEYS = ("occasion_types", "occasion_nouns", "anchor_prepositions", "participant_phrases")


class FrameDataError(ValueError):
    """The frame data file does not follow its schema."""


@dataclass(frozen=True, slots=True)
class FrameCues:
    occasion_types: frozenset[str]
    occasion_nouns: tuple[str, ...]
    anchor_prepositions: tuple[str, ...]
    participant_phrases: tuple[str, ...]

    @property
    def anchor(self) -> re.Pattern[str]:
        """'at the talks', 'during their bilateral meeting', 'on the sidelines of the summit'."""
        return _anchor_pattern(self)

    @property
    def participants(self) -> re.Pattern[str]:
        """'the sides', 'both delegations' at the start of a clause."""
        body = "|".join(re.escape(p) for p in sorted(self.participant_phrases, key=len, reverse=True))
        return re.compile(rf"(?:^|[,;:]\s*|\bthat\s+)(?:{body})\b", re.IGNORECASE)


@lru_cache(maxsize=4)
def _anchor_pattern(cues: FrameCues) -> re.Pattern[str]:
    preps = "|".join(re.escape(p) for p in sorted(cues.anchor_prepositions, key=len, reverse=True))
    nouns = "|".join(re.escape(n) for n in sorted(cues.occasion_nouns, key=len, reverse=True))
    determiner = r"(?:the|a|an|this|that|these|their|its|his|her|our)\s+"
    return re.compile(rf"\b(?:{preps})\s+(?:{determiner}(?:[\w-]+\s+){{0,3}}?)?(?:{nouns})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def frame_cues() -> FrameCues:
    ref = resources.files("communique").joinpath(*ANCHORS_FILE)
    try:
        data = load_yaml(ref.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise FrameDataError(f"{ref}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise FrameDataError(f"{ref}: expected a mapping at top level")
    lists = {}
    for key in KEYS:
        value = data.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            raise FrameDataError(f"{ref}: {key}: expected a non-empty list of strings")
        lists[key] = tuple(" ".join(v.split()) for v in value)
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise FrameDataError(f"{ref}: unknown key(s) {unknown}; known: {list(KEYS)}")
    return FrameCues(
        occasion_types=frozenset(v.upper() for v in lists["occasion_types"]),
        occasion_nouns=tuple(v.lower() for v in lists["occasion_nouns"]),
        anchor_prepositions=tuple(v.lower() for v in lists["anchor_prepositions"]),
        participant_phrases=tuple(v.lower() for v in lists["participant_phrases"]),
    )
