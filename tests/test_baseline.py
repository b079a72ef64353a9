"""The baseline file: written sorted and diff-friendly, read strictly, applied by id."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from consist.baseline import (
    SCHEMA,
    Baseline,
    BaselineError,
    apply_baseline,
    load_baseline,
    write_baseline,
)
from consist.report import json as report_json
from consist.types import ClaimRef, Finding, Report
from tests.helpers import make_finding


def finding(fid: str, rule: str = "NUM001", paths: tuple[str, str] = ("b.md", "a.md")) -> Finding:
    finding: Finding = make_finding(
        fid,
        rule,
        ClaimRef(paths[0], 3, f"text {fid} one", None, "AP", "2025-01-01"),
        ClaimRef(paths[1], 5, f"text {fid} two", None, "Reuters", "2025-01-02"),
        topic="killed",
        summary=f"summary {fid}",
        explanation="why",
    )
    return finding


def test_write_then_load(tmp_path: Path) -> None:
    path = tmp_path / "consist-baseline.json"
    written = write_baseline(path, [finding("bb"), finding("aa")])
    loaded = load_baseline(path)
    assert loaded.entries == written.entries
    assert list(loaded.entries) == ["aa", "bb"]
    assert "aa" in loaded and len(loaded) == 2


def test_file_is_sorted_and_diff_friendly(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    write_baseline(path, [finding("bb"), finding("aa")])
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n") and "\t" not in text
    data = json.loads(text)
    assert data["schema"] == SCHEMA
    assert [e["id"] for e in data["entries"]] == ["aa", "bb"]
    entry = data["entries"][0]
    assert entry == {
        "id": "aa",
        "rule": "NUM001",
        "summary": "summary aa",
        "reason": "",
        "claims": [
            {"path": "a.md", "text": "text aa two"},
            {"path": "b.md", "text": "text aa one"},
        ],
    }
    assert text == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_same_findings_in_any_order_give_the_same_bytes(tmp_path: Path) -> None:
    one, two = tmp_path / "1.json", tmp_path / "2.json"
    write_baseline(one, [finding("aa"), finding("bb"), finding("aa")])
    write_baseline(two, [finding("bb"), finding("aa")])
    assert one.read_bytes() == two.read_bytes()


def test_rewriting_keeps_reasons_of_findings_that_persist(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    write_baseline(path, [finding("aa"), finding("bb")])
    data = json.loads(path.read_text(encoding="utf-8"))
    for entry in data["entries"]:
        entry["reason"] = f"accepted {entry['id']}"
    path.write_text(json.dumps(data), encoding="utf-8")
    write_baseline(path, [finding("bb"), finding("cc")])
    reasons = {e["id"]: e["reason"] for e in load_baseline(path).entries.values()}
    assert reasons == {"bb": "accepted bb", "cc": ""}


def test_writing_over_a_corrupt_file_works(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text("{nope", encoding="utf-8")
    write_baseline(path, [finding("aa")])
    assert list(load_baseline(path).entries) == ["aa"]
    assert not (tmp_path / "b.json.tmp").exists()


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="not found") as info:
        load_baseline(tmp_path / "nope.json")
    assert "\n" not in str(info.value) and "--write-baseline" in str(info.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{nope", "not valid JSON"),
        ("[]", "expected a JSON object"),
        ('{"schema": "other/2", "entries": []}', "unknown schema"),
        ('{"schema": "consist-baseline/1", "entries": {}}', "entries must be a list"),
        ('{"schema": "consist-baseline/1", "entries": [{"rule": "X"}]}', "entry 1 has no"),
    ],
)
def test_corrupt_file_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match=message) as info:
        load_baseline(path)
    assert "\n" not in str(info.value) and str(path) in str(info.value)


def test_undecodable_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(BaselineError, match="cannot read"):
        load_baseline(path)


def test_a_json_report_can_serve_as_baseline(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    report = Report(documents=(), findings=(finding("aa"), finding("bb")))
    path.write_text(report_json.render(report), encoding="utf-8")
    assert sorted(load_baseline(path).entries) == ["aa", "bb"]


def test_apply_marks_new_and_unchanged_and_lists_stale(tmp_path: Path) -> None:
    baseline = write_baseline(tmp_path / "b.json", [finding("aa"), finding("zz")])
    marked, stale = apply_baseline([finding("bb"), finding("aa")], baseline)
    assert [(f.id, f.baseline) for f in marked] == [("bb", "new"), ("aa", "unchanged")]
    assert stale == (
        {
            "id": "zz",
            "rule": "NUM001",
            "summary": "summary zz",
            "reason": "",
            "paths": "a.md, b.md",
        },
    )


def test_apply_to_an_empty_baseline() -> None:
    marked, stale = apply_baseline([finding("aa")], Baseline(path="x", entries={}))
    assert marked[0].baseline == "new" and stale == ()


def test_moved_claims_stay_baselined(tmp_path: Path) -> None:
    """Ids ignore paths and lines, so a renamed file's finding stays unchanged."""
    baseline = write_baseline(tmp_path / "b.json", [finding("aa")])
    moved = finding("aa", paths=("renamed.md", "a.md"))
    marked, stale = apply_baseline([moved], baseline)
    assert marked[0].baseline == "unchanged" and stale == ()
