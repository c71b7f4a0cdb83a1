"""The ``events:`` section of ``seeds/curation.yml``: name, date, merge, split and drop events.

    events:
      - id: 2020-01-02-killing-of-general-suleimani
        name: Killing of Qassim Suleimani       # the label shown everywhere
        date: 2020-01-02                          # or 2020-01 (month) or 2020 (year)
      - merge: [2020-01-02-killing-of-general-suleimani, undated-strike-on-general-suleimani]
      - split: 2020-03-14-attack-on-camp-taji     # the mentions in these articles become an event
        articles: [012_reprint]
        into: 2020-03-15-attack-on-camp-taji      # its id (optional) ...
        name: Rocket attack on Camp Taji          # ... and label (optional)
      - drop: undated-visit                       # not an event

Entries apply in file order; each refers to events by id as built (or as named by an earlier
entry). Problems are reported with the file, the entry's line and a near-miss hint.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from archive_builder.curation import Curation
from archive_builder.events.mentions import Candidate
from archive_builder.model import DatePrecision, Diagnostic
from archive_builder.textutil import near_miss

KEYS = ("id", "name", "date", "merge", "split", "articles", "into", "drop")
_MONTH = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True, slots=True)
class Draft:
    """An event before it is frozen into the model: its mentions and what the curator said."""

    id: str
    label: str
    date: dt.date | None
    precision: DatePrecision
    family: str
    kind: str
    mentions: tuple[Candidate, ...]
    curated: bool = False


def parse_date(value: Any) -> tuple[dt.date, DatePrecision] | None:
    """``2020-01-02`` (day), ``2020-01`` (month) or ``2020`` (year), as YAML reads them."""
    if isinstance(value, dt.datetime):
        return value.date(), "day"
    if isinstance(value, dt.date):
        return value, "day"
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text), "day"
        if m := _MONTH.fullmatch(text):
            return dt.date(int(m.group(1)), int(m.group(2)), 1), "month"
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 1, 1), "year"
    except ValueError:
        return None
    return None


class _Session:
    def __init__(self, drafts: list[Draft], curation: Curation) -> None:
        self.drafts = {d.id: d for d in drafts}
        self.path = curation.path
        self.problems: list[Diagnostic] = []

    def problem(self, entry: dict[str, Any], message: str, hint: str | None = None) -> None:
        self.problems.append(Diagnostic(self.path, message, "error", Curation.line_of(entry), hint))

    def known(self, entry: dict[str, Any], event_id: Any) -> Draft | None:
        found = self.drafts.get(str(event_id))
        if found is None:
            guess = near_miss(str(event_id), sorted(self.drafts))
            hint = f"did you mean '{guess}'?" if guess else "see the event ids in the export or on the event pages"
            self.problem(entry, f"events: no event with id '{event_id}'", hint)
        return found

    def put(self, draft: Draft, old: str | None = None) -> None:
        if old is not None and old != draft.id:
            self.drafts.pop(old, None)
        self.drafts[draft.id] = draft

    def edit(self, entry: dict[str, Any], draft: Draft) -> Draft:
        if "name" in entry:
            draft = replace(draft, label=" ".join(str(entry["name"]).split()) or draft.label, curated=True)
        if "date" in entry:
            parsed = parse_date(entry["date"])
            if parsed is None:
                self.problem(entry, f"events: cannot read date '{entry['date']}'", "write 2020-01-02, 2020-01 or 2020")
            else:
                draft = replace(draft, date=parsed[0], precision=parsed[1], curated=True)
        return draft

    def merge(self, entry: dict[str, Any]) -> None:
        ids = entry["merge"]
        if not isinstance(ids, list) or len(ids) < 2:
            self.problem(entry, "events: 'merge' needs a list of two or more event ids", "merge: [first-id, second-id]")
            return
        found = [self.known(entry, i) for i in ids]
        drafts = [d for d in found if d is not None]
        if len(drafts) != len(found):
            return
        if len({d.id for d in drafts}) < 2:
            self.problem(entry, "events: 'merge' names the same event twice", "list two or more different ids")
            return
        first = drafts[0]
        mentions = tuple(sorted({m for d in drafts for m in d.mentions}, key=lambda m: (m.article, m.start, m.end)))
        date = next((d for d in drafts if d.date is not None), first)
        merged = replace(first, mentions=mentions, date=date.date, precision=date.precision, curated=True)
        for d in drafts[1:]:
            self.drafts.pop(d.id, None)
        self.put(self.edit(entry, merged))

    def split(self, entry: dict[str, Any]) -> None:
        draft = self.known(entry, entry["split"])
        articles = entry.get("articles")
        if draft is None:
            return
        if not isinstance(articles, list) or not articles:
            self.problem(entry, "events: 'split' needs 'articles:' (the articles whose mentions leave)", "articles: [id]")
            return
        moving = tuple(m for m in draft.mentions if m.article in {str(a) for a in articles})
        if not moving or len(moving) == len(draft.mentions):
            present = sorted({m.article for m in draft.mentions})
            self.problem(entry, f"events: split of '{draft.id}' must leave mentions on both sides",
                         f"its articles: {', '.join(present)}")
            return
        new_id = str(entry.get("into") or f"{draft.id}-split")
        if new_id in self.drafts:
            self.problem(entry, f"events: id '{new_id}' is taken", "choose another 'into:' id")
            return
        self.put(replace(draft, mentions=tuple(m for m in draft.mentions if m not in moving)))
        self.put(self.edit(entry, replace(draft, id=new_id, mentions=moving, curated=True)))

    def apply(self, entry: Any) -> None:
        if not isinstance(entry, dict):
            self.problems.append(Diagnostic(self.path, "events: each entry must be a mapping", "error", None,
                                            "e.g. '- id: <event id>' then 'name:' or 'date:'"))
            return
        for key in entry:
            if key != "__line__" and key not in KEYS:
                guess = near_miss(str(key), KEYS)
                self.problem(entry, f"events: unknown key '{key}'",
                             f"did you mean '{guess}'?" if guess else f"known keys: {', '.join(KEYS)}")
        if "merge" in entry:
            self.merge(entry)
        elif "split" in entry:
            self.split(entry)
        elif "drop" in entry:
            if self.known(entry, entry["drop"]) is not None:
                self.drafts.pop(str(entry["drop"]))
        elif "id" in entry:
            draft = self.known(entry, entry["id"])
            if draft is not None:
                self.put(self.edit(entry, draft))
        else:
            self.problem(entry, "events: entry names no event", "start it with 'id:', 'merge:', 'split:' or 'drop:'")


def apply_curation(drafts: list[Draft], curation: Curation) -> tuple[list[Draft], list[Diagnostic]]:
    section = curation.section("events")
    if section is None:
        return drafts, []
    session = _Session(drafts, curation)
    if not isinstance(section, list):
        session.problems.append(Diagnostic(curation.path, "events: expected a list of entries", "error",
                                           Curation.line_of(section), "each entry starts with '- '"))
        return drafts, session.problems
    for entry in section:
        session.apply(entry)
    return list(session.drafts.values()), session.problems
