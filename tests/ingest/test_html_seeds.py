"""Saved article pages: the body among the clutter, and what the page says about itself."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.ingest.helpers import FIXTURES, ingest_bytes, ingest_fixture

PAGES = {
    "newspaper": dict(
        title="Dockworkers walk out over pay at Port Almira",
        outlet="The Harbor Gazette",
        published=dt.date(2023, 5, 14),
        modified=dt.date(2023, 5, 15),
        byline=("Lena Moretti", "Tomas Quist"),
        url="https://harborgazette.example/business/2023/05/14/dockworkers-walk-out",
        language="en-GB",
        first="Hundreds of dockworkers walked off the job at Port Almira on Sunday",
        last="about 80 kilometres to the north.",
        clutter=["Advertisement", "Read more", "More from Business", "Ferry operator", "harbourwatcher",
                 "About time somebody", "morning briefing", "All rights reserved", "cookies", "Share on",
                 "Breaking", "Strikes", "Sign up", "window.dataLayer", "min-height"],
    ),
    "blog": dict(
        title="Why our water bills are going up again",
        outlet="Notes from Millbrook",
        published=dt.date(2022, 11, 3),
        modified=dt.date(2022, 11, 5),
        byline=("Ruth Ellery",),
        url="https://notesfrommillbrook.example/2022/11/03/water-bills/",
        language="en-US",
        first="If you opened your water bill this week and winced",
        last="I will let you know when I get an answer.",
        clutter=["Skip to content", "Posted on", "Share this", "Related", "Town budget", "Posted in",
                 "Tagged", "thoughts on", "Thank you for going", "Recent Posts", "too much time",
                 "Proudly powered", "Previous:", "neighbour writes", "wp-block-quote"],
    ),
    "jsonld": dict(
        title="Kessel River bridge to close for six months of repairs",
        outlet="Valley Courier",
        published=dt.date(2021, 9, 30),
        modified=dt.date(2021, 10, 1),
        byline=("Dana Whitlock",),
        url="https://valleycourier.example/local/kessel-bridge-closure",
        language="en-US",
        first="The state transportation department will close the Kessel River bridge",
        last="superintendent Paul Rinaldi said in a letter to parents.",
        clutter=["Most read", "football scores", "bakery", "Harlan weather", "12 Mill Street", "Obituaries",
                 "trackPageView", "@graph"],
    ),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_site_structures_give_the_article_and_its_metadata(name: str) -> None:
    expected = PAGES[name]
    result = ingest_fixture(f"html/{name}.html")
    assert result.diagnostics == ()
    article = result.article
    assert article is not None
    assert article.format == "html"
    for field in ("title", "outlet", "published", "modified", "byline", "url", "language"):
        assert getattr(article, field) == expected[field], field
    assert not article.title_derived
    assert article.body.startswith(expected["first"])
    assert article.body.endswith(expected["last"])
    for phrase in expected["clutter"]:
        assert phrase not in article.body, phrase
    for start, end in article.paragraphs:
        assert article.body[start:end] == article.body[start:end].strip()
    assert "<" not in article.body and "&" not in article.body.replace("&amp;", "")


def test_newspaper_keeps_caption_credits_and_dateline_apart_from_the_body() -> None:
    article = ingest_fixture("html/newspaper.html").article
    assert article is not None
    assert article.caption == "Idle cranes at the container terminal on Sunday morning."
    assert article.caption_credit == "Ana Ruiz/Harbor Gazette"
    assert article.credits == ("Additional reporting by Maya Feld in Castelverde.",)
    assert article.dateline == "PORT ALMIRA"
    for apart in ("Idle cranes", "Ana Ruiz", "Maya Feld", "PORT ALMIRA"):
        assert apart not in article.body
    assert article.body.count("\u201cWe have been patient") == 1  # &ldquo; decoded once


def test_quotes_list_items_and_subheads_are_kept_as_structure() -> None:
    article = ingest_fixture("html/newspaper.html").article
    assert article is not None
    texts = article.paragraph_texts()
    assert len(article.paragraph_kinds) == len(texts)
    kinds = dict(zip(texts, article.paragraph_kinds, strict=True))
    assert kinds["The company has made a fair offer and remains ready to return to the table at any time."] == "quote"
    assert kinds["What the union wants"] == "heading"
    items = [t for t, k in kinds.items() if k == "list-item"]
    assert items == ["a raise of 9 percent over two years;",
                     "an end to rolling twelve-hour shifts at the container terminal;",
                     "new safety inspections of the older gantry cranes."]


def page(body: str, head: str = "", charset: str = "utf-8") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}">{head}</head><body>'
            f"<nav><a href='/'>Home</a></nav>{body}<footer>Footer text of the site with links.</footer></body></html>")


LEDE = "<p>The mayor of Oldtown resigned on Friday after a week of protests over the budget, officials said.</p>"


def test_time_element_and_title_tag_when_there_is_no_metadata() -> None:
    html = page(f'<article><p>Posted <time datetime="2019-07-04">July 4</time></p>{LEDE}</article>',
                head="<title>Oldtown mayor resigns - Oldtown Echo</title><meta property='og:site_name' content='Oldtown Echo'>")
    article = ingest_bytes("echo.html", html.encode()).article
    assert article is not None
    assert article.published == dt.date(2019, 7, 4)
    assert article.title == "Oldtown mayor resigns"
    assert article.outlet == "Oldtown Echo"
    assert article.body.startswith("The mayor of Oldtown resigned")


def test_by_line_and_date_line_in_the_body_follow_the_text_rules() -> None:
    html = page(f"<article><h1>Oldtown mayor resigns</h1><p>By Carla Mendes</p><p>June 2, 2018</p>{LEDE}</article>")
    article = ingest_bytes("echo.htm", html.encode()).article
    assert article is not None
    assert article.byline == ("Carla Mendes",)
    assert article.published == dt.date(2018, 6, 2)
    assert article.body.startswith("The mayor of Oldtown")


def test_declared_windows_1252_page_decodes_without_warning() -> None:
    html = page("<article><p>The caf\xe9 owner said \u201cno\u201d to the council\u2019s plan for the square today.</p></article>",
                charset="windows-1252")
    result = ingest_bytes("cafe.html", html.encode("cp1252"))
    assert result.diagnostics == ()
    assert result.article is not None
    assert "caf\u00e9 owner said \u201cno\u201d to the council\u2019s plan" in result.article.body


def test_iso_8859_1_label_means_windows_1252() -> None:
    html = page("<article><p>Smart quotes \u201chere\u201d come from a page labelled Latin-1 by its authors.</p></article>",
                charset="iso-8859-1")
    article = ingest_bytes("latin.html", html.encode("cp1252")).article
    assert article is not None and "\u201chere\u201d" in article.body


def test_undeclared_cp1252_page_is_read_with_a_warning_naming_the_file() -> None:
    html = page("<article><p>The caf\xe9 on the corner of the square reopened on Monday morning.</p></article>")
    html = html.replace('<meta charset="utf-8">', "")
    result = ingest_bytes("old.html", html.encode("cp1252"))
    assert result.article is not None and "caf\u00e9" in result.article.body
    (warning,) = result.diagnostics
    assert warning.path == "seeds/old.html" and warning.severity == "warning"
    assert "not UTF-8" in warning.message and "cp1252" in warning.message


def test_page_declaring_latin_1_but_saved_as_utf_8_is_read_as_utf_8() -> None:
    html = page("<article><p>The caf\u00e9 on the corner of the square reopened on Monday morning.</p></article>",
                charset="iso-8859-1")
    result = ingest_bytes("resaved.html", html.encode("utf-8"))
    assert result.article is not None and "caf\u00e9 on the corner" in result.article.body
    assert [d.severity for d in result.diagnostics] == ["warning"]
    assert "is UTF-8" in result.diagnostics[0].message


def test_utf_16_page_with_byte_order_mark() -> None:
    html = page("<article><p>\u0627\u0644\u0639\u0631\u0627\u0642 appears in a page saved as UTF-16 by an old editor.</p></article>")
    article = ingest_bytes("wide.html", html.encode("utf-16")).article
    assert article is not None and article.body.startswith("\u0627\u0644\u0639\u0631\u0627\u0642 appears")


def test_page_without_article_text_is_a_diagnostic_not_a_crash() -> None:
    html = page("<div id='app'></div><script>render()</script>")
    result = ingest_bytes("spa.html", html.encode())
    assert result.article is None
    (error,) = result.diagnostics
    assert error.path == "seeds/spa.html" and error.severity == "error"
    assert "no article text" in error.message and error.hint


def test_deeply_nested_markup_is_read() -> None:
    html = "<div>" * 3000 + LEDE + "</div>" * 3000
    result = ingest_bytes("deep.html", html.encode())
    assert result.article is not None and result.article.body.startswith("The mayor of Oldtown")


def test_wrapper_with_a_clutter_like_class_is_not_clutter() -> None:
    html = (FIXTURES / "html/newspaper.html").read_text(encoding="utf-8")
    html = html.replace('<body class="article-page">', '<body><div class="page-wrap has-sidebar show-ads">')
    html = html.replace("</body>", "</div></body>")
    article = ingest_bytes("wrapped.html", html.encode()).article
    expected = ingest_fixture("html/newspaper.html").article
    assert article is not None and expected is not None
    assert article.body == expected.body and article.title == expected.title


def test_filler_lines_inside_the_body_are_dropped() -> None:
    html = page("<article><div class='story-body'>" + LEDE
                + "<p>ADVERTISEMENT</p><p>Also read: <a href='/x'>Budget</a> vote delayed once more by the council</p>"
                + "<p>Story continues below advertisement</p>"
                + "<p>The deputy mayor will act as mayor until an election is held in the autumn, the council said.</p>"
                + "</div></article>")
    article = ingest_bytes("filler.html", html.encode()).article
    assert article is not None
    assert article.paragraph_texts() == (
        "The mayor of Oldtown resigned on Friday after a week of protests over the budget, officials said.",
        "The deputy mayor will act as mayor until an election is held in the autumn, the council said.",
    )


def test_old_table_layout_with_br_paragraphs() -> None:
    html = ("<html><head><title>Harbour news</title></head><body><table><tr>"
            "<td class='nav'><a href='/'>Home</a><br><a href='/a'>Archive</a><br><a href='/c'>Contact us</a></td>"
            "<td><font size=4><b>Lighthouse keeper retires after forty years</b></font><br><br>"
            "The last keeper of the Skerry Point lighthouse retired on Saturday after forty years of service.<br>\n<br>\n"
            "The light has been automatic since 1998, but Tom Ruane stayed on to look after the building.<br><br>"
            "A farewell party was held at the harbour hall.</td></tr></table></body></html>")
    article = ingest_bytes("old.htm", html.encode()).article
    assert article is not None
    assert article.paragraph_texts() == (
        "The last keeper of the Skerry Point lighthouse retired on Saturday after forty years of service.",
        "The light has been automatic since 1998, but Tom Ruane stayed on to look after the building.",
        "A farewell party was held at the harbour hall.",
    )
    assert article.title == "Lighthouse keeper retires after forty years"


def test_bylines_leave_out_job_titles_addresses_and_organisations() -> None:
    ld = ('<script type="application/ld+json">[{"@type": ["NewsArticle"], "headline": "Oldtown mayor resigns",'
          '"author": ["By Carla Mendes and Ivo Brandt", "https://echo.example/staff/x",'
          '{"@type": "Organization", "name": "Echo Staff"}]}]</script>')
    article = ingest_bytes("ld.html", page(f"<article>{LEDE}</article>", head=ld).encode()).article
    assert article is not None
    assert article.byline == ("Carla Mendes", "Ivo Brandt")
    html = page(f"<article><h1>Oldtown mayor resigns</h1><div class='byline'>By Carla Mendes, Staff Writer</div>{LEDE}</article>",
                head="<meta name='author' content='https://echo.example/carla'>")
    article = ingest_bytes("el.html", html.encode()).article
    assert article is not None and article.byline == ("Carla Mendes",)


def test_unknown_or_non_text_charset_falls_back_to_utf_8_with_a_warning() -> None:
    for label in ("klingon-8", "rot13", "base64", "utf-8\x00"):
        html = page("<article>" + LEDE + "</article>", charset=label)
        result = ingest_bytes("odd.html", html.encode())
        assert result.article is not None and result.article.body.startswith("The mayor"), label
        assert result.diagnostics and {d.severity for d in result.diagnostics} == {"warning"}, label
        assert all("\x00" not in d.message for d in result.diagnostics), label
        assert "\x00" in label or "unknown charset" in result.diagnostics[0].message, label
