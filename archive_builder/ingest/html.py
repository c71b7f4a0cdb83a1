"""Saved article pages (``.html``/``.htm``): the article's text among the page's clutter, as plain units.

1. decode: byte-order mark, then the page's declared charset, then UTF-8 (cp1252 fallback, reported);
2. parse once with lxml (``htmltree``; the same tree goes to trafilatura and htmldate, except on a page
   with ``<noscript>`` blocks, see ``htmltree.library_tree``); read the page's own metadata (``htmlmeta``);
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

from bs4.dammit import EncodingDetector
from lxml import etree

from archive_builder.errors import SeedError
from archive_builder.ingest.decode import Decoded, decode_declared, decode_seed
from archive_builder.ingest.extractors import LARGE_PAGE, Extraction, extract, library_meta
from archive_builder.ingest.htmlcombine import combine, kept_grams, wrappers
from archive_builder.ingest.htmlflat import MAX_DEPTH, flat_units, markup_depth
from archive_builder.ingest.htmllayout import WRAPPER_TAGS, Layout, names_clutter
from archive_builder.ingest.htmlmeta import PageMeta, page_meta
from archive_builder.ingest.htmltree import Element as Tag
from archive_builder.ingest.htmltree import (
    attr,
    children,
    first,
    library_tree,
    parent_named,
    parse_page,
    text_of,
    word_count_at_most,
)
from archive_builder.ingest.text import Parsed, Unit, parse_units
from archive_builder.model import Block, Diagnostic

# Elements whose content is never article text (and never reaches the archive; ``rt``/``rp``: a ruby
# annotation's reading, not the text). ``<head>`` is not one:
# its own elements are, and a page that never closes it (and has no ``<body>``) is parsed wholly inside it.
DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
    "svg", "math", "canvas", "video", "audio", "source", "track", "picture", "img", "map", "button", "input",
    "select", "option", "textarea", "label", "meta", "link", "title", "base", "figure", "figcaption", "rt", "rp",
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
    r"continue reading(?: below)?|scroll to continue(?: with content)?|skip advertisement|share|share this|loading\W*)$",
    re.I,
)
_RELATED = re.compile(r"^(?:read more|also read|related|see also|more on this story|related stories|read also)\s*:", re.I)
INTRO_HINT = re.compile(r"(?:^|[\s_-])(?:intro|lead|lede|teaser|summary|standfirst|dek|subheadline|article-lead)(?:$|[\s_-])",
                        re.I)
CONTAINERS = frozenset({"div", "section", "article", "main", "td", "center"})  # narrowing stops above paragraphs
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


def paragraph_weights(root: Tag, layout: Layout) -> dict[int, int]:
    """For every element (by identity) below ``root``: characters of real paragraphs beneath it.

    A paragraph is a block element (``<p>``, or a ``<div>`` used as one) holding at least
    ``MIN_PARAGRAPH`` characters of its own text outside links and outside clutter. One pass down to
    gather each block's own text, one pass back up to sum: linear in the size of the page."""
    own: dict[int, int] = {}
    order: list[tuple[Tag, Tag | None]] = []
    stack: list[tuple[Tag, Tag | None, Tag, bool]] = [(root, None, root, False)]
    while stack:
        tag, parent, block, in_link = stack.pop()
        order.append((tag, parent))
        # the element's own text and its children's tails belong to its block, outside links only
        text = tag.text
        size = len(" ".join(text.split())) if text and not in_link else 0
        for child in tag:
            tail = child.tail
            if tail and not in_link:
                size += len(" ".join(tail.split()))
            name = child.tag
            if isinstance(name, str) and name not in DROP_TAGS:
                stack.append((child, tag, child if name in BLOCK_TAGS else block, in_link or name == "a"))
        if size:
            own[id(block)] = own.get(id(block), 0) + size
    weights: dict[int, int] = {}
    for tag, parent in reversed(order):  # children before their parents
        key = id(tag)
        size = own.get(key, 0)
        total = weights.get(key, 0) + (size if size >= MIN_PARAGRAPH and not layout.in_clutter(tag) else 0)
        if total:
            weights[key] = total
            if parent is not None:
                weights[id(parent)] = weights.get(id(parent), 0) + total
    return weights


