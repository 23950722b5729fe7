"""The ``dates`` and ``status`` pipeline stages."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from ..records import Document, Stance
from ..registry import StageSettings, stage
from .dating import DatingSettings, date_document
from .status import event_status
from .vocab import load_date_words, load_status_cues


def _path(settings: dict[str, Any], key: str) -> Path | None:
    value = settings.get(key)
    return Path(value) if value else None


class DateSettings(StageSettings):
    context_window: int | None = None  # sentences (default 3)
    lead_sentences: int | None = None  # default 3
    cues: str | None = None  # a file replacing the built-in status cues
    date_words: str | None = None  # a file replacing the built-in date words


class StatusSettings(StageSettings):
    cues: str | None = None  # a file replacing the built-in status cues


@stage("dates", requires=["doc.spacy", "doc.events"], assigns=["event.date"], settings=DateSettings)
def make_dates(settings: dict[str, Any]) -> Callable[[Document], Document]:
    """Settings: ``context_window`` (sentences, default 3), ``lead_sentences`` (default 3),
    ``cues`` and ``date_words`` (paths replacing the built-in data files)."""
    cues = load_status_cues(_path(settings, "cues"))
    words = load_date_words(_path(settings, "date_words"))
    defaults = DatingSettings()
    options = DatingSettings(
        context_window=int(settings.get("context_window", defaults.context_window)),
        lead_sentences=int(settings.get("lead_sentences", defaults.lead_sentences)),
    )

    def run(doc: Document) -> Document:
        return date_document(doc, cues, words, options)

    return run


@stage("status", requires=["doc.spacy", "doc.events", "event.date"], assigns=["event.status"],
       settings=StatusSettings)
def make_status(settings: dict[str, Any]) -> Callable[[Document], Document]:
    """Settings: ``cues`` (a path replacing the built-in status cue file)."""
    cues = load_status_cues(_path(settings, "cues"))

    def run(doc: Document) -> Document:
        sdoc = doc.spacy_doc
        if sdoc is None:
            return doc
        for event in doc.events:
            if _is_stated_stance(event):
                continue  # "X is willing to / will deepen cooperation": the statement itself occurred
            found = event_status(event, sdoc, doc.published, cues)
            if found is not None:
                event.status = found[0]
        return doc

    return run


def _is_stated_stance(event) -> bool:
    """Intents and appeals are verbal acts: they occur when stated, whatever their tense."""
    return event.stance in (Stance.INTENT, Stance.APPEAL)
