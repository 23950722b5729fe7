"""Cross-document linking: one real-world event reported by several articles becomes one linked event.

Each article-level event is reduced to a :class:`LinkRecord` (type, pair of states, dates, place,
mechanism edition, the people on each side, the CAMEO act, the evidence text). Two records may be
the same event only when nothing rules it out (:func:`conflict`: another type, another pair, dates
that cannot meet, another edition of the same mechanism, places in different states, the same
article), and they are linked when the evidence is strong enough for how precisely their dates
agree (:func:`link_score`): equal days need little more, a date known only to the month or week
needs similar wording, an undated report needs near-identical wording or the same mechanism
edition. A mechanism one outlet only describes ("the joint naval exercise") may be the one another
names (:func:`same_mechanism`); proper names both reports give (people, a named mechanism) count
as evidence.

Candidates come from index keys (:func:`index_keys`): an event registers keys for its dates and
probes the keys its possible partners register, all under its type and unordered pair, so the
number of candidates depends on how many reports share the type, pair and days, not on the size
of the store. Clustering (:func:`cluster`) is a function of the set of records alone, so the
result does not depend on the order in which articles arrive.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Iterable

from .similarity import text_similarity


# Days before (and after) its publication date in which an undated report's event may lie.
PUBLICATION_WINDOW = (7, 1)
# Longest date range (days) whose days are indexed one by one; longer ranges count as undated.
MAX_INDEXED_RANGE = 31
# Evidence similarity (cosine of word counts, English stop words left out) each date agreement needs.
# Measured on the development duplicates and traps: benchmarks/results/linking.json.
MIN_SIMILARITY = {"day": 0.0, "window": 0.1, "undated": 0.25, "next-day": 0.6, "edition": 0.25}
# Evidence each proper name both reports give adds: a person (the same two ministers in both is strong
# evidence) or a named mechanism ("Harbour Shield" in both).
SHARED_NAME = 0.25
# How much lower a pair of reports coding different acts of one type ranks (see :func:`link_score`).
OTHER_ACT = 0.1
# Days apart that near-identical reports may still be one event (a time zone, a misread weekday).
NEXT_DAY = 1
# Days apart that two reports of the same edition of a recurring mechanism may date it: an edition
# happens once, so reports that resolve "on Monday" to different weeks still tell of one event.
EDITION_DAYS = 31


@dataclass(frozen=True)
class LinkRecord:
    """What linking needs to know of one article-level event."""

    event_id: str
    doc_id: str
    event_type: str
    actor_country: str | None
    recipient_country: str | None
    symmetric: bool
    date: str | None = None
    date_end: str | None = None
    published: str | None = None
    source: str | None = None
    location_country: str | None = None
    mechanism: str | None = None
    edition: int | None = None
    people: tuple[str, ...] = ()
    text: str = ""
    mechanism_named: bool = True  # False when the mechanism is only described ("the joint naval exercise")
    cameo: str = ""
    planned: bool = False  # the report tells the event as still to come

    @property
    def pair(self) -> str:
        return "|".join(sorted((self.actor_country or "-", self.recipient_country or "-")))

    @property
    def block(self) -> str:
        """The index block: type and unordered pair of states."""
        return f"{self.event_type}|{self.pair}"

    @cached_property
    def span(self) -> "Span":
        """The days the event may lie on (:func:`span_of`), worked out once per record."""
        return _span(self)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "LinkRecord":
        return cls(**{**data, "people": tuple(data.get("people") or ())})


@dataclass(frozen=True)
class Span:
    """The days an event may lie on, and how precisely its report knows them."""

    kind: str  # day | window | monthday | month-of-year | undated | none
    first: int | None = None  # ordinal day
    last: int | None = None
    monthday: str | None = None  # "06-03" for XXXX-06-03
    month: str | None = None  # "06" for XXXX-06
    year: int | None = None


ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})$")
NO_YEAR_DAY = re.compile(r"XXXX-(\d{2})-(\d{2})$")
ISO_MONTH = re.compile(r"(\d{4})-(\d{2})$")
NO_YEAR_MONTH = re.compile(r"XXXX-(\d{2})$")
ISO_YEAR = re.compile(r"(\d{4})$")


def _ordinal(value: str | None) -> int | None:
    match = ISO_DAY.match(value or "")
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups())).toordinal()
    except ValueError:
        return None


def _month_bounds(year: int, month: int) -> tuple[int, int]:
    first = dt.date(year, month, 1)
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first.toordinal(), following.toordinal() - 1


def span_of(record: LinkRecord) -> Span:
    """The days a record's event may lie on, from its date (and range end) or its publication date."""
    return record.span


