"""Repair passes of story grouping: what the single pass and refinement got wrong, fixed per batch.

Owns the passes that join or cut whole stories after the article-level passes of
:meth:`StoryGrouper.update <storyline.group.StoryGrouper.update>`, in the order it runs them:

* :func:`adopt_orphans` - a story of at most ``orphan_size`` articles joins the one story it is
  clearly closest to (at least ``orphan_threshold``, and ``orphan_margin`` times the runner-up):
  short or off-angle reports fall just under ``threshold`` against their own story only;
* :func:`merge` - stories touched by the batch whose centroids score ``merge_threshold`` against
  another story are merged (one event reported in two waves);
* :func:`split` - a story opened in this batch whose halves (2-means on names and years) barely
  overlap is bisected (two sister events the single pass joined), unless the halves' whole
  vectors are as close as merge repair asks (then the names differ but the story is one).

and what they share: the story-vs-story scorer (:func:`story_scores`), the union-find
(:func:`join`), folding merged stored stories (:func:`merge_old`) and renumbering batch-opened
stories (:func:`compact`). Every pass takes the grouper ``g`` and the batch's ``label`` (article
-> story row) and reads the grouper's parameters; merges are recorded in ``g.merged_``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

from .features import NO_DATE, Batch

if TYPE_CHECKING:
    from . import StoryGrouper


def story_scores(g: StoryGrouper, cent: sp.csr_matrix, years: np.ndarray, lo: np.ndarray,
                 hi: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Scores (len(rows), k) of stories ``rows`` against all: centroid cosine minus penalties."""
    norms = np.sqrt(np.asarray(cent.multiply(cent).sum(axis=1)).ravel())
    unit = (sp.diags(1.0 / np.maximum(norms, 1e-12)) @ cent).tocsr()
    sims = (unit[rows] @ unit.T).toarray()
    yrs = years / np.maximum(years.sum(axis=1, keepdims=True), 1e-12)
    # a story's date span is compared through its midpoint
    mid = np.where(lo != NO_DATE, (lo + hi) // 2, NO_DATE)
    return sims - g._penalty(yrs[rows], mid[rows], yrs, lo, hi)


def adopt_orphans(g: StoryGrouper, b: Batch, label: np.ndarray) -> None:
    """A tiny story joins the story it is clearly closest to, though under threshold.

    Short or off-angle reports of an event often score just under ``threshold`` against its
    story while scoring near nothing against all others: a story of at most ``orphan_size``
    articles (touched by this batch) whose best other story scores at least
    ``orphan_threshold`` and ``orphan_margin`` times the runner-up is folded into it.
    """
    cent, years, lo, hi, member = g._batch_centroids(b, label)
    k_old, k = len(g.story_ids_), cent.shape[0]
    sizes = np.concatenate([g.sizes_, np.zeros(k - k_old, np.int64)])
    sizes = sizes + np.asarray(member.sum(axis=1)).ravel().astype(np.int64)
    # evidence: the articles the stream has shown since the story was last updated; an orphan
    # is judged once, when that reaches ``orphan_wait`` (by then a sister event's reports, if
    # any, have had their chance to open a story of their own)
    n = len(b.ids)
    since = np.concatenate([g.since_, np.full(k - k_old, g.n_docs_ - n)])
    since[np.unique(label)] = g.n_docs_ - n
    seen = g.n_docs_ - since
    due = (seen >= g.orphan_wait) & ((seen - n < g.orphan_wait) | (since == g.n_docs_ - n))
    small = np.flatnonzero(due & (sizes <= g.orphan_size) & (sizes > 0))
    if not len(small) or k < 2:
        return
    score = story_scores(g, cent, years, lo, hi, small)
    score[np.arange(len(small)), small] = -np.inf
    score[:, sizes == 0] = -np.inf
    top2 = -np.sort(-score, axis=1)[:, :2]
    best = np.argmax(score, axis=1)
    ok = (top2[:, 0] >= g.orphan_threshold) & (
        top2[:, 0] >= g.orphan_margin * np.maximum(top2[:, 1], 1e-3))
    # joined as a union, so two orphans that pick each other end up together, not swapped
    roots = join(k, zip(small[ok], best[ok], strict=True))
    merge_old(g, roots)
    label[:] = roots[label]
    compact(label, k_old)


def merge(g: StoryGrouper, b: Batch, label: np.ndarray) -> np.ndarray:
    """Merge stories touched by this batch into any story whose centroid scores high."""
    cent, years, lo, hi, _ = g._batch_centroids(b, label)
    touched = np.unique(label)
    score = story_scores(g, cent, years, lo, hi, touched)
    score[np.arange(len(touched)), touched] = -1.0
    r, c = np.nonzero(score >= g.merge_threshold)
    roots = join(cent.shape[0], zip(touched[r], c, strict=True))
    merge_old(g, roots)
    label = roots[label]
    return label


def split(g: StoryGrouper, b: Batch, label: np.ndarray) -> np.ndarray:
    """Bisect stories opened in this batch that hold two events (two similar clusters).

    Spherical 2-means on the members; the split is kept when both halves hold ``min_split``
    articles, their name-and-year centroids are less similar than ``split_threshold`` and
    their whole centroids less than ``merge_threshold``.
    """
    k_old = len(g.story_ids_)
    nxt = int(label.max()) + 1
    for j in np.unique(label[label >= k_old]):
        rows = np.flatnonzero(label == j)
        if len(rows) < 2 * g.min_split:
            continue
        # names and years tell sister events apart; shared topic words do not
        Xs = b.X[rows][:, g.n_features:]
        G = (Xs @ Xs.T).toarray() + (b.years[rows] @ b.years[rows].T)
        # seeds: the member least similar to the centroid, then the one least similar to it
        a0 = int(np.argmin(G.sum(axis=1)))
        a1 = int(np.argmin(G[a0]))
        side = G[:, a1] > G[:, a0]
        for _ in range(10):
            if side.all() or not side.any():
                break
            m1 = side.astype(float)
            m0 = 1.0 - m1
            d1 = (G @ m1) / np.sqrt(max(m1 @ G @ m1, 1e-12))
            d0 = (G @ m0) / np.sqrt(max(m0 @ G @ m0, 1e-12))
            new = d1 > d0
            if (new == side).all():
                break
            side = new
        n1 = int(side.sum())
        if min(n1, len(rows) - n1) < g.min_split:
            continue
        m1 = side.astype(float)
        m0 = 1.0 - m1
        cos = (m0 @ G @ m1) / np.sqrt(max((m0 @ G @ m0) * (m1 @ G @ m1), 1e-12))
        # halves that merge repair would join again are one story
        if cos < g.split_threshold and halves_cos(b, rows, side) < g.merge_threshold:
            label[rows[side]] = nxt
            nxt += 1
    return label


def halves_cos(b: Batch, rows: np.ndarray, side: np.ndarray) -> float:
    """Cosine of the two sides' centroids over the whole vector (words and names)."""
    sides = sp.csr_matrix(np.vstack([side, ~side]).astype(float))
    c = (sides @ b.X[rows]).tocsr()  # the two sides' summed vectors
    gram = (c @ c.T).toarray()
    return float(gram[0, 1] / np.sqrt(max(gram[0, 0] * gram[1, 1], 1e-12)))


def merge_old(g: StoryGrouper, roots: np.ndarray) -> None:
    """Fold stored stories that a merge joined into their surviving row."""
    k_old = len(g.story_ids_)
    gone = [j for j in range(k_old) if roots[j] != j]
    if not gone:
        return
    fold = sp.csr_matrix((np.ones(k_old), (roots[:k_old], np.arange(k_old))), shape=(k_old, k_old))
    g.centroids_ = (fold @ g.centroids_).tocsr()
    g.years_ = (fold @ g.years_).astype(np.float32)
    g.sizes_ = fold @ g.sizes_
    for j in gone:
        r = roots[j]
        g.merged_[g.story_ids_[j]] = g.story_ids_[r]
        lo = [d for d in (g.day_lo_[r], g.day_lo_[j]) if d != NO_DATE]
        hi = [d for d in (g.day_hi_[r], g.day_hi_[j]) if d != NO_DATE]
        g.day_lo_[r] = min(lo) if lo else NO_DATE
        g.day_hi_[r] = max(hi) if hi else NO_DATE
    # merged-away rows are emptied and dropped at commit
    for j in gone:
        g.sizes_[j] = 0


def join(k: int, pairs: Iterable[tuple[Any, Any]]) -> np.ndarray:
    """Union-find over rows ``0..k-1``: each row's surviving root, the lowest (oldest) row."""
    parent = np.arange(k)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a0, z0 in pairs:
        a, z = find(int(a0)), find(int(z0))
        if a != z:
            parent[max(a, z)] = min(a, z)
    return np.array([find(j) for j in range(k)], dtype=np.int64)


def compact(label: np.ndarray, k_old: int) -> None:
    """Renumber batch-opened stories (rows >= k_old) densely, keeping first-appearance order."""
    new = {}
    for i, j in enumerate(label):
        if j >= k_old:
            label[i] = new.setdefault(int(j), k_old + len(new))
