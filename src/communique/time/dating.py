"""Give each event of a document its date, from the best evidence available.

Order of evidence: a date in the event's own sentence (the one nearest the trigger in the
parse); the nearest date stated in the previous few sentences; the date of the article's lead;
the dateline; the publication date when the event is reported in the present ("today").
"""

from __future__ import annotations

import copy

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..actors.kinds import named_people
from ..nlp.clauses import holding, in_other_clause
from ..records import Document, Event
from .calendar_math import UNKNOWN_YEAR, month_shift, shift_iso
from .dates import DateValue, find_date_mentions, resolve_date
from .status import Grounds, Reason, clause_status, is_verbal, onset_clause, trigger_token
from .vocab import DateWords, StatusCues

NO_PUBLICATION = "relative date, no publication date"
TODAY_GROUNDS = frozenset({Grounds.PRESENT, Grounds.PROGRESSIVE})
TOLD_DONE = frozenset({Grounds.PAST, Grounds.PERFECT})  # tenses of acts done: on a day not after publication
OWN_SENTENCE = "sentence"  # the reason of a date stated in the event's own sentence


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    text: str
    sentence: int
    token: Token | None  # syntactic head in the parse
    planned: bool  # the date belongs to a future/planned clause
    bounds_span: bool  # "since 2019": the start of a period, not an event date
    value: DateValue | None = None


@dataclass(slots=True)
class DatingSettings:
    context_window: int = 3  # previous sentences searched for a stated date
    lead_sentences: int = 3  # sentences that make up the article's lead


def _sentence_starts(doc: Document) -> list[int]:
    return [s.start for s in doc.sentences]


def _sentence_of(starts: list[int], offset: int) -> int:
    return max(bisect.bisect_right(starts, offset) - 1, 0)


def _head_token(sdoc: Doc | None, start: int, end: int) -> Token | None:
    if sdoc is None:
        return None
    span = sdoc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def collect_mentions(doc: Document, cues: StatusCues, words: DateWords) -> list[DateMention]:
    """All date mentions of the document, resolved in text order (anaphora against earlier dates)."""
    sdoc, starts = doc.spacy_doc, _sentence_starts(doc)
    found: list[DateMention] = []
    anchors: dict[bool, str | None] = {False: None, True: None}
    for start, end, text in find_date_mentions(doc.text, words):
        token = _head_token(sdoc, start, end)
        status, reason = clause_status(token, cues) if token is not None else (None, None)
        planned = status == "planned"
        past = reason is not None and reason.grounds in TOLD_DONE
        before = re.findall(r"[A-Za-z]+", doc.text[max(0, start - 20):start])
        bounds = bool(before) and before[-1].lower() in words.not_event_date_prefixes
        mention = DateMention(start, end, text, _sentence_of(starts, start) if starts else 0, token, planned, bounds)
        anchor = anchors[planned] or anchors[not planned]
        mention.value = resolve_date(text, doc.published, future=planned, past=past, anchor=anchor, words=words)
        value = mention.value
        if value is not None and value.iso and value.precision == "day" and not bounds:
            anchors[planned] = value.iso
        found.append(mention)
    return found


def _tree_distance(a: Token, b: Token) -> int:
    path = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, token in enumerate([b, *b.ancestors]):
        if token.i in path:
            return n + path[token.i]
    return 1000 + abs(a.i - b.i)


def _event_sentence(event: Event, starts: list[int]) -> int | None:
    if event.sentence_index is not None:
        return event.sentence_index
    for evidence in event.evidence:
        if evidence.sentence_index is not None:
            return evidence.sentence_index
    offset = event.trigger.start if event.trigger else (event.evidence[0].start if event.evidence else None)
    return _sentence_of(starts, offset) if offset is not None and starts else None


def _nearest_to_trigger(candidates: list[DateMention], trigger: Token | None, anchor_offset: int) -> DateMention:
    def score(mention: DateMention) -> tuple[int, int]:
        chars = abs(mention.start - anchor_offset)
        if trigger is None or mention.token is None:
            return 1000, chars
        return _tree_distance(trigger, mention.token), chars

    return min(candidates, key=score)


def _by_sentence(mentions: list[DateMention]) -> dict[int, list[DateMention]]:
    grouped: dict[int, list[DateMention]] = {}
    for mention in mentions:
        grouped.setdefault(mention.sentence, []).append(mention)
    return grouped


