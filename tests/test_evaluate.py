"""The event scorer: it must agree exactly with the reference scorer shared/eval/score.py."""

from __future__ import annotations

import copy
import importlib.util
import json
import random

import pytest

from communique.evaluate import (EvaluationInputError, format_report, load_duplicates, load_gold, load_predictions,
                                 score)
from communique.evaluate.__main__ import main

TYPES = ("CONSULT", "AGREE", "SUPPORT", "REQUEST")
COUNTRIES = ("CHN", "VNM", "USA", None)


@pytest.fixture(scope="module")
def reference(shared):
    spec = importlib.util.spec_from_file_location("reference_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gold(shared):
    return load_gold(shared / "eval" / "seeds.gold.jsonl")


def as_prediction(event: dict) -> dict:
    """A gold event in the export-contract shape."""
    return {
        "event_id": f"p-{event['id']}",
        "event_type": event["plover"],
        "mode": event.get("mode"),
        "cameo": event.get("cameo"),
        "actor": copy.deepcopy(event["actor"]),
        "recipient": copy.deepcopy(event["recipient"]),
        "symmetric": event.get("symmetric", False),
        "date": event.get("date"),
        "location": copy.deepcopy(event.get("location")),
        "status": event.get("status"),
        "mechanism": copy.deepcopy(event.get("mechanism")),
        "evidence": [{"doc_id": event["doc"], "sentence": event.get("evidence"), "start": 0, "end": 1}],
    }


def assert_agrees(reference, gold, preds, dups=None):
    expected = reference.score(copy.deepcopy(gold), copy.deepcopy(preds), dups)
    assert score(gold, preds, dups) == expected
    return expected


# --- perturbations of the gold-as-prediction set -------------------------------------------------


def wrong_types(preds, rng):
    for pred in preds[::2]:
        pred["event_type"] = "ACCUSE"
    return preds


def swapped_actors(preds, rng):
    for pred in preds:
        pred["actor"], pred["recipient"] = pred["recipient"], pred["actor"]
    return preds


def missing_events(preds, rng):
    return preds[1::2]


def extra_events(preds, rng):
    extra = [dict(copy.deepcopy(pred), event_id=f"{pred['event_id']}-x") for pred in preds[:3]]
    stray = dict(copy.deepcopy(preds[0]), evidence=[{"doc_id": "no-such-doc"}])
    return preds + extra + [stray]


def null_countries(preds, rng):
    for pred in preds[::3]:
        pred["actor"] = {"country": None}
    for pred in preds[1::3]:
        pred["recipient"] = None
    return preds


def wrong_dates(preds, rng):
    for pred in preds[::2]:
        pred["date"] = "2020-01-01"
    for pred in preds[1::4]:
        pred["date"] = ""
    return preds


def wrong_attributes(preds, rng):
    for pred in preds:
        pred["status"] = "planned"
        pred["location"] = {"country": "USA"}
        pred["mechanism"] = {"name": "x", "edition": 99}
        pred["actor"] = dict(pred["actor"] or {}, sector="GOV")
    return preds


def other_doc_keys(preds, rng):
    for i, pred in enumerate(preds):
        doc = pred.pop("evidence")[0]["doc_id"]
        key = ("doc_id", "doc", "doc_ids", "evidence")[i % 4]
        pred[key] = [doc] if key == "doc_ids" else {"doc_id": doc} if key == "evidence" else doc
        pred["plover"] = pred.pop("event_type")
    return preds


def nothing(preds, rng):
    return []


PERTURBATIONS = [wrong_types, swapped_actors, missing_events, extra_events, null_countries, wrong_dates,
                 wrong_attributes, other_doc_keys, nothing]


def test_gold_scored_against_itself(reference, gold):
    result = assert_agrees(reference, gold, [as_prediction(event) for event in gold])
    required = sum(event["required"] for event in gold)
    assert (result["tp"], result["fp"], result["fn"], result["f1"]) == (required, 0, 0, 1.0)
    assert set(result["attributes"].values()) == {1.0}


@pytest.mark.parametrize("perturb", PERTURBATIONS, ids=lambda f: f.__name__)
def test_perturbed_predictions(reference, gold, perturb):
    preds = perturb([as_prediction(event) for event in gold], random.Random(0))
    assert_agrees(reference, gold, preds)


def test_duplicate_groups(reference, gold):
    preds = [as_prediction(event) for event in gold]
    dups = [["000-e1", "003-e1"], ["003-e1", "003-e3", 7], ["000-e2", "003-e2", "000-o1"], ["nope", "000-e1"]]
    result = assert_agrees(reference, gold, preds, dups)
    assert result["dedup_pairs_merged"] == "0/5"


def random_party(rng):
    return rng.choice([None, {"country": rng.choice(COUNTRIES), "sector": rng.choice(["GOV", "MIL", None])}])


def random_gold(rng, count):
    events = []
    for i in range(count):
        events.append({
            "doc": f"d{rng.randrange(3)}", "id": f"g{i}", "required": rng.random() < 0.7,
            "plover": rng.choice(TYPES), "actor": {"country": rng.choice(COUNTRIES), "sector": rng.choice(["MIL", None])},
            "recipient": rng.choice([None, {"country": rng.choice(COUNTRIES)}]), "symmetric": rng.random() < 0.4,
            "date": rng.choice([None, "2021-04-23", "XXXX-11-02"]),
            "location": rng.choice([None, {"country": rng.choice(COUNTRIES)}]), "status": rng.choice(["occurred", "planned"]),
            "mechanism": rng.choice([None, {"name": "m", "edition": rng.choice([None, 1, 2])}]),
        })
    return events


def random_predictions(rng, gold):
    preds = []
    for event in gold:
        if rng.random() < 0.8:
            pred = as_prediction(dict(event, evidence=None))
            if rng.random() < 0.3:
                pred["actor"], pred["recipient"] = pred["recipient"], pred["actor"]
            if rng.random() < 0.2:
                pred["event_type"] = rng.choice(TYPES)
            if rng.random() < 0.3:
                pred["date"] = rng.choice([None, "", "2021-04-23", "XXXX-11-02"])
            preds.append(pred)
    for i in range(rng.randrange(4)):
        docs = [{"doc_id": f"d{rng.randrange(5)}"} for _ in range(rng.randrange(1, 3))]
        preds.append({"event_id": rng.choice([None, f"x{i}"]), "event_type": rng.choice(TYPES), "actor": random_party(rng),
                      "recipient": random_party(rng), "date": rng.choice([None, "2021-04-23"]), "evidence": docs})
    rng.shuffle(preds)
    return preds


def test_randomized_agreement(reference):
    rng = random.Random(20210423)
    for _ in range(300):
        gold = random_gold(rng, rng.randrange(1, 9))
        preds = random_predictions(rng, gold)
        ids = [event["id"] for event in gold]
        dups = [rng.sample(ids, min(len(ids), 2))] if rng.random() < 0.5 else None
        assert_agrees(reference, gold, preds, dups)


# --- matching rules stated by the guidelines -----------------------------------------------------

BASE = {"doc": "d", "id": "g1", "required": True, "plover": "CONSULT", "actor": {"country": "CHN"},
        "recipient": {"country": "VNM"}, "symmetric": False, "date": "2021-04-23"}


@pytest.mark.parametrize(
    "gold_changes, pred_changes, tp",
    [
        ({}, {}, 1),
        ({}, {"actor": {"country": "VNM"}, "recipient": {"country": "CHN"}}, 0),
        ({"symmetric": True}, {"actor": {"country": "VNM"}, "recipient": {"country": "CHN"}}, 1),
        ({"recipient": {"country": None}}, {"recipient": {"country": "USA"}}, 1),
        ({}, {"recipient": None}, 0),
        ({}, {"event_type": "AGREE"}, 0),
        ({}, {"date": "1999-01-01"}, 1),
    ],
)
def test_matching_rules(gold_changes, pred_changes, tp):
    gold_event = dict(BASE, **gold_changes)
    pred = dict(as_prediction(gold_event), **pred_changes)
    result = score([gold_event], [pred])
    assert (result["tp"], result["fp"], result["fn"]) == (tp, 1 - tp, 1 - tp)


def test_optional_gold_absorbs_a_prediction_without_counting():
    optional = dict(BASE, required=False)
    result = score([optional], [as_prediction(optional)])
    assert (result["tp"], result["fp"], result["fn"], result["attributes"]) == (0, 0, 0, {})


def test_equal_dates_are_preferred_when_matching():
    first, second = dict(BASE, id="g1", date="2021-04-23"), dict(BASE, id="g2", date="2021-04-24")
    preds = [dict(as_prediction(second), event_id="p2"), dict(as_prediction(first), event_id="p1")]
    result = score([first, second], preds)
    assert result["attributes"]["date"] == 1.0


def test_misses_false_positives_and_wrong_attributes_are_listed_with_their_sentences():
    gold_event = dict(BASE, id="g1", evidence="Hanoi hosted the talks on Tuesday.")
    other = dict(BASE, id="g2", plover="ACCUSE", evidence="Beijing protested.")
    matched = dict(as_prediction(gold_event), date="1999-01-01", evidence=[{"doc_id": "d", "sentence": "Hanoi hosted the talks."}])
    stray = dict(as_prediction(gold_event), event_type="ASSAULT", rule="attack",
                 evidence=[{"doc_id": "d", "sentence": "Troops fired."}])
    result = score([gold_event, other], [matched, stray], details=True)
    assert [m["gold_id"] for m in result["misses"]] == ["g2"]
    assert [(f["plover"], f["rule"], f["sentence"]) for f in result["false_positives"]] == [
        ("ASSAULT", "attack", "Troops fired.")]
    assert [(a["attribute"], a["predicted"]) for a in result["attribute_errors"]] == [("date", "1999-01-01")]
    report = format_report(result, details=True)
    assert "MISS" in report and "Beijing protested." in report and "Troops fired." in report
    assert "MISS" not in format_report(result)


# --- files and report ----------------------------------------------------------------------------


def test_report_matches_the_reference_command(reference, gold, tmp_path, capsys, shared):
    preds = wrong_dates([as_prediction(event) for event in gold], None)
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text("\n".join(json.dumps(p) for p in preds) + "\n", encoding="utf-8")
    dups_file = tmp_path / "dups.json"
    dups_file.write_text(json.dumps([["000-e1", "003-e1"]]), encoding="utf-8")
    args = [str(shared / "eval" / "seeds.gold.jsonl"), str(pred_file), "--dups", str(dups_file)]
    reference.main(args)
    expected = capsys.readouterr().out
    assert main(args) == 0
    assert capsys.readouterr().out == expected
    result = score(gold, load_predictions(pred_file), [["000-e1", "003-e1"]])
    assert format_report(result) + "\n" == expected
    assert main(args + ["--json"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(reference.score(gold, preds, [["000-e1", "003-e1"]])))


def test_gold_directory_is_read_like_the_reference(reference, shared):
    folder = shared / "eval"
    assert load_gold(folder) == reference.load_gold(str(folder))


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"event_type": "CONSULT"}\n\n{"event_type": \n', r"pred.jsonl:3: invalid JSON"),
        ('{"event_type": "CONSULT"}\n[1, 2]\n', r"pred.jsonl:2: expected a JSON object"),
    ],
)
def test_malformed_predictions_name_file_and_line(tmp_path, content, message):
    path = tmp_path / "pred.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvaluationInputError, match=message):
        load_predictions(path)


