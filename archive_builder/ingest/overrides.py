"""Curator overrides: ``seeds/<id>.yml`` beside a seed sets any extracted field by hand.

Example ``seeds/000_72390fa45c841a5e.yml``::

    title: Trump advisers split over Iran response
    published: 2020-03-19
    byline: [Mark Mazzetti, Helene Cooper]
    url: https://example.org/story
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from archive_builder.errors import SeedError
from archive_builder.limits import MAX_OVERRIDE_BYTES, MAX_OVERRIDE_TEXT
from archive_builder.model import Diagnostic
from archive_builder.textutil import join_surrogates, near_miss

OVERRIDE_SUFFIX = ".yml"
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_URL = re.compile(r"^https?://[^\s<>\"']+$")


@dataclass(frozen=True, slots=True)
class Overrides:
    path: str
    values: tuple[tuple[str, Any], ...]

    def get(self, key: str, default: Any = None) -> Any:
        return dict(self.values).get(key, default)

    def keys(self) -> tuple[str, ...]:
        return tuple(k for k, _ in self.values)


def _text(value: Any) -> str:
    if isinstance(value, (dt.date, int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected non-empty text")
    value, lone = join_surrogates(value)
    if lone:
        raise ValueError(f"{lone} lone surrogate escape(s) such as \\ud800, which no text can hold; "
                         "write the character itself")
    return " ".join(value.split())


def _names(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    return tuple(_text(v) for v in items)


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError("expected an ISO date like 2020-03-23 (or null)") from None


def _url(value: Any) -> str:
    text = _text(value)
    if not _URL.match(text):
        raise ValueError("expected an http:// or https:// address")
    return text


def _language(value: Any) -> str:
    text = _text(value)
    if not _LANGUAGE.match(text):
        raise ValueError("expected a language tag like 'en' or 'ar'")
    return text


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


FIELDS: dict[str, Callable[[Any], Any]] = {
    "title": _text,
    "outlet": _text,
    "published": _date,
    "modified": _date,
    "byline": _names,
    "credits": _names,
    "caption": _text,
    "caption_credit": _text,
    "dateline": _text,
    "source_credit": _text,
    "url": _url,
    "language": _language,
    "notes": _text,
    "exclude": _bool,
}


def read_overrides(path: Path, rel: str) -> tuple[Overrides, tuple[Diagnostic, ...]]:
    """Parse and validate one override file; bad keys are reported and skipped, never fatal."""
    try:
        size = path.stat().st_size
        if size > MAX_OVERRIDE_BYTES:
            raise SeedError(rel, f"override file of {size:,} bytes, over the limit of {MAX_OVERRIDE_BYTES:,}; ignored",
                            hint="overrides set a few short fields; put long text in the seed itself")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SeedError(rel, f"not UTF-8 (byte at offset {exc.start})", hint="re-save the file as UTF-8") from exc
    return parse_overrides(text, rel)


def parse_overrides(text: str, rel: str, first_line: int = 1) -> tuple[Overrides, tuple[Diagnostic, ...]]:
    """Validate override keys given as YAML text (an override file, or a Markdown seed's front matter
    starting at line ``first_line`` of its file, so messages name the file's own lines)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + first_line if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise SeedError(rel, f"not valid YAML: {problem}", line=line) from exc
    if node is None:
        return Overrides(rel, ()), ()
    if len(text) > MAX_OVERRIDE_BYTES:
        raise SeedError(rel, f"front matter of {len(text):,} characters, over the limit of {MAX_OVERRIDE_BYTES:,}; "
                        "ignored", line=first_line)
    if not isinstance(node, yaml.MappingNode):
        raise SeedError(rel, "expected 'key: value' lines", line=node.start_mark.line + first_line)
    return _validate(node, rel, first_line)


def _validate(node: yaml.MappingNode, rel: str, first_line: int = 1) -> tuple[Overrides, tuple[Diagnostic, ...]]:
    values: list[tuple[str, Any]] = []
    problems: list[Diagnostic] = []
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + first_line
        key = str(key_node.value)
        if key not in FIELDS:
            guess = near_miss(key, list(FIELDS))
            hint = f"did you mean '{guess}'?" if guess else f"known keys: {', '.join(FIELDS)}"
            problems.append(Diagnostic(rel, f"unknown key '{key}'", "error", line, hint))
            continue
        size = expanded_size(value_node)
        if size > MAX_OVERRIDE_TEXT:
            problems.append(Diagnostic(rel, f"bad value for '{key}': expands to {size:,} characters (YAML aliases "
                                       f"included), over the limit of {MAX_OVERRIDE_TEXT:,}", "error", line,
                                       "write the value out; aliases (*name) may not multiply text"))
            continue
        try:
            raw = yaml.safe_load(yaml.serialize(value_node))
            values.append((key, FIELDS[key](raw)))
        except (ValueError, yaml.YAMLError) as exc:
            reason = getattr(exc, "problem", None) or (str(exc).splitlines() or ["unreadable"])[0]
            problems.append(Diagnostic(rel, f"bad value for '{key}': {reason}", "error", line))
    return Overrides(rel, tuple(values)), tuple(problems)


def expanded_size(node: yaml.Node) -> int:
    """Characters in ``node`` with every alias written out, computed without expanding anything
    (each node once, by identity), so a small file of nested aliases costs no memory to measure."""
    sizes: dict[int, int] = {}
    order: list[yaml.Node] = []
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stack:  # post-order, iteratively (a deep nesting needs no recursion)
        current, done = stack.pop()
        if id(current) in sizes:
            continue
        if done or isinstance(current, yaml.ScalarNode):
            sizes[id(current)] = _own_size(current, sizes)
            order.append(current)
            continue
        stack.append((current, True))
        stack.extend((child, False) for child in _children(current) if id(child) not in sizes)
    return sizes[id(node)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _own_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    if isinstance(node, yaml.ScalarNode):
        return len(str(node.value)) + 1
    return 1 + sum(sizes.get(id(child), 0) for child in _children(node))
