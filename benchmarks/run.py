"""Benchmark: build synthetic archives of several sizes and time every part of the build.

    python benchmarks/run.py --sizes 1000 5000 10000

For each size it generates an archive (``generate.py``, seeded), then measures, each in a fresh
process so times and peak memory are those a curator would see:

* ``archive-builder build`` from a cold start (no cache, no previous output), with the time of each
  pipeline stage (ingest, entities, events, provenance, render, write) and peak memory;
* a rebuild with nothing changed, after adding one seed, and after editing one (with the number of
  files rewritten), and whether the incremental output is byte-identical to a cold build of the
  same seeds;
* ``mkdocs build`` of the whole site, and a bare ``mkdocs build`` (Material, built-in search) of the
  same article pages without the archive's plugin, and the Pagefind indexing alone;
* search: time from typing a word to the first results in headless Chromium against the built
  site served on 127.0.0.1, for a place name and for the commonest word of the seeds (the word on
  the most articles, function words aside), and Material's built-in search on the bare site.

It prints a table and writes every number, with the machine, to ``<out>/results.json``.
Needs Chromium at /usr/bin/chromium (``apt-get install chromium``) and ``pip install playwright``
for the search columns; without them those columns say why they are empty.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import generate, search_probe  # noqa: E402

BARE_MKDOCS = """site_name: Bare archive
docs_dir: docs
theme:
  name: material
  features: [navigation.tabs, navigation.indexes]
plugins:
  - search
