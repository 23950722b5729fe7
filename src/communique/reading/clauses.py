"""Whether one trigger is in another's own clause, from the dependency parse.

"Summoned the envoy to protest", "protested and summoned the envoy", "agreed to consult and support
each other", "held the drill, deploying six ships": the second verb says what was done in, or as,
the first act. A relative clause ("a dispute that has blocked imports") or a circumstance ("after
warning that ...") tells another act.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..events.patterns import Lexicon
from ..records import Document, Trigger

# Dependencies that leave the act's own clause for another one.
OTHER_ACT = {"relcl", "appos", "parataxis", "csubj"}


def token_of(doc: Document, trigger: Trigger | None) -> Token | None:
    sdoc = doc.spacy_doc
    if sdoc is None or trigger is None:
        return None
    span = sdoc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def contains(doc: Document, outer: Trigger | None, inner: Trigger | None, lex: Lexicon,
             coordinated: bool = False) -> bool:
    """``inner`` is in ``outer``'s own clause (with ``coordinated``, either way round for
    coordinated verbs); ``lex``: the coder's word classes."""
    a, b = token_of(doc, outer), token_of(doc, inner)
    if a is None or b is None or a == b:
        return False
    return (_below(a, b, lex.other_act_preps) and (coordinated or not _coordinated(a, b))) \
        or (coordinated and _coordinated(a, b))


def _below(top: Token, tok: Token, circumstance: frozenset[str]) -> bool:
    """``tok`` is in ``top``'s own clause: not across a clause of another act nor a preposition of
    the act's ``circumstance`` (``other_act_preps`` of ``words.yaml``: what comes after or before it)."""
    node = tok
    while node != top:
        if node.dep_ in OTHER_ACT or (node.dep_ == "prep" and node.lower_ in circumstance):
            return False
        if node.head == node:
            return False
        node = node.head
    return True


def _coordinated(a: Token, b: Token) -> bool:
    """Two coordinated verbs of one subject: "protested and summoned the envoy"."""
    return (b.dep_ == "conj" and b.head == a) or (a.dep_ == "conj" and a.head == b)


def describes_a_noun(doc: Document, trigger: Trigger | None) -> bool:
    """The act is told in a relative clause in the present or the perfect ("the groups that Turkey
    is fighting", "a dispute that has blocked imports", "which it regards as a threat"): a standing
    state of affairs that says what the noun is, not an act the article reports. A relative clause
    in the past ("the ministry, which summoned the envoy on Monday") tells an act."""
    tok = token_of(doc, trigger)
    if tok is None:
        return False
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head if tok.dep_ in ("dobj", "nsubjpass", "attr") else None
    while verb is not None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head  # "which will formalise and strengthen our ties"
    if verb is None or verb.dep_ != "relcl":
        return False
    if _thing_does(doc, verb):
        return True
    tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(tags & {"VBZ", "VBP"}) and "MD" not in tags and "VBD" not in tags


def _thing_does(doc: Document, relcl: Token) -> bool:
    """"An arrangement which will strengthen our ties": what a thing (no party) is said to do, in
    any tense, is what it is for."""
    from ..actors.lookup import mention_for_token

    subj = next((c for c in relcl.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.tag_ == "WDT" and mention_for_token(doc, relcl.head) is None


def refers_back(doc: Document, trigger: Trigger | None, lex: Lexicon) -> bool:
    """The act is named by a definite noun that points back to one already told ("took part in the
    exercise", "at the talks"), not a new one ("a third round", "the 14th dialogue", "the Blue Flag
    drill")."""
    tok = token_of(doc, trigger)
    if tok is None:
        return False
    nouns = [tok] if tok.pos_ == "NOUN" else [
        o for c in tok.children if c.dep_ in ("dobj", "prep", "attr") or c.lemma_.lower() == "part"
        for o in ([c] if c.dep_ in ("dobj", "attr") else [g for p in ([c] if c.dep_ == "prep" else
                                                                      [p for p in c.children if p.dep_ == "prep"])
                                                          for g in p.children if g.dep_ == "pobj"])]
    # (a verb's noun must name an occasion: "provided boats to the navy" names a party, no act)
    return any(n.pos_ == "NOUN" and (n is tok or n.lemma_.lower() in lex.gatherings)
               and _definite_reference(n, lex.definite_determiners, lex.sequence_modifiers) for n in nouns)


def _definite_reference(noun: Token, determiners: frozenset[str], sequence: frozenset[str] = frozenset()) -> bool:
    mods = list(noun.children)
    return any(m.dep_ == "det" and m.lower_ in determiners for m in mods) and not any(
        m.dep_ in ("nummod", "amod", "compound") and (m.ent_type_ in ("ORDINAL", "CARDINAL", "DATE")
                                                     or m.pos_ in ("PROPN", "NUM") or m.lower_ in sequence)
        for m in mods)


def names_person(doc: Document, start: int | None, end: int | None) -> bool:
    """The words between ``start`` and ``end`` name a person ("the chief minister, Ana Soto")."""
    sdoc = doc.spacy_doc
    if sdoc is None or start is None or end is None:
        return False
    span = sdoc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ == "PERSON" for t in span)
