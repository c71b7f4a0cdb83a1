"""Saved article pages (``.html``/``.htm``): the article's text among the page's clutter, as plain units.

1. decode: byte-order mark, then the page's declared charset, then UTF-8 (cp1252 fallback, reported);
2. parse with BeautifulSoup; read the page's own metadata (``htmlmeta``);
3. find the element holding the article: ``itemprop=articleBody`` or a well-known body class, else the
   ``<article>``/``<main>`` element, narrowed to the smallest element holding most of its paragraph text;
4. drop scripts, styles, embeds, figures and clutter (navigation, ads, related links, comments, footers),
   then walk the rest into units - paragraphs, block quotes, list items and headings - as plain text;
5. hand the units to the plain-text rules (``text.parse_units``) for bylines, datelines and credits.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag
from bs4.dammit import EncodingDetector
from bs4.element import Comment, Declaration, Doctype, NavigableString, PageElement, ProcessingInstruction

from archive_builder.errors import SeedError
from archive_builder.ingest.decode import Decoded, decode_declared, decode_seed
from archive_builder.ingest.htmlmeta import PageMeta, attr, in_clutter, is_clutter, page_meta, text_of
from archive_builder.ingest.text import Parsed, Unit, parse_units
from archive_builder.model import Block, Diagnostic

# Elements whose content is never article text (and never reaches the archive).
DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
    "svg", "math", "canvas", "video", "audio", "source", "track", "picture", "img", "map", "button", "input",
    "select", "option", "textarea", "label", "meta", "link", "head", "title", "base", "figure", "figcaption",
})
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "thead", "tbody", "hr", "address", "center",
    "details", "summary", "body", "html", "header", "footer", "aside", "nav",
})
KINDS = {"blockquote": "quote", "li": "list-item", "dt": "list-item", "dd": "list-item",
         "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading", "h1": "heading"}
BODY_HINT = re.compile(
    r"(?:^|[\s_-])(?:article[-_]?body|articlebody|article__body|story[-_]?body|storytext|story-text|entry-content|"
    r"post-content|post-body|post-entry|article-content|article-text|article__content|body-text|content-body|"
    r"story-content|text-body|rich-text|td-post-content)(?:$|[\s_-])",
    re.I,
)
_WHATWG_LATIN = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "iso-ir-100", "cp819"}
_FILLER = re.compile(
    r"^(?:advertisement|advertising|ad|sponsored(?: content)?|story continues below(?: advertisement)?|"
    r"continue reading(?: below)?|scroll to continue(?: with content)?|skip advertisement|share|share this|loading\W*|"
    r"(?:read more|also read|related|see also|more on this story)\s*:.{0,160})$",
    re.I,
)
CONTAINERS = ["div", "section", "article", "main", "td", "center"]  # narrowing stops above paragraphs
MIN_PARAGRAPH = 25  # characters: shorter paragraphs do not vote for where the article is
_BR = "\x00"  # stands for <br> while a block is gathered (decoding removed every real NUL)
_PARAGRAPH_BREAK = re.compile("\x00\\s*\x00[\\s\x00]*")


# ------------------------------------------------------------------------------------ decoding


def decode_html(data: bytes, path: str) -> Decoded:
    """Decode a saved page: BOM, declared charset (WHATWG labels), else UTF-8 with cp1252 fallback."""
    label = EncodingDetector.find_declared_encoding(data[:4096], is_html=True)
    if not label:
        return decode_seed(data, path)
    label = "".join(c for c in label.strip().lower()[:40] if c.isprintable())
    codec = "cp1252" if label in _WHATWG_LATIN else label
    try:
        info = codecs.lookup(codec)
        if not getattr(info, "_is_text_encoding", True):  # 'rot13', 'base64'... are codecs, not charsets
            raise LookupError(codec)
        codec = info.name
    except (LookupError, ValueError):
        decoded = decode_seed(data, path)
        problem = Diagnostic(path, f"declares an unknown charset '{label}'; read as {decoded.encoding}", "warning",
                             hint="fix the <meta charset> or re-save the page as UTF-8")
        return dataclasses.replace(decoded, diagnostics=(problem, *decoded.diagnostics))
    if codec != "utf-8" and _is_utf8(data):
        decoded = decode_seed(data, path)
        problem = Diagnostic(path, f"declares charset '{label}' but is UTF-8; read as UTF-8", "warning",
                             hint="the page was re-saved as UTF-8: correct its <meta charset> to silence this")
        return dataclasses.replace(decoded, diagnostics=(problem, *decoded.diagnostics))
    return decode_declared(data, path, codec, "its <meta charset>")


def _is_utf8(data: bytes) -> bool:
    """Valid UTF-8 with at least one multi-byte character (never an accident in another charset)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(b >= 0x80 for b in data)


