"""The ``merge`` stage: one real-world event once per article.

"X met Y on Nov 2 ... At the meeting, both sides exchanged views ... they jointly hosted the
meeting" are coded sentence by sentence as several CONSULT events; here they become one event
with every sentence as evidence. Two events are the same when they have the same PLOVER type,
the same pair of countries (in either order when symmetric), and compatible dates and
mechanisms (same mechanism edition, or no conflicting date). Events of one trigger are never
merged: they are its several parties ("outlawed the ANC and the PAC").

The stage also settles the CAMEO code of a meeting from where it happened: talks held in one
party's country are hosted by it (043, that party first), elsewhere they are a meeting at a
third location (044).
"""

from __future__ import annotations

from bisect import insort
from typing import Any

from ..events.codebook import lookup
from ..events.codeclasses import load_code_classes
from ..events.parties import meets_gathering
from ..records import ActorRef, Document, Event
from ..registry import StageSettings, stage
from .mechanisms import place_events_at_mechanisms


def _dyad(e: Event) -> tuple:
    a, r = e.actor.country, e.recipient.country
    return tuple(sorted((a or "", r or ""))) if e.symmetric else (a or "", r or "")


def _compatible(a: Event, b: Event, gathering_sector: str) -> bool:
    if a.event_type != b.event_type:
        return False
    if _same_trigger(a, b):
        return False  # one trigger, several parties: "outlawed the ANC and the PAC" is two events
    if meets_gathering(a, gathering_sector) != meets_gathering(b, gathering_sector):
        return False  # attending the conference is not the meeting on its sidelines
    if a.mechanism and b.mechanism:  # the same edition of the same mechanism is one event,
        if all(_countries(a)) and all(_countries(b)) and sorted(_countries(a)) != sorted(_countries(b)):
            return False  # but one per pair of its parties
        return (a.mechanism.mechanism_id or a.mechanism.name, a.mechanism.edition) == \
            (b.mechanism.mechanism_id or b.mechanism.name, b.mechanism.edition)
    if a.status != b.status:
        return False
    people_a, people_b = _people(a), _people(b)
    if any(people_a[c] != people_b[c] for c in people_a.keys() & people_b.keys()):
        return False  # a courtesy call on the prime minister is not the ministers' meeting
    sectors_a, sectors_b = _sectors(a), _sectors(b)
    if any(sectors_a[c] != sectors_b[c] for c in sectors_a.keys() & sectors_b.keys()):
        return False  # the defence officials' dialogue is not the minister's talk with the ambassador
    if a.symmetric != b.symmetric and a.event_type != "CONSULT":
        return False
    if _dyad(a) != _dyad(b) and not (a.event_type == "CONSULT" and
                                     sorted(_countries(a)) == sorted(_countries(b))):
        return False
    return a.date == b.date or a.date is None or b.date is None


def _same_trigger(a: Event, b: Event) -> bool:
    return a.trigger is not None and b.trigger is not None and a.doc_id == b.doc_id \
        and a.sentence_index == b.sentence_index and a.trigger.start == b.trigger.start


def _people(e: Event) -> dict[str, str]:
    """The named person on each side, by state."""
    return {r.country: r.actor_id for r in (e.actor, e.recipient)
            if r.country and r.is_person}


def _sectors(e: Event) -> dict[str, str]:
    """The sector of each side, by state, where both are known."""
    return {r.country: r.sector for r in (e.actor, e.recipient) if r.country and r.sector}


def _countries(e: Event) -> tuple[str, str]:
    return (e.actor.country or "", e.recipient.country or "")


def _richer(a: ActorRef, b: ActorRef) -> ActorRef:
    """Prefer the reference that says more: a named person with a sector over a bare country."""
    def score(r: ActorRef) -> int:
        return (2 if r.country else 0) + (1 if r.sector else 0) + (2 if r.is_person else 0)
    return b if score(b) > score(a) else a


def _absorb(keep: Event, other: Event) -> None:
    if keep.actor.country == other.recipient.country and keep.recipient.country == other.actor.country \
            and keep.actor.country != keep.recipient.country:
        other_actor, other_recipient = other.recipient, other.actor
    else:
        other_actor, other_recipient = other.actor, other.recipient
    keep.actor = _richer(keep.actor, other_actor)
    keep.recipient = _richer(keep.recipient, other_recipient)
    keep.symmetric = keep.symmetric or other.symmetric
    seen = {(e.doc_id, e.start) for e in keep.evidence}
    keep.evidence.extend(e for e in other.evidence if (e.doc_id, e.start) not in seen)
    if len(other.cameo) > len(keep.cameo) and other.cameo.startswith(keep.cameo[:2]):
        keep.cameo = other.cameo
    if keep.date is None and other.date is not None:  # a date and its reason go together
        for attr in ("date", "date_end", "date_precision", "date_raw", "date_reason"):
            setattr(keep, attr, getattr(other, attr))
    if keep.location is None and other.location is not None:
        keep.location, keep.location_reason = other.location, other.location_reason
    if keep.mechanism is None and other.mechanism is not None:
        keep.mechanism = other.mechanism
    keep.confidence = max(keep.confidence or 0, other.confidence or 0)


