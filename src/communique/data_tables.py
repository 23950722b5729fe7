"""One loader for the table data files (CSV and line-per-row text): read, split and check a row schema.

The companion of :mod:`communique.data_files` for files that are not YAML. Each row is checked
against a pydantic row model; every error names the file, the line and the field::

    cameo/codes.csv:14: row (043) -> goldstein: goldstein 'high' is not a float

Lines starting with ``#`` and blank lines are skipped; line numbers are those of the file.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Annotated, Any, Callable, Iterable, Iterator, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from .data_files import DataFileError

Row = TypeVar("Row", bound=BaseModel)
ErrorFactory = Callable[[str, int, str], Exception]


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


Blank = Annotated[str | None, BeforeValidator(_blank_to_none)]
"""An optional text cell: an empty cell is None."""


class RowModel(BaseModel):
    """Base of a row schema: a column the schema does not list is an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def file_error(name: str, line: int, message: str) -> Exception:
    """The default error: a :class:`~communique.data_files.DataFileError` reading ``name:line: message``."""
    return DataFileError(f"{name}:{line}: {message}")


def read_csv(path: str | Path, row: type[Row], *, name: str | None = None, delimiter: str = ",",
             skipinitialspace: bool = False, error: ErrorFactory = file_error) -> list[tuple[int, Row]]:
    """(line, row) of every data row of a CSV file with a header, each checked against ``row``.

    The header must hold every required column of ``row`` and no other; values are stripped (an
    empty cell is ``""``: see :data:`Blank`). ``error(name, line, message)`` makes the exception raised.
    """
    name = name or str(path)
    columns = list(row.model_fields)
    required = [c for c, f in row.model_fields.items() if f.is_required()]
    reader = csv.reader(_without_comments(_lines(path, name, error)), delimiter=delimiter,
                        skipinitialspace=skipinitialspace)
    header = next((values for values in reader if values), None)
    found = [h.strip() for h in header or ()]
    if header is None or not set(required) <= set(found) or not set(found) <= set(columns) \
            or len(set(found)) != len(found):
        raise error(name, reader.line_num or 1,
                    f"expected columns {','.join(columns)} (required: {','.join(required)}), "
                    f"found {','.join(found) or 'none'}")
    rows = []
    for values in reader:
        if not values:
            continue
        missing = [c for c in required if c not in found[:len(values)]]
        if len(values) > len(found) or missing:
            raise error(name, reader.line_num, f"expected {len(found)} fields, found {len(values)}")
        cells = {c: v.strip() for c, v in zip(found, values)}
        rows.append((reader.line_num, check_row(cells, row, name, reader.line_num, error)))
    return rows


def read_lines(path: str | Path, split: Callable[[str], dict[str, Any] | None], row: type[Row], *,
               expected: str, skip: Callable[[str], bool] = lambda text: False, name: str | None = None,
               error: ErrorFactory = file_error) -> list[tuple[int, Row]]:
    """(line, row) of a file of one row a line: ``split`` turns a line (``#`` comment removed,
    stripped, not blank, not one to ``skip``) into the row's fields, or None when the line is not of
    the form ``expected``."""
    name = name or str(path)
    rows = []
    for number, raw in enumerate(_lines(path, name, error), start=1):
        text = raw.split("#", 1)[0].strip()
        if not text or skip(text):
            continue
        cells = split(text)
        if cells is None:
            raise error(name, number, f"expected {expected!r}, found {text!r}")
        rows.append((number, check_row(cells, row, name, number, error)))
    return rows


def check_row(cells: dict[str, Any], row: type[Row], name: str, line: int,
              error: ErrorFactory = file_error) -> Row:
    """``cells`` as a ``row``; a problem names the file, the line, the row's key and the field."""
    try:
        return row.model_validate(cells)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "the row"
        key = next((v for v in cells.values() if v), None)
        where = f"row ({key}) -> {field}" if key else field
        message = "unknown column" if first["type"] == "extra_forbidden" else _message(first)
        if first["type"] == "extra_forbidden":
            message += f" (known: {', '.join(row.model_fields)})"
        raise error(name, line, f"{where}: {message}") from None


def _message(error: dict[str, Any]) -> str:
    if error["type"] == "value_error" and "error" in error.get("ctx", {}):
        return str(error["ctx"]["error"])
    return error["msg"]


def _lines(path: str | Path, name: str, error: ErrorFactory) -> Iterator[str]:
    """The file's lines (a byte-order mark dropped); a file that cannot be read or is not UTF-8 is
    an error naming it."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            yield from fh
    except OSError as exc:
        raise error(name, 0, f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise error(name, 0, f"not UTF-8 text: {exc.reason}") from None


def _without_comments(lines: Iterable[str]) -> Iterator[str]:
    """Comment lines as blank lines, so that line numbers stay those of the file."""
    for text in lines:
        yield "\n" if text.lstrip().startswith("#") else text
