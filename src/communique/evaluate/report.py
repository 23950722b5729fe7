"""Plain-text rendering of a score result."""

from __future__ import annotations

import json
from typing import Any


def format_report(result: dict[str, Any]) -> str:
    """Per-document counts, attribute accuracies and the P/R/F1 line, as the reference scorer prints them."""
    lines = [f"{doc}: tp={tp} fp={fp} fn={fn}" for doc, (tp, fp, fn) in result["per_doc"].items()]
    lines.append(f"attributes: {json.dumps(result['attributes'])}")
    if "dedup_pairs_merged" in result:
        of_all = result.get("dedup_pairs_merged_of_all")
        lines.append(f"dedup pairs merged: {result['dedup_pairs_merged']}"
                     + (f" (of all pairs: {of_all})" if of_all else "")
                     + f" false merges: {result['dedup_false_merges']}")
    lines.append(
        f"P={result['precision']} R={result['recall']} F1={result['f1']} "
        f"(tp={result['tp']} fp={result['fp']} fn={result['fn']})"
    )
    return "\n".join(lines)
