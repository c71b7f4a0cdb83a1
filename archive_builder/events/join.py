"""Joining event mentions across articles into events, by blocking (never all pairs).

1. Mentions dated to a day are grouped by (family, day); inside a group a mention joins the first
   cluster whose kind is compatible (equal, or one of them generic) and whose named participants
   and places do not contradict it (either side names none, or they share one). Two rocket attacks
   on the same day at different bases, or an attack and a phone call, stay apart.
2. Mentions with only a month or no date look up the clusters sharing a named entity in their
   family (or a related one: an undated ``strike on X`` and the ``killing of X``), keep those whose
   date fits (within the month; not after the article's publication), and join the best-scoring one
   when it is unique (a shared person counts 3, another shared name 1, the same specific kind 1,
   a dated mention of the cluster in the same article 2; at least 3 for a killing - it happens to
   a person once - and 4 for the rest: a country named everywhere is no evidence alone, nor one
   person who holds many meetings). Ambiguous ones join nothing.
3. Mentions dated to a month that joined nothing form events of their month (apart by place as in
   1.); undated mentions left over that name a person right at the trigger form events of their own, joined by a shared
   person within the family; the rest are dropped (a bare ``more attacks`` is no event).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from archive_builder.events.mentions import FOLD_INTO, RELATED, Candidate

JOIN_SCORE = 3  # a shared person, or the same specific kind and two other shared names ...
# ... for what happens to a person once (others need one more); across these families the person
# at the trigger must be shared
SINGULAR = frozenset({"killing", "death"})
MAX_BLOCK = 500  # clusters per (family, name) beyond which the name is not used to find candidates
SAME_ARTICLE = 2  # an undated ``the news conference`` after a dated one in the same article
SAME_SITE = 2  # the same specific kind of attack on the same named place (one candidate only, see ``_best``)


@dataclass(eq=False)
class Cluster:
    """A growing event while joining (local to this module; frozen values come out)."""

    family: str
    kind: str
    date: dt.date | None
    members: list[Candidate] = field(default_factory=list)
    persons: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    core: set[str] = field(default_factory=set)
    sites: set[str] = field(default_factory=set)  # places it happened at (targets and located places)

    def add(self, c: Candidate) -> None:
        self.sites.update(c.sites)
        self.members.append(c)
        self.persons.update(c.persons)
        self.names.update(c.entities)
        self.places.update(c.places)
        self.articles.add(c.article)
        self.core.update(c.core)
        if self.kind == self.family and c.kind != c.family and c.family == self.family:
            self.kind = c.kind


def _kinds_fit(a_kind: str, a_family: str, c: Candidate) -> bool:
    return a_kind == c.kind or a_kind == a_family or c.generic


def _fits_day(cluster: Cluster, c: Candidate) -> bool:
    """Same family and day: apart when the kinds differ, when both name places and share none,
    or when both name two or more people and share none."""
    if not _kinds_fit(cluster.kind, cluster.family, c):
        return False
    if cluster.places and c.places and not cluster.places & set(c.places):
        return False
    return len(cluster.persons) < 2 or len(c.persons) < 2 or bool(cluster.persons & set(c.persons))


def _home(local: list[Cluster], by_place: dict[str, list[int]], placeless: set[int], c: Candidate) -> int | None:
    """The first cluster of the block that fits: among those sharing a place or naming none (a
    mention naming no place may join any)."""
    if c.places:
        tried: list[int] | range = sorted({i for p in c.places for i in by_place.get(p, ())} | placeless)
    else:
        tried = range(len(local))
    return next((i for i in tried if _fits_day(local[i], c)), None)


def _dated(cands: list[Candidate]) -> list[Cluster]:
    blocks: dict[tuple[str, dt.date], list[Candidate]] = defaultdict(list)
    for c in cands:
        assert c.date is not None and c.date.date is not None
        blocks[(c.family, c.date.date)].append(c)
    clusters: list[Cluster] = []
    for (family, day), members in sorted(blocks.items()):
        local: list[Cluster] = []
        by_place: dict[str, list[int]] = defaultdict(list)
        placeless: set[int] = set()
        for c in sorted(members, key=lambda c: (not c.entities, c.generic, c.article, c.start)):
            index = _home(local, by_place, placeless, c)
            if index is None:
                local.append(Cluster(family, c.kind, day))
                index = len(local) - 1
                placeless.add(index)
            if c.places:
                placeless.discard(index)
            local[index].add(c)
            for place in c.places:
                if index not in by_place[place]:
                    by_place[place].append(index)
        clusters.extend(local)
    return clusters


def _related_days(clusters: list[Cluster]) -> list[Cluster]:
    """Fold a dated cluster into the one of a related family on the same day that names the same
    person at its trigger (``the Jan. 2 drone strike on X`` into ``the Jan. 2 killing of X``),
    when exactly one such cluster exists (``FOLD_INTO`` says which family absorbs which)."""
    by_key: dict[tuple[str, dt.date, str], list[int]] = defaultdict(list)
    for i, k in enumerate(clusters):
        for person in sorted(k.core):
            if k.date is not None:
                by_key[(k.family, k.date, person)].append(i)
    gone: set[int] = set()
    for i, k in enumerate(clusters):
        if k.date is None or k.family not in FOLD_INTO:
            continue
        targets = {j for p in k.core for j in by_key.get((FOLD_INTO[k.family], k.date, p), ())}
        if len(targets) == 1:
            (j,) = targets
            for c in k.members:
                clusters[j].add(c)
            gone.add(i)
    return [k for i, k in enumerate(clusters) if i not in gone]


def _score(cluster: Cluster, c: Candidate) -> int:
    if cluster.family == c.family and not _kinds_fit(cluster.kind, cluster.family, c):
        return 0  # a drone strike is not the rocket attack named beside it
    shared_persons = cluster.persons & set(c.persons)
    if cluster.family != c.family and not shared_persons:
        return 0
    if cluster.family != c.family and {cluster.family, c.family} <= SINGULAR and not cluster.core & set(c.core):
        return 0  # the death of one person is not the killing of another named beside them
    shared = cluster.names & c.entities
    if not shared:
        return 0
    same_kind = 1 if cluster.kind == c.kind and not c.generic else 0
    here = SAME_ARTICLE if c.article in cluster.articles else 0
    # the same specific kind at the same named place (``rocket strike on the Fort Halden base``)
    site = SAME_SITE if same_kind and cluster.sites & c.sites else 0
    return 3 * len(shared_persons) + len(shared - shared_persons) + same_kind + here + site


def _date_fits(cluster: Cluster, c: Candidate, published: dt.date | None) -> bool:
    if cluster.date is None:
        return c.date is None
    if c.date is not None and c.date.date and c.date.until:
        return c.date.date <= cluster.date <= c.date.until
    return published is None or cluster.date <= published


def _best(c: Candidate, pool: list[Cluster], published: dt.date | None) -> Cluster | None:
    scored = sorted(((_score(k, c), i) for i, k in enumerate(pool) if _date_fits(k, c, published)), reverse=True)
    need = JOIN_SCORE if pool and pool[scored[0][1] if scored else 0].family in SINGULAR else JOIN_SCORE + 1
    if not scored or scored[0][0] < need or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return pool[scored[0][1]]


def _index(clusters: list[Cluster]) -> dict[tuple[str, str], list[int]]:
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, k in enumerate(clusters):
        for name in sorted(k.names):
            index[(k.family, name)].append(i)
    return index


def _lookup(c: Candidate, clusters: list[Cluster], index: dict[tuple[str, str], list[int]]) -> list[Cluster]:
    """Clusters sharing a name in the family; names in more than ``MAX_BLOCK`` clusters of it (a
    country in every attack) are too common to block on, as stop words are in a search index."""
    found: set[int] = set()
    for family in (c.family, *RELATED.get(c.family, ())):
        for name in c.entities:
            block = index.get((family, name), ())
            if len(block) <= MAX_BLOCK:
                found.update(block)
    return [clusters[i] for i in sorted(found)]


def _by_month(rest: list[Candidate]) -> list[Cluster]:
    """Mentions dated only to a month that joined no day: one event per family, month and place."""
    blocks: dict[tuple[str, int, int], list[Candidate]] = defaultdict(list)
    for c in rest:
        assert c.date is not None and c.date.date is not None
        blocks[(c.family, c.date.date.year, c.date.date.month)].append(c)
    clusters: list[Cluster] = []
    for (family, _, _), members in sorted(blocks.items()):
        local: list[Cluster] = []
        for c in members:
            home = next((k for k in local if _fits_day(k, c)), None)
            if home is None:
                home = Cluster(family, c.kind, None)
                local.append(home)
            home.add(c)
        clusters.extend(local)
    return clusters


def _undated(rest: list[Candidate]) -> list[Cluster]:
    clusters: list[Cluster] = []
    by_person: dict[tuple[str, str], Cluster] = {}
    for c in rest:
        if not c.core:
            continue
        home = next((by_person[(c.family, p)] for p in c.core if (c.family, p) in by_person), None)
        if home is None or not _kinds_fit(home.kind, home.family, c):
            home = Cluster(c.family, c.kind, None)
            clusters.append(home)
        home.add(c)
        for p in c.core:
            by_person.setdefault((c.family, p), home)
    return clusters


def _in_article(c: Candidate, clusters: list[Cluster]) -> Cluster | None:
    """An undated mention of a specific kind (``the rockets landed inside the base``) in an article
    whose dated mentions of that kind all belong to one event: that event."""
    if c.generic:
        return None
    homes = [k for k in clusters if k.kind == c.kind and any(m.article == c.article for m in k.members)]
    return homes[0] if len(homes) == 1 else None


def join(cands: list[Candidate], published: dict[str, dt.date | None]) -> tuple[list[Cluster], list[Candidate]]:
    """Clusters of mentions, each one event (order: dated by day first, then the rest), and the
    mentions that joined none (``stories`` may still join them across the articles of a story)."""
    day = [c for c in cands if c.date is not None and c.date.precision == "day" and c.date.date is not None]
    dated = {id(c) for c in day}
    rest = sorted((c for c in cands if id(c) not in dated), key=lambda c: (c.article, c.start))
    clusters = _related_days(_dated(day))
    index = _index(clusters)
    leftover: list[Candidate] = []
    for c in rest:
        home = _best(c, _lookup(c, clusters, index), published.get(c.article)) or _in_article(c, clusters)
        if home is None:
            leftover.append(c)
        else:
            home.add(c)
    monthly = [c for c in leftover if c.date is not None and c.date.precision == "month" and c.entities]
    undated = [c for c in leftover if c.date is None or c.date.precision != "month"]
    rest_undated = _undated(undated)
    used = {id(c) for k in rest_undated for c in k.members} | {id(c) for c in monthly}
    dropped = [c for c in leftover if id(c) not in used]
    return clusters + _by_month(monthly) + rest_undated, dropped
