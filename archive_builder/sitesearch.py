"""Site search that scales: Material's built-in search for small archives, Pagefind for large ones.

Material's search downloads one index of every page and searches it in the browser: measured at
2.3 s to first results for 1,000 articles and 10.9 s (a 28 MB index) for 5,000. Pagefind splits its
index into small chunks fetched on demand, so a search transfers a few hundred kB whatever the size.
``search: auto`` picks Pagefind from ``PAGEFIND_THRESHOLD`` articles up; ``material`` or
``pagefind`` force one. The indexer runs over the built HTML after MkDocs has written it.
"""

from __future__ import annotations

import base64
import contextlib
import importlib.util
import io
import json
import shutil
import subprocess
import sys
import threading
import zlib
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


def pagefind_command(site_dir: Path, output: Path | None = None) -> list[str]:
    """Pagefind's command line over a built site, as one bundle (``output``: where to write it, by
    default ``site_dir/pagefind``). The plugin feeds Pagefind during the build instead (``PagefindFeed``)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--glob", INDEXED_GLOB,
               "--root-selector", ROOT_SELECTOR]
    if output is not None:
        command += ["--output-path", str(output)]
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


# Shards: the index is split into one Pagefind bundle per this many articles (``pagefind/``,
# ``pagefind-1/``...), each page in the bundle its address hashes to, and the search box searches
# them all (Pagefind's ``mergeIndex``: one WebAssembly module, the results merged by score). Ranking
# cost grows faster than the pages holding a word: at 3,000 articles a word on 4,616 pages took
# 453 ms to rank in one bundle and 91 + 153 ms in two (Chromium, the same machine).
ARTICLES_PER_SHARD = 2000


def shard_count(articles: int) -> int:
    return max(1, -(-articles // ARTICLES_PER_SHARD))


def shard_of(url: str, shards: int) -> int:
    return zlib.crc32(url.encode("utf-8")) % shards


def bundle_dir(shard: int) -> str:
    return "pagefind" if shard == 0 else f"pagefind-{shard}"


def indexed(dest_uri: str) -> bool:
    """Whether Pagefind reads a built page (the same pages as ``INDEXED_GLOB``)."""
    return dest_uri.endswith(".html") and dest_uri.split("/", 1)[0] in INDEXED_FOLDERS and "/" in dest_uri


class PagefindFeed:
    """Pagefind's indexer fed each page as MkDocs finishes it, so indexing runs on the second core
    while MkDocs (one process, one core) renders the rest, instead of after the build.

    Talks to the Pagefind binary's ``--service`` mode (the protocol of the ``pagefind`` package's
    Python API: base64-encoded JSON messages, each followed by a comma). Not that API itself: its
    reader takes one reply per tenth of a second, 25 minutes for 15,000 pages. Pages are added in
    the order MkDocs builds them (fixed by the site's files), and the indexer sorts what it writes,
    so the index is the same bytes as the command line's (``pagefind_command``; tested)."""

    def __init__(self, site_dir: Path, shards: int = 1) -> None:
        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:
            raise ArchiveError("search 'pagefind' needs the pagefind binary",
                               hint="pip install 'pagefind[bin]', or set the plugin option search: material")
        self.site_dir = site_dir
        self._replies: dict[int, dict[str, Any]] = {}
        self._done = threading.Condition()
        self._next_id = 0
        self._errors: list[str] = []
        try:
            self._process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError as exc:
            raise ArchiveError(f"Pagefind could not start: {exc}") from exc
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        config = {"root_selector": ROOT_SELECTOR, "exclude_selectors": list(EXCLUDE_SELECTORS)}
        self._indexes = [int(self._wait(self._send({"type": "NewIndex", "config": config}))["index_id"])
                         for _ in range(shards)]

    def _send(self, payload: dict[str, Any]) -> int:
        self._next_id += 1
        message = json.dumps({"message_id": self._next_id, "payload": payload}).encode("utf-8")
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(base64.b64encode(message) + b",")
        except (BrokenPipeError, OSError) as exc:
            raise ArchiveError(f"Pagefind stopped while indexing {self.site_dir}: {exc}") from exc
        return self._next_id

    def _read(self) -> None:
        assert self._process.stdout is not None
        pending: list[bytes] = []  # the reply being read (one can be tens of MB: the files)
        stdout = self._process.stdout
        assert isinstance(stdout, io.BufferedReader)
        while chunk := stdout.read1(1 << 16):
            *ends, rest = chunk.split(b",")
            whole = []
            for end in ends:
                whole.append(b"".join([*pending, end]))
                pending = []
            pending.append(rest)
            for raw in whole:
                reply = json.loads(base64.b64decode(raw))
                payload = reply.get("payload") or {}
                with self._done:
                    if payload.get("type") == "Error":
                        self._errors.append(str(payload.get("message", "unknown error")))
                    self._replies[int(reply.get("message_id") or 0)] = payload
                    self._done.notify_all()
        with self._done:
            self._done.notify_all()

    def _wait(self, message_id: int) -> dict[str, Any]:
        assert self._process.stdin is not None
        self._process.stdin.flush()
        with self._done:
            while message_id not in self._replies and self._reader.is_alive():
                self._done.wait(1)
            reply = self._replies.get(message_id)
        if reply is None or reply.get("type") == "Error":
            raise ArchiveError(f"Pagefind failed indexing {self.site_dir}: {'; '.join(self._errors)[-500:] or 'it stopped'}")
        return reply

    def _wait_all(self) -> None:
        """Wait for a reply to every message sent (pages are indexed as they arrive, in any order)."""
        assert self._process.stdin is not None
        self._process.stdin.flush()
        with self._done:
            while len(self._replies) < self._next_id and self._reader.is_alive():
                self._done.wait(1)

    def add(self, url: str, html: str) -> None:
        """Index one built page, published at ``url`` (from the site's root, starting with ``/``)."""
        index = self._indexes[shard_of(url, len(self._indexes))]
        self._send({"type": "AddFile", "index_id": index, "url": url, "file_contents": html})

    def finish(self) -> None:
        """Write the index to ``site_dir/pagefind`` (and ``pagefind-1``... for more shards), replacing
        what was there, and stop the indexer."""
        try:
            self._wait_all()
            if self._errors:
                raise ArchiveError(f"Pagefind failed indexing {self.site_dir}: {'; '.join(self._errors)[-500:]}")
            # The files come back in the reply and are written here: the service's own WriteFiles
            # replies before its writes have reached the disk (files found empty after it).
            bundles = [self._wait(self._send({"type": "GetFiles", "index_id": index}))["files"]
                       for index in self._indexes]
        finally:
            self.close()
        for old in [self.site_dir / "pagefind", *self.site_dir.glob("pagefind-*")]:
            shutil.rmtree(old, ignore_errors=True)
        for shard, files in enumerate(bundles):
            bundle = (self.site_dir / bundle_dir(shard)).resolve()
            for entry in files:
                target = bundle / str(entry["path"])
                if bundle not in target.resolve().parents:
                    raise ArchiveError(f"Pagefind returned a file outside its folder: {entry['path']!r}")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(base64.b64decode(entry["content"]))

    def close(self) -> None:
        if self._process.stdin is not None and not self._process.stdin.closed:
            with contextlib.suppress(OSError):
                self._process.stdin.close()
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
