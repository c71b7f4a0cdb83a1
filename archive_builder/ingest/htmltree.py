"""A saved page parsed once, with lxml: the tree our rules walk and trafilatura and htmldate read
(a page with ``<noscript>`` blocks is parsed a second time for them: ``library_tree``).

One parse in C (libxml2, the parser trafilatura uses, with its settings and repairs) instead of a
second, pure-Python one: on a page of 10,000 elements the parse takes 0.02 s where BeautifulSoup's
took 0.8 s. Comments, processing instructions and ``<noscript>`` blocks (shown only without scripts)
are dropped while parsing (the text around them joins up); markup nests as deep as the page goes
(``huge_tree``: a page up to ``htmlflat.MAX_DEPTH`` levels deep is read whole, not cut at libxml2's
usual 256). Every element keeps the line of its start tag (``sourceline``: the line where the tag
ends when it spans lines).

Elements are ``lxml.html.HtmlElement`` values; the helpers here read them as the rest of the reader
needs: an attribute as a string, an element's visible text, its element children.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction, document_fromstring

# trafilatura's own parser settings (its ``utils.HTML_PARSER``), reading arbitrarily deep markup.
_PARSER = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                     remove_pis=True, huge_tree=True)
# Every element an ``HtmlElement``, chosen in C: lxml.html's own lookup asks Python for each element
# trafilatura and our walks touch (tens of thousands on a large page) only to give form fields classes
# of their own, which nothing here uses.
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
# Characters XML (and so libxml2) cannot hold; trafilatura removes them before parsing too.
_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DOCTYPE = re.compile(r"<!DOCTYPE[^>]*>", re.I)
# A ``<noscript>`` block ends at its first ``</noscript>``, as in a browser (which shows none of it);
# libxml2 ignores an end tag that closes it out of order (``<noscript><div></noscript>``) and would
# put the rest of the page inside it.
_NOSCRIPT = re.compile(r"<noscript\b[^>]*>.*?</noscript\s*>", re.I | re.S)
_NOSCRIPT_START = re.compile(r"<noscript\b", re.I)
_SELF_CLOSED_HTML = re.compile(r"(<html[^>]*?)\s*/>", re.I)
# Their text is code, never shown, or a ruby annotation's reading (``rt``, ``rp``), not the text.
_INVISIBLE = frozenset({"script", "style", "template", "rt", "rp"})
_TEXT = etree.XPath(".//text()[not(parent::script or parent::style or parent::template or parent::rt or parent::rp)]",
                    smart_strings=False)

Element = HtmlElement


def parse_page(text: str, noscript: bool = False) -> HtmlElement:
    """The page's tree (its ``<html>`` element; an empty one for a page with no markup or text);
    with ``noscript`` its ``<noscript>`` blocks are kept, read as libxml2 reads them.

    Raises ``ValueError`` (or lxml's ``ParserError``, a subclass) when libxml2 cannot read it."""
    text = _INVALID.sub("", text)
    first, newline, rest = text.partition("\n")  # libxml2 mis-reads some doctypes (lxml bug 1955915)
    if "doctype" in first[:50].lower():
        text = _DOCTYPE.sub("", first, count=1) + newline + rest
    if not noscript and _NOSCRIPT_START.search(text):
        text = _NOSCRIPT.sub(lambda m: "\n" * m.group().count("\n"), text)  # lines keep their numbers
    head = text[:4096]
    for line in head.splitlines()[:4]:  # a self-closed <html/> would close the whole page
        if "<html" in line and line.endswith("/>"):
            text = _SELF_CLOSED_HTML.sub(r"\1>", text, count=1)
            break
    if not text.strip():
        return document_fromstring("<html></html>")
    try:
        return document_fromstring(text.encode("utf-8"), parser=_PARSER)
    except etree.ParserError:  # "Document is empty": markup with nothing in it
        return document_fromstring("<html></html>")


def library_tree(text: str, tree: HtmlElement) -> HtmlElement:
    """The tree trafilatura and htmldate read: the page's own ``tree``, unless the page has
    ``<noscript>`` blocks: the libraries were built and measured reading those as libxml2 does (with
    their text), so they get a tree of their own (one more parse, 0.02 s on a large page)."""
    if not _NOSCRIPT_START.search(text):
        return tree
    try:
        return parse_page(text, noscript=True)
    except ValueError:  # lxml's ParserError included: read what the page's own tree holds
        return tree


def is_element(node: Any) -> bool:
    """An element (not an entity reference or other special node)."""
    return isinstance(node.tag, str)


def children(tag: HtmlElement) -> list[HtmlElement]:
    """The element's element children, in order."""
    return [c for c in tag if isinstance(c.tag, str)]


def attr(tag: HtmlElement, name: str) -> str:
    """An attribute's value, ``""`` when absent."""
    return tag.get(name) or ""


def strings(tag: HtmlElement) -> Iterator[str]:
    """The visible text pieces below the element (not those of scripts, styles, templates or ruby readings)."""
    if tag.tag in _INVISIBLE:
        return iter(())
    return iter(_TEXT(tag))


def text_of(node: HtmlElement | str | None) -> str:
    """The element's visible text (or a string), whitespace collapsed."""
    if node is None:
        return ""
    raw = node if isinstance(node, str) else " ".join(strings(node))
    return " ".join(raw.split())


def pieces(tag: HtmlElement) -> Iterator[str]:
    """The same pieces as ``strings``, read lazily: a caller that needs only the start of a large
    element's text reads only that much (a short look at each of many dates inside one large block
    stays linear in the page, not dates x block)."""
    if tag.tag in _INVISIBLE:
        return
    if tag.text:
        yield tag.text
    stack: list[tuple[HtmlElement, Iterator[Any]]] = [(tag, iter(tag))]
    while stack:
        node, below = stack[-1]
        child = next(below, None)
        if child is None:
            stack.pop()
            if stack and node.tail and stack[-1][0].tag not in _INVISIBLE:
                yield node.tail
            continue
        if not isinstance(child.tag, str):  # an entity or other special node: only the text after it
            if child.tail and node.tag not in _INVISIBLE:
                yield child.tail
            continue
        if child.text and child.tag not in _INVISIBLE:
            yield child.text
        stack.append((child, iter(child)))


def text_start(tag: HtmlElement, limit: int) -> str:
    """``text_of(tag)[:limit]``, reading no more of the element than that needs."""
    words: list[str] = []
    size = -1
    for piece in pieces(tag):
        for word in piece.split():
            words.append(word)
            size += len(word) + 1
            if size >= limit:
                return " ".join(words)[:limit]
    return " ".join(words)


def word_count_at_most(tag: HtmlElement, most: int) -> bool:
    """Whether the element's visible text has at most ``most`` words (reading at most that many and one)."""
    count = 0
    for piece in pieces(tag):
        count += len(piece.split())
        if count > most:
            return False
    return True


def raw_text_shorter(tag: HtmlElement, limit: int) -> bool:
    """Whether the element's visible text as it stands (no separators added) is shorter than ``limit``
    characters, reading no more of the element than that needs."""
    size = 0
    for piece in pieces(tag):
        size += len(piece)
        if size >= limit:
            return False
    return True


def first(root: HtmlElement, name: str) -> HtmlElement | None:
    """The first element named ``name`` below ``root`` (or ``root`` itself)."""
    if root.tag == name:
        return root
    return next(root.iterdescendants(name), None)


def parent_named(tag: HtmlElement, *names: str) -> HtmlElement | None:
    """The nearest ancestor named one of ``names``."""
    return next(tag.iterancestors(*names), None)
