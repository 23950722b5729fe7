"""The ``events`` stage: sentence-level events from the dependency parse and the pattern dictionary.

For every token that is a trigger (a verb or noun listed in the pattern dictionary, or a
cooperation predicate under a stance marker) the coder

1. checks modality: negated, hypothetical, conditional and background acts are not coded
   (:mod:`.modality`), and what a stance makes of the act (:mod:`.stance`);
2. finds the source (subject, passive agent, conjoined subjects, "between A and B", the speaker
   of reported speech; :mod:`.attribution`) and the target (object or prepositional argument named
   by the rule; :mod:`.targets`), as actor mentions from the ``actors`` stage (:mod:`.sides`);
3. looks the CAMEO code up in the codebook for PLOVER type, mode, quad class and Goldstein score.

Every decision is a typed value (:mod:`.outcomes`) kept in ``doc.annotations["coding"]`` and
written to ``doc.annotations["trace"]`` so ``communique explain`` can show why a sentence was or
was not coded. All per-document state is in a :class:`~.context.Coding`: one coder may code
documents in parallel.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.tokens import Span, Token

from ..actors.kinds import is_state_ref
from ..actors.lookup import mention_for_token
from ..records import ActorRef, Document, Event, Trigger
from ..registry import StageSettings, stage
from . import syntax
from .arguments import add_argument_spans
from .attribution import (
    attribute,
    dyad_counterpart,
    party_of_condition,
    speaker_owns,
    unnamed_doer,
    victims_account,
)
from .codebook import lookup
from .codeclasses import (
    ARTICLE_SENTENCES,
    CodeClasses,
    NOUN_POS,
    VERB_POS,
    load_code_classes,
)
from .context import Coding, Knowledge, new_event
from .modality import (
    circumstance_clause,
    describes_a_noun,
    purpose_clause,
    refusal,
    statement_of,
    unless_clause,
    why_blocked,
)
from .outcomes import Block, Decision, Found, How, Modifier, RuleName, Skip, Supplied, Together
from .parties import (
    agent_of,
    aimed_at_own_state,
    crowd_of_place,
    document_dyad,
    known,
    locate_parties,
    mention_ref,
    same_actor,
    same_state,
    state_of_place,
)
from .patterns import Lexicon, Pattern, PatternSet, load_lexicon, load_patterns
from .sides import Side, between_parties
from .stance import apply_stance, is_cooperation, reported_demand, reported_wrong, stance_code
from .targets import abroad, aim_party, host_of
from .triggers import gathering_act, names_a_gathering, noun_patterns, specialise, verb_patterns


class EventCoder:
    """The events stage: shared and read-only once built."""

    def __init__(self, patterns: PatternSet, lexicon: Lexicon, min_confidence: float = 0.0,
                 classifier: Any = None, classifier_threshold: float = 0.6,
                 classes: CodeClasses | None = None) -> None:
        self.knowledge = Knowledge(patterns, lexicon, classes or load_code_classes(), min_confidence)
        self.classifier = classifier  # a communique.events.classifier.SentenceClassifier, or None
        self.classifier_threshold = classifier_threshold

    def context(self, doc: Document) -> Coding:
        """A new coding of ``doc``: its trace, its decisions and what the coder found in it."""
        return Coding(doc, self.knowledge, document_dyad(doc), doc.annotations.setdefault("trace", []))

    def __call__(self, doc: Document) -> Document:
        sdoc = doc.spacy_doc
        if sdoc is None:
            raise ValueError(f"{doc.doc_id}: the 'events' stage needs the 'parse' stage before it")
        ctx = self.context(doc)
        doc.annotations["coding"] = ctx.decisions
        sents = list(sdoc.sents)
        coded = [[e for tok in sent for e in self.code_token(ctx, i, sent, tok)] for i, sent in enumerate(sents)]
        # the model decides only where it matters: which of several events is primary, or whether a
        # sentence no rule coded holds an event (a verb-headed sentence that is not mere speech)
        wanted = [i for i, found in enumerate(coded) if len(found) > 1 or (
            not found and i not in ctx.statements and sents[i].root.pos_ in VERB_POS
            and sents[i].root.lemma_.lower() not in ctx.lex.speech_verbs)]
        if self.classifier is not None and wanted:
            for i, prediction in zip(wanted, self.classifier.predict([sents[i].text for i in wanted])):
                if coded[i]:
                    _weigh_by_model(coded[i], prediction)
                else:
                    coded[i] = self._model_event(ctx, i, sents[i], prediction)
        doc.events = [e for i, found in enumerate(coded)
                      for e in _without_trips_to_gatherings(ctx, _without_bare_agreements(ctx, found, sents[i]), sents[i])]
        needed = {id(e): self.knowledge.rule_objects.get(ctx.rule_of[id(e)].id, frozenset()) for e in doc.events}
        add_argument_spans(doc, ctx.lex, ctx.classes, needed, ctx.acts)
        return doc

    def _model_event(self, ctx: Coding, sent_idx: int, sent: Span, prediction: Any) -> list[Event]:
        """No rule fired: the sentence classifier may propose the kind of event, the parse the actors.
        It proposes when it is confident of the sentence's penta class (not a plain statement); the
        type is the most probable PLOVER type of that class."""
        probability = prediction.penta_proba[prediction.penta]
        root = sent.root
        if prediction.penta == 0 or probability < self.classifier_threshold or root.pos_ not in VERB_POS \
                or root.lemma_.lower() in ctx.lex.speech_verbs or why_blocked(ctx, root, None):
            return []
        in_class = [t for t, c in ctx.lex.classifier_codes.items() if lookup(c).penta_class == prediction.penta]
        plover = max(in_class, key=lambda t: prediction.plover_proba.get(t, 0.0), default=None)
        code = ctx.lex.classifier_codes.get(plover or "")
        if code is None:
            return []
        source, target, symmetric, how = attribute(ctx, root, None, code)
        if not known(source.first) or (target.first is not None and same_actor(source.first, target.first)):
            return []
        src, tgt = source.first, target.first
        if not known(tgt):
            return []  # an interaction needs its second party, which no rule found for the model to code
        if (ctx.doc.title or len(ctx.doc.sentences) >= ARTICLE_SENTENCES) and not (src.country and tgt.country):
            return []  # in an article, a model's guess at the act stands only between parties of known states
        event = new_event(ctx, sent_idx, sent, root, code, src, tgt, symmetric, RuleName("classifier"),
                          round(0.5 * probability, 3))
        ctx.trace.append(f"sentence {sent_idx} '{root.text}': no rule fired; classifier -> {code} {plover} "
                         f"(penta {prediction.penta}) "
                         f"(p={probability:.2f}) {src.country or '-'}:{src.name} -> "
                         f"{(tgt.country or '-') if tgt else '-'} ({how})")
        return [event]

    def code_token(self, ctx: Coding, sent_idx: int, sent: Span, tok: Token) -> list[Event]:
        """The events one token triggers (several when co-actors act together: one per actor)."""
        lemma = tok.lemma_.lower()
        if tok.pos_ in VERB_POS and any(c.dep_ == "det" for c in tok.children):
            return []  # "evacuated the wounded": a participle used as a noun names people, not an act
        if tok.pos_ in VERB_POS and lemma not in ctx.patterns.by_verb:
            lemma = next((w for w in syntax.lemma_guesses(tok) if w in ctx.patterns.by_verb), lemma)
        if tok.pos_ in VERB_POS and lemma in ctx.lex.cooperation_verbs and is_cooperation(ctx, tok):
            match = stance_code(ctx, tok)
            if match:
                return self._code_match(ctx, sent_idx, sent, tok, match) or []
            # "upgraded their ties to ambassadorial level": only a rule of its own codes the act itself
            pats = [p for p in verb_patterns(ctx, tok, lemma) if p.objects]
            return (self._code_match(ctx, sent_idx, sent, tok, (pats[0].cameo, pats[0], RuleName(pats[0].id))) or []) \
                if pats else []
        if tok.pos_ in VERB_POS and (demand := reported_demand(ctx, sent_idx, sent, tok)):
            return [demand]
        if tok.pos_ in VERB_POS:
            candidates = verb_patterns(ctx, tok, lemma)
        elif tok.pos_ in NOUN_POS and lemma in ctx.patterns.by_noun:
            candidates = noun_patterns(ctx, tok, lemma)
        else:
            return []
        wrong = reported_wrong(ctx, sent_idx, sent, tok) if tok.pos_ in VERB_POS else None
        for pat in candidates:
            events = self._code_match(ctx, sent_idx, sent, tok, (pat.cameo, pat, RuleName(pat.id)))
            if events is not None:
                return events + ([wrong] if wrong else [])
        return [wrong] if wrong else []

    def _code_match(self, ctx: Coding, sent_idx: int, sent: Span, tok: Token,
                    match: tuple[str, Pattern | None, RuleName]) -> list[Event] | None:
        """Code one trigger with one rule; None: nothing coded, and another rule may still try."""
        code, pat, rule = match
        told = _told_act(ctx, sent_idx, tok, pat, code, rule)
        if told is None:
            return []
        code, rule = told
        source, target, symmetric, how = attribute(ctx, tok, pat, code)
        source, target = _voiced_state(ctx, tok, pat, source, target)
        source, how = _supplied_source(ctx, tok, code, source, target, how)
        unfit = _unfit(tok, pat, source, target, how)
        if unfit is not None:
            ctx.note(Decision(sent_idx, tok.text, rule, unfit))
            return None if unfit in (Skip.NO_ACTOR_OBJECT, Skip.ACTED_BY) else []
        src = source.first
        classes = ctx.classes
        if code == classes.demonstration and (src.sector in classes.official_sectors
                                              or is_state_ref(src)):
            # "the defense ministry sternly protested the incursion": a state's complaint, not a street protest
            code, rule = classes.official_protest, rule.plus(Modifier.OFFICIAL)
        tgt = _recipient(ctx, tok, code, rule, src, target.first)
        met: list[tuple[ActorRef, ActorRef | None]] = []
        if how.together is Together.JOINT_ACTORS and pat is not None and pat.object_kind is not None \
                and (code.startswith(classes.travel) or code == pat.cameo):
            source, target, how, tgt, met = _gone_together(ctx, tok, pat, code, [src, *target.refs])
        skip, tgt, how = _aimed(ctx, tok, pat, code, rule, src, tgt, how)
        if skip is not None:
            ctx.note(Decision(sent_idx, tok.text, rule, skip))
            if skip is not Skip.SAME_ACTOR:
                ctx.statements.add(sent_idx)  # decided: nor may the sentence classifier code it
            return []
        # coordinated recipients of the role the rule found: one event each
        others = target.refs[1:] if tgt is target.first else []
        src, tgt = _placed(ctx, tok, code, src, tgt)
        if tgt is not None and not tgt.name and same_state(src, tgt, code, classes):
            ctx.note(Decision(sent_idx, tok.text, rule, Skip.SAME_ACTOR))  # placed in the actor's own state: no other party
            return []
        confidence = _confidence(tok, pat, tgt, how, ctx.lex)
        if confidence < ctx.knowledge.min_confidence:
            ctx.note(Decision(sent_idx, tok.text, rule, Skip.LOW_CONFIDENCE, confidence=confidence))
            return []
        code = specialise(ctx, tok, pat, code, src)
        # a promise binds its maker; but "Canada and Costa Rica agreed to start negotiations" binds both
        symmetric = symmetric and (not rule.has(Modifier.INTENT, Modifier.CONDITIONAL_THREAT, Modifier.ULTIMATUM)
                                   or how.together is Together.JOINT_ACTORS)
        actors = [src, *source.refs[1:]] if how.together is Together.CO_ACTORS else [src]
        pairs = _pairs(actors, [tgt, *others], code.startswith(classes.travel), how)
        pairs = met + (_hosted_pairs(ctx, tok, src, [tgt, *others]) if symmetric else []) + pairs
        return _emit(ctx, sent_idx, sent, tok, pat, (code, rule, symmetric, confidence, how), pairs, tgt)


def _told_act(ctx: Coding, sent_idx: int, tok: Token, pat: Pattern | None, code: str,
              rule: RuleName) -> tuple[str, RuleName] | None:
    """The act the text tells, after its modality and stance (a refusal, an ultimatum, an intent);
    None when it tells none (the decision is noted)."""
    blocked = why_blocked(ctx, tok, pat)
    why = blocked.why if blocked else None
    classes = ctx.classes
    if why is Block.UNLESS and lookup(code).plover not in classes.verbal_types:
        code, rule = classes.ultimatum, rule.plus(Modifier.ULTIMATUM)  # "will withdraw ... unless": a threat
    elif why is Block.NEGATED and unless_clause(tok):
        code, rule = classes.ultimatum, rule.plus(Modifier.ULTIMATUM)  # "will not release the soldiers unless Israel ..."
    elif why is Block.CONDITIONAL_THREAT and lookup(code).plover in ctx.lex.threat_codes:
        code, rule = ctx.lex.threat_codes[lookup(code).plover], rule.plus(Modifier.CONDITIONAL_THREAT)
    elif blocked and lookup(code).plover in classes.cooperative_types and refusal(tok, blocked, ctx.lex):
        # "will not accept", "would not meet", "failed to reach agreement": a stated refusal
        refused = classes.refusal_to_meet if lookup(code).plover == "CONSULT" else classes.refusal
        code, rule = refused, rule.plus(Modifier.REFUSAL)
    elif blocked:
        ctx.note(Decision(sent_idx, tok.text, rule, blocked))
        return None
    if pat is not None and pat.object_kind == "gathering" and not names_a_gathering(ctx, tok):
        ctx.note(Decision(sent_idx, tok.text, rule, Skip.NOTHING_NAMED))  # "will also be participating"
        ctx.statements.add(sent_idx)  # decided: nor may the sentence classifier code it
        return None
    if pat is not None and not rule.steps and tok.pos_ in VERB_POS:
        stated, rule = apply_stance(ctx, tok, pat, code, rule)
        if stated is None:
            ctx.note(Decision(sent_idx, tok.text, rule, Skip.WISH))
            return None
        code = stated
    if pat is not None and pat.object_kind == "gathering" and code == pat.cameo:
        code, rule = gathering_act(ctx, tok, code, rule)
    statement = statement_of(ctx, tok, code)
    if statement:
        ctx.note(Decision(sent_idx, tok.text, rule, statement))
        ctx.statements.add(sent_idx)  # nor may the sentence classifier make it an event
        return None
    return code, rule


def _voiced_state(ctx: Coding, tok: Token, pat: Pattern | None, source: Side, target: Side) -> tuple[Side, Side]:
    """"He expressed Peru's concerns about ...": what is expressed is the possessor state's, who then
    speaks for it, whoever the pronoun was taken for; the possessor is not the act's target."""
    if pat is None or not pat.objects or syntax.is_passive(tok):
        return source, target
    for obj in syntax.objects_of(tok):
        if obj.lemma_.lower() not in pat.objects:
            continue
        owner = next((mention_for_token(ctx.doc, c) for c in obj.children if c.dep_ == "poss"), None)
        if owner is None or owner.kind != "country" or not owner.country:
            continue
        subject = next((mention_for_token(ctx.doc, s) for s in syntax.subjects_of(tok, ctx.lex)), None)
        if subject is not None and subject.kind == "pronoun" and subject.country != owner.country:
            voiced = mention_ref(owner)
            others = [r for r in target.refs if r.country != owner.country]
            return Side([voiced]), Side(others, target.how)
    return source, target


