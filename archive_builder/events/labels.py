"""Event labels as a historian writes them: a short noun phrase naming what happened, to whom or
what, and where - ``Rocket attack on Fort Halden``, ``Killing of Qassim Suleimani``, ``Phone call
between Mike Pompeo and Adel Abdul Mahdi``, ``Statement by the State Department`` - and the roles of
the people, organizations and places an event names.

The words come from the mentions' own phrases and the entities the entity stage resolved: the kind's
noun, then its object (what the trigger's phrase names), else where it happened (a place after a
locating preposition), else who took part. The place of an event is where it happened, never the
country of one of its actors (``Iran's missile attack on Al Asad Air Base`` happened at the base).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from archive_builder.events.mentions import Candidate
from archive_builder.model import Entity

NOUNS = {
    "missile attack": "Missile attack", "rocket attack": "Rocket attack", "drone strike": "Drone strike",
    "airstrike": "Air strike", "bombing": "Bombing", "shooting": "Shooting", "raid": "Raid", "attack": "Attack",
    "killing": "Killing", "news conference": "News conference", "phone call": "Phone call",
    "statement": "Statement", "meeting": "Meeting", "speech": "Speech", "visit": "Visit", "election": "Election",
    "protest": "Protest", "explosion": "Explosion", "ceasefire": "Ceasefire", "arrest": "Arrest",
    "resignation": "Resignation", "stabbing": "Stabbing", "death": "Death", "earthquake": "Earthquake",
    "fire": "Fire", "robbery": "Robbery", "escape": "Escape", "appointment": "Appointment", "injury": "Injury",
    "acquisition": "Acquisition", "crash": "Crash", "trial": "Trial", "win": "Victory", "admission": "Admission",
    "dismissal": "Dismissal", "signing": "Signing", "release": "Release",
}
PLURAL = {"Air strike": "Air strikes"}  # a raid of several strikes is named in the plural
OBJECT = {  # how the noun takes its object, by family
    "attack": "on", "killing": "of", "arrest": "of", "resignation": "of", "call": "with", "visit": "to",
    "death": "of", "appointment": "of", "trial": "of", "acquisition": "of", "injury": "to", "escape": "of",
    "admission": "of", "dismissal": "of",
}
BY = frozenset(["statement", "conference", "speech"])  # named by who made it
WINNER = frozenset(["win"])  # named for who won: ``Victory of Manny Pacquiao``
DOER = frozenset(["signing", "release"])  # named for who did it: ``Release by Microsoft``
AMONG = frozenset(["meeting", "call"])  # named by who took part
AT = {"on": "on", "at": "at", "in": "in", "near": "near"}
MAX_NAMES = 3
MAX_OBJECT_WORDS = 6
PERSONAL = frozenset(["killing", "death", "arrest", "resignation", "appointment", "trial", "injury", "escape",
                      "admission", "dismissal"])  # it happens to a person: named for that person, then where


# the last words of names English writes with "the": ``Statement by the State Department``
THE_LAST = frozenset(["department", "ministry", "council", "army", "navy", "agency", "office", "government",
                      "committee", "commission", "court", "parliament", "senate", "police", "pentagon", "embassy",
                      "coalition", "alliance", "party", "house", "kremlin", "forces", "force", "zone", "bureau",
                      "administration", "corps", "guard", "guards", "service"])


def _called(entity: Entity) -> str:
    """An entity's name as a label uses it: ``the State Department``, ``Iraq``, ``Qassim Suleimani``."""
    name = entity.name
    words = name.split()
    if entity.type == "person" or not words or words[0].lower() == "the" or words[-1].lower() not in THE_LAST:
        return name
    return f"the {name}"


def _ranked(counts: Counter[str]) -> list[str]:
    return [e for e, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _names(ids: Iterable[str], known: dict[str, Entity]) -> list[str]:
    return [known[i].name for i in ids if i in known]


def _join(names: list[str]) -> str:
    names = names[:MAX_NAMES]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def where(members: Iterable[Candidate], known: dict[str, Entity]) -> list[tuple[str, str]]:
    """(preposition, place id) for where it happened, most reported first: a place the trigger's
    own phrase names (``attack on X``), else one after a locating preposition."""
    counts: Counter[tuple[str, str]] = Counter()
    for c in members:
        preps = {e: p for p, e in c.located}
        for e in c.targets:
            if e in known and known[e].type == "place":
                counts[("on" if c.family == "attack" else preps.get(e, "in"), e)] += 2
        for prep, e in c.located:
            if e in known and e not in c.agents:
                counts[(prep, e)] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][1]))
    seen: set[str] = set()
    out = []
    for (prep, e), _ in ranked:
        if e not in seen:
            seen.add(e)
            out.append((prep, e))
    return out


def roles(members: Iterable[Candidate], known: dict[str, Entity]) -> tuple[tuple[str, str], ...]:
    """(entity id, role) for the entities an event names: ``agent`` (who did it), ``target`` (to whom
    or what), ``location`` (where), ``participant`` (named in the clause)."""
    members = list(members)
    found: dict[str, str] = {}
    for _, e in where(members, known)[:1]:
        found[e] = "location"
    for c in members:
        for e in c.targets:
            if c.family in AMONG:
                found.setdefault(e, "participant")
            else:
                found.setdefault(e, "victim" if c.family == "killing" and known.get(e) and known[e].type == "person"
                                 else "target")
        for e in c.agents:  # who died is no agent: ``X died``, ``X's death``
            found.setdefault(e, "victim" if c.family == "death" and known.get(e) and known[e].type == "person"
                             else "agent")
    for c in members:
        for e in (*c.persons, *c.others):
            found.setdefault(e, "participant")
    return tuple(sorted(((e, r) for e, r in found.items() if e in known), key=lambda er: (er[1], er[0])))


