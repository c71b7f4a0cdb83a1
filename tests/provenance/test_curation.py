"""Curators assert or deny relations in seeds/curation.yml; mistakes get file, line and a hint."""

from __future__ import annotations

from archive_builder import pipeline
from archive_builder.curation import Curation
from archive_builder.provenance import analyse
from archive_builder.provenance.curate import rulings

from .helpers import fixtures


def _curation(section: object) -> Curation:
    return Curation("seeds/curation.yml", {"relations": section})


def test_deny_removes_a_found_relation_and_assert_replaces_it() -> None:
    articles = fixtures("wire_original", "excerpt", "same_topic_a")
    rules = [{"source": "wire_original", "target": "excerpt", "deny": True, "__line__": 2},
             {"source": "same_topic_a", "target": "excerpt", "relation": "summary", "note": "checked by hand",
              "__line__": 5}]
    index, problems = analyse(articles, _curation(rules))
    assert problems == ()
    pairs = {(r.source.article, r.target.article): r for r in index.relations if r.source.article}
    assert ("wire_original", "excerpt") not in pairs
    asserted = pairs[("same_topic_a", "excerpt")]
    assert asserted.curated and asserted.relation == "summary" and asserted.confidence == 1.0
    assert "checked by hand" in asserted.reasons[0]


def test_asserting_a_found_pair_keeps_its_passages() -> None:
    rules = [{"source": "excerpt", "target": "wire_original", "relation": "excerpt", "__line__": 2}]
    index, _ = analyse(fixtures("wire_original", "excerpt"), _curation(rules))
    [r] = [r for r in index.relations if r.source.article]
    assert r.curated and r.source.article == "excerpt" and r.passages
    src = fixtures("excerpt")[0]
    p = r.passages[0]
    assert src.body[p.source_start : p.source_start + 20] == "Dockworkers had bloc"


def test_errors_name_the_line_and_suggest_near_misses() -> None:
    rules = [{"source": "wire_orignal", "target": "excerpt", "deny": True, "__line__": 3},
             {"source": "wire_original", "target": "excerpt", "relaton": "excerpt", "__line__": 6},
             {"source": "wire_original", "target": "excerpt", "relation": "republcation", "__line__": 9},
             {"source": "wire_original", "__line__": 12},
             {"source": "wire_original", "target": "excerpt", "__line__": 14}]
    found, problems = rulings(_curation(rules), ("wire_original", "excerpt"))
    assert found == ()
    by_line = {p.line: p for p in problems}
    assert by_line[3].hint == "did you mean 'wire_original'?"
    assert by_line[6].hint == "did you mean 'relation'?"
    assert by_line[9].hint == "did you mean 'republication'?"
    assert "both 'source' and 'target'" in by_line[12].message
    assert "either 'relation" in by_line[14].message
    assert all(p.path == "seeds/curation.yml" for p in problems)


def test_a_relations_section_that_is_not_a_list_is_reported() -> None:
    _, problems = rulings(_curation({"source": "x"}), ("x",))
    assert len(problems) == 1 and "must be a list" in problems[0].message


def test_curation_file_through_the_pipeline(make_project, repo_seeds) -> None:  # type: ignore[no-untyped-def]
    ids = sorted(name.rsplit(".", 1)[0] for name in repo_seeds)
    text = f"relations:\n  - source: {ids[0]}\n    target: {ids[1]}\n    deny: true\n  - source: nope\n    target: {ids[1]}\n    deny: true\n"
    config = make_project(repo_seeds, files={"seeds/curation.yml": text})
    archive, problems = pipeline.analyse(config)
    assert not [r for r in archive.provenance.relations if r.source.article and r.target.article]
    [problem] = [p for p in problems if "no article 'nope'" in p.message]
    assert problem.path.endswith("seeds/curation.yml") and problem.line == 5


def test_relations_with_outside_outlets_can_be_asserted_and_denied() -> None:
    from .helpers import make_article

    a = make_article("o1", "According to the Gulf Wire, the port reopened on Sunday after three weeks.", outlet="Courier")
    rules = [{"source": {"outlet": "The Gulf Wire"}, "target": "o1", "deny": True, "__line__": 2},
             {"source": {"outlet": "Port Radio"}, "target": {"article": "o1"}, "relation": "summary", "__line__": 5}]
    index, problems = analyse((a,), _curation(rules))
    assert problems == ()
    pairs = {(r.source.outlet, r.target.article, r.relation) for r in index.relations}
    assert pairs == {("port-radio", "o1", "summary")}
    assert ("port-radio", "Port Radio") in {(o.id, o.name) for o in index.outlets}
