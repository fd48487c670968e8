"""Timeline (stub)."""

from __future__ import annotations

from .model import Article, TimelineEvent


def build_timeline(articles: list[Article]) -> list[TimelineEvent]:
    return []
