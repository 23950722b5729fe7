"""The ``events`` stage: sentence-level events from the dependency parse and the pattern dictionary.

For every token that is a trigger (a verb or noun listed in the pattern dictionary, or a
cooperation predicate under a stance marker) the coder

1. checks modality: negated, hypothetical, conditional and background acts are not coded;
2. finds the source (subject, passive agent, conjoined subjects, "between A and B", the speaker
   of reported speech) and the target (object or prepositional argument named by the rule);
3. resolves both to actor mentions from the ``actors`` stage;
4. looks the CAMEO code up in the codebook for PLOVER type, mode, quad class and Goldstein score.

Every decision is written to ``doc.annotations["trace"]`` so ``communique explain`` can show why
a sentence was or was not coded.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Span, Token

from ..actors.lookup import mentions_in
from ..records import ActorRef, Document, Event, Evidence, Stance, Trigger
from ..registry import StageSettings, stage
from . import syntax
from .arguments import act_noun, add_argument_spans, predicate_object
from .codebook import lookup
from .parties import (
    BODY_CODES, agent_of, aimed_at_own_state, antecedent_in_sentence, country_code, crowd_of_place,
    document_dyad, host_state, is_group, known, of_group, locate_parties, located_in, mention_ref, modifier_country,
    named_entity,
    other_party,
    phrase_text, place_as_party, same_actor, same_state, scene_state, speaker_replaces, split_by_country,
    state_of_place, valid_code,
)
from .context import Coding
from .outcomes import Block, Blocked, Decision, Found, How, Modifier, RuleName, Skip, Statement, Supplied, Together
from .patterns import Lexicon, Pattern, PatternSet, load_lexicon, load_patterns

GATHERINGS = {
    "meeting", "talk", "talks", "consultation", "dialogue", "negotiation", "discussion", "summit",
    "conference", "forum", "session", "round", "exchange", "exercise", "drill", "patrol", "visit",
    "assembly", "congress", "ceremony", "expo", "event", "mechanism", "meet",
}
COUNTERPART = "counterpart"
MAX_CONJUNCTS = 8  # coordinated parties of one role coded as events of their own, at most
VERB_POS = {"VERB", "AUX"}
VERBAL_TYPES = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE"}
QUANTITY_HEADS = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million", "millions",
                  "group", "groups", "crowd", "crowds", "number", "some", "many", "members", "member", "scores",
                  "deployment", "contingent", "batch", "patch", "wave", "detachment", "convoy"}
COOPERATIVE_TYPES = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
CONFLICT_TYPES = {"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST"}
# Acts aimed at someone: with no one named, at the other state of an article between two states.
DIRECTED_TYPES = {"ACCUSE", "THREATEN", "SANCTION", "REJECT"}
HOSTILE_TYPES = {"COERCE", "ASSAULT"}
# A demonstration (CAMEO 141) by a state or its officials is an official protest (111).
DEMONSTRATION, OFFICIAL_PROTEST, OFFICIAL_SECTORS = "141", "111", {"GOV", "MIL"}
ARTICLE_SENTENCES = 3  # enough sentences for an article's two states to be known  # acts on another's people or things, not one's own
REFUSAL_MODALS = {"will", "would", "shall", "can", "could", "wo", "ca"}
FUTURE_AUX = {"will", "shall"}
TRAVEL_CODES = ("042",)  # a visit: made to a host, not among those who travel
# Material attacks stated as the aim of another act ("sent troops to fight the rebels") are not told
# as done; a demand stated as an aim ("marched to demand reforms") is voiced by the act itself.
UNASSERTED_AIMS = {"ASSAULT"}
# Discrete acts that news reports schedule (meetings and visits, signings, exercises): told in the
# report's own future tense they are planned acts, not statements of intent.
SCHEDULED_ACTS = ("04", "057", "062")


def _refusal(tok: Token, blocked: Blocked) -> bool:
    """A cooperative act negated under a modal ("will not accept"), or one an actor failed at. A
    condition does not undo the refusal: "will not accept refugees if war starts" is a stated
    policy of rejection ("unless" makes an ultimatum, decided before this)."""
    governors = list(syntax.governors(tok, {"xcomp", "acomp"}))
    if blocked.why is Block.NEGATED:
        return any(c.dep_ == "aux" and c.lower_ in REFUSAL_MODALS for g in governors for c in g.children)
    return blocked.why is Block.FAILED


PURPOSE_VERBS = {"help", "assist", "support", "aid", "benefit", "protect", "feed", "rebuild", "strengthen"}
# Attacks and deployments with no named target are aimed at the state where they happen.
PLACE_TARGET_TYPES = {"ASSAULT", "MOBILIZE"}
# Acts aimed at the people of a place abroad when they name no party: aid delivered there, a
# ceasefire declared there (CAMEO 0871, declare truce or ceasefire).
ABROAD_TARGET_TYPES = {"AID"}
# What is given, in the passive with no giver named, in an article about two states, is given by
# the other one ("the vessel was handed over to Fiji")
GIVEN_TYPES = {"AID"}
# Acts that need a counterpart, which an article about two states need not name again
DYAD_TARGET_TYPES = {"SANCTION"}
CEASEFIRE_CODES = ("0871",)
# Prepositions of the act's circumstances (when, after what), whose objects are no party to it; not
# "despite": "declined to resign despite pressure by Congress" rejects what Congress asks.
CIRCUMSTANCE_PREPS = {"after", "before", "following", "during", "amid", "amidst", "since", "until",
                      "pending", "because", "due", "ahead"}
# Where what a verb of movement moves goes to or comes from: the party of the act.
MOVEMENT_PREPS = {"to", "into", "in", "inside", "from", "out", "at", "toward", "towards"}
TIME_WORDS = {"tomorrow", "next", "later", "upcoming", "coming"}


# Clauses that are not the predicate's own ("..., the ministry said on Monday"; "which it seized in May").
OTHER_CLAUSES = {"ccomp", "parataxis", "advcl", "relcl", "acl", "csubj"}
# Prepositions whose time is a duration or a past reference, not when the act is set for.
PAST_OR_SPAN_PREPS = {"after", "since", "for", "over", "during", "before", "ago", "throughout"}


def _has_time(tok: Token) -> bool:
    """The predicate's clause sets a time for the act ("next week", "on Monday", "in June"); a
    duration or past reference ("after fifteen years", "six months ago") sets none."""
    top = tok
    for top in syntax.governors(tok, {"xcomp", "acomp", "conj"}):
        pass
    for t in top.subtree:
        if not (t.ent_type_ in ("DATE", "TIME") or t.lower_ in TIME_WORDS):
            continue
        path, node = [], t
        while node != top and node.head != node:
            path.append(node)
            node = node.head
        if any(n.dep_ in OTHER_CLAUSES for n in path):
            continue
        if any(n.dep_ == "prep" and n.lower_ in PAST_OR_SPAN_PREPS for n in path) or t.lower_ == "ago" \
                or any(c.lower_ == "ago" for c in t.head.children) or t.head.lower_ == "ago":
            continue
        return True
    return False
NOUN_POS = {"NOUN", "PROPN"}


@dataclass
class Side:
    """One side of an event: one actor, or two for a symmetric pair found in the text."""

    refs: list[ActorRef] = field(default_factory=list)
    how: Found | None = None

    @property
    def first(self) -> ActorRef | None:
        return self.refs[0] if self.refs else None


class EventCoder:
    def __init__(self, patterns: PatternSet, lexicon: Lexicon, min_confidence: float = 0.0,
                 classifier: Any = None, classifier_threshold: float = 0.6) -> None:
        self.classifier = classifier  # a communique.events.classifier.SentenceClassifier, or None
        self.classifier_threshold = classifier_threshold
        self.patterns = patterns
        # the object words each rule needs ("impose a curfew"): part of the predicate, not a party
        self._rule_objects = {p.id: p.objects for p in patterns.patterns if p.objects}
        self._acts = frozenset(v for p in patterns.patterns for v in p.verbs)  # nouns of these are acts
        self.lex = lexicon
        self.min_confidence = min_confidence

    # -- the stage ---------------------------------------------------------------------------
    def __call__(self, doc: Document) -> Document:
        sdoc = doc.spacy_doc
        if sdoc is None:
            raise ValueError(f"{doc.doc_id}: the 'events' stage needs the 'parse' stage before it")
        ctx = Coding(doc, document_dyad(doc), doc.annotations.setdefault("trace", []))
        doc.annotations["coding"] = ctx.decisions
        sents = list(sdoc.sents)
        coded = [[e for tok in sent for e in self.code_token(ctx, i, sent, tok)] for i, sent in enumerate(sents)]
        # the model decides only where it matters: which of several events is primary, or whether a
        # sentence no rule coded holds an event (a verb-headed sentence that is not mere speech)
        wanted = [i for i, found in enumerate(coded) if len(found) > 1 or (
            not found and i not in ctx.statements and sents[i].root.pos_ in VERB_POS
            and sents[i].root.lemma_.lower() not in syntax.SPEECH_VERBS)]
        if self.classifier is not None and wanted:
            for i, prediction in zip(wanted, self.classifier.predict([sents[i].text for i in wanted])):
                if coded[i]:
                    _weigh_by_model(coded[i], prediction)
                else:
                    coded[i] = self._model_event(ctx, i, sents[i], prediction)
        ctx.doc.events = [e for i, found in enumerate(coded) for e in _without_bare_agreements(found, sents[i], ctx.rule_of)]
        add_argument_spans(ctx.doc, self._rule_objects, self.lex.movement, self._acts)
        return doc

    def _model_event(self, ctx: Coding, sent_idx: int, sent: Span, prediction: Any) -> list[Event]:
        """No rule fired: the sentence classifier may propose the kind of event, the parse the actors.
        It proposes when it is confident of the sentence's penta class (not a plain statement); the
        type is the most probable PLOVER type of that class."""
        probability = prediction.penta_proba[prediction.penta]
        root = sent.root
        if prediction.penta == 0 or probability < self.classifier_threshold or root.pos_ not in VERB_POS \
                or root.lemma_.lower() in syntax.SPEECH_VERBS or self._blocked(root, None):
            return []
        in_class = [t for t, c in self.lex.classifier_codes.items() if lookup(c).penta_class == prediction.penta]
        plover = max(in_class, key=lambda t: prediction.plover_proba.get(t, 0.0), default=None)
        code = self.lex.classifier_codes.get(plover or "")
        if code is None:
            return []
        source, target, symmetric, how = self._attribute(ctx, root, None, code)
        if not known(source.first) or (target.first is not None and same_actor(source.first, target.first)):
            return []
        src, tgt = source.first, target.first
        if not known(tgt):
            return []  # an interaction needs its second party, which no rule found for the model to code
        event = self._event(ctx, sent_idx, sent, root, code, src, tgt, symmetric, RuleName("classifier"),
                            round(0.5 * probability, 3))
        ctx.trace.append(f"sentence {sent_idx} '{root.text}': no rule fired; classifier -> {code} {plover} "
                     f"(penta {prediction.penta}) "
                     f"(p={probability:.2f}) {src.country or '-'}:{src.name} -> "
                     f"{(tgt.country or '-') if tgt else '-'} ({how})")
        return [event]

    # -- triggers ----------------------------------------------------------------------------
    def code_token(self, ctx: Coding, sent_idx: int, sent: Span, tok: Token) -> list[Event]:
        """The events one token triggers (several when co-actors act together: one per actor)."""
        lemma = tok.lemma_.lower()
        if tok.pos_ in VERB_POS and any(c.dep_ == "det" for c in tok.children):
            return []  # "evacuated the wounded": a participle used as a noun names people, not an act
        if tok.pos_ in VERB_POS and lemma not in self.patterns.by_verb:
            lemma = next((w for w in syntax.lemma_guesses(tok) if w in self.patterns.by_verb), lemma)
        if tok.pos_ in VERB_POS and lemma in self.lex.cooperation_verbs and self._is_cooperation(tok):
            match = self._stance_code(tok)
            if match:
                return self._code_match(ctx, sent_idx, sent, tok, match) or []
            # "upgraded their ties to ambassadorial level": only a rule of its own codes the act itself
            pats = [p for p in self._verb_patterns(tok, lemma) if p.objects]
            return (self._code_match(ctx, sent_idx, sent, tok, (pats[0].cameo, pats[0], RuleName(pats[0].id))) or []) \
                if pats else []
        if tok.pos_ in VERB_POS and (demand := self._reported_demand(ctx, sent_idx, sent, tok)):
            return [demand]
        if tok.pos_ in VERB_POS:
            candidates = self._verb_patterns(tok, lemma)
        elif tok.pos_ in NOUN_POS and lemma in self.patterns.by_noun:
            candidates = self._noun_patterns(tok, lemma)
        else:
            return []
        for pat in candidates:
            events = self._code_match(ctx, sent_idx, sent, tok, (pat.cameo, pat, RuleName(pat.id)))
            if events is not None:
                return events
        return []

    def _code_match(self, ctx: Coding, sent_idx: int, sent: Span, tok: Token,
                    match: tuple[str, Pattern | None, RuleName]) -> list[Event] | None:
        """Code one trigger with one rule; None: nothing coded, and another rule may still try."""
        code, pat, rule = match
        blocked = self._blocked(tok, pat)
        why = blocked.why if blocked else None
        if why is Block.UNLESS and lookup(code).plover not in VERBAL_TYPES:
            code, rule = "130", rule.plus(Modifier.ULTIMATUM)  # "will withdraw ... unless": a threat
        elif why is Block.NEGATED and _unless_clause(tok):
            code, rule = "130", rule.plus(Modifier.ULTIMATUM)  # "will not release the soldiers unless Israel ..."
        elif why is Block.CONDITIONAL_THREAT and lookup(code).plover in CONFLICT_TYPES:
            code, rule = self.lex.intent_codes[lookup(code).plover], rule.plus(Modifier.CONDITIONAL_THREAT)
        elif blocked and lookup(code).plover in COOPERATIVE_TYPES and _refusal(tok, blocked):
            # "will not accept", "would not meet", "failed to reach agreement": a stated refusal
            code, rule = ("125" if lookup(code).plover == "CONSULT" else "120"), rule.plus(Modifier.REFUSAL)
        elif blocked:
            ctx.note(Decision(sent_idx, tok.text, rule, blocked))
            return []
        if pat is not None and pat.object_kind == "gathering" and not _gathering_nouns(tok):
            ctx.note(Decision(sent_idx, tok.text, rule, Skip.NOTHING_NAMED))  # "will also be participating"
            ctx.statements.add(sent_idx)  # decided: nor may the sentence classifier code it
            return []
        if pat is not None and not rule.steps and tok.pos_ in VERB_POS:
            code, rule = self._apply_stance(tok, pat, code, rule)
            if code is None:
                ctx.note(Decision(sent_idx, tok.text, rule, Skip.WISH))
                return []
        if pat is not None and pat.object_kind == "gathering" and code == pat.cameo:
            code, rule = self._gathering_act(tok, code, rule)
        statement = self._statement(tok, code)
        if statement:
            ctx.note(Decision(sent_idx, tok.text, rule, statement))
            ctx.statements.add(sent_idx)  # nor may the sentence classifier make it an event
            return []
        source, target, symmetric, how = self._attribute(ctx, tok, pat, code)
        if not known(source.first) and lookup(code).plover == "PROTEST":
            crowd = crowd_of_place(tok)  # protesters with no name: the civilians of where they protest
            if crowd is not None:
                source, how = Side([crowd]), how.plus(Supplied.CIVILIANS)
        if not known(source.first):
            unnamed = self._unnamed_doer(ctx, tok, code)
            if unnamed is not None:
                source, how = Side([unnamed]), how.plus(Supplied.UNNAMED_DOER)
        if not known(source.first) and lookup(code).plover in GIVEN_TYPES and syntax.is_passive(tok) \
                and target.first is not None and (giver := self._dyad_counterpart(ctx, target.first)) is not None:
            source, how = Side([giver]), how.plus(Supplied.GIVER)  # "the vessel was handed over to Fiji"
        if not known(source.first):
            ctx.note(Decision(sent_idx, tok.text, rule, Skip.NO_SOURCE))
            return []
        if pat is not None and pat.requires_actor_object and not known(target.first):
            ctx.note(Decision(sent_idx, tok.text, rule, Skip.NO_ACTOR_OBJECT))
            return None
        if pat is not None and tok.pos_ in NOUN_POS and not known(target.first):
            ctx.note(Decision(sent_idx, tok.text, rule, Skip.NO_COUNTERPART))
            return []
        src, tgt = source.first, target.first
        if code == DEMONSTRATION and (src.sector in OFFICIAL_SECTORS or (src.actor_id or "").startswith("country:")):
            # "the defense ministry sternly protested the incursion": a state's complaint, not a street protest
            code, rule = OFFICIAL_PROTEST, rule.plus(Modifier.OFFICIAL)
        plover_type = lookup(code).plover
        if lookup(code).plover == "THREATEN" and (tgt is None or rule.has(Modifier.ULTIMATUM)):
            asked = self._party_of_condition(ctx, tok, src)  # an ultimatum is aimed at the one it asks to act
            tgt = asked if asked is not None and (tgt is None or asked.country) else tgt
        if tgt is None:
            tgt = self._aim_party(ctx, tok, code, src)
        if tgt is None and aimed_at_own_state(code):
            tgt = state_of_place(tok) or (ActorRef(country=src.country, text="the state") if src.country else None)
        elif tgt is None and plover_type in PLACE_TARGET_TYPES:
            tgt = state_of_place(tok)
        elif tgt is None and (plover_type in ABROAD_TARGET_TYPES or code.startswith(CEASEFIRE_CODES)):
            place = state_of_place(tok)  # "aid for those affected in Yemen", "a ceasefire in Yemen"
            tgt = place if _abroad(place, src) else None
        elif tgt is None and plover_type in ("THREATEN", "AGREE"):  # "threatened to impose a curfew in Algiers"
            place = state_of_place(tok)
            tgt = place if place is not None and not same_state(src, place, code) else None
        if tgt is not None and plover_type in HOSTILE_TYPES and tgt.country and tgt.country == src.country:
            tgt = self._speaker_owns(ctx, tok, src, tgt)
        if how.together is Together.JOINT_ACTORS and pat is not None and pat.object_kind is not None \
                and (code.startswith(TRAVEL_CODES) or code == pat.cameo):
            # "the ministers of A, B and C headed to Crete", "A and B leaders will attend a summit of the
            # SCO": those who go or attend together visit the host, or meet the gathering's body
            together = [src, *target.refs]
            host = self._host(ctx, tok, pat, code, together)
            source, target, how = Side(together), Side([host] if host else []), How(Found.SUBJECT, together=Together.CO_ACTORS)
            tgt = host
        if code.startswith(TRAVEL_CODES) and pat is not None and pat.object_kind == "place" \
                and (tgt is None or not tgt.country or tgt.country == src.country):  # "to Crete": a place of no known state
            ctx.note(Decision(sent_idx, tok.text, rule, Skip.NO_HOST))
            ctx.statements.add(sent_idx)  # decided: nor may the sentence classifier code it
            return []
        if tgt is None and rule.has(Modifier.REFUSAL):
            # "the cabinet could not meet": a refusal is of an act with someone, else it is no interaction
            ctx.note(Decision(sent_idx, tok.text, rule, Skip.REFUSAL_OF_NO_ONE))
            ctx.statements.add(sent_idx)  # decided: nor may the sentence classifier code it
            return []
        if tgt is None and plover_type in DIRECTED_TYPES and len(ctx.doc.sentences) >= ARTICLE_SENTENCES \
                and how.together is not Together.CO_ACTORS and (other := self._dyad_counterpart(ctx, src)) is not None:
            # in an article between two states, a charge, threat, sanction or refusal that names no one
            # is aimed at the other state ("Ankara also threatened to cut economic ties")
            tgt, how = other, how.plus(Supplied.ARTICLE_OTHER_STATE)
        if plover_type in DYAD_TARGET_TYPES and (tgt is None or (tgt.country is None and tgt.sector not in ("IGO", "NGO"))):
            other = self._dyad_counterpart(ctx, src)  # "sanctions against the companies involved": the other state's
            tgt = other if tgt is None or other is None else replace(tgt, country=other.country)
        if tgt is not None and (same_actor(src, tgt) or same_state(src, tgt, code)):
            ctx.note(Decision(sent_idx, tok.text, rule, Skip.SAME_ACTOR))
            return []
        # coordinated recipients of the role the rule found: one event each
        others = target.refs[1:] if tgt is target.first else []
        src, tgt = locate_parties(ctx.doc, tok, code, src, tgt, ctx.dyad)
        confidence = (pat.confidence if pat else 0.75) * (1.0 if known(tgt) else 0.7)
        if Supplied.UNNAMED_DOER in how.supplied:  # the text names no doer: "two people were killed when ..."
            confidence *= 0.9
        if _purpose_clause(tok) or _describes_a_noun(tok) or _circumstance_clause(tok):
            # "staged protests to demand reforms", "a resolution that aims to tighten ...",
            # "resigned as the opposition threatened to storm his residence"
            confidence *= 0.9
        if confidence < self.min_confidence:
            ctx.note(Decision(sent_idx, tok.text, rule, Skip.LOW_CONFIDENCE, confidence=confidence))
            return []
        code = self._specialise(tok, pat, code, src)
        # a promise binds its maker; but "Canada and Costa Rica agreed to start negotiations" binds both
        symmetric = symmetric and (not rule.has(Modifier.INTENT, Modifier.CONDITIONAL_THREAT, Modifier.ULTIMATUM)
                                   or how.together is Together.JOINT_ACTORS)
        actors = [src, *source.refs[1:]] if how.together is Together.CO_ACTORS else [src]
        particle = syntax.particle(tok, pat.preps) if pat is not None and pat.preps else None
        pairs = [(actor, recipient) for actor in actors for recipient in [tgt, *others]]
        if how.together is Together.JOINT_ACTORS and not code.startswith(TRAVEL_CODES):
            # "A, B and C held drills": A-B, A-C and B-C; but those who travel together do not visit each other
            joint = [r for r in (tgt, *others) if r is not None]
            pairs += [(a, b) for i, a in enumerate(joint) for b in joint[i + 1:]]
        events = []
        for actor, recipient in pairs:
            if True:
                if recipient is not tgt:  # checked as the first recipient was, then placed
                    if same_actor(actor, recipient) or same_state(actor, recipient, code):
                        continue
                    _, recipient = locate_parties(ctx.doc, tok, code, actor, recipient, ctx.dyad)
                if recipient is not None and same_actor(actor, recipient):
                    continue
                event = self._event(ctx, sent_idx, sent, tok, code, actor, recipient, symmetric, rule, confidence)
                if particle is not None and particle.i == tok.i + 1:
                    _with_particle(event, tok, particle)
                ctx.note(Decision(sent_idx, tok.text, rule, event=event, how=how))
                events.append(event)
        return events

    def _host(self, ctx: Coding, tok: Token, pat: Pattern, code: str, together: list[ActorRef]) -> ActorRef | None:
        """The state of the place those who travel together go to, or the party of the gathering they
        attend together that is none of them."""
        if pat.object_kind == "place":
            return next((ref for c in tok.children if c.dep_ == "prep" and c.lower_ in pat.target
                         for p in c.children if p.dep_ == "pobj" and (ref := place_as_party(p)) is not None),
                        None) or state_of_place(tok)
        side = self._target(ctx, tok, pat, code, together[0])
        return next((r for r in side.refs if known(r) and not any(
            same_actor(r, a) or (r.country and r.country == a.country) for a in together)), None)

    def _speaker_owns(self, ctx: Coding, tok: Token, src: ActorRef, tgt: ActorRef) -> ActorRef:
        """"Armenia says Azerbaijani guards fired on their outpost": what an attacker attacks is not
        its own; a pronoun owner in what a speaker of another state reports is the speaker's side."""
        owner = next((m for m in ctx.doc.mentions if tgt.mention_id and m.mention_id == tgt.mention_id), None)
        speaker = syntax.speaker_of(tok)
        if owner is None or owner.kind != "pronoun" or speaker is None:
            return tgt
        said_by = self._side(ctx, [speaker]).first
        if said_by is None or not said_by.country or said_by.country == src.country:
            return tgt
        return ActorRef(country=said_by.country, sector=tgt.sector, name=tgt.name, text=tgt.text)

    def _gathering_act(self, tok: Token, code: str, rule: RuleName) -> tuple[str, RuleName]:
        """Taking part in a gathering that is itself an act of another rule of the verb ("participate
        in the exercise", as "join the exercise" is coded) is that act, not a meeting."""
        lemma = tok.lemma_.lower()
        nouns = _gathering_nouns(tok)
        words = {n.lemma_.lower() for n in nouns} | {n.lower_ for n in nouns}
        for verb in (lemma, "participate"):
            for other in self.patterns.by_verb.get(verb, ()):
                if other.objects and other.object_kind is None and words & other.objects:
                    return other.cameo, rule.plus(other.id)
        return code, rule

    def _acts_on_a_thing(self, tok: Token, pat: Pattern | None) -> bool:
        """The act has an object that is neither a party nor a word the rule needs, and its doers do
        not act on each other: "the UK and France opposed the resolutions" (not "Syria and Israel
        violated the ceasefire", "India and Pakistan accused each other")."""
        if pat is None or _mutual(tok):
            return False
        needed = pat.objects or frozenset()
        return any(o.dep_ == "dobj" and o.pos_ == "NOUN" and not predicate_object(o, needed)
                   for o in syntax.objects_of(tok))

    def _statement(self, tok: Token, code: str) -> Statement | None:
        """A refusal to comment or a denial of accusations: CAMEO public statements (011, 016)
        that have no PLOVER type, so no event."""
        plover = lookup(code).plover
        if plover not in ("REJECT", "REQUEST", "THREATEN"):
            return None
        if plover == "REJECT" and any(c.dep_ == "xcomp" and c.lemma_.lower() in self.lex.decline_to
                                      for c in tok.children):  # not "urged Pakistan to elaborate a policy"
            return Statement.NO_COMMENT
        if any(o.lemma_.lower() in self.lex.denied or o.lower_ in self.lex.denied for o in syntax.objects_of(tok)):
            return Statement.DENIED_ACCUSATIONS
        if plover == "REJECT" and tok.lemma_.lower() in self.lex.denial_verbs and any(
                c.dep_ in ("xcomp", "ccomp", "dobj", "pcomp") and c.tag_ == "VBG" for c in tok.children):
            return Statement.DENIED_ACT
        if plover == "THREATEN" and _warns_of_possibility(tok):
            return Statement.WARNING
        return None

    def _reported_demand(self, ctx: Coding, sent_idx: int, sent: Span, tok: Token) -> Event | None:
        """"X said Y must (should) do Z": X demands of (appeals to) Y."""
        modal = next((c for c in tok.children if c.dep_ == "aux" and c.lemma_.lower() in self.lex.appeal), None)
        if modal is None or syntax.is_negated(tok) or syntax.passive_subject(tok) is not None:
            return None
        speaker_tok = syntax.speaker_of(tok)
        subj = syntax.subject_of(tok)
        if speaker_tok is None or subj is None:
            return None
        speaker = self._side(ctx, [speaker_tok]).first
        addressee = self._side(ctx, syntax.with_conjuncts(subj))
        if not known(speaker) or not addressee.refs or is_group(addressee.first):
            return None
        target = next((r for r in addressee.refs if not same_actor(r, speaker)
                       and not (r.country and r.country == speaker.country and not r.name)), None)
        if target is None:
            return None
        code = "100" if modal.lemma_.lower() in ("must", "have") else "020"
        rule = RuleName("reported-demand" if code == "100" else "reported-appeal")
        event = self._event(ctx, sent_idx, sent, tok, code, speaker, target, False, rule, 0.7)
        ctx.note(Decision(sent_idx, tok.text, rule, event=event))
        return event

    def _is_cooperation(self, tok: Token) -> bool:
        lemma = tok.lemma_.lower()
        if lemma in ("cooperate", "collaborate"):
            return True
        if lemma == "work" and syntax.has_prep(tok, frozenset({"with", "together"})):
            return True
        return any(o.lemma_.lower() in self.lex.cooperation_objects for o in syntax.objects_of(tok))

    def _stance_code(self, tok: Token) -> tuple[str, None, RuleName] | None:
        stance = self._stance(tok)
        if stance is Stance.INTENT:
            return self.lex.intent_codes["cooperate"], None, RuleName("intent-to-cooperate", stance=stance)
        if stance is Stance.APPEAL:
            return self.lex.appeal_code, None, RuleName("appeal-to-cooperate", stance=stance)
        return None

    def _stance(self, tok: Token) -> Stance | None:
        """'intent' ("is willing to deepen"), 'appeal' ("should strengthen") or None."""
        for gov in syntax.governors(tok, {"xcomp", "acomp", "conj", "ccomp"}):
            if gov.dep_ == "acl" and gov.head.pos_ == "NOUN" and gov.head.lemma_.lower() in self.lex.intent:
                return Stance.INTENT  # "expressed its readiness to deepen ties", "the intent to strengthen"
            for child in gov.children:
                if child.dep_ == "aux":
                    word = child.lemma_.lower()
                    if word in self.lex.appeal:
                        return Stance.APPEAL
                    if word in self.lex.intent or (word == "would" and self._reported(gov)):
                        return Stance.INTENT
            lemma = gov.lemma_.lower()
            if gov != tok and lemma in self.lex.appeal:
                return Stance.APPEAL
            if gov != tok and lemma in self.lex.intent:
                return Stance.INTENT
            if gov.dep_ == "ccomp":
                break
        return None

    def _verb_patterns(self, tok: Token, lemma: str) -> list[Pattern]:
        """The verb rules whose object and preposition constraints the trigger meets, in order."""
        found: list[Pattern] = []
        words: set[str] | None = None  # the clause's words, read once, for domain-gated rules
        objs: list[Token] | None = None  # the objects and their words, read once per trigger
        lemmas: set[str] = set()
        for pat in self.patterns.by_verb.get(lemma, ()):
            if pat.objects is not None and pat.objects:
                if objs is None:
                    objs, lemmas = syntax.objects_of(tok), _object_words(tok)
                if "*" in pat.objects:
                    if not objs:
                        continue
                elif not lemmas & pat.objects:
                    continue
            if pat.not_objects:
                if objs is None:
                    objs, lemmas = syntax.objects_of(tok), _object_words(tok)
                if lemmas & pat.not_objects:
                    continue
            if pat.preps and not syntax.has_prep(tok, pat.preps):
                continue
            if pat.xcomp and not any(c.dep_ == "xcomp" and c.lemma_.lower() in pat.xcomp for c in tok.children):
                continue
            if pat.requires_domain:
                words = words if words is not None else _clause_words(tok)
                if not any(words & self.lex.domains.get(d, frozenset()) for d, _ in pat.domains):
                    continue
            found.append(pat)
        return found

    def _noun_patterns(self, tok: Token, lemma: str) -> list[Pattern]:
        head = tok.head
        if tok.dep_ in syntax.OBJECT_DEPS | {"nsubjpass"} and self._verb_patterns(head, head.lemma_.lower()):
            return []  # "held talks": the verb rule codes it
        has_owner = any(c.dep_ == "poss" for c in tok.children)
        found: list[Pattern] = []
        for pat in self.patterns.by_noun.get(lemma, ()):
            if pat.preps and not syntax.has_prep(tok, pat.preps):
                continue
            if not has_owner and not syntax.prep_objects(tok, "between"):
                continue
            found.append(pat)
        return found

    # -- modality ----------------------------------------------------------------------------
    def _blocked(self, tok: Token, pat: Pattern | None) -> Blocked | None:
        """Why the trigger is not an act told as done, or None."""
        if syntax.is_negated(tok):
            return Blocked(Block.NEGATED)
        if tok.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
                and not (pat is None and tok.head.lemma_.lower() in self.lex.intent):  # "its readiness to deepen"
            return Blocked(Block.PROPOSED, tok.head.text)
        if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in self.lex.irrealis:
            return Blocked(Block.ASKED_FOR, tok.head.text)  # "demanded that Israel withdraw"
        if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in self.lex.allege_verbs and not _own_claim(tok):
            return Blocked(Block.ALLEGED, tok.head.text)  # "claimed that X sent troops"
        if tok.dep_ in ("acl", "advcl", "ccomp") and tok.head.pos_ in NOUN_POS \
                and tok.head.lemma_.lower() in self.lex.irrealis:
            return Blocked(Block.ASKED_FOR_BY_NOUN, tok.head.text)  # "the US call for Tehran to halt"
        if tok.dep_ == "ccomp" and (asked := next((o for o in syntax.objects_of(tok.head) if o.pos_ in NOUN_POS
                                                   and o.lemma_.lower() in self.lex.irrealis), None)):
            return Blocked(Block.ASKED_FOR_BY_NOUN, asked.text)  # "reiterated its demand that Israel ease"
        for gov in syntax.governors(tok, {"xcomp", "conj", "acomp", "advcl"}):
            for child in gov.children:
                if child.dep_ == "aux" and child.lemma_.lower() in self.lex.irrealis:
                    if child.lower_ == "would" and self._reported(gov):
                        continue  # "said it would allow": a reported intent, weighed by the stance
                    if child.lemma_.lower() in self.lex.conditional_threat and _has_condition(gov):
                        return Blocked(Block.CONDITIONAL_THREAT, child.text)
                    return Blocked(Block.HYPOTHETICAL, child.text)
                if child.dep_ == "aux" and child.lower_ in FUTURE_AUX and _has_condition(gov):
                    return Blocked(Block.CONDITIONAL_THREAT, child.text)  # "will strike if", "will warn X if"
                if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                    return Blocked(Block.INSIDE_CONDITION, child.lower_)
                if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in child.children):
                    return Blocked(Block.UNLESS)
            if gov != tok and gov.lemma_.lower() in self.lex.irrealis and not _coordinated(tok, gov):
                return Blocked(Block.FAILED if gov.lemma_.lower() == "fail" else Block.GOVERNED, gov.text)
        if tok.tag_ in ("VBN", "VBZ", "VBP", "VBG") and _background(syntax.clause_text(tok), self.lex.background):
            return Blocked(Block.BACKGROUND)
        if pat is not None and lookup(pat.cameo).plover in UNASSERTED_AIMS and _purpose_clause(tok):
            return Blocked(Block.AIM)
        if _over_a_period(tok):
            return Blocked(Block.OVER_A_PERIOD)
        return None

    def _unnamed_doer(self, ctx: Coding, tok: Token, code: str) -> ActorRef | None:
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
        if plover == "RETREAT" and passive and not code.startswith("084"):  # the freed do not free
            patient = syntax.passive_subject(tok)
            return self._side(ctx, [patient]).first if patient is not None else None
        if plover == "ASSAULT" or (plover == "COERCE" and code[:2] in ("18", "19", "20")):
            subj = None if passive else syntax.subject_of(tok)
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
            scene = origin or scene_state(tok)
            if scene is None:
                return None
            text = phrase_text(subj) if subj is not None else "unidentified attackers"
            return ActorRef(country=scene.country, sector="UAF", name=None, text=text,
                            actor_id=f"unidentified:{scene.country}")
        if passive and plover in ("ACCUSE", "SANCTION"):
            patient = syntax.passive_subject(tok)
            host = host_state(patient) if patient is not None else None
            if host is not None:  # "the Chilean envoy to Lima was summoned": by Peru
                return ActorRef(country=host.country, sector="GOV", name=None, text="the government",
                                actor_id=f"government:{host.country}")
        if passive and (code[:2] == "17" or code[:2] == "09"):
            scene = scene_state(tok)
            if scene is not None:
                return ActorRef(country=scene.country, sector="GOV", name=None, text="the authorities",
                                actor_id=f"authorities:{scene.country}")
        return None

    def _party_of_condition(self, ctx: Coding, tok: Token, source: ActorRef) -> ActorRef | None:
        """A threat is aimed at the one whose act it is conditioned on ("threatened to strike unless
        Israel rescinded the annexation", "... if the United States goes ahead")."""
        for gov in syntax.governors(tok, {"xcomp", "conj"}):
            for node in [gov, *(c for c in gov.children if c.dep_ == "xcomp")]:
                for clause in node.children:
                    if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                                      for m in clause.children):
                        subj = syntax.subject_of(clause)
                        ref = self._side(ctx, [subj]).first if subj is not None else None
                        if ref is not None and known(ref) and not same_actor(ref, source):
                            return ref
        return None

    def _dyad_counterpart(self, ctx: Coding, source: ActorRef) -> ActorRef | None:
        """In an article about two states, the other one: a state that cuts or suspends ties
        without naming with whom ("suspended the military agreements") cuts them with the other."""
        if len(ctx.dyad) < 2 or source.country not in ctx.dyad[:2]:
            return None
        other = next(c for c in ctx.dyad[:2] if c != source.country)
        return ActorRef(country=other, name=None, text="the other state", actor_id=f"country:{other}")

    def _aim_party(self, ctx: Coding, tok: Token, code: str, source: ActorRef) -> ActorRef | None:
        """The party of the act this one serves or governs: "opened fire to disperse demonstrators",
        "began a hunger strike to protest against Sweden's decision", "threatened to ban X"."""
        for child in tok.children:
            if child.dep_ not in ("advcl", "xcomp") or child.pos_ not in VERB_POS:
                continue
            lemma = child.lemma_.lower()
            pats = self._verb_patterns(child, lemma)
            if pats and _further_act(child, tok, self._acts):
                continue
            pat = pats[0] if pats else None
            side = self._target(ctx, child, pat, pat.cameo if pat else code, source)
            ref = next((r for r in side.refs if not same_actor(r, source)
                        and (r.country, r.sector) != (source.country, source.sector)), None)
            if ref is not None and known(ref):
                return ref
        return None

    def _reported(self, tok: Token) -> bool:
        """The clause is what someone says, announces or confirms ("Iraq said it would ...")."""
        top = tok
        for top in syntax.governors(tok, {"xcomp", "conj", "acomp"}):
            pass
        return top.dep_ in ("ccomp", "xcomp", "pcomp") and top.head.lemma_.lower() in self.lex.reporting

    def _apply_stance(self, tok: Token, pat: Pattern, code: str, rule: RuleName) -> tuple[str | None, RuleName]:
        """A scheduled act keeps its code; a stated intent becomes AGREE (03x) or, for a
        conflictual act, THREATEN; an appeal to act is left to the appeal rules."""
        stance = None
        only_future = True  # the act's only intent marker is its own future tense ("will sign")
        for gov in syntax.governors(tok, {"xcomp", "acomp"}):
            markers = [gov.lemma_.lower()] if gov != tok else []
            markers += [c.lemma_.lower() for c in gov.children if c.dep_ == "aux"]
            for word in markers:
                if word in self.lex.appeal:
                    stance = Stance.APPEAL
                elif word in self.lex.scheduled:
                    stance = stance or Stance.SCHEDULED
                elif word in self.lex.intent or word == "would":  # only a reported "would" gets here
                    stance = stance or Stance.INTENT
                    only_future = only_future and gov == tok and word in FUTURE_AUX
        if stance is Stance.INTENT and _has_time(tok):
            stance = Stance.SCHEDULED  # "will hold talks next week": a planned act, not a promise
        if stance is Stance.INTENT and only_future and code.startswith(SCHEDULED_ACTS) and not self._reported(tok):
            stance = Stance.SCHEDULED  # the report's own "will attend the summit": a planned act
        if stance is Stance.APPEAL and pat.cameo[:2] not in ("02", "10"):
            return None, rule
        if stance is Stance.INTENT:
            plover = lookup(code).plover
            if plover in VERBAL_TYPES:
                return code, rule
            intent = self.lex.intent_codes.get(plover or "")
            if intent:
                return intent, rule.plus(Modifier.INTENT)
        return code, rule

    # -- attribution -------------------------------------------------------------------------
    def _attribute(self, ctx: Coding, tok: Token, pat: Pattern | None, code: str) -> tuple[Side, Side, bool, How]:
        symmetric = bool(pat.symmetric) if pat else False
        if pat is not None and tok.pos_ in NOUN_POS:
            source = self._side(ctx, [c for c in tok.children if c.dep_ == "poss"])
            how = Found.POSSESSOR
        elif syntax.is_passive(tok) and pat is not None:
            agent = syntax.prep_objects(tok, "by")
            source = self._side(ctx, agent)
            how = Found.PASSIVE_AGENT
            holder = syntax.passive_subject(tok)
            if not source.refs and holder is not None and tok.lemma_.lower() in syntax.STATIVE_PASSIVES:
                # "X is opposed to", "X were engaged in": the subject holds the stance or does the act
                source, how = self._side(ctx, syntax.with_conjuncts(holder)), Found.STATIVE_SUBJECT
            if not source.refs:
                patient = syntax.passive_subject(tok)
                if patient is not None and patient.lemma_.lower() in GATHERINGS | {"consultation"}:
                    source = self._participants(ctx, patient, exclude=None)
                    how = Found.GATHERING_PARTICIPANTS
        else:
            source, how = Side(), Found.SUBJECT
            for subj in syntax.subjects_of(tok):
                source = self._side(ctx, syntax.with_conjuncts(subj))
                if source.refs:
                    if len(source.refs) == 1 and source.first.country is None and of_group(subj):
                        source = Side([replace(source.first, text=f"{source.first.text} of both sides")])
                    break
            if not source.refs and syntax.subject_of(tok) is None:
                # "USAID deployed ...": a name the tagger misread as a modifier still heads the clause
                from ..actors.lookup import mention_for_token

                misread = [c for c in tok.children if c.i < tok.i and c.dep_ in ("advmod", "npadvmod", "dep")
                           and (m := mention_for_token(ctx.doc, c)) is not None and m.kind != "pronoun"]
                if misread:
                    source, how = self._side(ctx, misread[:1]), Found.MISREAD_SUBJECT
        # "between A and B" on the trigger or its object names both parties
        if len(source.refs) < 2:
            between = self._between(ctx, tok)
            if len(between.refs) >= 2 and (not source.refs or is_group(source.first)):
                source, how = between, Found.BETWEEN
        speaker, reported = syntax.speaker_of(tok), False
        verbal = lookup(code).plover in VERBAL_TYPES | {"SUPPORT"} and code[:2] in ("02", "03", "05", "10", "11", "12", "13")
        if speaker is not None and (source.first is not None or verbal):
            sp = self._side(ctx, [speaker])
            if sp.first is not None and speaker_replaces(source.first, sp.first, verbal):
                if source.first is not None and is_group(source.first) and ctx.dyad:
                    other = [c for c in ctx.dyad if c != sp.first.country]
                    source = Side([sp.first, ActorRef(country=other[0], text="the other side")] if other else [sp.first])
                else:
                    source = Side([sp.first, *source.refs[1:]])
                reported = True
        source = self._expand_groups(ctx, source)
        # a stated intent is as reciprocal as the act intended: "Mexico and Canada agreed to lift tariffs
        # on American products" are co-actors, not each other's parties
        intended = pat is not None and code[:2] == "03" and pat.cameo[:2] != "03"
        reciprocal = symmetric or code[:2] in ("04", "06") or code == "057" or (code[:2] == "03" and not intended)
        if len(source.refs) >= 2 and not reciprocal:
            target = self._target(ctx, tok, pat, code, source.first)
            if target.first is not None:
                co_actors = not any(same_actor(target.first, r) for r in source.refs)
            else:  # "the UK and France opposed the resolutions": neither is the other's target
                co_actors = self._acts_on_a_thing(tok, pat)
            if co_actors:
                return source, target, False, How(how, reported, Together.CO_ACTORS)
        if len(source.refs) >= 2:
            target = Side(source.refs[1:MAX_CONJUNCTS])
            source = Side([source.refs[0]])
            symmetric = symmetric or code[:2] in ("04", "05", "06")
            return source, target, symmetric, How(how, reported, Together.JOINT_ACTORS)
        target = self._target(ctx, tok, pat, code, source.first)
        if target.first is not None and target.first.sector is None and COUNTERPART in (target.first.text or "").lower():
            target.refs[0].sector = source.first.sector if source.first else None
        if target.first is None and source.first is not None and ctx.dyad and _speaks_of_both(tok):
            other = [c for c in ctx.dyad if c != source.first.country]
            if other:
                target = Side([ActorRef(country=other[0], text="bilateral")], Found.BILATERAL)
        if is_group(target.first) and source.first is not None and ctx.dyad:
            other = [c for c in ctx.dyad if c != source.first.country]
            if other:
                target = Side([ActorRef(country=other[0], text=target.first.text)])
        return source, target, symmetric, How(how, reported)

    def _side(self, ctx: Coding, toks: list[Token]) -> Side:
        from ..actors.lookup import mention_for_token

        refs: list[ActorRef] = []
        for t in toks:
            m = mention_for_token(ctx.doc, t)
            if m is None and t.lemma_.lower() in QUANTITY_HEADS:  # "thousands of Iraqi Kurds"
                inner = next((p for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                              for p in c.children if p.dep_ == "pobj"), None)
                if inner is not None:
                    t, m = inner, mention_for_token(ctx.doc, inner)
            if m is None:  # "Kenzo Oshima, the UN relief coordinator": the apposition names the role
                appos = next((c for c in t.children if c.dep_ == "appos"), None)
                if appos is not None and (am := mention_for_token(ctx.doc, appos)) is not None and am.kind != "pronoun":
                    m = am
            if m is None and t.lemma_.lower() == COUNTERPART:
                continue  # "his counterpart": the possessor is the other side; the counterpart is named apart
            if m is None:
                # "withdraw from Chad"; "Israeli army bulldozers": a state named by a modifier
                agent = agent_of(t)
                ref = place_as_party(t) or self._modifier_party(ctx, t) or named_entity(t) \
                    or (self._side(ctx, [agent]).first if agent is not None else None)
                if ref is not None and not any(same_actor(ref, r) for r in refs):
                    refs.append(ref)
                continue
            if m.kind == "pronoun":  # "accusing him": the named person, where the sentence names them
                m = antecedent_in_sentence(ctx.doc, m) or m
            if m.kind == "group" and m.rule.startswith("delegation"):  # "his counterpart Richard Marles"
                m = next((p for p in mentions_in(ctx.doc, m.start, m.end) if p.kind == "person"
                          and p.country == m.country), m)
            for ref in split_by_country(ctx.doc, m):
                if ref.country is None:  # "rebels in the Ivory Coast", "opposition parties in Nepal"
                    place = located_in(t) or self._member_of(ctx, t)
                    if place is not None:
                        ref.country = place.country
                if not any(same_actor(ref, r) for r in refs):
                    refs.append(ref)
        return Side(refs)

    def _member_of(self, ctx: Coding, tok: Token) -> ActorRef | None:
        """The state of the body a person or group is from ("doctors from two American aid groups")."""
        from ..actors.lookup import mention_for_token

        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "of"):
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    m = mention_for_token(ctx.doc, pobj)
                    if m is not None and m.country and m.kind != "pronoun":
                        return ActorRef(country=m.country)
                    ref = self._modifier_party(ctx, pobj)
                    if ref is not None:
                        return ref
        return None

    def _modifier_party(self, ctx: Coding, tok: Token) -> ActorRef | None:
        from ..actors.lookup import mention_for_token

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

    def _between(self, ctx: Coding, tok: Token) -> Side:
        holders = [tok, *syntax.objects_of(tok)]
        patient = syntax.passive_subject(tok)
        if patient is not None:
            holders.append(patient)
        for h in holders:
            pobjs = syntax.prep_objects(h, "between")
            if pobjs:
                return self._side(ctx, pobjs)
        return Side()

    def _participants(self, ctx: Coding, noun: Token, exclude: str | None) -> Side:
        """Parties named inside a gathering's noun phrase ("Vietnam-China Dialogue", "between A and B")."""
        between = syntax.prep_objects(noun, "between")
        if between:
            side = self._side(ctx, between)
            if side.refs:
                return side
        # "a summit of the Shanghai Cooperation Organisation": the body whose gathering it is
        body = [r for r in self._side(ctx, syntax.prep_objects(noun, "of")).refs if r.sector == "IGO"
                or (r.country or "") in BODY_CODES]
        if body:
            return Side(body)
        from ..actors.lookup import mentions_in

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
                        refs.append(ActorRef(country=code, name=None, text=t.text, actor_id=f"country:{code}"))
        return Side(refs)

    def _role_party(self, ctx: Coding, tok: Token, pat: Pattern | None, roles: tuple[str, ...],
                    holders: list[Token], shared: list[Token], source: ActorRef | None,
                    governed: bool = False) -> Side | None:
        """The first party found in one of the rule's roles on ``holders``: the trigger with its
        objects and the verbs coordinated with it, or (``governed``) the acts it governs; or None."""
        src_country = source.country if source else None
        for role in roles:
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
            for cand in cands:
                lemma = cand.lemma_.lower()
                side = self._side(ctx, [cand])
                if self._moved(cand, source, side.first):  # "withdrew its troops": the actor's own
                    continue
                if role != "dobj" and lemma in self.lex.missions and tok.lemma_.lower() in self.lex.movement:
                    place = located_in(cand)  # "troops to the peacekeeping force in South Sudan"
                    if _abroad(place, source):
                        return Side([place], Found.PLACE_OF_MISSION)
                if (role == "dobj" or act_noun(cand, self._acts)) and lemma not in GATHERINGS \
                        and not (pat and pat.requires_actor_object) and side.first is None:
                    # "rejected an Afghan government offer", "conceded to demands from the association"
                    inner = self._inner_parties(ctx, cand, source)
                    if inner:
                        return Side(inner, Found.INSIDE_OBJECT)
                gathering_rule = pat is not None and pat.object_kind == "gathering"
                if gathering_rule or (lemma in GATHERINGS and not (
                        side.first is not None and side.first.name and cand.pos_ == "PROPN")):
                    # a gathering's participants; but "outlawed the African National Congress": a party
                    participants = self._participants(ctx, cand, exclude=src_country)
                    if participants.refs:
                        return Side([participants.refs[0]], Found.PARTICIPANTS)
                for ref in side.refs:
                    if source is None or not same_actor(ref, source):
                        if src_country and ref.country == src_country and not ref.name and role != "dobj":
                            continue
                        return Side([ref, *self._conjunct_parties(ctx, cand, ref, source)], Found.ROLE)
        return None

    def _target(self, ctx: Coding, tok: Token, pat: Pattern | None, code: str, source: ActorRef | None) -> Side:
        roles = pat.target if pat is not None else ("with", "to", "between")
        holders = [tok] + (syntax.objects_of(tok) if tok.pos_ in VERB_POS else [])
        # "donated and delivered goods to X": coordinated verbs share their parties
        shared = [c for c in tok.children if c.dep_ == "conj" and c.pos_ in VERB_POS
                  and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
        holders += shared
        # the act's own roles first ("called on Nigerian leaders to emulate ..."), then those of the
        # act it governs ("refused to meet X")
        governed = [c for c in tok.children if c.dep_ == "xcomp"]
        part = syntax.particle(tok, pat.preps) if pat is not None and pat.preps else None
        if part is not None and part.pos_ in VERB_POS:
            governed.append(part)  # "let free some 74 leaders", parsed as "let [free some 74 leaders]"
        for pass_holders, of_governed in ((holders, False), (governed, True)):
            if pass_holders:
                found = self._role_party(ctx, tok, pat, roles, pass_holders, shared, source, of_governed)
                if found is not None:
                    return found
        if code[:2] in ("02", "10", "11", "12", "13"):  # "demanded that Israel withdraw": the one asked to act
            # "demanded that Israel withdraw", "reiterated its demand that Israel ease ..."
            asked = [tok, *(o for o in syntax.objects_of(tok) if o.lemma_.lower() in self.lex.irrealis)]
            for clause in (c for h in asked for c in h.children if c.dep_ in ("ccomp", "acl") or (
                    c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children))):
                # "called for Israel to halt settlement construction"
                subj = syntax.subject_of(clause)
                side = self._side(ctx, syntax.with_conjuncts(subj)) if subj is not None else Side()
                ref = next((r for r in side.refs if source is None or not same_actor(r, source)), None)
                if ref is not None:
                    return Side([ref], Found.DEMANDED_SUBJECT)
        side = self._clause_party(ctx, tok, source)
        if side.refs or (pat is not None and pat.requires_actor_object) or _speaks_of_both(tok):
            return side
        if tok.lemma_.lower() in self.lex.movement:  # "withdrew its troops from Abyei": where they go or leave
            place = scene_state(tok, MOVEMENT_PREPS)
            if _abroad(place, source):
                return Side([place], Found.MOVED_TO)
        return self._nearest_party(ctx, tok, source)

    def _conjunct_parties(self, ctx: Coding, tok: Token, first: ActorRef,
                          source: ActorRef | None) -> list[ActorRef]:
        """The other named parties coordinated with the one a role found: "sanctions on Mike Pompeo,
        Alex Azar and Steve Bannon" are aimed at each (CAMEO codes one event per conjunct)."""
        found = [first]
        # a conjunct the parser hung on the verb ("outlawed the ANC and the PAC") counts as well
        verb_conjuncts = [c for c in tok.head.children if c.dep_ == "conj" and c.pos_ in NOUN_POS
                          and c.i > tok.i] if tok.dep_ in syntax.OBJECT_DEPS else []
        for conj in [*tok.conjuncts, *verb_conjuncts]:
            ref = self._side(ctx, [conj]).first
            if ref is None or not known(ref) or any(same_actor(ref, r) for r in found) \
                    or (source is not None and same_actor(ref, source)):
                continue
            found.append(ref)
        return found[1:MAX_CONJUNCTS]

    def _nearest_party(self, ctx: Coding, tok: Token, source: ActorRef | None) -> Side:
        """Last resort: the first actor in the act's own phrase that is not its source
        ("suspended military aid to Mali", "apprehended a Lebanese man near the border")."""
        from ..actors.lookup import mention_for_token

        skip = {"nsubj", "nsubjpass", "csubj", "ccomp", "advcl", "parataxis", "relcl", "mark", "punct",
                "conj", "cc"}  # other clauses; a conjoined noun is kept (see keep)
        def keep(c: Token) -> bool:
            if c.dep_ == "prep" and c.head == tok and c.lower_ in CIRCUMSTANCE_PREPS:
                return False  # "imposed a curfew ... after clashes between Hindu and Muslim gangs"
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
                if self._moved(t, source, ref):
                    continue
                if source is None or (not same_actor(ref, source) and ref.country != source.country):
                    return Side([ref], Found.NEAREST)
            frontier = nxt
        return Side()

    def _moved(self, obj: Token, source: ActorRef | None, ref: ActorRef | None) -> bool:
        """``obj`` is what a verb of movement moves, the actor's own people or means ("withdrew its
        troops from Abyei", "sent peacekeepers", "offered to send troops"): an object of no state
        but the actor's. It is no party to the act; where it goes or comes from is."""
        first = obj
        while first.dep_ == "conj" and first.head != first:
            first = first.head  # "sent troops and police"
        if first.dep_ not in syntax.OBJECT_DEPS or first.head.lemma_.lower() not in self.lex.movement:
            return False
        if obj.pos_ == "PRON":
            return False
        country = ref.country if ref is not None else None
        return country is None or (source is not None and country == source.country)

    def _clause_party(self, ctx: Coding, tok: Token, source: ActorRef | None) -> Side:
        """The party inside an embedded act: "threatened to shell Iraqi towns", "demanded that Hamas ..."."""
        for child in tok.children:
            if child.dep_ == "advcl" and child.lemma_.lower() in PURPOSE_VERBS:  # "... to help Ethiopia"
                for obj in syntax.objects_of(child):
                    ref = self._side(ctx, [obj]).first or self._inner_party(ctx, obj, source)
                    if ref is not None and (source is None or ref.country != source.country):
                        return Side([ref], Found.BENEFICIARY)
            if child.dep_ == "ccomp":
                for subj in syntax.subjects_of(child):
                    side = self._side(ctx, syntax.with_conjuncts(subj))
                    for ref in side.refs:
                        if source is None or (not same_actor(ref, source) and ref.country != source.country):
                            return Side([ref], Found.DEMANDED_SUBJECT)
                    break
            if child.dep_ == "xcomp":
                for obj in syntax.objects_of(child):
                    named = self._side(ctx, [obj]).first
                    if self._moved(obj, source, named):
                        continue  # "offered to send troops": the actor's own
                    ref = named or self._inner_party(ctx, obj, source)
                    if ref is not None and (source is None or ref.country != source.country):
                        return Side([ref], Found.EMBEDDED_OBJECT)
                for prep in ("to", "against", "on", "in", "with", "into", "from"):
                    for pobj in syntax.prep_objects(child, prep):
                        ref = self._side(ctx, [pobj]).first or self._inner_party(ctx, pobj, source)
                        if ref is not None and (source is None or ref.country != source.country):
                            return Side([ref], Found.EMBEDDED_ARGUMENT)
        return Side()

    def _inner_party(self, ctx: Coding, obj: Token, source: ActorRef | None) -> ActorRef | None:
        """The party inside a non-actor object: "X's attack", "collaboration between China and ASEAN"."""
        parties = self._inner_parties(ctx, obj, source)
        return parties[0] if parties else None

    def _inner_parties(self, ctx: Coding, obj: Token, source: ActorRef | None) -> list[ActorRef]:
        """The party inside a non-actor object, with the parties coordinated with it
        ("diplomats from Poland, Germany and Sweden")."""
        for child in obj.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                side = self._side(ctx, [child])
                ref = side.first or modifier_country(child)
                if ref is not None and other_party(ref, source):
                    return [ref]
        for prep in ("from", "by", "between", "with", "against", "on", "of", "to", "for"):
            found: list[ActorRef] = []
            for pobj in syntax.prep_objects(obj, prep):
                for ref in self._side(ctx, [pobj]).refs:
                    if other_party(ref, source) and (not found or known(ref)) \
                            and not any(same_actor(ref, r) for r in found):
                        found.append(ref)
            if found:  # "between China and ASEAN" names a pair acting together, not several parties
                return found[:1] if prep == "between" else found[:MAX_CONJUNCTS]
        return []

    def _expand_groups(self, ctx: Coding, side: Side) -> Side:
        """"both sides" / "the two countries" as a source become the document's two main parties."""
        if len(side.refs) == 1 and is_group(side.first) and len(ctx.dyad) >= 2:
            return Side([ActorRef(country=c, text=side.first.text) for c in ctx.dyad[:2]], side.how)
        return side

    # -- the record --------------------------------------------------------------------------
    def _specialise(self, tok: Token, pat: Pattern | None, code: str, source: ActorRef | None) -> str:
        # a rule's domains refine its own code; an intent or appeal made of it has its own domains
        domains = dict(pat.domains) if pat is not None and code == pat.cameo else \
            self.lex.intent_domains.get(code, {})
        if not domains or len(code) == 4:
            return code
        for words in (_clause_words(tok, with_subject=subj) for subj in (False, True)):  # what is done, then who
            for domain, specific in domains.items():
                if words & self.lex.domains.get(domain, frozenset()):
                    return valid_code(specific, code)
        if source is not None and source.sector == "MIL" and "military" in domains:
            return valid_code(domains["military"], code)
        return code

    def _event(self, ctx: Coding, sent_idx: int, sent: Span, tok: Token, code: str, src: ActorRef,
               tgt: ActorRef | None, symmetric: bool, rule: RuleName, confidence: float) -> Event:
        info = lookup(code)
        key = f"{ctx.doc.doc_id}|{sent_idx}|{tok.idx}|{code}|{src.country}|{src.name}"
        digest = hashlib.sha1(key.encode()).hexdigest()[:16]
        event = Event(
            event_id=f"ev-{digest}", doc_id=ctx.doc.doc_id, event_type=info.plover, cameo=code, mode=info.mode,
            quad_class=info.quad_class, goldstein=info.goldstein, actor=src, recipient=tgt or ActorRef(),
            symmetric=symmetric,
            evidence=[Evidence(doc_id=ctx.doc.doc_id, sentence=sent.text, start=sent.start_char, end=sent.end_char,
                               sentence_index=sent_idx)],
            trigger=Trigger(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), lemma=tok.lemma_),
            rule=str(rule), confidence=round(confidence, 3), sentence_index=sent_idx, stance=rule.event_stance,
        )
        ctx.rule_of[id(event)] = rule
        return event


