"""Argument phrases: the words in a sentence that fill an event's actor or recipient role.

An actor mention names the actor ("Croatian government"); the argument is the whole phrase the
predicate takes ("the Croatian government 's request"). From the token heading the mention we
climb through the links inside a noun phrase (compound, modifier, possessor -> possessed noun,
apposition, "of" object -> its noun) to the token that is the predicate's argument, then take
that token's phrase:

- kept: determiners, modifiers, possessors, numbers with their pre-modifiers ("at least 75"),
  prepositional phrases ("the police in the Gaza Strip"), appositions of people and places
  ("Zabihullah Mujahid, the Taliban spokesman", "Venafro, Italy"), a parenthesised abbreviation
  ("Nigerian Air Force (NAF)") and a passive participle with its agent or place ("the resolution
  proposed by Britain", "British forces based in Vitez");
- left out: relative clauses, other clausal modifiers, conjuncts (each conjunct is its own
  side, and a lone "both" goes with the other) except the joint subject of a symmetric event
  ("India and Pakistan held talks"), examples ("including ..."), time expressions ("on Monday",
  "France's ambassador Monday"), trailing adverbs, punctuation and conjunctions, the trigger
  itself, what is done with the party ("deported 16,000 Syrians to Idlib", "used civilians as
  human shields"; a title's own "to"/"for" stays: "the ambassador to the UN"), where a person
  is ("the Chinese ambassador in Berlin"), the charge of an accusation ("accused the US of
  genocide") and what is said of a place or body ("Kuwait, its first peacekeeping mission");
- a side that is where the predicate's object comes from, who made it or where it lies has the
  object as its phrase, as a possessor has: "rejected a request from the New York Times",
  "attacked a military base in Saudi Arabia's Jizan region";
- a state found through a place has as its phrase the predicate's object the place lies in
  ("attacked a military base in northeast Nigeria"), or the place itself when the act is aimed
  at it ("imposed a curfew in Srinagar"); a protest's place is only its scene;
- when the mention only modifies the argument noun ("the Afghan government offer of a
  ceasefire"), the phrase ends with that noun.

The rules read the spaCy parse (dependencies, tags, entity types) only.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Span, Token

from ..actors.kinds import is_state_ref
from ..records import ActorRef, Document, Event, Mention
from .codeclasses import CodeClasses
from .patterns import Lexicon

NOMINAL_POS = {"NOUN", "PROPN", "PRON", "NUM"}
# Links from a modifier to the noun whose phrase it belongs to.
INNER_DEPS = {"compound", "amod", "nmod", "poss", "nummod", "quantmod", "det", "npadvmod", "appos"}
# Dependents whose words are never part of the argument phrase.
CLAUSE_DEPS = {"relcl", "advcl", "parataxis", "ccomp", "punct"}
COORDINATION_DEPS = {"conj", "cc", "preconj"}
TIME_ENTITIES = {"DATE", "TIME"}
PLACE_ENTITIES = {"GPE", "LOC", "FAC"}
# Links from a predicate to the argument a place inside it locates ("attacked a base in X").
ARGUMENT_DEPS = {"dobj", "nsubjpass", "pobj", "attr", "oprd"}
# A mention that is one of these modifiers of the argument noun is not its head.
MODIFIER_DEPS = {"compound", "amod", "nmod", "poss"}


def argument_head(head: Token, lex: Lexicon, predicate: Token | None = None, located: bool = False,
                  scene_is_target: bool = True, predicate_objects: frozenset[str] = frozenset(),
                  acts: frozenset[str] = frozenset()) -> Token | None:
    """The token the predicate takes as its argument, from the token heading an actor mention.

    ``lex`` gives the prepositions the climb reads; ``predicate`` (the trigger) stops the climb: in "talks with X" the argument of "talks" is X.
    ``located``: the side is the state of a place the sentence names, and its argument is the
    thing the place locates when that thing is the predicate's object ("attacked a military base
    in northeast Nigeria") unless that object is one of ``predicate_objects``, the words that
    make the predicate ("imposed a curfew in Srinagar"); else the place when ``scene_is_target``,
    else None. ``acts``: verbs that name acts; the "of" object of a noun made from one is what the
    act is done to, not part of the noun ("lifted its blockade of Qatar": Qatar).
    """
    if located:
        return _located_argument(head, lex, predicate, scene_is_target, predicate_objects)
    tok = head
    for _ in range(len(head.doc)):
        parent = tok.head
        if parent == tok or parent == predicate:
            break
        if tok.dep_ in INNER_DEPS and parent.pos_ in NOMINAL_POS:
            tok = parent  # "Croatian" -> "government" -> "request"
        elif tok.dep_ == "pobj" and parent.dep_ == "prep" and parent.lower_ == "of" \
                and parent.head.pos_ in NOMINAL_POS and parent.head != predicate \
                and not act_noun(parent.head, acts, lex.noun_endings):
            tok = parent.head  # "four of the largest corporations", "members of a rebel group"
        else:
            break
    return _object_through(tok, lex, predicate, predicate_objects) or tok




def _object_through(tok: Token, lex: Lexicon, predicate: Token | None,
                    predicate_objects: frozenset[str]) -> Token | None:
    """The predicate's object when ``tok`` is who it comes from, who made it or where it lies: as
    "the Croatian government's request" is what "rejected" takes, so is "a request from the
    Croatian government". Not an object that makes the predicate ("imposed a curfew in X") or
    that a verb of movement moves ("withdrew its troops from Syria": Syria)."""
    # where the object comes from or who made it ("a request from X", "a resolution proposed by X"),
    # or where it lies ("attacked a military base in X's Jizan region")
    prep, source_preps = tok.head, lex.source_preps
    if predicate is None or tok.dep_ != "pobj" or prep.lower_ not in source_preps | lex.locative_preps \
            or prep.dep_ not in ("prep", "agent"):
        return None
    noun = prep.head
    if noun.dep_ == "acl" and noun.tag_ == "VBN" and prep.lower_ in source_preps:
        noun = noun.head  # "proposals laid out by the National Assembly"
    if noun.pos_ == "NOUN" and noun.head == predicate and noun.dep_ in ("dobj", "nsubjpass") \
            and not predicate_object(noun, predicate_objects):
        return noun
    return None


def act_noun(noun: Token, acts: frozenset[str], endings: tuple[tuple[str, str], ...]) -> bool:
    """The noun names one of the ``acts`` (verbs): "blockade", "killings", "suspension"; ``endings``
    (``noun_endings`` of the coder's words) make a noun of a verb."""
    if noun.pos_ != "NOUN" or not acts:
        return False
    word = noun.lower_
    lemma = noun.lemma_.lower()
    if lemma in acts or word in acts:
        return True
    return any(w.endswith(end) and w[:len(w) - len(end)] + stem in acts
               for w in (word, lemma) for end, stem in endings if len(w) > len(end) + 2)


def _located_argument(head: Token, lex: Lexicon, predicate: Token | None, scene_is_target: bool,
                      predicate_objects: frozenset[str]) -> Token | None:
    """The predicate's argument a place lies in ("a military base in northeast Nigeria"), or the
    thing the act hit where the place is (a common noun object: "attacked an army camp in western
    Kabul"). Else the place itself when the act is aimed at the place ("imposed a curfew in
    Srinagar", "deployed troops in the Golan Heights"), or None when it only says where the act
    happens ("protested in Paris"): then no words fill the role."""
    place = head
    while place.dep_ in INNER_DEPS and place.head != place and place.head.pos_ in NOMINAL_POS \
            and place.head != predicate:
        place = place.head  # "northeast" -> "Nigeria"
    thing = place
    if thing.dep_ == "pobj" and thing.head.dep_ == "prep" and thing.head.head.pos_ in NOMINAL_POS:
        thing = thing.head.head  # "a military base in northeast Nigeria"
        while thing.dep_ == "pobj" and thing.head.lower_ == "of" and thing.head.head.pos_ in NOMINAL_POS:
            thing = thing.head.head  # "control of an army base in ..."
    if thing != place and _taken_by(thing, lex, predicate, predicate_objects) and thing.dep_ in ARGUMENT_DEPS \
            and not predicate_object(thing, predicate_objects):  # "imposed a curfew in X": X
        return thing
    if not scene_is_target:
        return None
    if predicate is not None and place.head.head == predicate:  # the place is where the act happens
        hit = next((o for o in predicate.children if o.dep_ == "dobj" and o.pos_ == "NOUN"
                    and not predicate_object(o, predicate_objects)), None)
        if hit is not None:
            return hit  # "attacked an army camp in western Kabul": what was hit, located by the place
    return place


def _taken_by(thing: Token, lex: Lexicon, predicate: Token | None, predicate_objects: frozenset[str]) -> bool:
    """``thing`` is the predicate's argument, directly or through its preposition, on the verb or
    on the object that makes the predicate ("launched air strikes against [the enclave of Eastern
    Ghouta near Damascus]", "continued their attacks on [the eastern Ghouta region near Damascus]")."""
    if predicate is None:
        return False
    if thing.head == predicate:
        return True
    prep = thing.head
    if thing.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in lex.aim_preps:
        return False
    return prep.head == predicate or (prep.head.head == predicate and prep.head.dep_ in ("dobj", "nsubjpass")
                                      and predicate_object(prep.head, predicate_objects))


def predicate_object(obj: Token, predicate_objects: frozenset[str]) -> bool:
    """The object is one of the words that make the predicate, itself, through a compound or
    through its "of" complement ("a curfew", "mediation efforts", "a state of siege")."""
    words = {obj.lemma_.lower()} | {c.lemma_.lower() for c in obj.children if c.dep_ == "compound"} \
        | {p.lemma_.lower() for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
           for p in c.children if p.dep_ == "pobj"}
    return bool(words & predicate_objects)


@dataclass(frozen=True)
class Reading:
    """What the phrase rules know of the side beyond the parse.

    ``protected``: token indices of the side's actor mention, always kept ("the UAE Ambassador to
    Bahrain"); ``person``: the side is a person, and a place after the name is where the person
    is ("the Chinese ambassador in Berlin"); ``charge``: the event is an accusation or rejection,
    whose "of"/"for"/"over" phrase is the charge, not the accused ("accused the US of genocide").
    """

    protected: range = range(0)
    person: bool = False
    charge: bool = False


def _kept(child: Token, coordination: bool, reading: Reading, lex: Lexicon) -> bool:
    """Whether a dependent (with everything under it) belongs to its head's argument phrase."""
    dep = child.dep_
    if dep == "prep" and child.i in reading.protected:
        return True  # the mention's own words: "the UAE Ambassador to Bahrain"
    if dep in CLAUSE_DEPS:
        return False
    if dep in COORDINATION_DEPS:
        return coordination
    if dep == "advmod":
        return child.i < child.head.i  # "at least 75", not "... here"
    if dep == "npadvmod":
        return child.ent_type_ not in TIME_ENTITIES
    if dep == "prep":
        word = child.lower_
        if word in lex.example_preps:
            return False
        if word in lex.adjunct_preps and child.head.pos_ in NOMINAL_POS and child.i > child.head.i \
                and not (word in lex.role_preps and (reading.person or _role_noun(child.head))):
            return False  # but "the ambassador to the UN", "the adviser for security affairs"
        if reading.charge and word in lex.charge_preps:
            return False
        objects = [p for p in child.children if p.dep_ == "pobj"]
        if reading.person and word in lex.locative_preps and any(p.ent_type_ in PLACE_ENTITIES for p in objects):
            return False
        return not any(p.ent_type_ in TIME_ENTITIES for p in objects)
    if dep == "acl":  # a passive participle with its agent or its place: "the resolution proposed by
        # Britain", "British forces based in the Bosnian city of Vitez"
        return child.tag_ == "VBN" and any(
            c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in lex.locative_preps and _kept(c, False, reading, lex))
            for c in child.children)
    if dep == "appos":
        return _apposition_kept(child, reading)
    return True


