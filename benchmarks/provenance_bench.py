"""Provenance stage on a generated archive: pairs at each step, recall of the planted reuse, time.

    python benchmarks/provenance_bench.py [--sizes 2000,5000] [--seed 7] [--out DIR (default: $TMPDIR/provenance-bench)]

For each size it generates an archive (``generate.py``, the one ``run.py`` builds), ingests it, and
runs the provenance stage step by step in this process, printing:

* the pairs the reuse index proposes and the pairs that pass the screen (per article), the pairs
  sharing rare words and those of them built from each other's sentences (rewritten reuse);
* recall of the planted reuse (``ground_truth.json``): planted pairs among the index's pairs, among
  the screened pairs, and found as a relation (any type; and of the planted type);
* CPU seconds of each step (per-article preparation, attributions, index, screen, rewritten reuse,
  alignment with classification) and of the whole stage.

Planted quotations of a single template sentence and summaries of first clauses share little more
with their source than unrelated articles built from the same templates do, so recall is reported
by planted type.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from archive_builder import provenance  # noqa: E402
from archive_builder.config import load_config  # noqa: E402
from archive_builder.perarticle import serial  # noqa: E402
from archive_builder.pipeline import ingest  # noqa: E402
from archive_builder.provenance import rewrite  # noqa: E402
from archive_builder.provenance.attribution import outlet_id  # noqa: E402
from archive_builder.provenance.index import build_index  # noqa: E402
from archive_builder.provenance.screen import screened  # noqa: E402
from benchmarks import run  # noqa: E402


def _timed(times: dict[str, float], step: str, work: Any) -> Any:  # noqa: ANN401 - any step's result
    start = time.process_time()
    result = work()
    times[step] = time.process_time() - start
    return result


def measure(project: Path) -> dict[str, Any]:
    articles, curation, _ = ingest(load_config(project / "mkdocs.yml", cache=False))
    articles = tuple(sorted(articles, key=lambda a: a.id))
    settings, times = provenance.Settings(), {}
    ready = _timed(times, "prepare", lambda: serial(provenance.prepare_task(settings), articles))
    found = _timed(times, "attributions", lambda: provenance.find_attributions(articles, [p.claims for p in ready]))
    keys = [p.keys for p in ready]
    outlets = [outlet_id(a.outlet) if a.outlet else None for a in articles]
    index = _timed(times, "index", lambda: build_index(keys, outlets, settings.index))
    kept, held = _timed(times, "screen", lambda: screened(keys, index, False, settings.align, settings.classify,
                                                          settings.screen))
    claims: dict[str, list[Any]] = {}
    for f in found:
        claims.setdefault(f.attribution.article, []).append(f.attribution)
    frozen = {k: tuple(v) for k, v in claims.items()}
    stems = [p.stems for p in ready]

    def rewritten() -> tuple[Any, ...]:
        df = rewrite.frequencies(stems)
        more = rewrite.candidates(stems, df, settings.rewrite)
        overlaps, pairs = provenance._rewritten(articles, kept, more, rewrite.weights(df, len(articles)), settings,
                                                index.ignored, {})
        return more, overlaps, pairs

    more, overlaps, pairs = _timed(times, "rewrite", rewritten)
    relations = _timed(times, "align", lambda: provenance._align_all(articles, frozen, pairs, held, index.ignored,
                                                                     settings, overlaps))
    start = time.process_time()
    provenance.analyse(articles, curation)
    times["whole stage"] = time.process_time() - start
    return _recall(project, articles, index.candidates, pairs, relations) | {
        "times": times, "articles": len(articles), "proposed": len(index.candidates), "screened": len(kept),
        "rare": len(more), "rewritten": len(pairs) - len(kept)}


def _recall(project: Path, articles: tuple[Any, ...], proposed: Any, kept: Any, relations: Any) -> dict[str, Any]:  # noqa: ANN401
    truth = json.loads((project / "ground_truth.json").read_text(encoding="utf-8"))
    by_seed = {Path(a.seed).name: a.id for a in articles}
    ids = [a.id for a in articles]
    pairs = lambda cands: {frozenset((ids[c.a], ids[c.b])) for c in cands}  # noqa: E731
    in_index, in_screen = pairs(proposed), pairs(kept)
    related = {frozenset((r.source.article, r.target.article)): r.relation for r in relations}
    counts: Counter[tuple[str, str]] = Counter()
    for plant in truth["reuse"]:
        pair = frozenset((by_seed[plant["source"]], by_seed[plant["target"]]))
        kind = plant["relation"]
        counts[(kind, "planted")] += 1
        counts[(kind, "proposed")] += pair in in_index
        counts[(kind, "screened")] += pair in in_screen
        counts[(kind, "related")] += pair in related
        counts[(kind, "same type")] += related.get(pair) == kind
    return {"recall": counts, "relations": len(related)}


def report(size: int, m: dict[str, Any]) -> None:
    n = m["articles"]
    print(f"\n{n} articles: index proposes {m['proposed']} pairs ({m['proposed'] / n:.1f} per article), "
          f"{m['screened']} pass the screen ({m['screened'] / n:.2f} per article); {m['rare']} pairs share rare words, "
          f"{m['rewritten']} more are built from each other's sentences; {m['relations']} article relations")
    print(f"{'planted':>14} {'count':>6} {'proposed':>9} {'screened':>9} {'related':>8} {'same type':>9}")
    kinds = sorted({k for k, _ in m["recall"]})
    for kind in [*kinds, "all"]:
        row = [sum(m["recall"][(k, col)] for k in kinds) if kind == "all" else m["recall"][(kind, col)]
               for col in ("planted", "proposed", "screened", "related", "same type")]
        print(f"{kind:>14} " + " ".join(f"{v:>{w}}" for v, w in zip(row, (6, 9, 9, 8, 9), strict=True)))
    print("CPU s: " + ", ".join(f"{k} {v:.2f}" for k, v in m["times"].items())
          + f" ({m['times']['whole stage'] / n * 1000:.2f} s per 1,000 articles)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="2000,5000")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "provenance-bench")
    args = parser.parse_args()
    for size in (int(x) for x in args.sizes.split(",")):
        out = args.out / f"seed-{args.seed}"
        project = out / f"archive-{size}"
        if not (project / "ground_truth.json").exists():  # generated once per size and seed, then reused
            project, _ = run.make_project(out, size, args.seed)
        run.clean_generated(project)
        report(size, measure(project))


if __name__ == "__main__":
    main()