def _own_claim(clause: Token) -> bool:
    """What a claimant says of itself ("the Houthis claimed that they had attacked"): the clause's
    subject is a pronoun or the claimant."""
    subj = syntax.subject_of(clause)
    claimant = syntax.subject_of(clause.head)
    return subj is not None and (subj.pos_ == "PRON" or (claimant is not None and subj.lower_ == claimant.lower_))


def _gathering_nouns(tok: Token) -> list[Token]:
    """What one attends, joins or takes part in: the verb's object or its "in"/"at" phrase."""
    nouns = syntax.objects_of(tok) + [o for p in tok.children if p.dep_ == "prep" and p.lower_ in ("in", "at")
                                      for o in p.children if o.dep_ == "pobj"]
    if tok.lemma_.lower() == "take":  # "take part in the drill"
        nouns += [o for c in tok.children if c.lemma_.lower() == "part" for p in c.children
                  if p.dep_ == "prep" and p.lower_ == "in" for o in p.children if o.dep_ == "pobj"]
    for gov in syntax.governors(tok, {"conj"}):  # "the talks held in Seoul, attended by ...": the talks
        if gov.dep_ in ("acl", "relcl") and gov.head.pos_ in NOUN_POS:
            nouns.append(gov.head)
    return nouns


def _without_bare_agreements(events: list[Event], sent: Span, rules: dict[int, RuleName]) -> list[Event]:
    """"Australia agreed (promised) to lend $1 billion to Indonesia" is one event, the intent to
    lend (CAMEO 033), not that and a bare intent to cooperate (030): the verb of intent's own
    event goes when the act it governs is coded as a more specific intent to cooperate (03x)."""
    intents = {e.trigger.start for e in events
               if e.trigger is not None and rules[id(e)].has(Modifier.INTENT) and e.cameo[:2] == "03"}
    if not intents:
        return events
    def bare(event: Event) -> bool:
        if event.cameo != "030" or rules[id(event)].steps or event.trigger is None:
            return False
        tok = next((t for t in sent if t.idx == event.trigger.start), None)
        return tok is not None and any(c.dep_ == "xcomp" and c.idx in intents for c in tok.children)
    return [e for e in events if not bare(e)]


