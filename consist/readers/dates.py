"""Publication dates in the forms publishers write them, normalised to ISO.

Consist compares claims by date, so every document date becomes ``YYYY-MM-DD``, or
``YYYY-MM`` when only the month is known. A date-time keeps the calendar day as written
in its own time zone ("2014-01-12T23:30:00-05:00" is the 12th): that is the day the
reader of the article saw on it. Ambiguous forms such as "01/02/2014" are not guessed.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}

_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_TAIL = r"(?:[\sT,].*)?$"
_ISO_DAY = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TAIL, re.DOTALL)
_COMPACT_DAY = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T.*)?$", re.DOTALL)
_ISO_MONTH = re.compile(r"^(\d{4})[-/](\d{1,2})$")
_MONTH_DAY_YEAR = re.compile(
    r"^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})" + _TAIL,
    re.IGNORECASE | re.DOTALL,
)
_DAY_MONTH_YEAR = re.compile(
    r"^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?,?\s+(\d{4})" + _TAIL,
    re.IGNORECASE | re.DOTALL,
)
_MONTH_YEAR = re.compile(r"^([a-z]{3,9})\.?,?\s+(\d{4})$", re.IGNORECASE)

# Epoch timestamps in JSON exports: seconds from 2001 on, or milliseconds. Smaller
# numbers are more likely years or counts than instants.
_EPOCH_SECONDS_MIN = 978_307_200
_EPOCH_MILLIS_MIN = 100_000_000_000


def normalise_date(value: object) -> str | None:
    """``YYYY-MM-DD`` / ``YYYY-MM`` for a date-like value, or None if it is not one."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _from_epoch(value)
    if isinstance(value, str):
        return _from_text(" ".join(value.split()))
    return None


def _from_text(text: str) -> str | None:
    text = _WEEKDAY.sub("", text)
    for pattern in (_ISO_DAY, _COMPACT_DAY):
        match = pattern.match(text)
        if match:
            return _day(match.group(1), match.group(2), match.group(3))
    match = _ISO_MONTH.match(text)
    if match:
        return _month(match.group(1), match.group(2))
    match = _MONTH_DAY_YEAR.match(text)
    if match:
        return _day(match.group(3), _MONTHS.get(match.group(1).lower()), match.group(2))
    match = _DAY_MONTH_YEAR.match(text)
    if match:
        return _day(match.group(3), _MONTHS.get(match.group(2).lower()), match.group(1))
    match = _MONTH_YEAR.match(text)
    if match:
        return _month(match.group(2), _MONTHS.get(match.group(1).lower()))
    return None


def _day(year: str, month: str | int | None, day: str) -> str | None:
    if month is None:
        return None
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _month(year: str, month: str | int | None) -> str | None:
    if month is None or not 1 <= int(month) <= 12 or int(year) < 1:
        return None
    return f"{int(year):04d}-{int(month):02d}"


def _from_epoch(value: float) -> str | None:
    if value != value or value < _EPOCH_SECONDS_MIN:  # NaN, or too small to be an instant
        return None
    seconds = value / 1000 if value >= _EPOCH_MILLIS_MIN else value
    try:
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return None
