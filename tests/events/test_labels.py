"""Event labels name what happened to whom, and where, as a historian's list would: ``Death of X in Y``
for a person who died (not ``Death in Y``), ``Victory of X`` for who won (not what was won),
``Release by X`` for who released something. Invented articles, read by the real pipeline."""

from __future__ import annotations

import pytest

from archive_builder.model import Archive, Event
from tests.events.helpers import analyse_folder

SEEDS = {
    "gazette_0302.txt": """Actress Liora Vance dies at 84

By Tom Rusk

March 2, 2031

Liora Vance died on Saturday in Port Ellery, her family said. She was 84.

Vance starred in more than forty films. Her agent, Mark Otten, said she died peacefully at home.
""",
    "courier_0303.txt": """Screen star Liora Vance dead at 84

March 3, 2031

Liora Vance, the screen star of the 1970s, died on Saturday at her home in Port Ellery, her agent Mark Otten said.

Tributes came from across the film world on Sunday.
""",
    "sport_0310.txt": """Kovar keeps his titles

March 10, 2031

Dmitri Kovar beat Sam Ortis on Saturday in Brask to keep his three heavyweight titles.

Kovar won the fight on points after twelve rounds.
""",
    "tech_0312.txt": """Orbis releases a new phone

March 12, 2031

Orbis Technologies released its new phone on Wednesday in Brask, the company said.

The phone goes on sale next month.
""",
    "desk_0316.txt": """Talks on the dam go on

March 16, 2031

The minister told Governor Ana Ruiz in a phone call that the dam would stay closed, an aide said.
""",
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    folder = tmp_path_factory.mktemp("labels-seeds")
    for name, text in SEEDS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return analyse_folder(folder, tmp_path_factory.mktemp("labels"))


def _of(archive: Archive, article: str, noun: str) -> Event:
    found = [e for e in archive.events.events if article in e.articles and e.label.split()[0] == noun]
    assert found, [(e.label, e.trigger, e.articles) for e in archive.events.events]
    return found[0]


def test_a_death_is_named_for_who_died_and_where(archive: Archive) -> None:
    death = _of(archive, "gazette_0302", "Death")
    assert death.label == "Death of Liora Vance in Port Ellery"
    assert set(death.articles) == {"courier_0303", "gazette_0302"}


def test_a_victory_is_named_for_the_winner_not_the_titles(archive: Archive) -> None:
    assert _of(archive, "sport_0310", "Victory").label == "Victory of Dmitri Kovar"


def test_a_release_is_named_for_who_released_it(archive: Archive) -> None:
    assert _of(archive, "tech_0312", "Release").label == "Release by Orbis Technologies"


def test_who_died_is_the_victim_not_the_agent(archive: Archive) -> None:
    death = _of(archive, "gazette_0302", "Death")
    assert ("liora-vance", "victim") in death.roles and ("liora-vance", "agent") not in death.roles


def test_names_english_writes_with_the_keep_it() -> None:
    from archive_builder.events.labels import _called
    from archive_builder.model import Entity

    assert _called(Entity("state-department", "organization", "State Department")) == "the State Department"
    assert _called(Entity("the-pentagon", "organization", "The Pentagon")) == "The Pentagon"
    assert _called(Entity("iraq", "place", "Iraq")) == "Iraq"
    assert _called(Entity("jo-house", "person", "Jo House")) == "Jo House"


def test_a_call_with_one_named_side_names_it(archive: Archive) -> None:
    assert _of(archive, "desk_0316", "Phone").label == "Phone call with Ana Ruiz"
