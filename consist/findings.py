"""Violations -> findings: claim references, severity, stable ids, one per disagreement.

A rule may see the same disagreement through several pairs of sentences (one party's
figure repeated in two paragraphs against another party's figure). One disagreement
between two parties about one thing is ONE finding: violations are merged by (rule,
compared key, the two parties), the strongest one speaks for the group (summary,
explanation), and the finding quotes every supporting claim.

Severity is decided here, once, by ``consist.severity`` from the violation's facts;
each finding carries the reason. A disagreement within one party (the same speaker at
two dates) gets the ``revision`` fact.

Ids (see ``consist.fingerprint``) hash the rule and a canonical subset of the claims:
for each party, the claim whose normalised text sorts first. Re-wrapping, moving or
renaming keeps that subset; quoting one more sentence with the same figure keeps it
unless the new sentence sorts first, and the strongest pair changing does not matter.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from consist.fingerprint import assign_ids, normalise
from consist.rules.base import SEVERITIES, Rule, Violation
from consist.severity import assess
from consist.tables import FAMILIES
from consist.types import Claim, ClaimFeatures, ClaimRef, Finding, Pair, Quantity
from consist.wording import measure_words, public

_RANK = {name: i for i, name in enumerate(SEVERITIES)}

_Result = tuple[Rule, Pair, Violation]


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
    results: Iterable[_Result],
    topics: Mapping[int, str],
    features: Mapping[str, ClaimFeatures] | None = None,
) -> tuple[Finding, ...]:
    """One finding per distinct disagreement, sorted by (path, line, rule, id)."""
    groups: dict[tuple[str, str, frozenset[str]], list[_Result]] = defaultdict(list)
    for rule, pair, violation in sorted(results, key=lambda r: (r[1].left.id, r[1].right.id)):
        violation = _assessed(violation, pair)
        claims = violation.claims or (pair.left, pair.right)
        parties = frozenset(c.party for c in claims)
        groups[(rule.code, violation.key, parties)].append((rule, pair, violation))
    features = features or {}
    drafts = [_draft(members, topics, features) for members in groups.values()]
    drafts = _drop_same_claims(drafts)
    canon = [canonical_claims(f) for f in drafts]
    ids = assign_ids(
        [
            (f.rule, [c.text for c in cs], [c.path for c in cs])
            for f, cs in zip(drafts, canon, strict=True)
        ]
    )
    findings = [dataclasses.replace(f, id=i) for f, i in zip(drafts, ids, strict=True)]
    return tuple(sorted(findings, key=sort_key))


def canonical_claims(finding: Finding) -> list[ClaimRef]:
    """The claims a finding's id is computed from: per party, the first by normalised
    text (for a revision, the party's first two), so extra quotes rarely move it."""
    first: dict[str, ClaimRef] = {}
    for claim in finding.claims:
        party = _party(claim)
        if party not in first or normalise(claim.text) < normalise(first[party].text):
            first[party] = claim
    if len(first) < 2:
        return sorted(finding.claims, key=lambda c: (normalise(c.text), c.path))[:2]
    return list(first.values())


def canonical_texts(finding: Finding) -> list[str]:
    return [c.text for c in canonical_claims(finding)]


def sort_key(finding: Finding) -> tuple[str, int, str, str]:
    first = finding.claims[0]
    return (first.path, first.line, finding.rule, finding.id)


def _party(claim: ClaimRef) -> str:
    return claim.speaker or claim.outlet or claim.path


def _strength(violation: Violation, pair: Pair) -> tuple[int, float, float]:
    return (_RANK.get(violation.severity, 0), violation.confidence, pair.similarity)


def _assessed(violation: Violation, pair: Pair) -> Violation:
    """The violation with the policy's severity (and the revision fact for one party)."""
    facts = frozenset(violation.facts)
    same_party = pair.left.party == pair.right.party
    if same_party:
        facts |= {"revision"}
        violation = dataclasses.replace(
            violation,
            summary=f"Revision by {pair.left.party}: {violation.summary}",
            explanation=(
                f"{violation.explanation} Both statements come from {pair.left.party}, "
                "at different dates: this may be a revision rather than a disagreement."
            ),
        )
    verdict = assess(facts, violation.severity)
    return dataclasses.replace(violation, facts=facts, severity=verdict.severity)


def _draft(
    members: Sequence[_Result],
    topics: Mapping[int, str],
    features: Mapping[str, ClaimFeatures],
) -> Finding:
    """The finding for one group of violations: the strongest speaks, all are quoted."""
    rule, pair, violation = members[0]
    for candidate in members[1:]:
        # Replaced only by a strictly stronger violation, so that among equals the
        # earliest pair of claims wins, whatever order the rules ran in.
        if _strength(candidate[2], candidate[1]) > _strength(violation, pair):
            rule, pair, violation = candidate
    lead = list(violation.claims or (pair.left, pair.right))
    claims = _all_claims(lead, members)
    summary = _summary(violation.summary, lead, features)
    return Finding(
        id="",
        rule=rule.code,
        kind=rule.kind,
        severity=violation.severity,
        confidence=round(min(max(violation.confidence, 0.0), 1.0), 2),
        topic=finding_topic(rule.kind, violation.key) or topics.get(pair.group_id, "misc"),
        summary=public(summary, violation.key),
        explanation=public(violation.explanation, violation.key),
        claims=tuple(claim_ref(c, _entities(features, c)) for c in claims),
        severity_reason=assess(violation.facts, violation.severity).reason,
    )


def _entities(features: Mapping[str, ClaimFeatures], claim: Claim) -> tuple[str, ...]:
    found = features.get(claim.id)
    return found.entities if found else ()


def _all_claims(lead: list[Claim], members: Sequence[_Result]) -> list[Claim]:
    """The lead pair first (in the rule's order, which its summary follows), then every
    other supporting claim, grouped by the lead's party order, earliest first."""
    order = {c.party: i for i, c in enumerate(lead)}
    seen = {(c.path, normalise(c.text)) for c in lead}
    extra: list[Claim] = []
    for _, pair, violation in members:
        for claim in violation.claims or (pair.left, pair.right):
            key = (claim.path, normalise(claim.text))
            if key not in seen:
                seen.add(key)
                extra.append(claim)
    extra.sort(
        key=lambda c: (order.get(c.party, len(order)), c.published or "", c.path, c.span.start)
    )
    return lead + extra


# --- summaries ----------------------------------------------------------------------

_NUMERIC = re.compile(r"^(?P<labels>[^:]+): (?P<a>.+?) vs (?P<b>.+)$")


def _summary(summary: str, lead: Sequence[Claim], features: Mapping[str, ClaimFeatures]) -> str:
    """A numeric summary that names whose figure is whose, in the claims' order.

    ``killed vs killed or injured: 4,000 vs 4,000`` becomes
    ``approximately 4,000: killed (A) vs killed or injured (B)``; ``killed: 300 vs
    4,000`` becomes ``killed: 300 (A) vs 4,000 (B)``. Summaries of another shape (or
    whose figures cannot be traced to a claim) are kept as the rule wrote them.
    """
    if len(lead) != 2:
        return summary
    if summary.startswith("Revision by") and ": " in summary:
        head, rest = summary.split(": ", 1)
        dates = [c.published or "undated" for c in lead]
        if rest.count(" vs ") == 1 and dates[0] != dates[1]:
            left, right = rest.split(" vs ")
            return f"{head}: {left} (reported {dates[0]}) vs {right} (reported {dates[1]})"
        return summary
    match = _NUMERIC.match(summary)
    if match is None:
        return _with_parties(summary, lead)
    labels = [s.strip() for s in match.group("labels").split(" vs ")]
    if len(labels) == 1:
        labels = labels * 2
    if len(labels) != 2:
        return summary
    sides = list(zip(labels, (match.group("a"), match.group("b")), strict=True))
    owners = _owners(sides, lead, features)
    if owners is None:
        return summary
    ordered = [sides[owners.index(i)] for i in range(2)]
    names = [lead[0].party, lead[1].party]
    (la, va), (lb, vb) = ordered
    va, vb = _mid_sentence(va), _mid_sentence(vb)
    if normalise(va) == normalise(vb):
        if la == lb:
            return summary
        return f"{va}: {la} ({names[0]}) vs {lb} ({names[1]})"
    if la == lb:
        return f"{la}: {va} ({names[0]}) vs {vb} ({names[1]})"
    return f"{la}: {va} ({names[0]}) vs {lb}: {vb} ({names[1]})"


def _with_parties(summary: str, lead: Sequence[Claim]) -> str:
    """ "Capture dated January 2025 vs 2024" -> "... January 2025 (A) vs 2024 (B)", when
    the summary contrasts two values and names neither party."""
    names = [lead[0].party, lead[1].party]
    if summary.count(" vs ") != 1 or any(n and n in summary for n in names):
        return summary
    left, right = summary.split(" vs ")
    return f"{left} ({names[0]}) vs {right} ({names[1]})"


def _mid_sentence(value: str) -> str:
    """ "At least 30" (quoted from a sentence start) -> "at least 30" inside a summary."""
    first = value.split(" ", 1)[0]
    if (
        len(first) > 1
        and first[0].isupper()
        and first[1:].islower()
        and any(ch.isdigit() for ch in value)
    ):
        return value[0].lower() + value[1:]
    return value


def _owners(
    sides: list[tuple[str, str]], lead: Sequence[Claim], features: Mapping[str, ClaimFeatures]
) -> list[int] | None:
    """For each (label, value) side, the index of the lead claim that holds it."""
    fits = [
        [i for i, claim in enumerate(lead) if _holds(features.get(claim.id), label, value)]
        for label, value in sides
    ]
    for first in fits[0]:
        for second in fits[1]:
            if first != second:
                return [first, second]
    return None


def _holds(features: ClaimFeatures | None, label: str, value: str) -> bool:
    if features is None:
        return False
    return any(_value_text(q) == value and _fits_label(q, label) for q in features.quantities)


def _value_text(q: Quantity) -> str:
    if q.derived:
        return f"about {q.value:,.0f}" if q.value == round(q.value) else f"about {q.value:,}"
    return q.text


def _fits_label(q: Quantity, label: str) -> bool:
    words = {
        (q.measure or "").replace("_", " "),
        q.entity or "",
        q.unit or "",
        measure_words(q.measure or ""),
    }
    return label in words or _rule_labels().get(q.measure or "") == label


def _rule_labels() -> Mapping[str, str]:
    """The labels NUM001 prints for measures, when that module provides them."""
    try:
        from consist.rules import num001_quantity_mismatch as num001
    except ImportError:  # pragma: no cover - the rule module is being rewritten elsewhere
        return {}
    labels = getattr(num001, "LABELS", {})
    return labels if isinstance(labels, Mapping) else {}


def finding_topic(kind: str, key: str) -> str:
    """A readable topic from what a rule compared: 'casualties', 'date of capture'."""
    if not key:
        return ""
    if kind == "numeric":
        return FAMILIES.get(key) or measure_words(key)
    words = measure_words(key)
    if kind == "temporal":
        return f"date of {words}"
    return words


def _drop_same_claims(drafts: list[Finding]) -> list[Finding]:
    """Two rules (or keys) over the very same claims: keep the strongest per rule."""
    # Claims are told apart by their text, not their line: two sentences can share a
    # line, and re-wrapping a paragraph must not change which findings survive.
    kept: dict[tuple[str, tuple[tuple[str, str], ...]], Finding] = {}
    for draft in drafts:
        key = (draft.rule, tuple(sorted((c.path, normalise(c.text)) for c in draft.claims)))
        if key not in kept or _RANK[draft.severity] > _RANK[kept[key].severity]:
            kept[key] = draft
    return list(kept.values())
