"""RSS 2.0 / Atom / RDF feeds (feedparser): one Article per entry.

The entry's full content is used when the feed carries it, else its summary; HTML in either is
turned into plain paragraphs. feedparser's loose parser salvages entries from malformed feeds
(bare ampersands, unclosed tags, a feed cut off mid-entry), and expat refuses external entities
and entity-expansion bombs, so a hostile feed yields its readable entries and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Article, InputError, content_id
from .archives import Source
from .html import fragment_text
from .records import normalise_date, optional_str, record_id
from .settings import MB, Settings


def read(src: Source, settings: Settings) -> Iterator[Article | InputError]:
    import feedparser

    limit = settings.max_feed_bytes
    with src.open() as fh:
        data = fh.read(limit + 1)
        if getattr(fh, "truncated", False):
            raise EOFError("compressed file ends early")
    if len(data) > limit:
        yield InputError(file=src.name, reason=f"feed is over the {limit // MB} MB limit")
        return
    parsed: Any = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if not entries:
        why = "no feed entries found"
        if not parsed.get("version"):
            why = "XML is not an RSS, Atom or RDF feed" if data.lstrip().startswith(b"<") else why
        if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
            why += f" ({_short(parsed.get('bozo_exception'))})"
        yield InputError(file=src.name, reason=why)
        return
    feed_title = optional_str((parsed.get("feed") or {}).get("title"))
    for n, entry in enumerate(entries, 1):
        try:
            yield _article(entry, feed_title, src)
        except ValueError as exc:
            yield InputError(file=src.name, record=f"entry {n}", reason=str(exc))
    if parsed.get("bozo") and _truncated(parsed.get("bozo_exception")):
        yield InputError(
            file=src.name,
            record=f"after entry {len(entries)}",
            reason=f"feed is malformed or cut off ({_short(parsed.get('bozo_exception'))}); "
            "the entries before that point were read",
        )


def _article(entry: Any, feed_title: str | None, src: Source) -> Article:
    body = ""
    for part in entry.get("content") or []:  # full content, when the feed carries it
        value = part.get("value") if isinstance(part, dict) else None
        if isinstance(value, str) and len(value) > len(body):
            body = value
    if not body:
        summary = entry.get("summary")
        body = summary if isinstance(summary, str) else ""
    text = fragment_text(body)
    if not text:
        raise ValueError("entry has no content or summary text")
    url = optional_str(entry.get("link"))
    published = None
    for key in ("published", "updated", "created"):
        published = normalise_date(entry.get(key))
        if published:
            break
    source = entry.get("source")
    source_title = optional_str(source.get("title")) if isinstance(source, dict) else None
    return Article(
        id=record_id(entry.get("id")) or url or content_id(text),
        text=text,
        title=optional_str(fragment_text(entry.get("title") or "")),
        source=source_title or feed_title,
        url=url,
        published=published,
        path=src.name,
    )


def _truncated(exc: Any) -> bool:
    return exc is not None and "no element found" in str(exc)


def _short(exc: Any) -> str:
    return " ".join(str(exc).split())[:120] or type(exc).__name__
