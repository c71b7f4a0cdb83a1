"""Spotting names in one text: capitalised runs -> typed candidates (person, organization, place).

Rules, in order, for each run of capitalised words (``tokens.chains``):
1. leading sentence words that are not names are dropped (``But``, ``Defending``...);
2. a gazetteer name (the whole run) is typed by the gazetteer;
3. a title or role (``Secretary of State``, ``Maj. Gen.``, ``Mr.``) makes the following name a person;
   what precedes the title (``US`` in ``US President Donald Trump``) and follows ``of`` is spotted apart;
4. a run with an organization word (``Department``, ``Corps``, ``Hezbollah``) is an organization,
   a run starting or ending with a place word (``Camp``, ``Air Base``) is a place;
5. two to five name-like words are a person when the first is a known given name, or a word is a
   middle initial or a name particle (``al-``, ``bin``, ``Abu``), or the text around says so
   (an appositive ``, the national security adviser``, or ``said``);
6. single words stay untyped; ``local.py`` resolves them to a full name in the same article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from archive_builder.entities.lexicon import GazetteerEntry, Lexicon
from archive_builder.entities.names import is_initial
from archive_builder.entities.tokens import Token, _sentence_initial, chains, tokenize
from archive_builder.model import EntityType

_ROLE_NOUNS = (
    "adviser|advisor|official|commander|leader|minister|secretary|spokesman|spokeswoman|spokesperson|"
    "director|chairman|chairwoman|president|head|chief|envoy|ambassador|general|officer|analyst|professor|"
    "researcher|expert|senator|lawmaker|member|founder|editor|reporter|correspondent|cleric|ally|deputy|"
    "aide|colonel|governor|mayor|executive|manager|lawyer|attorney|judge|diplomat|negotiator|economist|"
    "scholar|fellow|activist|resident|student|teacher|doctor|nurse|father|mother|son|daughter|wife|husband|"
    "brother|sister|politician|candidate|successor|predecessor|owner|author|historian|strategist|"
    "administrator|representative|coordinator|counselor|partner|co-founder|veteran|soldier|pilot|"
    "commentator|journalist|photographer|writer|worker|farmer|driver|star|actor|actress|singer|musician|"
    "artist|player|coach|athlete"
)
_APPOSITIVE = re.compile(rf",\s+(?:(?:the|a|an|his|her|its|who|now|then|[\w\u2019'-]+\u2019s|[\w'-]+'s)\b[^.;\n]{{0,80}}?\b)?(?:{_ROLE_NOUNS})s?\b")
_SAID_AFTER = re.compile(r"^,?\s+(?:said|says|told|added|wrote|argued|asked|explained|noted|recalled|replied)\b")
_PLACE_BEFORE = re.compile(r"\b(?:in|near|outside|across|throughout|inside|into|northern|southern|eastern|western|central)\s+$")
_SCORE_AFTER = re.compile(r"[ \t]+\(?\d(?![\d/.-]*\d{4}\b)(?!\d{3}-\d\d?-\d)")  # not a date (``LONDON 1996-12-06``)
_LOWER_WORD = re.compile(r"(?<![\w'-])[a-z][a-z]+\b")
_LEADING_NOUN_OF = re.compile(r"[A-Z][a-z]+ of (?:the )?")
_SAID_BEFORE = re.compile(r"\b(?:said|says|told|according to|asked|by)\s*$")


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    text: str
    words: tuple[str, ...]  # the name's words (titles left out)
    type: EntityType | None
    titled: bool = False
    initial: bool = False  # a single word at the start of a sentence
    canonical: str | None = None  # gazetteer name
    place_cue: bool = False  # untyped, after "in"/"near"...: a place unless it names a person here
    title: str = ""  # the title before a person's name, lowercase without periods (``maj gen``)
    city: bool = False  # untyped but a packaged city name (``Dole``, ``BONN``): a place unless a person's surname here
    hint: EntityType | None = None  # untyped: the statistical recognizer's type, used when no name here claims it


def spot(text: str, lex: Lexicon) -> list[Candidate]:
    """Every name candidate in ``text``, in text order; offsets count characters of ``text``."""
    tokens = tokenize(text, lex.particles, lex.connectors)
    lower_words = frozenset(re.findall(r"(?<![\w'\u2019-])[a-z][a-z]+", text))
    out: list[Candidate] = []
    for run in chains(text, tokens, lex.connectors | lex.joining_particles):
        out.extend(_run(text, run, lex, lower_words))
    if lex.recognizer is not None and lex.recognizer.model:
        out = combine(text, out, lex.recognizer.spans(text), lex, lower_words)
    return sorted(_teams(text, out), key=lambda c: (c.start, c.end))


def _teams(text: str, cands: list[Candidate]) -> list[Candidate]:
    """In a results or standings line (``Surrey 24 points, Warwickshire 2``, ``CHICAGO 71 64 .526``),
    a name followed by a score is a team: an organization, though it is a place's name. A line
    counts when it holds three lowercase words or fewer; people (a title, a first name) keep their type."""
    out: list[Candidate] = []
    lines: dict[int, bool] = {}
    for c in cands:
        if c.type in (None, "place") and not c.titled and _SCORE_AFTER.match(text, c.end):
            start = text.rfind("\n", 0, c.start) + 1
            if start not in lines:
                end = text.find("\n", c.start)
                lines[start] = len(_LOWER_WORD.findall(text, start, end if end >= 0 else len(text))) <= 3
            if lines[start]:
                c = replace(c, hint="organization") if c.type is None and not c.city else replace(
                    c, type="organization", canonical=None, place_cue=False, city=False, hint=None)
        out.append(c)
    return out


def combine(text: str, rules: list[Candidate], model: list[tuple[int, int, EntityType]], lex: Lexicon,
            lower_words: frozenset[str] = frozenset()) -> list[Candidate]:
    """Rules and the statistical recognizer together. The rules' reading stands wherever they typed a
    name (a gazetteer name, a title, an organization word, a known first name; curation, applied later,
    wins over both). The model types what the rules left untyped on the very same span (``Pirelli``),
    trims a leading ``Officers of the`` off an organization it marks, and adds the spans no rule touched
    (all-caps headlines and datelines, fixture lines). Adjectives (``Iraqi``) and words the text also
    writes in lowercase are never added."""
    by_span = {(a, b): t for a, b, t in model}
    by_end = {b: (a, t) for a, b, t in model}
    out: list[Candidate] = []
    for c in rules:
        typ = by_span.get((c.start, c.end))
        inner = by_end.get(c.end)
        if inner is not None and inner[0] > c.start and c.canonical is None and not c.titled and \
                _LEADING_NOUN_OF.fullmatch(text[c.start : inner[0]]):  # ``Officers of the`` + a name
            a = inner[0]
            out.append(Candidate(a, c.end, text[a : c.end], tuple(text[a : c.end].split()), inner[1]))
        elif typ is None or c.type is not None or c.initial or (c.place_cue and typ == "organization") or (
                len(c.words) == 1 and _sentence_initial(text, c.start)):
            out.append(c)
        elif len(c.words) == 1:  # a lone word may still be the surname of someone named here: local.py decides
            out.append(replace(c, hint=typ))
        else:
            out.append(replace(c, type=typ))
    taken = sorted((c.start, c.end) for c in out)
    for a, b, typ in model:
        if not _overlaps(taken, a, b) and text[a:b][:1].isupper():  # a name starts with a capital
            name = text[a:b]
            words = tuple(name.split())
            lows = [w.lower().rstrip(".") for w in words]
            if all((w,) in lex.titles or w in lex.title_starts for w in lows):
                continue  # ``Maj. Gen.`` before a name the rules found
            if any(w in lex.demonyms or w in lex.stop_words or w in lex.common_words for w in lows):
                continue  # ``Iraqi``, ``European``: adjectives, not names
            if len(words) == 1 and lows[0] in lower_words:
                continue  # a word the text also writes in lowercase (``Men's singles``, ``men``)
            out.append(Candidate(a, b, name, words, typ))
    return out


def _overlaps(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether ``a:b`` overlaps one of ``spans`` (sorted, hardly overlapping one another)."""
    i = bisect.bisect_left(spans, (b, -1))  # spans[:i] start before b
    return any(e > a for _, e in spans[max(0, i - 3) : i])


