"""Markdown pages with YAML front matter, deterministic.

The bytes are those python-frontmatter writes with PyYAML's safe dumper (keys in the given order,
``allow_unicode``, no line folding). A top-level mapping is emitted entry by entry with no state
between entries (no anchors: every value is a fresh plain object), so each entry is written alone:
the common entries (a plain word-like string, bool, int, null, a list of those strings) by hand, any
other through PyYAML itself. What is "plain" is decided conservatively here and by PyYAML's own
implicit resolvers, so a string that YAML would read as a date, number, bool or null is never left
unquoted; anything unusual (quotes, colons, non-ASCII, line breaks) takes PyYAML's path.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

_OPTIONS: dict[str, Any] = {"Dumper": _Dumper, "default_flow_style": False, "allow_unicode": True,
                            "sort_keys": False, "width": 10**6}
# Characters that never make PyYAML leave block plain style (indicators only matter at the start,
# which must be a letter or digit; no ': ', ' #', quotes, leading/trailing space or line break).
_PLAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 _.,()/-]{0,998}[A-Za-z0-9_.,()/-])?")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,60}")
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers


def _plain(value: Any) -> Any:
    """YAML-safe plain values: dates as ISO strings, tuples as lists."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _plain_str(text: str) -> bool:
    """PyYAML writes ``text`` as a plain scalar: word-like, and no implicit resolver claims it."""
    if _PLAIN.fullmatch(text) is None:
        return False
    return not any(regexp.match(text) for _tag, regexp in _RESOLVERS.get(text[0], ()))


def _scalar(value: Any) -> str | None:
    """The plain text PyYAML writes for a simple scalar, or None when it is not simple."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return str(value)
    if type(value) is str and _plain_str(value):
        return value
    return None


def _entry(key: str, value: Any) -> str:
    """One ``key: value`` entry of the top-level mapping, exactly as PyYAML writes it."""
    if _KEY.fullmatch(key) and not any(r.match(key) for _t, r in _RESOLVERS.get(key[0], ())):
        text = _scalar(value)
        if text is not None:
            return f"{key}: {text}\n"
        if type(value) is list:
            if not value:
                return f"{key}: []\n"
            items = [_scalar(v) if type(v) is str else None for v in value]
            if all(i is not None for i in items):
                return f"{key}:\n" + "".join(f"- {i}\n" for i in items)
    return str(yaml.dump({key: value}, **_OPTIONS))


def dump_yaml(metadata: dict[str, Any]) -> str:
    """``yaml.dump(metadata)`` with the options above, stripped (as python-frontmatter does)."""
    data = _plain(metadata)
    if not data:
        return str(yaml.dump(data, **_OPTIONS)).strip()
    return "".join(_entry(k, v) for k, v in data.items()).strip().replace("\r\n", "\n")


def page(metadata: dict[str, Any], body: str) -> bytes:
    """A page: ``---`` YAML (keys in the given order) ``---`` then the Markdown body."""
    text = f"---\n{dump_yaml(metadata)}\n---\n\n{body}\n".strip()
    return (text.rstrip("\n") + "\n").encode("utf-8")
