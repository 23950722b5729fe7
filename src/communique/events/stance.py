"""Stance: an intent to act, an appeal for it or a scheduled act ("will", "should", "is willing to"),
and demands reported of another ("X said Y must ...")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..actors.lookup import mention_for_token
from ..records import Event, Stance
from . import syntax
from .codebook import lookup
from .context import Coding, new_event
from .modality import is_reported
from .outcomes import Decision, Modifier, RuleName
from .parties import (
    is_group,
    known,
    same_actor,
)
from .patterns import Lexicon, Pattern
from .sides import side_of

# Clauses that are not the predicate's own ("..., the ministry said on Monday"; "which it seized in May").
OTHER_CLAUSES = {"ccomp", "parataxis", "advcl", "relcl", "acl", "csubj"}


def has_time(tok: Token, lex: Lexicon) -> bool:
    """The predicate's clause sets a time for the act ("next week", "on Monday", "in June"); a
    duration or past reference ("after fifteen years", "six months ago") sets none."""
    top = tok
    for top in syntax.governors(tok, {"xcomp", "acomp", "conj"}):
        pass
    for t in top.subtree:
        if not (t.ent_type_ in ("DATE", "TIME") or t.lower_ in lex.time_words):
            continue
        path, node = [], t
        while node != top and node.head != node:
            path.append(node)
            node = node.head
        if any(n.dep_ in OTHER_CLAUSES for n in path):
            continue
        if any(n.dep_ == "prep" and n.lower_ in lex.past_or_span_preps for n in path) or t.lower_ == "ago" \
                or any(c.lower_ == "ago" for c in t.head.children) or t.head.lower_ == "ago":
            continue
        return True
    return False


def stance_of(ctx: Coding, tok: Token) -> Stance | None:
    """'intent' ("is willing to deepen"), 'appeal' ("should strengthen") or None."""
    for gov in syntax.governors(tok, {"xcomp", "acomp", "conj", "ccomp"}):
        if gov.dep_ == "acl" and gov.head.pos_ == "NOUN" and gov.head.lemma_.lower() in ctx.lex.intent:
            return Stance.INTENT  # "expressed its readiness to deepen ties", "the intent to strengthen"
        for child in gov.children:
            if child.dep_ == "aux":
                word = child.lemma_.lower()
                if word in ctx.lex.appeal:
                    return Stance.APPEAL
                if word in ctx.lex.intent or (word == "would" and is_reported(ctx, gov)):
                    return Stance.INTENT
        lemma = gov.lemma_.lower()
        if gov != tok and lemma in ctx.lex.appeal:
            return Stance.APPEAL
        if gov != tok and lemma in ctx.lex.intent:
            return Stance.INTENT
        if gov.dep_ == "ccomp":
            break
    return None


def stance_code(ctx: Coding, tok: Token) -> tuple[str, None, RuleName] | None:
    """The code and rule of a cooperation predicate under a stance marker, or None. What a thing is
    expected to do ("the exercise will improve military relations") is its purpose, no one's intent."""
    subj = syntax.subject_of(tok, ctx.lex)
    if subj is not None and subj.dep_ in ("nsubj", "nsubjpass") and subj.pos_ == "NOUN" \
            and not any(cooperative(ctx, s) for s in syntax.with_conjuncts(subj)) \
            and mention_for_token(ctx.doc, subj) is None:
        return None
    stance = stance_of(ctx, tok)
    if stance is Stance.INTENT:
        return ctx.lex.intent_codes["cooperate"], None, RuleName("intent-to-cooperate", stance=stance)
    if stance is Stance.APPEAL:
        return ctx.lex.appeal_code, None, RuleName("appeal-to-cooperate", stance=stance)
    return None


def apply_stance(ctx: Coding, tok: Token, pat: Pattern, code: str, rule: RuleName) -> tuple[str | None, RuleName]:
    """A scheduled act keeps its code; a stated intent becomes AGREE (03x) or, for a
    conflictual act, THREATEN; an appeal to act is left to the appeal rules."""
    stance = None
    only_future = True  # the act's only intent marker is its own future tense ("will sign")
    taker = syntax.included_by(tok)  # "decided to take measures, including imposing sanctions"
    chain = [*syntax.governors(tok, {"xcomp", "acomp"}), *(syntax.governors(taker, {"xcomp", "acomp"}) if taker else ())]
    for gov in chain:
        markers = [gov.lemma_.lower()] if gov != tok else []
        markers += [c.lemma_.lower() for c in gov.children if c.dep_ == "aux"]
        for word in markers:
            if word in ctx.lex.appeal:
                stance = Stance.APPEAL
            elif word in ctx.lex.scheduled:
                stance = stance or Stance.SCHEDULED
            elif word in ctx.lex.intent or word == "would":  # only a reported "would" gets here
                stance = stance or Stance.INTENT
                only_future = only_future and gov == tok and word in ctx.lex.future_aux
    if stance is Stance.INTENT and has_time(tok, ctx.lex):
        stance = Stance.SCHEDULED  # "will hold talks next week": a planned act, not a promise
    if stance is Stance.INTENT and only_future and code.startswith(ctx.classes.scheduled) and not is_reported(ctx, tok):
        stance = Stance.SCHEDULED  # the report's own "will attend the summit": a planned act
    if stance is Stance.APPEAL and not pat.cameo.startswith(ctx.classes.appeals):
        return None, rule
    if stance is Stance.INTENT:
        plover = lookup(code).plover
        if plover in ctx.classes.verbal_types:
            return code, rule
        intent = ctx.lex.intent_codes.get(plover or "")
        if intent:
            return intent, rule.plus(Modifier.INTENT)
    return code, rule


