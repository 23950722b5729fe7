"""The user's cache directory, shared by everything Communique builds once and reuses.

``COMMUNIQUE_CACHE`` chooses the directory (default: ``$XDG_CACHE_HOME/communique`` or
``~/.cache/communique``); ``COMMUNIQUE_CACHE=off`` turns caching off.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Any


def cache_dir() -> Path | None:
    chosen = os.environ.get("COMMUNIQUE_CACHE")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "communique"


def save_pickle(path: Path, data: Any) -> None:
    """Write ``data`` to ``path`` whole or not at all (a temporary file renamed over it); raises
    OSError when the cache cannot be written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as fh:
        pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(fh.name, path)
