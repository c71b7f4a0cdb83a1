"""Per-article work: done once per article's content, on worker processes, kept between builds.

Each stage names the part of its work that is a pure function of one article (plus one shared,
read-only argument such as the lexicon) as a ``Task``; the orchestrator hands every task to one
``Runner``, which decides where the work happens. ``serial`` runs it in place (tests, small
archives); ``pipeline.Workers`` runs it on a pool of processes and keeps each result in the
per-article cache, keyed by the article's content, the task's code and its argument, so a rebuild
after one seed changed recomputes one article's results, not ten thousand.

This is the map step of a map-reduce: the same tasks map onto a distributed engine (Spark, Dask)
for archives too big for one machine (``docs/guide/performance.md``).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from archive_builder.model import Article

A = TypeVar("A")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Task(Generic[A, R]):
    """``fn(article, arg)`` for every article. ``key`` names everything the result depends on besides
    the article (the task's code version and a digest of ``arg``): results are cached under it."""

    name: str
    fn: Callable[[Article, A], R]
    arg: A
    key: str


class Runner(Protocol):
    def __call__(self, task: Task[A, R], articles: Sequence[Article]) -> list[R]: ...


def serial(task: Task[A, R], articles: Sequence[Article]) -> list[R]:
    """Every result, in article order, computed here."""
    return [task.fn(article, task.arg) for article in articles]


def run_chunk(task: Task[A, R], articles: Sequence[Article]) -> list[R]:
    """One worker's share (module level so a process pool can pickle it)."""
    return serial(task, articles)


def run_chunk_pickled(task: Task[A, R], articles: Sequence[Article]) -> list[bytes]:
    """One worker's share, each result pickled by the worker, ready for the cache: the main process
    then unpickles each result once instead of unpickling it and pickling it again."""
    from archive_builder.cache import dumps

    return [dumps(result) for result in serial(task, articles)]


def article_digest(article: Article) -> str:
    """A digest of everything an article holds (its pickled form: frozen fields, fixed order)."""
    return hashlib.sha256(pickle.dumps(article, protocol=5)).hexdigest()


def entry_key(task: Task[A, R], article_digest_: str) -> str:
    return hashlib.sha256(f"{task.name}\x00{task.key}\x00{article_digest_}".encode()).hexdigest()


def stable_digest(*parts: object) -> str:
    """A digest of plain values (strings, numbers, tuples, lists and dicts of them) that is the same
    in every process: never Python's ``hash()``, sets are sorted first."""
    return hashlib.sha256(_canonical(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _canonical(value: object) -> str:
    if isinstance(value, dict):
        items = sorted((_canonical(k), _canonical(v)) for k, v in value.items())
        return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
    if isinstance(value, (set, frozenset)):
        return "<" + ",".join(sorted(_canonical(v) for v in value)) + ">"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_canonical(v) for v in value) + "]"
    return repr(value)