def _with_particle(event: Event, tok: Token, particle: Token) -> None:
    """The trigger of "let free activists" is "let free": a particle right after the verb is part of it."""
    text = tok.doc[tok.i:particle.i + 1].text
    event.trigger = Trigger(text=text, start=tok.idx, end=tok.idx + len(text), lemma=event.trigger.lemma)


def _weigh_by_model(events: list[Event], prediction: Any) -> None:
    """Rule events keep their type; the model's view of their penta class weighs their confidence,
    so it decides which of several events in a sentence is the primary one."""
    for event in events:
        agreement = prediction.penta_proba[lookup(event.cameo).penta_class]
        event.confidence = round((event.confidence or 0.0) * (0.75 + 0.25 * agreement), 3)


BILATERAL_WORDS = {"bilateral", "mutual", "two-way"}


def _object_words(tok: Token) -> set[str]:
    """The words by which a rule's ``objects`` are matched: the objects' lemmas and forms, their
    compounds, a hyphenated object as one word ("cease-fire") and an "of" complement ("a state of
    emergency", "a shipment of ventilators")."""
    objs = syntax.objects_of(tok)
    words = {o.lemma_.lower() for o in objs} | {o.lower_ for o in objs}
    words |= {c.lemma_.lower() for o in objs for c in o.children if c.dep_ == "compound"}
    words |= {w for o in objs if (w := syntax.hyphenated(o))}
    words |= {p.lemma_.lower() for o in objs for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children if p.dep_ == "pobj"}
    # "handed the ambassador a demarche": the thing given, hung by the parser under the person given it
    words |= {c.lemma_.lower() for o in objs for c in o.children if c.dep_ == "dobj"}
    return words