def _apposition_kept(appos: Token, reading: Reading) -> bool:
    """An apposition names or describes a person ("Zabihullah Mujahid, the Taliban spokesman",
    "the ambassador, Stuart Symington") or places a place ("Vail, Colorado"): it is part of the
    phrase. What is said of a place or a body ("Nigeria, the former stronghold of Boko Haram",
    "the Iraq Humanitarian Fund, a pooled fund managed by ...") is comment, not the name. Only
    an apposition set off by a comma is such a comment: "(NAF)", "its NATO ally Turkey" stay."""
    head = appos.head
    first = appos.left_edge
    if first.i == 0 or appos.doc[first.i - 1].text != "," or first.i < head.i \
            or any(t.i in reading.protected for t in appos.subtree):
        return True  # and the side's own words: "Tantan, [the Minister of Interior]"
    if head.ent_type_ in PLACE_ENTITIES:
        return appos.ent_type_ in PLACE_ENTITIES
    return reading.person or "PERSON" in (head.ent_type_, appos.ent_type_) \
        or _role_noun(head) or _role_noun(appos)


def _role_noun(tok: Token) -> bool:
    """A title a person holds (the actors' title vocabulary): "ambassador", "envoy", "adviser"."""
    return tok.lemma_.lower() in _single_word_titles()


