"""Entities: people, organisations and places merged across the articles of a story.

:func:`extract_entities` is the pipeline stage. :func:`analyse` returns the same entities with the
per-article detail consistency needs (which spelling each article uses, which roles it gives).

How mentions merge:

1. every NER mention is cleaned (:func:`.names.clean_name`): possessive, leading article and
   titles cut, ALL-CAPS fixed; a cut title counts as a role;
2. person full names ("Antony Blinken", "Anthony Blingen") join when their surnames are within a
   small edit distance and their first names are compatible, so "Bill Clinton" and "Hillary
   Clinton" stay two people;
3. one-word person mentions ("Blinken", "Mr. Blinken") join the person with that surname (or a
   near spelling) — the one named in full in the same article first, else the best supported;
4. other entities join on their lower-cased cleaned name.

The canonical name is the full form used by the most independent sources (copies of one article
count once); entities are sorted by independent sources × mentions.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..model import Article, Entity
from .lexicon import AFFILIATION_ALIASES, HONORIFICS, ROLE_WORDS
from .names import (
    allowed_edits,
    clean_name,
    compatible_first_names,
    similar_surnames,
    split_person,
)
from .roles import RoleParts, has_role_word, role_parts, roles_of_span

_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*[a-z]")
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")
MAX_NAME_WORDS = 6

__all__ = ["Analysis", "NameUse", "Record", "RoleParts", "analyse", "analysis_for",
           "extract_entities", "role_parts"]


@dataclass
class NameUse:
    """One mention of an entity in one article."""

    article: str
    source: str  # the article's independent id
    name: str  # cleaned name ("Antony Blinken")
    surface: str  # as written, possessive stripped ("Mr. Blinken")
    label: str
    sentence: int
    start: int
    end: int
    roles: list[str] = field(default_factory=list)
    in_title: bool = False  # the portfolio of a title ("State" in "Secretary of State")
    before: str = ""  # the lower-cased token just before the mention


@dataclass
class Record:
    """An entity with every use of it."""

    entity: Entity
    uses: list[NameUse]
    surname: str = ""  # canonical surname, persons only
    first: str = ""

    def sources(self) -> set[str]:
        return {u.source for u in self.uses}


@dataclass
class Analysis:
    records: list[Record]
    affiliations: dict[str, str]  # lower-cased GPE/NORP/ORG/LOC surfaces of the story

    @property
    def entities(self) -> list[Entity]:
        return [r.entity for r in self.records]


def extract_entities(articles: list[Article]) -> list[Entity]:
    analysis = analyse(articles)
    entities = analysis.entities
    _last[:] = [entities, analysis]  # consistency reuses it for the same story
    return entities


_last: list[Any] = [None, None]


def analysis_for(articles: Sequence[Article], entities: list[Entity] | None = None) -> Analysis:
    """The analysis behind ``entities`` when they come from the last :func:`extract_entities`
    call (and still describe these articles), else a fresh one."""
    cached_entities, analysis = _last
    if entities is not None and entities is cached_entities and analysis is not None and \
            {u.article for r in analysis.records for u in r.uses} <= {a.id for a in articles}:
        return analysis
    return analyse(articles)


def analyse(articles: Sequence[Article]) -> Analysis:
    uses = [u for a in articles for u in _uses(a)]
    _relabel_lone_non_persons(uses)
    # each surface's most frequent label: one stray "GPE" for "Housing" must not make it a country
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for u in uses:
        if u.label in ("GPE", "NORP", "ORG", "LOC"):
            labels[u.name.lower()][u.label] += 1
    affiliations = {name: c.most_common(1)[0][0] for name, c in labels.items()}
    persons, others = _split_persons(uses)
    groups = _group_persons(persons) + _group_others(others)
    order = {a.id: i for i, a in enumerate(articles)}
    written: dict[str, set[str]] = defaultdict(set)  # capitalised word -> sources writing it
    for a in articles:
        for w in set(_CAPITALISED.findall(a.text)):
            written[w.lower()].add(a.independent_id)
    # an organisation named only as the portfolio of a title is part of that title, not an
    # actor of the story ("State" of every "Secretary of State")
    groups = [g for g in groups if g and not all(u.in_title and u.label != "PERSON" for u in g)]
    records = [_record(g, order, written) for g in groups]
    records.sort(key=lambda r: (-len(r.sources()) * len(r.uses), r.entity.name))
    return Analysis(records, affiliations)


# ----------------------------------------------------------------------------- mentions
def _uses(article: Article) -> list[NameUse]:
    doc = article._doc
    out = []
    for m in article.mentions:
        if m.label not in ENTITY_LABELS:
            continue
        name, title = clean_name(m.text)
        words = name.split()
        if not words or len(words) > MAX_NAME_WORDS or len(name) < 2 or \
                any(c.isdigit() for c in name) or not name[0].isalpha():
            continue
        surface = " ".join(m.text.split())
        surface = surface[:-2] if surface.endswith(("'s", "’s")) else surface
        roles: list[str] = [title] if title and has_role_word(title) else []
        in_title, prev_word = False, ""
        if m.label == "PERSON" and not _name_like(words):
            continue
        if doc is not None:
            in_title = m.label != "PERSON" and _after_office(doc, m.start)
            prev_word = _token_before(doc, m.start)
        if doc is not None and m.label == "PERSON":
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and len(span):
                roles += roles_of_span(span)
                before = doc[span.start - 1] if span.start > 0 else None
                if before is not None and before.text.lower().rstrip(".") in HONORIFICS:
                    surface = f"{before.text} {surface}"
        out.append(NameUse(article.id, article.independent_id, name, surface, m.label,
                           m.sentence, m.start, m.end, roles, in_title, prev_word))
    return out


def _token_before(doc: Any, start: int) -> str:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return doc[span.start - 1].lower_ if span is not None and span.start > 0 else ""


_NAME_PARTICLES = frozenset({"de", "da", "del", "della", "der", "di", "du", "la", "le", "van",
                             "von", "bin", "ibn", "al", "el", "ben", "y", "dos", "das", "ter"})


def _name_like(words: list[str]) -> bool:
    """A person's name is capitalised words (particles aside): "Javelin missiles" is not one."""
    return all(w[0].isupper() or w.lower() in _NAME_PARTICLES or not w[0].isalpha()
               for w in words) and words[-1][0].isupper()


