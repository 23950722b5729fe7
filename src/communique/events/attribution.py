"""Attribution: who does an act (subject, passive agent, speaker, co-actors and joint actors), and
the doer CAMEO assumes when the text names none."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..actors.kinds import state_actor_id
from ..actors.lookup import mention_by_id, mention_for_token
from ..records import ActorRef
from . import syntax
from .codebook import lookup
from .codeclasses import NOUN_POS
from .context import Coding
from .outcomes import Found, How, Together
from .parties import (
    host_state,
    is_group,
    known,
    modifier_country,
    of_group,
    phrase_text,
    place_as_party,
    same_actor,
    scene_state,
    speaker_replaces,
)
from .patterns import Pattern
from .sides import (
    MAX_CONJUNCTS,
    Side,
    between_parties,
    expand_groups,
    participants_of,
    side_of,
)
from .targets import acts_on_a_thing, speaks_of_both, target_of


def attribute(ctx: Coding, tok: Token, pat: Pattern | None, code: str) -> tuple[Side, Side, bool, How]:
    """The source and target of the act, whether it is symmetric, and how the source was found:
    several parties as one side are co-actors (each acts on the target) or joint actors (they
    act on each other)."""
    symmetric = bool(pat.symmetric) if pat else False
    source, how = _doer(ctx, tok, pat)
    source, reported = _speaker(ctx, tok, code, source)
    source = expand_groups(ctx, source)
    # a stated intent is as reciprocal as the act intended: "Mexico and Canada agreed to lift tariffs
    # on American products" are co-actors, not each other's parties
    classes = ctx.classes
    intended = pat is not None and code.startswith(classes.intents) and not pat.cameo.startswith(classes.intents)
    reciprocal = symmetric or code.startswith(classes.reciprocal) or (code.startswith(classes.intents) and not intended)
    if len(source.refs) >= 2 and not reciprocal:
        target = target_of(ctx, tok, pat, code, source.first)
        if target.first is not None:
            co_actors = not any(same_actor(target.first, r) for r in source.refs)
        else:  # "the UK and France opposed the resolutions": neither is the other's target
            co_actors = acts_on_a_thing(ctx, tok, pat)
        if co_actors:
            return source, target, False, How(how, reported, Together.CO_ACTORS)
    if len(source.refs) >= 2:
        target = Side(source.refs[1:MAX_CONJUNCTS])
        source = Side([source.refs[0]])
        symmetric = symmetric or code.startswith(classes.joint_symmetric)
        return source, target, symmetric, How(how, reported, Together.JOINT_ACTORS)
    return source, _single_target(ctx, tok, pat, code, source), symmetric, How(how, reported)


def _doer(ctx: Coding, tok: Token, pat: Pattern | None) -> tuple[Side, Found]:
    """Who does the act by the parse: a noun's possessor, a passive's agent, the subject, or the
    parties "between A and B"."""
    if pat is not None and tok.pos_ in NOUN_POS:
        source = side_of(ctx, [c for c in tok.children if c.dep_ == "poss"])
        if not source.refs:  # "a visit to Tripoli by the Turkish defence minister": the noun's agent
            source = side_of(ctx, syntax.prep_objects(tok, "by"))
        how = Found.POSSESSOR
    elif syntax.is_passive(tok) and pat is not None:
        agent = syntax.prep_objects(tok, "by")
        source = side_of(ctx, agent)
        how = Found.PASSIVE_AGENT
        holder = syntax.passive_subject(tok)
        if not source.refs and holder is not None and tok.lemma_.lower() in ctx.lex.stative_passives:
            # "X is opposed to", "X were engaged in": the subject holds the stance or does the act
            source, how = side_of(ctx, syntax.with_conjuncts(holder)), Found.STATIVE_SUBJECT
        if not source.refs:
            patient = syntax.passive_subject(tok)
            if patient is not None and patient.lemma_.lower() in ctx.lex.gatherings:
                source = participants_of(ctx, patient, exclude=None)
                how = Found.GATHERING_PARTICIPANTS
    else:
        source, how = Side(), Found.SUBJECT
        for subj in syntax.subjects_of(tok, ctx.lex):
            source = side_of(ctx, syntax.with_conjuncts(subj))
            if source.refs:
                if len(source.refs) == 1 and source.first.country is None and of_group(subj, ctx.lex):
                    source = Side([replace(source.first, text=f"{source.first.text} of both sides")])
                break
        if not source.refs and syntax.subject_of(tok, ctx.lex) is None:
            # "USAID deployed ...": a name the tagger misread as a modifier still heads the clause
            misread = [c for c in tok.children if c.i < tok.i and c.dep_ in ("advmod", "npadvmod", "dep")
                       and (m := mention_for_token(ctx.doc, c)) is not None and m.kind != "pronoun"]
            if misread:
                source, how = side_of(ctx, misread[:1]), Found.MISREAD_SUBJECT
    # "between A and B" on the trigger or its object names both parties
    if len(source.refs) < 2:
        between = between_parties(ctx, tok)
        if len(between.refs) >= 2 and (not source.refs or is_group(source.first, ctx.lex)):
            source, how = between, Found.BETWEEN
    return source, how


def _speaker(ctx: Coding, tok: Token, code: str, source: Side) -> tuple[Side, bool]:
    """The speaker of reported speech in place of the subject, where the act is the speaker's;
    True when it replaced it."""
    speaker, reported = syntax.speaker_of(tok, ctx.lex.speech_verbs), False
    verbal = lookup(code).plover in ctx.classes.spoken_types and code.startswith(ctx.classes.spoken)
    if speaker is not None and source.first is None and _posted_patient(ctx, tok):
        return source, reported  # "Peru's envoy to Chile was summoned, Peruvian officials said": by Chile
    if speaker is not None and (source.first is not None or verbal):
        sp = side_of(ctx, [speaker])
        if sp.first is not None and speaker_replaces(source.first, sp.first, ctx.lex, verbal):
            if source.first is not None and is_group(source.first, ctx.lex) and ctx.dyad:
                other = [c for c in ctx.dyad if c != sp.first.country]
                source = Side([sp.first, ActorRef(country=other[0], text="the other side")] if other else [sp.first])
            else:
                source = Side([sp.first, *source.refs[1:]])
            reported = True
    return source, reported


def _posted_patient(ctx: Coding, tok: Token) -> bool:
    """A passive act with no agent done to an envoy posted abroad ("Peru's ambassador to Chile was
    summoned"): the host state did it, whoever reports it."""
    patient = syntax.passive_subject(tok) if syntax.is_passive(tok) else None
    return patient is not None and host_state(patient, ctx.lex) is not None


def _single_target(ctx: Coding, tok: Token, pat: Pattern | None, code: str, source: Side) -> Side:
    """The target of an act by one party; "bilateral ties" and "both sides" name the article's other state."""
    target = target_of(ctx, tok, pat, code, source.first)
    counterpart = target.first is not None and any(w in (target.first.text or "").lower()
                                                   for w in ctx.lex.counterpart_nouns)
    if counterpart and target.first.sector is None:
        target.refs[0].sector = source.first.sector if source.first else None
    if target.first is None and source.first is not None and ctx.dyad and speaks_of_both(tok, ctx.lex):
        other = [c for c in ctx.dyad if c != source.first.country]
        if other:
            target = Side([ActorRef(country=other[0], text="bilateral")], Found.BILATERAL)
    if is_group(target.first, ctx.lex) and source.first is not None and ctx.dyad:
        other = [c for c in ctx.dyad if c != source.first.country]
        # a third party's "both sides" are the article's two states, each a target ("the EU called
        # on both sides to show restraint"); a party's own "both sides" are the other state
        other = other[:1] if len(other) < len(ctx.dyad) else other
        if other:
            target = Side([ActorRef(country=c, text=target.first.text) for c in other])
    return target


def unnamed_doer(ctx: Coding, tok: Token, code: str) -> ActorRef | None:
    """The doer of an act the text does not attribute, as CAMEO codes it.

    An attack by no named actor is by the forces (MIL) of the state named by the weapon ("US
    drone strikes"), else by unidentified forces (UAF) of the state where it happens ("a
    roadside bombing killed ...", "were killed in a car bomb explosion"); an arrest, detention
    or investigation in the passive ("was arrested in Lebanon") is by that state's authorities;
    a withdrawal or demobilisation in the passive ("guerrillas have been demobilised") is by
    those it names.
    """
    plover = lookup(code).plover
    passive = syntax.is_passive(tok)
    classes = ctx.classes
    if plover == "RETREAT" and passive and not code.startswith(classes.released):  # the freed do not free
        patient = syntax.passive_subject(tok)
        return side_of(ctx, [patient]).first if patient is not None else None
    if plover == "ASSAULT" or (plover == "COERCE" and code.startswith(classes.violent)):
        subj = None if passive else syntax.subject_of(tok, ctx.lex)
        if subj is not None and subj.pos_ == "PRON":
            return None
        named = next((r for c in (subj.subtree if subj is not None else ())  # "US drone strikes"
                      if c.i < subj.i and (r := modifier_country(c)) is not None), None)
        if named is not None:  # "US drone strikes", "Israeli air strikes": that state's forces
            return ActorRef(country=named.country, sector="MIL", name=None, text=phrase_text(subj),
                            actor_id=f"forces:{named.country}")
        # "shells fired from Laos": the forces of the state they were fired from, else of the scene
        origin = next((ref for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"
                       for p in c.children if p.dep_ == "pobj" and (ref := place_as_party(p)) is not None), None)
        scene = origin or scene_state(tok, ctx.lex.scene_preps)
        if scene is None:
            return None
        text = phrase_text(subj) if subj is not None else "unidentified attackers"
        return ActorRef(country=scene.country, sector="UAF", name=None, text=text,
                        actor_id=f"unidentified:{scene.country}")
    if passive and plover in ("ACCUSE", "SANCTION"):
        patient = syntax.passive_subject(tok)
        host = host_state(patient, ctx.lex) if patient is not None else None
        if host is not None:  # "the Chilean envoy to Lima was summoned": by Peru
            return ActorRef(country=host.country, sector="GOV", name=None, text="the government",
                            actor_id=f"government:{host.country}")
    if passive and code.startswith(classes.by_authorities):
        scene = scene_state(tok, ctx.lex.scene_preps)
        if scene is not None:
            return ActorRef(country=scene.country, sector="GOV", name=None, text="the authorities",
                            actor_id=f"authorities:{scene.country}")
    return None


def party_of_condition(ctx: Coding, tok: Token, source: ActorRef) -> ActorRef | None:
    """A threat is aimed at the one whose act it is conditioned on ("threatened to strike unless
    Israel rescinded the annexation", "... if the United States goes ahead")."""
    for gov in syntax.governors(tok, {"xcomp", "conj"}):
        for node in [gov, *(c for c in gov.children if c.dep_ == "xcomp")]:
            for clause in node.children:
                if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ctx.lex.condition_marks
                                                  for m in clause.children):
                    subj = syntax.subject_of(clause, ctx.lex)
                    ref = side_of(ctx, [subj]).first if subj is not None else None
                    if ref is not None and known(ref) and not same_actor(ref, source):
                        return ref
    return None


