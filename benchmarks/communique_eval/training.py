"""Train the sentence event classifier and export it to plain files for communique.events.classifier.

    python scripts/train_classifier.py [--shared ../shared] [--out src/communique/data/models]
                                       [--seed 13] [--folds 5] [--max-rows N] [--with-case]

Two heads, each a TF-IDF (word 1-2 grams + char_wb 3-5 grams) multinomial logistic regression:
  penta   CAMEO penta class 0-4, trained on ConfliBERT cameo_class_train.tsv, plus the coder-training
          sentences below (penta class of their majority root) and the mapped CASE snippets (class 4);
  plover  PLOVER type, trained on the majority Action1 CAMEO root of the javierosorio/CAMEO_ConfliBERT
          coder-training rounds (root -> PLOVER through the codebook; root 01 dropped) plus the CASE 2021
          task 2 snippets whose sub-type has a clear PLOVER type (data/models/case2021_to_plover.csv).
Writes NAME.json (classes, analysers, vocabularies) and NAME.npz (idf, coefficients) and, with --folds,
the out-of-fold cross-validation figures to NAME.training.json. Never reads the PLOVER GSR or the CAMEO
manual example sentences: those are the held-out test.
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix, f1_score
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.pipeline import FeatureUnion, Pipeline

from communique.events.classifier import FORMAT_VERSION, MODEL_NAME, models_dir
from communique.data_schemas import CaseMapRow
from communique.data_tables import read_csv
from communique.events.codebook import lookup, penta_class_of

from .datasets import read_confli_class

REPO = Path(__file__).resolve().parents[2]
CONFLI = "reference/eventdata__ConfliBERT/cameo_class_train.tsv"
CODER_ROUNDS = "reference/javierosorio__CAMEO_ConfliBERT/round*_summary*.csv"
CASE = "reference/emerging-welfare__case-2021-shared-task/task2_test_set_final_release_with_labels.tsv"
ACTION1_ROOT = re.compile(r"Action1_CAMEO_\d+")
ROOT_LABEL = re.compile(r"\s*\d-(\d{1,2})\b")
PENTA_OF_CASE_TYPES = {"PROTEST": 4, "ASSAULT": 4, "COERCE": 4}  # the only types case2021_to_plover.csv uses

# Features and regulariser; chosen by 5-fold CV on the penta data (see MODEL_CARD.md).
SETTINGS = {
    "word": {"ngram_range": (1, 2), "min_df": 2, "sublinear_tf": True},
    "char_wb": {"ngram_range": (3, 5), "min_df": 3, "sublinear_tf": True},
    "C": 10.0,
    "class_weight": "balanced",
}


# ---------------------------------------------------------------- training data

def penta_rows(shared: Path) -> list[tuple[str, int]]:
    """ConfliBERT sentences with their penta class: the set the penta head is scored on."""
    return read_confli_class(shared / CONFLI)


def extra_penta_rows(shared: Path, with_case: bool = True) -> list[tuple[str, int]]:
    """More penta-labelled news: the coder-training sentences (penta class of their majority root) and
    the CASE snippets mapped to a PLOVER type (all of them material conflict, class 4)."""
    rounds = [(text, penta_class_of(root)) for text, root in majority_roots(shared)]
    case = [(text, PENTA_OF_CASE_TYPES[plover]) for text, plover in case_rows(shared, case_map())] if with_case else []
    return rounds + case


def majority_roots(shared: Path) -> list[tuple[str, int]]:
    """Each coder-training sentence with the CAMEO root most of its coders gave as Action1 (ties dropped)."""
    votes: dict[str, list[int]] = {}
    for path in sorted(glob.glob(str(shared / CODER_ROUNDS))):
        with open(path, encoding="utf-8", newline="") as fh:
            for line, row in enumerate(csv.DictReader(fh), start=2):
                text = " ".join((row.get("sentences") or "").split())
                if not text:
                    raise ValueError(f"{path}: row near line {line} has no 'sentences' text")
                sentence_votes = votes.setdefault(text, [])
                for column, value in row.items():
                    if column and ACTION1_ROOT.fullmatch(column) and value and value.strip():
                        match = ROOT_LABEL.match(value)
                        if not match:
                            raise ValueError(f"{path}: row near line {line}: bad {column} {value!r}")
                        sentence_votes.append(int(match.group(1)))
    rows = []
    for text, roots in votes.items():
        ranked = Counter(roots).most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            rows.append((text, ranked[0][0]))
    return rows


def read_case_map(path: Path) -> dict[str, str | None]:
    """CASE sub-type -> PLOVER type (None: dropped), checked against the PLOVER types."""
    return {row.subtype: row.plover for _, row in read_csv(path, CaseMapRow)}


def case_rows(shared: Path, mapping: dict[str, str | None]) -> list[tuple[str, str]]:
    rows = []
    with open(shared / CASE, encoding="utf-8", newline="") as fh:
        for record in csv.DictReader(fh, delimiter="\t"):
            subtype = record["SubType"].strip()
            if subtype not in mapping:
                raise ValueError(f"{shared / CASE}: id {record['id']}: sub-type {subtype!r} missing from the mapping")
            if mapping[subtype]:
                rows.append((" ".join(record["EventSnippet"].split()), mapping[subtype]))
    return rows


def request_share_of_penta0(shared: Path) -> float:
    """Share of appeals (CAMEO 02, PLOVER REQUEST) among the statements and appeals (01-02, penta class 0)
    of the coder-training sentences: how much penta-0 probability the runtime gives to REQUEST."""
    roots = Counter(root for _, root in majority_roots(shared) if root <= 2)
    return round(roots[2] / (roots[1] + roots[2]), 4) if roots else 0.0


def plover_rows(shared: Path, with_case: bool = True) -> list[tuple[str, str]]:
    coded = [(text, lookup(f"{root:02d}").plover) for text, root in majority_roots(shared)]
    rounds = [(text, plover) for text, plover in coded if plover]  # root 01 statements have no PLOVER type
    return rounds + (case_rows(shared, case_map()) if with_case else [])


def case_map() -> dict[str, str | None]:
    mapping = read_case_map(models_dir() / "case2021_to_plover.csv")
    unexpected = {plover for plover in mapping.values() if plover} - set(PENTA_OF_CASE_TYPES)
    if unexpected:
        raise ValueError(f"case2021_to_plover.csv maps to {sorted(unexpected)}: add their penta class to PENTA_OF_CASE_TYPES")
    return mapping


# ---------------------------------------------------------------- model

def make_pipeline(seed: int, settings: dict = SETTINGS) -> Pipeline:
    features = FeatureUnion([
        (name, TfidfVectorizer(analyzer=name, lowercase=True, dtype=np.float64, **settings[name]))
        for name in ("word", "char_wb")
    ])
    model = LogisticRegression(C=settings["C"], class_weight=settings["class_weight"], max_iter=5000, random_state=seed)
    return Pipeline([("features", features), ("model", model)])


def duplicate_groups(texts: list[str], span: int = 10) -> list[int]:
    """A group id per text; texts that are equal or share a run of ``span`` words (case and punctuation
    ignored) fall in one group, so that cross-validation never splits near-duplicates across folds."""
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_seen: dict[str, int] = {}
    for i, text in enumerate(texts):
        words = re.sub(r"[^\w]+", " ", text.lower()).split()
        keys = {" ".join(words)} | {" ".join(words[j : j + span]) for j in range(len(words) - span + 1)}
        for key in keys:
            parent[root(i)] = root(first_seen.setdefault(key, i))
    return [root(i) for i in range(len(texts))]


def cross_validate(texts: list[str], labels: list, seed: int, folds: int, settings: dict = SETTINGS,
                   extra: list[tuple[str, object]] = ()):
    """Out-of-fold class probabilities (rows in input order) and the class list: stratified K folds that
    keep near-duplicate texts together; ``extra`` rows join every training fold and are never scored."""
    classes = sorted(set(labels) | {label for _, label in extra})
    proba = np.zeros((len(texts), len(classes)))
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    y = np.asarray(labels)
    for train, test in splitter.split(texts, y, groups=duplicate_groups(texts)):
        train_texts = [texts[i] for i in train] + [text for text, _ in extra]
        train_labels = list(y[train]) + [label for _, label in extra]
        pipeline = make_pipeline(seed, settings).fit(train_texts, train_labels)
        fold_proba = pipeline.predict_proba([texts[i] for i in test])
        for column, label in enumerate(pipeline.classes_):
            proba[test, classes.index(label)] = fold_proba[:, column]
    return proba, classes


def scores(labels: list, predicted: list, classes: list) -> dict:
    return {
        "macro_f1": round(float(f1_score(labels, predicted, labels=classes, average="macro", zero_division=0)), 3),
        "accuracy": round(float(np.mean(np.asarray(labels) == np.asarray(predicted))), 3),
        "per_class_f1": dict(zip(map(str, classes), (round(float(v), 3) for v in
                                 f1_score(labels, predicted, labels=classes, average=None, zero_division=0)))),
        "confusion_matrix_rows_gold_cols_pred": confusion_matrix(labels, predicted, labels=classes).tolist(),
    }


def export(heads: dict[str, Pipeline], out: Path, request_share: float = 0.0, name: str = MODEL_NAME) -> None:
    """Write NAME.json and NAME.npz for communique.events.classifier.read_classifier."""
    meta: dict = {"format": FORMAT_VERSION, "sklearn": sklearn.__version__,
                  "request_share_of_penta0": request_share, "heads": {}}
    arrays: dict[str, np.ndarray] = {}
    for head, pipeline in heads.items():
        blocks = []
        for index, (analyzer, vectorizer) in enumerate(pipeline.named_steps["features"].transformer_list):
            vocabulary = [""] * len(vectorizer.vocabulary_)
            for gram, column in vectorizer.vocabulary_.items():
                vocabulary[column] = gram
            blocks.append({"analyzer": analyzer, "ngram_range": list(vectorizer.ngram_range),
                           "sublinear_tf": vectorizer.sublinear_tf, "vocabulary": vocabulary})
            arrays[f"{head}.idf.{index}"] = vectorizer.idf_.astype(np.float32)
        model = pipeline.named_steps["model"]
        meta["heads"][head] = {"classes": [str(c) for c in model.classes_], "blocks": blocks}
        arrays[f"{head}.coef"] = model.coef_.astype(np.float32)
        arrays[f"{head}.intercept"] = model.intercept_.astype(np.float32)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    np.savez_compressed(out / f"{name}.npz", **arrays)


def train(shared: Path, seed: int, max_rows: int | None = None, with_case: bool = True) -> dict[str, Pipeline]:
    """Fit both heads on all their training data (the first max_rows rows of each set, when given)."""
    penta = penta_rows(shared)[:max_rows] + extra_penta_rows(shared, with_case)[:max_rows]
    plover = plover_rows(shared, with_case)[:max_rows]
    return {
        "penta": make_pipeline(seed).fit([t for t, _ in penta], [str(label) for _, label in penta]),
        "plover": make_pipeline(seed).fit([t for t, _ in plover], [label for _, label in plover]),
    }


def evaluate(shared: Path, seed: int, folds: int, out_of_fold: dict | None = None, with_case: bool = True) -> dict:
    """Out-of-fold scores: the penta head on ConfliBERT folds (the extra penta rows always train), both
    without and with the extra rows; the PLOVER head on folds of its own training rows. ``out_of_fold``,
    when given, receives each run's (probabilities, classes)."""
    confli = [(text, str(label)) for text, label in penta_rows(shared)]
    extra = [(text, str(label)) for text, label in extra_penta_rows(shared, with_case)]
    runs = {"penta": (confli, extra), "penta_confli_only": (confli, []), "plover": (plover_rows(shared, with_case), [])}
    result = {}
    for head, (rows, extra_rows) in runs.items():
        texts, labels = [t for t, _ in rows], [label for _, label in rows]
        proba, classes = cross_validate(texts, labels, seed, folds, extra=extra_rows)
        predicted = [classes[i] for i in proba.argmax(axis=1)]
        if out_of_fold is not None:
            out_of_fold[head] = (proba, classes)
        result[head] = {"scored_sentences": len(rows), "extra_training_sentences": len(extra_rows),
                        "label_counts": dict(sorted(Counter(labels).items())), "folds": folds, "seed": seed,
                        **scores(labels, predicted, classes)}
    return result


