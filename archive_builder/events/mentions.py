"""Event mentions: a trigger word in a sentence, the date expression that belongs to it, and the
named people, organizations and places of its clause.

``the Jan. 2 killing of General Suleimani`` -> trigger ``killing``, date 2 January, participant
``qassim-suleimani``; ``Iran's ballistic missile attack on Jan. 8 on Al Asad Air Base`` -> trigger
``ballistic missile attack``, date 8 January, participant Iran, place Al Asad Air Base.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from archive_builder.events.dates import DateRef
from archive_builder.model import Article, Entity, Mention
from archive_builder.textutil import sentence_spans

# (phrase pattern, family, kind): the family says what can be the same happening, the kind how
# specific it is; kinds equal to their family's generic word join any kind of the family.
TRIGGERS: tuple[tuple[str, str, str], ...] = (
    (r"rockets? (?:struck|hit|slammed into|landed (?:on|in|inside|near))", "attack", "rocket attack"),
    (r"missiles? (?:struck|hit|slammed into)", "attack", "missile attack"),
    (r"ballistic[- ]missile attacks?", "attack", "missile attack"),
    (r"missile (?:attack|strike)s?", "attack", "missile attack"),
    (r"rocket (?:attack|strike)s?", "attack", "rocket attack"),
    (r"drone (?:attack|strike)s?", "attack", "drone strike"),
    (r"air[- ]?strikes?", "attack", "airstrike"),
    (r"(?:rocket )?barrages?", "attack", "rocket attack"),
    (r"bombings?", "attack", "bombing"),
    (r"suicide bombings?", "attack", "bombing"),
    (r"shootings?", "attack", "shooting"),
    (r"raids?", "attack", "raid"),
    (r"attacks?", "attack", "attack"),
    (r"strikes?", "attack", "attack"),
    (r"killings?", "killing", "killing"),
    (r"assassinations?", "killing", "killing"),
    (r"death of", "killing", "killing"),
    (r"(?:news|press) conferences?", "conference", "news conference"),
    (r"(?:press|news) briefings?", "conference", "news conference"),
    (r"(?:tele)?phone calls?", "call", "phone call"),
    (r"telephoned|phoned", "call", "phone call"),
    (r"statements?", "statement", "statement"),
    (r"meetings?", "meeting", "meeting"),
    (r"summits?", "meeting", "meeting"),
    (r"debates?", "meeting", "meeting"),
    (r"speech(?:es)?", "speech", "speech"),
    (r"visits?", "visit", "visit"),
    (r"elections?", "election", "election"),
    (r"protests?", "protest", "protest"),
    (r"explosions?|blasts?", "explosion", "explosion"),
    (r"cease-?fires?", "ceasefire", "ceasefire"),
    (r"arrests?", "arrest", "arrest"),
    (r"resignations?|resigned", "resignation", "resignation"),
    # the rest of a news desk's happenings (a table: family, kind); nouns and the unambiguous verbs
    (r"murders?|murdered|shot dead|gunned down", "killing", "killing"),
    (r"stabbings?|stabbed", "attack", "stabbing"),
    (r"deaths?|died", "death", "death"),
    (r"earthquakes?|quakes?|tremors?", "earthquake", "earthquake"),
    (r"fires?|blazes?|arson", "fire", "fire"),
    (r"robbery|robberies|heists?|robbed", "robbery", "robbery"),
    (r"escapes?|escaped", "escape", "escape"),
    (r"appointments?|appointed|nominations?|nominated|hired", "appointment", "appointment"),
    (r"arrested", "arrest", "arrest"),
    (r"injur(?:y|ies|ed)", "injury", "injury"),
    (r"acquisitions?|acquired|takeovers?", "acquisition", "acquisition"),
    (r"crash(?:es|ed)?", "crash", "crash"),
    (r"trials?|convicted|sentenced|verdicts?", "trial", "trial"),
    (r"victory|victories|defeated|won", "win", "win"),
    # what else leads a news report: admissions, dismissals, signings, releases, abductions, ...
    (r"(?:check|checked|checks|checking) (?:(?:herself|himself|themselves) )?in(?:to)?", "admission", "admission"),
    (r"admitted (?:herself |himself )?(?:to|into)|entered (?:rehab|rehabilitation|a rehab)", "admission", "admission"),
    # ``entered well-known Malibu rehab center``, ``went to rehab``
    (r"(?:entered|enters|entering)(?= (?:[\w'-]+ ){0,4}(?:rehab|rehabilitation|treatment|detox)\b)|(?:went|goes|going|returned|headed) (?:back )?(?:in)?to rehab", "admission", "admission"),
    (r"sacked|ousted|dismissed|fired (?:as|from)|firing of", "dismissal", "dismissal"),
    (r"executed|executions?", "killing", "killing"),
    (r"opened fire|gunfire|gunman|gunmen", "attack", "shooting"),
    (r"kidnapp(?:ed|ings?)|abduct(?:ed|ions?)", "kidnapping", "kidnapping"),
    (r"hijack(?:ed|ings?)|seized|seizures?", "seizure", "seizure"),
    (r"charged|indicted|pleaded|charges", "trial", "trial"),
    (r"beat|knocked out|knockout|knocks out", "win", "win"),
    (r"signed|signs|signing", "signing", "signing"),
    (r"released|unveiled|releases", "release", "release"),
    (r"announcements?", "announcement", "announcement"),
    (r"sank|sunk|capsized|sinking", "sinking", "sinking"),
    (r"floods?|flooding", "flood", "flood"),
    (r"hit-and-run|collided|collisions?", "crash", "crash"),
    (r"riots?|rioting", "protest", "riot"),
    (r"severed|damaged", "damage", "damage"),
    (r"erupted|eruptions?", "eruption", "eruption"),
    (r"evacuat(?:ed|ions?)", "evacuation", "evacuation"),
    (r"rescued|rescues?", "rescue", "rescue"),
    (r"dies", "death", "death"),
    (r"offers?|offered", "offer", "offer"),
    (r"captured|caught", "arrest", "arrest"),
    (r"foiled|thwarted|intercepted|repelled", "interception", "interception"),
    (r"destroyed|gutted", "damage", "damage"),
    # verbs a report leads with when its noun is elsewhere: ``a bomb exploded``, ``was shot``
    (r"explod(?:ed|es)|detonated", "explosion", "explosion"),
    (r"(?<=was )shot|(?<=were )shot|(?<=fatally )shot|shot (?:and (?:killed|wounded)|to death)", "attack", "shooting"),
    (r"slain|slayings?", "killing", "killing"),
    (r"(?<=was )fired|(?<=been )fired|fired (?:head )?(?:coach|manager)|terminated|relieved (?:of|from)", "dismissal", "dismissal"),
    (r"revoked|overturned|repealed|rescinded|revers(?:ed|es|ing|als?)|(?<=to )reverse|(?<=will )reverse", "repeal", "repeal"),
    # ``fired Jim O'Brien`` (a name as its object; not ``fired Grad rockets``)
    (r"fired(?= (?-i:[A-Z][a-z]+ (?:[A-Z]\. )?[A-Z][\w'-]+)\b)(?! (?:[\w'-]+ ){0,3}(?:missiles?|rockets?|shells?|shots?|rounds?)\b)", "dismissal", "dismissal"),
    (r"disrupt(?:ed|ions?)|outages?|downtime", "disruption", "disruption"),
    (r"damage(?= to\b)", "damage", "damage"),
    # a title fight: ``stopped Tony Thompson``, ``retained his WBA, IBF and WBO titles``
    (r"(?:stopped|stopping)(?= (?-i:[A-Z]))|stoppage", "win", "win"),
    (r"(?:retained|retains|defended|defends) (?:his|her|their|the)(?= [\w ,&-]{0,40}\b(?:titles?|crown|belts?)\b)", "win", "win"),
)
FAMILY_OF = {kind: family for _, family, kind in TRIGGERS}
_TRIGGER = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<t{i}>{p})" for i, (p, _, _) in enumerate(TRIGGERS)) + r")(?![\w-])", re.I
)
# first words of the triggers: ``find_triggers`` tries the pattern only where one stands
HEADS = frozenset(["check", "enters", "entering", "went", "goes", "going", "returned", "headed", "reversed", "reverses", "reversing", "reversal", "reversals", "reverse", "checked", "checks", "checking", "admitted", "entered", "sacked", "ousted", "dismissed", "fired",
                   "firing", "executed", "execution", "executions", "opened", "gunfire", "gunman",
                   "gunmen", "kidnapped", "kidnapping", "kidnappings", "abducted", "abduction", "abductions",
                   "hijacked", "hijacking", "hijackings", "seized", "seizure", "seizures", "charged", "indicted",
                   "pleaded", "charges", "beat", "knocked", "knockout", "knocks", "signed", "signs", "signing",
                   "released", "unveiled", "releases", "announcement", "announcements", "sank", "sunk",
                   "capsized", "sinking", "flood", "floods", "flooding", "hit", "collided", "collision",
                   "collisions", "riot", "riots", "rioting", "severed", "damaged", "erupted",
                   "eruption", "eruptions", "evacuated", "evacuation", "evacuations", "rescued", "rescue",
                   "rescues", "dies", "offer", "offers", "offered", "captured", "caught", "foiled", "thwarted",
                   "intercepted", "repelled", "destroyed", "gutted", "exploded", "explodes", "detonated", "slain",
                   "slaying", "slayings", "terminated", "disrupted", "disruption", "disruptions", "outage", "outages",
                   "downtime", "damage", "stopped", "stopping", "stoppage", "retained", "retains", "defended", "defends", "relieved", "revoked", "overturned", "repealed", "rescinded",
                   "murder", "murders", "murdered", "shot", "gunned", "stabbing", "stabbings", "stabbed", "deaths",
                   "died", "earthquake", "earthquakes", "quake", "quakes", "tremor", "tremors", "fire", "fires",
                   "blaze", "blazes", "arson", "robbery", "robberies", "heist", "heists", "robbed", "escape",
                   "escapes", "escaped", "appointment", "appointments", "appointed", "nomination", "nominations",
                   "nominated", "hired", "arrested", "injury", "injuries", "injured", "acquisition",
                   "acquisitions", "acquired", "takeover", "takeovers", "crash", "crashes", "crashed", "trial",
                   "trials", "convicted", "sentenced", "verdict", "verdicts", "victory", "victories", "defeated",
                   "won", "resigned", "rockets", "missiles", "barrage", "barrages", "ballistic", "missile", "rocket", "drone", "air", "airstrike", "airstrikes", "bombing", "bombings", "suicide", "shooting", "shootings", "raid", "raids", "attack", "attacks", "strike", "strikes", "killing", "killings", "assassination", "assassinations", "death", "news", "press", "phone", "telephone", "telephoned", "phoned", "statement", "statements", "meeting", "meetings", "summit", "summits", "debate", "debates", "speech", "speeches", "visit", "visits", "election", "elections", "protest", "protests", "explosion", "explosions", "blast", "blasts", "cease", "ceasefire", "ceasefires", "arrest", "arrests", "resignation", "resignations"])
_WORD = re.compile(r"[A-Za-z]+")
# families whose mentions may describe the same happening (an undated ``strike on X`` and the
# dated ``killing of X``), given a shared person
# families whose mentions may be one event: an attack and the killing it caused; the killing of a
# person and their death (a person dies once: ``the death of X`` is ``the killing of X``)
RELATED = {"killing": ("attack", "death"), "attack": ("killing",), "death": ("killing",)}
FOLD_INTO = {"attack": "killing"}  # a dated attack on a person joins the killing of that person that day
DATE_REACH = 90  # characters between a trigger and its date expression
ARG_REACH = (60, 110)  # characters before / after a trigger searched for its participants
_CLAUSE_BREAK = re.compile(r"[;:()\[\]\u2014\u2013]|\s-\s|\"|\u201c|\u201d")
_ARG_CUT = re.compile(r"[,;:()\[\]\u2014\u2013\"\u201c\u201d]|\s-\s|\b[a-z]+ed\b|\b(?:that|which|who|when|while|where|after|before|"
                      r"and|but|as|to|had|has|have|was|were|is|are|led|left)\b")
_DATE_GLUE = re.compile(r"\s*\b(?:on|in|of|at)\s*$", re.I)
_PREPOSITIONS = frozenset(["of", "on", "against", "at", "in", "with", "by", "between", "over", "about", "from", "into", "near", "outside", "inside"])
_VERBS = frozenset(["struck", "hit", "into", "on", "in", "inside", "near"])  # last words of verb triggers
CORE_REACH = 25
LEDE = 3  # first sentences of an article: its triggers are mentions even when they name no one
OBJECT_LEAD = 12  # characters of title (``Maj. Gen.``) allowed before the name an object phrase starts with  # characters before a trigger where its own people are named


@dataclass(frozen=True, slots=True)
class Candidate:
    """One event mention before joining: where, what, when and who."""

    article: str
    start: int  # span shown as the mention: the trigger and its date expression
    end: int
    trigger_start: int
    trigger_end: int
    trigger: str  # as written, lowercase
    family: str
    kind: str
    date: DateRef | None
    persons: tuple[str, ...]  # entity ids of people in the clause
    core: tuple[str, ...]  # the people named right at the trigger (its object or agent)
    others: tuple[str, ...]  # organizations
    places: tuple[str, ...]
    label: str  # trigger plus its argument as written, dates removed
    sentence: tuple[int, int]
    agents: tuple[str, ...] = ()  # named right before the trigger: ``Iran's attack``, ``Mr. X telephoned``
    targets: tuple[str, ...] = ()  # named in the trigger's own phrase: ``attack on X``, ``killing of X``
    located: tuple[tuple[str, str], ...] = ()  # (preposition, place id): ``in X``, ``near X``, ``at X``
    lede: bool = False  # in the article's first sentences, where news tells its main happening

    @property
    def generic(self) -> bool:
        return self.kind == self.family

    @property
    def sites(self) -> frozenset[str]:
        """Places it happened at: named as its object or after a locating preposition."""
        return frozenset(p for p in self.places if p in self.targets) | frozenset(p for _, p in self.located)

    @property
    def entities(self) -> frozenset[str]:
        return frozenset(self.persons + self.others + self.places)


def _sentences(article: Article) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for start, end in article.paragraphs:
        spans.extend((start + s, start + e) for s, e in sentence_spans(article.body[start:end]))
    return spans


def find_triggers(body: str) -> list[re.Match[str]]:
    """Every trigger in ``body``, left to right, not overlapping (as ``_TRIGGER.finditer`` would
    find them, in a third of the time: the long alternation runs only at likely words)."""
    out: list[re.Match[str]] = []
    last = 0
    for word in _WORD.finditer(body):
        if word.start() < last or word.group(0).lower() not in HEADS:
            continue
        m = _TRIGGER.match(body, word.start())
        if m is not None:
            out.append(m)
            last = m.end()
    return out


def _kind(match: re.Match[str]) -> tuple[str, str]:
    index = int(next(k for k, v in match.groupdict().items() if v is not None)[1:])
    return TRIGGERS[index][1], TRIGGERS[index][2]


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger phrase found in a body (plain data: it is cached and sent between processes)."""

    start: int
    end: int
    text: str
    family: str
    kind: str