def _low(tok: Token) -> str:
    return tok.low


def _cand(text: str, toks: list[Token], kind: EntityType | None, **extra: object) -> Candidate:
    start, end = toks[0].start, toks[-1].end
    return Candidate(start, end, text[start:end], tuple(t.text for t in toks), kind, **extra)  # type: ignore[arg-type]


def _strip_leading(run: list[Token], lex: Lexicon, lower_words: frozenset[str]) -> list[Token]:
    while run:
        first, low = run[0], _low(run[0])
        sentence_word = first.initial and len(run) > 1 and lex.memo.fold(first.text) not in lex.given_names and (
            low in lower_words or low.endswith(("ing", "ly", "ed")))
        if low in lex.stop_words or (not first.cap) or sentence_word:
            run = run[1:]
            continue
        break
    return run


GAZETTEER_MAX_CHARS = 120  # no gazetteer name is longer: longer runs are not looked up whole
CAPS_WINDOW = 200
MAX_AND_SPLITS = 20  # beyond this many 'and's a run is split at every one at once (linear time)


def _run(text: str, run: list[Token], lex: Lexicon, lower_words: frozenset[str]) -> list[Candidate]:
    run = _strip_leading(run, lex, lower_words)
    if not run:
        return []
    found = lex.lookup(text[run[0].start : run[-1].end]) if run[-1].end - run[0].start <= GAZETTEER_MAX_CHARS else None
    if found is not None:
        return [_gazetteer_cand(text, run, found)]
    if _caps_line(text, run[0].start):
        return []  # a headline, dateline or fixture line in capitals: the statistical recognizer reads it
    title = _find_title(run, lex)
    if title is not None:
        return _titled(text, run, title, lex, lower_words)
    lows = [_low(t) for t in run]
    if "and" in lows:
        ands = [k for k, low in enumerate(lows) if low == "and"]
        if len(ands) > MAX_AND_SPLITS:  # a list of hundreds of names: each part once, not each tail again
            bounds = zip([-1, *ands], [*ands, len(run)], strict=True)
            return [c for a, b in bounds if b > a + 1 for c in _run(text, run[a + 1 : b], lex, lower_words)]
        i = ands[0]
        return _run(text, run[:i], lex, lower_words) + _run(text, run[i + 1 :], lex, lower_words)
    if "of" in lows:
        k = lows.index("of")
        if _person_of(run[:k], lows[:k], lex):  # ``Mark Mazzetti of The New York Times``: a person, then his paper
            return _plain(text, run[:k], lex, lower_words) + _run(text, run[k + 1 :], lex, lower_words)
    if any(w in lex.org_words for w in lows):
        if len(run) == 1:  # ``Inc``, ``Police`` alone name no one organization
            return []
        return [_cand(text, run, "organization")]
    parts: list[list[Token]] = [[]]
    for tok, low in zip(run, lows, strict=True):
        if low in lex.connectors and not tok.cap:
            parts.append([])
        else:
            parts[-1].append(tok)
    out: list[Candidate] = []
    for part in parts:
        out.extend(_plain(text, part, lex, lower_words))
    return out


