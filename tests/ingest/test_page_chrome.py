"""Copied page text: each failure class of page chrome, on short page copies written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive_builder.ingest import chrome
from archive_builder.ingest import patterns as p
from archive_builder.ingest.overrides import Overrides
from tests.ingest.helpers import ingest_bytes

D = dt.date
LEDE = "The storm strengthened overnight as it moved toward the coast, forecasters said on Sunday."


def page(*lines: str) -> bytes:
    return "\n\n".join(lines).encode() + b"\n"


def read(*lines: str):  # type: ignore[no-untyped-def]
    article = ingest_bytes("copy.txt", page(*lines)).article
    assert article is not None
    return article


# ------------------------------------------------------------------------------------ titles


@pytest.mark.parametrize("chrome_line", ["Search", "Double your gift now", "Skip to main content", "Share this",
                                         "Header Ads", "Sign up for our daily briefing", "Home | News | Weather"])
def test_titles_never_come_from_chrome(chrome_line: str) -> None:
    article = read(chrome_line, "Storm nears coast", LEDE)
    assert article.title == "Storm nears coast" and not article.title_derived
    assert chrome_line in article.chrome and chrome_line not in article.body


def test_kicker_before_headline_is_not_the_title() -> None:
    article = read("Local News", "Storm nears coast", LEDE)
    assert article.title == "Storm nears coast"
    assert "Local News" in article.chrome


def test_repeated_headline_and_dek() -> None:
    article = read("Storm nears coast", "Storm nears coast", "Forecasters Warn of Flooding Along Bay", LEDE)
    assert article.title == "Storm nears coast"
    assert article.chrome == ("Storm nears coast", "Forecasters Warn of Flooding Along Bay")
    assert article.body == LEDE


def test_title_with_agency_after_a_bar() -> None:
    article = read("Storm nears coast | AFP", LEDE)
    assert article.title == "Storm nears coast" and article.outlet == "AFP"


# ------------------------------------------------------------------------------------ outlets


@pytest.mark.parametrize(("masthead", "outlet"), [("Houston Chronicle Sunday", "Houston Chronicle"),
                                                   ("Small Wars Journal", "Small Wars Journal"),
                                                   ("Valleynews.com", "Valleynews.com")])
def test_masthead_becomes_the_outlet(masthead: str, outlet: str) -> None:
    article = read(masthead, "Storm nears coast", LEDE)
    assert article.outlet == outlet and article.title == "Storm nears coast"


def test_timestamp_is_never_the_outlet() -> None:
    article = read("Storm nears coast", "MIAMI (12:45 A.M.) — " + LEDE)
    assert article.outlet is None and article.dateline == "MIAMI"
    assert "12:45 A.M." in article.chrome and article.body.startswith("The storm")


def test_source_credit_and_copyright_holder_name_the_outlet_as_derived() -> None:
    article = read("Storm nears coast", LEDE, "Source: Gulf Radio")
    assert article.outlet == "Gulf Radio" and "outlet" in article.derived
    article = read("Storm nears coast", LEDE, "Copyright © 2021 Valley Courier. All rights reserved.")
    assert article.outlet == "Valley Courier" and "outlet" in article.derived


# ------------------------------------------------------------------------------------ dates


@pytest.mark.parametrize(("line", "day"), [
    ("Sat, 03/28/2020 - 5:26pm", D(2020, 3, 28)),
    ("Publish date22 Mar 2020 - 13:07 Story Code : 455969", D(2020, 3, 22)),
    ("Mar 13, 2020 - Politics & Policy", D(2020, 3, 13)),
    ("Posted: Aug 06, 2015 7:01 PM", D(2015, 8, 6)),
    ("lundi 12 octobre 2020", D(2020, 10, 12)),
    ("4 Diciembre 2020", D(2020, 12, 4)),
    ("21 February 2025 at 03:16", D(2025, 2, 21)),
    ("4:30 am CDT March 22, 2020", D(2020, 3, 22)),
    ("Veröffentlicht am 12. März 2020", D(2020, 3, 12)),
    ("date de publication21.05.2017", D(2017, 5, 21)),
])
def test_stated_date_lines(line: str, day: dt.date) -> None:
    article = read("Storm nears coast", line, LEDE)
    assert article.published == day and not article.published_derived
    assert article.title == "Storm nears coast" and article.body == LEDE


def test_sentence_holding_a_date_is_not_a_date_line() -> None:
    assert chrome.date_line("The mayor said on March 3, 2020 that the pier would close.") is None


def test_updated_line_only_when_nothing_else_is_stated() -> None:
    article = read("Storm nears coast", "By ANI | Updated: May 30, 2019 17:15 IST", LEDE)
    assert article.published == D(2019, 5, 30) and article.outlet == "ANI" and article.byline == ()


def test_date_in_a_caption_is_never_the_publication_date() -> None:
    caption = "Residents fill sandbags in Galveston, Texas, on January 2, 2020. (AP Photo/Jo Smith)"
    article = read("Storm nears coast", caption, LEDE)
    assert article.published is None and article.caption is not None and "January 2, 2020" in article.caption
    caption = "Residents fill sandbags in Galveston, Texas, Thursday Jan. 2, 2020, as the storm nears."
    article = read("Storm nears coast", caption, "GALVESTON, Texas (AP) — " + LEDE)
    assert article.published is None and article.caption == caption and article.outlet == "AP"


def test_dated_dateline_states_the_date_and_leaves_the_body() -> None:
    article = read("Senate passes relief bill", "WASHINGTON, March 27, 2020 — " + LEDE)
    assert article.published == D(2020, 3, 27) and not article.published_derived
    assert article.dateline == "WASHINGTON" and article.body == LEDE
    article = read("Arco de bienvenida", "Morelos, Coahuila; a 19 de septiembre de 2024.- El alcalde supervisó la obra del arco.")
    assert article.published == D(2024, 9, 19) and article.body.startswith("El alcalde")


# ------------------------------------------------------------------------------------ bylines


@pytest.mark.parametrize(("lines", "names", "outlet"), [
    (("- By Ann Lee, Bo Park, Cy Diaz and Dee Moss",), ("Ann Lee", "Bo Park", "Cy Diaz", "Dee Moss"), None),
    (("By —", "Jane Doe, Associated Press"), ("Jane Doe",), "Associated Press"),
    (("by Ann Lee and Tom Wu - New York Times",), ("Ann Lee", "Tom Wu"), "New York Times"),
    (("Von Dagmar Keller",), ("Dagmar Keller",), None),
    (("Por: Koral Medina",), ("Koral Medina",), None),
    (("Luis Garza Ortiz / Reportero",), ("Luis Garza Ortiz",), None),
    (("Hanna Berg -",), ("Hanna Berg",), None),
    (("Redacción / Valle Noticias",), (), "Valle Noticias"),
])
def test_byline_forms(lines: tuple[str, ...], names: tuple[str, ...], outlet: str | None) -> None:
    article = read("Storm nears coast", *lines, LEDE)
    assert article.byline == names and article.outlet == outlet and article.body == LEDE


def test_name_alone_next_to_the_date_line_is_the_byline() -> None:
    article = read("Storm nears coast", "4 Diciembre 2020", "Víctor Ramos", LEDE)
    assert article.byline == ("Víctor Ramos",)


def test_reporting_credit_names_reporters_not_editors() -> None:
    article = read("Storm nears coast", LEDE, "(Reporting by Mia Torres; Editing by Sam Hale)")
    assert article.byline == ("Mia Torres",)


def test_sign_off_closing_a_short_item_is_the_byline() -> None:
    article = read("Council sets hearings", "The council will hold two hearings on the budget next week.", "— JO MARSH")
    assert article.byline == ("JO MARSH",) and article.body == "The council will hold two hearings on the budget next week."


# ------------------------------------------------------------------------------------ the tail: nothing lost


def test_ordinary_closing_sentences_stay_in_the_body() -> None:
    closing = ("About 300 people remain missing.", "Subscribers to the water service were told to boil water.",
               "Copyright lawyers said the ruling would be appealed.", "Follow us, the marchers chanted.")
    article = read("Floods sweep valley", LEDE, *closing)
    assert article.paragraph_texts() == (LEDE, *closing)
    assert article.boilerplate == () and article.outlet is None


def test_closing_prompts_are_kept_in_a_named_field() -> None:
    prompts = ("Subscribe to our newsletter for daily updates.", "Copyright © 2021 Valley Courier. All rights reserved.",
               "Follow us on Twitter.")
    article = read("Floods sweep valley", LEDE, *prompts)
    assert article.body == LEDE and article.boilerplate == prompts


def test_about_block_still_names_the_publisher() -> None:
    article = read("Floods sweep valley", LEDE, "About Valley Courier", "Valley Courier covers the river towns.")
    assert article.outlet == "Valley Courier" and article.body == LEDE


def test_chrome_lines_inside_the_body_are_kept_apart() -> None:
    article = read("Storm nears coast", LEDE, "Open in App", "Crews closed the causeway at noon, police said.")
    assert article.paragraph_texts() == (LEDE, "Crews closed the causeway at noon, police said.")
    assert article.chrome == ("Open in App",)


def test_markdown_transcription_keeps_chrome_words_as_text() -> None:
    article = ingest_bytes("t.md", page("Share", LEDE)).article
    assert article is not None and article.paragraph_texts()[0] == "Share"


# ------------------------------------------------------------------------------------ overrides and hostile lines


def test_every_recognised_field_stays_overridable() -> None:
    data = page("Houston Chronicle", "Storm nears coast", "Sat, 03/28/2020 - 5:26pm", "By Ann Lee", LEDE)
    values = (("title", "Curated"), ("outlet", "Curated Outlet"), ("published", D(2020, 3, 29)), ("byline", ("Bo Park",)))
    article = ingest_bytes("copy.txt", data, Overrides("seeds/copy.yml", values)).article
    assert article is not None
    assert (article.title, article.outlet, article.published, article.byline) == ("Curated", "Curated Outlet",
                                                                                  D(2020, 3, 29), ("Bo Park",))


@pytest.mark.parametrize("line", ["By " + "Ab" * 32_000, "By A" + "bC" * 32_000, "By " + "Ann Lee, " * 7_000])
def test_a_64_kb_byline_line_is_read_in_passing(line: str) -> None:
    article = read("Storm nears coast", line, LEDE)
    assert article.title == "Storm nears coast"
    assert line.strip() in article.body or line.strip() in article.chrome or article.byline


def test_name_pattern_on_a_long_word() -> None:
    """The word is read whole (the backtracking pattern retried every split of it: minutes for 64 KB)."""
    word = "A" + "bC" * 32_000
    assert p.names_in(f"Ann {word} and more") == (f"Ann {word}",)


# ------------------------------------------------------------------------------------ every line lands somewhere

_HEAD = st.lists(st.sampled_from([
    "Skip to main content", "Local News", "Harbour Times", "Sat, 03/28/2020 - 5:26pm", "By Ann Lee and Bo Park",
    "Storm nears coast", "Storm nears coast", "Share this", "(12:45 A.M.)", "Photo: Crews on the causeway (AP)",
    "Forecasters Warn of Flooding", "Víctor Ramos", "Publish date22 Mar 2020 - 13:07", "Story Code : 455969",
]), max_size=7)
_TAIL = st.lists(st.sampled_from([
    "About 300 people remain missing.", "Subscribe to our newsletter.", "Copyright © 2021 Valley Courier.",
    "Follow us on Twitter.", "https://news.example/floods", "Related: Floods close the coast road",
    "(Reporting by Mia Torres; Editing by Sam Hale)", "Source: Gulf Radio", "— JO MARSH", "No comments:",
]), max_size=6)


@settings(max_examples=80, deadline=None)
@given(_HEAD, _TAIL)
def test_every_paragraph_is_in_the_body_or_a_named_field(head: list[str], tail: list[str]) -> None:
    article = read(*head, LEDE, *tail)
    fields = [article.title, article.outlet, article.caption, article.caption_credit, article.source_credit,
              article.dateline, *article.byline, *article.credits, *article.boilerplate, *article.chrome]
    kept = article.paragraph_texts()
    for line in (*head, *tail):
        placed = line in kept or any(f and (line in f or f in line) for f in fields) or \
            any(b.text == line for b in article.blocks)
        assert placed, f"{line!r} was dropped"
    assert LEDE in article.body
    if "About 300 people remain missing." in tail:
        assert "About 300 people remain missing." in kept
