"""Export contract and file formats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import duckdb
import pytest

from communique.export import CONTRACT_FIELDS, FORMATS, event_to_dict, write_cameo_tsv, write_csv, write_jsonl, write_parquet
from communique.records import ActorRef, Event, Evidence, Location, MechanismRef, Trigger

GOLDEN = Path(__file__).parent / "golden" / "export_event.jsonl"

SENTENCE = ("The 10th Defense and Security Consultation between China and Vietnam\twas held in Dongxing "
            "on April 23.")


def sample_event() -> Event:
    return Event(
        event_id="doc1-e1", doc_id="doc1", event_type="CONSULT", cameo="043", mode="visit", quad_class=1,
        goldstein=1.0,
        actor=ActorRef(country="CHN", sector="MIL", name="Shao Yuanming", text="Chinese Defence Minister",
                       actor_id="shao-yuanming", start=51, end=68),
        recipient=ActorRef(country="VNM", sector="MIL", name="Phan Van Giang", text="his Vietnamese counterpart",
                           start=51, end=68),
        symmetric=True, date="2021-04-23", date_precision="day", date_raw="April 23", date_reason="explicit",
        location=Location(name="Dongxing", admin1="Guangxi", country="CHN", lat=21.54, lon=107.97,
                          geonameid=1812256, feature="city"),
        location_reason="in-sentence", status="occurred",
        mechanism=MechanismRef(name="Defense and Security Consultation", edition=10),
        evidence=[Evidence(doc_id="doc1", sentence=SENTENCE, start=0, end=len(SENTENCE)),
                  Evidence(doc_id="doc2", sentence="Both sides met again.", start=40, end=61)],
        trigger=Trigger(text="held", start=75, end=79), rule="consult.held", confidence=0.85)


def minimal_event() -> Event:
    return Event(event_id="doc3-e1", doc_id="doc3", event_type="DEMAND", cameo="10",
                 actor=ActorRef(sector="GOV"), date="XXXX-11-02")


def test_contract_field_order_is_fixed():
    assert tuple(event_to_dict(sample_event())) == CONTRACT_FIELDS
    assert CONTRACT_FIELDS == (
        "event_id", "event_type", "mode", "cameo", "quad_class", "goldstein", "actor", "recipient", "symmetric",
        "date", "date_end", "date_precision", "date_raw", "date_reason", "location", "location_reason", "status",
        "mechanism", "evidence", "trigger", "rule", "confidence", "doc_id")


def test_contract_nested_objects():
    row = event_to_dict(minimal_event())
    assert row["actor"] == {"country": None, "sector": "GOV", "name": None, "text": None, "span": None}
    assert (row["location"], row["mechanism"], row["trigger"], row["evidence"]) == (None, None, None, [])
    assert row["date"] == "XXXX-11-02"


def test_a_side_exports_the_span_of_its_argument_phrase():
    row = event_to_dict(sample_event())
    assert list(row["actor"]) == ["country", "sector", "name", "text", "span"]
    assert row["actor"]["span"] == row["recipient"]["span"] == [51, 68]
    start, end = row["actor"]["span"]
    assert SENTENCE[start:end] == "China and Vietnam"  # the joint subject of a symmetric event


def test_jsonl_matches_the_golden_file():
    out = io.StringIO()
    assert write_jsonl([sample_event(), minimal_event()], out) == 2
    assert out.getvalue() == GOLDEN.read_text(encoding="utf-8")


def test_jsonl_accepts_exported_dicts_unchanged():
    out = io.StringIO()
    write_jsonl([event_to_dict(sample_event())], out)
    assert json.loads(out.getvalue()) == event_to_dict(sample_event())


def test_csv_flattens_the_contract():
    out = io.StringIO()
    write_csv([sample_event(), minimal_event()], out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 2
    first = rows[0]
    expected = {
        "actor_country": "CHN", "actor_sector": "MIL", "actor_name": "Shao Yuanming", "recipient_country": "VNM",
        "recipient_name": "Phan Van Giang", "location_name": "Dongxing", "location_country": "CHN",
        "lat": "21.54", "lon": "107.97", "mechanism_name": "Defense and Security Consultation",
        "mechanism_edition": "10", "evidence_doc_ids": "doc1;doc2", "evidence_sentence": SENTENCE,
        "trigger": "held", "event_type": "CONSULT", "cameo": "043",
        "actor_start": "51", "actor_end": "68", "recipient_start": "51", "recipient_end": "68",
    }
    assert {k: first[k] for k in expected} == expected
    assert (first["date"], first["date_text"]) == ("2021-04-23", "2021-04-23")
    assert (rows[1]["location_name"], rows[1]["evidence_doc_ids"], rows[1]["date"], rows[1]["date_text"]) == (
        "", "", "", "XXXX-11-02")
    assert (rows[1]["actor_start"], rows[1]["actor_end"]) == ("", "")


def test_cameo_tsv_lines():
    out = io.StringIO()
    write_cameo_tsv([sample_event(), minimal_event()], out)
    lines = out.getvalue().splitlines()
    assert lines[0].split("\t") == ["date", "source", "target", "cameo", "quad_class", "goldstein", "plover",
                                    "doc_ids", "evidence", "date_text", "date_precision"]
    assert lines[1].split("\t") == ["20210423", "CHNMIL", "VNMMIL", "043", "1", "1.0", "CONSULT", "doc1;doc2",
                                    " ".join(SENTENCE.split()), "2021-04-23", "day"]
    assert lines[2].split("\t") == ["", "---GOV", "", "10", "", "", "DEMAND", "doc3", "", "XXXX-11-02", ""]


def test_parquet_reads_back_through_duckdb(tmp_path):
    path = tmp_path / "events.parquet"
    assert write_parquet([sample_event(), minimal_event()], path) == 2
    rel = duckdb.sql(f"SELECT * FROM read_parquet('{path}') ORDER BY event_id")
    names = [d[0] for d in rel.description]
    rows = [dict(zip(names, values)) for values in rel.fetchall()]
    assert [n for n in names if n != "date_text"] == list(CONTRACT_FIELDS)
    assert dict(rows[0], date=rows[0]["date_text"]) == dict(event_to_dict(sample_event()), date_text="2021-04-23")
    assert (rows[0]["date"], rows[1]["date"], rows[1]["date_text"]) == (dt.date(2021, 4, 23), None, "XXXX-11-02")
    assert rows[1]["location"] is None and rows[1]["actor"]["sector"] == "GOV"


def test_parquet_with_no_events_is_still_a_readable_file(tmp_path):
    path = tmp_path / "empty.parquet"
    write_parquet([], path)
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{path}')").fetchall() == [(0,)]


@pytest.mark.parametrize("name, writer", [("jsonl", write_jsonl), ("csv", write_csv),
                                          ("cameo-tsv", write_cameo_tsv), ("parquet", write_parquet)])
def test_formats_registry(name, writer):
    assert FORMATS[name] is writer
