"""Candidate pairs -> NLI label probabilities, from an optional cross-encoder model.

Only used when the user names a model (``nli_model``): a Hugging Face sequence
classification model trained on natural language inference, such as
``cross-encoder/nli-deberta-v3-base``. The rules never load it; ``api`` scores the
candidate pairs here and hands the probabilities to the rules through
``RuleContext.nli``.

Which output is "contradiction" differs between models (cross-encoder models put it
first, roberta-large-mnli first in capitals, MoritzLaurer's DeBERTa models last), so
the order is always read from the model's own config (``id2label``), never assumed.

The model is loaded with transformers' ``AutoModelForSequenceClassification`` rather
than sentence-transformers' ``CrossEncoder``: the label map lives in the transformers
config either way, the raw logits need nothing but a softmax, and the CrossEncoder
wrapper has changed its loading and activation defaults between major versions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from consist.types import Pair

LABELS = ("contradiction", "entailment", "neutral")

# Spellings of the three NLI labels found in published model configs, after
# lower-casing and turning spaces and dashes into underscores.
_SYNONYMS: Mapping[str, str] = {
    "contradiction": "contradiction",
    "contradictory": "contradiction",
    "contradict": "contradiction",
    "contradicts": "contradiction",
    "contra": "contradiction",
    "entailment": "entailment",
    "entailed": "entailment",
    "entails": "entailment",
    "entail": "entailment",
    "neutral": "neutral",
}
_GENERIC = re.compile(r"label_?\d+")
# Claims are sentences; longer inputs are cut (a 512-token pair is ~350 words).
_MAX_TOKENS = 512


class NLIUnavailable(ValueError):
    """The configured NLI model cannot be used (missing, offline, or unreadable labels).

    A ``ValueError``, like consist's other configuration errors, so the command line
    reports it in one line and exits 2: a model the user asked for is not silently
    dropped.
    """


class NLILabelError(NLIUnavailable):
    """The model's config does not say which output is contradiction / entailment."""


class Scorer(Protocol):
    """Anything that gives NLI label probabilities for (premise, hypothesis) pairs."""

    def scores(self, pairs: Sequence[tuple[str, str]]) -> list[dict[str, float]]: ...


@dataclass(frozen=True)
class _Loaded:
    tokenizer: Any
    model: Any
    labels: tuple[str, ...]  # normalised label of output i
    max_length: int


class NLIScorer:
    """NLI probabilities from a sequence-classification model, loaded on first use.

    ``model`` is a Hugging Face model name or a local folder. Unless ``allow_download``
    is true, only files already on this machine are used (a local folder, or the
    Hugging Face cache).
    """

    def __init__(self, model: str, batch_size: int = 16, *, allow_download: bool = False) -> None:
        self.model = model
        self.batch_size = batch_size
        self.allow_download = allow_download

    @property
    def labels(self) -> tuple[str, ...]:
        """The normalised label of each model output, in output order (loads the model)."""
        return self._load().labels

    def _load(self) -> _Loaded:
        return _load(self.model, self.allow_download)

    def scores(self, pairs: Sequence[tuple[str, str]]) -> list[dict[str, float]]:
        """Label probabilities for each (premise, hypothesis), in the order given.

        Each dict maps the normalised labels (``contradiction``, ``entailment`` and,
        for three-way models, ``neutral``) to probabilities that sum to 1, rounded to
        four decimals so that padding noise from batching (around the sixth decimal)
        does not reach reports.
        """
        if not pairs:
            return []
        loaded = self._load()
        # Sorting by length keeps padding (and wasted work) low within each batch.
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        result: list[dict[str, float]] = [{} for _ in pairs]
        for start in range(0, len(order), max(1, self.batch_size)):
            batch = order[start : start + max(1, self.batch_size)]
            probabilities = _predict(loaded, [pairs[i] for i in batch])
            for i, row in zip(batch, probabilities, strict=True):
                result[i] = {
                    label: round(float(p), 4) for label, p in zip(loaded.labels, row, strict=True)
                }
        return result


