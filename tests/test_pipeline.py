"""The whole pipeline on small archives: bad seeds never stop the others; builds are deterministic."""

from __future__ import annotations

import json
from pathlib import Path

import frontmatter

from archive_builder.pipeline import build, check, export
from tests.support import fixture_bytes

GOOD = {"a.txt": fixture_bytes("wire_headline.txt"), "b.txt": fixture_bytes("single_newlines.txt")}


def _tree(root: Path) -> dict[str, bytes]:
    """The generated files (those the build's manifest lists) and their bytes."""
    files = json.loads((root / ".archive-manifest.json").read_text())["files"]
    return {rel: (root / rel).read_bytes() for rel in sorted(files)}


def test_bad_seeds_are_reported_and_the_rest_published(make_project) -> None:  # type: ignore[no-untyped-def]
    config = make_project({**GOOD, "empty.txt": b"", "binary.txt": bytes(range(256)) * 8,
                           "caption_only.txt": b"A man walks past a mural. (Reuters)\n", "notes.docx": b"PK"})
    result = build(config)
    assert sorted(a.id for a in result.archive.articles) == ["a", "b"]
    messages = [d.format() for d in result.diagnostics]
    assert any(m.startswith("ERROR seeds/empty.txt: empty seed") for m in messages)
    assert any(m.startswith("ERROR seeds/binary.txt: binary data, not text") for m in messages)
    assert any(m.startswith("ERROR seeds/caption_only.txt: no body text (found only: caption)") for m in messages)
    assert any(m.startswith("WARNING seeds/notes.docx: not a seed format") for m in messages)
    assert (config.docs_dir / "articles" / "a.md").exists()
    assert not (config.docs_dir / "articles" / "empty.md").exists()
    assert result.failed(strict=False)


def test_article_page_front_matter(make_project) -> None:  # type: ignore[no-untyped-def]
    config = make_project(GOOD)
    build(config)
    post = frontmatter.load(config.docs_dir / "articles" / "a.md")
    meta = post.metadata
    assert meta["title"] == "Iraqi parliament votes to expel foreign troops"
    assert meta["seed"] == "a.txt"
    assert meta["sha256"] == __import__("hashlib").sha256(GOOD["a.txt"]).hexdigest()
    assert meta["outlet"] == "Reuters" and meta["published"] == "2020-01-05"
    assert meta["byline"] == ["Jane Harlow", "Omar Saleh"]
    assert meta["credits"] == ["(Reporting by Omar Saleh in Baghdad; Editing by Peter Graff)"]
    assert meta["caption"] is None and isinstance(meta["word_count"], int) and meta["word_count"] > 40
    assert meta["derived"] == [] and meta["title_derived"] is False
    assert (config.docs_dir / meta["original"]).read_bytes() == GOOD["a.txt"]


def test_unknown_date_is_said_on_the_page(make_project) -> None:  # type: ignore[no-untyped-def]
    config = make_project({"c.txt": fixture_bytes("hard_wrapped.txt")})
    build(config)
    text = (config.docs_dir / "articles" / "c.md").read_text()
    assert '<span class="ab-date ab-date-unknown">date unknown</span>' in text
    assert frontmatter.loads(text).metadata["published"] is None


def test_two_builds_are_byte_identical(make_project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = make_project(GOOD)
    build(config)
    first = _tree(config.docs_dir)
    other = config.with_options(docs_dir=tmp_path / "docs2")
    build(other)
    assert _tree(other.docs_dir) == first
    build(config)
    assert _tree(config.docs_dir) == first


def test_rebuild_replaces_pages_of_deleted_seeds(make_project) -> None:  # type: ignore[no-untyped-def]
    """A deleted seed's original is gone; its published address says the article was removed."""
    config = make_project(GOOD)
    build(config)
    (config.seeds_dir / "b.txt").unlink()
    report = build(config).report
    assert report is not None and "originals/b.txt" in report.removed and "articles/b.md" in report.written
    page = (config.docs_dir / "articles" / "b.md").read_text(encoding="utf-8")
    assert "has since been removed from it" in page and "originals/b.txt" not in page


def test_export_matches_build(make_project) -> None:  # type: ignore[no-untyped-def]
    config = make_project(GOOD)
    text, result = export(config)
    data = json.loads(text)
    assert [a["id"] for a in data["articles"]] == ["a", "b"]
    body = data["articles"][0]["body"]
    for start, end in data["articles"][0]["paragraphs"]:
        assert body[start:end].strip() == body[start:end]
    assert not result.errors


def test_duplicate_content_warns(make_project) -> None:  # type: ignore[no-untyped-def]
    config = make_project({**GOOD, "copy.txt": GOOD["a.txt"]})
    result = check(config)
    assert any(d.path == "seeds/copy.txt" and "same bytes as seeds/a.txt" in d.message for d in result.diagnostics)
    assert len(result.archive.articles) == 3


def test_seed_ids_that_are_not_slugs_get_safe_unique_pages(make_project) -> None:  # type: ignore[no-untyped-def]
    config = make_project({"My Story (1).txt": GOOD["a.txt"], "my-story-1.txt": GOOD["b.txt"]})
    result = build(config)
    pages = sorted(o.path for o in result.outputs if o.path.startswith("articles/") and o.path != "articles/index.md")
    assert len(pages) == 2 and len(set(pages)) == 2
    assert "articles/my-story-1.md" in pages