@dataclass(frozen=True, slots=True)
class Reading:
    """What an article's body alone says about events: its sentences and triggers (per article, so
    read on the worker pool and cached; joined with the resolved names later)."""

    sentences: tuple[tuple[int, int], ...]
    triggers: tuple[Trigger, ...]


def read(article: Article) -> Reading:
    found = tuple(Trigger(m.start(), m.end(), m.group(0), *_kind(m)) for m in find_triggers(article.body))
    return Reading(tuple(_sentences(article)), found)


def _assign_dates(triggers: list[Trigger], dates: list[DateRef]) -> dict[int, DateRef]:
    """Each date expression belongs to the nearest trigger of its sentence (within reach)."""
    out: dict[int, DateRef] = {}
    for ref in dates:
        if ref.raw.birth:  # ``Page, born April 22, 1923, died on Thursday``: not the death's date
            continue
        best: tuple[int, int] | None = None
        for i, m in enumerate(triggers):
            gap = ref.start - m.end if ref.start >= m.end else m.start - ref.end if ref.end <= m.start else 0
            if 0 <= gap <= DATE_REACH and (best is None or gap < best[0]):
                best = (gap, i)
        if best is not None:
            i = best[1]
            if i not in out or abs(out[i].start - triggers[i].start) > abs(ref.start - triggers[i].start):
                out[i] = ref
    return out


