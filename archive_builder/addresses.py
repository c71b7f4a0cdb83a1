"""Permanent addresses: give the analysed archive its recorded ids, and list the retired ones.

Runs after the stages and before rendering (``pipeline.py``). Entities, events and outlets take the
id the registry (``ids.py``) recorded for them, whatever their display name became; article and
compare pages keep the address their seed names give them, and an address that changed (a renamed
seed file, a slug rule that changed, a relation that turned around) is recorded as retired and
redirects. Every retired id becomes a redirect page (``render/redirects_view.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from archive_builder import ids
from archive_builder.entities.names import fold
from archive_builder.events import event_keys
from archive_builder.events.mentions import FAMILY_OF
from archive_builder.ids import Item, Record, Registry
from archive_builder.model import (
    Archive,
    Entity,
    EntityIndex,
    Event,
    EventIndex,
    MergeSuggestion,
    Node,
    ProvenanceIndex,
    Retired,
)
from archive_builder.render.context import article_page, page_slug
from archive_builder.render.entities_view import FOLDERS
from archive_builder.render.events_view import event_page, has_page
from archive_builder.render.provenance_links import is_pair, outlet_page

ARTICLE_KEYS = 12  # articles recorded per entity or outlet (names identify them; articles break ties)


def _name_keys(names: tuple[str, ...]) -> set[str]:
    return {f"=n:{fold(n).casefold()}" for n in names if n.strip()}


def entity_item(e: Entity) -> Item:
    keys = _name_keys((e.name, *e.aliases)) | {f"a:{a}" for a in sorted(e.articles)[:ARTICLE_KEYS]}
    return Item(e.id, e.name, frozenset(keys), e.type)


def event_item(e: Event) -> Item:
    return Item(e.id, e.label, event_keys(e.articles, FAMILY_OF.get(e.trigger, e.trigger), e.trigger, e.date))


def _rename_entities(index: EntityIndex, m: Mapping[str, str]) -> EntityIndex:
    def r(x: str) -> str:
        return m.get(x, x)

    entities = sorted((replace(e, id=r(e.id), candidates=tuple(r(c) for c in e.candidates)) for e in index.entities),
                      key=lambda e: e.id)
    mentions = sorted((replace(x, entity=r(x.entity)) for x in index.mentions),
                      key=lambda x: (x.article, x.field, x.part, x.start, x.end, x.entity))
    suggestions = tuple(MergeSuggestion(r(s.a), r(s.b), s.score, s.reason) for s in index.suggestions)
    return EntityIndex(tuple(entities), tuple(mentions), suggestions)


def _rename_events(index: EventIndex, m: Mapping[str, str], entities: Mapping[str, str],
                   kept: set[str]) -> EventIndex:
    events = sorted((replace(e, id=m.get(e.id, e.id), participants=tuple(entities.get(p, p) for p in e.participants),
                             places=tuple(entities.get(p, p) for p in e.places), kept=m.get(e.id, e.id) in kept)
                     for e in index.events), key=lambda e: e.id)
    mentions = sorted((replace(x, event=m.get(x.event, x.event)) for x in index.mentions),
                      key=lambda x: (x.article, x.start, x.end, x.event))
    return EventIndex(tuple(events), tuple(mentions))


def _node(n: Node, m: Mapping[str, str]) -> Node:
    return replace(n, outlet=m.get(n.outlet, n.outlet)) if n.outlet else n


def _rename_outlets(index: ProvenanceIndex, m: Mapping[str, str]) -> ProvenanceIndex:
    return ProvenanceIndex(
        tuple(sorted((replace(o, id=m.get(o.id, o.id)) for o in index.outlets), key=lambda o: o.id)),
        tuple(replace(a, outlet=m.get(a.outlet, a.outlet)) for a in index.attributions),
        tuple(replace(r, source=_node(r.source, m), target=_node(r.target, m)) for r in index.relations),
        tuple((a, tuple(_node(n, m) for n in chain)) for a, chain in index.chains),
    )


def _fixed(items: list[Item], recorded: Mapping[str, Record]) -> dict[str, Record]:
    """Records for items whose address is not ours to choose (article and compare pages): each
    keeps its own; a recorded one no item holds any more is retired towards the best match."""
    now = {i.fresh: i for i in items}
    records = dict(recorded)
    for item in items:
        records[item.fresh] = Record(item.fresh, item.name, ids._keys(item.keys), item.type)
    for rid, record in recorded.items():
        if record.live and rid not in now:
            records[rid] = ids._retire(record, now)
    return records


def _article_items(archive: Archive) -> list[Item]:
    return [Item(page_slug(a.id), a.title, frozenset({f"=sha:{a.sha256[:16]}", f"=t:{fold(a.title).casefold()}|"
                                                       f"{(a.outlet or '').casefold()}", f"a:{a.id}"}))
            for a in archive.articles]


def _compare_items(archive: Archive) -> list[Item]:
    known = {a.id for a in archive.articles}
    out: dict[str, Item] = {}
    for r in archive.provenance.relations:
        if is_pair(r) and r.source.article in known and r.target.article in known:
            a, b = page_slug(r.source.article or ""), page_slug(r.target.article or "")
            out[f"{a}--{b}"] = Item(f"{a}--{b}", f"{a} and {b}", frozenset({f"=p:{a}", f"=p:{b}"}))
    return list(out.values())


def _path(kind: str, rid: str, record: Record | None) -> str:
    if kind == "articles":
        return f"articles/{rid}.md"
    if kind == "compare":
        return f"provenance/compare/{rid}.md"
    if kind == "events":
        return event_page(rid)
    if kind == "outlets":
        return outlet_page(rid)
    folder = FOLDERS.get(record.type or "", "entities") if record is not None else "entities"
    return f"{folder}/{rid}.md"


def retired(registry: Registry, live_paths: set[str]) -> tuple[Retired, ...]:
    """Every recorded address without a page of its own in this build."""
    out: list[Retired] = []
    for kind in ids.KINDS:
        records = registry.kind(kind)
        for rid in sorted(records):
            record = records[rid]
            paths = [_path(kind, rid, record)] + [_path(kind, rid, replace(record, type=t)) for t in record.was]
            to = ids.target(records, rid)
            for path in dict.fromkeys(paths):
                if path in live_paths:
                    continue
                if to is None:
                    out.append(Retired(kind, rid, record.name, path))
                else:
                    out.append(Retired(kind, rid, record.name, path, to.id, _path(kind, to.id, to)))
    return tuple(sorted(out, key=lambda r: r.path))


def settle(archive: Archive, registry: Registry) -> tuple[Archive, Registry]:
    """The archive with its recorded ids, and the registry after this build."""
    records: dict[str, Mapping[str, Record]] = dict(registry.records)
    emap, records["entities"] = ids.settle([entity_item(e) for e in archive.entities.entities],
                                           registry.kind("entities"))
    omap, records["outlets"] = ids.settle(
        [Item(o.id, o.name, frozenset(_name_keys((o.name,)) | {f"a:{a}" for a in sorted(o.articles)[:ARTICLE_KEYS]}))
         for o in archive.provenance.outlets], registry.kind("outlets"))
    recorded_events = registry.kind("events")
    published = [e for e in archive.events.events
                 if has_page(e) or (e.id in recorded_events and recorded_events[e.id].live)]
    vmap, records["events"] = ids.settle([event_item(e) for e in published], recorded_events)
    records["articles"] = _fixed(_article_items(archive), registry.kind("articles"))
    records["compare"] = _fixed(_compare_items(archive), registry.kind("compare"))
    kept = {pid for pid in vmap.values() if pid in recorded_events}
    archive = replace(archive, entities=_rename_entities(archive.entities, emap),
                      events=_rename_events(archive.events, vmap, emap, kept),
                      provenance=_rename_outlets(archive.provenance, omap))
    registry = Registry(_with_history(records, registry))
    live = _live_paths(archive)
    return replace(archive, retired=retired(registry, live)), registry


def _with_history(records: Mapping[str, Mapping[str, Record]], before: Registry) -> dict[str, Mapping[str, Record]]:
    """Entities that changed type keep their former types (their old folder redirects)."""
    out = dict(records)
    entities = dict(records["entities"])
    for rid, old in before.kind("entities").items():
        new = entities.get(rid)
        if new is not None and old.type and new.type != old.type:
            entities[rid] = replace(new, was=tuple(sorted({*old.was, old.type} - {new.type or ""})))
        elif new is not None and old.was:
            entities[rid] = replace(new, was=tuple(sorted(set(old.was) - {new.type or ""})))
    out["entities"] = entities
    return out


def _live_paths(archive: Archive) -> set[str]:
    paths = {article_page(a.id) for a in archive.articles}
    paths |= {f"{FOLDERS[e.type]}/{e.id}.md" for e in archive.entities.entities}
    paths |= {event_page(e.id) for e in archive.events.events if has_page(e)}
    paths |= {outlet_page(o.id) for o in archive.provenance.outlets}
    paths |= {f"provenance/compare/{i.fresh}.md" for i in _compare_items(archive)}
    return paths
