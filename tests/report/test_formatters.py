"""Every formatter renders one fixed report, hostile text included, to a reviewed snapshot.

Snapshots live in ``tests/report/snapshots/``; after an intended change, rewrite them
with ``UPDATE_SNAPSHOTS=1 pytest tests/report`` and review the diff. SARIF is also
validated against the official OASIS SARIF 2.1.0 schema kept in ``tests/schemas``.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from consist.report import FORMATTERS, render, sarif
from consist.report import github as gh
from consist.report import json as report_json
from consist.types import (
    ClaimRef,
    DocumentSummary,
    Finding,
    InputError,
    QuantityReport,
    QuantityTable,
    Report,
)

HERE = Path(__file__).parent
SNAPSHOTS = HERE / "snapshots"
SARIF_SCHEMA = HERE.parent / "schemas" / "sarif-2.1.0.json"

RULES = [
    sarif.RuleInfo(
        code="NUM001",
        name="quantity-mismatch",
        kind="numeric",
        doc="Two sources give different values for the same quantity.\n\n"
        "What it flags: figures that cannot both hold.",
    ),
    sarif.RuleInfo(code="STN001", name="opposite-stance", kind="stance", doc="Opposite stances."),
    sarif.RuleInfo(code="TMP001", name="date-conflict", kind="temporal", doc="Dates conflict."),
]


def assert_snapshot(name: str, text: str) -> None:
    """Compare ``text`` with ``snapshots/name``; rewrite it when ``UPDATE_SNAPSHOTS=1``."""
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1" or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    expected = path.read_bytes().decode("utf-8")
    assert text == expected, f"{name} differs from its snapshot; UPDATE_SNAPSHOTS=1 to accept"


def hostile_claim() -> ClaimRef:
    return ClaimRef(
        path="docs/a b.md",
        line=3,
        text="About 300 were killed | ![img](http://x/i.png) <script>alert(1)</script> `tick`",
        speaker="NIS @octocat",
        outlet="Associated Press",
        date="2025-01-13",
    )


def injecting_claim() -> ClaimRef:
    return ClaimRef(
        path="docs/c,d:e.md",
        line=7,
        text="Some 4,000 killed or injured\r\n::error file=x::injected 100% #123",
        speaker=None,
        outlet="Reuters",
        date="2025-02",
        date_approx=True,
    )


def make_report() -> Report:
    hostile = Finding(
        id="0123456789abcdef",
        rule="NUM001",
        kind="numeric",
        severity="high",
        confidence=0.876,
        topic="casualties | <b>killed</b>",
        summary="300 killed vs 4,000 [x](javascript:alert(1)) @octocat fixes #123",
        explanation="The figures differ,\nby a lot: see ![img](http://x/i.png).",
        claims=(hostile_claim(), injecting_claim()),
        baseline="new",
    )
    plain = Finding(
        id="fedcba9876543210",
        rule="STN001",
        kind="stance",
        severity="medium",
        confidence=0.7,
        topic="defection",
        summary="NIS says they intend to defect; the ministry denies it.",
        explanation="One asserts what the other denies.",
        claims=(
            ClaimRef("docs/x.md", 10, "They intend to defect.", "NIS", "Yonhap", "2025-01-20"),
            ClaimRef("docs/y.md", 4, "No one intends to defect.", None, "KCNA", "2025-01-21"),
        ),
        baseline="unchanged",
    )
    low = Finding(
        id="aaaaaaaaaaaaaaaa",
        rule="TMP001",
        kind="temporal",
        severity="low",
        confidence=0.5,
        topic="deployment date",
        summary="Deployed in October or November.",
        explanation="",
        claims=(
            ClaimRef("docs/x.md", 12, "Deployed in October.", None, "Yonhap", None),
            ClaimRef("docs/y.md", 0, "Deployed in November.", None, None, None),
        ),
        baseline="new",
    )
    return Report(
        documents=(
            DocumentSummary("docs/a b.md", "<b>Title</b> @octocat", "AP", "2025-01-13", 4),
            DocumentSummary("docs/c,d:e.md", None, None, "2025-02", 2, published_approx=True),
        ),
        findings=(hostile, plain, low),
        errors=(InputError("docs/bin.pdf", "binary file, skipped\nsecond line"),),
        warnings=("docs/a b.md:2: inline ignore TMP001 matched no finding",),
        tables=(
            QuantityTable(
                "killed",
                (
                    QuantityReport("NIS", "AP", "2025-01-13", "300", "docs/a b.md", 3),
                    QuantityReport("Reuters", None, None, "4,000", "docs/c,d:e.md", 7),
                ),
            ),
        ),
        fixed=(
            {
                "id": "deadbeefdeadbeef",
                "rule": "NUM001",
                "summary": "old figure",
                "reason": "accepted",
                "paths": "docs/old.md",
            },
        ),
        meta={"version": "0.1.0"},
    )


# --- snapshots ----------------------------------------------------------------------


def test_json_snapshot() -> None:
    assert_snapshot("report.json", report_json.render(make_report()))


def test_sarif_snapshot() -> None:
    assert_snapshot("report.sarif", sarif.render(make_report(), rules=RULES))


def test_github_snapshot() -> None:
    assert_snapshot("github.txt", gh.render(make_report()))


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_same_input_gives_same_bytes(fmt: str) -> None:
    assert render(make_report(), fmt) == render(make_report(), fmt)


# --- registry -----------------------------------------------------------------------


def test_formatters_registry() -> None:
    assert sorted(FORMATTERS) == ["github", "json", "markdown", "sarif"]
    assert FORMATTERS["json"](make_report()) == report_json.render(make_report())
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        render(make_report(), "xml")


def test_markdown_formatter_is_loaded_lazily() -> None:
    pytest.importorskip("consist.report.markdown")
    assert FORMATTERS["markdown"](make_report()).endswith("\n")


# --- JSON ---------------------------------------------------------------------------


def test_json_layout() -> None:
    data = json.loads(report_json.render(make_report()))
    assert data["schema"] == "consist/1"
    assert set(data) == {
        "schema",
        "documents",
        "findings",
        "errors",
        "warnings",
        "tables",
        "fixed",
        "meta",
    }
    first = data["findings"][0]
    assert first["confidence"] == 0.88
    assert first["baseline"] == "new"
    assert set(first["claims"][0]) == {
        "path",
        "line",
        "text",
        "speaker",
        "outlet",
        "date",
        "date_approx",
        "entities",
    }
    assert data["documents"][0]["claims"] == 4


def test_json_has_no_baseline_key_without_a_baseline() -> None:
    report = make_report()
    report = replace(report, findings=tuple(replace(f, baseline=None) for f in report.findings))
    assert all("baseline" not in f for f in report_json.to_dict(report)["findings"])


def test_json_round_trip() -> None:
    once = report_json.to_dict(make_report())
    again = report_json.to_dict(report_json.from_dict(once))
    assert again == once
    assert report_json.loads(report_json.render(make_report())).findings[0].confidence == 0.88


@pytest.mark.parametrize(
    "bad",
    [[], {"schema": "other/9"}, {"schema": "consist/1", "findings": [{"rule": "X"}]}],
)
def test_json_from_dict_rejects_non_reports(bad: Any) -> None:
    with pytest.raises(ValueError):
        report_json.from_dict(bad)


# --- SARIF --------------------------------------------------------------------------


def _validate_sarif(text: str) -> dict[str, Any]:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(text)
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    return log  # type: ignore[no-any-return]


def test_sarif_is_valid_against_the_official_schema() -> None:
    _validate_sarif(sarif.render(make_report(), rules=RULES))


def test_sarif_from_the_registry_is_valid() -> None:
    """Whatever state the rule modules are in, the registry path renders valid SARIF."""
    log = _validate_sarif(render(make_report(), "sarif"))
    ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert ids == sorted(ids) and {"NUM001", "STN001", "TMP001"} <= set(ids)


def test_sarif_results() -> None:
    log = json.loads(sarif.render(make_report(), rules=RULES))
    run = log["runs"][0]
    hostile, plain, low = run["results"]
    assert [r["level"] for r in (hostile, plain, low)] == ["error", "warning", "note"]
    assert hostile["partialFingerprints"] == {"consist/v1": "0123456789abcdef"}
    assert [r["baselineState"] for r in (hostile, plain, low)] == ["new", "unchanged", "new"]
    loc = hostile["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "docs/a%20b.md", "uriBaseId": "%SRCROOT%"}
    assert loc["region"] == {"startLine": 3}
    related = hostile["relatedLocations"][0]
    assert related["id"] == 1
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "docs/c,d%3Ae.md"
    assert "region" not in low["relatedLocations"][0]["physicalLocation"]
    # brackets in the finding's own text are escaped; only the link to the claim is live
    text = hostile["message"]["text"]
    assert "\\[x\\]" in text and text.endswith("Contradicted by [docs/c,d:e.md:7](1).")
    rule = run["tool"]["driver"]["rules"][hostile["ruleIndex"]]
    assert rule["id"] == "NUM001" and rule["name"] == "quantity-mismatch"
    assert rule["shortDescription"]["text"].startswith("Two sources give")
    assert "help" in rule and rule["fullDescription"]["text"].startswith("What it flags")


def test_sarif_notifications_carry_errors_warnings_and_fixed() -> None:
    log = json.loads(sarif.render(make_report(), rules=RULES))
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["error", "warning", "note"]
    assert "deadbeefdeadbeef" in notes[2]["message"]["text"]


def test_sarif_survives_a_broken_rule_module(monkeypatch: pytest.MonkeyPatch) -> None:
    import consist.rules

    def broken(code: str) -> Any:
        raise ImportError(f"no module for {code}")

    monkeypatch.setattr(consist.rules, "rule_class", broken)
    info = sarif.rule_info("NUM001")
    assert info == sarif.RuleInfo("NUM001")
    assert info.summary == "consist rule NUM001"
    _validate_sarif(sarif.render(make_report()))


def test_sarif_absolute_paths_become_file_uris() -> None:
    assert sarif.artifact_location("/tmp/a b.md") == {"uri": "file:///tmp/a%20b.md"}
    assert sarif.artifact_location("./docs/x.md")["uri"] == "docs/x.md"
    assert sarif.artifact_location("docs\\x.md")["uri"] == "docs/x.md"


# --- GitHub -------------------------------------------------------------------------


def test_github_annotations_are_escaped() -> None:
    lines = gh.render(make_report()).splitlines()
    assert all(line.startswith("::") for line in lines)
    first = lines[0]
    assert first.startswith("::error file=docs/a b.md,line=3,title=NUM001 high%3A casualties | ")
    assert "%0D%0A::error file=x::injected 100%25 #123" in first
    # one line per annotation: 2 new findings, 1 skipped input, 1 warning
    assert len(lines) == 4
    assert "docs/c,d:e.md:7" in first  # message data keeps , and :


def test_github_file_property_is_escaped() -> None:
    report = replace(
        make_report(),
        findings=(replace(_finding(1, "high"), claims=(injecting_claim(), hostile_claim())),),
    )
    assert gh.render(report).startswith("::error file=docs/c%2Cd%3Ae.md,line=7,title=")


def test_github_skips_baselined_findings() -> None:
    out = gh.render(make_report())
    assert "fedcba9876543210" not in out
    assert "aaaaaaaaaaaaaaaa" in out and out.count("::notice ") == 1


def test_github_input_errors_and_warnings_are_annotated() -> None:
    out = gh.render(make_report())
    assert "::warning file=docs/bin.pdf,title=consist%3A input skipped::binary file" in out
    assert "inline ignore TMP001 matched no finding" in out


def _finding(i: int, severity: str) -> Finding:
    claims = (
        ClaimRef(f"docs/{i}.md", i + 1, f"claim {i}", None, None, None),
        ClaimRef("docs/z.md", 1, "other", None, None, None),
    )
    return Finding(f"{i:016x}", "NUM001", "numeric", severity, 0.9, "t", f"s{i}", "", claims)


def test_github_respects_per_step_limits() -> None:
    findings = tuple(_finding(i, "high") for i in range(25)) + tuple(
        _finding(100 + i, "medium") for i in range(3)
    )
    out = gh.render(Report(documents=(), findings=findings)).splitlines()
    errors = [line for line in out if line.startswith("::error")]
    warnings = [line for line in out if line.startswith("::warning")]
    assert len(errors) == gh.MAX_PER_LEVEL and len(warnings) == 3
    assert errors[-1].startswith("::error title=consist%3A more findings::16 more error")
    assert "s0%0A" in errors[0] and "s8%0A" in errors[8]


def test_github_exactly_at_the_limit_needs_no_overflow_line() -> None:
    findings = tuple(_finding(i, "high") for i in range(gh.MAX_PER_LEVEL))
    out = gh.render(Report(documents=(), findings=findings))
    assert "more findings" not in out and out.count("::error ") == gh.MAX_PER_LEVEL


def test_github_most_severe_first() -> None:
    findings = (_finding(1, "low"), _finding(2, "high"), _finding(3, "medium"))
    out = gh.render(Report(documents=(), findings=findings)).splitlines()
    assert [line.split(" ", 1)[0] for line in out] == ["::error", "::warning", "::notice"]


def test_escape_property_and_data() -> None:
    assert gh.escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert gh.escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_write_step_summary(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(target)}
    assert gh.write_step_summary(make_report(), "# one", env=env)
    assert gh.write_step_summary(make_report(), "two\n", env=env)
    assert target.read_text(encoding="utf-8") == "# one\ntwo\n"
    assert not gh.write_step_summary(make_report(), "x", env={})


def test_write_step_summary_fits_the_size_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gh, "MAX_SUMMARY_BYTES", 200)
    target = tmp_path / "summary.md"
    gh.write_step_summary(make_report(), "line\n" * 100, env={"GITHUB_STEP_SUMMARY": str(target)})
    text = target.read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) <= 200 and "truncated" in text
