"""Archive projects in temporary folders, built end to end with MkDocs in this process."""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive_builder import pipeline
from archive_builder.config import load_config

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True, slots=True)
class Project:
    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def config(self, **changes: Any) -> Any:
        return load_config(self.root / "mkdocs.yml", **changes)

    def export(self) -> dict[str, Any]:
        text, _ = pipeline.export(self.config())
        return json.loads(text)


def make_project(root: Path, seeds: dict[str, str | bytes], files: dict[str, str | bytes] | None = None) -> Project:
    """A project with the repository's mkdocs.yml and hand-written docs, and the given seed files."""
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("guide", "assets", "reference"):
        source = ROOT / "docs" / folder
        if source.is_dir() and not (root / "docs" / folder).exists():
            shutil.copytree(source, root / "docs" / folder)
    for name, content in seeds.items():
        (root / "seeds" / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    for name, content in (files or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return Project(root)


def copy_seeds(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def mkdocs_build(project: Project, strict: bool = True) -> list[str]:
    """``mkdocs build`` (strict by default) into ``project.site``; returns MkDocs' warnings."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as mkdocs_config

    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = mkdocs_config(str(project.root / "mkdocs.yml"), strict=strict, site_dir=str(project.site))
        build(config)
    finally:
        logger.removeHandler(handler)
    return handler.messages
