"""Reports of one attack by several outlets, on different days and in different words, are one event
on its own day; a second attack on the same base a month later stays apart (fixtures: Fort Halden)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from archive_builder.config import Config
from archive_builder.model import Archive, Event
from tests.events.helpers import analyse_folder

HALDEN = Path(__file__).resolve().parents[1] / "fixtures" / "events" / "halden"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    return analyse_folder(HALDEN, tmp_path_factory.mktemp("halden"))


def _attacks(archive: Archive) -> list[Event]:
    return sorted((e for e in archive.events.events if e.trigger == "rocket attack"), key=lambda e: e.date or dt.date.max)


def test_three_reports_are_one_attack_on_its_day(archive: Archive) -> None:
    april, may = _attacks(archive)
    # 'late on Thursday' (report of Friday 11 April), 'on April 10' (12 April), an undated 'rocket
    # strike on the Fort Halden base' two weeks later
    assert april.date == dt.date(2031, 4, 10) and april.date_precision == "day"
    assert april.articles == ("digest_0424", "ledger_0411", "wire_0412")
    assert april.label == "Rocket attack on Fort Halden" and april.places[0] == "fort-halden"
    assert any("ledger_0411" in line and "Friday, 11 April 2031" in line for line in april.reasoning), april.reasoning


def test_the_same_kind_of_attack_a_month_later_stays_apart(archive: Archive) -> None:
    april, may = _attacks(archive)
    assert may.date == dt.date(2031, 5, 14) and may.articles == ("ledger_0515",)
    assert may.id != april.id and may.label == april.label  # the same words; another day, another page


def test_the_killing_an_attack_caused_is_not_an_event_of_its_own(archive: Archive) -> None:
    # '..., killing two contractors' tells what the attack did
    assert not [e for e in archive.events.events if e.trigger == "killing"]


def test_one_evidence_sentence_per_article_on_the_event_page(archive: Archive) -> None:
    from archive_builder.render import RenderContext
    from archive_builder.render.events_view import pages

    april, _ = _attacks(archive)
    page = next(o for o in pages(RenderContext.of(archive)) if o.path == f"events/{april.id}.md")
    text = (page.data or b"").decode("utf-8")
    assert text.count('class="ab-event-context" data-pagefind-ignore') == 3  # wire_0412 names it twice: one sentence shown
    assert "How it is dated" in text and "Fort Halden" in text


def test_a_relative_date_stays_a_range_when_publication_is_only_known_to_a_range() -> None:
    from dataclasses import replace

    from archive_builder.events import _anchored
    from archive_builder.events.dates import scan
    from tests.events.helpers import make_article

    article = make_article("r", "Last Saturday, rockets struck Fort Halden.", dt.date(2021, 4, 13))
    (raw,) = scan(article.body)
    assert _anchored(raw, article).date == dt.date(2021, 4, 10)  # a stated date: one day
    inferred = replace(article, published_derived=True, published_range=(dt.date(2021, 4, 8), dt.date(2021, 4, 13)))
    ref = _anchored(raw, inferred)
    assert (ref.date, ref.until, ref.precision) == (dt.date(2021, 4, 3), dt.date(2021, 4, 10), "range")


def test_curation_names_an_event_by_the_id_its_page_shows(tmp_path: Path) -> None:
    """After a curator's rename changes an event's automatic words, its recorded id still reaches it."""
    from archive_builder.pipeline import build

    root = tmp_path / "p"
    shutil.copytree(HALDEN, root / "seeds")
    (root / "seeds" / "ledger_0515.txt").unlink()
    config = Config(root=root, seeds_dir=root / "seeds", docs_dir=root / "docs", cache=False, jobs=1)
    first = build(config)
    (april,) = [e for e in first.archive.events.events if e.trigger == "rocket attack"]
    # renaming the base renames the event's automatic words (and the id a fresh build would give it)
    (root / "seeds" / "curation.yml").write_text(
        "entities:\n  - entity: Fort Halden\n    name: Fort Halden Air Base\n"
        f"events:\n  - id: {april.id}\n    name: Halden rocket attack\n", encoding="utf-8")
    second = build(config)
    assert not second.errors, [d.format() for d in second.errors]
    (again,) = [e for e in second.archive.events.events if e.trigger == "rocket attack"]
    assert (again.id, again.label) == (april.id, "Halden rocket attack")
