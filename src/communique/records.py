"""Typed records: one per output row (document, sentence, mention, actor, event, mechanism).

Records are plain dataclasses. They are serialised only at the edges (store, export, API)
through :func:`to_dict`. Character offsets are always into ``Document.text`` (the normalised
article text), half-open ``[start, end)``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

EVENT_STATUSES = ("occurred", "planned", "ongoing")
DATE_PRECISIONS = ("day", "month", "year")


@dataclass(slots=True)
class Sentence:
    """One sentence of a document."""

    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Document:
    """One article, from ingest onwards. Pipeline stages fill the lists."""

    doc_id: str
    text: str
    content_hash: str
    title: str | None = None
    source: str | None = None  # outlet, e.g. "VOVworld", "China Military Online"
    url: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    dateline_place: str | None = None  # "DONGXING"
    dateline_date: str | None = None  # raw dateline date text, "Apr. 23"
    origin: str | None = None  # where it came from: a path, "stdin", "file.jsonl:12"
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list["Mention"] = field(default_factory=list)
    events: list["Event"] = field(default_factory=list)
    mechanisms: list["Mechanism"] = field(default_factory=list)
    participants: list["Participant"] = field(default_factory=list)  # the article's people and bodies
    # What was wrong with the input but did not stop it being coded ("published date ... is not
    # a real date; coded with the date unknown"): reported with the document's origin.
    warnings: list[str] = field(default_factory=list)
    # Stage scratch space (the spaCy Doc lives under "spacy"); never serialised.
    annotations: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def spacy_doc(self):
        return self.annotations.get("spacy")


@dataclass(slots=True)
class Mention:
    """A span of text that refers to an actor (person, organisation, state, group)."""

    mention_id: str
    doc_id: str
    sentence: int
    start: int
    end: int
    text: str
    kind: str  # person | organisation | country | group | pronoun | title
    head_start: int | None = None  # char offset of the span's syntactic head token
    country: str | None = None  # ISO alpha-3 or a body code (UNO, NATO, ASEAN, EU)
    sector: str | None = None  # GOV, MIL, LEG, JUD, COP, SPY, BUS, ...
    name: str | None = None  # canonical name of the person/body
    title: str | None = None
    rank: str | None = None
    organisation: str | None = None
    actor_id: str | None = None  # the resolved Actor (entity) id
    rule: str | None = None  # how it was resolved


class Basis(str, Enum):
    """Where a participant's state or sector was read from, strongest first."""

    TABLE = "people table"
    OWN_WORDS = "its own mention"  # "Philippine President X", "the Indian Navy"
    OFFICE = "the office named beside it"  # "X's defence minister, Y"; "Y, the defence minister"
    COUNTERPART = "his counterpart phrase"  # "his Japanese counterpart Y"
    EARLIER = "an earlier mention"
    BODY = "the body it speaks for"  # "Y, director general of the ministry"
    LISTED = "the official listed before it"  # "Japanese Foreign Minister X, Defence Minister Y and ..."
    HEADLINE = "the state the headline has acting"  # "Lima summons envoy": "the foreign ministry" is Lima's
    DATELINE = "the dateline city"
    OUTLET = "the outlet's home country"


class ResolutionKind(str, Enum):
    """How a side the sentence does not name in full was resolved."""

    PRONOUN = "pronoun"  # "He", "she" -> the person named earlier
    TITLE = "title"  # "the minister" -> the minister named earlier
    BODY = "body"  # "the ministry" -> the ministry named earlier
    PLURAL = "plural"  # "They", "the two sides", "the ministers" -> the participants named earlier
    MANY_PARTIES = "many parties"  # "A, B and C held ..." -> one event per pair
    PARTICIPANT = "participant"  # a person's state from the article's reading of him
    OFFICE_SECTOR = "office sector"  # a state's side -> the sector of its office in the story
    ACT_SECTOR = "act sector"  # a state's side -> the office that does such acts (GOV, MIL)
    HOST = "host of a visit"  # a visit whose host the words leave unresolved -> the state it took place in
    CRAFT = "craft"  # "the ship", "the crew" -> the craft named earlier


@dataclass(slots=True)
class Participant:
    """A person or body taking part in an article's story, read over the whole article: the state
    and sector it is of, the office it holds and where it is first named in full."""

    actor_id: str
    kind: str  # person | organisation | group
    name: str
    first_mention: str  # mention id of the first full mention
    first_sentence: int
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    country_basis: Basis | None = None
    sector_basis: Basis | None = None
    mentions: list[str] = field(default_factory=list)  # ids of every mention of it


@dataclass(slots=True)
class Actor:
    """A resolved entity: a person, organisation or state, stable across articles."""

    actor_id: str
    kind: str  # person | organisation | country | group
    name: str
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    rank: str | None = None
    organisation: str | None = None
    aliases: list[str] = field(default_factory=list)


class ActorKind(str, Enum):
    """The kind of actor an actor id names. The resolver writes it as the id's namespace
    ("person:ana-soto", "country:CHL-GOV"), so that stored ids say it; it is read back only
    through :func:`actor_id_of` and :func:`actor_kind`."""

    PERSON = "person"
    STATE = "country"


