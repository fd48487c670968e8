"""Numeric claims: counts with their unit noun, money and percentages, from the NER + parse.

A claim is (kind, context, value). The context must be the same across articles stating the same
thing and different for different quantities, because consistency compares values per context:
"100,000 troops were deployed" → ("number", "troop deploy", "100000"), "sent three shipments" →
("number", "shipment send", "3"), "$1.2 billion in aid" → ("number", "$ aid", "1.2 billion"),
"40 percent of voters" → ("number", "percent voter", "40"). Money and percentages are numbers
too (the consistency checker compares every number); the currency or "percent" at the head of the
context keeps them apart from counts. The unit noun carries the verb or noun it depends on because a story holds
many counts of one unit ("300 people were killed", "200,000 people fled"). An amount with no unit
noun or anchor ("killed 30", a bare "40 percent") is too ambiguous to compare and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..quotes.cues import SPEECH_FORMS
from .words import content_stem, singular

_SCALES = {"thousand": 1e3, "million": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9,
           "trillion": 1e12}
NUMBER_WORDS = {w: i for i, w in enumerate(
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen", "twenty",
    ])}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
               "ninety": 90, "hundred": 100, "dozen": 12, "a": 1, "an": 1})
_CURRENCY = {"$": "$", "us$": "$", "dollar": "$", "dollars": "$", "€": "€", "euro": "€",
             "euros": "€", "£": "£", "pound": "£", "pounds": "£", "¥": "¥", "yen": "¥",
             "yuan": "yuan", "rupees": "rupee", "rubles": "ruble", "roubles": "ruble"}
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+")
_APPROX = frozenset({"about", "some", "nearly", "almost", "around", "roughly", "approximately",
                     "over", "more", "than", "less", "fewer", "at", "least", "most", "up", "to",
                     "just", "under", "an", "estimated"})
_NOT_UNITS = frozenset({"year", "time", "day", "hour", "minute", "week", "month", "percent",
                        "point", "%", "times", "am", "pm", "p.m.", "a.m."})


def parse_value(text: str) -> float | None:
    """"100,000" → 100000, "1.2 million" → 1.2e6, "three" → 3, "two dozen" → 24, else None."""
    words = [w for w in text.lower().replace("-", " ").split() if w not in _APPROX]
    if not words:
        return None
    value: float | None = None
    for w in words:
        w = w.strip("$€£¥,")
        if not w:
            continue
        m = _NUMBER.fullmatch(w)
        if m is not None:
            value = float(w.replace(",", "")) if value is None else value + float(w.replace(",", ""))
        elif w in _SCALES:
            value = (value or 1.0) * _SCALES[w]
        elif w in {"hundred", "dozen"}:
            value = (value or 1.0) * NUMBER_WORDS[w]
        elif w in NUMBER_WORDS:
            value = (value or 0.0) + NUMBER_WORDS[w]
        elif w == "and":
            continue
        else:
            return None
    return value


def format_value(value: float) -> str:
    """One spelling per amount: "100000", "2.5", and large round amounts with their scale word
    ("1.2 billion" for $1.2 billion or $1,200 million), the way articles write them."""
    for scale, name in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= scale and round(value / scale, 3) == value / scale:
            return f"{value / scale:g} {name}"
    return str(int(value)) if float(value).is_integer() else f"{value:.6g}"


def numeric_claims(ents: list[Any]) -> Iterator[tuple[str, str, str]]:
    """(kind, context, value) for every comparable amount among a doc's entity spans."""
    for ent in ents:
        label = ent.label_
        if label == "CARDINAL":
            found = _count(ent)
        elif label == "MONEY":
            found = _money(ent)
        elif label == "PERCENT":
            found = _percent(ent)
        elif label == "QUANTITY":
            found = _quantity(ent)
        else:
            continue
        if found is not None:
            yield found


