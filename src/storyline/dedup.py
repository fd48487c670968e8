"""Duplicate detection: exact copies, near-duplicates and spun (reworded) copies.

Three signals, cheapest first, each looked up through an index so the cost stays near-linear:

* **exact**: the same text after normalisation (case, punctuation, whitespace) -> ``duplicate-of``;
* **near**: MinHash over word 3-shingles, banded LSH, confirmed by the estimated
  Jaccard similarity -> ``near-duplicate-of`` (light edits, added boilerplate);
* **spun**: synonym spinning rewrites the common words but keeps names and numbers in their order.
  A second MinHash over consecutive pairs of such *anchor* tokens (numbers, capitalised words that
  are not stop words) finds them; a pair whose anchor sequence agrees while the surface shingles
  disagree is a ``spun-copy-of``. Two honest reports of one event share names, but not the order
  of almost all of them, so they are not flagged.

The original of a group is the earliest-published article, else the first seen; ``copy_of`` always
names that original (never a copy of a copy). :class:`MemoryIndex` keeps signatures and LSH bands
in memory; the store provides the same interface over SQLite so a new batch is checked against
everything stored without loading it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from .model import Article

NUM_PERM = 64
BANDS = 16  # 16 bands x 4 rows: a pair at Jaccard 0.7 is a candidate with p ~ 0.99, at 0.3 ~ 0.12
NEAR_JACCARD = 0.7  # surface 3-shingle similarity for a near-duplicate (light edits ~0.9)
SPUN_JACCARD = 0.6  # anchor-pair similarity for a spun copy (reworded copies keep ~1.0)
MIN_ANCHORS = 10  # texts with fewer anchors are too short to call spun
_WORD = re.compile(r"\w+", re.UNICODE)
_ANCHOR = re.compile(r"\b(?:\d[\d.,:]*\d|\d|[A-Z][\w'-]*\w)")
_SEED = 7


@dataclass
class Signature:
    """What dedup keeps of an article (enough to compare it later without its text)."""

    exact: str  # hash of the normalised text
    surface: np.ndarray  # MinHash hash values over word 3-shingles (uint64, NUM_PERM)
    anchors: np.ndarray  # MinHash hash values over consecutive anchor pairs
    n_anchors: int
    published: str | None = None
    copy_of: str | None = None  # the original this article copies, if any


class Index(Protocol):
    """Where signatures and LSH bands live (memory here, SQLite in :mod:`storyline.store`).

    ``add`` puts only originals (``sig.copy_of is None``) into the similarity bands (see
    :func:`indexed_keys`): a copy resembles its original, so matching originals is enough, and a
    text copied a thousand times then costs one candidate instead of a thousand (the cost per
    article stays flat as the store grows).
    """

    def candidates(self, kind: str, keys: Sequence[int]) -> set[str]: ...
    def signature(self, article_id: str) -> Signature | None: ...
    def add(self, article_id: str, sig: Signature) -> None: ...


class MemoryIndex:
    """In-memory :class:`Index`: band key -> article ids, id -> signature."""

    def __init__(self) -> None:
        self.bands: dict[tuple[str, int], list[str]] = {}
        self.sigs: dict[str, Signature] = {}

    def candidates(self, kind: str, keys: Sequence[int]) -> set[str]:
        out: set[str] = set()
        for k in keys:
            out.update(self.bands.get((kind, k), ()))
        return out

    def signature(self, article_id: str) -> Signature | None:
        return self.sigs.get(article_id)

    def add(self, article_id: str, sig: Signature) -> None:
        self.sigs[article_id] = sig
        for kind, keys in indexed_keys(sig).items():
            for k in keys:
                ids = self.bands.setdefault((kind, k), [])
                if kind != "exact" or not ids:  # one id per exact text is enough
                    ids.append(article_id)


def normalise(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def signature_hash(article: Article) -> str:
    """The hash of the normalised text (equal for exact duplicates)."""
    return hashlib.sha1(normalise(article.text).encode()).hexdigest()


def signature(article: Article) -> Signature:
    """Compute the dedup signature of one article."""
    norm = normalise(article.text)
    words = norm.split()
    shingles = {" ".join(words[i:i + 3]).encode() for i in range(max(len(words) - 2, 1))}
    stop = _stop_words()
    anchors = [t.lower() for t in _ANCHOR.findall(article.text) if t.lower() not in stop]
    pairs = {f"{a} {b}".encode() for a, b in zip(anchors, anchors[1:], strict=False)}
    return Signature(
        exact=hashlib.sha1(norm.encode()).hexdigest(),
        surface=minhash(shingles),
        anchors=minhash(pairs),
        n_anchors=len(anchors),
        published=article.published,
    )


# MinHash exactly as datasketch 2.x computes it (scheme "affine32", sha1_hash32, seed _SEED):
# the same hash values, so signatures stored by earlier versions still compare. Written out here
# because importing datasketch pulls in scipy.integrate, which costs the CLI ~0.4 s of start-up
# per run for 15 lines of numpy (tests/test_dedup.py checks the values against datasketch).
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35),
           np.uint32(16))
_PERMUTATIONS: tuple[np.ndarray, np.ndarray] | None = None


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    global _PERMUTATIONS
    if _PERMUTATIONS is None:
        gen = np.random.RandomState(_SEED)
        a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
        b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
        _PERMUTATIONS = (a, b)
    return _PERMUTATIONS


def minhash(values: Iterable[bytes]) -> np.ndarray:
    """MinHash hash values (uint64, NUM_PERM) of a set of byte strings."""
    hv = np.fromiter((int.from_bytes(hashlib.sha1(v).digest()[:4], "little") for v in values),
                     dtype=np.uint32)
    if hv.size == 0:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint64)
    s1, m1, s2, m2, s3 = _FMIX32
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    hv = (hv ^ (hv >> s3)).reshape(-1, 1)
    a, b = _permutations()
    return (hv * a + b).min(axis=0).astype(np.uint64)


def band_keys(sig: Signature) -> dict[str, list[int]]:
    """LSH band keys per kind (``exact`` has one key: the text hash)."""
    out = {"exact": [int(sig.exact[:15], 16)], "surface": _bands(sig.surface)}
    if sig.n_anchors >= MIN_ANCHORS:
        out["anchors"] = _bands(sig.anchors)
    return out


def indexed_keys(sig: Signature) -> dict[str, list[int]]:
    """The band keys an index stores for ``sig``: all for an original, the exact key for a copy
    (a copy of a copied text must still be found as an exact duplicate)."""
    keys = band_keys(sig)
    return keys if sig.copy_of is None else {"exact": keys["exact"]}


def _bands(values: np.ndarray) -> list[int]:
    rows = len(values) // BANDS
    keys = []
    for b in range(BANDS):
        h = hashlib.blake2b(values[b * rows:(b + 1) * rows].tobytes(), digest_size=7).digest()
        keys.append(int.from_bytes(h, "big") * BANDS + b)  # the band number keeps bands apart
    return keys


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


def classify(sig: Signature, other: Signature) -> str | None:
    """The relation of ``sig`` to an earlier article's signature, or None."""
    if sig.exact == other.exact:
        return "duplicate-of"
    surface = _jaccard(sig.surface, other.surface)
    if surface >= NEAR_JACCARD:
        return "near-duplicate-of"
    if min(sig.n_anchors, other.n_anchors) >= MIN_ANCHORS:
        ratio = min(sig.n_anchors, other.n_anchors) / max(sig.n_anchors, other.n_anchors)
        if ratio >= 0.6 and _jaccard(sig.anchors, other.anchors) >= SPUN_JACCARD:
            return "spun-copy-of"
    return None


