"""Small helpers over the spaCy dependency parse used by the event coder."""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from .patterns import Lexicon

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
OBJECT_DEPS = {"dobj", "obj", "attr", "oprd"}
# Dependencies through which a predicate inherits its governor's subject and stance.
CHAIN_DEPS = {"xcomp", "acomp", "conj", "advcl", "pcomp", "relcl", "acl"}


def lemma_guesses(tok: Token) -> list[str]:
    """Base forms a verb may have when the tagger's lemma is wrong ("staged" -> "stag")."""
    word = tok.lower_
    out = [word]
    if word.endswith("ed"):
        out += [word[:-1], word[:-2], word[:-3] if word[-3:-2] == word[-4:-3] else word[:-2]]
    elif word.endswith("ing"):
        out += [word[:-3] + "e", word[:-3], word[:-4] if word[-4:-3] == word[-5:-4] else word[:-3]]
    elif word.endswith("ies"):
        out.append(word[:-3] + "y")
    elif word.endswith("es"):
        out += [word[:-1], word[:-2]]
    elif word.endswith("s"):
        out.append(word[:-1])
    return out


def governors(tok: Token, deps: set[str] = CHAIN_DEPS) -> Iterator[Token]:
    """The token, then its heads while the link is one of ``deps`` (stops at clause edges)."""
    seen = 0
    while True:
        yield tok
        if tok.head == tok or tok.dep_ not in deps or seen > 8:
            return
        tok = tok.head
        seen += 1


def is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def controller(xcomp: Token) -> Token | None:
    """The object that does what an infinitive says when a participle tells a consequence: "...,
    prompting the military to dispatch jets", "..., forcing the rebels to withdraw". Not "summoned
    the envoy to protest" (an aim: the summoner protests)."""
    head = xcomp.head
    if xcomp.dep_ != "xcomp" or head.pos_ != "VERB" or head.tag_ != "VBG" or head.dep_ != "advcl":
        return None
    return next((c for c in head.children if c.dep_ == "dobj" and c.i < xcomp.i
                 and c.pos_ in ("NOUN", "PROPN")), None)


def included_by(tok: Token) -> Token | None:
    """The verb whose object includes the act: "took measures, including imposing sanctions"."""
    whole = tok.head.head if tok.dep_ == "pcomp" and tok.head.lower_ == "including" else None
    if whole is not None and whole.dep_ in OBJECT_DEPS and whole.head.pos_ == "VERB":
        return whole.head
    return None


def subjects_of(tok: Token, lex: Lexicon) -> Iterator[Token]:
    """Candidate subjects of a predicate, nearest first, inherited through xcomp/conj chains: a
    gerund after a preposition of subject control has the clause's subject ("continued its efforts
    by donating"); an infinitive under a verb of object control has the verb's object ("prompted
    the military to dispatch jets"); see ``words.yaml``."""
    below = None
    taker = included_by(tok)
    if taker is not None:
        yield from subjects_of(taker, lex)  # "took measures, including imposing sanctions": who took them
        return
    for gov in governors(tok, {"xcomp", "acomp", "conj", "pcomp", "advcl"}):
        if gov.dep_ == "xcomp" and (doer := controller(gov)) is not None:
            yield doer
            return
        if gov.dep_ == "prep" and gov.lower_ in lex.subject_control_preps and gov.head.pos_ == "VERB" and gov != tok:
            gov = gov.head  # "China continues its efforts by donating supplies": China donates
        if below is not None and below.dep_ == "xcomp" and gov.lemma_.lower() in lex.object_control_verbs:
            # "prompted the military to dispatch jets": the object of the governing verb acts
            yield from (c for c in gov.children if c.dep_ == "dobj" and c.i < below.i)
        below = gov
        for child in gov.children:
            if child.dep_ in ("nsubj", "csubj"):
                yield child
            if child.dep_ == "aux":  # "France however have opposed": the parser hangs it on the auxiliary
                yield from (g for g in child.children if g.dep_ == "nsubj")
            # "the minister is scheduled to visit", "was asked to mediate": the passive's subject acts
            if child.dep_ == "nsubjpass" and gov != tok and tok.dep_ == "xcomp":
                yield child
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        yield pobj
        if gov.dep_ in ("relcl", "acl") and gov.head.pos_ in ("NOUN", "PROPN"):
            if gov.dep_ == "acl" and gov.tag_ == "VBN" and gov.sent.root.pos_ in ("VERB", "AUX") \
                    and not any(o.dep_ in OBJECT_DEPS for v in (gov, *gov.conjuncts) for o in v.children):
                continue  # "the people freed", "a journalist detained in Cairo": the noun is acted on
            yield gov.head
            # "the Parliament approved a resolution criticizing X": the approving body speaks
            noun = gov.head  # not "discuss a dispute that has blocked imports": the dispute blocks them
            if gov.dep_ == "acl" and noun.dep_ in OBJECT_DEPS and noun.head.pos_ in ("VERB", "AUX"):
                # "... and identified steps to deepen ties": a shared subject through coordinated verbs
                yield from (c for v in governors(noun.head, {"conj"}) for c in v.children if c.dep_ == "nsubj")


