"""Rewritten reuse: which sentences of one text were built from sentences of another.

Newsrooms rarely reprint wire copy word for word: they trim it, reorder it, swap words and recast
attributions, so two texts may share few word 3-grams and still one is made of the other. This
module finds such pairs and measures them sentence by sentence:

* **candidates by shared rare words**: every article's distinct word stems (content words, house
  style folded, cut to their first ``stem`` letters so ``prisoner``/``prisoners``/``prison`` meet);
  a stem held by 2 to ``max_df`` articles is rare; two articles sharing at least ``min_words`` rare
  stems, and a ``min_share`` of the smaller one's, are compared (counted one article at a time from
  the postings, as the 3-gram index does, so never every pair of the archive);
* **sentence alignment**: each sentence of one text is matched with the sentence of the other that
  holds most of its stems (containment, order ignored, so reordering does not matter; a sentence
  may be built from two neighbouring ones, when they are merged); it counts as *built from* the other when at least
  ``sentence_match`` of its stems (weighted down when common in the archive) and
  ``sentence_words`` stems are there;
* **quotation is not derivation**: a matched sentence whose shared stems stand inside quotation
  marks in both texts is the same speaker quoted twice (a court statement, a minister's words),
  evidence of a common source, and is counted apart (``quoted``), never as made from the other.

The result (``Overlap``) is the share of each text's content made from the other (``made_a``,
``made_b``: what the typing judges, the share of the *copy* made from the source) and the share
that is only common quotation. All of it is a pure function of the two texts and the archive's
stem frequencies.
"""

from __future__ import annotations

import bisect
import math
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

from archive_builder.model import Article
from archive_builder.provenance.index import gram_keys
from archive_builder.provenance.normalize import STOPWORDS, canon_word, content_words, fold
from archive_builder.textutil import sentence_spans

