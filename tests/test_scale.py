"""Scale features keep output identical: the per-seed cache, parallel ingest, skipped writes, Pagefind."""

from __future__ import annotations

import dataclasses
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from archive_builder import pipeline, sitesearch, uptodate
from archive_builder import workers as worker_pool
from archive_builder.cache import CACHE_DIR, CACHE_FILE, SeedCache
from archive_builder.cli import main as cli_main
from archive_builder.config import Config, load_config
from archive_builder.errors import ArchiveError, ConfigError
from archive_builder.ingest.overrides import Overrides
from archive_builder.model import Article
from archive_builder.render.context import Output
from archive_builder.write import write_outputs
from tests.conftest import FIXTURES, ROOT, MakeProject

HAND_WRITTEN = FIXTURES / "scale"
KEEP = {"guide", "assets", "reference"}


def _seeds(generated: int = 24) -> dict[str, str | bytes]:
    """Hand-written fixtures (a reprint with edits, hostile markup) plus generated news articles."""
    from benchmarks.generate import Generator

    seeds: dict[str, str | bytes] = {p.name: p.read_bytes() for p in sorted(HAND_WRITTEN.glob("*.txt"))}
    seeds.update(Generator(generated, seed=3).build())
    seeds["104_ffffffffffffffff.txt"] = b"\x00\x01binary\x00junk" * 20  # a bad seed among good ones
    seeds["105_eeeeeeeeeeeeeeee.txt"] = b"   \n"
    return seeds


def _snapshot(config: Config) -> dict[str, bytes]:
    docs = config.docs_dir
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*"))
            if p.is_file() and p.relative_to(docs).parts[0] not in KEEP}


def _wipe_output(config: Config) -> None:
    for path in sorted(config.docs_dir.iterdir()):
        if path.name not in KEEP:
            subprocess.run(["rm", "-rf", str(path)], check=True)


def _diagnostics(result: pipeline.BuildResult) -> list[str]:
    return [d.format() for d in result.diagnostics]


