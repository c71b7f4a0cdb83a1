"""The statistical recognizer, behind our adapter: text -> typed name spans (person, organization, place).

The model is a linear-chain CRF (CRFsuite, through ``python-crfsuite``) trained by
``tools/train_ner.py`` on openly licensed annotated text (see ``docs/guide/entities.md``); its weights
ship in the package (``data/ner-crf.bin``) and nothing is downloaded. The rest of the entity stage sees
only :class:`Recognizer` (``spans`` and ``version``), so another model can take its place.

Tokenisation and features live here, shared by training and tagging, so both see the same tokens.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata, resources
from typing import Any

from archive_builder.model import EntityType

MODEL_FILE = "ner-crf.bin"
_TYPES: dict[str, EntityType] = {"PER": "person", "ORG": "organization", "LOC": "place"}
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:[-'\u2019&.]\w+)*|[^\w\s]")
_SENTENCE_END = frozenset({".", "!", "?"})
WORD_CACHE = 200_000  # words whose features a recognizer keeps (cleared when full)
MAX_SENTENCE = 120  # tokens: a table or a list with no full stop is cut into pieces of this size

Span = tuple[int, int, EntityType]


@dataclass(frozen=True, slots=True)
class Knowledge:
    """Word lists the features consult (lowercase single words), from the lexicon and the gazetteers."""

    places: frozenset[str] = frozenset()  # words of place names (countries, cities, regions)
    given: frozenset[str] = frozenset()  # first names
    org_words: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()  # first words of titles (``president``, ``gen``)
    demonyms: frozenset[str] = frozenset()


def sentences(text: str) -> Iterator[list[tuple[int, int]]]:
    """Token offsets per sentence: a sentence ends at a line break or after ``.``/``!``/``?``."""
    for line in re.finditer(r"[^\n]+", text):
        cur: list[tuple[int, int]] = []
        base = line.start()
        for m in _TOKEN.finditer(line.group()):
            cur.append((base + m.start(), base + m.end()))
            if (m.group() in _SENTENCE_END and len(cur) > 1) or len(cur) >= MAX_SENTENCE:
                yield cur
                cur = []
        if cur:
            yield cur


_SHAPE = str.maketrans({**{c: "x" for c in "abcdefghijklmnopqrstuvwxyz"},
                        **{c: "X" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
                        **{c: "x" for c in "0123456789"}})
_DIGIT = re.compile(r"\d")
_RUN = re.compile(r"(.)\1{2,}")
_LISTS = ("geo", "given", "org", "ttl", "dem")
_OFFSETS = (-2, -1, 1, 2)


def _shape(word: str) -> str:
    """``Xxxx`` for ``Baghdad``, ``xx`` for ``1996``: ASCII capitals and small letters by class, digits
    as small letters (the shipped model was trained so), runs of three or more cut to two."""
    shape = word.translate(_SHAPE)
    if not word.isascii():
        shape = _DIGIT.sub("x", shape)
    return _RUN.sub(r"\1\1", shape)


@dataclass(frozen=True, slots=True)
class WordFeatures:
    """One word's features as CRFsuite attributes (weight 1 each): its own, and as each neighbour
    (``-1w:...``; ``key:value`` is how CRFsuite names a string feature). They depend on the word and the lists alone, so a recognizer computes them once."""

    own: tuple[str, ...]
    around: dict[int, tuple[str, ...]]


def word_features(word: str, know: Knowledge) -> WordFeatures:
    low = word.lower()
    shape = _shape(word)
    flags = ["title"] if word[:1].isupper() else []
    bare = low.rstrip(".")
    for name, table in zip(_LISTS, (know.places, know.given, know.org_words, know.titles, know.demonyms),
                           strict=True):
        if low in table or bare in table:
            flags.append(name)
    own = (f"w:{low}", f"s:{shape}", f"suf3:{low[-3:]}", f"pre3:{low[:3]}", *flags,
           *(("upper",) if word.isupper() and len(word) > 1 else ()))
    around = {d: (f"{d}w:{low}", *((f"{d}s:{shape}", *(f"{d}{flag}" for flag in flags)) if abs(d) == 1 else ()))
              for d in _OFFSETS}
    return WordFeatures(own, around)


def features(words: Sequence[str], know: Knowledge,
             cache: dict[str, WordFeatures] | None = None) -> list[list[str]]:
    """CRFsuite features of one sentence's tokens (the word, its shape and lists, and its neighbours).
    ``cache`` keeps each word's features between sentences (the recognizer's own)."""
    if cache is None:
        cache = {}
    base: list[WordFeatures] = []
    for w in words:
        got = cache.get(w)
        if got is None:
            got = cache[w] = word_features(w, know)
        base.append(got)
    caps = sum(1 for w in words if w.isupper() and len(w) > 1) >= max(2, len(words) // 2)
    n = len(base)
    out: list[list[str]] = []
    for i, own in enumerate(base):
        feats = list(own.own)
        if i == 0:
            feats.append("first")
        if caps:
            feats.append("caps_line")
        for d in _OFFSETS:
            j = i + d
            if 0 <= j < n:
                feats.extend(base[j].around[d])
            else:
                feats.append(f"{d}edge")
        out.append(feats)
    return out


def decode(tags: Sequence[str]) -> Iterator[tuple[int, int, str]]:
    """(first, past-last, type) spans of BIO tags; an ``I-`` after another type starts a new span."""
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        if start >= 0 and (prefix != "I" or typ != kind):
            yield start, i, kind
            start, kind = -1, ""
        if prefix in ("B", "I") and start < 0:
            start, kind = i, typ


@dataclass(slots=True)
class Recognizer:
    """The adapter: ``spans(text)`` gives typed name spans; ``version`` names model and code (cache key).

    The tagger is opened on first use in each process (it holds a C handle, so it is not pickled with
    the lexicon that carries this object to worker processes)."""

    model: bytes
    know: Knowledge
    version: str
    _tagger: Any = field(default=None, compare=False, repr=False)
    _words: dict[str, WordFeatures] = field(default_factory=dict, compare=False, repr=False)

    def __getstate__(self) -> tuple[bytes, Knowledge, str]:
        return self.model, self.know, self.version

    def __setstate__(self, state: tuple[bytes, Knowledge, str]) -> None:
        self.model, self.know, self.version = state
        self._tagger = None
        self._words = {}

    def _open(self) -> Any:
        if self._tagger is None:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            tagger.open_inmemory(self.model)
            self._tagger = tagger
        return self._tagger

    def spans(self, text: str) -> list[Span]:
        if not self.model:
            return []
        tagger = self._open()
        out: list[Span] = []
        for sent in sentences(text):
            words = [text[a:b] for a, b in sent]
            if not any(w[:1].isupper() for w in words):
                continue  # no capital, no name: skip the tagger (most lines of a table of figures)
            if len(self._words) > WORD_CACHE:
                self._words.clear()
            tags = tagger.tag(features(words, self.know, self._words))
            for i, j, typ in decode(tags):
                if typ in _TYPES:
                    out.append((sent[i][0], sent[j - 1][1], _TYPES[typ]))
        return out


def load_recognizer(know: Knowledge) -> Recognizer:
    """The packaged model, or an empty recognizer (rules only) when python-crfsuite is missing."""
    try:
        engine = metadata.version("python-crfsuite")
    except metadata.PackageNotFoundError:  # pragma: no cover - declared dependency
        return Recognizer(b"", know, "none")
    source = resources.files("archive_builder.entities") / "data" / MODEL_FILE
    if not source.is_file():  # pragma: no cover - the model ships with the package
        return Recognizer(b"", know, "none")
    model = source.read_bytes()
    digest = hashlib.sha256(model)
    digest.update(f"crfsuite {engine}".encode())
    for words in (know.places, know.given, know.org_words, know.titles, know.demonyms):
        digest.update("\n".join(sorted(words)).encode())
    return Recognizer(model, know, digest.hexdigest()[:16])