def other_act_dated(event: Event, acts: dict[int, list[Event]], index: int) -> bool:
    """Sentence ``index`` tells another act of the event's kind, between other people ("In early
    April, the presidents spoke by phone" before "The defence ministers held a video call"): its
    date is that act's, not the event's."""
    people = named_people(event)
    return bool(people) and any(e.event_type == event.event_type and named_people(e)
                                and not (named_people(e) & people) for e in acts.get(index, ()))


def _context_mention(by_sentence: dict[int, list[DateMention]], sentence: int, planned: bool,
                     first: int, skip: Callable[[int], bool] = lambda index: False,
                     holding: frozenset[str] = frozenset()) -> DateMention | None:
    """The nearest usable date stated in sentences ``first`` .. ``sentence - 1`` (nearest first),
    passing over those ``skip`` says belong to another act and those that date a thing described
    (``holding``: the verbs by which a described gathering is the story's own, see :func:`_dates_a_thing`)."""
    for index in range(sentence - 1, first - 1, -1):
        if skip(index):
            continue
        usable = [m for m in by_sentence.get(index, ()) if not m.bounds_span and m.planned == planned
                  and m.value is not None and m.value.iso and not _dates_a_thing(m.token, holding)]
        if usable:
            by_precision = [m for m in usable if m.value.precision == "day"] or usable
            return by_precision[-1]
    return None


def _dates_a_thing(token: Token | None, holding: frozenset[str]) -> bool:
    """The date is inside a clause that describes a noun ("the protocol signed in 2019", "an
    agreement that took effect in May"): it tells that thing's history, not when the story's acts
    happened, so later sentences do not take it; unless the clause holds a gathering (``holding``:
    "a reception held on Thursday")."""
    node = token
    while node is not None and node.head.i != node.i:
        if node.dep_ in ("acl", "relcl") and node.head.pos_ in ("NOUN", "PROPN"):
            return node.lemma_.lower() not in holding
        node = node.head
    return False


def _duration_days(doc: Document, sentence: int, numbers: dict[str, int]) -> int | None:
    """'a two-day meeting' in the event's sentence, or 'the two-day ...' in the next one."""
    number = "(?:[0-9]{1,2}|" + "|".join(re.escape(w) for w in numbers) + ")"
    sentences = doc.sentences
    patterns = [(sentence, rf"\b({number})[- ]day\b"), (sentence + 1, rf"\bthe\s+({number})[- ]day\b")]
    for index, pattern in patterns:
        if 0 <= index < len(sentences) and _names_days(sentences[index].text):
            match = re.search(pattern, sentences[index].text, flags=re.IGNORECASE)
            if match:
                word = match.group(1).lower()
                return int(word) if word.isdigit() else numbers.get(word)
    return None


def _names_days(text: str) -> bool:
    """Whether ``text`` may hold "N-day" or "N day" (a quick test before the pattern)."""
    lower = text.lower()
    return "-day" in lower or " day" in lower


def _apply(event: Event, value: DateValue | None, raw: str | None, reason: str) -> None:
    event.date = value.iso if value else None
    event.date_end = value.end if value and value.iso else None
    event.date_precision = value.precision if value and value.iso else None
    event.date_raw = raw
    event.date_reason = reason


