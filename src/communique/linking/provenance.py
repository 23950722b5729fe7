"""A linked event as exported: the best-supported values of its reports, every report as a mention.

Each report (an article-level event) becomes a mention with its document, outlet, sentence,
span and its own date, place, sides, status and mechanism edition. The linked event takes the date
most reports support (a full date over a day without a year, a day over a month), the place (by
state), status and mechanism edition most articles give (ties: the most confident report with
that date), and the rest of its values from that report. Where the articles disagree, it shows
how: dates that cannot be its day in ``date_alternatives``, other states of the place, statuses
and editions in ``disagreements``, each with the documents that give them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

Row = dict[str, Any]
Doc = dict[str, Any]

PRECISION_RANK = {"day": 3, "monthday": 2, "month": 1, "year": 0}


def mention(row: Row, doc: Doc | None = None) -> Row:
    """One report of an event: where it was said, and what that article itself says of it."""
    doc = doc or {}
    evidence = (row.get("evidence") or [{}])[0]
    location = row.get("location") or {}
    return {
        "event_id": row.get("event_id"), "doc_id": row.get("doc_id"), "source": doc.get("outlet"),
        "published": doc.get("published"), "sentence": evidence.get("sentence"),
        "start": evidence.get("start"), "end": evidence.get("end"), "date": row.get("date"),
        "location": location.get("name"), "location_country": location.get("country"),
        "actor": _side(row.get("actor")), "recipient": _side(row.get("recipient")), "status": row.get("status"),
        "date_end": row.get("date_end"), "mechanism": _mechanism(row.get("mechanism")),
    }


def _mechanism(mechanism: Row | None) -> Row | None:
    return None if not mechanism else {"name": mechanism.get("name"), "edition": mechanism.get("edition")}


def _side(ref: Row | None) -> Row:
    ref = ref or {}
    return {key: ref.get(key) for key in ("country", "sector", "name", "text")}


def _kind(date: str) -> str:
    if len(date) == 10:
        return "monthday" if date.startswith("XXXX") else "day"
    return "month" if len(date) == 7 else "year"


def agrees(date: str, other: str) -> bool:
    """Whether two dates can be the same day: equal, or one is less precise and contains the other."""
    if date == other:
        return True
    if _kind(date) == "monthday" or _kind(other) == "monthday":
        return date[4:] == other[4:] if len(date) == len(other) else \
            date[4:7] == other[4:7] and (date[:4] == other[:4] or "XXXX" in (date[:4], other[:4]))
    shorter, longer = sorted((date, other), key=len)
    return longer.startswith(shorter)


def best_date(dates: list[str]) -> str | None:
    """The most precise date the reports give (a day over a day without a year over a month: the
    reports of one event agree with it or are listed as alternatives), the one most reports agree
    with among those as precise, then the earlier."""
    if not dates:
        return None
    return min(set(dates), key=lambda d: (-PRECISION_RANK[_kind(d)], -sum(agrees(d, o) for o in dates), d))


def export_order(event: Row) -> tuple:
    """Linked events in reading order: by the first document (by id) that reports them, and within
    it in the order that article tells them; so an article's events come after those it shares with
    the articles before it, in its own order."""
    evidence = [ev for ev in event.get("evidence") or () if ev.get("doc_id") is not None]
    first = min((str(ev["doc_id"]) for ev in evidence), default=str(event["doc_id"]))
    told = [ev.get("start") for ev in evidence if str(ev["doc_id"]) == first]
    position = min((s for s in told if s is not None), default=-1)
    return first, position < 0, position, event["event_id"]


def timeline_order(event: Row) -> tuple:
    """Linked events in date order (undated last); one article's events of a day in the order it
    tells them."""
    told = [ev.get("start") for ev in event.get("evidence") or () if ev.get("doc_id") == event["doc_id"]]
    position = min((s for s in told if s is not None), default=-1)
    return event["date"] is None, event["date"] or "", event["doc_id"], position < 0, position, event["event_id"]


def linked_event(linked: str, members: list[Row], docs: dict[str, Doc]) -> Row:
    """The export-contract dict of a linked event from its reports' rows (article-level contract dicts)."""
    members = sorted(members, key=lambda r: r["event_id"])
    date = best_date([r["date"] for r in members if r.get("date")])
    dated = [r for r in members if r.get("date") == date] or members
    representative = min(dated, key=lambda r: (-(r.get("confidence") or 0), r["event_id"]))
    event = dict(representative)
    disagreements = []
    for name, value_of, fields in VOTED:
        chosen = _best_supported(members, representative, value_of)
        if chosen is not representative:
            event.update({f: chosen.get(f) for f in fields})
        disagreements += _disagreeing(members, name, value_of, value_of(event))
    if event.get("mechanism") is None:  # reports that name the mechanism but not its edition
        event["mechanism"] = _most_common([r.get("mechanism") for r in members])
    evidence = [ev for r in members for ev in r.get("evidence") or []]
    event["evidence"] = sorted(evidence, key=lambda ev: (ev["doc_id"], ev["start"]))
    event["event_id"] = linked
    outlets = {docs.get(r["doc_id"], {}).get("outlet") or r["doc_id"] for r in members}
    alternatives: dict[str, list[str]] = {}
    for r in members:
        if r.get("date") and date and not agrees(r["date"], date):
            alternatives.setdefault(r["date"], []).append(r["doc_id"])
    event.update(
        linked_id=linked,
        num_articles=len({r["doc_id"] for r in members}),
        num_sources=len(outlets),
        mentions=[mention(r, docs.get(r["doc_id"])) for r in sorted(members, key=_mention_order)],
        date_alternatives=[{"date": d, "doc_ids": sorted(ids)} for d, ids in sorted(alternatives.items())],
        disagreements=disagreements,
    )
    return event


