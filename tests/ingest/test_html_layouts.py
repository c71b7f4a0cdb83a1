"""Saved pages laid out as real sites lay them out: layout class names, forms, split bodies, dates in
several languages and markups, link-only paragraphs, hostile nesting. Fixtures are written here."""

from __future__ import annotations

import datetime as dt

import pytest

from archive_builder.ingest.html import read_html
from archive_builder.ingest.htmlflat import MAX_DEPTH, markup_depth
from archive_builder.ingest.htmllayout import clutter_token
from tests.ingest.helpers import ingest_bytes

LEDE = ("<p>The county board voted on Tuesday to reopen the Mill Lane footbridge after a year of repairs, "
        "ending a detour that added twenty minutes to the walk to school.</p>")
SECOND = ("<p>Engineers found the old deck had rotted through in three places, and replaced it with "
          "recycled steel beams that should last another fifty years, the board said.</p>")
THIRD = ("<p>Residents who use the bridge every day said they were relieved, though some asked why "
         "the work had taken twice as long as first promised.</p>")


def page(body: str, head: str = "", lang: str = "en") -> bytes:
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>Footbridge reopens</title>"
            f"{head}</head><body>{body}</body></html>").encode()


def read(data: bytes, name: str = "page.html"):  # type: ignore[no-untyped-def]
    result = ingest_bytes(name, data)
    assert result.article is not None, result.diagnostics
    return result


def both_readers(data: bytes) -> list[tuple[str, ...]]:
    """The body's paragraphs as our rules alone read them and as the combined reader does."""
    text = data.decode()
    return [read_html(text, "seeds/p.html", libraries=flag).parsed.paragraphs for flag in (False, True)]


@pytest.mark.parametrize("token", ["field-label-hidden", "overflow-hidden", "l-sidebar-fixed", "elementor-widget",
                                   "entry-content-read-more", "has-sidebar", "with-ads", "col-md-8"])
def test_layout_class_names_are_not_clutter(token: str) -> None:
    assert not clutter_token(token)


@pytest.mark.parametrize("token", ["sidebar", "share-bar", "post-comments", "site-footer", "related-posts",
                                   "ad-slot", "newsletter-signup", "visually-hidden", "most-read"])
def test_clutter_names_are_clutter(token: str) -> None:
    assert clutter_token(token)


@pytest.mark.parametrize("wrapper", ['<div class="l-sidebar-fixed">', '<div class="field-label-hidden">',
                                     '<div class="overflow-hidden">', '<div class="elementor-widget">',
                                     '<div class="entry-content-read-more">'])
def test_a_body_inside_a_layout_wrapper_is_read(wrapper: str) -> None:
    data = page(f"<h1>Footbridge reopens</h1>{wrapper}{LEDE}{SECOND}{THIRD}</div>"
                '<aside class="sidebar"><p>Most read: the mayor\'s garden party drew a record crowd of four hundred.</p></aside>')
    for paragraphs in both_readers(data):
        assert paragraphs[0].startswith("The county board voted")
        assert len(paragraphs) == 3
        assert not any("garden party" in p for p in paragraphs)


def test_a_page_wholly_inside_a_form_is_read() -> None:
    data = page(f'<form id="aspnetForm" action="/story.aspx"><div class="page"><h1>Footbridge reopens</h1>'
                f'{LEDE}{SECOND}{THIRD}</div><form class="search"><input name="q"><p>Search the site</p></form></form>')
    for paragraphs in both_readers(data):
        assert paragraphs[0].startswith("The county board voted") and len(paragraphs) == 3


def test_the_article_header_keeps_its_byline_and_date() -> None:
    data = page(f'<header class="site-header"><a href="/">Mill Valley Post</a></header><article><header>'
                f'<h1>Footbridge reopens</h1><p class="byline">By Anna Lindqvist</p>'
                f'<time datetime="2021-06-02">June 2, 2021</time></header>{LEDE}{SECOND}</article>')
    article = read(data).article
    assert article.byline == ("Anna Lindqvist",)
    assert article.published == dt.date(2021, 6, 2)
    assert article.title == "Footbridge reopens"


def test_a_split_body_and_its_intro_are_merged_in_order() -> None:
    data = page('<h1>Footbridge reopens</h1><div class="wrap">'
                '<div class="article-intro"><p>After a year of detours, walkers have their bridge back.</p></div>'
                f'<div class="article-body">{LEDE}</div><div class="ad-slot">Advertisement</div>'
                f'<div class="article-body">{SECOND}{THIRD}</div></div>')
    for paragraphs in both_readers(data):
        assert [p[:20] for p in paragraphs] == ["After a year of deto", "The county board vot",
                                                "Engineers found the ", "Residents who use th"]


