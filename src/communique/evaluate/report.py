"""Plain-text rendering of a score result."""

from __future__ import annotations

import json
from typing import Any


def _dyad(item: dict[str, Any]) -> str:
    return f"{item.get('actor') or '-'} -> {item.get('recipient') or '-'}"


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def format_details(result: dict[str, Any]) -> str:
    """Each miss, false positive and wrong attribute with the sentence behind it, document by document."""
    lines = []
    for item in result.get("misses", []):
        lines.append(f"MISS {item['doc']} {item['gold_id']} {item['plover']} {item.get('cameo')} {_dyad(item)}")
        lines.append(f"     | {item.get('sentence')}")
    for item in result.get("false_positives", []):
        lines.append(f"FP   {item['doc']} {item['plover']} {item.get('cameo')} {_dyad(item)} rule={item.get('rule')}")
        lines.append(f"     | {item.get('sentence')}")
    for item in result.get("attribute_errors", []):
        lines.append(f"ATTR {item['doc']} {item['gold_id']} {item['attribute']}: "
                     f"gold={item['gold']!r} predicted={item['predicted']!r}")
        lines.append(f"     | {item.get('sentence')}")
    for item in result.get("duplicate_errors", []):
        label = "DUP apart " if item["kind"] == "apart" else "TRAP merged"
        lines.append(f"{label} {' / '.join(side['gold_id'] for side in item['pair'])}")
        for side in item["pair"]:
            lines.append(f"     {side['gold_id']} gold {side['gold_date']} | {_one_line(side['gold_sentence'])}")
            lines.append(f"     {' ' * len(side['gold_id'])} {side['event_id']} {side['date']} | {_one_line(side['sentence'])}")
    return "\n".join(lines)


def format_report(result: dict[str, Any], details: bool = False) -> str:
    """Per-document counts, attribute accuracies and the P/R/F1 line, as the reference scorer prints them.

    With ``details``, each miss, false positive and wrong attribute is listed first with its sentence.
    """
    lines = [format_details(result)] if details else []
    lines += [f"{doc}: tp={tp} fp={fp} fn={fn}" for doc, (tp, fp, fn) in result["per_doc"].items()]
    lines.append(f"attributes: {json.dumps(result['attributes'])}")
    if "dedup_pairs_merged" in result:
        of_all = result.get("dedup_pairs_merged_of_all")
        lines.append(f"dedup pairs merged: {result['dedup_pairs_merged']}"
                     + (f" (of all pairs: {of_all})" if of_all else "")
                     + f" false merges: {result.get('dedup_false_merges', '0/0')}")
    lines.append(
        f"P={result['precision']} R={result['recall']} F1={result['f1']} "
        f"(tp={result['tp']} fp={result['fp']} fn={result['fn']})"
    )
    return "\n".join(lines)
