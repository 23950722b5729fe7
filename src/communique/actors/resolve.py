"""Within-article resolution: one entity per person, organisation, state or group.

Later mentions of a person ("Lt. Gen. Shao", "Vinh", "he", "the deputy minister") are tied to the
entity first introduced with a full name; delegations take the sector of their country's leading person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Protocol

from ..records import Actor
from .extract import Candidate, is_acronym
from .names import fold, slug
from .abbreviations import spells
from .kinds import COUNTERPART_STEP, DELEGATION_RULE, DICTIONARY_RULE, person_actor_id, state_actor_id
from .tables import Tables

_SUBJECT = ("nsubj", "nsubjpass")


class PersonDirectory(Protocol):
    def person(self, name: str, date: str | None) -> tuple[str | None, str | None, str | None] | None: ...

    def code_on(self, phrase: str, day: str | None = None): ...


@dataclass
class Entity:
    actor_id: str
    kind: str
    name: str
    words: tuple[str, ...] = ()
    reference: str | None = None  # the word the article uses alone for this person
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    title_words: tuple[str, ...] = ()
    rank: str | None = None
    organisation: str | None = None
    aliases: list[str] = field(default_factory=list)
    fixed: bool = False  # country and sector come from a user dictionary


class Resolver:
    """Resolve the candidate mentions of each document with the shared tables and directory; each
    document is resolved by a :class:`_Resolution` of its own."""

    def __init__(self, tables: Tables, directory: PersonDirectory | None = None) -> None:
        self.tables = tables
        self.directory = directory

    def __call__(self, cands: list[Candidate], sdoc, published: str | None) -> tuple[list[Candidate], list[Actor]]:
        return _Resolution(self.tables, self.directory, sdoc, published).resolve(cands)


class _Resolution:
    """The resolving of one document's candidates: the persons it names, as they are found."""

    def __init__(self, tables: Tables, directory: PersonDirectory | None, sdoc, published: str | None) -> None:
        self.tables = tables
        self.directory = directory
        self.sdoc = sdoc
        self.published = published
        self.persons: list[Entity] = []

    def resolve(self, cands: list[Candidate]) -> tuple[list[Candidate], list[Actor]]:
        owner: dict[int, Entity] = {}  # id(candidate) -> person entity
        kept: list[Candidate] = []
        for cand in sorted(cands, key=lambda c: c.head):
            if cand.rule == DICTIONARY_RULE and cand.kind != "person":
                self._dated_code(cand)
            if cand.kind in ("person", "proper"):
                entity = self._person(cand)
                if entity is None:
                    if cand.kind == "proper" and self._named_organisation(cand):
                        kept.append(cand)
                    continue
                owner[id(cand)] = entity
            elif cand.kind == "title":
                entity = self._by_title(cand)
                if entity is not None:
                    owner[id(cand)] = entity
                    cand.rule += "+title-coref"
            kept.append(cand)
        for cand, entity in ((c, owner[id(c)]) for c in kept if id(c) in owner):
            self._fill_from(cand, entity)
        self._abbreviations(kept)
        by_head = {c.head: c for c in kept if c.kind != "pronoun"}
        self._delegations(kept, by_head)
        self._named_counterparts(kept, owner)
        self._pronouns(kept)
        kept = [c for c in kept if c.kind != "pronoun" or c.actor_id]
        actors: dict[str, Actor] = {}
        for cand in kept:
            if cand.actor_id is None:
                cand.actor_id = _actor_id(cand)
            actor = actors.get(cand.actor_id)
            if actor is None:
                actors[cand.actor_id] = Actor(cand.actor_id, "person" if cand.kind == "pronoun" else cand.kind,
                                              cand.name or "", cand.country, cand.sector, cand.title, cand.rank,
                                              cand.organisation)
        for entity in self.persons:
            if entity.actor_id in actors:
                actors[entity.actor_id].aliases = sorted(set(entity.aliases) - {entity.name})
        return sorted(kept, key=lambda c: (c.start, -c.end)), list(actors.values())

    # -- persons ---------------------------------------------------------------------
    def _person(self, cand: Candidate) -> Entity | None:
        words = tuple(fold(w).lower() for w in cand.name_tokens)
        if not words:
            return None
        entity = self._match(words)
        if entity is None:
            if cand.kind == "proper":
                return None
            entity = self._new_person(cand, words)
        else:
            if len(words) > len(entity.words):  # a fuller form of a name seen first in short
                entity.words, entity.name = words, cand.name or entity.name
                entity.reference = self._reference(words)
            cand.rule = cand.rule if cand.kind == "person" and len(words) == len(entity.words) else \
                f"{'person' if cand.kind == 'proper' else cand.rule}+name-coref"
        entity.aliases.append(cand.name or "")
        cand.kind = "person"
        if not entity.fixed:
            entity.country = entity.country or cand.country
            entity.sector = entity.sector or cand.sector
        entity.title = entity.title or cand.title
        entity.title_words = entity.title_words or cand.title_words
        entity.rank = entity.rank or cand.rank
        entity.organisation = entity.organisation or cand.organisation
        return entity

    def _dated_code(self, cand: Candidate) -> None:
        """A dictionary actor takes the code valid on the publication date ("[HOBGOV 19950601-19990815]")."""
        role = self.directory.code_on(cand.name or "", self.published) if self.directory is not None else None
        if role is not None and (role.country or role.sector):
            cand.country, cand.sector = role.country, role.sector
            cand.countries = [role.country] if role.country else []

    def _named_organisation(self, cand: Candidate) -> bool:
        """An unknown name the parser tags as an organisation ("ICE", "USAID") stays, without a code."""
        head = self.sdoc[cand.head]
        if (head.ent_type_ != "ORG" and not is_acronym(head)) or not any(ch.isupper() for ch in head.text):
            return False
        if head.lower_ in self.tables.documents:
            return False  # "the Defence Cooperation Arrangement": a document, no actor
        if cand.end - cand.start == 1 and head.is_upper and head.i > 0 and \
                (self.sdoc[head.i - 1].like_num or self.sdoc[head.i - 1].ent_type_ in ("TIME", "DATE")):
            return False  # a time zone after a clock time: "1300 GMT", "4 p.m. EST"
        start = cand.start
        if start > 0 and self.sdoc[start - 1].lower_ == "the" and self.sdoc[start - 1].head.i == cand.head:
            start -= 1
        cand.start, cand.kind, cand.rule = start, "organisation", "organisation-ner"
        return True

    def _new_person(self, cand: Candidate, words: tuple[str, ...]) -> Entity:
        entity = Entity(person_actor_id(slug(" ".join(words))), "person", cand.name or " ".join(words), words,
                        self._reference(words))
        if self.directory is not None:
            found = self.directory.person(cand.name or "", self.published)
            if found is not None:
                entity.country, entity.sector, actor_id = found
                entity.actor_id = actor_id or entity.actor_id
                entity.fixed = True
                cand.rule += f"+{DICTIONARY_RULE}"
        self.persons.append(entity)
        return entity

    def _reference(self, words: tuple[str, ...]) -> str:
        if len(words) >= 2 and words[0] in self.tables.given_last:
            return words[-1]
        if len(words) >= 2 and words[0] in self.tables.family_first:
            return words[0]
        return words[-1]

    def _match(self, words: tuple[str, ...]) -> Entity | None:
        best, best_score = None, 0
        for order, entity in enumerate(self.persons):
            if entity.words == words:
                score = 4
            elif len(words) == 1 and words[0] == entity.reference:
                score = 3
            elif len(words) == 1 and words[0] in entity.words:
                score = 2
            elif len(words) > 1 and (_contains(entity.words, words) or _contains(words, entity.words)):
                score = 2
            else:
                continue
            if score >= best_score:  # later entities win ties: the most recent
                best, best_score = entity, score
        return best

    def _by_title(self, cand: Candidate) -> Entity | None:
        wanted = set(cand.title_words) - {"the", "a", "an"}
        if not wanted:
            return None
        for entity in reversed(self.persons):
            if wanted <= set(entity.title_words) and (cand.country is None or cand.country == entity.country) \
                    and (not cand.countries or entity.country in cand.countries):
                # "the Egyptian ambassador" is not an ambassador of no state or of another
                return entity
        return None

    def _fill_from(self, cand: Candidate, entity: Entity) -> None:
        cand.kind = "person"
        cand.actor_id = entity.actor_id
        cand.name = entity.name
        cand.country = entity.country if entity.fixed else (entity.country or cand.country)
        cand.sector = entity.sector if entity.fixed else (entity.sector or cand.sector)
        cand.title = cand.title or entity.title
        cand.rank = cand.rank or entity.rank
        cand.organisation = cand.organisation or entity.organisation
        cand.title_words = cand.title_words or entity.title_words

    # -- delegations -----------------------------------------------------------------
    def _abbreviations(self, cands: list[Candidate]) -> None:
        """An abbreviation in brackets after a name whose letters it takes is that name: "the Central
        African Republic (CAR)", not "CAIRO (AP)"; later uses of the abbreviation in the article are too."""
        defined: dict[str, Candidate] = {}
        ordered = sorted(cands, key=lambda c: c.start)
        for before, cand in zip(ordered, ordered[1:]):
            words = self.sdoc[cand.start:cand.end]
            if cand.end - cand.start == 1 and words.text.isupper() and len(words.text) >= 2 \
                    and cand.start >= 1 and self.sdoc[cand.start - 1].text == "(" \
                    and before.end == cand.start - 1 and before.country and not cand.country \
                    and spells(words.text, self.sdoc[before.start:before.end].text):
                defined[words.text] = before
        if not defined:
            return
        for cand in ordered:
            if cand.country:
                continue
            words = self.sdoc[cand.start:cand.end]
            full = defined.get(words.text)
            if full is not None and cand.kind in ("organisation", "proper", "country"):
                cand.country, cand.sector, cand.name = full.country, full.sector, full.name
                cand.kind, cand.actor_id = full.kind, full.actor_id
                cand.rule += "+abbreviation"
            elif cand.kind in ("group", "title", "organisation") and (
                    inner := next((defined[t.text] for t in words if t.text in defined), None)):
                cand.country = inner.country  # "CAR officials"
                cand.rule += "+abbreviation"

    def _delegations(self, cands: list[Candidate], by_head: dict[int, Candidate]) -> None:
        leaders: dict[str, Entity] = {}
        for entity in self.persons:
            if entity.country and entity.sector:
                leaders.setdefault(entity.country, entity)
        peers: dict[int, list[Candidate]] | None = None  # people with a sector, by sentence, last first
        for cand in cands:
            if cand.rule != DELEGATION_RULE:
                continue
            tok = self.sdoc[cand.head]
            if tok.dep_ == "dobj" and tok.head.lemma_.lower() in self.tables.lead_verbs:
                subject = next((by_head.get(c.i) for c in tok.head.children if c.dep_ in _SUBJECT), None)
                if subject is not None and subject.kind == "person":
                    cand.country = cand.country or subject.country
                    if cand.sector_from_leader:
                        cand.sector = subject.sector
                    cand.rule += "+led-by"
                    continue
            if cand.sector_from_leader and tok.lemma_.lower() == "counterpart":
                # "Defence Minister X and his Australian counterpart": the counterpart holds X's office
                if peers is None:
                    peers = _by_sentence(c for c in sorted(cands, key=lambda c: -c.head) if c.kind == "person"
                                         and c.sector)
                peer = next((c for c in peers.get(cand.sentence, ()) if c.head < cand.start), None)
                if peer is not None:
                    cand.sector = peer.sector
                    cand.rule += f"+{COUNTERPART_STEP}-sector"
                    continue
            if cand.sector_from_leader:
                leader = leaders.get(cand.country) if cand.country else None
                cand.sector = leader.sector if leader else self.tables.delegation_default
                cand.rule += "+leader-sector" if leader else "+default-sector"

    def _named_counterparts(self, cands: list[Candidate], owner: dict[int, Entity]) -> None:
        """"his Australian counterpart Richard Marles": the person named in a counterpart or
        delegation phrase is of its state and sector, here and in later mentions."""
        groups = [c for c in cands if c.rule.startswith(DELEGATION_RULE) and c.country]
        states: dict[int, tuple[str, Candidate]] = {}  # "his Egyptian and Cypriot counterparts A and B": in turn
        for group in (c for c in cands if c.rule.startswith(DELEGATION_RULE) and not c.country and len(c.countries) > 1):
            named = sorted((c for c in cands if c.kind == "person" and not c.country and id(c) in owner
                            and group.start <= c.start and c.end <= group.end), key=lambda c: c.start)
            if len(named) == len(group.countries):
                states.update((id(person), (state, group)) for person, state in zip(named, group.countries))
        for cand in cands:
            if cand.kind != "person" or cand.country or id(cand) not in owner:
                continue
            group = next((g for g in groups if g.start <= cand.start and cand.end <= g.end), None)
            country = group.country if group is not None else states.get(id(cand), (None, None))[0]
            group = group or states.get(id(cand), (None, None))[1]
            if group is None:
                continue
            entity = owner[id(cand)]
            if entity.fixed:
                continue
            entity.country, entity.sector = country, entity.sector or group.sector
            for other in cands:
                if owner.get(id(other)) is entity:
                    other.country, other.sector = entity.country, other.sector or entity.sector
            cand.rule += f"+{COUNTERPART_STEP}"

    # -- pronouns --------------------------------------------------------------------
    def _pronouns(self, cands: list[Candidate]) -> None:
        ordered = sorted((c for c in cands if c.kind != "pronoun"), key=lambda c: c.head)
        pools = {"person": _by_sentence(c for c in ordered if c.kind == "person"),
                 # "they": a group, or a body ("the Houthis said they ...")
                 "group": _by_sentence(c for c in ordered if c.kind in ("group", "organisation")),
                 "other": _by_sentence(c for c in ordered if c.kind in ("country", "organisation"))}
        for cand in cands:
            if cand.kind != "pronoun":
                continue
            pool = pools["person" if cand.rule == "pronoun-person" else
                         "group" if cand.rule == "pronoun-group" else "other"]
            target = self._antecedent(cand, pool)
            if target is None:
                continue
            for attr in ("country", "sector", "name", "title", "rank", "organisation", "actor_id"):
                setattr(cand, attr, getattr(target, attr))
            if target.actor_id is None:
                cand.actor_id = _actor_id(target)
            cand.rule += "+antecedent"

    def _antecedent(self, pronoun: Candidate, pool: dict[int, list[Candidate]]) -> Candidate | None:
        """The mention ``pronoun`` stands for, from ``pool`` (candidates by sentence, in text order)."""
        def before(sentence: int) -> list[Candidate]:
            return [c for c in pool.get(sentence, ()) if c.head < pronoun.head and not c.start <= pronoun.head < c.end
                    and not self._audience(c, pronoun)]

        same = before(pronoun.sentence)
        if same:
            return min(same, key=lambda c: (self._subject_rank(c) > 1, -c.head))
        for back in range(1, 4):
            prior = before(pronoun.sentence - back)
            if prior:
                return min(prior, key=lambda c: (self._subject_rank(c), c.head))
        return None

    def _audience(self, cand: Candidate, pronoun: Candidate) -> bool:
        """"told reporters that they would investigate": the audience a verb tells what its clause
        says (``audience_sectors``) is not the subject of that clause."""
        tok, said = self.sdoc[cand.head], self.sdoc[pronoun.head]
        if cand.sector not in self.tables.audience_sectors or tok.dep_ not in ("dobj", "dative", "iobj"):
            return False
        return any(c.dep_ == "ccomp" and c.left_edge.i <= said.i <= c.right_edge.i for c in tok.head.children)

    def _subject_rank(self, cand: Candidate) -> int:
        tok = self.sdoc[cand.head]
        if tok.dep_ in _SUBJECT and tok.head.dep_ == "ROOT":
            return 0
        if tok.dep_ in _SUBJECT:
            return 1
        return 2


def _by_sentence(cands: Iterable[Candidate]) -> dict[int, list[Candidate]]:
    grouped: dict[int, list[Candidate]] = {}
    for cand in cands:
        grouped.setdefault(cand.sentence, []).append(cand)
    return grouped


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return n > 0 and any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def _actor_id(cand: Candidate) -> str:
    if cand.kind == "country":
        return state_actor_id(cand.country, cand.sector)
    if cand.kind == "organisation" and cand.rule == "body-name" and cand.country:
        return f"body:{cand.country}"
    if cand.kind == "person":
        return person_actor_id(slug(cand.name or ""))
    prefix = {"organisation": "org", "group": "group", "title": "title"}.get(cand.kind, cand.kind)
    parts = [cand.country.lower()] if cand.country else []
    if cand.kind == "group" and cand.sector:
        parts.append(cand.sector.lower())
    parts.append(slug(cand.name or ""))
    return f"{prefix}:" + "-".join(p for p in parts if p)

