"""The ``frame`` stage: the occasion an article reports, and what its other events take from it.

A news article reports one occasion (a meeting, talks, a call, a visit, an exercise, a summons)
in its lead, and says where, when and which edition of a recurring mechanism it was, often in
one sentence only. The frame is that occasion: the main event (the first occasion of the lead,
else its first event), with the date, place and mechanism that it or any sentence restating it
states. Then:

- an event that *restates* the main event (same type, same states, no other date) takes its
  date, place, mechanism edition and status;
- an event said *at* it ("At the talks, the minister said", "the sides agreed", or an event of the
  lead with no date of its own) takes its date and place;
- a later act between the occasion's two states with no day of its own takes its place, as an
  event under a dateline takes the dateline's.

A value an event's own sentence states is never replaced. Each value taken is recorded with
where it came from (:class:`Inherited`), and the event's ``date_reason``/``location_reason`` say it.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from spacy.tokens import Token

from ..place.stage import REMOTE_MODES
from ..records import Document, Event, Resolution, ResolutionKind
from ..registry import StageSettings, stage
from .anchors import FrameCues
from .frame_data import FrameData, load_frame_data
from .model import Attribute, Frame, Inherited, Link, countries, has_own_date, has_own_place, sentence_of
from .occasion import main_event, read_frame, restates, sentence_text
from .participants import VISIT, act_sector


class FrameSettings(StageSettings):
    lead_sentences: int = 3  # sentences that make up the article's lead
    cues: str | None = None  # a file replacing the built-in frame cues (frame/anchors.yaml)
    date_words: str | None = None  # a file replacing the built-in date words (time/date_words.yaml)
    act_sectors: str | None = None  # a file replacing the offices that do classes of acts (reading/act_sectors.yaml)
    place_cues: str | None = None  # a file replacing the cue words of places (place/cues.yaml)
    status_cues: str | None = None  # a file replacing the status cues (time/status_cues.yaml)
    words: str | None = None  # a file replacing the coder's word classes (patterns/words.yaml)
    code_classes: str | None = None  # a file replacing the coder's classes of acts (patterns/code_classes.yaml)


def said_at(event: Event, frame: Frame, text: str, lead: int, cues: FrameCues) -> bool:
    """An act of the occasion's parties that its sentence places at the occasion, or that the
    lead reports without a time of its own."""
    if frame.countries and not countries(event) & frame.countries:
        return False
    if (event.status == "planned") != (frame.status == "planned"):
        return False
    if has_own_date(event) and frame.date is not None and event.date != frame.date.iso:
        return False  # "at talks last year": other talks
    return bool(cues.anchor.search(text) or cues.participants.search(text)) or sentence_of(event) < lead


def stated_there(doc: Document, event: Event, frame: Frame, data: FrameData) -> bool:
    """A statement between the occasion's two states that the article reports in the past and dates
    no other way ("General X stated that the joint activities will intensify") was made at it: a
    verbal act under a verb of saying (``speech_verbs`` of the coder's words)."""
    from ..events.syntax import saying_verb
    from .clauses import token_of

    sides = {event.actor.country, event.recipient.country}
    if event.event_type not in data.classes.verbal_types or None in sides or len(sides) < 2 \
            or not sides <= frame.countries or has_own_date(event) or frame.status == "planned":
        return False
    tok = token_of(doc, event.trigger)
    said = saying_verb(tok, data.words.speech_verbs, frozenset({"xcomp", "acomp", "conj", "ccomp"})) \
        if tok is not None else None
    return said is not None and said[0].tag_ == "VBD"


def alongside(event: Event, frame: Frame, text: str, span_anchors: tuple[str, ...]) -> bool:
    """An act between the occasion's two states that the article gives no other day: it happened
    where the article is set, as an event under a dateline does. An act "as part of the visit"
    (one of the ``span_anchors`` of the date words) belongs to a span of days and places, not to
    the occasion."""
    if any(anchor in " ".join(text.lower().split()) for anchor in span_anchors):
        return False
    sides = (event.actor.country, event.recipient.country)
    if None in sides or sides[0] == sides[1] or not set(sides) <= frame.countries:
        return False
    return not (has_own_date(event) and (frame.date is None or event.date != frame.date.iso))


def in_other_time(doc: Document, event: Event, frame: Frame, lead: int, window: int = 3) -> bool:
    """After the lead, a sentence at or shortly before the event's that states another day ("On May 2,
    a patrol boat ran aground ...") opens another time: what follows is not the occasion."""
    index = sentence_of(event)
    if index < lead:
        return False
    for mention in _dates_near(doc, max(lead, index - window), index):
        value = mention.value
        if max(lead, index - window) <= mention.sentence <= index and not mention.bounds_span \
                and value is not None and value.iso and (frame.date is None or value.iso != frame.date.iso) \
                and not _describes_a_noun(mention.token):
            return True
    return False


def _dates_near(doc: Document, first: int, last: int) -> list:
    """The article's date mentions in sentences ``first`` to ``last``, found through an index by sentence
    (kept on the document, so the lookup does not grow with the length of the article)."""
    index = doc.annotations.get("dates_by_sentence")
    if index is None:
        index = {}
        for mention in doc.annotations.get("dates") or []:
            index.setdefault(mention.sentence, []).append(mention)
        doc.annotations["dates_by_sentence"] = index
    return [m for n in range(first, last + 1) for m in index.get(n, ())]


def _describes_a_noun(token: Token | None) -> bool:
    """A date inside a clause describing a noun ("the forum, founded in 2015") dates that noun,
    not the sentence."""
    return token is not None and any(t.dep_ in ("acl", "relcl") for t in [token, *token.ancestors])


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


def host_of_visit(e: Event, act_sectors: dict[str, str]) -> None:
    """A visit whose host the words leave unresolved ("visited him in Accra") is to the state where
    it took place, when that is not the visitor's own."""
    where = e.location.country if e.location is not None else None
    if not e.cameo.startswith(VISIT) or e.recipient.country or not where or len(where) != 3 \
            or where == e.actor.country or not e.actor.country:
        return
    e.recipient = dataclasses.replace(e.recipient, country=where,
                                      sector=e.recipient.sector or act_sector(e.cameo, act_sectors))
    for ev in e.evidence[:1]:
        ev.resolutions.append(Resolution("recipient", ResolutionKind.HOST, e.recipient.text or "", [where],
                                         e.sentence_index))


def frame_document(doc: Document, lead: int = 3, data: FrameData | None = None) -> Document:
    """Read the article's frame and give its events what they take from it; ``data``: what the
    stage reads from data files (default: the built-in files)."""
    data = data or load_frame_data()
    cues = data.cues
    for event in doc.events:
        host_of_visit(event, data.act_sectors)
    main = main_event(doc.events, lead, cues)
    frame = read_frame(doc, main, lead, cues, data.place_cues, data.status_cues)
    if frame is None:
        return doc
    doc.annotations["frame"] = frame
    for index, event in enumerate(doc.events):
        text = sentence_text(doc, event)
        other_time = bool(cues.shift.search(text)) or in_other_time(doc, event, frame, lead)
        anchored = bool(cues.anchor.search(text) or cues.participants.search(text))
        if event is main:
            link = Link.MAIN
        elif restates(event, frame) and not other_time and not cues.anchor.search(text):
            link = Link.RESTATES  # (a meeting "on the sidelines of the talks" is another meeting)
        elif (said_at(event, frame, text, lead, cues) and (anchored or not other_time)) \
                or (not other_time and stated_there(doc, event, frame, data)):
            link = Link.AT
        elif alongside(event, frame, text, data.date_words.span_anchors) and not other_time:
            link = Link.ALONGSIDE
        else:
            continue
        frame.inherited.extend((index, value) for value in inherit(event, link, frame))
    return doc




@stage("frame", requires=["doc.events", "event.date", "event.status", "event.location", "event.mechanism"],
       assigns=["doc.frame", "event.date", "event.location", "event.mechanism", "event.status", "event.references"],
       settings=FrameSettings)
def make_frame(settings: dict[str, Any]):
    """Settings: ``lead_sentences`` (default 3); ``cues``, ``date_words``, ``act_sectors``,
    ``place_cues``, ``status_cues``, ``words`` and ``code_classes``, files replacing the built-in ones."""
    lead = int(settings.get("lead_sentences", FrameSettings().lead_sentences))
    data = load_frame_data(*(settings.get(key) for key in ("cues", "date_words", "act_sectors", "place_cues",
                                                           "status_cues", "words", "code_classes")))

    def run(doc: Document) -> Document:
        return frame_document(doc, lead, data)

    return run
