"""Command line: ``archive-builder build | check | export``. Thin: parse, call the pipeline, report.

Exit codes: 0 success; 1 the build finished with errors (or warnings under ``--strict``);
2 the command could not run (bad configuration, no seeds folder, bad arguments).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any, TextIO

from archive_builder import __version__, pipeline
from archive_builder.config import load_config
from archive_builder.errors import ArchiveError
from archive_builder.pipeline import BuildResult

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="archive-builder", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=f"archive-builder {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, text in (
        ("build", "seeds -> Markdown pages in the docs folder"),
        ("check", "validate seeds and curation files; build nothing"),
        ("export", "print the archive as one JSON object"),
    ):
        cmd = sub.add_parser(name, help=text, description=text)
        cmd.add_argument("-f", "--config-file", default="mkdocs.yml", help="settings file (default: mkdocs.yml)")
        cmd.add_argument("--strict", action="store_true", help="treat warnings as failure")
        cmd.add_argument("-q", "--quiet", action="store_true", help="print errors only")
        if name != "export":
            cmd.add_argument("--seeds", help="seeds folder (overrides the settings file)")
        cmd.add_argument("-j", "--jobs", type=int, help="worker processes for per-seed work (0: one per core)")
        cmd.add_argument("--runner", choices=("local", "dask"),
                         help="where per-article work runs: this machine's cores (local) or a Dask cluster")
        cmd.add_argument("--scheduler", metavar="ADDRESS",
                         help="with --runner dask: the scheduler (tcp://host:8786); default: a local cluster")
        cmd.add_argument("--no-cache", action="store_true", help="ignore and do not update .archive-builder/cache/")
        if name == "build":
            cmd.add_argument("--docs", help="output folder for pages (overrides the settings file)")
    return parser


def _report(result: BuildResult, strict: bool, quiet: bool, err: TextIO, show_info: bool = False) -> int:
    for diagnostic in result.diagnostics:
        if quiet and diagnostic.severity != "error":
            continue
        if diagnostic.severity == "info" and not (show_info or strict):
            continue
        print(diagnostic.format(), file=err)
    errors, warnings = len(result.errors), len(result.warnings)
    if not quiet:
        print(f"{result.article_count} articles, {errors} error(s), {warnings} warning(s)", file=err)
    return EXIT_PROBLEMS if result.failed(strict) else EXIT_OK


def main(argv: list[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=err)
    try:
        changes: dict[str, Any] = {}
        if getattr(args, "seeds", None):
            changes["seeds_dir"] = Path(args.seeds).resolve()
        if getattr(args, "docs", None):
            changes["docs_dir"] = Path(args.docs).resolve()
        if args.jobs is not None:
            if args.jobs < 0:
                raise ArchiveError(f"--jobs must be 0 or more, not {args.jobs}", hint="0 uses every core")
            changes["jobs"] = args.jobs
        if args.runner:
            changes["runner"] = args.runner
        if args.scheduler:
            changes["dask_scheduler"] = args.scheduler
        if args.no_cache:
            changes["cache"] = False
        config = load_config(args.config_file, strict=args.strict, **changes)
        if args.command == "build":
            result = pipeline.build(config)
            if result.report and not args.quiet:
                report = result.report
                print(f"wrote {len(report.written)} file(s), {report.unchanged} unchanged, "
                      f"{len(report.removed)} removed in {config.rel(config.docs_dir)}/", file=err)
        elif args.command == "check":
            result = pipeline.check(config)
        else:
            text, result = pipeline.export(config)
            out.write(text)
    except ArchiveError as exc:
        print(f"ERROR {exc}", file=err)
        return EXIT_UNUSABLE
    except OSError as exc:  # disk full, permissions
        where = f" {exc.filename}" if exc.filename else ""
        print(f"ERROR cannot write{where}: {exc.strerror or exc} - fix this and build again "
              "(the next build finishes or discards the interrupted write)", file=err)
        return EXIT_UNUSABLE
    return _report(result, args.strict, args.quiet, err, show_info=args.command == "check")


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
