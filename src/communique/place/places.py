"""Place mentions in parsed text: spaCy GPE/LOC/FAC entities and "in/at/near X" name chains,
merged into one place per chain ("Dongxing city, Guangxi Zhuang Autonomous Region of South
China" is the city Dongxing, with its division and country as context), and geocoded."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..nlp.entities import entities_in
from ..records import Location
from .gazetteer import LocationCues, generic_words, location_cues
from .geocode import geocode

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities that are not places: a name chain after "in/at/near" overlapping one of these is not
# taken as a place. PERSON is left out: after a locative preposition it is mostly a mis-tagged
# place ("anchored at Cam Ranh"), and a chain that names no place is dropped by the geocoder.
NOT_PLACE_LABELS = frozenset({"ORG", "NORP", "DATE", "TIME", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})
# What may stand between the parts of one place: "Dongxing, Guangxi", "Guangxi of South China".
_JOINER = re.compile(r"^\s*(?:,|of|,\s*in)\s*(?:the\s+)?$", re.IGNORECASE)


@dataclass(slots=True)
class PlaceMention:
    """One place named in the text. ``start``/``end`` are character offsets of the whole chain."""

    text: str
    start: int
    end: int
    name: str  # the first part of the chain, the place itself
    root: int  # token index (in the spaCy Doc) of the first part's syntactic head
    location: Location | None = None
    context: list[str] = field(default_factory=list)  # the other parts of the chain


def find_place_mentions(source: Doc | Span | str, cues: LocationCues | None = None) -> list[PlaceMention]:
    """The place mentions of a parsed Doc or sentence Span (plain text is parsed first); ``cues``:
    the cue words of places (default: the built-in file)."""
    if isinstance(source, str):
        from ..nlp.model import load_model

        source = load_model()(source)
    doc = source if isinstance(source, Doc) else source.doc
    prepositions = (cues or location_cues()).prepositions
    parts = sorted(_extend(doc, span) for span in _candidate_spans(source, prepositions))
    return [_resolve(doc, chain) for chain in _chains(doc, parts)]


def _candidate_spans(source: Doc | Span, prepositions: frozenset[str]) -> list[tuple[int, int]]:
    """Token ranges of place entities and of proper-noun chains after a locative preposition."""
    doc = source if isinstance(source, Doc) else source.doc
    ents = list(doc.ents) if isinstance(source, Doc) else entities_in(doc, source.start, source.end)
    spans = [(e.start, e.end) for e in ents if e.label_ in PLACE_LABELS or _mislabelled_place(doc, e, prepositions)]
    covered = {i for s, e in spans for i in range(s, e)}
    blocked = {i for e in ents if e.label_ in NOT_PLACE_LABELS for i in range(e.start, e.end)}
    end_limit = source.end if isinstance(source, Span) else len(doc)
    for tok in source:
        if tok.lower_ not in prepositions:
            continue
        i = tok.i + 1
        if i < end_limit and doc[i].lower_ == "the":
            i += 1
        j = i
        while j < end_limit and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
            j += 1
        if j > i and not any(k in covered or k in blocked for k in range(i, j)):
            spans.append((i, j))
            covered.update(range(i, j))
    return spans


def _mislabelled_place(doc: Doc, ent: Span, prepositions: frozenset[str]) -> bool:
    """An organisation entity right after "in/at/near" that the gazetteer knows as a city or
    province ("drills in Patagonia" with Patagonia tagged ORG)."""
    if ent.label_ != "ORG" or ent.start == 0:
        return False
    before = doc[ent.start - 1]
    if before.lower_ == "the" and ent.start > 1:
        before = doc[ent.start - 2]
    if before.lower_ not in prepositions:
        return False
    found = geocode(ent.text)
    return found is not None and found.feature in ("city", "admin1")


def _extend(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    """Take in a following generic word: "Dongxing" + "city", "Guangxi" + "Zhuang Autonomous Region"."""
    start, end = span
    following = doc[end].text if end < len(doc) else None
    for parts in _suffixes_by_first_word(generic_words().suffixes).get(following, ()):
        if [t.text for t in doc[end : end + len(parts)]] == parts:
            return start, end + len(parts)
    return start, end


@lru_cache(maxsize=4)
def _suffixes_by_first_word(suffixes: tuple[tuple[str, str], ...]) -> dict[str | None, list[list[str]]]:
    """The generic words' token lists by their first word, each in the order of ``suffixes``."""
    grouped: dict[str | None, list[list[str]]] = {}
    for words, _ in suffixes:
        parts = words.split()
        if parts:
            grouped.setdefault(parts[0], []).append(parts)
    return grouped


