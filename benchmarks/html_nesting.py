"""Time to read a saved page nested 2k, 4k, 8k and 100k elements deep (issue 12's attack), and the
growth from one size to the next (linear growth: time ratio close to the size ratio).

    python -m benchmarks.html_nesting [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from archive_builder.ingest import make_seed, read_seed

LEVELS = (2_000, 4_000, 8_000, 100_000)
TEXT = "<p>The county board voted on Tuesday to reopen the Mill Lane footbridge after a year of repairs.</p>"


def nested(levels: int) -> bytes:
    return f"<html><body>{'<div>' * levels}{TEXT}{'</div>' * levels}</body></html>".encode()


def seconds(levels: int, repeat: int) -> tuple[float, str]:
    data = nested(levels)
    seed = make_seed(Path("deep.html"), "seeds/deep.html", data)
    best = float("inf")
    message = ""
    for _ in range(repeat):
        start = time.perf_counter()
        result = read_seed(seed, data)
        best = min(best, time.perf_counter() - start)
        message = "; ".join(d.message for d in result.diagnostics)
    return best, message


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    previous: tuple[int, float] | None = None
    for levels in LEVELS:
        took, message = seconds(levels, args.repeat)
        growth = ""
        if previous:
            growth = f"  x{levels / previous[0]:.1f} size -> x{took / previous[1]:.2f} time"
        print(f"{levels:>7} levels ({len(nested(levels)) / 1e6:.2f} MB): {took:.3f} s{growth}")
        previous = (levels, took)
    print(f"diagnostic: {message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
