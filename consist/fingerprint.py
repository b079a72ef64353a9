"""Stable finding ids: a hash of the rule and the normalised texts of the claims.

An id must survive everything a writer does to a document that leaves the claims
themselves alone: re-wrapping a paragraph, moving it, renaming the file, editing other
text. So it hashes no path, line, score or file order; only the rule code and the
claims' texts, normalised and sorted. Changing a figure in a claim changes its text,
and therefore the id: that is a different disagreement and must be reviewed again.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence

#: Length of an id in hex characters: 64 bits, so collisions between unrelated
#: findings are negligible; ``assign_ids`` handles the deliberate ones.
ID_LENGTH = 16

_QUOTES = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u2032": "'",  # ′
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u00ab": '"',  # «
        "\u00bb": '"',  # »
        "\u2033": '"',  # ″
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2015": "-",  # horizontal bar
        "\u2212": "-",  # minus sign
        "\u00ad": None,  # soft hyphen: invisible, often inserted by re-flowing tools
        "\u200b": None,  # zero-width space
        "\u200c": None,  # zero-width non-joiner
        "\u200d": None,  # zero-width joiner
        "\ufeff": None,  # byte-order mark / zero-width no-break space
    }
)

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The form of a claim's text that an id is computed from.

    Typographic variants (curly quotes, dashes, non-breaking spaces, line breaks from
    re-wrapping) and case are editorial, not factual, so they are unified.
    """
    return _SPACE.sub(" ", text.translate(_QUOTES).casefold()).strip()


def fingerprint(rule: str, texts: Sequence[str], paths: Sequence[str] = ()) -> str:
    """The id of a finding of ``rule`` over claims with ``texts``.

    ``paths`` is empty except to tell apart two findings that would otherwise collide
    (see ``assign_ids``); then the sorted paths are hashed too. Texts are sorted so
    that which claim came first (file order, pair order) does not matter.
    """
    parts = [rule.strip().upper(), *sorted(normalise(t) for t in texts)]
    if paths:
        parts.append("\x1epaths")
        parts.extend(sorted(paths))
    payload = "\x1f".join(parts).encode("utf-8")
    return hashlib.sha256(payload).hexdigest()[:ID_LENGTH]


FingerprintItem = tuple[str, Sequence[str], Sequence[str]]


def assign_ids(items: Sequence[FingerprintItem]) -> list[str]:
    """Ids for ``(rule, texts, paths)`` items, in the same order, all distinct.

    Items whose content ids coincide (the same two sentences quoted in two pairs of
    documents) get their sorted paths hashed in as well. If even that collides (the very
    same claims in the same files, e.g. a sentence repeated within one document), a
    counter is appended in the order of the items' sorted paths, which depends on
    content only, so the result still does not depend on the order of ``items``.
    """
    base = [fingerprint(rule, texts) for rule, texts, _ in items]
    groups: dict[str, list[int]] = defaultdict(list)
    for index, fid in enumerate(base):
        groups[fid].append(index)
    ids = list(base)
    for indices in groups.values():
        if len(indices) > 1:
            _disambiguate(items, indices, ids)
    return ids


def _disambiguate(items: Sequence[FingerprintItem], indices: list[int], ids: list[str]) -> None:
    """Rewrite ``ids[i]`` for the colliding ``indices`` with their paths (and a counter)."""
    with_paths = {i: fingerprint(items[i][0], items[i][1], items[i][2] or ("",)) for i in indices}
    seen: dict[str, int] = defaultdict(int)
    for i in sorted(indices, key=lambda i: (with_paths[i], sorted(items[i][2]))):
        fid = with_paths[i]
        n = seen[fid]
        seen[fid] += 1
        ids[i] = fid if n == 0 else fingerprint(items[i][0], items[i][1], [*items[i][2], f"#{n}"])