def subject_of(tok: Token, lex: Lexicon) -> Token | None:
    """The nearest subject of the clause a predicate belongs to."""
    return next(subjects_of(tok, lex), None)


def passive_subject(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "nsubjpass":
            return child
    return None


def objects_of(tok: Token) -> list[Token]:
    """Direct objects with their conjuncts ("trust and cooperation")."""
    out: list[Token] = []
    for child in tok.children:
        if child.dep_ in OBJECT_DEPS or (child.dep_ == "nsubjpass"):
            out.append(child)
            out.extend(conjuncts(child))
    if not out:  # "declared a state of siege to begin at midnight", "will not accept refugees fleeing ...":
        for clause in tok.children:  # the parser makes the object the subject of a non-finite clause
            if clause.dep_ in ("ccomp", "xcomp") and clause.tag_ in ("VBG", "VB", "VBN") and clause.i > tok.i:
                for subj in clause.children:
                    if subj.dep_ == "nsubj" and subj.pos_ in ("NOUN", "PROPN") and subj.i < clause.i:
                        out.append(subj)
                        out.extend(conjuncts(subj))
    if not out and tok.pos_ in ("VERB", "AUX"):  # "refused and denounced the proposal": a shared object
        second = next((c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > tok.i
                       and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)), None)
        # a fronted phrase ("On Monday, ... boarded and inspected a vessel") is no complement of the verb
        if second is not None and not any(c.dep_ in ("prep", "ccomp", "xcomp") and c.i > tok.i for c in tok.children):
            out = [o for o in objects_of(second) if o.dep_ in OBJECT_DEPS]
    return out


def conjuncts(tok: Token) -> list[Token]:
    return [t for t in tok.conjuncts if t.i > tok.i]


def with_conjuncts(tok: Token) -> list[Token]:
    return [tok, *conjuncts(tok)]


def prep_objects(tok: Token, prep: str) -> list[Token]:
    """Objects of the preposition ``prep`` governed by ``tok`` ("with" -> counterpart)."""
    out: list[Token] = []
    for child in tok.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ == prep:
            objects = [p for p in child.children if p.dep_ in ("pobj", "pcomp")]
            if not objects:  # "granted asylum to [five officers] holed up ...": the parser made the
                objects = [s for c in tok.children if c.dep_ in ("advcl", "ccomp", "acl") and c.i > child.i
                           for s in c.children if s.dep_ == "nsubj" and s.left_edge.i == child.i + 1]
            for pobj in objects:  # object the subject of the clause that follows
                out.extend(with_conjuncts(pobj))
    return out


PARTICLE_DEPS = {"prt", "acomp", "oprd", "advcl", "advmod", "xcomp", "ccomp"}


def particle(tok: Token, words: frozenset[str]) -> Token | None:
    """A word after the verb that completes it ("set free", "let loose"), however the parser
    hangs it: on the verb, or as a modifier of the object right after the verb ("let free
    activists")."""
    for child in tok.children:
        if child.dep_ in PARTICLE_DEPS and child.lower_ in words and child.i > tok.i:
            return child
        if child.dep_ == "dobj":
            for mod in child.children:
                if mod.dep_ == "amod" and mod.lower_ in words and tok.i < mod.i < child.i:
                    return mod
    return None


def has_prep(tok: Token, words: frozenset[str]) -> bool:
    """``tok`` governs a preposition/particle in ``words``, or a prepositional object in it.

    The object is the noun the preposition takes, with its compounds and its "of" complement:
    "by phone", "on hunger strike", "for a round of talks"; words elsewhere in the phrase do not
    count ("after talks collapsed" is not "for talks").
    """
    for child in tok.children:
        if child.dep_ in ("prep", "prt", "agent", "dative") and child.lower_ in words:
            return True
        if child.dep_ in ("prep", "agent") and _takes(child, words):
            return True
        # "pushing for the US to support ...": the preposition opens a clause
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in words for m in child.children):
            return True
    return particle(tok, words) is not None  # "set free", "let loose"


