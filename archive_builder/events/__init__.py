"""Events: dated happenings in article text, publication-date inference, the timeline.

    articles -> date expressions (dates) -> inferred publication dates (infer)
             -> event mentions (extract) -> events across articles (join) -> curation (curate)
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import replace

from archive_builder import ids
from archive_builder.cache import code_version
from archive_builder.curation import Curation
from archive_builder.events.curate import Draft, apply_curation
from archive_builder.events.dates import DateRef, RawDate, resolve, scan
from archive_builder.events.infer import YearHint, infer
from archive_builder.events.join import Cluster, join
from archive_builder.events.labels import compose, roles, where
from archive_builder.events.mentions import Candidate, Reading, candidates, names_of, read
from archive_builder.events.stories import group_stories, join_stories, profiles, years
from archive_builder.model import (
    Article,
    DatePrecision,
    Diagnostic,
    Entity,
    EntityIndex,
    Event,
    EventIndex,
    EventMention,
    Mention,
)
from archive_builder.perarticle import Runner, Task, serial
from archive_builder.textutil import stable_slugs

__all__ = ["extract"]


def _seed_path(curation: Curation, article: Article) -> str:
    folder = posixpath.dirname(curation.path)
    return f"{folder}/{article.seed}" if folder else article.seed


def _year_hints(articles: tuple[Article, ...], by_article: dict[str, set[str]]) -> tuple[Counter[int], dict[str, Counter[int]]]:
    """Years of articles whose date is stated: over the archive, and per entity they name."""
    archive: Counter[int] = Counter()
    per_entity: dict[str, Counter[int]] = defaultdict(Counter)
    for article in articles:
        if article.published is None or article.published_derived:
            continue
        archive[article.published.year] += 1
        for entity in by_article.get(article.id, ()):
            per_entity[entity][article.published.year] += 1
    return archive, per_entity


def _sharing(article: Article, by_article: dict[str, set[str]], per_entity: dict[str, Counter[int]]) -> Counter[int]:
    """Years of the dated articles naming an entity this one names (weighted by shared names)."""
    years: Counter[int] = Counter()
    for entity in sorted(by_article.get(article.id, ())):
        years.update(per_entity.get(entity, Counter()))
    return years


def _infer_dates(articles: tuple[Article, ...], raws: dict[str, list[RawDate]], by_article: dict[str, set[str]],
                 curation: Curation) -> tuple[tuple[Article, ...], list[Diagnostic]]:
    archive, per_entity = _year_hints(articles, by_article)
    out: list[Article] = []
    problems: list[Diagnostic] = []
    for article in articles:
        if article.published is not None or "published" in article.overridden:
            out.append(article)
            continue
        found = infer(raws[article.id], YearHint(_sharing(article, by_article, per_entity), archive))
        if found is None:
            problems.append(Diagnostic(_seed_path(curation, article), "no publication date stated and none inferred "
                                       "(the text names no day)", "info", hint="set 'published:' in the seed's overrides"))
            out.append(article)
            continue
        out.append(replace(article, published=found.date, published_derived=True, published_evidence=found.evidence,
                           published_range=(found.earliest, found.latest), derived=article.derived + ("published",)))
        problems.append(Diagnostic(_seed_path(curation, article), f"publication date inferred: {found.date.isoformat()} "
                                   f"(range {found.earliest.isoformat()} to {found.latest.isoformat()})", "info"))
    return tuple(out), problems


def _date_of(cluster: Cluster) -> tuple[dt.date | None, DatePrecision]:
    if cluster.date is not None:
        return cluster.date, "day"
    months = {(m.date.date.year, m.date.date.month) for m in cluster.members if m.date and m.date.date}
    if len(months) == 1 and all(m.date is not None and m.date.precision == "month" for m in cluster.members):
        year, month = next(iter(months))
        return dt.date(year, month, 1), "month"
    return None, "unknown"


def _anchored(raw: RawDate, article: Article) -> DateRef:
    """``raw`` read against the article's publication date; when that date is only known to lie in a
    range (inferred), a relative expression (``last Saturday``) is read against both ends and stays
    a range when they disagree."""
    ref = resolve(raw, article.published)
    span = article.published_range if article.published_derived else None
    if raw.kind == "absolute" or span is None or span[0] == span[1] or ref.date is None:
        return ref
    early, late = resolve(raw, span[0]), resolve(raw, span[1])
    if early.date is None or late.date is None or (early.date, early.until) == (late.date, late.until):
        return ref
    return DateRef(raw, early.date, late.until or late.date, "range")


def _representative(members: list[Candidate]) -> Candidate:
    return min(members, key=lambda c: (c.date is None, c.generic, -len(c.targets), -len(c.persons), -len(c.label),
                                       c.article, c.start))


def _label(members: tuple[Candidate, ...], known: dict[str, Entity], family: str, kind: str) -> str:
    """A historian's short noun phrase (``labels.compose``)."""
    return compose(list(members), _representative(list(members)), kind, family, known)


