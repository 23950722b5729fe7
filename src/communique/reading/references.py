"""The ``references`` stage: event sides read across the whole article.

The events stage codes one sentence at a time; a side it finds there may be a reference to
someone the article named before ("He", "the minister", "They", "the two sides"), a person whose
state another sentence gives, a bare state whose office in the story gives its sector, or one of
several coordinated parties ("South Korea, the U.S. and Japan launched ..."). This stage reads
the article's participants (:mod:`.participants`) and resolves each such side against them; every
side resolved across sentences says so in its evidence (:class:`~communique.records.Resolution`).
"""

from __future__ import annotations

import dataclasses
from itertools import combinations
from typing import Any

from ..actors.kinds import is_state_ref, state_actor_id
from ..actors.lookup import mentions_in
from ..events.codebook import lookup
from ..events.codeclasses import ARTICLE_SENTENCES, CodeClasses, load_code_classes
from ..events.parties import document_dyad
from ..events.patterns import Lexicon, load_lexicon
from ..records import ActorRef, Basis, Document, Event, Mention, Participant, Resolution, ResolutionKind
from ..registry import StageSettings, stage
from .clauses import token_of
from .gatherings import GatheringWords, exercise_events, load_gathering_words
from .home import HomeWords, dateline_country, headline_state, load_home_words, outlet_country
from .participants import WEAK_BASES, act_sector, load_act_sectors, principal, read_participants
from .plurals import (
    PluralWords, adversary, coordinated, group_named_before, is_plural, load_plural_words, misread_plural, named_before,
    named_inside, number_of, plural_words,
)

# PLOVER types of acts done together: the parties named as one side act with each other.
JOINT_TYPES = {"CONSULT", "COOPERATE", "AGREE"}


