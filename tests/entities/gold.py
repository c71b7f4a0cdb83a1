"""The hand-annotated article set and precision/recall per entity type.

Run ``python -m tests.entities.gold`` to print the table (exact span and type must match)."""

from __future__ import annotations

import re
from pathlib import Path

from archive_builder.curation import Curation
from archive_builder.entities import resolve
from archive_builder.model import Article

GOLD = Path(__file__).resolve().parent.parent / "fixtures" / "entities" / "gold.txt"
HELDOUT = GOLD.with_name("heldout.txt")
_MARK = re.compile(r"\[([POL]) ([^\]]+)\]")
TYPES = {"P": "person", "O": "organization", "L": "place"}


def make_article(article_id: str, body: str, **fields: object) -> Article:
    paragraphs, start = [], 0
    for block in body.split("\n"):
        if block.strip():
            paragraphs.append((start, start + len(block)))
        start += len(block) + 1
    return Article(id=article_id, seed=f"{article_id}.txt", format="text", sha256="0" * 64, title=article_id,
                   title_derived=True, body=body, paragraphs=tuple(paragraphs), **fields)  # type: ignore[arg-type]


def load_gold(path: Path = GOLD) -> tuple[tuple[Article, ...], set[tuple[str, int, int, str]]]:
    text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    articles, gold = [], set()
    for n, raw in enumerate(t.strip("\n") for t in text.split("===") if t.strip()):
        article_id = f"gold{n:02d}"
        body, pos, last = [], 0, 0
        for m in _MARK.finditer(raw):
            body.append(raw[last : m.start()])
            pos += m.start() - last
            gold.add((article_id, pos, pos + len(m.group(2)), TYPES[m.group(1)]))
            body.append(m.group(2))
            pos += len(m.group(2))
            last = m.end()
        body.append(raw[last:])
        articles.append(make_article(article_id, "".join(body)))
    return tuple(articles), gold


def evaluate(path: Path = GOLD) -> dict[str, tuple[float, float, int, int, int]]:
    """type -> (precision, recall, true positives, predicted, gold)."""
    articles, gold = load_gold(path)
    index, _ = resolve(articles, Curation())
    types = {e.id: e.type for e in index.entities}
    found = {(m.article, m.start, m.end, types[m.entity]) for m in index.mentions if m.field == "body"}
    out = {}
    for kind in ("person", "organization", "place"):
        g = {x for x in gold if x[3] == kind}
        f = {x for x in found if x[3] == kind}
        tp = len(g & f)
        out[kind] = (tp / len(f) if f else 1.0, tp / len(g) if g else 1.0, tp, len(f), len(g))
    return out


def misses(path: Path = GOLD) -> tuple[list[str], list[str]]:
    articles, gold = load_gold(path)
    bodies = {a.id: a.body for a in articles}
    index, _ = resolve(articles, Curation())
    types = {e.id: e.type for e in index.entities}
    found = {(m.article, m.start, m.end, types[m.entity]) for m in index.mentions if m.field == "body"}
    show = lambda xs: sorted(f"{a} {t} {bodies[a][s:e]!r}" for a, s, e, t in xs)  # noqa: E731
    return show(found - gold), show(gold - found)


if __name__ == "__main__":
    for path in (GOLD, HELDOUT):
        print(path.name)
        for kind, (p, r, tp, nf, ng) in evaluate(path).items():
            print(f"  {kind:13} precision {p:.2f} ({tp}/{nf})  recall {r:.2f} ({tp}/{ng})")
        fp, fn = misses(path)
        print("  false positives:", *fp, sep="\n    ")
        print("  missed:", *fn, sep="\n    ")
