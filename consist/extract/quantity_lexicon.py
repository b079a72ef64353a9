"""Word lists that say what a number counts: measures, counted nouns, owners, noise.

The lists are data, not code: ``consist/data/quantities/lexicon.json`` (general English)
is loaded at import, and optional packs (``consist/data/quantities/packs/<name>.json``,
or any JSON file of the same shape) extend it when configured (``quantity_packs`` in
``[tool.consist]``). Every list errs on the side of *not* assigning a measure: an
unknown measure is compared only when the words around agree, a wrong one is a false
alarm.

A measure entry (``measures`` in the JSON) has the cue ``words`` that name it, the
``nominal`` ones that are nouns ("fatalities"), a readable ``label``, whether it only
grows over time (``cumulative``: tolls, arrests), the ``group`` a figure table puts it
in, and for a combined category the measures it ``combines`` ("killed or injured").
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "data" / "quantities"


def _read(name: str) -> dict[str, Any]:
    text = (DATA / name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


# Module-level tables, filled from the data files (and extended in place by packs, so
# that modules holding a reference see the additions).
MEASURE_CUES: dict[str, str] = {}  # cue word (lower case) -> measure
NOMINAL_CUES: set[str] = set()  # cue words that are nouns: "4,000 fatalities"
MEASURE_LABELS: dict[str, str] = {}  # measure -> readable label
MEASURE_GROUPS: dict[str, str] = {}  # measure -> figure-table title
CUMULATIVE: set[str] = set()  # measures that only grow: a later, larger figure may update
COMBINED: dict[str, tuple[str, ...]] = {}  # "killed_or_injured" -> ("killed", "injured")
COMBINABLE: set[str] = set()  # measures that a disjunction joins into a combined one
ATTRIBUTE_MEASURES: set[str] = set()  # facts about one person: compared per holder
FUTURE_CUES: set[str] = set()  # a plan is not a count
REPORTING: set[str] = set()  # verbs that report rather than measure
STOP: set[str] = set()  # function words that end a noun phrase
IRREGULAR_PLURALS: dict[str, str] = {}
GROUP_NOUNS: set[str] = set()  # nouns an "of them" can refer back to
DEMONYMS: list[str] = []  # whose people or money (longest forms first)
ID_WORDS: set[str] = set()  # "member 100", "No. 7": labels, not counts
METADATA_WORDS: set[str] = set()  # "0 Comments": page furniture
PRONOUN_CONTEXT_AFTER: set[str] = set()
PRONOUN_CONTEXT_BEFORE: set[str] = set()
MONTHS: set[str] = set()
WEEKDAYS: set[str] = set()
IRREGULAR_VERBS: set[str] = set()  # participles that do not end in -ed
KIN_WORDS: set[str] = set()  # "mother of two"
PERSON_NOUNS: set[str] = set()  # a count of them may be part of a count of people
DIRECTION_UP: set[str] = set()  # "rose", "raised": a change upwards
DIRECTION_DOWN: set[str] = set()  # "fell", "cut": a change downwards
PARTITIVE_BEFORE: list[str] = []  # "among", "including", "another": a part
ADDITIVE_BEFORE: list[str] = []  # "another 2,700": a part when it opens the claim
PARTITIVE_AFTER: list[str] = []  # "two of the", "two others": a part
PARTITIVE_RESTRICTORS: list[str] = []  # "at the scene", "most seriously": a part
REFLEXIVE: set[str] = set()  # "killed one person and then himself"
OTHER_EVENT_CUES: list[str] = []  # "last year", "in a separate": another event
TOTAL_CUES: set[str] = set()  # "a total of", "budget": a whole that parts sum to
POPULATION_VERBS: set[str] = set()  # "carrying 140 passengers": a population, not an event
CUMULATIVE_NOUNS: set[str] = set()  # "cases", "arrests": counts to date that only grow
COPULAS: set[str] = set()  # "budget was $1.2bn": the figure is the subject's value
HONORIFICS: set[str] = set()  # "Ms", "Dr": not part of whose age it is
PARTICLES: set[str] = set()  # "laid off": kept in a measure phrase
AUXILIARIES: set[str] = set()  # "were eliminated": dropped from a measure phrase

_SETS: dict[str, set[str]] = {
    "attribute_measures": ATTRIBUTE_MEASURES, "future_cues": FUTURE_CUES,
    "reporting": REPORTING, "stop": STOP, "group_nouns": GROUP_NOUNS, "id_words": ID_WORDS,
    "metadata_words": METADATA_WORDS, "pronoun_context_after": PRONOUN_CONTEXT_AFTER,
    "pronoun_context_before": PRONOUN_CONTEXT_BEFORE, "months": MONTHS,
    "weekdays": WEEKDAYS, "irregular_verbs": IRREGULAR_VERBS, "kin_words": KIN_WORDS,
    "person_nouns": PERSON_NOUNS, "direction_up": DIRECTION_UP,
    "direction_down": DIRECTION_DOWN, "reflexive": REFLEXIVE, "total_cues": TOTAL_CUES,
    "particles": PARTICLES, "auxiliaries": AUXILIARIES, "honorifics": HONORIFICS,
    "copulas": COPULAS, "cumulative_nouns": CUMULATIVE_NOUNS,
    "population_verbs": POPULATION_VERBS,
}  # fmt: skip
_LISTS: dict[str, list[str]] = {
    "demonyms": DEMONYMS, "partitive_before": PARTITIVE_BEFORE,
    "partitive_after": PARTITIVE_AFTER, "additive_before": ADDITIVE_BEFORE,
    "partitive_restrictors": PARTITIVE_RESTRICTORS,
    "other_event_cues": OTHER_EVENT_CUES,
}  # fmt: skip
_LOADED: list[str] = []


def extend(data: dict[str, Any], name: str = "") -> None:
    """Add one lexicon (the core file or a pack) to the tables."""
    for measure, entry in data.get("measures", {}).items():
        for word in entry.get("words", ()):
            MEASURE_CUES[word] = measure
        NOMINAL_CUES.update(entry.get("nominal", ()))
        MEASURE_LABELS[measure] = entry.get("label", MEASURE_LABELS.get(measure, measure))
        if "group" in entry:
            MEASURE_GROUPS[measure] = entry["group"]
        if entry.get("cumulative"):
            CUMULATIVE.add(measure)
        if entry.get("combines"):
            COMBINED[measure] = tuple(entry["combines"])
            COMBINABLE.update(entry["combines"])
    for key, target in _SETS.items():
        target.update(w.lower() for w in data.get(key, ()))
    for key, seq in _LISTS.items():
        seq.extend(w for w in data.get(key, ()) if w not in seq)
    DEMONYMS.sort(key=lambda w: -len(w))  # "north korean" before "korean"
    IRREGULAR_PLURALS.update(data.get("irregular_plurals", {}))
    _LOADED.append(
        name + ":" + hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
    )


def use_packs(packs: tuple[str, ...] | list[str]) -> None:
    """Load optional packs by name (``packs/<name>.json``) or by path; each at most once."""
    for pack in packs:
        if any(entry.startswith(pack + ":") for entry in _LOADED):
            continue
        path = Path(pack)
        if path.suffix == ".json" and path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
        else:
            try:
                data = _read(f"packs/{pack}.json")
            except FileNotFoundError:
                raise ValueError(f"unknown quantity pack '{pack}'") from None
        extend(data, pack)


_TABLES: tuple[Any, ...] = (
    MEASURE_CUES, NOMINAL_CUES, MEASURE_LABELS, MEASURE_GROUPS, CUMULATIVE, COMBINED,
    COMBINABLE, IRREGULAR_PLURALS, _LOADED, *_SETS.values(), *_LISTS.values(),
)  # fmt: skip


@contextmanager
def packs_loaded(packs: tuple[str, ...] | list[str]) -> Iterator[None]:
    """Load packs for the duration of a block, then restore the tables as they were
    (tests and one-off comparisons that must not leak a pack into later work)."""
    saved = _snapshot()
    try:
        use_packs(packs)
        yield
    finally:
        _restore(saved)


def set_packs(packs: tuple[str, ...] | list[str]) -> None:
    """Exactly the core lexicon plus ``packs``: what a run is configured with, whatever an
    earlier run in the same process (or a worker's default) had loaded."""
    _restore(_CORE)
    use_packs(packs)


def _snapshot() -> list[Any]:
    return [copy.copy(table) for table in _TABLES]


def _restore(saved: list[Any]) -> None:
    for table, old in zip(_TABLES, saved, strict=True):
        table.clear()
        if isinstance(table, dict | set):
            table.update(old)
        else:
            table.extend(old)


def digest() -> str:
    """What is loaded, for cache keys: features depend on the lexicon."""
    return hashlib.sha256("\n".join(_LOADED).encode()).hexdigest()[:16]


def label(measure: str) -> str:
    return MEASURE_LABELS.get(measure, measure.replace("_", " "))


extend(_read("lexicon.json"), "core")
_CORE = _snapshot()  # the tables with no pack, for set_packs
