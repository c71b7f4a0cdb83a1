"""Tokens of news text for name spotting: words with offsets, and runs of capitalised words."""

from __future__ import annotations

import re
from typing import NamedTuple

from archive_builder.textutil import ABBREVIATIONS

_POSSESSIVE = ("'s", "\u2019s")
_TRAILING = "s'\u2019"  # last letters of a possessive or a trailing apostrophe
_TITLE_ABBREVIATIONS = frozenset(["mr", "mrs", "ms", "dr", "gen", "maj", "lt", "col", "sgt", "capt", "cmdr", "adm", "gov", "sen", "rep", "rev", "st", "sr", "jr", "prof", "brig", "pvt", "cpl"])
_OPENERS = " \t\"'\u201c\u2018([\u2014\u2013-*"


class Token(NamedTuple):
    """A word of the text (immutable; a tuple because an article has hundreds and they are made often)."""

    start: int
    end: int
    text: str
    cap: bool  # starts with a capital (or is a particle-prefixed name such as al-Muhandis)
    dot: bool = False  # followed by a period (Gen. / C.)
    stop_after: bool = False  # a possessive or a hyphenated suffix ends the name here
    initial: bool = False  # sentence-initial (capital may be only typographic)
    low: str = ""  # lowercase, periods dropped, curly apostrophe straightened (``gen``, ``o'brien``)


def _split_hyphen(text: str, start: int, particles: frozenset[str]) -> tuple[int, int, bool]:
    """Trim ``Iran-backed`` to ``Iran`` (stop after) and ``pro-Iran`` to ``Iran``."""
    parts = text.split("-")
    if len(parts) < 2:
        return start, start + len(text), False
    if parts[0][:1].islower() and parts[0].lower() not in particles and parts[1][:1].isupper():
        return start + len(parts[0]) + 1, start + len(text), False
    if parts[0][:1].isupper() and parts[-1][:1].islower():
        return start, start + len(parts[0]), True
    return start, start + len(text), False


def _sentence_initial(text: str, start: int) -> bool:
    if start > 1 and text[start - 1] == " ":
        before = text[start - 2]
        if before.isalnum() or before == ",":  # the common case: a word in mid-sentence
            return False
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    if i < 0 or text[i] == "\n":
        return True
    if text[i] in "!?:":
        return True
    if text[i] != ".":
        return False
    window = text[max(0, i - 40) : i]
    before = window.rsplit(None, 1)[-1] if window.strip() else ""
    word = before.lstrip(_OPENERS).lower()
    return not (word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()))


def _pattern(keep: frozenset[str]) -> re.Pattern[str]:
    """Only words that can matter: with a capital letter somewhere (``McKenzie``, ``al-Muhandis``,
    ``pro-Iran``) or in ``keep``. Plain lowercase words never reach Python (the speed of the pass).
    ``re`` caches the compiled pattern, so one lexicon compiles it once."""
    words = "|".join(sorted((re.escape(w) for w in keep), key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<![\w'\u2019-])(?:(?:[A-Z]\.){{2,}}|(?=[\w'\u2019\-]*[^\W\d_a-z]|(?:{words})(?![\w'\u2019-]))"
                      rf"[^\W\d_](?:[\w'\u2019\-]*[^\W_])?)")


def tokenize(text: str, particles: frozenset[str], keep: frozenset[str] = frozenset()) -> list[Token]:
    """Capitalised words, name particles and the lowercase words in ``keep`` (joiners) that follow
    another token closely enough to join it; other lowercase words are skipped (a skipped word
    between two names still separates them)."""
    tokens: list[Token] = []
    keep = keep | particles
    size = len(text)
    prev_end = -10
    new = tuple.__new__  # Token(...) without the keyword handling: hundreds per article
    for match in _pattern(keep).finditer(text):
        start, end = match.span()
        word = match.group(0)
        joiner = word[0].islower() and "-" not in word
        if joiner and word not in keep:
            continue
        stop = False
        if word[-1] in _TRAILING:
            if word.endswith(_POSSESSIVE) and len(word) > 2:
                end, stop = end - 2, True
            elif word.endswith(("'", "\u2019")):
                end, stop = end - 1, True
        if joiner and start - prev_end > 2:
            # a lowercase joiner more than ". " after the last token joins nothing: ``chains`` would
            # only end a run here, and the gap it leaves ends that run just the same
            prev_end = end
            continue
        prev_end = end
        if "-" in word:
            start, end2, cut = _split_hyphen(text[start:end], start, particles)
            end, stop = end2, stop or cut
        word = text[start:end]
        if not word:
            continue
        lower = word.lower()
        prefixed = "-" in word and lower.split("-", 1)[0] in particles and word.split("-", 1)[1][:1].isupper()
        cap = word[0].isupper() or prefixed
        dot = end < size and text[end] == "." and not stop
        mid = start > 1 and text[start - 1] == " " and (text[start - 2].isalnum() or text[start - 2] == ",")
        tokens.append(new(Token, (start, end, word, cap, dot, stop, not mid and _sentence_initial(text, start),
                                  lower.replace(".", "").replace("\u2019", "'"))))
    return tokens


def chains(text: str, tokens: list[Token], joiners: frozenset[str]) -> list[list[Token]]:
    """Runs of capitalised tokens separated by one space, with lowercase joiners (of, al, bin...)
    allowed between two capitalised tokens. A possessive or a line break ends a run."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for i, tok in enumerate(tokens):
        joined = bool(current) and _adjacent(text, current[-1], tok) and not current[-1].stop_after
        if tok.cap and not (tok.text.isupper() and len(tok.text) == 1 and not tok.dot and not joined):
            if not joined:
                _flush(runs, current)
                current = []
            current.append(tok)
        elif joined and tok.text.lower() in joiners and _joins(text, tokens, i, joiners):
            current.append(tok)
        else:
            _flush(runs, current)
            current = []
    _flush(runs, current)
    return runs


def _joins(text: str, tokens: list[Token], i: int, joiners: frozenset[str]) -> bool:
    """A joiner (``of``, ``of the``) continues a name when a capitalised word follows it."""
    for j in (i + 1, i + 2):
        if j >= len(tokens) or not _adjacent(text, tokens[j - 1], tokens[j]):
            return False
        if tokens[j].cap:
            return True
        if tokens[j].text.lower() not in joiners:
            return False
    return False


def _adjacent(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end : b.start]
    if a.dot:
        word = a.text.lower()
        if not (word in ABBREVIATIONS or len(word) == 1 or word.replace(".", "") in _TITLE_ABBREVIATIONS):
            return False
        gap = gap[1:]
    return gap == " " or gap == "\u00a0"


def _flush(runs: list[list[Token]], current: list[Token]) -> None:
    while current and not current[-1].cap:
        current = current[:-1]
    if current:
        runs.append(current)
