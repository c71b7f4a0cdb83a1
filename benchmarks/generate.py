"""Seeded, deterministic generator of synthetic news archives for the benchmarks.

    python benchmarks/generate.py --size 1000 --out benchmarks/out/a1000 [--seed 7]

writes ``<out>/seeds/NNN_<16 hex>.txt`` (plain-text seeds like the real ones: headline, date line,
byline, place dateline, body, reporting credits, outlet boilerplate) and ``<out>/ground_truth.json``:
every entity with its spelling variants, every event with its date, which entities and events each
article mentions, and the planted text reuse (republications, excerpts, quotations, summaries, with
their edits) so other benchmarks can measure recall. Same size and seed, same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

try:  # run as a script or imported as benchmarks.generate
    from benchmarks import names as N
except ImportError:  # pragma: no cover
    import names as N  # type: ignore[no-redef]

START = dt.date(2018, 1, 1)
DAYS = 7 * 365
REUSE_SHARE = 0.22  # share of articles derived from an earlier one


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    name: str
    variants: tuple[str, ...]
    short: str


@dataclass(frozen=True)
class Event:
    id: str
    kind: str
    label: str
    date: str
    place: str
    participants: tuple[str, ...]
    text: str


@dataclass
class Article:
    index: int
    name: str = ""
    outlet: str = ""
    date: str = ""
    headline: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    byline: str | None = None


def _slug(text: str) -> str:
    return "-".join("".join(c.lower() if c.isalnum() else " " for c in text).split())


class World:
    """The recurring cast of an archive: people, organizations, places, outlets and events."""

    def __init__(self, rng: random.Random, people: int, events: int) -> None:
        self.rng = rng
        self.places = self._places()
        self.orgs = self._orgs()
        self.people = self._people(people)
        self.events = self._events(events)

    def _places(self) -> list[Entity]:
        out = []
        for raw in N.PLACES:
            name = raw.replace("_", " ")
            variants = (name, *N.PLACE_VARIANTS.get(name, ()))
            out.append(Entity(f"place-{_slug(name)}", "place", name, variants, name))
        return out

    def _orgs(self) -> list[Entity]:
        out = []
        for stem in N.ORG_STEMS:
            for suffix in N.ORG_SUFFIX:
                name = stem + suffix
                words = [w for w in stem.replace("'", "").split() if w[0].isupper() and w not in ("Of",)]
                variants = [name, "the " + name if not name.startswith("the ") else name]
                if len(words) >= N.ORG_ABBREV_MIN_WORDS:
                    variants.append("".join(w[0] for w in words))
                if suffix:
                    variants.append(stem + suffix.replace(" of ", "'s ").replace("'s ", " in ", 1))
                out.append(Entity(f"org-{_slug(name)}", "organization", name, tuple(dict.fromkeys(variants)), stem))
        return out

    def _people(self, count: int) -> list[Entity]:
        rng, seen, out = self.rng, set(), []
        while len(out) < count:
            given, family = rng.choice(N.GIVEN), rng.choice(N.FAMILY)
            if (given, family) in seen:
                continue
            seen.add((given, family))
            role = rng.choice(sorted(N.TITLES))
            title = rng.choice(N.TITLES[role])
            initial = f" {rng.choice('ABCDEFHJKMRST')}." if rng.random() < 0.35 else ""
            name = f"{given}{initial} {family}"
            variants = {name, f"{given} {family}", f"{title} {given} {family}"}
            for a in N.TRANSLIT.get(given, ()):
                variants.add(f"{a} {family}")
            for b in N.TRANSLIT.get(family, ()):
                variants.add(f"{given} {b}")
            short_title = {"military": "General", "civil": title}.get(role, "Mr.")
            short = f"{short_title} {family}" if short_title.endswith(".") or role == "military" else family
            out.append(Entity(f"person-{_slug(given + ' ' + family)}", "person", name, tuple(sorted(variants)), short))
        return out

    def _events(self, count: int) -> list[Event]:
        rng, out = self.rng, []
        for i in range(count):
            kind, label, phrase, verbs = rng.choice(N.EVENT_KINDS)
            place = self.pick(self.places)
            actors = tuple(self.pick(self.orgs if rng.random() < 0.5 else self.people).id for _ in range(rng.randint(1, 2)))
            date = START + dt.timedelta(days=rng.randrange(DAYS))
            actor = self.entity(actors[0])
            text = f"On {_date_text(date)}, {_surface(rng, actor)} {rng.choice(verbs)} {rng.choice(place.variants)}."
            out.append(Event(f"event-{i:05d}", kind, phrase.format(place=place.name), date.isoformat(),
                             place.id, actors, text))
        return sorted(out, key=lambda e: (e.date, e.id))

    def pick(self, pool: list[Entity]) -> Entity:
        """Zipf-like choice: a few entities recur in many articles, most in a handful."""
        k = min(len(pool) - 1, int(self.rng.paretovariate(1.1)) - 1)
        return pool[(k * 7919 + self.rng.randrange(3)) % len(pool)] if self.rng.random() < 0.3 else self.rng.choice(pool)

    def entity(self, entity_id: str) -> Entity:
        for pool in (self.people, self.orgs, self.places):
            for e in pool:
                if e.id == entity_id:
                    return e
        raise KeyError(entity_id)


def _date_text(date: dt.date) -> str:
    return f"{N.MONTHS[date.month - 1]} {date.day}, {date.year}"


def _surface(rng: random.Random, entity: Entity) -> str:
    name = rng.choice(entity.variants)
    return name if entity.type != "organization" or name.startswith("the ") or name.isupper() else "the " + name


class Generator:
    def __init__(self, size: int, seed: int = 7) -> None:
        self.size = size
        self.rng = random.Random(f"archive-{seed}")  # noqa: S311 - synthetic text, not security
        self.world = World(self.rng, people=min(2500, 300 + size // 4), events=max(200, size // 6))
        self.by_id = {e.id: e for e in (*self.world.people, *self.world.orgs, *self.world.places)}
        self.articles: list[Article] = []
        self.reuse: list[dict[str, object]] = []
        self._templates: list[str] = []

    # ----------------------------------------------------------------- original articles

    def _sentence(self, cast: dict[str, list[Entity]], event: Event | None, first: set[str], date: dt.date) -> str:
        rng = self.rng
        template = self._templates.pop() if self._templates else rng.choice(N.SENTENCES)
        if "{event_sentence}" in template:
            return event.text if event else f"The dispute began in {date.year - 1}, officials said."

        def person(key: str) -> str:
            p = rng.choice(cast["people"])
            if p.id in first:
                return p.short
            first.add(p.id)
            return rng.choice(p.variants)

        values = {
            "person": person("person"), "person2": person("person2"), "say": rng.choice(N.VERBS_SAY),
            "topic": rng.choice(N.TOPIC_NOUNS), "org": rng.choice(cast["orgs"]).name,
            "place": rng.choice(rng.choice(cast["places"]).variants),
            "place2": rng.choice(cast["places"]).name, "year": str(date.year - rng.randint(1, 6)),
            "weekday": rng.choice(N.WEEKDAYS), "quote_line": rng.choice(N.QUOTE_LINES),
        }
        return template.format(**values)

    def _cast(self, events: list[Event]) -> dict[str, list[Entity]]:
        w = self.world
        people = [w.pick(w.people) for _ in range(self.rng.randint(3, 8))]
        orgs = [w.pick(w.orgs) for _ in range(self.rng.randint(1, 3))]
        places = [w.pick(w.places) for _ in range(self.rng.randint(1, 3))]
        for event in events:
            places.append(self.by_id[event.place])
            for actor in event.participants:
                (people if actor.startswith("person") else orgs).append(self.by_id[actor])
        return {"people": list(dict.fromkeys(people)), "orgs": list(dict.fromkeys(orgs)), "places": list(dict.fromkeys(places))}

    def original(self, index: int) -> Article:
        rng = self.rng
        events = [rng.choice(self.world.events) for _ in range(rng.randint(1, 2))]
        date = dt.date.fromisoformat(max(e.date for e in events)) + dt.timedelta(days=rng.randint(0, 9))
        cast = self._cast(events)
        words, target, first = 0, rng.randint(300, 1500), set()
        self._templates = rng.sample(N.SENTENCES, len(N.SENTENCES)) * 6
        paragraphs: list[str] = []
        event_iter = iter(events)
        while words < target:
            sentences = [self._sentence(cast, next(event_iter, None) if rng.random() < 0.3 else None, first, date)
                         for _ in range(rng.randint(2, 4))]
            paragraphs.append(" ".join(sentences))
            words += sum(len(s.split()) for s in sentences)
        for event in events:  # every chosen event is told at least once
            if event.text not in " ".join(paragraphs):
                paragraphs.insert(1, event.text + " " + self._sentence(cast, None, first, date))
        headline = rng.choice(N.HEADLINE_TEMPLATES).format(
            person_short=cast["people"][0].short, org=cast["orgs"][0].name, topic=rng.choice(N.TOPIC_NOUNS),
            place=cast["places"][0].name, event_title=events[0].label[0].upper() + events[0].label[1:])
        mentioned = [e.id for group in cast.values() for e in group]
        return Article(index, outlet=rng.choice(N.OUTLETS)[0], date=date.isoformat(), headline=headline,
                       paragraphs=paragraphs, entities=sorted(set(mentioned)), events=sorted({e.id for e in events}),
                       byline=rng.choice(self.world.people).name if rng.random() < 0.6 else None)

    # ----------------------------------------------------------------- planted reuse

    def _edit(self, text: str, edits: list[list[str]]) -> str:
        """Small copy-desk edits: a synonym, a respelled name, a dropped clause."""
        rng = self.rng
        swaps = (("said", "stated"), ("told reporters", "told journalists"), ("officials", "authorities"),
                 ("on Tuesday", "this week"), ("government", "cabinet"), ("residents", "locals"))
        for old, new in rng.sample(swaps, 2):
            if old in text:
                text = text.replace(old, new, 1)
                edits.append([old, new])
        return text

    def derived(self, index: int) -> Article:
        rng = self.rng
        source = rng.choice(self.articles[max(0, len(self.articles) - 400):])
        kind = rng.choices(("republication", "excerpt", "quotation", "summary"), (4, 3, 2, 2))[0]
        base = self.original(index)
        outlet = rng.choice([o for o, _ in N.OUTLETS if o != source.outlet])
        date = (dt.date.fromisoformat(source.date) + dt.timedelta(days=rng.randint(0, 4))).isoformat()
        edits: list[list[str]] = []
        paras = list(source.paragraphs)
        if kind == "republication":
            body = [self._edit(p, edits) if rng.random() < 0.3 else p for p in paras]
            body.append(f"This article was first published by {source.outlet}.")
            taken = list(range(len(paras)))
        elif kind == "excerpt":
            start = rng.randrange(max(1, len(paras) - 2))
            taken = list(range(start, min(len(paras), start + rng.randint(2, 4))))
            body = base.paragraphs[:2] + [self._edit(paras[i], edits) for i in taken] + base.paragraphs[2:4]
        elif kind == "quotation":
            i = rng.randrange(len(paras))
            taken = [i]
            quoted = paras[i].split(". ")[0].rstrip(".")
            body = base.paragraphs[:2] + [f"{source.outlet} reported that \u201c{quoted}.\u201d"] + base.paragraphs[2:]
        else:
            taken = sorted(rng.sample(range(len(paras)), min(len(paras), rng.randint(3, 5))))
            lines = [paras[i].split(". ")[0].split(", ")[0].rstrip(".") + "." for i in taken]
            body = [f"According to {source.outlet}, " + lines[0][0].lower() + lines[0][1:], *lines[1:], *base.paragraphs[:2]]
        headline = source.headline if kind == "republication" and rng.random() < 0.5 else base.headline
        article = Article(index, outlet=outlet, date=date, headline=headline, paragraphs=body,
                          entities=sorted(set(base.entities) | set(source.entities)) if kind != "quotation" else base.entities,
                          events=sorted(set(base.events) | set(source.events)) if kind != "quotation" else base.events,
                          byline=base.byline)
        self.reuse.append({"source": source.name, "target": "", "relation": kind, "source_paragraphs": taken,
                           "edits": edits, "target_index": index})
        return article

    # ----------------------------------------------------------------- seed text

    def seed_text(self, a: Article) -> str:
        rng = self.rng
        date = dt.date.fromisoformat(a.date)
        parts = [a.headline] if a.headline and rng.random() < 0.92 else []
        if rng.random() < 0.9:
            parts.append(_date_text(date))
        if a.byline:
            parts.append(f"By {a.byline}")
        lede = a.paragraphs[0]
        agency = a.outlet in ("Reuters", "Associated Press", "Agence France-Presse")
        style = rng.random()
        if style < 0.35:
            place = self.by_id[next((e for e in a.entities if e.startswith("place-")), "place-baghdad")].name
            lede = f"{place.upper()} ({a.outlet}) - {lede}" if agency else f"{place.upper()} - {lede}"
        elif style < 0.5:
            lede = f"{a.outlet}/ {lede}"
        parts += [lede, *a.paragraphs[1:]]
        if agency:
            parts.append(f"(Reporting by {rng.choice(self.world.people).name}; Editing by {rng.choice(self.world.people).name})")
        if rng.random() < 0.7:
            parts += [f"About {a.outlet}", f"{a.outlet} is an independent news service covering Iraq and the region. "
                      f"All rights reserved. Reproduction without permission is prohibited."]
        return "\n\n".join(parts) + "\n"

    def build(self) -> list[tuple[str, str]]:
        """Every seed as (file name, text), in index order."""
        width = max(3, len(str(self.size - 1)))
        seeds = []
        for index in range(self.size):
            reuse = index > 20 and self.rng.random() < REUSE_SHARE
            article = self.derived(index) if reuse else self.original(index)
            text = self.seed_text(article)
            article.name = f"{index:0{width}d}_{hashlib.sha256(text.encode()).hexdigest()[:16]}.txt"
            if reuse:
                self.reuse[-1]["target"] = article.name
            self.articles.append(article)
            seeds.append((article.name, text))
        return seeds

    def extra_seed(self, index: int) -> tuple[str, str]:
        """One more seed (for the add-one-seed rebuild), after ``build``."""
        article = self.original(index)
        text = self.seed_text(article)
        width = max(3, len(str(self.size - 1)))
        return f"{index:0{width}d}_{hashlib.sha256(text.encode()).hexdigest()[:16]}.txt", text

    def ground_truth(self) -> dict[str, object]:
        return {
            "size": self.size,
            "entities": [asdict(e) for e in (*self.world.people, *self.world.orgs, *self.world.places)],
            "events": [asdict(e) for e in self.world.events],
            "articles": [{"seed": a.name, "outlet": a.outlet, "published": a.date, "entities": a.entities,
                          "events": a.events} for a in self.articles],
            "reuse": [{k: v for k, v in r.items() if k != "target_index"} for r in self.reuse],
        }


def generate(out: Path, size: int, seed: int = 7) -> Generator:
    """Write ``out/seeds/*.txt`` and ``out/ground_truth.json``; return the generator (for extra seeds)."""
    gen = Generator(size, seed)
    seeds_dir = out / "seeds"
    seeds_dir.mkdir(parents=True, exist_ok=True)
    for old in seeds_dir.glob("*.txt"):
        old.unlink()
    for name, text in gen.build():
        (seeds_dir / name).write_text(text, encoding="utf-8")
    truth = json.dumps(gen.ground_truth(), indent=1, sort_keys=True, ensure_ascii=False)
    (out / "ground_truth.json").write_text(truth + "\n", encoding="utf-8")
    return gen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    generate(args.out, args.size, args.seed)


if __name__ == "__main__":
    main()
