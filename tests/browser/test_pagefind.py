"""Pagefind search (the engine for large archives) in the browser: finds words, shows seed text as text.

Uses the session's one Chromium (two Playwright sessions in one worker process cannot coexist)."""

from __future__ import annotations

from typing import Any

import pytest

from archive_builder import sitesearch
from benchmarks import search_probe
from tests.test_scale import _hand_written, _mkdocs_site


@pytest.mark.browser
@pytest.mark.skipif(not sitesearch.pagefind_available(), reason="pagefind is not installed")
@pytest.mark.parametrize("shards", [1, 3])
def test_pagefind_search_finds_words_and_shows_seed_text_as_text(make_project: Any, browser: Any, shards: int) -> None:
    """The same searches whether the index is one bundle or split into shards (merged by score;
    sorted by date across the shards)."""
    site = _mkdocs_site(make_project(_hand_written()), "pagefind", shards)
    assert (site / "pagefind-2").is_dir() == (shards == 3)
    server = search_probe.serve(site)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_port}/", wait_until="load")
        page.fill(".ab-search__input", "sandbags")
        page.wait_for_selector(".ab-search__result", timeout=15000)
        titles = page.locator(".ab-search__title").all_inner_texts()
        assert "Flood barriers hold as river peaks in Nasiriyah" in titles
        page.fill(".ab-search__input", "zebrafish")
        page.wait_for_function("[...document.querySelectorAll('.ab-search__title')]"
                               ".some(t => t.textContent.includes('Zebrafish'))")
        titles = page.locator(".ab-search__title").all_inner_texts()
        assert '<img src=x onerror="window.__pwned=1">Zebrafish <b>bold</b> {{ config.site_name }} title' in titles
        assert "Flood barriers hold as river peaks in Nasiriyah" not in titles
        assert "zebrafish" in page.locator(".ab-search__excerpt").first.inner_text().lower()
        assert page.locator(".ab-search__results img, .ab-search__results script, .ab-search__results b").count() == 0
        assert page.locator(".ab-search__excerpt mark").count() >= 1
        assert page.evaluate("window.__pwned") is None

        # filters and sort: the kind of page keeps only articles; each result shows its date (a place
        # name: found on its place page and on articles; the sentences entity pages quote are not indexed)
        page.fill(".ab-search__input", "Nasiriyah")
        page.wait_for_function("[...document.querySelectorAll('.ab-search__title')]"
                               ".some(t => t.textContent.includes('Flood barriers'))")
        everything = page.locator(".ab-search__title").all_inner_texts()
        kinds = page.locator("select[name=kind] option").evaluate_all("os => os.map(o => o.value)")
        assert "Article" in kinds and len(kinds) >= 3, kinds
        assert page.locator("select[name=year], select[name=sort]").count() == 2
        page.select_option("select[name=kind]", "Article")
        page.wait_for_function(f"document.querySelectorAll('.ab-search__title').length < {len(everything)}")
        articles = page.locator(".ab-search__title").all_inner_texts()
        assert articles and set(articles) < set(everything)
        dates = page.locator(".ab-search__date").all_inner_texts()
        assert len(dates) == len(articles) and all(len(d) == 10 for d in dates)
        page.select_option("select[name=sort]", "date:asc")
        page.wait_for_function("(() => { const d = [...document.querySelectorAll('.ab-search__date')]"
                               ".map(t => t.textContent); return d.join() === [...d].sort().join(); })()")
    finally:
        context.close()
        server.shutdown()
