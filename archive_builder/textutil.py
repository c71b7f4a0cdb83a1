"""Small text helpers shared by every stage (pure functions, no state)."""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata

from anyascii import anyascii

# Words that carry no content of their own (articles, pronouns, auxiliaries, connectives): the text-reuse
# index and alignment, and the story profiles of events, leave them out.
FUNCTION_WORDS = frozenset(
    ["a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "that", "this", "these", "those", "it", "its", "he", "she", "they", "them", "his", "her", "their", "we", "our", "you", "your", "i", "not", "no", "so", "than", "then", "there", "here", "which", "who", "whom", "whose", "what", "when", "where", "while", "will", "would", "can", "could", "may", "might", "should", "shall", "do", "does", "did", "into", "over", "after", "before", "about", "against", "between", "also", "said", "says", "just", "very", "more", "most", "some", "such", "all", "any", "each", "other", "only", "up", "out", "if"]
)

_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


_SURROGATE = re.compile("[\ud800-\udfff]")
_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def join_surrogates(text: str) -> tuple[str, int]:
    """``text`` with escaped surrogate pairs (YAML's or JSON's ``\\ud83d\\udcf0``) joined into the
    character they encode, and the number of lone surrogates left (text that cannot be written
    as UTF-8 until they are replaced)."""
    if text.isascii() or not _SURROGATE.search(text):
        return text, 0
    joined = _PAIR.sub(lambda m: m.group().encode("utf-16-le", "surrogatepass").decode("utf-16-le"), text)
    return joined, len(_SURROGATE.findall(joined))


def replace_surrogates(text: str) -> tuple[str, int]:
    """``join_surrogates``, then each lone surrogate replaced by U+FFFD; with their number."""
    joined, lone = join_surrogates(text)
    return (_SURROGATE.sub("\ufffd", joined) if lone else joined), lone


def slug_words(text: str) -> str:
    """The ASCII slug of ``text`` alone, possibly empty: ``Qassim Suleimani`` -> ``qassim-suleimani``,
    ``Łódź`` -> ``lodz``, other scripts transliterated (``日本`` -> ``riben``), at most 80 characters."""
    folded = anyascii(unicodedata.normalize("NFKC", _SURROGATE.sub("", text[:400])))
    return _SLUG_DROP.sub("-", folded.lower()).strip("-")[:80].strip("-")


def needs_hash(text: str) -> bool:
    """Whether a slug of ``text`` loses what tells it apart: letters of a script other than Latin
    (transliteration merges names: ``ایرنا`` and ``ايرنا``), or no letter or digit at all (``-->``)."""
    if text.isascii():
        return not _SLUG_DROP.sub("", text.lower())
    return any(ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN") for ch in text) or not slug_words(text)


def name_digest(text: str, size: int = 6) -> str:
    """A short stable digest of a name, the same for its case and Unicode normalization variants."""
    key = unicodedata.normalize("NFC", text).casefold().encode("utf-8", "surrogatepass")
    return hashlib.sha256(key).hexdigest()[:size]


def slugify(text: str, fallback: str = "item") -> str:
    """ASCII slug, never empty: ``Qassim Suleimani`` -> ``qassim-suleimani``. A name in another
    script is transliterated and given a short digest (``الشرق الأوسط`` -> ``lshrq-l-wst-3fa9c1``), so
    distinct names get distinct, stable, readable slugs; so is a name with no letter or digit
    (``-->`` -> ``item-5d41a4``)."""
    base = slug_words(text) or fallback
    if text.strip() and needs_hash(text):
        return f"{base}-{name_digest(text)}"
    return base


def unique_slugs(names: list[str], fallback: str = "item") -> list[str]:
    """Slugs for ``names`` in order, made unique with ``-2``, ``-3``... suffixes."""
    used: set[str] = set()
    out: list[str] = []
    for name in names:
        base = slugify(name, fallback)
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        out.append(slug)
    return out


def stable_slugs(items: list[tuple[str, str]], fallback: str = "item", reserved: tuple[str, ...] = ()) -> list[str]:
    """Ids for ``(name, evidence)`` pairs that do not depend on how many others share the name.

    ``evidence`` is what identifies the item whatever else the archive holds (e.g. its earliest
    mention's article id and key). Of the items whose names slug alike, the one with the smallest
    evidence keeps the bare slug; each other one gets a short digest of its own evidence
    (``john-smith-3fa9c1``), lengthened on a clash. So adding an item changes no other item's id,
    unless the new one's evidence sorts before the bare slug's holder (then that holder is the one
    renamed). Deterministic: same items, same ids, in any input order but equal evidence."""
    order = sorted(range(len(items)), key=lambda i: (items[i][1], items[i][0], i))
    bases = [slugify(name, fallback) for name, _ in items]
    used = set(reserved)
    out = [""] * len(items)
    for i in order:
        if bases[i] not in used:
            out[i] = bases[i]
            used.add(bases[i])
    for i in order:
        if out[i]:
            continue
        digest = hashlib.sha256(items[i][1].encode("utf-8")).hexdigest()
        slug = next((f"{bases[i]}-{digest[:n]}" for n in range(6, 65, 2) if f"{bases[i]}-{digest[:n]}" not in used), "")
        n = 2
        while not slug or slug in used:  # equal evidence (never from the stages): fall back to a count
            slug, n = f"{bases[i]}-{digest[:6]}-{n}", n + 1
        out[i] = slug
        used.add(slug)
    return out


def near_miss(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The closest known word, for ``did you mean ...?`` hints."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def fold_typography(text: str) -> str:
    """Straight quotes and hyphens for curly quotes and dashes (same length, for comparisons)."""
    return text.translate(_TYPO)


_TYPO = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2032": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)


# Abbreviations after which a period does not end a sentence (news English).
ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "sgt", "capt", "cmdr", "adm", "gov", "sen", "rep", "rev", "st", "sr", "jr", "inc", "co", "corp", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k", "e.g", "i.e", "dept", "ft", "mt", "pres", "brig", "lt.gen", "a.m", "p.m"]
)
_SENTENCE_BREAK = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text``; abbreviations and initials do not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        if text[match.start()] == ".":
            word = text[start : match.start()].rsplit(None, 1)[-1] if text[start : match.start()].strip() else ""
            word = word.lstrip("\"'\u201c\u2018([").lower()
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        end = match.end()
        stripped_end = end - (len(match.group(0)) - len(match.group(0).rstrip()))
        spans.append((start, stripped_end))
        start = end
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans
