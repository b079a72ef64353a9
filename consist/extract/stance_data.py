"""Word lists of the stance reader, read from package data (consist/data/).

``antonyms.tsv`` is generated from WordNet 3.0 by scripts/build_antonyms.py;
``stance/lexicon.json`` holds the grammatical lists (denial verbs, nouns that carry a
reported content, words that call a report false). None of them names a topic.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


def _read(name: str) -> str:
    return resources.files("consist").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def antonyms() -> dict[str, frozenset[str]]:
    """word -> its antonyms (both directions), from the WordNet table."""
    out: dict[str, set[str]] = {}
    for line in _read("antonyms.tsv").splitlines():
        if not line or line.startswith("#"):
            continue
        a, b, _pos = line.split("\t")
        out.setdefault(a, set()).add(b)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _lexicon_data() -> dict[str, object]:
    data: dict[str, object] = json.loads(_read("stance/lexicon.json"))
    return data


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    """The word lists of ``stance/lexicon.json`` (tables of lists are left out)."""
    return {
        k: frozenset(v)
        for k, v in _lexicon_data().items()
        if not k.startswith("_") and isinstance(v, list)
    }


@lru_cache(maxsize=1)
def single_value_slots() -> dict[str, frozenset[str]]:
    """Event head -> the slots that take one value per event (``single_value_slots``)."""
    table = _lexicon_data().get("single_value_slots", {})
    assert isinstance(table, dict)
    return {str(k): frozenset(v) for k, v in table.items()}


def words(name: str) -> frozenset[str]:
    """One list of ``stance/lexicon.json`` by name."""
    return lexicon()[name]


__all__ = ["antonyms", "lexicon", "single_value_slots", "words"]
