"""End to end: `mkdocs build --strict` of a small archive, through the plugin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support import fixture_bytes

ROOT = Path(__file__).resolve().parent.parent


def mkdocs_build(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_strict_build_of_small_archive(make_project) -> None:  # type: ignore[no-untyped-def]
    hostile = ("<script>window.pwned=1</script> *Breaking*: {{ config.site_name }}\n\n"
               "Officials said <img src=x onerror=alert(1)> and [click](javascript:alert(2)) {% raw %} on Monday.\n")
    config = make_project({"a.txt": fixture_bytes("wire_headline.txt"), "b.txt": fixture_bytes("caption_boilerplate.txt"),
                           "evil.txt": hostile})
    done = mkdocs_build(config.root)
    assert done.returncode == 0, done.stderr
    site = config.root / "site"
    page = BeautifulSoup((site / "articles" / "evil" / "index.html").read_text(), "html.parser")
    live = [s for s in page.find_all("script") if s.get("type") != "application/ld+json" and "pwned" in (s.string or "")]
    assert live == []
    for data in page.find_all("script", type="application/ld+json"):
        assert "<" not in (data.string or "")  # JSON-LD holds seed text only as escaped JSON data
        json.loads(data.string or "")
    assert not page.select("img[onerror]") and not page.select('a[href^="javascript"]')
    external = page.find_all("script", src=True)
    assert any("bundle" in s["src"] for s in external)  # Material's bundle, then the site's scripts
    assert all(s.has_attr("defer") for s in external)  # none holds up the first paint
    body = page.select_one(".ab-body").get_text("\n")
    assert "<script>window.pwned=1</script> *Breaking*: {{ config.site_name }}" in body
    assert "[click](javascript:alert(2)) {% raw %}" in body
    assert "<script>" not in page.title.decode_contents()
    assert (site / "originals" / "evil.txt").read_bytes() == hostile.encode()
    assert (site / "search" / "search_index.json").exists()
    home = (site / "index.html").read_text()
    assert "Iraqi parliament votes to expel foreign troops" in home


def _nav_pages(mkdocs_yml: Path) -> list[str]:
    """Every docs page the nav in mkdocs.yml lists (the ``!!python/name`` tag is not needed here)."""
    import yaml

    text = mkdocs_yml.read_text(encoding="utf-8").replace("!!python/name:", "")
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str) and node.endswith(".md"):
            found.append(node)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(yaml.safe_load(text)["nav"])
    return found


@pytest.mark.slow
def test_strict_build_of_trivial_archive_has_every_nav_page(make_project) -> None:  # type: ignore[no-untyped-def]
    """One seed with no names, no dates and no reused text: every page of the nav still exists."""
    config = make_project({"quiet.txt": "a quiet headline\n\nnothing much happened here, it seems.\n"})
    done = mkdocs_build(config.root)
    assert done.returncode == 0, done.stderr
    nav = _nav_pages(config.root / "mkdocs.yml")
    assert {"people/index.md", "organizations/index.md", "places/index.md", "events/index.md"} <= set(nav)
    missing = [p for p in nav if not (config.root / "docs" / p).is_file()]
    assert missing == []
    people = (config.root / "site" / "people" / "index.html").read_text(encoding="utf-8")
    assert "No people named in the archive yet." in people