def _count(ent: Any) -> tuple[str, str, str] | None:
    text = ent.text
    if re.fullmatch(r"(?:1[89]|20)\d\d", text.strip()):
        return None  # a year the NER left as a cardinal
    value = parse_value(text)
    if value == 1 and not any(ch.isdigit() for ch in text):
        return None  # "one", "a": "in one sense", "on one occasion" are not claims
    root = ent.root
    if value is None or root.dep_ not in {"nummod", "quantmod", "compound", "amod"}:
        return None
    unit = root.head
    if unit.pos_ not in {"NOUN", "PROPN"} or unit.i < ent.end - 1 or unit.ent_type_ in {
            "DATE", "TIME"}:
        return None
    noun = singular(unit.lower_)
    if noun in _NOT_UNITS or not noun.isalpha():
        return None
    anchor = _governor(unit)
    return "number", f"{noun} {anchor}".strip(), format_value(value)


def _quantity(ent: Any) -> tuple[str, str, str] | None:
    """A measure with its unit inside the entity: "130,000 acres", "3 tons"."""
    unit = ent.root
    if unit.pos_ != "NOUN" or not unit.is_alpha:
        return None
    value = parse_value(" ".join(t.text for t in ent if t.i != unit.i and not t.is_punct))
    if value is None:
        return None
    anchor = _governor(unit)
    return "number", f"{singular(unit.lower_)} {anchor}".strip(), format_value(value)


def _money(ent: Any) -> tuple[str, str, str] | None:
    words = ent.text.replace("$", "$ ").replace("€", "€ ").replace("£", "£ ").split()
    currency = next((_CURRENCY[w.lower()] for w in words if w.lower() in _CURRENCY), None)
    value = parse_value(" ".join(w for w in words if w.lower() not in _CURRENCY))
    if currency is None or value is None:
        return None
    anchor = _anchor(ent)
    return ("number", f"{currency} {anchor}", format_value(value)) if anchor else None


def _percent(ent: Any) -> tuple[str, str, str] | None:
    value = parse_value(ent.text.replace("%", " ").replace("percent", " ").replace("per cent", " "))
    if value is None:
        return None
    anchor = _anchor(ent)
    return ("number", f"percent {anchor}", format_value(value)) if anchor else None


def _governor(noun: Any) -> str:
    """What a unit noun is about: its "of" noun ("acres of wetlands" → "wetland"), else the verb
    (stem) or noun it depends on ("300 people were killed" → "kill")."""
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "NOUN" and obj.is_alpha:
                return singular(obj.lower_)
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if head is noun or not head.is_alpha:
        return ""
    if head.pos_ in {"VERB", "AUX"}:
        if head.lower_ in _LIGHT_VERBS or head.lower_ in SPEECH_FORMS:
            return ""
        return content_stem(head.lower_)
    if head.pos_ == "NOUN":
        return singular(head.lower_)
    return ""


_LIGHT_VERBS = frozenset({"is", "are", "was", "were", "be", "been", "has", "have", "had", "'s"})


def _anchor(ent: Any) -> str:
    """What an amount is about: "of voters", "in aid", the noun it modifies, or its verb."""
    root = ent.root
    for tok in ent.doc[ent.end:min(ent.end + 3, len(ent.doc))]:
        if tok.lower_ in {"of", "in", "for"}:
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in {"NOUN", "PROPN"}:
                return singular(obj.lower_)
            verb = next((c for c in obj.children if c.pos_ == "VERB"), None) if obj else None
            if verb is not None:
                return content_stem(verb.lower_)  # "70 percent of those surveyed"
            break
    head = root.head
    if head.pos_ == "ADP" and head.head is not head:
        head = head.head  # "increased by 30 percent"
    if head is root or not head.is_alpha:
        return ""
    if root.dep_ in {"compound", "nmod", "amod", "nummod"} and head.pos_ == "NOUN":
        return singular(head.lower_)
    if head.pos_ in {"VERB", "AUX"} and head is not root:
        subj = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None and subj.pos_ == "NOUN":
            return singular(subj.lower_)
        if head.dep_ in {"acl", "relcl"} and head.head.pos_ == "NOUN":
            return singular(head.head.lower_)  # "rates exceeding 72 percent"
        return "" if head.lower_ in _LIGHT_VERBS else content_stem(head.lower_)
    return ""
