"""The issue's bar on the archive's own two seeds, asserted on the real output."""

from __future__ import annotations

import pytest

from archive_builder.pipeline import check


@pytest.fixture(scope="module")
def index(tmp_path_factory, repo_seeds):
    import shutil

    from archive_builder.config import load_config
    from tests.conftest import ROOT

    root = tmp_path_factory.mktemp("repo")
    (root / "seeds").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for name, data in repo_seeds.items():
        if name.endswith(".txt"):
            (root / "seeds" / name).write_bytes(data)
    result = check(load_config(root / "mkdocs.yml"))
    return result.archive


@pytest.fixture(scope="module")
def repo_seeds():
    from tests.conftest import ROOT

    return {p.name: p.read_bytes() for p in sorted((ROOT / "seeds").iterdir()) if p.is_file()}


def person_of(archive, text: str, article: str | None = None) -> str:
    types = {e.id: e.type for e in archive.entities.entities}
    ids = {m.entity for m in archive.entities.mentions
           if m.text == text and types[m.entity] == "person" and (article is None or m.article.startswith(article))}
    assert len(ids) == 1, (text, ids)
    return ids.pop()


SHARED = [("Trump", "Trump"), ("Mike Pompeo", "Mike Pompeo"), ("Robert C. O’Brien", "Robert C. O’Brien"),
          ("Mark T. Esper", "Mark T. Esper"), ("Mark A. Milley", "Mark A. Milley"),
          ("Qassim Suleimani", "Qassim Soleimani")]
NAMED_000 = ["Mike Pompeo", "Robert C. O’Brien", "Mark T. Esper", "Mark A. Milley", "Qassim Suleimani",
             "Karim Al-Nuri", "Abu Mahdi al-Muhandis", "Hassan Rouhani", "Kenneth F. McKenzie", "Brian H. Hook",
             "Richard Grenell", "Othman al-Ghanmi", "Adel Abdul Mahdi", "Jonathan Hoffman"]
REPORTERS = ["Mark Mazzetti", "Helene Cooper", "Julian E. Barnes", "Eric Schmitt", "Alissa J. Rubin",
             "Thomas Gibbons-Neff", "Farnaz Fassihi"]


def test_the_six_shared_people_have_one_page_linking_both_articles(index):
    ids = {a.id for a in index.articles}
    assert len(ids) == 2
    for in_000, in_001 in SHARED:
        a, b = person_of(index, in_000, "000"), person_of(index, in_001, "001")
        assert a == b, (in_000, in_001)
        entity = next(e for e in index.entities.entities if e.id == a)
        assert set(entity.articles) == ids


def test_every_named_person_and_reporter_has_a_page_of_their_own(index):
    people = [person_of(index, name, "000") for name in NAMED_000 + REPORTERS]
    assert len(set(people)) == len(people)
    roles = {e.id: e.roles for e in index.entities.entities}
    assert all(roles[person_of(index, r, "000")] == ("author",) for r in REPORTERS)


def test_the_militia_is_one_organization(index):
    types = {e.id: e.type for e in index.entities.entities}
    ids = {m.entity for m in index.entities.mentions if m.text in ("Khataib Hezbollah", "Khatib Hezbollah")}
    assert len(ids) == 1 and types[ids.pop()] == "organization"
