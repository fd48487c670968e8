"""Facts (stub)."""

from __future__ import annotations

from .model import Article, Entity, Fact


def extract_facts(articles: list[Article], entities: list[Entity]) -> list[Fact]:
    return []
