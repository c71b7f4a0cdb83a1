"""The screen between the reuse index and alignment: passages pass, chance n-grams do not."""

from __future__ import annotations

from archive_builder.curation import Curation
from archive_builder.provenance import Settings, analyse, article_keys, prepare
from archive_builder.provenance.index import build_index
from archive_builder.provenance.screen import screened

from .helpers import fixture, fixtures, make_article

IDS = ("harbour_report", "market_column", "port_roundup", "wire_original", "excerpt", "same_topic_a", "same_topic_b")


def _screen(ids: tuple[str, ...]) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    """(pairs the index proposes, pairs that pass the screen), by article id."""
    articles = fixtures(*ids)
    settings = Settings()
    keys = [article_keys(a, settings.index.n) for a in articles]
    index = build_index(keys, [a.outlet for a in articles], settings.index)
    kept, held = screened(keys, index, False, settings.align, settings.classify, settings.screen)
    assert set(held) == {k for c in kept for k in (c.a, c.b)}
    name = lambda c: frozenset((articles[c.a].id, articles[c.b].id))  # noqa: E731
    return {name(c) for c in index.candidates}, {name(c) for c in kept}


def test_a_short_credited_quotation_passes_and_is_found_as_a_quotation() -> None:
    proposed, kept = _screen(IDS)
    assert frozenset(("harbour_report", "market_column")) in kept
    # the round-up shares the port company's name and "pay overdue wages" with both, never a passage
    assert frozenset(("harbour_report", "port_roundup")) in proposed
    assert not any("port_roundup" in pair for pair in kept)
    index, _ = analyse(fixtures(*IDS), Curation())
    found = [r for r in index.relations if r.source.article == "harbour_report" and r.target.article == "market_column"]
    assert len(found) == 1 and found[0].relation == "quotation" and found[0].direction_known
    quoted = fixture("market_column").body[found[0].passages[0].target_start : found[0].passages[0].target_end]
    assert quoted.startswith("Dockworkers at the port of Umm Qasr") and len(quoted.split()) >= 24


def test_the_same_short_passage_without_quotes_or_credit_is_a_stock_phrase() -> None:
    column = fixture("market_column")
    plain = column.body.replace("\u201c", "").replace("\u201d", "").replace("the Basra Harbour Report said", "people said")
    index, _ = analyse((fixture("harbour_report"), make_article("plain", plain, outlet="Ashar Weekly")), Curation())
    assert not [r for r in index.relations if r.source.article and r.target.article]


def test_articles_sharing_only_names_and_stock_phrases_never_reach_alignment() -> None:
    proposed, kept = _screen(("same_topic_a", "same_topic_b", "port_roundup", "harbour_report"))
    assert proposed == {frozenset(("same_topic_a", "same_topic_b")), frozenset(("harbour_report", "port_roundup"))}
    assert kept == set()


def test_scattered_rare_ngrams_do_not_pass_but_a_copied_paragraph_does() -> None:
    source = fixture("harbour_report")
    paragraphs = source.body.split("\n\n")
    # the round-up's sentences share scattered n-grams with the report; one copied paragraph is a passage
    roundup = fixture("port_roundup").body
    copied = make_article("copied", roundup + "\n\n" + paragraphs[3], outlet="Gulf Shipping News")
    proposed, kept = _screen(("harbour_report", "port_roundup"))
    assert proposed and kept == set()
    articles = (source, copied)
    settings = Settings()
    keys = [article_keys(a, settings.index.n) for a in articles]
    index = build_index(keys, [a.outlet for a in articles], settings.index)
    passed, _ = screened(keys, index, False, settings.align, settings.classify, settings.screen)
    assert [(c.a, c.b) for c in passed] == [(0, 1)]


def test_prepared_articles_give_the_same_analysis() -> None:
    articles = fixtures(*IDS)
    fresh, _ = analyse(articles, Curation())
    ready = {a.id: prepare(a) for a in articles[:4]}

    def given(task, found):  # type: ignore[no-untyped-def]  # a runner that has some results already
        return [ready[a.id] if a.id in ready else task.fn(a, task.arg) for a in found]

    given_result, _ = analyse(articles, Curation(), runner=given)
    assert given_result == fresh


def test_preparing_on_worker_processes_gives_the_same_analysis(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from archive_builder import workers as worker_pool

    articles = fixtures(*IDS)
    alone, _ = analyse(articles, Curation())
    monkeypatch.setattr(worker_pool, "PARALLEL_MIN_ARTICLES", 2)
    runner = worker_pool.Workers(2, None)
    try:
        pooled, _ = analyse(articles, Curation(), runner=runner)
    finally:
        runner.close(prune=False)
    assert pooled == alone
