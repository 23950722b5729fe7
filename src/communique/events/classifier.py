"""Learned sentence event classifier: CAMEO penta class and PLOVER type of a sentence, with probabilities.

The model (``data/models/sentence_classifier.{json,npz}``, see ``MODEL_CARD.md`` there) has two
TF-IDF (word 1-2 grams + character 3-5 grams within word boundaries) logistic regressions exported to
plain files by ``scripts/train_classifier.py``: a penta-class head trained on 1349 news sentences and a
PLOVER-type head trained on fewer, conflict-heavy sentences. PLOVER probabilities are penta-guided: the
penta head decides how much mass each penta class gets, the type head shares it among the PLOVER types
of that class (see :meth:`SentenceClassifier.plover_proba`). Prediction re-implements the vectoriser and
the linear model with numpy, so run time needs no pickles::

    >>> classifier = load_classifier()
    >>> classifier.predict(["Troops opened fire on protesters."])[0].penta
    4
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path

import numpy as np

from .codebook import all_codes

MODEL_NAME = "sentence_classifier"
FORMAT_VERSION = 1
PENTA_CLASSES = 5
_WORD_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_WHITE_SPACES = re.compile(r"\s\s+")


class ModelFileError(ValueError):
    """A shipped model file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Prediction:
    penta: int  # CAMEO penta class 0-4 (0 = 01-02, 1 = 03-05, 2 = 06-08, 3 = 09-13 and 16, 4 = 14, 15, 17-20)
    penta_proba: list[float]  # probability of each penta class, index = class
    plover: str | None  # most probable PLOVER type; None when "no PLOVER type" (a CAMEO 01 statement) is likelier
    plover_proba: dict[str, float]  # probability of each PLOVER type the model knows; the rest is "no type"


def word_ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """Lower-cased word n-grams, as scikit-learn's ``TfidfVectorizer(analyzer="word")`` makes them."""
    tokens = _WORD_TOKEN.findall(text.lower())
    low, high = ngram_range
    grams = list(tokens) if low == 1 else []
    for n in range(max(low, 2), min(high, len(tokens)) + 1):
        grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


def char_wb_ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """Character n-grams inside space-padded words, as ``TfidfVectorizer(analyzer="char_wb")`` makes them."""
    low, high = ngram_range
    grams: list[str] = []
    for word in _WHITE_SPACES.sub(" ", text.lower()).split():
        grams.extend(_word_grams(word, low, high))
    return grams


@lru_cache(maxsize=65536)
def _word_grams(word: str, low: int, high: int) -> tuple[str, ...]:
    """The character n-grams of one space-padded word (words recur: each is cut once)."""
    padded = f" {word} "
    grams: list[str] = []
    for n in range(low, high + 1):
        if len(padded) <= n:  # a short word counts once, as itself
            grams.append(padded)
            break
        grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return tuple(grams)


ANALYZERS = {"word": word_ngrams, "char_wb": char_wb_ngrams}


