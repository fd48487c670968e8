"""Numbers and calendar days as an article's sentences write them, for comparing across sources.

:func:`article_mentions` reads every number with the word that follows it ("340 people",
"$1.2 billion", "45 percent", the ends of a range "between 4 and 12 percent") and every month and
day ("Oct. 12"), each as a :class:`ValueMention` with the content words around it, the words of
its clause, whether it is a bound ("more than 100") and, for a sentence about another year's
event, that year. :mod:`.mentions` compares them across sources; :mod:`.published` reads the days
against publication dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..facts.numbers import NUMBER_WORDS
from ..facts.words import match_stem
from ..model import Article
from ..timeline.dates import MONTHS

NEAR_WINDOW = 5  # a day's near words
WINDOW = 8  # the content words either side of a value
NUMBER_WINDOW = 10  # ... of a number: what it counts is often named at the start of a long sentence
CLAUSE_WORDS = 3  # ... and of its clause

AGES_FROM = 1000  # "10,000 years ago" is a figure; "12 years ago" depends on the day of writing
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
_POSSESSIVE = re.compile(r"(?:'s|’s)$")
_CLAUSE_END = re.compile(r"[,;:.()\"“”—]")
_PREVIOUS_WORD = re.compile(r"([\w.'’]+)\s*$")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_GENERIC = _words("percent $ people person million billion trillion")
# words after a number that are not what it counts
_NOT_UNITS = _words(
    "of the to and in a an on at for from by with or as is was were are be that than but he she "
    "it they we said says per times after before until when since into over under up more less "
    "am pm p.m a.m o'clock gmt edt est old a.m. p.m. percentage point points")
_COUNT_ADJECTIVES = _words("new additional more extra further fewer young")
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
    # for a percentage: the plural noun it is a share of ("90 percent of all malaria cases" →
    # cases); a part of a set is never more than all of it
    share_of: str = ""


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
        era = _era(text, year) if past else None
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
                    "number", unit, value, m.group(0).strip(),
                    _context(text, m.start(), end, NUMBER_WINDOW),
                    _approximation(text[max(0, m.start() - 25):m.start()]),
                    _clause(text, m.start(), end), index,
                    stems=_context(text, m.start(), end, stem=match_stem),
                    clause_stems=_clause(text, m.start(), end, stem=match_stem),
                    phrase=_phrase(text[m.end("scale") if m.group("scale") else m.end("num"):]),
                    span=span, era=era,
                    share_of=_share_of(text[m.end():]) if unit == "percent" else ""))
    return out


_SHARE = re.compile(r"\s+of\s+((?:[A-Za-z][\w-]*\s+){0,2}?)([a-z][a-z-]*[^s\W]s)\b")
_DETERMINERS = _words("all the their its his her our such these those")


def _share_of(after: str) -> str:
    """The plural noun a percentage is a share of, within three words after "of" ("percent of
    all malaria infections" → infections; "of those athletes" → athletes), or ""."""
    m = _SHARE.match(after)
    if m is None:
        return ""
    words = m.group(1).split()
    if any(w.lower() in _STOP and w.lower() not in _DETERMINERS for w in words):
        return ""  # "of those from treated fields": not a noun phrase
    return m.group(2)


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
    years = _years(sentence, year)
    # last year's figures are this story's statistics; two years back and more is history
    return bool(years) and max(years) <= year - PAST_YEARS


def _years(sentence: str, year: int) -> list[int]:
    """The years a sentence names, "two years ago" counted back from ``year``."""
    years = [int(m.group(1)) for m in _YEAR.finditer(sentence)] \
        if "19" in sentence or "20" in sentence else []
    if "ago" in sentence:
        years += [year - _COUNTS.get(n.lower(), 0) - (int(n) if n.isdigit() else 0)
                  for n in _AGO.findall(sentence)]
    return years


_COUNTS = {w: n for w, n in NUMBER_WORDS.items() if 1 < n < 100}
_AGO = re.compile(r"\b(\d{1,2}|" + "|".join(_COUNTS) + r")\s+years\s+ago\b", re.IGNORECASE)


def _era(sentence: str, year: int | None) -> int | None:
    years = _years(sentence, year) if year is not None else []
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
    if unit in _COUNT_ADJECTIVES:  # "3,000 new housing units": what is counted is the noun
        # the phrase after it ends in ("120,000 new rental assistance vouchers" → voucher)
        after = _phrase(text[m.end():])
        unit = after[-1] if after else unit
    if unit in _DURATIONS and re.match(r"[\s-]*(?:old|of age|ago)\b", text[m.end():m.end() + 10]) \
            and not (scale or float(num.replace(",", "")) >= AGES_FROM):
        return None  # an age, or a time counted back from the day of writing ("two years ago");
        # not "created 10,000 years ago"
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
    prev = _PREVIOUS_WORD.search(before)
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
        w = _POSSESSIVE.sub("", w.lower()).replace("-", "")  # round-trip = roundtrip
        if len(w) >= 3 and w not in _STOP:
            out.add(norm(w))
    return frozenset(out)


def _clause(text: str, start: int, end: int, stem: Callable[[str], str] | None = None,
            content: bool = False) -> frozenset[str]:
    """Content words at most CLAUSE_WORDS away on either side, not past a comma or a stop: what
    the value is said of ("killed 340 people" → killed), not the story's topic words. With
    ``content``, CLAUSE_WORDS content words: a day stands among small words ("launched on
    Sept. 13", "talks which began on Sept. 13") that would otherwise fill the count."""
    left = _WORD.findall(_CLAUSE_END.split(text[max(0, start - 80):start])[-1])
    right = _WORD.findall(_CLAUSE_END.split(text[end:end + 80])[0])
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

_PHRASE = re.compile(r"\s+([A-Za-z][a-z-]*)")
PHRASE_WORDS = 3


def _phrase(after: str) -> tuple[str, ...]:
    """Up to PHRASE_WORDS lower-case words right after a number, up to a stop word."""
    out, at = [], 0
    lead = _PHRASE.match(after)
    if lead is not None and lead.group(1).lower() in _COUNT_ADJECTIVES:
        at = lead.end()  # "120,000 new housing vouchers": the phrase is "housing vouchers"
    while len(out) < PHRASE_WORDS:
        m = _PHRASE.match(after, at)
        if m is None or m.group(1).lower() in _NOT_UNITS or m.group(1).lower() in _STOP:
            break
        out.append(_singular(m.group(1)))
        at = m.end()
    return tuple(out)


def _published(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
