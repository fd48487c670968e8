"""The briefing as one self-contained HTML page, and the pages of the web app.

Everything a reader clicks stays inside the page: a citation ``[n]`` jumps to the cited sentence
inside the article text further down (anchored on the sentence offsets from NLP, or found by
searching the sentence text when the briefing was loaded from JSON and has no sentences), and the
text an article got wrong is marked where it stands. CSS and JS are inlined and allowed by hash in
a Content-Security-Policy, so the page makes no network request and runs no other script.

Safety: Jinja2 autoescapes every value; only our own static CSS/JS are marked safe; links to the
outside are kept only for http(s) URLs (anything else is shown as text).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from ..model import Article, Briefing, Entity, Fact, Finding, Quote, SourceQuality, Story
from . import quotes_by_speaker

TEMPLATES = Path(__file__).parent / "templates"
PEOPLE_TYPES = ("PERSON",)
ORG_TYPES = ("ORG", "NORP")
PLACE_TYPES = ("GPE", "LOC", "FAC")
MAX_ENTITIES = 30
MAX_QUOTES = 40
QUOTES_PER_SPEAKER = 8
MAX_FACTS = 40
MAX_MARKS = 5  # occurrences of one finding's text marked in an article
MAX_NEEDLE_TOKENS = 120  # longer passages are located by their first tokens
FUZZY_CUTOFF = 70.0  # rapidfuzz score under which a paraphrase is not located in a sentence


# ---------------------------------------------------------------- public entry points


def to_html(briefing: Briefing) -> str:
    """The whole briefing as one offline HTML document."""
    by_id = {a.id: a for a in briefing.articles}
    stories = [_story_view(i, s, by_id) for i, s in enumerate(briefing.stories, 1)]
    rows = [story_row(s, by_id, href=f"#{v.anchor}") for s, v in zip(briefing.stories, stories,
                                                                     strict=True)]
    return _render("report.html.j2", title="Storyline briefing", csp_meta=csp(live=False),
                   stories=stories, rows=rows, briefing=briefing)


def render_story_page(briefing: Briefing, story: Story, *, index_href: str = "/") -> str:
    """One story of the web app (the briefing holds at least that story's articles)."""
    view = _story_view(1, story, {a.id: a for a in briefing.articles})
    return _render("story.html.j2", title=story.headline or "Story", csp_meta=None, s=view,
                   index_href=index_href)


def render_index(rows: Sequence[StoryRow], *, query: str = "", articles: int = 0,
                 poll: str | None = None, version: str = "") -> str:
    """The web app's story list with its search box."""
    return _render("index.html.j2", title="Storyline", csp_meta=None, rows=rows, query=query,
                   articles=articles, poll=poll, version=version)


def csp(live: bool) -> str:
    """The Content-Security-Policy: nothing but our own inline CSS and JS (allowed by hash)."""
    policy = (f"default-src 'none'; style-src '{_asset_hash('style.css')}'; "
              f"script-src '{_asset_hash('script.js')}'; img-src data:; base-uri 'none'")
    if live:  # served pages: the search form and the JS poll talk to the app itself
        return policy + "; connect-src 'self'; form-action 'self'; frame-ancestors 'none'"
    return policy + "; form-action 'none'"


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (shown as text, never linked)."""
    if not url or any(c.isspace() or ord(c) < 32 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


# ---------------------------------------------------------------- view model


@dataclass
class StoryRow:
    """One line of a story list."""

    id: str
    headline: str
    articles: int
    span: str
    outlets: str
    href: str
    terms: str = ""  # entity names, for the instant filter


@dataclass
class Cite:
    n: int
    href: str
    label: str


@dataclass
class Part:
    text: str
    mark: bool = False
    id: str | None = None
    title: str = ""


@dataclass
class Block:
    parts: list[Part]
    id: str | None = None


@dataclass
class Bar:
    frac: float
    level: str = ""  # "", "low" or "bad": the colour


@dataclass
class Dot:
    x: float
    y: float
    href: str
    label: str


@dataclass
class Chart:
    width: int
    height: int
    axis: float
    dots: list[Dot]
    ticks: list[tuple[float, str, str]]  # x, label, text-anchor


@dataclass
class ArticleView:
    n: int
    anchor: str
    article: Article
    url: str | None
    flags: list[tuple[str, str | None]]
    quality: SourceQuality | None = None
    quality_bar: Bar | None = None
    body: list[Block] = field(default_factory=list)


@dataclass
class StoryView:
    number: int
    anchor: str
    story: Story
    span: str
    outlets: str
    articles: list[ArticleView]
    summary: list[tuple[str, list[Cite]]] = field(default_factory=list)
    entity_groups: list[tuple[str, list[tuple[Entity, list[str], list[Cite]]]]] = field(
        default_factory=list)
    quotes: list[tuple[Quote, list[Cite]]] = field(default_factory=list)
    more_quotes: int = 0
    facts: list[tuple[Fact, int, Bar, list[Cite]]] = field(default_factory=list)
    sources: int = 0  # independent sources in the story
    findings: list[tuple[Finding, str, list[Cite], list[Cite]]] = field(default_factory=list)
    timeline: list[tuple[Any, str, list[Cite]]] = field(default_factory=list)
    chart: Chart | None = None


def story_row(story: Story, by_id: dict[str, Article], href: str) -> StoryRow:
    arts = [by_id[a] for a in story.articles if a in by_id]
    span, outlets = _coverage(arts)
    terms = " ".join(e.name for e in story.entities[:MAX_ENTITIES])
    return StoryRow(story.id, story.headline, len(story.articles), span, outlets, href, terms)


def _story_view(number: int, story: Story, by_id: dict[str, Article]) -> StoryView:
    anchor = f"st{number}"
    arts = [by_id[a] for a in story.articles if a in by_id]
    views = {a.id: ArticleView(n, f"{anchor}-a{n}", a, safe_url(a.url), [])
             for n, a in enumerate(arts, 1)}
    passages = {a.id: _Passages(a, views[a.id].anchor) for a in arts}
    span, outlets = _coverage(arts)
    sv = StoryView(number, anchor, story, span, outlets, list(views.values()))

    def cite(aid: str, text: str | None = None, index: int | None = None) -> Cite | None:
        v = views.get(aid)
        if v is None:
            return None
        href = passages[aid].locate(text, index) if text else v.anchor
        return Cite(v.n, "#" + href, v.article.source or v.article.title or v.article.id)

    def cites(ids: Sequence[str], text: str | None = None) -> list[Cite]:
        found = {c.n: c for c in (cite(i, text) for i in dict.fromkeys(ids)) if c is not None}
        return [found[n] for n in sorted(found)]

    for s in story.summary:
        own = cite(s.article, s.text, s.sentence) if s.article else None
        rest = cites([i for i in s.sources if i != s.article], s.text)
        sv.summary.append((s.text, sorted([own, *rest] if own else rest, key=lambda c: c.n)))

    for title, types in (("People", PEOPLE_TYPES), ("Organisations", ORG_TYPES),
                         ("Places", PLACE_TYPES)):
        ents = [e for e in story.entities if e.type in types][:MAX_ENTITIES]
        if ents:
            sv.entity_groups.append((title, [
                (e, [v for v in e.variants if v != e.name], cites(e.articles)) for e in ents]))

    shown, distinct = quotes_by_speaker(story, {a.id: a for a in arts}, MAX_QUOTES,
                                        QUOTES_PER_SPEAKER)
    for _, quotes in shown:
        for q in quotes:
            c = cite(q.article, q.text)
            sv.quotes.append((q, [c] if c else []))
    sv.more_quotes = max(0, distinct - len(sv.quotes))

    independent = {a.id: a.independent_id for a in arts}
    sv.sources = len(set(independent.values()))
    for f in story.facts[:MAX_FACTS]:
        n = f.independent or len({independent[a] for a in f.articles if a in independent})
        frac = min(1.0, n / sv.sources) if sv.sources else 0.0
        sv.facts.append((f, n, Bar(frac, "low" if n <= 1 < sv.sources else ""),
                         cites(f.articles, f.value)))

    for j, fnd in enumerate(story.findings, 1):
        p = passages.get(fnd.article)
        mark = p.add_mark(fnd.found, f"{anchor}-f{j}", fnd.message) if p else None
        here = cite(fnd.article)
        href = "#" + (mark or (here.href[1:] if here else anchor))
        sv.findings.append((fnd, href, [here] if here else [], cites(fnd.support, fnd.expected)))

    for k, ev in enumerate(story.timeline, 1):
        sv.timeline.append((ev, f"{anchor}-t{k}", cites(ev.articles, ev.text)))
    sv.chart = _chart([(ev.date, "#" + a, f"{ev.date}: {ev.text}") for ev, a, _ in sv.timeline])

    quality = {q.article: q for q in story.quality}
    for v in sv.articles:
        v.flags = [_flag(f, views) for f in v.article.flags]
        v.quality = quality.get(v.article.id)
        if v.quality is not None:
            score = v.quality.score
            v.quality_bar = Bar(max(0.0, min(1.0, score)),
                                "bad" if score < 0.5 else "low" if score < 0.8 else "")
        v.body = passages[v.article.id].blocks()  # last: every anchor and mark is placed now
    return sv


def _coverage(arts: Sequence[Article]) -> tuple[str, str]:
    dates = sorted(a.published[:10] for a in arts if a.published)
    span = "" if not dates else dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"
    outlets = sorted({a.source for a in arts if a.source})
    return span, ", ".join(outlets[:6]) + (" …" if len(outlets) > 6 else "")


def _flag(flag: str, views: dict[str, ArticleView]) -> tuple[str, str | None]:
    kind, _, target = flag.partition(":")
    if target in views:
        return f"{kind.replace('-', ' ')} [{views[target].n}]", "#" + views[target].anchor
    return flag, None


def _chart(events: Sequence[tuple[str, str, str]], width: int = 600) -> Chart | None:
    """Geometry of the timeline: one dot per event on a date axis, same-day events stacked."""
    dated: list[tuple[date, str, str]] = []
    for day, href, label in events:
        try:
            dated.append((date.fromisoformat(day[:10]), href, label))
        except (TypeError, ValueError):
            continue
    if not dated:
        return None
    first, last = min(d for d, _, _ in dated), max(d for d, _, _ in dated)
    days, pad, step = max(1, (last - first).days), 40, 12
    stack: dict[date, int] = {}
    for d, _, _ in dated:
        stack[d] = stack.get(d, 0) + 1
    height = 44 + step * min(6, max(stack.values()))
    axis = height - 22
    seen: dict[date, int] = {}
    dots = []
    for d, href, label in dated:
        k = seen.get(d, 0)
        seen[d] = k + 1
        x = width / 2 if first == last else pad + (d - first).days / days * (width - 2 * pad)
        dots.append(Dot(round(x, 1), axis - 10 - step * min(k, 5), href, label))
    ticks = [(float(pad), first.isoformat(), "start")]
    if first != last:
        ticks.append((float(width - pad), last.isoformat(), "end"))
    else:
        ticks = [(width / 2, first.isoformat(), "middle")]
    return Chart(width, height, axis, dots, ticks)


# ---------------------------------------------------------------- passages inside article text


def find_passage(text: str, needle: str, start: int = 0) -> tuple[int, int] | None:
    """Where ``needle`` occurs in ``text`` up to whitespace (then case) differences."""
    tokens = needle.split()[:MAX_NEEDLE_TOKENS]
    if not tokens:
        return None
    pattern = r"\s+".join(map(re.escape, tokens))
    # a short word-like needle must match whole words ("5" is not the 5 in "2025")
    if re.match(r"\w", tokens[0]):
        pattern = r"(?<!\w)" + pattern
    if re.search(r"\w$", tokens[-1]):
        pattern += r"(?!\w)"
    for flags in (0, re.IGNORECASE):
        m = re.compile(pattern, flags).search(text, start)
        if m:
            return m.start(), m.end()
    return None


class _Passages:
    """Anchor ids for passages of one article's text, and the body split at them for display.

    With NLP sentences every sentence is an anchor; without them (a briefing loaded from JSON)
    a located passage becomes an anchor of its own.
    """

    def __init__(self, article: Article, anchor: str) -> None:
        self.text = article.text or ""
        self.anchor = anchor
        n = len(self.text)
        self.sents = sorted((s for s in article.sentences if 0 <= s.start < s.end <= n),
                            key=lambda s: s.start)
        self.by_index = {s.index: s for s in self.sents}
        self.extra: list[tuple[int, int, str]] = []
        self.marks: list[tuple[int, int, str | None, str]] = []

    def locate(self, passage: str, index: int | None = None) -> str:
        """The anchor id of the sentence holding ``passage`` (the article's own when not found)."""
        hit = find_passage(self.text, passage)
        if hit is not None:
            if not self.sents:
                return self._extra(*hit)
            for s in self.sents:
                if s.start <= hit[0] < s.end:
                    return f"{self.anchor}-s{s.index}"
        if index is not None and index in self.by_index:
            return f"{self.anchor}-s{index}"
        if self.sents:  # a paraphrase: the most similar sentence, when similar enough
            from rapidfuzz import fuzz, process

            best = process.extractOne(passage, [s.text for s in self.sents],
                                      scorer=fuzz.token_set_ratio, score_cutoff=FUZZY_CUTOFF)
            if best is not None:
                return f"{self.anchor}-s{self.sents[best[2]].index}"
        return self.anchor

    def _extra(self, start: int, end: int) -> str:
        for a, b, ident in self.extra:
            if a < end and start < b:  # overlapping passages share one anchor
                return ident
        ident = f"{self.anchor}-m{len(self.extra) + 1}"
        self.extra.append((start, end, ident))
        return ident

    def add_mark(self, found: str, ident: str, title: str) -> str | None:
        """Mark every occurrence (up to a few) of ``found``; the id of the first, when any."""
        first: str | None = None
        pos = placed = 0
        while placed < MAX_MARKS and found.strip():
            hit = find_passage(self.text, found, pos)
            if hit is None:
                break
            pos = hit[1]
            if any(a < hit[1] and hit[0] < b for a, b, _, _ in self.marks):
                continue
            self.marks.append((hit[0], hit[1], None if first else ident, title))
            first = first or ident
            placed += 1
        self.marks.sort(key=lambda m: m[0])
        return first

    def blocks(self) -> list[Block]:
        spans = [(s.start, s.end, f"{self.anchor}-s{s.index}") for s in self.sents] or sorted(
            self.extra)
        out: list[Block] = []
        pos = 0
        for start, end, ident in spans:
            if start < pos:
                continue
            if start > pos:
                out.append(Block(self._parts(pos, start)))
            out.append(Block(self._parts(start, end), ident))
            pos = end
        if pos < len(self.text):
            out.append(Block(self._parts(pos, len(self.text))))
        return out

    def _parts(self, start: int, end: int) -> list[Part]:
        parts: list[Part] = []
        pos = start
        for a, b, ident, title in self.marks:
            if b <= pos or a >= end:
                continue
            lo, hi = max(a, pos), min(b, end)
            if lo > pos:
                parts.append(Part(self.text[pos:lo]))
            parts.append(Part(self.text[lo:hi], True, ident if lo == a else None, title))
            pos = hi
        if pos < end:
            parts.append(Part(self.text[pos:end]))
        return parts


# ---------------------------------------------------------------- templates and assets


@lru_cache(maxsize=1)
def _env() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(css=Markup(_asset("style.css")), js=Markup(_asset("script.js")))
    env.filters["attr"] = attr_text
    return env


def attr_text(value: Any) -> Markup:
    """Article text for an attribute value: escaped, and ``=`` as ``&#61;`` too, so that no
    ``name=value`` shape (``onerror=…``) appears inside a tag even as inert text (belt and braces
    for scanners and sanitizers that look at tags without parsing attribute quoting)."""
    from markupsafe import escape

    return Markup(str(escape(value)).replace("=", "&#61;"))


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    # our own static files go in raw: they must not be able to close their element
    assert "</" not in text, f"{name} must not contain '</'"
    return text


@lru_cache(maxsize=4)
def _asset_hash(name: str) -> str:
    digest = hashlib.sha256(_asset(name).encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _render(template: str, **context: Any) -> str:
    return str(_env().get_template(template).render(**context))
