"""The archive's data published with the site: the JSON export and one CSV per kind, plus a page
describing them (``data/index.md``).

CSV cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or
carriage return) get a leading apostrophe, as OWASP advises; the JSON keeps every string as it is.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from typing import Any

from archive_builder.render.cite import DATA_DIR, DATA_JSON, page_cite
from archive_builder.render.context import Output, RenderContext
from archive_builder.render.frontmatter import page as fm_page
from archive_builder.render.markup import md_link

INDEX = f"{DATA_DIR}/index.md"
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def to_csv(header: list[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return out.getvalue().encode("utf-8", "backslashreplace")  # a lone surrogate (a repaired file name) as \\udcXX


def _first_last(data: dict[str, Any], ids: list[str]) -> tuple[str, str]:
    dates = sorted(d for d in (data.get(i) for i in ids) if d)
    return (dates[0], dates[-1]) if dates else ("", "")


def tables(data: dict[str, Any]) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """One table per kind, from the export."""
    published = {a["id"]: a["published"] for a in data["articles"]}
    out: dict[str, tuple[list[str], list[list[Any]]]] = {
        "articles": (["id", "title", "outlet", "published", "published_derived", "byline", "url", "word_count", "page"],
                     [[a["id"], a["title"], a["outlet"], a["published"], a["published_derived"], a["byline"], a["url"],
                       a["word_count"], a["page"]] for a in data["articles"]])}
    kinds = {"person": "people", "organization": "organizations", "place": "places"}
    for kind, name in kinds.items():
        rows = []
        for e in data.get("entities", []):
            if e["type"] != kind:
                continue
            first, last = _first_last(published, e["articles"])
            rows.append([e["id"], e["name"], e["aliases"], e["roles"], e["description"], len(e["mentions"]),
                         len(e["articles"]), first, last, e["page"]])
        out[name] = (["id", "name", "aliases", "roles", "description", "mentions", "articles", "first", "last", "page"],
                     rows)
    out["events"] = (["id", "label", "date", "date_precision", "trigger", "participants", "places", "articles", "page"],
                     [[e["id"], e["label"], e["date"], e["date_precision"], e["trigger"], e["participants"],
                       e["places"], len(e["articles"]), e["page"]] for e in data.get("events", [])])
    out["outlets"] = (["id", "name", "in_archive", "articles", "cited_by", "photo_credits", "page"],
                      [[o["id"], o["name"], o["in_archive"], len(o["articles"]), len(o["cited_by"]),
                        len(o["photo_credits"]), o["page"]] for o in data.get("outlets", [])])

    def node(n: dict[str, Any]) -> str:
        return str(n.get("article") or n.get("outlet") or "")

    out["relations"] = (["source", "target", "relation", "direction_known", "confidence", "curated", "passages"],
                        [[node(r["source"]), node(r["target"]), r["relation"], r["direction_known"], r["confidence"],
                          r["curated"], len(r["passages"])] for r in data.get("relations", [])])
    return out


def outputs(ctx: RenderContext, data: dict[str, Any]) -> list[Output]:
    made = tables(data)
    files = [Output(DATA_JSON, (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8", "backslashreplace"))]
    files += [Output(f"{DATA_DIR}/{name}.csv", to_csv(header, rows)) for name, (header, rows) in made.items()]
    counts = Counter({name: len(rows) for name, (_, rows) in made.items()})
    lines = ["# Data", "", "Everything on this site as data, to download and reuse. The JSON file holds the whole "
             "archive (every article's text and metadata, the entities and their mentions, the events, outlets, "
             "relations and passages); its fields are described in the curator's reference. Each CSV file lists one "
             "kind of record, one row each.", "",
             f"- {md_link('archive.json', INDEX, DATA_JSON)}: the whole archive (JSON)"]
    lines += [f"- {md_link(f'{name}.csv', INDEX, f'{DATA_DIR}/{name}.csv')}: {counts[name]:,} {name} (CSV)"
              for name in made]
    lines += ["", "In the CSV files, lists are joined with \"; \", and a cell that starts with =, +, - or @ gets a "
              "leading apostrophe so that spreadsheets show it as text instead of running it.", ""]
    lines += page_cite(INDEX, "Data", "Dataset", ctx.site_name)
    files.append(Output(INDEX, fm_page({"title": "Data", "generated": True, "search": {"exclude": True}}, "\n".join(lines))))
    return files
