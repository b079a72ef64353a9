"""Web pages: the visible main text, one line per block, each traced to its source line.

Saved news pages carry menus, cookie banners, related-article teasers and scripts; their
sentences would be read as claims and paired with the article's. So we drop the page
furniture (``nav``, ``header``, ``footer``, ``aside``, forms, scripts...), and when the
page marks its content with ``<article>`` or ``<main>`` we keep only that. Parsed by
selectolax's Lexbor engine (``consist.readers.html_lexbor``: linear time on any page);
the standard library's ``html.parser`` below is the fallback when selectolax is missing.

Each block (paragraph, heading, list item, table row, ``<br>``-separated line) becomes
one line of ``Document.text`` with its whitespace collapsed; ``Document.lines`` maps it
to the source line where its first visible character is. ``<!-- consist: ... -->``
comments are kept as lines of their own, so inline ignores work in HTML as in Markdown.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

from consist.readers import html_lexbor
from consist.readers.common import (
    Fields,
    Unusable,
    check_not_empty,
    check_text,
    clean_text,
    make_document,
    scalar_text,
)
from consist.readers.dates import normalise_date
from consist.readers.html_lexbor import LexborPage
from consist.types import Document

_DROPPED = frozenset(
    {
        "aside", "button", "canvas", "dialog", "footer", "form", "head", "header",
        "iframe", "nav", "noscript", "object", "script", "select", "style", "svg",
        "template",
    }
)  # fmt: skip
_BLOCKS = frozenset(
    {
        "address", "article", "blockquote", "body", "br", "caption", "center", "dd",
        "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2",
        "h3", "h4", "h5", "h6", "hr", "html", "legend", "li", "main", "ol", "p", "pre",
        "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
    }
)  # fmt: skip
# What may stand in <head>. Any other start tag ends the head, as in a browser: the
# </head> end tag is optional, and without this a page that omits it would lose its body.
_HEAD_CONTENT = frozenset(
    {"base", "link", "meta", "noscript", "script", "style", "template", "title"}
)
_CELLS = frozenset({"td", "th"})
_MAIN = frozenset({"article", "main"})
_VOID = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr",
    }
)  # fmt: skip
# Where publishers put the publication date, best first (Open Graph, schema.org,
# Dublin Core, and the plain names older CMSs use).
_DATE_KEYS = (
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate",
    "publishdate", "publish-date", "dc.date", "dc.date.issued", "dcterms.date",
    "dcterms.created", "sailthru.date", "parsely-pub-date",
)  # fmt: skip
_DIRECTIVE_PREFIX = "consist:"
# Open elements (start tags minus end tags) beyond which a page counts as hostile-deep;
# real pages nest a few dozen levels, old ones with unclosed <p> a few hundred.
_DEEP_PAGE = 1_000
_MAX_TITLE_CHARS = 500


@dataclass(frozen=True)
class _Line:
    text: str
    line: int
    in_main: bool
    directive: bool = False


class _PageParser(HTMLParser):
    """Collects text blocks, directives and metadata in one pass over the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Line] = []
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.time_value: str | None = None
        self.canonical: str | None = None
        self._parts: list[str] = []
        self._first_line: int | None = None
        self._in_main = False
        self._dropped: list[str] = []
        # Open dropped elements by tag: "is </p> closing one?" in O(1), not O(depth).
        self._open_dropped: Counter[str] = Counter()
        self._main_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        self._read_metadata(tag, values)
        if tag == "title" and not self.title_parts and not self._dropped_below_head():
            self._in_title = True
            return
        if tag not in _HEAD_CONTENT and self._open_dropped["head"]:
            self._close_dropped("head")
        if tag in _DROPPED:
            self._flush()
            if tag not in _VOID:
                self._dropped.append(tag)
                self._open_dropped[tag] += 1
            return
        if self._dropped:
            return
        self._start_block_tag(tag)

    def _start_block_tag(self, tag: str) -> None:
        if tag in _MAIN:
            self._flush()
            self._main_depth += 1
        elif tag in _BLOCKS:
            self._flush()
            self._in_title = False
        elif tag in _CELLS and self._parts:
            self._parts.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if self._open_dropped[tag]:
            self._close_dropped(tag)
            return
        if self._dropped:
            return
        if tag in _MAIN:
            self._flush()
            self._main_depth = max(0, self._main_depth - 1)
        elif tag in _BLOCKS:
            self._flush()

    def _close_dropped(self, tag: str) -> None:
        """Close ``tag`` and whatever dropped element was left open inside it."""
        while self._dropped:
            closed = self._dropped.pop()
            self._open_dropped[closed] -= 1
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
            return
        if self._dropped:
            return
        if self._first_line is None:
            stripped = data.lstrip()
            if not stripped:
                return
            lead = len(data) - len(stripped)
            self._first_line = self.getpos()[0] + data.count("\n", 0, lead)
            self._in_main = self._main_depth > 0
        self._parts.append(data)

    def handle_comment(self, data: str) -> None:
        words = data.split()
        if not words or not words[0].startswith(_DIRECTIVE_PREFIX):
            return
        self._flush()
        text = "<!-- " + " ".join(words) + " -->"
        self.blocks.append(_Line(text, self.getpos()[0], in_main=True, directive=True))

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        if text and self._first_line is not None:
            self.blocks.append(_Line(text, self._first_line, self._in_main))
        self._parts = []
        self._first_line = None

    def _dropped_below_head(self) -> bool:
        """A ``<title>`` inside an ``<svg>`` names the picture, not the page."""
        return len(self._dropped) > self._open_dropped["head"]

    def _read_metadata(self, tag: str, values: dict[str, str]) -> None:
        if tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop")
            if key and "content" in values:
                self.meta.setdefault(key.strip().lower(), values["content"])
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = self.canonical or values.get("href") or None
        elif tag == "time" and self.time_value is None and values.get("datetime"):
            self.time_value = values["datetime"]


