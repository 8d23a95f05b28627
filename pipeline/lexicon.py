"""Loading the data files under ``gazetteers/``, once per process.

The top-level ``gazetteers/`` folder is the package ``pipeline.gazetteers`` once installed
(setup.py maps it, for wheels, sdists and editable installs), so the data is found through
:mod:`importlib.resources` wherever baokan is installed, with or without a checkout.

Every file is plain UTF-8. Lines starting with ``#`` are the header (source, date, licence)
or comments; blank lines are skipped. Lists hold one entry a line; tables are tab-separated.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

# pip unpacks wheels, so the data package is a folder on disk (a Path, which callers glob).
GAZETTEERS = Path(str(resources.files("pipeline.gazetteers")))


def gazetteer_path(name: str) -> Path:
    """Path of a data file, relative to ``gazetteers/``."""
    path = GAZETTEERS / name
    if not path.is_file():
        raise FileNotFoundError(f"gazetteer {name!r} not found under {GAZETTEERS}")
    return path


def _lines(name: str) -> list[str]:
    text = gazetteer_path(name).read_text(encoding="utf-8")
    return [ln.rstrip("\r") for ln in text.split("\n") if ln.strip() and not ln.startswith("#")]


@cache
def read_list(name: str) -> tuple[str, ...]:
    """Entries of a one-per-line list, stripped, in file order."""
    return tuple(ln.strip() for ln in _lines(name))


@cache
def read_table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated table, cells stripped."""
    return tuple(tuple(cell.strip() for cell in ln.split("\t")) for ln in _lines(name))