def _supplied_source(ctx: Coding, tok: Token, code: str, source: Side, target: Side, how: How) -> tuple[Side, How]:
    """A source the text does not name: the civilians of where a protest is, the unnamed doer CAMEO
    assumes, or the other state of the article as the giver of what is given."""
    if not known(source.first) and lookup(code).plover == "PROTEST":
        crowd = crowd_of_place(tok, ctx.lex)  # protesters with no name: the civilians of where they protest
        if crowd is not None:
            source, how = Side([crowd]), how.plus(Supplied.CIVILIANS)
    if not known(source.first):
        unnamed = unnamed_doer(ctx, tok, code)
        if unnamed is not None:
            source, how = Side([unnamed]), how.plus(Supplied.UNNAMED_DOER)
    if not known(source.first) and lookup(code).plover in ctx.classes.given_types and syntax.is_passive(tok) \
            and target.first is not None and (giver := dyad_counterpart(ctx, target.first)) is not None:
        source, how = Side([giver]), how.plus(Supplied.GIVER)  # "the vessel was handed over to Fiji"
    return source, how


def _unfit(tok: Token, pat: Pattern | None, source: Side, target: Side, how: How) -> Skip | None:
    """Why the parties found cannot make the rule's event: no source, or no actor where one is needed."""
    if not known(source.first):
        return Skip.NO_SOURCE
    if pat is not None and pat.acted_by is not None \
            and (pat.acted_by == "together") != (how.together is Together.JOINT_ACTORS):
        return Skip.ACTED_BY  # another rule of the trigger may still code it
    if pat is not None and pat.requires_actor_object and not known(target.first):
        return Skip.NO_ACTOR_OBJECT  # another rule of the trigger may still code it
    if pat is not None and tok.pos_ in NOUN_POS and not known(target.first):
        return Skip.NO_COUNTERPART
    return None


