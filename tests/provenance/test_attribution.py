"""Attributions: each form, resolution of ``it said``, and what is not an outlet."""

from __future__ import annotations

from archive_builder.provenance.attribution import find, looks_like_outlet

from .helpers import make_article


def claims(body: str, **fields: object) -> list[tuple[str, str, str]]:
    article = make_article("a1", body, outlet=fields.pop("outlet", "Harbour Gazette"), **fields)
    return [(f.name, f.attribution.kind, f.attribution.evidence.text) for f in find(article, frozenset())]


def test_according_to_with_evidence_sentence_and_offsets() -> None:
    body = "Talks resumed on Monday. According to the Washington Post, the envoy left early.\n\nNo more."
    article = make_article("a1", body, outlet="Harbour Gazette")
    [found] = find(article, frozenset())
    ev = found.attribution.evidence
    assert (found.name, found.attribution.kind, found.attribution.outlet) == ("The Washington Post", "according-to",
                                                                              "washington-post")
    assert ev.text == "According to the Washington Post, the envoy left early."
    assert body[ev.start : ev.end] == ev.text


def test_reported_and_quoted_forms() -> None:
    body = ("\u201cThe port will reopen,\u201d The Basra Times reported.\n\n"
            "Al Jazeera quoted local officials as saying the border was closed.")
    assert claims(body) == [
        ("The Basra Times", "reported", "\u201cThe port will reopen,\u201d The Basra Times reported."),
        ("Al Jazeera", "quoted", "Al Jazeera quoted local officials as saying the border was closed."),
    ]


def test_it_said_resolves_to_the_last_named_source() -> None:
    body = ("Reuters reported that talks had stalled. The Gulf News said the envoy had left.\n\n"
            "Both sides traded blame, it said.")
    found = claims(body)
    assert found[-1] == ("The Gulf News", "it-said", "Both sides traded blame, it said.")


def test_it_said_with_no_named_source_is_not_an_attribution() -> None:
    assert claims("The ministry met on Sunday. The plan is sound, it said.") == []


def test_interviews_officials_people_and_government_bodies_are_not_outlets() -> None:
    body = ("This article is based on interviews with two dozen officials. According to American officials, "
            "the strike was limited. The State Department said the talks would go on. According to people "
            "who have reviewed the plan, it is costly. The White House Press Secretary said nothing.")
    assert claims(body) == []
    assert not looks_like_outlet("White House Press Secretary", frozenset())
    assert looks_like_outlet("Reuters", frozenset())


def test_credit_line_is_a_text_source_and_caption_credit_a_photo_credit() -> None:
    found = find(make_article("a1", "Some text here.", outlet="Track Port", source_credit="Asharq Al-Awsat",
                              caption="A ship.", caption_credit="Reuters"), frozenset())
    kinds = {(f.name, f.attribution.kind, f.attribution.text_source) for f in found}
    assert kinds == {("Asharq Al-Awsat", "credit-line", True), ("Reuters", "photo-credit", False)}
    credit = next(f for f in found if f.attribution.kind == "credit-line")
    assert credit.attribution.evidence.field == "source_credit"


def test_an_outlet_naming_itself_is_not_a_source() -> None:
    assert claims("According to the Harbour Gazette, the ferry sank.", outlet="Harbour Gazette") == []


def test_known_archive_outlets_count_even_without_a_cue_word() -> None:
    article = make_article("a1", "Shafaq reported that the dam burst.", outlet="Other")
    assert find(article, frozenset()) == []
    assert [f.name for f in find(article, frozenset({"shafaq"}))] == ["Shafaq"]
