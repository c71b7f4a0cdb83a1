""""Cite this page": the page's permanent address, BibTeX and CSL-JSON, built from the record.

The address is written site-relative (``articles/x/``) and a few lines of the site's own script
(``docs/assets/archive.js``) replace it with the page's absolute address in the reader's browser
(the canonical link when the site has a ``site_url``), so the build needs no ``site_url``. Seed text is escaped for BibTeX (``\\{}%&$#_^~``), JSON-encoded for CSL, then
HTML-escaped for the page: it is never markup in either.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from archive_builder.model import Article
from archive_builder.render.markup import inert, page_url

DATA_DIR = "data"
DATA_JSON = f"{DATA_DIR}/archive.json"

_BIBTEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#",
           "_": r"\_", "^": r"\^{}", "~": r"\~{}"}
_BIBTEX_SPECIAL = re.compile(r"[\\{}%&$#_^~]")
_KEY = re.compile(r"[^A-Za-z0-9_:-]+")


def bibtex_text(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX[m.group()], " ".join(text.split()))


def bibtex_key(page: str) -> str:
    stem = page.rsplit("/", 1)[-1].removesuffix(".md")
    return _KEY.sub("-", stem).strip("-") or "page"


def _person_names(names: tuple[str, ...]) -> list[dict[str, str]]:
    out = []
    for name in names:
        parts = name.split()
        out.append({"family": parts[-1], "given": " ".join(parts[:-1])} if len(parts) > 1 else {"literal": name})
    return out


def bibtex(page: str, title: str, *, authors: tuple[str, ...] = (), date: dt.date | None = None,
           container: str | None = None, note: str | None = None) -> str:
    url = page_url(page)
    fields = [("title", bibtex_text(title))]
    if authors:
        fields.append(("author", " and ".join(bibtex_text(a) for a in authors)))
    if container:
        fields.append(("journal" if authors or date else "publisher", bibtex_text(container)))
    if date:
        fields += [("year", str(date.year)), ("month", date.strftime("%b").lower()), ("date", date.isoformat())]
    if note:
        fields.append(("note", bibtex_text(note)))
    fields.append(("url", url))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    kind = "article" if container and (authors or date) else "misc"
    return f"@{kind}{{{bibtex_key(page)},\n{body}\n}}"


def csl_json(page: str, title: str, *, kind: str = "article-newspaper", authors: tuple[str, ...] = (),
             date: dt.date | None = None, container: str | None = None, original_url: str | None = None) -> str:
    item: dict[str, Any] = {"id": bibtex_key(page), "type": kind, "title": title, "URL": page_url(page)}
    if authors:
        item["author"] = _person_names(authors)
    if container:
        item["container-title"] = container
    if date:
        item["issued"] = {"date-parts": [[date.year, date.month, date.day]]}
    if original_url:
        item["note"] = f"Original: {original_url}"
    return json.dumps([item], ensure_ascii=False, indent=2)


def block(page: str, title: str, bib: str, csl: str) -> list[str]:
    """The collapsible "Cite this page" section (raw HTML; ``bib`` and ``csl`` are escaped here)."""
    rel = page_url(page)
    return ["## Cite this page { data-search-exclude }", "",
            f'<div class="ab-cite" data-search-exclude data-ab-url="{inert(rel)}">'
            f'<p>Permanent address: <a class="ab-permalink" href="./">{inert(rel)}</a></p>'
            '<details><summary>BibTeX</summary>'
            f'<pre class="ab-cite-bibtex"><code>{inert(bib)}</code></pre></details>'
            '<details><summary>CSL-JSON (Zotero, Pandoc)</summary>'
            f'<pre class="ab-cite-csl"><code>{inert(csl)}</code></pre></details>'
            f'<p class="ab-cite-title" hidden>{inert(title)}</p>'
            "</div>", ""]


def cite_block(article: Article, page: str) -> list[str]:
    note = "Archived copy" + (f"; original at {article.url}" if article.url else "")
    bib = bibtex(page, article.title, authors=article.byline, date=article.published, container=article.outlet,
                 note=note)
    csl = csl_json(page, article.title, authors=article.byline, date=article.published, container=article.outlet,
                   original_url=article.url)
    return block(page, article.title, bib, csl)


def page_cite(page: str, title: str, kind: str, site_name: str) -> list[str]:
    """Citation for a generated page that is not an article (a person, an event...)."""
    bib = bibtex(page, title, container=site_name, note=kind)
    csl = csl_json(page, title, kind="webpage", container=site_name)
    return block(page, title, bib, csl)
