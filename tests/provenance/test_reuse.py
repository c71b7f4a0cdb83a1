"""Text reuse on fixtures: each relation type, and the hard cases that are not reuse."""

from __future__ import annotations

import datetime as dt

from archive_builder.curation import Curation
from archive_builder.model import ProvenanceIndex, Relation
from archive_builder.provenance import analyse
from archive_builder.provenance.index import IndexSettings, build_index, gram_keys

from .helpers import fixture, fixtures, make_article


def pair(index: ProvenanceIndex, a: str, b: str) -> Relation | None:
    found = [r for r in index.relations if {r.source.article, r.target.article} == {a, b}]
    assert len(found) <= 1
    return found[0] if found else None


def run(*ids: str) -> ProvenanceIndex:
    index, problems = analyse(fixtures(*ids), Curation())
    assert problems == ()
    return index


def test_full_reprint_with_house_style_edits_is_a_republication() -> None:
    index = run("wire_original", "reprint_house_style")
    r = pair(index, "wire_original", "reprint_house_style")
    assert r is not None and r.relation == "republication"
    assert (r.source.article, r.direction_known) == ("wire_original", True)
    assert r.confidence >= 0.8
    edits = {(e.source_text, e.target_text): e.minor for p in r.passages for e in p.edits}
    assert edits[("American", "U.S.")] is True
    assert edits[("forty", "40")] is True
    assert edits[("K", "")] is True  # middle initial dropped
    assert edits[("last Thursday", "in recent days")] is False
    original = fixture("wire_original")
    covered = sum(p.source_end - p.source_start for p in r.passages)
    assert covered > 0.9 * len(original.body)


def test_passage_offsets_point_at_the_same_words() -> None:
    index = run("wire_original", "reprint_house_style")
    r = pair(index, "wire_original", "reprint_house_style")
    assert r is not None
    src, tgt = fixture("wire_original"), fixture("reprint_house_style")
    for p in r.passages:
        assert src.body[p.source_end - 20 : p.source_end] == tgt.body[p.target_end - 20 : p.target_end]
        for e in p.edits:
            assert src.body[e.source_start : e.source_end] == e.source_text
            assert tgt.body[e.target_start : e.target_end] == e.target_text


def test_a_text_made_only_of_a_block_of_the_source_is_a_trimmed_republication() -> None:
    # journalists call a copy wholly derived however much of the source it leaves out
    r = pair(run("wire_original", "excerpt"), "wire_original", "excerpt")
    assert r is not None and r.relation == "republication"
    assert r.source.article == "wire_original" and r.direction_known


def test_an_unbroken_block_inside_text_of_its_own_is_an_excerpt() -> None:
    block = fixture("excerpt").body
    own = ("The Port Weekly asked three shipping agents in Umm Qasr what the strike had cost them. One said his "
           "company had paid demurrage on six ships since February and was now routing cargo through Aqaba.\n\n"
           "Another said the backlog of refrigerated containers would take a month to clear, and that two of his "
           "clients had already cancelled their spring orders for frozen poultry.\n\n"
           "The port's own figures, seen by this newspaper, show that container traffic fell by a third in March "
           "compared with the same month last year.")
    article = make_article("excerpted", f"{own}\n\n{block}", outlet="Port Weekly", published=dt.date(2021, 3, 1))
    r = pair(analyse((fixture("wire_original"), article), Curation())[0], "wire_original", "excerpted")
    assert r is not None and r.relation == "excerpt"
    assert r.source.article == "wire_original" and r.direction_known


def test_completeness_alone_orients_but_does_not_decide_direction() -> None:
    # a short wire update is "mostly made of" the longer story built from it: not evidence enough
    articles = (fixture("wire_original", published=None), fixture("excerpt", published=None))
    r = pair(analyse(articles, Curation())[0], "wire_original", "excerpt")
    assert r is not None and r.source.article == "wire_original" and not r.direction_known
    assert any("completeness" in reason for reason in r.reasons)


def test_quoting_summary_is_a_quotation_directed_by_its_attribution() -> None:
    articles = (fixture("wire_original", published=None), fixture("quoting_summary", published=None))
    r = pair(analyse(articles, Curation())[0], "wire_original", "quoting_summary")
    assert r is not None and r.relation == "quotation"
    assert r.source.article == "wire_original" and r.direction_known
    assert any("Gulf Wire" in e.text for e in r.evidence)
    assert len(r.passages) == 2


def test_revision_by_the_same_outlet() -> None:
    r = pair(run("wire_original", "revision"), "wire_original", "revision")
    assert r is not None and r.relation == "revision"
    assert r.source.article == "wire_original" and r.direction_known
    assert any(e.source_text == "last" and e.target_text == "on" for p in r.passages for e in p.edits)


def test_synonym_spun_rewrite_is_wholly_derived_at_lower_confidence() -> None:
    index = run("wire_original", "spun_rewrite", "reprint_house_style")
    spun = pair(index, "wire_original", "spun_rewrite")
    reprint = pair(index, "wire_original", "reprint_house_style")
    assert spun is not None and reprint is not None
    # a rewrite of the whole story is wholly derived, as journalists label it
    assert spun.relation == "republication" and spun.source.article == "wire_original"
    assert spun.confidence < reprint.confidence - 0.15
    assert all(p.kind == "edited" for p in spun.passages)


