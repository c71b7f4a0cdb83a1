"""The reader's views in the browser: the article record, the sortable indexes, the timeline filter, the
network page, the published data and the citation, and what an article page transfers."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from typing import Any
from urllib.parse import urljoin

import pytest

from tests.support.project import Project
from tests.support.sitecheck import page_kinds

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTICLE_BUDGET = 400_000  # bytes an article page may transfer (HTML, CSS, scripts, search index, images)
_TEXT = ("text/", "application/javascript", "application/json", "image/svg+xml")


def _article_url(site: Project, seed: str) -> str:
    record = next(r for r in site.export()["articles"] if r["seed"] == seed)
    return str(record["page"])[: -len(".md")] + "/"


def _first(site: Project, pattern: str) -> str:
    for urls in page_kinds(site.site).values():
        for url in urls:
            if re.search(pattern, url):
                return url
    pytest.fail(f"the build has no page matching {pattern!r}")


def test_article_page_reads_as_a_record_and_stays_small(page: Any, base_url: str, built_site: Project) -> None:
    """The transfer is counted as from a static host that compresses text (GitHub Pages gzips HTML, CSS,
    JavaScript and JSON; the test server does not, so each text body is gzip-compressed here to count it)."""
    sizes: dict[str, int] = {}
    raw: dict[str, int] = {}

    def count(response: Any) -> None:
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - a redirect or aborted response has no body to count
            return
        kind = response.headers.get("content-type", "")
        raw[response.url] = len(body)
        sizes[response.url] = len(gzip.compress(body, 6)) if kind.startswith(_TEXT) else len(body)

    page.on("response", count)
    chained = [r for r in built_site.export()["articles"] if len(r["chain"]) >= 2]
    assert chained, "the site has an article with a source chain"
    url = urljoin(base_url, str(chained[0]["page"])[:-3] + "/")
    page.goto(url, wait_until="networkidle")
    header = page.locator("header.ab-record")
    assert header.count() == 1 and header.locator(".ab-outlet").inner_text().strip()
    assert header.locator("time").count() == 1
    badges = header.locator(".ab-chain li")
    assert badges.count() >= 2, "the source chain is shown as badges"
    assert header.locator(".ab-chain a.ab-badge").count() >= 1
    assert page.locator(".ab-legend").count() == 1
    assert page.locator(".ab-body mark.ab-passage").count() >= 1
    assert page.locator(".ab-body a:not(.ab-mention)").count() == 0, "only names are links in the text"
    assert page.locator("table th:text-is('Field')").count() == 0
    assert page.locator("figure.ab-flow svg").count() == 1 and page.locator("pre.mermaid, .mermaid").count() == 0
    assert page.title() != "News archive - News archive"
    total = sum(sizes.values())
    assert any(u.endswith(".css") for u in sizes) and any(u.endswith(".js") for u in sizes)
    assert total <= ARTICLE_BUDGET, (f"the article page transferred {total:,} bytes ({sum(raw.values()):,} "
                                     f"uncompressed): {sorted(sizes.items(), key=lambda kv: -kv[1])[:5]}")
    assert not [u for u in sizes if "mermaid" in u]


def test_inferred_date_opens_its_evidence(page: Any, base_url: str, built_site: Project) -> None:
    records = [r for r in built_site.export()["articles"] if r["published_derived"] and r["published_evidence"]]
    assert records, "the site has an article with an inferred date"
    page.goto(urljoin(base_url, str(records[0]["page"])[:-3] + "/"), wait_until="domcontentloaded")
    evidence = page.locator("details#date-evidence")
    assert not evidence.evaluate("d => d.open")
    page.locator("a.ab-inferred").click()
    page.wait_for_function("document.getElementById('date-evidence').open")
    assert records[0]["published_evidence"][0][:20] in evidence.inner_text()


def test_index_sorts_and_filters(page: Any, base_url: str) -> None:
    page.goto(urljoin(base_url, "places/"), wait_until="domcontentloaded")
    rows = page.locator(".ab-index tbody tr")
    total = rows.count()
    assert total >= 3
    assert page.locator("nav.ab-letters a").count() >= 2
    names = rows.locator("td:first-child").all_inner_texts()
    page.locator("th button", has_text="Mentions").click()
    page.locator("th button", has_text="Mentions").click()  # second click: most mentioned first
    counts = [int(c.replace(",", "")) for c in rows.locator("td:nth-child(3)").all_inner_texts()]
    assert counts == sorted(counts, reverse=True)
    word = names[0].split()[0].lower()
    page.fill(".ab-filter input", word)
    visible = [n for n, shown in zip(rows.locator("td:first-child").all_inner_texts(),
                                     rows.evaluate_all("rs => rs.map(r => !r.hidden)"), strict=True) if shown]
    assert visible and len(visible) < total
    assert all(word in n.lower() or n for n in visible)


def test_people_are_sorted_by_surname(page: Any, base_url: str) -> None:
    page.goto(urljoin(base_url, "people/"), wait_until="domcontentloaded")
    keys = page.locator(".ab-index tbody td:first-child").evaluate_all("cs => cs.map(c => c.dataset.sort)")
    assert keys == sorted(keys)
    names = page.locator(".ab-index tbody td:first-child").all_inner_texts()
    surnames = [n.split()[-1].lower() for n in names if len(n.split()) > 1 and "-" not in n.split()[-1]]
    assert surnames == sorted(surnames)


def test_timeline_filter_keeps_one_person_or_place(page: Any, base_url: str) -> None:
    page.goto(urljoin(base_url, "timeline/"), wait_until="domcontentloaded")
    assert page.locator("figure.ab-chart svg rect.ab-bar").count() >= 1
    items = page.locator("ul.ab-tl li")
    total = items.count()
    options = page.locator("#ab-timeline-who option").evaluate_all("os => os.map(o => o.value).filter(Boolean)")
    assert options, "the timeline offers people and places to filter by"
    changed = False
    for value in options:
        page.select_option("#ab-timeline-who", value)
        shown = items.evaluate_all("ls => ls.filter(l => !l.hidden).map(l => l.dataset.who)")
        assert all(value in who.split() for who in shown), (value, shown)
        changed = changed or 0 < len(shown) < total
    assert changed, "some filter value keeps some items and hides others"
    page.select_option("#ab-timeline-who", "")
    assert items.evaluate_all("ls => ls.filter(l => !l.hidden).length") == total


def test_network_page_renders(page: Any, base_url: str) -> None:
    page.goto(urljoin(base_url, "network/"), wait_until="domcontentloaded")
    figures = page.locator("figure.ab-net svg")
    assert figures.count() >= 1
    dots = page.locator("figure.ab-net svg circle.ab-dot")
    assert dots.count() >= 3
    box = figures.first.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 200
    first = page.locator("figure.ab-net svg a").first
    href = first.get_attribute("href")
    assert href and page.request.get(urljoin(page.url, href)).ok


def test_downloads_are_valid_json_and_csv(page: Any, base_url: str, built_site: Project) -> None:
    export = built_site.export()
    page.goto(urljoin(base_url, "data/"), wait_until="domcontentloaded")
    links = page.locator("article a[href$='.json'], article a[href$='.csv']").evaluate_all("as => as.map(a => a.href)")
    assert any(u.endswith("archive.json") for u in links) and sum(u.endswith(".csv") for u in links) >= 5
    for url in links:
        response = page.request.get(url)
        assert response.ok, url
        if url.endswith(".json"):
            data = json.loads(response.body())
            assert [a["id"] for a in data["articles"]] == [a["id"] for a in export["articles"]]
        else:
            rows = list(csv.reader(io.StringIO(response.body().decode("utf-8"))))
            assert rows and all(len(r) == len(rows[0]) for r in rows), url
            if url.endswith("/articles.csv"):
                assert len(rows) - 1 == len(export["articles"])
                assert {r[0] for r in rows[1:]} == {a["id"] for a in export["articles"]}
    article = _article_url(built_site, "wire_headline.txt") if any(
        a["seed"] == "wire_headline.txt" for a in export["articles"]) else str(export["articles"][0]["page"])[:-3] + "/"
    page.goto(urljoin(base_url, article), wait_until="domcontentloaded")
    data_link = page.locator("a", has_text="Data (JSON)").get_attribute("href")
    assert data_link and page.request.get(urljoin(page.url, data_link)).ok


def test_citation_names_the_page_and_the_record(page: Any, base_url: str, built_site: Project) -> None:
    record = next(r for r in built_site.export()["articles"] if r["byline"] and r["published"] and r["outlet"])
    url = urljoin(base_url, str(record["page"])[:-3] + "/")
    page.goto(url, wait_until="domcontentloaded")
    assert page.locator(".ab-permalink").inner_text() == url
    bib = page.locator(".ab-cite-bibtex code").text_content() or ""
    assert f"url = {{{url}}}" in bib and f"year = {{{record['published'][:4]}}}" in bib
    assert re.search(r"title = \{[^\n]+\}", bib)
    csl = json.loads(page.locator(".ab-cite-csl code").text_content() or "")
    assert csl[0]["URL"] == url and csl[0]["title"] == record["title"]
    assert csl[0]["container-title"] == record["outlet"]
    year, month, day = (int(x) for x in record["published"].split("-"))
    assert csl[0]["issued"] == {"date-parts": [[year, month, day]]}
    assert [a.get("family") or a.get("literal") for a in csl[0]["author"]] == \
        [n.split()[-1] if len(n.split()) > 1 else n for n in record["byline"]]


def test_entity_page_has_chart_first_last_and_credited_staff_apart(page: Any, base_url: str,
                                                                    built_site: Project) -> None:
    export = built_site.export()
    counts = sorted(((len(e["articles"]), e["page"]) for e in export["entities"] if e["type"] == "place"), reverse=True)
    page.goto(urljoin(base_url, counts[0][1][:-3] + "/"), wait_until="domcontentloaded")
    facts = page.locator("dl.ab-facts").inner_text()
    assert "Mentions" in facts and "First mention" in facts
    assert page.locator("figure.ab-chart svg rect.ab-bar").count() >= 1
    staff = {e["name"] for e in export["entities"]
             if e["mentions"] and all(m["field"] in ("byline", "credits") for m in e["mentions"])}
    often = "\n".join(page.locator("h2:has-text('Often mentioned with') + ul li a").all_inner_texts())
    assert not [name for name in staff if name in often.splitlines()]
