"""Precision/recall of predicted events against gold events, and attribute accuracy over matches."""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import Any, Iterable

from .matching import Event, country, match_document, prediction_docs, same_date


class _Tally:
    """Correct/total counts per attribute, in first-seen order."""

    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = {}

    def add(self, name: str, correct: bool) -> None:
        right_total = self.counts.setdefault(name, [0, 0])
        right_total[0] += bool(correct)
        right_total[1] += 1

    def accuracies(self) -> dict[str, float | None]:
        return {name: round(right / total, 3) if total else None for name, (right, total) in self.counts.items()}


def _score_attributes(gold: Event, pred: Event, tally: _Tally) -> None:
    tally.add("date", same_date(gold.get("date"), pred.get("date")))
    if gold.get("location"):
        tally.add("location_country", country(gold["location"]) == country(pred.get("location")))
    tally.add("status", gold.get("status") == pred.get("status"))
    if gold.get("mechanism"):
        pred_mechanism = pred.get("mechanism") or {}
        tally.add("mechanism_edition", pred_mechanism.get("edition") == gold["mechanism"].get("edition"))
    gold_sector = (gold.get("actor") or {}).get("sector")
    if gold_sector:
        tally.add("actor_sector", gold_sector == (pred.get("actor") or {}).get("sector"))


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _duplicates(dups: list | dict, matched_pred_of_gold: dict[str, Any]) -> dict[str, Any]:
    """Duplicate pairs merged (one prediction for both gold events) and traps falsely merged.

    ``dups`` is ``{"same": [[gold ids]], "different": [[id, id]]}`` or a bare list of ``same``
    groups. ``pairs_merged`` counts pairs whose events are both found; ``pairs_merged_of_all``
    counts every pair of every group.
    """
    groups, traps = (dups.get("same", []), dups.get("different", [])) if isinstance(dups, dict) else (dups, [])
    matched = matched_pred_of_gold

    def merged(a: Any, b: Any) -> bool:
        return a in matched and b in matched and matched[a] is not None and matched[a] == matched[b]

    same = found = total = 0
    for group in groups:
        ids = [gold_id for gold_id in group if isinstance(gold_id, str)]
        for a, b in itertools.combinations(ids, 2):
            total += 1
            if a in matched and b in matched:
                found += 1
                same += merged(a, b)
    false_merges = sum(merged(a, b) for a, b in traps)
    return {"pairs_merged": f"{same}/{found}", "pairs_merged_of_all": f"{same}/{total}",
            "false_merges": f"{false_merges}/{len(traps)}"}


def document_views(pred: Event) -> list[tuple[str, Event]]:
    """(document, prediction as that document reports it) for each document a prediction cites.

    A linked event (one with ``mentions``) is judged in each document by that article's own report:
    its date, sides and place; its id stays the linked id, so duplicates count as merged. Any other
    prediction is the same object in every document it cites (as the reference scorer reads it).
    """
    mentions = [m for m in pred.get("mentions") or [] if isinstance(m, dict) and m.get("doc_id")]
    if not mentions:
        return [(doc, pred) for doc in prediction_docs(pred)]
    views = []
    for mention in mentions:
        doc = str(mention["doc_id"])
        view = dict(pred, doc_id=doc, date=mention.get("date"), actor=mention.get("actor") or {},
                    recipient=mention.get("recipient") or {},
                    location={"name": mention.get("location"), "country": mention.get("location_country")}
                    if mention.get("location") or mention.get("location_country") else None,
                    evidence=[ev for ev in pred.get("evidence") or [] if isinstance(ev, dict) and ev.get("doc_id") == doc])
        views.append((doc, view))
    return views


def score(gold: list[Event], preds: list[Event], dups: list | dict | None = None,
          duplicate_details: bool = False) -> dict[str, Any]:
    """Score predictions (export-contract dicts) against gold events.

    Returns ``tp``, ``fp``, ``fn``, ``precision``, ``recall``, ``f1`` (3 decimals), ``attributes``
    (accuracy over matched required gold events), ``per_doc`` ({doc: (tp, fp, fn)}) and, when
    ``dups`` (duplicate groups and traps, see :func:`_duplicates`) is given, ``dedup_pairs_merged``
    and ``dedup_false_merges``, as the reference scorer gives them; ``duplicate_details`` adds
    ``dedup_pairs_merged_of_all``. Predictions are one event however many documents they cite
    (their ``evidence``, or for a linked event its ``mentions``, see :func:`document_views`): a
    duplicate pair is merged when one prediction id matches both.
    Predictions for documents without gold events are not counted.
    """
    gold_by_doc: dict[str, list[Event]] = defaultdict(list)
    for event in gold:
        gold_by_doc[str(event["doc"])].append(event)
    preds_by_doc: dict[str, list[Event]] = defaultdict(list)
    for pred in preds:
        for doc, view in document_views(pred):
            preds_by_doc[doc].append(view)

    tp = fp = fn = 0
    tally = _Tally()
    matched_pred_of_gold: dict[str, Any] = {}
    per_doc: dict[str, tuple[int, int, int]] = {}
    for doc in sorted(gold_by_doc):
        golds, doc_preds = gold_by_doc[doc], preds_by_doc.get(doc, [])
        pairs = match_document(golds, doc_preds)
        matched_gold = {gi for gi, _ in pairs}
        matched_preds = {pi for _, pi in pairs}
        doc_tp = sum(1 for gi, _ in pairs if golds[gi]["required"])
        doc_fn = sum(1 for gi, event in enumerate(golds) if event["required"] and gi not in matched_gold)
        doc_fp = len(doc_preds) - len(matched_preds)
        tp, fp, fn = tp + doc_tp, fp + doc_fp, fn + doc_fn
        per_doc[doc] = (doc_tp, doc_fp, doc_fn)
        for gi, pi in pairs:
            matched_pred_of_gold[golds[gi]["id"]] = doc_preds[pi].get("event_id")
            if golds[gi]["required"]:
                _score_attributes(golds[gi], doc_preds[pi], tally)

    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = _ratio(2 * precision * recall, precision + recall)
    result: dict[str, Any] = {
        "tp": tp, "fp": fp, "fn": fn,
        "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
        "attributes": tally.accuracies(), "per_doc": per_doc,
    }
    if dups:
        figures = _duplicates(dups, matched_pred_of_gold)
        result["dedup_pairs_merged"] = figures["pairs_merged"]
        result["dedup_false_merges"] = figures["false_merges"]
        if duplicate_details:
            result["dedup_pairs_merged_of_all"] = figures["pairs_merged_of_all"]
    return result
