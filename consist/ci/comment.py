"""Keep ONE pull-request comment up to date with what changed since the baseline.

``python -m consist.ci.comment --report consist.json [--baseline FILE]`` builds the
``consist diff`` of the baseline (or of nothing) against the report, then finds this
job's earlier comment on the pull request by a hidden marker and edits it, or creates
one when there is none; an unchanged body is left alone. So a pull request pushed ten
times has one comment, always current, instead of ten.

Only comments written by ``--author`` (the Actions bot by default) are candidates: a
person quoting the marker must not have their comment overwritten (and the token could
not edit it anyway). HTTP goes through ``urllib`` with ``GITHUB_TOKEN``; an HTTP
failure (a fork's read-only token, rate limits) is a warning, never a failed build:
the comment is a courtesy, the check's exit code is the gate.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from consist.report.github import escape_data
from consist.safe_text import safe_line

MARKER = "<!-- consist-report -->"
#: GitHub rejects comment bodies over 65,536 characters.
MAX_BODY = 65_536
DEFAULT_AUTHOR = "github-actions[bot]"

JSON = Any
Transport = Callable[[urllib.request.Request], tuple[int, bytes]]


@dataclass(frozen=True)
class Decision:
    """What to do: ``create`` a comment, ``update`` comment ``comment_id``, or ``skip``."""

    action: str
    comment_id: int | None = None


def build_body(diff_markdown: str, run_url: str | None = None) -> str:
    """The comment: the marker, the diff, a link to the run; cut to GitHub's limit."""
    footer = f"\n<sub>Updated by consist in [this run]({run_url}).</sub>\n" if run_url else ""
    note = "\n*Cut to fit a comment; see the job summary for the whole report.*\n"
    head = f"{MARKER}\n"
    body = head + diff_markdown.rstrip("\n") + "\n" + footer
    if len(body) <= MAX_BODY:
        return body
    closing = "\n</details>\n"
    budget = MAX_BODY - len(head) - len(note) - len(footer) - len(closing)
    cut = diff_markdown[:budget]
    cut = cut[: cut.rfind("\n") + 1]
    if cut.count("<details>") > cut.count("</details>"):
        cut += closing
    return head + cut + note + footer


def choose(comments: Sequence[Mapping[str, JSON]], body: str, author: str | None) -> Decision:
    """Update the first comment by ``author`` that carries the marker, else create one."""
    for comment in comments:
        login = (comment.get("user") or {}).get("login")
        if MARKER not in str(comment.get("body") or ""):
            continue
        if author and login != author:
            continue
        if comment.get("body") == body:
            return Decision("skip", int(comment["id"]))
        return Decision("update", int(comment["id"]))
    return Decision("create")


class GitHub:
    """The three REST calls this needs, over ``transport`` (urllib by default)."""

    def __init__(self, token: str, api_url: str, transport: Transport | None = None) -> None:
        self.token = token
        self.api_url = api_url.rstrip("/")
        self.transport = transport or _urlopen

    def _call(self, method: str, path: str, payload: JSON = None) -> JSON:
        data = None if payload is None else json.dumps(payload).encode("utf-8")
        request = urllib.request.Request(self.api_url + path, data=data, method=method)
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        status, raw = self.transport(request)
        if status >= 300:
            raise GitHubError(f"{method} {path}: HTTP {status}")
        return json.loads(raw.decode("utf-8")) if raw else None

    def comments(self, repo: str, number: int) -> list[Mapping[str, JSON]]:
        found: list[Mapping[str, JSON]] = []
        page = 1
        while True:
            batch = self._call(
                "GET", f"/repos/{repo}/issues/{number}/comments?per_page=100&page={page}"
            )
            found.extend(batch or [])
            if not batch or len(batch) < 100:
                return found
            page += 1

    def create(self, repo: str, number: int, body: str) -> JSON:
        return self._call("POST", f"/repos/{repo}/issues/{number}/comments", {"body": body})

    def update(self, repo: str, comment_id: int, body: str) -> JSON:
        return self._call("PATCH", f"/repos/{repo}/issues/comments/{comment_id}", {"body": body})


class GitHubError(RuntimeError):
    pass


def _urlopen(request: urllib.request.Request) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as exc:
        return int(exc.code), b""


def sync(client: GitHub, repo: str, number: int, body: str, author: str | None) -> Decision:
    """Create or update the one comment; returns what was done."""
    decision = choose(client.comments(repo, number), body, author)
    if decision.action == "create":
        client.create(repo, number, body)
    elif decision.action == "update" and decision.comment_id is not None:
        client.update(repo, decision.comment_id, body)
    return decision


def diff_markdown(report: Path, baseline: Path | None) -> str:
    """``consist diff`` of the baseline (or an empty report) against ``report``."""
    from consist.diff import diff_reports, read_side
    from consist.types import Report

    old = read_side(baseline) if baseline else Report(documents=(), findings=())
    return diff_reports(old, read_side(report))


def pull_request_number(env: Mapping[str, str]) -> int | None:
    """The pull request's number from the event payload Actions provides."""
    path = env.get("GITHUB_EVENT_PATH")
    if not path:
        return None
    try:
        event = json.loads(Path(path).read_text(encoding="utf-8"))
        return int(event["pull_request"]["number"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def main(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    env = os.environ if env is None else env
    parser = argparse.ArgumentParser(prog="python -m consist.ci.comment")
    parser.add_argument("--report", type=Path, required=True, help="consist/1 JSON report")
    parser.add_argument("--baseline", type=Path, help="baseline file or JSON report")
    parser.add_argument("--pr", type=int, help="pull request number (default: from the event)")
    parser.add_argument("--repo", default=env.get("GITHUB_REPOSITORY", ""))
    parser.add_argument("--author", default=DEFAULT_AUTHOR, help="'' for any author")
    parser.add_argument("--dry-run", action="store_true", help="print the body, call nothing")
    args = parser.parse_args(argv)
    try:
        diff = diff_markdown(args.report, args.baseline)
    except (OSError, ValueError) as exc:
        print(safe_line(f"consist: error: {exc}"), file=sys.stderr)
        return 2
    run_url = _run_url(env)
    body = build_body(diff, run_url)
    if args.dry_run:
        sys.stdout.write(body)
        return 0
    number = args.pr or pull_request_number(env)
    token = env.get("GITHUB_TOKEN", "")
    if not (number and args.repo and token):
        print("consist: error: need --pr (or a pull_request event), --repo and GITHUB_TOKEN",
              file=sys.stderr)  # fmt: skip
        return 2
    client = GitHub(token, env.get("GITHUB_API_URL", "https://api.github.com"))
    try:
        decision = sync(client, args.repo, number, body, args.author or None)
    except (GitHubError, OSError, ValueError) as exc:
        print(
            "::warning title=consist::could not update the pull-request comment "
            + escape_data(f"({exc})")
        )
        return 0
    print(f"consist: pull-request comment: {decision.action}", file=sys.stderr)
    return 0


def _run_url(env: Mapping[str, str]) -> str | None:
    server, repo, run = (
        env.get(k) for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID")
    )
    return f"{server}/{repo}/actions/runs/{run}" if server and repo and run else None


if __name__ == "__main__":
    raise SystemExit(main())
