"""Shared fixtures: small archives in temporary folders, built with the real pipeline."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from archive_builder.config import Config, load_config

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/cases/*/expected from the output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


MakeProject = Callable[..., Config]


@pytest.fixture
def make_project(tmp_path: Path) -> MakeProject:
    """A project folder with the repository's mkdocs.yml, hand-written docs and the given seeds.

    ``seeds`` maps file names to text (written as UTF-8) or bytes (written as they are)."""

    def make(seeds: dict[str, str | bytes], files: dict[str, str] | None = None, **changes: object) -> Config:
        root = tmp_path / "project"
        (root / "seeds").mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        for folder in ("guide", "assets", "reference"):
            if (ROOT / "docs" / folder).is_dir() and not (root / "docs" / folder).exists():
                shutil.copytree(ROOT / "docs" / folder, root / "docs" / folder)
        for name, content in seeds.items():
            path = root / "seeds" / name
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        for name, text in (files or {}).items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return load_config(root / "mkdocs.yml", **changes)

    return make


@pytest.fixture
def repo_seeds() -> dict[str, bytes]:
    """The archive's own seed files."""
    return {p.name: p.read_bytes() for p in sorted((ROOT / "seeds").iterdir()) if p.is_file()}


def fixture_text(name: str) -> str:
    return (FIXTURES / "seeds" / name).read_text(encoding="utf-8")
