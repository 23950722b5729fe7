"""Accuracy on reference data: the measures behind ``benchmarks/accuracy.py`` and the regression gate.

The primary event of a sentence is the coded event with the highest confidence (first on ties).
"""

from __future__ import annotations

from pathlib import Path

from communique.api import Communique, events_of
from communique.evaluate import load_gold, score
from communique.events.codebook import lookup
from communique.export.contract import event_to_dict

from .datasets import read_confli_class, read_plover_gsr


def primary(events):
    return max(events, key=lambda e: e.confidence or 0) if events else None


def run_samples(coder: Communique, shared: Path, articles: Path) -> dict:
    docs = list(coder.code_paths([articles]))
    preds = [event_to_dict(e) for e in events_of(docs)]
    result = score(load_gold(shared / "eval" / "seeds.gold.jsonl"), preds)
    return {k: result[k] for k in ("tp", "fp", "fn", "precision", "recall", "f1", "attributes")}


def _body_codes() -> set[str]:
    from communique.actors.tables import load_tables

    return {b.code for b in load_tables().bodies if b.code and b.sector == "IGO"}


def country_ok(ref, gold_codes: tuple[str, ...], bodies: set[str]) -> bool:
    """A predicted actor matches a gold code; the GSR's generic IGO / NGO codes match any such body."""
    if ref is None:
        return False
    if ref.country in gold_codes:
        return True
    if "IGO" in gold_codes and (ref.country in bodies or ref.sector == "IGO"):
        return True
    return "NGO" in gold_codes and ref.country is None and ref.sector == "NGO"


def run_plover_gsr(coder: Communique, shared: Path) -> dict:
    records = read_plover_gsr(shared / "reference" / "openeventdata__PLOVER" / "PLOVER_GSR_CAMEO.json")
    bodies = _body_codes()
    typed = type_ok = any_ok = 0
    src_n = src_ok = tgt_n = tgt_ok = 0
    per_type: dict[str, list[int]] = {}
    for rec in records:
        if not rec.event_type:
            continue
        events = coder.code_text(rec.text, doc_id=rec.id).events
        top = primary(events)
        typed += 1
        hit = top is not None and top.event_type == rec.event_type
        type_ok += hit
        any_ok += any(e.event_type == rec.event_type for e in events)
        per_type.setdefault(rec.event_type, [0, 0])
        per_type[rec.event_type][0] += hit
        per_type[rec.event_type][1] += 1
        # countries: judged on the event of the gold type when there is one, else the primary event
        ev = next((e for e in events if e.event_type == rec.event_type), top)
        pa = ev.actor if ev else None
        pr = ev.recipient if ev else None
        if rec.source_countries:
            src_n += 1
            src_ok += country_ok(pa, rec.source_countries, bodies) or \
                (not rec.target_countries and country_ok(pr, rec.source_countries, bodies))
        if rec.target_countries:
            tgt_n += 1
            tgt_ok += country_ok(pr, rec.target_countries, bodies) or \
                bool(ev and ev.symmetric and country_ok(pa, rec.target_countries, bodies))
    return {
        "records": typed,
        "event_type_accuracy": round(type_ok / typed, 3),
        "event_type_any_accuracy": round(any_ok / typed, 3),
        "source_country_accuracy": round(src_ok / src_n, 3) if src_n else None, "source_records": src_n,
        "target_country_accuracy": round(tgt_ok / tgt_n, 3) if tgt_n else None, "target_records": tgt_n,
        "per_type_accuracy": {k: round(v[0] / v[1], 3) for k, v in sorted(per_type.items())},
    }


def macro_f1(gold: list[int], pred: list[int], labels: list[int]) -> tuple[float, list[list[int]]]:
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred):
        matrix[g][p] += 1
    f1s = []
    for k in labels:
        tp = matrix[k][k]
        fp = sum(matrix[g][k] for g in labels) - tp
        fn = sum(matrix[k]) - tp
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / len(f1s), matrix


def events_stage(coder: Communique):
    return dict(coder.pipeline.stages)["events"]


def run_confli_class(coder: Communique, shared: Path, limit: int | None = None,
                     fold_classifiers: list | None = None) -> dict:
    """Penta-class macro-F1 of the primary event. The shipped sentence classifier was trained on this
    set, so it is switched off here unless ``fold_classifiers`` gives, for each fold, the set of row
    indices it holds out and a classifier trained without them: each row is then coded with the
    classifier that never saw it (out-of-fold)."""
    rows = read_confli_class(shared / "reference" / "eventdata__ConfliBERT" / "cameo_class_train.tsv")[:limit]
    stage = events_stage(coder)
    shipped = stage.classifier
    by_row = {i: clf for held_out, clf in (fold_classifiers or []) for i in held_out}
    gold, pred = [], []
    try:
        for i, (text, label) in enumerate(rows):
            stage.classifier = by_row.get(i)
            top = primary(coder.code_text(text, doc_id=f"confli-{i}").events)
            gold.append(label)
            pred.append(lookup(top.cameo).penta_class if top else 0)
    finally:
        stage.classifier = shipped
    f1, matrix = macro_f1(gold, pred, [0, 1, 2, 3, 4])
    return {"sentences": len(rows), "classifier": "out-of-fold" if fold_classifiers else "off (rules only)",
            "macro_f1": round(f1, 3),
            "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / len(gold), 3),
            "confusion_matrix_rows_gold_cols_pred": matrix}
