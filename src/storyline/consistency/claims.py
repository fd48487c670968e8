"""Findings about claims: numbers and dates (from :mod:`storyline.facts`) and publication dates.

Facts with the same kind and context but different values disagree. An article's value is
reported when no other independent source states it, the article does not also state the
majority value, and

* enough other sources agree on one value (two for a date, three for a number) and they are a
  clear majority of the sources giving any value in that context;
* the two values are comparable (a number at most 10x apart, dates at most 60 days apart):
  further apart they are different things that happen to share a context;
* the article's sentence giving its value resembles another source's sentence giving the
  majority value (the same statement), unless nearly all sources agree on a close number."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from ..model import Article, Fact, Finding
from ..timeline.dates import MONTHS
from .mentions import _year, names_unknown, past_event

MIN_SUPPORT = 2
# counts evolve as a story unfolds (death tolls): a number needs three sources against it
NUMBER_SUPPORT = 3
# the other sources must mostly agree: a context where they give many values is too loose
CONSENSUS = 0.67
STRONG_CONSENSUS = 0.8  # ... and with this much agreement on a value within CLOSE_RATIO,
CLOSE_RATIO = 3.0  # the sentences need not match
# values this far apart are different things that share a context, not one thing misreported
MAX_RATIO = 10.0
MAX_DATE_DAYS = 60
SAME_STATEMENT = 0.2  # Jaccard of the two sentences' content words
CHECKED_KINDS = ("number", "date")  # titles are checked on the entity roles (people.py)


def fact_findings(articles: Sequence[Article], facts: Sequence[Fact]) -> list[Finding]:
    source_of = {a.id: a.independent_id for a in articles}
    by_id = {a.id: a for a in articles}
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
                if best is None or len(backers) < (NUMBER_SUPPORT if kind == "number" else MIN_SUPPORT):
                    continue
                stating = {source_of[a] for arts_ in values.values() for a in arts_} - {own}
                if len(backers) < CONSENSUS * len(stating) or not _comparable(kind, value, best):
                    continue
                support = [a for a in source_of if a in values[best] and source_of[a] != own]
                # nearly every other source gives one close value: the context is the same thing
                # ... but not for a share ("percent of cases": of which cases?) or a bare
                # noun ("3 moons"): those must be the same statement
                loose = group[0].context.lower().startswith("percent") or \
                    " " not in group[0].context.strip()
                overwhelming = (kind == "number" and not loose and len(backers) >= 3
                                and len(backers) >= STRONG_CONSENSUS * len(stating)
                                and _comparable(kind, value, best, ratio=CLOSE_RATIO))
                others = [by_id[a] for a in support]
                if not overwhelming and _statement_overlap(
                        kind, by_id[art], value, others, best) < SAME_STATEMENT:
                    continue
                if _another_subject(kind, by_id[art], value,
                                    [b for b in articles if b.id != art]):
                    continue  # the sentence names what no other source names: another thing
                    # ("The Lauda Air crash killed all 223 people" where another crash killed 217)
                context = group[0].context
                out.append(Finding(
                    article=art, kind=kind, found=value, expected=best, support=support,
                    message=(f"{art} gives {value} for {context}; {len(backers)} other "
                             f"independent sources give {best}.")))
    return out


def _another_subject(kind: str, article: Article, value: str, others: Sequence[Article]) -> bool:
    """Every sentence of the article giving ``value`` names someone or something that none of
    ``others`` (the rest of the story) writes (see :func:`.mentions.names_unknown`)."""
    pattern = _value_pattern(kind, value)
    if pattern is None or not article.sentences:
        return False
    known = " ".join(a.text for a in others)
    giving = [s.text for s in article.sentences
              if pattern.search(re.sub(r"(?<=\d),(?=\d{3})", "", s.text))]
    return bool(giving) and all(names_unknown(sentence, known) for sentence in giving)


def _statement_overlap(kind: str, article: Article, value: str, others: Sequence[Article],
                       best: str) -> float:
    """How alike the article's sentence giving ``value`` is to another source's sentence giving
    ``best`` (Jaccard of content words, numbers left out). Sharing a unit noun is not enough in
    a story that spans months: a contradiction is the same statement with another value."""
    if not article.sentences:
        return 1.0  # not annotated (facts given directly): the contexts are all there is
    mine = _sentences_with(kind, article, value, past_year=_year(article.published))
    theirs = [w for a in others for w in _sentences_with(kind, a, best)]
    if not mine or not theirs:
        return 0.0  # a value the text does not show as written: too unsure to report
    best_overlap = 0.0
    for x in mine:
        for y in theirs:
            union = len(x | y)
            if union:
                best_overlap = max(best_overlap, len(x & y) / union)
    return best_overlap


_STOP = frozenset(_w for _w in ["the", "and", "for", "that", "with", "from", "this", "have", "has", "had", "was", "were", "are", "been", "will", "would", "said", "says", "about", "after", "before", "their", "there", "they", "them", "than", "then", "into", "over", "also", "which", "when", "while", "what", "who", "more", "most", "some", "such", "only", "other"])
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _sentences_with(kind: str, article: Article, value: str,
                    past_year: int | None = None) -> list[set[str]]:
    """Content words of the sentences giving ``value``; with ``past_year``, not those about an
    earlier year's event (see :func:`.mentions.past_event`)."""
    pattern = _value_pattern(kind, value)
    if pattern is None:
        return []
    out = []
    for sent in article.sentences:
        if past_year is not None and past_event(sent.text, past_year):
            continue
        text = re.sub(r"(?<=\d),(?=\d{3})", "", sent.text)
        if pattern.search(text):
            out.append({w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in _STOP})
    return out