def _placed(ctx: Coding, tok: Token, code: str, src: ActorRef,
            tgt: ActorRef | None) -> tuple[ActorRef, ActorRef | None]:
    """The sides placed in their states (:func:`locate_parties`), what is fired from one beyond it."""
    src, tgt = locate_parties(ctx.doc, tok, code, src, tgt, ctx.dyad, ctx.lex, ctx.classes)
    return src, _beyond_origin(ctx, tok, code, src, tgt)


def _beyond_origin(ctx: Coding, tok: Token, code: str, src: ActorRef, tgt: ActorRef | None) -> ActorRef | None:
    """"The shells fell at a village" (shells fired from the actor's state): what is fired from a state
    lands beyond it; placed in that state, it is in the other one of an article between two states."""
    if tgt is None or lookup(code).plover not in ctx.classes.hostile_types or tgt.country != src.country:
        return tgt
    subject = syntax.subject_of(tok, ctx.lex)
    origin = agent_of(subject) if subject is not None else None
    if origin is None or origin.head.lower_ != "from" or (other := dyad_counterpart(ctx, src)) is None:
        return tgt
    return ActorRef(country=other.country, sector=tgt.sector, name=tgt.name, text=tgt.text)


def _recipient(ctx: Coding, tok: Token, code: str, rule: RuleName, src: ActorRef,
               tgt: ActorRef | None) -> ActorRef | None:
    """The party the act is aimed at when its rule's roles name none, or name the source's own."""
    plover_type, classes = lookup(code).plover, ctx.classes
    if plover_type == "THREATEN" and (tgt is None or rule.has(Modifier.ULTIMATUM)):
        asked = party_of_condition(ctx, tok, src)  # an ultimatum is aimed at the one it asks to act
        tgt = asked if asked is not None and (tgt is None or asked.country) else tgt
    if tgt is None:
        tgt = aim_party(ctx, tok, code, src)
    if tgt is None and aimed_at_own_state(code, ctx.classes):
        tgt = state_of_place(tok, ctx.lex) or (ActorRef(country=src.country, text="the state") if src.country else None)
    elif tgt is None and plover_type in classes.place_target_types:
        tgt = state_of_place(tok, ctx.lex)
    elif tgt is None and (plover_type in classes.abroad_target_types or code.startswith(classes.ceasefire)):
        place = state_of_place(tok, ctx.lex)  # "aid for those affected in Yemen", "a ceasefire in Yemen"
        tgt = place if abroad(place, src) else None
    elif tgt is None and plover_type in ("THREATEN", "AGREE"):  # "threatened to impose a curfew in Algiers"
        place = state_of_place(tok, ctx.lex)
        tgt = place if place is not None and not same_state(src, place, code, ctx.classes) else None
    if tgt is not None and plover_type in classes.hostile_types and tgt.country and tgt.country == src.country:
        tgt = speaker_owns(ctx, tok, src, tgt)
    return tgt


