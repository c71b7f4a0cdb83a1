"""Ingest: seed files -> Articles. One function per format, one entry point: ``read_seed``."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path

from archive_builder.errors import SeedError
from archive_builder.ingest.decode import decode_seed
from archive_builder.ingest.overrides import OVERRIDE_SUFFIX, Overrides
from archive_builder.ingest.text import Parsed, derive_title, parse_text
from archive_builder.model import Article, Diagnostic, Seed, SeedFormat

SEED_FORMATS: dict[str, SeedFormat] = {".txt": "text", ".text": "text"}


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
    try:
        decoded = decode_seed(data, seed.path)
        parsed = parse_text(decoded.text)
        article = _article(seed, parsed)
    except SeedError as exc:
        return Ingested(seed, None, (exc.diagnostic(),))
    diagnostics = list(decoded.diagnostics)
    if overrides is not None and overrides.values:
        article = apply_overrides(article, overrides)
    return Ingested(seed, article, tuple(diagnostics))


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
        source_credit=parsed.source_credit, boilerplate=parsed.boilerplate, blocks=parsed.blocks,
        derived=tuple(derived),
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