def _span(record: LinkRecord) -> Span:
    date = record.date or ""
    if (day := _ordinal(date)) is not None:
        end = _ordinal(record.date_end)
        year = int(date[:4])
        if end is None or end <= day:
            return Span("day", day, day, year=year)
        if end - day <= MAX_INDEXED_RANGE:
            return Span("window", day, end, year=year)
    elif match := NO_YEAR_DAY.match(date):
        return Span("monthday", monthday=f"{match[1]}-{match[2]}")
    elif match := ISO_MONTH.match(date):
        try:
            first, last = _month_bounds(int(match[1]), int(match[2]))
            return Span("window", first, last, year=int(match[1]))
        except ValueError:
            pass
    elif match := NO_YEAR_MONTH.match(date):
        return Span("month-of-year", month=match[1])
    year = int(date[:4]) if ISO_YEAR.match(date[:4]) and date[:4].isdigit() else None
    published = _ordinal(record.published)
    if published is not None:
        before, after = PUBLICATION_WINDOW
        return Span("undated", published - before, published + after, year=year)
    return Span("none", year=year)


def _days(first: int, last: int) -> list[str]:
    return [dt.date.fromordinal(d).isoformat() for d in range(first, last + 1)]


def _week(ordinal: int) -> str:
    return str(ordinal // 7)


def index_keys(record: LinkRecord) -> tuple[list[str], list[str]]:
    """(keys the record registers, keys it probes); all lie inside its type-and-pair block.

    A dated day, a range of days (a week, a month) and an undated report's publication window
    register ``T:`` the weeks they cover and ``MO:`` the months of the year; they probe the weeks
    their days (one more each side) cover, and the months of reports that give no year. A day
    without a year registers ``XMD:`` its month, a month without a year ``XM:``; they probe the
    months of the others. A report with neither date nor publication date registers ``N`` and
    probes ``*``, which every record registers (the whole block; such reports are rare). Keys are
    coarse, so a record has a handful; :func:`link_score` decides among the candidates they bring.
    """
    span = span_of(record)
    register: list[str] = ["*"]
    probe: list[str] = ["N"]
    if span.first is not None:  # a day, a range of days, or an undated report's publication window
        months = {dt.date.fromordinal(d).strftime("%m") for d in range(span.first, span.last + 1)}
        register += [f"T:{_week(d)}" for d in range(span.first, span.last + 1)] + [f"MO:{m}" for m in months]
        probe += [f"T:{_week(d)}" for d in range(span.first - NEXT_DAY, span.last + NEXT_DAY + 1)]
        probe += [f"XMD:{m}" for m in months] + [f"XM:{m}" for m in months]
    elif span.kind in ("monthday", "month-of-year"):
        month = span.monthday[:2] if span.monthday else span.month
        register.append(f"{'XMD' if span.monthday else 'XM'}:{month}")
        probe += [f"MO:{month}", f"XMD:{month}", f"XM:{month}"]
    else:  # neither date nor publication date: compared with its whole block
        register.append("N")
        probe.append("*")
    if record.mechanism and record.edition is not None:  # an edition happens once, whatever the dates say
        # under its name, and under the block's editions: another outlet may only describe the mechanism
        register += [f"E:{record.mechanism}#{record.edition}", f"E:~#{record.edition}"]
        probe += [f"E:{record.mechanism}#{record.edition}", f"E:~#{record.edition}"]
    if record.mechanism and record.mechanism_named:  # a proper name, numbered or not, finds its other reports
        register.append(f"M:{record.mechanism}")
        probe.append(f"M:{record.mechanism}")
    block = record.block
    return sorted({f"{block}|{k}" for k in register}), sorted({f"{block}|{k}" for k in probe})


# -- deciding ----------------------------------------------------------------------------------

def _directed_ok(a: LinkRecord, b: LinkRecord) -> bool:
    if a.symmetric or b.symmetric:
        return {a.actor_country, a.recipient_country} == {b.actor_country, b.recipient_country} or \
            sorted((a.actor_country or "", a.recipient_country or "")) == \
            sorted((b.actor_country or "", b.recipient_country or ""))
    return (a.actor_country, a.recipient_country) == (b.actor_country, b.recipient_country)


def date_agreement(a: LinkRecord, b: LinkRecord) -> str | None:
    """How the two reports' dates agree: ``day``, ``window``, ``undated``, ``next-day``, or None (they cannot)."""
    sa, sb = span_of(a), span_of(b)
    kinds = {sa.kind, sb.kind}
    if sa.year is not None and sb.year is not None and sa.year != sb.year:
        return None
    if sa.kind == "none" or sb.kind == "none":
        return "undated"
    if "monthday" in kinds or "month-of-year" in kinds:
        return _no_year_agreement(sa, sb)
    if sa.kind == "undated" and sb.kind == "undated":
        return "undated" if abs(sa.last - sb.last) <= sum(PUBLICATION_WINDOW) else None
    overlap = sa.first <= sb.last and sb.first <= sa.last
    if sa.kind == "day" and sb.kind == "day":
        if sa.first == sb.first:
            return "day"
        return "next-day" if abs(sa.first - sb.first) <= NEXT_DAY else None
    if not overlap:
        return None
    return "undated" if "undated" in kinds else "window"


def _no_year_agreement(sa: Span, sb: Span) -> str | None:
    """Agreement when one side knows the day or month but not the year."""
    def monthdays(s: Span) -> set[str]:
        return {d[5:] for d in _days(s.first, s.last)} if s.first is not None else {s.monthday} - {None}

    def months(s: Span) -> set[str]:
        return {md[:2] for md in monthdays(s)} | ({s.month} - {None})

    if "undated" in (sa.kind, sb.kind):
        level = "undated"
    elif "day" in (sa.kind, sb.kind) or sa.kind == sb.kind == "monthday":
        level = "day"
    else:
        level = "window"
    if sa.kind == "month-of-year" or sb.kind == "month-of-year":
        return ("window" if level == "day" else level) if months(sa) & months(sb) else None
    return level if monthdays(sa) & monthdays(sb) else None


def conflict(a: LinkRecord, b: LinkRecord) -> str | None:
    """Why the two reports cannot be one event, or None when nothing rules it out."""
    if a.doc_id == b.doc_id:
        return "same article"
    if a.event_type != b.event_type:
        return "event type"
    if not _directed_ok(a, b):
        return "pair of states"
    if same_mechanism(a, b) and a.edition is not None and b.edition is not None and a.edition != b.edition:
        return "mechanism edition"
    if a.location_country and b.location_country and a.location_country != b.location_country:
        return "place"
    if date_agreement(a, b) is None and not _edition_dates(a, b):
        return "date"
    return None


def _edition_dates(a: LinkRecord, b: LinkRecord) -> bool:
    """Whether the two reports tell of one edition of a mechanism and date it within :data:`EDITION_DAYS`
    of each other in the same year (one misresolved weekday, a range's other end): they give it the same
    edition, or the same proper name and only one of them its edition number ("the Harbour Shield
    exercise" for "the eighth Harbour Shield"), when both reports place it in time."""
    edition = same_edition(a, b)
    if not edition and not (shared_name(a, b) and (a.edition is None or b.edition is None)):
        return False
    sa, sb = span_of(a), span_of(b)
    if sa.year is not None and sb.year is not None and sa.year != sb.year:
        return False
    if sa.first is None or sb.first is None:
        return edition
    if edition and (_planned_ahead(a, sa, sb) or _planned_ahead(b, sb, sa)):
        return True
    return sa.first - EDITION_DAYS <= sb.last and sb.first - EDITION_DAYS <= sa.last


def _planned_ahead(planned: LinkRecord, span: Span, other: Span) -> bool:
    """An edition one report plans with no date ("agreed to go ahead with the second phase of ...")
    and another tells on a day after that report: the edition held as planned."""
    return planned.planned and span.kind == "undated" and other.last is not None and other.last >= span.first


def same_mechanism(a: LinkRecord, b: LinkRecord) -> bool:
    """Whether the two reports (of one type and pair of states) tell of one recurring mechanism: they give
    it the same name, or one of them only describes it. Outlets describe a mechanism in their own words
    ("the joint naval exercise", "the bilateral drill") where others name it ("Harbour Shield"), so a
    description may be any mechanism of its pair; two different proper names are two mechanisms."""
    if not a.mechanism or not b.mechanism:
        return False
    if a.mechanism == b.mechanism:
        return True
    if a.mechanism_named and b.mechanism_named:
        return False
    kinds = {_occasion(a.mechanism), _occasion(b.mechanism)}
    return None in kinds or len(kinds) == 1  # "the joint exercise" is no edition of "the strategic dialogue"


def same_edition(a: LinkRecord, b: LinkRecord) -> bool:
    return same_mechanism(a, b) and a.edition is not None and a.edition == b.edition


def shared_name(a: LinkRecord, b: LinkRecord) -> bool:
    """Whether both reports give the same proper name of a mechanism (whose editions do not differ)."""
    return bool(a.mechanism) and a.mechanism == b.mechanism and a.mechanism_named and b.mechanism_named


# Words that describe a mechanism rather than name it: its kind (the head nouns), its format, domain
# and level (data/mechanisms/vocabulary.yaml ``descriptors``), and small words.
_NAME_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _descriptive_words() -> frozenset[str]:
    from ..data_files import load_builtin  # read when first needed: start-up stays short

    data = load_builtin("mechanisms/vocabulary.yaml")
    keys = ("heads", "ordinal_only_heads", "edition_nouns", "descriptors", "small_words")
    return frozenset(word.casefold() for key in keys for phrase in data[key] for word in _NAME_WORD.findall(phrase))


@lru_cache(maxsize=1)
def _head_kinds() -> dict[str, str]:
    from ..data_files import load_builtin

    data = load_builtin("mechanisms/vocabulary.yaml")
    return {head.casefold(): kind for kind, heads in (data.get("head_kinds") or {}).items() for head in heads}


def _occasion(mechanism: str) -> str | None:
    """The kind of occasion a mechanism's last word names (``exercise`` for "drills"), if known."""
    words = _NAME_WORD.findall(mechanism.casefold())
    return _head_kinds().get(words[-1]) if words else None


@lru_cache(maxsize=4096)
def is_named(name: str | None) -> bool:
    """Whether a mechanism's name is a proper name ("Freedom Edge", "SLINEX", "Malabar exercise"), not
    a description ("Naval Exercise", "Joint Exercise", "High-Level Military Dialogue"): it has a word that
    is neither a kind, format, domain or level of mechanism, nor a number, nor a small word."""
    words = _NAME_WORD.findall(fold_name(name or ""))
    return any(not w.isdigit() and w not in _descriptive_words() for w in words)


def link_score(a: LinkRecord, b: LinkRecord) -> float | None:
    """How strongly two reports are one event (pairs are grouped strongest first), or None when their
    evidence similarity is not enough for how their dates agree. Reports of different acts (CAMEO
    codes neither of which contains the other) rank :data:`OTHER_ACT` lower: a report joins the
    report of its own act before another act of the same type, and links alone when none competes."""
    if conflict(a, b):
        return None
    agreement = date_agreement(a, b) or "edition"
    similarity = text_similarity(a.text, b.text)
    if agreement == "next-day":  # only near-identical wording says two days are one event
        evidence = similarity
    else:
        shared = len(set(a.people) & set(b.people)) + shared_name(a, b)
        evidence = min(1.0, similarity + SHARED_NAME * shared)
        if same_edition(a, b):
            evidence = max(evidence, MIN_SIMILARITY["undated"])
    if evidence < MIN_SIMILARITY[agreement]:
        return None
    return round(max(0.0, evidence - OTHER_ACT) if other_act(a, b) else evidence, 4)


def other_act(a: LinkRecord, b: LinkRecord) -> bool:
    """Whether the two reports code different acts of their type ("0242" and "020" of REQUEST)."""
    return bool(a.cameo and b.cameo) and not (a.cameo.startswith(b.cameo) or b.cameo.startswith(a.cameo))


# -- evidence similarity: see :mod:`communique.linking.similarity` --------------------------------

# -- clustering ---------------------------------------------------------------------------------

@dataclass
class _Cluster:
    members: list[LinkRecord] = field(default_factory=list)

    @property
    def docs(self) -> set[str]:
        return {m.doc_id for m in self.members}


def cluster(records: Iterable[LinkRecord], scores: dict[tuple[str, str], float] | None = None) -> list[list[str]]:
    """Group records into linked events; the result depends only on the set of records.

    Linked pairs are taken strongest first (ties by ids); two groups join when the pair links
    them and no two of their members conflict (one article per event, one date, one edition), and
    two days their members give are joined by the evidence of reports of those days, not only
    through a vaguer report (a month, an undated report) that either could be: the same ministers
    meeting on Monday and again on Tuesday stay two events whatever else was written of that week,
    while outlets split between Monday and Tuesday (a time zone) are one event when one report of
    each day is near-identical.
    ``scores`` may give precomputed link scores by ``(smaller id, larger id)``.
    """
    records = sorted(set(records), key=lambda r: r.event_id)
    if scores is None:
        scores = pair_scores(records)
    groups = {r.event_id: _Cluster([r]) for r in records}
    for (a, b), _ in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
        ga, gb = groups[a], groups[b]
        if ga is gb or ga.docs & gb.docs:
            continue
        if not _joinable(ga.members, gb.members, scores):
            continue
        ga.members += gb.members
        for member in gb.members:
            groups[member.event_id] = ga
    unique = {id(g): g for g in groups.values()}.values()
    return sorted(sorted(m.event_id for m in g.members) for g in unique)


def _joinable(ga: list[LinkRecord], gb: list[LinkRecord], scores: dict[tuple[str, str], float]) -> bool:
    """Whether two groups may be one event (see :func:`cluster`)."""
    for x in ga:
        for y in gb:
            if conflict(x, y):
                return False
            if _other_days(x, y):
                on_x = [m for m in (*ga, *gb) if m.date == x.date]
                on_y = [m for m in (*ga, *gb) if m.date == y.date]
                if not any(_key(u, v) in scores for u in on_x for v in on_y):
                    return False
    return True


def _key(a: LinkRecord, b: LinkRecord) -> tuple[str, str]:
    return tuple(sorted((a.event_id, b.event_id)))


def _other_days(a: LinkRecord, b: LinkRecord) -> bool:
    """Whether the two reports give different days (or dates that only one edition's reports may)."""
    return date_agreement(a, b) in ("next-day", None)


def pair_scores(records: list[LinkRecord]) -> dict[tuple[str, str], float]:
    """Link scores of every linkable pair among ``records``, keyed by ordered ids."""
    scores = {}
    for i, a in enumerate(records):
        for b in records[i + 1:]:
            score = link_score(a, b)
            if score is not None:
                scores[tuple(sorted((a.event_id, b.event_id)))] = score
    return scores


def linked_id(member_ids: Iterable[str]) -> str:
    """A linked event's id: the smallest id among its reports, so it is the same however the event was
    built, stays put while reports with larger ids join it, and a lone report keeps its own id."""
    return min(member_ids)


def record_from_dict(row: dict[str, Any], *, published: str | None = None, source: str | None = None) -> LinkRecord:
    """A record from an export-contract dict, or from a gold event (``plover``, ``doc``, evidence as text)."""
    actor, recipient = row.get("actor") or {}, row.get("recipient") or {}
    location, mechanism = row.get("location") or {}, row.get("mechanism") or {}
    evidence = row.get("evidence") or []
    text = evidence if isinstance(evidence, str) else " ".join(ev.get("sentence") or "" for ev in evidence)
    name = mechanism.get("name")
    return LinkRecord(
        event_id=str(row.get("event_id") or row.get("id")), doc_id=str(row.get("doc_id") or row.get("doc")),
        event_type=row.get("event_type") or row.get("plover"), actor_country=actor.get("country"),
        recipient_country=recipient.get("country"), symmetric=bool(row.get("symmetric")),
        date=row.get("date"), date_end=row.get("date_end"), published=published, source=source,
        location_country=place_for_linking(location.get("country"), row.get("location_reason")),
        mechanism=name.casefold() if name else None, edition=mechanism.get("edition"), cameo=row.get("cameo") or "",
        mechanism_named=is_named(name) if name else True,
        people=tuple(sorted(filter(None, map(person_name, (actor, recipient))))),
        text=text, planned=row.get("status") == "planned")


def place_for_linking(country: str | None, reason: str | None) -> str | None:
    """The state an event's place is in, when the article states or implies it; a place taken only
    from the dateline is where the report was filed, which other outlets file from elsewhere."""
    return None if (reason or "").startswith("dateline") else country


def person_name(side: dict[str, Any]) -> str | None:
    """The folded name of a side that names a person ("Dong Jun"): two or more capitalised words."""
    name = (side or {}).get("name") or ""
    words = name.split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    return fold_name(name)


def fold_name(name: str) -> str:
    """A name folded for comparison across outlets: accents, case and punctuation dropped."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^\w\s]", " ", plain).casefold().split())
