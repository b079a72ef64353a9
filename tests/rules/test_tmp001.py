"""TMP001 (date-conflict): every case of fixtures/rules/TMP001.yml, run directly.

Features are built from text with the real extractors, so a case checks the date
resolution, the event attachment and the rule together.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from consist.extract.dates import extract_dates, extract_events
from consist.rules.base import RuleContext, Violation
from consist.rules.tmp001_date_conflict import DateConflict
from consist.types import Claim, ClaimFeatures, Pair, Span

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "rules" / "TMP001.yml"
CASES: list[dict[str, Any]] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))["cases"]


def _claim(cid: str, spec: dict[str, Any]) -> Claim:
    text = str(spec["text"])
    return Claim(
        id=cid,
        doc_id=f"doc-{cid}",
        path=f"{cid}.txt",
        text=text,
        span=Span(0, len(text), 1),
        speaker=spec.get("speaker"),
        outlet=spec.get("outlet"),
        published=str(spec["date"]) if spec.get("date") else None,
        published_approx=bool(spec.get("date_approx", False)),
        context=text,
    )


def _features(claim: Claim) -> ClaimFeatures:
    dates = extract_dates(claim.text, claim.published, approx=claim.published_approx)
    return ClaimFeatures(claim_id=claim.id, dates=dates, events=extract_events(claim.text, dates))


def run_case(case: dict[str, Any]) -> list[Violation]:
    left, right = _claim("a", case["left"]), _claim("b", case["right"])
    ctx = RuleContext(features={c.id: _features(c) for c in (left, right)})
    rule = DateConflict(case.get("options"))
    return list(rule.check(Pair(left, right, group_id=0, similarity=1.0), ctx))


@pytest.mark.parametrize("case", CASES, ids=[f"TMP001::{c['name']}" for c in CASES])
def test_fixture_case(case: dict[str, Any]) -> None:
    found = run_case(case)
    if case["expect"] == "pass":
        assert found == [], found[0].explanation if found else ""
        return
    assert len(found) == 1
    if "severity" in case:
        assert found[0].severity == case["severity"], found[0].explanation


@pytest.mark.parametrize("case", CASES, ids=[f"TMP001::{c['name']}" for c in CASES])
def test_symmetric(case: dict[str, Any]) -> None:
    """Swapping left and right never changes whether a pair is flagged."""
    swapped = {**case, "left": case["right"], "right": case["left"]}
    assert bool(run_case(swapped)) == bool(run_case(case))


def test_fixture_has_enough_cases() -> None:
    expects = [c["expect"] for c in CASES]
    assert expects.count("flag") >= 6 and expects.count("pass") >= 10
    assert len({c["name"] for c in CASES}) == len(CASES)


def test_explanation_names_parties_dates_and_intervals() -> None:
    case = next(c for c in CASES if c["name"] == "capture_year_conflict_across_outlets")
    (v,) = run_case(case)
    assert v.key == "capture"
    assert "The Chosun Ilbo (about 2025-02-23)" in v.explanation
    assert "Yonhap (about 2025-03-06)" in v.explanation
    assert "early January 2025 (2025-01-01 to 2025-01-10)" in v.explanation
    assert "says 'their capture last year', i.e. 2024" in v.explanation
    assert "cannot both be true" in v.explanation
    assert "\n" not in v.summary and len(v.summary) < 80
    assert 0 < v.confidence <= 1


def test_same_party_is_left_to_the_pipeline() -> None:
    """consist.findings turns one party at two dates into a low revision, for all rules."""
    case = next(c for c in CASES if c["name"] == "capture_year_conflict")
    (v,) = run_case(case)
    assert v.severity == "high" and "revision" not in v.explanation


def test_docstring_sections() -> None:
    doc = DateConflict.__doc__ or ""
    assert doc.strip().splitlines()[0].endswith(".")
    for heading in ("What it flags:", "Why:", "Flagged:", "Not flagged:"):
        assert heading in doc


def test_metadata() -> None:
    assert (DateConflict.code, DateConflict.name, DateConflict.kind, DateConflict.status) == (
        "TMP001",
        "date-conflict",
        "temporal",
        "stable",
    )


def test_unknown_option_is_rejected() -> None:
    with pytest.raises(ValueError):
        DateConflict({"nope": 1})


def test_options_change_the_slack() -> None:
    case = next(c for c in CASES if c["name"] == "one_day_apart_is_time_zones")
    assert run_case({**case, "options": {"day_slack": 0}})


def test_empty_features_are_fine() -> None:
    left = _claim("a", {"text": "x", "outlet": "A"})
    right = _claim("b", {"text": "y", "outlet": "B"})
    pair = Pair(left, right, group_id=0, similarity=1.0)
    assert list(DateConflict().check(pair, RuleContext(features={}))) == []