def _aimed(ctx: Coding, tok: Token, pat: Pattern | None, code: str, rule: RuleName, src: ActorRef,
           tgt: ActorRef | None, how: How) -> tuple[Skip | None, ActorRef | None, How]:
    """The act's target in an article between two states, or why the act has none it can be aimed at."""
    plover_type, classes = lookup(code).plover, ctx.classes
    if code.startswith(classes.travel) and pat is not None and pat.object_kind == "place" \
            and (tgt is None or not tgt.country or tgt.country == src.country):  # "to Crete": a place of no known state
        return Skip.NO_HOST, tgt, how
    if tgt is None and rule.has(Modifier.REFUSAL):
        # "the cabinet could not meet": a refusal is of an act with someone, else it is no interaction
        return Skip.REFUSAL_OF_NO_ONE, tgt, how
    if tgt is None and plover_type in classes.directed_types and len(ctx.doc.sentences) >= ARTICLE_SENTENCES \
            and how.together is not Together.CO_ACTORS and (other := dyad_counterpart(ctx, src)) is not None:
        # in an article between two states, a charge, threat, sanction or refusal that names no one
        # is aimed at the other state ("Ankara also threatened to cut economic ties")
        tgt, how = other, how.plus(Supplied.ARTICLE_OTHER_STATE)
    if plover_type in classes.dyad_target_types and (
            tgt is None or (tgt.country is None and tgt.sector not in classes.transnational_sectors)):
        other = dyad_counterpart(ctx, src)  # "sanctions against the companies involved": the other state's
        tgt = other if tgt is None or other is None else replace(tgt, country=other.country)
    if tgt is not None and (same_actor(src, tgt) or same_state(src, tgt, code, ctx.classes)):
        return Skip.SAME_ACTOR, tgt, how
    return None, tgt, how


