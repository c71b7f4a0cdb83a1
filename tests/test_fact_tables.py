"""No "Field | Value" tables where a reader goes (home, article, entity, event, timeline pages: facts are
a header or a definition list), and every table that remains has a real header row, never ``| | |``."""

from __future__ import annotations

import re

from archive_builder import pipeline
from tests.support import fixture_bytes

_TABLE_START = re.compile(r"^(?<!\|)(\|.*\|)\n\|[-:| ]+\|$", re.M)


def _headers(text: str) -> list[list[str]]:
    """The header cells of every Markdown table of a page."""
    return [[c.strip() for c in m.group(1).strip("|").split("|")] for m in _TABLE_START.finditer(text)]


def test_fact_tables_have_a_header(make_project) -> None:  # type: ignore[no-untyped-def]
    config = make_project({"a.txt": fixture_bytes("wire_headline.txt"), "b.txt": fixture_bytes("caption_boilerplate.txt")})
    result = pipeline.build(config, write=False)
    pages = {o.path: o.data.decode("utf-8") for o in result.outputs if o.data is not None}
    checked = [p for p in pages if p in ("index.md", "timeline.md", "network.md")
               or p.startswith(("articles/", "people/", "places/", "organizations/", "events/"))]
    assert any(p.startswith("people/") and not p.endswith("index.md") for p in checked), sorted(pages)
    for path in checked:
        for cells in _headers(pages[path]):
            assert all(cells), f"{path}: table header with an empty cell: {cells}"
            assert cells[:2] != ["Field", "Value"], f"{path}: a Field | Value table"
        assert "<th></th>" not in pages[path] and "| | |" not in pages[path], path
    article = next(p for p in checked if p.startswith("articles/") and not p.endswith("index.md"))
    assert '<header class="ab-record">' in pages[article]
    person = next(p for p in checked if p.startswith("people/") and not p.endswith("index.md"))
    assert '<dl class="ab-facts">' in pages[person]


def test_provenance_tables_have_a_header(make_project) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import FIXTURES

    seeds = {f"{name}.txt": (FIXTURES / "provenance" / f"{name}.txt").read_bytes()
             for name in ("wire_original", "reprint_house_style")}
    result = pipeline.build(make_project(seeds), write=False)
    pages = {o.path: o.data.decode("utf-8") for o in result.outputs if o.data is not None}
    checked = [p for p in pages if p.startswith(("provenance/", "outlets/"))]
    assert any(p.startswith("provenance/compare/") for p in checked), sorted(pages)
    for path in checked:
        for cells in _headers(pages[path]):
            assert all(cells), f"{path}: table header with an empty cell: {cells}"