def _narrow(scope: Tag, weights: dict[int, int]) -> Tag:
    """The deepest element still holding at least 80% of the scope's paragraph text."""
    total = weights.get(id(scope), 0)
    if not total:
        return scope
    node = scope
    while True:
        child = next((c for c in node if c.tag in CONTAINERS and weights.get(id(c), 0) >= 0.8 * total), None)
        if child is None:
            return node
        node = child


def _best(candidates: list[Tag], weights: dict[int, int], layout: Layout) -> Tag | None:
    scored = [(weights.get(id(c), 0), -i, c) for i, c in enumerate(candidates) if not layout.in_clutter(c)]
    scored = [s for s in scored if s[0] > 0]
    return max(scored, key=lambda s: (s[0], s[1]))[2] if scored else None


def _hinted(tag: Tag, known: dict[str, bool] | None = None) -> bool:
    attrs = tag.attrib
    if not attrs:
        return False
    names, prop = f"{attrs.get('class') or ''} {attrs.get('id') or ''}", attrs.get("itemprop") or ""
    key = f"{names}\x00{prop}"
    answer = known.get(key) if known is not None else None
    if answer is None:
        answer = prop.lower() == "articlebody" or bool(BODY_HINT.search(names))
        if known is not None:
            known[key] = answer
    return answer


def article_scope(soup: Tag, layout: Layout, weights: dict[int, int]) -> tuple[list[Tag], bool]:
    """The elements holding the article (one, or a body split in parts), and whether the page marked
    them as the body itself."""
    known: dict[str, bool] = {}  # the answer for each class, id and itemprop seen (table cells repeat theirs)
    hinted = [t for t in layout.tags if _hinted(t, known)]
    best = _best(hinted, weights, layout)
    if best is not None:
        return _split_body(best, hinted, weights, layout), True
    for name in ("article", "main"):
        best = _best(list(layout.named(name)), weights, layout)
        if best is None:
            best = _best(list(layout.with_role(name)), weights, layout)
        if best is not None:
            return [best], False
    body = first(soup, "body")
    return [body if body is not None else soup], False


def _split_body(best: Tag, hinted: list[Tag], weights: dict[int, int], layout: Layout) -> list[Tag]:
    """The marked body with its other parts: siblings marked the same way (a body split by an ad or
    a photo) and an intro (``lead``, ``standfirst``, ``summary``...) just before it."""
    parent = best.getparent()
    if parent is None:
        return [best]
    marked = {id(t) for t in hinted if t.getparent() is parent and weights.get(id(t), 0) > 0 and not layout.in_clutter(t)}
    parts: list[Tag] = []
    seen_best = False
    for child in children(parent):
        if child is best:
            seen_best = True
        if id(child) in marked or child is best or not seen_best and INTRO_HINT.search(f"{attr(child, 'class')} {attr(child, 'id')}") \
                and not layout.in_clutter(child) and text_of(child):
            parts.append(child)
    return parts


def _meta_scope(soup: Tag, scope: Tag) -> Tag:
    """Where the article's own header (headline, byline, date, lede photo) is: its ``<article>``."""
    if scope.tag in ("article", "main", "body"):
        return scope
    for found in (parent_named(scope, "article"), parent_named(scope, "main"), first(soup, "body")):
        if found is not None:
            return found
    return scope


def skipped(roots: list[Tag], layout: Layout) -> frozenset[int]:
    """Elements below the roots that are never article text (dropped tags, clutter, date lines).

    Nothing is removed from the tree: the walk that reads the units skips these (by identity)."""
    skip: set[int] = set(date_lines(roots, layout))
    for root in roots:
        stack = children(root)
        while stack:
            tag = stack.pop()
            if tag.tag in DROP_TAGS or layout.is_clutter(tag):
                skip.add(id(tag))
                continue
            stack.extend(children(tag))
    return frozenset(skip)


