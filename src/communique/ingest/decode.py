"""Turn file bytes into text, or into a clear reason why they are not text."""

from __future__ import annotations

import codecs

_SNIFF_BYTES = 8192


class NotText(ValueError):
    """Bytes that are not readable text; the message is the reason to report."""


def is_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes near the start, as in images, archives and PDFs."""
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        return True
    control = sum(1 for byte in head if byte < 0x20 and byte not in b"\t\n\r\x0c\x1b")
    return bool(head) and control / len(head) > 0.1


def decode_text(data: bytes, *, offset: int = 0) -> str:
    """UTF-8 (an optional BOM is dropped; UTF-16 with a BOM is accepted) or :class:`NotText`.

    ``offset`` is where ``data`` starts in its file, so error offsets point into the file.
    """
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise NotText(f"not UTF-16 text: invalid bytes at offset {offset + len(bom) + exc.start}") from exc
    if is_binary(data):
        raise NotText("binary file (not text)")
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        position = skip + exc.start
        raise NotText(f"not UTF-8 text: invalid byte 0x{data[position]:02x} at offset {offset + position}") from exc
