"""The ``places`` stage: where each event took place.

An event's place is a place in its own sentence that the sentence uses as a location ("in X",
"at X", "near X", "a visit to X", "visited X"), the one closest in the parse to the event's
trigger; else the article's dateline place; else none. A country used as an actor ("China and
Vietnam held talks") or a place that is a topic ("security in the South Pacific") is no location.
Phone and video talks have no single place.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections import Counter
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..nlp.clauses import in_other_clause
from ..records import Document, Event, Location
from ..registry import StageSettings, stage
from .gazetteer import LocationCues, fold, location_cues
from .geocode import clean_name, country_location, geocode, seat_of
from .places import PlaceMention, find_place_mentions

REMOTE_MODES = frozenset({"phone", "video"})
REMOTE_REASON = "phone/video talks have no single place"
IN_SENTENCE = "in the event's sentence"  # the end of the reason of a place the sentence states
AT_SEAT = "where the acting state's government sits"
IN_TERRITORY = "the act is done inside the target state"


def locative_cue(mention: PlaceMention, sdoc: Doc, cues: LocationCues) -> Token | None:
    """The word that makes the mention a location ("in", "at", "visit"...), or None."""
    tok = sdoc[mention.root]
    while tok.dep_ in ("conj", "appos") and tok.head != tok:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.casefold() in cues.place_nouns:
        tok = tok.head.head  # "in the city of Arequipa", "at the port of Callao"
    elif tok.dep_ == "poss" and tok.head.pos_ != "PROPN" and tok.head.lemma_.casefold() in cues.place_nouns:
        tok = tok.head  # "near Chile's southern islands": a place in Chile
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in cues.prepositions:
        if head.head.pos_ in ("NOUN", "PROPN") and head.head.lemma_.casefold() in cues.topic_nouns:
            return None
        return head
    if tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.casefold() in cues.visit_words:
        return head
    if tok.dep_ == "dobj" and head.lemma_.casefold() in cues.visit_words:
        return head
    return None


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of one sentence."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    index_b = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in index_b:
            return n + index_b[t.i]
    return len(up_a) + len(up_b)


def _event_sentence(doc: Document, event: Event, sdoc: Doc) -> Span | None:
    index = event.sentence_index
    if index is None and event.evidence:
        index = event.evidence[0].sentence_index
    if index is not None and 0 <= index < len(doc.sentences):
        sent = doc.sentences[index]
        return sdoc.char_span(sent.start, sent.end, alignment_mode="expand")
    if event.trigger is not None:
        return sdoc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand").sent
    return None


def _trigger_token(event: Event, sdoc: Doc, sentence: Span) -> Token:
    if event.trigger is not None:
        span = sdoc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is not None and len(span):
            return span.root
    return sentence.root


def place_in_sentence(
    event: Event, sdoc: Doc, sentence: Span, mentions: list[PlaceMention], cues: LocationCues
) -> tuple[PlaceMention, Token] | None:
    """The located place mention of the sentence closest to the trigger, with its cue word."""
    trigger = _trigger_token(event, sdoc, sentence)
    best: tuple[int, int, PlaceMention, Token] | None = None
    for mention in mentions:
        if mention.location is None or not (sentence.start_char <= mention.start < sentence.end_char):
            continue
        cue = locative_cue(mention, sdoc, cues)
        if cue is None or in_other_clause(sdoc[mention.root], trigger):
            continue
        rank = (tree_distance(cue, trigger), mention.start)
        if best is None or rank < best[:2]:
            best = (*rank, mention, cue)
    return (best[2], best[3]) if best else None


def place_anaphor(sdoc: Doc, sentence: Span, event: Event, mentions: list[PlaceMention],
                  cues: LocationCues) -> tuple[PlaceMention, str] | None:
    """'in the area', 'in those waters': the place last named before, in this sentence or the one
    before it."""
    trigger = _trigger_token(event, sdoc, sentence)
    for token in sentence:
        if token.lemma_.casefold() not in cues.place_anaphors or token.dep_ != "pobj" \
                or token.head.lower_ not in cues.prepositions or in_other_clause(token, trigger):
            continue
        lefts = list(token.lefts)
        if not any(c.dep_ == "det" and c.lower_ in cues.anaphor_determiners for c in lefts) \
                or any(c.dep_ not in ("det", "amod") for c in lefts):
            continue  # "the Red Sea area" names its place itself
        earlier = [m for m in mentions if m.location is not None and m.start < token.idx
                   and locative_cue(m, sdoc, cues) is not None
                   and m.start >= (sentence.start_char if sentence.start == 0 else sdoc[sentence.start - 1].sent.start_char)]
        if earlier:
            return earlier[-1], sdoc[token.head.i : token.i + 1].text
    return None


def addresses_envoy(event: Event, cues: LocationCues) -> bool:
    """Whether the recipient is another state's envoy or mission ("the Turkish ambassador", "the
    embassy"): posted, unless the sentence says otherwise, where the acting state's government sits."""
    actor, recipient = event.actor.country, event.recipient.country if event.recipient else None
    if not actor or not recipient or actor == recipient or not event.recipient.text:
        return False
    words = f" {' '.join(event.recipient.text.casefold().split())} "
    return any(f" {word} " in words for word in cues.envoy_words)


