"""Helpers for tests: claims built from plain text, and where the project lives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from consist.types import Claim, Span

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def make_claim(
    text: str,
    *,
    cid: str = "a",
    speaker: str | None = None,
    outlet: str | None = "Outlet",
    date: str | None = None,
    date_approx: bool = False,
    path: str | None = None,
) -> Claim:
    return Claim(
        id=cid,
        doc_id=path or f"{cid}.txt",
        path=path or f"{cid}.txt",
        text=text,
        span=Span(0, len(text), 1),
        speaker=speaker,
        outlet=outlet,
        published=date,
        published_approx=date_approx,
        context=text,
    )


def claim_from_case(side: dict[str, Any], cid: str) -> Claim:
    return make_claim(
        side["text"],
        cid=cid,
        speaker=side.get("speaker"),
        outlet=side.get("outlet", f"Outlet {cid.upper()}"),
        date=str(side["date"]) if side.get("date") else None,
        date_approx=bool(side.get("date_approx", False)),
    )


FIXTURES = ROOT / "fixtures" / "rules"


def load_cases(code: str) -> list[dict[str, Any]]:
    """The cases of ``fixtures/rules/<CODE>.yml``."""
    import yaml

    data = yaml.safe_load((FIXTURES / f"{code}.yml").read_text(encoding="utf-8"))
    assert data["rule"] == code
    cases: list[dict[str, Any]] = data["cases"]
    return cases


def run_case(code: str, case: dict[str, Any], nlp: Any = None, *, swap: bool = False) -> list[Any]:
    """Run one fixture case through rule ``code``, with features built as the pipeline does.

    ``nlp`` (a spaCy pipeline) is needed by stance rules only; ``swap`` exchanges the two
    claims, to check that a verdict does not depend on their order.
    """

    from consist.extract.quantity_lexicon import packs_loaded

    with packs_loaded(case.get("packs", ())):  # optional quantity lexicon packs
        return _run_case(code, case, nlp, swap=swap)


def _run_case(code: str, case: dict[str, Any], nlp: Any, *, swap: bool) -> list[Any]:
    from consist.features import claim_features
    from consist.rules import rule_class
    from consist.rules.base import RuleContext
    from consist.types import Pair

    rule = rule_class(code)(case.get("options"))
    sides = (case["right"], case["left"]) if swap else (case["left"], case["right"])
    left, right = claim_from_case(sides[0], "a"), claim_from_case(sides[1], "b")
    features = {c.id: claim_features(c, nlp(c.text) if nlp else None) for c in (left, right)}
    nli = {(left.id, right.id): case["nli"]} if "nli" in case else {}
    return list(rule.check(Pair(left, right, 0, 1.0), RuleContext(features=features, nli=nli)))


def make_finding(fid: str, rule: str, *claims: Any, **fields: Any) -> Any:
    """A Finding for report and baseline tests: the given claims (ClaimRefs), defaults else."""
    from consist.types import Finding

    values: dict[str, Any] = {
        "kind": "numeric",
        "severity": "high",
        "confidence": 0.9,
        "topic": "t",
        "summary": "s",
        "explanation": "e",
        **fields,
    }
    return Finding(id=fid, rule=rule, claims=tuple(claims), **values)
