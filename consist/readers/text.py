"""Plain text and Markdown, with optional YAML front matter.

The body is kept byte for byte (no reflowing, no Markdown stripping) so that character
offsets and line numbers in findings point at what the author wrote. Front matter is
the YAML between a ``---`` line at the very top and the next ``---`` (or ``...``) line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml

from consist.readers.common import (
    Fields,
    Unusable,
    check_text,
    line_count,
    make_document,
    scalar_text,
    truthy,
)
from consist.readers.dates import normalise_date
from consist.types import Document

_OPENING = re.compile(r"---[ \t]*(?:\n|$)")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_KNOWN = frozenset({"title", "source", "published", "published_approx", "url"})


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML without implicit timestamps: dates stay text and we parse them ourselves.

    PyYAML turns ``2014-02-30`` into a ``ValueError`` mid-load and shifts time zones;
    keeping the scalar lets ``normalise_date`` apply one rule to every source.
    """


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def read_text(path: str, text: str) -> Document:
    """One document from a .txt/.md file's decoded text; front matter is optional."""
    check_text(text)
    front, body, first_line = split_front_matter(text)
    fields = front_matter_fields(front) if front is not None else Fields()
    if front is not None:
        check_text(body, "text after the front matter")
    else:
        check_text(body)
    lines = range(first_line, first_line + line_count(body))
    return make_document(path, path, body, lines, fields)


def split_front_matter(text: str) -> tuple[Mapping[str, Any] | None, str, int]:
    """(front matter mapping or None, body, file line of the body's first line).

    Raises ``Unusable`` for front matter that is opened but never closed, is not valid
    YAML, or is not a mapping: guessing would attach the wrong title or date.
    """
    opening = _OPENING.match(text)
    if opening is None:
        return None, text, 1
    closing = _CLOSING.search(text, opening.end())
    if closing is None:
        raise Unusable("front matter opened by '---' on line 1 is never closed by a '---' line")
    data = _load_yaml(text[opening.end() : closing.start()])
    body_start = min(closing.end() + 1, len(text))
    return data, text[body_start:], text.count("\n", 0, body_start) + 1


def _load_yaml(source: str) -> Mapping[str, Any]:
    try:
        data = yaml.load(source, Loader=_FrontMatterLoader)
    except yaml.MarkedYAMLError as exc:
        where = f" (line {exc.problem_mark.line + 2})" if exc.problem_mark else ""
        raise Unusable(f"broken front matter: {exc.problem or exc.context}{where}") from exc
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise Unusable(f"broken front matter: {type(exc).__name__}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        kind = type(data).__name__
        raise Unusable(f"front matter must be 'key: value' lines, found a YAML {kind}")
    return {str(key): value for key, value in data.items()}


def front_matter_fields(data: Mapping[str, Any]) -> Fields:
    """The known keys as fields; other scalar keys (``author`` too) go to ``meta``.

    ``date`` (Jekyll, Hugo) stands in for ``published`` when that is missing. A
    ``published`` value that is not a recognisable date is kept in ``meta`` as
    ``published_raw`` rather than dropped, so the user can see why no date was used.
    """
    raw_date = data.get("published", data.get("date"))
    published = normalise_date(raw_date)
    used = set(_KNOWN) | ({"date"} if "published" not in data else set())
    meta = {key: scalar_text(value) for key, value in data.items() if key not in used}
    if raw_date is not None and published is None:
        meta["published_raw"] = scalar_text(raw_date)
    return Fields(
        title=scalar_text(data.get("title")),
        source=scalar_text(data.get("source")),
        published=published,
        published_approx=truthy(data.get("published_approx")),
        url=scalar_text(data.get("url")),
        meta=tuple(sorted((key, value) for key, value in meta.items() if value is not None)),
    )