@lru_cache(maxsize=1)
def _single_word_titles() -> frozenset[str]:
    from ..actors.tables import load_tables

    return frozenset(t.lower() for t in load_tables().titles if " " not in t)


def phrase_tokens(arg: Token, lex: Lexicon, coordination: bool = False, reading: Reading = Reading()) -> list[Token]:
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
        stack.extend(c for c in tok.children if _kept(c, tok in coordinated, reading, lex))
    return sorted(kept, key=lambda t: t.i)


def argument_span(sent: Span, head: Token, lex: Lexicon, predicate: Token | None = None,
                  coordination: bool = False, reading: Reading = Reading(),
                  arg: Token | None = None, trigger_last: int | None = None,
                  acts: frozenset[str] = frozenset()) -> tuple[int, int]:
    """Character span ``[start, end)`` of the argument phrase filled by the mention headed by ``head``.

    ``lex`` gives the word classes the phrase rules read; ``predicate`` is the trigger, where the climb stops; ``coordination`` keeps the argument's
    conjuncts ("India and Pakistan"); ``arg`` is the argument token when already known (see
    ``argument_head``); ``trigger_last`` is the index of the trigger's last token when it has
    more than one ("let free"); ``acts`` as for ``argument_head``. When the mention is only a
    modifier of the argument noun ("the Afghan government offer of a ceasefire", "China 's
    protocols for ..."), the phrase ends with that noun: what follows describes the thing, not the
    actor's part in it; but the act a possessor does keeps what it is done to ("China's expansion
    of reefs"). The span is contiguous, inside the sentence, and starts and ends on a word of the
    phrase (a closing bracket is kept when the phrase opened it).
    """
    arg = arg or argument_head(head, lex, predicate)
    if reading.charge and _through_of(head, arg):  # "the fate of a journalist": no charge there
        reading = dataclasses.replace(reading, charge=False)
    tokens = phrase_tokens(arg, lex, coordination, reading)
    if _modifier_of(head, arg):  # but a possessed act keeps what it is of: "Mexico's handling of the epidemic"
        of_kept = _possessor_of(head, arg) and act_noun(arg, acts, lex.noun_endings)
        tokens = [t for t in tokens if t.i <= arg.i or not _under_prep(t, arg, keep_of=of_kept)]
    tokens = [t for t in tokens if sent.start <= t.i < sent.end]
    if predicate is not None:  # the trigger is never part of its argument ("let free activists")
        last = max(predicate.i, trigger_last if trigger_last is not None else predicate.i)
        tokens = [t for t in tokens if (t.i > predicate.i) == (head.i > predicate.i)
                  and not predicate.i <= t.i <= last]
    if head not in tokens:
        tokens = [head]
    doc = sent.doc
    first, last = tokens[0].i, tokens[-1].i
    single = not coordination and any(c not in tokens for c in arg.conjuncts)
    while first < head.i and (doc[first].is_punct or doc[first].dep_ == "cc"
                              or (single and doc[first].lower_ in lex.pair_words)):
        first += 1  # "both India (and Pakistan)" as one conjunct is "India"
    while last > head.i and (doc[last].is_punct or doc[last].dep_ == "cc"
                             or doc[last].ent_type_ in TIME_ENTITIES):
        last -= 1  # "France 's ambassador Monday"
    if last + 1 < sent.end and doc[last + 1].is_bracket and doc[last + 1].is_right_punct \
            and _open_brackets(doc[first:last + 1]) > 0:
        last += 1
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _through_of(head: Token, arg: Token) -> bool:
    """The climb from the mention to its argument went through "of" ("the fate of a journalist")."""
    tok = head
    while tok != arg and tok.head != tok:
        if tok.dep_ == "prep" and tok.lower_ == "of":
            return True
        tok = tok.head
    return False


