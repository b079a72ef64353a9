"""The severity policy (consist.severity) and how findings are assembled (issue 14):
one finding per disagreement with every supporting quote, stable ids, summaries that
name whose figure is whose, and no internal names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from consist.findings import build_findings
from consist.rules.base import Rule, RuleContext, Violation
from consist.severity import FACTS, POLICY, RULE_REASON, assess, policy_text
from consist.types import Claim, ClaimFeatures, Pair, Quantity
from tests.helpers import make_claim


@pytest.mark.parametrize(
    ("facts", "fallback", "severity"),
    [
        ({"revision", "same_time"}, "high", "low"),
        ({"hedged", "incompatible"}, "high", "low"),
        ({"same_time"}, "low", "high"),
        ({"incompatible", "different_times"}, "low", "high"),
        ({"cumulative", "different_times"}, "high", "medium"),
        ({"different_times"}, "high", "medium"),
        ({"approximate"}, "low", "medium"),
        (set(), "low", "low"),
        (set(), "high", "high"),
        ({"not-a-fact"}, "high", "high"),
    ],
)
def test_policy(facts: set[str], fallback: str, severity: str) -> None:
    assert assess(facts, fallback).severity == severity


def test_every_finding_gets_a_reason() -> None:
    assert assess(set(), "high").reason == RULE_REASON
    assert "rising" in assess({"cumulative", "different_times"}, "high").reason
    assert all(row[0] == "*" or set(row[0].split("+")) <= set(FACTS) for row in POLICY)
    text = policy_text()
    assert "revision" in text and "-> high" in text and "rule's own severity" in text


class _Fake(Rule):
    """Fake rule for assembly tests."""

    code = "NUM999"
    name = "fake"
    kind = "numeric"

    def __init__(self, violations: dict[tuple[str, str], list[Violation]]) -> None:
        super().__init__()
        self.violations = violations

    def check(self, pair: Pair, ctx: RuleContext) -> Iterator[Violation]:
        yield from self.violations.get((pair.left.id, pair.right.id), [])


def _q(text: str, value: float, measure: str) -> Quantity:
    return Quantity(value, value, value, text, 0, len(text), measure=measure)


def _run(
    rule: _Fake, pairs: list[tuple[Claim, Claim]], features: dict[str, ClaimFeatures] | None = None
) -> list:  # type: ignore[type-arg]
    ctx = RuleContext(features=features or {})
    results = [
        (rule, Pair(a, b, 0, 0.9), v) for a, b in pairs for v in rule.check(Pair(a, b, 0, 0.9), ctx)
    ]
    return list(build_findings(results, {0: "topic"}, features))


A1 = make_claim("Officials said 300 people were killed.", cid="a1", outlet="Daily", path="a.txt")
A2 = make_claim(
    "Again, 300 people were killed, officials said.", cid="a2", outlet="Daily", path="a.txt"
)
B1 = make_claim("The toll is 4,000 killed.", cid="b1", outlet="Wire", path="b.txt")


def _violation(summary: str = "killed: 300 vs 4,000", **kw: object) -> Violation:
    return Violation("medium", 0.8, summary, "They differ.", key="killed", **kw)  # type: ignore[arg-type]


def test_one_disagreement_is_one_finding_with_every_quote() -> None:
    rule = _Fake({("a1", "b1"): [_violation()], ("a2", "b1"): [_violation()]})
    findings = _run(rule, [(A1, B1), (A2, B1)])
    assert len(findings) == 1
    assert {c.text for c in findings[0].claims} == {A1.text, A2.text, B1.text}


def test_id_is_stable_when_a_repeated_quote_is_added() -> None:
    # The id hashes, per party, the quote whose normalised text sorts first: a repeated
    # quote that sorts later ("the officials ..." > "officials ...") leaves it alone.
    later = make_claim(
        "The officials repeated: 300 were killed.", cid="a4", outlet="Daily", path="d.txt"
    )
    alone = _run(_Fake({("a1", "b1"): [_violation()]}), [(A1, B1)])
    both = _run(
        _Fake({("a1", "b1"): [_violation()], ("a4", "b1"): [_violation()]}), [(A1, B1), (later, B1)]
    )
    assert len(both) == 1 and len(both[0].claims) == 3
    assert alone[0].id == both[0].id
    # One that sorts first becomes the party's canonical quote: a new id, by design.
    earlier = _run(
        _Fake({("a1", "b1"): [_violation()], ("a2", "b1"): [_violation()]}), [(A1, B1), (A2, B1)]
    )
    assert earlier[0].id != alone[0].id


def test_facts_decide_severity_and_reason() -> None:
    rule = _Fake({("a1", "b1"): [_violation(facts=frozenset({"same_time"}))]})
    (finding,) = _run(rule, [(A1, B1)])
    assert finding.severity == "high"
    assert "same time" in finding.severity_reason


def test_same_party_is_a_revision() -> None:
    later = make_claim("Officials now say 400 were killed.", cid="a3", outlet="Daily", path="c.txt")
    (finding,) = _run(_Fake({("a1", "a3"): [_violation()]}), [(A1, later)])
    assert finding.severity == "low"
    assert finding.summary.startswith("Revision by Daily")
    assert "revision" in finding.severity_reason


def test_summary_names_whose_figure_is_whose_in_claim_order() -> None:
    features = {
        "a1": ClaimFeatures("a1", quantities=(_q("300", 300, "killed"),)),
        "b1": ClaimFeatures("b1", quantities=(_q("4,000", 4000, "killed"),)),
    }
    rule = _Fake({("a1", "b1"): [_violation("killed: 300 vs 4,000")]})
    (finding,) = _run(rule, [(A1, B1)], features)
    assert finding.summary == "killed: 300 (Daily) vs 4,000 (Wire)"
    assert [c.outlet for c in finding.claims] == ["Daily", "Wire"]


def test_summary_never_shows_two_equal_numbers() -> None:
    features = {
        "a1": ClaimFeatures("a1", quantities=(_q("about 4,000", 4000, "killed"),)),
        "b1": ClaimFeatures("b1", quantities=(_q("about 4,000", 4000, "killed_or_injured"),)),
    }
    # The rule wrote the part first although it belongs to the first claim's partner.
    summary = "killed or injured vs killed: about 4,000 vs about 4,000"
    rule = _Fake({("a1", "b1"): [_violation(summary)]})
    (finding,) = _run(rule, [(A1, B1)], features)
    assert finding.summary == "about 4,000: killed (Daily) vs killed or injured (Wire)"
    assert finding.summary.count("4,000") == 1


def test_internal_names_do_not_reach_a_finding() -> None:
    v = Violation(
        "low", 0.5, "usd: $3 vs $5", "count:None differs; killed_or_injured too.", key="count:usd"
    )
    (finding,) = _run(_Fake({("a1", "b1"): [v]}), [(A1, B1)])
    assert finding.topic == "amount (USD)"
    assert finding.summary.startswith("amount (USD):")
    assert "count:" not in finding.explanation and "killed_or_injured" not in finding.explanation


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("A: $3 million usd. B: $5 million usd.", "A: $3 million. B: $5 million."),
        ("3 million eur vs 4 million eur", "3 million EUR vs 4 million EUR"),
        ("count:vehicle: 12 vs 20", "number of vehicles: 12 vs 20"),
        ("an area of 984 km2", "an area of 984 km²"),
        ("killed_or_injured: 3 vs 4", "killed or injured: 3 vs 4"),
        ("Plain words stay: usd is a code.", "Plain words stay: usd is a code."),
    ],
)
def test_public_wording(raw: str, shown: str) -> None:
    from consist.wording import public

    assert public(raw) == shown


def test_counted_nouns_read_as_plurals() -> None:
    from consist.wording import public

    shown = public("vehicle: 12 vs 20. A said 12,000 vehicle; B 1 vehicle.", "count:vehicle")
    assert shown == "number of vehicles: 12 vs 20. A said 12,000 vehicles; B 1 vehicle."


def test_a_two_value_summary_names_the_parties_in_order() -> None:
    v = Violation("high", 0.8, "Capture dated January 2025 vs 2024", "e", key="capture")
    (finding,) = _run(_Fake({("a1", "b1"): [v]}), [(A1, B1)])
    assert finding.summary == "Capture dated January 2025 (Daily) vs 2024 (Wire)"
    named = Violation("high", 0.8, "Daily denies what Wire asserts vs nothing", "e", key="x")
    (finding,) = _run(_Fake({("a1", "b1"): [named]}), [(A1, B1)])
    assert finding.summary == "Daily denies what Wire asserts vs nothing"
