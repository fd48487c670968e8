"""Summary (stub: lead sentences)."""

from __future__ import annotations

from .model import Article, SummarySentence


def summarize(articles: list[Article], max_words: int = 100) -> list[SummarySentence]:
    out: list[SummarySentence] = []
    used = 0
    for a in articles:
        for s in a.sentences[:2]:
            n = len(s.text.split())
            if used + n > max_words:
                return out
            out.append(SummarySentence(text=s.text, sources=[a.id], article=a.id, sentence=s.index))
            used += n
    return out
