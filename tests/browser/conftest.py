"""Headless Chromium (Debian's package, driven by Playwright) against one built site per session.

The site holds the repository's seeds, every fixture seed folder, the injection seeds and a few
hostile ones; it is built once with ``mkdocs build --strict`` and served on 127.0.0.1.

When the browser or axe-core is missing the tests skip, unless ``ARCHIVE_BUILDER_REQUIRE_BROWSER=1``
(set by ``.ci/run`` and CI), where they fail.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.hardening import hostile, injection
from tests.support.project import ROOT, Project, copy_seeds, make_project, mkdocs_build

CHROMIUM = Path(os.environ.get("ARCHIVE_BUILDER_CHROMIUM", "/usr/bin/chromium"))
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def required() -> bool:
    return os.environ.get("ARCHIVE_BUILDER_REQUIRE_BROWSER") == "1"


def unavailable(reason: str) -> None:
    """Fail when the browser is required (CI), skip otherwise."""
    if required():
        pytest.fail(f"{reason} (ARCHIVE_BUILDER_REQUIRE_BROWSER=1: run .ci/run to install it)")
    pytest.skip(reason)


def site_seeds() -> tuple[dict[str, bytes], dict[str, str | bytes]]:
    seeds = copy_seeds(ROOT / "seeds")
    for folder in sorted((ROOT / "tests" / "fixtures").glob("**/seeds")):
        for name, data in copy_seeds(folder).items():
            if name.endswith((".txt", ".text", ".html", ".htm", ".md", ".markdown")):
                seeds.setdefault(name, data)
    for case in hostile.cases():
        if case.name in ("thousand-character lines", "Arabic, right to left", "URL-hostile file name"):
            seeds |= {path.removeprefix("seeds/"): data for path, data in case.files.items()}
    files: dict[str, str | bytes] = dict(injection.files())
    files["seeds/curation.yml"] = merged_curation()
    return seeds, files


def merged_curation() -> str:
    """The repository's curation file (if any) plus the injection entries, where both are lists."""
    path = ROOT / "seeds" / "curation.yml"
    ours = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    hostile_entries = yaml.safe_load(injection.CURATION)
    if not isinstance(ours, dict):
        return injection.CURATION
    for section, entries in hostile_entries.items():
        if section not in ours or ours[section] is None:
            ours[section] = entries
        elif isinstance(ours[section], list):
            ours[section] = ours[section] + entries
    return yaml.safe_dump(ours, sort_keys=False, allow_unicode=True)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    seeds, files = site_seeds()
    project = make_project(tmp_path_factory.mktemp("browser-site"), seeds, files)  # type: ignore[arg-type]
    mkdocs_build(project, strict=True)
    return project


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def base_url(built_site: Project) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_site.site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watch:
    """What a page did that it should not: console errors, uncaught exceptions, dialogs."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    watch = Watch()
    page.on("console", lambda msg: watch.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: watch.page_errors.append(str(exc)))

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.watch = watch  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        unavailable(f"axe-core is not installed at {AXE} (cd tests/browser && npm ci)")
    return AXE.read_text(encoding="utf-8")