def _modifier_of(head: Token, arg: Token) -> bool:
    """The mention hangs from the argument noun as a modifier (compound, adjective, possessor)."""
    if head == arg:
        return False
    link = head
    while link.head != arg and link.head != link:
        link = link.head
    return link.head == arg and link.dep_ in MODIFIER_DEPS


def _under_prep(tok: Token, arg: Token, keep_of: bool = False) -> bool:
    """``tok`` lies in a prepositional phrase attached to ``arg`` (with ``keep_of``, other than its
    "of" phrase)."""
    while tok.head != arg and tok.head != tok:
        tok = tok.head
    return tok.head == arg and tok.dep_ == "prep" and not (keep_of and tok.lower_ == "of")


def _possessor_of(head: Token, arg: Token) -> bool:
    """The mention is the possessor of the argument noun ("Mexico's handling")."""
    link = head
    while link.head != arg and link.head != link:
        link = link.head
    return link.head == arg and link.dep_ == "poss"


def _places(prep: Token, lex: Lexicon) -> bool:
    """A locative phrase that names a place: "in eastern Syria", "in Yerevan" (not "in May")."""
    return prep.lower_ in lex.locative_preps and any(
        p.dep_ == "pobj" and (p.ent_type_ in PLACE_ENTITIES or p.pos_ == "PROPN") for p in prep.children) \
        and not any(t.ent_type_ in TIME_ENTITIES for t in prep.subtree)


