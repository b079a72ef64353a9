"""NUM001 through ``compare`` with the real embedder: measure phrases decide which figures
are one measure (issue 12). Each case must flag or must not flag."""

from __future__ import annotations

import pytest

from consist.api import Checker
from consist.config import Config

pytestmark = pytest.mark.slow

FLAG = [
    (
        "The hospital laid off 120 nurses last week.",
        "Eighty-five nurses lost their jobs at the hospital last week.",
    ),
    ("The company cut 300 jobs.", "1,200 jobs were eliminated at the company."),
    ("Dr. Ames, 52, led the trial.", "Ames, who is 49, led the trial."),
    ("Ticket prices rose 8% this season.", "Ticket prices fell 2% this season."),
    ("He signed a three-year deal with the club.", "He signed a five-year deal with the club."),
    (
        "The city spent $520 million for wages and $250 million for equipment.",
        "The city's budget was a total of $650 million.",
    ),
    ("The city's total spending reached $1.4bn.", "The city's budget was $1.2bn."),
    (
        "Turnout was 62 percent in the northern district.",
        "Turnout in the northern district was 45%.",
    ),
]
PASS = [
    ("The plant hired 120 workers.", "The plant laid off 120 workers."),
    ("The office has 5,000 square feet of space.", "The office has 465 square metres of space."),
    ("She earns $900 a week.", "She earns $46,800 a year."),
    ("The company cut 300 jobs.", "The company hired 1,200 workers."),
    ("Sales rose to 14 million units.", "Sales rose 8% last year."),
    ("Two people were injured in the crash.", "Four people were shot in the crash."),
    ("The city's budget was $1.2bn.", "The city's revenue was $1.4bn."),
    ("Twenty-three passengers were taken to hospital.", "The train was carrying 140 passengers."),
    ("He scored 19 league goals last season.", "He scored 23 goals in all competitions."),
]


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(Config(select=("NUM001",), cache=False))


@pytest.mark.parametrize(("a", "b"), FLAG)
def test_flagged(checker: Checker, a: str, b: str) -> None:
    (finding,) = checker.compare(a, b)
    assert ":" in finding.summary and "count:" not in finding.summary


def test_direction_is_named(checker: Checker) -> None:
    (finding,) = checker.compare(*FLAG[3])
    assert "up 8%" in finding.summary and "down 2%" in finding.summary


@pytest.mark.parametrize(("a", "b"), PASS)
def test_not_flagged(checker: Checker, a: str, b: str) -> None:
    assert checker.compare(a, b) == ()
