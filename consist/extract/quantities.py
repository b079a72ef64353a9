"""Claim text -> quantities: each number as an interval, with what it counts and when.

The extractor is rule-based and deterministic (no model), because every finding must be
explainable from the words of the claim. It reads a number, the words that bound or
soften it ("about", "more than", "between ... and"), its unit, and then what is counted:
the ``entity`` (soldiers), the ``measure`` (killed, injured, sent ...), whose it is
(``owner``) and, for facts about one person, the ``holder``. Numbers that are not counts
(years, dates, ordinals, identifiers, times of day, page furniture) are dropped.

Approximation (the choice the issue leaves open): "about N" widens N by half the
magnitude of its last significant digit, but at least 10% of N. So "about 300" is
[250, 350], "about 4,000" is [3500, 4500] and "about 2,700" is [2430, 2970]. Rounded
figures are read as their rounding says, and no approximate figure is trusted to
better than 10%. Exact digits ("2,700") stay a point; the rule's ``tolerance`` option
absorbs tiny differences between two exact figures.

Open bounds use the next float: "more than 8" is (8, inf) stored as
[nextafter(8), inf], so that "8" and "more than 8" never overlap.

``Quantity.approx`` records the wording, and tells the rule what may be compared:
``about``, ``nearly``, ``over``, ``at_least``, ``under``, ``up_to``, ``range``,
``vague`` ("thousands"), and three that are never compared: ``negated`` ("did not
send 5,000"), ``partial`` ("two other people", "two more people": a count of others
than someone named elsewhere) and ``previous`` ("rose from 300 to 400": the old value).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from consist.extract import quantity_lexicon as lx
from consist.extract.numbers import NumberMatch, Token, is_digits, parse_number, tokenize
from consist.extract.units import currency_before, rate_at, unit_at
from consist.types import DateMention, Quantity, TimeScope

_APPROX_WORDS = (
    "nearly about", "approximately", "about", "around", "roughly", "some", "an estimated",
    "estimated", "close to", "almost about", "circa", "approx", "approx .", "more or less",
    "or so",
)  # fmt: skip
_LOWER_OPEN = ("more than", "over", "above", "in excess of", "upwards of", "exceeding",
               "just over", "well over", "greater than")  # fmt: skip
_LOWER_CLOSED: tuple[str, ...] = (
    "at least", "no fewer than", "no less than", "a minimum of", "minimum of",
)  # fmt: skip
_UPPER_OPEN = ("less than", "fewer than", "under", "below", "just under", "well under")
_UPPER_CLOSED = ("up to", "at most", "no more than", "as many as", "a maximum of",
                 "maximum of", "not more than", "not over")  # fmt: skip
_LOWER_CLOSED += ("not less than", "not fewer than")
_NEGATIONS = {"not", "n't", "never", "no", "nor", "without"}
_NEAR_BELOW = ("nearly", "almost", "close to nearly")
_DIGITS = tuple("0123456789")
_PHONE = re.compile(r"\+?\(?\d{2,4}\)?[-. ]\d{3,4}[-. ]\d{3,4}\b")
_TIME = re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?|o['’]clock)(?![a-z])", re.I)
_SCOPE_AT = re.compile(r"(?:as of|as at|by|until|till|through|to date|up to)\s*$", re.I)
_SCOPE_DURING = re.compile(
    r"(?:over|in|during|since|throughout|within|for|from|between)"
    r"(?:\s+the)?(?:\s+(?:past|last|first|previous))?\s*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _Bounded:
    """A number with its bounds and wording, before what it counts is known."""

    value: float
    low: float
    high: float
    first: int  # first token (including modifiers)
    last: int  # last token (including unit)
    num_last: int  # last token of the number itself (before its unit)
    approx: str | None
    unit: str | None = None
    unit_measure: str | None = None


def _phrase_before(tokens: list[Token], i: int, phrases: Sequence[str]) -> int:
    """Length in tokens of the longest phrase in ``phrases`` ending just before ``i``."""
    best = 0
    for phrase in phrases:
        words = phrase.split()
        n = len(words)
        if i - n >= 0 and [t.low for t in tokens[i - n : i]] == words:
            best = max(best, n)
    return best


def _widen(value: float, step: float) -> tuple[float, float]:
    """The interval "about ``value``" stands for (see the module docstring)."""
    tol = max(step / 2, 0.1 * value)
    return max(0.0, value - tol), value + tol


def _apply_modifier(
    num: NumberMatch, tokens: list[Token], unit_factor: float
) -> tuple[float, float, float, int, str | None]:
    """(value, low, high, modifier length, approx) for the words before a number."""
    v = num.value * unit_factor
    step = num.step * unit_factor
    i = num.first
    if num.form == "vague":
        lo, hi = num.low * unit_factor, num.high * unit_factor
        return lo, lo, hi, 0, "vague"
    checks: list[tuple[Sequence[str], str]] = [
        (_LOWER_OPEN, "over"), (_LOWER_CLOSED, "at_least"), (_UPPER_OPEN, "under"),
        (_UPPER_CLOSED, "up_to"), (_NEAR_BELOW, "nearly"), (_APPROX_WORDS, "about"),
    ]  # fmt: skip
    best_len, kind = 0, None
    for phrases, name in checks:
        n = _phrase_before(tokens, i, phrases)
        if n > best_len:
            best_len, kind = n, name
    if kind == "over":
        low = math.nextafter(v, math.inf)
        return low, low, math.inf, best_len, kind
    if kind == "at_least":
        return v, v, math.inf, best_len, kind
    if kind == "under":
        high = math.nextafter(v, -math.inf)
        return high, min(0.0, high), high, best_len, kind
    if kind == "up_to":
        return v, 0.0, v, best_len, kind
    if kind == "nearly":
        return v, max(0.0, v - max(step, 0.1 * v)), v, best_len, kind
    if kind == "about":
        lo, hi = _widen(v, step)
        return v, lo, hi, best_len, kind
    return v, v, v, 0, None


def _suffix(tokens: list[Token], j: int) -> tuple[str | None, int]:
    """Wording after a number that bounds it: "or more", "or so", "-plus", "+"."""
    nxt = [t.low for t in tokens[j + 1 : j + 3]]
    if nxt[:2] in (["or", "more"], ["or", "above"]):
        return "at_least", 2
    if nxt[:2] in (["or", "so"], ["or", "thereabouts"]):
        return "about", 2
    if nxt[:1] == ["+"] and tokens[j + 1].start == tokens[j].end:
        return "at_least", 1
    if nxt[:2] == ["-", "plus"]:
        return "at_least", 2
    return None, 0


def _unit_after(
    tokens: list[Token], j: int, num: NumberMatch
) -> tuple[str | None, str | None, float, int]:
    """(canonical unit, unit measure, factor, tokens used) right after the number."""
    found = unit_at(tokens, j + 1)
    if found is None:
        return None, None, 1.0, 0
    unit, used = found
    words = " ".join(t.low for t in tokens[j + 1 : j + 1 + used])
    if words == "pounds" and num.value >= 1e6:  # "17.7 billion pounds" is money
        return "gbp", "money", 1.0, used
    if unit.canonical == "year":
        return _years_unit(tokens, j, used)
    return unit.canonical, unit.measure, unit.factor, used


def _years_unit(
    tokens: list[Token], j: int, used: int
) -> tuple[str | None, str | None, float, int]:
    """An age for "26 years old" / "26-year-old"; a span of years for "for 10 years"."""
    after = [t.low for t in tokens[j + 1 + used : j + 3 + used]]
    if after[:1] == ["old"]:
        return "year", "age", 1.0, used + 1
    if after[:2] == ["-", "old"]:
        return "year", "age", 1.0, used + 2
    return "year", "duration", 1.0, used


def _read_number(tokens: list[Token], num: NumberMatch) -> _Bounded:
    """Bounds, unit and currency around one parsed number."""
    j = num.last
    if j + 1 < len(tokens) and tokens[j + 1].text == "-":
        found = unit_at(tokens, j + 2)  # "26-year-old", "5-km"
        if found is not None and found[0].canonical == "year":
            unit, umeasure, factor, used = _years_unit(tokens, j + 1, found[1])
            unit_used = used + 1
        elif found is not None and found[0].canonical != "%":
            unit, umeasure, factor = found[0].canonical, found[0].measure, found[0].factor
            unit_used = found[1] + 1
        else:
            unit, umeasure, factor, unit_used = _unit_after(tokens, j, num)
    else:
        unit, umeasure, factor, unit_used = _unit_after(tokens, j, num)
    cur = currency_before(tokens, num.first)
    value, low, high, mod_len, approx = _apply_modifier(num, tokens, factor)
    first = num.first - mod_len
    if cur is not None:
        unit, umeasure = cur[0], "money"
        first = min(first, num.first - cur[1])
        mod_more = _phrase_before(tokens, first, ("more than", "over", "about", "approximately"))
        if mod_more and approx is None:
            shifted = replace(num, first=first)
            value, low, high, extra, approx = _apply_modifier(shifted, tokens, factor)
            first -= extra
    suffix, suf_len = _suffix(tokens, j + unit_used)
    if suffix == "at_least" and approx is None:
        value, low, high, approx = value, value, math.inf, suffix
    elif suffix == "about" and approx is None:
        low, high = _widen(value, num.step * factor)
        approx = suffix
    last = j + unit_used + suf_len
    rate = rate_at(tokens, last + 1) if unit is None or umeasure == "money" else None
    if rate is not None:
        # "$900 a week" is a rate: compared per year, so that "$46,800 a year" agrees.
        _, per_year, used = rate
        value, low, high = value * per_year, low * per_year, high * per_year
        unit, last = f"{unit or 'count'}/year", last + used
    return _Bounded(value, low, high, first, last, j, approx, unit, umeasure)


def _range_at(tokens: list[Token], i: int) -> tuple[NumberMatch, NumberMatch, int] | None:
    """A range "between 250 and 300" at ``i`` as (low, high, first token), or None."""
    if tokens[i].low != "between" or i + 1 >= len(tokens):
        return None
    a = parse_number(tokens, i + 1)
    if a is None or a.last + 2 >= len(tokens) or tokens[a.last + 1].low != "and":
        return None
    b = parse_number(tokens, a.last + 2)
    if b is None or b.value < a.value or a.form == "vague" or b.form == "vague":
        return None
    return a, b, i


_CHANGE_VERBS = set(
    "rose risen rising rises fell fallen falling falls increased increasing decreased"
    " decreasing grew grown growing climbed climbing jumped jumping dropped dropping"
    " declined declining soared surged up down revised raised lowered".split()
)


def _changed_from(tokens: list[Token], num: NumberMatch) -> bool:
    """Whether the number is the old value of a change ("rose from 300 to 400")."""
    if num.first < 2 or tokens[num.first - 1].low != "from":
        return False
    window = [t.low for t in tokens[max(0, num.first - 5) : num.first - 1]]
    return any(w in _CHANGE_VERBS for w in window)


def _dash_range(tokens: list[Token], a: NumberMatch) -> NumberMatch | None:
    """The upper end of "250-300", "250–300" or "250 to 300", when it is a range."""
    j = a.last + 1
    if j + 1 >= len(tokens) or tokens[j].text not in ("-", "–", "—", "to"):
        return None
    if _changed_from(tokens, a):
        return None
    b = parse_number(tokens, j + 1)
    if b is None or b.form != a.form or b.value <= a.value:
        return None
    if b.last + 1 < len(tokens) and tokens[b.last + 1].text in ("-", "–", ".", ":"):
        if tokens[b.last + 1].end == tokens[b.last].end + 1 and b.last + 2 < len(tokens):
            if tokens[b.last + 2].text[:1] in _DIGITS:
                return None  # phone numbers, versions, scores with more parts
    return b


def _make_range(tokens: list[Token], a: NumberMatch, b: NumberMatch, first: int) -> _Bounded:
    """A range as one bounded number; a unit after the upper end applies to both."""
    upper = _read_number(tokens, b)
    factor = 1.0
    if upper.unit is not None and b.value:
        factor = upper.low / b.value if upper.approx is None else 1.0
    low, high = a.value * factor, b.value * factor
    return _Bounded(
        (low + high) / 2, low, high, first, upper.last, b.last, "range", upper.unit,
        upper.unit_measure,
    )  # fmt: skip


def _blocked_spans(text: str, dates: Sequence[DateMention]) -> list[tuple[int, int]]:
    """Character spans that hold no count: dates, phone numbers, times of day."""
    spans = [(d.start, d.end) for d in dates]
    spans += [(m.start(), m.end()) for m in _PHONE.finditer(text)]
    spans += [(m.start(), m.end()) for m in _TIME.finditer(text)]
    return spans


def _in_spans(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _is_year(tokens: list[Token], num: NumberMatch) -> bool:
    """A bare four-digit number from 1800 to 2100 is a year unless a plural noun follows."""
    tok = tokens[num.first]
    if num.form != "digits" or num.last != num.first or not is_digits(tok.text):
        return False
    if len(tok.text) != 4 or not 1800 <= num.value <= 2100:
        return False
    nxt = tokens[num.last + 1].low if num.last + 1 < len(tokens) else ""
    plural = nxt.endswith("s") and nxt not in lx.STOP and nxt.isalpha()
    return not (plural or nxt in lx.IRREGULAR_PLURALS)


_NONE = Token("", -1, -1)


def _is_label(tokens: list[Token], num: NumberMatch) -> bool:
    """Ordinals, identifiers, ratios, addresses, page furniture: numbers that are not counts."""
    return _shape_label(tokens, num) or _word_label(tokens, num)


def _at(tokens: list[Token], k: int) -> Token:
    return tokens[k] if 0 <= k < len(tokens) else _NONE


def _shape_label(tokens: list[Token], num: NumberMatch) -> bool:
    """Labels told by how the number is written: "68th", "G7", "KN-23", "1/2", "3D"."""
    i, j = num.first, num.last
    prev, nxt = _at(tokens, i - 1), _at(tokens, j + 1)
    glued_prev, glued_next = prev.end == tokens[i].start, nxt.start == tokens[j].end
    if glued_next and nxt.low in ("st", "nd", "rd", "th"):
        return True
    if glued_prev and prev.text[-1:].isalpha():
        return True  # "G7"
    if glued_prev and prev.text in ("-", "#", "/", ":", "№"):
        if prev.text == "#" or _at(tokens, i - 2).end == prev.start:
            return True  # "KN-23", "#4", "1/2"
    if nxt.text in ("/", ":") and _at(tokens, j + 2).text[:1] in _DIGITS:
        return True  # "1 / 2", "1 : 4"
    if prev.text in (":", "/") and _at(tokens, i - 2).text[:1] in _DIGITS:
        return True  # "1 : 4", "3 / 7" written with spaces
    if glued_next and nxt.text[:1].isalpha():
        if unit_at(tokens, j + 1) is None and nxt.low not in ("k", "m", "b", "bn", "mn"):
            return True  # "4x4", "3D"
    return len(prev.text) >= 3 and prev.text.isalpha() and prev.text.isupper()  # "KHOU 11"


def _word_label(tokens: list[Token], num: NumberMatch) -> bool:
    """Labels told by the words around: "member 100", "Jan. 11", "the 5000 block of"."""
    i, j = num.first, num.last
    prev, nxt = _at(tokens, i - 1), _at(tokens, j + 1)
    before2, before3 = _at(tokens, i - 2).low, _at(tokens, i - 3).low
    if prev.low in lx.ID_WORDS or (prev.text in (":", ".") and before2 in lx.ID_WORDS | {"no"}):
        return True  # "member 100", "Photo: 21", "No. 7"
    if prev.low == "of" and (before2 in lx.KIN_WORDS or before3 in lx.ID_WORDS):
        return True  # "a mother of two", "Image 2 of 10"
    if prev.low.rstrip(".") in lx.MONTHS or (prev.text == "." and before2 in lx.MONTHS):
        return True  # "Jan. 11", "January 13": a day of the month
    if nxt.low in lx.MONTHS and nxt.text[:1].isupper() and nxt.low != "may":
        return True  # "21 August 1945"
    if nxt.low == "block" and _at(tokens, j + 2).low == "of":
        return True  # "the 5000 block of San Fernando Street": an address
    if nxt.low == "times":
        return True  # "arrested 10 times": a frequency, not a count of people
    # "0 Comments", "12 Shares": page furniture is capitalised or zero; "5bn shares" is not.
    return nxt.low in lx.METADATA_WORDS and (nxt.text[:1].isupper() or num.value == 0)


def _is_pronoun_one(tokens: list[Token], num: NumberMatch) -> bool:
    """The word "one" not used as a count: "one of the soldiers", "no one"."""
    if tokens[num.first].low != "one" or num.last != num.first:
        return False
    nxt = tokens[num.last + 1].low if num.last + 1 < len(tokens) else "."
    prev = tokens[num.first - 1].low if num.first > 0 else ""
    if nxt in lx.PRONOUN_CONTEXT_AFTER:
        return True
    noun_follows = nxt[:1].isalpha() and nxt not in lx.STOP  # "in which one person died"
    return prev in lx.PRONOUN_CONTEXT_BEFORE and not noun_follows


def _numbers(text: str, tokens: list[Token], dates: Sequence[DateMention]) -> list[_Bounded]:
    """Every number in the text that may be a count or measurement, with its bounds."""
    blocked = _blocked_spans(text, dates)
    found: list[_Bounded] = []
    i = 0
    while i < len(tokens):
        rng = _range_at(tokens, i)
        num = None if rng else parse_number(tokens, i)
        if rng is None and num is None:
            i += 1
            continue
        start_num = rng[0] if rng else num
        assert start_num is not None
        end_tok = rng[1].last if rng else start_num.last
        if _in_spans(tokens[start_num.first].start, tokens[end_tok].end, blocked) or _skip(
            tokens, start_num
        ):
            i = end_tok + 1
            continue
        if rng is not None:
            bounded = _make_range(tokens, rng[0], rng[1], rng[2])
        else:
            upper = _dash_range(tokens, start_num)
            if upper is not None and not _in_spans(
                tokens[upper.first].start, tokens[upper.last].end, blocked
            ):
                bounded = _make_range(tokens, start_num, upper, start_num.first)
            else:
                bounded = _read_number(tokens, start_num)
                if _changed_from(tokens, start_num):
                    bounded = replace(bounded, approx="previous")
        found.append(bounded)
        i = max(bounded.last, bounded.num_last) + 1
    return found


def _skip(tokens: list[Token], num: NumberMatch) -> bool:
    return (
        _is_year(tokens, num) or _is_label(tokens, num) or _is_pronoun_one(tokens, num)
        or _is_ago(tokens, num)
    )  # fmt: skip


def _is_ago(tokens: list[Token], num: NumberMatch) -> bool:
    """A point in time ("ten minutes ago"), whether or not a date was found there."""
    found = unit_at(tokens, num.last + 1)
    if found is None or found[0].measure != "duration":
        return False
    k = num.last + 1 + found[1]
    return k < len(tokens) and tokens[k].low == "ago"


def _negated(tokens: list[Token], b: _Bounded) -> bool:
    """Whether the clause denies the number ("not ten", "had not found twenty").

    A denied figure asserts no value, so it is marked and never compared.
    """
    k = b.first - 1
    steps = 0
    while k >= 0 and steps < 4 and tokens[k].text not in _CLAUSE_END:
        if tokens[k].low in _NEGATIONS or tokens[k].low.endswith("n't"):
            return True
        k, steps = k - 1, steps + 1
    for t in tokens[b.last + 1 : b.last + 6]:
        if t.text in _CLAUSE_END or t.low in _CONJUNCTIONS:
            break
        if t.low in _NEGATIONS or t.low.endswith("n't"):
            return True
    return False


# --------------------------------------------------------------------- what is counted


def singular(word: str) -> str:
    """A rough singular, enough to match "soldiers" with "soldier" and "men" with "man"."""
    w = word.lower()
    if w in lx.IRREGULAR_PLURALS:
        return lx.IRREGULAR_PLURALS[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


_CLAUSE_END = {".", ";", ":", "!", "?", "(", ")", ",", "—", "–", '"', "“", "”", "\n"}


def _noun_run(tokens: list[Token], j: int) -> list[Token]:
    """Words after token ``j`` up to a function word, verb, punctuation or number.

    "thousands of troops" reads through "of" to the noun; "4,000 of them" does not (the
    pronoun is resolved by ``_antecedent``). A noun that names a measure ("fatalities")
    ends the run and is kept; a verb ("remain", "expected") ends it and is not.
    """
    if j + 2 < len(tokens) and tokens[j + 1].low == "of" and tokens[j + 2].low not in lx.STOP:
        j += 1
    if j + 2 < len(tokens) and tokens[j + 1].low in ("more", "fewer", "less", "extra"):
        if tokens[j + 2].low != "than":
            j += 1  # "14 more supermarkets": the noun is still what is counted
    run: list[Token] = []
    k = j + 1
    while k < len(tokens) and len(run) < 5:
        t = tokens[k]
        if t.text in _CLAUSE_END or not t.text[:1].isalpha() or t.low in lx.STOP:
            break
        if t.low in lx.MEASURE_CUES:
            if t.low in lx.NOMINAL_CUES:
                run.append(t)
            break
        if t.low in lx.FUTURE_CUES or t.low in lx.IRREGULAR_VERBS:
            break
        if t.low in ("last", "next") or t.low in lx.WEEKDAYS or t.low in lx.MONTHS:
            break  # "120 nurses last week": a time, not what is counted
        if t.low.endswith(("ing", "ed")) and t.low not in lx.IRREGULAR_PLURALS:
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if run or nxt is None or not nxt.text[:1].isalpha() or nxt.low in lx.STOP:
                break
            k += 1
            continue
        run.append(t)
        k += 1
    return run


def _owner_in(words: list[str]) -> str | None:
    """The demonym in a run of words ("North Korean soldiers" -> "north korean")."""
    joined = " ".join(words)
    for name in lx.DEMONYMS:  # longest forms ("north korean") come before "korean"
        if re.search(rf"\b{name}\b", joined):
            return name
    return None


def _entity(tokens: list[Token], last: int) -> tuple[str | None, str | None, str | None]:
    """(entity, owner, measure named by the noun) read from the words after a number."""
    run = _noun_run(tokens, last)
    words = [t.low for t in run]
    owner = _owner_in(words)
    nouns = [t for t in run if t.text[:1].islower() or t.low in lx.IRREGULAR_PLURALS]
    if not nouns:
        plural = _plural_demonym(words)
        return ("person" if plural else None), owner or plural, None
    cue = next((lx.MEASURE_CUES[w] for w in words if w in lx.MEASURE_CUES), None)
    plain = [t for t in nouns if t.low not in lx.MEASURE_CUES]
    if not plain:
        return None, owner, cue
    return singular(plain[-1].low), owner, cue


def _plural_demonym(words: list[str]) -> str | None:
    """A plural demonym counts people of that country: "34,000 North Koreans"."""
    if words and words[-1].endswith("s"):
        return _owner_in([*words[:-1], words[-1][:-1]])
    return None


def _antecedent(tokens: list[Token], before: int) -> tuple[str | None, str | None]:
    """The nearest group noun earlier in the text ("North Korean forces ... 4,000 of them")."""
    for k in range(before - 1, -1, -1):
        if tokens[k].text in ("!", "?", "\n") or (tokens[k].text == "." and k < before - 1):
            break  # only the same sentence
        if tokens[k].low in lx.GROUP_NOUNS:
            words = [t.low for t in tokens[max(0, k - 3) : k]]
            return singular(tokens[k].low), _owner_in(words)
    plural = _nearest_plural(tokens, before)
    if plural is not None:
        words = [t.low for t in tokens[max(0, plural - 3) : plural]]
        return singular(tokens[plural].low), _owner_in(words)
    return None, None


def _nearest_plural(tokens: list[Token], before: int) -> int | None:
    """The nearest plural noun before ``before`` in the sentence, led by a determiner,
    adjective or demonym ("North Korean forces", "the workers"): what "of them" counts."""
    for k in range(before - 2, 0, -1):
        t, prev = tokens[k], tokens[k - 1]
        if t.text in (".", "!", "?", "\n"):
            return None
        w = t.low
        if not (t.text.isalpha() and t.text[:1].islower() and w.endswith("s")):
            continue
        if w.endswith("ss") or len(w) < 4 or w in lx.STOP or w in lx.REPORTING:
            continue
        if w in lx.MEASURE_CUES or w in lx.AUXILIARIES:
            continue
        if prev.low in lx.STOP or prev.text[:1].isupper() or prev.low.endswith(("al", "ic", "an")):
            return k
    return None


_CONJUNCTIONS = {
    "and", "but", "while", "after", "before", "when", "including", "because", "where", "whose",
    "once", "unless", "until",
}  # fmt: skip


def _window(tokens: list[Token], start: int, stop_at_numbers: set[int]) -> list[Token]:
    """Tokens from ``start`` to the end of the clause, the next number, or a conjunction
    that opens another clause before any measure was named ("27 and left X dead")."""
    out: list[Token] = []
    seen_cue = False
    for k in range(start, min(len(tokens), start + 10)):
        t = tokens[k]
        if t.text in _CLAUSE_END or k in stop_at_numbers:
            break
        if t.low in _CONJUNCTIONS and not seen_cue:
            break
        if t.low == "which" and out and out[-1].low in ("in", "during", "at", "after"):
            break  # "shootings in which one person was killed": another subject
        seen_cue = seen_cue or t.low in lx.MEASURE_CUES
        out.append(t)
    return out


def _combined(window: list[Token], idx: int) -> bool:
    """Whether the cue at ``idx`` is joined to a second one as one category.

    "killed or seriously injured" and "perished or sustained injuries" are; with "and"
    only the set phrase "killed and injured" / "dead and wounded" is, since "left eight
    injured and killed a man" names two separate facts.
    """
    first = lx.MEASURE_CUES.get(window[idx].low)
    if idx + 2 < len(window) and window[idx + 1].low == "and":
        second = lx.MEASURE_CUES.get(window[idx + 2].low)
        parts = lx.COMBINED.get(_whole_of(first) or "", ())
        return len(parts) >= 2 and (first, second) == parts[:2]
    for k in range(idx + 1, min(len(window), idx + 5)):
        if window[k].low == "or":
            for m in range(k + 1, min(len(window), k + 4)):
                other = lx.MEASURE_CUES.get(window[m].low)
                if other and other != first and other in lx.COMBINABLE:
                    return True
            return False
    return False


def _whole_of(part: str | None) -> str | None:
    """The combined measure a part belongs to ("killed" -> "killed_or_injured")."""
    return next((w for w, parts in lx.COMBINED.items() if part in parts), None)


def _other_verb(t: Token) -> bool:
    """A participle outside the lexicon ("held", "armed"): the number's own predicate,
    so a cue further on belongs to something else ("two people held in the killing")."""
    w = t.low
    return (
        w.endswith("ed")
        and len(w) > 4
        and w not in lx.MEASURE_CUES
        and w not in lx.FUTURE_CUES
        and w not in lx.REPORTING
    ) or w in lx.IRREGULAR_VERBS


def _measure_in(window: list[Token], *, stop_at_verbs: bool = False) -> tuple[str | None, bool]:
    """(measure, future) from the first cue in a window of words."""
    for idx, t in enumerate(window):
        cue = lx.MEASURE_CUES.get(t.low)
        if cue is None:
            if stop_at_verbs and _other_verb(t) and t.low not in ("shot", "found"):
                return None, False
            continue
        future = any(w.low in lx.FUTURE_CUES for w in window[:idx])
        if cue in lx.COMBINABLE and _combined(window, idx):
            return _whole_of(cue), future
        return cue, future
    return None, False


def _generic_verb(window: list[Token]) -> str | None:
    """A measure for verbs outside the lexicon ("destroyed"), from the first -ed word."""
    for t in window:
        w = t.low
        if w in lx.REPORTING or w in lx.STOP:
            continue
        if w.endswith("ed") and len(w) > 4 and t.text[:1].islower():
            return w
    return None


def _before_window(tokens: list[Token], first: int, numbers: set[int]) -> list[Token]:
    """Up to three words before a number, inside its clause: "has sent more than"."""
    out: list[Token] = []
    for k in range(first - 1, max(-1, first - 4), -1):
        t = tokens[k]
        if t.text in _CLAUSE_END or k in numbers:
            break
        out.insert(0, t)
    return out


_BRIDGE = set(
    "more than over about approximately nearly almost around roughly some another at least"
    " up to an estimated a total of the as many few some additional further least"
    # a toll that "rose to" or "stands at" a number still counts it
    " rose risen climbed reached stands stood now has had increased jumped".split()
)


def _governing(before: list[Token]) -> list[Token]:
    """The words before a number that can govern it: a verb joined to it only by bounds
    and determiners ("has sent more than 12,000", "captured two"), not "killed and
    another 2,700", where "killed" belongs to an earlier number."""
    k = len(before)
    while k > 0 and before[k - 1].low in _BRIDGE:
        k -= 1
    return before[max(0, k - 1) : k]


