"""Ingest: files and directories of any supported kind → Article records, plus InputErrors.

    read_paths(paths) -> Iterator[Article | InputError]
    article_from_record(dict, origin) -> Article          (raises ValueError with a reason)

Each file's kind is sniffed from its first bytes, not its name: article JSONL, plain text, HTML
pages (trafilatura), WARC/ARC (warcio), RSS/Atom/RDF feeds (feedparser), CSV/TSV with a header,
and .gz/.bz2/.xz/.zip wrappers around any of these. Every Article that leaves ingest holds text
(HTML is extracted here). Nothing escapes: a bad file or record becomes one InputError naming the
file, the record (line, entry, offset) and a plain reason, and the good records are still read.

An article that is a whole file gets the file's path relative to the directory given as its id
(its name when the file itself was given); records inside a multi-record file keep their own id,
else their URL, else a content hash.
"""

from __future__ import annotations

import lzma
import os
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..model import Article, InputError
from . import csv as csv_reader
from . import feeds, html, jsonl, text, warc
from .archives import (
    MAX_WRAPPER_DEPTH,
    Source,
    compression_of,
    decompressed,
    file_source,
    is_zip,
    zip_members,
)
from .decode import HEAD_BYTES, choose_encoding, errors_for, looks_binary
from .parallel import OrderedPool, is_page, read_file
from .records import article_from_record, normalise_date
from .settings import Settings

__all__ = [
    "Settings",
    "article_from_record",
    "normalise_date",
    "read_paths",
    "read_source",
    "sniff",
]

Reader = Callable[[Source, Settings], Iterator[Article | InputError]]
READERS: dict[str, Reader] = {
    "warc": warc.read,
    "jsonl": jsonl.read,
    "json": jsonl.read_json,
    "feed": feeds.read,
    "html": html.read,
    "csv": csv_reader.read,
    "text": text.read,
}
_FIRST_TAG = re.compile(r"<([a-zA-Z][\w:.-]*)")
# XML declaration, comments and a doctype (with an internal subset: entity bombs live there)
_SKIP_PROLOG = re.compile(
    r"\s*(?:<\?.*?\?>|<!--.*?-->|<!doctype[^>\[]*(?:\[.*?\])?\s*>|\s)*", re.S | re.I
)
_FEED_ROOTS = {"rss", "feed", "rdf:rdf", "rdf", "channel"}
_HTML_HINT = re.compile(r"<(?:html|head|body|p|div|article|title|meta|br|table|h[1-6])\b", re.I)
_CSV_NAMES = (".csv", ".tsv", ".tab")


def read_paths(
    paths: Iterable[str | Path], settings: Settings | None = None
) -> Iterator[Article | InputError]:
    """Every article (or error) of every file under ``paths``. Never raises for bad input."""
    settings = settings or Settings.from_env()
    pages = OrderedPool(settings.workers)
    try:
        for p in paths:
            path = Path(p)
            try:
                if path.is_dir():
                    for f, rel in _walk(path):
                        src = file_source(f, rel)
                        if pages.active and is_page(src):  # extracted in a worker process
                            yield from pages.submit(read_file, src.name, src.id, settings)
                        else:  # anything else: read here, after the pages queued before it
                            yield from pages.drain()
                            yield from read_source(src, settings)
                elif path.is_file():
                    yield from pages.drain()
                    yield from read_source(file_source(path, path.name), settings)
                elif path.exists():  # a FIFO or device would block or never end
                    yield from pages.drain()
                    yield InputError(file=str(p), reason="not a regular file")
                else:
                    yield from pages.drain()
                    yield InputError(file=str(p), reason="no such file or directory")
            except OSError as exc:  # an unreadable directory
                yield InputError(file=str(p), reason=f"cannot read: {exc.strerror or exc}")
        yield from pages.drain()
    finally:
        pages.close()


