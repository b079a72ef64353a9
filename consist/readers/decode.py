"""Bytes to text: byte-order marks, legacy encodings and binary detection.

Documents collected from the web and from old archives come in every encoding. We never
guess with a statistical detector (non-deterministic across versions); the order is
fixed: a BOM wins, then strict UTF-8, then Windows-1252 (what "latin-1" web pages
usually are), then ISO-8859-1, which decodes any byte and so never fails.
"""

from __future__ import annotations

import codecs

from consist.readers.common import Unusable, normalise_newlines

# UTF-32 first: its little-endian BOM begins with the UTF-16 one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Text never has more than a sprinkling of control characters; executables, images and
# compressed data are full of them. One in ten is far above any real text we have seen.
_CONTROL_SHARE = 0.10
_SAMPLE_CHARS = 65_536
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")


def decode(data: bytes) -> str:
    """Decode a file's bytes and normalise newlines; raise ``Unusable`` for binary data."""
    text = _decode_with_bom(data)
    if text is None:
        if b"\x00" in data:
            raise Unusable("binary file (contains NUL bytes), not text")
        text = _decode_legacy(data)
    if looks_binary(text):
        raise Unusable("binary file (mostly control characters), not text")
    return normalise_newlines(text)


def _decode_with_bom(data: bytes) -> str | None:
    """Text of a file that starts with a byte-order mark, else None.

    Invalid sequences after a BOM are replaced rather than refused: the BOM says the
    author meant text, so a damaged character should not cost the whole document.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    return None


def _decode_legacy(data: bytes) -> str:
    for codec in ("utf-8", "cp1252"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def looks_binary(text: str) -> bool:
    """True when control characters (other than whitespace) are too common for text."""
    sample = text[:_SAMPLE_CHARS]
    if not sample:
        return False
    controls = sum(1 for char in sample if _is_control(char))
    return controls / len(sample) > _CONTROL_SHARE


def _is_control(char: str) -> bool:
    code = ord(char)
    if code < 32:
        return char not in _TEXT_CONTROLS
    return 0x7F <= code <= 0x9F
