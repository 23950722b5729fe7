"""Train the sentence event classifier (``communique_eval.training``) and export it to plain files.

    python scripts/train_classifier.py [--shared ../shared] [--out src/communique/data/models]
                                       [--seed 13] [--folds 5] [--max-rows N] [--with-case]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from communique_eval.training import main  # noqa: E402 - after the path to the tooling package

if __name__ == "__main__":
    main()
