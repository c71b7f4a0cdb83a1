"""Page names and published paths are unique by construction: reserved names, case, Unicode
normalization, length, bytes that are not UTF-8, names shaped like another's slug plus digest."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from archive_builder.render.context import RESERVED, original_path, page_slug
from archive_builder.textutil import slugify, stable_slugs

_NAMES = st.text(alphabet=st.sampled_from(list("aAbB-_. 0éÉ\u0301ßıİ日本ع\udce9x")), min_size=1, max_size=12)


def _key(path: str) -> str:
    return unicodedata.normalize("NFC", path).casefold()


@settings(max_examples=300, deadline=None)
@given(st.sets(_NAMES, min_size=2, max_size=12))
def test_page_names_never_collide(ids: set[str]) -> None:
    ids |= {page_slug(i) for i in ids}  # another seed named like one's slug plus digest
    pages = [page_slug(i) for i in ids]
    assert len({_key(p) for p in pages}) == len(ids)
    assert all(p.isascii() and p not in RESERVED and len(p) <= 121 for p in pages)


@settings(max_examples=300, deadline=None)
@given(st.sets(_NAMES, min_size=1, max_size=8), st.lists(st.sampled_from([".txt", ".html", ".htm", ".md", ".TXT"]),
                                                         min_size=8, max_size=8))
def test_published_originals_never_collide(stems: set[str], suffixes: list[str]) -> None:
    names = {f"{stem}{suffix}" for stem, suffix in zip(sorted(stems), suffixes, strict=False)}
    names |= {f"{name}.txt" for name in names}  # x.html beside x.html.txt
    names |= {original_path(n).removeprefix("originals/") for n in names}  # a seed named like another's copy
    paths = [original_path(n) for n in names]
    assert len({_key(p) for p in paths}) == len(names)
    for path in paths:
        path.encode("utf-8")  # valid UTF-8, whatever the seed's name
        assert path.endswith(".txt") and len(path.removeprefix("originals/").encode()) <= 255


def test_long_names_fit_a_file_system() -> None:
    for size in (200, 252, 255):
        for suffix in (".htm", ".md", ".txt"):
            name = "h" * (size - len(suffix)) + suffix
            assert len(original_path(name).removeprefix("originals/").encode()) <= 255
            assert len(page_slug(name[: -len(suffix)]).encode()) + 3 <= 255


def test_reserved_and_plain_names() -> None:
    assert page_slug("index").startswith("index-") and page_slug("readme").startswith("readme-")
    assert page_slug("000_72390fa45c841a5e") == "000_72390fa45c841a5e"
    assert original_path("flood.html") == "originals/flood.html.txt"
    assert original_path("x.html.txt") != original_path("x.html")


def test_names_in_other_scripts_get_distinct_readable_slugs() -> None:
    names = ["الشرق الأوسط", "العربية", "شفق نيوز", "ایرنا", "ايرنا", "日本", "-->", "—"]
    slugs = [slugify(n, "outlet") for n in names]
    assert len(set(slugs)) == len(names)
    assert slugs[0].startswith("lshrq-l-wst-") and slugs[5].startswith("riben-")
    assert slugify("ÉCOLE", "x") == slugify("école", "x") == "ecole"  # Latin names keep plain slugs
    assert slugify("Łódź") == "lodz"
    ids = stable_slugs([(n, n) for n in names], "outlet")
    assert len(set(ids)) == len(names)
