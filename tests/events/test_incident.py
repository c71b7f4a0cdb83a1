"""A story's main incident: reports that tell one incident under other words (``a bomb exploded``,
``two officers died``) share one event; the same kind of incident elsewhere on the same day stays
apart (fixtures: tests/fixtures/events/incident, fictional)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from archive_builder.model import Archive
from tests.events.helpers import analyse_folder

INCIDENT = Path(__file__).resolve().parents[1] / "fixtures" / "events" / "incident"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    return analyse_folder(INCIDENT, tmp_path_factory.mktemp("incident"))


def test_reports_in_other_families_share_the_incident(archive: Archive) -> None:
    (event,) = [e for e in archive.events.events if "dunmore_courier" in e.articles]
    assert event.articles == ("brannock_ledger", "dunmore_courier")
    assert event.date == dt.date(2029, 10, 12) and event.places == ("dunmore",)


def test_the_same_kind_of_incident_elsewhere_stays_apart(archive: Archive) -> None:
    (harwick,) = [e for e in archive.events.events if "harwick_star" in e.articles]
    assert harwick.articles == ("harwick_star",) and harwick.places == ("harwick",)
