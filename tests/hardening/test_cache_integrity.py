"""Cache integrity: every cached value carries a digest checked on read. A same-length edit or a
few flipped bits (which may still unpickle) are a warning and a recomputation, never published; and
a build after such damage is never skipped as up to date."""

from __future__ import annotations

import sqlite3

import pytest

from archive_builder import pipeline
from archive_builder.cache import CACHE_DIR, CACHE_FILE
from archive_builder.config import Config

SEEDS = {
    "harbour.txt": "Harbour reopens\n\nBy Maria Okonkwo\n\nMarch 3, 2021\n\nThe harbour authority in Lagos reopened "
                   "the northern terminal on Tuesday, said Ade Bello, its director.\n",
    "council.txt": "Council approves budget\n\nThe council in Accra approved the budget on Monday, said Kofi Mensah.\n",
}


def _site(config: Config) -> dict[str, bytes]:
    docs = config.docs_dir
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*.md"))
            if p.relative_to(docs).parts[0] not in ("guide", "reference")}


def _damage(config: Config, table: str, how: str) -> int:
    """Damage every value of ``table`` in place; how many were damaged."""
    with sqlite3.connect(config.root / CACHE_DIR / CACHE_FILE) as db:
        rows = db.execute(f"SELECT key, value FROM {table}").fetchall()  # noqa: S608 - a test's own table names
        for key, value in rows:
            value = bytes(value)
            if how == "same-length edit":  # text that stays a valid pickle: only the digest tells
                edited = value.replace(b"harbour", b"HARBOR!").replace(b"council", b"COUNCIL")
                edited = edited if edited != value else value[:-8] + b"\x00" * 8
            else:  # a few flipped bits in the middle of the value
                middle = len(value) // 2
                edited = value[:middle] + bytes(b ^ 0x10 for b in value[middle : middle + 3]) + value[middle + 3 :]
            db.execute(f"UPDATE {table} SET value = ? WHERE key = ?", (edited, key))  # noqa: S608
    return len(rows)


@pytest.mark.parametrize("how", ["same-length edit", "flipped bits"])
@pytest.mark.parametrize("table", ["sealed_entries", "sealed_facts", "sealed_pages"])
def test_damaged_cache_is_recomputed_never_published(make_project, table: str, how: str) -> None:  # type: ignore[no-untyped-def]
    config = make_project(SEEDS)
    pipeline.build(config)
    clean = _site(config)
    assert _damage(config, table, how) > 0
    result = pipeline.build(config)  # not skipped as up to date: the cache changed since the last build
    assert result.skipped is None
    warned = [d for d in result.diagnostics if d.path == f"{CACHE_DIR}/{CACHE_FILE}" and d.severity == "warning"]
    assert warned and "damaged (digest mismatch); computed again" in warned[0].message
    assert _site(config) == clean
    assert b"HARBOR!" not in b"".join(clean.values())
    again = pipeline.build(config)  # the recomputed entries were stored again: clean, and skipped
    assert not [d for d in again.diagnostics if "cache" in d.path]
