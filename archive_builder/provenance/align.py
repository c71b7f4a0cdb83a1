"""Align a candidate pair: shared passages with offsets in both bodies, and the edits inside them.

Anchors are the content-word n-grams the two texts share (positions in each). Anchors are chained
into passages when they follow each other in both texts within ``gap`` content words, so a passage
survives small edits, house-style changes and synonym swaps; chains need not keep the same order
across passages (a summary may quote the end of its source before the beginning). Inside each
passage a word-level diff lists the edits, each marked minor (typography, case, house style,
spelling fixes) or substantive.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from typing import Literal

from archive_builder.model import Article, Edit, Passage
from archive_builder.provenance.index import Spots, gram_keys, spots
from archive_builder.provenance.normalize import STOPWORDS, Forms, Words, letters, phrase_key, words


@dataclass(frozen=True, slots=True)
class AlignSettings:
    n: int = 3
    gap: int = 10  # content words allowed between two anchors of one passage (in either text)
    min_words: int = 6  # content words a passage must span
    max_repeats: int = 3  # an n-gram repeated more often inside one text is not an anchor


@dataclass(frozen=True, slots=True)
class Doc:
    """An article prepared for comparison: its words with offsets, and the positions of the n-grams
    other articles share (``Spots``; all its n-grams when made without an index)."""

    id: str
    body: str
    toks: Words
    content: tuple[int, ...]  # token index of each content word
    spots: Spots


def make_doc(article: Article, n: int = 3, memo: Forms | None = None,
             shared: Spots | None = None) -> Doc:
    """``shared``: the article's spots from the index (``index.spots``); computed here from every
    n-gram of the text when not given."""
    toks = words(article.body, memo)
    content = toks.content
    if shared is None:
        shared = spots(gram_keys([toks.canons[i] for i in content], n), None, 1 << 30)
    return Doc(article.id, article.body, toks, content, shared)


def anchors(a: Doc, b: Doc, ignored: frozenset[int], settings: AlignSettings) -> list[tuple[int, int]]:
    """(i, j): the n-gram at content word i of ``a`` equals the one at j of ``b``.

    Only the keys both texts hold are visited (a set intersection over each text's positions),
    not every n-gram of both texts for every pair."""
    wa, wb = a.spots.where, b.spots.where
    limit = settings.max_repeats
    found: list[tuple[int, int]] = []
    for key in a.spots.held & b.spots.held:
        spots_a, spots_b = wa[key], wb[key]
        if key in ignored or len(spots_a) > limit or len(spots_b) > limit:
            continue
        found.extend((i, j) for i in spots_a for j in spots_b)
    return sorted(found)


def chains(points: list[tuple[int, int]], gap: int) -> list[list[tuple[int, int]]]:
    """Group anchors into runs that advance in both texts by at most ``gap`` words per step."""
    done: list[list[tuple[int, int]]] = []
    active: list[list[tuple[int, int]]] = []
    for i, j in points:
        still: list[list[tuple[int, int]]] = []
        for run in active:
            (done if run[-1][0] < i - gap else still).append(run)
        active = still
        best: list[tuple[int, int]] | None = None
        best_cost = gap * 4
        for run in active:
            li, lj = run[-1]
            if li < i <= li + gap and lj < j <= lj + gap:
                cost = abs((i - li) - (j - lj))
                if cost < best_cost:
                    best, best_cost = run, cost
        if best is None:
            active.append([(i, j)])
        else:
            best.append((i, j))
    return done + active


def _token_range(doc: Doc, first: int, last: int, n: int) -> tuple[int, int]:
    """Token indexes [start, end) covered by content words first .. last + n - 1."""
    end_word = min(last + n - 1, len(doc.content) - 1)
    return doc.content[first], doc.content[end_word] + 1


def _extend(a: Doc, b: Doc, ra: tuple[int, int], rb: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int]]:
    """Grow both ranges over identical neighbouring words (stopwords the anchors left out)."""
    (sa, ea), (sb, eb) = ra, rb
    for _ in range(4):
        if (sa > 0 and sb > 0 and a.toks.folds[sa - 1] == b.toks.folds[sb - 1] and _light(a, sa - 1)
                and _joined(a, sa - 1) and _joined(b, sb - 1)):
            sa, sb = sa - 1, sb - 1
    for _ in range(4):
        if (ea < len(a.toks) and eb < len(b.toks) and a.toks.folds[ea] == b.toks.folds[eb] and _light(a, ea)
                and _joined(a, ea - 1) and _joined(b, eb - 1)):
            ea, eb = ea + 1, eb + 1
    return _to_sentence_end(a, b, ea, eb, sa, sb)


def _breaks(doc: Doc, start: int, end: int) -> list[int]:
    """Token indexes in (start, end) that begin a new paragraph."""
    ends, starts = doc.toks.ends, doc.toks.starts
    return [k for k in range(start + 1, end) if "\n" in doc.body[ends[k - 1] : starts[k]]]


def _trim(a: Doc, b: Doc, ra: tuple[int, int], rb: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int]]:
    """Drop a stub of fewer than 3 content words that a passage has in the next (or previous) paragraph on
    both sides: an n-gram crossing into a footer or a new story says nothing on its own."""
    la, lb = _breaks(a, *ra), _breaks(b, *rb)
    if la and lb and _words(a, la[-1], ra[1]) < 3 and _words(b, lb[-1], rb[1]) < 3:
        ra, rb = (ra[0], la[-1]), (rb[0], lb[-1])
    if la and lb and _words(a, ra[0], la[0]) < 3 and _words(b, rb[0], lb[0]) < 3 and la[0] < ra[1] and lb[0] < rb[1]:
        ra, rb = (la[0], ra[1]), (lb[0], rb[1])
    return ra, rb


def _words(doc: Doc, start: int, end: int) -> int:
    """Content words among tokens [start, end)."""
    return sum(1 for k in range(start, end) if not _light(doc, k))


def _joined(doc: Doc, k: int) -> bool:
    """Tokens k and k + 1 are in the same sentence."""
    gap = doc.body[doc.toks.ends[k] : doc.toks.starts[k + 1]] if k + 1 < len(doc.toks) else "."
    return not any(ch in ".!?\n" for ch in gap)


def _light(doc: Doc, k: int) -> bool:
    canon = doc.toks.canons[k]
    return not canon or canon in STOPWORDS


_END = re.compile(r"[.!?][\"'\u201d\u2019)]*(?:\s|$)")


def _tail(doc: Doc, end: int) -> int | None:
    """Token index just past the end of the sentence holding token ``end - 1`` (None: too far)."""
    at = doc.toks.ends[end - 1]
    match = _END.search(doc.body, at)
    stop = match.start() if match else len(doc.body)
    k = end
    while k < len(doc.toks) and doc.toks.starts[k] < stop:
        k += 1
    return k if k - end <= 10 else None


def _to_sentence_end(a: Doc, b: Doc, ea: int, eb: int, sa: int, sb: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """When both passages stop a few words short of their sentence's end, the rest is a rewrite."""
    ta, tb = _tail(a, ea), _tail(b, eb)
    if ta is None or tb is None:
        return (sa, ea), (sb, eb)
    same = a.toks.folds[ea:ta] == b.toks.folds[eb:tb]
    if not same and (ta > ea or tb > eb):  # identical tails the anchors left out are stock or boilerplate
        ea, eb = ta, tb
    return (sa, ea), (sb, eb)


def is_minor(source: str, target: str) -> bool:
    """Typography, case, house style (``Mr.``, initials, ``American``/``U.S.``) or a spelling fix."""
    if letters(source) == letters(target) or phrase_key(source) == phrase_key(target):
        return True
    ls, lt = letters(source), letters(target)
    short = len(source.split()) <= 2 and len(target.split()) <= 2 and min(len(ls), len(lt)) >= 4
    return short and difflib.SequenceMatcher(None, ls, lt, autojunk=False).ratio() >= 0.75


def _span(doc: Doc, i1: int, i2: int) -> tuple[int, int]:
    if i1 < i2:
        return doc.toks.starts[i1], doc.toks.ends[i2 - 1]
    at = doc.toks.starts[i1] if i1 < len(doc.toks) else len(doc.body)
    return at, at


def _segments(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Tokens [start, end) cut where punctuation or a line break separates two of them."""
    cuts = [k for k in range(start + 1, end)
            if any(ch in ",.;:!?\n" for ch in doc.body[doc.toks.ends[k - 1] : doc.toks.starts[k]])]
    bounds = [start, *cuts, end]
    return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1) if bounds[i] < bounds[i + 1]]


def _pieces(a: Doc, b: Doc, ia: tuple[int, int], ib: tuple[int, int]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """A replacement spanning clauses on both sides, paired clause by clause (``Iran, they argued``
    / ``Tehran, it said. Esper`` -> Iran/Tehran, they argued/it said, /Esper)."""
    sa, sb = _segments(a, *ia), _segments(b, *ib)
    if len(sa) < 2 and len(sb) < 2:
        return [(ia, ib)]
    pairs = [(sa[i], sb[i]) for i in range(min(len(sa), len(sb)))]
    pairs += [(x, (sb[-1][1], sb[-1][1])) for x in sa[len(sb):]] if sb else [(x, (ib[0], ib[0])) for x in sa]
    pairs += [((sa[-1][1], sa[-1][1]), y) for y in sb[len(sa):]] if sa else [((ia[0], ia[0]), y) for y in sb]
    return pairs


def _edit(a: Doc, b: Doc, ia: tuple[int, int], ib: tuple[int, int]) -> Edit:
    s0, s1 = _span(a, *ia)
    t0, t1 = _span(b, *ib)
    source, target = a.body[s0:s1], b.body[t0:t1]
    kind: Literal["insert", "delete", "replace"] = "insert" if not source else "delete" if not target else "replace"
    return Edit(kind, source, target, is_minor(source, target), s0, s1, t0, t1)


def edits(a: Doc, b: Doc, ra: tuple[int, int], rb: tuple[int, int]) -> tuple[tuple[Edit, ...], float]:
    """Word-level edits turning a's range into b's, and the share of words kept."""
    wa = a.toks.folds[ra[0] : ra[1]]
    wb = b.toks.folds[rb[0] : rb[1]]
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    out: list[Edit] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        ia, ib = (ra[0] + i1, ra[0] + i2), (rb[0] + j1, rb[0] + j2)
        parts = _pieces(a, b, ia, ib) if tag == "replace" else [(ia, ib)]
        out.extend(_edit(a, b, pa, pb) for pa, pb in parts)
    return tuple(out), matcher.ratio()


def flip_edit(e: Edit) -> Edit:
    kind: Literal["insert", "delete", "replace"] = (
        "delete" if e.kind == "insert" else "insert" if e.kind == "delete" else "replace")
    return Edit(kind, e.target_text, e.source_text, e.minor, e.target_start, e.target_end, e.source_start, e.source_end)


def flip_passage(p: Passage) -> Passage:
    """The same passage seen from the other side (source and target swapped)."""
    return Passage(p.target_start, p.target_end, p.source_start, p.source_end, p.kind,
                   tuple(flip_edit(e) for e in p.edits))


@dataclass(frozen=True, slots=True)
class Aligned:
    passage: Passage
    words: int  # words in the target side
    similarity: float  # share of words kept (1.0 verbatim)


def align_pair(a: Doc, b: Doc, ignored: frozenset[int], settings: AlignSettings) -> tuple[Aligned, ...]:
    """Shared passages of a (source side) and b (target side), in a's order, not overlapping."""
    found: list[tuple[int, Aligned]] = []
    for run in chains(anchors(a, b, ignored, settings), settings.gap):
        if run[-1][0] - run[0][0] + settings.n < settings.min_words:
            continue
        ra = _token_range(a, run[0][0], run[-1][0], settings.n)
        rb = _token_range(b, run[0][1], run[-1][1], settings.n)
        ra, rb = _trim(a, b, *_extend(a, b, ra, rb))
        if ra[1] - ra[0] < settings.min_words or rb[1] - rb[0] < settings.min_words:
            continue
        changes, ratio = edits(a, b, ra, rb)
        kind: Literal["verbatim", "edited"] = "edited" if changes else "verbatim"
        passage = Passage(a.toks.starts[ra[0]], a.toks.ends[ra[1] - 1], b.toks.starts[rb[0]], b.toks.ends[rb[1] - 1],
                          kind, changes)
        found.append((ra[1] - ra[0], Aligned(passage, rb[1] - rb[0], ratio)))
    return _without_overlaps(found)


def rewritten_passage(a: Doc, b: Doc, span_a: tuple[int, int], span_b: tuple[int, int]) -> Passage | None:
    """A sentence of ``b`` rewritten from the sentence(s) at ``span_a`` of ``a`` (character offsets)
    as a passage with its word-level edits (None when either span holds no word)."""
    ra = (bisect.bisect_left(a.toks.starts, span_a[0]), bisect.bisect_left(a.toks.starts, span_a[1]))
    rb = (bisect.bisect_left(b.toks.starts, span_b[0]), bisect.bisect_left(b.toks.starts, span_b[1]))
    if ra[0] >= ra[1] or rb[0] >= rb[1]:
        return None
    changes, _ = edits(a, b, ra, rb)
    kind: Literal["verbatim", "edited"] = "edited" if changes else "verbatim"
    return Passage(a.toks.starts[ra[0]], a.toks.ends[ra[1] - 1], b.toks.starts[rb[0]], b.toks.ends[rb[1] - 1], kind,
                   changes)


def _without_overlaps(found: list[tuple[int, Aligned]]) -> tuple[Aligned, ...]:
    kept: list[Aligned] = []
    for _, item in sorted(found, key=lambda f: (-f[0], f[1].passage.source_start, f[1].passage.target_start)):
        p = item.passage
        if any(p.source_start < k.passage.source_end and k.passage.source_start < p.source_end
               or p.target_start < k.passage.target_end and k.passage.target_start < p.target_end for k in kept):
            continue
        kept.append(item)
    return tuple(sorted(kept, key=lambda k: (k.passage.source_start, k.passage.target_start)))
