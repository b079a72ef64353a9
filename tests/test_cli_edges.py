"""CLI rough edges from issue 14: comma lists, baseline flag conflicts, config lookup
from the checked path, diff with a baseline file, compare --pairs exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from consist.baseline import write_baseline
from consist.cli import _codes, app
from consist.config import config_source, load_config, start_folder
from consist.report.json import render as render_json
from consist.types import ClaimRef, Report
from tests.helpers import ROOT, make_finding

runner = CliRunner()
QUIET = str(ROOT / "fixtures" / "docs" / "quiet")


def test_comma_lists_for_select_and_ignore() -> None:
    assert _codes(["NUM,TMP001", " stn "]) == ("NUM", "TMP001", "STN")
    assert _codes(None) is None and _codes([","]) is None


@pytest.mark.slow
def test_select_comma_list_runs() -> None:
    result = runner.invoke(
        app, ["check", QUIET, "--no-cache", "--select", "NUM,TMP001", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["meta"]["rules"] == "NUM001,TMP001"


def test_strict_baseline_needs_a_baseline() -> None:
    result = runner.invoke(app, ["check", QUIET, "--strict-baseline"])
    assert result.exit_code == 2 and "--strict-baseline needs --baseline" in result.output


def test_baseline_and_write_baseline_conflict(tmp_path: Path) -> None:
    base = tmp_path / "b.json"
    args = ["check", QUIET, "--baseline", str(base), "--write-baseline", str(base)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "cannot be used together" in result.output


def _project(tmp_path: Path, body: str) -> Path:
    project = tmp_path / "project"
    (project / "docs" / "deep").mkdir(parents=True)
    (project / "pyproject.toml").write_text(f"[tool.consist]\n{body}\n", encoding="utf-8")
    (project / "docs" / "deep" / "a.md").write_text("Some text here today.\n", encoding="utf-8")
    return project


def test_config_is_found_from_the_checked_path(tmp_path: Path) -> None:
    project = _project(tmp_path, 'fail_on = "high"')
    docs = project / "docs"
    assert start_folder([str(docs / "deep" / "a.md")]) == (docs / "deep").resolve()
    assert start_folder([str(docs / "deep"), str(docs)]) == docs.resolve()
    assert config_source(None, start_folder([str(docs)])) == (project / "pyproject.toml").resolve()
    assert load_config(start=start_folder([str(docs)])).fail_on == "high"


def test_verbose_names_the_config_and_a_bad_one_fails_from_anywhere(tmp_path: Path) -> None:
    project = _project(tmp_path, "no_such_key = 1")
    result = runner.invoke(app, ["check", str(project / "docs"), "--verbose"])
    assert result.exit_code == 2
    assert f"config: {(project / 'pyproject.toml').resolve()}" in result.output
    assert "no_such_key" in result.output
    other = tmp_path / "other.toml"
    other.write_text('fail_on = "high"\n', encoding="utf-8")
    result = runner.invoke(app, ["check", "nowhere/", "--config", str(other), "-v"])
    assert f"config: {other}" in result.output and result.exit_code == 2


def test_diff_accepts_a_baseline_on_either_side(tmp_path: Path) -> None:
    a = ClaimRef("a.md", 1, "300 were killed", None, "Daily", None)
    b = ClaimRef("b.md", 2, "4,000 were killed", None, "Wire", None)
    kept = make_finding("keep", "NUM001", a, b, summary="kept")
    gone = make_finding("gone", "NUM001", a, b, summary="gone")
    added = make_finding("add", "NUM001", a, b, summary="added")
    baseline = tmp_path / "baseline.json"
    write_baseline(baseline, [kept, gone])
    report = tmp_path / "report.json"
    report.write_text(render_json(Report(documents=(), findings=(kept, added))), encoding="utf-8")
    forward = runner.invoke(app, ["diff", str(baseline), str(report)])
    assert forward.exit_code == 0, forward.output
    assert "| New | 1 |" in forward.output and "| Fixed | 1 |" in forward.output
    assert "| Unchanged | 1 |" in forward.output
    backward = runner.invoke(app, ["diff", str(report), str(baseline)])
    assert backward.exit_code == 0 and "`gone`" in backward.output


def test_compare_pairs_exits_zero_without_findings(tmp_path: Path) -> None:
    pairs = tmp_path / "p.jsonl"
    row = {"id": "1", "premise": "The cat sat on the mat.", "hypothesis": "A cat was sitting."}
    pairs.write_text(json.dumps(row) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["compare", "--pairs", str(pairs), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 0, result.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{nope\n", encoding="utf-8")
    assert runner.invoke(app, ["compare", "--pairs", str(bad)]).exit_code == 2


def test_rule_command_prints_the_severity_policy() -> None:
    result = runner.invoke(app, ["rule", "NUM001"])
    assert result.exit_code == 0
    assert "Severity policy" in result.output and "cumulative + different_times" in result.output
