"""Reuse detection benchmark: time and recall of planted passages on synthetic archives.

    python benchmarks/reuse_bench.py [--sizes 1000,5000,10000] [--seed 7]

Self-contained: builds synthetic articles in memory (words drawn from a Zipf-like vocabulary, so
common words recur as in real text; each outlet appends its own boilerplate paragraph), plants
reuse (excerpts of 30-80 words with small edits, and some full reprints) from earlier articles
into later ones, then runs the whole provenance stage (attributions, index, alignment,
classification, chains) and reports wall and CPU time (CPU time is steadier on a shared machine), candidate pairs and the share of planted passages
found (a planted passage counts as found when a relation links the two articles with an aligned
passage covering at least half of it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive_builder.curation import Curation  # noqa: E402
from archive_builder.model import Article  # noqa: E402
from archive_builder.provenance import analyse  # noqa: E402

STOP = ["the", "of", "and", "to", "in", "a", "that", "is", "was", "for", "on", "with", "as", "by", "at", "from", "it", "he", "said"]


@dataclass
class Plant:
    source: str
    target: str
    start: int  # in the target body
    end: int


def _vocabulary(rng: random.Random, size: int = 20000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = {"".join(rng.choice(letters) for _ in range(rng.randint(3, 10))) for _ in range(size * 2)}
    return sorted(words)[:size]


def _sentence(rng: random.Random, vocab: list[str], weights: list[float]) -> str:
    count = rng.randint(12, 28)
    drawn = rng.choices(vocab, cum_weights=weights, k=count)
    words = [rng.choice(STOP) if rng.random() < 0.3 else w for w in drawn]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _paragraphs(rng: random.Random, vocab: list[str], weights: list[float], count: int) -> list[str]:
    return [" ".join(_sentence(rng, vocab, weights) for _ in range(rng.randint(2, 4))) for _ in range(count)]


def _edit(rng: random.Random, text: str, vocab: list[str]) -> str:
    words = text.split(" ")
    for i in range(len(words)):
        if rng.random() < 0.05:
            words[i] = rng.choice(vocab)
    return " ".join(words)


def _article(i: int, paragraphs: list[str], outlet: str, day: int) -> Article:
    body = "\n\n".join(paragraphs)
    spans, at = [], 0
    for p in paragraphs:
        spans.append((at, at + len(p)))
        at += len(p) + 2
    return Article(id=f"{i:06d}", seed=f"{i:06d}.txt", format="text", sha256=hashlib.sha256(body.encode()).hexdigest(),
                   title=paragraphs[0][:50], title_derived=True, body=body, paragraphs=tuple(spans), outlet=outlet,
                   published=dt.date(2020, 1, 1) + dt.timedelta(days=day))


def archive(n: int, seed: int) -> tuple[tuple[Article, ...], list[Plant]]:
    rng = random.Random(seed)  # noqa: S311 - synthetic text, not security
    vocab = _vocabulary(rng)
    weights = list(itertools.accumulate(1.0 / (r + 10) for r in range(len(vocab))))
    outlets = [f"Outlet {k}" for k in range(max(5, n // 100))]
    boiler = {o: _paragraphs(rng, vocab, weights, 1)[0] for o in outlets}
    articles: list[Article] = []
    plants: list[Plant] = []
    for i in range(n):
        outlet = rng.choice(outlets)
        paras = _paragraphs(rng, vocab, weights, rng.randint(4, 8))
        planted: list[tuple[str, str]] = []
        if articles and rng.random() < 0.15:
            src = rng.choice(articles)
            src_paras = src.body.split("\n\n")[:-1]
            if rng.random() < 0.2:
                paras = [_edit(rng, p, vocab) for p in src_paras]
                planted = [(src.id, p) for p in paras]
            else:
                k = rng.randrange(len(src_paras))
                words = src_paras[k].split(" ")
                take = min(len(words), rng.randint(30, 80))
                piece = _edit(rng, " ".join(words[:take]), vocab)
                paras.insert(rng.randrange(len(paras) + 1), piece)
                planted = [(src.id, piece)]
        art = _article(i, paras + [boiler[outlet]], outlet, i // 20)
        for src_id, piece in planted:
            start = art.body.index(piece)
            plants.append(Plant(src_id, art.id, start, start + len(piece)))
        articles.append(art)
    return tuple(articles), plants


def recall(index, plants: list[Plant]) -> float:  # type: ignore[no-untyped-def]
    by_pair: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for r in index.relations:
        if r.source.article and r.target.article:
            for p in r.passages:
                by_pair.setdefault((r.source.article, r.target.article), []).append((p.source_start, p.source_end))
                by_pair.setdefault((r.target.article, r.source.article), []).append((p.target_start, p.target_end))
    found = 0
    for plant in plants:
        spans = by_pair.get((plant.target, plant.source), [])
        covered = sum(max(0, min(e, plant.end) - max(s, plant.start)) for s, e in spans)
        found += covered >= 0.5 * (plant.end - plant.start)
    return found / len(plants) if plants else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(f"{'articles':>8} {'words':>9} {'wall s':>7} {'cpu s':>7} {'cpu s/1k':>8} {'relations':>9} {'planted':>7} "
          f"{'recall':>7}")
    for n in (int(x) for x in args.sizes.split(",")):
        articles, plants = archive(n, args.seed)
        words = sum(len(a.body.split()) for a in articles)
        start, cpu = time.perf_counter(), time.process_time()
        index, _ = analyse(articles, Curation())
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        pairs = sum(1 for r in index.relations if r.source.article and r.target.article)
        print(f"{n:>8} {words:>9} {seconds:>7.2f} {cpu:>7.2f} {cpu / n * 1000:>8.2f} {pairs:>9} {len(plants):>7} "
              f"{recall(index, plants):>7.1%}", flush=True)


if __name__ == "__main__":
    main()
