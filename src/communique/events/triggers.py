"""Triggers: the rules of the pattern dictionary a verb or noun meets, and the words they are matched by."""

from __future__ import annotations

from spacy.tokens import Token

from ..records import ActorRef
from . import syntax
from .codeclasses import NOUN_POS
from .context import Coding
from .outcomes import RuleName
from .parties import (
    valid_code,
)
from .patterns import Lexicon, Pattern


def asks_for_an_act(tok: Token) -> bool:
    """The verb governs a clause of an act asked for ("called on Tokyo to stop", "... 'not to
    proceed'") or what is asked "for" ("called on the parties for restraint")."""
    def infinitive(t: Token) -> bool:  # (whatever its tag: "to 'fast-track' the screening")
        return any(a.dep_ == "aux" and a.lower_ == "to" for a in t.children)
    below = [*tok.children, *(g for c in tok.children if c.dep_ == "prep" for p in c.children for g in p.children)]
    return any(c.dep_ in ("xcomp", "ccomp") or infinitive(c) or (c.dep_ == "prep" and c.lower_ == "for")
               for c in below)


def verb_patterns(ctx: Coding, tok: Token, lemma: str) -> list[Pattern]:
    """The verb rules whose object and preposition constraints the trigger meets, in order."""
    found: list[Pattern] = []
    words: set[str] | None = None  # the clause's words, read once, for domain-gated rules
    objs: list[Token] | None = None  # the objects and their words, read once per trigger
    lemmas: set[str] = set()
    for pat in ctx.patterns.by_verb.get(lemma, ()):
        if pat.objects is not None and pat.objects:
            if objs is None:
                objs, lemmas = syntax.objects_of(tok), object_words(tok)
            if "*" in pat.objects:
                if not objs:
                    continue
            elif not lemmas & pat.objects:
                continue
        if pat.not_objects:
            if objs is None:
                objs, lemmas = syntax.objects_of(tok), object_words(tok)
            if lemmas & pat.not_objects:
                continue
        if pat.preps and not syntax.has_prep(tok, pat.preps):
            continue
        if pat.xcomp and not any(c.dep_ == "xcomp" and c.lemma_.lower() in pat.xcomp for c in tok.children):
            continue
        if pat.bare and asks_for_an_act(tok):
            continue
        if pat.subjects and not _subject_words(ctx, tok) & pat.subjects:
            continue
        if pat.requires_domain:
            words = words if words is not None else clause_words(tok)
            if not any(words & ctx.lex.domains.get(d, frozenset()) for d, _ in pat.domains):
                continue
        found.append(pat)
    return found


def noun_patterns(ctx: Coding, tok: Token, lemma: str) -> list[Pattern]:
    """The noun rules the trigger meets: an owner, a "by" agent ("a visit to Tripoli by the minister")
    or "between" names its parties; a noun a verb rule codes ("held talks") is left to it."""
    head = tok.head
    if tok.dep_ in syntax.OBJECT_DEPS | {"nsubjpass"} and verb_patterns(ctx, head, head.lemma_.lower()):
        return []  # "held talks": the verb rule codes it
    if tok.dep_ == "attr" and head.lemma_.lower() == "be" and any(
            c.dep_ == "nsubj" and c.pos_ in ("PRON", "DET") for c in head.children):
        return []  # "This is the third visit by ...", "It was their first meeting": the act told, described
    has_owner = any(c.dep_ == "poss" for c in tok.children) or bool(syntax.prep_objects(tok, "by"))
    found: list[Pattern] = []
    for pat in ctx.patterns.by_noun.get(lemma, ()):
        if pat.preps and not syntax.has_prep(tok, pat.preps):
            continue
        if not has_owner and not syntax.prep_objects(tok, "between"):
            continue
        found.append(pat)
    return found


