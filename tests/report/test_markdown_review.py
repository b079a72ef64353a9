"""What a reviewer reads first (issue 14): the lead paragraph, links, shared entities,
charts, counts of hidden findings, and no internal names."""

from __future__ import annotations

from consist.report.markdown import link_base, render, shared_entities
from consist.report.mermaid import charts, label
from consist.types import ClaimRef, QuantityReport, QuantityTable, Report
from consist.wording import LEAKS
from tests.helpers import make_finding

A = ClaimRef(
    "docs/a.md",
    3,
    "300 were killed",
    "Officials",
    "Daily",
    "2025-01-01",
    entities=("Essex", "Police"),
)
B = ClaimRef(
    "docs/b.md", 9, "4,000 were killed", None, "Wire", "2025-01-05", entities=("Essex", "Mayor")
)
ENV = {
    "GITHUB_SERVER_URL": "https://github.com",
    "GITHUB_REPOSITORY": "o/r",
    "GITHUB_SHA": "abc123",
}


def _report(**meta: str) -> Report:
    findings = (
        make_finding("f1", "NUM001", A, B, kind="numeric", baseline="new"),
        make_finding("f2", "TMP001", B, A, kind="temporal", severity="low", baseline="unchanged"),
    )
    return Report(documents=(), findings=findings, meta=dict(meta))


def test_locations_link_to_the_file_in_github() -> None:
    text = render(_report(), env=ENV)
    assert "[`docs/a.md:3`](https://github.com/o/r/blob/abc123/docs/a.md#L3)" in text
    assert "](https://" not in render(_report(), env={})
    assert link_base({"GITHUB_REPOSITORY": "o/r"}) is None


def test_lead_paragraph_counts_kinds_parties_and_new_ones() -> None:
    lead = render(_report(), env={}).split("\n")[3]
    assert lead.startswith("Sources disagree 2 times:")
    assert "1 about figures (Officials vs Wire)" in lead
    assert "1 about dates (Wire vs Officials)" in lead
    assert "New since the baseline: #" in lead


def test_about_row_names_only_shared_entities() -> None:
    finding = make_finding("f1", "NUM001", A, B)
    assert shared_entities(finding) == [("Essex",), ("Essex",)]
    assert "| **About** | Essex | Essex |" in render(
        Report(documents=(), findings=(finding,)), env={}
    )


def test_suppressed_and_ignored_findings_are_counted() -> None:
    text = render(_report(suppressed="2", ignored="1"), env={})
    assert "2 suppressed by config, 1 ignored inline (not shown)" in text
    assert "suppressed" not in render(_report(suppressed="0", ignored="0"), env={})


def _row(party: str, date: str, number: float, label_: str = "killed") -> QuantityReport:
    return QuantityReport(party, None, date, f"{number} {label_}", "a.md", 1, number, label_)


def test_chart_only_where_two_parties_differ() -> None:
    same = QuantityTable("toll", (_row("A", "2025-01-01", 3), _row("B", "2025-01-02", 3)))
    alone = QuantityTable("toll", (_row("A", "2025-01-01", 3), _row("A", "2025-01-09", 5)))
    assert charts(same) == [] and charts(alone) == []
    (chart,) = charts(
        QuantityTable("toll", (_row("B", "~2025-02", 4000), _row("A", "2025-01-01", 300)))
    )
    assert chart[0] == "xychart-beta"
    assert chart[2] == '    x-axis ["A (2025-01-01)", "B (about 2025-02)"]'
    assert chart[4] == "    bar [300, 4000]"


def test_chart_labels_cannot_inject_mermaid() -> None:
    hostile = 'Evil"] \n%%{init: {"theme":"dark"}}%%\n```\nclick A call x() [x]; #quot;'
    out = label(hostile)
    assert out.startswith('"') and out.endswith('"') and out.count('"') == 2
    for bad in ("\n", "%", "`", "[", "]", "{", "}", "#", ";"):
        assert bad not in out[1:-1]
    table = QuantityTable(hostile, (_row(hostile, "2025-01-01", 1), _row("B", "2025-01-02", 2)))
    text = render(Report(documents=(), findings=(), tables=(table,)), env={})
    block = text.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert "%%" not in block and block.count("\n") == 5


def test_chart_rendering_is_deterministic() -> None:
    rows = (_row("B", "2025-01-02", 2), _row("A", "2025-01-01", 1))
    one = render(Report(documents=(), findings=(), tables=(QuantityTable("t", rows),)), env={})
    two = render(
        Report(documents=(), findings=(), tables=(QuantityTable("t", rows[::-1]),)), env={}
    )

    def block(text: str) -> str:
        return text.split("```mermaid\n", 1)[1].split("```", 1)[0]

    assert block(one) == block(two)


def test_leak_patterns_catch_internal_names() -> None:
    for leaked in ("topic count:soldiers", "count:None", "| usd: $3 vs $5", "killed_or_injured"):
        assert any(p.search(leaked) for p in LEAKS), leaked
    assert not any(p.search("None of them said 300 (Daily) vs 4,000") for p in LEAKS)
