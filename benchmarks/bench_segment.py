"""Article segmentation against real 人民日报 pages (and the seed gold file when present).

Usage: python benchmarks/bench_segment.py ../shared/corpora_external [--misses]

For every ``rmrb_*pages*.jsonl`` under the given folder it runs :func:`pipeline.segment.segment`
on each page and reports, per file:

- article-start precision and recall: a predicted article (not furniture or advertisement)
  starts on the same line as a gold article, one-to-one;
- mean span Jaccard: for each gold article, the best character Jaccard (whitespace ignored)
  with a predicted article;
- speed: characters per second of ``segment``.

Scores are given for all pages, for the pages the article-start weights were fitted on
(named in gazetteers/segment/start_weights.tsv) and for the pages held apart from fitting.

With ``--misses`` it also prints each missed gold start and each spurious predicted start
(page id and the first characters of the line), to study errors by kind.

If ``corpora/seed/gold.json`` exists, it also prints the character Jaccard of each seed unit.
The corpus files are others' test material: this script only reads them.
"""

from __future__ import annotations

import bisect
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.lexicon import gazetteer_path  # noqa: E402
from pipeline.segment import Segmentation, is_furniture, preload, segment  # noqa: E402
from pipeline.segment.weights import WEIGHTS_FILE  # noqa: E402

SEED = ROOT / "corpora" / "seed" / "000_caa4a03adb5becde.txt"
SEED_GOLD = ROOT / "corpora" / "seed" / "gold.json"
Span = tuple[int, int]


def page_text_and_gold(page: dict) -> tuple[str, list[Span]]:
    """Page text and gold article extents, for both page schemas of the corpus.

    Items whose title is an editor credit line (the leads file keeps them as items) are page
    furniture by the project's conventions and are left out, like predicted furniture.
    """
    if "text" in page:
        text, spans = page["text"], [(a["start"], a["end"]) for a in page["articles"]]
    else:
        text = page["page_text"]
        starts, cursor = [], 0
        for art in page["articles"]:
            # The title as a whole line: a lead may quote its own or the next title.
            m = re.compile(rf"^{re.escape(art['title'])}$", re.M).search(text, cursor)
            if not m:
                continue
            starts.append(m.start())
            cursor = m.end()
        ends = [*(s - 2 for s in starts[1:]), len(text)]
        spans = [(s, max(s, e)) for s, e in zip(starts, ends, strict=True)]
    return text, [(s, e) for s, e in spans if not is_furniture(text[s:e].split("\n", 1)[0])]


def line_of(line_starts: list[int], offset: int) -> int:
    return bisect.bisect_right(line_starts, offset) - 1


def chars(text: str, spans: list[Span]) -> set[int]:
    return {i for s, e in spans for i in range(s, e) if not text[i].isspace()}


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


@dataclass
class PageScore:
    matched: int
    predicted: int
    wanted: int
    jaccards: list[float]
    missed: list[str]  # first characters of the gold start lines not predicted
    spurious: list[str]  # first characters of the predicted start lines not in the gold


def score_page(text: str, gold: list[Span], seg: Segmentation) -> PageScore:
    """Start matches (one-to-one, by line) and a Jaccard per gold article."""
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    arts = [a for a in seg.articles if a.kind not in ("furniture", "advertisement")]
    pred_lines = [line_of(line_starts, a.spans[0][0]) for a in arts]
    gold_lines = [line_of(line_starts, s) for s, _ in gold]
    free = list(pred_lines)
    missed: list[int] = []
    for g in gold_lines:
        if g in free:
            free.remove(g)
        else:
            missed.append(g)
    pred_sets = [chars(text, a.spans) for a in arts]
    jac = [max((jaccard(chars(text, [g]), p) for p in pred_sets), default=0.0) for g in gold]

    def head(line: int) -> str:
        return text[line_starts[line] :].split("\n", 1)[0][:30]

    matched = len(gold_lines) - len(missed)
    return PageScore(
        matched,
        len(pred_lines),
        len(gold_lines),
        jac,
        [head(g) for g in missed],
        [head(p) for p in free],
    )


