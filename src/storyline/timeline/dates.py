"""Date expressions in news text → calendar dates, resolved against the publication date.

Cheap first: a handful of regular expressions cover nearly every date a news sentence holds
("Jan. 26, 2022", "26 January", "on Wednesday", "yesterday", "two days ago", "last month"), so
neither dateparser (slow) nor dateutil is needed on the hot path. Vague expressions ("in recent weeks", "early next year", a bare year) resolve to
nothing, so they never make a timeline event or a date fact.

Month-precision expressions ("in March 2021", "last month") resolve to the first of the month and
say so through :attr:`Resolved.precision`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "a": 1}
_M = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<year>(?:1[6-9]|20)\d\d)"
_ISO = re.compile(r"\b" + _Y + r"-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
_MONTH_DAY = re.compile(r"\b" + _M + r"\s+" + _D + r"\b(?:,?\s+" + _Y + r")?")
_DAY_MONTH = re.compile(r"\b" + _D + r"\s+(?:of\s+)?" + _M + r"(?:,?\s+" + _Y + r")?\b")
_MONTH_YEAR = re.compile(r"\b" + _M + r",?\s+" + _Y + r"\b")
_NUMERIC = re.compile(r"\b(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)\b")
_WEEKDAY = re.compile(r"\b(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<wd>"
                      + "|".join(WEEKDAYS) + r")\b")
_TODAY = re.compile(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b")
_YESTERDAY = re.compile(r"\b(?:yesterday|last night)\b")
_TOMORROW = re.compile(r"\btomorrow\b")
_DAYS_AGO = re.compile(r"\b(?P<n>\d|" + "|".join(_NUMBER_WORDS) + r")\s+days?\s+ago\b")
_REL_MONTH = re.compile(r"\b(?P<rel>last|this|next)\s+month\b")
# qualifiers that make an expression vague or a boundary rather than the day something happened
_VAGUE = re.compile(r"\b(?:recent|past|earlier|later|early|late|mid|around|about|since|until|"
                    r"through|throughout|weeks|months|years|decades?|century|season|every|each|"
                    r"daily|weekly|annual|age|old)\b")
_FUTURE = re.compile(r"\b(?:will|'ll|shall|next|plans?|planned|scheduled|expected|upcoming|"
                     r"due|is to|are to)\b", re.I)


@dataclass(frozen=True)
class Resolved:
    date: date
    precision: str  # "day" or "month"

    @property
    def iso(self) -> str:
        return self.date.isoformat()


def parse_published(value: str | None) -> date | None:
    """The article's publication date from ``YYYY-MM-DD`` (or a longer ISO string)."""
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def resolve(expression: str, published: date | None, sentence: str = "",
            year_hint: date | None = None) -> Resolved | None:
    """The calendar date ``expression`` names, or None when it is vague or unresolvable.

    ``sentence`` (the sentence holding it) decides whether a bare weekday points back ("said on
    Wednesday") or forward ("will meet on Friday"): the words before it in its clause do. ``year_hint`` (say, the story's other
    articles' date) gives "Jan. 26" a year when the article has no date of its own; relative
    expressions ("yesterday") still need the article's own ``published``.
    """
    text = " ".join(expression.lower().replace(",", " , ").split()).replace(" ,", ",")
    if not text or _VAGUE.search(text) and not _DAYS_AGO.search(text):
        return None
    found = _absolute(text, published or year_hint)
    if found is not None:
        return found
    lead = _lead(expression, sentence)
    if _BOUNDARY.search(lead):
        return None  # "closed until Thursday": a limit, not the day something happened
    at = sentence.find(expression)
    if at >= 0 and _MONTH_DAY.match(sentence[at + len(expression):].lstrip(" ,").lower()):
        return None  # "on Wednesday, March 5": the date that follows says which Wednesday
    return _relative(text, published, lead)


def _lead(expression: str, sentence: str) -> str:
    """The words before ``expression`` in its clause: "told parliament" in "told parliament on
    Thursday that officers would meet next week" (the future is another clause's)."""
    at = sentence.find(expression)
    if at < 0:
        return sentence
    return _CLAUSE_BREAK.split(sentence[:at])[-1]


