"""NUM001 quantity-mismatch: two sources give figures for one measured thing that
cannot both hold."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from consist.extract import quantity_lexicon as lx
from consist.rules.base import Rule, RuleContext, Violation, later_of, who
from consist.types import Claim, ClaimFeatures, Pair, Quantity, TimeScope

# The measures of the quantity lexicon (consist/data/quantities, plus configured packs)
# name a count of an event or state: two of them compare on their own. Anything else (a
# verb outside the lexicon, a unit such as percent or money, or no measure) is the same
# measure only when the measure phrases read from the two sentences mean the same
# (their embeddings, ``phrases``) or, without embeddings, when the words around agree.
ATTRIBUTES = frozenset({"age", "service_years", "respective"})
GENERAL_ENTITIES = frozenset({None, "person", "victim", "casualty", "individual"})
# Figures never compared: a denied figure, the old value of a change, a part of a
# larger group, a figure recalled from another event.
UNCOMPARED = frozenset({"previous", "negated", "partial", "other_event"})
# Cosine similarity of two measure phrases above which they name one measure; a lower
# bar when both count the same noun ("nurses laid off" / "nurses lost their jobs").
SAME_PHRASE = 0.7
SAME_PHRASE_SAME_NOUN = 0.64


def _parts() -> dict[str, str]:
    """part -> whole for the combined measures of the lexicon: a part never exceeds it."""
    return {part: whole for whole, parts in lx.COMBINED.items() for part in parts}


def _is_lexicon(measure: str | None) -> bool:
    return measure is not None and measure in lx.MEASURE_LABELS


_SEVERITY_RANK = {"low": 0, "medium": 1, "high": 2}
_WORD = re.compile(r"[A-Za-z]+")
_WORD_OR_NUMBER = re.compile(r"[A-Za-z]+|\d[\d,.]*")
_STOPWORDS = frozenset(
    "a an the of in on at to for by with and or is are was were be been has have had it"
    " its that this than more less over under about".split()
)


@dataclass(frozen=True)
class _Match:
    """Two quantities judged to measure the same thing, and how they relate."""

    left: Quantity
    right: Quantity
    relation: str  # "same", "part_left" (left is a part of right), "part_right"
    by_context: bool
    # Which side counts a narrower group ("two brothers" against "three people"), if
    # either: its figure may be smaller than the other's, never larger.
    subset: str | None = None


class QuantityMismatch(Rule):
    """Two sources give figures for the same measured thing that cannot both hold.

    What it flags: a pair of claims from different parties where a quantity with the
    same measure (killed, injured, sent, remaining, an area, a person's age ...) or a
    part and its whole (killed within killed-or-injured), for a compatible entity,
    owner, holder and unit, in overlapping time scopes, has intervals that do not
    overlap, or where a part is as large as its whole. "About", "more than", ranges and
    unit conversion are taken into account. A later, larger figure for a rising toll is
    flagged with medium severity, and the explanation says a rising toll may explain it.

    Why: a changed count is the commonest factual contradiction between reports, and
    casualty figures are quoted, summed and re-labelled from source to source.

    Flagged: "approximately 300 North Korean soldiers have been killed and another 2,700
    injured" (13 Jan) / "approximately 4,000 of them have been killed or seriously
    injured" (23 Feb); "about 4,000 fatalities" / "about 4,000 killed or seriously
    injured"; "The fire destroyed 40 homes." / "12 homes were destroyed."

    Not flagged: "300 killed and 2,700 injured" / "over 3,000 perished or sustained
    injuries" (the sum fits); "984 square kilometers" / "380 square miles"; "Ri, 26" /
    "Baek, 21" (two people); "more than 12,000 troops sent" / "around 6,000 remain";
    "thousands of soldiers" / "12,000 soldiers"; "about 300" / "310".
    """

    code: ClassVar[str] = "NUM001"
    name: ClassVar[str] = "quantity-mismatch"
    kind: ClassVar[str] = "numeric"
    status: ClassVar[str] = "stable"
    # tolerance: relative gap below which two exact figures are taken as the same
    # report (rounding, a late correction); min_context: share of words around two
    # numbers that must agree when the measure alone does not say they count one thing.
    default_options: ClassVar[dict[str, float]] = {"tolerance": 0.05, "min_context": 0.5}

    # Claims of one event whose measure phrases are this similar are paired.
    phrase_pairing: ClassVar[float | None] = SAME_PHRASE

    def candidate_keys(self, features: ClaimFeatures) -> frozenset[str]:
        """A lexicon measure's group, a unit, or the counted noun: two claims that share
        one may give figures for one thing. Parts, other events and denials give none."""
        keys = set()
        parts = _parts()
        for q in features.quantities:
            if q.approx in UNCOMPARED:
                continue
            if _is_lexicon(q.measure):
                measure = parts.get(q.measure or "", q.measure)
                keys.add(f"m:{q.unit}:{measure}")
            elif q.measure in ATTRIBUTES:
                keys.add(f"a:{q.measure}:{_name_words(q.holder)[-1:]}")
            elif q.unit is not None:
                keys.add(f"u:{q.unit}")
            elif q.entity:
                keys.add(f"e:{q.entity}")
        return frozenset(keys)

    def phrases(self, features: ClaimFeatures) -> Iterable[str]:
        """The measure phrase of every comparable figure ("jobs eliminated"), and "age of
        <surname>" for a person's age, so that two ages of one person meet across topics
        (a quote and a profile line share no other words)."""
        found = {q.phrase for q in features.quantities if q.phrase and q.approx not in UNCOMPARED}
        for q in features.quantities:
            if q.measure in ATTRIBUTES and _name_words(q.holder):
                found.add(f"{lx.label(q.measure)} of {_name_words(q.holder)[-1]}")
        return sorted(found)

    def check(self, pair: Pair, ctx: RuleContext) -> Iterator[Violation]:
        left_qs = ctx.of(pair.left).quantities
        right_qs = ctx.of(pair.right).quantities
        best: dict[str, tuple[tuple[int, float], Violation]] = {}
        min_context = float(self.options["min_context"])
        for match in _align(pair, left_qs, right_qs, min_context, ctx):
            found = _judge(pair, match, float(self.options["tolerance"]))
            if found is None:
                continue
            strength, violation = found
            # One finding per pair and family: "300 killed" vs "4,000 fatalities" and
            # "300 + 2,700 = 3,000" vs "4,000 fatalities" are one disagreement. A direct
            # comparison of one measure explains it best, then the larger gap.
            family = violation.key
            rank = (_SEVERITY_RANK[violation.severity], strength)
            if match.relation == "same":
                rank = (rank[0] + 3, rank[1])
            if family not in best or rank > best[family][0]:
                best[family] = (rank, violation)
        for _, violation in sorted(best.values(), key=lambda sv: sv[1].key):
            yield violation


# --------------------------------------------------------------------- alignment


def _context(claim: Claim, q: Quantity, width: int = 40) -> set[str]:
    """Content words around a number; numbers themselves are left out."""
    text = claim.text
    around = text[max(0, q.start - width) : q.start] + " " + text[q.end : q.end + width]
    return {w.lower() for w in _WORD.findall(around)} - _STOPWORDS


def _similarity(a: set[Any], b: set[Any]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def _positions(claim: Claim, q: Quantity, reach: int = 4) -> set[tuple[int, str]]:
    """The nearest words on each side with their distance: "has [10] fishes" gives
    (-1, has), (1, fishes). Finer than the bag of words, it tells apart two numbers of
    one claim ("Lilly has 10 fishes, Rosy has 7 fishes")."""
    before = [w.lower() for w in _WORD_OR_NUMBER.findall(claim.text[: q.start])][-reach:]
    after = [w.lower() for w in _WORD_OR_NUMBER.findall(claim.text[q.end :])][:reach]
    return {(-(k + 1), w) for k, w in enumerate(reversed(before))} | {
        (k + 1, w) for k, w in enumerate(after)
    }


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _relation(a: Quantity, b: Quantity) -> str | None:
    """How the measures of two quantities relate: "same", a part/whole, or None."""
    parts = _parts()
    if a.measure == b.measure:
        return "same"
    if a.measure is not None and parts.get(a.measure) == b.measure:
        return "part_left"
    if b.measure is not None and parts.get(b.measure) == a.measure:
        return "part_right"
    return None


def _name_words(name: str | None) -> list[str]:
    """A holder's name as lower-case words without a title: "Ms Grace Adeyemi"."""
    words = [w.lower().rstrip(".") for w in (name or "").split()]
    return [w for w in words if w not in lx.HONORIFICS]


def _same_holder(a: str | None, b: str | None) -> bool:
    """One person: the same name, or a surname alone against the full name ending in it
    ("Ortega" / "Lena Ortega"); "Carolyn Jean Holmes" and "Dekitta Holmes" are two."""
    wa, wb = _name_words(a), _name_words(b)
    if not wa or not wb:
        return False
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return short == long if len(short) > 1 else long[-1] == short[0]


def _cumulative(q: Quantity) -> bool:
    """A count that only grows: a cumulative lexicon measure, or a count of cumulative
    things ("cases", "arrests", "infections": lexicon ``cumulative_nouns``)."""
    return q.measure in lx.CUMULATIVE or (q.entity or "") in lx.CUMULATIVE_NOUNS


def _modifier(q: Quantity) -> str | None:
    """The word right before the counted noun in a measure phrase ("league" goals)."""
    words = (q.phrase or "").split()
    for k, w in enumerate(words):
        if k and (w == q.entity or w.rstrip("s") == q.entity):
            prev = words[k - 1]
            verbish = prev.endswith(("ed", "ing")) or prev in lx.DIRECTION_UP
            return None if verbish or prev in lx.DIRECTION_DOWN or prev in lx.PARTICLES else prev
    return None


def _modified(a: Quantity, b: Quantity) -> str | None:
    """The side whose counted noun carries a modifier the other lacks ("19 league goals"
    / "23 goals in all competitions"): a narrower count, which may be smaller."""
    ma, mb = _modifier(a), _modifier(b)
    words_a, words_b = set((a.phrase or "").split()), set((b.phrase or "").split())
    if ma and ma not in words_b and not (mb and mb not in words_a):
        return "left"
    if mb and mb not in words_a and not (ma and ma not in words_b):
        return "right"
    return None


def _names_age(q: Quantity) -> bool:
    words = set((q.phrase or "").split()) | {q.entity or ""}
    return bool(words & {"age", "ages", "aged"})


def _generic_sum(q: Quantity) -> bool:
    """A sum of listed parts of any measure ("$520 million for wages and $250 million
    for equipment"), as opposed to a combined lexicon category (killed + injured)."""
    return q.derived and not any(name in lx.COMBINABLE for name, _ in q.components)


def _clash(a: str | None, b: str | None) -> bool:
    """Whether two measure phrases name opposite changes ("hired" / "laid off")."""
    wa, wb = set((a or "").split()), set((b or "").split())
    up_a, down_a = bool(wa & lx.DIRECTION_UP), bool(wa & lx.DIRECTION_DOWN)
    up_b, down_b = bool(wb & lx.DIRECTION_UP), bool(wb & lx.DIRECTION_DOWN)
    return (up_a and down_b and not down_a) or (down_a and up_b and not up_a)


def _same_by_phrase(a: Quantity, b: Quantity, ctx: RuleContext | None) -> bool | None:
    """Whether the measure phrases of two figures mean the same (their embeddings):
    None when either has no phrase vector (rule tests, no embedder)."""
    if ctx is None or not a.phrase or not b.phrase:
        return None
    sim = ctx.similarity(a.phrase, b.phrase)
    if sim is None:
        return None
    if _clash(a.phrase, b.phrase):
        return False
    holds_a = bool(set(a.phrase.split()) & lx.POPULATION_VERBS)
    if holds_a != bool(set(b.phrase.split()) & lx.POPULATION_VERBS):
        return False  # "a train carrying 140 passengers" is not "23 taken to hospital"
    same_noun = a.entity is not None and a.entity == b.entity
    return sim >= SAME_PHRASE or (same_noun and sim >= SAME_PHRASE_SAME_NOUN)


def _subset(a: str | None, b: str | None) -> str | None:
    """How two counted entities relate: None when one group, "left"/"right" for the side
    that counts a narrower group, "apart" for two different groups.

    "people", "victims" and an unnamed entity are the general case; soldiers, children
    or brothers are people too, so their count may be smaller than the general one.
    """
    if a == b:
        return None
    a_general, b_general = a in GENERAL_ENTITIES, b in GENERAL_ENTITIES
    if a_general and b_general:
        return None
    if a_general and b in lx.PERSON_NOUNS:
        return "right"
    if b_general and a in lx.PERSON_NOUNS:
        return "left"
    return "apart"


def _scopes_apart(a: TimeScope | None, b: TimeScope | None) -> bool:
    """Two periods that do not overlap count different things.

    Snapshots ("as of January", "by early February") are running totals at two dates
    of one count, so they are compared (a later, smaller total is still a conflict).
    """
    if a is None or b is None or a.kind == "at" or b.kind == "at":
        return False
    return a.end < b.start or b.end < a.start


def _comparable(
    a: Quantity, b: Quantity, sim: float, min_context: float, ctx: RuleContext | None = None
) -> _Match | None:
    """Whether two quantities measure the same thing, judged by their words."""
    if a.unit != b.unit or UNCOMPARED & {a.approx, b.approx}:
        return None
    if (a.direction is None) != (b.direction is None) or _scopes_apart(a.scope, b.scope):
        return None  # a change ("rose 8%") and a level ("is 14%") are not one figure
    if _generic_sum(a) or _generic_sum(b):
        whole = b if _generic_sum(a) else a
        if whole.total and not whole.derived and a.unit is not None:
            return _Match(a, b, "same", True)
        return None
    if a.direction is not None:
        same = _same_by_phrase(a, b, ctx)
        if same or (same is None and a.phrase is not None and a.phrase == b.phrase):
            return _Match(a, b, "same", True)
        return None
    generic = not (_is_lexicon(a.measure) or _is_lexicon(b.measure))
    if generic and "vague" in (a.approx, b.approx):
        return None  # "several people jumped" / "one person jumped": too loose to compare
    if generic and _names_age(a) != _names_age(b):
        return None
    if generic and (_names_age(a) or _names_age(b)):
        return None  # "ages 8 and 15" / "age 16": an age with no holder is nobody's
    if a.measure not in ATTRIBUTES and b.measure not in ATTRIBUTES:
        if _is_lexicon(a.measure) != _is_lexicon(b.measure):
            return None  # "two injured" never meets "four people shot": another measure
        if generic:
            same = _same_by_phrase(a, b, ctx)
            if same is not None:
                if not same or not _compatible(a.owner, b.owner):
                    return None
                subset = _subset(a.entity, b.entity)
                if subset == "apart" and a.unit is None:
                    return None
                subset = _modified(a, b) or (None if subset == "apart" else subset)
                return _Match(a, b, "same", True, subset)
    relation = _relation(a, b)
    if relation is None:
        return None
    if a.measure in ATTRIBUTES or b.measure in ATTRIBUTES:
        return _Match(a, b, relation, False) if _same_holder(a.holder, b.holder) else None
    if not _compatible(a.owner, b.owner) or not _compatible(a.holder, b.holder):
        return None
    subset = _subset(a.entity, b.entity)
    if subset == "apart" or (subset is not None and relation != "same"):
        return None
    if _is_lexicon(a.measure) and _is_lexicon(b.measure):
        return _Match(a, b, relation, False, subset)
    if relation != "same" or sim < min_context:
        return None
    if a.measure is None and a.unit is None and a.entity != b.entity:
        return None
    if a.measure is None and a.unit is None and a.entity is None and sim < 0.75:
        return None  # "the average was 76": nothing but the words around says what it is
    return _Match(a, b, relation, True)


def _align(
    pair: Pair,
    left: tuple[Quantity, ...],
    right: tuple[Quantity, ...],
    min_context: float,
    ctx: RuleContext | None = None,
) -> list[_Match]:
    """Pairs of quantities that measure the same thing, each side's best counterpart.

    When a claim holds several candidates ("Jessica ... 35 words, Maurice ... 10
    words"), the counterpart is the one whose surrounding words agree most; a tie is
    ambiguous and skipped rather than guessed.
    """
    lctx = {id(q): _context(pair.left, q) for q in left}
    rctx = {id(q): _context(pair.right, q) for q in right}
    lpos = {id(q): _positions(pair.left, q) for q in left}
    rpos = {id(q): _positions(pair.right, q) for q in right}
    scored: list[tuple[float, _Match]] = []
    for a in left:
        for b in right:
            sim = _similarity(lctx[id(a)], rctx[id(b)])
            match = _comparable(a, b, sim, min_context, ctx)
            if match is not None:
                rank = sim + _similarity(lpos[id(a)], rpos[id(b)])
                scored.append((rank, match))
    return [m for rank, m in scored if _is_best(rank, m, scored)]


def _is_best(sim: float, m: _Match, scored: list[tuple[float, _Match]]) -> bool:
    """Whether ``m`` is the unique best-scoring match of both its quantities."""
    rivals = [
        s for s, o in scored
        if o is not m and o.relation == m.relation and (o.left is m.left or o.right is m.right)
        and not (o.left.derived or o.right.derived or m.left.derived or m.right.derived)
    ]  # fmt: skip
    return all(sim > s for s in rivals)


# --------------------------------------------------------------------- judging


def _effective(q: Quantity) -> tuple[float, float]:
    """The interval a quantity is checked with: vague amounts are read loosely.

    "thousands" is [2000, 9999] as extracted, but reporters write "thousands" for
    12,000 too; the check stretches a vague amount tenfold upwards and halves it
    downwards so that only a wildly different figure contradicts it.
    """
    if q.approx == "vague":
        return q.low / 2, q.high * 10
    return q.low, q.high


def _gap(a: Quantity, b: Quantity) -> float:
    """Relative distance between two intervals (0 when they overlap)."""
    alo, ahi = _effective(a)
    blo, bhi = _effective(b)
    if ahi < blo:
        return (blo - ahi) / max(abs(blo), 1e-9)
    if bhi < alo:
        return (alo - bhi) / max(abs(alo), 1e-9)
    return 0.0


def _disjoint(a: Quantity, b: Quantity) -> bool:
    alo, ahi = _effective(a)
    blo, bhi = _effective(b)
    return ahi < blo or bhi < alo


def _part_whole_conflict(part: Quantity, whole: Quantity, tolerance: float) -> str | None:
    """How a part conflicts with its whole: "exceeds" it, or "equals" it (no room left)."""
    if part.low > whole.high and _gap(part, whole) > tolerance:
        return "exceeds"
    finite = math.isfinite(whole.high) and math.isfinite(part.high)
    bounded = whole.approx not in ("over", "at_least", "vague", "range")
    if finite and bounded and part.approx != "vague" and part.value >= whole.value * 0.95:
        return "equals"
    return None


def _judge(pair: Pair, m: _Match, tolerance: float) -> tuple[float, Violation] | None:
    """A violation when the matched figures cannot both hold, with its severity."""
    if m.relation == "same" and m.left.direction and m.right.direction:
        if m.left.direction != m.right.direction:
            return _opposite_directions(pair, m)
    if _generic_sum(m.left) or _generic_sum(m.right):
        return _parts_against_total(pair, m, tolerance)
    if m.relation == "same":
        if not _disjoint(m.left, m.right) or _aged(pair, m):
            return None
        if m.subset is not None:
            narrow, broad = (m.left, m.right) if m.subset == "left" else (m.right, m.left)
            if narrow.low <= broad.high:
                return None  # fewer soldiers than people killed: no conflict
        exact = m.left.approx is None and m.right.approx is None
        gap = _gap(m.left, m.right)
        if exact and gap <= tolerance and m.left.measure not in ATTRIBUTES:
            return None  # an age is exact: 50 against 49 is two ages
        return _same_measure(pair, m, gap)
    part, whole = (m.left, m.right) if m.relation == "part_left" else (m.right, m.left)
    how = _part_whole_conflict(part, whole, tolerance)
    if how is None:
        return None
    return _part_whole(pair, m, part, whole, how)


def _aged(pair: Pair, m: _Match) -> bool:
    """Whether two ages of one person fit the time between the reports: "Nelson, 18"
    in January and "Nelson, 19" a year later is a birthday, not a contradiction."""
    if m.left.measure != "age":
        return False
    later = later_of(pair.left, pair.right)
    if later is None or not (pair.left.published and pair.right.published):
        return False
    years = abs(int(pair.left.published[:4]) - int(pair.right.published[:4]))
    older, younger = (m.left, m.right) if later is pair.left else (m.right, m.left)
    return 0 <= older.value - younger.value <= years + 1


def _amount(x: float, unit: str | None) -> str:
    """A figure with its unit for explanations: "$770 million", "2,000 m2", "8%"."""
    signs = {"usd": "$", "gbp": "£", "eur": "€", "jpy": "¥"}
    base = (unit or "").split("/")[0]
    if base in signs or (base.isalpha() and len(base) == 3 and base.islower()):
        for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
            if abs(x) >= scale:
                text = f"{x / scale:,.2f}".rstrip("0").rstrip(".") + f" {word}"
                break
        else:
            text = _fmt(x)
        return f"{signs[base]}{text}" if base in signs else f"{text} {base.upper()}"
    return _fmt(x) + (f" {unit}" if unit and unit not in ("count",) else "")


def _fmt(x: float) -> str:
    if not math.isfinite(x):
        return "unbounded"
    if 0 < abs(x) < 1:
        return f"{x:.3g}"
    return f"{x:,.0f}" if abs(x - round(x)) < 1e-6 or abs(x) >= 100 else f"{x:,.2f}".rstrip("0")


def _label(q: Quantity) -> str:
    """What a figure measures, in the words of its sentence where the lexicon is silent."""
    if q.measure == "age" and q.holder:
        return "age"
    if _is_lexicon(q.measure):
        return lx.label(q.measure or "")
    if q.phrase and (q.direction or q.measure is None or q.unit is not None):
        return q.phrase
    if q.measure is None or q.measure in ("percent", "area", "distance", "money"):
        return q.entity or ""
    return lx.label(q.measure)


def measure_name(q: Quantity) -> str:
    """The name of the measure a finding is about, readable ("people killed or injured",
    "ticket prices", "age of Ames"): the lexicon group, else the sentence's own words."""
    if q.measure in ATTRIBUTES and q.holder:
        return f"{lx.label(q.measure)} of {q.holder}"
    if _is_lexicon(q.measure):
        return lx.MEASURE_GROUPS.get(q.measure or "", lx.label(q.measure or ""))
    return _label(q) or q.phrase or q.entity or (q.unit or "figure")


def _facts(pair: Pair, a: Quantity, b: Quantity) -> set[str]:
    """Why a disagreement has its severity (contract 1 in the briefs: Violation.facts)."""
    facts = set()
    if _scopes_coincide(a, b) or (
        pair.left.published and pair.left.published == pair.right.published
    ):
        facts.add("same_time")
    elif later_of(pair.left, pair.right) is not None:
        facts.add("different_times")
    if _cumulative(a) or _cumulative(b):
        facts.add("cumulative")
    if pair.left.party == pair.right.party:
        facts.add("revision")
    if {a.approx, b.approx} & {"about", "nearly", "vague", "range"}:
        facts.add("approximate")
    return facts


def _describe(q: Quantity) -> str:
    """A figure as the explanation quotes it: "300 killed + 2,700 injured = about 3,000 ..."."""
    if q.derived and q.components:
        parts = " + ".join(f"{_fmt(v)} {lx.label(n)}" for n, v in q.components)
        text = f"{parts} = about {_fmt(q.value)} {_label(q)}"
    else:
        text = f"{q.text} {_label(q)}".strip()
        if q.holder:
            text = f"{q.holder}: {text}"
    if q.scope is not None:
        text += f" ({q.scope.text})"
    return text


def _central(q: Quantity) -> float:
    if q.approx == "vague" or not math.isfinite(q.high):
        return q.low
    return q.value


def _difference(a: Quantity, b: Quantity) -> str:
    va, vb = _central(a), _central(b)
    diff = abs(va - vb)
    small = min(va, vb)
    pct = ""
    if small > 0:
        ratio = max(va, vb) / small
        pct = (
            f" ({diff / small:.0%})"
            if ratio < 2
            else f" (the larger is {ratio:.1f} times the smaller)"
        )
    return f"The figures differ by about {_fmt(diff)}{pct}"


def _both(pair: Pair, m: _Match) -> str:
    """Both figures, each with who gave it and when, the earlier report first."""
    first = [(pair.left, m.left), (pair.right, m.right)]
    if later_of(pair.left, pair.right) is pair.left:
        first.reverse()
    return " ".join(f"{who(claim)}: {_describe(q)}." for claim, q in first) + " "


def _scopes_coincide(a: Quantity, b: Quantity) -> bool:
    return (
        a.scope is not None and b.scope is not None
        and (a.scope.start, a.scope.end) == (b.scope.start, b.scope.end)
    )  # fmt: skip


def _same_measure(pair: Pair, m: _Match, gap: float) -> tuple[float, Violation]:
    """Two figures for one measure whose intervals do not overlap."""
    a, b = m.left, m.right
    sentence = _both(pair, m)
    sentence += _difference(a, b)
    severity = "high" if gap >= 0.25 else "medium" if gap >= 0.1 else "low"
    if a.measure in ATTRIBUTES and a.approx is None and b.approx is None:
        severity = "high"  # one person's age or service: two exact values cannot both hold
    later = later_of(pair.left, pair.right)
    if later is not None and not _scopes_coincide(a, b):
        later_q, earlier_q = (a, b) if later is pair.left else (b, a)
        if _central(later_q) > _central(earlier_q) and (_cumulative(a) or _cumulative(b)):
            severity = "medium" if severity == "high" else severity
            sentence += "; the later figure is larger, which a rising toll may explain"
    sentence += "."
    if pair.left.party == pair.right.party:
        severity, sentence = "low", sentence + " The same party gave both: a revision."
    confidence = (0.7 if m.by_context else 0.85) * (0.8 if "vague" in (a.approx, b.approx) else 1)
    confidence *= 0.75 + 0.25 * min(1.0, gap * 2)
    key = measure_name(a)
    summary = f"{key}: {_short(a)} vs {_short(b)}"
    facts = frozenset(_facts(pair, a, b))
    return gap, Violation(severity, round(confidence, 2), summary, sentence, key=key, facts=facts)


def _opposite_directions(pair: Pair, m: _Match) -> tuple[float, Violation]:
    """One measure said to rise by one source and to fall by another."""
    a, b = m.left, m.right
    up, down = (a, b) if a.direction == "up" else (b, a)
    name = measure_name(a)
    sentence = _both(pair, m) + (
        f"One says {name} went up ({up.text}), the other that it went down ({down.text})."
    )
    severity = "high"
    if pair.left.party == pair.right.party:
        severity, sentence = "low", sentence + " The same party gave both: a revision."
    facts = _facts(pair, a, b) | {"direction"}
    summary = f"{name}: up {up.text} vs down {down.text}"
    violation = Violation(severity, 0.8, summary, sentence, key=name, facts=frozenset(facts))
    return 1.0, violation


def _parts_against_total(pair: Pair, m: _Match, tolerance: float) -> tuple[float, Violation] | None:
    """Listed parts ("$520 million for wages and $250 million for equipment") that add
    up to more than the total another source gives ("a total of $650 million"). Parts
    that add up to less leave room for parts not listed, so only an excess is flagged."""
    parts, whole = (m.left, m.right) if m.left.derived else (m.right, m.left)
    if whole.derived or not whole.total or parts.low <= whole.high:
        return None
    gap = _gap(parts, whole)
    if gap <= tolerance:
        return None
    items = " + ".join(f"{_amount(v, parts.unit)} {n}".strip() for n, v in parts.components)
    first = [(pair.left, m.left), (pair.right, m.right)]
    text = " ".join(
        f"{who(c)}: {items} = {_amount(q.value, q.unit)}."
        if q is parts
        else f"{who(c)}: {q.text} in total."
        for c, q in first
    )
    sentence = f"{text} The listed parts add up to more than the total."
    severity = "high" if gap >= 0.1 else "medium"
    if pair.left.party == pair.right.party:
        severity, sentence = "low", sentence + " The same party gave both: a revision."
    name = measure_name(whole)
    summary = f"{name}: parts {_amount(parts.value, parts.unit)} vs total {whole.text}"
    facts = frozenset(_facts(pair, parts, whole))
    return gap, Violation(severity, 0.75, summary, sentence, key=name, facts=facts)


def _short(q: Quantity) -> str:
    return f"about {_fmt(q.value)}" if q.derived else q.text


def _part_whole(
    pair: Pair, m: _Match, part: Quantity, whole: Quantity, how: str
) -> tuple[float, Violation]:
    """A part as large as (or larger than) the whole it belongs to."""
    sentence = _both(pair, m)
    siblings = lx.COMBINED.get(whole.measure or "", ())
    other = " or ".join(lx.label(n) for n in siblings if n != part.measure) or "counted apart"
    if how == "exceeds":
        sentence += f"The {_label(part)} figure is larger than the {_label(whole)} total."
    else:
        sentence += (
            f"{_short(part).capitalize()} {_label(part)} cannot hold alongside "
            f"{_short(whole)} {_label(whole)} unless nobody was {other}."
        )
    severity = "high"
    later = later_of(pair.left, pair.right)
    part_claim = pair.left if part is m.left else pair.right
    if how == "exceeds" and later is part_claim and not _scopes_coincide(part, whole):
        severity = "medium"
        sentence = sentence[:-1] + (
            f"; the later {_label(part)} figure is larger, which a rising toll may explain."
        )
    if pair.left.party == pair.right.party:
        severity, sentence = "low", sentence + " The same party gave both: a revision."
    confidence = 0.8 if how == "equals" else 0.85
    summary = f"{_label(part)} vs {_label(whole)}: {_short(part)} vs {_short(whole)}"
    facts = _facts(pair, part, whole)
    if how == "equals" and part.measure in lx.COMBINABLE and whole.measure in lx.COMBINED:
        facts.add("incompatible")  # "4,000 fatalities" / "4,000 killed or injured"
    key = measure_name(whole)
    return 1.0, Violation(severity, confidence, summary, sentence, key=key, facts=frozenset(facts))