def _confidence(tok: Token, pat: Pattern | None, tgt: ActorRef | None, how: How, lex: Lexicon) -> float:
    """The rule's confidence, lower for an act with no named target or doer, or told as the aim or scene of another."""
    confidence = (pat.confidence if pat else 0.75) * (1.0 if known(tgt) else 0.7)
    if Supplied.UNNAMED_DOER in how.supplied:  # the text names no doer: "two people were killed when ..."
        confidence *= 0.9
    if purpose_clause(tok, lex) or describes_a_noun(tok) or circumstance_clause(tok, lex):
        # "staged protests to demand reforms", "a resolution that aims to tighten ...",
        # "resigned as the opposition threatened to storm his residence"
        confidence *= 0.9
    return confidence


def _gone_together(ctx: Coding, tok: Token, pat: Pattern, code: str, together: list[ActorRef]) -> tuple[
        Side, Side, How, ActorRef | None, list[tuple[ActorRef, ActorRef | None]]]:
    """"The ministers of A, B and C headed to Crete", "A and B leaders will attend a summit of the
    SCO": those who go or attend together visit the host, or meet the gathering's body (co-actors);
    with the pairs of attendees who also meet each other."""
    host = host_of(ctx, tok, pat, code, together)
    return (Side(together), Side([host] if host else []), How(Found.SUBJECT, together=Together.CO_ACTORS), host,
            _attendees_meet(ctx, tok, code, together, host))


