"""The command line, run through Typer's test runner over a fake coder (no spaCy)."""

from __future__ import annotations

import csv
import hashlib
import io
import json

import duckdb
import pytest
from typer.testing import CliRunner

import communique.evaluate
from communique.api import Communique
from communique.cli import app
from communique.export import event_to_dict
from communique.records import ActorRef, Document, Event, Evidence, Failure, Mechanism, Mention, Trigger

runner = CliRunner()

COMMANDS = ("ingest", "events", "export", "code", "evaluate", "actors", "mechanisms", "explain", "serve", "delete")

# input name -> (actor, recipient, event type, date); "broken" inputs fail to read.
ARTICLES = {
    "a.txt": ("CHN", "VNM", "CONSULT", "2021-04-23"),
    "b.txt": ("VNM", "CHN", "AGREE", "2021-05-02"),
    "c.txt": ("USA", "PHL", "AID", "2022-01-10"),
}


def fake_doc(name: str, text: str | None = None) -> Document:
    actor, recipient, event_type, date = ARTICLES.get(name, ("CHN", "VNM", "CONSULT", None))
    text = text or f"{actor} and {recipient}: {event_type} on {date}."
    doc_id = name.split(".")[0]
    doc = Document(doc_id=doc_id, text=text, content_hash=hashlib.sha1(text.encode()).hexdigest(), origin=name)
    doc.mentions = [Mention(mention_id="m1", doc_id=doc_id, sentence=0, start=0, end=3, text="Wang Yi",
                            kind="person", country="CHN", sector="GOV", name="Wang Yi", title="Foreign Minister",
                            actor_id="wang-yi")]
    doc.events = [Event(event_id=f"{doc_id}-e1", doc_id=doc_id, event_type=event_type, cameo="040",
                        actor=ActorRef(country=actor, sector="GOV", name="Wang Yi", mention_id="m1"),
                        recipient=ActorRef(country=recipient, sector="GOV"), date=date,
                        evidence=[Evidence(doc_id=doc_id, sentence=text, start=0, end=len(text))],
                        trigger=Trigger(text="met", start=0, end=3), rule="consult.met", confidence=0.7)]
    doc.mechanisms = [Mechanism(mechanism_id="strategic-dialogue", name="Strategic Dialogue", edition=3,
                                participants=[actor, recipient])]
    return doc


@pytest.fixture
def fake_coder(monkeypatch):
    """Communique.code_paths / code_text replaced by synthetic documents; records the calls."""
    calls: dict[str, object] = {}

    def code_paths(self, paths, *, stdin=None, batch_size=32, workers=1, admit=None):
        calls["paths"], calls["workers"] = list(paths), workers

        def read():
            for path in paths:
                if path == "-":
                    yield fake_doc("stdin.txt", stdin.read())
                elif "broken" in path:
                    yield Failure(origin=path, reason="not a readable article")
                else:
                    yield fake_doc(path.rsplit("/", 1)[-1])

        calls["coded"] = []
        for item in (admit or iter)(read()):
            calls["coded"].append(getattr(item, "doc_id", None))
            yield item

    def code_text(self, text, *, doc_id=None, published=None, **kwargs):
        calls["text"], calls["published"] = text, published
        doc = fake_doc("a.txt", text)
        doc.annotations["trace"] = ["matched pattern consult.met", "actor from subject"]
        return doc

    monkeypatch.setattr(Communique, "code_paths", code_paths)
    monkeypatch.setattr(Communique, "code_text", code_text)
    return calls


