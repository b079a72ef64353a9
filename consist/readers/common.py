"""What every reader shares: the skip signal, document metadata and the text checks."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from consist.safe_text import normalise_document_text, safe_line, safe_path
from consist.types import Document

# spaCy refuses texts over a million characters by default, and a single "line" that
# long is a minified dump or a data blob rather than prose: skip it with a clear reason.
MAX_LINE_CHARS = 1_000_000

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class Unusable(Exception):
    """A file or record that cannot be used; the message says why, for ``errors[]``."""


@dataclass(frozen=True)
class Fields:
    """Document metadata read from front matter, HTML meta tags or a JSON record."""

    title: str | None = None
    source: str | None = None
    published: str | None = None
    published_approx: bool = False
    url: str | None = None
    meta: tuple[tuple[str, str], ...] = ()


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n`` so line numbers agree on every platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(text: str) -> str:
    """Replace lone surrogates (from JSON ``\\ud800`` escapes) that no encoder can write."""
    return _LONE_SURROGATE.sub("\ufffd", normalise_newlines(text))


def check_text(text: str, what: str = "file") -> None:
    """Refuse text with nothing to check in it, or a line too long to parse."""
    check_not_empty(text, what)
    check_line_lengths(text)


def check_not_empty(text: str, what: str = "file") -> None:
    """Refuse empty or whitespace-only text: there is nothing in it to check."""
    if not text:
        raise Unusable(f"empty {what}")
    if not text.strip():
        raise Unusable(f"{what} contains only whitespace")


def check_line_lengths(text: str) -> None:
    """Refuse a line over ``MAX_LINE_CHARS``.

    Applied to the text consist will split into sentences, not to HTML or JSON source:
    minified pages and collections are legitimately one very long line.
    """
    if len(text) <= MAX_LINE_CHARS:
        return
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > MAX_LINE_CHARS:
            raise Unusable(
                f"line {number} is {len(line):,} characters long "
                f"(the limit is {MAX_LINE_CHARS:,}); is this a data dump?"
            )


def scalar_text(value: object) -> str | None:
    """A front-matter or JSON value as display text; lists of scalars are joined.

    Mappings and nested lists are ignored rather than stringified: their ``repr`` is
    noise in a report and can be enormous (YAML anchors).
    """
    if value is None or isinstance(value, Mapping):
        return None
    if isinstance(value, str):
        text = " ".join(value.split())
        return clean_text(text) or None
    if isinstance(value, bool | int | float):
        return str(value)
    if isinstance(value, list | tuple):
        parts = [scalar_text(item) for item in value if not isinstance(item, Mapping | list)]
        joined = ", ".join(part for part in parts if part)
        return joined or None
    return None  # bytes (!!binary), sets and other containers: nothing readable


def truthy(value: object) -> bool:
    """``published_approx`` may arrive as a YAML/JSON bool or as text like "yes"."""
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "y", "1", "on"}
    return bool(value) if isinstance(value, bool | int) else False


def make_document(
    doc_id: str, path: str, text: str, lines: Sequence[int], fields: Fields
) -> Document:
    """Build the frozen ``Document``; ``lines`` must have one entry per line of ``text``.

    Every reader ends here, so this is where text is made safe for all later stages:
    invisible and control characters removed, numbers folded (``consist.safe_text``);
    metadata becomes one plain line.
    """
    return Document(
        id=safe_path(doc_id),
        path=safe_path(path),
        text=normalise_document_text(text),
        lines=tuple(lines),
        title=_plain(fields.title),
        source=_plain(fields.source),
        published=_plain(fields.published),
        published_approx=fields.published_approx,
        url=_plain(fields.url),
        meta=tuple((safe_line(k), safe_line(v)) for k, v in fields.meta),
    )


def _plain(value: str | None) -> str | None:
    if value is None:
        return None
    return normalise_document_text(safe_line(value)) or None


def line_count(text: str) -> int:
    """Lines as ``Document.line_of`` counts them: one more than the newlines."""
    return text.count("\n") + 1
