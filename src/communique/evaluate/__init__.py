"""Evaluation: scoring predicted events against gold events (the annotation guidelines' rules).

Readers of the reference datasets and the accuracy measures on them live outside the package,
in ``benchmarks/communique_eval``.
"""

from .io import EvaluationInputError, load_duplicates, load_gold, load_predictions
from .report import format_report
from .scorer import score

__all__ = ["EvaluationInputError", "format_report", "load_duplicates", "load_gold", "load_predictions", "score"]