# ------------------------------------------------------------------------------------ units


@dataclasses.dataclass(slots=True)
class _Buffer:
    """Inline text gathered for the block being read (local to one walk)."""

    parts: list[str] = dataclasses.field(default_factory=list)
    link_chars: int = 0
    line: int = 1
    kind: str = "paragraph"
    tag: str = ""
    owner: int = 0  # the layout's clutter element (by identity) around the block, 0 for none
    inside: bool = False  # the block lies inside a scope element (``Marks``)


@dataclasses.dataclass(slots=True)
class Marks:
    """Asked of a walk: the layout's clutter elements (``Layout.owner``) and some scope elements; it
    answers, for each unit, the clutter element around its block (0: none) and whether the block lies
    inside a scope element. Each clutter element is read as a block of its own, so clutter inside a
    paragraph becomes a unit apart."""

    owner_of: dict[int, int]
    scope: frozenset[int] = frozenset()
    found: list[tuple[int, bool]] = dataclasses.field(default_factory=list)


def html_units(root: Tag | list[Tag], line_offset: int = 0, page: bool = True,
               skip: frozenset[int] = frozenset(), marks: Marks | None = None) -> list[Unit]:
    """Plain-text units from the blocks below ``root`` (or below each of several roots), in document
    order, without recursion; elements in ``skip`` (by identity) are left out.

    With ``page`` (a saved page, not a curator's Markdown) filler lines ("Advertisement") are dropped,
    link lists are dropped, "Related: ..." lines become units of kind ``related`` and paragraphs made
    only of links units of kind ``links`` (kept apart from the body, never lost). With ``marks`` each
    unit's clutter element and scope are recorded (see ``Marks``)."""
    roots = root if isinstance(root, list) else [root]
    owner_of = marks.owner_of if marks else {}
    scope = marks.scope if marks else frozenset()
    found = marks.found if marks else None
    units: list[Unit] = []
    buf = _Buffer()
    # (node, its context: kind, inside a link, clutter element around, inside a scope element); a node
    # is an element, a piece of text (an element's own, or the text after an element) or None (a block ends)
    stack: list[tuple[Tag | str | None, tuple[str, bool, int, bool]]] = []
    for one in reversed(roots):
        context = ("paragraph", False, owner_of.get(id(one), 0), id(one) in scope)
        stack.append((None, context))
        _push_content(stack, one, context)
    pop, push, parts = stack.pop, stack.append, buf.parts
    while stack:
        node, context = pop()
        if node is None:  # end of a block (most blocks end with no text gathered since the last one)
            if parts:
                _flush(buf, units, line_offset, page, found)
            continue
        if isinstance(node, str):
            if not parts:
                buf.kind, _, buf.owner, buf.inside = context
            parts.append(node)
            if context[1]:
                buf.link_chars += len(node.strip())
            continue
        name = node.tag
        if not isinstance(name, str) or name in DROP_TAGS or id(node) in skip:
            continue
        if name == "br":
            parts.append(_BR)
            continue
        kind, in_link, owner, inside = context
        key = id(node)
        block = name in BLOCK_TAGS or owner_of.get(key) == key
        if block:
            if parts:
                _flush(buf, units, line_offset, page, found)
            buf.line = node.sourceline or buf.line
            buf.tag = name
            push((None, context))
            owner = owner_of.get(key, 0)
            kind = KINDS.get(name, kind)
        _push_content(stack, node, (kind, in_link or name == "a", owner, inside or key in scope))
    _flush(buf, units, line_offset, page, found)
    return units


