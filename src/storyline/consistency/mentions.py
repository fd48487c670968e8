"""Findings on numbers and calendar days as the sentences write them, compared across sources.

The facts of :mod:`storyline.facts` key an amount on the parse (unit noun plus the verb it hangs
from), which differs between outlets that word one statement differently. This check is simpler
and complements it: a number with the word that follows it ("340 people", "$1.2 billion",
"45 percent"), or a month and day ("Oct. 12"), together with the content words around it.

An article's value disagrees with the others when

* no other independent source gives that value (for a number: with that unit), nor one within
  ``CLOSE`` of it (tolls revised from 247 to 248 are one figure);
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
* the article never gives that other value itself (then it reports both, which is no
  contradiction: "rose from 40 to 45 percent"), and its value is not a bound the other value
  meets ("more than 100 sailors" against 116).

Units match as written, or when one noun phrase ends the other ("364 school districts" / "304
public school districts"). Values further apart than ``MAX_RATIO`` are compared only as the same
statement (``SAME_WORDS`` words in common, verb forms stemmed: "killing 813" / "killed 113") or
as a misprinted digit from ``MISPRINT_FROM`` on.

:func:`past_day_findings` reads the days the other way: an article that tells of a day as past
which, by the other sources' account, came more than ``LATER_DAYS`` after its publication date
is misdated.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..facts.words import content_stem
from ..model import Article, Finding
from ..timeline.dates import MONTHS

MIN_SUPPORT = 2
MIN_SHARED = 2  # content words shared within WINDOW words of the two values
MIN_SHARED_GENERIC = 3  # ... for a unit as loose as "percent"
MIN_SHARED_DAY = 1  # a calendar day is specific: one word in common, close to both, will do
NEAR_WINDOW = 5
WINDOW = 8
CLAUSE_WORDS = 3
CONSENSUS = 0.67
BROAD_SUPPORT = 3  # a generic unit with little context needs this many sources ...
BROAD_CONSENSUS = 0.75  # ... and this much agreement
MAX_RATIO = 1.75  # further apart, two amounts sharing a unit are usually different things
MAX_RATIO_SAME = 10.0  # ... unless the sentence is the same statement (a digit changed)
SAME_WORDS = 4
VERBATIM_WORDS = 6  # ... for a loose unit ("percent", dollars): nearly word for word
MISPRINT_FROM = 100  # one digit apart is a misprint from three digits on ("20"/"50" is not)
MAX_DAYS = 14
_FAMILY = "copies of:"
MAX_APART_DAYS = 730  # sources published further apart are not compared
CONTEMPORARY_DAYS = 180  # ... and one of the backers must write within half a year of it,
SETTLED = 4  # unless this many sources give the figure: it held all along
CLOSE = 0.05
ABOUT = 0.15

_SP = r"[^\S\n]"  # a space that does not end the line
_SCALE = r"(?:" + _SP + r"+(?P<scale>million|billion|trillion))?"
_NUMBER = re.compile(
    r"(?<![\w.,:/#$-])(?P<dollar>\$\s?)?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)" + _SCALE
    + r"(?:" + _SP + r"*(?P<pct>%)|" + _SP + r"+(?P<unit>[A-Za-z][a-z-]*))")
_MONTH_NAMES = sorted((m for m in MONTHS), key=len, reverse=True)
_DAY = re.compile(
    r"(?<![\w.])(?P<month>" + "|".join(m.title() for m in _MONTH_NAMES) + r")\.?" + _SP + r"+"
    r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d,]\d|\w)(?:,?" + _SP + r"+(?P<year>(?:1[89]|20)\d\d)\b)?")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
# words after a number that are not what it counts
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_GENERIC = _words("percent $ people person million billion trillion")


_NOT_UNITS = _words(
    "of the to and in a an on at for from by with or as is was were are be that than but he she "
    "it they we said says per times after before until when since into over under up more less "
    "am pm p.m a.m o'clock gmt edt est old a.m. p.m. percentage point points")
_COUNT_ADJECTIVES = _words("new additional more extra other further fewer young")
# durations count ("the last 10 years") unless they give an age ("50 years old")
_DURATIONS = _words("year years day days hour hours minute minutes week weeks month months")
_STOP = _words(
    "the and for that with from this have has had was were are been will would said says about "
    "after before their there they them than then into over also which when while what who more "
    "most some such only other its his her our not but can could may might just very each all "
    "any one two three four five six seven eight nine ten year years day days last first new "
    "percent million billion trillion monday tuesday wednesday thursday friday saturday sunday "
    "people") | frozenset(MONTHS)


@dataclass(frozen=True)
class ValueMention:
    kind: str  # "number" or "date"
    unit: str  # what a number counts ("people", "$ million", "percent"); "" for a day
    value: float  # the amount; for a day, its day of the year (2000 calendar)
    surface: str  # as the text writes it
    words: frozenset[str]  # content words around it
    approx: str = ""  # "above" (more than), "below" (nearly, up to), "about", or "" (exact)
    clause: frozenset[str] = frozenset()  # content words next to it in its clause
    sentence: int = -1  # index of the sentence it is in (into the texts article_mentions read)
    near: frozenset[str] = frozenset()  # for a day: content words within NEAR_WINDOW words
    year: int | None = None  # for a day: the year the text gives with it ("Oct. 12, 1998")
    # for a number: ``words`` and ``clause`` stemmed ("killing"/"killed" → kill)
    stems: frozenset[str] = frozenset()
    clause_stems: frozenset[str] = frozenset()
    # for a number: the words of the noun phrase after it ("304 public school districts" →
    # public, school, district): another unit among them is the same count
    phrase: tuple[str, ...] = ()
    # for a number: "low" or "high" for an end of a range ("between 4 percent and 12 percent",
    # "from 20 to 25 people"), compared only with the same end of another range
    span: str = ""
    # for a number in a sentence about another year's event: that year (history is compared
    # only with the same year's history: "made up 5 percent of the electorate in 1996")
    era: int | None = None


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
    out: list[Finding] = []
    published = {a.id: _published(a.published) for a in articles}
    families = Counter(source_of.values())
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
            if stated[(kind, unit, value)] - {a.independent_id}:
                continue  # another source gives it too, in some context
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
            for shared, support, consensus in rules:
                found = _disagreement(a, group, visible, voices, shared, support, consensus)
                if found is not None:
                    if len({source_of[b] for b in found.support}) >= SETTLED or contemporary(
                            published[a.id], [published[b] for b in found.support]):
                        out.append(found)
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
            out.append(Finding(
                article=a.id, kind="date", found=mine.isoformat(), expected=centre.isoformat(),
                support=backing,
                message=(f"{a.id} is dated {mine.isoformat()} and tells of {g.surface} as past, but "
                         f"{len(backers)} other sources date that {g.surface} to "
                         f"{centre.isoformat()}, after it.")))
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


def _disagreement(a: Article, group: list[ValueMention], mentions: dict[str, list[ValueMention]],
                  source_of: dict[str, str], shared: int, min_support: int,
                  consensus: float) -> Finding | None:
    """A finding on ``a``'s value (``group``: its mentions of it) when the other sources around
    the same words (``shared`` of them) agree on another one."""
    kind, unit, value = group[0].kind, group[0].unit, group[0].value
    context = _same_context(group, a.id, mentions, source_of, a.independent_id, shared,
                            want=lambda m: _same_unit(group[0], m))
    # the same statement word for word ("killed 847 people" / "killed 247 people") compares
    # across a wider gap than two amounts that merely share some context
    near = [(art, m) for art, m in context if _comparable(kind, value, m.value)]
    if kind == "number":  # ... and outlets word one statement with other verb forms
        near += [(art, m) for art, m in _same_context(
                     group, a.id, mentions, source_of, a.independent_id, shared, stemmed=True,
                     want=lambda m: _same_unit(group[0], m) and _same_magnitude(value, m.value)
                     and not _comparable(kind, value, m.value))
                 if _same_statement(group, m, stemmed=True)
                 or _one_digit_apart(value, m.value) and value >= MISPRINT_FROM]
    # a copy that repeats the value is the same voice, not another source confirming it
    near = [(art, m) for art, m in near
            if not (source_of[art].startswith(_FAMILY) and _close(kind, value, m.value))]
    if not near or any(_close(kind, value, m.value) for _, m in near):
        return None  # nobody else says it, or another source gives (about) the same
    giving = {source_of[art] for art, _ in near}
    backers: set[str] = set()
    best = value
    for _, m in near:
        agree = {source_of[art] for art, x in near if _close(kind, m.value, x.value)}
        if len(agree) > len(backers):
            best, backers = m.value, agree
    if 0 < len(backers) < min_support and any(
            _same_statement(group, m, words=SAME_WORDS if unit not in _GENERIC else VERBATIM_WORDS)
            for _, m in near if _close(kind, best, m.value)):
        # one source repeats the statement with another value; others give that value for the
        # same unit around fewer shared words: they back it too
        echoes = [(art, m) for art, ms in mentions.items() if source_of[art] != a.independent_id
                  for m in ms if m.kind == kind and m.unit == unit and _close(kind, best, m.value)
                  and any(m.words & g.words for g in group)]
        near += [e for e in echoes if e not in near]
        giving |= {source_of[art] for art, _ in echoes}
        backers |= {source_of[art] for art, _ in echoes}
    if len(backers) < min_support or len(backers) < consensus * len(giving):
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
        message=(f"{a.id} gives {found!r} where {len(backers)} other independent "
                 f"sources give {expected!r} in the same context."))


def contemporary(own: dt.date | None, backers: Sequence[dt.date | None]) -> bool:
    """One of the backers wrote within CONTEMPORARY_DAYS of the article (or dates are unknown):
    figures move with time, and a contradiction is told by sources of the same moment, not
    only by reports from another season ("2,880 housing units" in one year's survey, "2,600
    new housing units" approved the next)."""
    known = [d for d in backers if d is not None]
    return own is None or not known or any(
        abs((d - own).days) <= CONTEMPORARY_DAYS for d in known)


def _published(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


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


_PHRASE = re.compile(r"\s+([A-Za-z][a-z-]*)")
PHRASE_WORDS = 3


def _phrase(after: str) -> tuple[str, ...]:
    """Up to PHRASE_WORDS lower-case words right after a number, up to a stop word."""
    out, at = [], 0
    while len(out) < PHRASE_WORDS:
        m = _PHRASE.match(after, at)
        if m is None or m.group(1).lower() in _NOT_UNITS or m.group(1).lower() in _STOP:
            break
        out.append(_singular(m.group(1)))
        at = m.end()
    return tuple(out)


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


def _consistent(m: ValueMention, other: float) -> bool:
    """An approximate value that does not contradict ``other`` ("more than 100" and 116)."""
    if m.approx == "above":
        return m.value <= other
    if m.approx == "below":
        return m.value >= other
    if m.approx == "about":
        return abs(m.value - other) <= ABOUT * other
    return False


def _same_context(group: list[ValueMention], art: str, mentions: dict[str, list[ValueMention]],
                  source_of: dict[str, str], own: str,
                  shared: int = 2, stemmed: bool = False,
                  want: Callable[[ValueMention], bool] | None = None,
                  ) -> list[tuple[str, ValueMention]]:
    """Other sources' mentions of the same kind (and, with ``want``, that it accepts) around
    the same words as one of ``group``; with fewer than MIN_SHARED words, a word next to one
    value must be near the other too ("before the Oct. 1 anniversary" / "the anniversary of its
    rule, on Oct. 1")."""
    out = []
    for other, ms in mentions.items():
        if other == art or source_of[other] == own:
            continue
        for m in ms:
            if m.kind == group[0].kind and (want is None or want(m)) and any(
                    len(_words_of(m, stemmed) & _words_of(g, stemmed)) >= shared and (
                        m.clause & g.near or g.clause & m.near if shared < MIN_SHARED
                        else _clause_of(m, stemmed) & _clause_of(g, stemmed)
                        if g.unit == "percent" and shared < SAME_WORDS
                        else _clause_of(m, stemmed) & _words_of(g, stemmed)
                        or _clause_of(g, stemmed) & _words_of(m, stemmed))
                    for g in group):
                out.append((other, m))
    return out


def _comparable(kind: str, a: float, b: float) -> bool:
    if kind == "date":
        gap = abs(a - b)
        return min(gap, 366 - gap) <= MAX_DAYS
    if a <= 0 or b <= 0:
        return False
    return max(a, b) / min(a, b) <= MAX_RATIO


# ----------------------------------------------------------------------------- extraction
def all_mentions(articles: Sequence[Article]) -> dict[str, list[ValueMention]]:
    """Article id → :func:`article_mentions`."""
    return {a.id: article_mentions(a) for a in articles}


def article_mentions(article: Article) -> list[ValueMention]:
    """Every number-with-unit and month-day an article's sentences write."""
    out: list[ValueMention] = []
    texts = [s.text for s in article.sentences] or [article.text]
    year = _year(article.published)
    for index, text in enumerate(texts):
        # another year's event: its figures are history, compared only with that year's (see
        # ValueMention.era); a day it dates in full ("arrived at Jupiter on Dec. 7, 1995") is
        # a fact the sources should agree on, and a day without its year is left out
        past = past_event(text, year)
        days = list(_DAY.finditer(text))
        for m in days:
            day = _day_of_year(m.group("month"), int(m.group("day")))
            if day is None or _range_end(text, m.start(), m.end("day")) != "" or \
                    past and not m.group("year"):
                continue
            if (index == 0 and m.start() < 60 or not text[:m.start()].strip(" -_—*•")) and \
                    _DATELINE_END.match(text, m.end()):
                continue  # "JERUSALEM, August 2 (Xinhua) --": the day it was filed; "--Aug. 17 --
                # Government commission says": a chronology's heading, not one statement's day
            if m.group("month") == "May" and not m.group("year") and not re.search(
                    r"\b(?:on|since|by|until|from|of)\s*$", text[max(0, m.start() - 8):m.start()]):
                continue  # "May 5" could be the verb
            out.append(ValueMention("date", "", day, text[m.start():m.end("day")],
                                    _context(text, m.start(), m.end()),
                                    clause=_clause(text, m.start(), m.end(), content=True),
                                    sentence=index,
                                    near=_context(text, m.start(), m.end(), NEAR_WINDOW),
                                    year=int(m.group("year")) if m.group("year") else None))
        taken = [(m.start(), m.end()) for m in days]
        era = _era(text) if past else None
        for m in _NUMBER.finditer(text):
            if any(s <= m.start("num") < e for s, e in taken):
                continue
            found = _number(text, m)
            if found is not None:
                unit, value, span = found
                # an amount of money: the word after it is context ("$800 a month")
                end = m.end("scale") if m.group("scale") else m.end("num")
                end = end if m.group("dollar") else m.end()
                out.append(ValueMention(
                    "number", unit, value, m.group(0).strip(), _context(text, m.start(), end),
                    _approximation(text[max(0, m.start() - 25):m.start()]),
                    _clause(text, m.start(), end), index,
                    stems=_context(text, m.start(), end, stem=content_stem),
                    clause_stems=_clause(text, m.start(), end, stem=content_stem),
                    phrase=_phrase(text[m.end("scale") if m.group("scale") else m.end("num"):]),
                    span=span, era=era))
    return out


_DATELINE_END = re.compile(r"\s*(?:\(|--|_\s|—|:)")
PAST_YEARS = 2
_YEAR = re.compile(r"(?<![\w$.,])(?:in|of|since|during|until|by)?\s*((?:19|20)\d\d)\b(?!,\d)")


_NAME = re.compile(r"(?<=[\w,;:] )[A-Z][a-z]{2,}(?:[- ][A-Z][a-z]+)*")


def names_unknown(sentence: str, known: str) -> bool:
    """The sentence names someone or something (a capitalised word inside it, not a month)
    that the text ``known`` never writes: it speaks of another thing ("The Lauda Air crash
    killed all 223 people" in a story of the crash that killed 217)."""
    return any(name.split()[0].lower() not in MONTHS and name not in known
               for name in _NAME.findall(sentence))


def past_event(sentence: str, year: int | None) -> bool:
    """The sentence is about another year's event ("The Lauda Air crash in 1991 killed all 223
    people"): its numbers are history or comparison, not this story's facts (they are compared
    only with the same year's history)."""
    if year is None:
        return False
    years = [int(m.group(1)) for m in _YEAR.finditer(sentence)]
    # last year's figures are this story's statistics; two years back and more is history
    return bool(years) and max(years) <= year - PAST_YEARS


def _era(sentence: str) -> int | None:
    years = [int(m.group(1)) for m in _YEAR.finditer(sentence)]
    return max(years) if years else None


def _year(published: str | None) -> int | None:
    if published and len(published) >= 4 and published[:4].isdigit():
        return int(published[:4])
    return None


def _number(text: str, m: re.Match[str]) -> tuple[str, float, str] | None:
    num, scale, unit = m.group("num"), m.group("scale"), (m.group("unit") or "").lower()
    if "," not in num and "." not in num and 1800 <= int(num) <= 2100:
        return None  # a year
    if m.group("pct") or (unit == "per" and text[m.end():m.end() + 4].lower() == " cen"):
        unit = "percent"
    if unit in _COUNT_ADJECTIVES:  # "3,000 new housing units": what is counted comes next
        nxt = re.match(r"\s+([A-Za-z][a-z-]*)", text[m.end():m.end() + 30])
        unit = nxt.group(1).lower() if nxt else unit
    if unit in _DURATIONS and re.match(r"[\s-]*(?:old|of age|ago)\b", text[m.end():m.end() + 10]):
        return None
    if m.group("dollar"):
        unit = "$" + (" " + scale if scale else "")
    elif unit in _NOT_UNITS:
        if not scale:
            return None
        unit = scale
    elif scale:
        unit = f"{scale} {_singular(unit)}"
    else:
        unit = _singular(unit)
    before = text[max(0, m.start() - 30):m.start()]
    prev = re.search(r"([\w.'’]+)\s*$", before)
    if prev:
        word = prev.group(1)
        if word.rstrip(".").lower() in MONTHS:
            return None  # a date
        if word[:1].isupper() and not _sentence_start(before, prev.start()) and \
                word.lower() not in _LEADERS:
            return None  # "Flight 800", "Resolution 1441": a name, not an amount
        if word.lower() in ("no.", "number", "page", "route", "chapter", "article", "section"):
            return None
    span = _range_end(text, m.start(), m.end("num"))
    if span is None:
        return None
    return unit, float(num.replace(",", "")), span


_LEADERS = _words("about some nearly more only at the all of up over almost around roughly "
                     "just and but in by on for another those these fewer less least most "
                     "exactly approximately perhaps with")


_ABOVE = re.compile(r"(?:more than|over|at least|upwards of|in excess of|exceeding|beyond)\s*$", re.I)
_BELOW = re.compile(r"(?:less than|fewer than|up to|nearly|almost|under|just under|as many as|"
                    r"at most|no more than)\s*$", re.I)
_ABOUT = re.compile(r"(?:about|around|roughly|some|approximately|an estimated|estimated|"
                    r"perhaps)\s*$", re.I)


def _approximation(before: str) -> str:
    if _ABOVE.search(before):
        return "above"
    if _BELOW.search(before):
        return "below"
    return "about" if _ABOUT.search(before) else ""


def _sentence_start(before: str, at: int) -> bool:
    return not before[:at].strip() or before[:at].rstrip()[-1:] in '.!?"“'


_SCALE_WORD = r"(?:million|billion|trillion|%|percent)?"


def _range_end(text: str, start: int, end: int) -> str | None:
    """"low" or "high" for an end of a range ("3 to 5", "between 10 and 20", "1.4-5.8");
    None for a score, a time or an alternative ("17/18", "10:30", "two or three"): no figure
    to compare; "" for a value on its own."""
    after, before = text[end:end + 30], text[max(0, start - 25):start]
    if re.match(r"\s*[/:]\s*\d", after) or re.match(rf"\s*{_SCALE_WORD}\s*or\s+\$?\d", after) or \
            re.search(rf"\d\s*{_SCALE_WORD}\s*\bor\s*\$?\s?$", before):
        return None
    if re.match(r"\s*[-–]\s*\d", after) or re.match(rf"\s*{_SCALE_WORD}\s*(?:to|and)\s+\$?\d", after) \
            or re.search(r"\bbetween\s+\$?\s?$", before, re.IGNORECASE):
        return "low"
    if re.search(rf"\d\s*{_SCALE_WORD}\s*(?:[-–]|\bto|\band|\bthrough)\s*\$?\s?$", before):
        return "high"
    return ""


def _context(text: str, start: int, end: int, width: int = WINDOW,
             stem: Callable[[str], str] | None = None) -> frozenset[str]:
    """Content words within ``width`` words of a value, singular; with ``stem``, stemmed (an
    amount's verb: "killed"/"kills", "deaths"/"death"). Days keep their words as written: "the
    30th anniversary"/"anniversary" must not match "anniversaries" of another day."""
    norm = stem or _singular
    left = _WORD.findall(text[max(0, start - 100):start])[-width:]
    right = _WORD.findall(text[end:end + 100])[:width]
    out = set()
    for w in left + right:
        w = re.sub(r"(?:'s|’s)$", "", w.lower()).replace("-", "")  # round-trip = roundtrip
        if len(w) >= 3 and w not in _STOP:
            out.add(norm(w))
    return frozenset(out)


def _clause(text: str, start: int, end: int, stem: Callable[[str], str] | None = None,
            content: bool = False) -> frozenset[str]:
    """Content words at most CLAUSE_WORDS away on either side, not past a comma or a stop: what
    the value is said of ("killed 340 people" → killed), not the story's topic words. With
    ``content``, CLAUSE_WORDS content words: a day stands among small words ("launched on
    Sept. 13", "talks which began on Sept. 13") that would otherwise fill the count."""
    left = _WORD.findall(re.split(r"[,;:.()\"“”—]", text[max(0, start - 80):start])[-1])
    right = _WORD.findall(re.split(r"[,;:.()\"“”—]", text[end:end + 80])[0])
    if content:
        left, right = _content_words(left), _content_words(right)
    words = left[-CLAUSE_WORDS:] + right[:CLAUSE_WORDS]
    norm = stem or _singular
    return frozenset(norm(w.lower().replace("-", "")) for w in _content_words(words))


def _content_words(words: list[str]) -> list[str]:
    return [w for w in words if len(w) >= 3 and w.lower() not in _STOP]


def _singular(word: str) -> str:
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _day_of_year(month: str, day: int) -> float | None:
    number = MONTHS.get(month.lower().rstrip("."))
    if number is None:
        return None
    try:
        return float(dt.date(2000, number, day).timetuple().tm_yday)
    except ValueError:
        return None
