"""What the ``frame`` stage reads from data files, the same for every article: its cues, the date
words, the offices that do classes of acts, the cue words of places, the status cues, and the
coder's word classes and classes of acts it shares. Each is the built-in file or a file of the same
format that replaces it (the stage's settings)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..events.codeclasses import CodeClasses, load_code_classes
from ..events.patterns import Lexicon, load_lexicon
from ..place.gazetteer import LocationCues, location_cues
from ..time.vocab import DateWords, StatusCues, load_date_words, load_status_cues
from .anchors import FrameCues, frame_cues
from .participants import load_act_sectors


@dataclass(frozen=True)
class FrameData:
    cues: FrameCues
    date_words: DateWords
    act_sectors: dict[str, str]
    place_cues: LocationCues
    status_cues: StatusCues
    words: Lexicon
    classes: CodeClasses


def load_frame_data(cues: str | None = None, date_words: str | None = None, act_sectors: str | None = None,
                    place_cues: str | None = None, status_cues: str | None = None, words: str | None = None,
                    code_classes: str | None = None) -> FrameData:
    """The built-in files, or the files named replacing them."""
    return FrameData(frame_cues(cues), load_date_words(Path(date_words) if date_words else None),
                     load_act_sectors(act_sectors), location_cues(place_cues),
                     load_status_cues(Path(status_cues) if status_cues else None), load_lexicon(words=words),
                     load_code_classes(code_classes))
