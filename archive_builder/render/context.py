"""What every renderer needs to know about the archive, built once per render."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

from archive_builder.model import Archive, Article, Entity
from archive_builder.textutil import slugify


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


def page_slug(article_id: str) -> str:
    """The id itself when it is a plain lowercase slug; otherwise a slug plus a short hash, so two
    ids never share a page (``A b`` and ``a-b``, or ids differing only in case)."""
    if _PLAIN_ID.fullmatch(article_id):
        return article_id
    digest = hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:8]
    return f"{slugify(article_id, 'article')}-{digest}"


def article_page(article_id: str) -> str:
    return f"articles/{page_slug(article_id)}.md"


def original_path(seed_name: str) -> str:
    """Where the seed's original bytes are published. Non-.txt seeds get ``.txt`` appended so a
    saved HTML page is served as inert text, never as a live page of the site."""
    name = seed_name if seed_name.lower().endswith(".txt") else f"{seed_name}.txt"
    if name.startswith(".") or "/" in name or "\\" in name:
        name = "_" + name.replace("/", "_").replace("\\", "_")
    return f"originals/{name}"


def by_date_then_title(article: Article) -> tuple[int, str, str, str]:
    """Sort key: dated articles by date (unknown dates last), then title, then id."""
    ordinal = article.published.toordinal() if article.published else 10**7
    return (ordinal, article.title.casefold(), article.title, article.id)


def newest_first(article: Article) -> tuple[int, str, str]:
    ordinal = -article.published.toordinal() if article.published else 1
    return (ordinal, article.title.casefold(), article.id)