_RANK = {"city": 0, "admin1": 1, "country": 2, "region": 2, "water": 2}


def _rank(doc: Doc, part: tuple[int, int]) -> int:
    found = geocode(doc[part[0] : part[1]].text)
    return _RANK.get(found.feature, 2) if found else -1


def _chains(doc: Doc, parts: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group parts that name one place from small to large ("Sochi, Russia"), not lists ("China, Vietnam")."""
    chains: list[list[tuple[int, int]]] = []
    for part in parts:
        if chains and part[0] < chains[-1][-1][1]:
            continue  # overlaps the previous part
        if chains and _joined(doc, chains[-1][-1], part) and _rank(doc, chains[-1][-1]) < _rank(doc, part):
            chains[-1].append(part)
        else:
            chains.append([part])
    for chain in chains:
        tail = _trailing_name(doc, chain[-1])
        if tail and _rank(doc, tail) > _rank(doc, chain[-1]):
            chain.append(tail)
    return chains


def _joined(doc: Doc, left: tuple[int, int], right: tuple[int, int]) -> bool:
    if right[0] - left[1] > 3:
        return False
    # the text between the parts, from their own tokens (Doc.text would rebuild the whole document)
    between = doc[left[1] - 1].whitespace_ + "".join(t.text_with_ws for t in doc[left[1] : right[0]])
    return bool(_JOINER.match(between))


def _trailing_name(doc: Doc, part: tuple[int, int]) -> tuple[int, int] | None:
    """A proper-noun chain after ", " or " of " that no entity covers: "Region of South China"."""
    i = part[1]
    if i >= len(doc) or doc[i].lower_ not in (",", "of"):
        return None
    i += 1
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    j = i
    while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and not doc[j].ent_type_:
        j += 1
    return (i, j) if j > i else None


def _possessor_country(doc: Doc, part: tuple[int, int]) -> str | None:
    """The country of a possessor outside the part: "Rwanda's Southern Province"."""
    for token in doc[part[0] : part[1]]:
        for child in token.children:
            if child.dep_ == "poss" and not part[0] <= child.i < part[1]:
                found = geocode(doc[child.left_edge.i : child.i + 1].text)
                if found is not None and found.feature == "country":
                    return found.country
    return None


def _resolve(doc: Doc, chain: list[tuple[int, int]]) -> PlaceMention:
    texts = [doc[s:e].text for s, e in chain]
    country_hint: str | None = _possessor_country(doc, chain[0])
    admin1_hint: str | None = None
    context_location: Location | None = None
    for text in reversed(texts[1:]):
        found = geocode(text, country_hint)
        if found is None:
            continue
        context_location = found
        country_hint = found.country or country_hint
        if found.feature == "admin1":
            admin1_hint = found.admin1
    location = geocode(texts[0], country_hint, admin1_hint=admin1_hint) or context_location
    first = doc[chain[0][0] : chain[0][1]]
    return PlaceMention(
        text=doc[chain[0][0] : chain[-1][1]].text,
        start=first.start_char,
        end=doc[chain[-1][1] - 1].idx + len(doc[chain[-1][1] - 1]),
        name=first.text,
        root=first.root.i,
        location=location,
        context=texts[1:],
    )
