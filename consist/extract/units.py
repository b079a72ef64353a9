"""Units of measure and their conversion to one canonical unit per dimension.

Two reports of one area in km² and in square miles must compare as equal, so every
unit is stored with a factor to its canonical unit (``km2``, ``km``, ``kg``, ``usd``...).
Currencies other than the dollar keep their own code: exchange rates change, and a
checker that converted them would flag honest reports. The tables are data
(``consist/data/quantities/units.json``): units, currency signs and codes, and the
per-period words that make an amount a rate ("$900 a week").
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from consist.extract.numbers import Token
from consist.extract.quantity_lexicon import DATA


@dataclass(frozen=True, slots=True)
class Unit:
    """A canonical unit and the factor that converts the written unit into it."""

    canonical: str
    factor: float
    measure: str | None = None


_TABLES = json.loads((DATA / "units.json").read_text(encoding="utf-8"))

# Written unit (lower case, as token sequences joined by spaces) -> Unit. Multi-word
# forms are tried longest first.
UNITS: dict[str, Unit] = {
    words: Unit(str(c), float(f), str(m) if m else None)
    for words, (c, f, m) in _TABLES["units"].items()
}
CURRENCY_SIGNS: dict[str, str] = dict(_TABLES["currency_signs"])
CURRENCY_CODES: dict[str, str] = dict(_TABLES["currency_codes"])
CURRENCY_PREFIXES: dict[str, str] = dict(_TABLES["currency_prefixes"])
# Per-period words -> factor to "per year": "$900 a week" is a rate of $46,960 a year.
RATES: dict[str, float] = {k: float(v) for k, v in _TABLES["rates"].items()}
_MAX_WORDS = max(len(key.split()) for key in UNITS)
_MAX_RATE = max(len(key.split()) for key in RATES)


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


def rate_at(tokens: list[Token], i: int) -> tuple[str, float, int] | None:
    """A per-period phrase at token ``i`` ("a week", "per year", "annually") as
    (phrase, factor to per year, tokens used)."""
    for size in range(min(_MAX_RATE, len(tokens) - i), 0, -1):
        words = " ".join(t.low for t in tokens[i : i + size])
        if words in RATES:
            return words, RATES[words], size
    return None


def currency_before(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """A currency sign or code just before token ``i``: "$5", "US$ 27.5", "C$ 3"."""
    if i >= 1 and tokens[i - 1].text in CURRENCY_SIGNS:
        code = CURRENCY_SIGNS[tokens[i - 1].text]
        prefix = tokens[i - 2] if i >= 2 else None
        if (
            prefix is not None
            and prefix.text.rstrip(".").replace(".", "") in CURRENCY_PREFIXES
            and prefix.end == tokens[i - 1].start
        ):
            if code == "usd":
                return CURRENCY_PREFIXES[prefix.text.rstrip(".").replace(".", "")], 2
            return code, 2
        return code, 1
    if i >= 1 and tokens[i - 1].text in CURRENCY_CODES:
        return CURRENCY_CODES[tokens[i - 1].text], 1
    return None
