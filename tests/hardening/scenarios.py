"""Attacks that take more than one build of one folder: each scenario sets up a project, does what
the attack does and returns (whether the promise holds, what happened). Rows of the hostile table
(``python -m tests.hardening.hostile``) and tests of ``test_scenarios.py``."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from archive_builder import pipeline
from archive_builder import write as write_mod
from archive_builder.cache import CACHE_DIR, CACHE_FILE
from archive_builder.errors import ArchiveError
from tests.support.project import Project, make_project

BODY = ("The harbour authority reopened the northern terminal on Tuesday after three weeks of repairs, "
        "officials said. Ships queued outside the breakwater for most of the morning.\n\n"
        "The director said traffic would return to normal by the weekend, and that the repairs had "
        "cost less than expected.\n")
OUTLETS = ("الشرق الأوسط", "العربية", "شفق نيوز", "ایرنا", "日本", "-->")


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    run: Callable[[Path], tuple[bool, str]]


def _md(outlet: str, title: str) -> str:
    return f"---\ntitle: {json.dumps(title)}\noutlet: {json.dumps(outlet, ensure_ascii=False)}\n---\n\n{BODY}"


def non_latin_outlets(work: Path) -> tuple[bool, str]:
    """Outlets whose names have no Latin letter: one page each, and copies between two of them are
    not revisions of one outlet's article."""
    seeds = {f"copy{i}.md": _md(name, f"Harbour reopens ({i})") for i, name in enumerate(OUTLETS)}
    project = make_project(work / "p", seeds)
    data = project.export()
    outlets = {o["id"]: o["name"] for o in data["outlets"] if o["articles"]}
    kinds = sorted({r["relation"] for r in data["relations"]})
    ok = len(outlets) == len(OUTLETS) and set(outlets.values()) == set(OUTLETS) and "revision" not in kinds
    return ok, f"{len(outlets)} outlet ids for {len(OUTLETS)} outlets ({', '.join(sorted(outlets))}); relations: {kinds}"


def non_latin_entities(work: Path) -> tuple[bool, str]:
    """People whose names the curator gives in their own scripts get distinct readable ids (no longer
    one ``person`` page), and their pages show the names in those scripts."""
    text = ("Port talks resume\n\nIvan Petrov, the port director, met Anna Smirnova and Omar Haddad on Monday, "
            "officials said. Ivan Petrov said Anna Smirnova and Omar Haddad would return on Friday.\n")
    curation = ("entities:\n  - entity: Ivan Petrov\n    name: Иван Петров\n  - entity: Anna Smirnova\n"
                "    name: Анна Смирнова\n  - entity: Omar Haddad\n    name: عمر حداد\n")
    project = make_project(work / "p", {"port.txt": text, "curation.yml": curation})
    data = project.export()
    people = {e["id"]: e["name"] for e in data["entities"] if e["type"] == "person"}
    wanted = {"Иван Петров", "Анна Смирнова", "عمر حداد"}
    readable = all(i.isascii() and sum(ch.isalpha() for ch in i.rsplit("-", 1)[0]) >= 3 for i in people)
    shown = all(name in (project.docs / "people" / f"{i}.md").read_text(encoding="utf-8")
                for i, name in people.items() if (project.docs / "people" / f"{i}.md").exists())
    ok = wanted <= set(people.values()) and readable and shown and len(people) == len(set(people))
    return ok, f"{len(people)} people: " + ", ".join(f"{i} ({n})" for i, n in sorted(people.items()))


def _snapshot(project: Project) -> dict[str, bytes]:
    files = json.loads((project.docs / ".archive-manifest.json").read_text())["files"]
    return {rel: (project.docs / rel).read_bytes() for rel in sorted(files)}


SEEDS = {"harbour.txt": "Harbour reopens\n\nBy Maria Okonkwo\n\n" + BODY,
         "council.txt": "Council approves budget\n\nThe city council approved the budget on Monday.\n"}


def cache_damage(work: Path) -> tuple[bool, str]:
    """A same-length edit inside every cached page: a warning, the pages computed again, the site
    as a clean build's; the next build is not skipped on the damaged cache's word."""
    project = make_project(work / "p", SEEDS)
    pipeline.build(project.config())
    clean = _snapshot(project)
    with sqlite3.connect(project.root / CACHE_DIR / CACHE_FILE) as db:
        for key, value in db.execute("SELECT key, value FROM sealed_pages").fetchall():
            db.execute("UPDATE sealed_pages SET value = ? WHERE key = ?", (bytes(value).replace(b"harbour", b"HARBOR!"), key))
    result = pipeline.build(project.config())
    warned = [d.format() for d in result.diagnostics if "digest mismatch" in d.message]
    ok = bool(warned) and result.skipped is None and _snapshot(project) == clean
    return ok, (warned[0] if warned else "no warning") + ("; site as a clean build's" if ok else "; SITE DIFFERS")


def concurrent_builds(work: Path) -> tuple[bool, str]:
    """Two builds of one folder at once: the second waits for the first's lock; both succeed and the
    site is a clean build's."""
    project = make_project(work / "p", SEEDS)
    errors: list[str] = []

    def one() -> None:
        try:
            pipeline.build(project.config(cache=False))
        except Exception as exc:  # noqa: BLE001 - the finding
            errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    site = _snapshot(project)
    clean = make_project(work / "q", SEEDS)
    pipeline.build(clean.config(cache=False))
    ok = not errors and site == _snapshot(clean) and not (project.docs / write_mod.STAGING).exists()
    return ok, "; ".join(errors) or "both builds succeeded; site as a clean build's; no staging left"


def disk_full(work: Path) -> tuple[bool, str]:
    """The disk fills up while the pages are staged: a clear error naming the file, the staging folder
    removed, the previous site untouched."""
    project = make_project(work / "p", SEEDS)
    pipeline.build(project.config())
    before = _snapshot(project)
    (project.seeds / "council.txt").write_text(SEEDS["council.txt"] + "\nMore.\n", encoding="utf-8")
    real = write_mod._plain_write

    def full(path: Path | str, data: bytes) -> None:
        if str(path).endswith(".md"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path, data)

    with mock.patch.object(write_mod, "_plain_write", full):
        try:
            pipeline.build(project.config())
            return False, "no error"
        except ArchiveError as exc:
            message = exc.message
    ok = ("No space left" in message and ".md" in message and not (project.docs / write_mod.STAGING).exists()
          and _snapshot(project) == before)
    return ok, message


def scenarios() -> list[Scenario]:
    return [
        Scenario("outlets with no Latin letter (Arabic, Persian, Japanese, '-->')", non_latin_outlets),
        Scenario("people named in Cyrillic", non_latin_entities),
        Scenario("same-length edit inside every cached page", cache_damage),
        Scenario("two builds of one folder at once", concurrent_builds),
        Scenario("disk full while staging", disk_full),
    ]


def table(results: list[tuple[Scenario, bool, str]]) -> str:
    lines = [f"{len(results)} attacks over several builds; {sum(ok for _, ok, _ in results)} hold", "",
             "| # | attack | verdict | what happened |", "|---|---|---|---|"]
    for number, (scenario, ok, detail) in enumerate(results, start=1):
        detail = detail.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {number} | {scenario.name} | {'ok' if ok else 'FAILS'} | "
                     f"{detail if len(detail) < 240 else detail[:237] + '...'} |")
    return "\n".join(lines)
