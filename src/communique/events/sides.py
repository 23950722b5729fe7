"""The parties a phrase names: one side of an event, read from the actor mentions and the parse."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ..actors.kinds import is_delegation, state_actor_id
from ..actors.lookup import mention_for_token, mentions_in
from ..records import ActorRef
from . import syntax
from .context import Coding
from .outcomes import Found
from .parties import (
    agent_of,
    antecedent_in_sentence,
    country_code,
    is_group,
    located_in,
    mention_ref,
    modifier_country,
    named_entity,
    place_as_party,
    same_actor,
    split_by_country,
)


MAX_CONJUNCTS = 8  # coordinated parties of one role coded as events of their own, at most


@dataclass
class Side:
    """One side of an event: one actor, or two for a symmetric pair found in the text."""

    refs: list[ActorRef] = field(default_factory=list)
    how: Found | None = None

    @property
    def first(self) -> ActorRef | None:
        return self.refs[0] if self.refs else None


def side_of(ctx: Coding, toks: list[Token]) -> Side:
    """The parties the words name: their actor mentions, the people of a quantity ("thousands of
    Kurds"), an apposition's role, a place, a state named by a modifier."""
    refs: list[ActorRef] = []
    for t in toks:
        m = mention_for_token(ctx.doc, t)
        if m is None and t.lemma_.lower() in ctx.lex.quantity_heads:  # "thousands of Iraqi Kurds"
            inner = next((p for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                          for p in c.children if p.dep_ == "pobj"), None)
            if inner is not None:
                t, m = inner, mention_for_token(ctx.doc, inner)
        if m is None:  # "Kenzo Oshima, the UN relief coordinator": the apposition names the role
            appos = next((c for c in t.children if c.dep_ == "appos"), None)
            if appos is not None and (am := mention_for_token(ctx.doc, appos)) is not None and am.kind != "pronoun":
                m = am
        if m is None and t.lemma_.lower() in ctx.lex.counterpart_nouns:
            continue  # "his counterpart": the possessor is the other side; the counterpart is named apart
        if m is None:
            # "withdraw from Chad"; "Israeli army bulldozers": a state named by a modifier
            agent = agent_of(t)
            ref = place_as_party(t) or modifier_party(ctx, t) or named_entity(t) \
                or (side_of(ctx, [agent]).first if agent is not None else None)
            if ref is not None and not any(same_actor(ref, r) for r in refs):
                refs.append(ref)
            continue
        if m.kind == "pronoun" and (states := coordinated_states(ctx, t)):
            refs.extend(r for r in states if not any(same_actor(r, x) for x in refs))
            continue  # "Finland and Sweden's bids ..., accusing them": the states named together
        if m.kind == "pronoun":  # "accusing him": the named person, where the sentence names them
            m = antecedent_in_sentence(ctx.doc, m) or m
        if is_delegation(m):  # "his counterpart Richard Marles"
            m = next((p for p in mentions_in(ctx.doc, m.start, m.end) if p.kind == "person"
                      and p.country == m.country), m)
        for ref in split_by_country(ctx.doc, m):
            if ref.country is None:  # "rebels in the Ivory Coast", "opposition parties in Nepal"
                place = located_in(t, ctx.lex) or member_of(ctx, t)
                if place is not None:
                    ref.country = place.country
            if not any(same_actor(ref, r) for r in refs):
                refs.append(ref)
    return Side(refs)


def coordinated_states(ctx: Coding, pronoun: Token) -> list[ActorRef]:
    """The states a plural pronoun stands for: the last two or more named together ("A and B",
    "A, B and C's") before it in its sentence ("objecting to Finland and Sweden's bids to join the
    alliance, accusing them"), unless a group is named between ("the rebels ... them")."""
    from ..actors.tables import load_tables

    if pronoun.lower_ not in load_tables().pronouns.get("group", ()):
        return []
    found: list[ActorRef] = []
    run: list[ActorRef] = []
    for tok in pronoun.sent:
        if tok.i >= pronoun.i:
            break
        m = mention_for_token(ctx.doc, tok)
        if m is not None and m.kind == "country" and m.country:
            if not run or run[-1].country != m.country:
                run.append(mention_ref(m))
            continue
        if tok.lower_ in ctx.lex.run_links and run:
            continue  # the run of states goes on
        if len({r.country for r in run}) >= 2:
            found = run
        run = []
        if m is not None and m.kind == "group":
            found = []  # a group named since is the nearer antecedent
    return run if len({r.country for r in run}) >= 2 else found


def member_of(ctx: Coding, tok: Token) -> ActorRef | None:
    """The state of the body a person or group is from ("doctors from two American aid groups")."""

    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ctx.lex.member_preps:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                m = mention_for_token(ctx.doc, pobj)
                if m is not None and m.country and m.kind != "pronoun":
                    return ActorRef(country=m.country)
                ref = modifier_party(ctx, pobj)
                if ref is not None:
                    return ref
    return None


def modifier_party(ctx: Coding, tok: Token) -> ActorRef | None:
    """People or things of a state named by a modifier ("Israeli army bulldozers")."""
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i < tok.i:
            # "Israeli army bulldozers", "Iraqi Kurds": people or things of a state, not the state
            m = mention_for_token(ctx.doc, child)
            if m is not None and m.country:
                return ActorRef(country=m.country, sector=m.sector, name=tok.text, text=tok.text,
                                mention_id=m.mention_id)
            ref = modifier_country(child)
            if ref is not None:
                return ActorRef(country=ref.country, name=tok.text, text=tok.text)
    return None


def between_parties(ctx: Coding, tok: Token) -> Side:
    """The parties of "between A and B" on the trigger, its objects or its passive subject."""
    holders = [tok, *syntax.objects_of(tok)]
    patient = syntax.passive_subject(tok)
    if patient is not None:
        holders.append(patient)
    for h in holders:
        pobjs = syntax.prep_objects(h, "between")
        if pobjs:
            return expand_groups(ctx, side_of(ctx, pobjs))  # "between the two countries": the article's pair
    return Side()


def participants_of(ctx: Coding, noun: Token, exclude: str | None) -> Side:
    """Parties named inside a gathering's noun phrase ("Vietnam-China Dialogue", "between A and B")."""
    between = syntax.prep_objects(noun, "between")
    if between:
        side = side_of(ctx, between)
        if side.refs:
            return side
    # "a summit of the Shanghai Cooperation Organisation": the body whose gathering it is
    body = [r for r in side_of(ctx, syntax.prep_objects(noun, "of")).refs if r.sector == "IGO"
            or (r.country or "") in ctx.classes.body_codes]
    if body:
        return Side(body)
    left = noun.left_edge.idx
    refs: list[ActorRef] = []
    for m in mentions_in(ctx.doc, left, noun.idx + len(noun.text)):
        ref = mention_ref(m)
        if exclude and ref.country == exclude:
            continue
        if not any(same_actor(ref, r) for r in refs):
            refs.append(ref)
    if not refs:  # state names inside a gathering's name: "the Vietnam-China Defense Dialogue"
        for t in noun.subtree:
            if t.i < noun.i and (t.ent_type_ in ("GPE", "NORP") or t.pos_ == "PROPN"):
                code = country_code(t.text)
                if code and code != exclude and all(r.country != code for r in refs):
                    refs.append(ActorRef(country=code, name=None, text=t.text, actor_id=state_actor_id(code)))
    return Side(refs)


def many_parties(noun: Token) -> bool:
    """A gathering whose name speaks of many participants ("the Conference of Defense Ministers of
    the Americas", "the Chiefs of Defence Conference"): a plural proper noun in its name."""
    return any(t.tag_ == "NNPS" for t in noun.subtree if t.i != noun.i)


def expand_groups(ctx: Coding, side: Side) -> Side:
    """"both sides" / "the two countries" as a source become the document's two main parties."""
    if len(side.refs) == 1 and is_group(side.first, ctx.lex) and len(ctx.dyad) >= 2:
        return Side([ActorRef(country=c, text=side.first.text) for c in ctx.dyad[:2]], side.how)
    return side
