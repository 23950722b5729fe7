"""Clause boundaries in a parse: whether a word belongs to another act than the event's."""

from __future__ import annotations

from spacy.tokens import Token

# Dependencies that attach a clause of its own ("endorsed by the presidents at a summit in X",
# "letting activists rally in Y", "and Peru hosted ...").
CLAUSE_DEPS = frozenset({"advcl", "ccomp", "relcl", "acl", "csubj", "parataxis", "xcomp", "conj"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "expl"})


def holding(trigger: Token) -> frozenset[int]:
    """The positions of ``trigger`` and of the words above it: the clauses that hold it."""
    return frozenset({trigger.i, *(a.i for a in trigger.ancestors)})


def in_other_clause(token: Token, trigger: Token, holds_trigger: frozenset[int] | None = None) -> bool:
    """Whether ``token`` sits in a clause with a subject of its own that does not hold ``trigger``:
    its date or place is that clause's act, not the event's (``holds_trigger``: ``holding(trigger)``
    when already known)."""
    holds_trigger = holding(trigger) if holds_trigger is None else holds_trigger
    node = token
    while node.i not in holds_trigger and node.head.i != node.i:  # up to its root (spaCy makes a new Token each time)
        if node.dep_ in CLAUSE_DEPS and any(c.dep_ in SUBJECT_DEPS for c in node.children) \
                and not _after_a_participles_agent(node, token):
            return True
        node = node.head
    return False


def _after_a_participles_agent(clause: Token, token: Token) -> bool:
    """"received a delegation led by General X in Hanoi on June 20": what follows the agent of a
    participle describing a noun closes the sentence's own clause (where and when it received),
    however the parser hung it."""
    if clause.dep_ != "acl" or any(c.dep_ in SUBJECT_DEPS - {"agent"} for c in clause.children):
        return False
    agents = [c for c in clause.children if c.dep_ == "agent"]
    return bool(agents) and token.i > max(a.right_edge.i for a in agents) and token.i >= clause.right_edge.i - 3