@dataclass(frozen=True, slots=True)
class _Meaning:
    measure: str | None
    entity: str | None
    owner: str | None
    holder: str | None


def _meaning(tokens: list[Token], b: _Bounded, numbers: set[int]) -> _Meaning:
    """What a number counts: measure, entity, owner and (for ages) holder."""
    if b.unit_measure == "age":
        return _Meaning("age", None, None, _name_before(tokens, b.first))
    age_holder = _bare_age(tokens, b)
    if age_holder is not None:
        return _Meaning("age", None, None, age_holder)
    entity, owner, noun_measure = _entity(tokens, b.last)
    run = _noun_run(tokens, b.last)
    start = _index_after(tokens, run, b.last)
    if not run:
        start = _past_partitive(tokens, start)
    if run and run[-1].low in lx.MEASURE_CUES:
        start -= 1  # "20 people dead or injured": the cue may open a combined category
    after = _window(tokens, start, numbers)
    measure, future = _measure_in(after, stop_at_verbs=True)
    before = _governing(_before_window(tokens, b.first, numbers))
    pre_measure, pre_future = _measure_in(before)
    if pre_measure is not None and pre_measure not in ("remaining",):
        measure, future = pre_measure, pre_future
    if noun_measure is not None and (measure is None or noun_measure in lx.COMBINED):
        measure = noun_measure if measure not in lx.COMBINED else measure
    if measure is None:
        measure = _generic_verb(after) or _generic_verb(before)
    if future and measure is not None:
        measure = "expected"
    if _respectively(tokens, b.last):
        # "served for 10 and 4 years respectively": each figure belongs to someone named
        # elsewhere in the sentence, so it is an attribute that needs its holder.
        served = any(t.low.startswith(("serv", "service")) for t in tokens[: b.first])
        measure = "service_years" if served and b.unit == "year" else "respective"
    elif b.unit_measure is not None and b.unit_measure != "duration":
        measure = measure if b.unit_measure == "money" else b.unit_measure
    return _Meaning(measure, entity, owner, None)


