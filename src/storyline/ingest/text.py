"""Plain-text files: one article each, id = the file's path relative to the directory given.

The text is passed on as it is (decoded, BOM and NUL bytes removed): debris cleaning and
headline/dateline recovery belong to :mod:`storyline.clean`, which runs next.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Article, InputError
from .archives import Source
from .html import read_text_of
from .settings import Settings

_GARBAGE = re.compile("[\x80-\x9f\ufffd]")


def read(src: Source, settings: Settings) -> Iterator[Article | InputError]:
    try:
        text = read_text_of(src, settings.max_text_bytes)
    except ValueError as exc:
        yield InputError(file=src.name, reason=str(exc))
        return
    if not text.strip():
        yield InputError(file=src.name, reason="empty file (only whitespace)")
        return
    if _mostly_garbage(text):
        yield InputError(file=src.name, reason="not readable text (binary or unknown encoding)")
        return
    yield Article(id=src.id, text=text, path=src.name)


def _mostly_garbage(text: str) -> bool:
    """Replacement characters or C1 controls in bulk mean a wrong guess of encoding or binary."""
    sample = text[:65536]
    bad = len(_GARBAGE.findall(sample))
    return bad > max(8, len(sample) // 20)
