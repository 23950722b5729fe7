"""The DuckDB store: round trip, deduplication, replacement, failure isolation, queries."""

from __future__ import annotations

import hashlib

import pytest

from communique.export import event_to_dict
from communique.records import (ActorRef, Document, Event, Evidence, Failure, Location, Mechanism, MechanismRef,
                                Mention, Sentence, Trigger)
from communique.store import Store, StoreError
from communique.store import store as store_module


def make_event(doc_id: str, n: int, sentence: str, *, event_type: str = "CONSULT", actor: str = "CHN",
               recipient: str = "VNM", date: str | None = "2021-04-23", event_id: str | None = None) -> Event:
    return Event(
        event_id=event_id or f"{doc_id}-e{n}", doc_id=doc_id, event_type=event_type, cameo="043", mode="visit",
        quad_class=1, goldstein=1.0,
        actor=ActorRef(country=actor, sector="MIL", name="Shao Yuanming", text="Shao Yuanming",
                       actor_id="shao-yuanming", mention_id="m1", start=0, end=13),
        recipient=ActorRef(country=recipient, sector="MIL", text="his counterpart", mention_id="m2"),
        symmetric=True, date=date, date_precision="day", date_raw="April 23", date_reason="explicit",
        location=Location(name="Dongxing", admin1="Guangxi", country="CHN", lat=21.54, lon=107.97,
                          geonameid=1812256, feature="city"),
        location_reason="in-sentence", mechanism=MechanismRef(name="Defense and Security Consultation", edition=10,
                                                              mechanism_id="defense-and-security-consultation"),
        evidence=[Evidence(doc_id=doc_id, sentence=sentence, start=0, end=len(sentence), sentence_index=0)],
        trigger=Trigger(text="held", start=4, end=8, lemma="hold"), rule="consult.held", confidence=0.8,
        sentence_index=0)


def make_doc(doc_id: str, text: str | None = None, *, events: list[Event] | None = None) -> Document:
    text = text or f"Talks were held in Dongxing ({doc_id}). Shao Yuanming met his counterpart."
    first = text.split(". ")[0]
    doc = Document(doc_id=doc_id, text=text, content_hash=hashlib.sha1(text.encode()).hexdigest(),
                   title=f"Title {doc_id}", source="Test Wire", published="2021-04-24", origin=f"{doc_id}.txt")
    doc.sentences = [Sentence(index=0, start=0, end=len(first), text=first)]
    doc.mentions = [
        Mention(mention_id="m1", doc_id=doc_id, sentence=0, start=0, end=13, text="Shao Yuanming", kind="person",
                country="CHN", sector="MIL", name="Shao Yuanming", title="Defence Minister", actor_id="shao-yuanming"),
        Mention(mention_id="m2", doc_id=doc_id, sentence=0, start=18, end=33, text="his counterpart",
                kind="title", country="VNM", sector="MIL"),
    ]
    doc.events = events if events is not None else [make_event(doc_id, 1, first)]
    doc.mechanisms = [Mechanism(mechanism_id="defense-and-security-consultation",
                                name="Defense and Security Consultation", edition=10, frequency="annual",
                                participants=["CHN", "VNM"], date="2021-04-23",
                                location=Location(name="Dongxing", country="CHN"))]
    return doc


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "test.duckdb") as s:
        yield s


def test_round_trip_gives_back_the_export_contract(store):
    doc = make_doc("a")
    result = store.write([doc])
    assert (result.stored, result.skipped_duplicates, result.failed) == (["a"], [], [])
    assert store.events() == [event_to_dict(doc.events[0])]
    assert store.counts() == {"documents": 1, "sentences": 1, "mentions": 2, "actors": 1, "events": 1,
                              "evidence": 1, "mechanisms": 1}
    [stored_doc] = store.documents(with_text=True)
    assert (stored_doc["doc_id"], stored_doc["text"], stored_doc["origin"]) == ("a", doc.text, "a.txt")


def test_events_without_optional_parts_round_trip(store):
    bare = Event(event_id="b-e1", doc_id="b", event_type="ASSAULT", cameo="190")
    store.write([make_doc("b", events=[bare])])
    assert store.events() == [event_to_dict(bare)]


