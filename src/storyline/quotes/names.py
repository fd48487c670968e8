"""Canonical names: a raw name as an article writes it → the story entity it refers to; and the
vocabulary of office words that tells a title ("the Secretary") from a name.

Shared by quote speakers and title facts. Order of evidence: an exact alias (the entity's name or
one of its variants), a close spelling (rapidfuzz ratio), a unique surname among the story's
people, then the article's own fuller form of a bare surname; otherwise the raw name stays.
"""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz, process

from ..model import Entity

# head words of offices and positions: "Foreign Minister", "the secretary", "a spokesman"
OFFICE_WORDS = frozenset(
    [
        "minister", "secretary", "president", "premier", "chancellor", "senator",
        "representative", "congressman", "congresswoman", "governor", "mayor", "ambassador",
        "envoy", "spokesman", "spokeswoman", "spokesperson", "director", "chairman", "chairwoman",
        "chair", "ceo", "executive", "chief", "general", "admiral", "commander", "colonel",
        "captain", "lieutenant", "sergeant", "king", "queen", "prince", "princess", "emperor",
        "judge", "justice", "attorney", "prosecutor", "leader", "secretary-general",
        "commissioner", "president-elect", "speaker", "sheriff", "bishop", "pope", "cardinal",
        "archbishop", "coach", "manager", "founder", "owner", "treasurer", "counsel", "adviser",
        "advisor",
    ]
)
_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|miss|dr|sen|rep|gov|gen|prof|rev)\.?\s+", re.I)


def strip_honorific(name: str) -> str:
    return _HONORIFIC.sub("", name)


class Canonicaliser:
    """Map a raw speaker string to the story entity it names (else keep the raw name)."""

    def __init__(self, entities: list[Entity]) -> None:
        self.alias: dict[str, str] = {}
        self.surname: dict[str, set[str]] = {}
        for e in entities:
            for alias in [e.name, *e.variants]:
                self.alias.setdefault(alias.lower(), e.name)
            if e.type == "PERSON":
                self.surname.setdefault(e.name.split()[-1].lower(), set()).add(e.name)
        self.choices = list(self.alias)

    def resolve(self, raw: str | None, local: Counter[str]) -> str | None:
        """``local`` counts the full person names the raw name's article uses."""
        if not raw:
            return raw
        name = strip_honorific(raw)
        if " " not in name:
            # the article's own fuller form of a bare surname ("Clinton" -> "Hillary Clinton")
            fuller = [(n, c) for n, c in local.items()
                      if " " in n and n.split()[-1].lower() == name.lower()]
            if fuller:
                name = max(fuller, key=lambda nc: (nc[1], len(nc[0])))[0]
        low = name.lower()
        if low in self.alias:
            return self.alias[low]
        if self.choices:
            hit = process.extractOne(low, self.choices, scorer=fuzz.ratio, score_cutoff=88)
            if hit is not None:
                return self.alias[hit[0]]
        owners = self.surname.get(low, set()) if " " not in low else set()
        if len(owners) == 1:  # a bare surname only one person of the story has
            return next(iter(owners))
        return name if name[:1].isupper() else raw
