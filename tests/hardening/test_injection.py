"""Injection through seed text and curation values, asserted on the built HTML of every page.

(The same site is loaded in headless Chromium by ``tests/browser`` to show that no script ran.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tests.hardening import injection
from tests.support.project import Project, make_project, mkdocs_build
from tests.support.sitecheck import article_body, article_html_path, check_links, html_pages

MARK = injection.MARK


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("injection")
    files = injection.files()
    project = make_project(root, {}, files)  # type: ignore[arg-type]
    mkdocs_build(project, strict=True)
    return project


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_bytes(), "html.parser")


def _live(tag: Tag) -> list[str]:
    """Ways ``tag`` could run the payload: handlers, javascript: URLs, inline script with the mark."""
    found = []
    for name, value in tag.attrs.items():
        text = " ".join(value) if isinstance(value, list) else str(value)
        if name.lower().startswith("on"):
            found.append(f"<{tag.name} {name}=...>")
        if name.lower() in ("href", "src", "action", "formaction", "xlink:href", "srcdoc") and (
            text.strip().lower().startswith(("javascript:", "vbscript:", "data:text/html"))
            or (name.lower() == "srcdoc" and MARK in text)
        ):
            found.append(f"<{tag.name} {name}={text!r}>")
    if tag.name in ("script", "style", "iframe", "object", "embed", "svg", "img") and MARK in str(tag) \
            and not _inert_data(tag) and not _inert_figure(tag):
        found.append(f"<{tag.name}> carrying seed text")
    return found


# What the site's build-time figures (render/svg.py) are made of: seed text only ever as the text of
# <text> and <title>; nothing that can load or run anything (no script, foreignObject, use, image...).
_FIGURE_TAGS = {"svg", "defs", "marker", "path", "g", "a", "title", "rect", "text", "circle", "line"}


def _inert_figure(tag: Tag) -> bool:
    if tag.name != "svg":
        return False
    inside = [t for t in tag.find_all(True)]
    if any(t.name not in _FIGURE_TAGS for t in inside):
        return False
    holders = [t for t in inside if MARK in "".join(str(v) for v in t.attrs.values()) and t.name != "a"]
    return not holders and all(t.name in ("text", "title") for t in inside
                               if any(MARK in str(c) for c in t.children if isinstance(c, str)))


def _inert_data(tag: Tag) -> bool:
    """A JSON data block (JSON-LD metadata) that is valid JSON and cannot close its element early."""
    kind = str(tag.get("type", "")).lower()
    if tag.name != "script" or kind not in ("application/ld+json", "application/json"):
        return False
    text = tag.string or ""
    try:
        json.loads(text)
    except ValueError:
        return False
    return "<" not in text


def _mermaid_problems(content: Tag) -> list[str]:
    """Diagrams the site draws are fine; seed text must not add Mermaid syntax to them."""
    problems = []
    for block in content.select(".mermaid"):
        code = block.get_text()
        for raw in ("click ", "javascript:", "callback", f"window.{MARK}", "graph TD", "<script"):
            if raw in code:
                problems.append(f"diagram carries raw seed syntax {raw!r}")
    return problems


def test_no_page_carries_live_payload(site: Project) -> None:
    pages = html_pages(site.site)
    assert len(pages) >= 5
    problems = {}
    for page in pages:
        live = [item for tag in _soup(page).find_all(True) for item in _live(tag)]
        if live:
            problems[page.relative_to(site.site).as_posix()] = live
    assert not problems


def test_no_seed_markup_becomes_structure(site: Project) -> None:
    for page in html_pages(site.site):
        soup = _soup(page)
        content = soup.select_one("article") or soup
        rel = page.relative_to(site.site).as_posix()
        assert not content.select(".admonition.danger, .footnote, abbr, #custom-id"), rel
        assert not _mermaid_problems(content), (rel, _mermaid_problems(content))
        for tag in content.find_all(["strong", "em", "code", "b"]):  # `**bold markdown**` etc. became markup
            assert tag.get_text().strip() not in ("bold markdown", "bold html", "emphasis", "code"), (rel, str(tag))
        for cell in content.find_all(["td", "th"]):  # `| table | row |` became a table
            assert cell.get_text().strip() not in ("table", "row"), (rel, str(cell))
        assert "jinja-block" not in content.get_text() or "{% if true %}" in content.get_text(), rel


def _article(site: Project, seed: str) -> tuple[dict[str, object], BeautifulSoup]:
    records = {r["seed"]: r for r in site.export()["articles"]}
    record = records[seed]
    return record, _soup(article_html_path(site.site, str(record["page"])))


def test_payloads_are_shown_literally(site: Project) -> None:
    record, soup = _article(site, "inject_body.txt")
    assert article_body(str(soup)) == record["body"]
    for payload in injection.PAYLOADS:
        for line in payload.split("\n"):
            assert " ".join(line.split()) in record["body"], line
    assert soup.h1 is not None and soup.h1.get_text().strip().rstrip("¶").strip() == injection.HOSTILE_TITLE
    assert soup.title is not None and injection.HOSTILE_TITLE in soup.title.get_text()
    text = soup.get_text()
    for shown in ("<script>window.abxss=11</script> Daily", "<img src=x onerror=window.abxss=12>",
                  "\"><svg onload=window.abxss=13>", "[click](javascript:window.abxss=14)",
                  "<script>window.abxss=15</script>", "{{ config.site_name }}"):
        assert shown in text, shown


def test_front_matter_lines_in_a_seed_stay_text(site: Project) -> None:
    record, soup = _article(site, "inject_lines.txt")
    assert "title: injected front matter" in record["body"] or record["title"] == "title: injected front matter"
    assert article_body(str(soup)) == record["body"]
    assert soup.title is not None and soup.title.get_text().startswith(str(record["title"]))


def test_hostile_seed_name(site: Project) -> None:
    name = f"\"><img src=x onerror=window.{MARK}=10>.txt"
    record, soup = _article(site, name)
    assert name in soup.get_text()
    assert (site.site / str(record["original"])).read_bytes() == injection.SEEDS[name].encode()


def test_search_index_holds_text_not_markup(site: Project) -> None:
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        fragment = BeautifulSoup(doc["text"] + doc["title"], "html.parser")
        assert not [item for tag in fragment.find_all(True) for item in _live(tag)], doc["location"]


def test_links_resolve(site: Project) -> None:
    assert not check_links(site.site)
