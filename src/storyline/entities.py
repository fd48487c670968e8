"""Entities (stub)."""

from __future__ import annotations

from .model import Article, Entity


def extract_entities(articles: list[Article]) -> list[Entity]:
    return []
