"""Markdown seeds (``.md``): the curator's own transcription, with YAML front matter.

The front matter takes exactly the keys of a curator override file (``title``, ``published``,
``byline``...), validated by the same code, so a mistake is reported the same way: file, line and
the near-miss hint. Its values are what the seed states; an override file beside the seed still wins.

The body is read with markdown-it-py (CommonMark) into plain units: emphasis and link syntax give way
to their text, block quotes and list items stay units of their own (kinds ``quote``/``list-item``),
``##`` headings become ``heading`` units, a leading ``#`` heading is the headline, and raw HTML is
read like a saved page's markup (scripts dropped, tags gone), so no Markdown or HTML reaches the site.
"""

from __future__ import annotations

import dataclasses
import html
from typing import Any

from frontmatter.default_handlers import YAMLHandler
from markdown_it import MarkdownIt
from markdown_it.token import Token

from archive_builder.errors import SeedError
from archive_builder.ingest.html import html_units, tree_of
from archive_builder.ingest.overrides import Overrides, parse_overrides
from archive_builder.ingest.text import Parsed, Unit, parse_units
from archive_builder.model import Block, Diagnostic

# Front-matter keys -> Parsed fields (``title`` is the headline; ``exclude`` is handled by the caller).
FRONT_MATTER_FIELDS = {
    "title": "headline", "outlet": "outlet", "published": "published", "modified": "modified", "byline": "byline",
    "credits": "credits", "caption": "caption", "caption_credit": "caption_credit", "dateline": "dateline",
    "source_credit": "source_credit", "url": "url", "language": "language", "notes": "notes",
}


@dataclasses.dataclass(frozen=True, slots=True)
class MarkdownSeed:
    parsed: Parsed
    front_matter: Overrides
    diagnostics: tuple[Diagnostic, ...] = ()


def split_front_matter(text: str, path: str) -> tuple[Overrides, str, int, tuple[Diagnostic, ...]]:
    """(front matter, body, number of lines before the body, problems). Invalid YAML is reported and
    its values ignored; the body is still read."""
    handler = YAMLHandler()
    start = handler.FM_BOUNDARY.match(text)
    if start is None:
        return Overrides(path, ()), text, 0, ()
    try:
        fm, body = handler.split(text)
    except ValueError:  # an opening '---' with no closing one: a thematic break, not front matter
        return Overrides(path, ()), text, 0, ()
    offset = text.count("\n", 0, len(text) - len(body))
    try:
        values, problems = parse_overrides(fm, path, first_line=text.count("\n", 0, start.end()) + 1)
    except SeedError as exc:
        return Overrides(path, ()), body, offset, (exc.diagnostic(),)
    except RecursionError:
        problem = Diagnostic(path, "front matter nested too deeply; ignored", "error", 1)
        return Overrides(path, ()), body, offset, (problem,)
    return values, body, offset, problems


def _inline_text(children: list[Token], line: int, path: str) -> str:
    """An inline token's plain text; raw HTML inside it is read like a page's markup."""
    if any(c.type == "html_inline" for c in children):
        source = "".join(c.content if c.type == "html_inline" else html.escape(_plain(c)) for c in children)
        units = html_units(tree_of(f"<p>{source}</p>", path), line, page=False)
        return " ".join(u.text for u in units)
    return " ".join("".join(_plain(c) for c in children).split())


def _plain(token: Token) -> str:
    if token.type in ("text", "text_special", "code_inline"):
        return token.content
    if token.type in ("softbreak", "hardbreak"):
        return " "
    return ""


def markdown_units(body: str, line_offset: int, path: str) -> list[Unit]:
    """Units of a Markdown body; a ``# Heading`` first of all is kept as kind ``title``."""
    units: list[Unit] = []
    context: list[str] = []
    heading: str | None = None
    for token in MarkdownIt("commonmark").parse(body):
        line = (token.map[0] if token.map else 0) + 1 + line_offset
        if token.type in ("blockquote_open", "list_item_open"):
            context.append("quote" if token.type == "blockquote_open" else "list-item")
        elif token.type in ("blockquote_close", "list_item_close") and context:
            context.pop()
        elif token.type == "heading_open":
            heading = "title" if token.tag == "h1" and not units else "heading"
        elif token.type == "heading_close":
            heading = None
        elif token.type == "inline":
            text = _inline_text(token.children or [], line - 1, path)
            if text:
                units.append(Unit(text, line, heading or (context[-1] if context else "paragraph")))
        elif token.type in ("fence", "code_block"):
            text = " ".join(token.content.split())
            if text:
                units.append(Unit(text, line, context[-1] if context else "paragraph"))
        elif token.type == "html_block":
            found = html_units(tree_of(token.content, path), line - 1, page=False)
            units.extend(dataclasses.replace(u, kind=context[-1]) if context and u.kind == "paragraph" else u
                         for u in found)
    return units


def parse_markdown(text: str, path: str) -> MarkdownSeed:
    front, body, offset, problems = split_front_matter(text, path)
    units = markdown_units(body, offset, path)
    title_unit = units[0] if units and units[0].kind == "title" else None
    if title_unit is not None:
        units = units[1:]
    stated: dict[str, Any] = {FRONT_MATTER_FIELDS[k]: v for k, v in front.values if k in FRONT_MATTER_FIELDS}
    if not units:
        raise SeedError(path, "no body text (only front matter or headings)",
                        hint="write the article's paragraphs below the front matter")
    parsed = parse_units(units, headline="headline" not in stated and title_unit is None, page=False)
    if title_unit is not None:
        stated.setdefault("headline", title_unit.text)
        blocks = (*parsed.blocks, Block("headline", title_unit.text, title_unit.line))
        parsed = dataclasses.replace(parsed, blocks=tuple(sorted(blocks, key=lambda b: (b.line, b.kind))))
    return MarkdownSeed(dataclasses.replace(parsed, **stated), front, problems)
