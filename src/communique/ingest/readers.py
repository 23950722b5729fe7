"""Read inputs (text, JSONL, JSON and HTML files, directories, stdin) into Documents.

Bad input never raises: it becomes a :class:`~communique.records.Failure` naming the input
(``origin``) and the reason, and reading goes on with the next input.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import Iterator, Sequence, TextIO

from ..records import Document, Failure
from .decode import NotText, decode_text, is_binary
from .document import EmptyArticle, document_from_text
from .html import extract_article, looks_like_html
from .json_records import documents_from_json, documents_from_jsonl, documents_from_jsonl_lines, jsonl_lines
from .metadata import read_published

DEFAULT_MAX_BYTES = 20_000_000
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
STDIN = "-"
STDIN_ID = "stdin"


def read_inputs(paths: Sequence[str | Path], *, stdin: TextIO | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | Failure]:
    """Yield a Document or a Failure for every article found in ``paths``.

    A path may be a text file, a ``.jsonl``/``.ndjson`` file (one ``{"id", "text", ...}``
    record a line), a ``.json`` file (one record or a list), an ``.html``/``.htm`` page, a
    directory (recursed in sorted order, hidden entries skipped) or ``"-"`` for ``stdin``.
    Files larger than ``max_bytes`` are refused before they are read, except JSONL files, which
    are streamed and hold each record (line) to that limit instead.
    """
    for raw in paths:
        if str(raw) == STDIN:
            yield from _guarded(STDIN_ID, lambda: read_stream(stdin or sys.stdin, max_bytes=max_bytes))
        else:
            path = Path(raw)
            yield from _guarded(str(path), lambda path=path: _read_path(path, max_bytes))


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | Failure]:
    """The articles of one file, chosen by its suffix (plain text when not JSON or HTML)."""
    origin = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield Failure(origin=origin, reason=_os_reason(exc))
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, max_bytes)
        return
    if size > max_bytes:
        yield Failure(origin=origin, reason=f"file too large: {_megabytes(size)} > {_megabytes(max_bytes)} limit")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Failure(origin=origin, reason=_os_reason(exc))
        return
    if not data.strip():
        yield Failure(origin=origin, reason="empty file")
        return
    if suffix in HTML_SUFFIXES:
        yield _from_html(data, origin=origin, doc_id=path.stem)
        return
    try:
        text = decode_text(data)
    except NotText as exc:
        yield Failure(origin=origin, reason=str(exc))
        return
    if suffix in JSON_SUFFIXES:
        yield from documents_from_json(text, origin)
    else:
        yield _from_text(text, origin=origin, doc_id=path.stem)


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[Document | Failure]:
    """A JSONL file of any size, streamed: the limit applies to each record (line), not the file."""
    origin = str(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
            if not head.strip() and not fh.read(1):
                yield Failure(origin=origin, reason="empty file")
                return
            if is_binary(head):
                yield Failure(origin=origin, reason="binary file (not text)")
                return
            fh.seek(0)
            yield from documents_from_jsonl_lines(jsonl_lines(fh, max_bytes), origin)
    except OSError as exc:
        yield Failure(origin=origin, reason=_os_reason(exc))


def read_stream(stream: TextIO, *, max_bytes: int = DEFAULT_MAX_BYTES,
                origin: str = STDIN_ID) -> Iterator[Document | Failure]:
    """Articles from a text stream: JSONL when every non-blank line is a ``{...}`` object,
    else HTML when it looks like a page, else one plain-text article (doc_id ``stdin``)."""
    try:
        text = stream.read(max_bytes + 1)
    except UnicodeDecodeError as exc:
        yield Failure(origin=origin, reason=f"not UTF-8 text: invalid byte 0x{exc.object[exc.start]:02x} "
                                            f"at offset {exc.start}")
        return
    except OSError as exc:
        yield Failure(origin=origin, reason=_os_reason(exc))
        return
    data = text.encode("utf-8", errors="surrogateescape")
    if len(text) > max_bytes or len(data) > max_bytes:
        yield Failure(origin=origin, reason=f"input too large: more than the {_megabytes(max_bytes)} limit")
        return
    if not text.strip():
        yield Failure(origin=origin, reason="empty input")
        return
    if "\x00" in text:
        yield Failure(origin=origin, reason="binary input (not text)")
        return
    if _is_jsonl(text):
        yield from documents_from_jsonl(data, origin)
    elif looks_like_html(text):
        yield _from_html(text, origin=origin, doc_id=STDIN_ID)
    else:
        yield _from_text(text, origin=origin, doc_id=STDIN_ID)


def iter_directory(directory: Path) -> Iterator[Path | Failure]:
    """Files under ``directory`` in sorted order, skipping hidden entries.

    Symbolic links are followed, but a directory is never entered twice: a link back to a
    directory already walked (a loop) is reported as a Failure, as is every entry that cannot
    be read; the walk goes on past each.
    """
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[str, Path] | Failure] = [("dir", directory)]
    while stack:
        item = stack.pop()
        if isinstance(item, Failure) or item[0] == "file":
            yield item if isinstance(item, Failure) else item[1]
            continue
        folder = item[1]
        try:
            info = folder.stat()
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as exc:
            yield Failure(origin=str(folder), reason=_os_reason(exc, "cannot read directory"))
            continue
        if (info.st_dev, info.st_ino) in seen:
            yield Failure(origin=str(folder), reason="symbolic link loop: directory already read")
            continue
        seen.add((info.st_dev, info.st_ino))
        found: list[tuple[str, Path] | Failure] = []
        for entry in entries:
            if not entry.name.startswith("."):
                found.append(_entry_kind(entry))
        stack.extend(reversed(found))


def _entry_kind(entry: os.DirEntry) -> tuple[str, Path] | Failure:
    """``("dir"|"file", path)`` for an entry to walk or read, a Failure for one that cannot be."""
    path = Path(entry.path)
    try:
        if entry.is_dir():
            return ("dir", path)
        if entry.is_file():
            return ("file", path)
        if entry.is_symlink():
            path.stat()  # raises: a broken link or a loop
        return Failure(origin=str(path), reason="not a regular file or directory (a pipe, socket or device)")
    except FileNotFoundError:
        return Failure(origin=str(path), reason="broken symbolic link: its target does not exist")
    except OSError as exc:
        return Failure(origin=str(path), reason=_os_reason(exc, "cannot read entry"))


def _read_path(path: Path, max_bytes: int) -> Iterator[Document | Failure]:
    if path.is_dir():
        for item in iter_directory(path):
            if isinstance(item, Failure):
                yield item
            else:
                yield from _guarded(str(item), lambda item=item: read_file(Path(item), max_bytes=max_bytes))
    elif path.is_file():
        yield from read_file(path, max_bytes=max_bytes)
    elif not path.exists():
        yield Failure(origin=str(path), reason="no such file or directory")
    else:
        yield Failure(origin=str(path), reason="not a regular file or directory")


def _from_text(text: str, *, origin: str, doc_id: str) -> Document | Failure:
    try:
        return document_from_text(text, doc_id=doc_id, origin=origin)
    except EmptyArticle:
        return Failure(origin=origin, doc_id=doc_id, reason="no article text (only metadata or captions)")


def _from_html(page: str | bytes, *, origin: str, doc_id: str) -> Document | Failure:
    if isinstance(page, bytes) and b"\x00" in page[:8192]:
        return Failure(origin=origin, doc_id=doc_id, reason="binary file (not text)")
    article = extract_article(page)
    if article is None:
        return Failure(origin=origin, doc_id=doc_id, reason="no article text found in HTML")
    published, problem = read_published(article.published) if article.published else (None, None)
    try:
        doc = document_from_text(article.text, doc_id=doc_id, origin=origin, title=article.title,
                                 source=article.source, url=article.url, published=published)
    except EmptyArticle:
        return Failure(origin=origin, doc_id=doc_id, reason="no article text found in HTML")
    if problem:
        doc.warnings.insert(0, f"page date: {problem}; coded with the date unknown")
    return doc


def _is_jsonl(text: str) -> bool:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return bool(lines) and all(line.startswith("{") and line.endswith("}") for line in lines)


def _guarded(origin: str, produce) -> Iterator[Document | Failure]:
    """Run a reader; an unexpected error becomes a Failure instead of stopping the run."""
    try:
        yield from produce()
    except Exception as exc:  # noqa: BLE001 - bad input must never stop the other inputs
        yield Failure(origin=origin, reason=f"unexpected error: {type(exc).__name__}: {exc}")


def _os_reason(exc: OSError, action: str = "cannot read file") -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return f"{action}: permission denied"
    if exc.errno == errno.ELOOP:
        return f"{action}: symbolic link loop"
    return f"{action}: {exc.strerror or exc}"


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"
