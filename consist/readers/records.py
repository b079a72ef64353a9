"""Article collections in JSON Lines and JSON: one document per record.

A ``.jsonl`` file holds one JSON object per line. A ``.json`` file holds an array of
objects, or an object with that array under ``articles``, ``documents``, ``items`` or
``records`` (or a single article object). Field names come from the config
(``json_text_field``, ``json_title_field``, ``json_source_field``, ``json_date_field``,
``json_id_field``); when the configured field is missing from a record, common names
used by scrapers and news APIs are tried in turn:

* text: ``text``, ``content``, ``body``, ``article``, ``full_text``, ``fulltext``,
  ``maintext``, ``story``
* title: ``title``, ``headline``
* source: ``source``, ``outlet``, ``publisher``, ``site_name``, ``source_name``
  (a ``{"name": ...}`` object, as NewsAPI writes it, is accepted)
* published: ``published``, ``date``, ``dct`` (document creation time, as in TimeBank),
  ``published_at``, ``publishedAt``, ``datePublished``, ``pubdate``, ``date_publish``,
  ``timestamp`` (ISO text, common written forms, or epoch seconds/milliseconds)
* id: ``id``, ``_id``, ``uuid``, ``doc_id``, ``article_id``, ``guid``
* ``url``/``link``, ``author``/``authors``/``byline`` (to ``meta``), ``published_approx``

A configured name with dots (``meta.date``) is looked up in nested objects. Other short
scalar fields go to ``meta``. ``Document.id`` is ``path#id`` (``path#N`` without an id,
N the 1-based line for JSONL or position for JSON), and every line of a record's text
maps to the line where the record starts, so ``path:line`` points at the record.

A record that cannot be used (invalid JSON, not an object, no text) is one error naming
its line; the rest of the file is still read.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from consist.config import Config
from consist.readers.common import (
    Fields,
    Unusable,
    check_not_empty,
    check_text,
    clean_text,
    line_count,
    make_document,
    scalar_text,
    truthy,
)
from consist.readers.dates import normalise_date
from consist.types import Document, InputError

TEXT_FIELDS = ("text", "content", "body", "article", "full_text", "fulltext", "maintext", "story")
TITLE_FIELDS = ("title", "headline")
SOURCE_FIELDS = ("source", "outlet", "publisher", "site_name", "source_name")
DATE_FIELDS = (
    "published", "date", "dct", "published_at", "publishedAt", "datePublished", "pubdate",
    "date_publish", "timestamp",
)  # fmt: skip
ID_FIELDS = ("id", "_id", "uuid", "doc_id", "article_id", "guid")
URL_FIELDS = ("url", "link")
AUTHOR_FIELDS = ("author", "authors", "byline")
WRAPPER_KEYS = ("articles", "documents", "items", "records")
_MAX_META_CHARS = 200
_JSON_SPACE = re.compile(r"[ \t\n\r]*")


# Python refuses to turn more digits than this into an int (``sys.int_info``); a record
# holding a longer integer (an id, a hash) keeps it as text instead of losing the record.
_MAX_INT_DIGITS = 4000


def _int_or_text(digits: str) -> int | str:
    return int(digits) if len(digits) <= _MAX_INT_DIGITS else digits


def loads(text: str) -> Any:
    """``json.loads`` that keeps an over-long integer as its digits (a string)."""
    return json.loads(text, parse_int=_int_or_text)


@dataclass(frozen=True)
class _Names:
    """The field names to try for each role, the configured one first."""

    text: tuple[str, ...]
    title: tuple[str, ...]
    source: tuple[str, ...]
    published: tuple[str, ...]
    id: tuple[str, ...]

    @classmethod
    def from_config(cls, config: Config) -> _Names:
        def chain(first: str, rest: tuple[str, ...]) -> tuple[str, ...]:
            return (first, *(name for name in rest if name != first))

        return cls(
            text=chain(config.json_text_field, TEXT_FIELDS),
            title=chain(config.json_title_field, TITLE_FIELDS),
            source=chain(config.json_source_field, SOURCE_FIELDS),
            published=chain(config.json_date_field, DATE_FIELDS),
            id=chain(config.json_id_field, ID_FIELDS),
        )

    @functools.cached_property
    def used(self) -> frozenset[str]:
        """Fields read into ``Document`` attributes; the rest may go to ``meta``."""
        names = (*self.text, *self.title, *self.source, *self.published, *self.id)
        return frozenset((*names, *URL_FIELDS, *AUTHOR_FIELDS, "published_approx"))


@dataclass(frozen=True)
class _Record:
    value: object
    line: int
    ordinal: int


def read_jsonl(path: str, text: str, config: Config) -> tuple[list[Document], list[InputError]]:
    """Documents from a JSON Lines file; each bad line is an error naming the line."""
    check_not_empty(text)
    records: list[_Record] = []
    errors: list[InputError] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            records.append(_Record(loads(line), number, number))
        except json.JSONDecodeError as exc:
            message = f"line {number}: invalid JSON ({exc.msg}, column {exc.colno})"
            errors.append(InputError(path, message))
        except RecursionError:
            errors.append(InputError(path, f"line {number}: JSON nested too deeply"))
        except ValueError as exc:  # anything else json refuses: one record, not the file
            errors.append(InputError(path, f"line {number}: unusable JSON ({exc})"[:300]))
    docs, bad = _documents(path, records, config, lambda r: f"line {r.line}")
    return docs, sorted([*errors, *bad], key=_error_line)


def read_json(path: str, text: str, config: Config) -> tuple[list[Document], list[InputError]]:
    """Documents from a JSON file; the whole file is unusable only if it is not JSON."""
    check_not_empty(text)
    try:
        value = loads(text)
    except json.JSONDecodeError as exc:
        raise Unusable(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    except RecursionError as exc:
        raise Unusable("JSON nested too deeply") from exc
    except ValueError as exc:
        raise Unusable(f"unusable JSON ({exc})"[:300]) from exc
    names = _Names.from_config(config)
    items, key = _collection(value, names)
    starts = _record_starts(text, key, len(items))
    records = [
        _Record(item, line, index)
        for index, (item, line) in enumerate(zip(items, starts, strict=True), 1)
    ]
    return _documents(path, records, config, lambda r: f"record {r.ordinal} (line {r.line})")


def _collection(value: object, names: _Names) -> tuple[list[Any], str | None]:
    """The records and the wrapper key holding them (None: a top-level array or one object)."""
    if isinstance(value, list):
        return value, None
    if isinstance(value, dict):
        for key in WRAPPER_KEYS:
            if isinstance(value.get(key), list):
                return value[key], key
        if _first(value, names.text) is not None:
            return [value], ""
    raise Unusable(
        "expected a JSON array of records, or an object with a list under "
        + ", ".join(f"'{key}'" for key in WRAPPER_KEYS)
    )


def _documents(
    path: str, records: list[_Record], config: Config, where: Callable[[_Record], str]
) -> tuple[list[Document], list[InputError]]:
    if not records:
        raise Unusable("no records in file")
    names = _Names.from_config(config)
    ids = _IdMaker(path)
    docs: list[Document] = []
    errors: list[InputError] = []
    for record in records:
        try:
            docs.append(_document(path, record, names, ids))
        except Unusable as exc:
            errors.append(InputError(path, f"{where(record)}: {exc}"))
    return docs, errors


def _document(path: str, record: _Record, names: _Names, ids: _IdMaker) -> Document:
    value = record.value
    if not isinstance(value, dict):
        raise Unusable(f"record is a JSON {_json_type(value)}, not an object")
    text = _record_text(value, names)
    raw_id = _first(value, names.id)
    record_id = scalar_text(raw_id) if _is_id(raw_id) else None
    doc_id = ids.make(record_id or str(record.ordinal))
    lines = [record.line] * line_count(text)
    document = make_document(doc_id, path, text, lines, _record_fields(value, names))
    if not document.text.strip():
        # Text made only of control or invisible characters is no text once made safe.
        raise Unusable("record has no visible text")
    return document


def _record_text(value: Mapping[str, Any], names: _Names) -> str:
    raw = _first(value, names.text)
    if raw is None:
        tried = ", ".join(f"'{name}'" for name in names.text[:3])
        raise Unusable(f"record has no text (looked for {tried} and other usual names)")
    if isinstance(raw, list) and all(isinstance(part, str) for part in raw):
        raw = "\n\n".join(raw)
    if not isinstance(raw, str):
        raise Unusable(f"record text is a JSON {_json_type(raw)}, not a string")
    text = clean_text(raw)
    check_text(text, "record text")
    return text


def _record_fields(value: Mapping[str, Any], names: _Names) -> Fields:
    source = _first(value, names.source)
    if isinstance(source, Mapping):
        source = source.get("name")
    raw_date = _first(value, names.published)
    published = normalise_date(raw_date)
    used = names.used
    meta = {key: _short(item) for key, item in value.items() if key not in used}
    meta["author"] = scalar_text(_first(value, AUTHOR_FIELDS))
    if raw_date is not None and published is None:
        meta["published_raw"] = _short(raw_date)
    return Fields(
        title=scalar_text(_first(value, names.title)),
        source=scalar_text(source),
        published=published,
        published_approx=truthy(value.get("published_approx")),
        url=scalar_text(_first(value, URL_FIELDS)),
        meta=tuple(sorted((str(k), v) for k, v in meta.items() if v is not None)),
    )


def _first(value: Mapping[str, Any], names: Sequence[str]) -> Any:
    """The first of ``names`` present (and not null) in the record; dots reach into objects."""
    for name in names:
        found = _lookup(value, name)
        if found is not None:
            return found
    return None


def _lookup(value: Mapping[str, Any], name: str) -> Any:
    if name in value:
        return value[name]
    node: Any = value
    for part in name.split(".") if "." in name else ():
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node if "." in name else None


def _short(value: object) -> str | None:
    """Short scalars only: a raw HTML copy or a vector in ``meta`` would bloat every report."""
    if isinstance(value, Mapping | list):
        return None
    text = scalar_text(value)
    return text if text is not None and len(text) <= _MAX_META_CHARS else None


def _is_id(value: object) -> bool:
    return isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip() != ""


def _json_type(value: object) -> str:
    names = {list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _error_line(error: InputError) -> int:
    match = re.match(r"line (\d+)", error.message)
    return int(match.group(1)) if match else 0


class _IdMaker:
    """``path#id``, made unique: a repeated record id gets ``~2``, ``~3``... appended."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._seen: dict[str, int] = {}

    def make(self, record_id: str) -> str:
        count = self._seen.get(record_id, 0) + 1
        self._seen[record_id] = count
        suffix = f"~{count}" if count > 1 else ""
        return f"{self._path}#{record_id}{suffix}"


