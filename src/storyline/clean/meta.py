"""Metadata recovery: publication dates, datelines, outlets and headlines from scraped text.

Dates are found with regexes first and only the matched candidate string goes to a parser
(dateutil, then dateparser for non-English month names), so the cost stays in microseconds.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from urllib.parse import urlsplit


def _words(text: str) -> frozenset[str]:
    """A word list written as one readable string."""
    return frozenset(text.split())


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?:19|20)\d{2}"
_DATE = re.compile(
    rf"\b{_YEAR}-\d{{1,2}}-\d{{1,2}}\b"  # 2022-01-27
    rf"|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}\b"  # December 6, 2023
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"  # 6 December 2023
    rf"|\b\d{{1,2}}[/.]\d{{1,2}}[/.]{_YEAR}\b"  # 12/06/2023
    rf"|\b{_YEAR}/\d{{1,2}}/\d{{1,2}}\b",
    re.IGNORECASE,
)
# Words that may surround a date on a date line ("Published: ... at 10:30 am").
_DATE_FILLER = re.compile(
    r"\b(?:published|updated|posted|last|first|modified|on|at|am|pm|a\.m\.|p\.m\.|gmt|utc|[ecmp][sd]t"
    r"|ist|cet|cest|bst|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday|date|time|\d{1,2}[:.]\d{2}(?::\d{2})?(?:am|pm)?|\d+\s*min(?:ute)?s?\s+read)\b|[\W_]+",
    re.IGNORECASE,
)
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_LOOSE_DATE = re.compile(rf"\b{_YEAR}\b")


def _valid(y: int, m: int, d: int) -> str | None:
    if not 1900 <= y <= 2100:
        return None
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def parse_date(value: str) -> str | None:
    """A date string in any common form → ``YYYY-MM-DD``, or None when it holds no full date."""
    value = value.strip()
    m = _ISO.match(value)
    if m:
        y, a, b = (int(g) for g in m.groups())
        # "1998-30-06": day and month swapped by the producer.
        return _valid(y, a, b) or _valid(y, b, a)
    if not _LOOSE_DATE.search(value) or len(value) > 80:
        return None  # no year: "the day before yesterday", "Monday" are not publication dates
    m = _DATE.search(value)
    if m is None:
        return _dateparser(value)  # a year but no English date around it
    from dateutil import parser as du

    try:
        parsed = du.parse(re.sub(r"(?<=\d)(?:st|nd|rd|th)\b|\bof\b", "", m.group()))
    except (ValueError, OverflowError):
        return None
    return _valid(parsed.year, parsed.month, parsed.day)


def _dateparser(value: str) -> str | None:
    """Slow fallback for non-English dates ("22 de outubro de 2010")."""
    import dateparser

    try:
        parsed = dateparser.parse(
            value, settings={"STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False}
        )
    except Exception:  # dateparser raises assorted errors on odd strings
        return None
    return _valid(parsed.year, parsed.month, parsed.day) if parsed else None


def normalise_published(value: object) -> str | None:
    """``Article.published`` in whatever form ingest gave it → ``YYYY-MM-DD`` or None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if value > 1e11 else value  # epoch seconds or milliseconds
        try:
            return dt.datetime.fromtimestamp(seconds, dt.UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if isinstance(value, str) and value.strip():
        digits = value.strip()
        if digits.isdigit() and len(digits) in (10, 13):  # an epoch timestamp as text
            return normalise_published(int(digits))
        return parse_date(value)
    return None


def date_line(p: str) -> str | None:
    """The date when paragraph ``p`` is a date line ("December 6, 2023", "Updated 2022-01-27")."""
    if len(p) > 80:
        return None
    m = _DATE.search(p)
    if not m:
        return None
    rest = _DATE_FILLER.sub("", p[: m.start()] + " " + p[m.end() :])
    if len(rest) > 3:
        return None
    return parse_date(m.group())


def date_in(p: str) -> str | None:
    """The first full date written anywhere in a short line (bylines: "... 11/19/2019 by X")."""
    m = _DATE.search(p) if len(p) <= 120 else None
    return parse_date(m.group()) if m else None


# --- datelines -----------------------------------------------------------------------------------

_PLACE = r"[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}"
_REGION = r"(?:,\s*[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,2})?"
_DASH = r"\s*(?:--|—|–|-|_|:)\s*"
_DATELINES = (
    # PINE RIDGE, S.D. (AP) --    MOSCOW (Reuters) -    WASHINGTON (AP --
    re.compile(rf"^(?P<place>{_PLACE}{_REGION})\s*\((?:[A-Z][\w&.\- ]{{0,20}})\)?{_DASH}\S"),
    # SYDNEY, September 13 (Xinhua) --    Washington, January 27:
    re.compile(
        rf"^(?P<place>{_PLACE}{_REGION}),\s*{_MONTH}\s+\d{{1,2}}(?:,\s*{_YEAR})?"
        rf"\s*(?:\([^)]{{1,20}}\)|/[^/]{{1,30}}/)?{_DASH}\S"
    ),
    # WASHINGTON --    ETHETE, Wyo. _    KANSAS CITY, Mo. --
    re.compile(
        rf"^(?P<place>[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){{0,3}}{_REGION})\s*(?:--|—|–|_)\s+\S"
    ),
)


# Capitalised labels that open a paragraph like a dateline but name no place.
_NOT_PLACES = _words(
    "breaking update updated exclusive watch video live analysis opinion editorial comment "
    "correction urgent flash news photos undated advisory alert note review"
)


def dateline(p: str) -> str | None:
    """The place of a dateline opening paragraph ``p``: "PINE RIDGE, S.D.", "Washington"."""
    head = p[:80]
    for pattern in _DATELINES:
        m = pattern.match(head)
        if m:
            place = m.group("place").strip(" ,")
            if (
                len(place) >= 3
                and sum(c.isalpha() for c in place) >= 3
                and place.split(",")[0].strip(" .").lower() not in _NOT_PLACES
            ):
                return place
    return None


# --- outlets and headlines -----------------------------------------------------------------------

_OUTLET_WORDS = _words(
    "news times post press daily herald tribune journal gazette chronicle telegraph guardian "
    "observer express mail star sun today online media network radio tv television "
    "broadcasting agency wire magazine weekly review reporter courier dispatch independent "
    "monitor standard record bulletin insider digest world register examiner inquirer "
    "sentinel globe mirror bureau channel live report"
)


_TAGLINE = re.compile(r"\s+(?:—|–|-|\||•|·)\s+")
_HOLDER_NOISE = re.compile(
    r"copyright|\(c\)|[©ⓒ]|\b(?:19|20)\d{2}\b|all rights reserved\.?", re.IGNORECASE
)


def outlet_name(p: str) -> str | None:
    """The outlet named by a masthead line, with or without a tagline:
    "Taylor Daily Press", "Westhaven Observer — Local news since 1887"."""
    name = _TAGLINE.split(p, maxsplit=1)[0].strip()
    return name if outlet_like(name.split()) else None


def copyright_holder(p: str) -> str | None:
    """The holder of a copyright notice: "© 2025 Harbor Press. All rights reserved." → the
    outlet. Image credits ("Image: X/© Y") name photographers, not outlets."""
    if not ("©" in p or "ⓒ" in p or "opyright" in p) or "/" in p or ":" in p:
        return None
    name = _HOLDER_NOISE.sub(" ", _TAGLINE.split(p, maxsplit=1)[0])
    name = " ".join(name.replace(".", " ").split())
    words = name.split()
    if 1 <= len(words) <= 5 and all(w[:1].isupper() for w in words):
        return name
    return None


def outlet_like(words: list[str]) -> bool:
    """A short capitalised name built on an outlet noun ("Taylor Daily Press")."""
    if not 1 <= len(words) <= 5 or not all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return False
    return any(w.lower().strip(".,:") in _OUTLET_WORDS for w in words)


def domain(url: object) -> str | None:
    """The site of a url without ``www.``: "https://www.example.com/x" → "example.com"."""
    if not isinstance(url, str) or not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host)


