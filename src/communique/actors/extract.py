"""Find actor mentions in a parsed document: states, bodies, people, organisations, groups, pronouns.

Extraction works per noun-phrase head on the dependency parse, helped by one gazetteer scan
(:mod:`.gazetteer`). Resolution across mentions (who "Shao" or "he" is) happens in :mod:`.resolve`.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Callable

from ..nlp.entities import entity_of
from .gazetteer import Gazetteer, Hit, Term
from .kinds import BOTH_SIDES_RULE, DELEGATION_RULE, DICTIONARY_RULE
from .names import norm_phrase, norm_word
from .tables import Tables

STATE_CATEGORIES = ("country", "demonym", "prefix", "capital", "metonym", "body", "actor")
_SPAN_STOP = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "mark", "aux", "auxpass",
                        "nsubj", "dobj", "dep"})
_NAME_POS = frozenset({"PROPN"})


def _owns_a_thing(tok, hit_at: dict[int, Hit]) -> bool:
    """A body named as the modifier of a thing is a mention of its own: "an Afghan government offer",
    "a police station" (not "government forces", "police officers": the body's own people)."""
    hit = hit_at.get(tok.i)
    body = hit.first("organisation") if hit is not None and hit.end == tok.i + 1 else None
    head = tok.head
    return body is not None and body.sector != "MED" and head.pos_ == "NOUN" and head.i not in hit_at \
        and tok.i < head.i  # (but "media reports", "social media users" name a medium, not a body)


def _name_hyphen(tok) -> bool:
    """A hyphen inside a person's name, with no space on either side: "Jong-un", "Nak-yon"."""
    return tok.text == "-" and tok.whitespace_ == "" and tok.i > 0 and tok.doc[tok.i - 1].whitespace_ == "" \
        and tok.ent_type_ == "PERSON" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].ent_type_ == "PERSON"




class _StateIndex:
    """The state mentions of one parsed document ``doc``, in order of their first token, looked up
    by where they start."""

    def __init__(self, states: list[Candidate], doc) -> None:
        self.doc = doc
        self.states = sorted(states, key=lambda c: c.start)
        self.starts = [c.start for c in self.states]

    def starting(self, lo: int, hi: int) -> list[Candidate]:
        """The states with ``lo <= start < hi``, in order."""
        return self.states[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]


@dataclass
class Candidate:
    """A mention before resolution; token indices are half-open ``[start, end)``."""

    start: int
    end: int
    head: int
    kind: str  # person | organisation | country | group | pronoun | title | proper
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    title: str | None = None
    rank: str | None = None
    organisation: str | None = None
    rule: str = ""
    name_tokens: list[str] = field(default_factory=list)  # surface words of a person's name
    title_words: tuple[str, ...] = ()
    countries: list[str] = field(default_factory=list)  # every country named inside the span
    sector_from_leader: bool = False  # a delegation-like group whose sector follows its leader
    actor_id: str | None = None
    sentence: int = 0


