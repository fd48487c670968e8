"""Ingest: every input kind → Article records, plus one InputError per unreadable input.

(Minimal first version: JSONL and plain-text files; the ingest issue replaces this.)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..model import Article, InputError, content_id


def article_from_record(rec: dict[str, Any], origin: str) -> Article:
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("record has no 'text' string")
    return Article(
        id=str(rec.get("id") or content_id(text)),
        text=text,
        title=rec.get("title"),
        source=rec.get("source"),
        url=rec.get("url"),
        published=rec.get("published"),
        html=bool(rec.get("html", False)),
        path=origin,
    )


def read_paths(paths: Iterable[str | Path]) -> Iterator[Article | InputError]:
    for p in paths:
        path = Path(p)
        files = sorted(x for x in path.rglob("*") if x.is_file()) if path.is_dir() else [path]
        base = path if path.is_dir() else path.parent
        for f in files:
            rel = str(f.relative_to(base))
            try:
                data = f.read_text("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                yield InputError(file=str(f), reason=str(exc))
                continue
            if f.suffix == ".jsonl":
                for n, line in enumerate(data.splitlines(), 1):
                    if not line.strip():
                        continue
                    try:
                        yield article_from_record(json.loads(line), str(f))
                    except (ValueError, AttributeError) as exc:
                        yield InputError(file=str(f), record=f"line {n}", reason=str(exc))
            elif data.strip():
                yield Article(id=rel, text=data, path=str(f))
            else:
                yield InputError(file=str(f), reason="empty file")
