"""Regression gate: accuracy on the reference data must not fall below the measured floors.

The floors sit slightly under the figures that ``benchmarks/accuracy.py`` measured (see
benchmarks/results/accuracy.json), so a change that loses accuracy fails here.
"""

from __future__ import annotations

import pytest

from communique.api import Communique
from communique_eval.measures import run_confli_class, run_plover_gsr

pytestmark = pytest.mark.gate

FLOORS = {  # measured: 0.786, 0.844, 0.812, 0.788, 0.814
    "plover_gsr.event_type_accuracy": 0.76,
    "plover_gsr.source_country_accuracy": 0.83,
    "plover_gsr.target_country_accuracy": 0.79,
    "confli_class.macro_f1": 0.77,  # rules alone
    "confli_class.out_of_fold_macro_f1": 0.79,  # rules and the sentence classifier, out-of-fold
}


@pytest.fixture(scope="module")
def coder() -> Communique:
    return Communique()


def test_plover_gold_standard_records_stay_above_the_floors(coder, shared):
    result = run_plover_gsr(coder, shared)
    for key in ("event_type_accuracy", "source_country_accuracy", "target_country_accuracy"):
        assert result[key] >= FLOORS[f"plover_gsr.{key}"], (key, result[key])


def test_confli_cameo_penta_class_stays_above_the_floor(coder, shared):
    result = run_confli_class(coder, shared)
    assert result["macro_f1"] >= FLOORS["confli_class.macro_f1"], result


def test_confli_with_the_classifier_out_of_fold_stays_above_the_floor(coder, shared):
    from communique_eval.training import fold_classifiers

    folds = fold_classifiers(shared, seed=13, folds=5)
    result = run_confli_class(coder, shared, fold_classifiers=folds)
    assert result["macro_f1"] >= FLOORS["confli_class.out_of_fold_macro_f1"], result