def _drafts(clusters: list[Cluster], known: dict[str, Entity]) -> list[Draft]:
    rows = []
    for cluster in clusters:
        date, precision = _date_of(cluster)
        members = tuple(sorted(cluster.members, key=lambda c: (c.article, c.start, c.end)))
        label = _label(members, known, cluster.family, cluster.kind)
        rows.append((date, precision, cluster, members, label[:1].upper() + label[1:]))
    rows.sort(key=lambda r: (r[0] or dt.date.max, r[4], r[3][0].article, r[3][0].start))
    # same date and label: the event with the earliest mention keeps the bare slug, the others get a digest
    # of their earliest mention (article, offset), so a new article renames no other event
    ids = stable_slugs([(f"{r[0].isoformat() if r[0] else 'undated'} {r[4]}", f"{r[3][0].article}\t{r[3][0].start}")
                        for r in rows], "event")
    return [Draft(i, r[4], r[0], r[1], r[2].family, r[2].kind, r[3]) for i, r in zip(ids, rows, strict=True)]


def event_keys(articles: tuple[str, ...] | set[str], family: str, kind: str, date: dt.date | None) -> frozenset[str]:
    """What recognises an event from one build to the next (``ids.py``): each article reporting it
    with its family (strong), its kind and date (ranking only)."""
    keys = {f"=a:{a}#{family}" for a in articles} | {f"k:{kind}"}
    if date is not None:
        keys |= {f"d:{date.isoformat()}"} | {f"a:{a}#{date.isoformat()}" for a in articles}
    return frozenset(keys)


def _recorded_ids(drafts: list[Draft], recorded: Mapping[str, ids.Record]) -> list[Draft]:
    """Drafts under the ids recorded for them by earlier builds (so curation entries name events by
    the ids their pages show); new events keep their fresh ids."""
    if not recorded:
        return drafts
    items = [ids.Item(d.id, d.label, event_keys({m.article for m in d.mentions}, d.family, d.kind, d.date))
             for d in drafts]
    mapping, _ = ids.settle(items, recorded)
    return [replace(d, id=mapping[d.id]) for d in drafts]


