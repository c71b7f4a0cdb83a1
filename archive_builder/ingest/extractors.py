"""Learned and well-kept extractors from PyPI behind one adapter: trafilatura (body, metadata) and
htmldate (publication date).

Nothing else in the package imports them. The adapter returns plain frozen values (paragraph texts
with their kinds, a title, names, a date); a library that fails on a page gives an empty result and
a reason, never an exception. Their versions are part of the cache key (``LIBRARY_VERSIONS``), so a
new release re-reads every page.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass
from importlib import metadata
from typing import Any

# The libraries whose releases change what a saved page gives (read by ``cache.code_version``).
LIBRARIES = ("trafilatura", "htmldate", "lxml", "beautifulsoup4", "justext", "courlan")
_KINDS = {"p": "paragraph", "head": "heading", "quote": "quote", "item": "list-item", "row": "paragraph",
          "code": "paragraph"}
_LEAVES = frozenset({"p", "head", "quote", "item", "row", "code"})
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# htmldate's options: the original (publication) date, not the last modification; dates stated in the
# page's markup and text, within fixed bounds (never "today": the same page gives the same date). No
# extensive search: it hands free text to dateparser, whose first call builds patterns for its 200
# locales (5-9 s, charged to whichever page comes first), and on the development pages it changed no
# date our reader keeps (134 of 141 right either way without the address rule).
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d",
                                "min_date": "1995-01-01", "max_date": "2100-01-01"}


def library_versions() -> str:
    """``trafilatura 2.3.1; htmldate 1.11.0; ...`` (``-`` for a library that is not installed)."""
    found = []
    for name in LIBRARIES:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} -")
    return "; ".join(found)


@dataclass(frozen=True, slots=True)
class Extraction:
    """The article text the libraries found in one page; ``problem`` says why it is missing."""

    units: tuple[tuple[str, str], ...] = ()  # (kind, text) in document order: paragraph | heading | quote | list-item
    problem: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.units)


# The metadata fields a reader may ask the libraries for (``library_meta``).
TITLE, BYLINE, SITENAME, DATE = "title", "byline", "sitename", "date"


@dataclass(frozen=True, slots=True)
class LibraryMeta:
    """What the libraries found about one page (only the fields asked for); ``problem`` says why
    a field is missing."""

    title: str | None = None
    byline: tuple[str, ...] = ()
    sitename: str | None = None
    published: dt.date | None = None  # htmldate's original (publication) date
    problem: str | None = None


def extract(tree: Any, large: bool = False) -> Extraction:
    """trafilatura's article text from a page's parsed tree (``htmltree.parse_page``: the page is
    not parsed again; the library works on its own copy, the tree is left as it was). Its metadata
    is not read here: ``library_meta`` reads it, only when the page's own markup lacks a field
    (on a large page trafilatura's metadata costs a fifth to a quarter of its time). On a ``large``
    page (over ``LARGE_PAGE`` elements) trafilatura runs without its fallback readers (readability,
    jusText) beside its own."""
    try:
        from trafilatura import bare_extraction

        # output_format "xml": the body as a tree (read below), without also rendering it as plain text
        doc = bare_extraction(tree, include_comments=False, include_tables=True, with_metadata=False,
                              output_format="xml", fast=large)
    except Exception as exc:  # a library's failure on one page costs that page its help, nothing more
        return Extraction(problem=f"trafilatura failed: {type(exc).__name__}")
    if doc is None or isinstance(doc, dict):
        return Extraction(problem="trafilatura found no article text")
    return Extraction(units=tuple(_units(getattr(doc, "body", None))))


def library_meta(tree: Any, wanted: frozenset[str], large: bool = False) -> LibraryMeta:
    """The ``wanted`` fields (``TITLE``, ``BYLINE``, ``SITENAME``, ``DATE``) as trafilatura and
    htmldate read them from the page's tree (left as it was).

    The steps of trafilatura's metadata reader (``extract_metadata``), in its order and with its
    clean-ups, but only those a wanted field needs: its ``<meta>`` and JSON-LD reading (cheap), then
    its search of the page for a title, a byline (a copy of the whole tree, pruned: the costly step)
    or a site name; htmldate for the date. Categories, tags and licence are never read; on a ``large``
    page, neither is the byline searched for."""
    if not wanted:
        return LibraryMeta()
    published, problem = _published(tree) if DATE in wanted else (None, None)
    if wanted == {DATE}:
        return LibraryMeta(published=published, problem=problem)
    try:
        doc = _their_meta(tree, wanted, large)
    except Exception as exc:
        return LibraryMeta(published=published, problem=problem or f"trafilatura failed: {type(exc).__name__}")
    byline = tuple(n.strip() for n in (getattr(doc, "author", None) or "").split(";") if n.strip())
    return LibraryMeta(title=_plain(getattr(doc, "title", None)) if TITLE in wanted else None,
                       byline=byline if BYLINE in wanted else (),
                       sitename=_plain(getattr(doc, "sitename", None)) if SITENAME in wanted else None,
                       published=published, problem=problem)


# Elements beyond which a page is ``large`` (a table of thousands of cells; a news page has hundreds):
# the libraries' costliest optional steps are left out, so no page's cost runs away
LARGE_PAGE = 8000


def _their_meta(tree: Any, wanted: frozenset[str], large: bool) -> Any:
    """trafilatura's ``Document`` with the wanted fields its metadata reader would fill."""
    from trafilatura.metadata import examine_meta, extract_author, extract_meta_json, extract_sitename, extract_title

    doc = examine_meta(tree)
    if doc.author and " " not in doc.author:  # as trafilatura does: one word is no name
        doc.author = None
    with contextlib.suppress(Exception):  # trafilatura's own guard around its JSON-LD reading
        doc = extract_meta_json(tree, doc)
    if TITLE in wanted and not doc.title:
        doc.title = extract_title(tree)
    if BYLINE in wanted and not doc.author and not large:  # a copy of the whole tree, pruned
        doc.author = extract_author(tree)
    if SITENAME in wanted:
        doc.sitename = doc.sitename or extract_sitename(tree)
        if doc.sitename:
            doc.sitename = doc.sitename.lstrip("@")
            if doc.sitename and "." not in doc.sitename and not doc.sitename[0].isupper():
                doc.sitename = doc.sitename.title()
    doc.clean_and_trim()
    return doc


def _plain(value: Any) -> str | None:
    text = " ".join(value.split()) if isinstance(value, str) else ""
    return text or None


def _units(body: Any) -> list[tuple[str, str]]:
    """Leaf blocks of trafilatura's output tree, in order, without recursion (lists nest)."""
    if body is None:
        return []
    found: list[tuple[str, str]] = []
    stack = [body]
    while stack:
        node = stack.pop()
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _LEAVES:
            own = [node.text or ""]
            nested = []
            for child in node:
                if child.tag in ("list", "table") or child.tag in _LEAVES:
                    nested.append(child)
                    own.append(child.tail or "")
                else:
                    own.append("".join(child.itertext()))
                    own.append(child.tail or "")
            text = " ".join(" ".join(own).split())
            if tag == "row":
                text = " | ".join(t for t in (" ".join("".join(c.itertext()).split()) for c in node) if t)
                nested = []
            if text:
                found.append((_KINDS[tag], text))
            stack.extend(reversed(nested))
            continue
        if node is not body and tag not in ("list", "table", "div", "body", "cell", "lb", "hi", "ref", "del"):
            text = " ".join("".join(node.itertext()).split())
            if text:
                found.append(("paragraph", text))
            continue
        stack.extend(reversed(list(node)))
    return found


def _published(tree: Any) -> tuple[dt.date | None, str | None]:
    try:
        from htmldate import find_date

        value = find_date(tree, **_DATE_PARAMS)
    except Exception as exc:
        return None, f"htmldate failed: {type(exc).__name__}"
    return _iso_date(value), None


def _iso_date(value: object) -> dt.date | None:
    return ymd_date(_ISO.match(value) if isinstance(value, str) else None)


def ymd_date(match: re.Match[str] | None) -> dt.date | None:
    """The date of a match whose groups 1-3 are year, month and day; None when there is none or it is no date."""
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
