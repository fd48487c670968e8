"""Features for story grouping: tokens, named-entity tokens, years and days, vector helpers."""

from __future__ import annotations

import re
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
