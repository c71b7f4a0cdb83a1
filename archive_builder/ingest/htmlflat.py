"""Hostile markup: how deep a page nests, and its text read flat when it nests too deeply to lay out.

Both read the markup as a stream (one pass, no tree), so a page of 100,000 nested elements costs
what a page of 100,000 paragraphs costs.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from archive_builder.ingest.text import Unit

MAX_DEPTH = 400  # real article pages nest well under 100 elements deep
# Elements a page may leave open without nesting (the parser closes them at the next sibling).
_SELF_CLOSING = frozenset({
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rt", "rp",
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "keygen", "command", "basefont", "bgsound", "frame", "image", "isindex", "nextid", "spacer",
})
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})(?:\s[^<>]*)?(/?)>|<!--")
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp"})  # their content is not markup
_BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "pre", "h1", "h2", "h3",
    "h4", "h5", "h6", "table", "tr", "td", "th", "br", "hr", "address", "center", "header", "footer", "aside", "nav",
    "body", "html", "figure", "figcaption", "form",
})
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe", "object"})


def markup_depth(text: str) -> int:
    """The deepest nesting of elements that must be closed explicitly (an estimate that never
    undercounts a page built to be deep, and ignores tags a page may leave open)."""
    depth = deepest = pos = 0
    lowered = text.lower()
    while (match := _TAG.search(text, pos)) is not None:
        pos = match.end()
        name = (match.group(2) or "").lower()
        if not name:  # a comment: skip to its end
            end = text.find("-->", pos)
            pos = len(text) if end < 0 else end + 3
            continue
        if name in _RAW_TEXT and not match.group(1):
            end = lowered.find(f"</{name}", pos)
            pos = len(text) if end < 0 else end
            continue
        if name in _SELF_CLOSING or match.group(3):
            continue
        if match.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


class _FlatReader(HTMLParser):
    """Text between block boundaries, with the line each piece starts on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.units: list[Unit] = []
        self.parts: list[str] = []
        self.line = 1
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if not self.parts:
            self.line = self.getpos()[0]
        self.parts.append(data)

    def flush(self) -> None:
        text = " ".join("".join(self.parts).split())
        if text:
            self.units.append(Unit(text, self.line))
        self.parts.clear()


def flat_units(text: str) -> list[Unit]:
    """The page's text as paragraphs, its layout ignored (for pages nested beyond ``MAX_DEPTH``)."""
    reader = _FlatReader()
    reader.feed(text)
    reader.close()
    reader.flush()
    return reader.units
