"""What every renderer needs to know about the archive, built once per render."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from archive_builder.model import Archive, Article, Entity
from archive_builder.textutil import slug_words


@dataclass(frozen=True, slots=True)
class Output:
    """A file to publish under the docs folder: generated text, or a byte-for-byte copy of a seed."""

    path: str  # relative to the docs folder, forward slashes
    data: bytes | None = None
    copy_from: str | None = None  # absolute path of the file to copy
    sha256: str | None = None  # digest of the copied file when known (lets the writer skip reading it)


@dataclass(frozen=True, slots=True)
class RenderContext:
    archive: Archive
    site_name: str = "News archive"
    use_directory_urls: bool = True
    articles: dict[str, Article] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)

    @classmethod
    def of(cls, archive: Archive, site_name: str = "News archive", use_directory_urls: bool = True) -> RenderContext:
        return cls(archive, site_name, use_directory_urls, {a.id: a for a in archive.articles},
                   {e.id: e for e in archive.entities.entities})

    @property
    def build_date(self) -> dt.date | None:
        return self.archive.built.date() if self.archive.built else None


_PLAIN_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,120}")
_HASHED = re.compile(r".*-[0-9a-f]{8}")  # the shape of a slug plus digest: no plain id may take it
# Names a page may not take: the folders' own index pages (MkDocs reads README.md as index.md too)
# and names Windows reserves for devices (a site copied there must not lose pages).
RESERVED = frozenset({"index", "readme", "con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                      *(f"lpt{i}" for i in range(10))})
_ORIGINAL_MAX = 200  # bytes of a published original's name kept as it is (file systems allow 255)
_SEED_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml", ".md", ".markdown"})


def _digest(name: str) -> str:
    return hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def page_slug(article_id: str) -> str:
    """A page name for an id, unique by construction: the id itself when it is a plain lowercase
    slug (not a reserved name such as ``index``, not shaped like a slug plus digest); otherwise its
    transliterated slug plus a digest of the exact id (``A b`` -> ``a-b-1a2b3c4d``), so ids that differ
    in case, Unicode normalization or bytes never share a page, and no name exceeds 90 characters."""
    if _PLAIN_ID.fullmatch(article_id) and article_id not in RESERVED and not _HASHED.fullmatch(article_id):
        return article_id
    return f"{slug_words(article_id) or 'article'}-{_digest(article_id)}"


def article_page(article_id: str) -> str:
    return f"articles/{page_slug(article_id)}.md"


def original_path(seed_name: str) -> str:
    """Where the seed's original bytes are published, unique by construction. Non-.txt seeds get
    ``.txt`` appended so a saved HTML page is served as inert text, never as a live page of the site.
    The name is kept when it is canonical: printable valid Unicode in NFC and lower case, not hidden,
    short enough, a ``.txt`` seed's stem not ending in another seed suffix (``x.html.txt`` beside
    ``x.html``) and no stem shaped like a slug plus digest; any other name becomes its slug plus a
    digest of the exact name (``Breaking News.txt`` -> ``breaking-news-1a2b3c4d.txt``)."""
    stem, dot, suffix = seed_name.rpartition(".")
    stem, suffix = (stem, f".{suffix}") if dot else (seed_name, "")
    published = seed_name if suffix == ".txt" else f"{seed_name}.txt"
    if _canonical(seed_name, stem, suffix, published):
        return f"originals/{published}"
    kind = suffix.lower() if suffix.lower() in _SEED_SUFFIXES else ""
    return f"originals/{slug_words(stem) or 'seed'}-{_digest(seed_name)}{kind}{'' if kind == '.txt' else '.txt'}"


def _canonical(name: str, stem: str, suffix: str, published: str) -> bool:
    if not name.isprintable() or name.startswith((".", "_")) or "/" in name or "\\" in name:
        return False
    try:
        size = len(published.encode("utf-8"))
    except UnicodeEncodeError:  # a file name with bytes that are not UTF-8
        return False
    if size > _ORIGINAL_MAX or name != unicodedata.normalize("NFC", name).casefold():
        return False
    inner = stem.rpartition(".")[2] if "." in stem else ""
    if suffix == ".txt" and inner and f".{inner}" in _SEED_SUFFIXES:
        return False
    return not _HASHED.fullmatch(stem.split(".", 1)[0])


def by_date_then_title(article: Article) -> tuple[int, str, str, str]:
    """Sort key: dated articles by date (unknown dates last), then title, then id."""
    ordinal = article.published.toordinal() if article.published else 10**7
    return (ordinal, article.title.casefold(), article.title, article.id)


def newest_first(article: Article) -> tuple[int, str, str]:
    ordinal = -article.published.toordinal() if article.published else 1
    return (ordinal, article.title.casefold(), article.id)
