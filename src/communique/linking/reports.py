"""An article-level event as linking sees it: its :class:`LinkRecord`, and the outlet of its article."""

from __future__ import annotations

from urllib.parse import urlparse

from ..records import Document, Event
from .crossdoc import LinkRecord, fold_name, is_named, place_for_linking


def outlet(source: str | None, url: str | None, doc_id: str) -> str:
    """The outlet of a document: its source, else its web host, else the document itself."""
    if source and source.strip():
        return source.strip()
    host = urlparse(url or "").hostname
    return host.removeprefix("www.") if host else f"doc:{doc_id}"


def record_of(event: Event, doc: Document) -> LinkRecord:
    """What linking needs to know of one coded event of ``doc``."""
    people = sorted({fold_name(ref.name) for ref in (event.actor, event.recipient)
                     if ref is not None and ref.name and ref.is_person})
    mechanism = event.mechanism
    return LinkRecord(
        event_id=event.event_id, doc_id=doc.doc_id, event_type=event.event_type,
        actor_country=event.actor.country if event.actor else None,
        recipient_country=event.recipient.country if event.recipient else None,
        symmetric=bool(event.symmetric), date=event.date, date_end=event.date_end, published=doc.published,
        source=outlet(doc.source, doc.url, doc.doc_id),
        location_country=place_for_linking(event.location.country if event.location else None,
                                           event.location_reason),
        mechanism=(mechanism.mechanism_id or mechanism.name.casefold()) if mechanism else None,
        edition=mechanism.edition if mechanism else None, mechanism_named=is_named(mechanism.name) if mechanism else True,
        people=tuple(people), cameo=event.cameo or "", planned=event.status == "planned",
        text=" ".join(ev.sentence for ev in event.evidence))