def dyad_counterpart(ctx: Coding, source: ActorRef) -> ActorRef | None:
    """In an article about two states, the other one: a state that cuts or suspends ties
    without naming with whom ("suspended the military agreements") cuts them with the other."""
    if len(ctx.dyad) < 2 or source.country not in ctx.dyad[:2]:
        return None
    other = next(c for c in ctx.dyad[:2] if c != source.country)
    return ActorRef(country=other, name=None, text="the other state", actor_id=state_actor_id(other))


def victims_account(ctx: Coding, tok: Token, actor: ActorRef, recipient: ActorRef | None) -> ActorRef | None:
    """The speaker who tells of an act done to their own state by another ("Freedonia said Sylvanian
    guards fired on its outpost"): telling it, they accuse the doer."""
    if recipient is None or not recipient.country or not actor.country or actor.country == recipient.country:
        return None
    speaker_tok = syntax.speaker_of(tok, ctx.lex.speech_verbs)
    if speaker_tok is None:
        return None
    speaker = side_of(ctx, [speaker_tok]).first
    if speaker is None or speaker.country != recipient.country:
        return None
    # a side that speaks for its struck forces ("the Freedonian side said ... fired on its outpost")
    return replace(speaker, sector=recipient.sector) if speaker.sector is None and recipient.sector else speaker


def speaker_owns(ctx: Coding, tok: Token, src: ActorRef, tgt: ActorRef) -> ActorRef:
    """"Armenia says Azerbaijani guards fired on their outpost": what an attacker attacks is not
    its own; a pronoun owner in what a speaker of another state reports is the speaker's side."""
    owner = mention_by_id(ctx.doc, tgt.mention_id)
    speaker = syntax.speaker_of(tok, ctx.lex.speech_verbs)
    if owner is None or owner.kind != "pronoun" or speaker is None:
        return tgt
    said_by = side_of(ctx, [speaker]).first
    if said_by is None or not said_by.country or said_by.country == src.country:
        return tgt
    return ActorRef(country=said_by.country, sector=tgt.sector, name=tgt.name, text=tgt.text)