def _push_content(stack: list[tuple[Tag | str | None, tuple[str, bool, int, bool]]], tag: Tag,
                  context: tuple[str, bool, int, bool]) -> None:
    """Push the element's content (its text, each child and the text after it) to be read in order."""
    push = stack.append
    for child in reversed(tag):
        tail = child.tail
        if tail:
            push((tail, context))
        push((child, context))
    if tag.text:
        push((tag.text, context))


def _flush(buf: _Buffer, units: list[Unit], line_offset: int, page: bool,
           marks: list[tuple[int, bool]] | None = None) -> None:
    """The gathered text as units: one, or several where ``<br><br>`` separates paragraphs."""
    joined = "".join(buf.parts)
    if not joined or joined.isspace():  # a block with no text of its own (markup's line breaks only)
        buf.parts.clear()
        buf.link_chars = 0
        buf.kind = "paragraph"
        return
    pieces = _PARAGRAPH_BREAK.split(joined) if _BR in joined else [joined]
    for piece in pieces:
        text = " ".join(piece.replace(_BR, " ").split())
        if not text:
            continue
        kind = buf.kind
        if page:
            dense = buf.link_chars >= 0.75 * len(text.replace(" ", "")) and len(pieces) == 1
            if _FILLER.match(text):
                continue
            if _RELATED.match(text):
                kind = "related"  # "Related: ...": kept apart from the body, never dropped
            elif dense and buf.tag == "p":
                kind = "links"  # a paragraph of links: body text if the libraries keep it, else kept apart
            elif dense:
                continue  # a list or menu of links
        units.append(Unit(text, buf.line + line_offset, kind))
        if marks is not None:
            marks.append((buf.owner, buf.inside))
    buf.parts.clear()
    buf.link_chars = 0
    buf.kind = "paragraph"


# ------------------------------------------------------------------------------------ the reader


def tree_of(text: str, path: str) -> Tag:
    """The page's tree (``htmltree.parse_page``); a page libxml2 cannot read is the seed's error."""
    try:
        return parse_page(text)
    except (etree.LxmlError, ValueError) as exc:  # the parser's own failures on broken markup: reported, never raised
        raise SeedError(path, f"cannot parse the HTML: {exc}", hint="re-save the page from the browser") from exc


@dataclasses.dataclass(frozen=True, slots=True)
class HtmlRead:
    parsed: Parsed
    diagnostics: tuple[Diagnostic, ...] = ()


def parse_html(text: str, path: str, libraries: bool = True) -> Parsed:
    """A saved page's article: plain paragraphs plus the metadata the page states."""
    return read_html(text, path, libraries).parsed


def read_html(text: str, path: str, libraries: bool = True) -> HtmlRead:
    """A saved page's article and what to tell the curator about it.

    With ``libraries`` the page is also read by trafilatura and htmldate (``extractors``): their
    body decides which of the page's blocks are the article where ours found none or less, their
    date fills a date the page's markup does not state plainly."""
    soup = tree_of(text, path)
    layout = Layout.of(soup)
    # libxml2 nests at most 2,047 levels deep, so a deeper tree than the limit is what a page built
    # to be deep gives; only then is the markup scanned again (in Python) for how deep it asks to go
    if max(layout.depth.values(), default=0) > MAX_DEPTH and (depth := markup_depth(text)) > MAX_DEPTH:
        return _read_flat(text, path, depth)
    body_tag = first(soup, "body")
    page_root = body_tag if body_tag is not None else soup
    weights = paragraph_weights(soup, layout)
    scopes, marked = article_scope(soup, layout, weights)
    their_tree = library_tree(text, soup) if libraries else None
    large = len(layout.tags) > LARGE_PAGE
    extraction = extract(their_tree, large) if their_tree is not None else None
    ask = (lambda wanted: library_meta(their_tree, wanted, large)) if their_tree is not None else None
    meta = page_meta(soup, _meta_scope(soup, scopes[0]), layout, ask)
    roots = scopes if marked else [_narrow(scopes[0], weights)]
    units = _combined_units(page_root, roots, layout, extraction) if extraction is not None and extraction.units else []
    if not units:
        units = html_units(roots, skip=skipped(roots, layout))
    related = [u for u in units if u.kind in ("related", "links")]
    units = [u for u in units if u.kind not in ("related", "links")]
    if units and meta.title and units[0].text == meta.title:
        units = units[1:]
    if not units:
        raise SeedError(path, "no article text found in the page",
                        hint="the page may load its text with scripts; save it after it has loaded, or paste the text into a .txt seed")
    parsed = _merge(parse_units(units, headline=meta.title is None or meta.title_weak, captions=False), meta)
    return HtmlRead(_with_related(parsed, related))


