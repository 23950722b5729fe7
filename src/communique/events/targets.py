"""Targets: the party an act is aimed at (a role of its rule, the act it governs, the nearest party)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..actors.lookup import mention_for_token
from ..records import ActorRef
from . import syntax
from .arguments import act_noun, predicate_object
from .codeclasses import NOUN_POS, VERB_POS
from .context import Coding
from .outcomes import Found
from .parties import (
    known,
    located_in,
    mention_ref,
    modifier_country,
    other_party,
    place_as_party,
    same_actor,
    scene_state,
    state_of_place,
)
from .patterns import Lexicon, Pattern
from .sides import MAX_CONJUNCTS, Side, many_parties, participants_of, side_of
from .triggers import verb_patterns


def target_of(ctx: Coding, tok: Token, pat: Pattern | None, code: str, source: ActorRef | None) -> Side:
    """The party the act is aimed at: a role of its rule, the one asked to act, a party of an
    embedded act, where what is moved goes, or the nearest party in its phrase."""
    roles = pat.target if pat is not None else ctx.lex.model_target_roles
    holders = [tok] + (syntax.objects_of(tok) if tok.pos_ in VERB_POS else [])
    # "donated and delivered goods to X": coordinated verbs share their parties
    shared = [c for c in tok.children if c.dep_ == "conj" and c.pos_ in VERB_POS
              and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
    holders += shared
    subj = syntax.subject_of(tok, ctx.lex) if tok.pos_ in VERB_POS else None
    if subj is not None and subj.lemma_.lower() in ctx.lex.cooperation_objects:
        holders.append(subj)  # "defence cooperation with Chile will deepen": the ties name the other party
    # the act's own roles first ("called on Nigerian leaders to emulate ..."), then those of the
    # act it governs ("refused to meet X")
    governed = [c for c in tok.children if c.dep_ == "xcomp"]
    part = syntax.particle(tok, pat.preps) if pat is not None and pat.preps else None
    if part is not None and part.pos_ in VERB_POS:
        governed.append(part)  # "let free some 74 leaders", parsed as "let [free some 74 leaders]"
    for pass_holders, of_governed in ((holders, False), (governed, True)):
        if pass_holders:
            found = role_party(ctx, tok, pat, roles, pass_holders, shared, source, of_governed)
            if found is not None:
                return found
    if code.startswith(ctx.classes.asked_to_act):  # "demanded that Israel withdraw": the one asked to act
        # "demanded that Israel withdraw", "reiterated its demand that Israel ease ..."
        asked = [tok, *(o for o in syntax.objects_of(tok) if o.lemma_.lower() in ctx.lex.irrealis)]
        for clause in (c for h in asked for c in h.children if c.dep_ in ("ccomp", "acl") or (
                c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children))):
            # "called for Israel to halt settlement construction"
            subj = syntax.subject_of(clause, ctx.lex)
            side = side_of(ctx, syntax.with_conjuncts(subj)) if subj is not None else Side()
            ref = next((r for r in side.refs if source is None or not same_actor(r, source)), None)
            if ref is not None:
                return Side([ref], Found.DEMANDED_SUBJECT)
    side = clause_party(ctx, tok, source)
    if side.refs or (pat is not None and pat.requires_actor_object) or speaks_of_both(tok, ctx.lex):
        return side
    if tok.lemma_.lower() in ctx.lex.movement:  # "withdrew its troops from Abyei": where they go or leave
        place = scene_state(tok, ctx.lex.movement_preps)
        if abroad(place, source):
            return Side([place], Found.MOVED_TO)
    return nearest_party(ctx, tok, source)


def role_party(ctx: Coding, tok: Token, pat: Pattern | None, roles: tuple[str, ...],
               holders: list[Token], shared: list[Token], source: ActorRef | None,
               governed: bool = False) -> Side | None:
    """The first party found in one of the rule's roles on ``holders``: the trigger with its
    objects and the verbs coordinated with it, or (``governed``) the acts it governs; or None."""
    for role in roles:
        for cand in _role_candidates(tok, pat, role, holders, shared, governed):
            found = _candidate_party(ctx, tok, pat, role, cand, source)
            if found is not None:
                return found
    return None


def _role_candidates(tok: Token, pat: Pattern | None, role: str, holders: list[Token], shared: list[Token],
                     governed: bool) -> list[Token]:
    """The words that fill one role of the rule: objects, the dative, or the objects of a preposition."""
    cands: list[Token] = []
    if role == "dobj":
        # the patient of a passive ("three soldiers were killed") is the target of a one-sided act
        patient_ok = pat is not None and not pat.symmetric
        cands = [o for h in holders if h == tok or governed
                 for o in syntax.objects_of(h) if o.dep_ != "nsubjpass" or patient_ok]
    elif role == "iobj":
        cands = [c for c in tok.children if c.dep_ == "dative"]
    else:
        for h in holders:
            cands.extend(syntax.prep_objects(h, role))
        if not cands:  # "provides aid ... to X": the preposition may hang inside the object phrase
            phrases = syntax.objects_of(tok) + [o for c in shared for o in syntax.objects_of(c)]
            if pat is not None and pat.preps:  # "came to Vienna for talks with X"
                phrases += syntax.prep_phrase_objects(tok, pat.preps)
            for o in phrases:
                for t in o.subtree:
                    if t.dep_ == "prep" and t.lower_ == role:
                        cands.extend(c for c in t.children if c.dep_ == "pobj")
    return cands


def _candidate_party(ctx: Coding, tok: Token, pat: Pattern | None, role: str, cand: Token,
                     source: ActorRef | None) -> Side | None:
    """The party one word of a role names: itself, the place of a mission, a party inside an act
    noun, a gathering's participants; None when it names none other than the source."""
    src_country = source.country if source else None
    lemma = cand.lemma_.lower()
    side = side_of(ctx, [cand])
    if moved(ctx, cand, source, side.first):  # "withdrew its troops": the actor's own
        return None
    if role != "dobj" and lemma in ctx.lex.missions and tok.lemma_.lower() in ctx.lex.movement:
        place = located_in(cand, ctx.lex)  # "troops to the peacekeeping force in South Sudan"
        if abroad(place, source):
            return Side([place], Found.PLACE_OF_MISSION)
    if (role == "dobj" or act_noun(cand, ctx.acts, ctx.lex.noun_endings)) and lemma not in ctx.lex.gatherings \
            and not (pat and pat.requires_actor_object) and side.first is None:
        # "rejected an Afghan government offer", "conceded to demands from the association"
        inner = inner_parties(ctx, cand, source)
        if inner:
            return Side(inner, Found.INSIDE_OBJECT)
    gathering_rule = pat is not None and pat.object_kind == "gathering"
    if gathering_rule or (lemma in ctx.lex.gatherings and not (
            side.first is not None and side.first.name and cand.pos_ == "PROPN")):
        # a gathering's participants; but "outlawed the African National Congress": a party
        participants = participants_of(ctx, cand, exclude=src_country)
        if participants.refs:
            return Side([_as_body(ctx, cand, participants.refs[0])], Found.PARTICIPANTS)
    if cand.tag_ == "PRP" and len(side.refs) > 1:  # "accusing them": each of the states it stands for
        return Side([r for r in side.refs if source is None or not same_actor(r, source)], Found.ROLE)
    for ref in side.refs:
        if source is None or not same_actor(ref, source):
            if src_country and ref.country == src_country and not ref.name and role != "dobj":
                continue
            if gathering_rule or lemma in ctx.lex.gatherings:
                ref = _as_body(ctx, cand, ref)
            return Side([ref, *conjunct_parties(ctx, cand, ref, source)], Found.ROLE)
    return None