def test_gold_without_required_keys_is_rejected(tmp_path):
    path = tmp_path / "x.gold.jsonl"
    path.write_text(json.dumps(BASE) + "\n" + json.dumps({"doc": "d", "id": "g2"}) + "\n", encoding="utf-8")
    with pytest.raises(EvaluationInputError, match=r"x.gold.jsonl:2: gold event lacks required, plover"):
        load_gold(tmp_path)


def test_missing_inputs_are_reported(tmp_path, capsys):
    with pytest.raises(EvaluationInputError, match="no \\*.gold.jsonl files"):
        load_gold(tmp_path)
    assert main([str(tmp_path / "none.gold.jsonl"), str(tmp_path / "p.jsonl")]) == 2
    assert "no such gold file" in capsys.readouterr().err


def test_duplicates_count_linked_pairs_and_false_merges_on_traps(tmp_path):
    """Three outlets report one summons (linked: one prediction id cites all three documents); a
    later summons in a fourth is a trap that the linked prediction must not take in."""
    golds = [dict(BASE, doc=doc, id=f"{doc}-e1") for doc in ("a", "b", "c", "d")]
    linked = dict(as_prediction(golds[0]), event_id="one",
                  evidence=[{"doc_id": doc, "sentence": "s", "start": 0, "end": 1} for doc in ("a", "b")])
    preds = [linked, dict(as_prediction(golds[2]), event_id="two"), dict(as_prediction(golds[3]), event_id="one")]
    dups = {"same": [["a-e1", "b-e1", "c-e1"], ["a-e1", "missing"]], "different": [["a-e1", "d-e1"]]}
    result = score(golds, preds, dups, duplicate_details=True)
    assert (result["dedup_pairs_merged"], result["dedup_pairs_merged_of_all"], result["dedup_false_merges"]) == \
        ("1/3", "1/4", "1/1")
    path = tmp_path / "dups.json"
    path.write_text(json.dumps(dups), encoding="utf-8")
    assert load_duplicates(path) == dups


