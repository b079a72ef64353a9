"""The Python API, and the only module that knows the order of the pipeline's stages.

documents -> claims -> features -> embeddings -> topic groups -> candidate pairs ->
rules -> findings -> report. ``check`` runs them all; ``compare`` runs the rules on
two texts treated as two sources (no embedding needed: the pair is given).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import numpy as np

from consist import __version__
from consist.claims import split_claims
from consist.config import Config, load_config
from consist.embed import (
    Embedder,
    SentenceTransformerEmbedder,
    embed_texts,
    set_offline,
)
from consist.errors import tag_stage
from consist.features import compute_features
from consist.findings import build_findings
from consist.group import TopicGrouper, topic_labels
from consist.ingest import read_documents
from consist.nli import Scorer, config_warnings, nli_scores
from consist.pair import CandidatePairer, comparable
from consist.rules import Rule, RuleContext, Violation, select_rules
from consist.store import Store
from consist.tables import FAMILIES, quantity_tables
from consist.types import (
    Claim,
    ClaimFeatures,
    Document,
    DocumentSummary,
    Finding,
    Group,
    InputError,
    Pair,
    Report,
)

if TYPE_CHECKING:
    from spacy.language import Language

T = TypeVar("T")
Progress = Callable[[Iterable[T], str], Iterable[T]]


class NoDocumentsError(ValueError):
    """Nothing readable was found in the paths given (a usage error: exit 2)."""


def _no_progress(items: Iterable[T], _label: str) -> Iterable[T]:
    return items


class Checker:
    """Holds loaded models and selected rules, so that many checks load them once."""

    def __init__(
        self,
        config: Config | None = None,
        *,
        progress: Progress[Any] | None = None,
        embedder: Embedder | None = None,
        nli_scorer: Scorer | None = None,
    ) -> None:
        self.config = config or Config()
        set_offline(self.config.allow_download)
        self.progress: Progress[Any] = progress or _no_progress
        self.rules: list[Rule] = select_rules(
            self.config.select, self.config.ignore, _rule_options(self.config)
        )
        self._embedder = embedder
        self._nlp: Language | None = None
        self._nli_scorer = nli_scorer
        self.setup_warnings = config_warnings(self.config.nli_model, [r.code for r in self.rules])

    # -- models, loaded on first need ------------------------------------------------
    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = SentenceTransformerEmbedder(self.config.model, self.config.batch_size)
        return self._embedder

    @property
    def _uses_nli(self) -> bool:
        return bool(self.config.nli_model) and any(r.code == "STN002" for r in self.rules)

    @property
    def nli_scorer(self) -> Scorer | None:
        """The NLI model, only when STN002 runs and ``nli_model`` names one (lazy)."""
        if self._nli_scorer is None and self._uses_nli:
            from consist.nli import NLIScorer

            self._nli_scorer = NLIScorer(
                str(self.config.nli_model),
                batch_size=min(self.config.batch_size, 16),
                allow_download=self.config.allow_download,
            )
        return self._nli_scorer

    @property
    def nlp(self) -> Language | None:
        if self._nlp is None and any(r.kind == "stance" for r in self.rules):
            from consist.nlp import load_spacy

            self._nlp = load_spacy(self.config.spacy_model)
        return self._nlp

    # -- check ---------------------------------------------------------------------
    def check(self, paths: Sequence[str | Path], *, stdin: IO[str] | None = None) -> Report:
        """The report for ``paths``. Stages that another engine runs elsewhere are the
        methods below and ``check_event``; everything else is shared."""
        self.timings_: dict[str, float] = {}
        clock = _Clock(self.timings_)
        documents, errors, claims, warnings = self._read_and_split(paths, stdin, clock)
        store = clock.lap("cache", lambda: _open_store(self.config, warnings))
        try:
            features = clock.lap("features", lambda: self._features(claims, store))
            events = clock.lap("events", lambda: _events(documents, self.config))
            checkable = _worth_pairing(claims, features, events)
            blocks = self._event_blocks(checkable, features, events, store, clock)
        finally:
            if store:
                store.close()
        pairs, topics, results = merge_blocks(blocks, checkable, self.rules)
        findings = clock.lap("rules", lambda: self._findings(pairs, features, topics, results))
        raw_findings = findings
        findings, suppress_warnings = _suppress(findings, claims, self.config)
        report = Report(
            documents=tuple(_summary(d, claims) for d in documents),
            findings=findings,
            errors=tuple(sorted(errors, key=lambda e: (e.path, e.message))),
            warnings=self.setup_warnings
            + tuple(warnings)
            + suppress_warnings
            + _undated(documents),
            tables=clock.lap("tables", lambda: quantity_tables(claims, features)),
            meta={
                **self._meta(len(claims), len(checkable), len(pairs)),
                "events": str(len(set(events.values()))),
                **suppression_counts(raw_findings, findings, self.config),
            },
        )
        return report

    # -- stages an engine may run elsewhere (``consist.engine``): same inputs, same outputs
    def _read_and_split(
        self, paths: Sequence[str | Path], stdin: IO[str] | None, clock: _Clock
    ) -> tuple[list[Document], list[InputError], list[Claim], list[str]]:
        """Documents sorted by path, errors, claims in document order, and warnings."""
        documents, errors = clock.lap(
            "read", lambda: read_documents(paths, self.config, stdin=stdin)
        )
        if not documents:
            raise no_documents(paths, errors)
        claims, warnings = clock.lap("claims", lambda: self._claims(documents))
        return documents, errors, claims, warnings

    def _features(self, claims: Sequence[Claim], store: Store | None) -> dict[str, ClaimFeatures]:
        return compute_features(
            claims,
            (lambda: self.nlp) if _wants_parse(self.rules) else None,
            batch_size=self.config.batch_size,
            store=store,
            parser=_parser_key(self.config.spacy_model),
            progress=lambda items: self.progress(items, "Reading claims"),
        )

    def _event_blocks(
        self,
        claims: Sequence[Claim],
        features: dict[str, ClaimFeatures],
        events: dict[str, int],
        store: Store | None,
        clock: _Clock,
    ) -> list[EventBlock]:
        """Embed the claims worth pairing, then group, pair (and check) event by event."""
        if len(claims) < 2:
            return []
        texts = [c.text for c in claims]
        vectors = clock.lap(
            "embed", lambda: embed_texts(texts, self.embedder, store, self.config.batch_size)
        )
        rows = {c.id: i for i, c in enumerate(claims)}
        rules = None if self._uses_nli else self.rules

        def run() -> list[EventBlock]:
            return [
                check_event(
                    block, vectors[[rows[c.id] for c in block]], features, self.config, rules
                )
                for block in self.progress(event_claims(claims, events), "Comparing claims")
            ]

        blocks = clock.lap("pair", run)
        return blocks

    def _findings(
        self,
        pairs: Sequence[Pair],
        features: dict[str, ClaimFeatures],
        topics: dict[int, str],
        results: list[tuple[Rule, Pair, Violation]] | None,
    ) -> tuple[Finding, ...]:
        """Findings from the rules' results; with an NLI model, the rules run here, after
        scoring every pair in one batch run (as ``compare`` does)."""
        if results is None:
            return self._run_rules(pairs, features, topics)
        return build_findings(results, topics, features)

    def _claims(self, documents: Sequence[Document]) -> tuple[list[Claim], list[str]]:
        return split_documents(documents, self.config)

    def _run_rules(
        self,
        pairs: Sequence[Pair],
        features: dict[str, ClaimFeatures],
        topics: dict[int, str],
    ) -> tuple[Finding, ...]:
        scorer = self.nli_scorer
        nli = (
            nli_scores(
                pairs,
                scorer,
                progress=lambda c: self.progress(c, "Scoring pairs (NLI)"),
            )
            if scorer is not None and pairs
            else {}
        )
        ctx = RuleContext(features=features, nli=nli)
        results: list[tuple[Rule, Pair, Violation]] = []
        for pair in self.progress(pairs, "Comparing claims"):
            for rule in self.rules:
                results.extend((rule, pair, v) for v in rule.check(pair, ctx))
        return build_findings(results, topics, features)

    def _meta(self, claims: int, checkable: int, pairs: int) -> dict[str, str]:
        return {
            "version": __version__,
            "model": self.config.model,
            **({"nli_model": str(self.config.nli_model)} if self._uses_nli else {}),
            "rules": ",".join(r.code for r in self.rules),
            "claims": str(claims),
            "checkable_claims": str(checkable),
            "candidate_pairs": str(pairs),
            "grouping": (
                f"distance_threshold={self.config.distance_threshold}, "
                f"n_neighbors={self.config.n_neighbors}, "
                f"min_similarity={self.config.min_similarity}"
            ),
        }

    # -- compare -------------------------------------------------------------------
    def compare(self, text_a: str, text_b: str) -> tuple[Finding, ...]:
        """Findings between two texts, treated as two sources on the same (unknown) date."""
        return next(iter(self.compare_many([(text_a, text_b)])))

    def compare_many(self, rows: Iterable[tuple[str, str]]) -> Iterator[tuple[Finding, ...]]:
        ctx_features: dict[str, ClaimFeatures]
        for text_a, text_b in rows:
            left = _text_claims(text_a, "A")
            right = _text_claims(text_b, "B")
            ctx_features = compute_features([*left, *right], self.nlp, parse_all=True)
            pairs = [Pair(a, b, 0, 1.0) for a in left for b in right if comparable(a, b)]
            yield self._run_rules(pairs, ctx_features, {0: "pair"})


def _rule_options(config: Config) -> dict[str, dict[str, Any]]:
    """Per-rule options, with the NLI model's name given to STN002 for its explanations."""
    options = {code: dict(values) for code, values in config.rules.items()}
    if config.nli_model:
        options["STN002"] = {"model": config.nli_model, **options.get("STN002", {})}
    return options


