"""STN001 (opposite-stance): explanations, symmetry and helpers, on parsed fixture cases.

The generic runner (test_rule_fixtures.py) checks every case's verdict; these tests
look closer at what the findings say.
"""

from __future__ import annotations

from typing import Any

import pytest

from consist.rules.base import Violation
from consist.rules.stn001_opposite_stance import OppositeStance, antonym_swap, same_subject
from tests.helpers import load_cases, run_case

CASES = load_cases("STN001")


def _run(nlp: Any, case: dict[str, Any]) -> list[Violation]:
    return run_case("STN001", case, nlp)


def test_fixture_has_enough_cases() -> None:
    flags = [c for c in CASES if c["expect"] == "flag"]
    passes = [c for c in CASES if c["expect"] == "pass"]
    assert len(flags) >= 8 and len(passes) >= 12


def test_finding_names_parties_dates_and_cues(nlp: Any) -> None:
    case = {
        "left": {
            "text": "The inspectors have not found any defect in the bridge.",
            "speaker": "City inspectors",
            "outlet": "Daily Post",
            "date": "2025-01-13",
        },
        "right": {
            "text": "Earlier, one of the inspectors, Lee, said that he had found a defect in the "
            "bridge.",
            "outlet": "Evening Star",
            "date": "2025-02-23",
            "date_approx": True,
        },
    }
    (v,) = _run(nlp, case)
    assert "City inspectors (via Daily Post, 2025-01-13)" in v.explanation
    assert "Evening Star (about 2025-02-23)" in v.explanation
    assert "have not found any defect" in v.explanation
    assert "came later" in v.explanation
    assert "whole group" in v.explanation
    assert {"incompatible", "different_times", "group_vs_individual"} <= v.facts
    assert 0 < v.confidence < 1
    assert "\n" not in v.summary


def test_summary_quotes_the_claims_words_not_lemmas(nlp: Any) -> None:
    case = next(c for c in CASES if c["name"] == "plan_does_not_raise_taxes_vs_raises_them")
    (v,) = _run(nlp, case)
    assert "raises property taxes" in v.summary and "taxis" not in v.summary + v.explanation


def test_reverse_order_gives_same_finding(nlp: Any) -> None:
    for name in ("recall_notice_sent_vs_none_sent", "denied_that_any_data_was_stolen"):
        case = next(c for c in CASES if c["name"] == name)
        swapped = {**case, "left": case["right"], "right": case["left"]}
        (a,), (b,) = _run(nlp, case), _run(nlp, swapped)
        assert (a.severity, a.key, a.confidence) == (b.severity, b.key, b.confidence)


def test_metadata_and_docstring() -> None:
    assert OppositeStance.code == "STN001"
    assert OppositeStance.name == "opposite-stance"
    assert OppositeStance.kind == "stance"
    assert OppositeStance.status == "stable"
    doc = OppositeStance.__doc__ or ""
    for heading in ("What it flags", "Why", "Flagged", "Not flagged"):
        assert f"{heading}:" in doc


def test_unknown_option_is_rejected() -> None:
    with pytest.raises(ValueError):
        OppositeStance({"nope": 1})


def test_same_subject_uses_aliases() -> None:
    assert same_subject("Lee", "soldier (Lee)")
    assert not same_subject("Lee", "Baek")
    assert same_subject("soldier", "soldier (Lee)")
    assert not same_subject("he", "soldier")
    assert same_subject("Cruz", "Penélope Cruz")
    assert not same_subject("Lee", "Lee Hyo Jin")
    assert same_subject("Lee", "Lee Hyo Jin", {"Lee": "Lee Hyo Jin"})


def test_antonym_swap() -> None:
    assert antonym_swap("A man stands near the rocks.", "A man stands far from the rocks.")
    assert antonym_swap("Opens early.", "Opens late.") is None  # too little shared context
    assert antonym_swap("He is not young at all.", "He is not old at all.") is None
    assert antonym_swap("The game is about to begin now.", "The game is about to end now.")
