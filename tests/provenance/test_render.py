"""Provenance pages, front matter, export and JSON-LD; hostile seed text stays text everywhere."""

from __future__ import annotations

import json
import re

import frontmatter
import pytest
from bs4 import BeautifulSoup

from archive_builder.curation import Curation
from archive_builder.mkdocs_plugin import jsonld_script
from archive_builder.model import Archive
from archive_builder.provenance import analyse
from archive_builder.render import RenderContext, render_site, svg
from archive_builder.render import provenance_view as view
from archive_builder.render.context import article_page
from archive_builder.render.contrib import views
from archive_builder.render.export import export_data

from .helpers import fixture, make_article

HOSTILE = '<script>alert(1)</script> "]) --> evil[click] `{{ x }}` | ; %% &amp; [link](javascript:1)'


def _hostile_ctx() -> RenderContext:
    shared = fixture("wire_original").body
    a = make_article("h1", f"{HOSTILE} opens this.\n\n{shared}\n\nAccording to the Evil </script> Times, {HOSTILE}.",
                     outlet=f"Outlet {HOSTILE}", source_credit="Bad <b>Wire</b>")
    b = make_article("h2", shared.replace("wheat", "wheat <script>x</script>"), outlet="Plain Outlet")
    articles = (a, b)
    index, _ = analyse(articles, Curation())
    return RenderContext.of(Archive(articles=articles, provenance=index))


def test_svg_labels_cannot_break_out() -> None:
    chart = svg.flow([svg.Node(HOSTILE, None), svg.Node("x\n```\ny", "a/", "outlet")], [svg.Edge(0, 1, HOSTILE)], HOSTILE)
    assert "<script" not in chart and "&#60;script&#62;" in chart
    lines = chart.split("\n")
    assert len(lines) == 3 and lines[0].startswith("<figure") and "" not in lines  # one raw HTML block
    assert "&#96;&#96;&#96;" in chart and "```" not in chart  # the fence is inert text, never a block


