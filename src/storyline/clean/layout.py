"""Text layout: raw scraped text → paragraphs with single spaces inside.

Input comes in three shapes: one paragraph per line (most scrapers), blank-line separated blocks,
or hard-wrapped lines (wire copy, e-mail, ``<pre>`` pages) where a paragraph runs over many lines
of similar length. A line break is a paragraph break unless the text looks hard-wrapped (the first
word of the next line would not have fitted on the previous one) or the next line plainly continues
a sentence (the previous line stops mid-sentence and the next one starts in lower case).
"""

from __future__ import annotations

import re

# Invisible characters that only get in the way; the faithfulness check drops them too.
_INVISIBLE = re.compile("[\u00ad\u200b\ufeff\u2060]")
_NEWLINES = re.compile("\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# Lines that are items of a list or a table: never glued to their neighbours.
_ITEM = re.compile(r"^(?:[-*•·▪|>#]|\d{1,3}[.)]\s|\(?[a-z]\)\s)")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of ``text``: whitespace collapsed, hard wraps and broken sentences joined."""
    text = _INVISIBLE.sub("", _NEWLINES.sub("\n", text))
    lines = [line.rstrip() for line in text.split("\n")]
    width = _wrap_width(lines)
    paras: list[str] = []
    current: list[str] = []
    prev = ""  # previous non-blank line (raw), for the join decisions
    blank_before = False
    for line in lines:
        stripped = line.strip()
        if not stripped:
            blank_before = True
            continue
        if current and _continues(prev, line, width, blank_before):
            current.append(stripped)
        else:
            if current:
                paras.append(" ".join(" ".join(current).split()))
            current = [stripped]
        prev = line
        blank_before = False
    if current:
        paras.append(" ".join(" ".join(current).split()))
    return [p for p in paras if p]


def _stops(line: str) -> bool:
    """Whether a line stops at the end of a sentence or clause (maybe closed by a quote)."""
    tail = line[-6:].rstrip("'\"”’»)]")
    return bool(tail) and tail[-1] in ".!?…:;"


def _wrap_width(lines: list[str]) -> int:
    """The wrap column when the text is hard-wrapped, else 0.

    Hard-wrapped text has many lines close to one width (at most ~120 characters) and most of
    those lines end mid-sentence; one-paragraph-per-line text has widely varying lengths.
    """
    lengths = sorted(len(x.strip()) for x in lines if x.strip())
    if len(lengths) < 4:
        return 0
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not 30 <= width <= 120:
        return 0
    full = [x.strip() for x in lines if len(x.strip()) >= 0.7 * width]
    if len(full) < 0.5 * len(lengths) or len(full) < 3:
        return 0
    open_ended = sum(1 for x in full if not _stops(x))
    return width if open_ended >= 0.5 * len(full) else 0


def _continues(prev: str, line: str, width: int, blank_before: bool) -> bool:
    """Whether ``line`` continues the paragraph that ``prev`` (the line before it) belongs to."""
    first = line.strip()
    prev_s = prev.strip()
    if _ITEM.match(first) or _ITEM.match(prev_s):
        return False
    if blank_before:
        # A paragraph cut in two by a stray blank line: a long line stopping mid-sentence
        # followed by one starting in lower case.
        return (
            first[0].islower()
            and not _stops(prev_s)
            and len(prev_s.split()) >= 8
            and prev_s[-1].isalnum()
        )
    if first[0].islower() and not _stops(prev_s):
        return True  # the sentence goes on
    if width:
        if len(line) - len(first) > len(prev) - len(prev.lstrip()):
            return False  # an indented line opens a paragraph
        next_word = first.split(" ", 1)[0]
        # The next word would have fitted on the previous line: the break was deliberate.
        if len(prev_s) + 1 + len(next_word) > width:
            return True
    return False
