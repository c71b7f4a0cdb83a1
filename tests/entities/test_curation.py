"""The curator's entities section: rename, type, merge, split, aliases, drop, and its error messages."""

from __future__ import annotations

from archive_builder.model import EntityIndex
from archive_builder.pipeline import check
from tests.conftest import FIXTURES

SEEDS = {p.name: p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "entities" / "seeds").glob("*.txt"))}


def analyse(make_project, curation: str):
    config = make_project(SEEDS, files={"seeds/curation.yml": curation})
    result = check(config)
    return result.archive.entities, result.diagnostics


def named(index: EntityIndex, name: str):
    found = [e for e in index.entities if e.name == name]
    assert len(found) == 1, (name, [e.name for e in index.entities])
    return found[0]


def owners(index: EntityIndex, text: str) -> set[str]:
    return {m.entity for m in index.mentions if m.text == text}


def test_without_curation_the_reprint_resolves(make_project):
    index, _ = analyse(make_project, "")
    assert len(owners(index, "Qasem Soleimani") | owners(index, "Qassim Suleimani")) == 1
    assert len(owners(index, "Kataib Hezbollah") | owners(index, "Kataeb Hezbollah")) == 1
    assert len(owners(index, "Mark A. Milley") | owners(index, "Mark Milley") | owners(index, "Milley")) == 1


def test_rename_describe_identify_and_add_an_alias(make_project):
    index, problems = analyse(make_project, """
entities:
  - entity: Qasem Soleimani
    name: Qassem Soleimani
    description: Commander of the Quds Force, killed in January 2020.
    wikidata: Q193188
    aliases: [Haj Qassem]
""")
    person = named(index, "Qassem Soleimani")
    assert person.id == "qassem-soleimani"
    assert person.same_as == ("https://www.wikidata.org/wiki/Q193188",)
    assert person.description.startswith("Commander")
    assert owners(index, "Haj Qassem") == {person.id}
    assert "Haj Qassem" in person.aliases
    assert not [p for p in problems if p.severity != "info"]


def test_merge_set_type_and_drop(make_project):
    index, _ = analyse(make_project, """
entities:
  - merge: [Abu Mahdi al-Muhandis, Adel Abdul Mahdi]
    name: Merged For The Test
  - entity: Pentagon
    type: place
  - drop: Mark Milley
""")
    merged = named(index, "Merged For The Test")
    assert owners(index, "Adel Abdul Mahdi") == owners(index, "Abu Mahdi al-Muhandis") == {merged.id}
    assert named(index, "Pentagon").type == "place"
    assert not [e for e in index.entities if "Milley" in e.name]


def test_split_by_alias_and_reject_an_alias(make_project):
    index, _ = analyse(make_project, """
entities:
  - split: Kataib Hezbollah
    aliases: [Kataeb Hezbollah]
    name: Kataeb Hezbollah (reprint spelling)
  - entity: Mark A. Milley
    reject_aliases: [Milley]
""")
    assert owners(index, "Kataib Hezbollah") != owners(index, "Kataeb Hezbollah")
    assert named(index, "Kataeb Hezbollah (reprint spelling)").type == "organization"
    assert not owners(index, "Milley")
    assert "Milley" not in named(index, "Mark A. Milley").aliases
    # the curator kept them apart: no suggestion to merge them again
    split = named(index, "Kataeb Hezbollah (reprint spelling)").id
    assert all(split not in (s.a, s.b) for s in index.suggestions)


def test_curation_errors_name_the_file_line_and_a_near_miss(make_project):
    _, problems = analyse(make_project, """
entities:
  - entity: Qasem Soleimany
    name: X
  - merge: [Kataib Hezbollah]
  - entity: Pentagon
    typ: place
  - entity: Pentagon
    type: plcae
  - entity: Pentagon
    wikidata: 193188
  - mrege: [a, b]
""")
    text = [p.format() for p in problems if p.severity != "info"]
    assert any("curation.yml:3" in t and "no entity named" in t and "did you mean" in t for t in text), text
    assert any("curation.yml:5" in t and "at least two" in t for t in text), text
    assert any("curation.yml:6" in t and "unknown key 'typ'" in t and "did you mean 'type'" in t for t in text), text
    assert any("curation.yml:8" in t and "did you mean 'place'" in t for t in text), text
    assert any("curation.yml:10" in t and "Wikidata" in t for t in text), text
    assert any("curation.yml:12" in t and "did you mean 'merge'" in t for t in text), text


def test_suggested_merges_are_reported_as_info(make_project):
    seeds = {"a.txt": "Sen. Stephen Tester spoke on Monday.\n", "b.txt": "Sen. Steven Tester spoke on Tuesday.\n"}
    result = check(make_project(seeds))
    infos = [d.format() for d in result.diagnostics if d.severity == "info" and "suggested merge" in d.message]
    assert infos and "score" in infos[0] and "stephen-tester" in infos[0]


def test_decisions_survive_new_seeds(make_project):
    curation = """
entities:
  - merge: [Abu Mahdi al-Muhandis, Adel Abdul Mahdi]
    name: Kept Together
"""
    more = {**SEEDS, "012_new.txt": "New report\n\nAbu Mahdi al-Muhandis was mourned. Adel Abdul Mahdi spoke in Najaf.\n"}
    config = make_project(more, files={"seeds/curation.yml": curation})
    index = check(config).archive.entities
    kept = named(index, "Kept Together")
    assert set(kept.articles) == {"010_militia", "011_reprint", "012_new"}
    assert owners(index, "Adel Abdul Mahdi") == owners(index, "Abu Mahdi al-Muhandis") == {kept.id}