def fold_classifiers(shared: Path, seed: int = 13, folds: int = 5, with_case: bool = False) -> list:
    """For each fold of the ConfliBERT penta rows: (indices it holds out, a classifier trained without
    them), as the shipped model is trained; for out-of-fold evaluation of the whole coder."""
    import tempfile

    from communique.events.classifier import read_classifier

    confli = [(text, str(label)) for text, label in penta_rows(shared)]
    extra = [(text, str(label)) for text, label in extra_penta_rows(shared, with_case)]
    plover = plover_rows(shared, with_case)
    plover_head = make_pipeline(seed).fit([t for t, _ in plover], [label for _, label in plover])
    texts, labels = [t for t, _ in confli], [label for _, label in confli]
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    result = []
    with tempfile.TemporaryDirectory() as tmp:
        for k, (train_idx, test_idx) in enumerate(splitter.split(texts, labels, groups=duplicate_groups(texts))):
            rows = [confli[i] for i in train_idx] + extra
            penta = make_pipeline(seed).fit([t for t, _ in rows], [label for _, label in rows])
            export({"penta": penta, "plover": plover_head}, Path(tmp), request_share_of_penta0(shared), f"fold{k}")
            result.append((set(int(i) for i in test_idx), read_classifier(Path(tmp), f"fold{k}")))
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(REPO.parent / "shared"))
    parser.add_argument("--out", default=str(models_dir()))
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--folds", type=int, default=5, help="0 skips cross-validation")
    parser.add_argument("--max-rows", type=int, default=None, help="train on the first N rows of each set only")
    parser.add_argument("--with-case", action="store_true",
                        help="also train on the CASE 2021 snippets (no licence visible, ACLED terms apply: "
                             "evaluation-only, so the shipped model is trained without them)")
    args = parser.parse_args(argv)
    shared, out = Path(args.shared), Path(args.out)
    with_case = args.with_case
    export(train(shared, args.seed, args.max_rows, with_case), out, request_share_of_penta0(shared))
    print(f"wrote {out / MODEL_NAME}.json and .npz", file=sys.stderr)
    if args.folds:
        command = "python scripts/train_classifier.py " + " ".join(argv if argv is not None else sys.argv[1:])
        report = {"command": command.strip(), "settings": {k: (list(v.items()) if isinstance(v, dict) else v)
                                                            for k, v in SETTINGS.items()},
                  "cross_validation": evaluate(shared, args.seed, args.folds, with_case=with_case)}
        (out / f"{MODEL_NAME}.training.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(report["cross_validation"], indent=2))


if __name__ == "__main__":
    main()
