"""Front matter round-trips through YAML for any title, and is byte for byte what python-frontmatter writes."""

from __future__ import annotations

import frontmatter
import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive_builder.render.frontmatter import _plain, page

HOSTILE_TITLES = ["a: b", "'quoted' \"double\"", "---", "line\nbreak", "- item", "{x: 1}", "[1, 2]", "null", "yes",
                  "!!python/object:os.system", "# comment", "&anchor *alias", "%TAG", "...", "\u202eRTL \u0645\u0631\u062d\u0628\u0627"]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_hostile_titles_round_trip(title: str) -> None:
    post = frontmatter.loads(page({"title": title, "n": 1}, "Body").decode("utf-8"))
    assert post.metadata["title"] == title
    assert post.content == "Body"


# Titles as the ingest makes them: one line, whitespace runs folded, no control characters.
TITLES = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1).map(
    lambda t: " ".join(t.split())).filter(bool)


@given(TITLES)
def test_any_title_round_trips(title: str) -> None:
    post = frontmatter.loads(page({"title": title}, "Body").decode("utf-8"))
    assert post.metadata["title"] == title


def test_key_order_is_kept() -> None:
    text = page({"zeta": 1, "alpha": 2}, "x").decode()
    assert text.index("zeta") < text.index("alpha")


# --------------------------------------------------------------------------- same bytes as PyYAML
# ``page`` writes simple values by hand; the bytes must be exactly python-frontmatter's (PyYAML's).


def _reference(metadata: dict[str, object], body: str) -> bytes:
    post = frontmatter.Post(body, **_plain(metadata))
    text = frontmatter.dumps(post, sort_keys=False, allow_unicode=True, width=10**6)
    return (text.rstrip("\n") + "\n").encode("utf-8")


TRICKY = ["", "yes", "No", "ON", "true", "null", "~", "1.0", "1e+3", "0x1f", "0o7", "0b101", "1_000", "+12", ".5",
          ".inf", "NaN", "2024-10-05", "2024-10-05T10:00:00Z", "12:30", "190:20:30", "-", "---", "--- x", "...", "...x",
          "<<", "=", " lead", "trail ", "a  b", "a: b", "a:", ":", "?", "? x", "- x", "-x", "a #b", "a#b", "#x",
          "@type", "O'Brien", "'q'", '"d"', "x" * 130, "tab\there", "line\nbreak", "cr\r\nlf", "\u2028", "\x85",
          "\ufeffbom", "caf\u00e9", "\u201cquoted\u201d", "!!python/object:os.system", "{x: 1}", "[1, 2]", "&a *b"]
TEXT = st.one_of(st.sampled_from(TRICKY),
                 st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
                 st.text(alphabet="abcXYZ019 _.,()/-:#'\"!?&*[]{}|>%@`~=<+", max_size=20))
SCALARS = st.one_of(TEXT, st.booleans(), st.none(), st.integers(), st.floats(), st.dates())
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(TEXT, inner, max_size=4)), max_leaves=12)


@given(st.dictionaries(TEXT, VALUES, max_size=6))
def test_same_bytes_as_pyyaml(metadata: dict[str, object]) -> None:
    metadata = {k: v for k, v in metadata.items() if k not in ("content", "handler")}  # Post's own arguments
    try:
        expected = _reference(metadata, "Body\n")
    except UnicodeEncodeError:  # lone surrogates: neither writer can encode them
        return
    assert page(metadata, "Body\n") == expected


def test_nested_metadata_as_pages_use_it() -> None:
    metadata = {"title": "Mr. O'Brien: a profile", "published": "2024-06-25", "entities": [], "chain": [{"article": "a-1"}],
                "jsonld": {"@context": "https://schema.org", "author": [{"@type": "Person", "name": "Yulia R. Al-Rubaie"}]},
                "relations": [{"source": {"article": "001"}, "confidence": 0.99, "curated": False}], "search": {"exclude": True}}
    assert page(metadata, "Body") == _reference(metadata, "Body")
