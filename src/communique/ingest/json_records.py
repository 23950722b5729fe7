"""JSON records (one article each) as read from JSONL and JSON inputs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterable, Iterator

from ..records import Document, Failure
from .decode import NotText, decode_text
from .document import EmptyArticle, document_from_text
from .metadata import read_published

REQUIRED_FIELDS = ("id", "text")
READ_CHUNK = 1 << 20


@dataclass(frozen=True)
class TooLarge:
    """A line longer than the per-record limit, skipped without being held in memory."""

    size: int
    limit: int


def jsonl_lines(stream: BinaryIO, max_line_bytes: int) -> Iterator[bytes | TooLarge]:
    """The lines of a binary stream, each at most ``max_line_bytes``; longer ones become TooLarge."""
    while True:
        line = stream.readline(max_line_bytes + 1)
        if not line:
            return
        if len(line) <= max_line_bytes or line.endswith(b"\n") and len(line) == max_line_bytes + 1:
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = stream.readline(READ_CHUNK)
            if not line:
                break
            size += len(line)
        yield TooLarge(size=size, limit=max_line_bytes)
OPTIONAL_FIELDS = ("title", "source", "url", "published")


def documents_from_jsonl(data: bytes, origin: str) -> Iterator[Document | Failure]:
    """One Document or Failure per non-blank line; ``origin`` of each is ``file:line``."""
    yield from documents_from_jsonl_lines(data.split(b"\n"), origin)


def documents_from_jsonl_lines(lines: Iterable[bytes | TooLarge], origin: str) -> Iterator[Document | Failure]:
    """The same from a stream of lines (with or without their newline), so a file of any size is
    read one record at a time; a :class:`TooLarge` line is reported and skipped."""
    offset = 0
    for number, raw in enumerate(lines, start=1):
        line_origin, label = f"{origin}:{number}", f"line {number}"
        if isinstance(raw, TooLarge):
            offset += raw.size
            yield Failure(origin=line_origin, reason=f"{label}: record too large: {raw.size:,} bytes > "
                                                     f"{raw.limit:,} bytes limit")
            continue
        line_offset, offset = offset, offset + len(raw) + (0 if raw.endswith(b"\n") else 1)
        raw = raw.rstrip(b"\r\n") if raw.endswith(b"\n") else raw
        if not raw.strip():
            continue
        try:
            line = decode_text(raw, offset=line_offset)
        except NotText as exc:
            yield Failure(origin=line_origin, reason=f"{label}: {exc}")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(origin=line_origin, reason=f"{label}: invalid JSON: {exc}")
            continue
        yield document_from_record(record, origin=line_origin, label=label)


def documents_from_json(text: str, origin: str) -> Iterator[Document | Failure]:
    """A JSON file holding one record or a list of records (``file#N`` for the N-th)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Failure(origin=origin, reason=f"invalid JSON: {exc}")
        return
    if isinstance(data, dict):
        yield document_from_record(data, origin=origin, label="record")
        return
    if not isinstance(data, list):
        yield Failure(origin=origin, reason=f"expected a JSON object or a list of objects, got {_kind(data)}")
        return
    if not data:
        yield Failure(origin=origin, reason="empty list of records")
    for number, record in enumerate(data, start=1):
        yield document_from_record(record, origin=f"{origin}#{number}", label=f"record {number}")


def document_from_record(record: Any, *, origin: str, label: str) -> Document | Failure:
    """Validate one record (``id`` and ``text`` required) and build its Document."""
    if not isinstance(record, dict):
        return Failure(origin=origin, reason=f"{label}: expected a JSON object, got {_kind(record)}")
    for name in REQUIRED_FIELDS:
        if name not in record or record[name] is None:
            return Failure(origin=origin, reason=f"{label}: missing required field '{name}'")
    doc_id = record["id"]
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or not str(doc_id).strip():
        return Failure(origin=origin, reason=f"{label}: field 'id' must be a non-empty string or integer")
    doc_id = str(doc_id).strip()
    if not isinstance(record["text"], str):
        return Failure(origin=origin, doc_id=doc_id,
                       reason=f"{label}: field 'text' must be a string, got {_kind(record['text'])}")
    fields: dict[str, str | None] = {}
    for name in OPTIONAL_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return Failure(origin=origin, doc_id=doc_id,
                           reason=f"{label}: field '{name}' must be a string, got {_kind(value)}")
        fields[name] = value
    problem = None
    if fields["published"] and fields["published"].strip():
        fields["published"], problem = read_published(fields["published"])
    try:
        doc = document_from_text(record["text"], doc_id=doc_id, origin=origin, **fields)
    except EmptyArticle as exc:
        return Failure(origin=origin, doc_id=doc_id, reason=f"{label}: {exc}")
    if problem:
        doc.warnings.insert(0, f"{label}: field 'published': {problem}; coded with the date unknown")
    return doc


def _kind(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number" if isinstance(value, (int, float)) else type(value).__name__)