def _subject_words(ctx: Coding, tok: Token) -> set[str]:
    """Lemmas and forms of the verb's own subjects and their conjuncts ("shells landed")."""
    subjects = [s for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for s in syntax.with_conjuncts(c)]
    return {w for t in subjects for w in (t.lemma_.lower(), t.lower_)}


def object_words(tok: Token) -> set[str]:
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


def clause_words(tok: Token, with_subject: bool = True) -> set[str]:
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


def gathering_nouns(tok: Token, lex: Lexicon) -> list[Token]:
    """What one attends, joins or takes part in: the verb's object or its "in"/"at" phrase."""
    nouns = syntax.objects_of(tok) + [o for p in tok.children if p.dep_ == "prep" and p.lower_ in lex.gathering_preps
                                      for o in p.children if o.dep_ == "pobj"]
    if tok.lemma_.lower() == "take":  # "take part in the drill"
        nouns += [o for c in tok.children if c.lemma_.lower() == "part" for p in c.children
                  if p.dep_ == "prep" and p.lower_ == "in" for o in p.children if o.dep_ == "pobj"]
    for gov in syntax.governors(tok, {"conj"}):  # "the talks held in Seoul, attended by ...": the talks
        if gov.dep_ in ("acl", "relcl") and gov.head.pos_ in NOUN_POS:
            nouns.append(gov.head)
    return nouns


NOT_GATHERING_NAMES = frozenset({"DATE", "TIME", "GPE", "LOC", "NORP", "CARDINAL", "ORDINAL"})


def names_a_gathering(ctx: Coding, tok: Token) -> bool:
    """What one attends or joins is a gathering: a gathering word ("the summit", "talks"), a name of
    no state or body ("RIMPAC"), or a verb's act ("the exercise"); not a body or an alliance one
    joins ("joined NATO", "bids to join the alliance")."""
    from ..actors.lookup import mention_for_token

    for noun in gathering_nouns(tok, ctx.lex):
        if noun.lemma_.lower() in ctx.lex.gatherings or noun.lower_ in ctx.lex.gatherings:
            return True
        if noun.pos_ == "PROPN" and noun.ent_type_ not in NOT_GATHERING_NAMES \
                and ((m := mention_for_token(ctx.doc, noun)) is None or not (m.country or m.sector)):
            return True  # a name of no state, acting body, place or time
        if any(noun.lemma_.lower() in p.objects for verb in (tok.lemma_.lower(), "participate")
               for p in ctx.patterns.by_verb.get(verb, ()) if p.objects and p.object_kind is None):
            return True
    return False


def gathering_act(ctx: Coding, tok: Token, code: str, rule: RuleName) -> tuple[str, RuleName]:
    """Taking part in a gathering that is itself an act of another rule of the verb ("participate
    in the exercise", as "join the exercise" is coded) is that act, not a meeting."""
    lemma = tok.lemma_.lower()
    nouns = gathering_nouns(tok, ctx.lex)
    words = {n.lemma_.lower() for n in nouns} | {n.lower_ for n in nouns}
    for verb in (lemma, "participate"):
        for other in ctx.patterns.by_verb.get(verb, ()):
            if other.objects and other.object_kind is None and words & other.objects:
                return other.cameo, rule.plus(other.id)
    return code, rule


def specialise(ctx: Coding, tok: Token, pat: Pattern | None, code: str, source: ActorRef | None) -> str:
    """The code refined by the domain of what is done, then of who does it (CAMEO 4-digit codes)."""
    # a rule's domains refine its own code; an intent or appeal made of it has its own domains
    domains = dict(pat.domains) if pat is not None and code == pat.cameo else \
        ctx.lex.intent_domains.get(code, {})
    if not domains or len(code) == 4:
        return code
    for words in (clause_words(tok, with_subject=subj) for subj in (False, True)):  # what is done, then who
        for domain, specific in domains.items():
            if words & ctx.lex.domains.get(domain, frozenset()):
                return valid_code(specific, code)
    if source is not None and source.sector == "MIL" and "military" in domains:
        return valid_code(domains["military"], code)
    return code
