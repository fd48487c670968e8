"""Features for story grouping: what an article's and a story's vectors and date signals are.

Owns tokenising (words, title words twice; named-entity tokens, a person's surname on its own
too so "Reid" meets "Tara Reid"), hashed sublinear term frequencies, an article's year profile
and publication day, weighting the word and entity halves of a vector, and the vector helpers
the grouper scores with: stories plus a batch (:func:`add_batch`), date penalties
(:func:`date_penalties`), the single pass's density order (:func:`density_order`), refinement's
leave-one-out cosines (:func:`leave_one_out_cosines`) and centroid pruning (:func:`prune_rows`).
Running document frequencies and all parameters live on the grouper.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import scipy.sparse as sp

from ..model import Article

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "EVENT", "LOC", "FAC"})
WORD = re.compile(r"[^\W\d_][\w'-]*[^\W_]|[^\W\d_]{2}", re.UNICODE)
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
YEAR_BASE, YEAR_SPAN = 1800, 330  # years 1800-2129 are tracked
NO_DATE = -1


def stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "just", "like", "new", "year"}


@dataclass
class Batch:
    """The vectors and date signals of one batch of articles."""

    ids: list[str]
    X: sp.csr_matrix  # unit rows (text part and entity part weighted, then jointly normalised)
    years: np.ndarray  # (n, YEAR_SPAN) float32, rows normalised to sum 1 (or all zero)
    days: np.ndarray  # (n,) int: publication day ordinal, NO_DATE when unknown


def entity_tokens(a: Article) -> list[str]:
    out = []
    for m in a.mentions:
        if m.label not in ENTITY_LABELS:
            continue
        name = m.text.lower().removesuffix("'s").removesuffix("\u2019s").strip()
        name = re.sub(r"^the\s+", "", name)
        if not name:
            continue
        out.append("e:" + name)
        parts = name.split()
        if m.label == "PERSON" and len(parts) > 1:
            out.append("e:" + parts[-1])
    return out


def years_of(a: Article) -> list[int]:
    ys = [int(y) for m in a.mentions if m.label == "DATE" for y in YEAR.findall(m.text)]
    if a.published and YEAR.match(a.published[:4]):
        ys.append(int(a.published[:4]))
    return [y for y in ys if YEAR_BASE <= y < YEAR_BASE + YEAR_SPAN]


def day_of(published: str | None) -> int:
    if not published:
        return NO_DATE
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return NO_DATE


def term_frequencies(articles: Sequence[Article], n_features: int) -> sp.csr_matrix:
    """Sublinear hashed term frequencies (n, 2 * n_features): words, then entity tokens."""
    from sklearn.feature_extraction.text import HashingVectorizer

    stop = stop_words()
    words, ents = [], []
    for a in articles:
        toks = [t for t in WORD.findall(a.text.lower()) if t not in stop]
        title = [t for t in WORD.findall((a.title or "").lower()) if t not in stop]
        words.append(toks + 2 * title)
        ents.append(entity_tokens(a))
    hv = HashingVectorizer(n_features=n_features, analyzer=lambda x: x,
                           alternate_sign=False, norm=None, dtype=np.float64)
    tf = sp.hstack([hv.transform(words), hv.transform(ents)]).tocsr()
    tf.data = 1.0 + np.log(tf.data)  # sublinear tf
    return tf


def doc_counts(tf: sp.csr_matrix) -> np.ndarray:
    """Number of rows each term occurs in (int64, one per column)."""
    present = tf.copy()
    present.data[:] = 1
    return np.asarray(present.sum(axis=0)).ravel().astype(np.int64)


def date_signals(articles: Sequence[Article]) -> tuple[np.ndarray, np.ndarray]:
    """Year profiles (n, YEAR_SPAN; rows sum to 1 or are all zero) and publication days (n,)."""
    years = np.zeros((len(articles), YEAR_SPAN), dtype=np.float32)
    days = np.full(len(articles), NO_DATE, dtype=np.int64)
    for i, a in enumerate(articles):
        for y in years_of(a):
            years[i, y - YEAR_BASE] += 1
        days[i] = day_of(a.published)
    sums = years.sum(axis=1, keepdims=True)
    np.divide(years, sums, out=years, where=sums > 0)
    return years, days


def date_penalties(years_a: np.ndarray, days_a: np.ndarray, years_s: np.ndarray,
                   lo_s: np.ndarray, hi_s: np.ndarray, year_penalty: float, date_window: int,
                   date_penalty: float) -> np.ndarray:
    """Penalties (n_a, n_s) of articles against stories: ``year_penalty`` when both name years
    and the article does not name the story's main year, ``date_penalty`` when the publication
    day lies more than ``date_window`` days outside the story's span ``lo_s..hi_s``."""
    # the article must name the story's main year: comparing with the whole year profile let
    # a story that had absorbed a sister event (same words, other year) absorb all of it
    overlap = years_a[:, np.argmax(years_s, axis=1)] if len(years_s) else np.zeros((len(years_a), 0))
    has_a = years_a.sum(axis=1) > 0
    has_s = years_s.sum(axis=1) > 0
    pen = np.where((overlap <= 0) & has_a[:, None] & has_s[None, :], year_penalty, 0.0)
    known = (days_a[:, None] != NO_DATE) & (lo_s[None, :] != NO_DATE)
    gap = np.maximum(lo_s[None, :] - days_a[:, None], days_a[:, None] - hi_s[None, :])
    pen = pen + np.where(known & (gap > date_window), date_penalty, 0.0)
    return pen


