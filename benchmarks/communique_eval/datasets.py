"""Readers for public reference event datasets (see shared/reference/SOURCES.md).

Each reader takes the path of one file in its original format and returns plain records:

- :func:`read_plover_gsr`: PLOVER gold-standard records (CAMEO manual examples re-coded to PLOVER);
- :func:`read_confli_class`: ConfliBERT sentence classification (text, CAMEO penta class);
- :func:`read_confli_ner`: ConfliBERT source/target/reciprocal actor spans (CoNLL BIO);
- :func:`read_petrarch_records`: PETRARCH unit-test sentences with expected CAMEO codings.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from communique.events.codebook import PLOVER_TYPES, legacy_plover_names

NER_LABEL = re.compile(r"O|[BI]-[STR]")


class DatasetError(ValueError):
    """A reference dataset file does not have the expected shape; the message names file and line/record."""


@dataclass(frozen=True)
class GsrRecord:
    id: str
    text: str
    date: str | None
    event_type: str  # a current PLOVER type
    original_event: str  # the event name as written (PLOVER v0.5b1)
    mode: str | None
    context: str | None
    source_countries: tuple[str, ...]  # the ``code`` of each source actor, e.g. "USA"
    target_countries: tuple[str, ...]
    cameo: str | None = None


@dataclass(frozen=True)
class NerSentence:
    tokens: list[str]
    labels: list[str]  # BIO over S (source actor), T (target actor), R (reciprocal actors)


@dataclass(frozen=True)
class PetrRecord:
    id: str
    text: str
    date: str | None  # ISO YYYY-MM-DD
    events: list[tuple[str, str, str]]  # (source code, target code, CAMEO event code)
    noevents: bool
    category: str | None = None
    error: str | None = None  # the coder error the record is expected to raise, e.g. "dateline"


def read_plover_gsr(path: str | Path) -> list[GsrRecord]:
    """PLOVER_GSR_CAMEO records (a JSON array); the ``DOCUMENT`` header record is skipped.

    Event names of PLOVER v0.5b1 are mapped to current types with ``data/cameo/plover_renames.csv``
    (DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, FIGHT -> ASSAULT, INVESTIGATE -> ACCUSE with mode
    ``investigate``). A ``source``/``target`` that is not a list of actors counts as no actors; the
    three non-ISO country codes of the file are read as ISO codes (``GSR_CODE_FIXES``).
    """
    path = Path(path)
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise DatasetError(f"{path}:{error.lineno}: invalid JSON: {error.msg}") from None
    if not isinstance(items, list):
        raise DatasetError(f"{path}: expected a JSON array of records")
    renames = legacy_plover_names()
    records = []
    for index, item in enumerate(items):
        if not isinstance(item, dict) or "id" not in item or "event" not in item:
            raise DatasetError(f"{path}: record {index} lacks an id or event")
        if item["event"] == "DOCUMENT":
            continue
        event_type, implied_mode = renames.get(item["event"], (item["event"], None))
        if event_type not in PLOVER_TYPES:
            raise DatasetError(f"{path}: record {item['id']}: unknown PLOVER event {item['event']!r}")
        records.append(
            GsrRecord(
                id=item["id"],
                text=item.get("text") or "",
                date=item.get("date") or None,
                event_type=event_type,
                original_event=item["event"],
                mode=implied_mode or item.get("mode") or None,
                context=item.get("context") or None,
                source_countries=_actor_codes(item.get("source")),
                target_countries=_actor_codes(item.get("target")),
                cameo=item.get("cameo") or None,
            )
        )
    return records


# Non-ISO country codes in the GSR records, read as the ISO codes they stand for (older CAMEO
# forms and typos: "JAP" for Japan, "ITL" for Italy, "VTN" for Vietnam).
GSR_CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def _actor_codes(actors: Any) -> tuple[str, ...]:
    if not isinstance(actors, list):
        return ()
    return tuple(GSR_CODE_FIXES.get(actor["code"], actor["code"]) for actor in actors
                 if isinstance(actor, dict) and actor.get("code"))


def read_confli_class(path: str | Path) -> list[tuple[str, int]]:
    """ConfliBERT ``text<TAB>label`` rows; label is the CAMEO penta class 0-4."""
    path = Path(path)
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line_number, line in enumerate(fh, start=1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            text, tab, label = line.rpartition("\t")
            if not tab or label.strip() not in {"0", "1", "2", "3", "4"}:
                raise DatasetError(f"{path}:{line_number}: expected 'text<TAB>label' with label 0-4")
            rows.append((text, int(label)))
    return rows


def read_confli_ner(path: str | Path) -> list[NerSentence]:
    """ConfliBERT CoNLL ``token label`` lines, sentences separated by blank lines."""
    path = Path(path)
    sentences: list[NerSentence] = []
    tokens: list[str] = []
    labels: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line_number, line in enumerate(fh, start=1):
            fields = line.split()
            if not fields:
                if tokens:
                    sentences.append(NerSentence(tokens, labels))
                    tokens, labels = [], []
                continue
            if len(fields) != 2 or not NER_LABEL.fullmatch(fields[1]):
                raise DatasetError(f"{path}:{line_number}: expected 'token label' with label O, B-/I- S, T or R")
            tokens.append(fields[0])
            labels.append(fields[1])
    if tokens:
        sentences.append(NerSentence(tokens, labels))
    return sentences


def read_petrarch_records(path: str | Path) -> list[PetrRecord]:
    """PETRARCH validation XML: each ``<Sentence>`` with its ``<EventCoding>`` expectations."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        line, column = error.position
        raise DatasetError(f"{path}:{line}: malformed XML (column {column}): {error}") from None
    records = []
    for sentence in root.iter("Sentence"):
        codings = sentence.findall("EventCoding")
        events = [
            (coding.get("sourcecode", ""), coding.get("targetcode", ""), coding.get("eventcode", ""))
            for coding in codings
            if coding.get("eventcode") is not None
        ]
        errors = [coding.get("error") for coding in codings if coding.get("error")]
        records.append(
            PetrRecord(
                id=sentence.get("id", ""),
                text=" ".join((sentence.findtext("Text") or "").split()),
                date=_iso_date(sentence.get("date")),
                events=events,
                noevents=any((coding.get("noevents") or "").strip().lower() == "true" for coding in codings),
                category=sentence.get("category"),
                error=errors[0] if errors else None,
            )
        )
    return records


def _iso_date(raw: str | None) -> str | None:
    if raw and re.fullmatch(r"\d{8}", raw):
        return f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"
    return raw or None