class References:
    """Resolve each event's sides against the article's participants, with the words of the
    stage's data files (the same for every article)."""

    def __init__(self, words: Lexicon, classes: CodeClasses, gatherings: GatheringWords, home: HomeWords,
                 plurals: PluralWords, act_sectors: dict[str, str]) -> None:
        self.words = words  # the coder's word classes (patterns/words.yaml)
        self.classes = classes  # the coder's classes of acts (patterns/code_classes.yaml)
        self.gatherings = gatherings
        self.home = home
        self.plurals = plurals
        self.act_sectors = act_sectors

    def __call__(self, doc: Document) -> Document:
        doc.participants = read_participants(doc, outlet_country(doc, self.home), dateline_country(doc),
                                             headline_state(doc, self.home))
        registry = {p.actor_id: p for p in doc.participants}
        mentions = {m.mention_id: m for m in doc.mentions}
        trace: list[str] = doc.annotations.setdefault("trace", [])
        traced = set(trace)
        events: list[Event] = []
        by_trigger: dict[tuple, list[Event]] = {}  # the events of each trigger (a side coded for each party)
        unplaced = {e.event_id for e in doc.events if not e.actor.country}  # actors of no state the coder knew
        for event in doc.events:
            if event.trigger is not None:
                by_trigger.setdefault((event.sentence_index, event.trigger.start), []).append(event)
        principals = _Principals(doc.participants)
        for event in doc.events:
            joint_resolve(event, self.plurals)  # read while the plural's words are still the actor's
            for name in ("actor", "recipient"):
                self._person(doc, event, name, registry, mentions)
            self._group_pair(doc, event, registry)
            expanded = self._plural(doc, event, mentions, registry) or self._many(doc, event, mentions, registry) \
                or self._many_recipients(doc, event, mentions, registry, by_trigger)
            for new in expanded or [event]:
                joint_resolve(new, self.plurals)
                for name in ("actor", "recipient"):
                    self._person(doc, new, name, registry, mentions)
                    self._craft_named_before(doc, new, name, mentions)
                    self._office_sector(new, name, principals, doc)
                for res in _resolutions(new):
                    line = f"sentence {new.sentence_index}: {res.describe()}"
                    if line not in traced:  # (the events of one plural share their reading)
                        trace.append(line)
                        traced.add(line)
                events.append(new)
        doc.events = events
        for new in exercise_events(doc, self.gatherings):
            trace.append(f"sentence {new.sentence_index}: rule {new.rule} -> {new.cameo} {new.event_type} "
                         f"{new.actor.country} -> {new.recipient.country}")
            events.append(new)
        placed_here = {e.event_id for e in events if e.event_id in unplaced and e.actor.country}
        _aim_at_the_other_state(doc, events, self.classes, placed_here)
        doc.events = _distinct_events(sorted(events, key=lambda e: e.sentence_index or 0))
        return doc

    # -- one named person or title ------------------------------------------------------------
    def _person(self, doc: Document, event: Event, name: str, registry: dict[str, Participant],
                mentions: dict[str, Mention]) -> None:
        """A person's side takes the state and office the article gives him; "the minister" is
        the minister named before."""
        ref: ActorRef = getattr(event, name)
        m = mentions.get(ref.mention_id or "")
        p = registry.get(ref.actor_id or "")
        kind = ResolutionKind.PRONOUN if m is not None and m.kind == "pronoun" else ResolutionKind.PARTICIPANT
        if p is None and m is not None and m.kind == "title" and (not ref.country or _same_side(event, name, ref.country)):
            p = _titled(m, registry, self.words.articles)
            kind = ResolutionKind.TITLE
        if p is None or p.kind not in ("person", "organisation"):
            return
        if p.kind == "organisation":  # "the ministry": of the state the article gives it
            posted = _host_of_envoy(doc, event, name, mentions) if m is not None and not m.country else None
            if posted is not None and (not ref.country or _same_side(event, name, ref.country)):
                setattr(event, name, dataclasses.replace(ref, country=posted))
                _note(event, Resolution(name, ResolutionKind.BODY, ref.text or "", [posted]))
                return
            self._body(event, name, ref, m, p)
            return
        country = ref.country or p.country
        if m is not None and not m.country and p.country and (
                p.country_basis not in WEAK_BASES or _same_side(event, name, ref.country)):
            country = p.country  # the sentence's guess yields to what the article says of him
        sector = p.sector if p.sector_basis in (Basis.OFFICE, Basis.TABLE) \
            else ref.sector or p.sector
        if (country, sector) == (ref.country, ref.sector) and kind == ResolutionKind.PARTICIPANT:
            return
        if country and (_same_side(event, name, country) or _names_another(doc, m, country)):
            return  # the act would be a state's on itself; "the Egyptian ambassador" is no Sudanese
        setattr(event, name, dataclasses.replace(ref, country=country, sector=sector, name=p.name,
                                                 actor_id=p.actor_id))
        if ref.country != country or kind != ResolutionKind.PARTICIPANT:
            first = mentions.get(p.first_mention)
            _note(event, Resolution(name, kind, ref.text or ref.name or "", [p.name],
                                    first.sentence if first is not None else None))

    def _body(self, event: Event, name: str, ref: ActorRef, m: Mention | None, p: Participant) -> None:
        """A body its words do not place ("the foreign ministry") is of the state the article gives
        it; the sentence's guess yields where it would make the act a state's on itself."""
        if not p.country or (m is not None and m.country) or ref.country == p.country:
            return
        if ref.country is None and ref.sector == self.classes.gathering_sector:
            return  # a multilateral gathering met as a body is of no state, though it sits in one
        if ref.country and not _same_side(event, name, ref.country) and p.country_basis == Basis.OUTLET:
            return
        if _same_side(event, name, p.country):
            return
        setattr(event, name, dataclasses.replace(ref, country=p.country, sector=ref.sector or p.sector))
        _note(event, Resolution(name, ResolutionKind.BODY, ref.text or ref.name or "", [p.country]))

    # -- plurals: "They", "the two sides", "the ministers" -------------------------------------
    def _plural(self, doc: Document, event: Event, mentions: dict[str, Mention],
                registry: dict[str, Participant]) -> list[Event] | None:
        ref = event.actor
        m = mentions.get(ref.mention_id or "")
        if not is_plural(ref, m, self.plurals) or (ref.country and not misread_plural(doc, m)):
            return None
        before = m.start if m is not None else (event.trigger.start if event.trigger else None)
        wanted = number_of(ref.text or "", self.plurals)
        found = group_named_before(doc, m, registry) if wanted is None else None
        found = found or named_before(doc, event.sentence_index or 0, before, wanted, registry)
        if found is None:
            return None
        parties, sentence = found
        if event.recipient.country and event.recipient.country not in {p.country for p in parties}:
            if event.event_type not in JOINT_TYPES:
                return None  # "They accused Japan": the plural acts on another party
        names = [p.name or p.country or "" for p in parties]
        res = Resolution("actor", ResolutionKind.PLURAL, ref.text or "", names, sentence)
        if len(parties) == 1:
            event.actor = dataclasses.replace(parties[0], start=ref.start, end=ref.end)
            _note(event, res)
            return [event]
        return _pairs(event, parties, res, keep_recipient=event.event_type not in JOINT_TYPES)

    def _group_pair(self, doc: Document, event: Event, registry: dict[str, Participant]) -> None:
        """"The two ministers agreed": the coder reads a plural as the article's two main states;
        the participants named before give each side its person and office."""
        sides = (event.actor, event.recipient)
        if any(r.actor_id or r.name or not r.country for r in sides) \
                or not plural_words(event.actor.text or "", self.plurals) \
                or event.actor.country == event.recipient.country:
            return
        before = event.trigger.start if event.trigger is not None else None
        found = named_before(doc, event.sentence_index or 0, before, None, registry)
        if found is None:
            return
        parties, sentence = found
        by_country = {p.country: p for p in parties}
        if not all(r.country in by_country for r in sides):
            return
        event.actor, event.recipient = (dataclasses.replace(by_country[r.country], start=r.start, end=r.end)
                                        for r in sides)
        _note(event, Resolution("actor and recipient", ResolutionKind.PLURAL, sides[0].text or "",
                                [by_country[r.country].name or "" for r in sides], sentence))

    # -- many parties: "South Korea, the U.S. and Japan launched ..." --------------------------
    def _many(self, doc: Document, event: Event, mentions: dict[str, Mention],
              registry: dict[str, Participant]) -> list[Event] | None:
        if event.event_type not in JOINT_TYPES or not event.actor.country:
            return None
        m = mentions.get(event.actor.mention_id or "")
        parties = coordinated(doc, m, registry) if m is not None else []
        if len(parties) < 2 or (len(parties) == 2 and event.recipient.country in {p.country for p in parties}):
            return None
        if not event.recipient.country and event.recipient.name and (
                (event.recipient.sector or "") in self.classes.body_codes
                or event.recipient.sector == self.classes.gathering_sector):
            return None  # "A and B leaders will attend the summit of X": each meets the body, not the other
        outside = event.recipient.country and event.recipient.country not in {p.country for p in parties}
        if outside and not adversary(doc, event.recipient, mentions, self.plurals):
            return None  # "A and B agreed to lift tariffs on C's goods": co-actors, each toward C
        if event.actor.sector:  # "defence officials from A, B and C": each of that office
            parties = [dataclasses.replace(p, sector=event.actor.sector) for p in parties]
        res = Resolution("actor and recipient", ResolutionKind.MANY_PARTIES, event.actor.text or "",
                         [p.country or "" for p in parties], event.sentence_index)
        return _pairs(event, parties, res, keep_recipient=False)

    def _many_recipients(self, doc: Document, event: Event, mentions: dict[str, Mention],
                         registry: dict[str, Participant], by_trigger: dict[tuple, list[Event]]) -> list[Event] | None:
        """An act aimed at parties named together is aimed at each: "met his counterparts from
        A, B and C", "protested to the defence attaches of A and B"."""
        m = mentions.get(event.recipient.mention_id or "") or next(
            (o for o in _sentence_mentions(doc, event.sentence_index) if o.text == event.recipient.text
             and o.kind in ("group", "organisation")), None)  # a side split by the states its words name
        if m is None or not event.actor.country:
            return None
        parties = coordinated(doc, m, registry) or named_inside(doc, m, registry)
        parties = [p for p in parties if p.country != event.actor.country]
        if len(parties) < 2:
            return None
        coded = {e.recipient.country for e in (by_trigger.get((event.sentence_index, event.trigger.start), ())
                                               if event.trigger is not None else ())}
        more = [p for p in parties if p.country not in coded]  # the coder may have coded some already
        if not more and event.recipient.country in {p.country for p in parties}:
            return None
        res = Resolution("recipient", ResolutionKind.MANY_PARTIES, event.recipient.text or "",
                         [p.country or "" for p in parties], event.sentence_index)
        out = []
        if event.recipient.country in coded:
            out.append(event)  # (its own words and span stay)
            _note(event, res)
        for party in more:
            recipient = dataclasses.replace(party, sector=event.recipient.sector or party.sector,
                                            start=event.recipient.start, end=event.recipient.end)
            new = dataclasses.replace(event, recipient=recipient, evidence=[
                dataclasses.replace(e, resolutions=list(e.resolutions)) for e in event.evidence])
            _note(new, res)
            out.append(new)
        return out

    # -- a state's sector from its office in the story ----------------------------------------
    def _office_sector(self, event: Event, name: str, principals: _Principals, doc: Document) -> None:
        ref: ActorRef = getattr(event, name)
        other: ActorRef = event.recipient if name == "actor" else event.actor
        if ref.country and not ref.sector and ref.is_person:
            # a person acting for a state towards another in an office the article does not name:
            # the office that does such acts
            sector = act_sector(event.cameo, self.act_sectors) if other.country != ref.country else None
            if sector is not None:
                setattr(event, name, dataclasses.replace(ref, sector=sector))
                _note(event, Resolution(name, ResolutionKind.ACT_SECTOR, ref.text or ref.name, [sector]))
            return
        if not ref.country or ref.sector or not (is_state_ref(ref) or (
                not ref.actor_id and not ref.name)):  # a state the coder inferred from the article's pair
            return
        p = principals[ref.country]
        if p is not None and p.sector:
            setattr(event, name, dataclasses.replace(ref, sector=p.sector))
            _note(event, Resolution(name, ResolutionKind.OFFICE_SECTOR, ref.text or ref.country, [p.name]))
            return
        sector = self._military_act(doc, event) or act_sector(event.cameo, self.act_sectors)
        if sector is not None:
            setattr(event, name, dataclasses.replace(ref, sector=sector))
            _note(event, Resolution(name, ResolutionKind.ACT_SECTOR, ref.text or ref.country, [sector]))

    def _craft_named_before(self, doc: Document, event: Event, name: str, mentions: dict[str, Mention]) -> None:
        """"The destroyer JS Akebono arrived ... The ship was welcomed ... the crew will take part":
        a craft or crew named with "the" and no state is the craft named before it, of its state and
        service."""
        ref: ActorRef = getattr(event, name)
        m = mentions.get(ref.mention_id or "")
        words = (m.text if m is not None else "").lower().split()
        if m is None or m.kind != "group" or len(words) != 2 or words[0] != "the" \
                or words[1] not in self.words.craft_heads or (ref.country and ref.sector not in ("CVL", None)):
            return
        def names_craft(o: Mention) -> bool:  # "the destroyer JS Akebono", "The Indian Navy frigate INS Teg"
            near = (o.text or "").lower().split() + doc.text[o.end:o.end + 40].lower().split()[:2]
            return any(w.strip(",.") in self.words.craft_heads for w in near)


        before = [o for o in doc.mentions if o.kind in ("group", "organisation") and o.end <= m.start and o.country
                  and o.sector in ("MIL", "COP") and o.sentence < m.sentence and names_craft(o)]
        if before:
            craft = max(before, key=lambda o: o.end)
            setattr(event, name, dataclasses.replace(ref, country=craft.country, sector=craft.sector))
            _note(event, Resolution(name, ResolutionKind.CRAFT, ref.text or "", [craft.text or ""]))

    def _military_act(self, doc: Document, event: Event) -> str | None:
        """"held military talks", "the defence dialogue took place": a state whose office the article
        does not name does a military act through its military."""
        tok = token_of(doc, event.trigger)
        if tok is None:
            return None
        words = {t.lower_ for t in (tok.subtree if tok.pos_ in ("NOUN", "PROPN") else
                                    (t for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr")
                                     for t in c.subtree))}
        words.add(tok.lower_)
        return "MIL" if words & self.words.domains.get("military", frozenset()) else None


