"""The per-document state of coding: what the coder has found and decided in one document.

The coder itself is shared and read-only; each document gets its own :class:`Coding`, so documents
may be coded in parallel with one coder.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Document
from .outcomes import Decision, RuleName


@dataclass
class Coding:
    """One document being coded."""

    doc: Document
    dyad: list[str]  # the document's two main states, when it has them
    trace: list[str]  # the document's trace, shared with the other stages
    decisions: list[Decision] = field(default_factory=list)  # the typed decisions the trace renders
    statements: set[int] = field(default_factory=set)  # sentences decided to hold no event (a statement, a visit to no host)
    rule_of: dict[int, RuleName] = field(default_factory=dict)  # the rule of each event coded, by the event's id()

    def note(self, decision: Decision) -> None:
        self.decisions.append(decision)
        self.trace.append(str(decision))