def _text_claims(text: str, name: str) -> tuple[Claim, ...]:
    """The claims of one side of ``compare``: every sentence, however short."""
    from consist.safe_text import normalise_document_text

    text = normalise_document_text(text)  # as the readers do for files
    lines = tuple(range(1, text.count("\n") + 2))
    document = Document(id=name, path=name, text=text, lines=lines, source=f"text {name}")
    return split_claims(document, min_words=1)


def blocking_keys(features: ClaimFeatures) -> frozenset[str]:
    """Feature keys that put two claims of one topic group in a candidate pair."""
    keys = set()
    for q in features.quantities:
        if q.measure:
            keys.add("q:" + FAMILIES.get(q.measure, q.measure))
    keys.update("s:" + s.predicate for s in features.stances)
    keys.update("e:" + key for key, _ in features.events)
    return frozenset(keys)


def _checkable(features: ClaimFeatures) -> bool:
    return bool(features.quantities or features.stances or features.events)


def _summary(document: Document, claims: Sequence[Claim]) -> DocumentSummary:
    return DocumentSummary(
        path=document.path,
        title=document.title,
        source=document.source,
        published=document.published,
        claims=sum(1 for c in claims if c.doc_id == document.id),
        published_approx=document.published_approx,
    )


def _undated(documents: Sequence[Document]) -> tuple[str, ...]:
    return tuple(
        f"{d.path}: no published date; relative dates in it are not resolved"
        for d in documents
        if not d.published
    )


