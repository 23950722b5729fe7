"""The user's cache directory, shared by everything Communique builds once and reuses.

``COMMUNIQUE_CACHE`` chooses the directory (default: ``$XDG_CACHE_HOME/communique`` or
``~/.cache/communique``); ``COMMUNIQUE_CACHE=off`` turns caching off.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    chosen = os.environ.get("COMMUNIQUE_CACHE")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "communique"
