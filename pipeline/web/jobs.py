"""What the server's worker processes run: extraction and claim checks, JSON in and out.

Results cross the process pipe as JSON text, the same bytes the command line writes, so the
server never re-serializes a document.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
import types
import typing
from pathlib import Path
from typing import Any

from pipeline.document import (
    Article,
    DateMention,
    Entity,
    Figure,
    Page,
    PageDocument,
    Quote,
    Sidebar,
)

# A short page that touches every stage, so that a worker loads jieba, spaCy and the
# lexicons before its first real job rather than during it.
WARM_TEXT = "本报北京5月20日电 （记者 彭江）浙江已走访企业596万家。田利辉说：“信贷要直达基层。”"

_TABLE_TYPES = {
    "articles": Article,
    "sidebars": Sidebar,
    "figures": Figure,
    "dates": DateMention,
    "entities": Entity,
    "quotes": Quote,
}


def warm() -> None:
    from pipeline.process import extract

    extract(WARM_TEXT)


def extract_text(text: str, published: str | None, source: str) -> list[str]:
    """The page document of page text, as JSON."""
    from pipeline.process import extract

    return [extract(text, published=published, source=source).to_json()]


def extract_upload(data: bytes, filename: str, published: str | None) -> list[str]:
    """Documents of every page of an uploaded ``.txt`` or ``.pdf`` file, as JSON.

    Raises ``IngestError`` naming the pages that could not be read.
    """
    from pipeline.ingest import IngestError
    from pipeline.process import extract_path

    suffix = Path(filename).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="baokan-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        results = extract_path(path, published=published)
    name = Path(filename).name
    failures = [r for r in results if not isinstance(r, PageDocument)]
    if failures:
        raise IngestError("; ".join(f.reason for f in failures))
    docs = [dataclasses.replace(d, page=_renamed(d.page, str(path), name)) for d in results]
    return [d.to_json() for d in docs]


def _renamed(page: Page, temp_path: str, name: str) -> Page:
    """The page with its source named after the upload, not the temporary file."""
    return dataclasses.replace(page, source=name + page.source.removeprefix(temp_path))


def check_claims(claims: list[str], document_json: str) -> str:
    """Verdicts of every claim against one page document, as a JSON list."""
    from pipeline.claims import check_claim

    doc = document_from_dict(json.loads(document_json))
    verdicts = [verdict_to_dict(v) for claim in claims for v in check_claim(claim, [doc])]
    return json.dumps(verdicts, ensure_ascii=False)


def verdict_to_dict(verdict: Any) -> dict[str, Any]:
    """JSON-ready form of a claim verdict, whichever verdict type the claims module has."""
    if hasattr(verdict, "to_dict"):
        return verdict.to_dict()
    return dataclasses.asdict(verdict)


def document_from_dict(data: dict[str, Any]) -> PageDocument:
    """A :class:`PageDocument` back from its JSON form; unknown keys are left out."""
    tables = {
        name: [_build(cls, row) for row in data.get(name, [])] for name, cls in _TABLE_TYPES.items()
    }
    return PageDocument(page=_build(Page, data["page"]), **tables)


def _build(cls: type, row: dict[str, Any]) -> Any:
    hints = typing.get_type_hints(cls)
    values = {
        f.name: _spans(hints[f.name], row[f.name]) for f in dataclasses.fields(cls) if f.name in row
    }
    return cls(**values)


def _spans(hint: Any, value: Any) -> Any:
    """JSON lists back to the tuples (spans) that the dataclass fields declare."""
    if value is None:
        return None
    if tuple[int, int] in (hint, _optional_of(hint)):
        return tuple(value)
    if hint == list[tuple[int, int]]:
        return [tuple(v) for v in value]
    return value


def _optional_of(hint: Any) -> Any:
    if isinstance(hint, types.UnionType):
        rest = [a for a in typing.get_args(hint) if a is not type(None)]
        return rest[0] if len(rest) == 1 else None
    return None