# ------------------------------------------------------------------------------------ the article element


def _block_of(node: NavigableString) -> Tag | None:
    parent = node.parent
    while parent is not None and parent.name not in BLOCK_TAGS:
        if parent.name in DROP_TAGS:
            return None
        parent = parent.parent
    return parent


def _paragraph_weights(scope: Tag) -> dict[int, int]:
    """For every element (by identity) inside ``scope``: characters of real paragraphs beneath it.

    A paragraph is a block element (``<p>``, or a ``<div>`` used as one) holding at least
    ``MIN_PARAGRAPH`` characters of its own text outside links and outside clutter."""
    own: dict[int, tuple[Tag, int]] = {}
    for string in scope.find_all(string=True):
        if type(string) is not NavigableString or not string.strip() or string.find_parent("a") is not None:
            continue
        block = _block_of(string)
        if block is not None:
            size = own.get(id(block), (block, 0))[1]
            own[id(block)] = (block, size + len(" ".join(string.split())))
    weights: dict[int, int] = {}
    for block, size in own.values():
        if size < MIN_PARAGRAPH or in_clutter(block, stop=scope.parent):
            continue
        node: Tag | None = block
        while node is not None:
            weights[id(node)] = weights.get(id(node), 0) + size
            if node is scope:
                break
            node = node.parent
    return weights


def _narrow(scope: Tag) -> Tag:
    """The deepest element still holding at least 80% of the scope's paragraph text."""
    weights = _paragraph_weights(scope)
    total = weights.get(id(scope), 0)
    if not total:
        return scope
    node = scope
    while True:
        child = next((c for c in node.find_all(CONTAINERS, recursive=False) if weights.get(id(c), 0) >= 0.8 * total), None)
        if child is None:
            return node
        node = child


def _best(candidates: list[Tag]) -> Tag | None:
    scored = [(_paragraph_weights(c).get(id(c), 0), -i, c) for i, c in enumerate(candidates) if not in_clutter(c)]
    scored = [s for s in scored if s[0] > 0]
    return max(scored, key=lambda s: (s[0], s[1]))[2] if scored else None


def article_scope(soup: BeautifulSoup) -> tuple[Tag, bool]:
    """The element holding the article, and whether the page marked it as the body itself."""
    hinted = [t for t in soup.find_all(True) if attr(t, "itemprop").lower() == "articlebody"
              or BODY_HINT.search(f"{attr(t, 'class')} {attr(t, 'id')}")]
    best = _best(hinted)
    if best is not None:
        return best, True
    for name in ("article", "main"):
        best = _best(soup.find_all(name)) or _best(soup.select(f'[role="{name}"]'))
        if best is not None:
            return best, False
    body = soup.find("body")
    return (body if isinstance(body, Tag) else soup), False


def _meta_scope(soup: BeautifulSoup, scope: Tag) -> Tag:
    """Where the article's own header (headline, byline, date, lede photo) is: its ``<article>``."""
    if scope.name in ("article", "main", "body"):
        return scope
    found = scope.find_parent("article") or scope.find_parent("main") or soup.find("body")
    return found if isinstance(found, Tag) else scope


def _prune(root: Tag) -> None:
    """Remove what is never article text below ``root`` (the root itself is kept)."""
    for tag in root.find_all(True):
        if tag.decomposed:
            continue
        if tag.name in DROP_TAGS or is_clutter(tag):
            tag.decompose()
    for node in root.find_all(string=lambda s: isinstance(s, (Comment, Declaration, Doctype, ProcessingInstruction))):
        node.extract()
    for time in root.find_all("time"):  # "Posted <time>July 4</time>": a date line, stated in the metadata
        block = time.find_parent(list(BLOCK_TAGS))
        if block is not None and block is not root and not time.decomposed and len(text_of(block).split()) <= 12:
            block.decompose()


# ------------------------------------------------------------------------------------ units


@dataclasses.dataclass(slots=True)
class _Buffer:
    """Inline text gathered for the block being read (local to one walk)."""

    parts: list[str] = dataclasses.field(default_factory=list)
    link_chars: int = 0
    line: int = 1
    kind: str = "paragraph"


