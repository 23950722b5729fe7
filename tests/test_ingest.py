"""Ingest specification: text in any supported shape becomes a normalised Document, or a Failure."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from communique.ingest import EmptyArticle, document_from_text, read_inputs
from communique.ingest.lexicon import LexiconError, load_lexicon
from communique.records import Document, Failure

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def ingest(text: str, **metadata) -> Document:
    return document_from_text(text, doc_id="t", origin="t", **metadata)


def read_all(*paths, **kwargs) -> list[Document | Failure]:
    return list(read_inputs([str(p) for p in paths], **kwargs))


def summary(item: Document | Failure) -> tuple:
    if isinstance(item, Failure):
        return ("failure", item.origin, item.reason)
    return ("document", item.doc_id, item.origin)


# --- the sample articles -------------------------------------------------------------------

SAMPLE_GOLDEN = {
    "000_5d86ad8f59b759c7": {
        "metadata": {"doc_id": "000_5d86ad8f59b759c7", "title": None, "source": None,
                     "published": "2021-04-23", "dateline_place": "Dongxing", "dateline_date": "Apr. 23"},
        "starts": "The 10th Defense and Security Consultation between the ministries",
        "contains": ["Lt. Gen. Shao noted", "Sen. Lt. Gen. Hoang Xuan Chien said",
                     "in the new era. Lt. Gen. Shao added"],
    },
    "003_73568821c3b19598": {
        "metadata": {"doc_id": "003_73568821c3b19598", "title": "Vietnam, China beef up defence ties",
                     "source": "VOVworld", "published": None, "dateline_place": None, "dateline_date": None},
        "starts": "China wants to deepen result-oriented defense cooperation",
        # the photo caption between these paragraphs is gone, the paragraph break stays
        "contains": ["in Beijing on November 2.\n\nVinh is leading",
                     "between China and ASEAN member states",
                     "against France and the US."],
    },
}


@pytest.fixture(scope="module")
def sample_docs(examples: Path) -> dict[str, Document]:
    docs = read_all(examples)
    assert all(isinstance(doc, Document) for doc in docs), docs
    return {doc.doc_id: doc for doc in docs}


@pytest.mark.parametrize("doc_id", sorted(SAMPLE_GOLDEN))
def test_sample_article_metadata_is_parsed_and_stripped(sample_docs, examples, doc_id):
    golden = SAMPLE_GOLDEN[doc_id]
    doc = sample_docs[doc_id]
    assert {key: getattr(doc, key) for key in golden["metadata"]} == golden["metadata"]
    assert doc.origin == str(examples / f"{doc_id}.txt")
    assert doc.text.startswith(golden["starts"])
    for passage in golden["contains"]:
        assert passage in doc.text
    assert doc.content_hash == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("doc_id", sorted(SAMPLE_GOLDEN))
def test_sample_article_body_is_clean(sample_docs, doc_id):
    text = sample_docs[doc_id].text
    assert "ảnh" not in text
    assert "date 20" not in text
    assert not re.search(r"[a-z]{2}[.!?][A-Z]", text), "glued sentence left in body"
    assert not re.search(r"[ \t]{2,}| \n|\n ", text), "unnormalised whitespace"
    assert text == text.strip()


def test_gold_evidence_sentences_occur_verbatim_in_the_bodies(sample_docs, shared):
    for line in (shared / "eval" / "seeds.gold.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        (doc,) = [doc for doc_id, doc in sample_docs.items() if doc_id.startswith(gold["doc"])]
        assert gold["evidence"] in doc.text, gold["id"]


def test_reingesting_a_body_gives_the_same_body_and_hash(sample_docs):
    for doc in sample_docs.values():
        again = ingest(doc.text)
        assert (again.text, again.content_hash) == (doc.text, doc.content_hash)


def test_hash_ignores_line_endings_and_spacing(examples):
    raw = (examples / "003_73568821c3b19598.txt").read_text(encoding="utf-8")
    messy = raw.replace("\n", " \r\n").replace(" ", "  ").replace("Vietnam", "Vietnam\u00a0", 1)
    assert ingest(messy).content_hash == ingest(raw).content_hash


# --- normalisation -------------------------------------------------------------------------

NORMALISATION_CASES = [
    # (what, input, expected body)
    ("glued sentence", "The talks ended last year.The delegation left.",
     "The talks ended last year. The delegation left."),
    ("glued after a number", "They met in 2020.The talks resumed.", "They met in 2020. The talks resumed."),
    ("glued after a bracket", "It is led by the Central Military Commission (CMC).Both sides agreed.",
     "It is led by the Central Military Commission (CMC). Both sides agreed."),
    ("glued after a quote", 'He said "we agree."The minister left.', 'He said "we agree." The minister left.'),
    ("glued one-letter word", "They signed it last year.A new round follows.",
     "They signed it last year. A new round follows."),
    ("glued question", "Will they meet?Officials did not say.", "Will they meet? Officials did not say."),
    ("U.S. untouched", "The U.S. and China held talks. U.S.-China ties improved.",
     "The U.S. and China held talks. U.S.-China ties improved."),
    ("latin abbreviations untouched", "Partners, e.g. Japan, i.e. allies, met.", "Partners, e.g. Japan, i.e. allies, met."),
    ("numbers untouched", "Growth was 3.5 percent, No.1 in Asia, worth 1,000.50 dollars.",
     "Growth was 3.5 percent, No.1 in Asia, worth 1,000.50 dollars."),
    ("initials untouched", "J.R.R. Tolkien and George W. Bush met at 9 a.m. Monday.",
     "J.R.R. Tolkien and George W. Bush met at 9 a.m. Monday."),
    ("URL untouched", "Read https://www.Example.Com/World.News today.", "Read https://www.Example.Com/World.News today."),
    ("domain untouched", "Sites such as VnExpress.Net and xinhuanet.com reported it.",
     "Sites such as VnExpress.Net and xinhuanet.com reported it."),
    ("e-mail untouched", "Write to press.office@Mofa.Gov.Vn for details.", "Write to press.office@Mofa.Gov.Vn for details."),
    ("spaces collapsed", "China  and\tVietnam \u00a0 met.", "China and Vietnam met."),
    ("zero-width and soft hyphen removed", "Viet\u200bnam and Cam\u00adbodia met.", "Vietnam and Cambodia met."),
    ("unicode NFC", "Vie\u0302\u0323t Nam and Ha\u0300 No\u0323\u0302i.", "Việt Nam and Hà Nội."),
    ("CRLF and blank runs", "First paragraph.\r\n\r\n\r\n\r\nSecond paragraph.\r\nThird paragraph.",
     "First paragraph.\n\nSecond paragraph.\nThird paragraph."),
    ("hard-wrapped lines joined", "The ministers agreed to\nexpand cooperation.\nNew paragraph.",
     "The ministers agreed to expand cooperation.\nNew paragraph."),
    ("lines stripped", "  Leading space.  \n   Trailing space.   ", "Leading space.\nTrailing space."),
]


@pytest.mark.parametrize("what, raw, expected", NORMALISATION_CASES, ids=[c[0] for c in NORMALISATION_CASES])
def test_normalisation(what, raw, expected):
    assert ingest(raw).text == expected


# --- metadata in the text ------------------------------------------------------------------

METADATA_CASES = [
    # (input, expected metadata, body start)
    ("date 2021-04-23 DONGXING, Apr. 23 -- The talks were held.",
     {"published": "2021-04-23", "dateline_place": "Dongxing", "dateline_date": "Apr. 23"}, "The talks"),
    ("BEIJING, Nov. 2 (Xinhua) -- China said it would help.",
     {"dateline_place": "Beijing", "dateline_date": "Nov. 2", "source": "Xinhua"}, "China said"),
    ("HANOI (Reuters) - Vietnam said on Monday it would help.",
     {"dateline_place": "Hanoi", "dateline_date": None, "source": "Reuters"}, "Vietnam said"),
    ("WASHINGTON — The United States imposed sanctions.",
     {"dateline_place": "Washington", "source": None}, "The United States"),
    ("KYIV, Ukraine (AP) — Russia launched drones overnight.",
     {"dateline_place": "Kyiv", "source": "AP"}, "Russia launched"),
    ("NEW DELHI, Jan 5 (AFP) - India and Nepal signed a deal.",
     {"dateline_place": "New Delhi", "dateline_date": "Jan 5", "source": "AFP"}, "India and Nepal"),
    ("UNITED NATIONS, March 5, 2024 (AP) — The council voted.",
     {"dateline_place": "United Nations", "dateline_date": "March 5, 2024"}, "The council"),
    ("Hanoi (VNA) – Vietnam and Laos signed a protocol.",
     {"dateline_place": "Hanoi", "source": "VNA"}, "Vietnam and Laos"),
    ("MOSCOW, March 5. /TASS/. Russia and China held consultations.",
     {"dateline_place": "Moscow", "dateline_date": "March 5", "source": "TASS"}, "Russia and China"),
    ("Beijing, 5 March (xinhua) - China welcomed the visit.",
     {"dateline_place": "Beijing", "dateline_date": "5 March", "source": "Xinhua"}, "China welcomed"),
    ("ST. PETERSBURG, June 3 -- Putin met the envoy.",
     {"dateline_place": "St. Petersburg", "dateline_date": "June 3"}, "Putin met"),
    ("Vietnam, China beef up defence ties\n\n(VOVworld)- China wants to deepen ties.",
     {"title": "Vietnam, China beef up defence ties", "source": "VOVworld"}, "China wants"),
    ("(VOVWORLD) - Vietnam hosted the talks.", {"source": "VOVworld", "title": None}, "Vietnam hosted"),
    ("(Example News) - Vietnam hosted the talks.", {"source": "Example News"}, "Vietnam hosted"),
    ("date 2024-03-05\nLeaders meet in Hanoi\n\nHANOI (Reuters) - Leaders met.",
     {"published": "2024-03-05", "title": "Leaders meet in Hanoi", "dateline_place": "Hanoi"}, "Leaders met."),
    ("LIMA\n\nPeru and Chile held talks on Monday.", {"dateline_place": "Lima", "title": None}, "Peru and Chile"),
    ("BUENOS AIRES\nArgentina hosted the drills.", {"dateline_place": "Buenos Aires"}, "Argentina hosted"),
    ("Lima: Peru on Monday protested to Chile.", {"dateline_place": "Lima"}, "Peru on Monday"),
    ("Peru protests again.\n\nLima: Peru on Monday protested to Chile.", {"dateline_place": "Lima"},
     "Peru protests again.\n\nPeru on Monday"),
    # not metadata: left in the body
    ("Note: Peru protested.", {"dateline_place": None}, "Note: Peru protested."),
    ("Peru said: Chile must stop.", {"dateline_place": None}, "Peru said: Chile"),
    ("LIMA WARNS SANTIAGO\n\nPeru warned Chile.", {"dateline_place": None, "title": "LIMA WARNS SANTIAGO"},
     "Peru warned"),
    ("US - China ties warmed in May.", {"dateline_place": None, "source": None}, "US - China ties"),
    ("U.S. - China ties warmed in May.", {"dateline_place": None}, "U.S. - China ties"),
    ("NATO allies met in Brussels.", {"dateline_place": None}, "NATO allies"),
    ("China and Vietnam met on Monday.\n\nThey agreed to talk again.", {"title": None}, "China and Vietnam"),
    ('He said: "We agree."\n\nThey agreed to talk again.', {"title": None}, "He said"),
    ("date 2021-13-45 talks were held.", {"published": None,
     "warnings": ["date line: published date '2021-13-45' is not an ISO date (YYYY-MM-DD); "
                  "coded with the date unknown"]}, "talks were held."),
    ("date 0001-01-01\nTalks were held last year.", {"published": None,
     "warnings": ["date line: published date 0001-01-01 is out of range (years 1800 to 2200); "
                  "coded with the date unknown"]}, "Talks were held"),
    ("date 2021-04-23\nTalks were held.", {"published": "2021-04-23", "warnings": []}, "Talks were held"),
]


@pytest.mark.parametrize("raw, expected, body_start", METADATA_CASES, ids=[c[0][:40] for c in METADATA_CASES])
def test_metadata_parsed_from_text(raw, expected, body_start):
    doc = ingest(raw)
    assert {key: getattr(doc, key) for key in expected} == expected
    assert doc.text.startswith(body_start)


CAPTION_CASES = [
    "Leaders shake hands in Hanoi - ảnh 1",
    "The delegations at the meeting - Photo 2",
    "(Photo: VNA)",
    "Photo: Reuters",
    "Deputy Prime Minister Tran Luu Quang (right) meets the Lao ambassador (Photo: VNA)",
]


@pytest.mark.parametrize("caption", CAPTION_CASES)
def test_image_captions_are_dropped(caption):
    doc = ingest(f"The ministers met in Hanoi.\n{caption}\nThey agreed to expand cooperation.")
    assert doc.text == "The ministers met in Hanoi.\nThey agreed to expand cooperation."


def test_explicit_metadata_wins_over_parsed_and_is_still_stripped():
    doc = ingest("Old headline\n\ndate 2021-04-23 HANOI (Reuters) - Vietnam said.",
                 title="New title", source="VnExpress", published="2022-01-02T08:00:00+07:00",
                 url=" https://example.org/a ")
    assert (doc.title, doc.source, doc.published, doc.url) == ("New title", "VnExpress", "2022-01-02",
                                                               "https://example.org/a")
    assert doc.dateline_place == "Hanoi"
    assert doc.text == "Vietnam said."


def test_a_first_line_saying_more_than_the_given_title_is_the_standfirst_and_stays():
    """With a title given, a headline-like first line longer than it is the outlet's summary of the
    story ("... after two shells fired from X landed in Y"), kept as the first paragraph; the dateline
    after it is still read. A shorter one is another headline, dropped."""
    doc = ingest("Lima lodges a strong protest after two shells fired from Peru landed across the border in Arica\n\n"
                 "SANTIAGO (Reuters) - Chile summoned Peru's ambassador on Monday.",
                 title="Chile summons Peru envoy over shells")
    assert doc.title == "Chile summons Peru envoy over shells"
    assert doc.dateline_place == "Santiago"
    assert doc.text == ("Lima lodges a strong protest after two shells fired from Peru landed across the border in "
                        "Arica\n\nChile summoned Peru's ambassador on Monday.")


def test_explicit_title_repeated_as_first_line_is_removed():
    doc = ingest("Vietnam, Laos agree on border\nHANOI (VNA) – The two sides agreed.",
                 title="Vietnam, Laos agree on border")
    assert doc.text == "The two sides agreed."


@pytest.mark.parametrize("bad, problem", [("05/03/2024", "not an ISO date"), ("March 5", "not an ISO date"),
                                          ("2024-02-30", "not an ISO date"), ("9999-12-31", "out of range")])
def test_explicit_published_must_be_iso(bad, problem):
    with pytest.raises(ValueError, match=problem):
        ingest("China and Laos met.", published=bad)


@pytest.mark.parametrize("raw", ["", "   \n\n ", "date 2021-04-23", "Photo: VNA"])
def test_text_without_article_body_is_rejected(raw):
    with pytest.raises(EmptyArticle, match="no article text"):
        ingest(raw)


# --- input shapes --------------------------------------------------------------------------

def test_text_file_gives_one_document_named_after_the_file():
    (doc,) = read_all(FIXTURES / "corpus" / "a_talks.txt")
    assert (doc.doc_id, doc.origin) == ("a_talks", str(FIXTURES / "corpus" / "a_talks.txt"))
    assert (doc.title, doc.source, doc.dateline_place, doc.dateline_date) == (
        "China, Laos hold border talks", "Xinhua", "Vientiane", "May 12")
    assert doc.text.startswith("Chinese and Lao border officials")


def test_directory_is_read_recursively_in_sorted_order_skipping_hidden_entries():
    corpus = FIXTURES / "corpus"
    assert [summary(item) for item in read_all(corpus)] == [
        ("document", "a_talks", str(corpus / "a_talks.txt")),
        ("document", "r1", f"{corpus / 'b_records.jsonl'}:1"),
        ("document", "r2", f"{corpus / 'b_records.jsonl'}:2"),
        ("document", "c_visit", str(corpus / "nested" / "c_visit.txt")),
    ]


def test_jsonl_yields_documents_and_a_failure_per_bad_line():
    path = FIXTURES / "records.jsonl"
    items = read_all(path)
    assert [summary(item) for item in items] == [
        ("document", "jp-ph-1", f"{path}:1"),
        ("failure", f"{path}:3", "line 3: invalid JSON: Expecting ',' delimiter: line 1 column 44 (char 43)"),
        ("failure", f"{path}:4", "line 4: missing required field 'text'"),
        ("document", "bad-date", f"{path}:5"),
        ("document", "42", f"{path}:6"),
        ("failure", f"{path}:7", "line 7: expected a JSON object, got array"),
    ]
    assert items[3].published is None and items[3].warnings == [
        "line 5: field 'published': published date 'March 5, 2024' is not an ISO date (YYYY-MM-DD); "
        "coded with the date unknown"]
    first = items[0]
    assert (first.title, first.source, first.url, first.published, first.dateline_place) == (
        "Japan, Philippines sign troop pact", "Reuters wire", "https://example.org/jp-ph", "2024-07-08", "Manila")
    assert first.text.startswith("Japan and the Philippines signed")


def test_json_file_holds_one_record_or_a_list(tmp_path):
    records = [{"id": "a", "text": "Laos and Thailand met."}, {"id": "b"}]
    (tmp_path / "list.json").write_text(json.dumps(records), encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({"id": "c", "text": "Chile and Peru met."}), encoding="utf-8")
    assert [summary(item) for item in read_all(tmp_path)] == [
        ("document", "a", f"{tmp_path / 'list.json'}#1"),
        ("failure", f"{tmp_path / 'list.json'}#2", "record 2: missing required field 'text'"),
        ("document", "c", str(tmp_path / "one.json")),
    ]


def test_html_page_gives_the_article_with_page_metadata():
    (doc,) = read_all(FIXTURES / "article.html")
    assert (doc.doc_id, doc.title, doc.source, doc.published, doc.dateline_place) == (
        "article", "Vietnam, Laos agree to boost border security", "Example Daily", "2022-06-15", "Hanoi")
    assert doc.text.startswith("Vietnamese and Lao defence officials agreed on Wednesday")
    assert "next meeting in Vientiane" in doc.text
    for boilerplate in ("Home", "Sport", "Copyright", "boost border security"):
        assert boilerplate not in doc.text


STDIN_CASES = [
    ("plain text", "date 2024-03-05 HANOI (Reuters) - Vietnam and Laos met.",
     [("document", "stdin", "stdin")]),
    ("jsonl", '{"id": "a", "text": "Laos and Vietnam met."}\n\n{"id": "b", "text": ""}\n{"id": "c"}\n',
     [("document", "a", "stdin:1"), ("failure", "stdin:3", "line 3: no article text"),
      ("failure", "stdin:4", "line 4: missing required field 'text'")]),
    ("html", (FIXTURES / "article.html").read_text(encoding="utf-8"), [("document", "stdin", "stdin")]),
    ("braces in prose stay text", "{Draft} China and Laos met.\nThey agreed.", [("document", "stdin", "stdin")]),
    ("empty", " \n", [("failure", "stdin", "empty input")]),
]


@pytest.mark.parametrize("what, content, expected", STDIN_CASES, ids=[c[0] for c in STDIN_CASES])
def test_stdin_is_detected_as_jsonl_html_or_text(what, content, expected):
    assert [summary(item) for item in read_all("-", stdin=io.StringIO(content))] == expected


def test_stdin_html_keeps_page_metadata():
    page = (FIXTURES / "article.html").read_text(encoding="utf-8")
    (doc,) = read_all("-", stdin=io.StringIO(page))
    assert (doc.title, doc.source, doc.published) == (
        "Vietnam, Laos agree to boost border security", "Example Daily", "2022-06-15")


def test_stdin_larger_than_the_limit_is_refused():
    (failure,) = read_all("-", stdin=io.StringIO("China and Laos met. " * 100), max_bytes=1000)
    assert failure == Failure(origin="stdin", reason="input too large: more than the 1,000 bytes limit")


# --- bad input -----------------------------------------------------------------------------

BAD_FILES = [
    ("empty.txt", "empty file"),
    ("image.txt", "binary file (not text)"),
    ("latin1.txt", "not UTF-8 text: invalid byte 0xe9 at offset 3"),
    ("metadata_only.txt", "no article text (only metadata or captions)"),
    ("no_article.html", "no article text found in HTML"),
    ("missing.txt", "no such file or directory"),
]


@pytest.mark.parametrize("name, reason", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_file_yields_a_failure_and_reading_goes_on(name, reason):
    good = FIXTURES / "corpus" / "a_talks.txt"
    items = read_all(FIXTURES / name, good)
    assert summary(items[0]) == ("failure", str(FIXTURES / name), reason)
    assert summary(items[1]) == ("document", "a_talks", str(good))


def test_file_larger_than_the_limit_is_refused_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:  # sparse: 50 MiB of size without writing it
        fh.truncate(50 * 1024 * 1024)
    real_read_bytes = Path.read_bytes

    def guarded_read_bytes(self: Path) -> bytes:
        assert self != big, "a file over the limit was read"
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", guarded_read_bytes)
    (failure,) = read_all(big)
    assert failure == Failure(origin=str(big), reason="file too large: 52.4 MB > 20.0 MB limit")


def test_unreadable_file_in_a_directory_is_reported_and_the_rest_is_read(tmp_path, monkeypatch):
    (tmp_path / "a_locked.txt").write_text("Laos and Vietnam met.", encoding="utf-8")
    (tmp_path / "b_open.txt").write_text("Chile and Peru met.", encoding="utf-8")
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "a_locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert [summary(item) for item in read_all(tmp_path)] == [
        ("failure", str(tmp_path / "a_locked.txt"), "cannot read file: permission denied"),
        ("document", "b_open", str(tmp_path / "b_open.txt")),
    ]


def test_unreadable_subdirectory_is_reported_and_the_rest_is_read(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "x.txt").write_text("Laos and Vietnam met.", encoding="utf-8")
    (tmp_path / "open.txt").write_text("Chile and Peru met.", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert [summary(item) for item in read_all(tmp_path)] == [
        ("failure", str(tmp_path / "locked"), "cannot read directory: permission denied"),
        ("document", "open", str(tmp_path / "open.txt")),
    ]


def test_non_utf8_jsonl_line_fails_alone(tmp_path):
    path = tmp_path / "mixed.jsonl"
    data = b'{"id": "a", "text": "Laos met Peru."}\n{"id": "b", "text": "Caf\xe9 talks."}\n'
    path.write_bytes(data)
    assert [summary(item) for item in read_all(path)] == [
        ("document", "a", f"{path}:1"),
        ("failure", f"{path}:2", f"line 2: not UTF-8 text: invalid byte 0xe9 at offset {data.index(0xE9)}"),
    ]


def test_unexpected_error_becomes_a_failure(monkeypatch):
    import communique.ingest.readers as readers

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(readers, "document_from_text", explode)
    good = FIXTURES / "corpus" / "a_talks.txt"
    assert [summary(item) for item in read_all(good)] == [
        ("failure", str(good), "unexpected error: RuntimeError: boom")]


# --- data file and layering ----------------------------------------------------------------

def test_packaged_lexicon_loads():
    lexicon = load_lexicon()
    assert lexicon.canonical_outlet("VOVWORLD") == "VOVworld"
    assert lexicon.canonical_outlet("Unlisted Daily") == "Unlisted Daily"
    assert "ảnh" in lexicon.caption_words


@pytest.mark.parametrize("content, message", [
    ("outlets: [Xinhua]\n", "'caption_words' must be a list of strings"),
    ("outlets: [Xinhua, '']\ncaption_words: [photo]\n", "'outlets' entry 2 must be a non-empty string"),
    ("outlets: []\ncaption_words: []\nextra: []\n", "unknown key(s) extra"),
    ("- just a list\n", "expected a mapping"),
])
def test_malformed_lexicon_names_the_file_and_entry(tmp_path, content, message):
    path = tmp_path / "lexicon.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as error:
        load_lexicon(path)
    assert str(path) in str(error.value) and message in str(error.value)


def test_ingest_does_not_load_spacy():
    code = "import sys, communique.ingest; sys.exit('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_a_jsonl_file_larger_than_the_limit_is_streamed_record_by_record(tmp_path):
    path = tmp_path / "many.jsonl"
    lines = [json.dumps({"id": f"n{i}", "text": f"Laos and Vietnam met for the {i}th time."}) for i in range(300)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read_all(path, max_bytes=200)
    assert [summary(item)[:2] for item in items] == [("document", f"n{i}") for i in range(300)]


def test_a_jsonl_record_over_the_limit_fails_alone(tmp_path):
    path = tmp_path / "mixed.jsonl"
    big = json.dumps({"id": "big", "text": "Chile and Peru met. " * 50})
    path.write_text("\n".join([json.dumps({"id": "a", "text": "Laos and Vietnam met."}), big,
                               json.dumps({"id": "b", "text": "Chile and Peru met."})]), encoding="utf-8")
    items = read_all(path, max_bytes=300)
    assert [summary(item) for item in items] == [
        ("document", "a", f"{path}:1"),
        ("failure", f"{path}:2", f"line 2: record too large: {len(big) + 1:,} bytes > 300 bytes limit"),
        ("document", "b", f"{path}:3")]


def test_a_header_of_key_value_lines_gives_the_articles_metadata():
    """Saved articles often open with "title: ...", "source: ...", "url: ...", "published: ..." and
    a blank line; the header is metadata, not text, and "unknown" is no date."""
    raw = ("title: Envoys meet in Lima\nsource: Example Wire\nurl: https://example.org/a\npublished: 2023-05-18\n\n"
           "LIMA - Chilean and Peruvian envoys met on Tuesday.\n")
    doc = document_from_text(raw, doc_id="a", origin="a.txt")
    assert (doc.title, doc.source, doc.url, doc.published, doc.dateline_place) == (
        "Envoys meet in Lima", "Example Wire", "https://example.org/a", "2023-05-18", "Lima")
    assert doc.text == "Chilean and Peruvian envoys met on Tuesday."
    unknown = document_from_text(raw.replace("2023-05-18", "unknown"), doc_id="b", origin="b.txt")
    assert (unknown.published, unknown.warnings) == (None, [])


def test_a_first_paragraph_that_is_not_all_header_lines_stays_text():
    raw = "Note: the envoys met in Lima on Tuesday.\nThey agreed to meet again.\n\nMore talks are planned.\n"
    doc = document_from_text(raw, doc_id="a", origin="a.txt")
    assert doc.text.startswith("Note: the envoys met in Lima") and doc.published is None


def test_the_dev_articles_as_text_files_read_as_their_json_lines(shared):
    """Each development article, saved as a text file with its header, gives the document its JSON
    line gives: the same body, title, outlet, address, publication date and dateline."""
    dev = shared / "eval" / "dev"
    if not (dev / "articles.jsonl").is_file():
        pytest.skip(f"needs the development set at {dev}; not found")
    fields = ("text", "title", "source", "url", "published", "dateline_place", "dateline_date")
    for line in (dev / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        from_json = document_from_text(row["text"], doc_id=row["id"], origin="jsonl", title=row.get("title"),
                                       source=row.get("source"), url=row.get("url"), published=row.get("published"))
        from_file = document_from_text((dev / "articles" / f"{row['id']}.txt").read_text(encoding="utf-8"),
                                       doc_id=row["id"], origin="txt")
        assert [getattr(from_file, f) for f in fields] == [getattr(from_json, f) for f in fields], row["id"]
