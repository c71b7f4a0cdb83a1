"""Decoding seeds: encodings, line ends, NFC, and rejecting what is not text."""

from __future__ import annotations

import unicodedata

import pytest

from archive_builder.errors import SeedError
from archive_builder.ingest.decode import decode_seed
from tests.support import article_from, fixture_bytes


def test_utf8_passes_unchanged() -> None:
    decoded = decode_seed("Caf\u00e9 \u201cquoted\u201d\n".encode(), "seeds/a.txt")
    assert decoded.text == "Caf\u00e9 \u201cquoted\u201d\n"
    assert decoded.diagnostics == ()


def test_cp1252_is_decoded_with_a_warning_naming_byte_offset_and_line() -> None:
    decoded = decode_seed(fixture_bytes("cp1252_quotes.txt"), "seeds/cp.txt")
    assert decoded.text.startswith("Tehran\u2019s envoy said talks would resume \u201csoon\u201d")
    [warning] = decoded.diagnostics
    assert warning.severity == "warning"
    assert warning.format() == ("WARNING seeds/cp.txt:1: not UTF-8 (byte 0x92 at offset 6); decoded as cp1252"
                                " - re-save as UTF-8 to silence this")


def test_mixed_utf8_and_cp1252() -> None:
    data = "Caf\u00e9 ".encode() + b"\x93quoted\x94\n"
    decoded = decode_seed(data, "seeds/m.txt")
    assert decoded.text == "Caf\u00e9 \u201cquoted\u201d\n"


def test_bom_and_crlf_and_lone_cr() -> None:
    decoded = decode_seed(b"\xef\xbb\xbfOne line.\r\nTwo line.\rThree.", "seeds/b.txt")
    assert decoded.text == "One line.\nTwo line.\nThree."


def test_utf16_with_bom() -> None:
    decoded = decode_seed("Hello world.\n".encode("utf-16"), "seeds/u16.txt")
    assert decoded.text == "Hello world.\n"
    assert decoded.diagnostics[0].severity == "warning"


def test_nfc_normalisation() -> None:
    decomposed = unicodedata.normalize("NFD", "Attach\u00e9 met the envoy in Montr\u00e9al on Friday.")
    article = article_from(decomposed)
    assert article.body == "Attach\u00e9 met the envoy in Montr\u00e9al on Friday."


@pytest.mark.parametrize("data", [b"", b"   \n\n\t  \n"])
def test_empty_is_rejected(data: bytes) -> None:
    with pytest.raises(SeedError) as info:
        decode_seed(data, "seeds/empty.txt")
    assert str(info.value).startswith("ERROR seeds/empty.txt: empty seed")


def test_binary_is_rejected_with_offset() -> None:
    data = bytes(range(256)) * 4
    with pytest.raises(SeedError) as info:
        decode_seed(data, "seeds/bin.txt")
    assert "binary data, not text (NUL byte at offset 0)" in str(info.value)


def test_stray_control_characters_are_dropped_with_a_warning() -> None:
    decoded = decode_seed(b"Text with a bell\x07 inside and more words to make it text.\n", "seeds/c.txt")
    assert decoded.text == "Text with a bell inside and more words to make it text.\n"
    assert "dropped 1 control character(s) (first U+0007)" in decoded.diagnostics[0].message
