"""Name normalisation: diacritics, spelling variants, slugs and which token names a person."""

from __future__ import annotations

import re
from functools import lru_cache
import unicodedata

# Letters that do not decompose into a base letter plus a combining mark.
_UNDECOMPOSABLE = str.maketrans({
    "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "Æ": "AE",
    "œ": "oe", "Œ": "OE", "ı": "i", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
    "’": "'", "‘": "'", "‐": "-", "‑": "-", "–": "-", "—": "-",
})


@lru_cache(maxsize=1)
def _spellings() -> dict[str, str]:
    """British spellings folded to one form so that term lists need one entry (``spellings`` of
    ``data/actors/names.yaml``)."""
    from .. import data_files

    return {k.lower(): v.lower() for k, v in data_files.load_builtin("actors/names.yaml")["spellings"].items()}


_NON_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """``text`` without diacritics: "Nguyễn Chí Vịnh" -> "Nguyen Chi Vinh"."""
    text = text.translate(_UNDECOMPOSABLE)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def norm_word(word: str) -> str:
    """The matching key of one word: folded, lower case, final period dropped, British spelling folded."""
    word = fold(word).lower()
    if len(word) > 1:
        word = word.rstrip(".")
    return _spellings().get(word, word)


@lru_cache(maxsize=65536)
def norm_phrase(phrase: str) -> tuple[str, ...]:
    """The matching key of a phrase: its words (split on blanks, underscores and hyphens kept)."""
    words = re.split(r"[\s_]+", phrase.strip())
    out: list[str] = []
    for word in words:
        if not word:
            continue
        # "Lt.-Gen." and "Lt.Gen." are the same as "Lt. Gen."
        parts = [p for p in re.split(r"(?<=[A-Za-z]{2}\.)-?(?=[A-Za-z])", word) if p]
        out.extend(norm_word(p) for p in parts)
    return tuple(w for w in out if w)


def slug(text: str) -> str:
    """A stable id fragment: "Nguyễn Chí Vịnh" -> "nguyen-chi-vinh"."""
    return _NON_WORD.sub("-", fold(text).lower()).strip("-")


def plural(word: str) -> str:
    """The regular English plural of ``word`` (in capitals if ``word`` is)."""
    if word.isupper():
        return plural(word.lower()).upper()
    lower = word.lower()
    if lower.endswith("man"):
        return word[:-3] + "men"
    if lower.endswith("y") and len(word) > 2 and lower[-2] not in "aeiou":
        return word[:-1] + "ies"
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"
