"""Joint exercises named with their parties: one COOPERATE event per pair, the host first.

News writing often names a joint exercise with its parties inside the noun phrase rather than as
the subject of a verb: "Northern Gale 5, a training exercise involving the Chilean, Peruvian and
Ecuadorian armed forces", "Norwegian-Icelandic joint naval training ... has started", "the joint
exercise between Chilean and Peruvian navies will begin". The parties act together (CAMEO 062,
symmetric); the host (the state where it takes place, else the one the article names first) is
the actor of its pairs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from pathlib import Path

from spacy.tokens import Token

from ..actors.kinds import state_actor_id
from .. import data_files
from ..events.codebook import lookup
from ..events.parties import scene_state
from ..records import ActorRef, Document, Event, Evidence, Mention, Resolution, ResolutionKind, Trigger

CODE = "062"  # cooperate militarily
MEETING = "040"  # consult; the merge stage settles who hosted it
RULE = "exercise-parties"
MEETING_RULE = "meeting-parties"
CONFIDENCE = 0.6
MAX_PARTIES = 5
SKIPPED = {"relcl", "advcl", "ccomp", "parataxis"}  # clauses about something else


@dataclass(frozen=True)
class GatheringWords:
    """The word lists of ``reading/gatherings.yaml`` (or a file replacing it), by key, and the
    prepositions of an act's scene and the words of another occurrence (``scene_preps`` and
    ``sequence_modifiers`` of the coder's words)."""

    lists: dict[str, frozenset[str]]
    scene_preps: frozenset[str]
    sequence_modifiers: frozenset[str] = frozenset()

    def __getitem__(self, key: str) -> frozenset[str]:
        return self.lists[key]


def load_gathering_words(scene_preps: frozenset[str], path: str | Path | None = None,
                         sequence_modifiers: frozenset[str] = frozenset()) -> GatheringWords:
    """The built-in gathering words, or those of the file ``path`` replacing them."""
    return GatheringWords(_lists(str(path) if path else None), scene_preps, sequence_modifiers)


@lru_cache(maxsize=4)
def _lists(path: str | None) -> dict[str, frozenset[str]]:
    data = data_files.load_replaceable("reading/gatherings.yaml", path)
    return {k: frozenset(w.lower() for w in v) for k, v in data.items()}


def exercise_events(doc: Document, words: GatheringWords) -> list[Event]:
    """The joint exercises the article names with two or more parties, that no event coded yet."""
    sdoc = doc.spacy_doc
    if sdoc is None:
        return []
    first_named = _first_named(doc)
    found: list[Event] = []
    exercises: dict[int, list[Event]] = {}
    for e in doc.events:
        if e.event_type == "COOPERATE":
            exercises.setdefault(e.sentence_index, []).append(e)
    consults: dict[int, list[Event]] = {}
    for e in doc.events:
        if e.event_type == "CONSULT":
            consults.setdefault(e.sentence_index, []).append(e)
    for n, sent in enumerate(sdoc.sents):
        coded = exercises.get(n, [])
        found.extend(attended_meetings(doc, n, sent, first_named, consults.get(n, []), words))
        for tok in sent:
            if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound":
                continue
            if tok.lower_ in words["meeting_nouns"] and tok.dep_ in ("nsubj", "nsubjpass") \
                    and tok.head.lemma_.lower() in words["meeting_verbs"] \
                    and n not in consults:
                parties = _states_in(doc, _phrase(tok, words))
                if len(parties) >= 2:  # "the Vietnam-Thailand defence dialogue took place in ..."
                    found.extend(_pairs(doc, n, sent, tok, _host_first(parties, tok, first_named, words), MEETING))
                    break
                if not parties and (held := _held_by_the_parties(doc, n, tok, words, MEETINGS, found)):
                    found.extend(held)  # "The next round will take place in Paris": the article's talks' parties
                    break
            if tok.lower_ not in words["exercise_nouns"]:
                continue
            if not coded and (held := _held_by_the_parties(doc, n, tok, words, EXERCISES, found)
                              or _agreed_edition(doc, n, tok)):
                found.extend(held)  # "The first drill was held in June": by those the article's drills are
                break
            parties = _parties(doc, tok, words)
            if len(parties) < 2 and not coded and (host := _host_of_many(tok, words)) is not None:
                found.extend(_pairs(doc, n, sent, tok, [host, ActorRef()]))
                break
            if len(parties) < 2 or any({e.actor.country, e.recipient.country} <= {p.country for p in parties}
                                       for e in coded):
                continue
            found.extend(_pairs(doc, n, sent, tok, _host_first(parties, tok, first_named, words)))
            break  # one exercise per sentence
    return found


