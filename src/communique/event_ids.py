"""Event ids: unique within a document by construction, the same on every run.

An event's id is a digest of everything that tells two events of one document apart: the
sentence and trigger it was coded from, its type and code, and both sides (country, sector,
name, words and span). Events that agree on all of that still get distinct ids: the second is
``...-2``, the third ``...-3``, in the order the coder produced them.
"""

from __future__ import annotations

import hashlib

from .records import ActorRef, Document, Event

ID_PREFIX = "ev-"
DIGEST_CHARS = 16


def assign_event_ids(doc: Document) -> Document:
    """Give every event of ``doc`` its stable id (in place); returns ``doc``."""
    seen: dict[str, int] = {}
    for event in doc.events:
        base = ID_PREFIX + hashlib.sha1(event_key(doc.doc_id, event).encode("utf-8")).hexdigest()[:DIGEST_CHARS]
        count = seen.get(base, 0) + 1
        seen[base] = count
        event.event_id = base if count == 1 else f"{base}-{count}"
        event.doc_id = event.doc_id or doc.doc_id
    return doc


def event_key(doc_id: str, event: Event) -> str:
    """The text whose digest is the event's id."""
    trigger = event.trigger
    parts = [
        doc_id, event.sentence_index, trigger.start if trigger else None, trigger.end if trigger else None,
        event.event_type, event.cameo, event.symmetric, _side(event.actor), _side(event.recipient),
    ]
    return "|".join("" if part is None else str(part) for part in parts)


def _side(ref: ActorRef | None) -> str:
    if ref is None:
        return ""
    return "/".join("" if v is None else str(v)
                    for v in (ref.country, ref.sector, ref.name, ref.text, ref.start, ref.end))
