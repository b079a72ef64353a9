"""GitHub Actions output: workflow-command annotations and the job step summary.

Annotations put a finding on the line of the claim in the pull request's diff view.
GitHub shows at most ten error and ten warning (and ten notice) annotations per step
and drops the rest silently, so the most severe findings go first and the tenth slot
of a full level says how many more there are. Findings a baseline already accepted
are not annotated: the point of a baseline is that only new ones ask for attention.

Document text ends up in these commands, so data and properties are escaped as the
workflow-command rules require; an unescaped newline in a claim would otherwise let a
document issue workflow commands of its own.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from consist.safe_text import strip_unsafe
from consist.types import ClaimRef, Finding, Report

#: GitHub's per-step limit for each annotation level.
MAX_PER_LEVEL = 10
#: GitHub's limit on the size of one step's summary.
MAX_SUMMARY_BYTES = 1024 * 1024

LEVELS = {"high": "error", "medium": "warning", "low": "notice"}
_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class Annotation:
    """One ``::level key=value,...::message`` workflow command, before escaping."""

    level: str
    message: str
    title: str = ""
    file: str = ""
    line: int = 0

    def command(self) -> str:
        props = []
        if self.file:
            props.append(f"file={escape_property(self.file)}")
            if self.line > 0:
                props.append(f"line={self.line}")
        if self.title:
            props.append(f"title={escape_property(self.title)}")
        head = f"::{self.level} {','.join(props)}" if props else f"::{self.level}"
        return f"{head}::{escape_data(self.message)}"


def escape_data(s: str) -> str:
    """Escape a command's message: ``%``, CR and LF (GitHub's ``escapeData``).

    Control, format and bidi characters (ESC sequences, NUL, BEL, U+202E, U+2066...)
    are removed first: a log viewer or terminal would act on them.
    """
    s = "\r".join(strip_unsafe(part, keep_newlines=True) for part in s.split("\r"))
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """Escape a property value: as data, plus ``:`` and ``,`` (``escapeProperty``)."""
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    """Annotations for new findings, unreadable inputs and warnings, one per line."""
    candidates = [_finding_annotation(f) for f in _annotated(report.findings)]
    candidates += [
        Annotation("warning", e.message, title="consist: input skipped", file=_path(e.path))
        for e in report.errors
    ]
    candidates += [Annotation("warning", w, title="consist") for w in report.warnings]
    lines = [a.command() for a in _within_limits(candidates)]
    return "".join(line + "\n" for line in lines)


def _annotated(findings: tuple[Finding, ...]) -> list[Finding]:
    """Findings worth a reviewer's attention, most severe first (stable otherwise)."""
    fresh = [f for f in findings if f.baseline != "unchanged"]
    return sorted(fresh, key=lambda f: _SEVERITY_ORDER.get(f.severity, 1))


def _finding_annotation(f: Finding) -> Annotation:
    primary = f.claims[0] if f.claims else ClaimRef("", 0, "", None, None, None)
    lines = [f.summary]
    if f.explanation:
        lines.append(f.explanation)
    lines += [f"Contradicts {_where(c)}: {_quote(c)}" for c in f.claims[1:]]
    lines.append(f"id {f.id} (confidence {float(f.confidence):.2f})")
    return Annotation(
        level=LEVELS.get(f.severity, "warning"),
        message="\n".join(lines),
        title=f"{f.rule} {f.severity}: {f.topic}" if f.topic else f"{f.rule} {f.severity}",
        file=_path(primary.path),
        line=primary.line,
    )


def _where(c: ClaimRef) -> str:
    return f"{c.path}:{c.line}" if c.line > 0 else c.path


def _quote(c: ClaimRef) -> str:
    who = ", ".join(x for x in (c.speaker or c.outlet, c.date) if x)
    return f'"{c.text}" ({who})' if who else f'"{c.text}"'


def _path(path: str) -> str:
    """The path as GitHub matches it against the checkout: forward slashes, no ``./``."""
    posix = path.replace("\\", "/")
    while posix.startswith("./"):
        posix = posix[2:]
    return posix


def _within_limits(candidates: list[Annotation]) -> list[Annotation]:
    """At most ``MAX_PER_LEVEL`` per level; a full level's last slot counts the rest."""
    totals = Counter(a.level for a in candidates)
    seen: Counter[str] = Counter()
    kept: list[Annotation] = []
    for a in candidates:
        position = seen[a.level]
        seen[a.level] += 1
        if totals[a.level] <= MAX_PER_LEVEL or position < MAX_PER_LEVEL - 1:
            kept.append(a)
        elif position == MAX_PER_LEVEL - 1:
            kept.append(_overflow(a.level, totals[a.level] - position))
    return kept


def _overflow(level: str, hidden: int) -> Annotation:
    return Annotation(
        level,
        f"{hidden} more {level} annotations were not shown: GitHub shows at most "
        f"{MAX_PER_LEVEL} per level in one step. See the step summary or the JSON report.",
        title="consist: more findings",
    )


def write_step_summary(
    report: Report, markdown: str | None = None, env: Mapping[str, str] | None = None
) -> bool:
    """Append ``markdown`` (by default the Markdown report) to ``$GITHUB_STEP_SUMMARY``.

    Returns whether anything was written: outside GitHub Actions the variable is unset
    and this does nothing. The text is cut at a line boundary to fit GitHub's 1 MiB
    per-step limit, since an oversized summary is rejected whole.
    """
    target = (env if env is not None else os.environ).get("GITHUB_STEP_SUMMARY")
    if not target:
        return False
    if markdown is None:
        from consist.report.markdown import render as render_markdown

        markdown = render_markdown(report)
    with open(target, "a", encoding="utf-8", newline="\n") as fh:
        fh.write(_fit(markdown))
    return True


def _fit(markdown: str) -> str:
    text = markdown if markdown.endswith("\n") else markdown + "\n"
    if len(text.encode("utf-8")) <= MAX_SUMMARY_BYTES:
        return text
    note = "\n*Summary truncated to fit GitHub's 1 MiB limit; see the full report.*\n"
    budget = MAX_SUMMARY_BYTES - len(note.encode("utf-8"))
    cut = text.encode("utf-8")[:budget].decode("utf-8", errors="ignore")
    return cut[: cut.rfind("\n") + 1] + note
