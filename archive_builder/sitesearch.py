"""Site search that scales: Material's built-in search for small archives, Pagefind for large ones.

Material's search downloads one index of every page and searches it in the browser: measured at
2.3 s to first results for 1,000 articles and 10.9 s (a 28 MB index) for 5,000. Pagefind splits its
index into small chunks fetched on demand, so a search transfers a few hundred kB whatever the size.
``search: auto`` picks Pagefind from ``PAGEFIND_THRESHOLD`` articles up; ``material`` or
``pagefind`` force one. The indexer runs over the built HTML after MkDocs has written it.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from archive_builder.errors import ArchiveError

Engine = Literal["material", "pagefind"]
SETTINGS = ("auto", "material", "pagefind")
PAGEFIND_THRESHOLD = 250  # articles; Material measured ~0.7 s to first results at 100, 2.3 s at 1,000
ASSETS = Path(__file__).resolve().parent / "assets"
SEARCH_ASSETS = ("archive-search.js", "archive-search.css")  # published under assets/archive-builder/
PUBLISHED_DIR = "assets/archive-builder"
# What Pagefind indexes: the page's article (not nav, header or footer), minus permalink marks.
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE_SELECTORS = (".headerlink", ".md-source-file")
# Which built pages Pagefind reads: articles, people, organizations, places, events and the guide. Not
# the side-by-side comparisons (their text is two articles' text again), outlet pages, the timeline or
# the home page (lists of titles found again on the pages they list): they would only repeat results,
# and reading them cost the indexer about a tenth of its time at 1,000 articles.
INDEXED_FOLDERS = ("articles", "people", "organizations", "places", "events", "guide")
INDEXED_GLOB = "{" + ",".join(INDEXED_FOLDERS) + "}/**/*.html"


def choose(setting: str, articles: int) -> Engine:
    if setting not in SETTINGS:
        raise ArchiveError(f"unknown search setting '{setting}'", hint=f"use one of: {', '.join(SETTINGS)}")
    if setting == "auto":
        return "pagefind" if articles >= PAGEFIND_THRESHOLD else "material"
    return "pagefind" if setting == "pagefind" else "material"


def pagefind_available() -> bool:
    return importlib.util.find_spec("pagefind") is not None


def pagefind_command(site_dir: Path) -> list[str]:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", INDEXED_GLOB,
               "--root-selector", ROOT_SELECTOR]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    return [*command, "--quiet"]


def run_pagefind(site_dir: Path) -> None:
    """Index the built site into ``site_dir/pagefind/``; raises ArchiveError with the indexer's words."""
    if not pagefind_available():
        raise ArchiveError("search 'pagefind' needs the pagefind package",
                           hint="pip install 'pagefind[bin]', or set the plugin option search: material")
    try:
        done = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ArchiveError(f"Pagefind could not index {site_dir}: {exc}") from exc
    if done.returncode != 0:
        tail = " ".join((done.stderr or done.stdout).split())[-500:]
        raise ArchiveError(f"Pagefind failed indexing {site_dir} (exit {done.returncode}): {tail}")


def excluded(meta: Mapping[str, Any]) -> bool:
    """Front matter ``search: {exclude: true}``: the page is left out of the search index."""
    search = meta.get("search")
    return isinstance(search, dict) and search.get("exclude") is True


def mark_excluded(html: str) -> str:
    """Tell Pagefind to skip the page: ``data-pagefind-ignore="all"`` on the indexed element."""
    tag = '<article class="md-content__inner'
    return html.replace(tag, '<article data-pagefind-ignore="all" class="md-content__inner', 1)
