"""Body extraction and date accuracy on trafilatura's evaluation set (adbar/trafilatura ``tests/``).

    python -m benchmarks.accuracy.html_extraction --data DIR [--limit N] [--methods combined,trafilatura,rules]

``DIR`` holds ``evaldata.json`` and the pages in ``DIR/eval`` and ``DIR/cache`` (a copy of the
repository's ``tests/`` folder, kept out of this repository). Scoring follows trafilatura's own
evaluation: for every page, each expected snippet ("with") found in the extracted body is a true
positive, each missing one a false negative; each unwanted snippet ("without") found is a false
positive. Precision, recall and F1 over all snippets; time per page (max and mean), as wall-clock and
as processor time (the second is less swayed by other work on a shared machine), and the pages that
took over a second of processor time (named, with their times) and over half a second (counted);
each method first reads one small page untimed, so the imports are not charged to the first page.

Dates: the evaluation set has no gold dates, so the date check uses the pages whose address states a
full date (``/2019/05/31/``, ``2019-05-31``) as a proxy gold, and reads each page without telling the
reader its address (a saved page carries no address other than its own markup). Pages about the
2020 US-Iran confrontation are skipped (held out for every issue).

Methods: ``combined`` is the ingest as shipped (our rules with trafilatura and htmldate behind the
adapter); ``trafilatura`` is ``trafilatura.extract`` with its defaults (dates: ``htmldate.find_date``);
``rules`` is our own extractor alone (the reader with the adapter switched off). ``--details FILE``
writes, per method and page, the time, the snippets missed and the unwanted ones found, and the dates.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SLOW = 1.0  # seconds of processor time a page may take
HELD_OUT = re.compile(r"iran|soleimani|suleimani|taji|ain-al-asad|kataib|hezbollah", re.I)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|\.|$)")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    dates: int = 0
    dates_right: int = 0
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # processor time: less swayed by a busy machine
    slow: list[tuple[float, str]] = field(default_factory=list)  # (processor time, file) of pages over SLOW
    failures: int = 0

    def line(self, name: str) -> str:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0
        accuracy = (self.tp + self.tn) / max(1, self.tp + self.tn + self.fp + self.fn)
        date = self.dates_right / self.dates if self.dates else 0.0
        return (f"{name:<12} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  acc {accuracy:.3f}  "
                f"date {date:.3f} ({self.dates_right}/{self.dates})  "
                f"time/page mean {sum(self.times) / max(1, len(self.times)):.3f} s  max {max(self.times, default=0):.3f} s  "
                f"(cpu mean {sum(self.cpu) / max(1, len(self.cpu)):.3f} s  max {max(self.cpu, default=0):.3f} s)"
                f"  failures {self.failures}")

    def slow_line(self) -> str:
        """How many pages took over ``SLOW`` seconds of processor time (and over half that), the slowest first."""
        half = sum(c > SLOW / 2 for c in self.cpu)
        pages = ", ".join(f"{name} {cpu:.2f} s" for cpu, name in sorted(self.slow, reverse=True))
        return (f"{'':<12} cpu max {max(self.cpu, default=0):.3f} s; pages over {SLOW:g} s of cpu: {len(self.slow)}"
                f"{' (' + pages + ')' if pages else ''}; over {SLOW / 2:g} s: {half}")


def _norm(text: str) -> str:
    return " ".join(text.split())


def url_date(url: str) -> dt.date | None:
    from archive_builder.ingest.extractors import ymd_date

    return ymd_date(_URL_DATE.search(url))


Reader = Callable[[bytes, str], tuple[str, "dt.date | None"]]


def combined(data: bytes, name: str) -> tuple[str, dt.date | None]:
    from archive_builder.ingest import make_seed, read_seed

    seed = make_seed(Path(name), name, data)
    result = read_seed(seed, data)
    if result.article is None:
        return "", None
    return result.article.body, result.article.published


def rules(data: bytes, name: str) -> tuple[str, dt.date | None]:
    from archive_builder.ingest.html import decode_html, read_html

    try:
        parsed = read_html(decode_html(data, name).text, name, libraries=False).parsed
    except Exception:  # our reader's "no article text" is a SeedError: an empty body
        return "", None
    return "\n\n".join(parsed.paragraphs), parsed.published


def trafilatura_alone(data: bytes, name: str) -> tuple[str, dt.date | None]:
    import trafilatura
    from htmldate import find_date

    text = trafilatura.extract(data) or ""
    stated = find_date(data, original_date=True)
    return text, dt.date.fromisoformat(stated) if stated else None


METHODS: dict[str, Reader] = {"combined": combined, "trafilatura": trafilatura_alone, "rules": rules}


def pages(root: Path, limit: int | None) -> list[tuple[str, dict[str, list[str]], Path]]:
    evaldata = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    found = []
    for url in sorted(evaldata):
        item = evaldata[url]
        if HELD_OUT.search(url):
            continue
        path = next((root / d / item["file"] for d in ("cache", "eval") if (root / d / item["file"]).is_file()), None)
        if path is not None:
            found.append((url, item, path))
    return found[:limit] if limit else found


WARM_UP = (b"<html><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1><p>The libraries are "
           b"imported and their tables built once per run, before the first page is timed.</p></article></body></html>")


def score(method: Reader, corpus: list[tuple[str, dict[str, list[str]], Path]], total: Score,
          details: list[dict[str, object]] | None = None) -> None:
    with contextlib.suppress(Exception):  # imports and set-up are paid once per build, not by the first page
        method(WARM_UP, "warm-up.html")
    for url, item, path in corpus:
        data = path.read_bytes()
        cpu = time.process_time()
        start = time.perf_counter()
        try:
            text, published = method(data, path.name)
        except Exception as exc:  # a reader that crashes misses every snippet of the page
            print(f"  {path.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            text, published = "", None
            total.failures += 1
        seconds = time.perf_counter() - start
        total.times.append(seconds)
        total.cpu.append(time.process_time() - cpu)
        if total.cpu[-1] > SLOW:
            total.slow.append((total.cpu[-1], path.name))
        body = _norm(text)
        missed = [s for s in item["with"] if _norm(s) not in body]
        unwanted = [s for s in item["without"] if _norm(s) in body]
        tp, fp = len(item["with"]) - len(missed), len(unwanted)
        total.tp += tp
        total.fn += len(item["with"]) - tp
        total.fp += fp
        total.tn += len(item["without"]) - fp
        gold = url_date(url)
        if gold is not None:
            total.dates += 1
            total.dates_right += published == gold
        if details is not None:
            details.append({"file": path.name, "url": url, "seconds": round(seconds, 3),
                            "cpu": round(total.cpu[-1], 3), "missed": missed,
                            "unwanted": unwanted, "gold_date": gold and gold.isoformat(),
                            "date": published and published.isoformat()})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="a copy of adbar/trafilatura's tests/ folder")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--methods", default="combined,trafilatura,rules")
    parser.add_argument("--details", type=Path, default=None,
                        help="write per page and method (time, missed and unwanted snippets, dates) to this JSON file")
    args = parser.parse_args(argv)
    if not (args.data / "evaldata.json").is_file():
        print(f"{args.data}: no evaldata.json here (copy trafilatura's tests/ folder)", file=sys.stderr)
        return 2
    corpus = pages(args.data, args.limit)
    print(f"{len(corpus)} pages, {sum(len(i['with']) + len(i['without']) for _, i, _ in corpus)} snippets, "
          f"{sum(url_date(u) is not None for u, _, _ in corpus)} with a date in the address")
    report: dict[str, list[dict[str, object]]] = {}
    for name in args.methods.split(","):
        total = Score()
        score(METHODS[name], corpus, total, report.setdefault(name, []))
        print(total.line(name), flush=True)
        print(total.slow_line(), flush=True)
    if args.details is not None:
        args.details.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
