"""Findings about claims: numbers and dates of events (from :mod:`storyline.facts`), and numbers
whose whole sentence other sources repeat with another value (:func:`statement_findings`).

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

import re
from collections import defaultdict
from collections.abc import Sequence

from ..model import Article, Fact, Finding
from . import mentions as _mentions
from .mentions import MAX_APART_DAYS, _close, _consistent, _same_unit, contemporary
from .values import ValueMention, _published, _year, names_unknown, past_event

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
                if kind == "number" and not contemporary(
                        _published(by_id[art].published), [_published(b.published) for b in others]):
                    continue  # figures move with time: someone of its moment must disagree
                if kind == "number" and _gives(by_id[art], best, group[0].context):
                    continue  # it gives the others' figure too, of something else ("95 percent
                    # of cases" here, "90 percent of all infections" in its next sentence)
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


def _gives(article: Article, value: str, context: str) -> bool:
    """The article writes ``value`` with the unit noun of ``context`` somewhere ("90 percent")."""
    number = _number(value)
    if number is None or not context.split():
        return False
    unit = re.escape(context.split()[0].lower()[:5])
    digits = f"{number:,.0f}" if number == int(number) else str(number)
    written = re.escape(digits).replace(",", ",?")
    return re.search(rf"(?<![\d.,]){written}(?![\d]|\.\d)\s*(?:%|per cent|{unit})", article.text,
                     re.IGNORECASE) is not None


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
        d = _published(value)
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
        a, b = _published(value), _published(other)
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




# ----------------------------------------------------------------------------- same sentences
SENTENCE_SAME = 0.2  # Jaccard of two sentences' content words: the same statement ...
SENTENCE_CLOSE = 0.35  # ... and at least one source this close to it


def statement_findings(articles: Sequence[Article],
                       mentions: dict[str, list[ValueMention]]) -> list[Finding]:
    """A number whose whole sentence two other independent sources also write, with another
    value ("the Kursk, with 118 crew on board, went down" / "with 148 crew on board"), when
    none of them gives its value: :mod:`.mentions` compares the words right around a value, which
    outlets reorder; the sentence as a whole says whether it is one statement."""
    source_of = {a.id: a.independent_id for a in articles}
    published = {a.id: _published(a.published) for a in articles}
    texts = {a.id: [s.text for s in a.sentences] or [a.text] for a in articles}
    cache: dict[tuple[str, int], frozenset[str]] = {}

    def words(art: str, sentence: int) -> frozenset[str]:
        key = (art, sentence)
        if key not in cache:  # only sentences that give a compared number are read
            cache[key] = _content(texts[art][sentence])
        return cache[key]

    stated: dict[tuple[str, float], set[str]] = defaultdict(set)
    for art, ms in mentions.items():
        for m in ms:
            stated[(m.unit, m.value)].add(source_of[art])
    out = []
    for a in articles:
        own, mine = a.independent_id, published[a.id]
        groups: dict[tuple[str, float, str], list[ValueMention]] = defaultdict(list)
        for m in mentions[a.id]:
            if m.kind == "number" and not stated[(m.unit, m.value)] - {own}:
                groups[(m.unit, m.value, m.span)].append(m)
        for (_, value, _), group in groups.items():
            alike: dict[float, dict[str, tuple[float, str, ValueMention]]] = defaultdict(dict)
            for b, ms in mentions.items():
                if source_of[b] == own or (mine and published[b] and abs(
                        (published[b] - mine).days) > MAX_APART_DAYS):
                    continue
                for m in ms:
                    if m.kind != "number" or not _same_unit(group[0], m) or \
                            _close("number", value, m.value) or \
                            not _mentions._comparable("number", value, m.value):
                        continue
                    sim = max(_jaccard(words(a.id, g.sentence), words(b, m.sentence)) for g in group)
                    best = alike.get(m.value, {}).get(source_of[b])
                    if sim >= SENTENCE_SAME and (best is None or sim > best[0]):
                        alike[m.value][source_of[b]] = (sim, b, m)
            if not alike:
                continue
            target = max(alike, key=lambda v: (len(alike[v]), max(x[0] for x in alike[v].values())))
            backers = alike[target]
            others = {src for v, srcs in alike.items() if v != target for src in srcs}
            if len(backers) < MIN_SUPPORT or len(backers) < CONSENSUS * len(others | set(backers)) \
                    or max(x[0] for x in backers.values()) < SENTENCE_CLOSE:
                continue
            if any(_close("number", target, x.value) for x in mentions[a.id]
                   if x.kind == "number" and _same_unit(x, group[0])) or any(
                       _consistent(g, target) for g in group):
                continue  # it gives their value too, or only bounds it ("more than 100")
            theirs = " ".join(texts[b][m.sentence] for _, b, m in backers.values())
            if all(names_unknown(texts[a.id][g.sentence], theirs) for g in group):
                continue  # it names what their sentences do not: another event ("bombings in
                # Dar es Salaam and Nairobi killed 258" / "the Nairobi bomb killed 213")
            support = sorted((b for _, b, _ in backers.values()), key=list(source_of).index)
            if not contemporary(mine, [published[b] for b in support]):
                continue
            found = group[0].surface
            expected = next(iter(sorted(backers.values(), key=lambda x: -x[0])))[2].surface
            out.append(Finding(
                article=a.id, kind="number", found=found, expected=expected, support=support,
                message=(f"{a.id} gives {found!r} where {len(support)} other independent sources "
                         f"write the same sentence with {expected!r}.")))
    return out


_CONTENT = re.compile(r"[a-z][a-z'-]{2,}")


def _content(text: str) -> frozenset[str]:
    from ..facts.words import match_stem

    return frozenset(match_stem(w) for w in _CONTENT.findall(text.lower()) if w not in _STOP)


def _jaccard(x: frozenset[str], y: frozenset[str]) -> float:
    union = len(x | y)
    return len(x & y) / union if union else 0.0
