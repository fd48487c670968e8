"""Consistency: where one article disagrees with what the other independent articles say.

:func:`find_inconsistencies` compares every article with the *other* independent sources of its
story (spun copies and duplicates count as their original) and reports a :class:`Finding` when
at least two of them agree against it and none shares its version (for a name, a title or a
day, one story its outlet filed twice will do: :mod:`.support`):

* ``name``   — a person's surname spelt differently, or a place's or organisation's name
  ("New Yolk") (:mod:`.people`);
* ``title``  — a role or an affiliation that contradicts the others' (:mod:`.people`);
* ``number`` / ``date`` — a fact value that differs in the same context (:mod:`.claims`, over the
  facts of :mod:`storyline.facts`), a number or day as the sentences write it (:mod:`.mentions`);
  a publication date far from the day its own URL, identifier or dateline carries, from the
  articles that report the same thing or from its near-copy's date, or before the day the
  article tells of as past (:mod:`.published`).

:func:`source_quality` turns findings and per-article signals into a 0–1 score with reasons.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..model import Article, Entity, Fact, Finding, SourceQuality
from .claims import fact_findings, statement_findings
from .mentions import value_findings
from .people import name_findings, role_findings
from .published import (
    copy_date_findings,
    dated_similarity,
    dateline_findings,
    past_day_findings,
    publication_findings,
    reference_findings,
)
from .values import all_mentions

__all__ = ["find_inconsistencies", "source_quality"]


def find_inconsistencies(
    articles: list[Article], entities: list[Entity], facts: list[Fact]
) -> list[Finding]:
    """Every disagreement of one article with the independent majority, in article order."""
    from ..entities import analysis_for

    if len({a.independent_id for a in articles}) + any(a.id != a.independent_id
                                                       for a in articles) < 3:
        return []  # one article against one other: no majority to trust (a copy is judged
        # against its original as well, so two sources and a copy are three voices)
    analysis = analysis_for(articles, entities)
    claims = fact_findings(articles, facts)
    values = all_mentions(articles)
    sims = dated_similarity(articles)
    findings = (name_findings(articles, analysis) + role_findings(articles, analysis) + claims
                + _new_values(value_findings(articles, values)
                              + statement_findings(articles, values), claims)
                + publication_findings(articles, sims) + dateline_findings(articles)
                + reference_findings(articles)
                + copy_date_findings(articles, sims) + past_day_findings(articles, values))
    order = {a.id: i for i, a in enumerate(articles)}
    unique: dict[tuple[str, str, str], Finding] = {}
    for f in findings:
        unique.setdefault((f.article, f.kind, f.found.lower()), f)
    kept = _one_per_family(sorted(unique.values(), key=lambda f: order.get(f.article, 0)),
                           {a.id: a.independent_id for a in articles})
    return sorted(kept, key=lambda f: (order.get(f.article, 0), f.kind, f.found))


def _one_per_family(findings: list[Finding], source_of: dict[str, str]) -> list[Finding]:
    """A duplicate repeats its original's mistakes: the same finding on several articles of one
    family (an original and its copies) is reported once, on the original when it is among
    them, naming the others."""
    family: dict[tuple[str, str, str, str], list[Finding]] = {}
    for f in findings:
        key = (source_of.get(f.article, f.article), f.kind, f.found.lower(), f.expected.lower())
        family.setdefault(key, []).append(f)
    out = []
    for (source, *_), same in family.items():
        holder = next((f for f in same if f.article == source), same[0])
        others = [f.article for f in same if f is not holder]
        if others:
            many = len(others) > 1
            whose = "Its cop" + ("ies" if many else "y") if holder.article == source else \
                "The same text in"
            holder.message += f" {whose} {', '.join(others)} say{'' if many else 's'} the same."
        out.append(holder)
    return out


def _new_values(found: list[Finding], known: list[Finding]) -> list[Finding]:
    """Value findings about a number or day the fact findings do not already report."""
    seen = {(f.article, f.kind, v) for f in known for v in _NUMBERS.findall(f.found.replace(",", ""))}
    return [f for f in found
            if not any((f.article, f.kind, v) in seen
                       for v in _NUMBERS.findall(f.found.replace(",", "")))]


_NUMBERS = re.compile(r"\d+(?:\.\d+)?")


# ----------------------------------------------------------------------------- source quality
CONTRADICTION_WEIGHT = 0.25  # per finding, capped by MAX_CONTRADICTION_PENALTY
MAX_CONTRADICTION_PENALTY = 0.6
DEBRIS_PENALTY = 0.1  # any debris removed; twice as much when it was a large share of the page
SPUN_PENALTY = 0.3
DUPLICATE_PENALTY = 0.1
MISSING_META_PENALTY = 0.05  # per missing field among title, source, published


def source_quality(articles: Sequence[Article], findings: Sequence[Finding]) -> list[SourceQuality]:
    """Per article: 1.0 is clean; contradicted claims, debris, copying and missing metadata
    lower it, and every penalty is listed as a reason."""
    per_article = Counter(f.article for f in findings)
    out = []
    for a in articles:
        score, reasons = 1.0, []
        n = per_article.get(a.id, 0)
        if n:
            penalty = min(MAX_CONTRADICTION_PENALTY, CONTRADICTION_WEIGHT * n)
            score -= penalty
            reasons.append(f"{n} claim{'s' if n > 1 else ''} contradicted by other sources")
        if a.removed_lines:
            removed = sum(len(x) for x in a.removed_lines)
            heavy = removed > len(a.text) / 2
            score -= DEBRIS_PENALTY * (2 if heavy else 1)
            reasons.append(f"{len(a.removed_lines)} debris line{'s' if len(a.removed_lines) > 1 else ''}"
                           f" removed" + (" (more than half the page)" if heavy else ""))
        flags = " ".join(a.flags)
        if "spun" in flags:
            score -= SPUN_PENALTY
            reasons.append(f"spun rewrite of {a.copy_of}" if a.copy_of else "spun rewrite")
        elif a.copy_of or "duplicate" in flags:
            score -= DUPLICATE_PENALTY
            reasons.append(f"duplicate of {a.copy_of}" if a.copy_of else "duplicate")
        missing = [name for name in ("title", "source", "published") if not getattr(a, name)]
        if missing:
            score -= MISSING_META_PENALTY * len(missing)
            reasons.append("missing " + ", ".join(missing))
        out.append(SourceQuality(article=a.id, score=round(max(0.0, score), 3), reasons=reasons))
    return out
