"""The export contract: one JSON object per event, with fixed field names and order.

Field names are a public contract shared by every writer, the store and the scorer:
never rename them; add new fields at the end.
"""

from __future__ import annotations

from typing import Any

from ..records import ActorRef, Event, Location, MechanismRef, Trigger

CONTRACT_FIELDS: tuple[str, ...] = (
    "event_id", "event_type", "mode", "cameo", "quad_class", "goldstein", "actor", "recipient",
    "symmetric", "date", "date_end", "date_precision", "date_raw", "date_reason", "location",
    "location_reason", "status", "mechanism", "evidence", "trigger", "rule", "confidence", "doc_id",
)
# Fields of the store's and the command line's events (communique.linking.provenance), after the above.
LINKING_FIELDS: tuple[str, ...] = ("linked_id", "num_articles", "num_sources", "mentions", "date_alternatives",
                                   "disagreements")
ACTOR_FIELDS: tuple[str, ...] = ("country", "sector", "name", "text")
# The actor object ends with "span": [start, end] of the argument phrase in the document text, or null.
ACTOR_SPAN = "span"
LOCATION_FIELDS: tuple[str, ...] = ("name", "admin1", "country", "lat", "lon", "geonameid", "feature")
MECHANISM_FIELDS: tuple[str, ...] = ("name", "edition")
EVIDENCE_FIELDS: tuple[str, ...] = ("doc_id", "sentence", "start", "end")
TRIGGER_FIELDS: tuple[str, ...] = ("text", "start", "end")


def actor_to_dict(ref: ActorRef | None) -> dict[str, Any]:
    ref = ref or ActorRef()
    return {**{name: getattr(ref, name) for name in ACTOR_FIELDS}, ACTOR_SPAN: span_of(ref.start, ref.end)}


def span_of(start: int | None, end: int | None) -> list[int] | None:
    """``[start, end]`` when both offsets are known, else None."""
    return None if start is None or end is None else [start, end]


def location_to_dict(location: Location | None) -> dict[str, Any] | None:
    return None if location is None else {name: getattr(location, name) for name in LOCATION_FIELDS}


def mechanism_to_dict(mechanism: MechanismRef | None) -> dict[str, Any] | None:
    return None if mechanism is None else {name: getattr(mechanism, name) for name in MECHANISM_FIELDS}


def trigger_to_dict(trigger: Trigger | None) -> dict[str, Any] | None:
    return None if trigger is None else {name: getattr(trigger, name) for name in TRIGGER_FIELDS}


def event_to_dict(event: Event) -> dict[str, Any]:
    """The export-contract object of one event (plain JSON types, contract field order)."""
    return {
        "event_id": event.event_id,
        "event_type": event.event_type,
        "mode": event.mode,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "actor": actor_to_dict(event.actor),
        "recipient": actor_to_dict(event.recipient),
        "symmetric": bool(event.symmetric),
        "date": event.date,
        "date_end": event.date_end,
        "date_precision": event.date_precision,
        "date_raw": event.date_raw,
        "date_reason": event.date_reason,
        "location": location_to_dict(event.location),
        "location_reason": event.location_reason,
        "status": event.status,
        "mechanism": mechanism_to_dict(event.mechanism),
        "evidence": [{name: getattr(ev, name) for name in EVIDENCE_FIELDS} for ev in event.evidence],
        "trigger": trigger_to_dict(event.trigger),
        "rule": event.rule,
        "confidence": event.confidence,
        "doc_id": event.doc_id,
    }


def as_row(item: Event | dict[str, Any]) -> dict[str, Any]:
    """Accept an Event or an already exported dict; return the contract dict."""
    return event_to_dict(item) if isinstance(item, Event) else item