def test_cached_and_uncached_builds_are_byte_identical(make_project: MakeProject, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_project(_seeds(), cache=False, jobs=1)
    plain = pipeline.build(config)
    expected = _snapshot(config)
    assert not (config.root / CACHE_DIR).exists()
    assert len(plain.archive.articles) >= 27 and plain.errors  # the binary and empty seeds are reported

    cached = dataclasses.replace(config, cache=True)
    _wipe_output(cached)
    first = pipeline.build(cached)
    assert _snapshot(cached) == expected and _diagnostics(first) == _diagnostics(plain)
    assert (config.root / CACHE_DIR / CACHE_FILE).is_file()

    def no_parsing(*args: object) -> None:
        raise AssertionError("a warm cache must not parse seeds again")

    monkeypatch.setattr(pipeline, "ingest_one", no_parsing)
    _wipe_output(cached)
    warm = pipeline.build(cached)
    assert _snapshot(cached) == expected and _diagnostics(warm) == _diagnostics(plain)
    assert warm.archive.articles == first.archive.articles


def test_corrupt_cache_is_rebuilt_not_fatal(make_project: MakeProject, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_project(_seeds(6), jobs=1)
    pipeline.build(config)
    expected = _snapshot(config)
    db = config.root / CACHE_DIR / CACHE_FILE
    with sqlite3.connect(db) as conn:  # one damaged entry: that seed alone is parsed again
        key = conn.execute("SELECT key FROM sealed_entries ORDER BY key LIMIT 1").fetchone()[0]
        conn.execute("UPDATE sealed_entries SET value = ? WHERE key = ?", (b"not a pickle", key))
    calls: list[str] = []
    real = pipeline.ingest_one
    monkeypatch.setattr(pipeline, "ingest_one", lambda f, o: calls.append(f.rel) or real(f, o))
    _wipe_output(config)
    pipeline.build(config)
    assert _snapshot(config) == expected and len(calls) == 1
    db.write_bytes(b"SQLite format 3\x00" + b"\xff" * 300)  # the whole file damaged
    _wipe_output(config)
    result = pipeline.build(config)
    assert _snapshot(config) == expected
    assert not [d for d in result.diagnostics if "cache" in d.message]


def test_cache_follows_seed_overrides_and_code(make_project: MakeProject) -> None:
    config = make_project({"100_a1b2c3d4e5f60718.txt": (HAND_WRITTEN / "100_a1b2c3d4e5f60718.txt").read_text()})
    pipeline.build(config)
    seed = config.seeds_dir / "100_a1b2c3d4e5f60718.txt"
    seed.write_text(seed.read_text().replace("Flood barriers hold", "Levees hold"), encoding="utf-8")
    assert pipeline.build(config).archive.articles[0].title.startswith("Levees hold")
    (config.seeds_dir / "100_a1b2c3d4e5f60718.yml").write_text("title: Curated title\n", encoding="utf-8")
    assert pipeline.build(config).archive.articles[0].title == "Curated title"
    old, new = SeedCache(Path("x"), "v1"), SeedCache(Path("x"), "v2")
    overrides = Overrides("s.yml", (("title", "T"),))
    assert old.key("s.txt", b"a", None) != new.key("s.txt", b"a", None)
    assert old.key("s.txt", b"a", None) != old.key("s.txt", b"a", overrides)
    assert old.key("s.txt", b"a", None) != old.key("t.txt", b"a", None)


def test_parallel_and_serial_builds_are_byte_identical(make_project: MakeProject, monkeypatch: pytest.MonkeyPatch) -> None:
    # the per-article work of ingest and of the analysis stages all go to the workers
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_SEEDS", 2)
    monkeypatch.setattr(worker_pool, "PARALLEL_MIN_ARTICLES", 2)  # render's pool
    monkeypatch.setattr(worker_pool.Workers, "min_articles", 2)  # the analysis stages' pool
    config = make_project(_seeds(30), cache=False, jobs=1)
    serial = pipeline.build(config)
    expected = _snapshot(config)
    _wipe_output(config)
    parallel = pipeline.build(dataclasses.replace(config, jobs=2))
    assert _snapshot(config) == expected
    assert _diagnostics(parallel) == _diagnostics(serial)
    assert parallel.archive.articles == serial.archive.articles
    for _ in range(2):  # with the cache: results pickled by the workers, then read back from it
        _wipe_output(config)
        cached = pipeline.build(dataclasses.replace(config, jobs=2, cache=True))
        assert _snapshot(config) == expected and _diagnostics(cached) == _diagnostics(serial)


def test_parse_seeds_keeps_input_order_across_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_SEEDS", 2)
    files = []
    for i in range(12):
        path = tmp_path / f"{i:03d}_x.txt"
        path.write_text(f"Headline number {i} of the day\n\nMarch {i + 1}, 2020\n\nBody text {i} says what it says.\n")
        files.append((pipeline.SeedFile(path, f"seeds/{path.name}"), None))
    results = pipeline.parse_seeds(list(reversed(files)), jobs=2)
    assert [r.seed.name for r in results] == [f.path.name for f, _ in reversed(files)]  # type: ignore[union-attr]


def test_incremental_rebuild_rewrites_only_changed_pages(make_project: MakeProject) -> None:
    """Adding or editing a seed rewrites exactly the files whose bytes change, and the result equals a
    cold build of the same seeds."""
    config = make_project(_seeds(10))
    pipeline.build(config)
    again = pipeline.build(config)
    assert again.report is not None and again.report.written == ()

    def rebuild_and_check(must_include: set[str], must_exclude: set[str]) -> None:
        before = _snapshot(config)
        report = pipeline.build(config).report
        assert report is not None
        after = _snapshot(config)
        differs = {rel for rel, data in after.items() if before.get(rel) != data and rel != ".archive-manifest.json"}
        assert set(report.written) == differs  # nothing unchanged is rewritten, nothing changed is missed
        assert must_include <= differs and not (must_exclude & differs)

    new = "106_abababababababab.txt"
    (config.seeds_dir / new).write_text((HAND_WRITTEN / "103_7e7e7e7e7e7e7e7e.txt").read_text().replace(
        "Short notice on grain prices", "Grain prices climb again"), encoding="utf-8")
    rebuild_and_check({f"articles/{new[:-4]}.md", f"originals/{new}", "index.md", "articles/index.md"},
                      {"originals/100_a1b2c3d4e5f60718.txt"})
    edited = config.seeds_dir / "100_a1b2c3d4e5f60718.txt"
    edited.write_text(edited.read_text().replace("3,000 sandbags", "4,000 sandbags"), encoding="utf-8")
    rebuild_and_check({"articles/100_a1b2c3d4e5f60718.md", "originals/100_a1b2c3d4e5f60718.txt"},
                      {"originals/103_7e7e7e7e7e7e7e7e.txt", "articles/index.md"})
    cold = dataclasses.replace(config, docs_dir=config.root / "cold", cache=False)
    pipeline.build(cold)
    assert _snapshot(cold) == _snapshot(config)


def test_writer_skips_reading_known_copies(tmp_path: Path) -> None:
    source = tmp_path / "seed.txt"
    source.write_bytes(b"original bytes")
    import hashlib

    digest = hashlib.sha256(b"original bytes").hexdigest()
    out = tmp_path / "docs"
    first = write_outputs(out, [Output("originals/seed.txt", copy_from=str(source), sha256=digest)])
    assert first.written == ("originals/seed.txt",)
    source.unlink()  # the writer must not need the source when manifest and digest agree
    again = write_outputs(out, [Output("originals/seed.txt", copy_from=str(source), sha256=digest)])
    assert again.written == () and (out / "originals" / "seed.txt").read_bytes() == b"original bytes"
    with pytest.raises(ArchiveError):
        write_outputs(out, [Output("../escape.txt", data=b"x")])


def test_jobs_option_is_validated(make_project: MakeProject, capsys: pytest.CaptureFixture[str]) -> None:
    config = make_project({"103_7e7e7e7e7e7e7e7e.txt": (HAND_WRITTEN / "103_7e7e7e7e7e7e7e7e.txt").read_text()})
    code = cli_main(["build", "-f", str(config.root / "mkdocs.yml"), "--jobs", "-1"])
    assert code == 2 and "--jobs must be 0 or more" in capsys.readouterr().err
    assert cli_main(["build", "-f", str(config.root / "mkdocs.yml"), "--jobs", "2", "--no-cache", "-q"]) == 0
    assert not (config.root / CACHE_DIR).exists()
    yml = config.root / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("seeds_dir: seeds", "seeds_dir: seeds\n      jobs: -3"), encoding="utf-8")
    from archive_builder.config import load_config

    with pytest.raises(ConfigError, match="jobs"):
        load_config(yml)
    assert pipeline.worker_count(dataclasses.replace(config, jobs=0)) >= 1


def test_search_engine_choice() -> None:
    assert sitesearch.choose("auto", sitesearch.PAGEFIND_THRESHOLD - 1) == "material"
    assert sitesearch.choose("auto", sitesearch.PAGEFIND_THRESHOLD) == "pagefind"
    assert sitesearch.choose("pagefind", 1) == "pagefind"
    assert sitesearch.choose("material", 10**6) == "material"
    with pytest.raises(ArchiveError, match="unknown search setting"):
        sitesearch.choose("lunr", 5)


def _mkdocs_site(config: Config, search: str, shards: int = 0) -> Path:
    yml = config.root / "mkdocs.yml"
    options = f"seeds_dir: seeds\n      search: {search}" + (f"\n      search_shards: {shards}" if shards else "")
    yml.write_text(yml.read_text().replace("seeds_dir: seeds", options), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(yml)], env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return config.root / "site"


def _hand_written() -> dict[str, str | bytes]:
    return {p.name: p.read_bytes() for p in sorted(HAND_WRITTEN.glob("*.txt"))}


@pytest.mark.slow
@pytest.mark.skipif(not sitesearch.pagefind_available(), reason="pagefind is not installed")
def test_pagefind_site_replaces_material_search(make_project: MakeProject) -> None:
    site = _mkdocs_site(make_project(_hand_written()), "pagefind")
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not (site / "search" / "search_index.json").exists()
    assert (site / sitesearch.PUBLISHED_DIR / "archive-search.js").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "archive-search.js" in home and 'class="md-search"' not in home


@pytest.mark.slow
@pytest.mark.skipif(not sitesearch.pagefind_available(), reason="pagefind is not installed")
def test_pagefind_fed_during_the_build_indexes_what_the_command_line_indexes(make_project: MakeProject,
                                                                            tmp_path: Path) -> None:
    """The index fed page by page while MkDocs builds holds the pages Pagefind's command line finds
    in the finished site, with the same text, URLs, filters and metadata (fragments byte-identical).
    The other files may differ: the command line numbers pages in the order the file system lists
    them, the feed in MkDocs' order, and Pagefind 1.5 writes its filter files in varying order even
    from the same input (two command line runs on one site differ too)."""
    site = _mkdocs_site(make_project(_hand_written()), "pagefind")
    again = tmp_path / "again"
    shutil.copytree(site, again, ignore=shutil.ignore_patterns("pagefind"))
    done = subprocess.run(sitesearch.pagefind_command(again), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr

    def files(root: Path, under: str = "") -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / under).rglob("*")) if p.is_file()}

    fed, cli = files(site / "pagefind", "fragment"), files(again / "pagefind", "fragment")
    assert fed == cli and len(fed) > 10
    assert len(files(site / "pagefind")) == len(files(again / "pagefind"))



