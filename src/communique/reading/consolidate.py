"""The ``consolidate`` stage: one event per real-world act in the article.

Sentence by sentence the coder may code one act several times: two triggers of one clause ("summoned
the envoy to protest the shelling" is one summons), and later sentences that tell the act again with
fewer words ("the ministry expressed its displeasure at the meeting"). Some coded events are not
interactions at all: no state or body could be found as the actor, or both sides are one state.

The stage keeps one event per act and merges the others into it, keeping their evidence, so every
sentence that tells the act stays visible; each merge or drop is a :class:`Decision` with a typed
:class:`Reason`, kept in ``doc.annotations["consolidation"]`` and written to the trace.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from ..actors.kinds import is_common_term, is_state_ref
from ..events.codeclasses import load_code_classes
from ..events.parties import aimed_at_own_state, meets_gathering
from ..linking.merge import _absorb
from ..linking.provenance import agrees
from ..records import ActorRef, Document, Event
from ..time.calendar_math import UNKNOWN_YEAR
from ..registry import StageSettings, stage
from . import clauses
from .acts import ConsolidationWords, load_consolidation_words
from .participants import VISIT
from .sweep import Pairing, sweep


class Reason(Enum):
    """Why an event was merged into another or dropped."""

    PART_OF_ACT = "what was said or done as part of an act coded in the same clause"
    RESTATED = "the same act told again"
    VOICED_AT = "what was said at a protest or summons told elsewhere in the article"
    ANNOUNCED = "a stated intent to do what the article also tells as decided"
    NO_ACTOR = "no state could be found for the actor in an article between states"
    SAME_STATE = "both sides are one state, which only the recipient's words name"
    OTHER_STATES = "the recipient is other states than the actor's: its state is not known"
    BACKGROUND = "an act the article recalls from well before its own news"
    ONE_STATE = "an act between states whose two sides came out as one state"
    DESCRIPTION = "a relative clause in the present or perfect says what a noun is, not a reported act"
    NO_TARGET = "an act aimed at a party whose target the article does not name"

    @property
    def merges(self) -> bool:
        return self in (Reason.PART_OF_ACT, Reason.RESTATED, Reason.VOICED_AT, Reason.ANNOUNCED)


@dataclass(frozen=True)
class Decision:
    """One consolidation decision: ``event_id`` merged into ``into``, or dropped (``into`` None)."""

    reason: Reason
    event_id: str
    sentence_index: int | None
    into: str | None = None

    def describe(self) -> str:
        where = f"sentence {self.sentence_index}" if self.sentence_index is not None else "article"
        action = f"merged into {self.into}" if self.into else "dropped"
        return f"{where}: event {self.event_id} {action}: {self.reason.value}"


BACKGROUND_DAYS = 30


def _countries(e: Event) -> tuple[str | None, str | None]:
    return e.actor.country, e.recipient.country


def _known(e: Event) -> int:
    return sum(c is not None for c in _countries(e))


def _side_agrees(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _dyads_agree(a: Event, b: Event, gathering_sector: str) -> bool:
    """The states both events name agree, a side one of them leaves open taking the other's; either
    order when one is symmetric or both are talks. At least one state is shared."""
    if meets_gathering(a, gathering_sector) != meets_gathering(b, gathering_sector):
        return False  # attending the conference is not the meeting on its sidelines
    (aa, ar), (ba, br) = _countries(a), _countries(b)
    orders = [(ba, br)]
    if a.symmetric or b.symmetric or a.event_type == b.event_type == "CONSULT":
        orders.append((br, ba))
    return any(_side_agrees(aa, x) and _side_agrees(ar, y) and ({aa, ar} & {x, y}) - {None}
               for x, y in orders)


# How the ``dates`` stage found a date the event's own words state (else it was taken from another
# sentence, the dateline or the publication day).
STATED_DATE = ("sentence", "relative")


def stated_date(e: Event) -> bool:
    return e.date is not None and (e.date_reason or "").startswith(STATED_DATE)


def _dates_agree(a: Event, b: Event) -> bool:
    """The days can be one: equal or one within the other; or neither is stated by the event's own
    words (both were taken from elsewhere in the article or from the day of the report)."""
    if a.date is None or b.date is None or agrees(a.date, b.date):
        return True
    return not (stated_date(a) or stated_date(b))


def _mechanisms_agree(a: Event, b: Event) -> bool:
    if a.mechanism is None or b.mechanism is None:
        return True
    return (a.mechanism.mechanism_id or a.mechanism.name, a.mechanism.edition) == \
        (b.mechanism.mechanism_id or b.mechanism.name, b.mechanism.edition)


def _one_trigger(a: Event, b: Event) -> bool:
    return a.trigger is not None and b.trigger is not None and a.trigger.start == b.trigger.start


# Disapproval voiced at a diplomatic protest or summons (ACCUSE): the opposition or protest its
# maker states there, against the same party on the same day, is part of that act.
VOICED = frozenset({"REJECT", "PROTEST"})


def voiced_at(a: Event, b: Event) -> bool:
    """``b``, told in another sentence, is the disapproval ``a``'s maker voiced at the protest or
    summons ``a``."""
    if a.event_type != "ACCUSE" or b.event_type not in VOICED or a.actor.country is None \
            or a.sentence_index == b.sentence_index:
        return False
    if b.actor.country != a.actor.country or not _side_agrees(a.recipient.country, b.recipient.country):
        return False
    return _dates_agree(a, b) and (_statuses_agree(a, b) or a.date == b.date)


def announced(a: Event, b: Event, threat_codes: dict[str, str]) -> bool:
    """``a`` is the threat of the act ``b`` tells as decided, between the same states ("said it would
    impose sanctions on the firms" and "has decided to impose sanctions on the companies"): one
    announcement."""
    if a.event_type != "THREATEN" or b.status != "planned" or threat_codes.get(b.event_type) != a.cameo:
        return False
    return a.actor.country is not None and a.actor.country == b.actor.country \
        and _side_agrees(a.recipient.country, b.recipient.country) and _dates_agree(a, b)


def _codes_agree(a: Event, b: Event) -> bool:
    """One CAMEO code refines the other (a code ending in 0 is its family's root: 040 and 043, 030
    and 0312): a visit (042) and a meeting held elsewhere (044) are two acts."""
    ra, rb = _root(a.cameo), _root(b.cameo)
    return a.cameo.startswith(rb) or b.cameo.startswith(ra)


def _root(code: str) -> str:
    return code[:-1] if len(code) == 3 and code.endswith("0") else code


def _people_agree(a: Event, b: Event) -> bool:
    """The persons each names for a state are the same, and for talks the sectors: the minister's
    talks are not the envoy's, the defence officials' dialogue not the foreign minister's call."""
    def people(e: Event) -> dict[str, str]:
        return {r.country: r.actor_id for r in (e.actor, e.recipient)
                if r.country and r.is_person}

    def sectors(e: Event) -> dict[str, str]:
        return {r.country: r.sector for r in (e.actor, e.recipient) if r.country and r.sector}
    pa, pb, sa, sb = people(a), people(b), sectors(a), sectors(b)
    if any(pa[c] != pb[c] for c in pa.keys() & pb.keys()):
        return False
    # officials of another branch make another meeting; an agreement or protest is the state's
    return a.event_type != "CONSULT" or all(sa[c] == sb[c] for c in sa.keys() & sb.keys())


def restates(a: Event, b: Event, gathering_sector: str | None = None) -> bool:
    """``b``, in another sentence, tells the act ``a`` is: the same type and code family, agreeing
    states, persons, day, status and mechanism edition (``gathering_sector``: that of the code
    classes, default the built-in ones)."""
    if a.event_type != b.event_type or not _codes_agree(a, b) or a.sentence_index == b.sentence_index:
        return False  # two acts of one sentence are one only as parts of one clause (part_of)
    classes = load_code_classes()
    if a.symmetric != b.symmetric and a.cameo.startswith(classes.intents):
        return False  # what both sides agree is not what one side promises the other
    sector = gathering_sector or classes.gathering_sector
    if not (_dyads_agree(a, b, sector) and _people_agree(a, b)):
        return False
    if not (_dates_agree(a, b) and _mechanisms_agree(a, b)):
        return False
    return _statuses_agree(a, b) or (a.date is not None and a.date == b.date)


def _statuses_agree(a: Event, b: Event) -> bool:
    """Both planned, or both not: an act under way and the same act done are one."""
    return (a.status == "planned") == (b.status == "planned")


def refers_to(a: Event, b: Event, doc: Document, words: ConsolidationWords) -> bool:
    """``b`` names ``a``'s act again by a definite noun ("will take part in the exercise until
    Friday"): the same type and code family, agreeing states (or none found: "ships are taking part
    in the drill") and mechanism edition, whatever day or status its own clause gives."""
    return a.event_type == b.event_type and _codes_agree(a, b) and not _one_trigger(a, b) \
        and (_dyads_agree(a, b, words.classes.gathering_sector) or _known(b) == 0) and _people_agree(a, b) and _mechanisms_agree(a, b) \
        and not _other_days(a, b) and clauses.refers_back(doc, b.trigger, words.lex)


def _other_days(a: Event, b: Event) -> bool:
    """Each clause states its own, other day or month ("summoned the envoy on Monday" ... "on 21
    August, the envoy was summoned"; "launched on Wednesday" ... "the first drill was held in June"):
    two acts done, however alike their words. Not an act under way and its
    end ("began on Monday" ... "will take part until Friday")."""
    if not all(stated_date(e) and e.date_precision in ("day", "month") and e.date_end is None for e in (a, b)) \
            or agrees(a.date, b.date) or "planned" in (a.status, b.status):
        return False
    if a.status == b.status == "occurred":
        return True
    under_way, other = (a, b) if a.status == "ongoing" else (b, a)  # and one done before it began
    known_years = not any(e.date.startswith(UNKNOWN_YEAR) for e in (a, b))
    return other.status == "occurred" and known_years and other.date < under_way.date


def part_of(outer: Event, inner: Event, doc: Document, words: ConsolidationWords) -> bool:
    """``inner`` is said or done as part of ``outer``: its trigger is in ``outer``'s own clause
    (a purpose, complement or coordinated verb), its type one that ``outer``'s act contains, and
    the states it names are ``outer``'s."""
    if outer.sentence_index != inner.sentence_index or _one_trigger(outer, inner) or _edition_planned(inner):
        return False
    acts = words.acts
    if outer.event_type not in acts.asked and inner.event_type not in acts.parts.get(outer.event_type, frozenset()):
        return False
    if not _within(outer, inner, words):
        return False
    # coordinated verbs tell one act only as a protest and a summons ("protested and summoned the envoy")
    both_ways = {outer.event_type, inner.event_type} <= acts.disapproval
    return clauses.contains(doc, outer.trigger, inner.trigger, words.lex, coordinated=both_ways)


def _edition_planned(e: Event) -> bool:
    """An edition of a recurring occasion planned ("agreed to move forward with the second phase of
    the Freedom Edge exercise"): an event of its own, which the occasion's own reports tell again."""
    return e.status == "planned" and e.mechanism is not None and e.mechanism.edition is not None


def _within(outer: Event, inner: Event, words: ConsolidationWords) -> bool:
    """Every state ``inner`` names is one of ``outer``'s; for forces moved as the means of an act
    (an exercise "mobilizing six warships"), its actor."""
    if inner.recipient.start is None and inner.recipient.country and inner.recipient.country == inner.actor.country:
        return False  # aimed by default at its own state (no words name a recipient): not the act at a party
    named = {c for c in _countries(outer) if c}
    # what a request or order asks for is done by the one asked ("directed the officers to share ...")
    acts = words.acts
    doers = (outer.actor.country, *((outer.recipient.country,) if outer.symmetric or outer.event_type in acts.asked
                                    else ()))
    sides = _countries(inner)[:1] if inner.event_type in acts.means else _countries(inner)
    return bool(named) and all(c is None or c in named for c in sides) and inner.actor.country in (None, *doers)


def _person(ref: ActorRef) -> bool:
    return ref.is_person


def _resolution(ref: ActorRef) -> int:
    """How far a side is resolved: a named person, then a sector, then a bare state."""
    return 2 * bool(ref.country) + bool(ref.sector) + 2 * _person(ref)


def survivor_side(kept: ActorRef, other: ActorRef) -> ActorRef:
    """The side the surviving event of one act takes from its own and a merged member's: the better
    resolved of the two for the same state ("Defence Minister A" over "the ministry" or "Freedonia"),
    the member's where the survivor found no state; but of two sides of one state in different
    sectors (the defence officials and the president) the survivor's own, since the members do not
    agree on who acted and the survivor's words are the fuller telling of the act."""
    if kept.country is None:
        return other if other.country is not None or _resolution(other) > _resolution(kept) else kept
    if other.country != kept.country:
        return kept
    if kept.sector and other.sector and kept.sector != other.sector:
        return kept
    return other if _resolution(other) > _resolution(kept) else kept


def _aligned_sides(kept: Event, other: Event) -> tuple[tuple[ActorRef, ActorRef], tuple[ActorRef, ActorRef]]:
    """The survivor's (actor, recipient) and the member's sides in the same order: a member telling
    the act from the other party's side is turned round."""
    own = (kept.actor, kept.recipient)
    if kept.actor.country == other.recipient.country and kept.recipient.country == other.actor.country \
            and kept.actor.country != kept.recipient.country:
        return own, (other.recipient, other.actor)
    return own, (other.actor, other.recipient)


def _keeper(a: Event, b: Event) -> tuple[Event, Event]:
    """(kept, merged) of one act told twice: the event naming more states, then the one coded first."""
    return (b, a) if _known(b) > _known(a) else (a, b)


def _part_keeper(outer: Event, inner: Event, words: ConsolidationWords) -> tuple[Event, Event]:
    """(kept, merged) of an act and its part: the act, but of a protest and a summons the
    diplomatic complaint (ACCUSE) over the demonstration word (PROTEST)."""
    acts = words.acts
    if {outer.event_type, inner.event_type} == acts.disapproval and inner.event_type == acts.preferred_disapproval:
        return inner, outer
    return outer, inner


# Sectors that act for a state: a government or armed forces actor with no state found for it
# ("they", "the ministers", a person the article never places) cannot be placed as a party.
STATE_SECTORS = frozenset({"GOV", "MIL"})


# An article: enough sentences for the actors' states to be found across them.
ARTICLE_SENTENCES = 3


def _no_actor(e: Event, article: bool) -> bool:
    """In an article between states, the actor acts for a state (or is of no known kind: "they")
    that was not found anywhere in it. A sentence on its own, or a text naming fewer than two
    states, has no such context: its act is kept as coded."""
    return article and e.actor.country is None and (e.actor.sector is None or e.actor.sector in STATE_SECTORS)


def _no_target(e: Event, article: bool, directed: frozenset[str]) -> bool:
    """In an article between states, an act aimed at a party (of the ``directed`` types) with no
    target state found."""
    return article and e.recipient.country is None and e.event_type in directed


def _same_state(e: Event, terms: set[str], doc: Document) -> bool:
    """Both sides are one state that only the recipient's words name, the actor being a common
    term ("the ministry"), not a named person, of the same sector: the actor's state was taken from the other side ("the
    ministry summoned Freedonia's envoy" coded as Freedonia's act). Not a domestic act of named
    parties ("Freedonian police arrested the opposition leader") nor one aimed at the actor's own
    state ("declared a state of emergency")."""
    actor, recipient = _countries(e)
    if actor is None or actor != recipient or e.recipient.start is None or e.actor.mention_id not in terms \
            or e.actor.is_person or clauses.names_person(doc, e.actor.start, e.actor.end):
        return False
    return e.actor.sector == e.recipient.sector and names_state(e.recipient, doc.text) \
        and not names_state(e.actor, doc.text)


# Acts an official may direct at the institutions or people of their own state: refusing to yield
# ("declined to resign despite pressure from the anti-corruption commission") and yielding (releasing
# prisoners, easing restrictions).
HOME_ACTS = frozenset({"REJECT", "RETREAT"})


def _one_state(e: Event, words: ConsolidationWords) -> bool:
    """Both sides are one state in an act that takes two (a meeting, a demand, a deployment): not a
    state's act on its own people (a protest, an arrest, an attack, a release), nor one between two
    of its parties (the government and the opposition, the army and the rebels)."""
    actor, recipient = _countries(e)
    if actor is None or actor != recipient or aimed_at_own_state(e.cameo, words.classes):
        return False
    if e.cameo.startswith(VISIT):
        return True  # no one visits their own state, whoever they are
    if e.event_type in words.acts.asked and is_state_ref(e.recipient):
        return False  # "the army chief urged Pakistan to adopt a policy": an appeal to one's own nation
    sectors = {e.actor.sector, e.recipient.sector} - {None}
    # a side that is the state itself ("protested ... South Korea's zone") is no other office of it
    bare = any(is_state_ref(ref) for ref in (e.actor, e.recipient))
    return (len(sectors) <= 1 or bare) and not sectors & words.classes.domestic_sectors \
        and e.event_type not in HOME_ACTS


def _terms(doc: Document) -> set[str]:
    """The mentions resolved from a common term ("the ministry", "the director general"), not a name."""
    return {m.mention_id for m in doc.mentions if is_common_term(m)}


def names_state(ref: ActorRef, text: str = "") -> bool:
    """The words of the side (its mention and its phrase) name its state ("Freedonia's envoy", "the
    Freedonian side")."""
    from ..events.parties import country_code

    phrase = text[ref.start:ref.end] if ref.start is not None and ref.end is not None else ""
    words = f"{ref.text or ''} {phrase}".replace("'s", " ").replace("’s", " ").split()
    spans = [" ".join(words[i:i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)]
    return any(country_code(s) == ref.country for s in spans if s[:1].isupper())


def _other_states(e: Event, other_words: frozenset[str]) -> bool:
    """The recipient's words say it is other states than the actor's, whatever state it was given:
    one of the ``other_words`` sets it apart from the party already named ("the forces of other countries")."""
    return bool(other_words & set((e.recipient.text or "").lower().split()))


def _background(e: Event, published: date | None, days: int) -> bool:
    """The event's own words date it well before the article's publication: more than ``days``
    before it for a day or from the first day of a month, or in an earlier year; the article
    recalls it."""
    if published is None or not stated_date(e) or e.status == "planned" or not e.date or e.date.startswith("X"):
        return False
    try:
        if len(e.date) == 4:
            return int(e.date) < published.year
        start = date.fromisoformat(e.date if len(e.date) == 10 else e.date + "-01")
    except ValueError:
        return False
    return (published - start).days > days


def _kin(e: Event) -> tuple[str, str, frozenset[str | None]]:
    return e.event_type, e.cameo[:2], frozenset((e.actor.country, e.recipient.country))


def _news_kin(doc: Document, news: list[Event]) -> set[tuple[str, str, frozenset[str | None]]]:
    """The kinds of the article's own news, as the act of its main type between each pair of states.
    An earlier act of that kind between the same pair ("The first drill was held in June", "a
    memorandum was signed in September" before the contract) is the story the article tells, not
    background: its own event, however long ago."""
    frame = doc.annotations.get("frame")
    main_type = getattr(frame, "event_type", None)
    return {_kin(e) for e in news if main_type and e.event_type == main_type
            and e.actor.country and e.recipient.country}


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


# Sentences apart beyond which two events of an article are not compared: an article tells an act
# again within its own length, and a book-length text stays linear in its number of events.
NEAR_SENTENCES = 60
# Which events each test can pair at all (its first conditions), so that only those are compared:
# the parts of an act are in its own sentence; an act told again is of its own type; what is voiced
# at a summons or protest (ACCUSE) is a rejection or protest.
IN_SENTENCE = Pairing(reach=0, ordered=False)
SAME_TYPE = Pairing(reach=NEAR_SENTENCES, ordered=True, kinds=lambda kind: (kind,))
VOICED_AT_ACT = Pairing(reach=NEAR_SENTENCES, ordered=False, kinds=lambda kind: VOICED if kind == "ACCUSE" else ())


def _threat_of_act(threat_codes: dict[str, str]) -> Pairing:
    """A threat pairs with the acts it may announce: those the lexicon gives a threat code."""
    threatened = frozenset(threat_codes)
    return Pairing(reach=NEAR_SENTENCES, ordered=False, kinds=lambda kind: threatened if kind == "THREATEN" else ())


def consolidate(doc: Document, background_days: int = BACKGROUND_DAYS,
                words: ConsolidationWords | None = None) -> list[Decision]:
    """Merge and drop ``doc.events`` in place; the decisions made, in order. ``words``: what the
    stage reads from data files (default: the built-in files)."""
    words = words or load_consolidation_words()
    decisions: list[Decision] = []
    events = sorted(doc.events, key=lambda e: e.sentence_index or 0)  # article order

    def merge(kept: Event, other: Event, reason: Reason) -> Event:
        if stated_date(other) and not stated_date(kept) and _statuses_agree(kept, other):
            # (the day of an act planned is not that of the act that plans it: "agreed to hold a drill in May")
            for attr in ("date", "date_end", "date_precision", "date_raw", "date_reason"):
                setattr(kept, attr, getattr(other, attr))
        sides = _aligned_sides(kept, other)
        _absorb(kept, other)
        kept.actor, kept.recipient = (survivor_side(k, o) for k, o in zip(sides[0], sides[1]))
        if kept.status != other.status and kept.date is None:
            kept.status = other.status
        decisions.append(Decision(reason, other.event_id, other.sentence_index, kept.event_id))
        return kept

    passes = ((lambda a, b: part_of(a, b, doc, words), Reason.PART_OF_ACT, IN_SENTENCE,
               lambda a, b: _part_keeper(a, b, words)),
              (lambda a, b: restates(a, b, words.classes.gathering_sector), Reason.RESTATED, SAME_TYPE, _keeper),
              (lambda a, b: refers_to(a, b, doc, words), Reason.RESTATED, SAME_TYPE, _keeper),
              (voiced_at, Reason.VOICED_AT, VOICED_AT_ACT, lambda a, b: (a, b)),
              (lambda a, b: announced(a, b, words.lex.threat_codes), Reason.ANNOUNCED,
               _threat_of_act(words.lex.threat_codes), lambda a, b: (b, a)))
    for test, reason, pairing, keeper in passes:
        events = sweep(events, test, pairing, lambda a, b, pick=keeper, why=reason: merge(*pick(a, b), why))
    doc.events = _without_non_acts(doc, events, words, background_days, decisions)
    return decisions


def _without_non_acts(doc: Document, events: list[Event], words: ConsolidationWords, background_days: int,
                      decisions: list[Decision]) -> list[Event]:
    """The events that are interactions the article reports; a decision for each one dropped."""
    kept_events = []
    published, terms = _date(doc.published), _terms(doc)
    recalled = {id(e) for e in events if _background(e, published, background_days)}
    kin = _news_kin(doc, [e for e in events if id(e) not in recalled])
    article = len(doc.sentences) >= ARTICLE_SENTENCES and len({m.country for m in doc.mentions if m.country}) >= 2
    for e in events:
        if e.actor.country is not None and e.actor.country == e.recipient.country \
                and _other_states(e, words.lex.other_words):
            e.recipient.country = None
            decisions.append(Decision(Reason.OTHER_STATES, e.event_id, e.sentence_index))
        if _no_actor(e, article):
            decisions.append(Decision(Reason.NO_ACTOR, e.event_id, e.sentence_index))
        elif _no_target(e, article, words.directed):
            decisions.append(Decision(Reason.NO_TARGET, e.event_id, e.sentence_index))
        elif _same_state(e, terms, doc):
            decisions.append(Decision(Reason.SAME_STATE, e.event_id, e.sentence_index))
        elif _one_state(e, words):
            decisions.append(Decision(Reason.ONE_STATE, e.event_id, e.sentence_index))
        elif id(e) in recalled and _kin(e) not in kin:
            decisions.append(Decision(Reason.BACKGROUND, e.event_id, e.sentence_index))
        elif clauses.describes_a_noun(doc, e.trigger):
            decisions.append(Decision(Reason.DESCRIPTION, e.event_id, e.sentence_index))
        else:
            kept_events.append(e)
    return kept_events


class ConsolidateSettings(StageSettings):
    # An act the article's own words date more than this many days before its publication is
    # background it recalls, not its news.
    background_days: int = BACKGROUND_DAYS
    words: str | None = None  # a file replacing the coder's word classes (patterns/words.yaml)
    code_classes: str | None = None  # a file replacing the coder's classes of acts (patterns/code_classes.yaml)
    act_classes: str | None = None  # a file replacing reading/act_classes.yaml
    directed: str | None = None  # a file replacing reading/directed.yaml


@stage("consolidate", requires=["doc.events", "event.merged", "event.date", "event.status"],
       assigns=["event.consolidated"], settings=ConsolidateSettings)
def make_consolidate(settings: dict[str, Any]):
    days = settings.get("background_days", BACKGROUND_DAYS)
    words = load_consolidation_words(settings.get("words"), settings.get("code_classes"), settings.get("act_classes"),
                                     settings.get("directed"))

    def consolidate_stage(doc: Document) -> Document:
        decisions = consolidate(doc, days, words)
        doc.annotations["consolidation"] = decisions
        doc.annotations.setdefault("trace", []).extend(d.describe() for d in decisions)
        return doc
    return consolidate_stage
