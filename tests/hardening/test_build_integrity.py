"""Builds that cannot half-fail: atomic writes with crash recovery, deterministic output, and no
write outside the output folder."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
from pathlib import Path

import pytest

from archive_builder import cli, pipeline, write
from archive_builder.errors import ArchiveError
from tests.hardening import generator
from tests.support.project import Project, make_project

SEEDS = {name: data for name, data in generator.archive(7, 12).items()}


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden bookkeeping included), by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def generated(folder: Path) -> dict[str, bytes]:
    """Only the files the archive generated (what a reader of docs/ sees), without hand-written docs."""
    return {k: v for k, v in tree(folder).items()
            if not k.startswith(("guide/", "assets/", "reference/", write.STAGING + "/"))}


def _edit(project: Project, version: int) -> None:
    """Version ``version`` of the seeds: one seed changed, one added, one removed."""
    names = sorted(SEEDS)
    for name in names:
        (project.seeds / name).write_bytes(SEEDS[name])
    if version >= 2:
        (project.seeds / names[0]).write_bytes(SEEDS[names[0]] + b"\n\nA paragraph added in version 2.\n")
        (project.seeds / names[1]).unlink()
        (project.seeds / "zz_new.txt").write_bytes(b"Version two headline here\n\nA new seed arrived in version 2.\n")
    if version >= 3:
        (project.seeds / names[2]).write_bytes(SEEDS[names[2]] + b"\n\nA paragraph added in version 3.\n")


def _clean_build(tmp: Path, version: int, registry: Path | None = None) -> dict[str, bytes]:
    """A build of ``version`` from nothing; with ``registry`` (a ``seeds/ids.yml``), the same
    recorded addresses (a deleted seed's old address is part of the site once published)."""
    project = make_project(tmp, {})
    _edit(project, version)
    if registry is not None and registry.exists():
        shutil.copy(registry, project.seeds / "ids.yml")
    pipeline.build(project.config())
    return generated(project.docs)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    project = make_project(tmp_path / "p", {})
    _edit(project, 1)
    pipeline.build(project.config())
    return project


def _crash_after(monkeypatch: pytest.MonkeyPatch, moves: int) -> None:
    real = os.replace
    done = {"n": 0}

    def replace(src: object, dst: object) -> None:
        if done["n"] >= moves:
            raise OSError("simulated crash (power cut) during the write")
        done["n"] += 1
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(write.os, "replace", replace)


@pytest.mark.parametrize("moves", [0, 1, 3, 6])
def test_crash_mid_write_then_next_build_recovers(project: Project, tmp_path: Path, moves: int) -> None:
    v1 = generated(project.docs)
    _edit(project, 2)
    with pytest.MonkeyPatch.context() as mp:
        _crash_after(mp, moves)
        with pytest.raises(OSError, match="simulated crash"):
            pipeline.build(project.config())
    if moves == 0:  # the journal itself was not in place: nothing of the new build is visible
        assert generated(project.docs) == v1
    _edit(project, 3)  # the curator keeps working; the next build must finish the old one first
    pipeline.build(project.config())
    assert generated(project.docs) == _clean_build(tmp_path / "clean", 3, project.seeds / "ids.yml")
    assert not (project.docs / write.STAGING).exists()


@pytest.mark.parametrize("staged", [0, 2, 5])
def test_error_before_journal_leaves_previous_output(project: Project, monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path, staged: int) -> None:
    v1 = generated(project.docs)
    count = {"n": 0}

    def failing(real):  # type: ignore[no-untyped-def]
        def write_file(path: Path, data: bytes) -> None:  # staged files and the journal alike
            if count["n"] >= staged:
                raise OSError("disk full")
            count["n"] += 1
            real(path, data)
        return write_file

    _edit(project, 2)
    monkeypatch.setattr(write, "_fsync_write", failing(write._fsync_write))
    monkeypatch.setattr(write, "_plain_write", failing(write._plain_write))
    with pytest.raises(ArchiveError, match=r"cannot write \S+: disk full; nothing in \S+ was changed"):
        pipeline.build(project.config())
    assert generated(project.docs) == v1
    assert not (project.docs / write.STAGING).exists()  # the staging folder is removed
    monkeypatch.undo()
    pipeline.build(project.config())
    assert generated(project.docs) == _clean_build(tmp_path / "clean", 2, project.seeds / "ids.yml")


def test_unchanged_build_writes_nothing(project: Project) -> None:
    before = {p: p.stat().st_mtime_ns for p in project.docs.rglob("*") if p.is_file()}
    result = pipeline.build(project.config())
    assert result.report is not None and result.report.written == () and result.report.removed == ()
    assert {p: p.stat().st_mtime_ns for p in project.docs.rglob("*") if p.is_file()} == before


# --------------------------------------------------------------------------- determinism


def test_byte_identical_across_runs_and_input_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _clean_build(tmp_path / "a", 2)
    real_iterdir = Path.iterdir

    def shuffled(self: Path):  # noqa: ANN202
        items = list(real_iterdir(self))
        random.Random(len(items)).shuffle(items)  # noqa: S311 - a fixed shuffle
        items.reverse()
        return iter(items)

    monkeypatch.setattr(Path, "iterdir", shuffled)
    second = _clean_build(tmp_path / "b", 2)
    assert first == second
    assert any(k.startswith("articles/") for k in first)


def test_export_is_deterministic(project: Project) -> None:
    a, _ = pipeline.export(project.config())
    b, _ = pipeline.export(project.config())
    assert a == b and json.loads(a)["articles"]


# --------------------------------------------------------------------------- the output folder


@pytest.mark.parametrize("rel", ["../outside.md", "/etc/passwd", "a/../../x.md", ".hidden/x.md", "a\\b.md", "",
                                 "nul\x00.md", "a/.archive-staging/x.md"])
def test_safe_target_refuses(tmp_path: Path, rel: str) -> None:
    with pytest.raises(ArchiveError, match="refusing"):
        write.safe_target(tmp_path, rel)


def _cli_build(project: Project) -> tuple[int, str]:
    err = io.StringIO()
    code = cli.main(["build", "-f", str(project.root / "mkdocs.yml")], out=io.StringIO(), err=err)
    return code, err.getvalue()


def test_symlinked_output_subfolder_is_refused(project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    v1 = generated(project.docs)
    shutil.rmtree(project.docs / "articles")
    (project.docs / "articles").symlink_to(outside, target_is_directory=True)
    _edit(project, 2)
    code, message = _cli_build(project)
    assert code == cli.EXIT_UNUSABLE
    assert "refusing to write 'articles/" in message and "outside the output folder" in message
    assert list(outside.iterdir()) == []
    assert {k: v for k, v in generated(project.docs).items() if not k.startswith("articles/")} == {
        k: v for k, v in v1.items() if not k.startswith("articles/")}


def test_symlinked_output_file_is_not_followed(project: Project, tmp_path: Path) -> None:
    victim = tmp_path / "victim.md"
    victim.write_text("precious\n")
    (project.docs / "index.md").unlink()
    (project.docs / "index.md").symlink_to(victim)
    _edit(project, 2)
    code, message = _cli_build(project)
    assert code == cli.EXIT_UNUSABLE and "symbolic link" in message
    assert victim.read_text() == "precious\n"


def test_tampered_manifest_cannot_delete_outside(project: Project, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    manifest = project.docs / write.MANIFEST
    data = json.loads(manifest.read_text())
    data["files"]["../../victim.txt"] = "0" * 64
    data["files"]["/" + str(victim).lstrip("/")] = "0" * 64
    manifest.write_text(json.dumps(data))
    _edit(project, 2)
    pipeline.build(project.config())
    assert victim.read_text() == "precious\n"
    assert generated(project.docs) == _clean_build(tmp_path / "clean", 2, project.seeds / "ids.yml")


# --------------------------------------------------------------------------- environment, whole site

ENVIRONMENTS = [
    {"LC_ALL": "C.UTF-8", "TZ": "UTC", "PYTHONHASHSEED": "1"},
    {"LC_ALL": "C", "LANG": "C", "TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "2"},
    {"LC_ALL": "POSIX", "TZ": "America/Los_Angeles", "PYTHONHASHSEED": "random"},
]


def _mkdocs(root: Path, env: dict[str, str], epoch: str) -> None:
    import subprocess
    import sys

    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "TZ", "SOURCE_DATE"))}
    clean |= env | {"SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1",
                    "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml")],
                   check=True, env=clean, cwd=root, capture_output=True)


