"""Argument phrases: the words in a sentence that fill an event's actor or recipient role.

An actor mention names the actor ("Croatian government"); the argument is the whole phrase the
predicate takes ("the Croatian government 's request"). From the token heading the mention we
climb through the links inside a noun phrase (compound, modifier, possessor -> possessed noun,
apposition, "of" object -> its noun) to the token that is the predicate's argument, then take
that token's phrase:

- kept: determiners, modifiers, possessors, numbers with their pre-modifiers ("at least 75"),
  prepositional phrases ("the police in the Gaza Strip"), appositions ("Zabihullah Mujahid, the
  Taliban spokesman"), a parenthesised abbreviation ("Nigerian Air Force (NAF)") and a passive
  participle with its agent ("the resolution proposed by Britain");
- left out: relative clauses, other clausal modifiers, conjuncts (each conjunct is its own
  side) except the joint subject of a symmetric event ("India and Pakistan held talks"),
  examples ("including ..."), time expressions ("on Monday"), and trailing adverbs, punctuation
  and conjunctions;
- when the mention only modifies the argument noun ("the Afghan government offer of a
  ceasefire"), the phrase ends with that noun.

The rules read the spaCy parse (dependencies, tags, entity types) only.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from ..records import ActorRef, Document, Mention

NOMINAL_POS = {"NOUN", "PROPN", "PRON", "NUM"}
# Links from a modifier to the noun whose phrase it belongs to.
INNER_DEPS = {"compound", "amod", "nmod", "poss", "nummod", "quantmod", "det", "npadvmod", "appos"}
# Dependents whose words are never part of the argument phrase.
CLAUSE_DEPS = {"relcl", "advcl", "parataxis", "ccomp", "punct"}
COORDINATION_DEPS = {"conj", "cc", "preconj"}
# Prepositions that introduce examples or exceptions, not part of what the phrase names.
EXAMPLE_PREPS = {"including", "like", "such", "excluding", "except"}
TIME_ENTITIES = {"DATE", "TIME"}
# A mention that is one of these modifiers of the argument noun is not its head.
MODIFIER_DEPS = {"compound", "amod", "nmod", "poss"}


def argument_head(head: Token, predicate: Token | None = None) -> Token:
    """The token the predicate takes as its argument, from the token heading an actor mention.

    ``predicate`` (the trigger) stops the climb: in "talks with X" the argument of "talks" is X.
    """
    tok = head
    for _ in range(len(head.doc)):
        parent = tok.head
        if parent == tok or parent == predicate:
            break
        if tok.dep_ in INNER_DEPS and parent.pos_ in NOMINAL_POS:
            tok = parent  # "Croatian" -> "government" -> "request"
        elif tok.dep_ == "pobj" and parent.dep_ == "prep" and parent.lower_ == "of" \
                and parent.head.pos_ in NOMINAL_POS and parent.head != predicate:
            tok = parent.head  # "four of the largest corporations", "members of a rebel group"
        else:
            break
    return tok


def _kept(child: Token, coordination: bool) -> bool:
    """Whether a dependent (with everything under it) belongs to its head's argument phrase."""
    dep = child.dep_
    if dep in CLAUSE_DEPS:
        return False
    if dep in COORDINATION_DEPS:
        return coordination
    if dep == "advmod":
        return child.i < child.head.i  # "at least 75", not "... here"
    if dep == "npadvmod":
        return child.ent_type_ not in TIME_ENTITIES
    if dep == "prep":
        if child.lower_ in EXAMPLE_PREPS:
            return False
        return not any(p.dep_ == "pobj" and p.ent_type_ in TIME_ENTITIES for p in child.children)
    if dep == "acl":  # a passive participle with its agent: "the resolution proposed by Britain"
        return child.tag_ == "VBN" and any(c.dep_ == "agent" for c in child.children)
    return True


def phrase_tokens(arg: Token, coordination: bool = False) -> list[Token]:
    """The argument token and the words of its phrase, in text order.

    With ``coordination`` the argument's own conjuncts ("India and Pakistan") are part of it;
    conjuncts deeper in the phrase never are.
    """
    coordinated = {arg, *arg.conjuncts} if coordination else set()
    kept: list[Token] = []
    stack = [arg]
    while stack:
        tok = stack.pop()
        kept.append(tok)
        stack.extend(c for c in tok.children if _kept(c, tok in coordinated))
    return sorted(kept, key=lambda t: t.i)


