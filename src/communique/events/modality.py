"""Modality: whether a trigger is an act told as done (not negated, hypothetical, conditional,
asked for, alleged or background), and the CAMEO statements that are no event."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

from . import syntax
from .codebook import lookup
from .codeclasses import NOUN_POS, VERB_POS
from .context import Coding
from .outcomes import Block, Blocked, Statement
from .patterns import Lexicon, Pattern


def why_blocked(ctx: Coding, tok: Token, pat: Pattern | None) -> Blocked | None:
    """Why the trigger is not an act told as done, or None."""
    if syntax.is_negated(tok):
        return Blocked(Block.NEGATED)
    if tok.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
            and not (pat is None and tok.head.lemma_.lower() in ctx.lex.intent):  # "its readiness to deepen"
        return Blocked(Block.PROPOSED, tok.head.text)
    if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in ctx.lex.irrealis:
        return Blocked(Block.ASKED_FOR, tok.head.text)  # "demanded that Israel withdraw"
    if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in ctx.lex.allege_verbs and not own_claim(tok, ctx.lex):
        return Blocked(Block.ALLEGED, tok.head.text)  # "claimed that X sent troops"
    if tok.dep_ in ("acl", "advcl", "ccomp") and tok.head.pos_ in NOUN_POS \
            and tok.head.lemma_.lower() in ctx.lex.irrealis:
        return Blocked(Block.ASKED_FOR_BY_NOUN, tok.head.text)  # "the US call for Tehran to halt"
    if tok.dep_ == "ccomp" and (asked := next((o for o in syntax.objects_of(tok.head) if o.pos_ in NOUN_POS
                                               and o.lemma_.lower() in ctx.lex.irrealis), None)):
        return Blocked(Block.ASKED_FOR_BY_NOUN, asked.text)  # "reiterated its demand that Israel ease"
    for gov in syntax.governors(tok, {"xcomp", "conj", "acomp", "advcl"}):
        for child in gov.children:
            if child.dep_ == "aux" and child.lemma_.lower() in ctx.lex.irrealis:
                if child.lower_ == "would" and is_reported(ctx, gov):
                    continue  # "said it would allow": a reported intent, weighed by the stance
                if child.lemma_.lower() in ctx.lex.conditional_threat and has_condition(gov):
                    return Blocked(Block.CONDITIONAL_THREAT, child.text)
                return Blocked(Block.HYPOTHETICAL, child.text)
            if child.dep_ == "aux" and child.lower_ in ctx.lex.future_aux and has_condition(gov):
                return Blocked(Block.CONDITIONAL_THREAT, child.text)  # "will strike if", "will warn X if"
            if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                return Blocked(Block.INSIDE_CONDITION, child.lower_)
            if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in child.children):
                return Blocked(Block.UNLESS)
        if gov != tok and gov.lemma_.lower() in ctx.lex.irrealis and not coordinated(tok, gov):
            return Blocked(Block.FAILED if gov.lemma_.lower() == "fail" else Block.GOVERNED, gov.text)
    if tok.tag_ in ("VBN", "VBZ", "VBP", "VBG") and background(syntax.clause_text(tok), ctx.lex):
        return Blocked(Block.BACKGROUND)
    if pat is not None and lookup(pat.cameo).plover in ctx.classes.unasserted_aims and purpose_clause(tok, ctx.lex):
        return Blocked(Block.AIM)
    if over_a_period(tok):
        return Blocked(Block.OVER_A_PERIOD)
    return None


def refusal(tok: Token, blocked: Blocked, lex: Lexicon) -> bool:
    """A cooperative act negated under a modal ("will not accept"), or one an actor failed at. A
    condition does not undo the refusal: "will not accept refugees if war starts" is a stated
    policy of rejection ("unless" makes an ultimatum, decided before this)."""
    governors = list(syntax.governors(tok, {"xcomp", "acomp"}))
    if blocked.why is Block.NEGATED:
        return any(c.dep_ == "aux" and c.lower_ in lex.refusal_modals for g in governors for c in g.children)
    return blocked.why is Block.FAILED


def is_reported(ctx: Coding, tok: Token) -> bool:
    """The clause is what someone says, announces or confirms ("Iraq said it would ...")."""
    top = tok
    for top in syntax.governors(tok, {"xcomp", "conj", "acomp"}):
        pass
    return top.dep_ in ("ccomp", "xcomp", "pcomp") and top.head.lemma_.lower() in ctx.lex.reporting


def statement_of(ctx: Coding, tok: Token, code: str) -> Statement | None:
    """A refusal to comment or a denial of accusations: CAMEO public statements (011, 016)
    that have no PLOVER type, so no event."""
    plover = lookup(code).plover
    if plover not in ("REJECT", "REQUEST", "THREATEN"):
        return None
    if plover == "REJECT" and any(c.dep_ == "xcomp" and c.lemma_.lower() in ctx.lex.decline_to
                                  for c in tok.children):  # not "urged Pakistan to elaborate a policy"
        return Statement.NO_COMMENT
    if any(o.lemma_.lower() in ctx.lex.denied or o.lower_ in ctx.lex.denied for o in syntax.objects_of(tok)):
        return Statement.DENIED_ACCUSATIONS
    if plover == "REJECT" and tok.lemma_.lower() in ctx.lex.denial_verbs and any(
            c.dep_ in ("xcomp", "ccomp", "dobj", "pcomp") and c.tag_ == "VBG" for c in tok.children):
        return Statement.DENIED_ACT
    if plover == "THREATEN" and warns_of_possibility(tok, ctx.lex):
        return Statement.WARNING
    return None


def own_claim(clause: Token, lex: Lexicon) -> bool:
    """What a claimant says of itself ("the Houthis claimed that they had attacked"): the clause's
    subject is a pronoun or the claimant."""
    subj = syntax.subject_of(clause, lex)
    claimant = syntax.subject_of(clause.head, lex)
    return subj is not None and (subj.pos_ == "PRON" or (claimant is not None and subj.lower_ == claimant.lower_))


@lru_cache(maxsize=4)
def _recent_span(words: tuple[str, ...]) -> re.Pattern[str]:
    """What makes "in the past" recent: a number or a word of a short span after it ("in the past two days")."""
    return re.compile(r"\s+(\d|" + "|".join(re.escape(w) for w in words) + r")\b")


def background(clause: str, lex: Lexicon) -> bool:
    """The clause has a background or habitual cue ("for years", "has long"), as whole words;
    "in the past" followed by a short span ("in the past two days") is recent, not background."""
    for cue in lex.background:
        for found in re.finditer(r"\b" + re.escape(cue) + r"\b", clause):
            if not ("past" in cue and _recent_span(lex.recent_span).match(clause, found.end())):
                return True
    return False


def over_a_period(tok: Token) -> bool:
    """A present perfect with a "since" phrase from a named year tells what has gone on over years up
    to now ("has sent 2,000 troops since 2002"), not one act; "since last year" may tell a recent one."""
    perfect = any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in tok.children) and tok.tag_ == "VBN"
    return perfect and any(c.dep_ == "prep" and c.lower_ == "since" and any(
        t.like_num and len(t.text) == 4 for t in c.subtree) for c in tok.children)


def coordinated(tok: Token, gov: Token) -> bool:
    """``tok`` reaches ``gov`` through conjunctions only: "rejects and condemns" are two acts,
    where "refused to condemn" embeds one in the other."""
    while tok != gov and tok.head != tok:
        if tok.dep_ != "conj":
            return False
        tok = tok.head
    return tok == gov


def purpose_clause(tok: Token, lex: Lexicon) -> bool:
    """The trigger states the aim of another act ("blocked roads to press their demands")."""
    return tok.dep_ == "advcl" and tok.head.pos_ in VERB_POS \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
        and tok.head.lemma_.lower() not in lex.speech_verbs


def circumstance_clause(tok: Token, lex: Lexicon) -> bool:
    """The trigger heads a clause that sets the scene of another act ("... as the opposition
    threatened to storm his residence", "... after talks collapsed"): it ranks below that act."""
    for gov in syntax.governors(tok, {"xcomp", "conj"}):
        if gov.dep_ == "advcl" and gov.head.pos_ in VERB_POS \
                and any(c.dep_ == "mark" and c.lower_ in lex.circumstance_marks for c in gov.children):
            return True
    return False


def unless_clause(tok: Token) -> bool:
    """The act is governed by a clause with "unless" ("will not release them unless ...")."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
               for g in syntax.governors(tok, {"xcomp", "acomp"}) for c in g.children)


def describes_a_noun(tok: Token) -> bool:
    """The trigger sits in a clause that describes a noun ("a resolution that aims to tighten sanctions")."""
    return any(g.dep_ in ("relcl", "acl") for g in syntax.governors(tok, {"xcomp", "conj", "advcl", "relcl", "acl"}))


def warns_of_possibility(tok: Token, lex: Lexicon) -> bool:
    """"Warned that Freedonia could test another missile": the that-clause says what another party
    may do (an epistemic modal, another subject); the warner threatens nothing."""
    subjects = {c.lower_ for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")}
    for clause in tok.children:
        if clause.dep_ != "ccomp":
            continue
        modal = any(c.dep_ == "aux" and c.lower_ in lex.epistemic_modals for c in clause.children)
        own = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if modal and own and not any(c.lower_ in subjects or c.pos_ == "PRON" for c in own):  # "it could": the warner
            return True
    return False


def has_condition(tok: Token) -> bool:
    """The clause carries an "if" condition ("may halt mediation if cooperation founders")."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "if" for m in c.children)
               for c in tok.children)