def test_site_identical_across_locale_time_zone_and_hash_seed(tmp_path: Path) -> None:
    """Same seeds, same SOURCE_DATE_EPOCH: the Markdown and the whole built site are byte-identical."""
    trees = []
    for number, env in enumerate(ENVIRONMENTS):
        project = make_project(tmp_path / str(number), {})
        _edit(project, 2)
        _mkdocs(project.root, env, "1600000000")
        trees.append((generated(project.docs), tree(project.site)))
    assert trees[0][0] and trees[0][1]
    for other in trees[1:]:
        assert other[0] == trees[0][0]
        assert other[1] == trees[0][1]


def test_source_date_epoch_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "p", {})
    _edit(project, 1)
    _mkdocs(project.root, ENVIRONMENTS[1], "1000000000")  # 2001-09-09 (UTC), 2001-09-10 in Kiritimati
    header = (project.site / "sitemap.xml.gz").read_bytes()[:10]
    assert int.from_bytes(header[4:8], "little") == 999993600  # gzip's time: the UTC day of the epoch
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    built = project.config().build_time
    assert built is not None and built.isoformat() == "2001-09-09T01:46:40+00:00"


def test_bad_source_date_epoch_is_a_clear_error(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    code, message = _cli_build(project)
    assert code == cli.EXIT_UNUSABLE and "SOURCE_DATE_EPOCH='yesterday' is not a Unix timestamp" in message


def test_disk_full_is_a_clear_error_and_keeps_the_output(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    v1 = generated(project.docs)

    def full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device", str(path))

    _edit(project, 2)
    monkeypatch.setattr(write, "_fsync_write", full)
    code, message = _cli_build(project)
    assert code == cli.EXIT_UNUSABLE
    assert message.startswith("ERROR cannot write ") and "No space left on device" in message
    assert "Traceback" not in message
    assert generated(project.docs) == v1