def _suppress(
    findings: tuple[Finding, ...], claims: Sequence[Claim], config: Config
) -> tuple[tuple[Finding, ...], tuple[str, ...]]:
    from consist.suppress import apply_suppressions

    ignores = {(c.path, c.span.line): c.ignores for c in claims if c.ignores}
    kept, warnings = apply_suppressions(findings, ignores, config.suppress)
    return tuple(kept), tuple(warnings)


def suppression_counts(
    findings: Sequence[Finding], kept: Sequence[Finding], config: Config
) -> dict[str, str]:
    """How many findings a ``[[tool.consist.suppress]]`` id or an inline ignore dropped."""
    ids = {str(e.get("id", "")).strip().lower() for e in config.suppress} - {""}
    left = {f.id for f in kept}
    dropped = [f for f in findings if f.id not in left]
    by_id = sum(1 for f in dropped if f.id.lower() in ids)
    return {"suppressed": str(by_id), "ignored": str(len(dropped) - by_id)}


def check(
    paths: Sequence[str | Path] | str | Path,
    config: Config | None = None,
    *,
    progress: Progress[Any] | None = None,
) -> Report:
    """Check documents under ``paths`` and return the report (the CLI's ``check``)."""
    if isinstance(paths, str | Path):
        paths = [paths]
    return Checker(config or load_config(), progress=progress).check(paths)


