"""Sentence similarity for redundancy and citations.

Every sentence of the story becomes a TF-IDF vector of stemmed content unigrams and bigrams.
One sparse product gives the cosine of each summary sentence with every sentence of the story;
an article is cited when one of its sentences is a near-paraphrase (cosine >= ``PARAPHRASE``).
Copies are cited like any other article that holds the sentence; they only add no weight when
sentences are chosen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
from scipy import sparse

PARAPHRASE = 0.6
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def tfidf(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows (sublinear tf, smoothed idf) of a count matrix."""
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1 + counts.shape[0]) / (1 + df)) + 1.0
    w = counts.astype(np.float64)
    w.data = 1.0 + np.log(w.data)
    w = (w @ sparse.diags(idf)).tocsr()
    norms = np.sqrt(np.asarray(w.multiply(w).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return (sparse.diags(1.0 / norms) @ w).tocsr()


def similar_to(rows: sparse.csr_matrix, threshold: float) -> Callable[[int], np.ndarray]:
    """``f(j)``: indices of the rows whose cosine with row ``j`` is >= threshold (``j`` too)."""
    columns = rows.T.tocsr()

    def similar(j: int) -> np.ndarray:
        sim = (rows[j] @ columns).tocsr()
        return sim.indices[sim.data >= threshold]

    return similar


def citing_articles(picked: sparse.csr_matrix, everything: sparse.csr_matrix,
                    owner: np.ndarray, picked_texts: Sequence[str], texts: Sequence[str],
                    threshold: float = PARAPHRASE) -> list[np.ndarray]:
    """For each picked row: the sorted indices of the articles that state the same thing.

    An article states it when one of its sentences has cosine >= ``threshold`` with the picked
    one and keeps all of its numbers: a rewrite that changed "200 residents" to "2,000" is
    similar in words but does not support the sentence.
    """
    sim = (picked @ everything.T).tocsr()
    out = []
    for i in range(sim.shape[0]):
        lo, hi = sim.indptr[i], sim.indptr[i + 1]
        hits = sim.indices[lo:hi][sim.data[lo:hi] >= threshold - 1e-9]
        numbers = set(_NUMBER.findall(picked_texts[i]))
        if numbers:
            hits = np.array([k for k in hits if numbers <= set(_NUMBER.findall(texts[k]))],
                            dtype=np.int64)
        out.append(np.unique(owner[hits]))
    return out
