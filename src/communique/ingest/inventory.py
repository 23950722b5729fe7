"""How many articles a run will read, counted before reading: the total of a progress bar.

Files are counted as one article each, JSON lines files as their non-blank lines; a directory
is walked as :func:`~communique.ingest.readers.read_inputs` walks it. Standard input has no
total (None).
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..records import Failure
from .readers import JSONL_SUFFIXES, STDIN, iter_directory


def count_articles(paths: Sequence[str | Path]) -> int | None:
    """The number of articles (and unreadable entries) in ``paths``; None when stdin is read."""
    total = 0
    for raw in paths:
        if str(raw) == STDIN:
            return None
        path = Path(raw)
        items = iter_directory(path) if path.is_dir() else [path]
        total += sum(1 if isinstance(item, Failure) else _articles_in(item) for item in items)
    return total


def _articles_in(path: Path) -> int:
    if path.suffix.lower() not in JSONL_SUFFIXES or not path.is_file():
        return 1  # (a pipe is not opened: reading it would wait for a writer)
    try:
        with path.open("rb") as fh:
            return max(1, sum(1 for line in fh if line.strip()))
    except OSError:
        return 1