def _clause_words(tok: Token, with_subject: bool = True) -> set[str]:
    """Lemmas and forms of the trigger's phrase and its objects' phrases (for domain words).
    ``with_subject=False`` leaves the subject out: what "Israel Defense Forces distributed" is
    food, a humanitarian matter before it is a military one."""
    subject = set() if with_subject else {
        t.i for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "csubj") for t in c.subtree}
    phrase = [t for t in tok.subtree if t.i not in subject]
    words = {t.lemma_.lower() for t in phrase} | {t.lower_ for t in phrase}
    for obj in syntax.objects_of(tok):
        words |= {t.lemma_.lower() for t in obj.subtree}
    doc = tok.doc  # "peace-keeping" is three tokens
    words |= {f"{doc[i - 1].lower_}-{doc[i + 1].lower_}" for i in range(tok.left_edge.i + 1, tok.right_edge.i)
              if doc[i].text == "-"}
    return words


def _abroad(place: ActorRef | None, source: ActorRef | None) -> bool:
    """A place of another state than the source's: where what the source moves goes or serves."""
    return place is not None and (source is None or place.country != source.country)


# What makes "in the past" recent: "in the past two days", "over the past 24 hours", "in the past week".
RECENT_SPAN = re.compile(r"\s+(\d|few|couple|two|three|four|five|six|seven|eight|nine|ten|several|"
                         r"day|days|week|weeks|hour|hours|night|month)\b")


