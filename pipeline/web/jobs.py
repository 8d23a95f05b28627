"""What the server's worker processes run: extraction and claim checks, JSON in and out.

Results cross the process pipe as JSON text, the same bytes the command line writes, so the
server never re-serializes a document.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
from pathlib import Path
from typing import Any

from pipeline.document import Page, PageDocument

# A short page that touches every stage, so that a worker loads jieba, spaCy and the
# lexicons before its first real job rather than during it.
WARM_TEXT = "本报北京5月20日电 （记者 彭江）浙江已走访企业596万家。田利辉说：“信贷要直达基层。”"


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

    doc = PageDocument.from_dict(json.loads(document_json))
    verdicts = [verdict_to_dict(v) for claim in claims for v in check_claim(claim, [doc])]
    return json.dumps(verdicts, ensure_ascii=False)


def verdict_to_dict(verdict: Any) -> dict[str, Any]:
    """JSON-ready form of a claim verdict, whichever verdict type the claims module has."""
    if hasattr(verdict, "to_dict"):
        return verdict.to_dict()
    return dataclasses.asdict(verdict)
