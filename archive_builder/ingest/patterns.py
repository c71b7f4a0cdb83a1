"""Recognisers for the parts of a news page that are not body text (pure functions over one line)."""

from __future__ import annotations

import datetime as dt
import re

from archive_builder.textutil import sentence_spans

SENTENCE_END = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*$")

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+)?"
_PREFIX = r"(?:(?:published|updated|posted|last\s+updated|date)(?:\s+on)?\s*:?\s*)?"
_TIME = r"(?:\s*(?:[,|\-\u2013\u2014]|at)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|[+-]\d{2}:?\d{2})?)?"
_DATE_FORMS = [
    re.compile(rf"^{_PREFIX}{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}}){_TIME}$", re.I),
    re.compile(rf"^{_PREFIX}{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}}){_TIME}$", re.I),
    re.compile(rf"^{_PREFIX}(?P<year>\d{{4}})[-/.](?P<mnum>\d{{1,2}})[-/.](?P<day>\d{{1,2}})(?:[T\s]\S*)?{_TIME}$", re.I),
]


def parse_date_line(text: str) -> dt.date | None:
    """A line that is only a date (``March 23, 2020``, ``23 March 2020``, ``2020-03-23``...)."""
    line = text.strip().rstrip(".")
    if len(line) > 60:
        return None
    for form in _DATE_FORMS:
        match = form.match(line)
        if not match:
            continue
        parts = match.groupdict()
        month = _MONTHS[parts["month"].lower()] if parts.get("month") else int(parts["mnum"])
        try:
            return dt.date(int(parts["year"]), month, int(parts["day"]))
        except ValueError:
            return None
    return None


_AGENCIES = re.compile(
    r"\b(reuters|ap|afp|associated press|getty|epa|xinhua|anadolu|efe|dpa|ansa|photo|image|file|"
    r"shutterstock|pool|courtesy|handout|via|credit|ap photo|irna|tasnim|sana|wana|isna|fars)\b|/",
    re.I,
)
_CAPTION = re.compile(r"^(?P<caption>.{2,400}?)\s*[(\[](?P<credit>[^()\[\]]{2,80})[)\]]\.?$")
_CAPTION_LABEL = re.compile(r"^(?:photo|image|caption|picture)\s*:\s*(?P<caption>.+)$", re.I)


def caption_parts(text: str) -> tuple[str, str | None] | None:
    """``US President Donald Trump. (Reuters)`` -> (``US President Donald Trump.``, ``Reuters``)."""
    if len(text.split()) > 60:
        return None
    match = _CAPTION.match(text)
    if match and _AGENCIES.search(match.group("credit")) and len(match.group("credit").split()) <= 8:
        return match.group("caption").strip(), match.group("credit").strip()
    match = _CAPTION_LABEL.match(text)
    if match:
        return match.group("caption").strip(), None
    return None


BYLINE = re.compile(r"^by\s+(?=[A-Z\u00c0-\u024f])", re.I)
# A capitalised word holding a lower-case letter, or an initial. The look-ahead finds the lower-case
# letter and the possessive run takes the whole word, so no split of a long word is ever retried: the
# time is linear in the line's length (a 64 KB "byline" once took 27 s by backtracking).
_NAME_TOKEN = r"(?:(?=[A-Z\u00c0-\u00de][\w'\u2019\-]*?[a-z\u00df-\u00ff])[A-Z\u00c0-\u00de][\w'\u2019\-]*+|[A-Z]\.)"
_PERSON = re.compile(
    rf"(?<![\w.'\u2019-])(?P<name>{_NAME_TOKEN}(?:\s+(?:(?:al|el|bin|ibn|de|van|von|da|di|le|la|du|del)[-\s])?{_NAME_TOKEN}){{1,3}})"
)
_NOT_NAME_START = frozenset(["reporting", "editing", "writing", "additional", "compiled", "the", "and", "by", "with"])