def _as_body(ctx: Coding, gathering: Token, ref: ActorRef) -> ActorRef:
    """"Attended the Conference of Defense Ministers of the Americas": a multilateral gathering
    of no state is met as a body, not as the state where it sits."""
    if ref.country is None and many_parties(gathering):
        return replace(ref, sector=ctx.classes.gathering_sector)
    return ref


def conjunct_parties(ctx: Coding, tok: Token, first: ActorRef,
                     source: ActorRef | None) -> list[ActorRef]:
    """The other named parties coordinated with the one a role found: "sanctions on Mike Pompeo,
    Alex Azar and Steve Bannon" are aimed at each (CAMEO codes one event per conjunct)."""
    found = [first]
    # a conjunct the parser hung on the verb ("outlawed the ANC and the PAC") counts as well
    verb_conjuncts = [c for c in tok.head.children if c.dep_ == "conj" and c.pos_ in NOUN_POS
                      and c.i > tok.i] if tok.dep_ in syntax.OBJECT_DEPS else []
    for conj in [*tok.conjuncts, *verb_conjuncts]:
        ref = side_of(ctx, [conj]).first
        if ref is None or not known(ref) or any(same_actor(ref, r) for r in found) \
                or (source is not None and same_actor(ref, source)):
            continue
        found.append(ref)
    return found[1:MAX_CONJUNCTS]