def _place(row: Row) -> Any:
    return (row.get("location") or {}).get("country")


def _edition(row: Row) -> Any:
    return (row.get("mechanism") or {}).get("edition")


# Values the articles vote on: (name in ``disagreements``, the value a report gives, the fields it sets).
VOTED = (("location_country", _place, ("location", "location_reason")),
         ("status", lambda r: r.get("status"), ("status",)),
         ("mechanism_edition", _edition, ("mechanism",)))


def _best_supported(members: list[Row], representative: Row, value_of) -> Row:
    """The report whose value (of those given) most articles give; ties keep the representative's."""
    votes: dict[Any, set[str]] = {}
    for r in members:
        if value_of(r) is not None:
            votes.setdefault(value_of(r), set()).add(r["doc_id"])
    if not votes:
        return representative
    most = max(len(docs) for docs in votes.values())
    if value_of(representative) is not None and len(votes[value_of(representative)]) == most:
        return representative
    best = min((v for v in votes if len(votes[v]) == most), key=str)
    return min((r for r in members if value_of(r) == best), key=lambda r: (-(r.get("confidence") or 0), r["event_id"]))


def _disagreeing(members: list[Row], name: str, value_of, chosen: Any) -> list[Row]:
    """``{field, value, doc_ids}`` for each value the reports give other than the linked event's."""
    others: dict[Any, set[str]] = {}
    for r in members:
        value = value_of(r)
        if value is not None and value != chosen:
            others.setdefault(value, set()).add(r["doc_id"])
    return [{"field": name, "value": str(v), "doc_ids": sorted(others[v])} for v in sorted(others, key=str)]


def article_event(row: Row, linked: str | None, doc: Doc | None = None) -> Row:
    """An article-level event with the linking fields: its linked event's id and itself as the one mention."""
    return {**row, "linked_id": linked, "num_articles": 1, "num_sources": 1,
            "mentions": [mention(row, doc)], "date_alternatives": [], "disagreements": []}


def _mention_order(row: Row) -> tuple:
    return (row["doc_id"], (row.get("evidence") or [{}])[0].get("start") or 0, row["event_id"])


def _most_common(values: list[Any]) -> Any:
    present = [v for v in values if v is not None]
    if not present:
        return None
    counts = Counter(repr(v) for v in present)
    return max(present, key=lambda v: (counts[repr(v)], -present.index(v)))
