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
from archive_builder.model import Diagnostic
from archive_builder.textutil import near_miss

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
        try:
            raw = yaml.safe_load(yaml.serialize(value_node))
            values.append((key, FIELDS[key](raw)))
        except (ValueError, yaml.YAMLError) as exc:
            reason = getattr(exc, "problem", None) or (str(exc).splitlines() or ["unreadable"])[0]
            problems.append(Diagnostic(rel, f"bad value for '{key}': {reason}", "error", line))
    return Overrides(rel, tuple(values)), tuple(problems)
