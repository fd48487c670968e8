"""Facts: the checkable claims of a story — numbers (counts, money, percentages), event dates and
titles — each with the articles that state it.

A fact is (kind, context, value). Claims are collected per article (:mod:`.numbers`,
:mod:`.titles`, and event dates through :mod:`storyline.timeline.dates`), merged across articles
on the exact triple, and sorted by importance: how many independent sources state it, then how
many articles. Two facts with the same kind and context but different values disagree; that is
what the consistency checker reads, so contexts are normalised (singular unit noun, verb stem,
canonical person name) to make the same claim land on the same context in every article.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date
from typing import Any

from ..model import Article, Entity, Fact
from ..quotes.cues import SPEECH_FORMS
from ..quotes.names import Canonicaliser
from ..timeline import story_date
from ..timeline.dates import parse_published, resolve
from .numbers import numeric_claims
from .titles import title_claims
from .words import content_stem, singular

__all__ = ["extract_facts"]

_KIND_ORDER = {"number": 0, "date": 1, "title": 2}


def extract_facts(articles: list[Article], entities: list[Entity]) -> list[Fact]:
    """Every claim stated in ``articles``, one Fact per (kind, context, value), most important first."""
    canon = Canonicaliser(entities)
    stated: dict[tuple[str, str, str], dict[str, str]] = defaultdict(dict)  # -> {article: indep}
    order = {a.id: i for i, a in enumerate(articles)}
    hint = story_date(articles)
    for article in articles:
        if article._doc is None:
            continue
        for kind, context, value in article_claims(article, canon, hint):
            stated[(kind, context, value)][article.id] = article.independent_id
    facts = [
        Fact(kind=kind, value=value, context=context,
             articles=sorted(by_article, key=order.__getitem__),
             independent=len(set(by_article.values())))
        for (kind, context, value), by_article in stated.items()
    ]
    facts.sort(key=lambda f: (-f.independent, -len(f.articles), _KIND_ORDER.get(f.kind, 9),
                              f.context, f.value))
    return facts


def article_claims(article: Article, canon: Canonicaliser,
                   year_hint: date | None = None) -> Iterator[tuple[str, str, str]]:
    """(kind, context, value) of every claim one parsed article makes (repeats included)."""
    ents = list(article._doc.ents)  # Doc.ents rebuilds its spans on every access
    yield from numeric_claims(ents)
    local = Counter(" ".join(e.text.split()) for e in ents if e.label_ == "PERSON")
    for raw, title in title_claims(ents):
        person = canon.resolve(" ".join(raw.split()), local)
        if person:
            yield "title", person, title
    yield from _date_claims(article, ents, year_hint)


def _date_claims(article: Article, ents: list[Any],
                 year_hint: date | None) -> Iterator[tuple[str, str, str]]:
    """Event dates: a day-precision date with the event it dates (the noun or verb it modifies)."""
    published = parse_published(article.published)
    for ent in ents:
        if ent.label_ != "DATE":
            continue
        found = resolve(ent.text, published, ent.sent.text, year_hint)
        if found is None or found.precision != "day":
            continue
        event = _event_of(ent)
        if event:
            yield "date", event, found.iso


def _event_of(ent: Any) -> str:
    """The key word of what a date dates: "the Nov. 3 election" → "election", "met on Friday" →
    "meet". Speech verbs ("said Tuesday") date the report, not an event, and give nothing."""
    head = ent.root.head
    if head.dep_ == "prep" or head.pos_ == "ADP":
        head = head.head
    if head is ent.root or head.ent_type_ in {"DATE", "TIME", "GPE", "LOC"}:
        return ""  # a dateline ("MOSCOW, July 3") dates the report, not an event
    if head.pos_ in {"NOUN", "PROPN"}:
        return singular(head.lower_)
    if head.pos_ in {"VERB", "AUX"} and head.lower_ not in SPEECH_FORMS:
        return content_stem(head.lower_)
    return ""
