"""What kind of party a resolved mention or an event side is, answered from how it was resolved.

A side whose actor is a state (the state itself, or one of its institutions named only by the
state: "Pakistan", "the Pakistani government") has a state actor id, made by :func:`state_actor_id`;
a mention found as a state's delegation ("the Indian delegation", "his counterpart") keeps the
delegation rule, whatever was added to it while resolving.
"""

from __future__ import annotations

from ..records import ActorKind, ActorRef, Event, Mention, actor_id_of

DELEGATION_RULE = "delegation"
# How a mention was found (the first step of its rule) and resolved (the steps after it, joined by "+"):
# the steps the reading stages ask about.
DICTIONARY_RULE = "dictionary"  # a user or built-in dictionary entry
GROUP_PRONOUN_RULE = "pronoun-group"  # "they", "them"
BOTH_SIDES_RULE = "both-sides"  # "both sides", "the two sides"
GROUP_TERM_RULE = "group-term"  # "the ministers", "officials"
TERM_SUFFIX = "-term"  # a common term, not a name: "the ministry", "the director general"
COUNTERPART_STEP = "counterpart"  # resolved through "his counterpart" (its state or its sector)


def state_actor_id(country: str, sector: str | None = None) -> str:
    """The actor id of a state (with ``sector``, of that sector of the state)."""
    return actor_id_of(ActorKind.STATE, country + (f"-{sector}" if sector else ""))


def person_actor_id(key: str) -> str:
    """The actor id of a person, from the slug of the person's name."""
    return actor_id_of(ActorKind.PERSON, key)


def is_state_ref(ref: ActorRef | None) -> bool:
    """The side's actor is a state, not a person, a named body or a group."""
    return ref is not None and ref.kind is ActorKind.STATE


def _steps(m: Mention) -> list[str]:
    return (m.rule or "").split("+")


def found_by(m: Mention) -> str:
    """The rule that found the mention (the first step of its rule)."""
    return _steps(m)[0]


def is_group_pronoun(m: Mention) -> bool:
    """A pronoun of a group: "they", "them"."""
    return m.kind == "pronoun" and found_by(m) == GROUP_PRONOUN_RULE


def names_both_sides(m: Mention) -> bool:
    """"Both sides", "the two sides"."""
    return found_by(m) == BOTH_SIDES_RULE


def is_group_term(m: Mention) -> bool:
    """A common term of a group of people: "the ministers", "officials"."""
    return found_by(m) == GROUP_TERM_RULE


def is_common_term(m: Mention) -> bool:
    """A mention found from a common term ("the ministry", "the director general"), not a name."""
    return found_by(m).endswith(TERM_SUFFIX)


def from_dictionary(m: Mention) -> bool:
    """The mention was found or resolved by a dictionary entry."""
    return any(DICTIONARY_RULE in step for step in _steps(m))


def through_counterpart(m: Mention) -> bool:
    """The mention's state or sector was read from a counterpart phrase ("his Peruvian counterpart")."""
    return any(COUNTERPART_STEP in step for step in _steps(m))


def is_delegation(m: Mention) -> bool:
    """The mention is a group found as a state's delegation ("the Chinese side", "his counterpart")."""
    return m.kind == "group" and (m.rule or "").startswith(DELEGATION_RULE)


def named_people(event: Event) -> frozenset[str]:
    """The actor ids of the persons an event names on its sides."""
    return frozenset(r.actor_id for r in (event.actor, event.recipient) if r is not None and r.is_person)
