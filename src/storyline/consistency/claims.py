"""Findings about claims: numbers and dates (from :mod:`storyline.facts`) and publication dates.

Facts with the same kind and context but different values disagree. An article's value is
reported when no other independent source states it and at least ``MIN_SUPPORT`` other sources
agree on one other value (and the article does not state that value too in the same context).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from ..model import Article, Fact, Finding

MIN_SUPPORT = 2
# the other sources must mostly agree: a context where they give many values is too loose
CONSENSUS = 0.67
# values this far apart are different things that share a context, not one thing misreported
MAX_RATIO = 10.0
MAX_DATE_DAYS = 60
CHECKED_KINDS = ("number", "date")  # titles are checked on the entity roles (people.py)


def fact_findings(articles: Sequence[Article], facts: Sequence[Fact]) -> list[Finding]:
    source_of = {a.id: a.independent_id for a in articles}
    by_context: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for f in facts:
        if f.kind in CHECKED_KINDS and f.context:
            by_context[(f.kind, f.context.lower())].append(f)
    out = []
    for (kind, _), group in by_context.items():
        values: dict[str, set[str]] = defaultdict(set)  # value -> article ids
        for f in group:
            values[f.value].update(a for a in f.articles if a in source_of)
        if len(values) < 2:
            continue
        for value, arts in values.items():
            for art in sorted(arts):
                own = source_of[art]
                if any(source_of[a] != own for a in arts):
                    continue  # another source states it too
                best, backers = _majority(values, value, art, source_of)
                if best is None or len(backers) < MIN_SUPPORT:
                    continue
                stating = {source_of[a] for arts_ in values.values() for a in arts_} - {own}
                if len(backers) < CONSENSUS * len(stating) or not _comparable(kind, value, best):
                    continue
                support = [a for a in source_of if a in values[best] and source_of[a] != own]
                context = group[0].context
                out.append(Finding(
                    article=art, kind=kind, found=value, expected=best, support=support,
                    message=(f"{art} gives {value} for {context}; {len(backers)} other "
                             f"independent sources give {best}.")))
    return out


def _comparable(kind: str, value: str, other: str) -> bool:
    if kind == "date":
        a, b = _date(value), _date(other)
        return a is None or b is None or abs((a - b).days) <= MAX_DATE_DAYS
    x, y = _number(value), _number(other)
    if x is None or y is None or x <= 0 or y <= 0:
        return True
    return max(x, y) / min(x, y) <= MAX_RATIO


def _number(value: str) -> float | None:
    m = re.search(r"\d[\d,]*(?:\.\d+)?", value)
    if not m:
        return None
    try:
        return float(m.group(0).replace(",", ""))
    except ValueError:
        return None


def _majority(values: dict[str, set[str]], value: str, art: str,
              source_of: dict[str, str]) -> tuple[str | None, set[str]]:
    own = source_of[art]
    best, backers = None, set()
    for other, arts in values.items():
        if other == value:
            continue
        if art in arts:
            return None, set()  # the article states the other value too: not a contradiction
        srcs = {source_of[a] for a in arts} - {own}
        if len(srcs) > len(backers):
            best, backers = other, srcs
    return best, backers


# ----------------------------------------------------------------------------- publication dates
MAX_GAP_DAYS = 30  # a story's neighbours published within this many days tell the same event
NEIGHBOUR_SIMILARITY = 0.5  # cosine of TF-IDF vectors: the same report, not just the topic


def publication_findings(articles: Sequence[Article]) -> list[Finding]:
    """Articles dated far from the articles that report the same thing.

    Topic clusters can span years, so distance from the story's median date proves nothing. But
    when the articles most similar to this one (the same event, by TF-IDF cosine) were published
    within days of each other and this one is dated months away, its date is wrong.
    """
    dated = [(a, _date(a.published)) for a in articles]
    dated = [(a, d) for a, d in dated if d is not None]
    if len(dated) < MIN_SUPPORT + 1:
        return []
    sims = _similarity([a for a, _ in dated])
    days = np.array([d.toordinal() for _, d in dated])
    sources = [a.independent_id for a, _ in dated]
    out = []
    for i, (a, d) in enumerate(dated):
        near = [j for j in np.argsort(-sims[i])
                if j != i and sims[i, j] >= NEIGHBOUR_SIMILARITY and sources[j] != sources[i]]
        if len(near) < MIN_SUPPORT:
            continue
        near = near[:4]
        when = days[near]
        centre = int(np.median(when))
        close = [j for j, w in zip(near, when, strict=True) if abs(w - centre) <= 7]
        if len({sources[j] for j in close}) < MIN_SUPPORT or abs(days[i] - centre) <= MAX_GAP_DAYS:
            continue
        if any(abs(days[i] - days[j]) <= MAX_GAP_DAYS for j in range(len(dated)) if j != i):
            continue  # other articles of the story are from its time: a follow-up, not a misdate
        expected = dt.date.fromordinal(centre).isoformat()
        out.append(Finding(
            article=a.id, kind="date", found=d.isoformat(), expected=expected,
            support=[dated[j][0].id for j in close],
            message=(f"{a.id} is dated {d.isoformat()}, but the {len(close)} articles that "
                     f"report the same thing were published around {expected}.")))
    return out


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _similarity(articles: Sequence[Article]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [a.text for a in articles]
    try:
        m = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(texts)
    except ValueError:  # nothing but stop words
        return np.zeros((len(texts), len(texts)))
    return (m @ m.T).toarray()