_STRENGTH = {"duplicate-of": 3, "near-duplicate-of": 2, "spun-copy-of": 1}


def mark_duplicates(articles: list[Article], index: Index | None = None) -> None:
    """Flag copies among ``articles`` (and against ``index``, e.g. the store); sets ``copy_of``.

    Articles are visited in publication order (undated last, then input order); each is compared
    with the earlier ones found through LSH, and the strongest relation wins.
    """
    index = index if index is not None else MemoryIndex()
    order = sorted(range(len(articles)), key=lambda i: (articles[i].published or "9999", i))
    for i in order:
        a = articles[i]
        sig = signature(a)
        check_one(a, sig, index)
        index.add(a.id, sig)


def check_one(a: Article, sig: Signature, index: Index) -> None:
    """Compare one article with the indexed ones and set its flags / ``copy_of``."""
    keys = band_keys(sig)
    found: list[tuple[int, str, str]] = []
    cands: set[str] = set()
    for kind, ks in keys.items():
        cands |= index.candidates(kind, ks)
    cands.discard(a.id)
    for cid in sorted(cands):
        other = index.signature(cid)
        if other is None:
            continue
        rel = classify(sig, other)
        if rel is not None:
            found.append((-_STRENGTH[rel], other.copy_of or cid, rel))
    a.flags = [f for f in a.flags if f.split(":", 1)[0] not in _STRENGTH]
    if not found:
        a.copy_of = None
        return
    found.sort()
    _, original, rel = found[0]
    a.copy_of = original
    sig.copy_of = original
    a.flags.append(f"{rel}:{original}")


_STOP: frozenset[str] | None = None


def _stop_words() -> frozenset[str]:
    global _STOP
    if _STOP is None:
        # spaCy's English list (already loaded for NLP); importing scikit-learn for its list
        # would cost more start-up than the whole dedup stage
        from spacy.lang.en.stop_words import STOP_WORDS

        days = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
        _STOP = frozenset(STOP_WORDS) | days
    return _STOP


def iter_flags(articles: Iterable[Article]) -> dict[str, str]:
    """id -> the first dedup flag of each flagged article (handy for reports and benchmarks)."""
    return {a.id: f for a in articles for f in a.flags if f.split(":", 1)[0] in _STRENGTH}
