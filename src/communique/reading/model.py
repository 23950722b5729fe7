"""What the frame reading works with: the frame of an article, how an event belongs to it, and
the values an event takes from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from ..place.stage import stated_place
from ..records import Event, Location, MechanismRef
from ..time.dating import OWN_SENTENCE


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
    other_occasions: set[str] = field(default_factory=set)  # mechanisms the lead names for another day
    people: frozenset[str] = frozenset()  # the persons the main event names


def countries(event: Event) -> frozenset[str]:
    return frozenset(c for c in (event.actor.country, event.recipient.country) if c)


def has_own_date(event: Event) -> bool:
    return event.date is not None and event.date_reason == OWN_SENTENCE


def has_own_place(event: Event) -> bool:
    return stated_place(event)


def sentence_of(event: Event) -> int:
    if event.sentence_index is not None:
        return event.sentence_index
    return next((e.sentence_index for e in event.evidence if e.sentence_index is not None), 10**6)


