"""Roles attached to a person mention, read from the dependency parse.

Three patterns cover most of news style:

* pre-modifiers: "US Secretary of State Antony Blinken", "Russia's foreign minister Sergei Lavrov",
  "spokesman Greg Martin" — the words left of the name whose heads lead into the name;
* appositives after the name: "Jens Stoltenberg, NATO Secretary General", "Blinken, the top US
  diplomat";
* the name as appositive of a role noun: "the US ambassador, John Sullivan".

A role is kept only when it holds a role word (:mod:`.lexicon`). :func:`role_parts` splits a role
into its affiliation ("russia") and its core ("foreign minister") so that consistency can compare
them separately.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .lexicon import (
    ABBREVIATIONS,
    AFFILIATION_ALIASES,
    CLASS_QUALIFIERS,
    HONORIFICS,
    MEMBERSHIP,
    OFFICES,
    PORTFOLIOS,
    RANK_MODIFIERS,
    ROLE_WORDS,
    TEMPORAL,
)

MAX_ROLE_TOKENS = 9
_BODIES = frozenset(w for body in MEMBERSHIP.values() for w in body)
_AFFIL_LABELS = frozenset({"GPE", "NORP", "ORG", "LOC"})
_WORD = re.compile(r"[A-Za-z][A-Za-z.\-]*")


@dataclass(frozen=True)
class RoleParts:
    core: tuple[str, ...]  # normalised role words, in order ("foreign", "minister")
    affiliation: frozenset[str]  # normalised country / organisation keys
    office: bool  # the head is an office (exclusive), not a loose descriptor
    temporal: bool  # "former", "late", "then" ...: not the present role


def roles_of_span(span: Any) -> list[str]:
    """Role phrases the parse attaches to the person ``span`` (surface text, det stripped).

    Titles NER put inside the span ("President Clinton") are read as part of the pre-modifier.
    """
    doc, name_start = span.doc, span.start
    while name_start < span.end - 1:
        if _is_title_token(doc[name_start]):
            name_start += 1
        elif name_start > span.start and doc[name_start - 1].lower_ == "of":
            name_start += 1  # "Secretary of State Madeleine Albright"
        else:
            break
    span = doc[name_start:span.end]
    out = []
    pre = _premodifier(span)
    if pre:
        out.append(pre)
    out.extend(_appositives(span))
    return [r for r in (_tidy(r) for r in out) if r and has_role_word(r)]


def _is_title_token(tok: Any) -> bool:
    low = tok.text.lower().rstrip(".")
    return low in ROLE_WORDS or low in HONORIFICS or low in ("of", "the")


def has_role_word(text: str) -> bool:
    return any(_is_role(w) for w in _WORD.findall(text))


def _is_role(word: str) -> bool:
    low = word.lower().rstrip(".")
    return low in ROLE_WORDS or ABBREVIATIONS.get(low, low) in ROLE_WORDS


def _norm(word: str) -> str:
    w = word.lower().rstrip(".")
    return ABBREVIATIONS.get(w, w)


def _premodifier(span: Any) -> str:
    """The contiguous run of tokens left of the name whose heads lead into the name."""
    doc = span.doc
    lo = max(span.sent.start, span.start - MAX_ROLE_TOKENS)
    first = span.start
    for i in range(span.start - 1, lo - 1, -1):
        tok = doc[i]
        if (tok.is_punct and tok.text not in ("'s", "’s", ".", "-")) or tok.dep_ in ("cc", "conj") \
                or tok.ent_type_ == "PERSON" or not _leads_into(tok, lo, span.start, span.end):
            break
        first = i
    # a token may have led in through words left of the run: check again with the run's bound
    while first < span.start and not all(
            _leads_into(doc[i], first, span.start, span.end) for i in range(first, span.start)):
        first += 1
    if first == span.start:
        return _title_words(doc, lo, span.start)
    return doc[first:span.start].text


def _title_words(doc: Any, lo: int, start: int) -> str:
    """Capitalised office words right before the name when the parse hangs them elsewhere
    ("Rubin and Solicitor General Janet Reno": "General" read as a second person joined to
    Rubin)."""
    first = start
    while first > lo and doc[first - 1].text[:1].isupper() and (
            _is_role(doc[first - 1].text) or doc[first - 1].lower_ in PORTFOLIOS):
        first -= 1
    if first == start or not any(_norm(t.text) in OFFICES for t in doc[first:start]):
        return ""
    return doc[first:start].text


def _leads_into(tok: Any, lo: int, start: int, end: int) -> bool:
    """Does following ``tok``'s heads reach [start, end) without leaving [lo, end)?"""
    cur = tok
    for _ in range(MAX_ROLE_TOKENS + 2):
        head = cur.head
        if start <= head.i < end:
            return True
        if head.i == cur.i or head.i < lo or head.i >= end:
            return False
        cur = head
    return False


