"""Name surfaces: cleaning spaCy's entity spans and deciding when two person names are one person.

spaCy's small model makes a few predictable mistakes on news text: a trailing possessive
("Blinken's"), a title inside the span ("President Clinton", "Mr. Blinken"), ALL-CAPS datelines
("WASHINGTON", "PINE RIDGE"), a leading article ("the Pentagon"). :func:`clean_name` undoes them
and returns the title it cut off, so it can still count as a role.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from .lexicon import HONORIFICS, ROLE_WORDS, SUFFIXES

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_EDGE = ",;:!?()[]{}\"“”‘’«»*_-–—|/"
_TOKEN = re.compile(r"\S+")


def _norm_token(tok: str) -> str:
    return tok.lower().rstrip(".")


def clean_name(text: str) -> tuple[str, str]:
    """``(name, title)``: the span without possessive, leading article, titles; caps fixed."""
    words = [w.strip(_EDGE) for w in _TOKEN.findall(text.replace("\n", " "))]
    words = [w for w in words if w]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    words = [w for w in words if w and w not in ("'s", "’s")]
    if words and words[0].lower() == "the":
        words = words[1:]
    title: list[str] = []
    while len(words) > 1:
        low = _norm_token(words[0])
        if low in ROLE_WORDS or low in HONORIFICS or (title and low in ("of", "the")):
            title.append(words.pop(0))
        elif title and title[-1].lower() == "of":
            title.append(words.pop(0))  # "Secretary of State Madeleine Albright"
        else:
            break
    if title and title[-1].lower() in ("of", "the"):
        words.insert(0, title.pop())
    # a shouted phrase ("JOE BIDEN" in a caps headline) is Title-cased; a lone capitalised word
    # is more often an acronym ("NATO", "UNICEF") and keeps its case: the story's other spellings
    # ("WASHINGTON" beside "Washington") still merge, and the canonical form is the commoner one
    if len(words) > 1:
        words = [_fix_caps(w) for w in words]
    name = " ".join(words)
    return name, " ".join(title)


def _fix_caps(word: str) -> str:
    """ALL-CAPS words of four letters or more (datelines, shouted headlines) become Title-case."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        return "-".join(p.capitalize() for p in word.split("-"))
    return word


def split_person(name: str) -> tuple[str, str]:
    """``(first, surname)`` of a person name; ``first`` is empty for a one-word name."""
    words = name.split()
    while len(words) > 1 and _norm_token(words[-1]) in SUFFIXES:
        words.pop()
    if len(words) < 2:
        return "", words[0] if words else ""
    return words[0], words[-1]


def allowed_edits(word: str) -> int:
    """Edit distance tolerated between two spellings of a surname of this length."""
    n = len(word)
    if n < 4:
        return 0
    return 1 if n < 9 else 2


def similar_surnames(a: str, b: str) -> bool:
    """One person's surname, possibly misspelt (edits, transpositions), case-insensitive."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if a[0] != b[0]:
        return False  # misspellings keep the initial; "Harris"/"Farris" are two people
    short, long = sorted((a, b), key=len)
    if long.startswith(short) and long[len(short):] != short[-1] * (len(long) - len(short)):
        return False  # "Paul"/"Paula", "William"/"Williams": another name, not a misspelling
    limit = min(allowed_edits(a), allowed_edits(b))
    return limit > 0 and OSA.distance(a, b) <= limit


def compatible_first_names(a: str, b: str) -> bool:
    """Do two first names allow one person? Initials match their full name; near spellings
    ("Anthony"/"Antony") match; clearly different names ("Bill"/"Hillary") do not."""
    if not a or not b:
        return True
    x, y = a.lower().rstrip("."), b.lower().rstrip(".")
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    if x[0] != y[0] and OSA.distance(x, y) > 1:
        return False
    return OSA.distance(x, y) <= max(1, allowed_edits(x)) or fuzz.ratio(x, y) >= 85


def same_person(a: str, b: str) -> bool:
    """Two full names (or a full name and a surname) can denote the same person."""
    fa, sa = split_person(a)
    fb, sb = split_person(b)
    return similar_surnames(sa, sb) and compatible_first_names(fa, fb)
