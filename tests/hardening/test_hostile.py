"""Hostile and broken input: a clear diagnostic naming the file, the rest published, nothing crashes,
``--strict`` fails the build."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive_builder.ingest import make_seed, read_seed
from archive_builder.model import Archive
from archive_builder.render import RenderContext
from archive_builder.render.article import render_article
from archive_builder.render.contrib import views
from tests.hardening import hostile
from tests.support.markdown import render_page
from tests.support.sitecheck import article_body

CASES = hostile.cases()


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_hostile_input(case: hostile.Case, tmp_path: Path) -> None:
    outcome = hostile.run(case, tmp_path)
    assert not hostile.problems(outcome), [d.format() for d in outcome.diagnostics]


def test_table_of_hostile_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The table for the closing note (shown with ``-s`` or ``python -m tests.hardening.hostile``)."""
    outcomes = [hostile.run(case, tmp_path / str(n)) for n, case in enumerate(CASES[:5])]
    text = hostile.table(outcomes)
    assert text.count("\n| ") == len(outcomes) + 1  # header row + one row per input
    assert "crashed" not in text


# --------------------------------------------------------------------------- property-based


def _ingest(data: bytes, name: str = "x.txt"):  # noqa: ANN202
    seed = make_seed(Path(name), f"seeds/{name}", data)
    return read_seed(seed, data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_any_bytes_give_an_article_or_a_diagnostic(data: bytes) -> None:
    result = _ingest(data)
    if result.article is None:
        assert result.diagnostics and all(d.path == "seeds/x.txt" for d in result.diagnostics)
        assert any(d.severity == "error" for d in result.diagnostics)
    else:
        assert result.article.body.strip()
        assert "\x00" not in result.article.body and "\r" not in result.article.body


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=400,
)
_LINES = st.lists(
    st.one_of(_TEXT, st.sampled_from(["", "---", "...", "<script>alert(1)</script>", "{{ x }}", "{% raw %}",
                                       "```mermaid", "# Heading", "* item", "    code", "<!--", "-->", "| a | b |",
                                       "[x](javascript:alert(1))", "&amp; &lt;", "\u202e", "\ufeff"])),
    min_size=1, max_size=12,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_LINES)
def test_any_text_is_shown_exactly_as_the_export_states(lines: list[str]) -> None:
    """Whatever the text, the page's HTML gives back the body, and its front matter is valid YAML
    that round-trips the title."""
    result = _ingest("\n".join(lines).encode("utf-8"))
    if result.article is None:
        assert result.diagnostics
        return
    article = result.article
    ctx = RenderContext.of(Archive(articles=(article,)))
    page = render_article(ctx, article, views()).decode("utf-8")
    front = yaml.safe_load(page.split("---\n", 2)[1])
    assert front["title"] == article.title and front["sha256"] == article.sha256
    assert article_body(render_page(page)) == article.body


_YAMLISH = st.lists(
    st.sampled_from(["title: x", "published: 2020-02-30", "byline: [a, b]", "- item", "&a [1]", "*a", "---", "...",
                     "url: javascript:x", "exclude: yes", "? complex", ": v", "!!binary aGk=", "key: !!python/name:os",
                     "  nested: 1", "\t", "'unclosed", "language: en-GB", "{a: 1}", "title: |", "  text"])
    | st.text(max_size=30),
    max_size=8,
).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(_YAMLISH)
def test_any_override_file_gives_values_or_diagnostics(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    from archive_builder.errors import SeedError
    from archive_builder.ingest.overrides import FIELDS, read_overrides

    path = tmp_path_factory.mktemp("o") / "x.yml"
    path.write_text(text, encoding="utf-8")
    try:
        overrides, problems = read_overrides(path, "seeds/x.yml")
    except SeedError as exc:
        assert exc.diagnostic().path == "seeds/x.yml"
        return
    assert all(key in FIELDS for key in overrides.keys())  # noqa: SIM118 (Overrides is not a dict)
    assert all(d.path == "seeds/x.yml" and "\n" not in d.message for d in problems)


@settings(max_examples=150, deadline=None)
@given(_YAMLISH)
def test_any_curation_file_gives_sections_or_diagnostics(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    from archive_builder.curation import SECTIONS, load_curation

    folder = tmp_path_factory.mktemp("c")
    (folder / "curation.yml").write_text(text, encoding="utf-8")
    curation, problems = load_curation(folder, "seeds/curation.yml")
    assert set(curation.sections) <= set(SECTIONS)
    assert all(d.path == "seeds/curation.yml" for d in problems)