def compare(text_a: str, text_b: str, config: Config | None = None) -> tuple[Finding, ...]:
    """Findings between two texts (the CLI's ``compare``)."""
    return Checker(config or Config()).compare(text_a, text_b)


__all__ = ["Checker", "NoDocumentsError", "check", "compare"]


# -- scale: stage timings, the shared cache, event blocks ------------------------------------
class _Clock:
    """Adds each stage's wall time to ``timings`` (``Checker.timings_``); not in reports."""

    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings

    def lap(self, stage: str, work: Callable[[], T]) -> T:
        start = time.perf_counter()
        try:
            return work()
        except BaseException as exc:
            tag_stage(exc, stage)  # the CLI names the failed stage (consist.errors)
            raise
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - start


def _open_store(config: Config, warnings: list[str] | None = None) -> Store | None:
    """The cache, or None (with one warning) when it cannot be opened: never a failure."""
    from consist.cache_open import open_store

    return open_store(config, warnings if warnings is not None else [])


def _wants_parse(rules: Sequence[Rule]) -> bool:
    return any(r.kind == "stance" for r in rules)


def _parser_key(names: Sequence[str]) -> str:
    """The spaCy pipeline a run would load, named without loading it (for cache keys)."""
    from importlib import metadata

    for name in names:
        for dist in (name, name.replace("_", "-")):
            try:
                return f"{name}=={metadata.version(dist)};spacy=={metadata.version('spacy')}"
            except metadata.PackageNotFoundError:
                continue
    return "spacy:" + ",".join(names)


def _events(documents: Sequence[Document], config: Config) -> dict[str, int]:
    """Event label per document id; every document in one event when blocking is off."""
    from consist.events import EventGrouper, group_documents

    if not config.events:
        return {d.id: 0 for d in documents}
    grouper = EventGrouper(
        min_similarity=config.event_min_similarity,
        window_days=config.event_window_days,
    )
    return group_documents(documents, grouper)


def split_documents(documents: Sequence[Document], config: Config) -> tuple[list[Claim], list[str]]:
    """Claims of ``documents`` in order, cut at ``max_claims_per_document`` (warned)."""
    limit = config.max_claims_per_document
    claims: list[Claim] = []
    warnings: list[str] = []
    for document in documents:
        found = split_claims(document, limit + 1)
        if len(found) > limit:
            warnings.append(
                f"{document.path}: more than {limit} claims; only the first {limit} were "
                "checked (max_claims_per_document)"
            )
        claims.extend(found[:limit])
    return claims, warnings


def no_documents(paths: Sequence[str | Path], errors: Sequence[InputError]) -> NoDocumentsError:
    detail = f" ({len(errors)} file(s) could not be read)" if errors else ""
    return NoDocumentsError(f"no readable document in {', '.join(map(str, paths))}{detail}")


@dataclasses.dataclass(frozen=True)
class EventBlock:
    """What one event's claims give: topic groups (claim ids, in group order), candidate
    pairs (``group_id`` counted inside the block) and, unless the rules run after NLI
    scoring, each rule's violations as (index into the rules, pair, violation)."""

    groups: tuple[tuple[str, ...], ...]
    pairs: tuple[Pair, ...]
    results: tuple[tuple[int, Pair, Violation], ...] | None


def event_claims(claims: Sequence[Claim], events: Mapping[str, int]) -> list[list[Claim]]:
    """Claims per event, events in label order and claims in their given order."""
    blocks: dict[int, list[Claim]] = {}
    for claim in claims:
        blocks.setdefault(events.get(claim.doc_id, 0), []).append(claim)
    return [blocks[label] for label in sorted(blocks)]


