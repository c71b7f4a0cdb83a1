"""Screenshots of every kind of page for the readers' guide (``docs/guide/img/``), desktop and phone.

    python tests/browser/screenshots.py SITE_DIR OUT_DIR kind=path ...

Serves SITE_DIR (a built site) on 127.0.0.1 only, opens each page in Debian's Chromium at 1280x800 and
375x740, and writes ``<kind>-desktop.png`` and ``<kind>-phone.png`` (the top of the page, as a reader
first sees it). ``pngquant`` (Debian package) makes them small when it is installed. The guide's
pictures are of a site built from the test fixtures and a synthetic archive, never of third-party text.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SIZES = {"desktop": (1280, 800), "phone": (375, 740)}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def main(site: Path, out: Path, pages: list[tuple[str, str]]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for device, (width, height) in SIZES.items():
                context = browser.new_context(viewport={"width": width, "height": height},
                                              is_mobile=device == "phone", device_scale_factor=1)
                page = context.new_page()
                for kind, path in pages:
                    page.goto(base + path.lstrip("/"), wait_until="networkidle")
                    page.wait_for_timeout(400)  # Material's tabs and fonts settle
                    target = out / f"{kind}-{device}.png"
                    page.screenshot(path=str(target))
                    if shutil.which("pngquant"):
                        subprocess.run(["pngquant", "--force", "--skip-if-larger", "--quality", "60-85", "--output",
                                        str(target), str(target)], check=False)
                    print(target, target.stat().st_size)
                context.close()
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), [tuple(a.split("=", 1)) for a in sys.argv[3:]])  # type: ignore[misc]
