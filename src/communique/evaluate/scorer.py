"""Precision/recall of predicted events against gold events, and attribute accuracy over matches."""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import Any, Iterable

from .matching import Event, country, match_document, prediction_docs


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


def _attribute_values(gold: Event, pred: Event) -> dict[str, tuple[Any, Any]]:
    """(gold value, predicted value) of each attribute the gold event lets us score."""
    values: dict[str, tuple[Any, Any]] = {"date": (gold.get("date") or None, pred.get("date") or None)}
    if gold.get("location"):
        values["location_country"] = (country(gold["location"]), country(pred.get("location")))
    values["status"] = (gold.get("status"), pred.get("status"))
    if gold.get("mechanism"):
        values["mechanism_edition"] = (gold["mechanism"].get("edition"), (pred.get("mechanism") or {}).get("edition"))
    gold_sector = (gold.get("actor") or {}).get("sector")
    if gold_sector:
        values["actor_sector"] = (gold_sector, (pred.get("actor") or {}).get("sector"))
    return values


def _score_attributes(gold: Event, pred: Event, tally: _Tally, wrong: list[dict[str, Any]]) -> None:
    for name, (gold_value, pred_value) in _attribute_values(gold, pred).items():
        tally.add(name, gold_value == pred_value)
        if gold_value != pred_value:
            wrong.append({"doc": gold["doc"], "gold_id": gold["id"], "attribute": name,
                          "gold": gold_value, "predicted": pred_value, "event_id": pred.get("event_id"),
                          "sentence": _pred_sentence(pred)})


def _pred_sentence(pred: Event) -> str | None:
    evidence = pred.get("evidence") or []
    if isinstance(evidence, dict):
        evidence = [evidence]
    for item in evidence:
        if isinstance(item, dict) and item.get("sentence"):
            return str(item["sentence"])
    return pred.get("evidence") if isinstance(pred.get("evidence"), str) else None


def _side(event: Event, key: str) -> str | None:
    return country(event.get(key))


def _gold_summary(gold: Event) -> dict[str, Any]:
    return {"doc": gold["doc"], "gold_id": gold["id"], "plover": gold["plover"], "cameo": gold.get("cameo"),
            "actor": _side(gold, "actor"), "recipient": _side(gold, "recipient"), "sentence": gold.get("evidence")}


def _pred_summary(doc: str, pred: Event) -> dict[str, Any]:
    return {"doc": doc, "event_id": pred.get("event_id"), "plover": pred.get("event_type") or pred.get("plover"),
            "cameo": pred.get("cameo"), "actor": _side(pred, "actor"), "recipient": _side(pred, "recipient"),
            "rule": pred.get("rule"), "sentence": _pred_sentence(pred)}


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _merged(matched_pred_of_gold: dict[str, Any], a: str, b: str) -> bool:
    """Both gold events were found, by one and the same prediction."""
    pred_a = matched_pred_of_gold.get(a)
    return a in matched_pred_of_gold and b in matched_pred_of_gold and pred_a is not None and (
        pred_a == matched_pred_of_gold[b])


def _dedup_pairs_merged(dups: Iterable[list], matched_pred_of_gold: dict[str, Any]) -> tuple[str, str]:
    """How many pairs of duplicate gold events were matched by the same prediction: among the pairs
    whose two events were found, and among all pairs."""
    same = found = total = 0
    for group in dups:
        ids = [gold_id for gold_id in group if isinstance(gold_id, str)]
        for a, b in itertools.combinations(ids, 2):
            total += 1
            if a in matched_pred_of_gold and b in matched_pred_of_gold:
                found += 1
                same += _merged(matched_pred_of_gold, a, b)
    return f"{same}/{found}", f"{same}/{total}"


def _false_merges(traps: Iterable[list], matched_pred_of_gold: dict[str, Any]) -> str:
    """How many look-alike pairs that are different events were matched by the same prediction."""
    traps = [trap for trap in traps if len(trap) == 2]
    return f"{sum(_merged(matched_pred_of_gold, a, b) for a, b in traps)}/{len(traps)}"


def document_views(pred: Event, by_report: bool = False) -> list[tuple[str, Event]]:
    """(document, prediction as judged there) for each document a prediction cites.

    As the reference scorer reads it, a prediction is the same object in every document it cites:
    a linked event is judged everywhere by its own (best-supported) values. With ``by_report``, a
    linked event (one with ``mentions``) is judged in each document by that article's own report:
    its date, sides, place, status and mechanism edition; its id stays the linked id, so
    duplicates still count as merged.
    """
    mentions = [m for m in pred.get("mentions") or [] if isinstance(m, dict) and m.get("doc_id")]
    if not by_report or not mentions:
        return [(doc, pred) for doc in prediction_docs(pred)]
    views = []
    for mention in mentions:
        doc = str(mention["doc_id"])
        view = dict(pred, doc_id=doc, date=mention.get("date"), actor=mention.get("actor") or {},
                    status=mention.get("status", pred.get("status")),
                    mechanism=mention.get("mechanism", pred.get("mechanism")),
                    recipient=mention.get("recipient") or {},
                    location={"name": mention.get("location"), "country": mention.get("location_country")}
                    if mention.get("location") or mention.get("location_country") else None,
                    evidence=[ev for ev in pred.get("evidence") or [] if isinstance(ev, dict) and ev.get("doc_id") == doc])
        views.append((doc, view))
    return views


