"""The MkDocs adapter (plugin ``archive``): runs the same pipeline before every build.

Thin on purpose: the Markdown written to ``docs/`` is the contract with the site generator. The
plugin (1) builds the pages before MkDocs reads the docs folder, (2) watches ``seeds/`` under
``mkdocs serve`` and, of the docs folder, only its hand-written part (one rebuild per seed change),
(3) escapes page titles, which MkDocs themes insert into HTML without escaping, and (4) for large
archives swaps Material's search for Pagefind (``sitesearch.py``): it turns Material's search
plugin off, adds the search box script and style, and indexes the built site after the build.
"""

from __future__ import annotations

import html
import json
import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from archive_builder import pipeline, sitesearch, write
from archive_builder.config import Config, config_from_mapping
from archive_builder.errors import ArchiveError

log = logging.getLogger("mkdocs.plugins.archive")


class ArchivePluginConfig(base.Config):
    seeds_dir = c.Type(str, default="seeds")
    site_title = c.Optional(c.Type(str))
    jobs = c.Type(int, default=0)
    cache = c.Type(bool, default=True)
    search = c.Choice(("auto", "material", "pagefind"), default="auto")
    search_shards = c.Type(int, default=0)  # Pagefind bundles; 0: one per sitesearch.ARTICLES_PER_SHARD articles
    runner = c.Choice(("local", "dask"), default="local")
    dask_scheduler = c.Type(str, default="")
    strict_seeds = c.Type(bool, default=False)



