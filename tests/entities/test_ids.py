"""Stable ids: a new article that names one more namesake renames no other entity."""

from __future__ import annotations

from archive_builder.curation import Curation
from archive_builder.entities import resolve
from archive_builder.model import EntityIndex
from archive_builder.textutil import stable_slugs
from tests.entities.gold import make_article


def ids_by_text(index: EntityIndex) -> dict[tuple[str, str], str]:
    return {(m.article, m.text): m.entity for m in index.mentions}


def test_the_earliest_keeps_the_bare_slug_and_namesakes_get_their_own_digest() -> None:
    first = stable_slugs([("John Smith", "a1\tk"), ("John Smith", "a0\tk"), ("Baghdad", "a0\tb")])
    assert first[1] == "john-smith" and first[2] == "baghdad"
    assert first[0].startswith("john-smith-") and len(first[0]) == len("john-smith-") + 6
    grown = stable_slugs([("John Smith", "a1\tk"), ("John Smith", "a0\tk"), ("Baghdad", "a0\tb"), ("John Smith", "a2\tk")])
    assert grown[:3] == first and grown[3] not in first
    assert stable_slugs([("Index", "a0")], reserved=("index",))[0].startswith("index-")


def test_equal_evidence_and_digest_clashes_still_give_unique_ids() -> None:
    ids = stable_slugs([("Mark Smith", "same"), ("Mark Smith", "same"), ("Mark Smith", "same")])
    assert len(set(ids)) == 3
    names = [("x", f"e{i}") for i in range(3000)]
    assert len(set(stable_slugs(names))) == 3000  # 2,999 digests of 6 hex digits: clashes are lengthened


def test_input_order_does_not_change_the_ids() -> None:
    items = [("Jordan", "a0\tg:jordan"), ("Jordan", "a3\tp:|grdn"), ("Jordan", "a2\tx")]
    forward = dict(zip(items, stable_slugs(items), strict=True))
    backward = dict(zip(items[::-1], stable_slugs(items[::-1]), strict=True))
    assert forward == backward


BASE = ("Troops crossed into Jordan on Monday, and Gen. John Smith said they would stay.",
        "Sen. Jane Smith objected. Gen. John Smith replied in Amman.",
        "Karim Hakim, the oil minister, met Tariq Hakim. Mr. Hakim said little.")


def test_a_new_namesake_renames_no_other_entity(lex) -> None:
    base = tuple(make_article(f"a{i}", body) for i, body in enumerate(BASE))
    before, _ = resolve(base, Curation(), lex)
    # a person called Jordan (only 'Mr. Jordan'), a third Hakim and another entity named like one we have
    extra = (make_article("a3", "Mr. Jordan, a teacher from Amman, said the school had reopened."),
             make_article("a4", "Sami Hakim, a doctor, said the hospital was full. Mr. Hakim left."))
    after, _ = resolve(base + extra, Curation(), lex)
    old, new = ids_by_text(before), ids_by_text(after)
    assert all(new[k] == v for k, v in old.items())
    assert new[("a3", "Jordan")] != new[("a0", "Jordan")]
    assert len({e.id for e in after.entities}) == len(after.entities)
