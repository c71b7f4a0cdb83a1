"""Our reading of a page and the libraries' reading, made into one body.

trafilatura decides *which* text is the article better than our rules on real pages; our walk keeps
what it lacks: each block's line in the seed (for diagnostics), its kind (paragraph, quote, list item,
heading) and the paragraphs of links or "Related:" lines that must be kept apart rather than lost.
So the body is made of *our* blocks, chosen by the libraries' text:

- a block of the page is article text when trafilatura kept (most of) it and our rules do not place it
  in clutter (navigation, share bars, hidden elements, date lines: ``clean`` leaves those out);
- our blocks of kind ``related`` inside the article are kept (apart from the body, by the reader).

Whether a block lies inside trafilatura's text is decided on word trigrams, so the work is linear in
the size of the page, never blocks x text.
"""

from __future__ import annotations

import dataclasses

from archive_builder.ingest.extractors import Extraction
from archive_builder.ingest.text import Unit

SHARE = 0.6  # a block is kept when this part of its word trigrams is in trafilatura's text


class Grams:
    """The word trigrams (and whole texts) of some texts."""

    def __init__(self, texts: list[str]) -> None:
        self.whole = set(texts)
        self.grams: set[tuple[str, ...]] = set()
        for text in texts:
            words = text.split()
            self.grams.update(zip(words, words[1:], words[2:], strict=False))

    def share(self, text: str) -> float:
        """The part of ``text``'s trigrams found here (1.0 for a text found whole)."""
        if text in self.whole:
            return 1.0
        words = text.split()
        grams = list(zip(words, words[1:], words[2:], strict=False))
        if not grams:
            return 0.0
        return sum(g in self.grams for g in grams) / len(grams)


def combine(ours: list[Unit], extraction: Extraction, clean: list[Unit], share: float = SHARE) -> list[Unit]:
    """The article's blocks: ``clean`` blocks trafilatura kept (a paragraph of links it kept is body
    text), our "Related:" lines and the paragraphs of links it did not keep (kept apart by the reader)."""
    kept = Grams([" ".join(text.split()) for _, text in extraction.units])
    chosen = [(u.line, i, u if u.kind != "links" else dataclasses.replace(u, kind="paragraph"))
              for i, u in enumerate(clean) if u.kind != "related" and kept.share(u.text) >= share]
    in_body = {(u.line, u.text) for _, _, u in chosen}
    chosen += [(u.line, len(clean) + i, u) for i, u in enumerate(ours)
               if u.kind in ("related", "links") and (u.line, u.text) not in in_body]
    chosen.sort(key=lambda c: (c[0], c[1]))
    return [u for _, _, u in chosen]