def _clause(body: str, sentence: tuple[int, int], lo: int, hi: int) -> tuple[int, int]:
    """The stretch around a trigger up to clause breaks, other triggers and the reach."""
    start = max(sentence[0], lo - ARG_REACH[0])
    end = min(sentence[1], hi + ARG_REACH[1])
    before = [m.end() for m in _CLAUSE_BREAK.finditer(body, start, lo)]
    after = _CLAUSE_BREAK.search(body, hi, end)
    return (before[-1] if before else start), (after.start() if after else end)


def _label(body: str, m: Trigger, end: int, dates: list[DateRef]) -> tuple[str, int]:
    """The trigger and the prepositional phrase after it, as written (dates left out):
    ``killing of General Suleimani``, ``ballistic missile attack on Al Asad Air Base``; and where
    that phrase ends in the body."""
    tail = body[m.end : min(end, m.end + 120)]
    for ref in dates:
        if m.end <= ref.start < m.end + len(tail):
            a, b = ref.start - m.end, min(len(tail), ref.end - m.end)
            glue = _DATE_GLUE.search(tail[:a])
            a = glue.start() if glue else a
            tail = tail[:a] + " " * (b - a) + tail[b:]
    cut = _ARG_CUT.search(tail)
    phrase = tail[: cut.start()] if cut else tail
    words = phrase.rstrip(".!?,;: ").split()
    if " " in m.text and m.family == "attack" and m.text.split()[-1].lower() in _VERBS:
        # ``rockets struck Fort Halden`` reads ``rocket attack on Fort Halden``
        if words and words[0].lower() in ("again", "overnight", "early", "late"):
            words = words[1:]
        start = 0 if words and words[0].lower() in _PREPOSITIONS else None
        words = words[start:] if start is not None else ["on", *words]
        name = m.kind
    else:
        name = m.text
    if not words or words[0].lower() not in _PREPOSITIONS:
        return name, m.end
    while words and words[-1].lower() in _PREPOSITIONS | {"the", "a", "an", "again", "late", "early", "overnight"}:
        words.pop()
    return " ".join([name, *words[:10]]).rstrip(".!?,;:"), m.end + len(phrase)


