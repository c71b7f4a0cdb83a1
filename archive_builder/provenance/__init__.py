"""Provenance: attributions, text reuse between articles, typed relations and chains.

    per article (``prepare``: pure, cacheable by content hash, runs on workers):
        possible claims (attribution.scan), n-gram keys (index.gram_keys), word stems (rewrite.word_keys)
    over the archive:
        attributions (attribution.py) -> reuse index (index.py) -> screen (screen.py)
        + pairs sharing rare words whose sentences are built from each other (rewrite.py)
        -> alignment (align.py) -> relation type and direction (classify.py)
        -> curation (curate.py) -> chains (chains.py)
"""

from __future__ import annotations

import logging
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from archive_builder.curation import Curation
from archive_builder.model import Article, Attribution, Diagnostic, Node, ProvenanceIndex, Relation
from archive_builder.perarticle import Runner, Task, serial, stable_digest
from archive_builder.provenance import attribution, chains, curate, rewrite
from archive_builder.provenance.align import AlignSettings, Doc, align_pair, make_doc, rewritten_passage
from archive_builder.provenance.classify import ClassifySettings, Side, quote_regions, relate
from archive_builder.provenance.index import Candidate, IndexSettings, Spots, build_index, gram_keys
from archive_builder.provenance.normalize import Forms, content_words
from archive_builder.provenance.rewrite import Overlap, RewriteSettings, Sentences, Weights
from archive_builder.provenance.screen import ScreenSettings, screened

log = logging.getLogger("archive_builder")


@dataclass(frozen=True, slots=True)
class Settings:
    index: IndexSettings = field(default_factory=IndexSettings)
    align: AlignSettings = field(default_factory=AlignSettings)
    classify: ClassifySettings = field(default_factory=ClassifySettings)
    screen: ScreenSettings = field(default_factory=ScreenSettings)
    rewrite: RewriteSettings = field(default_factory=RewriteSettings)


@dataclass(frozen=True, slots=True)
class Prepared:
    """What provenance needs of one article, a pure function of the article and the settings: the
    pipeline may compute it per article on a worker and cache it by content hash (``prepare``)."""

    claims: tuple[attribution.Claim, ...]  # possible attribution claims (attribution.scan)
    keys: array[int]  # n-gram keys of its content words (8 bytes each)
    stems: array[int]  # its distinct word stems (rewrite.word_keys), for pairs sharing rare words


def prepare(article: Article, settings: Settings | None = None, words: dict[str, str] | None = None,
            hashes: dict[str, int] | None = None, stems: rewrite.Memo | None = None) -> Prepared:
    """``words``/``hashes``/``stems`` only cache each distinct word's form, hash and stem within one
    process."""
    settings = settings or Settings()
    return Prepared(attribution.scan(article), article_keys(article, settings.index.n, words, hashes),
                    array("q", rewrite.word_keys(article.body, settings.rewrite, stems)))


def article_keys(article: Article, n: int, words: dict[str, str] | None = None,
                 hashes: dict[str, int] | None = None) -> array[int]:
    """The n-gram keys of one article's content words (a pure function of its body and ``n``)."""
    return array("q", gram_keys(content_words(article.body, {} if words is None else words), n, hashes))


PROVENANCE_CODE = ("model.py", "textutil.py", "provenance")  # what an article's preparation depends on


def _prepare_one(article: Article, settings: Settings) -> Prepared:
    if len(_WORDS) > 500_000 or len(_STEMS) > 500_000:  # bounded in a long-lived process (``mkdocs serve``)
        _WORDS.clear()
        _HASHES.clear()
        _STEMS.clear()
    return prepare(article, settings, _WORDS, _HASHES, _STEMS)


_WORDS: dict[str, str] = {}  # per-process memo of each distinct word's form, hash and stem: the
_HASHES: dict[str, int] = {}  # same result with or without it (pure functions of the word), only faster
_STEMS: rewrite.Memo = {}


def prepare_task(settings: Settings) -> Task[Settings, Prepared]:
    """``prepare`` as a per-article task for the build's runner (pooled, cached by content)."""
    from archive_builder.cache import code_version

    return Task("provenance.prepare", _prepare_one, settings,
                stable_digest(code_version(parts=PROVENANCE_CODE), repr(settings)))


