"""Article JSONL (``interfaces.md``): one JSON object per line, read line by line.

A bad line (cut off, not JSON, not an object, no text, nested 100 000 deep) becomes one
InputError naming its line number; every good line of the same file is still read. A line with a
stray invalid UTF-8 byte is decoded with the cp1252 fallback rather than dropped.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

from ..model import Article, InputError
from .archives import Source
from .decode import HEAD_BYTES, choose_encoding, errors_for
from .records import article_from_record
from .settings import MB, Settings

TRUNCATED = "compressed data is truncated (file ends early); the lines before the cut were read"


def read(src: Source, settings: Settings) -> Iterator[Article | InputError]:
    head = src.head(HEAD_BYTES)
    enc = choose_encoding(head)
    limit = settings.max_record_bytes
    with src.open() as raw:
        lines = io.TextIOWrapper(raw, encoding=enc, errors=errors_for(enc), newline=None)  # type: ignore[arg-type]
        n = 0
        while True:
            line = lines.readline(limit + 1)
            if not line:
                break
            n += 1
            if len(line) > limit and not line.endswith("\n"):
                while line and not line.endswith("\n"):  # skip the rest of the oversize line
                    line = lines.readline(MB)
                yield InputError(
                    file=src.name, record=f"line {n}", reason=f"line longer than {limit // MB} MB"
                )
                continue
            line = line.strip().lstrip("\ufeff").strip("\x00")
            if not line:
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputError(
                    file=src.name,
                    record=f"line {n}",
                    reason=f"not valid JSON ({exc.msg} at column {exc.colno})",
                )
                continue
            except RecursionError:
                yield InputError(file=src.name, record=f"line {n}", reason="JSON nested too deeply")
                continue
            try:
                yield article_from_record(rec, src.name, max_html_bytes=settings.max_html_bytes)
            except ValueError as exc:
                yield InputError(file=src.name, record=f"line {n}", reason=str(exc))
        if getattr(raw, "truncated", False):
            yield InputError(file=src.name, record=f"after line {n}", reason=TRUNCATED)
    if n == 0:
        yield InputError(file=src.name, reason="empty file")


def read_json(src: Source, settings: Settings) -> Iterator[Article | InputError]:
    """A whole JSON document: an array of records, ``{"articles": [...]}``, or one record.

    This cannot stream, so it is capped at ``max_record_bytes``; JSONL is the format for big inputs.
    """
    limit = settings.max_record_bytes
    with src.open() as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        yield InputError(file=src.name, reason=f"JSON document over {limit // MB} MB (use JSONL)")
        return
    enc = choose_encoding(data[:HEAD_BYTES])
    try:
        doc = json.loads(data.decode(enc, errors_for(enc)).lstrip("\ufeff"))
    except json.JSONDecodeError:  # not one document: read it line by line, reporting bad lines
        yield from read(src, settings)
        return
    except RecursionError:
        yield InputError(file=src.name, reason="JSON nested too deeply")
        return
    if isinstance(doc, dict) and isinstance(doc.get("articles"), list):
        doc = doc["articles"]
    records = doc if isinstance(doc, list) else [doc]
    for n, rec in enumerate(records, 1):
        try:
            yield article_from_record(rec, src.name, max_html_bytes=settings.max_html_bytes)
        except ValueError as exc:
            yield InputError(file=src.name, record=f"item {n}", reason=str(exc))
