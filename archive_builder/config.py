"""One frozen configuration object, loaded once from ``mkdocs.yml`` (the archive's single settings file).

The CLI and the MkDocs adapter both end up here, so ``archive-builder build`` and ``mkdocs build``
see the same seeds folder, output folder and URL style.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from archive_builder.errors import ConfigError
from archive_builder.textutil import near_miss

PLUGIN_NAME = "archive"
# every option the MkDocs plugin accepts (``strict_seeds`` and ``search_shards`` concern only the site build)
PLUGIN_OPTIONS = ("seeds_dir", "site_title", "jobs", "cache", "search", "search_shards", "runner", "dask_scheduler",
                  "strict_seeds")
RUNNERS = ("local", "dask")


@dataclass(frozen=True, slots=True)
class Config:
    root: Path  # project folder (where mkdocs.yml lives)
    seeds_dir: Path
    docs_dir: Path  # where generated Markdown pages are written
    site_name: str = "News archive"
    use_directory_urls: bool = True
    strict: bool = False
    jobs: int = 0  # worker processes for per-seed work; 0 = one per available core
    cache: bool = True
    search: str = "auto"
    record_ids: bool = True  # write new permanent ids to seeds/ids.yml (off under `mkdocs serve`: a preview)
    runner: str = "local"  # where per-article work runs: "local" (process pool) or "dask"
    dask_scheduler: str = ""  # with runner "dask": a scheduler address; empty starts a local cluster
    build_time: dt.datetime | None = None

    def rel(self, path: Path) -> str:
        """``path`` relative to the project root, with forward slashes, for messages."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def with_options(self, **changes: Any) -> Config:
        return replace(self, **changes)


class _TolerantLoader(yaml.SafeLoader):
    """Safe YAML loader that reads ``!!python/...`` tags (used by some mkdocs.yml files) as null."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_TolerantLoader.add_multi_constructor("!", _ignore_tag)


def build_time_from_env(env: dict[str, str] | os._Environ[str] | None = None) -> dt.datetime | None:
    """The build time from ``SOURCE_DATE_EPOCH`` (reproducible builds), or None."""
    value = (env if env is not None else os.environ).get("SOURCE_DATE_EPOCH")
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), tz=dt.UTC)
    except (ValueError, OverflowError, OSError) as exc:
        raise ConfigError(
            f"SOURCE_DATE_EPOCH={value!r} is not a Unix timestamp",
            hint="set it to whole seconds since 1970, e.g. `git log -1 --format=%ct`",
        ) from exc


def _plugin_options(data: dict[str, Any], source: str) -> dict[str, Any]:
    for entry in data.get("plugins") or []:
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            options = entry[PLUGIN_NAME] or {}
            if not isinstance(options, dict):
                raise ConfigError(f"{source}: options of plugin '{PLUGIN_NAME}' must be a mapping")
            for key in options:
                if key not in PLUGIN_OPTIONS:
                    guess = near_miss(str(key), PLUGIN_OPTIONS)
                    hint = f"did you mean '{guess}'?" if guess else f"known: {', '.join(PLUGIN_OPTIONS)}"
                    raise ConfigError(f"{source}: unknown option '{key}' of plugin '{PLUGIN_NAME}'", hint)
            return dict(options)
    return {}


def _jobs(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"option 'jobs' must be a whole number >= 0, not {value!r}",
                          hint="0 uses every core; 1 builds in one process")
    return value


def _runner(value: Any) -> str:
    if value not in RUNNERS:
        guess = near_miss(str(value), RUNNERS)
        raise ConfigError(f"option 'runner' must be one of {', '.join(RUNNERS)}, not {value!r}",
                          hint=f"did you mean '{guess}'?" if guess else "local runs on this machine's cores")
    return str(value)


def config_from_mapping(root: Path, data: dict[str, Any], options: dict[str, Any], **changes: Any) -> Config:
    """Build the Config from mkdocs settings (``docs_dir``...) and the plugin's options."""
    root = root.resolve()
    config = Config(
        root=root,
        seeds_dir=(root / str(options.get("seeds_dir", "seeds"))).resolve(),
        docs_dir=(root / str(data.get("docs_dir", "docs"))).resolve(),
        site_name=str(options.get("site_title") or data.get("site_name") or "News archive"),
        use_directory_urls=bool(data.get("use_directory_urls", True)),
        jobs=_jobs(options.get("jobs", 0)),
        cache=bool(options.get("cache", True)),
        search=str(options.get("search", "auto")),
        runner=_runner(options.get("runner", "local")),
        dask_scheduler=str(options.get("dask_scheduler") or ""),
        build_time=build_time_from_env(),
    )
    return replace(config, **changes) if changes else config


def load_config(config_file: Path | str = "mkdocs.yml", **changes: Any) -> Config:
    """Read ``mkdocs.yml``; a missing file means defaults (seeds/ and docs/ beside it)."""
    path = Path(config_file)
    data: dict[str, Any] = {}
    if path.exists():
        try:
            loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid YAML ({exc})") from exc
        if loaded is not None and not isinstance(loaded, dict):
            raise ConfigError(f"{path}: expected a mapping of settings")
        data = loaded or {}
    return config_from_mapping(path.parent, data, _plugin_options(data, str(path)), **changes)