def test_store_persists_across_connections(tmp_path):
    path = tmp_path / "persist.duckdb"
    with Store(path) as s:
        s.write([make_doc("a")])
    with Store(path, read_only=True) as s:
        assert [e["event_id"] for e in s.events()] == ["a-e1"]


def test_side_spans_round_trip(store):
    store.write([make_doc("a")])
    [event] = store.events()
    assert (event["actor"]["span"], event["recipient"]["span"]) == ([0, 13], None)


SPAN_COLUMNS = ("actor_start", "actor_end", "recipient_start", "recipient_end")


def _store_without_spans(path) -> None:
    """A store as written before sides had spans: its events table lacks the span columns."""
    with Store(path) as s:
        s.write([make_doc("old")])
        for column in SPAN_COLUMNS:
            s.con.execute(f"ALTER TABLE events DROP COLUMN {column}")


def test_a_store_made_before_side_spans_is_read_and_extended(tmp_path):
    path = tmp_path / "old.duckdb"
    _store_without_spans(path)
    with Store(path, read_only=True) as s:
        assert [(e["event_id"], e["actor"]["span"]) for e in s.events()] == [("old-e1", None)]
    with Store(path) as s:  # opening for writing adds the columns; old events keep no span
        s.write([make_doc("new")])
        spans = {e["event_id"]: e["actor"]["span"] for e in s.events()}
    assert spans == {"old-e1": None, "new-e1": [0, 13]}


def test_rewriting_a_stored_document_is_a_no_op(store):
    doc = make_doc("a")
    store.write([doc])
    before = store.counts()
    result = store.write([doc])
    assert (result.stored, result.skipped_duplicates, result.failed) == ([], ["a"], [])
    assert store.counts() == before


def test_the_same_text_under_a_second_id_is_reported_not_dropped_silently(store):
    doc = make_doc("a")
    store.write([doc])
    result = store.write([make_doc("a-copy", doc.text)])
    assert result.stored == [] and [f.doc_id for f in result.failed] == ["a-copy"]
    assert "same text as document 'a'" in result.failed[0].reason


def test_the_same_text_twice_in_one_batch_is_stored_once_and_reported(store):
    doc = make_doc("a")
    result = store.write([doc, make_doc("a2", doc.text)])
    assert result.stored == ["a"] and [f.doc_id for f in result.failed] == ["a2"]


def test_a_repeated_id_with_other_text_is_reported_and_the_first_kept(store):
    first = make_doc("a", "Old text about talks.")
    store.write([first])
    result = store.write([make_doc("a", "New text. China and Vietnam signed an agreement.")])
    assert result.stored == [] and [f.doc_id for f in result.failed] == ["a"]
    assert "already stored with other text" in result.failed[0].reason
    assert store.documents(with_text=True)[0]["text"] == first.text


def test_a_repeated_id_within_one_batch_keeps_the_first(store):
    result = store.write([make_doc("a", "First text."), make_doc("a", "Second text.")])
    assert result.stored == ["a"] and len(result.failed) == 1
    assert store.documents(with_text=True)[0]["text"] == "First text."


def test_same_doc_id_with_new_content_replaces_the_old_rows_when_asked(store):
    store.write([make_doc("a", "Old text about talks.")])
    new = make_doc("a", "New text. China and Vietnam signed an agreement.",
                   events=[make_event("a", 7, "New text", event_type="AGREE")])
    result = store.write([new], replace=True)
    assert result.stored == ["a"]
    assert [(e["event_id"], e["event_type"]) for e in store.events()] == [("a-e7", "AGREE")]
    assert store.counts()["documents"] == 1 and store.counts()["mentions"] == 2
    assert store.documents(with_text=True)[0]["text"] == new.text