@pytest.fixture
def db(tmp_path, fake_coder):
    """A store filled through `communique ingest`."""
    path = tmp_path / "events.duckdb"
    result = runner.invoke(app, ["ingest", "a.txt", "b.txt", "c.txt", "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_top_level_help_lists_every_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_help(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output and "--help" in result.output


def test_ingest_reports_a_summary_and_is_idempotent(db, fake_coder):
    again = runner.invoke(app, ["ingest", "a.txt", "b.txt", "c.txt", "--db", str(db)])
    assert again.exit_code == 0
    assert "stored 0, unchanged 3, failed 0" in again.stderr and again.stdout == ""
    assert fake_coder["coded"] == []  # known content is skipped before it reaches the coder


def test_ingest_with_a_failed_input_stores_the_rest_and_exits_1(tmp_path, fake_coder):
    path = tmp_path / "x.duckdb"
    result = runner.invoke(app, ["ingest", "a.txt", "broken.html", "--db", str(path)])
    assert result.exit_code == 1
    assert "stored 1, unchanged 0, failed 1" in result.stderr
    assert "broken.html: not a readable article" in result.stderr
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT doc_id FROM documents").fetchall() == [("a",)]


def test_ingest_into_a_corrupt_file_names_it(tmp_path, fake_coder):
    path = tmp_path / "garbage.duckdb"
    path.write_text("not a database\n" * 300)
    result = runner.invoke(app, ["ingest", "a.txt", "--db", str(path)])
    assert result.exit_code == 1
    assert "garbage.duckdb" in result.stderr


@pytest.mark.parametrize("args, expected", [
    ([], ["a-e1", "b-e1", "c-e1"]),
    (["--dyad", "vnm,chn"], ["a-e1", "b-e1"]),
    (["--type", "AGREE", "--type", "aid"], ["b-e1", "c-e1"]),
    (["--type", "AGREE,CONSULT"], ["a-e1", "b-e1"]),
    (["--since", "2021-05-01", "--until", "2021-12-31"], ["b-e1"]),
    (["--country", "PHL"], ["c-e1"]),
])
def test_events_filters(db, args, expected):
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    assert sorted(e["event_id"] for e in jsonl(result.stdout)) == expected


def test_events_table_and_csv(db):
    table = runner.invoke(app, ["events", "--db", str(db)])
    assert table.exit_code == 0
    assert "3 events" in table.stdout and "CONSULT" in table.stdout
    flat = runner.invoke(app, ["events", "--db", str(db), "--format", "csv"])
    assert [r["event_id"] for r in csv.DictReader(io.StringIO(flat.stdout))] == ["a-e1", "b-e1", "c-e1"]


def test_events_rejects_a_bad_dyad_as_a_usage_error(db):
    result = runner.invoke(app, ["events", "--db", str(db), "--dyad", "CHN"])
    assert result.exit_code == 2


def test_events_without_a_store_says_so(tmp_path):
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 1
    assert "missing.duckdb" in result.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "cameo-tsv", "parquet"])
def test_export_writes_each_format(db, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", fmt, "-o", str(out), "--dyad", "CHN,VNM"])
    assert result.exit_code == 0, result.output
    assert "wrote 2 events" in result.stderr
    if fmt == "parquet":
        assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}')").fetchall() == [(2,)]
    elif fmt == "jsonl":
        assert [e["event_id"] for e in jsonl(out.read_text())] == ["a-e1", "b-e1"]
    else:
        assert len(out.read_text().splitlines()) == 3  # header + 2 events


