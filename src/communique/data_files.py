"""One loader for the YAML data files under ``communique/data``: read, parse and check a schema.

Every error names the file, the line and the entry::

    actors/bodies.yaml:12: entry 12 (NATO) -> aliases: Input should be a valid list

:data:`communique.data_schemas.SCHEMAS` holds the schema of every shipped YAML file; a file of
the same shape given by the user (a replacement word list) is checked against the same schema.
Table files (CSV, one row a line) are read by :mod:`communique.data_tables` the same way.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pydantic
import yaml
from pydantic import TypeAdapter, ValidationError

from .user_cache import cache_dir, save_pickle
from .yaml_files import compose_yaml, load_yaml

DATA = "data"


class DataFileError(ValueError):
    """A data file cannot be read, is not YAML, or does not follow its schema."""


def builtin(relative: str) -> Path:
    """The path of a shipped data file, ``relative`` to ``communique/data`` ("patterns/verbs.yaml")."""
    return Path(str(resources.files("communique").joinpath(DATA, *relative.split("/"))))


def read_yaml(path: str | Path) -> tuple[Any, yaml.Node | None]:
    """The parsed file and its node tree (for line numbers); errors name the file and the line."""
    return _parse(_read(path), path)


def _read(path: str | Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{path}: not UTF-8 text: {exc.reason}") from None


def _parse(text: str, path: str | Path) -> tuple[Any, yaml.Node | None]:
    try:
        return load_yaml(text), compose_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise DataFileError(f"{path}{where}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from None


def check(data: Any, schema: Any, name: str, root: yaml.Node | None = None) -> None:
    """Check ``data`` against ``schema`` (a type pydantic validates); errors name ``name``, the
    line and the entry."""
    found, count = problems(data, schema, root)
    if found:
        more = f" (and {count - 5} more)" if count > 5 else ""
        raise DataFileError("; ".join(f"{name}{f':{line}' if line else ''}: {where}: {message}"
                                      for line, where, message in found) + more)


def problems(data: Any, schema: Any, root: yaml.Node | None = None) -> tuple[list[tuple[int | None, str, str]], int]:
    """The first five ways ``data`` breaks ``schema``, each (line, entry, message), and how many
    there are; none when it follows it."""
    try:
        TypeAdapter(schema).validate_python(data)
    except ValidationError as exc:
        return [_problem(data, root, error) for error in exc.errors()[:5]], exc.error_count()
    return [], 0


def load(path: str | Path, schema: Any, *, name: str | None = None) -> Any:
    """A YAML file's data as written, once checked against ``schema`` (a drop-in for ``yaml.safe_load``).

    A file already read and checked is taken from the user's cache (keyed by its text, the
    schemas and the versions of Python and pydantic), which skips parsing and checking it again.
    """
    text = _read(path)
    saved = _cached_path(text, schema)
    if saved is not None:
        try:
            with saved.open("rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            pass
    data, root = _parse(text, path)
    check(data, schema, name or str(path), root)
    if saved is not None:
        _save(saved, data)
    return data


def _cached_path(text: str, schema: Any) -> Path | None:
    directory = cache_dir()
    if directory is None:
        return None
    digest = hashlib.sha256(_schema_key().encode())
    digest.update(repr(schema).encode())
    digest.update(text.encode("utf-8"))
    return directory / "data" / f"{digest.hexdigest()[:24]}.pickle"


@lru_cache(maxsize=1)
def _schema_key() -> str:
    """What a checked file's data depends on besides its text: the schemas and the checker."""
    schemas = Path(__file__).with_name("data_schemas.py")
    source = schemas.read_bytes() if schemas.exists() else b""
    return f"{sys.version}|pydantic {pydantic.VERSION}|yaml {yaml.__version__}|{hashlib.sha256(source).hexdigest()}"


def _save(path: Path, data: Any) -> None:
    try:
        save_pickle(path, data)
    except OSError:  # a cache that cannot be written is only slower
        pass


def load_builtin(relative: str) -> Any:
    """A shipped data file, checked against its schema in :data:`~communique.data_schemas.SCHEMAS`."""
    from .data_schemas import SCHEMAS

    return load(builtin(relative), SCHEMAS[relative], name=f"communique/data/{relative}")


def load_replaceable(relative: str, path: str | Path | None) -> Any:
    """The shipped data file ``relative``, or the file ``path`` that replaces it, checked against
    the same schema."""
    from .data_schemas import SCHEMAS

    return load_builtin(relative) if path is None else load(path, SCHEMAS[relative])


def _problem(data: Any, root: yaml.Node | None, error: Any) -> tuple[int | None, str, str]:
    loc = [part for part in error["loc"] if not isinstance(part, str) or not part.startswith(("list[", "dict["))]
    entry, node, value = [], root, data
    for part in loc:
        label = f"entry {part + 1}" if isinstance(part, int) else str(part)
        value = _child(value, part)
        if isinstance(value, dict) and (key := value.get("id") or value.get("name") or value.get("rank")):
            label += f" ({key})"
        entry.append(label)
        node = _child_node(node, part)
    line = node.start_mark.line + 1 if node is not None else None
    where = " -> ".join(entry) if entry else "the file"
    message = error["msg"]
    if error["type"] == "extra_forbidden":
        message = "unknown key"
    return line, where, message


def _child(value: Any, part: Any) -> Any:
    if isinstance(value, dict):
        return value.get(part)
    if isinstance(value, list) and isinstance(part, int) and part < len(value):
        return value[part]
    return None


def _child_node(node: yaml.Node | None, part: Any) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, child in node.value:
            if key.value == str(part):
                return child
        return node
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]
    return node