# A date written into a URL or a document identifier: "/2022/01/27/", "/2022/jan/27/",
# "-2022-01-27-", "_20220127_", "APW19990707.0181" (wire and archive ids carry the day they
# were filed). Never inside a longer run of digits.
_REF_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)(?:[/_.-](\d{1,2}|[a-z]{3})[/_.-](\d{1,2})|(\d\d)(\d\d))(?!\d)",
    re.IGNORECASE,
)
_MONTH_ABBR = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_HASH_ID = re.compile(r"[0-9a-f]{12,64}")  # a content hash: its digits mean nothing


def reference_dates(reference: object) -> list[str]:
    """The days (``YYYY-MM-DD``) written into a URL, path or identifier, in order.

    Publishers and archives stamp the filing day into their addresses and ids; htmldate reads
    the same ``/YYYY/MM/DD/`` forms. A bare hexadecimal id (a content hash) gives none."""
    if not isinstance(reference, str) or not reference or _HASH_ID.fullmatch(reference.lower()):
        return []
    out: list[str] = []
    for m in _REF_DATE.finditer(reference):
        year, month, day = m.group(1), m.group(2) or m.group(4), m.group(3) or m.group(5)
        if month.isalpha():
            if month.lower() not in _MONTH_ABBR:
                continue
            month = str(_MONTH_ABBR.index(month.lower()) + 1)
        found = _valid(int(year), int(month), int(day))
        if found and found not in out:
            out.append(found)
    return out


_NOT_ALNUM = re.compile(r"[\W_]+")


def compact(s: str) -> str:
    """Lower-case letters and digits only: compares lines across quote and dash styles."""
    return _NOT_ALNUM.sub("", s.casefold())


def same_headline(line: str, title_key: str) -> bool:
    """Whether ``line`` repeats the headline (keyed by :func:`compact`), allowing a site suffix."""
    key = compact(line)
    if not key or not title_key or len(key) < 12 and key != title_key:
        return False
    if key == title_key:
        return True
    short, long_ = sorted((key, title_key), key=len)
    return len(short) >= 0.6 * len(long_) and short in long_


_SITE_SUFFIX = re.compile(r"\s+(?:\||-|–|—|::)\s+(?P<site>[^|–—]{2,40})$")


def strip_site(title: str, source: object, url: object) -> str:
    """The headline without a trailing " | Outlet" naming the article's own source or site."""
    m = _SITE_SUFFIX.search(title)
    if not m:
        return title
    site = compact(m.group("site"))
    host = domain(url)
    names = [
        compact(x) for x in (source, host.split(".")[0] if host else None) if isinstance(x, str)
    ]
    if len(site) >= 3 and any(k and (site in k or k in site) for k in names):
        return title[: m.start()].strip() or title
    return title


def title_like(p: str, words: list[str]) -> bool:
    """A headline candidate: a handful of words, not a sentence ending in a full stop."""
    nw = len(words)
    if (
        not 3 <= nw <= 30
        or p.endswith((".", ",", ";"))
        or not p[:1].isupper()
        and p[:1] not in "'\"‘“"
    ):
        return False
    return date_line(p) is None and dateline(p) is None
