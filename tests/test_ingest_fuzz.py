"""Property tests: whatever bytes a file holds, reading it never raises.

Every document that comes out must be well formed (one ``lines`` entry per text line,
each a real source line, in order) and every error must say what went wrong. An
"internal error" message means the safety net in ``ingest`` caught a bug: that fails.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consist.config import Config
from consist.ingest import SUPPORTED, read_documents
from consist.types import Document, InputError

EXTENSIONS = sorted(SUPPORTED)
# Modest by default to keep the suite fast; CONSIST_FUZZ_EXAMPLES=5000 for a long hunt.
FUZZ = settings(
    max_examples=int(os.environ.get("CONSIST_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
CONFIG = Config(max_file_bytes=200_000)


def read_bytes_as(extension: str, data: bytes) -> tuple[list[Document], list[InputError]]:
    """Read the file as named on the command line, then through a folder walk.

    Named, it must give documents or errors. Walked, it may also be skipped silently
    (it may look like a consist report), but the result must otherwise be the same.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{extension}"
        path.write_bytes(data)
        named = read_documents([str(path)], CONFIG)
        walked = read_documents([folder], CONFIG)
    assert walked in (named, ([], []))
    return named


def check_well_formed(data: bytes, docs: list[Document], errors: list[InputError]) -> None:
    # Any newline character, in any encoding, contains a 0x0A or 0x0D byte.
    max_line = data.count(b"\n") + data.count(b"\r") + 1
    for doc in docs:
        assert doc.text.strip()
        assert len(doc.lines) == doc.text.count("\n") + 1
        assert all(1 <= line <= max_line for line in doc.lines)
        assert list(doc.lines) == sorted(doc.lines)
        doc.text.encode("utf-8")  # no lone surrogates: every report format can write it
    for error in errors:
        assert error.message.strip()
        assert "internal error" not in error.message
    assert docs or errors


@FUZZ
@given(extension=st.sampled_from(EXTENSIONS), data=st.binary(max_size=3000))
def test_arbitrary_bytes_never_raise(extension: str, data: bytes) -> None:
    docs, errors = read_bytes_as(extension, data)
    check_well_formed(data, docs, errors)


_TEXTISH = st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
_PIECES = st.sampled_from(
    [
        "---\n", "---", "...\n", "title: x\n", "published: 2014-01-12\n", "published: [\n",
        "\r\n", "\n", "\r", "\ufeff", "<p>", "</p>", "<br>", "<article>", "</article>",
        "<main>", "<script>", "</script>", "<nav>", "</nav>", "<!-- consist: ignore NUM001 r -->",
        "<!--", "-->", "<![if !IE]>", "<!DOCTYPE html>", "&amp;", "&#0;", "&#x110000;",
        "<title>", "</title>", "<svg><title>t</title></svg>", "<td>", "<tr>", "{", "}", "[",
        "]", '"text": ', '"id": ', ",", '"a\\ud800"', "null", "1e999", "\x00", "\x85",
        "\u2028", "\t", " ",
    ]
)  # fmt: skip
_MARKUPISH = st.lists(st.one_of(_PIECES, _TEXTISH), max_size=40).map("".join)


@FUZZ
@given(
    extension=st.sampled_from(EXTENSIONS),
    text=_MARKUPISH,
    codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "cp1252", "latin-1"]),
)
def test_structured_text_in_any_encoding_never_raises(
    extension: str, text: str, codec: str
) -> None:
    data = text.encode(codec, errors="replace")
    docs, errors = read_bytes_as(extension, data)
    check_well_formed(data, docs, errors)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | _TEXTISH,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["text", "content", "id", "title", "source", "published", "dct", "x"]),
            children,
            max_size=5,
        )
    ),
    max_leaves=12,
)


@FUZZ
@given(records=st.lists(_JSON_VALUES, max_size=8), indent=st.sampled_from([None, 2]))
def test_json_collections_never_raise(records: list[object], indent: int | None) -> None:
    lines = "\n".join(json.dumps(record) for record in records).encode()
    docs, errors = read_bytes_as(".jsonl", lines)
    if lines.strip():
        check_well_formed(lines, docs, errors)
    document = json.dumps({"articles": records}, indent=indent).encode()
    docs, errors = read_bytes_as(".json", document)
    check_well_formed(document, docs, errors)
