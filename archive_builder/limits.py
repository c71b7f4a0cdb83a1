"""Sizes beyond which input is refused or cut, with a diagnostic: hostile input costs bounded time
and memory. One table, so the limits are documented and tested in one place."""

from __future__ import annotations

MAX_SEED_BYTES = 64 * 1024 * 1024  # a seed file larger than this is left out (the largest real ones are ~2 MB)
MAX_OVERRIDE_BYTES = 1024 * 1024  # an override file (or a Markdown seed's front matter) larger than this is refused
MAX_OVERRIDE_TEXT = 100_000  # characters one override value may expand to (YAML aliases included)
MAX_NAMES_PER_ARTICLE = 50_000  # name candidates kept per article; the rest are not indexed
