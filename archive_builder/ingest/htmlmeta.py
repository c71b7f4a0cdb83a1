"""What a saved article page says about itself: headline, dates, byline, outlet, address, language, caption.

Sources, best first: schema.org JSON-LD, ``<meta>`` tags (Open Graph, ``article:*``, Dublin Core...),
then the visible page (``<h1>``, ``<time datetime>``, byline elements, the lede ``<figure>``). All values
are plain text; nothing from the page's markup survives.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from archive_builder.ingest import patterns as p
from archive_builder.ingest.extractors import BYLINE, DATE, SITENAME, TITLE, LibraryMeta, ymd_date
from archive_builder.ingest.htmldates import Stamp, parse_stamp
from archive_builder.ingest.htmllayout import Layout
from archive_builder.ingest.htmltree import Element as Tag
from archive_builder.ingest.htmltree import attr, first, raw_text_shorter, text_of, text_start
from archive_builder.ingest.overrides import FIELDS

# Asks trafilatura and htmldate for the fields wanted (``extractors.library_meta`` on the page's tree).
AskLibrary = Callable[[frozenset[str]], LibraryMeta]
ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "blogposting", "liveblogposting",
    "socialmediaposting", "report", "techarticle", "scholarlyarticle", "satiricalarticle",
})
_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "datepublished", "date", "pubdate", "publishdate",
    "publish-date", "publish_date", "dc.date.issued", "dc.date", "dcterms.date", "dcterms.issued",
    "citation_publication_date", "parsely-pub-date", "sailthru.date", "article.published", "og:published_time",
)
_MODIFIED_META = (
    "article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified",
    "article.updated", "og:modified_time",
)
_AUTHOR_META = ("author", "article:author", "byl", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author")
_ROLE_WORDS = frozenset({
    "writer", "writers", "reporter", "reporters", "correspondent", "correspondents", "editor", "editors", "staff",
    "contributor", "columnist", "press", "news", "bureau", "desk", "agency", "wire", "team", "updated", "published",
})
_PUBLISHED_HINT = re.compile(r"publish|posted|created|issued", re.I)
_MODIFIED_HINT = re.compile(r"modif|updat|edited", re.I)
_ISO_DATE = re.compile(r"^\s*(\d{4})-?(\d{2})-?(\d{2})(?:$|[T\s_])")
_TITLE_SEPARATORS = re.compile(r"\s+[|\u2013\u2014\-:\u00b7\u2022]{1,2}\s+")
_CREDIT_CLASS = re.compile(r"credit|copyright|byline|source|attribution|photographer", re.I)
_CREDIT_TAIL = re.compile(
    r"^(?P<caption>.+?)[\s.]*(?:\b(?:photo(?:graph)?|picture|image|credit)s?\s*(?:by\s+|:\s*)|\u00a9\s*)(?P<credit>[^.]{2,80})\.?$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str | None = None
    title_line: int | None = None
    title_weak: bool = False  # only the <title> element names it: a headline in the text may do better
    published: dt.date | None = None
    modified: dt.date | None = None
    byline: tuple[str, ...] = ()
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    caption: str | None = None
    caption_credit: str | None = None
    caption_line: int | None = None


# ------------------------------------------------------------------------------------ JSON-LD


def _json_objects(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 8:
        return
    if isinstance(value, list):
        for item in value:
            yield from _json_objects(item, depth + 1)
    elif isinstance(value, dict):
        yield value
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in value:
                yield from _json_objects(value[key], depth + 1)


def json_ld(tags: tuple[Tag, ...]) -> list[dict[str, Any]]:
    """Every schema.org object in the page's ``application/ld+json`` blocks (unreadable blocks skipped)."""
    found: list[dict[str, Any]] = []
    for script in (t for t in tags if t.tag == "script"):
        if "ld+json" not in attr(script, "type").lower():
            continue
        raw = script.text or ""
        raw = re.sub(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$", "", raw)
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        found.extend(_json_objects(data))
    return found


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", ())
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1].lower() for k in kinds if isinstance(k, str)}