@pytest.mark.parametrize(("markup", "lang", "expected"), [
    ('<p class="date">Veröffentlicht am 4. März 2021</p>', "de", dt.date(2021, 3, 4)),
    ('<span class="post-date">Publié le 3 février 2020 à 10h12</span>', "fr", dt.date(2020, 2, 3)),
    ('<div class="meta-date">31.05.2019, 13:07 Uhr</div>', "de", dt.date(2019, 5, 31)),
    ('<span class="date">12 de marzo de 2020</span>', "es", dt.date(2020, 3, 12)),
    ('<abbr class="published" title="2019-05-31T10:00:00+02:00">May 31</abbr>', "en", dt.date(2019, 5, 31)),
    ('<span itemprop="datePublished" content="2018-02-03">Feb 3</span>', "en", dt.date(2018, 2, 3)),
])
def test_visible_dates_in_many_forms(markup: str, lang: str, expected: dt.date) -> None:
    data = page(f"<article><h1>Footbridge reopens</h1>{markup}{LEDE}{SECOND}</article>", lang=lang)
    assert read(data).article.published == expected


def test_a_time_element_outside_the_article_dates_it() -> None:
    data = page('<div class="top"><span>Posted <time datetime="2017-09-14T08:00:00-05:00">Sep 14</time></span></div>'
                f'<article><h1>Footbridge reopens</h1>{LEDE}{SECOND}</article>')
    assert read(data).article.published == dt.date(2017, 9, 14)


def test_a_utc_stamp_gives_way_to_the_local_day_the_page_states() -> None:
    head = '<meta property="article:published_time" content="2020-03-24T02:30:00Z">'
    data = page(f'<article><h1>Footbridge reopens</h1><time datetime="2020-03-23T22:30:00-04:00">March 23, 2020'
                f'</time>{LEDE}{SECOND}</article>', head=head)
    assert read(data).article.published == dt.date(2020, 3, 23)
    alone = page(f"<article><h1>Footbridge reopens</h1>{LEDE}{SECOND}</article>", head=head)
    assert read(alone).article.published == dt.date(2020, 3, 24)  # nothing says otherwise: the stamp's day


def test_link_only_paragraphs_and_related_lines_are_never_dropped() -> None:
    linked = ('<p><a href="/report">Read the full inspection report, which lists every repair the '
              'engineers made to the deck and the railings</a></p>')
    related = '<p>Related: <a href="/x">Council approves new bus shelters on Mill Lane</a></p>'
    data = page(f"<article><h1>Footbridge reopens</h1>{LEDE}{linked}{SECOND}{related}{THIRD}</article>")
    article = read(data).article
    kept = [*article.paragraph_texts(), *article.boilerplate]
    assert any(k.startswith("Read the full inspection report") for k in kept)
    assert "Related: Council approves new bus shelters on Mill Lane" in article.boilerplate
    lines = {b.text: b.line for b in article.blocks if b.kind == "boilerplate"}
    assert lines["Related: Council approves new bus shelters on Mill Lane"] == 1  # the fixture is one line


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 4000])
def test_nesting_beyond_the_limit_is_reported_and_the_text_kept(levels: int) -> None:
    data = page("<div>" * levels + LEDE + SECOND + "</div>" * levels)
    result = read(data, "deep.html")
    depth = markup_depth(data.decode())
    assert levels <= depth <= levels + 2  # the page's own <html> and <body> count too
    assert [d.message for d in result.diagnostics] == [
        f"markup nested too deeply ({depth} levels; the limit is {MAX_DEPTH}): read as plain paragraphs, "
        "without the page's layout or metadata"]
    assert result.diagnostics[0].severity == "warning" and result.diagnostics[0].path == "seeds/deep.html"
    assert result.article.paragraph_texts()[0].startswith("The county board voted")


def test_nesting_within_the_limit_is_read_normally() -> None:
    data = page("<div>" * 150 + f"<h1>Footbridge reopens</h1>{LEDE}{SECOND}" + "</div>" * 150)
    result = read(data)
    assert result.diagnostics == ()
    assert result.article.title == "Footbridge reopens"


def test_depth_ignores_tags_pages_leave_open_and_markup_in_scripts() -> None:
    assert markup_depth("<ul>" + "<li>item" * 5000 + "</ul>") == 1
    assert markup_depth("<p>one<p>two<p>three") == 0
    assert markup_depth("<div><script>var s = '" + "<div>" * 900 + "';</script></div>") == 1
    assert markup_depth("<div><!-- " + "<div>" * 900 + " --></div>") == 1


def test_the_libraries_versions_are_part_of_the_cache_key() -> None:
    from archive_builder.ingest.extractors import library_versions

    versions = library_versions()
    assert "trafilatura " in versions and "htmldate " in versions and "trafilatura -" not in versions


def combined(data: bytes) -> tuple[str, ...]:
    return read_html(data.decode(), "seeds/p.html").parsed.paragraphs


@pytest.mark.parametrize("wrapper", ['<div class="widget Blog" id="Blog1">', '<div class="entry themeform share">',
                                     '<div class="sidebar_content">', '<div id="read_more">'])
