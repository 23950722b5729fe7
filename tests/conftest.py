"""Shared test fixtures: paths to the repository, its examples and the reference data beside it.

Tests that read the reference data (``../shared``) take the ``shared`` fixture; without that data
they are skipped, with a message naming what is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples" / "articles"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"needs the reference data at {SHARED} (the peer data checked out beside the repository); "
                    "not found")
    return SHARED


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES
