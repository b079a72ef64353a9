"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

Each finding is one result: its first claim is the location, the others are
``relatedLocations`` (linked from the message), its id goes into
``partialFingerprints`` so that code scanning tracks it across commits the same way
the baseline does, and a baseline's verdict becomes ``baselineState``. Rule metadata
comes from the rule registry; a rule whose module cannot be imported still gets a
descriptor (its code alone), because a report must never fail for want of help text.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from consist.types import ClaimRef, Finding, Report

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "consist/v1"
SRCROOT = "%SRCROOT%"

LEVELS = {"high": "error", "medium": "warning", "low": "note"}

# RFC 3986 path characters kept as they are; ``:`` is encoded because in the first
# segment of a relative reference it would read as a URI scheme.
_PATH_SAFE = "/!$&'()*+,;=@~"

JSONDict = dict[str, Any]


@dataclass(frozen=True)
class RuleInfo:
    """What SARIF says about a rule: the registry's metadata, or the code alone."""

    code: str
    name: str = ""
    kind: str = ""
    doc: str = ""

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0].strip() if self.doc else f"consist rule {self.code}"

    @property
    def details(self) -> str:
        rest = self.doc.split("\n", 1)[1].strip() if "\n" in self.doc else ""
        return rest or self.summary


def rule_info(code: str) -> RuleInfo:
    """The registry's metadata for ``code``, degrading to the code alone.

    Rule modules are written and loaded independently; an import error, unknown code or
    missing attribute in one of them must not cost the whole report.
    """
    try:
        from consist.rules import rule_class

        cls = rule_class(code)
        return RuleInfo(
            code=code,
            name=str(getattr(cls, "name", "") or ""),
            kind=str(getattr(cls, "kind", "") or ""),
            doc=inspect.cleandoc(cls.__doc__ or ""),
        )
    except Exception:  # any failure in a rule module degrades to the code alone
        return RuleInfo(code=code)


def registry_codes() -> list[str]:
    """Every registered code, or none if the registry itself cannot be imported."""
    try:
        from consist.rules import all_codes

        return list(all_codes())
    except Exception:  # same degradation as rule_info
        return []


def render(report: Report, rules: Sequence[RuleInfo] | None = None) -> str:
    """The report as SARIF 2.1.0 JSON text (sorted keys, trailing newline).

    ``rules`` overrides the registry lookup, which keeps tests independent of which
    rule modules exist yet.
    """
    return json.dumps(to_sarif(report, rules), sort_keys=True, indent=2, ensure_ascii=True) + "\n"


def to_sarif(report: Report, rules: Sequence[RuleInfo] | None = None) -> JSONDict:
    """The SARIF log as plain JSON values."""
    infos = _rule_infos(report.findings, rules)
    index = {info.code: i for i, info in enumerate(infos)}
    run: JSONDict = {
        "tool": {"driver": _driver(infos, report.meta.get("version", ""))},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index) for f in report.findings],
        "invocations": [_invocation(report)],
    }
    return {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def _rule_infos(findings: Iterable[Finding], rules: Sequence[RuleInfo] | None) -> list[RuleInfo]:
    """Descriptors for every registered rule and every rule a finding names, by code."""
    known = {r.code: r for r in rules} if rules is not None else {}
    codes = set(known) | {f.rule for f in findings}
    if rules is None:
        codes |= set(registry_codes())
    return [known.get(code) or rule_info(code) for code in sorted(codes)]


def _driver(infos: Sequence[RuleInfo], version: str) -> JSONDict:
    driver: JSONDict = {
        "name": "consist",
        "rules": [_descriptor(info) for info in infos],
    }
    if version:
        driver["version"] = version
    return driver


def _descriptor(info: RuleInfo) -> JSONDict:
    descriptor: JSONDict = {
        "id": info.code,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": info.details},
        "help": {"text": info.doc or info.summary, "markdown": info.doc or info.summary},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": sorted({"contradiction", *([info.kind] if info.kind else [])})},
    }
    if info.name:
        descriptor["name"] = info.name
    return descriptor


def _result(f: Finding, index: dict[str, int]) -> JSONDict:
    primary, *others = f.claims or (ClaimRef("", 0, "", None, None, None),)
    result: JSONDict = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "kind": "fail",
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": _message(f, others)},
        "locations": [_location(primary)],
        "partialFingerprints": {FINGERPRINT_KEY: f.id},
        "properties": {
            "confidence": round(float(f.confidence), 2),
            "consistId": f.id,
            "kind": f.kind,
            "severity": f.severity,
            "topic": f.topic,
            **({"severityReason": f.severity_reason} if f.severity_reason else {}),
        },
    }
    if others:
        result["relatedLocations"] = [
            _location(c, id_=i, message=_claim_label(c)) for i, c in enumerate(others, start=1)
        ]
    if f.baseline in ("new", "unchanged"):
        result["baselineState"] = f.baseline
    return result


