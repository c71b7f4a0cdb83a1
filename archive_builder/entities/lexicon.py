"""The word lists and gazetteer the extractor uses, loaded once per build into one frozen value."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from archive_builder.entities.names import Memo, fold, similarity
from archive_builder.model import EntityType


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    type: EntityType
    name: str  # canonical name


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

    def lookup(self, text: str) -> GazetteerEntry | None:
        """Exact (case-sensitive, typography-folded) gazetteer match, with or without a leading ``The``."""
        seen = self.memo.lookups
        if text in seen:
            return seen[text]  # type: ignore[return-value]
        key = " ".join(text.replace("\u2019", "'").split())
        found = self.gazetteer.get(key)
        if found is None and key.startswith("The "):
            found = self.gazetteer.get(key[4:])
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


def _given_names() -> dict[str, str]:
    """First names from gender-guesser's name dictionary (shipped with the package, no download),
    with the sex they are used for when it is one: ``John`` m, ``Jane`` f (never the same person)."""
    try:
        from gender_guesser.detector import Detector  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - the dependency is declared; degrade to cue-only persons
        return {}
    out: dict[str, str] = {}
    for name, uses in Detector(case_sensitive=False).names.items():
        kinds = {k.replace("mostly_", "") for k in uses}
        out[fold(name)] = "m" if kinds == {"male"} else "f" if kinds == {"female"} else ""
    return out


def load_lexicon(extra_given: frozenset[str] = frozenset()) -> Lexicon:
    root = resources.files("archive_builder.entities") / "data"
    words = yaml.safe_load((root / "lexicon.yml").read_text(encoding="utf-8"))
    places = yaml.safe_load((root / "gazetteer.yml").read_text(encoding="utf-8"))
    titles = frozenset(tuple(t.replace(".", "").split()) for t in _words(words, "person_titles"))
    table, longest = _gazetteer(places)
    genders = _given_names()
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
    )