def _object(members: list[Candidate], known: dict[str, Entity], family: str) -> str | None:
    counts: Counter[str] = Counter(e for c in members for e in c.targets if e in known)
    if family == "killing":
        counts.update(e for c in members for e in c.core if e in known)
        people = [e for e in _ranked(counts) if known[e].type == "person"]
        return known[people[0]].name if people else None
    if family == "attack":
        ranked = [e for e in _ranked(counts) if known[e].type != "person"]
        return _called(known[ranked[0]]) if ranked else None
    if family in PERSONAL:  # it happens to a person: ``Death of Los Angeles`` is no label
        ranked = [e for e in _ranked(counts) if known[e].type == "person"]
        if not ranked:  # ``Bettie Page died``, ``Lohan checked into``: the person at the trigger
            ranked = [e for e in _ranked(Counter(e for c in members for e in (*c.core, *c.agents) if e in known))
                      if known[e].type == "person"]
        return known[ranked[0]].name if ranked else None
    ranked = _ranked(counts)
    return _called(known[ranked[0]]) if ranked else None


def _actors(members: list[Candidate], known: dict[str, Entity], people_first: bool) -> list[str]:
    counts: Counter[str] = Counter()
    for c in members:
        counts.update(e for e in c.agents if e in known and known[e].type != "place")
        counts.update(e for e in (*c.core, *c.persons) if e in known)
        if not people_first:
            counts.update(e for e in c.others if e in known)
    return _ranked(counts)


def compose(members: list[Candidate], rep: Candidate, kind: str, family: str, known: dict[str, Entity]) -> str:
    """The label of an event from its mentions (``rep``'s own words are used when nothing better
    is named)."""
    noun = NOUNS.get(kind, kind[:1].upper() + kind[1:])
    if kind == "airstrike" and any(c.trigger.endswith("s") for c in members):
        noun = PLURAL.get(noun, noun)
    place = where(members, known)
    if family in OBJECT:
        obj = _object(members, known, family)
        if obj and family in PERSONAL and place and family != "killing" and known[place[0][1]].name != obj:
            prep, e = place[0]  # two deaths of one kind are told apart by where: ``Death of X in Y``
            return f"{noun} {OBJECT[family]} {obj} {AT.get(prep, 'in')} {_called(known[e])}"
        if obj:
            return f"{noun} {OBJECT[family]} {obj}"
    written = next((w for c in (rep, *members) if (w := _written(c, noun, family))), None)
    if family == "attack" and (written or place):
        return written or f"{noun} {AT.get(place[0][0], 'in')} {_called(known[place[0][1]])}"
    if family in BY:
        actors = _actors(members, known, people_first=False)
        if actors:
            return f"{noun} by {_called(known[actors[0]])}"
    if family in WINNER or family in DOER:
        # who is named before ``won``/``released`` (not what was won: ``won an Academy Award``)
        doers = [e for e in _ranked(Counter(e for c in members for e in c.agents if e in known))
                 if known[e].type != "place" and not any(e in c.targets for c in members)]
        if doers:
            return f"{noun} {'of' if family in WINNER else 'by'} {_called(known[doers[0]])}"
    if family in AMONG:
        actors = [e for e in _actors(members, known, people_first=True) if known[e].type == "person"]
        if len(actors) >= 2:
            return f"{noun} between {_join(_names(actors, known))}" if family == "call" else \
                f"{noun} of {_join(_names(actors, known))}"
        if len(actors) == 1 and not place:  # the other side unnamed: ``Phone call with Adel Abdul Mahdi``
            return f"{noun} with {known[actors[0]].name}"
    if place:
        prep, e = place[0]
        return f"{noun} {AT.get(prep, 'in')} {_called(known[e])}"
    return written or noun


def _written(rep: Candidate, noun: str, family: str) -> str | None:
    """The object as written, up to a second phrase or a verb: ``Air strikes against five militia
    weapons depots`` (not ``... inside Iraq``, not ``... transiting the Gulf of Aden``)."""
    rest = rep.label[len(rep.trigger):].split() if rep.label.lower().startswith(rep.trigger) else []
    fits = {OBJECT.get(family, ""), "against" if family == "attack" else ""} - {""}
    if not rest or rest[0].lower() not in fits or family in PERSONAL or len(rest) < 2:
        return None
    cut = next((i for i, w in enumerate(rest) if i >= 2 and (w.lower() in _CUT or w.endswith("ing"))), len(rest))
    return " ".join([noun, *rest[: min(cut, MAX_OBJECT_WORDS + 1)]])


_CUT = frozenset(["in", "inside", "near", "outside", "during", "for"])  # a second phrase: where, when, why
_PREPS = frozenset(["of", "on", "against", "at", "in", "with", "by", "between", "about", "near", "into"])
