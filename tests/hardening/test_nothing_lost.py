"""Nothing lost, nothing altered: for every seed, the published site gives back the article's body
exactly as the export states it, and the seed's bytes from its published copy with their sha256.

Runs ``mkdocs build --strict`` on the repository's seeds, on every fixture seed folder, on generated
archives and on all hostile seeds at once; every built site also passes the link checker."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hardening import generator, hostile
from tests.support.project import ROOT, copy_seeds, make_project, mkdocs_build
from tests.support.sitecheck import article_body, article_html_path, check_links

# every seed folder of the test fixtures and golden cases (other stages' fixtures are checked too)
FIXTURE_SEED_FOLDERS = sorted(
    p for pattern in ("fixtures/**/seeds", "cases/*/seeds") for p in (ROOT / "tests").glob(pattern) if p.is_dir()
)


def assert_nothing_lost(project_root: Path, seeds: dict[str, bytes], directory_urls: bool = True) -> int:
    """Build the site; check every article's body and original; returns how many were checked."""
    project = make_project(project_root, seeds)
    if not directory_urls:
        settings = project.root / "mkdocs.yml"
        settings.write_text(settings.read_text(encoding="utf-8").replace(
            "use_directory_urls: true", "use_directory_urls: false"), encoding="utf-8")
    warnings = mkdocs_build(project, strict=True)
    assert not [w for w in warnings if "archive-builder" not in w], warnings
    export = project.export()
    articles = export["articles"]
    assert len({r["original"] for r in articles}) == len(articles), "every article has its own original"
    for record in articles:
        html = article_html_path(project.site, record["page"], directory_urls).read_bytes()
        assert article_body(html) == record["body"], f"body of {record['seed']} differs on its page"
        published = (project.site / record["original"]).read_bytes()
        assert published == seeds[record["seed"]], f"published copy of {record['seed']} differs from the seed"
        assert hashlib.sha256(published).hexdigest() == record["sha256"]
    broken = check_links(project.site)
    assert not broken, "\n".join(b.format() for b in broken)
    return len(articles)


def test_repository_seeds(tmp_path: Path) -> None:
    seeds = copy_seeds(ROOT / "seeds")
    assert assert_nothing_lost(tmp_path, seeds) == len([n for n in seeds if n.endswith(".txt")])


@pytest.mark.parametrize("folder", FIXTURE_SEED_FOLDERS, ids=[p.parent.relative_to(ROOT / "tests").as_posix() for p in FIXTURE_SEED_FOLDERS])
def test_fixture_seeds(folder: Path, tmp_path: Path) -> None:
    assert assert_nothing_lost(tmp_path, copy_seeds(folder)) >= 1


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_archive(seed: int, tmp_path: Path) -> None:
    seeds = generator.archive(seed, 40)
    assert assert_nothing_lost(tmp_path, seeds) == 40


def test_generated_archive_without_directory_urls(tmp_path: Path) -> None:
    seeds = generator.archive(3, 15) | copy_seeds(ROOT / "seeds")
    assert assert_nothing_lost(tmp_path, seeds, directory_urls=False) == len(seeds)


_SEED_TEXT = st.lists(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=120)
    | st.sampled_from(["", "<p>raw</p>", "{{ page }}", "---", "# h", "[a](b)", "\u05e9\u05dc\u05d5\u05dd", "&amp;"]),
    min_size=1, max_size=8,
).map(lambda lines: "\n".join(lines).encode("utf-8"))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(st.lists(_SEED_TEXT, min_size=1, max_size=5))
def test_hypothesis_archives_through_the_site(tmp_path_factory: pytest.TempPathFactory, texts: list[bytes]) -> None:
    seeds = {f"h{n:02d}.txt": data for n, data in enumerate(texts)}
    seeds["anchor.txt"] = b"Anchor article headline here\n\nA paragraph so the archive is never empty.\n"
    assert assert_nothing_lost(tmp_path_factory.mktemp("h"), seeds) >= 1


