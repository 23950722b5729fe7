"""The learned sentence classifier: numpy run time equals scikit-learn, the shipped model is sensible,
training is reproducible."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from communique.events import classifier as runtime
from communique.events.classifier import Prediction, char_wb_ngrams, load_classifier, read_classifier, word_ngrams

SUBSET = 150  # rows of each training set used by the quick training runs below

TRICKY_TEXTS = [
    "Troops opened fire on protesters in Khartoum, killing at least 12 people.",
    "  U.S.-led coalition   air strikes hit Raqqa;\tthe Pentagon said  ",
    "Ärzte ohne Grenzen (MSF) said it was 'deeply concerned' — a 5-day ceasefire?",
    "A I x",
    "",
]


@pytest.fixture(scope="module")
def trainer():
    from communique_eval import training

    return training


@pytest.fixture(scope="module")
def small_model(trainer, shared, tmp_path_factory):
    heads = trainer.train(shared, seed=7, max_rows=SUBSET)
    out = tmp_path_factory.mktemp("model")
    trainer.export(heads, out, request_share=0.05)
    return heads, read_classifier(out)


@pytest.mark.parametrize("analyzer,ngram_range,ours", [
    ("word", (1, 2), word_ngrams),
    ("word", (2, 3), word_ngrams),
    ("char_wb", (3, 5), char_wb_ngrams),
    ("char_wb", (1, 2), char_wb_ngrams),
])
@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_ngrams_equal_sklearn_analyzers(analyzer, ngram_range, ours, text):
    theirs = TfidfVectorizer(analyzer=analyzer, ngram_range=ngram_range).build_analyzer()
    assert ours(text, ngram_range) == theirs(text)


def test_numpy_probabilities_equal_sklearn(small_model, shared):
    heads, model = small_model
    rows = (shared / "reference/eventdata__ConfliBERT/cameo_class_train.tsv").read_text(encoding="utf-8").splitlines()
    sample = [line.rpartition("\t")[0] for line in rows[-40:]] + TRICKY_TEXTS[:4]
    for head, ours in (("penta", model.penta), ("plover", model.plover)):
        expected = heads[head].predict_proba(sample)
        got = np.array([ours.proba(text) for text in sample])
        assert tuple(heads[head].classes_) == ours.classes
        np.testing.assert_allclose(got, expected, atol=1e-5)
        assert (got.argmax(axis=1) == expected.argmax(axis=1)).all()


def test_predictions_are_distributions(small_model):
    _, model = small_model
    for prediction in model.predict(TRICKY_TEXTS):
        assert isinstance(prediction, Prediction)
        assert math.isclose(sum(prediction.penta_proba), 1.0, abs_tol=1e-9)
        assert prediction.penta == int(np.argmax(prediction.penta_proba))
        assert 0.0 < sum(prediction.plover_proba.values()) <= 1.0 + 1e-9
        if prediction.plover is not None:
            assert prediction.plover_proba[prediction.plover] == max(prediction.plover_proba.values())


@pytest.mark.gate  # a second training run
def test_same_seed_gives_same_coefficients(trainer, shared, small_model):
    heads, _ = small_model
    again = trainer.train(shared, seed=7, max_rows=SUBSET)
    for head in ("penta", "plover"):
        np.testing.assert_array_equal(again[head].named_steps["model"].coef_, heads[head].named_steps["model"].coef_)
        assert again[head].named_steps["features"].transformer_list[1][1].vocabulary_ == \
            heads[head].named_steps["features"].transformer_list[1][1].vocabulary_


@pytest.fixture(scope="module")
def shipped():
    model = load_classifier()
    assert model is not None, "shipped model files missing from communique/data/models"
    return model


@pytest.mark.parametrize("sentence,penta", [
    ("Troops opened fire on protesters, killing at least five people.", 4),
    ("Security forces fired tear gas at demonstrators in the capital.", 4),
    ("Government warplanes bombed rebel positions near the border on Sunday.", 4),
    ("The two ministers held talks in Hanoi on Tuesday.", 1),
    ("The president will travel to Beijing next week for a state visit.", 1),
    ("Japan pledged $20 million in humanitarian aid to flood victims in Pakistan.", 2),
    ("The foreign ministry condemned the missile test as a grave provocation.", 3),
    ("Washington imposed new sanctions on Iranian oil exports.", 3),
    ("The minister said the economy was expected to grow by 3 percent this year.", 0),
])
def test_shipped_model_on_clear_news_sentences(shipped, sentence, penta):
    assert shipped.predict([sentence])[0].penta == penta


# The shipped model is trained without the CASE protest/violence snippets (no licence), so its type head
# knows protests poorly; protests are the rule coder's job (tests/test_coder.py).
@pytest.mark.parametrize("sentence,plover", [
    ("Police arrested dozens of opposition supporters after the rally.", "COERCE"),
    ("Militants attacked an army checkpoint, killing four soldiers.", "ASSAULT"),
])
def test_shipped_model_plover_types(shipped, sentence, plover):
    assert shipped.predict([sentence])[0].plover == plover


def test_no_model_files_means_no_classifier(monkeypatch, tmp_path):
    monkeypatch.setattr(runtime, "models_dir", lambda: tmp_path)
    assert runtime.load_classifier.__wrapped__() is None


def test_malformed_model_file_is_named(tmp_path):
    (tmp_path / "broken.json").write_text('{"format": 1, "heads": {}}', encoding="utf-8")
    np.savez(tmp_path / "broken.npz", x=np.zeros(1))
    with pytest.raises(runtime.ModelFileError, match="broken.json"):
        read_classifier(tmp_path, "broken")


def test_case_mapping_rejects_unknown_plover_type(trainer, tmp_path):
    path = tmp_path / "map.csv"
    path.write_text("subtype,plover,reason\nARREST,DETAIN,typo\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"map\.csv.*ARREST.*DETAIN"):
        trainer.read_case_map(path)


def test_shipped_case_mapping_covers_every_case_subtype(trainer, shared):
    mapping = trainer.read_case_map(runtime.models_dir() / "case2021_to_plover.csv")
    listed = (shared / trainer.CASE).read_text(encoding="utf-8").splitlines()[1:]
    assert {line.split("\t")[-1].strip() for line in listed} <= set(mapping)