def date_event(event: Event, doc: Document, mentions: list[DateMention], cues: StatusCues,
               words: DateWords, settings: DatingSettings, starts: list[int] | None = None,
               by_sentence: dict[int, list[DateMention]] | None = None,
               acts: dict[int, list[Event]] | None = None) -> tuple[str, ...]:
    """Set the date fields of one event (``starts``, ``by_sentence``: the document's sentence
    offsets and ``mentions`` by sentence, when already known). Returns the other days of a list
    of days its own sentence gives it ("summoned on 21 and 29 August"), each a repeat of the act."""
    starts = _sentence_starts(doc) if starts is None else starts
    by_sentence = _by_sentence(mentions) if by_sentence is None else by_sentence
    sentence = _event_sentence(event, starts)
    token = trigger_token(doc.spacy_doc, event.trigger)
    status, tense_reason = clause_status(token, cues) if token is not None else ("occurred", Reason(Grounds.DEFAULT))
    planned = status == "planned"
    if sentence is None:
        _apply(event, None, None, "none")
        return ()
    own = _own_mentions(by_sentence.get(sentence, []), token, planned, cues)
    offset = event.trigger.start if event.trigger else (event.evidence[0].start if event.evidence else 0)
    if (apart := _dated_apart(token, by_sentence, sentence, offset, words, settings)) is not None:
        _apply(event, apart, apart.raw, OWN_SENTENCE)  # "five months after Mogadishu cut ties"
        return ()
    if own:
        chosen = _nearest_to_trigger(own, token, offset)
        _apply_mention(event, doc, chosen, OWN_SENTENCE)
        if chosen.value is not None and chosen.value.iso and chosen.value.also:
            return chosen.value.also
    elif (anchor := _span_anchor(doc, sentence, words)):
        _apply(event, None, anchor, "tied to a multi-day span, no single day stated")
        return ()
    elif (found := _context_mention(by_sentence, sentence, planned, max(0, sentence - settings.context_window),
                                    lambda index: other_act_dated(event, acts or {}, index),
                                    words.holding_participles)):
        _apply_mention(event, doc, found, f"context:sentence {found.sentence}")
    elif not planned and (found := _context_mention(by_sentence, min(sentence, settings.lead_sentences), False, 0,
                                                    lambda index: other_act_dated(event, acts or {}, index),
                                                    words.holding_participles)):
        _apply_mention(event, doc, found, f"context:lead sentence {found.sentence}")
    elif not planned and doc.dateline_date and (value := resolve_date(doc.dateline_date, doc.published, words=words)) \
            and value.iso and value.iso != (doc.published or "")[:10]:
        # a dateline giving the day of publication says no more than the publication date does
        _apply(event, value, doc.dateline_date, "dateline")
    elif not planned and doc.published and tense_reason.grounds in TODAY_GROUNDS:
        _apply(event, DateValue(doc.published[:10], "day", doc.published[:10]), None, "published:today")
    else:
        _apply(event, None, None, "none")
        return ()
    _extend_by_duration(event, doc, sentence, words)
    return ()


def _own_mentions(mentions: list[DateMention], token: Token | None, planned: bool,
                  cues: StatusCues) -> list[DateMention]:
    """The mentions of the event's own sentence that can date it: those of the clause that says
    when its activity began, else those not in another clause or another act's complement (and,
    for a planned act named by a noun, not those of the act told beside it: "accused X on Tuesday,
    ahead of a visit")."""
    onset = onset_clause(token, cues) if token is not None else None
    began = {t.i for t in onset.subtree} if onset is not None else set()
    started = [m for m in mentions if not m.bounds_span and m.token is not None and m.token.i in began]
    if started or token is None:
        return started or [m for m in mentions if not m.bounds_span]
    line = holding(token)  # the clauses that hold the trigger
    complement = _complement(token, cues.onset_verbs)
    if planned and not is_verbal(token):
        own_phrase = {t.i for t in token.subtree}
        complement = complement | {m.token.i for m in mentions
                                   if m.token is not None and not m.planned and m.token.i not in own_phrase}
    return [m for m in mentions if not m.bounds_span and not (
        m.token is not None and (m.token.i in complement or in_other_clause(m.token, token, line)))]


def _dated_apart(token: Token | None, by_sentence: dict[int, list[DateMention]], sentence: int, offset: int,
                 words: DateWords, settings: DatingSettings) -> DateValue | None:
    """The day of an act a measure of time puts apart from the act its sentence tells (see
    :func:`_time_apart`), counted from that act's day: the sentence's, else the nearest before it."""
    apart = _time_apart(token, words)
    if apart is None:
        return None
    clause, days, months = apart
    told = [m for m in by_sentence.get(sentence, ()) if m.token is not None and m.value is not None
            and m.value.iso and m.token not in clause.subtree]
    base = _nearest_to_trigger(told, clause.head, offset) if told else _context_mention(
        by_sentence, sentence, False, max(0, sentence - settings.context_window), holding=words.holding_participles)
    return _shifted(base.value, days, months) if base is not None else None


UNITS = {"day": (1, 0), "week": (7, 0), "month": (0, 1), "year": (0, 12)}