class Extractor:
    """Turns one spaCy ``Doc`` into mention candidates."""

    def __init__(self, tables: Tables, gazetteer: Gazetteer,
                 known_person: Callable[[str], bool] = lambda name: False,
                 person_state: Callable[[str], str | None] = lambda name: None) -> None:
        self.known_person = known_person
        self.person_state = person_state
        self.tables = tables
        self.gazetteer = gazetteer
        self.keywords = tables.keywords
        self.max_keyword = max((len(k) for _, words in tables.keywords for k in words), default=1)
        self._member_keys = [norm_phrase(m) for m in tables.member_terms]

    # -- entry point -------------------------------------------------------------------
    def __call__(self, sdoc) -> list[Candidate]:
        hits = self.gazetteer.scan(sdoc)
        hit_at: dict[int, Hit] = {}
        for hit in hits:
            for i in range(hit.start, hit.end):
                hit_at[i] = hit
        states = self._state_mentions(sdoc, hits)
        state_at = {c.head: c for c in states}
        nested = _StateIndex(states, sdoc)
        phrases = []
        for tok in sdoc:
            cand = self._phrase(tok, hit_at, nested)
            if cand is not None:
                phrases.append(cand)
        self._split_coordinated_groups(phrases, state_at)
        out = states + phrases
        sent_of = _sentence_index(sdoc)
        for c in out:
            c.sentence = sent_of[c.head]
        out.sort(key=lambda c: (c.start, -c.end))
        return out

    # -- states and bodies -----------------------------------------------------------
    def _state_mentions(self, sdoc, hits: list[Hit]) -> list[Candidate]:
        out = []
        for hit in hits:
            term = hit.first(*STATE_CATEGORIES)
            if term is None:
                continue
            head = _hit_head(sdoc, hit)
            tok = sdoc[head]
            if term.category in ("country", "demonym", "capital") and _inside_person_name(sdoc, hit) \
                    and not (term.category == "demonym" and _opens_entity(sdoc, hit)):
                continue  # (a demonym opening a "person" is the tagger's: "Kenyan Defence Cabinet Secretary X")
            if term.category == "prefix" and not (hit.end < len(sdoc) and sdoc[hit.end].text in "-–"):
                continue
            if term.category in ("country", "capital", "metonym", "body") and self._locative(tok):
                continue
            if term.category == "capital" and not self._actor_role(tok):
                continue
            if term.category == "demonym" and (any(c.lower_ == "ethnic" for c in tok.children)
                                               or _people_living_elsewhere(tok)):
                # "ethnic Albanians in Serbia": a people, of the state where it lives, not the state
                out.append(Candidate(tok.left_edge.i if sdoc[tok.left_edge.i].lower_ == "ethnic" else hit.start,
                                     hit.end, head, "group", sector="CVL", name=f"ethnic {tok.text}",
                                     rule="ethnic-group"))
                continue
            out.append(self._state_candidate(sdoc, hit, head, term))
        return out

    def _state_candidate(self, sdoc, hit: Hit, head: int, term: Term) -> Candidate:
        start = hit.start
        if start > 0 and sdoc[start - 1].lower_ == "the" and (term.category in ("metonym", "body")
                                                              or sdoc[start - 1].head.i == head):
            start -= 1  # "the White House", "the United States", "the Palestinians"
        kind = "organisation" if term.category == "body" else "country"
        rule = {"country": "country-name", "demonym": "demonym", "prefix": "combining-form",
                "capital": "capital-metonym", "metonym": "seat-metonym", "body": "body-name",
                "actor": DICTIONARY_RULE}[term.category]
        if term.category == "actor" and term.entry is not None:
            kind = "person" if sdoc[head].ent_type_ == "PERSON" else term.entry.kind
        country = term.code
        return Candidate(start, hit.end, head, kind, country=country, sector=term.sector, name=term.name,
                         rule=rule, countries=[country] if country else [],
                         name_tokens=term.name.split() if kind == "person" else [],
                         actor_id=term.entry.actor_id if term.category == "actor" and term.entry else None)

    def _effective(self, tok):
        while tok.dep_ in ("conj", "appos") and tok.head != tok:
            tok = tok.head
        return tok

    def _locative(self, tok) -> bool:
        tok = self._effective(tok)
        while tok.dep_ == "compound" and tok.head != tok:
            tok = tok.head
        return tok.dep_ == "pobj" and tok.head.lower_ in self.tables.locative_preps

    def _actor_role(self, tok) -> bool:
        tok = self._effective(tok)
        if tok.dep_ not in self.tables.actor_roles:
            return False
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in self.tables.movement_verbs:
            return False
        if tok.dep_ == "compound":
            return False
        return True

    # -- noun phrases ----------------------------------------------------------------
    def _phrase(self, tok, hit_at: dict[int, Hit], states: _StateIndex) -> Candidate | None:
        if tok.is_space or tok.is_punct:
            return None
        lower = tok.lower_
        if tok.pos_ == "PRON":
            for group, words in self.tables.pronouns.items():
                if lower in words:
                    return Candidate(tok.i, tok.i + 1, tok.i, "pronoun", rule=f"pronoun-{group}")
            return None
        if tok.pos_ not in ("NOUN", "PROPN") or (tok.dep_ == "compound" and not _owns_a_thing(tok, hit_at)):
            return None
        hit = hit_at.get(tok.i)
        if hit is not None and hit.first(*STATE_CATEGORIES) and not _is_person_token(tok, hit):
            return None  # already a state or body mention
        person = self._person(tok, hit_at, states)
        if person is not None:
            return person
        both = self._both_sides(tok)
        if both is not None:
            return both
        if hit is not None and tok.left_edge.i <= hit.start and hit.end - 1 <= tok.right_edge.i:
            term = hit.first("title", "organisation", "group")
            if term is not None:
                return self._role_phrase(tok, hit, term, hit_at, states)
        org_sector = self.tables.org_heads.get(norm_word(tok.text)) or self.tables.org_heads.get(tok.lemma_.lower())
        if org_sector and ((tok.pos_ == "PROPN" and tok.text[:1].isupper()) or any(
                c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == tok.i - 1 for c in tok.children)):
            return self._named_org(tok, org_sector, hit_at, states)  # "the Islamic Jihad movement"
        if lower in self.tables.delegation_terms or tok.lemma_.lower() in self.tables.delegation_terms:
            return self._delegation(tok, hit_at, states)
        if self._member_head(tok) and (cand := self._members(tok, states)) is not None:
            return cand
        # (a name the tagger takes for a place may still be a person named earlier: "Marles said")
        if (tok.pos_ == "PROPN" or is_acronym(tok)) and tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "") \
                and hit is None:  # ("ICE returned ...": an acronym the tagger takes for a common noun)
            start = self._name_start(tok, hit_at)
            words = [t.text for t in tok.doc[start:tok.i + 1]]
            return Candidate(start, tok.i + 1, tok.i, "proper", name=" ".join(words), name_tokens=words,
                             rule="proper-name")
        return None

    def _span(self, tok, person: bool) -> tuple[int, int]:
        """Token range of the full noun phrase headed by ``tok`` (no conjuncts, no clauses)."""
        start = tok.i
        for child in tok.lefts:
            if child.dep_ in ("cc", "conj", "preconj", "punct"):
                continue
            start = min(start, child.left_edge.i)
        end = tok.i
        # a conjunct ends the phrase: "X and Japanese Vice Minister Y co-chaired" (a misparsed
        # apposition after it must not pull the conjunct in)
        stop = min((c.i for c in tok.rights if c.dep_ in ("cc", "conj")), default=len(tok.doc))
        for child in tok.rights:
            if child.i > stop:
                break
            if child.dep_ == "appos" or (child.dep_ == "prep" and self._keeps_prep(tok, child, person)):
                end = max(end, _right_edge(child))
            elif child.dep_ == "punct" and child.text in ")]" and end >= child.i - 2:
                end = max(end, child.i)
        doc = tok.doc
        while end + 2 < len(doc) and _name_hyphen(doc[end + 1]):
            end += 2  # "Prime Minister Lee Nak-yon": the parser may stop a name at its hyphen
        while end > tok.i and (doc[end].is_punct and doc[end].text not in ")]" or doc[end].is_space):
            end -= 1
        if doc[end].text in ")]" and "(" not in doc[start:end].text and "[" not in doc[start:end].text:
            end -= 1
        while start < tok.i and (doc[start].is_punct or doc[start].is_space):
            start += 1
        return start, end + 1

    def _keeps_prep(self, head, prep, person: bool) -> bool:
        if person:
            return False
        if prep.lower_ == "of":
            return True
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        return head.pos_ == "PROPN" and bool(objects) and objects[0].pos_ == "PROPN" and prep.i == head.i + 1

    # -- people ------------------------------------------------------------------------
    def _name_start(self, tok, hit_at: dict[int, Hit]) -> int:
        """Leftmost token of the proper-name chain ending at ``tok``."""
        start = tok.i
        doc = tok.doc
        while start - 1 >= 0:
            prev = doc[start - 1]
            if _name_hyphen(prev) and start - 2 >= 0 and doc[start - 2].pos_ in _NAME_POS:
                start -= 2  # "Kim Jong-un", "Lee Nak-yon": one name across the hyphen
                continue
            if prev.pos_ not in _NAME_POS or prev.i in hit_at or prev.whitespace_ == "" and prev.text == "-":
                break
            if prev.dep_ not in ("compound", "flat", "nmod", "nsubj") and prev.head.i != tok.i:
                break
            if tok.i - prev.i >= 4:
                break
            start -= 1
        return start

    def _person(self, tok, hit_at: dict[int, Hit], states: _StateIndex) -> Candidate | None:
        named = tok.pos_ == "PROPN" or (tok.text[:1].isupper() and (  # "Marles", "Trump" tagged as nouns
            tok.ent_type_ == "PERSON" or self.known_person(tok.text))) \
            or (tok.ent_type_ == "PERSON" and tok.i > 0 and _name_hyphen(tok.doc[tok.i - 1]))  # "Moon Jae-in"
        if not named or tok.i in hit_at and not _is_person_token(tok, hit_at[tok.i]):
            return None
        doc = tok.doc
        if tok.i + 1 < len(doc) and _name_hyphen(doc[tok.i + 1]):
            return None  # "Moon Jae-in": the name goes on after "Jae"
        name_start = self._name_start(tok, hit_at)
        before = doc[name_start - 1] if name_start > 0 else None
        cue = hit_at.get(before.i) if before is not None else None
        cue_term = cue.first("rank", "title", "honorific") if cue is not None else None
        posted = None
        if cue_term is None and before is not None and cue is not None and name_start >= 3 \
                and doc[name_start - 2].lower_ == "to" and (posted := hit_at.get(doc[name_start - 3].i)) is not None:
            cue_term = posted.first("title")  # "Ambassador to China Kenji Kanasugi": the post's state between
        words = doc[name_start:tok.i + 1].text.split()  # "Kim Jong-un": the hyphened part is one word
        if tok.ent_type_ != "PERSON" and cue_term is None and not self.known_person(" ".join(words)):
            return None  # (a listed person's name counts whatever the tagger says: "Erdogan" as GPE)
        if any(ch.isdigit() for w in words for ch in w):
            return None  # no one's name has digits: "COVID-19" is a disease
        start, end = self._span(tok, person=True)
        start = min(start, name_start)  # the parser may hang the name's first part elsewhere
        cand = Candidate(start, end, tok.i, "person", name=" ".join(words), name_tokens=words,
                         rule="person-ner" if tok.ent_type_ == "PERSON" else
                         f"person-{cue_term.category}" if cue_term is not None else "person-listed")
        self._describe_person(cand, doc, name_start, hit_at, states)
        if posted is not None and cand.country is None:  # "Japanese Ambassador to China X": the title's state
            nationality = [s for s in states.starting(max(0, posted.start - 3), posted.start + 1)
                           if s.country and s.end <= posted.start]
            cand.country = nationality[-1].country if nationality else None
            cand.sector = cand.sector or posted.first("title").sector
        return cand

    def _describe_person(self, cand: Candidate, doc, name_start: int, hit_at, states) -> None:
        """Fill rank, title, country, organisation and sector from the modifiers and appositive."""
        seen: set[int] = set()
        title_hit = None
        for i in list(range(cand.start, name_start)) + list(range(cand.head + 1, cand.end)):
            hit = hit_at.get(i)
            if hit is None or id(hit) in seen:
                continue
            seen.add(id(hit))
            if (term := hit.first("rank")) and cand.rank is None and i < name_start:
                cand.rank = term.name
            elif (term := hit.first("title")) and title_hit is None:
                title_hit = hit
        org_sector = None
        if title_hit is not None:
            start = _extend_prefixes(doc, title_hit.start, self.tables.title_prefixes, floor=cand.start)
            cand.title = doc[start:title_hit.end].text
            cand.title_words = norm_phrase(cand.title)
            title_sector = title_hit.first("title").sector
        else:
            title_sector = None
        appos_start = cand.head + 1
        inner = [s for s in states.starting(cand.start, cand.end + 1) if s.end <= cand.end and s.country]
        # (not the state of a post: "Ambassador to China Kenji Kanasugi" is no Chinese)
        left = [s for s in inner if s.end <= name_start
                and not (s.start >= 2 and doc[s.start - 1].lower_ == "to" and (h := hit_at.get(s.start - 2)) is not None
                         and h.first("title"))]
        right = [s for s in inner if s.start >= appos_start]
        chosen = left or right
        if chosen:
            cand.country = chosen[0].country
        orgs = [hit_at[i] for i in range(appos_start, cand.end) if i in hit_at and hit_at[i].first("organisation")]
        if orgs:
            cand.organisation = doc[orgs[0].start:orgs[0].end].text
            org_sector = orgs[0].first("organisation").sector
        keyword = self.keyword_sector(doc[cand.start:cand.end], skip=(name_start, cand.head + 1))
        rank_sector = None
        if cand.rank:
            rank_sector = next((r.sector for r in self.tables.ranks if r.rank == cand.rank), None)
        if title_sector and title_sector != "GOV":
            cand.sector = title_sector
        elif title_sector == "GOV":
            cand.sector = keyword if keyword in ("MIL", "COP", "SPY", "JUD") else "GOV"
        else:
            cand.sector = keyword or org_sector or rank_sector

    # -- titles, organisations and groups ---------------------------------------------
    def _role_phrase(self, tok, hit: Hit, term: Term, hit_at, states) -> Candidate:
        person = term.category == "title"
        start, end = self._span(tok, person=False)
        span = tok.doc[start:end]
        cand = Candidate(start, end, tok.i, {"title": "title", "organisation": "organisation",
                                             "group": "group"}[term.category], sector=term.sector,
                         rule=f"{term.category}-term")
        self._country_from(cand, states)
        if person:
            tstart = _extend_prefixes(tok.doc, hit.start, self.tables.title_prefixes, floor=start)
            cand.title = tok.doc[tstart:hit.end].text
            cand.title_words = norm_phrase(cand.title)
            cand.name = cand.title
            if term.sector == "GOV":
                kw = self.keyword_sector(span)
                if kw in ("MIL", "COP", "SPY", "JUD"):
                    cand.sector = kw
        else:
            kw = self.keyword_sector(span)
            if term.category == "organisation" and kw:
                cand.sector = kw
            elif term.category == "group" and term.sector in STATE_SERVANTS and kw in STATE_SERVANTS - {"GOV"}:
                cand.sector = kw  # "coast guard officers", "defence officials": the service they serve in
            elif term.category == "group" and term.sector == "CVL" \
                    and (service := self.keyword_sector(tok.doc[start:tok.i])) in ("MIL", "COP"):
                cand.sector = service  # "Indian Navy ships", "coast guard boats": craft of a service
            cand.name = _strip_determiners(tok.doc[_name_left(tok, hit, start, states):hit.end]).text
        if term.category == "group" or cand.sector == "UAF":
            # a named body's people are of its sector: "Hamas leaders" (REB), "Taliban attackers" (not
            # unidentified), "UN officials" (IGO)
            body = next((t for i in range(start, hit.start) if (h := hit_at.get(i)) is not None
                         for t in h.terms if t.category == "body" and t.sector), None)
            if body is not None:
                cand.sector = body.sector
        return cand

    def _named_org(self, tok, sector: str, hit_at, states) -> Candidate:
        start, end = self._span(tok, person=False)
        doc = tok.doc
        name_start = start
        while name_start < tok.i and (not doc[name_start].text[:1].isupper()
                                      or (name_start in hit_at and hit_at[name_start].first(*STATE_CATEGORIES))
                                      or doc[name_start].lower_ in ("the", "’s", "'s")):
            name_start += 1
        cand = Candidate(start, end, tok.i, "organisation", sector=sector, rule="organisation-name")
        cand.name = doc[name_start:end].text
        cand.sector = self.keyword_sector(doc[start:end]) or sector
        self._country_from(cand, states)
        return cand

    def _delegation(self, tok, hit_at, states) -> Candidate:
        start, end = self._span(tok, person=False)
        span = tok.doc[start:end]
        cand = Candidate(start, end, tok.i, "group", rule=DELEGATION_RULE)
        self._country_from(cand, states)
        cand.sector = self.keyword_sector(span)
        cand.sector_from_leader = cand.sector is None
        cand.name = _strip_determiners(span).text
        return cand

    def _both_sides(self, tok) -> Candidate | None:
        heads = self.tables.both_heads
        if tok.lower_ not in heads:
            return None
        if not any(c.lower_ in self.tables.both_quantifiers for c in tok.children if c.dep_ in ("det", "nummod", "predet")):
            return None
        start, end = self._span(tok, person=False)
        return Candidate(start, end, tok.i, "group", sector=heads[tok.lower_], name="both sides",
                         rule=BOTH_SIDES_RULE, actor_id="group:both-sides")

    def _member_head(self, tok) -> bool:
        words = norm_phrase(tok.doc[max(tok.i - 1, 0):tok.i + 1].text)
        return any(words[-len(key):] == key for key in self._member_keys)

    def _members(self, tok, states) -> Candidate | None:
        start, end = self._span(tok, person=False)
        inner = [s for s in states.starting(start, end + 1)
                 if s.end <= end and s.kind == "organisation" and s.country]
        if not inner:
            return None
        return Candidate(start, end, tok.i, "group", country=inner[0].country, sector=None,
                         name=_strip_determiners(tok.doc[start:end]).text, rule="members-of-body")

    def _country_from(self, cand: Candidate, states: _StateIndex) -> None:
        """The group's country from the states named inside it, but not from a destination or
        counterpart ("a team of paratroopers to Lebanon", "talks with China")."""
        codes = [s.country for s in states.starting(cand.start, cand.end + 1) if s.end <= cand.end and s.country
                 and not self._directional(s, states.doc) and not self._stance_prefixed(s, states.doc)]
        if not codes and cand.kind == "organisation":
            # "a Cairo court", "Baghdad University": a capital naming the body's seat
            codes = [t.code for tok in states.doc[cand.start:cand.head] if tok.dep_ == "compound"
                     and tok.pos_ == "PROPN" for t in self.gazetteer.lookup(tok.text)
                     if t.category == "capital" and t.code]
            # "the Bush administration": the state of the listed leader it is named after
            codes += [code for tok in states.doc[cand.start:cand.head] if tok.dep_ == "compound"
                      and tok.pos_ == "PROPN" and (code := self.person_state(tok.text))]
        cand.countries = list(dict.fromkeys(codes))
        if len(cand.countries) == 1:
            cand.country = cand.countries[0]
        elif cand.kind == "title":  # "the Egyptian ambassador Sudan (protest)": the state before the title word
            before = {s.country for s in states.starting(cand.start, cand.head) if s.end <= cand.head and s.country
                      and not self._directional(s, states.doc) and not self._stance_prefixed(s, states.doc)}
            if len(before) == 1:
                cand.country = before.pop()

    def _stance_prefixed(self, state: Candidate, doc) -> bool:
        """An "anti-Syria journalist" or a "pro-Iranian group" is not of that state."""
        if state.start < 2:
            return False
        return doc[state.start - 1].text == "-" and doc[state.start - 2].lower_ in self.tables.stance_prefixes

    def _directional(self, state: Candidate, doc) -> bool:
        """The state is named after a preposition of where an act is directed ("troops to Mali")."""
        tok = doc[state.head]
        return tok.dep_ == "pobj" and tok.head.lower_ in self.tables.directional_preps

    def _split_coordinated_groups(self, phrases: list[Candidate], state_at: dict[int, Candidate]) -> None:
        """"the Chinese and Vietnamese militaries": each demonym stands for its country's group."""
        for cand in phrases:
            if cand.kind not in ("group", "organisation") or len(cand.countries) < 2:
                continue
            for state in state_at.values():
                if cand.start <= state.start < cand.head and state.kind == "country" and state.sector is None:
                    state.sector = cand.sector
                    state.rule = f"{state.rule}+coordinated-{cand.kind}"

    def keyword_sector(self, span, skip: tuple[int, int] | None = None) -> str | None:
        """The first sector (in priority order) whose keyword occurs in ``span``."""
        words = [norm_word(t.text) for t in span if not t.is_punct and not (skip and skip[0] <= t.i < skip[1])]
        grams = {tuple(words[i:i + n]) for n in range(1, self.max_keyword + 1) for i in range(len(words) - n + 1)}
        for sector, keys in self.keywords:
            if grams & keys:
                return sector
        return None


