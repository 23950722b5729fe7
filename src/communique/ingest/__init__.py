"""Ingest: read articles from files, directories, JSONL, HTML and stdin into Documents."""

from .document import EmptyArticle, content_hash, document_from_text
from .readers import read_file, read_inputs, read_stream

__all__ = ["EmptyArticle", "content_hash", "document_from_text", "read_file", "read_inputs", "read_stream"]