def test_a_clutter_named_wrapper_holding_most_of_the_article_is_read(wrapper: str) -> None:
    share = '<div class="share-bar"><p>Share this story with your friends on every network you use</p></div>'
    data = page(f"<h1>Footbridge reopens</h1>{wrapper}{LEDE}{share}{SECOND}{THIRD}</div>"
                '<div class="sidebar"><p>Most read: the mayor\'s garden party drew a record crowd of four hundred.</p></div>')
    paragraphs = combined(data)
    assert [p[:20] for p in paragraphs] == ["The county board vot", "Engineers found the ", "Residents who use th"]


def test_clutter_inside_a_paragraph_is_left_out_of_it() -> None:
    lede = LEDE.replace("</p>", ' <span class="share-buttons">Share on Facebook</span></p>')
    paragraphs = combined(page(f"<article><h1>Footbridge reopens</h1>{lede}{SECOND}{THIRD}</article>"))
    assert paragraphs[0].startswith("The county board voted") and not any("Facebook" in p for p in paragraphs)


def test_the_intro_in_the_article_header_is_body_text() -> None:
    intro = ("<p>After a year of detours and two missed deadlines, walkers in Mill Valley have their "
             "footbridge back, rebuilt in steel.</p>")
    data = page(f'<article><header class="entry__header"><h1>Footbridge reopens</h1>{intro}</header>'
                f"{LEDE}{SECOND}{THIRD}</article>")
    assert combined(data)[0].startswith("After a year of detours")


def test_prose_before_a_date_line_in_a_page_is_body_not_a_caption() -> None:
    data = page(f"<article><h1>Footbridge reopens</h1>{LEDE}<p>04.04.2020</p>{SECOND}{THIRD}</article>", lang="de")
    parsed = read_html(data.decode(), "seeds/p.html").parsed
    assert parsed.paragraphs[0].startswith("The county board voted")
    assert parsed.caption is None


@pytest.mark.parametrize("head", ['<link rel="canonical" href="https://example.org/news/2019/01/01/footbridge/">',
                                  '<meta property="og:url" content="https://example.org/2019-01-01/footbridge.html">'])
def test_the_date_in_the_pages_own_address_beats_a_utc_stamp(head: str) -> None:
    stamp = '<meta property="article:published_time" content="2018-12-31T23:11:59+00:00">'
    data = page(f"<article><h1>Footbridge reopens</h1>{LEDE}{SECOND}</article>", head=head + stamp)
    assert read(data).article.published == dt.date(2019, 1, 1)


def test_a_page_that_never_closes_its_head_is_read() -> None:
    data = (f"<html><head><meta charset='utf-8'><title>Footbridge reopens</title><script>var x = 1;</script>"
            f"<div class='main'><h1>Footbridge reopens</h1>{LEDE}{SECOND}{THIRD}</div></html>").encode()
    for paragraphs in both_readers(data):
        assert [p[:20] for p in paragraphs] == ["The county board vot", "Engineers found the ", "Residents who use th"]


def test_a_dateline_after_an_intro_paragraph_is_still_peeled() -> None:
    intro = ("<p>After a year of detours and two missed deadlines, walkers in Mill Valley have their "
             "footbridge back, rebuilt in steel.</p>")
    lede = LEDE.replace("<p>The county", "<p>MILL VALLEY, Calif. (AP) \u2014 The county")
    data = page(f'<article><h1>Footbridge reopens</h1>{intro}<p class="byline">By Anna Lindqvist</p>'
                f"{lede}{SECOND}</article>")
    parsed = read_html(data.decode(), "seeds/p.html").parsed
    assert parsed.paragraphs[0].startswith("After a year of detours")
    assert parsed.paragraphs[1].startswith("The county board voted")
    assert parsed.dateline is not None and parsed.dateline.startswith("MILL VALLEY")


def test_a_misnested_noscript_block_ends_at_its_end_tag() -> None:
    """``<noscript><div></noscript>``: a browser shows none of it and reads on; the page is not inside it."""
    data = page('<noscript><div id="no-js"><p>Please turn on JavaScript to see this site.</noscript>'
                f"<div id='main'><h1>Footbridge reopens</h1>{LEDE}{SECOND}{THIRD}</div>")
    for paragraphs in both_readers(data):
        assert paragraphs[0].startswith("The county board voted")
        assert len(paragraphs) == 3
        assert not any("JavaScript" in p for p in paragraphs)


def test_ruby_readings_are_not_text() -> None:
    """Japanese pages gloss words with their readings (``<ruby>法律<rt>ほうりつ</rt></ruby>``): the text is
    the words, not the glosses."""
    gloss = "<ruby>法律<rt>ほうりつ</rt></ruby>では、<ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>ども"
    data = page(f"<article><h1>Footbridge reopens</h1><p>{gloss}を守ることが大切です。新しい法律が来年から始まります。</p>"
                f"{LEDE}{SECOND}</article>", lang="ja")
    for paragraphs in both_readers(data):
        assert paragraphs[0].startswith("法律では、子どもを守る")
        assert "ほうりつ" not in " ".join(paragraphs)