def _after_office(doc: Any, start: int) -> bool:
    """True when the mention at ``start`` follows "<office> of" ("Secretary of State")."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or span.start < 2:
        return False
    of, office = doc[span.start - 1], doc[span.start - 2]
    return of.lower_ == "of" and office.lower_.rstrip(".") in ROLE_WORDS


# words before a place far more often than before a person ("in Brennick", "the Westhaven ...")
_LOCATIVE = frozenset({"in", "at", "of", "outside", "near", "from", "to", "the", "between",
                       "across", "into", "around", "throughout", "via"})


def _relabel_lone_non_persons(uses: list[NameUse]) -> None:
    """A one-word "PERSON" the story never names in full, that NER elsewhere tags as a place or
    organisation, or that mostly follows "in"/"at"/"the", is that place or organisation: the
    small model tags unfamiliar place names as people ("Brennick port")."""
    full_words: set[str] = set()
    for u in uses:
        if u.label == "PERSON" and " " in u.name:
            full_words.update(w.lower() for w in u.name.split())
    other: dict[str, Counter[str]] = defaultdict(Counter)
    lone: dict[str, list[NameUse]] = defaultdict(list)
    for u in uses:
        if " " in u.name:
            continue
        if u.label == "PERSON":
            lone[u.name.lower()].append(u)
        else:
            other[u.name.lower()][u.label] += 1
    for word, group in lone.items():
        if word in full_words:
            continue
        locative = sum(u.before in _LOCATIVE for u in group)
        if other[word] or 2 * locative >= len(group):
            label = other[word].most_common(1)[0][0] if other[word] else "GPE"
            for u in group:
                u.label = label


def _split_persons(uses: list[NameUse]) -> tuple[list[NameUse], list[NameUse]]:
    """Person uses, plus non-person uses that are a known person's full name, or their surname
    in an article that names them in full (NER often tags a lone surname as ORG/GPE)."""
    full_surnames: dict[str, set[str]] = defaultdict(set)  # surname -> articles naming in full
    full_names: set[str] = set()
    for u in uses:
        if u.label == "PERSON" and len(u.name.split()) > 1:
            full_surnames[split_person(u.name)[1].lower()].add(u.article)
            full_names.add(u.name.lower())
    persons, others = [], []
    for u in uses:
        lone_surname = " " not in u.name and u.article in full_surnames.get(u.name.lower(), ())
        if u.label == "PERSON" or lone_surname or u.name.lower() in full_names:
            persons.append(u)
        else:
            others.append(u)
    return persons, others


# ----------------------------------------------------------------------------- persons
def _group_persons(uses: list[NameUse]) -> list[list[NameUse]]:
    full = [u for u in uses if len(u.name.split()) > 1]
    single = [u for u in uses if len(u.name.split()) == 1]
    # full names, best supported first, join the first compatible cluster
    support: dict[str, set[str]] = defaultdict(set)
    for u in full:
        support[u.name].add(u.source)
    names = sorted(support, key=lambda n: (-len(support[n]), n))
    firsts = [split_person(n)[0] for n in names]
    surnames = [split_person(n)[1].lower() for n in names]
    dist = _distances(surnames)
    cluster_of: dict[str, int] = {}
    heads: list[int] = []  # index of each cluster's head name
    for i, name in enumerate(names):
        # only heads within two edits are candidates (numpy filter, no loop over every head)
        near = np.nonzero(dist[i, heads] <= 2)[0] if heads else []
        for c in near:
            h = heads[c]
            if dist[i, h] <= min(allowed_edits(surnames[i]), allowed_edits(surnames[h])) and \
                    similar_surnames(surnames[i], surnames[h]) and \
                    compatible_first_names(firsts[i], firsts[h]):
                cluster_of[name] = int(c)
                break
        else:
            cluster_of[name] = len(heads)
            heads.append(i)
    groups: list[list[NameUse]] = [[] for _ in heads]
    for u in full:
        groups[cluster_of[u.name]].append(u)
    # one-word mentions: a surname (or first name) of a cluster
    by_article: dict[str, set[int]] = defaultdict(set)
    for u in full:
        by_article[u.article].add(cluster_of[u.name])
    known = sorted({s for c, h in enumerate(heads) for s in _surnames_of(groups[c])})
    owners: dict[str, list[int]] = defaultdict(list)
    for c in range(len(heads)):
        for s in _surnames_of(groups[c]):
            owners[s].append(c)
    first_owner: dict[str, list[int]] = defaultdict(list)
    for c, h in enumerate(heads):
        if firsts[h] and len(firsts[h]) > 2 and not firsts[h].endswith("."):
            first_owner[firsts[h].lower()].append(c)
    words = sorted({u.name.lower() for u in single})
    near = _near_surnames(words, known)
    # a lone surname joins a person named in full in the same article; in articles that never
    # give the full name it joins only a person the story names in full about as often, so
    # that one "George Clinton" does not absorb every "Clinton" of the story
    pending: dict[tuple[str, int], list[NameUse]] = defaultdict(list)
    alone: dict[str, list[NameUse]] = defaultdict(list)
    for u in single:
        w = u.name.lower()
        cands = owners.get(w) or first_owner.get(w)
        if not cands and u.label == "PERSON":
            cands = sorted({c for s in near.get(w, ()) for c in owners[s]})
        here = [c for c in cands or () if c in by_article[u.article]]
        if here:
            groups[min(here, key=lambda c: (-len({x.source for x in groups[c]}), c))].append(u)
        elif cands:
            best = min(cands, key=lambda c: (-len({x.source for x in groups[c]}), c))
            pending[(w, best)].append(u)
        elif u.label == "PERSON":
            alone[w].append(u)
    for (w, c), lone in pending.items():
        if 2 * len({x.source for x in groups[c]}) >= len({x.source for x in lone}):
            groups[c].extend(lone)
        else:
            alone[w].extend(x for x in lone if x.label == "PERSON")
    return groups + list(alone.values())


def _surnames_of(group: list[NameUse]) -> set[str]:
    return {split_person(u.name)[1].lower() for u in group if " " in u.name}


def _distances(words: list[str]) -> np.ndarray:
    if not words:
        return np.zeros((0, 0), dtype=np.int32)
    return process.cdist(words, words, scorer=OSA.distance, dtype=np.int32)


def _near_surnames(words: list[str], known: list[str]) -> dict[str, list[str]]:
    """For each one-word mention, the known surnames within its tolerated edit distance."""
    if not words or not known:
        return {}
    dist = process.cdist(words, known, scorer=OSA.distance, dtype=np.int32)
    out: dict[str, list[str]] = {}
    known_limits = np.array([allowed_edits(k) for k in known])
    for i, w in enumerate(words):
        limits = np.minimum(known_limits, allowed_edits(w))
        hits = [j for j in np.nonzero((dist[i] <= limits) & (limits > 0))[0]
                if similar_surnames(w, known[j])]
        if hits:
            best = min(dist[i, j] for j in hits)
            out[w] = [known[j] for j in hits if dist[i, j] == best]
    return out


# ----------------------------------------------------------------------------- others
def _group_others(uses: list[NameUse]) -> list[list[NameUse]]:
    groups: dict[str, list[NameUse]] = defaultdict(list)
    for u in uses:
        key = u.name.lower()
        if u.label == "GPE":  # "US", "U.S.", "United States" are one place
            key = AFFILIATION_ALIASES.get(key.rstrip("."), key)
        groups[key].append(u)
    _merge_acronyms(groups)
    return list(groups.values())


_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "&"})


def _merge_acronyms(groups: dict[str, list[NameUse]]) -> None:
    """"North Atlantic Treaty Organization" joins "NATO" when the story writes both."""
    acronyms = {k for k, g in groups.items()
                if " " not in k and 2 <= len(k) <= 6 and any(u.name.isupper() for u in g)}
    for key in [k for k in groups if " " in k]:
        words = [w for w in key.replace("-", " ").split() if w not in _ACRONYM_SKIP]
        initials = "".join(w[0] for w in words if w[0].isalpha())
        if len(words) >= 2 and initials in acronyms and initials != key:
            groups[initials].extend(groups.pop(key))


# ----------------------------------------------------------------------------- records
def _record(group: list[NameUse], order: dict[str, int], written: dict[str, set[str]]) -> Record:
    label = Counter(u.label for u in group).most_common(1)[0][0]
    if any(u.label == "PERSON" for u in group):
        label = "PERSON"
    name = canonical_name(group, person=label == "PERSON", written=written)
    variants: list[str] = []
    seen = {name.lower()}
    for form in sorted({u.name for u in group} | {u.surface for u in group},
                       key=lambda f: (-_form_sources(group, f), f)):
        if form.lower() not in seen:
            seen.add(form.lower())
            variants.append(form)
    roles = _ranked_roles(group)
    articles = sorted({u.article for u in group}, key=lambda a: order.get(a, 0))
    first, surname = split_person(name) if label == "PERSON" else ("", "")
    ent = Entity(name=name, type=label, roles=roles, variants=variants, articles=articles,
                 mentions=len(group))
    return Record(ent, group, surname=surname, first=first)


def canonical_name(group: list[NameUse], person: bool,
                   written: dict[str, set[str]] | None = None) -> str:
    """The full form most independent sources use (ties: the surname more sources write, even
    where NER missed it; more mentions; longer)."""
    forms = [u.name for u in group if not person or " " in u.name] or [u.name for u in group]
    counts = Counter(forms)
    by_last: dict[str, set[str]] = defaultdict(set)  # last word -> sources using it in any form
    for u in group:
        by_last[u.name.split()[-1].lower()].add(u.source)
    def last(f: str) -> str:
        return f.split()[-1].lower()

    return max(counts, key=lambda f: (_form_sources(group, f), len(by_last[last(f)]),
                                      len((written or {}).get(last(f), ())), counts[f], len(f), f))


def _form_sources(group: list[NameUse], form: str) -> int:
    return len({u.source for u in group if u.name == form or u.surface == form})


def _ranked_roles(group: list[NameUse]) -> list[str]:
    by_key: dict[str, list[NameUse]] = defaultdict(list)
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    for u in group:
        for r in u.roles:
            key = r.lower()
            by_key[key].append(u)
            surface[key][r] += 1
    ranked = sorted(by_key, key=lambda k: (-len({u.source for u in by_key[k]}), k))
    return [surface[k].most_common(1)[0][0] for k in ranked]


def uses_by_article(record: Record) -> dict[str, list[NameUse]]:
    out: dict[str, list[NameUse]] = defaultdict(list)
    for u in record.uses:
        out[u.article].append(u)
    return out


def doc_of(article: Article) -> Any:
    return article._doc
