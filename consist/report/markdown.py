"""The Markdown report: what a reviewer reads in a pull request.

A summary table first, then findings grouped by topic with the claims side by side,
then "who reported which figure when" tables, then the documents and anything skipped.
Every piece of document text goes through ``escape``; the output has no timestamps or
absolute paths, so the same input gives the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from consist.report.escape import md_cell, md_code, md_text
from consist.types import ClaimRef, Finding, QuantityTable, Report

MARKER = "<!-- consist-report -->"
_ORDER = {"high": 0, "medium": 1, "low": 2}


def render(report: Report) -> str:
    parts = [
        MARKER,
        "# consist report",
        "",
        *_overview(report),
        *_summary_table(report.findings),
        *_findings(report.findings),
        *_figures(report.tables),
        *_fixed(report.fixed),
        *_documents(report),
        *_problems(report),
    ]
    return "\n".join(parts).rstrip() + "\n"


def _overview(report: Report) -> list[str]:
    counts: dict[str, int] = defaultdict(int)
    for finding in report.findings:
        counts[finding.severity] += 1
    total = len(report.findings)
    noun = "finding" if total == 1 else "findings"
    by_severity = ", ".join(f"{counts[s]} {s}" for s in ("high", "medium", "low") if counts[s])
    line = f"**{total} {noun}**" + (f" ({by_severity})" if by_severity else "")
    line += f" across {len(report.documents)} document(s)"
    if report.errors:
        line += f"; {len(report.errors)} file(s) skipped (see *Skipped files*)"
    new = sum(1 for f in report.findings if f.baseline == "new")
    if any(f.baseline for f in report.findings) or report.fixed:
        line += f"; {new} new since the baseline, {len(report.fixed)} fixed"
    return [line + ".", ""]


def _summary_table(findings: Sequence[Finding]) -> list[str]:
    if not findings:
        return ["No contradictions found.", ""]
    rows = ["| # | severity | rule | topic | summary | between |", "|---|---|---|---|---|---|"]
    for number, finding in enumerate(_ordered(findings), 1):
        between = " vs ".join(md_cell(_party(c)) for c in finding.claims[:2])
        rows.append(
            f"| {number} | {finding.severity} | {finding.rule} | {md_cell(finding.topic)} | "
            f"{md_cell(finding.summary)}{_badge(finding)} | {between} |"
        )
    return [*rows, ""]


def _ordered(findings: Sequence[Finding]) -> list[Finding]:
    """Topics in order of their most severe finding; within a topic, most severe first."""
    by_topic: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_topic[finding.topic].append(finding)
    for items in by_topic.values():
        items.sort(key=lambda f: (_ORDER.get(f.severity, 3), -f.confidence, f.id))
    topics = sorted(by_topic, key=lambda t: (_ORDER.get(by_topic[t][0].severity, 3), t))
    return [f for t in topics for f in by_topic[t]]


def _findings(findings: Sequence[Finding]) -> list[str]:
    if not findings:
        return []
    lines = ["## Findings", ""]
    topic = None
    for number, finding in enumerate(_ordered(findings), 1):
        if finding.topic != topic:
            topic = finding.topic
            lines += [f"### Topic: {md_text(topic)}", ""]
        lines += _finding(number, finding)
    return lines


def _finding(number: int, finding: Finding) -> list[str]:
    head = (
        f"#### {number}. {finding.severity.upper()} · {finding.rule} ({finding.kind}) · "
        f"{md_text(finding.summary)}{_badge(finding)}"
    )
    columns = [f"Claim {chr(65 + i)}" for i in range(len(finding.claims))]
    rows = [
        "| | " + " | ".join(columns) + " |",
        "|---|" + "---|" * len(columns),
        _row("Who", (md_cell(_party(c)) for c in finding.claims)),
        _row("Outlet", (md_cell(c.outlet or "unknown outlet") for c in finding.claims)),
        _row("Published", (md_cell(_date(c)) for c in finding.claims)),
        _row("About", (md_cell(", ".join(c.entities) or "-") for c in finding.claims)),
        _row("Where", (md_code(f"{c.path}:{c.line}", cell=True) for c in finding.claims)),
        _row("Says", (f"“{md_cell(c.text)}”" for c in finding.claims)),
    ]
    return [
        head,
        "",
        *rows,
        "",
        f"**Why they conflict:** {md_text(finding.explanation)}",
        "",
        f"<sub>id {md_code(finding.id)} · confidence {finding.confidence:.2f}</sub>",
        "",
    ]


def _row(label: str, cells: Iterable[str]) -> str:
    return f"| **{label}** | " + " | ".join(cells) + " |"


def _party(claim: ClaimRef) -> str:
    return claim.speaker or claim.outlet or claim.path


def _date(claim: ClaimRef) -> str:
    if not claim.date:
        return "undated"
    return f"about {claim.date}" if claim.date_approx else claim.date


def _badge(finding: Finding) -> str:
    return f" (**{finding.baseline}**)" if finding.baseline == "new" else ""


def _figures(tables: Sequence[QuantityTable]) -> list[str]:
    if not tables:
        return []
    lines = [
        "## Figures by source",
        "",
        "Every figure for the same measured thing, by who gave it and when.",
        "",
    ]
    for table in tables:
        lines += [
            f"### {md_text(table.measure)}",
            "",
            "| who | outlet | published | figure | where |",
            "|---|---|---|---|---|",
        ]
        for row in table.rows:
            when = row.date or "undated"
            when = f"about {when[1:]}" if when.startswith("~") else when
            lines.append(
                f"| {md_cell(row.party)} | {md_cell(row.outlet or '-')} | {md_cell(when)} | "
                f"{md_cell(row.value)} | {md_code(f'{row.path}:{row.line}', cell=True)} |"
            )
        lines.append("")
    return lines


def _fixed(fixed: Sequence[Mapping[str, object]]) -> list[str]:
    if not fixed:
        return []
    lines = ["## Fixed since the baseline", "", "| id | rule | summary |", "|---|---|---|"]
    for entry in fixed:
        fid = md_code(str(entry.get("id", "")), cell=True)
        rule = md_cell(str(entry.get("rule", "")))
        lines.append(f"| {fid} | {rule} | {md_cell(str(entry.get('summary', '')))} |")
    return [*lines, ""]


def _documents(report: Report) -> list[str]:
    if not report.documents:
        return []
    lines = ["## Documents", "", "| document | outlet | published | claims |", "|---|---|---|---|"]
    for doc in report.documents:
        published = doc.published or "**missing**"
        if doc.published and doc.published_approx:
            published = f"about {doc.published}"
        lines.append(
            f"| {md_code(doc.path, cell=True)} | {md_cell(doc.source or 'unknown')} | "
            f"{md_cell(published) if doc.published else published} | {doc.claims} |"
        )
    return [*lines, ""]


def _problems(report: Report) -> list[str]:
    lines: list[str] = []
    if report.errors:
        lines += ["## Skipped files", "", "| file | why |", "|---|---|"]
        lines += [f"| {md_code(e.path, cell=True)} | {md_cell(e.message)} |" for e in report.errors]
        lines.append("")
    if report.warnings:
        lines += ["## Warnings", ""]
        lines += [f"- {md_text(w)}" for w in report.warnings]
        lines.append("")
    return lines