def _combined_units(page_root: Tag, roots: list[Tag], layout: Layout, extraction: Extraction) -> list[Unit]:
    """The article's blocks as ``combine`` chooses them from one walk of the page.

    The walk reads clutter too, marking each block's clutter element; a block is left out when a
    clutter element around it is neither the article's wrapper (``wrappers``: it holds most of the
    text trafilatura kept) nor a ``<header>``/``<form>`` that only its tag makes clutter (among their
    blocks the libraries' choice decides)."""
    marks = Marks(layout.owner, frozenset(id(r) for r in roots))
    every = html_units(page_root, skip=date_lines([page_root], layout), marks=marks)
    owners = [owner for owner, _ in marks.found]
    kept = kept_grams(extraction)
    spare = set(wrappers(every, owners, layout.above, layout.depth, kept))
    spare.update(id(t) for t in layout.named(*WRAPPER_TAGS) if layout.is_clutter(t) and not names_clutter(t))
    vetoed: dict[int, bool] = {0: False}
    for owner in owners:
        chain = []
        while owner not in vetoed:
            chain.append(owner)
            owner = layout.above.get(owner, 0)
        verdict = vetoed[owner]
        for key in reversed(chain):  # from the outermost clutter element in
            verdict = verdict or key not in spare
            vetoed[key] = verdict
    clean = [u for u, (owner, _) in zip(every, marks.found, strict=True) if not vetoed[owner]]
    ours = [u for u, (owner, inside) in zip(every, marks.found, strict=True)
            if inside and not vetoed[owner] and u.kind in ("related", "links")]
    return combine(ours, extraction, clean, kept=kept)


def date_lines(roots: list[Tag], layout: Layout) -> frozenset[int]:
    """Short blocks around a ``<time>`` ("Posted <time>July 4</time>"): date lines, stated in the
    metadata, never body text (the roots themselves excepted)."""
    found: set[int] = set()
    for tag in layout.named("time"):
        block = parent_named(tag, *BLOCK_TAGS)
        if block is not None and all(block is not r for r in roots) and word_count_at_most(block, 12):
            found.add(id(block))
    return frozenset(found)


def _read_flat(text: str, path: str, depth: int) -> HtmlRead:
    units = flat_units(text)
    problem = Diagnostic(path, f"markup nested too deeply ({depth} levels; the limit is {MAX_DEPTH}): "
                               "read as plain paragraphs, without the page's layout or metadata", "warning",
                         hint="re-save the page from the browser, or paste the article's text into a .txt seed")
    if not units:
        raise SeedError(path, f"markup nested too deeply ({depth} levels; the limit is {MAX_DEPTH}) and no text in it",
                        hint="re-save the page from the browser, or paste the article's text into a .txt seed")
    return HtmlRead(parse_units(units), (problem,))


def _with_related(parsed: Parsed, related: list[Unit]) -> Parsed:
    """Related links and link-only paragraphs: kept apart from the body as boilerplate, not lost."""
    if not related:
        return parsed
    blocks = [*parsed.blocks, *(Block("boilerplate", u.text, u.line) for u in related)]
    return dataclasses.replace(parsed, boilerplate=(*parsed.boilerplate, *(u.text for u in related)),
                               blocks=tuple(sorted(blocks, key=lambda b: (b.line, b.kind))))


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
