"""Rewritten reuse as newsrooms practise it: trimmed reprints, heavy rewrites, papers quoting the same
statement, and a wire update shorter than the paper story built from it (fixtures written for these
tests)."""

from __future__ import annotations

import datetime as dt

from archive_builder.curation import Curation
from archive_builder.model import Article, Relation
from archive_builder.provenance import analyse
from archive_builder.provenance.classify import agency
from archive_builder.provenance.rewrite import RewriteSettings, candidates, frequencies, overlap, sentences, stem

from .helpers import make_article

WIRE = """NORWICH, England (AP) \u2014 A bus driver who fell asleep at the wheel and crashed into a row of shops was banned from driving for three years on Friday.

Derek Walsh, 47, was fined 2,400 pounds at Norwich Magistrates' Court after admitting careless driving.

The single-decker bus mounted the pavement on Prince of Wales Road at about 6 a.m. on March 3 and struck a bakery and a pharmacy.

Two passengers suffered minor injuries and the bakery's front window was destroyed.

Walsh told police he had worked four double shifts in a row to cover for sick colleagues.

The bus company, Eastern Counties Travel, said it had since changed its rota rules so that no driver could work more than 50 hours a week.

A spokesman for the drivers' union said staff shortages were putting the public at risk.

Magistrate Julie Hammond said Walsh had been lucky that the street was almost empty at that hour."""

TRIMMED = """A bus driver who fell asleep at the wheel and crashed into a row of shops was banned from driving for three years on Friday.

Derek Walsh, 47, was fined \u00a32,400 at Norwich Magistrates' Court after admitting careless driving.

The single-decker bus mounted the pavement on Prince of Wales Road at about 6am on March 3 and struck a bakery and a pharmacy."""

REWRITE = """A Norwich bus driver has lost his licence for three years after dozing off and ploughing into shops.

Derek Walsh, 47, admitted careless driving and was fined \u00a32,400 by Norwich magistrates on Friday.

According to police, Walsh had worked four double shifts in a row covering for colleagues who were sick.

His single-decker bus mounted the pavement on Prince of Wales Road at around 6am on March 3, hitting a bakery and a pharmacy.

Two passengers were slightly injured and the bakery's front window was smashed.

Eastern Counties Travel, which runs the bus, has since changed its rota rules so no driver can work over 50 hours a week, the company said.

Magistrate Julie Hammond told Walsh he had been lucky the street was almost empty at that hour."""

STATEMENT = ("\u201cThe defendant showed a reckless disregard for the safety of his passengers and of everyone on "
             "that street,\u201d the court said in a written statement.")
STATEMENT_2 = ("\u201cA driver who knows he is exhausted has a duty to stop, whatever his employer asks of him,\u201d "
               "it added.")

PAPER_A = f"""Shopkeepers on Prince of Wales Road are still clearing up three months after a double-decker of commuters came through their windows.

Baker Tom Lister said his insurance had covered the glass but not the lost trade, which he put at several thousand pounds.

{STATEMENT}

Lister said he bore the driver no ill will and blamed the long hours drivers are asked to work.

{STATEMENT_2}

The road reopened to traffic in April after council engineers checked the kerb."""

PAPER_B = f"""Union leaders in Norfolk have called for a limit on overtime after a driver who had worked four double shifts crashed his bus in the city centre.

Regional organiser Maria Santos said the case was a warning to every operator in the county.

{STATEMENT}

Santos said she would raise the case with the traffic commissioner this month.

{STATEMENT_2}

Operators say they cannot recruit enough drivers to fill their timetables."""

UPDATE = """LONDON (Reuters) - Britain's biggest baker said on Tuesday it would close two bread factories in northern England with the loss of 420 jobs.

Northfield Bakeries said demand for sliced white bread had fallen by a quarter in five years.

The sites in Wigan and Halifax will shut by the end of March, the company said."""

