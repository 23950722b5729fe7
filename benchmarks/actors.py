"""Actor benchmarks: who the coder names as source and target, against two public references.

    python benchmarks/actors.py [--shared ../shared] [--limit N] [--errors FILE]
                                [--out benchmarks/results/actors.json]

The sets and the measures are described in :mod:`communique_eval.actors`.
"""

from __future__ import annotations

import sys

from communique_eval.actors import main

if __name__ == "__main__":
    sys.exit(main())
