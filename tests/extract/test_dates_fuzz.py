"""Property tests: date extraction never crashes and always returns well-formed mentions."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consist.extract.dates import (
    extract_dates,
    extract_events,
    resolution_is_stable,
)

# Words that exercise the patterns, mixed with arbitrary text.
_VOCAB = [
    "in", "on", "since", "the", "last", "this", "next", "year", "month", "week", "early",
    "mid", "late", "mid-", "January", "Feb.", "Mar.", "Sept.", "December", "Monday",
    "Friday", "Thursday", "(local time)", "yesterday", "today", "ago", "two", "a", "31",
    "30", "29", "0", "1950-1953", "1950s", "2024", "2025-01-13", "2025-02-30", "9999",
    "between", "and", "over", "past", "coming", "months", "days", "captured", "capture",
    "sent", "soldiers", "interview", "defected", "confirmed", "was", "not", "will", ",",
    ".", "taken", "prisoner", "of", "end", "'s", "summer", "winter", "as", "by",
]  # fmt: skip
_PUBLISHED = st.one_of(
    st.none(),
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat()[:7]),
    st.sampled_from(["2025-02-23", "2025-02", "0001-01-01", "9999-12-31", "junk", ""]),
)
_TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(_VOCAB), max_size=25).map(" ".join),
)
_FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FAST
@given(text=_TEXT, published=_PUBLISHED, approx=st.booleans())
def test_mentions_are_well_formed(text: str, published: str | None, approx: bool) -> None:
    mentions = extract_dates(text, published, approx=approx)
    last_end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.first <= m.last
        assert m.precision in {"day", "week", "month", "season", "year", "decade", "range"}
        assert m.start >= last_end  # ordered, not overlapping
        last_end = m.end
        if published is None:
            assert not m.relative
        assert isinstance(resolution_is_stable(text, m, published), bool)


@_FAST
@given(text=_TEXT, published=_PUBLISHED, approx=st.booleans())
def test_events_use_the_given_mentions(text: str, published: str | None, approx: bool) -> None:
    mentions = extract_dates(text, published, approx=approx)
    for key, m in extract_events(text, mentions):
        assert key and m in mentions


@_FAST
@given(text=st.text(max_size=80), start=st.integers(-5, 100), end=st.integers(-5, 100))
def test_events_survive_bad_spans(text: str, start: int, end: int) -> None:
    from consist.types import DateMention

    bogus = DateMention("x", start, end, "2025-01-01", "2025-01-02", "day")
    extract_events(text, (bogus,))