def _attendees_meet(ctx: Coding, tok: Token, code: str, together: list[ActorRef],
                    host: ActorRef | None) -> list[tuple[ActorRef, ActorRef | None]]:
    """Two of two states who attend a meeting (``paired_gatherings``) that no body holds meet each
    other ("A's and B's leaders attended the meeting in C"); a summit's attendees do not pair."""
    if code.startswith(ctx.classes.travel) or len(together) != 2 or together[0].country == together[1].country \
            or (host is not None and host.sector == ctx.classes.gathering_sector) \
            or not any(o.lemma_.lower() in ctx.lex.paired_gatherings for o in syntax.objects_of(tok)):
        return []
    return [(together[0], together[1])]


def _hosted_pairs(ctx: Coding, tok: Token, src: ActorRef, targets: list[ActorRef | None]) -> list[
        tuple[ActorRef, ActorRef | None]]:
    """"Malaysia hosted talks between Thailand and Cambodia": the parties "between" whom a third
    party holds talks meet each other, the central pair; the host meets each (its own pairs)."""
    between = between_parties(ctx, tok).refs
    named = {r.country for r in targets if r is not None and r.country}
    if len(between) < 2 or any(same_actor(src, r) or r.country == src.country for r in between) \
            or not all(r.country in named for r in between):
        return []
    return [(a, b) for i, a in enumerate(between) for b in between[i + 1:]]


