"""``python -m consist.ci.render``: formats and the gate from one JSON report."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from consist.ci.render import main
from consist.report.json import render as render_json
from consist.types import ClaimRef, Report
from tests.helpers import ROOT, make_finding

A = ClaimRef("a.md", 3, "300 were killed", None, "Daily", "2025-01-01")
B = ClaimRef("b.md", 4, "4,000 were killed", None, "Wire", "2025-01-02")


def _write(tmp_path: Path, *findings: object) -> Path:
    path = tmp_path / "r.json"
    path.write_text(render_json(Report(documents=(), findings=tuple(findings))), encoding="utf-8")  # type: ignore[arg-type]
    return path


def test_gate_counts_only_new_findings_at_or_above(tmp_path: Path) -> None:
    medium = make_finding("m", "NUM001", A, B, severity="medium", baseline="new")
    accepted = make_finding("h", "NUM001", A, B, severity="high", baseline="unchanged")
    path = _write(tmp_path, medium, accepted)
    assert main([str(path), "--fail-on", "high"]) == 0
    assert main([str(path), "--fail-on", "medium"]) == 1
    assert main([str(path)]) == 0  # no gate without --fail-on


def test_sarif_from_the_json_report_is_valid(tmp_path: Path) -> None:
    path = _write(tmp_path, make_finding("m", "NUM001", A, B, severity_reason="why"))
    out = tmp_path / "r.sarif"
    assert main([str(path), "--format", "sarif", "--output", str(out)]) == 0
    schema = json.loads(
        (ROOT / "tests" / "schemas" / "sarif-2.1.0.json").read_text(encoding="utf-8")
    )
    sarif = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    assert sarif["runs"][0]["results"][0]["properties"]["severityReason"] == "why"


def test_summary_goes_to_the_step_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    path = _write(tmp_path, make_finding("m", "NUM001", A, B))
    assert main([str(path), "--format", "github", "--summary"]) == 0
    assert summary.read_text(encoding="utf-8").startswith("<!-- consist-report -->")


def test_unreadable_report_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main([str(bad)]) == 2
