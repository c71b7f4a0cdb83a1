"""Hand-made entity indexes for event tests: every occurrence of the given names is a mention."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import replace
from pathlib import Path

from archive_builder.config import Config
from archive_builder.model import Archive, Article, Entity, EntityIndex, Mention
from archive_builder.pipeline import analyse
from archive_builder.textutil import slugify


def index_for(articles: list[Article] | tuple[Article, ...], names: dict[str, tuple[str, tuple[str, ...]]]) -> EntityIndex:
    """``names`` maps an entity's name to (type, surface forms); longest forms are marked first."""
    entities = [Entity(slugify(n), t, n) for n, (t, _) in sorted(names.items())]
    owner = {f: slugify(n) for n, (_, fs) in sorted(names.items()) for f in fs}
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in sorted(owner, key=lambda f: (-len(f), f))) + r")(?!\w)")
    mentions = [Mention(a.id, m.start(), m.end(), m.group(0), owner[m.group(0)])
                for a in articles for m in pattern.finditer(a.body)]
    mentions.sort(key=lambda m: (m.article, m.start))
    return EntityIndex(tuple(entities), tuple(mentions))


FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "events"

PORT_ELLERY = {
    "Mara Quist": ("person", ("Mara Quist", "Quist")),
    "Tom Bell": ("person", ("Mayor Tom Bell", "Tom Bell", "Bell")),
    "Ana Ruiz": ("person", ("Governor Ana Ruiz", "Ana Ruiz", "Ruiz")),
    "Port Ellery": ("place", ("Port Ellery",)),
    "Kessel Dam": ("place", ("Kessel Dam",)),
    "Lund Bridge": ("place", ("Lund Bridge",)),
    "Marrow": ("place", ("Marrow",)),
    "City Hall": ("place", ("City Hall",)),
    "Harbor district": ("place", ("Harbor district",)),
}


def make_article(article_id: str, text: str, published: dt.date | None = None, **changes: object) -> Article:
    """An article as ingest makes it: paragraphs are the blank-line separated blocks of ``text``."""
    body = "\n\n".join(p.strip() for p in text.strip().split("\n\n"))
    paragraphs: list[tuple[int, int]] = []
    start = 0
    for block in body.split("\n\n"):
        paragraphs.append((start, start + len(block)))
        start += len(block) + 2
    base = Article(id=article_id, seed=f"{article_id}.txt", format="text", sha256="0" * 64, title=article_id,
                   title_derived=False, body=body, paragraphs=tuple(paragraphs), published=published)
    return replace(base, **changes)  # type: ignore[arg-type]


def fixture_article(name: str, published: dt.date | None = None, **changes: object) -> Article:
    return make_article(name, (FIXTURES / f"{name}.txt").read_text(encoding="utf-8"), published, **changes)


def analyse_folder(folder: Path, root: Path) -> Archive:
    """The archive the real pipeline finds in a fixture folder of seeds (copied under ``root``)."""
    shutil.copytree(folder, root / "seeds")
    found, _ = analyse(Config(root=root, seeds_dir=root / "seeds", docs_dir=root / "docs", cache=False, jobs=1))
    return found
