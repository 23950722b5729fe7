"""Event ids: unique within a document by construction, and the same on every run."""

from __future__ import annotations

from communique.event_ids import assign_event_ids
from communique.records import ActorRef, Document, Event, Trigger


def event(recipient: str, *, actor: str = "IRN") -> Event:
    return Event(event_id="", doc_id="d", event_type="ACCUSE", cameo="111", sentence_index=0,
                 actor=ActorRef(country=actor, text=actor), recipient=ActorRef(country=recipient, text=recipient),
                 trigger=Trigger(text="condemned", start=15, end=24))


def document(*events: Event, doc_id: str = "d") -> Document:
    doc = Document(doc_id=doc_id, text="Iran and Syria condemned Israel and the United States.", content_hash="h")
    doc.events = list(events)
    return doc


def ids(doc: Document) -> list[str]:
    return [e.event_id for e in assign_event_ids(doc).events]


def test_one_trigger_with_several_recipients_gives_each_event_its_own_id():
    found = ids(document(event("ISR"), event("USA"), event("ISR", actor="SYR"), event("USA", actor="SYR")))
    assert len(set(found)) == 4


def test_events_alike_in_everything_still_get_distinct_ids():
    assert ids(document(event("ISR"), event("ISR"), event("ISR"))) == [
        ids(document(event("ISR")))[0], ids(document(event("ISR")))[0] + "-2", ids(document(event("ISR")))[0] + "-3"]


def test_ids_are_the_same_on_every_run_and_differ_between_documents():
    assert ids(document(event("ISR"), event("USA"))) == ids(document(event("ISR"), event("USA")))
    assert ids(document(event("ISR"))) != ids(document(event("ISR"), doc_id="other"))
