"""STN003: two sources give different values for one slot of one event (who, where, what)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from consist.extract.stance import parse_subject
from consist.extract.stance_data import single_value_slots
from consist.rules.base import Rule, RuleContext, Violation, later_of, who
from consist.rules.stn001_opposite_stance import same_subject
from consist.types import ClaimFeatures, Pair, Stance

_ROLE_NAMES = {
    "subj": "who",
    "obj": "what",
    "patient": "what",
    "in": "where",
    "at": "where",
    "near": "where",
    "to": "to whom or where",
    "from": "from whom or where",
    "for": "for whom",
    "against": "against whom",
    "with": "with whom",
    "on": "on what",
    "into": "into what",
}
_ARTICLES = frozenset("a an the".split())


@dataclass(frozen=True, slots=True)
class _Clash:
    a: Stance
    b: Stance
    role: str
    value_a: str
    value_b: str
    similarity: float | None


class ValueConflict(Rule):
    """Two sources give different values for one slot of one event: who, where, what.

    What it flags:
        Two unhedged assertions of one event whose predicate takes a single value per
        slot (who won a race, where something happened or was held, who acquired a
        company, where someone was born or died: the table of heads and their
        single-value slots is package data, ``single_value_slots`` in
        ``consist/data/stance/lexicon.json``), with the same
        head and every shared slot equal but one, whose values differ and neither
        contains the other: "Smith won the race" / "The race was won by Jones", "The
        fire started in the kitchen" / "The fire started in the garage". Severity is
        high for two sources on one date, medium when the statements are dated
        differently (a later report may correct an earlier one), low for a party
        revising itself.

    Why:
        A different winner, place or buyer is a factual conflict as plain as a wrong
        figure, and it carries no number or negation for the other rules to see.

    Flagged:
        "Smith won the race on Sunday." / "The race was won by Jones."
        "The summit will be held in Geneva." / "The summit was held in Vienna."
        "Acme acquired the startup." / "Globex acquired the startup."

    Not flagged:
        Predicates that take many values ("Smith visited Paris" / "Smith visited
        London"); a slot that takes many values ("Smith won the race" / "Smith won
        the cup"); different subjects for a non-subject slot ("the fire started in the
        kitchen" / "the blaze at the school started in the garage"); one value within
        the other ("in Geneva" / "in central Geneva"); a denial or a hedge on either
        side ("may be held in Vienna"); the same value in other words' case.
    """

    code: ClassVar[str] = "STN003"
    name: ClassVar[str] = "value-conflict"
    kind: ClassVar[str] = "stance"
    status: ClassVar[str] = "stable"
    default_options: ClassVar[Mapping[str, Any]] = {
        # At or above this hedge a stance is tentative and never flagged here.
        "hedge_threshold": 0.4,
    }

    def candidate_keys(self, features: ClaimFeatures) -> frozenset[str]:
        """One key per single-value event head: claims asserting it are compared."""
        heads = single_value_slots()
        return frozenset("v:" + _head(s) for s in features.stances if s.slots and _head(s) in heads)

    def phrases(self, features: ClaimFeatures) -> Iterable[str]:
        return ()

    def check(self, pair: Pair, ctx: RuleContext) -> Iterator[Violation]:
        best: _Clash | None = None
        for a in ctx.of(pair.left).stances:
            for b in ctx.of(pair.right).stances:
                clash = self._clash(a, b, ctx)
                if clash is not None and best is None:
                    best = clash
        if best is not None:
            yield self._violation(pair, best)

    def _clash(self, a: Stance, b: Stance, ctx: RuleContext) -> _Clash | None:
        threshold = float(self.options["hedge_threshold"])
        if a.polarity != 1 or b.polarity != 1 or max(a.hedge, b.hedge) >= threshold:
            return None
        if (a.scope == "some" or b.scope == "some") and not (
            parse_subject(a.subject)[1] and parse_subject(b.subject)[1]
        ):
            return None  # "some runners started in the park": other runners elsewhere
        head = _head(a)
        single = single_value_slots().get(head, frozenset())
        if head != _head(b) or not single:
            return None
        sa, sb = _slots(a.slots), _slots(b.slots)
        shared = set(sa) & set(sb)
        differing = [r for r in sorted(shared) if _norm(sa[r]) != _norm(sb[r])]
        if len(differing) != 1 or len(shared) < 2:
            return None
        role = differing[0]
        if role not in single:
            return None  # "won the race" / "won the cup": one can win both
        if role != "subj" and not same_subject(
            a.subject, b.subject, ctx.entity_aliases, scopes=(a.scope, b.scope)
        ):
            return None
        va, vb = sa[role], sb[role]
        if _compatible(va, vb) or _is_name(va) != _is_name(vb):
            return None
        return _Clash(a, b, role, va, vb, ctx.similarity(a.proposition, b.proposition))

    def _violation(self, pair: Pair, c: _Clash) -> Violation:
        later = later_of(pair.left, pair.right)
        revision = pair.left.party == pair.right.party and later is not None
        facts = {"incompatible"}
        if later is not None:
            facts.add("different_times")
        if revision:
            facts.add("revision")
        severity = "low" if revision else "medium" if later is not None else "high"
        slot = _ROLE_NAMES.get(c.role, c.role)
        explanation = (
            f"{who(pair.left)} says “{c.a.cue}”; {who(pair.right)} says “{c.b.cue}”. "
            f"They name different values ({slot}: “{c.value_a}” against “{c.value_b}”) "
            "for one event that has only one."
        )
        if later is not None:
            explanation += (
                f" The statements are dated differently: {later.party}'s came later and "
                "may correct the other."
            )
        if revision:
            explanation += f" Both are {pair.left.party}'s own statements: a revision."
        return Violation(
            severity=severity,
            confidence=0.7 if c.role != "subj" else 0.65,
            summary=(
                f"{pair.left.party} and {pair.right.party} disagree on {slot}: "
                f"“{c.value_a}” vs “{c.value_b}”"
            ),
            explanation=explanation,
            key=f"{_head(c.a)}:{c.role}",
            facts=frozenset(facts),
        )


def _head(stance: Stance) -> str:
    return stance.predicate.split(" ", 1)[0]


def _slots(text: str) -> dict[str, str]:
    out = {}
    for part in text.split(";"):
        role, _, value = part.partition("=")
        if role and value:
            out[role] = value
    return out


def _norm(value: str) -> str:
    return " ".join(w for w in value.lower().replace("’", "'").split() if w not in _ARTICLES)


def _compatible(a: str, b: str) -> bool:
    """One value within the other ("Geneva" / "central Geneva", "Smith" / "John Smith")."""
    wa, wb = set(_norm(a).split()), set(_norm(b).split())
    return not wa or not wb or wa <= wb or wb <= wa


def _is_name(value: str) -> bool:
    """A proper name ("Hartwell Foods", "cooperative Nordvale"), not a common noun."""
    return any(w[:1].isupper() for w in value.split())


__all__ = ["ValueConflict"]
