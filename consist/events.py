"""Documents -> events: which documents report the same incident or story.

Claims about different events must never be compared: a shooting in Ohio and one in
Texas both have "2 killed". Before any claim is paired, documents are grouped into
events by what identifies an incident in news: the rare words of the title and lead
(places, streets, names: "Killeen", "Cleveland Arms", "Lendvay") and the publication
date. Two documents are linked when their title-and-lead vectors are similar enough for
their date gap; events are the connected components of the links.

Stable by construction: whether two documents link depends on those two documents only.
Term weights are a *fixed* inverse frequency read from general English word frequencies
(``wordfreq``), not from the folder, so adding unrelated documents to a folder cannot
shift a similarity across the threshold (with folder TF-IDF it could: five documents
gave 3 findings alone and 0 next to the seeds). Candidate pairs are the documents that
share one of their own most distinctive terms, again a property of the pair; the
vocabulary never leaves the document texts, and no document-by-document matrix is built.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from consist.claims import logical_lines
from consist.extract.dates import parse_published
from consist.types import Document

# Words every news lead has; they say nothing about which event it is.
_NEWS_WORDS = frozenset(
    """said says police officer officers shooting shot shots killed dead death died wounded
    injured people man woman men women year old told according reported report news sunday
    monday tuesday wednesday thursday friday saturday morning afternoon evening night
    today yesterday tonight week weekend am pm p.m a.m""".split()
)


def lead_text(document: Document, chars: int = 1200, skip: frozenset[str] = frozenset()) -> str:
    """The title and the start of the body: where news names the place, date and people.

    Lines in ``skip`` (furniture shared by many documents) and lines too short to
    report anything ("Close", "Why are we asking this?") are left out.
    """
    kept: list[str] = []
    size = 0
    # Furniture is dropped line by line, then paragraphs (not physical lines) are read,
    # so that a re-wrapped document keeps its lead.
    body = "\n".join(ln for ln in document.text.split("\n") if not _FURNITURE.search(ln))
    for line in logical_lines(body):
        line = line.strip()
        if (
            len(line.split()) < _MIN_LEAD_WORDS
            or _FURNITURE.search(line)
            or template_key(line) in skip
        ):
            continue
        kept.append(line)
        size += len(line) + 1
        if size >= chars:
            break
    return "\n".join([document.title or "", *kept])[: chars + 200]


def template_key(line: str) -> str:
    """A line with its names and numbers taken out: what a site template keeps fixed.

    "Get email notifications on Troy Carter daily!" and the same prompt naming another
    reporter share a key; two news sentences rarely do.
    """
    return " ".join(w for w in _WORD.findall(line) if w[:1].islower())


def shared_lines(documents: Sequence[Document], min_documents: int = 3) -> frozenset[str]:
    """Template keys of lines found in ``min_documents`` or more documents."""
    seen: dict[str, int] = defaultdict(int)
    for document in documents:
        for key in {template_key(ln) for ln in logical_lines(document.text)}:
            if key:
                seen[key] += 1
    return frozenset(key for key, count in seen.items() if count >= min_documents)


_MIN_LEAD_WORDS = 6
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_FURNITURE = re.compile(
    r"all rights reserved|copyright|\bsign (?:in|up)\b|log in|subscri|newsletter|"
    r"notification|click|javascript|cookie|browser|terms of (?:service|use)|privacy policy|"
    r"confirmation email|verification email|registering|\{\*|your inbox|posts new content|"
    r"welcome to|\btweets?\b|twitter|facebook|instagram|\bimage \d+ of\b|\bcaption\b|"
    r"\bphoto:",
    re.I,
)


def date_window(document: Document) -> tuple[date, date] | None:
    """The days the document may have been published on (None when undated)."""
    parsed = parse_published(document.published, document.published_approx)
    return (parsed.lo, parsed.hi) if parsed else None


class EventGrouper:
    """Group documents into events (estimator style: parameters in, ``labels_`` out).

    Parameters
    ----------
    min_similarity : cosine of two leads' fixed-weight vectors (rounded to 3 decimals)
        that links documents published within ``window_days`` of each other.
    strong_similarity : cosine that links documents whatever their date gap (a story
        followed for months, a trial a year on) up to ``max_gap_days``.
    window_days : days between publication dates counted as "the same news cycle".
    slope : similarity added to ``min_similarity`` per doubling of a longer gap.
    max_gap_days : beyond this no link is made, however similar (annual anniversaries
        of different years are different events).
    n_terms : a document's most distinctive terms (by fixed weight); two documents are
        compared only when they share one of them.
    """

    def __init__(
        self,
        min_similarity: float = 0.15,
        strong_similarity: float = 0.5,
        window_days: int = 7,
        slope: float = 0.06,
        max_gap_days: int = 1100,
        n_terms: int = 24,
    ) -> None:
        self.min_similarity = min_similarity
        self.strong_similarity = strong_similarity
        self.window_days = window_days
        self.slope = slope
        self.max_gap_days = max_gap_days
        self.n_terms = n_terms

    def get_params(self) -> dict[str, Any]:
        return {
            "min_similarity": self.min_similarity,
            "strong_similarity": self.strong_similarity,
            "window_days": self.window_days,
            "slope": self.slope,
            "max_gap_days": self.max_gap_days,
            "n_terms": self.n_terms,
        }

    def fit(self, texts: Sequence[str], dates: Sequence[tuple[date, date] | None]) -> EventGrouper:
        """``texts[i]`` is document i's title and lead, ``dates[i]`` its date window."""
        n = len(texts)
        self.n_candidates_ = 0
        self.links_: list[tuple[int, int, float]] = []
        if n < 2:
            self.labels_ = np.zeros(n, dtype=int)
            return self
        matrix = _weighted(texts)
        if matrix is None:
            self.labels_ = np.zeros(n, dtype=int)  # nothing to tell documents apart
            return self
        candidates = self._candidates(matrix)
        self.n_candidates_ = len(candidates)
        parent = list(range(n))
        for (i, j), score in zip(candidates, _row_dots(matrix, candidates), strict=True):
            if self._linked(score, dates[i], dates[j]):
                self.links_.append((i, j, score))
                _union(parent, i, j)
        self.labels_ = _relabel([_find(parent, i) for i in range(n)])
        return self

    def fit_predict(
        self, texts: Sequence[str], dates: Sequence[tuple[date, date] | None]
    ) -> np.ndarray:
        return self.fit(texts, dates).labels_

    def _candidates(self, matrix: sparse.csr_matrix) -> list[tuple[int, int]]:
        """Pairs of documents that share one of each one's ``n_terms`` heaviest terms.

        Each document's terms are chosen from its own weights alone, so whether a pair
        is a candidate never depends on a third document.
        """
        rows, cols = [], []
        for row in range(matrix.shape[0]):
            start, end = matrix.indptr[row], matrix.indptr[row + 1]
            terms, weights = matrix.indices[start:end], matrix.data[start:end]
            ranked = sorted(zip((-np.round(weights, 6)).tolist(), terms.tolist(), strict=True))
            for _, term in ranked[: self.n_terms]:
                rows.append(row)
                cols.append(term)
        top = sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=matrix.shape
        )
        pairs: set[tuple[int, int]] = set()
        transposed = top.T.tocsr()
        for start in range(0, top.shape[0], 512):
            shared = (top[start : start + 512] @ transposed).tocoo()
            for i, j in zip(shared.row.tolist(), shared.col.tolist(), strict=True):
                if start + i < j:
                    pairs.add((start + i, j))
        return sorted(pairs)

    def _linked(
        self, score: float, a: tuple[date, date] | None, b: tuple[date, date] | None
    ) -> bool:
        return score >= self.required_similarity(_gap_days(a, b))

    def required_similarity(self, gap: int | None) -> float:
        """The similarity a link needs at a date gap: more the further apart.

        Within one news cycle (or when a date is unknown) ``min_similarity``; beyond it,
        ``slope`` more per doubling of the gap, up to ``strong_similarity``; nothing
        links beyond ``max_gap_days``.
        """
        if gap is None or gap <= self.window_days:
            return self.min_similarity
        if gap > self.max_gap_days:
            return math.inf
        rise = self.slope * math.log2(gap / max(self.window_days, 1))
        return round(min(self.strong_similarity, self.min_similarity + rise), 3)