def _past_partitive(tokens: list[Token], k: int) -> int:
    """Skip "of the injured victims" in "two of the injured victims were guards".

    The words of a partitive name the group the number is taken from, not what
    happened to the part: the measure is read from the predicate after it.
    """
    if k + 1 >= len(tokens) or tokens[k].low != "of":
        return k
    if tokens[k + 1].low not in ("the", "those", "these", "them", "their"):
        return k
    m = k + 2
    while m < len(tokens) and tokens[m].text[:1].isalpha() and tokens[m].low not in lx.STOP:
        m += 1
    return m


def _index_after(tokens: list[Token], run: list[Token], last: int) -> int:
    """The token index just after the noun run (or after the number when it is empty)."""
    if not run:
        return last + 1
    end = run[-1].end
    return next((k for k in range(last + 1, len(tokens)) if tokens[k].start >= end), len(tokens))


def _respectively(tokens: list[Token], last: int) -> bool:
    """Whether "respectively" closes the list this number is in."""
    for t in tokens[last + 1 : last + 10]:
        if t.low == "respectively":
            return True
        if t.text in (".", ";", "\n"):
            return False
    return False


def _full_name(tokens: list[Token], last: int) -> str | None:
    """The run of capitalised words ending at token ``last``: "Carolyn Jean Holmes".

    Holders are whole names, so that "Carolyn Jean Holmes, 48" and "Dekitta Holmes, 29"
    are two people, not one "Holmes".
    """
    words: list[str] = []
    k = last
    while k >= 0 and len(words) < 4:
        t = tokens[k]
        if t.text == "-" and words and k > 0 and tokens[k - 1].end == t.start:
            words.insert(0, t.text)
            k -= 1
            continue
        if not (t.text[:1].isupper() and t.text.isalpha()) or t.low in lx.STOP:
            break
        if t.low in lx.WEEKDAYS or t.low in lx.MONTHS:
            break  # "Friday, a 33-year-old man": a day, not a name
        words.insert(0, t.text)
        k -= 1
    if not words or words[0] == "-":
        return None
    return " ".join(words).replace(" - ", "-")


