"""Cached feature records validated by type, shape and range before any stage uses them.

A signed row (``consist.store``) was written by a consist run holding the key, but it
may come from an older or newer consist, or from a bug; a record that decodes into the
wrong shape would crash a rule or silently change a finding. ``decode_checked`` returns
``None`` for anything that is not exactly a well-formed ``ClaimFeatures``: the caller
recomputes it. JSON nested deeper than a real record can be, strings where numbers
belong, NaN, absurd sizes: all are misses, never crashes.
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from functools import lru_cache
from typing import Any

import numpy as np

from consist.types import ClaimFeatures

#: A feature record is a few kilobytes; a cached one larger than this is not ours.
MAX_BLOB_BYTES = 2_000_000
#: Real records nest about six levels (features > quantity > scope); allow headroom.
MAX_DEPTH = 32
_MAX_ITEMS = 10_000
_MAX_TEXT = 100_000
_MAX_INT = 10**15


def decode_checked(blob: bytes, claim_id: str = "") -> ClaimFeatures | None:
    """The features in ``blob``, or None when it is malformed in any way."""
    from consist.features import decode_features

    if not isinstance(blob, bytes) or len(blob) > MAX_BLOB_BYTES or _too_deep(blob):
        return None
    try:
        value = decode_features(blob, claim_id)
    except Exception:  # noqa: BLE001 - any failure to decode (even RecursionError) is a miss
        return None
    return value if valid(value, ClaimFeatures) else None


def _too_deep(blob: bytes) -> bool:
    """Nesting deeper than ``MAX_DEPTH`` (brackets inside strings count too: a rare
    false alarm only costs a recomputation), found without recursion."""
    data = np.frombuffer(blob, dtype=np.uint8)
    opens = (data == 0x5B) | (data == 0x7B)
    if int(opens.sum()) <= MAX_DEPTH:
        return False
    closes = (data == 0x5D) | (data == 0x7D)
    depth = np.cumsum(opens.astype(np.int64) - closes.astype(np.int64))
    return bool(depth.max() > MAX_DEPTH)


def valid(value: object, annotation: Any) -> bool:
    """Whether ``value`` matches the type ``annotation`` (dataclasses field by field)."""
    return _check(value, annotation, 0)


@lru_cache(maxsize=64)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _check(value: object, annotation: Any, depth: int) -> bool:
    if depth > MAX_DEPTH:
        return False
    origin = typing.get_origin(annotation)
    if annotation is Any:
        return True
    if annotation is type(None) or annotation is None:
        return value is None
    if origin in (typing.Union, types.UnionType):
        return any(_check(value, arm, depth) for arm in typing.get_args(annotation))
    if origin is tuple:
        return _check_tuple(value, typing.get_args(annotation), depth)
    if origin in (frozenset, set, list):
        (item,) = typing.get_args(annotation) or (Any,)
        return (
            isinstance(value, origin)
            and len(value) <= _MAX_ITEMS
            and all(_check(v, item, depth + 1) for v in value)
        )
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        if type(value) is not annotation:
            return False
        hints = _hints(annotation)
        return all(
            _check(getattr(value, f.name), hints[f.name], depth + 1)
            for f in dataclasses.fields(annotation)
        )
    return _check_scalar(value, annotation)


def _check_tuple(value: object, args: tuple[Any, ...], depth: int) -> bool:
    if not isinstance(value, tuple) or len(value) > _MAX_ITEMS:
        return False
    if len(args) == 2 and args[1] is Ellipsis:
        return all(_check(v, args[0], depth + 1) for v in value)
    if not args:
        return True
    return len(value) == len(args) and all(
        _check(v, a, depth + 1) for v, a in zip(value, args, strict=True)
    )


def _check_scalar(value: object, annotation: Any) -> bool:
    if annotation is bool:
        return isinstance(value, bool)
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool) and abs(value) <= _MAX_INT
    if annotation is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        return not math.isnan(value) and (math.isinf(value) or abs(value) <= 1e300)
    if annotation is str:
        return isinstance(value, str) and len(value) <= _MAX_TEXT
    # A type this checker does not know (a field added later): the signature vouches.
    return True


__all__ = ["MAX_BLOB_BYTES", "MAX_DEPTH", "decode_checked", "valid"]