def _background(clause: str, cues: tuple[str, ...]) -> bool:
    """The clause has a background or habitual cue ("for years", "has long"), as whole words;
    "in the past" followed by a short span ("in the past two days") is recent, not background."""
    for cue in cues:
        for found in re.finditer(r"\b" + re.escape(cue) + r"\b", clause):
            if not ("past" in cue and RECENT_SPAN.match(clause, found.end())):
                return True
    return False


def _over_a_period(tok: Token) -> bool:
    """A present perfect with a "since" phrase from a named year tells what has gone on over years up
    to now ("has sent 2,000 troops since 2002"), not one act; "since last year" may tell a recent one."""
    perfect = any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in tok.children) and tok.tag_ == "VBN"
    return perfect and any(c.dep_ == "prep" and c.lower_ == "since" and any(
        t.like_num and len(t.text) == 4 for t in c.subtree) for c in tok.children)


def _coordinated(tok: Token, gov: Token) -> bool:
    """``tok`` reaches ``gov`` through conjunctions only: "rejects and condemns" are two acts,
    where "refused to condemn" embeds one in the other."""
    while tok != gov and tok.head != tok:
        if tok.dep_ != "conj":
            return False
        tok = tok.head
    return tok == gov


def _mutual(tok: Token) -> bool:
    """The act's parties act on each other ("accused each other", "attacked one another")."""
    words = [t.lower_ for t in tok.subtree]
    return any(a in ("each", "one") and b in ("other", "another") for a, b in zip(words, words[1:]))


