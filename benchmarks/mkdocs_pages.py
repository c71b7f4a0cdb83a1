"""Where a ``mkdocs build`` of an already generated project spends its time, by kind of page.

    python -m benchmarks.mkdocs_pages PROJECT [--with-pipeline]

Builds PROJECT's site into ``PROJECT/site`` (removed first: MkDocs would otherwise spend seconds
deleting the old one) and prints CPU seconds per top-level docs folder for Markdown conversion
(``Page.render``) and for the theme template (``_build_page``), then the Pagefind indexer's time.
By default the archive plugin's own pipeline run is skipped (the docs folder must already hold the
generated pages), so the numbers are those of the publishing layer alone, comparable with a bare
project (``run.bare_project``).
"""

from __future__ import annotations

import resource
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any


def _folder(page: Any) -> str:
    uri = str(page.file.src_uri)
    return uri.split("/")[0] if "/" in uri else uri


def _instrument(cost: dict[str, float], count: dict[str, float]) -> None:
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.structure import pages

    from archive_builder import sitesearch

    render, build_page, pagefind = pages.Page.render, mkdocs_build._build_page, sitesearch.run_pagefind

    def timed_render(self: Any, config: Any, files: Any) -> None:
        start = time.process_time()
        render(self, config, files)
        cost["md:" + _folder(self)] += time.process_time() - start
        count[_folder(self)] += 1

    def timed_build_page(page: Any, *args: Any, **kwargs: Any) -> None:
        start = time.process_time()
        build_page(page, *args, **kwargs)
        cost["tpl:" + _folder(page)] += time.process_time() - start

    def timed_pagefind(site_dir: Path) -> None:
        start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        pagefind(site_dir)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cost["pagefind wall"] = time.perf_counter() - start
        cost["pagefind cpu"] = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime

    pages.Page.render = timed_render  # type: ignore[method-assign]
    mkdocs_build._build_page = timed_build_page
    sitesearch.run_pagefind = timed_pagefind


def main(argv: list[str]) -> None:
    project = Path(argv[0]).resolve()
    if "--with-pipeline" not in argv:
        from archive_builder import mkdocs_plugin

        mkdocs_plugin.ArchivePlugin.on_pre_build = lambda self, *, config: None  # type: ignore[method-assign]
    shutil.rmtree(project / "site", ignore_errors=True)
    cost: dict[str, float] = defaultdict(float)
    count: dict[str, float] = defaultdict(float)
    _instrument(cost, count)
    from mkdocs.__main__ import cli

    start = time.perf_counter()
    cli.main(["build", "-q", "-f", str(project / "mkdocs.yml")], standalone_mode=False)
    wall = time.perf_counter() - start
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    print(f"mkdocs build: {wall:.2f} s wall, {cpu:.2f} s CPU (indexer included)")
    print(f"{'folder':24} {'pages':>6} {'markdown s':>11} {'template s':>11}")
    for folder in sorted(count, key=lambda f: -(cost["md:" + f] + cost["tpl:" + f])):
        print(f"{folder:24} {count[folder]:6.0f} {cost['md:' + folder]:11.2f} {cost['tpl:' + folder]:11.2f}")
    print(f"pagefind: {cost['pagefind wall']:.2f} s wall, {cost['pagefind cpu']:.2f} s CPU")


if __name__ == "__main__":
    main(sys.argv[1:])
