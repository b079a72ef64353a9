"""``compare`` on the stance examples of issue 11, with the real models (phrase vectors).

Each flagged pair has must-not-flag twins: compatible paraphrases, other subjects,
refusals to comment, two hedged claims, other times.
"""

from __future__ import annotations

from typing import Any

import pytest

from consist.api import Checker
from consist.config import Config

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(Config())


FLAGGED = [
    ("A recall notice was sent to dealers on Monday.", "No recall notice was sent to dealers."),
    ("The ministry has approved the merger.", "The merger has not been approved by the ministry."),
    ("The minister resigned on Friday.", "The minister has refused to step down."),
    (
        "The company denied that any data was stolen.",
        "Hackers stole customer data from the company.",
    ),
    ("The museum will reopen in March.", "The museum will stay closed until next year."),
    (
        "The mayor said the plan does not raise property taxes.",
        "The plan raises property taxes by 4%, the council said.",
    ),
    (
        "Officials dismissed claims that the bridge had collapsed.",
        "The bridge collapsed on Tuesday.",
    ),
    ("Reports that the singer died are false.", "The singer died on Sunday, his agent said."),
    ("Smith won the race on Sunday.", "The race was won by Jones."),
]

NOT_FLAGGED = [
    ("The minister resigned on Friday.", "The minister stepped down on Friday."),
    ("A recall notice was sent to dealers.", "No recall notice was sent to customers."),
    ("The ministry approved the merger.", "The regulator has not approved the merger."),
    (
        "The company declined to comment on the breach.",
        "Hackers stole customer data from the company.",
    ),
    ("The minister may resign.", "The minister might not resign."),
    ("The company reported a profit.", "The company did not report a loss."),
    ("The minister resigned.", "The minister did not attend the summit."),
    ("The museum reopened in March.", "The museum reopened after repairs."),
    ("Smith won the race.", "Smith won the cup."),
    ("Grisham hoped to win the vote.", "Grisham did not win the vote."),
]


@pytest.mark.parametrize(("a", "b"), FLAGGED)
def test_issue_examples_are_flagged(checker: Checker, a: str, b: str) -> None:
    findings = checker.compare(a, b)
    assert findings, (a, b)
    assert findings == checker.compare(b, a) or checker.compare(b, a)


@pytest.mark.parametrize(("a", "b"), NOT_FLAGGED)
def test_twins_are_not_flagged(checker: Checker, a: str, b: str) -> None:
    assert not checker.compare(a, b), (a, b)
    assert not checker.compare(b, a), (b, a)


def test_parties_and_words_are_the_speakers_and_the_claims_own(checker: Checker) -> None:
    (finding,) = checker.compare(
        "The mayor said the plan does not raise property taxes.",
        "The plan raises property taxes by 4%, the council said.",
    )
    text = finding.summary + " " + finding.explanation
    assert "mayor" in finding.summary and "council" in finding.summary
    assert "text A" not in finding.summary and "text B" not in finding.summary
    assert "raises property taxes" in text and "taxis" not in text


def test_compare_many_batches_like_compare(checker: Checker) -> None:
    rows: list[Any] = [*FLAGGED[:3], *NOT_FLAGGED[:3]]
    batched = [bool(f) for f in checker.compare_many(rows, chunk=2)]
    assert batched == [True, True, True, False, False, False]
