"""The build's ``perarticle.Runner`` on a Dask cluster (``dask.distributed``), for archives one
machine's process pool cannot hold.

``DaskWorkers`` is ``workers.Workers`` with the pool swapped: every per-article task (entity
extraction, date and trigger scanning, provenance preparation) is sent in chunks to the cluster's
workers through ``Client.get_executor()``, a ``concurrent.futures`` executor, so the cache, the
prefetching and the article order are the local runner's own code and the results are the same
bytes (tested). A scheduler address connects to a running cluster (``runner: dask`` with
``dask_scheduler: tcp://host:8786``); without one a ``LocalCluster`` of ``jobs`` worker processes
is started for the build and stopped after it.

The cross-article steps (entity resolution, event joining, the reuse index and alignment) still run
in the main process: ``docs/guide/performance.md`` says what that means for archive size.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import Executor
from typing import Any

from archive_builder.cache import SeedCache
from archive_builder.errors import ArchiveError
from archive_builder.model import Article
from archive_builder.workers import Workers

log = logging.getLogger("archive_builder")

WORKER_MEMORY = "2GiB"  # each local worker's limit: the per-worker budget the benchmark checks


def _client(scheduler: str, jobs: int) -> Any:
    """A ``distributed.Client`` for ``scheduler``, or for a new local cluster of ``jobs`` workers."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # the optional extra is not installed
        raise ArchiveError("the Dask runner needs dask.distributed",
                           hint="pip install 'archive-builder[dask]'") from exc
    if scheduler:
        try:
            return Client(scheduler, timeout="30s")
        except OSError as exc:
            raise ArchiveError(f"cannot reach the Dask scheduler at {scheduler}: {exc}",
                               hint="start it with `dask scheduler`, or leave dask_scheduler empty for a local cluster") from exc
    cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                           memory_limit=WORKER_MEMORY, dashboard_address=None, host="127.0.0.1")
    return Client(cluster)


class DaskWorkers(Workers):
    """Per-article tasks on a Dask cluster; results cached exactly as the local runner caches them."""

    min_articles = 1  # the cluster is up already: every batch goes there

    def __init__(self, jobs: int, cache: SeedCache | None, scheduler: str = "") -> None:
        super().__init__(max(1, jobs), cache)
        self.scheduler = scheduler
        self._client: Any = None
        self._owns_cluster = not scheduler

    def _pooled(self, articles: Sequence[Article]) -> bool:
        return len(articles) >= self.min_articles

    def _chunks(self, articles: Sequence[Article]) -> list[Sequence[Article]]:
        workers = len(self._connect().scheduler_info().get("workers", {})) or self.jobs
        size = max(1, min(500, -(-len(articles) // (workers * 4))))
        return [articles[i : i + size] for i in range(0, len(articles), size)]

    def _ensure_pool(self) -> Executor:
        if self._pool is None:
            self._pool = self._connect().get_executor(pure=False)
        return self._pool

    def _connect(self) -> Any:
        if self._client is None:
            self._client = _client(self.scheduler, self.jobs)
        return self._client

    def close(self, prune: bool) -> None:
        super().close(prune)
        if self._client is not None:
            cluster = self._client.cluster if self._owns_cluster else None
            self._client.close()
            if cluster is not None:
                cluster.close()
            self._client = None
