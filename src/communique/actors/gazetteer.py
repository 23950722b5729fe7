"""A phrase table over normalised words: country names, bodies, titles, ranks, sector terms.

One left-to-right scan per document finds the longest known phrase at each position
(a dictionary lookup per candidate length), so the cost is linear in the number of tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

from .names import fold, norm_phrase, norm_word, plural
from .tables import Tables, load_tables

_INNER_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
_POSSESSIVE = re.compile(r"(['’]s)\b")
_PLURAL_POSSESSIVE = re.compile(r"(?<=s)['’](?=\s|$)")

# Categories whose phrases are proper names and must be written capitalised.
PROPER = frozenset({"country", "demonym", "prefix", "capital", "metonym", "body", "actor"})


@dataclass(frozen=True, slots=True)
class Term:
    category: str  # country|demonym|prefix|capital|metonym|body|title|organisation|group|rank|honorific|actor
    name: str  # canonical form ("Vietnam", "Lieutenant General", "defense minister")
    code: str | None = None  # country or body code
    sector: str | None = None
    acronym: bool = False  # written in capitals only ("US", "UN")
    entry: Any = None  # a user dictionary entry (category "actor")


@dataclass(frozen=True, slots=True)
class Hit:
    start: int  # first token index
    end: int  # one past the last token index
    terms: tuple[Term, ...]

    def first(self, *categories: str) -> Term | None:
        return next((t for t in self.terms if t.category in categories), None)


class Gazetteer:
    """Normalised phrase -> terms; later additions of the same phrase take precedence."""

    def __init__(self) -> None:
        self._table: dict[tuple[str, ...], list[Term]] = {}
        self._lengths: dict[str, list[int]] = {}  # first word -> lengths of its phrases, longest first

    def add(self, phrase: str, term: Term) -> None:
        acronym = len(phrase) <= 6 and fold(phrase).replace(".", "").isupper()
        if acronym and not term.acronym and term.category in PROPER:
            term = Term(term.category, term.name, term.code, term.sector, True, term.entry)
        keys = {norm_phrase(phrase)}
        if _INNER_HYPHEN.search(phrase):  # the tokenizer splits "Al-Shabaab" into "Al", "-", "Shabaab"
            keys.add(norm_phrase(_INNER_HYPHEN.sub(" - ", phrase)))
        if _PLURAL_POSSESSIVE.search(phrase):  # "Workers' Party" into "Workers", "'", "Party"
            keys.add(norm_phrase(_PLURAL_POSSESSIVE.sub(" '", phrase)))
        if _POSSESSIVE.search(phrase):  # and "People's" into "People", "'s"
            keys |= {norm_phrase(_POSSESSIVE.sub(r" \1", k)) for k in (phrase, _INNER_HYPHEN.sub(" - ", phrase))}
        for key in keys:
            if not key:
                continue
            bucket = self._table.setdefault(key, [])
            if term in bucket:
                bucket.remove(term)
            bucket.insert(0, term)
            lengths = self._lengths.setdefault(key[0], [])
            if len(key) not in lengths:
                lengths.append(len(key))
                lengths.sort(reverse=True)

    def extend(self, items: Iterable[tuple[str, Term]]) -> None:
        for phrase, term in items:
            self.add(phrase, term)

    def lookup(self, phrase: str) -> list[Term]:
        return list(self._table.get(norm_phrase(phrase), ()))

    def scan(self, tokens) -> list[Hit]:
        """Leftmost-longest hits over a sequence of spaCy tokens (no hit spans a line break)."""
        words: list[tuple[str, int, str]] = []  # (key word, token index, surface text)
        for tok in tokens:
            if tok.is_space:
                words.append(("\n", tok.i, ""))
            elif not _attached_period(tok):
                # a rank kept whole by the tokenizer ("Maj.-Gen.") is matched as its parts
                words.extend((key, tok.i, tok.text) for key in norm_phrase(tok.text) or (norm_word(tok.text),))
        keys = [w for w, _, _ in words]
        hits: list[Hit] = []
        pos = 0
        while pos < len(words):
            found = None
            for length in self._lengths.get(keys[pos], ()):
                if length > len(words) - pos:
                    continue
                terms = self._table.get(tuple(keys[pos:pos + length]))
                if terms:
                    chunk = words[pos:pos + length]
                    valid = tuple(t for t in terms if _case_fits(t, chunk))
                    if valid:
                        found = Hit(chunk[0][1], chunk[-1][1] + 1, valid)
                        pos += length
                        break
            if found is None:
                pos += 1
            else:
                hits.append(found)
        return hits


def _attached_period(tok) -> bool:
    """A "." split off an abbreviation ("Lt" "." -> "Lt."), not a sentence end."""
    if tok.text != "." or tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    return not prev.whitespace_ and prev.text.isalpha() and len(prev.text) <= 5 and tok.whitespace_ != ""


def _case_fits(term: Term, chunk: list[tuple[str, int, str]]) -> bool:
    if term.category not in PROPER:
        return True
    surface = [s for _, _, s in chunk if s]
    if term.acronym:
        return all(fold(s).replace(".", "").replace("'", "").isupper() or not s.isalpha() for s in surface
                   if s not in ("-", "'s", "’s"))
    # a name the dictionary spells with a lower-case particle may be written so: "al-Qaeda", "al Shabaab"
    return bool(surface) and (surface[0][:1].isupper() or (
        term.name[:1].islower() and any(s[:1].isupper() for s in surface[1:])))


def builtin_terms(tables: Tables) -> Iterable[tuple[str, Term]]:
    """Every phrase the shipped vocabulary knows, as (phrase, term)."""
    for key, sector in tables.organisations.items():
        yield key, Term("organisation", key, sector=sector)
    for key, sector in tables.groups.items():
        yield key, Term("group", key, sector=sector)
    for key, sector in tables.titles.items():
        yield key, Term("title", key, sector=sector)
        head, _, last = key.rpartition(" ")
        if not last.endswith("s") and last.isalpha():
            yield f"{head} {plural(last)}".strip(), Term("group", key, sector=sector)
    for word in tables.honorifics:
        yield word, Term("honorific", word)
    for rank in tables.ranks:
        for form in [rank.rank, *rank.forms]:
            yield form, Term("rank", rank.rank, sector=rank.sector)
    for info in tables.countries.values():
        for capital in info.capitals:
            yield capital, Term("capital", info.name, code=info.code)
        for prefix in info.prefixes:
            yield prefix, Term("prefix", info.name, code=info.code)
        for demonym in info.demonyms:
            yield demonym, Term("demonym", info.name, code=info.code)
        for name in info.names:
            yield name, Term("country", info.name, code=info.code)
        for place, sector in info.metonyms.items():
            yield place, Term("metonym", place, code=info.code, sector=sector)
    for body in tables.bodies:
        for alias in [body.name, *body.aliases]:
            yield alias, Term("body", body.name, code=body.code, sector=body.sector)


@lru_cache(maxsize=1)
def builtin_gazetteer() -> Gazetteer:
    gazetteer = Gazetteer()
    gazetteer.extend(builtin_terms(load_tables()))
    return gazetteer
