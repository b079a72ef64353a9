"""Violations -> findings: claim references, stable ids, one finding per disagreement.

A rule may see the same disagreement through several pairs of sentences (the NIS's
figure repeated in two paragraphs against one later figure). Findings are therefore
merged: per rule and pair of claims the strongest violation is kept, and per rule,
compared key and pair of parties the strongest of those. A disagreement within one
party (the same speaker at two dates) is reported as a revision, with low severity.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from consist.fingerprint import assign_ids
from consist.rules.base import SEVERITIES, Rule, Violation
from consist.tables import FAMILIES
from consist.types import Claim, ClaimFeatures, ClaimRef, Finding, Pair

_RANK = {name: i for i, name in enumerate(SEVERITIES)}


def claim_ref(claim: Claim, entities: tuple[str, ...] = ()) -> ClaimRef:
    return ClaimRef(
        path=claim.path,
        line=claim.span.line,
        text=claim.text,
        speaker=claim.speaker,
        outlet=claim.outlet,
        date=claim.published,
        date_approx=claim.published_approx,
        entities=entities,
    )


def build_findings(
    results: Iterable[tuple[Rule, Pair, Violation]],
    topics: Mapping[int, str],
    features: Mapping[str, ClaimFeatures] | None = None,
) -> tuple[Finding, ...]:
    """One finding per distinct disagreement, sorted by (path, line, rule, id)."""
    best: dict[tuple[str, str, frozenset[str]], tuple[Rule, Pair, Violation]] = {}
    # In pair order, and replaced only by a strictly stronger violation, so that among
    # equals the earliest pair of claims wins, whatever order the rules ran in.
    for rule, pair, violation in sorted(results, key=lambda r: (r[1].left.id, r[1].right.id)):
        violation = _as_revision(violation, pair)
        claims = violation.claims or (pair.left, pair.right)
        parties = frozenset(c.party for c in claims)
        key = (rule.code, violation.key, parties)
        if key not in best or _strength(violation, pair) > _strength(best[key][2], best[key][1]):
            best[key] = (rule, pair, violation)
    entities = {cid: f.entities for cid, f in (features or {}).items()}
    drafts = [_draft(rule, pair, v, topics, entities) for rule, pair, v in best.values()]
    drafts = _drop_same_claims(drafts)
    ids = assign_ids(
        [(f.rule, [c.text for c in f.claims], [c.path for c in f.claims]) for f in drafts]
    )
    findings = [dataclasses.replace(f, id=i) for f, i in zip(drafts, ids, strict=True)]
    return tuple(sorted(findings, key=sort_key))


def sort_key(finding: Finding) -> tuple[str, int, str, str]:
    first = finding.claims[0]
    return (first.path, first.line, finding.rule, finding.id)


def _strength(violation: Violation, pair: Pair) -> tuple[int, float, float]:
    return (_RANK.get(violation.severity, 0), violation.confidence, pair.similarity)


def _as_revision(violation: Violation, pair: Pair) -> Violation:
    if pair.left.party != pair.right.party:
        return violation
    return dataclasses.replace(
        violation,
        severity="low",
        summary=f"Revision by {pair.left.party}: {violation.summary}",
        explanation=(
            f"{violation.explanation} Both statements come from {pair.left.party}, "
            "at different dates: this may be a revision rather than a disagreement."
        ),
    )


def _draft(
    rule: Rule,
    pair: Pair,
    violation: Violation,
    topics: Mapping[int, str],
    entities: Mapping[str, tuple[str, ...]],
) -> Finding:
    claims = violation.claims or (pair.left, pair.right)
    ordered = sorted(claims, key=lambda c: (c.published or "", c.path, c.span.start))
    return Finding(
        id="",
        rule=rule.code,
        kind=rule.kind,
        severity=violation.severity,
        confidence=round(min(max(violation.confidence, 0.0), 1.0), 2),
        topic=finding_topic(rule.kind, violation.key) or topics.get(pair.group_id, "misc"),
        summary=violation.summary,
        explanation=violation.explanation,
        claims=tuple(claim_ref(c, entities.get(c.id, ())) for c in ordered),
    )


def finding_topic(kind: str, key: str) -> str:
    """A readable topic from what a rule compared: 'casualties', 'date of capture'."""
    if not key:
        return ""
    words = key.replace("_", " ").strip()
    if kind == "numeric":
        return FAMILIES.get(key, words)
    if kind == "temporal":
        return f"date of {words}"
    return words


def _drop_same_claims(drafts: list[Finding]) -> list[Finding]:
    """Two rules (or keys) over the very same claims: keep the strongest per rule."""
    # Claims are told apart by their text, not their line: two sentences can share a
    # line, and re-wrapping a paragraph must not change which findings survive.
    kept: dict[tuple[str, tuple[tuple[str, str], ...]], Finding] = {}
    for draft in drafts:
        key = (draft.rule, tuple(sorted((c.path, c.text) for c in draft.claims)))
        if key not in kept or _RANK[draft.severity] > _RANK[kept[key].severity]:
            kept[key] = draft
    return list(kept.values())
