"""Who said it: the speaker of a speech cue, from the spaCy parse of one article.

A cue's speaker is its grammatical subject ("Smith said", "said Smith", "Smith, who said"), the
object of "according to", or the subject a participle inherits ("..., saying"). Subjects that are
pronouns ("he told reporters") or descriptions ("the minister said") are resolved to the most
recent compatible named person earlier in the article: descriptions through the person's roles
(from the story's entities and from the article's own appositions and titles).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from ..model import Entity
from .cues import ACCORDING, PRONOUNS, SPEECH_FORMS
from .marks import Span
from .names import OFFICE_WORDS

_SPEAKER_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_SUBJ = frozenset({"nsubj", "nsubjpass"})
_INHERIT = frozenset({"conj", "xcomp", "advcl", "ccomp", "acl"})
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_PRONOUN_GENDER = {"he": "m", "his": "m", "himself": "m", "she": "f", "her": "f",
                   "herself": "f"}
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "his", "her", "their"})


@dataclass
class Speaker:
    """A resolved speaker: the name (or description) and the cue that introduced the quote."""

    name: str | None
    cue: str | None
    named: bool  # a proper name (not an unresolved description)


@dataclass
class _Person:
    start: int
    name: str
    subject: bool  # the mention is (part of) a clause subject
    gender: str = ""  # "f" / "m" when a title says so


@dataclass
class ArticleParse:
    """Everything the speaker search needs about one parsed article."""

    doc: Any
    spans: list[Span]
    entities: list[Entity]
    inside: np.ndarray = field(init=False)
    persons: list[_Person] = field(init=False)
    person_starts: list[int] = field(init=False)
    roles: list[tuple[str, str, int]] = field(init=False)  # (role lower, person, offset)
    ent_at: dict[int, Any] = field(init=False)
    cues: list[Any] = field(init=False)
    cue_starts: list[int] = field(init=False)
    genders: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        n = doc_length(self.doc)
        self.inside = np.zeros(n + 1, dtype=bool)
        for s in self.spans:
            self.inside[max(s.start - 1, 0):min(s.end + 1, n)] = True
        self.persons = []
        self.roles = []
        self.ent_at = {}  # token index -> its entity span (doc.ents is rebuilt on every access)
        ents = list(self.doc.ents)
        for ent in ents:
            for i in range(ent.start, ent.end):
                self.ent_at[i] = ent
        full = self._find_persons(ents)
        # one pass over the tokens outside quotes: speech cues (looked up later by offset) and
        # bare surnames of people named in full that the NER missed ("Schiff called on ...")
        self.cues = []
        for tok in self.doc:
            if self.inside[tok.idx]:
                continue
            if _is_cue(tok):
                self.cues.append(tok)
            elif tok.text in full and tok.pos_ == "PROPN" and tok.ent_type_ != "PERSON":
                self.persons.append(_Person(tok.idx, full[tok.text], tok.dep_ in _SUBJ))
        self.cue_starts = [tok.idx for tok in self.cues]
        self.persons.sort(key=lambda p: p.start)
        self.person_starts = [p.start for p in self.persons]
        self.genders = self._gender_evidence()

    def _find_persons(self, ents: list[Any]) -> dict[str, str]:
        """Named people outside quotes (PERSON entities) with their titles' gender and their
        roles; returns surname -> full name for the people named in full."""
        full: dict[str, str] = {}
        for ent in ents:
            if ent.label_ != "PERSON" or self.inside[ent.start_char]:
                continue
            name = _clean(ent.text)
            if not name:
                continue
            prev = self.doc[ent.start - 1].text.lower() if ent.start > 0 else ""
            gender = "f" if prev in {"mrs.", "ms.", "mrs", "ms", "miss"} else (
                "m" if prev in {"mr.", "mr"} else "")
            # the subject of a main clause: in "Mirov said that Vashenko had traded ...", a later
            # "she told" continues Mirov, not the subject of the reported clause
            subject = any(_main_subject(t) for t in ent)
            self.persons.append(_Person(ent.start_char, name, subject, gender))
            self.roles.extend((r, name, ent.start_char) for r in _local_roles(ent))
            if " " in name:
                full[name.split()[-1]] = name
        return full

    def _gender_evidence(self) -> dict[str, str]:
        """Surname -> "m"/"f" from titles and from he/his or she/her in sentences naming only
        that person (outside quotes); no first-name lists."""
        votes: dict[str, Counter[str]] = {}
        for p in self.persons:
            if p.gender:
                votes.setdefault(p.name.split()[-1], Counter())[p.gender] += 3
        k = 0
        for sent in self.doc.sents:
            names = set()
            while k < len(self.persons) and self.persons[k].start < sent.end_char:
                if self.persons[k].start >= sent.start_char:
                    names.add(self.persons[k].name.split()[-1])
                k += 1
            if len(names) != 1:
                continue
            # subject and possessive pronouns: an object pronoun ("met her") is someone else
            count = Counter(_PRONOUN_GENDER[t.lower_] for t in sent
                            if t.lower_ in _PRONOUN_GENDER and not self.inside[t.idx]
                            and t.dep_ not in {"dobj", "pobj", "dative"})
            if count:
                votes.setdefault(names.pop(), Counter()).update(count)
        out = {}
        for surname, c in votes.items():
            (top, n), *rest = c.most_common()
            if not rest or n >= 2 * rest[0][1]:
                out[surname] = top
        return out

    def entity_of(self, tok: Any) -> Any:
        """The speaker-like entity (person, organisation, group, place) a token belongs to."""
        return self.ent_at.get(tok.i) if tok.ent_type_ in _SPEAKER_TYPES else None

    def is_inside(self, tok: Any) -> bool:
        return bool(self.inside[tok.idx])

    # ---------------------------------------------------------------- cue search
    def cues_in(self, start: int, end: int) -> list[Any]:
        """Speech cue tokens outside quotes between two character offsets."""
        lo = bisect.bisect_left(self.cue_starts, start)
        hi = bisect.bisect_left(self.cue_starts, end)
        return self.cues[lo:hi]

    def speaker_of_cue(self, cue: Any) -> Speaker | None:
        """The speaker a cue token introduces, or None when neither parse nor surface gives one.

        Quotation marks often derail the parser (a name after a closing mark parsed as an object
        of the quote's verb), so a subject that is not a name is checked against the surface: the
        names between the cue and the quote or sentence boundary next to it.
        """
        if cue.lower_ == ACCORDING:
            to = self.doc[cue.i + 1]
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            found = self._name(obj, "according to") if obj is not None else None
            if found is not None and found.named:
                return found
            return self._surface(cue, "according to", left=False) or found
        cue_text = _cue_text(cue)
        parsed = self._parsed_subject(cue, cue_text)
        if parsed is not None and parsed.named and parsed.name:
            return parsed
        return self._surface(cue, cue_text) or parsed

    def _parsed_subject(self, cue: Any, cue_text: str) -> Speaker | None:
        verb = cue
        for _ in range(3):  # "..., saying", "went on to say": climb to the clause with a subject
            subj = next((c for c in verb.children if c.dep_ in _SUBJ and not self.is_inside(c)),
                        None)
            if subj is not None:
                if subj.lower_ in {"who", "that"} and verb.dep_ == "relcl":
                    subj = verb.head
                return self._name(subj, cue_text)
            if verb.dep_ == "relcl":
                return self._name(verb.head, cue_text)
            if verb.dep_ not in _INHERIT or verb.head is verb or self.is_inside(verb.head):
                break
            verb = verb.head
        return None

    def _surface(self, cue: Any, cue_text: str, left: bool = True) -> Speaker | None:
        """A name next to the cue on the surface: "Chief Jo Smith said", "said Smith, who"."""
        if left:
            window = []
            for j in range(cue.i - 1, max(cue.sent.start, cue.i - 25) - 1, -1):
                tok = self.doc[j]
                if self.is_inside(tok) or tok.text in {".", "?", "!"} or "\n" in tok.text:
                    break
                window.append(tok)
            if window and window[0].lower_ in PRONOUNS:
                return self._name(window[0], cue_text)
            found = self.first_person(reversed(window))
            if found is not None:
                return Speaker(found, cue_text, True)
        window = []
        first = cue.i + (2 if cue.lower_ == ACCORDING else 1)  # past "according to"
        for j in range(first, min(len(self.doc), cue.i + 12)):
            tok = self.doc[j]
            if self.is_inside(tok) or tok.text in {".", "?", "!", ":", ";"}:
                break
            if tok.pos_ in {"ADP", "VERB", "SCONJ"} and not (
                    first > cue.i + 1 and tok.lower_ in {"from", "by", "of"}):
                # "said in an interview with X": X is the listener; but "according to a
                # statement from X" names the source
                break
            window.append(tok)
        if window and window[0].lower_ in PRONOUNS:
            return self._name(window[0], cue_text)
        found = self.first_person(iter(window))
        return Speaker(found, cue_text, True) if found is not None else None

    def first_person(self, tokens: Any) -> str | None:
        """The first PERSON entity among tokens that is not attributive ("Trump surrogate")."""
        for tok in tokens:
            if tok.ent_type_ != "PERSON" or tok.ent_iob_ != "B":
                continue
            ent = self.entity_of(tok)
            root = ent.root
            if root.dep_ in {"compound", "poss", "amod"} and not (ent.start <= root.head.i < ent.end):
                continue
            return _clean(ent.text)
        return None

    def subject_speaker(self, sent: Any) -> Speaker | None:
        """Fallback without a cue: the named person subject of the sentence's root verb."""
        root = sent.root
        if self.is_inside(root):
            return None
        subj = next((c for c in root.children if c.dep_ in _SUBJ), None)
        if subj is None or self.is_inside(subj):
            return None
        found = self._name(subj, root.text)
        return found if found and found.named else None

    # ---------------------------------------------------------------- names
    def _name(self, tok: Any, cue: str) -> Speaker | None:
        if tok.lower_ in PRONOUNS:
            if tok.lower_ in {"they", "we"}:
                return Speaker(None, cue, False)
            return Speaker(self.person_before(tok.idx, tok.lower_), cue, True)
        ent = self.entity_of(tok)
        titled = tok.lower_ in OFFICE_WORDS  # "the US Secretary said": a role, not a name
        if ent is not None and not (titled and ent.label_ != "PERSON"):
            return Speaker(_clean(ent.text), cue, True)
        if tok.pos_ == "PROPN" and tok.text[:1].isupper() and not titled:
            # a name the NER missed: the proper-noun run ending at the subject
            start = tok.i
            while start > 0 and tok.doc[start - 1].pos_ == "PROPN" and \
                    tok.doc[start - 1].head.i == tok.i:
                start -= 1
            return Speaker(_clean(tok.doc[start:tok.i + 1].text), cue, True)
        # a description: a named person in apposition ("a spokesman, Brian Fallon") first
        for c in tok.children:
            if c.dep_ in {"appos", "compound", "flat"} and c.i > tok.i:
                ent = self.entity_of(c)
                if ent is not None and ent.label_ == "PERSON":
                    return Speaker(_clean(ent.text), cue, True)
        phrase = _phrase(tok)
        person = self.person_for_role(phrase, tok.idx)
        if person is not None:
            return Speaker(person, cue, True)
        return Speaker(phrase or None, cue, False)

    def person_before(self, offset: int, pronoun: str = "") -> str | None:
        """The most recent compatible named person mentioned before ``offset``, outside quotes.

        Subjects win over objects within the last few mentions: in "Smith attacked Jones. "...,"
        he said", "he" is Smith.
        """
        k = bisect.bisect_left(self.person_starts, offset)
        want = {"she": "f", "he": "m"}.get(pronoun, "")
        window: list[_Person] = []
        for p in reversed(self.persons[max(0, k - 12):k]):
            if not (want and self.gender(p.name) not in {"", want}):
                window.insert(0, p)
                if len(window) == 4:
                    break
        if not window:
            return None
        recent = window[-1]
        subjects = [p for p in window if p.subject and recent.start - p.start < 300]
        return (subjects[-1] if subjects else recent).name

    def gender(self, name: str) -> str:
        return self.genders.get(name.split()[-1], "")

    def _last_mention(self, entity: Entity, offset: int) -> int:
        names = {entity.name, *entity.variants}
        surnames = {n.split()[-1] for n in names if n}
        k = bisect.bisect_left(self.person_starts, offset)
        for p in reversed(self.persons[:k]):
            if p.name in names or p.name.split()[-1] in surnames:
                return p.start
        return -1

    def person_for_role(self, phrase: str, offset: int) -> str | None:
        """The person whose known role best matches a description like "the top US diplomat"."""
        core = " ".join(w for w in phrase.lower().split() if w not in _DETERMINERS)
        if not core:
            return None
        head = core.split()[-1]
        best: tuple[float, int, str] | None = None
        candidates: list[tuple[str, str, int | Entity]] = [
            (r.lower(), e.name, e) for e in self.entities if e.type == "PERSON" for r in e.roles]
        candidates += [r for r in self.roles if r[2] < offset]
        for role, person, where in candidates:
            if head not in role.split():
                continue
            score = fuzz.token_set_ratio(core, role)
            if score < 70:
                continue
            # among people holding the role, the one this article mentioned last before the quote
            at = where if isinstance(where, int) else self._last_mention(where, offset)
            key = (score, at, person)
            if best is None or key[:2] > best[:2]:
                best = key
        return best[2] if best else None


_EMBEDDED = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj"})


def _main_subject(tok: Any) -> bool:
    """``tok`` is (part of) the subject of a clause that is not embedded in another one."""
    subj = tok if tok.dep_ in _SUBJ else tok.head if tok.head.dep_ in _SUBJ else None
    return subj is not None and subj.head.dep_ not in _EMBEDDED


def doc_length(doc: Any) -> int:
    """Characters a Doc covers (``len(doc.text)`` rebuilds the whole string on every call)."""
    if len(doc) == 0:
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def _is_cue(tok: Any) -> bool:
    low = tok.lower_
    if low in SPEECH_FORMS:
        return tok.pos_ in {"VERB", "AUX"}
    return low == ACCORDING and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"


def _clean(name: str) -> str:
    name = " ".join(name.split())
    name = _POSSESSIVE.sub("", name) if name.endswith(("'s", "\u2019s")) else name
    return name.strip(" ,.;:")


def _phrase(tok: Any) -> str:
    """The noun phrase of a subject, without clauses or appositions ("those close to him")."""
    cut = {t.i for c in tok.children if c.dep_ in {"relcl", "appos", "acl", "punct", "cc", "conj"}
           for t in c.subtree}
    words = [t for t in tok.subtree if t.i not in cut and not t.is_punct]
    return " ".join(t.text for t in words[:8])


def _local_roles(ent: Any) -> list[str]:
    """Roles the article itself gives a person: titles before the name, appositions after it."""
    doc = ent.doc
    roles = []
    titles = []
    i = ent.start - 1
    while i >= 0 and doc[i].dep_ in {"compound", "amod"} and doc[i].head.i >= ent.start:
        titles.append(doc[i].text)
        i -= 1
    if titles:
        roles.append(" ".join(reversed(titles)).lower())
    head = ent.root
    for c in head.children:
        if c.dep_ == "appos" and c.pos_ == "NOUN":
            roles.append(" ".join(t.text for t in c.subtree if t.dep_ != "punct").lower())
    return roles


def _cue_text(cue: Any) -> str:
    """The cue as a phrase: "told reporters" keeps its listener, other verbs stand alone."""
    if cue.lower_ in {"told", "tells", "tell"}:
        obj = next((c for c in cue.rights if c.dep_ in {"dobj", "dative"}), None)
        if obj is not None and obj.pos_ == "NOUN" and not any(c.dep_ == "prep" for c in obj.children):
            return f"{cue.text} {obj.text}"  # "told reporters", not "told a series (of ...)"
    return cue.text
