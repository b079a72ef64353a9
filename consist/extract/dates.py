"""Claim text -> date mentions resolved against the document date, and dated events.

Everything here is regular expressions over the claim text: no model is loaded, so the
features of a whole corpus cost milliseconds and the results are deterministic.

A mention is an interval ``[first, last]`` of ISO dates. Absolute dates ("January 12,
2014", "2025-01-13", "the 1950s") resolve on their own; relative ones ("last year",
"Friday", "in January") need the document date and are skipped without one. News
convention decides the direction of an underspecified date: "in January" and "Friday"
are the most recent ones on or before the document date, unless the clause speaks of
the future ("will", "next", "expected").

An approximate document date (``approx=True``) is trusted only as far as its precision
allows (DECISIONS.md): a weekday against it becomes a window of a week either side,
while month-level expressions ("last month", "in January") still resolve against its
nominal month.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from consist.types import DateMention

__all__ = [
    "DocDate",
    "describe",
    "extract_dates",
    "event_phrase",
    "extract_events",
    "parse_published",
    "resolution_is_stable",
]

# ---------------------------------------------------------------------------------------
# Reference date
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocDate:
    """The document date: a nominal day, and the window the true date may lie in."""

    day: date  # nominal day (the 15th for a month-precision date)
    lo: date  # earliest day the document may have been written
    hi: date  # latest day
    exact: bool  # a known day, not approximate
    month_only: bool = False  # published as YYYY-MM

    @property
    def now(self) -> date:
        """Where "since ..." and "the past two months" end: the day, or the month's end."""
        return _month_bounds(self.year, self.month)[1] if self.month_only else self.day

    @property
    def year(self) -> int:
        return self.day.year

    @property
    def month(self) -> int:
        return self.day.month


_APPROX_DAYS = 7  # how far an approximate document date may be off, either way
_MIN_YEAR, _MAX_YEAR = 1000, 2199  # years read as dates; "2,500" soldiers are not one


def parse_published(published: str | None, approx: bool = False) -> DocDate | None:
    """Read ``YYYY-MM-DD`` or ``YYYY-MM``; anything else (or None) gives None."""
    if not published:
        return None
    m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\s*", published)
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None  # not a plausible document date; arithmetic near year 1 overflows
    try:
        if m.group(3):
            day = date(year, month, int(m.group(3)))
            pad = timedelta(days=_APPROX_DAYS if approx else 0)
            return DocDate(day, day - pad, day + pad, not approx)
        first, last = _month_bounds(year, month)
        pad = timedelta(days=_APPROX_DAYS if approx else 0)
        return DocDate(date(year, month, 15), first - pad, last + pad, False, month_only=True)
    except (ValueError, OverflowError):
        return None


# ---------------------------------------------------------------------------------------
# Calendar helpers
# ---------------------------------------------------------------------------------------


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _add_months(d: date, n: int) -> date:
    index = d.year * 12 + d.month - 1 + n
    year, month = divmod(index, 12)
    day = min(d.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


def _month_third(year: int, month: int, part: str) -> tuple[date, date]:
    """Early = 1-10, mid = 11-20, late = 21 to the month's end."""
    first, last = _month_bounds(year, month)
    if part == "early":
        return first, first.replace(day=10)
    if part == "mid":
        return first.replace(day=11), first.replace(day=20)
    return first.replace(day=21), last


def _year_third(year: int, part: str) -> tuple[date, date]:
    """Early = Jan-Apr, mid = May-Aug, late = Sep-Dec."""
    start = {"early": 1, "mid": 5, "late": 9}[part]
    return date(year, start, 1), _month_bounds(year, start + 3)[1]


def _precision_of(first: date, last: date) -> str:
    days = (last - first).days + 1
    if days <= 1:
        return "day"
    if days <= 16:
        return "week"
    if days <= 45:
        return "month"
    return "range"


# ---------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
# Full names, or abbreviations with their period: a bare "Jan" is as often a name.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_NUM = r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2}|21[0-9]{2})"
_PART = r"(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)"
_PARTS = {"beginning": "early", "start": "early", "middle": "mid", "end": "late"}
# "by 2000 people", "in 1500 cases": a count, not a year.
_COUNTED = (
    r"(?i:people|persons|soldiers|troops|men|women|children|residents|votes|cases|deaths|"
    r"times|units|homes|houses|km|kilometers|kilometres|miles|meters|metres|dollars|euros|"
    r"won|percent|per\s+cent|of\s+(?:them|the|those))\b"
)
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
# A clause that speaks of the future resolves "in March" or "Monday" forwards.
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|next|upcoming|coming|scheduled|expected|plans?|planned|due|set to|"
    r"is to|are to|would be held)\b",
    re.IGNORECASE,
)


