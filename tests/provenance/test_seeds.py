"""The archive's own two seeds, through the real pipeline: what the issue's done-when asks.

Nothing here is keyed to the seeds' ids or to offsets: the test finds the articles by outlet and
checks what the analysis derived from their text."""

from __future__ import annotations

from archive_builder import pipeline
from archive_builder.model import Archive, Relation


def _archive(make_project, repo_seeds) -> Archive:  # type: ignore[no-untyped-def]
    archive, problems = pipeline.analyse(make_project(repo_seeds))
    assert not [p for p in problems if p.severity == "error"]
    return archive


def _edits(r: Relation) -> list[tuple[str, str, bool]]:
    return [(e.source_text, e.target_text, e.minor) for p in r.passages for e in p.edits]


def test_both_seeds_are_attributed_to_the_new_york_times(make_project, repo_seeds) -> None:  # type: ignore[no-untyped-def]
    archive = _archive(make_project, repo_seeds)
    names = {o.id: o.name for o in archive.provenance.outlets}
    for article in archive.articles:
        claims = [a for a in archive.provenance.attributions if a.article == article.id and a.text_source
                  and names[a.outlet] == "The New York Times"]
        assert claims, article.id
        for claim in claims:
            assert "New York Times" in claim.evidence.text or claim.kind == "it-said"
            assert article.body[claim.evidence.start : claim.evidence.end] == claim.evidence.text


def test_the_reuters_caption_credit_is_not_a_text_source(make_project, repo_seeds) -> None:  # type: ignore[no-untyped-def]
    archive = _archive(make_project, repo_seeds)
    reuters = [a for a in archive.provenance.attributions if a.outlet == "reuters"]
    assert reuters and all(a.kind == "photo-credit" and not a.text_source for a in reuters)
    assert all(n.outlet != "reuters" for _, chain in archive.provenance.chains for n in chain)


def test_the_second_chain_runs_through_asharq_al_awsat(make_project, repo_seeds) -> None:  # type: ignore[no-untyped-def]
    archive = _archive(make_project, repo_seeds)
    names = {o.id: o.name for o in archive.provenance.outlets}
    chains = dict(archive.provenance.chains)
    second = next(a for a in archive.articles if a.outlet == "Track Persia")
    labels = [names[n.outlet] if n.outlet else n.article for n in chains[second.id]]
    assert labels == ["The New York Times", "Asharq Al-Awsat", second.id]


def test_the_pair_is_common_source_with_the_quoted_passages_aligned_and_edits_listed(make_project, repo_seeds) -> None:  # type: ignore[no-untyped-def]
    archive = _archive(make_project, repo_seeds)
    first = next(a for a in archive.articles if a.outlet == "Shafaq News")
    second = next(a for a in archive.articles if a.outlet == "Track Persia")
    [r] = [r for r in archive.provenance.relations if {r.source.article, r.target.article} == {first.id, second.id}]
    assert r.relation == "common-source" and r.direction_known is False
    assert r.source.article == first.id
    # every quoted stretch of the second article lies inside an aligned passage
    for start in [i for i, ch in enumerate(second.body) if ch == "\u201c"]:
        end = second.body.index("\u201d", start)
        if end - start > 60:
            assert any(p.target_start <= start + 1 and end <= p.target_end + 1 for p in r.passages), second.body[start:end]
    edits = _edits(r)
    assert ("Iran", "Tehran", False) in edits
    assert ("the Shiite militia group", "Iran-backed", False) in edits
    assert ("be out of office early next year", "lose the US presidential elections", False) in edits
    assert ("do no", "don\u2019t", True) in edits