def _ranked(counts: Counter[str]) -> tuple[str, ...]:
    return tuple(e for e, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _fmt(day: dt.date) -> str:
    return f"{day.strftime('%A')}, {day.day} {day.strftime('%B %Y')}"


def _reasoning(d: Draft, articles: dict[str, Article]) -> tuple[str, ...]:
    """How the date was found, in words: the date expressions of its mentions and what they were
    read against."""
    if d.curated and d.date is not None and not any(m.date for m in d.mentions):
        return ("Dated by the curator.",)
    lines: list[str] = []
    seen: set[tuple[str, str]] = set()
    for m in d.mentions:
        if m.date is None or m.date.date is None or (m.article, m.date.raw.text) in seen:
            continue
        seen.add((m.article, m.date.raw.text))
        article = articles.get(m.article)
        expr = " ".join(m.date.raw.text.split())
        read = _fmt(m.date.date) if m.date.precision == "day" else m.date.date.strftime("%B %Y")
        if m.date.raw.kind == "absolute" and m.date.raw.year is not None:
            lines.append(f"'{expr}' in {m.article}: {read}.")
        elif article is not None and article.published is not None:
            how = "inferred" if article.published_derived else "stated"
            lines.append(f"'{expr}' in {m.article}, read from its publication date ({how}, "
                         f"{_fmt(article.published)}): {read}.")
        else:
            lines.append(f"'{expr}' in {m.article}: {read}.")
        if len(lines) >= 4:
            break
    if not lines:
        lines.append("No mention of it names a date." if d.date is None else "Dated by the curator.")
    return tuple(lines)


def _freeze(drafts: list[Draft], articles: dict[str, Article], known: dict[str, Entity]) -> EventIndex:
    events: list[Event] = []
    mentions: list[EventMention] = []
    for d in sorted(drafts, key=lambda d: d.id):  # by id: the renderer looks events up by bisection
        participants: Counter[str] = Counter()
        places: Counter[str] = Counter()
        for m in d.mentions:
            participants.update(m.persons + m.others)
            places.update(m.places)
            body = articles[m.article].body
            mentions.append(EventMention(m.article, m.start, m.end, body[m.start : m.end], d.id, m.trigger))
        located = [e for _, e in where(d.mentions, known)]
        agents = {e for m in d.mentions for e in m.agents}
        # where it happened; the places of the clause that are actors (``Iran's attack``) take part
        site = tuple(located) or tuple(p for p in _ranked(places) if p not in agents)
        participants.update(p for p in places if p not in site)
        articles_of = tuple(sorted({m.article for m in d.mentions}))
        events.append(Event(d.id, d.label, d.date, d.precision, d.kind, _ranked(participants), site, articles_of,
                            d.curated, reasoning=_reasoning(d, articles), roles=roles(d.mentions, known)))
    mentions.sort(key=lambda m: (m.article, m.start, m.end, m.event))
    return EventIndex(tuple(events), tuple(mentions))


EVENT_CODE = ("model.py", "textutil.py", "events/dates.py", "events/mentions.py")  # what a reading depends on


def _scan(article: Article, arg: None) -> tuple[list[RawDate], Reading]:
    return scan(article.body), read(article)


def scan_task() -> Task[None, tuple[list[RawDate], Reading]]:
    """Date expressions, sentences and triggers are pure per article: a task for the build's runner."""
    return Task("events.scan", _scan, None, code_version(parts=EVENT_CODE))


def extract(
    articles: tuple[Article, ...], entities: EntityIndex, curation: Curation, runner: Runner = serial,
    recorded: Mapping[str, ids.Record] | None = None,
) -> tuple[tuple[Article, ...], EventIndex, tuple[Diagnostic, ...]]:
    """Infer missing publication dates, then find and join event mentions (date expressions are
    a per-article task, given to ``runner``).

    Returns the articles (with inferred dates filled in), the events and any diagnostics."""
    # an unresolved short form ("Mr. Hakim", several people) says nothing about who took part
    known: dict[str, Entity] = {e.id: e for e in entities.entities if not e.ambiguous}
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for mention in entities.mentions:
        grouped[mention.article].append(mention)
    by_article = {a: {m.entity for m in ms if m.entity in known} for a, ms in grouped.items()}
    scans = dict(zip((a.id for a in articles), runner(scan_task(), articles), strict=True))
    raws = {key: found for key, (found, _) in scans.items()}
    articles, problems = _infer_dates(articles, raws, by_article, curation)
    found: list[Candidate] = []
    for article in articles:
        refs = [_anchored(r, article) for r in raws[article.id]]
        found.extend(candidates(article, refs, names_of(grouped.get(article.id, []), known), scans[article.id][1]))
    clusters, dropped = join(found, {a.id: a.published for a in articles})
    types = {e.id: e.type for e in known.values()}
    bodies = {a.id: a.body for a in articles}
    stated = {a.id: None if a.published_derived else a.published for a in articles}
    written = years(stated, bodies)
    told = group_stories(profiles(bodies, grouped, types), written)
    inferred = frozenset(a.id for a in articles if a.published_derived)
    clusters = join_stories(clusters, dropped, told, written, inferred)
    drafts, issues = apply_curation(_recorded_ids(_drafts(clusters, known), recorded or {}), curation)
    problems.extend(issues)
    return articles, _freeze(drafts, {a.id: a for a in articles}, known), tuple(problems)
