"""The only module that touches the output folder.

Writes are transactional: changed files are staged beside the output, a journal lists the moves,
then the moves are applied with ``os.replace``. A crash before the journal is complete leaves the
previous output untouched; a crash after it is rolled forward by the next build. Unchanged files are
not rewritten (so ``mkdocs serve`` sees only real changes), and files the archive did not generate
are never deleted. Every path is checked to stay inside the output folder.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import shutil
import stat
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive_builder.errors import ArchiveError
from archive_builder.render.context import Output

MANIFEST = ".archive-manifest.json"
STAGING = ".archive-staging"
JOURNAL = "journal.json"


NAME_MAX = 255  # bytes in one file name (ext4, APFS, NTFS in UTF-16 units)
LOCK = ".archive-builder.lock"  # beside the output folder's files: one build writes at a time
LOCK_WAIT = 600.0  # seconds a build waits for another one writing the same folder
# A failure of these affects one file (its name), not the folder: the file is left out, the rest written.
_ONE_FILE = frozenset({errno.ENAMETOOLONG, errno.EILSEQ, errno.EINVAL})


@dataclass(frozen=True, slots=True)
class WriteReport:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]
    failed: tuple[tuple[str, str], ...] = ()  # (path, reason) of files that could not be written


def _refusal(rel: str) -> str | None:
    """Why the writer would refuse ``rel`` (None: it is fine)."""
    if not _is_plain(rel):
        return "not a plain path inside the output folder"
    try:
        parts = [part.encode("utf-8") for part in rel.split("/")]
    except UnicodeEncodeError:
        return "the path is not valid Unicode"
    if any(len(part) > NAME_MAX for part in parts):
        return f"a file name longer than {NAME_MAX} bytes"
    return None


def plan(outputs: tuple[Output, ...] | list[Output]) -> tuple[tuple[Output, ...], tuple[tuple[str, str], ...]]:
    """The outputs the writer accepts and ``(path, reason)`` for each it refuses: paths that are not
    plain, not valid Unicode or too long, and any path (compared case-insensitively, NFC) already
    taken by an earlier output. Pure: ``check`` reports the same without writing."""
    kept: list[Output] = []
    refused: list[tuple[str, str]] = []
    taken: dict[str, str] = {}
    for output in outputs:
        reason = _refusal(output.path)
        key = unicodedata.normalize("NFC", output.path).casefold() if reason is None else ""
        if reason is None and key in taken:
            reason = f"another output has the same path ({taken[key]})"
        if reason is not None:
            refused.append((output.path, reason))
            continue
        taken[key] = output.path
        kept.append(output)
    return tuple(kept), tuple(refused)


@contextmanager
def locked(root: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the output folder's lock: a second build writing the same folder waits for the first."""
    path = root / LOCK
    handle = open(path, "a+b")  # noqa: SIM115 - closed below
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise ArchiveError(f"another build is writing to {root} (lock {path} held for {wait:.0f} s)",
                                       hint="wait for it to finish, or remove the lock file if no build runs") from None
                time.sleep(0.05)
        yield
    finally:
        handle.close()


def _is_plain(rel: str) -> bool:
    """A relative path of plain names: no ``..``, ``.`` or empty parts, no hidden parts, no backslash or NUL."""
    return bool(rel) and "\\" not in rel and "\x00" not in rel and not any(
        part in ("", ".", "..") or part.startswith(".") for part in rel.split("/")
    )


def _inspect(root: Path, rel: str, checked: dict[Path, bool] | None) -> tuple[Path, os.stat_result | None]:
    """``safe_target`` and the target's ``lstat`` (None when it does not exist): one system call per file
    once its folder is known to be inside ``root``."""
    if not _is_plain(rel):
        raise ArchiveError(f"refusing to write '{rel}': not a plain path inside the output folder")
    target = root.joinpath(*rel.split("/"))
    if checked is None or not checked.get(target.parent):
        real_root = root.resolve()
        parent = target.parent.resolve()
        if parent != real_root and real_root not in parent.parents:
            raise ArchiveError(f"refusing to write '{rel}': it leads outside the output folder {root}")
        if checked is not None:
            checked[target.parent] = True
    try:
        state: os.stat_result | None = os.lstat(target)
    except (FileNotFoundError, NotADirectoryError):
        state = None
    if state is not None and stat.S_ISLNK(state.st_mode):
        raise ArchiveError(f"refusing to write '{rel}': it is a symbolic link")
    return target, state


def safe_target(root: Path, rel: str, checked: dict[Path, bool] | None = None) -> Path:
    """``root / rel``, refusing absolute paths, ``..``, hidden parts and links out of ``root``.

    ``checked`` remembers folders already found inside ``root`` (one resolve per folder, not per file)."""
    return _inspect(root, rel, checked)[0]


def _is_file(state: os.stat_result | None) -> bool:
    return state is not None and stat.S_ISREG(state.st_mode)


def _content(output: Output) -> bytes:
    if output.data is not None:
        return output.data
    if output.copy_from is None:
        raise ArchiveError(f"nothing to write for '{output.path}'")
    return Path(output.copy_from).read_bytes()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _plain_write(path: Path | str, data: bytes) -> None:
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)


def _fsync_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _load_manifest(root: Path) -> dict[str, str]:
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        files = data.get("files", {})
        if not isinstance(files, dict):
            return {}
        # a manifest edited by hand must not make the build delete anything outside its own files
        return {str(k): str(v) for k, v in files.items() if _is_plain(str(k))}
    except (OSError, ValueError):
        return {}


