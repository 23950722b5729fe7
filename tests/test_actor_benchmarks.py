"""Regression gate for actor attribution: ConfliBERT source/target spans on a fixed subset.

The full benchmark is ``python benchmarks/actors.py`` (its measures: ``communique_eval.actors``); this
runs its NER scoring on the first 120 sentences of the ConfliBERT CAMEO NER training split. Floors sit a little under the scores
measured when they were set (lenient S 0.888, T 0.834; mentions headed inside 0.94; exact
boundaries of the sides' argument phrases S 0.843, T 0.598).
"""

from __future__ import annotations

import pytest

from communique.api import Communique
from communique_eval import actors as bench
from communique_eval.datasets import read_confli_ner
from communique.records import ActorRef, Document, Mention

SUBSET = 120
FLOORS = {"S": 0.86, "T": 0.80}
EXACT_FLOORS = {"S": 0.82, "T": 0.56}
MENTION_COVERAGE_FLOOR = 0.9

pytestmark = pytest.mark.gate


@pytest.fixture(scope="module")
def subset_result(shared):
    sentences = read_confli_ner(shared / bench.NER_FILE)[:SUBSET]
    return bench.score_ner(Communique(), sentences)


@pytest.mark.parametrize("label", sorted(FLOORS))
def test_lenient_span_f1_stays_above_its_floor(subset_result, label):
    assert subset_result["headline"][label] >= FLOORS[label], subset_result["scores"]["lenient"][label]


@pytest.mark.parametrize("label", sorted(EXACT_FLOORS))
def test_exact_span_f1_stays_above_its_floor(subset_result, label):
    assert subset_result["scores"]["exact"][label]["f1"] >= EXACT_FLOORS[label], subset_result["scores"]["exact"][label]


def test_actor_mentions_cover_the_gold_spans(subset_result):
    coverage = subset_result["mention_coverage"]
    assert coverage["share_headed_inside"] >= MENTION_COVERAGE_FLOOR, coverage


def test_every_gold_span_is_counted_once(subset_result):
    lenient = subset_result["scores"]["lenient"]
    unmatched = sum(subset_result["gold_spans_unmatched_by_cause"].values())
    matched = sum(lenient[label]["tp"] for label in lenient)
    assert matched + unmatched == subset_result["mention_coverage"]["gold_spans"]


SPANS = [
    # BIO labels, expected (label, start, end)
    (["B-S", "I-S", "O", "B-T"], [("S", 0, 2), ("T", 3, 4)]),
    (["O", "I-T", "I-T", "B-T", "O"], [("T", 1, 3), ("T", 3, 4)]),
    (["B-R", "I-S", "O"], [("R", 0, 1), ("S", 1, 2)]),
    (["O", "O"], []),
]


@pytest.mark.parametrize("labels, expected", SPANS)
def test_bio_labels_become_spans(labels, expected):
    assert [(s.label, s.start, s.end) for s in bench.gold_spans(labels)] == expected


MATCHES = [
    # predicted (label, start, end, head), gold (label, start, end, head), exact, lenient
    (("S", 0, 2, 1), ("S", 0, 2, 1), True, True),
    (("S", 1, 2, 1), ("S", 0, 4, 3), False, True),   # "President X" inside "US President X 's decision"
    (("S", 0, 2, 1), ("T", 0, 2, 1), False, False),  # the wrong side
    (("R", 0, 2, 1), ("T", 0, 2, 1), True, True),    # a reciprocal prediction matches either side
    (("T", 3, 5, 4), ("T", 0, 3, 2), False, False),  # head outside the gold span
]


@pytest.mark.parametrize("pred, gold, exact, lenient", MATCHES)
def test_span_matching_rules(pred, gold, exact, lenient):
    p, g = bench.Span(*pred), bench.Span(*gold)
    assert (bench._exact(p, g), bench._lenient(p, g)) == (exact, lenient)


@pytest.mark.parametrize("country, sector, named, code", [
    ("ARN", "GOV", True, "ARNGOV"), ("GON", None, True, "GON"), (None, "GOV", True, "---GOV"),
    (None, None, True, "---"), (None, None, False, ""),
])
def test_petrarch_codes_are_country_then_agent(country, sector, named, code):
    assert bench.actor_code(country, sector, named) == code


def test_a_side_is_predicted_as_its_argument_phrase_and_matched_leniently_by_its_mention_head():
    tokens = "Meanwhile , a Swiss court rejected the Croatian government 's request .".split()
    text = " ".join(tokens)
    doc = Document(doc_id="d", text=text, content_hash="0")
    start = text.index("Croatian government")
    doc.mentions = [Mention(mention_id="m", doc_id="d", sentence=0, start=start, end=start + 19,
                            text="Croatian government", kind="organisation", head_start=text.index("government"))]
    phrase = text.index("the Croatian")
    ref = ActorRef(country="HRV", sector="GOV", text="Croatian government", mention_id="m",
                   start=phrase, end=text.index(" ."))
    span = bench._side_span(doc, ref, "T", bench.TokenMap(tokens, doc))
    assert (tokens[span.start:span.end], tokens[span.head]) == (
        ["the", "Croatian", "government", "'s", "request"], "government")
    without = bench._side_span(doc, ActorRef(text="Croatian government", mention_id="m"), "T",
                               bench.TokenMap(tokens, doc))
    assert tokens[without.start:without.end] == ["Croatian", "government"]  # no phrase: the mention
