"""Features -> "who reported which figure when" tables, one per measured quantity.

People would rather scan a table of every figure for the same thing than read prose,
so every measure reported by more than one document gets one, findings or not.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

from consist.types import Claim, ClaimFeatures, Quantity, QuantityReport, QuantityTable

# Measures shown together in one table, and the table's title.
FAMILIES: dict[str, str] = {
    "killed": "casualties",
    "injured": "casualties",
    "killed_or_injured": "casualties",
    "casualties": "casualties",
    "deployed": "troops",
    "sent": "troops",
    "remaining": "troops",
    "expected": "troops",
    "captured": "captured",
}


def quantity_tables(
    claims: Sequence[Claim], features: Mapping[str, ClaimFeatures]
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
    tables = [
        QuantityTable(measure=title, rows=tuple(sorted(set(found), key=_row_order)))
        for title, found in rows.items()
        if len(docs[title]) > 1
    ]
    return tuple(sorted(tables, key=lambda t: t.measure))


def _table_title(quantity: Quantity) -> str | None:
    if quantity.measure is None or quantity.derived:
        return None
    if quantity.measure in ("age", "service_years") and quantity.holder:
        return f"{quantity.measure.replace('_', ' ')} of {quantity.holder}"
    return FAMILIES.get(quantity.measure)


def _row(claim: Claim, quantity: Quantity) -> QuantityReport:
    measure = (quantity.measure or "").replace("_", " ")
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