def _predict(loaded: _Loaded, pairs: Sequence[tuple[str, str]]) -> list[list[float]]:
    import torch

    encoded = loaded.tokenizer(
        [p for p, _ in pairs],
        [h for _, h in pairs],
        padding=True,
        truncation=True,
        max_length=loaded.max_length,
        return_tensors="pt",
    )
    with torch.inference_mode():
        logits = loaded.model(**encoded).logits
    rows: list[list[float]] = torch.softmax(logits.float(), dim=-1).tolist()
    return rows


def read_labels(id2label: Mapping[Any, Any], model: str) -> tuple[str, ...]:
    """The normalised label of each output index, from a config's ``id2label``.

    Raises ``NLILabelError`` when the labels are generic (``LABEL_0``), unknown, or lack
    contradiction or entailment: guessing the order would turn every score around.
    """
    raw = {int(k): str(v) for k, v in id2label.items()}
    if sorted(raw) != list(range(len(raw))):
        raise NLILabelError(f"NLI model {model!r}: id2label indices are not 0..n-1: {raw}")
    names = [raw[i] for i in range(len(raw))]
    keys = [re.sub(r"[\s\-]+", "_", n.strip().lower()) for n in names]
    if any(_GENERIC.fullmatch(k) for k in keys):
        raise NLILabelError(
            f"NLI model {model!r} has generic output labels ({', '.join(names)}): its "
            "config does not say which output means contradiction, so consist cannot read "
            "its scores. Use a model whose config.json names its labels (id2label), or add "
            'the names to it, e.g. "id2label": {"0": "contradiction", "1": "entailment", '
            '"2": "neutral"} in the order the model was trained with.'
        )
    labels = tuple(_SYNONYMS.get(k, "") for k in keys)
    unknown = [n for n, label in zip(names, labels, strict=True) if not label]
    if (
        unknown
        or len(set(labels)) != len(labels)
        or not {"contradiction", "entailment"} <= set(labels)
    ):
        raise NLILabelError(
            f"NLI model {model!r} has output labels {names}; consist needs an NLI model whose "
            "labels are contradiction, entailment and (optionally) neutral, each once. "
            + (f"Not NLI labels: {unknown}." if unknown else "")
        )
    return labels


def _resolve(model: str) -> str:
    """A local folder's path, or the name unchanged (a Hugging Face model id).

    A name that can only be a path ("./models/nli", "/opt/nli", "~/nli", or more than
    one slash) and does not exist is reported as a missing folder, not passed on to the
    hub client, whose complaint about repository id syntax would mislead.
    """
    path = Path(model).expanduser()
    if path.exists():
        return str(path)
    if model.startswith(("/", "./", "../", "~", "\\")) or model.count("/") > 1 or "\\" in model:
        raise NLIUnavailable(
            f"NLI model {model!r}: no such folder ({path.absolute()}). Set nli_model to a "
            "folder that holds the model (config.json, the weights and the tokenizer "
            "files; a relative path is read from the current directory) or to a Hugging "
            'Face model id such as "cross-encoder/nli-deberta-v3-base".'
        )
    return model


@lru_cache(maxsize=2)
def _load(model: str, allow_download: bool) -> _Loaded:
    """One loaded model per process and name: loading takes seconds, scoring doesn't.

    The config is read first, so that a model with unreadable labels fails before its
    weights are loaded.
    """
    source = _resolve(model)
    try:
        from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        local = not allow_download
        config = AutoConfig.from_pretrained(source, local_files_only=local)
    except Exception as exc:  # any loading failure: missing, offline, corrupt, no extras
        raise NLIUnavailable(_unavailable(model, exc, allow_download)) from exc
    labels = read_labels(getattr(config, "id2label", None) or {}, model)
    try:
        tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=local)
        network = AutoModelForSequenceClassification.from_pretrained(source, local_files_only=local)
    except Exception as exc:
        raise NLIUnavailable(_unavailable(model, exc, allow_download)) from exc
    network.eval()
    if int(network.config.num_labels) != len(labels):
        raise NLILabelError(
            f"NLI model {model!r} has {network.config.num_labels} outputs but "
            f"{len(labels)} labels in id2label"
        )
    return _Loaded(tokenizer, network, labels, _max_length(tokenizer, config))


