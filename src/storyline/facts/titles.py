"""Title claims: the role an article attaches to a person ("Foreign Minister Igor Ivanov",
"Ivanov, the foreign minister", "the foreign minister, Igor Ivanov").

Values are normalised so that articles naming the same office agree: lower case, abbreviations
spelled out ("Sen." → "senator"), leading articles, possessives and nationality or country words
dropped ("Russia's foreign minister" and "Russian Foreign Minister" are both "foreign minister").
Only phrases holding an office word count: descriptions ("a top diplomat") are not titles.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..quotes.names import OFFICE_WORDS

_ABBREVIATIONS = {"sen.": "senator", "rep.": "representative", "gov.": "governor",
                  "gen.": "general", "pres.": "president", "lt.": "lieutenant",
                  "col.": "colonel", "sgt.": "sergeant", "capt.": "captain", "adm.": "admiral",
                  "atty.": "attorney", "sec.": "secretary", "supt.": "superintendent"}
_DROP_LEADING = frozenset({"the", "a", "an", "his", "her", "their", "its", "then", "'s", "’s"})
_PLACE_LABELS = frozenset({"NORP", "GPE", "LOC", "ORG"})
_TITLE_GLUE = frozenset({"of", "for", "and", "-", "general"})
# adjectives that are part of an office's name, not a description of its holder
_OFFICE_MODIFIERS = frozenset({"foreign", "prime", "former", "acting", "interim", "deputy", "vice",
                               "chief", "executive", "senior", "first", "general", "national",
                               "federal", "presidential", "supreme", "assistant", "associate",
                               "principal", "special", "military", "managing", "financial"})


def title_claims(ents: list[Any]) -> Iterator[tuple[str, str]]:
    """(raw person name, normalised title) for each titled person among a doc's entity spans."""
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        for title in (_before(ent), _apposition(ent)):
            if title:
                yield ent.text, title


def _before(ent: Any) -> str:
    """A title written right before the name: capitalised words, or office words, and "of"."""
    doc = ent.doc
    i = ent.start - 1
    words: list[Any] = []
    while i >= ent.sent.start:
        tok = doc[i]
        low = tok.lower_
        if tok.is_punct and low not in {"-", "."}:
            break
        if tok.ent_type_ in {"DATE", "TIME", "CARDINAL", "ORDINAL"}:
            break
        capital = tok.text[:1].isupper() and tok.pos_ in {"PROPN", "NOUN", "ADJ"}
        if not (capital or low in OFFICE_WORDS or low in _TITLE_GLUE or low in _ABBREVIATIONS
                or tok.dep_ == "amod"):
            break
        words.append(tok)
        i -= 1
    return normalise(list(reversed(words)))


def _apposition(ent: Any) -> str:
    """'Ivanov, the foreign minister' (apposition of the name) or 'the minister, Ivanov'."""
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            return normalise(_noun_phrase(child))
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        return normalise(_noun_phrase(root.head))
    return ""


def _noun_phrase(noun: Any) -> list[Any]:
    """The noun with its left modifiers and a one-word "of" complement ("Secretary of State")."""
    words = [t for t in noun.lefts if t.dep_ in {"compound", "amod", "det", "poss", "nmod"}
             for t in t.subtree]
    words.append(noun)
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = list(prep.subtree)[1:]
            if len(obj) == 1 and obj[0].text[:1].isupper():
                words.extend((prep, obj[0]))
            break
    return sorted(set(words), key=lambda t: t.i)


def normalise(tokens: list[Any]) -> str:
    """The office phrase: lower case, no articles, possessors, places or descriptive adjectives.

    "Russia's hardline foreign minister" and "Foreign Minister" both give "foreign minister";
    "president and party chief" gives "president" (the first office named).
    """
    words: list[str] = []
    for tok in tokens:
        low = _ABBREVIATIONS.get(tok.lower_, tok.lower_)
        if low == "and" and any(w in OFFICE_WORDS for w in words):
            break
        if tok.ent_type_ == "PERSON" or tok.tag_ == "POS" or (
                tok.ent_type_ in _PLACE_LABELS and (not words or words[-1] != "of")):
            continue  # "U.S. Secretary of State": the place goes, the "of State" stays
        if tok.dep_ == "poss" or low in _DROP_LEADING or (tok.is_punct and low != "-"):
            continue
        if tok.like_num or low in {"year", "years", "old"} or (low == "-" and words and
                                                               words[-1] == "-"):
            continue  # an age ("59-year-old premier") describes the holder
        if tok.pos_ == "ADJ" and low not in _OFFICE_MODIFIERS:
            continue
        if not words and low in {"of", "and", "-", "for"}:
            continue
        words.append(low)
    if not words or not any(w in OFFICE_WORDS for w in words):
        return ""
    while words and words[-1] in {"of", "for", "and", "-"}:
        words.pop()
    while words and words[0] == "-":
        words.pop(0)
    # "secretary-general" and "secretary general" are one office
    return " ".join(words).replace(" - ", " ").replace("- ", "").replace("-", " ")
