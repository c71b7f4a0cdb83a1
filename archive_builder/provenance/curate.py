"""The ``relations:`` section of ``seeds/curation.yml``: curators assert or deny relations.

    relations:
      - source: 000_72390fa45c841a5e        # an article id, or {outlet: The New York Times}
        target: 001_efc5fe58cbd9dffa
        relation: common-source             # assert (replaces what was found for the pair)
        direction_known: false              # optional (default: true, false for common-source)
        note: Both summarise the same report.
      - source: 002_x
        target: 003_y
        deny: true                          # these two are not related (whatever was found)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archive_builder.curation import Curation
from archive_builder.model import Diagnostic, Node, Passage, Relation
from archive_builder.provenance.align import flip_passage
from archive_builder.provenance.attribution import outlet_id
from archive_builder.textutil import near_miss

TYPES = ("republication", "excerpt", "quotation", "summary", "revision", "common-source")
KEYS = ("source", "target", "relation", "deny", "direction_known", "note")


@dataclass(frozen=True, slots=True)
class Ruling:
    source: Node
    target: Node
    relation: str | None  # None when denied
    direction_known: bool
    note: str | None
    line: int | None
    names: tuple[tuple[str, str], ...] = ()  # (outlet id, name as the curator wrote it)


def _node(value: Any, ids: tuple[str, ...], where: tuple[str, int | None], field: str,
          problems: list[Diagnostic]) -> Node | None:
    path, line = where
    if isinstance(value, dict) and "outlet" in value and isinstance(value["outlet"], str):
        return Node(outlet=outlet_id(value["outlet"]))
    if isinstance(value, dict) and "article" in value:
        value = value["article"]
    if not isinstance(value, str | int) or isinstance(value, bool):
        problems.append(Diagnostic(path, f"'{field}' must be an article id or {{outlet: name}}", line=line))
        return None
    text = str(value)
    if text not in ids:
        guess = near_miss(text, ids)
        hint = f"did you mean '{guess}'?" if guess else "use the seed's file name without extension"
        problems.append(Diagnostic(path, f"'{field}': no article '{text}'", line=line, hint=hint))
        return None
    return Node(article=text)


def _entry(item: Any, ids: tuple[str, ...], path: str, problems: list[Diagnostic]) -> Ruling | None:
    line = Curation.line_of(item)
    if not isinstance(item, dict):
        problems.append(Diagnostic(path, "each relation must be a mapping with 'source' and 'target'", line=line))
        return None
    for key in sorted(k for k in item if k != "__line__"):
        if key not in KEYS:
            guess = near_miss(str(key), KEYS)
            hint = f"did you mean '{guess}'?" if guess else f"known keys: {', '.join(KEYS)}"
            problems.append(Diagnostic(path, f"unknown key '{key}' in a relation", line=line, hint=hint))
            return None
    if "source" not in item or "target" not in item:
        problems.append(Diagnostic(path, "a relation needs both 'source' and 'target'", line=line))
        return None
    source = _node(item["source"], ids, (path, line), "source", problems)
    target = _node(item["target"], ids, (path, line), "target", problems)
    if source is None or target is None:
        return None
    deny, relation = item.get("deny") is True, item.get("relation")
    if deny == (relation is not None):
        problems.append(Diagnostic(path, "give either 'relation: <type>' or 'deny: true'", line=line))
        return None
    if relation is not None and relation not in TYPES:
        guess = near_miss(str(relation), TYPES)
        hint = f"did you mean '{guess}'?" if guess else f"types: {', '.join(TYPES)}"
        problems.append(Diagnostic(path, f"unknown relation type '{relation}'", line=line, hint=hint))
        return None
    known = item.get("direction_known", relation != "common-source")
    note = item.get("note")
    names = tuple((outlet_id(v["outlet"]), str(v["outlet"]).strip()) for v in (item["source"], item["target"])
                  if isinstance(v, dict) and isinstance(v.get("outlet"), str))
    return Ruling(source, target, relation, bool(known), str(note) if note is not None else None, line, names)


def rulings(curation: Curation, ids: tuple[str, ...]) -> tuple[tuple[Ruling, ...], tuple[Diagnostic, ...]]:
    section = curation.section("relations")
    if section is None:
        return (), ()
    if not isinstance(section, list):
        return (), (Diagnostic(curation.path, "'relations:' must be a list of entries", line=Curation.line_of(section)),)
    problems: list[Diagnostic] = []
    found = [_entry(item, ids, curation.path, problems) for item in section]
    return tuple(r for r in found if r is not None), tuple(problems)


def _pair(r: Relation) -> frozenset[Node]:
    return frozenset((r.source, r.target))


def apply(relations: list[Relation], rules: tuple[Ruling, ...]) -> list[Relation]:
    """Denied pairs dropped; asserted ones replace what was found (keeping its passages)."""
    out = list(relations)
    for rule in rules:
        pair = frozenset((rule.source, rule.target))
        found = [r for r in out if _pair(r) == pair]
        out = [r for r in out if _pair(r) != pair]
        if rule.relation is None:
            continue
        passages: tuple[Passage, ...] = ()
        if found and found[0].source == rule.source:
            passages = found[0].passages
        elif found:
            passages = tuple(flip_passage(p) for p in found[0].passages)
        reasons = ("asserted by the curator" + (f": {rule.note}" if rule.note else ""),)
        out.append(Relation(rule.source, rule.target, rule.relation, rule.direction_known, 1.0,
                            found[0].evidence if found else (), passages, True, reasons))
    return out
