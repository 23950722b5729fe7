"""The two sample articles, coded end to end, against the gold events in ../shared/eval.

Scoring follows the annotation guidelines (communique.evaluate, checked against the reference
scorer in tests/test_evaluate.py). Beyond the scorer, every required gold event's date, place,
status, mechanism and actor sectors must come out exactly.
"""

from __future__ import annotations

import json

import pytest

from communique.api import Communique, events_of
from communique.evaluate import load_gold, score
from communique.export import event_to_dict


@pytest.fixture(scope="module")
def predictions(examples):
    docs = list(Communique().code_paths([examples]))
    assert all(hasattr(d, "events") for d in docs), docs
    return [event_to_dict(e) for e in events_of(docs)]


@pytest.fixture(scope="module")
def gold(shared):
    return load_gold(shared / "eval" / "seeds.gold.jsonl")


def test_sample_articles_score_perfectly(gold, predictions):
    result = score(gold, predictions)
    assert (result["tp"], result["fp"], result["fn"]) == (7, 0, 0), result
    assert result["f1"] == 1.0
    assert all(v == 1.0 for v in result["attributes"].values()), result["attributes"]


def _match(g, predictions):
    def countries(p):
        return {p["actor"]["country"], p["recipient"]["country"]}
    wanted = {g["actor"]["country"], g["recipient"]["country"]} - {None}
    found = [p for p in predictions if p["event_type"] == g["plover"] and wanted <= countries(p)
             and p["actor"]["country"] in wanted and g["doc"] in {e["doc_id"] for e in p["evidence"]}
             and p["date"] == g["date"]]
    assert found, f"no prediction for {g['id']}"
    return found[0]


def test_required_events_have_their_date_place_status_and_mechanism(gold, predictions):
    for g in (g for g in gold if g["required"]):
        p = _match(g, predictions)
        assert p["status"] == g["status"], g["id"]
        if g["location"]:
            assert p["location"]["name"] == g["location"]["name"], g["id"]
            assert p["location"]["admin1"] == g["location"]["admin1"], g["id"]
            assert p["location"]["country"] == g["location"]["country"], g["id"]
        else:
            assert p["location"] is None, g["id"]
        if g["mechanism"]:
            assert p["mechanism"]["name"] == g["mechanism"]["name"], g["id"]
            assert p["mechanism"]["edition"] == g["mechanism"]["edition"], g["id"]
        else:
            assert p["mechanism"] is None, g["id"]
        for side in ("actor", "recipient"):
            if g[side].get("sector"):
                got = {p["actor"]["sector"], p["recipient"]["sector"]} if g["symmetric"] else {p[side]["sector"]}
                assert g[side]["sector"] in got, (g["id"], side)


def test_one_meeting_is_one_event_with_all_its_sentences(predictions):
    consults = [p for p in predictions if p["event_type"] == "CONSULT"
                and p["evidence"][0]["doc_id"] == "000_5d86ad8f59b759c7"]
    assert len(consults) == 1
    sentences = [e["sentence"] for e in consults[0]["evidence"]]
    assert sentences[0].startswith("The 10th Defense and Security Consultation")
    assert any(s.startswith("Both sides sincerely exchanged views") for s in sentences)
    assert consults[0]["actor"]["name"] in ("Shao Yuanming", "Hoang Xuan Chien")


def test_evidence_spans_point_into_the_document(examples):
    coder = Communique()
    for doc in coder.code_paths([examples]):
        for event in doc.events:
            for ev in event.evidence:
                assert doc.text[ev.start:ev.end] == ev.sentence


def test_code_command_output_is_valid_jsonl(tmp_path, examples):
    from typer.testing import CliRunner

    from communique.cli import app

    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["code", str(examples), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) >= 7
    assert all(r["event_type"] and r["cameo"] and r["evidence"] for r in rows)
