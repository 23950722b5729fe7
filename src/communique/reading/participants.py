"""The participants of an article: each person and body, with the state and sector the whole
article gives it.

A sentence often names a person without his state ("Marape said"), or a body without its
("the foreign ministry"). News writing gives it elsewhere: in the title before the name
("Philippine President X"), in the office set beside it ("X's defence minister, Y"), in a counterpart
phrase ("his Japanese counterpart Y"), in the body the person speaks for, in an earlier mention,
and failing all of these in the dateline city or the outlet's own country. The office also gives
the sector: a defence minister is of the military (MIL), a foreign ministry of the government (GOV).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .. import data_files
from ..actors.kinds import from_dictionary, through_counterpart
from ..records import Basis, Document, Mention, Participant

PARTY_KINDS = ("person", "organisation", "group")
# Bodies of a state that a bare "the ministry" or "the foreign ministry" stands for: read from the
# dateline or the outlet when the article never says whose they are.
STATE_BODY_SECTORS = ("GOV", "MIL", "COP", "SPY", "LEG", "JUD")
NEAR = 3  # characters between an office and the name set beside it (", " or " ")


# Signals of a participant's state that say nothing of the person: any reading of him outranks them.
WEAK_BASES = (Basis.HEADLINE, Basis.DATELINE, Basis.OUTLET)


def read_participants(doc: Document, home: str | None = None, dateline: str | None = None,
                      headline: str | None = None) -> list[Participant]:
    """The article's participants in order of first mention. ``headline`` is the state the
    headline has acting, ``dateline`` the dateline city's and ``home`` the outlet's home country:
    in that order, the weakest signals of the state of an official or body the article never places."""
    found: dict[str, Participant] = {}
    titles = [m for m in doc.mentions if m.kind == "title" and (m.actor_id or "").startswith("title:")]
    titles_in: dict[int, list[Mention]] = {}  # by sentence
    for t in titles:
        titles_in.setdefault(t.sentence, []).append(t)
    for m in doc.mentions:
        if m.kind not in PARTY_KINDS or not m.actor_id or m.actor_id.startswith("group:both"):
            continue
        p = found.get(m.actor_id)
        if p is None:
            p = found[m.actor_id] = Participant(actor_id=m.actor_id, kind=m.kind, name=m.name or m.text,
                                                first_mention=m.mention_id, first_sentence=m.sentence)
        p.mentions.append(m.mention_id)
        if m.country and p.country is None:
            p.country, p.country_basis = m.country, _basis(m, p)
        if m.sector and p.sector is None:
            p.sector, p.sector_basis = m.sector, _basis(m, p)
        p.title = p.title or m.title
        if m.kind == "person":
            _office(p, m, titles_in.get(m.sentence, []))
    ordered = list(found.values())
    by_id = {m.mention_id: m for m in doc.mentions}
    for p in ordered:
        if p.country is None and p.kind == "person":
            _from_body(p, doc, by_id)
        if p.country is None and p.kind == "person" and p.title:
            _from_earlier_office(p, titles, by_id)
        if p.country is None and p.kind == "person":
            _from_listed_colleague(p, doc, by_id)
    named = {m.country for m in doc.mentions if m.kind == "country" and m.country}
    for p in ordered:
        if p.country is None and p.kind in ("person", "organisation") and _of_a_state(p):
            # (only a state the article names, as the headline does: a dateline abroad or a wire's
            # home says nothing else)
            basis, fallback = next(((b, c) for b, c in ((Basis.HEADLINE, headline), (Basis.DATELINE, dateline),
                                                        (Basis.OUTLET, home))
                                   if c in named or (c and b == Basis.HEADLINE)), (None, None))
            if fallback:
                p.country, p.country_basis = fallback, basis
    return ordered


def _basis(m: Mention, p: Participant) -> Basis:
    if from_dictionary(m):
        return Basis.TABLE
    if through_counterpart(m):
        return Basis.COUNTERPART
    return Basis.OWN_WORDS if m.mention_id == p.first_mention else Basis.EARLIER


def _office(p: Participant, m: Mention, titles: list[Mention]) -> None:
    """An office set beside the name holds it: "Saudi Arabia's Defence Minister, Prince Khalid"
    (the office before the name, or around it) or "Khalid, the defence minister" (after it). The
    office's sector is the person's in this story, whatever his rank or the table say."""
    for t in titles:
        around = t.start <= m.start and m.end <= t.end
        before = t.end <= m.start and m.start - t.end <= NEAR
        after = m.end <= t.start and t.start - m.end <= NEAR
        if not (around or before or after) or t.sentence != m.sentence:
            continue
        p.title = t.title or p.title
        if t.country and p.country is None:
            p.country, p.country_basis = t.country, Basis.OFFICE
        if t.sector and p.sector != t.sector and p.sector_basis != Basis.TABLE:
            p.sector, p.sector_basis = t.sector, Basis.OFFICE
        return


def _from_body(p: Participant, doc: Document, by_id: dict[str, Mention]) -> None:
    """A person named with the body he speaks for ("Y, director general of the Defence Ministry")
    is of that body's state, once the article places the body."""
    from ..actors.lookup import mentions_in

    for mid in p.mentions:
        m = by_id[mid]
        for inner in mentions_in(doc, m.start, m.end):
            if inner.kind == "organisation" and inner.country:
                p.country, p.country_basis = inner.country, Basis.BODY
                return