def _further_act(clause: Token, tok: Token, acts: frozenset[str]) -> bool:
    """``clause`` is a participle that adds a further act of the actor's to an act whose object is
    named: "attacked the city, killing dozens" (not "carried out a raid, targeting commanders")."""
    return clause.dep_ == "advcl" and clause.tag_ == "VBG" \
        and not any(c.dep_ in ("mark", "aux") for c in clause.children) \
        and any(o.dep_ == "dobj" and not act_noun(o, acts) for o in tok.children)


def _purpose_clause(tok: Token) -> bool:
    """The trigger states the aim of another act ("blocked roads to press their demands")."""
    return tok.dep_ == "advcl" and tok.head.pos_ in VERB_POS \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
        and tok.head.lemma_.lower() not in syntax.SPEECH_VERBS


CIRCUMSTANCE_MARKS = {"as", "after", "before", "when", "while", "since", "because", "following", "until", "once"}


def _circumstance_clause(tok: Token) -> bool:
    """The trigger heads a clause that sets the scene of another act ("... as the opposition
    threatened to storm his residence", "... after talks collapsed"): it ranks below that act."""
    for gov in syntax.governors(tok, {"xcomp", "conj"}):
        if gov.dep_ == "advcl" and gov.head.pos_ in VERB_POS \
                and any(c.dep_ == "mark" and c.lower_ in CIRCUMSTANCE_MARKS for c in gov.children):
            return True
    return False


