"""The Markdown briefing: everything a reader needs, citations numbered per story."""

from __future__ import annotations

from storyline.model import Briefing
from storyline.render.markdown import to_markdown


def test_markdown_has_every_section(small_briefing: Briefing) -> None:
    md = to_markdown(small_briefing)
    assert md.startswith("# Storyline briefing")
    assert "## 1. Port strike begins" in md
    assert "*3 articles · 2025-03-03 – 2025-03-09 · Coast Daily, Harbour Times, spin-news.example*" in md
    # summary sentence cites sources by their number in the story's source list
    assert "- Dockworkers in Rivermouth walked out on Monday. [1][2]" in md
    assert "- **Marta Quell** — union leader (also: Quell) [1][2]" in md
    assert "- **Marta Quell**: “We will not move” [1]" in md
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
