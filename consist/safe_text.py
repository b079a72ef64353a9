"""Text from documents and file names made safe and plain, once, at the edges.

Two jobs:

* **Inert output** (``safe_line``, ``safe_path``): a file name or a sentence must not
  move the cursor, colour a terminal (ESC), ring a bell, hide text (NUL, zero-width
  characters), reorder what a reader sees (bidi overrides U+202A..U+202E, isolates
  U+2066..U+2069) or start a new line. On stderr and in CI logs a new line that begins
  with ``::`` is a GitHub workflow command (``::add-mask::``, ``::error``), so every
  message consist prints is exactly one line.
* **Clean document text** (``normalise_document_text``), applied by the readers so that
  every later stage sees the same clean text: control and format characters removed
  (a zero-width space or a right-to-left override inside "4,000" must not split it into
  "4" and "000"), numbers in compatibility forms folded (NFKC: full-width digits, a
  no-break space after a thousands comma), combining marks stuck to digits dropped.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache

# Zero-width joiner / non-joiner carry meaning inside words of some scripts (Persian,
# Indic, emoji sequences); they are kept between two letters and removed elsewhere.
_JOINERS = "\u200c\u200d"
_NEWLINES = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


@lru_cache(maxsize=1)
def _categories() -> tuple[list[str], list[str]]:
    """Controls (Cc) and format characters (Cf, joiners aside), in code point order."""
    controls: list[str] = []
    formats: list[str] = []
    for code in range(sys.maxunicode + 1):
        category = unicodedata.category(chr(code))
        if category == "Cc":
            controls.append(chr(code))
        elif category == "Cf" and chr(code) not in _JOINERS:
            formats.append(chr(code))
    return controls, formats


def _char_class(chars: list[str]) -> str:
    """A regex character class matching exactly ``chars`` (sorted), as ranges."""
    codes = sorted(ord(c) for c in chars)
    parts: list[str] = []
    start = prev = codes[0]
    for code in [*codes[1:], -1]:
        if code == prev + 1:
            prev = code
            continue
        low, high = re.escape(chr(start)), re.escape(chr(prev))
        parts.append(low if start == prev else f"{low}-{high}")
        start = prev = code
    return "[" + "".join(parts) + "]"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    controls, formats = _categories()
    separators = ["\u2028", "\u2029"]
    in_documents = [c for c in controls if c not in "\t\n"] + formats + separators
    return {
        # Controls except tab and newline, every format character (bidi, zero-width,
        # soft hyphen, BOM, invisible operators), Unicode line/paragraph separators.
        "doc_unsafe": re.compile(_char_class(in_documents)),
        "unsafe": re.compile(_char_class(controls + formats + separators)),
        "joiner_not_in_word": re.compile(rf"(?<![^\W\d_])[{_JOINERS}]|[{_JOINERS}](?![^\W\d_])"),
    }


_DIGIT_TOKEN = re.compile(r"\S*\d\S*")
# A no-break, thin or figure space used as (or after) a thousands separator.
_GROUP_SPACE = re.compile(r"(?<=\d)([,.]?)[\u00a0\u2007\u2009\u202f](?=\d{3}(?!\d))")
_MARK_AFTER_NUMBER = re.compile(
    r"(?<=[0-9,.])[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
)


def strip_unsafe(s: str, *, keep_newlines: bool = False) -> str:
    """``s`` without control, format and bidi characters (joiners kept inside words)."""
    pattern = _patterns()["doc_unsafe" if keep_newlines else "unsafe"]
    s = pattern.sub("", s)
    if any(j in s for j in _JOINERS):
        s = _patterns()["joiner_not_in_word"].sub("", s)
    return s


def safe_line(s: str) -> str:
    """One inert line for stderr or a log: line breaks become spaces, controls go."""
    for newline in _NEWLINES:
        if newline in s:
            s = s.replace(newline, " ")
    return strip_unsafe(s.replace("\t", " "))


def safe_path(path: str) -> str:
    """A file name as shown in reports and messages: controls spelled out visibly.

    ``a\\nb.txt`` is shown as ``a\\x0ab.txt`` rather than dropped, so two odd names stay
    distinguishable; ordinary names are returned unchanged.
    """
    if _patterns()["unsafe"].search(path) is None and "\t" not in path:
        return path
    out = []
    for ch in path:
        if ch == "\t" or _patterns()["unsafe"].match(ch):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def normalise_document_text(text: str) -> str:
    """Document text as every stage sees it: invisible characters out, numbers folded.

    Newlines and tabs stay (line numbers depend on them). Line counts never change.
    """
    text = strip_unsafe(text, keep_newlines=True)
    if not any(ch.isdigit() for ch in text):
        return text
    text = _MARK_AFTER_NUMBER.sub("", text)
    text = _GROUP_SPACE.sub(lambda m: m.group(1) or ",", text)
    return _DIGIT_TOKEN.sub(_fold_number_token, text)


def _fold_number_token(match: re.Match[str]) -> str:
    token = match.group(0)
    if token.isascii():
        return token
    folded = unicodedata.normalize("NFKC", token)
    # NFKC may turn a character into several, or into a space or line break (U+2028 is
    # already gone; a few compatibility forms contain spaces): never let it add lines.
    return folded.replace("\n", " ")


__all__ = ["normalise_document_text", "safe_line", "safe_path", "strip_unsafe"]
