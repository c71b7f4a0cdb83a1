"""Candidate pairs from an index of shared rare n-grams (as passim does): never all pairs.

Every article's content words (stopwords, courtesy titles and initials left out, house style
folded) are cut into overlapping word n-grams. An n-gram found in more than ``max_df`` articles is
a stock phrase; one found in three or more articles of one outlet (and mostly there) is that outlet's
boilerplate: neither says anything about copying. Two articles become a candidate pair when they
share at least ``min_shared`` of the remaining n-grams (the ``live`` ones); only candidate pairs that
pass the screen (screen.py) are aligned, and each article's ``Spots`` (positions of its live n-grams)
is all alignment needs of the index.

N-grams are keyed by a stable integer (CRC-32 of each word, combined), so the index does not depend
on Python's string hashing or on the order articles arrive in. ``sample`` keeps one n-gram in
``sample`` (chosen by key, so both copies of a passage keep the same ones) to bound memory.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

_MASK = (1 << 61) - 1


@dataclass(frozen=True, slots=True)
class IndexSettings:
    n: int = 3
    max_df: int = 40
    min_shared: int = 4
    boilerplate_min: int = 3
    sample: int = 1


@dataclass(frozen=True, slots=True)
class Candidate:
    a: int  # position of the first article (a < b)
    b: int
    shared: int  # n-grams shared


def gram_keys(words: list[str], n: int, memo: dict[str, int] | None = None) -> list[int]:
    """Stable integer key of each n-gram of ``words`` (in order, duplicates kept)."""
    memo = {} if memo is None else memo
    hashes = []
    for w in words:
        h = memo.get(w)
        if h is None:
            h = memo[w] = zlib.crc32(w.encode("utf-8"))
        hashes.append(h)
    keys = hashes[: len(hashes) - n + 1]
    for k in range(1, n):
        keys = [(key * 1_000_003 + h) & _MASK for key, h in zip(keys, hashes[k:], strict=False)]
    return keys


@dataclass(frozen=True, slots=True)
class Spots:
    """An article's n-grams that another article shares: key -> positions (content-word index)."""

    where: dict[int, tuple[int, ...]]
    held: frozenset[int]
    size: int  # n-grams in the article (its content words less n - 1)


def spots(keys: Sequence[int], live: frozenset[int] | None, max_repeats: int) -> Spots:
    """Positions of the live keys (all keys when ``live`` is None); a key repeated more than
    ``max_repeats`` times in the text is never an anchor and is left out."""
    where: dict[int, list[int]] = {}
    for i, key in enumerate(keys):
        if live is None or key in live:
            where.setdefault(key, []).append(i)
    kept = {k: tuple(v) for k, v in where.items() if len(v) <= max_repeats}
    return Spots(kept, frozenset(kept), len(keys))


def _postings(docs: Sequence[Sequence[int]], settings: IndexSettings) -> tuple[dict[int, list[int]], set[int]]:
    """(n-gram key -> the articles holding it, for keys held by 2 to ``max_df`` articles; the keys
    held by more: stock phrases). Document frequencies are counted first (in C, by ``Counter``), so
    only the shared keys of each article are visited one by one."""
    sampled = settings.sample > 1
    df: Counter[int] = Counter()
    for keys in docs:
        df.update({k for k in keys if not k % settings.sample} if sampled else set(keys))
    shared = {k for k, n in df.items() if 1 < n <= settings.max_df}
    stock = {k for k, n in df.items() if n > settings.max_df}
    del df
    index: dict[int, list[int]] = {}
    for doc_no, keys in enumerate(docs):
        for key in shared.intersection(keys):
            held = index.get(key)
            if held is None:
                index[key] = [doc_no]
            else:
                held.append(doc_no)
    return index, stock


def _outlet_heavy(holders: list[int], outlets: list[str | None], settings: IndexSettings) -> bool:
    """Three or more articles of one outlet hold the n-gram and make up most of its holders."""
    if len(holders) < settings.boilerplate_min:
        return False
    counts = Counter(outlets[h] for h in holders if outlets[h] is not None)
    top = max(counts.values(), default=0)
    return top >= settings.boilerplate_min and top >= 0.6 * len(holders)


@dataclass(frozen=True, slots=True)
class ReuseIndex:
    candidates: tuple[Candidate, ...]
    ignored: frozenset[int]  # keys of stock phrases and outlet boilerplate
    live: frozenset[int] = frozenset()  # keys counted for some pair: held by two or more articles, not ignored


def build_index(docs: Sequence[Sequence[int]], outlets: list[str | None], settings: IndexSettings) -> ReuseIndex:
    """Candidate pairs of articles sharing enough rare n-grams; ``docs`` hold each article's
    n-gram keys (``gram_keys`` of its content words).

    N-grams held mostly by articles of one outlet are grouped by the articles holding them: when
    a group is less than half of some article (a footer, a tagline) it is boilerplate and ignored;
    when it is most of them (versions of one story) it counts like any other shared text.

    Pairs are counted one article at a time (the holders of its live n-grams, counted in C), so
    memory holds one article's partners, never every pair of the archive that shares an n-gram."""
    postings, ignored = _postings(docs, settings)
    live: set[int] = set()
    heavy: dict[tuple[int, ...], list[int]] = {}
    for key, held in postings.items():
        if _outlet_heavy(held, outlets, settings):
            heavy.setdefault(tuple(held), []).append(key)
        else:
            live.add(key)
    for holders, keys in heavy.items():
        smallest = min(len(docs[h]) for h in holders)
        if len(keys) * settings.sample < 0.5 * smallest:
            ignored.update(keys)
        else:
            live.update(keys)
    needed = max(1, settings.min_shared // settings.sample)
    found: list[Candidate] = []
    for a, doc in enumerate(docs):
        mine = live.intersection(doc)
        if len(mine) < needed:
            continue
        partners = Counter(chain.from_iterable(map(postings.__getitem__, mine)))
        later = sorted(b for b, n in partners.items() if n >= needed and b > a)
        found.extend(Candidate(a, b, partners[b]) for b in later)
    return ReuseIndex(tuple(found), frozenset(ignored), frozenset(live))