def generated_entries(root: Path) -> set[str]:
    """The top-level names under ``root`` that the build owns (its files' first path parts, the
    manifest and the staging folder): everything else there is hand-written."""
    return {rel.split("/", 1)[0] for rel in _load_manifest(root)} | {MANIFEST, STAGING, LOCK}


def recover(root: Path) -> None:
    """Finish a write that a crash interrupted after its journal was complete; drop any other leftovers."""
    staging = root / STAGING
    journal = staging / JOURNAL
    if journal.exists():
        try:
            plan = json.loads(journal.read_text(encoding="utf-8"))
        except ValueError:
            plan = None
        if plan is not None:
            _apply(root, plan)
    if staging.exists():
        shutil.rmtree(staging)


def _apply(root: Path, plan: dict[str, Any]) -> None:
    staging = root / STAGING
    checked: dict[Path, bool] = {}
    made: set[Path] = set()  # folders known to exist (one mkdir per folder, not per file)
    files = os.path.join(staging, "files")
    for rel in plan["moves"]:
        staged = os.path.join(files, rel)
        if os.path.exists(staged):
            target = safe_target(root, rel, checked)
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            os.replace(staged, target)
    for rel in plan["removals"]:
        target = safe_target(root, rel)
        if target.exists():
            target.unlink()
        _prune_empty(root, target.parent)
    manifest = {"files": plan["manifest"]}
    tmp = staging / MANIFEST
    _fsync_write(tmp, (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode())
    os.replace(tmp, root / MANIFEST)


def _prune_empty(root: Path, folder: Path) -> None:
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def write_outputs(root: Path, outputs: list[Output]) -> WriteReport:
    """Make the generated part of ``root`` exactly ``outputs``, touching only what changed.

    One build at a time writes ``root`` (``locked``). A file that cannot be written because of its
    name is left out and reported in ``failed``; any other failure (disk full, permissions) removes
    the staging folder and raises an ``ArchiveError`` naming the file."""
    root.mkdir(parents=True, exist_ok=True)
    with locked(root):
        return _write(root, outputs)


def _write(root: Path, outputs: list[Output]) -> WriteReport:
    recover(root)
    old = _load_manifest(root)
    new: dict[str, str] = {}
    changed: list[tuple[str, bytes]] = []
    unreadable: list[tuple[str, str]] = []
    checked: dict[Path, bool] = {}
    for output in outputs:
        _target, state = _inspect(root, output.path, checked)
        if output.path in new:
            raise ArchiveError(f"two outputs want the same path '{output.path}'")
        known = old.get(output.path)
        # a copy whose digest is known and matches the manifest is not read again
        if output.sha256 is not None and known == output.sha256 and _is_file(state):
            new[output.path] = output.sha256
            continue
        try:
            data = _content(output)
        except OSError as exc:  # a seed removed or made unreadable since it was read: that file only
            unreadable.append((output.path, f"cannot read {exc.filename or output.copy_from}: {exc.strerror or exc}"))
            continue
        digest = _digest(data)
        new[output.path] = digest
        if known == digest and _is_file(state) and state is not None and state.st_size == len(data):
            continue
        changed.append((output.path, data))
    removals = sorted(p for p in old if p not in new)
    if not changed and not removals and old == new:
        return WriteReport((), len(outputs) - len(unreadable), (), tuple(unreadable))
    staging = root / STAGING
    try:
        changed, staged_failed = _stage(staging, changed)
        failed = tuple(unreadable) + staged_failed
        for rel, _reason in failed:  # a file that could not be written: its old version is not kept either
            new.pop(rel, None)
        removals = sorted(p for p in old if p not in new)
        # One sync for every staged file (an fsync per file costs ~0.6 ms each: 12 s for 20,000 files),
        # so the journal below never names a file that a power failure could lose.
        os.sync()
        journal: dict[str, Any] = {"moves": [rel for rel, _ in changed], "removals": removals, "manifest": new}
        journal_tmp = staging / (JOURNAL + ".tmp")
        _fsync_write(journal_tmp, json.dumps(journal).encode())
    except (OSError, _Failed) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        where, error = (root / exc.rel, exc.error) if isinstance(exc, _Failed) else (exc.filename or staging, exc)
        reason = error.strerror or (error.args[0] if error.args else type(error).__name__)
        raise ArchiveError(f"cannot write {where}: {reason}; nothing in {root} was changed",
                           hint="free some space or fix the permissions, then build again") from exc
    os.replace(journal_tmp, staging / JOURNAL)
    _apply(root, journal)
    shutil.rmtree(staging)
    return WriteReport(tuple(rel for rel, _ in changed), len(outputs) - len(changed) - len(failed), tuple(removals),
                       failed)


class _Failed(Exception):
    """Staging ``rel`` failed for a reason that is not its name's (disk full, permissions)."""

    def __init__(self, rel: str, error: OSError) -> None:
        super().__init__(rel)
        self.rel = rel
        self.error = error


def _stage(staging: Path, changed: list[tuple[str, bytes]]) -> tuple[list[tuple[str, bytes]], tuple[tuple[str, str], ...]]:
    """Write the changed files into the staging folder; those whose name the file system refuses are
    returned as failed (path, reason), any other error is raised with the file's path."""
    files = os.path.join(staging, "files")
    staged: list[tuple[str, bytes]] = []
    failed: list[tuple[str, str]] = []
    for rel, data in changed:
        path = os.path.join(files, rel)
        try:
            _plain_write(path, data)
        except OSError as exc:
            if exc.errno not in _ONE_FILE:
                raise _Failed(rel, exc) from exc
            failed.append((rel, exc.strerror or str(exc)))
            continue
        staged.append((rel, data))
    return staged, tuple(failed)
