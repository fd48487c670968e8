"""Which sentences may enter a summary, and how readable each one is on its own.

A summary sentence is shown without its neighbours, so it must stand alone: a complete
declarative sentence of moderate length, no question to the reader, no dateline / byline /
caption / wire debris, balanced quotes and brackets, and preferably no opening pronoun or
connective ("But", "He", "It also") that points at a sentence the reader does not see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Article, Sentence

MIN_WORDS = 8
MAX_WORDS = 55

# "PINE RIDGE, S.D. (AP) -- ", "BOSTON _ ", "MOSCOW, May 12 (Xinhua) -- ", "VALLEY VILLAGE, Calif. -- ":
# an upper-case place, an optional region/date, an optional (AGENCY), then a dash-like separator.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'\-]*(?:\s+[A-Z][A-Z.'\-]*){0,4}"  # PLACE in capitals
    r"(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Za-z.]+){0,2}(?:\s+\d{1,2})?)?"  # , Region / , Month 12
    r"\s*(?:\([A-Za-z][A-Za-z .&-]{0,30}\))?"  # (AP) (Xinhua) (Reuters)
    r"\s*)?(?:--|_+|\u2014|\u2013|-)\s+"  # the separator
)
_CLOSERS = "'\"\u2019\u201d)]"
_DEBRIS = re.compile(
    r"https?://|www\.|@\w|\w\.(?:com|org|net)\b|\|"
    r"|\b(?:click|subscribe|newsletter|copyright|all rights reserved|photo(?:s|graph)?"
    r"|caption|editors?:|advisory|sign up)\b",
    re.IGNORECASE,
)
_DEBRIS_HINT = re.compile(r"http|www|@|\.com|\.org|\.net|\||click|subscri|newsletter|copyright"
                          r"|reserved|photo|caption|editor|advisory|sign up", re.IGNORECASE)
# Openers that need the previous sentence to make sense.
_CONTEXT_OPENERS_TEXT = """he she it they them his her hers its their theirs this these those that there such
    but and or so yet also however meanwhile instead still nevertheless nonetheless moreover
    furthermore besides then thus hence therefore otherwise likewise similarly indeed anyway
    later afterward afterwards earlier both another others here"""
_CONTEXT_OPENERS = frozenset(_CONTEXT_OPENERS_TEXT.split())
_WORD = re.compile(r"[A-Za-z']+")
_PRONOUN_SPEAKER = re.compile(
    r"\b(?:he|she|they|it|i|we)\s+(?:said|says|added|adds|told|asked|noted|explained)\b"
    r"|\b(?:said|says|added)\s+(?:he|she|they)\b",
    re.IGNORECASE,
)
QUOTE_PENALTY = 0.5
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_NON_LETTER = re.compile(r"[\W\d_]+")
_SHOUTED_WORD = re.compile(r"\b[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de'.\-]+\b")


@dataclass
class Candidate:
    """A sentence that may be selected, with the text to show and its readability prior."""

    article: int  # index into the story's article list
    sentence: int  # Sentence.index in that article
    text: str  # verbatim sentence, possibly with a leading dateline cut off
    words: int  # whitespace tokens of ``text``
    position: int  # rank of the sentence among the article's sentences (0 = lead)
    penalty: float  # 0 = reads well alone; larger = needs context


def strip_dateline(text: str) -> str:
    """Cut a leading wire dateline; the rest is still a verbatim substring of the article."""
    m = _DATELINE.match(text)
    if m is None:
        return text
    rest = text[m.end():]
    # only a dateline if what follows starts a sentence
    return rest if rest[:1].isupper() or rest[:1] in "\"'\u201c" else text


def _balanced(text: str) -> bool:
    if text.count('"') % 2:
        return False
    if text.count("\u201c") != text.count("\u201d"):
        return False
    return text.count("(") == text.count(")") and text.count("[") == text.count("]")


def _is_debris(text: str) -> bool:
    letters = len(_NON_LETTER.sub("", text))
    if letters < 0.6 * (len(text) - text.count(" ")):
        return True  # numbers, tables, punctuation runs
    if len(_SHOUTED_WORD.findall(text)) > 0.5 * (text.count(" ") + 1):
        return True  # SHOUTED headings, wire slugs
    # cheap literal scan first: the word-boundary regex only runs on the few hits
    return _DEBRIS_HINT.search(text) is not None and _DEBRIS.search(text) is not None


def _has_finite_verb(article: Article, sent: Sentence) -> bool:
    """False for list items and captions ("Ben Johnson flunking a test"); True without a parse."""
    doc = article._doc
    if doc is None:
        return True
    span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
    return span is None or any(tok.tag_ in _FINITE_TAGS for tok in span)


def context_penalty(text: str) -> float:
    """How much the sentence leans on what came before it (0 = not at all)."""
    words = _WORD.findall(text[:60])
    if not words:
        return 1.0
    first = words[0].lower()
    penalty = 0.0
    if first in _CONTEXT_OPENERS:
        penalty += 1.0
    if len(words) > 1 and words[1].lower() in {"also", "too", "however"}:
        penalty += 0.5
    if penalty == 0 and _PRONOUN_SPEAKER.search(text):
        penalty += 1.0  # '"...," she said.': the reader does not know who she is
    elif text[0] in "\"'\u201c":
        # a quote informs less than a report of it; an unattributed one leaves the reader asking who
        closed = text.rstrip(".!").endswith(("\"", "\u201d"))
        penalty += 2 * QUOTE_PENALTY if closed else QUOTE_PENALTY
    return penalty


def display_text(text: str, position: int) -> str:
    """The text a sentence would be shown with: datelines open an article, so only early ones."""
    return strip_dateline(text).strip() if position < 3 else text


def candidates(articles: list[Article], texts: list[list[str]]) -> list[Candidate]:
    """Every sentence of the story fit to stand alone in a summary (first copy of repeats).

    ``texts[a][p]`` is the display text of sentence ``p`` of article ``a``.
    """
    out: list[Candidate] = []
    seen: set[str] = set()
    # originals before copies, so a repeated sentence is extracted from the original
    order = sorted(range(len(articles)), key=lambda i: articles[i].copy_of is not None)
    for ai in order:
        for pos, sent in enumerate(articles[ai].sentences):
            text = texts[ai][pos]
            n = len(text.split())
            if not MIN_WORDS <= n <= MAX_WORDS:
                continue
            if not text[0].isupper() and text[0] not in "\"'\u201c":
                continue  # fragment, or a split the parser got wrong
            if text.rstrip(_CLOSERS)[-1:] not in {".", "!"} or not _balanced(text):
                continue
            if _is_debris(text) or not _has_finite_verb(articles[ai], sent):
                continue
            key = " ".join(text.lower().split())
            if key in seen:
                continue
            seen.add(key)
            out.append(Candidate(article=ai, sentence=sent.index, text=text, words=n,
                                 position=pos, penalty=context_penalty(text)))
    return out
