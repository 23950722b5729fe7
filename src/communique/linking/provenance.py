"""A linked event as exported: the best-supported values of its reports, every report as a mention.

Each report (an article-level event) becomes a mention with its document, outlet, sentence,
span and its own date, place and sides. The linked event takes the date most reports support
(a full date over a day without a year, a day over a month), and the rest of its values from the
most confident report with that date; dates the reports give that cannot be that day are listed
in ``date_alternatives`` with the documents that give them.
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
    }


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
    """The date most reports agree with; ties go to the more precise, then the earlier."""
    if not dates:
        return None
    return min(set(dates), key=lambda d: (-sum(agrees(d, o) for o in dates), -PRECISION_RANK[_kind(d)], d))


def linked_event(linked: str, members: list[Row], docs: dict[str, Doc]) -> Row:
    """The export-contract dict of a linked event from its reports' rows (article-level contract dicts)."""
    members = sorted(members, key=lambda r: r["event_id"])
    date = best_date([r["date"] for r in members if r.get("date")])
    dated = [r for r in members if r.get("date") == date] or members
    representative = min(dated, key=lambda r: (-(r.get("confidence") or 0), r["event_id"]))
    event = dict(representative)
    for attr in ("location", "mechanism"):
        if event.get(attr) is None:
            event[attr] = _most_common([r.get(attr) for r in members])
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
    )
    return event


def article_event(row: Row, linked: str | None, doc: Doc | None = None) -> Row:
    """An article-level event with the linking fields: its linked event's id and itself as the one mention."""
    return {**row, "linked_id": linked, "num_articles": 1, "num_sources": 1,
            "mentions": [mention(row, doc)], "date_alternatives": []}


def _mention_order(row: Row) -> tuple:
    return (row["doc_id"], (row.get("evidence") or [{}])[0].get("start") or 0, row["event_id"])


def _most_common(values: list[Any]) -> Any:
    present = [v for v in values if v is not None]
    if not present:
        return None
    counts = Counter(repr(v) for v in present)
    return max(present, key=lambda v: (counts[repr(v)], -present.index(v)))
