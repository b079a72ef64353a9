"""Inline ignores and config suppressions, and the warnings for ignores that match nothing."""

from __future__ import annotations

import pytest

from consist.suppress import (
    Directive,
    apply_suppressions,
    claim_ignores,
    matches_rule,
    parse_directives,
)
from consist.types import ClaimRef, Finding
from tests.helpers import make_finding


def finding(fid: str, rule: str, left: tuple[str, int], right: tuple[str, int]) -> Finding:
    finding: Finding = make_finding(
        fid,
        rule,
        ClaimRef(left[0], left[1], "left", None, None, None),
        ClaimRef(right[0], right[1], "right", None, None, None),
    )
    return finding


DOC = """---
title: x
---
<!-- consist: ignore NUM001 the March figure was revised -->
About 300 were killed.

<!-- consist: ignore NUM001, stn001 -->

Some 4,000 were hurt. <!-- consist: ignore TMP -->
<!-- consist: ignore because I said so -->
Last line.
"""


def test_parse_directives() -> None:
    assert parse_directives(DOC) == [
        Directive(line=4, codes=("NUM001",), reason="the March figure was revised", target=5),
        Directive(line=7, codes=("NUM001", "STN001"), reason="", target=9),
        Directive(line=9, codes=("TMP",), reason="", target=9),
        Directive(line=10, codes=("ALL",), reason="because I said so", target=11),
    ]


@pytest.mark.parametrize(
    ("text", "codes", "reason"),
    [
        ("<!--consist:ignore NUM001-->", ("NUM001",), ""),
        ("<!-- CONSIST: IGNORE NUM001 why -->", ("NUM001",), "why"),
        ("<!-- consist: ignore num001 why -->", ("NUM001",), "why"),
        (
            "<!-- consist: ignore NUM001,STN001,TMP why not -->",
            ("NUM001", "STN001", "TMP"),
            "why not",
        ),
        ("<!-- consist: ignore -->", ("ALL",), ""),
        ("<!-- consist: ignore ALL everything -->", ("ALL",), "everything"),
    ],
)
def test_directive_forms(text: str, codes: tuple[str, ...], reason: str) -> None:
    (d,) = parse_directives(text + "\nclaim")
    assert (d.codes, d.reason, d.target) == (codes, reason, 2)


def test_other_comments_are_not_directives() -> None:
    assert parse_directives("<!-- consistent: ignore NUM001 -->\n<!-- ignore NUM001 -->") == []


def test_matches_rule() -> None:
    assert matches_rule(["NUM001"], "NUM001")
    assert matches_rule(["NUM"], "NUM001")
    assert matches_rule(["ALL"], "TMP001")
    assert not matches_rule(["STN"], "NUM001")
    assert not matches_rule(["NUM002"], "NUM001")


def test_claim_ignores_merges_codes_per_line() -> None:
    ignores = claim_ignores("doc.md", parse_directives(DOC))
    assert ignores == {
        ("doc.md", 5): ("NUM001",),
        ("doc.md", 9): ("NUM001", "STN001", "TMP"),
        ("doc.md", 11): ("ALL",),
    }


def test_inline_ignore_on_either_claim_drops_the_finding() -> None:
    a = finding("a", "NUM001", ("x.md", 5), ("y.md", 2))
    b = finding("b", "NUM001", ("y.md", 9), ("x.md", 5))
    c = finding("c", "STN001", ("x.md", 5), ("y.md", 2))
    kept, warnings = apply_suppressions([a, b, c], {("x.md", 5): ("NUM001",)}, [])
    assert kept == (c,)
    assert warnings == ()


def test_prefix_and_all_ignores() -> None:
    a = finding("a", "NUM001", ("x.md", 1), ("y.md", 1))
    b = finding("b", "TMP001", ("x.md", 2), ("y.md", 2))
    kept, warnings = apply_suppressions([a, b], {("x.md", 1): ("NUM",), ("y.md", 2): ("ALL",)}, [])
    assert kept == () and warnings == ()


def test_config_suppress_by_id() -> None:
    a = finding("abc123", "NUM001", ("x.md", 1), ("y.md", 1))
    b = finding("def456", "NUM001", ("x.md", 2), ("y.md", 2))
    kept, warnings = apply_suppressions([a, b], {}, [{"id": "ABC123", "reason": "known"}])
    assert kept == (b,) and warnings == ()


def test_unused_ignores_are_reported() -> None:
    a = finding("a", "NUM001", ("x.md", 1), ("y.md", 1))
    kept, warnings = apply_suppressions(
        [a],
        {("x.md", 1): ("NUM001", "STN001"), ("a.md", 7): ("TMP001",)},
        [{"id": "zzz", "reason": "gone"}, {"id": "a", "reason": "dup"}],
    )
    assert kept == ()
    assert warnings == (
        "a.md:7: inline ignore TMP001 matched no finding",
        "x.md:1: inline ignore STN001 matched no finding",
        "suppress id zzz matched no finding",
    )


def test_order_of_kept_findings_is_preserved() -> None:
    fs = [finding(str(i), "NUM001", (f"{i}.md", 1), ("z.md", i)) for i in range(5)]
    kept, _ = apply_suppressions(fs[::-1], {("2.md", 1): ("NUM001",)}, [])
    assert [f.id for f in kept] == ["4", "3", "1", "0"]