def html_units(root: Tag, line_offset: int = 0, page: bool = True) -> list[Unit]:
    """Plain-text units from the blocks below ``root``, in document order, without recursion.

    With ``page`` (a saved page, not a curator's Markdown) link lists and filler lines are dropped."""
    units: list[Unit] = []
    buf = _Buffer()
    stack: list[tuple[PageElement | None, str, bool]] = [(c, "paragraph", False) for c in reversed(list(root.children))]
    while stack:
        node, kind, in_link = stack.pop()
        if node is None:  # end of a block
            _flush(buf, units, line_offset, page)
            continue
        if isinstance(node, NavigableString):
            if type(node) is NavigableString:  # not comments, CDATA, doctypes or processing instructions
                if not buf.parts:
                    buf.kind = kind
                buf.parts.append(str(node))
                buf.link_chars += len(str(node).strip()) if in_link else 0
            continue
        if not isinstance(node, Tag) or node.name in DROP_TAGS:
            continue
        if node.name == "br":
            buf.parts.append(_BR)
            continue
        block = node.name in BLOCK_TAGS
        child_kind = KINDS.get(node.name, kind) if block else kind
        if block:
            _flush(buf, units, line_offset, page)
            buf.line = node.sourceline or buf.line
            stack.append((None, kind, in_link))
        children = list(node.children)
        stack.extend((c, child_kind, in_link or node.name == "a") for c in reversed(children))
    _flush(buf, units, line_offset, page)
    return units


def _flush(buf: _Buffer, units: list[Unit], line_offset: int, page: bool) -> None:
    """The gathered text as units: one, or several where ``<br><br>`` separates paragraphs."""
    pieces = _PARAGRAPH_BREAK.split("".join(buf.parts))
    for piece in pieces:
        text = " ".join(piece.replace(_BR, " ").split())
        dense = buf.link_chars >= 0.75 * len(text.replace(" ", "")) and len(pieces) == 1
        if text and not (page and (_FILLER.match(text) or dense)):
            units.append(Unit(text, buf.line + line_offset, buf.kind))
    buf.parts.clear()
    buf.link_chars = 0
    buf.kind = "paragraph"


# ------------------------------------------------------------------------------------ the reader


def soup_of(text: str, path: str) -> BeautifulSoup:
    try:
        with warnings.catch_warnings():  # a seed that looks like a file name or URL is still a seed
            warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
            return BeautifulSoup(text, "html.parser")
    except Exception as exc:  # the parser's own failures on broken markup: reported, never raised
        raise SeedError(path, f"cannot parse the HTML: {exc}", hint="re-save the page from the browser") from exc


def parse_html(text: str, path: str) -> Parsed:
    """A saved page's article: plain paragraphs plus the metadata the page states."""
    soup = soup_of(text, path)
    scope, marked = article_scope(soup)
    meta = page_meta(soup, _meta_scope(soup, scope))
    root = scope if marked else _narrow(scope)
    _prune(root)
    units = html_units(root)
    if units and meta.title and units[0].text == meta.title:
        units = units[1:]
    if not units:
        raise SeedError(path, "no article text found in the page",
                        hint="the page may load its text with scripts; save it after it has loaded, or paste the text into a .txt seed")
    return _merge(parse_units(units, headline=meta.title is None or meta.title_weak), meta)


def _merge(parsed: Parsed, meta: PageMeta) -> Parsed:
    """Page metadata wins over what the text rules found (a dateline's agency is not the site)."""
    blocks = list(parsed.blocks)
    if meta.title and meta.title_line and not (meta.title_weak and parsed.headline):
        blocks.append(Block("headline", meta.title, meta.title_line))
    if meta.caption and meta.caption_line:
        blocks.append(Block("caption", meta.caption, meta.caption_line))
    caption, credit = (meta.caption, meta.caption_credit) if meta.caption else (parsed.caption, parsed.caption_credit)
    return dataclasses.replace(
        parsed,
        headline=(parsed.headline if meta.title_weak else None) or meta.title or parsed.headline,
        outlet=meta.outlet or parsed.outlet,
        published=meta.published or parsed.published,
        modified=meta.modified,
        byline=meta.byline or parsed.byline,
        caption=caption,
        caption_credit=credit,
        url=meta.url,
        language=meta.language,
        blocks=tuple(sorted(blocks, key=lambda b: (b.line, b.kind))),
    )
