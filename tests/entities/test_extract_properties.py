"""The extractors never raise on any text: generated news-like text with the shapes that broke them
(capitalised runs, titles at the end of a sentence, all-caps lines, tables, lists) runs through the
real extractors (rules and the statistical recognizer) and every offset names its text."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from archive_builder.curation import Curation
from archive_builder.entities import resolve
from archive_builder.entities.extract import spot
from archive_builder.model import Block
from tests.entities.gold import make_article

_WORDS = ["Lord", "Chief", "Justice", "Major-General", "Maj.", "Gen.", "Secretary", "of", "State", "Mr.", "al-",
          "Abu", "Camp", "Air", "Base", "Popular", "Mobilization", "Forces", "Bay", "Area", "San", "Antonio",
          "Mark", "Esper", "Iran", "The", "And", "On", "September", "Quds", "Force", "de", "van", "St", "Louis",
          "bin", "Sheikh", "Ayatollah", "President", "Minister", "Prime", "said", "the", "told", "at", "AT",
          "LONDON", "1996-12-06", "U.S.", "PMF", "IRGC", "Bre-X", "O'Neill", "Ms", "Jr.", "III", "Hashed",
          "Lord Chief Justice", "Secretary of State", "Prime Minister", "Chief of Staff", "Maj. Gen."]
_word = st.sampled_from(_WORDS) | st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True)
_run = st.lists(_word, min_size=1, max_size=9).map(" ".join)
_ending = st.sampled_from([".", "", ",", ":", "?", " —", "'s", "’s"])
_sentence = st.tuples(_run, _ending).map("".join)
_caps_line = _run.map(str.upper)
_table_row = st.lists(_run | st.from_regex(r"\d{1,3}(-\d{1,3})?", fullmatch=True), min_size=1, max_size=6).map(
    lambda cells: "\t".join(cells))
_list_item = st.tuples(st.sampled_from(["- ", "* ", "1. ", "• ", "| "]), _sentence).map("".join)
_line = _sentence | _caps_line | _table_row | _list_item
_text = st.lists(_line, max_size=12).flatmap(
    lambda lines: st.sampled_from(["\n", " ", "\n\n", "  "]).map(lambda sep: sep.join(lines)))


@settings(max_examples=150, deadline=None)
@given(_text)
def test_spotting_never_raises_and_offsets_name_their_text(lex, text):
    for c in spot(text, lex):
        assert text[c.start : c.end] == c.text
        assert c.type in ("person", "organization", "place", None)


@settings(max_examples=40, deadline=None)
@given(st.lists(_text, min_size=1, max_size=3))
def test_resolving_generated_articles_never_raises(lex, texts):
    articles = tuple(replace(make_article(f"g{i}", text, caption=text[:80]), title=text[-60:] or "t", title_derived=False,
                             dateline=text[:20].upper() or None, chrome=(text[20:70],),
                             blocks=(Block("dek", text[20:70], 2),))
                     for i, text in enumerate(texts))
    index, _ = resolve(articles, Curation(), lex)
    bodies = {a.id: a for a in articles}
    for m in index.mentions:
        article = bodies[m.article]
        source = {"body": article.body, "caption": article.caption, "headline": article.title,
                  "dateline": article.dateline, "dek": article.chrome[m.part]}[m.field] or ""
        assert source[m.start : m.end] == m.text


def test_a_title_at_the_end_of_a_sentence_is_not_a_name(lex):
    text = "The ruling was read by the Lord Chief Justice. Nobody else spoke to Lord Chief Justice"
    assert all(text[c.start : c.end] == c.text for c in spot(text, lex))
