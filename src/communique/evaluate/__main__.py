"""``python -m communique.evaluate GOLD PRED.jsonl [--dups DUPS.json] [--json]``"""

from __future__ import annotations

import argparse
import json
import sys

from . import EvaluationInputError, format_report, load_duplicates, load_gold, load_predictions, score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m communique.evaluate", description="Score predicted events against gold.")
    parser.add_argument("gold", help="a .gold.jsonl file or a directory of them")
    parser.add_argument("predictions", help="predicted events, one export-contract JSON object per line")
    parser.add_argument("--dups", help="JSON list of groups of gold ids describing one real-world event")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    try:
        result = score(load_gold(args.gold), load_predictions(args.predictions), load_duplicates(args.dups) if args.dups else None)
    except EvaluationInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(result) if args.json else format_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