def _person_of(left: list[Token], lows: list[str], lex: Lexicon) -> bool:
    """Whether the words before ``of`` are a person's full name (a known given name first, no
    organization or place word), so the run is a person and what they belong to, not one name."""
    return (2 <= len(left) <= 4 and all(t.cap for t in left) and lex.memo.fold(left[0].text) in lex.given_names
            and not any(w in lex.org_words or w in lex.place_last or w in lex.common_words for w in lows))


def _gazetteer_cand(text: str, toks: list[Token], found: GazetteerEntry) -> Candidate:
    if found.weak:  # ``Dole``, ``Douglas``: a city, unless a person of that surname is named here
        return _cand(text, toks, None, place_cue=True, city=True)
    return _cand(text, toks, found.type, canonical=found.name)


def _caps_line(text: str, at: int) -> bool:
    """Whether the line holding ``at`` is written in capitals (eight letters or more, four in five capitals),
    judged within ``CAPS_WINDOW`` characters either side, so a run of many names on one long line
    (a byline of thousands) costs no more than a short one."""
    start = max(text.rfind("\n", max(0, at - CAPS_WINDOW), at) + 1, at - CAPS_WINDOW)
    end = text.find("\n", at, at + CAPS_WINDOW)
    return in_capitals(text[start : end if end >= 0 else min(len(text), at + CAPS_WINDOW)], 8)