def seat_location(event: Event, cues: LocationCues) -> Location | None:
    """The acting state's seat, for acts that take place there by their nature."""
    if not event.actor.country:
        return None
    if event.rule in cues.seat_rules or addresses_envoy(event, cues):
        return seat_of(event.actor.country)
    return None


def territory_location(event: Event, cues: LocationCues) -> Location | None:
    """The target state, for acts done inside its airspace, waters or land."""
    recipient = event.recipient.country if event.recipient else None
    if event.rule in cues.territory_rules and recipient and recipient != event.actor.country:
        return country_location(recipient)
    return None


def dateline_location(doc: Document, mentions: list[PlaceMention]) -> Location | None:
    """The dateline place, read in the light of the article's other places."""
    if not doc.dateline_place:
        return None
    key = fold(clean_name(doc.dateline_place))
    for mention in mentions:
        loc = mention.location
        if loc is not None and key in (fold(loc.name), fold(clean_name(mention.name))):
            return dataclasses.replace(loc)
    countries = Counter(m.location.country for m in mentions if m.location and m.location.country)
    hint = countries.most_common(1)[0][0] if countries else None
    return geocode(doc.dateline_place, hint)


def locate(doc: Document, event: Event, mentions: list[PlaceMention],
           cues: LocationCues | None = None) -> tuple[Location | None, str]:
    """(location, reason) for one event; ``cues``: the cue words of places (default: the built-in file)."""
    return _Places(doc, mentions, cues or location_cues()).locate(event)


class _Places:
    """The place mentions of one document, looked up by sentence; the dateline place read once."""

    def __init__(self, doc: Document, mentions: list[PlaceMention], cues: LocationCues) -> None:
        self.doc, self.mentions, self.cues = doc, mentions, cues
        self.ordered = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.ordered]
        self._dateline: tuple[Location | None] | None = None

    def within(self, start: int, end: int) -> list[PlaceMention]:
        return self.ordered[bisect_left(self.starts, start):bisect_left(self.starts, end)]

    def dateline(self) -> Location | None:
        if self._dateline is None:
            self._dateline = (dateline_location(self.doc, self.mentions),)
        return _copy(self._dateline[0])

    def locate(self, event: Event) -> tuple[Location | None, str]:
        doc = self.doc
        if event.mode in REMOTE_MODES:
            return None, REMOTE_REASON
        sdoc = doc.spacy_doc
        sentence = _event_sentence(doc, event, sdoc) if sdoc is not None else None
        seat = seat_location(event, self.cues)
        if sentence is not None:
            found = place_in_sentence(event, sdoc, sentence, self.within(sentence.start_char, sentence.end_char),
                                      self.cues)
            if found is not None:
                mention, cue = found
                return _copy(mention.location), f"'{cue.text} {mention.text}' {IN_SENTENCE}"
            before = sentence.start_char if sentence.start == 0 else sdoc[sentence.start - 1].sent.start_char
            named = place_anaphor(sdoc, sentence, event, self.within(before, sentence.end_char), self.cues)
            if named is not None:
                (mention, phrase) = named
                return _copy(mention.location), f"'{phrase}' ({mention.text}) {IN_SENTENCE}"
        territory = territory_location(event, self.cues)
        if territory is not None:
            return territory, f"{territory.name}: {IN_TERRITORY}"
        dateline = self.dateline()
        if seat is not None:
            if dateline is not None and dateline.country == seat.country:
                return dateline, f"dateline {doc.dateline_place}, {AT_SEAT}"
            return seat, f"{seat.name}: {AT_SEAT}"
        if dateline is not None:
            return dateline, f"dateline {doc.dateline_place}"
        if doc.dateline_place:
            return None, f"no place in the event's sentence; dateline {doc.dateline_place!r} not in the gazetteer"
        return None, "no place in the event's sentence and no dateline"


def stated_place(event: Event) -> bool:
    """Whether the event's place was read from its own sentence or from the nature of the act."""
    reason = event.location_reason or ""
    return event.location is not None and reason.endswith((IN_SENTENCE, AT_SEAT, IN_TERRITORY))


def _copy(location: Location | None) -> Location | None:
    return None if location is None else dataclasses.replace(location)


def locate_events(doc: Document, cues: LocationCues | None = None) -> Document:
    """Give each event its place; ``cues``: the cue words of places (default: the built-in file)."""
    cues = cues or location_cues()
    sdoc = doc.spacy_doc
    mentions = find_place_mentions(sdoc, cues) if sdoc is not None else []
    doc.annotations["places"] = mentions
    places = _Places(doc, mentions, cues)
    for event in doc.events:
        event.location, event.location_reason = places.locate(event)
    return doc


class PlacesSettings(StageSettings):
    cues: str | None = None  # a file replacing the built-in cue words of places (place/cues.yaml)


@stage("places", requires=["doc.spacy", "doc.events"], assigns=["event.location"], settings=PlacesSettings)
def make_places(settings: dict[str, Any]):
    """Settings: ``cues``, a file replacing the built-in cue words of places."""
    cues = location_cues(settings.get("cues"))

    def run(doc: Document) -> Document:
        return locate_events(doc, cues)

    return run
