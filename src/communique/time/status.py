"""Event status (occurred | planned | ongoing) from the trigger's tense, aspect and cue words."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Iterable

from spacy.tokens import Doc, Token

from ..records import Event, Trigger
from .calendar_math import UNKNOWN_YEAR
from .vocab import StatusCues

# Children that open a clause of their own: their cues and tense do not speak for the head.
CLAUSE_DEPS = frozenset({"conj", "ccomp", "advcl", "relcl", "parataxis", "csubj", "csubjpass", "xcomp"})
PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re", "'m", "been"})


class Grounds(Enum):
    """What a status was read from: a tense, a cue word, or the event's date beside publication."""

    PAST = "past"
    PRESENT = "present"
    PERFECT = "perfect"  # "has summoned": done before the report, on a day not said
    PROGRESSIVE = "progressive"
    DEFAULT = "default"  # no tense to read
    CUE = "cue"  # a phrase of the status cues
    AUXILIARY = "aux"
    VERB = "verb"
    HEAD = "head"
    INFINITIVE = "infinitive"
    BEGUN_UNDATED = "begun, undated"
    BEGUN_UNPUBLISHED = "begun, no publication date"
    BEGUN = "began just before publication"
    AFTER_PUBLICATION = "date after publication"
    SPANS_PUBLICATION = "date range spans publication"


@dataclass(frozen=True)
class Reason:
    """Why a clause has its status: the grounds, with the cue word when there is one."""

    grounds: Grounds
    word: str = ""

    def __str__(self) -> str:
        return f"{self.grounds.value}:{self.word}" if self.word else self.grounds.value


# Grounds that only reflect the default reading of a verb; a date after publication overrides them.
WEAK_GROUNDS = frozenset({Grounds.DEFAULT, Grounds.PRESENT, Grounds.PERFECT})
# The tenses of a verb read as of an act told as done.
TENSES = frozenset({Grounds.PAST, Grounds.PRESENT, Grounds.PERFECT, Grounds.DEFAULT})