def find_attributions(articles: tuple[Article, ...],
                      claims: list[tuple[attribution.Claim, ...]] | None = None) -> list[attribution.Found]:
    """Every article's attributions; ``claims``: each article's ``attribution.scan``, in order."""
    known = frozenset(attribution.outlet_id(n) for a in articles for n in (a.outlet, a.source_credit) if n)
    found: list[attribution.Found] = []
    for i, article in enumerate(articles):
        found.extend(attribution.find(article, known, claims[i] if claims is not None else None))
    return found


def reuse(articles: tuple[Article, ...], claims: dict[str, tuple[Attribution, ...]],
          settings: Settings, keys: Sequence[Sequence[int]] | None = None,
          stems: Sequence[Sequence[int]] | None = None) -> list[Relation]:
    """Relations between archive articles sharing text: index -> candidates -> screen -> align ->
    classify, and pairs sharing rare words whose sentences are built from each other (rewritten
    reuse). ``keys``/``stems``: each article's ``article_keys``/``rewrite.word_keys`` when the caller
    has them already."""
    if keys is None:
        words: dict[str, str] = {}
        hashes: dict[str, int] = {}
        keys = [article_keys(a, settings.index.n, words, hashes) for a in articles]
    memo: rewrite.Memo = {}
    if stems is None:
        stems = [rewrite.word_keys(a.body, settings.rewrite, memo) for a in articles]
    outlets = [attribution.outlet_id(a.outlet) if a.outlet else None for a in articles]
    index = build_index(keys, outlets, settings.index)
    pairs, held = screened(keys, index, settings.index.sample > 1, settings.align, settings.classify,
                           settings.screen)
    df = rewrite.frequencies(stems)
    weights = rewrite.weights(df, len(articles))
    more = rewrite.candidates(stems, df, settings.rewrite)
    del df
    overlaps, pairs = _rewritten(articles, pairs, more, weights, settings, index.ignored, memo, keys)
    del keys
    log.debug("provenance: %d candidate pairs from %d articles, %d pass the screen, %d by shared rare words",
              len(index.candidates), len(articles), len(pairs), len(more))
    return _align_all(articles, claims, pairs, held, index.ignored, settings, overlaps)


def _rewritten(articles: tuple[Article, ...], pairs: list[Candidate], more: list[tuple[int, int]], weights: Weights,
               settings: Settings, ignored: frozenset[int], memo: rewrite.Memo,
               keys: Sequence[Sequence[int]] | None = None) -> tuple[dict[tuple[int, int], Overlap], list[Candidate]]:
    """The sentence overlap of every pair to align: the screened pairs, and the pairs sharing rare
    words whose sentences are built from each other (rewritten reuse), in article order. An
    article's sentences are prepared when first needed and let go after its last pair."""
    known = {(c.a, c.b) for c in pairs}
    todo = sorted(known | set(more))
    last = {k: i for i, ab in enumerate(todo) for k in ab}
    sents: dict[int, Sentences] = {}
    forms: dict[str, str] = {}
    found: dict[tuple[int, int], Overlap] = {}
    for at, (a, b) in enumerate(todo):
        for k in (a, b):
            if k not in sents:
                grams = keys[k] if keys is not None and settings.index.sample == 1 else None
                sents[k] = rewrite.sentences(articles[k], settings.rewrite, ignored, settings.index.n, memo, forms, grams)
        o = rewrite.overlap(sents[a], sents[b], weights, settings.rewrite)
        if (a, b) in known or o.made >= settings.rewrite.derived:
            found[(a, b)] = o
        for k in (a, b):
            if last[k] == at:
                del sents[k]
    kept = pairs + [Candidate(a, b, 0) for a, b in sorted(found) if (a, b) not in known]
    return found, sorted(kept, key=lambda c: (c.a, c.b))


