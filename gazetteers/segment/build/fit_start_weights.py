"""Fit the weights of the article-start cues (gazetteers/segment/start_weights.tsv).

Usage: python gazetteers/segment/build/fit_start_weights.py ../shared/corpora_external [--write]

Each annotated page is segmented with the annotation taking every heading-group decision
(so the reader's state is the right one at the next group), and each group's cues are kept
with its answer: does an annotated article start in the group? A logistic regression is then
fitted to these examples, its weights drawn towards the hand-set ones (a Gaussian prior, so
that a cue seen on few development pages keeps its hand weight instead of falling to zero;
the hand weights are in gazetteers/segment/start_weights_prior.tsv).

Pages are split by a fixed rule: every third page of each file (in file order, starting with
the third) is held apart and never used for fitting, so that ``bench_segment.py`` can report
scores on pages the weights never saw beside those they were fitted on. The project's own
gold pages (corpora/*/gold.json) always count as fitting pages.

With ``--write`` the fitted weights replace the table; its header names the fitting pages.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_segment import page_text_and_gold  # noqa: E402

from pipeline.lexicon import gazetteer_path, read_table  # noqa: E402
from pipeline.segment import preload, segment  # noqa: E402
from pipeline.segment.weights import WEIGHTS_FILE  # noqa: E402

# Strengths of the pull towards the hand weights (inverse prior variance) tried; the one
# with the best decision accuracy in 3-fold cross-validation over the fitting pages is used.
PRIORS = (0.3, 1.0, 3.0, 10.0)
PRIOR_FILE = "segment/start_weights_prior.tsv"
Example = tuple[dict[str, float], bool]


def held_apart(index: int) -> bool:
    """The fixed split: every third page of a file is held apart."""
    return index % 3 == 2


def corpus_pages(folder: Path) -> list[tuple[str, str, list[int], bool]]:
    """(page id, text, gold start offsets, held apart) of every annotated page."""
    pages = []
    for path in sorted(folder.glob("rmrb_*pages*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(x for x in lines if x):
            page = json.loads(line)
            text, gold = page_text_and_gold(page)
            pages.append((str(page.get("page_id", i)), text, [s for s, _ in gold], held_apart(i)))
    for gold_file in sorted((ROOT / "corpora").glob("*/gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = (ROOT / gold["page"]["source"]).read_text(encoding="utf-8")
        starts = [
            a["spans"][0][0]
            for a in gold["articles"]
            if a.get("kind") not in ("furniture", "advertisement")
        ]
        pages.append((gold_file.parent.name, text, starts, False))
    return pages


def examples(text: str, starts: list[int]) -> list[Example]:
    """The cues of every heading-group decision on a page, with the annotated answer."""
    found: list[Example] = []
    ends = sorted(starts)

    def decide(cues: dict[str, float], at: int) -> bool:
        end = text.find("\n\n", at)
        end = len(text) if end < 0 else end
        answer = any(at <= s <= end for s in ends)
        found.append((dict(cues), answer))
        return answer

    segment(text, decide=decide)
    return found


def fit(data: list[Example], prior: dict[str, float], strength: float) -> dict[str, float]:
    """MAP logistic regression (Newton's method) with a Gaussian prior around ``prior``."""
    names = sorted({n for cues, _ in data for n in cues} | set(prior))
    x = np.array([[cues.get(n, 0.0) for n in names] for cues, _ in data])
    y = np.array([1.0 if answer else 0.0 for _, answer in data])
    w0 = np.array([prior.get(n, 0.0) for n in names])
    w = w0.copy()
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + strength * (w - w0)
        hess = (x.T * (p * (1 - p))) @ x + strength * np.eye(len(names))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return {n: round(float(v), 3) for n, v in zip(names, w, strict=True)}


def choose_strength(per_page: list[list[Example]], prior: dict[str, float]) -> float:
    """The prior strength with the best 3-fold cross-validated accuracy (pages as units)."""

    def cv(strength: float) -> float:
        right = total = 0
        for fold in range(3):
            train = [ex for i, p in enumerate(per_page) if i % 3 != fold for ex in p]
            test = [ex for i, p in enumerate(per_page) if i % 3 == fold for ex in p]
            right += round(accuracy(test, fit(train, prior, strength)) * len(test))
            total += len(test)
        return right / max(1, total)

    return max(PRIORS, key=lambda s: (cv(s), s))


def accuracy(data: list[Example], weights: dict[str, float]) -> float:
    right = sum(
        (sum(weights.get(n, 0.0) * v for n, v in cues.items()) >= 0) == answer
        for cues, answer in data
    )
    return right / max(1, len(data))


def write(
    weights: dict[str, float], fitted_on: list[str], n: int, acc: float, strength: float
) -> None:
    lines = [
        "# Weights of the cues that a heading group starts an article "
        "(pipeline/segment/weights.py).",
        "# source: annotated article boundaries of the development pages (corpora_external "
        "rmrb_*pages*.jsonl, not part of the project) and the project's gold pages (corpora/)",
        f"# date: {dt.date.today().isoformat()}",
        "# made: by script gazetteers/segment/build/fit_start_weights.py",
        f"# fit: MAP logistic regression, prior the hand weights (start_weights_prior.tsv) "
        f"with strength {strength}; {n} decisions, accuracy {acc:.3f}",
        "# cue <TAB> weight; a group starts an article when the sum over its cues is at least 0.",
        f"# fitted on: {' '.join(fitted_on)}",
        *(f"{name}\t{weight}" for name, weight in weights.items()),
    ]
    gazetteer_path(WEIGHTS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        print(__doc__.split("\n\n")[1])
        return 2
    preload()
    pages = corpus_pages(Path(args[0]))
    hand = {name: float(w) for name, w in read_table(PRIOR_FILE)}
    per_page = [examples(text, starts) for _, text, starts, held in pages if not held]
    fit_data = [ex for page in per_page for ex in page]
    held_data = [ex for _, text, starts, held in pages if held for ex in examples(text, starts)]
    strength = choose_strength(per_page, hand)
    weights = fit(fit_data, hand, strength)
    print(f"decisions: fitting {len(fit_data)}, held apart {len(held_data)}; prior {strength}")
    for label, w in (("hand", hand), ("fitted", weights)):
        print(
            f"{label:7} decision accuracy: fitting {accuracy(fit_data, w):.3f}  "
            f"held apart {accuracy(held_data, w):.3f}"
        )
    for name in weights:
        print(f"  {name:34} {hand.get(name, 0.0):6.2f} -> {weights[name]:6.2f}")
    if "--write" in argv:
        fitted_on = [pid for pid, _, _, held in pages if not held]
        write(weights, fitted_on, len(fit_data), accuracy(fit_data, weights), strength)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