_LOCATING = re.compile(r"\b(in|inside|at|on|near|outside|(?:north|south|east|west)(?:east|west)? of)\s+(?:the\s+)?$", re.I)
_AGENT_GAP = re.compile(r"(?:['\u2019]s)?\s?")  # what may stand between an actor and its trigger
SPOKEN = frozenset(["statement", "conference", "speech"])  # made by whoever is named first after them
_PREP_OF = {"in": "in", "inside": "in", "at": "at", "on": "on", "near": "near", "outside": "near"}


def _roles(body: str, found: list[Mention], types: dict[str, str], m: Trigger,
           label: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Who acted (named right before the trigger, or with its possessive), what or whom it was done to (the name its phrase
    starts with: ``attack on X``, ``killing of General X``, not ``attack on depots in X``) and where
    it happened (places after a locating preposition, not the actor's country)."""
    words = label.split()[len(m.text.split()) if label.lower().startswith(m.text.lower()) else len(m.kind.split()):]
    obj = " ".join(words[1:]) if words and words[0].lower() in _PREPOSITIONS else ""
    obj = obj[4:] if obj.lower().startswith("the ") else obj
    agents: list[str] = []
    targets: list[str] = []
    located: list[tuple[str, str]] = []
    for mention in found:
        if _AGENT_GAP.fullmatch(body, mention.end, m.start) and mention.entity not in agents:
            agents.append(mention.entity)  # ``Iran's attack``, ``Milley telephoned``, ``a Pentagon news conference``
        elif mention.text in obj[: len(mention.text) + OBJECT_LEAD] and mention.entity not in targets:
            targets.append(mention.entity)
        if types.get(mention.entity) == "place" and mention.entity not in agents:
            prep = _LOCATING.search(body, max(0, mention.start - 24), mention.start)
            if prep is not None:
                word = prep.group(1).lower()
                located.append((_PREP_OF.get(word, "near"), mention.entity))
    if not agents and m.family in SPOKEN:  # ``In a statement, the State Department said``
        first = next((x for x in found if x.start >= m.end and types.get(x.entity) != "place"), None)
        agents = [first.entity] if first is not None else []
    return tuple(agents), tuple(targets), tuple(dict.fromkeys(located))


def _participle(body: str, m: Trigger) -> bool:
    """``..., killing two contractors``: a verb telling what an attack did, not an event of its own."""
    return m.family == "killing" and m.text.lower().startswith("killing") and not re.match(r"\s+of\b", body[m.end:])


def _core(found: list[Mention], types: dict[str, str], lo: int, hi: int) -> tuple[str, ...]:
    """People right at the trigger: in its phrase (``killing of X``, ``call with X``) or just before
    it (``X's death``, ``Mr. X authorized airstrikes``)."""
    out: list[str] = []
    for mention in found:
        if types.get(mention.entity) != "person" or mention.entity in out:
            continue
        if lo - CORE_REACH <= mention.end <= lo or lo <= mention.start < hi:
            out.append(mention.entity)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Names:
    """Entity mentions of one article, sorted by start, with the entities' types."""

    starts: list[int]
    mentions: list[Mention]
    types: dict[str, str]

    def within(self, lo: int, hi: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, lo)
        out: list[Mention] = []
        while i < len(self.mentions) and self.starts[i] < hi:
            if self.mentions[i].end <= hi:
                out.append(self.mentions[i])
            i += 1
        return out


def names_of(mentions: list[Mention], entities: dict[str, Entity]) -> Names:
    body = sorted((m for m in mentions if m.field == "body" and m.entity in entities), key=lambda m: (m.start, m.end))
    return Names([m.start for m in body], body, {m.entity: entities[m.entity].type for m in body})


def _split(found: list[Mention], types: dict[str, str]) -> tuple[tuple[str, ...], ...]:
    groups: dict[str, list[str]] = {"person": [], "organization": [], "place": []}
    for mention in found:
        ids = groups.get(types.get(mention.entity, ""), groups["organization"])
        if mention.entity not in ids:
            ids.append(mention.entity)
    return tuple(groups["person"]), tuple(groups["organization"]), tuple(groups["place"])


def candidates(article: Article, dates: list[DateRef], names: Names, reading: Reading | None = None) -> list[Candidate]:
    """Every event mention of an article that has a date or named participants."""
    body = article.body
    out: list[Candidate] = []
    reading = reading or read(article)
    every = reading.triggers
    starts = [m.start for m in every]
    for number, sentence in enumerate(reading.sentences):
        lo_i, hi_i = bisect.bisect_left(starts, sentence[0]), bisect.bisect_left(starts, sentence[1])
        triggers = [m for m in every[lo_i:hi_i] if m.end <= sentence[1] and not _participle(body, m)]
        if not triggers:
            continue
        inside = [d for d in dates if sentence[0] <= d.start and d.end <= sentence[1]]
        owned = _assign_dates(triggers, inside)
        for i, m in enumerate(triggers):
            ref = owned.get(i)
            usable = ref if ref is not None and ref.date is not None and ref.precision in ("day", "month", "range") else None
            lo = triggers[i - 1].end if i else sentence[0]
            hi = triggers[i + 1].start if i + 1 < len(triggers) else sentence[1]
            c_start, c_end = _clause(body, sentence, m.start, m.end)
            near = names.within(max(lo, c_start), min(hi, c_end))
            persons, others, places = _split(near, names.types)
            lede = number < LEDE
            if usable is None and not (persons or others or places or lede):
                continue
            label, phrase_end = _label(body, m, min(hi, c_end), inside)
            agents, targets, located = _roles(body, near, names.types, m, label)
            start = min(m.start, usable.start) if usable else m.start
            end = max(m.end, usable.end) if usable else m.end
            out.append(Candidate(article.id, start, end, m.start, m.end, m.text.lower(), m.family, m.kind,
                                 usable, persons, _core(near, names.types, m.start, phrase_end), others, places,
                                 label, sentence, agents, targets, located, lede))
    return out