def _time_apart(token: Token | None, words: DateWords) -> tuple[Token, int, int] | None:
    """The clause holding the act (or the act it goes with: "..., accusing it of"; "talks mediated
    by") that a measure of time puts before or after the sentence's act: "five months after
    Mogadishu cut ties" is five months before; "two days before the vote" after. Returns the clause
    and the days and months from the sentence's act to it."""
    node = token
    while node is not None:
        if node.head.i == node.i:
            return None
        mark = next((c for c in node.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
        measure = next((c for c in [*node.children, *(mark.children if mark is not None else ())]
                        if c.dep_ == "npadvmod" and c.lemma_.lower() in UNITS), None)
        if mark is not None and measure is not None and node.dep_ == "advcl":
            count = next((words.numbers.get(c.lower_) or (int(c.text) if c.text.isdigit() else None)
                          for c in measure.children if c.dep_ in ("nummod", "det")), None)
            count = 1 if count is None and any(c.lower_ in ("a", "an") for c in measure.children) else count
            if not count:
                return None
            days, months = UNITS[measure.lemma_.lower()]
            sign = -1 if mark.lower_ == "after" else 1
            return node, sign * count * days, sign * count * months
        node = node.head
    return None


def _shifted(value: DateValue, days: int, months: int) -> DateValue | None:
    """``value`` moved by whole days or months: a day stays a day for days, a month for months."""
    iso = value.iso or ""
    if iso.startswith(UNKNOWN_YEAR) or len(iso) < 7 or (not months and len(iso) != 10):
        return None
    if months:
        year, month = month_shift(int(iso[:4]), int(iso[5:7]), months)
        return DateValue(f"{year:04d}-{month:02d}", "month", value.raw)
    shifted = shift_iso(iso, days)
    return DateValue(shifted, "day", value.raw) if shifted else None


def _complement(token: Token | None, onset_verbs: frozenset[str]) -> frozenset[int]:
    """The words of other acts that complement clauses of the sentence name ("agreed to hold an
    exercise later this year", "thanked him and invited him to visit in May"): their dates are
    those acts', not the event's. Not a clause that holds the event, nor the act a verb of beginning
    begins ("began operating a hotline on Tuesday")."""
    if token is None:
        return frozenset()
    inside: set[int] = set()
    for verb in token.sent:
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in onset_verbs:
            continue
        for c in verb.children:
            if (c.dep_ == "ccomp" or (c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children))) \
                    and not (c.left_edge.i <= token.i <= c.right_edge.i):
                inside.update(t.i for t in c.subtree)
    return frozenset(inside)


def _span_anchor(doc: Document, sentence: int, words: DateWords) -> str | None:
    """A phrase such as "as part of the visit" that ties the event to a span rather than a day."""
    text = " ".join(doc.sentences[sentence].text.lower().split()) if sentence < len(doc.sentences) else ""
    return next((a for a in words.span_anchors if a in text), None)


def _apply_mention(event: Event, doc: Document, mention: DateMention, reason: str) -> None:
    value = mention.value
    if value is None or value.iso is None:
        why = NO_PUBLICATION if not doc.published else "unresolved date"
        _apply(event, None, mention.text, why)
        return
    _apply(event, value, mention.text, reason)


def _extend_by_duration(event: Event, doc: Document, sentence: int, words: DateWords) -> None:
    if not event.date or event.date_end or event.date_precision != "day":
        return
    days = _duration_days(doc, sentence, words.numbers)
    if days and days > 1:
        event.date_end = shift_iso(event.date, days - 1)


def date_document(doc: Document, cues: StatusCues, words: DateWords, settings: DatingSettings) -> Document:
    """Date every event of ``doc`` in place."""
    if not doc.events:
        return doc
    mentions = collect_mentions(doc, cues, words)
    starts, by_sentence = _sentence_starts(doc), _by_sentence(mentions)
    doc.annotations["dates"] = mentions
    acts: dict[int, list[Event]] = {}
    for event in doc.events:
        acts.setdefault(event.sentence_index, []).append(event)
    dated: list[Event] = []
    for event in doc.events:
        dated.append(event)
        for day in date_event(event, doc, mentions, cues, words, settings, starts, by_sentence, acts):
            dated.append(_repeat_on(event, day))
    doc.events = dated
    return doc


def _repeat_on(event: Event, day: str) -> Event:
    """The same act done again on another day of a list of days its sentence gives."""
    repeat = copy.deepcopy(event)
    repeat.date, repeat.date_end, repeat.date_precision = day, None, "day"
    return repeat
