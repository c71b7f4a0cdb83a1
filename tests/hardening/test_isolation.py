"""Fault isolation: a failure of one seed in any stage is a diagnostic naming the seed and the stage;
the seed is published with what succeeded (or left out, for ingest), the others as usual, and
``check`` reports the same."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from archive_builder import entities, events, provenance
from archive_builder import render as render_pkg
from archive_builder import write as write_mod
from archive_builder.config import Config
from archive_builder.errors import ArchiveError
from archive_builder.model import Article
from archive_builder.pipeline import build, check
from archive_builder.render import entities_view

SEEDS = {
    "one.txt": "Port reopens after repairs\n\nBy Maria Okonkwo\n\nThe harbour authority in Lagos reopened the northern "
               "terminal on Tuesday, said Ade Bello, its director.\n",
    "bad.txt": "Council approves budget\n\nThe council in Accra approved the budget on Monday, said Kofi Mensah.\n\n"
               "Opposition members said the plan cut too deeply.\n",
    "two.txt": "Ferry service resumes\n\nThe ferry service between Dover and Calais resumed on Friday, "
               "said Claire Martin.\n",
}


def _failing(original: Callable[..., Any]) -> Callable[..., Any]:
    """``original``, raising whenever the article ``bad`` is among its articles."""

    def broken(articles: tuple[Article, ...], *args: Any, **kwargs: Any) -> Any:
        if any(a.id == "bad" for a in articles):
            raise RuntimeError("injected failure")
        return original(articles, *args, **kwargs)

    return broken


def _assert_isolated(config: Config, stage: str, published: bool) -> None:
    for run in (build, check):
        result = run(config)
        named = [d for d in result.diagnostics if d.path == "seeds/bad.txt" and d.severity == "error"]
        assert named, [d.format() for d in result.diagnostics]
        assert any(f"the {stage} stage failed" in d.message and "injected failure" in d.message for d in named)
        assert not [d for d in result.diagnostics if d.path != "seeds/bad.txt" and d.severity != "info"]
        ids = {a.id for a in result.archive.articles}
        assert {"one", "two"} <= ids and ("bad" in ids) == published
        assert result.failed(strict=False)
    assert (config.docs_dir / "articles" / "one.md").exists() and (config.docs_dir / "articles" / "two.md").exists()
    page = config.docs_dir / "articles" / "bad.md"
    assert page.exists() == published
    if published:
        assert "approved the budget on Monday" in page.read_text(encoding="utf-8")
        assert (config.docs_dir / "originals" / "bad.txt").read_bytes() == SEEDS["bad.txt"].encode()


@pytest.mark.parametrize("cache", [True, False])
def test_ingest_failure(make_project, monkeypatch: pytest.MonkeyPatch, cache: bool) -> None:  # type: ignore[no-untyped-def]
    from archive_builder import pipeline

    original = pipeline.read_seed

    def broken(seed: Any, *args: Any) -> Any:
        if seed.id == "bad":
            raise RuntimeError("injected failure")
        return original(seed, *args)

    monkeypatch.setattr(pipeline, "read_seed", broken)
    _assert_isolated(make_project(SEEDS, cache=cache), "ingest", published=False)


@pytest.mark.parametrize(("module", "stage"), [(entities, "entities"), (provenance, "provenance")])
def test_whole_archive_stage_failure(make_project, monkeypatch: pytest.MonkeyPatch, module: Any,  # type: ignore[no-untyped-def]
                                     stage: str) -> None:
    name = "resolve" if stage == "entities" else "analyse"
    monkeypatch.setattr(module, name, _failing(getattr(module, name)))
    _assert_isolated(make_project(SEEDS), stage, published=True)


def test_events_failure_keeps_the_other_articles_dates(make_project, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(events, "extract", _failing(events.extract))
    config = make_project(SEEDS)
    _assert_isolated(config, "events", published=True)


def test_render_failure_of_one_page(make_project, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    original = render_pkg.article_parts

    def broken(ctx: Any, article: Article, views: Any) -> Any:
        if article.id == "bad":
            raise RuntimeError("injected failure")
        return original(ctx, article, views)

    monkeypatch.setattr(render_pkg, "article_parts", broken)
    config = make_project(SEEDS, cache=False)
    _assert_isolated(config, "render", published=True)


def test_render_failure_of_a_view(make_project, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    def broken(ctx: Any) -> Any:
        raise RuntimeError("injected failure")

    monkeypatch.setattr(entities_view, "pages", broken)
    config = make_project(SEEDS, cache=False)
    result = build(config)
    named = [d for d in result.diagnostics if d.severity == "error"]
    assert [d.path for d in named] == ["docs/entities/"], [d.format() for d in result.diagnostics]
    assert "the render stage failed on the entities pages" in named[0].message
    assert (config.docs_dir / "articles" / "bad.md").exists()
    assert (config.docs_dir / "events").is_dir()


def test_write_failure_of_one_file(make_project, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    original = write_mod._plain_write

    def broken(path: Path | str, data: bytes) -> None:
        if str(path).endswith(("/bad.md", "/bad.txt")):
            raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG), str(path))
        original(path, data)

    monkeypatch.setattr(write_mod, "_plain_write", broken)
    config = make_project(SEEDS)
    result = build(config)
    named = [d for d in result.diagnostics if d.path == "seeds/bad.txt" and d.severity == "error"]
    assert len(named) == 2 and all("the write stage failed on docs/" in d.message for d in named)
    assert (config.docs_dir / "articles" / "one.md").exists() and not (config.docs_dir / "articles" / "bad.md").exists()
    assert not (config.docs_dir / write_mod.STAGING).exists()
    monkeypatch.setattr(write_mod, "_plain_write", original)
    again = build(config)  # not skipped as up to date: the failed files are written now
    assert not again.errors and (config.docs_dir / "articles" / "bad.md").exists()


def test_disk_full_names_the_file_and_removes_staging(make_project, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    original = write_mod._plain_write

    def full(path: Path | str, data: bytes) -> None:
        if str(path).endswith("/two.md"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        original(path, data)

    monkeypatch.setattr(write_mod, "_plain_write", full)
    config = make_project(SEEDS)
    with pytest.raises(ArchiveError, match=r"cannot write .*articles/two\.md: No space left on device"):
        build(config)
    assert not (config.docs_dir / write_mod.STAGING).exists()
    assert not (config.docs_dir / "articles").exists()  # nothing half-written


def test_a_second_build_waits_for_the_lock(make_project) -> None:  # type: ignore[no-untyped-def]
    config = make_project(SEEDS)
    config.docs_dir.mkdir(parents=True, exist_ok=True)
    with write_mod.locked(config.docs_dir), pytest.raises(ArchiveError, match="another build is writing"):  # noqa: SIM117
        with write_mod.locked(config.docs_dir, wait=0.2):
            pass
    with write_mod.locked(config.docs_dir, wait=0.2):  # released
        pass