def _appositives(span: Any) -> list[str]:
    """Roles in apposition. One that names another person is a list of people the parser read
    as apposition ("Bush, Sen. John McCain of Arizona and ..."), not this one's role."""
    out = []
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end:
            toks = [t for t in child.subtree if t.i >= span.end]
            if _title_of_next_name(span.doc, child.right_edge.i + 1):
                continue  # "Netanyahu, U.S. Assistant Secretary ... Martin Indyk": Indyk's title
            if not _names_a_person(toks):
                out.append(_clip(toks))
    if root.dep_ == "appos" and root.head.i < span.start:
        head = root.head
        toks = [t for t in head.subtree if t.i < span.start and t.i >= head.left_edge.i]
        if not _names_a_person(toks):
            out.append(_clip(toks))
    return out


def _title_of_next_name(doc: Any, i: int) -> bool:
    """Does a run of proper nouns from token ``i`` lead into a PERSON name?"""
    while i < len(doc) and (doc[i].pos_ == "PROPN" or doc[i].lower_ in ("of", "for", "the")):
        if doc[i].ent_type_ == "PERSON":
            return True
        i += 1
    return False


def _names_a_person(tokens: list[Any]) -> bool:
    """A PERSON entity in ``tokens`` before the phrase ends (as :func:`_clip` ends it, but
    however long: "Netanyahu, U.S. Assistant Secretary of State for Near Eastern Affairs Martin
    Indyk")."""
    for t in tokens:
        if t.is_punct and t.text not in ("'s", "’s", "-", ".") and t is not tokens[0]:
            return False
        if t.pos_ in ("VERB", "AUX") or t.tag_ in ("WDT", "WP", "WP$"):
            return False
        if t.ent_type_ == "PERSON":
            return True
    return False


def _clip(tokens: list[Any]) -> str:
    """Role text from a token run: up to the first comma/quote, at most MAX_ROLE_TOKENS."""
    words = []
    for t in tokens:
        if t.is_punct and t.text not in ("'s", "’s", "-", "."):
            if words:
                break
            continue
        if t.pos_ in ("VERB", "AUX") or t.tag_ in ("WDT", "WP", "WP$"):
            break  # a relative clause ("... who recently said") is not part of the role
        words.append(t.text_with_ws)
        if len(words) >= MAX_ROLE_TOKENS:
            break
    return "".join(words).strip()


def _tidy(role: str) -> str:
    role = " ".join(role.split()).strip(" ,;:-–—")
    role = re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.I)
    return role


