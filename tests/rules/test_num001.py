"""NUM001 quantity-mismatch: the fixture cases run directly, and the explanation's shape.

The cases in ``fixtures/rules/NUM001.yml`` are run here without the date extractor, so
that the rule's verdicts do not hang on another module; the generic fixture runner
runs them through the full feature stage.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from consist.extract.quantities import extract_quantities
from consist.extract.quantity_lexicon import packs_loaded
from consist.rules.base import RuleContext, Violation
from consist.rules.num001_quantity_mismatch import QuantityMismatch
from consist.types import Claim, ClaimFeatures, Pair, Span, TimeScope

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "rules" / "NUM001.yml"
CASES: list[dict[str, Any]] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))["cases"]


def _claim(cid: str, side: dict[str, Any]) -> Claim:
    text = side["text"]
    date = str(side["date"]) if side.get("date") else None
    return Claim(
        id=cid, doc_id=cid, path=f"{cid}.txt", text=text, span=Span(0, len(text), 1),
        speaker=side.get("speaker"), outlet=side.get("outlet"), published=date, context=text,
    )  # fmt: skip


def run(
    left: dict[str, Any], right: dict[str, Any], packs: Any = (), **options: float
) -> list[Violation]:
    """Check two claims as NUM001 sees them: features from the text, one pair, with the
    quantity lexicon packs the case names."""
    with packs_loaded(packs):
        return _run(left, right, **options)


def _run(left: dict[str, Any], right: dict[str, Any], **options: float) -> list[Violation]:
    a, b = _claim("a", left), _claim("b", right)
    features = {
        c.id: ClaimFeatures(
            claim_id=c.id, quantities=extract_quantities(c.text, published=c.published)
        )
        for c in (a, b)
    }
    rule = QuantityMismatch(options or None)
    return list(rule.check(Pair(a, b, 0, 1.0), RuleContext(features=features)))


def test_fixture_has_enough_cases() -> None:
    expects = [c["expect"] for c in CASES]
    assert expects.count("flag") >= 8 and expects.count("pass") >= 12


@pytest.mark.parametrize("case", CASES, ids=[f"NUM001::{c['name']}" for c in CASES])
def test_fixture_case(case: dict[str, Any]) -> None:
    if case.get("needs") == "dates":
        pytest.skip("runs through the full feature stage in test_rule_fixtures")
    found = run(case["left"], case["right"], case.get("packs", ()))
    if case["expect"] == "pass":
        assert found == [], [v.explanation for v in found]
        return
    assert found, "expected a finding"
    if "severity" in case:
        assert found[0].severity == case["severity"], found[0].explanation


@pytest.mark.parametrize("case", CASES, ids=[f"NUM001::swapped::{c['name']}" for c in CASES])
def test_verdict_does_not_depend_on_order(case: dict[str, Any]) -> None:
    if case.get("needs") == "dates":
        pytest.skip("runs through the full feature stage in test_rule_fixtures")
    packs = case.get("packs", ())
    assert bool(run(case["left"], case["right"], packs)) == bool(
        run(case["right"], case["left"], packs)
    )


def _case(name: str) -> dict[str, Any]:
    return next(c for c in CASES if c["name"] == name)


def test_rising_toll_explanation_shows_arithmetic_parties_and_dates() -> None:
    case = _case("casualties_rising_toll")
    (v,) = run(case["left"], case["right"], case["packs"])
    assert "NIS (via Associated Press, 2025-01-13)" in v.explanation
    assert "Andriy Chernyak (via The Chosun Ilbo, 2025-02-23)" in v.explanation
    assert "300 killed + 2,700 injured = about 3,000 killed or injured" in v.explanation
    assert "differ by about 1,000 (33%)" in v.explanation
    assert "rising toll" in v.explanation
    assert v.key == "people killed or injured"
    assert {"cumulative", "different_times"} <= v.facts
    assert "\n" not in v.summary and len(v.summary) < 100
    assert 0 <= v.confidence <= 1


def test_categories_that_cannot_both_hold_say_why() -> None:
    case = _case("fatalities_against_killed_or_injured")
    (v,) = run(case["left"], case["right"], case["packs"])
    assert "unless nobody was injured" in v.explanation


def test_same_party_at_two_dates_is_a_low_revision() -> None:
    left = {"text": "5 people died in the crash.", "outlet": "River News", "date": "2024-03-10"}
    right = {"text": "9 people died in the crash.", "outlet": "River News", "date": "2024-03-12"}
    (v,) = run(left, right)
    assert v.severity == "low" and "revision" in v.explanation


def test_tolerance_option() -> None:
    case = _case("exact_figures_within_tolerance")
    assert run(case["left"], case["right"], tolerance=0.0)


def test_unknown_option_is_rejected() -> None:
    with pytest.raises(ValueError):
        QuantityMismatch({"nope": 1})


def test_docstring_has_the_four_sections() -> None:
    doc = QuantityMismatch.__doc__ or ""
    for heading in ("What it flags", "Why", "Flagged", "Not flagged"):
        assert f"{heading}:" in doc
    assert QuantityMismatch.code == "NUM001" and QuantityMismatch.kind == "numeric"


def _scoped(cid: str, text: str, date: str, scope: TimeScope) -> tuple[Claim, ClaimFeatures]:
    claim = _claim(cid, {"text": text, "outlet": f"Outlet {cid}", "date": date})
    qs = tuple(replace(q, scope=scope) for q in extract_quantities(text))
    return claim, ClaimFeatures(claim_id=cid, quantities=qs)


def _check_scoped(
    left: tuple[Claim, ClaimFeatures], right: tuple[Claim, ClaimFeatures]
) -> list[Violation]:
    features = {left[0].id: left[1], right[0].id: right[1]}
    return list(QuantityMismatch().check(Pair(left[0], right[0], 0, 1.0), RuleContext(features)))


def test_disjoint_periods_count_different_things() -> None:
    jan = TimeScope("2024-01-01", "2024-01-31", "during", "in January")
    mar = TimeScope("2024-03-01", "2024-03-31", "during", "in March")
    left = _scoped("a", "40 homes were destroyed in January.", "2024-04-01", jan)
    right = _scoped("b", "12 homes were destroyed in March.", "2024-04-01", mar)
    assert _check_scoped(left, right) == []


def test_snapshots_at_two_dates_are_compared() -> None:
    jan = TimeScope("2025-01-01", "2025-01-31", "at", "as of January")
    feb = TimeScope("2025-02-01", "2025-02-10", "at", "by early February")
    left = _scoped("a", "As of January, 300 soldiers had been killed.", "2025-01-31", jan)
    right = _scoped("b", "By early February, 4,000 soldiers had been killed.", "2025-02-10", feb)
    (v,) = _check_scoped(left, right)
    assert v.severity == "medium" and "rising toll" in v.explanation
    assert "by early February" in v.explanation


def test_coinciding_scopes_are_high_even_when_later_is_larger() -> None:
    jan = TimeScope("2025-01-01", "2025-01-31", "during", "in January")
    left = _scoped("a", "In January, 300 soldiers were killed.", "2025-02-01", jan)
    right = _scoped("b", "In January, 4,000 soldiers were killed.", "2025-02-20", jan)
    (v,) = _check_scoped(left, right)
    assert v.severity == "high"
