"""Quotation-mark spans: which stretches of a text are inside quotation marks.

Pure string work, no parse. Each paragraph (blank-line separated block) is scanned on its own: a
quote never runs across a paragraph break, because news style repeats the opening mark at the start
of every paragraph of a multi-paragraph quote and closes only the last one. Any line break counts
as a paragraph break (cleaned text keeps none inside paragraphs). A quote still open at
the end of its paragraph runs to that paragraph's end and is marked ``open``; when the next
paragraph starts with an opening mark, that paragraph's first span continues it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# opening mark -> the marks that may close it ("„…“" is German, "»…«" Danish/German, "”…”" Swedish)
_CLOSERS: dict[str, str] = {
    "\u201c": "\u201d\"",  # “ ” (scraped text mixes curly and straight marks)
    "\u201e": "\u201c\u201d\"",  # „ “ (or ”)
    "\u00ab": "\u00bb",  # « »
    "\u00bb": "\u00ab",  # » «
    "\u2039": "\u203a",  # ‹ ›
    "\u2018": "\u2019",  # ‘ ’
    '"': '"\u201d',
}
_PARAGRAPH = re.compile(r"[^\n]+")  # cleaned text has no newline inside a paragraph
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Span:
    """Text inside one pair of quotation marks (``start``/``end`` exclude the marks)."""

    start: int
    end: int
    paragraph: int
    closed: bool = True  # False: still open at the end of its paragraph
    continues: bool = False  # True: first span of a paragraph continuing an open quote


def _opens(text: str, i: int) -> bool:
    """Is the mark at ``i`` an opening mark (context checks for the ambiguous ones)?"""
    ch = text[i]
    if ch not in _CLOSERS:
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        return False  # an opening mark hugs the quoted word
    if ch in "\"\u2018":
        # straight quotes and left single marks open only after a space, bracket, dash or start
        return before.isspace() or before in "([{\u2014\u2013-/:"
    return True


def _closes(text: str, i: int, closers: str) -> bool:
    ch = text[i]
    if ch not in closers:
        return False
    if ch == "\u2019":
        # a right single mark followed by a letter is an apostrophe (don’t, Clinton’s)
        after = text[i + 1] if i + 1 < len(text) else " "
        return not after.isalnum()
    return True


_MARKS = re.compile("[" + "".join(sorted(set(_CLOSERS) | set("".join(_CLOSERS.values()))))
                    + "]")


def _scan(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of the quoted stretches of ``text[start:end]``, one paragraph."""
    out: list[tuple[int, int, bool]] = []
    opened = -1
    closers = ""
    for m in _MARKS.finditer(text, start, end):  # only the marks, not every character
        i = m.start()
        ch = text[i]
        if opened < 0:
            if _opens(text, i):
                opened, closers = i, _CLOSERS[ch]
        elif _closes(text, i, closers):
            out.append((opened + 1, i, True))
            opened = -1
        elif ch == text[opened] and ch not in closers and _opens(text, i):
            opened = i  # the same opening mark again: the earlier one was never closed
    if opened >= 0 and end - opened > 1:
        out.append((opened + 1, end, False))
    return out


def quote_spans(text: str) -> list[Span]:
    """All quoted spans of ``text`` in order, with paragraph index and continuation flags."""
    spans: list[Span] = []
    prev_open = False
    for para, m in enumerate(_PARAGRAPH.finditer(text)):
        p_start, p_end = m.start(), m.end()
        while p_end > p_start and text[p_end - 1].isspace():
            p_end -= 1
        found = _scan(text, p_start, p_end)
        for k, (s, e, closed) in enumerate(found):
            starts_para = k == 0 and s - 1 == p_start + (len(m.group()) - len(m.group().lstrip()))
            spans.append(Span(s, e, para, closed, continues=prev_open and starts_para))
        prev_open = bool(found) and not found[-1][2]
    return spans


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph, in the numbering :func:`quote_spans` uses."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
