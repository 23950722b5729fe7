"""Matching predicted events to gold events within one document (GUIDELINES "Scoring").

A prediction matches a gold event when the PLOVER types are equal and the actor and recipient
countries agree (a null gold country matches anything; either order when the gold event is
symmetric). Matching is greedy and one-to-one: required gold events first, then pairs with
equal dates, then document order.
"""

from __future__ import annotations

from typing import Any

Event = dict[str, Any]


def country(party: Any) -> str | None:
    """The ``country`` of an actor/recipient/location object, or None."""
    return party.get("country") if isinstance(party, dict) else None


def prediction_docs(pred: Event) -> set[str]:
    """The documents a prediction belongs to: its evidence doc ids plus ``doc_id``/``doc``/``doc_ids``."""
    evidence = pred.get("evidence") or []
    if isinstance(evidence, dict):
        evidence = [evidence]
    docs = {item.get("doc_id") for item in evidence if isinstance(item, dict)}
    docs.update(pred[key] for key in ("doc_id", "doc") if pred.get(key))
    docs.update(pred.get("doc_ids") or [])
    docs.discard(None)
    return {str(doc) for doc in docs}


def same_date(gold_date: Any, pred_date: Any) -> bool:
    """Dates are equal, with any empty value counting as no date."""
    return (gold_date or None) == (pred_date or None)


def _country_agrees(gold_country: str | None, pred_country: str | None) -> bool:
    return gold_country is None or gold_country == pred_country


def events_match(gold: Event, pred: Event) -> bool:
    if (pred.get("event_type") or pred.get("plover")) != gold["plover"]:
        return False
    gold_actor, gold_recipient = country(gold["actor"]), country(gold["recipient"])
    pred_actor, pred_recipient = country(pred.get("actor")), country(pred.get("recipient"))
    if _country_agrees(gold_actor, pred_actor) and _country_agrees(gold_recipient, pred_recipient):
        return True
    return bool(gold.get("symmetric")) and _country_agrees(gold_actor, pred_recipient) and _country_agrees(
        gold_recipient, pred_actor
    )


def match_document(golds: list[Event], preds: list[Event]) -> list[tuple[int, int]]:
    """Greedy one-to-one (gold index, prediction index) pairs for one document."""
    candidates = sorted(
        (not gold["required"], not same_date(gold.get("date"), pred.get("date")), gi, pi)
        for gi, gold in enumerate(golds)
        for pi, pred in enumerate(preds)
        if events_match(gold, pred)
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs
