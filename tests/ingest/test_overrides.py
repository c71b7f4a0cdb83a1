"""Curator overrides: seeds/<id>.yml sets fields; errors name file, line and the near miss."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from archive_builder.errors import SeedError
from archive_builder.ingest.overrides import read_overrides
from archive_builder.pipeline import build, check
from tests.support import article_from, fixture_bytes


def _overrides(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    return read_overrides(path, "seeds/x.yml")


def test_every_field_can_be_set(tmp_path: Path) -> None:
    overrides, problems = _overrides(tmp_path, (
        "title: 'Protests return: Baghdad'\npublished: 2019-10-04\noutlet: Gulf Desk Daily\n"
        "byline: [A. Writer, B. Writer]\nurl: https://example.org/story\nlanguage: en\n"
        "caption: A square.\nnotes: Checked against print edition.\n"))
    assert problems == ()
    article = article_from(fixture_bytes("caption_boilerplate.txt"), overrides=overrides)
    assert article.title == "Protests return: Baghdad" and article.title_derived is False
    assert article.published == dt.date(2019, 10, 4)
    assert article.outlet == "Gulf Desk Daily"
    assert article.byline == ("A. Writer", "B. Writer")
    assert article.url == "https://example.org/story"
    assert article.derived == ()
    assert set(article.overridden) == {"title", "published", "outlet", "byline", "url", "language", "caption", "notes"}


def test_unknown_key_suggests_near_miss(tmp_path: Path) -> None:
    _, problems = _overrides(tmp_path, "title: X\npublshed: 2020-01-01\n")
    [problem] = problems
    assert problem.format() == "ERROR seeds/x.yml:2: unknown key 'publshed' - did you mean 'published'?"


@pytest.mark.parametrize(
    "text, message",
    [
        ("published: last week\n", "bad value for 'published': expected an ISO date like 2020-03-23 (or null)"),
        ("url: javascript:alert(1)\n", "bad value for 'url': expected an http:// or https:// address"),
        ("language: English!\n", "bad value for 'language': expected a language tag like 'en' or 'ar'"),
        ("title: ''\n", "bad value for 'title': expected non-empty text"),
        ("exclude: maybe\n", "bad value for 'exclude': expected true or false"),
    ],
)
def test_bad_values_are_reported(tmp_path: Path, text: str, message: str) -> None:
    overrides, problems = _overrides(tmp_path, text)
    assert [p.message for p in problems] == [message]
    assert overrides.values == ()


def test_malformed_yaml_names_line(tmp_path: Path) -> None:
    with pytest.raises(SeedError) as info:
        _overrides(tmp_path, "title: ok\nbyline: [unclosed\n")
    assert info.value.path == "seeds/x.yml"
    assert info.value.line is not None
    assert "not valid YAML" in info.value.message


def test_not_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(SeedError, match="expected 'key: value' lines"):
        _overrides(tmp_path, "- just\n- a list\n")


def test_overrides_through_the_pipeline(make_project) -> None:  # type: ignore[no-untyped-def]
    config = make_project({
        "a.txt": fixture_bytes("hard_wrapped.txt"),
        "a.yml": "title: Pentagon sends air defenses\npublished: 2020-03-20\n",
        "ghost.yml": "title: nobody\n",
        "b.txt": fixture_bytes("single_newlines.txt"),
        "b.yml": "autor: someone\n",
    })
    result = build(config)
    articles = {a.id: a for a in result.archive.articles}
    assert articles["a"].title == "Pentagon sends air defenses"
    assert articles["a"].published == dt.date(2020, 3, 20)
    messages = [d.format() for d in result.diagnostics]
    assert "ERROR seeds/b.yml:1: unknown key 'autor' - did you mean 'outlet'?" in messages or any(
        m.startswith("ERROR seeds/b.yml:1: unknown key 'autor'") for m in messages)
    assert any(m.startswith("WARNING seeds/ghost.yml: no seed named 'ghost'") for m in messages)
    assert "b" in articles  # a bad override never drops the seed


def test_exclude_leaves_seed_out(make_project) -> None:  # type: ignore[no-untyped-def]
    config = make_project({"a.txt": fixture_bytes("hard_wrapped.txt"), "a.yml": "exclude: true\n",
                           "b.txt": fixture_bytes("single_newlines.txt")})
    result = check(config)
    assert [a.id for a in result.archive.articles] == ["b"]
