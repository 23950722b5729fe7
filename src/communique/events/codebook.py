"""The CAMEO event codebook with its PLOVER mapping, Goldstein scores and class groupings.

The data live in ``communique/data/cameo/`` (see the README there for sources)::

    >>> lookup("043").plover, lookup("043").mode
    ('CONSULT', 'visit')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from ..data_files import DataFileError
from ..data_schemas import PLOVER_TYPES as PLOVER_TYPES  # the sixteen PLOVER event types
from ..data_schemas import CodeRow, PloverRenameRow, PloverRow
from ..data_tables import read_csv, read_lines

CODES_COLUMNS = tuple(CodeRow.model_fields)
_PLOVER_LINE = re.compile(r"(\d{2,4})\s*:\s*(.*)")


class CodebookError(DataFileError):
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
    for line, row in read_csv(path, CodeRow, error=_error):
        entry = _code_entry(row, f"{path}:{line}")
        if entry.code in codes:
            raise CodebookError(f"{path}:{line}: duplicate code {entry.code!r}")
        codes[entry.code] = entry
    return codes


def _code_entry(row: CodeRow, where: str) -> CameoCode:
    root = int(row.code[:2])
    if row.quad_class != quad_class_of(root) or row.penta_class != penta_class_of(root):
        raise CodebookError(
            f"{where}: code {row.code} needs quad_class {quad_class_of(root)} and penta_class "
            f"{penta_class_of(root)}, found {row.quad_class} and {row.penta_class}"
        )
    return CameoCode(row.code, row.name, row.goldstein, row.quad_class, row.penta_class, row.plover,
                     row.mode, row.context)


def _error(name: str, line: int, message: str) -> CodebookError:
    return CodebookError(f"{name}:{line}: {message}")


def _plover_fields(text: str) -> dict[str, str] | None:
    match = _PLOVER_LINE.fullmatch(text)
    if not match:
        return None
    fields = [part.strip() for part in match.group(2).split(",")]
    if len(fields) > 3:
        return None
    return {"code": match.group(1), **dict(zip(("event", "mode", "context"), fields))}


def read_plover_table(path: Path) -> dict[str, tuple[str, str | None, str | None]]:
    """A ``CODE: EVENT, MODE, CONTEXT  # comment`` table (CAMEO2PLOVER format); first row of a code wins."""
    table: dict[str, tuple[str, str | None, str | None]] = {}
    rows = read_lines(path, _plover_fields, PloverRow, expected="CODE: EVENT, MODE, CONTEXT",
                      skip=lambda text: set(text) == {"~"}, error=_error)
    for _, row in rows:
        table.setdefault(row.code, (row.event, row.mode, row.context))
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
    for _, row in read_csv(path, PloverRenameRow, error=_error):
        renames[row.old] = (row.new, row.mode)
    return renames
