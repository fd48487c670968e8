"""WARC / ARC archives (warcio), streamed record by record: each HTML response → one Article.

The archive is decompressed by :mod:`gzip` before warcio sees it: that reads per-record gzip
(the usual ``.warc.gz``) and a WARC gzipped as one stream alike, which warcio alone refuses.
Requests, metadata, non-HTML and non-2xx responses are skipped silently (they are not articles).
A record cut short by a truncated file is reported with its offset; the records before it are kept.
The article id is the record's URL (WARC-Target-URI); its date is the page's, else the WARC-Date.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

from ..model import Article, InputError, content_id
from .archives import Source
from .decode import choose_encoding, errors_for
from .html import extract_page
from .records import normalise_date, optional_str
from .settings import MB, Settings

CUT_RECORD = "record is truncated (the file ends inside it)"
_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


def read(src: Source, settings: Settings) -> Iterator[Article | InputError]:
    from warcio.archiveiterator import ArchiveIterator

    where = "start of archive"
    n_records = 0
    cut_reported = False
    with src.open() as fh:
        try:
            records = ArchiveIterator(fh, arc2warc=True, ensure_http_headers=False)
            for record in records:
                n_records += 1
                if record.rec_type is None:
                    yield InputError(
                        file=src.name,
                        record=f"record {n_records}",
                        reason="WARC record header is cut off",
                    )
                    return
                wanted = record.rec_type in ("response", "resource")
                result = _record_article(record, src, settings) if wanted else None
                # asked only now: warcio reads the record to its end to tell its offset
                where = f"record {n_records} at offset {records.get_record_offset()}"
                if isinstance(result, str):
                    cut_reported = cut_reported or result == CUT_RECORD
                    yield InputError(file=src.name, record=where, reason=result)
                elif result is not None:
                    yield result
        except (EOFError, zlib.error, OSError) as exc:
            if isinstance(exc, EOFError) and cut_reported:
                return  # the cut record was already reported
            yield InputError(
                file=src.name,
                record=f"after {where}",
                reason=f"archive is truncated or corrupt here ({_short(exc)})",
            )
            return
        except Exception as exc:  # noqa: BLE001 - warcio raises plain Exception subclasses
            yield InputError(
                file=src.name, record=f"after {where}", reason=f"not a readable WARC: {_short(exc)}"
            )
            return
        cut = getattr(fh, "truncated", False)
    if n_records == 0:
        yield InputError(
            file=src.name,
            reason="archive is cut off inside its first record"
            if cut
            else "archive holds no WARC records",
        )


def _record_article(record: Any, src: Source, settings: Settings) -> Article | str | None:
    """The Article of one record, a reason string when it is broken, None when not an article."""
    http = record.http_headers
    if http is not None and record.rec_type == "response":
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        ctype = (http.get_header("Content-Type") or "").lower()
    else:
        ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
    mime = ctype.split(";")[0].strip()
    if mime not in _HTML_TYPES:
        return None
    limit = settings.max_raw_html_bytes
    stream = record.content_stream()
    body = stream.read(limit + 1)
    if len(body) > limit:
        _drain(stream)
        return f"page is over the {limit // MB} MB limit"
    if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than Content-Length promised
        return CUT_RECORD
    if not body.strip() or (not mime and b"<" not in body[:4096]):
        return None  # an empty or untyped non-HTML payload is not an article
    url = optional_str(record.rec_headers.get_header("WARC-Target-URI"))
    declared = ctype.split("charset=", 1)[1].strip(" \"'") if "charset=" in ctype else None
    try:
        enc = choose_encoding(body[:65536], declared)
    except LookupError:
        enc = choose_encoding(body[:65536])
    html = body.decode(enc, errors_for(enc)).lstrip("\ufeff").replace("\x00", "")
    if mime == "text/plain":
        return Article(
            id=url or content_id(html),
            text=html,
            url=url,
            path=src.name,
            published=normalise_date(record.rec_headers.get_header("WARC-Date")),
        )
    try:
        page = extract_page(html, url=url, max_bytes=settings.max_html_bytes)
    except ValueError as exc:
        return str(exc) + (f" ({url})" if url else "")
    return Article(
        id=url or content_id(page.text),
        text=page.text,
        title=page.title,
        source=page.sitename,
        url=url or page.url,
        published=normalise_date(page.date)
        or normalise_date(record.rec_headers.get_header("WARC-Date")),
        path=src.name,
    )


def _drain(stream: Any) -> None:
    while stream.read(MB):
        pass


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:160] or type(exc).__name__
