"""Escaping untrusted document text for Markdown that GitHub renders.

Claims are quoted from documents anyone may have written, and reports are posted as
pull-request comments and step summaries. A quoted sentence must therefore stay one
inert run of text: no HTML, no links or images, no table breakage, no list or heading
starting mid-report, no maths, and no ``@mention`` or ``#123`` that would notify
people or cross-link issues. Every function here returns text that renders as the
original characters (give or take invisible zero-width spaces), on one line.
"""

from __future__ import annotations

import re

#: A zero-width space as an HTML entity. Inserted after ``@``, ``#`` etc. it renders
#: as nothing but breaks GitHub's mention, issue-reference and autolink patterns;
#: written as an entity it stays visible in snapshots and diffs.
ZWSP = "&#8203;"

# Every ASCII punctuation character CommonMark lets us backslash-escape that could
# start markup: emphasis, code, links/images, HTML, headings, tables, strikethrough,
# GitHub maths ($...$), and the backslash itself.
_MARKUP = re.compile(r"([\\`*_\[\]()<>!#|~$])")

# Characters that move or hide text: C0/C1 controls (other than the whitespace we fold),
# and bidirectional overrides, which can make a quoted claim read differently.
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f"
    r"\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)
_SPACE = re.compile(r"[ \t\r\n\f\v\u2028\u2029\u0085]+")

_MENTION = re.compile(r"@(?=[A-Za-z0-9_-])")
_ISSUE_REF = re.compile(r"(\\#|\bGH-|\bgh-)(?=\d)")
_URL_SCHEME = re.compile(r"(?i)\b(https?|ftp|mailto|javascript|data|vbscript|file):")
_WWW = re.compile(r"(?i)\bwww\.")
_LINE_START = re.compile(r"^([-+=])")
_ORDERED = re.compile(r"^(\d{1,9})\.(?=\s|$)")


def _one_line(s: str) -> str:
    """Fold every kind of line break and run of whitespace to one space, drop controls."""
    return _SPACE.sub(" ", _INVISIBLE.sub("", s)).strip()


def _neutralise_references(s: str) -> str:
    """Break the patterns GitHub turns into mentions, issue links and autolinks."""
    s = _MENTION.sub("@" + ZWSP, s)
    s = _ISSUE_REF.sub(lambda m: m.group(1) + ZWSP, s)
    s = _URL_SCHEME.sub(lambda m: m.group(1) + ZWSP + ":", s)
    return _WWW.sub(lambda m: m.group(0)[:3] + ZWSP + ".", s)


def md_text(s: str) -> str:
    """``s`` as inert inline Markdown, safe anywhere in a line of a GitHub comment.

    ``&`` becomes ``&amp;`` so that entity-encoded HTML in a document is shown, not
    decoded; every markup character is backslash-escaped; a leading ``-``, ``+``, ``=``
    or ``1.`` is escaped so the text cannot start a list when it begins a line.
    """
    s = _one_line(s).replace("&", "&amp;")
    s = _MARKUP.sub(r"\\\1", s)
    s = _LINE_START.sub(r"\\\1", s)
    s = _ORDERED.sub(r"\1\\.", s)
    return _neutralise_references(s)


def md_cell(s: str) -> str:
    """``s`` for a GitHub table cell: ``md_text``, which already escapes ``|``.

    An empty value is shown as a dash, because an empty cell reads as missing data.
    """
    text = md_text(s)
    return text if text else "-"


def md_code(s: str, *, cell: bool = False) -> str:
    """``s`` as an inline code span (for ids, paths, codes), on one line.

    The fence is one backtick longer than the longest run inside, and padded with
    spaces when the text starts or ends with a backtick, per CommonMark. Code spans
    cannot hold HTML or links, so only ``|`` (which the table parser sees first) needs
    escaping, and only in a table cell.
    """
    s = _one_line(s)
    if not s:
        return ""
    longest = max((len(run) for run in re.findall(r"`+", s)), default=0)
    fence = "`" * (longest + 1)
    if s.startswith("`") or s.endswith("`"):
        s = f" {s} "
    if cell:
        s = s.replace("|", "\\|")
    return f"{fence}{s}{fence}"
