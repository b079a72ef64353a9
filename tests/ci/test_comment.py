"""The pull-request comment: body, create-or-update decision, HTTP calls (mocked)."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from consist.baseline import write_baseline
from consist.ci.comment import (
    MARKER,
    MAX_BODY,
    GitHub,
    build_body,
    choose,
    main,
    pull_request_number,
    sync,
)
from consist.report.json import render as render_json
from consist.types import ClaimRef, Report
from tests.helpers import make_finding


class FakeGitHub:
    """Records requests and answers them like the REST API."""

    def __init__(self, comments: list[dict[str, object]], status: int = 200) -> None:
        self.comments = comments
        self.status = status
        self.calls: list[tuple[str, str, object]] = []

    def __call__(self, request: urllib.request.Request) -> tuple[int, bytes]:
        payload = json.loads(request.data) if request.data else None  # type: ignore[arg-type]
        self.calls.append((request.get_method(), request.full_url, payload))
        assert request.get_header("Authorization") == "Bearer t0ken"
        if self.status >= 300:
            return self.status, b""
        if request.get_method() == "GET":
            page = int(request.full_url.rsplit("page=", 1)[1])
            return 200, json.dumps(self.comments[(page - 1) * 100 : page * 100]).encode()
        return 201, b"{}"


def _comment(cid: int, body: str, login: str = "github-actions[bot]") -> dict[str, object]:
    return {"id": cid, "body": body, "user": {"login": login}}


def test_body_has_the_marker_and_fits_the_limit() -> None:
    body = build_body("## diff\n", "https://example.test/run/1")
    assert body.startswith(MARKER) and "https://example.test/run/1" in body
    huge = "<details>\n" + "| row |\n" * 20_000
    cut = build_body(huge)
    assert len(cut) <= MAX_BODY and cut.count("<details>") == cut.count("</details>")


def test_choose_creates_updates_or_skips() -> None:
    body = build_body("x\n")
    assert choose([], body, "github-actions[bot]").action == "create"
    others = [_comment(1, "hello"), _comment(2, MARKER + " quoted", login="someone")]
    assert choose(others, body, "github-actions[bot]").action == "create"
    ours = [*others, _comment(3, MARKER + "\nold"), _comment(4, MARKER + "\nolder")]
    assert choose(ours, body, "github-actions[bot]").comment_id == 3
    assert choose([_comment(5, body)], body, "github-actions[bot]").action == "skip"


def test_sync_updates_the_existing_comment_across_pages() -> None:
    comments = [_comment(i, "chat") for i in range(150)] + [_comment(999, MARKER + "\nold")]
    fake = FakeGitHub(comments)
    decision = sync(
        GitHub("t0ken", "https://api.test", fake), "o/r", 7, "new body", "github-actions[bot]"
    )
    assert decision.action == "update" and decision.comment_id == 999
    methods = [(m, url.split("api.test")[1]) for m, url, _ in fake.calls]
    assert methods[-1] == ("PATCH", "/repos/o/r/issues/comments/999")
    assert [m for m, _ in methods].count("GET") == 2
    assert fake.calls[-1][2] == {"body": "new body"}


def test_sync_creates_when_there_is_none() -> None:
    fake = FakeGitHub([_comment(1, "chat")])
    sync(GitHub("t0ken", "https://api.test", fake), "o/r", 7, "body", "github-actions[bot]")
    assert fake.calls[-1][:2] == ("POST", "https://api.test/repos/o/r/issues/7/comments")


def _report(tmp_path: Path) -> tuple[Path, Path]:
    claim = ClaimRef("a.md", 3, "300 were killed", None, "Daily", "2025-01-01")
    other = ClaimRef("b.md", 4, "4,000 were killed", None, "Wire", "2025-01-02")
    old = make_finding("aaaa", "NUM001", claim, other, summary="old one")
    new = make_finding("bbbb", "NUM001", claim, other, summary="new one")
    baseline = tmp_path / "baseline.json"
    write_baseline(baseline, [old])
    report = tmp_path / "report.json"
    report.write_text(render_json(Report(documents=(), findings=(new,))), encoding="utf-8")
    return report, baseline


def test_main_dry_run_prints_the_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report, baseline = _report(tmp_path)
    assert main(["--report", str(report), "--baseline", str(baseline), "--dry-run"], env={}) == 0
    out = capsys.readouterr().out
    assert out.startswith(MARKER)
    assert "**1 new**" in out and "**1 fixed**" in out and "new one" in out


def test_main_http_failure_is_a_warning_not_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    report, _ = _report(tmp_path)
    fake = FakeGitHub([], status=403)
    monkeypatch.setattr("consist.ci.comment._urlopen", fake)
    env = {
        "GITHUB_TOKEN": "t0ken",
        "GITHUB_REPOSITORY": "o/r",
        "GITHUB_API_URL": "https://api.test",
    }
    assert main(["--report", str(report), "--pr", "3"], env=env) == 0
    assert "::warning" in capsys.readouterr().out


def test_main_needs_a_pull_request_and_a_token(tmp_path: Path) -> None:
    report, _ = _report(tmp_path)
    assert main(["--report", str(report)], env={"GITHUB_REPOSITORY": "o/r"}) == 2
    assert main(["--report", str(tmp_path / "missing.json"), "--dry-run"], env={}) == 2


def test_pull_request_number_from_the_event(tmp_path: Path) -> None:
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 42}}), encoding="utf-8")
    assert pull_request_number({"GITHUB_EVENT_PATH": str(event)}) == 42
    assert pull_request_number({}) is None
