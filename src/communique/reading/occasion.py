"""Reading an article's occasion: its main event, and the date, place, edition and status that
the main event, the lead sentence naming the occasion, and the sentences restating it state."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Token

from ..linking.mechanisms import analyse_name, vocabulary
from ..nlp.clauses import in_other_clause
from ..place.gazetteer import LocationCues
from ..place.stage import REMOTE_MODES, locative_cue
from ..records import Document, Event, Location, Mechanism, MechanismRef
from ..time.status import begun_status, clause_status
from ..time.vocab import StatusCues
from .anchors import FrameCues
from ..actors.kinds import named_people
from .model import Frame, FrameDate, countries, has_own_date, has_own_place, sentence_of


NAME_PARTS = frozenset({"PROPN", "NOUN", "ADJ", "NUM"})


def main_event(events: list[Event], lead: int, cues: FrameCues) -> Event | None:
    """The first occasion of the lead, else the lead's first event with two states."""
    in_lead = sorted((e for e in events if sentence_of(e) < lead),
                     key=lambda e: (sentence_of(e), e.trigger.start if e.trigger else 0))
    occasions = [e for e in in_lead if e.event_type in cues.occasion_types]
    paired = [e for e in in_lead if len(countries(e)) > 1]
    return next(iter(occasions or paired or in_lead), None)


def same_parties(a: frozenset[str], b: frozenset[str]) -> bool:
    """The same states, one side possibly unnamed ("the navy seized" restates "Peru's navy
    seized a Chilean trawler")."""
    return a <= b or b <= a


def restates(event: Event, frame: Frame) -> bool:
    """Same type and states as the main event, the same status (or an act inside an ongoing
    occasion), and no date of its own that differs."""
    if event.event_type != frame.event_type or not same_parties(countries(event), frame.countries):
        return False
    if frame.people and named_people(event) and not frame.people & named_people(event):
        return False  # the presidents' call is not the defence ministers' call
    if event.status != frame.status and not (frame.status == "ongoing" and event.status == "occurred"):
        return False
    if event.mechanism is not None and event.mechanism.mechanism_id in frame.other_occasions:
        return False  # "the delegation attends the 6th dialogue" (slated for another day)
    if event.mechanism is not None and frame.mechanism is not None and \
            (event.mechanism.mechanism_id, event.mechanism.edition) != \
            (frame.mechanism[0].mechanism_id, frame.mechanism[0].edition):
        return False
    return not (has_own_date(event) and frame.date is not None and event.date != frame.date.iso)



def read_frame(doc: Document, main: Event | None, lead: int, cues: FrameCues, place_cues: LocationCues,
               status_cues: StatusCues) -> Frame | None:
    """The frame: the main event, the lead sentence naming the occasion's edition, then the
    restatements of the main event, each filling what the ones before left open. ``cues``,
    ``place_cues``, ``status_cues``: the words of the frame, of places and of an act's status."""
    named = _lead_mechanism(doc, countries(main) if main else None, lead + 1)  # the lead and the sentence after it
    if main is not None and main.event_type not in cues.occasion_types and named is not None:
        main = None  # the lead names the occasion but codes no event for it: "the 7th forum convened"
    if main is None and named is None:
        return None
    if main is not None:
        frame = Frame(sentence_of(main), main.event_type, countries(main), main.status, main.mode in REMOTE_MODES,
                      people=named_people(main))
    else:
        mech, index = named
        frame = Frame(index, None, frozenset(mech.participants), "occurred", False)
    if main is not None:
        _take(frame, main, lead)
    if named is not None:
        _take_occasion_sentence(doc, frame, *named, place_cues, status_cues)
    for event in sorted(doc.events, key=sentence_of):
        if event is not main and main is not None and restates(event, frame) \
                and not cues.shift.search(sentence_text(doc, event)):
            _take(frame, event, lead)
    if main is not None and (frame.mechanism is None or frame.mechanism[0].edition is None):
        frame.mechanism = _stated_edition(doc, main, frame, lead) or frame.mechanism
    if frame.date is None and main is not None:
        frame.date = _restated_verb_date(doc, main, frame, lead)
    if frame.date is None:
        frame.date = _occasion_date(doc, frame, lead, cues)
    if frame.place is None and not frame.remote:
        frame.place = _lead_place(doc, frame.sentence, place_cues)
    return frame


