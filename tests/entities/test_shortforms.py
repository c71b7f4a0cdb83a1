"""Short forms (``Mr. Hakim``) in articles that never give the full name, when several people in the
archive have the surname: narrowed by title, then by context; what stays ambiguous is one entity."""

from __future__ import annotations

from archive_builder.curation import Curation
from archive_builder.entities import resolve
from archive_builder.model import Entity, EntityIndex
from tests.entities.gold import make_article


def run(lex, *bodies: str, curation: Curation | None = None) -> EntityIndex:
    articles = tuple(make_article(f"a{i}", body) for i, body in enumerate(bodies))
    index, _ = resolve(articles, curation or Curation(), lex)
    return index


def entity_of(index: EntityIndex, text: str, article: str) -> Entity:
    ids = {m.entity for m in index.mentions if m.text == text and m.article == article}
    assert len(ids) == 1, (text, article, ids)
    (found,) = ids
    return next(e for e in index.entities if e.id == found)


TWO_MEN = ("Tariq Hakim, the oil minister, said exports would rise.",
           "Karim Hakim, a football coach from Erbil, praised his players.")
SHORT_ONLY = ("Mr. Hakim declined to comment on the report.", "Later, Mr. Hakim left the room.",
              "Officials said Mr. Hakim had opposed the decision.")


def test_short_forms_nobody_can_pin_down_become_one_ambiguous_entity(lex):
    index = run(lex, *TWO_MEN, *SHORT_ONLY)
    tariq, karim = entity_of(index, "Tariq Hakim", "a0"), entity_of(index, "Karim Hakim", "a1")
    shared = {entity_of(index, "Hakim", f"a{i}").id for i in (2, 3, 4)}
    assert len(shared) == 1  # one page for the name, not one per article
    hakim = entity_of(index, "Hakim", "a2")
    assert hakim.ambiguous and hakim.type == "person"
    assert hakim.candidates == tuple(sorted((tariq.id, karim.id)))
    assert hakim.articles == ("a2", "a3", "a4")
    assert not tariq.ambiguous and not karim.ambiguous and tariq.candidates == ()
    # no merge is suggested between the name and its candidates: the page lists them instead
    assert all(hakim.id not in (s.a, s.b) for s in index.suggestions)


def test_title_sex_narrows_the_candidates(lex):
    index = run(lex, "Anna Hakim, the oil minister, said exports would rise.", TWO_MEN[1],
                "Ms. Hakim said she would resign.", "Mr. Hakim thanked the fans.")
    assert entity_of(index, "Hakim", "a2").id == entity_of(index, "Anna Hakim", "a0").id
    assert entity_of(index, "Hakim", "a3").id == entity_of(index, "Karim Hakim", "a1").id


def test_an_office_title_narrows_the_candidates(lex):
    index = run(lex, "Sen. Tariq Hakim said the bill would pass.", "Gen. Karim Hakim inspected the troops.",
                "Senator Hakim voted against it.", "General Hakim left Basra.", "Col. Hakim was promoted.")
    senator, general = entity_of(index, "Tariq Hakim", "a0"), entity_of(index, "Karim Hakim", "a1")
    assert entity_of(index, "Hakim", "a2").id == senator.id
    assert entity_of(index, "Hakim", "a3").id == general.id
    assert entity_of(index, "Hakim", "a4").id == general.id  # a rank is a military office, whichever rank


def test_a_woman_named_only_by_title_is_not_a_man_of_that_surname(lex):
    index = run(lex, *TWO_MEN, "Ms. Hakim said she would resign.")
    hakim = entity_of(index, "Hakim", "a2")
    assert hakim.ambiguous and hakim.id not in {entity_of(index, "Tariq Hakim", "a0").id,
                                                entity_of(index, "Karim Hakim", "a1").id}


OIL = ("the Rumaila field with the Basra Oil Company, the South Oil Company, the Oil Exploration Company and "
       "the State Oil Marketing Organization. He met Ali Abbas, the head of the Basra Oil Company, and Samir Nouri, "
       "a senior official, in Basra and in Zubair")
FILLER = tuple(f"Officials in Baghdad met on day {n} to discuss the budget." for n in range(14))


def test_context_picks_the_person_whose_articles_name_the_same_things(lex):
    index = run(lex, f"Tariq Hakim, the oil minister, toured {OIL}.", TWO_MEN[1],
                "Karim Hakim, the coach, spoke in Erbil about the league.", "Officials in Baghdad met on Sunday.",
                f"Mr. Hakim toured {OIL} again on Sunday.", "Mr. Hakim declined to comment.", *FILLER)
    assert entity_of(index, "Hakim", "a4").id == entity_of(index, "Tariq Hakim", "a0").id
    lonely = entity_of(index, "Hakim", "a5")  # nothing around it says which Hakim
    assert lonely.ambiguous


def test_a_curator_can_name_the_ambiguous_entity(lex):
    plan = Curation(sections={"entities": [{"merge": ["Tariq Hakim", "Hakim"]}]})
    index = run(lex, *TWO_MEN, *SHORT_ONLY, curation=plan)
    tariq = entity_of(index, "Tariq Hakim", "a0")
    assert entity_of(index, "Hakim", "a3").id == tariq.id and not tariq.ambiguous


def test_one_person_of_the_surname_takes_its_short_forms(lex):
    index = run(lex, TWO_MEN[0], *SHORT_ONLY)
    assert {e.ambiguous for e in index.entities} == {False}
    assert {entity_of(index, "Hakim", f"a{i}").id for i in (1, 2, 3)} == {entity_of(index, "Tariq Hakim", "a0").id}


def test_the_ambiguous_entity_page_lists_the_candidates_and_the_export_validates(lex):
    import json
    from pathlib import Path

    import jsonschema

    from archive_builder.model import Archive
    from archive_builder.render.context import RenderContext
    from archive_builder.render.entities_view import entity_page, export, pages

    articles = tuple(make_article(f"a{i}", body) for i, body in enumerate((*TWO_MEN, *SHORT_ONLY)))
    index, _ = resolve(articles, Curation(), lex)
    ctx = RenderContext.of(Archive(articles=articles, entities=index))
    hakim = entity_of(index, "Hakim", "a2")
    page = {o.path: (o.data or b"").decode() for o in pages(ctx)}[entity_page(hakim)]
    assert 'name only "Hakim"' in page
    assert "[Karim Hakim](karim-hakim.md)" in page and "[Tariq Hakim](tariq-hakim.md)" in page
    tariq = {o.path: (o.data or b"").decode() for o in pages(ctx)}[entity_page(entity_of(index, "Tariq Hakim", "a0"))]
    assert "name only" not in tariq
    data = export(ctx)
    schema_path = Path(__file__).resolve().parents[2] / "archive_builder" / "schema" / "entities.schema.json"
    jsonschema.validate(data["entities"], json.loads(schema_path.read_text(encoding="utf-8")))
    row = next(e for e in data["entities"] if e["id"] == hakim.id)
    assert row["ambiguous"] is True and row["candidates"] == list(hakim.candidates)
    assert "ambiguous" not in next(e for e in data["entities"] if e["name"] == "Tariq Hakim")