def test_events_are_linked_across_articles_unless_asked_per_article(db, tmp_path):
    again = runner.invoke(app, ["ingest", "-", "--db", str(db)], input="CHN and VNM: CONSULT on 2021-04-23, again.")
    assert again.exit_code == 0, again.output
    linked = jsonl(runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"]).stdout)
    per_article = jsonl(runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl", "--per-article"]).stdout)
    assert sorted((e["event_id"], e["num_articles"]) for e in linked) == [("a-e1", 2), ("b-e1", 1), ("c-e1", 1)]
    assert sorted((e["event_id"], e["linked_id"]) for e in per_article) == [
        ("a-e1", "a-e1"), ("b-e1", "b-e1"), ("c-e1", "c-e1"), ("stdin-e1", "a-e1")]
    out = tmp_path / "linked.tsv"
    assert runner.invoke(app, ["export", "--db", str(db), "--format", "cameo-tsv", "-o", str(out)]).exit_code == 0
    header, *lines = [line.split("\t") for line in out.read_text().splitlines()]
    counts = {line[header.index("doc_ids")]: line[header.index("NumArticles")] for line in lines}
    assert counts == {"a;stdin": "2", "b": "1", "c": "1"}


def test_delete_removes_a_document_and_reports_unknown_ids(db):
    result = runner.invoke(app, ["delete", "b", "nope", "--db", str(db)])
    assert result.exit_code == 1
    assert "deleted 1, not found 1" in result.stdout and "nope: no such document" in result.stderr
    events = jsonl(runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"]).stdout)
    assert sorted(e["event_id"] for e in events) == ["a-e1", "c-e1"]


def test_code_writes_events_to_stdout(fake_coder):
    result = runner.invoke(app, ["code", "a.txt", "c.txt"])
    assert result.exit_code == 0
    assert [(e["event_id"], e["event_type"]) for e in jsonl(result.stdout)] == [("a-e1", "CONSULT"), ("c-e1", "AID")]


def test_code_reads_stdin_and_writes_a_file(fake_coder, tmp_path):
    out = tmp_path / "events.tsv"
    result = runner.invoke(app, ["code", "-", "-o", str(out), "--format", "cameo-tsv"], input="Some article text.")
    assert result.exit_code == 0
    assert fake_coder["paths"] == ["-"]
    lines = out.read_text().splitlines()
    assert lines[0].startswith("date\tsource\ttarget") and "\tSome article text.\t" in lines[1]
    assert json.loads((tmp_path / "events.schema.json").read_text())["fields"][3] == {"name": "cameo",
                                                                                      "type": "string"}


def test_code_reports_failures_and_exits_1(fake_coder):
    result = runner.invoke(app, ["code", "a.txt", "broken.html"])
    assert result.exit_code == 1
    assert len(jsonl(result.stdout)) == 1
    assert "broken.html" in result.stderr


@pytest.fixture
def fake_evaluate(monkeypatch):
    """communique.evaluate's scoring functions replaced by recording fakes."""
    seen = {}

    def score(gold, preds, dups=None, details=False, duplicate_details=False, by_report=False):
        seen.update(gold=gold, preds=preds, dups=dups, by_report=by_report)
        return {"tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0}

    fakes = {
        "load_gold": lambda path: [{"doc": "a", "source": str(path)}],
        "load_predictions": lambda path: jsonl(open(path, encoding="utf-8").read()),
        "load_duplicates": lambda path: json.loads(open(path, encoding="utf-8").read()),
        "score": score,
        "format_report": lambda result, details=False: f"F1={result['f1']}",
    }
    for name, fake in fakes.items():
        monkeypatch.setattr(communique.evaluate, name, fake, raising=False)
    return seen


def test_evaluate_scores_predictions(fake_evaluate, tmp_path):
    gold, preds, dups = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl", tmp_path / "dups.json"
    gold.write_text("{}\n")
    preds.write_text(json.dumps({"event_id": "a-e1"}) + "\n")
    dups.write_text('[["g1", "g2"]]')
    report = runner.invoke(app, ["evaluate", "--gold", str(gold), str(preds), "--dups", str(dups)])
    assert report.exit_code == 0, report.output
    assert report.stdout.strip() == "F1=1.0"
    assert fake_evaluate["preds"] == [{"event_id": "a-e1"}] and fake_evaluate["dups"] == [["g1", "g2"]]
    assert fake_evaluate["by_report"] is False
    as_json = runner.invoke(app, ["evaluate", "--gold", str(gold), str(preds), "--json", "--by-report"])
    assert json.loads(as_json.stdout)["f1"] == 1.0 and fake_evaluate["by_report"] is True


def test_evaluate_with_the_real_scorer(tmp_path):
    gold = tmp_path / "doc.gold.jsonl"
    gold.write_text(json.dumps({"doc": "a", "id": "a-g1", "required": True, "plover": "CONSULT",
                                "actor": {"country": "CHN"}, "recipient": {"country": "VNM"},
                                "symmetric": True, "date": "2021-04-23", "status": "occurred"}) + "\n")
    preds = tmp_path / "pred.jsonl"
    preds.write_text(json.dumps(event_to_dict(fake_doc("a.txt").events[0])) + "\n")
    result = runner.invoke(app, ["evaluate", "--gold", str(tmp_path), str(preds), "--json"])
    assert result.exit_code == 0, result.output
    assert (json.loads(result.stdout)["tp"], json.loads(result.stdout)["fp"]) == (1, 0)


def test_evaluate_reports_malformed_predictions(tmp_path):
    gold, preds = tmp_path / "doc.gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_text("")
    preds.write_text("{not json\n")
    result = runner.invoke(app, ["evaluate", "--gold", str(gold), str(preds)])
    assert result.exit_code == 1
    assert "pred.jsonl:1" in result.stderr


def test_actors_lists_people_with_roles_and_events(db):
    result = runner.invoke(app, ["actors", "--db", str(db), "--country", "chn", "--format", "jsonl"])
    assert result.exit_code == 0
    [wang] = jsonl(result.stdout)
    assert (wang["name"], wang["roles"], wang["event_ids"]) == ("Wang Yi", ["Foreign Minister"], ["a-e1", "b-e1", "c-e1"])
    table = runner.invoke(app, ["actors", "--db", str(db)])
    assert "Wang Yi" in table.stdout


def test_mechanisms_lists_each_series_with_its_editions_and_gaps(db):
    result = runner.invoke(app, ["mechanisms", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    series = jsonl(result.stdout)
    assert [s["name"] for s in series] == ["Strategic Dialogue"]
    assert series[0]["editions"] == [3]
    assert series[0]["gaps"] == []


def test_explain_shows_trigger_rule_confidence_and_trace(fake_coder):
    result = runner.invoke(app, ["explain", "China and Vietnam met.", "--published", "2021-04-24"])
    assert result.exit_code == 0, result.output
    assert (fake_coder["text"], fake_coder["published"]) == ("China and Vietnam met.", "2021-04-24")
    for expected in ("CONSULT", "'met'", "consult.met", "0.7", "trace:", "matched pattern consult.met"):
        assert expected in result.stdout