def attended_meetings(doc: Document, n: int, sent, first_named: dict[str, int], coded: list[Event],
                      words: GatheringWords) -> list[Event]:
    """"The talks, held in Riga and attended by A of Latvia, B of Estonia and C of Lithuania": a
    meeting named with its participants as the agents of a passive of attending. One CONSULT per pair
    of their states that the sentence did not code already."""
    for verb in sent:
        if verb.lemma_.lower() not in words["attendance_verbs"] or verb.tag_ != "VBN":
            continue
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        meeting = _meeting_above(verb, words)
        if agent is None or meeting is None:
            continue
        listed = list(agent.subtree)  # the list runs to the end of the clause, however it is parsed
        for t in sent[listed[-1].i + 1 - sent.start:]:
            if t.text == ";":
                break
            listed.append(t)
        parties = _states_in(doc, listed, persons=True)
        if len(parties) < 2:
            continue
        done = [{e.actor.country, e.recipient.country} for e in coded]
        pairs = _pairs(doc, n, sent, meeting, _host_first(parties, meeting, first_named, words), MEETING)
        return [e for e in pairs if {e.actor.country, e.recipient.country} not in done]
    return []


def _meeting_above(verb: Token, words: GatheringWords) -> Token | None:
    """The meeting noun the participle describes: up its chain of heads ("talks held ..., attended
    by"), else the last meeting noun before it in the sentence (parsers attach a participle set off
    by a comma to the main verb)."""
    def meeting(tok: Token) -> bool:
        return tok.pos_ in ("NOUN", "PROPN") and (tok.lower_ in words["meeting_nouns"]
                                                   or tok.lemma_.lower() in words["meeting_nouns"])
    tok = verb
    for _ in range(3):
        if tok.head == tok:
            break
        tok = tok.head
        if meeting(tok):
            return tok
    before = [t for t in verb.sent if t.i < verb.i and meeting(t)]
    return before[-1] if before and verb.i - before[-1].i <= 8 else None


def _host_of_many(tok: Token, words: GatheringWords) -> ActorRef | None:
    """A multinational exercise that starts (ends, is held) in a state, or one that many nations
    start ("Twenty-nine nations began the exercise off Hawaii"): that state, its host."""
    verb, top = tok.head, tok
    for _ in range(4):  # "began the Rim of the Pacific exercise": the verb the exercise's phrase hangs from
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        top, verb = verb, verb.head
    if verb.lemma_.lower() not in words["holding_verbs"]:
        return None
    many = any(c.lower_ in words["many_nations_words"] for c in tok.children) and tok.dep_ in ("nsubj", "nsubjpass")
    counted = top.dep_ == "dobj" and any(  # many, not "the two countries" (a pair: their own exercise)
        s.dep_ == "nsubj" and s.lemma_.lower() in words["nation_nouns"]
        and any(c.dep_ == "nummod" and c.lower_ not in words["pair_numbers"] for c in s.children) for s in verb.children)
    if not (many or counted):
        return None
    scene = scene_state(verb, words.scene_preps | words["sea_preps"]) or _place_modifier(verb, words.scene_preps)
    if scene is None or not scene.country:
        return None
    return ActorRef(country=scene.country, sector="MIL", text=scene.text, actor_id=state_actor_id(scene.country))


def _place_modifier(verb: Token, scene_preps: frozenset[str]) -> ActorRef | None:
    """"near the Mongolian capital": a place named by its state's adjective."""
    from ..events.parties import modifier_country

    for t in verb.subtree:
        if t.dep_ == "pobj" and t.head.lower_ in scene_preps:
            for c in t.children:
                if c.dep_ in ("amod", "compound") and (ref := modifier_country(c)) is not None:
                    return ref
    return None