def density_order(gram: np.ndarray, k: int) -> np.ndarray:
    """Rows of a Gram matrix, densest first: by the sum of each row's ``k`` strongest
    similarities to the others (stable; ``k`` = 0 keeps the given order)."""
    n = gram.shape[0]
    top = min(k, n - 1)
    if top <= 0:
        return np.arange(n)
    off = gram - np.diag(np.diag(gram))
    density = -np.sort(-off, axis=1)[:, :top].sum(axis=1)
    return np.argsort(-density, kind="stable")


def weight_parts(X: sp.csr_matrix, f: int, entity_weight: float) -> sp.csr_matrix:
    """Unit-normalise the word and entity halves, weight them, and renormalise the whole row."""
    words, ents = X[:, :f], X[:, f:]
    wn = np.sqrt(np.asarray(words.multiply(words).sum(axis=1)).ravel())
    en = np.sqrt(np.asarray(ents.multiply(ents).sum(axis=1)).ravel())
    ww = np.where(wn > 0, np.sqrt(1 - entity_weight) / np.maximum(wn, 1e-12), 0.0)
    ew = np.where(en > 0, np.sqrt(entity_weight) / np.maximum(en, 1e-12), 0.0)
    out = sp.hstack([sp.diags(ww) @ words, sp.diags(ew) @ ents]).tocsr()
    tn = np.sqrt(np.asarray(out.multiply(out).sum(axis=1)).ravel())
    return (sp.diags(1.0 / np.maximum(tn, 1e-12)) @ out).tocsr()


def add_batch(centroids: sp.csr_matrix, years_s: np.ndarray, lo_s: np.ndarray, hi_s: np.ndarray,
              b: Batch, label: np.ndarray) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray,
                                                    np.ndarray, sp.csr_matrix]:
    """Stored stories (rows of ``centroids`` etc.) plus the batch's articles at ``label`` rows.

    Returns the summed centroids, year profiles and date spans of old + new stories, and the
    (stories, articles) membership matrix.
    """
    n, k_old = b.X.shape[0], centroids.shape[0]
    k = max(k_old, int(label.max()) + 1)
    member = sp.csr_matrix((np.ones(n), (label, np.arange(n))), shape=(k, n))
    old = sp.vstack([centroids, sp.csr_matrix((k - k_old, centroids.shape[1]))])
    cent = (old + member @ b.X).tocsr()
    years = np.vstack([years_s, np.zeros((k - k_old, YEAR_SPAN), np.float32)])
    years = years + member @ b.years
    lo = np.concatenate([lo_s, np.full(k - k_old, NO_DATE)])
    hi = np.concatenate([hi_s, np.full(k - k_old, NO_DATE)])
    for i in np.flatnonzero(b.days != NO_DATE):
        j, d = label[i], b.days[i]
        lo[j] = d if lo[j] == NO_DATE else min(lo[j], d)
        hi[j] = d if hi[j] == NO_DATE else max(hi[j], d)
    return cent, years, lo, hi, member


def leave_one_out_cosines(X: sp.csr_matrix, cent: sp.csr_matrix,
                          label: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cosines (n, k) of the rows of ``X`` with the centroids ``cent`` (sums of member rows),
    each row's own contribution left out of its story ``label[i]`` (-1 when it is alone there),
    and whether each row is alone in its story."""
    dots = (X @ cent.T).toarray()
    sq = np.asarray(cent.multiply(cent).sum(axis=1)).ravel()
    rows = np.arange(X.shape[0])
    own = dots[rows, label].copy()
    xx = np.asarray(X.multiply(X).sum(axis=1)).ravel()
    sq_own = np.maximum(sq[label] - 2 * own + xx, 0.0)
    sims = dots / np.maximum(np.sqrt(sq), 1e-12)
    sims[rows, label] = np.where(sq_own > 1e-9, (own - xx) / np.sqrt(np.maximum(sq_own, 1e-12)), -1.0)
    return sims, sq_own <= 1e-9


def prune_rows(M: sp.csr_matrix, top: int) -> sp.csr_matrix:
    """Keep the ``top`` largest entries of each row (bounded centroid size)."""
    M = M.tocsr()
    M.sum_duplicates()
    counts = np.diff(M.indptr)
    if counts.max(initial=0) <= top:
        return M
    data, indices, indptr = [], [], [0]
    for r in range(M.shape[0]):
        lo, hi = M.indptr[r], M.indptr[r + 1]
        d, ix = M.data[lo:hi], M.indices[lo:hi]
        if hi - lo > top:
            sel = np.argpartition(-d, top)[:top]
            d, ix = d[sel], ix[sel]
        data.append(d)
        indices.append(ix)
        indptr.append(indptr[-1] + len(d))
    return sp.csr_matrix((np.concatenate(data), np.concatenate(indices), np.array(indptr)),
                         shape=M.shape)
