"""Clean: debris removal, whitespace layout and metadata recovery, over all articles of a run.

    clean_articles(articles) -> the articles whose cleaned text is not empty (the others are
                                named in a logged warning: nothing is dropped unsaid)

For each article: split the text into paragraphs (:mod:`.layout`), drop web debris (:mod:`.lines`
for the signals of one line; here its position above or below the body and its repetition across
the run), recover a missing headline, outlet, publication date and dateline from the lines at the
top (:mod:`.meta`), and join the kept paragraphs with blank lines. What was dropped is kept in
``Article.removed_lines``. The text itself is never rewritten beyond whitespace: summaries quote it.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence

from ..model import Article
from . import layout, lines, meta

TOP_ZONE = 8  # paragraphs above the first body paragraph that may hold metadata
HEADLINE_ZONE = 5  # the first kept paragraphs where a repeated headline is dropped
BOILER_MIN_ARTICLES = 3  # a line repeated in this many articles of a run may be boilerplate
NAMED_EMPTY = 5  # articles named in the notice of those left with no text

log = logging.getLogger(__name__)


def clean_articles(articles: list[Article]) -> list[Article]:
    """Clean every article in place; return those with text left, in input order."""
    split = [layout.split_paragraphs(a.text if isinstance(a.text, str) else "") for a in articles]
    keyed = [[line_key(p) for p in paras] for paras in split]
    boiler = boilerplate(split, keyed)
    kept = []
    for article, paras, keys in zip(articles, split, keyed, strict=True):
        clean_article(article, paras, keys, boiler)
        if article.text:
            kept.append(article)
    if len(kept) < len(articles):
        empty = [a for a in articles if not a.text]
        named = ", ".join(f"{a.id} ({a.path})" if a.path else a.id for a in empty[:NAMED_EMPTY])
        more = f" and {len(empty) - NAMED_EMPTY} more" if len(empty) > NAMED_EMPTY else ""
        log.warning("storyline: left out %d article(s) with no text once debris was removed: %s%s",
                    len(empty), named, more)
    return kept


def line_key(p: str) -> str:
    """A paragraph's identity, blind to case and curly quotes (cheap: it runs on every line)."""
    p = p.casefold()
    if "’" in p or "“" in p or "‘" in p or "”" in p:
        p = p.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return p


def boilerplate(split: Sequence[Sequence[str]], keyed: Sequence[Sequence[str]]) -> set[str]:
    """Keys (:func:`line_key`) of lines repeated across otherwise different articles.

    A line shared by several articles is site furniture ("Complete News World", a standing
    editor's note) unless those articles are copies of each other, in which case all their lines
    are shared; so only articles whose text is mostly their own count as evidence.
    """
    counts: Counter[str] = Counter()
    for keys in keyed:
        counts.update({k for k in keys if k})
    if not counts or counts.most_common(1)[0][1] < BOILER_MIN_ARTICLES:
        return set()
    evidence: Counter[str] = Counter()
    for paras, keys in zip(split, keyed, strict=True):
        total = sum(len(p) for p in paras) or 1
        shared = sum(len(p) for p, k in zip(paras, keys, strict=True) if counts[k] > 1)
        if shared / total < 0.5:  # an article of its own, not a copy
            evidence.update({k for k in keys if counts[k] >= BOILER_MIN_ARTICLES})
    return {k for k, n in evidence.items() if n >= 2}


def clean_article(
    a: Article, paras: list[str], keys: list[str], boiler: set[str] | frozenset[str] = frozenset()
) -> None:
    """Clean one article in place given its paragraphs, their keys and the run's boilerplate."""
    title = " ".join(a.title.split()) if isinstance(a.title, str) else None
    published = meta.normalise_published(a.published)
    if title and meta.date_line(title):  # a date where the headline should be
        published = published or meta.date_line(title)
        title = None
    words = [p.split() for p in paras]
    drop = [False] * len(paras)

    # 1. Debris wherever it sits, and run-level boilerplate. Repeated sentences are kept:
    # articles of one story share quotes and background paragraphs.
    for i, p in enumerate(paras):
        reason = lines.debris_reason(p, len(words[i]))
        if reason in ("date", "menu") and i < TOP_ZONE:  # "Published: April 11, 2007 4:59 PM"
            published = published or meta.date_in(p)
        if reason or (keys[i] in boiler and not lines.ends_sentence(p)):
            drop[i] = True
    _cut_sections(paras, words, drop)
    # 2. The headline repeated in the text (spun copies paste it twice).
    if title:
        _drop_headline_copies(paras, words, drop, meta.compact(title))

    body = [i for i, p in enumerate(paras) if not drop[i] and lines.is_body(p, len(words[i]))]
    outlet_line = None
    if body:
        # 3. Above the body: date, outlet, headline, bylines and stray labels.
        given = title
        title, published, outlet_line = _read_top(paras, words, drop, body[0], title, published)
        if title and title != given:
            _drop_headline_copies(paras, words, drop, meta.compact(title))
        # 4. Below it: the footer and the author's note.
        _drop_footer(paras, words, drop, body)
    _drop_pasted_twice(paras, words, keys, drop)

    kept = [p for p, d in zip(paras, drop, strict=True) if not d]
    a.text = "\n\n".join(kept)
    a.removed_lines = list(a.removed_lines or []) + [
        p for p, d in zip(paras, drop, strict=True) if d
    ]
    a.published = published
    if not (isinstance(a.source, str) and a.source.strip()):
        names = [outlet_line] if outlet_line else []
        names += [
            h for p, d in zip(paras, drop, strict=True) if d and (h := meta.copyright_holder(p))
        ]
        a.source = _outlet(names, a.url)
    a.title = meta.strip_site(title, a.source, a.url) if title else None
    if not a.dateline:
        a.dateline = next((d for p in kept[:3] if (d := meta.dateline(p))), None)


