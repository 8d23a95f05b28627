"""Prove that a change leaves the pipeline's output alone, or show what it changed.

Usage (the shared folder defaults to $BAOKAN_SHARED, else ../shared beside the checkout):
    python benchmarks/diff_outputs.py save OUT.jsonl [--shared ../shared]
    python benchmarks/diff_outputs.py compare A.jsonl B.jsonl [--show N]

``save`` extracts every page of the project's corpora (``corpora/*/*.txt``) and every page or
article of ``SHARED/corpora_external/*.jsonl`` (skipped when that folder is absent) and writes
one line per page: ``{"key": ..., "doc": <page document>}``, sorted by key. Run it before and
after a change (keep the files outside the repository: the shared text must not be committed).

``compare`` matches pages by key and items by id (ids derive from the page hash and the
offsets), prints a summary of added, removed and changed items per table and, with
``--show N``, up to N differing items per page. It exits 1 if anything differs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED = Path(os.environ.get("BAOKAN_SHARED", ROOT.parent / "shared"))
TABLES = ("error", "page", "articles", "sidebars", "figures", "dates", "entities", "quotes")


@dataclass(frozen=True)
class Source:
    key: str
    text: str
    published: str | None


def project_pages(root: Path) -> Iterator[Path]:
    """The text pages under ``corpora/``, in path order."""
    yield from sorted((root / "corpora").glob("*/*.txt"))


def shared_pages(shared: Path) -> Iterator[Source]:
    """Each page (or article) of the external corpora: its text and its date."""
    for path in sorted((shared / "corpora_external").glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for n, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                row = json.loads(line)
                text = row.get("page_text") or row.get("text") or ""
                # The line number keeps keys unique: an id may occur twice in a file.
                name = row.get("page_id") or row.get("article_id") or ""
                yield Source(f"{path.name}:{n}#{name}", text, row.get("date"))


def _extract(src: Source) -> dict[str, Any]:
    """The page document, or the error, so that a page the change breaks shows as a difference."""
    import pipeline

    try:
        return pipeline.extract(src.text, published=src.published, source=src.key).to_dict()
    except Exception as err:  # any failure is a result to compare
        return {"error": repr(err)}


def extract_all(root: Path, shared: Path | None) -> dict[str, dict[str, Any]]:
    """Page documents keyed by page, as ``baokan extract`` would make them."""
    sources = [
        Source(str(path.relative_to(root)), path.read_text(encoding="utf-8"), None)
        for path in project_pages(root)
    ]
    if shared is not None:
        sources += shared_pages(shared)
    return {src.key: _extract(src) for src in sources}


def save(out: Path, docs: dict[str, dict[str, Any]]) -> None:
    with out.open("w", encoding="utf-8") as fh:
        for key in sorted(docs):
            fh.write(json.dumps({"key": key, "doc": docs[key]}, ensure_ascii=False) + "\n")


def load(path: Path) -> dict[str, dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return {row["key"]: row["doc"] for row in rows}


def _item_key(item: dict[str, Any]) -> str:
    """Identity of an item: its id, else its span, else its whole content."""
    for field in ("id", "span", "start"):
        if field in item:
            return json.dumps([field, item[field], item.get("end")])
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def _items(doc: dict[str, Any], table: str) -> dict[str, dict[str, Any]]:
    if table in ("error", "page"):
        return {table: doc[table]} if table in doc else {}
    return {_item_key(item): item for item in doc.get(table, [])}


@dataclass
class TableDiff:
    added: list[dict[str, Any]]
    removed: list[dict[str, Any]]
    changed: list[tuple[dict[str, Any], dict[str, Any]]]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def diff_table(a: dict[str, Any], b: dict[str, Any], table: str) -> TableDiff:
    """Items of one table only in ``a``, only in ``b``, or in both with other content."""
    old, new = _items(a, table), _items(b, table)
    return TableDiff(
        added=[new[k] for k in sorted(new.keys() - old.keys())],
        removed=[old[k] for k in sorted(old.keys() - new.keys())],
        changed=[(old[k], new[k]) for k in sorted(old.keys() & new.keys()) if old[k] != new[k]],
    )


def _brief(item: dict[str, Any]) -> str:
    shown = {k: v for k, v in item.items() if k not in ("text", "sentence")}
    text = json.dumps(shown, ensure_ascii=False)
    return text if len(text) <= 300 else text[:297] + "..."


def compare(a: dict[str, dict[str, Any]], b: dict[str, dict[str, Any]], show: int) -> int:
    """Print the differences; the number of differing pages (0: same output)."""
    only_a, only_b = sorted(a.keys() - b.keys()), sorted(b.keys() - a.keys())
    for key in only_a:
        print(f"page only in A: {key}")
    for key in only_b:
        print(f"page only in B: {key}")
    totals: Counter[str] = Counter()
    pages_by_table: Counter[str] = Counter()
    differing = len(only_a) + len(only_b)
    for key in sorted(a.keys() & b.keys()):
        diffs = {t: diff_table(a[key], b[key], t) for t in TABLES}
        diffs = {t: d for t, d in diffs.items() if d}
        if not diffs:
            continue
        differing += 1
        parts = []
        for table, d in diffs.items():
            pages_by_table[table] += 1
            totals[f"{table} +"] += len(d.added)
            totals[f"{table} -"] += len(d.removed)
            totals[f"{table} ~"] += len(d.changed)
            parts.append(f"{table} +{len(d.added)} -{len(d.removed)} ~{len(d.changed)}")
        print(f"{key}: " + ", ".join(parts))
        if show:
            _show(diffs, show)
    print(f"\n{len(a.keys() & b.keys())} pages in both; {differing} differ")
    for table in TABLES:
        if pages_by_table[table]:
            print(
                f"  {table:9} {pages_by_table[table]:4} pages: +{totals[table + ' +']} added, "
                f"-{totals[table + ' -']} removed, ~{totals[table + ' ~']} changed"
            )
    return differing


def _show(diffs: dict[str, TableDiff], limit: int) -> None:
    lines = []
    for table, d in diffs.items():
        lines += [f"    {table} + {_brief(x)}" for x in d.added]
        lines += [f"    {table} - {_brief(x)}" for x in d.removed]
        for old, new in d.changed:
            fields = [k for k in old.keys() | new.keys() if old.get(k) != new.get(k)]
            lines.append(f"    {table} ~ {old.get('id', '')} {sorted(fields)}")
            lines += [f"        A {k}: {str(old.get(k))[:200]}" for k in sorted(fields)]
            lines += [f"        B {k}: {str(new.get(k))[:200]}" for k in sorted(fields)]
    print("\n".join(lines[: limit * 3]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_save = sub.add_parser("save", help="extract every page and write OUT.jsonl")
    p_save.add_argument("out", type=Path)
    p_save.add_argument("--shared", type=Path, default=SHARED)
    p_cmp = sub.add_parser("compare", help="compare two saved files; exit 1 if they differ")
    p_cmp.add_argument("a", type=Path)
    p_cmp.add_argument("b", type=Path)
    p_cmp.add_argument("--show", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    if args.command == "save":
        shared = args.shared if (args.shared / "corpora_external").is_dir() else None
        if shared is None:
            print(f"note: {args.shared}/corpora_external not found; project pages only")
        docs = extract_all(ROOT, shared)
        save(args.out, docs)
        print(f"{len(docs)} pages written to {args.out}")
        return 0
    return 1 if compare(load(args.a), load(args.b), args.show) else 0


if __name__ == "__main__":
    sys.exit(main())
