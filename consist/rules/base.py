"""The Rule protocol: what every rule module provides, and the context it is given.

A rule sees one candidate ``Pair`` and the precomputed features of its two claims
(through ``RuleContext``). It loads no models and does no I/O; it yields ``Violation``
values, which ``api`` turns into findings with ids, topics and claim references.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from consist.types import Claim, ClaimFeatures, Pair

SEVERITIES = ("low", "medium", "high")


@dataclass(frozen=True)
class RuleContext:
    """What a rule may look at besides the pair: every claim's features, by claim id,
    and the unit embedding of every phrase the selected rules declared (``vectors``,
    keyed by phrase text; see ``Rule.phrases``)."""

    features: Mapping[str, ClaimFeatures]
    entity_aliases: Mapping[str, str] = field(default_factory=dict)
    # Optional NLI label probabilities per pair, keyed by (left id, right id); only
    # filled when the user configured an NLI model (``nli_model``).
    nli: Mapping[tuple[str, str], Mapping[str, float]] = field(default_factory=dict)
    vectors: Mapping[str, np.ndarray] = field(default_factory=dict)

    def vector(self, phrase: str) -> np.ndarray | None:
        """The unit embedding of a declared phrase, or None when it was not embedded."""
        return self.vectors.get(phrase)

    def similarity(self, a: str, b: str) -> float | None:
        """Cosine similarity of two declared phrases (None if either has no vector)."""
        if a == b:
            return 1.0
        va, vb = self.vectors.get(a), self.vectors.get(b)
        if va is None or vb is None:
            return None
        return round(float(va @ vb), 3)

    def of(self, claim: Claim) -> ClaimFeatures:
        return self.features.get(claim.id) or ClaimFeatures(claim_id=claim.id)

    def nli_of(self, pair: Pair) -> Mapping[str, float] | None:
        return self.nli.get((pair.left.id, pair.right.id))


@dataclass(frozen=True)
class Violation:
    """One disagreement a rule found in a pair.

    ``key`` names what was compared (a measure, a predicate, an event) so that the same
    disagreement found through two pairs of claims can be told apart from another one.
    ``claims`` defaults to the pair's two claims. ``facts`` name why the disagreement
    has its severity (``same_time``, ``different_times``, ``cumulative``,
    ``incompatible``, ``revision``, ``hedged``, ``approximate``,
    ``group_vs_individual``, ``direction``); the severity policy maps them to a
    severity in one place, and ``severity`` is the rule's own fallback.
    """

    severity: str
    confidence: float
    summary: str
    explanation: str
    key: str = ""
    claims: tuple[Claim, ...] = ()
    # Why the disagreement has its severity, in the vocabulary of ``consist.severity``
    # (same_time, different_times, cumulative, incompatible, revision, hedged, ...).
    # ``consist.findings`` turns facts into the final severity; with no facts the
    # rule's own ``severity`` stands.
    facts: frozenset[str] = frozenset()


FACTS = frozenset(
    "same_time different_times cumulative incompatible revision hedged approximate "
    "group_vs_individual direction".split()
)


class Rule:
    """Base class. Subclasses set the class attributes and implement ``check``.

    The class docstring is the rule's user-facing documentation: a summary line, then
    the sections *What it flags*, *Why*, *Flagged* and *Not flagged*.
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    kind: ClassVar[str] = ""
    status: ClassVar[str] = "stable"
    default_options: ClassVar[Mapping[str, Any]] = {}
    # When set, claims of one event whose declared phrases (``phrases``) are at least
    # this similar (cosine of unit embeddings) are put in a candidate pair, found by a
    # bounded nearest-neighbour search over the phrase vectors: how two wordings of one
    # proposition meet when they share no word.
    phrase_pairing: ClassVar[float | None] = None

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        unknown = set(options or {}) - set(self.default_options)
        if unknown:
            raise ValueError(f"{self.code}: unknown option(s) {', '.join(sorted(unknown))}")
        self.options: dict[str, Any] = {**self.default_options, **(options or {})}

    def check(self, pair: Pair, ctx: RuleContext) -> Iterator[Violation]:
        raise NotImplementedError

    def candidate_keys(self, features: ClaimFeatures) -> frozenset[str]:
        """Keys that put two claims of one event in a candidate pair when both hold one
        (the same measure, the same dated event). A claim none of whose keys another
        party in its event holds is not paired for this rule at all.

        None by default; numeric rules that declare none get the quantity keys the
        pipeline used before rules declared their own (a bridge, see below).
        """
        if self.kind == "numeric":
            return legacy_quantity_keys(features)
        return frozenset()

    def phrases(self, features: ClaimFeatures) -> Iterable[str]:
        """Short phrases of a claim this rule wants embedded (``RuleContext.vectors``).

        Rules load no models: the pipeline embeds the union of all selected rules'
        phrases once, cached like claim embeddings. None by default.
        """
        return ()


def who(claim: Claim) -> str:
    """'NIS (via Associated Press, 2025-01-13)': who holds a claim, where and when.

    The outlet is named as the channel, not as a party, when a speaker is known.
    """
    date = claim.published or "undated"
    if claim.published and claim.published_approx:
        date = f"about {claim.published}"
    if claim.speaker and claim.outlet:
        return f"{claim.speaker} (via {claim.outlet}, {date})"
    return f"{claim.speaker or claim.outlet or claim.path} ({date})"


def later_of(a: Claim, b: Claim) -> Claim | None:
    """The claim whose document is dated later, or None when undated or the same date."""
    if not a.published or not b.published or a.published == b.published:
        return None
    return a if a.published > b.published else b


def legacy_quantity_keys(features: ClaimFeatures) -> frozenset[str]:
    """The keys the pipeline gave figures before rules declared theirs: the unit and
    measure family, or for a bare count the thing counted. A bridge for a numeric rule
    that does not override ``Rule.candidate_keys``."""
    from consist.tables import FAMILIES

    keys = set()
    for q in features.quantities:
        if q.measure:
            keys.add(f"q:{q.unit}:{FAMILIES.get(q.measure, q.measure)}")
        else:
            keys.add(f"u:{q.unit}:{q.entity if q.unit is None else ''}")
    return frozenset(keys)
