"""Our reading of a page and the libraries' reading, made into one body.

trafilatura decides *which* text is the article better than our rules on real pages; our walk keeps
what it lacks: each block's line in the seed (for diagnostics), its kind (paragraph, quote, list item,
heading) and the paragraphs of links or "Related:" lines that must be kept apart rather than lost.
So the body is made of *our* blocks, chosen by the libraries' text:

- a block of the page is article text when trafilatura kept (most of) it and our rules do not place it
  in clutter (navigation, share bars, hidden elements, date lines: ``clean`` leaves those out);
- but an element our layout names clutter that holds most of the text trafilatura kept is the
  article's wrapper, misnamed (a blog theme's ``widget Blog``, ``entry share``, ``sidebar_content``):
  its text is read, the clutter inside it is not (``wrappers``);
- our blocks of kind ``related`` inside the article are kept (apart from the body, by the reader).

Whether a block lies inside trafilatura's text is decided on word trigrams, so the work is linear in
the size of the page, never blocks x text.
"""

from __future__ import annotations

import dataclasses

from archive_builder.ingest.extractors import Extraction
from archive_builder.ingest.text import Unit

SHARE = 0.6  # a block is kept when this part of its word trigrams is in trafilatura's text
WRAPPER = 0.5  # a clutter element holding this part of the kept text wraps the article


class Grams:
    """The word trigrams (and whole texts) of some texts."""

    def __init__(self, texts: list[str]) -> None:
        self.whole = set(texts)
        self.grams: set[tuple[str, ...]] = set()
        self.known: dict[str, float] = {}
        for text in texts:
            words = text.split()
            self.grams.update(zip(words, words[1:], words[2:], strict=False))

    def share(self, text: str) -> float:
        """The part of ``text``'s trigrams found here (1.0 for a text found whole); each text is
        counted once (``wrappers`` and ``combine`` ask about the same blocks)."""
        known = self.known.get(text)
        if known is not None:
            return known
        if text in self.whole:
            found = 1.0
        else:
            words = text.split()
            grams = list(zip(words, words[1:], words[2:], strict=False))
            found = sum(g in self.grams for g in grams) / len(grams) if grams else 0.0
        self.known[text] = found
        return found


def kept_grams(extraction: Extraction) -> Grams:
    return Grams([" ".join(text.split()) for _, text in extraction.units])


def wrappers(units: list[Unit], owners: list[int], above: dict[int, int], depth: dict[int, int],
             kept: Grams, share: float = SHARE, part: float = WRAPPER) -> frozenset[int]:
    """The clutter elements (by identity) that hold at least ``part`` of the text trafilatura kept.

    ``owners[i]`` is the clutter element around ``units[i]`` (0: none), ``above`` each clutter
    element's nearest clutter element around it. Sums go from the deepest element up, once each:
    linear in the number of units and elements."""
    chars: dict[int, int] = {}
    total = 0
    for unit, owner in zip(units, owners, strict=True):
        if kept.share(unit.text) >= share:
            total += len(unit.text)
            if owner:
                chars[owner] = chars.get(owner, 0) + len(unit.text)
    if not total:
        return frozenset()
    for key in sorted(above, key=lambda k: depth.get(k, 0), reverse=True):
        if above[key] and chars.get(key):
            chars[above[key]] = chars.get(above[key], 0) + chars[key]
    return frozenset(k for k, n in chars.items() if n >= part * total)


def combine(ours: list[Unit], extraction: Extraction, clean: list[Unit], share: float = SHARE,
            kept: Grams | None = None) -> list[Unit]:
    """The article's blocks: ``clean`` blocks trafilatura kept (a paragraph of links it kept is body
    text), our "Related:" lines and the paragraphs of links it did not keep (kept apart by the reader)."""
    kept = kept if kept is not None else kept_grams(extraction)
    chosen = [(u.line, i, u if u.kind != "links" else dataclasses.replace(u, kind="paragraph"))
              for i, u in enumerate(clean) if u.kind != "related" and kept.share(u.text) >= share]
    in_body = {(u.line, u.text) for _, _, u in chosen}
    chosen += [(u.line, len(clean) + i, u) for i, u in enumerate(ours)
               if u.kind in ("related", "links") and (u.line, u.text) not in in_body]
    chosen.sort(key=lambda c: (c[0], c[1]))
    return [u for _, _, u in chosen]
