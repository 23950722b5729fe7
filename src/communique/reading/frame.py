"""The ``frame`` stage: the occasion an article reports, and what its other events take from it.

A news article reports one occasion (a meeting, talks, a call, a visit, an exercise, a summons)
in its lead, and says where, when and which edition of a recurring mechanism it was, often in
one sentence only. The frame is that occasion: the main event (the first occasion of the lead,
else its first event), with the date, place and mechanism that it or any sentence restating it
states. Then:

- an event that *restates* the main event (same type, same states, no other date) takes its
  date, place, mechanism edition and status;
- an event said *at* it ("At the talks, the minister said", "the sides agreed", or an event of the
  lead with no date of its own) takes its date and place.

A value an event's own sentence states is never replaced. Each value taken is recorded with
where it came from (:class:`Inherited`), and the event's ``date_reason``/``location_reason`` say it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ..nlp.clauses import in_other_clause
from ..place.stage import REMOTE_MODES, locative_cue, stated_place
from ..records import Document, Event, Location, Mechanism, MechanismRef
from ..registry import StageSettings, stage
from ..time.dating import OWN_SENTENCE
from ..time.status import begun_status, clause_status
from ..time.vocab import load_status_cues
from .anchors import FrameCues, frame_cues


class Link(Enum):
    """How an event belongs to the frame."""

    MAIN = "the main event"
    RESTATES = "restates the main event"
    AT = "said at the main event"
    ALONGSIDE = "reported with the main event"  # same states, no other day: the article's place


class Attribute(Enum):
    DATE = "date"
    PLACE = "place"
    MECHANISM = "mechanism"
    STATUS = "status"


@dataclass(frozen=True, slots=True)
class Inherited:
    """One value an event took from the frame, and the sentence the frame read it from."""

    attribute: Attribute
    link: Link
    sentence: int  # the sentence that states the value

    def reason(self) -> str:
        return f"{self.attribute.value} from the frame: sentence {self.sentence} ({self.link.value})"


@dataclass(slots=True)
class FrameDate:
    iso: str
    end: str | None
    precision: str | None
    raw: str | None
    sentence: int


@dataclass(slots=True)
class Frame:
    """The article's occasion: its main event and the values stated for it."""

    sentence: int  # the main event's sentence (or the sentence naming the occasion)
    event_type: str | None  # None: the lead names the occasion but codes no event for it
    countries: frozenset[str]
    status: str
    remote: bool  # a phone or video call: no single place
    status_sentence: int | None = None  # the sentence that gives the status (None: the main event's)
    date: FrameDate | None = None
    place: tuple[Location, int] | None = None
    mechanism: tuple[MechanismRef, int] | None = None
    inherited: list[tuple[int, Inherited]] = field(default_factory=list)  # (event index, value taken)


class FrameSettings(StageSettings):
    lead_sentences: int = 3  # sentences that make up the article's lead


def countries(event: Event) -> frozenset[str]:
    return frozenset(c for c in (event.actor.country, event.recipient.country) if c)


def has_own_date(event: Event) -> bool:
    return event.date is not None and event.date_reason == OWN_SENTENCE


def has_own_place(event: Event) -> bool:
    return stated_place(event)


def _sentence(event: Event) -> int:
    if event.sentence_index is not None:
        return event.sentence_index
    return next((e.sentence_index for e in event.evidence if e.sentence_index is not None), 10**6)


def main_event(events: list[Event], lead: int, cues: FrameCues) -> Event | None:
    """The first occasion of the lead, else the lead's first event with two states."""
    in_lead = sorted((e for e in events if _sentence(e) < lead),
                     key=lambda e: (_sentence(e), e.trigger.start if e.trigger else 0))
    occasions = [e for e in in_lead if e.event_type in cues.occasion_types]
    paired = [e for e in in_lead if len(countries(e)) > 1]
    return next(iter(occasions or paired or in_lead), None)


def same_parties(a: frozenset[str], b: frozenset[str]) -> bool:
    """The same states, one side possibly unnamed ("the Coast Guard boarded" restates "China's
    coast guard boarded a Taiwanese boat")."""
    return a <= b or b <= a


def restates(event: Event, frame: Frame) -> bool:
    """Same type and states as the main event, the same status (or an act inside an ongoing
    occasion), and no date of its own that differs."""
    if event.event_type != frame.event_type or not same_parties(countries(event), frame.countries):
        return False
    if event.status != frame.status and not (frame.status == "ongoing" and event.status == "occurred"):
        return False
    if event.mechanism is not None and frame.mechanism is not None and \
            (event.mechanism.mechanism_id, event.mechanism.edition) != \
            (frame.mechanism[0].mechanism_id, frame.mechanism[0].edition):
        return False
    return not (has_own_date(event) and frame.date is not None and event.date != frame.date.iso)


