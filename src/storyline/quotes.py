"""Quotes (stub)."""

from __future__ import annotations

from .model import Article, Entity, Quote


def extract_quotes(articles: list[Article], entities: list[Entity]) -> list[Quote]:
    return []