def test_all_hostile_seeds_at_once(tmp_path: Path) -> None:
    """Every hostile seed of the catalogue in one archive: the good ones are whole on the site."""
    seeds: dict[str, bytes] = {hostile.GOOD_NAME: hostile.GOOD.encode()}
    for case in hostile.cases():
        for path, data in case.files.items():
            name = path.removeprefix("seeds/")
            if path.startswith("seeds/") and "/" not in name and name.endswith((".txt", ".text")) and "huge" not in name:
                seeds.setdefault(name, data)
    assert assert_nothing_lost(tmp_path, seeds) >= 20


# ------------------------------------------------------------------------------------ closing and link-only paragraphs
# Every paragraph of a copied page is either in the body or in a named, visible field; ordinary closing
# sentences (even ones starting "About", "Subscribers", "Copyright", "Follow") stay in the body.

ORDINARY_CLOSINGS = [
    "About 300 people remain missing.", "About a third of the town is still without power, the utility said.",
    "Subscribers to the water service were told to boil tap water until Friday.",
    "Copyright lawyers for the band said they would appeal.", "Follow-up inspections are planned for March.",
    "Follow us, the marchers chanted as they reached the bridge.", "Sign-ups for the shelter opened at noon.",
    "The inquiry resumes next week.", "Related charges were dropped in 2019, court records show.",
]
PROMPTS = [
    "Subscribe to our newsletter for the day's top stories.", "Copyright © 2023 Harbour Times. All rights reserved.",
    "Follow us on Twitter and Facebook.", "Sign up for our daily briefing", "Share this article",
    "Leave a Reply", "No comments:", "Tags: floods, weather",
]
_LINK_ONLY = st.one_of(
    st.from_regex(r"https://news\.example/[a-z0-9\-]{1,24}(/[a-z0-9\-]{1,12})?", fullmatch=True),
    st.sampled_from(["Related: Floods close the coast road", "Read more: https://news.example/floods",
                     "www.harbourtimes.example/local", "Read the full post on Harbour Times"]),
)
_CLOSING = st.lists(st.sampled_from(ORDINARY_CLOSINGS) | st.sampled_from(PROMPTS) | _LINK_ONLY, min_size=1, max_size=5)


def _closing_seed(closing: list[str]) -> tuple[bytes, list[str]]:
    lede = "Rescuers searched flooded villages on Tuesday after the river burst its banks, officials said."
    paragraphs = ["Floods sweep valley towns", lede, "The army sent helicopters to the worst-hit districts.", *closing]
    return ("\n\n".join(paragraphs) + "\n").encode(), paragraphs


def _visible(html: bytes) -> str:
    from bs4 import BeautifulSoup

    # no spaces at all: marks inside the body (reuse, mentions) may split a sentence into elements
    return "".join(BeautifulSoup(html, "html.parser").get_text("").split())


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(st.lists(_CLOSING, min_size=1, max_size=4))
def test_closing_and_link_only_paragraphs_through_the_site(tmp_path_factory: pytest.TempPathFactory,
                                                           closings: list[list[str]]) -> None:
    seeds: dict[str, bytes] = {}
    wanted: dict[str, list[str]] = {}
    for n, closing in enumerate(closings):
        seeds[f"c{n:02d}.txt"], wanted[f"c{n:02d}.txt"] = _closing_seed(closing)
    root = tmp_path_factory.mktemp("closing")
    assert assert_nothing_lost(root, seeds) == len(seeds)
    project = make_project(root, seeds)
    for record in project.export()["articles"]:
        page = _visible(article_html_path(project.site, record["page"]).read_bytes())
        for paragraph in wanted[record["seed"]]:
            assert "".join(paragraph.split()) in page, f"{paragraph!r} of {record['seed']} is not on its page"
            if paragraph in ORDINARY_CLOSINGS:
                assert paragraph in record["body"].split("\n\n"), f"{paragraph!r} left the body"
