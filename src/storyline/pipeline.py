"""Wires the stages. The CLI, the web app and the Python API call only this module.

    ingest ─► clean ─► nlp ─► dedup ─► group ─► per story: summary · entities · quotes · facts ·
                                                          consistency · timeline ─► Briefing

Each stage is a plain function over :mod:`storyline.model` objects; this module only orders them,
reports progress and keeps per-input errors.
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Article, Briefing, InputError, Story

DEFAULT_SUMMARY_WORDS = 100


@dataclass
class Options:
    one_story: bool = False
    summary_words: int = DEFAULT_SUMMARY_WORDS
    progress: bool = False  # progress bars on stderr
    batch_size: int = 32
    extra: dict[str, Any] = field(default_factory=dict)


ArticleLike = Article | dict[str, Any]


def load_articles(
    inputs: Iterable[str | Path | ArticleLike], on_error: Callable[[InputError], None] | None = None
) -> tuple[list[Article], list[InputError]]:
    """Read paths (files/directories of any supported kind), dicts or Articles into Articles."""
    from . import ingest

    articles: list[Article] = []
    errors: list[InputError] = []

    def report(err: InputError) -> None:
        errors.append(err)
        if on_error is not None:
            on_error(err)

    paths: list[str | Path] = []
    for item in inputs:
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, dict):
            try:
                articles.append(ingest.article_from_record(item, origin="<api>"))
            except ValueError as exc:
                report(InputError(file="<api>", reason=str(exc)))
        else:
            paths.append(item)
    for rec in ingest.read_paths(paths):
        if isinstance(rec, InputError):
            report(rec)
        else:
            articles.append(rec)
    return _unique_ids(articles), errors


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Keep ids unique: a repeated id gets a ``#n`` suffix so every article stays addressable."""
    seen: dict[str, int] = {}
    for a in articles:
        if a.id in seen:
            seen[a.id] += 1
            a.id = f"{a.id}#{seen[a.id]}"
        else:
            seen[a.id] = 0
    return articles


def prepare(articles: Sequence[Article], options: Options) -> list[Article]:
    """Per-article stages: clean, NLP, duplicate flags. Returns the articles kept (non-empty)."""
    from . import clean, dedup, nlp

    kept = clean.clean_articles(list(articles))
    with _bar(len(kept), "parsing", options.progress) as tick:
        nlp.annotate(kept, batch_size=options.batch_size, progress=tick)
    dedup.mark_duplicates(kept)
    return kept


def group(articles: Sequence[Article], options: Options) -> list[list[Article]]:
    """Articles → stories (lists of articles). ``one_story`` puts everything in one."""
    if not articles:
        return []
    if options.one_story:
        return [list(articles)]
    from . import group as grouping

    by_id = {a.id: a for a in articles}
    return [[by_id[i] for i in ids] for ids in grouping.group_articles(list(articles))]


def build_story(
    articles: Sequence[Article], options: Options, errors: list[InputError] | None = None
) -> Story:
    """Every per-story stage over one group of articles.

    A stage that fails on odd input loses only its own part of this story: the failure is recorded
    in ``errors`` (and so reported), the rest of the briefing is still built.
    """
    from . import consistency, entities, facts, quotes, summarize, timeline

    arts = list(articles)
    story = Story(id=story_id(arts), headline=headline(arts), articles=[a.id for a in arts])

    times: dict[str, float] | None = options.extra.get("stage_seconds")  # stage -> seconds

    def run(stage: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - isolate one stage's bug from the whole run
            if options.extra.get("raise_stage_errors"):
                raise
            err = InputError(file=f"<story {story.id}>", record=stage,
                             reason=f"{type(exc).__name__}: {exc}")
            print(f"storyline: {stage} failed for story {story.id}: {err.reason}", file=sys.stderr)
            if errors is not None:
                errors.append(err)
            return []
        finally:
            if times is not None:
                times[stage] = times.get(stage, 0.0) + time.perf_counter() - start

    story.entities = run("entities", entities.extract_entities, arts)
    story.quotes = run("quotes", quotes.extract_quotes, arts, story.entities)
    story.facts = run("facts", facts.extract_facts, arts, story.entities)
    story.findings = run("consistency", consistency.find_inconsistencies, arts, story.entities,
                         story.facts)
    story.quality = run("quality", consistency.source_quality, arts, story.findings)
    # the summary and the headline lean on the articles the others do not contradict
    doubtful = _doubtful(arts, story.findings)
    story.summary = run("summary", summarize.summarize, arts, max_words=options.summary_words,
                        distrust=doubtful)
    story.headline = headline(arts, doubtful)
    story.timeline = run("timeline", timeline.build_timeline, arts)
    return story


def _doubtful(articles: Sequence[Article], findings: Sequence[Any]) -> set[str]:
    """Articles a reader should not be told the story from: spun copies, and articles with two
    or more claims the other sources contradict."""
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.article] = counts.get(f.article, 0) + 1
    spun = {a.id for a in articles if any(fl.startswith("spun-copy-of:") for fl in a.flags)}
    return spun | {a for a, n in counts.items() if n >= 2}


