"""WARC / ARC archives (warcio), streamed record by record: each HTML response → one Article.

The archive is decompressed by :mod:`gzip` before warcio sees it: that reads per-record gzip
(the usual ``.warc.gz``) and a WARC gzipped as one stream alike, which warcio alone refuses.
Requests, metadata, non-HTML and non-2xx responses are skipped silently (they are not articles).
A record cut short by a truncated file is reported with its offset; the records before it are kept.
The article id is the record's URL (WARC-Target-URI); its date is the page's, else the WARC-Date.

Records are read here, in order; their pages are extracted by worker processes when
``Settings.workers`` allows (see :mod:`.parallel`), and come back in archive order.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..model import Article, InputError, content_id
from .archives import Source
from .decode import choose_encoding, errors_for
from .html import extract_page
from .parallel import OrderedPool
from .records import normalise_date, optional_str
from .settings import MB, Settings

CUT_RECORD = "record is truncated (the file ends inside it)"
INLINE_PAGES = 4  # pages of an archive extracted here before worker processes are started
_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


@dataclass
class Payload:
    """What a worker needs to turn one record into an Article (plain data: it is pickled)."""

    body: bytes
    mime: str
    charset: str | None
    url: str | None
    warc_date: str | None


def read(src: Source, settings: Settings) -> Iterator[Article | InputError]:
    pool = OrderedPool(settings.workers)
    try:
        yield from _read(src, settings, pool)
    finally:
        pool.close()


def _read(src: Source, settings: Settings, pool: OrderedPool) -> Iterator[Article | InputError]:
    from warcio.archiveiterator import ArchiveIterator

    where = "start of archive"
    n_records = 0
    cut_reported = False
    n_pages = 0
    with src.open() as fh:
        try:
            records = ArchiveIterator(fh, arc2warc=True, ensure_http_headers=False)
            for record in records:
                n_records += 1
                if record.rec_type is None:
                    yield from pool.drain()
                    yield InputError(
                        file=src.name,
                        record=f"record {n_records}",
                        reason="WARC record header is cut off",
                    )
                    return
                wanted = record.rec_type in ("response", "resource")
                payload = _payload(record, settings) if wanted else None
                # asked only now: warcio reads the record to its end to tell its offset
                where = f"record {n_records} at offset {records.get_record_offset()}"
                if isinstance(payload, str):
                    cut_reported = cut_reported or payload == CUT_RECORD
                    yield from pool.drain()  # keep archive order
                    yield InputError(file=src.name, record=where, reason=payload)
                elif payload is not None:
                    n_pages += 1
                    if n_pages <= INLINE_PAGES:  # a small archive is not worth a process pool
                        yield from convert(payload, src.name, where, settings)
                    else:
                        yield from pool.submit(convert, payload, src.name, where, settings)
            yield from pool.drain()
        except (EOFError, zlib.error, OSError) as exc:
            yield from pool.drain()
            if isinstance(exc, EOFError) and cut_reported:
                return  # the cut record was already reported
            reason = f"archive is truncated or corrupt here ({_short(exc)})"
            yield InputError(file=src.name, record=f"after {where}", reason=reason)
            return
        except Exception as exc:  # noqa: BLE001 - warcio raises plain Exception subclasses
            yield from pool.drain()
            reason = f"not a readable WARC: {_short(exc)}"
            yield InputError(file=src.name, record=f"after {where}", reason=reason)
            return
        cut = getattr(fh, "truncated", False)
    if n_records == 0:
        reason = (
            "archive is cut off inside its first record" if cut else "archive holds no WARC records"
        )
        yield InputError(file=src.name, reason=reason)


def _payload(record: Any, settings: Settings) -> Payload | str | None:
    """One record's page, a reason string when it is broken, None when it is not an article."""
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
    charset = ctype.split("charset=", 1)[1].strip(" \"'") if "charset=" in ctype else None
    return Payload(
        body=body,
        mime=mime,
        charset=charset,
        url=optional_str(record.rec_headers.get_header("WARC-Target-URI")),
        warc_date=record.rec_headers.get_header("WARC-Date"),
    )


def convert(p: Payload, name: str, where: str, settings: Settings) -> list[Article | InputError]:
    """Task: one record's payload → [Article], or [InputError] naming the record."""
    try:
        enc = choose_encoding(p.body[:65536], p.charset)
    except LookupError:
        enc = choose_encoding(p.body[:65536])
    html = p.body.decode(enc, errors_for(enc)).lstrip("\ufeff").replace("\x00", "")
    warc_date = normalise_date(p.warc_date)
    if p.mime == "text/plain":
        return [
            Article(
                id=p.url or content_id(html), text=html, url=p.url, path=name, published=warc_date
            )
        ]
    try:
        page = extract_page(html, url=p.url, max_bytes=settings.max_html_bytes)
    except ValueError as exc:
        reason = str(exc) + (f" ({p.url})" if p.url else "")
        return [InputError(file=name, record=where, reason=reason)]
    except Exception as exc:  # noqa: BLE001 - one bad page must not end the archive
        reason = f"unexpected error while extracting ({type(exc).__name__})"
        return [InputError(file=name, record=where, reason=reason)]
    article = Article(
        id=p.url or content_id(page.text),
        text=page.text,
        title=page.title,
        source=page.sitename,
        url=p.url or page.url,
        published=normalise_date(page.date) or warc_date,
        path=name,
    )
    return [article]


def _drain(stream: Any) -> None:
    while stream.read(MB):
        pass


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:160] or type(exc).__name__
