"""Front matter round-trips through YAML for any title (python-frontmatter + safe_dump)."""

from __future__ import annotations

import frontmatter
import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive_builder.render.frontmatter import page

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
