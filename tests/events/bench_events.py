"""Benchmark: the events stage and its pages on a synthetic archive (prints numbers; not a test).

    PYTHONPATH=. python tests/events/bench_events.py [articles]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time

from archive_builder import events
from archive_builder.curation import Curation
from archive_builder.model import Archive
from archive_builder.render import RenderContext
from archive_builder.render import events_view as view
from archive_builder.render.article import render_article
from archive_builder.render.contrib import views
from tests.events.helpers import index_for, make_article

TEMPLATES = [
    "Police in {city} said on Thursday that they had arrested a suspect in the {md} killing of {person}.",
    "Mayor {other} told a news conference on {md} that patrols would double in {city}.",
    "A rocket attack on {md} at {place} injured two workers. Officials met on Wednesday in {city}.",
    "{other} held a meeting with {person} last Tuesday at {place}, weeks after the killing of {person}.",
    "In a statement last Sunday, {other} said the explosion on {md} at {place} was an accident.",
]


def synthetic(n: int, seed: int = 7) -> tuple:
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    people = [f"Person{i} Surname{i}" for i in range(400)]
    places = [f"Place{i} Town" for i in range(200)]
    articles = []
    for i in range(n):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(700))
        paras = []
        for _ in range(rng.randrange(4, 9)):
            md_day = day - dt.timedelta(days=rng.randrange(1, 40))
            paras.append(rng.choice(TEMPLATES).format(
                city=rng.choice(places), place=rng.choice(places), person=rng.choice(people),
                other=rng.choice(people), md=f"{md_day.strftime('%B')} {md_day.day}"))
        articles.append(make_article(f"a{i:05d}", "\n\n".join(paras), None if i % 10 == 0 else day))
    names = {p: ("person", (p,)) for p in people} | {p: ("place", (p,)) for p in places}
    return tuple(articles), names


def main(n: int) -> None:
    articles, names = synthetic(n)
    t0 = time.perf_counter()
    entities = index_for(articles, names)
    t1 = time.perf_counter()
    out, index, problems = events.extract(articles, entities, Curation())
    t2 = time.perf_counter()
    ctx = RenderContext.of(Archive(out, entities, index))
    pages = view.pages(ctx)
    t3 = time.perf_counter()
    stage_views = views()
    for article in out[:1000]:
        render_article(ctx, article, stage_views)
    t4 = time.perf_counter()
    inferred = sum(1 for a in out if a.published_derived)
    print(f"articles={n} mentions={len(index.mentions)} events={len(index.events)} inferred_dates={inferred}")
    print(f"(entity index for the benchmark: {t1 - t0:.2f}s)")
    print(f"events.extract: {t2 - t1:.2f}s  event pages+timeline ({len(pages)} files): {t3 - t2:.2f}s  "
          f"1000 article pages: {t4 - t3:.2f}s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
