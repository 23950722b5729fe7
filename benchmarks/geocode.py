"""Geocoding benchmark: 100 place names that spaCy finds in real news sentences, geocoded
offline and checked against hand-checked countries (benchmarks/data/geocode_gold.csv).

    python benchmarks/geocode.py            # score, print and write benchmarks/results/geocode.json
    python benchmarks/geocode.py --draw     # list the drawn names with a sentence, to check by hand

Names are drawn deterministically: the distinct GPE/LOC entity texts of the ConfliBERT CAMEO
training sentences, ordered by the SHA-1 of their case-folded text, first 100.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

from communique.nlp.model import load_model
from communique.place.geocode import geocode

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent.parent / "shared" / "reference" / "eventdata__ConfliBERT" / "cameo_class_train.tsv"
GOLD = HERE / "data" / "geocode_gold.csv"
RESULTS = HERE / "results" / "geocode.json"
SAMPLE_SIZE = 100


def draw_names(limit: int = SAMPLE_SIZE) -> list[tuple[str, str]]:
    """(name, first sentence it appears in) for the drawn place names."""
    texts = [line.split("\t")[0] for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    seen: dict[str, tuple[str, str]] = {}
    for sdoc in load_model().pipe(texts, batch_size=64):
        for ent in sdoc.ents:
            if ent.label_ in ("GPE", "LOC"):
                seen.setdefault(ent.text.casefold(), (ent.text, sdoc.text))
    ordered = sorted(seen, key=lambda k: hashlib.sha1(k.encode("utf-8")).hexdigest())
    return [seen[k] for k in ordered[:limit]]


def read_gold() -> dict[str, str | None]:
    with GOLD.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(line for line in fh if not line.startswith("#"))]
    return {r["name"]: (r["expected_country"] or None) for r in rows}


def score(names: list[str], gold: dict[str, str | None]) -> dict:
    rows = []
    for name in names:
        expected = gold[name]
        found = geocode(name)
        got = found.country if found else None
        right = got == expected  # a non-place or a multi-state region is right when given no country
        rows.append({"name": name, "expected_country": expected, "country": got,
                     "resolved_as": found.name if found else None,
                     "feature": found.feature if found else None, "right": right})
    with_country = [r for r in rows if r["expected_country"]]
    return {
        "source": "eventdata/ConfliBERT cameo_class_train.tsv, spaCy GPE/LOC entities",
        "names": len(rows),
        "right_country": sum(r["right"] for r in rows),
        "share_right": round(sum(r["right"] for r in rows) / len(rows), 3),
        "names_with_a_country": len(with_country),
        "share_right_with_a_country": round(sum(r["right"] for r in with_country) / max(len(with_country), 1), 3),
        "not_found": sum(r["feature"] is None for r in rows),
        "wrong": [{k: r[k] for k in ("name", "expected_country", "country", "resolved_as")} for r in rows if not r["right"]],
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draw", action="store_true", help="list the drawn names with their sentence")
    args = parser.parse_args(argv)
    drawn = draw_names()
    if args.draw:
        for name, sentence in drawn:
            print(f"{name}\t{sentence}")
        return 0
    gold = read_gold()
    missing = [name for name, _ in drawn if name not in gold]
    if missing:
        print(f"names without a gold country in {GOLD}: {missing}", file=sys.stderr)
        return 1
    result = score([name for name, _ in drawn], gold)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    summary = {k: v for k, v in result.items() if k not in ("rows", "wrong")}
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    for row in result["wrong"]:
        print(f"  wrong: {row['name']!r}: expected {row['expected_country']}, got {row['country']} ({row['resolved_as']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