def trigger_token(sdoc: Doc, trigger: Trigger | None) -> Token | None:
    """The syntactic head token of an event trigger, or None."""
    if sdoc is None or trigger is None:
        return None
    span = sdoc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def is_verbal(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


def _has_phrase(tokens: Iterable[Token], phrases: tuple[tuple[str, ...], ...]) -> tuple[str, ...] | None:
    """The first cue phrase found in ``tokens``; "as planned", "as scheduled" do not count."""
    words = [t.lower_ for t in tokens]
    present = set(words)
    for phrase in phrases:
        if phrase and phrase[0] not in present:
            continue
        size = len(phrase)
        for i in range(len(words) - size + 1):
            if tuple(words[i:i + size]) == phrase and (i == 0 or words[i - 1] != "as"):
                return phrase
    return None


def _clause(verb: Token, keep: Token) -> list[Token]:
    """The tokens of ``verb``'s own clause (child clauses left out unless they hold ``keep``)."""
    holding_keep = {keep.i, *(a.i for a in keep.ancestors)}  # the tokens whose subtree holds ``keep``
    tokens, stack = [], [verb]
    while stack:
        token = stack.pop()
        tokens.append(token)
        for child in token.children:
            if child.dep_ in CLAUSE_DEPS and child.i not in holding_keep:
                continue
            stack.append(child)
    return sorted(tokens, key=lambda t: t.i)


def _without_objects(tokens: list[Token], keep: Token) -> list[Token]:
    """The clause without what the verb acts on: "discussed plans to expand exercises", "signed an
    accord scheduled to take effect" are done now, whatever their object says of its own time."""
    held = {keep.i, *(a.i for a in keep.ancestors)}
    objects = {t.i for v in tokens if is_verbal(v) for c in v.children
               if c.dep_ in ("dobj", "attr") and c.i not in held for t in c.subtree}
    return [t for t in tokens if t.i not in objects]


def _cue_status(tokens: list[Token], cues: StatusCues) -> tuple[str, Reason] | None:
    phrase = _has_phrase(tokens, cues.ongoing_phrases)
    if phrase:
        return "ongoing", Reason(Grounds.CUE, " ".join(phrase))
    phrase = _has_phrase(tokens, cues.planned_phrases)
    if phrase:
        return "planned", Reason(Grounds.CUE, " ".join(phrase))
    return None


def _ahead_of(noun: Token, cues: StatusCues) -> tuple[str, ...] | None:
    """The phrase right before the noun's phrase that puts its act later ("ahead of a visit")."""
    start = noun.left_edge.i
    before = [t.lower_ for t in noun.doc[max(0, start - 4):start]]
    return next((p for p in cues.planned_ahead if tuple(before[-len(p):]) == p), None)


def _governing_verb(token: Token) -> Token | None:
    while not is_verbal(token):
        if token.head == token:
            return None
        token = token.head
    return token


def _verb_status(verb: Token, trigger: Token, cues: StatusCues) -> tuple[str, Reason]:
    for _ in range(8):  # climb at most a few heads (xcomp / conj chains)
        found = _cue_status(_without_objects(_clause(verb, trigger), trigger), cues)
        if found:
            return found
        auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        for aux in auxiliaries:
            if aux.lower_ in cues.planned_auxiliaries:
                return "planned", Reason(Grounds.AUXILIARY, aux.lower_)
        if verb.lemma_.lower() in cues.ongoing_verbs and verb.tag_ in ("VBZ", "VBP"):
            return "ongoing", Reason(Grounds.VERB, verb.lemma_.lower())
        head = verb.head
        infinitive = any(a.lower_ == "to" for a in auxiliaries)
        if verb.dep_ == "xcomp" and head != verb:
            if head.lemma_.lower() in cues.planned_heads or head.lower_ in cues.planned_heads:
                return "planned", Reason(Grounds.HEAD, head.lower_)
            verb = head
            continue
        if verb.dep_ == "acl" and infinitive:
            return "planned", Reason(Grounds.INFINITIVE)
        if verb.dep_ == "advcl" and infinitive and verb.tag_ == "VB" and is_verbal(head):
            verb = head  # "will travel to Mumbai to visit the shipyard": a purpose is as done as its act
            continue
        from ..events.syntax import included_by  # (the events package imports this module)

        taker = included_by(verb)
        if taker is not None:  # "decided to take measures, including imposing sanctions"
            verb = taker
            continue
        if verb.dep_ == "conj" and not auxiliaries and head != verb and is_verbal(head):
            verb = head
            continue
        break
    return _tense(verb)


def _tense(verb: Token) -> tuple[str, Reason]:
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBG" and any(a.lower_ in PRESENT_BE for a in auxiliaries):
        return "ongoing", Reason(Grounds.PROGRESSIVE)
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
        return "occurred", Reason(Grounds.PAST)
    if verb.tag_ == "VBN" and any(a.lemma_.lower() == "have" and a.tag_ in ("VBZ", "VBP") for a in auxiliaries):
        return "occurred", Reason(Grounds.PERFECT)
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries):
        return "occurred", Reason(Grounds.PRESENT)
    return "occurred", Reason(Grounds.DEFAULT)


def onset_clause(token: Token, cues: StatusCues) -> Token | None:
    """For an event noun, the relative clause in its phrase that says when the activity began
    ("an exercise involving the two navies that began on Sunday"): a verb of beginning has an
    activity for subject, and the noun is the phrase's activity, wherever the parse hangs the clause."""
    if is_verbal(token):
        return None
    return next((t for t in token.subtree if t.dep_ == "relcl" and t.lemma_.lower() in cues.onset_verbs
                 and not any(c.dep_ == "xcomp" for c in t.children)), None)


def _word_head(token: Token) -> Token:
    """The head of the written word ``token`` is part of: a hyphenated verb the tokenizer split
    ("will co-sign": "co", "-", "sign") carries its tense on whichever piece the parse made its head."""
    doc, start, end = token.doc, token.i, token.i
    while start > 0 and not doc[start - 1].whitespace_ and (doc[start - 1].text == "-" or doc[start].text == "-"):
        start -= 1
    while end + 1 < len(doc) and not doc[end].whitespace_ and (doc[end].text == "-" or doc[end + 1].text == "-"):
        end += 1
    if start == end:
        return token
    return next((t for t in doc[start:end + 1] if not start <= t.head.i <= end or t.head == t), token)


