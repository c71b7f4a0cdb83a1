"""Seed bytes -> clean Unicode text (NFC, ``\\n`` line ends), with diagnostics for what was repaired."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from archive_builder.errors import SeedError
from archive_builder.model import Diagnostic

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0/C1 control characters other than tab and line breaks are dropped from the text.
_CONTROLS = {c: None for c in range(32) if c not in (9, 10, 13)} | {0x7F: None}
_CONTROLS |= {c: None for c in range(0x80, 0xA0)}
_LINE_BREAKS = re.compile("[\f\v\u2028\u2029\x85]")
# Regular expressions instead of str.translate with a dict: many times faster on long texts.
_CONTROL_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_CONTROLS)) + "]")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    diagnostics: tuple[Diagnostic, ...] = ()


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _decode_mixed(data: bytes) -> tuple[str, int | None]:
    """UTF-8 where it is valid, cp1252 (latin-1 for its holes) byte by byte where it is not.

    Returns the text and the offset of the first byte that was not UTF-8 (None if all was)."""
    parts: list[str] = []
    pos, first_bad = 0, None
    while pos < len(data):
        try:
            parts.append(data[pos:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            bad = pos + exc.start
            parts.append(data[pos:bad].decode("utf-8"))
            first_bad = bad if first_bad is None else first_bad
            byte = data[bad : bad + 1]
            try:
                parts.append(byte.decode("cp1252"))
            except UnicodeDecodeError:
                parts.append(byte.decode("latin-1"))
            pos = bad + 1
    return "".join(parts), first_bad


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if not sample:
        return False
    nul = sample.count(b"\x00")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return nul / len(sample) > 0.01 or controls / len(sample) > 0.05


def decode_seed(data: bytes, path: str) -> Decoded:
    """Decode a seed's bytes; raises SeedError for empty or binary input."""
    if not data.strip():
        raise SeedError(path, "empty seed (no text)", hint="add the article's text or remove the file")
    diagnostics: list[Diagnostic] = []
    encoding = "utf-8"
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise SeedError(path, f"starts with a {codec} byte-order mark but is not {codec}: {exc.reason}") from exc
            encoding = codec
            if codec != "utf-8-sig":
                diagnostics.append(Diagnostic(path, f"decoded as {codec} (byte-order mark)", "warning",
                                              hint="re-save as UTF-8 to silence this"))
            break
    else:
        if _looks_binary(data):
            offset = data.find(b"\x00")
            where = f" (NUL byte at offset {offset})" if offset >= 0 else ""
            raise SeedError(path, f"binary data, not text{where}", hint="seeds must be text, HTML or Markdown files")
        text, first_bad = _decode_mixed(data)
        if first_bad is not None:
            encoding = "cp1252"
            diagnostics.append(Diagnostic(
                path, f"not UTF-8 (byte 0x{data[first_bad]:02x} at offset {first_bad}); decoded as cp1252",
                "warning", line=_line_of(data, first_bad), hint="re-save as UTF-8 to silence this"))
    return _clean(text, path, encoding, diagnostics)


def _clean(text: str, path: str, encoding: str, diagnostics: list[Diagnostic]) -> Decoded:
    text = _LINE_BREAKS.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    cleaned = _CONTROL_CHARS.sub("", text)
    if len(cleaned) != len(text):
        dropped = len(text) - len(cleaned)
        first = next(i for i, ch in enumerate(text) if ord(ch) in _CONTROLS)
        diagnostics.append(Diagnostic(path, f"dropped {dropped} control character(s) (first U+{ord(text[first]):04X})",
                                      "warning", line=text.count("\n", 0, first) + 1))
    cleaned = unicodedata.normalize("NFC", cleaned)
    if not cleaned.strip():
        raise SeedError(path, "no text after decoding", hint="the file holds only whitespace or control bytes")
    return Decoded(cleaned, encoding, tuple(diagnostics))


def decode_declared(data: bytes, path: str, encoding: str, declared_by: str) -> Decoded:
    """Decode with an encoding the file declares (an HTML page's ``<meta charset>``).

    A byte-order mark still wins, and UTF-8 goes the usual way (cp1252 fallback with a warning);
    bytes the declared encoding cannot decode become U+FFFD and are reported."""
    codec = codecs.lookup(encoding).name
    if codec.startswith(("utf-8", "utf-16", "utf-32", "utf-7")) or any(data.startswith(b) for b, _ in _BOMS):
        return decode_seed(data, path)  # a page cannot honestly declare UTF-16 in ASCII bytes; UTF-7 is never honoured
    if not data.strip():
        raise SeedError(path, "empty seed (no text)", hint="add the article's text or remove the file")
    diagnostics: list[Diagnostic] = []
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        text = data.decode(codec, errors="replace")
        diagnostics.append(Diagnostic(
            path, f"not valid {codec} as {declared_by} declares (byte 0x{data[exc.start]:02x} at offset {exc.start});"
            " undecodable bytes shown as \ufffd", "warning", line=_line_of(data, exc.start),
            hint="fix the declared charset or re-save the page as UTF-8"))
    return _clean(text, path, codec, diagnostics)
