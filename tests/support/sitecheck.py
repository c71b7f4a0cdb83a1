"""Checks over a built site (the HTML MkDocs wrote): internal links and anchors, recovered text.

Usable from tests and as a script: ``python -m tests.support.sitecheck site/`` prints every broken
internal link or anchor and exits non-zero when there is one.
"""

from __future__ import annotations

import posixpath
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

LINK_ATTRS = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("iframe", "src"))


@dataclass(frozen=True, slots=True)
class BrokenLink:
    page: str  # site-relative path of the page holding the link
    href: str
    reason: str

    def format(self) -> str:
        return f"{self.page}: {self.href!r} {self.reason}"


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.is_file())


def page_url(site: Path, page: Path) -> str:
    """The URL path (from the site root) a page is served at: ``a/b/index.html`` -> ``a/b/``."""
    rel = page.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def resolve(site: Path, url: str) -> Path | None:
    """The file a site-relative URL path is served from, or None when nothing serves it."""
    target = site / unquote(url)
    if url == "" or url.endswith("/"):
        target = target / "index.html"
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def _anchors(path: Path, cache: dict[Path, frozenset[str]]) -> frozenset[str]:
    if path not in cache:
        soup = BeautifulSoup(path.read_bytes(), "html.parser")
        found = {str(t["id"]) for t in soup.find_all(id=True)}
        found |= {str(t["name"]) for t in soup.find_all("a", attrs={"name": True})}
        cache[path] = frozenset(found)
    return cache[path]


def internal_links(site: Path, page: Path, soup: BeautifulSoup) -> Iterator[tuple[str, str | None, str]]:
    """(href as written, target URL path from the site root or None if it leaves the site, fragment)."""
    base = page_url(site, page)
    folder = posixpath.dirname(base)
    base_dir = base if base.endswith("/") or base == "" else (folder + "/" if folder else "")
    for tag, attr in LINK_ATTRS:
        for element in soup.find_all(tag):
            raw = element.get(attr)
            if not isinstance(raw, str):
                continue
            parts = urlsplit(raw)
            if parts.scheme or parts.netloc or raw.startswith("//"):
                continue
            if base == "404.html" and parts.path.startswith("/"):
                # MkDocs writes the error page with root-relative links (it is served at any depth)
                yield raw, _join("", "", parts.path.lstrip("/") or "."), unquote(parts.fragment)
                continue
            yield raw, _join(base, base_dir, parts.path), unquote(parts.fragment)


def _join(base: str, base_dir: str, path: str) -> str | None:
    if not path:
        return base
    if path.startswith("/"):
        return None  # absolute paths break when the site is served below a domain's root
    joined = posixpath.normpath(posixpath.join(base_dir, path))
    if joined == ".":
        return ""
    if joined == ".." or joined.startswith("../"):
        return None
    is_dir = path.endswith("/") or path.rsplit("/", 1)[-1] in (".", "..")
    return joined + "/" if is_dir else joined


def check_links(site: Path) -> list[BrokenLink]:
    """Every internal href/src in every page must resolve to a file, and every #anchor to an id."""
    broken: list[BrokenLink] = []
    cache: dict[Path, frozenset[str]] = {}
    for page in html_pages(site):
        rel = page.relative_to(site).as_posix()
        soup = BeautifulSoup(page.read_bytes(), "html.parser")
        cache.setdefault(page, frozenset(str(t["id"]) for t in soup.find_all(id=True)))
        for raw, url, fragment in internal_links(site, page, soup):
            if url is None:
                broken.append(BrokenLink(rel, raw, "leaves the site (absolute or above its root)"))
                continue
            target = resolve(site, url)
            if target is None:
                broken.append(BrokenLink(rel, raw, f"-> {url!r}: no such file"))
            elif fragment and target.suffix == ".html" and fragment not in _anchors(target, cache):
                broken.append(BrokenLink(rel, raw, f"-> {url!r}: no element with id {fragment!r}"))
    return broken


def page_kinds(site: Path) -> dict[str, list[str]]:
    """Built pages grouped by their first URL segment (``articles``, ``people``, ``events``...).

    The home page is kind ``home``; section index pages are ``<segment>-index``."""
    kinds: dict[str, list[str]] = {}
    for page in html_pages(site):
        url = page_url(site, page)
        if url in ("", "404.html"):
            kind = "home" if url == "" else "not-found"
        else:
            segments = url.strip("/").split("/")
            kind = segments[0] if len(segments) > 1 else f"{segments[0]}-index"
        kinds.setdefault(kind, []).append(url)
    return {k: sorted(v) for k, v in sorted(kinds.items())}


# ------------------------------------------------------------------------- text recovered from pages


def article_body(html: str | bytes) -> str:
    """The article body as a reader sees it: the text of each body paragraph, joined by a blank line.

    This is the inverse of the renderer's contract (``body`` in the export = paragraphs joined by
    ``\\n\\n``), recovered only from what the browser receives."""
    soup = BeautifulSoup(html, "html.parser")
    bodies = soup.select("div.ab-body")
    if len(bodies) != 1:
        raise AssertionError(f"expected one article body (div.ab-body), found {len(bodies)}")
    paragraphs = bodies[0].find_all("p", class_="ab-para")
    return "\n\n".join(p.get_text() for p in paragraphs)


def article_html_path(site: Path, page: str, use_directory_urls: bool = True) -> Path:
    """The built HTML file of a docs page such as ``articles/x.md``."""
    stem = page[: -len(".md")]
    return site / (f"{stem}/index.html" if use_directory_urls else f"{stem}.html")


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    broken = check_links(site)
    for item in broken:
        print(item.format())
    kinds = page_kinds(site)
    print(f"{sum(len(v) for v in kinds.values())} pages checked ({', '.join(f'{k}: {len(v)}' for k, v in kinds.items())});"
          f" {len(broken)} broken link(s)")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