def test_a_linked_event_is_judged_by_its_own_values_in_every_document_it_cites_as_the_reference_scorer_does():
    monday, tuesday = dict(BASE, doc="a", id="a-e1"), dict(BASE, doc="b", id="b-e1", date="2021-04-24")
    side = {"country": "CHN"}, {"country": "VNM"}
    linked = dict(as_prediction(monday), event_id="one", evidence=[
        {"doc_id": doc, "sentence": "s", "start": 0, "end": 1} for doc in ("a", "b")], mentions=[
        {"doc_id": "a", "date": "2021-04-23", "actor": side[0], "recipient": side[1]},
        {"doc_id": "b", "date": "2021-04-24", "actor": side[0], "recipient": side[1]}])
    result = score([monday, tuesday], [linked], {"same": [["a-e1", "b-e1"]], "different": []})
    assert (result["tp"], result["fp"], result["attributes"]["date"]) == (2, 0, 0.5)
    assert result["dedup_pairs_merged"] == "1/1"


def test_by_report_a_linked_event_is_judged_in_each_document_by_that_articles_report():
    monday, tuesday = dict(BASE, doc="a", id="a-e1"), dict(BASE, doc="b", id="b-e1", date="2021-04-24")
    side = {"country": "CHN"}, {"country": "VNM"}
    linked = dict(as_prediction(monday), event_id="one", mentions=[
        {"doc_id": "a", "date": "2021-04-23", "actor": side[0], "recipient": side[1]},
        {"doc_id": "b", "date": "2021-04-24", "actor": side[0], "recipient": side[1]}])
    result = score([monday, tuesday], [linked], {"same": [["a-e1", "b-e1"]], "different": []}, by_report=True)
    assert (result["tp"], result["fp"], result["attributes"]["date"]) == (2, 0, 1.0)
    assert result["dedup_pairs_merged"] == "1/1"


