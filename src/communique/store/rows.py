"""Records to table rows and back: the mapping between the store and the export contract."""

from __future__ import annotations

from typing import Any

from ..export.contract import ACTOR_FIELDS, ACTOR_SPAN, LOCATION_FIELDS, event_to_dict, span_of
from ..records import Document, Event
from .layout import dyad_key

Row = dict[str, Any]

# Mention kinds that name an entity (pronouns and bare titles only refer to one).
NAMING_KINDS = ("person", "organisation", "country", "group")


def document_row(doc: Document) -> Row:
    return {
        "doc_id": doc.doc_id, "content_hash": doc.content_hash, "title": doc.title, "source": doc.source,
        "url": doc.url, "published": doc.published, "dateline_place": doc.dateline_place,
        "dateline_date": doc.dateline_date, "origin": doc.origin, "text": doc.text,
    }


def sentence_rows(doc: Document) -> list[Row]:
    return [{"doc_id": doc.doc_id, "idx": s.index, "start": s.start, "end": s.end, "text": s.text}
            for s in doc.sentences]


def mention_rows(doc: Document) -> list[Row]:
    fields = ("mention_id", "sentence", "start", "end", "text", "kind", "head_start", "country", "sector",
              "name", "title", "rank", "organisation", "actor_id", "rule")
    return [{"doc_id": doc.doc_id, **{f: getattr(m, f) for f in fields}} for m in doc.mentions]


def actor_rows(doc: Document) -> list[Row]:
    """One row per resolved entity in the document, merged from its mentions and event roles."""
    actors: dict[str, Row] = {}
    mentions = sorted((m for m in doc.mentions if m.actor_id),
                      key=lambda m: (m.kind not in NAMING_KINDS, m.start))
    for m in mentions:
        row = actors.setdefault(m.actor_id, {"actor_id": m.actor_id, "aliases": []})
        _fill(row, kind=m.kind if m.kind in NAMING_KINDS else None, name=m.name, country=m.country,
              sector=m.sector, title=m.title, rank=m.rank, organisation=m.organisation)
        if m.kind in NAMING_KINDS and m.text not in row["aliases"]:
            row["aliases"].append(m.text)
    for event in doc.events:
        for ref in (event.actor, event.recipient):
            if ref is None or not ref.actor_id:
                continue
            row = actors.setdefault(ref.actor_id, {"actor_id": ref.actor_id, "aliases": []})
            _fill(row, name=ref.name, country=ref.country, sector=ref.sector)
    keys = ("actor_id", "kind", "name", "country", "sector", "title", "rank", "organisation", "aliases")
    return [{k: row.get(k) for k in keys} for row in actors.values()]


def _fill(row: Row, **values: Any) -> None:
    for key, value in values.items():
        if value is not None and row.get(key) is None:
            row[key] = value


def event_row(event: Event) -> Row:
    """The flat events-table row of one event."""
    data = event_to_dict(event)
    row: Row = {k: data[k] for k in (
        "event_id", "event_type", "mode", "cameo", "quad_class", "goldstein", "symmetric", "date",
        "date_end", "date_precision", "date_raw", "date_reason", "location_reason", "status", "rule",
        "confidence", "doc_id")}
    row["dyad"] = dyad_key(data["actor"]["country"], data["recipient"]["country"])
    for role in ("actor", "recipient"):
        ref = getattr(event, role)
        for key in ACTOR_FIELDS:
            row[f"{role}_{key}"] = data[role][key]
        row[f"{role}_actor_id"] = ref.actor_id if ref else None
        row[f"{role}_mention_id"] = ref.mention_id if ref else None
        row[f"{role}_start"] = ref.start if ref else None
        row[f"{role}_end"] = ref.end if ref else None
    location = data["location"] or {}
    for key in LOCATION_FIELDS:
        row[f"location_{key}"] = location.get(key)
    mechanism = event.mechanism
    row.update(mechanism_name=mechanism.name if mechanism else None,
               mechanism_edition=mechanism.edition if mechanism else None,
               mechanism_id=mechanism.mechanism_id if mechanism else None)
    trigger = event.trigger
    row.update(trigger_text=trigger.text if trigger else None, trigger_start=trigger.start if trigger else None,
               trigger_end=trigger.end if trigger else None, sentence_index=event.sentence_index)
    return row


def evidence_rows(event: Event) -> list[Row]:
    return [{"event_id": event.event_id, "position": i, "doc_id": ev.doc_id, "sentence_index": ev.sentence_index,
             "sentence": ev.sentence, "start": ev.start, "end": ev.end} for i, ev in enumerate(event.evidence)]


def mechanism_rows(doc: Document) -> list[Row]:
    return [{
        "mechanism_id": m.mechanism_id, "name": m.name, "edition": m.edition, "frequency": m.frequency,
        "participants": list(m.participants), "doc_id": m.doc_id or doc.doc_id, "start": m.start, "end": m.end,
        "text": m.text, "date": m.date, "location_name": m.location.name if m.location else None,
        "location_country": m.location.country if m.location else None,
    } for m in doc.mechanisms]


def event_from_row(row: Row, evidence: list[Row]) -> Row:
    """The export-contract dict of an events-table row and its evidence rows."""
    return {
        "event_id": row["event_id"],
        "event_type": row["event_type"],
        "mode": row["mode"],
        "cameo": row["cameo"],
        "quad_class": row["quad_class"],
        "goldstein": row["goldstein"],
        "actor": _actor_from_row(row, "actor"),
        "recipient": _actor_from_row(row, "recipient"),
        "symmetric": row["symmetric"],
        "date": row["date"],
        "date_end": row["date_end"],
        "date_precision": row["date_precision"],
        "date_raw": row["date_raw"],
        "date_reason": row["date_reason"],
        "location": ({k: row[f"location_{k}"] for k in LOCATION_FIELDS}
                     if row["location_name"] is not None else None),
        "location_reason": row["location_reason"],
        "status": row["status"],
        "mechanism": ({"name": row["mechanism_name"], "edition": row["mechanism_edition"]}
                      if row["mechanism_name"] is not None else None),
        "evidence": [{"doc_id": e["doc_id"], "sentence": e["sentence"], "start": e["start"], "end": e["end"]}
                     for e in sorted(evidence, key=lambda e: e["position"])],
        "trigger": ({"text": row["trigger_text"], "start": row["trigger_start"], "end": row["trigger_end"]}
                    if row["trigger_text"] is not None else None),
        "rule": row["rule"],
        "confidence": row["confidence"],
        "doc_id": row["doc_id"],
    }


def _actor_from_row(row: Row, role: str) -> Row:
    """The contract actor object of one side (stores made before spans were kept have no span columns)."""
    actor = {k: row[f"{role}_{k}"] for k in ACTOR_FIELDS}
    actor[ACTOR_SPAN] = span_of(row.get(f"{role}_start"), row.get(f"{role}_end"))
    return actor
