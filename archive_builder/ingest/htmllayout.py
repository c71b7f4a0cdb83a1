"""Which elements of a saved page are layout clutter (navigation, ads, related links, share bars...).

Decided once per page in one pass over the tree (``Layout.of``), so asking whether an element lies
inside clutter is a dictionary look-up, not a walk: no page costs more than linear time, however deep
or wide it is.

A class or id names clutter when the *whole* token is a clutter word (``sidebar``, ``comments``),
starts with one (``share-bar``, ``nav-menu``, ``ad-slot``) or ends with a clutter noun
(``post-comments``, ``site-footer``). Words inside layout names do not count: ``field-label-hidden``,
``overflow-hidden``, ``l-sidebar-fixed``, ``elementor-widget`` are not clutter, and a token naming the
body (``entry-content-read-more``) never is. A ``<form>`` is clutter only when it holds none of the
article (a page wholly inside an ASP.NET ``<form>`` is still read), a ``<header>`` only when it holds
none of its body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive_builder.ingest.htmltree import Element as Tag
from archive_builder.ingest.htmltree import attr as _attr

# Whole tokens that name clutter.
_WHOLE = frozenset({
    "nav", "navbar", "navigation", "menu", "footer", "sidebar", "comments", "comment", "disqus", "share", "sharing",
    "social", "ad", "ads", "advert", "advertisement", "adslot", "dfp", "sponsor", "sponsored", "promo", "newsletter",
    "subscribe", "subscription", "signup", "breadcrumb", "breadcrumbs", "cookie", "cookies", "consent", "banner",
    "popup", "modal", "outbrain", "taboola", "widget", "tags", "trending", "paywall", "masthead", "toolbar",
    "pagination", "bio", "hidden", "invisible", "d-none", "sr-only", "visually-hidden", "screen-reader-text",
    "print-only", "logo", "brand", "related", "recommended", "skip-link", "author-bio", "most-read", "most-popular",
    "more-stories", "read-more", "readmore", "site-header", "tag-list", "widget-area",
})
# First parts that make a token clutter (``share-bar``, ``related_posts``, ``ad-slot``).
_FIRST = frozenset({
    "nav", "navbar", "navigation", "menu", "footer", "sidebar", "comments", "comment", "disqus", "share", "sharing",
    "social", "ad", "ads", "advert", "adslot", "dfp", "sponsor", "sponsored", "promo", "newsletter", "subscribe",
    "subscription", "signup", "breadcrumb", "breadcrumbs", "cookie", "cookies", "consent", "popup", "modal", "outbrain",
    "taboola", "widget", "trending", "paywall", "toolbar", "pagination", "related", "recommended", "recommendations",
})
# Last parts that make a token clutter (``post-comments``, ``site-footer``, ``article-share``).
_LAST = frozenset({
    "nav", "navbar", "navigation", "menu", "footer", "sidebar", "comments", "share", "sharing", "social", "ads",
    "advert", "newsletter", "breadcrumb", "breadcrumbs", "cookies", "consent", "popup", "modal", "toolbar", "pagination",
    "related", "recommended", "recommendations", "tags", "trending", "promo", "sharebar", "sharebuttons",
})
# First parts of layout modifiers: ``has-sidebar``, ``with-ads``, ``no-comments``, ``l-sidebar-fixed``.
_MODIFIERS = frozenset({"has", "with", "no", "without", "is", "l", "layout", "page", "template", "col", "js", "u"})
_PARTS = re.compile(r"[-_]+")
_BODY_TOKEN = re.compile(
    r"article[-_]?body|articlebody|story[-_]?body|entry[-_]content|post[-_]content|post[-_]body|article[-_]content|"
    r"article[-_]text|story[-_]text|storytext|body[-_]text|content[-_]body|story[-_]content|td-post-content",
    re.I,
)
CLUTTER_TAGS = frozenset({"nav", "footer", "aside", "dialog", "menu"})
CLUTTER_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "menu"})
WRAPPER_TAGS = frozenset({"header", "form"})  # clutter only when they hold none of the article


def clutter_token(token: str) -> bool:
    """Whether one class or id token names page clutter."""
    token = token.lower().strip()
    if not token or _BODY_TOKEN.search(token):
        return False
    if token in _WHOLE:
        return True
    parts = [p for p in _PARTS.split(token) if p]
    if len(parts) < 2 or parts[0] in _MODIFIERS:
        return False
    if parts[0] in _FIRST or parts[-1] in _LAST:
        return True
    return "-".join(parts[-2:]) in _WHOLE and "-".join(parts[-2:]) not in ("widget-area",)


def names_clutter(tag: Tag, known: dict[str, bool] | None = None) -> bool:
    """The element's own class, id, role, tag or visibility says it is not the article (``known``:
    the answers for class and id values already read on this page, filled as it goes)."""
    if tag.tag in CLUTTER_TAGS:
        return True
    attrs = tag.attrib
    if not attrs:  # no attributes (most cells and paragraphs): nothing else to read
        return False
    get = attrs.get
    if (get("role") or "").lower() in CLUTTER_ROLES:
        return True
    if get("hidden") is not None or (get("aria-hidden") or "").lower() == "true":
        return True
    style = get("style")
    if style:
        style = style.replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style:
            return True
    names = get("class") or ""
    if get("id"):
        names = f"{names} {get('id')}"
    if known is None:
        return any(clutter_token(t) for t in names.split())
    answer = known.get(names)
    if answer is None:
        answer = known[names] = any(clutter_token(t) for t in names.split())
    return answer


@dataclass(frozen=True, slots=True)
class Layout:
    """Per element (by identity): its depth and its nearest clutter ancestor-or-self (with and without
    counting an article's ``<header>`` as part of it)."""

    depth: dict[int, int]
    nearest: dict[int, int]  # id(tag) -> depth of the nearest clutter ancestor-or-self
    nearest_header_ok: dict[int, int]
    owner: dict[int, int]  # id(tag) -> id of its nearest clutter ancestor-or-self (absent: none)
    above: dict[int, int]  # id(clutter element) -> id of the nearest clutter element around it (0: none)
    tags: tuple[Tag, ...]  # every element in document order (the page itself first)
    span: dict[int, tuple[int, int]]  # id(tag) -> its index in ``tags`` and the index after its last descendant

    @classmethod
    def of(cls, soup: Tag) -> Layout:
        tags = tuple(t for t in soup.iter() if isinstance(t.tag, str))  # document order, in C
        root = tags[0]
        body_markers = [*root.iter("main"), *(t for t in tags if t.get("itemprop") is not None and _is_body_marker(t))]
        holds = _holding([*root.iter("h1"), *body_markers])
        holds_body = _holding(body_markers)
        depth: dict[int, int] = {}
        nearest: dict[int, int] = {}
        nearest_ok: dict[int, int] = {}
        owner: dict[int, int] = {}
        above: dict[int, int] = {}
        span: dict[int, tuple[int, int]] = {}
        known: dict[str, bool] = {}  # class and id values read so far (table cells repeat theirs)
        open_: list[tuple[int, int, int]] = []  # (id, index, depth) of the elements whose descendants are being read
        for index, tag in enumerate(tags):
            key = id(tag)
            parent = tag.getparent() if index else None
            if parent is None:
                level, near, near_ok, near_id = 0, -1, -1, 0
            else:
                up = id(parent)
                level, near, near_ok, near_id = depth[up] + 1, nearest[up], nearest_ok[up], owner.get(up, 0)
            while open_ and open_[-1][2] >= level:
                done, start, _ = open_.pop()
                span[done] = (start, index)
            open_.append((key, index, level))
            depth[key] = level
            if index and _clutter(tag, holds_body if tag.tag == "header" else holds, known):
                above[key] = near_id
                near, near_id = level, key
                if tag.tag != "header":
                    near_ok = level
            nearest[key] = near
            nearest_ok[key] = near_ok
            if near_id:
                owner[key] = near_id
        for done, start, _ in open_:
            span[done] = (start, len(tags))
        return cls(depth, nearest, nearest_ok, owner, above, tags, span)

    def named(self, *names: str) -> tuple[Tag, ...]:
        """The elements with one of these tag names, in document order (found in C, not by a walk in Python)."""
        root = self.tags[0]
        return (root, *root.iterdescendants(*names)) if root.tag in names else tuple(root.iterdescendants(*names))

    def with_role(self, role: str) -> tuple[Tag, ...]:
        """The elements whose ``role`` attribute is ``role``, in document order."""
        return tuple(t for t in self.tags if t.get("role") == role)

    def within(self, scope: Tag) -> tuple[Tag, ...]:
        """The elements below ``scope``, in document order (a slice: no search)."""
        start, end = self.span.get(id(scope), (0, 0))
        return self.tags[start + 1:end]

    def holds(self, scope: Tag, tag: Tag) -> bool:
        """``tag`` lies below ``scope`` (two look-ups: no search)."""
        start, end = self.span.get(id(scope), (0, 0))
        return start < self.span.get(id(tag), (-1, 0))[0] < end

    def is_clutter(self, tag: Tag) -> bool:
        """The element itself is clutter."""
        key = id(tag)
        return self.nearest.get(key, -1) == self.depth.get(key, -2)

    def in_clutter(self, tag: Tag, stop: Tag | None = None, header_ok: bool = False) -> bool:
        """The element or one of its ancestors below ``stop`` is clutter."""
        near = (self.nearest_header_ok if header_ok else self.nearest).get(id(tag), -1)
        if near < 0:
            return False
        return stop is None or near > self.depth.get(id(stop), -1)


def _clutter(tag: Tag, holds: set[int], known: dict[str, bool]) -> bool:
    if id(tag) in holds:  # a wrapper named ``has-sidebar`` that holds the headline or the body is no clutter
        return False
    if tag.tag in WRAPPER_TAGS:
        return True
    return names_clutter(tag, known)


def _is_body_marker(tag: Tag) -> bool:
    return tag.tag == "main" or _attr(tag, "itemprop").lower() == "articlebody"


def _holding(markers: list[Tag]) -> set[int]:
    """Elements holding a marker (each marker walks up once, stopping where an earlier one walked).

    A ``<header>`` must hold the body itself to be read (a headline alone may be the site's logo;
    an article's own header is read for its byline and date all the same)."""
    holding: set[int] = set()
    for marker in markers:
        node: Tag | None = marker
        while node is not None and id(node) not in holding:
            holding.add(id(node))
            node = node.getparent()
    return holding