def _pairs(actors: list[ActorRef], recipients: list[ActorRef | None], travel: bool,
           how: How) -> list[tuple[ActorRef, ActorRef | None]]:
    """One event per actor and recipient; joint actors also act on each other."""
    pairs = [(actor, recipient) for actor in actors for recipient in recipients]
    if how.together is Together.JOINT_ACTORS and not travel:
        # "A, B and C held drills": A-B, A-C and B-C; but those who travel together do not visit each other
        joint = [r for r in recipients if r is not None]
        pairs += [(a, b) for i, a in enumerate(joint) for b in joint[i + 1:]]
    return pairs


def _emit(ctx: Coding, sent_idx: int, sent: Span, tok: Token, pat: Pattern | None,
          coded: tuple[str, RuleName, bool, float, How], pairs: list[tuple[ActorRef, ActorRef | None]],
          tgt: ActorRef | None) -> list[Event]:
    """The events of the pairs of parties, each noted; ``tgt`` (the first recipient) is placed already."""
    code, rule, symmetric, confidence, how = coded
    particle = syntax.particle(tok, pat.preps) if pat is not None and pat.preps else None
    events = []
    for actor, recipient in pairs:
        if recipient is not tgt:  # checked as the first recipient was, then placed
            if same_actor(actor, recipient) or same_state(actor, recipient, code, ctx.classes):
                continue
            _, recipient = locate_parties(ctx.doc, tok, code, actor, recipient, ctx.dyad, ctx.lex, ctx.classes)
        if recipient is not None and same_actor(actor, recipient):
            continue
        event = new_event(ctx, sent_idx, sent, tok, code, actor, recipient, symmetric, rule, confidence)
        if particle is not None and particle.i == tok.i + 1:
            _with_particle(event, tok, particle)
        ctx.note(Decision(sent_idx, tok.text, rule, event=event, how=how))
        events.append(event)
        if lookup(code).plover in ctx.classes.told_by_victim_types \
                and (speaker := victims_account(ctx, tok, actor, recipient)) is not None:
            told = rule.plus(Modifier.VICTIMS_ACCOUNT)
            accusation = new_event(ctx, sent_idx, sent, tok, ctx.classes.victims_accusation, speaker, actor,
                                   False, told, confidence)
            ctx.note(Decision(sent_idx, tok.text, told, event=accusation, how=how))
            events.append(accusation)
    return events


