"""Reading gold events, predictions and duplicate groups, with errors that name file and line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

GOLD_KEYS = ("doc", "id", "required", "plover", "actor", "recipient")


class EvaluationInputError(ValueError):
    """A gold, prediction or duplicates file is malformed; the message names file and line."""


def read_jsonl(path: str | Path) -> list[tuple[int, dict[str, Any]]]:
    """(line number, JSON object) for each non-blank line."""
    path = Path(path)
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line_number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise EvaluationInputError(f"{path}:{line_number}: invalid JSON: {error.msg} (column {error.colno})") from None
            if not isinstance(row, dict):
                raise EvaluationInputError(f"{path}:{line_number}: expected a JSON object, found {type(row).__name__}")
            rows.append((line_number, row))
    return rows


def gold_files(path: str | Path) -> list[Path]:
    """``*.gold.jsonl`` files of a directory (sorted), or the file itself."""
    path = Path(path)
    if not path.exists():
        raise EvaluationInputError(f"{path}: no such gold file or directory")
    if path.is_dir():
        files = sorted(path.glob("*.gold.jsonl"))
        if not files:
            raise EvaluationInputError(f"{path}: directory holds no *.gold.jsonl files")
        return files
    return [path]


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Gold events from a ``.gold.jsonl`` file or a directory of them (GUIDELINES.md format)."""
    gold = []
    for file in gold_files(path):
        for line_number, event in read_jsonl(file):
            missing = [key for key in GOLD_KEYS if key not in event]
            if missing:
                raise EvaluationInputError(f"{file}:{line_number}: gold event lacks {', '.join(missing)}")
            if not isinstance(event["actor"], dict) or not isinstance(event["recipient"], (dict, type(None))):
                raise EvaluationInputError(f"{file}:{line_number}: gold actor must be an object, recipient an object or null")
            gold.append(event)
    return gold


def load_predictions(path: str | Path) -> list[dict[str, Any]]:
    """Predicted events, one export-contract JSON object per line."""
    path = Path(path)
    if not path.exists() or path.is_dir():
        raise EvaluationInputError(f"{path}: no such predictions file")
    return [row for _, row in read_jsonl(path)]


def load_duplicates(path: str | Path) -> list[list[Any]] | dict[str, list[list[Any]]]:
    """Duplicate gold ids: ``{"same": [[ids of one real-world event]], "different": [[id, id]]}``,
    or a bare list of ``same`` groups."""
    path = Path(path)
    try:
        groups = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise EvaluationInputError(f"{path}:{error.lineno}: invalid JSON: {error.msg}") from None
    if isinstance(groups, dict):
        unknown = sorted(set(groups) - {"same", "different"})
        lists = [groups.get("same", []), groups.get("different", [])]
        if unknown or not all(isinstance(part, list) and all(isinstance(g, list) for g in part) for part in lists):
            raise EvaluationInputError(f'{path}: expected {{"same": [[ids]], "different": [[id, id]]}}')
        return groups
    if not isinstance(groups, list) or not all(isinstance(group, list) for group in groups):
        raise EvaluationInputError(f"{path}: expected a JSON list of lists of gold event ids")
    return groups
