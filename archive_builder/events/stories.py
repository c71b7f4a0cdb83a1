"""Stories: articles that report the same incident, and their events joined across them.

Outlets tell one incident in their own words: ``Tara Reid checked herself into Promises`` and ``the
actress has entered a rehab program in Malibu``; the per-day join (``join``) cannot see that these
are one happening when neither names a day. What the reports share is who, where and what: the
same rare names and words, used often. This step

1. gives each article a profile: the people, organizations and places named in its body and its
   content words, each weighted by how often the article uses it (1 + log count) and how rare it is
   in the archive (log(1 + articles / articles using it)); people count ``PERSON_WEIGHT`` times;
2. finds candidate pairs of articles through what they share (an inverted index; a name or word in
   more than ``MAX_SHARED`` articles finds no pairs, as a stop word in a search index), scores each
   pair by the cosine of their profiles, and groups articles by average linkage: two groups join
   while the mean similarity over all their pairs of articles (pairs never found count 0) is at least
   ``STORY_LINK``, so one article that mentions two stories does not chain them. Two groups never
   join when they were written in different years (stated publication year, or the year the text
   names most);
3. inside a story of two or more articles, joins the events of one family (an ``attack`` with an
   ``attack``; a shooting, a killing and a death are one incident, as are an arrest and the charges)
   when nothing contradicts it: days more than ``DAY_SLACK`` apart, or other months, when both are
   dated; different places where both say where it happened; an article of one already in the
   other (two events of one article that the per-day join kept apart stay apart). Mentions that the
   per-day join left out (undated, no person at the trigger, or only in the lede) become an event of
   the story when two or more of its articles report that family;
4. takes the story's event reported by the most articles as its main incident: the story's other
   events that bring it new articles join it whatever their family (``earthquake`` and ``tremor``,
   ``shooting`` and ``death``, ``arrest`` and ``charged``) unless day, month or place contradict,
   and each article of the story still outside it joins it with its first fitting mention (lede
   first), unless the article reports the same kind of incident on another day or in another month
   (a place alone does not keep it out: ``Vancouver`` and ``downtown Vancouver``). A day read from
   a weekday against an inferred publication date may be a week off (``LOOSE_SLACK``);
5. joins the main incidents of two stories that are one incident: the same kind, a person or place
   in common, the same day (or both undated), and the stories not written in different years
   unless one states the day with its year; a dated incident and an undated one when they share a
   person and every year the undated story names precedes the dated one's (``_one_incident``).

Same kind of incident with other participants, at another place or in another year: the profiles
share little or contradict, the articles are different stories, and the events stay apart.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping

from archive_builder.events.join import Cluster, _kinds_fit
from archive_builder.events.mentions import Candidate
from archive_builder.model import Mention
from archive_builder.textutil import FUNCTION_WORDS

# calibrated on ECB+ topics 1-20, checked on 21-35 (docs/guide/events.md)
STORY_LINK = 0.12  # mean cosine of two groups' articles for them to be one story
PERSON_WEIGHT = 1.5  # a person named in two reports says more than a country or a ministry
WORD_WEIGHT = 1.0  # a content word counts as much as an organization or a place (before its rarity)
MAX_SHARED = 40  # a name or word in more articles than this finds no candidate pairs (the archive's stop word)
MIN_PAIR = 0.05  # pairs below this cosine are not kept
LOOSE_SLACK = 7  # a weekday read against an inferred publication date may name the week before or after
DAY_SLACK = 1  # reports of one story a day apart (time zones, ``late Tuesday``) tell one incident
# families that tell one incident in a story: a shooting, the killing and the death it caused; an
# arrest and the charges
INCIDENT = {"killing": "violence", "attack": "violence", "death": "violence", "arrest": "justice", "trial": "justice"}
# what is said or held about an incident rather than the incident itself
TALK = frozenset(["meeting", "statement", "conference", "speech", "call", "visit", "announcement"])


Profile = dict[str, float]
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*")
STOPWORDS = FUNCTION_WORDS | frozenset(  # and words every news story uses
    ["one", "two", "new", "him", "told", "say", "according", "it's", "he's", "she's", "there's", "don't", "didn't", "isn't", "wasn't", "now", "like", "get", "got", "year", "years", "time", "first", "last", "people", "percent", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])


def _words(body: str) -> Counter[str]:
    """Content words of a body (lower case, a plural's ``s`` dropped), as ``w:word`` keys."""
    out: Counter[str] = Counter()
    for w in _WORD.findall(body.lower()):
        if len(w) < 3 or w in STOPWORDS:
            continue
        out["w:" + (w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w)] += 1
    return out


def profiles(bodies: Mapping[str, str], mentions: Mapping[str, list[Mention]], types: Mapping[str, str]) -> dict[str, Profile]:
    """Each article's names in its body and its content words, weighted by frequency in it and
    rarity in the archive (words count ``WORD_WEIGHT``)."""
    counts: dict[str, Counter[str]] = {}
    for a, body in bodies.items():
        c = _words(body)
        c.update(m.entity for m in mentions.get(a, ()) if m.field == "body" and m.entity in types)
        counts[a] = c
    df: Counter[str] = Counter()
    for c in counts.values():
        df.update(c.keys())
    n = max(1, len(counts))
    out: dict[str, Profile] = {}
    for article, c in counts.items():
        vec = {e: (1 + math.log(k)) * math.log(1 + n / df[e]) * _weight(e, types) for e, k in c.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out[article] = {e: v / norm for e, v in vec.items()}
    return out


def _weight(key: str, types: Mapping[str, str]) -> float:
    if key.startswith("w:"):
        return WORD_WEIGHT
    return PERSON_WEIGHT if types[key] == "person" else 1.0


def _pairs(vecs: dict[str, Profile]) -> dict[tuple[str, str], float]:
    """Cosine of every pair of articles that share a name not too common to block on."""
    postings: dict[str, list[str]] = defaultdict(list)
    for article in sorted(vecs):
        for e in vecs[article]:
            postings[e].append(article)
    seen: set[tuple[str, str]] = set()
    out: dict[tuple[str, str], float] = {}
    for e in sorted(postings):
        arts = postings[e]
        if len(arts) < 2 or len(arts) > MAX_SHARED:
            continue
        for i, a in enumerate(arts):
            for b in arts[i + 1 :]:
                if (a, b) in seen:
                    continue
                seen.add((a, b))
                va, vb = vecs[a], vecs[b]
                small, big = (va, vb) if len(va) <= len(vb) else (vb, va)
                sim = sum(v * big.get(k, 0.0) for k, v in small.items())
                if sim >= MIN_PAIR:
                    out[(a, b)] = sim
    return out


class _Groups:
    """Articles grouped so far, with the years they were written in (for the contradiction check)."""

    def __init__(self, vecs: dict[str, Profile], years: Mapping[str, set[int]]) -> None:
        self.members: dict[str, list[str]] = {a: [a] for a in vecs}
        self.years: dict[str, Counter[int]] = {a: Counter(years.get(a, ())) for a in vecs}
        self.dated: dict[str, int] = {a: int(bool(years.get(a))) for a in vecs}

    def _era(self, g: str) -> set[int]:
        """The years at least half of the group's dated articles were written in."""
        return {y for y, k in self.years[g].items() if k * 2 >= self.dated[g]}

    def contradict(self, a: str, b: str) -> bool:
        """The two groups were written in different years: two incidents."""
        era_a, era_b = self._era(a), self._era(b)
        return bool(era_a and era_b and not era_a & era_b)

    def merge(self, keep: str, gone: str) -> None:
        self.members[keep].extend(self.members.pop(gone))
        self.years[keep].update(self.years.pop(gone))
        self.dated[keep] += self.dated.pop(gone)


def group_stories(vecs: dict[str, Profile], years: Mapping[str, set[int]] | None = None) -> list[list[str]]:
    """Groups of articles reporting one story (average linkage over the sparse pair similarities;
    groups written in different years never join)."""
    pairs = _pairs(vecs)
    groups = _Groups(vecs, years or {})
    members = groups.members
    link: dict[str, dict[str, float]] = defaultdict(dict)
    for (a, b), s in pairs.items():
        link[a][b] = s
        link[b][a] = s
    heap = [(-s, a, b) for (a, b), s in sorted(pairs.items())]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members or link[a].get(b) is None:
            continue
        mean = link[a][b] / (len(members[a]) * len(members[b]))
        if abs(mean + neg) > 1e-12:
            heapq.heappush(heap, (-mean, a, b))  # stale: push back with its current mean
            continue
        if mean < STORY_LINK:
            break
        if groups.contradict(a, b):
            continue  # tried again only if either group grows
        keep, gone = (a, b) if a < b else (b, a)
        groups.merge(keep, gone)
        for c, s in link.pop(gone).items():
            link[c].pop(gone, None)
            if c == keep:
                continue
            total = link[keep].get(c, 0.0) + s
            link[keep][c] = total
            link[c][keep] = total
        link[keep].pop(gone, None)
        for c, total in sorted(link[keep].items()):
            heapq.heappush(heap, (-total / (len(members[keep]) * len(members[c])), min(keep, c), max(keep, c)))
    return sorted((sorted(arts) for arts in members.values() if len(arts) > 1), key=lambda g: g[0])


_YEAR = re.compile(r"(?<![\d.,/-])(?:19[5-9]\d|20[0-4]\d)(?![\d.,/-]\d)")


def years(published: Mapping[str, dt.date | None], bodies: Mapping[str, str]) -> dict[str, set[int]]:
    """The year each article was written in: its stated publication year, or else the year its
    text names most often (all of them on a tie)."""
    out: dict[str, set[int]] = {}
    for a, body in bodies.items():
        day = published.get(a)
        named = Counter(int(y) for y in _YEAR.findall(body))
        top = max(named.values(), default=0)
        out[a] = {day.year} if day is not None else {y for y, k in named.items() if k == top}
    return out


def _days(k: Cluster) -> set[dt.date]:
    return {k.date} if k.date is not None else set()


def _months(k: Cluster) -> set[tuple[int, int]]:
    return {(m.date.date.year, m.date.date.month) for m in k.members
            if m.date is not None and m.date.date is not None and m.date.precision in ("day", "month")}


class _Group:
    """Clusters joined into one event of a story, with what must stay consistent."""

    def __init__(self, k: Cluster) -> None:
        self.clusters = [k]
        self.days = _days(k)
        self.months = _months(k)
        self.sites = set(k.sites)
        self.articles = set(k.articles)
        self.persons = set(k.persons)

    def agrees(self, k: Cluster) -> bool:
        """Nothing says ``k`` happened at another time or place: days within ``DAY_SLACK``, the same
        month, a shared place where both say where it happened."""
        if self.days and k.date is not None:
            if all(abs((k.date - d).days) > DAY_SLACK for d in self.days):
                return False
        else:
            months = _months(k)
            if self.months and months and not self.months & months:
                return False
        return not (self.sites and k.sites and not self.sites & k.sites)

    def agrees_in_time(self, k: Cluster) -> bool:
        """Nothing says ``k`` happened on another day or in another month."""
        if self.days and k.date is not None:
            return any(abs((k.date - d).days) <= DAY_SLACK for d in self.days)
        months = _months(k)
        return not (self.months and months and not self.months & months)

    def fits(self, k: Cluster) -> bool:
        if not self.agrees(k):
            return False
        # two events of one article that the per-day join kept apart stay apart
        first = self.clusters[0]
        return not (self.articles & k.articles) and (first.family != k.family or _kinds_fit(first.kind, first.family, k.members[0]))

    def add(self, k: Cluster) -> None:
        self.clusters.append(k)
        self.days |= _days(k)
        self.months |= _months(k)
        self.sites |= k.sites
        self.articles |= k.articles
        self.persons |= k.persons


def _merge(groups: list[_Group]) -> list[Cluster]:
    out: list[Cluster] = []
    for g in groups:
        first = g.clusters[0]
        for k in g.clusters[1:]:
            for c in k.members:
                first.add(c)
            if first.date is None and k.date is not None:
                first.date = k.date
        out.append(first)
    return out


def _leftover_clusters(story: set[str], leftover: list[Candidate]) -> list[Cluster]:
    """Mentions the per-day join left out, one cluster per family and article, in the story's articles."""
    by_key: dict[tuple[str, str], Cluster] = {}
    for c in leftover:
        if c.article not in story or not (c.entities or c.lede):
            continue
        key = (c.family, c.article)
        if key not in by_key:
            by_key[key] = Cluster(c.family, c.family, None)
        by_key[key].add(c)
    return [by_key[k] for k in sorted(by_key)]


def _eras(groups: list[list[str]], written: Mapping[str, set[int]]) -> list[set[int]]:
    """The years at least half of each story's dated articles were written in."""
    out: list[set[int]] = []
    for g in groups:
        counts: Counter[int] = Counter(y for a in g for y in written.get(a, ()))
        dated = sum(1 for a in g if written.get(a))
        out.append({y for y, k in counts.items() if k * 2 >= dated} if dated else set())
    return out


def _by_era(k: Cluster, story_of: Mapping[str, int], eras: list[set[int]]) -> list[Cluster]:
    """A cluster whose articles lie in stories written in different years (a title fight of 2008
    and the rematch of 2012, misdated alike): split by story; else itself."""
    homes = sorted({story_of[a] for a in k.articles if a in story_of})
    known = [eras[i] for i in homes if eras[i]]
    if len(known) < 2 or all(a & b for a, b in itertools.combinations(known, 2)):
        return [k]
    parts: dict[int, Cluster] = {}
    for c in k.members:
        home = story_of.get(c.article, -1)
        if home not in parts:
            parts[home] = Cluster(k.family, k.family, k.date)
        parts[home].add(c)
    return [parts[i] for i in sorted(parts)]


def join_stories(clusters: list[Cluster], leftover: list[Candidate], groups: list[list[str]],
                 written: Mapping[str, set[int]] | None = None, inferred: frozenset[str] = frozenset()) -> list[Cluster]:
    """``clusters`` with the events of each story (``stories``) joined across its articles (see the
    module's text); ``written``: the years each article was written in (``years``); ``inferred``:
    the articles whose publication date was inferred."""
    story_of = {a: i for i, g in enumerate(groups) for a in g}
    eras = _eras(groups, written or {})
    by_story: dict[tuple[int, str], list[Cluster]] = defaultdict(list)
    out: list[Cluster] = []
    for k in [part for whole in clusters for part in _by_era(whole, story_of, eras)]:
        homes = {story_of[a] for a in k.articles if a in story_of}
        if len(homes) == 1:
            by_story[(next(iter(homes)), INCIDENT.get(k.family, k.family))].append(k)
        else:
            out.append(k)
    found = {id(k) for k in out} | {id(k) for ks in by_story.values() for k in ks}
    extra: set[int] = set()
    for i, g in enumerate(groups):
        for k in _leftover_clusters(set(g), leftover):
            extra.add(id(k))
            by_story[(i, INCIDENT.get(k.family, k.family))].append(k)
    per_story: dict[int, list[Cluster]] = defaultdict(list)
    for key in sorted(by_story):
        ks = by_story[key]
        # the events found by the per-day join first (dated, then most articles), then the rest
        ks.sort(key=lambda k: (id(k) not in found, k.date is None, -len(k.articles),
                               min((m.article, m.start) for m in k.members)))
        joined: list[_Group] = []
        for k in ks:
            # an article that already has an event of the family in the story: its other mentions
            # of the family (kept apart by the per-day join, or left out by it) join nothing else
            own = any(g.articles & k.articles for g in joined)
            home = None if own else next((g for g in joined if g.fits(k)), None)
            if home is None:
                joined.append(_Group(k))
            else:
                home.add(k)
        for merged in _merge(joined):
            if id(merged) in extra and len(merged.articles) < 2:
                continue  # a left-out mention no other article of the story reports
            per_story[key[0]].append(merged)
    ledes: dict[str, list[Candidate]] = defaultdict(list)
    for c in sorted(leftover, key=lambda c: (c.article, not c.lede, c.start)):
        ledes[c.article].append(c)
    mains: list[tuple[set[int], Cluster]] = []
    for i in sorted(per_story):
        found_here = _main_incident(per_story[i], groups[i], ledes, inferred)
        if found_here:
            mains.append((set(eras[i]), found_here[0]))
            out.extend(found_here[1:])
    out.extend(_join_mains(mains))
    return out


def _stated_year(clusters: list[Cluster]) -> bool:
    """One of the clusters' mentions states its day with the year (``December 9, 2008``)."""
    return any(c.date is not None and c.date.precision == "day" and c.date.raw.kind == "absolute"
               and c.date.raw.year is not None for k in clusters for c in k.members)


def _dated(k: Cluster) -> bool:
    return k.date is not None or bool(_months(k))


def _one_incident(g: _Group, g_era: set[int], k: Cluster, era: set[int]) -> bool:
    """Are the main incidents of two stories one incident? The same kind (not a meeting or a
    statement), a person or a place in common, no article in both, the same day or month when both
    are dated (one dated, one undated: ``_undated_fits``), and the stories not written in different
    years unless one of them states its day with the year."""
    first = g.clusters[0]
    if _incident(first) != _incident(k) or k.family in TALK or first.family in TALK or g.articles & k.articles:
        return False
    if not (g.persons & k.persons or g.sites & k.sites):
        return False
    g_dated = bool(g.days or g.months)
    if g_dated != _dated(k):
        return _undated_fits(g, g_era, k, era)
    if g_dated and not g.agrees_in_time(k):
        return False
    return not (era and g_era and not era & g_era) or _stated_year(g.clusters) or _stated_year([k])


def _undated_fits(g: _Group, g_era: set[int], k: Cluster, era: set[int]) -> bool:
    """A dated incident and an undated one: a person in common, and the undated story names years
    (of its background: a film, an earlier arrest) none of them after the dated incident's year.
    A story naming no year says nothing about when it was written: it stays apart."""
    if k.date is not None or _months(k):
        year = (k.date or min(dt.date(y, m, 1) for y, m in _months(k))).year
        other = g_era
    else:
        year = min([*(d.year for d in g.days), *(y for y, _ in g.months)])
        other = era
    if not g.persons & k.persons:
        return False
    return bool(other) and max(other) <= year


def _join_mains(mains: list[tuple[set[int], Cluster]]) -> list[Cluster]:
    """The main incidents of stories (with the years each story was written in) joined when they
    are one incident (``_one_incident``): outlets that share too few rare words to be one story
    still report one happening. Largest first."""
    ranked = sorted(mains, key=lambda m: (-len(m[1].articles), min((c.article, c.start) for c in m[1].members)))
    joined: list[tuple[set[int], _Group]] = []
    named: dict[str, list[int]] = defaultdict(list)  # person or place -> the groups naming it (in order)
    for era, k in ranked:
        # only a group sharing a person or a place can be the same incident (``_one_incident``)
        near = sorted({i for name in (*k.persons, *k.sites) for i in named.get(name, ())})
        at = next((i for i in near if _one_incident(joined[i][1], joined[i][0], k, era)), None)
        if at is None:
            at = len(joined)
            joined.append((set(era), _Group(k)))
        else:
            joined[at][0].update(era)
            joined[at][1].add(k)
        for name in {*k.persons, *k.sites}:
            if at not in named[name]:
                named[name].append(at)
    return _merge([g for _, g in joined])


def _main_incident(clusters: list[Cluster], story: list[str], ledes: Mapping[str, list[Candidate]],
                   inferred: frozenset[str] = frozenset()) -> list[Cluster]:
    """The incident the story is about: its event reported by the most articles absorbs the story's
    other events that bring it articles of their own (whatever their family: ``the quake`` and
    ``the earthquake``, ``the shooting`` and ``the death``) unless their day, month or place says
    otherwise (an article with an event of the incident's family at another day or place is kept
    out of it); an article of the story that reports none of them joins it with its first event
    mention that fits (lede first: headline and first sentence; not a meeting or statement, dated to
    the incident's day or undated, at its place or nowhere named)."""
    if not clusters:
        return clusters
    ranked = sorted(clusters, key=lambda k: (-len(k.articles), k.family in TALK, k.date is None,
                                             min((m.article, m.start) for m in k.members)))
    main = _Group(ranked[0])
    rest: list[Cluster] = []
    other: set[str] = set()  # articles reporting an event of the story at another time or place
    for k in ranked[1:]:
        if not main.agrees(k):
            if _incident(k) == _incident(ranked[0]) and not main.agrees_in_time(k) and not _near(main, k, inferred):
                other |= k.articles
            rest.append(k)
        elif k.articles - main.articles:
            main.add(k)
        else:
            rest.append(k)
    (merged,) = _merge([main])
    owner = {id(c): i for i, k in enumerate(rest) for c in k.members}
    for article in story:
        if article in merged.articles or article in other:
            continue
        lede = next((c for c in ledes.get(article, ()) if _lede_fits(merged, main, c, inferred)), None)
        if lede is None:
            continue
        merged.add(lede)
        home = owner.get(id(lede))
        if home is not None:  # the mention moves: out of the event it was left in
            rest[home] = _without(rest[home], lede)
    return [merged, *(k for k in rest if k.members)]


def _without(k: Cluster, gone: Candidate) -> Cluster:
    out = Cluster(k.family, k.family, k.date)
    for c in k.members:
        if c is not gone:
            out.add(c)
    return out


def _incident(k: Cluster) -> str:
    return INCIDENT.get(k.family, k.family)


def _loose(c: Candidate, inferred: frozenset[str]) -> bool:
    """``c``'s day was read from a weekday or a relative expression against a publication date
    that was itself inferred: it may be off by up to a week (``last Saturday`` read from the wrong
    week)."""
    return c.article in inferred and c.date is not None and c.date.raw.kind != "absolute"


def _near(main: _Group, k: Cluster, inferred: frozenset[str]) -> bool:
    """``k``'s day disagrees with the incident's only through loosely read days, within a week."""
    if k.date is None or not main.days or not all(c.date is None or _loose(c, inferred) for c in k.members):
        return False
    return any(abs((k.date - d).days) <= LOOSE_SLACK for d in main.days)


def _lede_fits(merged: Cluster, main: _Group, c: Candidate, inferred: frozenset[str] = frozenset()) -> bool:
    if c.family in TALK and merged.family not in TALK:
        return False  # a meeting or a statement about the incident is not the incident
    day = c.date.date if c.date is not None and c.date.precision == "day" else None
    slack = LOOSE_SLACK if _loose(c, inferred) else DAY_SLACK
    if day is not None and merged.date is not None and abs((day - merged.date).days) > slack:
        return False
    return not (main.sites and c.sites and not main.sites & c.sites)