def _weighted(texts: Sequence[str]) -> sparse.csr_matrix | None:
    """Sublinear term counts times a fixed inverse word frequency, rows L2-normalised.

    The weight of a word is the square of ``ln(10) * (9 - zipf)``, the information
    content of the word in general English (``zipf`` is log10 of its frequency per
    billion words): a street or person's name (zipf 0-2) weighs two to four times a
    town's name or a common noun (zipf 4-5), so incidents in one town stay apart, without
    looking at the other documents. A two-word term weighs as its rarer word. (Squared,
    because the plain information content linked different incidents in one town; checked
    on GVA news exports with seed 1, see docs/reliability.md.)
    """
    vectorizer = CountVectorizer(
        lowercase=True,
        token_pattern=r"(?u)\b[^\W\d_][\w'’-]{2,}\b|\b\d{3,5}\b",
        stop_words=sorted(_stop_words()),
        ngram_range=(1, 2),
        dtype=np.float32,
    )
    try:
        counts = vectorizer.fit_transform([_clean(t) for t in texts]).tocsr()
    except ValueError:
        return None
    weights = np.array(
        [_term_weight(term) for term in vectorizer.get_feature_names_out()], dtype=np.float32
    )
    counts.data = (1 + np.log(counts.data)) * weights[counts.indices]
    norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sparse.csr_matrix(sparse.diags(1 / norms) @ counts, dtype=np.float32)


