"""Our own check of the HTML metadata gold (``gold/metadata-html.yml``) over the real ingest.

    python -m benchmarks.accuracy.html_metadata_check --data DIR [--gold FILE]

``DIR/<id>.html`` holds each saved page (pages of trafilatura's evaluation set: copy
``tests/eval/<file>`` or ``tests/cache/<file>`` of adbar/trafilatura under the gold id; the id list and
addresses are in the gold file). Prints accuracy per field. Title, outlet and byline compare after case
and space folding (a byline is right when the sets of names are equal); the body is right when it
starts with ``body_start``. The metadata harness (``benchmarks.accuracy.metadata``) scores the same
gold together with the text seeds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import yaml

GOLD = Path(__file__).resolve().parent / "gold" / "metadata-html.yml"
FIELDS = ("title", "outlet", "date", "byline", "body_start")


def _fold(text: object) -> str:
    return " ".join(str(text or "").replace("\u2019", "'").split()).casefold()


def check(record: dict[str, object], data: bytes) -> dict[str, bool]:
    from archive_builder.ingest import make_seed, read_seed

    name = f"{record['id']}.html"
    article = read_seed(make_seed(Path(name), name, data), data).article
    if article is None:
        return dict.fromkeys(FIELDS, False)
    gold_date = record.get("date")
    date = gold_date if isinstance(gold_date, dt.date) or gold_date is None else dt.date.fromisoformat(str(gold_date))
    names = record.get("byline") or []
    return {
        "title": _fold(article.title) == _fold(record["title"]),
        "outlet": _fold(article.outlet) == _fold(record["outlet"]),
        "date": article.published == date,
        "byline": {_fold(n) for n in article.byline} == {_fold(n) for n in names},  # type: ignore[union-attr]
        "body_start": _fold(article.body).startswith(_fold(record["body_start"])),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("-v", "--verbose", action="store_true", help="list each miss")
    args = parser.parse_args(argv)
    records = yaml.safe_load(args.gold.read_text(encoding="utf-8"))
    right = dict.fromkeys(FIELDS, 0)
    seen = 0
    for record in records:
        path = args.data / f"{record['id']}.html"
        if not path.is_file():
            print(f"{path}: missing", file=sys.stderr)
            continue
        seen += 1
        result = check(record, path.read_bytes())
        for field, ok in result.items():
            right[field] += ok
            if args.verbose and not ok:
                print(f"  miss {field:<10} {record['id']}")
    print(f"{seen} pages, {len({r['outlet'] for r in records})} outlets")
    for field in FIELDS:
        print(f"{field:<11} {right[field]}/{seen} = {right[field] / max(1, seen):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
