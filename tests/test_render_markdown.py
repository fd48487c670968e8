"""The Markdown briefing: everything a reader needs, citations numbered per story."""

from __future__ import annotations

from storyline.model import Briefing, Entity, Quote
from storyline.render.markdown import to_markdown


def test_markdown_has_every_section(small_briefing: Briefing) -> None:
    md = to_markdown(small_briefing)
    assert md.startswith("# Storyline briefing")
    assert "## 1. Port strike begins" in md
    assert "*3 articles · 2025-03-03 – 2025-03-09 · Coast Daily, Harbour Times, spin-news.example*" in md
    # summary sentence cites sources by their number in the story's source list
    assert "- Dockworkers in Rivermouth walked out on Monday. [1][2]" in md
    assert "- **Marta Quell** — union leader (also: Quell) [1][2]" in md
    assert "- **Marta Quell**, union leader\n  - “We will not move” [1]" in md
    assert "| number | dockworkers | 4000 | 2 | [1][2] |" in md
    assert "⚠ **number** in [3]" in md and "“40,000”" in md
    assert "- **2025-03-03** — Dockworkers walked out. [1][2]" in md
    assert "[3] Strike \\| Rivermouth" not in md  # titles are inline text, not table cells
    assert "**spun-copy-of [2]**" in md
    assert "quality 0.40 (spun copy; 1 contradicted claim)" in md
    assert "`bad.jsonl` line 3: invalid JSON" in md


def test_markdown_escapes_markup_in_article_data(small_briefing: Briefing) -> None:
    small_briefing.stories[0].headline = "Strike <script>alert(1)</script> *now*"
    md = to_markdown(small_briefing)
    assert "<script>" not in md
    assert "\\<script\\>" in md and "\\*now\\*" in md


def test_markdown_says_when_sources_agree(small_briefing: Briefing) -> None:
    small_briefing.stories[0].findings = []
    assert "No disagreements found between the sources." in to_markdown(small_briefing)


def test_who_said_what_groups_by_speaker_and_puts_trusted_direct_quotes_first(
        small_briefing: Briefing) -> None:
    story = small_briefing.stories[0]
    story.entities.append(Entity(name="Rivermouth", type="GPE", articles=["a1"], mentions=2))
    story.entities.insert(0, Entity(name="Harbour Board", type="ORG", articles=["a2"], mentions=9))
    story.quotes = [
        Quote("Rivermouth", "it would reopen the port", "a2", direct=False),
        Quote("Marta Quell", "the strike would last a month", "a3", direct=False),  # spun copy
        Quote("Marta Quell", "the strike would last a week", "a1", direct=False),
        Quote("Marta Quell", "We will not move", "a3"),  # the copy repeats the quote ...
        Quote("Marta Quell", "We will not move", "a1"),  # ... the original is cited
        Quote("Harbour Board", "Talks are planned", "a2"),
        Quote(None, "Nobody knows", "a2"),
    ]
    md = to_markdown(small_briefing)
    section = md[md.index("### Who said what"):md.index("### Key facts")]
    lines = [ln for ln in section.splitlines() if ln.startswith(("- ", "  - "))]
    assert lines == [
        "- **Marta Quell**, union leader",
        "  - “We will not move” [1]",
        "  - (reported) the strike would last a week [1]",
        "  - (reported) the strike would last a month [3]",
        "- **Harbour Board**",
        "  - “Talks are planned” [2]",
        "- **Rivermouth**",
        "  - (reported) it would reopen the port [2]",
        "- **unattributed**",
        "  - “Nobody knows” [2]",
    ]
