"""Property tests: any text in, well-formed results out (never an exception)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archive_builder.curation import Curation
from archive_builder.provenance import analyse
from archive_builder.provenance.attribution import find
from archive_builder.provenance.normalize import content_positions, tokens, words
from archive_builder.render import svg

from .helpers import make_article

WORDS = st.sampled_from(["According", "to", "the", "New", "York", "Times", "reported", "it", "said", "Reuters",
                         "\u201cquote\u201d", "officials", ",", ".", "\n\n", "Mr.", "A.", "U.S.", "quoted", "<b>"])
TEXT = st.lists(WORDS, min_size=1, max_size=60).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(TEXT)
def test_attribution_evidence_always_slices_the_body(text: str) -> None:
    article = make_article("p1", text.strip() or "x", outlet="Some Outlet", source_credit="Reuters")
    for found in find(article, frozenset()):
        ev = found.attribution.evidence
        if ev.field == "body":
            assert article.body[ev.start : ev.end] == ev.text
        assert found.attribution.outlet


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_svg_label_is_always_inert(text: str) -> None:
    """Any label in a chain figure stays text: the SVG parses as XML with only the figure's own elements."""
    import xml.etree.ElementTree as ET

    figure = svg.flow([svg.Node(text, None), svg.Node(text, "x/")], [svg.Edge(0, 1, text)], text)
    root = ET.fromstring(figure.split("\n")[1])  # noqa: S314 (our own output, not untrusted XML)
    tags = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
    assert tags <= {"svg", "defs", "marker", "path", "g", "a", "title", "rect", "text"}, tags
    assert "script" not in tags and not any(k.startswith("on") for el in root.iter() for k in el.attrib)


@settings(max_examples=30, deadline=None)
@given(TEXT, TEXT)
def test_analyse_never_fails_and_offsets_stay_inside(a: str, b: str) -> None:
    shared = " The port of Umm Qasr would reopen to container traffic after a three-week closure caused by protests."
    arts = (make_article("q1", (a + shared * 3).strip()), make_article("q2", (shared * 3 + b).strip()))
    index, _ = analyse(arts, Curation())
    bodies = {x.id: x.body for x in arts}
    for r in index.relations:
        for p in r.passages:
            if r.source.article and r.target.article:
                assert 0 <= p.source_start < p.source_end <= len(bodies[r.source.article])
                assert 0 <= p.target_start < p.target_end <= len(bodies[r.target.article])


@settings(max_examples=80, deadline=None)
@given(st.one_of(TEXT, st.text(max_size=200)))
def test_words_cut_a_text_as_tokens_do(text: str) -> None:
    """``words`` (one split, offsets summed) gives exactly the words and forms ``tokens`` gives."""
    cut = words(text)
    assert list(zip(cut.starts, cut.ends, cut.folds, cut.canons, strict=True)) == [tuple(t) for t in tokens(text)]
    assert all(text[s:e] for s, e in zip(cut.starts, cut.ends, strict=True))
    assert cut.content == content_positions(tokens(text))
