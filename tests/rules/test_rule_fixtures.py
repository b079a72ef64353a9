"""Every case in fixtures/rules/<CODE>.yml, run through its rule (sqlfluff-style YAML).

A case gives two claims (text, speaker, outlet, date) and whether the rule must flag
them; features are computed from the text exactly as the pipeline does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from consist.features import claim_features
from consist.rules import all_codes, rule_class
from consist.rules.base import RuleContext
from consist.types import Pair
from tests.helpers import ROOT, claim_from_case

FIXTURES = ROOT / "fixtures" / "rules"


def _load(path: Path) -> tuple[str, list[dict[str, Any]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["rule"], data["cases"]


def _cases() -> list[Any]:
    params = []
    for path in sorted(FIXTURES.glob("*.yml")):
        code, cases = _load(path)
        for case in cases:
            params.append(pytest.param(code, case, id=f"{code}::{case['name']}"))
    return params


def run_case(code: str, case: dict[str, Any], nlp: Any) -> list[Any]:
    rule = rule_class(code)(case.get("options"))
    left = claim_from_case(case["left"], "a")
    right = claim_from_case(case["right"], "b")
    features = {
        c.id: claim_features(c, nlp(c.text) if rule.kind == "stance" else None)
        for c in (left, right)
    }
    pair = Pair(left, right, 0, 1.0)
    nli = {(left.id, right.id): case["nli"]} if "nli" in case else {}
    return list(rule.check(pair, RuleContext(features=features, nli=nli)))


@pytest.mark.parametrize(("code", "case"), _cases())
def test_rule_case(code: str, case: dict[str, Any], nlp: Any) -> None:
    found = run_case(code, case, nlp)
    if case["expect"] == "flag":
        assert found, f"{code} should flag: {case['left']['text']!r} / {case['right']['text']!r}"
        if "severity" in case:
            assert (
                max(found, key=lambda v: ("low", "medium", "high").index(v.severity)).severity
                == case["severity"]
            )
        for violation in found:
            assert violation.summary and violation.explanation
    else:
        assert not found, f"{code} flagged a pass case: {[v.summary for v in found]}"


@pytest.mark.parametrize("code", all_codes())
def test_every_rule_has_flag_and_pass_cases(code: str) -> None:
    path = FIXTURES / f"{code}.yml"
    assert path.is_file(), f"{code} has no fixtures/rules/{code}.yml"
    rule, cases = _load(path)
    assert rule == code
    expects = {c["expect"] for c in cases}
    assert expects == {"flag", "pass"}, f"{code} needs both flag and pass cases"