PAPER_STORY = """Britain's biggest baker said on Tuesday it would close two bread factories in northern England with the loss of 420 jobs.

For many families in Halifax the news came by text message on a Tuesday morning.

Northfield Bakeries said demand for sliced white bread had fallen by a quarter in five years.

Shift worker Lorraine Pickles, who has packed loaves at the Pellon Lane site for 22 years, said staff had been told nothing until the announcement.

The sites in Wigan and Halifax will shut by the end of March, the company said.

The Halifax plant opened in 1964 and was once the town's largest private employer.

Calderdale Council leader Jane Scholes said she would meet the company to ask whether the site could be sold as a going concern.

A jobs fair for affected workers will be held at the Square Chapel next month."""


def _pair(relations: tuple[Relation, ...], a: str, b: str) -> Relation | None:
    found = [r for r in relations if {r.source.article, r.target.article} == {a, b}]
    assert len(found) <= 1
    return found[0] if found else None


def _run(*articles: Article) -> tuple[Relation, ...]:
    index, problems = analyse(articles, Curation())
    assert problems == ()
    return index.relations


def _wire() -> Article:
    return make_article("wire", WIRE, outlet="AP")


def test_a_trimmed_reprint_is_wholly_derived_from_the_wire_by_its_agency_role() -> None:
    reprint = make_article("reprint", TRIMMED, outlet="Norfolk Evening Star")
    r = _pair(_run(_wire(), reprint), "wire", "reprint")
    assert r is not None and r.relation == "republication"  # 3 of 8 sentences: trimmed, still wholly derived
    assert (r.source.article, r.direction_known) == ("wire", True)
    assert any("agency" in reason for reason in r.reasons)


def test_a_heavy_rewrite_sharing_few_word_sequences_is_found_and_wholly_derived() -> None:
    rewrite = make_article("rewrite", REWRITE, outlet="Broadland Courier")
    r = _pair(_run(_wire(), rewrite), "wire", "rewrite")
    assert r is not None and r.relation == "republication"
    assert (r.source.article, r.direction_known) == ("wire", True)
    o = overlap(sentences(rewrite, RewriteSettings()), sentences(_wire(), RewriteSettings()), {}, RewriteSettings())
    assert o.made_a >= 0.6 and o.made_b < o.made_a  # most of the copy, less of the source


def test_two_papers_quoting_the_same_court_statement_are_not_derived_from_each_other() -> None:
    a = make_article("paper_a", PAPER_A, outlet="Norfolk Evening Star")
    b = make_article("paper_b", PAPER_B, outlet="Broadland Courier")
    r = _pair(_run(a, b), "paper_a", "paper_b")
    assert r is None or r.relation == "common-source"
    o = overlap(sentences(a, RewriteSettings()), sentences(b, RewriteSettings()), {}, RewriteSettings())
    assert o.quoted_a > 0 and o.made_a < RewriteSettings().derived  # the quotes are seen, as quotes


def test_a_wire_update_shorter_than_the_paper_story_built_from_it_is_its_source() -> None:
    update = make_article("update", UPDATE)
    paper = make_article("paper", PAPER_STORY, outlet="Halifax Courier")
    assert agency(update) and not agency(paper)
    r = _pair(_run(update, paper), "update", "paper")
    # the update is "mostly made of" the paper story; the agency's dateline says which came first
    assert r is not None and r.source.article == "update" and r.direction_known
    assert r.relation in {"summary", "excerpt"}  # partially derived: most of the paper is its own


def test_the_same_pair_without_agency_marks_is_left_undecided_not_reversed() -> None:
    update = make_article("update", UPDATE.replace("LONDON (Reuters) - ", ""))
    paper = make_article("paper", PAPER_STORY, outlet="Halifax Courier")
    r = _pair(_run(update, paper), "update", "paper")
    assert r is not None and not r.direction_known