def _value_pattern(kind: str, value: str) -> re.Pattern[str] | None:
    if kind == "date":
        d = _date(value)
        if d is None:
            return None
        return re.compile(r"\b" + _MONTHS[d.month - 1] + r"[a-z]*\.?\s+0?" + str(d.day) + r"\b",
                          re.IGNORECASE)
    m = re.search(r"\d[\d,]*(?:\.\d+)?", value)
    if not m:
        return None
    digits = m.group(0).replace(",", "")
    return re.compile(r"(?<![\d.])" + re.escape(digits) + r"(?![\d]|\.\d)")


def _comparable(kind: str, value: str, other: str, ratio: float = MAX_RATIO) -> bool:
    if kind == "date":
        a, b = _date(value), _date(other)
        return a is None or b is None or abs((a - b).days) <= MAX_DATE_DAYS
    x, y = _number(value), _number(other)
    if x is None or y is None or x <= 0 or y <= 0:
        return True
    return max(x, y) / min(x, y) <= ratio


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
    """The value most other sources state, with those sources; none when the article states it
    too (then it gives both values, which is no contradiction) or when two values tie."""
    own = source_of[art]
    ranked = sorted(((len({source_of[a] for a in arts} - {own}), other)
                     for other, arts in values.items() if other != value), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None, set()
    best = ranked[0][1]
    if art in values[best]:
        return None, set()
    return best, {source_of[a] for a in values[best]} - {own}


# ----------------------------------------------------------------------------- publication dates
MAX_GAP_DAYS = 30  # a story's neighbours published within this many days tell the same event
NEIGHBOUR_SIMILARITY = 0.5  # cosine of TF-IDF vectors: the same report, not just the topic


def _dated(articles: Sequence[Article]) -> list[tuple[Article, dt.date]]:
    return [(a, d) for a in articles if (d := _date(a.published)) is not None]


def dated_similarity(articles: Sequence[Article]) -> np.ndarray:
    """TF-IDF cosine similarity of the articles that have a publication date (in order)."""
    return _similarity([a for a, _ in _dated(articles)])


def publication_findings(articles: Sequence[Article],
                         sims: np.ndarray | None = None) -> list[Finding]:
    """Articles dated far from the articles that report the same thing.

    Topic clusters can span years, so distance from the story's median date proves nothing. But
    when the articles most similar to this one (the same event, by TF-IDF cosine) were published
    within days of each other and this one is dated months away, its date is wrong.
    ``sims``: :func:`dated_similarity`, when already computed.
    """
    dated = _dated(articles)
    if len(dated) < MIN_SUPPORT + 1:
        return []
    sims = sims if sims is not None else dated_similarity(articles)
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


COPY_SIMILARITY = 0.8  # cosine of TF-IDF vectors: one text, reworded at most
COPY_NEIGHBOUR_DAYS = 7


def copy_date_findings(articles: Sequence[Article],
                       sims: np.ndarray | None = None) -> list[Finding]:
    """An article and its near-copy (the same text, reworded at most) dated months apart: the
    date of the one that no other article of the story was published near is the wrong one.

    :func:`publication_findings` needs independent sources that report the same thing; a copy
    counts as its original, yet its date still says when that text went out."""
    dated = _dated(articles)
    if len(dated) < MIN_SUPPORT + 1:
        return []
    sims = sims if sims is not None else dated_similarity(articles)
    days = [d.toordinal() for _, d in dated]

    def neighbours(i: int, j: int) -> list[int]:
        return [k for k in range(len(dated)) if k not in (i, j)
                and abs(days[k] - days[i]) <= COPY_NEIGHBOUR_DAYS]

    out = []
    for i, (a, d) in enumerate(dated):
        for j, (b, e) in enumerate(dated):
            if j == i or sims[i, j] < COPY_SIMILARITY or abs(days[i] - days[j]) <= MAX_GAP_DAYS:
                continue
            near_copy = neighbours(j, i)
            if neighbours(i, j) or not near_copy:
                continue
            out.append(Finding(
                article=a.id, kind="date", found=d.isoformat(), expected=e.isoformat(),
                support=[b.id] + [dated[k][0].id for k in near_copy],
                message=(f"{a.id} is dated {d.isoformat()}, but {b.id}, the same text, is dated "
                         f"{e.isoformat()}, when {len(near_copy)} other article"
                         f"{'s' if len(near_copy) > 1 else ''} of the story came out; none came "
                         f"out near {d.isoformat()}.")))
            break
    return out


# "NAIROBI, April 2 (Xinhua) --", "LONDON, Nov. 3, 1998 _", "in an editorial for Tuesday, March 7:"
_DATELINE = re.compile(
    r"^[^.\n]{0,60}?\b(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\.?\s+(?P<day>[0-3]?\d)\b(?:,?\s+(?P<year>(?:19|20)\d\d))?\s*(?:\(|--|_|—|:)",
    re.IGNORECASE)
DATELINE_GAP_DAYS = 14  # a report goes out within days of the date its dateline gives
DATELINE_NEIGHBOUR_DAYS = 7


def dateline_findings(articles: Sequence[Article]) -> list[Finding]:
    """Articles whose publication date is far from the date their own dateline gives, when
    other sources of the story were published around that dateline date."""
    dated = [(a, _date(a.published)) for a in articles]
    out = []
    for a, published in dated:
        m = _DATELINE.search(a.text[:150]) if published is not None else None
        if m is None:
            continue
        month, day = MONTHS[m.group("month").lower()], int(m.group("day"))
        years = [int(m.group("year"))] if m.group("year") else [
            published.year + k for k in (-2, -1, 0, 1, 2)]
        if not m.group("year") and _days_apart(month, day, published) <= DATELINE_GAP_DAYS:
            continue  # the dateline's day fits the publication date (whatever the year)
        best: tuple[int, dt.date, list[str]] | None = None
        for year in years:
            try:
                when = dt.date(year, month, day)
            except ValueError:
                continue
            near = [b.id for b, d in dated if d is not None and b.independent_id != a.independent_id
                    and abs((d - when).days) <= DATELINE_NEIGHBOUR_DAYS]
            if best is None or len({x for x in near}) > len(best[2]):
                best = (year, when, near)
        if best is None or len(best[2]) < MIN_SUPPORT:
            continue
        _, when, near = best
        if abs((published - when).days) <= DATELINE_GAP_DAYS:
            continue
        dateline = " ".join(m.group(0).rstrip("(-_—: ").split())
        out.append(Finding(
            article=a.id, kind="date", found=published.isoformat(), expected=when.isoformat(),
            support=near,
            message=(f"{a.id} is dated {published.isoformat()}, but its dateline reads "
                     f"{dateline!r} and {len(near)} other sources were published around "
                     f"{when.isoformat()}.")))
    return out


def _days_apart(month: int, day: int, when: dt.date) -> int:
    """Days between ``when`` and the nearest (month, day) of any year."""
    gaps = []
    for year in (when.year - 1, when.year, when.year + 1):
        try:
            gaps.append(abs((dt.date(year, month, day) - when).days))
        except ValueError:
            continue  # February 29
    return min(gaps, default=366)


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _similarity(articles: Sequence[Article]) -> np.ndarray:
    """Cosine similarity of sublinear TF-IDF word vectors (scipy.sparse; no sklearn import)."""
    from scipy import sparse

    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, a in enumerate(articles):
        counts: dict[int, int] = defaultdict(int)
        for w in _TOKEN.findall(a.text.lower()):
            if w not in _STOP:
                counts[vocab.setdefault(w, len(vocab))] += 1
        rows += [i] * len(counts)
        cols += list(counts)
        vals += list(counts.values())
    n = len(articles)
    if not vocab:
        return np.zeros((n, n))
    m = sparse.csr_matrix((np.log1p(np.array(vals, dtype=float)), (rows, cols)),
                          shape=(n, len(vocab)))
    df = np.bincount(cols, minlength=len(vocab))
    m = m @ sparse.diags(np.log((1 + n) / (1 + df)) + 1)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    m = sparse.diags(1 / np.where(norms > 0, norms, 1)) @ m
    return (m @ m.T).toarray()


_TOKEN = re.compile(r"[a-z][a-z'-]{2,}")
