"""A person dies once: an undated ``X's death`` or ``X died`` is the dated killing of X another report
tells, and the death of someone else named beside X stays apart (``join``, on mentions made here)."""

from __future__ import annotations

import datetime as dt

from archive_builder.events.dates import DateRef, RawDate
from archive_builder.events.join import join
from archive_builder.events.mentions import Candidate

MARCH_4 = DateRef(RawDate(0, 7, "March 4", "absolute", "md", 3, 4, 2031), dt.date(2031, 3, 4), None, "day")


def _mention(article: str, family: str, trigger: str, core: tuple[str, ...], persons: tuple[str, ...],
             date: DateRef | None = None) -> Candidate:
    return Candidate(article=article, start=0, end=10, trigger_start=0, trigger_end=5, trigger=trigger,
                     family=family, kind=family, date=date, persons=persons, core=core, others=(), places=(),
                     label=trigger, sentence=(0, 40))


def _events(cands: list[Candidate]) -> list[tuple[str, tuple[str, ...]]]:
    clusters, _ = join(cands, {"ledger": dt.date(2031, 3, 5), "review": dt.date(2031, 3, 20)})
    return sorted((k.family, tuple(sorted(m.article for m in k.members))) for k in clusters)


def test_the_death_of_a_person_is_their_killing() -> None:
    shot = _mention("ledger", "killing", "shot dead", ("harlan-voss",), ("harlan-voss",), MARCH_4)
    died = _mention("review", "death", "death", ("harlan-voss",), ("harlan-voss", "nina-roth"))
    assert _events([shot, died]) == [("killing", ("ledger", "review"))]


def test_the_death_of_someone_named_beside_them_stays_apart() -> None:
    shot = _mention("ledger", "killing", "shot dead", ("harlan-voss",), ("harlan-voss",), MARCH_4)
    other = _mention("review", "death", "died", ("ivo-brandt",), ("ivo-brandt", "harlan-voss"))
    assert _events([shot, other]) == [("death", ("review",)), ("killing", ("ledger",))]
