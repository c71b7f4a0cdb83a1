"""Calibrate the rewritten-reuse thresholds on a labelled set: the share of the copy made from the
source (``rewrite.Overlap``) by label, and the macro-F1 of each pair of thresholds.

    python benchmarks/accuracy/reuse_calibrate.py PATH [--texts DIR]

PATH as for ``reuse.py``. The shares are those of the labelled copy (the pair's target); the sweep
picks ``derived`` (partially derived or more) and ``wholly`` thresholds on a 0.05 grid. It measures
the sentence evidence alone (no verbatim passages, no direction), so it says where the thresholds
should sit, not how the whole pipeline scores: ``reuse.py`` does that.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reuse import LABELS, load  # noqa: E402

from archive_builder.ingest import make_seed, read_seed  # noqa: E402
from archive_builder.provenance import rewrite  # noqa: E402


def _guess(made: float, lo: float, hi: float) -> str:
    return "wholly" if made >= hi else "partially" if made >= lo else "non"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--texts", type=Path, default=None)
    args = parser.parse_args(argv)
    data = load(args.path, args.texts)
    settings = rewrite.RewriteSettings()
    articles = {}
    for doc, text in data.texts.items():
        raw = text.encode("utf-8")
        got = read_seed(make_seed(Path(f"{doc}.txt"), f"seeds/{doc}.txt", raw), raw)
        if got.article is not None:
            articles[doc] = got.article
    keys = {doc: rewrite.word_keys(a.body, settings) for doc, a in articles.items()}
    df = rewrite.frequencies(list(keys.values()))
    w = rewrite.weights(df, len(keys))
    sents = {doc: rewrite.sentences(a, settings) for doc, a in articles.items()}
    rows: list[tuple[str, float, float, float]] = []
    for pair in data.pairs:
        if pair.source not in sents or pair.target not in sents:
            continue
        o = rewrite.overlap(sents[pair.target], sents[pair.source], w, settings)
        rows.append((pair.label, o.made_a, o.quoted_a, o.made_b))
    print("share of the copy made from the source, by label (min / quartiles / max):")
    for label in LABELS:
        vals = sorted(r[1] for r in rows if r[0] == label)
        if len(vals) >= 2:
            q = statistics.quantiles(vals, n=4)
            print(f"  {label:<10} n={len(vals):<4} {vals[0]:.2f} / {q[0]:.2f} {q[1]:.2f} {q[2]:.2f} / {vals[-1]:.2f}")
    best: list[tuple[float, float, float]] = []
    grid = [i / 20 for i in range(1, 20)]
    for lo in grid:
        for hi in grid:
            if hi <= lo:
                continue
            f1s = []
            guesses = [(r[0], _guess(r[1], lo, hi)) for r in rows]
            for label in LABELS:
                tp = sum(1 for gold, guess in guesses if gold == label and guess == label)
                fp = sum(1 for gold, guess in guesses if gold != label and guess == label)
                fn = sum(1 for gold, guess in guesses if gold == label and guess != label)
                p = tp / (tp + fp) if tp + fp else 0.0
                r = tp / (tp + fn) if tp + fn else 0.0
                f1s.append(2 * p * r / (p + r) if p + r else 0.0)
            best.append((sum(f1s) / 3, lo, hi))
    best.sort(reverse=True)
    print("best thresholds by macro-F1 (sentence evidence alone):")
    for f, lo, hi in best[:8]:
        print(f"  derived >= {lo:.2f}, wholly >= {hi:.2f}: macro-F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