def test_pages_keep_hostile_text_inert(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ctx = _hostile_ctx()
    outputs = {o.path: o.data.decode() for o in render_site(ctx, tmp_path) if o.data is not None}
    assert "provenance/compare/h1--h2.md" in outputs and "provenance/index.md" in outputs
    assert "outlets/index.md" in outputs
    for path, text in outputs.items():
        if not path.endswith(".md"):
            continue  # the data files (JSON, CSV) are data, served as such, never a page
        post = frontmatter.loads(text)
        assert "<script" not in post.content, path
        assert "<b>" not in post.content, path
        outside_html = re.sub(r'<div class="ab-(body|compare)".*?</div>', "", post.content, flags=re.S)
        assert "](javascript" not in outside_html, path
        assert "```mermaid" not in post.content, path


def test_compare_page_marks_edits_and_escapes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ctx = _hostile_ctx()
    [page] = [o for o in view.pages(ctx) if o.path == "provenance/compare/h1--h2.md"]
    text = page.data.decode() if page.data else ""
    assert '<ins class="ab-edit">' in text
    assert "&lt;/script" in text
    assert "<script>" not in frontmatter.loads(text).content


def test_article_spans_mark_each_passage_and_the_panel_links_its_match() -> None:
    """Passages are marked in the text (never a link on a word of it); the panel links each to its match."""
    ctx = _hostile_ctx()
    spans = view.article_spans(ctx, ctx.articles["h1"], article_page("h1"))
    anchors = [dict(s.attrs)["id"] for s in spans if s.tag == "mark" and "id" in dict(s.attrs)]
    assert anchors and anchors == [f"pass-h2-{k + 1}" for k in range(len(anchors))]
    assert not [s for s in spans if s.tag == "a"]
    panel = "\n".join(view.article_panels(ctx, ctx.articles["h1"], article_page("h1")))
    assert all(f"](h2.md#pass-h1-{k + 1})" in panel for k in range(len(anchors))), panel
    other = view.article_spans(ctx, ctx.articles["h2"], article_page("h2"))
    assert {dict(s.attrs).get("id") for s in other if s.tag == "mark"} - {None} == set(
        f"pass-h1-{k + 1}" for k in range(len(anchors)))


def test_front_matter_and_export_shapes() -> None:
    ctx = _hostile_ctx()
    fm = view.article_front_matter(ctx, ctx.articles["h2"])
    assert fm["chain"][-1] == {"article": "h2"}
    assert any(r["relation"] == "republication" for r in fm["relations"])
    data = export_data(ctx, views())
    assert {"outlets", "relations", "attributions"} <= set(data) and "chains" not in data
    assert all("chain" in record for record in data["articles"])
    rel = next(r for r in data["relations"] if "article" in r["source"] and "article" in r["target"])
    assert set(rel) >= {"source", "target", "relation", "direction_known", "confidence", "evidence", "passages"}
    passage = rel["passages"][0]
    assert set(passage) >= {"source_start", "source_end", "target_start", "target_end", "kind", "edits"}
    outlet_rel = next(r for r in data["relations"] if "outlet" in r["source"])
    assert outlet_rel["source"]["outlet"] == "The Evil </script> Times" or outlet_rel["source"]["outlet"]
    json.dumps(data)


def test_jsonld_script_cannot_be_closed_by_seed_text() -> None:
    script = jsonld_script({"headline": "x</script><script>alert(1)</script>\u2028", "n": "a & b"})
    inner = script[len('<script type="application/ld+json">') : -len("</script>")]
    assert "</" not in inner and "<" not in inner and "&" not in inner
    assert json.loads(inner)["headline"] == "x</script><script>alert(1)</script>\u2028"


def test_article_panel_has_chain_sources_and_passages() -> None:
    ctx = _hostile_ctx()
    [panel] = view.article_panels(ctx, ctx.articles["h1"], article_page("h1"))
    assert "<figure class=\"ab-figure ab-flow\"" in panel and "### Sources named" in panel and "### Shared passages" in panel
    assert "<script" not in panel


def test_export_validates_against_the_provenance_schema() -> None:
    from pathlib import Path

    import jsonschema

    import archive_builder

    schema = json.loads((Path(archive_builder.__file__).parent / "schema" / "provenance.schema.json").read_text())
    data = json.loads(json.dumps(export_data(_hostile_ctx(), views())))
    jsonschema.validate(data, schema)
    assert data["relations"]


def _linked_ctx(use_directory_urls: bool) -> RenderContext:
    """An original, a reprint and the revision of the original: passages from two relations cover
    the same sentences, and names inside them are linked by the entities view."""
    from archive_builder import entities

    articles = (fixture("wire_original"), fixture("reprint_house_style"), fixture("revision"))
    entity_index, _ = entities.resolve(articles, Curation())
    index, _ = analyse(articles, Curation())
    assert entity_index.mentions and index.relations
    return RenderContext.of(Archive(articles=articles, entities=entity_index, provenance=index),
                            use_directory_urls=use_directory_urls)


def _body(ctx: RenderContext, article_id: str, tmp_path) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    outputs = {o.path: o.data.decode() for o in render_site(ctx, tmp_path) if o.data is not None}
    html = outputs[article_page(article_id)]
    return BeautifulSoup(re.search(r'<div class="ab-body".*?\n</div>', html, re.S).group(0), "html.parser")


@pytest.mark.parametrize("directory_urls", [True, False])
def test_body_passages_carry_their_anchor_and_a_valid_link(directory_urls: bool, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ctx = _linked_ctx(directory_urls)
    body = _body(ctx, "reprint_house_style", tmp_path)
    marks = body.select("mark.ab-passage[id]")
    ids = [m["id"] for m in body.select("[id]")]
    assert marks and len(ids) == len(set(ids)), "every passage mark has an id, no id twice"
    assert not body.select(".ab-passage-anchor")
    assert all(a.find("a") is None for a in body.find_all("a")), "no link inside a link"
    assert body.select("a.ab-mention"), "names inside passages stay linked"
    assert not body.select("a.ab-passage-link"), "no link on a word of the text"
    assert all(a.get("class") == ["ab-mention", a["class"][1]] for a in body.find_all("a")), "only names are links"