def test_pages_marked_search_exclude_are_left_out_of_pagefind() -> None:
    html = '<main><article class="md-content__inner md-typeset"><h1>Articles</h1></article></main>'
    assert sitesearch.excluded({"search": {"exclude": True}})
    assert not sitesearch.excluded({"search": "exclude"}) and not sitesearch.excluded({})
    marked = sitesearch.mark_excluded(html)
    assert marked.count('data-pagefind-ignore="all"') == 1 and "<h1>Articles</h1>" in marked


@pytest.mark.slow
def test_material_search_stays_for_small_archives(make_project: MakeProject) -> None:
    site = _mkdocs_site(make_project(_hand_written()), "auto")
    assert (site / "search" / "search_index.json").is_file()
    assert not (site / "pagefind").exists()


def test_unchanged_article_pages_are_reused_and_view_changes_rerender(
        make_project: MakeProject, monkeypatch: pytest.MonkeyPatch) -> None:
    from archive_builder import render
    from archive_builder.render import entities_view

    config = make_project(_seeds(6), jobs=1)
    pipeline.build(config)
    expected = _snapshot(config)
    rendered: list[str] = []
    real = render.render_article_parts
    monkeypatch.setattr(render, "render_article_parts", lambda a, p: rendered.append(a.id) or real(a, p))
    _wipe_output(config)
    pipeline.build(config)
    assert rendered == [] and _snapshot(config) == expected  # every page reused, byte for byte
    edited = config.seeds_dir / "103_7e7e7e7e7e7e7e7e.txt"
    edited.write_text(edited.read_text().replace("third week", "fourth week"), encoding="utf-8")
    pipeline.build(config)
    assert rendered == ["103_7e7e7e7e7e7e7e7e"]
    monkeypatch.setattr(entities_view, "article_panels",
                        lambda ctx, article, page: ["## People", "", f"Panel for {article.id}"])
    rendered.clear()
    uptodate.forget(config)  # a change to a view's code changes the build's stamp; a monkeypatch does not
    result = pipeline.build(config)
    assert len(rendered) == len(result.archive.articles) > 0
    page = (config.docs_dir / "articles" / "100_a1b2c3d4e5f60718.md").read_text(encoding="utf-8")
    assert "Panel for 100_a1b2c3d4e5f60718" in page


