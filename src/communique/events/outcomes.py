"""Typed outcomes of the coder's decisions; the trace and ``explain`` render them as text.

A blocked act says why (:class:`Block`), a side says how it was found (:class:`Found`, with the
qualifiers of :class:`How`), and a rule's name carries its modifiers (:class:`RuleName`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from ..records import Event, Stance


class Block(Enum):
    """Why a trigger is not an act told as done; the value renders it (``{}``: the word that says so)."""

    NEGATED = "negated"
    PROPOSED = "not an act: what '{}' asks or proposes"  # "its proposal to hold talks"
    ASKED_FOR = "not an act: what '{}' asks for"  # "demanded that Israel withdraw"
    ALLEGED = "not an act: what '{}' alleges of another"  # "claimed that X sent troops"
    ASKED_FOR_BY_NOUN = "not an act: what the '{}' asks for"  # "the call for Tehran to halt"
    HYPOTHETICAL = "hypothetical ('{}')"
    CONDITIONAL_THREAT = "conditional threat ('{} ... if')"  # "will strike if"
    INSIDE_CONDITION = "inside a condition ('{}')"
    UNLESS = "conditional ('unless')"  # "will withdraw ... unless": an ultimatum
    GOVERNED = "not an act: governed by '{}'"  # "hopes to sign"
    FAILED = "governed by failure"  # "failed to reach agreement", rendered as GOVERNED
    BACKGROUND = "background or habitual activity"
    AIM = "the aim of another act ('sent troops to fight'), not an act told as done"
    OVER_A_PERIOD = "activity over a period up to now ('has ... since')"


@dataclass(frozen=True)
class Blocked:
    """A trigger that is not coded as an act, and the word of the text that blocks it."""

    why: Block
    word: str = ""

    def __str__(self) -> str:
        why = Block.GOVERNED if self.why is Block.FAILED else self.why
        return why.value.format(self.word)


class Statement(Enum):
    """A CAMEO public statement that has no PLOVER type, so no event."""

    NO_COMMENT = "a refusal to comment (CAMEO 011, a statement, not a PLOVER event)"
    DENIED_ACCUSATIONS = "a denial of accusations (CAMEO 016, a statement, not a PLOVER event)"
    DENIED_ACT = "a denial of having done an act (CAMEO 016, a statement, not a PLOVER event)"
    WARNING = "a warning of what another may do, not a threat"


class Skip(Enum):
    """Why a rule that matched codes nothing."""

    NOTHING_NAMED = "not coded: taking part in nothing named"  # "will also be participating"
    WISH = "not coded: appeal or wish for the act, not the act"
    NO_SOURCE = "matched but no source actor was found"
    ACTED_BY = "not coded by this rule: its act is done by one side, or by parties together, only"
    NO_ACTOR_OBJECT = "needs an actor as object; none found"
    NO_COUNTERPART = "not coded: a meeting noun needs a named counterpart"
    NO_HOST = "not coded: a visit needs a host other than the visitor"
    REFUSAL_OF_NO_ONE = "not coded: a refusal of an act with no one"
    SAME_ACTOR = "not coded: source and target are the same actor"
    LOW_CONFIDENCE = "below confidence threshold ({:.2f})"


class Found(Enum):
    """How the party of one side was found."""

    # sources
    POSSESSOR = "possessor"
    PASSIVE_AGENT = "passive agent"
    STATIVE_SUBJECT = "stative subject"
    GATHERING_PARTICIPANTS = "participants of the held gathering"
    SUBJECT = "subject"
    MISREAD_SUBJECT = "subject (misread)"
    BETWEEN = "between"
    # targets
    ROLE = "a role of the rule"
    PLACE_OF_MISSION = "place of the mission"
    INSIDE_OBJECT = "inside the object"
    PARTICIPANTS = "participants"
    DEMANDED_SUBJECT = "subject of the demanded act"
    MOVED_TO = "where what is moved goes"
    NEAREST = "nearest actor in the phrase"
    BENEFICIARY = "beneficiary of the act's purpose"
    EMBEDDED_OBJECT = "object of the embedded act"
    EMBEDDED_ARGUMENT = "argument of the embedded act"
    BILATERAL = "bilateral"


class Together(Enum):
    """Several parties named as one side: co-actors act on a third party, joint actors on each other."""

    CO_ACTORS = " (co-actors)"
    JOINT_ACTORS = " (joint actors)"


class Supplied(Enum):
    """A source the text does not name, supplied by the coder."""

    CIVILIANS = ", civilians of the place"  # protesters with no name
    UNNAMED_DOER = ", unnamed doer"  # "two people were killed when ..."
    GIVER = ", the other state"  # "the vessel was handed over to Fiji"
    ARTICLE_OTHER_STATE = ", the article's other state"  # a charge that names no one


@dataclass(frozen=True)
class How:
    """How an event's source was found, rendered in the trace as "subject, reported speech (co-actors)"."""

    found: Found
    reported: bool = False  # the speaker of reported speech replaced the subject
    together: Together | None = None
    supplied: tuple[Supplied, ...] = ()

    def plus(self, supplied: Supplied) -> How:
        return replace(self, supplied=(*self.supplied, supplied))

    def __str__(self) -> str:
        return (self.found.value + (", reported speech" if self.reported else "")
                + (self.together.value if self.together else "") + "".join(s.value for s in self.supplied))