def test_one_bad_document_fails_alone_and_loses_nothing(store, monkeypatch):
    store.write([make_doc("earlier")])
    insert = Store._insert_batch

    def insert_then_fail_on_bad(self, ready):
        insert(self, ready)  # rows are written, then the failure must roll them back
        if any(prepared.doc.doc_id == "bad" for prepared in ready):
            raise RuntimeError("disk hiccup")

    monkeypatch.setattr(Store, "_insert_batch", insert_then_fail_on_bad)
    result = store.write([make_doc("x"), make_doc("bad"), make_doc("y")])
    assert sorted(result.stored) == ["x", "y"]
    assert [(f.origin, f.doc_id) for f in result.failed] == [("bad.txt", "bad")]
    assert "disk hiccup" in result.failed[0].reason
    assert sorted(d["doc_id"] for d in store.documents()) == ["earlier", "x", "y"]
    assert sorted(e["doc_id"] for e in store.events()) == ["earlier", "x", "y"]
    for table in ("sentences", "mentions", "events", "evidence", "mechanisms"):
        rows = store.con.execute(f"SELECT count(*) FROM {table} WHERE doc_id = 'bad'" if table != "evidence"
                                 else "SELECT count(*) FROM evidence WHERE event_id LIKE 'bad-%'").fetchone()
        assert rows == (0,), table


def test_an_event_id_clash_is_reported_before_writing(store):
    store.write([make_doc("a")])
    clash = make_doc("b", events=[make_event("b", 1, "Talks", event_id="a-e1")])
    result = store.write([clash, make_doc("c")])
    assert result.stored == ["c"]
    assert [f.doc_id for f in result.failed] == ["b"]
    assert "event id 'a-e1' already belongs to document 'a'" in result.failed[0].reason
    assert store.events(doc_id="a")[0]["doc_id"] == "a"


def test_two_events_of_one_document_with_one_id_are_reported_whole(store):
    twins = [make_event("b", 1, "Talks"), make_event("b", 1, "Talks")]
    result = store.write([make_doc("b", events=twins), make_doc("c")])
    assert result.stored == ["c"]
    assert result.failed[0].reason == "not stored: event id 'b-e1' occurs twice"
    assert store.counts()["documents"] == 1


@pytest.mark.parametrize("spoil, message", [
    (lambda d: setattr(d.mechanisms[0], "edition", 10**12), "mechanisms row 1: edition is out of range"),
    (lambda d: setattr(d.events[0], "event_type", None), "events row 1: event_type is empty but required"),
    (lambda d: setattr(d.events[0], "goldstein", float("nan")), "events row 1: goldstein is not finite"),
    (lambda d: setattr(d.events[0], "cameo", 43), "events row 1: cameo is not text: 43"),
])
def test_a_document_that_breaks_a_column_rule_is_named_before_the_transaction(store, spoil, message):
    bad = make_doc("bad")
    spoil(bad)
    result = store.write([make_doc("good"), bad])
    assert result.stored == ["good"]
    assert result.failed[0].reason.startswith("not stored: " + message)


def test_write_all_batches_a_stream_and_keeps_input_failures(store):
    items = [make_doc("a"), Failure(origin="broken.html", reason="unreadable"), make_doc("b"), make_doc("c")]
    result = store.write_all(items, batch_size=2)
    assert result.stored == ["a", "b", "c"]
    assert [f.origin for f in result.failed] == ["broken.html"]


@pytest.fixture
def filled(store):
    def doc(doc_id, **kwargs):
        return make_doc(doc_id, events=[make_event(doc_id, 1, "s", **kwargs)])

    store.write([
        doc("d1", actor="CHN", recipient="VNM", date="2021-04-23"),
        doc("d2", actor="VNM", recipient="CHN", date="2021-05-02", event_type="AGREE"),
        doc("d3", actor="USA", recipient="PHL", date="2022-01-10", event_type="AID"),
        doc("d4", actor="CHN", recipient="VNM", date="XXXX-11-02"),
        doc("d5", actor="JPN", recipient="CHN", date=None, event_type="DEMAND"),
    ])
    return store


