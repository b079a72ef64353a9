"""``consist diff``: new, fixed and unchanged findings between two JSON reports."""

from __future__ import annotations

import pytest

from consist.diff import diff_reports, split
from consist.report import json as report_json
from consist.types import ClaimRef, Finding, Report


def finding(fid: str, severity: str = "high", summary: str = "s", rule: str = "NUM001") -> Finding:
    return Finding(
        id=fid,
        rule=rule,
        kind="numeric",
        severity=severity,
        confidence=0.9,
        topic="t",
        summary=summary,
        explanation="e",
        claims=(
            ClaimRef("docs/a.md", 3, "left", None, None, None),
            ClaimRef("docs/b|c.md", 0, "right", None, None, None),
        ),
    )


def report(*findings: Finding) -> Report:
    return Report(documents=(), findings=findings)


OLD = report(finding("aaaa", "low"), finding("bbbb"), finding("cccc", "medium"))
NEW = report(
    finding("dddd", "low"),
    finding("bbbb"),
    finding("eeee", "high", summary="<script>x</script> @octocat #12 a|b\nc"),
)


def test_split() -> None:
    added, fixed, unchanged = split(OLD, NEW)
    assert [f.id for f in added] == ["eeee", "dddd"]  # most severe first
    assert [f.id for f in fixed] == ["cccc", "aaaa"]
    assert [f.id for f in unchanged] == ["bbbb"]


def test_markdown_sections_and_counts() -> None:
    out = diff_reports(OLD, NEW)
    assert out.startswith("<!-- consist-diff -->\n## consist: contradictions compared\n")
    assert "**2 new** contradictions, **2 fixed**." in out
    assert "| New | 2 |" in out and "| Fixed | 2 |" in out and "| Unchanged | 1 |" in out
    assert out.index("### New (2)") < out.index("### Fixed (2)") < out.index("Unchanged (1)")
    assert "<details>\n<summary>Unchanged (1)</summary>\n\n" in out
    assert out.endswith("</details>\n")


def test_document_text_is_escaped() -> None:
    out = diff_reports(OLD, NEW)
    row = next(line for line in out.splitlines() if "eeee" in line)
    assert "<script>" not in out and "@octocat" not in out and "#12" not in out
    assert row.count(" | ") == 4  # five cells, no broken table from | or newline
    assert "`docs/b\\|c.md`" in row and "`docs/a.md:3`" in row


def test_no_changes() -> None:
    out = diff_reports(OLD, OLD)
    assert "No new or fixed contradictions." in out
    assert "### New" not in out and "### Fixed" not in out


def test_empty_reports() -> None:
    out = diff_reports(report(), report())
    assert "| Unchanged | 0 |" in out and "<details>" not in out


def test_deterministic_and_order_independent() -> None:
    shuffled = report(*reversed(NEW.findings))
    assert diff_reports(OLD, NEW) == diff_reports(OLD, shuffled)


def test_diff_of_json_reports_round_trip() -> None:
    old = report_json.loads(report_json.render(OLD))
    new = report_json.loads(report_json.render(NEW))
    assert diff_reports(old, new) == diff_reports(OLD, NEW)


def test_non_report_json_is_rejected() -> None:
    with pytest.raises(ValueError, match="not valid JSON"):
        report_json.loads("{nope")
