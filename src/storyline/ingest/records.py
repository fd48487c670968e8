"""One input record (a JSONL object, a CSV row, a dict from the Python API) → an Article.

Field rules follow ``interfaces.md``: only ``text`` is required; a wrong-typed optional field
(a list as title, a dict as source) is dropped rather than failing the whole record, because
the body is what matters; ``published`` becomes YYYY-MM-DD or None; a record flagged ``html``
has its page extracted here, so every Article leaving ingest holds text, not markup.
"""

from __future__ import annotations

import math
import re
import warnings
from datetime import UTC, date, datetime
from typing import Any

from ..model import Article, content_id

_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d|Z|[+-]\d)")
_HAS_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")
_TRUE = {"true", "yes", "1", "y", "on"}
_FALSE = {"false", "no", "0", "n", "off", ""}
_SENTINEL = datetime(1, 1, 1)


def normalise_date(value: Any) -> str | None:
    """YYYY-MM-DD from an ISO string, any date dateutil can read, a datetime or epoch seconds."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime | date):
        return _plausible(value.year, value.strftime("%Y-%m-%d"))
    if isinstance(value, int | float):
        if not math.isfinite(value):
            return None
        seconds = value / 1000 if abs(value) > 1e11 else value  # epoch milliseconds
        try:
            day = datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None
        return _plausible(day.year, day.strftime("%Y-%m-%d"))
    if not isinstance(value, str):
        return None
    s = value.strip()[:200]
    m = _ISO_DAY.match(s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    if not _HAS_YEAR.search(s):  # dateutil would fill a missing year with this year's
        return None
    from dateutil import parser

    try:
        with warnings.catch_warnings():  # "tzname EST not understood": the day is all we keep
            warnings.simplefilter("ignore")
            parsed = parser.parse(s, default=_SENTINEL)
    except (ValueError, OverflowError, TypeError, parser.ParserError):
        return None
    if parsed.year == 1:
        return None
    return _plausible(parsed.year, parsed.strftime("%Y-%m-%d"))


def _plausible(year: int, iso: str) -> str | None:
    return iso if 1800 <= year <= 2200 else None


def optional_str(value: Any, limit: int = 2000) -> str | None:
    """A short metadata string, whitespace-collapsed; anything not a string (or empty) → None."""
    if not isinstance(value, str):
        return None
    s = " ".join(value.split())
    return s[:limit] or None


def html_flag(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise ValueError(
        f"'html' must be true or false, not {type(value).__name__} {str(value)[:20]!r}"
    )


def record_id(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return str(int(value)) if float(value).is_integer() else str(value)
    return None


def article_from_record(
    rec: dict[str, Any], origin: str, *, max_html_bytes: int | None = None
) -> Article:
    """Build an Article from a record dict. Raises ValueError with a plain reason."""
    if not isinstance(rec, dict):
        raise ValueError(f"record is a JSON {type(rec).__name__}, not an object")
    text = rec.get("text")
    if text is None:
        raise ValueError("record has no 'text' field" if "text" not in rec else "'text' is null")
    if not isinstance(text, str):
        raise ValueError(f"'text' must be a string, not {type(text).__name__}")
    if "\x00" in text:
        text = text.replace("\x00", "")
    if not text.strip():
        raise ValueError("'text' is empty")
    is_html = html_flag(rec.get("html"))
    title, url = optional_str(rec.get("title")), optional_str(rec.get("url"))
    published = normalise_date(rec.get("published"))
    source = optional_str(rec.get("source"))
    if is_html and "<" in text:
        from .html import extract_page

        page = extract_page(text, url=url, max_bytes=max_html_bytes)
        text = page.text
        title = title or page.title
        published = published or page.date
        source = source or page.sitename
    return Article(
        id=record_id(rec.get("id")) or url or content_id(text),
        text=text,
        title=title,
        source=source,
        url=url,
        published=published,
        html=False,
        path=origin,
    )
