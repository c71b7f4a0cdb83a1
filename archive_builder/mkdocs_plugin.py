"""The MkDocs adapter (plugin ``archive``): runs the same pipeline before every build.

Thin on purpose: the Markdown written to ``docs/`` is the contract with the site generator. The
plugin (1) builds the pages before MkDocs reads the docs folder, (2) watches ``seeds/`` under
``mkdocs serve`` (writes are skipped for unchanged pages, so a rebuild never triggers another),
and (3) escapes page titles, which MkDocs themes insert into HTML without escaping.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from archive_builder import pipeline
from archive_builder.config import Config, config_from_mapping
from archive_builder.errors import ArchiveError

log = logging.getLogger("mkdocs.plugins.archive")


class ArchivePluginConfig(base.Config):
    seeds_dir = c.Type(str, default="seeds")
    site_title = c.Optional(c.Type(str))
    jobs = c.Type(int, default=0)
    cache = c.Type(bool, default=True)
    search = c.Choice(("auto", "material", "pagefind"), default="auto")
    strict_seeds = c.Type(bool, default=False)


class ArchivePlugin(BasePlugin[ArchivePluginConfig]):
    def _config(self, config: MkDocsConfig) -> Config:
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        data = {"docs_dir": config.docs_dir, "site_name": config.site_name,
                "use_directory_urls": config.use_directory_urls}
        options = {k: v for k, v in self.config.items() if k != "strict_seeds" and v is not None}
        return config_from_mapping(root, data, options)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        try:
            result = pipeline.build(self._config(config))
        except ArchiveError as exc:
            raise PluginError(f"archive-builder: {exc}") from exc
        level = logging.WARNING if self.config.strict_seeds else logging.INFO
        for diagnostic in result.diagnostics:
            if diagnostic.severity != "info":
                log.log(level, "archive-builder: %s", diagnostic.format())
        report = result.report
        if report is not None:
            log.info("archive-builder: %d articles, %d page(s) written, %d unchanged, %d removed",
                     len(result.archive.articles), len(report.written), report.unchanged, len(report.removed))

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        seeds = self._config(config).seeds_dir
        if seeds.is_dir():
            server.watch(str(seeds))
        return server

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Any) -> str | None:
        title = page.meta.get("title")
        if isinstance(title, str):
            page.meta["title"] = html.escape(title, quote=True)
        return markdown
