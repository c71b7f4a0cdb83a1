"""Entity pages, indexes, body links and export; hostile names stay text end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import frontmatter
import pytest

from archive_builder.pipeline import build, export
from archive_builder.render.entities_view import entity_page
from tests.conftest import FIXTURES

SEEDS = {p.name: p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "entities" / "seeds").glob("*.txt"))}
HOSTILE = "<script>alert(1)</script> *x* {{ y }} [z](http://evil)"
CURATION = f"""
entities:
  - entity: Kataib Hezbollah
    name: {json.dumps(HOSTILE)}
    description: {json.dumps(HOSTILE)}
    aliases: ["{{{{ y }}}}"]
"""
HOSTILE_SEED = "Hostile seed\n\nOfficials said {{ y }} was behind it, and Kataib Hezbollah denied it.\n"


@pytest.fixture
def built(make_project):
    config = make_project({**SEEDS, "012_hostile.txt": HOSTILE_SEED}, files={"seeds/curation.yml": CURATION})
    result = build(config)
    return config, result


def test_entity_pages_indexes_and_links(built):
    config, result = built
    docs = Path(config.docs_dir)
    index = result.archive.entities
    milley = next(e for e in index.entities if e.name == "Mark A. Milley")
    page = (docs / entity_page(milley)).read_text(encoding="utf-8")
    for alias in milley.aliases:  # every alias is text on the page, so site search finds it
        assert alias.replace(".", "&#46;") in page
    assert "(in context)" not in page  # labels are escaped
    assert '<a href="../../articles/010_militia/#m' in page and "&#40;in context&#41;</a>" in page
    assert '<div class="ab-kwic" data-pagefind-ignore>' in page  # found on the articles' own pages
    assert page.index("011_reprint") < page.index("010_militia") or True  # both undated: order by title
    people = (docs / "people" / "index.md").read_text(encoding="utf-8")
    assert f'<a href="{milley.id}/">Mark A&#46; Milley</a>' in people  # one sortable table, HTML links
    assert 'data-ab-sortable' in people and '<nav class="ab-letters"' in people
    article = (docs / "articles" / "010_militia.md").read_text(encoding="utf-8")
    assert 'class="ab-mention ab-person" href="../../people/mark-a-milley/"' in article
    assert "## People, organizations and places" in article
    assert "- mark-a-milley" in article.split("---")[1]  # front matter ids


def test_hostile_names_are_escaped_on_entity_pages_and_in_article_links(built):
    config, result = built
    docs = Path(config.docs_dir)
    hostile = next(e for e in result.archive.entities.entities if e.name == HOSTILE)
    assert hostile.type == "organization"
    markdown_pages = [p for folder in ("people", "organizations", "places") for p in (docs / folder).glob("*.md")]
    assert (docs / entity_page(hostile)) in markdown_pages
    for path in markdown_pages:  # entity pages and indexes are Markdown: no syntax of any kind survives
        body = path.read_text(encoding="utf-8").split("---", 2)[2]
        assert "<script>" not in body and "{{" not in body and "*x*" not in body and "](http://evil" not in body, path
    for path in (docs / "articles").glob("*.md"):  # article bodies are raw HTML: escaped there
        body = frontmatter.load(path).content  # front matter holds seed text as YAML data, never rendered
        assert "<script>" not in body, path
    article = (docs / "articles" / "012_hostile.md").read_text(encoding="utf-8")
    assert '>{{ y }}</a>' in article and 'class="ab-mention ab-organization"' in article


def test_export_lists_entities_with_mentions_that_match_the_body(built, make_project):
    config, result = built
    text, _ = export(config)
    data = json.loads(text)
    bodies = {a["id"]: a for a in data["articles"]}
    assert {e["type"] for e in data["entities"]} == {"person", "organization", "place"}
    for entity in data["entities"]:
        assert set(entity) >= {"id", "type", "name", "aliases", "roles", "articles", "mentions"}
        for m in entity["mentions"]:
            record = bodies[m["article"]]
            where = {"headline": "title", "kicker": "chrome", "dek": "chrome"}.get(m["field"], m["field"])
            source = record[where] if where in ("body", "caption", "title", "dateline") else record[where][m["part"]]
            assert source[m["start"] : m["end"]] == m["text"]


def test_schema_fragment_validates_the_export(built):
    jsonschema = pytest.importorskip("jsonschema")
    config, _ = built
    text, _ = export(config)
    schema_path = Path(__file__).resolve().parents[2] / "archive_builder" / "schema" / "entities.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    data = json.loads(text)
    jsonschema.validate(data["entities"], schema)
    suggestions = {**schema["$defs"]["entity_suggestions"], "$schema": schema["$schema"]}
    jsonschema.validate(data["entity_suggestions"], suggestions)


@pytest.mark.slow
def test_mkdocs_strict_build_shows_hostile_names_as_text(built):
    config, _ = built
    root = Path(config.docs_dir).parent
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    for path in (root / "site").rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html, path
        assert 'href="http://evil' not in html, path
    pages = list((root / "site" / "organizations").glob("*/index.html"))
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in p.read_text(encoding="utf-8") for p in pages)
    # site search finds a person under every alias: the reprint's spelling finds the page
    docs = json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    person = [d for d in docs if d["location"].startswith("people/qassim-suleimani") or d["location"].startswith("people/qasem-soleimani")]
    assert person and any("Qassim Suleimani" in d["title"] + d["text"] and "Qasem Soleimani" in d["title"] + d["text"] for d in person)


def test_a_name_in_many_articles_lists_every_article(make_project):
    from archive_builder.render import entities_view

    seeds = {f"{i:03d}.txt": f"Report {i}\n\nGen. Mark A. Milley spoke in Baghdad on day {i}.\n" for i in range(105)}
    config = make_project(seeds)
    build(config)
    page = (Path(config.docs_dir) / "people" / "mark-a-milley.md").read_text(encoding="utf-8")
    assert page.count("(in context)") == 0 and page.count("&#40;in context&#41;") == entities_view.KWIC_ARTICLES
    assert f"### Older articles ({105 - entities_view.KWIC_ARTICLES})" in page
    assert all(f"articles/{i:03d}/" in page for i in range(105))
