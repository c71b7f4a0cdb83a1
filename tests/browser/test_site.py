"""The built site in headless Chromium: loads cleanly, search reaches people, a reader can click from
article to person to article to event to timeline to compare page, no seed text runs as script,
no serious accessibility violation on any kind of page, and nothing overflows a phone's width.

Steps that need pages later stages add (people, events, timeline, compare) skip with a message only
when the build has no such pages; once it has them, the step must pass."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from tests.hardening import injection
from tests.support.project import Project
from tests.support.sitecheck import check_links, page_kinds

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMEOUT = 15000


def _path(url: str, base_url: str) -> str:
    return urlsplit(url).path[len(urlsplit(base_url).path):]


def _urls(site: Project, pattern: str) -> list[str]:
    """Built page URLs (site-relative) matching ``pattern``."""
    return [u for urls in page_kinds(site.site).values() for u in urls if re.search(pattern, u)]


def _require(site: Project, pattern: str, what: str) -> None:
    if not _urls(site, pattern):
        pytest.skip(f"the build has no {what} pages (no URL matching {pattern!r}); this step runs once they land")


def _article_url(site: Project, seed: str) -> str:
    for record in site.export()["articles"]:
        if record["seed"] == seed:
            page = str(record["page"])
            return page[: -len(".md")] + "/"
    raise AssertionError(f"{seed} is not published")


def _no_script_ran(page: Any) -> None:
    page.evaluate("""() => document.querySelectorAll('*').forEach(e => {
        for (const t of ['mouseover', 'focus', 'click']) { if (t !== 'click' || e.tagName !== 'A')
            e.dispatchEvent(new Event(t)); } })""")
    page.wait_for_timeout(100)
    assert page.evaluate(f"() => typeof window.{injection.MARK}") == "undefined", "a script from seed text ran"
    assert page.watch.dialogs == [], page.watch.dialogs


# --------------------------------------------------------------------------- loading and search


def test_every_internal_link_and_anchor_resolves(built_site: Project) -> None:
    """The link checker over every page of the browser site (no browser needed)."""
    kinds = page_kinds(built_site.site)
    assert {"home", "articles", "articles-index"} <= set(kinds), kinds
    broken = check_links(built_site.site)
    assert not broken, "\n".join(b.format() for b in broken)


def test_home_loads_without_console_errors(page: Any, base_url: str) -> None:
    response = page.goto(base_url, wait_until="networkidle")
    assert response is not None and response.ok
    assert page.locator("h1").first.inner_text().strip()
    assert page.watch.console_errors == [] and page.watch.page_errors == []


def _search(page: Any, base_url: str, query: str) -> list[str]:
    page.goto(base_url, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # narrow screens hide the box behind a button
        page.locator("label.md-header__button[for='__search']").first.click()
    box.click()
    box.press_sequentially(query)  # typed key by key: the theme searches on key events
    page.wait_for_selector(".md-search-result__item a", timeout=TIMEOUT)
    return [a.get_attribute("href") or "" for a in page.locator(".md-search-result__item a").all()]


def test_search_finds_articles(page: Any, base_url: str, built_site: Project) -> None:
    hrefs = _search(page, base_url, "harbour")
    assert any("/articles/" in h for h in hrefs), hrefs
    assert page.watch.page_errors == []


def test_search_alias_reaches_the_person_page(page: Any, base_url: str, built_site: Project) -> None:
    _require(built_site, r"^people/[^/]+/$", "person")
    hrefs = _search(page, base_url, "Soleimani")
    people = [h for h in hrefs if "/people/" in h]
    assert people, f"searching 'Soleimani' found no person page: {hrefs}"
    page.locator(f".md-search-result__item a[href='{people[0]}']").first.click()
    page.wait_for_load_state("networkidle")
    assert "/people/" in page.url
    heading = page.locator("h1").first.inner_text()
    assert re.search(r"S[ou]l[ae]imani", heading), heading


def test_search_results_do_not_run_seed_text(page: Any, base_url: str) -> None:
    hrefs = _search(page, base_url, "statement")
    assert any("inject" in h for h in hrefs), f"the injection seeds are searchable: {hrefs}"
    page.wait_for_timeout(300)
    shown = page.locator(".md-search-result").inner_text()
    assert f"window.{injection.MARK}" in shown, "the result snippets show the payload as text"
    _no_script_ran(page)


# --------------------------------------------------------------------------- click-through


def _click_to(page: Any, pattern: str, avoid: str | None = None) -> str:
    """Click the first link in the page's content whose target path matches ``pattern``."""
    links = page.locator("article a[href]")
    for index in range(links.count()):
        link = links.nth(index)
        target = urljoin(page.url, link.get_attribute("href") or "")
        path = urlsplit(target).path
        if re.search(pattern, path) and (avoid is None or not path.endswith(avoid)) and link.is_visible():
            link.click()
            page.wait_for_load_state("domcontentloaded")
            assert re.search(pattern, urlsplit(page.url).path), page.url
            return urlsplit(page.url).path
    raise AssertionError(f"no visible link matching {pattern!r} on {page.url}")


