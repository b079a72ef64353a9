"""Topic groups -> candidate pairs of claims from different parties.

Two ways into a pair, both bounded: a claim's nearest neighbours within its group
(at most ``n_neighbors`` each), and claims within a group that share a feature key
(the same measured quantity, predicate or event), capped per key. Never all pairs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np
from sklearn.neighbors import NearestNeighbors

from consist.types import Claim, Group, Pair


class CandidatePairer:
    """Form candidate pairs inside groups.

    Parameters
    ----------
    n_neighbors : nearest neighbours looked at per claim.
    min_similarity : cosine similarity (rounded to 3 decimals) a neighbour pair needs.
    max_per_key : most claims per shared feature key and group paired with each other.
    """

    def __init__(
        self, n_neighbors: int = 12, min_similarity: float = 0.35, max_per_key: int = 40
    ) -> None:
        self.n_neighbors = n_neighbors
        self.min_similarity = min_similarity
        self.max_per_key = max_per_key

    def get_params(self) -> dict[str, float]:
        return {
            "n_neighbors": self.n_neighbors,
            "min_similarity": self.min_similarity,
            "max_per_key": self.max_per_key,
        }

    def pairs(
        self,
        claims: Sequence[Claim],
        embeddings: np.ndarray,
        groups: Sequence[Group],
        keys: Mapping[str, frozenset[str]] | None = None,
    ) -> list[Pair]:
        index = {c.id: i for i, c in enumerate(claims)}
        found: dict[tuple[str, str], Pair] = {}
        for group in groups:
            rows = [index[cid] for cid in group.claim_ids]
            candidates = self._neighbour_pairs(rows, embeddings)
            candidates |= self._key_pairs(rows, claims, keys or {})
            for i, j in sorted(candidates):
                if not comparable(claims[i], claims[j]):
                    continue
                left, right = sorted((claims[i], claims[j]), key=lambda c: c.id)
                similarity = _similarity(embeddings, i, j)
                found.setdefault((left.id, right.id), Pair(left, right, group.id, similarity))
        return [found[k] for k in sorted(found)]

    def _neighbour_pairs(self, rows: list[int], embeddings: np.ndarray) -> set[tuple[int, int]]:
        """Each claim with its ``n_neighbors`` nearest in the group, if similar enough.

        A group no bigger than ``n_neighbors + 1`` is its own neighbourhood, so its
        pairs are read straight off a dot product (small, and the common case once
        claims are blocked by event); bigger groups go through a kNN query. Either way
        the threshold is applied to the rounded dot product, the similarity a ``Pair``
        carries, so the two paths agree.
        """
        if len(rows) < 2:
            return set()
        block = embeddings[rows]
        if len(rows) <= self.n_neighbors + 1:
            neighbours: Sequence[Sequence[int]] = [range(len(rows))] * len(rows)
        else:
            model = NearestNeighbors(n_neighbors=self.n_neighbors + 1, metric="cosine")
            neighbours = model.fit(block).kneighbors(block, return_distance=False).tolist()
        out = set()
        for a, nb_row in enumerate(neighbours):
            for b in nb_row:
                i, j = min(rows[a], rows[b]), max(rows[a], rows[b])
                if (
                    i != j
                    and (i, j) not in out
                    and _similarity(embeddings, i, j) >= self.min_similarity
                ):
                    out.add((i, j))
        return out

    def _key_pairs(
        self, rows: list[int], claims: Sequence[Claim], keys: Mapping[str, frozenset[str]]
    ) -> set[tuple[int, int]]:
        buckets: dict[str, list[int]] = defaultdict(list)
        for row in rows:
            for key in sorted(keys.get(claims[row].id, ())):
                if len(buckets[key]) < self.max_per_key:
                    buckets[key].append(row)
        out = set()
        for members in buckets.values():
            for x, a in enumerate(members):
                for b in members[x + 1 :]:
                    out.add((min(a, b), max(a, b)))
        return out


def partnered(
    claims: Sequence[Claim], keys: Mapping[str, frozenset[str]], blocks: Mapping[str, int]
) -> frozenset[str]:
    """Claims sharing a key with a claim of another party or document in their block.

    A rule compares two claims only when they share what it compares (a measure, a
    dated event); a claim whose keys nobody else in its event holds cannot be flagged
    by such a rule, so it need not be embedded or grouped.
    """
    holders: dict[tuple[int, str], set[tuple[str, str]]] = defaultdict(set)
    for claim in claims:
        block = blocks.get(claim.doc_id, 0)
        for key in keys.get(claim.id, ()):
            holders[(block, key)].add((claim.doc_id, claim.party))
    out = set()
    for claim in claims:
        block = blocks.get(claim.doc_id, 0)
        own = (claim.doc_id, claim.party)
        if any(holders[(block, key)] - {own} for key in keys.get(claim.id, ())):
            out.add(claim.id)
    return frozenset(out)


# Up to this many phrases in one event are compared all against all (one small matrix
# product); beyond it a nearest-neighbour index bounds the work.
_DENSE_PHRASES = 400


def phrase_neighbours(
    items: Sequence[tuple[Claim, str]],
    vectors: Mapping[str, np.ndarray],
    blocks: Mapping[str, int],
    min_similarity: float,
    n_neighbors: int = 12,
) -> dict[tuple[str, str], float]:
    """Claim pairs (ids sorted) of one block whose phrases are near neighbours.

    ``items`` holds (claim, phrase) rows; each phrase is matched with at most
    ``n_neighbors`` nearest phrases of its block (cosine at least ``min_similarity``),
    found through a nearest-neighbour index, never a full matrix of a big block.
    Pairs that ``comparable`` rules out (one party on one day) are dropped.
    """
    by_block: dict[int, list[tuple[Claim, str]]] = defaultdict(list)
    for claim, phrase in items:
        by_block[blocks.get(claim.doc_id, 0)].append((claim, phrase))
    out: dict[tuple[str, str], float] = {}
    for _, rows in sorted(by_block.items()):
        if len(rows) < 2:
            continue
        matrix = np.vstack([vectors[p] for _, p in rows]).astype(np.float32)
        k = min(len(rows), n_neighbors + 1)
        if len(rows) <= _DENSE_PHRASES:
            sims = matrix @ matrix.T
            order = np.argsort(-sims, axis=1, kind="stable")[:, :k]
        else:
            model = NearestNeighbors(n_neighbors=k, metric="cosine").fit(matrix)
            order = model.kneighbors(matrix, return_distance=False)
            sims = None
        for a, neighbours in enumerate(order.tolist()):
            for b in neighbours:
                ca, cb = rows[a][0], rows[b][0]
                if ca.id == cb.id or not comparable(ca, cb):
                    continue
                sim = round(
                    float(sims[a, b]) if sims is not None else float(matrix[a] @ matrix[b]), 3
                )
                if sim < min_similarity:
                    continue
                key = (ca.id, cb.id) if ca.id < cb.id else (cb.id, ca.id)
                out[key] = max(sim, out.get(key, -1.0))
    return out


def _similarity(embeddings: np.ndarray, i: int, j: int) -> float:
    """Cosine of two unit rows, rounded so that thresholds do not flip on float noise."""
    return round(float(embeddings[i] @ embeddings[j]), 3)


def comparable(a: Claim, b: Claim) -> bool:
    """Claims are compared across parties, or within one party across dates (revisions).

    The same speaker repeated by two outlets on the same day is one claim, and one
    document does not contradict itself sentence by sentence unless two parties speak.
    """
    if a.doc_id == b.doc_id and a.party == b.party:
        return False
    if a.party == b.party and a.published == b.published:
        return False
    return True
