"""The id registry, ``seeds/ids.yml``: every published page's id, assigned once and kept for good.

A stage names what it finds (``killing-of-general-suleimani``, ``qassim-suleimani``); those *fresh*
ids follow display names and would change when a new article renames an event or a curator renames
a person. The registry remembers every id ever published with the *keys* that identify its item
(an event's ``article#family`` pairs, an entity's names, an article's digest and title). On each
build, ``settle`` gives every item of a kind its recorded id when they share keys, and records new
items under their fresh id (made unique against every id ever used). A recorded id no current item
takes is *retired*: it redirects to the item that now holds most of its keys (a merge), or is marked
removed. Ids are never deleted, so every address ever published keeps answering.

Keys starting with ``=`` are strong (a name, an ``article#family`` pair): an item takes a recorded id
only when they share a strong key, so a new person in the same article never inherits a deleted
person's id. Other keys (articles, dates) only rank the candidates.

The file is data written by the build (sorted, deterministic); a curator commits it with the seeds.
Where the build cannot commit (CI), the same registry and seeds give the same ids, so the published
site is right; the ids of items new since the last commit are recorded by the next local build.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from archive_builder.model import Diagnostic

IDS_FILE = "ids.yml"
KINDS = ("articles", "entities", "events", "outlets", "compare")
MAX_KEYS = 24  # keys kept per id: enough to recognise it, small enough for a 10,000-article archive
_HEADER = (
    "# Permanent addresses: every id this archive has published, written by `archive-builder build`.\n"
    "# Commit this file with the seeds. Never delete an entry: an id without a page redirects to\n"
    "# 'to:' (it was merged or renamed) or shows that it was removed. See docs/guide/curating.md.\n"
)


@dataclass(frozen=True, slots=True)
class Record:
    """One id as recorded: its item's name and keys, or where a retired id now points."""

    id: str
    name: str
    keys: tuple[str, ...] = ()
    type: str | None = None  # entities: person | organization | place; articles: the page slug
    to: str | None = None  # retired: the id it redirects to
    removed: bool = False  # retired: nothing holds its keys any more
    was: tuple[str, ...] = ()  # entities: the types it had before (their folders redirect)

    @property
    def live(self) -> bool:
        return self.to is None and not self.removed


@dataclass(frozen=True, slots=True)
class Item:
    """A current item of a kind, as a stage named it."""

    fresh: str
    name: str
    keys: frozenset[str]
    type: str | None = None


@dataclass(frozen=True, slots=True)
class Registry:
    records: Mapping[str, Mapping[str, Record]] = field(default_factory=dict)  # kind -> id -> record

    def kind(self, kind: str) -> Mapping[str, Record]:
        return self.records.get(kind, {})


# --------------------------------------------------------------------------- settling ids


def _candidates(item: Item, index: Mapping[str, list[str]], pool: Mapping[str, Record]) -> set[str]:
    found = {rid for key in item.keys if key.startswith("=") for rid in index.get(key, ())}
    return {rid for rid in found if rid in pool}


