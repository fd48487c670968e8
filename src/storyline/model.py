"""The data model: the only contract between stages.

Every stage takes and returns these dataclasses. They serialise to the briefing JSON documented in
``schema/briefing.schema.json`` (and ``shared/design/interfaces.md``) with :func:`to_dict` and back
with the ``from_dict`` class methods. Fields whose name starts with an underscore (``_doc``) hold
in-process helpers (a spaCy ``Doc``) and are never serialised.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from typing import Any, Self

SCHEMA_VERSION = "1"


def content_id(text: str) -> str:
    """A stable article id derived from the text (used when the input gives none)."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class _Serial:
    """Mixin: JSON-ready dict of the public fields, and back."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):  # type: ignore[arg-type]
            if f.name.startswith("_"):
                continue
            out[f.name] = _plain(getattr(self, f.name))
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        names = {f.name for f in fields(cls) if not f.name.startswith("_")}  # type: ignore[arg-type]
        kwargs = {}
        for key, value in data.items():
            if key not in names:
                continue
            sub = _NESTED.get((cls.__name__, key))
            if sub is not None and value is not None:
                value = [sub.from_dict(v) for v in value]
            kwargs[key] = value
        return cls(**kwargs)


def _plain(value: Any) -> Any:
    if isinstance(value, _Serial):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass
class InputError(_Serial):
    """One piece of input that could not be read: reported, never fatal to the run."""

    file: str
    reason: str
    record: str | None = None  # line number, WARC offset, feed entry ... when known

    def __str__(self) -> str:
        where = f"{self.file}" + (f" [{self.record}]" if self.record else "")
        return f"{where}: {self.reason}"


@dataclass
class Sentence(_Serial):
    """A sentence of an article's cleaned text, with character offsets into ``Article.text``."""

    index: int
    text: str
    start: int
    end: int
    paragraph: int = 0  # index of the paragraph (blank-line separated block) it sits in


@dataclass
class Mention(_Serial):
    """A named-entity mention found by NLP in one article."""

    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, DATE, CARDINAL, ...
    sentence: int  # index into Article.sentences
    start: int  # character offsets into Article.text
    end: int


@dataclass
class Article(_Serial):
    """One news article, raw on ingest, cleaned and annotated by later stages."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD
    dateline: str | None = None
    flags: list[str] = field(default_factory=list)
    # provenance and per-source signals
    path: str | None = None  # file the article came from
    html: bool = False  # ``text`` is a raw HTML page (ingest turns it into text)
    removed_lines: list[str] = field(default_factory=list)  # debris cleaned out
    copy_of: str | None = None  # id of the article this one duplicates / spins (set by dedup)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    _doc: Any = field(default=None, repr=False, compare=False)  # spaCy Doc, in-process only

    @property
    def independent_id(self) -> str:
        """The id that counts as one independent source (copies count as their original)."""
        return self.copy_of or self.id

    def public_dict(self) -> dict[str, Any]:
        """The article as the briefing JSON lists it (no NLP annotations, no raw debris)."""
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "dateline": self.dateline,
            "text": self.text,
            "flags": list(self.flags),
        }


@dataclass
class SummarySentence(_Serial):
    """A summary sentence: verbatim from ``article``, supported by every id in ``sources``."""

    text: str
    sources: list[str]
    article: str = ""  # the article the sentence was extracted from
    sentence: int = 0  # its index in that article


@dataclass
class Entity(_Serial):
    """A person, organisation or place, merged across the articles of a story."""

    name: str
    type: str  # PERSON, ORG, GPE, LOC, NORP, ...
    roles: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    mentions: int = 0


@dataclass
class Quote(_Serial):
    """Something a speaker said, directly quoted or reported."""

    speaker: str | None
    text: str
    article: str
    direct: bool = True
    cue: str | None = None  # the verb that introduced it ("said", "told reporters")


@dataclass
class Fact(_Serial):
    """A claim value (a number, a date, a title) with the articles that state it.

    ``context`` says what the value is about (the unit noun of a number, the person a title is
    attached to, the event a date belongs to); two facts with the same kind and context but
    different values disagree.
    """

    kind: str  # number | date | title | ...
    value: str
    context: str = ""
    articles: list[str] = field(default_factory=list)
    independent: int = 0  # number of independent sources stating it


@dataclass
class Finding(_Serial):
    """Where one article disagrees with what the other (independent) articles say."""

    article: str
    kind: str  # name | title | number | date | other
    found: str
    expected: str
    support: list[str]
    message: str


@dataclass
class TimelineEvent(_Serial):
    date: str  # YYYY-MM-DD
    text: str
    articles: list[str] = field(default_factory=list)


@dataclass
class SourceQuality(_Serial):
    """Per-article quality signals: 1.0 is clean, lower is worse; reasons say why."""

    article: str
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass
class Story(_Serial):
    id: str
    headline: str
    articles: list[str]
    summary: list[SummarySentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    quality: list[SourceQuality] = field(default_factory=list)


@dataclass
class Briefing(_Serial):
    articles: list[Article]
    stories: list[Story]
    errors: list[InputError] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "articles": [a.public_dict() for a in self.articles],
            "stories": [s.to_dict() for s in self.stories],
            "errors": [e.to_dict() for e in self.errors],
        }

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)


_NESTED: dict[tuple[str, str], type[_Serial]] = {
    ("Article", "sentences"): Sentence,
    ("Article", "mentions"): Mention,
    ("Story", "summary"): SummarySentence,
    ("Story", "entities"): Entity,
    ("Story", "quotes"): Quote,
    ("Story", "facts"): Fact,
    ("Story", "findings"): Finding,
    ("Story", "timeline"): TimelineEvent,
    ("Story", "quality"): SourceQuality,
    ("Briefing", "articles"): Article,
    ("Briefing", "stories"): Story,
    ("Briefing", "errors"): InputError,
}
