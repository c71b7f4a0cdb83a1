"""Time to read a text seed whose byline line is 16, 32 and 64 KB long (1x/2x/4x), in several shapes.

    python -m benchmarks.long_byline

Linear means the 2x and 4x times are about twice and four times the 1x time. The name pattern once
backtracked over every split of a long capitalised word: 27 s for one 64 KB line.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from archive_builder.ingest import make_seed, read_seed

SHAPES: dict[str, Callable[[int], str]] = {
    "one long word (A + bC...)": lambda n: "By A" + "bC" * (n // 2),
    "one long word (Ab...)": lambda n: "By " + "Ab" * (n // 2),
    "many names": lambda n: "By " + "Ann Lee, " * (n // 9),
    "names and initials": lambda n: "By " + "J. R. Ab Cd and " * (n // 16),
}
SIZES = (16 * 1024, 32 * 1024, 64 * 1024)


def seconds(line: str, repeat: int = 3) -> float:
    data = f"Storm nears coast\n\n{line}\n\nThe storm strengthened overnight, forecasters said on Sunday.\n".encode()
    seed = make_seed(Path("long.txt"), "seeds/long.txt", data)
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        read_seed(seed, data)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    print(f"{'shape':<28}" + "".join(f"{s // 1024:>7} KB" for s in SIZES) + "   4x/1x")
    for name, make in SHAPES.items():
        times = [seconds(make(size)) for size in SIZES]
        print(f"{name:<28}" + "".join(f"{t * 1000:>8.1f}ms" for t in times) + f"   {times[2] / times[0]:.1f}")


if __name__ == "__main__":
    main()
