"""Nothing is lost between coding and storing: every real article is stored whole, and
`communique code` gives exactly the events that `ingest` + `export` give."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from communique.cli import app
from communique.ingest import read_inputs
from communique.records import Document

from conftest import EXAMPLES, SHARED

DEV_ARTICLES = SHARED / "eval" / "dev" / "articles.jsonl"
runner = CliRunner()


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def by_id(events: list[dict]) -> dict[str, dict]:
    return {event["event_id"]: event for event in events}


@pytest.fixture(scope="module")
def inputs() -> list[str]:
    if not DEV_ARTICLES.exists():
        pytest.skip(f"reference articles not found beside the repository ({DEV_ARTICLES}); "
                    "the sample articles alone are checked by the other tests")
    return [str(DEV_ARTICLES), str(EXAMPLES)]


def test_every_article_is_stored_and_code_agrees_with_ingest_and_export(inputs, tmp_path):
    articles = [d for d in read_inputs(inputs) if isinstance(d, Document)]
    coded = runner.invoke(app, ["code", *inputs])
    assert coded.exit_code == 0, coded.stderr
    db = str(tmp_path / "dev.duckdb")
    ingested = runner.invoke(app, ["ingest", *inputs, "--db", db])
    assert ingested.exit_code == 0, ingested.stderr
    assert f"stored {len(articles)}, unchanged 0, failed 0" in ingested.stderr
    per_article = runner.invoke(app, ["export", "--db", db, "--format", "jsonl", "-o", "-", "--per-article"])
    linked = runner.invoke(app, ["export", "--db", db, "--format", "jsonl", "-o", "-"])
    assert per_article.exit_code == 0 and linked.exit_code == 0, per_article.stderr + linked.stderr
    code_events, stored_events = by_id(jsonl(coded.stdout)), by_id(jsonl(per_article.stdout))
    assert len(code_events) == len(jsonl(coded.stdout))  # unique ids
    documents = {d.doc_id: d for d in articles}
    for event in code_events.values():  # each report names its outlet and publication date
        doc, said = documents[event["doc_id"]], event["mentions"][0]
        assert said["published"] == doc.published
        assert said["source"] == (doc.source.strip() if doc.source else said["source"])
    assert sum(1 for e in code_events.values() if e["mentions"][0]["published"]) > len(code_events) / 2
    # event for event the same, but for the linked event each stored one belongs to: linking across
    # articles happens in the store, so `code` leaves it null
    assert all(e["linked_id"] is None for e in code_events.values())
    assert all(e["linked_id"] for e in stored_events.values())
    assert {k: {**e, "linked_id": None} for k, e in stored_events.items()} == code_events
    # the linked export has every coded event, as one of the mentions of the event it is linked into
    linked_events = by_id(jsonl(linked.stdout))
    for event_id, event in code_events.items():
        mentions = linked_events[stored_events[event_id]["linked_id"]]["mentions"]
        assert [m for m in mentions if m["event_id"] == event_id] == event["mentions"]
    assert sum(len(e["mentions"]) for e in linked_events.values()) == len(code_events)
    again = runner.invoke(app, ["ingest", *inputs, "--db", db])
    assert f"stored 0, unchanged {len(articles)}, failed 0" in again.stderr


def test_one_trigger_with_two_sources_and_two_targets_is_stored(tmp_path):
    article = tmp_path / "c.txt"
    article.write_text("date 2024-03-05\nIran and Syria condemned Israel and the United States on Monday.\n")
    db = str(tmp_path / "c.duckdb")
    ingested = runner.invoke(app, ["ingest", str(article), "--db", db])
    assert ingested.exit_code == 0, ingested.stderr
    assert "stored 1, unchanged 0, failed 0" in ingested.stderr
    events = jsonl(runner.invoke(app, ["events", "--db", db, "--format", "jsonl"]).stdout)
    pairs = sorted((e["actor"]["country"], e["recipient"]["country"]) for e in events)
    assert pairs == [("IRN", "ISR"), ("IRN", "USA"), ("SYR", "ISR"), ("SYR", "USA")]
