"""Store: coded documents and events in a DuckDB file."""

from .store import DEFAULT_PATH, Store, StoreError, WriteResult

__all__ = ["DEFAULT_PATH", "Store", "StoreError", "WriteResult"]