def _unless_clause(tok: Token) -> bool:
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
               for g in syntax.governors(tok, {"xcomp", "acomp"}) for c in g.children)


def _describes_a_noun(tok: Token) -> bool:
    """The trigger sits in a clause that describes a noun ("a resolution that aims to tighten sanctions")."""
    return any(g.dep_ in ("relcl", "acl") for g in syntax.governors(tok, {"xcomp", "conj", "advcl", "relcl", "acl"}))


EPISTEMIC_MODALS = {"could", "may", "might"}


def _warns_of_possibility(tok: Token) -> bool:
    """"Warned that Freedonia could test another missile": the that-clause says what another party
    may do (an epistemic modal, another subject); the warner threatens nothing."""
    subjects = {c.lower_ for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")}
    for clause in tok.children:
        if clause.dep_ != "ccomp":
            continue
        modal = any(c.dep_ == "aux" and c.lower_ in EPISTEMIC_MODALS for c in clause.children)
        own = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if modal and own and not any(c.lower_ in subjects or c.pos_ == "PRON" for c in own):  # "it could": the warner
            return True
    return False


def _has_condition(tok: Token) -> bool:
    """The clause carries an "if" condition ("may halt mediation if cooperation founders")."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "if" for m in c.children)
               for c in tok.children)


def _speaks_of_both(tok: Token) -> bool:
    """The act is about "bilateral ties" / "mutual trust": its counterpart is the other party."""
    for obj in syntax.objects_of(tok):
        if any(t.lower_ in BILATERAL_WORDS for t in obj.subtree):
            return True
    return False


class EventSettings(StageSettings):
    patterns: list[str] = []  # pattern files (YAML) beside the built-in dictionary
    intents: str | None = None  # a file replacing the built-in stance markers (intents.yaml)
    domains: str | None = None  # a file replacing the built-in domain words (domains.yaml)
    classifier: bool = True  # the shipped sentence classifier; false: rules only
    classifier_threshold: float = 0.6
    min_confidence: float = 0.0


@stage("events", requires=["doc.spacy", "doc.mentions"], assigns=["doc.events"], settings=EventSettings)
def make_event_coder(settings: dict[str, Any]) -> EventCoder:
    patterns = load_patterns(settings.get("patterns") or ())
    classifier = None
    if settings.get("classifier", True):
        from .classifier import load_classifier

        classifier = load_classifier()
    lexicon = load_lexicon(settings.get("intents"), settings.get("domains"))
    return EventCoder(patterns, lexicon, float(settings.get("min_confidence", 0.0)), classifier,
                      float(settings.get("classifier_threshold", 0.6)))
