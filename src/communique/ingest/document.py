"""Build a :class:`~communique.records.Document` from raw article text."""

from __future__ import annotations

import hashlib

from ..records import Document
from .metadata import read_published, split_header, split_metadata
from .normalise import fix_glued_sentences, normalise_inline, normalise_text


class EmptyArticle(ValueError):
    """The text holds no article body once metadata and captions are removed."""


def document_from_text(text: str, *, doc_id: str, origin: str, title: str | None = None,
                       source: str | None = None, url: str | None = None,
                       published: str | None = None) -> Document:
    """Normalise ``text``, parse and strip the metadata it carries, and hash the body.

    Keyword metadata wins over metadata parsed from the text. ``published`` must be an
    ISO date (a date-time is cut to its date) within :data:`PUBLISHED_YEARS`. Raises
    :class:`EmptyArticle` when no body is left and ``ValueError`` for a malformed ``published``.
    A malformed date line in the text is no error: the document carries a warning instead.
    """
    if published is not None and published.strip():
        published, problem = read_published(published)
        if problem:
            raise ValueError(problem)
    else:
        published = None
    title = normalise_inline(title) or None if title else None
    source = normalise_inline(source) or None if source else None

    header, text = split_header(text)
    meta, body = split_metadata(normalise_text(text), known_title=title, header=header)
    body = fix_glued_sentences(body)
    if not body:
        raise EmptyArticle("no article text")
    return Document(
        doc_id=doc_id,
        text=body,
        content_hash=content_hash(body),
        title=title or meta.title,
        source=source or meta.source,
        url=(url.strip() or None if url else None) or meta.url,
        published=published or meta.published,
        dateline_place=meta.dateline_place,
        dateline_date=meta.dateline_date,
        origin=origin,
        warnings=list(meta.problems),
    )


def content_hash(body: str) -> str:
    """sha256 hex digest of the normalised body (UTF-8)."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