class _Principals(dict):
    """The principal participant of each state (see :func:`~.participants.principal`), found once."""

    def __init__(self, participants: list[Participant]) -> None:
        super().__init__()
        self.participants = participants

    def __missing__(self, country: str) -> Participant | None:
        found = self[country] = principal(self.participants, country)
        return found


def _host_of_envoy(doc: Document, event: Event, name: str, mentions: dict[str, Mention]) -> str | None:
    """The state an envoy on the other side is posted to ("summoned Chile's ambassador in Lima",
    "the ambassador to Lima"): the state of the body that summons or receives him."""
    other: ActorRef = event.recipient if name == "actor" else event.actor
    m = mentions.get(other.mention_id or "")
    sdoc = doc.spacy_doc
    if m is None or sdoc is None or not other.country:
        return None
    from ..events.parties import country_code

    span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return None
    for tok in span:
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("to", "in")):
            for pobj in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"):
                # "to Lima Rafael Soto": the place may be parsed as part of the envoy's name
                for place in (t for t in pobj.subtree if t.pos_ == "PROPN" and t.i <= pobj.i):
                    code = country_code(place.text)
                    if code and code != other.country:
                        return code
    return None


def _same_side(event: Event, name: str, country: str | None) -> bool:
    other: ActorRef = event.recipient if name == "actor" else event.actor
    return country is not None and other.country == country


