"""Mermaid charts of who gave which figure when, for the Markdown report.

GitHub renders a fenced ``mermaid`` block in pull requests, comments and job
summaries; readers without Mermaid still have the table beside it. One bar chart per
measure that at least two parties gave *different* figures for: x is "party (date)",
earliest first, y the figure. Labels are document text, so they are reduced to a safe
alphabet: no quotes, brackets, backticks, ``%%`` comments or line breaks can reach the
chart source (Mermaid has no escape for them inside a quoted label).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from consist.types import QuantityReport, QuantityTable

#: Longest label kept in a chart; longer ones are cut at a word.
MAX_LABEL = 60
_UNSAFE = re.compile(r"[^\w .,'&/+~():-]", re.UNICODE)


def label(text: str) -> str:
    """``text`` as a quoted Mermaid label: safe characters only, one line, short."""
    safe = _UNSAFE.sub(" ", text.replace('"', "'"))
    safe = " ".join(safe.split())
    if len(safe) > MAX_LABEL:
        safe = safe[:MAX_LABEL].rsplit(" ", 1)[0] + "…"
    return f'"{safe}"'


def charts(table: QuantityTable) -> list[list[str]]:
    """Chart sources (lines inside the fence) for each measure of ``table`` worth one."""
    by_label: dict[str, list[QuantityReport]] = defaultdict(list)
    for row in table.rows:
        if row.number is not None and row.label:
            by_label[row.label].append(row)
    out = []
    for name in sorted(by_label):
        rows = _one_per_party_and_date(by_label[name])
        if len({r.party for r in rows}) < 2 or len({r.number for r in rows}) < 2:
            continue
        out.append(_chart(f"{table.measure}: {name}", rows))
    return out


def _one_per_party_and_date(rows: Sequence[QuantityReport]) -> list[QuantityReport]:
    seen: dict[tuple[str, str], QuantityReport] = {}
    for row in sorted(rows, key=_order):
        seen.setdefault((row.party, row.date or ""), row)
    return sorted(seen.values(), key=_order)


def _order(row: QuantityReport) -> tuple[str, str, float, str, int]:
    return ((row.date or "").lstrip("~"), row.party, row.number or 0.0, row.path, row.line)


def _chart(title: str, rows: Sequence[QuantityReport]) -> list[str]:
    categories = ", ".join(label(f"{r.party} ({_date(r.date)})") for r in rows)
    values = ", ".join(_number(r.number or 0.0) for r in rows)
    return [
        "xychart-beta",
        f"    title {label(title)}",
        f"    x-axis [{categories}]",
        f"    y-axis {label('figure')}",
        f"    bar [{values}]",
    ]


def _date(date: str | None) -> str:
    if not date:
        return "undated"
    return f"about {date[1:]}" if date.startswith("~") else date


def _number(x: float) -> str:
    return str(int(x)) if x == int(x) else f"{x:.6g}"
