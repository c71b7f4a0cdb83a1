"""Skip a build whose inputs are exactly those of the last one.

``mkdocs build`` right after ``archive-builder build`` (as CI runs them), or a ``mkdocs serve``
rebuild triggered by editing a guide page, would otherwise run every stage again to write nothing.
The stamp is a digest of everything a build reads: every file in the seeds folder (names and bytes:
seeds, overrides, curation), the settings, and the package's code and data. It is kept in the
cache folder with the build's diagnostics (so ``--strict`` judges a skipped build like the real
one) and the size and modification time of every file the build wrote and of the cache file; a
build is skipped only when the stamp matches and every one of those files is still there, unchanged
by those measures (a page edited by hand, even to the same length, or a cache file changed since
the build is never trusted: the build runs, and checks each cached entry's digest). With
``cache: false`` (or ``--no-cache``) nothing is skipped.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from archive_builder.cache import CACHE_DIR, CACHE_FILE, code_version
from archive_builder.config import Config
from archive_builder.model import Diagnostic

log = logging.getLogger("archive_builder")

STAMP_FILE = "last-build.json"
_PACKAGE = (".",)  # the whole package: any change to code, lexicon, schema or assets


@dataclass(frozen=True, slots=True)
class Saved:
    diagnostics: tuple[Diagnostic, ...]
    articles: int
    files: int


def stamp(config: Config) -> str:
    """A digest of every input of a build (reads every file in the seeds folder)."""
    digest = hashlib.sha256()
    digest.update(code_version(parts=_PACKAGE).encode())
    digest.update(repr(replace(config, jobs=0, strict=False)).encode("utf-8", "surrogatepass"))  # same output
    folder = config.seeds_dir
    entries = sorted(folder.iterdir(), key=lambda p: p.name) if folder.is_dir() else []
    for path in entries:
        digest.update(b"\x00" + path.name.encode("utf-8", "surrogatepass") + b"\x00")
        if path.is_symlink():
            digest.update(b"link:" + os.fsencode(os.readlink(path)))
        try:
            if path.is_file():
                with open(path, "rb") as handle:  # in blocks: a huge file costs no memory
                    digest.update(hashlib.file_digest(handle, "sha256").digest())
            else:
                digest.update(b"not a file")
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()


def _path(config: Config) -> Path:
    return config.root / CACHE_DIR / STAMP_FILE


def load(config: Config, mark: str) -> Saved | None:
    """The saved result of the last build when its stamp is ``mark`` and its files are intact."""
    try:
        data = json.loads(_path(config).read_text(encoding="utf-8"))
        if data.get("stamp") != mark or data.get("docs") != str(config.docs_dir):
            return None
        for rel, state in data["files"].items():
            if _state(config.docs_dir / rel) != state:
                return None
        if _state(config.root / CACHE_DIR / CACHE_FILE) != data["cache"]:
            return None
        diagnostics = tuple(Diagnostic(**d) for d in data["diagnostics"])
        return Saved(diagnostics, int(data["articles"]), len(data["files"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no stamp, a damaged one, or a written file gone: build


def save(config: Config, mark: str, diagnostics: tuple[Diagnostic, ...], articles: int, paths: list[str]) -> None:
    """Record this build (after it wrote its files); failing to is never an error."""
    try:
        files = {rel: _state(config.docs_dir / rel) for rel in sorted(paths)}
        data = {"stamp": mark, "docs": str(config.docs_dir), "articles": articles, "files": files,
                "diagnostics": [asdict(d) for d in diagnostics], "cache": _state(config.root / CACHE_DIR / CACHE_FILE)}
        target = _path(config)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        log.info("archive-builder: cannot record the build in %s: %s", _path(config), exc)


def _state(path: Path) -> list[int] | None:
    """Size and modification time of a file (None when it is missing)."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def forget(config: Config) -> None:
    """Drop the record (a build that failed to write must not be skipped next time)."""
    with contextlib.suppress(OSError):
        _path(config).unlink(missing_ok=True)
