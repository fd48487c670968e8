"""Concepts: the units of information a summary should cover.

Following ICSISumm (Gillick & Favre 2009), a concept is a content word bigram (lower-cased,
lightly stemmed; a bigram of two stopwords is not content). Its weight is the number of
*independent* sources that mention it, so that a copied or spun article does not count twice.
Everything is built as scipy.sparse matrices over the story's sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from scipy import sparse

_STOPWORDS_TEXT = """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves said says say
    told tell mr mrs ms one two new also year years would could may might must shall us"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
_TOKEN = re.compile(r"[a-z0-9]+")
_SUFFIXES = (
    ("ational", "ate"), ("ization", "ize"), ("fulness", "ful"), ("ousness", "ous"),
    ("iveness", "ive"), ("ements", ""), ("ement", ""), ("ments", ""), ("ment", ""),
    ("ingly", ""), ("edly", ""), ("ings", ""), ("ing", ""), ("ies", "y"), ("ied", "y"),
    ("sses", "ss"), ("ness", ""), ("ers", "er"), ("ed", ""), ("es", ""), ("ly", ""), ("s", ""),
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: merges inflections (kills/killed/killing) like Porter mostly does."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix):
            base = word[: len(word) - len(suffix)]
            if len(base) < 3 or not any(c in "aeiouy" for c in base):
                continue
            if suffix == "s" and word[-2] in "su":
                return word  # "class", "virus"
            if suffix in {"ed", "ing", "ings"} and len(base) > 3 and base[-1] == base[-2] \
                    and base[-1] not in "lsz":
                base = base[:-1]  # "stopped" -> "stop"
            return base + repl
    return word


def tokens(text: str) -> list[str]:
    """Lower-cased alphanumeric tokens, as ROUGE tokenises."""
    return _TOKEN.findall(text.lower())


def content_terms(text: str) -> tuple[list[str], list[str]]:
    """(stemmed content unigrams, stemmed content bigrams) of a sentence."""
    toks = tokens(text)
    stems = [stem(t) for t in toks]
    stop = [t in STOPWORDS for t in toks]
    unigrams = [s for s, st in zip(stems, stop, strict=True) if not st and len(s) > 1]
    bigrams = [
        f"{stems[i]} {stems[i + 1]}"
        for i in range(len(stems) - 1)
        if not (stop[i] and stop[i + 1])
    ]
    return unigrams, bigrams


class Vocabulary:
    """Term -> column index, grown while building count matrices."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def matrix(self, docs: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """Counts of each term in each doc (rows = docs), as CSR."""
        indptr = [0]
        indices: list[int] = []
        index = self.index
        for terms in docs:
            for t in terms:
                j = index.get(t)
                if j is None:
                    j = index[t] = len(index)
                indices.append(j)
            indptr.append(len(indices))
        data = np.ones(len(indices), dtype=np.float64)
        m = sparse.csr_matrix(
            (data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
            shape=(len(docs), max(len(index), 1)),
        )
        m.sum_duplicates()
        return m


def group_rows(groups: np.ndarray, n_groups: int) -> sparse.csr_matrix:
    """A (groups x rows) 0/1 matrix: left-multiply to pool row counts per group."""
    rows = len(groups)
    return sparse.csr_matrix(
        (np.ones(rows), (groups, np.arange(rows))), shape=(n_groups, rows)
    )
