"""Story grouping: online single-pass clustering against story centroids, with repair.

:class:`StoryGrouper` is incremental (scikit-learn style: parameters in the constructor, state in
attributes, ``update(articles)`` per batch); :func:`group_articles` runs it once over a list.
This module owns the grouper's state (and its bytes for the store), the scoring of articles
against stories, the single pass, refinement and the commit of a batch; the article vectors are
built in :mod:`.features`, the passes that join or cut whole stories live in :mod:`.repair`.

An article is a hashed TF-IDF vector of its words concatenated with a second one of its named
entities (see :mod:`.features`); document frequencies are running counts, so the vectoriser never needs a
second pass. A story is the sum of its members' (unit) vectors, pruned to its heaviest terms so
memory stays flat in the number of articles. Score of an article against a story = cosine(article,
story centroid), minus a penalty when both mention years and the article does not name the
story's main year (two earthquakes in different years use the same words), minus a penalty when
publication dates lie far apart. Per batch:

1. single pass, densest articles first (see :meth:`_single_pass`): join the best story if the
   score reaches ``threshold``, else open a new one;
2. refinement: every article of the batch is re-scored against the final centroids (its own
   contribution left out) and moves if another story scores better - this makes the result depend
   little on the input order;
3. repair (:mod:`.repair`): orphan adoption (a tiny story joins the one story it is clearly
   closest to), merge repair (stories whose centroids score ``merge_threshold`` merge), split (a
   story opened in this batch that holds two sister events is bisected).

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
from . import repair
from .features import (
    NO_DATE,
    YEAR_SPAN,
    Batch,
    add_batch,
    date_penalties,
    date_signals,
    density_order,
    doc_counts,
    leave_one_out_cosines,
    prune_rows,
    term_frequencies,
    weight_parts,
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
        tf = term_frequencies(articles, self.n_features)
        # running idf: the batch's own counts are included, so a single batch equals fit-on-stream
        self.df_ += doc_counts(tf)
        self.n_docs_ += len(articles)
        idf = np.log((1.0 + self.n_docs_) / (1.0 + self.df_)) + 1.0
        X = tf @ sp.diags(idf)
        X = weight_parts(X.tocsr(), self.n_features, self.entity_weight)
        return Batch([a.id for a in articles], X, *date_signals(articles))

    # ------------------------------------------------------------------ scoring
    def _penalty(self, years_a: np.ndarray, days_a: np.ndarray, years_s: np.ndarray,
                 lo_s: np.ndarray, hi_s: np.ndarray) -> np.ndarray:
        """Date penalties (n_a, n_s) with this grouper's parameters (:func:`.date_penalties`)."""
        return date_penalties(years_a, days_a, years_s, lo_s, hi_s,
                              self.year_penalty, self.date_window, self.date_penalty)

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
            repair.adopt_orphans(self, b, label)
        label = repair.merge(self, b, label)
        if self.split_threshold > 0:
            label = repair.split(self, b, label)
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
        for i in density_order(gram, self.density_k):
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
                                                                        sp.csr_matrix]:
        """Centroids, year profiles and date spans of old + new stories after adding the batch."""
        return add_batch(self.centroids_, self.years_, self.day_lo_, self.day_hi_, b, label)

    def _refine(self, b: Batch, label: np.ndarray) -> bool:
        """One k-means-like step over the batch; returns whether any article moved."""
        cent, years, lo, hi, _ = self._batch_centroids(b, label)
        rows = np.arange(b.X.shape[0])
        # leave the article out of its own story, or a singleton would always keep itself
        sims, alone = leave_one_out_cosines(b.X, cent, label)
        # the year profile of a story should not count the article itself either: approximate by
        # the full profile (one article rarely decides a multi-article profile)
        score = sims - self._penalty(b.years, b.days, years, lo, hi)
        best = np.argmax(score, axis=1)
        best_score = score[rows, best]
        own_score = score[rows, label]
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
        repair.compact(label, len(self.story_ids_))
        return True

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


# A batch keeps dense n x n arrays in its single pass (article Gram matrix, story dot products:
# ~40 n^2 bytes, 1 GB at 5 000 articles): a larger input streams through in batches of this size,
# which merge repair and orphan adoption join across (memory flat, time linear).
MAX_BATCH = 2000


def group_articles(articles: list[Article], **params: Any) -> list[list[str]]:
    """Group annotated articles into stories (lists of article ids, in input order)."""
    if not articles:
        return []
    if len(articles) <= MAX_BATCH:
        # the whole stream is at hand: an orphan has seen all the evidence there will be
        grouper = StoryGrouper(**{"orphan_wait": 0, **params})
        assigned = grouper.update(articles)
    else:
        grouper = StoryGrouper(**params)
        assigned = {}
        for i in range(0, len(articles), MAX_BATCH):
            assigned.update(grouper.update(articles[i:i + MAX_BATCH]))
    stories: dict[int, list[str]] = {}
    for a in articles:
        stories.setdefault(grouper.resolve(assigned[a.id]), []).append(a.id)
    return list(stories.values())
