"""Entity resolution against a synthetic archive's ground truth (prints numbers, asserts nothing).

    PYTHONPATH=. python -m benchmarks.entity_truth /tmp/bench/archive-2000 [--dump FILE]

The project must be one ``benchmarks.run.make_project`` wrote (``seeds/`` and ``ground_truth.json``).
The truth names which people each article's cast holds, not where they are named, so a person
mention's true referent is the cast member of that article whose surname (or a spelling of it) is the
mention's last word; mentions with no such member, or several, have no known referent.

Printed: entities (all, people, people named in one article only), article-level precision/recall of
people (an entity with a full name stands for the cast member most of its mentions refer to; a bare
surname claims no one; a person of the cast counts as expected when its surname occurs in the body), and mention-level B-cubed precision/recall of the
person clusters. Entities marked ambiguous claim no identity: their mentions count as one cluster per
article, and they are left out of the article-level pairs.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from archive_builder import entities
from archive_builder.config import load_config
from archive_builder.entities.names import fold
from archive_builder.model import Article, EntityIndex
from archive_builder.pipeline import ingest


def _surnames(gold: dict[str, object]) -> set[str]:
    words = {str(gold["name"]).split()[-1]} | {str(v).split()[-1] for v in gold["variants"]}  # type: ignore[attr-defined]
    return {fold(w) for w in words}


def _truths(articles: tuple[Article, ...], truth: dict[str, object]) -> tuple[dict[str, dict[str, set[str]]], dict[str, set[str]]]:
    """Per article id: folded surname -> cast people with it; and the cast people named in the body."""
    people = {e["id"]: e for e in truth["entities"] if e["type"] == "person"}  # type: ignore[index,union-attr]
    cast = {a["seed"].removesuffix(".txt"): a["entities"] for a in truth["articles"]}  # type: ignore[index,union-attr]
    by_surname: dict[str, dict[str, set[str]]] = {}
    expected: dict[str, set[str]] = {}
    for article in articles:
        table: dict[str, set[str]] = defaultdict(set)
        words = {fold(w) for w in re.findall(r"[\w'\u2019-]+", article.body)}
        named = set()
        for pid in cast.get(article.id, ()):
            if pid in people:
                for s in _surnames(people[pid]):
                    table[s].add(pid)
                    if s in words:
                        named.add(pid)
        by_surname[article.id] = table
        expected[article.id] = named
    return by_surname, expected


def score(articles: tuple[Article, ...], index: EntityIndex, truth: dict[str, object]) -> dict[str, float]:
    by_surname, expected = _truths(articles, truth)
    kinds = {e.id: e for e in index.entities}
    refs: list[tuple[str, str, str]] = []  # (cluster, truth, article) for body person mentions with a known referent
    for m in index.mentions:
        e = kinds[m.entity]
        if e.type != "person" or m.field != "body":
            continue
        owners = by_surname[m.article].get(fold(m.text.split()[-1]), set())
        if len(owners) == 1:
            cluster = f"{m.entity}@{m.article}" if e.ambiguous else m.entity
            refs.append((cluster, next(iter(owners)), m.article))
    majority: dict[str, Counter[str]] = defaultdict(Counter)
    for cluster, ref, _ in refs:
        majority[cluster][ref] += 1
    stands = {c: min(n.items(), key=lambda kv: (-kv[1], kv[0]))[0] for c, n in majority.items()}
    named = {e.id for e in index.entities if len(e.name.split()) > 1 and not e.ambiguous}
    predicted = {(a, stands[c]) for c, _, a in refs if c in named}
    gold_pairs = {(a, p) for a, ps in expected.items() for p in ps}
    pair_p = len(predicted & gold_pairs) / len(predicted) if predicted else 1.0
    pair_r = len(predicted & gold_pairs) / len(gold_pairs) if gold_pairs else 1.0
    size_c: Counter[str] = Counter(c for c, _, _ in refs)
    size_g: Counter[str] = Counter(g for _, g, _ in refs)
    both: Counter[tuple[str, str]] = Counter((c, g) for c, g, _ in refs)
    b3p = sum(n * n / size_c[c] for (c, _), n in both.items()) / len(refs)
    b3r = sum(n * n / size_g[g] for (_, g), n in both.items()) / len(refs)
    people = [e for e in index.entities if e.type == "person"]
    return {
        "entities": len(index.entities), "people": len(people),
        "one-article people": sum(len(e.articles) == 1 for e in people),
        "one-article entities": sum(len(e.articles) == 1 for e in index.entities),
        "ambiguous entities": sum(bool(e.ambiguous) for e in index.entities),
        "suggestions": len(index.suggestions),
        "person mentions scored": len(refs),
        "pair precision": pair_p, "pair recall": pair_r, "B3 precision": b3p, "B3 recall": b3r,
    }


def main(project: Path) -> None:
    cfg = load_config(project / "mkdocs.yml", cache=False)
    articles, curation, _ = ingest(cfg)
    truth = json.loads((project / "ground_truth.json").read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    index, _ = entities.resolve(articles, curation)
    took = time.perf_counter() - t0
    print(f"articles {len(articles):,}; entities.resolve {took:.2f} s")
    for key, value in score(articles, index, truth).items():
        print(f"{key:24} {value:.4f}" if isinstance(value, float) else f"{key:24} {value:,}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
