"""Shared test fixtures: paths to the repository, its examples and the reference data beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples" / "articles"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.fail(f"reference data not found beside the repository: {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES
