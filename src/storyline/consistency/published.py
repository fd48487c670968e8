"""Publication dates: an article dated far from when the rest of the story says it came out.

Topic clusters can span years, so distance from the story's median date proves nothing. An
article's date is reported only when something ties it to another time *and* other sources of
the story were published at that other time:

* its URL or identifier carries another day (:func:`reference_findings`);
* its own dateline gives another day (:func:`dateline_findings`);
* the articles that report the same thing were all published elsewhere in time
  (:func:`publication_findings`);
* its near-copy is dated months away, near other articles of the story
  (:func:`copy_date_findings`);
* it tells of a day as past which, by the other sources' account, came more than
  ``LATER_DAYS`` after its date (:func:`past_day_findings`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from ..clean.meta import reference_dates
from ..model import Article, Finding
from ..timeline.dates import MONTHS
from .claims import _STOP, MIN_SUPPORT
from .mentions import CONSENSUS, MIN_SHARED, MIN_SHARED_DAY, _same_context
from .values import ValueMention, _published, all_mentions

MAX_GAP_DAYS = 30  # a story's neighbours published within this many days tell the same event
NEIGHBOUR_SIMILARITY = 0.5  # cosine of TF-IDF vectors: the same report, not just the topic


def _misdated(article: Article, published: dt.date, expected: dt.date, support: list[str],
              because: str) -> Finding:
    return Finding(
        article=article.id, kind="date", found=published.isoformat(),
        expected=expected.isoformat(), support=support,
        message=f"{article.id} is dated {published.isoformat()}, but {because}.")


def _sources(n: int, noun: str = "source") -> str:
    return f"{n} other {noun}{'s' if n > 1 else ''}"


def _dated(articles: Sequence[Article]) -> list[tuple[Article, dt.date]]:
    return [(a, d) for a in articles if (d := _published(a.published)) is not None]


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
        out.append(_misdated(a, d, dt.date.fromordinal(centre), [dated[j][0].id for j in close],
                             f"the {len(close)} articles that report the same thing were "
                             f"published around {expected}"))
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
            out.append(_misdated(a, d, e, [b.id] + [dated[k][0].id for k in near_copy],
                                 f"{b.id}, the same text, is dated {e.isoformat()}, when "
                                 f"{_sources(len(near_copy), 'article')} of the story came out; "
                                 f"none came out near {d.isoformat()}"))
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
    dated = [(a, _published(a.published)) for a in articles]
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
        out.append(_misdated(a, published, when, near,
                             f"its dateline reads {dateline!r} and {_sources(len(near))} "
                             f"came out around {when.isoformat()}"))
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


REFERENCE_GAP_DAYS = 14  # filing day and publication day differ by a day or two (time zones)
REFERENCE_NEIGHBOUR_DAYS = 7


def reference_findings(articles: Sequence[Article]) -> list[Finding]:
    """Articles whose publication date is far from the day their own URL or identifier carries
    ("/2021/03/04/", "APW19990707.0181"), when other sources of the story were published around
    that day and no more around the publication date: the address was stamped when the text
    went out, so the date field is the one to doubt."""
    dated = [(a, d) for a in articles if (d := _published(a.published)) is not None]
    out = []
    for a, published in dated:
        for ref in (a.url, a.id):
            days = [dt.date.fromisoformat(x) for x in reference_dates(ref)]
            if not days or any(abs((d - published).days) <= REFERENCE_GAP_DAYS for d in days):
                continue
            when = days[0]

            def near(day: dt.date, own: str = a.independent_id) -> list[str]:
                return [b.id for b, d in dated if b.independent_id != own
                        and abs((d - day).days) <= REFERENCE_NEIGHBOUR_DAYS]

            support = near(when)
            if not support or len(support) < len(near(published)):
                continue
            what = "URL" if ref == a.url else "identifier"
            out.append(_misdated(a, published, when, support,
                                 f"its {what} {ref!r} carries {when.isoformat()}, and "
                                 f"{_sources(len(support))} came out within a week of that day"))
            break
    return out


# a day without a year is the one nearest the publication date: at most this far back or ahead
DAY_BACK, DAY_AHEAD = 300, 65
PREVIEW_DAYS = 120  # a day up to this far ahead may be a coming event the article previews
LATER_DAYS = 30  # the others' day falls this long after the article's publication date ...
DAY_AGREE = 7  # ... and they agree on it within this many days


def past_day_findings(articles: Sequence[Article],
                      mentions: dict[str, list[ValueMention]] | None = None) -> list[Finding]:
    """Articles dated before the day they tell of.

    An article that writes "on Oct. 12" without a year means the Oct. 12 nearest its own date.
    When other sources give that day in the same context and, read against their dates, it falls
    more than ``LATER_DAYS`` after this article's date, while read against this article's date
    it is a past day (the year before), the publication date is wrong: the article reports an
    event that, by everyone else's account, had not happened yet."""
    source_of = {a.id: a.independent_id for a in articles}
    published = {a.id: _published(a.published) for a in articles}
    read = mentions if mentions is not None else all_mentions(articles)
    mentions = {art: [m for m in ms if m.kind == "date"] for art, ms in read.items()}
    out: list[Finding] = []
    for a in articles:
        mine = published[a.id]
        if mine is None:
            continue
        texts = [s.text for s in a.sentences] or [a.text]
        for g in mentions[a.id]:
            own_day = _resolve_day(g, mine, ahead=PREVIEW_DAYS)
            before = texts[g.sentence][:texts[g.sentence].find(g.surface)]
            if g.year is not None or own_day is None or own_day >= mine or \
                    _FUTURE.search(texts[g.sentence]) or _TARGET.search(before):
                continue  # a year given, or a coming day ("the election scheduled for March 26")
            context = {(b, m) for shared in (MIN_SHARED_DAY, MIN_SHARED) for b, m in
                       _same_context([g], a.id, mentions, source_of, a.independent_id, shared)}
            giving = {source_of[b] for b, _ in context}
            later = defaultdict(set)  # event day -> sources
            for b, m in context:
                when = _resolve_day(m, published[b]) if published[b] is not None else None
                if m.value == g.value and when is not None and (when - mine).days > LATER_DAYS:
                    later[when].add(b)
            if not later:
                continue
            centre = max(later, key=lambda d: len({source_of[b] for b in later[d]}))
            backing = sorted({b for d, bs in later.items() if abs((d - centre).days) <= DAY_AGREE
                              for b in bs})
            backers = {source_of[b] for b in backing}
            if len(backers) < MIN_SUPPORT or len(backers) < CONSENSUS * len(giving):
                continue
            out.append(_misdated(a, mine, centre, backing,
                                 f"it tells of {g.surface} as past, and {_sources(len(backers))} "
                                 f"date that {g.surface} to {centre.isoformat()}, after it"))
            break
    return out


_FUTURE = re.compile(r"\b(?:will|would|shall|scheduled|upcoming|next|due|set for|planned|plans?|"
                     r"expected|ahead of|before|until|to be held)\b|'ll\b", re.I)


_TARGET = re.compile(r"\b(?:for|to|till|by|from)\s+(?:the\s+)?$", re.I)  # "moved the vote to"


def _resolve_day(m: ValueMention, published: dt.date, ahead: int = DAY_AHEAD) -> dt.date | None:
    """The date a day mention means, read against a publication date: the nearest one at most
    ``DAY_BACK`` days before it or ``ahead`` days after."""
    day = dt.date(2000, 1, 1) + dt.timedelta(days=int(m.value) - 1)
    years = [m.year] if m.year is not None else [published.year - 1, published.year,
                                                 published.year + 1]
    found: list[dt.date] = []
    for year in years:
        try:
            when = dt.date(year, day.month, day.day)
        except ValueError:
            continue  # February 29
        if m.year is not None or -DAY_BACK <= (when - published).days <= ahead:
            found.append(when)
    return min(found, key=lambda d: abs((d - published).days), default=None)