def _term_weight(term: str) -> float:
    return max(_word_weight(word) for word in term.split())


@lru_cache(maxsize=200_000)
def _word_weight(word: str) -> float:
    return round((math.log(10) * (9.0 - min(_zipf(word), 8.0))) ** 2, 4)


def _zipf(word: str) -> float:
    """Zipf frequency of ``word`` in English; 0 (very rare) without ``wordfreq``."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return 0.0
    return float(zipf_frequency(word, "en"))


def _row_dots(matrix: sparse.csr_matrix, pairs: list[tuple[int, int]]) -> list[float]:
    """Cosine of each pair of rows (rows are L2-normalised), rounded for stable ties."""
    out: list[float] = []
    for start in range(0, len(pairs), 4096):
        chunk = np.array(pairs[start : start + 4096], dtype=np.int64).reshape(-1, 2)
        dots = np.asarray(matrix[chunk[:, 0]].multiply(matrix[chunk[:, 1]]).sum(axis=1)).ravel()
        out.extend(round(float(d), 3) for d in dots)
    return out


def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | _NEWS_WORDS


_URL = re.compile(r"https?://\S+|www\.\S+")


def _clean(text: str) -> str:
    return _URL.sub(" ", text)


def _gap_days(a: tuple[date, date] | None, b: tuple[date, date] | None) -> int | None:
    """Days between two date windows (0 when they overlap); None when either is unknown."""
    if a is None or b is None:
        return None
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union(parent: list[int], i: int, j: int) -> None:
    a, b = _find(parent, i), _find(parent, j)
    if a != b:
        parent[max(a, b)] = min(a, b)


def _relabel(roots: Sequence[int]) -> np.ndarray:
    """Events numbered by their first document, so labels follow the input order."""
    mapping: dict[int, int] = {}
    return np.array([mapping.setdefault(r, len(mapping)) for r in roots], dtype=int)


def group_documents(
    documents: Sequence[Document], grouper: EventGrouper | None = None
) -> dict[str, int]:
    """Event label of every document, by document id."""
    grouper = grouper or EventGrouper()
    skip = shared_lines(documents)
    labels = grouper.fit_predict(
        [lead_text(d, skip=skip) for d in documents], [date_window(d) for d in documents]
    )
    return {d.id: int(label) for d, label in zip(documents, labels, strict=True)}


__all__ = ["EventGrouper", "date_window", "group_documents", "lead_text", "shared_lines"]
