"""The severity policy: why a disagreement is high, medium or low, written once.

Rules describe a disagreement with *facts* (``Violation.facts``); this module alone
turns facts into a severity and a one-line reason, and ``consist.findings`` applies it
to every finding. A rule that sets no facts keeps its own severity, and the reason
says so. The order of the checks is the policy: the first that applies wins.

=========================================  ========  ======================================
facts                                      severity  reason
=========================================  ========  ======================================
``revision``                               low       the same party at two dates
``hedged``                                 low       one side is hedged
``same_time`` or ``incompatible``          high      cannot both hold
``cumulative`` + ``different_times``       medium    a rising figure may explain it
anything else                              medium    the figures or statements differ
(no facts)                                 rule's    the rule's own assessment
=========================================  ========  ======================================
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: The vocabulary rules may use in ``Violation.facts`` (shared contract 1).
FACTS: dict[str, str] = {
    "same_time": "the two time scopes coincide",
    "different_times": "the two statements are about different dates",
    "cumulative": "the measure only grows over time (a toll, a count to date)",
    "incompatible": "the two cannot both hold at any time",
    "revision": "the same party said both, at different dates",
    "hedged": "one side is hedged or uncertain",
    "approximate": "a figure is approximate",
    "group_vs_individual": "one side speaks of a group, the other of one member",
    "direction": "one says it rose, the other that it fell",
}


@dataclass(frozen=True)
class Assessment:
    severity: str
    reason: str


#: The policy as (condition, severity, reason) rows, for documentation and ``assess``.
POLICY: tuple[tuple[str, str, str], ...] = (
    ("revision", "low", "the same party at two dates: likely a revision, not a disagreement"),
    ("hedged", "low", "one side is hedged, so this may be uncertainty rather than conflict"),
    ("same_time", "high", "the two statements cover the same time, so both cannot hold"),
    ("incompatible", "high", "the two statements cannot both hold at any time"),
    (
        "cumulative+different_times",
        "medium",
        "a figure that only grows, reported at different dates: a rising figure may explain it",
    ),
    ("*", "medium", "the sources differ, but nothing shows they cannot both hold"),
)

RULE_REASON = "the rule's own rating (it gave no facts for the severity policy)"


def assess(facts: Iterable[str], fallback: str) -> Assessment:
    """The severity and reason for a disagreement with ``facts``.

    ``fallback`` is the rule's own severity, used when there are no facts at all.
    Unknown facts are ignored (a newer rule may know more words than this policy).
    """
    known = frozenset(f for f in facts if f in FACTS)
    if not known:
        return Assessment(fallback, RULE_REASON)
    for condition, severity, reason in POLICY:
        if condition == "*" or frozenset(condition.split("+")) <= known:
            return Assessment(severity, reason)
    raise AssertionError("the policy ends with a catch-all row")  # pragma: no cover


def policy_text() -> str:
    """The policy as plain text lines, for ``consist rule`` and the docs."""
    lines = ["Severity policy (the first matching row wins):"]
    for condition, severity, reason in POLICY:
        label = "otherwise" if condition == "*" else condition.replace("+", " + ")
        lines.append(f"  {label:<28} -> {severity:<6} {reason}")
    lines.append(f"  {'no facts from the rule':<28} -> the rule's own severity")
    return "\n".join(lines)
