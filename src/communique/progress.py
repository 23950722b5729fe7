"""What a long command shows while it works: a progress bar with a total on standard error,
and each problem printed the moment it is met (above the bar)."""

from __future__ import annotations

import os
import sys
from typing import Any

from .records import Document, Failure


def progress_wanted(choice: bool | None) -> bool:
    """The ``--progress/--no-progress`` choice; by default on when standard error is a terminal."""
    if choice is not None:
        return choice
    return not os.environ.get("CI") and sys.stderr.isatty()


class Progress:
    """A tqdm bar on standard error (or nothing), and one-line reports that do not break it."""

    def __init__(self, *, enabled: bool, total: int | None, desc: str = "coding") -> None:
        self.bar: Any = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", desc=desc, file=sys.stderr, dynamic_ncols=True)
        self.failures = 0
        self.warnings = 0

    def advance(self, count: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(count)

    def say(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr, flush=True)

    def failure(self, failure: Failure) -> None:
        self.failures += 1
        self.say(f"failed: {failure.origin}: {failure.reason}")

    def document(self, doc: Document) -> None:
        """Report what was wrong with an input that was still coded."""
        for warning in doc.warnings:
            self.warnings += 1
            self.say(f"warning: {doc.origin or doc.doc_id}: {warning}")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
