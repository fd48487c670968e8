"""Findings about people: a name spelt differently, a role or affiliation that contradicts others.

Every check compares one article with the *other independent sources* of the story: copies of
the article (same ``independent_id``) neither back it nor contradict it, and a claim is only
reported when at least ``MIN_SUPPORT`` other sources agree with each other against it and no other
source shares the article's version.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..entities import Analysis, NameUse, Record
from ..entities.lexicon import AFFILIATION_ALIASES, OFFICES, RANK_MODIFIERS
from ..entities.names import allowed_edits, similar_surnames, split_person
from ..entities.roles import RoleParts, affiliation_key, cores_conflict, role_parts
from ..model import Article, Finding
from .support import MIN_SUPPORT, backed, voices

REPEATED = 2  # a spelling written this often beside the common one is another name, not a slip
_CAP_WORD = re.compile(r"(?<![\w'’-])[A-Z][A-Za-z'’]*[a-z][A-Za-z'’]*(?![\w-])")


def name_findings(articles: Sequence[Article], analysis: Analysis) -> list[Finding]:
    """Surnames one article spells its own way where other sources agree on another spelling.

    The article may also use the common spelling elsewhere (a careless rewrite often does); what
    counts is that no other independent source shares its variant.
    """
    source_of = {a.id: a.independent_id for a in articles}
    out: list[Finding] = []
    flagged: set[tuple[str, int]] = set()
    other_names = _OtherNames(analysis)
    words = [{w.lower() for w in _words(a)} for a in articles]
    words_of = {a.id: ws for a, ws in zip(articles, words, strict=True)}
    families: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        families[a.independent_id].append(a.id)
    writers: dict[str, set[str]] = defaultdict(set)  # capitalised word -> sources writing it
    documents: dict[str, set[str]] = defaultdict(set)  # ... -> articles writing it
    for a, ws in zip(articles, words, strict=True):
        for w in ws:
            writers[w].add(a.independent_id)
            documents[w].add(a.id)
    for ri, rec in enumerate(analysis.records):
        if rec.entity.type != "PERSON" or len(rec.surname) < 4:
            continue
        spelled: dict[str, set[str]] = defaultdict(set)  # article -> surname spellings
        for u in rec.uses:
            spelled[u.article].add(_surname(u).lower())
        canon = rec.surname.lower()
        # sources that write the surname, tagged by NER or not
        backers = {source_of[a] for a, s in spelled.items() if canon in s} | writers[canon]
        backing = {a for a, s in spelled.items() if canon in s} | documents[canon]
        for art, spellings in spelled.items():
            own = source_of[art]
            support = backers - {own}
            # a copy and its original speak against each other: the rest of the article's
            # family spelling it the others' way is one more voice
            original = [b for b in families[own] if b != art and canon in words_of[b]]
            # every misspelling the article writes is its own finding ("John McGain" here,
            # "McCein" there)
            n_docs = sum(source_of[b] != own for b in backing)
            for v in sorted(spellings - {canon}):
                voices_against = support | ({own} if original else set())
                if not _one_slip(v, canon) or not backed(voices_against, n_docs):
                    continue
                if writers[v] - {own} or any(v in s for a, s in spelled.items()
                                             if source_of[a] != own or a == own != art):
                    continue  # another source writes it this way too
                found = _longest_form(rec.uses, art, v)
                if " " not in found and other_names.has(ri, v):
                    continue  # "Dale" beside "Dole": a name some other person of the story has
                if " " not in found and (canon in spellings or canon in words_of[art]):
                    continue  # "Johnston" beside "Johnson" in one article: likely someone else
                if canon in spellings and sum(u.article == art and _surname(u).lower() == v
                                              for u in rec.uses) >= REPEATED:
                    continue  # "Tony Hall" once, "Tony Hill" again and again: two people
                out.append(_name_finding(art, found, rec, support, articles, original))
                flagged.add((art, ri))
    out += _unrecognised_spellings(articles, analysis, flagged, other_names, words, writers,
                                   documents)
    out += _split_off_spellings(articles, analysis, flagged, other_names, writers, documents)
    out += _name_phrase_spellings(articles, writers, out)
    out += _trailer_spellings(articles, writers)
    return out


_FULL_NAME = re.compile(r"(?<![\w'’-])([A-Z][a-z]+)[^\S\n]+([A-Z][a-z]+)(?:['’]s?)?(?![\w-])")


def _trailer_spellings(articles: Sequence[Article],
                       writers: dict[str, set[str]]) -> list[Finding]:
    """A full name in the lines cleaning took out of an article (a byline, "Susan Ferirss's
    e-mail address is ...") that no other source writes, one slip from the surname that
    MIN_SUPPORT other sources write with the same first name, in their text or their own such
    lines: the outlet misspelt a name it signs with."""
    source_of = {a.id: a.independent_id for a in articles}
    names: dict[str, dict[tuple[str, str], str]] = {}  # article -> (first, surname) -> written
    name_writers: dict[tuple[str, str], set[str]] = defaultdict(set)
    name_documents: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a in articles:
        mine: dict[tuple[str, str], str] = {}
        for line in a.removed_lines:
            for m in _FULL_NAME.finditer(line):
                mine.setdefault((m.group(1).lower(), m.group(2).lower()),
                                f"{m.group(1)} {m.group(2)}")
        names[a.id] = mine
        found = set(mine)
        if mine:  # the same first name in the text, with the surname as it spells it there
            firsts = {f for f, _ in mine}
            found |= {(m.group(1).lower(), m.group(2).lower())
                      for m in _FULL_NAME.finditer(a.text) if m.group(1).lower() in firsts}
        for key in found:
            name_writers[key].add(a.independent_id)
            name_documents[key].add(a.id)
    out = []
    for a in articles:
        own = a.independent_id
        for (first, v), surface in names[a.id].items():
            if len(v) < 4 or name_writers[(first, v)] - {own} or writers[v] - {own}:
                continue  # another source writes it so: another name
            for (f, c), sources in name_writers.items():
                support = sources - {own}
                docs = {b for b in name_documents[(f, c)] if source_of[b] != own}
                if f != first or c == v or not _one_slip(v, c) or _convention(v, c) or \
                        not backed(support, len(docs)):
                    continue
                ids = _supporting_ids(articles, support)
                expected = next(names[b].get((f, c)) for b in ids if (f, c) in names[b]) \
                    if any((f, c) in names[b] for b in ids) else f"{first.title()} {c.title()}"
                out.append(Finding(
                    article=a.id, kind="name", found=surface, expected=expected, support=ids,
                    message=(f"{a.id} writes the name as \"{surface}\" in the lines around its "
                             f"story (a byline or signature) where "
                             f"{voices(support, len(ids), 'write')} \"{expected}\".")))
                break
    return out


PHRASE_SUPPORT = 3  # a place's or organisation's name: well attested, not one outlet's rendering
_NAME_RUN = re.compile(r"(?<![\w'’-])[A-Z][a-z'’]+(?:[^\S\n]+[A-Z][a-z'’]+)+(?![\w-])")


def _name_phrase_spellings(articles: Sequence[Article], writers: dict[str, set[str]],
                           found: Sequence[Finding]) -> list[Finding]:
    """Names of places and organisations: a two-word name ("New Yolk", "Air Farnce") that no
    other source writes, one slip from a word of a name at least MIN_SUPPORT other sources write
    ("New York", "Air France"), with a word no other source writes, when the article never
    writes the others' name itself (then it only mistyped it once). A vowel for a vowel or "c"
    for "s" is a spelling convention ("Defence", "Gennadi"), not a slip. People's names are
    checked above; a word already reported there is not reported again."""
    pairs: dict[str, dict[tuple[str, str], str]] = {}  # article -> (word, word) -> as written
    pair_writers: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a in articles:
        mine: dict[tuple[str, str], str] = {}
        for run in _NAME_RUN.finditer((a.title or "") + "\n" + a.text):
            words = run.group(0).split()
            for x, y in zip(words, words[1:], strict=False):
                x, y = re.sub(r"['’]s?$", "", x), re.sub(r"['’]s?$", "", y)
                mine.setdefault((x.lower(), y.lower()), f"{x} {y}")
        pairs[a.id] = mine
        for key in mine:
            pair_writers[key].add(a.independent_id)
    # (position of the slip, the other word) -> the words seen beside it
    beside: dict[tuple[int, str], set[str]] = defaultdict(set)
    for x, y in pair_writers:
        beside[(1, x)].add(y)
        beside[(0, y)].add(x)
    reported = {(f.article, w.lower()) for f in found for w in re.findall(r"[\w'’-]+", f.found)}
    organisations = {m.text.lower() for a in articles for m in a.mentions if m.label == "ORG"}
    out = []
    for a in articles:
        own = a.independent_id
        for (x, y), surface in pairs[a.id].items():
            if pair_writers[(x, y)] - {own}:
                continue  # another source writes this name too
            if x in OFFICES:
                # a title word in an organisation's name replaced by another ("Colonel
                # Motors" for the "General Motors" the others write)
                keys = [(c, y) for c in beside[(0, y)] if c != x and c in OFFICES
                        and (c, y) not in pairs[a.id] and f"{c} {y}" in organisations
                        and len(pair_writers[(c, y)] - {own}) >= PHRASE_SUPPORT]
                if keys:
                    key = max(keys, key=lambda k: len(pair_writers[k]))
                    out.append(_phrase_finding(a, surface, key, articles, pairs, pair_writers))
                    continue
            for pos, v, kept in ((1, y, x), (0, x, y)):
                if len(v) < 4 or writers[v] - {own} or (a.id, v) in reported:
                    continue  # a short word, or one another source writes (another name)
                best: tuple[int, tuple[str, str]] | None = None
                for c in beside[(pos, kept)]:
                    key = (kept, c) if pos else (c, kept)
                    backers = pair_writers[key] - {own}
                    if c != v and len(backers) >= PHRASE_SUPPORT and _one_slip(v, c) and \
                            key not in pairs[a.id] and not _convention(v, c) and (
                            best is None or len(backers) > best[0]):
                        best = (len(backers), key)
                if best is None:
                    continue
                out.append(_phrase_finding(a, surface, best[1], articles, pairs, pair_writers))
                reported.add((a.id, v))
                break
    return out


def _phrase_finding(a: Article, surface: str, key: tuple[str, str], articles: Sequence[Article],
                    pairs: dict[str, dict[tuple[str, str], str]],
                    pair_writers: dict[tuple[str, str], set[str]]) -> Finding:
    """``a`` writes ``surface`` where the other sources write the name ``key``."""
    own = a.independent_id
    support = [b.id for b in articles if b.independent_id in pair_writers[key]
               and b.independent_id != own]
    # (a copy counts as its original, which may be the one that writes it)
    expected = next(pairs[b][key] for b in support if key in pairs[b])
    n = len(pair_writers[key] - {own})
    return Finding(
        article=a.id, kind="name", found=surface, expected=expected, support=support,
        message=(f"{a.id} writes \"{surface}\" where {n} other independent sources write "
                 f"\"{expected}\"."))


def _split_off_spellings(articles: Sequence[Article], analysis: Analysis,
                         flagged: set[tuple[str, int]], other_names: _OtherNames,
                         writers: dict[str, set[str]],
                         documents: dict[str, set[str]]) -> list[Finding]:
    """A full name only one source writes ("Jim Hal", "Ken Miler") that is one slip from the
    surname of a person several other sources name with the same first name ("Jim Hall",
    "Kenneth Miller"), or in the other order ("Rajabi Adady" / "Adadi Rajabu"): the grouping
    kept it apart because the surnames differ."""
    source_of = {a.id: a.independent_id for a in articles}
    people = [(ri, r) for ri, r in enumerate(analysis.records)
              if r.entity.type == "PERSON" and r.first and r.surname]
    out = []
    for ri, rec in people:
        sources = rec.sources()
        if len(sources) != 1:
            continue
        own, = sources
        v = rec.surname.lower()
        if writers[v] - {own}:
            continue  # another source writes this surname too
        for rj, other in people:
            canon = other.surname.lower()
            if rj == ri or canon == v:
                continue
            if _one_slip(v, other.first.lower()) and _same_first(rec.first, other.surname) \
                    and not _one_slip(v, canon):
                canon = other.first.lower()  # the name in the other order ("Rajabi Adady" /
                # "Adadi Rajabu"), as outlets write many a non-Western name
            elif not _one_slip(v, canon) and not (
                    len(v) == 3 and len(canon) == 4 and canon.startswith(v)) or \
                    not _same_first(rec.first, other.first):
                continue
            if canon == v or other_names.has(ri, v):
                continue
            support = (other.sources() | writers[canon]) - {own}
            docs = {b for b in {u.article for u in other.uses} | documents[canon]
                    if source_of[b] != own}
            if not backed(support, len(docs)):
                continue
            art = next(u.article for u in rec.uses if source_of.get(u.article) == own)
            if (art, rj) in flagged:
                continue
            flagged.add((art, rj))
            found = max((u.name for u in rec.uses), key=len)
            out.append(_name_finding(art, found, other, support, articles))
            break
    return out


_ALTERNATIVES = ("aeiouy", "csz")


def _convention(a: str, b: str) -> bool:
    """Two spellings one letter apart where the letters are alternatives of spelling or
    transliteration ("defence"/"defense", "gennadi"/"gennady", "salah"/"salih")."""
    if a.replace("'", "").replace("’", "") == b.replace("'", "").replace("’", ""):
        return True  # "Maaleh"/"Ma'aleh"
    if len(a) != len(b):
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diff) == 1 and any(diff[0][0] in g and diff[0][1] in g for g in _ALTERNATIVES)


def _same_first(a: str, b: str) -> bool:
    """Two first names of one person: equal, or one a short form of the other (Ken/Kenneth,
    Kathy/Katherine)."""
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    return a == b or (min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a))) or (
        min(len(a), len(b)) >= 4 and a[:4] == b[:4])


class _OtherNames:
    """Is a word part of the full name of a person *other* than record ``ri``?"""

    def __init__(self, analysis: Analysis) -> None:
        self.words = [{w.lower() for u in r.uses if " " in u.name for w in u.name.split()}
                      if r.entity.type == "PERSON" else set() for r in analysis.records]
        self.counts = Counter(w for ws in self.words for w in ws)

    def has(self, ri: int, word: str) -> bool:
        return self.counts[word] > (word in self.words[ri])


def _one_slip(variant: str, canon: str) -> bool:
    """One typing slip (a letter changed, doubled, dropped, or two swapped). Spellings further
    apart are usually transliterations ("Enhsaihan"/"Enkhsaikhan"): reported as variants of the
    entity, not as one article's mistake."""
    return similar_surnames(variant, canon) and OSA.distance(variant, canon) <= 1


def _swapped(variant: str, canon: str) -> bool:
    """Two neighbouring letters swapped ("Clniton"/"Clinton"): a typing slip, seldom another
    real name (a letter changed may well be: "Dale"/"Dole", "Berger"/"Bergen")."""
    diff = [i for i, (x, y) in enumerate(zip(variant, canon, strict=False)) if x != y]
    return len(variant) == len(canon) and len(diff) == 2 and diff[1] == diff[0] + 1 and \
        variant[diff[0]] == canon[diff[1]] and variant[diff[1]] == canon[diff[0]]


def _surname(u: NameUse) -> str:
    return split_person(u.name)[1] if " " in u.name else u.name


def _longest_form(uses: list[NameUse], article: str, spelling: str) -> str:
    forms = [u.name for u in uses if u.article == article and spelling in u.name.lower()]
    return max(forms, key=len) if forms else spelling


def _supporting_ids(articles: Sequence[Article], sources: set[str]) -> list[str]:
    return [a.id for a in articles if a.id in sources or a.independent_id in sources]


def _name_finding(article: str, found: str, rec: Record, sources: set[str],
                  articles: Sequence[Article], original: Sequence[str] = ()) -> Finding:
    support = _supporting_ids(articles, sources)
    support = [a.id for a in articles if a.id in support or a.id in original]
    sources = sources | ({"its own copy"} if original else set())  # (one voice more)
    expected = rec.entity.name
    return Finding(
        article=article, kind="name", found=found, expected=expected, support=support,
        message=(f"{article} writes the name as \"{found}\" where "
                 f"{voices(sources, len(support), 'write')} \"{expected}\""
                 + (", one of them a copy of the article itself." if original else ".")))


def _unrecognised_spellings(articles: Sequence[Article], analysis: Analysis,
                            flagged: set[tuple[str, int]],
                            other_names: _OtherNames, words: list[set[str]],
                            writers: dict[str, set[str]],
                            documents: dict[str, set[str]]) -> list[Finding]:
    """The same check on raw text, for misspellings NER did not tag as a person.

    An article that never writes a well-attested surname but writes a capitalised word within
    one or two edits of it, which no other article uses, next to the person's first name or
    inside an entity mention, has misspelt it.
    """
    source_of = {a.id: a.independent_id for a in articles}
    people = [(ri, r) for ri, r in enumerate(analysis.records)
              if r.entity.type == "PERSON" and len(r.surname) >= 4]
    if not people:
        return []
    counts: Counter[str] = Counter(w for ws in words for w in ws)
    surnames = [r.surname.lower() for _, r in people]
    out = []
    for ai, a in enumerate(articles):
        low = words[ai]
        cands = sorted(w for w in low if counts[w] == 1 and len(w) >= 4)
        if not cands:
            continue
        dist = process.cdist(cands, surnames, scorer=OSA.distance, dtype=np.int32)
        for ci, pi in zip(*np.nonzero(dist <= 2), strict=True):
            ri, rec = people[pi]
            w, canon = cands[ci], surnames[pi]
            limit = min(allowed_edits(w), allowed_edits(canon))
            if dist[ci, pi] > min(limit, 1) or canon in low or (a.id, ri) in flagged or \
                    not similar_surnames(w, canon) or \
                    other_names.has(ri, w) and not _swapped(w, canon) or \
                    re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", a.text) is not None:
                continue
            support = (rec.sources() | writers[canon]) - {a.independent_id}
            docs = {u.article for u in rec.uses} | documents[canon]
            docs = {b for b in docs if source_of[b] != a.independent_id}
            surface = _in_person_context(a, w, rec)
            if not backed(support, len(docs)) or not surface:
                continue
            flagged.add((a.id, ri))
            out.append(_name_finding(a.id, surface, rec, support, articles))
    return out


def _words(article: Article) -> list[str]:
    text = (article.title or "") + "\n" + article.text
    return [re.sub(r"['’]s?$", "", w) for w in _CAP_WORD.findall(text)]


def _in_person_context(article: Article, word: str, rec: Record) -> str:
    """The word as written with its first name, when it stands where a name of ``rec`` would."""
    pat = re.compile(r"(?<![\w-])(?:([A-Z][\w.'-]*)\s+)?(" + re.escape(word) + r")(?:['’]s)?(?![\w-])",
                     re.IGNORECASE)
    inside = [(m.start, m.end) for m in article.mentions if m.label == "PERSON"]
    for m in pat.finditer(article.text):
        first = m.group(1) or ""
        if rec.first and first.lower() == rec.first.lower():
            return f"{first} {m.group(2)}"
        span = next(((s, e) for s, e in inside if s <= m.start(2) and m.end(2) <= e), None)
        if span is not None:  # the name as the article writes it ("Katherine Fihten")
            return re.sub(r"['’]s$", "", article.text[span[0]:span[1]])
        if m.group(2)[:1].isupper() and (_SPEAKS.match(article.text, m.end()) or _SAID_BY.search(
                article.text, max(0, m.start() - 12), m.start())):
            return m.group(2)  # "..., Dawosn said.": someone who speaks is a person
    return ""


_SPEAKS = re.compile(r"(?:['’]s)?\s+(?:said|says|told|added|asked|explained|noted|wrote|"
                     r"argued|insisted|recalled)\b")
_SAID_BY = re.compile(r"\b(?:said|says|told|added|asked)\s+$")



# ----------------------------------------------------------------------------- roles
def role_findings(articles: Sequence[Article], analysis: Analysis) -> list[Finding]:
    """Roles one article gives a person that contradict what other sources agree on."""
    source_of = {a.id: a.independent_id for a in articles}
    out: list[Finding] = []
    persons = [r for r in analysis.records if r.entity.type == "PERSON"]
    namesakes: dict[str, list[Record]] = defaultdict(list)
    for r in persons:
        namesakes[r.surname.lower()].append(r)
    # countries and nationalities; an organisation ("GOP", "Senate") is not an exclusive affiliation
    # (a key is a 4-letter stem: "Houston" and the "Housing" of "Housing Secretary" share one,
    # so a stem some organisation also has is not a place)
    orgs = {affiliation_key(k) for k, label in analysis.affiliations.items() if label == "ORG"}
    places = {affiliation_key(k) for k, label in analysis.affiliations.items()
              if label in ("GPE", "NORP")} - orgs | {affiliation_key(k) for k in AFFILIATION_ALIASES}
    claims_by_rec = {id(r): _role_claims(r, analysis.affiliations,
                                         len(namesakes[r.surname.lower()]) > 1) for r in persons}
    dates = {a.id: _ordinal(a.published) for a in articles}
    dates.update({a.independent_id: dates[a.id] for a in articles if a.id == a.independent_id})
    for rec in persons:
        claims = claims_by_rec[id(rec)]
        if len({source_of[a] for a, _, _, _ in claims}) < MIN_SUPPORT + 1 and all(
                source_of[a] == a for a, _, _, _ in claims):
            continue  # (a copy's claims are judged against its original too: see below)
        others = [claims_by_rec[id(r)] for r in namesakes[rec.surname.lower()] if r is not rec]
        # each distinct role is compared with every source once; the article's own source is
        # taken out afterwards, so a person named in thousands of articles stays cheap
        claims_of = [(source_of[a], s, p) for a, s, p, _ in claims]
        written = [(source_of[a], a, s) for a, s, _, _ in claims]
        members: dict[str, set[str]] = defaultdict(set)
        for a, _, _, _ in claims:
            members[source_of[a]].add(a)
        families = {src for src, arts in members.items() if len(arts) > 1}
        office: dict[RoleParts, _Votes] = {}
        affil: dict[RoleParts, _Votes] = {}
        seen: set[tuple[str, str]] = set()
        for art, surface, parts, lone in claims:
            if (art, surface.lower()) in seen:
                continue
            if lone and others and not (parts.office and not any(
                    _same_office(parts, p) for o in others for _, _, p, _ in o)):
                continue  # a lone "Clinton" may be the namesake the story gives this office
                # (a namesake the story gives no office at all is no reason to doubt it)
            own = source_of[art]
            finding = None
            if parts.core and own in families:
                # a copy and its original speak against each other like two sources ("Senator
                # Helms" in the original, "Governor Helms" in its rewrite): the rest of its
                # family is one more voice
                family = {a: _ORIGINAL + own if source_of[a] == own else source_of[a]
                          for a, _, _, _ in claims if a != art}
                mine = [(family[a], s, p) for a, s, p, _ in claims if a != art]
                finding = _conflict(art, surface, own, _office_votes(parts, mine), "",
                                    [(family[a], a, s) for a, s, _, _ in claims if a != art])
            elif parts.core:
                votes = office.get(parts) or office.setdefault(parts, _office_votes(parts, claims_of))
                finding = _conflict(art, surface, own, votes, "", written)
            if finding is None and parts.affiliation & places and not parts.temporal:
                votes = affil.get(parts) or affil.setdefault(
                    parts, _affiliation_votes(parts, claims_of, places))
                finding = _conflict(art, surface, own, votes, ", another affiliation", written)
            if finding and _promoted_since(finding.support, parts, claims_of, dates, art):
                finding = None  # "Deputy Secretary" then, "Secretary" in a later article
            elif finding and _another_period(dates.get(art),
                                             [dates.get(a) for a in finding.support]):
                finding.message += (" They wrote more than six months apart from it: the"
                                    " office may have changed in between.")
            if finding:
                seen.add((art, surface.lower()))
                finding.support = [x for x in _supporting_ids(
                    articles, {x.removeprefix(_ORIGINAL) for x in finding.support}) if x != art]
                out.append(finding)
    return out


ROLE_CHANGE_DAYS = 180  # half a year: elections, reshuffles


def _another_period(own: int | None, others: list[int | None]) -> bool:
    """Every contradicting source was published more than ROLE_CHANGE_DAYS before this article,
    or every one more than that after it: people change office (a prime minister becomes
    president), which the reader is told. The finding stands: topic clusters span years, and a
    wrong title is as often found against sources from another time."""
    known = [d for d in others if d is not None]
    if own is None or not known:
        return False
    return all(d < own - ROLE_CHANGE_DAYS for d in known) or all(
        d > own + ROLE_CHANGE_DAYS for d in known)


def _promoted_since(support: list[str], parts: RoleParts,
                    claims: list[tuple[str, str, RoleParts]], dates: dict[str, int | None],
                    art: str) -> bool:
    """Every source against the article wrote before it and gave the same office with a rank
    word this one drops: a deputy may have become the holder since."""
    own = dates.get(art)
    theirs = [p for src, _, p in claims if src in support and p.office == parts.office
              and p.temporal == parts.temporal and cores_conflict(parts.core, p.core)]
    return own is not None and bool(theirs) and all(
        (dates.get(a) or own) < own for a in support) and all(_promoted(p, parts) for p in theirs)


def _promoted(before: RoleParts, after: RoleParts) -> bool:
    """``after`` is ``before`` without its rank word: a deputy who became the holder."""
    b, a = set(before.core), set(after.core)
    return a < b and (b - a) <= RANK_MODIFIERS


def _ordinal(published: str | None) -> int | None:
    try:
        return dt.date.fromisoformat(published[:10]).toordinal() if published else None
    except ValueError:
        return None


def _same_office(a: RoleParts, b: RoleParts) -> bool:
    """``b`` names the office ``a`` does (or a shorter form of it): the two do not conflict."""
    return a.office and b.office and not cores_conflict(a.core, b.core)


_ORIGINAL = "original of a copy:"  # the voice of an original when its copy is judged
_Votes = tuple[set[str], dict[str, list[str]]]  # sources agreeing; sources against -> surfaces


def _role_claims(rec: Record, affiliations: dict[str, str],
                 namesakes: bool = True) -> list[tuple[str, str, RoleParts, bool]]:
    """(article, role as written + the name as written, role parts, surname alone?) for every
    role given."""
    out = []
    full = {u.article for u in rec.uses if " " in u.name}
    sources, full_sources = {u.source for u in rec.uses}, {u.source for u in rec.uses if " " in u.name}
    # a person known mostly by surname alone ("President Clinton") may be several people when
    # the story names another of that surname; then only articles that give the full name speak
    # for this one (if any do)
    anchored_only = namesakes and bool(full_sources) and 2 * len(full_sources) < len(sources)
    for u in rec.uses:
        if anchored_only and u.article not in full:
            continue
        for r in u.roles:
            out.append((u.article, f"{r} {u.name}", role_parts(r, affiliations), " " not in u.name))
    return out


def _speaker_or_head(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One source calls the person the spokesman of what the other says they direct
    ("spokeswoman for Barnes" / "director for Barnes"): one speaks for an organisation, the
    other heads it or part of it. A director of something named ("communications director")
    may well speak for it: only the same words are compared ("campaign director" / "campaign
    spokesman"), or a bare director with a spokesman of something ("Bush director Scott
    McClellan" / "campaign spokesman")."""
    if len(a) == len(b):  # "campaign director" / "campaign spokesman"
        diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(diff) == 1 and set(diff[0]) == {"spokesman", "director"}
    return {a, b} & {("director",)} != set() and (a[-1] == "spokesman" or b[-1] == "spokesman")


def _office_votes(parts: RoleParts, claims: list[tuple[str, str, RoleParts]]) -> _Votes:
    """Sources whose office for the person agrees with ``parts`` / names another one.

    A past office ("former President") is compared with past offices only: the others' "former
    President Carter" contradicts "former Prime Minister Carter" as "President" does "Prime
    Minister". A loose descriptor ("director", "adviser") is compared with descriptors on rank
    alone ("deputy director" is not "director"): several can be true at once.
    """
    agree: set[str] = set()
    against: dict[str, list[str]] = defaultdict(list)
    rank_only = not parts.office
    for src, s, p in claims:
        if p.temporal == parts.temporal and _speaker_or_head(parts.core, p.core):
            against[src].append(s)
            continue
        if not p.core or p.office != parts.office or p.temporal != parts.temporal:
            continue
        if cores_conflict(parts.core, p.core) and (not rank_only or _rank_only(parts, p)):
            against[src].append(s)
        elif set(parts.core) <= set(p.core) or set(p.core) <= set(parts.core) or rank_only:
            agree.add(src)
        # else: compatible, not the same ("Senator" beside "Senate Speaker": every Senate
        # leader is a senator): that source neither backs nor contradicts it
    return agree, against


def _rank_only(a: RoleParts, b: RoleParts) -> bool:
    """The two offices differ only by a rank word ("vice", "deputy"): the same office, not it."""
    sa, sb = set(a.core), set(b.core)
    return (sa < sb or sb < sa) and bool((sa ^ sb) & RANK_MODIFIERS)


def _affiliation_votes(parts: RoleParts, claims: list[tuple[str, str, RoleParts]],
                       places: set[str]) -> _Votes:
    mine = parts.affiliation & places
    agree: set[str] = set()
    against: dict[str, list[str]] = defaultdict(list)
    for src, s, p in claims:
        theirs = p.affiliation & places
        if not theirs or p.temporal:
            continue
        if theirs & mine:
            agree.add(src)
        else:
            against[src].append(s)
    return agree, against


def _conflict(art: str, surface: str, own: str, votes: _Votes, what: str,
              written: list[tuple[str, str, str]]) -> Finding | None:
    """A finding when no other source agrees and at least MIN_SUPPORT others are against
    (``written``: (voice, article, role as written) of every claim, to count the articles)."""
    agree_all, against_all = votes
    agree = agree_all - {own}
    against = set(against_all) - agree_all - {own}
    if agree or not against:
        return None
    documents = len({a for src, a, s in written if src in against and s in against_all[src]})
    if not backed(against, documents):
        return None
    expected = Counter(s for src in sorted(against) for s in against_all[src]).most_common(1)[0][0]
    return Finding(
        article=art, kind="title", found=surface, expected=expected, support=sorted(against),
        message=(f"{art} writes \"{surface}\"{what}; "
                 f"{voices(against, documents, 'write')} \"{expected}\"."))
