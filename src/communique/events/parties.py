"""Who the parties of an event are and which state they belong to.

Helpers of the event coder over the parse and the actor mentions: the party a token names
(mentions, modifiers, places, unnamed groups), the state where an act happens, the state a side
that names none belongs to, and when two sides are one actor.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Token

from ..actors.kinds import is_state_ref, state_actor_id
from ..nlp.entities import entity_of
from ..records import ActorRef, Document, Event, Mention
from . import syntax
from .codebook import lookup
from .codeclasses import ARTICLE_SENTENCES, CodeClasses
from .patterns import Lexicon


def aimed_at_own_state(code: str, classes: CodeClasses) -> bool:
    """Acts a state does to its own people, so that a state on both sides is no self-event: protests,
    repression and attacks are aimed at a state (where no target is named, the state where they
    happen, CAMEO convention), and a state's forces attacking a place of their own state are no
    state acting on itself."""
    return lookup(code).plover in classes.domestic_target_types or code.startswith(classes.domestic)


def mention_ref(m: Mention) -> ActorRef:
    """The event side a mention stands for."""
    return ActorRef(country=m.country, sector=m.sector, name=m.name or m.text, text=m.text,
                    actor_id=m.actor_id, mention_id=m.mention_id)


def meets_gathering(event: Event, gathering_sector: str) -> bool:
    """The recipient is a multilateral gathering met as a body, of no state ("attended the
    Conference of Defense Ministers of the Americas"; its sector is the ``gathering_sector`` of the
    code classes): no meeting on its sidelines is that act."""
    ref = event.recipient
    return ref is not None and ref.country is None and ref.sector == gathering_sector


def known(ref: ActorRef | None) -> bool:
    """The side names a state or an actor."""
    return ref is not None and bool(ref.country or ref.name)


def locate_parties(doc: Document, tok: Token, code: str, src: ActorRef, tgt: ActorRef | None,
                   dyad: list[str], lex: Lexicon, classes: CodeClasses) -> tuple[ActorRef, ActorRef | None]:
    """Give a side that names no state the state the text implies: the scene of the act; for a
    domestic actor acted on by a state's own institutions, that state; else the one state the
    sentence names that the other side is not of ("President Dos Santos conceded to demands from
    the National Union for the Total Independence of Angola"); else, outside international
    types, the one state the sentence names, which the other side is of (a domestic affair)."""
    unplaced_src = src.country is None and src.sector not in classes.transnational_sectors
    unplaced_tgt = tgt is not None and tgt.country is None and known(tgt) \
        and tgt.sector not in classes.transnational_sectors
    if not (unplaced_src or unplaced_tgt):
        return src, tgt
    scene = scene_state(tok, lex.scene_preps)
    domestic_sectors, international = classes.domestic_sectors, classes.international_types
    bodies = classes.body_codes
    if unplaced_src and scene is not None and src.sector in domestic_sectors:
        src = dataclasses.replace(src, country=scene.country)
    if unplaced_tgt:
        if scene is not None and (tgt.sector in domestic_sectors or src.country != scene.country):
            tgt = dataclasses.replace(tgt, country=scene.country)
        elif len(dyad) >= 2 and src.country in dyad[:2] and tgt.sector in domestic_sectors \
                and len(doc.sentences) >= ARTICLE_SENTENCES:
            # in an article between two states, a party the words tie to neither is of the other one
            # ("Qatar bought jets from ... deal"; "sanctions on the firms involved")
            tgt = dataclasses.replace(tgt, country=next(c for c in dyad[:2] if c != src.country))
        elif src.country and (tgt.sector in domestic_sectors or src.sector in classes.law_sectors):
            tgt = dataclasses.replace(tgt, country=src.country)
    gathering = tgt is not None and tgt.country is None and tgt.sector == classes.gathering_sector
    if src.country is None and unplaced_src and not gathering:  # a gathering's one state is its host
        only = only_other_state(doc, tok, tgt.country if tgt is not None else None, bodies)
        if only:
            src = dataclasses.replace(src, country=only)
        elif tgt is not None and tgt.country and lookup(code).plover not in international \
                and only_other_state(doc, tok, None, bodies, count_all=True) == tgt.country:
            # a person or group the sentence ties to no state, acting on the one state it names:
            # a domestic actor ("President Mwanawasa reneged on his commitment to the Zambian ...")
            src = dataclasses.replace(src, country=tgt.country)
    if tgt is not None and tgt.country is None and unplaced_tgt:
        only = only_other_state(doc, tok, src.country, bodies)
        if only:
            tgt = dataclasses.replace(tgt, country=only)
        elif src.country and not only_other_state(doc, tok, src.country, bodies) \
                and not only_other_state(doc, tok, None, bodies, count_all=True) == "several" \
                and lookup(code).plover not in international:
            # a body or person the sentence ties to no state, in a sentence naming only the actor's
            # state: a domestic party ("President Bouteflika is prepared to lift the ban on the FIS")
            tgt = dataclasses.replace(tgt, country=src.country)
    return _of_the_pair(src, tgt, dyad, unplaced_src, unplaced_tgt, classes.official_sectors)


def _of_the_pair(src: ActorRef, tgt: ActorRef | None, dyad: list[str], unplaced_src: bool,
                 unplaced_tgt: bool, official: frozenset[str]) -> tuple[ActorRef, ActorRef | None]:
    """In an article between two states, an official (of an ``official`` sector, or none) of neither
    named state is of the other one ("Prabowo paid a courtesy call on Prime Minister Anthony Albanese")."""
    if len(dyad) >= 2:
        if tgt is not None and tgt.country is None and unplaced_tgt and (tgt.sector is None or tgt.sector in official) \
                and src.country in dyad[:2]:
            tgt = dataclasses.replace(tgt, country=next(c for c in dyad[:2] if c != src.country))
        if src.country is None and unplaced_src and (src.sector is None or src.sector in official) \
                and tgt is not None and tgt.country in dyad[:2]:
            src = dataclasses.replace(src, country=next(c for c in dyad[:2] if c != tgt.country))
    return src, tgt


def only_other_state(doc: Document, tok: Token, other: str | None, bodies: frozenset[str],
                     count_all: bool = False) -> str | None:
    """The one state the sentence names, other than ``other`` (``bodies`` such as the UN aside);
    ``count_all``: "several" when the sentence names more than one state."""
    sent = tok.sent
    from ..actors.lookup import mentions_starting

    states = {m.country for m in mentions_starting(doc, sent.start_char, sent.end_char)
              if m.country and m.sector != "IGO"
              and len(m.country) == 3 and m.country != other and m.country not in bodies}
    if count_all and len(states) > 1:
        return "several"
    return states.pop() if len(states) == 1 else None


def split_by_country(doc: Document, m: Mention) -> list[ActorRef]:
    """"the ministries of defense of China and Vietnam" names one actor per country."""
    if m.country is None and m.kind in ("organisation", "group"):
        from ..actors.lookup import mentions_in

        countries: list[str] = []
        for inner in mentions_in(doc, m.start, m.end):
            if inner is not m and inner.kind == "country" and inner.country and inner.country not in countries:
                countries.append(inner.country)
        if len(countries) >= 2:
            return [ActorRef(country=c, sector=m.sector, name=None, text=m.text) for c in countries]
    return [mention_ref(m)]


def named_entity(tok: Token) -> ActorRef | None:
    """A person or organisation the actor dictionaries do not know: named, country unknown."""
    if tok.pos_ != "PROPN" or tok.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME", "MONEY", "EVENT", "LAW"):
        return None
    from ..actors.tables import load_tables

    if tok.lower_ in load_tables().documents:
        return None  # "the Defence Cooperation Arrangement": a document, no actor
    span = entity_of(tok)
    if span is None or span.label_ not in ("ORG", "PERSON", "NORP"):
        left = tok.i
        while left > 0 and tok.doc[left - 1].dep_ == "compound" and tok.doc[left - 1].head.i == tok.i \
                and tok.doc[left - 1].pos_ == "PROPN":
            left -= 1
        text = tok.doc[left:tok.i + 1].text
    else:
        text = span.text
    name = text[4:] if text.lower().startswith("the ") else text
    return ActorRef(country=None, name=name, text=text)


def antecedent_in_sentence(doc: Document, pronoun: Mention) -> Mention | None:
    if not pronoun.actor_id:
        return None
    from ..actors.lookup import mentions_of_sentence

    named = [m for m in mentions_of_sentence(doc, pronoun.sentence) if m.actor_id == pronoun.actor_id
             and m.kind != "pronoun" and m.start < pronoun.start]
    return max(named, key=lambda m: (m.end - m.start)) if named else None


TOLD_BEFORE_SENTENCES = 4  # how far back a definite noun looks for the one it names again


def agent_of(tok: Token) -> Token | None:
    """The doer behind an instrument or act: "missiles fired by the army", "a bombing by IS"; for an
    instrument from a place, the place ("shells fired from Myanmar", "shells from Myanmar"), whose
    state fired it."""
    origin = None
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            return next((p for p in child.children if p.dep_ == "pobj"), None)
        if child.dep_ == "prep" and child.lower_ == "from":  # "mortar shells from Myanmar"
            origin = origin or next((p for p in child.children if p.dep_ == "pobj"), None)
        if child.dep_ == "acl":
            for grand in child.children:
                if grand.dep_ == "agent":
                    return next((p for p in grand.children if p.dep_ == "pobj"), None)
                if grand.dep_ == "prep" and grand.lower_ == "from" and child.tag_ == "VBN":
                    origin = origin or next((p for p in grand.children if p.dep_ == "pobj"), None)
    return origin or _told_before(tok)


def _told_before(tok: Token) -> Token | None:
    """"The shells fell at ...", after "two mortar shells hurled from Myanmar": a definite noun is the
    one named before with its doer or origin (within the last few sentences)."""
    if not _definite(tok):
        return None
    sent = tok.sent
    for _ in range(TOLD_BEFORE_SENTENCES + 1):
        for earlier in reversed([t for t in sent if t.i < tok.i and t.lemma_ == tok.lemma_ and t.pos_ == tok.pos_]):
            if not _definite(earlier) and (agent := agent_of(earlier)) is not None:
                return agent
        if sent.start == 0:
            break
        sent = tok.doc[sent.start - 1].sent
    return None


def _definite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)


def crowd_of_place(tok: Token, lex: Lexicon) -> ActorRef | None:
    """Unnamed protesters: the civilians (CAMEO sector CVL) of the state where they protest."""
    subj = syntax.subject_of(tok, lex)
    place = state_of_place(tok, lex) or (located_in(subj, lex) if subj is not None else None)
    if place is None:
        return None
    text = " ".join(t.text for t in subj.subtree) if subj is not None else None
    return ActorRef(country=place.country, sector="CVL", name=None, text=text)


def located_in(tok: Token, lex: Lexicon) -> ActorRef | None:
    """The state of the place a group is of or from ("protesters in Kiev", ``origin_preps``)."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in lex.origin_preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    ref = place_as_party(pobj)
                    if ref is not None:
                        return ref
    return None


def state_of_place(tok: Token, lex: Lexicon) -> ActorRef | None:
    """The state of a place the clause names as where it is held (``venue_preps``), else its scene."""
    top = tok
    for top in syntax.governors(tok, {"xcomp", "conj", "acomp"}):
        pass
    for t in top.subtree:
        if t.dep_ == "pobj" and t.head.lower_ in lex.venue_preps:
            ref = place_as_party(t)
            if ref is not None:
                return ref
    return scene_state(tok, lex.scene_preps)


def scene_state(tok: Token, preps: frozenset[str]) -> ActorRef | None:
    """The state where the act of the trigger's clause takes place ("near the town of Samarra"):
    of a place the clause names after one of ``preps`` (``scene_preps`` of the coder's words; or
    others: "from Abyei")."""
    from ..place.geocode import geocode

    top = tok
    for top in syntax.governors(tok, {"xcomp", "conj", "acomp"}):
        pass
    for t in top.subtree:
        if t.pos_ != "PROPN" or t.dep_ not in ("pobj", "compound"):
            continue
        prep = t.head if t.dep_ == "pobj" else t.head.head
        if prep.lower_ not in preps:
            continue
        span = entity_of(t)
        if t.dep_ == "compound" and (span is None or span.label_ not in ("GPE", "LOC", "FAC")):
            continue  # "Gaza City", not "the Nigerian Interior Ministry"
        text = span.text if span is not None else t.text
        code = country_code(text) or country_code(t.text)
        if code is None and t.ent_type_ in ("GPE", "LOC", "FAC", "NORP", "PERSON", ""):  # sm tags "Kiev" PERSON
            place = geocode(text)
            code = place.country if place is not None else None
        if code:
            return ActorRef(country=code, name=None, text=text, actor_id=state_actor_id(code))
    return None


def host_state(tok: Token, lex: Lexicon) -> ActorRef | None:
    """The state where another state's envoy or mission is posted (``posting_preps``): "the Chilean
    ambassador to Lima", "Chile's diplomatic presence in Peru" (Peru). None unless the phrase also
    names the sending state, and it is not the host."""
    posted = next((place_as_party(p) for c in tok.children if c.dep_ == "prep" and c.lower_ in lex.posting_preps
                   for p in c.children if p.dep_ == "pobj" and place_as_party(p) is not None), None)
    if posted is None:
        return None
    sender = next((ref for c in tok.children if c.dep_ in ("poss", "amod", "compound") and c.i < tok.i
                   for ref in [modifier_country(c) or place_as_party(c) or _named_state(c)] if ref is not None), None)
    return posted if sender is not None and sender.country != posted.country else None


def _named_state(tok: Token) -> ActorRef | None:
    code = country_code(tok.text) if tok.pos_ == "PROPN" else None
    return ActorRef(country=code, text=tok.text, actor_id=state_actor_id(code)) if code else None


def phrase_text(tok: Token) -> str:
    return " ".join(t.text for t in tok.subtree if not (t.dep_ in ("relcl", "acl", "punct", "appos")
                                                        and t.head == tok))


def modifier_country(tok: Token) -> ActorRef | None:
    """A state named by a modifier: "an Indian proposal", "a U.S. request"."""
    if tok.pos_ not in ("ADJ", "PROPN", "NOUN") or not tok.text[:1].isupper():
        return None
    code = country_code(tok.text)
    return ActorRef(country=code, text=tok.text, actor_id=state_actor_id(code)) if code else None


def place_as_party(tok: Token) -> ActorRef | None:
    """A country named as the object of a place preposition is still the party acted upon."""
    if tok.pos_ != "PROPN" or tok.dep_ != "pobj":
        return None
    span = entity_of(tok)
    text = span.text if span is not None else tok.text
    code = country_code(text)
    if code is None and span is not None and (len(span) > 1 or span.label_ == "GPE"):
        # a longer place name is not the country a word of it names: "Northern Ireland" is GBR;
        # a city or province is of its state: "a curfew on Basra"
        from ..place.geocode import geocode

        place = geocode(text)
        code = place.country if place is not None and place.country else None
    elif code is None:
        code = country_code(tok.text)
    if code is None:
        return None
    return ActorRef(country=code, name=None, text=text, actor_id=state_actor_id(code))


def country_code(text: str) -> str | None:
    from ..actors.gazetteer import builtin_gazetteer

    if text.lower().startswith("the "):
        text = text[4:]
    for term in builtin_gazetteer().lookup(text):
        if term.category in ("country", "demonym", "prefix", "capital") and term.code:
            return term.code
    return None


def valid_code(code: str, fallback: str) -> str:
    try:
        lookup(code)
        return code
    except KeyError:
        return fallback


def is_group(ref: ActorRef | None, lex: Lexicon) -> bool:
    """The side is an unnamed group of parties: "both sides", "the two governments" (``both_words``,
    ``group_words``)."""
    if ref is None:
        return False
    text = (ref.text or "").lower()
    return ref.country is None and any(w in text.split() for w in lex.both_words) or \
        (ref.country is None and text.split()[-1:] and text.split()[-1] in lex.group_words and not ref.name)


def of_group(tok: Token, lex: Lexicon) -> bool:
    """The phrase is of both parties: "border guards of the two nations", "troops of both sides"."""
    return any(p.lemma_.lower() in lex.group_words and p.tag_ in ("NNS", "NNPS")
               for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
               for p in c.children if p.dep_ == "pobj")


def speaker_replaces(source: ActorRef | None, speaker: ActorRef, lex: Lexicon, verbal: bool = True) -> bool:
    """The speaker stands for the source when the source is missing, a group, the speaker's own
    words for itself (``self_references``: "we") or the speaker's own state. A physical act keeps a
    source that has a sector: in "Iraqi warplanes pounded the positions, the Iraqi government said",
    the warplanes did it."""
    if source is None:
        return True
    if is_group(source, lex):
        return True
    text = (source.text or "").lower()
    if text in lex.self_references:
        return True
    if not verbal and source.sector:
        return False
    return bool(speaker.country) and source.country == speaker.country and source.actor_id != speaker.actor_id \
        and not source.is_person


def other_party(ref: ActorRef, source: ActorRef | None) -> bool:
    """``ref`` can be the other side of an act by ``source``: another state, or another sector of
    the same state ("Algerian authorities suspended Algeria's largest newspaper"), never the
    source itself or its bare state."""
    if source is None:
        return True
    if same_actor(ref, source):
        return False
    if ref.country != source.country:
        return True
    return bool(ref.sector and source.sector and ref.sector != source.sector)


def same_state(a: ActorRef, b: ActorRef, code: str, classes: CodeClasses) -> bool:
    """A state acting on itself (bare country on either side), outside protest and repression."""
    if not a.country or a.country != b.country or aimed_at_own_state(code, classes):
        return False
    if a.sector and b.sector and a.sector != b.sector:
        return False  # the army and the Taliban of one state are two parties
    if a.sector in classes.domestic_sectors or b.sector in classes.domestic_sectors:
        return False  # rebels, protesters, civilians and their own state are two parties
    return is_state_ref(a) or is_state_ref(b) \
        or not a.actor_id or not b.actor_id


def same_actor(a: ActorRef, b: ActorRef) -> bool:
    if a.actor_id and b.actor_id:
        return a.actor_id == b.actor_id
    return (a.country, a.name) == (b.country, b.name)


def document_dyad(doc: Document) -> list[str]:
    """The document's two most-mentioned countries, in order of first mention; mentions in the
    lead (the first two sentences) count three times, as the lead says what the article is about."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in doc.mentions:
        if m.country and len(m.country) == 3 and m.kind != "pronoun":
            counts[m.country] = counts.get(m.country, 0) + (3 if m.sentence <= 1 else 1)
            first.setdefault(m.country, m.start)
    top = sorted(counts, key=lambda c: (-counts[c], first[c]))[:2]
    return sorted(top, key=lambda c: first[c])
