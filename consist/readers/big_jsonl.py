"""A JSON Lines file over ``max_file_bytes``: the limit applies to each record instead.

A JSON Lines collection is a list of independent documents, so one record too big to
check should cost that record, not the hundreds of small ones next to it. The file is
streamed line by line (never held whole); a line over ``max_file_bytes`` is skipped with
an error naming it, and so is a line that is not UTF-8 (JSON text is UTF-8 by RFC 8259).
To keep a run bounded, at most ``BIG_JSONL_FACTOR`` times ``max_file_bytes`` of records
are read from one file; the rest is reported, not silently dropped.
"""

from __future__ import annotations

from consist.config import Config
from consist.readers.common import Unusable
from consist.readers.records import read_jsonl
from consist.types import Document, InputError

#: How many times ``max_file_bytes`` of records one oversized JSONL file may supply.
BIG_JSONL_FACTOR = 10


def read_big_jsonl(
    path: str, fs_path: str, config: Config
) -> tuple[list[Document], list[InputError]]:
    """Documents from an oversized ``.jsonl`` file, skipping only the oversized lines."""
    limit = config.max_file_bytes
    budget = limit * BIG_JSONL_FACTOR
    kept: list[str] = []
    errors: list[InputError] = []
    used = 0
    with open(fs_path, "rb") as handle:
        number = 0
        while True:
            line = handle.readline(limit + 1)
            if not line:
                break
            number += 1
            if len(line) > limit and not line.endswith(b"\n"):
                _skip_rest_of_line(handle)
                errors.append(InputError(path, _too_big(number, limit)))
                kept.append("")
                continue
            if used + len(line) > budget:
                errors.append(InputError(path, _budget_spent(number, budget)))
                break
            used += len(line)
            try:
                kept.append(line.decode("utf-8-sig" if number == 1 else "utf-8").rstrip("\r\n"))
            except UnicodeDecodeError:
                errors.append(InputError(path, f"line {number}: not UTF-8 text; record skipped"))
                kept.append("")
    text = "\n".join(kept)
    if not text.strip():
        return [], errors or [InputError(path, "no usable records in file")]
    try:
        documents, bad = read_jsonl(path, text, config)
    except Unusable as exc:
        return [], [*errors, InputError(path, str(exc))]
    return documents, sorted([*errors, *bad], key=_line_of)


def _skip_rest_of_line(handle: object) -> None:
    read = handle.readline  # type: ignore[attr-defined]
    while True:
        chunk = read(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _too_big(number: int, limit: int) -> str:
    return (
        f"line {number}: record is over the limit of {limit:,} bytes "
        "(raise config key 'max_file_bytes' to read it); the other records were read"
    )


def _budget_spent(number: int, budget: int) -> str:
    return (
        f"line {number} and later: not read, the file holds over {budget:,} bytes of "
        f"records ({BIG_JSONL_FACTOR} x max_file_bytes); split the file to check the rest"
    )


def _line_of(error: InputError) -> int:
    head = error.message.split(":", 1)[0].split()
    return int(head[1]) if len(head) >= 2 and head[0] == "line" and head[1].isdigit() else 0


__all__ = ["BIG_JSONL_FACTOR", "read_big_jsonl"]
