"""Per-seed cache of ingest results in ``.archive-builder/cache/`` (never published, gitignored).

An entry is keyed by everything its result depends on: the seed's bytes, its path, the curator's
overrides for it, and the version of the code that reads seeds (a digest of the ingest sources), so
a stale entry can never be used: changing any of them changes the key. Entries are pickled
``Ingested`` values in one SQLite file (one file per seed was measured 5x slower to create on ext4);
a damaged entry is a miss and a damaged file is replaced, never an error. Entries the build did not
use are pruned at the end of it.

Every stored value carries a SHA-256 digest of its bytes (``_seal``), checked on every read: an
entry edited or corrupted on disk (even by a same-length edit that still unpickles) is never used;
it is counted in ``damaged`` (the build reports a warning) and computed again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
import pickle
import sqlite3
import sys
from pathlib import Path
from typing import Any

from archive_builder import __version__
from archive_builder.ingest import Ingested
from archive_builder.ingest.overrides import Overrides
from archive_builder.model import Diagnostic

log = logging.getLogger("archive_builder")

CACHE_DIR = ".archive-builder/cache"
CACHE_FILE = "ingest.sqlite"
# Modules whose code decides what a seed becomes: a change to any of them invalidates the cache.
_CODE = ("model.py", "textutil.py", "errors.py", "ingest")
# ... and what an article page becomes (its inputs, from every stage, are part of each page's key).
RENDER_CODE = ("model.py", "textutil.py", "render")


class _Pickler(pickle.Pickler):
    """Dataclass instances are pickled as their class and field values, so loading one is a plain
    constructor call: 2x faster than the generic ``__setstate__`` of slotted dataclasses, which
    matters when a build loads the cached results of ten thousand articles."""

    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._fields: dict[type, tuple[str, ...] | None] = {}

    def reducer_override(self, obj: object) -> Any:
        cls = type(obj)
        names = self._fields.get(cls, ())
        if names == ():
            names = self._fields[cls] = _init_fields(cls)
        if names is None:
            return NotImplemented
        return cls, tuple(getattr(obj, name) for name in names)


def _init_fields(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass whose constructor takes every field and does nothing else
    (else None)."""
    if not dataclasses.is_dataclass(cls) or hasattr(cls, "__post_init__"):
        return None
    fields = dataclasses.fields(cls)
    return tuple(f.name for f in fields) if all(f.init for f in fields) else None


def dumps(value: object) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer).dump(value)
    return buffer.getvalue()


_SOURCE_SUFFIXES = frozenset({".py", ".yml", ".yaml", ".json", ".js", ".css"})


def code_version(package: Path | None = None, parts: tuple[str, ...] = _CODE) -> str:
    """A digest of the package version, the Python version and the sources of the given modules
    (with their data files: the lexicon and gazetteer decide what extraction finds)."""
    from archive_builder.ingest.extractors import library_versions  # their releases change what a page gives

    root = package or Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{__version__} {sys.version} {library_versions()}".encode())
    for name in parts:
        path = root / name
        files = sorted(f for f in path.rglob("*") if f.suffix in _SOURCE_SUFFIXES) if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(root).as_posix().encode())
            try:
                digest.update(file.read_bytes())
            except OSError:
                digest.update(b"?")
    return digest.hexdigest()


_DIGEST = 32  # bytes of SHA-256 in front of every stored value


def _seal(blob: bytes) -> bytes:
    return hashlib.sha256(blob).digest() + blob


def _unseal(sealed: bytes) -> bytes | None:
    """The value's bytes, or None when they do not match their digest."""
    blob = sealed[_DIGEST:]
    return blob if len(sealed) >= _DIGEST and hashlib.sha256(blob).digest() == sealed[:_DIGEST] else None


