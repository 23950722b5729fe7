"""Readers of the reference datasets: record counts (shared/reference/SOURCES.md) and field values."""

from __future__ import annotations

from collections import Counter

import pytest

from communique.events.codebook import PLOVER_TYPES
from communique_eval.datasets import (
    DatasetError,
    NerSentence,
    read_confli_class,
    read_confli_ner,
    read_petrarch_records,
    read_plover_gsr,
)


@pytest.fixture(scope="module")
def reference(shared):
    return shared / "reference"


@pytest.fixture(scope="module")
def gsr(reference):
    return read_plover_gsr(reference / "openeventdata__PLOVER" / "PLOVER_GSR_CAMEO.json")


@pytest.fixture(scope="module")
def petrarch(reference):
    return read_petrarch_records(reference / "openeventdata__petrarch2" / "PETR.UnitTest.records.xml")


def test_plover_gsr_counts_and_types(gsr):
    assert len(gsr) == 322
    assert {record.event_type for record in gsr} <= set(PLOVER_TYPES)
    originals = Counter(record.original_event for record in gsr)
    assert (originals["DEMAND"], originals["DISAPPROVE"], originals["FIGHT"], originals["INVESTIGATE"]) == (34, 16, 17, 9)
    assert Counter(record.event_type for record in gsr)["ACCUSE"] == 16 + 9


@pytest.mark.parametrize(
    "record_id, event_type, mode, sources, targets",
    [
        ("PLOVER-GSR01-AGREE-0001", "AGREE", None, ("HUN", "ROU"), ()),
        ("PLOVER-GSR01-INVESTIGATE-0001", "ACCUSE", "investigate", ("IGO",), ("IRN",)),
        ("PLOVER-GSR01-REJECT-0006", "REJECT", None, ("IGO",), ()),
        ("PLOVER-GSR01-ASSAULT-0009", "ASSAULT", "suicide-attack", (), ("IRQ",)),
    ],
)
def test_plover_gsr_fields(gsr, record_id, event_type, mode, sources, targets):
    record = next(r for r in gsr if r.id == record_id)
    assert (record.event_type, record.mode, record.source_countries, record.target_countries) == (
        event_type, mode, sources, targets)
    assert record.text and record.cameo is None


def test_plover_gsr_renamed_fight_keeps_its_mode(gsr):
    fights = [r for r in gsr if r.original_event == "FIGHT"]
    assert {r.event_type for r in fights} == {"ASSAULT"}
    assert Counter(r.mode for r in fights)["heavy-weapons"] == 9


def test_confli_class(reference):
    rows = read_confli_class(reference / "eventdata__ConfliBERT" / "cameo_class_train.tsv")
    assert len(rows) == 1349
    assert Counter(label for _, label in rows) == {0: 240, 1: 248, 2: 303, 3: 337, 4: 221}
    assert rows[0] == (
        "In September, a car bomb in Kiev killed another ethnic Chechen who had fought on the Ukrainian side.", 4)


def test_confli_ner(reference):
    sentences = read_confli_ner(reference / "eventdata__ConfliBERT" / "cameo_ner_train.txt")
    assert len(sentences) == 1153
    assert all(len(s.tokens) == len(s.labels) > 0 for s in sentences)
    first = sentences[0]
    assert first.tokens[:6] == ["In", "September", ",", "a", "car", "bomb"]
    assert first.labels[3:6] == ["B-S", "I-S", "I-S"]
    assert sum(label == "B-R" for s in sentences for label in s.labels) == 102


def test_petrarch_records(petrarch):
    assert len(petrarch) == 284
    assert sum(record.noevents for record in petrarch) == 19
    assert sum(record.error is not None for record in petrarch) == 7
    # SOURCES.md counts 360 <EventCoding> lines; one of them is commented out in the file.
    assert sum(len(record.events) for record in petrarch) == 359
    first = petrarch[0]
    assert (first.id, first.date, first.events, first.noevents) == ("DEMO-00", "1995-01-01", [("ARN", "GON", "064")], False)
    assert first.text.startswith("Arnor is about to restore full diplomatic ties with Gondor almost five years")


def test_petrarch_error_records(petrarch):
    errors = Counter(record.error for record in petrarch if record.error)
    assert errors == {"bad_input_parse": 2, "storydiscard": 2, "sentencediscard": 2, "dateline": 1}


@pytest.mark.parametrize(
    "reader, name, content, message",
    [
        (read_confli_class, "c.tsv", "fine text\t1\nno label here\n", r"c.tsv:2:"),
        (read_confli_class, "c.tsv", "text\t7\n", r"c.tsv:1:"),
        (read_confli_ner, "n.txt", "Arnor B-S\n\nGondor X-T\n", r"n.txt:3:"),
        (read_petrarch_records, "p.xml", "<Sentences>\n<Sentence id='a'>\n</Sentences>\n", r"p.xml:3: malformed XML"),
        (read_plover_gsr, "g.json", '[{"id": "x", "event": "MEET"}]', r"g.json: record x: unknown PLOVER event 'MEET'"),
        (read_plover_gsr, "g.json", '[{"id": "x",\n "event": }]', r"g.json:2: invalid JSON"),
    ],
)
def test_malformed_files_name_file_and_line(tmp_path, reader, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DatasetError, match=message):
        reader(path)


def test_ner_file_without_trailing_blank_line(tmp_path):
    path = tmp_path / "n.txt"
    path.write_text("Arnor B-S\nmet O\nGondor B-T\n\nThey B-R\ntalked O", encoding="utf-8")
    assert read_confli_ner(path) == [
        NerSentence(["Arnor", "met", "Gondor"], ["B-S", "O", "B-T"]),
        NerSentence(["They", "talked"], ["B-R", "O"]),
    ]
