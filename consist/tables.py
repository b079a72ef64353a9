"""Features -> "who reported which figure when" tables, one per measured quantity.

People would rather scan a table of every figure for the same thing than read prose.
A table is named by the measure's own words: the lexicon's group for its measures
("people killed or injured"), "age of <name>" for a person's age, and, for any other
measure the documents disagree on (a numeric finding), the finding's topic, which NUM001
reads from the sentence ("ticket prices", "jobs cut"). A lexicon measure reported by
more than one document gets a table, findings or not.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

from consist.extract import quantity_lexicon as lx
from consist.rules.num001_quantity_mismatch import UNCOMPARED, measure_name
from consist.types import (
    Claim,
    ClaimFeatures,
    Finding,
    Quantity,
    QuantityReport,
    QuantityTable,
)

# Measure -> table title, from the quantity lexicon's data (``group`` of a measure).
# Kept under this name for modules that read a readable topic from a measure key.
FAMILIES: Mapping[str, str] = lx.MEASURE_GROUPS


def quantity_tables(
    claims: Sequence[Claim],
    features: Mapping[str, ClaimFeatures],
    findings: Sequence[Finding] = (),
) -> tuple[QuantityTable, ...]:
    rows: dict[str, list[QuantityReport]] = defaultdict(list)
    docs: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        for quantity in features.get(claim.id, ClaimFeatures(claim.id)).quantities:
            title = _table_title(quantity)
            if title is None:
                continue
            rows[title].append(_row(claim, quantity))
            docs[title].add(claim.doc_id)
    _from_findings(claims, features, findings, rows, docs)
    tables = [
        QuantityTable(measure=title, rows=tuple(sorted(set(found), key=_row_order)))
        for title, found in rows.items()
        if len(docs[title]) > 1
    ]
    return tuple(sorted(tables, key=lambda t: t.measure))


def _from_findings(
    claims: Sequence[Claim],
    features: Mapping[str, ClaimFeatures],
    findings: Sequence[Finding],
    rows: dict[str, list[QuantityReport]],
    docs: dict[str, set[str]],
) -> None:
    """A table for every measure a numeric finding is about that has none yet: the
    figures the finding quotes (their text appears in its summary), one row each."""
    by_text = {(c.path, c.text): c for c in claims}
    for finding in findings:
        if finding.kind != "numeric" or not finding.topic or finding.topic in rows:
            continue
        title = finding.topic
        for ref in finding.claims:
            claim = by_text.get((ref.path, ref.text))
            if claim is None:
                continue
            for q in features.get(claim.id, ClaimFeatures(claim.id)).quantities:
                if q.approx in UNCOMPARED or q.text not in finding.summary:
                    continue
                rows[title].append(_row(claim, q))
                docs[title].add(claim.doc_id)
                break


def _table_title(quantity: Quantity) -> str | None:
    if quantity.measure is None or quantity.derived or quantity.approx in UNCOMPARED:
        return None
    if quantity.measure in ("age", "service_years") and quantity.holder:
        return measure_name(quantity)
    if quantity.measure in lx.MEASURE_GROUPS:
        return lx.MEASURE_GROUPS[quantity.measure]
    return None


def _row(claim: Claim, quantity: Quantity) -> QuantityReport:
    measure = measure_name(quantity) if quantity.measure not in ("age", "service_years") else ""
    if quantity.measure in lx.MEASURE_LABELS:
        measure = lx.label(quantity.measure)
    if quantity.owner:
        measure = f"{quantity.owner} {measure}"
    scope = f" ({quantity.scope.text})" if quantity.scope else ""
    value = f"{quantity.text} — {measure}{scope}" if measure else quantity.text
    date = claim.published
    if date and claim.published_approx:
        date = f"~{date}"
    return QuantityReport(
        party=claim.party,
        outlet=claim.outlet,
        date=date,
        value=value,
        path=claim.path,
        line=claim.span.line,
        number=quantity.value if math.isfinite(quantity.value) else None,
        label=measure or None,
    )


def _row_order(row: QuantityReport) -> tuple[str, str, int, str, str, str]:
    # Every field takes part, so that ties never fall back on set order.
    return (
        (row.date or "").lstrip("~"),
        row.path,
        row.line,
        row.value,
        row.party,
        row.outlet or "",
    )
