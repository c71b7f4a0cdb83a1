"""The orchestrator: the only module that knows the order of the stages.

    discover seeds -> ingest (per seed) -> entities -> events (dates) -> provenance -> render -> write

Every stage returns new values and diagnostics; one bad seed is reported and left out, never fatal.
Ingest is per seed: results come from the per-seed cache (``cache.py``) when the seed, its
overrides and the code are unchanged, and the rest are parsed on several processes when there are
many (``jobs``), always returned in seed order. ``timer`` lets a caller (the benchmarks) time each
stage without the core printing anything.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections import defaultdict
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, ExitStack, nullcontext, suppress
from dataclasses import dataclass
from pathlib import Path

from archive_builder import addresses, entities, events, ids, provenance, uptodate
from archive_builder import workers as worker_pool
from archive_builder.cache import CACHE_DIR, CACHE_FILE, RENDER_CODE, SeedCache, code_version, damage_diagnostic
from archive_builder.config import Config
from archive_builder.curation import CURATION_FILE, Curation, load_curation
from archive_builder.entities.lexicon import load_lexicon
from archive_builder.errors import ArchiveError, SeedError
from archive_builder.ingest import Ingested, make_seed, read_seed, seed_format
from archive_builder.ingest.overrides import OVERRIDE_SUFFIX, Overrides, read_overrides
from archive_builder.isolate import isolate
from archive_builder.limits import MAX_SEED_BYTES
from archive_builder.model import Archive, Article, Diagnostic
from archive_builder.render import (
    ArticlePage,
    Output,
    RenderContext,
    ViewPages,
    article_output,
    assemble,
    render_export,
    render_site_reusing,
    view_outputs,
)
from archive_builder.render.context import article_page, original_path
from archive_builder.render.contrib import views
from archive_builder.render.fallback import failure
from archive_builder.workers import Workers
from archive_builder.write import WriteReport, plan, write_outputs

log = logging.getLogger("archive_builder")

Timer = Callable[[str], AbstractContextManager[object]]
PARALLEL_MIN_SEEDS = 200  # below this, starting worker processes costs more than it saves


def untimed(stage: str) -> AbstractContextManager[object]:
    return nullcontext()


@dataclass(frozen=True, slots=True)
class SeedFile:
    path: Path
    rel: str


@dataclass(frozen=True, slots=True)
class BuildResult:
    archive: Archive
    diagnostics: tuple[Diagnostic, ...]
    outputs: tuple[Output, ...] = ()
    report: WriteReport | None = None
    skipped: int | None = None  # articles of the last build, when this one found nothing changed

    @property
    def article_count(self) -> int:
        return self.skipped if self.skipped is not None else len(self.archive.articles)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "warning")

    def failed(self, strict: bool) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))


def _is_reserved(path: Path) -> bool:
    """Files of the seeds folder that are not seeds and not worth a message."""
    return path.name.upper().startswith("README") or path.name in (CURATION_FILE, ids.IDS_FILE)


def _skipped(path: Path, rel: str) -> Diagnostic | None:
    """Why a file or folder of the seeds folder is not read (None: it is read, or silently so)."""
    name = path.name
    if path.is_dir():
        hidden = name.startswith(".")
        return Diagnostic(rel, "a folder: not read (seeds are read from the seeds folder itself, not from "
                          "sub-folders)", "info" if hidden else "warning",
                          hint="move its seeds up into the seeds folder to publish them")
    if not path.is_file():
        return Diagnostic(rel, "not a regular file; not read", "warning")
    if name.startswith((".", "_")):
        seedlike = seed_format(path) is not None or path.suffix.lower() == OVERRIDE_SUFFIX
        return Diagnostic(rel, f"name starts with '{name[0]}': not read", "warning" if seedlike else "info",
                          hint="names starting with '.' or '_' are kept out of the archive; rename it to publish it")
    return None


def _name_problem(path: Path, rel: str) -> Diagnostic | None:
    """A file name that is not valid UTF-8 (a byte such as 0xe9 from another system's encoding)."""
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        bad = next(ch for ch in path.name if "\ud800" <= ch <= "\udfff")
        return Diagnostic(rel, f"file name is not valid UTF-8 (byte 0x{ord(bad) - 0xDC00 & 0xFF:02x}); published "
                          "under a repaired name", "warning", hint="rename the file with a UTF-8 name")
    return None


def discover(config: Config) -> tuple[list[SeedFile], list[SeedFile], list[Diagnostic]]:
    """Seed files and override files in the seeds folder, sorted by name; everything else in it is
    reported (sub-folders, names starting with '.' or '_', other formats), except README files
    and the curation file."""
    if not config.seeds_dir.is_dir():
        raise ArchiveError(f"no seeds folder at {config.rel(config.seeds_dir)}", hint="create it and add seed files")
    seeds: list[SeedFile] = []
    overrides: list[SeedFile] = []
    problems: list[Diagnostic] = []
    real_seeds = config.seeds_dir.resolve()
    folder = config.rel(config.seeds_dir)
    for path in sorted(config.seeds_dir.iterdir(), key=lambda p: p.name):
        rel = f"{folder}/{path.name}"  # the name in the folder, even for a symbolic link
        if path.is_symlink() and real_seeds not in path.resolve().parents:
            # a link out of the folder would publish whatever it points at (keys, /proc/self/environ...)
            problems.append(Diagnostic(rel, "symbolic link to a file outside the seeds folder; left out",
                                       hint="copy the file into the seeds folder instead of linking to it"))
            continue
        if _is_reserved(path):
            continue
        skipped = _skipped(path, rel)
        if skipped is not None:
            problems.append(skipped)
            continue
        if path.suffix.lower() == OVERRIDE_SUFFIX:
            overrides.append(SeedFile(path, rel))
        elif seed_format(path) is not None:
            seeds.append(SeedFile(path, rel))
            problems.extend(p for p in [_name_problem(path, rel)] if p is not None)
        else:
            problems.append(Diagnostic(rel, f"not a seed format ('{path.suffix or 'no extension'}'); ignored",
                                       "warning", hint="seeds are .txt, .html/.htm (saved web pages) or .md (Markdown) files"))
    return seeds, overrides, problems


def _too_large(file: SeedFile) -> Diagnostic | None:
    try:
        size = file.path.stat().st_size
    except OSError:
        return None  # ingest_one reports the unreadable file
    if size <= MAX_SEED_BYTES:
        return None
    return Diagnostic(file.rel, f"seed of {size / 2**20:,.0f} MB, over the limit of {MAX_SEED_BYTES // 2**20} MB; "
                      "left out (not read)", hint="split it into articles, or check that it is an article at all")


def _load_overrides(files: list[SeedFile], seed_ids: set[str]) -> tuple[dict[str, Overrides], list[Diagnostic]]:
    found: dict[str, Overrides] = {}
    problems: list[Diagnostic] = []
    for file in files:
        seed_id = file.path.name[: -len(OVERRIDE_SUFFIX)]
        if seed_id not in seed_ids:
            problems.append(Diagnostic(file.rel, f"no seed named '{seed_id}' for these overrides", "warning",
                                       hint="name the file after its seed: <seed name without extension>.yml"))
            continue
        try:
            overrides, issues = read_overrides(file.path, file.rel)
        except SeedError as exc:
            problems.append(exc.diagnostic())
            continue
        found[seed_id] = overrides
        problems.extend(issues)
    return found, problems


def ingest_one(file: SeedFile, overrides: Overrides | None) -> Ingested | Diagnostic:
    """Read and parse one seed; pure apart from reading its file (so it can run in a worker)."""
    try:
        data = file.path.read_bytes()
        seed = make_seed(file.path, file.rel, data)
    except OSError as exc:
        return Diagnostic(file.rel, f"cannot read: {exc.strerror or exc}")
    except SeedError as exc:
        return exc.diagnostic()
    try:
        return read_seed(seed, data, overrides)
    except Exception as exc:  # noqa: BLE001 - one seed's failure is its own diagnostic, never the build's
        return Diagnostic(file.rel, f"the ingest stage failed on this seed ({failure(exc)}); left out",
                          hint="the rest of the archive is built; please report this with the seed")


def ingest(config: Config) -> tuple[tuple[Article, ...], Curation, list[Diagnostic]]:
    files, override_files, problems = discover(config)
    by_id: dict[str, SeedFile] = {}
    for file in files:
        seed_id = file.path.stem
        if seed_id in by_id:
            problems.append(Diagnostic(file.rel, f"another seed has the same name: {by_id[seed_id].rel}; left out",
                                       hint="rename one of them: the file name is the article's id"))
            continue
        by_id[seed_id] = file
    overrides, issues = _load_overrides(override_files, set(by_id))
    problems.extend(issues)
    curation, issues2 = load_curation(config.seeds_dir, config.rel(config.seeds_dir / CURATION_FILE))
    problems.extend(issues2)
    work: list[tuple[SeedFile, Overrides | None]] = []
    for seed_id, file in sorted(by_id.items()):
        too_large = _too_large(file)
        if too_large is not None:
            problems.append(too_large)
            continue
        if overrides.get(seed_id) and overrides[seed_id].get("exclude"):
            problems.append(Diagnostic(file.rel, "excluded by the curator (exclude: true)", "info"))
            continue
        work.append((file, overrides.get(seed_id)))
    articles: list[Article] = []
    for result in ingest_all(config, work):
        if isinstance(result, Diagnostic):
            problems.append(result)
            continue
        problems.extend(result.diagnostics)
        if result.article is not None:
            articles.append(result.article)
    problems.extend(_duplicates(articles, by_id))
    return tuple(articles), curation, problems


def _ingest_pair(pair: tuple[SeedFile, Overrides | None]) -> Ingested | Diagnostic:
    return ingest_one(*pair)


def worker_count(config: Config) -> int:
    """``jobs`` from the settings; 0 means one per available core."""
    if config.jobs > 0:
        return config.jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _stage_jobs(config: Config) -> int:
    """Workers for a stage's own process pool: only where forking is safe (no other threads)."""
    return worker_count(config) if _start_method() == "fork" else 1


def _start_method() -> str:
    """``fork`` (fast, and it never re-imports the caller's main script) unless other threads run,
    where forking is unsafe; then ``forkserver`` (Unix) or ``spawn``."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def parse_seeds(work: list[tuple[SeedFile, Overrides | None]], jobs: int) -> list[Ingested | Diagnostic]:
    """``ingest_one`` over ``work``, on ``jobs`` processes when there are many; results in input order."""
    if jobs <= 1 or len(work) < PARALLEL_MIN_SEEDS:
        return [ingest_one(file, overrides) for file, overrides in work]
    context = multiprocessing.get_context(_start_method())
    chunk = max(1, len(work) // (jobs * 8))
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            return list(pool.map(_ingest_pair, work, chunksize=chunk))
    except (BrokenProcessPool, OSError) as exc:
        log.warning("archive-builder: parallel ingest failed (%s); reading seeds one by one", exc)
        return [ingest_one(file, overrides) for file, overrides in work]


def ingest_all(config: Config, work: list[tuple[SeedFile, Overrides | None]]) -> list[Ingested | Diagnostic]:
    """Every seed's result in order: from the cache when it holds one, parsed (in parallel) otherwise."""
    if not config.cache:
        return parse_seeds(work, worker_count(config))
    with SeedCache.at(config.root) as cache:
        keys: dict[int, str] = {}
        for i, (file, overrides) in enumerate(work):
            with suppress(OSError):  # ingest_one reports the unreadable file
                keys[i] = cache.key(file.rel, file.path.read_bytes(), overrides)
        hits = cache.load(set(keys.values()))
        misses = [i for i in range(len(work)) if keys.get(i) not in hits]
        parsed = dict(zip(misses, parse_seeds([work[i] for i in misses], worker_count(config)), strict=True))
        fresh = {keys[i]: r for i, r in parsed.items() if i in keys and isinstance(r, Ingested)}
        cache.store(fresh, set(keys.values()))
    results = [parsed[i] if i in parsed else hits[keys[i]] for i in range(len(work))]
    return results + damage_diagnostic(cache, _cache_rel(config))


def _cache_rel(config: Config) -> str:
    return config.rel(config.root / CACHE_DIR / CACHE_FILE)


def _duplicates(articles: list[Article], files: dict[str, SeedFile]) -> list[Diagnostic]:
    groups: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        groups[article.sha256].append(article.id)
    return [
        Diagnostic(files[ids[i]].rel, f"same bytes as {files[ids[0]].rel}", "warning",
                   hint="both are published; remove one if it is an accidental copy")
        for ids in groups.values() for i in range(1, len(ids))
    ]


def analyse(config: Config, timer: Timer = untimed) -> tuple[Archive, list[Diagnostic]]:
    """Every stage up to (not including) rendering."""
    archive, _, problems = _analyse_all(config, timer)
    return archive, problems


def _analyse_all(config: Config, timer: Timer) -> tuple[Archive, ids.Registry | None, list[Diagnostic]]:
    """The analysed archive with its permanent ids, and the id registry to record (None when the
    recorded one could not be read: it is then left as it is)."""
    with timer("ingest"):
        articles, curation, problems = ingest(config)
        registry, issues2 = ids.load(config.seeds_dir, config.rel(config.seeds_dir / ids.IDS_FILE))
    with ExitStack() as stack:
        cache = stack.enter_context(SeedCache.at(config.root)) if config.cache else None
        workers = _runner(config, cache)
        stack.callback(workers.close, True)
        archive, issues = _analyse(config, articles, curation, registry, workers, timer)
    damaged = damage_diagnostic(cache, _cache_rel(config)) if cache is not None else []
    with timer("addresses"):
        archive, settled = addresses.settle(archive, registry)
    broken = any(d.severity == "error" for d in issues2)
    return archive, None if broken else settled, problems + issues + issues2 + damaged


def _runner(config: Config, cache: SeedCache | None) -> Workers:
    """Where per-article work runs: this machine's process pool, or a Dask cluster (``runner: dask``)."""
    if config.runner == "dask":
        from archive_builder.dask_runner import DaskWorkers

        return DaskWorkers(worker_count(config), cache, config.dask_scheduler)
    return Workers(_stage_jobs(config), cache)


def _analyse(config: Config, articles: tuple[Article, ...], curation: Curation, registry: ids.Registry,
             workers: Workers, timer: Timer) -> tuple[Archive, list[Diagnostic]]:
    problems: list[Diagnostic] = []
    settings = provenance.Settings()
    folder = config.rel(config.seeds_dir)

    def path_of(article: Article) -> str:
        return f"{folder}/{article.seed}"

    with timer("entities"):
        lexicon = workers.memo("entities.lexicon", code_version(parts=entities.ENTITY_CODE), load_lexicon)
        # queued in the order needed: the workers read dates and n-grams while entities are resolved
        workers.prefetch(entities.extraction_task_for(curation, lexicon), articles)
        workers.prefetch(events.scan_task(), articles)
        workers.prefetch(provenance.prepare_task(settings), articles)
        found = isolate("entities", lambda arts: entities.resolve(arts, curation, lexicon, runner=workers),
                        articles, path_of, "names (entities)")
        entity_index, issues = found.result
    problems.extend(found.diagnostics)
    problems.extend(issues)
    with timer("events"):
        dated = isolate("events", lambda arts: events.extract(arts, entity_index, curation, runner=workers,
                                                             recorded=registry.kind("events")),
                        articles, path_of, "dates and events")
        updated, event_index, issues = dated.result
        by_id = {a.id: a for a in updated}
        articles = tuple(by_id.get(a.id, a) for a in articles)
    problems.extend(dated.diagnostics)
    problems.extend(issues)
    with timer("provenance"):
        traced = isolate("provenance", lambda arts: provenance.analyse(arts, curation, settings, runner=workers),
                         articles, path_of, "provenance (copies, sources, attributions)")
        provenance_index, issues = traced.result
    problems.extend(traced.diagnostics)
    problems.extend(issues)
    archive = Archive(articles=articles, entities=entity_index, events=event_index,
                      provenance=provenance_index, built=config.build_time)
    return archive, problems


def _sorted(problems: list[Diagnostic]) -> tuple[Diagnostic, ...]:
    order = {"error": 0, "warning": 1, "info": 2}
    return tuple(sorted(set(problems), key=lambda d: (d.path, d.line or 0, order[d.severity], d.message)))


def build(config: Config, write: bool = True, timer: Timer = untimed) -> BuildResult:
    """Seeds -> pages in the docs folder. Returns what was built and every diagnostic.

    With the cache on, a build whose inputs (seeds folder, settings, code) are those of the last
    one and whose files are all in place is skipped (``uptodate.py``)."""
    mark = uptodate.stamp(config) if write and config.cache else None
    saved = uptodate.load(config, mark) if mark else None
    if saved is not None:
        log.info("archive-builder: seeds, settings and code unchanged since the last build; %d files in place",
                 saved.files)
        return BuildResult(Archive(()), saved.diagnostics, (), WriteReport((), saved.files, ()), saved.articles)
    if mark:
        uptodate.forget(config)
    archive, registry, problems = _analyse_all(config, timer)
    if write and config.record_ids and registry is not None and ids.save(config.seeds_dir, registry) and mark:
        mark = uptodate.stamp(config)  # the registry is in the seeds folder: the stamp includes it
    with timer("render"):
        ctx = RenderContext.of(archive, config.site_name, config.use_directory_urls)
        outputs, issues = render(config, ctx)
        problems.extend(issues)
        outputs, issues = _checked(config, archive, outputs)
        problems.extend(issues)
    with timer("write"):
        report = None
        if write:
            report = write_outputs(config.docs_dir, list(outputs))
            problems.extend(_output_diagnostics(config, archive, report.failed, "write"))
    result = BuildResult(archive, _sorted(problems), outputs, report)
    if report is not None:
        log.info("archive-builder: %d articles; %d files written, %d unchanged, %d removed",
                 len(archive.articles), len(report.written), report.unchanged, len(report.removed))
        # a build that found damaged cache entries or failed to write a file is never the last word
        if mark and not report.failed and not any(d.path == _cache_rel(config) for d in result.diagnostics):
            uptodate.save(config, mark, result.diagnostics, len(archive.articles), [o.path for o in outputs])
    return result


def _sources(config: Config, archive: Archive) -> dict[str, str]:
    """Output path -> the seed it publishes (article pages and originals)."""
    folder = config.rel(config.seeds_dir)
    found: dict[str, str] = {}
    for article in archive.articles:
        found[article_page(article.id)] = found[original_path(article.seed)] = f"{folder}/{article.seed}"
    return found


def _output_diagnostics(config: Config, archive: Archive, failed: tuple[tuple[str, str], ...],
                        stage: str) -> list[Diagnostic]:
    sources = _sources(config, archive) if failed else {}
    docs = config.rel(config.docs_dir)
    return [Diagnostic(sources.get(path, f"{docs}/{path}"), f"the {stage} stage failed on {docs}/{path}: {reason}; "
                       "left out of the site", "error", hint="the rest of the archive is built")
            for path, reason in failed]


def _checked(config: Config, archive: Archive, outputs: tuple[Output, ...]) -> tuple[tuple[Output, ...], list[Diagnostic]]:
    """The outputs the writer accepts (``write.plan``), and a diagnostic for each one it would refuse."""
    kept, refused = plan(outputs)
    return kept, _output_diagnostics(config, archive, refused, "render")


def render(config: Config, ctx: RenderContext) -> tuple[tuple[Output, ...], list[Diagnostic]]:
    """Every output; with the cache on, article pages whose inputs did not change are reused.
    Pages are rendered on worker processes for large archives (the same bytes, tested). A page or
    view that fails to render is a diagnostic (the article falls back to a page without panels)."""
    jobs = _stage_jobs(config)
    if not config.cache:
        outputs, _, failed = _render_pages(ctx, config.seeds_dir, {}, "", jobs)
    else:
        with SeedCache.at(config.root) as cache:
            known = cache.load_pages()
            outputs, pages, failed = _render_pages(ctx, config.seeds_dir, known, code_version(parts=RENDER_CODE), jobs)
            cache.store_pages(pages, set(known))
        return tuple(outputs), _render_diagnostics(config, ctx.archive, failed) + damage_diagnostic(
            cache, _cache_rel(config))
    return tuple(outputs), _render_diagnostics(config, ctx.archive, failed)


def _render_diagnostics(config: Config, archive: Archive, failed: list[tuple[str, str]]) -> list[Diagnostic]:
    folder, docs = config.rel(config.seeds_dir), config.rel(config.docs_dir)
    seeds = {a.id: a.seed for a in archive.articles}
    return [Diagnostic(f"{folder}/{seeds[name]}", f"the render stage failed on this seed's page ({reason}); "
                       "published without the names, events and provenance panels", "error",
                       hint="the rest of the archive is built; please report this with the seed")
            if name in seeds else
            Diagnostic(f"{docs}/{name}/", f"the render stage failed on the {name} pages ({reason}); left out",
                       "error", hint="the rest of the archive is built; please report this with the seeds")
            for name, reason in failed]


def _render_pages(ctx: RenderContext, seeds_dir: Path, known: Mapping[str, bytes], version: str,
                  jobs: int) -> tuple[list[Output], dict[str, bytes], list[tuple[str, str]]]:
    articles = len(ctx.archive.articles)
    if jobs <= 1 or articles < worker_pool.PARALLEL_MIN_ARTICLES:
        return render_site_reusing(ctx, seeds_dir, known, version)
    size = -(-articles // (jobs * 4))
    bounds = [(i, min(i + size, articles)) for i in range(0, articles, size)]
    # forked workers inherit the context and the known pages (never pickled); only pages come back
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_render_worker,
                                 initargs=(ctx, known, version)) as pool:
            view_jobs = [pool.submit(_render_view, i) for i in range(len(views()))]
            pages = [page for part in pool.map(_render_articles, bounds) for page in part]
            return assemble(ctx, seeds_dir, pages, [job.result() for job in view_jobs])
    except (BrokenProcessPool, OSError) as exc:
        log.warning("archive-builder: rendering on worker processes failed (%s); going on in one process", exc)
        return render_site_reusing(ctx, seeds_dir, known, version)


_RENDER: list[tuple[RenderContext, Mapping[str, bytes], str]] = []  # set in each render worker only


def _render_worker(ctx: RenderContext, known: Mapping[str, bytes], version: str) -> None:
    _RENDER[:] = [(ctx, known, version)]


def _render_articles(bounds: tuple[int, int]) -> list[ArticlePage]:
    ctx, known, version = _RENDER[0]
    stage_views = views()
    return [article_output(ctx, a, stage_views, known, version) for a in ctx.archive.articles[bounds[0] : bounds[1]]]


def _render_view(index: int) -> ViewPages:
    ctx, _, _ = _RENDER[0]
    return view_outputs(ctx, views()[index])


def check(config: Config) -> BuildResult:
    """Validate seeds and curation files: every stage a build runs, writing nothing, so it reports
    everything a build would."""
    return build(config, write=False)


def export(config: Config) -> tuple[str, BuildResult]:
    archive, problems = analyse(config)
    return render_export(archive), BuildResult(archive, _sorted(problems))
