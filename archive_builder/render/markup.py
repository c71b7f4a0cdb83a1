"""Safe output: every string that comes from a seed passes through one of these escapers.

* ``md_text`` for text placed in Markdown (headings, lists, tables): every ASCII punctuation mark
  becomes a numeric character reference, so no Markdown, HTML or template syntax survives.
* ``html_text`` / ``html_attr`` for text inside raw HTML blocks (the article body).
* ``annotate`` renders a body paragraph with links and marks around character spans.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote

_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_MD_SAFE = {c: f"&#{ord(c)};" for c in _PUNCTUATION}
_MD_PUNCT = re.compile("[" + re.escape(_PUNCTUATION) + "]")
# Control characters are never shown; \x02/\x03 would even collide with Markdown's own placeholders.
_CONTROLS = {c: None for c in [*range(0, 9), 11, 12, *range(14, 32), 127]}
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HTML_SPECIAL = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ATTR_SPECIAL = re.compile("[&<>\"'\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _md_ref(match: re.Match[str]) -> str:
    return _MD_SAFE[match.group()]


def md_text(text: str) -> str:
    """Inline Markdown showing ``text`` literally (one line: whitespace runs become one space)."""
    if _CONTROL.search(text):
        text = text.translate(_CONTROLS)
    # printable text has no whitespace but the plain space, so only doubled or outer spaces need folding
    if not text.isprintable() or "  " in text or text[:1] == " " or text[-1:] == " ":
        text = " ".join(text.split())
    return _MD_PUNCT.sub(_md_ref, text)


def html_text(text: str) -> str:
    if not _HTML_SPECIAL.search(text):
        return text
    return html.escape(text.translate(_CONTROLS), quote=False)


def html_attr(text: str) -> str:
    if not _ATTR_SPECIAL.search(text):
        return text
    return html.escape(text.translate(_CONTROLS), quote=True)


def page_url(page: str, use_directory_urls: bool = True) -> str:
    """Site URL (relative to the site root) of a docs page or static file path."""
    if not page.endswith(".md"):
        return page
    stem = page[:-3]
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(from_page: str, to_page: str, anchor: str | None = None, use_directory_urls: bool = True) -> str:
    """Relative link from one generated page to another (for raw HTML, which MkDocs does not rewrite)."""
    src = page_url(from_page, use_directory_urls)
    dst = page_url(to_page, use_directory_urls)
    src_dir = src if src.endswith("/") or src == "" else posixpath.dirname(src)
    rel = _relpath(dst or ".", src_dir or ".")
    if dst.endswith("/") or dst == "":
        rel = "./" if rel == "." else rel + "/"
    fragment = "#" + quote(anchor, safe="") if anchor else ""
    return _quote_path(rel) + fragment


_URL_SAFE = re.compile(r"[A-Za-z0-9_.~/-]*")  # what ``quote(path, safe="/")`` leaves as it is


def _quote_path(path: str) -> str:
    return path if _URL_SAFE.fullmatch(path) else quote(path, safe="/")


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` without its ``abspath`` calls, for relative paths of plain names."""
    to, base = [p for p in path.split("/") if p], [p for p in start.split("/") if p and p != "."]
    if path.startswith("/") or start.startswith("/") or any(p in (".", "..") for p in to + base):
        return posixpath.relpath(path, start)
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def md_link(label: str, from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A Markdown link whose label is seed text (escaped); MkDocs validates and rewrites the target."""
    target = _quote_path(_relpath(to_page, posixpath.dirname(from_page) or "."))
    fragment = "#" + quote(anchor, safe="") if anchor else ""
    return f"[{md_text(label)}]({target}{fragment})"


@dataclass(frozen=True, slots=True)
class Span:
    """Markup around ``text[start:end]``: an element with trusted attributes (values escaped here)."""

    start: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    rank: int = 0  # when two spans start together, the lower rank opens outside

    def open(self, reopen: bool = False) -> str:
        """The start tag; a reopened fragment (after a crossing span closed) repeats no ``id``."""
        attrs = "".join(f' {k}="{html_attr(v)}"' for k, v in self.attrs if not (reopen and k == "id"))
        return f"<{self.tag}{attrs}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def annotate(text: str, spans: list[Span] | tuple[Span, ...], offset: int = 0) -> str:
    """Escaped ``text`` with each span's element around its characters.

    ``offset`` is the position of ``text`` in the body the spans count in. Spans that cross are
    closed and reopened so the HTML stays well nested."""
    size = len(text)
    limit = offset + size
    inside = [s for s in spans if s.end > offset and s.start < limit and s.end > s.start]
    if not inside:
        return html_text(text)
    inside.sort(key=_span_order)
    # text with nothing to escape (most paragraphs) is sliced as it is
    escape = html_text if _HTML_SPECIAL.search(text) else str
    points = sorted({0, size, *(max(0, s.start - offset) for s in inside), *(min(size, s.end - offset) for s in inside)})
    out: list[str] = []
    stack: list[Span] = []
    ends: list[int] = []  # stack[k].end - offset
    next_span, count = 0, len(inside)
    for i, pos in enumerate(points):
        if ends and min(ends) <= pos:
            low = next(k for k, end in enumerate(ends) if end <= pos)
            above = stack[low:]
            out.extend(s.close() for s in reversed(above))
            kept = [s for s in above if s.end - offset > pos]
            stack[low:] = kept
            ends[low:] = [s.end - offset for s in kept]
            out.extend(s.open(reopen=True) for s in kept)
        while next_span < count and inside[next_span].start - offset <= pos:
            span = inside[next_span]
            next_span += 1
            stack.append(span)
            ends.append(span.end - offset)
            out.append(span.open())
        if i + 1 < len(points):
            out.append(escape(text[pos : points[i + 1]]))
    out.extend(s.close() for s in reversed(stack))
    return "".join(out)


def _span_order(span: Span) -> tuple[int, int, int]:
    return (span.start, -span.end, span.rank)


_QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e"


def snippet(text: str, limit: int, *, unquote: bool = False) -> str:
    """``text`` on one line, at most ``limit`` characters, cut between words (with an ellipsis).

    ``unquote`` strips quotation marks at either end, for snippets the caller puts in quotes itself
    (no doubled opening quote). A first word longer than ``limit`` is the only word ever cut."""
    one = " ".join(text.split())
    if unquote:
        one = one.strip(_QUOTES + " ")
    if len(one) <= limit:
        return one
    cut = one[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-\u2013\u2014" + _QUOTES) + "\u2026"


def snippet_around(text: str, start: int, end: int, width: int) -> tuple[str, str, str, bool, bool]:
    """Keyword in context: (before, match, after, cut before, cut after), the context cut at word
    boundaries to about ``width`` characters around ``text[start:end]``."""
    half = width // 2
    lo, hi = max(0, start - half), min(len(text), end + half)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else start
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else end
    return text[lo:start], text[start:end], text[end:hi], lo > 0, hi < len(text)


def inert(text: str) -> str:
    """Seed text for raw HTML (element content or a quoted attribute) that is inert in every layer:
    every ASCII punctuation mark becomes a numeric character reference, as in ``md_text``, so no HTML,
    Markdown, Jinja or YAML syntax survives even if the page is read by another tool; whitespace
    (newlines included) is kept, control characters dropped."""
    if _CONTROL.search(text):
        text = text.translate(_CONTROLS)
    return _MD_PUNCT.sub(_md_ref, text)
