"""Shared fixtures: the seed page (in the project) and the optional shared test material."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "seed" / "000_caa4a03adb5becde.txt"
# Test material written by others lives beside the project, never inside it.
SHARED = Path(os.environ.get("BAOKAN_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(seed_text):
    import pipeline

    return pipeline.extract(seed_text, source=SEED.name)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared test material not found at {SHARED}")
    return SHARED
