"""Event pages, the timeline, article panels and the export; hostile seed text stays text."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import frontmatter
import jsonschema
import pytest

from archive_builder import events
from archive_builder.curation import Curation
from archive_builder.model import Archive
from archive_builder.render import RenderContext, render_export
from archive_builder.render import events_view as view
from archive_builder.render.article import render_article
from archive_builder.render.contrib import views

from .helpers import PORT_ELLERY, fixture_article, index_for

D = dt.date
SCHEMA = Path(__file__).resolve().parents[2] / "archive_builder" / "schema" / "events.schema.json"
HOSTILE_NAME = '<img src=x onerror=alert(3)> {{ x }} [a](b) *Q*'


def archive(extra_names: dict[str, tuple[str, tuple[str, ...]]] | None = None) -> Archive:
    articles = (fixture_article("port_ellery_arrest", D(2021, 4, 9)), fixture_article("port_ellery_vigil"),
                fixture_article("hostile", D(2021, 3, 10), title='<b>Bold</b> {{ title }}'))
    names = dict(PORT_ELLERY) | (extra_names or {})
    entities = index_for(articles, names)
    # the hostile entity's name itself (not only its mentions) comes from seed text
    entities = type(entities)(tuple(e if e.id != "hostile" else type(e)(e.id, e.type, HOSTILE_NAME) for e in entities.entities),
                              entities.mentions)
    articles, index, _ = events.extract(articles, entities, Curation())
    return Archive(articles, entities, index)


@pytest.fixture(scope="module")
def ctx() -> RenderContext:
    return RenderContext.of(archive({"hostile": ("person", ("{{ config.site_name }}",))}))


def page(ctx: RenderContext, path: str) -> str:
    found = {o.path: o.data for o in view.pages(ctx)}
    data = found[path]
    assert data is not None
    return data.decode("utf-8")


def test_event_page_links_entities_articles_and_spots(ctx: RenderContext) -> None:
    killing = next(e for e in ctx.archive.events.events if e.date == D(2021, 4, 2))
    text = page(ctx, view.event_page(killing.id))
    post = frontmatter.loads(text)
    assert post["event"] == killing.id and post["date"] == "2021-04-02" and post["date_precision"] == "day"
    assert '<a href="../../people/mara-quist/">Mara Quist</a>' in text
    assert '<a href="../../places/harbor-district/">Harbor district</a>' in text
    mention = next(m for m in ctx.archive.events.mentions if m.event == killing.id and m.article == "port_ellery_vigil")
    assert f"(../articles/port_ellery_vigil.md#{view.anchor(mention)})" in text
    assert '<mark class="ab-event">assassination</mark>' in text
    assert "(2021&#45;04&#45;13 &#40;inferred&#41;)" in text


def test_timeline_in_order_grouped_by_month(ctx: RenderContext) -> None:
    text = page(ctx, view.TIMELINE)
    months = [line.split(" {", 1)[0] for line in text.splitlines() if line.startswith("## ")]
    assert months == ["## December 2020", "## March 2021", "## April 2021", "## Cite this page"]
    dates = re.findall(r'<span class="ab-tl-date">([0-9-]+)</span>', text)
    assert dates == sorted(dates) and "2021-04-13" in dates
    assert '<span class="ab-tl-kind">Event</span>' in text
    for month in ("2020-12", "2021-03", "2021-04"):  # the overview links each month to its heading
        assert f'href="#month-{month}"' in text and f"#month-{month} .ab-tl-month }}" in text


def test_article_front_matter_spans_and_panel(ctx: RenderContext) -> None:
    vigil = ctx.articles["port_ellery_vigil"]
    text = render_article(ctx, vigil, views()).decode("utf-8")
    post = frontmatter.loads(text)
    assert post["events"] == sorted({m.event for m in ctx.archive.events.mentions if m.article == vigil.id})
    assert post["published_range"] == ["2021-04-08", "2021-04-13"]
    assert '<mark class="ab-event" data-event="' in text and '<span class="ab-event-trigger" id="ev-' in text
    ids = [part.split('"', 1)[0] for part in text.split(' id="ev-')[1:]]
    assert len(ids) == len(set(ids))
    assert "## Events" in text and "](../events/" in text
    assert "How the date was inferred" in text


def test_hostile_text_stays_text(ctx: RenderContext) -> None:
    hostile = [e for e in ctx.archive.events.events if "hostile" in e.articles]
    assert len(hostile) == 2
    # the rocket attack is in one article and names no one and nowhere: no page, only the panel,
    # the index and the timeline list it (without a link), and there its label must stay text
    paged = [e for e in hostile if view.has_page(e)]
    assert [e.trigger for e in paged] == ["killing"]
    written = {o.path for o in view.pages(ctx)}
    assert all((view.event_page(e.id) in written) == view.has_page(e) for e in hostile)
    for event in paged:
        text = page(ctx, view.event_page(event.id))
        post = frontmatter.loads(text)
        assert post["title"] == event.label
        body = post.content
        assert "<script" not in body and "<img" not in body
        assert "&lt;script&gt;" in body or "rocket" in event.id
        markdown = [line for line in body.splitlines() if not line.startswith("<blockquote")]
        assert not any("{{" in line or "{%" in line or "](javascript" in line for line in markdown)
    panel = "\n".join(view.article_panels(ctx, ctx.articles["hostile"], "articles/hostile.md"))
    assert "<" not in panel and "{{" not in panel
    assert "&lt;img" in page(ctx, view.event_page(paged[0].id)) or "&#60;img" in page(ctx, view.event_page(paged[0].id))
    assert "Rocket attack" in page(ctx, view.EVENTS_INDEX)  # the unpaged event is listed, its label escaped
    assert "Rocket attack" not in page(ctx, view.TIMELINE)  # the timeline counts it: no page to go to
    assert "1 more event(s) named in a single article" in page(ctx, view.TIMELINE)
    for listing in (view.TIMELINE, view.EVENTS_INDEX):
        text = page(ctx, listing)
        for line in text.splitlines():  # the timeline is raw HTML: seed text in it is escaped
            assert "<script" not in line and "<img" not in line and "{{" not in line


def test_which_events_get_a_page() -> None:
    from archive_builder.model import Event

    day, one = D(2021, 4, 2), ("a",)
    assert view.has_page(Event("x", "Meeting", None, "unknown", "meeting", articles=("a", "b")))
    assert view.has_page(Event("x", "Meeting", None, "unknown", "meeting", articles=one, curated=True))
    assert view.has_page(Event("x", "Killing", day, "day", "killing", participants=("p",), articles=one))
    assert view.has_page(Event("x", "Attack", day, "day", "attack", places=("q",), articles=one))
    assert not view.has_page(Event("x", "Attack", day, "day", "attack", articles=one))
    assert not view.has_page(Event("x", "Meeting", D(2021, 4, 1), "month", "meeting", participants=("p",), articles=one))
    assert not view.has_page(Event("x", "Statement", None, "unknown", "statement", participants=("p",), articles=one))


def test_panel_lists_events_without_a_page_unlinked(ctx: RenderContext) -> None:
    panel = "\n".join(view.article_panels(ctx, ctx.articles["hostile"], "articles/hostile.md"))
    rocket = next(e for e in ctx.archive.events.events if "hostile" in e.articles and e.trigger == "rocket attack")
    line = next(x for x in panel.splitlines() if "Rocket attack" in x)
    assert view.event_page(rocket.id).split("/")[-1] not in line and "[in the text](#ev-" in line


def test_export_matches_the_schema_and_the_bodies(ctx: RenderContext) -> None:
    data = json.loads(render_export(ctx.archive))
    jsonschema.validate(data["events"], json.loads(SCHEMA.read_text(encoding="utf-8")))
    bodies = {a["id"]: a["body"] for a in data["articles"]}
    assert data["events"]
    for event in data["events"]:
        for m in event["mentions"]:
            assert bodies[m["article"]][m["start"] : m["end"]] == m["text"]
    vigil = next(a for a in data["articles"] if a["id"] == "port_ellery_vigil")
    assert vigil["published"] == "2021-04-13" and vigil["published_derived"] is True
    assert vigil["published_evidence"]


@pytest.mark.slow
def test_site_builds_strict_with_hostile_seed(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import FIXTURES

    seeds = {f"{n}.txt": (FIXTURES / "events" / f"{n}.txt").read_text(encoding="utf-8")
             for n in ("port_ellery_arrest", "port_ellery_vigil", "hostile")}
    seeds["port_ellery_arrest.txt"] = "Arrest made\n\nApril 9, 2021\n\n" + seeds["port_ellery_arrest.txt"]
    config = make_project(seeds)
    root = config.docs_dir.parent
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root, capture_output=True,
                            text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin",
                                            "PYTHONPATH": str(Path(__file__).resolve().parents[2])}, timeout=240)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert (site / "timeline" / "index.html").is_file()
    pages = list((site / "events").glob("*/index.html"))
    assert pages
    for html_page in pages + [site / "timeline" / "index.html"]:
        html = html_page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html


@pytest.mark.parametrize(("src", "dst"), [("events/a.md", "articles/b.md"), ("timeline.md", "events/c.md"),
                                          ("events/index.md", "events/d.md"), ("events/index.md", "timeline.md"),
                                          ("articles/x.md", "events/y.md"), ("a/b/c.md", "people/p.md")])
def test_fast_links_agree_with_md_link(src: str, dst: str) -> None:
    from archive_builder.render.markup import md_link

    assert view._link("L <x>", src, dst, "ev-1-2") == md_link("L <x>", src, dst, "ev-1-2")


def test_a_long_timeline_goes_on_one_page_per_year() -> None:
    from archive_builder.model import Event, EventIndex

    def event(i: int, year: int, paged: bool) -> Event:
        day = dt.date(year, 1 + i % 12, 1 + i % 28)
        return Event(f"e{year}-{i}", f"Strike {i} <b>", day, "day", "strike",
                     articles=("a", "b") if paged else ("a",))

    def undated(i: int) -> Event:
        return Event(f"u{i}", f"Raid {i}", None, None, "raid", articles=("a", "b"))

    few = EventIndex((*(event(i, 2019, True) for i in range(10)), undated(1), undated(2)))
    single = view.timeline_pages(RenderContext.of(Archive((), events=few)))
    assert [o.path for o in single] == [view.TIMELINE]  # a short timeline stays one page
    assert "## January 2019" in single[0].data.decode()
    assert "## Date unknown" in single[0].data.decode() and "Raid 2" in single[0].data.decode()

    many = EventIndex((*(event(i, year, i % 3 != 0) for year in (2018, 2019, 2021)
                         for i in range(view.TIMELINE_ONE_PAGE)), *(undated(i) for i in range(30))))
    outputs = {o.path: o.data.decode() for o in view.timeline_pages(RenderContext.of(Archive((), events=many)))}
    assert sorted(outputs) == ["timeline.md", "timeline/2018.md", "timeline/2019.md", "timeline/2021.md",
                               "timeline/undated.md"]
    main = outputs["timeline.md"]
    assert "## January" not in main and "[2019](timeline/2019.md)" in main
    # the undated events have their own page; the timeline page links to it and lists none of them
    assert "Raid" not in main and "[Events of unknown date](timeline/undated.md): 30 with a page." in main
    assert outputs["timeline/undated.md"].count("Raid ") == 30 and "[All years](../timeline.md)" in outputs[
        "timeline/undated.md"]
    # hundreds of them go on pages of TIMELINE_UNDATED_PAGE, each linked to the next
    lots = EventIndex((*many.events, *(undated(i) for i in range(30, 2 * view.TIMELINE_UNDATED_PAGE + 5))))
    pages = {o.path: o.data.decode() for o in view.timeline_pages(RenderContext.of(Archive((), events=lots)))}
    assert [p for p in sorted(pages) if "undated" in p] == ["timeline/undated-2.md", "timeline/undated-3.md",
                                                            "timeline/undated.md"]
    assert sum(pages[p].count("- [Raid ") for p in pages) == 2 * view.TIMELINE_UNDATED_PAGE + 5
    assert "[Next \u2192](undated-2.md)" in pages["timeline/undated.md"]
    assert "[\u2190 Previous](undated.md)" in pages["timeline/undated-2.md"]
    assert 'href="2021/#month-2021-03"' in main  # the chart's bars open the year's month (/timeline/2021/)
    year = outputs["timeline/2019.md"]
    assert year.count('class="ab-tl-event"') == sum(1 for e in many.events if e.date and e.date.year == 2019 and view.has_page(e))
    assert "Strike 1 " in year and "<b>" not in year  # seed text stays text
    assert "[\u2190 2018](2018.md)" in year and "[2021 \u2192](2021.md)" in year and "[All years](../timeline.md)" in year
    for text in outputs.values():
        assert text.count("<li") <= view.TIMELINE_ONE_PAGE