_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:['\u2019]\w+)*")
_QUOTE = re.compile(r"\u201c[^\u201c\u201d]*\u201d|\"[^\"\n]*\"")
# Words too plain to show that one sentence was built from another (reporting verbs and fillers
# that the stopword list keeps for alignment).
_PLAIN = frozenset(["told", "tell", "say", "saying", "added", "adding", "according", "reported", "reports", "stated",
                    "year", "years", "time", "people", "new", "one", "two", "first", "last", "like", "made", "make",
                    "get", "got", "going", "went", "take", "took", "because", "however", "although", "still", "yet",
                    "many", "much", "now", "well", "even", "back", "since", "week", "day", "today", "yesterday",
                    "being", "been", "both", "own", "through", "under", "without", "within", "during", "per", "cent",
                    "percent", "way", "how", "why", "us"])


# Words newsrooms swap for one another when they rewrite copy (``jailed`` -> ``caged``, ``stabbed``
# -> ``knifed``), folded to one stem; a short list of common ones, not a thesaurus.
_SAME_GROUPS = (
    ("jail", "jaile", "priso", "impri", "caged", "locke", "behin"),
    ("stab", "stabb", "knife", "knifi"),
    ("kill", "kille", "murde", "slain", "slaye", "slayi"),
    ("die", "died", "dies", "dying", "death", "dead"),
    ("child", "child", "kids", "kid", "youngs", "youth"),
    ("wife", "wife", "wives", "spous"),
    ("attac", "attac", "assau", "beati", "beate"),
    ("steal", "steal", "stole", "theft", "thief", "thiev", "robbe", "robbi"),
    ("injur", "injur", "hurt", "wound"),
    ("polic", "polic", "cops"),
    ("accus", "accus", "charg", "alleg"),
    ("guilt", "guilt", "convi"),
    ("judge", "judge", "magis"),
    ("fire", "fire", "blaze", "flame", "infer"),
    ("car", "car", "cars", "vehic", "motor"),
    ("home", "home", "homes", "house"),
    ("money", "money", "cash", "funds"),
    ("start", "start", "began", "begin", "launc"),
    ("claim", "claim", "insis"),
    ("big", "big", "large", "huge", "massi"),
)
_SAME = {form: group[0] for group in _SAME_GROUPS for form in group[1:]}


@dataclass(frozen=True, slots=True)
class RewriteSettings:
    stem: int = 5  # letters kept of each word (a crude stemmer that survives inflection)
    max_df: int = 40  # a stem held by more articles says nothing about copying
    min_words: int = 6  # rare stems two articles share before their sentences are compared
    min_share: float = 0.15  # ... and that share of the smaller article's rare stems
    sentence_match: float = 0.6  # weighted share of a sentence's stems found in its match
    sentence_words: int = 4  # stems a sentence must share with its match
    min_sentences: int = 2  # sentences built from the other's: one alone (a lede with the same facts) is no evidence
    derived: float = 0.2  # share of a text made from the other's sentences: partially derived
    wholly: float = 0.7  # ... wholly derived (republication or revision, however trimmed)


def stem(word: str, length: int) -> str:
    """House-style folded, stopwords and plain words dropped (''), cut to ``length`` letters
    (numbers whole)."""
    folded = fold(word)
    canon = canon_word(folded, word)
    if not canon or canon in STOPWORDS or canon in _PLAIN or len(canon) < 3 and not canon.isdigit():
        return ""
    if canon.isdigit():
        return canon
    cut = canon[:length]
    return _SAME.get(cut, _SAME.get(canon, cut))


def key(s: str) -> int:
    return zlib.crc32(s.encode("utf-8"))


Memo = dict[str, int]  # word as written -> its stem's key (0: no stem); a cache for one process


def _key_of(word: str, length: int, memo: Memo) -> int:
    k = memo.get(word)
    if k is None:
        form = stem(word, length)
        k = memo[word] = key(form) if form else 0
    return k


def word_keys(body: str, settings: RewriteSettings, memo: Memo | None = None) -> list[int]:
    """The distinct stem keys of a text, sorted (what the rare-word index needs of an article)."""
    memo = {} if memo is None else memo
    length = settings.stem
    found = {_key_of(w, length, memo) for w in set(_WORD.findall(body))}
    found.discard(0)
    return sorted(found)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    stems: frozenset[int]
    quoted: frozenset[int]  # stems standing inside quotation marks
    size: int  # stems in the sentence


@dataclass(frozen=True, slots=True)
class Sentences:
    article: str
    items: tuple[Sentence, ...]
    size: int  # stems in the text


def sentences(article: Article, settings: RewriteSettings, ignored: frozenset[int] = frozenset(),
              n: int = 3, memo: Memo | None = None, forms: dict[str, str] | None = None,
              grams: Sequence[int] | None = None) -> Sentences:
    """Its sentences' stems; a sentence whose word n-grams are mostly ``ignored`` (the index's
    stock phrases and outlet boilerplate: a footer, a tagline) is left out. ``memo``/``forms``
    cache each distinct word's stem key and content-word form within one run; ``grams``: the
    article's n-gram keys (``article_keys``) when the caller has them."""
    body = article.body
    memo = {} if memo is None else memo
    forms = {} if forms is None else forms
    length = settings.stem
    quotes = [(m.start(), m.end()) for m in _QUOTE.finditer(body)]
    starts = [q[0] for q in quotes]
    spans = _spans(body, article.paragraphs)
    if grams is None and ignored:
        grams = gram_keys(content_words(body, forms), n)
    stock = bool(grams) and bool(ignored) and not ignored.isdisjoint(grams or ())
    # one pass over the words: each one's stem key and offset, whether it is quoted, and (when some
    # n-gram is boilerplate) the offsets of the content words the n-gram keys were cut from
    offsets: list[int] = []
    keys: list[int] = []
    quoted: list[bool] = []
    where: list[int] = []
    get = memo.get
    for m in _WORD.finditer(body):
        word = m.group()
        k = get(word)
        if k is None:
            k = _key_of(word, length, memo)
        if k:
            at = m.start()
            offsets.append(at)
            keys.append(k)
            if quotes:
                i = bisect.bisect_right(starts, at) - 1
                quoted.append(i >= 0 and quotes[i][0] <= at < quotes[i][1])
        if stock and _content_form(word, forms):
            where.append(m.start())
    items: list[Sentence] = []
    for s, e in spans:
        lo, hi = bisect.bisect_left(offsets, s), bisect.bisect_left(offsets, e)
        if lo == hi:
            continue
        if stock and grams is not None:
            glo, ghi = bisect.bisect_left(where, s), max(0, bisect.bisect_left(where, e) - n + 1)
            mine = grams[glo:ghi]
            if len(mine) and sum(1 for g in mine if g in ignored) >= 0.5 * len(mine):
                continue
        stems = frozenset(keys[lo:hi])
        inside = frozenset(k for k, q in zip(keys[lo:hi], quoted[lo:hi], strict=True) if q) if quotes else frozenset()
        items.append(Sentence(s, e, stems, inside, len(stems)))
    return Sentences(article.id, tuple(items), sum(x.size for x in items))


def _content_form(word: str, forms: dict[str, str]) -> str:
    """The word as the n-gram index has it (``normalize.content_words``), '' when not a content word."""
    form = forms.get(word)
    if form is None:
        content_words(word, forms)  # fills forms[word]
        form = forms.setdefault(word, "")
    return form


def _spans(body: str, paragraphs: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for ps, pe in paragraphs or ((0, len(body)),):
        out.extend((ps + s, ps + e) for s, e in sentence_spans(body[ps:pe]))
    return out


@dataclass(frozen=True, slots=True)
class Match:
    target: int  # index of the sentence in the text judged
    sources: tuple[int, ...]  # the sentence(s) of the other text it is built from
    share: float  # weighted share of its stems found there
    quoted: bool  # what it shares stands in quotation marks in both texts
    span: tuple[int, int] = (0, 0)  # the sentence's offsets in its body
    source_span: tuple[int, int] = (0, 0)  # offsets of the sentence(s) it is built from in the other's


@dataclass(frozen=True, slots=True)
class Overlap:
    """How much of each text is made from the other's sentences (and how much is common quotation)."""

    made_a: float  # share of a's stems in sentences built from b
    made_b: float
    quoted_a: float  # share of a's stems in sentences that share only quotation with b
    quoted_b: float
    matches_a: tuple[Match, ...]  # a's sentences built from b (or quoting what b quotes)
    matches_b: tuple[Match, ...]

    @property
    def made(self) -> float:
        return max(self.made_a, self.made_b)


Weights = dict[int, float]


def weights(df: Counter[int], total: int) -> Weights:
    """Stems common in the archive count for less (only in archives large enough to tell)."""
    if total < 40:
        return {}
    cut = max(10, total // 10)
    return {k: max(0.2, math.log(total / n) / math.log(total / cut)) for k, n in df.items() if n > cut}


def _weight(stems: frozenset[int], w: Weights) -> float:
    return sum(w.get(k, 1.0) for k in stems) if w else float(len(stems))


def _judge(target: Sentences, other: Sentences, w: Weights, settings: RewriteSettings) -> tuple[list[Match], float, float]:
    """Each sentence of ``target`` matched against ``other``'s: the matches and the shares of
    ``target`` made from ``other`` and only quoting what it quotes."""
    made = quoted = 0.0
    found: list[Match] = []
    pool = other.items
    for ti, sent in enumerate(target.items):
        whole = _weight(sent.stems, w)
        if not whole:
            continue
        ranked = sorted(((len(sent.stems & o.stems), oi) for oi, o in enumerate(pool)), reverse=True)[:2]
        if not ranked or ranked[0][0] < settings.sentence_words:
            continue
        best = ranked[0][1]
        shared = sent.stems & pool[best].stems
        used: tuple[int, ...] = (best,)
        share = _weight(shared, w) / whole
        if share < settings.sentence_match and len(ranked) > 1 and ranked[1][0] >= 2 and abs(ranked[1][1] - best) == 1:
            second = ranked[1][1]
            both = sent.stems & (pool[best].stems | pool[second].stems)
            merged = _weight(both, w) / whole
            if merged >= settings.sentence_match + 0.1:  # two sentences merged into one: a stricter bar
                shared, share, used = both, merged, tuple(sorted((best, second)))
        if share < settings.sentence_match or len(shared) < settings.sentence_words:
            continue
        in_quotes = shared & sent.quoted & frozenset().union(*(pool[i].quoted for i in used))
        is_quote = len(in_quotes) >= 0.6 * len(shared)
        found.append(Match(ti, used, round(share, 3), is_quote, (sent.start, sent.end),
                           (pool[used[0]].start, pool[used[-1]].end)))
        if is_quote:
            quoted += sent.size
        else:
            made += sent.size
    size = target.size or 1
    if sum(1 for m in found if not m.quoted) < settings.min_sentences:
        made = 0.0  # one sentence with the same facts (two ledes on one event) says nothing of copying
    return found, made / size, quoted / size


def overlap(a: Sentences, b: Sentences, w: Weights, settings: RewriteSettings) -> Overlap:
    ma, made_a, quoted_a = _judge(a, b, w, settings)
    mb, made_b, quoted_b = _judge(b, a, w, settings)
    return Overlap(round(made_a, 3), round(made_b, 3), round(quoted_a, 3), round(quoted_b, 3), tuple(ma), tuple(mb))


def frequencies(docs: Sequence[Sequence[int]]) -> Counter[int]:
    df: Counter[int] = Counter()
    for keys in docs:
        df.update(keys)
    return df


def candidates(docs: Sequence[Sequence[int]], df: Counter[int], settings: RewriteSettings) -> list[tuple[int, int]]:
    """Pairs (a < b) of articles sharing enough rare stems (``docs``: each article's ``word_keys``)."""
    rare = [[k for k in keys if 1 < df[k] <= settings.max_df] for keys in docs]
    postings: dict[int, list[int]] = {}
    for doc_no, keys in enumerate(rare):
        for k in keys:
            held = postings.get(k)
            if held is None:
                postings[k] = [doc_no]
            else:
                held.append(doc_no)
    found: list[tuple[int, int]] = []
    for a, keys in enumerate(rare):
        if len(keys) < settings.min_words:
            continue
        partners = Counter(chain.from_iterable(map(postings.__getitem__, keys)))
        for b, n in partners.items():
            if b > a and n >= settings.min_words and n >= settings.min_share * min(len(keys), len(rare[b])):
                found.append((a, b))
    return sorted(found)
