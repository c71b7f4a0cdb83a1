"""Fault isolation for the stages that see every article at once (entities, events, provenance).

A stage is run on every article; if it raises, the articles it fails on are found by halving
(``culprits``), reported as diagnostics naming their seed and the stage, and the stage is run again
without them. Those articles stay in the archive and are published with what the other stages gave
them (at least their text and original); the rest of the archive is built as if they were absent
from that stage. A failure costs a few more runs of the stage; a build without one costs nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from archive_builder.model import Article, Diagnostic
from archive_builder.render.fallback import failure

log = logging.getLogger("archive_builder")

R = TypeVar("R")
Run = Callable[[tuple[Article, ...]], R]


@dataclass(frozen=True, slots=True)
class Isolated(Generic[R]):
    result: R
    left_out: frozenset[str]  # ids of the articles the stage ran without
    diagnostics: tuple[Diagnostic, ...]


def _attempt(run: Run[R], articles: Sequence[Article]) -> BaseException | None:
    try:
        run(tuple(articles))
    except Exception as exc:  # noqa: BLE001 - the caller reports it
        return exc
    return None


def culprits(run: Run[R], articles: Sequence[Article]) -> list[tuple[Article, BaseException]]:
    """Articles the stage fails on, each with its exception: halves are tried alone; when both
    halves pass but the whole fails, the article whose addition makes it fail."""
    error = _attempt(run, articles)
    if error is None:
        return []
    if len(articles) == 1:
        return [(articles[0], error)]
    middle = len(articles) // 2
    found = culprits(run, articles[:middle]) + culprits(run, articles[middle:])
    if found:
        return found
    for size in range(2, len(articles) + 1):  # a failure of the combination only
        error = _attempt(run, articles[:size])
        if error is not None:
            return [(articles[size - 1], error)]
    return []


def isolate(stage: str, run: Run[R], articles: tuple[Article, ...], path_of: Callable[[Article], str],
            without: str) -> Isolated[R]:
    """``run(articles)``, or, when it raises, ``run`` without the articles it fails on."""
    try:
        return Isolated(run(articles), frozenset(), ())
    except Exception as exc:  # noqa: BLE001 - isolated below
        log.info("archive-builder: %s stage failed (%s); finding the seeds it fails on", stage, failure(exc))
    bad: dict[str, tuple[Article, BaseException]] = {}
    rest = articles
    while True:
        found = culprits(run, rest) if rest else []
        if found:
            bad.update((article.id, (article, error)) for article, error in found)
            rest = tuple(a for a in rest if a.id not in bad)
            continue
        try:
            result = run(rest)
            break
        except Exception as exc:
            if not rest:
                raise  # fails without any article: not a seed's fault
            bad.update((a.id, (a, exc)) for a in rest)  # cannot be pinned on one seed: all left out
            rest = ()
    diagnostics = tuple(
        Diagnostic(path_of(article), f"the {stage} stage failed on this seed ({failure(error)}); "
                   f"published without its {without}", "error",
                   hint="the rest of the archive is built; please report this with the seed")
        for article, error in bad.values()
    )
    return Isolated(result, frozenset(bad), diagnostics)