def _name_before(tokens: list[Token], first: int) -> str | None:
    """The holder of "Kim, a 26-year-old soldier": a name right before the age only."""
    k = first - 1
    if k >= 0 and tokens[k].low in ("a", "an"):
        k -= 1
    if k >= 2 and tokens[k].low in ("is", "was") and tokens[k - 1].low == "who":
        k -= 2  # "Roseline, who is 50 years old"
    if k >= 1 and tokens[k].text == ",":
        return _full_name(tokens, k - 1)
    return None


def _bare_age(tokens: list[Token], b: _Bounded) -> str | None:
    """An age: a small number right after a name ("Ri, 26," and "Baek (21, left)")."""
    if b.unit is not None or b.approx is not None or b.first < 2 or b.first != b.num_last:
        return None
    tok = tokens[b.first]
    if not is_digits(tok.text) or not 1 <= int(tok.text) <= 120:
        return None
    sep = tokens[b.first - 1]
    nxt = tokens[b.first + 1].text if b.first + 1 < len(tokens) else "."
    if nxt not in (",", ")", "."):
        return None
    if sep.low in ("is", "was") and b.first >= 4 and tokens[b.first - 2].low == "who":
        if tokens[b.first - 3].text == ",":  # "Ames, who is 49, led the trial"
            return _full_name(tokens, b.first - 4)
        return None
    if sep.text not in (",", "("):
        return None
    return _full_name(tokens, b.first - 2)


