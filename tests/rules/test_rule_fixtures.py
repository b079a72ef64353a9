"""Every case in fixtures/rules/<CODE>.yml, run through its rule (sqlfluff-style YAML).

A case gives two claims (text, speaker, outlet, date) and whether the rule must flag
them; features are computed from the text exactly as the pipeline does.
"""

from __future__ import annotations

from typing import Any

import pytest

from consist.rules import all_codes, rule_class
from tests.helpers import FIXTURES, load_cases, run_case


def _cases() -> list[Any]:
    params = []
    for path in sorted(FIXTURES.glob("*.yml")):
        for case in load_cases(path.stem):
            params.append(pytest.param(path.stem, case, id=f"{path.stem}::{case['name']}"))
    return params


@pytest.mark.parametrize(("code", "case"), _cases())
def test_rule_case(code: str, case: dict[str, Any], nlp: Any) -> None:
    kind = rule_class(code).kind
    found = run_case(code, case, nlp if kind == "stance" else None)
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
    cases = load_cases(code)
    expects = {c["expect"] for c in cases}
    assert expects == {"flag", "pass"}, f"{code} needs both flag and pass cases"