def _read_top(
    paras: list[str],
    words: list[list[str]],
    drop: list[bool],
    first_body: int,
    title: str | None,
    published: str | None,
) -> tuple[str | None, str | None, str | None]:
    """Metadata lines above the first body paragraph → (title, published, outlet line).

    They are dropped from the text: dates, the headline (recovered when missing) and its
    copies, outlet names, bylines and stray labels ("Complete News World", a caption name).
    """
    title_key = meta.compact(title) if title else ""
    outlet_line = None
    seen: set[str] = set()
    for i in range(min(first_body, TOP_ZONE)):
        if drop[i]:
            continue
        p, w = paras[i], words[i]
        key = meta.compact(p)
        repeated = key in seen
        seen.add(key)
        date = meta.date_line(p)
        if date or (lines.BYLINE.search(p) and meta.date_in(p)):
            published = published or date or meta.date_in(p)
        elif title_key and meta.same_headline(p, title_key):
            pass
        elif outlet := meta.outlet_name(p):
            outlet_line = outlet_line or outlet
        elif repeated:
            pass  # the same line twice above the story: a headline or label pasted again
        elif not title and meta.title_like(p, w):
            title, title_key = p, meta.compact(p)
        elif not lines.is_stray(p, w):
            continue
        drop[i] = True
    return title, published, outlet_line


def _drop_footer(
    paras: list[str], words: list[list[str]], drop: list[bool], body: list[int]
) -> None:
    """Drop the trailing run of labels, dates and links below the last body paragraph (a list
    ending the story stops the run), and an author's note closing the story."""
    for i in range(len(paras) - 1, body[-1], -1):
        if drop[i]:
            continue
        if not (lines.is_stray(paras[i], words[i]) or meta.date_line(paras[i])):
            break
        drop[i] = True
    for i in body[-2:]:
        if i >= len(paras) - 3 and len(words[i]) <= 30 and lines.AUTHOR_BIO.match(paras[i]):
            drop[i] = True


def _drop_headline_copies(
    paras: list[str], words: list[list[str]], drop: list[bool], title_key: str
) -> None:
    """Drop the headline where the text repeats it among its first lines. A "headline" that is
    a whole sentence in sentence case is the lead itself (some feeds title articles so)."""
    for i in [i for i in range(len(paras)) if not drop[i]][:HEADLINE_ZONE]:
        if meta.same_headline(paras[i], title_key) and not (
            len(words[i]) >= 8 and lines.cap_share(words[i]) < 0.6
        ):
            drop[i] = True


def _drop_pasted_twice(
    paras: list[str], words: list[list[str]], keys: list[str], drop: list[bool]
) -> None:
    """Running text pasted twice (a scraper doubling the article): keep the first copy.
    Lines repeated more often are structure (table headers, recipe steps), not accidents."""
    repeats = Counter(k for k, d in zip(keys, drop, strict=True) if not d)
    seen: set[str] = set()
    for i, p in enumerate(paras):
        if drop[i] or repeats[keys[i]] != 2 or not lines.is_body(p, len(words[i])):
            continue
        if keys[i] in seen and len(words[i]) >= 8:
            drop[i] = True
        seen.add(keys[i])


def _cut_sections(paras: list[str], words: list[list[str]], drop: list[bool]) -> None:
    """Drop what follows a comment-section header near the end, or a teaser-list header."""
    total = sum(len(p) for p in paras) or 1
    offset = 0
    i = 0
    while i < len(paras):
        p = paras[i]
        core = p.strip(lines.EDGE_PUNCT)
        # Near the end, or after a good deal of text: a comment count under the headline is
        # not where comments start.
        if (
            len(words[i]) <= 6
            and (offset >= 0.4 * total or offset >= 2000)
            and lines.COMMENT_HEAD.match(core)
        ):
            for j in range(i, len(paras)):
                drop[j] = True
            return
        if len(words[i]) <= 6 and lines.TEASER_HEAD.match(core):
            drop[i] = True
            j = i + 1
            # Headlines follow until running text resumes.
            while (
                j < len(paras)
                and not (lines.is_body(paras[j], len(words[j])) and len(words[j]) > 12)
                and not lines.COMMENT_HEAD.match(paras[j].strip(lines.EDGE_PUNCT))
            ):
                drop[j] = True
                offset += len(paras[j])
                j += 1
            offset += len(p)
            i = j
            continue
        offset += len(p)
        i += 1


def _outlet(names: list[str], url: str | None) -> str | None:
    """The outlet: a masthead or copyright name matching the url's site, else the site, else
    the first name found."""
    site = meta.domain(url)
    for name in names:
        if site is None or meta.compact(name) in meta.compact(site):
            return name
    return site or (names[0] if names else None)