def _parties(doc: Document, tok: Token, words: GatheringWords) -> list[ActorRef]:
    """The states named inside the exercise's phrase; for a joint exercise named with none, the
    states of the subject of the verb it depends on."""
    parties = _states_in(doc, _phrase(tok, words))
    modifiers = [t for c in tok.lefts for t in c.subtree]  # "joint training exercises": "joint" modifies "training"
    if len(parties) >= 2 or not any(t.lower_ in words["joint_words"] for t in modifiers):
        return parties
    verb = tok
    while verb.dep_ not in ("ROOT",) and verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return _states_in(doc, list(subject.subtree)) if subject is not None else parties


def _phrase(tok: Token, words: GatheringWords) -> list[Token]:
    """The exercise's modifiers and the phrases that name its parties ("involving ...")."""
    out = []
    for child in tok.children:
        if child.dep_ in SKIPPED:
            continue
        if child.i < tok.i or child.lower_ in words["party_links"]:
            out.extend(t for t in child.subtree if not any(a.dep_ in SKIPPED for a in _path(t, child)))
    return out


def _path(t: Token, top: Token) -> list[Token]:
    path = []
    while t != top and t.head != t:
        path.append(t)
        t = t.head
    return path


@dataclass(frozen=True)
class _Kind:
    """A kind of gathering: its events' type and code, the verbs (a ``GatheringWords`` list) that
    hold it, and how the gathering noun stands to them."""

    event_type: str
    code: str
    verbs: str
    deps: frozenset[str]


EXERCISES = _Kind("COOPERATE", CODE, "holding_verbs", frozenset({"nsubjpass"}))
MEETINGS = _Kind("CONSULT", MEETING, "meeting_verbs", frozenset({"nsubj", "nsubjpass"}))


def _held_by_the_parties(doc: Document, n: int, tok: Token, words: GatheringWords, kind: _Kind,
                         found: list[Event]) -> list[Event]:
    """A gathering said to be held with no one holding it ("The first drill was held in June", "The
    next round will take place in Paris") is held by the parties the article has already named
    holding its gatherings of that kind: one event per pair of the first earlier sentence that codes
    them, whether coded before this reading or in it (``found``)."""
    verb = tok.head
    if tok.dep_ not in kind.deps or verb.lemma_.lower() not in words[kind.verbs] \
            or any(c.dep_ == "agent" for c in verb.children) or _parties(doc, tok, words) \
            or not _another_occurrence(tok, verb, words):
        return []
    earlier = [e for e in [*doc.events, *found] if e.event_type == kind.event_type and (e.sentence_index or 0) < n
               and e.actor.country and e.recipient.country and (kind is not EXERCISES or e.cameo == CODE)]
    if not earlier:
        return []
    first = min(e.sentence_index or 0 for e in earlier)
    pairs = [(e.actor, e.recipient) for e in earlier if e.sentence_index == first]
    res = Resolution("actor and recipient", ResolutionKind.MANY_PARTIES, tok.text,
                     sorted({r.country for pair in pairs for r in pair if r.country}), first)
    return [_pair_event(doc, n, tok.sent, tok, actor, recipient, res, kind.code) for actor, recipient in pairs]


def _agreed_edition(doc: Document, n: int, tok: Token) -> list[Event]:
    """"agreed to move forward with the second phase of the Freedom Edge exercise": parties agreeing
    to carry out an exercise named or counted as one occasion plan that occasion, one event per pair
    of the agreement's states. An agreement to hold exercises of no one occasion ("more exercises")
    plans none."""
    if not _one_occasion(tok):
        return []
    pairs = [(e.actor, e.recipient) for e in doc.events if e.event_type == "AGREE" and e.sentence_index == n
             and e.actor.country and e.recipient.country and e.trigger is not None
             and _complement_of(tok, e.trigger.start)]
    if not pairs:
        return []
    res = Resolution("actor and recipient", ResolutionKind.MANY_PARTIES, tok.text,
                     sorted({r.country for pair in pairs for r in pair if r.country}), n)
    return [_pair_event(doc, n, tok.sent, tok, actor, recipient, res, CODE) for actor, recipient in pairs]