def nearest_party(ctx: Coding, tok: Token, source: ActorRef | None) -> Side:
    """Last resort: the first actor in the act's own phrase that is not its source
    ("suspended military aid to Mali", "apprehended a Lebanese man near the border")."""

    skip = {"nsubj", "nsubjpass", "csubj", "ccomp", "advcl", "parataxis", "relcl", "mark", "punct",
            "conj", "cc"}  # other clauses; a conjoined noun is kept (see keep)
    def keep(c: Token) -> bool:
        if c.dep_ == "prep" and c.head == tok and c.lower_ in ctx.lex.circumstance_preps:
            return False  # "imposed a curfew ... after clashes between Hindu and Muslim gangs"
        if c.dep_ == "prep" and c.lower_ in ctx.lex.likening_preps \
                and any(o.dep_ == "dobj" and o.i < c.i for o in c.head.children):
            return False  # "condemned the launch as a violation of UN resolutions" (what it is called)
        return c.dep_ not in skip or (c.dep_ == "conj" and c.pos_ not in VERB_POS)

    frontier = [c for c in tok.children if keep(c) and c.i > tok.i]
    for _depth in range(6):  # near the trigger only: its arguments and their modifiers
        nxt = []
        for t in frontier:
            nxt.extend(c for c in t.children if keep(c))
            m = mention_for_token(ctx.doc, t) if t.pos_ in ("PROPN", "NOUN", "ADJ") else None
            if m is None or m.kind == "pronoun":
                continue
            ref = mention_ref(m)
            if moved(ctx, t, source, ref):
                continue
            if source is None or (not same_actor(ref, source) and ref.country != source.country):
                return Side([ref], Found.NEAREST)
        frontier = nxt
    return Side()


def moved(ctx: Coding, obj: Token, source: ActorRef | None, ref: ActorRef | None) -> bool:
    """``obj`` is what a verb of movement moves, the actor's own people or means ("withdrew its
    troops from Abyei", "sent peacekeepers", "offered to send troops"): an object of no state
    but the actor's. It is no party to the act; where it goes or comes from is."""
    first = obj
    while first.dep_ == "conj" and first.head != first:
        first = first.head  # "sent troops and police"
    if first.dep_ not in syntax.OBJECT_DEPS or first.head.lemma_.lower() not in ctx.lex.movement:
        return False
    if obj.pos_ == "PRON":
        return False
    country = ref.country if ref is not None else None
    return country is None or (source is not None and country == source.country)


def clause_party(ctx: Coding, tok: Token, source: ActorRef | None) -> Side:
    """The party inside an embedded act: "threatened to shell Iraqi towns", "demanded that Hamas ..."."""
    for child in tok.children:
        if child.dep_ == "advcl" and child.lemma_.lower() in ctx.lex.purpose_verbs:  # "... to help Ethiopia"
            for obj in syntax.objects_of(child):
                ref = side_of(ctx, [obj]).first or inner_party(ctx, obj, source)
                if ref is not None and (source is None or ref.country != source.country):
                    return Side([ref], Found.BENEFICIARY)
        if child.dep_ == "ccomp":
            for subj in syntax.subjects_of(child, ctx.lex):
                side = side_of(ctx, syntax.with_conjuncts(subj))
                for ref in side.refs:
                    if source is None or (not same_actor(ref, source) and ref.country != source.country):
                        return Side([ref], Found.DEMANDED_SUBJECT)
                break
        if child.dep_ == "xcomp":
            for obj in syntax.objects_of(child):
                named = side_of(ctx, [obj]).first
                if moved(ctx, obj, source, named):
                    continue  # "offered to send troops": the actor's own
                ref = named or inner_party(ctx, obj, source)
                if ref is not None and (source is None or ref.country != source.country):
                    return Side([ref], Found.EMBEDDED_OBJECT)
            for prep in ctx.lex.embedded_act_preps:
                for pobj in syntax.prep_objects(child, prep):
                    ref = side_of(ctx, [pobj]).first or inner_party(ctx, pobj, source)
                    if ref is not None and (source is None or ref.country != source.country):
                        return Side([ref], Found.EMBEDDED_ARGUMENT)
    return Side()


def inner_party(ctx: Coding, obj: Token, source: ActorRef | None) -> ActorRef | None:
    """The party inside a non-actor object: "X's attack", "collaboration between China and ASEAN"."""
    parties = inner_parties(ctx, obj, source)
    return parties[0] if parties else None