def _open_brackets(span: Span) -> int:
    depth = 0
    for tok in span:
        if tok.is_bracket:
            depth += 1 if tok.is_left_punct else -1 if tok.is_right_punct else 0
    return depth


def add_argument_spans(doc: Document, lex: Lexicon, classes: CodeClasses,
                       needed_objects: dict[int, frozenset[str]] | None = None,
                       acts: frozenset[str] = frozenset()) -> None:
    """Give each event's actor and recipient the span of the argument phrase they fill.

    A side gets a span when its words are in the event's sentence: an actor mention of that
    sentence, or a name found there once that no mention covers (a person or organisation the
    dictionaries do not know), or a state found through a place whose words fill the role
    ("imposed a curfew in Srinagar", "attacked a military base in northeast Nigeria"). Sides
    with no words of their own there keep ``None``: "the state" of a protest, the country of the
    place a protest happens in, a party inferred from the article's main pair. ``needed_objects``
    gives, by event (its ``id()``), the object words its rule needs ("imposed a curfew"): such an
    object is part of the predicate, so a place in it does not make it a party; so is the object of
    a verb of movement (``lex.movement``: "withdrew its troops from Abyei": Abyei).
    ``lex`` and ``classes`` are the coder's word classes and classes of acts.
    """
    sdoc = doc.spacy_doc
    if sdoc is None:
        return
    sents = list(sdoc.sents)
    mentions = {m.mention_id: m for m in doc.mentions}
    for event in doc.events:
        if event.sentence_index is None or not 0 <= event.sentence_index < len(sents):
            continue
        needed = (needed_objects or {}).get(id(event), frozenset())
        spans = _event_spans(event, sents[event.sentence_index], mentions, lex, classes, needed, acts)
        if spans is not None:
            event.actor = _with_span(event.actor, spans[0])
            event.recipient = _with_span(event.recipient, spans[1])


