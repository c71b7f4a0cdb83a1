"""Tokens for comparing texts: words with their offsets, folded for typography, case and house style.

Two forms of each word are kept: ``fold`` (case and typography folded; used to list edits) and
``canon`` (house style folded as well: ``U.S.``/``American``/``United States`` -> ``us``, courtesy
titles and middle initials dropped; used to find and align shared passages).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import accumulate, compress, count
from typing import NamedTuple

from archive_builder.textutil import FUNCTION_WORDS, fold_typography

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:['\u2019]\w+)*")
_SPLIT = re.compile(f"({_TOKEN.pattern})")

# Words that carry no content of their own: left out of the n-gram index and alignment anchors.
STOPWORDS = FUNCTION_WORDS

# House-style variants that mean the same thing (compared after case and typography folding).
_HOUSE = {
    "u.s.": "us",
    "u.s": "us",
    "us": "us",
    "american": "us",
    "americans": "us",
    "u.k.": "uk",
    "britain": "uk",
    "british": "uk",
    "u.n.": "un",
}
_NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
_HOUSE.update({word: str(n) for n, word in enumerate(_NUMBERS)})
_HOUSE.update({w: str(n) for w, n in (("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60), ("seventy", 70),
                                       ("eighty", 80), ("ninety", 90), ("hundred", 100))})
_DROP = frozenset({"mr", "mrs", "ms", "dr", "messrs"})
# Words that may appear or vanish between house styles without changing what a passage says.
HOUSE_STYLE_DROP = _DROP | {"the", "a", "an"}


class Token(NamedTuple):
    """One word of a text (a named tuple: built for every word of every aligned article, so cheap
    to make)."""

    start: int
    end: int
    fold: str  # case and typography folded
    canon: str  # house style folded as well; "" when the word is dropped (titles, initials)


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", fold_typography(text)).casefold()


def canon_word(folded: str, original: str) -> str:
    """The house-style form of one folded word ('' for courtesy titles and single-letter initials)."""
    if folded in _DROP:
        return ""
    if len(original) == 1 and original.isalpha() and original.isupper():
        return ""  # a middle initial: ``Mark A. Milley`` ~ ``Mark Milley``
    return _HOUSE.get(folded, folded)


def tokens(text: str, memo: dict[str, tuple[str, str]] | None = None) -> tuple[Token, ...]:
    """Every word in ``text`` with its character offsets (``memo`` caches each word's forms)."""
    memo = {} if memo is None else memo
    out: list[Token] = []
    append, new = out.append, tuple.__new__
    for match in _TOKEN.finditer(text):
        original = match.group()
        forms = memo.get(original)
        if forms is None:
            folded = fold(original)
            forms = memo[original] = (folded, canon_word(folded, original))
        append(new(Token, (*match.span(), *forms)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Words:
    """Every word of a text in parallel tuples (no object per word: an aligned article has
    thousands): offsets, the forms of ``Token``, and which words carry content."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    folds: tuple[str, ...]
    canons: tuple[str, ...]
    content: tuple[int, ...]  # indexes of the words that carry content (not dropped, not stopwords)

    def __len__(self) -> int:
        return len(self.starts)


Forms = dict[str, tuple[str, str, bool]]  # word as written -> (fold, canon, carries content)


def words(text: str, memo: Forms | None = None) -> Words:
    """The same words as ``tokens``, cut with one ``re.split``, offsets summed from the pieces'
    lengths and forms looked up with ``map`` (``memo`` caches each distinct word's forms)."""
    memo = {} if memo is None else memo
    parts = _SPLIT.split(text)
    bounds = list(accumulate(map(len, parts)))
    found = parts[1::2]
    forms = list(map(memo.get, found))
    if None in forms:
        for i, form in enumerate(forms):
            if form is None:
                folded = fold(found[i])
                canon = canon_word(folded, found[i])
                forms[i] = memo[found[i]] = (folded, canon, bool(canon) and canon not in STOPWORDS)
    if not forms:
        return Words((), (), (), (), ())
    folds, canons, heavy = zip(*forms, strict=True)
    return Words(tuple(bounds[0:-1:2]), tuple(bounds[1::2]), folds, canons, tuple(compress(count(), heavy)))


def content_positions(toks: tuple[Token, ...]) -> tuple[int, ...]:
    """Indexes of the tokens that carry content (not dropped, not stopwords)."""
    return tuple(i for i, t in enumerate(toks) if t.canon and t.canon not in STOPWORDS)


def phrase_key(text: str) -> str:
    """A phrase in house-style-neutral form, to tell house-style edits from changes of wording."""
    words = [canon_word(t.fold, text[t.start : t.end]) for t in tokens(text)]
    merged = " ".join(w for w in words if w and w not in HOUSE_STYLE_DROP)
    return merged.replace("united states", "us").replace("united kingdom", "uk")


def letters(text: str) -> str:
    """Only the letters and digits, folded: ``do no`` -> ``dono``, ``don't`` -> ``dont``."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


def content_words(text: str, memo: dict[str, str]) -> list[str]:
    """The content words of ``text`` in house-style form, fast (no offsets; ``memo`` caches each
    distinct word's form for the caller's run)."""
    out: list[str] = []
    for word in _TOKEN.findall(text):
        form = memo.get(word)
        if form is None:
            folded = fold(word)
            form = canon_word(folded, word)
            form = form if form not in STOPWORDS else ""
            memo[word] = form
        if form:
            out.append(form)
    return out
