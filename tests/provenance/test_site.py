"""End to end: MkDocs builds the provenance pages strictly; seed text never becomes live HTML."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import FIXTURES

pytestmark = pytest.mark.slow

EVIL = 'Evil <script>alert(1)</script> "]) --> x[click] `{{ 7*7 }}`'


def _seeds() -> dict[str, str]:
    original = (FIXTURES / "wire_original.txt").read_text(encoding="utf-8")
    reprint = (FIXTURES / "reprint_house_style.txt").read_text(encoding="utf-8")
    reprint = reprint.replace("wheat", f"wheat {EVIL}")
    return {"100_original.txt": original,
            "101_reprint.txt": f"{reprint}\nAccording to the {EVIL} Times, the port reopened.\n"}


def test_mkdocs_build_strict_with_hostile_seeds(make_project) -> None:  # type: ignore[no-untyped-def]
    config = make_project(_seeds())
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=config.root, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    site = config.root / "site"
    pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    assert "provenance/compare/100_original--101_reprint/index.html" in pages
    assert "outlets/index.html" in pages and "provenance/index.html" in pages
    for path, html in pages.items():
        assert "<script>alert(1)" not in html, path
        assert "{{ 7*7 }}" not in html or "49" not in html, path
    article = pages["articles/101_reprint/index.html"]
    [ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', article, re.S)
    assert '"@type":"NewsArticle"' in ld and "isBasedOn" in ld
    assert 'class="ab-passage"' in article and 'id="pass-100_original-1"' in article
    assert 'href="../100_original/#pass-101_reprint-1"' in article
    assert '<figure class="ab-figure ab-flow"' in pages["provenance/index.html"] and 'class="mermaid"' not in pages["provenance/index.html"]