def _align_all(articles: tuple[Article, ...], claims: dict[str, tuple[Attribution, ...]], pairs: list[Candidate],
               held: dict[int, Spots], ignored: frozenset[int], settings: Settings,
               overlaps: dict[tuple[int, int], Overlap] | None = None) -> list[Relation]:
    """Align and classify each pair; an article is tokenised when first needed and let go after its
    last pair, so only the articles of the pairs at hand are held in full."""
    last = {k: i for i, c in enumerate(pairs) for k in (c.a, c.b)}
    docs: dict[int, Doc] = {}
    sides: dict[int, Side] = {}
    forms: Forms = {}
    out: list[Relation] = []
    overlaps = overlaps or {}
    for at, cand in enumerate(pairs):
        for k in (cand.a, cand.b):
            if k not in docs:
                docs[k] = make_doc(articles[k], settings.index.n, forms, held.pop(k, None))
        aligned = align_pair(docs[cand.a], docs[cand.b], ignored, settings.align)
        o = overlaps.get((cand.a, cand.b))
        if aligned or (o is not None and o.made >= settings.rewrite.derived):
            for k in (cand.a, cand.b):
                if k not in sides:
                    art = articles[k]
                    sides[k] = Side(art, quote_regions(art.body), claims.get(art.id, ()))
            relation = relate(sides[cand.a], sides[cand.b], aligned, settings.classify, o, settings.rewrite)
            if relation is not None:
                out.append(_with_rewritten(relation, docs[cand.a], docs[cand.b], o))
        for k in (cand.a, cand.b):
            if last[k] == at:
                docs.pop(k, None)
                sides.pop(k, None)
    return out


def _with_rewritten(relation: Relation, a: Doc, b: Doc, o: Overlap | None) -> Relation:
    """The relation with a passage for each sentence of the copy rewritten from the source's that no
    aligned passage covers already (so the compare page shows the heavy rewrites too)."""
    if o is None or relation.relation == "common-source":
        return relation
    forward = relation.source.article == a.id
    src, tgt = (a, b) if forward else (b, a)
    matches = o.matches_b if forward else o.matches_a
    kept = list(relation.passages)
    added = False
    for m in matches:
        if m.quoted or any(m.span[0] < p.target_end and p.target_start < m.span[1]
                           or m.source_span[0] < p.source_end and p.source_start < m.source_span[1] for p in kept):
            continue
        passage = rewritten_passage(src, tgt, m.source_span, m.span)
        if passage is not None:
            kept.append(passage)
            added = True
    if not added:
        return relation
    return replace(relation, passages=tuple(sorted(kept, key=lambda p: (p.source_start, p.target_start))))


def _sort_key(r: Relation) -> tuple[str, str, str, str, str]:
    return (r.source.article or "", r.source.outlet or "", r.target.article or "", r.target.outlet or "", r.relation)


def analyse(articles: tuple[Article, ...], curation: Curation, settings: Settings | None = None,
            runner: Runner = serial) -> tuple[ProvenanceIndex, tuple[Diagnostic, ...]]:
    """Find who published what first and which articles share text. Each article's preparation
    (``prepare_task``) is given to ``runner``, which may run it on workers or read it from a cache."""
    settings = settings or Settings()
    articles = tuple(sorted(articles, key=lambda a: a.id))
    ready = runner(prepare_task(settings), articles)
    found = find_attributions(articles, [p.claims for p in ready])
    attributions = tuple(f.attribution for f in found)
    claims: dict[str, list[Attribution]] = {}
    for a in attributions:
        claims.setdefault(a.article, []).append(a)
    frozen = {k: tuple(v) for k, v in claims.items()}
    keys = [p.keys for p in ready]
    stems = [p.stems for p in ready]
    del ready
    relations = reuse(articles, frozen, settings, keys, stems) + chains.outlet_relations(articles, attributions)
    rules, problems = curate.rulings(curation, tuple(a.id for a in articles))
    relations = sorted(curate.apply(relations, rules), key=_sort_key)
    outlets = chains.outlets(articles, found)
    known = {o.id for o in outlets}
    extra = sorted({n.outlet for r in relations for n in (r.source, r.target) if n.outlet and n.outlet not in known})
    if extra:
        from archive_builder.model import Outlet

        named = {key: name for rule in rules for key, name in rule.names}
        added = tuple(Outlet(o, named.get(o, o), False) for o in extra)
        outlets = tuple(sorted(outlets + added, key=lambda o: o.id))
    index = ProvenanceIndex(outlets, attributions, tuple(relations), chains.chains(articles, attributions, relations))
    return index, problems


__all__ = ["Node", "Prepared", "Settings", "analyse", "prepare", "prepare_task"]
