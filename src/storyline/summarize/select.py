"""Choose the sentences: maximise weighted concept coverage under a hard word budget.

The exact problem (ICSISumm's ILP) is small for one story — a few hundred candidate sentences
and concepts — so it is solved with HiGHS through ``scipy.optimize.milp`` under a time limit.
Concept variables may stay continuous: with positive weights the optimum sets each to
min(1, number of chosen sentences holding it), which is integral. Pairs of sentences that say
the same thing are excluded from appearing together. A cost-scaled greedy pass gives the
fallback (and the starting point when the solver is unavailable or gives up).
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

TIME_LIMIT = 0.5  # seconds for the solver; the greedy answer is used if it finds nothing
LENGTH_EXPONENT = 1.0  # gain per word**r: 1 = cost-scaled greedy, 0 = plain gain


def greedy(
    occ: sparse.csr_matrix,
    weights: np.ndarray,
    prior: np.ndarray,
    lengths: np.ndarray,
    budget: int,
    conflicts: sparse.csr_matrix,
) -> list[int]:
    """Cost-scaled greedy (Lin & Bilmes 2010): best marginal gain per word that still fits."""
    m = occ.shape[0]
    covered = np.zeros(occ.shape[1], dtype=bool)
    allowed = lengths <= budget
    chosen: list[int] = []
    left = budget
    occ_csc = occ.tocsc()
    gain = occ @ weights + prior
    while True:
        ok = allowed & (lengths <= left)
        if not ok.any():
            break
        score = np.where(ok, gain / np.maximum(lengths, 1) ** LENGTH_EXPONENT, -np.inf)
        j = int(np.argmax(score))
        if gain[j] <= 0:
            break
        chosen.append(j)
        left -= int(lengths[j])
        allowed[j] = False
        allowed[conflicts[j].indices] = False
        new = occ[j].indices[~covered[occ[j].indices]]
        covered[new] = True
        if len(new):
            # sentences sharing the newly covered concepts lose their weight
            sub = occ_csc[:, new]
            gain -= np.asarray(sub @ weights[new]).ravel()
    best_single = int(np.argmax(np.where(lengths <= budget, occ @ weights + prior, -np.inf)))
    if m and lengths[best_single] <= budget:
        single_value = float((occ[best_single] @ weights)[0] + prior[best_single])
        if single_value > _value(occ, weights, prior, chosen):
            return [best_single]
    return chosen


def _value(occ: sparse.csr_matrix, weights: np.ndarray, prior: np.ndarray, chosen: list[int]) -> float:
    if not chosen:
        return 0.0
    hit = np.asarray(occ[chosen].sum(axis=0)).ravel() > 0
    return float(weights[hit].sum() + prior[chosen].sum())


def exact(
    occ: sparse.csr_matrix,
    weights: np.ndarray,
    prior: np.ndarray,
    lengths: np.ndarray,
    budget: int,
    conflicts: sparse.csr_matrix,
    start: list[int],
) -> list[int]:
    """The ILP optimum (or the best the solver found in time); ``start`` if it finds nothing."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    m, k = occ.shape
    if m == 0:
        return []
    # rows: word budget | c_i - sum_j occ_ji s_j <= 0 | s_a + s_b <= 1 for conflicting pairs
    length_row = sparse.hstack([sparse.csr_matrix(lengths.reshape(1, -1).astype(float)),
                                sparse.csr_matrix((1, k))])
    cover_rows = sparse.hstack([-(occ.T > 0).astype(float), sparse.identity(k, format="csr")])
    pairs = sparse.triu(conflicts, k=1).tocoo()
    n_pairs = len(pairs.row)
    pair_rows = sparse.csr_matrix(
        (np.ones(2 * n_pairs), (np.repeat(np.arange(n_pairs), 2),
                                np.column_stack([pairs.row, pairs.col]).ravel())),
        shape=(n_pairs, m + k),
    )
    a = sparse.vstack([length_row, cover_rows, pair_rows], format="csr")
    upper = np.concatenate([[budget], np.zeros(k), np.ones(n_pairs)])
    cost = -np.concatenate([prior, weights])
    integrality = np.concatenate([np.ones(m), np.zeros(k)])
    res = milp(cost, constraints=LinearConstraint(a, -np.inf, upper), integrality=integrality,
               bounds=Bounds(0, 1), options={"time_limit": TIME_LIMIT, "disp": False})
    if res.x is None:
        return start
    chosen = [int(j) for j in np.flatnonzero(res.x[:m] > 0.5)]
    if _value(occ, weights, prior, chosen) < _value(occ, weights, prior, start):
        return start
    return chosen