class SeedCache:
    """One SQLite file of pickled results: one transaction per build, however many seeds changed."""

    def __init__(self, path: Path, version: str) -> None:
        self.path = path
        self.version = version
        self._db: sqlite3.Connection | None = None
        self.damaged: list[str] = []  # keys of entries whose bytes did not match their digest

    def _checked(self, key: str, sealed: bytes) -> bytes | None:
        blob = _unseal(bytes(sealed))
        if blob is None:
            log.warning("archive-builder: cache entry %s in %s is damaged (digest mismatch); computing it again",
                        key[:12], self.path)
            self.damaged.append(key)
        return blob

    @classmethod
    def at(cls, root: Path) -> SeedCache:
        return cls(root / CACHE_DIR / CACHE_FILE, code_version())

    def __enter__(self) -> SeedCache:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._connect()
        except (OSError, sqlite3.Error) as exc:
            self._drop(exc)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10)
        db.execute("PRAGMA synchronous = OFF")  # a cache: losing it on power failure only costs time
        for table in ("entries", "pages", "facts"):  # values without a digest (older versions): dropped
            db.execute(f"DROP TABLE IF EXISTS {table}")
        db.execute("CREATE TABLE IF NOT EXISTS sealed_entries (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS sealed_pages (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS sealed_facts (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        return db

    def _drop(self, exc: BaseException) -> None:
        """A damaged cache file is removed and started afresh; this build goes on without it if need be."""
        log.info("archive-builder: seed cache %s unusable (%s); starting a new one", self.path, exc)
        if self._db is not None:
            self._db.close()
        self._db = None
        try:
            self.path.unlink(missing_ok=True)
            self._db = self._connect()
        except (OSError, sqlite3.Error):
            self._db = None

    def key(self, rel: str, data: bytes, overrides: Overrides | None) -> str:
        digest = hashlib.sha256()
        for part in (self.version, rel, repr(overrides.values) if overrides else "-"):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\x00")
        digest.update(hashlib.sha256(data).digest())
        return digest.hexdigest()

    def load(self, keys: set[str]) -> dict[str, Ingested]:
        """The cached results among ``keys``; unreadable entries are simply missing."""
        if self._db is None or not keys:
            return {}
        found: dict[str, Ingested] = {}
        try:
            rows = self._db.execute("SELECT key, value FROM sealed_entries").fetchall()
        except sqlite3.Error as exc:
            self._drop(exc)
            return {}
        for key, blob in rows:
            if key not in keys:
                continue
            blob = self._checked(key, blob)
            if blob is None:
                continue
            try:
                value = pickle.loads(blob)  # noqa: S301 - our own cache file, written by store()
            except Exception as exc:  # noqa: BLE001 - a damaged entry means: parse that seed again
                log.debug("archive-builder: unreadable cache entry %s: %s", key, exc)
                continue
            if isinstance(value, Ingested):
                found[key] = value
        return found

    def store(self, entries: dict[str, Ingested], keep: set[str]) -> None:
        """Add ``entries`` and drop every entry whose key is not in ``keep``, in one transaction."""
        if self._db is None:
            return
        rows = [(k, _seal(dumps(v))) for k, v in sorted(entries.items())]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO sealed_entries (key, value) VALUES (?, ?)", rows)
                stale = [(k,) for (k,) in self._db.execute("SELECT key FROM sealed_entries") if k not in keep]
                self._db.executemany("DELETE FROM sealed_entries WHERE key = ?", stale)
        except sqlite3.Error as exc:  # a full or read-only disk costs speed, never the build
            log.info("archive-builder: cannot update seed cache %s: %s", self.path, exc)

    def load_facts(self, keys: list[str]) -> dict[str, object]:
        """Per-article results (``perarticle.Task``) among ``keys``; unreadable entries are missing."""
        found: dict[str, object] = {}
        for key, sealed in self._facts_among(keys, "key, value"):
            blob = self._checked(key, sealed)
            if blob is None:
                continue
            try:
                found[key] = pickle.loads(blob)  # noqa: S301 - our own cache file
            except Exception as exc:  # noqa: BLE001 - a damaged entry means: compute it again
                log.debug("archive-builder: unreadable cache entry %s: %s", key, exc)
        return found

    def known_facts(self, keys: list[str]) -> set[str]:
        """Which of ``keys`` have a per-article result (without reading the results)."""
        return {row[0] for row in self._facts_among(keys, "key")}

    def _facts_among(self, keys: list[str], columns: str) -> list[tuple[Any, ...]]:
        """Rows of ``facts`` whose key is among ``keys`` (queried 500 keys at a time); none when the
        cache is off or its file is damaged (then replaced)."""
        if self._db is None or not keys:
            return []
        rows: list[tuple[Any, ...]] = []
        try:
            for start in range(0, len(keys), 500):
                part = keys[start : start + 500]
                marks = ",".join("?" * len(part))
                rows += self._db.execute(f"SELECT {columns} FROM sealed_facts WHERE key IN ({marks})", part)  # noqa: S608 - our own columns, placeholders
        except sqlite3.Error as exc:
            self._drop(exc)
            return []
        return rows

    def store_facts(self, entries: dict[str, object], keep: set[str] | None) -> None:
        """Add ``entries``; with ``keep``, drop every per-article result whose key is not in it."""
        self.store_blobs({k: dumps(v) for k, v in entries.items()}, keep)

    def store_blobs(self, entries: dict[str, bytes], keep: set[str] | None = None) -> None:
        """``store_facts`` of values pickled already (by ``dumps``)."""
        if self._db is None:
            return
        rows = sorted((k, _seal(v)) for k, v in entries.items())
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO sealed_facts (key, value) VALUES (?, ?)", rows)
                if keep is not None:
                    stale = [(k,) for (k,) in self._db.execute("SELECT key FROM sealed_facts") if k not in keep]
                    self._db.executemany("DELETE FROM sealed_facts WHERE key = ?", stale)
        except sqlite3.Error as exc:
            log.info("archive-builder: cannot update the per-article cache %s: %s", self.path, exc)

    def load_pages(self) -> dict[str, bytes]:
        """Rendered article pages of the previous build, by page key (see ``render.page_key``)."""
        if self._db is None:
            return {}
        try:
            rows = self._db.execute("SELECT key, value FROM sealed_pages").fetchall()
        except sqlite3.Error as exc:
            self._drop(exc)
            return {}
        pages = {str(k): self._checked(str(k), v) for k, v in rows}
        return {k: v for k, v in pages.items() if v is not None}

    def store_pages(self, pages: dict[str, bytes], known: set[str]) -> None:
        """Keep exactly ``pages``: add the new ones, drop those this build did not use."""
        if self._db is None:
            return
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO sealed_pages (key, value) VALUES (?, ?)",
                                     sorted((k, _seal(v)) for k, v in pages.items() if k not in known))
                self._db.executemany("DELETE FROM sealed_pages WHERE key = ?", sorted((k,) for k in known - pages.keys()))
        except sqlite3.Error as exc:
            log.info("archive-builder: cannot update page cache %s: %s", self.path, exc)


def damage_diagnostic(cache: SeedCache, rel: str) -> list[Diagnostic]:
    """A warning when entries of ``cache`` (at ``rel``) were damaged and computed again."""
    if not cache.damaged:
        return []
    return [Diagnostic(rel, f"{len(cache.damaged)} cache entr{'y' if len(cache.damaged) == 1 else 'ies'} damaged "
                       "(digest mismatch); computed again, not used", "warning",
                       hint="the site is correct; if this repeats, check the disk (or delete the cache folder)")]
