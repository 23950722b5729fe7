"""The CAMEO event codebook with its PLOVER mapping, Goldstein scores and class groupings.

The data live in ``communique/data/cameo/`` (see the README there for sources)::

    >>> lookup("043").plover, lookup("043").mode
    ('CONSULT', 'visit')
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Iterator

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

CODES_COLUMNS = ("code", "name", "goldstein", "quad_class", "penta_class", "plover", "mode", "context")
_CODE = re.compile(r"\d{2,4}")
_PLOVER_LINE = re.compile(r"(\d{2,4})\s*:\s*(.*)")


class CodebookError(ValueError):
    """A codebook data file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float | None
    quad_class: int
    penta_class: int
    plover: str | None  # None for CAMEO 01 statements, which PLOVER does not code
    mode: str | None
    context: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


def data_dir() -> Path:
    return Path(str(files("communique") / "data" / "cameo"))


def quad_class_of(root: int) -> int:
    """GDELT QuadClass: 1 verbal coop (01-04), 2 material coop (05-08), 3 verbal conflict (09-13), 4 material conflict."""
    return 1 if root <= 4 else 2 if root <= 8 else 3 if root <= 13 else 4


def penta_class_of(root: int) -> int:
    """ConfliBERT penta class: 0 = 01-02, 1 = 03-05, 2 = 06-08, 3 = 09-13 and 16, 4 = 14, 15, 17-20."""
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    return 3 if root <= 13 or root == 16 else 4


def lookup(code: str) -> CameoCode:
    """The codebook entry of a CAMEO code such as ``"043"``; KeyError for unknown codes."""
    try:
        return all_codes()[str(code).strip()]
    except KeyError:
        raise KeyError(f"unknown CAMEO event code {code!r} (codebook: {data_dir() / 'codes.csv'})") from None


@cache
def all_codes() -> dict[str, CameoCode]:
    """Every CAMEO code in ``codes.csv``, loaded once and schema-checked."""
    return read_codes(data_dir() / "codes.csv")


def read_codes(path: Path) -> dict[str, CameoCode]:
    codes: dict[str, CameoCode] = {}
    for line, row in _csv_rows(path, CODES_COLUMNS):
        entry = _parse_code_row(row, f"{path}:{line}")
        if entry.code in codes:
            raise CodebookError(f"{path}:{line}: duplicate code {entry.code!r}")
        codes[entry.code] = entry
    return codes


def _parse_code_row(row: dict[str, str], where: str) -> CameoCode:
    code = row["code"].strip()
    if not _CODE.fullmatch(code) or not 1 <= int(code[:2]) <= 20:
        raise CodebookError(f"{where}: bad CAMEO code {code!r}")
    name = row["name"].strip()
    if not name:
        raise CodebookError(f"{where}: code {code} has no name")
    root = int(code[:2])
    goldstein = _number(row["goldstein"], float, where, "goldstein")
    if goldstein is not None and not -10 <= goldstein <= 10:
        raise CodebookError(f"{where}: goldstein {goldstein} outside [-10, 10]")
    quad, penta = _number(row["quad_class"], int, where, "quad_class"), _number(row["penta_class"], int, where, "penta_class")
    if quad != quad_class_of(root) or penta != penta_class_of(root):
        raise CodebookError(
            f"{where}: code {code} needs quad_class {quad_class_of(root)} and penta_class {penta_class_of(root)}, "
            f"found {quad} and {penta}"
        )
    plover = row["plover"].strip() or None
    if plover is not None and plover not in PLOVER_TYPES:
        raise CodebookError(f"{where}: unknown PLOVER type {plover!r}")
    return CameoCode(code, name, goldstein, quad, penta, plover, row["mode"].strip() or None, row["context"].strip() or None)


def _number(text: str, kind: type, where: str, column: str):
    text = text.strip()
    if not text:
        return None
    try:
        return kind(text)
    except ValueError:
        raise CodebookError(f"{where}: {column} {text!r} is not a {kind.__name__}") from None


def _csv_rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV file (``#`` comment lines skipped) with their line numbers; checks the header."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader("\n" if text.lstrip().startswith("#") else text for text in fh)
        header = next((values for values in reader if values), None)
        if header is None or tuple(name.strip() for name in header) != columns:
            raise CodebookError(f"{path}:{reader.line_num}: expected columns {','.join(columns)}, found {header}")
        for values in reader:
            if not values:
                continue
            if len(values) != len(columns):
                raise CodebookError(f"{path}:{reader.line_num}: expected {len(columns)} fields, found {len(values)}")
            yield reader.line_num, dict(zip(columns, values))


def read_plover_table(path: Path) -> dict[str, tuple[str, str | None, str | None]]:
    """A ``CODE: EVENT, MODE, CONTEXT  # comment`` table (CAMEO2PLOVER format); first row of a code wins."""
    table: dict[str, tuple[str, str | None, str | None]] = {}
    with open(path, encoding="utf-8") as fh:
        for line, raw in enumerate(fh, start=1):
            text = raw.split("#", 1)[0].strip()
            if not text or set(text) == {"~"}:
                continue
            match = _PLOVER_LINE.fullmatch(text)
            if not match:
                raise CodebookError(f"{path}:{line}: expected 'CODE: EVENT, MODE, CONTEXT', found {text!r}")
            fields = [part.strip() for part in match.group(2).split(",")]
            if len(fields) > 3 or fields[0] not in PLOVER_TYPES:
                raise CodebookError(f"{path}:{line}: bad PLOVER row {text!r}")
            fields += [""] * (3 - len(fields))
            table.setdefault(match.group(1), (fields[0], fields[1] or None, fields[2] or None))
    return table


def plover_row(code: str, table: dict[str, tuple[str, str | None, str | None]]):
    """The table row of ``code`` or of its nearest listed ancestor (``0431`` -> ``043`` -> ``04``); None if none."""
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    return None


@cache
def legacy_plover_names() -> dict[str, tuple[str, str | None]]:
    """PLOVER v0.5b1 event names -> (current PLOVER type, mode implied by the old name)."""
    path = data_dir() / "plover_renames.csv"
    renames: dict[str, tuple[str, str | None]] = {}
    for line, row in _csv_rows(path, ("old", "new", "mode")):
        if row["new"].strip() not in PLOVER_TYPES:
            raise CodebookError(f"{path}:{line}: {row['new']!r} is not a PLOVER type")
        renames[row["old"].strip()] = (row["new"].strip(), row["mode"].strip() or None)
    return renames
