"""Units of measure and their conversion to one canonical unit per dimension.

Two reports of one area in km² and in square miles must compare as equal, so every
unit is stored with a factor to its canonical unit (``km2``, ``km``, ``kg``, ``usd``...).
Currencies other than the dollar keep their own code: exchange rates change, and a
checker that converted them would flag honest reports.
"""

from __future__ import annotations

from dataclasses import dataclass

from consist.extract.numbers import Token


@dataclass(frozen=True, slots=True)
class Unit:
    """A canonical unit and the factor that converts the written unit into it."""

    canonical: str
    factor: float
    measure: str | None = None


_SQ_MI = 2.589988110336
_MI = 1.609344

# Written unit (lower case, as token sequences joined by spaces) -> Unit. Multi-word
# forms are tried longest first.
UNITS: dict[str, Unit] = {
    "%": Unit("%", 1.0, "percent"),
    "percent": Unit("%", 1.0, "percent"),
    "per cent": Unit("%", 1.0, "percent"),
    "percentage points": Unit("pp", 1.0, "percent"),
    "square kilometers": Unit("km2", 1.0, "area"),
    "square kilometres": Unit("km2", 1.0, "area"),
    "sq km": Unit("km2", 1.0, "area"),
    "sq . km": Unit("km2", 1.0, "area"),
    "km ²": Unit("km2", 1.0, "area"),
    "km2": Unit("km2", 1.0, "area"),
    "square miles": Unit("km2", _SQ_MI, "area"),
    "square mile": Unit("km2", _SQ_MI, "area"),
    "sq mi": Unit("km2", _SQ_MI, "area"),
    "sq miles": Unit("km2", _SQ_MI, "area"),
    "hectares": Unit("km2", 0.01, "area"),
    "acres": Unit("km2", 0.0040468564224, "area"),
    "kilometers": Unit("km", 1.0, "distance"),
    "kilometres": Unit("km", 1.0, "distance"),
    "km": Unit("km", 1.0, "distance"),
    "miles": Unit("km", _MI, "distance"),
    "mile": Unit("km", _MI, "distance"),
    "mi": Unit("km", _MI, "distance"),
    "meters": Unit("km", 0.001, "distance"),
    "metres": Unit("km", 0.001, "distance"),
    "feet": Unit("km", 0.0003048, "distance"),
    "ft": Unit("km", 0.0003048, "distance"),
    "inches": Unit("km", 0.0000254, "distance"),
    "kilograms": Unit("kg", 1.0, "weight"),
    "kg": Unit("kg", 1.0, "weight"),
    "grams": Unit("kg", 0.001, "weight"),
    "pounds": Unit("kg", 0.45359237, "weight"),
    "lb": Unit("kg", 0.45359237, "weight"),
    "lbs": Unit("kg", 0.45359237, "weight"),
    "tonnes": Unit("kg", 1000.0, "weight"),
    "tons": Unit("kg", 907.18474, "weight"),
    "dollars": Unit("usd", 1.0, "money"),
    "us dollars": Unit("usd", 1.0, "money"),
    "euros": Unit("eur", 1.0, "money"),
    "yen": Unit("jpy", 1.0, "money"),
    "won": Unit("krw", 1.0, "money"),
    "hryvnias": Unit("uah", 1.0, "money"),
    "rubles": Unit("rub", 1.0, "money"),
    "seconds": Unit("s", 1.0, "duration"),
    "minutes": Unit("s", 60.0, "duration"),
    "hours": Unit("s", 3600.0, "duration"),
    "hour": Unit("s", 3600.0, "duration"),
    "days": Unit("s", 86400.0, "duration"),
    "weeks": Unit("s", 604800.0, "duration"),
    "months": Unit("s", 2629800.0, "duration"),
    "years": Unit("year", 1.0, "duration"),
    "year": Unit("year", 1.0, "duration"),
    "mph": Unit("km/h", _MI, "speed"),
    "km / h": Unit("km/h", 1.0, "speed"),
    "kph": Unit("km/h", 1.0, "speed"),
}

CURRENCY_SIGNS: dict[str, str] = {"$": "usd", "€": "eur", "£": "gbp", "¥": "jpy", "₩": "krw"}
_MAX_WORDS = max(len(key.split()) for key in UNITS)


def _singular_forms(words: str) -> list[str]:
    """The forms to look up: units are listed in the plural ("kilometers")."""
    return [words, words + "s"] if not words.endswith("s") else [words]


def unit_at(tokens: list[Token], i: int) -> tuple[Unit, int] | None:
    """The unit starting at token ``i`` as (unit, tokens used), longest match first."""
    for size in range(min(_MAX_WORDS, len(tokens) - i), 0, -1):
        words = " ".join(t.low for t in tokens[i : i + size])
        for form in _singular_forms(words):
            if form in UNITS:
                return UNITS[form], size
    return None


def currency_before(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """A currency sign or code just before token ``i``: "$5", "US$ 27.5"."""
    if i >= 1 and tokens[i - 1].text in CURRENCY_SIGNS:
        code = CURRENCY_SIGNS[tokens[i - 1].text]
        if (
            i >= 2
            and tokens[i - 2].text in ("US", "U.S")
            and tokens[i - 2].end == tokens[i - 1].start
        ):
            return code, 2
        return code, 1
    if i >= 1 and tokens[i - 1].text in ("USD", "EUR", "GBP", "KRW"):
        return tokens[i - 1].text.lower(), 1
    return None
