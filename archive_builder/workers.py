"""The build's ``perarticle.Runner``: per-article tasks on a pool of processes, results cached.

Large archives (``PARALLEL_MIN_ARTICLES`` and more) send per-article tasks to a pool of forked
worker processes; results come back in article order whatever ran where, so the output is the same
with any number of workers and with or without the cache (tested). With the cache, each result
is kept under (task, task key, article digest) and only articles without one are computed; the
workers pickle their results themselves, so the main process stores the bytes as they come and
unpickles each result once.

``prefetch`` queues a task's work before the build needs it, so the workers compute the dates and
n-gram keys of every article while the main process resolves entities; the later call with the same
task collects what is done and computes the rest.
"""

from __future__ import annotations

import logging
import multiprocessing
import pickle
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from archive_builder.cache import SeedCache, dumps
from archive_builder.model import Article
from archive_builder.perarticle import (
    Task,
    article_digest,
    entry_key,
    run_chunk,
    run_chunk_pickled,
    serial,
    stable_digest,
)

log = logging.getLogger("archive_builder")

PARALLEL_MIN_ARTICLES = 400  # below this, starting worker processes costs more than it saves
A = TypeVar("A")
R = TypeVar("R")
T = TypeVar("T")
Pending = tuple[list[str], list["Future[list[Any]]"]]


class Workers:
    min_articles = PARALLEL_MIN_ARTICLES  # fewer than this are computed in this process

    def __init__(self, jobs: int, cache: SeedCache | None) -> None:
        self.jobs = jobs
        self.cache = cache
        self.used: set[str] = set()
        self._pool: Executor | None = None
        self._digests: dict[int, tuple[Article, str]] = {}  # by id(): each article is pickled once a build
        self._pending: dict[str, Pending] = {}

    def digest(self, article: Article) -> str:
        known = self._digests.get(id(article))
        if known is None or known[0] is not article:
            known = self._digests[id(article)] = (article, article_digest(article))
        return known[1]

    def prefetch(self, task: Task[A, R], articles: Sequence[Article]) -> None:
        """Queue ``task`` for the articles whose results are not cached; a no-op for small archives."""
        if not self._pooled(articles) or task.name in self._pending:
            return
        keys = [entry_key(task, self.digest(a)) for a in articles]
        have = self.cache.known_facts(keys) if self.cache is not None else set()
        todo = [i for i, key in enumerate(keys) if key not in have]
        if len(todo) < self.min_articles:
            return
        fn = run_chunk_pickled if self.cache is not None else run_chunk
        chunks = self._chunks([articles[i] for i in todo])
        pool = self._ensure_pool()
        self._pending[task.name] = ([keys[i] for i in todo], [pool.submit(fn, task, chunk) for chunk in chunks])

    def __call__(self, task: Task[A, R], articles: Sequence[Article]) -> list[R]:
        keys = [entry_key(task, self.digest(a)) for a in articles]
        ready = self._collect(task.name)  # key -> pickled result (with the cache) or result
        if self.cache is None:
            todo = [i for i, key in enumerate(keys) if key not in ready]
            fresh = dict(zip((keys[i] for i in todo), self._compute(task, [articles[i] for i in todo]), strict=True))
            return [ready[key] if key in ready else fresh[key] for key in keys]
        self.used.update(keys)
        known = self.cache.load_facts([key for key in keys if key not in ready])
        todo = [i for i, key in enumerate(keys) if key not in ready and key not in known]
        blobs = dict(zip((keys[i] for i in todo), self._compute_pickled(task, [articles[i] for i in todo]), strict=True))
        blobs.update((key, blob) for key, blob in ready.items() if key in self.used)
        self.cache.store_blobs(blobs)
        fresh = {key: pickle.loads(blob) for key, blob in blobs.items()}  # noqa: S301 - our own results
        return [known[key] if key in known else fresh[key] for key in keys]  # type: ignore[misc]

    def memo(self, name: str, key: str, make: Callable[[], R]) -> R:
        """A value built from the code alone (``key``: its code version), kept in the cache."""
        if self.cache is None:
            return make()
        entry = stable_digest(name, key)
        self.used.add(entry)
        found = self.cache.load_facts([entry])
        if entry in found:
            return found[entry]  # type: ignore[return-value]
        value = make()
        self.cache.store_facts({entry: value}, None)
        return value

    def close(self, prune: bool) -> None:
        """Stop the workers; with ``prune``, forget cached results this build did not use."""
        for _, futures in self._pending.values():
            for future in futures:
                future.cancel()
        self._pending.clear()
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        if self.cache is not None and prune:
            self.cache.store_facts({}, self.used)

    def _collect(self, name: str) -> dict[str, Any]:
        pending = self._pending.pop(name, None)
        if pending is None:
            return {}
        keys, futures = pending
        try:
            results = [r for future in futures for r in future.result()]
        except (BrokenProcessPool, OSError) as exc:
            log.warning("archive-builder: worker processes failed (%s); going on in one process", exc)
            self.jobs = 1
            return {}
        return dict(zip(keys, results, strict=True))

    def _compute_pickled(self, task: Task[A, R], articles: Sequence[Article]) -> list[bytes]:
        if self._pooled(articles):
            done = self._map(run_chunk_pickled, task, articles)
            if done is not None:
                return done
        return [dumps(r) for r in serial(task, articles)]

    def _compute(self, task: Task[A, R], articles: Sequence[Article]) -> list[R]:
        if self._pooled(articles):
            done = self._map(run_chunk, task, articles)
            if done is not None:
                return done
        return serial(task, articles)

    def _pooled(self, articles: Sequence[Article]) -> bool:
        return self.jobs > 1 and len(articles) >= self.min_articles

    def _ensure_pool(self) -> Executor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context("fork"))
        return self._pool

    def _chunks(self, articles: Sequence[Article]) -> list[Sequence[Article]]:
        size = -(-len(articles) // (self.jobs * 2))
        return [articles[i : i + size] for i in range(0, len(articles), size)]

    def _map(self, chunk_fn: Callable[[Task[A, R], Sequence[Article]], list[T]], task: Task[A, R],
             articles: Sequence[Article]) -> list[T] | None:
        """``chunk_fn`` over chunks of ``articles`` on the pool, results in article order; None when
        the workers failed (the caller then goes on in this process)."""
        pool = self._ensure_pool()
        chunks = self._chunks(articles)
        try:
            return [r for part in pool.map(chunk_fn, [task] * len(chunks), chunks) for r in part]
        except (BrokenProcessPool, OSError) as exc:
            log.warning("archive-builder: worker processes failed (%s); going on in one process", exc)
            self.jobs = 1
            return None
