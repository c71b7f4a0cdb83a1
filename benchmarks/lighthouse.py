"""Lighthouse scores of a built site: home, article, person, event, timeline and network pages.

    python -m benchmarks.lighthouse SITE_DIR [SITE_DIR ...] [--lighthouse PATH] [--runs N] [--json OUT]

Serves each built site (``mkdocs build -d SITE_DIR``) on 127.0.0.1 only, text compressed with gzip as
GitHub Pages serves it, and runs Lighthouse (from npm: ``npm install lighthouse``; ``--lighthouse``
points at its ``lighthouse`` script, default the one on ``PATH``) against Debian's Chromium (``CHROME_PATH``, default ``/usr/bin/chromium``) with its default
mobile settings (simulated slow 4G, 4x CPU slowdown). For every kind of page the *largest* page of that
kind is measured (the worst case, not a typical one); a site too small for year pages has no
"timeline year" row. Prints performance, accessibility and best
practices scores, the bytes the page transfers and its largest contentful paint; with ``--runs N`` each
page is measured N times and the median performance score is reported (Lighthouse varies from run to
run, more so on a busy machine). The issue's bar: performance >= 90, accessibility 100, best
practices >= 95, an article page <= 400 kB.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

# kind of page -> (folder, whether the largest page *inside* the folder is measured, not its index)
KINDS = {"home": ("", False), "article": ("articles", True), "person": ("people", True),
         "event": ("events", True), "timeline": ("timeline", False), "timeline year": ("timeline", True),
         "network": ("network", False)}
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt", ".mjs"}
CATEGORIES = ("performance", "accessibility", "best-practices")


class _Gzip(SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them: text compressed with gzip when the browser accepts it."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the address with a slash
            path = path / "index.html"
        if (not path.is_file() or path.suffix not in COMPRESSED
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def pick_page(site: Path, folder: str, inside: bool) -> str | None:
    """The address (relative to the site) of the folder's index page, or of the largest
    ``index.html`` one level inside it; None when there is none (a small site has no year pages)."""
    if not inside:
        if not folder:
            return ""
        return f"{folder}/" if (site / folder / "index.html").is_file() else None
    pages = sorted((site / folder).glob("*/index.html"), key=lambda p: (-p.stat().st_size, p.as_posix()))
    return f"{folder}/{pages[0].parent.name}/" if pages else None


def run_lighthouse(lighthouse: str, url: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        cmd = [lighthouse, url, "--output=json", f"--output-path={out}", "--quiet",
               f"--chrome-flags={CHROME_FLAGS}", "--only-categories=" + ",".join(CATEGORIES)]
        env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
        subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def summarise(report: dict[str, Any]) -> dict[str, Any]:
    cats = report["categories"]
    audits = report["audits"]
    failed = sorted(
        key for key, audit in audits.items()
        if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
    )
    return {
        "performance": round(cats["performance"]["score"] * 100),
        "accessibility": round(cats["accessibility"]["score"] * 100),
        "best_practices": round(cats["best-practices"]["score"] * 100),
        "bytes": int(audits["total-byte-weight"]["numericValue"]),
        "lcp_ms": int(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": int(audits["total-blocking-time"]["numericValue"]),
        "failed_audits": failed,
    }


def measure_site(site: Path, lighthouse: str, runs: int) -> list[dict[str, Any]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzip, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    try:
        for kind, (folder, inside) in KINDS.items():
            path = pick_page(site, folder, inside)
            if path is None:
                rows.append({"site": site.name, "kind": kind, "page": None})
                continue
            results = [summarise(run_lighthouse(lighthouse, base + path)) for _ in range(runs)]
            median = sorted(results, key=lambda r: r["performance"])[len(results) // 2]  # the median run, whole
            best = {**median, "performance_runs": [r["performance"] for r in results]}
            rows.append({"site": site.name, "kind": kind, "page": path, **best})
    finally:
        server.shutdown()
    return rows


def verdict(row: dict[str, Any]) -> str:
    ok = row["performance"] >= 90 and row["accessibility"] == 100 and row["best_practices"] >= 95
    if row["kind"] == "article":
        ok = ok and row["bytes"] <= 400_000
    return "met" if ok else "NOT MET"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sites", nargs="+", type=Path)
    parser.add_argument("--lighthouse", default=shutil.which("lighthouse") or "lighthouse")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    rows = [row for site in args.sites for row in measure_site(site, args.lighthouse, args.runs)]
    print("| site | page | performance | accessibility | best practices | transfer | LCP | TBT | bar |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        if row["page"] is None:
            print(f"| {row['site']} | {row['kind']} (none) | | | | | | | |")
            continue
        runs = "/".join(str(p) for p in row["performance_runs"])
        print(f"| {row['site']} | {row['kind']} `/{row['page']}` | {row['performance']} ({runs}) | "
              f"{row['accessibility']} | {row['best_practices']} | {row['bytes'] / 1000:.0f} kB | "
              f"{row['lcp_ms'] / 1000:.1f} s | {row['tbt_ms']} ms | {verdict(row)} |")
    for row in rows:
        if row.get("failed_audits"):
            print(f"{row['site']} {row['kind']}: failed audits: {', '.join(row['failed_audits'])}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0 if all(r["page"] is None or verdict(r) == "met" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
