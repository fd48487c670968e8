"""Ingest limits, in one place. Every reader takes a :class:`Settings`."""

from __future__ import annotations

import os
from dataclasses import dataclass

MB = 1024 * 1024


def _env_mb(name: str, default: float) -> int:
    try:
        return int(float(os.environ.get(name, default)) * MB)
    except ValueError:
        return int(default * MB)


@dataclass(frozen=True)
class Settings:
    """Size limits that keep one hostile input from exhausting memory or time.

    ``max_html_bytes`` is the most HTML handed to the extractor for one page. A larger page is
    first slimmed (scripts, styles, SVG, comments and huge attributes cut out, which is what makes
    real pages enormous); if it is still over the limit it is reported, not parsed.
    ``max_raw_html_bytes`` is the most of one page read at all, ``max_text_bytes`` the most of one
    plain-text article, ``max_record_bytes`` the longest JSONL line or CSV field.
    """

    max_html_bytes: int = 5 * MB
    max_raw_html_bytes: int = 64 * MB
    max_text_bytes: int = 32 * MB
    max_record_bytes: int = 32 * MB
    max_feed_bytes: int = 64 * MB
    max_zip_copy_bytes: int = 256 * MB
    workers: int = 1  # processes extracting HTML pages of a directory (1: all in this process)

    @classmethod
    def from_env(cls) -> Settings:
        """Defaults, with ``STORYLINE_MAX_HTML_MB`` (the HTML limit in megabytes) and
        ``STORYLINE_INGEST_WORKERS`` (default: one per core, at most 4) read from the environment."""
        try:
            workers = int(os.environ.get("STORYLINE_INGEST_WORKERS", ""))
        except ValueError:
            workers = min(os.cpu_count() or 1, 4)
        return cls(max_html_bytes=_env_mb("STORYLINE_MAX_HTML_MB", 5), workers=max(1, workers))