@dataclass
class Tally:
    matched: int = 0
    predicted: int = 0
    wanted: int = 0
    pages: int = 0
    jaccards: list[float] = field(default_factory=list)

    def add(self, score: PageScore) -> None:
        self.matched += score.matched
        self.predicted += score.predicted
        self.wanted += score.wanted
        self.pages += 1
        self.jaccards.extend(score.jaccards)

    def line(self, label: str) -> str:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.wanted if self.wanted else 0.0
        f1 = 2 * p * r / max(1e-9, p + r)
        jac = sum(self.jaccards) / max(1, len(self.jaccards))
        return (
            f"  {label:11} pages {self.pages:3}  start precision {p:.3f}  recall {r:.3f}  "
            f"F1 {f1:.3f}  mean span Jaccard {jac:.3f}"
        )


def fitted_pages() -> set[str]:
    """Pages the start weights were fitted on (named in the weights file's header)."""
    for line in gazetteer_path(WEIGHTS_FILE).read_text(encoding="utf-8").splitlines():
        if line.startswith("# fitted on:"):
            return set(line.split(":", 1)[1].split())
    return set()


def bench_file(path: Path, show_misses: bool, fitted: set[str]) -> None:
    pages = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    tallies = {"all": Tally(), "fitted": Tally(), "held apart": Tally()}
    n_chars, seconds = 0, 0.0
    for page in pages:
        text, gold = page_text_and_gold(page)
        t0 = time.perf_counter()
        seg = segment(text)
        seconds += time.perf_counter() - t0
        n_chars += len(text)
        score = score_page(text, gold, seg)
        tallies["all"].add(score)
        tallies["fitted" if page.get("page_id") in fitted else "held apart"].add(score)
        if show_misses:
            for line in score.missed:
                print(f"  missed   {page.get('page_id', '?')}: {line}")
            for line in score.spurious:
                print(f"  spurious {page.get('page_id', '?')}: {line}")
    print(f"{path.name}: gold articles {tallies['all'].wanted}")
    for label, tally in tallies.items():
        if tally.pages:
            print(tally.line(label))
    print(f"  speed {n_chars / max(seconds, 1e-9):,.0f} chars/s ({n_chars:,} chars)")


def gold_spans(article: dict) -> list[Span]:
    if "spans" in article:
        return [tuple(s) for s in article["spans"]]
    return [(article["start"], article["end"])]


def bench_seed() -> None:
    if not SEED_GOLD.exists():
        print(f"seed: {SEED_GOLD.relative_to(ROOT)} not found, skipped")
        return
    text = SEED.read_text(encoding="utf-8")
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    seg = segment(text)
    preds = [(a, chars(text, a.spans)) for a in seg.articles]
    print(f"seed: {len(gold.get('articles', []))} gold units, {len(seg.articles)} predicted")
    for art in gold.get("articles", []):
        g = chars(text, gold_spans(art))
        best, pred = max(((jaccard(g, p), a) for a, p in preds), key=lambda x: x[0])
        label = art.get("headline") or art.get("column") or art.get("kind")
        print(f"  {art.get('kind', '?'):13} {str(label)[:24]:26} Jaccard {best:.3f} ({pred.kind})")
    print(f"  sidebars: gold {len(gold.get('sidebars', []))}, predicted {len(seg.sidebars)}")


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if a != "--misses"]
    if len(args) != 1:
        print(__doc__.split("\n\n")[1])
        return 2
    preload()  # jieba and the lexicons load once, outside the timing
    fitted = fitted_pages()
    for path in sorted(Path(args[0]).glob("rmrb_*pages*.jsonl")):
        bench_file(path, "--misses" in argv, fitted)
    bench_seed()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