def inner_parties(ctx: Coding, obj: Token, source: ActorRef | None) -> list[ActorRef]:
    """The party inside a non-actor object, with the parties coordinated with it
    ("diplomats from Poland, Germany and Sweden")."""
    for child in obj.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            side = side_of(ctx, [child])
            ref = side.first or modifier_country(child)
            if ref is not None and other_party(ref, source):
                return [ref]
    for prep in ctx.lex.inner_party_preps:
        found: list[ActorRef] = []
        for pobj in syntax.prep_objects(obj, prep):
            for ref in side_of(ctx, [pobj]).refs:
                if other_party(ref, source) and (not found or known(ref)) \
                        and not any(same_actor(ref, r) for r in found):
                    found.append(ref)
        if found:  # "between China and ASEAN" names a pair acting together, not several parties
            return found[:1] if prep == "between" else found[:MAX_CONJUNCTS]
    return []


def aim_party(ctx: Coding, tok: Token, code: str, source: ActorRef) -> ActorRef | None:
    """The party of the act this one serves or governs: "opened fire to disperse demonstrators",
    "began a hunger strike to protest against Sweden's decision", "threatened to ban X"."""
    for child in tok.children:
        if child.dep_ not in ("advcl", "xcomp") or child.pos_ not in VERB_POS:
            continue
        lemma = child.lemma_.lower()
        if lemma in ctx.lex.speech_verbs:
            continue  # "rejected the protest, saying the boats were fishing illegally": its reason, not its aim
        pats = verb_patterns(ctx, child, lemma)
        if pats and further_act(child, tok, ctx.acts, ctx.lex.noun_endings):
            continue
        pat = pats[0] if pats else None
        side = target_of(ctx, child, pat, pat.cameo if pat else code, source)
        ref = next((r for r in side.refs if not same_actor(r, source)
                    and (r.country, r.sector) != (source.country, source.sector)), None)
        if ref is not None and known(ref):
            return ref
    return None


def host_of(ctx: Coding, tok: Token, pat: Pattern, code: str, together: list[ActorRef]) -> ActorRef | None:
    """The state of the place those who travel together go to, or the party of the gathering they
    attend together that is none of them."""
    if pat.object_kind == "place":
        return next((ref for c in tok.children if c.dep_ == "prep" and c.lower_ in pat.target
                     for p in c.children if p.dep_ == "pobj" and (ref := place_as_party(p)) is not None),
                    None) or state_of_place(tok, ctx.lex)
    side = target_of(ctx, tok, pat, code, together[0])
    return next((r for r in side.refs if known(r) and not any(
        same_actor(r, a) or (r.country and r.country == a.country) for a in together)), None)


def speaks_of_both(tok: Token, lex: Lexicon) -> bool:
    """The act is about "bilateral ties" / "mutual trust": its counterpart is the other party."""
    for obj in syntax.objects_of(tok):
        if any(t.lower_ in lex.bilateral_words for t in obj.subtree):
            return True
    return False


def abroad(place: ActorRef | None, source: ActorRef | None) -> bool:
    """A place of another state than the source's: where what the source moves goes or serves."""
    return place is not None and (source is None or place.country != source.country)


def further_act(clause: Token, tok: Token, acts: frozenset[str], endings: tuple[tuple[str, str], ...]) -> bool:
    """``clause`` is a participle that adds a further act of the actor's to an act whose object is
    named: "attacked the city, killing dozens" (not "carried out a raid, targeting commanders")."""
    return clause.dep_ == "advcl" and clause.tag_ == "VBG" \
        and not any(c.dep_ in ("mark", "aux") for c in clause.children) \
        and any(o.dep_ == "dobj" and not act_noun(o, acts, endings) for o in tok.children)


def mutual(tok: Token, lex: Lexicon) -> bool:
    """The act's parties act on each other ("accused each other", "attacked one another"): a
    reciprocal word and an other word in a row."""
    words = [t.lower_ for t in tok.subtree]
    return any(a in lex.reciprocal_words and b in lex.other_words for a, b in zip(words, words[1:]))


def acts_on_a_thing(ctx: Coding, tok: Token, pat: Pattern | None) -> bool:
    """The act has an object that is neither a party nor a word the rule needs, and its doers do
    not act on each other: "the UK and France opposed the resolutions" (not "Syria and Israel
    violated the ceasefire", "India and Pakistan accused each other")."""
    if pat is None or mutual(tok, ctx.lex):
        return False
    needed = pat.objects or frozenset()
    return any(o.dep_ == "dobj" and o.pos_ == "NOUN" and not predicate_object(o, needed)
               for o in syntax.objects_of(tok))
