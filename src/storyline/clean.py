"""Clean: debris removal and metadata recovery (stub; the clean issue replaces it)."""

from __future__ import annotations

from .model import Article


def clean_articles(articles: list[Article]) -> list[Article]:
    kept = []
    for a in articles:
        paras = [" ".join(p.split()) for p in a.text.split("\n") if p.strip()]
        a.text = "\n\n".join(paras)
        if a.published:
            a.published = a.published[:10]
        if a.text:
            kept.append(a)
    return kept
