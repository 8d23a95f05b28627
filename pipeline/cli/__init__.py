"""``baokan``: the command line, a thin shell over the Python API.

Exit codes: 0 all inputs processed, 1 some inputs failed (each reported on stderr, the rest
still written), 2 usage error. ``check`` and ``audit`` answer a question instead: 0 all
supported / no finding, 1 some not / some findings, 2 usage error, 3 input error.
"""

from __future__ import annotations

import sys
from importlib import import_module

from pipeline.cli.base import app

# Each module registers its commands on ``app`` when imported; this order is --help's order.
for _module in ("extract", "query", "evaluate", "claims", "model", "web"):
    import_module(f"pipeline.cli.{_module}")

__all__ = ["app", "main"]


def main() -> None:  # pragma: no cover - console entry for `python -m pipeline.cli`
    sys.exit(app())
