"""How much backing a value has against an article: independent sources, and refilings.

A finding needs ``MIN_SUPPORT`` other independent sources agreeing against the article. Copies
of one story count once: a spun rewrite or a duplicate is not a second witness. One refiling is
weighed all the same: a story its outlet filed again (an update, a later edition) that still
gives the value stands by it twice, and when the story has no second witness, that outlet,
twice, against one article that nobody else backs, is the majority of what the story's
articles say ("Senator Jesse Helms" in a story filed at 13:43 and again at 19:55, "Gov. Jesse
Helms" in a third article). The refiling never counts where more sources are wanted
(``need`` above ``MIN_SUPPORT``) nor in the share of sources that must agree.
"""

from __future__ import annotations

from collections.abc import Collection

MIN_SUPPORT = 2


def backed(sources: Collection[str], documents: int, need: int = MIN_SUPPORT) -> bool:
    """``sources`` (independent ids) giving a value in ``documents`` articles back it: at least
    ``need`` of them, or, when ``need`` is ``MIN_SUPPORT``, one story filed at least twice."""
    if len(sources) >= need:
        return True
    return need == MIN_SUPPORT and len(sources) == need - 1 and documents > len(sources)


def voices(sources: Collection[str], documents: int, verb: str) -> str:
    """The backing in words, with its verb: "3 other independent sources write", "1 other
    independent source (a story filed 2 times) writes"."""
    n = len(sources)
    if n == 1 and documents > 1:
        return f"1 other independent source (a story filed {documents} times) {verb}s"
    return f"{n} other independent source{'' if n == 1 else 's'} {verb}{'s' if n == 1 else ''}"