def clause_status(token: Token, cues: StatusCues) -> tuple[str, Reason]:
    """Status and reason for the event or date expressed at ``token``.

    A noun ("the dialogue slated for November 4") is read from its own phrase first, then
    from the clause of the verb that governs it.
    """
    token = _word_head(token)
    if not is_verbal(token):
        found = _cue_status(list(token.subtree), cues)
        if found:
            return found
        ahead = _ahead_of(token, cues)
        if ahead is not None:
            return "planned", Reason(Grounds.CUE, " ".join(ahead))
        onset = onset_clause(token, cues)
        if onset is not None:
            return _tense(onset)
        verb = _governing_verb(token)
        if verb is None:
            return "occurred", Reason(Grounds.DEFAULT)
        return _verb_status(verb, token, cues)
    return _verb_status(token, token, cues)


ONSET_TYPES = frozenset({"COOPERATE", "CONSULT"})  # activities that last: exercises, drills, talks
ONSET_DAYS = 2


def started(token: Token, cues: StatusCues) -> bool:
    """Whether the event at ``token`` is said to begin ("began an exercise", "the talks kicked off"),
    not the start of an act done at once ("began operating a hotline")."""
    if not is_verbal(token) and token.dep_ == "pobj" and token.head.lower_ == "of" \
            and token.head.head.lemma_.lower() in cues.onset_nouns:
        return True  # "the beginning of the exercises"
    verb = token if is_verbal(token) else (onset_clause(token, cues) or _governing_verb(token))
    return verb is not None and verb.lemma_.lower() in cues.onset_verbs \
        and not any(c.dep_ == "xcomp" for c in verb.children)


def begun_status(token: Token, date: str | None, published: str | None, reason: Reason,
                 cues: StatusCues) -> tuple[str, Reason] | None:
    """An activity that begins on the publication day or a day or two before it, or has just
    begun with no day said, is under way; with no publication date, or no year, it is taken as news."""
    if not started(token, cues):
        return None
    if date is None:
        return ("ongoing", Reason(Grounds.BEGUN_UNDATED)) \
            if reason.grounds in (Grounds.PERFECT, Grounds.PRESENT) else None
    if not published or date.startswith(UNKNOWN_YEAR):
        return "ongoing", Reason(Grounds.BEGUN_UNPUBLISHED)
    if len(date) != 10 or reason.grounds not in TENSES:
        return None
    from datetime import date as day

    try:
        days = (day.fromisoformat(published[:10]) - day.fromisoformat(date)).days
    except ValueError:
        return None
    return ("ongoing", Reason(Grounds.BEGUN)) if 0 <= days <= ONSET_DAYS else None


def _after(date: str, published: str) -> bool:
    return date > published[: len(date)]


def event_status(event: Event, sdoc: Doc, published: str | None, cues: StatusCues) -> tuple[str, Reason] | None:
    """The status of ``event`` and why, or None when it has no trigger in the parse."""
    token = trigger_token(sdoc, event.trigger)
    if token is None:
        return None
    status, reason = clause_status(token, cues)
    if status == "occurred" and event.event_type in ONSET_TYPES \
            and (begun := begun_status(token, event.date, published, reason, cues)):
        return begun
    if not published or not event.date or event.date.startswith(UNKNOWN_YEAR):
        return status, reason
    if status == "occurred" and reason.grounds in WEAK_GROUNDS and _after(event.date, published):
        return "planned", Reason(Grounds.AFTER_PUBLICATION)
    ends = event.date_end or event.date
    if (status == "occurred" and reason.grounds is not Grounds.PAST and not _after(event.date, published)
            and not _after(published[: len(ends)], ends) and event.date_end):
        return "ongoing", Reason(Grounds.SPANS_PUBLICATION)
    return status, reason
