"""Ignoring findings on purpose: inline directives in documents and config entries.

A document can carry ``<!-- consist: ignore NUM001 the 2019 figure is superseded -->``
on the line before a claim (HTML comments stay invisible in rendered Markdown); a
config can list ``[[tool.consist.suppress]]`` tables with a finding ``id`` and a
``reason``. Either drops the finding. An ignore that drops nothing is reported,
like ruff's RUF100: it is stale, and a stale ignore would silently hide the next real
disagreement on that line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from consist.types import Finding

#: Code that an ignore without codes stands for: every rule.
ALL = "ALL"

_DIRECTIVE = re.compile(r"<!--\s*consist\s*:\s*ignore\b(?P<body>.*?)-->", re.IGNORECASE)
# Codes are upper case (NUM001, NUM, STN, ALL) so that a reason's first word, in
# ordinary lower case, is never mistaken for one.
# A lower-case code is accepted only with its digits (num001), for the same reason.
_CODE = r"(?:[A-Z]{2,5}[0-9]{0,4}|[A-Za-z]{2,5}[0-9]{3,4})"
_CODES = re.compile(rf"\s*(?P<codes>{_CODE}(?:\s*,\s*{_CODE})*)(?:\s|$)")


@dataclass(frozen=True)
class Directive:
    """One inline ignore: the 1-based line it is on, its codes and its reason.

    ``target`` is the line it applies to: the next line with text (a directive shares
    its line with a claim when written after it on the same line; then ``target`` is
    its own line). ``codes`` is ``("ALL",)`` for a bare ``consist: ignore``.
    """

    line: int
    codes: tuple[str, ...]
    reason: str
    target: int

    def matches(self, rule: str) -> bool:
        return matches_rule(self.codes, rule)


def matches_rule(codes: Iterable[str], rule: str) -> bool:
    """Whether an ignore for ``codes`` covers ``rule``: exact code, prefix, or ALL."""
    rule = rule.upper()
    return any(c == ALL or rule.startswith(c.upper()) for c in codes)


def parse_directives(text: str) -> list[Directive]:
    """Every ``<!-- consist: ignore CODE[,CODE...] reason -->`` in ``text``, in order.

    Lines are counted in ``text`` itself; pass the raw file (front matter included) so
    that they agree with the source lines claims report.
    """
    lines = text.splitlines()
    directives: list[Directive] = []
    for index, line in enumerate(lines):
        for m in _DIRECTIVE.finditer(line):
            codes, reason = _split_body(m.group("body"))
            rest = (line[: m.start()] + line[m.end() :]).strip()
            target = index + 1 if rest else _next_text_line(lines, index)
            directives.append(Directive(index + 1, codes, reason, target))
    return directives


def _split_body(body: str) -> tuple[tuple[str, ...], str]:
    m = _CODES.match(body)
    if not m:
        return (ALL,), body.strip()
    codes = tuple(sorted({c.strip().upper() for c in m.group("codes").split(",")}))
    return codes, body[m.end() :].strip()


def _next_text_line(lines: Sequence[str], index: int) -> int:
    """1-based number of the first later line that is neither blank nor a directive."""
    for later in range(index + 1, len(lines)):
        stripped = _DIRECTIVE.sub("", lines[later]).strip()
        if stripped:
            return later + 1
    return index + 2


def claim_ignores(
    path: str, directives: Iterable[Directive]
) -> dict[tuple[str, int], tuple[str, ...]]:
    """The ``(path, line) -> codes`` map ``apply_suppressions`` takes, for one file.

    Two directives aimed at the same line merge their codes.
    """
    merged: dict[tuple[str, int], set[str]] = {}
    for d in directives:
        merged.setdefault((path, d.target), set()).update(d.codes)
    return {key: tuple(sorted(codes)) for key, codes in merged.items()}


def apply_suppressions(
    findings: Sequence[Finding],
    claim_ignores: Mapping[tuple[str, int], Sequence[str]],
    config_suppress: Sequence[Mapping[str, str]],
) -> tuple[tuple[Finding, ...], tuple[str, ...]]:
    """Drop suppressed findings; warn about every ignore that suppressed nothing.

    A finding is dropped when its id is in ``config_suppress`` or when any of its
    claims sits at a ``(path, line)`` whose inline ignore covers the finding's rule.
    Returns the kept findings (order preserved) and the warnings, sorted.
    """
    suppressed_ids = {str(e.get("id", "")).strip().lower() for e in config_suppress}
    suppressed_ids.discard("")
    used_ids: set[str] = set()
    used_inline: set[tuple[str, int, str]] = set()
    kept: list[Finding] = []
    for f in findings:
        fid = f.id.lower()
        inline = _inline_hits(f, claim_ignores)
        used_inline.update(inline)
        if fid in suppressed_ids:
            used_ids.add(fid)
        elif not inline:
            kept.append(f)
    warnings = _unused_inline(claim_ignores, used_inline) + [
        f"suppress id {fid} matched no finding" for fid in sorted(suppressed_ids - used_ids)
    ]
    return tuple(kept), tuple(warnings)


def _inline_hits(
    f: Finding, claim_ignores: Mapping[tuple[str, int], Sequence[str]]
) -> set[tuple[str, int, str]]:
    """The ``(path, line, code)`` ignores that cover ``f``."""
    hits: set[tuple[str, int, str]] = set()
    for c in f.claims:
        for code in claim_ignores.get((c.path, c.line), ()):
            if matches_rule((code,), f.rule):
                hits.add((c.path, c.line, code))
    return hits


def _unused_inline(
    claim_ignores: Mapping[tuple[str, int], Sequence[str]], used: set[tuple[str, int, str]]
) -> list[str]:
    unused = sorted(
        (path, line, code)
        for (path, line), codes in claim_ignores.items()
        for code in codes
        if (path, line, code) not in used
    )
    return [
        f"{path}:{line}: inline ignore {code} matched no finding" for path, line, code in unused
    ]