def _event_spans(event: Event, sent: Span, mentions: dict[str, Mention], lex: Lexicon, classes: CodeClasses,
                 needed: frozenset[str], acts: frozenset[str]) -> list[tuple[int, int] | None] | None:
    """The spans of the event's actor and recipient in its sentence (None: a side with no words
    there); None when neither side has words there. ``needed``: the object words its rule needs."""
    sdoc = sent.doc
    heads = [_side_head(sent, mentions, ref) for ref in (event.actor, event.recipient)]
    if heads == [None, None]:
        return None
    predicate = _token_at(sent, event.trigger.start) if event.trigger is not None else None
    trigger_end = _token_at(sent, event.trigger.end - 1) if event.trigger is not None else None
    last = trigger_end.i if trigger_end is not None else None
    located = [_located(ref) for ref in (event.actor, event.recipient)]
    scene_is_target = event.event_type not in classes.scene_only_types
    if predicate is not None and predicate.lemma_.lower() in lex.movement:
        needed = needed | {o.lemma_.lower() for o in predicate.children if o.dep_ in ARGUMENT_DEPS}
    args = [argument_head(h, lex, predicate, loc, scene_is_target, needed, acts) if h is not None else None
            for h, loc in zip(heads, located)]
    heads = [h if a is not None else None for h, a in zip(heads, args)]  # a place outside the role
    joint = event.symmetric and args[0] is not None and args[1] is not None \
        and args[1] in args[0].conjuncts
    spans: list[tuple[int, int] | None] = []
    for n, (ref, head, arg) in enumerate(zip((event.actor, event.recipient), heads, args)):
        if head is None:
            spans.append(None)
            continue
        reading = _reading(sdoc, mentions.get(ref.mention_id or ""), head,
                           charge=n == 1 and event.cameo.startswith(classes.charge))
        if joint:  # "India and Pakistan held talks": the coordination is the joint subject
            first = min(arg, *arg.conjuncts, key=lambda t: t.i)
            spans.append(argument_span(sent, first, lex, predicate, coordination=True, reading=reading,
                                       trigger_last=last, acts=acts))
        elif located[n] and head not in arg.subtree:
            spans.append(_hit_and_place(sent, arg, head, predicate, reading, lex))
        elif n == 1 and not reading.person and (taker := _taker(arg, predicate)) is not None:
            # "detained [dozens of demonstrators] [in Yerevan]": the place the parser hangs on
            # the verb locates the object all the same
            span = argument_span(sent, head, lex, predicate, reading=reading, arg=arg, trigger_last=last,
                                 acts=acts)
            spans.append((span[0], _place_after(sent, span[1], taker, lex)))
        else:
            spans.append(argument_span(sent, head, lex, predicate, reading=reading, arg=arg, trigger_last=last,
                                       acts=acts))
    return spans