def _partial(
    text: str, q: Quantity, tokens: list[Token], b: _Bounded, first_in_claim: bool
) -> bool:
    """A count of others than someone named elsewhere: "Two other people were wounded".

    Within one claim "killed one and wounded eight others" is whole; as the claim's first
    number, "other" points outside the claim, so the figure is not a total.
    """
    follow = [t.low for t in tokens[b.last + 1 : b.last + 3]]
    if follow[:1] and follow[0] in ("additional", "further"):
        return True  # "found two additional victims": more than some counted elsewhere
    if not first_in_claim:
        return False
    if {"other", "others"} & set(follow):
        return True
    if follow[:1] == ["more"]:  # "killed two more people", but not "14 more ... than"
        clause = _window(tokens, b.last + 1, set())
        return not any(t.low == "than" for t in clause)
    return False


def _words_match(tokens: list[Token], k: int, phrase: str) -> bool:
    words = phrase.split()
    return [t.low for t in tokens[k : k + len(words)]] == words


def _part_of_whole(tokens: list[Token], b: _Bounded, first_in_claim: bool) -> bool:
    """A figure that counts a part of a larger group, not the whole: "two of the
    victims", "among the three killed", "including two children", "another three",
    "the three most seriously injured", "two died at the scene", "two victims ...
    have been identified". A part is never set against a total as its rival."""
    k = b.first - 1
    while k >= 0 and tokens[k].low in ("the", "a", "an", "those", "these"):
        k -= 1
    # "another 2,700" after "300 killed and" adds a category; as the claim's first
    # figure it counts others than the ones another sentence gave.
    cues = lx.PARTITIVE_BEFORE + (lx.ADDITIVE_BEFORE if first_in_claim else [])
    for phrase in cues:
        n = len(phrase.split())
        if k - n + 1 >= 0 and _words_match(tokens, k - n + 1, phrase):
            return True
    after = max(b.last, b.num_last) + 1
    if any(_words_match(tokens, after, phrase) for phrase in lx.PARTITIVE_AFTER):
        return True
    clause: list[Token] = []
    for t in tokens[after : after + 14]:
        if t.text in _CLAUSE_END:
            break
        clause.append(t)
    for j in range(len(clause)):
        if any(_words_match(clause, j, phrase) for phrase in lx.PARTITIVE_RESTRICTORS):
            return True
    # "killed one person ... and then killed himself": the count leaves out the actor.
    return any(t.low in lx.REFLEXIVE for t in tokens[after : after + 14])


