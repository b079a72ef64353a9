"""The command line contract: exit codes, formats, help, rules (issue 2's CLI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from consist.cli import app
from tests.helpers import ROOT

runner = CliRunner()
CLASH = str(ROOT / "fixtures" / "docs" / "clash")
QUIET = str(ROOT / "fixtures" / "docs" / "quiet")


def test_help_teaches() -> None:
    result = runner.invoke(app, ["check", "--help"])
    assert result.exit_code == 0
    assert "--fail-on" in result.output and "consist check seeds/" in result.output


def test_missing_path_is_usage_error() -> None:
    result = runner.invoke(app, ["check", "no/such/folder"])
    assert result.exit_code == 2
    assert "no/such/folder" in result.output


def test_bad_config_is_usage_error(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("bogus_key = 1\n", encoding="utf-8")
    result = runner.invoke(app, ["check", QUIET, "--config", str(config)])
    assert result.exit_code == 2 and "bogus_key" in result.output


def test_bad_option_value_is_usage_error() -> None:
    assert runner.invoke(app, ["check", QUIET, "--fail-on", "sometimes"]).exit_code == 2


def test_folder_without_documents_is_usage_error(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    assert runner.invoke(app, ["check", str(tmp_path)]).exit_code == 2


def test_rules_and_rule() -> None:
    listing = runner.invoke(app, ["rules"])
    assert listing.exit_code == 0
    assert all(code in listing.output for code in ("NUM001", "STN001", "TMP001"))
    doc = runner.invoke(app, ["rule", "NUM001"])
    assert doc.exit_code == 0 and "Not flagged" in doc.output
    assert runner.invoke(app, ["rule", "XYZ999"]).exit_code == 2


def test_compare_one_pair() -> None:
    result = runner.invoke(
        app,
        [
            "compare",
            "The fire destroyed 40 homes.",
            "Officials said 12 homes were destroyed.",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert data["findings"][0]["rule"] == "NUM001"


def test_compare_pairs_file(tmp_path: Path) -> None:
    pairs = tmp_path / "p.jsonl"
    rows = [
        {
            "id": "1",
            "premise": "The fire destroyed 40 homes.",
            "hypothesis": "The fire destroyed 12 homes.",
        },
        {"id": "2", "premise": "The cat sat on the mat.", "hypothesis": "A cat was sitting."},
    ]
    pairs.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["compare", "--pairs", str(pairs), "--output", str(out)])
    # Like check: 1 when any pair has findings (row 1 does), 0 when none, 2 on errors.
    assert result.exit_code == 1, result.output
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["label"]) for r in got] == [("1", "contradiction"), ("2", "none")]


@pytest.mark.slow
def test_exit_codes_follow_findings(tmp_path: Path) -> None:
    assert runner.invoke(app, ["check", QUIET, "--no-cache"]).exit_code == 0
    clash = runner.invoke(app, ["check", CLASH, "--no-cache", "--format", "json"])
    assert clash.exit_code == 1, clash.output
    data = json.loads(clash.stdout)
    assert data["schema"] == "consist/1"
    assert {f["rule"] for f in data["findings"]} == {"NUM001"}
    assert runner.invoke(app, ["check", CLASH, "--no-cache", "--exit-zero"]).exit_code == 0
    severity = data["findings"][0]["severity"]
    above = {"low": "medium", "medium": "high"}.get(severity)
    if above:
        assert runner.invoke(app, ["check", CLASH, "--no-cache", "--fail-on", above]).exit_code == 0


@pytest.mark.slow
def test_output_file_and_python_module(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "r.md"
    proc = subprocess.run(
        [sys.executable, "-m", "consist", "check", CLASH, "--no-cache", "--output", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert out.read_text(encoding="utf-8").startswith("<!-- consist-report -->")
    assert proc.stdout == ""
