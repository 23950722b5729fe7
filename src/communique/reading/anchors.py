"""The frame cue words (data/frame/anchors.yaml), schema-checked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import data_files

ANCHORS_FILE = "frame/anchors.yaml"


@dataclass(frozen=True, slots=True)
class FrameCues:
    occasion_types: frozenset[str]
    occasion_nouns: tuple[str, ...]
    anchor_prepositions: tuple[str, ...]
    participant_phrases: tuple[str, ...]
    time_shifts: tuple[str, ...] = ()

    @property
    def shift(self) -> re.Pattern[str]:
        """'Earlier, ...', 'Meanwhile, the ministry ...' at the start of a sentence."""
        body = "|".join(re.escape(p) for p in sorted(self.time_shifts, key=len, reverse=True))
        return re.compile(rf"^\W*(?:(?:{body})\b)", re.IGNORECASE)

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


def frame_cues(path: str | None = None) -> FrameCues:
    """The built-in cues (``data/frame/anchors.yaml``), or those of the file ``path`` replacing them,
    checked against their schema."""
    return _frame_cues(path or None)


@lru_cache(maxsize=4)
def _frame_cues(path: str | None) -> FrameCues:
    data = data_files.load_replaceable(ANCHORS_FILE, path)
    return FrameCues(
        occasion_types=frozenset(v.strip().upper() for v in data["occasion_types"]),
        occasion_nouns=tuple(" ".join(v.lower().split()) for v in data["occasion_nouns"]),
        anchor_prepositions=tuple(" ".join(v.lower().split()) for v in data["anchor_prepositions"]),
        participant_phrases=tuple(" ".join(v.lower().split()) for v in data["participant_phrases"]),
        time_shifts=tuple(" ".join(v.lower().split()) for v in data["time_shifts"]),
    )
