"""Renderers: the briefing as JSON, Markdown or a self-contained HTML page."""

from __future__ import annotations

from ..model import Article, Briefing, Quote, Story


def render(briefing: Briefing, fmt: str) -> str:
    if fmt == "json":
        from .json import to_json

        return to_json(briefing)
    if fmt == "md":
        from .markdown import to_markdown

        return to_markdown(briefing)
    if fmt == "html":
        from .html import to_html

        return to_html(briefing)
    raise ValueError(f"unknown format: {fmt!r} (json, md or html)")


def quotes_by_speaker(story: Story, by_id: dict[str, Article], limit: int,
                      per_speaker: int) -> tuple[list[tuple[str | None, list[Quote]]], int]:
    """The quotes a reader should see first, grouped by speaker: speakers in the order of the
    story's people, direct quotes before reported speech, quotes from independent articles with
    no contradicted claims before copies and contradicted articles; the same words once.

    Returns ``[(speaker, quotes)]`` (at most ``limit`` quotes) and the number of distinct quotes.
    """
    kind = {"PERSON": 0, "ORG": 1}
    rank = {e.name: (kind.get(e.type, 2), i) for i, e in enumerate(story.entities)}
    doubtful = {f.article for f in story.findings}

    def trust(article_id: str) -> int:
        a = by_id.get(article_id)
        copied = a is not None and a.copy_of is not None
        return 2 * copied + (article_id in doubtful)

    groups: dict[str | None, list[Quote]] = {}
    seen: set[str] = set()
    for q in sorted(story.quotes, key=lambda q: (not q.direct, trust(q.article))):
        key = " ".join(q.text.lower().split())
        if key in seen:
            continue
        seen.add(key)
        groups.setdefault(q.speaker, []).append(q)
    unranked = (3, len(rank))
    speakers = sorted(groups, key=lambda s: (s is None, rank.get(s, unranked) if s else unranked,
                                             -len(groups[s])))
    shown: list[tuple[str | None, list[Quote]]] = []
    left = limit
    for sp in speakers:
        if left <= 0:
            break
        take = groups[sp][:min(per_speaker, left)]
        shown.append((sp, take))
        left -= len(take)
    return shown, len(seen)  # distinct quotes: repeats of the same words are not "more"
