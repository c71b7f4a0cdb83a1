"""Markdown pages with YAML front matter, written with python-frontmatter, deterministic."""

from __future__ import annotations

import datetime as dt
from typing import Any

import frontmatter


def _plain(value: Any) -> Any:
    """YAML-safe plain values: dates as ISO strings, tuples as lists."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def page(metadata: dict[str, Any], body: str) -> bytes:
    """A page: ``---`` YAML (keys in the given order) ``---`` then the Markdown body."""
    post = frontmatter.Post(body, **_plain(metadata))
    text = frontmatter.dumps(post, sort_keys=False, allow_unicode=True, width=10**6)
    return (text.rstrip("\n") + "\n").encode("utf-8")