def test_per_article_results_are_cached_and_only_a_changed_article_is_read_again(
        make_project: MakeProject, monkeypatch: pytest.MonkeyPatch) -> None:
    import archive_builder.entities as entities
    import archive_builder.events as events

    config = make_project(_seeds(6), jobs=1)
    expected = pipeline.build(dataclasses.replace(config, cache=False))
    cold = _snapshot(config)
    calls: list[str] = []
    real_extract, real_scan = entities._extract, events._scan
    monkeypatch.setattr(entities, "_extract", lambda a, arg: calls.append("names " + a.id) or real_extract(a, arg))
    monkeypatch.setattr(events, "_scan", lambda a, arg: calls.append("dates " + a.id) or real_scan(a, arg))
    first = pipeline.build(config)
    assert len(calls) == 2 * len(first.archive.articles)  # an empty cache: every article read
    assert _snapshot(config) == cold and _diagnostics(first) == _diagnostics(expected)
    calls.clear()
    again = pipeline.build(config)
    assert calls == [] and _snapshot(config) == cold and _diagnostics(again) == _diagnostics(expected)
    edited = config.seeds_dir / "103_7e7e7e7e7e7e7e7e.txt"
    edited.write_text(edited.read_text().replace("third week", "fourth week"), encoding="utf-8")
    pipeline.build(config)
    assert calls == ["names 103_7e7e7e7e7e7e7e7e", "dates 103_7e7e7e7e7e7e7e7e"]
    with sqlite3.connect(config.root / CACHE_DIR / CACHE_FILE) as db:  # the stale entries were pruned
        (facts,) = db.execute("SELECT COUNT(*) FROM sealed_facts").fetchone()
    assert facts == 3 * len(first.archive.articles) + 1  # three tasks per article, and the lexicon


