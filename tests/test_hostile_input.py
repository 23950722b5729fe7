"""Hostile input: every bad input is reported on one line naming it, the good inputs beside it
are stored, and the run ends with exit code 1; generated text and JSON lines never stop a run
and nothing the coder makes of them can fail the store."""

from __future__ import annotations

import json
import os
import string
import uuid

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from communique.api import Communique
from communique.cli import app
from communique.ingest import read_inputs
from communique.ingest.json_records import documents_from_jsonl
from communique.records import Document, Failure
from communique.store import Store
from communique.store.queries import Queries

runner = CliRunner()
GOOD = {
    "good1.txt": "date 2021-04-23\nChina and Vietnam held defence talks in Hanoi on Friday.\n",
    "good2.txt": "date 2022-06-01\nJapan and the Philippines signed a security pact on Wednesday.\n",
}
WORDS = ["China", "Vietnam", "Iran", "Syria", "Israel", "the United States", "held", "talks", "condemned",
         "signed", "an", "agreement", "with", "in", "Hanoi", "on", "Monday", "and", "last", "year", "said",
         "would", "not", "attack", "troops", "9999", "0001", "the", ",", ".", "\n", "\n\n", "'s", "(", ")"]


def write_batch(folder) -> dict[str, str]:
    """Good and bad inputs side by side; returns each bad input's origin and what its line must say."""
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (folder / "latin1.txt").write_bytes("Les ministres ont discuté à Hanoï.".encode("latin-1"))
    with open(folder / "huge.txt", "wb") as fh:
        fh.truncate(21_000_000)  # sparse: refused from its size before it is read
    (folder / "page.html").write_text("<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
    (folder / "ancient.txt").write_text("date 0001-01-01\nIndia and Pakistan held talks last year.\n")
    (folder / "feb30.txt").write_text("date 2021-02-30\nLaos and Thailand held talks on Tuesday.\n")
    (folder / "unpunctuated.txt").write_text("Chile and Peru held talks " + "and more talks " * 600 + "\n")
    lines = [
        {"id": "line-ok", "text": "Egypt and Jordan held talks in Amman on Sunday."},
        "{not json",
        {"id": "line-ok", "text": "Egypt and Jordan signed a water agreement."},
        {"id": "line-copy", "text": "Egypt and Jordan held talks in Amman on Sunday."},
        {"id": "far-future", "text": "Kenya and Uganda held talks.", "published": "9999-12-31"},
    ]
    (folder / "lines.jsonl").write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n")
    os.symlink("loop", folder / "loop")  # a link to itself
    return {
        "empty.txt": "empty file",
        "binary.txt": "binary",
        "latin1.txt": "not UTF-8",
        "huge.txt": "file too large",
        "page.html": "no article text found in HTML",
        "ancient.txt": "out of range",
        "feb30.txt": "not an ISO date",
        "unpunctuated.txt": "without a sentence end",
        "lines.jsonl:2": "invalid JSON",
        "lines.jsonl:3": "already stored with other text",
        "lines.jsonl:4": "same text as document 'line-ok'",
        "lines.jsonl:5": "out of range",
        "loop": "symbolic link loop",
    }


def test_each_bad_input_is_one_line_and_the_good_ones_are_stored(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    expected = write_batch(batch)
    db = tmp_path / "h.duckdb"
    result = runner.invoke(app, ["ingest", str(batch), "--db", str(db)])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith(("failed:", "warning:"))]
    for origin, reason in expected.items():
        mine = [line for line in lines if line.split(": ", 2)[1] == str(batch / origin)]
        assert len(mine) == 1 and reason in mine[0], (origin, lines)
    assert len(lines) == len(expected)
    with Store(db, read_only=True) as store:
        stored = {d["doc_id"]: d for d in store.documents()}
    assert set(stored) == {"good1", "good2", "line-ok", "far-future", "ancient", "feb30", "unpunctuated"}
    assert stored["far-future"]["published"] is None and stored["feb30"]["published"] is None
    assert "stored 7, unchanged 0, failed 9, warnings 4" in result.stderr


def test_code_judges_repeated_ids_and_texts_as_ingest_does_and_codes_what_it_stores(tmp_path):
    lines = [
        {"id": "x", "text": "Ghana condemned Togo on Monday.", "published": "2023-05-02"},
        {"id": "x", "text": "Ghana praised Benin on Tuesday.", "published": "2023-05-02"},  # same id, other text
        {"id": "y", "text": "Mali accused Niger of shelling a border town.", "published": "2023-05-02"},
        {"id": "z", "text": "Mali accused Niger of shelling a border town.", "published": "2023-05-02"},  # same text
        {"id": "x", "text": "Ghana condemned Togo on Monday.", "published": "2023-05-02"},  # the same article again
    ]
    source = tmp_path / "lines.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))
    coded = runner.invoke(app, ["code", str(source), "--per-article"])
    assert coded.exit_code == 1
    reports = [line for line in coded.stderr.splitlines() if line.startswith(("failed:", "skipped:"))]
    assert reports == [
        f"skipped: {source}:5: the same id and text as an earlier input",
        f"failed: {source}:2: id 'x' is already coded with other text; the first is kept",
        f"failed: {source}:4: same text as document 'y', coded once under that id",
    ]
    events = [json.loads(line) for line in coded.stdout.splitlines()]
    assert {(e["doc_id"], e["recipient"]["country"]) for e in events} == {("x", "TGO"), ("y", "NER")}
    db = tmp_path / "x.duckdb"
    ingested = runner.invoke(app, ["ingest", str(source), "--db", str(db)])
    assert ingested.exit_code == 1 and "stored 2, unchanged 1, failed 2" in ingested.stderr
    assert f"failed: {source}:2: id 'x' is already stored with other text; the first is kept" in ingested.stderr
    assert f"failed: {source}:4: same text as document 'y', stored once under that id" in ingested.stderr
    exported = runner.invoke(app, ["export", "--db", str(db), "--format", "jsonl", "-o", "-", "--per-article"])
    stored = [{**json.loads(line), "linked_id": None} for line in exported.stdout.splitlines()]
    assert sorted(stored, key=lambda e: e["event_id"]) == sorted(events, key=lambda e: e["event_id"])


def test_a_directory_walk_reports_loops_links_and_pipes_and_reads_what_comes_after(tmp_path):
    root = tmp_path / "walk"
    (root / "a" / "inner").mkdir(parents=True)
    (root / "a" / "inner" / "first.txt").write_text("date 2023-05-02\nGhana condemned Togo on Monday.\n")
    os.symlink("../..", root / "a" / "inner" / "up")  # back to the top: a loop
    os.symlink("missing.txt", root / "a" / "broken")
    os.mkfifo(root / "a" / "pipe.txt")  # reading it would wait for ever
    (root / "z.txt").write_text("date 2023-05-02\nMali accused Niger of shelling a border town.\n")
    result = runner.invoke(app, ["code", str(root), "--progress"])
    assert result.exit_code == 1
    failed = sorted(line for line in result.stderr.splitlines() if line.startswith("failed:"))
    assert failed == [
        f"failed: {root / 'a' / 'broken'}: broken symbolic link: its target does not exist",
        f"failed: {root / 'a' / 'inner' / 'up'}: symbolic link loop: directory already read",
        f"failed: {root / 'a' / 'pipe.txt'}: not a regular file or directory (a pipe, socket or device)",
    ]
    assert {json.loads(line)["doc_id"] for line in result.stdout.splitlines()} == {"first", "z"}


def test_a_second_run_over_the_same_batch_stores_nothing_new(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    write_batch(batch)
    db = str(tmp_path / "h.duckdb")
    runner.invoke(app, ["ingest", str(batch), "--db", db])
    again = runner.invoke(app, ["ingest", str(batch), "--db", db])
    assert "stored 0, unchanged 7" in again.stderr


@pytest.mark.parametrize("args, option", [
    (["events", "--since", "notadate"], "--since"),
    (["events", "--until", "2021-13-45"], "--until"),
    (["events", "--type", "FOO"], "--type"),
    (["events", "--dyad", "CHN"], "--dyad"),
    (["events", "--country", "12"], "--country"),
    (["explain", ""], "SENTENCE"),
    (["explain", "--published", "notadate", "China met Laos."], "--published"),
    (["explain", "--published", "9999-12-31", "China met Laos."], "--published"),
    (["export", "--format", "jsonl", "-o", "/no/such/dir/x.jsonl"], "--output"),
    (["code", "x.txt", "--model", "no_such_model"], "--model"),
    (["actors", "--country", "12"], "--country"),
    (["mechanisms", "--country", "C"], "--country"),
    (["ingest", "x.txt", "--db", "/no/such/dir/s.duckdb"], "--db"),
    # an empty value would quietly mean no filter at all
    (["events", "--mechanism", ""], "--mechanism"),
    (["events", "--outlet", ""], "--outlet"),
    (["events", "--text", "  "], "--text"),
    (["events", "--since", ""], "--since"),
    (["events", "--type", ","], "--type"),
    (["export", "--format", "jsonl", "-o", "-", "--type", ""], "--type"),
    (["serve", "--write-token", ""], "--write-token"),
    (["code", ""], "paths"),  # not the current folder
    (["ingest", "a.txt", " "], "paths"),
])
def test_a_bad_option_value_is_a_usage_error_naming_the_option(tmp_path, args, option):
    db = tmp_path / "e.duckdb"
    Store(db).close()
    result = runner.invoke(app, [*args, *(["--db", str(db)] if args[0] in ("events", "export", "actors",
                                                                          "mechanisms") else [])])
    assert result.exit_code == 2, result.output
    assert option in result.stderr
    assert "Traceback" not in result.output


def test_no_option_of_any_command_takes_an_empty_value(tmp_path):
    """Whatever the command and option, ``--option ""`` is a usage error naming the option, never a
    filter, model, token or address quietly left out."""
    db, article, predictions = tmp_path / "e.duckdb", tmp_path / "a.txt", tmp_path / "p.jsonl"
    Store(db).close()
    article.write_text(GOOD["good1.txt"])
    predictions.write_text("")
    arguments = {"ingest": [str(article)], "code": [str(article)], "load": [str(tmp_path)], "delete": ["x"],
                 "explain": ["China met Laos."], "evaluate": [str(predictions), "--gold", str(tmp_path)],
                 "export": ["--format", "jsonl", "-o", str(tmp_path / "out.jsonl")]}
    checked = 0
    for name, command in typer.main.get_command(app).commands.items():
        for param in command.params:
            if getattr(param, "param_type_name", "") != "option" or param.is_flag:
                continue
            option = max(param.opts, key=len)
            store = ["--db", str(db)] if option != "--db" and any(p.name == "db" for p in command.params) else []
            result = runner.invoke(app, [name, *arguments.get(name, []), *store, option, ""])
            assert result.exit_code == 2, (name, option, result.output)
            assert option in result.stderr and "Traceback" not in result.output, (name, option)
            checked += 1
    assert checked > 30


def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(monkeypatch, tmp_path):
    calls = []

    def broken(*args, **kwargs):
        calls.append(args)
        raise RuntimeError("disk on fire\nsecond line")

    db = tmp_path / "e.duckdb"
    Store(db).close()
    monkeypatch.setattr(Queries, "rows", broken)  # every read query of the store goes through it
    for view in ([], ["--per-article"], ["--per-article", "--format", "jsonl"]):
        plain = runner.invoke(app, ["events", "--db", str(db), *view])
        assert calls, "the command reads through the query layer"
        assert plain.exit_code == 1
        assert plain.stderr.strip().splitlines() == [
            "error: RuntimeError: disk on fire (run with --debug for the traceback)"]
        assert plain.stdout == ""
        calls.clear()
    debug = runner.invoke(app, ["--debug", "events", "--db", str(db)])
    assert "Traceback" in debug.stderr and "disk on fire" in debug.stderr and debug.exit_code == 1


def test_ingest_of_a_missing_file_creates_no_store(tmp_path):
    db = tmp_path / "none.duckdb"
    result = runner.invoke(app, ["ingest", str(tmp_path / "nonexistent.txt"), "--db", str(db)])
    assert result.exit_code == 1 and "no such file or directory" in result.stderr
    assert not db.exists()


def test_delete_from_a_missing_store_creates_no_store(tmp_path):
    db = tmp_path / "none.duckdb"
    result = runner.invoke(app, ["delete", "some-doc", "--db", str(db)])
    assert result.exit_code == 1 and "no store at" in result.stderr
    assert not db.exists()


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("communique ")


def test_dash_output_is_stdout(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD["good1.txt"])
    db = str(tmp_path / "o.duckdb")
    runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", db])
    result = runner.invoke(app, ["export", "--db", db, "--format", "csv", "-o", "-"])
    assert result.exit_code == 0 and result.stdout.startswith('"event_id","event_type"')
    assert not (tmp_path / "-").exists() and "wrote 1 events to stdout" in result.stderr


# --- generated input --------------------------------------------------------------------------

any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
wordy_text = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)
json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | any_text,
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
                          max_leaves=6)
