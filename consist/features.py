"""Claims -> features: quantities, dates, events, stances and entities of each claim.

The extractors are pure functions of the claim text and its document date, so their
output is cached in the store under the hash of (extractor version, parser, date, text):
a re-run reads back every unchanged claim and parses only what is new. spaCy is needed
for stance and entities, and every sentence is parsed (in length-sorted batches, and
only once: parses feed the cache); boilerplate (copyright lines, sign-up prompts,
captions repeated by an outlet) gets no features at all, so it is neither parsed nor
embedded.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields, is_dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from consist.extract.dates import extract_dates, extract_events
from consist.extract.quantities import extract_quantities
from consist.types import Claim, ClaimFeatures, DateMention, Quantity, Stance, TimeScope

if TYPE_CHECKING:
    from spacy.language import Language

    from consist.store import Store

# Page furniture that states nothing about the world: notices, prompts, credits,
# counters. Matched case-insensitively anywhere in a sentence; each pattern is specific
# enough that a news sentence about events does not contain it.
_BOILERPLATE = re.compile(
    r"all rights reserved|\bcopyright\b|©|may not be (?:re)?published|"
    r"\b(?:sign|log) (?:up|in)\b|\bsubscri(?:be|ption)\b|\bnewsletters?\b|"
    r"\bnotifications?\b|click here|enable javascript|\bcookies?\b|\bbrowser\b|"
    r"read or share this story|share this (?:story|article)|verification (?:email|message)|"
    r"\bterms of (?:service|use)\b|privacy policy|\bcomments? (?:are|is) closed|"
    r"^\s*\d+\s+comments?\b|\bview comments\b|\bphoto(?:s|graph)? (?:by|courtesy)\b|"
    r"\(photo:|\bAP Photo\b|\bfile photo\b|^\s*(?:posted|updated|published):|"
    r"\bimage \d+ of \d+|\bcaption close\b|\bphoto: |"
    r"\b(?:thank you for|thanks for) (?:registering|reading|signing)",
    re.I,
)
# A sentence repeated word for word in this many documents of one outlet is that
# outlet's furniture (a standing caption, a notice), not reporting about one event.
_OUTLET_REPEATS = 3

# Bump when what the features mean changes in a way the source hash below cannot see.
FEATURES_VERSION = "3"


def compute_features(
    claims: Sequence[Claim],
    nlp: Language | Callable[[], Language | None] | None = None,
    *,
    batch_size: int = 64,
    progress: Callable[[Iterable[Claim]], Iterable[Claim]] | None = None,
    store: Store | None = None,
    parser: str | None = None,
    parse_all: bool = False,
) -> dict[str, ClaimFeatures]:
    """Features of every claim, by claim id. Without ``nlp`` no stances are extracted.

    ``nlp`` may be a zero-argument callable that loads the pipeline: it is called only
    when some claim is not in ``store``, so a fully cached run never loads spaCy.
    ``parser`` names the pipeline in cache keys (by default read from ``nlp.meta``).
    """
    skip = boilerplate_ids(claims)
    name = _parser_name(nlp, parser) + ("+all" if parse_all and nlp is not None else "")
    keys = {c.id: _cache_key(c, name) for c in claims}
    cached = _load(store, [keys[c.id] for c in claims if c.id not in skip])
    # One computation per key: claims with the same text and date share their features,
    # so a cold run stores exactly what a warm run will read back.
    todo: dict[str, Claim] = {}
    for claim in claims:
        if claim.id not in skip and keys[claim.id] not in cached:
            todo.setdefault(keys[claim.id], claim)
    language = _resolve(nlp) if todo else None
    parsed = (
        _parse(list(todo.values()), language, batch_size, parse_all) if language is not None else {}
    )
    fresh: dict[str, ClaimFeatures] = {}
    for key, claim in todo.items():
        fresh[key] = claim_features(claim, parsed.get(claim.id))
        if store is not None:
            # What a warm run will read back, so cold and warm reports are identical.
            fresh[key] = decode_features(encode_features(fresh[key]))
    known = {**cached, **fresh}
    features: dict[str, ClaimFeatures] = {}
    for claim in progress(claims) if progress else claims:
        if claim.id in skip:
            features[claim.id] = ClaimFeatures(claim_id=claim.id)
        else:
            features[claim.id] = replace(known[keys[claim.id]], claim_id=claim.id)
    if store is not None and fresh:
        store.put_blobs(sorted((k, encode_features(v)) for k, v in fresh.items()))
    return features


def claim_features(claim: Claim, doc: object | None = None) -> ClaimFeatures:
    """Features of one claim; ``doc`` is its spaCy parse, when it has one."""
    dates = extract_dates(claim.text, claim.published, approx=claim.published_approx)
    stances: tuple[Stance, ...] = ()
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


def boilerplate_ids(claims: Sequence[Claim]) -> frozenset[str]:
    """Claims that are page furniture: matched by pattern, or repeated by one outlet."""
    docs_per_text: dict[tuple[str | None, str], set[str]] = {}
    for claim in claims:
        docs_per_text.setdefault((claim.outlet, claim.text), set()).add(claim.doc_id)
    return frozenset(
        c.id
        for c in claims
        if _BOILERPLATE.search(c.text)
        or (c.outlet and len(docs_per_text[(c.outlet, c.text)]) >= _OUTLET_REPEATS)
    )


def _parse(
    claims: Sequence[Claim], nlp: Language, batch_size: int, parse_all: bool = False
) -> dict[str, object]:
    """Parse every claim: any sentence may assert or deny what another denies or
    asserts ("The minister resigned" has no cue word to find it by). ``parse_all`` is
    kept for the cache key of ``compare``."""
    del parse_all
    wanted = list(claims)
    # Similar lengths in one batch waste less padding and attention work.
    wanted.sort(key=lambda c: (len(c.text), c.id))
    docs = nlp.pipe(
        (c.text for c in wanted), batch_size=batch_size, n_process=_processes(len(wanted))
    )
    return {claim.id: doc for claim, doc in zip(wanted, docs, strict=True)}


# Below this many sentences a second parsing process costs more to start than it saves.
_PARALLEL_PARSE_MIN = 400


def _processes(n_texts: int) -> int:
    """Parsing processes: one per core (at most 4) for big inputs; the parses are the
    same whichever process makes them."""
    if n_texts < _PARALLEL_PARSE_MIN:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


# -- cache keys ------------------------------------------------------------------------
def _resolve(nlp: Language | Callable[[], Language | None] | None) -> Language | None:
    """The pipeline itself, loading it now if ``nlp`` is a loader."""
    if nlp is None or _is_language(nlp):
        return nlp  # type: ignore[return-value]
    return nlp()  # type: ignore[call-arg,return-value]


def _is_language(nlp: object) -> bool:
    return hasattr(nlp, "pipe") and hasattr(nlp, "meta")


def _parser_name(nlp: object, parser: str | None) -> str:
    if nlp is None:
        return ""
    if parser is not None:
        return parser
    if _is_language(nlp):
        meta = nlp.meta  # type: ignore[attr-defined]
        return f"{meta.get('lang')}_{meta.get('name')}=={meta.get('version')}"
    return "spacy"


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A digest of the extractors' source: editing an extractor invalidates its cache."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(FEATURES_VERSION.encode())
    for path in sorted([here / "features.py", *(here / "extract").glob("*.py")]):
        try:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        except OSError:
            digest.update(path.name.encode())
    return digest.hexdigest()[:16]


def _cache_key(claim: Claim, parser: str) -> str:
    from consist.extract.quantity_lexicon import digest  # packs change the features

    parts = (
        extractor_version() + digest(),
        parser,
        claim.published or "",
        "~" if claim.published_approx else "",
        claim.text,
    )
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def _load(store: Store | None, keys: list[str]) -> dict[str, ClaimFeatures]:
    if store is None or not keys:
        return {}
    out: dict[str, ClaimFeatures] = {}
    from consist.cache_check import decode_checked

    for key, blob in store.get_blobs(keys).items():
        value = decode_checked(blob)  # type, shape and range checked; None: recompute
        if value is not None:
            out[key] = value
    return out


# -- serialisation: JSON with an allow-list of types, never pickle ----------------------
_TYPES: dict[str, type] = {
    t.__name__: t for t in (Quantity, TimeScope, DateMention, Stance, ClaimFeatures)
}


def _encode(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        data = {f.name: _encode(getattr(value, f.name)) for f in fields(value)}
        data["@"] = type(value).__name__
        return data
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    if isinstance(value, float) and math.isinf(value):
        return {"inf": 1 if value > 0 else -1}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    if isinstance(value, dict):
        if "inf" in value and len(value) == 1:
            return math.inf if value["inf"] > 0 else -math.inf
        cls = _TYPES[value.pop("@")]
        return cls(**{k: _decode(v) for k, v in value.items()})
    return value


def encode_features(features: ClaimFeatures) -> bytes:
    data = _encode(features)
    data.pop("claim_id")
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode()


def decode_features(blob: bytes, claim_id: str = "") -> ClaimFeatures:
    """Features read back from ``encode_features``; raises ValueError when malformed."""
    data = json.loads(blob)
    if not isinstance(data, dict) or data.get("@") != "ClaimFeatures":
        raise ValueError("not a features record")
    value = _decode({**data, "claim_id": claim_id})
    if not isinstance(value, ClaimFeatures):
        raise ValueError("not a features record")
    return value


__all__ = [
    "FEATURES_VERSION",
    "boilerplate_ids",
    "claim_features",
    "compute_features",
    "decode_features",
    "encode_features",
    "extractor_version",
]