def said_at(event: Event, frame: Frame, text: str, lead: int, cues: FrameCues) -> bool:
    """An act of the occasion's parties that its sentence places at the occasion, or that the
    lead reports without a time of its own."""
    if (frame.countries and not countries(event) & frame.countries) or (event.status == "planned") != (frame.status == "planned"):
        return False
    if cues.anchor.search(text) or cues.participants.search(text):
        return True
    own_day = has_own_date(event) and frame.date is not None and event.date != frame.date.iso
    return _sentence(event) < lead and not own_day


def alongside(event: Event, frame: Frame) -> bool:
    """An act between the occasion's two states that the article gives no other day: it happened
    where the article is set, as an event under a dateline does."""
    sides = (event.actor.country, event.recipient.country)
    if None in sides or sides[0] == sides[1] or not set(sides) <= frame.countries:
        return False
    return not (has_own_date(event) and (frame.date is None or event.date != frame.date.iso))


def read_frame(doc: Document, main: Event | None, lead: int, cues: FrameCues) -> Frame | None:
    """The frame: the main event, the lead sentence naming the occasion's edition, then the
    restatements of the main event, each filling what the ones before left open."""
    named = _lead_mechanism(doc, countries(main) if main else None, lead)
    if main is not None and main.event_type not in cues.occasion_types and named is not None:
        main = None  # the lead names the occasion but codes no event for it: "the 4th dialogue took place"
    if main is None and named is None:
        return None
    if main is not None:
        frame = Frame(_sentence(main), main.event_type, countries(main), main.status, main.mode in REMOTE_MODES)
    else:
        mech, index = named
        frame = Frame(index, None, frozenset(mech.participants), "occurred", False)
    if main is not None:
        _take(frame, main, lead)
    if named is not None:
        _take_occasion_sentence(doc, frame, *named)
    for event in sorted(doc.events, key=_sentence):
        if event is not main and main is not None and restates(event, frame):
            _take(frame, event, lead)
    if frame.date is None:
        frame.date = _occasion_date(doc, frame, lead, cues)
    if frame.place is None and not frame.remote:
        frame.place = _lead_place(doc, frame.sentence)
    return frame


def _lead_place(doc: Document, last: int) -> tuple[Location, int] | None:
    """The first place the lead (up to the main event's sentence) uses as a location: "Two navy
    ships visited Fiji this week. The prime minister welcomed them ..."."""
    for index in range(min(last + 1, len(doc.sentences))):
        if (location := _located_place(doc, index)) is not None:
            return location, index
    return None


def _located_place(doc: Document, index: int, start: int | None = None, end: int | None = None) -> Location | None:
    """The first place sentence ``index`` uses as a location ("in X", "visited X") for its main
    clause, or for the clause of the words at ``start``-``end`` (the occasion's name)."""
    sdoc, sentence = doc.spacy_doc, doc.sentences[index]
    span = sdoc.char_span(start if start is not None else sentence.start, end if end is not None else sentence.end,
                          alignment_mode="expand") if sdoc is not None else None
    if span is None or not len(span):
        return None
    for place in doc.annotations.get("places") or []:
        if place.location is not None and sentence.start <= place.start < sentence.end \
                and locative_cue(place, sdoc) is not None and not in_other_clause(sdoc[place.root], span.root):
            return place.location
    return None


def _take(frame: Frame, event: Event, lead: int) -> None:
    """Fill the frame's open values from what ``event``'s own sentence states (dates from the lead)."""
    index = _sentence(event)
    if frame.date is None and has_own_date(event) and index < lead:
        frame.date = FrameDate(event.date, event.date_end, event.date_precision, event.date_raw, index)
    if frame.place is None and not frame.remote and has_own_place(event):
        frame.place = (event.location, index)
    if frame.mechanism is None and event.mechanism is not None:
        frame.mechanism = (event.mechanism, index)


def _take_occasion_sentence(doc: Document, frame: Frame, mech: Mechanism, index: int) -> None:
    """Date, place, edition and status of the lead sentence naming the occasion's edition."""
    if frame.mechanism is None:
        frame.mechanism = (MechanismRef(name=mech.name, edition=mech.edition, mechanism_id=mech.mechanism_id), index)
    sdoc = doc.spacy_doc
    if sdoc is None or index >= len(doc.sentences):
        return
    if frame.date is None:
        for mention in doc.annotations.get("dates") or []:
            value = mention.value
            if mention.sentence == index and not mention.bounds_span and value is not None and value.iso:
                frame.date = FrameDate(value.iso, value.end, value.precision, mention.text, index)
                break
    if frame.place is None and not frame.remote and (location := _located_place(doc, index, mech.start, mech.end)):
        frame.place = (location, index)
    span = sdoc.char_span(mech.start, mech.end, alignment_mode="expand")
    if span is not None and len(span):
        cues = load_status_cues()
        status, reason = clause_status(span.root, cues)
        if status == "occurred" and (begun := begun_status(span.root, frame.date.iso if frame.date else None,
                                                           doc.published, reason, cues)):
            status = begun[0]
        if status != "occurred":
            frame.status, frame.status_sentence = status, index


