"""STN002 (nli-contradiction): what it reads from the NLI scores and how it reports.

The rule needs no parse: it looks only at ``ctx.nli_of(pair)``, so these tests build
claims and scores directly. The fixture cases also run through the generic runner.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from consist.rules import all_codes, rule_class, select_rules
from consist.rules.base import RuleContext, Violation
from consist.rules.stn002_nli_contradiction import NLIContradiction
from consist.types import Pair
from tests.helpers import claim_from_case, make_claim

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "rules" / "STN002.yml"
CASES: list[dict[str, Any]] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))["cases"]

LEFT = make_claim("The plant is open.", cid="a", outlet="Daily Post", date="2025-01-01")
RIGHT = make_claim("The plant is closed.", cid="b", outlet="Evening Star", date="2025-01-01")
PAIR = Pair(LEFT, RIGHT, group_id=0, similarity=0.8)


def _check(
    scores: dict[str, float] | None, options: dict[str, Any] | None = None, pair: Pair = PAIR
) -> list[Violation]:
    nli = {} if scores is None else {(pair.left.id, pair.right.id): scores}
    return list(NLIContradiction(options).check(pair, RuleContext(features={}, nli=nli)))


@pytest.mark.parametrize("case", CASES, ids=[f"STN002::{c['name']}" for c in CASES])
def test_fixture_case(case: dict[str, Any]) -> None:
    pair = Pair(claim_from_case(case["left"], "a"), claim_from_case(case["right"], "b"), 0, 1.0)
    found = _check(case.get("nli"), case.get("options"), pair)
    assert bool(found) == (case["expect"] == "flag"), case["name"]
    if found and "severity" in case:
        assert found[0].severity == case["severity"]


def test_fixture_has_enough_cases() -> None:
    expects = [c["expect"] for c in CASES]
    assert expects.count("flag") >= 2 and expects.count("pass") >= 3
    assert any(c["expect"] == "pass" and "nli" not in c for c in CASES)


def test_flag_reports_the_models_judgement() -> None:
    (found,) = _check(
        {"contradiction": 0.954, "entailment": 0.02, "neutral": 0.026},
        {"model": "cross-encoder/nli-deberta-v3-base"},
    )
    assert found.severity == "low"
    assert found.confidence == 0.95
    assert "Daily Post (2025-01-01)" in found.explanation
    assert "Evening Star (2025-01-01)" in found.explanation
    assert (
        "the NLI model cross-encoder/nli-deberta-v3-base judges these contradictory "
        "with probability 0.95" in found.explanation
    )
    assert "model's judgement" in found.explanation
    assert "Daily Post" in found.summary and "Evening Star" in found.summary


def test_unnamed_model_still_reads_well() -> None:
    (found,) = _check({"contradiction": 0.99, "entailment": 0.0, "neutral": 0.01})
    assert "the NLI model judges these contradictory" in found.explanation
    assert found.severity == "medium"


@pytest.mark.parametrize(
    ("contradiction", "severity"), [(0.9, "low"), (0.969, "low"), (0.97, "medium"), (1.0, "medium")]
)
def test_severity_bands(contradiction: float, severity: str) -> None:
    rest = (1 - contradiction) / 2
    (found,) = _check({"contradiction": contradiction, "entailment": rest, "neutral": rest})
    assert found.severity == severity


def test_never_high() -> None:
    found = _check({"contradiction": 1.0, "entailment": 0.0, "neutral": 0.0})
    assert all(v.severity != "high" for v in found)


def test_scores_for_another_pair_are_not_used() -> None:
    nli = {("b", "a"): {"contradiction": 0.99, "entailment": 0.0, "neutral": 0.01}}
    assert not list(NLIContradiction().check(PAIR, RuleContext(features={}, nli=nli)))


def test_different_dates_note_a_possible_change() -> None:
    later = make_claim("The plant is closed.", cid="b", outlet="Evening Star", date="2025-02-01")
    (found,) = _check(
        {"contradiction": 0.95, "entailment": 0.02, "neutral": 0.03}, pair=Pair(LEFT, later, 0, 1)
    )
    assert "Evening Star's statement came later" in found.explanation


def test_key_ignores_order_and_spacing() -> None:
    scores = {"contradiction": 0.95, "entailment": 0.02, "neutral": 0.03}
    swapped = Pair(
        make_claim("The plant is  closed.", cid="a", outlet="Evening Star"),
        make_claim("the plant is open.", cid="b", outlet="Daily Post"),
        0,
        1.0,
    )
    assert _check(scores)[0].key == _check(scores, pair=swapped)[0].key


def test_unknown_option_is_an_error() -> None:
    with pytest.raises(ValueError, match="STN002"):
        NLIContradiction({"treshold": 0.5})


def test_registered_as_preview_selected_only_by_full_code() -> None:
    assert "STN002" in all_codes()
    assert rule_class("STN002") is NLIContradiction
    assert NLIContradiction.status == "preview"
    assert "STN002" not in [r.code for r in select_rules(["STN"])]
    assert "STN002" not in [r.code for r in select_rules(["ALL"])]
    assert "STN002" in [r.code for r in select_rules(["STN", "STN002"])]
    assert [r.code for r in select_rules(["stn002"])] == ["STN002"]
