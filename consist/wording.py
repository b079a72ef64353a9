"""Public wording: what a reader sees instead of consist's internal names.

Rules compare measures by internal keys (``killed_or_injured``, ``count:homes``,
``usd``); a report must never show those. Everything that turns a key into words for a
topic, a summary or an explanation lives here, so the report layer has one place to
get it right and one test that scans for leaks (``tests/test_wording.py``).
"""

from __future__ import annotations

import re
from functools import cache

_COUNT = re.compile(r"\bcount:([A-Za-z_]*)")
_SNAKE = re.compile(r"\b([a-z]+(?:_[a-z]+)+)\b")
_MEASURE_NAMES = {
    "money": "amount",
    "percent": "percentage",
    "area": "area",
    "distance": "distance",
    "weight": "weight",
    "speed": "speed",
}


@cache
def unit_names() -> dict[str, str]:
    """Canonical unit code -> readable name: ``usd`` -> ``amount (USD)``."""
    from consist.extract.units import UNITS

    names: dict[str, str] = {}
    for unit in UNITS.values():
        kind = _MEASURE_NAMES.get(unit.measure or "", unit.measure or "amount")
        code = unit.canonical.upper() if unit.measure == "money" else unit.canonical
        names.setdefault(unit.canonical, f"{kind} ({code})")
    return names


def measure_words(key: str) -> str:
    """A compared key as words: ``count:homes`` -> ``number of homes``."""
    key = key.strip()
    if key.startswith("count:"):
        noun = key[len("count:") :]
        if noun in ("", "None", "none"):
            return "figures"
        return unit_names().get(noun) or f"number of {plural(noun.replace('_', ' '))}"
    return unit_names().get(key) or key.replace("_", " ")


def plural(noun: str) -> str:
    """A counted noun in the plural, for "number of ...": naive English rules."""
    if not noun or noun.endswith("s") or noun in _PLURAL_AS_IS:
        return noun
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("ch", "sh", "x", "z")):
        return noun + "es"
    return noun + "s"


_PLURAL_AS_IS = frozenset("people children men women police staff personnel".split())
_CURRENCY_CODES = ("usd", "eur", "gbp", "jpy", "krw")
_FIGURE_WITH_CODE = re.compile(
    r"(?P<fig>(?P<sign>[$€£¥₩])?\d[\d,.]*(?: (?:thousand|million|billion|trillion))?) "
    rf"(?P<code>{'|'.join(_CURRENCY_CODES)})\b"
)


def _figure(match: re.Match[str]) -> str:
    """ "$3 million usd" -> "$3 million"; "3 million eur" -> "3 million EUR"."""
    if match.group("sign"):
        return match.group("fig")
    return f"{match.group('fig')} {match.group('code').upper()}"


def public(text: str, key: str = "") -> str:
    """``text`` with internal names replaced by words (idempotent on clean text).

    ``count:<noun>`` becomes "number of <noun>", a leading ``usd:`` becomes
    "amount (USD):", and snake_case keys become spaced words.
    """
    text = _COUNT.sub(lambda m: measure_words(m.group(0)), text)
    noun = key[len("count:") :] if key.startswith("count:") else ""
    if noun and noun.isalpha() and noun not in unit_names():
        # "about 12,000 vehicle" -> "about 12,000 vehicles"; "vehicle: 3 vs 4" -> "number
        # of vehicles: 3 vs 4" (rules count by the lemma, readers by the plural).
        text = re.sub(
            rf"(\d[\d,.]*) {noun}\b",
            lambda m: m.group(0) if m.group(1) == "1" else f"{m.group(1)} {plural(noun)}",
            text,
        )
        text = re.sub(rf"^{noun}:", f"number of {plural(noun)}:", text)
    text = _FIGURE_WITH_CODE.sub(_figure, text)
    text = re.sub(r"(?<=\d) (km|mi)2\b", r" \1²", text)
    head, sep, rest = text.partition(":")
    if sep and head.strip() in unit_names() and " " not in head.strip():
        text = f"{unit_names()[head.strip()]}:{rest}"
    return _SNAKE.sub(lambda m: m.group(1).replace("_", " "), text)


#: Patterns that must never appear in a rendered report (the leak test uses them).
LEAKS = (
    re.compile(r"count:"),
    re.compile(r"\bNone vs\b|\bvs None\b|: None\b|\(None\)"),
    re.compile(r"(?m)(?:^|\| |· )(?:usd|eur|gbp|jpy|krw|km2|pp):"),
    re.compile(r"\b(?:killed_or_injured|service_years|[a-z]+_[a-z]+_[a-z]+)\b"),
    re.compile(r"\d (?:usd|eur|gbp|jpy|krw|km2)\b"),
)