def _other_event(
    text: str,
    tokens: list[Token],
    b: _Bounded,
    dates: Sequence[DateMention],
    published: str | None,
) -> bool:
    """A figure recalled from another event: its sentence names an earlier date ("in a
    shooting Aug. 26, 2015", "between January 2010 and August 2013"), a cue ("last
    year", "in a separate", "so far this year"), or the number follows "after" and a
    name ("a month after Lanza killed 20")."""
    low = " " + " ".join(t.low for t in tokens) + " "
    if any(f" {cue} " in low for cue in lx.OTHER_EVENT_CUES):
        return True
    if published and len(published) >= 7:
        start, end = tokens[b.first].start, tokens[max(b.last, b.num_last)].end
        for d in dates:  # an earlier date in the figure's own clause
            if d.last and d.last[:7] < _months_before(published, 2):
                if _governs(text, start, end, d):
                    return True
    before = [t for t in tokens[max(0, b.first - 8) : b.first]]
    for idx, t in enumerate(before):
        if t.low == "after" and any(
            w.text[:1].isupper() and w.text.isalpha() for w in before[idx + 1 :]
        ):
            return True
    return False


def _months_before(iso: str, months: int) -> str:
    """ "YYYY-MM" of the month ``months`` before an ISO date."""
    year, month = int(iso[:4]), int(iso[5:7])
    total = year * 12 + (month - 1) - months
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def _direction(tokens: list[Token], b: _Bounded, entity: str | None) -> tuple[str, int] | None:
    """("up", verb index) for "rose 8%", "raised the fee by $5"; ("down", ...) for "fell
    2%", "cut by 300". Only a change: "rose to 14" is a level, and "cut 300 jobs" counts
    jobs (the number has a noun of its own: a count of what was cut, not a change)."""
    k = b.first - 1
    reach = 1
    if k >= 0 and tokens[k].low == "by":
        k, reach = k - 1, 4  # "raised the fee by $5": the verb may come before its object
    elif entity is not None and b.unit is None:
        return None
    for j in range(k, max(-1, k - reach), -1):
        t = tokens[j]
        if t.text in _CLAUSE_END:
            return None
        if t.low in lx.DIRECTION_UP:
            return "up", j
        if t.low in lx.DIRECTION_DOWN:
            return "down", j
    return None


def _subject(tokens: list[Token], verb: int) -> list[str]:
    """The content words before a verb in its clause: "Ticket prices" rose."""
    out: list[str] = []
    for k in range(verb - 1, max(-1, verb - 8), -1):
        if len(out) == 4:
            break
        t = tokens[k]
        if t.text in _CLAUSE_END or not t.text.isalpha():
            break
        if t.low in lx.STOP or t.low in lx.AUXILIARIES or t.low in lx.REPORTING:
            continue  # "Turnout in the northern district was": read through "in the"
        if t.low in ("year", "week", "month", "season") and _at(tokens, k - 1).low in (
            "this",
            "last",
            "next",
        ):
            continue  # "spending this year": a time, not the subject
        out.insert(0, t.low)
    return out