_CLAUSE_BREAK = re.compile(r"[;:]|,\s|\b(?:that|which|who|after|before|when|while)\b")
_BOUNDARY = re.compile(r"\b(?:until|till|through|by|from|since)\s+(?:at\s+least\s+)?(?:on\s+)?$",
                       re.I)


def _absolute(text: str, published: date | None) -> Resolved | None:
    for pattern in (_ISO, _MONTH_DAY, _DAY_MONTH, _NUMERIC):
        m = pattern.search(text)
        if m is None:
            continue
        month = m.group("month")
        month_no = int(month) if month.isdigit() else MONTHS[month.rstrip(".")]
        year = m.group("year")
        if year is not None and len(year) == 2:
            year = ("20" if int(year) < 50 else "19") + year
        day = _date(int(year) if year else _guess_year(month_no, published), month_no,
                    int(m.group("day")))
        if day is not None:
            return Resolved(day, "day")
    m = _MONTH_YEAR.search(text)
    if m is not None:
        day = _date(int(m.group("year")), MONTHS[m.group("month").rstrip(".")], 1)
        return Resolved(day, "month") if day else None
    return None


def _relative(text: str, published: date | None, sentence: str) -> Resolved | None:
    if published is None:
        return None
    if _TODAY.search(text):
        return Resolved(published, "day")
    if _YESTERDAY.search(text):
        return Resolved(published - timedelta(days=1), "day")
    if _TOMORROW.search(text):
        return Resolved(published + timedelta(days=1), "day")
    m = _DAYS_AGO.search(text)
    if m is not None:
        n = m.group("n")
        return Resolved(published - timedelta(days=int(n) if n.isdigit() else _NUMBER_WORDS[n]),
                        "day")
    m = _WEEKDAY.search(text)
    if m is not None:
        return Resolved(_weekday(WEEKDAYS[m.group("wd")], m.group("rel"), published, sentence),
                        "day")
    m = _REL_MONTH.search(text)
    if m is not None:
        shift = {"last": -1, "this": 0, "next": 1}[m.group("rel")]
        index = published.year * 12 + published.month - 1 + shift
        return Resolved(date(index // 12, index % 12 + 1, 1), "month")
    return None


def _weekday(target: int, rel: str | None, published: date, sentence: str) -> date:
    """A weekday name as a date: the latest one not after publication, unless its clause speaks
    of the future ("is due to visit on Monday evening": in a Monday paper, that evening)."""
    back = (published.weekday() - target) % 7
    forward = (target - published.weekday()) % 7
    if rel in {"next", "coming"} or (rel is None and _FUTURE.search(sentence)):
        return published + timedelta(days=forward)
    if rel in {"last", "past"} and back == 0:
        back = 7
    return published - timedelta(days=back)


def _guess_year(month: int, published: date | None) -> int | None:
    """A month without a year: the year that puts it nearest the publication date."""
    if published is None:
        return None
    candidates = [published.year - 1, published.year, published.year + 1]
    return min(candidates, key=lambda y: abs((date(y, month, 15) - published).days))


def _date(year: int | None, month: int, day: int) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_expressions(sentence: str) -> list[str]:
    """Date expressions in a sentence by surface form alone (backs up the NER's DATE mentions).

    Case-sensitive on purpose: "May 5" is a date, "may 5" is not.
    """
    return [m.group(0) for m in _SURFACE.finditer(sentence)]


_SURFACE = re.compile(
    r"(?<![/.\w])(?:(?:" + "|".join(m.title() for m in sorted(MONTHS, key=len, reverse=True))
    + r")\.?\s+[0-3]?\d(?:st|nd|rd|th)?\b(?:,?\s+(?:1[6-9]|20)\d\d\b)?"
    + r"|(?:(?:last|next|on|this)\s+)?(?:" + "|".join(w.title() for w in WEEKDAYS) + r")\b"
    + r"|[Tt]oday\b|[Tt]onight\b|[Yy]esterday\b|[Tt]omorrow\b|\d{4}-\d\d-\d\d\b)(?![/\w])"
)