def _stated_edition(doc: Document, main: Event, frame: Frame, lead: int) -> tuple[MechanismRef, int] | None:
    """'The exercise, now in its 24th edition, ...': an edition noun with an ordinal and no 'of'
    in the lead counts the occasion itself; its name is the frame's, else the main sentence's
    named occasion ("the Sea Guard naval exercise")."""
    sdoc = doc.spacy_doc
    if sdoc is None:
        return None
    nouns = vocabulary().edition_nouns
    for sentence in list(sdoc.sents)[:lead]:
        for token in sentence:
            if token.lower_ not in nouns or any(c.lower_ == "of" for c in token.rights):
                continue
            edition = analyse_name(sdoc[token.left_edge.i : token.i + 1].text).edition
            if edition is None or (edition == 1 and token.lower_ != "edition"):
                continue  # "their first meeting" counts no series
            if frame.mechanism is not None:
                ref, index = frame.mechanism
                return dataclasses.replace(ref, edition=edition), index
            name = _occasion_name(doc, main)
            if name is not None:
                return MechanismRef(name=name.name, edition=edition, mechanism_id=name.mechanism_id), frame.sentence
    return None


def _occasion_name(doc: Document, main: Event):
    """The name of the occasion in the main event's sentence: a capitalised phrase headed by a
    mechanism noun ("the Sea Guard naval exercise")."""
    sdoc = doc.spacy_doc
    index = sentence_of(main)
    if sdoc is None or index >= len(doc.sentences):
        return None
    sentence = doc.sentences[index]
    span = sdoc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    heads = vocabulary().heads
    for token in span if span is not None else ():
        if token.lower_ not in heads:
            continue
        start = token.i  # the words before the head that name it: nouns, adjectives, numbers, hyphens
        while start > span.start and (sdoc[start - 1].pos_ in NAME_PARTS or sdoc[start - 1].text in "-–"):
            start -= 1
        words = sdoc[start : token.i + 1]
        if any(t.text[:1].isupper() for t in words if t.i != token.i):
            found = analyse_name(words.text)
            if not found.generic:
                return found
    return None


def _restated_verb_date(doc: Document, main: Event, frame: Frame, lead: int) -> FrameDate | None:
    """The day of a lead sentence that tells the main act again with its verb, coded or not:
    "Norway has recalled its envoy. In a note on Friday, the ministry said it recalled her"."""
    sdoc = doc.spacy_doc
    trigger = sdoc.char_span(main.trigger.start, main.trigger.end, alignment_mode="expand") \
        if sdoc is not None and main.trigger is not None else None
    if trigger is None or not len(trigger):
        return None
    lemma = trigger.root.lemma_.lower()
    for mention in doc.annotations.get("dates") or []:
        value = mention.value
        if mention.sentence >= lead or mention.sentence == frame.sentence or mention.bounds_span \
                or value is None or not value.iso or value.precision != "day" or mention.token is None:
            continue
        if mention.planned != (frame.status == "planned"):
            continue
        sentence = mention.token.sent
        if any(t.lemma_.lower() == lemma and t.pos_ == trigger.root.pos_ and not in_other_clause(mention.token, t)
               for t in sentence):
            return FrameDate(value.iso, value.end, value.precision, mention.text, mention.sentence)
    return None


def _lead_place(doc: Document, last: int, cues: LocationCues) -> tuple[Location, int] | None:
    """The first place the lead (up to the main event's sentence) uses as a location: "A training
    squadron called at Valparaiso. The admiral received its officers ..."."""
    for index in range(min(last + 1, len(doc.sentences))):
        if (location := _located_place(doc, index, cues)) is not None:
            return location, index
    return None