def _one_occasion(tok: Token) -> bool:
    """The exercise noun names one occasion: a code name ("the Freedom Edge exercise") or a count,
    its own or that of the noun it completes ("the second phase of the ... exercise")."""
    completed = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else tok
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children) \
        or any(c.ent_type_ == "ORDINAL" for c in (*tok.children, *completed.children))


def _complement_of(tok: Token, verb_start: int) -> bool:
    """Whether ``tok`` lies in the infinitive complement of the verb at character ``verb_start``
    ("agreed to move forward with ... the exercise")."""
    x = tok
    while x.head.i != x.i:
        if x.dep_ == "xcomp" and x.head.idx == verb_start:
            return True
        x = x.head
    return False


def _another_occurrence(tok: Token, verb: Token, words: GatheringWords) -> bool:
    """The gathering is told as one of its own: a word of sequence ("the next round") or a time of
    its own ("the first drill was held in June"). Else ("the 12th drill is being held to mark ...")
    the sentence tells again the gathering already coded."""
    if any(c.lower_ in words.sequence_modifiers for c in tok.children):
        return True
    return any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree if t.i not in range(tok.left_edge.i, tok.i + 1))


def _states_in(doc: Document, toks: list[Token], persons: bool = False) -> list[ActorRef]:
    """The states named by the mentions among ``toks`` (with ``persons``, also the people's states)."""
    from ..actors.lookup import mention_for_token

    kinds = ("country", "organisation", "group", "person") if persons else ("country", "organisation", "group")
    refs: list[ActorRef] = []
    for t in sorted(toks, key=lambda t: t.i):
        m: Mention | None = mention_for_token(doc, t)
        if m is None or not m.country or len(m.country) != 3 or m.kind not in kinds:
            continue
        if all(r.country != m.country for r in refs):
            sector = m.sector if persons and m.sector else m.sector if m.sector in ("MIL", "COP") else "MIL"
            refs.append(ActorRef(country=m.country, sector=sector, name=m.name or m.text, text=m.text,
                                 actor_id=m.actor_id, mention_id=m.mention_id))
    return refs[:MAX_PARTIES]


def _first_named(doc: Document) -> dict[str, int]:
    first: dict[str, int] = {}
    for m in doc.mentions:
        if m.country:
            first.setdefault(m.country, m.start)
    return first


def _host_first(parties: list[ActorRef], tok: Token, first_named: dict[str, int],
                words: GatheringWords) -> list[ActorRef]:
    """The state where the exercise takes place first, else the one the article names first."""
    top = tok
    while top.head != top and top.pos_ not in ("VERB", "AUX"):
        top = top.head
    scene = scene_state(top, words.scene_preps | words["destination_preps"])  # "fly to Sicily for the exercise"
    order = sorted(parties, key=lambda p: first_named.get(p.country or "", 1 << 30))
    host = next((p for p in parties if scene is not None and p.country == scene.country), order[0])
    return [host, *(p for p in order if p is not host)]


def _pairs(doc: Document, n: int, sent, tok: Token, parties: list[ActorRef], code: str = CODE) -> list[Event]:
    res = Resolution("actor and recipient", ResolutionKind.MANY_PARTIES, tok.text, [p.country for p in parties if p.country], n)
    return [_pair_event(doc, n, sent, tok, actor, recipient, res, code) for actor, recipient in combinations(parties, 2)]


def _pair_event(doc: Document, n: int, sent, tok: Token, actor: ActorRef, recipient: ActorRef, res: Resolution,
                code: str) -> Event:
    info = lookup(code)
    key = f"{doc.doc_id}|{n}|{tok.idx}|{code}|{actor.country}|{recipient.country}"
    return Event(
        event_id="ev-" + hashlib.sha1(key.encode()).hexdigest()[:16], doc_id=doc.doc_id,
        event_type=info.plover, cameo=code, mode=info.mode, quad_class=info.quad_class,
        goldstein=info.goldstein, actor=actor, recipient=recipient, symmetric=True,
        evidence=[Evidence(doc_id=doc.doc_id, sentence=sent.text, start=sent.start_char, end=sent.end_char,
                           sentence_index=n, resolutions=[res])],
        trigger=Trigger(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), lemma=tok.lemma_),
        rule=RULE if code == CODE else MEETING_RULE, confidence=CONFIDENCE, sentence_index=n)
