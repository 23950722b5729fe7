"""What kind of party a resolved mention or an event side is, answered from how it was resolved.

A side whose actor is a state (the state itself, or one of its institutions named only by the
state: "Pakistan", "the Pakistani government") has a state actor id, made by :func:`state_actor_id`;
a mention found as a state's delegation ("the Indian delegation", "his counterpart") keeps the
delegation rule, whatever was added to it while resolving.
"""

from __future__ import annotations

from ..records import ActorKind, ActorRef, Event, Mention, actor_id_of

DELEGATION_RULE = "delegation"


def state_actor_id(country: str, sector: str | None = None) -> str:
    """The actor id of a state (with ``sector``, of that sector of the state)."""
    return actor_id_of(ActorKind.STATE, country + (f"-{sector}" if sector else ""))


def person_actor_id(key: str) -> str:
    """The actor id of a person, from the slug of the person's name."""
    return actor_id_of(ActorKind.PERSON, key)


def is_state_ref(ref: ActorRef | None) -> bool:
    """The side's actor is a state, not a person, a named body or a group."""
    return ref is not None and ref.kind is ActorKind.STATE


def is_delegation(m: Mention) -> bool:
    """The mention is a group found as a state's delegation ("the Chinese side", "his counterpart")."""
    return m.kind == "group" and (m.rule or "").startswith(DELEGATION_RULE)


def named_people(event: Event) -> frozenset[str]:
    """The actor ids of the persons an event names on its sides."""
    return frozenset(r.actor_id for r in (event.actor, event.recipient) if r is not None and r.is_person)