def score(gold: list[Event], preds: list[Event], dups: list[list] | dict[str, list] | None = None,
          details: bool = False, duplicate_details: bool = False, by_report: bool = False) -> dict[str, Any]:
    """Score predictions (export-contract dicts) against gold events.

    Returns ``tp``, ``fp``, ``fn``, ``precision``, ``recall``, ``f1`` (3 decimals), ``attributes``
    (accuracy over matched required gold events), ``per_doc`` ({doc: (tp, fp, fn)}); with ``details``,
    ``misses`` (required gold events no prediction matched), ``false_positives`` (predictions that
    matched no gold event) and ``attribute_errors`` (matched pairs whose attribute differs); and, when
    ``dups`` is given (groups of gold ids describing one real-world event, or ``{"same": groups,
    "different": pairs}``), ``dedup_pairs_merged`` and ``dedup_false_merges``, as the reference scorer
    gives them; ``duplicate_details`` adds ``dedup_pairs_merged_of_all`` (merged among all pairs, found
    or not). Predictions are one event however many documents they cite (their ``evidence``, or for a
    linked event its ``mentions``, see :func:`document_views`): a duplicate pair is merged when one
    prediction id matches both. A linked event is judged by its own values in every document it cites,
    as the reference scorer does; ``by_report`` judges it by each article's report instead.
    Predictions for documents without gold events are not counted.
    """
    gold_by_doc: dict[str, list[Event]] = defaultdict(list)
    for event in gold:
        gold_by_doc[str(event["doc"])].append(event)
    preds_by_doc: dict[str, list[Event]] = defaultdict(list)
    for pred in preds:
        for doc, view in document_views(pred, by_report):
            preds_by_doc[doc].append(view)

    tp = fp = fn = 0
    tally = _Tally()
    matched_pred_of_gold: dict[str, Any] = {}
    matched_view_of_gold: dict[str, tuple[Event, Event]] = {}
    per_doc: dict[str, tuple[int, int, int]] = {}
    misses: list[dict[str, Any]] = []
    false_positives: list[dict[str, Any]] = []
    attribute_errors: list[dict[str, Any]] = []
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
        misses += [_gold_summary(event) for gi, event in enumerate(golds)
                   if event["required"] and gi not in matched_gold]
        false_positives += [_pred_summary(doc, pred) for pi, pred in enumerate(doc_preds) if pi not in matched_preds]
        for gi, pi in pairs:
            matched_pred_of_gold[golds[gi]["id"]] = doc_preds[pi].get("event_id")
            matched_view_of_gold[golds[gi]["id"]] = (golds[gi], doc_preds[pi])
            if golds[gi]["required"]:
                _score_attributes(golds[gi], doc_preds[pi], tally, attribute_errors)

    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = _ratio(2 * precision * recall, precision + recall)
    result: dict[str, Any] = {
        "tp": tp, "fp": fp, "fn": fn,
        "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
        "attributes": tally.accuracies(), "per_doc": per_doc,
    }
    if details:
        result.update(misses=misses, false_positives=false_positives, attribute_errors=attribute_errors)
    if dups:
        groups, traps = (dups.get("same", []), dups.get("different", [])) if isinstance(dups, dict) else (dups, [])
        result["dedup_pairs_merged"], of_all = _dedup_pairs_merged(groups, matched_pred_of_gold)
        result["dedup_false_merges"] = _false_merges(traps, matched_pred_of_gold)
        if duplicate_details:
            result["dedup_pairs_merged_of_all"] = of_all
        if details:
            result["duplicate_errors"] = _duplicate_errors(groups, traps, matched_pred_of_gold, matched_view_of_gold)
    return result


def _duplicate_errors(groups: Iterable[list], traps: Iterable[list], matched: dict[str, Any],
                      views: dict[str, tuple[Event, Event]]) -> list[dict[str, Any]]:
    """Duplicate pairs whose two events were found but not by one prediction (``apart``), and trap pairs
    one prediction matched (``merged``): each gold event with its sentence and the prediction that
    matched it in its document, with that prediction's sentence there."""
    def side(gold_id: str) -> dict[str, Any]:
        gold, pred = views[gold_id]
        return {"gold_id": gold_id, "doc": gold["doc"], "gold_date": gold.get("date"), "gold_sentence": gold.get("evidence"),
                "event_id": pred.get("event_id"), "date": pred.get("date"), "sentence": _pred_sentence(pred)}

    errors = []
    for group in groups:
        ids = [gold_id for gold_id in group if isinstance(gold_id, str)]
        for a, b in itertools.combinations(ids, 2):
            if a in matched and b in matched and not _merged(matched, a, b):
                errors.append({"kind": "apart", "pair": [side(a), side(b)]})
    for trap in traps:
        if len(trap) == 2 and _merged(matched, *trap):
            errors.append({"kind": "merged", "pair": [side(trap[0]), side(trap[1])]})
    return errors
