"""``consist check --engine ray``: the local pipeline's stages, run on a Ray cluster.

What runs where (the report is byte-identical to the local engine's, because every
stage below calls the function the local engine calls, on the same inputs):

* **driver**: lists the files (``ingest``), finds page furniture (needs every outlet's
  sentences), groups documents into events, chooses the claims worth pairing, decides
  which texts are not in the cache and cuts them into the embedding batches
  (``embedding_batches``), merges the event blocks and builds the report.
* **Ray Data, over documents**: reading and claim splitting (tasks), features (actors
  that load spaCy once each), embedding (actors that load the model once each; every
  actor encodes whole batches, so a vector has the same bits as in a local run).
* **Ray tasks, over events**: topic groups, candidate pairs and rules of each event's
  claims (``consist.api.check_event``); a task reads its events' vectors from the
  shared store and sends back only pairs and violations. The driver never holds the
  embeddings.

Vectors travel through the content-hashed store (``cache_dir``): the embedding actors
write them, the event tasks read them. Without a cache the run uses a private store in
the temp folder and deletes it afterwards. The store is SQLite in WAL mode, which needs
every connection on one host: a run uses the cores of one host (see docs/scale.md).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import pickle
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, Any

import numpy as np
import ray
import ray.data

from consist import ingest
from consist.api import (
    Checker,
    EventBlock,
    Progress,
    _Clock,
    _Declared,
    _parser_key,
    _wants_parse,
    check_event,
    event_claims,
    no_documents,
    split_documents,
)
from consist.config import Config
from consist.embed import SentenceTransformerEmbedder, embedding_batches, set_offline
from consist.extract.quantity_lexicon import set_packs
from consist.features import boilerplate_ids, compute_features
from consist.rules import Rule
from consist.store import Store, text_key
from consist.types import Claim, ClaimFeatures, Document, InputError, Report

# Claims per features call: big enough for spaCy's batching, small enough that a
# chunk never starts a second parsing process inside an actor (see ``features``).
FEATURE_CHUNK = 256
# Claims per event task: events are small; a task takes consecutive events up to this.
EVENT_CHUNK = 2_000
# Tests only: "<stages>:<folder>" makes the first worker reaching each of <stages>
# ("embed", "events", comma-separated) exit abruptly, once (a marker file in <folder>
# remembers it), so that Ray's retry can be checked. Read on the driver, handed on.
FAULT_ENV = "CONSIST_RAY_FAULT"

Row = dict[str, Any]


class RayChecker(Checker):
    """A ``Checker`` whose stages run on Ray. ``address``: None starts a local Ray (with
    ``cpus`` CPUs, 0 = all), ``"auto"`` or ``"ray://host:port"`` joins a cluster."""

    def __init__(
        self,
        config: Config | None = None,
        *,
        progress: Progress[Any] | None = None,
        address: str | None = None,
        cpus: int = 0,
        show_counts: bool = False,
    ) -> None:
        super().__init__(config, progress=progress)
        self.address = address
        self.cpus = cpus
        self.show_counts = show_counts
        self._fault = os.environ.get(FAULT_ENV, "")
        self._pending: list[ray.ObjectRef[Any]] = []

    def check(self, paths: Sequence[str | Path], *, stdin: IO[str] | None = None) -> Report:
        close = connect(self.address, self.cpus)
        try:
            return super().check(paths, stdin=stdin)
        finally:
            # Ctrl-C or an error: stop what this run started before letting go.
            for ref in self._pending:
                try:
                    ray.cancel(ref, force=True)
                except Exception:  # noqa: BLE001 - the task is done or gone
                    pass
            self._pending = []
            if close is not None:
                close()

    @property
    def workers(self) -> int:
        """How many actors a stage gets: ``--ray-cpus``, else the cluster's CPUs."""
        if self.cpus:
            return self.cpus
        cpus = ray.cluster_resources().get("CPU", 1)  # type: ignore[no-untyped-call]
        return max(1, int(cpus))

    # -- reading and splitting: a Ray Data stage over files ---------------------------
    def _read_and_split(
        self, paths: Sequence[str | Path], stdin: IO[str] | None, clock: _Clock
    ) -> tuple[list[Document], list[InputError], list[Claim], list[str]]:
        given = list(dict.fromkeys(os.fspath(p) for p in paths))
        if "-" in given:  # standard input is read where it is: on the driver
            return super()._read_and_split(paths, stdin, clock)
        ingest._check_exist(given)
        found = clock.lap("read", lambda: ingest._collect(given, self.config))
        sources = [
            dataclasses.replace(s, fs_path=os.path.abspath(s.fs_path)) for s in found.sources
        ]
        rows = [{"i": i, "source": pickle.dumps(s)} for i, s in enumerate(sources)]
        dataset = ray.data.from_items(rows).map_batches(
            _read_split,  # type: ignore[arg-type]
            batch_size=16,
            fn_kwargs={"config": self.config},
            batch_format="numpy",
        )
        results = clock.lap(
            "claims", lambda: self._collect(dataset, len(rows), "files read", lambda r: 1)
        )
        entries: list[tuple[Document, list[Claim], list[str]]] = []
        errors = list(found.errors)
        for row in sorted(results, key=lambda r: int(r["i"])):
            per_document, bad = pickle.loads(row["payload"])
            entries.extend(per_document)
            errors.extend(bad)
        entries.sort(key=lambda e: e[0].path)  # stable: records of a file keep their order
        errors = sorted(dict.fromkeys(errors), key=lambda e: e.path)
        if not entries:
            raise no_documents(paths, errors)
        claims = [c for _, found_claims, _ in entries for c in found_claims]
        warnings = [w for _, _, found_warnings in entries for w in found_warnings]
        return [e[0] for e in entries], errors, claims, warnings

    # -- features: a Ray Data stage with spaCy actors ---------------------------------
    def _features(self, claims: Sequence[Claim], store: Store | None) -> dict[str, ClaimFeatures]:
        # Furniture is found over all claims (an outlet's repeated sentence), so here.
        skip = boilerplate_ids(claims)
        todo = [c for c in claims if c.id not in skip]
        chunks = [todo[i : i + FEATURE_CHUNK] for i in range(0, len(todo), FEATURE_CHUNK)]
        computed: dict[str, ClaimFeatures] = {}
        if chunks:
            rows = [{"i": i, "claims": pickle.dumps(chunk)} for i, chunk in enumerate(chunks)]
            dataset = ray.data.from_items(rows).map_batches(
                _Features,
                batch_size=1,
                batch_format="numpy",
                compute=ray.data.ActorPoolStrategy(size=min(self.workers, len(rows))),
                fn_constructor_kwargs={
                    # No cache on the workers when the driver could not open it either.
                    "config": _absolute(dataclasses.replace(self.config, cache=store is not None)),
                    "parse": _wants_parse(self.rules),
                },
            )
            for row in self._collect(dataset, len(todo), "claims read", lambda r: int(r["n"])):
                computed.update(pickle.loads(row["payload"]))
        return {
            c.id: computed[c.id] if c.id in computed else ClaimFeatures(claim_id=c.id)
            for c in claims
        }

    # -- embeddings (Ray Data, model actors), then events (Ray tasks) -------------------
    def _event_blocks(
        self,
        claims: Sequence[Claim],
        features: dict[str, ClaimFeatures],
        events: dict[str, int],
        store: Store | None,
        clock: _Clock,
        declared: _Declared | None = None,
    ) -> list[EventBlock]:
        # ``declared`` (rules branch): the rules' candidate keys, phrase-neighbour pairs
        # and phrase vectors, passed on to every event task.
        if len(claims) < 2:
            return []
        config = _absolute(self.config)
        # Vectors reach the event tasks through the store: the cache, or a private one
        # deleted afterwards when the run has no cache.
        exchange = None if store is not None else tempfile.mkdtemp(prefix="consist-vectors-")
        where = exchange or config.cache_dir
        try:
            clock.lap("embed", lambda: self._embed([c.text for c in claims], where, config))
            rules = None if self._uses_nli else self.rules
            return clock.lap(
                "pair", lambda: self._events(claims, features, events, where, rules, declared)
            )
        finally:
            if exchange is not None:
                shutil.rmtree(exchange, ignore_errors=True)

    def _embed(self, texts: Sequence[str], where: str, config: Config) -> None:
        """Encode the texts not in the store, in the batches a local run would use."""
        missing = _missing(texts, where, config.model)
        batches = embedding_batches(missing, config.batch_size)
        if not batches:
            return
        rows = [{"i": i, "texts": json.dumps(batch)} for i, batch in enumerate(batches)]
        dataset = ray.data.from_items(rows).map_batches(
            _Embed,
            batch_size=1,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=min(self.workers, len(rows))),
            fn_constructor_kwargs={"config": config, "where": where, "fault": self._fault},
        )
        self._collect(dataset, len(missing), "claims embedded", lambda r: int(r["n"]))

    def _events(
        self,
        claims: Sequence[Claim],
        features: dict[str, ClaimFeatures],
        events: dict[str, int],
        where: str,
        rules: Sequence[Rule] | None,
        declared: _Declared | None = None,
    ) -> list[EventBlock]:
        """Groups, pairs and rules per event, consecutive events batched into tasks."""
        tasks: list[list[list[Claim]]] = [[]]
        size = 0
        for block in event_claims(claims, events):
            if tasks[-1] and size + len(block) > EVENT_CHUNK:
                tasks.append([])
                size = 0
            tasks[-1].append(block)
            size += len(block)
        remote = ray.remote(max_retries=3, num_cpus=1)(_check_events)
        config = _absolute(self.config)
        refs = []
        for blocks in tasks:
            own = {c.id: features[c.id] for block in blocks for c in block}
            refs.append(
                remote.remote(blocks, own, config, rules, where, self._fault, declared)  # type: ignore[call-arg]
            )
        self._pending = list(refs)
        counter = _Counter("events checked", len(tasks), self.show_counts)
        done: dict[Any, list[EventBlock]] = {}
        waiting = list(refs)
        while waiting:
            ready, waiting = ray.wait(waiting, num_returns=1)
            done[ready[0]] = ray.get(ready[0])
            counter.add(1)
        counter.close()
        self._pending = []
        return [block for ref in refs for block in done[ref]]

    # -- plumbing -----------------------------------------------------------------------
    def _collect(
        self, dataset: ray.data.Dataset, total: int, label: str, count: Callable[[Row], int]
    ) -> list[Row]:
        """Run a dataset to the end, counting progress on stderr (a terminal only)."""
        counter = _Counter(label, total, self.show_counts)
        rows = []
        for row in dataset.iter_rows():
            rows.append(row)
            counter.add(count(row))
        counter.close()
        return rows


