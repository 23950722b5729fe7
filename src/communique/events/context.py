"""What the coder knows (shared, read-only) and the per-document state of coding.

The coder's :class:`Knowledge` is shared by every document; each document gets its own
:class:`Coding`, so documents may be coded in parallel with one coder.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..records import ActorRef, Document, Event, Evidence, Trigger
from .codebook import lookup
from .codeclasses import CodeClasses
from .outcomes import Decision, RuleName
from .patterns import Lexicon, PatternSet


@dataclass(frozen=True)
class Knowledge:
    """The pattern dictionary, the lexicon and the code classes, with what is read from them once."""

    patterns: PatternSet
    lex: Lexicon
    classes: CodeClasses
    min_confidence: float = 0.0
    # the object words each rule needs ("impose a curfew"): part of the predicate, not a party
    rule_objects: dict[str, frozenset[str]] = field(init=False)
    acts: frozenset[str] = field(init=False)  # verbs whose nouns are acts

    def __post_init__(self) -> None:
        object.__setattr__(self, "rule_objects", {p.id: p.objects for p in self.patterns.patterns if p.objects})
        object.__setattr__(self, "acts", frozenset(v for p in self.patterns.patterns for v in p.verbs))


@dataclass
class Coding:
    """One document being coded."""

    doc: Document
    knowledge: Knowledge
    dyad: list[str]  # the document's two main states, when it has them
    trace: list[str]  # the document's trace, shared with the other stages
    decisions: list[Decision] = field(default_factory=list)  # the typed decisions the trace renders
    statements: set[int] = field(default_factory=set)  # sentences decided to hold no event (a statement, a visit to no host)
    rule_of: dict[int, RuleName] = field(default_factory=dict)  # the rule of each event coded, by the event's id()
    texts: dict[tuple[int, int], str] = field(default_factory=dict)  # sentence texts by token range, built once

    def sentence_text(self, sent: Span) -> str:
        """``sent.text``, built once per sentence (a long sentence holds many events)."""
        text = self.texts.get((sent.start, sent.end))
        if text is None:
            text = self.texts[sent.start, sent.end] = sent.text
        return text

    @property
    def lex(self) -> Lexicon:
        return self.knowledge.lex

    @property
    def patterns(self) -> PatternSet:
        return self.knowledge.patterns

    @property
    def classes(self) -> CodeClasses:
        return self.knowledge.classes

    @property
    def acts(self) -> frozenset[str]:
        return self.knowledge.acts

    def note(self, decision: Decision) -> None:
        self.decisions.append(decision)
        self.trace.append(str(decision))


def new_event(ctx: Coding, sent_idx: int, sent: Span, tok: Token, code: str, src: ActorRef,
              tgt: ActorRef | None, symmetric: bool, rule: RuleName, confidence: float) -> Event:
    """The event record of one act, its type, mode and score from the codebook."""
    info = lookup(code)
    key = f"{ctx.doc.doc_id}|{sent_idx}|{tok.idx}|{code}|{src.country}|{src.name}"
    digest = hashlib.sha1(key.encode()).hexdigest()[:16]
    event = Event(
        event_id=f"ev-{digest}", doc_id=ctx.doc.doc_id, event_type=info.plover, cameo=code, mode=info.mode,
        quad_class=info.quad_class, goldstein=info.goldstein, actor=src, recipient=tgt or ActorRef(),
        symmetric=symmetric,
        evidence=[Evidence(doc_id=ctx.doc.doc_id, sentence=ctx.sentence_text(sent),
                           start=sent.start_char, end=sent.end_char,
                           sentence_index=sent_idx)],
        trigger=Trigger(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), lemma=tok.lemma_),
        rule=str(rule), confidence=round(confidence, 3), sentence_index=sent_idx, stance=rule.event_stance,
    )
    ctx.rule_of[id(event)] = rule
    return event
