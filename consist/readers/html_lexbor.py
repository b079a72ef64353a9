"""Web pages through selectolax's Lexbor engine: a real HTML5 parser, linear in size.

The standard library's ``html.parser`` leaves tree building to us, and hostile nesting
(thousands of unclosed ``<aside>`` with stray ``</p>``) made that quadratic: a 1.1 MB
page took minutes. Lexbor builds the tree as a browser does, in C, in linear time; we
walk it once without recursion (a page may nest 100,000 deep).

Lexbor keeps no source positions, so each block's line is found by searching the
source for the block's first word from where the previous block was found (a cursor
that only moves forward, each search bounded to a window): linear overall, and exact
for ordinary pages. Used by ``consist.readers.html`` when selectolax is installed.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

_SEARCH_WINDOW = 20_000
_WORD = re.compile(r"\w+")


@dataclass
class LexborPage:
    """What ``html._fields`` and ``html._visible_lines`` need, as ``_PageParser`` has it."""

    blocks: list[Any] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    title_parts: list[str] = field(default_factory=list)
    time_value: str | None = None
    canonical: str | None = None


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(/?)>")


def deeply_nested(source: str, limit: int, void: frozenset[str]) -> bool:
    """Whether open elements (start tags not yet ended) exceed ``limit`` at some point.

    An end tag with no open element of its name (a stray ``</p>``) closes nothing.
    """
    open_by_name: dict[str, int] = {}
    depth = 0
    for match in _TAG.finditer(source):
        closing, raw, self_closing = match.groups()
        name = raw.lower()
        if closing:
            if open_by_name.get(name, 0) > 0:
                open_by_name[name] -= 1
                depth -= 1
        elif not self_closing and name not in void:
            open_by_name[name] = open_by_name.get(name, 0) + 1
            depth += 1
            if depth > limit:
                return True
    return False


def available() -> bool:
    try:
        import selectolax.lexbor  # noqa: F401
    except ImportError:
        return False
    return True


class _Lines:
    """Source line of each block's first word, searched forward from a cursor."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.newlines = [m.start() for m in re.finditer("\n", source)]
        body = source.lower().find("<body")
        self.cursor = body if body >= 0 else 0
        self.last = self.line_at(self.cursor)

    def line_at(self, offset: int) -> int:
        return bisect.bisect_left(self.newlines, offset) + 1

    def find(self, text: str) -> int:
        words = text.split()
        for token in (words[0] if words else "", *_WORD.findall(text)[:1]):
            if not token:
                continue
            position = self.source.find(token, self.cursor, self.cursor + _SEARCH_WINDOW)
            if position >= 0:
                self.cursor = position + len(token)
                self.last = self.line_at(position)
                return self.last
        return self.last


class _Walker:
    def __init__(self, source: str, blocks_of: type, dropped: frozenset[str]) -> None:
        from consist.readers import html as spec

        self.spec = spec
        self.Line = blocks_of
        self.dropped_tags = dropped
        self.lines = _Lines(source)
        self.page = LexborPage()
        self.parts: list[str] = []
        self.main_depth = 0
        self.in_main = False
        self.head = 0
        self.dropped = 0

    # -- blocks ---------------------------------------------------------------------
    def flush(self) -> None:
        text = " ".join("".join(self.parts).split())
        self.parts = []
        if text:
            line = self.lines.find(text)
            self.page.blocks.append(self.Line(text, line, self.in_main))

    def text(self, value: str) -> None:
        if self.dropped or self.head:
            return
        if not self.parts:
            if not value.strip():
                return
            self.in_main = self.main_depth > 0
        self.parts.append(value)

    def comment(self, value: str) -> None:
        words = value.split()
        if not words or not words[0].startswith(self.spec._DIRECTIVE_PREFIX):
            return
        self.flush()
        line = self.lines.find("consist:")
        text = "<!-- " + " ".join(words) + " -->"
        self.page.blocks.append(self.Line(text, line, True, True))

    # -- elements -------------------------------------------------------------------
    def enter(self, node: Any) -> bool:
        """Handle an element's start; whether to walk into its children."""
        tag = node.tag
        if tag == "title":
            if not self.dropped and not self.page.title_parts:
                self.page.title_parts.append(node.text(deep=True) or "")
            return False
        if tag == "head":
            self.head += 1
            return True
        if tag in self.dropped_tags:
            self.flush()
            self.dropped += 1
            return True  # walked only for a <title> test; text is ignored
        if self.dropped or self.head:
            return True
        if tag in self.spec._MAIN:
            self.flush()
            self.main_depth += 1
        elif tag in self.spec._BLOCKS:
            self.flush()
        elif tag in self.spec._CELLS and self.parts:
            self.parts.append(" | ")
        return True

    def leave(self, node: Any) -> None:
        tag = node.tag
        if tag == "head":
            self.head -= 1
        elif tag in self.dropped_tags:
            self.dropped -= 1
        elif self.dropped or self.head:
            return
        elif tag in self.spec._MAIN:
            self.flush()
            self.main_depth = max(0, self.main_depth - 1)
        elif tag in self.spec._BLOCKS:
            self.flush()

    def walk(self, root: Any) -> None:
        """Depth-first over the tree without recursion, calling enter/leave."""
        node = root
        while True:
            child = node.child if self.visit(node) else None
            if child is not None:
                node = child
                continue
            while True:  # close this node and every ancestor that has no next sibling
                if node.is_element_node:
                    self.leave(node)
                if node.mem_id == root.mem_id:
                    return
                following = node.next
                if following is not None:
                    node = following
                    break
                node = node.parent
                if node is None:
                    return

    def visit(self, node: Any) -> bool:
        if node.is_text_node:
            self.text(node.text_content or "")
            return False
        if node.is_comment_node:
            self.comment(node.comment_content or "")
            return False
        if node.is_element_node:
            return self.enter(node)
        return True


def parse_page(source: str, line_type: type, dropped: frozenset[str]) -> LexborPage:
    """Blocks and metadata of a page (``line_type`` builds ``html._Line`` values)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(_close_open_title(source))
    walker = _Walker(source, line_type, dropped)
    if tree.root is not None:
        walker.walk(tree.root)
    walker.flush()
    _metadata(tree, walker.page)
    return walker.page


_OPEN_TITLE = re.compile(r"(<title\b[^>]*>[^<]*)(?=<)", re.I)
_TITLE_END = re.compile(r"</title", re.I)


def _close_open_title(source: str) -> str:
    """A ``<title>`` never closed swallows the whole page as its text (HTML5 RCDATA);
    end it at the next tag instead, as the page's author meant."""
    if _TITLE_END.search(source):
        return source
    return _OPEN_TITLE.sub(r"\1</title>", source, count=1)


def _metadata(tree: Any, page: LexborPage) -> None:
    for node in tree.css("meta"):
        attrs = {str(k).lower(): v or "" for k, v in node.attributes.items()}
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        if key and "content" in attrs:
            page.meta.setdefault(key.strip().lower(), attrs["content"])
    for node in tree.css("link"):
        attrs = {str(k).lower(): v or "" for k, v in node.attributes.items()}
        if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            page.canonical = attrs["href"]
            break
    time = tree.css_first("time[datetime]")
    if time is not None:
        page.time_value = time.attributes.get("datetime") or None


__all__ = ["LexborPage", "available", "parse_page"]
