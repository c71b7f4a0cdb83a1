"""Each plain-text ingest rule, on fixtures written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from archive_builder.ingest.text import derive_title, parse_text, split_units
from tests.support import article_from, fixture_bytes


def test_blank_line_paragraphs() -> None:
    article = article_from("First paragraph is here.\n\nSecond one follows.\n\n\nThird after two blanks.\n")
    assert article.paragraph_texts() == ("First paragraph is here.", "Second one follows.", "Third after two blanks.")
    assert article.body == "First paragraph is here.\n\nSecond one follows.\n\nThird after two blanks."


def test_single_newline_paragraphs() -> None:
    article = article_from(fixture_bytes("single_newlines.txt"))
    assert len(article.paragraphs) == 4
    assert article.paragraph_texts()[2].startswith('"We have shown flexibility,"')


def test_hard_wrapped_lines_are_joined() -> None:
    article = article_from(fixture_bytes("hard_wrapped.txt"))
    assert len(article.paragraphs) == 3
    assert "additional air defense batteries to Iraq to protect bases" in article.body
    assert "\n" not in article.paragraph_texts()[0]


def test_paragraph_offsets_match_body() -> None:
    article = article_from(fixture_bytes("wire_headline.txt"))
    for (start, end), text in zip(article.paragraphs, article.paragraph_texts(), strict=True):
        assert article.body[start:end] == text
        assert text == text.strip()


def test_outlet_prefix_dateline() -> None:
    article = article_from(fixture_bytes("single_newlines.txt"))
    assert article.outlet == "Rudaw"
    assert article.body.startswith("Kurdish officials in Erbil")
    assert "Rudaw/" not in article.body


def test_place_dateline_with_agency() -> None:
    article = article_from(fixture_bytes("wire_headline.txt"))
    assert article.dateline == "BAGHDAD"
    assert article.outlet == "Reuters"
    assert article.body.startswith("Iraq's parliament voted on Sunday")


def test_place_dateline_without_agency() -> None:
    article = article_from(fixture_bytes("hard_wrapped.txt"))
    assert article.dateline == "WASHINGTON"
    assert article.outlet is None
    assert article.body.startswith("The Pentagon said")


def test_caption_with_wire_credit_is_not_body() -> None:
    article = article_from(fixture_bytes("caption_boilerplate.txt"))
    assert article.caption == "Protesters gather in Tahrir Square."
    assert article.caption_credit == "AFP"
    assert "Tahrir" not in article.body


def test_date_line_sets_publication_date() -> None:
    article = article_from(fixture_bytes("caption_boilerplate.txt"))
    assert article.published == dt.date(2019, 10, 3)
    assert article.published_derived is False
    assert "October 3, 2019" not in article.body


@pytest.mark.parametrize(
    "line, expected",
    [
        ("March 23, 2020", dt.date(2020, 3, 23)),
        ("Mar. 23, 2020", dt.date(2020, 3, 23)),
        ("Monday, March 23, 2020", dt.date(2020, 3, 23)),
        ("23 March 2020", dt.date(2020, 3, 23)),
        ("2020-03-23", dt.date(2020, 3, 23)),
        ("Published: Sept. 4, 2019 10:30 AM EST", dt.date(2019, 9, 4)),
    ],
)
def test_date_line_forms(line: str, expected: dt.date) -> None:
    article = article_from(f"{line}\n\nOfficials met in the capital on Monday to discuss the plan.\n")
    assert article.published == expected


def test_no_date_means_unknown() -> None:
    article = article_from(fixture_bytes("hard_wrapped.txt"))
    assert article.published is None
    assert article.published_derived is False


def test_impossible_date_is_not_a_date_line() -> None:
    article = article_from("February 30, 2020\n\nThe council met on Monday to discuss the plan in detail.\n")
    assert article.published is None


def test_trailing_reporting_credits() -> None:
    article = article_from(fixture_bytes("single_newlines.txt"))
    assert article.byline == ("Hemin Salih", "Dana Taib")
    assert article.credits == ("Hemin Salih reported from Erbil, and Dana Taib from Sulaimani.",)
    assert "reported from" not in article.body


def test_wire_credit_parenthesis() -> None:
    article = article_from(fixture_bytes("wire_headline.txt"))
    assert article.credits == ("(Reporting by Omar Saleh in Baghdad; Editing by Peter Graff)",)
    assert "Editing by" not in article.body


def test_leading_byline() -> None:
    article = article_from(fixture_bytes("wire_headline.txt"))
    assert article.byline == ("Jane Harlow", "Omar Saleh")
    assert "By Jane" not in article.body


def test_source_credit_and_boilerplate_kept_apart() -> None:
    article = article_from(fixture_bytes("caption_boilerplate.txt"))
    assert article.source_credit == "Al-Monitor"
    assert article.boilerplate[0] == "About Gulf Desk"
    assert "Subscribe" not in article.body and "Al-Monitor" not in article.body
    assert article.outlet == "Gulf Desk" and "outlet" in article.derived


def test_explicit_headline() -> None:
    article = article_from(fixture_bytes("wire_headline.txt"))
    assert article.title == "Iraqi parliament votes to expel foreign troops"
    assert article.title_derived is False
    assert "title" not in article.derived
    assert "expel foreign troops\n" not in article.body


def test_derived_title_ends_on_a_word() -> None:
    lede = ("The regional government announced on Tuesday a sweeping plan to rebuild roads, bridges and "
            "schools damaged in the floods that struck the northern provinces last spring.")
    title = derive_title(lede)
    assert title.endswith("\u2026")
    words = title.rstrip("\u2026").split()
    assert 6 <= len(words) <= 16
    assert lede.startswith(title.rstrip("\u2026").rstrip(","))


def test_short_lede_is_the_title() -> None:
    assert derive_title("The talks collapsed on Friday.") == "The talks collapsed on Friday"


def test_derived_title_keeps_quotes_balanced() -> None:
    title = derive_title("Officials warned of a \u201cvery serious situation,\u201d but inside the ministry a long "
                         "debate went on about whether the plan should be dropped altogether this year.")
    assert title.count("\u201c") == title.count("\u201d")


def test_body_only_paragraph_is_not_a_headline() -> None:
    parsed = parse_text("The minister resigned on Friday after weeks of protests in the capital.\n")
    assert parsed.headline is None
    assert parsed.paragraphs == ("The minister resigned on Friday after weeks of protests in the capital.",)


def test_units_record_line_numbers() -> None:
    units = split_units("\n\nHeadline here\n\nFirst paragraph.\nSecond line.\n")
    assert [(u.text, u.line) for u in units] == [("Headline here", 3), ("First paragraph.", 5), ("Second line.", 6)]


def test_whitespace_inside_lines_is_normalised_but_text_kept() -> None:
    article = article_from("Tabs\tand   spaces   stay words, and \u201ccurly quotes\u201d stay curly.\n")
    assert article.body == "Tabs and spaces stay words, and \u201ccurly quotes\u201d stay curly."
