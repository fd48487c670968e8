"""Findings on numbers and calendar days as the sentences write them, compared across sources.

The facts of :mod:`storyline.facts` key an amount on the parse (unit noun plus the verb it hangs
from), which differs between outlets that word one statement differently. This check is simpler
and complements it: a number with the word that follows it ("340 people", "$1.2 billion",
"45 percent"), or a month and day ("Oct. 12"), together with the content words around it.

An article's value disagrees with the others when

* no other independent source gives that value (for a number: with that unit, or with a noun
  phrase ending in the same word: "75 of the 125 seats" attests "125 legislative seats"), nor
  one within ``CLOSE`` of it (tolls revised from 247 to 248 are one figure);
* other independent sources give another value, comparable to it (a number at most
  ``MAX_RATIO`` times apart, a day at most ``MAX_DAYS`` away), around the same words:
  ``MIN_SHARED`` content words in common within ``WINDOW`` words, one of them next to one of the
  values in its clause ("killed 340 people" / "killed 247 people"); for a calendar day one word
  will do, when it is next to one day and within ``NEAR_WINDOW`` words of the other ("before
  the Oct. 1 anniversary" / "the anniversary of its rule, on Oct. 1"); a share must have a word
  of its clause in common with the other's clause ("turnout reached 52 percent" / "61 percent
  backed the toll" share only the story's words). A dateline's day ("OSLO,
  May 4 (Newswire) --") and a chronology's heading ("--Aug. 17 --") are not compared;
* at least ``MIN_SUPPORT`` of them agree on it and they are ``CONSENSUS`` of the sources giving
  any value there. Loose units ("percent", dollars, "people") need more shared words, or else a
  broader agreement (``BROAD_SUPPORT``, ``BROAD_CONSENSUS``);
* when the context mixes values, the same check with one more shared word: the sources around
  more of the same words are the ones that speak of the same thing;
* sources published more than ``MAX_APART_DAYS`` apart are not compared (another flyby, a
  later toll), and one of the backers must have written within ``CONTEMPORARY_DAYS`` of the
  article;
* a count in millions of one kind of thing ("34 million Americans") is compared whatever the
  words around, when ``BROAD_SUPPORT`` sources give comparable counts of it and all agree;
* where ``WIDE_SUPPORT`` sources agree, one word in common will do when it is in both clauses
  ("all 217 people on board" / "the 317 people on board"); but an article with two figures
  against that value on so little is left alone (one is another count);
* the article never gives that other value itself (then it reports both, which is no
  contradiction: "rose from 40 to 45 percent"), and its value is not a bound the other value
  meets ("more than 100 sailors" against 116), nor an approximation as far off as its rounding
  goes ("about 300" against 270, not "about 260" against 300), nor the other value without its
  decimals ("$5 trillion" / "$5.7 trillion").

Units match as written, or when one noun phrase ends the other ("364 school districts" / "304
public school districts"). Values further apart than ``MAX_RATIO`` are compared only as the same
statement (``SAME_WORDS`` words in common, verb forms stemmed: "killing 813" / "killed 113"), as a
misprinted digit from ``MISPRINT_FROM`` on (``MISPRINT_FROM_UNIT`` for a unit of its own: "45
miles east of Atlanta" / "25 miles"), or, for a count (not money, not a loose unit), as a
value with as many digits that ``BROAD_SUPPORT`` sources around the same words agree against ("his
mother and 30 others" where three sources write "10 others").

The values come from :mod:`.values`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from ..model import Article, Finding
from .support import MIN_SUPPORT, backed, voices
from .values import _GENERIC, ValueMention, _published, all_mentions

MIN_SHARED = 2  # content words shared within WINDOW words of the two values
MIN_SHARED_GENERIC = 3  # ... for a unit as loose as "percent"
MIN_SHARED_DAY = 1  # a calendar day is specific: one word in common, close to both, will do
CONSENSUS = 0.67
BROAD_SUPPORT = 3  # a generic unit with little context needs this many sources ...
BROAD_CONSENSUS = 0.75  # ... and this much agreement
WIDE_SUPPORT = 4  # sources agreeing on a number around one shared word
MAX_RATIO = 1.75  # further apart, two amounts sharing a unit are usually different things
MAX_RATIO_SAME = 10.0  # ... unless the sentence is the same statement (a digit changed)
SAME_WORDS = 4
VERBATIM_WORDS = 6  # ... for a loose unit ("percent", dollars): nearly word for word
MISPRINT_FROM = 100  # one digit apart is a misprint from three digits on ...
MISPRINT_FROM_UNIT = 10  # ... or two, for a unit of its own ("25 miles east of Atlanta" / "45
# miles east"), not a loose one ("sends itself to 20 people" / "to the first 50 people")
MAX_DAYS = 14
_FAMILY = "copies of:"
_PHRASE = "phrase:"
MAX_APART_DAYS = 730  # sources published further apart are not compared
CONTEMPORARY_DAYS = 180  # ... and one of the backers must write within half a year of it,
SETTLED = 4  # unless this many sources give the figure: it held all along
CLOSE = 0.05
ABOUT = 0.15


def value_findings(articles: Sequence[Article],
                   mentions: dict[str, list[ValueMention]] | None = None) -> list[Finding]:
    """Numbers and days one article gives where the other sources agree on another value
    (``mentions``: :func:`all_mentions`, when already read)."""
    source_of = {a.id: a.independent_id for a in articles}
    mentions = mentions if mentions is not None else all_mentions(articles)
    stated: dict[tuple[str, str, float], set[str]] = defaultdict(set)  # -> sources
    for art, ms in mentions.items():
        for m in ms:
            stated[(m.kind, m.unit, m.value)].add(source_of[art])
            if m.kind == "number" and m.phrase and m.unit not in _GENERIC:
                stated[(m.kind, _PHRASE + m.phrase[-1], m.value)].add(source_of[art])
    out: list[Finding] = []
    loose: set[int] = set()  # findings on one shared word
    published = {a.id: _published(a.published) for a in articles}
    families = Counter(source_of.values())
    pool = unit_pool(mentions)
    for a in articles:
        # sources written years apart report different moments (another flyby, a later toll)
        visible = {b: ms for b, ms in mentions.items()
                   if published[a.id] is None or published[b] is None
                   or abs((published[b] - published[a.id]).days) <= MAX_APART_DAYS}
        # a copy and its original speak against each other: the rest of the family is one
        # more voice ("about 4,600 residents" in the original, "around 6,400" in its rewrite)
        own = a.independent_id
        voices = source_of if families[own] == 1 else {
            b: _FAMILY + own if src == own and b != a.id else src for b, src in source_of.items()}
        groups: dict[tuple[str, str, float, str], list[ValueMention]] = defaultdict(list)
        for m in mentions[a.id]:
            groups[(m.kind, m.unit, m.value, m.span)].append(m)
        for (kind, unit, value, _), group in groups.items():
            phrase = group[0].phrase
            if stated[(kind, unit, value)] - {a.independent_id} or kind == "number" and phrase \
                    and unit not in _GENERIC and \
                    stated[(kind, _PHRASE + phrase[-1], value)] - {a.independent_id}:
                continue  # another source gives it too, in some context ("125 legislative
                # seats" / "75 of the 125 seats")
            # a context that mixes values may resolve when more words must be shared: the
            # sources around more of the same words are the ones that talk of the same thing
            if kind == "date":
                rules = [(MIN_SHARED_DAY, MIN_SUPPORT, CONSENSUS),
                         (MIN_SHARED, MIN_SUPPORT, CONSENSUS)]
            elif unit in _GENERIC:  # much context, or little context and a broad consensus
                rules = [(MIN_SHARED_GENERIC, MIN_SUPPORT, CONSENSUS),
                         (MIN_SHARED_GENERIC + 1, MIN_SUPPORT, CONSENSUS),
                         (MIN_SHARED, BROAD_SUPPORT, BROAD_CONSENSUS)]
            else:
                rules = [(MIN_SHARED, MIN_SUPPORT, CONSENSUS),
                         (MIN_SHARED + 1, MIN_SUPPORT, CONSENSUS)]
            rules = [(*r, False) for r in rules]
            if kind == "number" and unit not in _GENERIC and not unit.startswith("$"):
                # a count several times off what several sources agree on ("his mother and 30
                # others"): for a loose unit, like as not another count ("50 people" / "a
                # second virus ... 20 people")
                rules.append((MIN_SHARED, BROAD_SUPPORT, BROAD_CONSENSUS, True))
            if kind == "number":
                # one word in common, in both clauses, where many sources agree ("all 217
                # people on board" / "the 317 people on board")
                rules.append((1, WIDE_SUPPORT, BROAD_CONSENSUS, False))
            for shared, support, consensus, wide in rules:
                found = _disagreement(a, group, visible, voices, shared, support, consensus,
                                      pool, wide)
                if found is not None:
                    if len({source_of[b] for b in found.support}) >= SETTLED or contemporary(
                            published[a.id], [published[b] for b in found.support]):
                        out.append(found)
                        if shared < MIN_SHARED:
                            loose.add(id(found))
                    break
            else:
                if kind == "number" and " " in unit and not unit.startswith("$"):
                    found = _unanimous(a, group, visible, voices)
                    if found is not None and (
                            len({source_of[b] for b in found.support}) >= SETTLED
                            or contemporary(published[a.id],
                                            [published[b] for b in found.support])):
                        out.append(found)
                        continue
                if kind == "number" and unit == "percent" and value > 100 and \
                        any(m.share_of for m in group):
                    found = _more_than_all(a, group, visible, voices)
                    if found is not None:
                        out.append(found)
    # an article with two figures against what the others agree on around one shared word: the
    # other is likely a count of something else ("the 130 people killed in the crash", "a train
    # crash two years ago that killed 101 people")
    against = Counter((f.article, f.kind, f.expected) for f in out)
    return [f for f in out if id(f) not in loose or against[(f.article, f.kind, f.expected)] == 1]


def _unanimous(a: Article, group: list[ValueMention],
               mentions: dict[str, list[ValueMention]],
               source_of: dict[str, str]) -> Finding | None:
    """A count in millions of one kind of thing ("34 million Americans") where every other
    source giving a comparable count of it agrees on another value, BROAD_SUPPORT of them at
    least, whatever the words around: a story has few such figures, and the others wrote theirs
    in sentences of their own ("striking 40 million Americans", "a market of more than 40
    million Americans")."""
    own = source_of[a.id]
    unit, value = group[0].unit, group[0].value
    given = [(art, m) for art, ms in mentions.items() if source_of[art] != own for m in ms
             if m.kind == "number" and m.unit == unit and _comparable("number", value, m.value)]
    values = {m.value for _, m in given}
    backers = {source_of[art] for art, _ in given}
    if len(values) != 1 or len(backers) < BROAD_SUPPORT or \
            any(_consistent(g, given[0][1].value) for g in group):
        return None
    order = list(mentions)
    support = sorted({art for art, _ in given}, key=order.index)
    expected, found = given[0][1].surface, group[0].surface
    return Finding(article=a.id, kind="number", found=found, expected=expected, support=support,
                   message=f"{a.id} gives {found!r} where {voices(backers, len(support), 'give')}"
                           f" {expected!r}, each in words of its own.")


def _more_than_all(a: Article, group: list[ValueMention],
                   mentions: dict[str, list[ValueMention]],
                   source_of: dict[str, str]) -> Finding | None:
    """A share of a set above 100 percent ("117 percent of patients take the drug") cannot be
    right, so the others need not agree around as many words: what the most sources give as a
    share around one of its words, of the same set or in the same clause, is what they say."""
    own = source_of[a.id]
    nouns = {m.share_of for m in group if m.share_of}
    words = set().union(*(m.words for m in group))
    near = [(art, m) for art, ms in mentions.items() if source_of[art] != own for m in ms
            if m.kind == "number" and m.unit == "percent" and m.value <= 100
            and (m.share_of in nouns or m.clause & words)]
    if not near:
        return None
    by_value: dict[float, set[str]] = defaultdict(set)
    for art, m in near:
        by_value[m.value].add(source_of[art])
    best = max(by_value, key=lambda v: (len(by_value[v]), -abs(v - group[0].value)))
    backers = by_value[best]
    support = [art for art in mentions if any(b == art and m.value == best for b, m in near)]
    expected = next(m.surface for _, m in near if m.value == best)
    found = group[0].surface
    return Finding(
        article=a.id, kind="number", found=found, expected=expected, support=support,
        message=(f"{a.id} gives {found!r} of {group[0].share_of}: more than all of them; "
                 f"{voices(backers, len(support), 'give')} {expected!r} around the same words."))


def _disagreement(a: Article, group: list[ValueMention], mentions: dict[str, list[ValueMention]],
                  source_of: dict[str, str], shared: int, min_support: int,
                  consensus: float, pool: Pool | None = None, wide: bool = False) -> Finding | None:
    """A finding on ``a``'s value (``group``: its mentions of it) when the other sources around
    the same words (``shared`` of them) agree on another one; ``wide``: on a value written with
    as many digits, however far apart ("30 others" / "10 others")."""
    kind, unit, value = group[0].kind, group[0].unit, group[0].value
    context = _same_context(group, a.id, mentions, source_of, a.independent_id, shared,
                            want=lambda m: _same_unit(group[0], m), pool=pool)
    # the same statement word for word ("killed 847 people" / "killed 247 people") compares
    # across a wider gap than two amounts that merely share some context
    near = [(art, m) for art, m in context if _comparable(kind, value, m.value)
            or wide and _same_magnitude(value, m.value)]
    if kind == "number" and not wide:  # ... and outlets word one statement with other verb forms
        near += [(art, m) for art, m in _same_context(
                     group, a.id, mentions, source_of, a.independent_id, shared, stemmed=True,
                     want=lambda m: _same_unit(group[0], m) and _same_magnitude(value, m.value)
                     and not _comparable(kind, value, m.value), pool=pool)
                 if _same_statement(group, m, stemmed=True)
                 or _one_digit_apart(value, m.value) and value >= (
                     MISPRINT_FROM if unit in _GENERIC else MISPRINT_FROM_UNIT)]
    # a copy that repeats the value is the same voice, not another source confirming it; and
    # a family that gives the value too neither backs nor contradicts it
    family = {art for art in mentions if source_of[art].startswith(_FAMILY)}
    silent = any(_close(kind, value, x.value) for art in family for x in mentions[art]
                 if x.kind == kind and _same_unit(group[0], x))
    near = [(art, m) for art, m in near if not (silent and art in family)]
    if not near or any(_close(kind, value, m.value) or _truncated(group[0], m)
                       for _, m in near):
        return None  # nobody else says it, or another source gives (about) the same
    giving = {source_of[art] for art, _ in near}
    backers: set[str] = set()
    best = value
    for _, m in near:
        agree = {source_of[art] for art, x in near if _close(kind, m.value, x.value)}
        if len(agree) > len(backers):
            best, backers = m.value, agree
    if not wide and 0 < len(backers) < min_support and any(
            _same_statement(group, m, words=SAME_WORDS if unit not in _GENERIC else VERBATIM_WORDS)
            for _, m in near if _close(kind, best, m.value)):
        # one source repeats the statement with another value; others give that value for the
        # same unit around fewer shared words: they back it too
        echoes = [(art, m) for art, ms in mentions.items()
                  if source_of[art] != a.independent_id and not (silent and art in family)
                  for m in ms if m.kind == kind and m.unit == unit and _close(kind, best, m.value)
                  and any(m.words & g.words for g in group)]
        near += [e for e in echoes if e not in near]
        giving |= {source_of[art] for art, _ in echoes}
        backers |= {source_of[art] for art, _ in echoes}
    # (a count wants two witnesses: the same words often hold another quantity ("42,640 UAW
    # members at Delphi" / "28,500 UAW members" at Visteon), which one refiling does not rule
    # out, unless the refiled story makes the article's very statement: "Last year, 16,396
    # adoptees came to this country" twice, "Last year, 11,767 adoptees came" once)
    documents = len({art for art, m in near if _close(kind, best, m.value) and (
        kind == "date" or _same_statement(group, m, words=SAME_WORDS if unit not in _GENERIC
                                          else VERBATIM_WORDS))})
    if not backed(backers, documents, min_support) or len(backers) < consensus * len(giving):
        return None
    their_bounds = {m.approx for _, m in near if _close(kind, best, m.value)}
    if any(_close(kind, best, x.value) for x in mentions[a.id] if x.kind == kind
           and _same_unit(x, group[0])) or any(_consistent(g, best) and their_bounds != {g.approx}
                                      for g in group):
        return None  # it gives the others' value too, or only bounds it ("more than 100");
        # the same bound with another value ("within 254 miles" / "within 186 miles") is not
    order = list(mentions)
    support = sorted({art for art, m in near if _close(kind, best, m.value)}, key=order.index)
    found = group[0].surface
    expected = next(m.surface for _, m in near if m.value == best)
    return Finding(
        article=a.id, kind=kind, found=found, expected=expected, support=support,
        message=(f"{a.id} gives {found!r} where "
                 + (f"{len(support)} other copies of the same story give"
                    if backers == {_FAMILY + a.independent_id}
                    else voices(backers, documents, "give"))
                 + f" {expected!r} in the same context."))


def contemporary(own: dt.date | None, backers: Sequence[dt.date | None]) -> bool:
    """One of the backers wrote within CONTEMPORARY_DAYS of the article (or dates are unknown):
    figures move with time, and a contradiction is told by sources of the same moment, not
    only by reports from another season ("2,880 housing units" in one year's survey, "2,600
    new housing units" approved the next)."""
    known = [d for d in backers if d is not None]
    return own is None or not known or any(
        abs((d - own).days) <= CONTEMPORARY_DAYS for d in known)




def _same_magnitude(a: float, b: float) -> bool:
    """As many digits before the point, at most MAX_RATIO_SAME apart (247 / 847)."""
    return len(str(int(a))) == len(str(int(b))) and max(a, b) <= MAX_RATIO_SAME * max(min(a, b), 1e-9)


def _one_digit_apart(a: float, b: float) -> bool:
    """Whole numbers written with as many digits that differ in one of them (113 / 813): a
    misprint, however far apart the amounts are."""
    if a != int(a) or b != int(b):
        return False
    x, y = str(int(a)), str(int(b))
    return len(x) == len(y) >= 2 and sum(c != d for c, d in zip(x, y, strict=True)) == 1


def _same_unit(a: ValueMention, b: ValueMention) -> bool:
    """The same unit, or one noun phrase the end of the other ("364 school districts" / "304
    public school districts"); a loose unit ("percent", "$ million") only as itself."""
    if a.span != b.span or a.era != b.era:
        return False  # the low end of one range and the high end of another are not one figure
    if a.unit == b.unit:
        return True
    if a.kind != "number" or a.unit in _GENERIC or b.unit in _GENERIC:
        return False
    short, long = sorted((a.phrase, b.phrase), key=len)
    return 0 < len(short) < len(long) and long[-len(short):] == short




def _same_statement(group: list[ValueMention], m: ValueMention, stemmed: bool = False,
                    words: int = 0) -> bool:
    """``m`` sits in the same words as one of ``group``: SAME_WORDS (or ``words``) content words
    in common, the clause included; with ``stemmed``, the words' stems."""
    return any(len(_words_of(m, stemmed) & _words_of(g, stemmed)) >= (words or SAME_WORDS)
               and _clause_of(m, stemmed) & _clause_of(g, stemmed) for g in group)


def _words_of(m: ValueMention, stemmed: bool) -> frozenset[str]:
    return m.stems if stemmed else m.words


def _clause_of(m: ValueMention, stemmed: bool) -> frozenset[str]:
    return m.clause_stems if stemmed else m.clause


def _close(kind: str, a: float, b: float) -> bool:
    """The same value, or counts within CLOSE of each other (a toll revised from 247 to 248)."""
    if kind == "date" or a == b:
        return a == b
    return abs(a - b) <= CLOSE * max(a, b)


def _truncated(m: ValueMention, other: ValueMention) -> bool:
    """``m`` is ``other`` written without its decimals ("the $5 trillion debt" / "the $5.7
    trillion national debt"): less precise, not another figure."""
    return m.kind == "number" and _grain(m.surface) >= 1 and _grain(other.surface) < 1 and \
        int(other.value) == m.value


def _consistent(m: ValueMention, other: float) -> bool:
    """An approximate value that does not contradict ``other`` ("more than 100" and 116)."""
    if m.approx == "above":
        return m.value <= other
    if m.approx == "below":
        return m.value >= other
    if m.approx == "about":  # as far as its rounding goes, up to ABOUT: "about 300" may be
        # 270, "about 260" is not 300
        return abs(m.value - other) <= max(min(_grain(m.surface), ABOUT * other), CLOSE * other)
    return False


_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _grain(surface: str) -> float:
    """The step a number is rounded to as written: 100 for "300", 5 for "25", 10 for "260",
    0.1 for "3.2", 0.5 for "1.5" (billion)."""
    m = _DIGITS.search(surface)
    if m is None:
        return 0.0
    digits = m.group().replace(",", "")
    whole, _, decimals = digits.partition(".")
    if decimals:
        last, step = decimals[-1], 10.0 ** -len(decimals)
    else:
        zeros = len(whole) - len(whole.rstrip("0"))
        last, step = whole.rstrip("0")[-1:] or "0", 10.0 ** zeros
    step *= 5 if last == "5" else 1
    return step


def _same_context(group: list[ValueMention], art: str, mentions: dict[str, list[ValueMention]],
                  source_of: dict[str, str], own: str,
                  shared: int = 2, stemmed: bool = False,
                  want: Callable[[ValueMention], bool] | None = None,
                  pool: Pool | None = None) -> list[tuple[str, ValueMention]]:
    """Other sources' mentions of the same kind (and, with ``want``, that it accepts) around
    the same words as one of ``group``; with fewer than MIN_SHARED words, a word next to one
    value must be near the other too ("before the Oct. 1 anniversary" / "the anniversary of its
    rule, on Oct. 1"). With ``pool`` (:func:`unit_pool`), only mentions that may share the
    unit of ``group`` are looked at (``want`` must then accept no other)."""
    out = []
    for other, m in _candidates(group[0], mentions, pool):
        if other == art or source_of[other] == own:
            continue
        if m.kind == group[0].kind and (want is None or want(m)) and any(
                len(common := _words_of(m, stemmed) & _words_of(g, stemmed)) >= shared and (
                    _one_word_context(m, g) if shared < MIN_SHARED
                    # a value set off by commas ("This decade, more than 60,000 children, ...
                    # have died") has no clause: the same statement will do
                    else len(common) >= SAME_WORDS if not (m.clause and g.clause)
                    else _clause_of(m, stemmed) & _clause_of(g, stemmed)
                    if g.unit == "percent" and shared < SAME_WORDS
                    else _clause_of(m, stemmed) & _words_of(g, stemmed)
                    or _clause_of(g, stemmed) & _words_of(m, stemmed))
                for g in group):
            out.append((other, m))
    return out


def _one_word_context(m: ValueMention, g: ValueMention) -> bool:
    """With one word in common, where it stands: for numbers, in both clauses; for days, next
    to one and near the other."""
    if m.kind == "number":
        return bool(m.clause & g.clause)
    return bool(m.clause & g.near or g.clause & m.near)


Pool = dict[tuple[str, str], list[tuple[int, str, ValueMention]]]


def unit_pool(mentions: dict[str, list[ValueMention]]) -> Pool:
    """Every mention filed under its unit and under the last word of its noun phrase: the
    mentions :func:`_same_unit` may accept for a given one are under one of its two keys (a
    story's thousands of values are not all compared with each other)."""
    pool: Pool = defaultdict(list)
    n = 0
    for art, ms in mentions.items():
        for m in ms:
            pool[(m.kind, m.unit)].append((n, art, m))
            if m.kind == "number" and m.phrase and m.unit not in _GENERIC:
                pool[("phrase", m.phrase[-1])].append((n, art, m))
            n += 1
    return pool


def _candidates(m: ValueMention, mentions: dict[str, list[ValueMention]],
                pool: Pool | None) -> list[tuple[str, ValueMention]]:
    """(article, mention) pairs worth comparing with ``m``, in the order of ``mentions``."""
    if pool is None:
        return [(art, x) for art, ms in mentions.items() for x in ms]
    found = pool.get((m.kind, m.unit), [])
    if m.kind == "number" and m.phrase and m.unit not in _GENERIC:
        more = pool.get(("phrase", m.phrase[-1]), [])
        if more:
            found = sorted({x[0]: x for x in found + more}.values(), key=lambda x: x[0])
    return [(art, x) for _, art, x in found if art in mentions]


def _comparable(kind: str, a: float, b: float) -> bool:
    if kind == "date":
        gap = abs(a - b)
        return min(gap, 366 - gap) <= MAX_DAYS
    if a <= 0 or b <= 0:
        return False
    return max(a, b) / min(a, b) <= MAX_RATIO
