"""The writer: only changed files are written, stale ones removed, nothing outside the output folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archive_builder.errors import ArchiveError
from archive_builder.render.context import Output
from archive_builder.write import MANIFEST, STAGING, recover, write_outputs


def test_writes_then_skips_unchanged(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    first = write_outputs(out, [Output("a/x.md", b"one"), Output("index.md", b"home")])
    assert sorted(first.written) == ["a/x.md", "index.md"]
    mtime = (out / "a/x.md").stat().st_mtime_ns
    second = write_outputs(out, [Output("a/x.md", b"one"), Output("index.md", b"home2")])
    assert second.written == ("index.md",) and second.unchanged == 1
    assert (out / "a/x.md").stat().st_mtime_ns == mtime
    assert (out / "index.md").read_bytes() == b"home2"


def test_removes_stale_generated_files_but_never_hand_written_ones(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    (out / "guide").mkdir(parents=True)
    (out / "guide" / "hand.md").write_text("mine")
    write_outputs(out, [Output("a/x.md", b"1"), Output("a/y.md", b"2")])
    report = write_outputs(out, [Output("a/x.md", b"1")])
    assert report.removed == ("a/y.md",)
    assert not (out / "a/y.md").exists()
    assert (out / "guide" / "hand.md").read_text() == "mine"


def test_copies_files(tmp_path: Path) -> None:
    src = tmp_path / "seed.txt"
    src.write_bytes(b"\x00raw bytes\xff")
    write_outputs(tmp_path / "docs", [Output("originals/seed.txt", copy_from=str(src))])
    assert (tmp_path / "docs/originals/seed.txt").read_bytes() == b"\x00raw bytes\xff"


@pytest.mark.parametrize("bad", ["../escape.md", "/abs.md", "a/../../x.md", ".hidden/x.md", "a\\b.md", ""])
def test_refuses_paths_outside(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ArchiveError, match="refusing to write"):
        write_outputs(tmp_path / "docs", [Output(bad, b"x")])
    assert not (tmp_path / "escape.md").exists()


def test_refuses_symlinked_folder_leading_out(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, out / "articles")
    with pytest.raises(ArchiveError, match="outside the output folder"):
        write_outputs(out, [Output("articles/x.md", b"x")])
    assert list(outside.iterdir()) == []


def test_crash_before_journal_keeps_previous_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "docs"
    write_outputs(out, [Output("a.md", b"old a"), Output("b.md", b"old b")])

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("archive_builder.write.os.replace", broken_replace)
    with pytest.raises(OSError):
        write_outputs(out, [Output("a.md", b"new a"), Output("b.md", b"new b")])
    monkeypatch.undo()
    assert (out / "a.md").read_bytes() == b"old a" and (out / "b.md").read_bytes() == b"old b"
    recover(out)
    assert not (out / STAGING).exists()
    assert (out / "a.md").read_bytes() == b"old a"


def test_crash_after_journal_is_rolled_forward(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "docs"
    write_outputs(out, [Output("a.md", b"old a"), Output("b.md", b"old b")])
    real_replace = os.replace
    calls = {"n": 0}

    def flaky_replace(src: str, dst: str) -> None:
        calls["n"] += 1
        if calls["n"] == 3:  # journal in place, first move done, crash on the second
            raise OSError("power cut")
        real_replace(src, dst)

    monkeypatch.setattr("archive_builder.write.os.replace", flaky_replace)
    with pytest.raises(OSError):
        write_outputs(out, [Output("a.md", b"new a"), Output("b.md", b"new b")])
    monkeypatch.undo()
    recover(out)
    assert (out / "a.md").read_bytes() == b"new a" and (out / "b.md").read_bytes() == b"new b"
    assert (out / MANIFEST).exists() and not (out / STAGING).exists()


def test_duplicate_output_paths_are_an_error(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="same path"):
        write_outputs(tmp_path / "docs", [Output("a.md", b"1"), Output("a.md", b"2")])
