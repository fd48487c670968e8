"""Consistency (stub)."""

from __future__ import annotations

from .model import Article, Entity, Fact, Finding, SourceQuality


def find_inconsistencies(
    articles: list[Article], entities: list[Entity], facts: list[Fact]
) -> list[Finding]:
    return []


def source_quality(articles: list[Article], findings: list[Finding]) -> list[SourceQuality]:
    return []