def argument_span(sent: Span, head: Token, predicate: Token | None = None,
                  coordination: bool = False) -> tuple[int, int]:
    """Character span ``[start, end)`` of the argument phrase filled by the mention headed by ``head``.

    ``predicate`` is the trigger, where the climb stops; ``coordination`` keeps the argument's
    conjuncts ("India and Pakistan"). When the mention is only a modifier of the argument noun
    ("the Afghan government offer of a ceasefire", "China 's protocols for ..."), the phrase
    ends with that noun: what follows describes the thing, not the actor's part in it. The span
    is contiguous, inside the sentence, and starts and ends on a word of the phrase (a closing
    bracket is kept when the phrase opened it).
    """
    arg = argument_head(head, predicate)
    tokens = phrase_tokens(arg, coordination)
    if _modifier_of(head, arg):
        tokens = [t for t in tokens if t.i <= arg.i or not _under_prep(t, arg)]
    tokens = [t for t in tokens if sent.start <= t.i < sent.end]
    if head not in tokens:
        tokens = [head]
    doc = sent.doc
    first, last = tokens[0].i, tokens[-1].i
    while first < head.i and (doc[first].is_punct or doc[first].dep_ == "cc"):
        first += 1
    while last > head.i and (doc[last].is_punct or doc[last].dep_ == "cc"):
        last -= 1
    if last + 1 < sent.end and doc[last + 1].is_bracket and doc[last + 1].is_right_punct \
            and _open_brackets(doc[first:last + 1]) > 0:
        last += 1
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _modifier_of(head: Token, arg: Token) -> bool:
    """The mention hangs from the argument noun as a modifier (compound, adjective, possessor)."""
    if head == arg:
        return False
    link = head
    while link.head != arg and link.head != link:
        link = link.head
    return link.head == arg and link.dep_ in MODIFIER_DEPS


def _under_prep(tok: Token, arg: Token) -> bool:
    """``tok`` lies in a prepositional phrase attached to ``arg``."""
    while tok.head != arg and tok.head != tok:
        tok = tok.head
    return tok.head == arg and tok.dep_ == "prep"


def _open_brackets(span: Span) -> int:
    depth = 0
    for tok in span:
        if tok.is_bracket:
            depth += 1 if tok.is_left_punct else -1 if tok.is_right_punct else 0
    return depth


def add_argument_spans(doc: Document) -> None:
    """Give each event's actor and recipient the span of the argument phrase they fill.

    A side gets a span when its words are in the event's sentence: an actor mention of that
    sentence, or a name found there once that no mention covers (a person or organisation the
    dictionaries do not know). Sides with no words of their own there keep ``None``: "the state"
    of a protest, the country of the place it happens in, a party inferred from the article's
    main pair.
    """
    sdoc = doc.spacy_doc
    if sdoc is None:
        return
    sents = list(sdoc.sents)
    mentions = {m.mention_id: m for m in doc.mentions}
    for event in doc.events:
        if event.sentence_index is None or not 0 <= event.sentence_index < len(sents):
            continue
        sent = sents[event.sentence_index]
        heads = [_side_head(sent, mentions, ref) for ref in (event.actor, event.recipient)]
        if heads == [None, None]:
            continue
        predicate = _token_at(sent, event.trigger.start) if event.trigger is not None else None
        args = [argument_head(h, predicate) if h is not None else None for h in heads]
        joint = event.symmetric and args[0] is not None and args[1] is not None \
            and args[1] in args[0].conjuncts
        spans: list[tuple[int, int] | None] = []
        for head, arg in zip(heads, args):
            if head is None:
                spans.append(None)
            elif joint:  # "India and Pakistan held talks": the coordination is the joint subject
                first = min(arg, *arg.conjuncts, key=lambda t: t.i)
                spans.append(argument_span(sent, first, predicate, coordination=True))
            else:
                spans.append(argument_span(sent, head, predicate))
        event.actor = _with_span(event.actor, spans[0])
        event.recipient = _with_span(event.recipient, spans[1])


def _side_head(sent: Span, mentions: dict[str, Mention], ref: ActorRef | None) -> Token | None:
    """The token heading the side's words in the sentence, or None."""
    if ref is None:
        return None
    mention = mentions.get(ref.mention_id) if ref.mention_id else None
    if mention is not None:
        return _token_at(sent, mention.head_start) if mention.head_start is not None else None
    if not ref.text or not ref.name:
        return None  # a label ("the state", "bilateral") or a state inferred from a place name
    at = sent.text.find(ref.text)
    if at < 0 or sent.text.find(ref.text, at + 1) >= 0:
        return None  # absent, or ambiguous
    start = sent.start_char + at
    span = sent.doc.char_span(start, start + len(ref.text), alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _token_at(sent: Span, offset: int) -> Token | None:
    """The sentence's token at a character offset."""
    if not sent.start_char <= offset < sent.end_char:
        return None
    span = sent.doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _with_span(ref: ActorRef, span: tuple[int, int] | None) -> ActorRef:
    if span is None:
        return ref
    return replace(ref, start=span[0], end=span[1])  # a copy: one reference may serve two events