@dataclass(frozen=True)
class TfidfBlock:
    """One fitted TF-IDF vectoriser: ngram analyser, vocabulary, idf weights; rows are l2-normalised."""

    analyzer: str
    ngram_range: tuple[int, int]
    sublinear_tf: bool
    vocabulary: dict[str, int]
    idf: np.ndarray

    def transform(self, text: str, grams_cache: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Column indices and l2-normalised tf-idf values of the text's known n-grams; ``grams_cache``
        (one per text) lets blocks with the same analyser share the n-gram counts."""
        key = (self.analyzer, self.ngram_range)
        if grams_cache is None or key not in grams_cache:
            grams = Counter(ANALYZERS[self.analyzer](text, self.ngram_range))  # in order of first occurrence
            if grams_cache is not None:
                grams_cache[key] = grams
        else:
            grams = grams_cache[key]
        vocabulary = self.vocabulary
        counts = {column: n for gram, n in grams.items() if (column := vocabulary.get(gram)) is not None}
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        columns = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        if self.sublinear_tf:
            tf = np.log(tf) + 1.0
        values = tf * self.idf[columns]
        return columns, values / math.sqrt(float(values @ values))


@dataclass(frozen=True)
class LinearHead:
    """A multinomial logistic regression over the concatenated TF-IDF blocks."""

    classes: tuple[str, ...]
    blocks: tuple[TfidfBlock, ...]
    coef: np.ndarray  # classes x features
    intercept: np.ndarray

    def proba(self, text: str, grams_cache: dict | None = None) -> np.ndarray:
        scores = self.intercept.astype(np.float64).copy()
        offset = 0
        for block in self.blocks:
            columns, values = block.transform(text, grams_cache)
            if len(columns):
                scores += self.coef[:, columns + offset] @ values
            offset += len(block.idf)
        scores -= scores.max()
        exp = np.exp(scores)
        return exp / exp.sum()


class SentenceClassifier:
    """Predicts each sentence's CAMEO penta class and, when the model has a type head, its PLOVER type."""

    def __init__(self, penta: LinearHead, plover: LinearHead | None = None, request_share_of_penta0: float = 0.0):
        if penta.classes != tuple(str(k) for k in range(PENTA_CLASSES)):
            raise ValueError(f"penta head must have classes 0-{PENTA_CLASSES - 1}, found {penta.classes}")
        self.penta = penta
        self.plover = plover
        self.request_share_of_penta0 = request_share_of_penta0
        if plover is not None:
            self._membership = _penta_membership(plover.classes)

    def predict(self, texts: list[str]) -> list[Prediction]:
        return [self._predict_one(text) for text in texts]

    def plover_proba(self, penta_proba: np.ndarray, type_proba: np.ndarray) -> np.ndarray:
        """P(type) = sum over penta classes k of P(k) * P(type | the types of k), from the two heads.

        Penta class 0 joins statements (CAMEO 01, no PLOVER type) and appeals (02, REQUEST): only the
        appeal share, estimated from the training annotations, goes to REQUEST. Mass of a class whose
        types the type head does not know stays unassigned ("no type").
        """
        weights = penta_proba.copy()
        weights[0] *= self.request_share_of_penta0
        within = self._membership * type_proba  # penta x types
        totals = within.sum(axis=1, keepdims=True)
        within = np.divide(within, totals, out=np.zeros_like(within), where=totals > 0)
        return weights @ within

    def _predict_one(self, text: str) -> Prediction:
        grams_cache: dict = {}
        penta_proba = self.penta.proba(text, grams_cache)
        penta = int(penta_proba.argmax())
        if self.plover is None:
            return Prediction(penta, penta_proba.tolist(), None, {})
        proba = self.plover_proba(penta_proba, self.plover.proba(text, grams_cache))
        best = int(proba.argmax())
        no_type = max(0.0, 1.0 - float(proba.sum()))
        return Prediction(
            penta=penta,
            penta_proba=penta_proba.tolist(),
            plover=self.plover.classes[best] if proba[best] >= no_type else None,
            plover_proba=dict(zip(self.plover.classes, proba.tolist())),
        )


def _penta_membership(types: tuple[str, ...]) -> np.ndarray:
    """A penta x types 0/1 matrix: 1 where some CAMEO code of that penta class maps to that PLOVER type."""
    membership = np.zeros((PENTA_CLASSES, len(types)))
    column = {name: index for index, name in enumerate(types)}
    for code in all_codes().values():
        if code.plover in column:
            membership[code.penta_class, column[code.plover]] = 1.0
    return membership


def models_dir() -> Path:
    return Path(str(files("communique") / "data" / "models"))


@cache
def load_classifier() -> SentenceClassifier | None:
    """The shipped classifier, loaded once; None when its model files are missing."""
    directory = models_dir()
    if not (directory / f"{MODEL_NAME}.json").exists() or not (directory / f"{MODEL_NAME}.npz").exists():
        return None
    return read_classifier(directory, MODEL_NAME)


def read_classifier(directory: Path, name: str = MODEL_NAME) -> SentenceClassifier:
    """Read ``NAME.json`` (classes, analysers, vocabularies) and ``NAME.npz`` (idf, coefficients)."""
    meta_path, array_path = directory / f"{name}.json", directory / f"{name}.npz"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ModelFileError(f"{meta_path}:{error.lineno}: invalid JSON: {error.msg}") from None
    if meta.get("format") != FORMAT_VERSION or "penta" not in meta.get("heads", {}):
        raise ModelFileError(f"{meta_path}: expected format {FORMAT_VERSION} with a 'penta' head")
    with np.load(array_path, allow_pickle=False) as arrays:
        heads = {name: _read_head(name, spec, arrays, meta_path) for name, spec in meta["heads"].items()}
    share = float(meta.get("request_share_of_penta0", 0.0))
    if not 0.0 <= share <= 1.0:
        raise ModelFileError(f"{meta_path}: request_share_of_penta0 {share} outside [0, 1]")
    return SentenceClassifier(heads["penta"], heads.get("plover"), share)


def _read_head(head: str, spec: dict, arrays, where: Path) -> LinearHead:
    try:
        blocks = tuple(
            TfidfBlock(
                analyzer=block["analyzer"],
                ngram_range=(int(block["ngram_range"][0]), int(block["ngram_range"][1])),
                sublinear_tf=bool(block["sublinear_tf"]),
                vocabulary={gram: column for column, gram in enumerate(block["vocabulary"])},
                idf=arrays[f"{head}.idf.{index}"].astype(np.float64),
            )
            for index, block in enumerate(spec["blocks"])
        )
        coef, intercept = arrays[f"{head}.coef"].astype(np.float64), arrays[f"{head}.intercept"].astype(np.float64)
        classes = tuple(str(name) for name in spec["classes"])
    except KeyError as error:
        raise ModelFileError(f"{where}: head {head!r} lacks {error}") from None
    for index, block in enumerate(blocks):
        if block.analyzer not in ANALYZERS:
            raise ModelFileError(f"{where}: head {head!r} block {index}: unknown analyzer {block.analyzer!r}")
        if len(block.vocabulary) != len(block.idf):
            raise ModelFileError(f"{where}: head {head!r} block {index}: vocabulary and idf sizes differ")
    width = sum(len(block.idf) for block in blocks)
    if coef.shape != (len(classes), width) or intercept.shape != (len(classes),):
        raise ModelFileError(
            f"{where}: head {head!r}: coefficients {coef.shape} do not fit {len(classes)} classes x {width} features"
        )
    return LinearHead(classes, blocks, coef, intercept)
