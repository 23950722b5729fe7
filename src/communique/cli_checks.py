"""Checks of command-line values: a bad value is a usage error (exit 2) naming its option."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import typer

from .events.codebook import PLOVER_TYPES

_CODE = re.compile(r"[A-Z]{2,6}")
_DATE_BOUND = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _bad(message: str, option: str) -> typer.BadParameter:
    return typer.BadParameter(message, param_hint=option)


def given(param: typer.CallbackParam, value: Any) -> Any:
    """An option or argument that is given is given a value: an empty one would quietly mean no
    filter (``--outlet ""``), no model or token, or the current folder (``code ""``). Of a
    repeatable, comma-separated option (``--type``) each use names at least one item."""
    values = value if isinstance(value, (list, tuple)) else [value]
    separated = isinstance(value, (list, tuple)) and param.param_type_name == "option"
    for item in values:
        if isinstance(item, str) and not (item.replace(",", " ") if separated else item).strip():
            raise typer.BadParameter("the value is empty", param=param)
    return value


def code(value: str | None, option: str) -> str | None:
    """A country or body code (CHN, UNO, NATO), upper-cased."""
    if value is None:
        return None
    code = value.strip().upper()
    if not _CODE.fullmatch(code):
        raise _bad(f"{value!r} is not a country or body code such as CHN or NATO", option)
    return code


def dyad(value: str | None) -> tuple[str, str] | None:
    if value is None:
        return None
    codes = [c.strip() for c in value.split(",") if c.strip()]
    if len(codes) != 2:
        raise _bad("expected two country codes, e.g. CHN,VNM", "--dyad")
    return code(codes[0], "--dyad"), code(codes[1], "--dyad")


def event_types(values: list[str] | None) -> list[str] | None:
    kinds = [t.strip().upper() for item in values or [] for t in item.split(",") if t.strip()]
    unknown = [kind for kind in kinds if kind not in PLOVER_TYPES]
    if unknown:
        raise _bad(f"unknown event type {unknown[0]!r}; one of {', '.join(PLOVER_TYPES)}", "--type")
    return kinds or None


def date_bound(value: str | None, option: str) -> str | None:
    """A date or a prefix of one: 2021, 2021-04, 2021-04-23 (a real date)."""
    if value is None:
        return None
    match = _DATE_BOUND.fullmatch(value.strip())
    try:
        if not match:
            raise ValueError
        year, month, day = (int(part) if part else 1 for part in match.groups())
        dt.date(year, month, day)
    except ValueError:
        raise _bad(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", option) from None
    return value.strip()


def published(value: str | None) -> str | None:
    if value is None:
        return None
    from .ingest.metadata import read_published

    iso, problem = read_published(value)
    if problem:
        raise _bad(problem, "--published")
    return iso


def sentence(value: str) -> str:
    if not value.strip():
        raise _bad("the sentence is empty", "SENTENCE")
    return value


def gold(path: Path) -> None:
    """A gold file, or a folder that holds gold files (``--gold ""`` is the current folder)."""
    if path.is_dir() and not any(path.glob("*.gold.jsonl")):
        raise _bad(f"folder {path} holds no *.gold.jsonl files", "--gold")


def store_path(path: Path, *, create: bool = False) -> None:
    """A store file (``create``: or one that can be created, in a folder that exists)."""
    if path.is_dir():
        raise _bad(f"{path} is a directory, not a store file", "--db")
    if create and not path.exists() and not path.parent.is_dir():
        raise _bad(f"cannot create {path}: folder {path.parent} does not exist", "--db")


def output_path(value: str) -> Path:
    """A file that can be created: its folder exists and it is not a folder itself."""
    path = Path(value)
    if path.is_dir():
        raise _bad(f"{value} is a directory", "'-o' / '--output'")
    if not path.parent.is_dir():
        raise _bad(f"cannot write {value}: folder {path.parent} does not exist", "'-o' / '--output'")
    return path


def model(name: str | None) -> None:
    """An installed spaCy pipeline (package or folder), checked without loading it."""
    if name is None:
        return
    import spacy.util

    if not (spacy.util.is_package(name) or Path(name).is_dir()):
        raise _bad(f"spaCy pipeline {name!r} is not installed (a package name or a folder)", "--model")


def config(path: Path | None) -> None:
    """A configuration file that parses, names only known stages in an order that keeps their
    contracts, and gives each only settings it knows."""
    if path is None:
        return
    from .pipeline import check_stages, load_config

    try:
        check_stages(load_config(path))
    except Exception as exc:  # noqa: BLE001 - any problem with the file is the option's problem
        raise _bad(f"{path}: {exc}", "--config") from None
