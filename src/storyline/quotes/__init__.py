"""Quotes: what was said, by whom, in every article of a story.

Direct quotes are the spans inside quotation marks (“…”, „…“, «…», ‹…›, ‘…’, "…"), found by
:mod:`.marks` paragraph by paragraph. Each is attributed to a speaker, first match wins: a
transcript label inside it ("WALLACE: …"), a name after a dash behind it ('“…” ― Jo Smith'), the
subject of the nearest speech cue outside quotes in its paragraph (:mod:`.speakers`, spaCy parse
checked against the surface), the speaker of the quote it continues across a paragraph break, the
named subject of its sentence, the previous quote's speaker when that was in the paragraph just
before (a paragraph that is only a quote), and last the most recent named person. Reported speech ("X said that
…", "according to X, …") comes from the cue's clausal complement and has ``direct=False``.

Speakers are canonicalised against the story's entities (exact alias, then fuzzy match with
rapidfuzz, then a unique surname); a name no entity matches keeps the article's fullest form.
A quote that runs over several paragraphs is returned one paragraph at a time, every part with the
same speaker: that keeps each text verbatim from one paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..model import Article, Entity, Quote
from .cues import ACCORDING, REPORTING_FORMS
from .marks import Span, paragraphs, quote_spans, word_count
from .names import Canonicaliser
from .speakers import ArticleParse, Speaker, doc_length

__all__ = ["extract_quotes", "quote_spans"]

# '“…” ― Jo Smith': a dash and a bare name after the closing mark
_DASH = re.compile(r"[ \t]*[\u2015\u2014\u2013-]{1,2}[ \t]*")
_BARE_NAME = re.compile(r"([A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,4})[ \t.,]*(?:\n|$)")
# "WALLACE: ..." or "Mr. Trump: ..." at the start of a quoted transcript line
_TRANSCRIPT = re.compile(r"^\s*((?:[A-Z][A-Za-z.'\u2019-]*\s){0,2}[A-Z][A-Z.'\u2019-]+):\s")


def extract_quotes(
    articles: list[Article], entities: list[Entity], *, min_words: int = 4,
    reported: bool = True,
) -> list[Quote]:
    """Direct quotes of at least ``min_words`` words, and reported speech, in article order."""
    canon = Canonicaliser(entities)
    out: list[Quote] = []
    for article in articles:
        if article._doc is None:
            from .. import nlp

            nlp.annotate([article])
        parse = ArticleParse(article._doc, _usable_spans(article), entities)
        found = _direct(article, parse, min_words)
        if reported:
            found += _reported(article, parse)
        found.sort(key=lambda pair: pair[0])
        local = Counter(p.name for p in parse.persons)
        for _, quote in found:
            quote.speaker = canon.resolve(quote.speaker, local)
            out.append(quote)
    return out


def _usable_spans(article: Article) -> list[Span]:
    limit = doc_length(article._doc)
    return [s for s in quote_spans(article.text) if s.end <= limit]


def _direct(article: Article, parse: ArticleParse, min_words: int) -> list[tuple[int, Quote]]:
    text = article.text
    paras = paragraphs(text)
    out: list[tuple[int, Quote]] = []
    last: Speaker | None = None
    last_para = -10
    for span in parse.spans:
        quoted = text[span.start:span.end].strip().rstrip(",")  # '“…,” he said' keeps no comma
        if word_count(quoted) < min_words:
            continue
        p_start, p_end = paras[span.paragraph]
        speaker = _transcript_speaker(quoted)
        if speaker is None:
            speaker = _dash_speaker(parse, text, span)
        if speaker is None:
            speaker = _cue_speaker(parse, span, p_start, p_end)
        if speaker is None and last is not None and span.continues:
            speaker = last
        if speaker is None:
            sent = parse.doc.char_span(span.start, span.start + 1, alignment_mode="expand")
            if sent is not None:
                speaker = parse.subject_speaker(sent.sent)
        if speaker is None and last is not None and last_para >= span.paragraph - 1:
            speaker = last  # a paragraph that is only a quote continues the previous speaker
        if speaker is None:
            speaker = Speaker(parse.person_before(span.start), None, True)
        last, last_para = speaker, span.paragraph
        out.append((span.start, Quote(speaker=speaker.name, text=quoted, article=article.id,
                                      direct=True, cue=speaker.cue)))
    return out


def _transcript_speaker(quoted: str) -> Speaker | None:
    m = _TRANSCRIPT.match(quoted)
    if m is None:
        return None
    return Speaker(m.group(1).title(), None, True)


def _dash_speaker(parse: ArticleParse, text: str, span: Span) -> Speaker | None:
    """A name after a dash right behind the closing mark: '“…” ― Jo Smith'."""
    m = _DASH.match(text, span.end + 1)
    if m is None:
        return None
    tail = parse.doc.char_span(m.end(), min(m.end() + 60, doc_length(parse.doc)),
                               alignment_mode="expand")
    if tail is None:
        return None
    name = parse.first_person(tail)
    if name is None:
        bare = _BARE_NAME.match(text, m.end(), min(len(text), m.end() + 60))
        name = bare.group(1) if bare else None
    return Speaker(name, None, True) if name else None


def _cue_speaker(parse: ArticleParse, span: Span, p_start: int, p_end: int) -> Speaker | None:
    """The speaker of the nearest speech cue (outside quotes) in the quote's paragraph."""
    def distance(tok: Any) -> int:
        if tok.idx >= span.end:
            return tok.idx - span.end
        return max(0, span.start - tok.idx - len(tok))

    for cue in sorted(parse.cues_in(p_start, p_end), key=distance):
        found = parse.speaker_of_cue(cue)
        if found is not None:
            return found
    return None