def hyphenated(tok: Token) -> str | None:
    """The hyphenated word a token ends, as one word ("cease - fire" -> "cease-fire"), or None."""
    if tok.i >= 2 and tok.doc[tok.i - 1].text == "-" and not tok.doc[tok.i - 1].whitespace_ \
            and not tok.doc[tok.i - 2].whitespace_:
        return f"{tok.doc[tok.i - 2].lower_}-{tok.lower_}"
    return None


def prep_phrase_objects(tok: Token, words: frozenset[str]) -> list[Token]:
    """The objects of ``tok``'s prepositions whose nouns are in ``words`` ("for [a round of] talks")."""
    return [o for child in tok.children if child.dep_ in ("prep", "agent") and _takes(child, words)
            for o in child.children if o.dep_ in ("pobj", "pcomp")]


def _takes(prep: Token, words: frozenset[str]) -> bool:
    """The preposition's object is one of ``words`` (by lemma or form)."""
    return any(w.lemma_.lower() in words or w.lower_ in words for w in _prep_object_words(prep))


def _prep_object_words(prep: Token) -> list[Token]:
    """The nouns a preposition takes: its objects and their conjuncts, compounds and "of" objects."""
    objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    objects += [c for o in objects for c in o.conjuncts]
    words = list(objects)
    for obj in objects:
        for c in obj.children:
            if c.dep_ == "compound":
                words.append(c)
            elif c.dep_ == "prep" and c.lower_ == "of":
                words.extend(p for p in c.children if p.dep_ == "pobj")
    return words


def saying_verb(tok: Token, speech_verbs: frozenset[str],
                deps: frozenset[str] = frozenset({"xcomp", "acomp", "conj", "ccomp", "advcl", "pcomp"})
                ) -> tuple[Token, Token] | None:
    """(verb of saying, the clause it governs) when the predicate is told as reported speech
    ("X said that ..."), climbing the chain of ``deps`` from the predicate."""
    for gov in governors(tok, set(deps)):
        if gov.dep_ in ("ccomp", "parataxis") and gov.head.lemma_.lower() in speech_verbs:
            return gov.head, gov
    return None


def speaker_of(tok: Token, speech_verbs: frozenset[str]) -> Token | None:
    """The speaker when the predicate is reported speech ("X said that ...", "..., stated X"), by
    the verbs of saying ``speech_verbs``."""
    said = saying_verb(tok, speech_verbs)
    if said is not None:
        head, clause = said
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subj is None and head.i > clause.i:  # inverted: "..., stated Minister X"
            subj = next((c for c in head.children if c.dep_ in ("dobj", "nsubj", "attr")), None)
        return subj
    # "..., said Shao." parsed with the speech verb as a head of the clause root
    root = tok.sent.root
    if root != tok and root.lemma_.lower() in speech_verbs and root.i > tok.i:
        return next((c for c in root.children if c.dep_ in ("nsubj", "dobj") and c.i > tok.i), None)
    return None


def is_negated(tok: Token) -> bool:
    """Negated itself or through its governors ("did not agree to meet"); a conjunct shares the
    negation only when it has no subject of its own and is not contrasted ("but", "yet")."""
    cur = tok
    for _ in range(8):
        if any(c.dep_ == "neg" for c in cur.children):
            return True
        if cur.dep_ in ("xcomp", "acomp"):
            cur = cur.head
        elif cur.dep_ == "conj" and not _own_subject(cur) and not _contrasted(cur):
            cur = cur.head
        else:
            return False
    return False


def _own_subject(tok: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in tok.children)


def _contrasted(conj: Token) -> bool:
    """A conjunct introduced by "but", "yet" or "while"."""
    return any(c.dep_ == "cc" and c.lower_ in ("but", "yet", "while", "whereas") for c in conj.head.children
               if conj.head.i < c.i < conj.i)


def clause_text(tok: Token) -> str:
    """Lower-cased text of the clause headed by the top governor of ``tok``, without the relative
    clauses that describe its nouns ("blamed X for the attack, which has been linked to ...")."""
    top = tok
    for top in governors(tok, {"xcomp", "acomp", "conj"}):
        pass
    described = {t.i for r in top.subtree if r.dep_ == "relcl" and tok not in r.subtree for t in r.subtree}
    return " ".join(t.lower_ for t in top.subtree if t.i not in described)
