"""TMP001: two sources date the same event in intervals that cannot overlap."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import ClassVar

from consist.extract.dates import describe, event_phrase, parse_published, resolution_is_stable
from consist.extract.entities import canonical_name
from consist.rules.base import Rule, RuleContext, Violation, who
from consist.types import Claim, ClaimFeatures, DateMention, Pair

# Events that happen once to the people a story is about, so two dates for them clash.
# Deaths, deployments and publications recur (more troops are sent, more soldiers die,
# more articles appear): two dates for those are usually two events.
_SINGULAR_EVENTS = frozenset({"capture", "defect", "release", "interview"})
# One person gives many interviews: only the same person to the same medium is one event.
_REPEATABLE = frozenset({"interview"})
_NOUNS = {"capture": "capture", "defect": "defection", "release": "release",
          "interview": "interview"}  # fmt: skip

# Capitalised words that name sides and places rather than the people an event befell.
_NOT_NAMES = frozenset(
    """the a an this that these those it its their his her he she they we our i in on at
    since last early mid late by for from as of and but if when while after before
    north south korea korean koreans ukraine ukrainian ukrainians russia russian russians
    u.s. us united states american america kyiv moscow seoul pyongyang washington kursk
    president minister ministry foreign government officials official forces army military
    national intelligence service nis pow pows war world yonhap ap reuters rep mr ms dr
    however earlier later another reports report sources according during despite meanwhile
    both two one some many all there what with regarding also then so yet""".split()
)
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:-[a-z]+)?\b")
_MONTH_AND_DAY_NAMES = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|Mar|Apr"
    r"|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)$"
)


class DateConflict(Rule):
    """Two sources date the same event in intervals that cannot overlap.

    What it flags:
        A pair of claims that date the same one-off event (a capture, a defection, a
        release, an interview) when each date, resolved against its document's date,
        gives an interval and the two intervals are disjoint, with a small allowance for
        fuzzy edges ("early January" may run to the 13th; a day may be off by one for
        time zones). Severity is high when both dates are firm, medium when either is
        relative to an approximate document date that could shift it (a weekday,
        "last month"). (The same party at two dates is reported by the pipeline as a
        low-severity revision.)

    Why:
        When a story is retold, the date of its central event drifts ("in early
        January" becomes "last year"). Readers compare dates least, so such drift goes
        unnoticed and is repeated.

    Flagged:
        "Ukrainian forces captured two North Korean soldiers in early January." (about
        2025-02-23) / "Since their capture last year, the U.S. has considered ..."
        (about 2025-03-06): early January 2025 against 2024.

    Not flagged:
        The same interview "published on Wednesday" and "a Feb. 19 interview" (the
        weekday resolves to a window that holds Feb. 19); "sent between October and
        November last year" / "Last year, North Korea dispatched" (overlap, and
        deployments recur); "captured in January" / "Zelenskyy confirmed the capture on
        Saturday" (the date belongs to the confirmation, a different event); dates of
        different events; "since the late 1990s" or "the 1950s" against anything, as
        they date no event; interviews of two different named people.
    """

    code: ClassVar[str] = "TMP001"
    name: ClassVar[str] = "date-conflict"
    kind: ClassVar[str] = "temporal"
    status: ClassVar[str] = "stable"
    default_options: ClassVar[dict[str, int]] = {
        # Days an exact date may be off (time zones, "Thursday (local time)").
        "day_slack": 1,
        # Days the edges of "early/mid/late January" or a weekday window may be off.
        "fuzzy_slack": 3,
    }

    def candidate_keys(self, features: ClaimFeatures) -> frozenset[str]:
        """Claims that date the same event are compared."""
        return frozenset("e:" + key for key, _ in features.events)

    def check(self, pair: Pair, ctx: RuleContext) -> Iterator[Violation]:
        left, right = pair.left, pair.right
        if _distinct_people(left.text, right.text) or _same_sentence(left.text, right.text):
            return
        seen: set[str] = set()
        for key, lm in ctx.of(left).events:
            if key not in _SINGULAR_EVENTS or key in seen or _is_open(lm, left):
                continue
            for rkey, rm in ctx.of(right).events:
                if rkey != key or _is_open(rm, right) or not self._disjoint(lm, rm):
                    continue
                if key in _REPEATABLE and len(_names(left.text) & _names(right.text)) < 2:
                    continue
                seen.add(key)
                yield self._violation(key, left, lm, right, rm)
                break

    def _disjoint(self, a: DateMention, b: DateMention) -> bool:
        a_first, a_last = self._soft(a)
        b_first, b_last = self._soft(b)
        return a_last < b_first or b_last < a_first

    def _soft(self, m: DateMention) -> tuple[date, date]:
        """The interval, widened at edges the wording leaves fuzzy."""
        first, last = date.fromisoformat(m.first), date.fromisoformat(m.last)
        if m.precision == "day":
            pad = timedelta(days=int(self.options["day_slack"]))
            return first - pad, last + pad
        if m.precision == "week":
            # "early January" may stretch past the 10th, but not into December.
            pad = timedelta(days=int(self.options["fuzzy_slack"]))
            if first.day != 1:
                first -= pad
            if (last + timedelta(days=1)).day != 1:
                last += pad
        return first, last

    def _violation(
        self, key: str, left: Claim, lm: DateMention, right: Claim, rm: DateMention
    ) -> Violation:
        # One party at two dates is made a low-severity revision by the pipeline
        # (consist.findings), for every rule alike; the rule judges the dates only.
        severity, confidence = _severity(left, lm, right, rm)
        noun = _NOUNS.get(key, key)
        explanation = (
            f"{who(left)} {_quote(left, key, lm)}; {who(right)} {_quote(right, key, rm)}. "
            "These cannot both be true."
        )
        summary = f"{noun.capitalize()} dated {_short(lm)} vs {_short(rm)}"
        return Violation(severity, confidence, summary, explanation, key=key)


def _quote(claim: Claim, key: str, m: DateMention) -> str:
    """says 'captured ... in early January', i.e. early January 2025 (2025-01-01 to ...)."""
    return f"says '{event_phrase(claim.text, key, m)}', i.e. {describe(m)}"


def _short(m: DateMention) -> str:
    """The label without its ISO interval, for the one-line summary."""
    return describe(m).split(" (")[0]


def _is_open(m: DateMention, claim: Claim) -> bool:
    """Intervals that do not date an event: "since ..." spans, and the future (plans)."""
    if m.text.lower().startswith("since"):
        return True
    ref = parse_published(claim.published, claim.published_approx)
    return ref is not None and date.fromisoformat(m.first) > ref.hi


def _firm(claim: Claim, m: DateMention) -> bool:
    if not claim.published_approx:
        return True
    return resolution_is_stable(claim.text, m, claim.published)


def _severity(left: Claim, lm: DateMention, right: Claim, rm: DateMention) -> tuple[str, float]:
    """High when both dates are firm; medium when an approximate document date could
    move either (a weekday, "last month" near a month's end)."""
    if _firm(left, lm) and _firm(right, rm):
        return "high", 0.85
    return "medium", 0.65


def _names(text: str) -> set[str]:
    """Capitalised words that could name a person ("Baek", "Lee"), minus sides and places.

    Spellings are unified ("Ri" and "Lee" are one romanised surname), so one soldier
    named two ways still counts as the same person.
    """
    found = set()
    for m in _CAPITALISED.finditer(text):
        word = m.group()
        if word.lower() in _NOT_NAMES or _MONTH_AND_DAY_NAMES.match(word):
            continue
        found.add((canonical_name(word) or word).lower())
    return found


def _distinct_people(a: str, b: str) -> bool:
    """Both claims name someone, and nobody in common: likely two people's events."""
    names_a, names_b = _names(a), _names(b)
    return bool(names_a) and bool(names_b) and not names_a & names_b


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


def _same_sentence(a: str, b: str) -> bool:
    """A sentence copied into a later article: its relative dates resolve differently
    against the two publication dates, but it cannot contradict itself."""
    wa, wb = _words(a), _words(b)
    return bool(wa) and len(wa & wb) >= 0.8 * len(wa | wb)
