"""Groups -> the frozen EntityIndex: names, ids, aliases, roles, mentions (all sorted)."""

from __future__ import annotations

from collections import Counter

from archive_builder.entities.local import surname
from archive_builder.entities.resolve import Group, Suggestion
from archive_builder.model import Entity, EntityIndex, Mention, MergeSuggestion
from archive_builder.textutil import fold_typography, stable_slugs

TYPE_ORDER = {"person": 0, "organization": 1, "place": 2}


def display_name(group: Group) -> str:
    """Curated name, else gazetteer name, else for a person the full name spelt the archive's usual
    way (``person_name``), else the most used of the fullest forms seen."""
    if group.name:
        return group.name
    canon = sorted({m.canonical for m in group.members if m.canonical and not m.canonical.startswith("alias:")})
    if canon:
        return canon[0]
    if group.type == "person":
        name = person_name(group)
        if name:
            return name
    forms = [f for f in group.forms() if f]
    counts = Counter(fold_typography(f) for f in forms)
    originals = {fold_typography(f): f for f in sorted(forms)}
    best = min(counts, key=lambda f: (-counts[f], -len(f.split()), -len(f), f))
    return originals[best]


def _surname_key(form: str) -> str:
    return fold_typography(surname(tuple(form.split()))).casefold()


def person_name(group: Group) -> str | None:
    """The full-name form (two words or more) whose surname spelling is the most frequent across all
    the person's mentions (``General Suleimani`` counts for ``Qassim Suleimani``); ties go to the
    form of the earliest published article, then to alphabetical order. None without a full name."""
    surnames = Counter(_surname_key(f) for f in group.forms() if f.strip())
    first_seen: dict[str, int] = {}
    for m in group.members:
        for f in m.forms:
            if len(f.split()) > 1:
                first_seen[f] = min(first_seen.get(f, m.published), m.published)
    if not first_seen:
        return None
    return min(first_seen, key=lambda f: (-surnames[_surname_key(f)], first_seen[f], f))


def evidence(group: Group, name: str) -> str:
    """What identifies a group however the archive grows: its earliest mention's article and key."""
    if not group.members:
        return f"curated\t{name}"
    return min(f"{m.article}\t{m.key}" for m in group.members)


def assign_ids(groups: list[Group]) -> list[tuple[str, str, Group]]:
    """(id, name, group) for every group worth a page: ids are slugs of names, unique, never ``index``;
    namesakes past the first get a digest of their own evidence, not a rank (``stable_slugs``), so a
    new article naming one more John Smith renames no other entity."""
    named = [(display_name(g), g) for g in groups if g.members or g.curated]
    named.sort(key=lambda ng: (TYPE_ORDER[ng[1].type], ng[0].casefold(), ng[0], ng[1].key()))
    ids = stable_slugs([(n, evidence(g, n)) for n, g in named], "entity", reserved=("index",))  # ``index``: A-Z page
    return [(entity_id, name, group) for entity_id, (name, group) in zip(ids, named, strict=True)]


def build_index(groups: list[Group], suggestions: list[Suggestion]) -> tuple[EntityIndex, dict[int, str]]:
    """The index, and the id given to each group (by ``id(group)``)."""
    entities: list[Entity] = []
    mentions: list[Mention] = []
    named = assign_ids(groups)
    group_ids = {id(group): entity_id for entity_id, _, group in named}
    for entity_id, name, group in named:
        entities.append(_entity(entity_id, name, group, group_ids))
        mentions += _mentions(entity_id, group)
    entities.sort(key=lambda e: e.id)  # sorted by id: views look entities up by bisection
    mentions.sort(key=lambda m: (m.article, m.field, m.part, m.start, m.end, m.entity))
    merges: set[tuple[str, str, float, str]] = set()
    for s in suggestions:
        if id(s.a) in group_ids and id(s.b) in group_ids:
            a, b = sorted((group_ids[id(s.a)], group_ids[id(s.b)]))
            merges.add((a, b, s.score, s.reason))
    ordered = sorted(merges, key=lambda t: (-t[2], t[0], t[1], t[3]))
    return EntityIndex(tuple(entities), tuple(mentions),
                       tuple(MergeSuggestion(a, b, score, reason) for a, b, score, reason in _best(ordered))), group_ids


def _best(merges: list[tuple[str, str, float, str]]) -> list[tuple[str, str, float, str]]:
    """One suggestion per pair: the highest-scoring reason."""
    seen: set[tuple[str, str]] = set()
    out = []
    for a, b, score, reason in merges:
        if (a, b) not in seen:
            seen.add((a, b))
            out.append((a, b, score, reason))
    return out


def _entity(entity_id: str, name: str, group: Group, group_ids: dict[int, str]) -> Entity:
    aliases = sorted({f for f in group.forms() + group.extra_aliases if f and f != name}, key=lambda a: (a.casefold(), a))
    roles = ("author",) if any(m.field in ("credits", "byline") for m in group.members) else ()
    articles = tuple(sorted({m.article for m in group.members}))
    candidates = tuple(sorted({group_ids[id(c)] for c in group.candidates if id(c) in group_ids} - {entity_id}))
    return Entity(entity_id, group.type, name, tuple(aliases), roles, group.description,
                  tuple(sorted(set(group.same_as))), articles, group.ambiguous, candidates if group.ambiguous else ())


def _mentions(entity_id: str, group: Group) -> list[Mention]:
    out = []
    seen: set[tuple[str, str, int, int, int]] = set()
    for m in group.members:
        role = "author" if m.field in ("credits", "byline") else None
        for start, end, text in m.spans:
            key = (m.article, m.field, m.part, start, end)
            if key not in seen:
                seen.add(key)
                out.append(Mention(m.article, start, end, text, entity_id, m.field, role, m.part))  # type: ignore[arg-type]
    return out