class ArchivePlugin(BasePlugin[ArchivePluginConfig]):
    engine: sitesearch.Engine = "material"
    quick_previews = False  # `mkdocs serve --dirty`: keep the search index of the first build

    shards = 1  # Pagefind bundles the index is split into (sitesearch.ARTICLES_PER_SHARD)
    feed: sitesearch.PagefindFeed | None = None  # the search indexer, fed while MkDocs builds
    dirty = False  # `--dirty`: MkDocs rebuilds only the pages whose source changed
    fed: set[str] = set()  # under --dirty, the pages given to the feed by this build
    serving = False  # `mkdocs serve`: a preview, which records no new permanent ids in the seeds folder

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.quick_previews = command == "serve" and dirty
        self.dirty = dirty
        self.serving = command == "serve"

    def _config(self, config: MkDocsConfig) -> Config:
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        data = {"docs_dir": config.docs_dir, "site_name": config.site_name,
                "use_directory_urls": config.use_directory_urls}
        options = {k: v for k, v in self.config.items() if k not in ("strict_seeds", "search_shards") and v is not None}
        # under serve, writing seeds/ids.yml would set off a second rebuild for every seed edited
        return config_from_mapping(root, data, options, record_ids=not self.serving)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Choose the search engine from the number of seeds; for Pagefind, turn Material's off."""
        try:
            archive_config = self._config(config)
            seeds = len(pipeline.discover(archive_config)[0]) if archive_config.seeds_dir.is_dir() else 0
            self.engine = sitesearch.choose(archive_config.search, seeds)
            self.shards = self.config.search_shards if self.config.search_shards > 0 else sitesearch.shard_count(seeds)
        except ArchiveError as exc:
            raise PluginError(f"archive-builder: {exc}") from exc
        if self.engine == "pagefind":
            for name in ("material/search", "search"):
                plugin = config.plugins.get(name)
                if plugin is not None and "enabled" in plugin.config:
                    plugin.config["enabled"] = False
            config.extra_css.append(f"{sitesearch.PUBLISHED_DIR}/archive-search.css")
            config.extra_javascript.append(f"{sitesearch.PUBLISHED_DIR}/archive-search.js")
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if self.engine == "pagefind":
            for name in sitesearch.SEARCH_ASSETS:
                files.append(File.generated(config, f"{sitesearch.PUBLISHED_DIR}/{name}",
                                            abs_src_path=str(sitesearch.ASSETS / name)))
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        feed, self.feed = self.feed, None
        if feed is None:
            if self.engine == "pagefind":
                log.info("archive-builder: search index kept from the first build (serve --dirty)")
            return
        try:
            if self.dirty:  # the pages MkDocs did not rebuild are indexed from the files it left
                site = Path(config.site_dir)
                for path in sorted(site.rglob("*.html")):
                    rel = path.relative_to(site).as_posix()
                    url = "/" + rel.removesuffix("index.html") if rel.endswith("/index.html") else "/" + rel
                    if sitesearch.indexed(rel) and url not in self.fed:
                        feed.add(url, path.read_text(encoding="utf-8"))
            feed.finish()
        except ArchiveError as exc:
            raise PluginError(f"archive-builder: {exc}") from exc

    def on_build_error(self, *, error: Exception) -> None:
        feed, self.feed = self.feed, None
        if feed is not None:
            feed.close()

    def _start_feed(self, config: MkDocsConfig) -> None:
        """Start Pagefind beside the build: each page is indexed as soon as MkDocs has built it."""
        site = Path(config.site_dir)
        if self.engine != "pagefind" or (self.quick_previews and (site / "pagefind").is_dir()):
            return
        if not sitesearch.pagefind_available():
            raise ArchiveError("search 'pagefind' needs the pagefind package",
                               hint="pip install 'pagefind[bin]', or set the plugin option search: material")
        self.feed = sitesearch.PagefindFeed(site, self.shards)
        self.fed = set()

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        try:
            result = pipeline.build(self._config(config))
            self._start_feed(config)
        except ArchiveError as exc:
            raise PluginError(f"archive-builder: {exc}") from exc
        level = logging.WARNING if self.config.strict_seeds else logging.INFO
        for diagnostic in result.diagnostics:
            if diagnostic.severity != "info":
                log.log(level, "archive-builder: %s", diagnostic.format())
        report = result.report
        if report is not None:
            log.info("archive-builder: %d articles, %d page(s) written, %d unchanged, %d removed",
                     result.article_count, len(report.written), report.unchanged, len(report.removed))

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Watch ``seeds/`` and the hand-written part of the docs folder, not the pages the build writes.

        MkDocs watches the whole docs folder; a seed change then rebuilt twice: once for the seed, and
        once more because that build rewrote the seed's pages in ``docs/``. So the docs folder is
        swapped for its hand-written entries (a hand-written folder added while serving is watched
        from the next ``mkdocs serve``)."""
        seeds = self._config(config).seeds_dir
        if seeds.is_dir():
            server.watch(str(seeds))
        docs = Path(config.docs_dir)
        generated = write.generated_entries(docs)
        if docs.is_dir() and generated - {write.MANIFEST, write.STAGING}:
            try:
                server.unwatch(str(docs))
            except (KeyError, ValueError):
                return server  # not watched by MkDocs (e.g. --no-livereload): nothing to swap
            for entry in sorted(docs.iterdir()):
                if entry.name not in generated and entry.is_dir():
                    server.watch(str(entry))
            if any(e.name not in generated and e.is_file() for e in docs.iterdir()):
                server.watch(str(docs), recursive=False)  # hand-written pages at the top level
        return server

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Any) -> str | None:
        title = page.meta.get("title")
        if isinstance(title, str):
            page.meta["title"] = html.escape(title, quote=True)
        return markdown

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Finish a built page: its schema.org JSON-LD (front matter ``jsonld``) in the head; a
        redirect page's refresh and canonical link (front matter ``redirect``); and Material's ``search: {exclude: true}`` honoured by Pagefind too."""
        target = page.meta.get("redirect")
        if isinstance(target, str) and "</head>" in output:
            output = redirect_head(output, target)
        data = page.meta.get("jsonld")
        if isinstance(data, dict) and "</head>" in output:
            output = output.replace("</head>", jsonld_script(data) + "</head>", 1)
        if self.engine == "pagefind":
            if sitesearch.excluded(page.meta):
                output = sitesearch.mark_excluded(output)
            output = output.replace("</head>", f'<meta name="archive-search-shards" content="{self.shards}"></head>', 1)
        output = defer_scripts(output)
        if self.feed is not None and sitesearch.indexed(page.file.dest_uri):
            try:
                self.feed.add("/" + page.url, output)
                if self.dirty:
                    self.fed.add("/" + page.url)
            except ArchiveError as exc:
                raise PluginError(f"archive-builder: {exc}") from exc
        return output


_CANONICAL = re.compile(r'<link rel="canonical"[^>]*>')
_PLAIN_SCRIPT = re.compile(r'<script src="([^"<>]*)"></script>')


def defer_scripts(output: str) -> str:
    """Load the theme's and the site's scripts without holding up the first paint: ``defer`` on every
    plain ``<script src>`` (Material's bundle, then the extra scripts, at the end of the body). Deferred
    scripts still run in document order before ``DOMContentLoaded``, so each finds the ones it needs;
    the inline scripts (Material's settings, JSON-LD) are left alone. Seed text cannot produce such a
    tag: it reaches the page escaped."""
    return _PLAIN_SCRIPT.sub(r'<script src="\1" defer></script>', output)


def redirect_head(output: str, target: str) -> str:
    """A retired address's page (front matter ``redirect``, a relative URL the renderer made from
    ids): a meta refresh and a canonical link to the new address in its head."""
    url = html.escape(target, quote=True)
    output = _CANONICAL.sub("", output)
    tags = f'<meta http-equiv="refresh" content="0; url={url}"><link rel="canonical" href="{url}">'
    return output.replace("</head>", tags + "</head>", 1)


def jsonld_script(data: dict[str, Any]) -> str:
    """A ``<script type="application/ld+json">`` element; ``<``, ``>`` and ``&`` are JSON-escaped so
    text such as ``</script>`` in a seed cannot end the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'<script type="application/ld+json">{text}</script>'