def in_capitals(text: str, least: int) -> bool:
    """Whether ``text`` is written in capitals: at least ``least`` letters, four in five of them capitals.
    ASCII letters are counted by deleting each case (in C); the few other characters one by one."""
    upper = len(text) - len(text.translate(_NO_UPPER))
    letters = upper + len(text) - len(text.translate(_NO_LOWER))
    if not text.isascii():
        other = [ch for ch in _NON_ASCII.findall(text) if ch.isalpha()]
        letters += len(other)
        upper += sum(ch.isupper() for ch in other)
    return letters >= least and upper * 5 >= letters * 4


_NO_UPPER = str.maketrans("", "", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_NO_LOWER = str.maketrans("", "", "abcdefghijklmnopqrstuvwxyz")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _find_title(run: list[Token], lex: Lexicon) -> tuple[int, int] | None:
    lows = [t.low for t in run]
    starts = lex.title_starts
    for i in range(len(run) - 1):
        if starts and lows[i] not in starts:
            continue
        for size in range(min(lex.title_max, len(run) - i - 1), 0, -1):
            if tuple(lows[i : i + size]) not in lex.titles:
                continue
            j = i + size
            while j < len(run) - 1 and any(tuple(lows[j : j + n]) in lex.titles for n in (1, 2)):
                j += 2 if tuple(lows[j : j + 2]) in lex.titles else 1
            if j >= len(run):  # the run ends with titles (``said the Lord Chief Justice.``): no name follows
                continue
            nxt = lows[j]
            if run[j].cap and not _not_a_name(nxt, lex):
                return i, j
    return None


def _not_a_name(low: str, lex: Lexicon) -> bool:
    return (low in lex.org_words or low in lex.common_words or low in lex.connectors or low in lex.stop_words
            or low in lex.place_last)


def _titled(text: str, run: list[Token], title: tuple[int, int], lex: Lexicon,
            lower_words: frozenset[str]) -> list[Candidate]:
    i, j = title
    out = _run(text, run[:i], lex, lower_words) if i else []
    k = j
    while k < len(run) and (_low(run[k]) not in lex.connectors or run[k].cap):
        k += 1
    name = run[j:k]
    if name:
        out.append(_cand(text, name, "person", titled=True, title=" ".join(_low(t) for t in run[i:j])))
    if k + 1 < len(run):
        out.extend(_run(text, run[k + 1 :], lex, lower_words))
    return out


def _plain(text: str, part: list[Token], lex: Lexicon, lower_words: frozenset[str]) -> list[Candidate]:
    while part and (_low(part[0]) in lex.demonyms or _low(part[0]) in lex.stop_words):
        part = part[1:]
    if not part:
        return []
    found = lex.lookup(text[part[0].start : part[-1].end])
    if found is not None:
        return [_gazetteer_cand(text, part, found)]
    lows = [_low(t) for t in part]
    if lows[0] in lex.place_first or lows[-1] in lex.place_last or lex.facility_after.match(text, part[-1].end):
        return [_cand(text, part, "place")]
    if len(part) == 1:
        tok = part[0]
        if lows[0] in lex.common_words or lows[0] in lex.demonyms or len(tok.text) < 2:
            return []
        ambiguous = tok.initial and (lows[0] in lower_words or lows[0].endswith(("ing", "ly", "ed")))
        return [_cand(text, part, None, initial=ambiguous, place_cue=_place_cue(text, tok.start))]
    if any(w in lex.common_words for w in lows) or len(part) > 5:
        return []
    if _looks_personal(part, lows, lex) or _person_cue(text, part[0].start, part[-1].end):
        return [_cand(text, part, "person")]
    return [_cand(text, part, None, place_cue=_place_cue(text, part[0].start))]


def _place_cue(text: str, start: int) -> bool:
    return bool(_PLACE_BEFORE.search(text[max(0, start - 12) : start]))


def _looks_personal(part: list[Token], lows: list[str], lex: Lexicon) -> bool:
    if lex.memo.fold(part[0].text) in lex.given_names:
        return True
    if any(is_initial(t.text) for t in part[1:-1]):
        return True
    return any(w in lex.particles or w.split("-", 1)[0] in lex.particles for w in lows[:-1] + [lows[-1].split("-")[0] + "-"])


def _person_cue(text: str, start: int, end: int) -> bool:
    after = text[end : end + 120]
    if _APPOSITIVE.match(after) or _SAID_AFTER.match(after):
        return True
    return bool(_SAID_BEFORE.search(text[max(0, start - 30) : start]))