def _month_no(token: str) -> int:
    return _MONTHS[token.lower().rstrip(".")]


def _part_of(words: str) -> str:
    """ "early" / "mid" / "late" for "early", "the beginning of", "the end of", ..."""
    for word in words.lower().split():
        if word in ("early", "mid", "late"):
            return word
        if word in _PARTS:
            return _PARTS[word]
    return "mid"


def _number(token: str) -> int:
    token = token.lower()
    return _NUMBERS[token] if token in _NUMBERS else int(token)


# ---------------------------------------------------------------------------------------
# Candidate matching
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    first: date
    last: date
    precision: str
    relative: bool


@dataclass(frozen=True)
class _Ctx:
    text: str
    ref: DocDate | None

    def future(self, start: int) -> bool:
        """Does the clause before ``start`` speak of the future?"""
        head = self.text[max(0, start - 60) : start]
        head = re.split(r"[.;!?]\s", head)[-1]
        return bool(_FUTURE_CUE.search(head))


_Handler = Callable[[re.Match[str], _Ctx], "_Hit | None"]
_PATTERNS: list[tuple[re.Pattern[str], _Handler]] = []


def _pattern(regex: str) -> Callable[[_Handler], _Handler]:
    """Register a handler for a regular expression (tried in every text)."""

    def register(fn: _Handler) -> _Handler:
        _PATTERNS.append((re.compile(regex), fn))
        return fn

    return register


def _hit(
    m: re.Match[str], first: date, last: date, precision: str, relative: bool, group: int = 0
) -> _Hit | None:
    if first > last:
        return None
    return _Hit(m.start(group), m.end(group), first, last, precision, relative)


def _month_year_for(month: int, ctx: _Ctx, start: int) -> int | None:
    """The year of a month named without one: past by default, forward for the future."""
    if ctx.ref is None:
        return None
    ref = ctx.ref
    if ctx.future(start):
        return ref.year if month >= ref.month else ref.year + 1
    return ref.year if month <= ref.month else ref.year - 1


def _day_year_for(month: int, day: int, ctx: _Ctx) -> int | None:
    """The year of "Feb. 19": whichever year puts it closest to the document date."""
    if ctx.ref is None:
        return None
    best: tuple[int, int] | None = None
    for year in (ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1):
        try:
            gap = abs((date(year, month, day) - ctx.ref.day).days)
        except ValueError:
            continue
        if best is None or gap < best[0]:
            best = (gap, year)
    return None if best is None else best[1]


