"""Export: the event contract and its file formats."""

from .contract import CONTRACT_FIELDS, as_row, event_to_dict
from .formats import FORMATS, TEXT_FORMATS, write_cameo_tsv, write_csv, write_jsonl, write_parquet

__all__ = ["CONTRACT_FIELDS", "FORMATS", "TEXT_FORMATS", "as_row", "event_to_dict", "write_cameo_tsv",
           "write_csv", "write_jsonl", "write_parquet"]
