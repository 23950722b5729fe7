"""Honest figures for the learned sentence classifier (communique.events.classifier).

    python benchmarks/classifier.py [--shared ../shared] [--seed 13] [--folds 5] [--no-coder]
                                    [--out benchmarks/results/classifier.json]

  cross_validation  out-of-fold scores from scripts/train_classifier.py: penta macro-F1 and confusion
                    matrix on ConfliBERT cameo_class_train (stratified, near-duplicates kept in one fold),
                    with and without the extra penta rows; PLOVER-type head on its own training rows
  plover_gsr        the shipped model on the PLOVER gold-standard records, which it never saw: type
                    accuracy (penta-guided types as shipped, and the type head alone), and penta accuracy
                    where the gold type fixes the penta class (all types but REQUEST)
  overlap           GSR sentences also found in the training texts or among the CAMEO manual examples
  with_coder        the rule-based coder alone, the model alone, and rules-else-model (model only when no
                    rule fires) on the GSR and, with out-of-fold model predictions, on ConfliBERT
The shipped model is trained on all of ConfliBERT: its in-sample score there is never reported.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

from communique_eval.datasets import read_plover_gsr
from communique.events.classifier import MODEL_NAME, load_classifier, models_dir
from communique.events.codebook import all_codes, lookup

REPO = Path(__file__).resolve().parents[1]
GSR = "reference/openeventdata__PLOVER/PLOVER_GSR_CAMEO.json"
CAMEO_EXAMPLES = (("reference/andybega__cameo/eventtypes.csv", "utf-8"), ("reference/andybega__icews/cameo-codes.csv", "latin-1"))


def training_module():
    from communique_eval import training

    return training


def words(text: str) -> list[str]:
    return re.sub(r"[^\w]+", " ", text.lower()).split()


def shingles(text: str, span: int = 8) -> set[str]:
    tokens = words(text)
    return {" ".join(tokens[i : i + span]) for i in range(len(tokens) - span + 1)}


def overlap(texts: list[str], others: list[str]) -> dict:
    exact = {" ".join(words(t)) for t in others}
    grams = set().union(*(shingles(t) for t in others)) if others else set()
    return {"exact": sum(" ".join(words(t)) in exact for t in texts), "sharing_8_words": sum(bool(shingles(t) & grams) for t in texts)}


def cameo_examples(shared: Path) -> list[str]:
    examples = []
    for path, encoding in CAMEO_EXAMPLES:
        with open(shared / path, encoding=encoding, newline="") as fh:
            examples += [row["example"] for row in csv.DictReader(fh) if row.get("example")]
    return examples


def unique_penta_of_type() -> dict[str, int]:
    """PLOVER type -> penta class, for the types whose CAMEO codes all share one penta class."""
    classes: dict[str, set[int]] = {}
    for code in all_codes().values():
        if code.plover:
            classes.setdefault(code.plover, set()).add(code.penta_class)
    return {plover: next(iter(found)) for plover, found in classes.items() if len(found) == 1}


def accuracy(hits: list[bool]) -> float:
    return round(sum(hits) / len(hits), 3) if hits else 0.0


def run_gsr(shared: Path, classifier) -> tuple[dict, list]:
    records = read_plover_gsr(shared / GSR)
    predictions = classifier.predict([r.text for r in records])
    gold = [r.event_type for r in records]
    head_only = [classifier.plover.classes[int(np.argmax(classifier.plover.proba(r.text)))] for r in records]
    best_type = [max(p.plover_proba, key=p.plover_proba.get) for p in predictions]
    per_type: dict[str, list[bool]] = {}
    for g, p in zip(gold, predictions):
        per_type.setdefault(g, []).append(p.plover == g)
    penta_of = unique_penta_of_type()
    penta_pairs = [(penta_of[g], p.penta) for g, p in zip(gold, predictions) if g in penta_of]
    matrix = np.zeros((5, 5), dtype=int)
    for g, p in penta_pairs:
        matrix[g, p] += 1
    result = {
        "records": len(records),
        "type_accuracy": accuracy([p.plover == g for g, p in zip(gold, predictions)]),
        "type_accuracy_best_type_never_none": accuracy([b == g for g, b in zip(gold, best_type)]),
        "type_accuracy_type_head_alone": accuracy([h == g for g, h in zip(gold, head_only)]),
        "predicted_none": sum(p.plover is None for p in predictions),
        "types_the_model_cannot_predict": sorted(set(gold) - set(classifier.plover.classes)),
        "per_type_accuracy": {t: accuracy(v) for t, v in sorted(per_type.items())},
        "penta_accuracy_where_type_fixes_penta": accuracy([g == p for g, p in penta_pairs]),
        "penta_records": len(penta_pairs),
        "penta_confusion_rows_gold_cols_pred": matrix.tolist(),
    }
    return result, list(zip(records, predictions))


def primary(events):
    return max(events, key=lambda e: e.confidence or 0) if events else None


def macro_f1(gold: list[int], pred: list[int]) -> float:
    from sklearn.metrics import f1_score

    return round(float(f1_score(gold, pred, labels=[0, 1, 2, 3, 4], average="macro", zero_division=0)), 3)


def run_with_coder(gsr_pairs: list, confli_rows: list, oof_penta: np.ndarray) -> dict:
    from communique.api import Communique

    coder = Communique()
    gsr_rule = [primary(coder.code_text(r.text, doc_id=r.id).events) for r, _ in gsr_pairs]
    gold = [r.event_type for r, _ in gsr_pairs]
    rule_type = [e.event_type if e else None for e in gsr_rule]
    model_type = [p.plover for _, p in gsr_pairs]
    fired = [t is not None for t in rule_type]
    combined = [r if r is not None else m for r, m in zip(rule_type, model_type)]
    gsr = {
        "rules": accuracy([r == g for r, g in zip(rule_type, gold)]),
        "model": accuracy([m == g for m, g in zip(model_type, gold)]),
        "rules_else_model": accuracy([c == g for c, g in zip(combined, gold)]),
        "rule_fired": sum(fired),
        "where_rule_fired": {"rules": accuracy([r == g for r, g, f in zip(rule_type, gold, fired) if f]),
                             "model": accuracy([m == g for m, g, f in zip(model_type, gold, fired) if f])},
        "fallback_by_model_confidence": fallback_table(gsr_pairs, fired),
    }
    confli_gold = [label for _, label in confli_rows]
    rule_penta = []
    for i, (text, _) in enumerate(confli_rows):
        event = primary(coder.code_text(text, doc_id=f"confli-{i}").events)
        rule_penta.append(lookup(event.cameo).penta_class if event else None)
    model_penta = [int(k) for k in oof_penta.argmax(axis=1)]
    fired = [r is not None for r in rule_penta]
    confli = {
        "rules_no_event_as_0": macro_f1(confli_gold, [r if r is not None else 0 for r in rule_penta]),
        "model_out_of_fold": macro_f1(confli_gold, model_penta),
        "rules_else_model": macro_f1(confli_gold, [r if r is not None else m for r, m in zip(rule_penta, model_penta)]),
        "model_overrides_rule_at_0.8": macro_f1(confli_gold, [
            m if r is None or oof_penta[i].max() >= 0.8 else r for i, (r, m) in enumerate(zip(rule_penta, model_penta))]),
        "rule_fired": sum(fired),
        "where_rule_fired_accuracy": {
            "rules": accuracy([r == g for r, g, f in zip(rule_penta, confli_gold, fired) if f]),
            "model": accuracy([m == g for m, g, f in zip(model_penta, confli_gold, fired) if f]),
        },
    }
    return {"plover_gsr_type_accuracy": gsr, "confli_penta_macro_f1": confli}


def fallback_table(gsr_pairs: list, fired: list[bool], thresholds=(0.0, 0.3, 0.5, 0.7)) -> list[dict]:
    """Where no rule fired: how many sentences the model would code at each minimum type probability,
    and how often its type is right (descriptive only: the GSR is a test set, not a tuning set)."""
    rows = []
    for threshold in thresholds:
        kept = [(r, p) for (r, p), f in zip(gsr_pairs, fired)
                if not f and p.plover is not None and p.plover_proba[p.plover] >= threshold]
        rows.append({"min_type_probability": threshold, "coded": len(kept),
                     "accuracy": accuracy([p.plover == r.event_type for r, p in kept])})
    return rows


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(REPO.parent / "shared"))
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-coder", action="store_true", help="skip the comparison with the rule-based coder")
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "classifier.json"))
    args = parser.parse_args()
    shared = Path(args.shared)
    classifier = load_classifier()
    if classifier is None or classifier.plover is None:
        sys.exit(f"no shipped model with a PLOVER head in {models_dir()}: run scripts/train_classifier.py")
    train = training_module()
    command = f"python benchmarks/classifier.py --seed {args.seed} --folds {args.folds}" + (" --no-coder" if args.no_coder else "")
    results: dict = {"command": command,
                     "model_files": {f"{MODEL_NAME}.{ext}": file_digest(models_dir() / f"{MODEL_NAME}.{ext}") for ext in ("json", "npz")}}
    started = time.perf_counter()
    out_of_fold: dict = {}
    results["cross_validation"] = train.evaluate(shared, args.seed, args.folds, out_of_fold)
    results["plover_gsr"], gsr_pairs = run_gsr(shared, classifier)
    gsr_texts = [r.text for r, _ in gsr_pairs]
    training_texts = ([t for t, _ in train.penta_rows(shared)] + [t for t, _ in train.extra_penta_rows(shared)]
                      + [t for t, _ in train.plover_rows(shared)])
    results["overlap"] = {"gsr_vs_training_texts": overlap(gsr_texts, training_texts),
                          "gsr_vs_cameo_manual_examples": overlap(gsr_texts, cameo_examples(shared)),
                          "gsr_records": len(gsr_texts)}
    if not args.no_coder:
        confli = train.penta_rows(shared)
        results["with_coder"] = run_with_coder(gsr_pairs, confli, out_of_fold["penta"][0])
    sample = gsr_texts * 10
    began = time.perf_counter()
    classifier.predict(sample)
    results["sentences_per_second"] = round(len(sample) / (time.perf_counter() - began))
    results["seconds"] = round(time.perf_counter() - started, 1)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
