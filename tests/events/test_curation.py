"""The events: section of seeds/curation.yml: name, date, merge, split, drop; errors with line and hint."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from archive_builder import events
from archive_builder.curation import load_curation
from archive_builder.model import Diagnostic, EventIndex

from .helpers import PORT_ELLERY, fixture_article, index_for

D = dt.date


def run(tmp_path: Path, yaml_text: str) -> tuple[EventIndex, tuple[Diagnostic, ...]]:
    (tmp_path / "curation.yml").write_text(yaml_text, encoding="utf-8")
    curation, problems = load_curation(tmp_path, "seeds/curation.yml")
    assert problems == ()
    articles = (fixture_article("port_ellery_arrest", D(2021, 4, 9)), fixture_article("port_ellery_court", D(2021, 5, 20)),
                fixture_article("port_ellery_vigil"))
    _, index, diagnostics = events.extract(articles, index_for(articles, PORT_ELLERY), curation)
    return index, tuple(d for d in diagnostics if d.severity != "info")


KILLING = "2021-04-02-killing-of-mara-quist"
APRIL_CONF = "2021-04-06-news-conference-by-tom-bell"
MAY_CONF = "2021-05-18-news-conference-by-tom-bell"


def test_ids_used_below_exist(tmp_path: Path) -> None:
    index, problems = run(tmp_path, "")
    ids = {e.id for e in index.events}
    assert {KILLING, APRIL_CONF, MAY_CONF} <= ids and problems == ()


def test_name_and_date(tmp_path: Path) -> None:
    index, problems = run(tmp_path, f"events:\n  - id: {KILLING}\n    name: Killing of Mara Quist\n    date: 2021-04\n")
    assert problems == ()
    (event,) = [e for e in index.events if e.id == KILLING]
    assert (event.label, event.date, event.date_precision) == ("Killing of Mara Quist", D(2021, 4, 1), "month")


def test_merge_and_drop(tmp_path: Path) -> None:
    text = f"events:\n  - merge: [{APRIL_CONF}, {MAY_CONF}]\n    name: Both conferences\n  - drop: {KILLING}\n"
    index, problems = run(tmp_path, text)
    assert problems == ()
    ids = {e.id for e in index.events}
    assert APRIL_CONF in ids and MAY_CONF not in ids and KILLING not in ids
    (merged,) = [e for e in index.events if e.id == APRIL_CONF]
    assert merged.label == "Both conferences"
    assert merged.articles == ("port_ellery_arrest", "port_ellery_court", "port_ellery_vigil")
    assert all(m.event != KILLING for m in index.mentions)


def test_split_by_article(tmp_path: Path) -> None:
    text = (f"events:\n  - split: {KILLING}\n    articles: [port_ellery_court]\n"
            "    into: quist-trial-mention\n    name: Trial reference\n")
    index, problems = run(tmp_path, text)
    assert problems == ()
    events_by_id = {e.id: e for e in index.events}
    assert events_by_id[KILLING].articles == ("port_ellery_arrest", "port_ellery_vigil")
    assert events_by_id["quist-trial-mention"].articles == ("port_ellery_court",)
    assert events_by_id["quist-trial-mention"].label == "Trial reference"


@pytest.mark.parametrize(
    ("text", "line", "message", "hint"),
    [
        (f"events:\n  - id: {KILLING}\n    nmae: X\n", 2, "events: unknown key 'nmae'", "did you mean 'name'?"),
        (f"events:\n  - id: {KILLING[:-1]}\n", 2, f"events: no event with id '{KILLING[:-1]}'", f"did you mean '{KILLING}'?"),
        (f"events:\n  - id: {KILLING}\n    date: April 2nd\n", 2, "events: cannot read date 'April 2nd'",
         "write 2020-01-02, 2020-01 or 2020"),
        (f"events:\n\n  - merge: {KILLING}\n", 3, "events: 'merge' needs a list of two or more event ids",
         "merge: [first-id, second-id]"),
        ("events:\n  - name: nothing\n", 2, "events: entry names no event",
         "start it with 'id:', 'merge:', 'split:' or 'drop:'"),
        (f"events:\n  - split: {KILLING}\n    articles: [nowhere]\n", 2,
         f"events: split of '{KILLING}' must leave mentions on both sides",
         "its articles: port_ellery_arrest, port_ellery_court, port_ellery_vigil"),
    ],
)
def test_errors_name_file_line_and_near_miss(tmp_path: Path, text: str, line: int, message: str, hint: str) -> None:
    _, problems = run(tmp_path, text)
    assert problems == (Diagnostic("seeds/curation.yml", message, "error", line, hint),)


def test_section_not_a_list(tmp_path: Path) -> None:
    _, problems = run(tmp_path, "events:\n  name: x\n")
    assert [p.message for p in problems] == ["events: expected a list of entries"]
    assert problems[0].line == 2


def test_merge_of_one_event_with_itself(tmp_path: Path) -> None:
    _, problems = run(tmp_path, f"events:\n  - merge: [{KILLING}, {KILLING}]\n")
    assert [(p.message, p.line) for p in problems] == [("events: 'merge' names the same event twice", 2)]


def test_a_curated_year_shows_as_a_year_on_the_timeline(tmp_path: Path) -> None:
    from archive_builder.model import Archive
    from archive_builder.render import RenderContext
    from archive_builder.render import events_view as view

    index, problems = run(tmp_path, f"events:\n  - id: {KILLING}\n    date: 2020\n")
    assert problems == ()
    timeline = view.timeline(RenderContext.of(Archive((), events=index))).decode("utf-8")
    assert "## January 2020" in timeline
    assert (f'<span class="ab-tl-date">2020</span> <span class="ab-tl-kind">Event</span> '
            f'<a href="../events/{KILLING}/">Killing of Mara Quist</a>') in timeline
