"""Documents built by hand for stage-level tests: parsed as the parse stage leaves them, with
events placed on a chosen trigger, as the events stage would."""

from __future__ import annotations

from pathlib import Path

from communique.ingest import read_inputs
from communique.nlp.model import load_model
from communique.records import Document, Event, Evidence, Sentence, Trigger


def parse_into(doc: Document) -> Document:
    sdoc = load_model()(doc.text)
    doc.annotations["spacy"] = sdoc
    doc.sentences = [Sentence(i, s.start_char, s.end_char, s.text) for i, s in enumerate(sdoc.sents)]
    return doc


def parsed_document(text: str, *, dateline: str | None = None, published: str | None = None) -> Document:
    """A parsed Document of ``text``."""
    return parse_into(Document(doc_id="test", text=text, content_hash="0", dateline_place=dateline,
                               published=published))


def sample_article(examples: Path, name: str) -> Document:
    """A sample article read by the real ingest layer (metadata parsed, dateline stripped), parsed."""
    path = next(examples.glob(f"{name}_*.txt"))
    doc = next(iter(read_inputs([path])))
    assert isinstance(doc, Document), doc
    return parse_into(doc)


def add_event(doc: Document, sentence_part: str, trigger: str, mode: str | None = None) -> Event:
    """An event coded from the sentence containing ``sentence_part``, triggered by ``trigger``."""
    index = next(i for i, s in enumerate(doc.sentences) if sentence_part in s.text)
    sent = doc.sentences[index]
    start = sent.start + sent.text.index(trigger)
    event = Event(
        event_id=f"e{len(doc.events)}", doc_id=doc.doc_id, event_type="CONSULT", cameo="040", mode=mode,
        sentence_index=index, trigger=Trigger(trigger, start, start + len(trigger)),
        evidence=[Evidence(doc.doc_id, sent.text, sent.start, sent.end, index)],
    )
    doc.events.append(event)
    return event
