"""The archive's own seeds: the clean body and metadata the issue asks for (read from the build)."""

from __future__ import annotations

import datetime as dt

from archive_builder.pipeline import build


def test_repo_seeds(make_project, repo_seeds) -> None:  # type: ignore[no-untyped-def]
    config = make_project(repo_seeds)
    result = build(config)
    assert not result.errors
    first, second = result.archive.articles
    assert first.outlet == "Shafaq News" and not first.body.startswith("Shafaq")
    assert first.published is None or first.published_derived
    assert len(first.byline) == 7 and "Thomas Gibbons-Neff" in first.byline
    assert "reported from Washington" not in first.body
    assert first.title_derived and not first.title.endswith(" ")
    assert second.caption == "US President Donald Trump." and second.caption_credit == "Reuters"
    assert second.published == dt.date(2020, 3, 23) and not second.published_derived
    assert second.source_credit == "Asharq Al-Awsat"
    assert second.boilerplate and second.boilerplate[0] == "About Track Persia"
    for text in ("(Reuters)", "March 23, 2020", "Asharq Al-Awsat", "About Track Persia", "Platform run by"):
        assert text not in second.body
