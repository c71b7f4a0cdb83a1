"""Render one generated page the way MkDocs does (front matter off, the site's Markdown extensions),
without building a whole site: fast enough for property-based tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown
import yaml
from mkdocs.utils.meta import get_data

ROOT = Path(__file__).resolve().parents[2]


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_extensions(config_file: Path = ROOT / "mkdocs.yml") -> tuple[list[str], dict[str, Any]]:
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    names: list[str] = []
    configs: dict[str, Any] = {}
    for entry in data.get("markdown_extensions") or []:
        if isinstance(entry, dict):
            (name, options), = entry.items()
            names.append(name)
            if isinstance(options, dict):
                configs[name] = {k: v for k, v in options.items() if v is not None}
        else:
            names.append(str(entry))
    return names, configs


def render_page(page: str) -> str:
    """HTML of a generated Markdown page (with front matter), as MkDocs' Markdown step makes it."""
    body, _meta = get_data(page)
    names, configs = site_extensions()
    return markdown.Markdown(extensions=names, extension_configs=configs).convert(body)
