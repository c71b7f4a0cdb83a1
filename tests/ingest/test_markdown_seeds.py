"""Markdown seeds: front matter with the override keys, body Markdown read as plain paragraphs."""

from __future__ import annotations

import datetime as dt

from archive_builder.ingest.overrides import Overrides
from tests.ingest.helpers import ingest_bytes

BODY = "The harbour master said on Monday that the channel would reopen within a week.\n"


def md(front: str, body: str = BODY) -> bytes:
    return f"---\n{front}---\n\n{body}".encode()


def test_front_matter_keys_are_the_override_keys() -> None:
    front = (
        "title: Channel to reopen within a week\n"
        "outlet: Port Ledger\n"
        "published: 2021-04-12\n"
        "modified: 2021-04-13\n"
        "byline: [Ada Brennan, Olu Adeyemi]\n"
        "credits: Editing by Kim Sato\n"
        "caption: The dredger at work\n"
        "caption_credit: Port Ledger\n"
        "dateline: KESTON\n"
        "source_credit: Port Ledger\n"
        "url: https://portledger.example/channel\n"
        "language: en\n"
        "notes: Transcribed from the print edition.\n"
    )
    result = ingest_bytes("ledger.md", md(front))
    assert result.diagnostics == ()
    article = result.article
    assert article is not None
    assert article.format == "markdown"
    assert article.title == "Channel to reopen within a week" and not article.title_derived
    assert article.outlet == "Port Ledger"
    assert (article.published, article.modified) == (dt.date(2021, 4, 12), dt.date(2021, 4, 13))
    assert article.byline == ("Ada Brennan", "Olu Adeyemi")
    assert article.credits == ("Editing by Kim Sato",)
    assert (article.caption, article.caption_credit) == ("The dredger at work", "Port Ledger")
    assert article.dateline == "KESTON" and article.source_credit == "Port Ledger"
    assert article.url == "https://portledger.example/channel" and article.language == "en"
    assert article.notes == "Transcribed from the print edition."
    assert article.overridden == () and article.derived == ()
    assert article.body == BODY.strip()


def test_unknown_key_is_reported_like_an_override_with_file_line_and_near_miss() -> None:
    result = ingest_bytes("typo.md", md("title: Channel to reopen\ntitel: oops\npubished: 2021-04-12\n"))
    assert result.article is not None and result.article.title == "Channel to reopen"
    messages = [(d.path, d.line, d.severity, d.message, d.hint) for d in result.diagnostics]
    assert messages == [
        ("seeds/typo.md", 3, "error", "unknown key 'titel'", "did you mean 'title'?"),
        ("seeds/typo.md", 4, "error", "unknown key 'pubished'", "did you mean 'published'?"),
    ]


def test_bad_value_names_the_key_and_line_and_is_skipped() -> None:
    result = ingest_bytes("bad.md", md("title: Fine\npublished: next tuesday\nurl: javascript:alert(1)\n"))
    assert result.article is not None and result.article.published is None and result.article.url is None
    assert [(d.line, d.message.split(":")[0]) for d in result.diagnostics] == [
        (3, "bad value for 'published'"), (4, "bad value for 'url'")]


def test_invalid_yaml_is_an_error_with_its_line_and_the_body_is_still_read() -> None:
    result = ingest_bytes("broken.md", md("title: Fine\nbyline: [unclosed\n"))
    assert result.article is not None and result.article.body == BODY.strip()
    (error,) = result.diagnostics
    assert error.path == "seeds/broken.md" and error.severity == "error" and "not valid YAML" in error.message
    assert error.line is not None and error.line >= 3


def test_exclude_in_front_matter_leaves_the_seed_out() -> None:
    result = ingest_bytes("gone.md", md("exclude: true\n"))
    assert result.article is None
    assert [(d.severity, d.message) for d in result.diagnostics] == [("info", "excluded by the curator (exclude: true)")]


def test_markdown_syntax_becomes_plain_text_and_structure() -> None:
    body = (
        "# Channel to reopen within a week\n\n"
        "KESTON (Port Ledger) - The *harbour master* said on **Monday** that the [channel](https://x.example) "
        "would reopen `soon`, and that\nshipping could resume.\n\n"
        "## Dredging\n\n"
        "> We expect the first ships by the weekend.\n\n"
        "1. Survey the channel.\n2. Clear the silt.\n\n"
        "An image ![alt text](pic.png) and raw <span class=\"x\">inline</span> HTML <script>alert(1)</script>here.\n\n"
        "<div onclick=\"alert(2)\">\n<p>A raw HTML block paragraph.</p>\n<script>alert(3)</script>\n</div>\n"
    )
    article = ingest_bytes("plain.md", body.encode()).article
    assert article is not None
    assert article.title == "Channel to reopen within a week"
    assert article.outlet == "Port Ledger" and article.dateline == "KESTON"
    assert article.paragraph_texts() == (
        "The harbour master said on Monday that the channel would reopen soon, and that shipping could resume.",
        "Dredging",
        "We expect the first ships by the weekend.",
        "Survey the channel.",
        "Clear the silt.",
        "An image and raw inline HTML here.",
        "A raw HTML block paragraph.",
    )
    assert article.paragraph_kinds == ("paragraph", "heading", "quote", "list-item", "list-item", "paragraph",
                                       "paragraph")
    assert "alert" not in article.body


def test_without_front_matter_the_plain_text_rules_find_the_headline_and_byline() -> None:
    body = "Keston Harbour channel to reopen within a week\n\nBy Ada Brennan\n\n" + BODY + "\nReporting by Ada Brennan; Editing by Kim Sato\n"
    article = ingest_bytes("bare.md", body.encode()).article
    assert article is not None
    assert article.title == "Keston Harbour channel to reopen within a week"
    assert article.byline == ("Ada Brennan",)
    assert article.credits == ("Reporting by Ada Brennan; Editing by Kim Sato",)
    assert article.body == BODY.strip()


def test_override_file_beside_a_markdown_seed_still_wins() -> None:
    overrides = Overrides("seeds/ledger.yml", (("title", "Curated title"),))
    article = ingest_bytes("ledger.md", md("title: Stated title\n"), overrides).article
    assert article is not None
    assert article.title == "Curated title" and article.overridden == ("title",)


def test_front_matter_only_is_a_diagnostic() -> None:
    result = ingest_bytes("empty.md", md("title: Nothing below\n", body=""))
    assert result.article is None
    (error,) = result.diagnostics
    assert error.path == "seeds/empty.md" and "no body text" in error.message


def test_raw_html_links_and_short_lines_are_kept_in_a_transcription() -> None:
    body = 'Share\n\n<a href="https://x.example">The whole paragraph is a link to the minutes.</a>\n\n' + BODY
    article = ingest_bytes("links.md", body.encode()).article
    assert article is not None
    assert article.paragraph_texts()[:2] == ("Share", "The whole paragraph is a link to the minutes.")