def _content(words: Sequence[Token], limit: int) -> list[str]:
    out: list[str] = []
    for t in words:
        w = t.low
        if not t.text.isalpha() or t.text[:1].isupper() and w not in lx.MEASURE_CUES:
            continue
        if w in lx.AUXILIARIES or w in lx.REPORTING or w in lx.WEEKDAYS:
            continue
        if w in lx.STOP and w not in lx.PARTICLES:
            continue
        out.append(w)
        if len(out) == limit:
            break
    return out


# Prepositions of place and circumstance end a measure phrase; "to", "into", "from"
# and "for" lead what the figure is about ("taken to hospital"), so they do not.
_PREPOSITIONS = set(
    "at in on with by of near after before during since over under across"
    " through around about between among against within without".split()
)


def _phrase(tokens: list[Token], b: _Bounded, direction: tuple[str, int] | None) -> str | None:
    """The measure phrase of a figure, read from its sentence: the governing words
    before it, what it counts and the verb after ("hospital laid off nurses", "jobs
    eliminated", "ticket prices" for "Ticket prices rose 8%")."""
    if direction is not None:
        verb = direction[1]
        # "raised the fee by $5": the object; "Ticket prices rose 8%": the subject.
        obj = _content(tokens[verb + 1 : b.first], 3)
        words = [w for w in obj if w != "by"] or _subject(tokens, verb)
        return " ".join(words) or None
    for k in range(b.first - 1, max(-1, b.first - 5), -1):
        t = tokens[k]
        if t.text in _CLAUSE_END or (_verb_like(t.low) and t.low not in lx.COPULAS):
            break  # "was carrying 140": the verb's, not the copula's
        if t.low in lx.COPULAS:  # "Total spending this year was $1.4bn": the subject
            words = _subject(tokens, k)
            if words:
                return " ".join(words)
    before: list[Token] = []
    for k in range(b.first - 1, max(-1, b.first - 5), -1):
        t = tokens[k]
        if t.text in _CLAUSE_END or t.text[:1] in _DIGITS or t.low in _CONJUNCTIONS:
            break
        before.insert(0, t)
    run = _noun_run(tokens, max(b.last, b.num_last))
    start = _index_after(tokens, run, max(b.last, b.num_last))
    after: list[Token] = []
    for t in tokens[start : start + 6]:
        if t.text in _CLAUSE_END or t.text[:1] in _DIGITS or t.low in ("last", "next"):
            break
        if t.low in _PREPOSITIONS:
            break  # "workers lost their jobs at the plant": the place is not the measure
        after.append(t)
    lead = _content(before, 3)
    verbs = [i for i, w in enumerate(lead) if _verb_like(w)]
    if verbs:
        lead = lead[verbs[-1] :]  # "The company cut 300 jobs": "cut jobs", not its subject
    words = lead + [t.low for t in run] + _content(after, 3)
    return " ".join(words) or None


def _verb_like(word: str) -> bool:
    return (
        word in lx.DIRECTION_UP or word in lx.DIRECTION_DOWN or word in lx.IRREGULAR_VERBS
        or (word.endswith("ed") and len(word) > 4) or word in lx.POPULATION_VERBS
    )  # fmt: skip


def _is_total(tokens: list[Token], b: _Bounded) -> bool:
    """ "a total of $650 million", "$650 million in all", "a $1.2bn budget"."""
    near = [t.low for t in tokens[max(0, b.first - 3) : b.first]]
    near += [t.low for t in tokens[b.last + 1 : b.last + 3]]
    return any(w in lx.TOTAL_CUES for w in near)


# --------------------------------------------------------------------- time scope


def _governs(text: str, q_start: int, q_end: int, d: DateMention) -> bool:
    """Whether a date phrase can scope a number: in its clause after it ("4,000 killed
    over the past two months"), or fronted at the start of the sentence ("As of January
    2025, over 3,000 ..."). "thousands of troops, marking the first engagement since
    the 1950s" is another clause."""
    if d.start >= q_end:
        return not re.search(r"[,;:()\u2014]|\n", text[q_end : d.start])
    if d.end <= q_start:
        lead = text[: max(0, d.start - 12)]
        fronted = not re.search(r"[.!?;]\s|\n", text[max(0, d.start - 40) : d.start]) and (
            not lead.strip() or bool(re.search(r"[.!?]\s*$", lead))
        )
        close = q_start - d.end <= 30 and not re.search(r"[,;()]", text[d.end : q_start])
        return fronted or close
    return False


def _scope(
    text: str, q: tuple[int, int], dates: Sequence[DateMention], published: str | None
) -> TimeScope | None:
    """The time scope of a quantity: the nearest governing date led by a scope cue."""
    q_start, q_end = q
    best: tuple[int, TimeScope] | None = None
    for d in dates:
        kind = _scope_kind(text, d)
        if kind is None or not _governs(text, q_start, q_end, d):
            continue
        start, end = d.first, d.last
        if text[max(0, d.start - 8) : d.start].lower().rstrip().endswith("since") or (
            d.text.lower().startswith("since")
        ):
            end = max(end, published or end)
        distance = abs(d.start - q_start)
        scope = TimeScope(start, end, kind, d.text, d.precision)
        if best is None or distance < best[0]:
            best = (distance, scope)
    return best[1] if best else None


def _scope_kind(text: str, d: DateMention) -> str | None:
    """The scope kind: "at" for as-of / by cues, "during" for over / since / in."""
    lead = text[max(0, d.start - 25) : d.start]
    own = d.text.lower()
    if _SCOPE_AT.search(lead) or own.startswith(("as of", "by ", "until")):
        return "at"
    if _SCOPE_DURING.search(lead) or own.startswith(("over ", "since ", "in ", "during ")):
        return "during"
    return None


# --------------------------------------------------------------------- assembly


def _quantity(text: str, tokens: list[Token], b: _Bounded, m: _Meaning) -> Quantity:
    start, end = tokens[b.first].start, tokens[max(b.last, b.num_last)].end
    return Quantity(
        value=b.value, low=b.low, high=b.high, text=text[start:end], start=start, end=end,
        unit=b.unit, measure=m.measure, entity=m.entity, owner=m.owner, approx=b.approx,
        holder=m.holder,
    )  # fmt: skip


def _near(text: str, prev: Quantity | None, q: Quantity) -> bool:
    """Whether ``prev`` ends shortly before ``q`` in the same sentence."""
    if prev is None:
        return False
    gap = text[prev.end : q.start]
    return len(gap) <= 60 and not re.search(r"[.;!?]\s", gap)


