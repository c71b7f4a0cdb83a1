"""Markdown pages with YAML front matter, deterministic.

The bytes are exactly those python-frontmatter writes with PyYAML's safe dumper (keys in the given
order, ``allow_unicode``, no line folding), written faster: PyYAML's Python representer cost more than
all the rest of a page. Values made of one-line printable-ASCII strings, bools, ints, finite floats,
null, lists and dicts are written here, following PyYAML's own rules (its block-context plain-style
analysis and its implicit resolvers, so a string YAML would read as a date, number, bool or null is
quoted). Any other top-level entry (line breaks, control or non-ASCII characters) is written by PyYAML
itself: entries of a top-level mapping share no emitter state (no anchors: values are fresh objects).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import yaml

try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

_OPTIONS: dict[str, Any] = {"Dumper": _Dumper, "default_flow_style": False, "allow_unicode": True,
                            "sort_keys": False, "width": 10**6}
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_INDICATORS = "#,[]{}&*!|>'\"%@`"


def _plain(value: Any) -> Any:
    """YAML-safe plain values: dates as ISO strings, tuples as lists, lone surrogates (from a file
    name that is not UTF-8) as their escape."""
    if isinstance(value, str) and not value.isascii():
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _plain_allowed(text: str) -> bool:
    """PyYAML's block-context plain-style test for one line of printable ASCII (its analyze_scalar)."""
    if text[0] == " " or text[-1] == " " or text.startswith(("---", "...")) or text[0] in _INDICATORS:
        return False
    if text[0] in "?:-" and (len(text) == 1 or text[1] == " "):
        return False
    if ": " in text or text[-1] == ":" or " #" in text:
        return False
    return not any(regexp.match(text) for _tag, regexp in _RESOLVERS.get(text[0], ()))


def _string(text: str) -> str | None:
    """A printable-ASCII one-line string as PyYAML writes it: plain, or single-quoted; None otherwise."""
    if not text or not text.isascii() or not text.isprintable() or len(text) > 10_000:
        return None
    if _plain_allowed(text):
        return text
    return "'" + text.replace("'", "''") + "'"


def _scalar(value: Any) -> str | None:
    """The text PyYAML writes for a simple scalar, or None when it is not simple."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return str(value)
    if type(value) is float:
        text = repr(value)
        return text if math.isfinite(value) and "." in text and "e" not in text else None
    if type(value) is str:
        return _string(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return _string(value.isoformat())
    return None


def _key(key: Any) -> str | None:
    return _string(key) if type(key) is str and len(key) < 100 else None


def _after_key(value: Any, indent: int) -> str | None:
    """What follows ``key:`` in a block mapping whose keys start at column ``indent``."""
    if type(value) in (list, tuple, dict) and not value:
        return " {}\n" if type(value) is dict else " []\n"
    if type(value) in (list, tuple):
        inner = _block(value, indent)  # a sequence in a mapping is written indentless
        return None if inner is None else "\n" + " " * indent + inner
    if type(value) is dict:
        inner = _block(value, indent + 2)
        return None if inner is None else "\n" + " " * (indent + 2) + inner
    text = _scalar(value)
    return None if text is None else f" {text}\n"


def _item(value: Any, indent: int) -> str | None:
    """What follows ``- `` for a sequence item written at column ``indent``."""
    if type(value) in (list, tuple, dict):
        if not value:
            return "{}\n" if type(value) is dict else "[]\n"
        return _block(value, indent + 2)
    text = _scalar(value)
    return None if text is None else f"{text}\n"


def _block(value: list[Any] | tuple[Any, ...] | dict[str, Any], indent: int) -> str | None:
    """A non-empty block collection at column ``indent``, its first line without the indentation;
    None when some part is not simple enough to write by hand."""
    pad = " " * indent
    parts: list[str] = []
    if type(value) is dict:
        for key, item in value.items():
            name, rest = _key(key), _after_key(item, indent)
            if name is None or rest is None:
                return None
            parts.append(f"{pad if parts else ''}{name}:{rest}")
    else:
        for item in value:
            rest = _item(item, indent)
            if rest is None:
                return None
            parts.append(f"{pad if parts else ''}- {rest}")
    return "".join(parts)


def _entry(key: str, value: Any) -> str:
    """One ``key: value`` entry of the top-level mapping, exactly as PyYAML writes it."""
    name, rest = _key(key), _after_key(value, 0)
    if name is not None and rest is not None:
        return f"{name}:{rest}"
    return str(yaml.dump({key: _plain(value)}, **_OPTIONS))


def dump_yaml(metadata: dict[str, Any]) -> str:
    """``yaml.dump(metadata)`` with the options above, stripped (as python-frontmatter does)."""
    data = {str(k): v for k, v in metadata.items()}
    if not data:
        return str(yaml.dump(data, **_OPTIONS)).strip()
    return "".join(_entry(k, v) for k, v in data.items()).strip().replace("\r\n", "\n")


def page(metadata: dict[str, Any], body: str) -> bytes:
    """A page: ``---`` YAML (keys in the given order) ``---`` then the Markdown body."""
    text = f"---\n{dump_yaml(metadata)}\n---\n\n{body}\n".strip()
    # a lone surrogate can only come from a file name that is not UTF-8 (ingest replaces every other
    # one): written as its escape (``\\udce9``), never a UnicodeEncodeError
    return (text.rstrip("\n") + "\n").encode("utf-8", "backslashreplace")