def test_a_linked_event_takes_each_articles_own_status():
    planned = dict(BASE, doc="a", id="a-e1", status="planned")
    done = dict(BASE, doc="b", id="b-e1", status="occurred")
    side = {"country": "CHN"}, {"country": "VNM"}
    linked = dict(as_prediction(planned), event_id="one", status="planned", mentions=[
        {"doc_id": "a", "date": BASE["date"], "actor": side[0], "recipient": side[1], "status": "planned"},
        {"doc_id": "b", "date": BASE["date"], "actor": side[0], "recipient": side[1], "status": "occurred"}])
    assert score([planned, done], [linked], by_report=True)["attributes"]["status"] == 1.0


def test_a_linked_event_takes_each_articles_own_mechanism_edition():
    eighth = dict(BASE, doc="a", id="a-e1", mechanism={"name": "Harbour Shield", "edition": 8})
    also = dict(BASE, doc="b", id="b-e1", mechanism={"name": "Harbour Shield", "edition": 8})
    side = {"country": "CHN"}, {"country": "VNM"}
    linked = dict(as_prediction(eighth), event_id="one", mechanism={"name": "Harbour Shield", "edition": 8}, mentions=[
        {"doc_id": "a", "date": BASE["date"], "actor": side[0], "recipient": side[1],
         "mechanism": {"name": "Harbour Shield", "edition": 8}},
        {"doc_id": "b", "date": BASE["date"], "actor": side[0], "recipient": side[1],
         "mechanism": {"name": "Harbour Shield", "edition": 9}}])
    assert score([eighth, also], [linked], by_report=True)["attributes"]["mechanism_edition"] == 0.5


def test_duplicate_pairs_kept_apart_and_traps_merged_are_listed_with_the_sentences_that_matched():
    golds = [dict(BASE, doc=doc, id=f"{doc}-e1", evidence=f"gold sentence of {doc}") for doc in ("a", "b", "c")]

    def pred(doc: str, event_id: str, *docs: str) -> dict:
        return dict(as_prediction(golds[0]), event_id=event_id, evidence=[
            {"doc_id": d, "sentence": f"predicted sentence of {d}", "start": 0, "end": 1} for d in (doc, *docs)])

    preds = [pred("a", "one", "c"), pred("b", "two")]
    result = score(golds, preds, {"same": [["a-e1", "b-e1"]], "different": [["a-e1", "c-e1"]]}, details=True)
    apart, merged = result["duplicate_errors"]
    assert apart["kind"] == "apart" and [(s["gold_id"], s["event_id"], s["sentence"]) for s in apart["pair"]] == [
        ("a-e1", "one", "predicted sentence of a"), ("b-e1", "two", "predicted sentence of b")]
    assert merged["kind"] == "merged" and [s["event_id"] for s in merged["pair"]] == ["one", "one"]
    report = format_report(result, details=True)
    assert "DUP apart  a-e1 / b-e1" in report and "TRAP merged a-e1 / c-e1" in report
    assert "gold sentence of b" in report and "predicted sentence of b" in report
