"""Stories: two outlets telling one incident in different words share one event; the same kind of
incident with other people at another place, or with the same people in another year, stays apart
(fixtures: tests/fixtures/events/stories, fictional)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive_builder.events.stories import group_stories
from archive_builder.model import Archive, Event
from tests.events.helpers import analyse_folder

STORIES = Path(__file__).resolve().parents[1] / "fixtures" / "events" / "stories"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    return analyse_folder(STORIES, tmp_path_factory.mktemp("stories"))


def _with(archive: Archive, article: str) -> list[Event]:
    return [e for e in archive.events.events if article in e.articles]


def test_two_outlets_in_other_words_share_one_event(archive: Archive) -> None:
    # 'has checked herself into the Harbor Light Recovery Center' / 'entered rehab at Harbor Light Recovery Center'
    (event,) = [e for e in _with(archive, "coast_herald_0604") if "valley_gazette_0605" in e.articles]
    assert event.articles == ("coast_herald_0604", "valley_gazette_0605")
    assert event.trigger == "admission" and "calder-bay" in event.places


def test_the_same_kind_of_incident_elsewhere_is_another_event(archive: Archive) -> None:
    (lindqvist,) = [e for e in _with(archive, "north_post_0606") if "fjord_times_0607" in e.articles]
    assert lindqvist.articles == ("fjord_times_0607", "north_post_0606")
    vasquez = {e.id for e in _with(archive, "coast_herald_0604")} | {e.id for e in _with(archive, "valley_gazette_0605")}
    assert not vasquez & {e.id for e in _with(archive, "north_post_0606") + _with(archive, "fjord_times_0607")}


def test_the_same_people_in_another_year_is_another_event(archive: Archive) -> None:
    # the same singer, clinic and publicist, three years later (stated publication dates 2030 and 2033)
    later = _with(archive, "coast_herald_2033")
    assert later and all(e.articles == ("coast_herald_2033",) for e in later)


def test_average_linkage_does_not_chain_two_stories_through_one_article() -> None:
    from archive_builder.events.stories import STORY_LINK

    a = {"x": 1.0}
    b = {"x": 0.2, "y": 0.98}
    c = {"y": 1.0}
    # a-b 0.2 (above the link: single linkage would chain), b-c 0.98, a-c 0: b joins c; a's mean
    # link to {b, c} is 0.1, below it
    assert 0.1 < STORY_LINK < 0.2
    assert group_stories({"a": a, "b": b, "c": c}) == [["b", "c"]]
    assert group_stories({"a": a, "b": b, "c": c, "d": {"x": 1.0}}) == [["a", "d"], ["b", "c"]]


def test_groups_written_in_different_years_never_join() -> None:
    same = {"x": 1.0}
    assert group_stories({"a": same, "b": same}, years={"a": {2030}, "b": {2033}}) == []
    assert group_stories({"a": same, "b": same}, years={"a": {2030}, "b": {2030}}) == [["a", "b"]]
