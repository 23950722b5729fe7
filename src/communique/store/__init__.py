"""Store: coded documents and events in a DuckDB file (DuckDB is imported on first use)."""

from __future__ import annotations

from typing import Any

DEFAULT_PATH = "communique.duckdb"

__all__ = ["DEFAULT_PATH", "Store", "StoreError", "WriteResult"]


def __getattr__(name: str) -> Any:
    if name in ("Store", "StoreError", "WriteResult"):
        from . import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