def actor_id_of(kind: ActorKind, key: str) -> str:
    """The actor id of the actor ``key`` of ``kind``."""
    return f"{kind.value}:{key}"


def actor_kind(actor_id: str | None) -> ActorKind | None:
    """The kind of actor ``actor_id`` names, None for other actors (bodies, groups, titles)."""
    namespace, colon, _ = (actor_id or "").partition(":")
    return next((kind for kind in ActorKind if kind.value == namespace), None) if colon else None


@dataclass(slots=True)
class ActorRef:
    """An event's actor or recipient, as exported: ``{country, sector, name, text, span}``.

    ``text`` is the actor mention ("Croatian government"); ``start``/``end`` delimit the argument
    phrase, the words in the sentence that fill the role ("the Croatian government 's request").
    They are None when the side has no words in the sentence it was coded from (a protest's
    target "the state", a party inferred from the article).
    """

    country: str | None = None
    sector: str | None = None
    name: str | None = None
    text: str | None = None
    actor_id: str | None = None
    mention_id: str | None = None
    start: int | None = None
    end: int | None = None

    @property
    def kind(self) -> ActorKind | None:
        """The kind of actor the side's actor id names (a person, a state), if any."""
        return actor_kind(self.actor_id)

    @property
    def is_person(self) -> bool:
        """The side's actor is a person (named, or the person a title points to)."""
        return self.kind is ActorKind.PERSON


@dataclass(slots=True)
class Location:
    name: str
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None  # city | admin1 | country | water | region


@dataclass(slots=True)
class MechanismRef:
    """The recurring mechanism an event belongs to: ``{name, edition}``."""

    name: str
    edition: int | None = None
    mechanism_id: str | None = None


@dataclass(slots=True)
class Mechanism:
    """An edition of a recurring named mechanism seen in a document."""

    mechanism_id: str  # stable id of the series (normalised name)
    name: str
    edition: int | None = None
    frequency: str | None = None  # annual, biennial, ...
    participants: list[str] = field(default_factory=list)  # ISO codes
    doc_id: str | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None
    date: str | None = None
    location: Location | None = None


@dataclass(slots=True)
class Resolution:
    """How one side of an event was read from outside its own words: "They" -> the two ministers
    named in sentence 0; "the minister" -> Bashir Magashi; a state's side -> its defence minister's
    sector."""

    side: str  # actor | recipient | actor and recipient
    kind: ResolutionKind
    text: str  # the words of the side as written ("They", "the two sides", "Japan")
    resolved_to: list[str] = field(default_factory=list)  # the participants' names or codes
    sentence_index: int | None = None  # the sentence that names them, where one does

    def describe(self) -> str:
        where = f" named in sentence {self.sentence_index}" if self.sentence_index is not None else ""
        return f"{self.side}: {self.text!r} -> {' and '.join(self.resolved_to) or '-'}{where} ({self.kind.value})"


@dataclass(slots=True)
class Evidence:
    """The text behind an event: a sentence and the character span in the document; and how sides
    that sentence does not name were resolved across the article."""

    doc_id: str
    sentence: str
    start: int
    end: int
    sentence_index: int | None = None
    resolutions: list[Resolution] = field(default_factory=list)


class Stance(str, Enum):
    """What an event states of its act: an intent to do it or an appeal for it (a verbal act that
    occurs when stated, whatever its tense), or a scheduled act."""

    INTENT = "intent"  # "is willing to deepen ties", "will lift the sanctions"
    APPEAL = "appeal"  # "should strengthen cooperation"
    SCHEDULED = "scheduled"  # "will hold talks next week"


@dataclass(slots=True)
class Trigger:
    text: str
    start: int
    end: int
    lemma: str | None = None


@dataclass(slots=True)
class Event:
    """One coded event: the unit of output."""

    event_id: str
    doc_id: str
    event_type: str  # PLOVER type
    cameo: str
    mode: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    actor: ActorRef = field(default_factory=ActorRef)
    recipient: ActorRef = field(default_factory=ActorRef)
    symmetric: bool = False
    date: str | None = None  # ISO, "XXXX-11-02" when the year is unknown
    date_end: str | None = None
    date_precision: str | None = None
    date_raw: str | None = None
    date_reason: str | None = None
    location: Location | None = None
    location_reason: str | None = None
    status: str = "occurred"
    mechanism: MechanismRef | None = None
    evidence: list[Evidence] = field(default_factory=list)
    trigger: Trigger | None = None
    rule: str | None = None
    confidence: float | None = None
    sentence_index: int | None = None  # the sentence the event was first coded from
    stance: Stance | None = None  # a stated intent or appeal (not exported: the rule names it)


def to_dict(record: Any) -> dict[str, Any]:
    """Serialise a record (recursively) to plain JSON-able types."""
    return dataclasses.asdict(record)


@dataclass(slots=True)
class Failure:
    """An input that could not be read or coded: reported, skipped, never half-stored."""

    origin: str  # the file (and line) or "stdin"
    reason: str
    doc_id: str | None = None
