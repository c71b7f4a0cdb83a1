"""The orchestrator: the only module that knows the order of the stages.

    discover seeds -> ingest (per seed) -> entities -> events (dates) -> provenance -> render -> write

Every stage returns new values and diagnostics; one bad seed is reported and left out, never fatal.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from archive_builder import entities, events, provenance
from archive_builder.config import Config
from archive_builder.curation import CURATION_FILE, Curation, load_curation
from archive_builder.errors import ArchiveError, SeedError
from archive_builder.ingest import Ingested, make_seed, read_seed, seed_format
from archive_builder.ingest.overrides import OVERRIDE_SUFFIX, Overrides, read_overrides
from archive_builder.model import Archive, Article, Diagnostic
from archive_builder.render import Output, RenderContext, render_export, render_site
from archive_builder.write import WriteReport, write_outputs

log = logging.getLogger("archive_builder")


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

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "warning")

    def failed(self, strict: bool) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))


def _is_reserved(path: Path) -> bool:
    name = path.name
    return name.startswith((".", "_")) or name.upper().startswith("README") or name == CURATION_FILE


def discover(config: Config) -> tuple[list[SeedFile], list[SeedFile], list[Diagnostic]]:
    """Seed files and override files in the seeds folder, sorted by name."""
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
        if not path.is_file() or _is_reserved(path):
            continue
        if path.suffix.lower() == OVERRIDE_SUFFIX:
            overrides.append(SeedFile(path, rel))
        elif seed_format(path) is not None:
            seeds.append(SeedFile(path, rel))
        else:
            problems.append(Diagnostic(rel, f"not a seed format ('{path.suffix or 'no extension'}'); ignored",
                                       "warning", hint="seeds are .txt files"))
    return seeds, overrides, problems


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
    return read_seed(seed, data, overrides)


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
    articles: list[Article] = []
    for seed_id, file in sorted(by_id.items()):
        if overrides.get(seed_id) and overrides[seed_id].get("exclude"):
            problems.append(Diagnostic(file.rel, "excluded by the curator (exclude: true)", "info"))
            continue
        result = ingest_one(file, overrides.get(seed_id))
        if isinstance(result, Diagnostic):
            problems.append(result)
            continue
        problems.extend(result.diagnostics)
        if result.article is not None:
            articles.append(result.article)
    problems.extend(_duplicates(articles, by_id))
    return tuple(articles), curation, problems


def _duplicates(articles: list[Article], files: dict[str, SeedFile]) -> list[Diagnostic]:
    groups: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        groups[article.sha256].append(article.id)
    return [
        Diagnostic(files[ids[i]].rel, f"same bytes as {files[ids[0]].rel}", "warning",
                   hint="both are published; remove one if it is an accidental copy")
        for ids in groups.values() for i in range(1, len(ids))
    ]


def analyse(config: Config) -> tuple[Archive, list[Diagnostic]]:
    """Every stage up to (not including) rendering."""
    articles, curation, problems = ingest(config)
    entity_index, issues = entities.resolve(articles, curation)
    problems.extend(issues)
    articles, event_index, issues = events.extract(articles, entity_index, curation)
    problems.extend(issues)
    provenance_index, issues = provenance.analyse(articles, curation)
    problems.extend(issues)
    archive = Archive(articles=articles, entities=entity_index, events=event_index,
                      provenance=provenance_index, built=config.build_time)
    return archive, problems


def _sorted(problems: list[Diagnostic]) -> tuple[Diagnostic, ...]:
    order = {"error": 0, "warning": 1, "info": 2}
    return tuple(sorted(set(problems), key=lambda d: (d.path, d.line or 0, order[d.severity], d.message)))


def build(config: Config, write: bool = True) -> BuildResult:
    """Seeds -> pages in the docs folder. Returns what was built and every diagnostic."""
    archive, problems = analyse(config)
    ctx = RenderContext.of(archive, config.site_name, config.use_directory_urls)
    outputs = tuple(render_site(ctx, config.seeds_dir))
    report = write_outputs(config.docs_dir, list(outputs)) if write else None
    if report is not None:
        log.info("archive-builder: %d articles; %d files written, %d unchanged, %d removed",
                 len(archive.articles), len(report.written), report.unchanged, len(report.removed))
    return BuildResult(archive, _sorted(problems), outputs, report)


def check(config: Config) -> BuildResult:
    """Validate seeds and curation files; build nothing."""
    archive, problems = analyse(config)
    return BuildResult(archive, _sorted(problems))


def export(config: Config) -> tuple[str, BuildResult]:
    archive, problems = analyse(config)
    return render_export(archive), BuildResult(archive, _sorted(problems))