def is_cooperation(ctx: Coding, tok: Token) -> bool:
    """The verb predicates cooperation ("cooperate", "work with", "deepen ties")."""
    lemma = tok.lemma_.lower()
    if lemma in ctx.lex.cooperative_verbs:
        return True
    if lemma in ctx.lex.work_verbs and syntax.has_prep(tok, ctx.lex.together_words):
        return True
    if any(o.lemma_.lower() in ctx.lex.cooperation_objects for o in syntax.objects_of(tok)):
        return True
    # "defence cooperation with Chile will continue to deepen": the ties themselves grow
    subj = syntax.subject_of(tok, ctx.lex)
    return subj is not None and subj.dep_ == "nsubj" and not syntax.objects_of(tok) \
        and any(cooperative(ctx, s) for s in syntax.with_conjuncts(subj))


def cooperative(ctx: Coding, noun: Token) -> bool:
    """Cooperation, ties, or things done together ("joint activities", "mutual exchanges")."""
    return noun.lemma_.lower() in ctx.lex.cooperation_objects or any(
        c.dep_ == "amod" and c.lower_ in ctx.lex.cooperative_modifiers for c in noun.children)


def reported_wrong(ctx: Coding, sent_idx: int, sent: Span, tok: Token) -> Event | None:
    """"X said Y had intruded into its waters": telling of a wrong another state did (``wrong_verbs``),
    X accuses it (``wronged_accusation``). Not a wrong denied, nor one the speaker's own side did."""
    if tok.lemma_.lower() not in ctx.lex.wrong_verbs or syntax.is_negated(tok) \
            or syntax.passive_subject(tok) is not None:
        return None
    speaker_tok = syntax.speaker_of(tok, ctx.lex.speech_verbs)
    subj = syntax.subject_of(tok, ctx.lex)
    if speaker_tok is None or subj is None:
        return None
    speaker, doer = side_of(ctx, [speaker_tok]).first, side_of(ctx, [subj]).first
    if not known(speaker) or not known(doer) or not speaker.country or not doer.country \
            or speaker.country == doer.country:
        return None
    rule = RuleName("reported-wrong")
    event = new_event(ctx, sent_idx, sent, tok, ctx.classes.wronged_accusation, speaker, doer, False, rule, 0.7)
    ctx.note(Decision(sent_idx, tok.text, rule, event=event))
    return event


def reported_demand(ctx: Coding, sent_idx: int, sent: Span, tok: Token) -> Event | None:
    """"X said Y must (should) do Z": X demands of (appeals to) Y."""
    modal = next((c for c in tok.children if c.dep_ == "aux" and c.lemma_.lower() in ctx.lex.appeal), None)
    if modal is None or syntax.is_negated(tok) or syntax.passive_subject(tok) is not None:
        return None
    speaker_tok = syntax.speaker_of(tok, ctx.lex.speech_verbs)
    subj = syntax.subject_of(tok, ctx.lex)
    if speaker_tok is None or subj is None:
        return None
    speaker = side_of(ctx, [speaker_tok]).first
    addressee = side_of(ctx, syntax.with_conjuncts(subj))
    if not known(speaker) or not addressee.refs or is_group(addressee.first, ctx.lex):
        return None
    target = next((r for r in addressee.refs if not same_actor(r, speaker)
                   and not (r.country and r.country == speaker.country and not r.name)), None)
    if target is None:
        return None
    demand = modal.lemma_.lower() in ctx.lex.demand_modals
    code = ctx.classes.demand if demand else ctx.lex.appeal_code
    rule = RuleName("reported-demand" if demand else "reported-appeal")
    event = new_event(ctx, sent_idx, sent, tok, code, speaker, target, False, rule, 0.7)
    ctx.note(Decision(sent_idx, tok.text, rule, event=event))
    return event