def _names_another(doc: Document, m: Mention | None, country: str) -> bool:
    """The side's own words name a state other than ``country``."""
    if m is None or m.kind == "pronoun":
        return False
    return any(o.kind == "country" and o.country and o.country != country for o in mentions_in(doc, m.start, m.end))


def _titled(m: Mention, registry: dict[str, Participant], articles: frozenset[str]) -> Participant | None:
    """"the minister": the latest person named before with an office of that name."""
    words = set((m.title or m.text).lower().split()) - articles
    if not words:
        return None
    last = None
    for p in registry.values():
        if p.kind == "person" and p.title and words <= set(p.title.lower().split()) \
                and (m.country is None or m.country == p.country) and p.first_sentence <= m.sentence:
            last = p
    return last


def _distinct_events(events: list[Event]) -> list[Event]:
    """One event per trigger, code and pair of parties (an expansion may meet an event coded as such);
    for a joint act, one per pair of states ("signed by Foreign Minister X, Defence Minister Y and
    their counterpart Z": the two ministers of one state sign once)."""
    seen: set[tuple] = set()
    out = []
    for e in events:
        if e.symmetric and e.actor.country and e.recipient.country:
            pair = ((e.actor.country, None), (e.recipient.country, None))
        else:
            pair = ((e.actor.country, e.actor.name), (e.recipient.country, e.recipient.name))
        key = (e.sentence_index, e.trigger.start if e.trigger else None, e.cameo,
               frozenset(pair) if e.symmetric else pair)
        if key in seen and e.actor.country and e.recipient.country:
            continue
        seen.add(key)
        out.append(e)
    return out


