"""Escaping and annotation: seed text never becomes markup."""

from __future__ import annotations

import html

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive_builder.render.markup import Span, annotate, href, md_text, page_url

HOSTILE = [
    "<script>alert(1)</script>",
    "*bold* _em_ `code` [x](javascript:alert(1))",
    "{{ config.site_name }} {% include 'x' %}",
    "# not a heading",
    "---",
    "1. not a list",
    "<img src=x onerror=alert(1)>",
    "a | b | c",
    "&amp; &lt; stays literal",
    'quote " and \' break attrs',
    "```mermaid\ngraph TD; A-->B\n```",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_md_text_renders_literally(text: str) -> None:
    rendered = markdown.markdown(md_text(text), extensions=["tables", "attr_list", "admonition"])
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    assert html.unescape(rendered[3:-4]) == " ".join(text.split())


@given(st.text())
def test_md_text_is_always_literal(text: str) -> None:
    rendered = markdown.markdown(md_text(text))
    inner = rendered[3:-4] if rendered.startswith("<p>") else rendered
    visible = "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 32 and ord(ch) != 127)
    assert html.unescape(inner) == " ".join(visible.split())


def test_annotate_escapes_and_nests() -> None:
    text = "Mr. <Pompeo> met Esper & Milley"
    spans = [Span(4, 12, "a", (("href", "../p/"),)), Span(0, 17, "mark", (("id", "x"),)), Span(13, 23, "a", (("href", 'q"'),))]
    out = annotate(text, spans)
    assert out == ('<mark id="x">Mr. <a href="../p/">&lt;Pompeo&gt;</a> <a href="q&quot;">met </a></mark>'
                   '<a href="q&quot;">Esper </a>&amp; Milley')


def test_reopened_fragments_repeat_no_id() -> None:
    out = annotate("abcdef", [Span(0, 4, "mark", (("id", "m"),)), Span(2, 6, "a", (("id", "n"), ("href", "#")))])
    assert out == '<mark id="m">ab<a id="n" href="#">cd</a></mark><a href="#">ef</a>'
    assert out.count('id="n"') == 1


def test_annotate_with_offset_ignores_spans_outside() -> None:
    assert annotate("abc", [Span(0, 2, "b"), Span(10, 12, "i")], offset=10) == "<i>ab</i>c"


@given(st.text(alphabet=st.characters(min_codepoint=32, blacklist_characters="\x7f"), max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=5))
def test_annotate_keeps_text(text: str, bounds: list[tuple[int, int]]) -> None:
    spans = [Span(min(a, b), max(a, b), "mark") for a, b in bounds]
    out = annotate(text, spans)
    stripped = out.replace("<mark>", "").replace("</mark>", "")
    assert html.unescape(stripped) == text
    assert out.count("<mark>") == out.count("</mark>")


@pytest.mark.parametrize(
    "src, dst, anchor, expected",
    [
        ("articles/a.md", "people/b.md", "m1", "../../people/b/#m1"),
        ("index.md", "articles/a.md", None, "articles/a/"),
        ("articles/index.md", "index.md", None, "../"),
        ("articles/a.md", "articles/b.md", None, "../b/"),
        ("articles/a.md", "articles/a.md", "p2", "./#p2"),
        ("articles/a.md", "originals/a.txt", None, "../../originals/a.txt"),
    ],
)
def test_href_directory_urls(src: str, dst: str, anchor: str | None, expected: str) -> None:
    assert href(src, dst, anchor) == expected


def test_href_plain_urls() -> None:
    assert href("articles/a.md", "people/b.md", None, use_directory_urls=False) == "../people/b.html"
    assert page_url("articles/index.md", False) == "articles/index.html"


# The escapers skip work on text that needs none; their results must equal the plain definitions.
_PUNCT = str.maketrans({c: f"&#{ord(c)};" for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"})
_CTRL = {c: None for c in [*range(0, 9), 11, 12, *range(14, 32), 127]}
ANY_TEXT = st.one_of(st.text(), st.text(alphabet="ab .,&<>\"'#*_\t\n\r\x00\x0b\x1c\x1f\x7f\x85\xa0\u2028\u3000 ", max_size=30))


@given(ANY_TEXT)
def test_escapers_match_their_definitions(text: str) -> None:
    from archive_builder.render.markup import html_attr, html_text

    assert md_text(text) == " ".join(text.translate(_CTRL).split()).translate(_PUNCT)
    assert html_text(text) == html.escape(text.translate(_CTRL), quote=False)
    assert html_attr(text) == html.escape(text.translate(_CTRL), quote=True)


PATH_PARTS = st.sampled_from(["a", "b", "index.md", "x.md", ".", "..", "", "c d", "é"])


@given(st.lists(PATH_PARTS, max_size=4), st.lists(PATH_PARTS, max_size=4))
def test_relpath_matches_posixpath(to: list[str], base: list[str]) -> None:
    import posixpath

    from archive_builder.render.markup import _relpath

    path, start = "/".join(to) or ".", "/".join(base) or "."
    if not path.startswith("/") and not start.startswith("/"):
        assert _relpath(path, start) == posixpath.relpath(path, start)