def names_in(text: str) -> tuple[str, ...]:
    """Person-like names in a byline or credit: capitalised runs of two to four words."""
    names: list[str] = []
    for match in _PERSON.finditer(text):
        before = text[: match.start()].rstrip().rsplit(None, 1)
        if before and before[-1].lower() in ("from", "in", "at", "for", "of", "to"):
            continue
        name = match.group("name").strip()
        if name.split()[0].lower() in _NOT_NAME_START or name.endswith("."):
            continue
        if name not in names:
            names.append(name)
    return tuple(names)


CREDITS = re.compile(
    r"\b(reported from|contributed reporting|contributed to this report|reporting by|editing by|"
    r"writing by|additional reporting|compiled by|reported by|with inputs from)\b",
    re.I,
)


_NOT_AUTHORS = re.compile(r"\b(?:editing|edited|graphics?|photos?|photography|design|production|fact-checking)\s+by\b[^;()]*", re.I)


_CREDIT_VERBS = re.compile(r"\b(?:additional\s+)?(?:reporting|reported|writing|written|compiled)(?:\s+by)?\b", re.I)


def credit_names(text: str) -> tuple[str, ...]:
    """The reporters and writers a credit line names; editors and photographers are not the byline."""
    return names_in(_CREDIT_VERBS.sub(" ; ", _NOT_AUTHORS.sub(" ", text)))


# "About Reuters", "About the Associated Press", "About us": a heading naming the publisher, never a
# sentence ("About 300 people remain missing." stays in the body).
_CAP = r"(?-i:[A-Z\u00c0-\u00de][\w'\u2019&.\-]*)"
ABOUT = re.compile(
    rf"^about\s+(?:us|the\s+authors?|(?:the\s+)?{_CAP}(?:\s+(?:{_CAP}|of|and|&|for|the|de|al)){{0,6}})\s*:?$", re.I)
ABOUT_NAME = re.compile(r"^about\s+(?:the\s+)?", re.I)
DATED_DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w.'\u2019\-]*(?:\s+[A-Z][\w.'\u2019\-]*){0,3}(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?)"
    r"[,;]\s+(?:a\s+)?(?P<date>(?:[A-Za-z\u00e0-\u00fc]{3,10}\.?\s+\d{1,2}(?:,\s+\d{4})?)"
    r"|(?:\d{1,2}\s+(?:de\s+)?[A-Za-z\u00e0-\u00fc]{3,10}\.?(?:,?\s+(?:de\s+)?\d{4})?))"
    r"\s*(?:\((?P<agency>[^()]{2,40})\))?\s*(?:\.?[\u2014\u2013\-]{1,2}|:)\s*(?=\S)"
)
_CONNECTORS = frozenset(["of", "the", "and", "for", "al", "el", "de", "la", "le", "du", "&", "news"])


def looks_like_source_credit(text: str) -> bool:
    """A short trailing line naming a source: ``Asharq Al-Awsat``, ``Reuters``, ``Source: AFP``."""
    line = re.sub(r"^(?:source|via|credit)\s*:\s*", "", text.strip(), flags=re.I)
    words = line.split()
    if not 1 <= len(words) <= 6 or len(line) > 60 or SENTENCE_END.search(line) or line.endswith(","):
        return False
    if parse_date_line(line):
        return False
    return all(w[0].isupper() or w.lower() in _CONNECTORS or w[0].isdigit() for w in words)


def looks_like_headline(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 22 or len(text) > 160:
        return False
    if text.endswith((".", ",", ";", ":")) or text[0] in "\u201c\"'(":
        return False
    if len(sentence_spans(text)) > 1 or SENTENCE_END.search(text.rstrip("?!")):
        return False
    return text[0].isupper() or text[0].isdigit()


OUTLET_PREFIX = re.compile(r"^(?P<outlet>[A-Z][\w'\u2019&.\-]*(?:\s+[A-Z][\w'\u2019&.\-]*){0,4})\s*/\s+(?=\S)")
PLACE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'\u2019.\-]+(?:\s+[A-Z][A-Z'\u2019.\-]+){0,3}"
    r"(?:,\s+[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)?)\s*(?:\((?P<agency>[^()]{2,40})\))?\s*[\u2014\u2013\-]{1,2}\s+(?=\S)"
)


def first_sentence(text: str) -> str:
    spans = sentence_spans(text)
    return text[spans[0][0] : spans[0][1]] if spans else text