def test_an_inferred_date_never_decides_direction() -> None:
    a = make_article("a", TRIMMED, outlet="One Paper", published=dt.date(2021, 3, 1), published_derived=True,
                     derived=("published",))
    b = make_article("b", TRIMMED.replace("\u00a32,400", "2,400 pounds"), outlet="Other Paper",
                     published=dt.date(2021, 3, 9))
    r = _pair(_run(a, b), "a", "b")
    assert r is not None and not r.direction_known
    stated = make_article("a", TRIMMED, outlet="One Paper", published=dt.date(2021, 3, 1))
    r = _pair(_run(stated, b), "a", "b")
    assert r is not None and r.direction_known and r.source.article == "a"


def test_a_story_on_the_same_event_in_other_words_is_not_derived() -> None:
    own = make_article("own", """Norwich magistrates have banned a bus driver for three years.

Derek Walsh crashed into two shops on Prince of Wales Road in March when he nodded off after weeks of overtime.

Nobody was seriously hurt. The court heard he had asked his managers for a day off and been refused.

Walsh, who lives in Thorpe St Andrew, said outside court that he would look for work in a warehouse.""",
                       outlet="Norwich Weekly")
    assert _pair(_run(_wire(), own), "wire", "own") is None


def test_reordering_sentences_does_not_change_what_the_copy_is_made_of() -> None:
    settings = RewriteSettings()
    paragraphs = WIRE.split("\n\n")
    shuffled = make_article("shuffled", "\n\n".join([paragraphs[0], *reversed(paragraphs[1:])]))
    straight = make_article("straight", WIRE)
    source = sentences(_wire(), settings)
    o1 = overlap(sentences(straight, settings), source, {}, settings)
    o2 = overlap(sentences(shuffled, settings), source, {}, settings)
    assert o1.made_a == o2.made_a == 1.0


def test_newsroom_synonyms_meet_in_one_stem() -> None:
    assert stem("jailed", 5) == stem("caged", 5) == stem("imprisoned", 5)
    assert stem("stabbed", 5) == stem("knifed", 5)
    assert stem("prisoners", 5) == stem("prison", 5)
    assert stem("said", 5) == "" and stem("the", 5) == ""  # reporting verbs and stopwords say nothing


def test_pairs_come_from_shared_rare_stems_only() -> None:
    settings = RewriteSettings(min_words=3, min_share=0.1, max_df=2)
    docs = [sorted({1, 2, 3, 4, 100}), sorted({1, 2, 3, 5, 100}), sorted({6, 7, 8, 9, 100})]
    df = frequencies(docs)
    assert candidates(docs, df, settings) == [(0, 1)]  # 100 is in every text: no evidence
    assert candidates(docs, df, RewriteSettings(min_words=4, max_df=2)) == []


def test_what_someone_told_the_agency_marks_the_agency_text() -> None:
    told = make_article("told", "Walsh told The Associated Press he would appeal.\n\nHe declined to say more.")
    plain = make_article("plain", "Walsh said he would appeal.\n\nHe declined to say more.", outlet="Norwich Weekly")
    assert agency(told) and not agency(plain)
    assert agency(make_article("reuters", "Prices rose.", outlet="Reuters")) and not agency(_paper())


def _paper() -> Article:
    return make_article("paper", PAPER_STORY, outlet="Halifax Courier")


def test_rewritten_sentences_are_passages_with_edits_at_the_right_offsets() -> None:
    wire, rewrite = _wire(), make_article("rewrite", REWRITE, outlet="Broadland Courier")
    r = _pair(_run(wire, rewrite), "wire", "rewrite")
    assert r is not None
    police = rewrite.body.index("According to police")
    [p] = [p for p in r.passages if p.target_start <= police < p.target_end]
    assert p.kind == "edited" and "told police" in wire.body[p.source_start : p.source_end]
    for passage in r.passages:
        for e in passage.edits:
            assert wire.body[e.source_start : e.source_end] == e.source_text
            assert rewrite.body[e.target_start : e.target_end] == e.target_text
    spans = sorted((p.target_start, p.target_end) for p in r.passages)
    assert all(x[1] <= y[0] for x, y in zip(spans, spans[1:], strict=False))  # passages never overlap
