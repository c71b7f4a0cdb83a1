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


def _shape(word: str) -> str:
    out = re.sub(r"[A-Z]", "X", re.sub(r"[a-z]", "x", re.sub(r"\d", "d", word)))
    return re.sub(r"(.)\1{2,}", r"\1\1", out)


def _word_features(word: str, know: Knowledge) -> dict[str, Any]:
    low = word.lower()
    feats: dict[str, Any] = {"w": low, "s": _shape(word), "suf3": low[-3:], "pre3": low[:3],
                             "title": word[:1].isupper(), "upper": word.isupper() and len(word) > 1}
    for name, table in (("geo", know.places), ("given", know.given), ("org", know.org_words),
                        ("ttl", know.titles), ("dem", know.demonyms)):
        if low in table or low.rstrip(".") in table:
            feats[name] = True
    return feats


def features(words: Sequence[str], know: Knowledge) -> list[dict[str, Any]]:
    """CRFsuite features of one sentence's tokens (the word, its shape and lists, and its neighbours)."""
    base = [_word_features(w, know) for w in words]
    caps = sum(1 for w in words if w.isupper() and len(w) > 1) >= max(2, len(words) // 2)
    out: list[dict[str, Any]] = []
    for i, own in enumerate(base):
        feats = dict(own)
        feats["first"] = i == 0
        feats["caps_line"] = caps
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < len(base):
                other = base[j]
                feats[f"{d}w"] = other["w"]
                if abs(d) == 1:
                    feats[f"{d}s"] = other["s"]
                    for key in ("title", "geo", "given", "org", "ttl", "dem"):
                        if other.get(key):
                            feats[f"{d}{key}"] = True
            else:
                feats[f"{d}edge"] = True
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

    def __getstate__(self) -> tuple[bytes, Knowledge, str]:
        return self.model, self.know, self.version

    def __setstate__(self, state: tuple[bytes, Knowledge, str]) -> None:
        self.model, self.know, self.version = state
        self._tagger = None

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
            tags = tagger.tag(features(words, self.know))
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
