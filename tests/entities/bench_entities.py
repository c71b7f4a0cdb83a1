"""Benchmark: entity resolution and entity pages on a synthetic archive (prints numbers, asserts nothing).

    PYTHONPATH=. python -m tests.entities.bench_entities [articles] [--memory] [--jobs N]

Articles are generated from fixed pools of first names, surnames, organizations and places (with
transliteration variants) by a seeded generator, so runs are comparable."""

from __future__ import annotations

import random
import sys
import time
import tracemalloc

from archive_builder.curation import Curation
from archive_builder.entities import resolve
from archive_builder.entities.lexicon import load_lexicon
from archive_builder.model import Archive
from archive_builder.render.context import RenderContext
from archive_builder.render.entities_view import article_panels, article_spans, export, pages
from archive_builder.workers import Workers
from tests.entities.gold import make_article

FIRST = ["Mark", "Mike", "Robert", "Helene", "Julian", "Eric", "Alissa", "Thomas", "Farnaz", "Karim", "Hassan", "Brian", "Richard", "Jonathan", "Kenneth", "Adel", "Othman", "Qassim", "Qasem", "Mohammed", "Muhammad", "Ali", "Fatima", "Sara", "Omar", "Layla", "Ahmed", "Yusuf", "Maryam", "Hamid", "Javad", "Anna", "Peter", "Laura", "David", "Maria", "Jose", "Chen", "Wei", "Olga", "Ivan", "Pierre", "Sophie", "Hans", "Elena", "Marco", "Giulia"]
LAST = ["Esper", "Milley", "Pompeo", "Mazzetti", "Cooper", "Barnes", "Schmitt", "Rubin", "Fassihi", "Nuri", "Rouhani", "Hook", "Grenell", "Hoffman", "McKenzie", "Mahdi", "Ghanmi", "Suleimani", "Soleimani", "Sadr", "Maliki", "Zarif", "Araghchi", "Larijani", "Khamenei", "Hakim", "Amiri", "Khazali", "Abadi", "Allawi", "Barzani", "Talabani", "Hussein", "Qassem", "Nasrallah", "Assad", "Erdogan", "Putin", "Macron", "Merkel", "Johnson", "Smith", "Brown", "Garcia", "Martinez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Torres", "Parker", "Collins", "Edwards"]
ORG_HEAD = ["Badr", "Khataib", "Kataib", "Asaib", "Nujaba", "Sadr", "Hikma", "Fatah", "Dawa", "Amal", "Saraya", "Imam", "Ali", "Shuhada", "Jund"]
ORG_TAIL = ["Brigades", "Hezbollah", "Organization", "Movement", "Party", "Front", "Council", "Forces", "Corps"]
PLACES = ["Baghdad", "Tehran", "Basra", "Erbil", "Mosul", "Najaf", "Karbala", "Damascus", "Beirut", "Amman", "Riyadh", "Doha", "Cairo", "Kabul"]


def article_text(rng: random.Random, people: list[tuple[str, str]], orgs: list[str]) -> str:
    paragraphs = []
    for _ in range(rng.randint(8, 14)):
        first, last = rng.choice(people)
        org, place = rng.choice(orgs), rng.choice(PLACES)
        paragraphs.append(rng.choice([
            f"Secretary {first} {last} said on Monday that the {org} had moved fighters to {place}. Mr. {last} added that talks would continue.",
            f"{first} {last}, the senior adviser, told reporters in {place} that the {org} was not involved.",
            f"Officials in {place} said the {org} denied the report. {last} declined to comment on the matter.",
            f"Gen. {first} {last} met leaders of the {org} near {place}, according to two officials.",
        ]))
    return "\n".join(paragraphs)


def main(n: int = 10_000, memory: bool = False, jobs: int = 1) -> None:
    rng = random.Random(7)  # noqa: S311 - a reproducible synthetic archive, not security
    people = [(rng.choice(FIRST), rng.choice(LAST)) for _ in range(3000)]
    orgs = sorted({f"{h} {t}" for h in ORG_HEAD for t in ORG_TAIL})
    articles = tuple(make_article(f"{i:05d}", article_text(rng, people, orgs)) for i in range(n))
    lex = load_lexicon()
    curation = Curation(sections={"entities": [
        {"entity": f"{first} {last}", "description": "curated in the benchmark", "aliases": [f"{last} the Elder"]}
        for first, last in sorted(set(people))[:100]] + [
        {"merge": [f"{a} {b}", f"{c} {d}"]} for (a, b), (c, d) in zip(people[100:150], people[150:200], strict=True)]})
    if memory:  # tracing slows everything down: timings of a --memory run are not comparable
        tracemalloc.start()
    t0, c0 = time.perf_counter(), time.process_time()
    workers = Workers(jobs, None)
    try:
        index, diagnostics = resolve(articles, curation, lex, runner=workers)
    finally:
        workers.close(prune=False)
    t1, c1 = time.perf_counter(), time.process_time()
    ctx = RenderContext.of(Archive(articles=articles, entities=index))
    outputs = pages(ctx)
    t2 = time.perf_counter()
    for article in articles:
        article_spans(ctx, article, "articles/x.md")
        article_panels(ctx, article, "articles/x.md")
    t3 = time.perf_counter()
    export(ctx)
    t4 = time.perf_counter()
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if memory else float("nan")
    size = sum(len(o.data or b"") for o in outputs) / 2**20
    print(f"entity pages total {size:.1f} MiB (largest {max(len(o.data or b'') for o in outputs) / 2**10:.0f} KiB)")
    print(f"articles {n:,}; entities {len(index.entities):,}; mentions {len(index.mentions):,}; "
          f"suggestions {len(index.suggestions):,}; diagnostics {len(diagnostics):,}")
    print(f"resolve ({jobs} job(s), 150 curation decisions) {t1 - t0:.2f} s wall, {c1 - c0:.2f} s CPU; entity pages ({len(outputs):,}) {t2 - t1:.2f} s; "
          f"article spans+panels {t3 - t2:.2f} s; export section {t4 - t3:.2f} s; peak traced memory {peak:.0f} MiB")


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    jobs = int(sys.argv[sys.argv.index("--jobs") + 1]) if "--jobs" in sys.argv else 1
    main(int(numbers[0]) if numbers else 10_000, "--memory" in sys.argv, jobs)
