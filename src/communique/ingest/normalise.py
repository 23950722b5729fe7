"""Text normalisation: unicode, whitespace, hard-wrapped lines and glued sentences."""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"))
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_SENTENCE_END = tuple(".!?:;\"”’)]")

# Tokens the sentence fixer must never touch: URLs, e-mail addresses, capitalised domains.
_PROTECTED_TOKEN = re.compile(r"://|www\.|@|\.(?:Com|Net|Org|Gov|Edu|Info|Int)\b")
_TOKEN_WINDOW = 300  # how far around a glued period to look for the enclosing URL or address
# "last year.The delegation": a word of two or more lower-case letters, sentence-final
# punctuation (and closing quotes), then a capitalised word. Initials ("U.S.", "J.R."),
# abbreviations written with inner periods ("e.g.", "a.m.") and numbers ("3.5", "No.1")
# never match: the letter before the period is upper case, a single letter or a digit.
_GLUED_AFTER_WORD = re.compile(r"([a-z]{2}[.!?]+[\"”’)]*)(?=[“‘\"]?(?:[A-Z][a-z]|[AI]\s))")
# "in 2020.The talks", "(CMC).Both sides": after a number or a closing bracket.
_GLUED_AFTER_NUMBER = re.compile(r"((?:\d|[%)\]])[.!?][\"”’)]*)(?=[“‘\"]?[A-Z][a-z])")


def normalise_text(text: str) -> str:
    """NFC unicode, single spaces, stripped lines, at most one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = _LINE_BREAKS.sub("\n", text)
    text = _HORIZONTAL_SPACE.sub(" ", text)
    lines = join_wrapped_lines([line.strip() for line in text.split("\n")])
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def join_wrapped_lines(lines: list[str]) -> list[str]:
    """Rejoin hard-wrapped lines: a line that does not end a sentence, followed by one
    that starts in lower case, continues the same paragraph."""
    paragraphs: list[list[str]] = []
    for line in lines:
        last = paragraphs[-1][-1] if paragraphs else ""
        if last and line[:1].islower() and not last.endswith(_SENTENCE_END):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return [" ".join(parts) for parts in paragraphs]


def fix_glued_sentences(text: str) -> str:
    """Insert the missing space in ``year.The`` while leaving URLs, initials and numbers alone."""
    text = _GLUED_AFTER_WORD.sub(_space_after, text)
    return _GLUED_AFTER_NUMBER.sub(_space_after, text)


def _space_after(match: re.Match[str]) -> str:
    text, position = match.string, match.end()
    window_start = max(0, position - _TOKEN_WINDOW)
    before = re.split(r"\s", text[window_start:position])[-1]
    after = re.split(r"\s", text[position:position + _TOKEN_WINDOW], maxsplit=1)[0]
    return match.group() if _PROTECTED_TOKEN.search(before + after) else match.group() + " "


def normalise_inline(text: str) -> str:
    """A one-line value (title, source): NFC, single spaces, no line breaks."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return " ".join(text.split())
