"""Reading numbers: a small tokenizer and a parser for the ways prose writes a number.

Kept free of any notion of *what* is counted, so that it can be tested on its own:
digits with separators and decimals ("2,700", "3.5"), scale words ("1.2 million",
"12k"), number words ("twenty-one", "three hundred", "a dozen") and vague amounts
("thousands", "dozens", "several").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"\n[^\S\n]*\n\s*"  # a paragraph break: no phrase runs across it
    r"|\d+(?:,\d{3})+(?:\.\d+)?(?![\d,]*\d)"  # 2,700 / 1,234.5
    r"|\d+(?:\.\d+)?"  # 300 / 3.5
    r"|[A-Za-z]+(?:['’][A-Za-z]+)?"  # words (hyphens are tokens of their own)
    r"|[^\sA-Za-z\d]",  # any other single character
    re.ASCII,
)


def is_digits(text: str) -> bool:
    """ASCII digits only: "²" and other Unicode digits are not numbers here."""
    return bool(text) and all("0" <= c <= "9" for c in text)


@dataclass(frozen=True, slots=True)
class Token:
    """A word, number or punctuation mark with its offsets in the text."""

    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens; offsets slice back to the token text, except for a
    paragraph break, whose text is a single newline."""
    return [
        Token("\n" if m.group()[0] == "\n" else m.group(), m.start(), m.end())
        for m in _TOKEN.finditer(text)
    ]


UNITS_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "mn": 1e6, "bn": 1e9, "k": 1e3, "m": 1e6, "b": 1e9, "mln": 1e6, "bln": 1e9,
}  # fmt: skip
# Suffix scales only count when glued to the digits ("12k", "5bn"), never as words.
_GLUED_ONLY = {"k", "m", "b", "mn", "bn", "mln", "bln"}

# Vague amounts as intervals. "thousands" is [2000, 9999] as the issue defines it: the
# plural says at least two thousand and that the writer did not reach for "tens of".
VAGUE: dict[str, tuple[float, float]] = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999),
    "thousands": (2000, 9999), "millions": (2e6, 9.99e6), "billions": (2e9, 9.99e9),
    "several": (3, 9), "tens of thousands": (20000, 99999),
    "hundreds of thousands": (200000, 999999), "tens of millions": (2e7, 9.99e7),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number read from tokens ``[first, last]`` (inclusive).

    ``step`` is the magnitude of the last significant digit written ("4,000" -> 1000,
    "2,700" -> 100, "3.5" -> 0.1); approximate wording widens by it. ``form`` is
    ``digits``, ``words`` or ``vague``; vague amounts carry their interval.
    """

    value: float
    first: int
    last: int
    step: float
    form: str
    low: float = math.nan
    high: float = math.nan


def _digits_step(text: str) -> float:
    """Magnitude of the last significant digit of a digit string."""
    plain = text.replace(",", "")
    if "." in plain:
        return float(10 ** -len(plain.split(".")[1]))
    stripped = plain.rstrip("0")
    return float(10 ** (len(plain) - len(stripped))) if stripped else 1.0


def _glued(tokens: list[Token], i: int) -> bool:
    """Whether token ``i`` touches token ``i - 1`` with no space between."""
    return i > 0 and tokens[i - 1].end == tokens[i].start


def _scale_after(tokens: list[Token], i: int) -> tuple[float, int]:
    """A scale word at ``i`` ("million", or glued "k"), as (factor, tokens used)."""
    if i >= len(tokens):
        return 1.0, 0
    word = tokens[i].low
    if word in SCALE_WORDS and (word not in _GLUED_ONLY or _glued(tokens, i)):
        if word == "hundred" and i + 1 < len(tokens) and tokens[i + 1].low == "thousand":
            return 1e5, 2
        return SCALE_WORDS[word], 1
    return 1.0, 0


def parse_digits(tokens: list[Token], i: int) -> NumberMatch | None:
    """Digits at ``i``, with an optional scale word: "2,700", "1.2 million", "12k"."""
    tok = tokens[i]
    if not is_digits(tok.text[0]):
        return None
    value = float(tok.text.replace(",", ""))
    step = _digits_step(tok.text)
    factor, used = _scale_after(tokens, i + 1)
    return NumberMatch(value * factor, i, i + used, step * factor, "digits")


def _word_value(word: str) -> int | None:
    if word in UNITS_WORDS:
        return UNITS_WORDS[word]
    return TENS_WORDS.get(word)


def parse_words(tokens: list[Token], i: int) -> NumberMatch | None:
    """Number words at ``i``: "two", "twenty-one", "three hundred", "a dozen"."""
    low = tokens[i].low
    if low in ("a", "one", "half") and i + 1 < len(tokens) and tokens[i + 1].low == "dozen":
        value = 6.0 if low == "half" else 12.0
        return NumberMatch(value, i, i + 1, 1.0, "words")
    if (
        low == "a"
        and i + 1 < len(tokens)
        and tokens[i + 1].low in ("hundred", "thousand", "million", "billion")
    ):
        value = SCALE_WORDS[tokens[i + 1].low]
        return NumberMatch(value, i, i + 1, value, "words")
    if low == "dozen":
        return NumberMatch(12.0, i, i, 1.0, "words")
    first = _word_value(low)
    if first is None:
        return None
    total, current, j = 0.0, float(first), i
    while j + 1 < len(tokens):
        nxt = tokens[j + 1].low
        if low in TENS_WORDS and nxt == "-" and j + 2 < len(tokens):
            unit = UNITS_WORDS.get(tokens[j + 2].low)
            if unit is not None and 0 < unit < 10 and current % 10 == 0 and current < 100:
                current += unit
                j += 2
                continue
        if nxt == "-" and j + 2 < len(tokens) and tokens[j + 2].low in ("hundred", "thousand"):
            j += 1  # "eight-hundred", "ten-thousand"
            nxt = tokens[j + 1].low
        if nxt in SCALE_WORDS and nxt not in _GLUED_ONLY:
            current *= SCALE_WORDS[nxt]
            if SCALE_WORDS[nxt] >= 1e3:
                total, current = total + current, 0.0
            j += 1
            low = nxt
            continue
        # "two thousand five hundred", "three hundred and twenty": a smaller part follows
        k = j + 2 if nxt == "and" and low == "hundred" else j + 1
        after = _word_value(tokens[k].low) if k < len(tokens) else None
        if after is not None and low in SCALE_WORDS and after < SCALE_WORDS[low]:
            current += after
            j, low = k, tokens[k].low
            continue
        break
    value = total + current
    step = 10.0 ** math.floor(math.log10(value)) if value >= 100 else 1.0
    return NumberMatch(value, i, j, step, "words")


def parse_vague(tokens: list[Token], i: int) -> NumberMatch | None:
    """Vague amounts: "thousands", "tens of thousands", "several"."""
    low = tokens[i].low
    if i + 2 < len(tokens) and tokens[i + 1].low == "of":
        phrase = f"{low} of {tokens[i + 2].low}"
        if phrase in VAGUE:
            lo, hi = VAGUE[phrase]
            return NumberMatch(lo, i, i + 2, lo, "vague", lo, hi)
    if low in VAGUE:
        lo, hi = VAGUE[low]
        return NumberMatch(lo, i, i, lo, "vague", lo, hi)
    return None


def parse_number(tokens: list[Token], i: int) -> NumberMatch | None:
    """Any number form starting at token ``i``, or None."""
    return parse_digits(tokens, i) or parse_words(tokens, i) or parse_vague(tokens, i)
