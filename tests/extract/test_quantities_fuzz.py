"""Properties of the quantity extractor on arbitrary and number-heavy text.

Whatever the text, extraction must not fail, every interval must hold its value, and
every span must slice back to the quantity's text: findings quote these spans.
"""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from consist.extract.quantities import extract_quantities
from consist.types import DateMention, Quantity

WORDS = [
    "about", "over", "more", "than", "at", "least", "under", "between", "and", "to", "or",
    "so", "nearly", "up", "two", "twenty", "-", "one", "hundred", "thousand", "million",
    "a", "dozen", "thousands", "of", "soldiers", "killed", "injured", "%", "percent", "$",
    "square", "miles", "km", "years", "old", ",", ".", "(", ")", "Ri", "North", "Korean",
    "since", "January", "2025", "1,200", "3.5", "12k", "300", "0", "KN-23", "68th", "not",
    "were", "sent", "expected", "remain", "casualties", "respectively", ":", "p.m.",
]  # fmt: skip

number_heavy = st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)
anything = st.text(max_size=200)


def _check(text: str, found: tuple[Quantity, ...]) -> None:
    for q in found:
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.low <= q.value <= q.high, q
        assert not math.isnan(q.value)


@settings(max_examples=150, deadline=None)
@given(anything)
def test_any_text(text: str) -> None:
    _check(text, extract_quantities(text))


@settings(max_examples=300, deadline=None)
@given(number_heavy)
def test_number_heavy_text(text: str) -> None:
    _check(text, extract_quantities(text))


@settings(max_examples=100, deadline=None)
@given(number_heavy, st.integers(0, 200), st.integers(0, 40))
def test_with_date_mentions(text: str, start: int, length: int) -> None:
    start = min(start, len(text))
    end = min(len(text), start + length)
    mention = DateMention(text[start:end], start, end, "2025-01-01", "2025-01-31", "month")
    found = extract_quantities(text, dates=(mention,), published="2025-02-01")
    _check(text, found)
    for q in found:
        if not q.derived:
            assert not (start < q.start < end and start < q.end - 1 < end)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 10**9))
def test_digits_read_back(n: int) -> None:
    text = f"{n:,} people were sent."
    found = extract_quantities(text)
    if 1800 <= n <= 2100:
        return
    assert [q.value for q in found] == [n]
