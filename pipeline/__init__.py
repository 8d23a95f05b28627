"""baokan: Chinese newspaper pages in; articles, figures, dates, entities and quotes out.

>>> import pipeline
>>> doc = pipeline.extract("本报北京5月20日电。")   # doctest: +SKIP
>>> doc.to_json()                                    # doctest: +SKIP

The heavy stages (jieba, spaCy, the NER model) load on first use, so that ``import
pipeline`` and commands such as ``baokan schema`` stay fast.
"""

from __future__ import annotations

from importlib import import_module, metadata
from typing import Any

# pyproject.toml is the one place the version is written; an installed package knows it.
__version__ = metadata.version("baokan")

_API = {
    "extract": "pipeline.process",
    "extract_file": "pipeline.process",
    "extract_path": "pipeline.process",
    "PublishedDateError": "pipeline.process",
    "to_frames": "pipeline.tables",
    "PageDocument": "pipeline.document",
    "json_schema": "pipeline.document",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
    value = getattr(import_module(_API[name]), name)
    globals()[name] = value
    return value
