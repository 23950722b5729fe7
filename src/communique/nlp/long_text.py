"""Long texts within bounds: parsed in pieces, and no sentence longer than the parser can take
in reasonable time.

spaCy refuses texts over ``nlp.max_length`` and its memory grows with the length of what it
parses at once; a text longer than :data:`CHUNK_CHARS` is cut at paragraph breaks (else line
breaks, sentence ends, spaces) into pieces parsed one by one and joined back into one Doc whose
text is the original, character for character. Given more than one process, the pieces are
parsed in forked processes that share the loaded model, and come back serialised in order: the
Doc is the one a single process makes. A run of more than :data:`MAX_SENTENCE_TOKENS`
tokens with no sentence end ("a line without punctuation") is cut into sentences of that length
before parsing, and the document says so.
"""

from __future__ import annotations

import gc
import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

CHUNK_CHARS = 100_000
MAX_SENTENCE_TOKENS = 400
CUT_KEY = "communique_cut_sentences"
CAP_COMPONENT = "communique_sentence_cap"
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")
_SEPARATORS = ("\n\n", "\n")
_forked_nlp: Language | None = None  # the pipeline the forked processes of one long text parse with


def split_text(text: str, limit: int | None = None) -> list[str]:
    """Pieces of at most ``limit`` (default :data:`CHUNK_CHARS`) characters whose concatenation is
    ``text``, cut at the latest paragraph break, else line break, sentence end or space in the
    second half of each piece."""
    limit = limit or CHUNK_CHARS
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        pieces.append(window[:_cut(window)])
        start += len(pieces[-1])
    pieces.append(text[start:])
    return pieces


def _cut(window: str) -> int:
    half = len(window) // 2
    for separator in _SEPARATORS:
        at = window.rfind(separator, half)
        if at >= 0:
            return at + len(separator)
    ends = [m.end() for m in _SENTENCE_END.finditer(window, half)]
    if ends:
        return ends[-1]
    at = max(window.rfind(" ", half), window.rfind("\t", half))
    return at + 1 if at >= 0 else len(window)


def parse_long(nlp: Language, text: str, processes: int = 1) -> Doc:
    """One Doc for ``text``, parsed piece by piece, on up to ``processes`` processes, when it is long."""
    pieces = split_text(text)
    if len(pieces) == 1:
        return nlp(text)
    docs = parse_pieces(nlp, pieces, processes)
    cut = sum(d.user_data.pop(CUT_KEY, 0) for d in docs)  # (Doc.from_docs warns of user data it drops)
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    joined.user_data[CUT_KEY] = cut
    return joined


def parse_pieces(nlp: Language, pieces: list[str], processes: int = 1) -> list[Doc]:
    """A Doc for each piece, in order, each parsed alone; on forked processes where the system forks."""
    processes = min(processes, len(pieces))
    if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return list(nlp.pipe(pieces, batch_size=1))
    global _forked_nlp
    _forked_nlp = nlp
    # frozen, the objects of this process are left alone by the collector of the forked ones,
    # which then copy fewer of its memory pages
    frozen = not gc.get_freeze_count()
    if frozen:
        gc.freeze()
    try:
        with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
            return [Doc(nlp.vocab).from_bytes(data) for data in pool.map(_parse_piece, pieces)]
    finally:
        _forked_nlp = None
        if frozen:
            gc.unfreeze()


def _parse_piece(piece: str) -> bytes:
    assert _forked_nlp is not None  # set before the fork
    return next(_forked_nlp.pipe([piece], batch_size=1)).to_bytes()


def pipe_texts(nlp: Language, texts: Iterable[str], batch_size: int, processes: int = 1) -> Iterator[Doc]:
    """``nlp.pipe`` over ``texts`` in order, with long texts parsed in pieces."""
    short: list[tuple[int, str]] = []
    texts = list(texts)
    parsed: dict[int, Doc] = {}
    for i, text in enumerate(texts):
        if len(text) > CHUNK_CHARS:
            parsed[i] = parse_long(nlp, text, processes)
        else:
            short.append((i, text))
    for (i, _), doc in zip(short, nlp.pipe((t for _, t in short), batch_size=batch_size)):
        parsed[i] = doc
    for i in range(len(texts)):
        yield parsed.pop(i)


CLOSING = frozenset({'"', "”", "’", "'", ")", "]", "»"})


@Language.component(CAP_COMPONENT)
def cap_sentences(doc: Doc) -> Doc:
    """Mark a sentence start after each paragraph break (a paragraph ends its sentence, though its
    last word ends in an abbreviation: "... witnessed by President Marcos Jr.") and every
    :data:`MAX_SENTENCE_TOKENS` tokens in a run with no sentence end."""
    run, cut, paragraph = 0, 0, False
    for token in doc:
        if paragraph and not token.is_space:
            token.is_sent_start = True
            run, paragraph = 0, False
        elif token.i > 0 and token.text in CLOSING and doc[token.i - 1].text in (".", "!", "?") \
                and not doc[token.i - 1].whitespace_:
            token.is_sent_start = False  # 'would be "futile."': the quote closes the sentence it ends,
            after = next((t for t in doc[token.i + 1:token.i + 3] if not t.is_space), None)
            if after is not None and (token.whitespace_ or doc[token.i + 1].is_space) and after.text[:1].isupper():
                after.is_sent_start = True  # and a capital after it starts the next
        if token.is_space and "\n\n" in token.text:
            paragraph = True
        if run >= MAX_SENTENCE_TOKENS and not token.is_space:
            token.is_sent_start = True
            run, cut = 0, cut + 1
        run += 1
        if token.text in (".", "!", "?") or "\n" in token.text:
            run = 0
    if cut:
        doc.user_data[CUT_KEY] = cut
    return doc


def with_sentence_cap(nlp: Language) -> Language:
    """``nlp`` with the sentence cap before its parser (added once)."""
    if CAP_COMPONENT not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(CAP_COMPONENT, before="parser")
    return nlp
