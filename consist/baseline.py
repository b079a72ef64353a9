"""The baseline file: findings a team has accepted, so CI fails only on new ones.

The file is committed and reviewed, so it is written for people and for diffs: one
entry per finding sorted by id, keys sorted, the claims quoted so a reviewer sees what
was accepted, and a ``reason`` field a person fills in. Rewriting the baseline keeps
those reasons for every finding that is still there.

Entries are matched by finding id only (see ``consist.fingerprint``): ids already
ignore paths, lines and order, so a moved or re-wrapped claim stays baselined and an
edited figure does not.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypedDict

from consist.safe_text import safe_line
from consist.types import Finding

SCHEMA = "consist-baseline/1"


class BaselineError(ValueError):
    """The baseline file is missing or unusable; the message is one line for the CLI."""


class BaselineClaim(TypedDict):
    path: str
    text: str


class BaselineEntry(TypedDict):
    id: str
    rule: str
    summary: str
    reason: str
    claims: list[BaselineClaim]


@dataclass(frozen=True)
class Baseline:
    """A loaded baseline: its entries by finding id."""

    path: str
    entries: Mapping[str, BaselineEntry]

    def __contains__(self, finding_id: object) -> bool:
        return finding_id in self.entries

    def __len__(self) -> int:
        return len(self.entries)


# --- writing ------------------------------------------------------------------------


def write_baseline(path: str | os.PathLike[str], findings: Iterable[Finding]) -> Baseline:
    """Record ``findings`` as accepted, keeping reasons already written for them.

    The file is replaced atomically, so an interrupted run cannot leave half a baseline
    that would then fail every build as corrupt.
    """
    target = Path(path)
    entries = _entries(findings, _existing_reasons(target))
    payload = {"schema": SCHEMA, "entries": list(entries.values())}
    text = json.dumps(payload, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    from consist.outputs import write_atomic

    write_atomic(target, text)
    return Baseline(path=str(target), entries=entries)


def _entries(findings: Iterable[Finding], reasons: Mapping[str, str]) -> dict[str, BaselineEntry]:
    by_id: dict[str, BaselineEntry] = {}
    for f in findings:
        if f.id not in by_id:
            by_id[f.id] = entry_for(f, reasons.get(f.id, ""))
    return {fid: by_id[fid] for fid in sorted(by_id)}


def entry_for(f: Finding, reason: str = "") -> BaselineEntry:
    """The baseline entry for one finding (claims sorted so order does not matter)."""
    claims = sorted({(c.path, c.text) for c in f.claims})
    return {
        "id": f.id,
        "rule": f.rule,
        "summary": f.summary,
        "reason": reason,
        "claims": [{"path": p, "text": t} for p, t in claims],
    }


def _existing_reasons(path: Path) -> dict[str, str]:
    """Reasons in the file being overwritten; an unreadable old file just has none."""
    try:
        old = load_baseline(path)
    except BaselineError:
        return {}
    return {fid: e["reason"] for fid, e in old.entries.items() if e["reason"]}


# --- reading ------------------------------------------------------------------------


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline file; ``BaselineError`` with a one-line message if unusable.

    A ``consist/1`` JSON report is accepted too, so a saved report can serve as a
    baseline without converting it.
    """
    from consist.outputs import MAX_BASELINE_BYTES, OutputError, check_input_file

    target = Path(path)
    try:
        # A pipe given as the baseline would block forever; a device would never end.
        check_input_file(target, "baseline file", MAX_BASELINE_BYTES)
    except OutputError as exc:
        raise BaselineError(str(exc)) from None
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(
            f"baseline file {target} not found (create it with --write-baseline {target})"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"cannot read baseline file {target}: {_reason(exc)}") from None
    try:
        data = json.loads(text, parse_int=_int_or_text)
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"baseline file {target} is not valid JSON (line {exc.lineno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise BaselineError(f"baseline file {target} is corrupt: JSON nested too deeply") from None
    except ValueError as exc:
        raise BaselineError(f"baseline file {target} is not usable JSON ({exc})"[:300]) from None
    return Baseline(path=str(target), entries=_parse(data, target))


def _text(value: object) -> str:
    """A baseline field as one plain line: the file is input like any document."""
    if value is None or isinstance(value, dict | list):
        return ""
    return safe_line(str(value))[:10_000]


def _int_or_text(digits: str) -> int | str:
    """Integers too long for ``int()`` (over 4,300 digits) stay text: no id is numeric."""
    return int(digits) if len(digits) <= 4000 else digits


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc).splitlines()[0]


def _parse(data: Any, target: Path) -> dict[str, BaselineEntry]:
    if not isinstance(data, dict):
        raise BaselineError(f"baseline file {target} is corrupt: expected a JSON object")
    schema = data.get("schema")
    if schema == "consist/1":
        raw = data.get("findings")
    elif schema == SCHEMA:
        raw = data.get("entries")
    else:
        raise BaselineError(
            f"baseline file {target} has unknown schema {schema!r} (expected {SCHEMA!r})"
        )
    if not isinstance(raw, list):
        raise BaselineError(f"baseline file {target} is corrupt: entries must be a list")
    entries: dict[str, BaselineEntry] = {}
    for number, item in enumerate(raw, start=1):
        entry = _parse_entry(item)
        if entry is None:
            raise BaselineError(
                f"baseline file {target} is corrupt: entry {number} has no string 'id'"
            )
        entries[entry["id"]] = entry
    return entries


def _parse_entry(item: Any) -> BaselineEntry | None:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
        return None
    raw_claims = item.get("claims")
    claims: list[Any] = raw_claims if isinstance(raw_claims, list) else []
    entry: BaselineEntry = {
        "id": safe_line(item["id"]),
        "rule": _text(item.get("rule")),
        "summary": _text(item.get("summary")),
        "reason": _text(item.get("reason")),
        "claims": [
            {"path": _text(c.get("path")), "text": _text(c.get("text"))}
            for c in claims
            if isinstance(c, dict)
        ],
    }
    return entry


# --- applying -----------------------------------------------------------------------


def apply_baseline(
    findings: Sequence[Finding], baseline: Baseline
) -> tuple[tuple[Finding, ...], tuple[dict[str, str], ...]]:
    """Mark each finding ``new`` or ``unchanged``; list entries that matched nothing.

    The stale ("fixed") entries come back as flat string dicts (``id``, ``rule``,
    ``summary``, ``reason``, ``paths``), the shape ``Report.fixed`` holds, sorted by id.
    """
    marked = tuple(
        replace(f, baseline="unchanged" if f.id in baseline.entries else "new") for f in findings
    )
    current = {f.id for f in findings}
    stale = tuple(
        _stale(entry) for fid, entry in sorted(baseline.entries.items()) if fid not in current
    )
    return marked, stale


def _stale(entry: BaselineEntry) -> dict[str, str]:
    return {
        "id": entry["id"],
        "rule": entry["rule"],
        "summary": entry["summary"],
        "reason": entry["reason"],
        "paths": ", ".join(sorted({c["path"] for c in entry["claims"]})),
    }