class Modifier(Enum):
    """What the coder made of a rule's act: the event's rule is written "<id>+<modifier>"."""

    INTENT = "intent"  # "will lift the sanctions": an intent (03x) or a threat
    ULTIMATUM = "ultimatum"  # "will withdraw unless": a threat
    REFUSAL = "refusal"  # "will not accept": a rejection
    CONDITIONAL_THREAT = "conditional-threat"  # "will strike if"
    OFFICIAL = "official"  # a state's protest, not a street protest
    VICTIMS_ACCOUNT = "victims-account"  # the struck side's report of an attack: its accusation


@dataclass(frozen=True)
class RuleName:
    """The rule that coded an event, with what the coder made of it, in order: modifiers, or the
    id of another rule whose act it turned out to be ("participate in the exercise")."""

    id: str
    steps: tuple[Modifier | str, ...] = ()
    stance: Stance | None = None  # the stance a stance rule codes ("intent-to-cooperate")

    def plus(self, step: Modifier | str) -> RuleName:
        return replace(self, steps=(*self.steps, step))

    @property
    def event_stance(self) -> Stance | None:
        """The stance of the event coded: the rule's own, or an intent the coder made of its act."""
        stated = (Modifier.INTENT, Modifier.CONDITIONAL_THREAT, Modifier.ULTIMATUM)  # a threat is made when stated
        return self.stance or (Stance.INTENT if any(m in self.steps for m in stated) else None)

    def has(self, *modifiers: Modifier) -> bool:
        return any(m in self.steps for m in modifiers)

    def __str__(self) -> str:
        return "+".join([self.id, *(s.value if isinstance(s, Modifier) else s for s in self.steps)])


@dataclass(frozen=True)
class Decision:
    """What one rule made of one trigger: an event coded, or why none (the trace renders it)."""

    sentence: int
    trigger: str
    rule: RuleName
    outcome: Blocked | Statement | Skip | None = None  # None: coded
    event: Event | None = None  # the event coded
    how: How | None = None  # how its source was found
    confidence: float | None = None

    def __str__(self) -> str:
        where = f"sentence {self.sentence} '{self.trigger}': rule {self.rule}"
        if isinstance(self.outcome, Blocked):
            return f"{where} not coded: {self.outcome}"
        if isinstance(self.outcome, Statement):
            return f"{where} not coded: {self.outcome.value}"
        if isinstance(self.outcome, Skip):
            return f"{where} {self.outcome.value.format(self.confidence)}"
        event = self.event
        assert event is not None
        actor, recipient = event.actor, event.recipient
        text = (f"{where} -> {event.cameo} {event.event_type} {actor.country or '-'}:{actor.name} -> "
                f"{recipient.country or '-'}:{recipient.name}")
        return f"{text} ({self.how})" if self.how is not None else text
