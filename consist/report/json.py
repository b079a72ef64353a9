"""The ``consist/1`` JSON report: the machine-readable form every other tool reads.

Keys are sorted and the layout fixed so that the same input gives the same bytes,
which lets a report be committed and reviewed as a diff. ``from_dict`` reads a report
back (for ``consist diff``); it accepts reports written by any ``consist/1`` version,
so fields added later are optional on reading.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from consist.types import (
    ClaimRef,
    DocumentSummary,
    Finding,
    InputError,
    QuantityReport,
    QuantityTable,
    Report,
)

SCHEMA = "consist/1"

JSONDict = dict[str, Any]


def render(report: Report) -> str:
    """The report as JSON text: sorted keys, two-space indent, one trailing newline.

    Non-ASCII text is ``\\u``-escaped so the bytes do not depend on the terminal's or
    the file system's encoding.
    """
    return json.dumps(to_dict(report), sort_keys=True, indent=2, ensure_ascii=True) + "\n"


def to_dict(report: Report) -> JSONDict:
    """The report as plain JSON values, in the ``consist/1`` layout."""
    return {
        "schema": SCHEMA,
        "documents": [_document(d) for d in report.documents],
        "findings": [finding_to_dict(f) for f in report.findings],
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
        "warnings": list(report.warnings),
        "tables": [_table(t) for t in report.tables],
        "fixed": [dict(entry) for entry in report.fixed],
        "meta": dict(report.meta),
    }


def _document(d: DocumentSummary) -> JSONDict:
    return {
        "path": d.path,
        "title": d.title,
        "source": d.source,
        "published": d.published,
        "published_approx": d.published_approx,
        "claims": d.claims,
    }


def finding_to_dict(f: Finding) -> JSONDict:
    """One finding; ``baseline`` appears only when a baseline was applied."""
    out: JSONDict = {
        "id": f.id,
        "rule": f.rule,
        "kind": f.kind,
        "severity": f.severity,
        "severity_reason": f.severity_reason,
        "confidence": round(float(f.confidence), 2),
        "topic": f.topic,
        "summary": f.summary,
        "explanation": f.explanation,
        "claims": [_claim(c) for c in f.claims],
    }
    if f.baseline is not None:
        out["baseline"] = f.baseline
    return out


def _claim(c: ClaimRef) -> JSONDict:
    return {
        "path": c.path,
        "line": c.line,
        "text": c.text,
        "speaker": c.speaker,
        "outlet": c.outlet,
        "date": c.date,
        "date_approx": c.date_approx,
        "entities": list(c.entities),
    }


def _table(t: QuantityTable) -> JSONDict:
    rows = [
        {
            "party": r.party,
            "outlet": r.outlet,
            "date": r.date,
            "value": r.value,
            "path": r.path,
            "line": r.line,
            "number": r.number,
            "label": r.label,
        }
        for r in t.rows
    ]
    return {"measure": t.measure, "rows": rows}


# --- reading back -------------------------------------------------------------------


def loads(text: str) -> Report:
    """Parse JSON report text; ``ValueError`` (with a one-line reason) if it is not one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON (line {exc.lineno}: {exc.msg})") from None
    return from_dict(data)


def from_dict(d: Any) -> Report:
    """A ``Report`` from the output of ``to_dict`` (or any ``consist/1`` report).

    Raises ``ValueError`` naming what is wrong, so that a CLI can print one line.
    """
    if not isinstance(d, Mapping):
        raise ValueError("a consist report must be a JSON object")
    if d.get("schema") != SCHEMA:
        raise ValueError(f"unsupported report schema {d.get('schema')!r} (expected {SCHEMA!r})")
    try:
        return Report(
            documents=tuple(_read_document(x) for x in _list(d, "documents")),
            findings=tuple(_read_finding(x) for x in _list(d, "findings")),
            errors=tuple(
                InputError(path=str(x["path"]), message=str(x["message"]))
                for x in _list(d, "errors")
            ),
            warnings=tuple(str(w) for w in _list(d, "warnings")),
            tables=tuple(_read_table(x) for x in _list(d, "tables")),
            fixed=tuple({str(k): str(v) for k, v in x.items()} for x in _list(d, "fixed")),
            meta={str(k): str(v) for k, v in (d.get("meta") or {}).items()},
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"malformed consist report ({type(exc).__name__}: {exc})") from None


def _list(d: Mapping[str, Any], key: str) -> Sequence[Any]:
    value = d.get(key) or []
    if not isinstance(value, list):
        raise TypeError(f"{key!r} must be a list")
    return value


def _opt(x: Mapping[str, Any], key: str) -> str | None:
    value = x.get(key)
    return None if value is None else str(value)


def _read_document(x: Mapping[str, Any]) -> DocumentSummary:
    return DocumentSummary(
        path=str(x["path"]),
        title=_opt(x, "title"),
        source=_opt(x, "source"),
        published=_opt(x, "published"),
        claims=int(x.get("claims") or 0),
        published_approx=bool(x.get("published_approx", False)),
    )


def _read_finding(x: Mapping[str, Any]) -> Finding:
    return Finding(
        id=str(x["id"]),
        rule=str(x["rule"]),
        kind=str(x.get("kind", "")),
        severity=str(x.get("severity", "")),
        confidence=float(x.get("confidence", 0.0)),
        topic=str(x.get("topic", "")),
        summary=str(x.get("summary", "")),
        explanation=str(x.get("explanation", "")),
        claims=tuple(_read_claim(c) for c in _list(x, "claims")),
        baseline=_opt(x, "baseline"),
        severity_reason=str(x.get("severity_reason") or ""),
    )


def _read_claim(c: Mapping[str, Any]) -> ClaimRef:
    return ClaimRef(
        path=str(c["path"]),
        line=int(c.get("line") or 0),
        text=str(c.get("text", "")),
        speaker=_opt(c, "speaker"),
        outlet=_opt(c, "outlet"),
        date=_opt(c, "date"),
        date_approx=bool(c.get("date_approx", False)),
        entities=tuple(str(e) for e in c.get("entities", ())),
    )


def _read_table(x: Mapping[str, Any]) -> QuantityTable:
    rows = tuple(
        QuantityReport(
            party=str(r["party"]),
            outlet=_opt(r, "outlet"),
            date=_opt(r, "date"),
            value=str(r["value"]),
            path=str(r["path"]),
            line=int(r.get("line") or 0),
            number=None if r.get("number") is None else float(r["number"]),
            label=_opt(r, "label"),
        )
        for r in _list(x, "rows")
    )
    return QuantityTable(measure=str(x["measure"]), rows=rows)