def role_parts(role: str, affiliations: dict[str, str] | None = None) -> RoleParts:
    """Split a role surface into core words and affiliation keys.

    ``affiliations`` maps lower-cased GPE/NORP/ORG surfaces of the story to themselves; words of
    the role that belong to one of them count as affiliation, not as core.
    """
    # "the president's chief spokesman": a role word that owns the role is someone else's office
    owner = re.search(r"^.*\b(\w+)['’]s?\s", role)
    if owner and _is_role(owner.group(1)):
        role = role[owner.end():]
    text = re.sub(r"['’]s\b", "", role)
    words = _WORD.findall(text)
    # affiliation is what stands before the role word ("Russian foreign minister"); after it
    # ("ambassador to Russia", "Secretary of State") it names a portfolio or a destination
    head = next((i for i, w in enumerate(words) if _is_role(w)), len(words))
    # longest known place/organisation names first, looked up by word n-grams of the prefix
    pre = [w.lower() for w in words[:head]]
    ministry = head < len(words) and _norm(words[head]) in ("secretary", "minister")
    affil: set[str] = set()
    rest: list[str] = []
    i = 0
    while i < len(pre):
        if pre[i] in CLASS_QUALIFIERS or pre[i] in PORTFOLIOS or pre[i] in _BODIES:
            # "Cabinet minister", "Defense Minister", "Senate Majority Leader": part of the office
            rest.append(pre[i])
            i += 1
            continue
        for n in (4, 3, 2, 1):
            gram = " ".join(pre[i:i + n])
            if i + n == len(pre) > i + 1 and pre[-1] in PORTFOLIOS and ministry:
                continue  # "U.S. Treasury Secretary": the organisation's last word is the
                # minister's portfolio ("Treasury Secretary"), the rest its affiliation
            if i + n <= len(pre) and gram in (affiliations or {}):
                affil.add(affiliation_key(gram))
                i += n
                break
        else:
            rest.append(pre[i])
            i += 1
    prefix = " ".join(rest)
    acronyms = {w.lower() for w in words[:head] if len(w) > 1 and w.isupper()}
    # after the role word only a short portfolio counts ("of State", "General"); a long tail
    # names an organisation ("president of the Virginia-based association")
    tail = words[head + 1:]
    tail = tail if len(tail) == 1 or (len(tail) == 2 and tail[0].lower() in ("of", "for")) else []
    kept = [w for w in prefix.split() if w not in acronyms or _norm(w) in AFFILIATION_ALIASES]
    kept += [w.lower() for w in words[head:head + 1] + tail]
    core: list[str] = []
    temporal = False
    for w in kept:
        n = _norm(w)
        if n in TEMPORAL:
            temporal = True
            continue
        if n in AFFILIATION_ALIASES:
            affil.add(affiliation_key(n))
            continue
        if n in ("of", "the", "for", "and", "top", "new", "senior", "to", "in", "at") or \
                n.rstrip(".") in HONORIFICS:
            continue  # (an honorific is the name's: "retired judge Sir William Macpherson")
        core.extend(n.split())
    # "leader" alone is a loose descriptor; "majority leader" is an office; "cabinet minister"
    # says what kind of post, not which
    office = any(w in OFFICES for w in core) or (
        "leader" in core and bool({"majority", "minority"} & set(core)))
    if office and set(core) - CLASS_QUALIFIERS <= {"minister", "secretary", "member"} \
            and set(core) & CLASS_QUALIFIERS:
        office = False
    return RoleParts(tuple(core), frozenset(affil), office, temporal)


def affiliation_key(surface: str) -> str:
    """One key per country or organisation: "Russia", "Russian", "Russia's" → "russ".

    A country and its demonym share their first four letters in most cases; the few that do not
    are in ``AFFILIATION_ALIASES``. Two places that share a stem are merely not told apart.
    """
    s = re.sub(r"['’]s$", "", surface.lower()).strip(" .")
    s = re.sub(r"^the\s+", "", s)
    s = AFFILIATION_ALIASES.get(s, s)
    return " ".join(w[:4] for w in s.split())


def cores_conflict(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two office cores name different offices.

    One core contained in the other is the same office said shorter ("secretary" / "secretary of
    state", "minister" / "foreign minister") unless the extra words change the rank ("vice").
    """
    sa, sb = set(a), set(b)
    if not sa or not sb or sa == sb:
        return False
    for one, other in ((sa, sb), (sb, sa)):
        body = next((MEMBERSHIP[w] for w in one if w in MEMBERSHIP), None)
        if body is not None and one - body <= set(MEMBERSHIP) and other & body:
            return False  # "senator" and "senate majority leader"
    if sa <= sb or sb <= sa:
        extra = (sa | sb) - (sa & sb)
        return bool(extra & RANK_MODIFIERS)
    return True


def affiliation_labels() -> frozenset[str]:
    return _AFFIL_LABELS