def test_click_home_to_article_to_original(page: Any, base_url: str, built_site: Project) -> None:
    """The parts that exist in every build: home -> articles index -> an article -> its original seed."""
    page.goto(base_url, wait_until="domcontentloaded")
    _click_to(page, r"/articles/$")
    article = _click_to(page, r"/articles/[^/]+/$")
    assert page.locator("div.ab-body p").count() > 0
    _click_to(page, r"/originals/[^/]+$")
    record = next(r for r in built_site.export()["articles"] if article.endswith("/" + r["page"][:-3] + "/"))
    served = page.request.get(page.url).body()
    assert served == (built_site.seeds / record["seed"]).read_bytes()


def test_click_through(page: Any, base_url: str, built_site: Project) -> None:
    start = _article_url(built_site, "000_72390fa45c841a5e.txt")
    page.goto(urljoin(base_url, start), wait_until="domcontentloaded")
    assert page.locator("div.ab-body p").count() > 0
    _require(built_site, r"^people/[^/]+/$", "person")
    _click_to(page, r"/people/[^/]+/$")
    _click_to(page, r"/articles/[^/]+/$", avoid=start)
    _require(built_site, r"^events/[^/]+/$", "event")
    _click_to(page, r"/events/[^/]+/$")
    _require(built_site, r"timeline", "timeline")
    _click_to(page, r"timeline")
    _require(built_site, r"compare", "provenance compare")
    _click_to(page, r"/articles/[^/]+/$")
    if not _has_link(page, r"compare"):  # that article has no relation: the first seed's page does
        page.goto(urljoin(base_url, start), wait_until="domcontentloaded")
    _click_to(page, r"compare")
    assert page.locator("article").inner_text().strip()
    assert page.watch.page_errors == []


def _has_link(page: Any, pattern: str) -> bool:
    hrefs = page.locator("article a[href]").evaluate_all(  # (an SVG link's href is an object: read the attribute)
        "links => links.map(a => new URL(a.getAttribute('href'), location.href).href)")
    return any(re.search(pattern, urlsplit(h).path) for h in hrefs)


# --------------------------------------------------------------------------- seed text never runs


def test_article_pages_run_no_seed_text(page: Any, base_url: str, built_site: Project) -> None:
    for seed in sorted(injection.SEEDS):
        page.goto(urljoin(base_url, _article_url(built_site, seed)), wait_until="networkidle")
        assert injection.MARK in page.locator("article").inner_text()
        _no_script_ran(page)


@pytest.mark.parametrize("kind", ["people", "organizations", "places", "events", "outlets", "compare"])
def test_stage_pages_run_no_seed_text(page: Any, base_url: str, built_site: Project, kind: str) -> None:
    urls = _urls(built_site, rf"(^|/){kind}/")
    if not urls:
        pytest.skip(f"the build has no {kind} pages yet")
    for url in urls[:25]:
        built = built_site.site / url / "index.html" if url.endswith("/") else built_site.site / url
        retired = 'http-equiv="refresh"' in built.read_text(encoding="utf-8")  # a redirect to the page it became
        page.goto(urljoin(base_url, url), wait_until="commit")
        if retired:
            page.wait_for_url(lambda u, old=url: not u.rstrip("/").endswith(old.rstrip("/")), timeout=10_000)
        page.wait_for_load_state("load")
        _no_script_ran(page)


def test_right_to_left_paragraphs_read_right_to_left(page: Any, base_url: str, built_site: Project) -> None:
    page.goto(urljoin(base_url, _article_url(built_site, "arabic.txt")), wait_until="domcontentloaded")
    directions = page.locator("div.ab-body p").evaluate_all("ps => ps.map(p => getComputedStyle(p).direction)")
    assert directions and set(directions) == {"rtl"}, directions
    page.goto(urljoin(base_url, _article_url(built_site, "000_72390fa45c841a5e.txt")), wait_until="domcontentloaded")
    assert page.locator("div.ab-body p").first.evaluate("p => getComputedStyle(p).direction") == "ltr"


# --------------------------------------------------------------------------- accessibility, phone


def _one_page_per_kind(site: Project) -> list[str]:
    kinds = page_kinds(site.site)
    return [urls[0] for kind, urls in kinds.items() if kind != "not-found"]


def test_no_serious_accessibility_violations(page: Any, base_url: str, built_site: Project, axe_source: str) -> None:
    found: dict[str, list[str]] = {}
    for url in _one_page_per_kind(built_site):
        page.goto(urljoin(base_url, url), wait_until="networkidle")
        page.add_script_tag(content=axe_source)
        violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
            .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}x, e.g. ${v.nodes[0].target.join(' ')})`)""")
        if violations:
            found[url or "(home)"] = violations
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_phone_width_has_no_horizontal_overflow(browser: Any, base_url: str, built_site: Project) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()
        wide = {}
        urls = _one_page_per_kind(built_site) + [_article_url(built_site, name) for name in
                                                 ("long-lines.txt", "inject_body.txt", "arabic.txt")]
        for url in urls:
            phone.goto(urljoin(base_url, url), wait_until="networkidle")
            width = phone.evaluate("() => document.documentElement.scrollWidth")
            if width > 375:
                wide[url or "(home)"] = width
        assert not wide, f"pages wider than the phone (375px): {wide}"
    finally:
        context.close()