def connect(address: str | None, cpus: int) -> Callable[[], None] | None:
    """Join or start Ray unless this process already did. Returns what undoes it (shut
    down, and delete a local Ray's temp folder), or None when Ray was already up."""
    if ray.is_initialized():
        return None
    common: dict[str, Any] = {
        "log_to_driver": False,
        "logging_level": logging.ERROR,
        "configure_logging": True,
    }
    temp = None
    if address:
        ray.init(address=address, **common)
    else:
        root = Path(__file__).resolve().parents[2]
        temp = tempfile.mkdtemp(prefix="consist-ray-", dir="/tmp")
        ray.init(
            address="local",
            num_cpus=cpus or os.cpu_count() or 1,
            include_dashboard=False,
            _temp_dir=temp,
            # Workers import consist from where the driver does (a checkout, not installed).
            runtime_env={"env_vars": {"PYTHONPATH": _pythonpath(root)}},
            **common,
        )
    quiet_data()

    def close() -> None:
        ray.shutdown()
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)

    return close


def quiet_data() -> None:
    """Ray Data's own progress bars and logs would land in users' terminals."""
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False


def _pythonpath(root: Path) -> str:
    current = os.environ.get("PYTHONPATH", "")
    return os.pathsep.join(p for p in (str(root), current) if p)


