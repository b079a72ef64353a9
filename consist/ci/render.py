"""``python -m consist.ci.render REPORT.json``: other formats from one JSON report.

The Action runs the (slow) check once, as JSON with the baseline applied, and renders
everything else from it: annotations and the job summary (``--format github
--summary``), SARIF, Markdown. With ``--fail-on`` the exit code is the gate: 1 when a
finding not accepted by the baseline is at or above that severity, as ``check``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from consist.safe_text import safe_line
from consist.types import Finding

_RANK = {"low": 0, "medium": 1, "high": 2}


def failing(findings: Sequence[Finding], fail_on: str) -> list[Finding]:
    """Findings that fail a run: at or above ``fail_on`` and not baselined."""
    floor = _RANK[fail_on]
    return [f for f in findings if _RANK.get(f.severity, 0) >= floor and f.baseline != "unchanged"]


def main(argv: Sequence[str] | None = None) -> int:
    from consist.report import render
    from consist.report.github import write_step_summary
    from consist.report.json import loads
    from consist.report.markdown import render as markdown

    parser = argparse.ArgumentParser(prog="python -m consist.ci.render")
    parser.add_argument("report", type=Path, help="a consist/1 JSON report")
    parser.add_argument("--format", default="github", choices=["github", "sarif", "markdown"])
    parser.add_argument("--output", type=Path, help="write here instead of stdout")
    parser.add_argument("--summary", action="store_true", help="append to $GITHUB_STEP_SUMMARY")
    parser.add_argument("--fail-on", choices=sorted(_RANK, key=_RANK.__getitem__))
    args = parser.parse_args(argv)
    try:
        report = loads(args.report.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        message = f"consist: error: cannot read report {args.report}: {exc}"
        print(safe_line(message), file=sys.stderr)
        return 2
    text = render(report, args.format)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    if args.summary:
        write_step_summary(report, markdown(report))
    return 1 if args.fail_on and failing(report.findings, args.fail_on) else 0


if __name__ == "__main__":
    raise SystemExit(main())