def _without_bare_agreements(ctx: Coding, events: list[Event], sent: Span) -> list[Event]:
    """"Australia agreed (promised) to lend $1 billion to Indonesia" is one event, the intent to
    lend (CAMEO 033), not that and a bare intent to cooperate (030): the verb of intent's own
    event goes when the act it governs is coded as a more specific intent to cooperate (03x), or
    as a threat ("vowed to retaliate")."""
    def specific(e: Event) -> bool:  # an intent made specific, or a threat by its own rule ("vowed to retaliate")
        intent = ctx.rule_of[id(e)].has(Modifier.INTENT)
        return e.cameo.startswith(ctx.classes.intents) if intent else e.cameo.startswith(ctx.classes.threats)

    intents = {e.trigger.start for e in events if e.trigger is not None and specific(e)}
    if not intents:
        return events
    def bare(event: Event) -> bool:
        if event.cameo != ctx.classes.bare_intent or ctx.rule_of[id(event)].steps or event.trigger is None:
            return False
        tok = next((t for t in sent if t.idx == event.trigger.start), None)
        return tok is not None and any(c.dep_ == "xcomp" and c.idx in intents for c in tok.children)
    return [e for e in events if not bare(e)]


def _without_trips_to_gatherings(ctx: Coding, events: list[Event], sent: Span) -> list[Event]:
    """"Flew to Brasilia to attend the Conference of Defense Ministers of the Americas": a trip made
    to attend a multilateral gathering is that attendance, not a visit to the state where it sits."""
    attended = {e.trigger.start for e in events if e.trigger is not None and e.recipient is not None
                and e.recipient.country is None and e.recipient.sector == ctx.classes.gathering_sector}
    if not attended:
        return events
    by_start = {t.idx: t for t in sent}

    def trip_to_gathering(e: Event) -> bool:
        tok = by_start.get(e.trigger.start) if e.trigger is not None else None
        return tok is not None and e.cameo.startswith(ctx.classes.travel) and any(
            c.dep_ in ("xcomp", "advcl") and c.idx in attended for c in tok.children)
    trips = [e for e in events if trip_to_gathering(e)]
    dropped = {id(t) for t in trips}
    for e in events:  # the traveller's state, which his trip to another's told, goes with him
        if e.trigger is not None and e.trigger.start in attended and e.actor.country is None:
            trip = next((t for t in trips if t.actor.actor_id and t.actor.actor_id == e.actor.actor_id
                         and t.actor.country), None)
            if trip is not None:
                e.actor = replace(e.actor, country=trip.actor.country)
    return [e for e in events if id(e) not in dropped]


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


class EventSettings(StageSettings):
    patterns: list[str] = []  # pattern files (YAML) beside the built-in dictionary
    intents: str | None = None  # a file replacing the built-in stance markers (intents.yaml)
    domains: str | None = None  # a file replacing the built-in domain words (domains.yaml)
    words: str | None = None  # a file replacing the coder's built-in word classes (words.yaml)
    code_classes: str | None = None  # a file replacing the built-in classes of acts (code_classes.yaml)
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
    lexicon = load_lexicon(settings.get("intents"), settings.get("domains"), settings.get("words"))
    return EventCoder(patterns, lexicon, float(settings.get("min_confidence", 0.0)), classifier,
                      float(settings.get("classifier_threshold", 0.6)), load_code_classes(settings.get("code_classes")))