def _index(records: Iterable[Record]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = defaultdict(list)
    for record in records:
        for key in record.keys:
            if key.startswith("="):
                index[key].append(record.id)
    return index


def _score(item: Item, record: Record) -> tuple[int, int, int, int]:
    """Shared strong keys, then the same name (a merged entity keeps the id of the name it shows),
    then all shared keys, then the same fresh id."""
    shared = item.keys & set(record.keys)
    strong = sum(1 for k in shared if k.startswith("="))
    return strong, 1 if item.name == record.name else 0, len(shared), 1 if item.fresh == record.id else 0


def _assign(items: list[Item], pool: Mapping[str, Record], taken: set[str]) -> dict[str, str]:
    """Greedy one-to-one: the best-scoring (item, record) pairs first."""
    index = _index(pool.values())
    pairs = []
    for item in items:
        for rid in _candidates(item, index, pool):
            score = _score(item, pool[rid])
            if score[0]:
                pairs.append((tuple(-s for s in score), item.fresh, rid))
    pairs.sort()
    out: dict[str, str] = {}
    for _, fresh, rid in pairs:
        if fresh in out or rid in taken:
            continue
        out[fresh] = rid
        taken.add(rid)
    return out


def _new_id(fresh: str, used: set[str]) -> str:
    if fresh not in used:
        return fresh
    n = 2
    while f"{fresh}-{n}" in used:
        n += 1
    return f"{fresh}-{n}"


def _keys(keys: Iterable[str]) -> tuple[str, ...]:
    ordered = sorted(set(keys), key=lambda k: (not k.startswith("="), k))
    return tuple(ordered[:MAX_KEYS])


def settle(items: list[Item], recorded: Mapping[str, Record]) -> tuple[dict[str, str], dict[str, Record]]:
    """Permanent ids for ``items`` (fresh id -> id) and the kind's records after this build.

    Live records are matched first, then removed ones (an article put back revives its ids);
    retired records keep pointing where they did, a merged id to its survivor."""
    items = sorted(items, key=lambda i: i.fresh)
    taken: set[str] = set()
    live = {rid: r for rid, r in recorded.items() if r.live}
    mapping = _assign(items, live, taken)
    gone = {rid: r for rid, r in recorded.items() if r.removed}
    mapping.update(_assign([i for i in items if i.fresh not in mapping], gone, taken))
    used = set(recorded) | set(mapping.values())
    for item in items:
        if item.fresh not in mapping:
            mapping[item.fresh] = _new_id(item.fresh, used)
            used.add(mapping[item.fresh])
    records = dict(recorded)
    now: dict[str, Item] = {}
    for item in items:
        pid = mapping[item.fresh]
        now[pid] = item
        was = recorded[pid].was if pid in recorded else ()
        records[pid] = Record(pid, item.name, _keys(item.keys), item.type, was=was)
    for rid, record in live.items():
        if rid not in now:
            records[rid] = _retire(record, now)
    return mapping, records


def _retire(record: Record, now: Mapping[str, Item]) -> Record:
    """A live id no item took: it points to the item holding most of its keys, or is removed."""
    keys = set(record.keys)
    best = max(((sum(1 for k in keys & i.keys if k.startswith("=")), len(keys & i.keys), pid)
                for pid, i in now.items() if keys & i.keys), default=None)
    if best is None or best[0] == 0:
        return replace(record, to=None, removed=True)
    return replace(record, to=best[2], removed=False)


def target(records: Mapping[str, Record], rid: str) -> Record | None:
    """The live record a retired id leads to (following renames of renames), or None if removed."""
    seen: set[str] = set()
    record = records.get(rid)
    while record is not None and record.to is not None and record.id not in seen:
        seen.add(record.id)
        record = records.get(record.to)
    return record if record is not None and record.live else None


# --------------------------------------------------------------------------- the file


def _record(kind: str, rid: str, data: Any) -> Record | None:
    if not isinstance(data, dict):
        return None
    keys = data.get("keys") or []
    to = data.get("to")
    return Record(rid, str(data.get("name") or rid), tuple(str(k) for k in keys) if isinstance(keys, list) else (),
                  str(data["type"]) if data.get("type") is not None else None,
                  str(to) if to is not None else None, bool(data.get("removed")),
                  tuple(str(w) for w in data.get("was") or ()) if isinstance(data.get("was"), list) else ())


def load(seeds_dir: Path, rel: str) -> tuple[Registry, list[Diagnostic]]:
    """The registry in the seeds folder (empty when there is none); a damaged file is reported and
    read as far as it goes, never fatal."""
    path = seeds_dir / IDS_FILE
    if not path.exists():
        return Registry(), []
    try:
        data = _read(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        return Registry(), [Diagnostic(rel, f"cannot read the id registry: {exc.__class__.__name__}", "error",
                                       mark.line + 1 if mark else None,
                                       "restore it from version control; ids are not recorded until it reads")]
    if not isinstance(data, dict):
        return Registry(), [Diagnostic(rel, "the id registry is not a mapping", "error",
                                       hint="restore it from version control")]
    problems: list[Diagnostic] = []
    records: dict[str, dict[str, Record]] = {}
    for kind in KINDS:
        section = data.get(kind) or {}
        if not isinstance(section, dict):
            problems.append(Diagnostic(rel, f"'{kind}' is not a mapping of ids; section ignored", "error"))
            continue
        found = {str(k): _record(kind, str(k), v) for k, v in section.items()}
        bad = sorted(k for k, v in found.items() if v is None)
        if bad:
            problems.append(Diagnostic(rel, f"{kind}: unreadable entries ignored: {', '.join(bad[:5])}", "warning"))
        records[kind] = {k: v for k, v in found.items() if v is not None}
    return Registry(records), problems


def _entry(record: Record) -> dict[str, Any]:
    out: dict[str, Any] = {"name": record.name}
    if record.type is not None:
        out["type"] = record.type
    if record.was:
        out["was"] = list(record.was)
    if record.to is not None:
        out["to"] = record.to
    elif record.removed:
        out["removed"] = True
    else:
        out["keys"] = list(record.keys)
    return out


def dump(registry: Registry) -> str:
    data: dict[str, Any] = {"version": 1}
    for kind in KINDS:
        section = registry.kind(kind)
        data[kind] = {rid: _entry(section[rid]) for rid in sorted(section)}
    options: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "width": 100, "default_flow_style": False}
    try:
        body = str(yaml.dump(data, Dumper=_Dumper, **options))
    except (UnicodeEncodeError, yaml.YAMLError):  # libyaml refuses what Python's emitter escapes (a lone
        body = str(yaml.dump(data, Dumper=yaml.SafeDumper, **options))  # surrogate from a file name's odd byte)
    return _HEADER + body


def _read(text: str) -> Any:
    """The registry's data: libyaml first, Python's reader for what libyaml refuses (escaped surrogates)."""
    try:
        return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
    except (UnicodeError, yaml.YAMLError):
        return yaml.safe_load(text)


# libyaml's safe loader and emitter when PyYAML has them (its wheels do): the registry of a large
# archive is read and written on every build, 5x faster than in Python
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    pass


def save(seeds_dir: Path, registry: Registry) -> bool:
    """Write the registry when it changed; True when written."""
    path = seeds_dir / IDS_FILE
    text = dump(registry)
    try:
        if path.exists() and path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    tmp = path.with_name(f".{IDS_FILE}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return True
