"""TMP001 (date-conflict): order-independence of every fixture case, and the explanation.

Features are built from text with the real extractors, so a case checks the date
resolution, the event attachment and the rule together.
"""

from __future__ import annotations

from typing import Any

import pytest

from consist.rules.base import RuleContext, Violation
from consist.rules.tmp001_date_conflict import DateConflict
from consist.types import Pair
from tests.helpers import claim_from_case, load_cases
from tests.helpers import run_case as _run_case

CASES = load_cases("TMP001")


def run_case(case: dict[str, Any]) -> list[Violation]:
    return _run_case("TMP001", case)


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
    left = claim_from_case({"text": "x", "outlet": "A"}, "a")
    right = claim_from_case({"text": "y", "outlet": "B"}, "b")
    pair = Pair(left, right, group_id=0, similarity=1.0)
    assert list(DateConflict().check(pair, RuleContext(features={}))) == []