markdown_extensions: [admonition, attr_list, tables, {toc: {permalink: true}}, pymdownx.details, pymdownx.superfences]
not_in_nav: |
  /articles/*.md
  /originals/*
nav:
  - Home: index.md
  - Articles: articles/index.md
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def run_child(*args: str) -> dict[str, Any]:
    """Run ``child.py`` in a fresh interpreter; its last stdout line is a JSON report."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "benchmarks.child", *args], cwd=ROOT, env=_env(),
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"child {args} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    report["wall"] = round(wall, 2)
    return report


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")).split()[1])
    except (OSError, StopIteration, ValueError):
        mem_kb = 0
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem_kb / 2**20, 1),
            "python": platform.python_version(), "system": platform.platform(),
            "load_average": [round(x, 2) for x in os.getloadavg()]}


def make_project(out: Path, size: int, seed: int) -> tuple[Path, generate.Generator]:
    project = out / f"archive-{size}"
    if project.exists():
        shutil.rmtree(project)
    gen = generate.generate(project, size, seed)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("guide", "assets", "reference"):
        if (ROOT / "docs" / folder).is_dir():
            shutil.copytree(ROOT / "docs" / folder, project / "docs" / folder)
    return project, gen


def clean_generated(project: Path) -> None:
    """Remove the previous output and the cache: the next build starts cold."""
    keep = {"guide", "assets", "reference"}
    docs = project / "docs"
    for entry in docs.iterdir() if docs.is_dir() else []:
        if entry.name in keep:
            continue
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    shutil.rmtree(project / ".archive-builder", ignore_errors=True)
    shutil.rmtree(project / "site", ignore_errors=True)


def incremental(project: Path, gen: generate.Generator, size: int, jobs: int) -> dict[str, Any]:
    out: dict[str, Any] = {"unchanged": run_child("build", str(project), str(jobs))}
    name, text = gen.extra_seed(size)
    (project / "seeds" / name).write_text(text, encoding="utf-8")
    out["add_one"] = run_child("build", str(project), str(jobs))
    victim = sorted((project / "seeds").glob("*.txt"))[size // 2]
    body = victim.read_text(encoding="utf-8")
    victim.write_text(body.replace(" said ", " stated ", 1) + "\nAn editor's note was added.\n", encoding="utf-8")
    out["edit_one"] = run_child("build", str(project), str(jobs))
    return out


def identical_to_cold(project: Path, jobs: int) -> dict[str, Any]:
    """Build the same seeds cold into another folder; compare every generated file."""
    cold_docs = project / "docs-cold"
    shutil.rmtree(cold_docs, ignore_errors=True)
    report = run_child("build", str(project), str(jobs), "--docs", str(cold_docs), "--no-cache")
    a = json.loads((project / "docs" / ".archive-manifest.json").read_text())["files"]
    b = json.loads((cold_docs / ".archive-manifest.json").read_text())["files"]
    same = a == b and all((project / "docs" / p).read_bytes() == (cold_docs / p).read_bytes() for p in a)
    shutil.rmtree(cold_docs)
    return {"identical": same, "files": len(a), "cold_build": report}


def bare_project(project: Path) -> Path:
    bare = project.parent / f"{project.name}-bare"
    shutil.rmtree(bare, ignore_errors=True)
    (bare / "docs").mkdir(parents=True)
    (bare / "mkdocs.yml").write_text(BARE_MKDOCS, encoding="utf-8")
    shutil.copy(project / "docs" / "index.md", bare / "docs" / "index.md")
    for folder in ("articles", "originals", "assets"):
        if (project / "docs" / folder).is_dir():
            shutil.copytree(project / "docs" / folder, bare / "docs" / folder)
    return bare


def pagefind_alone(site: Path) -> float:
    """Pagefind's command line over the built site, as one bundle written beside the site (the
    site's own index, fed during the build, is left as it is)."""
    from archive_builder import sitesearch

    out = site.parent / "pagefind-alone"
    start = time.perf_counter()
    subprocess.run(sitesearch.pagefind_command(site, out), check=True, capture_output=True)
    wall = round(time.perf_counter() - start, 2)
    shutil.rmtree(out, ignore_errors=True)
    return wall


def bench_size(out: Path, size: int, args: argparse.Namespace) -> dict[str, Any]:
    result: dict[str, Any] = {"size": size}
    t = time.perf_counter()
    project, gen = make_project(out, size, args.seed)
    result["generate"] = round(time.perf_counter() - t, 2)
    clean_generated(project)
    result["cold"] = run_child("build", str(project), str(args.jobs))
    result["incremental"] = incremental(project, gen, size, args.jobs)
    if not args.skip_verify:
        result["verify"] = identical_to_cold(project, args.jobs)
    if not args.skip_mkdocs:
        result["mkdocs"] = run_child("mkdocs", str(project))
        site = project / "site"
        result["pagefind_index"] = pagefind_alone(site) if (site / "pagefind").is_dir() else None
        bare = bare_project(project)
        result["mkdocs_bare"] = run_child("mkdocs", str(bare))
        result["mkdocs_ratio"] = round(result["mkdocs"]["wall"] / result["mkdocs_bare"]["wall"], 2)
        if not args.skip_search:
            word = search_probe.probe_word(project / "ground_truth.json")
            engine = "pagefind" if (site / "pagefind").is_dir() else "material"
            result["search"] = search_probe.measure(site, word, engine)
            result["search_common"] = search_probe.measure(site, search_probe.common_word(project / "seeds"), engine)
            if args.material_search_max >= size:
                result["search_bare_material"] = search_probe.measure(bare / "site", word, "material")
    return result


def _fmt(value: Any, unit: str = "s") -> str:
    return "-" if value is None else f"{value}{unit}"


def table(results: list[dict[str, Any]], markdown: bool = False) -> str:
    rows = [("articles", lambda r: str(r["size"])),
            ("build cold (wall)", lambda r: _fmt(r["cold"]["wall"])),
            ("  ingest", lambda r: _fmt(r["cold"]["stages"].get("ingest"))),
            ("  entities", lambda r: _fmt(r["cold"]["stages"].get("entities"))),
            ("  events", lambda r: _fmt(r["cold"]["stages"].get("events"))),
            ("  provenance", lambda r: _fmt(r["cold"]["stages"].get("provenance"))),
            ("  render", lambda r: _fmt(r["cold"]["stages"].get("render"))),
            ("  write", lambda r: _fmt(r["cold"]["stages"].get("write"))),
            ("  CPU time (all processes)", lambda r: _fmt(r["cold"].get("cpu_s"))),
            ("  peak memory (main; worker)", lambda r: f'{r["cold"]["peak_mb"]}; {r["cold"]["peak_children_mb"]} MB'),
            ("rebuild, nothing changed", lambda r: _fmt(r["incremental"]["unchanged"]["wall"])),
            ("rebuild, one seed added", lambda r: f'{r["incremental"]["add_one"]["wall"]}s, {r["incremental"]["add_one"]["written"]} files'),
            ("rebuild, one seed edited", lambda r: f'{r["incremental"]["edit_one"]["wall"]}s, {r["incremental"]["edit_one"]["written"]} files'),
            ("incremental = cold output", lambda r: str(r.get("verify", {}).get("identical", "-"))),
            ("mkdocs build (site)", lambda r: _fmt(r.get("mkdocs", {}).get("wall"))),
            ("  CPU time", lambda r: _fmt(r.get("mkdocs", {}).get("cpu_s"))),
            ("  Pagefind alone (command line)", lambda r: _fmt(r.get("pagefind_index"))),
            ("mkdocs build (bare pages)", lambda r: _fmt(r.get("mkdocs_bare", {}).get("wall"))),
            ("  CPU time", lambda r: _fmt(r.get("mkdocs_bare", {}).get("cpu_s"))),
            ("  ratio site/bare", lambda r: _fmt(r.get("mkdocs_ratio"), "x")),
            ("search first results", lambda r: _fmt((r.get("search") or {}).get("first_results"))),
            ("  engine, transferred", lambda r: f'{(r.get("search") or {}).get("engine", "-")}, {(r.get("search") or {}).get("kb", "-")} kB'),
            ("search, commonest word", lambda r: _fmt((r.get("search_common") or {}).get("first_results"))),
            ("  word, transferred", lambda r: f'{(r.get("search_common") or {}).get("word", "-")}, {(r.get("search_common") or {}).get("kb", "-")} kB'),
            ("Material search (bare)", lambda r: _fmt((r.get("search_bare_material") or {}).get("first_results")))]
    grid = []
    for name, get in rows:
        cells = []
        for r in results:
            try:
                cells.append(get(r))
            except (KeyError, TypeError):
                cells.append("-")
        grid.append((name, cells))
    if markdown:
        head = ["| " + " | ".join(["", *grid[0][1]]) + " |", "|---|" + "---:|" * len(results)]
        return "\n".join(head + ["| " + " | ".join([n.strip(), *c]) + " |" for n, c in grid[1:]])
    width = max(len(name) for name, _ in rows) + 2
    return "\n".join(name.ljust(width) + " | ".join(c.rjust(16) for c in cells) for name, cells in grid)


def targets(results: list[dict[str, Any]]) -> str:
    """Issue 7's targets, judged on the largest archive measured (and the one before it for growth)."""
    if not results:
        return ""
    big = results[-1]
    rows: list[tuple[str, str, bool | None]] = []

    def add(name: str, value: Any, ok: bool | None) -> None:
        rows.append((name, str(value), ok))

    cold = big["cold"]
    add(f"cold build <= 30 s ({big['size']} articles)", f"{cold['wall']} s", cold["wall"] <= 30)
    add("peak memory <= 2 GB (main; largest worker)", f"{cold['peak_mb']}; {cold['peak_children_mb']} MB",
        max(cold["peak_mb"], cold["peak_children_mb"]) <= 2048)
    if len(results) > 1:
        prev = results[-2]
        ratio = cold["wall"] / prev["cold"]["wall"]
        cpu = cold["cpu_s"] / prev["cold"]["cpu_s"]
        fair = 2.2 * big["size"] / (2 * prev["size"])
        add(f"{big['size']} vs {prev['size']}: time ratio <= {fair:.2f}x", f"{ratio:.2f}x wall, {cpu:.2f}x CPU",
            min(ratio, cpu) <= fair)
    inc = big["incremental"]
    for kind, label in (("add_one", "one seed added"), ("edit_one", "one seed edited")):
        add(f"{label}: rebuild <= 3 s", f"{inc[kind]['wall']} s, {inc[kind]['written']} files rewritten",
            inc[kind]["wall"] <= 3)
    if "verify" in big:
        add("incremental output = cold output", big["verify"]["identical"], bool(big["verify"]["identical"]))
    if "mkdocs_ratio" in big:
        add("mkdocs build <= 1.5x bare build", f"{big['mkdocs_ratio']}x", big["mkdocs_ratio"] <= 1.5)
    search = big.get("search") or {}
    if search.get("first_results") is not None:
        add("search: first results <= 1 s", f"{search['first_results']} s", search["first_results"] <= 1)
    common = big.get("search_common") or {}
    if common.get("first_results") is not None:
        add(f"search, commonest word ('{common['word']}') <= 1 s", f"{common['first_results']} s",
            common["first_results"] <= 1)
    width = max(len(r[0]) for r in rows) + 2
    return "\n".join(f"{name.ljust(width)}{value.ljust(34)}{'met' if ok else 'NOT MET'}" for name, value, ok in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (0: one per core)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    parser.add_argument("--skip-mkdocs", action="store_true")
    parser.add_argument("--skip-search", action="store_true")
    parser.add_argument("--skip-verify", action="store_true")
    parser.add_argument("--material-search-max", type=int, default=5000,
                        help="also time Material's search on the bare site up to this size")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"machine": machine(), "results": []}
    for size in args.sizes:
        print(f"== {size} articles", file=sys.stderr, flush=True)
        report["results"].append(bench_size(args.out, size, args))
        (args.out / "results.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    report["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    (args.out / "results.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(table(report["results"]))
    print("\nTargets (issue 7):\n" + targets(report["results"]))
    (args.out / "results.md").write_text(table(report["results"], markdown=True) + "\n\n```\n" + targets(report["results"]) + "\n```\n", encoding="utf-8")
    print(f"\nwritten to {args.out / 'results.json'}")


if __name__ == "__main__":
    main()