APPEAL_PREFIX = "02"  # CAMEO appeals
JOINT_INTENT = "030"  # CAMEO: express intent to cooperate


def joint_resolve(event: Event, plurals: PluralWords) -> None:
    """An appeal made by a plural of the parties to one of them ("the sides noted they will push for
    the early signing"): the parties' joint resolve, an intent to cooperate, not a demand on one."""
    if not event.cameo.startswith(APPEAL_PREFIX) or not plural_words(event.actor.text or "", plurals) \
            or not event.actor.country or not event.recipient.country or event.recipient.start is not None:
        return
    info = lookup(JOINT_INTENT)
    event.cameo, event.event_type, event.mode = JOINT_INTENT, info.plover, info.mode
    event.quad_class, event.goldstein, event.symmetric = info.quad_class, info.goldstein, True


def _pairs(event: Event, parties: list[ActorRef], res: Resolution, keep_recipient: bool) -> list[Event]:
    """One event per pair of parties, the first named (the host or initiator) first; or, when the
    plural acts on a named other party, one event per party with that recipient."""
    out: list[Event] = []
    if keep_recipient and event.recipient.country:
        pairs = [(p, event.recipient) for p in parties if p.country != event.recipient.country]
    else:
        pairs = list(combinations(parties, 2))
    for actor, recipient in pairs:
        new = dataclasses.replace(
            event, actor=dataclasses.replace(actor, start=event.actor.start, end=event.actor.end),
            recipient=recipient if recipient is event.recipient else dataclasses.replace(recipient),
            symmetric=event.symmetric or not keep_recipient,
            evidence=[dataclasses.replace(e, resolutions=list(e.resolutions)) for e in event.evidence])
        _note(new, res)
        out.append(new)
    return out