def _max_length(tokenizer: Any, config: Any) -> int:
    # Tokenizers without a known limit report a huge model_max_length; the position
    # embeddings are the real bound.
    limits = [_MAX_TOKENS, int(getattr(tokenizer, "model_max_length", _MAX_TOKENS) or _MAX_TOKENS)]
    positions = getattr(config, "max_position_embeddings", None)
    if isinstance(positions, int) and positions > 0:
        limits.append(positions)
    return min(limits)


def _unavailable(model: str, exc: BaseException, allow_download: bool) -> str:
    reason = " ".join(str(exc).split())[:300].rstrip(".") or type(exc).__name__
    if allow_download:
        hint = (
            "Check the name (a Hugging Face model id or a local folder) and the network; "
            "models whose tokenizer ships only as spm.model (DeBERTa-v3) also need "
            "`pip install sentencepiece`."
        )
    else:
        hint = (
            "consist does not download models unless told to: set allow_download = true "
            "in [tool.consist] to fetch it once into the Hugging Face cache, or set "
            "nli_model to a local folder that holds the model."
        )
    return f"NLI model {model!r} could not be loaded: {reason}. {hint}"


RULE_CODE = "STN002"


def config_warnings(nli_model: str | None, selected: Sequence[str]) -> tuple[str, ...]:
    """Warnings for an NLI set-up that does nothing: a model without its rule, or back."""
    if nli_model and RULE_CODE not in selected:
        return (
            f"nli_model is set but {RULE_CODE} is not selected, so the model is not used; "
            f'add "{RULE_CODE}" to select (or pass --select {RULE_CODE})',
        )
    if not nli_model and RULE_CODE in selected:
        return (
            f"{RULE_CODE} is selected but no nli_model is configured, so it flags nothing; "
            'set nli_model (e.g. "cross-encoder/nli-deberta-v3-base") in [tool.consist]',
        )
    return ()


def nli_scores(
    pairs: Sequence[Pair],
    scorer: Scorer,
    *,
    progress: Callable[[Iterable[list[tuple[str, str]]]], Iterable[list[tuple[str, str]]]]
    | None = None,
    chunk_size: int = 64,
) -> dict[tuple[str, str], dict[str, float]]:
    """NLI probabilities per candidate pair, keyed by (left id, right id).

    NLI is directional (does the premise make the hypothesis false?) while a
    contradiction between two claims is not: if A rules out B, B rules out A. Models
    are nonetheless asymmetric in practice, chiefly when one claim says more than the
    other ("The plant, opened in 1990, closed on Monday." / "The plant is open."): the
    longer one read as premise gives a firm contradiction, the other way round a
    hedged "neutral". Each pair is therefore scored both ways and the direction with the
    higher contradiction probability is kept, whole, so that the rule's checks
    (contradiction above a threshold and above entailment) look at one consistent
    distribution. Identical text pairs are scored once.

    Scoring is the slowest stage on CPU, so the text pairs go to the scorer in chunks
    of ``chunk_size``, passed through ``progress`` (a progress-bar wrapper) when given.
    """
    wanted = sorted(
        {(p.left.text, p.right.text) for p in pairs} | {(p.right.text, p.left.text) for p in pairs}
    )
    if not wanted:
        return {}
    chunks = [wanted[i : i + max(1, chunk_size)] for i in range(0, len(wanted), max(1, chunk_size))]
    scored: dict[tuple[str, str], dict[str, float]] = {}
    for chunk in progress(chunks) if progress is not None else chunks:
        scored.update(zip(chunk, scorer.scores(chunk), strict=True))
    result: dict[tuple[str, str], dict[str, float]] = {}
    for pair in pairs:
        forward = scored[(pair.left.text, pair.right.text)]
        backward = scored[(pair.right.text, pair.left.text)]
        best = max((forward, backward), key=lambda d: (d.get("contradiction", 0.0), d is forward))
        result[(pair.left.id, pair.right.id)] = dict(best)
    return result


__all__ = [
    "LABELS",
    "RULE_CODE",
    "NLILabelError",
    "NLIScorer",
    "NLIUnavailable",
    "Scorer",
    "config_warnings",
    "nli_scores",
]