def read_html(path: str, text: str) -> Document:
    """One document from a page's decoded source; ``Unusable`` if nothing visible is left."""
    check_not_empty(text)
    parser = _parse_page(_defuse_unclosed_tail(text))
    lines = _visible_lines(parser.blocks)
    if not any(not line.directive for line in lines):
        raise Unusable("HTML page has no visible text")
    body = clean_text("\n".join(line.text for line in lines))
    check_text(body, "page text")
    return make_document(path, path, body, [line.line for line in lines], _fields(parser))


def _parse_page(text: str) -> _PageParser | LexborPage:
    """Lexbor (selectolax) when installed, else html.parser; very deep pages always the latter.

    HTML5 tree building checks element scopes on the stack of open elements, so a page
    nesting thousands of unclosed elements (``<aside>`` with stray ``</p>``) costs any
    conforming parser, Lexbor included, time quadratic in the depth (1.1 MB: 5 s, 2.2 MB:
    25 s). Our own ``_PageParser`` keeps no scope stack to search and stays linear, so
    pages whose estimated depth passes ``_DEEP_PAGE`` go to it.
    """
    if html_lexbor.available() and not html_lexbor.deeply_nested(text, _DEEP_PAGE, _VOID):
        return html_lexbor.parse_page(text, _Line, _DROPPED)
    parser = _PageParser()
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, AttributeError, IndexError, ValueError) as exc:
        # html.parser gives up on a few malformed declarations ("<![if ...") instead of
        # recovering; that is a broken page, not a reason to stop the run.
        raise Unusable(f"cannot parse HTML ({type(exc).__name__}: {exc})") from exc
    return parser


def _defuse_unclosed_tail(text: str) -> str:
    """Escape each ``<`` after the last ``>``: none of them can open a complete tag.

    ``html.parser`` rescans to the end of the input for every such ``<`` when it is
    closed, which takes minutes on 30 KB of ``<a <a <a ...``. Escaped, they are plain
    text (as a browser would show them), and the page parses in linear time.
    """
    last = text.rfind(">")
    tail = text[last + 1 :]
    if "<" not in tail:
        return text
    return text[: last + 1] + tail.replace("<", "&lt;")


def _visible_lines(blocks: list[_Line]) -> list[_Line]:
    """Only the ``<article>``/``<main>`` blocks when the page has any (plus directives)."""
    if any(block.in_main and not block.directive for block in blocks):
        return [block for block in blocks if block.in_main]
    return blocks


def _fields(parser: _PageParser | LexborPage) -> Fields:
    """Metadata, preferring Open Graph: ``og:title`` lacks the " | Site" suffix of <title>."""
    meta = parser.meta
    title = scalar_text(meta.get("og:title")) or scalar_text("".join(parser.title_parts))
    published = None
    for key in _DATE_KEYS:
        published = normalise_date(meta.get(key))
        if published:
            break
    published = published or normalise_date(parser.time_value)
    author = scalar_text(meta.get("author") or meta.get("article:author"))
    return Fields(
        title=title[:_MAX_TITLE_CHARS] if title else None,
        source=scalar_text(meta.get("og:site_name")),
        published=published,
        url=scalar_text(meta.get("og:url") or parser.canonical),
        meta=(("author", author),) if author else (),
    )
