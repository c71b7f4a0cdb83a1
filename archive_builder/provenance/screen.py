"""A cheap screen between the index and alignment: do the shared n-grams form a passage?

The index counts the rare n-grams two articles share, wherever they stand. Articles written from
the same templates or stock sentences share a few rare n-grams by chance, scattered or clustered
around one name; copied text shares a run of them, in the same order in both texts. The screen
chains each pair's shared n-grams exactly as alignment does (``align.chains``) and lets through
only pairs whose runs could become a relation the classifier keeps: one run covering as many
content words as a short quotation holds, or runs adding up to more, or covering a real share of
the shorter article. Only the pairs that pass are tokenised with offsets and aligned.

The thresholds follow the classifier's (``ClassifySettings``), in content words and loosely (a
passage in tokens is about twice its content words, and alignment still grows it to the sentence's
end). It is a heuristic, not a bound: on the synthetic archives (benchmarks/provenance_bench.py)
every planted pair found without it is still found, and the relations it loses are chance ones
between unrelated articles (22 of 778 at 2,000 articles), made of a few short sentences that
the generator's templates filled with the same names.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from archive_builder.provenance.align import AlignSettings, chains
from archive_builder.provenance.classify import ClassifySettings
from archive_builder.provenance.index import Candidate, ReuseIndex, Spots, spots


@dataclass(frozen=True, slots=True)
class ScreenSettings:
    run_share: float = 1 / 3  # a run of stock_words / 3 content words may be a short quotation
    total_share: float = 1 / 3  # runs adding up to stock_total / 3 content words
    cover_share: float = 0.6  # runs covering 0.6 x stock_cover of the shorter article's content words


def anchors(a: Spots, b: Spots, ignored: frozenset[int]) -> list[tuple[int, int]]:
    """(i, j): the n-gram at content word i of ``a`` equals the one at j of ``b`` (sorted)."""
    wa, wb = a.where, b.where
    found: list[tuple[int, int]] = []
    for key in a.held & b.held:
        if key not in ignored:
            found.extend((i, j) for i in wa[key] for j in wb[key])
    return sorted(found)


def passes(a: Spots, b: Spots, ignored: frozenset[int], align: AlignSettings, classify: ClassifySettings,
           settings: ScreenSettings) -> bool:
    """Whether the shared n-grams of ``a`` and ``b`` chain into runs long enough to be reuse."""
    points = anchors(a, b, ignored)
    if len(points) < 2:
        return False
    best = total = 0
    for run in chains(points, align.gap):
        span = min(run[-1][0] - run[0][0], run[-1][1] - run[0][1]) + align.n
        if span >= align.min_words:
            best, total = max(best, span), total + span
    return (best >= classify.stock_words * settings.run_share
            or total >= classify.stock_total * settings.total_share
            or total >= classify.stock_cover * settings.cover_share * min(a.size, b.size)) and best > 0


def screened(keys: Sequence[Sequence[int]], index: ReuseIndex, sampled: bool, align: AlignSettings,
             classify: ClassifySettings, settings: ScreenSettings) -> tuple[list[Candidate], dict[int, Spots]]:
    """The candidates that pass, and the spots of the articles they involve."""
    live = None if sampled else index.live
    held: dict[int, Spots] = {}
    for k in _involved(index.candidates):
        held[k] = spots(keys[k], live, align.max_repeats)
    kept = [c for c in index.candidates
            if passes(held[c.a], held[c.b], index.ignored, align, classify, settings)]
    needed = set(_involved(kept))
    return kept, {k: v for k, v in held.items() if k in needed}


def _involved(candidates: Iterable[Candidate]) -> list[int]:
    return sorted({k for c in candidates for k in (c.a, c.b)})