@_pattern(rf"\b({_YEAR})-(\d\d)-(\d\d)\b")
def _iso(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return _hit(m, d, d, "day", False)


@_pattern(rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+({_YEAR})\b")
def _month_day_year(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    d = date(int(m.group(3)), _month_no(m.group(1)), int(m.group(2)))
    return _hit(m, d, d, "day", False)


@_pattern(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH}),?\s+({_YEAR})\b")
def _day_month_year(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    d = date(int(m.group(3)), _month_no(m.group(2)), int(m.group(1)))
    return _hit(m, d, d, "day", False)


@_pattern(rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?![.,]?\d)")
def _month_day(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    month, day = _month_no(m.group(1)), int(m.group(2))
    year = _day_year_for(month, day, ctx)
    if year is None:
        return None
    d = date(year, month, day)
    return _hit(m, d, d, "day", True)


@_pattern(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})(?!\s*,?\s*\d)")
def _day_month(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    month, day = _month_no(m.group(2)), int(m.group(1))
    year = _day_year_for(month, day, ctx)
    if year is None:
        return None
    d = date(year, month, day)
    return _hit(m, d, d, "day", True)


@_pattern(rf"\b({_MONTH}),?\s+({_YEAR})\b")
def _month_year(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    first, last = _month_bounds(int(m.group(2)), _month_no(m.group(1)))
    return _hit(m, first, last, "month", False)


@_pattern(rf"\b({_PART})[\s-]+({_MONTH})(?:,?\s+({_YEAR})\b)?")
def _part_month(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    month = _month_no(m.group(2))
    year = int(m.group(3)) if m.group(3) else _month_year_for(month, ctx, m.start())
    if year is None:
        return None
    first, last = _month_third(year, month, _part_of(m.group(1)))
    return _hit(m, first, last, "week", m.group(3) is None)


# A month named alone needs a cue word before it: "March" and "May" are also verbs.
@_pattern(
    r"(?i:\b(in|since|by|until|till|through|during|from|before|after|of|throughout"
    rf"|as\s+of|last|this|next)\s+)({_MONTH})\b(?:\s+((?i:last|this|next))\s+(?i:year)\b)?"
)
def _month_cued(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if ctx.ref is None:
        return None
    cue, month = m.group(1).lower(), _month_no(m.group(2))
    if m.group(3):
        shift = {"last": -1, "this": 0, "next": 1}[m.group(3).lower()]
        first, last = _month_bounds(ctx.ref.year + shift, month)
        return _Hit(m.start(2), m.end(), first, last, "month", True)
    if cue in ("last", "next", "this"):
        # "last January" written in January is a year ago; "next March" is ahead.
        named = ctx.ref.year
        if cue == "last" and month >= ctx.ref.month:
            named -= 1
        elif cue == "next" and month <= ctx.ref.month:
            named += 1
        first, last = _month_bounds(named, month)
        return _hit(m, first, last, "month", True)
    year = _month_year_for(month, ctx, m.start())
    if year is None:
        return None
    first, last = _month_bounds(year, month)
    return _hit(m, first, last, "month", True, group=2)


@_pattern(
    rf"(?i:\b(?:between|from))\s+({_MONTH})\s+(?i:and|to|through|until)\s+({_MONTH})"
    rf"(?:\s+((?i:last|this|next))\s+(?i:year)\b|,?\s+({_YEAR})\b)?"
)
def _month_range(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    a, b = _month_no(m.group(1)), _month_no(m.group(2))
    if m.group(4):
        year: int | None = int(m.group(4))
    elif m.group(3) and ctx.ref is not None:
        year = ctx.ref.year + {"last": -1, "this": 0, "next": 1}[m.group(3).lower()]
    else:
        year = _month_year_for(b, ctx, m.start())
    if year is None:
        return None
    start_year = year if a <= b else year - 1
    first = _month_bounds(start_year, a)[0]
    last = _month_bounds(year, b)[1]
    return _hit(m, first, last, "range", m.group(4) is None)


@_pattern(rf"(?i:\b(?:between|from))\s+({_YEAR})\s+(?i:and|to|until|through)\s+({_YEAR})\b")
def _year_between(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    a, b = int(m.group(1)), int(m.group(2))
    return _hit(m, date(a, 1, 1), date(b, 12, 31), "range", False)


@_pattern(rf"\b({_YEAR})\s*[-–—]\s*(\d{{4}}|\d{{2}})\b(?!-\d)")
def _year_range(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    a, tail = int(m.group(1)), m.group(2)
    b = int(tail) if len(tail) == 4 else a // 100 * 100 + int(tail)
    if not a < b <= min(a + 100, _MAX_YEAR):
        return None  # "2025-01" is a month, "1953-1950" not a range
    return _hit(m, date(a, 1, 1), date(b, 12, 31), "range", False)


@_pattern(r"(?:\b((?i:early|mid|late))[\s-]+)?\b(1[0-9]{2}|20[0-9]|21[0-9])0s\b")
def _decade(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    start = int(m.group(2)) * 10
    first, last = date(start, 1, 1), date(start + 9, 12, 31)
    if m.group(1):
        spans = {"early": (0, 3), "mid": (3, 6), "late": (7, 9)}[m.group(1).lower()]
        first, last = date(start + spans[0], 1, 1), date(start + spans[1], 12, 31)
    return _hit(m, first, last, "decade", False)


@_pattern(
    r"(?i:\b(?:in|since|by|until|till|through|during|from|before|after|of|throughout"
    rf"|as\s+of|early|mid|late|end\s+of)[\s-]+)({_YEAR})\b(?!\s*[-–—]\s*\d)(?![\d,.]\d)"
    rf"(?!\s+{_COUNTED})"
)
def _year_cued(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    year = int(m.group(1))
    cue = m.group(0)[: m.start(1) - m.start()].strip(" -").lower()
    if cue in ("early", "mid", "late", "end of"):
        first, last = _year_third(year, "late" if cue == "end of" else cue)
        return _hit(m, first, last, "season", False) if first <= last else None
    return _hit(m, date(year, 1, 1), date(year, 12, 31), "year", False, group=1)


@_pattern(r"(?i:\b(?:(early|mid|late|earlier|later)[\s-]+)?(last|this|next|previous)\s+year\b)")
def _relative_year(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if ctx.ref is None:
        return None
    which, part = m.group(2).lower(), (m.group(1) or "").lower()
    year = ctx.ref.year + {"last": -1, "previous": -1, "this": 0, "next": 1}[which]
    first, last = date(year, 1, 1), date(year, 12, 31)
    if part in ("early", "mid", "late"):
        first, last = _year_third(year, part)
        return _hit(m, first, last, "season", True)
    if part == "earlier" and which == "this":
        last = min(last, ctx.ref.day)
        return _hit(m, first, last, "range", True)
    if part == "later" and which == "this":
        first = max(first, ctx.ref.day)
        return _hit(m, first, last, "range", True)
    return _hit(m, first, last, "year", True)


@_pattern(rf"(?i:\b({_NUM})\s+(years?|months?|weeks?|days?)\s+ago\b)")
def _ago(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if ctx.ref is None:
        return None
    n, unit = _number(m.group(1)), m.group(2).lower().rstrip("s")
    ref = ctx.ref
    if unit == "year":
        year = ref.year - n
        return _hit(m, date(year, 1, 1), date(year, 12, 31), "year", True)
    if unit == "month":
        month = _add_months(ref.day, -n)
        return _hit(m, *_month_bounds(month.year, month.month), "month", True)
    days = n * (7 if unit == "week" else 1)
    slack = 3 if unit == "week" else 0  # "two weeks ago" is rarely exactly 14 days
    first = ref.lo - timedelta(days=days + slack)
    last = ref.hi - timedelta(days=days - slack)
    return _hit(m, first, last, _precision_of(first, last), True)


@_pattern(
    r"(?i:\b(?:(early|mid|late|earlier|later)[\s-]+(?:in\s+)?)?(last|this|next|previous)\s+month\b)"
)
def _relative_month(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if ctx.ref is None:
        return None
    which, part = m.group(2).lower(), (m.group(1) or "").lower()
    shift = {"last": -1, "previous": -1, "this": 0, "next": 1}[which]
    month = _add_months(ctx.ref.day, shift)
    first, last = _month_bounds(month.year, month.month)
    if part in ("early", "mid", "late"):
        return _hit(m, *_month_third(month.year, month.month, part), "week", True)
    if part == "earlier" and shift == 0:
        return _hit(m, first, min(last, ctx.ref.day), "range", True)
    return _hit(m, first, last, "month", True)


@_pattern(r"(?i:\b(last|this|next|previous)\s+week\b)")
def _relative_week(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if ctx.ref is None:
        return None
    shift = {"last": -7, "previous": -7, "this": 0, "next": 7}[m.group(1).lower()]
    first = ctx.ref.lo - timedelta(days=ctx.ref.lo.weekday()) + timedelta(days=shift)
    last = ctx.ref.hi - timedelta(days=ctx.ref.hi.weekday()) + timedelta(days=shift + 6)
    return _hit(m, first, last, _precision_of(first, last), True)


@_pattern(
    r"(?i:\b(?:over|in|during|within|for|throughout)\s+the\s+(?:past|last|previous)\s+"
    rf"(?:({_NUM})\s+)?(years?|months?|weeks?|days?|decades?)\b)"
)
def _past_span(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if ctx.ref is None:
        return None
    unit = m.group(2).lower().rstrip("s")
    plural = m.group(2).lower().endswith("s")
    if m.group(1) is None and plural:
        return None  # "the past months": how many is not said
    n = _number(m.group(1)) if m.group(1) else 1
    end = ctx.ref.now
    start = _shift(end, -n, unit)
    return _hit(m, start, end, "range", True)


@_pattern(
    r"(?i:\b(?:in|over|during|within)\s+the\s+(?:coming|next|following)\s+"
    rf"(?:({_NUM})\s+)?(years|months|weeks|days)\b)"
)
def _coming_span(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if ctx.ref is None:
        return None
    unit = m.group(2).lower().rstrip("s")
    # Unnumbered "coming months" is read as half a year, "coming weeks" as two months.
    default = {"year": 3, "month": 6, "week": 8, "day": 14}[unit]
    n = _number(m.group(1)) if m.group(1) else default
    return _hit(m, ctx.ref.day, _shift(ctx.ref.day, n, unit), "range", True)


def _shift(d: date, n: int, unit: str) -> date:
    if unit in ("year", "decade"):
        return _add_months(d, 12 * n * (10 if unit == "decade" else 1))
    if unit == "month":
        return _add_months(d, n)
    return d + timedelta(days=n * (7 if unit == "week" else 1))


@_pattern(rf"(?:\b((?i:last|this|next|on))\s+)?\b({_WEEKDAY})\b(?!s)")
def _weekday(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    ref = ctx.ref
    if ref is None:
        return None
    target = _WEEKDAYS.index(m.group(2).lower())
    cue = (m.group(1) or "").lower()
    forward = cue == "next" or (cue != "last" and ctx.future(m.start()))
    if not ref.exact:
        # Only as far as the document date allows: around the approximate day, or the
        # whole month, and a week either side.
        pad = timedelta(days=_APPROX_DAYS)
        if ref.month_only:
            first, last = _month_bounds(ref.year, ref.month)
            first, last = first - pad, last + pad
        else:
            first, last = ref.day - pad, ref.day + pad
        return _Hit(m.start(2), m.end(2), first, last, _precision_of(first, last), True)
    back = (ref.day.weekday() - target) % 7
    if forward:
        d = ref.day + timedelta(days=(target - ref.day.weekday()) % 7 or 7)
    else:
        d = ref.day - timedelta(days=back + (7 if cue == "last" and back == 0 else 0))
    return _Hit(m.start(2), m.end(2), d, d, "day", True)


@_pattern(r"(?i:\b(yesterday|today|tonight|tomorrow)\b)")
def _deictic(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if ctx.ref is None:
        return None
    offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[m.group(1).lower()]
    first = ctx.ref.lo + timedelta(days=offset)
    last = ctx.ref.hi + timedelta(days=offset)
    return _hit(m, first, last, _precision_of(first, last), True)


@_pattern(
    r"(?i:\b(?:(last|this|next)\s+(spring|summer|autumn|fall|winter)\b"
    rf"|(?:the\s+)?(spring|summer|autumn|fall|winter)\s+(?:of\s+)?({_YEAR})\b))"
)
def _season(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    name = (m.group(2) or m.group(3)).lower()
    if m.group(4):
        year = int(m.group(4))
    elif ctx.ref is not None:
        year = ctx.ref.year + {"last": -1, "this": 0, "next": 1}[m.group(1).lower()]
    else:
        return None
    if name == "winter":  # winter 2024 = Dec 2024 to Feb 2025
        first, last = date(year, 12, 1), _month_bounds(year + 1, 2)[1]
    else:
        a, b = _SEASONS[name]
        first, last = date(year, a, 1), _month_bounds(year, b)[1]
    return _hit(m, first, last, "season", m.group(4) is None)


# ---------------------------------------------------------------------------------------
# Selection and "since"
# ---------------------------------------------------------------------------------------


def _candidates(ctx: _Ctx) -> list[_Hit]:
    hits: list[_Hit] = []
    for regex, handler in _PATTERNS:
        for m in regex.finditer(ctx.text):
            try:
                hit = handler(m, ctx)
            except (ValueError, OverflowError, KeyError, IndexError):
                continue  # "Feb. 30", year 0: not a date
            if hit is not None and _MIN_YEAR <= hit.first.year and hit.last.year <= _MAX_YEAR:
                hits.append(hit)
    return hits


def _select(hits: list[_Hit]) -> list[_Hit]:
    """Longest first, then leftmost; a hit overlapping a chosen one is dropped."""
    chosen: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


_SINCE = re.compile(r"(?i:\bsince\s+(?:the\s+)?)$")


def _since(hit: _Hit, ctx: _Ctx) -> _Hit | None:
    """ "since mid-January" is the interval from mid-January to the document date."""
    head = _SINCE.search(ctx.text, max(0, hit.start - 16), hit.start)
    if head is None:
        return hit
    if ctx.ref is None:
        return None  # the interval ends "now", which is unknown
    end = ctx.ref.now
    if end < hit.first:
        return hit
    return _Hit(head.start(), hit.end, hit.first, end, "range", True)


def extract_dates(
    text: str, published: str | None, *, approx: bool = False
) -> tuple[DateMention, ...]:
    """Every date expression in ``text`` that can be resolved, left to right.

    ``published`` is the document date (``YYYY-MM-DD`` or ``YYYY-MM``); without it
    relative expressions are skipped. Never raises on any text.
    """
    if not isinstance(text, str) or not text:
        return ()
    ctx = _Ctx(text, parse_published(published, approx))
    mentions: list[DateMention] = []
    for hit in _select(_candidates(ctx)):
        final = _since(hit, ctx)
        if final is None:
            continue
        mentions.append(
            DateMention(
                text=text[final.start : final.end],
                start=final.start,
                end=final.end,
                first=final.first.isoformat(),
                last=final.last.isoformat(),
                precision=final.precision,
                relative=final.relative,
            )
        )
    return tuple(mentions)


def resolution_is_stable(text: str, mention: DateMention, published: str | None) -> bool:
    """Would ``mention`` resolve the same if an approximate document date were off a week?

    A mention that is absolute, or relative only at a coarse level ("last year" in
    March, "in January" in late February), is stable; "last month" near a month's end,
    or a weekday, is not. Rules use this to lower their confidence.
    """
    if not mention.relative:
        return True
    ref = parse_published(published, approx=True)
    if ref is None:
        return False
    results = set()
    for day in (ref.lo, ref.day, ref.hi):
        found = [
            (d.first, d.last)
            for d in extract_dates(text, day.isoformat())
            if (d.start, d.end) == (mention.start, mention.end)
        ]
        if not found:
            return False
        results.add(found[0])
    return len(results) == 1


def describe(mention: DateMention) -> str:
    """The resolved interval in words: "2024", "January 2025", "early January 2025"."""
    first, last = mention.first, mention.last
    if first == last:
        return first
    try:
        a, b = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError:
        return f"{first} to {last}"
    if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31):
        return str(a.year) if a.year == b.year else f"{a.year} to {b.year}"
    if (a.year, a.month) == (b.year, b.month):
        name = f"{calendar.month_name[a.month]} {a.year}"
        if (a, b) == _month_bounds(a.year, a.month):
            return name
        for part in ("early", "mid", "late"):
            if (a, b) == _month_third(a.year, a.month, part):
                return f"{part} {name} ({first} to {last})"
    return f"{first} to {last}"


# ---------------------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------------------

# word -> (event key, part of speech). Only words whose date can plausibly be checked.
_EVENT_WORDS: dict[str, tuple[str, str]] = {
    "capture": ("capture", "n"), "captured": ("capture", "v"), "capturing": ("capture", "v"),
    "captures": ("capture", "v"),
    "deploy": ("deploy", "v"), "deployed": ("deploy", "v"), "deploying": ("deploy", "v"),
    "deployment": ("deploy", "n"), "dispatch": ("deploy", "v"), "dispatched": ("deploy", "v"),
    "dispatching": ("deploy", "v"), "send": ("deploy", "v"), "sent": ("deploy", "v"),
    "sending": ("deploy", "v"),
    "interview": ("interview", "n"), "interviewed": ("interview", "v"),
    "defected": ("defect", "v"), "defecting": ("defect", "v"), "defection": ("defect", "n"),
    "released": ("release", "v"), "release": ("release", "n"), "freed": ("release", "v"),
    "died": ("die", "v"), "killed": ("die", "v"), "death": ("die", "n"),
    "published": ("publish", "v"),
}  # fmt: skip
_MULTI_WORD = {("taken", "prisoner"): "capture", ("taken", "captive"): "capture",
               ("took", "prisoner"): "capture"}  # fmt: skip
_REPORTING = {
    "confirmed": "confirm", "confirms": "confirm", "announced": "announce",
    "reported": "report", "revealed": "reveal", "disclosed": "disclose",
    "acknowledged": "confirm", "denied": "deny", "said": "say", "stated": "say",
    "told": "say", "claimed": "claim", "posted": "post", "showed": "show",
}  # fmt: skip
_AUX = {"was", "were", "been", "be", "is", "are", "being", "had", "has", "have", "got", "get"}
_MODAL = {"will", "would", "could", "may", "might", "can", "should", "must", "shall", "to"}
_NEGATION = {"not", "never", "n't", "no"}
_PREPOSITIONS = {
    "by", "in", "to", "near", "at", "from", "during", "on", "while", "alongside", "after",
    "before", "into", "with", "for", "as", "of", "since", "when", "under",
}  # fmt: skip
_DETERMINERS = {"the", "a", "an", "their", "his", "her", "its", "our", "this", "that"}
_PLACE_WORDS = {
    "town", "village", "city", "territory", "settlement", "position", "positions",
    "region", "area", "district", "airport", "base", "bridge", "hill", "villages",
    "towns", "settlements", "ground", "land",
}  # fmt: skip
# A release dates a freed captive only; police "release" names, videos and statements,
# hospitals release patients, jails release inmates again and again.
_CAPTIVE_WORDS = re.compile(
    r"\b(?:hostages?|captives?|captivity|POWs?|prisoners?\s+of\s+war|abducted|kidnapped|"
    r"prisoner\s+(?:swap|exchange))\b",
    re.IGNORECASE,
)
_MEDIA_WORDS = {
    "video", "camera", "cameras", "film", "tape", "footage", "surveillance", "audio",
    "photo", "photos", "image", "images", "photograph", "cellphone", "phone", "imagination",
    "attention", "heart", "hearts", "moment", "mood", "spirit", "essence",
}  # fmt: skip
_TROOP_WORDS = re.compile(
    r"\b(?:troops?|soldiers?|forces|personnel|units?|military|army|servicemen|fighters|"
    r"reinforcements|contingent)\b",
    re.IGNORECASE,
)
# Words that end a clause: a date in one clause says nothing about a verb in another.
_BOUNDARY_WORDS = {
    "who", "which", "whom", "whose", "where", "that", "while", "but", "whereas",
    "although", "though", "because", "and", "or", "following", "after", "before", "when",
    "if", "unless",
}  # fmt: skip
_BOUNDARY_PUNCT = {",", ";", ":", "—", "–", "(", ")", "“", "”", '"', "!", "?"}
# Between a trigger and a date right after it ("captured in January").
_ADJACENT_GAP = {"in", "on", "at", "during", "of", "the", "a", "an", "around", "about"}

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class _Tok:
    text: str
    lower: str
    start: int
    end: int


@dataclass(frozen=True)
class _Trigger:
    key: str
    pos: str  # "v" verb, "n" noun
    index: int  # token index of the (last) trigger word
    main: bool  # heads its clause (finite or passive verb), not a participle modifier


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(), m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _clause_ids(toks: list[_Tok], dates: Sequence[DateMention]) -> list[int]:
    """Clause number of every token; a date's own words never split a clause."""
    inside = [any(d.start <= t.start < d.end for d in dates) for t in toks]
    ids, current = [], 0
    for i, tok in enumerate(toks):
        is_stop = tok.text == "." and (i + 1 == len(toks) or toks[i + 1].start > tok.end)
        if not inside[i] and (
            tok.text in _BOUNDARY_PUNCT or tok.lower in _BOUNDARY_WORDS or is_stop
        ):
            current += 1
        ids.append(current)
    return ids


def _is_main(toks: list[_Tok], i: int, pos: str) -> bool:
    """A verb that heads its clause: after an auxiliary, or followed by its object.

    "soldiers deployed by Russia" (a participle then a preposition) modifies a noun;
    "forces captured two soldiers" and "were sent to Kursk" head their clause.
    """
    if pos != "v":
        return False
    prev = toks[i - 1].lower if i > 0 else ""
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    if prev in _AUX:
        return True
    if prev in _DETERMINERS or prev.isdigit() or prev in _NUMBERS:
        return False  # "the captured soldiers", "two captured soldiers": an adjective
    return bool(nxt) and nxt not in _PREPOSITIONS and nxt not in _BOUNDARY_PUNCT | {"."}


def _realis(toks: list[_Tok], i: int, start: int) -> bool:
    """False for "to defect", "will be sent", "was not captured": not a dated fact."""
    window = [t.lower for t in toks[max(0, start - 3) : start]]
    if window and window[-1] in _MODAL | _NEGATION:
        return False
    if len(window) >= 2 and window[-1] in _AUX and window[-2] in _MODAL | _NEGATION:
        return False
    return not (
        len(window) >= 3
        and window[-1] in _AUX
        and window[-2] in _AUX
        and window[-3] in _MODAL | _NEGATION
    )


def _triggers(toks: list[_Tok], text: str) -> list[_Trigger]:
    found: list[_Trigger] = []
    for i, tok in enumerate(toks):
        start, key_pos = i, _EVENT_WORDS.get(tok.lower)
        if key_pos is None and i > 0 and (toks[i - 1].lower, tok.lower) in _MULTI_WORD:
            key_pos, start = (_MULTI_WORD[(toks[i - 1].lower, tok.lower)], "v"), i - 1
        if key_pos is None:
            continue
        key, pos = key_pos
        if not _realis(toks, i, start):
            continue
        if _titled(toks, i):
            continue  # "Sunday Interview", "Capture the Flag": a title, not an event
        if key == "deploy" and tok.lower.startswith("sen") and not _TROOP_WORDS.search(text):
            continue  # "sent a letter": only troops count
        if key == "release" and not _CAPTIVE_WORDS.search(text):
            continue
        if key == "capture" and any(t.lower in _MEDIA_WORDS for t in toks[i + 1 : i + 5]):
            continue  # "captured on video": recorded, not taken prisoner
        if key == "capture" and any(t.lower in _PLACE_WORDS for t in toks[i + 1 : i + 5]):
            key = "capture_place"
        if pos == "n":
            key = _reported(toks, start) or key
        found.append(_Trigger(key, pos, i, _is_main(toks, i, pos) if start == i else True))
    return found


def _titled(toks: list[_Tok], i: int) -> bool:
    """A capitalised event word inside a sentence is part of a name or title."""
    if not toks[i].text[:1].isupper() or i == 0:
        return False
    return toks[i - 1].text not in {".", "!", "?", '"', "“", "(", ":", "—"}


def _reported(toks: list[_Tok], start: int) -> str | None:
    """ "confirmed the capture": the date, if any, dates the confirmation."""
    for back in (1, 2):
        j = start - back
        if j < 0:
            return None
        if toks[j].lower in _REPORTING:
            return f"{_REPORTING[toks[j].lower]}_{_EVENT_WORDS[toks[start].lower][0]}"
        if toks[j].lower not in _DETERMINERS:
            return None
    return None


def _span_tokens(toks: list[_Tok], mention: DateMention) -> tuple[int, int] | None:
    idx = [i for i, t in enumerate(toks) if mention.start <= t.start < mention.end]
    return (idx[0], idx[-1]) if idx else None


def _governor(
    toks: list[_Tok], clauses: list[int], triggers: list[_Trigger], lo: int, hi: int
) -> _Trigger | None:
    """The event a date at tokens ``lo..hi`` is syntactically attached to, if clear.

    The tests go from the tightest attachment to the loosest; the first that applies
    decides, and "None" (leave the date unattached) is a valid decision.
    """
    found = _right_after(toks, triggers, lo) or _right_before(toks, triggers, hi)
    if found is not None:
        return found
    if _is_fronted(toks, lo, hi):
        heads = [t for t in triggers if clauses[t.index] == clauses[hi + 1] and t.main]
        return heads[0] if len(heads) == 1 else None
    return _clause_head(toks, clauses, triggers, lo)


def _right_after(toks: list[_Tok], triggers: list[_Trigger], lo: int) -> _Trigger | None:
    """ "captured in January", "their capture last year", "interview on Feb. 20"."""
    for trig in triggers:
        gap = toks[trig.index + 1 : lo]
        if trig.index < lo and len(gap) <= 2 and all(t.lower in _ADJACENT_GAP for t in gap):
            return trig
    return None


def _right_before(toks: list[_Tok], triggers: list[_Trigger], hi: int) -> _Trigger | None:
    """A date modifying the event noun after it: "a Feb. 19 interview", "last year's"."""
    for trig in triggers:
        if trig.pos == "n" and trig.index == hi + 1:
            return trig
    return None


def _is_fronted(toks: list[_Tok], lo: int, hi: int) -> bool:
    """ "Last year, North Korea dispatched ...": a date that opens the sentence."""
    lead = [t.lower for t in toks[:lo]]
    if not all(w in ("in", "on", "since", "during", "by", "earlier", "later") for w in lead):
        return False
    return hi + 1 < len(toks) and toks[hi + 1].text == ","


def _clause_head(
    toks: list[_Tok], clauses: list[int], triggers: list[_Trigger], lo: int
) -> _Trigger | None:
    """The one event verb heading the date's clause before it, unless a reporting verb
    shares the clause ("said forces captured them Friday": whose Friday is unclear)."""
    clause = clauses[lo]
    same = [t for t in triggers if clauses[t.index] == clause]
    heads = [t for t in same if t.main and t.index < lo]
    composite = [t for t in same if "_" in t.key]
    if composite and not heads:
        return composite[0]
    reported = any(clauses[i] == clause and t.lower in _REPORTING for i, t in enumerate(toks))
    return heads[0] if len(heads) == 1 and not reported else None


def extract_events(text: str, dates: Sequence[DateMention]) -> tuple[tuple[str, DateMention], ...]:
    """(event key, date) for every event whose date ``text`` states, left to right.

    The key is the event type ("capture", "deploy", "interview", ...); a date attached
    to a reporting verb about an event ("confirmed the capture on Saturday") gets a
    composite key ("confirm_capture"), so it is never compared with the event itself.
    Only dates clearly governed by the event phrase are attached; others are left out.
    """
    if not isinstance(text, str) or not text or not dates:
        return ()
    toks = _tokens(text)
    mentions = [d for d in dates if 0 <= d.start < d.end <= len(text)]
    clauses = _clause_ids(toks, mentions)
    triggers = _triggers(toks, text)
    if not triggers:
        return ()
    events: list[tuple[str, DateMention]] = []
    for mention in mentions:
        span = _span_tokens(toks, mention)
        if span is None:
            continue
        trig = _governor(toks, clauses, triggers, *span)
        if trig is not None and (trig.key, mention) not in events:
            events.append((trig.key, mention))
    return tuple(events)


def event_phrase(text: str, key: str, mention: DateMention, limit: int = 90) -> str:
    """The words from the event to its date ("captured ... in early January"), for quoting.

    Falls back to the date's own text when no event word of ``key`` is near it.
    """
    reported = tuple(f"{v}_" for v in _REPORTING.values())
    base = key.split("_", 1)[1] if key.startswith(reported) else key
    toks = _tokens(text)
    best: tuple[int, int] | None = None
    for i, tok in enumerate(toks):
        first = _phrase_start(toks, i, base)
        if first is None:
            continue
        start, end = min(first, mention.start), max(tok.end, mention.end)
        if end - start <= limit and (best is None or end - start < best[1] - best[0]):
            best = (start, end)
    return mention.text if best is None else text[best[0] : best[1]]


def _phrase_start(toks: list[_Tok], i: int, base: str) -> int | None:
    """Where the event words ending at token ``i`` begin ("their capture", "taken prisoner")."""
    tok = toks[i]
    word = _EVENT_WORDS.get(tok.lower)
    if word is not None and word[0] == base:
        if word[1] == "n" and i > 0 and toks[i - 1].lower in _DETERMINERS:
            return toks[i - 1].start
        return tok.start
    if i > 0 and _MULTI_WORD.get((toks[i - 1].lower, tok.lower)) == base:
        return toks[i - 1].start
    return None
