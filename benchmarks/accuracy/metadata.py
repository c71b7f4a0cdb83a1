"""Metadata accuracy on real pages: title, outlet, date, byline and body start, per field and per kind.

    python -m benchmarks.accuracy.metadata --data DIR [--split dev|check|all] [--misses]

Gold comes from every ``benchmarks/accuracy/gold/metadata-*.yml`` (a YAML list of records: id, url,
kind ``txt`` or ``html``, title, outlet, date ``YYYY-MM-DD`` or null, byline (list of names),
body_start (the first words of the body) and optionally split ``dev`` or ``check``). Each record's page
is read from ``DIR/<id>.<kind>`` through the real ingest code (``read_seed``), exactly as a seed would
be. The pages themselves are third-party text and never in the repository: only URLs and gold are.

A field is right when it equals the gold after light normalisation (case, spacing, a leading "The",
punctuation at the ends); a derived title counts only if it equals the headline; the body is right when
it starts with the gold's first words. Pages missing from DIR are listed and not scored.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from archive_builder.ingest import make_seed, read_seed
from archive_builder.model import Article

GOLD_DIR = Path(__file__).resolve().parent / "gold"
FIELDS = ("title", "outlet", "date", "byline", "body_start")


@dataclass(frozen=True, slots=True)
class Gold:
    id: str
    url: str
    kind: str
    split: str
    title: str
    outlet: str | None
    date: str | None
    byline: tuple[str, ...]
    body_start: str


def load_gold(folder: Path = GOLD_DIR) -> list[Gold]:
    records: list[Gold] = []
    for path in sorted(folder.glob("metadata-*.yml")):
        for row in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            records.append(_gold(row))
    return records


def _gold(row: dict[str, Any]) -> Gold:
    date = row.get("date")
    return Gold(id=str(row["id"]), url=str(row.get("url", "")), kind=str(row["kind"]),
                split=str(row.get("split", "unsplit")), title=str(row["title"]),
                outlet=None if row.get("outlet") is None else str(row["outlet"]),
                date=None if date is None else str(date),
                byline=tuple(str(n) for n in row.get("byline") or ()), body_start=str(row["body_start"]))


def norm(text: str | None) -> str:
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold().replace("\u2019", "'")
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^the ", "", text)
    return text.strip(" .,;:!?\u2026-\u2013\u2014\"'")


def judge(gold: Gold, article: Article | None) -> dict[str, tuple[bool, str]]:
    """Per field: (right, what ingest gave)."""
    if article is None:
        return {f: (False, "(no article)") for f in FIELDS}
    title = article.title if not article.title_derived else f"{article.title} (derived)"
    byline = tuple(article.byline)
    date = article.published.isoformat() if article.published and not article.published_derived else None
    return {
        "title": (norm(article.title) == norm(gold.title), title),
        "outlet": (norm(article.outlet) == norm(gold.outlet), str(article.outlet)),
        "date": (date == gold.date, str(date)),
        "byline": (sorted(map(norm, byline)) == sorted(map(norm, gold.byline)), "; ".join(byline) or "[]"),
        "body_start": (norm(article.body).startswith(norm(gold.body_start)), article.body[:60].replace("\n", " ")),
    }


def run(data: Path, records: Iterable[Gold]) -> tuple[dict[str, dict[str, list[bool]]], list[str], list[str]]:
    scores: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    misses: list[str] = []
    missing: list[str] = []
    for gold in records:
        path = data / f"{gold.id}.{gold.kind}"
        if not path.is_file():
            missing.append(path.name)
            continue
        raw = path.read_bytes()
        result = read_seed(make_seed(path, path.name, raw), raw)
        for field, (right, got) in judge(gold, result.article).items():
            for group in (gold.kind, "all"):
                scores[group][field].append(right)
            if not right:
                want = getattr(gold, field)
                misses.append(f"{gold.id}.{gold.kind} {field}: want {want!r} got {got!r}")
    return scores, misses, missing


def table(scores: dict[str, dict[str, list[bool]]]) -> list[str]:
    lines = [f"{'kind':<6}" + "".join(f"{f:>14}" for f in FIELDS) + f"{'all fields':>14}"]
    for group in sorted(scores, key=lambda g: (g == "all", g)):
        row = scores[group]
        cells = [f"{sum(row[f])}/{len(row[f])} {sum(row[f]) / max(len(row[f]), 1):.2f}" for f in FIELDS]
        total = [r for f in FIELDS for r in row[f]]
        cells.append(f"{sum(total)}/{len(total)} {sum(total) / max(len(total), 1):.2f}")
        lines.append(f"{group:<6}" + "".join(f"{c:>14}" for c in cells))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder holding <id>.txt / <id>.html pages")
    parser.add_argument("--split", default="all", help="dev, check or all (default)")
    parser.add_argument("--quiet", action="store_true", help="do not list the misses")
    args = parser.parse_args(argv)
    records = [g for g in load_gold() if args.split == "all" or g.split == args.split]
    scores, misses, missing = run(args.data, records)
    print(f"metadata accuracy, split={args.split}, {len(records) - len(missing)} pages scored")
    print("\n".join(table(scores)))
    if missing:
        print(f"\nnot found in {args.data} ({len(missing)}): {', '.join(missing)}")
    if misses and not args.quiet:
        print(f"\nmisses ({len(misses)}):")
        print("\n".join(f"  {m}" for m in misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