def _absolute(config: Config) -> Config:
    """Workers may run elsewhere than the driver's folder: the cache by absolute path."""
    return dataclasses.replace(config, cache_dir=os.path.abspath(config.cache_dir))


def _missing(texts: Sequence[str], where: str, model: str) -> list[str]:
    """Texts whose vectors the store lacks, read a slice at a time (keys, not vectors,
    are kept)."""
    unique = sorted(set(texts))
    missing: list[str] = []
    with Store(where) as store:
        for start in range(0, len(unique), 1_000):
            part = unique[start : start + 1_000]
            found = store.get_vectors([text_key(model, t) for t in part]).keys()
            missing.extend(t for t in part if text_key(model, t) not in found)
    return missing


class _Counter:
    """``label done/total`` on one stderr line, only when stderr is a terminal."""

    def __init__(self, label: str, total: int, enabled: bool) -> None:
        self.label, self.total, self.done = label, total, 0
        self.enabled = enabled and sys.stderr.isatty() and total > 0
        self.shown = 0.0

    def add(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if self.enabled and (now - self.shown > 0.2 or self.done >= self.total):
            self.shown = now
            sys.stderr.write(f"\rconsist: {self.label} {self.done:,}/{self.total:,}\x1b[K")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _fail_once(fault: str, stage: str) -> None:
    """The test hook behind ``FAULT_ENV``: die like a killed worker, the first time."""
    stages, _, folder = fault.partition(":")
    if stage not in stages.split(","):
        return
    marker = Path(folder) / f"failed-{stage}"
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        with open(marker, "x"):
            pass
    except FileExistsError:
        return
    os._exit(1)


# -- what runs on the workers --------------------------------------------------------------
def _read_split(batch: dict[str, np.ndarray], config: Config) -> dict[str, np.ndarray]:
    """Read files (``ingest``'s reader) and split their documents into claims."""
    out_i, out_payload = [], []
    for i, blob in zip(batch["i"], batch["source"], strict=True):
        source = pickle.loads(blob)
        documents, errors = ingest._read_source(source, config)
        per_document = [(d, *split_documents([d], config)) for d in documents]
        out_i.append(int(i))
        out_payload.append(pickle.dumps((per_document, errors)))
    return {"i": np.array(out_i), "payload": _objects(out_payload)}


class _Features:
    """Features of chunks of claims; spaCy is loaded once per actor, on first need."""

    def __init__(self, config: Config, parse: bool) -> None:
        set_offline(config.allow_download)
        set_packs(config.quantity_packs)  # a worker process does not inherit the driver's
        self.config = config
        self.parse = parse
        self._nlp: Any = None

    def _load(self) -> Any:
        if self._nlp is None:
            from consist.nlp import load_spacy

            self._nlp = load_spacy(self.config.spacy_model)
        return self._nlp

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        out_n, out_payload = [], []
        for blob in batch["claims"]:
            claims: list[Claim] = pickle.loads(blob)
            features = compute_features(
                claims,
                self._load if self.parse else None,
                batch_size=self.config.batch_size,
                store=_store(self.config.cache_dir) if self.config.cache else None,
                parser=_parser_key(self.config.spacy_model),
            )
            out_n.append(len(claims))
            out_payload.append(pickle.dumps(features))
        return {"n": np.array(out_n), "payload": _objects(out_payload)}


class _Embed:
    """Encodes whole embedding batches and writes the vectors to the store."""

    def __init__(self, config: Config, where: str, fault: str) -> None:
        set_offline(config.allow_download)
        self.embedder = SentenceTransformerEmbedder(config.model, config.batch_size)
        self.where = where
        self.fault = fault

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        out_n = []
        for blob in batch["texts"]:
            texts: list[str] = json.loads(str(blob))
            vectors = self.embedder.encode(texts)
            _fail_once(self.fault, "embed")
            items = sorted(
                (text_key(self.embedder.name, t), vectors[i]) for i, t in enumerate(texts)
            )
            _put_surely(_store(self.where), items)
            out_n.append(len(texts))
        return {"n": np.array(out_n)}


_LOCAL = threading.local()


def _store(folder: str) -> Store:
    """This thread's connection to the store (Ray Data calls actors from threads, and
    an SQLite connection belongs to the thread that opened it)."""
    stores: dict[str, Store] = _LOCAL.__dict__.setdefault("stores", {})
    if folder not in stores:
        stores[folder] = Store(folder)
    return stores[folder]


def _put_surely(store: Store, items: list[tuple[str, np.ndarray]]) -> None:
    """Write vectors and read the keys back: the store is how they reach the event
    tasks, so a write lost to a busy lock is retried rather than skipped."""
    keys = [k for k, _ in items]
    for attempt in range(8):
        store.put_vectors(items)
        if len(store.get_vectors(keys)) == len(keys):
            return
        time.sleep(0.1 * 2**attempt)
    raise RuntimeError(f"could not write embeddings to {store.path}")


def _check_events(
    blocks: list[list[Claim]],
    features: dict[str, ClaimFeatures],
    config: Config,
    rules: Sequence[Rule] | None,
    where: str,
    fault: str,
    declared: _Declared | None = None,
) -> list[EventBlock]:
    """``check_event`` for each event of the task, vectors read from the store."""
    _fail_once(fault, "events")
    set_packs(config.quantity_packs)  # a worker process does not inherit the driver's
    out = []
    with Store(where) as store:
        for block in blocks:
            keys = [text_key(config.model, c.text) for c in block]
            found = store.get_vectors(sorted(set(keys)))
            if len(found) < len(set(keys)):
                raise RuntimeError(
                    f"embeddings missing from {where}: on several machines, cache_dir "
                    "must be on a file system that every node sees"
                )
            vectors = np.vstack([found[k] for k in keys]).astype(np.float32)
            out.append(check_event(block, vectors, features, config, rules, declared))
    return out


def _objects(items: Iterable[bytes]) -> np.ndarray:
    values = list(items)
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


__all__ = ["FAULT_ENV", "RayChecker", "connect", "quiet_data"]
