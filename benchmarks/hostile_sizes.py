"""Time the size attacks of the hardening catalogue at 1x, 2x and 4x: the time must grow linearly.

    python -m benchmarks.hostile_sizes [--base-names 5000] [--base-levels 1000] [--base-byline 16000]

Each attack is one seed beside a good one, built by the pipeline in this process with every stage but
the writing (ingest -> entities -> events -> provenance -> render; no cache, one process): an article naming N different people, an
HTML page nested N levels deep, and a text seed whose byline line is N bytes long. Prints seconds per
size and the ratio to the 1x time (linear: about 2 and 4)."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from archive_builder import pipeline
from tests.hardening.hostile import GOOD, GOOD_NAME, _names_article, _nested_html
from tests.support.project import make_project


def _byline(size: int) -> bytes:
    names = ("Maria Okonkwo and " * (size // 18 + 1))[:size]
    return f"Long byline\n\nBy {names} John Smith\n\nThe harbour reopened on Tuesday after repairs.\n".encode()


ATTACKS: dict[str, tuple[str, Callable[[int], bytes]]] = {
    "names": ("names.txt", _names_article),
    "nested": ("nested.html", _nested_html),
    "byline": ("byline.txt", _byline),
}


def timed(name: str, data: bytes) -> tuple[float, int]:
    """Seconds to build the seed beside the good one (no cache, one process, nothing written), and
    the number of diagnostics."""
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "p", {GOOD_NAME: GOOD, name: data})
        config = project.config(cache=False, jobs=1)
        start = time.perf_counter()
        result = pipeline.build(config, write=False)
        return time.perf_counter() - start, len(result.diagnostics)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-names", type=int, default=5000)
    parser.add_argument("--base-levels", type=int, default=1000)
    parser.add_argument("--base-byline", type=int, default=16000)
    parser.add_argument("--only", choices=sorted(ATTACKS), action="append")
    args = parser.parse_args(argv)
    bases = {"names": args.base_names, "nested": args.base_levels, "byline": args.base_byline}
    print("| attack | size 1x / 2x / 4x | seconds 1x / 2x / 4x | ratio 2x / 4x |")
    print("|---|---|---|---|")
    for attack in args.only or list(ATTACKS):
        name, make = ATTACKS[attack]
        sizes = [bases[attack] * k for k in (1, 2, 4)]
        timed(name, make(10))  # warm up: imports and the lexicon's first load are not the attack's
        times = [timed(name, make(size))[0] for size in sizes]
        print(f"| {attack} | {' / '.join(f'{s:,}' for s in sizes)} | {' / '.join(f'{t:.2f}' for t in times)} | "
              f"{times[1] / times[0]:.1f} / {times[2] / times[0]:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
