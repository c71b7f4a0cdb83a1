"""The curator's decisions on entities: the ``entities:`` section of ``seeds/curation.yml``.

    entities:
      - entity: Qassim Suleimani        # an entity, by id or by any name it is seen under
        name: Qassem Soleimani          # rename (the id follows the name)
        type: person                    # person | organization | place
        description: Commander of Iran's Quds Force.
        wikidata: Q193188               # published as sameAs https://www.wikidata.org/wiki/Q193188
        same_as: [https://example.org/id/1]
        aliases: [Haj Qassem]           # this text in any article is a mention of the entity
        reject_aliases: [Suleimani]     # mentions with this text are not this entity
      - merge: [Khataib Hezbollah, Kataib Hezbollah]   # optional name/type/description/... as above
      - split: Mark Smith               # one page, two people: these mentions become a new entity
        aliases: [Mark J. Smith]        # by the text of the mention, and/or
        articles: [012_abc]             # by article id
        name: Mark J. Smith
      - drop: Patriot                   # not an entity at all

Decisions apply after the automatic resolution, in file order, so they win on every rebuild.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from archive_builder.curation import Curation
from archive_builder.entities.extract import Candidate
from archive_builder.entities.index import assign_ids, display_name
from archive_builder.entities.local import Local
from archive_builder.entities.names import fold
from archive_builder.entities.resolve import Group, Suggestion
from archive_builder.model import Diagnostic
from archive_builder.textutil import near_miss

TYPES = ("person", "organization", "place")
ATTRS = ("name", "type", "description", "wikidata", "same_as")
KEYS = {
    "entity": {"entity", *ATTRS, "aliases", "reject_aliases"},
    "merge": {"merge", *ATTRS},
    "split": {"split", "aliases", "articles", "name", "type"},
    "drop": {"drop"},
}
_QID = re.compile(r"Q[1-9][0-9]*")


@dataclass(frozen=True, slots=True)
class Item:
    action: str
    data: dict[str, Any]
    line: int | None


@dataclass(frozen=True, slots=True)
class CurationPlan:
    path: str = "seeds/curation.yml"
    items: tuple[Item, ...] = ()
    aliases: tuple[str, ...] = ()  # curated alias texts, searched for in every article
    pattern: re.Pattern[str] | None = None  # all aliases in one expression, longest first

    def add_alias_mentions(self, body: str, cands: list[Candidate]) -> list[Candidate]:
        """Curated aliases found in ``body`` replace overlapping spotted names (typed later)."""
        if self.pattern is None:
            return cands
        found: list[Candidate] = []
        for m in self.pattern.finditer(body):
            alias = m.group(0)
            found.append(Candidate(m.start(), m.end(), alias, tuple(alias.split()), None, canonical="alias:" + alias))
        if not found:
            return cands
        kept = [c for c in cands if not any(c.start < f.end and f.start < c.end for f in found)]
        return sorted(kept + found, key=lambda c: (c.start, c.end))


def read_plan(curation: Curation) -> tuple[CurationPlan, list[Diagnostic]]:
    section = curation.section("entities")
    problems: list[Diagnostic] = []
    if section is None:
        return CurationPlan(curation.path), problems
    if not isinstance(section, list):
        line = Curation.line_of(section)
        return CurationPlan(curation.path), [Diagnostic(curation.path, "'entities' must be a list of decisions", line=line,
                                                        hint="start each decision with '- entity:', '- merge:', '- split:' or '- drop:'")]
    items: list[Item] = []
    for raw in section:
        item, issue = _item(curation.path, raw)
        if issue:
            problems.append(issue)
        elif item:
            items.append(item)
    aliases = tuple(sorted({str(a) for it in items if it.action == "entity" for a in it.data.get("aliases") or ()
                            if str(a).strip()}, key=lambda a: (-len(a), a)))
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, aliases)) + r")(?!\w)") if aliases else None
    return CurationPlan(curation.path, tuple(items), aliases, pattern), problems


def _item(path: str, raw: Any) -> tuple[Item | None, Diagnostic | None]:
    if not isinstance(raw, dict):
        return None, Diagnostic(path, f"entities: expected a decision, found {raw!r}",
                                hint="e.g. '- merge: [Name A, Name B]'")
    line = Curation.line_of(raw)
    data = {k: v for k, v in raw.items() if k != "__line__"}
    actions = [k for k in data if k in KEYS]
    if len(actions) != 1:
        keys = [k for k in data if k not in KEYS]
        guess = next((near_miss(str(k), tuple(KEYS)) for k in keys if near_miss(str(k), tuple(KEYS))), None)
        hint = f"did you mean '{guess}'?" if guess else "use exactly one of: entity, merge, split, drop"
        return None, Diagnostic(path, "entities: a decision needs exactly one of entity/merge/split/drop", line=line, hint=hint)
    action = actions[0]
    for key in data:
        if key not in KEYS[action]:
            guess = near_miss(str(key), tuple(sorted(KEYS[action])))
            return None, Diagnostic(path, f"entities: unknown key '{key}' in this '{action}' decision", line=line,
                                    hint=f"did you mean '{guess}'?" if guess else f"known keys: {', '.join(sorted(KEYS[action]))}")
    problem = _check_values(data)
    if problem:
        return None, Diagnostic(path, f"entities: {problem}", line=line)
    return Item(action, data, line), None


def _check_values(data: dict[str, Any]) -> str | None:
    kind = data.get("type")
    if kind is not None and kind not in TYPES:
        guess = near_miss(str(kind), TYPES)
        return f"unknown type '{kind}'" + (f" - did you mean '{guess}'?" if guess else f" (one of {', '.join(TYPES)})")
    qid = data.get("wikidata")
    if qid is not None and not _QID.fullmatch(str(qid)):
        return f"'{qid}' is not a Wikidata id (Q followed by digits, e.g. Q193188)"
    for key in ("aliases", "reject_aliases", "articles", "same_as"):
        value = data.get(key)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, (str, int)) for v in value)):
            return f"'{key}' must be a list of names"
    for url in data.get("same_as") or ():
        if not str(url).startswith(("https://", "http://")):
            return f"same_as '{url}' is not a web address (https://...)"
    merge = data.get("merge")
    if merge is not None and not (isinstance(merge, list) and len(merge) >= 2):
        return "'merge' needs a list of at least two names"
    for key in ("entity", "split", "drop", "name", "description"):
        if key in data and not isinstance(data[key], (str, int)):
            return f"'{key}' must be a single name or text"
    return None


# --------------------------------------------------------------------------- applying the plan


@dataclass(slots=True)
class _State:
    """The groups being curated, with an index from names to groups kept up to date incrementally
    (each decision touches a few groups; rescanning the archive per decision would be quadratic)."""

    plan: CurationPlan
    groups: list[Group]
    ids: dict[int, str]
    apart: set[tuple[int, int]] = field(default_factory=set)
    problems: list[Diagnostic] = field(default_factory=list)
    names: dict[str, list[Group]] = field(default_factory=dict)
    by_id: dict[str, Group] = field(default_factory=dict)
    alive: set[int] = field(default_factory=set)
    known: list[str] = field(default_factory=list)  # names for "did you mean" hints, computed once

    def __post_init__(self) -> None:
        self.by_id = {entity_id: g for g in self.groups if (entity_id := self.ids.get(id(g)))}
        for g in self.groups:
            self.index(g, g.forms() + [display_name(g)])

    def index(self, group: Group, names: list[str]) -> None:
        self.alive.add(id(group))
        for name in set(names):
            listed = self.names.setdefault(fold(name), [])
            if group not in listed:
                listed.append(group)

    def remove(self, group: Group) -> None:
        self.groups.remove(group)
        self.alive.discard(id(group))

    def find(self, ref: Any, item: Item) -> Group | None:
        want = fold(str(ref))
        exact = self.by_id.get(str(ref))
        seen = [g for g in self.names.get(want, []) if id(g) in self.alive]
        by_name = [g for g in seen if fold(display_name(g)) == want]
        by_form = [g for g in seen if any(fold(f) == want for f in g.forms())]
        found = [exact] if exact is not None and id(exact) in self.alive else by_name or by_form
        if len(found) == 1:
            return found[0]
        if found:
            names = sorted(f"{display_name(g)} ({g.type})" for g in found)
            self.warn(item, f"'{ref}' names {len(found)} entities: {'; '.join(names)}", "use the entity's id or full name")
            return None
        guess = self.closest(str(ref))
        self.warn(item, f"no entity named '{ref}'", f"did you mean '{guess}'?" if guess else "check the spelling")
        return None

    def closest(self, ref: str) -> str | None:
        """The known name nearest to a misspelt reference (rapidfuzz: fast on thousands of names)."""
        from rapidfuzz import process
        from rapidfuzz.distance import JaroWinkler

        if not self.known:
            self.known = sorted({display_name(g) for g in self.groups} | set(self.by_id))
        found = process.extractOne(ref, self.known, scorer=JaroWinkler.normalized_similarity, score_cutoff=0.75)
        return str(found[0]) if found else None

    def warn(self, item: Item, message: str, hint: str | None = None) -> None:
        self.problems.append(Diagnostic(self.plan.path, f"entities: {message}", "warning", item.line, hint))


def apply_plan(plan: CurationPlan, groups: list[Group], suggestions: list[Suggestion]) -> tuple[
        list[Group], list[Suggestion], list[Diagnostic]]:
    if not plan.items:
        return groups, suggestions, []
    ids = {id(group): entity_id for entity_id, _, group in assign_ids(groups)}
    state = _State(plan, list(groups), ids)
    for index, item in enumerate(plan.items):
        {"entity": _edit, "merge": _merge, "split": _split, "drop": _drop}[item.action](state, item, index)
    alive = {id(g) for g in state.groups}
    kept = [s for s in suggestions if id(s.a) in alive and id(s.b) in alive and s.a is not s.b
            and (id(s.a), id(s.b)) not in state.apart and (id(s.b), id(s.a)) not in state.apart]
    out = [g for g in state.groups if g.members or g.curated]
    return out, kept, state.problems


def _attrs(group: Group, data: dict[str, Any]) -> None:
    group.curated = True
    if data.get("name") is not None:
        group.name = str(data["name"])
        group.ambiguous = False  # the curator named who it is
    if data.get("type") is not None:
        group.type = data["type"]
    if data.get("description") is not None:
        group.description = " ".join(str(data["description"]).split())
    if data.get("wikidata") is not None:
        group.same_as.append(f"https://www.wikidata.org/wiki/{data['wikidata']}")
    group.same_as.extend(str(u) for u in data.get("same_as") or ())


def _take(group: Group, keep: Any) -> list[Local]:
    """Remove from ``group`` the spans ``keep(local, span)`` selects; return them as new locals."""
    taken: list[Local] = []
    for m in group.members:
        chosen = [s for s in m.spans if keep(m, s)]
        if chosen:
            m.spans = [s for s in m.spans if not keep(m, s)]
            m.forms = [s[2] for s in m.spans]
            taken.append(Local(m.type, m.key, m.words, [s[2] for s in chosen], chosen, m.canonical,
                               m.surname_only, m.article, m.field, m.part, m.published))
    group.members = [m for m in group.members if m.spans]
    return taken


def _edit(state: _State, item: Item, index: int) -> None:
    group = state.find(item.data["entity"], item)
    aliases = {fold(str(a)) for a in item.data.get("aliases") or ()}
    if group is None:  # mentions found only for this alias are not an entity of their own
        for other in {id(g): g for a in aliases for g in state.names.get(a, [])}.values():
            _take(other, lambda m, s: m.canonical is not None and m.canonical.startswith("alias:"))
        return
    _attrs(group, item.data)
    state.index(group, [display_name(group)])
    if aliases:
        for other in {id(g): g for a in aliases for g in state.names.get(a, []) if id(g) in state.alive}.values():
            if other is not group:
                group.members += _take(other, lambda m, s: fold(s[2]) in aliases)
        group.extra_aliases += [str(a) for a in item.data.get("aliases") or ()]
        state.index(group, list(group.extra_aliases))
    rejected = {fold(str(a)) for a in item.data.get("reject_aliases") or ()}
    if rejected:
        _take(group, lambda m, s: fold(s[2]) in rejected)
        group.extra_aliases = [a for a in group.extra_aliases if fold(a) not in rejected]


def _merge(state: _State, item: Item, index: int) -> None:
    found = [state.find(ref, item) for ref in item.data["merge"]]
    groups = [g for g in found if g is not None]
    if len(groups) != len(found) or not groups:
        return
    target = groups[0]
    for other in groups[1:]:
        if other is target:
            continue
        state.index(target, other.forms() + [display_name(other)])
        target.members += other.members
        target.extra_aliases += other.extra_aliases
        target.same_as += other.same_as
        target.description = target.description or other.description
        target.ambiguous = target.ambiguous and other.ambiguous  # merged into a person: no longer ambiguous
        target.candidates += [c for c in other.candidates if c not in target.candidates]
        if other.name and not target.name:
            target.name = other.name
        state.remove(other)
    _attrs(target, item.data)
    state.index(target, [display_name(target)])


def _split(state: _State, item: Item, index: int) -> None:
    group = state.find(item.data["split"], item)
    if group is None:
        return
    aliases = {fold(str(a)) for a in item.data.get("aliases") or ()}
    articles = {str(a) for a in item.data.get("articles") or ()}
    moved = _take(group, lambda m, s: fold(s[2]) in aliases or m.article in articles)
    if not moved:
        state.warn(item, f"nothing to split off '{item.data['split']}'",
                   "list mention texts in 'aliases' or article ids in 'articles'")
        return
    new = Group(item.data.get("type") or group.type, moved, curated=True)
    if item.data.get("name"):
        new.name = str(item.data["name"])
    state.groups.append(new)
    state.index(new, new.forms() + [display_name(new)])
    state.apart.add((id(group), id(new)))


def _drop(state: _State, item: Item, index: int) -> None:
    group = state.find(item.data["drop"], item)
    if group is not None:
        state.remove(group)
