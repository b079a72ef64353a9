"""The Markdown report: what a reviewer reads in a pull request.

A summary table first, then findings grouped by topic with the claims side by side,
then "who reported which figure when" tables, then the documents and anything skipped.
Every piece of document text goes through ``escape``; the output has no timestamps or
absolute paths, so the same input gives the same bytes.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import quote

from consist.report.escape import md_cell, md_code, md_text
from consist.report.mermaid import charts
from consist.types import ClaimRef, Finding, QuantityTable, Report

MARKER = "<!-- consist-report -->"
_ORDER = {"high": 0, "medium": 1, "low": 2}


_KINDS = {"numeric": "about figures", "temporal": "about dates", "stance": "about stances"}


def render(report: Report, env: Mapping[str, str] | None = None) -> str:
    """The report as GitHub Markdown; ``env`` (default: the process environment) gives
    ``GITHUB_SERVER_URL``, ``GITHUB_REPOSITORY`` and ``GITHUB_SHA`` for source links."""
    links = link_base(os.environ if env is None else env)
    parts = [
        MARKER,
        "# consist report",
        "",
        *_lead(report),
        *_overview(report),
        *_summary_table(report.findings),
        *_findings(report.findings, links),
        *_figures(report.tables, links),
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
    hidden = [
        f"{report.meta[key]} {word}"
        for key, word in (("suppressed", "suppressed by config"), ("ignored", "ignored inline"))
        if report.meta.get(key, "0") not in ("", "0")
    ]
    if hidden:
        line += "; " + ", ".join(hidden) + " (not shown)"
    return [line + ".", ""]


def _lead(report: Report) -> list[str]:
    """One short paragraph: how many disagreements of each kind, between whom, what's new."""
    if not report.findings:
        return []
    by_kind: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_kind[finding.kind].append(finding)
    parts = []
    for kind in sorted(by_kind, key=lambda k: (-len(by_kind[k]), k)):
        items = by_kind[kind]
        pairs = sorted({_between(f) for f in items})
        shown = ", ".join(md_text(p) for p in pairs[:3])
        more = f" and {len(pairs) - 3} more" if len(pairs) > 3 else ""
        parts.append(f"{len(items)} {_KINDS.get(kind, kind)} ({shown}{more})")
    total = len(report.findings)
    text = f"Sources disagree {total} time{'s' if total != 1 else ''}: " + "; ".join(parts) + "."
    numbers = {f.id: n for n, f in enumerate(_ordered(report.findings), 1)}
    new = sorted(numbers[f.id] for f in report.findings if f.baseline == "new")
    if new:
        text += f" New since the baseline: {', '.join(f'#{n}' for n in new)}."
    elif any(f.baseline for f in report.findings):
        text += " None is new since the baseline."
    return [text, ""]


def _between(finding: Finding) -> str:
    names = parties(finding)
    return f"{names[0]} (revision)" if len(names) == 1 else " vs ".join(names[:2])


def parties(finding: Finding) -> list[str]:
    """The distinct parties of a finding, in the order of its claims."""
    seen: list[str] = []
    for claim in finding.claims:
        if _party(claim) not in seen:
            seen.append(_party(claim))
    return seen or ["-"]


def link_base(env: Mapping[str, str]) -> str | None:
    """``{server}/{repo}/blob/{sha}`` inside GitHub Actions, else None (plain paths)."""
    server, repo, sha = (
        env.get(k, "") for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")
    )
    if not (server and repo and sha):
        return None
    return f"{server.rstrip('/')}/{quote(repo, safe='/')}/blob/{quote(sha, safe='')}"


def where(path: str, line: int, links: str | None) -> str:
    """``path:line`` as a code span, linked to the file at that line when in GitHub."""
    text = md_code(f"{path}:{line}" if line > 0 else path, cell=True)
    if links is None or path.startswith(("/", "\\")) or ".." in path.split("/"):
        return text
    target = f"{links}/{quote(path.replace(chr(92), '/').removeprefix('./'), safe='/')}"
    return f"[{text}]({target}{f'#L{line}' if line > 0 else ''})"


def _summary_table(findings: Sequence[Finding]) -> list[str]:
    if not findings:
        return ["No contradictions found.", ""]
    rows = ["| # | severity | rule | topic | summary | between |", "|---|---|---|---|---|---|"]
    for number, finding in enumerate(_ordered(findings), 1):
        between = " vs ".join(md_cell(p) for p in parties(finding))
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


def _findings(findings: Sequence[Finding], links: str | None = None) -> list[str]:
    if not findings:
        return []
    lines = ["## Findings", ""]
    topic = None
    for number, finding in enumerate(_ordered(findings), 1):
        if finding.topic != topic:
            topic = finding.topic
            lines += [f"### Topic: {md_text(topic)}", ""]
        lines += _finding(number, finding, links)
    return lines


def shared_entities(finding: Finding) -> list[tuple[str, ...]]:
    """Per claim, the entities it shares with a claim of another party (order kept)."""
    out = []
    for claim in finding.claims:
        others = {
            e.casefold() for c in finding.claims if _party(c) != _party(claim) for e in c.entities
        }
        out.append(tuple(e for e in claim.entities if e.casefold() in others))
    return out


def _finding(number: int, finding: Finding, links: str | None = None) -> list[str]:
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
        _row("About", (md_cell(", ".join(e) or "-") for e in shared_entities(finding))),
        _row("Where", (where(c.path, c.line, links) for c in finding.claims)),
        _row("Says", (f"“{md_cell(c.text)}”" for c in finding.claims)),
    ]
    return [
        head,
        "",
        *rows,
        "",
        f"**Why they conflict:** {md_text(finding.explanation)}",
        "",
        *(
            [f"**Why {finding.severity}:** {md_text(finding.severity_reason)}.", ""]
            if finding.severity_reason
            else []
        ),
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


def _figures(tables: Sequence[QuantityTable], links: str | None = None) -> list[str]:
    if not tables:
        return []
    lines = [
        "## Figures by source",
        "",
        "Every figure for the same measured thing, by who gave it and when; a chart "
        "where two or more sources give different figures.",
        "",
    ]
    for table in tables:
        lines += [f"### {md_text(table.measure)}", ""]
        for chart in charts(table):
            lines += ["```mermaid", *chart, "```", ""]
        lines += [
            "| who | outlet | published | figure | where |",
            "|---|---|---|---|---|",
        ]
        for row in table.rows:
            when = row.date or "undated"
            when = f"about {when[1:]}" if when.startswith("~") else when
            lines.append(
                f"| {md_cell(row.party)} | {md_cell(row.outlet or '-')} | {md_cell(when)} | "
                f"{md_cell(row.value)} | {where(row.path, row.line, links)} |"
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
