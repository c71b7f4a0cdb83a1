"""The command line: exit codes and exact messages."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import jsonschema
import pytest

from archive_builder.cli import main
from tests.support import export_validator, fixture_bytes

SCHEMA = Path(__file__).resolve().parent.parent / "archive_builder" / "schema" / "export.schema.json"


def run(args: list[str], cwd: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        code = main(args, out=out, err=err)
    finally:
        os.chdir(old)
    return code, out.getvalue(), err.getvalue()


def test_build_ok(make_project) -> None:  # type: ignore[no-untyped-def]
    config = make_project({"a.txt": fixture_bytes("wire_headline.txt")})
    code, _, err = run(["build"], config.root)
    assert code == 0
    assert "1 articles, 0 error(s), 0 warning(s)" in err
    assert (config.root / "docs" / "articles" / "a.md").exists()


def test_check_reports_errors_and_exits_1(make_project) -> None:  # type: ignore[no-untyped-def]
    config = make_project({"a.txt": fixture_bytes("wire_headline.txt"), "bad.txt": b""})
    code, _, err = run(["check"], config.root)
    assert code == 1
    assert "ERROR seeds/bad.txt: empty seed (no text) - add the article's text or remove the file" in err
    assert not (config.root / "docs" / "articles").exists()


def test_strict_turns_warnings_into_failure(make_project) -> None:  # type: ignore[no-untyped-def]
    config = make_project({"a.txt": fixture_bytes("cp1252_quotes.txt")})
    assert run(["build"], config.root)[0] == 0
    code, _, err = run(["build", "--strict"], config.root)
    assert code == 1
    assert "WARNING seeds/a.txt:1: not UTF-8 (byte 0x92 at offset 6); decoded as cp1252" in err


def test_missing_seeds_folder_exits_2(tmp_path: Path) -> None:
    code, _, err = run(["build"], tmp_path)
    assert code == 2
    assert err.startswith("ERROR no seeds folder at seeds - create it and add seed files")


def test_unknown_plugin_option_is_named(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - archive:\n      seed_dir: s\n")
    code, _, err = run(["check"], tmp_path)
    assert code == 2
    assert "unknown option 'seed_dir' of plugin 'archive' - did you mean 'seeds_dir'?" in err


def test_every_plugin_option_is_accepted_by_the_command_line(tmp_path: Path) -> None:
    from archive_builder.mkdocs_plugin import ArchivePlugin

    options = "".join(f"      {name}: {default!r}\n" for name, default in (
        (name, option.default) for name, option in ArchivePlugin.config_scheme) if default is not None)
    (tmp_path / "mkdocs.yml").write_text(f"site_name: x\nplugins:\n  - archive:\n{options}")
    (tmp_path / "seeds").mkdir()
    code, _, err = run(["check"], tmp_path)
    assert "unknown option" not in err and code == 0, err


def test_export_validates_against_schema(make_project, repo_seeds) -> None:  # type: ignore[no-untyped-def]
    config = make_project({**repo_seeds, "a.txt": fixture_bytes("wire_headline.txt"),
                           "b.txt": fixture_bytes("caption_boilerplate.txt")})
    code, out, _ = run(["export"], config.root)
    assert code == 0
    data = json.loads(out)
    export_validator().validate(data)
    assert {a["id"] for a in data["articles"]} >= {"000_72390fa45c841a5e", "001_efc5fe58cbd9dffa", "a", "b"}


def test_schema_rejects_a_broken_export() -> None:
    with pytest.raises(jsonschema.ValidationError):
        export_validator().validate({"generator": {"name": "archive-builder", "version": "1", "export_version": 1},
                                     "articles": [{"id": "x"}]})
