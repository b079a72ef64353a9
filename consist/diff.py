"""``consist diff OLD.json NEW.json``: what a change did to the contradictions, as Markdown.

Meant for a pull-request comment: the counts first, then the new findings (what the
reviewer must look at), the fixed ones, and the unchanged ones folded away. Findings
are matched by id, which survives moves and re-wrapping (``consist.fingerprint``), so
a reorganised document does not show up as everything fixed and everything new.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from consist.report.escape import md_cell, md_code
from consist.types import ClaimRef, Finding, Report

_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}

#: First line of the comment, so a CI job can find and update its earlier comment.
MARKER = "<!-- consist-diff -->"


def read_side(path: Path) -> Report:
    """A JSON report, or a baseline file read as a report of its recorded findings.

    A baseline keeps each finding's id, rule, summary and quoted claims (no severity or
    lines), which is all ``diff`` needs to match findings by id.
    """
    from consist.baseline import SCHEMA as BASELINE_SCHEMA
    from consist.baseline import BaselineError, load_baseline
    from consist.report.json import loads

    text = path.read_text(encoding="utf-8")
    try:
        schema = json.loads(text).get("schema")
    except (json.JSONDecodeError, AttributeError):
        schema = None
    if schema != BASELINE_SCHEMA:
        return loads(text)
    try:
        baseline = load_baseline(path)
    except BaselineError as exc:
        raise ValueError(str(exc)) from None
    findings = tuple(
        Finding(
            id=entry["id"],
            rule=entry["rule"],
            kind="",
            severity="",
            confidence=0.0,
            topic="",
            summary=entry["summary"],
            explanation=entry["reason"],
            claims=tuple(
                ClaimRef(c["path"], 0, c["text"], None, None, None) for c in entry["claims"]
            ),
        )
        for entry in baseline.entries.values()
    )
    return Report(documents=(), findings=findings)


def split(old: Report, new: Report) -> tuple[list[Finding], list[Finding], list[Finding]]:
    """``(new, fixed, unchanged)`` findings; unchanged ones as the new report has them."""
    old_ids = {f.id for f in old.findings}
    new_ids = {f.id for f in new.findings}
    added = [f for f in _unique(new.findings) if f.id not in old_ids]
    fixed = [f for f in _unique(old.findings) if f.id not in new_ids]
    unchanged = [f for f in _unique(new.findings) if f.id in old_ids]
    return _sorted(added), _sorted(fixed), _sorted(unchanged)


def _unique(findings: Sequence[Finding]) -> list[Finding]:
    seen: set[str] = set()
    out = []
    for f in findings:
        if f.id not in seen:
            seen.add(f.id)
            out.append(f)
    return out


def _sorted(findings: list[Finding]) -> list[Finding]:
    """Most severe first, then by rule and id: an order that depends on content only."""
    return sorted(findings, key=lambda f: (_SEVERITY_ORDER.get(f.severity, 3), f.rule, f.id))


def diff_reports(old: Report, new: Report) -> str:
    """The Markdown comparison of two reports (deterministic, document text escaped)."""
    added, fixed, unchanged = split(old, new)
    out = [MARKER, "## consist: contradictions compared", "", _headline(added, fixed), ""]
    out += ["| Change | Findings |", "|---|---:|"]
    out += [f"| New | {len(added)} |", f"| Fixed | {len(fixed)} |"]
    out += [f"| Unchanged | {len(unchanged)} |", ""]
    out += _section("New", added, open_=True)
    out += _section("Fixed", fixed, open_=True)
    out += _section("Unchanged", unchanged, open_=False)
    return "\n".join(out).rstrip("\n") + "\n"


def _headline(added: Sequence[Finding], fixed: Sequence[Finding]) -> str:
    if not added and not fixed:
        return "No new or fixed contradictions."
    parts = []
    if added:
        parts.append(f"**{len(added)} new** contradiction{'s' if len(added) != 1 else ''}")
    if fixed:
        parts.append(f"**{len(fixed)} fixed**")
    return ", ".join(parts) + "."


def _section(title: str, findings: Sequence[Finding], *, open_: bool) -> list[str]:
    """A table of findings; the unchanged ones sit in a collapsed ``<details>`` block."""
    if not findings:
        return []
    table = ["| Id | Rule | Severity | Summary | Claims |", "|---|---|---|---|---|"]
    table += [_row(f) for f in findings]
    heading = f"{title} ({len(findings)})"
    if open_:
        return [f"### {heading}", "", *table, ""]
    return ["<details>", f"<summary>{heading}</summary>", "", *table, "", "</details>", ""]


def _row(f: Finding) -> str:
    where = ", ".join(md_code(_where(c.path, c.line), cell=True) for c in f.claims)
    cells = [md_code(f.id, cell=True), md_cell(f.rule), md_cell(f.severity), md_cell(f.summary)]
    return "| " + " | ".join([*cells, where or "-"]) + " |"


def _where(path: str, line: int) -> str:
    return f"{path}:{line}" if line > 0 else path
