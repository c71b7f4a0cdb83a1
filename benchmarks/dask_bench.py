"""Benchmark: analysis and export (no site) on the local runner and on the Dask runner.

    python benchmarks/dask_bench.py --sizes 10000 100000 [--workers 2] [--skip-local-above 20000]

For each size it generates a synthetic archive (``generate.py``, seeded) and runs
``archive-builder export`` cold (no cache) in a fresh process, once with the local runner (this
machine's process pool) and once with ``runner: dask`` against a ``LocalCluster`` the child starts
itself, as a real deployment would start its cluster (workers limited to 2 GiB each). It reports
wall time, the time of each analysis stage, the main process's peak memory and each Dask worker's
peak memory, and whether the two exports are byte-identical. Numbers go to ``<out>/dask.json``.

On a real cluster the same run is ``archive-builder export --runner dask --scheduler
tcp://HOST:8786`` (see ``docs/guide/performance.md``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import generate  # noqa: E402
from benchmarks.child import stage_timer  # noqa: E402
from benchmarks.run import _env, machine  # noqa: E402


def _worker_peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def child(project: Path, runner: str, workers: int) -> dict[str, Any]:
    """One cold export in this process; with ``dask``, on a LocalCluster started here."""
    from archive_builder import pipeline
    from archive_builder.config import load_config

    stages: dict[str, float] = {}
    timer = stage_timer(stages)
    config = load_config(project / "mkdocs.yml", cache=False, jobs=workers)
    cluster = client = None
    if runner == "dask":
        from distributed import Client, LocalCluster

        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, memory_limit="2GiB",
                               dashboard_address=None, host="127.0.0.1")
        client = Client(cluster)
        config = config.with_options(runner="dask", dask_scheduler=cluster.scheduler_address)
    start = time.perf_counter()
    archive, _ = pipeline.analyse(config, timer)
    with timer("export"):
        text = pipeline.render_export(archive)
    total = round(time.perf_counter() - start, 2)
    report: dict[str, Any] = {"runner": runner, "articles": len(archive.articles), "seconds": total,
                              "stages": stages, "main_peak_mb": _worker_peak_mb(),
                              "export_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    if client is not None and cluster is not None:
        report["worker_peak_mb"] = sorted(client.run(_worker_peak_mb).values())
        client.close()
        cluster.close()
    return report


def run(project: Path, runner: str, workers: int) -> dict[str, Any]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "benchmarks.dask_bench", "--child", str(project), runner,
                           str(workers)], cwd=ROOT, env=_env(), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{runner} run failed ({done.returncode}):\n{done.stderr[-3000:]}")
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    report["wall"] = round(time.perf_counter() - start, 2)
    return report


def bench(out: Path, size: int, args: argparse.Namespace) -> dict[str, Any]:
    project = out / f"archive-{size}"
    if project.exists():
        shutil.rmtree(project)
    start = time.perf_counter()
    generate.generate(project, size, args.seed)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result: dict[str, Any] = {"size": size, "generate_s": round(time.perf_counter() - start, 2)}
    result["dask"] = run(project, "dask", args.workers)
    if size <= args.skip_local_above:
        result["local"] = run(project, "local", args.workers)
        result["identical"] = result["local"]["export_sha256"] == result["dask"]["export_sha256"]
    return result


def table(results: list[dict[str, Any]]) -> str:
    lines = ["| articles | runner | wall s | analyse stages s | main peak MB | worker peak MB | same export |",
             "|---:|---|---:|---|---:|---|---|"]
    for r in results:
        for runner in ("local", "dask"):
            if runner not in r:
                continue
            x = r[runner]
            stages = ", ".join(f"{k} {v}" for k, v in x["stages"].items())
            peaks = ", ".join(str(p) for p in x.get("worker_peak_mb", [])) or "-"
            lines.append(f"| {r['size']:,} | {runner} | {x['wall']} | {stages} | {x['main_peak_mb']:,} | {peaks} "
                         f"| {r.get('identical', 'not compared')} |")
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(child(Path(sys.argv[2]).resolve(), sys.argv[3], int(sys.argv[4]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--workers", type=int, default=2, help="Dask workers (and local processes)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-local-above", type=int, default=20000,
                        help="sizes above this run on Dask only (the local run is the 10,000 comparison)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    results = []
    for size in args.sizes:
        results.append(bench(args.out, size, args))
        print(table(results[-1:]), flush=True)
    (args.out / "dask.json").write_text(json.dumps({"machine": machine(), "results": results}, indent=1) + "\n",
                                        encoding="utf-8")
    print(table(results))


if __name__ == "__main__":
    main()