@pytest.mark.parametrize("filters, expected", [
    ({}, ["d1", "d2", "d3", "d4", "d5"]),
    ({"dyad": ("VNM", "CHN")}, ["d1", "d2", "d4"]),
    ({"types": ["AGREE", "AID"]}, ["d2", "d3"]),
    ({"since": "2021-05-01"}, ["d2", "d3"]),
    ({"until": "2021-04"}, ["d1"]),
    ({"until": "2021-12-31"}, ["d1", "d2"]),
    ({"since": "2021-01-01", "until": "2021-12-31", "dyad": ("CHN", "VNM")}, ["d1", "d2"]),
    ({"country": "CHN"}, ["d1", "d2", "d4", "d5"]),
    ({"doc_id": "d3"}, ["d3"]),
    ({"types": ["FIGHT"]}, []),
])
def test_event_filters(filled, filters, expected):
    assert sorted(e["doc_id"] for e in filled.events(**filters)) == expected


def test_actors_are_merged_across_documents_with_roles_and_events(store):
    store.write([make_doc("a")])
    later = make_doc("b")
    later.mentions[0].text = "General Shao"
    later.mentions[0].title = "Chief of Staff"
    store.write([later])
    [shao] = store.actors(country="CHN")
    assert shao["actor_id"] == "shao-yuanming" and shao["kind"] == "person"
    assert sorted(shao["aliases"]) == ["General Shao", "Shao Yuanming"]
    assert shao["roles"] == ["Chief of Staff", "Defence Minister"]
    assert shao["event_ids"] == ["a-e1", "b-e1"]
    assert store.actors(country="VNM") == []


def test_mechanisms_filter_by_participant_or_venue(store):
    store.write([make_doc("a")])
    [row] = store.mechanisms(country="VNM")
    assert (row["name"], row["edition"], row["doc_id"], row["location_country"]) == (
        "Defense and Security Consultation", 10, "a", "CHN")
    assert store.mechanisms(country="USA") == []
    assert len(store.mechanisms()) == 1


def test_a_file_that_is_not_duckdb_gives_an_error_naming_it(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("this is not a database\n" * 200)
    with pytest.raises(StoreError, match="notes.duckdb"):
        Store(path)


def test_schema_lives_in_a_sql_file_in_the_package():
    from importlib import resources

    schema = resources.files(store_module.__package__).joinpath("schema.sql").read_text("utf-8")
    for table in store_module.TABLES:
        assert f"CREATE TABLE IF NOT EXISTS {table}" in schema


def _snapshot(store):
    tables = {t: sorted(map(repr, store.con.execute(f"SELECT * EXCLUDE (ingested_at) FROM {t}" if t == "documents"
                                                  else f"SELECT * FROM {t}").fetchall()))
              for t in store_module.TABLES if t != "actors"}
    actors = store.con.execute("SELECT * EXCLUDE (aliases), list_sort(aliases) FROM actors ORDER BY actor_id")
    return tables, actors.fetchall()


def test_a_batch_stores_exactly_what_one_by_one_writes_store(tmp_path):
    def docs():
        b = make_doc("b")
        b.mentions[0].title, b.mentions[0].text = "Minister of National Defence", "General Shao"
        return [make_doc("a"), b, make_doc("c"), make_doc("a", "Replaced text. Shao Yuanming met his counterpart.")]

    with Store(tmp_path / "one.duckdb") as one, Store(tmp_path / "batch.duckdb") as batch:
        for store in (one, batch):
            store.write([make_doc("a", "First text. Shao Yuanming met his counterpart.")])
        for doc in docs()[1:]:
            one.write([doc], replace=True)
        result = batch.write(docs()[1:], replace=True)
        assert result.stored == ["b", "c", "a"]
        assert _snapshot(batch) == _snapshot(one)
        assert batch.con.execute("SELECT title, list_sort(aliases) FROM actors").fetchall() == [
            ("Defence Minister", ["General Shao", "Shao Yuanming"])]


def test_known_hashes_names_the_stored_content(store):
    doc = make_doc("a")
    store.write([doc])
    assert store.known_hashes([doc.content_hash, "f" * 40]) == {doc.content_hash}


def test_known_many_answers_as_known_does_pair_by_pair(store):
    a = make_doc("a")
    store.write([a])
    pairs = [("a", a.content_hash), ("a", "other"), ("b", a.content_hash), ("b", "other")]
    assert store.known_many(pairs) == {pair: store.known(*pair) for pair in pairs}