STATE_SERVANTS = frozenset({"GOV", "MIL", "COP", "SPY"})  # sectors of officials, officers and troops


def _sentence_index(sdoc) -> list[int]:
    index = [0] * len(sdoc)
    for n, sent in enumerate(sdoc.sents):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index


def _hit_head(sdoc, hit: Hit) -> int:
    for i in range(hit.start, hit.end):
        head = sdoc[i].head.i
        if not hit.start <= head < hit.end or head == i:
            return i
    return hit.end - 1


def _inside_person_name(sdoc, hit: Hit) -> bool:
    tok = sdoc[hit.start]
    if tok.ent_type_ != "PERSON":
        return False
    ent = entity_of(tok)
    return ent is not None and (ent.start, ent.end) != (hit.start, hit.end)


def _opens_entity(sdoc, hit: Hit) -> bool:
    ent = entity_of(sdoc[hit.start])
    return ent is not None and ent.start == hit.start


def _is_person_token(tok, hit: Hit) -> bool:
    return tok.ent_type_ == "PERSON" and hit.first("actor") is not None


def _right_edge(tok) -> int:
    end = tok.i
    for child in tok.rights:
        if child.dep_ in _SPAN_STOP:
            continue
        end = max(end, _right_edge(child))
    return end


def _extend_prefixes(doc, start: int, prefixes: set[str], floor: int) -> int:
    while start - 1 >= floor and doc[start - 1].lower_ in prefixes:
        start -= 1
    return start