def _side_head(sent: Span, mentions: dict[str, Mention], ref: ActorRef | None) -> Token | None:
    """The token heading the side's words in the sentence, or None."""
    if ref is None:
        return None
    mention = mentions.get(ref.mention_id) if ref.mention_id else None
    if mention is not None:
        return _token_at(sent, mention.head_start) if mention.head_start is not None else None
    if not ref.text or not (ref.name or _located(ref)):
        return None  # a label ("the state", "bilateral", "the other side")
    found = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(ref.text)}(?!\w)", sent.text)]
    if len(found) != 1:
        return None  # absent, or ambiguous ("Sudan" is not in "South Sudanese")
    start = sent.start_char + found[0]
    span = sent.doc.char_span(start, start + len(ref.text), alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _reading(sdoc, mention: Mention | None, head: Token, charge: bool) -> Reading:
    if mention is None:
        return Reading(person=head.ent_type_ == "PERSON", charge=charge)
    words = sdoc.char_span(mention.start, mention.end, alignment_mode="expand")
    protected = range(words.start, words.end) if words is not None else range(0)
    return Reading(protected, mention.kind in ("person", "title") or head.ent_type_ == "PERSON", charge)


def _hit_and_place(sent: Span, hit: Token, place: Token, predicate: Token | None,
                   reading: Reading, lex: Lexicon) -> tuple[int, int]:
    """The phrase of what a physical act hit, with the place that locates it when the place
    follows it directly: "stormed [a police headquarters] [in eastern Afghanistan]"."""
    start, end = argument_span(sent, hit, lex, predicate, reading=reading, arg=hit)
    while place.dep_ in INNER_DEPS and place.head != place:
        place = place.head  # "eastern" -> "Afghanistan"
    prep = place.head if place.dep_ == "pobj" else None
    return start, _extended(sent, end, prep)


def _taker(arg: Token, predicate: Token | None) -> Token | None:
    """The word that takes ``arg`` as its object, directly or through a preposition, when that is
    the predicate, the act it governs ("threatened to shell X") or the object that makes it
    ("carried out air strikes against X"); else None."""
    if predicate is None:
        return None
    takers = {predicate, *(c for c in predicate.children if c.dep_ in ("xcomp", "dobj"))}
    if arg.dep_ == "dobj" and arg.head in takers:
        return arg.head
    if arg.dep_ == "pobj" and arg.head.dep_ == "prep" and arg.head.head in takers:
        return arg.head.head
    return None


def _place_after(sent: Span, end: int, taker: Token, lex: Lexicon) -> int:
    """The end of a phrase ending at ``end``, with the locative phrase of the word that takes it
    when that follows it directly and names a place ("in Yerevan")."""
    prep = next((c for c in taker.children if c.dep_ == "prep" and c.lower_ in lex.locative_preps
                 and c.i > 0 and c.doc[c.i - 1].idx + len(c.doc[c.i - 1]) == end), None)
    if prep is None or not _places(prep, lex):
        return end  # "in Yerevan", not "in two separate attacks", "in the face of ..."
    return _extended(sent, end, prep)


def _extended(sent: Span, end: int, prep: Token | None) -> int:
    """``end`` moved to the end of the locative phrase ``prep`` when that follows it directly."""
    doc = sent.doc
    if prep is not None and prep.dep_ == "prep" and prep.i > 0 \
            and doc[prep.i - 1].idx + len(doc[prep.i - 1]) == end:
        end = max(end, *(t.idx + len(t) for t in _place_words(prep) if t.i < sent.end))
    return end


def _place_words(prep: Token) -> list[Token]:
    """A locative phrase without what is said about the place ("in western Kabul, the seventh
    attack this month" -> "in western Kabul")."""
    kept, stack = [], [prep]
    while stack:
        tok = stack.pop()
        kept.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in ("appos", "relcl", "acl", "punct", "npadvmod")
                     and c.ent_type_ not in TIME_ENTITIES)
    return kept


def _located(ref: ActorRef | None) -> bool:
    """The side is a state found through a place the sentence names ("in northeast Nigeria")."""
    return ref is not None and ref.mention_id is None and not ref.name \
        and is_state_ref(ref)


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
