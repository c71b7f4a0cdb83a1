"""Within one article: candidates -> local entities, short forms resolved to the full name used there.

``Esper``, ``Mr. Pompeo`` and ``General McKenzie`` join the full name in the same article with the
same surname (the nearest one before, else after); ``the Revolutionary Guards`` joins a longer
organization name that contains it; ``IRGC`` joins the organization it abbreviates.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from archive_builder.entities.extract import Candidate
from archive_builder.entities.lexicon import Lexicon, spelling_key
from archive_builder.entities.names import acronym, fold, is_initial, skeleton
from archive_builder.model import EntityType

Span = tuple[int, int, str]


@dataclass(slots=True)
class Local:
    """One referent within one article (mutable while the article is read; frozen into Entity later)."""

    type: EntityType
    key: str  # blocking/merge key across articles
    words: tuple[str, ...]  # the fullest name seen
    forms: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    canonical: str | None = None
    surname_only: bool = False
    article: str = ""
    field: str = "body"  # body | credits | byline
    part: int = 0  # which credit line or byline name the offsets count in
    published: int = 10**7  # the article's publication date as an ordinal (undated articles: last)
    titles: tuple[str, ...] = ()  # titles seen before the name here (``mr``, ``maj gen``), first seen first

    @property
    def first(self) -> str:
        return self.words[0] if len(self.words) > 1 else ""

    @property
    def last(self) -> str:
        return surname(self.words)

    @property
    def middles(self) -> tuple[str, ...]:
        return tuple(w.rstrip(".")[0].upper() for w in self.words[1:-1] if w)


_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv", "v"])


def surname(words: tuple[str, ...]) -> str:
    """The last word that is not a generational suffix (``Austin`` in ``Lloyd J. Austin III``)."""
    for word in reversed(words[1:]):
        if word.lower().rstrip(".") not in _SUFFIXES:
            return word
    return words[0]


def person_key(words: tuple[str, ...], lex: Lexicon | None = None) -> str:
    skel = lex.memo.skeleton if lex is not None else skeleton
    return "p:" + (skel(words[0]) if len(words) > 1 else "") + "|" + skel(surname(words))


def _org_key(c: Candidate, lex: Lexicon) -> str:
    """The key an organization or place merges by: its gazetteer name, else the spelling key of its
    name, where ``Quds Force of Iran`` is ``Quds Force`` (an "X of <place>" form), ``Camp Taji``
    is ``Taji`` and ``Al Asad Air Base`` is ``Al Asad`` (facility words dropped)."""
    if c.canonical:
        return "g:" + lex.memo.fold(c.canonical)
    words = [w for w in c.words if w.lower() != "the"]
    lows = [w.lower() for w in words]
    if "of" in lows[2:-1]:
        cut = len(lows) - 1 - lows[::-1].index("of")
        if lex.lookup(" ".join(words[cut + 1 :])) is not None and cut >= 2:
            words = words[:cut]
    if c.type == "place" and len(words) > 1:
        lows = [w.lower() for w in words]
        facility = next((f for f in lex.facilities if len(f) < len(lows) and tuple(lows[-len(f):]) == f), ())
        kept = words[: len(words) - len(facility)]  # ``Al Asad Air Base``: ``Al Asad``
        core = [w for w in kept if w.lower() not in lex.place_first and w.lower() not in lex.place_last]
        words = core or kept
    found = lex.lookup(" ".join(words)) if words != list(c.words) else None
    if found is not None and not found.weak:
        return "g:" + lex.memo.fold(found.name)
    prefix = "o:" if c.type == "organization" else "l:"
    # ``Surrey`` and ``Zaire`` share the skeleton ``sr``; ``al-Assad`` is two words (``Al Asad``)
    if len(words) == 1 and "-" not in words[0] and len(lex.memo.skeleton(words[0])) <= 3:
        return prefix + lex.memo.fold(words[0])
    return prefix + spelling_key(" ".join(words))


def local_entities(cands: list[Candidate], lex: Lexicon, article: str = "") -> tuple[list[Local], list[Candidate]]:
    """Local entities of one text, and the untyped single words left for the archive-wide pass."""
    locals_: dict[str, Local] = {}
    cands = _surnames_are_people(cands, lex)
    for c in cands:
        if c.type == "person" and len(c.words) > 1:
            _add(locals_, person_key(c.words, lex), "person", c)
        elif c.type in ("organization", "place") and not (c.canonical or "").startswith("alias:"):
            _add(locals_, _org_key(c, lex), c.type, c)
    _fold_short_orgs(locals_, lex)
    _fold_short_persons(locals_, lex)
    left: list[Candidate] = []
    for c in cands:
        if c.type == "person" and len(c.words) == 1:
            target = _person_for(locals_, c, lex, exact=False)
            if target is None:
                _add(locals_, person_key(c.words, lex), "person", c).surname_only = True
            else:
                _attach(target, c)
        elif c.canonical is not None and c.canonical.startswith("alias:"):
            _add(locals_, "c:" + fold(c.text), "person", c)
        elif c.type is None:
            target = _person_for(locals_, c, lex, exact=True) or _org_for(locals_, c, lex)
            if target is not None:
                _attach(target, c)
            elif c.hint is not None:  # the statistical recognizer's reading of a word no name here claims
                kind: EntityType = c.hint
                key = person_key(c.words, lex) if kind == "person" else _org_key(replace(c, type=kind), lex)
                entity = _add(locals_, key, kind, c)
                entity.surname_only = entity.surname_only or kind == "person"
            elif c.place_cue and (c.city or not c.text.isupper()):
                _add(locals_, _org_key(replace(c, type="place", canonical=None), lex), "place", c)
            elif len(c.words) == 1 and not c.initial and (not c.text.isupper() or 1 < len(c.text) <= 6):
                left.append(c)  # a lone word, or capitals (``CFA``) an organization elsewhere may expand
    for entity in locals_.values():
        entity.article = article
    return sorted(locals_.values(), key=lambda e: e.spans[0]), left


def _surnames_are_people(cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """A place or organization name that ends the full name of a person this text names
    (``Washington`` after ``MaliVai Washington``, ``Suu Kyi`` after ``Aung San Suu Kyi``) is that
    person here: one sense per article."""
    fold = lex.memo.fold
    endings: set[tuple[str, ...]] = set()
    for c in cands:
        if c.type == "person" and len(c.words) > 1 and not is_initial(c.words[-1]):
            words = tuple(fold(w) for w in c.words)
            endings.update(words[-size:] for size in range(1, len(words)))
    if not endings:
        return cands
    return [replace(c, type="person", canonical=None, place_cue=False, city=False, hint=None)
            if c.type in ("organization", "place") and not (c.canonical or "").startswith("alias:")
            and len(c.words) <= 2 and tuple(fold(w) for w in c.words) in endings else c for c in cands]


def _add(table: dict[str, Local], key: str, kind: EntityType, c: Candidate) -> Local:
    entity = table.get(key)
    if entity is None:
        entity = table[key] = Local(kind, key, c.words, canonical=c.canonical)
    elif len(c.words) > len(entity.words):
        entity.words = c.words
    _attach(entity, c)
    return entity


def _attach(entity: Local, c: Candidate) -> None:
    entity.spans.append((c.start, c.end, c.text))
    entity.forms.append(c.text)
    if c.title and c.title not in entity.titles:
        entity.titles += (c.title,)


def _person_for(table: dict[str, Local], c: Candidate, lex: Lexicon, exact: bool) -> Local | None:
    """The person in this article whose surname is this word (nearest mention before, else after)."""
    memo = lex.memo
    word = surname(c.words)
    key = memo.fold if exact else memo.skeleton
    target = key(word)
    options = [e for e in table.values() if e.type == "person" and key(e.last) == target]
    full = [e for e in options if not e.surname_only] or options
    if not full and c.titled:  # family name first (``Mr. Wang`` for ``Wang Yi``): only after a title
        full = [e for e in table.values() if e.type == "person" and e.first and memo.fold(e.first) == memo.fold(word)]
    if not full:
        return None
    return min(full, key=lambda e: _distance(e, c.start))


def _distance(e: Local, pos: int) -> tuple[int, int]:
    before = [pos - s for s, _, _ in e.spans if s < pos]
    return (0, min(before)) if before else (1, min(s - pos for s, _, _ in e.spans))


def _org_for(table: dict[str, Local], c: Candidate, lex: Lexicon) -> Local | None:
    if not (len(c.words) == 1 and c.text.isupper() and len(c.text) > 1):
        return None
    for e in table.values():
        if e.type == "organization" and acronym(e.words, lex.connectors) == c.text:
            return e
    return None


def _fold_short_orgs(table: dict[str, Local], lex: Lexicon) -> None:
    """``Revolutionary Guards`` -> ``Islamic Revolutionary Guards Corps`` in the same article."""
    orgs = sorted((e for e in table.values() if e.type == "organization"), key=lambda e: -len(e.words))
    for short in orgs:
        words = [lex.memo.fold(w) for w in short.words]
        significant = [w for w in words if w not in lex.common_words and w not in lex.org_words]
        if len(words) < 2 and not significant:
            continue
        for long in orgs:
            lw = [lex.memo.fold(w) for w in long.words]
            if long is not short and len(lw) > len(words) and _contains(lw, words) and short.key in table:
                long.spans.extend(short.spans)
                long.forms.extend(short.forms)
                del table[short.key]
                break


def _contains(seq: list[str], sub: list[str]) -> bool:
    return any(seq[i : i + len(sub)] == sub for i in range(len(seq) - len(sub) + 1))


def _fold_short_persons(table: dict[str, Local], lex: Lexicon) -> None:
    """``Abdul Mahdi`` -> ``Adel Abdul Mahdi``: a two-word name that ends a longer one here.

    Each short name goes to the first longer name (longest first) that ends with its words, found
    through an index of every name's endings: linear in the number of names, not quadratic."""
    people = sorted((e for e in table.values() if e.type == "person"), key=lambda e: -len(e.words))
    folded = [tuple(lex.memo.fold(w) for w in e.words if not is_initial(w)) for e in people]
    endings: dict[tuple[str, ...], Local] = {}
    for person, words in zip(people, folded, strict=True):
        for size in range(2, len(words)):
            endings.setdefault(words[-size:], person)
    for short, words in zip(people, folded, strict=True):
        long = endings.get(words) if len(words) >= 2 else None
        if long is not None and short.key in table:
            long.spans.extend(short.spans)
            long.forms.extend(short.forms)
            long.titles += tuple(t for t in short.titles if t not in long.titles)
            del table[short.key]