def merge_events(events: list[Event], gathering_sector: str) -> list[Event]:
    """Merge events that describe the same real-world event, keeping the first one's id; a meeting
    of a gathering met as a body (its sector ``gathering_sector``) is no meeting on its sidelines.

    Each event goes into the first kept event it is compatible with. Only kept events of its type
    with the same pair of countries, or with the same mechanism edition, can be: those are found
    through an index (kept current as merging fills in countries and mechanisms), not by trying
    every kept event, so that a long article's many events merge in near-linear time."""
    merged: list[Event] = []
    index = _KeptIndex()
    for event in events:
        for at in index.candidates(event):
            kept = merged[at]
            if _compatible(kept, event, gathering_sector):
                _absorb(kept, event)
                index.update(at, kept)
                break
        else:
            merged.append(event)
            index.update(len(merged) - 1, event)
    return merged


def _pair_key(e: Event) -> tuple:
    return e.event_type, tuple(sorted(_countries(e)))


def _mechanism_key(e: Event) -> tuple | None:
    m = e.mechanism
    return None if m is None else (e.event_type, m.mechanism_id or m.name, m.edition)


class _KeptIndex:
    """Positions of kept events by (type, pair of countries) and by (type, mechanism edition)."""

    def __init__(self) -> None:
        self.buckets: dict[tuple, list[int]] = {}
        self.keys: dict[int, tuple[tuple, tuple | None]] = {}

    def candidates(self, event: Event) -> list[int]:
        """Kept events that may be compatible with ``event``, in the order they were kept: with the
        same countries (compared when either has no mechanism) or the same mechanism edition."""
        found = self.buckets.get(("pair", _pair_key(event)), [])
        mechanism = _mechanism_key(event)
        if mechanism is not None and ("mechanism", mechanism) in self.buckets:
            found = sorted(set(found) | set(self.buckets[("mechanism", mechanism)]))
        return found

    def update(self, at: int, kept: Event) -> None:
        keys = (_pair_key(kept), _mechanism_key(kept))
        old = self.keys.get(at)
        if old == keys:
            return
        for kind, key, before in (("pair", keys[0], old[0] if old else None),
                                  ("mechanism", keys[1], old[1] if old else None)):
            if key == before:
                continue
            if before is not None:
                self.buckets[(kind, before)].remove(at)
            if key is not None:
                insort(self.buckets.setdefault((kind, key), []), at)
        self.keys[at] = keys


def settle_meeting_code(event: Event) -> None:
    """040 talks held in one party's country are hosted by it (043); elsewhere a third location (044)."""
    if event.cameo != "040" or event.location is None or not event.location.country:
        return
    where = event.location.country
    if where == event.actor.country:
        event.cameo = "043"
    elif where == event.recipient.country and event.symmetric:
        event.actor, event.recipient = event.recipient, event.actor
        event.cameo = "043"
    elif event.actor.country and event.recipient.country and where not in (event.actor.country, event.recipient.country):
        event.cameo = "044"
    else:
        return
    info = lookup(event.cameo)
    event.mode, event.quad_class, event.goldstein = info.mode, info.quad_class, info.goldstein


def date_and_place_mechanisms(doc: Document) -> None:
    """A mechanism edition takes the date and place of the event that is its meeting."""
    for mech in doc.mechanisms:
        for event in doc.events:
            ref = event.mechanism
            if ref and (ref.mechanism_id or ref.name) == (mech.mechanism_id if ref.mechanism_id else mech.name) \
                    and ref.edition == mech.edition:
                mech.date = mech.date or event.date
                mech.location = mech.location or event.location
                break


def merge_stage(doc: Document, gathering_sector: str) -> Document:
    for event in doc.events:
        settle_meeting_code(event)
    doc.events = merge_events(doc.events, gathering_sector)
    date_and_place_mechanisms(doc)
    place_events_at_mechanisms(doc)
    return doc


class MergeSettings(StageSettings):
    code_classes: str | None = None  # a file replacing the coder's classes of acts (patterns/code_classes.yaml)


@stage("merge", requires=["doc.events", "doc.mechanisms", "event.mechanism", "event.date", "event.location"],
       assigns=["event.merged"], settings=MergeSettings)
def make_merge(settings: dict[str, Any]):
    """Settings: ``code_classes``, a file replacing the coder's classes of acts (the sector of a
    gathering met as a body)."""
    gathering_sector = load_code_classes(settings.get("code_classes")).gathering_sector

    def run(doc: Document) -> Document:
        return merge_stage(doc, gathering_sector)

    return run
