"""The archive-wide curation file, ``seeds/curation.yml``: one section per stage.

    entities:   ...   # names, merges, splits, aliases (entities stage)
    events:     ...   # names, merges, dates of events (events stage)
    relations:  ...   # asserted or denied provenance relations (provenance stage)

This module only reads the file and checks its top level; each stage validates its own section and
reports problems with the file's name and the line of the entry (``Curation.line_of``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from archive_builder.model import Diagnostic
from archive_builder.textutil import near_miss

CURATION_FILE = "curation.yml"
SECTIONS = ("entities", "events", "relations")


class _LineLoader(yaml.SafeLoader):
    """Safe loader that records the line of every mapping as ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping  # type: ignore[return-value]


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass(frozen=True, slots=True)
class Curation:
    """The parsed sections (plain data; mappings carry ``__line__``) and where they came from."""

    path: str = f"seeds/{CURATION_FILE}"
    sections: dict[str, Any] = field(default_factory=dict)

    def section(self, name: str) -> Any:
        return self.sections.get(name)

    @staticmethod
    def line_of(item: Any) -> int | None:
        return item.get("__line__") if isinstance(item, dict) else None


def load_curation(seeds_dir: Path, rel: str) -> tuple[Curation, tuple[Diagnostic, ...]]:
    path = seeds_dir / CURATION_FILE
    if not path.exists():
        return Curation(rel), ()
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506
    except UnicodeDecodeError as exc:
        return Curation(rel), (Diagnostic(rel, f"not UTF-8 (byte at offset {exc.start})", hint="re-save as UTF-8"),)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        line = mark.line + 1 if mark is not None else None
        return Curation(rel), (Diagnostic(rel, f"not valid YAML: {problem}", line=line, hint="no curation applied"),)
    except ValueError as exc:  # PyYAML's own constructors raise it, e.g. for the date 2020-02-30
        return Curation(rel), (Diagnostic(rel, f"impossible value: {exc}", hint="no curation applied"),)
    if data is None:
        return Curation(rel), ()
    if not isinstance(data, dict):
        return Curation(rel), (Diagnostic(rel, "expected sections 'entities:', 'events:', 'relations:'", line=1),)
    problems: list[Diagnostic] = []
    sections: dict[str, Any] = {}
    for key, value in data.items():
        if key == "__line__":
            continue
        if key not in SECTIONS:
            guess = near_miss(str(key), SECTIONS)
            hint = f"did you mean '{guess}'?" if guess else f"known sections: {', '.join(SECTIONS)}"
            problems.append(Diagnostic(rel, f"unknown section '{key}'", line=None, hint=hint))
            continue
        sections[key] = value
    return Curation(rel, sections), tuple(problems)
