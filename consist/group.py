"""Embeddings -> topic groups, scikit-learn estimator style.

Agglomerative clustering with a distance threshold (no fixed number of topics) over a
sparse k-nearest-neighbour connectivity graph: only neighbouring claims are ever
compared, so memory grows with n * k, not n².
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.neighbors import kneighbors_graph


class TopicGrouper:
    """Group claim embeddings into topics.

    Parameters
    ----------
    distance_threshold : cosine distance under which clusters merge (average linkage).
    n_neighbors : neighbours per claim in the connectivity graph.
    """

    def __init__(self, distance_threshold: float = 0.75, n_neighbors: int = 12) -> None:
        self.distance_threshold = distance_threshold
        self.n_neighbors = n_neighbors

    def get_params(self) -> dict[str, Any]:
        return {"distance_threshold": self.distance_threshold, "n_neighbors": self.n_neighbors}

    def fit(self, X: np.ndarray) -> TopicGrouper:
        n = X.shape[0]
        if n < 3:
            self.labels_ = np.zeros(n, dtype=int)
            return self
        k = min(self.n_neighbors, n - 1)
        graph = kneighbors_graph(X, k, metric="cosine", include_self=False)
        graph = graph.maximum(graph.T)
        model = AgglomerativeClustering(
            n_clusters=None,
            distance_threshold=self.distance_threshold,
            metric="cosine",
            linkage="average",
            connectivity=graph,
        )
        self.labels_ = _relabel(model.fit_predict(X))
        return self

    def fit_predict(self, X: np.ndarray) -> np.ndarray:
        return self.fit(X).labels_


def _relabel(labels: np.ndarray) -> np.ndarray:
    """Number groups by first appearance, so labels do not depend on library internals."""
    mapping: dict[int, int] = {}
    for label in labels:
        mapping.setdefault(int(label), len(mapping))
    return np.array([mapping[int(label)] for label in labels], dtype=int)


def topic_labels(texts_by_group: Sequence[Sequence[str]], terms: int = 3) -> list[str]:
    """A short readable label per group: its most distinctive words (class TF-IDF)."""
    documents = [" ".join(texts) for texts in texts_by_group]
    if not any(d.strip() for d in documents):
        return ["misc" for _ in documents]
    vectorizer = TfidfVectorizer(
        stop_words="english", token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z-]{2,}\b", sublinear_tf=True
    )
    try:
        matrix = vectorizer.fit_transform(documents)
    except ValueError:
        return ["misc" for _ in documents]
    vocabulary = np.array(vectorizer.get_feature_names_out())
    labels = []
    for row in range(matrix.shape[0]):
        weights = matrix.getrow(row).toarray().ravel()
        top = sorted(np.nonzero(weights)[0], key=lambda i: (-round(weights[i], 6), vocabulary[i]))
        labels.append(" · ".join(vocabulary[i] for i in top[:terms]) or "misc")
    return labels