def _located_place(doc: Document, index: int, cues: LocationCues, start: int | None = None,
                   end: int | None = None) -> Location | None:
    """The first place sentence ``index`` uses as a location ("in X", "visited X") for its main
    clause, or for the clause of the words at ``start``-``end`` (the occasion's name)."""
    sdoc, sentence = doc.spacy_doc, doc.sentences[index]
    span = sdoc.char_span(start if start is not None else sentence.start, end if end is not None else sentence.end,
                          alignment_mode="expand") if sdoc is not None else None
    if span is None or not len(span):
        return None
    for place in doc.annotations.get("places") or []:
        if place.location is not None and sentence.start <= place.start < sentence.end \
                and locative_cue(place, sdoc, cues) is not None and not in_other_clause(sdoc[place.root], span.root):
            return place.location
    return None


def sentence_text(doc: Document, event: Event) -> str:
    index = sentence_of(event)
    return doc.sentences[index].text if 0 <= index < len(doc.sentences) else ""


def _take(frame: Frame, event: Event, lead: int) -> None:
    """Fill the frame's open values from what ``event``'s own sentence states: its place from
    anywhere, its day and edition from the lead (later a series may be named for another meeting
    the same day: "The same day, the delegation also took part in the annual ... Meeting")."""
    index = sentence_of(event)
    if frame.place is None and not frame.remote and has_own_place(event):
        frame.place = (event.location, index)
    if index >= lead:
        return
    if frame.date is None and has_own_date(event):
        frame.date = FrameDate(event.date, event.date_end, event.date_precision, event.date_raw, index)
    if frame.mechanism is None and event.mechanism is not None:
        frame.mechanism = (event.mechanism, index)


def _named_occasion(doc: Document, mech: Mechanism, index: int, cues: StatusCues) -> tuple[FrameDate | None, str]:
    """The date and status the lead sentence naming an edition gives it ("the 9th round ...
    opens on Friday": that Friday, ongoing)."""
    sdoc = doc.spacy_doc
    span = sdoc.char_span(mech.start, mech.end, alignment_mode="expand") if sdoc is not None else None
    if span is None or not len(span):
        return None, "occurred"
    date = None
    for mention in doc.annotations.get("dates") or []:
        value = mention.value
        if mention.sentence == index and not mention.bounds_span and value is not None and value.iso \
                and mention.token is not None and _verb_of(mention.token) == _verb_of(span.root):
            date = FrameDate(value.iso, value.end, value.precision, mention.text, index)
            break  # a day of the occasion's own verb ("started on ...", not "will conclude on ...")
    status, reason = clause_status(span.root, cues)
    if status == "occurred" and (begun := begun_status(span.root, date.iso if date else None, doc.published,
                                                       reason, cues)):
        status = begun[0]
    return date, status


def _verb_of(token: Token) -> Token | None:
    return next((t for t in [token, *token.ancestors] if t.pos_ in ("VERB", "AUX")), None)


def _same_occasion(frame: Frame, date: FrameDate | None, status: str) -> bool:
    """Whether the edition the lead names can be the main event: no other day, no other status
    (a meeting held on the 2nd is not the dialogue slated for the 4th)."""
    if frame.date is not None and date is not None and frame.date.iso != date.iso:
        return False
    return status == frame.status or {status, frame.status} == {"occurred", "ongoing"}


def _take_occasion_sentence(doc: Document, frame: Frame, mech: Mechanism, index: int, place_cues: LocationCues,
                            status_cues: StatusCues) -> None:
    """Date, place, edition and status of the lead sentence naming the occasion's edition."""
    date, status = _named_occasion(doc, mech, index, status_cues)
    if frame.event_type is not None and not _same_occasion(frame, date, status):
        frame.other_occasions.add(mech.mechanism_id)
        return
    if frame.mechanism is None:
        frame.mechanism = (MechanismRef(name=mech.name, edition=mech.edition, mechanism_id=mech.mechanism_id), index)
    frame.date = frame.date or date
    location = _located_place(doc, index, place_cues, mech.start, mech.end) \
        if frame.place is None and not frame.remote else None
    if location is not None:
        frame.place = (location, index)
    if status != "occurred":
        frame.status, frame.status_sentence = status, index


def _occasion_date(doc: Document, frame: Frame, lead: int, cues: FrameCues) -> FrameDate | None:
    """The day a lead sentence gives the occasion by name: "In a phone conversation on Friday, ..."."""
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


