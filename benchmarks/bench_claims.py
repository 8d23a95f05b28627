"""Speed of the claim check at archive scale: 1,000 claims against an extracted run of pages.

    python benchmarks/bench_claims.py ../shared/corpora_external [--pages 100] [--claims 1000]

Extracts up to ``--pages`` pages once (full-text page records, else articles grouped by page,
from the JSON Lines files under the folder) into ``outputs/bench_claims/pages.jsonl``, reads
them back as a check against a run does, then checks ``--claims`` claims written from the
pages' own figures (subject + metric + figure, half of them with one digit changed) in one
index. Prints the seconds of each step and the verdict counts.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from pathlib import Path

import pipeline
from pipeline.claims import Index, check_claim
from pipeline.claims.load import load_pages
from pipeline.document import PageDocument

OUT = Path(__file__).resolve().parent.parent / "outputs" / "bench_claims"


def page_texts(folder: Path, limit: int) -> list[tuple[str, str, str | None]]:
    """(source, text, published) of up to ``limit`` pages: page records first, then articles
    of one page joined."""
    pages, grouped = [], {}
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            record = json.loads(line)
            text = record.get("text") or record.get("page_text")
            key = record.get("page_id") or record.get("article_id")
            if "page_id" in record and text:
                pages.append((key, text, record.get("date")))
            elif text:
                page = re.sub(r"-a\d+$", "", key)
                grouped.setdefault(page, ([], record.get("date")))[0].append(text)
    pages += [(k, "\n\n".join(texts), date) for k, (texts, date) in grouped.items()]
    return pages[:limit]


def make_claims(docs: list[PageDocument], count: int) -> list[str]:
    """Claims in newspaper style from the pages' figures; every other one misquotes a digit."""
    claims = []
    for doc in docs:
        for f in doc.figures:
            if f.metric and f.subject and re.search(r"[1-8]", f.surface):
                lead = f"{f.period}，" if f.period else ""
                claims.append(f"{lead}{f.subject}{f.metric}{f.surface}")
                wrong = re.sub(r"[1-8]", lambda m: str(int(m.group()) + 1), f.surface, count=1)
                claims.append(f"{lead}{f.subject}{f.metric}{wrong}")
    return (claims * (count // max(1, len(claims)) + 1))[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--claims", type=int, default=1000)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    jsonl = OUT / "pages.jsonl"
    texts = page_texts(args.folder, args.pages)
    start = time.perf_counter()
    with jsonl.open("w", encoding="utf-8") as out:
        for source, text, published in texts:
            out.write(pipeline.extract(text, source=source, published=published).to_json() + "\n")
    extracted = time.perf_counter()
    docs = load_pages(jsonl)
    loaded = time.perf_counter()
    claims = make_claims(docs, args.claims)
    check_claim(claims[0], [])  # loads jieba and the lexicons: the cold start, once a process
    warm = time.perf_counter()
    index = Index(docs)
    indexed = time.perf_counter()
    verdicts = [check_claim(claim, index) for claim in claims]
    checked = time.perf_counter()
    chars = sum(len(d.page.text) for d in docs)
    print(f"pages {len(docs)} ({chars} chars): extract {extracted - start:.1f} s (once)")
    print(f"read back {loaded - extracted:.2f} s; cold start {warm - loaded:.2f} s")
    print(f"index {indexed - warm:.2f} s; check {len(claims)} claims {checked - indexed:.2f} s")
    print(dict(Counter(v[-1].verdict if v else "none" for v in verdicts)))


if __name__ == "__main__":
    main()
