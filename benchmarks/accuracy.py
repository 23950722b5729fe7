"""Accuracy of the coder on the gold and reference data beside the repository (../shared).

    python benchmarks/accuracy.py [--shared ../shared] [--sets samples,plover_gsr,confli_class]
                                  [--out benchmarks/results/accuracy.json]

Sets:
  samples       the two example articles scored against eval/seeds.gold.jsonl (the guidelines' scorer)
  plover_gsr    PLOVER gold standard records: event-type accuracy of the primary event, and source /
                target country accuracy on the records that carry country codes (judged on the event of
                the gold type when one was coded; the GSR's generic IGO / NGO codes match any
                intergovernmental body / NGO)
  confli_class  ConfliBERT CAMEO training split: macro-F1 of the primary event's penta class, with the
                confusion matrix (a sentence with no coded event counts as class 0, statements);
                rules alone, and rules with the sentence classifier out-of-fold (the shipped model
                was trained on this set, so each sentence is coded by a fold model that never saw it)

The primary event of a sentence is the coded event with the highest confidence (first on ties).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from communique.api import Communique
from communique_eval.measures import run_confli_class, run_plover_gsr, run_samples
from communique_eval.training import fold_classifiers

REPO = Path(__file__).resolve().parents[1]


def run_confli_both(coder: Communique, shared: Path) -> dict:
    """Rules alone, and rules with the sentence classifier evaluated out-of-fold (5 folds, seed 13)."""
    folds = fold_classifiers(shared, seed=13, folds=5)
    return {"rules_only": run_confli_class(coder, shared),
            "rules_and_classifier_out_of_fold": run_confli_class(coder, shared, fold_classifiers=folds)}


SETS = {
    "samples": lambda coder, shared: run_samples(coder, shared, REPO / "examples" / "articles"),
    "plover_gsr": run_plover_gsr,
    "confli_class": run_confli_both,
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "accuracy.json"))
    args = ap.parse_args()
    shared = Path(args.shared)
    coder = Communique()
    results: dict = {"command": "python benchmarks/accuracy.py --sets " + args.sets, "model": coder.config["nlp"]["model"]}
    for name in args.sets.split(","):
        t0 = time.perf_counter()
        results[name] = SETS[name](coder, shared)
        results[name]["seconds"] = round(time.perf_counter() - t0, 1)
        print(name, json.dumps(results[name]), flush=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(out.read_text()) if out.exists() else {}
    previous.update(results)
    out.write_text(json.dumps(previous, indent=2) + "\n")


if __name__ == "__main__":
    main()