def _reported(article: Article, parse: ArticleParse) -> list[tuple[int, Quote]]:
    """Reported speech: the clause a reporting verb governs, or a sentence "according to X"."""
    out: list[tuple[int, Quote]] = []
    for cue in parse.cues:
        low = cue.lower_
        if low == ACCORDING:
            skip = _subtree_ids(cue)
            content = [t for t in cue.sent if t.i not in skip]
        elif low in REPORTING_FORMS:
            comp = next((c for c in cue.children if c.dep_ == "ccomp"), None)
            if comp is None:
                continue
            content = [t for t in comp.subtree
                       if not (t.i == comp.left_edge.i and t.lower_ == "that")]
        else:
            continue
        content = [t for t in content if not t.is_space]
        if len(content) < 5 or sum(parse.is_inside(t) for t in content) > len(content) // 3:
            continue  # a direct quote's own clause, already a direct quote
        found = parse.speaker_of_cue(cue)
        if found is None or found.name is None:
            continue
        first, last = _longest_run([t.i for t in content])
        # a clause cut off at a conjunction ("... made public, but") ends before it
        while last > first and (parse.doc[last].is_punct or parse.doc[last].dep_ == "cc"):
            last -= 1
        said = parse.doc[first:last + 1].text.strip(" ,;:.")
        out.append((parse.doc[first].idx, Quote(speaker=found.name, text=said, article=article.id,
                                          direct=False, cue=found.cue)))
    return out


def _longest_run(indices: list[int]) -> tuple[int, int]:
    """The longest stretch of consecutive token indices (the said part around "according to")."""
    best = (indices[0], indices[0])
    start = indices[0]
    for prev, cur in zip(indices, indices[1:], strict=False):
        if cur != prev + 1:
            start = cur
        if cur - start > best[1] - best[0]:
            best = (start, cur)
    return best


def _subtree_ids(tok: Any) -> set[int]:
    return {t.i for t in tok.subtree} | {t.i for t in tok.doc[tok.i + 1].subtree}