def _from_earlier_office(p: Participant, titles: list[Mention], by_id: dict[str, Mention]) -> None:
    """"Chile's ambassador ... Ambassador Rafael Soto": the office named earlier with its
    state, and then with a name, is one person's."""
    first = by_id[p.first_mention]
    office = p.title.lower().split()
    for t in titles:
        if t.country and t.start < first.start and (t.title or "").lower().split() == office:
            p.country, p.country_basis = t.country, Basis.EARLIER
            return


def _from_listed_colleague(p: Participant, doc: Document, by_id: dict[str, Mention]) -> None:
    """"Japanese Foreign Minister X, Defence Minister Y and Philippine Defence Secretary Z": an
    official listed with no state right after one with a state is of that state (news lists a
    delegation's members together, and names the next state where it begins)."""
    first = by_id[p.first_mention]
    before = [m for m in doc.mentions if m.kind == "person" and m.sentence == first.sentence and m.end <= first.start
              and m.country]
    if before:
        last = max(before, key=lambda m: m.end)
        if doc.text[last.end:first.start].strip() == ",":
            p.country, p.country_basis = last.country, Basis.LISTED


def _of_a_state(p: Participant) -> bool:
    """An official or a state body: of some state, which the article may leave unsaid."""
    return p.sector in STATE_BODY_SECTORS


def principal(participants: list[Participant], country: str) -> Participant | None:
    """The participant that acts for ``country`` in the story: its first named official (a person
    with an office), else its first state body."""
    people = [p for p in participants if p.country == country and p.kind == "person" and p.sector]
    if people:
        return people[0]
    bodies = [p for p in participants if p.country == country and p.kind == "organisation"
              and p.sector in STATE_BODY_SECTORS]
    return bodies[0] if bodies else None


def load_act_sectors(path: str | Path | None = None) -> dict[str, str]:
    """The sector of the office that does each class of acts, by CAMEO code prefix: the built-in
    ``reading/act_sectors.yaml`` or the file ``path`` replacing it."""
    return _act_sectors(str(path) if path else None)


@lru_cache(maxsize=4)
def _act_sectors(path: str | None) -> dict[str, str]:
    data = data_files.load_replaceable("reading/act_sectors.yaml", path)
    return {prefix: sector for sector, prefixes in data.items() for prefix in prefixes}


VISIT = "042"  # CAMEO: make a visit


def act_sector(cameo: str, table: dict[str, str]) -> str | None:
    """The office through which a state does the act ``cameo`` when the article names none, from the
    ``table`` of :func:`load_act_sectors`."""
    return next((table[cameo[:n]] for n in range(len(cameo), 0, -1) if cameo[:n] in table), None)