def _occasion_date(doc: Document, frame: Frame, lead: int, cues: FrameCues) -> FrameDate | None:
    """The day a lead sentence gives the occasion by name: "During a video call on Tuesday, ..."."""
    mentions = doc.annotations.get("dates") or []
    for index, sentence in enumerate(doc.sentences[:lead]):
        if not cues.anchor.search(sentence.text):
            continue
        for mention in mentions:
            value = mention.value
            if mention.sentence == index and not mention.bounds_span and value is not None and value.iso \
                    and value.precision == "day" and mention.planned == (frame.status == "planned"):
                return FrameDate(value.iso, value.end, value.precision, mention.text, index)
    return None


def _lead_mechanism(doc: Document, parties: frozenset[str] | None, lead: int) -> tuple[Mechanism, int] | None:
    """The one edition of a mechanism the lead names (between the main event's states, if any)."""
    starts = [s.start for s in doc.sentences]
    found: dict[tuple[str, int], tuple[Mechanism, int]] = {}
    for mech in doc.mechanisms:
        index = sum(1 for s in starts if s <= (mech.start or 0)) - 1
        if index < lead and mech.edition is not None and (parties is None or set(mech.participants) <= parties):
            found.setdefault((mech.mechanism_id, mech.edition), (mech, index))
    return next(iter(found.values())) if len(found) == 1 else None


def inherit(event: Event, link: Link, frame: Frame) -> list[Inherited]:
    """Give ``event`` the frame's values its own sentence does not state."""
    taken: list[Inherited] = []
    date = frame.date
    if date is not None and not has_own_date(event) and link is not Link.ALONGSIDE:
        event.date, event.date_end, event.date_precision, event.date_raw = date.iso, date.end, date.precision, date.raw
        taken.append(Inherited(Attribute.DATE, link, date.sentence))
        event.date_reason = taken[-1].reason()
    if frame.place is not None and not has_own_place(event) and event.mode not in REMOTE_MODES:
        location, index = frame.place
        event.location = dataclasses.replace(location)
        taken.append(Inherited(Attribute.PLACE, link, index))
        event.location_reason = taken[-1].reason()
    if link in (Link.MAIN, Link.RESTATES) and frame.mechanism is not None and event.mechanism is None:
        ref, index = frame.mechanism
        event.mechanism = dataclasses.replace(ref)
        taken.append(Inherited(Attribute.MECHANISM, link, index))
    if link in (Link.MAIN, Link.RESTATES) and event.status != frame.status:
        event.status = frame.status
        source = frame.sentence if frame.status_sentence is None else frame.status_sentence
        taken.append(Inherited(Attribute.STATUS, link, source))
    return taken


def frame_document(doc: Document, lead: int = 3, cues: FrameCues | None = None) -> Document:
    cues = cues or frame_cues()
    main = main_event(doc.events, lead, cues)
    frame = read_frame(doc, main, lead, cues)
    if frame is None:
        return doc
    doc.annotations["frame"] = frame
    for index, event in enumerate(doc.events):
        if event is main:
            link = Link.MAIN
        elif restates(event, frame) and not cues.anchor.search(_text(doc, event)):
            link = Link.RESTATES  # (a meeting "on the sidelines of the talks" is another meeting)
        elif said_at(event, frame, _text(doc, event), lead, cues):
            link = Link.AT
        elif alongside(event, frame):
            link = Link.ALONGSIDE
        else:
            continue
        frame.inherited.extend((index, value) for value in inherit(event, link, frame))
    return doc


def _text(doc: Document, event: Event) -> str:
    index = _sentence(event)
    return doc.sentences[index].text if 0 <= index < len(doc.sentences) else ""


@stage("frame", requires=["doc.events", "event.date", "event.status", "event.location", "event.mechanism"],
       assigns=["doc.frame", "event.date", "event.location", "event.mechanism", "event.status"],
       settings=FrameSettings)
def make_frame(settings: dict[str, Any]):
    """Settings: ``lead_sentences`` (default 3)."""
    lead = int(settings.get("lead_sentences", FrameSettings().lead_sentences))

    def run(doc: Document) -> Document:
        return frame_document(doc, lead)

    return run
