"""Ingest: seed files -> Articles. One reader per format, one entry point: ``read_seed``.

Every reader returns a ``Parsed`` (paragraphs plus what the seed states about itself) and every
``Parsed`` becomes an ``Article`` through the same ``_article``, so later stages cannot tell the
formats apart except by ``Article.format``.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path

from archive_builder.errors import SeedError
from archive_builder.ingest.decode import Decoded, decode_seed
from archive_builder.ingest.html import decode_html, parse_html
from archive_builder.ingest.markdown import parse_markdown
from archive_builder.ingest.overrides import OVERRIDE_SUFFIX, Overrides
from archive_builder.ingest.text import Parsed, derive_title, parse_text
from archive_builder.model import Article, Diagnostic, Seed, SeedFormat
from archive_builder.textutil import count_words

SEED_FORMATS: dict[str, SeedFormat] = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".md": "markdown", ".markdown": "markdown",
}


@dataclass(frozen=True, slots=True)
class Ingested:
    """The result of reading one seed: an article, or none and the reasons."""

    seed: Seed
    article: Article | None
    diagnostics: tuple[Diagnostic, ...] = ()


def seed_format(path: Path) -> SeedFormat | None:
    return SEED_FORMATS.get(path.suffix.lower())


def make_seed(path: Path, rel: str, data: bytes) -> Seed:
    fmt = seed_format(path)
    if fmt is None:
        raise SeedError(rel, f"unsupported seed format '{path.suffix}'")
    return Seed(path=rel, name=path.name, id=path.stem, format=fmt,
                sha256=hashlib.sha256(data).hexdigest(), size=len(data))


def read_seed(seed: Seed, data: bytes, overrides: Overrides | None = None) -> Ingested:
    """Parse one seed's bytes into an Article. Never raises for bad input: returns diagnostics."""
    problems: list[Diagnostic] = []
    try:
        decoded = decode_html(data, seed.path) if seed.format == "html" else decode_seed(data, seed.path)
        problems.extend(decoded.diagnostics)
        parsed = _parse(seed, decoded, problems)
        if parsed is None:
            return Ingested(seed, None, tuple(problems))
        article = _article(seed, parsed)
    except SeedError as exc:
        return Ingested(seed, None, (*problems, exc.diagnostic()))
    except RecursionError:
        problem = Diagnostic(seed.path, "markup nested too deeply to read", hint="re-save the page or paste its text into a .txt seed")
        return Ingested(seed, None, (*problems, problem))
    if overrides is not None and overrides.values:
        article = apply_overrides(article, overrides)
    return Ingested(seed, article, tuple(problems))


def _parse(seed: Seed, decoded: Decoded, problems: list[Diagnostic]) -> Parsed | None:
    """The format's reader; None when a Markdown seed's front matter excludes it."""
    if seed.format == "html":
        return parse_html(decoded.text, seed.path)
    if seed.format == "markdown":
        result = parse_markdown(decoded.text, seed.path)
        problems.extend(result.diagnostics)
        if result.front_matter.get("exclude"):
            problems.append(Diagnostic(seed.path, "excluded by the curator (exclude: true)", "info"))
            return None
        return result.parsed
    return parse_text(decoded.text)


def _article(seed: Seed, parsed: Parsed) -> Article:
    if not parsed.paragraphs:
        kinds = sorted({b.kind for b in parsed.blocks})
        found = f" (found only: {', '.join(kinds)})" if kinds else ""
        raise SeedError(seed.path, f"no body text{found}", hint="a seed needs at least one paragraph of article text")
    body, spans = join_paragraphs(parsed.paragraphs)
    derived: list[str] = []
    title = parsed.headline
    if not title:
        # the first paragraph that gives a title (a lede of only '---' gives none), else the seed's id
        title = next((t for t in map(derive_title, parsed.paragraphs) if t.strip()), seed.id)
        derived.append("title")
    outlet = parsed.outlet
    if outlet is None and parsed.publisher:
        outlet = parsed.publisher
        derived.append("outlet")
    return Article(
        id=seed.id, seed=seed.name, format=seed.format, sha256=seed.sha256,
        title=title, title_derived=title != parsed.headline, body=body, paragraphs=spans,
        outlet=outlet, published=parsed.published, byline=parsed.byline, credits=parsed.credits,
        caption=parsed.caption, caption_credit=parsed.caption_credit, dateline=parsed.dateline,
        source_credit=parsed.source_credit, boilerplate=parsed.boilerplate, chrome=parsed.chrome, blocks=parsed.blocks,
        derived=tuple(derived), modified=parsed.modified, url=parsed.url, language=parsed.language,
        notes=parsed.notes, paragraph_kinds=parsed.kinds, words=count_words(body),
    )


def join_paragraphs(paragraphs: tuple[str, ...] | list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The archived body: paragraphs joined by a blank line, with each paragraph's offsets."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for text in paragraphs:
        spans.append((pos, pos + len(text)))
        pos += len(text) + 2
    return "\n\n".join(paragraphs), tuple(spans)


def apply_overrides(article: Article, overrides: Overrides) -> Article:
    """Curator values win; the fields they set are no longer 'derived'."""
    changes = {k: v for k, v in overrides.values if k != "exclude"}
    keys = set(changes)
    if "title" in keys:
        changes["title_derived"] = False
    if "published" in keys:
        changes["published_derived"] = False
        changes["published_evidence"] = ()
    derived = tuple(f for f in article.derived if f not in keys)
    return dataclasses.replace(article, **changes, derived=derived, overridden=tuple(sorted(keys)))


def override_path(seeds_dir: Path, seed_id: str) -> Path:
    return seeds_dir / f"{seed_id}{OVERRIDE_SUFFIX}"
