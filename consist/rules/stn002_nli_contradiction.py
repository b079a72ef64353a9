"""STN002: an NLI model judges two claims contradictory (preview, needs ``nli_model``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from consist.rules.base import Rule, RuleContext, Violation, later_of, who
from consist.types import Pair


class NLIContradiction(Rule):
    """A natural language inference model judges two claims contradictory.

    What it flags:
        A candidate pair whose NLI probabilities (from the cross-encoder named by
        ``nli_model``, the pair read both ways and the firmer direction kept) give
        contradiction at least ``threshold`` (0.9) and above entailment. Severity is low
        below ``medium_at`` (0.97) and medium from there; it is never high, because the
        judgement is a model's and comes with no reason a reader can check. Confidence
        is the model's probability. A preview rule: it runs only when selected by its
        full code (``select = ["STN002"]``) and when an NLI model is configured;
        without one it flags nothing.

    Why:
        The other rules read numbers, dates and stated stances; an NLI model also
        catches contradictions worded in ways no pattern covers ("the plant is open" /
        "the plant shut its doors for good"). It is a signal to review, not proof.

    Flagged:
        "The plant is open." / "The plant is closed." (model: contradiction 0.96)
        "The talks collapsed on Monday." / "The talks ended in an agreement on Monday."
        (model: contradiction 0.98, medium)

    Not flagged:
        Pairs the model finds below the threshold (0.9), or where entailment is at
        least as likely as contradiction; any pair when no NLI model is configured or it
        scored no probabilities for the pair (consist then relies on its other rules).
    """

    code: ClassVar[str] = "STN002"
    name: ClassVar[str] = "nli-contradiction"
    kind: ClassVar[str] = "stance"
    status: ClassVar[str] = "preview"
    default_options: ClassVar[Mapping[str, Any]] = {
        # NLI models trained on MNLI put many merely unrelated or loosely worded pairs at
        # 0.6-0.8 contradiction; 0.9 keeps the flags to the model's firm judgements,
        # since a false alarm costs a reader more than a miss.
        "threshold": 0.9,
        # From here the model is near-certain; still only medium (see the docstring).
        "medium_at": 0.97,
        # The model's name, for the explanation; consist fills it in from nli_model.
        "model": "",
    }

    def check(self, pair: Pair, ctx: RuleContext) -> Iterator[Violation]:
        probabilities = ctx.nli_of(pair)
        if not probabilities:
            return
        contradiction = float(probabilities.get("contradiction", 0.0))
        entailment = float(probabilities.get("entailment", 0.0))
        if contradiction < float(self.options["threshold"]) or contradiction <= entailment:
            return
        yield Violation(
            severity="medium" if contradiction >= float(self.options["medium_at"]) else "low",
            # A model is never certain; 0.99 keeps "1.0" out of reports.
            confidence=min(0.99, round(contradiction, 2)),
            summary=(
                f"{pair.left.party} and {pair.right.party} contradict each other "
                "(NLI model judgement)"
            ),
            explanation=self._explanation(pair, contradiction),
            key="nli:" + " / ".join(sorted(_normalised(c.text) for c in (pair.left, pair.right))),
        )

    def _explanation(self, pair: Pair, contradiction: float) -> str:
        model = str(self.options["model"] or "").strip()
        named = f"the NLI model {model}" if model else "the NLI model"
        text = (
            f"Statements by {who(pair.left)} and {who(pair.right)}: {named} judges these "
            f"contradictory with probability {contradiction:.2f}. This is the model's "
            "judgement, not a rule's: read both claims before relying on it."
        )
        later = later_of(pair.left, pair.right)
        if later is not None:
            text += f" {later.party}'s statement came later and may reflect a change."
        return text


def _normalised(text: str) -> str:
    return " ".join(text.casefold().split())