def _resolve(value: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in by_id:
        return by_id[value["@id"]]
    return value


def _ld_names(value: Any, by_id: dict[str, dict[str, Any]], people: bool) -> list[str]:
    """Names in an ``author``/``publisher`` value; with ``people``, organisations are skipped."""
    names: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        item = _resolve(item, by_id)
        if isinstance(item, dict):
            if people and _types(item) & {"organization", "newsmediaorganization"}:
                continue
            item = item.get("name")
        if not isinstance(item, str):
            continue
        found = people_in(item) if people else [text_of(item)]
        names.extend(n for n in found if n and not _is_address(n) and n not in names)
    return names


def _is_address(text: str) -> bool:
    return text.lower().startswith(("http://", "https://", "www.", "@"))


def _ld_meta(objects: list[dict[str, Any]]) -> dict[str, Any]:
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    article = next((o for o in objects if _types(o) & ARTICLE_TYPES), None)
    page = next((o for o in objects if "webpage" in _types(o)), None)
    site = next((o for o in objects if "website" in _types(o)), None)
    out: dict[str, Any] = {}
    for source in (page, article):
        if source is None:
            continue
        for key in ("headline", "datePublished", "dateModified", "inLanguage", "url"):
            value = source.get(key)
            if isinstance(value, str | int) and not isinstance(value, bool):
                out[key] = str(value)
        image = _resolve(source.get("image"), by_id)
        image = image[0] if isinstance(image, list) and image else image
        if isinstance(image, dict) and isinstance(image.get("caption"), str):
            out["caption"] = image["caption"]
        if "author" in source:
            out["author"] = _ld_names(source["author"], by_id, people=True)
        if "publisher" in source:
            out["publisher"] = _ld_names(source["publisher"], by_id, people=False)
    if site is not None and isinstance(site.get("name"), str) and not out.get("publisher"):
        out["publisher"] = [site["name"]]
    return out


# ------------------------------------------------------------------------------------ <meta>


def meta_values(tags: tuple[Tag, ...]) -> dict[str, list[str]]:
    """``<meta>`` contents by lower-cased name/property/itemprop, in page order."""
    values: dict[str, list[str]] = {}
    for tag in (t for t in tags if t.tag == "meta"):
        key = (attr(tag, "property") or attr(tag, "name") or attr(tag, "itemprop") or attr(tag, "http-equiv")).lower()
        content = text_of(attr(tag, "content") or attr(tag, "datetime"))
        if key and content:
            values.setdefault(key, []).append(content)
    return values


def parse_date(value: str) -> dt.date | None:
    """``2020-03-23T09:15:00-04:00``, ``20200323``, ``March 23, 2020``... -> the date as stated."""
    match = _ISO_DATE.match(value)
    if match:
        try:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
    return p.parse_date_line(value)


def _first_date(candidates: list[str]) -> dt.date | None:
    for value in candidates:
        date = parse_date(value)
        if date is not None:
            return date
    return None


def _valid(field: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return str(FIELDS[field](value))
    except ValueError:
        return None


def _language(value: str) -> str | None:
    value = value.strip().replace("_", "-")
    head, _, rest = value.partition("-")
    return _valid("language", head.lower() + ("-" + rest if rest else ""))


def strip_site(title: str, site: str | None) -> str:
    """``Iran fires missiles | The Daily Star`` -> ``Iran fires missiles`` when the site is known."""
    if not site:
        return title
    folded = site.casefold()
    separators = list(_TITLE_SEPARATORS.finditer(title))
    if separators and title[separators[-1].end():].strip().casefold() == folded:
        return title[: separators[-1].start()].strip()
    if separators and title[: separators[0].start()].strip().casefold() == folded:
        return title[separators[0].end():].strip()
    return title


# ------------------------------------------------------------------------------------ the visible page


def _h1(scope: Tag, layout: Layout) -> Tag | None:
    inside = [h for h in scope.iterdescendants("h1") if text_of(h)
              and not layout.in_clutter(h, stop=scope, header_ok=True)]
    if inside:
        return inside[0]
    return next((h for h in layout.named("h1") if text_of(h) and not layout.in_clutter(h)), None)


_DATE_CLASS = re.compile(r"(?:^|[\s_-])(?:published|pubdate|publish-date|post-date|entry-date|date-published|"
                         r"article-date|story-date|dateline-date|posted-on|meta-date|timestamp|date)(?:$|[\s_-])", re.I)


def _visible_dates(scope: Tag, wanted: str, layout: Layout, language: str | None,
                   dated: tuple[Tag, ...]) -> list[Stamp]:
    """Dates the visible page states: ``<time>``, ``itemprop="datePublished"`` spans,
    ``<abbr class="published" title=...>``, date-classed elements (``dated``: the page's, found once);
    those marked as ``wanted`` (published/modified) first."""
    marked: list[Stamp] = []
    plain: list[Stamp] = []
    pattern = _PUBLISHED_HINT if wanted == "published" else _MODIFIED_HINT
    itemprop = "datepublished" if wanted == "published" else "datemodified"
    for tag in dated:
        if not layout.holds(scope, tag) or layout.in_clutter(tag, stop=scope, header_ok=True):
            continue
        prop = attr(tag, "itemprop").lower()
        if prop in ("datepublished", "datemodified", "datecreated") and prop != itemprop \
                and not (wanted == "published" and prop == "datecreated"):
            continue
        own = text_start(tag, 120)
        values = [attr(tag, "datetime"), attr(tag, "content"), attr(tag, "title") if tag.tag == "abbr" else "", own]
        stamp = next((s for s in (parse_stamp(v, language) for v in values if v) if s), None)
        if stamp is None:
            continue
        parent = tag.getparent()
        hints = " ".join((prop, attr(tag, "class"), attr(tag, "id"), text_start(parent, 40) if parent is not None else ""))
        if prop == itemprop or pattern.search(hints) or (wanted == "published" and tag.get("pubdate") is not None):
            marked.append(stamp)
        elif wanted == "published" and (tag.tag == "time" or prop == "datecreated" or _DATE_CLASS.search(hints)):
            plain.append(stamp)
    return marked + plain


def _dated_element(tag: Tag) -> bool:
    if tag.tag in ("time", "abbr"):
        return True
    if not tag.keys():  # no attributes
        return False
    if attr(tag, "itemprop").lower() in ("datepublished", "datemodified", "datecreated"):
        return True
    return tag.tag in ("span", "div", "p", "small", "li") and bool(_DATE_CLASS.search(f"{attr(tag, 'class')} {attr(tag, 'id')}")) \
        and raw_text_shorter(tag, 120)


def _byline_elements(scope: Tag, layout: Layout) -> list[str]:
    """Names in the article's byline element (``rel=author``, ``class="byline"``...), first one that has any."""
    for tag in filter(_byline_element, layout.within(scope)):
        if layout.in_clutter(tag, stop=scope, header_ok=True):
            continue
        names = people_in(text_of(tag))
        if names:
            return names
    return []


def _byline_element(tag: Tag) -> bool:
    """``itemprop="author"``, ``rel="author"``, a class holding ``byline`` or ``author-name``, or ``author``."""
    if not tag.keys():
        return False
    classes = attr(tag, "class")
    return ("author" in attr(tag, "itemprop").split() or "author" in attr(tag, "rel").split()
            or "byline" in classes or "author-name" in classes or "author" in classes.split())


def _people(values: list[str]) -> list[str]:
    names: list[str] = []
    for value in values:
        if not _is_address(value):
            names.extend(n for n in people_in(value) if n not in names)
    return names


def people_in(text: str) -> list[str]:
    """``By Jane Doe and John Roe, Staff Writers`` -> Jane Doe, John Roe (job titles and dates left out)."""
    text = p.BYLINE.sub("", text.strip(), count=1)
    found = p.names_in(text)
    if not found and 0 < len(text.split()) <= 4 and not any(c.isdigit() for c in text) and not _is_address(text):
        found = (text,)
    return [n for n in dict.fromkeys(found) if not _ROLE_WORDS.intersection(n.lower().split())]


def split_caption(figcaption: Tag) -> tuple[str, str | None]:
    """A figure caption and its credit: a credit element, ``(Reuters)``, or ``Photo: AP`` at the end."""
    below = [t for t in figcaption.iterdescendants() if isinstance(t.tag, str)]
    credit_tags = [t for t in below if _CREDIT_CLASS.search(f"{attr(t, 'class')} {attr(t, 'id')}")]
    credit_tags += [t for t in below if t.tag in ("small", "cite") and all(t is not c for c in credit_tags)]
    if credit_tags:
        credit = text_of(credit_tags[0])
        whole = text_of(figcaption)
        caption = " ".join(whole.replace(credit, " ", 1).split()) if credit else whole
        credit = re.sub(r"^(?:photo(?:graph)?|picture|image|credit)s?\s*(?:by\s+|:\s*)|^\u00a9\s*", "", credit, flags=re.I)
        if caption and credit:
            return caption, credit
    whole = text_of(figcaption)
    parts = p.caption_parts(whole)
    if parts and parts[1]:
        return parts
    match = _CREDIT_TAIL.match(whole)
    if match:
        return match.group("caption").strip(), match.group("credit").strip()
    return whole, None


def _lede_figure(scope: Tag, layout: Layout) -> tuple[str, str | None, int | None] | None:
    for figure in scope.iterdescendants("figure"):
        caption = next(figure.iterdescendants("figcaption"), None)
        if caption is not None and text_of(caption) and not layout.in_clutter(figure, stop=scope, header_ok=True):
            text, credit = split_caption(caption)
            return text, credit, caption.sourceline
    return None


def _site_title_element(tag: Tag) -> bool:
    """``.site-title``, ``.site-name``, ``#site-title``, or the name inside ``itemprop="publisher"``."""
    classes = attr(tag, "class").split()
    if "site-title" in classes or "site-name" in classes or attr(tag, "id") == "site-title":
        return True
    parent = tag.getparent()
    return attr(tag, "itemprop") == "name" and parent is not None and attr(parent, "itemprop") == "publisher"


def _site_title(tags: tuple[Tag, ...]) -> str | None:
    """A blog's name as its theme shows it (``.site-title``), when no metadata names the site."""
    tag = next(filter(_site_title_element, tags), None)
    text = text_of(tag) if tag is not None else ""
    return text if 0 < len(text) <= 80 else None


def _canonical(tags: tuple[Tag, ...]) -> str | None:
    for link in (t for t in tags if t.tag == "link"):
        if "canonical" in attr(link, "rel").lower().split():
            url = _valid("url", attr(link, "href"))
            if url:
                return url
    return None


def page_meta(soup: Tag, scope: Tag, layout: Layout, library: AskLibrary | None = None) -> PageMeta:
    """Everything the page says about the article; ``scope`` is the element holding the article.

    ``library`` (trafilatura and htmldate, when used) is asked once, and only for the fields the
    page's markup does not state plainly: a date, a byline, the site's name, a title."""
    ld = _ld_meta(json_ld(layout.named("script")))
    meta = _Meta(meta_values(layout.named("meta")))
    outlet = meta.first("og:site_name") or next(iter(ld.get("publisher") or []), None)
    outlet = outlet or meta.first("application-name", "dc.publisher") or _site_title(layout.tags)
    title, title_line, weak = _title(scope, ld, meta, outlet, layout)
    html_tag = first(soup, "html")
    tags = (attr(html_tag, "lang") if html_tag is not None else "", meta.first("content-language") or "",
            ld.get("inLanguage") or "", meta.first("og:locale") or "")
    language = next((x for x in (_language(v) for v in tags if v) if x), None)
    url = _canonical(layout.named("link")) or _valid("url", meta.first("og:url")) or _valid("url", ld.get("url"))
    dated = tuple(filter(_dated_element, layout.tags))
    in_address = address_date(url)
    dates = None if in_address else _Dates.of(soup, scope, ld, meta, layout, language, dated)
    byline = ld.get("author") or _byline_elements(scope, layout) or _people(meta.all(_AUTHOR_META))
    wanted = {field for field, lacking in ((SITENAME, outlet is None), (TITLE, title is None), (BYLINE, not byline),
                                           (DATE, dates is not None and dates.needs_library))
              if lacking}
    found = library(frozenset(wanted)) if library is not None and wanted else LibraryMeta()
    if outlet is None and found.sitename and "." not in found.sitename:
        outlet = found.sitename
        title, title_line, weak = _title(scope, ld, meta, outlet, layout)  # the site's name may be in the title
    if title is None and found.title:
        title, title_line, weak = strip_site(found.title, outlet), None, True
    if not byline:
        byline = _people(list(found.byline))
    byline = [n for n in byline if not outlet or n.casefold() != outlet.casefold()]
    published = in_address or (dates.decide(found.published) if dates is not None else None)
    figure = _lede_figure(scope, layout)
    caption, credit, caption_line = figure if figure else (text_of(ld.get("caption")) or None, None, None)
    return PageMeta(title=title, title_line=title_line, title_weak=weak, published=published, modified=modified_date(
                        ld, meta, _visible_dates(scope, "modified", layout, language, dated), language),
                    byline=tuple(byline), outlet=outlet, url=url, language=language, caption=caption or None,
                    caption_credit=credit, caption_line=caption_line)


_ADDRESS_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=/|-|\.|_|$)")


def address_date(url: str | None) -> dt.date | None:
    """The date in the page's own address (``/2019/05/31/slug``): the day the site filed the article,
    in its own time zone; it beats a stated moment (a UTC timestamp, a later update) when present."""
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    return ymd_date(_ADDRESS_DATE.search(path))


def modified_date(ld: dict[str, Any], meta: _Meta, visible: list[Stamp], language: str | None) -> dt.date | None:
    stated = _stated([ld.get("dateModified") or "", *meta.all(_MODIFIED_META)], language)
    return _Dates(stated, visible).decide(None)


@dataclass(frozen=True, slots=True)
class _Dates:
    """The publication dates the page states: in its markup (``stated``) and on the visible page."""

    stated: Stamp | None
    visible: list[Stamp]

    @classmethod
    def of(cls, soup: Tag, scope: Tag, ld: dict[str, Any], meta: _Meta, layout: Layout,
           language: str | None, dated: tuple[Tag, ...]) -> _Dates:
        visible = _visible_dates(scope, "published", layout, language, dated)
        if not visible:  # a <time> in the page's header, outside the article's element
            visible = _visible_dates(soup, "published", layout, language, dated)
        return cls(_stated([ld.get("datePublished") or "", *meta.all(_PUBLISHED_META)], language), visible)

    @property
    def needs_library(self) -> bool:
        """Whether htmldate's date could change the decision: the page states none, or states a UTC
        moment whose day before is not among the local dates it shows."""
        if self.stated is None:
            return not self.visible
        return self.stated.utc and self.stated.date - dt.timedelta(days=1) not in self._local()

    def _local(self) -> list[dt.date]:
        return [s.date for s in self.visible if not s.utc]

    def decide(self, library: dt.date | None) -> dt.date | None:
        """The markup's stated date, else the visible one, else htmldate's. A UTC moment (``...T02:15Z``)
        gives way to a local date one day earlier that the page also states: the article's own day."""
        stated = self.stated
        if stated is None:
            return self.visible[0].date if self.visible else library
        if stated.utc:
            day_before = stated.date - dt.timedelta(days=1)
            if day_before in self._local() or day_before == library:
                return day_before
        return stated.date


def _stated(values: list[str], language: str | None) -> Stamp | None:
    return next((s for s in (parse_stamp(v, language) for v in values if v) if s), None)


@dataclass(frozen=True, slots=True)
class _Meta:
    values: dict[str, list[str]]

    def first(self, *keys: str) -> str | None:
        return next((self.values[k][0] for k in keys if k in self.values), None)

    def all(self, keys: tuple[str, ...]) -> list[str]:
        return [v for k in keys for v in self.values.get(k, [])]


def _title(scope: Tag, ld: dict[str, Any], meta: _Meta,
           outlet: str | None, layout: Layout) -> tuple[str | None, int | None, bool]:
    """(title, its line, whether only the ``<title>`` element gave it)."""
    h1 = _h1(scope, layout)
    tag = next(iter(layout.named("title")), None)
    titles = [
        (text_of(h1), h1.sourceline if h1 is not None else None),
        (text_of(ld.get("headline")), None),
        (meta.first("og:title", "twitter:title", "dc.title", "headline") or "", None),
        (text_of(tag), tag.sourceline if tag is not None else None),
    ]
    for number, (text, line) in enumerate(titles):
        if text and not (number == 0 and _names_site(text, outlet)):
            return strip_site(text, outlet), line, number == len(titles) - 1
    return None, None, False


def _names_site(text: str, outlet: str | None) -> bool:
    """An ``<h1>`` holding the site's logo (``POLITICO``, ``WordPress.com``), not the headline."""
    return bool(outlet) and text.casefold() in str(outlet).casefold()
