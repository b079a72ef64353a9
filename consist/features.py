"""Claims -> features: quantities, dates, events, stances and entities of each claim.

The extractors are pure functions of the claim text and its document date; spaCy is
only needed for stance and entities, and only sentences that can carry a stance are
parsed (the rest get none), which keeps parsing off the hot path for big archives.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from consist.extract.dates import extract_dates, extract_events
from consist.extract.quantities import extract_quantities
from consist.types import Claim, ClaimFeatures

if TYPE_CHECKING:
    from spacy.language import Language

# A sentence without any of these cannot assert or deny an event or state that the
# stance rule compares, so it need not be parsed.
_STANCE_CUES = re.compile(
    r"\b(?:not|no|never|none|nobody|neither|nor|deni\w*|refus\w*|declin\w*|reject\w*|"
    r"express\w*|want\w*|wish\w*|intend\w*|intent\w*|desire\w*|decid\w*|plan\w*|"
    r"request\w*|seek\w*|sought|appl\w*|asylum|defect\w*|accept\w*|agree\w*|confirm\w*|"
    r"is|are|was|were|has|have|had|will|would|could|may|might|can)\b|n't",
    re.I,
)


def compute_features(
    claims: Sequence[Claim],
    nlp: Language | None = None,
    *,
    batch_size: int = 64,
    progress: Callable[[Iterable[Claim]], Iterable[Claim]] | None = None,
) -> dict[str, ClaimFeatures]:
    """Features of every claim, by claim id. Without ``nlp`` no stances are extracted."""
    parsed = _parse(claims, nlp, batch_size) if nlp is not None else {}
    features: dict[str, ClaimFeatures] = {}
    for claim in progress(claims) if progress else claims:
        features[claim.id] = claim_features(claim, parsed.get(claim.id))
    return features


def claim_features(claim: Claim, doc: object | None = None) -> ClaimFeatures:
    """Features of one claim; ``doc`` is its spaCy parse, when it has one."""
    dates = extract_dates(claim.text, claim.published, approx=claim.published_approx)
    stances: tuple = ()
    entities: tuple[str, ...] = ()
    if doc is not None:
        from consist.extract.entities import extract_entities
        from consist.extract.stance import extract_stances

        stances = extract_stances(doc)  # type: ignore[arg-type]
        entities = extract_entities(doc)  # type: ignore[arg-type]
    return ClaimFeatures(
        claim_id=claim.id,
        quantities=extract_quantities(claim.text, dates=dates, published=claim.published),
        dates=dates,
        stances=stances,
        events=extract_events(claim.text, dates),
        entities=entities,
    )


def _parse(claims: Sequence[Claim], nlp: Language, batch_size: int) -> dict[str, object]:
    wanted = [c for c in claims if _STANCE_CUES.search(c.text)]
    docs = nlp.pipe((c.text for c in wanted), batch_size=batch_size)
    return {claim.id: doc for claim, doc in zip(wanted, docs, strict=True)}