def test_curated_aliases_invalidate_cached_names(make_project: MakeProject) -> None:
    config = make_project(_seeds(4), jobs=1)
    pipeline.build(config)
    (config.seeds_dir / "curation.yml").write_text(
        "entities:\n  - entity: Leila Haddad\n    aliases: [earthen barriers]\n", encoding="utf-8")
    cached = pipeline.build(config)
    fresh = pipeline.build(dataclasses.replace(config, cache=False))
    assert cached.archive.entities == fresh.archive.entities
    assert any(m.text == "earthen barriers" for m in cached.archive.entities.mentions)  # the alias is found


def test_a_build_with_nothing_changed_is_skipped_and_reports_the_same(
        make_project: MakeProject, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_project(_seeds(4), jobs=1)
    first = pipeline.build(config)
    expected = _snapshot(config)
    real = pipeline._analyse_all  # what a build runs: every stage and the permanent ids
    runs: list[int] = []
    monkeypatch.setattr(pipeline, "_analyse_all", lambda *a, **k: runs.append(1) or real(*a, **k))
    again = pipeline.build(config)
    assert runs == [] and _snapshot(config) == expected  # skipped: nothing read, nothing written
    assert again.diagnostics == first.diagnostics and again.errors  # the bad seeds are still reported
    assert again.article_count == len(first.archive.articles) and again.report and not again.report.written
    assert cli_main(["build", "-f", str(config.root / "mkdocs.yml"), "-q", "--strict"]) == 1  # judged the same
    # whatever the build reads or wrote, changed, means a real build
    gone = config.docs_dir / "articles" / "100_a1b2c3d4e5f60718.md"
    gone.unlink()
    pipeline.build(config)
    assert runs == [1] and _snapshot(config) == expected
    (config.seeds_dir / "curation.yml").write_text("entities: []\n", encoding="utf-8")
    pipeline.build(config)
    assert runs == [1, 1]
    edited = config.seeds_dir / "103_7e7e7e7e7e7e7e7e.txt"
    edited.write_text(edited.read_text().replace("third week", "fourth week"), encoding="utf-8")
    pipeline.build(config)
    assert runs == [1, 1, 1] and "fourth week" in (config.docs_dir / "articles" / "103_7e7e7e7e7e7e7e7e.md").read_text()
    pipeline.build(dataclasses.replace(config, cache=False))
    assert runs == [1, 1, 1, 1]  # without the cache nothing is skipped


def test_dask_runner_output_is_byte_identical_to_the_local_runner(make_project: MakeProject,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Every per-article task on a two-worker LocalCluster: the same pages, export and diagnostics,
    with and without the cache (results pickled on the Dask workers, then read back from it)."""
    pytest.importorskip("distributed")
    from archive_builder import dask_runner

    sent: list[int] = []  # articles handed to the cluster, to show the work really went there
    original = dask_runner.DaskWorkers._chunks

    def spy(self: dask_runner.DaskWorkers, articles: Sequence[Article]) -> list[Sequence[Article]]:
        sent.append(len(articles))
        return original(self, articles)

    monkeypatch.setattr(dask_runner.DaskWorkers, "_chunks", spy)
    config = make_project(_seeds(30), cache=False, jobs=1)
    local = pipeline.build(config)
    expected = _snapshot(config)
    local_export, _ = pipeline.export(config)
    on_dask = dataclasses.replace(config, runner="dask", jobs=2)
    _wipe_output(config)
    result = pipeline.build(on_dask)
    assert _snapshot(config) == expected
    assert _diagnostics(result) == _diagnostics(local)
    assert sent and sum(sent) >= 3 * len(local.archive.articles)  # entities, dates, provenance keys
    assert pipeline.export(on_dask)[0] == local_export
    _wipe_output(config)
    cached = pipeline.build(dataclasses.replace(on_dask, cache=True))
    assert _snapshot(config) == expected and _diagnostics(cached) == _diagnostics(local)


def test_runner_option_is_validated(make_project: MakeProject) -> None:
    config = make_project({"a.txt": "Text."})
    text = (config.root / "mkdocs.yml").read_text(encoding="utf-8")
    (config.root / "mkdocs.yml").write_text(text.replace("seeds_dir: seeds", "seeds_dir: seeds\n      runner: dusk", 1),
                                            encoding="utf-8")
    with pytest.raises(ConfigError, match="did you mean 'dask'"):
        load_config(config.root / "mkdocs.yml")
