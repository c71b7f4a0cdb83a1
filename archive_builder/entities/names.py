"""Name normalisation: folded forms, transliteration keys and the parts of a personal name.

Transliterations of Arabic and Persian names vary in vowels (Suleimani/Soleimani), doubled letters
(Qassim/Qasim), the spelling of one sound (q/k, kh/k, ou/u) and the article (al-/Al-/el-). The
``skeleton`` key folds all of these: it keeps a word's first letter class and its consonants, with
doubled letters and common digraphs folded. Keys are for blocking and comparison only, never shown.
"""

from __future__ import annotations

import re
import unicodedata

from archive_builder.textutil import fold_typography

_APOSTROPHES = re.compile(r"['\u2019\u02bc\u02bf\u02be`]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ARTICLE = re.compile(r"^(?:al|el|al|ul|ad|ar|as|ash|at|az|an)[-\s]+(?=[a-z])")
_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("ph", "f"), ("th", "t"), ("dh", "d"), ("sh", "s"), ("ch", "c"),
             ("q", "k"), ("ck", "k"), ("c", "k"), ("z", "s"), ("x", "ks"), ("w", "v"), ("j", "g"))
_VOWELS = frozenset("aeiouy")


def ascii_fold(text: str) -> str:
    """Lowercase ASCII letters only: accents dropped, typography straightened."""
    text = fold_typography(text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return text.casefold()


def fold(text: str) -> str:
    """Comparison form of a name: ``Robert C. O’Brien`` -> ``robert c obrien``."""
    text = _APOSTROPHES.sub("", ascii_fold(text))
    return " ".join(_NON_ALNUM.sub(" ", text).split())


def strip_article(word: str) -> str:
    """``al-muhandis`` -> ``muhandis`` (folded word in, folded word out)."""
    stripped = _ARTICLE.sub("", word)
    return stripped or word


def skeleton(word: str) -> str:
    """Transliteration key of one word: ``Suleimani``/``Soleimani`` -> ``slmn``, ``Qassem`` -> ``ksm``."""
    text = strip_article(fold(word).replace(" ", "-")).replace("-", "")
    if not text:
        return ""
    for old, new in _DIGRAPHS:
        text = text.replace(old, new)
    head = "a" if text[0] in _VOWELS else text[0]
    rest = [c for c in text[1:] if c not in _VOWELS and c != "h"]
    out = [head]
    for c in rest:
        if c != out[-1]:
            out.append(c)
    return "".join(out)


def name_key(words: list[str] | tuple[str, ...]) -> str:
    """Skeleton of a multi-word name, words joined by spaces (``Khataib Hezbollah`` -> ``ktb sbl``)."""
    return " ".join(k for k in (skeleton(w) for w in words) if k)


def is_initial(word: str) -> bool:
    """``C.`` or ``C`` (a middle initial)."""
    core = word.rstrip(".")
    return len(core) == 1 and core.isalpha() and core.isupper()


def acronym(words: list[str] | tuple[str, ...], skip: frozenset[str]) -> str:
    """Initials of the significant words: ``Islamic Revolutionary Guard Corps`` -> ``IRGC``."""
    return "".join(w[0].upper() for w in words if w and fold(w) not in skip and w[0].isalpha())


def similarity(a: str, b: str) -> float:
    """0..1 similarity of two folded names (Jaro-Winkler from rapidfuzz)."""
    from rapidfuzz.distance import JaroWinkler

    return float(JaroWinkler.similarity(fold(a), fold(b)))


class Memo:
    """Per-build cache of ``fold`` and ``skeleton`` (names repeat thousands of times in an archive).

    Created by ``load_lexicon`` for one build and dropped with it: no state outlives a build."""

    __slots__ = ("_fold", "_skeleton", "lookups")

    def __init__(self) -> None:
        self.lookups: dict[str, object] = {}  # Lexicon.lookup results by text
        self._fold: dict[str, str] = {}
        self._skeleton: dict[str, str] = {}

    def fold(self, text: str) -> str:
        found = self._fold.get(text)
        if found is None:
            found = self._fold[text] = fold(text)
        return found

    def skeleton(self, word: str) -> str:
        found = self._skeleton.get(word)
        if found is None:
            found = self._skeleton[word] = skeleton(word)
        return found