def _share_unit(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """A bare number joined to the next one shares its unit: "for 10 and 4 years"."""
    out = list(quantities)
    for k in range(len(out) - 1):
        q, nxt = out[k], out[k + 1]
        if q.unit is None and nxt.unit is not None and nxt.unit != "usd":
            if re.fullmatch(r"\s*(?:and|or|,|to)\s*", text[q.end : nxt.start]):
                out[k] = replace(q, unit=nxt.unit, measure=nxt.measure, entity=None)
    return out


def _inherit(
    text: str, quantities: list[Quantity], tokens: list[Token], firsts: list[int]
) -> list[Quantity]:
    """Give "another 2,700 injured" and "4,000 of them" the entity they refer back to."""
    out: list[Quantity] = []
    for k, q in enumerate(quantities):
        if q.entity is None and q.unit is None and q.measure not in lx.ATTRIBUTE_MEASURES:
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.entity is not None
                and prev.unit is None
                and _near(text, prev, q)
            ):
                q = replace(q, entity=prev.entity, owner=q.owner or prev.owner)
            else:
                entity, owner = _antecedent(tokens, firsts[k])
                q = replace(q, entity=entity, owner=q.owner or owner)
        out.append(q)
    return out


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _derived(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Sums of parts: "300 killed and 2,700 injured" is about 3,000 killed or injured (a
    combined measure of the lexicon), and "$520 million for wages and $250 million for
    equipment" is $770 million spent in all (listed parts of any measure)."""
    return [*_combined_sum(text, quantities), *_listed_sum(text, quantities)]


def _combined_sum(text: str, quantities: list[Quantity]) -> list[Quantity]:
    out: list[Quantity] = []
    for whole, (first, second) in ((w, p[:2]) for w, p in lx.COMBINED.items() if len(p) >= 2):
        if any(q.measure == whole for q in quantities):
            continue
        ones = [q for q in quantities if q.measure == first and math.isfinite(q.high)]
        twos = [q for q in quantities if q.measure == second and math.isfinite(q.high)]
        if len(ones) != 1 or len(twos) != 1:
            continue
        k, i = ones[0], twos[0]
        if UNCOMPARED_FORMS & {k.approx, i.approx}:
            continue
        if not (_compatible(k.entity, i.entity) and _compatible(k.owner, i.owner)):
            continue
        start, end = min(k.start, i.start), max(k.end, i.end)
        out.append(
            Quantity(
                value=k.value + i.value, low=k.low + i.low, high=k.high + i.high,
                text=text[start:end], start=start, end=end, measure=whole,
                entity=k.entity or i.entity, owner=k.owner or i.owner,
                approx="about" if (k.approx or i.approx) else None, scope=k.scope or i.scope,
                components=((first, k.value), (second, i.value)), derived=True,
            )
        )  # fmt: skip
    return out


# Figures that are not whole values of this event: never summed.
UNCOMPARED_FORMS = {"previous", "negated", "partial", "other_event"}


def _listed_sum(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Two or more amounts of one unit listed in one sentence ("X for A, Y for B and Z
    for C"), none of them a total or a change: their sum, with each part named."""
    run: list[Quantity] = []
    best: list[Quantity] = []
    for q in quantities:
        ok = (
            q.unit is not None and q.unit not in ("%", "pp", "year") and not q.total
            and q.direction is None and q.approx not in UNCOMPARED_FORMS
            and math.isfinite(q.high) and q.measure not in lx.ATTRIBUTE_MEASURES
        )  # fmt: skip
        joined = (
            run and q.unit == run[-1].unit and len(text[run[-1].end : q.start]) <= 40
            and re.search(r"(?:,|\band\b)", text[run[-1].end : q.start]) is not None
        )  # fmt: skip
        if ok and joined:
            run.append(q)
        else:
            run = [q] if ok else []
        if len(run) >= 2 and len(run) > len(best):
            best = list(run)
    if len(best) < 2:
        return []
    start, end = best[0].start, best[-1].end
    names = tuple((_part_name(text, q), q.value) for q in best)
    return [
        Quantity(
            value=sum(q.value for q in best), low=sum(q.low for q in best),
            high=sum(q.high for q in best), text=text[start:end], start=start, end=end,
            unit=best[0].unit, approx="about" if any(q.approx for q in best) else None,
            scope=best[0].scope, components=names, derived=True,
            phrase=best[0].phrase,
        )
    ]  # fmt: skip


def _part_name(text: str, q: Quantity) -> str:
    """What a listed amount is for: "wages" in "$520 million for wages"."""
    m = re.match(r"\s*(?:for|on|in|to)\s+((?:[a-z]+\s?){1,3})", text[q.end :])
    if m is None:
        return ""
    words = [w for w in m.group(1).split() if w not in lx.STOP]
    return " ".join(words[: words.index("and")] if "and" in words else words)


def extract_quantities(
    text: str, *, dates: Sequence[DateMention] = (), published: str | None = None
) -> tuple[Quantity, ...]:
    """Every count or measurement in ``text``, as intervals with what they count.

    ``dates`` are the date expressions found in the same text: numbers inside them are
    never counts, and a cued one ("as of January 2025", "over the past two months")
    gives a quantity its ``scope``. ``published`` closes open periods ("since ...").
    """
    tokens = tokenize(text)
    bounded = _numbers(text, tokens, dates)
    numbers = {k for b in bounded for k in range(b.first, max(b.last, b.num_last) + 1)}
    quantities: list[Quantity] = []
    for b in bounded:
        own = set(range(b.first, max(b.last, b.num_last) + 1))
        if _negated(tokens, b):
            b = replace(b, approx="negated")
        q = _quantity(text, tokens, b, _meaning(tokens, b, numbers - own))
        if q.approx is None and _partial(text, q, tokens, b, not quantities):
            q = replace(q, approx="partial")
        if q.approx != "negated" and q.measure not in lx.ATTRIBUTE_MEASURES:
            if _part_of_whole(tokens, b, not quantities):
                q = replace(q, approx="partial")
            elif _other_event(text, tokens, b, dates, published):
                q = replace(q, approx="other_event")
        direction = _direction(tokens, b, q.entity)
        q = replace(
            q, direction=direction[0] if direction else None,
            phrase=_phrase(tokens, b, direction),
            total=_is_total(tokens, b),
        )  # fmt: skip
        scope = _scope(text, (q.start, q.end), dates, published)
        quantities.append(replace(q, scope=scope) if scope else q)
    quantities = _inherit(text, quantities, tokens, [b.first for b in bounded])
    quantities = _share_unit(text, quantities)
    return tuple(quantities + _derived(text, quantities))