def story_id(articles: Sequence[Article]) -> str:
    """A stable story id: hash of its sorted article ids."""
    h = hashlib.sha1("\n".join(sorted(a.id for a in articles)).encode()).hexdigest()
    return "s" + h[:10]


def headline(articles: Sequence[Article], doubtful: Collection[str] = ()) -> str:
    """The story headline: the title of its earliest independent, uncontradicted article."""
    ranked = sorted(
        (a for a in articles if a.title),
        key=lambda a: (a.copy_of is not None, a.id in doubtful, a.published or "9999",
                       a.flags != []),
    )
    if ranked:
        return ranked[0].title or ""
    first = articles[0]
    return first.sentences[0].text if first.sentences else first.text[:120]


def brief(
    inputs: Iterable[str | Path | ArticleLike],
    *,
    one_story: bool = False,
    summary_words: int = DEFAULT_SUMMARY_WORDS,
    progress: bool = False,
    on_error: Callable[[InputError], None] | None = None,
) -> Briefing:
    """The whole job: inputs (paths, dicts or Articles) → a :class:`Briefing`."""
    options = Options(one_story=one_story, summary_words=summary_words, progress=progress)
    raw, errors = load_articles(inputs, on_error=on_error)
    return brief_articles(raw, options, errors)


def brief_articles(
    raw: Sequence[Article], options: Options, errors: list[InputError] | None = None
) -> Briefing:
    errors = list(errors or [])
    articles = prepare(raw, options)
    groups = group(articles, options)
    stories: list[Story] = []
    with _bar(len(groups), "briefing", options.progress and len(groups) > 1) as tick:
        for members in groups:
            stories.append(build_story(members, options, errors))
            tick(1)
    stories.sort(key=lambda s: (-len(s.articles), s.headline))
    return Briefing(articles=articles, stories=stories, errors=errors)


class _bar:
    """A tqdm progress bar on stderr when enabled and worth showing; a no-op otherwise."""

    def __init__(self, total: int, desc: str, enabled: bool) -> None:
        self.bar = None
        if enabled and total >= 20:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=desc, unit="art", file=sys.stderr, leave=False)

    def __enter__(self) -> Callable[[int], None]:
        return self.bar.update if self.bar is not None else (lambda n: None)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


# ---------------------------------------------------------------------- the store (incremental)
def add_to_store(
    paths: Iterable[str | Path],
    store_path: str | Path | None = None,
    *,
    batch_size: int = 500,
    progress: bool = False,
    on_error: Callable[[InputError], None] | None = None,
) -> Any:
    """Stream files into the store: clean, entities, dedup and grouping batch by batch.

    Returns a :class:`storyline.store.AddReport`. Idempotent and resumable (see :mod:`store`).
    """
    from . import ingest, store

    with store.Store(store_path) as db, store.open_progress(progress) as bar:
        return store.add(ingest.read_paths(paths), db, batch_size=batch_size,
                         progress=bar.update, on_error=on_error)


def brief_from_store(
    store_path: str | Path | None = None,
    *,
    story: str | None = None,
    summary_words: int = DEFAULT_SUMMARY_WORDS,
    progress: bool = False,
) -> Briefing:
    """Briefings of the stored stories (or of one): per-story stages on the stored articles.

    spaCy annotations are not stored: each story's articles are parsed again here.
    """
    from . import nlp, store

    options = Options(summary_words=summary_words, progress=progress)
    errors: list[InputError] = []
    articles: list[Article] = []
    stories: list[Story] = []
    with store.Store(store_path) as db:
        ids = [story] if story else [s["id"] for s in db.stories()]
        for sid in ids:
            members = db.story_articles(sid)
            if not members:
                raise KeyError(f"no story {sid!r} in {db.path}")
            nlp.annotate(members, batch_size=options.batch_size)
            built = build_story(members, options, errors)
            built.id = sid
            stories.append(built)
            articles.extend(members)
    return Briefing(articles=articles, stories=stories, errors=errors)