def _message(f: Finding, others: Sequence[ClaimRef]) -> str:
    """Plain-text message; links to related locations use SARIF's ``[text](id)`` form.

    Claim text is untrusted, and brackets in a SARIF message are link syntax, so the
    finding's own words are escaped before the links are added.
    """
    text = escape_message(" ".join(p for p in (f.summary, f.explanation) if p))
    links = [f"[{escape_message(_where(c))}]({i})" for i, c in enumerate(others, start=1)]
    if links:
        text += " Contradicted by " + ", ".join(links) + "."
    return text


def escape_message(s: str) -> str:
    r"""Escape ``\``, ``[`` and ``]`` as SARIF §3.11.6 requires for literal brackets."""
    return s.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _where(c: ClaimRef) -> str:
    return f"{c.path}:{c.line}" if c.line > 0 else c.path


def _claim_label(c: ClaimRef) -> str:
    who = c.speaker or c.outlet
    head = f"{who}, {c.date}" if who and c.date else (who or c.date or "")
    return escape_message(f"{head}: {c.text}" if head else c.text)


def _location(c: ClaimRef, id_: int | None = None, message: str | None = None) -> JSONDict:
    physical: JSONDict = {"artifactLocation": artifact_location(c.path)}
    if c.line > 0:
        physical["region"] = {"startLine": c.line}
    location: JSONDict = {"physicalLocation": physical}
    if id_ is not None:
        location["id"] = id_
    if message:
        location["message"] = {"text": message}
    return location


def artifact_location(path: str) -> JSONDict:
    """A relative URI under ``%SRCROOT%`` (what code scanning resolves), else absolute.

    Paths are percent-encoded: a space, ``#`` or ``%`` in a file name would otherwise
    make an invalid or different URI.
    """
    posix = path.replace("\\", "/")
    while posix.startswith("./"):
        posix = posix[2:]
    if posix.startswith("/") or (len(posix) > 1 and posix[1] == ":"):
        return {"uri": "file:///" + quote(posix.lstrip("/"), safe=_PATH_SAFE + ":")}
    return {"uri": quote(posix, safe=_PATH_SAFE), "uriBaseId": SRCROOT}


def _invocation(report: Report) -> JSONDict:
    """Unreadable inputs, warnings and stale baseline entries, as tool notifications."""
    notes: list[JSONDict] = []
    for e in report.errors:
        notes.append(
            {
                "level": "error",
                "message": {"text": escape_message(e.message)},
                "locations": [_location(ClaimRef(e.path, 0, "", None, None, None))],
            }
        )
    for w in report.warnings:
        notes.append({"level": "warning", "message": {"text": escape_message(w)}})
    for entry in report.fixed:
        text = f"baseline entry {entry.get('id', '?')} ({entry.get('rule', '?')}) is fixed"
        notes.append({"level": "note", "message": {"text": escape_message(text)}})
    invocation: JSONDict = {"executionSuccessful": True}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return invocation
