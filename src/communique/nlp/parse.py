"""The ``parse`` stage: tokenise, tag, parse and split sentences with spaCy."""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from pydantic import Field

from ..records import Document, Sentence
from ..registry import StageSettings, stage
from .long_text import CUT_KEY, MAX_SENTENCE_TOKENS, parse_long, pipe_texts, with_sentence_cap
from .model import DEFAULT_MODEL, load_model


class Parser:
    """spaCy over documents; the pieces of a long text are parsed on up to ``processes`` processes."""

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 32, processes: int = 1) -> None:
        self.nlp = with_sentence_cap(load_model(model))
        self.batch_size = batch_size
        self.processes = processes

    def __call__(self, doc: Document) -> Document:
        return _attach(doc, parse_long(self.nlp, doc.text, self.processes))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        docs = list(docs)
        parsed = pipe_texts(self.nlp, (d.text for d in docs), batch_size=self.batch_size, processes=self.processes)
        for doc, sdoc in zip(docs, parsed):
            yield _attach(doc, sdoc)


def _attach(doc: Document, sdoc) -> Document:
    doc.annotations["spacy"] = sdoc
    cut = sdoc.user_data.get(CUT_KEY, 0)
    warning = (f"{cut} run(s) of more than {MAX_SENTENCE_TOKENS} words without a sentence end were cut "
               "into sentences of that length")
    if cut and warning not in doc.warnings:
        doc.warnings.append(warning)
    doc.sentences = [
        Sentence(index=i, start=s.start_char, end=s.end_char, text=s.text) for i, s in enumerate(sdoc.sents)
    ]
    return doc


class ParseSettings(StageSettings):
    model: str | None = None  # a spaCy pipeline; default: [nlp] model
    batch_size: int = 32
    processes: int = Field(1, ge=1)  # processes that parse the pieces of one long text


@stage("parse", requires=[], assigns=["doc.spacy", "doc.sentences"], settings=ParseSettings)
def make_parser(settings: dict[str, Any]) -> Parser:
    config = settings.get("_config", {})
    model = settings.get("model") or config.get("nlp", {}).get("model", DEFAULT_MODEL)
    return Parser(model=model, batch_size=int(settings.get("batch_size", 32)), processes=int(settings.get("processes", 1)))
