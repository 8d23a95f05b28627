"""``baokan serve`` and ``baokan view``: the HTTP API and the annotated page.

FastAPI and uvicorn load only here, so the rest of the package does not need them.
"""

from __future__ import annotations

from pipeline.web.render import render_page

__all__ = ["render_page"]
