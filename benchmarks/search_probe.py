"""Time to first search results in headless Chromium against a built site served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import re
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from archive_builder.textutil import FUNCTION_WORDS

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
# How each engine's box is opened, typed into, and what a result looks like.
ENGINES = {
    "pagefind": (None, ".ab-search__input", ".ab-search__result"),
    "material": (None, "input.md-search__input", ".md-search-result__item"),
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def probe_word(ground_truth: Path) -> str:
    """A place name that many articles mention (what a reader would look for)."""
    truth = json.loads(ground_truth.read_text(encoding="utf-8"))
    counts = Counter(e for a in truth["articles"] for e in a["entities"] if e.startswith("place-"))
    names = {e["id"]: e["name"] for e in truth["entities"]}
    return names[sorted(counts, key=lambda k: (-counts[k], k))[len(counts) // 3]].split()[0]


def common_word(seeds: Path) -> str:
    """The word on the most articles, function words ("the", "said") aside: the search that makes the
    engine rank the most pages (on the synthetic archives, a word on 98 to 99 articles in 100).
    Ties go to the alphabetically first word, so the same seeds give the same word."""
    counts: Counter[str] = Counter()
    for path in sorted(seeds.glob("*.txt")):
        words = set(_LETTERS.findall(path.read_text(encoding="utf-8", errors="replace").lower()))
        counts.update(words - FUNCTION_WORDS)
    return min(counts, key=lambda w: (-counts[w], w))


_LETTERS = re.compile(r"[a-z]{3,}")


def measure(site: Path, word: str, engine: str, timeout_s: float = 90) -> dict[str, Any]:
    if importlib.util.find_spec("playwright") is None:
        return {"engine": engine, "skipped": "playwright is not installed"}
    if not Path(CHROMIUM).exists():
        return {"engine": engine, "skipped": f"no Chromium at {CHROMIUM}"}
    server = serve(site)
    sizes: list[int] = []
    try:
        return _measure(server, sizes, word, engine, timeout_s)
    except Exception as exc:  # noqa: BLE001 - a benchmark column, not a crash: say what happened
        return {"engine": engine, "word": word, "error": f"{type(exc).__name__}: {str(exc).splitlines()[0]}"}
    finally:
        server.shutdown()


def _measure(server: http.server.ThreadingHTTPServer, sizes: list[int], word: str, engine: str,
             timeout_s: float) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    opener, box, result = ENGINES[engine]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.on("response", lambda r: sizes.append(int(r.headers.get("content-length", "0") or 0)))
        page.goto(f"http://127.0.0.1:{server.server_port}/", wait_until="load")
        loaded = sum(sizes)
        if opener:
            page.click(opener)
        start = time.perf_counter()
        page.fill(box, word)
        page.wait_for_selector(result, timeout=timeout_s * 1000)
        first = time.perf_counter() - start
        count = page.locator(result).count()
        browser.close()
    return {"engine": engine, "word": word, "first_results": round(first, 2), "results_shown": count,
            "kb": round((sum(sizes) - loaded) / 1024), "page_kb": round(loaded / 1024)}