def _note(event: Event, res: Resolution) -> None:
    if event.evidence and not any(r == res for r in event.evidence[0].resolutions):
        event.evidence[0].resolutions.append(res)


def _resolutions(event: Event) -> list[Resolution]:
    return [r for e in event.evidence[:1] for r in e.resolutions]


class ReferenceSettings(StageSettings):
    words: str | None = None  # a file replacing the coder's word classes (patterns/words.yaml)
    code_classes: str | None = None  # a file replacing the coder's classes of acts (patterns/code_classes.yaml)
    gatherings: str | None = None  # a file replacing the gathering words (reading/gatherings.yaml)
    home: str | None = None  # a file replacing the words of an article's home (reading/home.yaml)
    plurals: str | None = None  # a file replacing the words of plurals (reading/plurals.yaml)
    act_sectors: str | None = None  # a file replacing the offices that do classes of acts (reading/act_sectors.yaml)


@stage("references", requires=["doc.mentions", "doc.events"], assigns=["doc.participants", "event.references"],
       settings=ReferenceSettings)
def make_references(settings: dict[str, Any]) -> References:
    """Settings: ``words``, ``code_classes``, ``gatherings``, ``home``, ``plurals`` and ``act_sectors``,
    files replacing the built-in ones."""
    words = load_lexicon(words=settings.get("words"))
    gatherings = load_gathering_words(words.scene_preps, settings.get("gatherings"), words.sequence_modifiers)
    return References(words, load_code_classes(settings.get("code_classes")), gatherings,
                      load_home_words(settings.get("home")), load_plural_words(settings.get("plurals")),
                      load_act_sectors(settings.get("act_sectors")))


def _sentence_mentions(doc: Document, sentence: int | None) -> list[Mention]:
    """The mentions of one sentence, through an index by sentence kept on the document (built again
    when mentions were added since)."""
    count, index = doc.annotations.get("mentions_by_sentence") or (-1, {})
    if count != len(doc.mentions):
        index = {}
        for mention in doc.mentions:
            index.setdefault(mention.sentence, []).append(mention)
        doc.annotations["mentions_by_sentence"] = (len(doc.mentions), index)
    return index.get(sentence, [])


def _aim_at_the_other_state(doc: Document, events: list[Event], classes: CodeClasses,
                            placed_here: set[str]) -> None:
    """In an article between two states, an act that needs a counterpart (an intent to cooperate, a
    sanction) and names none, by a party the article places in one of them, is with the other. So is
    an act aimed at someone (a charge, a threat) whose actor's state only this reading found
    (``placed_here``: "they would investigate", "they" of the first state), as the coder aims one
    whose actor's state it knows."""
    if len(doc.sentences) < ARTICLE_SENTENCES:
        return
    pair = document_dyad(doc)[:2]
    for e in events:
        kinds = classes.with_counterpart_types | (classes.directed_types if e.event_id in placed_here else set())
        if e.event_type in kinds and e.recipient.country is None and e.recipient.sector is None \
                and len(pair) == 2 and e.actor.country in pair:
            other = next(c for c in pair if c != e.actor.country)
            e.recipient = dataclasses.replace(e.recipient, country=other, actor_id=state_actor_id(other))
            _note(e, Resolution("recipient", ResolutionKind.PARTICIPANT, e.recipient.text or "", [other]))

