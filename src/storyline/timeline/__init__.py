"""Timeline: the dated events of a story, in date order, each citing every article stating it.

A sentence becomes an event for each distinct date it names: the NER's DATE/TIME mentions in it,
plus a case-sensitive surface scan that catches the odd "Jan. 26" the NER misses, resolved by
:mod:`.dates` against the article's publication date (relative ones like "on Wednesday" or
"yesterday" need it; vague ones like "in recent weeks" resolve to nothing). Near-identical
sentences with the same date in different articles (wire copies, light rewrites) merge into one
event that cites them all; the text shown is the one from the earliest independent article.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process, utils

from ..model import Article, TimelineEvent
from .dates import Resolved, find_expressions, parse_published, resolve

__all__ = ["build_timeline", "dated_sentences", "resolve"]

MIN_WORDS = 5
MERGE_SIMILARITY = 85  # rapidfuzz token_sort_ratio for "the same sentence, lightly edited"
_DATE_LABELS = frozenset({"DATE", "TIME"})
# auxiliaries of the general present ("have doubled today", "are still sung today")
_PRESENT_AUX = frozenset({"has", "have", "'s", "'ve", "is", "are", "am", "'re", "'m", "do",
                          "does"})
_NOWADAYS_WORDS = re.compile(r"(?i)^\W*(?:on\s+)?today\W*$")


@dataclass
class _Candidate:
    date: str
    text: str
    article: Article
    sentence: int


def build_timeline(articles: list[Article], *, max_events: int | None = None) -> list[TimelineEvent]:
    """Dated events across ``articles``, sorted by date (then by how many articles state them)."""
    by_date: dict[str, list[_Candidate]] = defaultdict(list)
    hint = story_date(articles)
    for article in articles:
        for index, found in dated_sentences(article, year_hint=hint):
            text = article.sentences[index].text
            by_date[found.iso].append(_Candidate(found.iso, text, article, index))
    events: list[tuple[str, int, TimelineEvent]] = []
    for day in sorted(by_date):
        for group in _merge(by_date[day]):
            lead = min(group, key=_seniority)
            cited = list(dict.fromkeys(c.article.id for c in group))
            events.append((day, -len(cited), TimelineEvent(date=day, text=lead.text,
                                                           articles=cited)))
    events.sort(key=lambda e: (e[0], e[1]))
    out = [e[2] for e in events]
    return out[:max_events] if max_events is not None else out


def story_date(articles: list[Article]) -> date | None:
    """The median publication date of a story: the year for "Jan. 26" in undated articles."""
    days = sorted(d for d in (parse_published(a.published) for a in articles) if d is not None)
    return days[len(days) // 2] if days else None


def dated_sentences(article: Article, year_hint: date | None = None) -> list[tuple[int, Resolved]]:
    """(sentence index, date) for every distinct day-precision date each sentence names."""
    published = parse_published(article.published)
    expressions: dict[int, list[str]] = defaultdict(list)
    for m in article.mentions:
        if m.label in _DATE_LABELS:
            expressions[m.sentence].append(m.text)
    out: list[tuple[int, Resolved]] = []
    for sent in article.sentences:
        if len(sent.text.split()) < MIN_WORDS:
            continue
        seen: set[str] = set()
        for expr in expressions.get(sent.index, []) + find_expressions(sent.text):
            found = resolve(expr, published, sent.text, year_hint)
            if found is None or found.precision != "day" or found.iso in seen:
                continue
            if _NOWADAYS_WORDS.search(expr) and _means_nowadays(article, sent.index):
                continue
            if published is not None and (found.date - published).days > 366:
                continue  # far beyond publication: a misread number, not an event
            seen.add(found.iso)
            out.append((sent.index, found))
    return out


def _merge(candidates: list[_Candidate]) -> list[list[_Candidate]]:
    """Groups of near-identical sentences (one date), via one rapidfuzz similarity matrix."""
    if len(candidates) == 1:
        return [candidates]
    texts = [c.text for c in candidates]
    sim = process.cdist(texts, texts, scorer=fuzz.token_sort_ratio, processor=utils.default_process,
                        score_cutoff=MERGE_SIMILARITY, workers=1)
    parent = list(range(len(candidates)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in zip(*np.nonzero(np.triu(sim, k=1)), strict=True):
        parent[root(int(i))] = root(int(j))
    groups: dict[int, list[_Candidate]] = defaultdict(list)
    for i, c in enumerate(candidates):
        groups[root(i)].append(c)
    return sorted(groups.values(), key=lambda g: min(_seniority(c) for c in g))


def _seniority(c: _Candidate) -> tuple[bool, str, int]:
    """Originals before copies, earlier publication first, earlier in the article first."""
    return (c.article.copy_of is not None, c.article.published or "9999", c.sentence)


def _means_nowadays(article: Article, index: int) -> bool:
    """Is "today" in this sentence "nowadays" ("Indians account for 1 percent today")?

    "Today" dates an event when it modifies a past-tense verb ("Clinton visited the reservation
    today"), a future or infinitive ("will sign today", "to be released today") or a progressive
    ("is meeting today"); with a general present ("are sung today", "has doubled today") or a
    noun ("today's kids") it means the present in general.
    """
    doc: Any = article._doc
    if doc is None:
        return False
    sent = article.sentences[index]
    span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
    if span is None:
        return False
    for tok in span:
        if tok.lower_ != "today":
            continue
        head = tok.head
        auxes = {c.lower_ for c in head.children if c.dep_ in {"aux", "auxpass"}}
        dated = head.tag_ in {"VBD", "VB"} or bool(auxes - _PRESENT_AUX) or (
            head.tag_ == "VBG" and bool(auxes)  # "is meeting today"
        )
        return not dated
    return False
