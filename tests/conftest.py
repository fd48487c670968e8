"""Shared fixtures: a small hand-built briefing that needs no NLP."""

from __future__ import annotations

import pytest

from storyline.model import (
    Article,
    Briefing,
    Entity,
    Fact,
    Finding,
    InputError,
    Quote,
    SourceQuality,
    Story,
    SummarySentence,
    TimelineEvent,
)


@pytest.fixture
def small_briefing() -> Briefing:
    a1 = Article(id="a1", text="Dockworkers in Rivermouth walked out on Monday.\n\nThe union said "
                 "4,000 members joined the strike.", title="Port strike begins", source="Coast Daily",
                 published="2025-03-03", dateline="RIVERMOUTH")
    a2 = Article(id="a2", text="About 4,000 dockworkers struck at Rivermouth port on Monday.",
                 title="Rivermouth port halted", source="Harbour Times", published="2025-03-03")
    a3 = Article(id="a3", text="Some 40,000 dockworkers struck at Rivermouth port.",
                 title="Strike | Rivermouth", source="spin-news.example", published="2025-03-09",
                 flags=["spun-copy-of:a2"], copy_of="a2")
    story = Story(
        id="s1",
        headline="Port strike begins",
        articles=["a1", "a2", "a3"],
        summary=[SummarySentence(text="Dockworkers in Rivermouth walked out on Monday.",
                                 sources=["a1", "a2"], article="a1", sentence=0)],
        entities=[Entity(name="Marta Quell", type="PERSON", roles=["union leader"],
                         variants=["Marta Quell", "Quell"], articles=["a1", "a2"], mentions=3)],
        quotes=[Quote(speaker="Marta Quell", text="We will not move", article="a1", direct=True,
                      cue="said")],
        facts=[Fact(kind="number", value="4000", context="dockworkers", articles=["a1", "a2"],
                    independent=2)],
        findings=[Finding(article="a3", kind="number", found="40,000", expected="4,000",
                          support=["a1", "a2"],
                          message="a3 says 40,000 dockworkers where 2 other sources say 4,000.")],
        timeline=[TimelineEvent(date="2025-03-03", text="Dockworkers walked out.",
                                articles=["a1", "a2"])],
        quality=[SourceQuality(article="a3", score=0.4, reasons=["spun copy", "1 contradicted claim"])],
    )
    return Briefing(articles=[a1, a2, a3], stories=[story],
                    errors=[InputError(file="bad.jsonl", record="line 3", reason="invalid JSON")])