def _record_starts(text: str, key: str | None, count: int) -> list[int]:
    """The source line where each record starts; line 1 for all if it cannot be found.

    ``json`` reports no positions, so we walk the (already validated) text with
    ``raw_decode`` to find where each element of the record array begins.
    """
    try:
        offsets = list(_element_offsets(text, key))
    except (ValueError, IndexError, RecursionError):
        offsets = []
    if len(offsets) != count:
        return [1] * count
    newlines = [match.start() for match in re.finditer("\n", text)]
    return [bisect.bisect_left(newlines, offset) + 1 for offset in offsets]


def _element_offsets(text: str, key: str | None) -> Iterator[int]:
    start = _skip(text, 0)
    if key == "":
        yield start
    elif key is None:
        yield from _array_offsets(text, start)[0]
    else:
        yield from _member_array_offsets(text, start, key)


def _skip(text: str, index: int) -> int:
    match = _JSON_SPACE.match(text, index)
    return match.end() if match else index


_DECODER = json.JSONDecoder(parse_int=_int_or_text)


def _array_offsets(text: str, index: int) -> tuple[list[int], int]:
    """Offsets of the elements of the array opening at ``text[index]``, and its end."""
    offsets: list[int] = []
    index = _skip(text, index + 1)
    if text[index] == "]":
        return offsets, index + 1
    while True:
        offsets.append(index)
        _, index = _DECODER.raw_decode(text, index)
        index = _skip(text, index)
        if text[index] == "]":
            return offsets, index + 1
        index = _skip(text, index + 1)


def _member_array_offsets(text: str, index: int, key: str) -> list[int]:
    """Element offsets of the array under ``key`` in the object opening at ``text[index]``.

    The last occurrence wins, as it does in ``json.loads``.
    """
    found: list[int] = []
    index = _skip(text, index + 1)
    while text[index] != "}":
        name, index = _DECODER.raw_decode(text, index)
        index = _skip(text, _skip(text, index) + 1)
        if name == key and text[index] == "[":
            found, index = _array_offsets(text, index)
        else:
            _, index = _DECODER.raw_decode(text, index)
        index = _skip(text, index)
        if text[index] == ",":
            index = _skip(text, index + 1)
    return found
