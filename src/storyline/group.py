"""Story grouping (stub: everything in one story)."""

from __future__ import annotations

from .model import Article


def group_articles(articles: list[Article]) -> list[list[str]]:
    return [[a.id for a in articles]]
