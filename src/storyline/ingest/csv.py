"""CSV / TSV with a header row, read row by row. Columns are mapped by name (see ``ALIASES``).

A row without text, with fewer fields than the text column needs, or that the csv module cannot
parse becomes one InputError naming its line; the other rows are still read.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator

from ..model import Article, InputError
from .archives import Source
from .decode import HEAD_BYTES, choose_encoding, errors_for
from .jsonl import TRUNCATED
from .records import article_from_record
from .settings import Settings

# header name (lower-cased, spaces/dashes as underscores) → record field
ALIASES: dict[str, str] = {
    **dict.fromkeys(
        (
            "text",
            "body",
            "content",
            "article",
            "article_text",
            "full_text",
            "maintext",
            "article_body",
            "articlebody",
        ),
        "text",
    ),
    **dict.fromkeys(("title", "headline", "heading"), "title"),
    **dict.fromkeys(("source", "outlet", "site", "sitename", "site_name", "publisher"), "source"),
    **dict.fromkeys(("url", "link", "href", "permalink"), "url"),
    **dict.fromkeys(
        (
            "published",
            "date",
            "pubdate",
            "pub_date",
            "published_at",
            "publish_date",
            "publication_date",
            "datetime",
            "timestamp",
        ),
        "published",
    ),
    **dict.fromkeys(("id", "article_id", "doc_id", "guid", "uid"), "id"),
    "html": "html",
}
DELIMITERS = (",", "\t", ";", "|")

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # we cap rows by bytes ourselves


def header_columns(first_line: str) -> tuple[str, dict[int, str]] | None:
    """(delimiter, {column index: field}) when ``first_line`` is a header with a text column."""
    best: tuple[str, dict[int, str]] | None = None
    for delim in DELIMITERS:
        if delim not in first_line:
            continue
        try:
            names = next(csv.reader([first_line], delimiter=delim))
        except (csv.Error, StopIteration):
            continue
        cols: dict[int, str] = {}
        for i, name in enumerate(names):
            field = ALIASES.get(
                name.strip().strip("\ufeff").lower().replace(" ", "_").replace("-", "_")
            )
            if field and field not in cols.values():
                cols[i] = field
        if "text" in cols.values() and (best is None or len(cols) > len(best[1])):
            best = (delim, cols)
    return best


def read(src: Source, settings: Settings) -> Iterator[Article | InputError]:
    head = src.head(HEAD_BYTES)
    enc = choose_encoding(head)
    first = head.decode(enc, errors_for(enc)).lstrip("\ufeff").splitlines()[:1]
    found = header_columns(first[0]) if first else None
    if found is None:
        yield InputError(
            file=src.name,
            reason="CSV header has no text column (expected one of: text, body, content, article)",
        )
        return
    delim, cols = found
    limit = settings.max_record_bytes
    with src.open() as raw:
        stream = io.TextIOWrapper(raw, encoding=enc, errors=errors_for(enc), newline="")  # type: ignore[arg-type]
        reader = csv.reader(stream, delimiter=delim)
        row_no = 0
        while True:
            before = reader.line_num
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield InputError(
                    file=src.name, record=f"line {before + 1}", reason=f"bad CSV row: {exc}"
                )
                if reader.line_num == before:  # no progress: stop rather than loop
                    break
                continue
            row_no += 1
            if row_no == 1 or not any(cell.strip() for cell in row):
                continue  # the header, or a blank line
            where = f"line {before + 1}"
            if sum(len(c) for c in row) > limit:
                yield InputError(file=src.name, record=where, reason=f"row over {limit} characters")
                continue
            rec = {field: row[i].replace("\x00", "") for i, field in cols.items() if i < len(row)}
            if "text" not in rec:
                yield InputError(
                    file=src.name,
                    record=where,
                    reason=f"row has {len(row)} fields, too few to reach the text column",
                )
                continue
            try:
                yield article_from_record(rec, src.name, max_html_bytes=settings.max_html_bytes)
            except ValueError as exc:
                yield InputError(file=src.name, record=where, reason=str(exc))
        if getattr(raw, "truncated", False):
            yield InputError(
                file=src.name, record=f"after line {reader.line_num}", reason=TRUNCATED
            )