record = st.fixed_dictionaries({}, optional={
    "id": st.one_of(any_text, st.integers(), json_value), "text": st.one_of(wordy_text, any_text, json_value),
    "published": st.one_of(st.dates().map(str), any_text, json_value), "title": st.one_of(any_text, json_value)})


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(record.map(json.dumps), any_text.filter(lambda t: "\n" not in t)), max_size=8))
def test_every_generated_json_line_gives_one_document_or_one_failure(lines):
    data = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    items = list(documents_from_jsonl(data, "gen.jsonl"))
    assert len(items) == sum(1 for line in data.split(b"\n") if line.strip())
    assert all(isinstance(item, (Document, Failure)) for item in items)


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_in_a_file_give_documents_or_failures(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("bytes")
    for suffix in (".txt", ".jsonl", ".html"):
        (folder / f"in{suffix}").write_bytes(data)
    items = list(read_inputs([folder]))
    assert items and all(isinstance(item, (Document, Failure)) for item in items)


@pytest.fixture(scope="module")
def coder() -> Communique:
    return Communique()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(st.lists(st.one_of(wordy_text, any_text), min_size=1, max_size=4))
def test_whatever_the_coder_makes_of_generated_text_is_stored(coder, tmp_path, texts):
    docs = [Document(doc_id=f"g{n}", text=text, content_hash=f"{n}:{hash(text)}", origin=f"g{n}")
            for n, text in enumerate(texts) if text.strip()]
    coded = list(coder.code_documents(docs))
    assert [getattr(item, "doc_id", None) for item in coded] == [d.doc_id for d in docs]
    failures = [item for item in coded if isinstance(item, Failure)]
    assert failures == []
    with Store(tmp_path / f"g{uuid.uuid4().hex}.duckdb") as store:  # a new store per example (texts may repeat)
        result = store.write([item for item in coded if isinstance(item, Document)])
    assert result.failed == [] and len(result.stored) == len(docs)


def test_generated_text_alphabet_reaches_the_coder():
    assert set(string.punctuation) & set("".join(WORDS))  # the word list mixes in punctuation