def test_same_topic_articles_sharing_names_and_a_stock_phrase_are_not_related() -> None:
    index = run("same_topic_a", "same_topic_b")
    assert index.relations == ()
    # the stock title-and-appositive phrase is there in both
    phrase = "Gen. Mark A. Milley, the chairman of the Joint Chiefs of Staff"
    assert all(phrase in a.body for a in fixtures("same_topic_a", "same_topic_b"))


def test_outlet_boilerplate_under_every_article_is_not_reuse() -> None:
    assert run("ledger_1", "ledger_2", "ledger_3").relations == ()


def test_the_same_speaker_quoted_by_two_reporters_is_not_reuse() -> None:
    assert run("speaker_a", "speaker_b").relations == ()


def test_common_source_when_both_name_one_outside_outlet_and_not_each_other() -> None:
    source = fixture("wire_original").body.split("\n\n")
    a = make_article("x1", f"{source[1]}\n\nAccording to the Gulf Wire, talks went on.\n\n{source[3]}",
                     outlet="Basra Courier")
    b = make_article("x2", f"Port news from the south.\n\n{source[1]}\n\n{source[3]} The Gulf Wire reported this "
                     "on Friday.", outlet="Tigris Review")
    r = pair(analyse((a, b), Curation())[0], "x1", "x2")
    assert r is not None and r.relation == "common-source" and r.direction_known is False
    assert (r.source.article, r.target.article) == ("x1", "x2")
    assert {e.article for e in r.evidence} == {"x1", "x2"}


def test_direction_unknown_when_nothing_decides() -> None:
    body = fixture("wire_original").body
    a = make_article("y1", body, outlet="One Outlet")
    b = make_article("y2", body.replace("forty", "40"), outlet="Other Outlet")
    r = pair(analyse((a, b), Curation())[0], "y1", "y2")
    assert r is not None and r.relation == "republication" and r.direction_known is False


def test_candidates_come_from_shared_rare_ngrams_only() -> None:
    docs = [["alpha", "beta", "gamma", "delta", "eps"], ["alpha", "beta", "gamma", "delta", "zeta"],
            ["one", "two", "three", "four", "five"]]
    index = build_index([gram_keys(d, 3) for d in docs], ["A", "B", "C"], IndexSettings(n=3, min_shared=2))
    assert [(c.a, c.b) for c in index.candidates] == [(0, 1)]
    many = [["stock", "phrase", "here", str(i), f"w{i}"] for i in range(5)]
    keys = [gram_keys(d, 3) for d in many]
    assert build_index(keys, [f"o{i}" for i in range(5)], IndexSettings(n=3, max_df=3, min_shared=1)).candidates == ()


def test_shuffled_input_gives_the_same_index() -> None:
    ids = ("wire_original", "excerpt", "quoting_summary", "revision", "reprint_house_style", "ledger_1")
    forward = analyse(fixtures(*ids), Curation())[0]
    backward = analyse(tuple(reversed(fixtures(*ids))), Curation())[0]
    assert forward == backward


def test_chains_follow_the_in_archive_source() -> None:
    index = run("wire_original", "excerpt", "quoting_summary", "reprint_house_style", "revision")
    chains = {k: [n.article or n.outlet for n in v] for k, v in index.chains}
    assert chains["reprint_house_style"] == ["wire_original", "reprint_house_style"]
    assert chains["quoting_summary"] == ["wire_original", "quoting_summary"]


def test_dates_decide_between_two_full_copies() -> None:
    body = fixture("wire_original").body
    a = make_article("z1", body, outlet="Later Outlet", published=dt.date(2021, 3, 5))
    b = make_article("z2", body, outlet="Earlier Outlet", published=dt.date(2021, 3, 1))
    r = pair(analyse((a, b), Curation())[0], "z1", "z2")
    assert r is not None and r.source.article == "z2" and r.direction_known


def test_boilerplate_stays_boilerplate_when_another_outlet_copies_one_article() -> None:
    ledgers = fixtures("ledger_1", "ledger_2", "ledger_3")
    copy = make_article("ledger_copy", ledgers[0].body, outlet="Aggregator Daily")
    index = analyse((*ledgers, copy), Curation())[0]
    pairs = {frozenset((r.source.article, r.target.article)) for r in index.relations}
    assert pairs == {frozenset(("ledger_1", "ledger_copy"))}
    [r] = index.relations
    boiler = ledgers[0].body.index("The Daily Ledger is")
    assert all(p.source_end <= boiler for p in r.passages)


def test_three_versions_of_one_story_from_one_outlet_are_revisions_not_boilerplate() -> None:
    first = fixture("wire_original")
    second = fixture("revision")
    third = make_article("revision_2", second.body.replace("forty vessels", "forty-two vessels"), outlet="Gulf Wire",
                         published=dt.date(2021, 2, 27))
    index = analyse((first, second, third), Curation())[0]
    kinds = {frozenset((r.source.article, r.target.article)): r.relation for r in index.relations if r.source.article}
    assert set(kinds.values()) == {"revision"} and len(kinds) == 3
