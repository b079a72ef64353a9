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
def lexicon() -> dict[str, frozenset[str]]:
    data = json.loads(_read("stance/lexicon.json"))
    return {k: frozenset(v) for k, v in data.items() if not k.startswith("_")}


def words(name: str) -> frozenset[str]:
    """One list of ``stance/lexicon.json`` by name."""
    return lexicon()[name]


__all__ = ["antonyms", "lexicon", "words"]
