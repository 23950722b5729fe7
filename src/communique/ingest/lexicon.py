"""The editable word lists behind metadata parsing (``data/ingest/lexicon.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import data_files
from ..data_files import DataFileError

LEXICON_KEYS = ("outlets", "caption_words")


class LexiconError(DataFileError):
    """The lexicon file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class IngestLexicon:
    outlets: dict[str, str]  # casefolded name -> canonical spelling
    caption_words: tuple[str, ...]

    def canonical_outlet(self, name: str) -> str:
        """The listed spelling of an outlet name, or the name itself when unlisted."""
        return self.outlets.get(name.casefold(), name)


def load_lexicon(path: str | Path | None = None) -> IngestLexicon:
    """Read and check a lexicon file (the packaged one by default)."""
    file = data_files.builtin("ingest/lexicon.yaml") if path is None else Path(path)
    name = str(file)
    try:
        data, _ = data_files.read_yaml(file)
    except DataFileError as exc:
        raise LexiconError(str(exc)) from None
    if not isinstance(data, dict):
        raise LexiconError(f"{name}: expected a mapping with keys {', '.join(LEXICON_KEYS)}")
    unknown = sorted(set(data) - set(LEXICON_KEYS))
    if unknown:
        raise LexiconError(f"{name}: unknown key(s) {', '.join(map(str, unknown))}")
    lists = {key: _string_list(data, key, name) for key in LEXICON_KEYS}
    return IngestLexicon(
        outlets={outlet.casefold(): outlet for outlet in lists["outlets"]},
        caption_words=tuple(lists["caption_words"]),
    )


def _string_list(data: dict, key: str, name: str) -> list[str]:
    values = data.get(key)
    if not isinstance(values, list):
        raise LexiconError(f"{name}: '{key}' must be a list of strings")
    for index, value in enumerate(values, start=1):
        if not isinstance(value, str) or not value.strip():
            raise LexiconError(f"{name}: '{key}' entry {index} must be a non-empty string, got {value!r}")
    return [value.strip() for value in values]


@cache
def default_lexicon() -> IngestLexicon:
    return load_lexicon()