def check_event(
    claims: Sequence[Claim],
    vectors: np.ndarray,
    features: Mapping[str, ClaimFeatures],
    config: Config,
    rules: Sequence[Rule] | None,
) -> EventBlock:
    """Topic groups, candidate pairs and rule violations of ONE event's claims (rows of
    ``vectors``). Every engine calls this, so an event gives the same block wherever it
    runs; ``merge_blocks`` puts the blocks together in event order."""
    grouper = TopicGrouper(config.distance_threshold, config.n_neighbors)
    ids = _topic_groups(claims, vectors, grouper)
    groups = [Group(k, "", members) for k, members in enumerate(ids)]
    pairer = CandidatePairer(config.n_neighbors, config.min_similarity)
    keys = {c.id: blocking_keys(features[c.id]) for c in claims}
    pairs = pairer.pairs(claims, vectors, groups, keys)
    results = None
    if rules is not None:
        ctx = RuleContext(features=features)
        results = tuple(
            (k, pair, v)
            for pair in pairs
            for k, rule in enumerate(rules)
            for v in rule.check(pair, ctx)
        )
    return EventBlock(tuple(ids), tuple(pairs), results)


def merge_blocks(
    blocks: Iterable[EventBlock], claims: Sequence[Claim], rules: Sequence[Rule]
) -> tuple[list[Pair], dict[int, str], list[tuple[Rule, Pair, Violation]] | None]:
    """Pairs (sorted by claim ids), topic labels by group id and the rules' results of
    event blocks given in event order: group ids run on from block to block."""
    by_id = {c.id: c for c in claims}
    texts: list[list[str]] = []
    pairs: list[Pair] = []
    results: list[tuple[Rule, Pair, Violation]] | None = []
    for block in blocks:
        offset = len(texts)
        texts.extend([by_id[cid].text for cid in group] for group in block.groups)
        moved = {
            (p.left.id, p.right.id): dataclasses.replace(p, group_id=p.group_id + offset)
            for p in block.pairs
        }
        pairs.extend(moved.values())
        if block.results is None or results is None:
            results = None
            continue
        results.extend((rules[k], moved[(p.left.id, p.right.id)], v) for k, p, v in block.results)
    topics = dict(enumerate(topic_labels(texts))) if texts else {}
    pairs.sort(key=lambda p: (p.left.id, p.right.id))
    return pairs, topics, results


def _topic_groups(
    claims: Sequence[Claim], vectors: np.ndarray, grouper: TopicGrouper
) -> list[tuple[str, ...]]:
    """Claim ids per topic group of one event's claims, groups in label order."""
    labels = grouper.fit_predict(vectors)
    members: dict[int, list[str]] = {}
    for claim, label in zip(claims, labels, strict=True):
        members.setdefault(int(label), []).append(claim.id)
    return [tuple(ids) for _, ids in sorted(members.items())]


def _event_groups(
    claims: Sequence[Claim],
    vectors: np.ndarray,
    events: dict[str, int],
    grouper: TopicGrouper,
) -> list[Group]:
    """Topic groups inside each event: claims of different events never share a group."""
    rows = {c.id: i for i, c in enumerate(claims)}
    groups: list[Group] = []
    for block in event_claims(claims, events):
        for ids in _topic_groups(block, vectors[[rows[c.id] for c in block]], grouper):
            groups.append(Group(len(groups), "", ids))
    return groups


def _worth_pairing(
    claims: Sequence[Claim], features: dict[str, ClaimFeatures], events: dict[str, int]
) -> list[Claim]:
    """Checkable claims that some rule could flag: a figure or dated event that another
    party in the same event also gives, or a stance with a possible opposite there.
    The rest need no embedding and no grouping."""
    from consist.features import conflict_candidates
    from consist.pair import partnered

    keys = {c.id: _partner_keys(features[c.id]) for c in claims}
    ok = partnered(claims, keys, events) | conflict_candidates(claims, features, events)
    return [c for c in claims if c.id in ok and _checkable(features[c.id])]


def _partner_keys(features: ClaimFeatures) -> frozenset[str]:
    """What a figure or a dated event must share with another claim's to be compared:
    the unit and measure family (or, for a bare count, the thing counted), the event."""
    keys = set()
    for q in features.quantities:
        if q.measure:
            keys.add(f"q:{q.unit}:{FAMILIES.get(q.measure, q.measure)}")
        else:
            keys.add(f"u:{q.unit}:{q.entity if q.unit is None else ''}")
    keys.update("e:" + key for key, _ in features.events)
    return frozenset(keys)
