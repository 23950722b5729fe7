"""Who a plural or a list of parties stands for: "They", "the two sides", "the ministers" are the
parties named last before them; "A, B and C", "officials from A, B and C" and "the attaches of A
and B" name several parties at once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import data_files
from ..actors.kinds import is_group_pronoun, is_group_term, names_both_sides
from ..records import ActorRef, Document, Mention, Participant

LOOK_BACK = 8  # sentences searched for the participants a plural refers to
MAX_PARTIES = 5


@dataclass(frozen=True)
class PluralWords:
    """The words of ``reading/plurals.yaml`` (see there), or of a file replacing it."""

    pronouns: frozenset[str]
    determiners: frozenset[str]
    numbers: tuple[tuple[str, int], ...]  # in the file's order
    adversary_preps: frozenset[str]


def load_plural_words(path: str | Path | None = None) -> PluralWords:
    """The built-in plural words, or those of the file ``path`` replacing them."""
    return _load(str(path) if path else None)


@lru_cache(maxsize=4)
def _load(path: str | None) -> PluralWords:
    data = data_files.load_replaceable("reading/plurals.yaml", path)
    return PluralWords(frozenset(w.lower() for w in data["plural_pronouns"]),
                       frozenset(w.lower() for w in data["plural_determiners"]),
                       tuple((w.lower(), n) for w, n in data["numbers"].items()),
                       frozenset(w.lower() for w in data["adversary_preps"]))


def adversary(doc: Document, ref: ActorRef, mentions: dict[str, Mention], words: PluralWords) -> bool:
    """The party is what the parties act together against ("cooperate against D's missile
    threat"): a common adversary, not a party to their act."""
    m = mentions.get(ref.mention_id or "")
    sdoc = doc.spacy_doc
    if m is None or sdoc is None or m.head_start is None:
        return False
    tok = _token_at(sdoc, m.head_start)
    while tok is not None and tok.head != tok and tok.dep_ in ("poss", "compound", "amod", "nmod", "pobj", "conj"):
        if tok.dep_ == "pobj" and tok.head.lower_ in words.adversary_preps:
            return True
        tok = tok.head
    return False


def is_plural(ref: ActorRef, m: Mention | None, words: PluralWords) -> bool:
    """The side is a plural that names no state: "They", "both sides", "the two ministers"."""
    text = (ref.text or "").lower()
    if m is not None and is_group_pronoun(m):
        return True
    if text in words.pronouns:
        return True
    if m is not None and m.kind == "group" and not m.country and (names_both_sides(m) or is_group_term(m)):
        # "both sides", "the ministers", "Officials": people of no stated state (not "Chinese troops")
        return names_both_sides(m) or (text.endswith("s") and text.split()[0] in words.determiners)
    return False


def plural_words(text: str, words: PluralWords) -> bool:
    """Words of a plural of people or states: "they", "the two ministers", "both sides"."""
    split = text.lower().split()
    return bool(split) and (text.lower() in words.pronouns or number_of(text, words) is not None
                            or (split[0] in words.determiners and split[-1].endswith("s")))


def misread_plural(doc: Document, m: Mention | None) -> bool:
    """"They" taken for one person, state or body ("X met his counterpart Y. They agreed ...";
    "... within the ASEAN framework. They agreed ..."): a plural refers to a plural, so a singular
    antecedent is a misreading, and the plural is read again as the parties named before."""
    if m is None or m.kind != "pronoun" or not m.actor_id:
        return False
    antecedents = [o for o in doc.mentions if o.actor_id == m.actor_id and o.kind != "pronoun" and o.start < m.start]
    if not antecedents or doc.spacy_doc is None:
        return False
    last = antecedents[-1]
    head = _token_at(doc.spacy_doc, last.head_start)
    return head is not None and head.tag_ not in ("NNS", "NNPS")


def number_of(text: str, words: PluralWords) -> int | None:
    """The number of parties a plural's number word stands for ("the two sides": 2)."""
    return next((n for w, n in words.numbers if w in text.lower().split()), None)


def named_before(doc: Document, sentence: int, before: int | None, wanted: int | None,
                  registry: dict[str, Participant]) -> tuple[list[ActorRef], int] | None:
    """The parties named last before the plural: the people of distinct states named together in
    one sentence (the story's principals), else, nearer, the states or bodies named together."""
    for kinds, back in ((("person",), LOOK_BACK), (("person", "organisation", "group", "country"), 1)):
        for s in range(sentence, max(-1, sentence - back - 1), -1):
            named = [m for m in doc.mentions if m.sentence == s and m.kind in kinds
                     and (s < sentence or before is None or m.end <= before)]
            refs = distinct_parties(named, registry)
            if len(refs) >= 2 and (wanted is None or len(refs) >= wanted):
                return refs[:wanted or MAX_PARTIES], s
    return None


def group_named_before(doc: Document, m: Mention | None, registry: dict[str, Participant]) -> tuple[list[ActorRef], int] | None:
    """"Officials also agreed ...": a plural noun of people refers to the last group of that noun whose
    states the article named ("senior defense officials from A, B and C"), within :data:`LOOK_BACK`
    sentences."""
    if m is None or m.kind != "group" or not (m.text or "").strip():
        return None
    noun = m.text.lower().split()[-1]
    earlier = [o for o in doc.mentions if o.kind == "group" and o.sentence is not None and m.sentence is not None
               and m.sentence - LOOK_BACK <= o.sentence < m.sentence and (o.text or "").lower().split()[-1:] == [noun]]
    for o in sorted(earlier, key=lambda o: o.start, reverse=True):
        if len(parties := coordinated(doc, o, registry)) >= 2:
            return parties, o.sentence
    return None


def distinct_parties(mentions: list[Mention], registry: dict[str, Participant]) -> list[ActorRef]:
    """One party per state, in order, each with the state and sector the article gives it."""
    refs: list[ActorRef] = []
    for m in mentions:
        p = registry.get(m.actor_id or "")
        country = m.country or (p.country if p is not None else None)
        if not country or len(country) != 3 or any(r.country == country for r in refs):
            continue
        sector = p.sector if p is not None and p.sector else m.sector
        refs.append(ActorRef(country=country, sector=sector, name=p.name if p is not None else m.name or m.text,
                             text=m.text, actor_id=m.actor_id, mention_id=m.mention_id))
    return refs


def coordinated(doc: Document, m: Mention, registry: dict[str, Participant]) -> list[ActorRef]:
    """The states coordinated with the side's mention: "South Korea, the U.S. and Japan";
    "officials from South Korea, the United States and Japan"."""
    sdoc = doc.spacy_doc
    if sdoc is None or m.head_start is None:
        return []
    tok = _token_at(sdoc, m.head_start)
    if tok is None:
        return []
    from ..actors.lookup import mention_for_token

    if not tok.conjuncts and m.kind == "group":  # "officials from A, B and C"
        tok = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "of")
                    for p in c.children if p.dep_ == "pobj"), tok)
        start = mention_for_token(doc, tok)
        m = start if start is not None and start.kind == "country" else m
    listed = [tok, *tok.conjuncts]
    for a in (c for c in tok.children if c.dep_ == "appos" and c.conjuncts):  # "A, the U.S. and C" (misparsed)
        listed += [a, *a.conjuncts]
    found = [m]
    for t in sorted(set(listed) - {tok}, key=lambda t: t.i):
        other = mention_for_token(doc, t)
        if other is not None and other.kind in ("country", "person", "organisation") and other is not m:
            found.append(other)
    return distinct_parties(found, registry)[:MAX_PARTIES] if len(found) > 1 else []


def named_inside(doc: Document, m: Mention, registry: dict[str, Participant]) -> list[ActorRef]:
    """The states named inside a group's or body's words: "the defence attaches of A and B"."""
    if m.kind not in ("group", "organisation") or m.country:
        return []
    from ..actors.lookup import mentions_in

    return distinct_parties([o for o in mentions_in(doc, m.start, m.end) if o.kind == "country"], registry)


def _token_at(sdoc, offset: int | None):
    """The token that starts at character ``offset``, or None (found by search, not by a scan)."""
    if sdoc is None or offset is None:
        return None
    span = sdoc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) and span[0].idx == offset else None
