"""Permanent addresses: over builds that add, edit, rename, delete and merge seeds, every address
ever published still answers, with its page or with a redirect to the page that took it over."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import frontmatter
import yaml

from archive_builder import ids
from archive_builder.pipeline import build
from tests.test_mkdocs_build import mkdocs_build

HALDEN = Path(__file__).resolve().parent / "fixtures" / "events" / "halden"
_MOVED = re.compile(r"has moved: \[[^\]]*\]\(([^)#]+)\)")
_REMOVED = re.compile(r"has since been removed from it\. See \[[^\]]*\]\(([^)#]+)\)")

MISSPELT = """Minister inspects Fort Halden

By Anna Brook

April 13, 2031

BRASK, Veloria (Northern Ledger) \u2014 Defence Minister Ilse Varga visited Fort Halden on Sunday and met soldiers
wounded in the rocket attack on Fort Halden on April 10.

The base's deputy commander, Major Tarek Ovensen, showed her the launch site near Orm.
"""


def _seed(name: str) -> str:
    return (HALDEN / name).read_text(encoding="utf-8")


def _pages(docs: Path) -> set[str]:
    files = json.loads((docs / ".archive-manifest.json").read_text(encoding="utf-8"))["files"]
    return {f for f in files if f.endswith(".md") and not f.endswith("index.md")}


def _resolve(docs: Path, page: str, hops: int = 0) -> tuple[str, str]:
    """(final page, how it answered): ``page``, ``redirect`` or ``removed``; a redirect leads in
    one hop to a real page (never to another redirect)."""
    text = (docs / page).read_text(encoding="utf-8")
    meta = frontmatter.loads(text)
    moved = _MOVED.search(meta.content)
    if moved:
        assert "redirect" in meta.metadata, page
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), moved.group(1)))
        assert (docs / target).is_file(), f"{page} redirects to a missing page {target}"
        final, how = _resolve(docs, target, hops + 1)
        assert how == "page" and hops == 0, f"{page} -> {target} is not one hop to a page"
        return final, "redirect"
    if _REMOVED.search(meta.content):
        return page, "removed"
    return page, "page"


def _check_all(docs: Path, ever: set[str]) -> dict[str, tuple[str, str]]:
    missing = sorted(p for p in ever if not (docs / p).is_file())
    assert not missing, f"published addresses that no longer answer: {missing}"
    return {p: _resolve(docs, p) for p in sorted(ever)}


def _event_pages(docs: Path) -> dict[str, str]:
    out = {}
    for path in sorted((docs / "events").glob("*.md")):
        meta = frontmatter.loads(path.read_text(encoding="utf-8"))
        if path.name != "index.md" and "redirect" not in meta.metadata:
            out[f"events/{path.name}"] = str(meta.metadata.get("title"))
    return out


def test_every_address_ever_published_keeps_answering(make_project) -> None:  # type: ignore[no-untyped-def]
    # build 1: two reports of one attack
    config = make_project({"ledger_0411.txt": _seed("ledger_0411.txt"), "wire_0412.txt": _seed("wire_0412.txt")})
    build(config)
    docs, seeds = config.docs_dir, config.seeds_dir
    ever = _pages(docs)
    first_registry = (seeds / ids.IDS_FILE).read_text(encoding="utf-8")
    assert "fort-halden" in yaml.safe_load(first_registry)["entities"]
    attack = [p for p, title in _event_pages(docs).items() if "Fort Halden" in title]
    assert attack, _event_pages(docs)
    _check_all(docs, ever)

    # build 2: more reports (one names the deputy commander by his birth name), a second attack a month later; an edit;
    # a curated rename of the base: its id stays
    (seeds / "digest_0424.txt").write_text(_seed("digest_0424.txt"), encoding="utf-8")
    (seeds / "ledger_0515.txt").write_text(_seed("ledger_0515.txt"), encoding="utf-8")
    (seeds / "ledger_0413.txt").write_text(MISSPELT, encoding="utf-8")
    (seeds / "wire_0412.txt").write_text(_seed("wire_0412.txt").replace("promised on Saturday", "vowed on Saturday"),
                                         encoding="utf-8")
    (seeds / "curation.yml").write_text("entities:\n  - entity: Fort Halden\n    name: Fort Halden Air Base\n",
                                        encoding="utf-8")
    build(config)
    ever |= _pages(docs)
    answers = _check_all(docs, ever)
    assert answers["places/fort-halden.md"] == ("places/fort-halden.md", "page")
    assert "Fort Halden Air Base" in (docs / "places" / "fort-halden.md").read_text(encoding="utf-8")
    assert all(answers[p][1] == "page" for p in attack), "the attack's page moved although nothing merged it"
    assert (docs / "people" / "tarek-ovensen.md").is_file()

    # build 3: a seed deleted, one renamed, the curator says the deputy is the commander
    # (a merge: his old address redirects to the survivor)
    (seeds / "ledger_0411.txt").unlink()
    (seeds / "wire_0412.txt").rename(seeds / "wire_0412_full.txt")
    (seeds / "curation.yml").write_text(
        "entities:\n  - entity: Fort Halden\n    name: Fort Halden Air Base\n"
        "  - merge: [Piet Daalder, Tarek Ovensen]\n    name: Piet Daalder\n", encoding="utf-8")
    build(config)
    ever |= _pages(docs)
    answers = _check_all(docs, ever)
    assert answers["people/tarek-ovensen.md"] == ("people/piet-daalder.md", "redirect")
    assert answers["articles/wire_0412.md"] == ("articles/wire_0412_full.md", "redirect")
    assert answers["articles/ledger_0411.md"][1] == "removed"
    registry = yaml.safe_load((seeds / ids.IDS_FILE).read_text(encoding="utf-8"))
    assert registry["entities"]["tarek-ovensen"]["to"] == "piet-daalder"
    assert registry["articles"]["wire_0412"]["to"] == "wire_0412_full"
    assert set(yaml.safe_load(first_registry)["events"]) <= set(registry["events"]), "an id was forgotten"

    # build 4: the deleted seed comes back: its page (and ids) are alive again
    (seeds / "ledger_0411.txt").write_text(_seed("ledger_0411.txt"), encoding="utf-8")
    build(config)
    answers = _check_all(docs, ever | _pages(docs))
    assert answers["articles/ledger_0411.md"] == ("articles/ledger_0411.md", "page")

    # the same seeds and registry give the same site and registry (a CI build that cannot commit)
    before = (seeds / ids.IDS_FILE).read_bytes()
    report = build(config, write=True).report
    assert (seeds / ids.IDS_FILE).read_bytes() == before
    assert report is not None and not report.written

    # and every redirect page builds strictly, with a refresh and a canonical link in its head
    done = mkdocs_build(config.root)
    assert done.returncode == 0, done.stderr[-3000:]
    html = (config.root / "site" / "people" / "tarek-ovensen" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../piet-daalder/">' in html
    assert '<link rel="canonical" href="../piet-daalder/">' in html
    assert html.count('rel="canonical"') == 1


def test_registry_is_sorted_and_deterministic(make_project) -> None:  # type: ignore[no-untyped-def]
    seeds = {"wire_0412.txt": _seed("wire_0412.txt"), "ledger_0411.txt": _seed("ledger_0411.txt")}
    first = make_project(seeds)
    build(first, write=True)
    text = (first.seeds_dir / ids.IDS_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    for kind in ids.KINDS:
        assert list(data[kind]) == sorted(data[kind])
    registry, problems = ids.load(first.seeds_dir, "seeds/ids.yml")
    assert not problems and ids.dump(registry) == text


def test_damaged_registry_is_reported_and_left_alone(make_project) -> None:  # type: ignore[no-untyped-def]
    config = make_project({"wire_0412.txt": _seed("wire_0412.txt"), "ids.yml": "events: [unclosed\n"})
    result = build(config)
    messages = [d.format() for d in result.diagnostics]
    assert any(m.startswith("ERROR seeds/ids.yml:") and "cannot read the id registry" in m for m in messages)
    assert (config.seeds_dir / "ids.yml").read_text(encoding="utf-8") == "events: [unclosed\n"
    assert (config.docs_dir / "articles" / "wire_0412.md").is_file()
    assert not any("no seed named 'ids'" in m for m in messages)


def test_a_preview_shows_retired_event_addresses_as_redirects_and_records_nothing(make_project) -> None:  # type: ignore[no-untyped-def]
    """What ``mkdocs serve`` does (``record_ids`` off): the curator merges two events; the preview
    already answers the retired address with a redirect, and the registry on disk is left as it was."""
    import dataclasses

    config = make_project({name: _seed(name) for name in ("ledger_0411.txt", "wire_0412.txt", "digest_0424.txt",
                                                          "ledger_0515.txt")})
    build(config)
    docs, seeds = config.docs_dir, config.seeds_dir
    events = sorted(_event_pages(docs))
    assert len(events) >= 2, events
    registry = (seeds / ids.IDS_FILE).read_bytes()
    keep, retire = (posixpath.splitext(posixpath.basename(p))[0] for p in events[:2])
    (seeds / "curation.yml").write_text(f"events:\n  - merge: [{keep}, {retire}]\n", encoding="utf-8")
    build(dataclasses.replace(config, record_ids=False))
    assert _resolve(docs, f"events/{retire}.md") == (f"events/{keep}.md", "redirect")
    assert (seeds / ids.IDS_FILE).read_bytes() == registry


def test_the_registry_round_trips_names_libyaml_refuses(tmp_path: Path) -> None:
    # a lone surrogate (a file name's odd byte) and a line separator: written and read back the same
    odd = "bad\udce9name \u2028 \x85 'quoted: yes'"
    kind = ids.KINDS[0]
    registry = ids.Registry({kind: {"odd": ids.Record("odd", odd, (odd, "=key"))}})
    (tmp_path / ids.IDS_FILE).write_text(ids.dump(registry), encoding="utf-8", errors="surrogateescape")
    again, problems = ids.load(tmp_path, "seeds/ids.yml")
    assert not problems and again.kind(kind)["odd"].name == odd and again.kind(kind)["odd"].keys == (odd, "=key")
