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
from consist.extract.quantity_lexicon import set_packs
from consist.features import compute_features
from consist.findings import build_findings
from consist.group import TopicGrouper, topic_labels
from consist.ingest import read_documents
from consist.nli import Scorer, config_warnings, nli_scores
from consist.pair import CandidatePairer, comparable, partnered, phrase_neighbours
from consist.rules import Rule, RuleContext, Violation, select_rules
from consist.store import Store
from consist.tables import quantity_tables
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
        # Optional quantity lexicon packs (NUM001 measures, units): loaded once per process.
        set_packs(self.config.quantity_packs)
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
            vectors = clock.lap("phrases", lambda: self._phrase_vectors(claims, features, store))
            keys = {c.id: self._candidate_keys(features[c.id]) for c in claims}
            near = clock.lap(
                "phrase pairs", lambda: self._phrase_pairs(claims, features, events, vectors)
            )
            ok = partnered(claims, keys, events) | {cid for pair in near for cid in pair}
            checkable = [c for c in claims if c.id in ok]
            context = RuleContext(features=features, vectors=vectors)
            blocks = self._event_blocks(
                checkable, features, events, store, clock, _Declared(keys, near, context)
            )
        finally:
            if store:
                store.close()
        pairs, topics, results = merge_blocks(blocks, checkable, self.rules)
        pairs, results = _cross_event_pairs(
            pairs, results, near, checkable, blocks, self.rules, context
        )
        findings = clock.lap(
            "rules", lambda: self._findings(pairs, features, topics, results, vectors)
        )
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
            tables=clock.lap("tables", lambda: quantity_tables(claims, features, findings)),
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
        declared: _Declared | None = None,
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
                    block,
                    vectors[[rows[c.id] for c in block]],
                    features,
                    self.config,
                    rules,
                    declared,
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
        vectors: dict[str, np.ndarray] | None = None,
    ) -> tuple[Finding, ...]:
        """Findings from the rules' results; with an NLI model, the rules run here, after
        scoring every pair in one batch run (as ``compare`` does)."""
        if results is None:
            return self._run_rules(pairs, features, topics, vectors)
        return build_findings(results, topics, features)

    def _claims(self, documents: Sequence[Document]) -> tuple[list[Claim], list[str]]:
        return split_documents(documents, self.config)

    def _run_rules(
        self,
        pairs: Sequence[Pair],
        features: dict[str, ClaimFeatures],
        topics: dict[int, str],
        vectors: dict[str, np.ndarray] | None = None,
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
        ctx = RuleContext(features=features, nli=nli, vectors=vectors or {})
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

    # -- what the rules declare: candidate keys and phrases ---------------------------
    def _candidate_keys(self, features: ClaimFeatures) -> frozenset[str]:
        """The union of the selected rules' candidate keys, each tagged with its rule."""
        return frozenset(
            f"{rule.code}:{key}" for rule in self.rules for key in rule.candidate_keys(features)
        )

    def _phrase_vectors(
        self,
        claims: Sequence[Claim],
        features: dict[str, ClaimFeatures],
        store: Store | None = None,
    ) -> dict[str, np.ndarray]:
        """Unit embeddings of every phrase the selected rules declared (cached)."""
        phrases = sorted(
            {p for c in claims for rule in self.rules for p in rule.phrases(features[c.id]) if p}
        )
        if not phrases:
            return {}
        rows = embed_texts(phrases, self.embedder, store)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        rows = rows / np.where(norms == 0, 1.0, norms)
        return {p: rows[i] for i, p in enumerate(phrases)}

    def _phrase_pairs(
        self,
        claims: Sequence[Claim],
        features: dict[str, ClaimFeatures],
        events: dict[str, int],
        vectors: dict[str, np.ndarray],
    ) -> dict[tuple[str, str], float]:
        """Claim pairs whose phrases, for a rule that pairs on them, are neighbours."""
        out: dict[tuple[str, str], float] = {}
        for rule in self.rules:
            if rule.phrase_pairing is None:
                continue
            items = [(c, p) for c in claims for p in rule.phrases(features[c.id]) if p in vectors]
            threshold = float(rule.phrase_pairing)
            # Within an event, near phrases meet; across events only near-identical ones
            # (event blocks split a story when one report is worded very differently).
            one_block = {c.doc_id: 0 for c in claims}
            for blocks, floor in ((events, threshold), (one_block, _CROSS_EVENT_PHRASES)):
                for key, sim in phrase_neighbours(
                    items, vectors, blocks, max(threshold, floor), self.config.n_neighbors
                ).items():
                    out[key] = max(sim, out.get(key, -1.0))
        return out

    def compare_many(
        self, rows: Iterable[tuple[str, str]], chunk: int = 64
    ) -> Iterator[tuple[Finding, ...]]:
        """Findings per row of (text A, text B); rows are parsed and their phrases
        embedded ``chunk`` at a time."""
        batch: list[tuple[str, str]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= chunk:
                yield from self._compare_batch(batch)
                batch = []
        if batch:
            yield from self._compare_batch(batch)

    def _compare_batch(self, rows: Sequence[tuple[str, str]]) -> Iterator[tuple[Finding, ...]]:
        sides = [(_text_claims(a, "A"), _text_claims(b, "B")) for a, b in rows]
        # Claim ids repeat across rows ("A", "B" documents): features per row.
        per_row = [
            compute_features([*left, *right], self.nlp, parse_all=True) for left, right in sides
        ]
        merged = [f for row in per_row for f in row.values()]
        phrases = sorted({p for f in merged for rule in self.rules for p in rule.phrases(f) if p})
        vectors: dict[str, np.ndarray] = {}
        if phrases:
            rows_v = self.embedder.encode(phrases)
            vectors = {p: rows_v[i] for i, p in enumerate(phrases)}
        for (left, right), features in zip(sides, per_row, strict=True):
            pairs = [Pair(a, b, 0, 1.0) for a in left for b in right if comparable(a, b)]
            yield self._run_rules(pairs, features, {0: "pair"}, vectors)


# Phrases this similar pair their claims even across event blocks.
_CROSS_EVENT_PHRASES = 0.85


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
    declared: _Declared | None = None,
) -> EventBlock:
    """Topic groups, candidate pairs and rule violations of ONE event's claims (rows of
    ``vectors``). Every engine calls this, so an event gives the same block wherever it
    runs; ``merge_blocks`` puts the blocks together in event order."""
    grouper = TopicGrouper(config.distance_threshold, config.n_neighbors)
    ids = _topic_groups(claims, vectors, grouper)
    groups = [Group(k, "", members) for k, members in enumerate(ids)]
    pairer = CandidatePairer(config.n_neighbors, config.min_similarity)
    keys = declared.keys if declared is not None else {}
    pairs = pairer.pairs(claims, vectors, groups, keys)
    if declared is not None and declared.near:
        pairs = _with_phrase_pairs(pairs, declared.near, claims, vectors, groups)
    results = None
    if rules is not None:
        ctx = declared.context if declared is not None else RuleContext(features=features)
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


@dataclasses.dataclass(frozen=True)
class _Declared:
    """What the selected rules declared for a run: candidate keys per claim, phrase
    neighbour pairs, and the rule context with the phrase vectors."""

    keys: Mapping[str, frozenset[str]]
    near: Mapping[tuple[str, str], float]
    context: RuleContext


def _with_phrase_pairs(
    pairs: list[Pair],
    near: Mapping[tuple[str, str], float],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    groups: Sequence[Group],
) -> list[Pair]:
    """The topic pairs plus the phrase-neighbour pairs (in the left claim's group)."""
    index = {c.id: i for i, c in enumerate(claims)}
    group_of = {cid: g.id for g in groups for cid in g.claim_ids}
    found = {(p.left.id, p.right.id): p for p in pairs}
    for left_id, right_id in sorted(near):
        if (left_id, right_id) in found or left_id not in index or right_id not in index:
            continue
        i, j = index[left_id], index[right_id]
        similarity = round(float(vectors[i] @ vectors[j]), 3)
        found[(left_id, right_id)] = Pair(claims[i], claims[j], group_of[left_id], similarity)
    return [found[k] for k in sorted(found)]


def _cross_event_pairs(
    pairs: list[Pair],
    results: list[tuple[Rule, Pair, Violation]] | None,
    near: Mapping[tuple[str, str], float],
    claims: Sequence[Claim],
    blocks: Sequence[EventBlock],
    rules: Sequence[Rule],
    ctx: RuleContext,
) -> tuple[list[Pair], list[tuple[Rule, Pair, Violation]] | None]:
    """Phrase-neighbour pairs whose claims fell in different event blocks (near-identical
    propositions), checked here; each takes its left claim's topic group."""
    by_id = {c.id: c for c in claims}
    group_of: dict[str, int] = {}
    offset = 0
    for block in blocks:
        for k, members in enumerate(block.groups):
            for cid in members:
                group_of[cid] = offset + k
        offset += len(block.groups)
    known = {(p.left.id, p.right.id) for p in pairs}
    extra = [
        Pair(by_id[a], by_id[b], group_of[a], near[(a, b)])
        for a, b in sorted(near)
        if (a, b) not in known and a in group_of and b in group_of
    ]
    if not extra:
        return pairs, results
    if results is not None:
        results = results + [(r, p, v) for p in extra for r in rules for v in r.check(p, ctx)]
    merged = sorted([*pairs, *extra], key=lambda p: (p.left.id, p.right.id))
    return merged, results
