"""Long texts: cut into pieces for the parser, and the pieces of one article parsed on several
processes give the Doc, and so the events and their ids, that one process gives."""

from __future__ import annotations

import pytest

from communique.api import Communique, events_of
from communique.export import event_to_dict
from communique.nlp import long_text
from communique.nlp.long_text import parse_long, split_text, with_sentence_cap
from communique.nlp.model import load_model

PARAGRAPHS = [
    "Foreign Minister Ilse Varga of Norway met her Kenyan counterpart in Nairobi on Monday to discuss trade.",
    "Peru accused Chile of violating the ceasefire, saying {n} soldiers had been killed near Lima since May.",
    "Police in Ankara fired tear gas at protesters on Tuesday and arrested {n} people, a spokesman said.",
    "The European Union said it would send {n} tonnes of food aid to Ethiopia after floods in the north.",
    "Japan and Poland signed an agreement on Friday to expand rail links between Tokyo and Warsaw.",
    "Canada expelled two Iranian diplomats on Sunday, accusing them of espionage. Iran denied the charge.",
]
PIECE = 3_000  # characters per piece in these tests (the parser's own limit is far larger)


def long_article(chars: int) -> str:
    out, n = [], 0
    while sum(len(p) + 2 for p in out) < chars:
        out.append(PARAGRAPHS[n % len(PARAGRAPHS)].format(n=n + 2))
        n += 1
    return "\n\n".join(out)


@pytest.fixture
def small_pieces(monkeypatch):
    monkeypatch.setattr(long_text, "CHUNK_CHARS", PIECE)


@pytest.fixture(scope="module")
def nlp():
    return with_sentence_cap(load_model())


def test_a_long_text_is_cut_at_paragraph_breaks_into_pieces_that_rejoin_to_it():
    text = long_article(10_000)
    pieces = split_text(text, PIECE)
    assert len(pieces) > 3 and "".join(pieces) == text
    assert all(len(p) <= PIECE for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])


def test_a_text_without_breaks_is_cut_at_spaces():
    text = " ".join(["word"] * 2_000)
    pieces = split_text(text, PIECE)
    assert "".join(pieces) == text and all(p.endswith(" ") for p in pieces[:-1])


def test_the_pieces_parsed_on_two_processes_make_the_doc_of_one_process(nlp, small_pieces):
    text = long_article(12_000)
    one, two = parse_long(nlp, text, processes=1), parse_long(nlp, text, processes=2)
    assert two.text == text
    assert two.to_bytes() == one.to_bytes()  # tokens, tags, lemmas, parse, entities, sentences


def test_a_long_article_coded_with_two_workers_has_the_events_and_ids_of_one_process(
        tmp_path, small_pieces, monkeypatch):
    path = tmp_path / "long.txt"
    path.write_text("date 2021-04-24\n" + long_article(12_000) + "\n", encoding="utf-8")
    coder = Communique()
    one = [event_to_dict(e) for e in events_of(coder.code_paths([path], workers=1))]
    spread = []
    parse_pieces = long_text.parse_pieces
    monkeypatch.setattr(long_text, "parse_pieces", lambda nlp, pieces, processes=1: (
        spread.append(processes), parse_pieces(nlp, pieces, processes))[1])
    two = [event_to_dict(e) for e in events_of(coder.code_paths([path], workers=2))]
    assert spread == [2]  # the one article's pieces went to two processes
    assert len(one) >= len(PARAGRAPHS) and two == one


def test_long_articles_coded_by_a_pool_of_workers_have_the_events_of_one_process(tmp_path, small_pieces):
    # each worker of the pool parses its articles alone: no processes of processes
    for n in range(3):
        (tmp_path / f"long{n}.txt").write_text(f"date 2021-04-2{n}\n" + long_article(8_000 + 1_000 * n) + "\n",
                                               encoding="utf-8")
    coder = Communique()
    one = [event_to_dict(e) for e in events_of(coder.code_paths([tmp_path], workers=1))]
    pool = [event_to_dict(e) for e in events_of(coder.code_paths([tmp_path], workers=2, batch_size=1))]
    assert len(one) >= len(PARAGRAPHS) and pool == one


def test_a_paragraph_ends_its_sentence_and_a_closing_quote_stays_with_the_sentence_it_closes():
    """A paragraph break ends a sentence though its last word is an abbreviation ("Marcos Jr."); the
    quote after a full stop closes that sentence, and a capital after it starts the next."""
    from communique.api import Communique

    coder = Communique()
    texts = [s.text.strip() for s in coder.code_text(
        "The pact was witnessed by President Ferdinand Marcos Jr.\n\nManila said the pact was \"historic.\" "
        "Tokyo agreed.", published="2024-07-09").sentences]
    assert texts == ["The pact was witnessed by President Ferdinand Marcos Jr.", 'Manila said the pact was "historic."',
                     "Tokyo agreed."]
