"""Story grouping: online single-pass clustering against story centroids, with repair.

:class:`StoryGrouper` is incremental (scikit-learn style: parameters in the constructor, state in
attributes, ``update(articles)`` per batch); :func:`group_articles` runs it once over a list.

An article is a hashed TF-IDF vector of its words (title words count twice) concatenated with a
hashed TF-IDF vector of its named entities (people, organisations, places, events; a person's
surname also counts on its own so "Reid" meets "Tara Reid"). Document frequencies are kept as
running counts, so the vectoriser never needs a second pass. A story is the sum of its members'
(unit) vectors, pruned to its heaviest terms so memory stays flat in the number of articles.

Score of an article against a story = cosine(article, story centroid), minus a penalty when both
mention years and the article does not name the story's main year (two earthquakes in different
years use the same words), minus a
penalty when publication dates lie far apart. Per batch:

1. single pass, densest articles first (see :meth:`_single_pass`): join the best story if the score reaches ``threshold``,
   else open a new one;
2. refinement: every article of the batch is re-scored against the final centroids (its own
   contribution left out) and moves if another story scores better - this makes the result depend
   little on the input order;
3. orphan adoption: a story of at most ``orphan_size`` articles joins the one story it is clearly
   closest to (at least ``orphan_threshold``, and ``orphan_margin`` times the runner-up) - short
   or off-angle reports fall just under ``threshold`` against their own story only;
4. merge repair: stories touched by the batch whose centroids score ``merge_threshold`` against
   another story are merged (one event reported in two waves).
5. split: a story opened in this batch whose halves (2-means on names and years) barely overlap is
   bisected (two sister events that the single pass joined) - unless the halves' whole vectors
   are as close as merge repair asks (then the names differ but the story is one).

All scoring is matrix products (scipy.sparse / numpy): an article meets every story at once, and
articles of one batch meet each other through a Gram matrix, never through a Python pair loop.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from ..model import Article
from .features import (
    NO_DATE,
    WORD,
    YEAR_BASE,
    YEAR_SPAN,
    Batch,
    day_of,
    entity_tokens,
    prune_rows,
    stop_words,
    weight_parts,
    years_of,
)

__all__ = ["StoryGrouper", "group_articles"]

class StoryGrouper:
    """Incremental story grouping; see the module docstring for the method.

    Parameters
    ----------
    threshold: minimum score for an article to join an existing story.
    merge_threshold: minimum centroid-to-centroid score to merge two stories.
    entity_weight: share of the vector given to named entities (the rest to words).
    year_penalty: subtracted when article and story both name years and the article does not
        name the story's main (most mentioned) year.
    date_window: days between publication dates beyond which ``date_penalty`` applies.
    n_features: hashing space per part (words, entities).
    max_terms: terms kept per story centroid (memory bound).
    max_active: stories kept in memory for matching; the least recently updated are dropped.
    refine_iter: refinement passes per batch.
    split_threshold: bisect a new story whose halves' name-and-year centroids are less similar
        than this (and whose whole centroids score under ``merge_threshold``).
    min_split: fewest articles on each side of a split.
    orphan_threshold, orphan_margin, orphan_size: a story of at most ``orphan_size`` articles
        joins its best other story when that scores ``orphan_threshold`` and ``orphan_margin``
        times the second best (0: off); it is judged once ``orphan_wait`` more articles have
        arrived (:func:`group_articles`, which sees the whole stream at once, uses 0).
    density_k: the single pass visits the articles of a batch in order of the sum of their
        ``density_k`` strongest similarities (0: input order).
    """

    def __init__(
        self,
        threshold: float = 0.22,
        merge_threshold: float = 0.6,
        entity_weight: float = 0.4,
        year_penalty: float = 0.15,
        date_window: int = 30,
        date_penalty: float = 0.1,
        n_features: int = 2**18,
        max_terms: int = 400,
        max_active: int = 5000,
        refine_iter: int = 3,
        split_threshold: float = 0.3,
        density_k: int = 10,
        min_split: int = 3,
        orphan_threshold: float = 0.1,
        orphan_margin: float = 1.5,
        orphan_size: int = 2,
        orphan_wait: int = 200,
    ) -> None:
        self.orphan_wait = orphan_wait
        self.orphan_size = orphan_size
        self.orphan_threshold = orphan_threshold
        self.orphan_margin = orphan_margin
        self.split_threshold = split_threshold
        self.density_k = density_k
        self.min_split = min_split
        self.threshold = threshold
        self.merge_threshold = merge_threshold
        self.entity_weight = entity_weight
        self.year_penalty = year_penalty
        self.date_window = date_window
        self.date_penalty = date_penalty
        self.n_features = n_features
        self.max_terms = max_terms
        self.max_active = max_active
        self.refine_iter = refine_iter
        self._reset()

    # ------------------------------------------------------------------ state
    def _reset(self) -> None:
        f = self.n_features
        self.n_docs_ = 0
        self.df_ = np.zeros(2 * f, dtype=np.int64)  # running document frequencies
        self.next_story_ = 0
        self.story_ids_: list[int] = []  # active stories, row order of the arrays below
        self.centroids_ = sp.csr_matrix((0, 2 * f), dtype=np.float64)
        self.sizes_ = np.zeros(0, dtype=np.int64)
        self.years_ = np.zeros((0, YEAR_SPAN), dtype=np.float32)  # summed year profiles
        self.day_lo_ = np.zeros(0, dtype=np.int64)
        self.day_hi_ = np.zeros(0, dtype=np.int64)
        self.touched_ = np.zeros(0, dtype=np.int64)  # batch counter of the last update
        self.since_ = np.zeros(0, dtype=np.int64)  # articles seen before the last update
        self.batches_ = 0
        self.merged_: dict[int, int] = {}  # story id -> the story it was merged into

    def get_state(self) -> bytes:
        """The whole state as bytes (for the store); :meth:`set_state` restores it."""
        meta = {
            "params": self.get_params(), "n_docs": self.n_docs_, "next_story": self.next_story_,
            "story_ids": self.story_ids_, "batches": self.batches_,
            "merged": {str(k): v for k, v in self.merged_.items()},
        }
        buf = io.BytesIO()
        c = self.centroids_.tocsr()
        nz = np.flatnonzero(self.df_)
        np.savez_compressed(
            buf, meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
            df_idx=nz, df_val=self.df_[nz], c_data=c.data, c_indices=c.indices,
            c_indptr=c.indptr, sizes=self.sizes_, years=self.years_, day_lo=self.day_lo_,
            day_hi=self.day_hi_, touched=self.touched_, since=self.since_,
        )
        return buf.getvalue()

    def set_state(self, state: bytes) -> StoryGrouper:
        z = np.load(io.BytesIO(state))
        meta = json.loads(z["meta"].tobytes().decode())
        self.set_params(**meta["params"])
        self._reset()
        self.n_docs_ = meta["n_docs"]
        self.next_story_ = meta["next_story"]
        self.story_ids_ = list(meta["story_ids"])
        self.batches_ = meta["batches"]
        self.merged_ = {int(k): v for k, v in meta["merged"].items()}
        self.df_[z["df_idx"]] = z["df_val"]
        self.centroids_ = sp.csr_matrix(
            (z["c_data"], z["c_indices"], z["c_indptr"]), shape=(len(self.story_ids_), 2 * self.n_features)
        )
        self.sizes_, self.years_ = z["sizes"], z["years"]
        self.day_lo_, self.day_hi_, self.touched_ = z["day_lo"], z["day_hi"], z["touched"]
        # states written before orphan adoption: count every story as settled
        self.since_ = z["since"] if "since" in z.files else np.zeros(len(self.story_ids_), np.int64)
        return self

    def get_params(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in (
            "threshold", "merge_threshold", "entity_weight", "year_penalty", "date_window",
            "date_penalty", "n_features", "max_terms", "max_active", "refine_iter", "split_threshold",
            "density_k", "min_split", "orphan_threshold", "orphan_margin",
            "orphan_size", "orphan_wait")}

    def set_params(self, **params: Any) -> StoryGrouper:
        for k, v in params.items():
            setattr(self, k, v)
        return self

    def resolve(self, story: int) -> int:
        """The story a (possibly merged-away) story id lives on in."""
        while story in self.merged_:
            story = self.merged_[story]
        return story

    # ------------------------------------------------------------------ features
    def _vectorize(self, articles: Sequence[Article]) -> Batch:
        from sklearn.feature_extraction.text import HashingVectorizer

        stop = stop_words()
        words, ents = [], []
        for a in articles:
            toks = [t for t in WORD.findall(a.text.lower()) if t not in stop]
            title = [t for t in WORD.findall((a.title or "").lower()) if t not in stop]
            words.append(toks + 2 * title)
            ents.append(entity_tokens(a))
        hv = HashingVectorizer(n_features=self.n_features, analyzer=lambda x: x,
                               alternate_sign=False, norm=None, dtype=np.float64)
        tf = sp.hstack([hv.transform(words), hv.transform(ents)]).tocsr()
        tf.data = 1.0 + np.log(tf.data)  # sublinear tf
        # running idf: the batch's own counts are included, so a single batch equals fit-on-stream
        present = tf.copy()
        present.data[:] = 1
        self.df_ += np.asarray(present.sum(axis=0)).ravel().astype(np.int64)
        self.n_docs_ += len(articles)
        idf = np.log((1.0 + self.n_docs_) / (1.0 + self.df_)) + 1.0
        X = tf @ sp.diags(idf)
        X = weight_parts(X.tocsr(), self.n_features, self.entity_weight)
        years = np.zeros((len(articles), YEAR_SPAN), dtype=np.float32)
        days = np.full(len(articles), NO_DATE, dtype=np.int64)
        for i, a in enumerate(articles):
            for y in years_of(a):
                years[i, y - YEAR_BASE] += 1
            days[i] = day_of(a.published)
        sums = years.sum(axis=1, keepdims=True)
        np.divide(years, sums, out=years, where=sums > 0)
        return Batch([a.id for a in articles], X, years, days)

    # ------------------------------------------------------------------ scoring
    def _penalty(self, years_a: np.ndarray, days_a: np.ndarray, years_s: np.ndarray,
                 lo_s: np.ndarray, hi_s: np.ndarray) -> np.ndarray:
        """Date penalties (n_a, n_s): the story's main year not named, far-apart publication dates."""
        # the article must name the story's main year: comparing with the whole year profile let
        # a story that had absorbed a sister event (same words, other year) absorb all of it
        overlap = years_a[:, np.argmax(years_s, axis=1)] if len(years_s) else np.zeros((len(years_a), 0))
        has_a = years_a.sum(axis=1) > 0
        has_s = years_s.sum(axis=1) > 0
        pen = np.where((overlap <= 0) & has_a[:, None] & has_s[None, :], self.year_penalty, 0.0)
        known = (days_a[:, None] != NO_DATE) & (lo_s[None, :] != NO_DATE)
        gap = np.maximum(lo_s[None, :] - days_a[:, None], days_a[:, None] - hi_s[None, :])
        pen = pen + np.where(known & (gap > self.date_window), self.date_penalty, 0.0)
        return pen

    # ------------------------------------------------------------------ the batch
    def update(self, articles: Iterable[Article]) -> dict[str, int]:
        """Group a batch of articles into the stories seen so far; returns id -> story id.

        Stories may also merge: :meth:`resolve` maps an earlier story id to its current one.
        """
        arts = list(articles)
        if not arts:
            return {}
        self.batches_ += 1
        b = self._vectorize(arts)
        label = self._single_pass(b)
        for _ in range(self.refine_iter):
            if not self._refine(b, label):
                break
        if self.orphan_threshold > 0:
            self._adopt_orphans(b, label)
        label = self._merge(b, label)
        if self.split_threshold > 0:
            label = self._split(b, label)
        assigned = self._commit(b, label)
        return {aid: assigned[int(j)] for aid, j in zip(b.ids, label, strict=True)}

    def _single_pass(self, b: Batch) -> np.ndarray:
        """Greedy pass: join the best story (old or opened in this batch) or open a new one."""
        n, k_old = b.X.shape[0], len(self.story_ids_)
        gram = (b.X @ b.X.T).toarray()  # article-article dot products within the batch
        if k_old:
            s_old = (b.X @ self.centroids_.T).toarray()  # dots with the stored centroids
            norm_old = np.sqrt(np.asarray(self.centroids_.multiply(self.centroids_).sum(axis=1)).ravel())
            pen_old = self._penalty(b.years, b.days, self.years_, self.day_lo_, self.day_hi_)
        else:
            s_old = np.zeros((n, 0))
            norm_old = np.zeros(0)
            pen_old = np.zeros((n, 0))
        label = np.full(n, -1, dtype=np.int64)
        # dots of every article with each story's batch additions, and the stories' squared norms
        add_dot = np.zeros((n, k_old + n))
        sq = np.concatenate([norm_old**2, np.zeros(n)])
        years = np.vstack([self.years_ * 1.0, np.zeros((n, YEAR_SPAN))])
        lo = np.concatenate([self.day_lo_, np.full(n, NO_DATE)])
        hi = np.concatenate([self.day_hi_, np.full(n, NO_DATE)])
        base = np.concatenate([s_old, np.zeros((n, n))], axis=1)
        k = k_old
        # visit articles in order of density (sum of their strongest similarities within the
        # batch): stories are seeded by central articles, not by whichever came first, so the
        # result hardly depends on the input order
        top = min(self.density_k, n - 1)
        if top > 0:
            off = gram - np.diag(np.diag(gram))
            density = -np.sort(-off, axis=1)[:, :top].sum(axis=1)
            visit = np.argsort(-density, kind="stable")
        else:
            visit = np.arange(n)
        for i in visit:
            if k:
                dots = base[i, :k] + add_dot[i, :k]
                sims = dots / np.maximum(np.sqrt(sq[:k]), 1e-12)
                pen = np.concatenate([
                    pen_old[i],
                    self._penalty(b.years[i:i + 1], b.days[i:i + 1], years[k_old:k],
                                  lo[k_old:k], hi[k_old:k])[0],
                ])
                score = sims - pen
                j = int(np.argmax(score))
                if score[j] < self.threshold:
                    j = k
            else:
                j = 0
            if j == k:
                k += 1
            dot_self = base[i, j] + add_dot[i, j]
            sq[j] += 2 * dot_self + gram[i, i]
            add_dot[:, j] += gram[:, i]
            years[j] += b.years[i]
            if b.days[i] != NO_DATE:
                lo[j] = b.days[i] if lo[j] == NO_DATE else min(lo[j], b.days[i])
                hi[j] = b.days[i] if hi[j] == NO_DATE else max(hi[j], b.days[i])
            label[i] = j
        return label

    def _batch_centroids(self, b: Batch, label: np.ndarray) -> tuple[sp.csr_matrix, np.ndarray,
                                                                        np.ndarray, np.ndarray,
                                                                        np.ndarray]:
        """Centroids, year profiles and date spans of old + new stories after adding the batch."""
        n, k_old = b.X.shape[0], len(self.story_ids_)
        k = max(k_old, int(label.max()) + 1)
        member = sp.csr_matrix((np.ones(n), (label, np.arange(n))), shape=(k, n))
        old = sp.vstack([self.centroids_, sp.csr_matrix((k - k_old, self.centroids_.shape[1]))])
        cent = (old + member @ b.X).tocsr()
        years = np.vstack([self.years_, np.zeros((k - k_old, YEAR_SPAN), np.float32)])
        years = years + member @ b.years
        lo = np.concatenate([self.day_lo_, np.full(k - k_old, NO_DATE)])
        hi = np.concatenate([self.day_hi_, np.full(k - k_old, NO_DATE)])
        for i in np.flatnonzero(b.days != NO_DATE):
            j, d = label[i], b.days[i]
            lo[j] = d if lo[j] == NO_DATE else min(lo[j], d)
            hi[j] = d if hi[j] == NO_DATE else max(hi[j], d)
        return cent, years, lo, hi, member

    def _refine(self, b: Batch, label: np.ndarray) -> bool:
        """One k-means-like step over the batch; returns whether any article moved."""
        cent, years, lo, hi, _ = self._batch_centroids(b, label)
        n = b.X.shape[0]
        dots = (b.X @ cent.T).toarray()
        sq = np.asarray(cent.multiply(cent).sum(axis=1)).ravel()
        rows = np.arange(n)
        # leave the article out of its own story, or a singleton would always keep itself
        own = dots[rows, label].copy()
        xx = np.asarray(b.X.multiply(b.X).sum(axis=1)).ravel()
        sq_own = np.maximum(sq[label] - 2 * own + xx, 0.0)
        sims = dots / np.maximum(np.sqrt(sq), 1e-12)
        sims[rows, label] = np.where(sq_own > 1e-9, (own - xx) / np.sqrt(np.maximum(sq_own, 1e-12)), -1.0)
        # the year profile of a story should not count the article itself either: approximate by
        # the full profile (one article rarely decides a multi-article profile)
        score = sims - self._penalty(b.years, b.days, years, lo, hi)
        best = np.argmax(score, axis=1)
        best_score = score[rows, best]
        own_score = score[rows, label]
        alone = sq_own <= 1e-9
        move = (best != label) & (best_score >= self.threshold) & (
            (best_score > own_score + 1e-6) | alone
        )
        # an article that fits nowhere any more leaves for a story of its own
        leave = (~alone) & (own_score < self.threshold) & (best_score < self.threshold)
        if not move.any() and not leave.any():
            return False
        label[move] = best[move]
        nxt = int(label.max()) + 1
        for i in np.flatnonzero(leave & ~move):
            label[i] = nxt
            nxt += 1
        _compact(label, len(self.story_ids_))
        return True

    def _story_scores(self, cent: sp.csr_matrix, years: np.ndarray, lo: np.ndarray,
                      hi: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Scores (len(rows), k) of stories ``rows`` against all: centroid cosine minus penalties."""
        norms = np.sqrt(np.asarray(cent.multiply(cent).sum(axis=1)).ravel())
        unit = (sp.diags(1.0 / np.maximum(norms, 1e-12)) @ cent).tocsr()
        sims = (unit[rows] @ unit.T).toarray()
        yrs = years / np.maximum(years.sum(axis=1, keepdims=True), 1e-12)
        # a story's date span is compared through its midpoint
        mid = np.where(lo != NO_DATE, (lo + hi) // 2, NO_DATE)
        return sims - self._penalty(yrs[rows], mid[rows], yrs, lo, hi)

    def _adopt_orphans(self, b: Batch, label: np.ndarray) -> None:
        """A tiny story joins the story it is clearly closest to, though under threshold.

        Short or off-angle reports of an event often score just under ``threshold`` against its
        story while scoring near nothing against all others: a story of at most ``orphan_size``
        articles (touched by this batch) whose best other story scores at least
        ``orphan_threshold`` and ``orphan_margin`` times the runner-up is folded into it.
        """
        cent, years, lo, hi, member = self._batch_centroids(b, label)
        k_old, k = len(self.story_ids_), cent.shape[0]
        sizes = np.concatenate([self.sizes_, np.zeros(k - k_old, np.int64)])
        sizes = sizes + np.asarray(member.sum(axis=1)).ravel().astype(np.int64)
        # evidence: the articles the stream has shown since the story was last updated; an orphan
        # is judged once, when that reaches ``orphan_wait`` (by then a sister event's reports, if
        # any, have had their chance to open a story of their own)
        n = len(b.ids)
        since = np.concatenate([self.since_, np.full(k - k_old, self.n_docs_ - n)])
        since[np.unique(label)] = self.n_docs_ - n
        seen = self.n_docs_ - since
        due = (seen >= self.orphan_wait) & ((seen - n < self.orphan_wait) | (since == self.n_docs_ - n))
        small = np.flatnonzero(due & (sizes <= self.orphan_size) & (sizes > 0))
        if not len(small) or k < 2:
            return
        score = self._story_scores(cent, years, lo, hi, small)
        score[np.arange(len(small)), small] = -np.inf
        score[:, sizes == 0] = -np.inf
        top2 = -np.sort(-score, axis=1)[:, :2]
        best = np.argmax(score, axis=1)
        ok = (top2[:, 0] >= self.orphan_threshold) & (
            top2[:, 0] >= self.orphan_margin * np.maximum(top2[:, 1], 1e-3))
        # joined as a union, so two orphans that pick each other end up together, not swapped
        roots = _join(k, zip(small[ok], best[ok], strict=True))
        self._merge_old(roots)
        label[:] = roots[label]
        _compact(label, k_old)

    def _merge(self, b: Batch, label: np.ndarray) -> np.ndarray:
        """Merge stories touched by this batch into any story whose centroid scores high."""
        cent, years, lo, hi, _ = self._batch_centroids(b, label)
        touched = np.unique(label)
        score = self._story_scores(cent, years, lo, hi, touched)
        score[np.arange(len(touched)), touched] = -1.0
        r, c = np.nonzero(score >= self.merge_threshold)
        roots = _join(cent.shape[0], zip(touched[r], c, strict=True))
        self._merge_old(roots)
        label = roots[label]
        return label

    def _split(self, b: Batch, label: np.ndarray) -> np.ndarray:
        """Bisect stories opened in this batch that hold two events (two similar clusters).

        Spherical 2-means on the members; the split is kept when both halves hold ``min_split``
        articles, their name-and-year centroids are less similar than ``split_threshold`` and
        their whole centroids less than ``merge_threshold``.
        """
        k_old = len(self.story_ids_)
        nxt = int(label.max()) + 1
        for j in np.unique(label[label >= k_old]):
            rows = np.flatnonzero(label == j)
            if len(rows) < 2 * self.min_split:
                continue
            # names and years tell sister events apart; shared topic words do not
            Xs = b.X[rows][:, self.n_features:]
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
            if min(n1, len(rows) - n1) < self.min_split:
                continue
            m1 = side.astype(float)
            m0 = 1.0 - m1
            cos = (m0 @ G @ m1) / np.sqrt(max((m0 @ G @ m0) * (m1 @ G @ m1), 1e-12))
            # halves that merge repair would join again are one story
            if cos < self.split_threshold and self._halves_cos(b, rows, side) < self.merge_threshold:
                label[rows[side]] = nxt
                nxt += 1
        return label

    @staticmethod
    def _halves_cos(b: Batch, rows: np.ndarray, side: np.ndarray) -> float:
        """Cosine of the two sides' centroids over the whole vector (words and names)."""
        sides = sp.csr_matrix(np.vstack([side, ~side]).astype(float))
        c = (sides @ b.X[rows]).tocsr()  # the two sides' summed vectors
        g = (c @ c.T).toarray()
        return float(g[0, 1] / np.sqrt(max(g[0, 0] * g[1, 1], 1e-12)))

    def _merge_old(self, roots: np.ndarray) -> None:
        """Fold stored stories that a merge joined into their surviving row."""
        k_old = len(self.story_ids_)
        gone = [j for j in range(k_old) if roots[j] != j]
        if not gone:
            return
        fold = sp.csr_matrix((np.ones(k_old), (roots[:k_old], np.arange(k_old))), shape=(k_old, k_old))
        self.centroids_ = (fold @ self.centroids_).tocsr()
        self.years_ = (fold @ self.years_).astype(np.float32)
        self.sizes_ = fold @ self.sizes_
        for j in gone:
            r = roots[j]
            self.merged_[self.story_ids_[j]] = self.story_ids_[r]
            lo = [d for d in (self.day_lo_[r], self.day_lo_[j]) if d != NO_DATE]
            hi = [d for d in (self.day_hi_[r], self.day_hi_[j]) if d != NO_DATE]
            self.day_lo_[r] = min(lo) if lo else NO_DATE
            self.day_hi_[r] = max(hi) if hi else NO_DATE
        # merged-away rows are emptied and dropped at commit
        for j in gone:
            self.sizes_[j] = 0

    def _commit(self, b: Batch, label: np.ndarray) -> dict[int, int]:
        """Fold the batch into the stored stories; returns row -> story id."""
        cent, years, lo, hi, member = self._batch_centroids(b, label)
        k_old = len(self.story_ids_)
        k = cent.shape[0]
        sizes = np.concatenate([self.sizes_, np.zeros(k - k_old, np.int64)])
        sizes += np.asarray(member.sum(axis=1)).ravel().astype(np.int64)
        ids = list(self.story_ids_)
        for _ in range(k - k_old):
            ids.append(self.next_story_)
            self.next_story_ += 1
        touched = np.concatenate([self.touched_, np.zeros(k - k_old, np.int64)])
        touched[np.unique(label)] = self.batches_
        since = np.concatenate([self.since_, np.zeros(k - k_old, np.int64)])
        since[np.unique(label)] = self.n_docs_ - len(b.ids)
        row_to_id = {j: ids[j] for j in range(k)}
        keep = np.flatnonzero(sizes > 0)
        if len(keep) > self.max_active:  # forget the least recently updated stories
            keep = keep[np.argsort(-touched[keep], kind="stable")[: self.max_active]]
            keep.sort()
        self.centroids_ = prune_rows(cent[keep], self.max_terms)
        self.years_ = years[keep].astype(np.float32)
        self.day_lo_, self.day_hi_ = lo[keep], hi[keep]
        self.sizes_, self.touched_, self.since_ = sizes[keep], touched[keep], since[keep]
        self.story_ids_ = [ids[j] for j in keep]
        return row_to_id


def group_articles(articles: list[Article], **params: Any) -> list[list[str]]:
    """Group annotated articles into stories (lists of article ids, in input order)."""
    if not articles:
        return []
    # the whole stream is at hand: an orphan has seen all the evidence there will be
    grouper = StoryGrouper(**{"orphan_wait": 0, **params})
    assigned = grouper.update(articles)
    stories: dict[int, list[str]] = {}
    for a in articles:
        stories.setdefault(grouper.resolve(assigned[a.id]), []).append(a.id)
    return list(stories.values())


def _join(k: int, pairs: Iterable[tuple[Any, Any]]) -> np.ndarray:
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


def _compact(label: np.ndarray, k_old: int) -> None:
    """Renumber batch-opened stories (rows >= k_old) densely, keeping first-appearance order."""
    new = {}
    for i, j in enumerate(label):
        if j >= k_old:
            label[i] = new.setdefault(int(j), k_old + len(new))
