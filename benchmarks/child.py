"""One measured run in a fresh interpreter; prints one JSON line (used by ``run.py``).

    python -m benchmarks.child build PROJECT JOBS [--docs DIR] [--no-cache]
    python -m benchmarks.child mkdocs PROJECT
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any


def _peak_mb() -> dict[str, float]:
    """Peak resident memory (this process; largest child) and CPU seconds used (less sensitive than
    wall time to other load on the machine)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"peak_mb": round(own.ru_maxrss / 1024, 1), "peak_children_mb": round(children.ru_maxrss / 1024, 1),
            "cpu_s": round(own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime, 2)}


def stage_timer(stages: dict[str, float]) -> Callable[[str], AbstractContextManager[None]]:
    """A pipeline ``timer`` that records each stage's seconds in ``stages``."""

    @contextmanager
    def timer(stage: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        stages[stage] = round(time.perf_counter() - start, 2)

    return timer


def build(project: Path, jobs: int, rest: list[str]) -> dict[str, Any]:
    from archive_builder import pipeline
    from archive_builder.config import load_config

    changes: dict[str, Any] = {"jobs": jobs}
    if "--docs" in rest:
        changes["docs_dir"] = Path(rest[rest.index("--docs") + 1]).resolve()
    if "--no-cache" in rest:
        changes["cache"] = False
    config = load_config(project / "mkdocs.yml", **changes)
    stages: dict[str, float] = {}
    start = time.perf_counter()
    result = pipeline.build(config, timer=stage_timer(stages))
    total = time.perf_counter() - start
    report = result.report
    written = list(report.written) if report else []
    return {"in_process": round(total, 2), "stages": stages, "articles": len(result.archive.articles),
            "errors": len(result.errors), "written": len(written), "written_sample": written[:8], **_peak_mb()}


def mkdocs(project: Path) -> dict[str, Any]:
    from mkdocs.__main__ import cli

    start = time.perf_counter()
    cli.main(["build", "-q", "-f", str(project / "mkdocs.yml")], standalone_mode=False)
    return {"in_process": round(time.perf_counter() - start, 2), **_peak_mb()}


def main(argv: list[str]) -> None:
    kind, project = argv[0], Path(argv[1]).resolve()
    report = build(project, int(argv[2]), argv[3:]) if kind == "build" else mkdocs(project)
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1:])
