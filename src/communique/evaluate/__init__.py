"""Evaluation: scoring predicted events against gold (shared/eval/GUIDELINES.md) and reference dataset readers."""

from .io import EvaluationInputError, load_duplicates, load_gold, load_predictions
from .report import format_report
from .scorer import score

__all__ = ["EvaluationInputError", "format_report", "load_duplicates", "load_gold", "load_predictions", "score"]