def _name_left(tok, hit: Hit, floor: int, states: _StateIndex) -> int:
    """Start of an organisation's own name: capitalised words before the matched term, no demonyms."""
    start = hit.start
    doc = tok.doc
    taken = {i for s in states.starting(floor, hit.start) for i in range(s.start, s.end)}
    while (start - 1 >= floor and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper()
           and start - 1 not in taken):
        start -= 1
    return start


def _strip_determiners(span):
    doc = span.doc
    start = span.start
    while start < span.end - 1 and (doc[start].pos_ in ("DET", "PART", "PUNCT", "NUM")
                                     or doc[start].dep_ in ("det", "poss", "case")):
        start += 1
    return doc[start:span.end]


def _people_living_elsewhere(tok) -> bool:
    """A people named with the place it lives in ("the Albanians of southern Serbia", "Turks in
    Bulgaria"): an ethnic group of that state, as "ethnic Albanians in Serbia" is."""
    if tok.tag_ not in ("NNS", "NNPS"):
        return False
    return any(c.dep_ == "prep" and c.lower_ in ("in", "of") and any(
        p.dep_ == "pobj" and p.ent_type_ in ("GPE", "LOC") for p in c.children) for c in tok.children)


def is_acronym(tok) -> bool:
    """An all-capital word of two to six letters in a sentence not printed in capitals ("ICE",
    "USAID"): the short name of a body, whatever the tagger makes of it."""
    text = tok.text
    if not (text.isalpha() and text.isupper() and 2 <= len(text) <= 6):
        return False
    letters = [t.text for t in tok.sent if t.is_alpha]
    return sum(w.isupper() for w in letters) * 2 < len(letters)
