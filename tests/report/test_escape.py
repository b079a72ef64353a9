"""Escaping untrusted document text for GitHub-flavoured Markdown.

The strongest check is to render the escaped text with a CommonMark parser (with GFM
tables and strikethrough) and look at the HTML: it must be one plain paragraph whose
text is the original, with no element a document could have smuggled in.
"""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consist.report.escape import ZWSP, md_cell, md_code, md_text

markdown_it = pytest.importorskip("markdown_it")
MD = markdown_it.MarkdownIt("commonmark").enable("table").enable("strikethrough")

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[x](javascript:alert(1))",
    "![img](http://x/y.png)",
    "<http://evil.example>",
    "@octocat please look",
    "fixes #123 and GH-45 and owner/repo#9",
    "a|b|c",
    "line\nbreak\r\nand\rmore",
    "`code` and ``double``",
    "*em* _em_ **strong** ~~gone~~",
    "# heading",
    "> quote",
    "- item",
    "1. item",
    "---",
    "[ref]: http://x",
    "www.example.com and https://example.com/path",
    "&lt;b&gt; &amp; &#60;",
    "$x^2$ maths",
    "back\\slash\\",
    "\u202eevil bidi\u202c",
]


def _rendered_text(markdown: str) -> str:
    """The text of a one-paragraph rendering; fails if anything but ``<p>`` appears."""
    out = MD.render(markdown).strip()
    assert out.startswith("<p>") and out.endswith("</p>"), out
    inner = out[3:-4]
    assert "<" not in inner, f"markup leaked: {inner}"
    return html.unescape(inner).replace("\u200b", "")


def _expected(s: str) -> str:
    # Zero-width spaces are compared away on both sides: the escaper inserts them.
    # Format characters (soft hyphen, zero-width, bidi, BOM) are removed as well.
    s = re.sub(
        r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f"
        r"\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]",
        "",
        s,
    )
    return re.sub(r"[ \t\r\n\f\v\u2028\u2029\u0085]+", " ", s).strip()


@pytest.mark.parametrize("s", HOSTILE)
def test_hostile_text_renders_as_itself(s: str) -> None:
    assert _rendered_text(md_text(s)) == _expected(s)


@pytest.mark.parametrize("s", HOSTILE)
def test_output_is_one_line(s: str) -> None:
    assert "\n" not in md_text(s) and "\r" not in md_text(s)


def test_mentions_and_references_are_broken() -> None:
    out = md_text("@octocat #123 GH-45 o/r#9 mail a@b.com").replace(ZWSP, "\u200b")
    assert not re.search(r"@[A-Za-z0-9]", out)
    assert not re.search(r"#\d", out)
    assert not re.search(r"GH-\d", out)
    assert "@\u200boctocat" in out


def test_autolinks_are_broken() -> None:
    out = md_text("see https://x.example and www.y.example")
    assert "https:" not in out and "www." not in out
    assert _rendered_text(out) == "see https://x.example and www.y.example"


def test_html_entities_are_shown_not_decoded() -> None:
    assert md_text("&lt;script&gt;") == "&amp;lt;script&amp;gt;"


def test_leading_list_markers_are_escaped() -> None:
    assert md_text("1. one") == "1\\. one"
    assert md_text("- one") == "\\- one"
    assert md_text("+ one") == "\\+ one"
    assert md_text("2024 was long") == "2024 was long"


def test_md_cell_keeps_a_table_row_intact() -> None:
    cells_in = [md_cell("a|b"), md_cell("line\nbreak <b>x</b>"), md_cell("")]
    row = "| " + " | ".join(cells_in) + " |"
    out = MD.render("| one | two | three |\n|---|---|---|\n" + row + "\n")
    cells = re.findall(r"<td>(.*?)</td>", out)
    assert [html.unescape(c) for c in cells] == ["a|b", "line break <b>x</b>", "-"]


@pytest.mark.parametrize(
    ("s", "expected"),
    [
        ("abc", "`abc`"),
        ("a`b", "``a`b``"),
        ("`x", "`` `x ``"),
        ("a\nb", "`a b`"),
        ("", ""),
    ],
)
def test_md_code(s: str, expected: str) -> None:
    assert md_code(s) == expected


def test_md_code_in_a_cell_escapes_pipes() -> None:
    assert md_code("a|b", cell=True) == "`a\\|b`"
    out = MD.render("| x |\n|---|\n| " + md_code("a|b <i>", cell=True) + " |\n")
    assert "<code>a|b &lt;i&gt;</code>" in out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_any_text_renders_as_one_inert_paragraph(s: str) -> None:
    out = md_text(s)
    assert "\n" not in out
    if not _expected(s):
        return
    assert _rendered_text(out) == _expected(s)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab|\\`<>[]()!#*_~-+.1 @&:/\n", max_size=40))
def test_markup_alphabet_renders_as_itself(s: str) -> None:
    if _expected(s):
        assert _rendered_text(md_text(s)) == _expected(s)