def _walk(root: Path) -> Iterator[tuple[Path, str]]:
    """Files under ``root`` in a stable order, hidden files and folders (.git, .DS_Store) skipped."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            f = Path(dirpath) / name
            if name.startswith(".") or not f.is_file():  # hidden, or a FIFO / socket / broken link
                continue
            yield f, f.relative_to(root).as_posix()


def read_source(src: Source, settings: Settings) -> Iterator[Article | InputError]:
    """One source (a file or an archive member): unwrap compression, sniff its kind, read it."""
    try:
        head = src.head(HEAD_BYTES)
    except Exception as exc:  # noqa: BLE001 - whatever a decompressor or the OS raises
        yield InputError(file=src.name, reason=_reason(exc))
        return
    if compression_of(head) or is_zip(head):
        if src.depth >= MAX_WRAPPER_DEPTH:
            yield InputError(file=src.name, reason="archive nested too deeply")
        elif is_zip(head):
            yield from _guarded(_read_zip(src, settings), src)
        else:
            yield from read_source(decompressed(src, head), settings)
        return
    kind = sniff(head, src.name)
    if kind == "empty":
        yield InputError(
            file=src.name, reason="empty file" if not head else "empty file (only whitespace)"
        )
    elif kind == "binary":
        yield InputError(
            file=src.name, reason="binary data, not a text, HTML, feed, CSV or WARC file"
        )
    else:
        yield from _guarded(READERS[kind](src, settings), src)


def _read_zip(src: Source, settings: Settings) -> Iterator[Article | InputError]:
    members = 0
    for member in zip_members(src, settings.max_zip_copy_bytes):
        members += 1
        yield from read_source(member, settings)
    if members == 0:
        yield InputError(file=src.name, reason="zip archive holds no files")


def sniff(head: bytes, name: str = "") -> str:
    """The kind of a (decompressed) file from its first bytes; ``name`` only breaks ties.

    One of: warc, jsonl, json, feed, html, csv, text, binary, empty.
    """
    if head.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    enc = choose_encoding(head)
    if not enc.startswith(("utf-16", "utf-32")) and looks_binary(head):
        return "binary"
    start = head.decode(enc, errors_for(enc)).lstrip("\ufeff \t\r\n\x00")
    if not start.strip():
        return "empty"
    if looks_binary(start[:HEAD_BYTES].encode("utf-8", "replace")):
        return "binary"
    first = start[0]
    lower_name = name.lower()
    if first == "{":
        line = start.split("\n", 1)[0].strip()
        return "json" if line == "{" else "jsonl"
    if first == "[":
        return "json"
    if first == "<":
        body = start[_SKIP_PROLOG.match(start).end() :] if start[1:2] in "!?" else start  # type: ignore[union-attr]
        tag = _FIRST_TAG.match(body)
        root = tag.group(1).lower() if tag else ""
        if root in _FEED_ROOTS:
            return "feed"
        if start.startswith("<?xml") and root not in ("html", "head", "body", ""):
            return "feed"  # other XML: the feed reader says why it is not a feed
        return "html"
    first_line = start.split("\n", 1)[0]
    if csv_reader.header_columns(first_line) is not None or lower_name.endswith(_CSV_NAMES):
        return "csv"
    if lower_name.endswith((".html", ".htm", ".xhtml")) and _HTML_HINT.search(start[:8192]):
        return "html"
    return "text"


def _guarded(
    records: Iterator[Article | InputError], src: Source
) -> Iterator[Article | InputError]:
    """Pass records through; an exception ends this source with one InputError, never escapes."""
    try:
        yield from records
    except RecursionError:
        yield InputError(file=src.name, reason="input nested too deeply to read")
    except Exception as exc:  # noqa: BLE001 - the last resort the brief asks for: report, go on
        yield InputError(file=src.name, reason=_reason(exc))


def _reason(exc: BaseException) -> str:
    """A plain reason for an exception raised while reading a file."""
    if isinstance(exc, EOFError):
        return "compressed data is truncated (file ends early)"
    if isinstance(exc, zlib.error | lzma.LZMAError | OSError) and not isinstance(
        exc, FileNotFoundError | PermissionError
    ):
        detail = getattr(exc, "strerror", None) or str(exc)
        return f"corrupt or unreadable data ({' '.join(str(detail).split())[:120]})"
    if isinstance(exc, zipfile.BadZipFile):
        return f"corrupt zip archive ({exc})"
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, MemoryError):
        return "too large to read into memory"
    return (
        f"unexpected error while reading ({type(exc).__name__}: {' '.join(str(exc).split())[:160]})"
    )
